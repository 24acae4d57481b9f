"""Passive detection of the ``passiv`` and ``nynorsk-st-passiv`` rules, measured per sentence on UD.

Each sentence's raw text (``# text``) is checked by the engine as a post of its own, with the
file's standard as the post's målform and only the two passive rules on; a sentence counts as
"flagged" when either rule reports something in it. Gold, per sentence:

- ``ud``: any token with ``Voice=Pass`` or an ``aux:pass`` dependent (the UD annotation as is).
  UD_Norwegian-Nynorsk marks no ``Voice=Pass`` at all, so in nynorsk this gold holds only the
  bli/verte passives and every -ast/-st passive the rule finds («kan behandlast») counts as a
  false alarm. Hence, for nynorsk, also:
- ``ud+st``: ``ud`` plus -st passives read off the same UD annotation: a VERB, not a participle,
  whose form ends in -st and whose lemma does not (UD lemmatises deponents as «synast», «finnast»),
  or that has a modal auxiliary (UD lemmatises a few passives with -ast too: «må gjerast»).
- ``ud:bli`` (nynorsk): the ``ud`` gold against the bli/verte findings only, the constructions
  UD_Norwegian-Nynorsk does annotate.

The nynorsk-st-passiv rule alone is measured against the UD tree too: an -st passive (as above)
with no modal ``aux`` dependent and no infinitive marker «å» is a present-tense -st passive.

    /tmp/venv/bin/python benchmarks/passive_eval.py [--errors] [--json] [--limit N]

Only figures and, with --errors, short excerpts are printed; nothing from UD is written to the repo.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UD = ROOT.parent / "shared" / "data" / "ud-dev"
FILES = {"nb": "no_bokmaal-ud-dev.conllu", "nn": "no_nynorsk-ud-dev.conllu"}
RULES = ("passiv", "nynorsk-st-passiv")
MODAL_LEMMAS = {"kunne", "måtte", "skulle", "burde", "ville", "få", "lyte", "trenge", "tore"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, found/gold words, text)

    def add(self, gold: bool, found: bool, note: str, text: str) -> None:
        if gold and found:
            self.tp += 1
        elif found:
            self.fp += 1
            self.errors.append(("FP", note, text))
        elif gold:
            self.fn += 1
            self.errors.append(("FN", note, text))

    def figures(self) -> dict[str, float | int]:
        from klarsprak.language.model.evaluate import Counts

        return Counts(self.tp, self.fp, self.fn).as_dict()


def st_passives(sentence) -> set[int]:
    """-st passives read off UD (nynorsk has no Voice=Pass): VERB, not participle, -st form, and
    a lemma without -st (deponents keep it: «synast», «finnast») or a modal auxiliary (UD also
    lemmatises some passives with -ast: «må gjerast», «skal leggjast fram»)."""
    found = set()
    for i, t in enumerate(sentence.tokens):
        if t.pos != "VERB" or not t.form.lower().endswith("st") or "VerbForm=Part" in t.feats:
            continue
        modal = any(d.head == i + 1 and d.deprel.startswith("aux") and d.lemma in MODAL_LEMMAS for d in sentence.tokens)
        if not t.lemma.lower().endswith("st") or modal:
            found.add(i)
    return found


def ud_passives(sentence) -> set[int]:
    from klarsprak.language.model.evaluate import gold_passive

    return gold_passive(sentence)


def st_errors(sentence) -> set[int]:
    """-st passives with no modal auxiliary and no «å» among their dependents."""
    found = set()
    for i in st_passives(sentence):
        dependents = [t for t in sentence.tokens if t.head == i + 1]
        modal = any(t.deprel.startswith("aux") and t.lemma in MODAL_LEMMAS for t in dependents)
        marker = any(t.deprel == "mark" and t.form.lower() == "å" for t in dependents)
        # coordinated infinitives share the first conjunct's modal («kan sendast og behandlast»)
        head = sentence.tokens[i].head
        shared = sentence.tokens[i].deprel == "conj" and head > 0 and any(
            t.head == head and t.deprel.startswith("aux") and t.lemma in MODAL_LEMMAS for t in sentence.tokens)
        if not (modal or marker or shared):
            found.add(i)
    return found


def _forms(sentence, indices: set[int]) -> str:
    return ", ".join(sentence.tokens[i].form for i in sorted(indices))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=UD)
    parser.add_argument("--errors", action="store_true", help="print every false alarm and miss")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument("--limit", type=int, help="only the first N sentences per file")
    args = parser.parse_args(argv)

    from klarsprak.engine.config import Config
    from klarsprak.engine.lint import Engine
    from klarsprak.language.model.corpus import read_conllu

    engine = Engine(Config().with_changes(select=list(RULES)))
    results: dict[str, dict] = {}
    for malform, name in FILES.items():
        sentences = read_conllu(args.ud / name)[: args.limit]
        scores = {"ud": Score(), "ud:bli": Score(), "ud+st": Score(), "st-error": Score()}
        for sentence in sentences:
            result = engine.check(sentence.text, "setning.txt", fmt="text", front_matter={"malform": malform})
            found = [d for d in result.diagnostics if d.rule in RULES]
            words = ", ".join(sentence.text[d.start:d.end] for d in found)
            gold_ud = ud_passives(sentence)
            gold_st = st_passives(sentence) if malform == "nn" else set()
            note = words or _forms(sentence, gold_ud | gold_st)
            scores["ud"].add(bool(gold_ud), bool(found), note, sentence.text)
            if malform == "nn":
                bli = [d for d in found if d.data.get("params", {}).get("kind") == "bli-passiv"]
                scores["ud:bli"].add(bool(gold_ud), bool(bli), note, sentence.text)
                scores["ud+st"].add(bool(gold_ud | gold_st), bool(found), note, sentence.text)
                errors = st_errors(sentence)
                flagged = [d for d in found if d.rule == "nynorsk-st-passiv"]
                scores["st-error"].add(bool(errors), bool(flagged),
                                       ", ".join(sentence.text[d.start:d.end] for d in flagged) or _forms(sentence, errors),
                                       sentence.text)
        results[malform] = {"sentences": len(sentences),
                            **{key: score.figures() for key, score in scores.items() if score.tp + score.fp + score.fn}}
        if args.errors:
            for key, score in scores.items():
                for kind, note, text in score.errors:
                    print(f"{malform} {key:8} {kind} [{note}] {text[:160]}")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print(f"{'målform':8} {'gull':9} {'presisjon':>9} {'dekning':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
        for malform, result in results.items():
            for key, figures in result.items():
                if isinstance(figures, dict):
                    print(f"{malform:8} {key:9} {figures['precision']:9.3f} {figures['recall']:6.3f} "
                          f"{figures['tp']:5} {figures['fp']:5} {figures['fn']:5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

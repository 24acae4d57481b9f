"""Builds checks/builtins/data/verbformer.tsv (present, past, participle per verb lemma) from NDT.

Build the verb-form table that ``passiv`` and ``substantivsjuke`` use to suggest active verbs.

Why: to turn «Søknaden vart behandla» into «Vi behandla søknaden», or «foretok en vurdering» into
«vurderte», the rules need the present, past and participle of a verb lemma in each standard.
Rules alone get strong verbs wrong (nn «skrive» → «skriv», «ta» → «tek»), so we take the most
frequent form of each lemma from the Norwegian Dependency Treebank as *statistics*: one line per
lemma, no sentence text. Sentences that also stand in the UD development sets are left out, as
for the model, so the development figures are not flattered.

Usage: python tools/build_verb_forms.py [NDT_FOLDER] [UD_DEV_FOLDER]
       (defaults ../shared/data/ndt and ../shared/data/ud-dev)
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "klarsprak" / "checks" / "builtins" / "data" / "verbformer.tsv"
SHARED = ROOT.parent / "shared" / "data"
STANDARDS = {"nob": "nb", "nno": "nn"}
HEADER = (
    "# Verbformer (standard, lemma, infinitiv, presens, preteritum, perfektum partisipp), mest brukte form.\n"
    "# Avleidd statistikk fra Norsk dependenstrebank (NDT, bokmål og nynorsk), Språkbanken/Nasjonalbiblioteket\n"
    "# og Universitetet i Oslo, via NorNE (github.com/ltgoslo/norne). Annotasjonene er CC0; ingen tekst er kopiert.\n"
    "# Bygd med tools/build_verb_forms.py.\n"
)
SLOTS = {"inf": 0, "pres": 1, "pret": 2, "perf-part": 3}
MIN_COUNT = 1
NEUTER_PARTICIPLE = {"<perf-part>", "nøyt", "ub", "eint"}


def slot(feats: set[str]) -> int | None:
    """Which principal part an NDT verb tag is: active forms only (no passive, no deponent)."""
    if feats & {"pass", "st-form", "<st-form>", "<s-verb>", "<st-verb>", "unorm", "fork", "samset"}:
        return None
    for name, index in SLOTS.items():
        if name in feats:
            return index
    return None


def build(ndt: Path, ud_dev: Path) -> list[str]:
    from klarsprak.language.model.corpus import iter_ndt, normalise, read_conllu

    dev = {normalise("".join(t.form for t in s.tokens)) for p in ud_dev.glob("*.conllu") for s in read_conllu(p)}
    counts: dict[tuple[str, str], list[Counter]] = defaultdict(lambda: [Counter() for _ in SLOTS])
    # Participles after «har» are verbs in NDT; after «vart»/«er» they are adjectives (neuter
    # singular is the form used with «har»): the fallback when a lemma has no verb participle.
    adjectival: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for folder, standard in STANDARDS.items():
        for _path, sentences in iter_ndt(ndt, folder):
            for sentence in sentences:
                if normalise("".join(t.form for t in sentence.tokens)) in dev:
                    continue
                for token in sentence.tokens:
                    if not token.lemma.isalpha() or not token.lemma.islower():
                        continue
                    feats = set(token.feats.split("|"))
                    if token.pos == "adj" and NEUTER_PARTICIPLE <= feats and not feats & {"samset", "unorm"}:
                        adjectival[(standard, token.lemma)][token.form.lower()] += 1
                        continue
                    if token.pos != "verb":
                        continue
                    index = slot(feats)
                    if index is not None and token.form.isalpha():
                        counts[(standard, token.lemma)][index][token.form.lower()] += 1
    lines = []
    for (standard, lemma), slots in sorted(counts.items()):
        forms = [c.most_common(1)[0][0] if c and c.most_common(1)[0][1] >= MIN_COUNT else "" for c in slots]
        if not forms[3] and adjectival.get((standard, lemma)):
            forms[3] = adjectival[(standard, lemma)].most_common(1)[0][0]
        if forms[1] or forms[2] or forms[3]:
            lines.append("\t".join((standard, lemma, *forms)))
    return lines


def main(argv: list[str]) -> int:
    ndt = Path(argv[1]) if len(argv) > 1 else SHARED / "ndt"
    ud_dev = Path(argv[2]) if len(argv) > 2 else SHARED / "ud-dev"
    lines = build(ndt, ud_dev)
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} verb lemmas → {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""Measure målform detection on UD Norwegian dev (bokmål and nynorsk).

Counts ``mixed`` and ``unknown`` as wrong. Reports single sentences of 6+ tokens (UD tokens,
punctuation included), of 6+ words (punctuation left out), and 4-sentence "posts" (consecutive
sentences in file order, non-overlapping), plus the confusion and the speed.

Usage:
    python benchmarks/malform_eval.py [--data-dir DIR] [--bokmaal FILE] [--nynorsk FILE]
                                      [--errors N] [--seed S]
Goals (issue 3): >= 98 % on 6+ token sentences, >= 99.7 % on posts.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from klarsprak.language.malform import (
    Malform,
    MalformResult,
    detect_malform,
    marker_data,
)

DEFAULT_DIR = Path(os.environ.get("KLARSPRAK_UD_DEV", "/work/shared/data/ud-dev"))
LABELS = (Malform.NB, Malform.NN, Malform.MIXED, Malform.UNKNOWN)


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    words: int  # tokens that are not punctuation or symbols
    text: str


def read_conllu(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[str] = []
    words = 0
    text = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif not line.strip():
            if tokens:
                sentences.append(Sentence(tuple(tokens), words, text or " ".join(tokens)))
            tokens, words, text = [], 0, ""
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            tokens.append(cols[1])
            if cols[3] not in ("PUNCT", "SYM"):
                words += 1
    if tokens:
        sentences.append(Sentence(tuple(tokens), words, text or " ".join(tokens)))
    return sentences


@dataclass
class Tally:
    name: str
    total: int = 0
    correct: int = 0
    confusion: collections.Counter = None  # (gold, predicted) -> n
    errors: list = None

    def __post_init__(self) -> None:
        self.confusion = collections.Counter()
        self.errors = []

    def add(self, gold: Malform, result: MalformResult, text: str) -> None:
        self.total += 1
        self.confusion[(gold, result.malform)] += 1
        if result.malform == gold:
            self.correct += 1
        else:
            self.errors.append((gold, result, text))

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def evaluate(sets: dict[Malform, list[Sentence]]) -> tuple[list[Tally], float]:
    tallies = {key: Tally(key) for key in ("sentences 6+ tokens", "sentences 6+ words", "posts of 4 sentences")}
    words = 0
    started = time.perf_counter()
    for gold, sentences in sets.items():
        for sentence in sentences:
            if len(sentence.tokens) < 6 and sentence.words < 6:
                continue
            result = detect_malform(sentence.tokens)
            words += len(sentence.tokens)
            if len(sentence.tokens) >= 6:
                tallies["sentences 6+ tokens"].add(gold, result, sentence.text)
            if sentence.words >= 6:
                tallies["sentences 6+ words"].add(gold, result, sentence.text)
        for start in range(0, len(sentences) - 3, 4):
            group = sentences[start:start + 4]
            tokens = [token for sentence in group for token in sentence.tokens]
            words += len(tokens)
            tallies["posts of 4 sentences"].add(gold, detect_malform(tokens), " ".join(s.text for s in group))
    elapsed = time.perf_counter() - started
    return list(tallies.values()), words / elapsed if elapsed else 0.0


def explain(result: MalformResult, limit: int = 8) -> str:
    """Evidence as ``word(ending):standard=weight``; ``~`` marks weak evidence."""
    parts = []
    for ev in result.evidence[:limit]:
        label = f"{ev.word}({ev.ending})" if ev.ending else ev.word
        label += "~" if ev.weak else ""  # weak evidence
        parts.append(f"{label}:{ev.standard.value}{'x' + str(ev.count) if ev.count > 1 else ''}={ev.weight:g}")
    return ", ".join(parts) or "no evidence"


def report(tallies: list[Tally], speed: float, errors: int, seed: int, errors_from: str = "sentences") -> None:
    print(f"{'set':<24}{'n':>7}{'correct':>9}{'accuracy':>10}")
    for tally in tallies:
        print(f"{tally.name:<24}{tally.total:>7}{tally.correct:>9}{tally.accuracy:>9.2%}")
    for tally in tallies:
        print(f"\nconfusion, {tally.name} (rows: gold, columns: predicted)")
        print(f"{'':<6}" + "".join(f"{label.value:>9}" for label in LABELS))
        for gold in (Malform.NB, Malform.NN):
            print(f"{gold.value:<6}" + "".join(f"{tally.confusion[(gold, label)]:>9}" for label in LABELS))
    print(f"\nspeed: {speed:,.0f} tokens/s (one core, after loading the markers)")
    if errors:
        rng = random.Random(seed)
        tally = next(t for t in tallies if t.name.startswith(errors_from))
        sample = rng.sample(tally.errors, min(errors, len(tally.errors)))
        print(f"\n{len(sample)} of {len(tally.errors)} misclassified ({tally.name}):")
        for gold, result, text in sample:
            print(f"- gold {gold.value}, got {result.malform.value} (nb {result.nb_score:g}, nn {result.nn_score:g}; weak nb {result.weak_nb:g}, nn {result.weak_nn:g}): {text}")
            print(f"    evidence: {explain(result)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål målformgjenkjenninga på UD-dev (bokmål og nynorsk).")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR, help="mappe med UD-dev-filene")
    parser.add_argument("--bokmaal", type=Path, help="CoNLL-U-fil med bokmål (standard: no_bokmaal-ud-dev.conllu)")
    parser.add_argument("--nynorsk", type=Path, help="CoNLL-U-fil med nynorsk (standard: no_nynorsk-ud-dev.conllu)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="vis N feilklassifiserte setningar")
    parser.add_argument("--seed", type=int, default=0, help="frø for utvalet av feil")
    parser.add_argument("--errors-from", choices=("sentences", "posts"), default="sentences",
                        help="vis feil frå setningane (6+ token) eller frå innlegga")
    args = parser.parse_args(argv)
    bokmaal = args.bokmaal or args.data_dir / "no_bokmaal-ud-dev.conllu"
    nynorsk = args.nynorsk or args.data_dir / "no_nynorsk-ud-dev.conllu"
    for path in (bokmaal, nynorsk):
        if not path.is_file():
            print(f"finn ikkje fila {path}", file=sys.stderr)
            return 2
    started = time.perf_counter()
    marker_data()
    load = time.perf_counter() - started
    sets = {Malform.NB: read_conllu(bokmaal), Malform.NN: read_conllu(nynorsk)}
    tallies, speed = evaluate(sets)
    report(tallies, speed, args.errors, args.seed, args.errors_from)
    print(f"marker load: {load * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

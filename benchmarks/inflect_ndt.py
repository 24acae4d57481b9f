"""Measure klarsprak.language.inflect against the Norwegian Dependency Treebank (bokmål and nynorsk).

For every noun, adjective and verb lemma in NDT, generate its forms with the paradigm its tags
imply (nouns: gender; verbs: the automatic ``verb`` class) and report
- recall: the share of attested word tokens whose form the generator produces, and
- collisions: generated forms that NDT only ever shows as a form of a *different* lemma.
The treebank is only read, never copied (see ../shared/data/README.md).

Usage: python benchmarks/inflect_ndt.py [NDT_DIR] [--show N]
"""

from __future__ import annotations

import argparse
import collections
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from klarsprak.language.inflect import generate_forms

CLASSES = ("verb", "verb-et", "verb-te", "verb-de", "verb-dde")
# Auxiliaries and modals: suppletive, never in a word list; reported separately.
AUXILIARIES = frozenset(
    {"være", "vere", "bli", "verte", "kunne", "ville", "vilje", "skulle", "måtte", "burde", "vite"}
)
GENDER = {"mask": "noun-m", "fem": "noun-f", "nøyt": "noun-n"}


def read(folder: str) -> list[tuple[str, str, str, set[str]]]:
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*.conll"))):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 6 and parts[0].isdigit():
                    rows.append((parts[1].lower(), parts[2].lower(), parts[3], set(parts[5].split("|"))))
    return rows


def paradigm_of(pos: str, tags: set[str]) -> str | None:
    if pos == "subst" and "appell" in tags:
        for gender in ("fem", "mask", "nøyt"):
            if gender in tags:
                return GENDER[gender]
    if pos == "adj" and "<pres-part>" not in tags and "<perf-part>" not in tags:
        return "adj"
    if pos == "verb":
        return "verb"
    return None


def covered(lemma: str, forms: collections.Counter, code: str, malform: str) -> int:
    """Attested tokens of ``lemma`` that paradigm ``code`` generates."""
    made = generate_forms(lemma, code, malform)
    return sum(count for form, count in forms.items() if form in made)


def evaluate(rows, malform: str, show: int) -> None:
    lemma_forms: dict[tuple[str, str], collections.Counter] = collections.defaultdict(
        collections.Counter
    )
    form_lemmas: dict[str, set[str]] = collections.defaultdict(set)
    lemma_paradigm: dict[tuple[str, str], collections.Counter] = collections.defaultdict(
        collections.Counter
    )
    for form, lemma, pos, tags in rows:
        form_lemmas[form].add(lemma)
        paradigm = paradigm_of(pos, tags)
        if paradigm and lemma.isalpha() and form.isalpha():
            klass = paradigm.split("-")[0]
            if klass == "verb" and lemma in AUXILIARIES:
                klass = "aux"
            key = (lemma, klass)
            lemma_forms[key][form] += 1
            lemma_paradigm[key][paradigm] += 1
    totals = collections.defaultdict(lambda: [0, 0, 0, 0])  # tokens, hit, generated, collisions
    misses: collections.Counter = collections.Counter()
    collisions: collections.Counter = collections.Counter()
    for key, forms in lemma_forms.items():
        lemma = key[0]
        if key[1] == "aux":
            continue
        counts = lemma_paradigm[key]
        paradigm = "noun-f" if key[1] == "noun" and "noun-f" in counts else counts.most_common(1)[0][0]
        generated = generate_forms(lemma, paradigm, malform)
        if key[1] == "verb":  # also: the weak class a word-list author would pick
            best = max(CLASSES, key=lambda code: covered(lemma, forms, code, malform))
            explicit = generate_forms(lemma, best, malform)
            oracle = totals["verb (best code)"]
            oracle[0] += sum(forms.values())
            oracle[1] += sum(c for f, c in forms.items() if f in explicit)
        stats = totals[key[1]]
        for form, count in forms.items():
            stats[0] += count
            if form in generated:
                stats[1] += count
            else:
                misses[(lemma, paradigm, form)] += count
        for form in generated - set(forms) - {lemma}:
            stats[2] += 1
            others = form_lemmas.get(form, set()) - {lemma}
            if others:
                stats[3] += 1
                collisions[(lemma, paradigm, form, ",".join(sorted(others)))] += 1
    print(f"== {malform}")
    for klass, (tokens, hit, generated, clashes) in sorted(totals.items()):
        line = f"{klass:5} recall {hit / tokens:6.1%} of {tokens} tokens"
        if generated:
            line += (f"; {clashes} of {generated} extra generated forms are another lemma's form"
                     f" in NDT ({clashes / generated:.2%})")
        print(line)
    if show:
        print("most frequent misses:", misses.most_common(show))
        print("collisions (sample):", list(collisions)[:show])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ndt")
    parser.add_argument("ndt", nargs="?", default=default)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    for folder, malform in (("nob", "nb"), ("nno", "nn")):
        evaluate(read(os.path.join(args.ndt, folder)), malform, args.show)


if __name__ == "__main__":
    main()

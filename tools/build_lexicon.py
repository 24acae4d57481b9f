"""Builds checks/builtins/data/ord.txt and ordpar.txt (lower-case word forms, split word pairs) from NDT.

Build the small word statistics that the helsenorge/uu builtins ship (run once, output committed).

Why: ``store-bokstaver`` must tell shouting («VIKTIG», «IKKJE») from abbreviations («ADHD»,
«NTNU»), and ``emneknagg`` must tell a multi-word hashtag (#psykiskhelse) from one compound word
(#folkehelse). Both need to know which lower-case words exist and which word pairs are written
apart. We derive that from the Norwegian Dependency Treebank (bokmål and nynorsk) as *statistics*:
word forms seen in lower case, and lower-case word pairs seen at least twice. No sentence text is
copied (the NDT texts must not be republished).

Usage: python tools/build_lexicon.py [NDT_FOLDER]   (default ../shared/data/ndt)
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "klarsprak" / "checks" / "builtins" / "data"
HEADER = (
    "# {what}\n"
    "# Avleidd statistikk fra Norsk dependenstrebank (NDT, bokmål og nynorsk), Språkbanken/Nasjonalbiblioteket\n"
    "# og Universitetet i Oslo, via NorNE (github.com/ltgoslo/norne). Annotasjonene er CC0; ingen tekst er kopiert.\n"
    "# Bygd med tools/build_lexicon.py.\n"
)


def sentences(folder: Path):
    for path in sorted(folder.glob("no*/*.conll")):
        words: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if words:
                    yield words
                words = []
                continue
            words.append(line.split("\t")[1])
        if words:
            yield words


def is_plain(word: str) -> bool:
    return word.isalpha() and word.islower()


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "ndt"
    forms: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for words in sentences(folder):
        forms.update(word for word in words if is_plain(word) and len(word) >= 2)
        pairs.update((a, b) for a, b in pairwise(words) if is_plain(a) and is_plain(b))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ord.txt").write_text(
        HEADER.format(what="Ordformer som er brukt med små bokstaver (ett ord per linje).")
        + "".join(f"{word}\n" for word in sorted(forms)), encoding="utf-8")
    kept = sorted(pair for pair, count in pairs.items() if count >= 2)
    (OUT / "ordpar.txt").write_text(
        HEADER.format(what="Ordpar skrevet hver for seg minst to ganger (to ord per linje).")
        + "".join(f"{a} {b}\n" for a, b in kept), encoding="utf-8")
    print(f"{len(forms)} ordformer, {len(kept)} ordpar → {OUT}")


if __name__ == "__main__":
    main()

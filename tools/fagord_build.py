"""Build the word-frequency table the ``fagord`` rule reads: ``klarsprak/checks/builtins/data/fagord-frekvens.tsv``.

One line per word, ``word<TAB>zipf`` (Zipf scale: log10 of frequency per billion words; 3 = once per
million words, everyday words are 4–7). Two kinds of words go in, so the table stays small:

- every word of 3+ letters with Zipf >= ``PART_ZIPF`` (common words, and the parts a compound is
  built from: «blod», «trykk», «måling»);
- long words (``LONG`` letters or more) with Zipf >= ``LONG_ZIPF`` that are *not* built from two
  common parts («vaksinasjonsprogram» 1.6, «timebestilling» 1.8); a long word built from common parts
  needs no line of its own: the rule finds its parts.

Sources (statistics only; no text is copied):
- wordfreq 3.x, bokmål («nb») frequencies: Robyn Speer, https://github.com/rspeer/wordfreq
  (code Apache-2.0; data CC BY-SA 4.0, built from Wikipedia, OpenSubtitles, news, web text and more).
- NDT, the Norwegian Dependency Treebank (Språkbanken and the University of Oslo; annotations CC0),
  both halves: word counts turned into Zipf, so nynorsk forms («verksemd», «sommar») count too.
  NDT files that share a sentence with UD dev (the measuring set) are left out.

The derived table is therefore under CC BY-SA 4.0 (see its header and the README).

A second file, ``fagord-nynorsk.txt``, lists long lemmas of Norsk ordbank – nynorsk 2012 (CC BY 4.0)
that the mostly-bokmål frequencies miss: in a nynorsk post they count as ordinary words.

    .venv/bin/pip install wordfreq   # build time only; the rule never imports it
    .venv/bin/python tools/fagord_build.py
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

import lexicon_evidence  # noqa: E402

OUT = ROOT / "klarsprak" / "builtins" / "data" / "fagord-frekvens.tsv"
OUT_NN = ROOT / "klarsprak" / "builtins" / "data" / "fagord-nynorsk.txt"
NN_LONG = 10  # letters: nynorsk dictionary lemmas stored from this length
PART_ZIPF = 3.0  # common words and compound parts
SPLIT_ZIPF = 4.0  # a long word is left out only if it splits into parts this common (the rule's
                  # ``part_zipf`` may be set anywhere from PART_ZIPF to here)
LONG = 10  # letters: long words below PART_ZIPF are stored only from this length
LONG_ZIPF = 1.5  # and only with at least this frequency (the rule's ``min_zipf`` may not go lower)
NDT_MIN = 3  # NDT counts below this say nothing about frequency
NDT_DISCOUNT = 0.5  # NDT is small (~600,000 words): its Zipf is an upper estimate

HEADER = """\
# fagord-frekvens: how common Norwegian words are (Zipf scale; 3 = once per million words).
# Built by tools/fagord_build.py — rerun it, do not edit by hand. Statistics only, no text.
# Sources: wordfreq (Robyn Speer, https://github.com/rspeer/wordfreq), bokmål frequencies, data
# CC BY-SA 4.0 (Wikipedia, OpenSubtitles, news, web and more); and NDT, Norsk dependenstrebank
# (Språkbanken, Nasjonalbiblioteket, and the University of Oslo; annotations CC0), word counts from
# both standards. Licence of this table: CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/
"""


def ndt_zipf() -> dict[str, float]:
    counts: Counter = Counter()
    for standard in ("nb", "nn"):
        for cols in lexicon_evidence.ndt_rows(standard):
            if "prop" not in cols[5].split("|"):
                counts[cols[1].lower()] += 1
    total = sum(counts.values())
    return {word: math.log10(count / total * 1e9) - NDT_DISCOUNT
            for word, count in counts.items() if count >= NDT_MIN and word.isalpha()}


def main() -> int:
    try:
        import wordfreq
    except ImportError:
        print("installer wordfreq først: .venv/bin/pip install wordfreq", file=sys.stderr)
        return 2
    from klarsprak.checks.builtins.fagord import split_known

    zipf: dict[str, float] = {}
    for word in wordfreq.get_frequency_dict("nb"):
        if word.isalpha() and len(word) >= 3:
            zipf[word] = wordfreq.zipf_frequency(word, "nb")
    for word, value in ndt_zipf().items():
        if len(word) >= 3 and value > zipf.get(word, 0.0):
            zipf[word] = round(value, 2)
    common = {word: value for word, value in zipf.items() if value >= PART_ZIPF}
    table = dict(common)
    for word, value in zipf.items():
        if word in table or len(word) < LONG or value < LONG_ZIPF:
            continue
        if split_known(word, common, SPLIT_ZIPF, parts=2) is None:
            table[word] = value
    lines = [f"{word}\t{value:.1f}" for word, value in sorted(table.items())]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(common)} common words, {len(table) - len(common)} long rarer words")
    write_nynorsk(table)
    return 0


HEADER_NN = """\
# fagord-nynorsk: long nynorsk dictionary words (lemmas) the frequency table cannot vouch for,
# because its frequencies are mostly bokmål («etterspurnad», «fagforeining», «skodespelar»).
# In a nynorsk post a word listed here counts as an ordinary word. Built by tools/fagord_build.py.
# Source: Norsk ordbank – nynorsk 2012 (Språkbanken, Nasjonalbiblioteket; © Universitetet i Bergen
# og Språkrådet), CC BY 4.0, https://creativecommons.org/licenses/by/4.0/ — lemma list, filtered
# to words of 10+ letters that the frequency table does not already know.
"""


def write_nynorsk(table: dict[str, float]) -> None:
    from klarsprak.checks.builtins.fagord import split_known, variants

    words = []
    for lemma in sorted(lexicon_evidence.ordbank_lemmas("nn")):
        if len(lemma) < NN_LONG or not lemma.isalpha():
            continue
        forms = variants(lemma, "nn")
        if any(table.get(form, 0.0) >= LONG_ZIPF for form in forms):
            continue
        if any(split_known(form, table, SPLIT_ZIPF, parts=2) for form in forms):
            continue
        words.append(lemma)
    OUT_NN.write_text(HEADER_NN + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {OUT_NN}: {len(words)} lemmas")


if __name__ == "__main__":
    raise SystemExit(main())

"""``fagord``: words the reader may not know — long, rare words and opaque compounds.

A word is flagged when all of these hold (research notes §1; Språkrådet: «forklar fagord»):
- the model tags it as a noun or adjective (not a name), it is written in lower case (or opens the
  sentence), has only letters, and is at least ``min_length`` letters long;
- neither the word nor its lemma is common: Zipf frequency below ``min_zipf`` in the table built
  from wordfreq and NDT (``data/fagord-frekvens.tsv``; 1.5 ≈ 3 times per 100 million words);
- it is not a compound of two common words (each at least ``part_zipf``): «blodtrykksmåling» is
  «blodtrykk» + «måling» and reads easily, «egenandelstak» is not, as «egenandel» is itself rare;
- it is not on the rule's allow list (health words a general reader knows: «fastlege», «legevakt»),
  nor in the project's ``words`` list;
- the post does not explain it: «(…)» right after the word, or «det vil si», «dvs.», «som betyr»,
  «altså», «det vil seie», «som tyder», «:» or «–» within the next few words.

Each word is reported once per post, at its first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from klarsprak.builtins._felles import prose_segments
from klarsprak.checks import Check, CheckContext, Finding, Options
from klarsprak.checks.builtin import register

_TABLE = Path(__file__).resolve().parent / "data" / "fagord-frekvens.tsv"
_LINKS = ("", "s", "e")  # compound joints: «blodtrykk|s|måling», «barn|e|hage»
MIN_PART = 3  # letters in each compound part


@cache
def frequencies() -> dict[str, float]:
    """Word → Zipf frequency (see benchmarks/fagord_build.py for what is in the table)."""
    table: dict[str, float] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            table[word] = float(value)
    return table


def split_known(word: str, table: Mapping[str, float], part_zipf: float = 3.5) -> tuple[str, str] | None:
    """Two common parts the word is made of («blodtrykk», «måling»), or None."""
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        if table.get(head, 0.0) < part_zipf:
            continue
        for link in _LINKS:
            if not word.startswith(link, cut):
                continue
            tail = word[cut + len(link):]
            if len(tail) >= MIN_PART and table.get(tail, 0.0) >= part_zipf:
                return head, tail
    return None


class FagordOptions(Options):
    min_length: int = 12  # letters
    min_zipf: float = 1.5  # a word at least this common is known
    part_zipf: float = 3.5  # compound parts at least this common make the compound readable
    pos: list[str] = ["NOUN", "ADJ"]
    allow: list[str] = []  # words (lemmas or forms, both standards) every reader knows
    explained_by: list[str] = []  # phrases after the word that explain it («det vil si»)
    window: int = 4  # words after the term in which an explanation may start


@register("fagord")
class Fagord(Check):
    level = "document"
    Options = FagordOptions

    def __init__(self, rule: Any, options: FagordOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        self.allow = frozenset(word.lower() for word in options.allow)
        self.explanations = [tuple(phrase.lower().split()) for phrase in options.explained_by]

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        seen: set[str] = set()
        for item in prose_segments(analysis, self.rule):
            doc = item.doc
            if not (len(doc) and doc.has_annotation("POS") and doc.has_annotation("LEMMA")):
                continue
            for token in doc:
                if not self._candidate(token, ctx):
                    continue
                key = token.lemma_.lower() or token.lower_
                if key in seen:
                    continue
                seen.add(key)
                if self._hard(token) and not self._explained(token):
                    start = item.segment.start + token.idx
                    yield Finding(start, start + len(token.text), params={"match": token.text},
                                  fixable=False)

    def _candidate(self, token: Any, ctx: CheckContext) -> bool:
        options: FagordOptions = self.options  # type: ignore[assignment]
        text = token.text
        if token.pos_ not in options.pos or len(text) < options.min_length or not text.isalpha():
            return False
        if text[:1].isupper() and not token.is_sent_start:
            return False  # a name or a title
        if text.isupper():
            return False  # an abbreviation or shouting: other rules
        words = {token.lower_, token.lemma_.lower()}
        return not (words & self.allow or any(ctx.config.is_accepted_word(word) for word in words))

    def _hard(self, token: Any) -> bool:
        options: FagordOptions = self.options  # type: ignore[assignment]
        table = frequencies()
        words = [token.lower_, token.lemma_.lower()]
        if any(table.get(word, 0.0) >= options.min_zipf for word in words):
            return False
        return not any(split_known(word, table, options.part_zipf) for word in words if word.isalpha())

    def _explained(self, token: Any) -> bool:
        """«egenandelstak (det høyeste beløpet du betaler)», «…, det vil si …», «… som betyr …»."""
        doc = token.doc
        after = [t for t in doc[token.i + 1 : token.i + 1 + self.options.window + 3] if not t.is_space]
        if after and after[0].text in ("(", ":", "–", "—"):
            return True
        lowers = [t.lower_.rstrip(".") for t in after if t.text not in (",",)]
        for phrase in self.explanations:
            for start in range(min(len(lowers), self.options.window)):
                if tuple(lowers[start : start + len(phrase)]) == phrase:
                    return True
        return False

"""Tone marks that shout: exclamation marks (``utropstegn``) and words in capitals (``store-bokstaver``).

The strategy's tone is «trygg» and «profesjonell»: one «!» can be friendly, several read as
shouting or alarm. Capitals are read as shouting and are harder to read (Altinn, NTNU Grafisk senter),
but abbreviations are written in capitals, so a capitalised word is only flagged when it is an
ordinary word (it exists in lower case in Norwegian text) and not a known abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._felles import (
    Message,
    lexicon,
    prose_segments,
    word_tokens,
)
from klarsprak.checks.builtins.registry import register
from klarsprak.core.errors import KlarsprakError

_MARKS = re.compile(r"[!?]*(?:!|‼|⁉)[!?‼⁉]*")
# The short greeting or farewell a «!» belongs to («Hei!», «Ha en fin dag!»): friendly, not loud.
_WORDS_BEFORE = re.compile(r"([^\W\d_][\w ,]*)\Z")


class UtropstegnOptions(Options):
    max: int = 1  # exclamation marks allowed in one post
    repeated: Message  # message for «!!», «?!»
    greetings: list[str] = []  # «hei», «ha en fin dag»: a single «!» after one of these is not counted


@register("utropstegn")
class Utropstegn(Check):
    """Every «!» after the first in a post, and every run like «!!» or «?!»."""

    level = "document"
    Options = UtropstegnOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        runs = [(offset, run, text) for offset, run, text in self._runs(analysis)
                if not (run.group() == "!" and self._after_greeting(text, run.start()))]
        total = sum(run.group().count("!") + 2 * run.group().count("‼") + run.group().count("⁉") for _, run, _ in runs)
        seen = 0
        for offset, run, _ in runs:
            start, end = offset + run.start(), offset + run.end()
            text = run.group()
            if len(text) > 1 or text in "‼⁉":
                seen += 1
                yield Finding(start, end, params={"match": text, "count": total, "max": self.options.max},
                              suggestions=("!",) if "?" not in text else ("?",),
                              message=self.options.repeated.text(analysis.message_malform))
                continue
            seen += 1
            if seen > self.options.max:
                yield Finding(start, end, params={"match": text, "count": total, "max": self.options.max},
                              suggestions=(".",))

    def _runs(self, analysis: Any) -> Iterator[tuple[int, re.Match[str], str]]:
        for item in prose_segments(analysis, self.rule):
            text = item.segment.text
            for match in _MARKS.finditer(text):
                if text[match.end():match.end() + 1] == "[":  # ![image](…) when markup is not masked
                    continue
                yield item.segment.start, match, text

    @cached_property
    def _greetings(self) -> frozenset[str]:
        return frozenset(" ".join(greeting.lower().split()) for greeting in self.options.greetings)

    def _after_greeting(self, text: str, end: int) -> bool:
        """«Hei!» or «Ha en fin dag!» (a name may follow the greeting: «Hei, Kari!»)."""
        sentence = re.split(r"[.!?\n]", text[:end])[-1]
        words = _WORDS_BEFORE.search(sentence)
        if words is None:
            return False
        phrase = " ".join(words.group(1).replace(",", " ").lower().split())
        return any(phrase == greeting or phrase.startswith(greeting + " ") and len(phrase.split()) - len(greeting.split()) <= 2
                   for greeting in self._greetings)


class StoreBokstaverOptions(Options):
    min_letters: int = 4  # shorter capitalised words are nearly always abbreviations (EU, NAV, FHI)
    allow: list[str] = []  # abbreviations that are also ordinary words (AIDS, KOLS, SARS …)
    shout_words: list[str] = []  # capitalised words that are shouting even if the lexicon lacks them
    abbreviation_lists: list[str] = []  # word lists whose entries are abbreviations


@register("store-bokstaver")
class StoreBokstaver(Check):
    """A run of capitalised words with at least one ordinary word in it («IKKE», «VIKTIG INFO»)."""

    Options = StoreBokstaverOptions

    def __init__(self, rule: Any, options: StoreBokstaverOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        allowed = {word.lower() for word in options.allow}
        for name in options.abbreviation_lists:
            try:
                wordlist = library.wordlist(name, rule)
            except KlarsprakError:
                continue  # the list is optional: the allow-list above still applies
            allowed |= {entry.word.lower() for entry in wordlist.entries}
        self.allowed = frozenset(allowed)

    @cached_property
    def _shout(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.shout_words)

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in item.doc.sents:
            for run in _capital_runs(word_tokens(sentence)):
                if any(self._is_shouting(token, ctx) for token in run):
                    yield self._finding(run, sentence, item.segment.text)

    def _is_shouting(self, token: Any, ctx: CheckContext) -> bool:
        word = token.lower_
        if word in self.allowed or ctx.config.is_accepted_word(token.text):
            return False
        if token.text in ctx.config.spec.abbreviations:
            return False
        if word in self._shout:
            return True
        letters = sum(char.isalpha() for char in word)
        return letters >= self.options.min_letters and word in lexicon()

    def _finding(self, run: list[Any], sentence: Any, text: str) -> Finding:
        start = run[0].idx
        end = run[-1].idx + len(run[-1].text)
        original = text[start:end]
        lowered = original.lower()
        first_word = next((token for token in sentence if token.text[:1].isalpha()), None)
        if first_word is not None and first_word.i == run[0].i:
            lowered = lowered[:1].upper() + lowered[1:]
        return Finding(start, end, params={"match": original, "suggestion": lowered}, suggestions=(lowered,))


def _is_capital(token: Any) -> bool:
    text = token.text
    if not text.isupper():  # the common case, in C: a word with a lower-case letter
        return False
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters) and not any(char.isdigit() for char in text)


def _capital_runs(tokens: list[Any]) -> Iterator[list[Any]]:
    """Neighbouring capitalised words (only spaces or punctuation between them) as one run.

    A one-letter capital («I», «Å») continues a run («EGEN OG NÆRES I HELSE») but never starts one.
    """
    run: list[Any] = []
    for token in tokens:
        near = bool(run) and token.i - run[-1].i <= 2
        if near and (_is_capital(token) or (token.text.isalpha() and len(token.text) == 1 and token.text.isupper())):
            run.append(token)
            continue
        if run:
            yield _trim(run)
        run = [token] if _is_capital(token) else []
    if run:
        yield _trim(run)


def _trim(run: list[Any]) -> list[Any]:
    while len(run) > 1 and not _is_capital(run[-1]):
        run = run[:-1]
    return run

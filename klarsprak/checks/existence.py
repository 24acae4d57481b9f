"""``existence``: a word or phrase that should not be there at all (no single replacement)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.substitution import keep_whole, token_span
from klarsprak.language.analysis import doc_has, doc_tokens
from klarsprak.language.wordlist import WordEntry, Wordlist


class ExistenceOptions(Options):
    words: list[str] | dict[str, list[str]] = []  # a list for both standards, or {nb: […], nn: […]}
    wordlists: list[str] = []


def _inline_list(name: str, words: list[str], malform: str) -> Wordlist:
    entries = [
        WordEntry(word=word, replace=(), replace_forms={}, safe=False, note=None, allowed=False, line=None,
                  forms=frozenset({word if word != word.lower() else word.lower()}), lemma_based=False)
        for word in words
    ]
    return Wordlist(name, malform, "", ("regel",), "", Path(name), entries)


class Existence(Check):
    Options = ExistenceOptions

    def __init__(self, rule: Any, options: ExistenceOptions, library: Any) -> None:
        super().__init__(rule, options, library)
        words = options.words
        if isinstance(words, dict):
            self.wordlists = [_inline_list(rule.id, list(items), malform) for malform, items in words.items()]
        else:
            self.wordlists = [_inline_list(rule.id, list(words), "both")] if words else []
        self.wordlists += [library.wordlist(name, rule) for name in options.wordlists]

    def prepare(self, nlp: Any) -> None:
        for wordlist in self.wordlists:
            keep_whole(nlp, wordlist.dotted_forms())

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        tokens = doc_tokens(item.doc)
        tagged = doc_has(item.doc, "POS")
        for wordlist in self.wordlists:
            if not wordlist.applies_to(ctx.malform):
                continue
            for match in wordlist.find(tokens):
                if match.entry.allowed or ctx.config.is_accepted_word(match.form):
                    continue
                if not match.entry.fits_pos(tokens[match.start].pos_ if tagged else None):
                    continue  # a word-class-restricted entry needs the model's word class
                start, end = token_span(tokens, match)
                yield Finding(start, end, params={"match": match.form, "note": match.entry.note or ""})

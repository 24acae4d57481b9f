"""``brukerfokus``: a post that talks about «vi/oss/vår» far more than about «du/deg/din».

The strategy's style is «brukerorientert»: the post is about what the reader can do, not about the
agency. Counted over the whole post; imperatives («Logg inn …») count for the reader, because they
speak to the reader without «du». «i vår» (this spring) is a season, not the agency, and words in
quoted speech («…», or a line opened by a dash) are someone else's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._felles import (
    SECOND_PERSON,
    is_imperative_sentence,
    prose_segments,
    word_tokens,
)
from klarsprak.checks.builtins.registry import register
from klarsprak.language.analysis import doc_tokens, span_tokens

FIRST_PERSON = frozenset({"vi", "oss", "vår", "vårt", "våre"})
_SEASON_BEFORE = frozenset({"i", "til", "neste", "førre", "forrige", "denne", "sist", "heile", "hele", "kvar", "hver"})


class BrukerfokusOptions(Options):
    min_words: int = 30  # shorter posts say too little for a ratio
    min_we: int = 5
    ratio: float = 3.0  # «vi» words at least this many times the reader words (at least one)


@register("brukerfokus")
class Brukerfokus(Check):
    level = "document"
    Options = BrukerfokusOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        we: list[tuple[int, int]] = []
        you = 0
        words = 0
        for item in prose_segments(analysis, self.rule):
            tokens = word_tokens(item.doc)
            words += len(tokens)
            quoted = _quoted(item.doc)
            tokens = [token for token in tokens if token.i not in quoted]
            for index, token in enumerate(tokens):
                word = token.lower_
                if word in SECOND_PERSON:
                    you += 1
                elif word in FIRST_PERSON and not _season(tokens, index):
                    start = item.segment.start + token.idx
                    we.append((start, start + len(token.text)))
            you += sum(1 for sentence in item.doc.sents if is_imperative_sentence(sentence))
        if words < self.options.min_words or len(we) < self.options.min_we:
            return
        if len(we) >= self.options.ratio * max(you, 1):
            yield Finding(we[0][0], we[0][1], params={"we": len(we), "you": you, "value": len(we)})


def _season(tokens: list[Any], index: int) -> bool:
    """«i vår», «neste vår»: the spring, not «our»."""
    token = tokens[index]
    if token.lower_ != "vår" or index == 0:
        return False
    return tokens[index - 1].lower_ in _SEASON_BEFORE


def _quoted(doc: Any) -> set[int]:
    """Token indices inside «…»/“…” or in a sentence opened by a speech dash («– Vi er glade, sier hun»)."""
    inside: set[int] = set()
    depth = 0
    for token in doc_tokens(doc):
        if token.text in ("«", "“"):
            depth += 1
        elif token.text in ("»", "”") and depth:
            depth -= 1
        elif depth:
            inside.add(token.i)
    for sentence in doc.sents:
        first = next((token for token in span_tokens(sentence) if not token.is_space), None)
        if first is not None and first.text in ("-", "–", "—"):
            inside.update(range(sentence.start, sentence.end))
    return inside

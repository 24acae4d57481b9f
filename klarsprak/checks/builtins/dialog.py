"""``dialog``: a post that invites no response – no question, no call to action.

Social media are for dialogue (Danish guide, seed 002; Helsenorge's style is «åpen»: we ask for
others' input). A post is quiet when none of its sentences asks a question, tells the reader to do
something («Les mer …», «Logg inn …», «Hugs å …») or says what the reader can do («Du kan …»).
Short posts (greetings, notices) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._felles import (
    addresses_reader,
    is_imperative_sentence,
    prose_segments,
    word_tokens,
)
from klarsprak.checks.builtins.registry import register


class DialogOptions(Options):
    min_words: int = 25
    imperatives: list[str] = []  # extra call-to-action verbs besides the built-in list
    phrases: list[str] = []  # calls to action anywhere in a sentence («det er bare å ta kontakt»)


@register("dialog")
class Dialog(Check):
    level = "document"
    Options = DialogOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        extra = frozenset(word.lower() for word in self.options.imperatives)
        phrases = _phrases(tuple(self.options.phrases))
        items = list(prose_segments(analysis, self.rule))
        words = sum(len(word_tokens(item.doc)) for item in items)
        if words < self.options.min_words:
            return
        first = None
        for item in items:
            text = " ".join(item.segment.text.lower().split())
            if "?" in text or (phrases is not None and phrases.search(text)):
                return
            for sentence in item.doc.sents:
                if not word_tokens(sentence):
                    continue
                if is_imperative_sentence(sentence, extra) or addresses_reader(sentence):
                    return
                if first is None:
                    start = item.segment.start + sentence.start_char
                    first = (start, item.segment.start + sentence.start_char + len(sentence.text.rstrip()))
        if first is not None:
            yield Finding(first[0], first[1], params={"value": words})


@lru_cache(maxsize=8)
def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for the call-to-action phrases, as whole words («si fra», not «si fram»)."""
    words = [r"\s+".join(map(re.escape, phrase.lower().split())) for phrase in phrases if phrase.strip()]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)") if words else None

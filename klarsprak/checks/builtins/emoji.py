"""``emoji``: too many emoji, emoji as bullets, and emoji in place of words.

Screen readers read every emoji's name aloud («ansikt som rekker tunge»), so a row of emoji, an
emoji before each line or an emoji in the middle of a sentence interrupts the text (ferskvann.no;
the Finnish government's accessibility guide: «Emojier bör inte användas som listpunkter»).
An emoji at the end of a sentence is fine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._felles import EMOJI, Message, prose_segments
from klarsprak.checks.builtins.registry import register
from klarsprak.core.diagnostics import Severity


class EmojiOptions(Options):
    max: int = 3  # emoji allowed in one post
    min_bullets: int = 2  # lines starting with an emoji before it counts as a bullet list
    bullet: Message
    word: Message


@register("emoji")
class Emoji(Check):
    level = "document"
    Options = EmojiOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        malform = analysis.message_malform
        found: list[tuple[int, int, str]] = []
        bullets: list[tuple[int, int, str]] = []
        words: list[tuple[int, int, str]] = []
        for item in prose_segments(analysis, self.rule):
            text, offset = item.segment.text, item.segment.start
            for match in EMOJI.finditer(text):
                where = (offset + match.start(), offset + match.end(), match.group())
                found.append(where)
                if _starts_line(text, match.start()):
                    bullets.append(where)
                elif _between_words(text, match.start(), match.end()):
                    words.append(where)
        flagged: set[int] = set()
        if len(bullets) >= self.options.min_bullets:
            for start, end, emoji in bullets:
                flagged.add(start)
                yield Finding(start, end, params={"match": emoji, "count": len(bullets)},
                              message=self.options.bullet.text(malform), severity=Severity.HINT)
        for start, end, emoji in words:
            flagged.add(start)
            yield Finding(start, end, params={"match": emoji}, message=self.options.word.text(malform))
        if len(found) > self.options.max:
            extra = [where for where in found[self.options.max:] if where[0] not in flagged]
            if extra:
                start, end, emoji = extra[0]
                yield Finding(start, end, params={"match": emoji, "count": len(found), "max": self.options.max})


def _starts_line(text: str, start: int) -> bool:
    """Only spaces or a list marker before the emoji on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip()
    return before in ("", "-", "*", "+", "•") and bool(text[start:].split("\n", 1)[0].strip())


def _between_words(text: str, start: int, end: int) -> bool:
    """«Husk å ta 💉 før jul»: a word right before and a lower-case word right after, on one line."""
    before = text[:start].rstrip(" ")
    after = text[end:].lstrip(" \ufe0f")
    if not before or not after or "\n" in text[len(before):start]:
        return False
    if not before[-1].isalpha():
        return False
    next_word = _next_word(after)
    return bool(next_word) and next_word[0].islower()


def _next_word(text: str) -> str:
    word = []
    for char in text:
        if not char.isalpha():
            break
        word.append(char)
    return "".join(word)

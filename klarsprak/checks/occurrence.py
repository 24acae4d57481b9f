"""``occurrence``: something allowed a few times (``max``) per sentence, paragraph or post."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from klarsprak.checks.base import Check, CheckContext, Finding, Options


class OccurrenceOptions(Options):
    regex: str
    ignore_case: bool = False
    per: Literal["sentence", "paragraph", "post"] = "post"
    max: int


class Occurrence(Check):
    Options = OccurrenceOptions

    def __init__(self, rule: Any, options: OccurrenceOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        from klarsprak.checks.pattern import _compile

        self.regex = _compile(options.regex, options.ignore_case, rule)
        self.level = "document" if options.per == "post" else "segment"

    def _excess(self, matches: list[tuple[int, int, str]]) -> Iterable[Finding]:
        if len(matches) <= self.options.max:
            return
        for start, end, text in matches[self.options.max:]:
            yield Finding(start, end, params={"match": text, "count": len(matches), "max": self.options.max})

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        text = item.segment.text
        if self.options.per == "paragraph":
            yield from self._excess([(m.start(), m.end(), m.group()) for m in self.regex.matches(text)])
            return
        for sentence in item.doc.sents:
            part = text[sentence.start_char:sentence.end_char]
            yield from self._excess([(m.start() + sentence.start_char, m.end() + sentence.start_char, m.group())
                                     for m in self.regex.matches(part)])

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        matches = []
        for item in analysis.segments:
            if not self.rule.in_scope(item.segment.scope):
                continue
            offset = item.segment.start
            matches += [(m.start() + offset, m.end() + offset, m.group()) for m in self.regex.matches(item.segment.text)]
        yield from self._excess(matches)

"""``consistency``: the post against the language policy (målform required by front matter/config)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.language.malform import Malform

NAMES = {
    "nb": {"nb": "bokmål", "nn": "nynorsk", "mixed": "en blanding av bokmål og nynorsk", "unknown": "ukjent"},
    "nn": {"nb": "bokmål", "nn": "nynorsk", "mixed": "ei blanding av bokmål og nynorsk", "unknown": "ukjend"},
}


class ConsistencyOptions(Options):
    min_evidence: int = 2  # say nothing until at least this many different marker words decide the målform
    mixed: bool = True  # also speak when the post is a mix (malform-blanding flags the stray words anyway)
    skip_quotes: bool = False  # judge the post by its own words: quotations («…») may be in another standard


class Consistency(Check):
    level = "document"
    Options = ConsistencyOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        required = analysis.required_malform
        if required not in ("nb", "nn"):
            return  # no policy to hold the post to (checked first: the quote-free re-count is not free)
        detected = analysis.malform
        if self.options.skip_quotes:
            detected = _without_quotes(analysis) or detected
        if required not in ("nb", "nn") or detected.malform in (Malform.UNKNOWN,) or detected.malform.value == required:
            return
        if detected.malform is Malform.MIXED and not self.options.mixed:
            return
        markers = [item for item in detected.evidence if not item.weak]  # weak evidence never raises a policy alarm
        deciding = [item for item in markers if item.standard == detected.malform] or markers
        if len(deciding) < self.options.min_evidence or not analysis.segments:
            return
        names = NAMES[required]
        evidence = ", ".join(f"«{item.word}»" for item in deciding[:4])
        first = analysis.segments[0].segment
        start = first.start + len(first.text) - len(first.text.lstrip())
        end = first.start + len(first.text.rstrip())
        yield Finding(start, end, params={"required": names[required], "detected": names[detected.malform.value],
                                          "evidence": evidence})


def _without_quotes(analysis: Any) -> Any:
    """The målform of the post's words outside quotations, or None when nothing is quoted."""
    from klarsprak.checks.substitution import quoted_spans
    from klarsprak.language.analysis import _WORD
    from klarsprak.language.malform import detect_malform

    words: list[str] = []
    quoted = False
    for item in analysis.segments:
        text = item.segment.text
        spans = quoted_spans(text)
        quoted = quoted or bool(spans)
        for start, end in spans:
            text = text[:start] + " " * (end - start) + text[end:]
        words += _WORD.findall(text)
    return detect_malform(words) if quoted else None

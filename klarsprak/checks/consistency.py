"""``consistency``: the post against the language policy (målform required by front matter/config)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klarsprak.checks import Check, CheckContext, Finding, Options
from klarsprak.malform import Malform

NAMES = {
    "nb": {"nb": "bokmål", "nn": "nynorsk", "mixed": "en blanding av bokmål og nynorsk", "unknown": "ukjent"},
    "nn": {"nb": "bokmål", "nn": "nynorsk", "mixed": "ei blanding av bokmål og nynorsk", "unknown": "ukjend"},
}


class ConsistencyOptions(Options):
    min_evidence: int = 2  # say nothing until at least this many different marker words decide the målform
    mixed: bool = True  # also speak when the post is a mix (malform-blanding flags the stray words anyway)


class Consistency(Check):
    level = "document"
    Options = ConsistencyOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        required = analysis.required_malform
        detected = analysis.malform
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

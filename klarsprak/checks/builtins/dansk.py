"""``dansk``: the text looks Danish, so klarsprak's Norwegian rules are off for it.

Danish shares many words with bokmål; run on a Danish text, the word rules flag correct Danish
(«anvendes», «hvad») as Norwegian mistakes. The engine skips every rule not marked
``malform: any`` when målform detection finds Danish; this rule tells the writer why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding
from klarsprak.checks.builtins.registry import register

EVIDENCE_WORDS = 4  # Danish words named in the message


@register("dansk")
class Dansk(Check):
    level = "document"

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        detected = analysis.malform
        if not detected.danish or not analysis.segments:
            return
        words = [item.word for item in detected.evidence if item.danish][:EVIDENCE_WORDS]
        first = analysis.segments[0].segment
        start = first.start + len(first.text) - len(first.text.lstrip())
        yield Finding(start, first.start + len(first.text.rstrip()),
                      params={"evidence": ", ".join(f"«{word}»" for word in words)})

"""``accumulation``: several traits of other rules piled up in one sentence.

One stiff word, one passive or one nominal phrase is often fine, and those rules then give only
advice (info). Officialese is the pile-up: «Vi er ikke i stand til å besvare alle henvendelser»
has three traits that are each mild. This kind reads the findings the other rules have already
made for the post (after suppressions and level changes) and reports a sentence where at least
``min`` distinct traits of the rules in ``of`` meet, at least one of them from ``anchor``. A
sentence that already has a finding at this rule's level from one of those rules is left alone:
the writer has been told.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Literal

from pydantic import Field

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.core.diagnostics import Diagnostic, Severity


class AccumulationOptions(Options):
    of: list[str] = Field(min_length=1)  # rule ids whose findings are the traits
    anchor: list[str] = Field(default_factory=list)  # at least one trait from these (empty: any of ``of``)
    min: int = Field(default=2, ge=2)
    min_severity: Literal["hint", "info", "warning"] = "info"
    per: Literal["sentence"] = "sentence"


class Accumulation(Check):
    Options = AccumulationOptions
    level: ClassVar[str] = "document"
    reads_findings: ClassVar[bool] = True

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        options: AccumulationOptions = self.options  # type: ignore[assignment]
        counted = [d for d in ctx.findings if d.rule in options.of]
        if len(counted) < options.min:
            return
        floor = Severity.parse(options.min_severity)
        own = self.rule.severity
        for start, end in _sentences(analysis, self.rule, counted, options.min):
            inside = [d for d in counted if start <= d.start < end]
            if any(d.severity >= own for d in inside):
                continue  # already a finding at this level: one is enough
            traits = _distinct([d for d in inside if d.severity >= floor])
            if len(traits) < options.min:
                continue
            if options.anchor and not any(d.rule in options.anchor for d in traits):
                continue
            words = ", ".join(f"«{analysis.document.text[d.start:d.end]}»" for d in traits)
            yield Finding(traits[0].start, max(d.end for d in traits),
                          params={"count": len(traits), "traits": words}, fixable=False)


def _sentences(analysis: Any, rule: Any, counted: list[Diagnostic], least: int) -> Iterable[tuple[int, int]]:
    """Each sentence in the rule's scope as (start, end) in the analysed text, in the segments
    that hold at least ``least`` of the ``counted`` findings (the others cannot qualify)."""
    for item in analysis.segments:
        offset = item.segment.start
        if not rule.in_scope(item.segment.scope):
            continue
        if sum(offset <= d.start < offset + len(item.segment.text) for d in counted) < least:
            continue
        for sentence in item.doc.sents:
            yield offset + sentence.start_char, offset + sentence.end_char


def _distinct(findings: list[Diagnostic]) -> list[Diagnostic]:
    """One trait per place: a word two rules both mark («anmodes»: stiff and passive) counts once."""
    kept: list[Diagnostic] = []
    for finding in sorted(findings, key=lambda d: (d.start, d.end)):
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept

"""What every check kind shares: the check base class, its options, context and findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from klarsprak.core.diagnostics import Severity

if TYPE_CHECKING:
    from klarsprak.core.diagnostics import Diagnostic
    from klarsprak.engine.config import Config
    from klarsprak.engine.rules import Rule
    from klarsprak.language.analysis import Analysis, SegmentAnalysis


@dataclass(frozen=True)
class Finding:
    """What a check reports; the engine turns it into a :class:`Diagnostic`.

    Offsets are relative to the segment for segment-level checks, absolute for document-level ones.
    ``params`` fill the rule's message template (``{match}``, ``{suggestion}``, ``{value}`` …).
    """

    start: int
    end: int
    params: dict[str, Any] = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()
    safe: bool = False
    fixable: bool = True  # False: the suggestions are advice, not text to put in place of the match
    message: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the text: the post's target målform and the project config."""

    malform: str | None  # "nb", "nn" or None (unknown)
    config: "Config"
    analysis: "Analysis | None" = None  # document-level checks only
    findings: "tuple[Diagnostic, ...]" = ()  # the other rules' findings, for checks that read them


class Options(BaseModel):
    """Base for a kind's own YAML fields; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class Check:
    """Base class; a kind overrides one of the two ``check_*`` methods."""

    level: ClassVar[str] = "segment"
    reads_findings: ClassVar[bool] = False  # True: runs after the other rules and sees their findings
    Options: ClassVar[type[Options]] = Options

    def __init__(self, rule: "Rule", options: Options, library: Any = None) -> None:
        self.rule = rule
        self.options = options

    def prepare(self, nlp: Any) -> None:
        """Called once the spaCy pipeline exists (e.g. to add tokenizer special cases)."""

    def capped(self, level: str | Severity) -> Severity:
        """A lower level for findings that are often fine, never above the rule's own level
        (a project that lowers the rule lowers every finding of it)."""
        own = Severity.parse(level) if isinstance(level, str) else level
        rule_level = getattr(self.rule, "severity", None)
        return min(own, rule_level) if isinstance(rule_level, Severity) else own

    def check_segment(self, item: "SegmentAnalysis", ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_document(self, analysis: "Analysis", ctx: CheckContext) -> Iterable[Finding]:
        return ()


def pick(value: Any, malform: str | None) -> Any:
    """Values may be given per målform as ``{nb: …, nn: …}``; bokmål is the fallback."""
    if isinstance(value, dict) and set(value) <= {"nb", "nn"}:
        return value.get(malform or "nb", value.get("nb", value.get("nn")))
    return value

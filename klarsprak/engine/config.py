"""Project configuration: ``.klarsprak.yaml``, found upward from each checked file (nearest wins).

Everything has a default, so a post checks with no file at all: every shipped pack with its default
severities and ``malform: auto``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from klarsprak.core.diagnostics import Severity
from klarsprak.core.errors import KlarsprakError
from klarsprak.core.yamlio import LineMap, load_yaml_file, validate
from klarsprak.text.calendar import CalendarSpec

if TYPE_CHECKING:
    from klarsprak.engine.rules import Rule

SeverityName = Literal["error", "warning", "info", "hint"]


class RuleOverride(BaseModel):
    model_config = ConfigDict(extra="allow")  # the rest are the rule kind's own fields (thresholds …)
    severity: SeverityName | Literal["off"] | None = None


class ConfigSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    packs: list[str] | None = None
    rules: dict[str, SeverityName | Literal["off"] | RuleOverride] = {}
    select: list[str] = []
    ignore: list[str] = []
    fail_level: SeverityName = "warning"
    malform: Literal["auto", "nb", "nn"] = "auto"
    extra_rules: list[str] = []
    extra_wordlists: list[str] = []
    senders: list[str] = []
    abbreviations: list[str] = []
    words: list[str] = []
    exclude: list[str] = []
    calendar: CalendarSpec = CalendarSpec()
    cache_dir: str | None = None  # the result cache's folder, relative to this file


@dataclass(frozen=True)
class Config:
    """A validated configuration; ``path`` is None for the built-in defaults."""

    spec: ConfigSpec = field(default_factory=ConfigSpec)
    path: Path | None = None
    lines: LineMap = field(default_factory=LineMap, repr=False, compare=False)

    # -- views used by the engine and checks -------------------------------------------------
    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def packs(self) -> list[str] | None:
        return self.spec.packs

    @property
    def extra_rules(self) -> list[Path]:
        return [self.root / folder for folder in self.spec.extra_rules]

    @property
    def extra_wordlists(self) -> list[Path]:
        return [self.root / folder for folder in self.spec.extra_wordlists]

    @property
    def fail_level(self) -> Severity:
        return Severity.parse(self.spec.fail_level)

    @property
    def malform(self) -> str | None:
        return None if self.spec.malform == "auto" else self.spec.malform

    @cached_property
    def accepted_words(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.spec.words)

    def is_accepted_word(self, word: str) -> bool:
        return word.lower() in self.accepted_words

    def with_changes(self, **changes: Any) -> "Config":
        """A copy with some settings replaced (CLI flags, editor settings)."""
        data = self.spec.model_dump()
        data.update(changes)
        return replace(self, spec=ConfigSpec.model_validate(data))

    # -- rules ------------------------------------------------------------------------------
    def selects(self, rule: "Rule") -> bool:
        """``select``/``ignore`` take rule ids or pack names; ``rules: {id: off}`` turns one off."""
        names = {rule.id, rule.pack}
        if self.spec.select and not names & set(self.spec.select):
            return False
        if names & set(self.spec.ignore):
            return False
        override = self.spec.rules.get(rule.id)
        if override == "off" or (isinstance(override, RuleOverride) and override.severity == "off"):
            return False
        return rule.enabled or rule.id in self.spec.select or override is not None


def load_config(path: Path) -> Config:
    data, lines = load_yaml_file(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise KlarsprakError("konfigurasjonen skal være en tabell (nøkkel: verdi)", str(path), 1)
    spec = validate(ConfigSpec, data, str(path), lines)
    return Config(spec, path.resolve(), lines)

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

from klarsprak.diagnostics import Severity
from klarsprak.errors import KlarsprakError
from klarsprak.yamlio import LineMap, load_yaml_file, validate

if TYPE_CHECKING:
    from klarsprak.rules import Library, Rule

CONFIG_NAMES = (".klarsprak.yaml", ".klarsprak.yml")
SeverityName = Literal["error", "warning", "info", "hint"]


class RuleOverride(BaseModel):
    model_config = ConfigDict(extra="allow")  # the rest are the rule kind's own fields (thresholds …)
    severity: SeverityName | Literal["off"] | None = None


class CalendarSpec(BaseModel):
    """Column names of an editorial calendar exported as CSV (``plan.csv``)."""

    model_config = ConfigDict(extra="forbid")
    text: str = "tekst"
    date: str = "dato"
    channel: str = "kanal"
    malform: str = "malform"
    type: str = "type"


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

    @cached_property
    def exclude_spec(self):
        """The ``exclude`` globs, compiled once (folder walks ask for every file)."""
        import pathspec

        return pathspec.PathSpec.from_lines("gitwildmatch", self.spec.exclude)

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

    def apply_override(self, rule: "Rule", library: "Library") -> "Rule":
        override = self.spec.rules.get(rule.id)
        if override is None or override == "off":
            return rule
        if isinstance(override, str):
            rule.severity = Severity.parse(override)
            return rule
        options = override.model_extra or {}
        if options:
            rule = _rebuild_with(rule, options, library, self)
        if override.severity not in (None, "off"):
            rule.severity = Severity.parse(override.severity)
        return rule


def _rebuild_with(rule: "Rule", options: dict[str, Any], library: "Library", config: Config) -> "Rule":
    """Re-validate a rule with config-given fields, so a bad threshold is caught like a bad rule."""
    from klarsprak.rules import build_rule

    raw = dict(rule.raw)
    if rule.kind == "builtin":
        raw["options"] = {**raw.get("options", {}), **options}
    else:
        raw.update(options)
    try:
        return build_rule(raw, rule.path, rule.lines, rule.pack, library)
    except KlarsprakError as error:
        where = config.lines.line_of(("rules", rule.id))
        raise KlarsprakError(f"regel «{rule.id}»: {error.detail}", str(config.path), where) from None


def load_config(path: Path) -> Config:
    data, lines = load_yaml_file(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise KlarsprakError("konfigurasjonen skal være en tabell (nøkkel: verdi)", str(path), 1)
    spec = validate(ConfigSpec, data, str(path), lines)
    return Config(spec, path.resolve(), lines)


def find_config(start: Path) -> Path | None:
    """The nearest ``.klarsprak.yaml`` in ``start`` (a folder or a file's folder) or above it."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None

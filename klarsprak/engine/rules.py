"""Rules are data: YAML files under ``rules/<pack>/``, validated on load into :class:`Rule`.

Every rule names its check ``kind`` (one module each in :mod:`klarsprak.checks`), the principle it
serves, its source in policy, a default severity, Norwegian message and explanation (with a nynorsk
variant where it matters) and good/bad examples that the test suite runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from klarsprak.checks.base import Check
from klarsprak.checks.kinds import KINDS
from klarsprak.core.diagnostics import Severity
from klarsprak.core.errors import KlarsprakError
from klarsprak.core.resources import data_path
from klarsprak.core.yamlio import LineMap, load_yaml_file_reused, validate
from klarsprak.language.wordlist import Wordlist, load_wordlist
from klarsprak.text.spans import SCOPES

if TYPE_CHECKING:
    from klarsprak.engine.config import Config
    from klarsprak.language.analysis import Analysis

PRINCIPLES = (
    "klart språk", "åpen", "brukerorientert", "respektfull", "profesjonell", "personlig",
    "hyggelig", "enkel", "trygg", "direkte", "universell utforming", "målform",
)
SCOPE_NAMES = (*SCOPES, "prose", "link")
Text = str | dict[Literal["nb", "nn"], str]


class ExampleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    malform: Literal["nb", "nn"] | None = None  # the policy målform to check the example under
    front_matter: dict[str, Any] | None = None
    note: str | None = None


class ExamplesSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bad: list[str | ExampleSpec] = Field(min_length=1)
    good: list[str | ExampleSpec] = Field(min_length=1)


class FixSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    safe: bool = False


class WhenSpec(BaseModel):
    """Only check posts whose front matter says so (e.g. replies from user support)."""

    model_config = ConfigDict(extra="forbid")
    kanal: list[str] | None = None
    type: list[Literal["innlegg", "svar"]] | None = None


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: Literal[tuple(KINDS)]  # type: ignore[valid-type]
    description: str
    principle: Literal[PRINCIPLES]  # type: ignore[valid-type]
    source: str
    severity: Literal["error", "warning", "info", "hint"]
    scope: list[Literal[SCOPE_NAMES]] = ["prose"]  # type: ignore[valid-type]
    # both: bokmål and nynorsk; any: also a text that looks Danish (rules that read no words)
    malform: Literal["nb", "nn", "both", "any"] = "both"
    when: WhenSpec | None = None
    message: Text
    explanation: Text
    fix: FixSpec | None = None
    examples: ExamplesSpec
    enabled: bool = True  # off unless a config turns it on, when false


@dataclass(frozen=True)
class Example:
    text: str
    malform: str | None = None
    front_matter: dict[str, Any] | None = None
    note: str | None = None

    def as_post(self) -> str:
        """The example as a post file, with its front matter."""
        meta = dict(self.front_matter or {})
        if self.malform:
            meta.setdefault("malform", self.malform)
        if not meta:
            return self.text
        import yaml

        return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + self.text


@dataclass
class Rule:
    id: str
    pack: str
    kind: str
    description: str
    principle: str
    source: str
    severity: Severity
    scopes: frozenset[str]
    malform: str
    when: WhenSpec | None
    message: dict[str, str]
    explanation: dict[str, str]
    fix_safe: bool
    has_fix: bool
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    enabled: bool
    path: Path
    lines: LineMap = field(repr=False)
    raw: dict[str, Any] = field(repr=False)
    check: Check = field(init=False, repr=False)

    def line_of(self, key: str) -> int | None:
        return self.lines.line_of((key,))

    def in_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def message_for(self, malform: str) -> str:
        return self.message.get(malform) or self.message["nb"]

    def explanation_for(self, malform: str) -> str:
        return self.explanation.get(malform) or self.explanation["nb"]

    def applies(self, analysis: "Analysis") -> bool:
        if analysis.malform.danish and self.malform != "any":
            return False  # Norwegian word rules on Danish text are false alarms; the dansk rule says so
        if self.malform not in ("both", "any") and analysis.target_malform != self.malform:
            return False
        if self.when is None:
            return True
        meta = analysis.document.front_matter
        if self.when.kanal is not None and str(meta.get("kanal", "")).lower() not in self.when.kanal:
            return False
        return self.when.type is None or str(meta.get("type", "innlegg")).lower() in self.when.type


def _texts(value: Text) -> dict[str, str]:
    if isinstance(value, str):
        return {"nb": value, "nn": value}
    if "nb" not in value:
        value = {"nb": value["nn"], **value}
    return dict(value)


def _examples(items: list[str | ExampleSpec]) -> tuple[Example, ...]:
    return tuple(Example(item) if isinstance(item, str) else Example(**item.model_dump()) for item in items)


def _scopes(names: list[str]) -> frozenset[str]:
    scopes = set(names)
    if "prose" in scopes:
        scopes |= set(SCOPES)
    return frozenset(scopes)


class Library:
    """Finds word lists by name: the project's own folders first, then the shipped ones."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [*folders, data_path("wordlists")]

    def wordlist(self, name: str, rule: Rule) -> Wordlist:
        for folder in self.folders:
            path = folder / f"{name}.yaml"
            if path.is_file():
                return load_wordlist(path.resolve())
        raise KlarsprakError(f"fant ikke ordlista «{name}»", str(rule.path), rule.line_of("wordlists"))


def build_rule(raw: dict[str, Any], path: Path, lines: LineMap, pack: str, library: Library) -> Rule:
    """Validate one rule's data (the shared fields, then its kind's own) and build its check."""
    if not isinstance(raw, dict):
        raise KlarsprakError("en regelfil skal være en tabell (nøkkel: verdi)", str(path), 1)
    own_keys = set(RuleSpec.model_fields)
    base = {key: value for key, value in raw.items() if key in own_keys}
    extra = {key: value for key, value in raw.items() if key not in own_keys}
    spec = validate(RuleSpec, base, str(path), lines)
    rule = Rule(
        id=spec.id, pack=pack, kind=spec.kind, description=spec.description, principle=spec.principle,
        source=spec.source, severity=Severity.parse(spec.severity), scopes=_scopes(spec.scope),
        malform=spec.malform, when=spec.when, message=_texts(spec.message),
        explanation=_texts(spec.explanation), fix_safe=bool(spec.fix and spec.fix.safe),
        has_fix=spec.fix is not None, bad=_examples(spec.examples.bad), good=_examples(spec.examples.good),
        enabled=spec.enabled, path=path, lines=lines, raw=raw,
    )
    cls = KINDS[spec.kind]
    options = validate(cls.Options, extra, str(path), lines)
    creator = getattr(cls, "create", None)
    rule.check = creator(rule, options, library) if creator else cls(rule, options, library)
    return rule


def apply_override(rule: Rule, config: "Config", library: Library) -> Rule:
    """The project's ``rules:`` entry for this rule: a new severity, new thresholds, or both."""
    override = config.spec.rules.get(rule.id)
    if override is None or override == "off":
        return rule
    if isinstance(override, str):
        rule.severity = Severity.parse(override)
        return rule
    options = override.model_extra or {}
    if options:
        rule = _rebuild_with(rule, options, library, config)
    if override.severity not in (None, "off"):
        rule.severity = Severity.parse(override.severity)
    return rule


def _rebuild_with(rule: Rule, options: dict[str, Any], library: Library, config: "Config") -> Rule:
    """Re-validate a rule with config-given fields, so a bad threshold is caught like a bad rule."""
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


def load_rule_file(path: Path, pack: str, library: Library) -> Rule:
    raw, lines = load_yaml_file_reused(path)
    return build_rule(raw, path, lines, pack, library)


def rule_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.yaml") if path.is_file())


def shipped_packs() -> list[str]:
    root = data_path("rules")
    return sorted(path.name for path in root.iterdir() if path.is_dir() and rule_files(path))


def load_rules(config: "Config") -> list[Rule]:
    """Every rule of the enabled packs (shipped and the project's own), overrides applied."""
    library = Library([Path(folder) for folder in config.extra_wordlists])
    folders: list[tuple[str, Path]] = []
    packs = config.packs if config.packs is not None else shipped_packs()
    root = data_path("rules")
    for pack in packs:
        if (root / pack).is_dir():
            folders.append((pack, root / pack))
    for extra in config.extra_rules:
        extra_path = Path(extra)
        subpacks = [p for p in sorted(extra_path.iterdir()) if p.is_dir()] if extra_path.is_dir() else []
        folders += [(p.name, p) for p in subpacks] or [(extra_path.name, extra_path)]
    rules: dict[str, Rule] = {}
    for pack, folder in folders:
        for path in rule_files(folder):
            rule = load_rule_file(path, pack, library)
            rule = apply_override(rule, config, library)
            if rule.id in rules:
                raise KlarsprakError(f"regelen «{rule.id}» finnes allerede i {rules[rule.id].path}", str(path), rule.line_of("id"))
            rules[rule.id] = rule
    return list(rules.values())

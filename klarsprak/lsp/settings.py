"""Editor settings (section ``klarsprak``): what a writer can change without touching the project file.

Sent as ``initializationOptions``, in ``workspace/didChangeConfiguration`` or fetched with
``workspace/configuration``. Keys (camelCase, as editors write them):

- ``packs``: list of rule packs to use instead of the project's (null = the project's choice)
- ``malform``: "auto", "nb" or "nn" – overrides ``malform:`` in ``.klarsprak.yaml`` (null = keep it)
- ``minSeverity``: "hint", "info", "warning" or "error" – findings below it are not shown
- ``maxCharacters``: documents longer than this are not checked (default 100 000)
- ``debounceMs``: wait this long after a keystroke before checking (default 0: check at once,
  and coalesce edits that arrive while a check runs)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from klarsprak.core.diagnostics import Severity

SECTION = "klarsprak"
MAX_CHARACTERS = 100_000
MALFORMS = ("auto", "nb", "nn")


@dataclass(frozen=True)
class Settings:
    packs: tuple[str, ...] | None = None
    malform: str | None = None
    min_severity: Severity = Severity.HINT
    max_characters: int = MAX_CHARACTERS
    debounce_ms: int = 0
    problems: tuple[str, ...] = field(default=(), compare=False)  # Norwegian, one per bad value

    def config_changes(self) -> dict[str, Any]:
        """The ``Config.with_changes`` arguments these settings stand for."""
        changes: dict[str, Any] = {}
        if self.packs is not None:
            changes["packs"] = list(self.packs)
        if self.malform is not None:
            changes["malform"] = self.malform
        return changes


def section_of(raw: Any) -> dict[str, Any]:
    """Editors send either ``{"klarsprak": {...}}`` or the section itself."""
    if not isinstance(raw, dict):
        return {}
    inner = raw.get(SECTION)
    return inner if isinstance(inner, dict) else raw


def parse_settings(raw: Any, known_packs: list[str] | None = None) -> Settings:
    """Settings from editor JSON; a bad value is reported and left at its default, never fatal."""
    data = section_of(raw)
    problems: list[str] = []
    values: dict[str, Any] = {}

    packs = data.get("packs")
    if packs is not None:
        if isinstance(packs, str):
            packs = [part.strip() for part in packs.split(",") if part.strip()]
        if isinstance(packs, list) and all(isinstance(item, str) for item in packs):
            unknown = [item for item in packs if known_packs is not None and item not in known_packs]
            if unknown:
                problems.append(f"ukjent regelpakke {', '.join(f'«{p}»' for p in unknown)} i innstillingen "
                                f"klarsprak.packs (finnes: {', '.join(known_packs or [])})")
            if not unknown or len(unknown) < len(packs):  # only typos: keep the project's choice
                values["packs"] = tuple(item for item in packs if item not in unknown)
        else:
            problems.append("innstillingen klarsprak.packs skal være en liste med regelpakker")

    malform = data.get("malform")
    if malform not in (None, ""):
        if str(malform).lower() in MALFORMS:
            values["malform"] = str(malform).lower()
        else:
            problems.append(f"ugyldig målform «{malform}» i innstillingen klarsprak.language.malform (auto, nb eller nn)")

    severity = data.get("minSeverity")
    if severity not in (None, ""):
        try:
            values["min_severity"] = Severity.parse(str(severity))
        except ValueError:
            problems.append(f"ugyldig nivå «{severity}» i innstillingen klarsprak.minSeverity "
                            "(hint, info, warning eller error)")

    for key, name in (("maxCharacters", "max_characters"), ("debounceMs", "debounce_ms")):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            values[name] = value
        else:
            problems.append(f"innstillingen klarsprak.{key} skal være et heltall, 0 eller mer")

    return Settings(**values, problems=tuple(problems))

"""What a check finds and what the outputs print: Severity, Fix, Suggestion, Diagnostic."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """Ordered so that ``severity >= fail_level`` reads naturally."""

    HINT = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(value) from None


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` (code-point offsets in the whole source) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Suggestion:
    """A replacement the writer may choose; ``safe`` ones may be applied by ``--fix``."""

    text: str
    fix: Fix | None = None
    safe: bool = False


@dataclass
class Diagnostic:
    """One finding, mapped back to the source: offsets are code points into the decoded text.

    ``line``/``column`` are 1-based and count Unicode code points (what the CLI and JSON print);
    the language server converts offsets to UTF-16 itself.
    """

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    principle: str = ""
    pack: str = ""
    suggestions: tuple[Suggestion, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def safe_fix(self) -> Fix | None:
        for suggestion in self.suggestions:
            if suggestion.safe and suggestion.fix is not None:
                return suggestion.fix
        return None

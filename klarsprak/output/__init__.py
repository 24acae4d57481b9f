"""Output formats: one module each, registered by name for ``--format``.

A formatter takes the run (checked files and per-file errors) and returns the text to print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from klarsprak.diagnostics import Severity

if TYPE_CHECKING:
    from klarsprak.engine import FileResult


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked (unreadable, not text, bad front matter …)."""

    path: str
    message: str  # one Norwegian line, starting with the path


@dataclass
class Run:
    files: list[FileResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    fail_level: Severity = Severity.WARNING
    color: bool = False
    quiet: bool = False
    rules: list = field(default_factory=list)  # the active rules of every engine used (SARIF describes them)

    @property
    def diagnostics_count(self) -> int:
        return sum(len(result.diagnostics) for result in self.files)


Formatter = Callable[[Run], str]


def formatters() -> dict[str, Formatter]:
    """Every known format; modules are imported here so adding one is one line."""
    from klarsprak.output import json_format, text

    found: dict[str, Formatter] = {"text": text.render, "json": json_format.render}
    for name, module in _optional():
        found[name] = module.render
    return found


def _optional() -> list[tuple[str, object]]:
    import importlib

    loaded = []
    for name in ("sarif", "github"):
        try:
            loaded.append((name, importlib.import_module(f"klarsprak.output.{name}")))
        except ModuleNotFoundError:
            continue
    return loaded

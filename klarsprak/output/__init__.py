"""Output formats: one module each, registered by name for ``--format``.

A formatter takes the run (checked files and per-file errors) and returns the text to print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from klarsprak.diagnostics import Severity
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


def rule_problems(results: list[FileResult]) -> list[tuple[str, str]]:
    """(path, message) for every rule that failed or timed out, once per rule and file.

    Such a run is incomplete: the CLI prints each line on standard error and exits 2.
    """
    from klarsprak.engine import failed_rule

    seen: set[tuple[str, str]] = set()
    problems = []
    for result in results:
        for problem in result.rule_errors:
            key = (result.path, failed_rule(problem) or problem)
            if key not in seen:
                seen.add(key)
                problems.append((result.path, problem))
    return problems


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

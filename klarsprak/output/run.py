"""One run of ``klarsprak check``: the checked files, the files that failed, and how to show them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from klarsprak.core.diagnostics import Severity
from klarsprak.engine.lint import FileResult
from klarsprak.engine.runner import FileError


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

"""One run of ``klarsprak check``: the checked files, the files that failed, and how to show them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from klarsprak.core.diagnostics import Severity
from klarsprak.core.errors import FileError

if TYPE_CHECKING:  # a run answered from the result cache imports no engine
    from klarsprak.engine.lint import FileResult


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
    seen: set[tuple[str, str]] = set()
    problems = []
    if not any(result.rule_errors for result in results):
        return problems
    from klarsprak.engine.lint import failed_rule

    for result in results:
        for problem in result.rule_errors:
            key = (result.path, failed_rule(problem) or problem)
            if key not in seen:
                seen.add(key)
                problems.append((result.path, problem))
    return problems


Formatter = Callable[[Run], str]

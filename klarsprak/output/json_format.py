"""``--format json``: the stable, documented contract (``version: 1``)."""

from __future__ import annotations

import json

from klarsprak.output.run import Run

VERSION = 1


def render(run: Run) -> str:
    payload = {
        "version": VERSION,
        "files": [result.as_dict() for result in run.files],
        "errors": [{"path": error.path, "message": error.message} for error in run.errors] + _rule_errors(run),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _rule_errors(run: Run) -> list[dict[str, str]]:
    """A rule that failed or timed out on a file: the entry carries ``rule`` too (added in v1)."""
    from klarsprak.engine.lint import failed_rule
    from klarsprak.output.run import rule_problems

    return [{"path": path, "message": f"{path}: {problem}", "rule": failed_rule(problem) or ""}
            for path, problem in rule_problems(run.files)]

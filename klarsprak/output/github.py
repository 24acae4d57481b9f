"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given. GitHub shows at
most 10 error, 10 warning and 10 notice annotations per step (50 per job) and silently drops the
rest, so the run is capped here instead, on purpose: at most :data:`PER_KIND` annotations of each
kind and :data:`PER_FILE` per file, the most severe first. Every finding is still printed in the
log (the ones not annotated inside a folded group), and a summary line says how many were left
out, so nothing is lost, only not annotated. Info and hint findings become notices.
"""

from __future__ import annotations

from dataclasses import dataclass

from klarsprak.core.diagnostics import Diagnostic, Severity
from klarsprak.output.run import Run
from klarsprak.output.text import line as text_line
from klarsprak.output.text import summary

PER_KIND = 10  # GitHub's limit per step for each of error, warning and notice
PER_FILE = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.HINT: "notice"}


def escape_data(value: str) -> str:
    """The message after ``::``: GitHub's rules for ``%``, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (``file=…``, ``title=…``): as data, plus ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


@dataclass(frozen=True)
class _Item:
    order: int  # position in the run, so annotations come out file by file, line by line
    path: str
    diagnostic: Diagnostic


def annotation(path: str, d: Diagnostic) -> str:
    message = d.message
    suggestions = [s.text for s in d.suggestions if s.text]
    if suggestions:
        message += " Forslag: " + ", ".join(f"«{text}»" for text in suggestions[:3]) + "."
    return command(
        COMMANDS[d.severity], message, file=path, line=d.line, col=d.column,
        endLine=d.end_line or None, endColumn=d.end_column or None, title=f"klarsprak: {d.rule} ({d.principle})",
    )


def choose(items: list[_Item], budget: dict[str, int], per_file: int = PER_FILE) -> set[int]:
    """The findings to annotate: most severe first, within each command's ``budget`` and ``per_file``."""
    chosen: set[int] = set()
    left = dict(budget)
    per_path: dict[str, int] = {}
    for item in sorted(items, key=lambda it: (-it.diagnostic.severity, it.order)):
        kind = COMMANDS[item.diagnostic.severity]
        if left.get(kind, 0) <= 0 or per_path.get(item.path, 0) >= per_file:
            continue
        left[kind] -= 1
        per_path[item.path] = per_path.get(item.path, 0) + 1
        chosen.add(item.order)
    return chosen


def render(run: Run) -> str:
    items: list[_Item] = []
    for result in run.files:
        for d in result.diagnostics:
            if not run.quiet or d.severity >= run.fail_level:
                items.append(_Item(len(items), result.path, d))
    errors = run.errors[:PER_KIND]
    budget = {"error": PER_KIND - len(errors), "warning": PER_KIND, "notice": PER_KIND}
    chosen = choose(items, budget)
    if len(chosen) < len(items):  # keep one notice for the summary that says so
        chosen = choose(items, {**budget, "notice": PER_KIND - 1})
    lines = [command("error", error.message, file=error.path, title="klarsprak: kunne ikke sjekke fila")
             for error in errors]
    lines += [annotation(item.path, item.diagnostic) for item in items if item.order in chosen]
    rest = [item for item in items if item.order not in chosen]
    if rest:
        lines.append(f"::group::{len(rest)} funn til, bare her i loggen (GitHub viser bare {PER_KIND} merknader av hvert slag per steg)")
        lines += [text_line(item.path, item.diagnostic, False) for item in rest]
        lines.append("::endgroup::")
    text = summary(run)
    if rest:
        text += f" {len(chosen)} vist som merknader, {len(rest)} bare i loggen."
        lines.append(text)
        lines.append(command("notice", text, title="klarsprak: oppsummering"))
    else:
        lines.append(text)
    return "\n".join(lines)

"""``--format text``: ``path:line:col: severity rule-id message``, then a short summary."""

from __future__ import annotations

import click

from klarsprak.core.diagnostics import Diagnostic, Severity
from klarsprak.output.run import Run

LABELS = {Severity.ERROR: "feil", Severity.WARNING: "advarsel", Severity.INFO: "info", Severity.HINT: "hint"}
PLURALS = {Severity.ERROR: "feil", Severity.WARNING: "advarsler", Severity.INFO: "info", Severity.HINT: "hint"}
COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue", Severity.HINT: "cyan"}
MALFORM_NAMES = {"nb": "bokmål", "nn": "nynorsk", "mixed": "blanding", "unknown": "ukjent målform"}


def line(path: str, d: Diagnostic, color: bool) -> str:
    label = LABELS[d.severity]
    if color:
        label = click.style(label, fg=COLOURS[d.severity], bold=d.severity >= Severity.WARNING)
        rule = click.style(d.rule, dim=True)
    else:
        rule = d.rule
    fix = " [kan fikses]" if d.safe_fix else ""
    return f"{path}:{d.line}:{d.column}: {label} {rule} {d.message}{fix}"


def summary(run: Run) -> str:
    counts = {severity: 0 for severity in Severity}
    for result in run.files:
        for d in result.diagnostics:
            counts[d.severity] += 1
    total = sum(counts.values())
    files = len({result.path for result in run.files})  # a calendar's rows are posts in one file
    file_word = "fil" if files == 1 else "filer"
    if not total:
        text = f"Ingen funn i {files} {file_word}."
    else:
        parts = [f"{counts[s]} {(LABELS if counts[s] == 1 else PLURALS)[s]}" for s in sorted(Severity, reverse=True) if counts[s]]
        fixable = sum(1 for r in run.files for d in r.diagnostics if d.safe_fix)
        text = f"{total} funn ({', '.join(parts)}) i {files} {file_word}."
        if fixable:
            text += f" {fixable} kan fikses automatisk med --fix."
    if run.errors:
        text += f" {len(run.errors)} {'fil' if len(run.errors) == 1 else 'filer'} kunne ikke sjekkes."
    return text


def render(run: Run) -> str:
    lines: list[str] = []
    for result in run.files:
        shown = [d for d in result.diagnostics if not run.quiet or d.severity >= run.fail_level]
        lines += [line(result.path, d, run.color) for d in shown]
    if not run.quiet or run.errors:
        lines.append(summary(run))
    return "\n".join(lines)

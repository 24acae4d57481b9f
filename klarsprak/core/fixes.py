"""Applying safe fixes to a text: non-overlapping, right to left, nothing else touched."""

from __future__ import annotations

from collections.abc import Iterable

from klarsprak.core.diagnostics import Diagnostic, Fix


def safe_fixes(diagnostics: Iterable[Diagnostic]) -> list[tuple[Diagnostic, Fix]]:
    """The safe fix of each diagnostic, dropping any that overlaps an earlier one."""
    chosen: list[tuple[Diagnostic, Fix]] = []
    last_end = -1
    candidates = [(d, d.safe_fix) for d in diagnostics if d.safe_fix is not None]
    for diagnostic, fix in sorted(candidates, key=lambda item: (item[1].start, item[1].end)):
        if fix.start < last_end:
            continue
        chosen.append((diagnostic, fix))
        last_end = fix.end
    return chosen


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    for fix in sorted(fixes, key=lambda item: item.start, reverse=True):
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    return text

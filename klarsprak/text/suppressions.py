"""Suppression comments: ``<!-- klarsprak-disable … -->`` switches rules off over lines.

``disable``/``enable`` open and close a region, ``disable-next-line`` covers the next non-blank
line, ``disable-line`` the comment's own line; no ID means every rule. Comments inside code are
not directives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from klarsprak.text.spans import Mask


@dataclass(frozen=True)
class Suppression:
    """Rules switched off over lines ``first_line..last_line`` (1-based, inclusive)."""

    rules: frozenset[str]  # empty = every rule
    first_line: int
    last_line: int | None  # None = to the end of the file

    def covers(self, rule_id: str, line: int) -> bool:
        if line < self.first_line or (self.last_line is not None and line > self.last_line):
            return False
        return not self.rules or rule_id in self.rules


_DIRECTIVE_RE = re.compile(
    r"<!--\s*klarsprak-(disable-next-line|disable-line|disable|enable)(?=[\s:,]|--)"
    r"[\s:]*(.*?)\s*-->",
    re.DOTALL,
)
_ID_SPLIT_RE = re.compile(r"[\s,]+")


def find_suppressions(text: str, line_starts: list[int], code: list[Mask]) -> list[Suppression]:
    if "klarsprak-" not in text:
        return []
    code_starts = [mask.start for mask in code]
    result: list[Suppression] = []
    active: list[tuple[frozenset[str], int]] = []
    for match in _DIRECTIVE_RE.finditer(text):
        if _inside(match.start(), code_starts, code):
            continue
        kind = match.group(1)
        rules = frozenset(part for part in _ID_SPLIT_RE.split(match.group(2)) if part)
        line = bisect_right(line_starts, match.start())
        if kind == "disable":
            active.append((rules, line))
        elif kind == "enable":
            active = _enable(active, rules, line, result)
        elif kind == "disable-line":
            result.append(Suppression(rules, line, bisect_right(line_starts, match.end() - 1)))
        else:
            target = _next_content_line(text, line_starts, match.end())
            if target is not None:
                result.append(Suppression(rules, target, target))
    result.extend(Suppression(rules, first, None) for rules, first in active)
    return sorted(result, key=lambda s: (s.first_line, s.last_line or 0))


def _inside(offset: int, starts: list[int], masks: list[Mask]) -> bool:
    index = bisect_right(starts, offset) - 1
    return index >= 0 and masks[index].start <= offset < masks[index].end


def _enable(active: list[tuple[frozenset[str], int]], rules: frozenset[str], line: int,
            result: list[Suppression]) -> list[tuple[frozenset[str], int]]:
    """Close the regions that ``klarsprak-enable [IDS]`` ends; keep what it does not name."""
    still: list[tuple[frozenset[str], int]] = []
    for region, first in active:
        if not rules:
            result.append(Suppression(region, first, line))
        elif not region:
            still.append((region, first))  # "every rule but …" cannot be expressed: keep all off
        elif region & rules:
            result.append(Suppression(region, first, line))
            if region - rules:
                still.append((region - rules, line + 1))
        else:
            still.append((region, first))
    return still


def _next_content_line(text: str, line_starts: list[int], offset: int) -> int | None:
    """1-based number of the first non-blank line after the one holding ``offset``."""
    index = bisect_right(line_starts, offset)  # 0-based index of the next line
    while index < len(line_starts):
        end = line_starts[index + 1] if index + 1 < len(line_starts) else len(text)
        if text[line_starts[index] : end].strip():
            return index + 1
        index += 1
    return None

"""Editorial plans through the engine: each row with text is checked as a post of its own.

The row's date, channel, målform and type become the post's front matter, and every finding is
mapped back to its line and column in the plan file (see :mod:`klarsprak.text.calendar`).
"""

from __future__ import annotations

from dataclasses import replace

from klarsprak.core.diagnostics import Diagnostic, Fix, Suggestion
from klarsprak.core.errors import KlarsprakError
from klarsprak.engine.lint import Engine, FileResult
from klarsprak.text.calendar import (
    ROW_KEY,
    Cell,
    Row,
    normalise,
    parse_csv,
    parse_yaml_plan,
    row_front_matter,
)
from klarsprak.text.document import Document
from klarsprak.text.files import CSV_SUFFIX, YAML_SUFFIXES
from klarsprak.text.normalise import line_starts
from klarsprak.text.sources import SourceFile


def map_diagnostic(d: Diagnostic, cell: Cell, document: Document) -> Diagnostic:
    """A finding in the cell's text → the same finding at its place in the calendar file."""
    start, end = cell.source_start(d.start), cell.source_end(d.end)
    line, column = document.position(start)
    end_line, end_column = document.position(max(start, end))
    suggestions = tuple(_map_suggestion(s, cell) for s in d.suggestions)
    return replace(d, start=start, end=max(start, end), line=line, column=column, end_line=end_line,
                   end_column=end_column, suggestions=suggestions)


def _map_suggestion(suggestion: Suggestion, cell: Cell) -> Suggestion:
    """Keep a fix only where writing it into the file cannot break the CSV/YAML around it."""
    fix = suggestion.fix
    if fix is None:
        return suggestion
    if not cell.contiguous(fix.start, fix.end) or cell.forbidden & set(fix.replacement):
        return replace(suggestion, fix=None, safe=False)
    mapped = Fix(cell.source_start(fix.start), cell.source_end(fix.end) if fix.end > fix.start else cell.source_start(fix.start),
                 fix.replacement)
    return replace(suggestion, fix=mapped)


def check_rows(engine: Engine, source: SourceFile, rows: list[Row]) -> list[FileResult]:
    """Check each row with text as a post; empty text cells are planned slots, not posts yet."""
    columns = engine.config.spec.calendar
    document = Document(source.text, source.path, "text", line_starts=line_starts(source.text))  # CR, LF, CRLF
    text_column = normalise(columns.text)
    results = []
    for row in rows:
        cell = row.cells.get(text_column)
        if cell is None or not cell.text.strip():
            continue
        meta = row_front_matter(row, columns, source.path)
        try:
            result = engine.check(cell.text, source.path, fmt="text", front_matter=meta)
        except KlarsprakError as error:
            raise KlarsprakError(error.detail, source.path, row.line) from None
        result.diagnostics = [map_diagnostic(d, cell, document) for d in result.diagnostics]
        result.front_matter = {**result.front_matter, ROW_KEY: row.line}
        result.document, result.analysis = document, None
        results.append(result)
    return results


def read_csv_calendar(engine: Engine, source: SourceFile) -> list[FileResult]:
    return check_rows(engine, source, parse_csv(source.text, source.path, engine.config.spec.calendar))


def read_yaml_calendar(engine: Engine, source: SourceFile) -> list[FileResult]:
    return check_rows(engine, source, parse_yaml_plan(source.text, source.path))


PLAN_READERS = {CSV_SUFFIX: read_csv_calendar, **{suffix: read_yaml_calendar for suffix in YAML_SUFFIXES}}

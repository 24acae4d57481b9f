"""Editorial calendars: a week of planned posts in one file, one row per post.

The editorial team plans posts in a spreadsheet and exports it as CSV (``plan.csv``), or keeps
the plan as YAML (``*.plan.yaml``). Every row's text cell is checked as a post of its own, with
the row's date, channel, målform and type as its front matter, and every finding points at the
line and column *in the calendar file* where the offending characters are, so an editor (or a CI
annotation) lands on the right cell even inside a quoted, multi-line cell.

This module only reads a plan into rows of cells; :mod:`klarsprak.engine.plans` checks them.
Only YAML files named ``*.plan.yaml``/``*.plan.yml`` (or just ``plan.yaml``) are calendars:
``.klarsprak.yaml``, rule files and workflow files must never be taken for posts (the suffixes are
in :mod:`klarsprak.text.files`, which finds the files to check).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from klarsprak.core.errors import KlarsprakError
from klarsprak.text.frontmatter import KANALER, TYPER
from klarsprak.text.normalise import line_starts

DELIMITERS = (";", ",", "\t")
ROW_KEY = "linje"  # front-matter key holding the line where the row starts (for the report)
YAML_LIST_KEY = "innlegg"

MALFORM_VALUES = {"nb": "nb", "bokmål": "nb", "bokmal": "nb", "nn": "nn", "nynorsk": "nn", "auto": "auto"}
# Characters that would change how a YAML scalar of each style reads if a fix wrote them into it.
YAML_FORBIDDEN: dict[str | None, frozenset[str]] = {
    "|": frozenset("\n"), ">": frozenset("\n"), '"': frozenset('"\\\n'), "'": frozenset("'\n"),
    None: frozenset(":#\n\"'"),
}
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class CalendarSpec(BaseModel):
    """Column names of an editorial calendar (``calendar:`` in ``.klarsprak.yaml``)."""

    model_config = ConfigDict(extra="forbid")
    text: str = "tekst"
    date: str = "dato"
    channel: str = "kanal"
    malform: str = "malform"
    type: str = "type"


@dataclass(frozen=True)
class Cell:
    """A cell's value and, for each of its characters, the offset of that character in the file.

    ``end`` is the offset just past the cell's last source character (the closing quote
    included), so an empty cell or a finding at the very end still has a place to point at.
    """

    text: str
    offsets: tuple[int, ...]
    start: int
    end: int
    forbidden: frozenset[str] = frozenset()  # characters a fix may not write into this cell

    def source_start(self, index: int) -> int:
        return self.offsets[index] if index < len(self.offsets) else self._after_last()

    def source_end(self, index: int) -> int:
        return self.offsets[index - 1] + 1 if 0 < index <= len(self.offsets) else self.source_start(index)

    def _after_last(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else self.start

    def contiguous(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` is written verbatim in the file (no escaped quote inside)."""
        if end <= start:
            return start <= len(self.offsets)
        return self.offsets[end - 1] - self.offsets[start] == end - 1 - start


@dataclass
class Row:
    line: int  # 1-based line where the row starts
    cells: dict[str, Cell] = field(default_factory=dict)  # by normalised column name


# -- reading ------------------------------------------------------------------------------------
def normalise(name: str) -> str:
    """Header names as a spreadsheet user writes them: «Målform», «TEKST » and «malform» match."""
    folded = name.strip().casefold()
    return folded.replace("å", "a").replace("ø", "o").replace("æ", "ae")


def parse_csv(text: str, path: str, columns: CalendarSpec) -> list[Row]:
    """Rows of a CSV calendar (``;``, ``,`` or tab; quoted multi-line cells; Excel's ``sep=`` line)."""
    start, delimiter = 0, None
    first_line = text.split("\n", 1)[0].rstrip("\r")
    sep = re.fullmatch(r"sep=(.)", first_line)
    if sep:
        delimiter, start = sep.group(1), len(first_line) + 1
        if text[len(first_line):len(first_line) + 1] == "\r":
            start += 1
    if delimiter is None:
        delimiter = _guess_delimiter(text[start:], path, columns)
    records = list(_records(text, start, delimiter, path))
    if not records:
        raise KlarsprakError("kalenderen er tom (fant ingen overskriftsrad)", path, 1)
    header_line, header = records[0]
    names = [normalise(cell.text) for cell in header]
    _require_text_column(names, [cell.text for cell in header], columns, path, _line_of(text, header_line))
    rows = []
    for offset, cells in records[1:]:
        if all(not cell.text.strip() for cell in cells):
            continue  # blank line or an empty spreadsheet row
        row = Row(_line_of(text, offset))
        for name, cell in zip(names, cells):
            if name and name not in row.cells:
                row.cells[name] = cell
        rows.append(row)
    return rows


def _guess_delimiter(text: str, path: str, columns: CalendarSpec) -> str:
    """The delimiter whose header row holds the text column; else the most frequent one."""
    first = text.split("\n", 1)[0]
    wanted = normalise(columns.text)
    for delimiter in DELIMITERS:
        try:
            header = next(_records(first, 0, delimiter, path), (0, []))[1]
        except KlarsprakError:  # a quoted header cell that spans lines: decide by counting
            continue
        if wanted in {normalise(cell.text) for cell in header}:
            return delimiter
    return max(DELIMITERS, key=first.count)


def _require_text_column(names: list[str], shown: list[str], columns: CalendarSpec, path: str, line: int) -> None:
    if normalise(columns.text) not in names:
        found = ", ".join(f"«{name.strip()}»" for name in shown if name.strip()) or "ingen"
        raise KlarsprakError(
            f"fant ikke tekstkolonnen «{columns.text}» i overskriftsraden (fant {found}); "
            "sett calendar.text i .klarsprak.yaml", path, line)


def _records(text: str, start: int, delimiter: str, path: str) -> Iterator[tuple[int, list[Cell]]]:
    """RFC 4180 records with the file offset of every character (csv.reader cannot tell them)."""
    i, n = start, len(text)
    while i < n:
        record_start, cells = i, []
        while True:
            cell, i = _cell(text, i, delimiter, path)
            cells.append(cell)
            if i < n and text[i] == delimiter:
                i += 1
                continue
            if i < n and text[i] == "\r":
                i += 1
            if i < n and text[i] == "\n":
                i += 1
            break
        yield record_start, cells


def _cell(text: str, i: int, delimiter: str, path: str) -> tuple[Cell, int]:
    n, start = len(text), i
    chars: list[str] = []
    offsets: list[int] = []
    quoted = i < n and text[i] == '"'
    if quoted:
        i += 1
        while True:
            if i >= n:
                raise KlarsprakError("et sitattegn (\") blir aldri lukket; cellen fortsetter ut fila",
                                     path, text.count("\n", 0, start) + 1)
            if text[i] == '"':
                if i + 1 < n and text[i + 1] == '"':
                    chars.append('"')
                    offsets.append(i + 1)
                    i += 2
                    continue
                i += 1
                break
            chars.append(text[i])
            offsets.append(i)
            i += 1
    while i < n and text[i] not in (delimiter, "\r", "\n"):  # unquoted cell, or text after a closing quote
        chars.append(text[i])
        offsets.append(i)
        i += 1
    forbidden = frozenset('"') if quoted else frozenset({'"', delimiter, "\r", "\n"})
    return Cell("".join(chars), tuple(offsets), start, i, forbidden), i


def parse_yaml_plan(text: str, path: str) -> list[Row]:
    """Rows of a YAML calendar: a list of posts, or a mapping with the list under ``innlegg``."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise KlarsprakError(f"ugyldig YAML: {error.problem or error.context}", path,
                             mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise KlarsprakError(f"ugyldig YAML: {error}", path) from None
    if root is None:
        return []
    items = root
    if isinstance(root, yaml.MappingNode):
        items = next((value for key, value in root.value
                      if isinstance(key, yaml.ScalarNode) and key.value == YAML_LIST_KEY), None)
    if not isinstance(items, yaml.SequenceNode):
        raise KlarsprakError(f"en plan skal være en liste med innlegg (eller ha lista under «{YAML_LIST_KEY}:»)",
                             path, root.start_mark.line + 1)
    rows = []
    for item in items.value:
        if not isinstance(item, yaml.MappingNode):
            raise KlarsprakError("hvert innlegg i planen skal være en tabell (dato:, kanal:, tekst: …)",
                                 path, item.start_mark.line + 1)
        row = Row(item.start_mark.line + 1)
        for key, value in item.value:
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
                row.cells.setdefault(normalise(key.value), _yaml_cell(text, value))
        rows.append(row)
    return rows


def _yaml_cell(text: str, node: Any) -> Cell:
    """Align the scalar's value with its source (block, quoted or plain) character by character.

    Every visible character is found in order in the scalar's source; whitespace, which folding
    and indentation change, points at the next source position. Exact for block and plain
    scalars, and close enough for quoted ones with escapes.
    """
    value, begin, end = node.value, node.start_mark.index, node.end_mark.index
    offsets, cursor = [], begin
    for char in value:
        if not char.isspace():
            found = text.find(char, cursor, end)
            if found >= 0:
                cursor = found
        offsets.append(min(cursor, max(begin, end - 1)))
        if not char.isspace() and cursor < end:
            cursor += 1
    return Cell(value, tuple(offsets), begin, end, YAML_FORBIDDEN.get(node.style, YAML_FORBIDDEN[None]))


# -- one row → one post ---------------------------------------------------------------------------
def row_front_matter(row: Row, columns: CalendarSpec, path: str) -> dict[str, Any]:
    """The row's date, channel, målform and type, checked here so a mistake names the row and column."""
    meta: dict[str, Any] = {}

    def value(column: str) -> str:
        cell = row.cells.get(normalise(column))
        return cell.text.strip() if cell else ""

    if raw := value(columns.malform):
        malform = MALFORM_VALUES.get(raw.casefold())
        if malform is None:
            raise KlarsprakError(f"ukjent målform «{raw}» i kolonnen «{columns.malform}» (nb, nn, bokmål, nynorsk eller auto)", path, row.line)
        meta["malform"] = malform
    if raw := value(columns.channel):
        if raw.casefold() not in KANALER:
            raise KlarsprakError(f"ukjent kanal «{raw}» i kolonnen «{columns.channel}» (én av {', '.join(KANALER)})", path, row.line)
        meta["kanal"] = raw.casefold()
    if raw := value(columns.type):
        if raw.casefold() not in TYPER:
            raise KlarsprakError(f"ukjent type «{raw}» i kolonnen «{columns.type}» (innlegg eller svar)", path, row.line)
        meta["type"] = raw.casefold()
    if raw := value(columns.date):
        meta["dato"] = _parse_date(raw, columns.date, path, row.line)
    return meta


def _parse_date(raw: str, column: str, path: str, line: int) -> str:
    """ISO dates (optionally with a time) and the Norwegian 18.03.2024 that spreadsheets export."""
    match = _NORWEGIAN_DATE.match(raw)
    candidate = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}" if match else raw[:10]
    try:
        return date.fromisoformat(candidate).isoformat()
    except ValueError:
        raise KlarsprakError(f"ugyldig dato «{raw}» i kolonnen «{column}» (skriv ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)", path, line) from None


def _line_of(text: str, offset: int) -> int:
    """1-based line of ``offset``; CR, LF and CRLF each end a line (Excel for Mac writes lone CR)."""
    return bisect_right(line_starts(text), offset)

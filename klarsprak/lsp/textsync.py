"""The editor's text, kept in step with incremental ``didChange`` edits.

The server keeps its own copy instead of pygls' workspace documents because pygls splits lines with
``str.splitlines`` (which also breaks at U+2028, form feed, …), while the LSP says a line ends at
CR, LF or CRLF and nothing else. A post pasted from the web with a U+2028 in it would otherwise
drift out of step with the editor after the first edit; a file with old Mac (lone CR) line endings
is read line by line like the editor shows it.
Positions are UTF-16 code units, as LSP requires (the server announces ``positionEncoding: utf-16``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klarsprak.text.normalise import LINE_BREAK_RE


def line_start(text: str, line: int) -> int:
    """Offset of the first character of 0-based ``line``; ``len(text)`` past the last line."""
    if line <= 0:
        return 0
    for number, match in enumerate(LINE_BREAK_RE.finditer(text), start=1):
        if number == line:
            return match.end()
    return len(text)


def offset_at(text: str, line: int, character: int) -> int:
    """Code-point offset of an LSP position (UTF-16 units), clamped to the end of its line.

    A position never lands inside a CRLF, nor between a character and its low surrogate half.
    """
    start = line_start(text, line)
    found = LINE_BREAK_RE.search(text, start)
    end = found.start() if found is not None else len(text)
    units = 0
    index = start
    while index < end and units < character:
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index


@dataclass
class OpenDocument:
    """One document the editor has open: its text, version and language."""

    uri: str
    text: str
    version: int | None
    language_id: str = ""

    def apply(self, change: Any) -> None:
        """Apply one ``TextDocumentContentChangeEvent`` (a range edit, or the whole text)."""
        edit_range = getattr(change, "range", None)
        if edit_range is None:
            self.text = change.text
            return
        start = offset_at(self.text, edit_range.start.line, edit_range.start.character)
        end = offset_at(self.text, edit_range.end.line, edit_range.end.character)
        if end < start:
            start, end = end, start
        self.text = self.text[:start] + change.text + self.text[end:]

"""Source text → Document: Markdown-aware prose segments with exact source offsets.

Only prose is checked. Code (fenced, indented, inline), HTML comments, URLs, e-mail addresses,
link targets and YAML front matter are *masked*: each segment's ``text`` is the source slice with
those characters replaced by spaces, so an offset into ``segment.text`` plus ``segment.start`` is
always an offset into ``Document.text``.

INTERFACE CONTRACT (shared by engine, rules, CLI and language server):
- ``parse_document(text, path=None, fmt=None) -> Document``; ``fmt`` is "markdown" or "text"
  (default: from the path's suffix; ``.txt`` is text, everything else Markdown).
- ``Document.text`` is the decoded source exactly as given (no BOM; newlines untouched, CRLF kept).
- Segment scopes: "paragraph", "heading", "list" (one segment per list item), "quote", "table"
  (one per cell or row), "alt" (image alt text, masked out of its paragraph).
- Links keep their text in the paragraph; each is also listed in ``Document.links``.
- Suppressions come from ``<!-- klarsprak-disable ID[,ID] -->`` … ``<!-- klarsprak-enable [ID] -->``
  and ``<!-- klarsprak-disable-next-line ID[,ID] -->`` (no ID = every rule).
- Front matter: a leading ``---``/``---`` YAML block; its mapping lands in ``front_matter``.

Details of this implementation (additive to the contract):
- Masked too: emphasis markers (``*``, ``_``, ``**``, ``~~``), heading ``#``, list bullets and
  numbers, ``>`` quote markers, backslash escapes, HTML tags, reference definitions.
  ``Document.masks`` lists the masked code, URLs, e-mail addresses, HTML and comments by kind,
  so a rule that must see them (personal data) still can.
- A segment spans its whole block without the source's surrounding whitespace; its text may
  start or end with blanked markup («**Viktig**» gives «  Viktig  »). A list item with two
  paragraphs gives two "list" segments with the same ``block``; table segments are cells,
  one ``block`` per row. Segments without any prose (only a URL, only code) are left out.
- Plain text: paragraphs are split on blank lines; URLs, e-mail addresses and HTML comments are
  masked; nothing else is.
- ``<!-- klarsprak-disable-line ID -->`` switches rules off on the comment's own line.
  ``klarsprak-enable ID`` after a bare ``klarsprak-disable`` leaves every rule off (a region
  cannot mean "all but one"). Comments inside code are not directives.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from klarsprak.core.errors import KlarsprakError
from klarsprak.text.frontmatter import split_front_matter
from klarsprak.text.markdown import Builder
from klarsprak.text.spans import Image, Link, Mask, Segment
from klarsprak.text.suppressions import Suppression, find_suppressions


@dataclass
class Document:
    text: str
    path: str | None = None
    format: str = "markdown"
    segments: list[Segment] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_end: int = 0  # offset just past the closing ``---`` line, 0 when none
    suppressions: list[Suppression] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)
    masks: list[Mask] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.line_starts:
            self.line_starts = _line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) in UTF-16 code units, as LSP wants."""
        line = bisect_right(self.line_starts, offset) - 1
        prefix = self.text[self.line_starts[line] : offset]
        return line, len(prefix.encode("utf-16-le")) // 2

    def offset_at_utf16(self, line: int, character: int) -> int:
        """Inverse of :meth:`utf16_position` (clamped to the line)."""
        if line >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        units = 0
        for index in range(start, end):
            if units >= character:
                return index
            units += 2 if ord(self.text[index]) > 0xFFFF else 1
        return end

    def is_suppressed(self, rule_id: str, line: int) -> bool:
        return any(s.covers(rule_id, line) for s in self.suppressions)

    def masks_of(self, kind: str) -> list[Mask]:
        """The masked ranges of one kind ("email", "url", …), in source order."""
        return [mask for mask in self.masks if mask.kind == kind]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in _NEWLINE_RE.finditer(text))
    return starts


_NEWLINE_RE = re.compile("\n")


_TEXT_SUFFIXES = (".txt", ".text")
_FORMATS = {"markdown": "markdown", "md": "markdown", "text": "text", "txt": "text", "plain": "text"}


def parse_document(text: str, path: str | None = None, fmt: str | None = None) -> Document:
    """Split a post into prose segments; raises ``KlarsprakError`` for broken front matter."""
    # Parsing allocates many small objects that all stay alive until the end; the cyclic
    # garbage collector would rescan them again and again (measured: 5 MB took twice as long).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, fmt)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, path: str | None, fmt: str | None) -> Document:
    document = Document(text, path, _format(path, fmt))
    front_matter, prose_start = split_front_matter(text, path)
    document.front_matter = front_matter
    document.front_matter_end = prose_start
    builder = Builder(text, document.line_starts, prose_start)
    if document.format == "markdown":
        builder.markdown()
    else:
        builder.plain()
    document.segments = sorted(builder.segments, key=lambda segment: (segment.start, segment.end))
    document.links = sorted(builder.links, key=lambda link: link.text_start)
    document.images = sorted(builder.images, key=lambda image: image.start)
    document.masks = sorted(builder.kinds, key=lambda mask: (mask.start, mask.end))
    document.suppressions = find_suppressions(text, document.line_starts, document.masks_of("code"))
    return document


def _format(path: str | None, fmt: str | None) -> str:
    if fmt is not None:
        try:
            return _FORMATS[fmt.lower()]
        except KeyError:
            raise KlarsprakError(f"ukjent format «{fmt}» (bruk markdown eller text)", path) from None
    if path and path.lower().endswith(_TEXT_SUFFIXES):
        return "text"
    return "markdown"

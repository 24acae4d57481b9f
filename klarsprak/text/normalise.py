"""The text the rules read, and the way back to the text the writer wrote.

Posts arrive in forms that look the same on screen but hide words from the rules:

- decomposed Unicode (NFD: «å» as «a» + U+030A, from PDFs, macOS file names and copy-paste);
- invisible characters pasted from Word and publishing tools inside or between words: soft
  hyphen U+00AD, zero-width space U+200B, zero-width non-joiner/joiner U+200C/U+200D (not inside
  emoji sequences, where the joiner is part of the emoji), word joiner U+2060, U+FEFF inside text;
- non-breaking spaces (U+00A0, U+202F narrow, U+2007 figure space) between words;
- lone CR line endings (old Mac, some exports) and a mix of CR, LF and CRLF in one file.

:func:`normalise` turns the source into the *analysis text* (NFC, invisible characters removed,
non-breaking spaces as spaces, every lone CR as LF) once, at the engine boundary, and keeps an
offset map. Findings are mapped back before they leave the engine: a finding's start goes to the
start of its first character in the source and its end to the end of its last one, so a finding
over «ved\\u00adrørende» or an NFD «angående» covers the whole original word, soft hyphen and
combining marks included, and a fix replaces that whole span (the replacement has no soft hyphen;
nothing outside the span changes). Invisible characters just before or after a finding stay
outside it.

Line breaks follow the LSP: CR, LF and CRLF each end a line (:func:`line_starts`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from klarsprak.core.diagnostics import Diagnostic
    from klarsprak.text.document import Document

INVISIBLE = "\u00ad\u200b\u2060\ufeff"  # always removed
JOINERS = "\u200c\u200d"  # removed after a letter or digit; kept in emoji sequences
SPACES = {0x00A0: " ", 0x202F: " ", 0x2007: " "}  # non-breaking spaces read as spaces

LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")  # what ends a line, as the LSP says
_LONE_CR_RE = re.compile(r"\r(?!\n)")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+|(?<=[^\\W_])[{JOINERS}]+")
_NEEDS_WORK_RE = re.compile(f"[{INVISIBLE}{JOINERS}\u00a0\u202f\u2007]|\r(?!\n)")


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts; CR, LF and CRLF each end a line (as the LSP says)."""
    return [0, *(match.end() for match in LINE_BREAK_RE.finditer(text))]


@dataclass(frozen=True)
class _Anchor:
    """A source range ``[source_start, source_end)`` that became ``[start, end)`` in the analysis text."""

    start: int
    end: int
    source_start: int
    source_end: int


@dataclass(frozen=True)
class Normalised:
    """The analysis text and its map back to the source (code-point offsets both ways)."""

    text: str
    source: str
    anchors: tuple[_Anchor, ...] = ()
    _ends: tuple[int, ...] = field(default=(), repr=False)

    @property
    def changed(self) -> bool:
        """The analysis text differs from the source (findings need mapping back)."""
        return self.text is not self.source and self.text != self.source

    def _locate(self, index: int) -> tuple[int, _Anchor | None]:
        """(source offset of analysis character ``index`` if it is unchanged, anchor holding it)."""
        position = bisect_right(self._ends, index)
        if position < len(self.anchors) and self.anchors[position].start <= index:
            return -1, self.anchors[position]
        if position == 0:
            return index, None
        before = self.anchors[position - 1]
        return index - before.end + before.source_end, None

    def start(self, offset: int) -> int:
        """Source offset where the analysis character at ``offset`` starts."""
        if not self.anchors:
            return offset
        if offset >= len(self.text):
            return len(self.source)
        mapped, anchor = self._locate(offset)
        return anchor.source_start if anchor is not None else mapped

    def end(self, offset: int) -> int:
        """Source offset where the analysis character before ``offset`` ends."""
        if not self.anchors:
            return offset
        if offset <= 0:
            return 0
        mapped, anchor = self._locate(offset - 1)
        return anchor.source_end if anchor is not None else mapped + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A ``[start, end)`` range of the analysis text as a source range (never inverted)."""
        source_start = self.start(start)
        return source_start, max(source_start, self.end(end)) if end > start else source_start


def normalise(text: str) -> Normalised:
    """The analysis text of ``text``; the source itself (no copy, no map) when nothing changes."""
    if _NEEDS_WORK_RE.search(text) is None and unicodedata.is_normalized("NFC", text):
        return Normalised(text, text)
    same_length = _LONE_CR_RE.sub("\n", text).translate(SPACES)
    pieces: list[str] = []
    anchors: list[_Anchor] = []
    position = 0
    length = 0  # of the analysis text built so far
    for match in _changes_re().finditer(same_length):
        original = match.group()
        replacement = "" if match.lastgroup == "invisible" else unicodedata.normalize("NFC", original)
        if replacement == original:
            continue
        pieces.append(same_length[position : match.start()])
        length += match.start() - position
        anchors.append(_Anchor(length, length + len(replacement), match.start(), match.end()))
        pieces.append(replacement)
        length += len(replacement)
        position = match.end()
    if not anchors:
        return Normalised(same_length, text)
    pieces.append(same_length[position:])
    return Normalised("".join(pieces), text, tuple(anchors), tuple(anchor.end for anchor in anchors))


@lru_cache(maxsize=1)
def _changes_re() -> re.Pattern[str]:
    """Invisible characters, and every cluster NFC may change: a character followed by marks that
    can combine with it, or a character NFC replaces on its own (such as U+212B ANGSTROM SIGN).

    Built from the Unicode database on first use (only texts that need it pay, about 0.1 s).
    """
    followers: set[str] = set()
    singletons: set[str] = set()
    for code in range(0x20000):
        char = chr(code)
        if unicodedata.combining(char):
            followers.add(char)
        decomposition = unicodedata.decomposition(char)
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            followers.update(chr(int(part, 16)) for part in parts[1:])
            if not unicodedata.is_normalized("NFC", char):
                singletons.add(char)
    followers.update(map(chr, range(0x1161, 0x1176)), map(chr, range(0x11A8, 0x11C3)))  # Hangul V and T jamo
    followers -= set(INVISIBLE + JOINERS)
    marks = _char_class(followers)
    return re.compile(f"(?P<invisible>{_INVISIBLE_RE.pattern})|(?s:.){marks}+|{_char_class(singletons)}")


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


def source_document(normalised: Normalised, analysed: "Document") -> "Document":
    """The source text's document: positions (CR, LF and CRLF lines), front matter, suppressions.

    Links, images and masks are mapped to source offsets; prose segments stay with the analysed
    document (their text is the analysis text).
    """
    from klarsprak.text.document import Document, Image, Link, Mask

    span = normalised.span
    return Document(
        normalised.source, analysed.path, analysed.format, segments=[],
        links=[Link(*span(link.text_start, link.text_end), link.text, link.url) for link in analysed.links],
        images=[Image(*span(image.start, image.end), *span(image.alt_start, image.alt_end), image.alt, image.src)
                for image in analysed.images],
        front_matter=analysed.front_matter, front_matter_end=normalised.end(analysed.front_matter_end),
        suppressions=analysed.suppressions, line_starts=line_starts(normalised.source),
        masks=[Mask(*span(mask.start, mask.end), mask.kind) for mask in analysed.masks],
    )


def whole_characters(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so it never separates a letter from its combining marks.

    NFC cannot compose every pair («J» + U+0301 stays two code points), and a rule's expression
    (``\\w`` does not match a mark) may stop between them; a fix must not strand the accent.
    """
    length = len(text)
    while 0 < start < length and unicodedata.combining(text[start]) and not text[start - 1].isspace():
        start -= 1
    while 0 < end < length and unicodedata.combining(text[end]) and text[end - 1] not in "\r\n":
        end += 1
    return start, max(start, end)


def map_diagnostic(diagnostic: "Diagnostic", normalised: Normalised, source: "Document") -> "Diagnostic":
    """A diagnostic on the analysis text, moved onto the source text (range, position, fixes).

    Returns ``diagnostic`` itself when nothing moves (the common case).
    """
    text = normalised.source
    start, end = whole_characters(text, *normalised.span(diagnostic.start, diagnostic.end))
    fixes = [whole_characters(text, *normalised.span(s.fix.start, s.fix.end)) if s.fix is not None else None
             for s in diagnostic.suggestions]
    moved = [(s.fix.start, s.fix.end) if s.fix is not None else None for s in diagnostic.suggestions]
    if (start, end) == (diagnostic.start, diagnostic.end) and fixes == moved:
        return diagnostic
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    suggestions = tuple(
        replace(s, fix=replace(s.fix, start=span[0], end=span[1])) if s.fix is not None and span else s
        for s, span in zip(diagnostic.suggestions, fixes)
    )
    return replace(diagnostic, start=start, end=end, line=line, column=column, end_line=end_line,
                   end_column=end_column, suggestions=suggestions)

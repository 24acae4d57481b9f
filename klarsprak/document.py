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
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from klarsprak.errors import KlarsprakError

SCOPES = ("paragraph", "heading", "list", "quote", "table", "alt")
MASK_KINDS = ("code", "url", "email", "html", "comment")


@dataclass(frozen=True)
class Segment:
    """A run of prose: ``text`` has the same length as ``source[start:end]``."""

    scope: str
    start: int
    text: str
    block: int = 0  # index of the Markdown block it came from (a paragraph, a list item, …)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Link:
    text_start: int
    text_end: int
    text: str
    url: str


@dataclass(frozen=True)
class Image:
    start: int  # the whole ``![alt](src)`` markup
    end: int
    alt_start: int
    alt_end: int
    alt: str
    src: str


@dataclass(frozen=True)
class Mask:
    """Source range left out of the prose, with what it was (one of ``MASK_KINDS``)."""

    start: int
    end: int
    kind: str


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


# ================================================================================================
# Entry point
# ================================================================================================

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
    front_matter, prose_start = _front_matter(text, path)
    document.front_matter = front_matter
    document.front_matter_end = prose_start
    builder = _Builder(text, document.line_starts, prose_start)
    if document.format == "markdown":
        builder.markdown()
    else:
        builder.plain()
    document.segments = sorted(builder.segments, key=lambda segment: (segment.start, segment.end))
    document.links = sorted(builder.links, key=lambda link: link.text_start)
    document.images = sorted(builder.images, key=lambda image: image.start)
    document.masks = sorted(builder.kinds, key=lambda mask: (mask.start, mask.end))
    document.suppressions = _suppressions(text, document.line_starts, document.masks_of("code"))
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


# ================================================================================================
# Front matter
# ================================================================================================


def _front_matter(text: str, path: str | None) -> tuple[dict[str, Any], int]:
    """The YAML mapping of a leading ``---`` block and the offset where the prose starts."""
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].rstrip(" \t\r") not in ("---", "\ufeff---"):
        return {}, 0
    body_start = first_end + 1
    position = body_start
    length = len(text)
    while position < length:
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = length
        if text[position:line_end].rstrip(" \t\r") in ("---", "..."):
            return _load_front_matter(text[body_start:position], path), min(line_end + 1, length)
        position = line_end + 1
    return {}, 0  # no closing line: a thematic break, not front matter


def _load_front_matter(body: str, path: str | None) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise KlarsprakError(f"ugyldig front matter: {problem}", path, line) from None
    except (RecursionError, ValueError) as error:
        raise KlarsprakError(f"ugyldig front matter: {error}", path, 2) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KlarsprakError(
            "ugyldig front matter: forventet nøkler med verdier (nøkkel: verdi), "
            f"fant {_yaml_type(data)}",
            path,
            2,
        )
    return data


def _yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, str):
        return "tekst"
    return "en enkeltverdi"


# ================================================================================================
# Suppression comments
# ================================================================================================

_DIRECTIVE_RE = re.compile(
    r"<!--\s*klarsprak-(disable-next-line|disable-line|disable|enable)(?=[\s:,]|--)"
    r"[\s:]*(.*?)\s*-->",
    re.DOTALL,
)
_ID_SPLIT_RE = re.compile(r"[\s,]+")


def _suppressions(text: str, line_starts: list[int], code: list[Mask]) -> list[Suppression]:
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


# ================================================================================================
# Markdown blocks (markdown-it-py gives the block structure; we record exact line spans)
# ================================================================================================

_LINES_KEY = "klarsprak_lines"
_md_parser: Any = None


def _markdown_parser() -> Any:
    """A block-only CommonMark (+ tables) parser whose prose blocks remember their line spans.

    The paragraph, heading and table rules are wrapped: right after one succeeds, markdown-it's
    line markers (``bMarks + tShift`` … ``eMarks``) point past every container prefix (``>``,
    list bullets, indentation) of each of its lines, which is exactly where the prose starts.
    Inline parsing is off: inline offsets are computed here, markdown-it does not keep them.
    """
    global _md_parser
    if _md_parser is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"html": True}).enable("table")
        md.core.ruler.disable(["inline", "text_join"])
        for rule in list(md.block.ruler.__rules__):
            if rule.name in ("paragraph", "heading", "lheading", "table"):
                md.block.ruler.at(rule.name, _recording(rule.fn), {"alt": list(rule.alt)})
        _md_parser = md
    return _md_parser


def _recording(rule: Any) -> Any:
    def recording_rule(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        before = len(state.tokens)
        matched = rule(state, start_line, end_line, silent)
        if matched and not silent and len(state.tokens) > before:
            spans = []
            for line in range(start_line, state.line):
                end = state.eMarks[line]
                begin = min(max(state.bMarks[line] + state.tShift[line], state.bMarks[line]), end)
                spans.append((begin, end))
            state.tokens[before].meta[_LINES_KEY] = spans
        return matched

    return recording_rule


class _Builder:
    """Collects segments, links, images and typed masks for one document."""

    def __init__(self, text: str, line_starts: list[int], prose_start: int) -> None:
        self.text = text
        self.line_starts = line_starts
        self.prose_start = prose_start
        self.segments: list[Segment] = []
        self.links: list[Link] = []
        self.images: list[Image] = []
        self.kinds: list[Mask] = []
        self.references: dict[str, str] = {}
        self.block = 0

    # -- Markdown ------------------------------------------------------------------------------
    def markdown(self) -> None:
        text = self.text
        source = text.replace("\r", " ")  # same length: markdown-it would turn CR into a newline
        if source.startswith("\ufeff"):
            source = " " + source[1:]
        if self.prose_start:
            head = source[: self.prose_start]
            source = _blank(head) + source[self.prose_start :]
        env: dict[str, Any] = {}
        tokens = _markdown_parser().parse(source, env)
        self.references = {label: entry.get("href", "") for label, entry in env.get("references", {}).items()}
        containers: list[tuple[str, int]] = []
        for token in tokens:
            kind = token.type
            if kind == "blockquote_open":
                containers.append(("quote", -1))
            elif kind == "list_item_open":
                self.block += 1
                containers.append(("list", self.block))
            elif kind in ("blockquote_close", "list_item_close"):
                containers.pop()
            elif kind == "paragraph_open":
                scope, block = containers[-1] if containers else ("paragraph", -1)
                if block < 0:
                    self.block += 1
                    block = self.block
                self.prose(scope, token.meta.get(_LINES_KEY, []), block)
            elif kind == "heading_open":
                self.block += 1
                self.heading(token.markup, token.meta.get(_LINES_KEY, []))
            elif kind == "table_open":
                self.table(token.meta.get(_LINES_KEY, []))
            elif kind in ("fence", "code_block", "html_block") and token.map:
                start, end = self.block_range(token.map)
                mask_kind = "html" if kind == "html_block" else "code"
                if kind == "html_block" and self.text[start:end].lstrip().startswith("<!--"):
                    mask_kind = "comment"
                self.kinds.append(Mask(start, end, mask_kind))

    def block_range(self, line_map: list[int]) -> tuple[int, int]:
        first, last = line_map
        start = self.line_starts[first] if first < len(self.line_starts) else len(self.text)
        end = self.line_starts[last] if last < len(self.line_starts) else len(self.text)
        return start, end

    def prose(self, scope: str, spans: list[tuple[int, int]], block: int) -> None:
        if not spans:
            return
        masks = [(end, begin) for (_, end), (begin, _) in pairwise(spans) if begin > end]
        start, end = spans[0][0], spans[-1][1]
        self.emit(scope, start, end, masks, block)

    def heading(self, markup: str, spans: list[tuple[int, int]]) -> None:
        if not spans:
            return
        if markup and markup[0] in "=-":  # setext: the last line is the underline
            self.prose("heading", spans[:-1], self.block)
            return
        start, end = spans[0]
        text = self.text
        while start < end and text[start] == "#":
            start += 1
        while end > start and text[end - 1] in " \t\r":
            end -= 1
        closing = end
        while closing > start and text[closing - 1] == "#":
            closing -= 1
        if closing == start or text[closing - 1] in " \t":
            end = closing
        self.emit("heading", start, end, [], self.block)

    def table(self, spans: list[tuple[int, int]]) -> None:
        for row, (start, end) in enumerate(spans):
            if row == 1:
                continue  # the |---|:---:| delimiter row
            self.block += 1
            pipes = [m.start() for m in _PIPE_RE.finditer(self.text, start, end) if self.text[m.start()] == "|"]
            bounds = [start - 1, *pipes, end]
            for left, right in pairwise(bounds):
                cell_start, cell_end = left + 1, right
                if self.text[cell_start:cell_end].strip():
                    self.emit("table", cell_start, cell_end, [], self.block)

    # -- plain text ----------------------------------------------------------------------------
    def plain(self) -> None:
        text = self.text
        position = self.prose_start
        for match in _BLANK_LINES_RE.finditer(text, position):
            self.plain_paragraph(position, match.start())
            position = match.end()
        self.plain_paragraph(position, len(text))

    def plain_paragraph(self, start: int, end: int) -> None:
        if start >= end or not self.text[start:end].strip():
            return
        self.block += 1
        self.emit("paragraph", start, end, [], self.block, markdown=False)

    # -- segments ------------------------------------------------------------------------------
    def emit(self, scope: str, start: int, end: int, masks: list[tuple[int, int]], block: int,
             markdown: bool = True) -> None:
        """Scan inline markup of ``text[start:end]`` and add the segment (and any alt texts)."""
        trigger = _MD_TRIGGER_RE if markdown else _TEXT_TRIGGER_RE
        if not masks and trigger.search(self.text, start, end) is None:  # plain words: most blocks
            segment = _segment(self.text, scope, start, end, masks, block)
            if segment is not None:
                self.segments.append(segment)
            return
        scan = _Inline(self, masks, markdown)
        scan.run(start, end)
        segment = _segment(self.text, scope, start, end, scan.masks, block)
        if segment is not None:
            self.segments.append(segment)
        for link_start, link_end, url in scan.links:
            visible = _visible(self.text, link_start, link_end, scan.masks)
            if not visible[2]:  # the link text is itself a URL (masked as prose): keep it as written
                raw = _visible(self.text, link_start, link_end, [])
                if raw[2].startswith(("http://", "https://", "www.")):
                    visible = raw
            self.links.append(Link(*visible, url))
        for image_start, image_end, alt_start, alt_end, src in scan.images:
            alt_scan = _Inline(self, [], markdown)
            alt_scan.allow_links = False
            alt_scan.run(alt_start, alt_end)
            alt = _segment(self.text, "alt", alt_start, alt_end, alt_scan.masks, block)
            if alt is not None:
                self.segments.append(alt)
            self.images.append(Image(image_start, image_end, *_visible(self.text, alt_start, alt_end, alt_scan.masks), src))
            for nested_start, nested_end, nested_alt, _, nested_src in alt_scan.images:  # ![![a](b)](c)
                self.images.append(Image(nested_start, nested_end, nested_alt, nested_alt, "", nested_src))


def _segment(text: str, scope: str, start: int, end: int, masks: list[tuple[int, int]],
             block: int) -> Segment | None:
    """The masked slice without the source's own whitespace at either end; None if no prose.

    Masked characters at the ends stay: a segment covers its whole block, so a rule can tell
    that a URL or e-mail address at the end of a paragraph belongs to it.
    """
    source = text[start:end]
    lead = len(source) - len(source.lstrip())
    trail = len(source) - len(source.rstrip())
    body = _apply_masks(text, start, end, masks) if masks else source
    body = body[lead : len(body) - trail]
    if not body.strip():
        return None
    return Segment(scope, start + lead, body, block)


def _visible(text: str, start: int, end: int, masks: list[tuple[int, int]]) -> tuple[int, int, str]:
    """The range of ``text[start:end]`` without markup and whitespace at its ends, and its words."""
    body = _apply_masks(text, start, end, masks)
    stripped = body.lstrip()
    lead = len(body) - len(stripped)
    stripped = stripped.rstrip()
    return start + lead, start + lead + len(stripped), " ".join(stripped.split())


def _apply_masks(text: str, start: int, end: int, masks: list[tuple[int, int]]) -> str:
    if not masks:
        return text[start:end]
    pieces: list[str] = []
    cursor = start
    for mask_start, mask_end in sorted(masks):
        mask_start, mask_end = max(mask_start, cursor), min(mask_end, end)
        if mask_end <= mask_start:
            continue
        pieces.append(text[cursor:mask_start])
        pieces.append(_blank(text[mask_start:mask_end]))
        cursor = mask_end
    pieces.append(text[cursor:end])
    return "".join(pieces)


def _blank(chunk: str) -> str:
    """Spaces of the same length, newlines kept (so line numbers still hold)."""
    if "\n" not in chunk:
        return " " * len(chunk)
    return "\n".join(" " * len(part) for part in chunk.split("\n"))


_BLANK_LINES_RE = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_PIPE_RE = re.compile(r"\\.|\|")


# ================================================================================================
# Inline markup
# ================================================================================================

_MD_TRIGGER_RE = re.compile(r"[\\`<*_~\[@]|!\[|(?:https?|ftp)://|www\.|mailto:", re.IGNORECASE)
_TEXT_TRIGGER_RE = re.compile(r"<!--|@|(?:https?|ftp)://|www\.|mailto:", re.IGNORECASE)
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_URL_RE = re.compile(r"((?:https?|ftp)://|www\.|mailto:)[^\s<>\"«»\[\]{}|\\^`]*", re.IGNORECASE)
_URL_TRAILING = ".,:;!?'\")*_~"
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_EMAIL_LOCAL_MAX = 64
_EMAIL_DOMAIN_RE = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w-])")
_AUTOLINK_RE = re.compile(r"<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>")
_EMAIL_AUTOLINK_RE = re.compile(r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                                r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>")
_ATTRIBUTE = r"""(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_HTML_RE = re.compile(
    rf"<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|<\?.*?\?>"
    r"|<![A-Za-z][^>]*>"
    r"|<!\[CDATA\[.*?\]\]>",
    re.DOTALL,
)
_LABEL_SPECIAL_RE = re.compile(r"[\\\[\]`]")
_PLAIN_DESTINATION_RE = re.compile(r"[^\s()\\\x00-\x1f]*")
_MAX_LABEL = 1000  # characters a link text may span
_MAX_LABEL_STEPS = 32  # brackets/backticks inside one link text (bounds hostile input)
_backtick_closers: dict[int, re.Pattern[str]] = {}


def _closing_backticks(count: int) -> re.Pattern[str]:
    pattern = _backtick_closers.get(count)
    if pattern is None:
        pattern = _backtick_closers[count] = re.compile(rf"(?<!`)`{{{count}}}(?!`)")
    return pattern


def _is_space(char: str) -> bool:
    return char.isspace()


def _is_punct(char: str) -> bool:
    if char in _ASCII_PUNCT:
        return True
    if char < "\x80":
        return False
    return unicodedata.category(char)[0] in "PS"


class _Inline:
    """One left-to-right pass over a block's source range, CommonMark-style but offset-exact.

    Records ranges to blank out (``masks``), links (their text stays prose) and images (their
    markup is blanked; the alt text becomes its own segment). It works on the document text
    itself, so every offset it produces is a source offset.
    """

    def __init__(self, builder: _Builder, masks: list[tuple[int, int]], markdown: bool) -> None:
        self.builder = builder
        self.text = builder.text
        self.masks = list(masks)
        self.links: list[tuple[int, int, str]] = []
        self.images: list[tuple[int, int, int, int, str]] = []
        self.markdown = markdown
        self.allow_links = True

    def mask(self, start: int, end: int, kind: str | None = None) -> None:
        if end > start:
            self.masks.append((start, end))
            if kind is not None:
                self.builder.kinds.append(Mask(start, end, kind))

    def run(self, low: int, high: int) -> None:
        if self.markdown:
            self.scan(low, high, self.allow_links)
        else:
            self.scan_plain(low, high)

    def scan_plain(self, low: int, high: int) -> None:
        text = self.text
        position = low
        while True:
            match = _TEXT_TRIGGER_RE.search(text, position, high)
            if match is None:
                return
            index = match.start()
            char = text[index]
            if char == "<":
                end = text.find("-->", index + 4, high)
                if end < 0:
                    position = index + 1
                    continue
                self.mask(index, end + 3, "comment")
                position = end + 3
            elif char == "@":
                position = self.email(index, low, high)
            else:
                position = self.url(index, low, high)

    def scan(self, low: int, high: int, allow_links: bool) -> None:
        text = self.text
        position = low
        while True:
            match = _MD_TRIGGER_RE.search(text, position, high)
            if match is None:
                return
            index = match.start()
            char = text[index]
            if char == "\\":
                following = text[index + 1] if index + 1 < high else ""
                if following in _ASCII_PUNCT or following in ("\n", "\r"):
                    self.mask(index, index + 1)
                    position = index + 2 if following in _ASCII_PUNCT else index + 1
                else:
                    position = index + 1
            elif char == "`":
                position = self.code_span(index, high)
            elif char == "<":
                position = self.angle(index, high)
            elif char == "!":
                position = self.image(index, high)
            elif char == "[":
                position = self.link(index, high) if allow_links else index + 1
            elif char in "*_~":
                position = self.delimiters(index, high)
            elif char == "@":
                position = self.email(index, low, high)
            else:
                position = self.url(index, low, high)

    # -- constructs ----------------------------------------------------------------------------
    def code_span(self, index: int, high: int) -> int:
        text = self.text
        end = index
        while end < high and text[end] == "`":
            end += 1
        count = end - index
        closer = _closing_backticks(count).search(text, end, high)
        if closer is None:
            return end
        self.mask(index, closer.end(), "code")
        return closer.end()

    def angle(self, index: int, high: int) -> int:
        text = self.text
        if text.startswith("<!--", index):
            end = text.find("-->", index + 4, high)
            if end >= 0:
                self.mask(index, end + 3, "comment")
                return end + 3
            return index + 1
        for pattern, kind in ((_AUTOLINK_RE, "url"), (_EMAIL_AUTOLINK_RE, "email"), (_HTML_RE, "html")):
            match = pattern.match(text, index, high)
            if match is not None:
                if kind == "url" and match.group().lower().startswith("<mailto:"):
                    kind = "email"
                self.mask(index, match.end(), kind)
                return match.end()
        return index + 1

    def delimiters(self, index: int, high: int) -> int:
        """Blank ``*``/``_`` runs and ``~~`` that can open or close emphasis (CommonMark §6.2)."""
        text = self.text
        char = text[index]
        end = index
        while end < high and text[end] == char:
            end += 1
        if char == "~" and end - index != 2:
            return end
        before = text[index - 1] if index > 0 else "\n"
        after = text[end] if end < len(text) else "\n"
        left = not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))
        right = not _is_space(before) and (not _is_punct(before) or _is_space(after) or _is_punct(after))
        if char == "_":
            opens = left and (not right or _is_punct(before))
            closes = right and (not left or _is_punct(after))
        else:
            opens, closes = left, right
        if opens or closes:
            self.mask(index, end)
        return end

    def url(self, index: int, low: int, high: int) -> int:
        text = self.text
        if index > low and (text[index - 1].isalnum() or text[index - 1] in "/@.-_"):
            return index + 1
        match = _URL_RE.match(text, index, high)
        if match is None:
            return index + 1
        end = match.end()
        while end > index:
            last = text[end - 1]
            if last == ")" and text.count("(", index, end) >= text.count(")", index, end):
                break
            if last not in _URL_TRAILING:
                break
            end -= 1
        if end <= match.end(1) + 1:
            return index + 1  # a bare «www.» or «https://» is not a link
        self.mask(index, end, "email" if text[index] in "mM" else "url")
        return end

    def email(self, index: int, floor: int, high: int) -> int:
        """``name@example.no``: the trigger is the ``@``; the local part lies behind it."""
        text = self.text
        start = index
        floor = max(floor, index - _EMAIL_LOCAL_MAX)
        while start > floor and text[start - 1] in _EMAIL_LOCAL:
            start -= 1
        while start < index and text[start] == ".":
            start += 1
        if start == index:
            return index + 1  # an @mention
        match = _EMAIL_DOMAIN_RE.match(text, index + 1, high)
        if match is None:
            return index + 1
        self.mask(start, match.end(), "email")
        return match.end()

    def image(self, index: int, high: int) -> int:
        parsed = self.link_tail(index + 1, high)
        if parsed is None:
            return index + 2
        label_end, end, url, _ = parsed
        self.mask(index, end)
        self.images.append((index, end, index + 2, label_end, url))
        return end

    def link(self, index: int, high: int) -> int:
        parsed = self.link_tail(index, high)
        if parsed is None:
            return index + 1
        label_end, end, url, target = parsed
        self.mask(index, index + 1)
        self.mask(label_end, end)
        if target is not None and target[1] > target[0]:
            kind = "email" if url.lower().startswith("mailto:") else "url"
            self.builder.kinds.append(Mask(target[0], target[1], kind))
        self.scan(index + 1, label_end, allow_links=False)
        self.links.append((index + 1, label_end, url))
        return end

    def link_tail(self, index: int, high: int) -> tuple[int, int, str, tuple[int, int] | None] | None:
        """For ``[`` at ``index``: (label end, markup end, url, url range) or None if no link."""
        text = self.text
        label_end = self.label_end(index + 1, high)
        if label_end is None:
            return None
        after = label_end + 1
        if after < high and text[after] == "(":
            inline = self.destination(after + 1, high)
            if inline is not None:
                end, url, target = inline
                return label_end, end, url, target
        references = self.builder.references
        if not references:
            return None
        from markdown_it.common.utils import normalizeReference

        if after < high and text[after] == "[":
            close = text.find("]", after + 1, high)
            if close >= 0:
                label = text[after + 1 : close] or text[index + 1 : label_end]
                url = references.get(normalizeReference(label))
                if url is not None:
                    return label_end, close + 1, url, None
        url = references.get(normalizeReference(text[index + 1 : label_end]))
        if url is not None:
            return label_end, after, url, None
        return None

    def label_end(self, position: int, high: int) -> int | None:
        """Index of the ``]`` that closes a ``[`` just before ``position`` (brackets nest)."""
        text = self.text
        limit = min(high, position + _MAX_LABEL)
        if text.find("]", position, limit) < 0:
            return None
        depth = 1
        for _ in range(_MAX_LABEL_STEPS):
            match = _LABEL_SPECIAL_RE.search(text, position, limit)
            if match is None:
                return None
            index = match.start()
            char = text[index]
            if char == "\\":
                position = index + 2
            elif char == "`":
                end = index
                while end < limit and text[end] == "`":
                    end += 1
                closer = _closing_backticks(end - index).search(text, end, limit)
                position = closer.end() if closer is not None else end
            elif char == "[":
                depth += 1
                position = index + 1
            else:
                depth -= 1
                if depth == 0:
                    return index
                position = index + 1
        return None  # too much bracket soup to be a link label

    def destination(self, position: int, high: int) -> tuple[int, str, tuple[int, int]] | None:
        """Parse ``url "title")`` after ``(``: (end after ``)``, url, url range) or None."""
        text = self.text
        position = _skip_space(text, position, high)
        if position >= high:
            return None
        if text[position] == "<":
            close = position + 1
            while close < high and text[close] not in "<>\n":
                close += 2 if text[close] == "\\" else 1
            if close >= high or text[close] != ">":
                return None
            target = (position + 1, close)
            position = close + 1
        else:
            start = position
            position = _PLAIN_DESTINATION_RE.match(text, position, high).end()
            depth = 0  # the slow loop below only runs for parentheses and escapes
            while position < high:
                char = text[position]
                if char.isspace() or ord(char) < 0x20:
                    break
                if char == "\\":
                    position += 2
                    continue
                if char == "(":
                    depth += 1
                elif char == ")":
                    if depth == 0:
                        break
                    depth -= 1
                position += 1
            position = min(position, high)
            target = (start, position)
        url = text[target[0] : target[1]]
        position = _skip_space(text, position, high)
        if position < high and text[position] in "\"'(":
            closer = ")" if text[position] == "(" else text[position]
            position += 1
            while position < high and text[position] != closer:
                position += 2 if text[position] == "\\" else 1
            if position >= high:
                return None
            position = _skip_space(text, position + 1, high)
        if position < high and text[position] == ")":
            return position + 1, url, target
        return None


def _skip_space(text: str, position: int, high: int) -> int:
    while position < high and text[position] in " \t\r\n":
        position += 1
    return position

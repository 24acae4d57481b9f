"""Markdown blocks: markdown-it-py gives the block structure, and we record exact line spans.

:class:`Builder` walks the blocks (paragraphs, headings, list items, quotes, table cells) or, for
plain text, the blank-line paragraphs, and hands each block's source range to the inline scanner.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from klarsprak.text.inline import InlineScan, has_inline_markup
from klarsprak.text.spans import Image, Link, Mask, Segment

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


class Builder:
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
            source = blank(head) + source[self.prose_start :]
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
        if not masks and not has_inline_markup(self.text, start, end, markdown):  # plain words: most blocks
            segment = _segment(self.text, scope, start, end, masks, block)
            if segment is not None:
                self.segments.append(segment)
            return
        scan = InlineScan(self, masks, markdown)
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
            alt_scan = InlineScan(self, [], markdown)
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
        pieces.append(blank(text[mask_start:mask_end]))
        cursor = mask_end
    pieces.append(text[cursor:end])
    return "".join(pieces)


def blank(chunk: str) -> str:
    """Spaces of the same length, newlines kept (so line numbers still hold)."""
    if "\n" not in chunk:
        return " " * len(chunk)
    return "\n".join(" " * len(part) for part in chunk.split("\n"))


_BLANK_LINES_RE = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_PIPE_RE = re.compile(r"\\.|\|")

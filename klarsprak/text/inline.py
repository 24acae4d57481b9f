"""Inline markup, scanned CommonMark-style with exact source offsets.

Code spans, URLs, e-mail addresses, HTML and emphasis markers are masked out of the prose; links
keep their text as prose; images become alt-text segments of their own.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from klarsprak.text.spans import Mask

if TYPE_CHECKING:
    from klarsprak.text.markdown import Builder


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


class InlineScan:
    """One left-to-right pass over a block's source range, CommonMark-style but offset-exact.

    Records ranges to blank out (``masks``), links (their text stays prose) and images (their
    markup is blanked; the alt text becomes its own segment). It works on the document text
    itself, so every offset it produces is a source offset.
    """

    def __init__(self, builder: "Builder", masks: list[tuple[int, int]], markdown: bool) -> None:
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


def has_inline_markup(text: str, start: int, end: int, markdown: bool) -> bool:
    """Whether ``text[start:end]`` needs the inline scan at all (most blocks are plain words)."""
    trigger = _MD_TRIGGER_RE if markdown else _TEXT_TRIGGER_RE
    return trigger.search(text, start, end) is not None

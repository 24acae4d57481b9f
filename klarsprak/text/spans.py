"""The pieces a document is made of: prose segments, links, images and masked ranges.

All offsets are into ``Document.text``; a segment's ``text`` has the length of its source slice.
"""

from __future__ import annotations

from dataclasses import dataclass

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

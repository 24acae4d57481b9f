"""Channel rules from front matter ``kanal:``: a post must fit the channel it is written for.

``kanal-lengde``: X, Instagram and LinkedIn cut or refuse text over their limit (X counts every web
address as 23 characters). ``kanal-lenke``: web addresses in an Instagram caption cannot be tapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins.registry import register

_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]«»]+|\b[\w-]+(?:\.[\w-]+)*\.(?:no|com|org|net|eu|info)/[^\s<>()\[\]«»]*",
                  re.IGNORECASE)
URL = _URL  # the web page's character counter counts web addresses the same way
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NAMES = {"x": "X", "instagram": "Instagram", "linkedin": "LinkedIn", "facebook": "Facebook", "nettside": "nettsiden"}


def _body(document: Any) -> tuple[int, str]:
    """The post text after front matter, with HTML comments (suppressions) blanked out."""
    start = document.front_matter_end
    body = _COMMENT.sub(lambda m: " " * len(m.group()), document.text[start:])
    return start, body


def _channel(analysis: Any) -> str:
    return str(analysis.document.front_matter.get("kanal", "")).lower()


class KanalLengdeOptions(Options):
    limits: dict[str, int]  # characters per channel
    url_length: dict[str, int] = {}  # channels that count each web address as a fixed length


@register("kanal-lengde")
class KanalLengde(Check):
    level = "document"
    Options = KanalLengdeOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        channel = _channel(analysis)
        limit = self.options.limits.get(channel)
        if limit is None:
            return
        start, body = _body(analysis.document)
        lead = len(body) - len(body.lstrip())
        text = body.strip()
        url_length = self.options.url_length.get(channel)
        count = 0
        cut = None  # offset in ``text`` where the limit is passed
        position = 0
        for match in ([*_URL.finditer(text)] if url_length else []):
            count += match.start() - position
            if cut is None and count > limit:
                cut = match.start() - (count - limit)
            count += url_length
            if cut is None and count > limit:
                cut = match.start()
            position = match.end()
        count += len(text) - position
        if cut is None and count > limit:
            cut = len(text) - (count - limit)
        if cut is not None:
            yield Finding(start + lead + cut, start + lead + len(text),
                          params={"value": count, "max": limit, "kanal": _NAMES.get(channel, channel)})


class KanalLenkeOptions(Options):
    channels: list[str] = ["instagram"]


@register("kanal-lenke")
class KanalLenke(Check):
    level = "document"
    Options = KanalLenkeOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        if _channel(analysis) not in self.options.channels:
            return
        start, body = _body(analysis.document)
        for match in _URL.finditer(body):
            url = match.group().rstrip(".,;:!?")
            yield Finding(start + match.start(), start + match.start() + len(url), params={"match": url})

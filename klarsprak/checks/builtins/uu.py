"""Universal design (Uutilsynet, Digdir): useful alt text, link text that says where it goes, and
hashtags a screen reader can read.

``alt-tekst`` and ``lenketekst`` read the document's images and links; ``emneknagg`` reads the prose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from itertools import pairwise
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._felles import (
    EMOJI,
    IMPERATIVES,
    Message,
    lexicon,
    sentence_of,
    word_pairs,
)
from klarsprak.checks.builtins.registry import register
from klarsprak.core.diagnostics import Severity

_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|heic|heif|tiff?|bmp|avif)$", re.IGNORECASE)
_CAMERA_NAME = re.compile(r"^(?:img|dsc|dscn|dcim|pxl|mvimg|screenshot|skjermbilde|image|bilde|bilete|foto|photo)"
                          r"[\s_-]*\d+", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, no emoji, punctuation or extra spaces: what a reader would call «the same text»."""
    text = EMOJI.sub(" ", unicodedata.normalize("NFC", text)).lower()
    text = "".join(char if char.isalnum() else " " for char in text)
    return " ".join(text.split())


# -- alt-tekst -------------------------------------------------------------------------------------
class AltTekstOptions(Options):
    generic: list[str]  # alt texts that say nothing («bilde», «image», «illustrasjon»)
    prefixes: list[str] = []  # «bilde av …»: the screen reader already says it is an image
    generic_message: Message
    filename: Message
    repeat: Message
    prefix: Message


@register("alt-tekst")
class AltTekst(Check):
    level = "document"
    Options = AltTekstOptions

    @cached_property
    def _generic(self) -> frozenset[str]:
        return frozenset(normalise(word) for word in self.options.generic)

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        malform = analysis.message_malform
        document = analysis.document
        for image in document.images:
            alt = image.alt.strip()
            where = (image.alt_start, image.alt_end) if alt else (image.start, image.end)
            params = {"match": alt, "src": image.src}
            if not normalise(alt):
                yield Finding(*where, params=params)
            elif normalise(alt) in self._generic:
                yield Finding(*where, params=params, message=self.options.generic_message.text(malform))
            elif _is_file_name(alt, image.src):
                yield Finding(*where, params=params, message=self.options.filename.text(malform))
            elif _repeats_nearby(normalise(alt), image, analysis):
                yield Finding(*where, params=params, message=self.options.repeat.text(malform),
                              severity=Severity.INFO)
            else:
                prefix = next((p for p in self.options.prefixes if normalise(alt).startswith(normalise(p) + " ")), None)
                if prefix is not None:
                    end = image.alt_start + len(image.alt) - len(image.alt.lstrip()) + len(prefix)
                    yield Finding(image.alt_start + len(image.alt) - len(image.alt.lstrip()), end,
                                  params={**params, "prefix": alt[:len(prefix)]},
                                  message=self.options.prefix.text(malform), severity=Severity.HINT)


def _is_file_name(alt: str, src: str) -> bool:
    if _IMAGE_FILE.search(alt) or _CAMERA_NAME.match(alt):
        return True
    name = PurePosixPath(unquote(urlparse(src).path)).name
    stem = name.rsplit(".", 1)[0]
    return bool(stem) and normalise(alt) in (normalise(name), normalise(stem))


def _repeats_nearby(alt: str, image: Any, analysis: Any) -> bool:
    """The alt text is word for word a sentence or line next to the image (a caption, the post text)."""
    if len(alt.split()) < 3:
        return False
    before = [item for item in analysis.segments if item.segment.scope != "alt" and item.segment.start < image.start]
    after = [item for item in analysis.segments if item.segment.scope != "alt" and item.segment.start >= image.start]
    nearby = before[-1:] + after[:1]
    for item in nearby:
        pieces = [sentence.text for sentence in item.doc.sents] + item.segment.text.split("\n")
        if any(normalise(piece) == alt for piece in pieces):
            return True
    return False


# -- lenketekst ------------------------------------------------------------------------------------
class LenketekstOptions(Options):
    vague: list[str]  # link texts that do not say where the link goes
    url: Message


@register("lenketekst")
class Lenketekst(Check):
    level = "document"
    Options = LenketekstOptions

    @cached_property
    def _vague(self) -> frozenset[str]:
        return frozenset(normalise(text) for text in self.options.vague)

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        source = analysis.document.text
        for link in analysis.document.links:
            text = link.text.strip()
            explicit = link.text_start > 0 and source[link.text_start - 1] == "["
            if not explicit:
                continue  # a bare URL in the text is how Facebook shows links; nothing to rename
            if not normalise(text) or normalise(text) in self._vague:
                start, end = (link.text_start, link.text_end) if text else (link.text_start - 1, link.text_end + 1)
                yield Finding(start, end, params={"match": text, "url": link.url})
        yield from self._url_texts(analysis)

    def _url_texts(self, analysis: Any) -> Iterable[Finding]:
        """``[https://…](https://…)``: found in the source, because web addresses are masked out of prose."""
        document = analysis.document
        prose_lines = set()  # code blocks and front matter have no segments, so no lines here
        for item in analysis.segments:
            first, _ = document.position(item.segment.start)
            last, _ = document.position(item.segment.end)
            prose_lines.update(range(first, last + 1))
        message = self.options.url.text(analysis.message_malform)
        for match in _URL_LINK.finditer(document.text):
            text = match.group("text")
            if _looks_like_url(text) and document.position(match.start())[0] in prose_lines:
                yield Finding(match.start("text"), match.end("text"), params={"match": text},
                              message=message, severity=Severity.INFO)


_URL_LINK = re.compile(r"(?<!!)\[(?P<text>(?:https?://|www\.)[^\]\s]+)\]\(")


def _looks_like_url(text: str) -> bool:
    """A web address with a path («https://…», «www.x.no/a/b»); a bare domain like helsenorge.no reads fine."""
    if " " in text:
        return False
    if "://" in text:
        return True
    return "." in text.split("/", 1)[0] and "/" in text.strip("/")


# -- emneknagg -------------------------------------------------------------------------------------
_HASHTAG = re.compile(r"(?<![\w#&/])#([^\W\d_][\w]*)")
_TAIL_NOISE = re.compile(r"(?:#\w+|@\w+|[^\w\s])", re.UNICODE)


class EmneknaggOptions(Options):
    min_letters: int = 6  # shorter tags are one word
    joiners: list[str]  # prepositions and conjunctions between words («ta vare på deg», «aldri for sent»)
    pronouns: list[str]  # pronouns and negations that end a phrase («vaksiner deg», «snakk om det»)
    openers: list[str] = []  # verbs that open a phrase («ta en prat», «bli blodgiver»)
    weak: list[str] = []  # short words that may be parts but prove nothing (they hide inside compounds)
    words: list[str] = []  # extra words for splitting tags (health words the lexicon lacks)
    single: list[str] = []  # tags that are one word or a name, never split (helsenorge …)
    middle: Message


@register("emneknagg")
class Emneknagg(Check):
    Options = EmneknaggOptions

    @cached_property
    def _joiners(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.joiners)

    @cached_property
    def _pronouns(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.pronouns)

    @cached_property
    def _openers(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.openers)

    @cached_property
    def _function(self) -> frozenset[str]:
        weak = {word.lower() for word in self.options.weak}
        return self._joiners | self._pronouns | self._openers | frozenset(weak)

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        return lexicon() | IMPERATIVES | self._function | self._single | {word.lower() for word in self.options.words}

    @cached_property
    def _single(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.single)

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        text = item.segment.text
        malform = "nn" if ctx.malform == "nn" else "nb"
        for match in _HASHTAG.finditer(text):
            tag = match.group(1)
            parts = self.words_of(tag)
            if parts is not None:
                camel = "#" + "".join(part[:1].upper() + part[1:] for part in parts)
                yield Finding(match.start(), match.end(), params={"match": match.group(), "suggestion": camel},
                              suggestions=(camel,))
            elif self._in_middle(item.doc, text, match):
                yield Finding(match.start(), match.end(), params={"match": match.group()},
                              message=self.options.middle.text(malform), severity=Severity.HINT, fixable=False)

    def words_of(self, tag: str) -> list[str] | None:
        """The words of a tag written as one lower-case (or capitals) string, when it is several words."""
        if any(char.isupper() for char in tag[1:]) and not tag.isupper():
            return None  # already CamelCase (or a name with capitals inside)
        low = tag.lower()
        if len(low) < self.options.min_letters or low in self._single or low in lexicon() or "_" in low:
            return None
        parts = _split(low, self._vocabulary)
        if parts is None or len(parts) < 2:
            return None
        pairs = word_pairs()
        if all((a, b) in pairs for a, b in pairwise(parts)):
            return parts
        if len(parts) == 2 and parts[0].endswith("isk") and len(parts[0]) >= 5:
            return parts  # «psykiskhelse», «fysiskaktivitet»: -isk adjectives are not joined to nouns
        return parts if self._phrase(parts) else None

    def _phrase(self, parts: list[str]) -> bool:
        """Words a writer would keep apart: a preposition or pronoun after the first word, or an
        opening verb («ta», «bli»), with content words long enough not to be pieces of a compound.

        Prepositions and particles at the start prove nothing: «av», «om», «opp» begin compounds
        («avbestilling», «omsorg»), and short words like «vi», «en», «er» hide inside them.
        """
        markers = sum(1 for index, part in enumerate(parts)
                      if (index and part in self._joiners | self._pronouns) or (not index and part in self._openers))
        content = [part for part in parts if part not in self._function]
        shortest = 3 if markers >= 2 else 4
        return markers > 0 and bool(content) and all(len(part) >= shortest for part in content)

    @staticmethod
    def _in_middle(doc: Any, text: str, match: re.Match[str]) -> bool:
        """Words of the sentence follow the tag (tags belong at the end, where they do not interrupt)."""
        sentence = sentence_of(doc, match.start())
        end = sentence.end_char if sentence is not None else len(text)
        line_end = text.find("\n", match.end())
        if line_end != -1:
            end = min(end, line_end)
        rest = _TAIL_NOISE.sub(" ", EMOJI.sub(" ", text[match.end():end]))
        return any(char.isalpha() for char in rest)


def _split(word: str, vocabulary: frozenset[str]) -> list[str] | None:
    """Fewest known words that make up ``word`` (one-letter words only «i» and «å»)."""
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 30), end):
            previous = best[start]
            if previous is None:
                continue
            part = word[start:end]
            known = part in vocabulary and (len(part) > 1 or part in ("i", "å"))
            if known and (best[end] is None or len(previous) + 1 < len(best[end])):
                best[end] = [*previous, part]
    return best[len(word)]

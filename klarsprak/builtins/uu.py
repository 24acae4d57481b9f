"""Universal design (Uutilsynet, Digdir): useful alt text, link text that says where it goes, and
hashtags a screen reader can read.

``alt-tekst`` and ``lenketekst`` read the document's images and links; ``emneknagg`` reads the prose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from klarsprak.builtins._felles import EMOJI, Message, lexicon, sentence_of, word_pairs
from klarsprak.checks import Check, CheckContext, Finding, Options
from klarsprak.checks.builtin import register
from klarsprak.diagnostics import Severity

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
            elif _looks_like_url(text):
                yield Finding(link.text_start, link.text_end, params={"match": text, "url": link.url},
                              message=self.options.url.text(analysis.message_malform), severity=Severity.INFO)


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
    function_words: list[str]  # words never written together with the next (på, deg, og …)
    words: list[str] = []  # extra words for splitting tags (health words the lexicon lacks)
    single: list[str] = []  # tags that are one word or a name, never split (helsenorge …)
    middle: Message


@register("emneknagg")
class Emneknagg(Check):
    Options = EmneknaggOptions

    @cached_property
    def _function(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.function_words)

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        return lexicon() | self._function | {word.lower() for word in self.options.words}

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
        if all((a, b) in pairs for a, b in zip(parts, parts[1:])):
            return parts
        content = [part for part in parts if part not in self._function]
        if len(content) < len(parts) and content and all(len(part) >= 4 for part in content):
            return parts
        if len(parts) == 2 and parts[0].endswith("isk") and len(parts[0]) >= 5:
            return parts  # «psykiskhelse», «fysiskaktivitet»: -isk adjectives are not joined to nouns
        return None

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
            if part in vocabulary and (len(part) > 1 or part in ("i", "å")):
                if best[end] is None or len(previous) + 1 < len(best[end]):
                    best[end] = [*previous, part]
    return best[len(word)]

"""Document → Analysis: a spaCy Doc per prose segment, the post's målform and its statistics."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from klarsprak.language.malform import Malform, MalformResult, detect_malform
from klarsprak.text.document import Document
from klarsprak.text.spans import Segment

# Språkrådet's usual LIX bands: (upper limit, bokmål, nynorsk)
LIX_BANDS = ((25, "svært lett", "svært lett"), (35, "lett", "lett"), (45, "middels", "middels"),
             (55, "vanskelig", "vanskeleg"), (float("inf"), "svært vanskelig", "svært vanskeleg"))


@dataclass
class SegmentAnalysis:
    """One segment and its spaCy Doc (token offsets are relative to ``segment.text``)."""

    segment: Segment
    doc: Any  # spacy.tokens.Doc

    def sentences(self) -> Iterator[Any]:
        return iter(self.doc.sents)


@dataclass
class Stats:
    words: int = 0
    sentences: int = 0
    long_words: int = 0
    paragraphs: int = 0
    lix: float = 0.0
    avg_sentence_words: float = 0.0

    @property
    def lix_band(self) -> str:
        """Språkrådet's usual LIX bands, in bokmål (the JSON contract's ``lix_band``)."""
        return self.lix_band_for("nb")

    def lix_band_for(self, malform: str | None) -> str:
        """The LIX band in the message's standard («vanskelig» / «vanskeleg»)."""
        column = 2 if malform == "nn" else 1
        return next((band[column] for band in LIX_BANDS if self.lix < band[0]), LIX_BANDS[-1][column])

    def as_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "paragraphs": self.paragraphs,
            "lix": round(self.lix, 1),
            "lix_band": self.lix_band,
            "avg_sentence_words": round(self.avg_sentence_words, 1),
        }


@dataclass
class Analysis:
    document: Document
    segments: list[SegmentAnalysis]
    malform: MalformResult
    required_malform: str | None = None  # from front matter or config; None = auto
    stats: Stats = field(default_factory=Stats)

    @property
    def target_malform(self) -> str | None:
        """The standard the post should be in: the policy's, else what it is mostly written in."""
        return target_standard(self.required_malform, self.malform)

    @property
    def message_malform(self) -> str:
        """Messages are written in nynorsk for nynorsk posts, else bokmål."""
        return "nn" if self.target_malform == "nn" else "nb"


def is_word(token: Any) -> bool:
    """A counted word: has letters; not a URL, number, hashtag, @mention or e-mail."""
    text = token.text
    if not any(char.isalpha() for char in text) or token.like_url or token.like_email:
        return False
    if text[0] in "#@":
        return False
    if token.i == 0:
        return True
    # the character just before the token, without ``doc.text`` (which rebuilds the whole text)
    previous = token.doc[token.i - 1]
    return bool(previous.whitespace_) or previous.text[-1:] not in ("#", "@")


def is_long_word(token: Any) -> bool:
    """LIX counts letters, not bytes: æ, ø and å are one letter each."""
    return sum(char.isalpha() for char in token.text) > 6


def doc_tokens(doc: Any) -> list[Any]:
    """The Doc's tokens as a list, made once per Doc: spaCy builds a new Token object on every
    iteration and index, and a dozen rules read each segment."""
    tokens = doc.user_data.get("klarsprak_tokens")
    if tokens is None:
        tokens = doc.user_data["klarsprak_tokens"] = list(doc)
    return tokens


def span_tokens(span: Any) -> list[Any]:
    """The tokens of a Doc or a Span (a sentence), sliced from the Doc's list made once."""
    if hasattr(span, "user_data"):
        return doc_tokens(span)
    doc = getattr(span, "doc", None)
    if doc is None or not hasattr(span, "start"):
        return list(span)
    return doc_tokens(doc)[span.start:span.end]


def doc_has(doc: Any, attribute: str) -> bool:
    """``doc.has_annotation(attribute)`` once per Doc (spaCy scans every token each time)."""
    key = f"klarsprak_has_{attribute}"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = bool(len(doc)) and doc.has_annotation(attribute)
    return found


def doc_words(doc: Any) -> list[Any]:
    """The Doc's counted words, computed once per Doc (Docs are cached by text in the engine).

    The same test as :func:`is_word`, reading the previous token from the list instead of the Doc.
    """
    words = doc.user_data.get("klarsprak_words")
    if words is None:
        words = []
        previous = None
        for token in doc_tokens(doc):
            text = token.text
            if (any(char.isalpha() for char in text) and text[0] not in "#@"
                    and (previous is None or previous.whitespace_ or previous.text[-1:] not in ("#", "@"))
                    and not token.like_url and not token.like_email):
                words.append(token)
            previous = token
        doc.user_data["klarsprak_words"] = words
    return words


def _segment_counts(doc: Any) -> tuple[int, int, int]:
    """(sentences with words, words, long words) of one segment, once per Doc."""
    counts = doc.user_data.get("klarsprak_counts")
    if counts is None:
        words = doc_words(doc)
        sentence_starts = [sentence.start for sentence in doc.sents] if words else []
        starts = {bisect_right(sentence_starts, token.i) for token in words}
        counts = (len(starts), len(words), sum(1 for token in words if is_long_word(token)))
        doc.user_data["klarsprak_counts"] = counts
    return counts


def compute_stats(segments: list[SegmentAnalysis]) -> Stats:
    stats = Stats()
    blocks = set()
    for item in segments:
        if item.segment.scope == "alt":
            continue
        blocks.add(item.segment.block)
        sentences, words, long_words = _segment_counts(item.doc)
        stats.sentences += sentences
        stats.words += words
        stats.long_words += long_words
    stats.paragraphs = len(blocks)
    if stats.words and stats.sentences:
        stats.avg_sentence_words = stats.words / stats.sentences
        stats.lix = stats.words / stats.sentences + 100 * stats.long_words / stats.words
    return stats


_WORD = re.compile(r"(?<![#@\w])[^\W\d_]+(?:[-'’][^\W\d_]+)*")


_WORD_OR_QUOTE = re.compile(r"[«»“”]|" + _WORD.pattern)


def post_words(document: Document) -> list[str]:
    """The post's words for målform detection, before any pipeline runs (hashtags, @-names out).

    Quotation marks come along as tokens of their own: quoted words count less (someone else's).
    """
    return [match.group() for segment in document.segments for match in _WORD_OR_QUOTE.finditer(segment.text)]


def target_standard(required_malform: str | None, result: MalformResult) -> str | None:
    """The policy's standard, else the detected one (the dominant one when mixed); None if unknown."""
    if required_malform in ("nb", "nn"):
        return required_malform
    if result.malform in (Malform.NB, Malform.NN):
        return result.malform.value
    if result.malform is Malform.MIXED:
        return "nn" if result.nn_score > result.nb_score else "nb"
    return None


def pipeline_standard(required_malform: str | None, result: MalformResult) -> str:
    """Which pipeline analyses the post: the target standard, bokmål when it is unknown."""
    return target_standard(required_malform, result) or "nb"


def analyse_document(document: Document, required_malform: str | None = None,
                     cache: dict[tuple[str, str], Any] | None = None,
                     malform: MalformResult | None = None) -> Analysis:
    """Målform first (it picks the pipeline), then a Doc per segment.

    ``cache`` maps (standard, segment text) → Doc, so unchanged paragraphs are not analysed again.
    """
    from klarsprak.language.nlp import analyse

    result = malform if malform is not None else detect_malform(post_words(document))
    standard = pipeline_standard(required_malform, result)
    texts = [segment.text for segment in document.segments]
    if cache is None:
        docs = analyse(texts, standard)
    else:
        missing = list(dict.fromkeys(text for text in texts if (standard, text) not in cache))
        cache.update(((standard, text), doc) for text, doc in zip(missing, analyse(missing, standard)))
        docs = [cache[(standard, text)] for text in texts]
    segments = [SegmentAnalysis(segment, doc) for segment, doc in zip(document.segments, docs)]
    return Analysis(document, segments, result, required_malform, compute_stats(segments))

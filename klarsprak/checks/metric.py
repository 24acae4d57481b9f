"""``metric``: a number over a sentence, a paragraph or the whole post, against a threshold."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any, Literal

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.language.analysis import doc_words

SEGMENT_METRICS = {"sentence_words", "paragraph_sentences", "paragraph_words", "word_letters"}


class MetricOptions(Options):
    metric: Literal["sentence_words", "paragraph_sentences", "paragraph_words", "word_letters",
                    "post_words", "post_sentences", "lix"]
    max: float
    min_words: int = 0  # post metrics: say nothing about posts shorter than this (LIX is noisy there)


def _words(span: Any) -> list[Any]:
    """The counted words of a Doc or a sentence, sliced from the Doc's word list (made once)."""
    if hasattr(span, "user_data"):
        return doc_words(span)
    words = doc_words(span.doc)
    positions = [token.i for token in words]
    return words[bisect_left(positions, span.start):bisect_left(positions, span.end)]


class Metric(Check):
    Options = MetricOptions

    def __init__(self, rule: Any, options: MetricOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        self.level = "segment" if options.metric in SEGMENT_METRICS else "document"

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        metric, limit = self.options.metric, self.options.max
        if metric == "sentence_words":
            for sentence in item.doc.sents:
                count = len(_words(sentence))
                if count > limit:
                    yield Finding(sentence.start_char, _trim_end(sentence), params={"value": count, "max": _fmt(limit)})
        elif metric == "word_letters":
            for token in _words(item.doc):
                letters = sum(char.isalpha() for char in token.text)
                if letters > limit:
                    yield Finding(token.idx, token.idx + len(token.text), params={"value": letters, "max": _fmt(limit), "match": token.text})
        else:
            sentences = [s for s in item.doc.sents if _words(s)]
            value = len(sentences) if metric == "paragraph_sentences" else len(_words(item.doc))
            if value > limit and sentences:
                yield Finding(sentences[0].start_char, _trim_end(sentences[-1]), params={"value": value, "max": _fmt(limit)})

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        stats = analysis.stats
        if stats.words < self.options.min_words or not analysis.segments:
            return
        value = {"post_words": stats.words, "post_sentences": stats.sentences, "lix": round(stats.lix)}[self.options.metric]
        if value > self.options.max:
            first = analysis.segments[0]
            sentence = next(iter(first.doc.sents), None)
            end = first.segment.start + (_trim_end(sentence) if sentence is not None else len(first.segment.text))
            long_percent = 100 * stats.long_words / stats.words if stats.words else 0.0
            yield Finding(first.segment.start + _lstrip(first.segment.text), end,
                          params={"value": value, "max": _fmt(self.options.max), "band": stats.lix_band_for(analysis.message_malform),
                                  "words_per_sentence": f"{stats.avg_sentence_words:.1f}".replace(".", ","),
                                  "long_percent": _fmt(round(long_percent))})


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _trim_end(span: Any) -> int:
    """End of a span without trailing spaces (spaCy may keep masked spaces in the last token)."""
    text = span.text.rstrip()
    return span.start_char + len(text)


def _lstrip(text: str) -> int:
    return len(text) - len(text.lstrip())

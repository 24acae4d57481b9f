"""One process-wide spaCy pipeline for every check, loaded on first use.

The shipped model (``klarsprak.model.load_model()``) gives lemmas, POS and morphology; without it
the linter still runs on a blank Norwegian tokenizer with word-list rules only. Either way the
tokenizer gets klarsprak's Norwegian special cases and the sentence splitter made for posts.
spaCy is imported inside the functions: ``import klarsprak`` must stay cheap for a cold start.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc

NO_MODEL_NOTICE = "Språkmodellen er ikke installert; bare ordlisteregler er i bruk."
SENTENCE_FACTORIES = frozenset({"parser", "beam_parser", "senter", "sentencizer", "klarsprak_sentencizer"})
BATCH_SIZE = 64

_lock = threading.Lock()
_nlp: "Language | None" = None
_has_model = False
_notice: str | None = None


def get_nlp() -> "Language":
    """The pipeline, built once: the shipped model if it loads, else ``spacy.blank("nb")``."""
    global _nlp, _has_model, _notice
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            model, notice = _load_model()
            if model is None:
                import spacy

                model = spacy.blank("nb")
            _customize(model)
            _has_model, _notice = notice is None, notice
            _nlp = model
    return _nlp


def _load_model() -> "tuple[Language | None, str | None]":
    """The shipped pipeline and no notice, or None and the one-line reason it is missing."""
    try:
        from klarsprak import model as model_package

        nlp = model_package.load_model()
    except Exception:  # noqa: BLE001 - a broken or absent model package must not stop the linter
        return None, NO_MODEL_NOTICE
    if nlp is None:
        return None, getattr(model_package, "load_error", None) or NO_MODEL_NOTICE
    return nlp, None


def _customize(nlp: "Language") -> None:
    """Norwegian tokenizer cases, whole emoji, and sentence starts unless the model sets them."""
    from klarsprak import tokenizer  # registers the components

    tokenizer.customize_tokenizer(nlp)
    if "klarsprak_emoji" not in nlp.pipe_names:
        nlp.add_pipe("klarsprak_emoji", first=True)
    factories = {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    if not factories & SENTENCE_FACTORIES:
        nlp.add_pipe("klarsprak_sentencizer", after="klarsprak_emoji")


def has_model() -> bool:
    """Whether the trained model (lemmas, POS, morphology) is in use."""
    get_nlp()
    return _has_model


def model_notice() -> str | None:
    """The one-line Norwegian notice the CLI prints when the model is missing, else None."""
    get_nlp()
    return _notice


def analyse(texts: list[str]) -> "list[Doc]":
    """A spaCy Doc for each text (segment texts), batched through ``nlp.pipe``."""
    if not texts:
        return []
    nlp = get_nlp()
    return list(nlp.pipe(texts, batch_size=BATCH_SIZE))


def reset() -> None:
    """Forget the pipeline (tests; or after the model files were replaced)."""
    global _nlp, _has_model, _notice
    with _lock:
        _nlp, _has_model, _notice = None, False, None


def token_attributes(token: Any) -> dict[str, Any]:
    """The attributes rules may rely on, as plain values (debugging and tests)."""
    return {
        "text": token.text,
        "lower": token.lower_,
        "lemma": token.lemma_,
        "pos": token.pos_,
        "morph": str(token.morph),
        "idx": token.idx,
        "is_sent_start": bool(token.is_sent_start),
        "like_url": token.like_url,
        "like_num": token.like_num,
        "is_punct": token.is_punct,
    }

"""One process-wide spaCy pipeline (per written standard) for every check, loaded on first use.

The shipped model (``klarsprak.language.model.load_model(malform)``) gives lemmas, POS and morphology;
without it the linter still runs on one blank Norwegian tokenizer with word-list rules only.
Either way the tokenizer gets klarsprak's Norwegian special cases and the sentence splitter
made for posts.
spaCy is imported inside the functions: ``import klarsprak`` must stay cheap for a cold start.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc

NO_MODEL_NOTICE = "Språkmodellen er ikke installert; bare ordlisteregler er i bruk."
SENTENCE_FACTORIES = frozenset({"parser", "beam_parser", "senter", "sentencizer", "klarsprak_sentencizer"})
BATCH_SIZE = 64

_lock = threading.Lock()
_pipelines: dict[str, Language] = {}  # per written standard ("nb", "nn")
_status: dict[str, tuple[bool, str | None]] = {}  # standard -> (has model, notice)
_blank: Language | None = None


def _standard(malform: object | None) -> str:
    """Nynorsk gets "nn", everything else "nb": the model ships one pipeline per standard."""
    from klarsprak.language.model import (
        standard_for,  # cheap: the model package imports spaCy lazily
    )

    return standard_for(malform)


def get_nlp(malform: object | None = None) -> Language:
    """The pipeline for ``malform`` (None: bokmål), built once per process and standard.

    The shipped model if it loads, else one shared ``spacy.blank("nb")``; either way with
    klarsprak's tokenizer special cases, whole emoji and Norwegian sentence starts.
    """
    key = _standard(malform)
    pipeline = _pipelines.get(key)
    if pipeline is not None:
        return pipeline
    with _lock:
        if key not in _pipelines:
            model, notice = _load_model(key)
            if model is None:
                model = _blank_pipeline()
            else:
                _customize(model)
            _pipelines[key] = model
            _status[key] = (notice is None, notice)
    return _pipelines[key]


def _blank_pipeline() -> Language:
    global _blank
    if _blank is None:
        import spacy

        _blank = spacy.blank("nb")
        _customize(_blank)
    return _blank


def _load_model(standard: str) -> tuple[Language | None, str | None]:
    """The shipped pipeline and no notice, or None and the one-line reason it is missing."""
    try:
        from klarsprak.language import model as model_package

        nlp = model_package.load_model(standard)
    except Exception:  # noqa: BLE001 — a broken or absent model package must not stop the linter
        return None, NO_MODEL_NOTICE
    if nlp is None:
        return None, getattr(model_package, "load_error", None) or NO_MODEL_NOTICE
    return nlp, None


def _customize(nlp: Language) -> None:
    """Norwegian tokenizer cases, whole emoji, and sentence starts unless the model sets them."""
    from klarsprak.language import tokenizer  # registers the components

    tokenizer.customize_tokenizer(nlp)
    if "klarsprak_emoji" not in nlp.pipe_names:
        nlp.add_pipe("klarsprak_emoji", first=True)
    factories = {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    if not factories & SENTENCE_FACTORIES:
        nlp.add_pipe("klarsprak_sentencizer", after="klarsprak_emoji")


def has_model(malform: object | None = None) -> bool:
    """Whether the trained model (lemmas, POS, morphology) is in use for ``malform``."""
    get_nlp(malform)
    return _status[_standard(malform)][0]


def model_notice(malform: object | None = None) -> str | None:
    """The one-line Norwegian notice the CLI prints when the model is missing, else None."""
    get_nlp(malform)
    return _status[_standard(malform)][1]


def analyse(texts: list[str], malform: object | None = None) -> list[Doc]:
    """A spaCy Doc for each text (segment texts), batched through ``nlp.pipe``."""
    if not texts:
        return []
    return list(get_nlp(malform).pipe(texts, batch_size=BATCH_SIZE))


def preload(standard: str = "nb") -> None:
    """Load one standard's pipeline ahead of the check that needs it (the LSP does this at start)."""
    try:
        get_nlp(standard)
    except Exception:  # noqa: BLE001 - the check that needs it reports the problem properly
        logging.getLogger("klarsprak").warning("kunne ikke laste språkmodellen (%s)", standard, exc_info=True)


def reset() -> None:
    """Forget the pipelines (tests; or after the model files were replaced)."""
    global _blank
    with _lock:
        _pipelines.clear()
        _status.clear()
        _blank = None



def one_blas_thread() -> None:
    """Ask OpenBLAS for one thread per process, unless the user chose otherwise.

    klarsprak runs one worker process per core (``--jobs``) and its matrices are small: extra
    BLAS threads would only compete with the other workers for the same cores. Must run before
    numpy is imported (OpenBLAS reads the variable once, when it loads).
    """
    import os
    import sys

    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def defer_spacy_cli() -> None:
    """Keep ``import spacy`` from importing spaCy's own command line (weasel, httpx, typer).

    ``spacy/__init__.py`` imports ``spacy.cli.info`` only to re-export ``info``; that drags in
    the whole CLI, about a third of a second of every cold start. Until spaCy is imported, a tiny
    stand-in for ``spacy.cli.info`` is registered whose ``info`` imports the real one on first call.
    Nothing else changes: ``import spacy.cli`` still loads the real CLI.
    """
    import sys
    import types

    if "spacy" in sys.modules or "spacy.cli.info" in sys.modules:
        return
    stand_in = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):  # pragma: no cover - only when someone asks spaCy for its info
        import importlib

        sys.modules.pop("spacy.cli.info", None)
        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli.info"] = stand_in


def models_complete() -> bool:
    """Whether every pipeline this process loaded is the trained model (results worth caching)."""
    return bool(_status) and all(ok for ok, _ in _status.values())


def loaded_notice() -> str | None:
    """The missing-model notice, only if this process tried to load a pipeline (no load here)."""
    for ok, notice in _status.values():
        if not ok:
            return notice
    return None

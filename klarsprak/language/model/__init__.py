"""klarsprak's own Norwegian spaCy pipelines (bokmål and nynorsk), shipped inside the package.

INTERFACE CONTRACT:
- ``load_model(malform=None, model_dir=None) -> spacy.language.Language | None``: the pipeline
  for one written standard: UPOS in ``token.pos_``, UD features in ``token.morph`` (``Voice=Pass``
  on s-passives, ``VerbForm=Part`` on participles), lemma in ``token.lemma_`` and the Oslo-Bergen
  tag in ``token.tag_`` (e.g. ``verb|inf|st-form`` for the nynorsk -st passive).
  ``malform`` "nn" gives the nynorsk pipeline; "nb", "mixed", "unknown" and None give bokmål
  (the larger share of Norwegian text). ``klarsprak.language.malform.Malform`` values work too.
  Why two pipelines: UD's bokmål and nynorsk treebanks differ in conventions (lemma «være» vs
  «vere», «den» vs «det», Number/Definite features), which a joint model measurably confused.
- Loaded lazily, once per process per standard and directory.
- Never raises, never prints: on missing or broken files it returns None and sets ``load_error``
  to a one-line Norwegian reason; the linter then runs with word-list rules only.
- Files live in ``klarsprak/language/model/data/{nb,nn}``; ``model_dir`` or the environment variable
  ``KLARSPRAK_MODEL_DIR`` points to another directory with the same ``nb``/``nn`` layout.
- ``find_passives`` (in ``klarsprak.language.model.passive``) finds s-passives and bli/verte-passives.
"""

from __future__ import annotations

import os
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

ENV_VAR = "KLARSPRAK_MODEL_DIR"
DEFAULT_DIR = Path(__file__).resolve().parent / "data"
STANDARDS = ("nb", "nn")
MISSING_MESSAGE = "Språkmodellen mangler eller er skadd; bare ordlisteregler er i bruk."

load_error: str | None = None
# Load the tokenizer's rules from the saved file only (see components.saved_tokenizer).
_SAVED_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "klarsprak.SavedTokenizer.v1"}}}

_cache: dict[Path, "Language | None"] = {}
_errors: dict[Path, str] = {}
_lock = threading.Lock()


def model_root(model_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the pipelines are read from: argument, then environment variable, then the package."""
    if model_dir is not None:
        return Path(model_dir)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_DIR


def standard_for(malform: object | None) -> str:
    """'nn' for nynorsk, else 'nb' (mixed and unknown text is mostly bokmål in practice)."""
    value = getattr(malform, "value", malform)
    return "nn" if value == "nn" else "nb"


def load_model(
    malform: object | None = None, model_dir: str | os.PathLike[str] | None = None
) -> "Language | None":
    """Return the cached pipeline for ``malform``, loading it on first use; None if unusable."""
    global load_error
    path = model_root(model_dir) / standard_for(malform)
    with _lock:
        if path not in _cache:
            nlp, error = _load(path)
            _cache[path] = nlp
            if error is not None:
                _errors[path] = error
        load_error = _errors.get(path)
        return _cache[path]


def clear_cache() -> None:
    """Forget loaded pipelines (tests, or after the files were replaced)."""
    global load_error
    with _lock:
        _cache.clear()
        _errors.clear()
        load_error = None


def _load(path: Path) -> "tuple[Language | None, str | None]":
    """Load one directory; every failure becomes a one-line reason, never an exception."""
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        return None, MISSING_MESSAGE
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import spacy

            from . import components  # noqa: F401 - registers the pipeline's own component

            _index_entry_points()
            with _fast_cpu_ops():
                nlp = spacy.load(path, config=_SAVED_TOKENIZER)
            _add_post_tagging(nlp)
    except Exception:  # noqa: BLE001 - any failure means "run without the model"
        return None, MISSING_MESSAGE
    return nlp, None


def _fast_cpu_ops():
    """Build the pipeline on numpy's matrix product (OpenBLAS) instead of thinc's default BLIS.

    On the x86 machines we measured, the BLIS that thinc ships multiplies the tok2vec's matrices
    three to four times slower than numpy's OpenBLAS on one thread: the whole pipeline took
    2.5 s of CPU against 1.3 s for the same 2,000 sentences, with the same tags and lemmas.
    """
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


def _index_entry_points() -> None:
    """Let spaCy's registries find plug-in entry points by a dict lookup, not a scan.

    ``catalogue`` keeps every installed entry point in one list and filters all of it on each of
    the ~120 registry look-ups a load makes (a twentieth of a second at every cold start). The
    same entry points, grouped once: ``catalogue`` itself accepts a dict of group → entry points.
    """
    import catalogue

    available = catalogue.AVAILABLE_ENTRY_POINTS
    if not hasattr(available, "select"):
        return  # already a plain dict
    catalogue.AVAILABLE_ENTRY_POINTS = {group: list(available.select(group=group)) for group in available.groups}


def _add_post_tagging(nlp: "Language") -> None:
    """Add the AUX/VERB rule last, after tagger, morphologizer and lemmatizer (it reads lemmas).

    Added at load time so no retraining is needed and the saved pipelines stay as trained.
    """
    from .components import AUX_OR_VERB

    if AUX_OR_VERB not in nlp.pipe_names and "morphologizer" in nlp.pipe_names:
        nlp.add_pipe(AUX_OR_VERB, last=True)

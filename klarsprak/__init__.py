"""klarsprak: a plain-language and tone linter for Norwegian (bokmål and nynorsk) social-media posts.

Python API::

    from klarsprak import check_text
    for diagnostic in check_text("Vi viser til din henvendelse vedrørende timebestilling."):
        print(diagnostic.line, diagnostic.rule, diagnostic.message)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from klarsprak.core.version import __version__
from klarsprak.language.nlp import (  # cheap: spaCy itself is imported later
    defer_spacy_cli,
    one_blas_thread,
)

defer_spacy_cli()
one_blas_thread()

if TYPE_CHECKING:
    from klarsprak.core.diagnostics import Diagnostic
    from klarsprak.engine.config import Config

_ENGINES: dict[Any, Any] = {}


def check_text(text: str, config: "Config | None" = None, path: str | None = None) -> "list[Diagnostic]":
    """Check one post's text and return its diagnostics (the engine is built once per config)."""
    from klarsprak.engine.lint import Engine

    key = id(config) if config is not None else None
    cached = _ENGINES.get(key)
    if cached is None or cached[0] is not config:  # the config object itself, not a reused id
        cached = _ENGINES[key] = (config, Engine(config))
    return cached[1].check(text, path).diagnostics


__all__ = ["__version__", "check_text"]

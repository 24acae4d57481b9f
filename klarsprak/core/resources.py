"""Where the shipped data lives, in a source checkout and in an installed wheel alike."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # klarsprak/


@cache
def data_path(name: str) -> Path:
    """``rules`` or ``wordlists``: inside the package when installed, beside it in a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / name

"""Which ``.klarsprak.yaml`` governs a file: the nearest one in its folder or above.

Kept apart from :mod:`klarsprak.engine.config` (which validates with pydantic), so the answer from
the result cache (:mod:`klarsprak.cli.fastpath`) finds the same file without loading pydantic.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_NAMES = (".klarsprak.yaml", ".klarsprak.yml")


def find_config(start: Path) -> Path | None:
    """The nearest ``.klarsprak.yaml`` in ``start`` (a folder or a file's folder) or above it."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None

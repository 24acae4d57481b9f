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


class ConfigLookup:
    """The config that governs each path: ``forced`` (``--config``) or the nearest, found once per folder.

    A folder walk asks for every file; the files of one folder share the answer.
    """

    def __init__(self, forced: Path | None = None) -> None:
        self.forced = forced
        self._found: dict[Path, Path | None] = {}

    def __call__(self, path: Path) -> Path | None:
        if self.forced is not None:
            return self.forced
        folder = path if path.is_dir() else path.parent
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        return self._found[folder]

"""Which files on disk are posts: the suffixes, the folder walk and the ``exclude`` globs.

One place for what a check takes, shared by the full run (:mod:`klarsprak.engine.runner`) and the
answer from the result cache (:mod:`klarsprak.cli.fastpath`), which must find exactly the same
files in the same order. Plain standard library and ``pathspec`` only: no pydantic, no spaCy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

POST_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
# Editorial calendars (see :mod:`klarsprak.text.calendar`). Only YAML files named ``*.plan.yaml``
# (or just ``plan.yaml``) are calendars: ``.klarsprak.yaml`` and rule files are never posts.
CSV_SUFFIX = ".csv"
YAML_SUFFIXES = (".plan.yaml", ".plan.yml")
PLAN_SUFFIXES = (CSV_SUFFIX, *YAML_SUFFIXES)
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


def plan_suffix(path: Path, suffixes: Iterable[str] = PLAN_SUFFIXES) -> str | None:
    """The calendar suffix that ends the file name, longest first (``plan.yaml`` matches ``.plan.yaml``)."""
    name = path.name.lower()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix) or (suffix.count(".") > 1 and name == suffix[1:]):
            return suffix
    return None


def is_post_file(path: Path) -> bool:
    """A post (Markdown or text) or a calendar of posts, by its name."""
    return path.suffix.lower() in POST_SUFFIXES or plan_suffix(path) is not None


def walk(folder: Path) -> list[Path]:
    """The post files under ``folder``, sorted; version control, virtual envs and hidden folders skipped.

    ``exclude`` is not applied here: each file's own config decides (see :func:`excluded`).
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS and not d.startswith("."))
        for file in files:
            path = Path(root) / file
            if is_post_file(path):
                found.append(path)
    return sorted(found)


def excluded(path: Path, patterns: Sequence[str], root: Path) -> bool:
    """Whether ``exclude`` globs (gitignore style, relative to the config's folder ``root``) match ``path``."""
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(root)
    except ValueError:
        return False  # outside the config's folder
    return _spec(tuple(patterns)).match_file(relative.as_posix())


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]):
    """The globs compiled once (a folder walk asks for every file)."""
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", patterns)

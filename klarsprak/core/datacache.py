"""The cache folder and the JSON copies of parsed shipped data, shared by every layer.

The result cache (:mod:`klarsprak.engine.cache`) keeps its entries in the same folder; word lists and
målform markers (:mod:`klarsprak.language`) keep parsed copies there, so a cold start reads JSON
instead of building ~16,000 objects with PyYAML.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from klarsprak.core.version import __version__

FORMAT = 1
ENV_VAR = "KLARSPRAK_CACHE_DIR"


def cache_folder(option: str | None, configured: str | None, root: Path) -> Path:
    """Where the caches live: ``--cache-dir``, else ``$KLARSPRAK_CACHE_DIR``, else ``cache_dir`` from
    the configuration (relative to its folder ``root``), else the user's cache folder."""
    if option:
        return Path(option)
    if configured and not os.environ.get(ENV_VAR):
        return root / configured
    return default_cache_dir()


def default_cache_dir() -> Path:
    """``$KLARSPRAK_CACHE_DIR``, else the user's cache folder (``$XDG_CACHE_HOME/klarsprak``)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "klarsprak" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "klarsprak"


# -- parsed data files --------------------------------------------------------------------------
_data_folder: Path | None = None  # set by the CLI; None: off (library use, the language server)
_data_writes = True  # False with --no-cache: copies already there are read, none are written


def read_yaml(path: Path) -> Any:
    """A YAML file as plain data, read by PyYAML's C loader when it has one (no line numbers: a
    caller that must name the line of a mistake reads it again with :mod:`klarsprak.core.yamlio`)."""
    import yaml

    return yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parsed_yaml(path: Path) -> Any:
    """:func:`read_yaml`, reused from its JSON copy while the file is unchanged."""
    return parsed_data(path, read_yaml)


def use_data_cache(folder: Path | None, write: bool = True) -> None:
    """Keep the parsed shipped word lists in ``folder`` (the result cache's), or never (None);
    ``write=False`` only reads the copies a run with the cache left there (``--no-cache``)."""
    global _data_folder, _data_writes
    _data_folder = folder
    _data_writes = write


def parsed_data(path: Path, parse: Any) -> Any:
    """``parse(path)``, reused from a JSON copy while the file's size and mtime are unchanged.

    PyYAML builds the ~16,000 objects of the shipped word lists in Python on every cold start;
    JSON reads them several times faster. Only data that survives JSON unchanged is kept.
    """
    folder = _data_folder
    if folder is None:
        return parse(path)
    try:
        stat = path.stat()
    except OSError:
        return parse(path)
    key = hashlib.sha256(f"{FORMAT}\0{__version__}\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()
    target = folder / f"v{FORMAT}" / "data" / f"{key}.json"
    try:
        entry = json.loads(target.read_bytes())
        if isinstance(entry, dict) and entry.get("key") == key and "data" in entry:
            return entry["data"]
    except Exception:  # noqa: BLE001 - absent or damaged: parse the file itself
        pass
    data = parse(path)
    if not _data_writes:
        return data
    try:
        payload = json.dumps({"key": key, "data": data}, ensure_ascii=False, allow_nan=False)
        if json.loads(payload)["data"] == data:  # dates, non-text keys … are not stored
            write_atomically(target, payload)
    except (TypeError, ValueError, RecursionError):
        pass
    return data


def write_atomically(target: Path, payload: str) -> None:
    """A temporary file beside the target, then a rename; a full disk or read-only folder is ignored."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem[:16]}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(payload)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return

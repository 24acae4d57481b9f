"""The result cache: findings of unchanged files are reused across runs, like ruff's and mypy's.

An entry is keyed by everything the result depends on, hashed together:

- the file's bytes and its name (the name picks Markdown, plain text or a calendar reader);
- the effective configuration: the config file's bytes, the command-line overrides, and the bytes
  of every file in the project's ``extra_rules`` and ``extra_wordlists`` folders;
- klarsprak itself: its version plus the name, size and modification time of every file of the
  installed package and its shipped rules and word lists (a stat, not a read: cheap on every start);
- the model: each shipped pipeline's ``meta.json`` and the size and modification time of its files
  (the 24 MB of weights are never read for this).

Entries are plain JSON (never pickles: a damaged or planted entry must not run code), written to a
temporary file and renamed into place, so two runs at once never see half an entry. Reading is
distrustful: an entry whose JSON, format, key or shape is wrong is ignored and the file is checked
again; it never crashes the run. Results with crashed rules, or from a run without the model, are
never stored. Standard input and ``--fix`` never read from the cache (see :mod:`klarsprak.engine.runner`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klarsprak.core.datacache import FORMAT, write_atomically
from klarsprak.core.version import __version__

if TYPE_CHECKING:
    from klarsprak.engine.config import Config
    from klarsprak.engine.lint import FileResult

_PACKAGE = Path(__file__).resolve().parent.parent  # klarsprak/
_SKIPPED = {"__pycache__", ".git"}


def _stat_tree(root: Path, digest: Any, keep: Any = None, skip: str | None = None) -> None:
    """Names, sizes and modification times of the files under ``root``: a change shows, cheaply.

    ``keep(name, folder)`` picks files; ``skip`` is a folder left out (the model, fingerprinted apart).
    """
    if not root.exists():
        digest.update(b"missing\0")
        return
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in _SKIPPED and entry.path != skip:
                    pending.append(entry.path)
            elif keep is None or keep(entry.name, folder):
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                digest.update(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())


def _read_tree(root: Path, digest: Any) -> None:
    """Names and contents of every file under ``root`` (the project's own rules and word lists)."""
    if not root.exists():
        digest.update(b"missing\0")
        return
    if root.is_file():
        digest.update(root.read_bytes())
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            try:
                data = path.read_bytes()
            except OSError:
                data = b"unreadable"
            digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
            digest.update(data)


@cache
def code_fingerprint() -> str:
    """klarsprak's version and a stat of its code, shipped rules and word lists."""
    from klarsprak.core.resources import data_path
    from klarsprak.language.model import DEFAULT_DIR

    digest = hashlib.sha256(f"klarsprak {__version__}\0".encode())
    _stat_tree(_PACKAGE, digest, lambda name, folder: name.endswith(".py") or folder.endswith("data"),
               skip=str(DEFAULT_DIR))
    for root in (data_path("rules"), data_path("wordlists")):
        if not str(root).startswith(str(_PACKAGE) + os.sep):  # a checkout: beside the package
            _stat_tree(root, digest)
    return digest.hexdigest()


@cache
def model_fingerprint() -> str:
    """Each pipeline's ``meta.json`` plus a stat of its files; the weights themselves are not read."""
    from klarsprak.language.model import STANDARDS, model_root

    root = model_root()
    digest = hashlib.sha256(str(root).encode() + b"\0")
    for standard in STANDARDS:
        meta = root / standard / "meta.json"
        try:
            digest.update(meta.read_bytes())
        except OSError:
            digest.update(b"no meta\0")
        _stat_tree(root / standard, digest)
    return digest.hexdigest()


def config_fingerprint(config: Config, overrides: dict[str, Any]) -> str:
    """The config file's bytes, the CLI overrides and the project's own rules and word lists."""
    digest = hashlib.sha256(b"config\0")
    if config.path is not None:
        try:
            digest.update(config.path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    digest.update(b"\0" + json.dumps(overrides, sort_keys=True, ensure_ascii=False).encode() + b"\0")
    for folder in (*config.extra_rules, *config.extra_wordlists):
        digest.update(f"{folder}\0".encode())
        _read_tree(Path(folder), digest)
    return digest.hexdigest()


@dataclass
class ResultCache:
    """Entries under ``folder/v1/ab/abcdef….json``; ``read`` off means: store, but never reuse.

    The folder also keeps the parsed shipped word lists (``v1/data``, see :func:`parsed_data`).
    """

    folder: Path
    read: bool = True
    _configs: dict[Any, str] = field(default_factory=dict, repr=False)
    hits: int = 0

    def key(self, config: Config, overrides: dict[str, Any], name: str, data: bytes) -> str:
        marker = id(config)
        fingerprint = self._configs.get(marker)
        if fingerprint is None:
            fingerprint = self._configs[marker] = config_fingerprint(config, overrides)
        digest = hashlib.sha256(f"klarsprak-cache {FORMAT}\0".encode())
        for part in (code_fingerprint(), model_fingerprint(), fingerprint, Path(name).name):
            digest.update(part.encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> list[FileResult] | None:
        """The stored results for ``key`` with ``path`` put in, or None (absent, damaged, foreign)."""
        if not self.read:
            return None
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
                return None
            if entry.get("version") != __version__:
                return None
            results = entry["results"]
            if not isinstance(results, list) or not results:
                return None
            found = [result_from_dict(item, path) for item in results]
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a crash
            return None
        self.hits += 1
        return found

    def put(self, key: str, results: list[FileResult]) -> None:
        """Store atomically (temporary file, then rename); a full disk or read-only folder is ignored."""
        if not results or any(result.rule_errors for result in results):
            return
        try:
            payload = json.dumps({"format": FORMAT, "key": key, "version": __version__,
                                  "results": [result_to_dict(result) for result in results]},
                                 ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            return  # e.g. front matter that is not plain data: not worth caching
        write_atomically(self._path(key), payload)


# -- plain data ↔ FileResult ------------------------------------------------------------------
def result_to_dict(result: FileResult) -> dict[str, Any]:
    m = result.malform_result
    return {
        "path": result.path,
        "malform": {
            "malform": m.malform.value, "nb_score": m.nb_score, "nn_score": m.nn_score,
            "weak_nb": m.weak_nb, "weak_nn": m.weak_nn, "danish_score": m.danish_score,
            "evidence": [[e.word, e.standard.value, e.count, e.weight, e.ending, e.weak, e.danish]
                         for e in m.evidence],
        },
        "stats": {key: getattr(result.stats, key) for key in _STATS},
        "diagnostics": [
            {"rule": d.rule, "severity": int(d.severity), "message": d.message, "start": d.start, "end": d.end,
             "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
             "principle": d.principle, "pack": d.pack, "data": d.data,
             "suggestions": [[s.text, [s.fix.start, s.fix.end, s.fix.replacement] if s.fix else None, s.safe]
                             for s in d.suggestions]}
            for d in result.diagnostics
        ],
        "front_matter": result.front_matter,
    }


_STATS = {"words": int, "sentences": int, "long_words": int, "paragraphs": int,
          "lix": float, "avg_sentence_words": float}


def _typed(value: Any, kind: type | tuple[type, ...]) -> Any:
    if isinstance(value, bool) and kind in (int, float):
        raise ValueError("bool where a number belongs")
    if kind is float and isinstance(value, int):
        return float(value)
    if not isinstance(value, kind):
        raise ValueError(f"expected {kind}, got {type(value).__name__}")
    return value


def result_from_dict(item: dict[str, Any], path: str) -> FileResult:
    """Rebuild a result, checking every field's type: anything unexpected raises ValueError."""
    from klarsprak.core.diagnostics import Diagnostic, Fix, Severity, Suggestion
    from klarsprak.engine.lint import FileResult
    from klarsprak.language.analysis import Stats
    from klarsprak.language.malform import Evidence, Malform, MalformResult

    m = _typed(item["malform"], dict)
    evidence = tuple(
        Evidence(word=_typed(e[0], str), standard=Malform(e[1]), count=_typed(e[2], int),
                 weight=_typed(e[3], float), ending=_typed(e[4], str), weak=_typed(e[5], bool),
                 danish=_typed(e[6], bool))
        for e in _typed(m["evidence"], list)
    )
    malform = MalformResult(Malform(m["malform"]), _typed(m["nb_score"], float), _typed(m["nn_score"], float),
                            evidence, _typed(m["weak_nb"], float), _typed(m["weak_nn"], float),
                            _typed(m["danish_score"], float))
    stats_raw = _typed(item["stats"], dict)
    stats = Stats(**{key: _typed(stats_raw[key], kind) for key, kind in _STATS.items()})
    diagnostics = []
    for d in _typed(item["diagnostics"], list):
        suggestions = []
        for text, fix, safe in _typed(d["suggestions"], list):
            if fix is not None:
                fix = Fix(_typed(fix[0], int), _typed(fix[1], int), _typed(fix[2], str))
            suggestions.append(Suggestion(_typed(text, str), fix, _typed(safe, bool)))
        data = _typed(d["data"], dict)
        diagnostics.append(Diagnostic(
            rule=_typed(d["rule"], str), severity=Severity(_typed(d["severity"], int)),
            message=_typed(d["message"], str), start=_typed(d["start"], int), end=_typed(d["end"], int),
            line=_typed(d["line"], int), column=_typed(d["column"], int), end_line=_typed(d["end_line"], int),
            end_column=_typed(d["end_column"], int), principle=_typed(d["principle"], str),
            pack=_typed(d["pack"], str), suggestions=tuple(suggestions), data=data,
        ))
    return FileResult(path, malform, stats, diagnostics, [], _typed(item["front_matter"], dict))

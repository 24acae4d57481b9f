"""Checking files on disk: finding posts in folders, the nearest config per file, ``--fix``, jobs.

The CLI and pre-commit go through here; the language server talks to :class:`Engine` directly.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from klarsprak.core.errors import FileError, KlarsprakError
from klarsprak.core.fixes import apply_fixes, safe_fixes
from klarsprak.engine.config import Config, load_config
from klarsprak.engine.configfile import ConfigLookup, find_config
from klarsprak.engine.lint import Engine, FileResult
from klarsprak.engine.plans import PLAN_READERS
from klarsprak.text.files import excluded, plan_suffix, walk
from klarsprak.text.sources import SourceFile, decode, read_source, write_atomically

if TYPE_CHECKING:
    from klarsprak.engine.cache import ResultCache

STDIN = "-"

# Files that hold several posts (an editorial calendar) are read by their own reader: suffix → reader.
# A suffix may have several dots (``.plan.yaml``), so only such files are taken, not every YAML file.
# Which files a folder walk takes is decided in :mod:`klarsprak.text.files`, by the same suffixes.
MultiPostReader = Callable[[Engine, SourceFile], list[FileResult]]
READERS: dict[str, MultiPostReader] = PLAN_READERS


def reader_for(path: Path) -> MultiPostReader | None:
    """The reader whose suffix ends the file name (``plan.yaml`` itself matches ``.plan.yaml``)."""
    suffix = plan_suffix(path, READERS)
    return READERS[suffix] if suffix is not None else None


@dataclass
class FixReport:
    path: str
    changes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, old, new)


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    error: FileError | None = None
    fixed: FixReport | None = None
    fixed_text: str | None = None  # stdin with --fix: the corrected text


class Project:
    """One Engine per configuration file, built on first use."""

    def __init__(self, config_path: Path | None = None, overrides: dict | None = None) -> None:
        self.forced = config_path
        self.overrides = overrides or {}
        self._engines: dict[Path | None, Engine] = {}
        self._configs: dict[Path | None, Config] = {}
        self._lookup = ConfigLookup(config_path)

    def config_path_for(self, path: Path) -> Path | None:
        """The config that governs ``path``, looked up once per folder (a folder walk asks per file)."""
        return self._lookup(path)

    def config(self, config_path: Path | None) -> Config:
        if config_path not in self._configs:
            base = load_config(config_path) if config_path is not None else Config()
            self._configs[config_path] = base.with_changes(**self.overrides) if self.overrides else base
        return self._configs[config_path]

    def engine(self, config_path: Path | None) -> Engine:
        if config_path not in self._engines:
            self._engines[config_path] = Engine(self.config(config_path))
        return self._engines[config_path]

    def active_rules(self) -> list:
        """Every active rule of the engines built so far, each id once."""
        seen: dict[str, object] = {}
        for engine in self._engines.values():
            for rule in engine.rules:
                seen.setdefault(rule.id, rule)
        return list(seen.values())

    def engine_for(self, path: Path) -> Engine:
        return self.engine(self.config_path_for(path))


def collect(paths: Iterable[str], project: Project, force_exclude: bool = False) -> Iterator[str | FileError]:
    """Paths to check, in order; a folder is walked (``exclude`` globs and hidden folders skipped).

    A file named on the command line is checked even if ``exclude`` matches it, unless
    ``force_exclude`` (pre-commit names every changed file, and ``exclude`` must still hold).
    """
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, project)
        elif path.exists():
            if not (force_exclude and _excluded(path, project)):
                yield name
        else:
            yield FileError(name, f"{name}: fant ikke fila eller mappa")


def _walk(folder: Path, project: Project) -> Iterator[str]:
    for path in walk(folder):
        if not _excluded(path, project):
            yield str(path)


def _excluded(path: Path, project: Project) -> bool:
    config = project.config(project.config_path_for(path))
    return excluded(path, config.spec.exclude, config.root)


def check_one(project: Project, name: str, fix: bool = False, cache: ResultCache | None = None) -> Outcome:
    """Check one file (or stdin); any problem with it becomes a one-line FileError."""
    try:
        if name == STDIN:
            source = decode(sys.stdin.buffer.read(), STDIN)
            engine = project.engine(project.forced if project.forced else find_config(Path.cwd()))
        else:
            source = read_source(Path(name))
            engine = project.engine_for(Path(name))
        outcome = _check_source(engine, source, fix)
    except KlarsprakError as error:
        return Outcome(error=_file_error(name, error))
    if cache is not None and name != STDIN and outcome.fixed is None:  # results of the bytes read
        _store(project, cache, name, source.encode(source.text), outcome.results)
    return outcome


def _file_error(name: str, error: KlarsprakError) -> FileError:
    """The one line for a file that could not be checked, always starting with its path."""
    return FileError(name, str(error) if error.path else f"{name}: {error}")


def _store(project: Project, cache: ResultCache, name: str, data: bytes, results: list[FileResult]) -> None:
    """Keep results for next time, when they came from the full pipeline (the model loaded)."""
    from klarsprak.language.nlp import models_complete

    if not models_complete():
        return
    config = project.config(project.config_path_for(Path(name)))
    cache.put(cache.key(config, project.overrides, name, data), results)


def lookup(project: Project, cache: ResultCache, name: str) -> Outcome | None:
    """The cached outcome of an unchanged file, or None (stdin, unreadable, or not in the cache)."""
    if name == STDIN or not cache.read:
        return None
    try:
        data = Path(name).read_bytes()
        config = project.config(project.config_path_for(Path(name)))
    except (OSError, KlarsprakError):
        return None  # the real check reports it
    results = cache.get(cache.key(config, project.overrides, name, data), name)
    return Outcome(results=results) if results is not None else None


def check_batch(project: Project, names: list[str], cache: ResultCache | None = None) -> list[Outcome]:
    """Check several files (no --fix, no stdin), their posts tagged together per engine."""
    outcomes: dict[int, Outcome] = {}
    groups: dict[int, tuple[Engine, list[tuple[int, SourceFile]]]] = {}
    for index, name in enumerate(names):
        try:
            source = read_source(Path(name))
            engine = project.engine_for(Path(name))
        except KlarsprakError as error:
            outcomes[index] = Outcome(error=_file_error(name, error))
            continue
        if reader_for(Path(name)) is not None:  # a calendar: many posts, its own reader
            outcomes[index] = check_one(project, name, False, cache)
            continue
        groups.setdefault(id(engine), (engine, []))[1].append((index, source))
    for engine, items in groups.values():
        try:
            checked = engine.check_many([(source.text, source.path) for _, source in items])
        except KlarsprakError:
            checked = None
        for position, (index, source) in enumerate(items):
            name = names[index]
            if checked is None:
                outcomes[index] = check_one(project, name, False, cache)
                continue
            result = checked[position]
            if isinstance(result, KlarsprakError):
                outcomes[index] = Outcome(error=_file_error(name, result))
                continue
            outcomes[index] = Outcome(results=[result])
            if cache is not None:
                _store(project, cache, name, source.encode(source.text), [result])
    return [outcomes[index] for index in range(len(names))]


def _results(engine: Engine, source: SourceFile) -> list[FileResult]:
    """One post, or every post of a calendar (its reader maps findings to places in the file)."""
    reader = reader_for(Path(source.path)) if source.path != STDIN else None
    if reader is not None:
        return reader(engine, source)
    return [engine.check(source.text, source.path)]


def _check_source(engine: Engine, source: SourceFile, fix: bool) -> Outcome:
    results = _results(engine, source)
    if not fix:
        return Outcome(results=results)
    chosen = safe_fixes(d for result in results for d in result.diagnostics)
    if not chosen:
        return Outcome(results=results, fixed_text=source.text if source.path == STDIN else None)
    new_text = apply_fixes(source.text, [fix_ for _, fix_ in chosen])
    report = FixReport(source.path, [(d.line, source.text[f.start:f.end], f.replacement) for d, f in chosen])
    if source.path != STDIN:
        write_atomically(Path(source.path), source.encode(new_text))
    remaining = _results(engine, replace(source, text=new_text))
    return Outcome(results=remaining, fixed=report, fixed_text=new_text if source.path == STDIN else None)


_WORKER: tuple[Project, ResultCache | None] | None = None
CHUNK = 12  # files per task: enough to batch the tagger, small enough to keep both cores busy


def _work(task: tuple[list[str], bool]) -> list[Outcome]:
    assert _WORKER is not None
    names, fix = task
    if fix:
        return [check_one(_WORKER[0], name, True, _WORKER[1]) for name in names]
    return check_batch(_WORKER[0], names, _WORKER[1])


def default_jobs() -> int:
    """One process per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def check_all(project: Project, names: list[str], fix: bool, jobs: int | None,
              cache: ResultCache | None = None) -> Iterator[Outcome]:
    """Check every file, in order: cached results first, the rest batched, in worker processes
    that share the loaded model when there are enough files (``jobs`` None: one per core)."""
    found: dict[int, Outcome] = {}
    if cache is not None and not fix:
        for index, name in enumerate(names):
            outcome = lookup(project, cache, name)
            if outcome is not None:
                found[index] = outcome
    todo = [name for index, name in enumerate(names) if index not in found]
    computed = iter(_compute(project, todo, fix, jobs, cache))
    for index in range(len(names)):
        yield found[index] if index in found else next(computed)


def _compute(project: Project, names: list[str], fix: bool, jobs: int | None,
             cache: ResultCache | None) -> Iterator[Outcome]:
    jobs = default_jobs() if jobs is None else jobs
    jobs = min(jobs, len(names) // CHUNK)  # a few files are faster in one process than in a pool
    chunks = [names[i:i + CHUNK] for i in range(0, len(names), CHUNK)]
    if STDIN in names or jobs <= 1:
        for index, chunk in enumerate(chunks):
            if fix or STDIN in chunk:  # --fix writes and re-checks one file at a time
                yield from (check_one(project, name, fix, cache) for name in chunk)
            else:
                yield from check_batch(project, chunk, cache)
            if index == 0 and len(chunks) > 1:
                gc.freeze()  # the model and rules now exist: the collector need not walk them again
        return
    global _WORKER
    for name in names:  # load configs, rules and the model once, before the workers fork
        try:
            project.engine_for(Path(name)).prepare()
        except KlarsprakError:
            continue  # reported per file by the worker
    _WORKER = (project, cache)
    gc.freeze()  # the model and rules: never walked by the workers' collector (nor copied on write by it)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform != "win32" else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for outcomes in pool.map(_work, [(chunk, fix) for chunk in chunks]):
            yield from outcomes

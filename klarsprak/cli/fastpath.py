"""Answer ``klarsprak check`` from the result cache without loading rules, pydantic or spaCy.

The common repeat cases are an unchanged folder (a CI job, a writer checking the week's posts
again), and named files (pre-commit on unchanged files, an editor's save hook). When every file
the full run would check has a cache entry, the answer is printed from the entries alone. Folders
are walked by the same code as the full run (:mod:`klarsprak.text.files`), with each file's nearest
configuration read as plain YAML, only for what the cache key, ``exclude`` and the exit code need.
The key covers the configuration file's bytes, so an entry exists only if that very configuration
was validated by a full run before; every configuration this reader consults must be vouched for
by such an entry. Anything unusual (stdin, a missing path, a miss, a folder with nothing to check,
a config this reader does not follow) returns None and the full check runs, which validates and
reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from klarsprak.core.datacache import cache_folder, read_yaml
from klarsprak.engine.cache import ResultCache
from klarsprak.engine.configfile import ConfigLookup
from klarsprak.text.files import excluded, walk

LEVELS = ("hint", "info", "warning", "error")


class _Unsure(Exception):
    """This reader cannot answer for sure: let the full check run."""


class _RawConfig:
    """The few settings the cache key and the exit code need, from the file as YAML."""

    def __init__(self, path: Path | None) -> None:
        self.path = path.resolve() if path is not None else None
        data: Any = {}
        if path is not None:
            try:
                data = read_yaml(path) or {}
            except Exception:  # noqa: BLE001 - the full check reports a broken config
                raise _Unsure from None
        if not isinstance(data, dict):
            raise _Unsure
        self.data = data

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise _Unsure
        return value

    @property
    def extra_rules(self) -> list[Path]:
        return [self.root / folder for folder in self.strings("extra_rules")]

    @property
    def extra_wordlists(self) -> list[Path]:
        return [self.root / folder for folder in self.strings("extra_wordlists")]

    def excluded(self, path: Path) -> bool:
        return excluded(path, self.strings("exclude"), self.root)


def cached_run(paths: tuple[str, ...], overrides: dict[str, Any], forced: Path | None, cache_dir: str | None,
               force_exclude: bool):
    """The finished run (results in order, fail level) if every file to check is in the cache, else None."""
    try:
        return _cached_run(paths, overrides, forced, cache_dir, force_exclude)
    except _Unsure:
        return None


class _Configs:
    """Each file's governing config, read once per config file (and looked up once per folder)."""

    def __init__(self, forced: Path | None) -> None:
        self.read: dict[Path | None, _RawConfig] = {}
        self._lookup = ConfigLookup(forced)

    def for_path(self, path: Path) -> _RawConfig:
        config_path = self._lookup(path)
        config = self.read.get(config_path)
        if config is None:
            config = self.read[config_path] = _RawConfig(config_path)
        return config


def _cached_run(paths, overrides, forced, cache_dir, force_exclude):
    from klarsprak.core.diagnostics import Severity
    from klarsprak.output.run import Run

    paths = paths or (".",)  # as the full run: no argument checks the working folder
    if any(name == "-" or not Path(name).exists() for name in paths):
        raise _Unsure  # stdin is never cached; a missing path is reported by the full run
    configs = _Configs(forced)
    first = configs.for_path(Path(paths[0]))  # the cache folder and fail level come from here, as in the CLI
    cache = ResultCache(_folder(cache_dir, first))
    level = overrides.get("fail_level", first.data.get("fail_level", "warning"))
    if level not in LEVELS:
        raise _Unsure
    files = []
    vouched: set[int] = set()  # configs a cache hit shows were validated by a full run
    for name in paths:
        path = Path(name)
        if path.is_dir():  # exclude always holds inside a folder
            names = [str(found) for found in walk(path) if not configs.for_path(found).excluded(found)]
        elif not path.is_file():
            raise _Unsure  # neither a file nor a folder: the full run says what it is
        elif force_exclude and configs.for_path(path).excluded(path):
            names = []
        else:
            names = [name]
        for target in names:
            config = configs.for_path(Path(target))
            try:
                data = Path(target).read_bytes()
            except OSError:
                raise _Unsure from None
            results = cache.get(cache.key(config, overrides, target, data), target)  # type: ignore[arg-type]
            if results is None:
                raise _Unsure
            vouched.add(id(config))
            files += results
    if not files or any(id(config) not in vouched for config in configs.read.values()):
        raise _Unsure  # nothing checked, or a config (its exclude, its fail level) no full run validated
    return Run(files=files, fail_level=Severity.parse(level))


def _folder(option: str | None, config: _RawConfig) -> Path:
    configured = config.data.get("cache_dir")
    if configured is not None and not isinstance(configured, str):
        raise _Unsure
    return cache_folder(option, configured, config.root)

"""Answer ``klarsprak check FILE…`` from the result cache without loading rules, pydantic or spaCy.

The common repeat cases (pre-commit on unchanged files, an editor's save hook) name files, not
folders. When every named file has a cache entry, the answer is printed from the entries alone:
the configuration is read as plain YAML, only for what the cache key and the exit code need. The
key covers the configuration file's bytes, so an entry exists only if that very configuration
was validated by a full run before. Anything unusual (a folder, stdin, a miss, a config this
reader does not follow) returns None and the full check runs, which validates and reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from klarsprak.core.datacache import cache_folder, read_yaml
from klarsprak.engine.cache import ResultCache
from klarsprak.engine.configfile import find_config

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
        patterns = self.strings("exclude")
        if not patterns:
            return False
        import pathspec

        try:
            relative = path.resolve().relative_to(self.root)
        except ValueError:
            return False
        return pathspec.PathSpec.from_lines("gitwildmatch", patterns).match_file(relative.as_posix())


def cached_run(paths: tuple[str, ...], overrides: dict[str, Any], forced: Path | None, cache_dir: str | None,
               force_exclude: bool):
    """The finished run (results in order, fail level) if every named file is in the cache, else None."""
    try:
        return _cached_run(paths, overrides, forced, cache_dir, force_exclude)
    except _Unsure:
        return None


def _cached_run(paths, overrides, forced, cache_dir, force_exclude):
    from klarsprak.core.diagnostics import Severity
    from klarsprak.output.run import Run

    if not paths or any(name == "-" or not Path(name).is_file() for name in paths):
        raise _Unsure
    configs: dict[Path | None, _RawConfig] = {}
    cache: ResultCache | None = None
    files = []
    fail_level = None
    for name in paths:
        config_path = forced if forced is not None else find_config(Path(name))
        config = configs.get(config_path)
        if config is None:
            config = configs[config_path] = _RawConfig(config_path)
        if cache is None:  # the folder and fail level come from the first file's config, as in the CLI
            cache = ResultCache(_folder(cache_dir, config))
            level = overrides.get("fail_level", config.data.get("fail_level", "warning"))
            if level not in LEVELS:
                raise _Unsure
            fail_level = Severity.parse(level)
        if force_exclude and config.excluded(Path(name)):
            continue
        try:
            data = Path(name).read_bytes()
        except OSError:
            raise _Unsure from None
        results = cache.get(cache.key(config, overrides, name, data), name)  # type: ignore[arg-type]
        if results is None:
            raise _Unsure
        files += results
    return Run(files=files, fail_level=fail_level)


def _folder(option: str | None, config: _RawConfig) -> Path:
    configured = config.data.get("cache_dir")
    if configured is not None and not isinstance(configured, str):
        raise _Unsure
    return cache_folder(option, configured, config.root)

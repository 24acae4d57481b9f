"""One :class:`Engine` per ``.klarsprak.yaml`` (nearest to each file), reloaded when it changes.

A broken configuration never leaves a writer without checks: the last configuration that loaded
stays in use (or the built-in defaults, if none ever did) and the error is kept on the project, so
the server can say so once. Only the lint thread touches this module's objects.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from klarsprak.core.errors import KlarsprakError
from klarsprak.engine.config import Config, load_config
from klarsprak.engine.configfile import CONFIG_NAMES, find_config
from klarsprak.engine.lint import Engine
from klarsprak.lsp.settings import Settings

log = logging.getLogger("klarsprak.lsp")


@dataclass
class Project:
    config_path: Path | None
    engine: Engine | None = None  # the last engine that loaded
    error: KlarsprakError | None = None  # why the current file does not load, if it does not
    mtime: int | None = None  # of the config file when it was last read
    stale: bool = True
    ever_loaded: bool = False  # the project's own config loaded at least once (else: defaults)
    folders: tuple[Path, ...] = field(default=())  # the project's own rule and word-list folders

    @property
    def root(self) -> Path | None:
        return self.config_path.parent if self.config_path else None


def _mtime(path: Path | None) -> int | None:
    if path is None:
        return None
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


class Projects:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._projects: dict[Path | None, Project] = {}
        self.loads = 0  # counts reloads, so caches built from rules know when to start over

    # -- lookup -----------------------------------------------------------------------------
    def config_path_for(self, file_path: Path | None, root: Path | None) -> Path | None:
        start = file_path if file_path is not None else root
        return find_config(start) if start is not None else None

    def project_for(self, file_path: Path | None, root: Path | None) -> Project:
        """The project a file belongs to, (re)loaded if its config file changed on disk."""
        config_path = self.config_path_for(file_path, root)
        project = self._projects.get(config_path)
        if project is None:
            project = self._projects[config_path] = Project(config_path)
        if not project.stale and project.config_path is not None and _mtime(project.config_path) != project.mtime:
            project.stale = True  # edited outside the editor, or a client without file watching
        if project.stale:
            self._load(project)
        return project

    def engine_for(self, file_path: Path | None, root: Path | None) -> Engine:
        engine = self.project_for(file_path, root).engine
        assert engine is not None
        return engine

    # -- invalidation -----------------------------------------------------------------------
    def invalidate_all(self) -> None:
        for project in self._projects.values():
            project.stale = True

    def invalidate(self, changed: list[Path]) -> bool:
        """Mark projects whose config, rules or word lists changed; True if any was."""
        hit = False
        for path in changed:
            if path.name in CONFIG_NAMES:
                # a new or deleted config file may also move files to another project
                self.invalidate_all()
                return True
            for project in self._projects.values():
                if any(path == folder or folder in path.parents for folder in project.folders):
                    project.stale = True
                    hit = True
        return hit

    def loaded(self) -> list[Project]:
        return list(self._projects.values())

    # -- loading ----------------------------------------------------------------------------
    def _load(self, project: Project) -> None:
        self.loads += 1
        project.stale = False
        project.mtime = _mtime(project.config_path)
        changes = self.settings.config_changes()
        try:
            base = load_config(project.config_path) if project.config_path is not None else Config()
            project.folders = tuple(path.resolve() for path in (*base.extra_rules, *base.extra_wordlists))
            config = base.with_changes(**changes) if changes else base
            engine = Engine(config)
            engine.prepare()
        except KlarsprakError as error:
            project.error = error
        except ValueError as error:  # pydantic: an editor setting the config schema refuses
            project.error = KlarsprakError(f"ugyldig innstilling: {error}", str(project.config_path or "-"))
        else:
            project.engine, project.error, project.ever_loaded = engine, None, True
            return
        log.warning("kunne ikke laste konfigurasjonen: %s", project.error)
        if project.engine is None:
            project.engine = self._defaults(changes)

    @staticmethod
    def _defaults(changes: dict) -> Engine:
        """The built-in defaults; if even the shipped rules do not load, no rules rather than no server."""
        for attempt in (changes, {}, {"packs": []}):
            try:
                engine = Engine(Config().with_changes(**attempt) if attempt else Config())
                engine.prepare()
                return engine
            except (KlarsprakError, ValueError) as error:
                log.warning("standardoppsettet lastet ikke: %s", error)
        raise AssertionError("unreachable: an engine without packs has no rules to fail")

"""The klarsprak language server (pygls 2): diagnostics while typing, fixes, hovers, config reload.

Threads: the asyncio loop (pygls) reads messages, keeps the open documents and publishes; one lint
thread owns every :class:`Engine` (spaCy and the engine caches are not shared across threads).
While a check runs, further edits only mark the document dirty; the next check takes the newest
text, and a result is published only if the document still has the version it was computed for.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from klarsprak.core.diagnostics import Diagnostic
from klarsprak.core.errors import KlarsprakError
from klarsprak.core.version import __version__
from klarsprak.engine.configfile import CONFIG_NAMES
from klarsprak.engine.lint import Engine, FileResult, failed_rule
from klarsprak.language.nlp import preload
from klarsprak.lsp import actions, convert, hover
from klarsprak.lsp.docs import RulePages
from klarsprak.lsp.project_words import add_word
from klarsprak.lsp.projects import Project, Projects
from klarsprak.lsp.settings import SECTION, Settings, parse_settings, section_of
from klarsprak.lsp.textsync import OpenDocument, line_start, offset_at

log = logging.getLogger("klarsprak.lsp")

STATUS_NOTIFICATION = "klarsprak/status"
STATS_COMMAND = "klarsprak.stats"
RELOAD_COMMAND = "klarsprak.reload"
WATCH_GLOBS = ("**/.klarsprak.yaml", "**/.klarsprak.yml", "**/*.{yaml,yml}")
FORMATS = {"markdown": "markdown", "plaintext": "text", "text": "text"}


@dataclass
class Outcome:
    """One check of one document version, ready to publish."""

    uri: str
    version: int | None
    generation: int
    result: FileResult | None = None
    shown: list[Diagnostic] = field(default_factory=list)  # at or above the severity threshold
    lsp: list[types.Diagnostic] = field(default_factory=list)
    lsp_by_id: dict[int, types.Diagnostic] = field(default_factory=dict)
    skipped: str | None = None  # why the document was not checked (too large)
    failure: str | None = None  # the engine failed on this text (logged)
    project: Project | None = None
    rules: dict[str, Any] = field(default_factory=dict)
    malform: str = "nb"  # the language of messages, titles and hovers
    seconds: float = 0.0  # time spent in the lint thread


@dataclass(frozen=True)
class ShownError:
    text: str
    uri: str  # the file the error diagnostic was published on ("" if none)


class KlarsprakProtocol(LanguageServerProtocol):
    """pygls' protocol with three changes: UTF-16 only, our own document store, and an error
    response (instead of silence) to a request whose params do not fit the method."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        general = params.capabilities.general
        if general is not None:
            general.position_encodings = [types.PositionEncodingKind.Utf16]
        result = yield from super().lsp_initialize(params)
        return result

    def _user(self, method: str, params: Any):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "method" in data and data.get("id") is not None:
                self._send_response(data["id"], None, error.to_response_error())
            raise


class KlarsprakServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("klarsprak", __version__, protocol_cls=KlarsprakProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, OpenDocument] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.settings = Settings()
        self.initial_settings: dict[str, Any] = {}  # initializationOptions: the base later settings update
        self.projects = Projects(self.settings)
        self.pages = RulePages()
        self.generation = 0
        self.lint_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="klarsprak-lint")
        self._busy = 0  # jobs submitted to the lint thread and not finished
        self._idle = threading.Condition()
        self._dirty: dict[str, None] = {}
        self._wake: asyncio.Event | None = None
        self._worker: asyncio.Task | None = None
        self._reported: set[str] = set()
        self._config_errors: dict[str, ShownError] = {}  # config path → the error shown for it
        self._pages_version = -1
        self._closing = False
        self.shutdown_requested = False
        self._preloaded_nn = False

    # -- errors and messages ---------------------------------------------------------------
    def report_server_error(self, error: Exception, source: Any) -> None:
        """Bad traffic and handler crashes are logged, not shown as pop-ups; the server carries on."""
        log.error("feil i språkserveren (%s): %s", getattr(source, "__name__", source), error)
        try:
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"klarsprak: {error}"))
        except Exception:  # noqa: BLE001 - the transport itself may be gone
            pass

    def show_once(self, message: str, kind: types.MessageType = types.MessageType.Error, key: str | None = None) -> None:
        """A pop-up the writer sees once (per ``key``, default the text), not on every keystroke."""
        key = key or message
        if key in self._reported:
            return
        self._reported.add(key)
        self.window_show_message(types.ShowMessageParams(kind, message))

    def log_once(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        if message in self._reported:
            return
        self._reported.add(message)
        self.window_log_message(types.LogMessageParams(kind, message))

    # -- paths -----------------------------------------------------------------------------
    def root(self) -> Path | None:
        try:
            root = self.workspace.root_path
        except RuntimeError:
            return None
        return Path(root) if root else None

    @staticmethod
    def path_of(uri: str) -> Path | None:
        if not uri.startswith("file:"):
            return None
        path = to_fs_path(uri)
        return Path(path) if path else None

    def folder_for(self, path: Path | None) -> Path | None:
        """The workspace folder holding ``path`` (deepest first), else the file's own folder."""
        try:
            folders = [self.path_of(folder.uri) for folder in self.workspace.folders.values()]
        except RuntimeError:
            folders = []
        folders = [folder for folder in folders if folder is not None]
        if path is not None:
            for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
                if folder == path or folder in path.parents:
                    return folder
            return path.parent
        return folders[0] if folders else self.root()

    # -- the lint thread -------------------------------------------------------------------
    def _check_sync(self, uri: str, text: str, version: int | None, language_id: str, generation: int) -> Outcome:
        """Runs in the lint thread: engine, conversion to LSP and rule pages."""
        started = time.perf_counter()
        outcome = self._check_inner(uri, text, version, language_id, generation)
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _check_inner(self, uri: str, text: str, version: int | None, language_id: str, generation: int) -> Outcome:
        outcome = Outcome(uri, version, generation)
        settings = self.settings
        if len(text) > settings.max_characters:
            outcome.skipped = (f"klarsprak sjekker ikke dokumenter over {settings.max_characters:,} tegn "
                               f"(dette har {len(text):,}).").replace(",", " ")
            return outcome
        path = self.path_of(uri)
        project = self.projects.project_for(path, self.root())
        outcome.project = project
        if self.projects.loads != self._pages_version:
            self.pages.forget()
            self._pages_version = self.projects.loads
        engine: Engine = project.engine  # type: ignore[assignment]
        outcome.rules = {rule.id: rule for rule in engine.all_rules}
        fmt = FORMATS.get(language_id)
        try:
            result = engine.check(text, str(path) if path else None, fmt)
        except KlarsprakError as error:  # e.g. a front-matter value the engine does not accept
            outcome.lsp = [_error_diagnostic(text, error)]
            return outcome
        except Exception as error:  # noqa: BLE001 - a bug must not take the editor down
            log.exception("klarsprak feilet på %s", uri)
            outcome.failure = f"klarsprak klarte ikke å sjekke {path.name if path else uri}: {error}"
            return outcome
        outcome.result = result
        outcome.malform = result.analysis.message_malform if result.analysis else "nb"
        outcome.shown = [d for d in result.diagnostics if d.severity >= settings.min_severity]

        def href(rule_id: str) -> str | None:
            rule = outcome.rules.get(rule_id)
            return self.pages.href(project.config_path, rule, outcome.malform) if rule else None

        for diagnostic in outcome.shown:
            converted = convert.to_lsp(result.document, diagnostic, version, href)
            outcome.lsp.append(converted)
            outcome.lsp_by_id[id(diagnostic)] = converted
        return outcome

    def submit(self, function, *args):
        """Run ``function`` in the lint thread (counted, so exit can wait for writes to finish)."""
        with self._idle:
            self._busy += 1
        try:
            future = self.lint_pool.submit(function, *args)
        except RuntimeError:  # the pool is shut down: nothing will run
            self._job_done(None)
            raise
        future.add_done_callback(self._job_done)  # also called when the job is cancelled
        return future

    def _job_done(self, _future) -> None:
        with self._idle:
            self._busy -= 1
            self._idle.notify_all()

    async def in_lint_thread(self, function, *args):
        return await asyncio.wrap_future(self.submit(function, *args))

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._busy <= 0, timeout)

    # -- scheduling ------------------------------------------------------------------------
    def schedule(self, *uris: str) -> None:
        """Mark documents for checking; the worker coalesces edits that arrive while it is busy."""
        if self._closing:
            return
        for uri in uris:
            self._dirty[uri] = None
        if self._wake is None:
            self._wake = asyncio.Event()
        if self._worker is None or self._worker.done():
            self._worker = asyncio.ensure_future(self._work())
        self._wake.set()

    async def _work(self) -> None:
        assert self._wake is not None
        while not self._closing:
            await self._wake.wait()
            self._wake.clear()
            if self.settings.debounce_ms:
                await asyncio.sleep(self.settings.debounce_ms / 1000)
            while self._dirty and not self._closing:
                uri = next(iter(self._dirty))
                del self._dirty[uri]
                try:
                    await self._check_and_publish(uri)
                except Exception:  # noqa: BLE001 - keep the worker alive whatever happens
                    log.exception("sjekken av %s feilet", uri)

    async def check(self, uri: str) -> Outcome | None:
        """Check the document's current text (in the lint thread); None if it is not open."""
        document = self.documents.get(uri)
        if document is None:
            return None
        return await self.in_lint_thread(self._check_sync, uri, document.text, document.version,
                                         document.language_id, self.generation)

    def is_current(self, outcome: Outcome) -> bool:
        document = self.documents.get(outcome.uri)
        return (document is not None and document.version == outcome.version
                and outcome.generation == self.generation)

    async def current(self, uri: str) -> Outcome | None:
        """The outcome for the text the client has now (checked again if it is stale)."""
        outcome = self.outcomes.get(uri)
        if outcome is not None and self.is_current(outcome):
            return outcome
        outcome = await self.check(uri)
        if outcome is not None and self.is_current(outcome):
            self.outcomes[uri] = outcome
        return outcome

    async def _check_and_publish(self, uri: str) -> None:
        started = time.perf_counter()
        outcome = await self.check(uri)
        if outcome is None or not self.is_current(outcome):
            log.info("sjekk av %s v%s forkastet: teksten er endret", uri, outcome.version if outcome else None)
            return  # closed, edited or reconfigured meanwhile: a newer check is already queued
        self.outcomes[uri] = outcome
        self.publish(outcome)
        if not self._preloaded_nn:  # bokmål loads first; nynorsk as soon as the first findings are out
            self._preloaded_nn = True
            threading.Thread(target=preload, args=("nn",), name="klarsprak-preload-nn", daemon=True).start()
        log.info("sjekket %s v%s: %d funn, %.1f ms (motoren %.1f ms)", uri, outcome.version, len(outcome.lsp),
                 (time.perf_counter() - started) * 1000, outcome.seconds * 1000)

    def publish(self, outcome: Outcome) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=outcome.uri, diagnostics=outcome.lsp, version=outcome.version))
        if outcome.skipped:
            self.show_once(outcome.skipped, types.MessageType.Warning, key=f"for stor: {outcome.uri}")
        if outcome.failure:
            self.show_once(outcome.failure, key=f"feilet: {outcome.uri}")
        if outcome.result is not None:  # a rule that failed or timed out: one message per rule
            for problem in outcome.result.rule_errors:
                self.show_once(f"klarsprak: {problem}", types.MessageType.Warning,
                               key=f"regel: {failed_rule(problem) or problem}")
        self._report_project(outcome.project)
        self.protocol.notify(STATUS_NOTIFICATION, convert.status(
            outcome.uri, outcome.version, outcome.result, len(outcome.lsp), outcome.skipped))

    def _report_project(self, project: Project | None) -> None:
        """A broken config: one message, and a diagnostic on the file at fault until it is fixed."""
        if project is None:
            return
        key = str(project.config_path)
        shown = self._config_errors.get(key)
        error = project.error
        if error is None or (shown is not None and shown.text != str(error)):
            if shown is not None:
                del self._config_errors[key]
                if shown.uri and shown.uri not in self.documents:
                    self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=shown.uri, diagnostics=[]))
        if error is None or key in self._config_errors:
            return
        fallback = "bruker forrige gyldige oppsett" if project.ever_loaded else "bruker standardoppsettet"
        self.window_show_message(types.ShowMessageParams(
            types.MessageType.Error, f"klarsprak: {error} ({fallback} til feilen er rettet)"))
        target = Path(error.path) if error.path else project.config_path
        uri = from_fs_path(str(target.resolve())) if target is not None and target.is_file() else ""
        self._config_errors[key] = ShownError(str(error), uri or "")
        if uri:
            line = max((error.line or 1) - 1, 0)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[
                types.Diagnostic(range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
                                 message=error.detail, severity=types.DiagnosticSeverity.Error,
                                 source=convert.SOURCE, code="konfigurasjon")]))

    # -- configuration ---------------------------------------------------------------------
    async def apply_settings(self, raw: Any) -> None:
        """New editor settings (keys missing from ``raw`` keep their initializationOptions value)."""
        known = await self.in_lint_thread(_known_packs)
        settings = parse_settings({**self.initial_settings, **section_of(raw)}, known)
        for problem in settings.problems:
            self.show_once(f"klarsprak: {problem}", types.MessageType.Warning)
        if settings == self.settings:
            return
        await self.in_lint_thread(self._set_settings_sync, settings)
        self.reconfigured()

    def _set_settings_sync(self, settings: Settings) -> None:
        self.settings = settings
        self.projects.settings = settings
        self.projects.invalidate_all()

    async def pull_settings(self) -> None:
        """Ask the client for the ``klarsprak`` section (clients that support ``workspace/configuration``)."""
        capabilities = self.client_capabilities
        if not (capabilities.workspace and capabilities.workspace.configuration):
            return
        try:
            values = await asyncio.wait_for(self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])), timeout=5)
        except Exception as error:  # noqa: BLE001 - a client that cannot answer keeps the old settings
            log.warning("workspace/configuration feilet: %s", error)
            return
        if values and isinstance(values[0], dict):
            await self.apply_settings(values[0])

    def reconfigured(self) -> None:
        """Config or settings changed: every open document is checked again with the new rules."""
        self.generation += 1
        self.schedule(*self.documents)

    async def files_changed(self, paths: list[Path]) -> None:
        hit = await self.in_lint_thread(self.projects.invalidate, paths)
        if hit or any(path.name in CONFIG_NAMES for path in paths):
            self.reconfigured()

    async def shutdown_worker(self) -> None:
        self.shutdown_requested = self._closing = True
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
        self.lint_pool.shutdown(wait=False, cancel_futures=True)


def _known_packs() -> list[str]:
    from klarsprak.engine.rules import shipped_packs

    return shipped_packs()


def _error_diagnostic(text: str, error: KlarsprakError) -> types.Diagnostic:
    """A file-level error (front matter) as one diagnostic on its line."""
    line = max((error.line or 1) - 1, 0)
    start = line_start(text, line)
    end = offset_at(text, line, len(text) * 2)  # the end of the line (CR, LF or CRLF)
    length = len(text[start:end].encode("utf-16-le")) // 2
    return types.Diagnostic(
        range=types.Range(types.Position(line, 0), types.Position(line, length)),
        message=error.detail, severity=types.DiagnosticSeverity.Error, source=convert.SOURCE, code="front-matter")


# -- handlers -------------------------------------------------------------------------------------
def create_server() -> KlarsprakServer:
    server = KlarsprakServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: KlarsprakServer, params: types.InitializeParams) -> None:
        if params.initialization_options:
            ls.initial_settings = section_of(params.initialization_options)
            ls.settings = parse_settings(ls.initial_settings)
            ls.projects.settings = ls.settings
            for problem in ls.settings.problems:
                log.warning("%s", problem)
        ls.submit(_warm_up, ls)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: KlarsprakServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities
        watched = capabilities.workspace and capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCH_GLOBS])
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                    types.Registration(id="klarsprak-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                       register_options=options)]))
            except Exception as error:  # noqa: BLE001 - the config is still checked for changes on each lint
                log.warning("kunne ikke registrere filovervåking: %s", error)
        await ls.pull_settings()

    @server.feature(types.SHUTDOWN)
    async def shutdown(ls: KlarsprakServer, params: None) -> None:
        await ls.shutdown_worker()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: KlarsprakServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.documents[item.uri] = OpenDocument(item.uri, item.text, item.version, item.language_id)
        ls.schedule(item.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: KlarsprakServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            log.warning("didChange for et dokument som ikke er åpent: %s", params.text_document.uri)
            return
        for change in params.content_changes:
            document.apply(change)
        document.version = params.text_document.version
        ls.schedule(document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(ls: KlarsprakServer, params: types.DidSaveTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is not None and path.name in CONFIG_NAMES:
            await ls.files_changed([path])
        elif params.text_document.uri in ls.documents:
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: KlarsprakServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.documents.pop(uri, None)
        ls.outcomes.pop(uri, None)
        ls._dirty.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: KlarsprakServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and settings:
            await ls.apply_settings(settings)
        else:  # the "pull" model: the notification only says that something changed
            await ls.pull_settings()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: KlarsprakServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [path for change in params.changes if (path := ls.path_of(change.uri)) is not None]
        if paths:
            await ls.files_changed([p.resolve() for p in paths])

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: KlarsprakServer, params: types.HoverParams) -> types.Hover | None:
        outcome = await ls.current(params.text_document.uri)
        if outcome is None or outcome.result is None:
            return None
        document = outcome.result.document
        offset = offset_at(document.text, params.position.line, params.position.character)
        findings = hover.at_offset(outcome.shown, offset)
        text = hover.hover_markdown(findings, outcome.rules, outcome.malform)
        if text is None:
            return None
        first = findings[0]
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                           range=convert.lsp_range(document, first.start, first.end))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND], resolve_provider=False))
    async def code_action(ls: KlarsprakServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        outcome = await ls.current(params.text_document.uri)
        if outcome is None or outcome.result is None:
            return None
        document = outcome.result.document
        start = offset_at(document.text, params.range.start.line, params.range.start.character)
        end = offset_at(document.text, params.range.end.line, params.range.end.character)
        workspace_caps = ls.client_capabilities.workspace
        versioned = bool(workspace_caps and workspace_caps.workspace_edit
                         and workspace_caps.workspace_edit.document_changes)
        ctx = actions.ActionContext(outcome.uri, outcome.version, document, outcome.shown, outcome.rules,
                                    outcome.malform, versioned)
        return actions.code_actions(ctx, start, end, params.context.only, outcome.lsp_by_id) or None

    @server.command(actions.ADD_WORD_COMMAND)
    async def add_word_command(ls: KlarsprakServer, *args: Any) -> dict[str, Any] | None:
        if len(args) != 2 or not all(isinstance(arg, str) for arg in args) or not args[1].strip():
            raise JsonRpcInvalidParams.of(ValueError("argumenter: [uri, ord]"))
        uri, word = args
        path = ls.path_of(uri)
        config_path = await ls.in_lint_thread(ls.projects.config_path_for, path, ls.root())
        if config_path is None:
            folder = ls.folder_for(path)
            if folder is None:
                ls.show_once("klarsprak: fant ingen mappe å lage .klarsprak.yaml i (lagre fila først)")
                return None
            config_path = folder / CONFIG_NAMES[0]
        try:
            added = await ls.in_lint_thread(add_word, config_path, word.strip())
        except KlarsprakError as error:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"klarsprak: {error}"))
            return None
        await ls.files_changed([config_path])
        return {"path": str(config_path), "word": word.strip(), "added": added}

    @server.command(STATS_COMMAND)
    async def stats_command(ls: KlarsprakServer, *args: Any) -> dict[str, Any] | None:
        if len(args) != 1 or not isinstance(args[0], str):
            raise JsonRpcInvalidParams.of(ValueError("argumenter: [uri]"))
        outcome = await ls.current(args[0])
        if outcome is None or outcome.result is None:
            return None
        from klarsprak.output.explain import stats_text

        result = outcome.result
        name = ls.path_of(args[0])
        result.path = str(name) if name else unquote(args[0])
        return {"text": stats_text(result), "malform": result.malform, "stats": result.stats.as_dict(),
                "status": convert.status(outcome.uri, outcome.version, result, len(outcome.lsp))}

    @server.command(RELOAD_COMMAND)
    async def reload_command(ls: KlarsprakServer, *args: Any) -> None:
        await ls.in_lint_thread(ls.projects.invalidate_all)
        ls._config_errors.clear()
        ls.reconfigured()

    return server


def _warm_up(ls: KlarsprakServer) -> None:
    """Load the language model and the workspace's rules before the first document arrives."""
    try:
        ls.projects.project_for(None, ls.root())
    except Exception:  # noqa: BLE001 - reported again, properly, on the first check
        log.warning("oppvarming feilet:\n%s", traceback.format_exc())


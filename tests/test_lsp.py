"""The language server end to end over stdio, driven by pytest-lsp's client like an editor would.

One server process serves the whole module (as one editor session would); each test works in its own
project folder with its own ``.klarsprak.yaml`` and a small rule of its own («vedrørende» → «om»,
safe; «foreligge» → «finnes», not safe), so the tests do not depend on the shipped rule packs.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import pytest
import pytest_lsp
import yaml
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

ROOT = Path(tempfile.mkdtemp(prefix="klarsprak-lsp-"))
CACHE = ROOT / "cache"
STATUS = "klarsprak/status"

RULE = """id: stivt
kind: substitution
description: Stivt ord.
principle: klart språk
source: Testkilde for stive ord
severity: warning
message: "«{match}» er stivt. {advice}"
explanation: Stive ord gjør teksten tung. Skriv enkelt.
fix: {safe: true}
wordlists: [stive]
examples: {bad: ["vedrørende timen"], good: ["om timen"]}
"""
WORDS = """name: stive
malform: both
description: test
sources: [test]
licence: test
entries:
  - word: vedrørende
    replace: [om]
    safe: true
  - word: foreligge
    inflect: verb
    replace: [finnes]
    safe: false
"""
CONFIG = "# Prosjektets oppsett\nextra_rules: [regler]\nextra_wordlists: [ord]  # våre egne lister\nselect: [stivt]\n"


def workspace(name: str, config: str = CONFIG) -> Path:
    """A project folder with the test rule, its word list and a config."""
    folder = ROOT / name
    (folder / "regler" / "test").mkdir(parents=True)
    (folder / "regler" / "test" / "stivt.yaml").write_text(RULE, encoding="utf-8")
    (folder / "ord").mkdir()
    (folder / "ord" / "stive.yaml").write_text(WORDS, encoding="utf-8")
    (folder / ".klarsprak.yaml").write_text(config, encoding="utf-8")
    return folder


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version) and status."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.statuses = []

    def on_publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    def on_status(ls: LanguageClient, params) -> None:
        ls.statuses.append(params)

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: on_publish}
    register_lsp_features(client, features)
    client.feature(STATUS)(on_status)
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "klarsprak", "lsp"],
    client_factory=make_client,
    server_env={**os.environ, "KLARSPRAK_CACHE_DIR": str(CACHE), "PYTHONPATH": str(Path(__file__).parent.parent)},
)


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient):
    lsp_client.set_configuration({"minSeverity": "hint"}, section="klarsprak")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=ROOT.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="innlegg")],
    ))
    yield
    await lsp_client.shutdown_session()


async def until(condition, timeout: float = 20.0):
    """Wait until ``condition()`` is truthy and return it (the server answers asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        await asyncio.sleep(0.01)
    raise AssertionError("tidsavbrudd: serveren svarte ikke som ventet")


def published(client: LanguageClient, uri: str, version: int | None = None):
    """The last publishDiagnostics for ``uri`` (for ``version``, when given)."""
    for params in reversed(client.published):
        if params.uri == uri and (version is None or params.version == version):
            return params
    return None


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1, language: str = "markdown") -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(*start), types.Position(*end)), text=text)]))


def apply_edit(text: str, edit: types.WorkspaceEdit) -> str:
    """Apply a WorkspaceEdit to one document's text as an editor would (UTF-16 positions)."""
    from klarsprak.server.textsync import offset_at

    edits = []
    for change_ in edit.document_changes or []:
        edits += change_.edits
    for edits_ in (edit.changes or {}).values():
        edits += edits_
    spans = sorted(((offset_at(text, e.range.start.line, e.range.start.character),
                     offset_at(text, e.range.end.line, e.range.end.character), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def by_code(diagnostics, code: str):
    return [d for d in diagnostics if d.code == code]


# -- tests ----------------------------------------------------------------------------------------
async def test_open_publishes_versioned_diagnostics_with_utf16_ranges(client: LanguageClient):
    folder = workspace("utf16")
    # emoji (2 UTF-16 units), æøå and a combining ring (å written as a + U+030A) before the finding
    text = "# Hei 😀\n\nBlåbær og ma\u030ange 👩‍⚕️ skriver vedrørende timen din.\n"
    uri = open_doc(client, folder / "innlegg.md", text, version=3)
    params = await until(lambda: published(client, uri, 3))
    [diagnostic] = by_code(params.diagnostics, "stivt")
    line = text.splitlines()[2]
    start16 = len(line[: line.index("vedrørende")].encode("utf-16-le")) // 2
    assert diagnostic.range == types.Range(types.Position(2, start16), types.Position(2, start16 + len("vedrørende")))
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.source == "klarsprak"
    assert diagnostic.message.startswith("«vedrørende» er stivt")
    assert diagnostic.data["fixes"][0]["newText"] == "om" and diagnostic.data["fixes"][0]["safe"] is True
    page = Path(diagnostic.code_description.href.removeprefix("file://"))
    assert page.is_file() and "Stive ord gjør teksten tung" in page.read_text(encoding="utf-8")

"""The editor side of a language-server test: one VS Code-like session over a workspace folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities


async def open_session(client: LanguageClient, root: Path) -> None:
    """Initialise like VS Code with ``root`` as the one workspace folder; show every level."""
    client.set_configuration({"minSeverity": "hint"}, section="klarsprak")
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="innlegg")],
    ))


async def close_session(client: LanguageClient, root: Path) -> None:
    await client.shutdown_session()
    shutil.rmtree(root, ignore_errors=True)


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1, language: str = "markdown") -> str:
    """Write ``text`` to ``path`` byte for byte (CR endings kept) and open it in the editor."""
    path.write_bytes(text.encode("utf-8"))
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str):
    """One incremental edit: replace the range ``start``–``end`` (line, UTF-16 character) with ``text``."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(*start), types.Position(*end)), text=text)]))

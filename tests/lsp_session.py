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

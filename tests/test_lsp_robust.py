"""The language server with hostile rules and unusual text, end to end over stdio (pytest-lsp).

A rule whose expression never ends must not stall the editor: the server keeps answering, shows
one message for the rule, and publishes the other rules' findings. NFD text, soft hyphens and lone
CR line endings get findings at the places the editor shows, and quick fixes touch nothing else.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp_session import change, close_session, open_doc, open_session
from tests.project_rules import STIVT_RULE, write_project_rules
from tests.test_lsp import apply_edit, by_code, make_client, until
from tests.test_rule_isolation import HANGING_RULE

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

ROOT = Path(tempfile.gettempdir()) / f"klarsprak-lsp-robust-{os.getpid()}"
CONFIG = "packs: []\nextra_rules: [regler]\nextra_wordlists: [ord]\n"
HOSTILE_LINE = "a" * 5000 + "b"

SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "klarsprak", "lsp"],
    client_factory=make_client,
    server_env={**os.environ, "KLARSPRAK_CACHE_DIR": str(ROOT / "cache"),
                "PYTHONPATH": str(Path(__file__).parent.parent)},
)


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient):
    await open_session(lsp_client, ROOT)
    yield
    await close_session(lsp_client, ROOT)


def workspace(name: str, rules: dict[str, str] | None = None) -> Path:
    folder = ROOT / name
    write_project_rules(folder, {"stivt.yaml": STIVT_RULE, **(rules or {})})
    (folder / ".klarsprak.yaml").write_text(CONFIG, encoding="utf-8")
    return folder


def published(client: LanguageClient, uri: str, version: int):
    for params in reversed(client.published):
        if params.uri == uri and params.version == version:
            return params
    return None


def text_at(text: str, r: types.Range) -> str:
    from klarsprak.lsp.textsync import offset_at

    return text[offset_at(text, r.start.line, r.start.character): offset_at(text, r.end.line, r.end.character)]


async def quick_fix(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> types.CodeAction:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    return next(action for action in found if action.is_preferred)


def span(diagnostic: types.Diagnostic) -> tuple[int, int, int, int]:
    r = diagnostic.range
    return r.start.line, r.start.character, r.end.line, r.end.character


# -- a rule that hangs ----------------------------------------------------------------------------
async def test_a_hanging_rule_gets_one_message_and_the_other_findings_still_arrive(client: LanguageClient):
    folder = workspace("henger", {"mange-a.yaml": HANGING_RULE})
    text = f"Vi skriver vedrørende timen.\n\n{HOSTILE_LINE}\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    first = await until(lambda: published(client, uri, 1), timeout=60)
    assert [text_at(text, d.range) for d in by_code(first.diagnostics, "stivt")] == ["vedrørende"]
    assert not by_code(first.diagnostics, "mange-a")
    # keep typing, in the hostile paragraph too: every version is answered, and fast
    started = time.monotonic()
    for version, (line, column, char) in enumerate([(2, 0, "x"), (0, 0, "Ja. "), (2, 1, "y")], start=2):
        change(client, uri, version, (line, column), (line, column), char)
    last = await until(lambda: published(client, uri, 4), timeout=60)
    assert time.monotonic() - started < 10
    assert [span(d) for d in by_code(last.diagnostics, "stivt")] == [(0, 15, 0, 25)]
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(0, 17)))
    assert hover is not None and "Stive ord" in hover.contents.value
    shown = [m.message for m in client.messages if "mange-a" in m.message]
    assert len(shown) == 1, shown  # one message for the rule, not one per keystroke
    assert "regelen «mange-a» ble hoppet over" in shown[0]


# -- unusual text ---------------------------------------------------------------------------------
async def test_nfd_word_is_found_and_fixed_in_place(client: LanguageClient):
    folder = workspace("nfd")
    text = unicodedata.normalize("NFD", "# Blåbær 😀\n\nSjå på vedrørende timen, blåbær.\n")
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1), timeout=60)
    [diagnostic] = by_code(params.diagnostics, "stivt")
    assert span(diagnostic) == (2, 9, 2, 19)  # «Sjå på »: 9 UTF-16 units in NFD (two rings)
    fixed = apply_edit(text, (await quick_fix(client, uri, diagnostic)).edit)
    assert fixed == text.replace("vedrørende", "om")
    assert fixed.count("a\u030a") == text.count("a\u030a")  # every decomposed å outside the fix kept


async def test_soft_hyphen_word_is_found_and_fixed_whole(client: LanguageClient):
    folder = workspace("myk")
    text = "Vi skriver ved\u00adrørende ti\u00admen.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1), timeout=60)
    [diagnostic] = by_code(params.diagnostics, "stivt")
    assert text_at(text, diagnostic.range) == "ved\u00adrørende"
    assert diagnostic.message.startswith("«vedrørende» er stivt")
    fixed = apply_edit(text, (await quick_fix(client, uri, diagnostic)).edit)
    assert fixed == "Vi skriver om ti\u00admen.\n"


async def test_lone_cr_lines_and_incremental_edits(client: LanguageClient):
    folder = workspace("cr")
    text = "# Tittel\r\rVi skriver vedrørende timen.\rSvaret foreligger nå.\r"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1), timeout=60)
    assert [span(d) for d in by_code(params.diagnostics, "stivt")] == [(2, 11, 2, 21), (3, 7, 3, 17)]
    change(client, uri, 2, (2, 0), (2, 0), "Ja, ")  # line 2 exists only if CR ends lines
    after = await until(lambda: published(client, uri, 2), timeout=60)
    assert [span(d) for d in by_code(after.diagnostics, "stivt")] == [(2, 15, 2, 25), (3, 7, 3, 17)]
    text = "# Tittel\r\rJa, Vi skriver vedrørende timen.\rSvaret foreligger nå.\r"
    safe = by_code(after.diagnostics, "stivt")[0]
    fixed = apply_edit(text, (await quick_fix(client, uri, safe)).edit)
    assert fixed == "# Tittel\r\rJa, Vi skriver om timen.\rSvaret foreligger nå.\r"


async def test_random_edits_end_where_a_fresh_open_does(client: LanguageClient):
    """A few random range edits (CR, CRLF, NFD, emoji, soft hyphens) then the same text opened fresh."""
    folder = workspace("redigering")
    rng = random.Random(13)
    pieces = ["vedrørende ", "ma\u030ange ", "ved\u00adrørende ", "\r", "\r\n", "\n\n", "😀", "Svaret foreligger. ",
              "# ", "timen. ", "\u00a0"]
    text = "Vi skriver vedrørende timen.\r\nSvaret foreligger nå.\r"
    uri = open_doc(client, folder / "innlegg.md", text)
    await until(lambda: published(client, uri, 1), timeout=60)
    from klarsprak.text.document import Document
    from klarsprak.text.normalise import line_starts

    for version in range(2, 10):
        document = Document(text, line_starts=line_starts(text))
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.randrange(4))
        if text[start - 1 : start + 1] == "\r\n":  # positions never fall inside a CRLF
            start -= 1
        if text[end - 1 : end + 1] == "\r\n":
            end -= 1
        new = rng.choice(pieces)
        change(client, uri, version, document.utf16_position(start), document.utf16_position(end), new)
        text = text[:start] + new + text[end:]
    edited = await until(lambda: published(client, uri, 9), timeout=60)
    fresh_uri = open_doc(client, folder / "fersk.md", text)
    fresh = await until(lambda: published(client, fresh_uri, 1), timeout=60)
    assert [(d.code, span(d)) for d in edited.diagnostics] == [(d.code, span(d)) for d in fresh.diagnostics]
    words = [unicodedata.normalize("NFC", text_at(text, d.range).replace("\u00ad", ""))
             for d in by_code(edited.diagnostics, "stivt")]
    assert words == [d.message.split("»")[0].removeprefix("«") for d in by_code(edited.diagnostics, "stivt")]

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
from typing import Union

import pytest
import pytest_lsp
import yaml
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.lsp_session import change, close_session, open_doc, open_session
from tests.project_rules import STIVT_RULE, write_project_rules

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

ROOT = Path(tempfile.gettempdir()) / f"klarsprak-lsp-{os.getpid()}"  # made by the first workspace()
CACHE = ROOT / "cache"
STATUS = "klarsprak/status"

RULE = STIVT_RULE
NN_RULE = """id: ikkje-bokmal
kind: existence
description: Bokmålsord i nynorsk.
principle: målform
source: Testkilde
severity: info
malform: nn
words: [ikke]
message: "«{match}» er bokmål."
explanation: Skriv nynorsk.
examples: {bad: ["Vi kan ikke komme."], good: ["Vi kan ikkje komme."]}
"""
CONFIG = ("# Prosjektets oppsett\npacks: []\nextra_rules: [regler]\nextra_wordlists: [ord]  # våre egne lister\n"
          "select: [stivt, ikkje-bokmal]\n")


def workspace(name: str, config: str = CONFIG) -> Path:
    """A project folder with the test rule, its word list and a config."""
    folder = ROOT / name
    write_project_rules(folder, {"stivt.yaml": RULE, "ikkje-bokmal.yaml": NN_RULE})
    (folder / ".klarsprak.yaml").write_text(config, encoding="utf-8")
    return folder


def converter():
    """lsprotocol reads any code action that has a ``command`` as a bare Command; the LSP says a
    CodeAction may carry one (ours do: "add word"), so tell them apart by the field's type."""
    conv = default_converter()

    def code_action(obj, _):
        return conv.structure(obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction)

    conv.register_structure_hook(Union[types.Command, types.CodeAction], code_action)
    return conv


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version) and status."""
    client = LanguageClient(converter_factory=converter)
    client.published = []
    client.statuses = []
    client.registrations = []

    def on_publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    def on_status(ls: LanguageClient, params) -> None:
        ls.statuses.append(params)

    def on_register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        ls.registrations += params.registrations

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: on_publish,
                types.CLIENT_REGISTER_CAPABILITY: on_register, STATUS: on_status}
    register_lsp_features(client, features)
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "klarsprak", "lsp"],
    client_factory=make_client,
    server_env={**os.environ, "KLARSPRAK_CACHE_DIR": str(CACHE), "PYTHONPATH": str(Path(__file__).parent.parent)},
)


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient):
    await open_session(lsp_client, ROOT)
    yield
    await close_session(lsp_client, ROOT)


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


def apply_edit(text: str, edit: types.WorkspaceEdit) -> str:
    """Apply a WorkspaceEdit to one document's text as an editor would (UTF-16 positions)."""
    from klarsprak.lsp.textsync import offset_at

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


def text_of(diagnostic: types.Diagnostic, text: str) -> str:
    from klarsprak.lsp.textsync import offset_at

    r = diagnostic.range
    return text[offset_at(text, r.start.line, r.start.character): offset_at(text, r.end.line, r.end.character)]


async def test_typing_never_publishes_results_for_older_text(client: LanguageClient):
    folder = workspace("typing")
    text = "Vi skriver vedrørende timen.\n\nSvaret foreligger nå, vedrørende vaksinen.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    await until(lambda: published(client, uri, 1))
    texts = {1: text}
    # type «Hei, » one character at a time at the start of the first line, as fast as possible
    for version, char in enumerate("Hei, ", start=2):
        column = version - 2
        change(client, uri, version, (0, column), (0, column), char)
        text = text[:column] + char + text[column:]
        texts[version] = text
    final = await until(lambda: published(client, uri, 6))
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(versions), "diagnostics for an older version came after a newer one"
    for params in client.published:
        if params.uri == uri:
            found = [text_of(d, texts[params.version]) for d in by_code(params.diagnostics, "stivt")]
            assert found == ["vedrørende", "foreligger", "vedrørende"]
    assert [(d.range.start.line, d.range.start.character) for d in by_code(final.diagnostics, "stivt")] == [
        (0, 16), (2, 7), (2, 22)]


async def test_quick_fix_is_preferred_only_when_safe_and_applies(client: LanguageClient):
    folder = workspace("quickfix")
    text = "Vi skriver vedrørende timen.\nSvaret foreligger nå.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1))
    safe, unsafe = sorted(by_code(params.diagnostics, "stivt"), key=lambda d: d.range.start.line)
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=safe.range,
        context=types.CodeActionContext(diagnostics=[safe])))
    fix = next(a for a in found if a.title == "Bytt «vedrørende» med «om»")
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    assert fix.edit.document_changes[0].text_document.version == 1
    others = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=unsafe.range,
        context=types.CodeActionContext(diagnostics=[unsafe])))
    assert not any(a.is_preferred for a in others), "an unsafe suggestion must not be preferred"
    fixed = apply_edit(text, fix.edit)
    assert fixed == "Vi skriver om timen.\nSvaret foreligger nå.\n"
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    after = await until(lambda: published(client, uri, 2))
    assert [text_of(d, fixed) for d in by_code(after.diagnostics, "stivt")] == ["foreligger"]


async def test_fix_all_of_a_rule_and_source_fix_all(client: LanguageClient):
    folder = workspace("fixall")
    text = "Vedrørende timen: vi skriver vedrørende timen.\n\n- 😀 Svar vedrørende SMS\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1))
    first = by_code(params.diagnostics, "stivt")[0]
    quick = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=first.range,
        context=types.CodeActionContext(diagnostics=[first], only=[types.CodeActionKind.QuickFix])))
    rule_fix = next(a for a in quick if a.title == "Rett alle funn av «stivt» i fila (3)")
    assert apply_edit(text, rule_fix.edit) == "Om timen: vi skriver om timen.\n\n- 😀 Svar om SMS\n"
    assert all(a.kind == types.CodeActionKind.QuickFix for a in quick)
    source = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri),
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    [fix_all] = source
    assert fix_all.kind == "source.fixAll.klarsprak"
    assert apply_edit(text, fix_all.edit) == "Om timen: vi skriver om timen.\n\n- 😀 Svar om SMS\n"


async def test_disable_rule_on_one_line(client: LanguageClient):
    folder = workspace("disable")
    text = "Første avsnitt vedrørende timen.\n\nAndre avsnitt vedrørende SMS.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1))
    second = next(d for d in by_code(params.diagnostics, "stivt") if d.range.start.line == 2)
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=second.range,
        context=types.CodeActionContext(diagnostics=[second])))
    disable = next(a for a in found if a.title == "Slå av «stivt» på denne linja")
    changed = apply_edit(text, disable.edit)
    assert changed == ("Første avsnitt vedrørende timen.\n\n<!-- klarsprak-disable-next-line stivt -->\n"
                       "Andre avsnitt vedrørende SMS.\n")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=changed)]))
    after = await until(lambda: published(client, uri, 2))
    assert [d.range.start.line for d in by_code(after.diagnostics, "stivt")] == [0]


async def test_add_word_to_project_list_keeps_the_rest_of_the_config(client: LanguageClient):
    folder = workspace("ordliste")
    text = "Vi skriver vedrørende timen.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1))
    [finding] = by_code(params.diagnostics, "stivt")
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=finding.range,
        context=types.CodeActionContext(diagnostics=[finding])))
    action = next(a for a in found if a.title == "Legg «vedrørende» til i ordlista for prosjektet")
    before = len(client.published)
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=action.command.command, arguments=action.command.arguments))
    assert result["added"] is True
    config = (folder / ".klarsprak.yaml").read_text(encoding="utf-8")
    assert config == CONFIG + "words:\n  - vedrørende\n"
    assert yaml.safe_load(config)["words"] == ["vedrørende"]
    republished = await until(lambda: [p for p in client.published[before:] if p.uri == uri])
    assert by_code(republished[-1].diagnostics, "stivt") == []
    assert not [p for p in folder.iterdir() if p.name.endswith(".klarsprak")], "temporary file left behind"


async def test_hover_explains_a_finding_and_is_silent_elsewhere(client: LanguageClient):
    folder = workspace("hover")
    text = "Vi skriver vedrørende timen din.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    await until(lambda: published(client, uri, 1))
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(0, 14)))
    value = hover.contents.value
    assert hover.contents.kind == types.MarkupKind.Markdown
    for expected in ("**stivt**", "Stive ord gjør teksten tung", "Testkilde for stive ord",
                     "«vedrørende timen»", "«om timen»"):
        assert expected in value
    assert hover.range.start == types.Position(0, 11) and hover.range.end == types.Position(0, 21)
    assert await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(0, 3))) is None


async def test_config_reload_and_broken_config_keeps_last_good(client: LanguageClient):
    folder = workspace("reload")
    config = folder / ".klarsprak.yaml"
    text = "Vi skriver vedrørende timen.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1))
    assert by_code(params.diagnostics, "stivt")[0].severity == types.DiagnosticSeverity.Warning
    watcher = next(r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    assert "**/.klarsprak.yaml" in [w["globPattern"] for w in watcher.register_options["watchers"]]

    def touched() -> None:
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))

    config.write_text(CONFIG + "rules: {stivt: error}\n", encoding="utf-8")
    before = len(client.published)
    touched()
    reloaded = await until(lambda: [p for p in client.published[before:] if p.uri == uri])
    assert by_code(reloaded[-1].diagnostics, "stivt")[0].severity == types.DiagnosticSeverity.Error

    messages = len(client.messages)
    config.write_text(CONFIG + "rules: {stivt: error}\nfail_level: kanskje\n", encoding="utf-8")
    before = len(client.published)
    touched()
    await until(lambda: len(client.messages) > messages)
    [message] = client.messages[messages:]
    assert message.type == types.MessageType.Error
    assert ".klarsprak.yaml:7:" in message.message and "forrige gyldige oppsett" in message.message
    on_config = await until(lambda: published(client, config.as_uri()))
    assert on_config.diagnostics[0].range.start.line == 6
    still = await until(lambda: [p for p in client.published[before:] if p.uri == uri])
    assert by_code(still[-1].diagnostics, "stivt")[0].severity == types.DiagnosticSeverity.Error
    touched()  # the same broken file again: no second pop-up
    change(client, uri, 2, (0, 0), (0, 0), "Ja. ")
    await until(lambda: published(client, uri, 2))
    assert len(client.messages) == messages + 1

    config.write_text(CONFIG, encoding="utf-8")
    touched()
    await until(lambda: not published(client, config.as_uri()).diagnostics)
    fixed = await until(lambda: (p := published(client, uri)) and p.version == 2
                        and by_code(p.diagnostics, "stivt")[0].severity == types.DiagnosticSeverity.Warning)
    assert fixed


async def test_editor_settings_apply_without_restart(client: LanguageClient):
    folder = workspace("settings")
    text = "Vi skriver vedrørende timen. Vi kan ikke komme.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    params = await until(lambda: published(client, uri, 1))
    assert [d.code for d in params.diagnostics] == ["stivt"]  # a bokmål post: the nynorsk rule is quiet

    async def settings(**values) -> types.PublishDiagnosticsParams:
        before = len(client.published)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"klarsprak": values}))
        found = await until(lambda: [p for p in client.published[before:] if p.uri == uri])
        return found[-1]

    as_nynorsk = await settings(malform="nn")  # the policy says nynorsk: the nn-only rule applies
    assert sorted(d.code for d in as_nynorsk.diagnostics) == ["ikkje-bokmal", "stivt"]
    only_warnings = await settings(malform="nn", minSeverity="warning")
    assert [d.code for d in only_warnings.diagnostics] == ["stivt"]
    back = await settings(minSeverity="hint")
    assert [d.code for d in back.diagnostics] == ["stivt"]
    messages = len(client.messages)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"klarsprak": {"minSeverity": "kritisk"}}))
    await until(lambda: len(client.messages) > messages)
    assert "klarsprak.minSeverity" in client.messages[-1].message


async def test_status_gives_malform_and_lix(client: LanguageClient):
    folder = workspace("status")
    text = "Kva gjer du om du ikkje får time hos fastlegen? Her er nokre råd til deg.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    status = await until(lambda: next((s for s in reversed(client.statuses) if s.uri == uri), None))
    assert status.malform == "nn" and status.malformName == "nynorsk"
    assert status.text == f"nynorsk · LIX {status.lix:.0f}" and status.words == 16
    stats = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="klarsprak.stats", arguments=[uri]))
    assert "Målform:                nynorsk" in stats["text"] and stats["stats"]["words"] == 16


async def test_huge_document_is_skipped_and_the_server_stays_responsive(client: LanguageClient):
    folder = workspace("stor")
    text = "Vi skriver vedrørende timen. " * 8000  # 232 000 characters
    uri = open_doc(client, folder / "stor.md", text)
    params = await until(lambda: published(client, uri, 1))
    assert list(params.diagnostics) == []
    change(client, uri, 2, (0, 0), (0, 0), "Hei. ")
    await until(lambda: published(client, uri, 2))
    assert len([m for m in client.messages if "over 100 000 tegn" in m.message]) == 1  # once, not per keystroke
    status = next(s for s in reversed(client.statuses) if s.uri == uri)
    assert status.skipped is True
    small = open_doc(client, folder / "liten.md", "Vi skriver vedrørende timen.\n")
    started = time.monotonic()
    await until(lambda: published(client, small, 1))
    assert time.monotonic() - started < 2


async def test_unknown_method_and_bad_params_get_errors_and_server_carries_on(client: LanguageClient):
    from pygls.exceptions import JsonRpcInvalidParams, JsonRpcMethodNotFound

    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("klarsprak/finnesIkke", {})
    client.protocol.notify("klarsprak/heller-ikke", {"x": 1})  # unknown notification: ignored
    with pytest.raises(JsonRpcInvalidParams):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="klarsprak.addWord", arguments=[42]))
    folder = workspace("etterpaa")
    uri = open_doc(client, folder / "innlegg.md", "Vi skriver vedrørende timen.\n")
    assert by_code((await until(lambda: published(client, uri, 1))).diagnostics, "stivt")


async def test_bad_front_matter_is_one_clear_finding(client: LanguageClient):
    folder = workspace("frontmatter")
    text = "---\nkanal: fjernsyn\n---\nVi skriver vedrørende timen.\n"
    uri = open_doc(client, folder / "innlegg.md", text)
    [finding] = (await until(lambda: published(client, uri, 1))).diagnostics
    assert finding.severity == types.DiagnosticSeverity.Error and "ukjent kanal «fjernsyn»" in finding.message
    change(client, uri, 2, (1, 7), (1, 16), "facebook")
    fixed = await until(lambda: published(client, uri, 2))
    assert [d.code for d in fixed.diagnostics] == ["stivt"]


async def test_project_rule_files_are_watched_too(client: LanguageClient):
    folder = workspace("egne-regler")
    rule_file = folder / "regler" / "test" / "stivt.yaml"
    uri = open_doc(client, folder / "innlegg.md", "Vi skriver vedrørende timen.\n")
    await until(lambda: published(client, uri, 1))

    def edited(text: str) -> None:
        rule_file.write_text(text, encoding="utf-8")
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=rule_file.as_uri(), type=types.FileChangeType.Changed)]))

    before = len(client.published)
    edited(RULE.replace('message: "«{match}» er stivt. {advice}"', 'message: "«{match}» er tungt."'))
    new = await until(lambda: [p for p in client.published[before:] if p.uri == uri])
    assert [d.message for d in new[-1].diagnostics] == ["«vedrørende» er tungt."]

    messages = len(client.messages)
    edited(RULE.replace("severity: warning", "severity: kritisk"))
    await until(lambda: len(client.messages) > messages)
    assert "stivt.yaml" in client.messages[-1].message
    on_rule = await until(lambda: published(client, rule_file.as_uri()))
    assert on_rule.diagnostics[0].range.start.line == 5  # the «severity» line

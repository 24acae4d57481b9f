"""The language server's pure parts: text sync, the config word-list edit, settings, disable comments."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lsprotocol import types

from klarsprak.core.diagnostics import Severity
from klarsprak.core.errors import KlarsprakError
from klarsprak.lsp.actions import disable_edit, wanted
from klarsprak.lsp.project_words import add_word, add_word_to_text
from klarsprak.lsp.settings import parse_settings
from klarsprak.lsp.textsync import OpenDocument, offset_at
from klarsprak.text.document import parse_document


def partial(start: tuple[int, int], end: tuple[int, int], text: str) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(*start), types.Position(*end)), text=text)


# -- text sync ------------------------------------------------------------------------------------
def test_offset_counts_utf16_units_and_clamps_to_the_line():
    text = "😀 æ\r\nb\u2028c\n"
    assert offset_at(text, 0, 2) == 1  # after the emoji (two UTF-16 units, one code point)
    assert offset_at(text, 0, 4) == 3  # after «æ»
    assert offset_at(text, 0, 99) == 3  # clamped before \r\n
    assert offset_at(text, 1, 2) == 7  # U+2028 is not a line break for LSP clients
    assert offset_at(text, 5, 0) == len(text)


def test_incremental_edits_follow_the_editor_across_u2028_and_emoji():
    doc = OpenDocument("file:///x.md", "Linje\u2028med skilletegn 😀\nvedrørende\n", 1)
    doc.apply(partial((1, 0), (1, 10), "om"))
    doc.apply(partial((0, 22), (0, 22), "!"))  # after the emoji: 5 + 1 + 15 + 2 units
    assert doc.text == "Linje\u2028med skilletegn 😀!\nom\n"
    doc.apply(types.TextDocumentContentChangeWholeDocument(text="ny"))
    assert doc.text == "ny"


# -- add word to the project list -----------------------------------------------------------------
def test_add_word_appends_to_a_block_list_and_keeps_comments():
    text = "# oppsett\nwords:\n  - Helsenorge   # navnet vårt\n  - fastlege\nmalform: nb # policy\n"
    updated = add_word_to_text(text, "vedrørende")
    assert updated == ("# oppsett\nwords:\n  - Helsenorge   # navnet vårt\n  - fastlege\n  - vedrørende\n"
                       "malform: nb # policy\n")


def test_add_word_to_a_flow_list_and_crlf_file():
    updated = add_word_to_text("malform: nn\r\nwords: [a, b]  # ord\r\n", "c")
    assert updated == "malform: nn\r\nwords: [a, b, c]  # ord\r\n"
    appended = add_word_to_text("malform: nn\r\n", "tjenestetilbud")
    assert appended == "malform: nn\r\nwords:\r\n  - tjenestetilbud\r\n"


def test_add_word_quotes_what_yaml_would_misread():
    updated = add_word_to_text("words:\n", "no")  # a bare «no» is false in YAML 1.1
    assert yaml.safe_load(updated)["words"] == ["no"]
    assert add_word_to_text("words: [Vedrørende]\n", "vedrørende") is None  # already there (any case)


def test_add_word_refuses_a_broken_file_without_writing(tmp_path: Path):
    config = tmp_path / ".klarsprak.yaml"
    config.write_text("words: [a\nmalform: nb\n", encoding="utf-8")
    with pytest.raises(KlarsprakError, match="ikke gyldig YAML"):
        add_word(config, "b")
    assert config.read_text(encoding="utf-8") == "words: [a\nmalform: nb\n"


def test_add_word_creates_the_config_and_keeps_bom(tmp_path: Path):
    created = tmp_path / ".klarsprak.yaml"
    assert add_word(created, "vedrørende") is True
    assert created.read_text(encoding="utf-8") == "words:\n  - vedrørende\n"
    with_bom = tmp_path / "bom" / ".klarsprak.yaml"
    with_bom.parent.mkdir()
    with_bom.write_bytes(b"\xef\xbb\xbfmalform: nb\n")
    assert add_word(with_bom, "NAV") is True
    assert with_bom.read_bytes() == b"\xef\xbb\xbfmalform: nb\nwords:\n  - NAV\n"
    assert add_word(with_bom, "nav") is False


# -- settings -------------------------------------------------------------------------------------
def test_settings_accept_both_shapes_and_report_bad_values():
    settings = parse_settings({"klarsprak": {"malform": "NN", "minSeverity": "warning", "packs": "klarsprak, uu"}},
                              known_packs=["klarsprak", "uu"])
    assert settings.malform == "nn" and settings.min_severity is Severity.WARNING
    assert settings.config_changes() == {"packs": ["klarsprak", "uu"], "malform": "nn"}
    bad = parse_settings({"malform": "svensk", "packs": ["tull"], "maxCharacters": -1}, known_packs=["klarsprak"])
    assert bad.malform is None and bad.max_characters == 100_000 and bad.packs is None
    assert len(bad.problems) == 3 and any("«tull»" in problem for problem in bad.problems)
    assert parse_settings({"packs": []}).config_changes() == {"packs": []}  # none at all is a choice too


# -- disable on this line -------------------------------------------------------------------------
def test_disable_comment_goes_above_the_line_with_its_quote_marker():
    text = "Hei.\n\n> Vi skriver vedrørende timen.\r\n"
    document = parse_document(text, "x.md")
    edit = disable_edit(document, text.index("vedrørende"), "stivt")
    assert edit.range.start == edit.range.end == types.Position(2, 0)
    assert edit.new_text == "> <!-- klarsprak-disable-next-line stivt -->\r\n"


def test_disable_extends_an_existing_comment_and_never_touches_front_matter():
    text = "---\nmalform: nb\n---\n<!-- klarsprak-disable-next-line lix -->\nVi skriver vedrørende.\n"
    document = parse_document(text, "x.md")
    edit = disable_edit(document, text.index("vedrørende"), "stivt")
    assert edit.range == types.Range(types.Position(3, 0), types.Position(3, 40))
    assert edit.new_text == "<!-- klarsprak-disable-next-line lix,stivt -->"
    assert disable_edit(document, text.index("nb"), "stivt") is None


def test_code_action_kinds_are_hierarchical():
    assert wanted("source.fixAll.klarsprak", ["source"]) and wanted("source.fixAll.klarsprak", ["source.fixAll"])
    assert not wanted("source.fixAll.klarsprak", ["quickfix"]) and wanted("quickfix", None)


# -- the server keeps one engine per project: an edit re-analyses only its paragraph ---------------
def test_an_edit_reanalyses_only_the_changed_paragraph(tmp_path: Path, monkeypatch):
    import klarsprak.language.nlp
    from klarsprak.lsp.server import KlarsprakServer

    (tmp_path / ".klarsprak.yaml").write_text("packs: []\n", encoding="utf-8")
    paragraphs = [f"Avsnitt nummer {n} handler om timebestilling hos fastlegen din." for n in range(8)]
    text = "\n\n".join(paragraphs) + "\n"
    server = KlarsprakServer()
    uri = (tmp_path / "innlegg.md").as_uri()
    assert server._check_sync(uri, text, 1, "markdown", 0).result.stats.paragraphs == 8
    analysed: list[str] = []
    real = klarsprak.language.nlp.analyse
    monkeypatch.setattr(klarsprak.language.nlp, "analyse",
                        lambda texts, *args, **kwargs: analysed.extend(texts) or real(texts, *args, **kwargs))
    edited = text.replace("nummer 5 handler", "nummer 5 dreier seg")
    outcome = server._check_sync(uri, edited, 2, "markdown", 0)
    assert [t.strip() for t in analysed] == ["Avsnitt nummer 5 dreier seg om timebestilling hos fastlegen din."]
    assert outcome.result.stats.paragraphs == 8

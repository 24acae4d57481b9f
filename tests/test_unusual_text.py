"""Unusual text through the real command line: decomposed Unicode (NFD), invisible characters and
non-breaking spaces from Word, lone CR and mixed line endings. Findings land where the writer sees
them (columns in the source's code points), and ``--fix`` changes the fixed words and no other byte.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.project_rules import STIVT_RULE as RULE

WORDS = """name: stive
malform: both
description: test
sources: [test]
licence: test
entries:
  - word: vedrørende
    replace: [om]
    safe: true
  - word: angående
    replace: [om]
    safe: true
  - word: i forkant av
    replace: [før]
    safe: true
"""
BREVSPRAK = """id: vi-viser-til
kind: existence
description: Unngå «vi viser til».
principle: direkte
source: Testkilde
severity: info
message: "«{match}» er brevspråk."
explanation: Gå rett på saken.
words: ["vi viser til"]
examples: {bad: ["Vi viser til brevet."], good: ["Her er brevet."]}
"""


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "regler" / "test").mkdir(parents=True)
    (tmp_path / "regler" / "test" / "stivt.yaml").write_text(RULE, encoding="utf-8")
    (tmp_path / "regler" / "test" / "vi-viser-til.yaml").write_text(BREVSPRAK, encoding="utf-8")
    (tmp_path / "ord").mkdir()
    (tmp_path / "ord" / "stive.yaml").write_text(WORDS, encoding="utf-8")
    (tmp_path / ".klarsprak.yaml").write_text(
        "packs: []\nextra_rules: [regler]\nextra_wordlists: [ord]\n", encoding="utf-8")
    return tmp_path


def check_json(project: Path, name: str, text: str, *extra: str) -> list[dict]:
    (project / name).write_bytes(text.encode("utf-8"))
    result = run_cli("check", "--format", "json", *extra, name, cwd=project)
    assert result.returncode in (0, 1), result.stderr.decode()
    return json.loads(result.stdout)["files"][0]["diagnostics"]


def where(diagnostics: list[dict]) -> list[tuple]:
    return [(d["rule"], d["line"], d["column"], d["end_line"], d["end_column"]) for d in diagnostics]


def fix(project: Path, name: str, data: bytes) -> bytes:
    (project / name).write_bytes(data)
    run_cli("check", "--fix", name, cwd=project)
    return (project / name).read_bytes()


def test_nfd_text_gets_the_same_findings_at_the_source_columns(project):
    nfc_text = "Blåbær og angående timen, vedrørende svaret.\n"
    decomposed = nfd(nfc_text)  # å in «Blåbær» and «angående» become two code points each (æ, ø stay)
    assert len(decomposed) == len(nfc_text) + 2
    assert where(check_json(project, "nfc.md", nfc_text)) == [("stivt", 1, 11, 1, 19), ("stivt", 1, 27, 1, 37)]
    found = check_json(project, "nfd.md", decomposed)
    assert where(found) == [("stivt", 1, 12, 1, 21), ("stivt", 1, 29, 1, 39)]
    assert [d["message"] for d in found][0].startswith("«angående» er stivt")
    text = (project / "nfd.md").read_text(encoding="utf-8")
    assert text[11:20] == nfd("angående") and text[28:38] == "vedrørende"


def test_nfd_text_plain_output_names_the_source_line_and_column(project):
    (project / "innlegg.md").write_text(nfd("# Tittel\n\nBlåbær, angående timen.\n"), encoding="utf-8")
    result = run_cli("check", "innlegg.md", cwd=project)
    assert result.stdout.decode().splitlines()[0].startswith("innlegg.md:3:10: advarsel stivt «angående» er stivt")
    assert result.returncode == 1


def test_fix_replaces_an_nfd_word_and_keeps_every_other_byte(project):
    before = "Blåbær.\r\n\r\n".encode() + nfd("Sjå på blåbær angående timen. Blåbær.\r\n").encode()
    after = fix(project, "innlegg.md", before)
    target = nfd("angående").encode()
    assert after == before.replace(target, b"om")
    assert after.count(nfd("å").encode()) == before.count(nfd("å").encode()) - 1  # only the fixed word's å


@pytest.mark.parametrize("hidden", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_invisible_characters_inside_a_word_do_not_hide_it(project, hidden):
    word = f"ved{hidden}rørende"
    found = check_json(project, "innlegg.md", f"Vi skriver {word} timen.\n")
    assert where(found) == [("stivt", 1, 12, 1, 23)]  # the whole word, the invisible character included
    assert found[0]["message"].startswith("«vedrørende» er stivt")
    assert found[0]["suggestions"] == [{"text": "om", "safe": True, "fix": True}]


def test_fix_over_a_soft_hyphen_replaces_the_whole_word_and_nothing_else(project):
    before = "Vi skriver ved\u00adrørende ti\u00admen.\n\u200bVedrørende svaret.\n".encode()
    after = fix(project, "innlegg.md", before)
    assert after == "Vi skriver om ti\u00admen.\n\u200bOm svaret.\n".encode()


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_non_breaking_spaces_between_words_do_not_hide_a_phrase(project, space):
    text = f"Hei!\n\nVi{space}viser{space}til brevet. Vi kommer i{space}forkant{space}av timen.\n"
    found = check_json(project, "innlegg.md", text)
    assert where(found) == [("vi-viser-til", 3, 1, 3, 13), ("stivt", 3, 32, 3, 44)]
    after = fix(project, "fiks.md", text.encode())
    assert after == text.replace(f"i{space}forkant{space}av", "før").encode()


def test_emoji_joiners_are_left_alone(project):
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    text = f"Hei {family} vedrørende timen.\n"
    found = check_json(project, "innlegg.md", text)
    assert where(found) == [("stivt", 1, 5 + len(family) + 1, 1, 5 + len(family) + 11)]
    assert fix(project, "fiks.md", text.encode()) == f"Hei {family} om timen.\n".encode()


def test_lone_cr_line_endings_are_line_breaks(project):
    text = "# Tittel\r\rVi skriver vedrørende timen.\rOg angående svaret.\r"
    found = check_json(project, "innlegg.md", text)
    assert where(found) == [("stivt", 3, 12, 3, 22), ("stivt", 4, 4, 4, 12)]
    (project / "tekst.md").write_bytes(text.encode())
    plain = run_cli("check", "tekst.md", cwd=project).stdout.decode().splitlines()
    assert [line.split(" ")[0] for line in plain[:2]] == ["tekst.md:3:12:", "tekst.md:4:4:"]


def test_lone_cr_paragraphs_are_separate_blocks(project):
    """A heading line, then a paragraph: with CR read as a line break the heading is not prose."""
    text = "---\rkanal: facebook\r---\r# Vedrørende\r\rAngående timen.\r"
    found = check_json(project, "innlegg.md", text)
    assert where(found) == [("stivt", 4, 3, 4, 13), ("stivt", 6, 1, 6, 9)]


def test_fix_keeps_lone_cr_and_mixed_endings_byte_for_byte(project):
    before = "Første linje.\rVi skriver vedrørende timen.\r\nAndre\nangående svaret.\r\r".encode()
    after = fix(project, "innlegg.md", before)
    assert after == "Første linje.\rVi skriver om timen.\r\nAndre\nom svaret.\r\r".encode()


def test_mixed_line_endings_give_the_right_lines(project):
    text = "En.\r\nTo.\rTre vedrørende.\nFire.\r\n\r\nFem angående.\r"
    found = check_json(project, "innlegg.md", text)
    assert where(found) == [("stivt", 3, 5, 3, 15), ("stivt", 6, 5, 6, 13)]


def test_stdin_fix_with_nfd_and_cr(project):
    text = nfd("Blåbær.\rVi skriver angående timen.\r")
    result = run_cli("check", "--fix", "-", cwd=project, stdin=text.encode())
    assert result.stdout == nfd("Blåbær.\rVi skriver ").encode() + b"om timen.\r"


def test_calendar_csv_with_lone_cr_from_excel_for_mac(project):
    """Excel for Mac's «CSV (Macintosh)» ends rows with a lone CR; cells may hold line breaks too."""
    text = ('dato;kanal;malform;tekst\r2025-03-18;facebook;nb;"Venter du barn?\rVi skriver vedrørende timen."\r'
            '2025-03-20;facebook;nb;Vi skriver ved\u00adrørende svaret.\r')
    (project / "plan.csv").write_bytes(text.encode())
    result = run_cli("check", "--format", "json", "plan.csv", cwd=project)
    found = [d for post in json.loads(result.stdout)["files"] for d in post["diagnostics"]]  # one per row
    assert where(found) == [("stivt", 3, 12, 3, 22), ("stivt", 4, 35, 4, 46)]
    after = fix(project, "fiks.csv", text.encode())
    assert after == text.replace("vedrørende", "om").replace("ved\u00adrørende", "om").encode()

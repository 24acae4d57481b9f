"""Bad input: one clear line and exit code 2, never a traceback, and the good files still checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

GOOD = "Vi vil hjelpe deg. Her finner du gode råd om søvn.\n"
LONG = ("Helsedirektoratet planlegger en bred satsing for å nå ut til befolkningen med råd om å ta vare "
        "på seg selv og sin psykiske helse i hele landet og i alle kanaler.\n")


def _assert_clean_error(result, *needles: str) -> str:
    err = result.stderr.decode()
    assert "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    (tmp_path / "god.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "lang.md").write_text(LONG, encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("Vi søker om å få hjelp.\n".encode("latin-1"))
    (tmp_path / "binær.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "tom.md").write_bytes(b"")
    (tmp_path / "bilde.png").write_bytes(b"\x89PNG\r\n")  # not a post: not picked up from a folder
    return tmp_path


def test_folder_with_bad_files_checks_the_good_ones(mixed_folder):
    result = run_cli("check", "--format", "json", str(mixed_folder))
    assert result.returncode == 2
    data = json.loads(result.stdout)
    checked = {Path(f["path"]).name for f in data["files"]}
    assert checked == {"god.md", "lang.md", "tom.md"}
    assert any(d["rule"] == "setningslengde" for f in data["files"] for d in f["diagnostics"])
    errors = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert set(errors) == {"latin1.md", "binær.txt"}
    assert "UTF-8" in errors["latin1.md"] and "binærfil" in errors["binær.txt"]
    err = _assert_clean_error(result, "latin1.md:1: ikke gyldig UTF-8", "binærfil")
    assert len([line for line in err.splitlines() if line.startswith("klarsprak:")]) >= 2


def test_missing_path_is_reported_and_others_checked(tmp_path):
    (tmp_path / "god.md").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "finnes-ikke.md"), str(tmp_path / "god.md"))
    assert result.returncode == 2
    _assert_clean_error(result, "finnes-ikke.md: fant ikke fila")
    assert "Ingen funn i 1 fil." in result.stdout.decode()


def test_empty_file_is_clean(tmp_path):
    (tmp_path / "tom.md").write_bytes(b"")
    assert run_cli("check", str(tmp_path / "tom.md")).returncode == 0


def test_large_file(tmp_path):
    paragraph = "Vi vil hjelpe deg med timen din. Ring oss hvis du lurer på noe.\n\n"
    big = tmp_path / "stor.md"
    big.write_text(paragraph * (5_000_000 // len(paragraph)), encoding="utf-8")
    result = run_cli("check", "--format", "json", str(big))
    assert result.returncode in (0, 1), result.stderr.decode()
    assert json.loads(result.stdout)["files"][0]["stats"]["sentences"] > 100_000


@pytest.mark.parametrize(("content", "needle"), [
    ("packs: [klarsprak\n", ".klarsprak.yaml:2: ugyldig YAML"),
    ("malform: nb\nfargerik: ja\n", ".klarsprak.yaml:2: ukjent nøkkel «fargerik»"),
    ("malform: svensk\n", ".klarsprak.yaml:1: ugyldig verdi for «malform»"),
    ("rules:\n  setningslengde:\n    max: mange\n", ".klarsprak.yaml:2: regel «setningslengde»"),
])
def test_broken_config_names_file_and_line(tmp_path, content, needle):
    (tmp_path / ".klarsprak.yaml").write_text(content, encoding="utf-8")
    (tmp_path / "god.md").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "god.md"))
    assert result.returncode == 2
    _assert_clean_error(result, needle)


@pytest.mark.parametrize(("content", "needle"), [
    ("id: egen\nkind: existence\n", "egen.yaml:1: mangler nøkkelen «description»"),
    ("id: egen\nkind: nokoanna\n", "egen.yaml:2: ugyldig verdi for «kind»"),
    ("id: [\n", "egen.yaml:2: ugyldig YAML"),
])
def test_broken_rule_file_names_file_and_line(tmp_path, content, needle):
    (tmp_path / "regler" / "egne").mkdir(parents=True)
    (tmp_path / "regler" / "egne" / "egen.yaml").write_text(content, encoding="utf-8")
    (tmp_path / ".klarsprak.yaml").write_text("extra_rules: [regler]\n", encoding="utf-8")
    (tmp_path / "god.md").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "god.md"))
    assert result.returncode == 2
    _assert_clean_error(result, needle)


def test_broken_word_list_names_file_and_line(tmp_path):
    (tmp_path / "regler" / "egne").mkdir(parents=True)
    (tmp_path / "ord").mkdir()
    (tmp_path / "ord" / "mine.yaml").write_text(
        "name: mine\nmalform: both\ndescription: x\nsources: [oss]\nlicence: x\nentries:\n"
        "  - word: angående\n    safe: true\n", encoding="utf-8")
    (tmp_path / "regler" / "egne" / "egen.yaml").write_text(
        "id: egen\nkind: substitution\ndescription: x\nprinciple: klart språk\nsource: x\nseverity: warning\n"
        "message: x\nexplanation: x\nwordlists: [mine]\nexamples: {bad: [angående], good: [om]}\n", encoding="utf-8")
    (tmp_path / ".klarsprak.yaml").write_text("extra_rules: [regler]\nextra_wordlists: [ord]\n", encoding="utf-8")
    (tmp_path / "god.md").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "god.md"))
    assert result.returncode == 2
    _assert_clean_error(result, "mine.yaml:7: «angående» er merket safe, men har ingen erstatning")


def test_bad_front_matter_is_an_error_for_that_file_only(tmp_path):
    (tmp_path / "a.md").write_text("---\nkanal: myspace\n---\nHei!\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(LONG, encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    _assert_clean_error(result, "ukjent kanal «myspace»")
    assert "b.md:1:1: advarsel setningslengde" in result.stdout.decode()

"""The command line as a writer and a CI job meet it: output lines, exit codes, formats, --fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

LONG = ("Helsedirektoratet planlegger en bred satsing for å nå ut til befolkningen med råd om å ta vare "
        "på seg selv og sin psykiske helse i hele landet og i alle kanaler.\n")
CLEAN = "Vi vil hjelpe deg. Her finner du gode råd om søvn.\n"


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    (tmp_path / "lang.md").write_text(LONG, encoding="utf-8")
    (tmp_path / "ren.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_text_output_names_file_line_column_rule(posts):
    result = run_cli("check", "--select", "setningslengde", str(posts / "lang.md"))
    out = result.stdout.decode()
    assert result.returncode == 1
    assert f"{posts / 'lang.md'}:1:1: advarsel setningslengde Setningen har 31 ord (mer enn 20)." in out
    assert "1 funn (1 advarsel) i 1 fil." in out


def test_clean_file_exits_zero(posts):
    result = run_cli("check", str(posts / "ren.md"))
    assert result.returncode == 0, result.stdout.decode()
    assert "Ingen funn i 1 fil." in result.stdout.decode()


def test_fail_level_error_lets_warnings_pass(posts):
    assert run_cli("check", "--fail-level", "error", str(posts / "lang.md")).returncode == 0


def test_json_contract(posts):
    result = run_cli("check", "--format", "json", str(posts))
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["errors"] == []
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert set(by_name) == {"lang.md", "ren.md"}
    lang = by_name["lang.md"]
    assert lang["malform"] == "nb"
    assert {"words", "sentences", "lix", "avg_sentence_words"} <= set(lang["stats"])
    diagnostic = next(d for d in lang["diagnostics"] if d["rule"] == "setningslengde")
    assert diagnostic["severity"] == "warning" and diagnostic["principle"] == "klart språk"
    assert (diagnostic["line"], diagnostic["column"]) == (1, 1)
    assert {"end_line", "end_column", "suggestions", "message"} <= set(diagnostic)


def test_select_and_ignore(posts):
    assert run_cli("check", "--ignore", "setningslengde", str(posts / "lang.md")).returncode == 0
    assert run_cli("check", "--select", "lix", str(posts / "lang.md")).returncode == 0
    assert run_cli("check", "--select", "klarsprak", str(posts / "lang.md")).returncode == 1


def test_unknown_rule_in_select_is_a_usage_error(posts):
    result = run_cli("check", "--select", "setningslengd", str(posts))
    assert result.returncode == 2
    assert "mente du «setningslengde»" in result.stderr.decode()


def test_stdin(posts):
    result = run_cli("check", "-", stdin=LONG.encode())
    assert result.returncode == 1
    assert "-:1:1: advarsel setningslengde" in result.stdout.decode()


def test_unknown_option_and_format_are_one_line_errors(posts):
    for args in (["check", "--nope"], ["check", "--format", "xml", str(posts)], ["nosuchcommand"]):
        result = run_cli(*args)
        assert result.returncode == 2, args
        err = result.stderr.decode()
        assert "Traceback" not in err and err.startswith("klarsprak: "), err


def test_help_is_norwegian():
    out = run_cli("check", "--help").stdout.decode()
    assert "Bruk: " in out and "Valg" in out and "Sjekk innlegg" in out
    assert "Usage" not in out and "Show this message" not in out


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("klarsprak ")


def test_rules_lists_every_pack_and_principle():
    out = run_cli("rules").stdout.decode()
    assert "setningslengde" in out and "klart språk" in out and "malform-policy" in out


def test_explain_shows_explanation_source_and_examples():
    result = run_cli("explain", "setningslengde")
    out = result.stdout.decode()
    assert result.returncode == 0
    from klarsprak.engine.config import Config
    from klarsprak.engine.lint import Engine

    rule = Engine(Config()).rule("setningslengde")
    assert f"Kilde:        {rule.source}" in out and "✗" in out and "✓" in out
    assert rule.bad[0].text.split()[0] in out and rule.explanation["nb"].split()[0] in out
    nn = run_cli("explain", "setningslengde", "--malform", "nn").stdout.decode()
    assert "Kvifor" in nn and "setningar" in nn


def test_explain_unknown_rule():
    result = run_cli("explain", "setningslengd")
    assert result.returncode == 2 and "mente du «setningslengde»" in result.stderr.decode()


def test_stats(posts):
    result = run_cli("stats", str(posts / "lang.md"))
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "Ord:" in out and "31" in out and "LIX:" in out and "bokmål" in out


def test_folder_walk_honours_exclude_and_jobs_give_the_same_result(tmp_path):
    (tmp_path / ".klarsprak.yaml").write_text("exclude: ['arkiv/**']\nselect: [setningslengde]\n", encoding="utf-8")
    (tmp_path / "arkiv").mkdir()
    (tmp_path / "arkiv" / "gammel.md").write_text(LONG, encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.md").write_text(LONG, encoding="utf-8")
    for index in range(6):
        (tmp_path / f"innlegg-{index}.md").write_text(LONG if index % 2 else CLEAN, encoding="utf-8")
    serial = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    parallel = json.loads(run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path)).stdout)
    names = [Path(f["path"]).name for f in serial["files"]]
    assert names == [f"innlegg-{i}.md" for i in range(6)]
    assert serial == parallel
    assert sum(len(f["diagnostics"]) for f in serial["files"]) == 3


def test_quiet_shows_only_failing_findings(posts):
    result = run_cli("check", "--quiet", "--select", "setningslengde,lix", str(posts))
    out = result.stdout.decode()
    assert "setningslengde" in out and "lix" not in out and "funn" not in out


def test_force_exclude_applies_exclude_to_named_files(tmp_path):
    (tmp_path / ".klarsprak.yaml").write_text("exclude: ['README.md']\nselect: [setningslengde]\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(LONG, encoding="utf-8")
    assert run_cli("check", str(tmp_path / "README.md")).returncode == 1  # named: checked
    result = run_cli("check", "--force-exclude", str(tmp_path / "README.md"))
    assert result.returncode == 0 and "Ingen funn i 0 filer." in result.stdout.decode()


def test_an_internal_error_is_one_line_and_exit_2_not_a_traceback(monkeypatch, capsys):
    from klarsprak.cli import main as cli

    def broken(*args, **kwargs):
        raise KeyError("any")

    monkeypatch.setattr(cli.main, "main", broken)
    monkeypatch.delenv("KLARSPRAK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as done:
        cli.run()
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("klarsprak: intern feil (KeyError") and err.count("\n") == 1
    assert "Traceback" not in err
    monkeypatch.setenv("KLARSPRAK_DEBUG", "1")  # a maintainer can still see where it broke
    with pytest.raises(KeyError):
        cli.run()

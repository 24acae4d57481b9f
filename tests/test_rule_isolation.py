"""No rule can hang or crash a run: a project rule whose expression never ends, or that raises,
is skipped for that file with one line on standard error, the other rules still report, and the
exit code says the run was incomplete (2)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine
from tests.conftest import run_cli
from tests.project_rules import STIVT_RULE, write_project_rules

HANGING_RULE = """id: mange-a
kind: pattern
description: Mange a-er på slutten av en linje.
principle: klart språk
source: Testkilde
severity: warning
message: "«{match}» har mange a-er."
explanation: Et uttrykk med katastrofal tilbakesporing.
regex: "(a+)+$"
examples: {bad: ["baaa"], good: ["bbb"]}
"""
# A template with a positional field cannot be filled: the rule raises on every finding.
BROKEN_RULE = """id: ødelagt-mal
kind: pattern
description: Meldingsmalen kan ikke fylles ut.
principle: klart språk
source: Testkilde
severity: warning
message: "«{0}» er et testord."
explanation: Test.
regex: "testord"
examples: {bad: ["testord"], good: ["annet"]}
""".replace("ødelagt-mal", "odelagt-mal")
COUNTING_RULE = """id: mange-sa
kind: occurrence
description: «Så» høyst én gang.
principle: klart språk
source: Testkilde
severity: info
message: "«{match}» igjen."
explanation: Test.
regex: "(s+)+å$"
ignore_case: true
per: post
max: 1
examples: {bad: ["så så"], good: ["så"]}
"""
HOSTILE_LINE = "a" * 5000 + "b"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project_rules(tmp_path, {"stivt.yaml": STIVT_RULE, "mange-a.yaml": HANGING_RULE,
                                   "odelagt.yaml": BROKEN_RULE, "mange-sa.yaml": COUNTING_RULE})
    (tmp_path / ".klarsprak.yaml").write_text(
        "packs: []\nextra_rules: [regler]\nextra_wordlists: [ord]\n", encoding="utf-8")
    return tmp_path


def _stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.decode().splitlines() if line.strip()]


def test_catastrophic_regex_is_stopped_reported_once_and_the_run_exits_2(project):
    post = project / "innlegg.md"
    post.write_text(f"Vi skriver vedrørende timen.\n\n{HOSTILE_LINE}\n\nOg {HOSTILE_LINE}\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", "--select", "stivt,mange-a", str(post), cwd=project)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"the hostile rule held the run for {elapsed:.1f} s"
    out = result.stdout.decode()
    assert "innlegg.md:1:12:" in out and "«vedrørende» er stivt" in out  # the other rule still reports
    [line] = _stderr_lines(result)  # once per rule and file, though two paragraphs would hang it
    assert line.startswith(f"klarsprak: {post}: regelen «mange-a» ble hoppet over")
    assert "Traceback" not in result.stderr.decode()
    assert result.returncode == 2  # incomplete, even though there were findings


def test_json_lists_the_skipped_rule_as_an_error_and_keeps_the_findings(project):
    post = project / "innlegg.md"
    post.write_text(f"Vi skriver vedrørende timen.\n\n{HOSTILE_LINE}\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--select", "stivt,mange-a", str(post), cwd=project)
    payload = json.loads(result.stdout)
    assert payload["version"] == 1
    assert [d["rule"] for d in payload["files"][0]["diagnostics"]] == ["stivt"]
    [error] = payload["errors"]
    assert error["rule"] == "mange-a" and error["path"] == str(post) and "regelen «mange-a»" in error["message"]
    assert result.returncode == 2


def test_a_hanging_rule_is_not_run_again_on_every_later_file(project):
    for index in range(4):
        (project / f"innlegg-{index}.md").write_text(f"Vedrørende {index}.\n\n{HOSTILE_LINE}\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", "--select", "stivt,mange-a", ".", cwd=project)
    elapsed = time.monotonic() - started
    assert elapsed < 15
    lines = _stderr_lines(result)
    assert len(lines) == 4 and all("«mange-a»" in line for line in lines)  # one per file
    assert result.stdout.decode().count("«Vedrørende» er stivt") == 4
    assert result.returncode == 2


def test_occurrence_rule_with_a_hostile_expression_is_stopped_too(project):
    post = project / "innlegg.md"
    post.write_text(f"Vi skriver vedrørende timen.\n\n{'s' * 5000}x\n", encoding="utf-8")
    result = run_cli("check", "--select", "stivt,mange-sa", str(post), cwd=project)
    assert "«vedrørende» er stivt" in result.stdout.decode()
    [line] = _stderr_lines(result)
    assert "regelen «mange-sa» ble hoppet over" in line
    assert result.returncode == 2


def test_a_rule_that_raises_is_skipped_for_the_file_and_the_others_still_report(project):
    post = project / "innlegg.md"
    post.write_text("Vi skriver vedrørende testord.\n", encoding="utf-8")
    result = run_cli("check", "--select", "stivt,odelagt-mal", str(post), cwd=project)
    assert "«vedrørende» er stivt" in result.stdout.decode()
    [line] = _stderr_lines(result)
    assert line.startswith(f"klarsprak: {post}: regelen «odelagt-mal» feilet og ble hoppet over (ValueError:")
    assert "Traceback" not in result.stderr.decode()
    assert result.returncode == 2


def test_a_shipped_builtin_that_raises_does_not_kill_the_file(monkeypatch):
    engine = Engine(Config().with_changes(select=["byrakratisk-ord", "gjentatte-ord"]))
    broken = engine.rule("gjentatte-ord")

    def explode(*args, **kwargs):
        raise KeyError("uventet")

    monkeypatch.setattr(broken.check, "check_segment", explode)
    monkeypatch.setattr(broken.check, "check_document", explode)
    result = engine.check("Vi skriver vedrørende timen timen.\n", "a.md")
    assert [d.rule for d in result.diagnostics] == ["byrakratisk-ord"]
    [problem] = result.rule_errors
    assert problem.startswith("regelen «gjentatte-ord» feilet og ble hoppet over (KeyError:")


def test_ordinary_expressions_keep_python_re_syntax(tmp_path):
    """Lookbehind, backreferences, ``\\w`` on «æøå» and ``replace`` templates work as with ``re``."""
    rule = """id: dobbelt
kind: pattern
description: Samme ord to ganger.
principle: klart språk
source: Testkilde
severity: warning
message: "«{match}» står to ganger."
explanation: Test.
regex: "(?<![\\\\w-])(?P<ord>\\\\w+) (?P<hl>(?P=ord))(?!\\\\w)"
replace: ""
examples: {bad: ["på på"], good: ["på"]}
"""
    write_project_rules(tmp_path, {"dobbelt.yaml": rule})
    (tmp_path / ".klarsprak.yaml").write_text("packs: []\nextra_rules: [regler]\n", encoding="utf-8")
    (tmp_path / "innlegg.md").write_text("Vi møtes på på sjukehuset, ikke påpå.\n", encoding="utf-8")
    result = run_cli("check", "innlegg.md", cwd=tmp_path)
    assert result.stdout.decode().splitlines()[0].startswith("innlegg.md:1:13: advarsel dobbelt «på» står to ganger")
    assert result.returncode == 1


def test_sarif_marks_the_run_unsuccessful_and_names_the_rule(project):
    post = project / "innlegg.md"
    post.write_text(f"Vi skriver vedrørende timen.\n\n{HOSTILE_LINE}\n", encoding="utf-8")
    result = run_cli("check", "--format", "sarif", "--select", "stivt,mange-a", str(post), cwd=project)
    run = json.loads(result.stdout)["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert any("«mange-a»" in n["message"]["text"] for n in invocation["toolExecutionNotifications"])
    assert [r["ruleId"] for r in run["results"]] == ["stivt"]
    assert result.returncode == 2

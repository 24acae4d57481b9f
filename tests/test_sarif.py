"""``--format sarif`` is valid SARIF 2.1.0 (checked against the official OASIS schema) and says
what a code-scanning service needs: the rules with help text, each finding's exact region, fixes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.content_helpers import cli, make_project, position

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LONG = ("Vi minner om at du kan bestille time hos fastlegen din på nett, og at du kan se timene dine, "
        "reseptene dine og meldingene dine på samme sted hele døgnet.")


def validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[Path, dict, str]:
    project = make_project(tmp_path_factory.mktemp("sarif"), "stivt, feilord, setningslengde")
    (project / "innlegg").mkdir()
    post = "# Frikort 😀\n\nÆrlig talt: vi skriver vedrørende frikort. Svar straks.\n\n" + LONG + "\n"
    (project / "innlegg" / "søknad.md").write_text(post, encoding="utf-8")
    (project / "plan.csv").write_text('dato;tekst\n2025-01-07;"Hei.\nVi skriver vedrørende timen."\n', encoding="utf-8")
    (project / "ødelagt.md").write_bytes(b"Hei \xff\xfe der\n")
    result = cli("check", "--format", "sarif", ".", cwd=project)
    assert result.returncode == 2, result.stderr.decode()  # the broken file is an input error
    return project, json.loads(result.stdout), post


def test_valid_against_the_oasis_schema(checked):
    _, log, _ = checked
    validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "klarsprak"
    assert run["columnKind"] == "unicodeCodePoints"


def test_rules_carry_help_text_from_the_explanation(checked):
    project, log, _ = checked
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert set(by_id) == {"stivt", "feilord", "setningslengde"}
    assert "Skriv enkelt." in by_id["stivt"]["help"]["text"]
    page = cli("explain", "setningslengde", cwd=project).stdout.decode().strip()
    assert by_id["setningslengde"]["help"]["markdown"].strip() == page  # the same page as «klarsprak explain»
    assert by_id["feilord"]["defaultConfiguration"]["level"] == "error"
    assert by_id["setningslengde"]["properties"]["principle"] == "klart språk"


def test_results_point_at_the_words(checked):
    project, log, post = checked
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    located = {}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        located[(location["artifactLocation"]["uri"], result["ruleId"])] = (region["startLine"], region["startColumn"], region)
    # code-point columns: the emoji and «Æ» before the word count as one column each
    line, column, region = located[("innlegg/s%C3%B8knad.md", "stivt")]
    assert (line, column) == position(post, "vedrørende")
    assert region["endColumn"] - region["startColumn"] == len("vedrørende")
    assert region["snippet"]["text"] == "vedrørende"
    assert located[("innlegg/s%C3%B8knad.md", "feilord")][:2] == position(post, "straks")
    assert located[("innlegg/s%C3%B8knad.md", "setningslengde")][:2] == position(post, "Vi minner")
    plan_text = (project / "plan.csv").read_text(encoding="utf-8")
    assert located[("plan.csv", "stivt")][:2] == position(plan_text, "vedrørende")
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels == {"stivt": "warning", "feilord": "error", "setningslengde": "warning"}


def test_safe_fix_is_a_sarif_fix(checked):
    _, log, post = checked
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "stivt"
               and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("innlegg/")]
    fix = results[0]["fixes"][0]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "om"
    assert (replacement["deletedRegion"]["startLine"], replacement["deletedRegion"]["startColumn"]) == position(post, "vedrørende")
    assert fix["properties"]["safe"] is True


def test_unreadable_file_is_a_tool_notification(checked):
    _, log, _ = checked
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == 1 and "ikke gyldig UTF-8" in notes[0]["message"]["text"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%C3%B8delagt.md"


def test_artifacts_carry_the_malform(checked):
    _, log, _ = checked
    artifacts = {a["location"]["uri"]: a for a in log["runs"][0]["artifacts"]}
    assert artifacts["innlegg/s%C3%B8knad.md"]["properties"]["malform"] == "nb"
    assert artifacts["plan.csv"]["properties"]["stats"]["sentences"] == 2


def test_clean_run_is_valid_and_empty(tmp_path):
    project = make_project(tmp_path, "stivt")
    (project / "ren.md").write_text("Du kan bytte fastlege på nett.\n", encoding="utf-8")
    result = cli("check", "--format", "sarif", "ren.md", cwd=project)
    assert result.returncode == 0
    log = json.loads(result.stdout)
    validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_schema_rejects_a_broken_log(checked):
    """The validation is real: drop a required property and the schema says so."""
    _, log, _ = checked
    broken = json.loads(json.dumps(log))
    del broken["runs"][0]["tool"]["driver"]["name"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)

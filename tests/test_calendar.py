"""The editorial calendar: every row of ``plan.csv`` (or ``*.plan.yaml``) is checked as a post.

Positions are asserted against where the word really is in the file (found by searching the raw
text here), so a mapping error shows up as a wrong ``plan.csv:LINE:COL``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.content_helpers import cli, findings, make_project, position


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


SPREADSHEET = (
    "dato;kanal;Målform;type;tekst\r\n"
    '2025-03-18;Facebook;bokmål;innlegg;"Hei, vi har ""nye"" tjenester.\n'
    'Vi skriver vedrørende timen din."\r\n'
    "19.03.2025;facebook;nb;innlegg;Kort tekst vedrørende frikort.\r\n"
    ";;;;\r\n"
    "2025-03-20;facebook;nb;innlegg;\r\n"
)


def test_spreadsheet_export_positions_point_into_the_cells(project):
    """BOM, ``;``, CRLF, a quoted multi-line cell with doubled quotes, a blank and an empty-text row."""
    plan = project / "plan.csv"
    plan.write_bytes(b"\xef\xbb\xbf" + SPREADSHEET.encode("utf-8"))
    result = cli("check", str(plan), cwd=project)
    assert result.returncode == 1, result.stderr.decode()
    text = SPREADSHEET  # the decoded file: the BOM is not a column
    assert findings(result.stdout, "stivt") == [position(text, "vedrørende", 1), position(text, "vedrørende", 2)]
    assert findings(result.stdout, "stivt")[0] == (3, 12)  # line 3 is inside the quoted cell of row 1
    assert "2 funn" in result.stdout.decode()


def test_comma_delimiter_and_quoted_commas(project):
    sentence = ("Vi minner om at du kan bestille time hos fastlegen din på nett, og at du kan se "
                "timene dine, reseptene dine og meldingene dine på samme sted hele døgnet.")
    text = f'dato,kanal,malform,tekst\n2025-01-07,facebook,nb,"{sentence}"\n'
    (project / "plan.csv").write_text(text, encoding="utf-8")
    result = cli("check", "plan.csv", cwd=project)
    assert findings(result.stdout, "setningslengde") == [position(text, "Vi minner")]


def test_row_columns_are_the_posts_front_matter(project):
    """type, kanal and malform come from the row: rules limited to them fire only on those rows."""
    text = (
        "dato;kanal;malform;type;tekst\n"
        "2025-01-07;facebook;nb;svar;Send oss saksnummer.\n"
        "2025-01-08;facebook;nb;innlegg;Send oss saksnummer.\n"
        "2025-01-09;instagram;nb;innlegg;Se lenke i profilen.\n"
        "2025-01-10;facebook;nb;innlegg;Se lenke i profilen.\n"
        "2025-01-11;facebook;nynorsk;innlegg;Sykehus.\n"
        "2025-01-12;facebook;bokmål;innlegg;Sykehus.\n"
    )
    (project / "plan.csv").write_text(text, encoding="utf-8")
    result = cli("check", "plan.csv", cwd=project)
    assert findings(result.stdout, "svarord") == [position(text, "saksnummer", 1)]
    assert findings(result.stdout, "instaord") == [position(text, "lenke", 1)]
    assert findings(result.stdout, "nnord") == [position(text, "Sykehus", 1)]


def test_column_names_come_from_the_config(project):
    (project / ".klarsprak.yaml").write_text(
        (project / ".klarsprak.yaml").read_text() + "calendar: {text: innhold, channel: plattform}\n", encoding="utf-8")
    text = "Plattform;Innhold\ninstagram;Se lenke vedrørende timen.\n"
    (project / "plan.csv").write_text(text, encoding="utf-8")
    result = cli("check", "plan.csv", cwd=project)
    assert findings(result.stdout, "instaord") == [position(text, "lenke")]
    assert findings(result.stdout, "stivt") == [position(text, "vedrørende")]


@pytest.mark.parametrize(("content", "message"), [
    ("dato;kanal;innhold\n2025-01-07;facebook;Hei\n", "plan.csv:1: fant ikke tekstkolonnen «tekst»"),
    ("dato;kanal;tekst\n2025-01-07;tiktok;Hei\n", "plan.csv:2: ukjent kanal «tiktok»"),
    ("dato;malform;tekst\n2025-01-07;svensk;Hei\n", "plan.csv:2: ukjent målform «svensk»"),
    ("dato;tekst\n07/01/2025;Hei\n", "plan.csv:2: ugyldig dato «07/01/2025»"),
    ('dato;tekst\n2025-01-07;Hei\n2025-01-08;"Hei\nigjen\n', "plan.csv:3: et sitattegn"),
])
def test_bad_calendar_is_one_clear_error(project, content, message):
    (project / "plan.csv").write_text(content, encoding="utf-8")
    result = cli("check", "plan.csv", cwd=project)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_fix_rewrites_only_the_word_inside_the_cell(project):
    plan = project / "plan.csv"
    original = b"\xef\xbb\xbf" + SPREADSHEET.encode("utf-8")
    plan.write_bytes(original)
    result = cli("check", "--fix", "plan.csv", cwd=project)
    assert plan.read_bytes() == original.replace("vedrørende".encode(), b"om")
    assert result.returncode == 0, result.stdout.decode()


YAML_PLAN = """# Ukeplan, uke 12
innlegg:
  - dato: 2025-03-17
    kanal: facebook
    malform: nb
    tekst: |
      Hei!
      Vi skriver vedrørende timen din.
  - dato: 2025-03-19
    kanal: instagram
    tekst: "Se lenke i profilen."
  - dato: 2025-03-21
    kanal: facebook
    tekst: >
      Vi skriver
      vedrørende frikort.
"""


def test_yaml_plan_positions(project):
    (project / "uke-12.plan.yaml").write_text(YAML_PLAN, encoding="utf-8")
    result = cli("check", "uke-12.plan.yaml", cwd=project)
    assert findings(result.stdout, "stivt") == [position(YAML_PLAN, "vedrørende", 1), position(YAML_PLAN, "vedrørende", 2)]
    assert findings(result.stdout, "instaord") == [position(YAML_PLAN, "lenke")]


def test_folder_walk_takes_calendars_but_never_config_or_rule_yaml(project):
    (project / "innlegg.md").write_text("Vi skriver vedrørende timen.\n", encoding="utf-8")
    (project / "plan.csv").write_text("dato;tekst\n2025-01-07;Hei vedrørende timen.\n", encoding="utf-8")
    (project / "uke-12.plan.yaml").write_text(YAML_PLAN, encoding="utf-8")
    (project / "notater.yaml").write_text("tekst: vedrørende\n", encoding="utf-8")
    result = cli("check", "--format", "json", ".", cwd=project)
    data = json.loads(result.stdout)
    assert sorted({Path(item["path"]).name for item in data["files"]}) == ["innlegg.md", "plan.csv", "uke-12.plan.yaml"]
    assert data["errors"] == []


def test_report_counts_each_row_as_a_post(project):
    text = (
        "dato;kanal;malform;tekst\n"
        "2025-03-18;facebook;nb;Du kan bytte fastlege to ganger i året. Hva lurer du på?\n"
        "20.03.2025;facebook;nn;Kva vaksinar har du fått? Du finn ei oversikt på nett.\n"
        "2025-04-02;facebook;nb;Du kan se reseptene dine på nett. Hva lurer du på?\n"
        "2025-04-09;facebook;nn;\n"
    )
    (project / "plan.csv").write_text(text, encoding="utf-8")
    result = cli("report", "--format", "json", "plan.csv", cwd=project)
    data = json.loads(result.stdout)
    assert data["totals"]["posts"] == 3  # the row without text is a planned slot, not a post
    assert [(m["month"], m["nb"], m["nn"]) for m in data["months"]] == [("2025-03", 1, 1), ("2025-04", 1, 0)]
    assert data["files"] == 1

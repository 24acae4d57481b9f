"""``examples/``: the good posts are clean with the default settings, the bad ones are flagged for
several different reasons, and each file is recognised as the standard it is written in.

Run through the real command line from a folder without any ``.klarsprak.yaml``, as a newcomer would.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples"
GOOD = sorted(EXAMPLES.glob("*-god.md"))
BAD = sorted(EXAMPLES.glob("*-darlig.md"))
ENV = {"PYTHONPATH": str(ROOT)}  # the package from this checkout, also when run outside it


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, dict]:
    """Every example checked once (copied to a folder with no config above it), by file name."""
    folder = tmp_path_factory.mktemp("eksempler")
    for path in GOOD + BAD:
        shutil.copy(path, folder / path.name)
    result = run_cli("check", "--format", "json", *[path.name for path in GOOD + BAD], cwd=folder, env=ENV)
    assert result.returncode in (0, 1), result.stderr.decode()
    files = json.loads(result.stdout)["files"]
    return {Path(item["path"]).name: item for item in files}


def test_both_standards_have_a_good_and_a_bad_post_and_there_is_a_reply():
    names = {path.name for path in EXAMPLES.glob("*.md")}
    assert {"bokmal-god.md", "bokmal-darlig.md", "nynorsk-god.md", "nynorsk-darlig.md"} <= names
    assert any("type: svar" in path.read_text(encoding="utf-8") for path in GOOD)


@pytest.mark.parametrize("path", GOOD, ids=lambda path: path.name)
def test_good_posts_are_clean(checked, path):
    diagnostics = checked[path.name]["diagnostics"]
    assert diagnostics == [], [f"{d['line']}:{d['column']} {d['rule']} {d['message']}" for d in diagnostics]


@pytest.mark.parametrize("path", BAD, ids=lambda path: path.name)
def test_bad_posts_are_flagged_for_several_reasons(checked, path):
    diagnostics = checked[path.name]["diagnostics"]
    rules = {d["rule"] for d in diagnostics}
    assert len(rules) >= 3, rules
    assert any(d["severity"] in ("warning", "error") for d in diagnostics)


@pytest.mark.parametrize("name", ["bokmal-darlig.md", "nynorsk-darlig.md"])
def test_bad_posts_show_the_tone_and_accessibility_rules(checked, name):
    diagnostics = checked[name]["diagnostics"]
    rules = {d["rule"] for d in diagnostics}
    assert {"avsender", "store-bokstaver", "utropstegn", "lenketekst", "alt-tekst", "emneknagg"} <= rules
    assert {"helsenorge", "uu"} <= {d["pack"] for d in diagnostics}


@pytest.mark.parametrize("path", GOOD + BAD, ids=lambda path: path.name)
def test_each_example_is_recognised_as_its_standard(checked, path):
    expected = "nn" if path.name.startswith("nynorsk") else "nb"
    assert checked[path.name]["malform"] == expected


def test_the_cli_exit_codes_follow_the_examples(tmp_path):
    for path in GOOD + BAD:
        shutil.copy(path, tmp_path / path.name)
    assert run_cli("check", *[path.name for path in GOOD], cwd=tmp_path, env=ENV).returncode == 0
    bad = run_cli("check", "nynorsk-darlig.md", cwd=tmp_path, env=ENV)
    assert bad.returncode == 1
    assert "omtalar avsendaren" in bad.stdout.decode()  # messages follow the post's standard

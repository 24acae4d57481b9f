"""``--format github``: workflow commands GitHub turns into annotations, escaped and capped."""

from __future__ import annotations

import re

import pytest

from klarsprak.output.github import PER_FILE, PER_KIND, command
from tests.content_helpers import cli, make_project, position

COMMAND = re.compile(r"^::(?P<name>\w+)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def unescape(value: str) -> str:
    """GitHub's runner decoding, applied in reverse order of the escaping."""
    return (value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r")
            .replace("%25", "%"))


def parse(line: str) -> tuple[str, dict[str, str], str] | None:
    match = COMMAND.match(line)
    if not match:
        return None
    props = {}
    for pair in filter(None, (match["props"] or "").split(",")):
        key, _, value = pair.partition("=")
        props[key] = unescape(value)
    return match["name"], props, unescape(match["message"])


@pytest.mark.parametrize("title", ["klarsprak: regel, med komma", "100 % sikker\r\nny linje", "a%3Ab"])
def test_escaping_round_trips(title):
    message = "Linje én: 50 %,\nlinje to"
    line = command("warning", message, file="innlegg/a,b:c.md", line=3, title=title)
    assert "\n" not in line and "\r" not in line
    name, props, decoded = parse(line)
    assert (name, props["file"], props["title"], props["line"], decoded) == ("warning", "innlegg/a,b:c.md", title, "3", message)


def test_selected_in_github_actions_and_points_at_the_word(tmp_path):
    project = make_project(tmp_path, "stivt, setningslengde")
    text = "# Hei\n\nVi skriver vedrørende timen din.\n"
    (project / "innlegg.md").write_text(text, encoding="utf-8")
    result = cli("check", "innlegg.md", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    commands = [parsed for line in result.stdout.decode().splitlines() if (parsed := parse(line))]
    assert len(commands) == 1
    name, props, message = commands[0]
    line, column = position(text, "vedrørende")
    assert name == "warning"
    assert (props["file"], props["line"], props["col"]) == ("innlegg.md", str(line), str(column))
    assert (props["endLine"], props["endColumn"]) == (str(line), str(column + len("vedrørende")))
    assert props["title"] == "klarsprak: stivt (klart språk)"
    assert "«vedrørende» er stivt" in message and "Forslag: «om»" in message
    # an explicit format wins over the environment
    text_run = cli("check", "--format", "text", "innlegg.md", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert not text_run.stdout.decode().startswith("::")


def test_large_run_is_capped_most_severe_first_and_nothing_is_lost(tmp_path):
    project = make_project(tmp_path, "stivt, feilord")
    per_file = 12
    for number in range(3):
        body = " ".join(["Vi skriver vedrørende timen."] * per_file)
        (project / f"innlegg-{number}.md").write_text(body + "\n", encoding="utf-8")
    (project / "innlegg-3.md").write_text("Svar straks. " * 4 + "\n", encoding="utf-8")  # errors come last
    result = cli("check", ".", cwd=project, env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.decode().splitlines()
    annotations = [parsed for line in lines if (parsed := parse(line)) and parsed[1].get("file")]
    kinds = [name for name, _, _ in annotations]
    assert kinds.count("error") == 4  # the errors are annotated although their file is checked last
    assert kinds.count("warning") == PER_KIND
    per_file_counts = {}
    for _, props, _ in annotations:
        per_file_counts[props["file"]] = per_file_counts.get(props["file"], 0) + 1
    assert max(per_file_counts.values()) <= PER_FILE
    # the rest is in a folded group in the log, and the summary says so
    start, end = lines.index(next(line for line in lines if line.startswith("::group::"))), lines.index("::endgroup::")
    logged = lines[start + 1:end]
    assert len(logged) == 3 * per_file - PER_KIND
    assert all(" stivt " in line for line in logged)
    summary = parse(lines[-1])
    assert summary[0] == "notice" and f"{4 + PER_KIND} vist som merknader, {len(logged)} bare i loggen" in summary[2]


def test_unreadable_file_is_an_error_annotation(tmp_path):
    project = make_project(tmp_path, "stivt")
    (project / "ødelagt.md").write_bytes(b"Hei \xff der\n")
    result = cli("check", "ødelagt.md", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 2
    name, props, message = parse(result.stdout.decode().splitlines()[0])
    assert name == "error" and props["file"] == "ødelagt.md" and "ikke gyldig UTF-8" in message

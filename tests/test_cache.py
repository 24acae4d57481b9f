"""The result cache (issue 13), through the real command line: what a user sees on a second run.

Each test gets its own cache folder (``KLARSPRAK_CACHE_DIR``). Whether a run loaded the language
model is read from Python's own import log (``PYTHONPROFILEIMPORTTIME=1``, the same as
``python -X importtime``): a run answered from the cache must not import spaCy at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

POST = "Vi viser til meldingen din vedrørende timebestilling.\n\nMan må logge inn på helsenorge.no for å se svaret.\n"
FIXABLE = "Vi skriver vedrørende timen din.\n"


def imported(stderr: str) -> set[str]:
    """Top-level packages named in Python's import log (``import time: … | package.module``)."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def messages(stderr: str) -> str:
    return "\n".join(line for line in stderr.splitlines() if not line.startswith("import time:"))


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def check(cli, cache_dir):
    def run(*args: str, cwd: Path | None = None, importtime: bool = False, env: dict | None = None):
        extra = {"KLARSPRAK_CACHE_DIR": str(cache_dir), **(env or {})}
        if importtime:
            extra["PYTHONPROFILEIMPORTTIME"] = "1"
        return cli("check", *args, cwd=cwd, env=extra)
    return run


def entries(folder: Path) -> list[Path]:
    """Result entries (``v1/ab/abcd….json``), not the parsed word lists kept beside them (``v1/data``)."""
    return sorted(path for path in folder.glob("v*/*/*.json") if path.parent.name != "data")


def test_second_run_gives_the_same_output_without_importing_spacy(tmp_path, check, cache_dir):
    post = tmp_path / "innlegg.md"
    post.write_text(POST, encoding="utf-8")
    first = check(str(post), importtime=True)
    assert first.returncode == 1, first.stderr
    assert "spacy" in imported(first.stderr.decode())  # the first run really checks
    second = check(str(post), importtime=True)
    assert second.returncode == first.returncode
    assert second.stdout == first.stdout
    assert "spacy" not in imported(second.stderr.decode())
    assert messages(second.stderr.decode()) == messages(first.stderr.decode())
    cached_json = check("--format", "json", str(post), importtime=True)
    assert "spacy" not in imported(cached_json.stderr.decode())
    fresh_json = check("--no-cache", "--format", "json", str(post))
    assert cached_json.stdout == fresh_json.stdout and cached_json.returncode == fresh_json.returncode == 1
    assert "vedrørende" in first.stdout.decode()
    assert entries(cache_dir)


def test_folder_rerun_is_identical_and_a_changed_file_is_checked_again(tmp_path, check):
    folder = tmp_path / "innlegg"
    folder.mkdir()
    for index in range(6):
        (folder / f"{index}.md").write_text(POST.replace("timebestilling", f"time nummer {index}"), encoding="utf-8")
    first = check("--format", "json", str(folder))
    second = check("--format", "json", str(folder), importtime=True)
    assert second.stdout == first.stdout and second.returncode == first.returncode == 1
    assert "spacy" not in imported(second.stderr.decode())
    (folder / "3.md").write_text("Takk for at du spør oss! Les mer på helsenorge.no.\n", encoding="utf-8")
    third = check("--format", "json", str(folder), importtime=True)
    assert "spacy" in imported(third.stderr.decode())
    files = {Path(f["path"]).name: f for f in json.loads(third.stdout)["files"]}
    assert not any(d["rule"] == "byrakratisk-ord" for d in files["3.md"]["diagnostics"])
    assert any(d["rule"] == "byrakratisk-ord" for d in files["2.md"]["diagnostics"])


def heavy(stderr: bytes) -> set[str]:
    """The slow imports a run answered from the cache must not need: the model and config validation."""
    return imported(stderr.decode()) & {"spacy", "pydantic"}


def write_posts(folder: Path) -> None:
    """A project: posts at the top, a nested folder with its own config, drafts and hidden files."""
    (folder / "nynorsk" / "kladd").mkdir(parents=True)
    (folder / "utkast").mkdir()
    (folder / ".skjult").mkdir()
    (folder / ".klarsprak.yaml").write_text("exclude: ['utkast/']\n", encoding="utf-8")
    for index in range(3):
        (folder / f"{index}.md").write_text(POST.replace("timebestilling", f"time nummer {index}"), encoding="utf-8")
    (folder / "nynorsk" / ".klarsprak.yaml").write_text(
        "exclude: ['kladd/*.md']\nrules:\n  byrakratisk-ord: error\n", encoding="utf-8")
    (folder / "nynorsk" / "post.md").write_text("Vi skriv vedrørende timen din.\n", encoding="utf-8")
    (folder / "nynorsk" / "kladd" / "halvferdig.md").write_text(FIXABLE, encoding="utf-8")
    (folder / "utkast" / "snart.md").write_text(FIXABLE, encoding="utf-8")
    (folder / ".skjult" / "gammel.md").write_text(FIXABLE, encoding="utf-8")


def test_unchanged_folder_is_answered_without_spacy_or_pydantic(tmp_path, check):
    """A folder (nested configs, exclude globs, hidden folders) re-run: same output, no model, no validation."""
    project = tmp_path / "prosjekt"
    project.mkdir()
    write_posts(project)
    fresh = check("--no-cache", "--format", "json", str(project))
    first = check("--format", "json", str(project), importtime=True)
    assert first.returncode == fresh.returncode == 1 and first.stdout == fresh.stdout
    assert heavy(first.stderr) == {"spacy", "pydantic"}
    checked = [Path(f["path"]).relative_to(project).as_posix() for f in json.loads(first.stdout)["files"]]
    assert checked == ["0.md", "1.md", "2.md", "nynorsk/post.md"]  # drafts and hidden folders skipped
    [nested] = [f for f in json.loads(first.stdout)["files"] if f["path"].endswith("post.md")]
    assert [d["severity"] for d in nested["diagnostics"] if d["rule"] == "byrakratisk-ord"] == ["error"]

    second = check("--format", "json", str(project), importtime=True)
    assert second.stdout == first.stdout and second.returncode == first.returncode
    assert heavy(second.stderr) == set()
    assert messages(second.stderr.decode()) == messages(first.stderr.decode())
    # other formats, a file and a folder together, and no argument at all (the working folder):
    # every file is in the cache already (an entry is per file, whatever else the run checks)
    for args, cwd in ((["--format", "text", str(project)], None), (["--format", "github", str(project)], None),
                      (["--format", "json", str(project / "2.md"), str(project / "nynorsk")], None),
                      (["--format", "text"], project)):
        cached = check(*args, cwd=cwd, importtime=True)
        full = check("--no-cache", *args, cwd=cwd)
        assert cached.stdout == full.stdout and cached.returncode == full.returncode, args
        assert heavy(cached.stderr) == set(), args


def test_folder_rerun_checks_a_changed_or_new_file_and_skips_an_excluded_one(tmp_path, check):
    project = tmp_path / "prosjekt"
    project.mkdir()
    write_posts(project)
    check(str(project))

    # a new draft where exclude holds (top config and nested config): still answered from the cache
    (project / "utkast" / "ny.md").write_text(POST, encoding="utf-8")
    (project / "nynorsk" / "kladd" / "ny.md").write_text(POST, encoding="utf-8")
    drafts = check("--format", "json", str(project), importtime=True)
    assert heavy(drafts.stderr) == set()
    assert "ny.md" not in drafts.stdout.decode() and "snart.md" not in drafts.stdout.decode()
    assert drafts.stdout == check("--no-cache", "--format", "json", str(project)).stdout

    # a changed post: checked again, the rest from the cache, the output as without the cache
    (project / "1.md").write_text("Takk for at du spør oss! Les mer på helsenorge.no.\n", encoding="utf-8")
    changed = check("--format", "json", str(project), importtime=True)
    assert "spacy" in imported(changed.stderr.decode())
    files = {Path(f["path"]).name: f for f in json.loads(changed.stdout)["files"]}
    assert not files["1.md"]["diagnostics"]
    assert changed.stdout == check("--no-cache", "--format", "json", str(project)).stdout
    assert heavy(check("--format", "json", str(project), importtime=True).stderr) == set()

    # a new post in the folder (and one deep down): checked, never skipped
    (project / "3.md").write_text(POST, encoding="utf-8")
    (project / "nynorsk" / "ny").mkdir()
    (project / "nynorsk" / "ny" / "mer.md").write_text(POST, encoding="utf-8")
    added = check("--format", "json", str(project), importtime=True)
    assert "spacy" in imported(added.stderr.decode())
    paths = [Path(f["path"]).relative_to(project).as_posix() for f in json.loads(added.stdout)["files"]]
    assert paths == ["0.md", "1.md", "2.md", "3.md", "nynorsk/ny/mer.md", "nynorsk/post.md"]
    assert added.stdout == check("--no-cache", "--format", "json", str(project)).stdout
    again = check("--format", "json", str(project), importtime=True)
    assert again.stdout == added.stdout and heavy(again.stderr) == set()


def test_a_folder_rerun_never_trusts_a_config_no_run_validated(tmp_path, check):
    """A nested config that governs only excluded files is not vouched for by any cache entry:
    once it is broken, the re-run reports it as the full run does, not the cached findings."""
    project = tmp_path / "prosjekt"
    (project / "arkiv").mkdir(parents=True)
    (project / "innlegg.md").write_text(POST, encoding="utf-8")
    (project / "arkiv" / ".klarsprak.yaml").write_text("exclude: ['*.md']\n", encoding="utf-8")
    (project / "arkiv" / "gammel.md").write_text(POST, encoding="utf-8")
    assert check(str(project)).returncode == 1
    (project / "arkiv" / ".klarsprak.yaml").write_text("exclude: ['*.md']\nukjent: ja\n", encoding="utf-8")
    broken = check(str(project))
    assert broken.returncode == 2 and "ukjent" in broken.stderr.decode()
    assert check("--no-cache", str(project)).returncode == 2
    (project / "tom").mkdir()  # a folder with nothing to check: the full run answers (no findings)
    empty = check(str(project / "tom"))
    assert (empty.returncode, check(str(project / "tom")).stdout) == (0, empty.stdout)


def test_editing_the_configuration_invalidates(tmp_path, check):
    project = tmp_path / "prosjekt"
    project.mkdir()
    post = project / "innlegg.md"
    post.write_text(POST, encoding="utf-8")
    config = project / ".klarsprak.yaml"
    config.write_text("malform: nb\n", encoding="utf-8")
    base = check("--format", "json", str(post)).stdout
    rule_of = lambda out: {d["rule"]: d for d in json.loads(out)["files"][0]["diagnostics"]}  # noqa: E731
    assert rule_of(base)["byrakratisk-ord"]["severity"] == "warning"

    config.write_text("malform: nb\nrules:\n  byrakratisk-ord: error\n", encoding="utf-8")
    severity = check("--format", "json", str(post))
    assert rule_of(severity.stdout)["byrakratisk-ord"]["severity"] == "error"

    config.write_text("malform: nb\nwords: [vedrørende]\n", encoding="utf-8")
    words = check("--format", "json", str(post))
    assert "byrakratisk-ord" not in rule_of(words.stdout)

    # a project word list: its own list by the shipped list's name, then an edit to that file
    (project / "ordlister").mkdir()
    wordlist = project / "ordlister" / "byrakratiske-ord-nb.yaml"
    listed = ("name: byrakratiske-ord-nb\nmalform: nb\ndescription: Prosjektets stive ord\n"
              "sources: [Prosjektet]\nlicence: CC0\nentries:\n  - word: {word}\n    replace: [om]\n")
    config.write_text("malform: nb\nextra_wordlists: [ordlister]\n", encoding="utf-8")
    wordlist.write_text(listed.format(word="vedrørende"), encoding="utf-8")
    own_list = check("--format", "json", str(post))
    assert "«vedrørende»" in rule_of(own_list.stdout)["byrakratisk-ord"]["message"]
    wordlist.write_text(listed.format(word="timebestilling"), encoding="utf-8")
    edited = check("--format", "json", str(post), importtime=True)
    assert "spacy" in imported(edited.stderr.decode())
    found = [d for d in json.loads(edited.stdout)["files"][0]["diagnostics"] if d["rule"] == "byrakratisk-ord"]
    assert [d["message"].split("»")[0] for d in found] == ["«timebestilling"]


def test_editing_a_project_rule_invalidates(tmp_path, check):
    project = tmp_path / "prosjekt"
    (project / "regler").mkdir(parents=True)
    (project / ".klarsprak.yaml").write_text("extra_rules: [regler]\n", encoding="utf-8")
    post = project / "innlegg.md"
    post.write_text(POST, encoding="utf-8")
    rule = ("id: eget-ord\nkind: existence\ndescription: Test\nprinciple: direkte\nsource: Test\n"
            "severity: warning\nmessage: \"«{{match}}» er ikke vårt ord.\"\nexplanation: Test.\n"
            "words: [\"{word}\"]\nexamples:\n  bad: [\"{word} her\"]\n  good: [\"Noe annet.\"]\n")
    (project / "regler" / "eget-ord.yaml").write_text(rule.format(word="svaret"), encoding="utf-8")
    first = check(str(post))
    assert "«svaret» er ikke vårt ord" in first.stdout.decode()
    (project / "regler" / "eget-ord.yaml").write_text(rule.format(word="logge"), encoding="utf-8")
    second = check(str(post))
    assert "«svaret»" not in second.stdout.decode()
    assert "er ikke vårt ord" in second.stdout.decode()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "wrong-shape", "empty"])
def test_a_damaged_or_foreign_entry_is_ignored(tmp_path, check, cache_dir, damage):
    post = tmp_path / "innlegg.md"
    other = tmp_path / "annet.md"
    post.write_text(POST, encoding="utf-8")
    other.write_text("Hei! Her er en helt annen tekst om vaksiner og timer.\n", encoding="utf-8")
    first = check("--format", "json", str(post))
    [entry] = entries(cache_dir)
    check(str(other))
    [foreign] = [path for path in entries(cache_dir) if path != entry]
    raw = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(b"\x80\x81not json at all")
    elif damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "foreign":  # another file's entry under this file's name: the key inside differs
        entry.write_bytes(foreign.read_bytes())
    elif damage == "wrong-shape":
        data = json.loads(raw)
        data["results"][0]["diagnostics"][0]["line"] = "tre"
        entry.write_text(json.dumps(data), encoding="utf-8")
    else:
        entry.write_bytes(b"")
    second = check("--format", "json", str(post), importtime=True)
    assert second.returncode == first.returncode == 1
    assert second.stdout == first.stdout
    assert "Traceback" not in second.stderr.decode()
    assert "spacy" in imported(second.stderr.decode())  # checked again, not trusted
    assert json.loads(entry.read_bytes())["results"]  # and the entry is whole again


def test_no_cache_neither_reads_nor_writes(tmp_path, check, cache_dir):
    post = tmp_path / "innlegg.md"
    post.write_text(POST, encoding="utf-8")
    check(str(post))
    stored = entries(cache_dir)
    assert stored
    for entry in stored:
        entry.unlink()
    first = check("--no-cache", str(post))
    second = check("--no-cache", str(post), importtime=True)
    assert first.stdout == second.stdout
    assert "spacy" in imported(second.stderr.decode())
    assert not entries(cache_dir)


def test_no_cache_writes_nothing_and_is_not_misled_by_damaged_word_list_copies(tmp_path, check, cache_dir):
    post = tmp_path / "innlegg.md"
    post.write_text(POST, encoding="utf-8")
    first = check("--no-cache", str(post))
    assert not cache_dir.exists() or not any(cache_dir.rglob("*.json"))  # a fresh folder stays empty
    check(str(post))  # a run with the cache leaves parsed copies of the word lists
    copies = sorted((cache_dir / "v1" / "data").glob("*.json"))
    assert copies
    for copy in copies:  # damaged copies: --no-cache must parse the lists itself, and same result
        copy.write_text("{", encoding="utf-8")
    damaged = check("--no-cache", str(post))
    assert damaged.stdout == first.stdout and damaged.returncode == first.returncode
    assert all(copy.read_text(encoding="utf-8") == "{" for copy in copies)  # and not rewritten


def test_fix_never_takes_fixes_from_the_cache(tmp_path, check, cache_dir):
    """A planted entry with the right key and a «safe» fix is never applied by --fix."""
    post = tmp_path / "innlegg.md"
    post.write_bytes(FIXABLE.encode())
    check(str(post))
    [entry] = entries(cache_dir)
    data = json.loads(entry.read_bytes())
    for diagnostic in data["results"][0]["diagnostics"]:
        for suggestion in diagnostic["suggestions"]:
            if suggestion[1] is not None:
                suggestion[0] = suggestion[1][2] = "FEIL"
    entry.write_text(json.dumps(data), encoding="utf-8")
    fixed = check("--fix", str(post))
    assert fixed.returncode in (0, 1), fixed.stderr
    assert post.read_bytes() == b"Vi skriver om timen din.\n"


def test_cache_dir_from_option_and_config(tmp_path, check, cache_dir):
    project = tmp_path / "prosjekt"
    project.mkdir()
    post = project / "innlegg.md"
    post.write_text(POST, encoding="utf-8")
    (project / ".klarsprak.yaml").write_text("cache_dir: .buffer\n", encoding="utf-8")
    check(str(post), env={"KLARSPRAK_CACHE_DIR": ""})
    assert entries(project / ".buffer")
    chosen = tmp_path / "valgt"
    check("--cache-dir", str(chosen), str(post))
    assert entries(chosen)
    hit = check("--cache-dir", str(chosen), str(post), importtime=True)
    assert "spacy" not in imported(hit.stderr.decode())


def test_stdin_is_not_cached(tmp_path, cli, cache_dir):
    env = {"KLARSPRAK_CACHE_DIR": str(cache_dir), "PYTHONPROFILEIMPORTTIME": "1"}
    for _ in range(2):
        result = cli("check", "-", stdin=POST.encode(), env=env)
        assert result.returncode == 1
        assert "spacy" in imported(result.stderr.decode())
    assert not entries(cache_dir)


def test_two_runs_at_once_both_succeed_with_the_right_output(tmp_path, cli, cache_dir):
    folder = tmp_path / "innlegg"
    folder.mkdir()
    for index in range(30):
        text = POST if index % 2 else "Hei! Vi har opna for timebestilling. Kva tenkjer du om det?\n"
        (folder / f"{index:02d}.md").write_text(text.replace("timebestilling", f"timebestilling {index}"), encoding="utf-8")
    expected = cli("check", "--no-cache", "--format", "json", str(folder), env={"KLARSPRAK_CACHE_DIR": str(cache_dir)})
    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": python_path, "KLARSPRAK_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-m", "klarsprak", "check", "--format", "json", str(folder)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs):
        assert run.returncode == 1, stderr
        assert stdout == expected.stdout
    assert len(entries(cache_dir)) == 30
    assert not [path for path in cache_dir.rglob("*") if path.is_file() and path.suffix != ".json"]  # no temp files left
    again = cli("check", "--format", "json", str(folder), env={"KLARSPRAK_CACHE_DIR": str(cache_dir)})
    assert again.stdout == expected.stdout


def test_key_changes_with_version_and_model(tmp_path, monkeypatch):
    """A new klarsprak version or other model files give other keys (in-process: the key itself)."""
    from klarsprak.engine import cache
    from klarsprak.engine.config import Config

    def key() -> str:
        cache.code_fingerprint.cache_clear()
        cache.model_fingerprint.cache_clear()
        return cache.ResultCache(tmp_path).key(Config(), {}, "innlegg.md", POST.encode())

    original = key()
    assert key() == original
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert key() != original
    monkeypatch.undo()
    model = tmp_path / "modell"
    for standard in ("nb", "nn"):
        (model / standard).mkdir(parents=True)
        (model / standard / "meta.json").write_text('{"version": "0.0.1"}', encoding="utf-8")
    monkeypatch.setenv("KLARSPRAK_MODEL_DIR", str(model))
    assert key() != original
    monkeypatch.delenv("KLARSPRAK_MODEL_DIR")
    assert key() == original
    cache.code_fingerprint.cache_clear()
    cache.model_fingerprint.cache_clear()

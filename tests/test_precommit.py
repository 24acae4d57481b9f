"""klarsprak in a content repository, end to end with the real tools.

- ``pre-commit`` installs klarsprak from this repository (a snapshot commit of the working tree,
  so the code under test is what runs, not an older commit) and refuses a bureaucratic post.
- ``examples/content-repo`` copied into a new git repository works as the README says: the hook,
  ``check``, ``report`` and the commands of its GitHub Actions workflow.

pre-commit builds its own virtualenv and pip-installs klarsprak into it once per test module
(``PRE_COMMIT_HOME`` is shared), which needs PyPI and takes a minute or two.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.content_helpers import cli, make_project

pytestmark = pytest.mark.slow

EXAMPLE = ROOT / "examples" / "content-repo"
LONG = ("Vi minner om at du kan bestille time hos fastlegen din på nett, og at du kan se timene dine, "
        "reseptene dine og meldingene dine på samme sted hele døgnet.")


def git(folder: Path, *args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, env=env, check=check,
                          timeout=1800)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git er ikke installert")
    home = tmp_path_factory.mktemp("pre-commit-home")
    values = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
              "GIT_AUTHOR_NAME": "Redaksjonen", "GIT_AUTHOR_EMAIL": "red@example.invalid",
              "GIT_COMMITTER_NAME": "Redaksjonen", "GIT_COMMITTER_EMAIL": "red@example.invalid"}
    # PYTHONPATH would let the hook import a checkout instead of the copy pre-commit installed
    for name in ("GITHUB_ACTIONS", "PRE_COMMIT_ALLOW_NO_CONFIG", "SKIP", "PYTHONPATH"):
        values.pop(name, None)
    return values


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """This repository's tracked and untracked (not ignored) files, committed in a fresh repository."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", env=env, check=False)
    if listed.returncode != 0:
        pytest.skip("testen må kjøres fra en git-klon av klarsprak")
    snapshot = tmp_path_factory.mktemp("klarsprak-snapshot")
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q", env=env)
    git(snapshot, "add", "-A", env=env)
    git(snapshot, "commit", "-q", "--no-verify", "-m", "snapshot for the pre-commit test", env=env)
    return snapshot, git(snapshot, "rev-parse", "HEAD", env=env).stdout.strip()


def pre_commit(folder: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=folder, capture_output=True, text=True,
                          env=env, timeout=1800)


def commit(folder: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    """``git commit`` through the installed hook, exactly as a writer commits."""
    git(folder, "add", "-A", env=env)
    return git(folder, "commit", "-m", message, env=env, check=False)


def commits(folder: Path, env: dict) -> int:
    result = git(folder, "rev-list", "--count", "HEAD", env=env, check=False)
    return int(result.stdout) if result.returncode == 0 else 0


def content_repo(folder: Path, hook_repo: tuple[Path, str], env: dict, hook: str) -> Path:
    make_project(folder, "stivt, setningslengde")
    path, sha = hook_repo
    config = {"repos": [{"repo": str(path), "rev": sha, "hooks": [{"id": hook}]}]}
    (folder / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(folder, "init", "-q", env=env)
    installed = pre_commit(folder, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # No posts yet. The project's rule files quote «vedrørende timen»: had the hook passed them
    # (or .klarsprak.yaml) to klarsprak as posts, this commit would be refused.
    first = commit(folder, env, "oppsett")
    assert first.returncode == 0, first.stdout + first.stderr
    return folder


def test_hook_refuses_a_bureaucratic_post_and_passes_a_clean_one(tmp_path, hook_repo, env):
    repo = content_repo(tmp_path, hook_repo, env, "klarsprak")
    post = repo / "innlegg" / "2025-03" / "timebestilling.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ndato: 2025-03-04\n---\nVi skriver vedrørende timen din. " + LONG + "\n", encoding="utf-8")
    refused = commit(repo, env, "nytt innlegg")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert commits(repo, env) == 1
    assert "innlegg/2025-03/timebestilling.md:4:" in output
    assert "stivt «vedrørende» er stivt" in output and "setningslengde" in output
    post.write_text("---\ndato: 2025-03-04\n---\nDu kan bestille time på nett. Hva lurer du på?\n", encoding="utf-8")
    accepted = commit(repo, env, "nytt innlegg")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert commits(repo, env) == 2


def test_fix_hook_rewrites_only_what_is_safe(tmp_path, hook_repo, env):
    repo = content_repo(tmp_path, hook_repo, env, "klarsprak-fix")
    post = repo / "innlegg" / "frikort.md"
    post.parent.mkdir(parents=True)
    post.write_text("Vi skriver vedrørende frikort. Svaret foreligger nå.\n", encoding="utf-8")
    plan = repo / "plan.csv"
    plan.write_bytes(b'\xef\xbb\xbfdato;tekst\r\n2025-03-18;"Hei.\nVi skriver vedr\xc3\xb8rende timen."\r\n')
    week = repo / "uke-12.plan.yaml"
    week.write_text("innlegg:\n  - dato: 2025-03-17\n    tekst: |\n      Vi skriver vedrørende timen.\n", encoding="utf-8")
    refused = commit(repo, env, "frikort")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert post.read_text(encoding="utf-8") == "Vi skriver om frikort. Svaret foreligger nå.\n"
    assert plan.read_bytes() == b'\xef\xbb\xbfdato;tekst\r\n2025-03-18;"Hei.\nVi skriver om timen."\r\n'
    assert week.read_text(encoding="utf-8").endswith("      Vi skriver om timen.\n")
    assert "fikset «vedrørende» → «om»" in output
    assert "«foreligger» er stivt" in output  # an inflected form has no safe fix: the writer decides
    again = commit(repo, env, "frikort")  # the safe part is done; the rest still stops the commit
    assert again.returncode != 0 and "«foreligger» er stivt" in again.stdout + again.stderr
    post.write_text("Vi skriver om frikort. Svaret finnes nå.\n", encoding="utf-8")
    accepted = commit(repo, env, "frikort")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


@pytest.fixture
def example(tmp_path, env) -> Path:
    """``examples/content-repo`` copied into a new git repository, as the README tells a team to do."""
    repo = tmp_path / "innhold"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q", env=env)
    return repo


def test_example_hook_in_a_new_repository(example, hook_repo, env):
    path, sha = hook_repo
    config = (example / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    config = "\n".join(
        f"{line.split('repo:')[0]}repo: {path}" if line.strip().startswith("- repo:")
        else f"{line.split('rev:')[0]}rev: {sha}" if line.strip().startswith("rev:") else line
        for line in config.splitlines())
    (example / ".pre-commit-config.yaml").write_text(config + "\n", encoding="utf-8")
    assert pre_commit(example, env, "install").returncode == 0
    first = commit(example, env, "innholdsrepo")
    assert first.returncode == 0, first.stdout + first.stderr  # the example's posts pass their own hook
    draft = example / "innlegg" / "2025-04" / "2025-04-01-utkast.md"
    draft.parent.mkdir()
    draft.write_text("---\ndato: 2025-04-01\nkanal: facebook\n---\n" + LONG + "\n", encoding="utf-8")
    refused = commit(example, env, "utkast")
    assert refused.returncode != 0 and "2025-04-01-utkast.md:5:1" in refused.stdout + refused.stderr


def test_example_check_and_report_work_as_documented(example):
    checked = cli("check", ".", cwd=example)
    assert checked.returncode == 0, checked.stdout.decode() + checked.stderr.decode()
    assert "README.md" not in checked.stdout.decode()  # excluded in .klarsprak.yaml
    result = cli("report", ".", "--format", "json", "--min-nynorsk", "25", cwd=example)
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["totals"]["posts"] == 11  # 8 post files and 3 rows with text in plan.csv
    assert [(m["month"], m["nb"], m["nn"]) for m in data["months"]] == [
        ("2025-01", 2, 1), ("2025-02", 2, 1), ("2025-03", 3, 2)]
    assert data["undecided"] == []


def test_example_workflow_commands_run(example, tmp_path):
    """Every ``klarsprak`` command of the example's GitHub Actions workflow, as the runner would run it."""
    workflow = yaml.safe_load((example / ".github" / "workflows" / "klarsprak.yml").read_text(encoding="utf-8"))
    steps = [step["run"] for step in workflow["jobs"]["klarsprak"]["steps"]
             if "klarsprak " in step.get("run", "") and "pip install" not in step["run"]]
    assert len(steps) == 3
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "klarsprak").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m klarsprak "$@"\n', encoding="utf-8")
    (shim / "klarsprak").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "GITHUB_ACTIONS": "true", "NO_COLOR": "1",
           "PYTHONPATH": str(ROOT)}
    for script in steps:
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=example,
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, (script, done.stdout, done.stderr)
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads((example / "klarsprak.sarif").read_text(encoding="utf-8")))
    assert "Målformrapport – 11 innlegg" in (example / "malformrapport.html").read_text(encoding="utf-8")

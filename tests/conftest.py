"""Shared fixtures: one engine with the shipped defaults, and a CLI runner in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _result_cache_dir(tmp_path_factory):
    """CLI runs in the tests keep their result cache in a temporary folder, not the user's."""
    os.environ["KLARSPRAK_CACHE_DIR"] = str(tmp_path_factory.mktemp("klarsprak-cache"))


@pytest.fixture(scope="session")
def engine():
    from klarsprak.engine.lint import Engine

    return Engine()


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess (exit codes and stderr as a user sees them)."""
    # the source tree under test comes first, whatever the working directory
    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": python_path, **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if not env or "GITHUB_ACTIONS" not in env else None
    return subprocess.run([sys.executable, "-m", "klarsprak", *args], cwd=cwd, input=stdin,
                          capture_output=True, env=full_env, timeout=120)


@pytest.fixture
def cli():
    return run_cli

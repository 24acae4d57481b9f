"""The package as a user gets it: a real wheel, installed into a fresh venv, run from elsewhere."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    return next(out.glob("klarsprak-*.whl"))


def test_wheel_carries_rules_wordlists_and_model(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped_rules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").rglob("*.yaml"))
    shipped_lists = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "wordlists").glob("*.yaml"))
    assert shipped_rules and shipped_lists
    for name in shipped_rules + shipped_lists:
        assert f"klarsprak/{name}" in names, name
    assert any(name.startswith("klarsprak/language/model/data/") for name in names), "language model not in the wheel"


def test_fresh_venv_install_checks_a_post_from_any_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, timeout=900)
    assert install.returncode == 0, install.stderr.decode()[-2000:]
    post = tmp_path / "innlegg.md"
    post.write_text("Vi viser til din henvendelse vedrørende timebestilling, og vil samtidig informere om at "
                    "søknaden behandles fortløpende i henhold til gjeldende retningslinjer for pasienter.\n",
                    encoding="utf-8")
    elsewhere = tmp_path / "annet"
    elsewhere.mkdir()
    result = subprocess.run([str(env_dir / "bin" / "klarsprak"), "check", str(post)], cwd=elsewhere,
                            capture_output=True, timeout=120)
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr.decode()
    assert "setningslengde" in out and "byrakratisk-ord" in out
    assert "Språkmodellen mangler" not in result.stderr.decode()
    rules = subprocess.run([str(env_dir / "bin" / "klarsprak"), "rules"], cwd=elsewhere, capture_output=True, timeout=120)
    assert rules.returncode == 0 and "malform-blanding" in rules.stdout.decode()
    _serve_from_the_install(env_dir / "bin" / "klarsprak", elsewhere)


def _serve_from_the_install(klarsprak: Path, cwd: Path) -> None:
    """``klarsprak serve`` from the wheel: the page and its files come from the installed package."""
    import os

    from tests.web_server import Server, free_port, stop, wait_until_serving

    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "PYTHONPATH"}
    port = free_port()
    process = subprocess.Popen([str(klarsprak), "serve", "--no-browser", "--port", str(port)], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_serving(process, "127.0.0.1", port)
        server = Server(process, "127.0.0.1", port)
        status, record = server.check({"text": "Vi viser til din henvendelse vedrørende timebestilling."})
        assert status == 200 and "byrakratisk-ord" in {d["rule"] for d in record["diagnostics"]}
        assert server.request("GET", "/static/app.js")[0] == 200
    finally:
        _, err = stop(process)
    assert "Traceback" not in err


def test_wheel_carries_the_web_page(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("index.html", "app.js", "app.css", "favicon.svg"):
        assert f"klarsprak/web/static/{name}" in names, name

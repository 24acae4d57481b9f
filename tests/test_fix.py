"""``--fix`` changes only the fixed words: encoding, BOM, line endings and the rest stay byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.project_rules import STIVT_RULE, write_project_rules


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project_rules(tmp_path, {"stivt.yaml": STIVT_RULE})
    (tmp_path / ".klarsprak.yaml").write_text(
        "extra_rules: [regler]\nextra_wordlists: [ord]\nselect: [stivt]\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
])
def test_fix_keeps_bytes(project, encoding, bom, newline):
    text = newline.join(["# Vedrørende timen din", "", "Vi skriver vedrørende timen. Svaret foreligger nå.", "Hilsen oss 😀", ""])
    post = project / "innlegg.md"
    post.write_bytes(bom + text.encode(encoding))
    os.chmod(post, 0o640)
    result = run_cli("check", "--fix", str(post))
    expected = text.replace("Vedrørende", "Om").replace("vedrørende", "om")
    assert post.read_bytes() == bom + expected.encode(encoding)
    assert oct(post.stat().st_mode & 0o777) == oct(0o640)
    out = result.stdout.decode()
    assert "fikset «Vedrørende» → «Om»" in out and "fikset «vedrørende» → «om»" in out
    # the unsafe finding (an inflected form) is left for the writer and still reported
    assert result.returncode == 1 and "«foreligger» er stivt" in out
    assert not [p for p in project.iterdir() if p.name.endswith(".klarsprak")]


def test_fix_on_stdin_prints_fixed_text(project):
    result = run_cli("check", "--fix", "--config", str(project / ".klarsprak.yaml"), "-",
                     stdin="Vi skriver vedrørende timen.\r\n".encode())
    assert result.stdout == "Vi skriver om timen.\r\n".encode()


def test_fix_does_not_touch_clean_files(project):
    post = project / "ren.md"
    post.write_bytes(b"Vi skriver om timen.\n")
    before = post.stat().st_mtime_ns
    assert run_cli("check", "--fix", str(post)).returncode == 0
    assert post.stat().st_mtime_ns == before

"""The precision sample runs over a folder of whole posts (front matter and all), not only news sentences."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("precision_sample", ROOT / "benchmarks" / "precision_sample.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_posts_folder_is_checked_post_by_post(tmp_path, capsys):
    folder = tmp_path / "innlegg"
    folder.mkdir()
    (folder / "README.md").write_text("Vedrørende denne mappa: ikke et innlegg.\n", encoding="utf-8")
    (folder / "nn-1.md").write_text("---\nmalform: nn\n---\nVi kan ikke svare på det i dag, men skriv til oss.\n",
                                    encoding="utf-8")
    assert _script().main(["--no-ud", "--no-seeds", "--posts", str(folder), "--sample", "10",
                           "--rules", "malform-blanding,byrakratisk-ord"]) == 0
    out = capsys.readouterr().out
    assert "Sjekket 1 tekster" in out  # the README is not a post
    assert "[malform-blanding warning] post:innlegg/nn-1.md" in out
    assert "Vi kan ⟦ikke⟧ svare" in out
    assert "Vedrørende" not in out


def test_own_agency_posts_are_in_both_standards():
    folder = ROOT / "benchmarks" / "data" / "etatsinnlegg"
    posts = _script().post_files(folder)
    standards = {item.text.split("malform: ")[1][:2] for item in posts}
    assert len(posts) >= 20 and standards == {"nb", "nn"}

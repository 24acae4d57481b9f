"""The false-alarm benchmark counts malform-blanding findings per 1,000 sentences and lists them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("malform_false_alarms", ROOT / "benchmarks" / "malform_false_alarms.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _conllu(sentences: list[str]) -> str:
    blocks = []
    for text in sentences:
        rows = "\n".join(f"{i}\t{w}\t{w}\tX\t_\t_\t0\troot\t_\t_" for i, w in enumerate(text.split(), 1))
        blocks.append(f"# text = {text}\n{rows}\n")
    return "\n".join(blocks) + "\n"


def test_counts_and_lists_every_finding(tmp_path, capsys):
    (tmp_path / "no_nynorsk-ud-dev.conllu").write_text(_conllu([
        "Kva lurer du på i dag ?",
        "Vi kan ikke kome i morgon .",
        "Dei bruker mykje tid på dette .",
        "Eg lærer meg nynorsk no .",
    ]), encoding="utf-8")
    (tmp_path / "no_bokmaal-ud-dev.conllu").write_text(_conllu(["Vi kommer ikke i morgen ."]), encoding="utf-8")
    assert _script().main(["--ud", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "nn: 1 funn i 4 setningar = 250.00 per 1 000 (1 med trygg retting" in out
    assert "nn:2 «ikke» [trygg]" in out
    assert "nb: 0 funn i 1 setningar" in out


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    assert _script().main(["--ud", str(tmp_path), "--only", "nn"]) == 2
    assert "finn ikkje fila" in capsys.readouterr().err

"""Load time, size and single-core speed of the shipped model (figures for the model README).

Run: python benchmarks/model_speed.py [UD_DEV_DIR]   (defaults to ../shared/data/ud-dev)
Load time is measured in a fresh process, as a user's first `klarsprak check` would see it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as promised
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from klarsprak.language.model import DEFAULT_DIR, load_model  # noqa: E402
from klarsprak.language.model.corpus import read_conllu  # noqa: E402

IMPORT_SNIPPET = "import time; t=time.perf_counter(); import spacy, klarsprak.language.model; print(time.perf_counter()-t)"
LOAD_SNIPPET = (
    "import time, spacy, klarsprak.language.model as m; t=time.perf_counter(); "
    "n=m.load_model({std!r}); assert n is not None; print(time.perf_counter()-t)"
)
DEV = {"nb": "no_bokmaal-ud-dev.conllu", "nn": "no_nynorsk-ud-dev.conllu"}


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _fresh(snippet: str) -> float:
    """Best of three fresh interpreters: what a user's first check pays."""
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", snippet], cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(float(out.stdout.strip()))
    return round(min(runs), 2)


def main(dev_dir: str | None) -> None:
    dev = Path(dev_dir) if dev_dir else ROOT.parent / "shared/data/ud-dev"
    result: dict = {"import_spacy_seconds": _fresh(IMPORT_SNIPPET), "total_size_mb": round(size_mb(DEFAULT_DIR), 1)}
    for std, name in DEV.items():
        nlp = load_model(std)
        texts = [s.text for s in read_conllu(dev / name)]
        list(nlp.pipe(texts[:200]))  # warm up
        start = time.perf_counter()
        words = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
        seconds = time.perf_counter() - start
        post = " ".join(texts[:15])
        start = time.perf_counter()
        nlp(post)
        post_ms = round((time.perf_counter() - start) * 1000, 1)
        result[std] = {
            "size_mb": round(size_mb(DEFAULT_DIR / std), 1),
            "load_seconds": _fresh(LOAD_SNIPPET.format(std=std)),
            "words_per_second": round(words / seconds),
            "post_words": len(post.split()),
            "post_ms": post_ms,
        }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)

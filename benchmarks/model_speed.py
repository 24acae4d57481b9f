"""Load time, size and single-core speed of the shipped model (figures for the model README).

Run: python benchmarks/model_speed.py [CONLLU ...]   (defaults to ../shared/data/ud-dev/*.conllu)
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

from klarsprak.model import DEFAULT_DIR, load_model  # noqa: E402
from klarsprak.model.corpus import read_conllu  # noqa: E402

LOAD_SNIPPET = (
    "import time, spacy; t=time.perf_counter(); import klarsprak.model as m; "
    "n=m.load_model(); print(time.perf_counter()-t)"
)


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main(files: list[str]) -> None:
    paths = [Path(f) for f in files] or sorted((ROOT.parent / "shared/data/ud-dev").glob("*.conllu"))
    loads = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], cwd=ROOT, capture_output=True, text=True)
        loads.append(float(out.stdout.strip()))
    nlp = load_model()
    result = {"size_mb": round(size_mb(DEFAULT_DIR), 1), "load_seconds_min_of_3": round(min(loads), 2)}
    for path in paths:
        texts = [s.text for s in read_conllu(path)]
        list(nlp.pipe(texts[:200]))  # warm up
        start = time.perf_counter()
        words = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
        result[f"words_per_second[{path.name}]"] = round(words / (time.perf_counter() - start))
    post = " ".join(texts[:20])
    start = time.perf_counter()
    nlp(post)
    result["one_post_ms"] = round((time.perf_counter() - start) * 1000, 1)
    result["one_post_words"] = len(post.split())
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

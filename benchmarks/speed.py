"""Speed benchmark (issue 2): words/second over a folder of posts, peak memory, cold start.

Posts are built from UD dev sentences (real Norwegian news, blog and government text): consecutive
sentences are grouped into posts of about 60–150 words, half bokmål, half nynorsk. Run from the repo:

    python benchmarks/speed.py [--posts 400] [--jobs 2] [--ud-dir ../shared/data/ud-dev]

Goals on the 2-core machine: ≥ 3,000 words/s over a folder, cold start ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_UD = ROOT.parent / "shared" / "data" / "ud-dev"


def sentences(path: Path) -> list[str]:
    return [line[len("# text = "):].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text = ")]


def build_posts(ud_dir: Path, count: int, folder: Path) -> int:
    """Write ``count`` posts into ``folder``; returns the number of words written."""
    sources = [sentences(ud_dir / "no_bokmaal-ud-dev.conllu"), sentences(ud_dir / "no_nynorsk-ud-dev.conllu")]
    words = 0
    cursors = [0, 0]
    for index in range(count):
        which = index % 2
        pool, post, size = sources[which], [], 0
        target = 60 + (index * 37) % 90
        while size < target:
            sentence = pool[cursors[which] % len(pool)]
            cursors[which] += 1
            post.append(sentence)
            size += len(sentence.split())
        paragraphs = ["\n".join(post[i:i + 3]) for i in range(0, len(post), 3)]
        (folder / f"innlegg-{index:04d}.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        words += size
    return words


def run(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "klarsprak", *args], capture_output=True, cwd=ROOT)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--ud-dir", type=Path, default=DEFAULT_UD)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        words = build_posts(options.ud_dir, options.posts, folder)
        cold = []
        for _ in range(5):
            elapsed, _ = run(["check", str(folder / "innlegg-0000.md")])
            cold.append(elapsed)
        results = {}
        for jobs in sorted({1, options.jobs}):
            elapsed, result = run(["check", "--format", "json", "--jobs", str(jobs), str(folder)])
            if result.returncode not in (0, 1):
                sys.exit(f"klarsprak failed: {result.stderr.decode()[:500]}")
            findings = sum(len(f["diagnostics"]) for f in json.loads(result.stdout)["files"])
            results[jobs] = (elapsed, findings)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"posts: {options.posts}, words: {words}")
    for jobs, (elapsed, findings) in results.items():
        print(f"folder, --jobs {jobs}: {elapsed:.2f} s, {words / elapsed:,.0f} words/s, {findings} findings")
    print(f"cold start, one post: median {statistics.median(cold):.2f} s (min {min(cold):.2f}, max {max(cold):.2f})")
    print(f"peak memory of one klarsprak process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

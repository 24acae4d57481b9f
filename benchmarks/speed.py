"""Speed benchmark (issues 2 and 13): throughput, where the time goes, cold start and the result cache.

Posts are built from UD dev sentences (real Norwegian news, blog and government text): consecutive
sentences are grouped into posts of about 60–150 words, half bokmål, half nynorsk. Run from the repo:

    python benchmarks/speed.py [--posts 400] [--repeat 3] [--ud-dir ../shared/data/ud-dev]

It prints:
- words/s over the folder with the default ``--jobs`` (one process per core) and the cache off,
  and with ``--jobs 1`` for comparison;
- the split of one process's CPU time (``--jobs 1``): start-up (imports, rules, model), parsing
  (document and målform), tagging (spaCy), statistics, rules and output;
- cold start of one post from a fresh process (median of several runs, cache off) next to a bare
  ``python -c "import spacy"`` measured in the same run, interleaved;
- one unchanged post answered from the cache (median), and the folder's first run with an empty
  cache against the re-run of the unchanged folder, with the ratio.

Goals on the 2-core machine (issue 13): ≥ 12,000 words/s; cold start within 0.2 s of
``import spacy``; a cached post in ≤ 0.2 s; the cached re-run ≤ 10 % of the first run.
Wall-clock figures depend on what else the machine is doing: repeat, and compare in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
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


def build_posts(ud_dir: Path, count: int, folder: Path, mean_words: int = 105) -> int:
    """Write ``count`` posts of about ``mean_words`` words (spread ±45) into ``folder``; returns
    the number of words written."""
    sources = [sentences(ud_dir / "no_bokmaal-ud-dev.conllu"), sentences(ud_dir / "no_nynorsk-ud-dev.conllu")]
    words = 0
    cursors = [0, 0]
    for index in range(count):
        which = index % 2
        pool, post, size = sources[which], [], 0
        target = max(10, mean_words - 45) + (index * 37) % 90
        while size < target:
            sentence = pool[cursors[which] % len(pool)]
            cursors[which] += 1
            post.append(sentence)
            size += len(sentence.split())
        paragraphs = ["\n".join(post[i:i + 3]) for i in range(0, len(post), 3)]
        (folder / f"innlegg-{index:04d}.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        words += size
    return words


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess, float]:
    """Wall-clock seconds, the result, and the CPU seconds of the run (all its processes)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "klarsprak", *args], capture_output=True, cwd=ROOT,
                            env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"klarsprak failed: {result.stderr.decode()[:500]}")
    return elapsed, result, _children_cpu() - cpu


def timed(command: list[str]) -> tuple[float, float]:
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def median(values: list[float]) -> float:
    return statistics.median(values)


def split(folder: Path) -> dict[str, float]:
    """CPU seconds per phase of one ``--jobs 1`` check of the folder, in this (fresh) process."""
    clock = time.process_time
    begun = clock()
    from klarsprak.engine import lint as engine
    from klarsprak.engine.runner import Project, check_all, collect
    from klarsprak.language import analysis, nlp
    from klarsprak.output.formats import formatters
    from klarsprak.output.run import Run

    spent = {"start-up": 0.0, "parsing": 0.0, "tagging": 0.0, "statistics": 0.0, "rules": 0.0, "output": 0.0}

    def wrap(owner: object, name: str, phase: str) -> None:
        original = getattr(owner, name)

        def timed_call(*args, **kwargs):
            start = clock()
            try:
                return original(*args, **kwargs)
            finally:
                spent[phase] += clock() - start

        setattr(owner, name, timed_call)

    wrap(engine.Engine, "_begin", "parsing")  # Markdown → segments, front matter, målform
    wrap(nlp, "analyse", "tagging")
    wrap(engine.Engine, "prepare", "start-up")  # loading the model(s)
    wrap(analysis, "compute_stats", "statistics")
    wrap(engine.Engine, "_run_rules", "rules")
    project = Project()
    names = [name for name in collect([str(folder)], project) if isinstance(name, str)]
    project.engine_for(Path(names[0]))  # rules and word lists
    spent["start-up"] += clock() - begun
    outcomes = list(check_all(project, names, fix=False, jobs=1, cache=None))
    start = clock()
    run_ = Run(files=[result for outcome in outcomes for result in outcome.results])
    formatters()["json"](run_)
    formatters()["text"](run_)
    spent["output"] = (clock() - start) / 2
    spent["total"] = clock() - begun
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--words-per-post", type=int, default=105,
                        help="mean post length (the issue's folder: 860 posts of about 57 words)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per folder measurement (the median is shown)")
    parser.add_argument("--cold", type=int, default=7, help="fresh processes for the cold-start medians")
    parser.add_argument("--ud-dir", type=Path, default=DEFAULT_UD)
    parser.add_argument("--only", default="throughput,split,cold,cache",
                        help="comma-separated sections to run (throughput, split, cold, cache)")
    parser.add_argument("--split-only", type=Path, help=argparse.SUPPRESS)  # internal: one fresh process
    options = parser.parse_args()
    if options.split_only:
        print(json.dumps(split(options.split_only)))
        return
    sections = set(options.only.split(","))
    # As from a wheel install, which pip byte-compiles: a source tree run under
    # PYTHONDONTWRITEBYTECODE would otherwise compile klarsprak's modules on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "klarsprak")], check=True,
                   env={key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "innlegg"
        folder.mkdir()
        words = build_posts(options.ud_dir, options.posts, folder, options.words_per_post)
        one = str(folder / "innlegg-0000.md")
        no_cache = {"KLARSPRAK_CACHE_DIR": str(Path(tmp) / "unused")}
        print(f"posts: {options.posts}, words: {words} (load now: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")

        if "throughput" in sections:
            throughput(options, folder, words, no_cache)
        if "split" in sections:
            print_split(folder, no_cache)
        if "cold" in sections:
            cold_start(options, one, Path(tmp))
        if "cache" in sections:
            cache_figures(options, Path(tmp), folder, one)


def throughput(options, folder: Path, words: int, no_cache: dict[str, str]) -> None:
    """Words per second over the folder, cache off: default jobs, and --jobs 1 for comparison."""
    default_runs, one_job = [], []
    findings = None
    for _ in range(options.repeat):
        elapsed, result, cpu = run(["check", "--no-cache", "--format", "json", str(folder)], no_cache)
        default_runs.append((elapsed, cpu))
        findings = sum(len(f["diagnostics"]) for f in json.loads(result.stdout)["files"])
        elapsed, _, cpu = run(["check", "--no-cache", "--jobs", "1", "--format", "json", str(folder)], no_cache)
        one_job.append((elapsed, cpu))
    for label, runs in (("default jobs", default_runs), ("--jobs 1    ", one_job)):
        wall = median([elapsed for elapsed, _ in runs])
        best = min(elapsed for elapsed, _ in runs)
        cpu = median([cpu for _, cpu in runs])
        print(f"folder, {label}, no cache: median {wall:.2f} s = {words / wall:,.0f} words/s "
              f"(best {best:.2f} s = {words / best:,.0f} words/s); CPU {cpu:.2f} s; {findings} findings")


def print_split(folder: Path, no_cache: dict[str, str]) -> None:
    """Where the CPU time of one --jobs 1 process goes."""
    phases = json.loads(subprocess.run(
        [sys.executable, __file__, "--split-only", str(folder)], capture_output=True, cwd=ROOT, check=True,
        env={**os.environ, **no_cache}).stdout)
    total = phases.pop("total")
    print(f"CPU time of one --jobs 1 process: {total:.2f} s; "
          + ", ".join(f"{name} {seconds:.2f} s ({100 * seconds / total:.0f} %)" for name, seconds in phases.items()))


def cold_start(options, one: str, tmp: Path) -> None:
    """One post from a fresh process against a bare `import spacy`, interleaved: a new post (not
    in the result cache, which then holds only the parsed word lists), and with --no-cache."""
    bare, new_post, no_cache = [], [], []
    env = {"KLARSPRAK_CACHE_DIR": str(tmp / "cold-cache")}
    text = Path(one).read_text(encoding="utf-8")
    run(["check", one], env)  # a first run ever fills the cache folder
    for index in range(options.cold):
        bare.append(timed([sys.executable, "-c", "import spacy"]))
        post = tmp / f"nytt-innlegg-{index}.md"
        post.write_text(text + f"\nInnlegg nummer {index}.\n", encoding="utf-8")
        elapsed, _, cpu = run(["check", str(post)], env)
        new_post.append((elapsed, cpu))
        elapsed, _, cpu = run(["check", "--no-cache", one], env)
        no_cache.append((elapsed, cpu))
    spacy, spacy_cpu = median([w for w, _ in bare]), median([c for _, c in bare])
    print(f"bare `import spacy`: median {spacy:.2f} s (CPU {spacy_cpu:.2f} s)")
    for label, runs in (("a new post (cache miss)", new_post), ("one post with --no-cache", no_cache)):
        wall, cpu = median([w for w, _ in runs]), median([c for _, c in runs])
        print(f"cold start, {label}: median {wall:.2f} s (CPU {cpu:.2f} s); difference {wall - spacy:+.2f} s "
              f"(CPU {cpu - spacy_cpu:+.2f} s; goal ≤ +0.20 s)")


def cache_figures(options, tmp: Path, folder: Path, one: str) -> None:
    """One unchanged post from the cache, and the folder's first run against its unchanged re-run."""
    cache_env = {"KLARSPRAK_CACHE_DIR": str(tmp / "cache")}
    run(["check", one], cache_env)  # store the one post
    hits = [run(["check", one], cache_env) for _ in range(options.cold)]
    print(f"one unchanged post from the cache: median {median([h[0] for h in hits]):.3f} s "
          f"(CPU {median([h[2] for h in hits]):.3f} s; goal ≤ 0.2 s)")
    ratios = []
    for attempt in range(options.repeat):
        cache_env = {"KLARSPRAK_CACHE_DIR": str(tmp / f"cache-folder-{attempt}")}
        first, first_result, first_cpu = run(["check", "--format", "json", str(folder)], cache_env)
        second, second_result, second_cpu = run(["check", "--format", "json", str(folder)], cache_env)
        if first_result.stdout != second_result.stdout:
            sys.exit("the cached re-run printed something else than the first run")
        ratios.append((second / first, first, second, second_cpu / first_cpu))
    ratio, first, second, cpu_ratio = sorted(ratios)[len(ratios) // 2]
    print(f"folder with the cache: first run {first:.2f} s, unchanged re-run {second:.2f} s, "
          f"ratio {100 * ratio:.1f} % (CPU ratio {100 * cpu_ratio:.1f} %; goal ≤ 10 %; same output)")


if __name__ == "__main__":
    main()

"""Precision sample: run the rule packs over real text and print findings for a human to judge.

The text is every sentence of the UD Norwegian development sets (bokmål and nynorsk news, blogs
and government text; each sentence checked as a post of its own, with the file's målform as the
post's policy) and every seed document in ``../shared/seeds`` (checked whole, målform detected).
Prints the number of findings per rule and a random sample (fixed seed) with the sentence each
finding sits in, so an editor can mark each one as a fair catch or a false alarm.

    /tmp/venv/bin/python benchmarks/precision_sample.py --sample 100
    /tmp/venv/bin/python benchmarks/precision_sample.py --packs klarsprak,malform --per-rule 10
    /tmp/venv/bin/python benchmarks/precision_sample.py --rules tiltale --sample 0 --list

Realistic agency posts instead of news sentences (issue 11): ``--posts DIR`` (may be repeated)
checks every ``.md``/``.txt`` file in the folder as one post, with its own front matter, exactly as
``klarsprak check`` would; ``--no-ud --no-seeds`` leaves the other sources out. The project's own
agency-style posts are in ``benchmarks/data/etatsinnlegg/`` (both standards), the sample posts in
``examples/``:

    .venv/bin/python benchmarks/precision_sample.py --no-ud --no-seeds \
        --posts examples --posts benchmarks/data/etatsinnlegg --all-rules --sample 100

Only statistics and short excerpts are printed; nothing from the corpora is written to the repo.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
UD_FILES = {"nb": "no_bokmaal-ud-dev.conllu", "nn": "no_nynorsk-ud-dev.conllu"}


@dataclass(frozen=True)
class Item:
    source: str  # "ud-nb:123" or "seed:003_…"
    text: str
    malform: str | None  # the policy målform given to the engine (None: detect)
    path: str = "tekst.txt"  # the name the engine sees: its suffix decides Markdown or plain text


@dataclass(frozen=True)
class Hit:
    source: str
    rule: str
    severity: str
    message: str
    context: str  # the sentence or line with the finding marked ⟦…⟧


def ud_sentences(folder: Path, limit: int | None = None) -> list[Item]:
    """Sentence texts from ``# text =`` lines of the CoNLL-U files."""
    items: list[Item] = []
    for malform, name in UD_FILES.items():
        path = folder / name
        if not path.is_file():
            print(f"mangler {path}", file=sys.stderr)
            continue
        count = 0
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("# text = "):
                    count += 1
                    items.append(Item(f"ud-{malform}:{count}", line[len("# text = "):].rstrip("\n"), malform))
                    if limit and count >= limit:
                        break
    return items


def seed_documents(folder: Path) -> list[Item]:
    if not folder.is_dir():
        return []
    return [Item(f"seed:{path.stem}", path.read_text(encoding="utf-8"), None) for path in sorted(folder.glob("*.txt"))]


def post_files(folder: Path) -> list[Item]:
    """Every post in a folder (recursively): Markdown and text files, README files left out."""
    if not folder.is_dir():
        print(f"mangler {folder}", file=sys.stderr)
        return []
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown", ".txt")
                   and p.is_file() and p.stem.lower() != "readme")
    return [Item(f"post:{p.relative_to(folder.parent)}", p.read_text(encoding="utf-8"), None, p.name) for p in paths]


def context_of(text: str, start: int, end: int, width: int = 160) -> str:
    """The line (or a window of it) around a finding, the finding marked with ⟦ ⟧."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - width)
    right = min(line_end, end + width)
    snippet = text[left:start] + "⟦" + text[start:end] + "⟧" + text[end:right]
    return ("…" if left > line_start else "") + " ".join(snippet.split()) + ("…" if right < line_end else "")


def run(items: list[Item], engine, rules: set[str] | None) -> tuple[list[Hit], Counter, int]:
    hits: list[Hit] = []
    errors: Counter = Counter()
    for item in items:
        meta = {"malform": item.malform} if item.malform else None
        fmt = "text" if item.path.endswith(".txt") else None
        result = engine.check(item.text, item.path, fmt=fmt, front_matter=meta)
        for message in result.rule_errors:
            errors[message.split(":")[0]] += 1
        for d in result.diagnostics:
            if rules and d.rule not in rules:
                continue
            hits.append(Hit(item.source, d.rule, d.severity.label, d.message, context_of(item.text, d.start, d.end)))
    return hits, errors, len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=100, help="random findings to print (default 100)")
    parser.add_argument("--seed", type=int, default=20240601, help="random seed (fixed, so a sample can be re-read)")
    parser.add_argument("--packs", help="comma-separated packs to run (default: all shipped)")
    parser.add_argument("--rules", help="comma-separated rule ids to report (default: all)")
    parser.add_argument("--all-rules", action="store_true", help="also rules that are off by default")
    parser.add_argument("--per-rule", type=int, default=0, help="also print N random findings per rule")
    parser.add_argument("--list", action="store_true", help="print every finding of the chosen rules")
    parser.add_argument("--limit", type=int, help="only the first N sentences of each UD file")
    parser.add_argument("--no-seeds", action="store_true", help="leave out the seed documents")
    parser.add_argument("--no-ud", action="store_true", help="leave out the UD dev sentences")
    parser.add_argument("--posts", type=Path, action="append", default=[],
                        help="a folder of posts, each file checked as one post (may be repeated)")
    parser.add_argument("--auto-malform", action="store_true", help="detect målform instead of giving the UD file's")
    parser.add_argument("--ud", type=Path, default=SHARED / "data" / "ud-dev")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    args = parser.parse_args(argv)

    from klarsprak.engine.config import Config
    from klarsprak.engine.lint import Engine
    from klarsprak.engine.rules import load_rules

    changes: dict = {}
    if args.packs:
        changes["packs"] = args.packs.split(",")
    config = Config().with_changes(**changes) if changes else Config()
    if args.all_rules:
        config = config.with_changes(select=[rule.id for rule in load_rules(config)])
    engine = Engine(config)
    rules = set(args.rules.split(",")) if args.rules else None

    items = [] if args.no_ud else ud_sentences(args.ud, args.limit)
    if args.auto_malform:
        items = [Item(i.source, i.text, None) for i in items]
    if not args.no_seeds:
        items += seed_documents(args.seeds)
    for folder in args.posts:
        items += post_files(folder)
    began = time.perf_counter()
    hits, errors, checked = run(items, engine, rules)
    seconds = time.perf_counter() - began

    words = sum(len(re.findall(r"\w+", item.text)) for item in items)
    print(f"Sjekket {checked} tekster ({words} ord) på {seconds:.1f} s med {len(engine.rules)} regler.")
    if errors:
        print("Regler som feilet:", dict(errors))
    by_rule = Counter(hit.rule for hit in hits)
    by_source = Counter((hit.rule, hit.source.split(":")[0]) for hit in hits)
    print(f"\n{'regel':24} {'funn':>6} {'ud-nb':>6} {'ud-nn':>6} {'seeds':>6} {'posts':>6}")
    for rule, count in by_rule.most_common():
        print(f"{rule:24} {count:6} {by_source[(rule, 'ud-nb')]:6} {by_source[(rule, 'ud-nn')]:6} "
              f"{by_source[(rule, 'seed')]:6} {by_source[(rule, 'post')]:6}")
    print(f"{'i alt':24} {len(hits):6}")

    rng = random.Random(args.seed)
    if args.list:
        _print_hits("Alle funn", hits)
    if args.per_rule:
        for rule in sorted(by_rule):
            chosen = [hit for hit in hits if hit.rule == rule]
            _print_hits(f"{rule}: {min(args.per_rule, len(chosen))} av {len(chosen)}",
                        rng.sample(chosen, min(args.per_rule, len(chosen))))
    if args.sample:
        chosen = rng.sample(hits, min(args.sample, len(hits)))
        chosen.sort(key=lambda hit: (hit.rule, hit.source))
        _print_hits(f"Tilfeldig utvalg: {len(chosen)} av {len(hits)} funn (seed {args.seed})", chosen)
    return 0


def _print_hits(title: str, hits: list[Hit]) -> None:
    print(f"\n== {title} ==")
    for number, hit in enumerate(hits, 1):
        print(f"{number:3}. [{hit.rule} {hit.severity}] {hit.source}\n     {hit.context}\n     → {hit.message}")


if __name__ == "__main__":
    raise SystemExit(main())

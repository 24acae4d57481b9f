"""Precision run for the helsenorge and uu packs on real text (not a test: a human reads the sample).

Builds «posts» of four consecutive sentences from ``../shared/data/ud-dev`` (bokmål and nynorsk news,
blog and government text) plus the paragraphs of the seeds, checks them with only the helsenorge and
uu rules, prints findings per rule and a random sample with its sentence for a careful editor to judge.

Usage: python benchmarks/precision_helsenorge_uu.py [--sample 100] [--seed 1] [--rules id,id]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PACKS = ["helsenorge", "uu"]


def ud_posts(size: int = 4) -> list[tuple[str, str]]:
    posts = []
    for path in sorted((SHARED / "data" / "ud-dev").glob("*.conllu")):
        malform = "nn" if "nynorsk" in path.name else "nb"
        texts = [line[len("# text = "):] for line in path.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")]
        for index in range(0, len(texts), size):
            posts.append((f"{path.stem}#{index}", " ".join(texts[index:index + size]), malform))
    return posts


def seed_posts() -> list[tuple[str, str, str | None]]:
    posts = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
        for index, paragraph in enumerate(paragraphs):
            posts.append((f"{path.name}#{index}", paragraph, None))
    return posts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", default="")
    parser.add_argument("--context", type=int, default=90)
    args = parser.parse_args()
    select = args.rules.split(",") if args.rules else PACKS
    engine = Engine(Config().with_changes(select=select))
    findings = []
    posts = [(name, text, malform) for name, text, malform in ud_posts()] + seed_posts()
    for name, text, malform in posts:
        result = engine.check(text, f"{name}.txt", fmt="text",
                              front_matter={"malform": malform} if malform else None)
        for d in result.diagnostics:
            findings.append((name, text, d))
    words = sum(len(text.split()) for _, text, _ in posts)
    print(f"{len(posts)} innlegg, {words} ord, {len(findings)} funn")
    for rule, count in Counter(d.rule for _, _, d in findings).most_common():
        print(f"  {rule:20} {count}")
    rng = random.Random(args.seed)
    sample = rng.sample(findings, min(args.sample, len(findings)))
    for number, (name, text, d) in enumerate(sample, 1):
        left = text[max(0, d.start - args.context):d.start]
        right = text[d.end:d.end + args.context]
        print(f"\n[{number}] {name} {d.rule} ({d.severity.label}): {d.message}")
        print(f"    …{left}⟦{text[d.start:d.end]}⟧{right}…".replace("\n", " "))


if __name__ == "__main__":
    main()

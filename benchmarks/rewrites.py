"""Rewrites benchmark: does klarsprak warn on officialese and stay quiet on its plain rewrite?

Reads before/after pairs (``benchmarks/data/rewrites.yaml``: an officialese original, a plain
rewrite, the målform, the source, and a ``split`` set once before tuning) and checks each text as
a post of its own with every shipped rule pack, the pair's målform given in front matter.

Reports, overall, per målform and per split:
- originals warned: share of originals with at least one finding at warning or error;
- original > rewrite: share of pairs where the original gets more findings (any level) than the rewrite;
- clean rewrites: share of rewrites with no finding at warning or error.

    .venv/bin/python benchmarks/rewrites.py                 # dev and test figures
    .venv/bin/python benchmarks/rewrites.py --misses        # list the dev pairs that miss a target
    .venv/bin/python benchmarks/rewrites.py --misses --split test   # only when tuning is over

The dev part is what the word lists were tuned on: its figures are optimistic. Judge by test.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from klarsprak.core.diagnostics import Diagnostic, Severity  # noqa: E402
from klarsprak.engine.config import Config  # noqa: E402
from klarsprak.engine.lint import Engine  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "rewrites.yaml"
TARGETS = {"originals warned": 0.80, "original > rewrite": 0.80, "clean rewrites": 0.70}


@dataclass(frozen=True)
class Pair:
    id: str
    malform: str
    split: str
    source: str
    before: str
    after: str


@dataclass(frozen=True)
class Verdict:
    pair: Pair
    before: list[Diagnostic]
    after: list[Diagnostic]

    @property
    def original_warned(self) -> bool:
        return any(d.severity >= Severity.WARNING for d in self.before)

    @property
    def original_worse(self) -> bool:
        return len(self.before) > len(self.after)

    @property
    def rewrite_clean(self) -> bool:
        return not any(d.severity >= Severity.WARNING for d in self.after)


def load_pairs(path: Path) -> list[Pair]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Pair(p["id"], p["malform"], p["split"], p["source"], p["before"], p["after"]) for p in data["pairs"]]


def check(engine: Engine, text: str, malform: str) -> list[Diagnostic]:
    post = f"---\nmalform: {malform}\n---\n{text}\n"
    return list(engine.check(post, "innlegg.md").diagnostics)


def judge(engine: Engine, pairs: list[Pair]) -> list[Verdict]:
    return [Verdict(p, check(engine, p.before, p.malform), check(engine, p.after, p.malform)) for p in pairs]


def shares(verdicts: list[Verdict]) -> dict[str, float]:
    count = len(verdicts) or 1
    return {
        "originals warned": sum(v.original_warned for v in verdicts) / count,
        "original > rewrite": sum(v.original_worse for v in verdicts) / count,
        "clean rewrites": sum(v.rewrite_clean for v in verdicts) / count,
    }


def _row(label: str, verdicts: list[Verdict]) -> str:
    values = shares(verdicts)
    cells = "  ".join(f"{values[name] * 100:{len(name) - 2}.1f} %" for name in TARGETS)
    return f"{label:<14}{len(verdicts):>5}  {cells}"


def rule_counts(verdicts: list[Verdict], original: bool) -> Counter:
    """How many texts each rule warns on (a text counts once per rule)."""
    counts: Counter = Counter()
    for v in verdicts:
        counts.update({d.rule for d in (v.before if original else v.after) if d.severity >= Severity.WARNING})
    return counts


def report(verdicts: list[Verdict]) -> str:
    header = f"{'del':<14}{'par':>5}  " + "  ".join(TARGETS)
    lines = [header, "-" * len(header)]
    for split in ("dev", "test"):
        part = [v for v in verdicts if v.pair.split == split]
        lines.append(_row(split, part))
        for malform in ("nb", "nn"):
            lines.append(_row(f"  {split} {malform}", [v for v in part if v.pair.malform == malform]))
    lines.append(_row("alle", verdicts))
    lines.append("")
    lines.append("Mål (på issuens holdt-ute sett): " + ", ".join(f"{k} ≥ {v * 100:.0f} %" for k, v in TARGETS.items()))
    lines.append("dev er delen ordlistene ble justert etter: tallene der er optimistiske.")
    lines.append("")
    lines.append("Advarsler per regel, originaler: " + ", ".join(f"{r} {n}" for r, n in rule_counts(verdicts, True).most_common()))
    lines.append("Advarsler per regel, omskrivinger: " + (", ".join(
        f"{r} {n}" for r, n in rule_counts(verdicts, False).most_common()) or "ingen"))
    return "\n".join(lines)


def _describe(findings: list[Diagnostic]) -> str:
    return "; ".join(f"{d.severity.label} {d.rule}: {d.message[:90]}" for d in findings) or "(ingen funn)"


def misses(verdicts: list[Verdict]) -> str:
    lines = []
    for v in verdicts:
        problems = [name for name, ok in (("ikke varslet", v.original_warned), ("ikke flere funn", v.original_worse),
                                          ("omskriving varslet", v.rewrite_clean)) if not ok]
        if problems:
            lines.append(f"{v.pair.id} [{v.pair.malform}] {', '.join(problems)}")
            lines.append(f"  før:   {v.pair.before}")
            lines.append(f"         {_describe(v.before)}")
            lines.append(f"  etter: {v.pair.after}")
            lines.append(f"         {_describe(v.after)}")
    return "\n".join(lines) or "Ingen bom."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--misses", action="store_true", help="list the pairs that miss a target")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                        help="which pairs --misses lists (default dev: leave test alone while tuning)")
    args = parser.parse_args(argv)
    pairs = load_pairs(args.data)
    verdicts = judge(Engine(Config()), pairs)
    print(report(verdicts))
    if args.misses:
        chosen = [v for v in verdicts if args.split == "all" or v.pair.split == args.split]
        print()
        print(misses(chosen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

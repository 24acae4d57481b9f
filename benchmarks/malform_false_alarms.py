"""False alarms of ``malform-blanding`` on correct, edited text: findings per 1,000 sentences.

The UD Norwegian development sets (bokmål and nynorsk; edited news, blog, parliament and report
text, see ``../shared/data/README.md``) are correct text in a known standard, so every finding of
``malform-blanding`` there is a false alarm, or a quotation or name the rule should have left
alone. Each sentence is checked as a post of its own with the file's standard set as the post's
målform (front matter ``malform: nb|nn``): the worst case, since a single sentence gives the rule
no context. Every finding is listed with its sentence so it can be judged.

    .venv/bin/python benchmarks/malform_false_alarms.py            # both standards
    .venv/bin/python benchmarks/malform_false_alarms.py --only nn  # nynorsk only

Only counts and the flagged sentences are printed; nothing from the corpus is written to the repo.
The figures are on the development set the word lists were tuned on, so they are optimistic.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UD_DIR = ROOT.parent / "shared" / "data" / "ud-dev"
UD_FILES = {"nb": "no_bokmaal-ud-dev.conllu", "nn": "no_nynorsk-ud-dev.conllu"}
RULE = "malform-blanding"


@dataclass(frozen=True)
class Alarm:
    malform: str
    sentence: int  # 1-based index of the sentence in its file
    match: str
    message: str
    safe: bool
    text: str


def sentences(path: Path) -> list[str]:
    """The ``# text =`` lines of a CoNLL-U file, in order."""
    with open(path, encoding="utf-8") as handle:
        return [line[len("# text = "):].rstrip("\n") for line in handle if line.startswith("# text = ")]


def alarms(engine, malform: str, texts: list[str]) -> list[Alarm]:
    found: list[Alarm] = []
    for number, text in enumerate(texts, 1):
        result = engine.check(text, "setning.txt", fmt="text", front_matter={"malform": malform})
        for d in result.diagnostics:
            if d.rule == RULE:
                found.append(Alarm(malform, number, text[d.start:d.end], d.message, d.safe_fix is not None, text))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Falske alarmar frå malform-blanding på UD-dev (per 1 000 setningar).")
    parser.add_argument("--ud", type=Path, default=UD_DIR, help="mappe med UD-dev-filene")
    parser.add_argument("--only", choices=sorted(UD_FILES), help="berre éi målform")
    parser.add_argument("--quiet", action="store_true", help="berre tala, ikkje kvart funn")
    args = parser.parse_args(argv)

    from klarsprak.engine.config import Config
    from klarsprak.engine.lint import Engine

    engine = Engine(Config().with_changes(select=[RULE]))
    status = 0
    for malform, name in UD_FILES.items():
        if args.only and malform != args.only:
            continue
        path = args.ud / name
        if not path.is_file():
            print(f"finn ikkje fila {path}", file=sys.stderr)
            status = 2
            continue
        texts = sentences(path)
        began = time.perf_counter()
        found = alarms(engine, malform, texts)
        seconds = time.perf_counter() - began
        safe = sum(alarm.safe for alarm in found)
        per_1000 = 1000 * len(found) / len(texts) if texts else 0.0
        print(f"{malform}: {len(found)} funn i {len(texts)} setningar = {per_1000:.2f} per 1 000 "
              f"({safe} med trygg retting; {seconds:.0f} s)")
        if not args.quiet:
            for alarm in found:
                mark = " [trygg]" if alarm.safe else ""
                print(f"  {malform}:{alarm.sentence} «{alarm.match}»{mark}: {alarm.text}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())

"""The data behind ``klarsprak report``: the nynorsk share of a folder of posts, against språklova § 13.

Central state bodies must publish at least 25 % of their public texts, social media included, in
each written standard. The editor who owns that number gets it per month, with the posts that
still count as neither (mixed or unknown målform) and the rules most often broken, as a text
table, JSON, or one self-contained HTML page with charts (nothing is fetched when it is opened).

How a post is counted:
- målform: the detected one; a post too short to tell (``unknown``) counts as the målform its
  front matter or calendar row declares, if any. ``mixed`` posts are never counted as either.
- shares: nynorsk posts / (bokmål + nynorsk posts); undecided posts are listed, not guessed.
- month: front matter ``dato`` (or the calendar row's), else the date of the first git commit
  of the file; posts with neither are shown as «uten dato».
- every row of an editorial calendar (``plan.csv``, ``*.plan.yaml``) with text is one post.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from klarsprak.core.errors import FileError
    from klarsprak.engine.lint import FileResult

TARGET = 25.0
TOP_RULES = 10
UNDATED = "uten dato"
MALFORM_NAMES = {"nb": "bokmål", "nn": "nynorsk", "mixed": "blanding", "unknown": "ukjent"}


# -- the model ------------------------------------------------------------------------------------
@dataclass
class Post:
    path: str
    line: int | None  # the calendar row's line, None for a post file
    malform: str  # what it counts as: nb, nn, mixed, unknown
    detected: str
    declared: bool  # counted as the målform its front matter / row declares (too short to detect)
    month: str | None  # "2024-03"
    date_source: str | None  # "dato" or "git"
    rules: Counter = field(default_factory=Counter)
    principles: Counter = field(default_factory=Counter)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Tally:
    posts: int = 0
    nb: int = 0
    nn: int = 0
    mixed: int = 0
    unknown: int = 0

    def add(self, malform: str) -> None:
        self.posts += 1
        setattr(self, malform, getattr(self, malform) + 1)

    @property
    def decided(self) -> int:
        return self.nb + self.nn

    @property
    def nynorsk_share(self) -> float | None:
        return 100 * self.nn / self.decided if self.decided else None

    @property
    def bokmal_share(self) -> float | None:
        return 100 * self.nb / self.decided if self.decided else None

    def as_dict(self) -> dict[str, Any]:
        return {"posts": self.posts, "nb": self.nb, "nn": self.nn, "mixed": self.mixed, "unknown": self.unknown,
                "nynorsk_share": _round(self.nynorsk_share), "bokmal_share": _round(self.bokmal_share)}


@dataclass
class RuleCount:
    rule: str
    principle: str
    findings: int
    posts: int


@dataclass
class Report:
    posts: list[Post]
    target: float = TARGET
    errors: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        tally = Tally()
        for post in self.posts:
            tally.add(post.malform)
        return tally

    @property
    def months(self) -> list[tuple[str, Tally]]:
        """Months in order, then «uten dato» last when some posts have no date."""
        tallies: dict[str, Tally] = {}
        for post in self.posts:
            tallies.setdefault(post.month or UNDATED, Tally()).add(post.malform)
        dated = sorted(key for key in tallies if key != UNDATED)
        return [(key, tallies[key]) for key in dated] + ([(UNDATED, tallies[UNDATED])] if UNDATED in tallies else [])

    @property
    def undecided(self) -> list[Post]:
        return [post for post in self.posts if post.malform in ("mixed", "unknown")]

    @property
    def files(self) -> int:
        return len({post.path for post in self.posts})

    def top_rules(self, limit: int = TOP_RULES) -> list[RuleCount]:
        findings: Counter = Counter()
        posts: Counter = Counter()
        principle: dict[str, str] = {}
        for post in self.posts:
            findings.update(post.rules)
            posts.update(post.rules.keys())
        for post in self.posts:
            for rule, name in post.principles.items():
                principle.setdefault(rule, name)
        ranked = sorted(findings, key=lambda rule: (-findings[rule], -posts[rule], rule))[:limit]
        return [RuleCount(rule, principle.get(rule, ""), findings[rule], posts[rule]) for rule in ranked]

    def principles(self) -> list[tuple[str, int]]:
        counts: Counter = Counter()
        for post in self.posts:
            for rule, count in post.rules.items():
                counts[post.principles.get(rule) or "annet"] += count
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @property
    def meets_target(self) -> bool | None:
        share = self.total.nynorsk_share
        return None if share is None else share >= self.target

    def date_sources(self) -> dict[str, int]:
        counts = Counter(post.date_source or "none" for post in self.posts)
        return {"front_matter": counts["dato"], "git": counts["git"], "none": counts["none"]}

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "target_percent": self.target,
            "files": self.files,
            "totals": self.total.as_dict(),
            "meets_target": self.meets_target,
            "months": [{"month": None if key == UNDATED else key, **tally.as_dict()} for key, tally in self.months],
            "dates": self.date_sources(),
            "undecided": [{"path": post.path, "line": post.line, "malform": post.malform} for post in self.undecided],
            "top_rules": [{"rule": r.rule, "principle": r.principle, "findings": r.findings, "posts": r.posts}
                          for r in self.top_rules()],
            "principles": [{"principle": name, "findings": count} for name, count in self.principles()],
            "posts": [{"path": post.path, "line": post.line, "malform": post.malform, "detected": post.detected,
                       "month": post.month, "date_source": post.date_source, "findings": sum(post.rules.values())}
                      for post in self.posts],
            "errors": self.errors,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# -- building it ----------------------------------------------------------------------------------
def post_of(result: FileResult, git_dates: dict[Path, date]) -> Post:
    meta = result.front_matter or {}
    detected = result.malform
    declared = str(meta.get("malform", "")).lower()
    counted, from_declared = detected, False
    if detected == "unknown" and declared in ("nb", "nn"):
        counted, from_declared = declared, True
    month, source = _month_of(meta.get("dato")), "dato"
    if month is None:
        committed = git_dates.get(Path(result.path).resolve())
        month, source = (committed.strftime("%Y-%m"), "git") if committed else (None, None)
    line = meta.get("linje") if isinstance(meta.get("linje"), int) else None
    return Post(result.path, line, counted, detected, from_declared, month, source,
                Counter(d.rule for d in result.diagnostics),
                Counter({d.rule: d.principle for d in result.diagnostics}))


def _month_of(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%Y-%m")
    except ValueError:
        return None


def git_first_commit_dates(paths: list[Path]) -> dict[Path, date]:
    """When each file was first committed, with one ``git log`` per repository (none outside git)."""
    found: dict[Path, date] = {}
    for top in _toplevels(paths):
        try:
            output = subprocess.run(
                ["git", "-c", "core.quotePath=false", "-C", str(top), "log", "--format=%x01%cs", "--name-only", "--no-renames"],
                capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120, check=True).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        current: date | None = None
        for line in output.splitlines():
            if line.startswith("\x01"):
                current = date.fromisoformat(line[1:].strip())
            elif line.strip() and current is not None:
                found[(top / line).resolve()] = current  # newest first: the last one seen is the first commit
    return found


def _toplevels(paths: list[Path]) -> list[Path]:
    """The repositories holding ``paths``: one ``git rev-parse`` per folder not already inside one."""
    tops: list[Path] = []
    outside: set[Path] = set()
    for folder in sorted({path.resolve().parent for path in paths}):
        if folder in outside or any(folder.is_relative_to(top) for top in tops):
            continue
        top = _git_toplevel(folder)
        if top is None:
            outside.add(folder)
        else:
            tops.append(top)
    return tops


def _git_toplevel(folder: Path) -> Path | None:
    try:
        result = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(result.stdout.strip()).resolve() if result.returncode == 0 and result.stdout.strip() else None


def build_report(results: list[FileResult], errors: list[FileError] | None = None,
                 target: float = TARGET, paths: list[str] | None = None) -> Report:
    undated = [Path(r.path) for r in results if r.path != "-" and _month_of((r.front_matter or {}).get("dato")) is None]
    git_dates = git_first_commit_dates(sorted(set(undated))) if undated else {}
    posts = [post_of(result, git_dates) for result in results]
    return Report(posts, target, [error.message for error in errors or []], list(paths or []))


# -- text -------------------------------------------------------------------------------------------
def percent(value: float | None) -> str:
    """Norwegian style: «25,0 %»; «–» when there is nothing to divide by."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def render_text(report: Report) -> str:
    total = report.total
    lines = [
        f"Målformrapport: {total.posts} innlegg i {report.files} {'fil' if report.files == 1 else 'filer'} "
        f"(mål: minst {percent(report.target)} nynorsk; språklova § 13 krever minst 25 % på hver målform)",
        "",
    ]
    header = ("Måned", "Innlegg", "Bokmål", "Nynorsk", "Blanding", "Ukjent", "Nynorskdel", "Bokmålsdel", "")
    rows = [header]
    for key, tally in report.months:
        rows.append(_row(key, tally, report.target))
    rows.append(_row("I alt", total, report.target))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row[1:-1], 1)] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
        if index in (0, len(rows) - 2):
            lines.append("-" * (sum(widths[:-1]) + 2 * (len(widths) - 2)))
    lines += ["", _verdict(report)]
    dates = report.date_sources()
    if dates["git"] or dates["none"]:
        lines.append(f"Dato: {dates['front_matter']} fra «dato», {dates['git']} fra første git-commit, {dates['none']} uten dato.")
    undecided = report.undecided
    if undecided:
        lines += ["", f"Innlegg uten avklart målform ({len(undecided)}):"]
        width = max(len(post.where) for post in undecided)
        lines += [f"  {post.where.ljust(width)}  {MALFORM_NAMES[post.malform]}" for post in undecided]
    top = report.top_rules()
    if top:
        lines += ["", "Mest brutte regler:"]
        width = max(len(item.rule) for item in top)
        lines += [f"  {item.rule.ljust(width)}  {item.findings:>4} funn i {item.posts} innlegg  ({item.principle})" for item in top]
    if report.errors:
        lines += ["", f"{len(report.errors)} {'fil' if len(report.errors) == 1 else 'filer'} kunne ikke sjekkes (se over)."]
    return "\n".join(lines)


def below_target(tally: Tally, target: float) -> str:
    """«under målet for nynorsk» etc.; bokmål is held to the law's 25 %, nynorsk to ``target``."""
    checks = (("nynorsk", tally.nynorsk_share, target), ("bokmål", tally.bokmal_share, TARGET))
    below = [name for name, share, goal in checks if share is not None and share < goal]
    return f"under målet for {' og '.join(below)}" if below else ""


def _row(label: str, tally: Tally, target: float) -> tuple[str, ...]:
    shares = (tally.nynorsk_share, tally.bokmal_share)
    note = below_target(tally, target)
    return (label, str(tally.posts), str(tally.nb), str(tally.nn), str(tally.mixed), str(tally.unknown),
            percent(shares[0]), percent(shares[1]), note)


def _verdict(report: Report) -> str:
    total = report.total
    if not total.decided:
        return "Ingen innlegg med kjent målform ennå, så andelene kan ikke regnes ut."
    met = "når" if report.meets_target else "når ikke"
    return (f"Nynorskdelen er {percent(total.nynorsk_share)} og bokmålsdelen {percent(total.bokmal_share)} "
            f"av {total.decided} innlegg med kjent målform; nynorsk {met} målet på {percent(report.target)}.")

"""Shared by the content-repository tests: a project with its own rules, and where a word is."""

from __future__ import annotations

from pathlib import Path

from tests.project_rules import STIVT_RULE, write_project_rules

RULES = {
    "stivt.yaml": STIVT_RULE,
    "svarord.yaml": """id: svarord
kind: existence
description: Bare i svar.
principle: personlig
source: test
severity: warning
message: "«{match}» i et svar."
explanation: Test av type-kolonnen.
when: {type: [svar]}
words: [saksnummer]
examples: {bad: ["Oppgi saksnummer."], good: ["Skriv til oss."]}
""",
    "instaord.yaml": """id: instaord
kind: existence
description: Bare på Instagram.
principle: personlig
source: test
severity: warning
message: "«{match}» på Instagram."
explanation: Test av kanal-kolonnen.
when: {kanal: [instagram]}
words: [lenke]
examples: {bad: ["Se lenke."], good: ["Se profilen."]}
""",
    "nnord.yaml": """id: nnord
kind: existence
description: Bare i nynorskinnlegg.
principle: målform
source: test
severity: warning
message: "«{match}» i et nynorskinnlegg."
explanation: Test av malform-kolonnen.
malform: nn
words: [sykehus]
examples: {bad: [{text: "Sykehus.", malform: nn}], good: [{text: "Sjukehus.", malform: nn}]}
""",
    "feilord.yaml": """id: feilord
kind: existence
description: Ord som er en feil.
principle: trygg
source: test
severity: error
message: "«{match}» er en feil."
explanation: Test av alvorlighet.
words: [straks]
examples: {bad: ["Svar straks."], good: ["Svar når du kan."]}
""",
}

def make_project(tmp_path: Path, select: str = "stivt, svarord, instaord, nnord, setningslengde") -> Path:
    """A content project whose findings do not depend on the shipped packs (only setningslengde)."""
    write_project_rules(tmp_path, RULES)
    (tmp_path / ".klarsprak.yaml").write_text(
        "packs: [klarsprak]\nextra_rules: [regler]\nextra_wordlists: [ord]\n"
        f"select: [{select}]\n", encoding="utf-8")
    return tmp_path


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th ``needle`` in the decoded file text."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def findings(stdout: bytes, rule: str) -> list[tuple[int, int]]:
    found = []
    for line in stdout.decode().splitlines():
        parts = line.split(":", 3)
        if len(parts) == 4 and f" {rule} " in parts[3]:
            found.append((int(parts[1]), int(parts[2])))
    return found


def cli(*args: str, cwd: Path | None = None, env: dict | None = None):
    """``run_cli`` with this checkout's package first, also when ``cwd`` is a project elsewhere."""
    from tests.conftest import ROOT, run_cli

    return run_cli(*args, cwd=cwd, env={"PYTHONPATH": str(ROOT), **(env or {})})

"""Shared by the content-repository tests: a project with its own rules, and where a word is."""

from __future__ import annotations

from pathlib import Path

RULES = {
    "stivt.yaml": """id: stivt
kind: substitution
description: Stivt ord.
principle: klart språk
source: test
severity: warning
message: "«{match}» er stivt. {advice}"
explanation: Skriv enkelt.
fix: {safe: true}
wordlists: [stive]
examples: {bad: ["vedrørende timen"], good: ["om timen"]}
""",
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
WORDS = """name: stive
malform: both
description: test
sources: [test]
licence: test
entries:
  - word: vedrørende
    replace: [om]
    safe: true
  - word: foreligge
    inflect: verb
    replace: [finnes]
    safe: false
"""


def make_project(tmp_path: Path, select: str = "stivt, svarord, instaord, nnord, setningslengde") -> Path:
    """A content project whose findings do not depend on the shipped packs (only setningslengde)."""
    (tmp_path / "regler" / "test").mkdir(parents=True)
    for name, text in RULES.items():
        (tmp_path / "regler" / "test" / name).write_text(text, encoding="utf-8")
    (tmp_path / "ord").mkdir()
    (tmp_path / "ord" / "stive.yaml").write_text(WORDS, encoding="utf-8")
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

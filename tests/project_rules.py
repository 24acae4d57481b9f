"""A project-local rule and word list for tests whose findings must not depend on the shipped packs.

``stivt`` flags «vedrørende» (safe fix → «om») and every form of «foreligge» (no safe fix).
"""

from __future__ import annotations

from pathlib import Path

STIVT_RULE = """id: stivt
kind: substitution
description: Stivt ord.
principle: klart språk
source: Testkilde for stive ord
severity: warning
message: "«{match}» er stivt. {advice}"
explanation: Stive ord gjør teksten tung. Skriv enkelt.
fix: {safe: true}
wordlists: [stive]
examples: {bad: ["vedrørende timen"], good: ["om timen"]}
"""
STIVE_WORDS = """name: stive
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


def write_project_rules(folder: Path, rules: dict[str, str]) -> Path:
    """Write ``regler/test/<name>`` for each rule and the ``ord/stive.yaml`` word list."""
    (folder / "regler" / "test").mkdir(parents=True, exist_ok=True)
    for name, text in rules.items():
        (folder / "regler" / "test" / name).write_text(text, encoding="utf-8")
    (folder / "ord").mkdir(exist_ok=True)
    (folder / "ord" / "stive.yaml").write_text(STIVE_WORDS, encoding="utf-8")
    return folder

"""Hover on a finding: why (the rule's Norwegian explanation), the source, one bad and one good example."""

from __future__ import annotations

from klarsprak.core.diagnostics import Diagnostic
from klarsprak.engine.rules import Example, Rule
from klarsprak.output.explain import SEVERITY_NAMES

LABELS = {
    "nb": {"source": "Kilde", "bad": "Dårlig", "good": "Bra", "principle": "Prinsipp"},
    "nn": {"source": "Kjelde", "bad": "Dårleg", "good": "Bra", "principle": "Prinsipp"},
}


def at_offset(diagnostics: list[Diagnostic], offset: int) -> list[Diagnostic]:
    """Findings under the cursor (an empty range counts at its start)."""
    return [d for d in diagnostics if d.start <= offset < d.end or d.start == d.end == offset]


def _pick(examples: tuple[Example, ...], malform: str) -> Example | None:
    """An example in the post's målform if the rule has one, else the first."""
    for example in examples:
        if example.malform == malform:
            return example
    return examples[0] if examples else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def rule_markdown(rule: Rule, diagnostic: Diagnostic, malform: str) -> str:
    labels = LABELS["nn" if malform == "nn" else "nb"]
    lines = [
        f"**{rule.id}** · {SEVERITY_NAMES[diagnostic.severity]} · {labels['principle'].lower()}: {rule.principle}",
        "",
        diagnostic.message,
        "",
        _one_line(rule.explanation_for(malform)),
        "",
        f"*{labels['source']}:* {rule.source}",
    ]
    bad, good = _pick(rule.bad, malform), _pick(rule.good, malform)
    if bad is not None:
        lines += ["", f"✗ {labels['bad']}: «{_one_line(bad.text)}»"]
    if good is not None:
        lines += ["", f"✓ {labels['good']}: «{_one_line(good.text)}»"]
    return "\n".join(lines)


def hover_markdown(findings: list[Diagnostic], rules: dict[str, Rule], malform: str) -> str | None:
    parts = [rule_markdown(rules[d.rule], d, malform) for d in findings if d.rule in rules]
    return "\n\n---\n\n".join(parts) if parts else None

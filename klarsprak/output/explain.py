"""Human-readable pages generated from rule data: ``klarsprak rules``, ``explain``, ``stats``.

The same page text serves the CLI, the language server's hover and the generated rule docs.
"""

from __future__ import annotations

from klarsprak.core.diagnostics import Severity
from klarsprak.engine.rules import Example, Rule

SEVERITY_NAMES = {Severity.ERROR: "feil", Severity.WARNING: "advarsel", Severity.INFO: "info", Severity.HINT: "hint"}
MALFORM_NAMES = {"nb": "bokmål", "nn": "nynorsk", "mixed": "blanding av bokmål og nynorsk", "unknown": "ukjent"}
KIND_NAMES = {
    "substitution": "ordliste med erstatning", "existence": "ord som ikke bør stå der", "pattern": "mønster",
    "metric": "måltall", "occurrence": "antall forekomster", "consistency": "målform mot språkpolicy",
    "builtin": "innebygd logikk",
}


def rules_table(rules: list[Rule], active: set[str]) -> str:
    rows = [("ID", "PAKKE", "PRINSIPP", "NIVÅ", "BESKRIVELSE")]
    for rule in sorted(rules, key=lambda r: (r.pack, r.id)):
        level = SEVERITY_NAMES[rule.severity] if rule.id in active else "av"
        rows.append((rule.id, rule.pack, rule.principle, level, rule.description))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4] for row in rows]
    lines.append(f"\n{len(rules)} regler. Les mer: klarsprak explain ID")
    return "\n".join(lines)


def rule_record(rule: Rule, active: set[str]) -> dict:
    """One rule as data: ``klarsprak rules --format json`` and the web page's ``GET /api/rules``."""
    return {"id": rule.id, "pack": rule.pack, "principle": rule.principle, "severity": rule.severity.label,
            "description": rule.description, "enabled": rule.id in active, "fix": rule.has_fix}


def _example_lines(examples: tuple[Example, ...], mark: str) -> list[str]:
    lines = []
    for example in examples:
        tag = f" ({MALFORM_NAMES[example.malform]})" if example.malform else ""
        text = " ".join(example.text.split())
        lines.append(f"  {mark} {text}{tag}")
    return lines


def explain_rule(rule: Rule, malform: str = "nb") -> str:
    """The rule's docs page, in Markdown-flavoured plain text."""
    lines = [
        f"# {rule.id}",
        "",
        rule.description,
        "",
        f"Prinsipp:     {rule.principle}",
        f"Regelpakke:   {rule.pack}",
        f"Alvorlighet:  {SEVERITY_NAMES[rule.severity]}",
        f"Type:         {KIND_NAMES.get(rule.kind, rule.kind)}",
        f"Kilde:        {rule.source}",
    ]
    if rule.has_fix:
        lines.append(f"Retting:      {'trygg, med --fix' if rule.fix_safe else 'forslag du velger selv'}")
    if rule.malform == "any":
        lines.append("Gjelder:      alle innlegg, også tekst som ser dansk ut")
    elif rule.malform != "both":
        lines.append(f"Gjelder:      innlegg på {MALFORM_NAMES[rule.malform]}")
    lines += ["", "## Hvorfor" if malform == "nb" else "## Kvifor", "", rule.explanation_for(malform).strip(), ""]
    lines += ["## Eksempler", "", "Dårlig:" if malform == "nb" else "Dårleg:"]
    lines += _example_lines(rule.bad, "✗")
    lines += ["", "Bra:"]
    lines += _example_lines(rule.good, "✓")
    lines += ["", f"Slå av på én linje: <!-- klarsprak-disable-next-line {rule.id} -->"]
    return "\n".join(lines)


def stats_text(result) -> str:
    stats = result.stats
    evidence = ", ".join(f"«{item.word}» ({'dansk' if item.danish else item.standard.value}{', svakt' if item.weak else ''})" for item in result.malform_result.evidence[:6])
    lines = [
        result.path,
        f"  Ord:                    {stats.words}",
        f"  Setninger:              {stats.sentences}",
        f"  Ord per setning:        {stats.avg_sentence_words:.1f}",
        f"  Lange ord (> 6 bokst.): {stats.long_words}",
        f"  Avsnitt:                {stats.paragraphs}",
        f"  LIX:                    {stats.lix:.0f} ({stats.lix_band})",
        f"  Målform:                {MALFORM_NAMES[result.malform]}" + (f" – {evidence}" if evidence else ""),
    ]
    return "\n".join(lines)

"""Rule pages for people (``/regler`` and ``/regler/{id}``): the ``explain`` data as accessible HTML.

Rendered on the server from :class:`Rule` with every value escaped; no script, so they work in any
browser and under the page's strict Content-Security-Policy.
"""

from __future__ import annotations

from html import escape

from klarsprak.engine.rules import Example, Rule
from klarsprak.output.explain import KIND_NAMES, MALFORM_NAMES, SEVERITY_NAMES

# UI words that differ between the standards (the rule texts themselves come from the rule files).
WORDS = {
    "nb": {"why": "Hvorfor", "examples": "Eksempler", "bad": "Dårlig", "good": "Bra", "source": "Kilde",
           "principle": "Prinsipp", "pack": "Regelpakke", "severity": "Alvorlighet", "kind": "Type",
           "fix": "Retting", "safe": "trygg, kan rettes automatisk", "unsafe": "forslag du velger selv",
           "off": "Av i denne konfigurasjonen", "back": "Tilbake til sjekken", "all": "Alle regler",
           "disable": "Slå av på én linje", "title": "Regler i klarsprak", "other": "Nynorsk",
           "nav": "Lenker"},
    "nn": {"why": "Kvifor", "examples": "Døme", "bad": "Dårleg", "good": "Bra", "source": "Kjelde",
           "principle": "Prinsipp", "pack": "Regelpakke", "severity": "Alvor", "kind": "Type",
           "fix": "Retting", "safe": "trygg, kan rettast automatisk", "unsafe": "forslag du vel sjølv",
           "off": "Av i denne konfigurasjonen", "back": "Tilbake til sjekken", "all": "Alle reglar",
           "disable": "Slå av på éi line", "title": "Reglar i klarsprak", "other": "Bokmål",
           "nav": "Lenkjer"},
}


def _page(title: str, lang: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<link rel="stylesheet" href="/static/app.css">\n</head>\n'
            f'<body class="rule-page">\n<main id="main">\n{body}\n</main>\n</body>\n</html>\n')


def _examples(items: tuple[Example, ...], mark: str) -> str:
    rows = []
    for item in items:
        tag = f' <span class="tag">({escape(MALFORM_NAMES[item.malform])})</span>' if item.malform else ""
        lang = f' lang="{item.malform}"' if item.malform else ""
        rows.append(f"<li><span aria-hidden=\"true\">{mark}</span> <span{lang}>{escape(' '.join(item.text.split()))}</span>{tag}</li>")
    return "<ul class=\"examples\">" + "".join(rows) + "</ul>"


def rule_page(rule: Rule, malform: str) -> str:
    w = WORDS[malform]
    other = "nb" if malform == "nn" else "nn"
    facts = [(w["principle"], rule.principle), (w["pack"], rule.pack),
             (w["severity"], SEVERITY_NAMES[rule.severity]), (w["kind"], KIND_NAMES.get(rule.kind, rule.kind)),
             (w["source"], rule.source)]
    if rule.has_fix:
        facts.append((w["fix"], w["safe"] if rule.fix_safe else w["unsafe"]))
    paragraphs = [p for p in rule.explanation_for(malform).strip().split("\n\n") if p.strip()]
    body = "\n".join([
        f'<nav aria-label="{escape(w["nav"])}"><a href="/">{escape(w["back"])}</a> · '
        f'<a href="/regler?malform={malform}">{escape(w["all"])}</a> · '
        f'<a href="/regler/{escape(rule.id)}?malform={other}" lang="{other}">{escape(WORDS[malform]["other"])}</a></nav>',
        f"<h1>{escape(rule.id)}</h1>",
        f'<p class="lead">{escape(rule.description)}</p>',
        "<dl class=\"facts\">" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts) + "</dl>",
        f"<h2>{w['why']}</h2>",
        *(f"<p>{escape(' '.join(p.split()))}</p>" for p in paragraphs),
        f"<h2>{w['examples']}</h2>",
        f"<h3>{w['bad']}</h3>", _examples(rule.bad, "✗"),
        f"<h3>{w['good']}</h3>", _examples(rule.good, "✓"),
        f"<p>{w['disable']}: <code>&lt;!-- klarsprak-disable-next-line {escape(rule.id)} --&gt;</code></p>",
    ])
    return _page(f"{rule.id} – klarsprak", malform, body)


def rule_list_page(rules: list[Rule], active: set[str], malform: str) -> str:
    w = WORDS[malform]
    rows = []
    for rule in sorted(rules, key=lambda r: (r.pack, r.id)):
        state = "" if rule.id in active else f' <span class="tag">({escape(w["off"])})</span>'
        rows.append(f'<li><a href="/regler/{escape(rule.id)}?malform={malform}">{escape(rule.id)}</a>{state} – '
                    f"{escape(rule.description)}</li>")
    body = (f'<nav aria-label="{escape(w["nav"])}"><a href="/">{escape(w["back"])}</a></nav>\n'
            f"<h1>{escape(w['title'])}</h1>\n<ul class=\"rule-list\">{''.join(rows)}</ul>")
    return _page(w["title"], malform, body)

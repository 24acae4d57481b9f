"""``klarsprak report --format html``: one self-contained page a manager can open in any browser.

The charts are inline SVG drawn here (no script, no web font, no CDN): the page shows the same
thing offline, from an e-mail attachment and under a strict content-security policy. Each chart
has a text equivalent (a table, and a ``<title>`` on every bar) for screen readers.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from klarsprak.core.version import __version__
from klarsprak.output.report import (
    MALFORM_NAMES,
    TARGET,
    UNDATED,
    Report,
    Tally,
    below_target,
    percent,
)

NYNORSK_COLOUR = "#1a7f5a"
BOKMAL_COLOUR = "#2f6db5"
TARGET_COLOUR = "#d32f2f"
FINDINGS_COLOUR = "#7b4fa0"
EMPTY_COLOUR = "#d9d9d9"
MONTHS = ("jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des.")

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0;
       background: #f6f7f9; color: #1d232b; line-height: 1.45; }
main { max-width: 980px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 0 0 12px; }
.lead { color: #4a5562; margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin-bottom: 20px; }
.card, section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; }
.card { padding: 14px 16px; }
.card .value { font-size: 1.9rem; font-weight: 700; }
.card .label { color: #4a5562; font-size: .9rem; }
.ok { color: #146c43; } .bad { color: #b71c1c; }  /* not the chart colours */
section { padding: 18px 20px; margin-bottom: 20px; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; fill: #1d232b; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: right; padding: 6px 8px; border-bottom: 1px solid #e6e9ed; }
th:first-child, td:first-child { text-align: left; }
td.note { text-align: left; color: #c62828; }
.legend { display: flex; gap: 18px; flex-wrap: wrap; font-size: .9rem; margin: 4px 0 8px; }
.legend span::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 6px;
                       vertical-align: -1px; background: var(--c); }
.legend .line::before { height: 0; border-top: 3px dashed var(--c); background: none; vertical-align: 3px; }
footer { color: #6b7480; font-size: .85rem; }
code { font-size: .9em; }
"""


def render_html(report: Report) -> str:
    total = report.total
    title = f"Målformrapport – {total.posts} innlegg"
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="lead">Nynorskdel per måned mot målet på minst {escape(percent(report.target))} nynorsk '
        "(språklova § 13 krever minst 25 % på hver målform), med innlegg som ikke har avklart målform "
        "og de mest brutte reglene.</p>",
        _cards(report),
        _section("Nynorskdel per måned", _month_legend(report) + month_chart(report) + _month_table(report)),
        _section("Funn per prinsipp", bar_chart(report.principles(), "funn") if report.principles()
                 else "<p>Ingen funn.</p>"),
    ]
    top = report.top_rules()
    if top:
        body.append(_section("Mest brutte regler", bar_chart([(item.rule, item.findings) for item in top], "funn")
                             + _rules_table(report)))
    body.append(_section("Innlegg uten avklart målform", _undecided(report)))
    if report.errors:
        items = "".join(f"<li>{escape(message)}</li>" for message in report.errors)
        body.append(_section("Filer som ikke kunne sjekkes", f"<ul>{items}</ul>"))
    body.append(_footer(report))
    return (
        '<!DOCTYPE html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body) + "\n</main>\n</body>\n</html>"
    )


def _section(heading: str, content: str) -> str:
    return f"<section>\n<h2>{escape(heading)}</h2>\n{content}\n</section>"


def _cards(report: Report) -> str:
    total = report.total

    def card(value: str, label: str, cls: str = "") -> str:
        return f'<div class="card"><div class="value {cls}">{escape(value)}</div><div class="label">{escape(label)}</div></div>'

    def verdict(share: float | None, goal: float) -> str:
        return "" if share is None else ("ok" if share >= goal else "bad")

    return '<div class="cards">' + "".join([
        card(str(total.posts), "innlegg"),
        card(percent(total.nynorsk_share), f"nynorsk ({total.nn} innlegg)", verdict(total.nynorsk_share, report.target)),
        card(percent(total.bokmal_share), f"bokmål ({total.nb} innlegg)", verdict(total.bokmal_share, TARGET)),
        card(str(total.mixed + total.unknown), "uten avklart målform"),
    ]) + "</div>"


def month_label(key: str) -> tuple[str, str]:
    if key == UNDATED:
        return "uten", "dato"
    year, month = key.split("-")
    return MONTHS[int(month) - 1], year


def month_chart(report: Report, width: int = 900, height: int = 360) -> str:
    """Stacked bars per month: nynorsk from the bottom, bokmål on top, and the target as a dashed line."""
    months = report.months
    left, right, top, bottom = 56, 16, 24, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    base = top + plot_h
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="month-title" class="chart" id="month-chart">',
             '<title id="month-title">Andel innlegg på nynorsk og bokmål per måned, med målet som stiplet linje</title>']
    for tick in (0, 25, 50, 75, 100):
        y = base - plot_h * tick / 100
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e6ea" stroke-width="1"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{tick} %</text>')
    slot = plot_w / max(len(months), 1)
    bar = min(72.0, slot * 0.62)
    for index, (key, tally) in enumerate(months):
        x = left + slot * index + (slot - bar) / 2
        parts += _month_bar(key, tally, x, bar, base, plot_h)
        first, second = month_label(key)
        centre = x + bar / 2
        parts.append(f'<text x="{centre:.1f}" y="{base + 18}" text-anchor="middle" font-size="12">{escape(first)}</text>')
        parts.append(f'<text x="{centre:.1f}" y="{base + 33}" text-anchor="middle" font-size="12">{escape(second)}</text>')
        parts.append(f'<text x="{centre:.1f}" y="{base + 50}" text-anchor="middle" font-size="11" fill="#6b7480">{tally.posts} innl.</text>')
    target_y = base - plot_h * report.target / 100
    parts.append(f'<line x1="{left}" y1="{target_y:.1f}" x2="{width - right}" y2="{target_y:.1f}" '
                 f'stroke="{TARGET_COLOUR}" stroke-width="3" stroke-dasharray="10 6" class="target"/>')
    parts.append(f'<text x="{width - right}" y="{target_y - 6:.1f}" text-anchor="end" font-size="12" '
                 f'font-weight="600">Mål: {escape(percent(report.target))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _month_bar(key: str, tally: Tally, x: float, bar: float, base: float, plot_h: float) -> list[str]:
    label = " ".join(month_label(key))
    if not tally.decided:
        return [f'<rect x="{x:.1f}" y="{base - plot_h:.1f}" width="{bar:.1f}" height="{plot_h:.1f}" fill="none" '
                f'stroke="{EMPTY_COLOUR}" stroke-dasharray="4 4"><title>{escape(label)}: ingen innlegg med kjent målform</title></rect>']
    nn_h = plot_h * tally.nn / tally.decided
    nb_h = plot_h - nn_h
    share = percent(tally.nynorsk_share)
    parts = []
    if nb_h > 0:
        parts.append(f'<rect x="{x:.1f}" y="{base - plot_h:.1f}" width="{bar:.1f}" height="{nb_h:.1f}" fill="{BOKMAL_COLOUR}" '
                     f'class="bokmal"><title>{escape(label)}: {tally.nb} av {tally.decided} innlegg på bokmål '
                     f'({escape(percent(tally.bokmal_share))})</title></rect>')
    if nn_h > 0:
        parts.append(f'<rect x="{x:.1f}" y="{base - nn_h:.1f}" width="{bar:.1f}" height="{nn_h:.1f}" fill="{NYNORSK_COLOUR}" '
                     f'class="nynorsk"><title>{escape(label)}: {tally.nn} av {tally.decided} innlegg på nynorsk '
                     f'({escape(share)})</title></rect>')
    label_y = base - nn_h - 6 if nn_h < plot_h - 20 else base - nn_h + 16
    colour = "#ffffff" if nn_h >= plot_h - 20 else "#1d232b"
    parts.append(f'<text x="{x + bar / 2:.1f}" y="{label_y:.1f}" text-anchor="middle" font-size="12" font-weight="600" '
                 f'fill="{colour}" stroke="{"none" if colour == "#ffffff" else "#ffffff"}" stroke-width="3" '
                 f'paint-order="stroke">{escape(share)}</text>')
    return parts


def bar_chart(items: list[tuple[str, int]], unit: str, width: int = 900) -> str:
    """Horizontal bars, longest first (findings per principle, per rule)."""
    row, label_w, right = 30, 190, 60
    height = row * len(items) + 10
    biggest = max((count for _, count in items), default=1) or 1
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" class="chart bars">',
             f"<title>{escape(', '.join(f'{name}: {count} {unit}' for name, count in items))}</title>"]
    for index, (name, count) in enumerate(items):
        y = 5 + index * row
        length = (width - label_w - right) * count / biggest
        parts.append(f'<text x="{label_w - 10}" y="{y + 19}" text-anchor="end" font-size="13">{escape(name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{FINDINGS_COLOUR}" rx="2">'
                     f"<title>{escape(name)}: {count} {unit}</title></rect>")
        parts.append(f'<text x="{label_w + length + 8:.1f}" y="{y + 19}" font-size="13">{count}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _month_legend(report: Report) -> str:
    return ('<div class="legend">'
            f'<span style="--c:{NYNORSK_COLOUR}">nynorsk</span>'
            f'<span style="--c:{BOKMAL_COLOUR}">bokmål</span>'
            f'<span class="line" style="--c:{TARGET_COLOUR}">mål: minst {escape(percent(report.target))} nynorsk</span>'
            "</div>")


def _month_table(report: Report) -> str:
    rows = ["<tr><th>Måned</th><th>Innlegg</th><th>Bokmål</th><th>Nynorsk</th><th>Blanding</th><th>Ukjent</th>"
            "<th>Nynorskdel</th><th>Bokmålsdel</th><th></th></tr>"]
    for key, tally in [*report.months, ("I alt", report.total)]:
        shares = (tally.nynorsk_share, tally.bokmal_share)
        note = below_target(tally, report.target)
        label = key if key in (UNDATED, "I alt") else " ".join(month_label(key))
        rows.append(f"<tr><td>{escape(label)}</td><td>{tally.posts}</td><td>{tally.nb}</td><td>{tally.nn}</td>"
                    f"<td>{tally.mixed}</td><td>{tally.unknown}</td><td>{escape(percent(shares[0]))}</td>"
                    f'<td>{escape(percent(shares[1]))}</td><td class="note">{escape(note)}</td></tr>')
    return "<table>" + "".join(rows) + "</table>"


def _rules_table(report: Report) -> str:
    rows = ["<tr><th>Regel</th><th>Prinsipp</th><th>Funn</th><th>Innlegg</th></tr>"]
    rows += [f"<tr><td><code>{escape(item.rule)}</code></td><td>{escape(item.principle)}</td>"
             f"<td>{item.findings}</td><td>{item.posts}</td></tr>" for item in report.top_rules()]
    return "<table>" + "".join(rows) + "</table>"


def _undecided(report: Report) -> str:
    posts = report.undecided
    if not posts:
        return "<p>Alle innlegg har avklart målform.</p>"
    rows = ["<tr><th>Innlegg</th><th>Målform</th></tr>"]
    rows += [f"<tr><td><code>{escape(post.where)}</code></td><td>{escape(MALFORM_NAMES[post.malform])}</td></tr>"
             for post in posts]
    return ("<p>Disse innleggene teller ikke med i andelene før målformen er rettet "
            "(<code>klarsprak check</code> viser ordene som blander).</p><table>" + "".join(rows) + "</table>")


def _footer(report: Report) -> str:
    dates = report.date_sources()
    when = datetime.now().strftime("%d.%m.%Y %H:%M")
    paths = ", ".join(report.paths) or "."
    return (f"<footer><p>Laget av klarsprak {escape(__version__)} {escape(when)} fra <code>{escape(paths)}</code>. "
            f"Dato fra «dato» i {dates['front_matter']} innlegg, fra første git-commit i {dates['git']}, "
            f"ukjent i {dates['none']}. Andelene regnes av innlegg med kjent målform; innlegg for korte til å "
            "avgjøre teller som målformen de er merket med.</p></footer>")

"""``klarsprak report``: the nynorsk share of a folder of posts against språklova § 13.

The command only; what is counted and how is in :mod:`klarsprak.output.report`, the HTML page in
:mod:`klarsprak.output.report_html` (both imported inside the command, so ``klarsprak --help`` stays fast).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from klarsprak.cli.norsk import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    HELP,
    NorskCommand,
    fail,
    help_option,
)


# -- the command ----------------------------------------------------------------------------------
@click.command("report", cls=NorskCommand, context_settings=HELP)
@click.argument("paths", nargs=-1, metavar="[FILER|MAPPER]")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              help="text (tabell), json eller html (en side med diagrammer).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Skriv rapporten til denne fila i stedet for til skjermen.")
@click.option("--min-nynorsk", type=click.FloatRange(0, 100), default=None, metavar="PROSENT",
              help="Exit-kode 1 når nynorskdelen samlet er under PROSENT (f.eks. 25).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Bruk denne konfigurasjonsfila i stedet for nærmeste .klarsprak.yaml.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, help="Antall prosesser for mange filer.")
@help_option
def report_command(paths, fmt, output, min_nynorsk, config_path, jobs) -> None:
    """Nynorskdel per måned mot målet på 25 % (språklova § 13), uavklarte innlegg og mest brutte regler.

    Teller hvert innlegg (og hver rad i en redaksjonsplan) i mappene du gir; uten argument mappa du står i.
    """
    from klarsprak.engine.runner import Project, check_all, collect
    from klarsprak.output.report import TARGET, build_report, percent

    forced = Path(config_path) if config_path else None
    if forced is not None and not forced.is_file():
        fail(f"{config_path}: fant ikke konfigurasjonsfila")
    project = Project(forced)
    items = list(collect(paths or ["."], project))
    names = [item for item in items if isinstance(item, str)]
    errors = [item for item in items if not isinstance(item, str)]
    results = []
    for outcome in check_all(project, names, False, jobs):
        if outcome.error is not None:
            errors.append(outcome.error)
        results += outcome.results
    for error in errors:
        click.echo(f"klarsprak: {error.message}", err=True)
    report = build_report(results, errors, min_nynorsk if min_nynorsk is not None else TARGET, list(paths or ["."]))
    _write(_render(report, fmt), output)
    if errors:
        sys.exit(EXIT_ERROR)
    if min_nynorsk is not None and not report.meets_target:
        share = report.total.nynorsk_share
        reason = "ingen innlegg med kjent målform" if share is None else f"nynorskdelen er {percent(share)}"
        click.echo(f"klarsprak: {reason}, under kravet på {percent(min_nynorsk)}", err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _render(report, fmt: str) -> str:
    from klarsprak.output.report import render_text

    if fmt == "json":
        import json

        return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
    if fmt == "html":
        from klarsprak.output.report_html import render_html

        return render_html(report)
    return render_text(report)


def _write(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text)
        return
    from klarsprak.text.sources import write_atomically

    try:
        write_atomically(Path(output), (text + "\n").encode("utf-8"))
    except OSError as error:
        fail(f"{output}: kan ikke skrive rapporten ({error.strerror})")

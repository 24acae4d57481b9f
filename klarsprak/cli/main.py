"""The command group and its file commands: a thin shell over :mod:`klarsprak.engine.runner`
and :class:`klarsprak.engine.lint.Engine`.

Exit codes: 0 no findings at or above the fail level, 1 findings, 2 usage, config or input error,
or an incomplete run (a rule failed or timed out on a file; its line is on stderr).
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import sys
from pathlib import Path

import click

from klarsprak.cli.lsp import lsp_command
from klarsprak.cli.norsk import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    HELP,
    SEVERITY_CHOICES,
    NorskCommand,
    NorskGroup,
    fail,
    help_option,
    norsk_usage_error,
    split_ids,
    use_color,
)
from klarsprak.cli.report import report_command
from klarsprak.cli.serve import serve_command
from klarsprak.core.errors import KlarsprakError
from klarsprak.core.version import __version__


@click.group(cls=NorskGroup, context_settings=HELP)
@click.version_option(__version__, "-V", "--version", prog_name="klarsprak", message="%(prog)s %(version)s",
                      help="Vis versjonen og avslutt.")
@help_option
def main() -> None:
    """klarsprak – klarspråk- og tonesjekk for innlegg i sosiale medier, på bokmål og nynorsk.

    Sjekk et innlegg før du publiserer: klarsprak check innlegg.md
    """


@main.command(cls=NorskCommand, context_settings=HELP)
@click.argument("paths", nargs=-1, metavar="[FILER|MAPPER|-]")
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="Utdataformat: text, json, sarif eller github (standard: text; github i GitHub Actions).")
@click.option("--select", multiple=True, metavar="ID", help="Bare disse reglene eller regelpakkene (kommaseparert).")
@click.option("--ignore", multiple=True, metavar="ID", help="Hopp over disse reglene eller regelpakkene (kommaseparert).")
@click.option("--fail-level", type=click.Choice(SEVERITY_CHOICES), default=None,
              help="Laveste alvorlighet som gir exit-kode 1 (standard: warning).")
@click.option("--fix", is_flag=True, help="Rett automatisk det som er trygt å rette (skriver fila på nytt).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Bruk denne konfigurasjonsfila i stedet for nærmeste .klarsprak.yaml.")
@click.option("--malform", type=click.Choice(["auto", "nb", "nn"]), default=None,
              help="Krev bokmål (nb) eller nynorsk (nn); auto finner målformen selv.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Antall prosesser for mange filer (standard: én per prosessorkjerne).")
@click.option("--no-cache", is_flag=True,
              help="Ikke bruk hurtigbufferen: sjekk alle filer på nytt, og lagre ingenting.")
@click.option("--cache-dir", default=None, metavar="MAPPE",
              help="Mappe for hurtigbufferen (standard: KLARSPRAK_CACHE_DIR, ellers cache_dir i "
                   ".klarsprak.yaml, ellers ~/.cache/klarsprak).")
@click.option("--force-exclude", is_flag=True,
              help="Bruk exclude fra .klarsprak.yaml også på filer som er nevnt direkte (for pre-commit).")
@click.option("--no-color", is_flag=True, help="Ingen farger i utdata.")
@click.option("--quiet", "-q", is_flag=True, help="Vis bare funn på eller over feilnivået, og ingen oppsummering.")
@help_option
def check(paths, fmt, select, ignore, fail_level, fix, config_path, malform, jobs, no_cache, cache_dir, force_exclude,
          no_color, quiet) -> None:
    """Sjekk innlegg (Markdown eller tekst) for klarspråk, tone og målform.

    Gi filer, mapper eller - for standard inn. Uten argument sjekkes mappa du står i.
    """
    from klarsprak.output.formats import formatters
    from klarsprak.output.run import Run, rule_problems

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    known = formatters()
    if fmt not in known:
        fail(f"ukjent format «{fmt}» (gyldige: {', '.join(known)})")
    overrides: dict = {}
    if select:
        overrides["select"] = split_ids(select)
    if ignore:
        overrides["ignore"] = split_ids(ignore)
    if malform:
        overrides["malform"] = malform
    if fail_level:
        overrides["fail_level"] = fail_level
    forced = Path(config_path) if config_path else None
    if forced is not None and not forced.is_file():
        fail(f"{config_path}: fant ikke konfigurasjonsfila")
    if not (no_cache or fix or select or ignore or fmt == "sarif"):
        from klarsprak.cli.fastpath import cached_run

        cached = cached_run(paths, overrides, forced, cache_dir, force_exclude)
        if cached is not None:  # every file unchanged: answered without rules or the model
            cached.color, cached.quiet = use_color(no_color), quiet
            _finish(cached, known[fmt])
    from klarsprak.engine.runner import Project, check_all, collect

    project = Project(forced, overrides)
    try:
        first_config = project.config(project.config_path_for(Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()))
    except KlarsprakError as error:
        fail(str(error))
    run = Run(fail_level=first_config.fail_level, color=use_color(no_color), quiet=quiet)
    items = list(collect(paths or ["."], project, force_exclude))
    names = [item for item in items if isinstance(item, str)]
    run.errors += [item for item in items if not isinstance(item, str)]
    cache = _result_cache(cache_dir, first_config, fix or fmt == "sarif", no_cache)
    _check_unknown_ids(project, first_config, select, ignore)
    for outcome in check_all(project, names, fix, jobs, cache):
        if outcome.error is not None:
            run.errors.append(outcome.error)
        run.files += outcome.results
        if outcome.fixed_text is not None:
            sys.stdout.write(outcome.fixed_text)
            continue
        if outcome.fixed is not None and not quiet and fmt == "text":
            for line, old, new in outcome.fixed.changes:
                click.echo(f"{outcome.fixed.path}:{line}: fikset «{old}» → «{new}»")
    run.rules = project.active_rules()
    for error in run.errors:
        click.echo(f"klarsprak: {error.message}", err=True)
    incomplete = rule_problems(run.files)
    for path, problem in incomplete:
        click.echo(f"klarsprak: {path}: {problem}", err=True)
    _print_notice(quiet)
    _finish(run, None if fix and "-" in names else known[fmt], incomplete=bool(incomplete))


def _finish(run, formatter, incomplete: bool = False) -> None:
    """Print the run in its format and exit with its code (2 when a file or a rule could not be checked)."""
    if formatter is not None:
        output = formatter(run)
        if output:
            click.echo(output)
    if run.errors or incomplete:  # a file or a rule that could not be checked: the run is incomplete
        sys.exit(EXIT_ERROR)
    level = run.fail_level
    sys.exit(EXIT_FINDINGS if any(d.severity >= level for r in run.files for d in r.diagnostics) else EXIT_CLEAN)


def _check_unknown_ids(project, config, select, ignore) -> None:
    """A typo in --select must not silently check nothing."""
    if not (select or ignore):
        return
    try:
        engine = project.engine(project.forced if project.forced else config.path)
    except KlarsprakError as error:
        fail(str(error))
    names = {rule.id for rule in engine.all_rules} | {rule.pack for rule in engine.all_rules}
    for value in split_ids(select) + split_ids(ignore):
        if value not in names:
            close = difflib.get_close_matches(value, sorted(names), n=1)
            fail(f"ukjent regel eller regelpakke «{value}»" + (f" (mente du «{close[0]}»?)" if close else ""))


def _result_cache(option: str | None, config, store_only: bool, off: bool):
    """The result cache: --cache-dir, else KLARSPRAK_CACHE_DIR, else ``cache_dir`` in the config,
    else the user's cache folder. ``--fix`` and SARIF (which quotes the text) store but never reuse.
    With ``--no-cache`` (``off``) there is none, and nothing is written; the parsed copies of the
    shipped word lists an earlier run left are still read (they are not results)."""
    from klarsprak.core.datacache import cache_folder, use_data_cache
    from klarsprak.engine.cache import ResultCache

    folder = cache_folder(option, config.spec.cache_dir, config.root)
    if option and folder.exists() and not folder.is_dir():
        fail(f"--cache-dir: «{option}» er ikke en mappe")
    use_data_cache(folder, write=not off)
    return None if off else ResultCache(folder, read=not store_only)


def _print_notice(quiet: bool) -> None:
    from klarsprak.language.nlp import loaded_notice

    notice = loaded_notice()  # only when a model was needed: a run from the cache loads none
    if notice and not quiet:
        click.echo(f"klarsprak: merk: {notice}", err=True)


def _engine(config_path: str | None):
    """The engine for ``--config`` or the nearest config above the working folder."""
    from klarsprak.engine.runner import Project

    project = Project(Path(config_path) if config_path else None)
    try:
        return project.engine(project.config_path_for(Path.cwd()))
    except KlarsprakError as error:
        fail(str(error))


@main.command(cls=NorskCommand, context_settings=HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Utdataformat.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Konfigurasjonsfil.")
@help_option
def rules(fmt: str, config_path: str | None) -> None:
    """List alle regler: id, pakke, prinsipp, alvorlighet og beskrivelse."""
    engine = _engine(config_path)
    active = {rule.id for rule in engine.rules}
    from klarsprak.output.explain import rule_record, rules_table

    if fmt == "json":
        click.echo(json.dumps([rule_record(r, active) for r in engine.all_rules], ensure_ascii=False, indent=2))
        return

    click.echo(rules_table(engine.all_rules, active))


@main.command(cls=NorskCommand, context_settings=HELP)
@click.argument("rule_id", metavar="ID")
@click.option("--malform", type=click.Choice(["nb", "nn"]), default="nb", help="Forklaring på bokmål eller nynorsk.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Konfigurasjonsfil.")
@help_option
def explain(rule_id: str, malform: str, config_path: str | None) -> None:
    """Forklar en regel: hvorfor, kilde og eksempler."""
    from klarsprak.output.explain import explain_rule

    engine = _engine(config_path)
    rule = engine.rule(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, [r.id for r in engine.all_rules], n=1)
        fail(f"ukjent regel «{rule_id}»" + (f" (mente du «{close[0]}»?)" if close else "") + "; se «klarsprak rules»")
    click.echo(explain_rule(rule, malform))


@main.command(cls=NorskCommand, context_settings=HELP)
@click.argument("paths", nargs=-1, required=True, metavar="FILER|-")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Utdataformat.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Konfigurasjonsfil.")
@help_option
def stats(paths: tuple[str, ...], fmt: str, config_path: str | None) -> None:
    """Vis tall for innlegg: ord, setninger, LIX, setningslengde og målform."""
    from klarsprak.engine.runner import Project, check_one, collect
    from klarsprak.output.explain import stats_text

    project = Project(Path(config_path) if config_path else None)
    results, failed = [], False
    for item in collect(paths, project):
        outcome = check_one(project, item) if isinstance(item, str) else None
        error = outcome.error if outcome else item
        if error is not None:
            click.echo(f"klarsprak: {error.message}", err=True)
            failed = True
            continue
        results += outcome.results
    if fmt == "json":
        click.echo(json.dumps([{"path": r.path, "malform": r.malform, "stats": r.stats.as_dict(),
                                "malform_evidence": r.as_dict()["malform_evidence"]} for r in results],
                              ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(stats_text(r) for r in results))
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


def run() -> None:
    """Entry point: Norwegian one-line usage errors, exit 2, never a traceback for bad input."""
    try:
        code = main.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        code = done.exit_code
    except click.UsageError as error:
        click.echo(f"klarsprak: {norsk_usage_error(error.format_message())}", err=True)
        click.echo("Prøv «klarsprak --help».", err=True)
        code = EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("klarsprak: avbrutt", err=True)
        code = 130
    except KlarsprakError as error:
        click.echo(f"klarsprak: {error}", err=True)
        code = EXIT_ERROR
    except BrokenPipeError:
        code = EXIT_CLEAN
    except Exception as error:  # a bug of ours: one line for the writer, the traceback on request
        if os.environ.get("KLARSPRAK_DEBUG"):
            raise
        click.echo(f"klarsprak: intern feil ({type(error).__name__}: {error}). Kjør med KLARSPRAK_DEBUG=1 "
                   "for detaljer, og meld gjerne fra.", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


def program() -> None:
    """The ``klarsprak`` command and ``python -m klarsprak``: :func:`run`, then exit at once.

    Tearing down an interpreter that holds the spaCy models, rules and word lists takes about a
    tenth of a second, on every run, for nothing: everything the run writes (results, the cache,
    fixed files) is closed by then, so only the output streams are flushed.
    """
    try:
        run()
        code: object = EXIT_CLEAN
    except SystemExit as done:  # run() always ends so; the commands end with sys.exit(code) too
        code = done.code
    if isinstance(code, str):  # sys.exit("message"), shown as Python itself would
        click.echo(code, err=True)
        code = 1
    _leave(code if isinstance(code, int) else EXIT_CLEAN)


def _leave(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that went away, or a closed stream
            pass
    logging.shutdown()
    os._exit(code)


# Commands that live in their own module (they import pygls, uvicorn, the report … inside the command).
main.add_command(lsp_command)
main.add_command(report_command)
main.add_command(serve_command)

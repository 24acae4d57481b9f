"""The command line: a thin shell over :mod:`klarsprak.runner` and :class:`klarsprak.engine.Engine`.

Exit codes: 0 no findings at or above the fail level, 1 findings, 2 usage, config or input error.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from pathlib import Path

import click

from klarsprak import __version__
from klarsprak.diagnostics import Severity
from klarsprak.errors import KlarsprakError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICES = ["error", "warning", "info", "hint"]


# -- Norwegian help -----------------------------------------------------------------------------
class NorskFormatting:
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Bruk: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [row for param in self.get_params(ctx) if (row := param.get_help_record(ctx))]
        if rows:
            with formatter.section("Valg"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
            entries = [(name, cmd.get_short_help_str(60)) for name, cmd in commands if cmd and not cmd.hidden]
            if entries:
                with formatter.section("Kommandoer"):
                    formatter.write_dl(entries)


class NorskCommand(NorskFormatting, click.Command):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[VALG]")
        super().__init__(*args, **kwargs)


class NorskGroup(NorskFormatting, click.Group):
    command_class = NorskCommand

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[VALG]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)


HELP = dict(help_option_names=["-h", "--help"], max_content_width=100)


def help_option(f):
    return click.help_option("-h", "--help", help="Vis denne hjelpeteksten og avslutt.")(f)


_CLICK_MESSAGES = [
    (r"No such option: (\S+)(?:\s+Did you mean (\S+)\?)?", lambda m: f"ukjent valg {m[1]}" + (f" (mente du {m[2]}?)" if m[2] else "")),
    (r"No such command '([^']+)'\.", lambda m: f"ukjent kommando «{m[1]}»"),
    (r"Invalid value for '([^']+)': '([^']*)' is not one of (.+)\.", lambda m: f"ugyldig verdi for {m[1]}: «{m[2]}» (gyldige: {m[3].replace(chr(39), '')})"),
    (r"Invalid value for '([^']+)': (.+)", lambda m: f"ugyldig verdi for {m[1]}: {m[2]}"),
    (r"Option '([^']+)' requires an argument\.", lambda m: f"valget {m[1]} trenger en verdi"),
    (r"Missing argument '([^']+)'\.", lambda m: f"mangler argumentet {m[1]}"),
    (r"Got unexpected extra arguments? \((.+)\)", lambda m: f"uventet argument: {m[1]}"),
]


def norsk_usage_error(message: str) -> str:
    for pattern, build in _CLICK_MESSAGES:
        match = re.match(pattern, message)
        if match:
            return build(match)
    return message


# -- shared option parsing ----------------------------------------------------------------------
def split_ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def use_color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def fail(message: str) -> None:
    click.echo(f"klarsprak: {message}", err=True)
    sys.exit(EXIT_ERROR)


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
    from klarsprak.output import Run, formatters

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
        from klarsprak.fastpath import cached_run

        cached = cached_run(paths, overrides, forced, cache_dir, force_exclude)
        if cached is not None:  # every file unchanged: answered without rules or the model
            cached.color, cached.quiet = use_color(no_color), quiet
            _finish(cached, known[fmt])
    from klarsprak.runner import Project, check_all, collect

    project = Project(forced, overrides)
    try:
        first_config = project.config(project.config_path_for(Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()))
    except KlarsprakError as error:
        fail(str(error))
    run = Run(fail_level=first_config.fail_level, color=use_color(no_color), quiet=quiet)
    items = list(collect(paths or ["."], project, force_exclude))
    names = [item for item in items if isinstance(item, str)]
    run.errors += [item for item in items if not isinstance(item, str)]
    cache = None if no_cache else _result_cache(cache_dir, first_config, fix or fmt == "sarif")
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
    for result in run.files:
        for problem in result.rule_errors:
            click.echo(f"klarsprak: {result.path}: {problem}", err=True)
    _print_notice(quiet)
    _finish(run, None if fix and "-" in names else known[fmt])


def _finish(run, formatter) -> None:
    """Print the run in its format and exit with its code."""
    if formatter is not None:
        output = formatter(run)
        if output:
            click.echo(output)
    if run.errors:
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


def _result_cache(option: str | None, config, store_only: bool):
    """The result cache: --cache-dir, else KLARSPRAK_CACHE_DIR, else ``cache_dir`` in the config,
    else the user's cache folder. ``--fix`` and SARIF (which quotes the text) store but never reuse."""
    from klarsprak.cache import ENV_VAR, ResultCache, default_cache_dir, use_data_cache

    if option:
        folder = Path(option)
        if folder.exists() and not folder.is_dir():
            fail(f"--cache-dir: «{option}» er ikke en mappe")
    elif not os.environ.get(ENV_VAR) and config.spec.cache_dir:
        folder = config.root / config.spec.cache_dir
    else:
        folder = default_cache_dir()
    use_data_cache(folder)
    return ResultCache(folder, read=not store_only)


def _print_notice(quiet: bool) -> None:
    from klarsprak.nlp import loaded_notice

    notice = loaded_notice()  # only when a model was needed: a run from the cache loads none
    if notice and not quiet:
        click.echo(f"klarsprak: merk: {notice}", err=True)


def _engine(config_path: str | None):
    """The engine for ``--config`` or the nearest config above the working folder."""
    from klarsprak.runner import Project

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
    if fmt == "json":
        click.echo(json.dumps([
            {"id": r.id, "pack": r.pack, "principle": r.principle, "severity": r.severity.label,
             "description": r.description, "enabled": r.id in active, "fix": r.has_fix}
            for r in engine.all_rules], ensure_ascii=False, indent=2))
        return
    from klarsprak.explain import rules_table

    click.echo(rules_table(engine.all_rules, active))


@main.command(cls=NorskCommand, context_settings=HELP)
@click.argument("rule_id", metavar="ID")
@click.option("--malform", type=click.Choice(["nb", "nn"]), default="nb", help="Forklaring på bokmål eller nynorsk.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Konfigurasjonsfil.")
@help_option
def explain(rule_id: str, malform: str, config_path: str | None) -> None:
    """Forklar en regel: hvorfor, kilde og eksempler."""
    from klarsprak.explain import explain_rule

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
    from klarsprak.explain import stats_text
    from klarsprak.runner import Project, check_one, collect

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


def _register_commands() -> None:
    """Commands that live beside their feature: the language server and the nynorsk-share report.

    Their modules import heavy dependencies (pygls, …) inside the command, so startup stays fast.
    """
    import importlib

    for module_name, attribute in (("klarsprak.server", "lsp_command"), ("klarsprak.report", "report_command")):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        command = getattr(module, attribute, None)
        if command is not None:
            main.add_command(command)


_register_commands()

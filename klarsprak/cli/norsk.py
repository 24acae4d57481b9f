"""The command line's Norwegian face: help layout, usage errors, exit codes and shared options.

Every command module (``main``, ``report``, ``lsp``) builds on these, so help and errors read alike.
"""

from __future__ import annotations

import os
import re
import sys

import click

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

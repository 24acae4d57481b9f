"""The output formats by name, for ``--format``: one module each, adding one is one line here."""

from __future__ import annotations

from klarsprak.output import github, json_format, sarif, text
from klarsprak.output.run import Formatter

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}


def formatters() -> dict[str, Formatter]:
    """Every known format (a copy: callers may not change the table)."""
    return dict(FORMATTERS)

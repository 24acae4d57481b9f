"""``builtin``: logic that is code, registered by name and configured from the rule's YAML.

Implementations live in :mod:`klarsprak.checks.builtins` (one module per topic) and register themselves
with :func:`register`; a rule file says ``kind: builtin`` and ``function: NAME``.
"""

from __future__ import annotations

from typing import Any

# Importing a topic module registers its checks; every module of the package is listed here.
from klarsprak.checks.base import Check, Options
from klarsprak.checks.builtins import (  # noqa: F401
    avsender,
    brukerfokus,
    dansk,
    dialog,
    emoji,
    fagord,
    forkortelser,
    gjentatte_ord,
    kanal,
    passiv,
    personopplysninger,
    substantivsjuke,
    tiltale,
    tone,
    uu,
)
from klarsprak.checks.builtins.registry import REGISTRY
from klarsprak.core.errors import KlarsprakError
from klarsprak.core.yamlio import validate


class BuiltinOptions(Options):
    function: str
    options: dict[str, Any] = {}


class Builtin(Check):
    """A shell that builds the registered implementation with its own validated options."""

    Options = BuiltinOptions

    @staticmethod
    def create(rule: Any, options: BuiltinOptions, library: Any) -> Check:
        implementations = REGISTRY
        cls = implementations.get(options.function)
        if cls is None:
            known = ", ".join(sorted(implementations))
            raise KlarsprakError(f"ukjent innebygd funksjon «{options.function}» (kjente: {known})",
                                 str(rule.path), rule.line_of("function"))
        own = validate(cls.Options, options.options, str(rule.path), rule.lines, ("options",))
        return cls(rule, own, library)

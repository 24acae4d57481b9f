"""``builtin``: logic that is code, registered by name and configured from the rule's YAML.

Implementations live in :mod:`klarsprak.builtins` (one module per topic) and register themselves
with :func:`register`; a rule file says ``kind: builtin`` and ``function: NAME``.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from klarsprak.checks import Check, Options
from klarsprak.errors import KlarsprakError

_REGISTRY: dict[str, type[Check]] = {}
_LOADED = False  # every module in klarsprak.builtins imported (one may be imported directly first)


def register(name: str):
    """Class decorator: make a :class:`Check` subclass available as ``function: name``."""

    def decorate(cls: type[Check]) -> type[Check]:
        _REGISTRY[name] = cls
        return cls

    return decorate


def registry() -> dict[str, type[Check]]:
    global _LOADED
    if not _LOADED:
        import klarsprak.builtins as package

        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
        _LOADED = True
    return _REGISTRY


class BuiltinOptions(Options):
    function: str
    options: dict[str, Any] = {}


class Builtin(Check):
    """A shell that builds the registered implementation with its own validated options."""

    Options = BuiltinOptions

    @staticmethod
    def create(rule: Any, options: BuiltinOptions, library: Any) -> Check:
        from klarsprak.yamlio import validate

        implementations = registry()
        cls = implementations.get(options.function)
        if cls is None:
            known = ", ".join(sorted(implementations))
            raise KlarsprakError(f"ukjent innebygd funksjon «{options.function}» (kjente: {known})",
                                 str(rule.path), rule.line_of("function"))
        own = validate(cls.Options, options.options, str(rule.path), rule.lines, ("options",))
        return cls(rule, own, library)

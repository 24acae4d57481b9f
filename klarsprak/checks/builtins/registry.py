"""The names that ``kind: builtin`` rules use (``function: NAME``), filled by ``@register``."""

from __future__ import annotations

from klarsprak.checks.base import Check

REGISTRY: dict[str, type[Check]] = {}


def register(name: str):
    """Class decorator: make a :class:`Check` subclass available as ``function: name``."""

    def decorate(cls: type[Check]) -> type[Check]:
        REGISTRY[name] = cls
        return cls

    return decorate

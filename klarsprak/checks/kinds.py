"""The check kinds by name: a rule's YAML says ``kind: NAME`` and gets that module's check."""

from __future__ import annotations

from klarsprak.checks import (
    accumulation,
    builtin,
    consistency,
    existence,
    metric,
    occurrence,
    pattern,
    substitution,
)
from klarsprak.checks.base import Check

KINDS: dict[str, type[Check]] = {
    "substitution": substitution.Substitution,
    "existence": existence.Existence,
    "pattern": pattern.Pattern,
    "metric": metric.Metric,
    "occurrence": occurrence.Occurrence,
    "consistency": consistency.Consistency,
    "builtin": builtin.Builtin,
    "accumulation": accumulation.Accumulation,
}

"""Every rule carries its own examples: each bad one is flagged by that rule, each good one is not."""

from __future__ import annotations

import pytest

from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine
from klarsprak.engine.rules import load_rules

ALL_RULES = load_rules(Config())


def _cases(kind: str):
    for rule in ALL_RULES:
        for index, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule.id, example, id=f"{rule.id}-{kind}-{index}")


@pytest.fixture(scope="module")
def every_rule_engine() -> Engine:
    """All shipped rules switched on, also those that are off by default."""
    return Engine(Config().with_changes(select=[rule.id for rule in ALL_RULES]))


def _found(engine: Engine, rule_id: str, example) -> list[str]:
    result = engine.check(example.as_post(), "eksempel.md")
    return [f"{d.line}:{d.column} {d.message}" for d in result.diagnostics if d.rule == rule_id]


def test_every_rule_has_good_and_bad_examples():
    assert ALL_RULES, "no rules were loaded"
    for rule in ALL_RULES:
        assert rule.bad and rule.good, rule.id


@pytest.mark.parametrize(("rule_id", "example"), list(_cases("bad")))
def test_bad_example_is_flagged(every_rule_engine, rule_id, example):
    assert _found(every_rule_engine, rule_id, example), f"{rule_id} missed: {example.text!r}"


@pytest.mark.parametrize(("rule_id", "example"), list(_cases("good")))
def test_good_example_is_clean(every_rule_engine, rule_id, example):
    assert not _found(every_rule_engine, rule_id, example), f"{rule_id} flagged a good example: {example.text!r}"

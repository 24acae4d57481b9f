"""A real agency e-mail (seed 003) written in «myndighetsspråk»: klarsprak must light it up.

The seed is read from ../shared/seeds and never copied into the repository.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SHARED

SEEDS = SHARED / "seeds"


def _seed() -> Path:
    found = sorted(SEEDS.glob("003_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip(f"seed 003 finnes ikke i {SEEDS} (delte data er ikke montert)")
    return found[0]


@pytest.fixture(scope="module")
def result():
    from klarsprak.engine.lint import Engine

    path = _seed()
    text = path.read_text(encoding="utf-8")
    checked = Engine().check(text, path.name)
    assert not checked.rule_errors, checked.rule_errors
    return text, checked


def _spans(result, rule: str) -> list[str]:
    text, checked = result
    return [text[d.start:d.end] for d in checked.diagnostics if d.rule == rule]


def test_it_is_read_as_bokmal(result):
    _, checked = result
    assert checked.malform == "nb"


def test_long_sentences_are_flagged(result):
    # The e-mail is full of 25–40 word sentences; a handful would be a miss.
    assert len(_spans(result, "setningslengde")) >= 10


def test_stiff_official_words_are_flagged(result):
    words = {span.lower() for span in _spans(result, "byrakratisk-ord")}
    assert {"ivareta", "svarer ut", "synliggjøre"} <= words


def test_the_ministry_and_the_institute_are_unexplained_abbreviations(result):
    text, checked = result
    hits = [d for d in checked.diagnostics if d.rule == "forkortelser"]
    assert [text[d.start:d.end] for d in hits] == ["HOD", "FHI"]  # each once, at first use
    assert "Helse- og omsorgsdepartementet (HOD)" in hits[0].message
    assert "Folkehelseinstituttet (FHI)" in hits[1].message


def test_impersonal_man_is_flagged(result):
    assert _spans(result, "tiltale") == ["man", "man"]


def test_readability_is_reported_as_difficult(result):
    _, checked = result
    assert checked.stats.lix > 45
    [message] = [d.message for d in checked.diagnostics if d.rule == "lix"]
    assert "vanskelig" in message


def test_no_false_personal_data_or_repeated_words(result):
    # The sender's name and the URLs are not personal data in the sense of the rule.
    counts = Counter(d.rule for d in result[1].diagnostics)
    assert counts["personopplysninger"] == 0
    assert counts["gjentatte-ord"] == 0

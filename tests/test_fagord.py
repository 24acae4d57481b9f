"""``fagord``: rare words and opaque compounds get a hint; known, explained and listed words do not."""

from __future__ import annotations

import pytest

from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine


def _fagord(text: str, malform: str = "nb", **config) -> list[str]:
    engine = Engine(Config().with_changes(select=["fagord"], **config))
    result = engine.check(text, "innlegg.txt", fmt="text", front_matter={"malform": malform})
    return [text[d.start:d.end] for d in result.diagnostics if d.rule == "fagord"]


def test_rare_terms_are_flagged_as_hints():
    text = "Takstgrunnlaget er endret. Behandlingen er refusjonsberettiget, og egenandelstaket er nådd."
    engine = Engine(Config().with_changes(select=["fagord"]))
    result = engine.check(text, "innlegg.txt", fmt="text", front_matter={"malform": "nb"})
    found = {text[d.start:d.end]: d for d in result.diagnostics if d.rule == "fagord"}
    assert set(found) == {"Takstgrunnlaget", "refusjonsberettiget", "egenandelstaket"}
    assert all(d.severity.label in ("hint", "info") for d in found.values())
    assert all("Forklar" in d.message for d in found.values())


@pytest.mark.parametrize("text", [
    "Barnevaksinasjonsprogrammet beskytter barna mot alvorlige sykdommer.",  # allow list
    "Vaksinasjonsprogrammet beskytter barna, og helsestasjonen gir timebestilling på nett.",
    "Koronasituasjonen er bedre, og smittevernrådene er enklere nå.",  # known compound parts
    "Vi tilbyr blodtrykksmåling på apoteket.",  # two common parts
    "Multimorbiditet (flere sykdommer samtidig) er vanlig hos eldre.",  # explained in brackets
    "Mange eldre har multimorbiditet, som betyr at de har flere sykdommer samtidig.",
    "Les mer i rapporten fra Kontinentalsokkelutvalget i dag.",  # a capitalised name mid-sentence
])
def test_known_explained_and_named_words_are_clean(text):
    assert _fagord(text) == []


def test_project_words_are_never_flagged():
    text = "Egenandelstaket er nådd."
    assert _fagord(text) == ["Egenandelstaket"]
    assert _fagord(text, words=["egenandelstaket"]) == []


def test_a_word_is_reported_once_per_post():
    text = "Egenandelstaket er nådd.\n\nNår egenandelstaket er nådd, får du frikort."
    assert _fagord(text) == ["Egenandelstaket"]


def test_nynorsk_dictionary_words_are_known():
    assert _fagord("Etterspurnaden etter fagforeiningane aukar, seier skodespelaren.", "nn") == []
    assert _fagord("Eldre med multimorbiditet treng ein fast lege.", "nn") == ["multimorbiditet"]

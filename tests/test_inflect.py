"""The inflection generator: real forms in bokmål and nynorsk, and no other common words."""

from __future__ import annotations

import pytest

from klarsprak.language.inflect import PARADIGMS, generate_forms


def forms(word: str, paradigm: str, malform: str) -> set[str]:
    return generate_forms(word, paradigm, malform)


# --- verbs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "malform", "expected"),
    [
        ("foreligge", "nb", {"foreligger", "forelå", "foreligget", "foreliggende"}),
        ("liggje føre", "nn", {"ligg føre", "låg føre", "lege føre"}),
        ("iverksette", "nb", {"iverksetter", "iverksatte", "iverksatt", "iverksettes"}),
        ("iverksetje", "nn", {"iverkset", "iverksette", "iverksett", "iverksetjast", "iverksettast"}),
        ("ivareta", "nb", {"ivaretar", "ivaretok", "ivaretatt", "ivaretas"}),
        ("vareta", "nn", {"varetek", "varetar", "varetok", "varetakast"}),
        ("forestå", "nb", {"forestår", "foresto", "forestod", "forestått"}),
        ("synliggjøre", "nb", {"synliggjør", "synliggjorde", "synliggjort", "synliggjøres"}),
        ("synleggjere", "nn", {"synleggjer", "synleggjorde", "synleggjort", "synleggjerast"}),
        ("hensynta", "nb", {"hensyntar", "hensyntok", "hensyntatt", "hensyntas"}),
        ("tilrettelegge for", "nb", {"tilrettelegger for", "tilrettela for", "tilrettelagt for"}),
        ("unnlate", "nb", {"unnlater", "unnlot", "unnlatt"}),
        ("bistå", "nb", {"bistår", "bisto", "bistått"}),
        ("ta i bruk", "nb", {"tar i bruk", "tok i bruk", "tatt i bruk", "tas i bruk"}),
        ("ta i bruk", "nn", {"tek i bruk", "tok i bruk", "teke i bruk", "takast i bruk"}),
    ],
)
def test_strong_verbs_and_their_compounds(word: str, malform: str, expected: set[str]) -> None:
    assert expected <= forms(word, "verb", malform)


def test_weak_verb_classes_in_both_standards() -> None:
    assert {"kaster", "kastet", "kastes", "kastende"} <= forms("kaste", "verb-et", "nb")
    assert {"kastar", "kasta", "kastast", "kastande"} <= forms("kaste", "verb-a", "nn")
    assert {"glemmer", "glemte", "glemt", "glemmes"} <= forms("glemme", "verb-te", "nb")
    assert "glemmte" not in forms("glemme", "verb-te", "nb")
    assert {"etterlevde", "etterlevd", "etterleves"} <= forms("etterleve", "verb-de", "nb")
    assert {"bor", "bodde", "bodd"} <= forms("bo", "verb-dde", "nb")
    assert {"bur", "budde", "budd"} <= forms("bu", "verb-dde", "nn")


def test_verb_guesses_te_for_ere_verbs_and_et_a_otherwise() -> None:
    assert {"prioriterer", "prioriterte", "prioritert", "prioriteres"} <= forms("prioritere", "verb", "nb")
    assert {"prioriterer", "prioriterte", "prioriterast"} <= forms("prioritere", "verb", "nn")
    assert {"benytter", "benyttet", "benyttes"} <= forms("benytte", "verb", "nb")
    assert {"vurderte"} <= forms("vurdere", "verb", "both")


def test_nynorsk_a_infinitive_and_bokmal_forms_are_kept_apart() -> None:
    nynorsk = forms("kaste", "verb-a", "nn")
    bokmal = forms("kaste", "verb-et", "nb")
    assert "kasta" in nynorsk and "kastar" in nynorsk
    assert "kastar" not in bokmal and "kastast" not in bokmal
    assert forms("kaste", "verb-a", "both") == nynorsk | bokmal


# --- nouns ------------------------------------------------------------------------------------


def test_masculine_nouns() -> None:
    assert {"søknaden", "søknader", "søknadene", "søknadens"} <= forms("søknad", "noun-m", "nb")
    assert {"søknaden", "søknader", "søknadene"} <= forms("søknad", "noun-m", "nn")
    assert {"læreren", "lærere", "lærerne"} <= forms("lærer", "noun-m", "nb")
    assert {"læraren", "lærarar", "lærarane"} <= forms("lærar", "noun-m", "nn")
    assert {"bakken", "bakker", "bakkene"} <= forms("bakke", "noun-m", "nb")
    assert {"bakken", "bakkar", "bakkane"} <= forms("bakke", "noun-m", "nn")
    assert {"sykkelen", "sykler", "syklene"} <= forms("sykkel", "noun-m", "nb")
    assert {"syklar", "syklane"} <= forms("sykkel", "noun-m", "nn")


def test_feminine_nouns_take_a_and_in_bokmal_also_en() -> None:
    assert {"vurderinga", "vurderingen", "vurderinger", "vurderingene"} <= forms("vurdering", "noun-f", "nb")
    nynorsk = forms("vurdering", "noun-f", "nn")
    assert {"vurderinga", "vurderingar", "vurderingane"} <= nynorsk
    assert "vurderinger" not in nynorsk  # -ing words take -ar in nynorsk
    assert {"moglegheita", "moglegheiter", "moglegheitene"} <= forms("moglegheit", "noun-f", "nn")
    assert {"jenta", "jenter", "jentene"} <= forms("jente", "noun-f", "both")


def test_neuter_nouns() -> None:
    assert {"området", "områder", "områdene"} <= forms("område", "noun-n", "nb")
    assert {"området", "områda"} <= forms("område", "noun-n", "nn")
    assert {"tilbudet", "tilbudene"} <= forms("tilbud", "noun-n", "nb")
    assert {"prosjektet", "prosjekter", "prosjektene"} <= forms("prosjekt", "noun-n", "nb")


def test_words_ending_in_ae_oe_aa() -> None:
    assert {"køen", "køer", "køene"} <= forms("kø", "noun-m", "nb")
    assert {"køen", "køar", "køane"} <= forms("kø", "noun-m", "nn")
    assert {"nivået", "nivåer", "nivåene"} <= forms("nivå", "noun-n", "nb")
    assert {"nivået", "nivåa"} <= forms("nivå", "noun-n", "nn")
    assert {"miljøet", "miljøer"} <= forms("miljø", "noun-n", "nb")
    assert {"brua", "bruer"} <= forms("bru", "noun-f", "nn")
    assert {"blått", "blåe"} <= forms("blå", "adj", "nb")
    assert "høyt" in forms("høy", "adj", "nb")


# --- adjectives -------------------------------------------------------------------------------


def test_adjectives_and_participles() -> None:
    assert "påkrevde" in forms("påkrevd", "adj", "nb")
    assert forms("foreliggende", "adj", "both") == {"foreliggende"}
    assert forms("føreliggjande", "adj", "nn") == {"føreliggjande"}
    assert {"handikappede", "handikappete"} <= forms("handikappet", "adj", "nb")
    assert {"tydelege", "tydelegare", "tydelegast"} <= forms("tydeleg", "adj", "nn")
    assert {"viktige", "viktigere", "viktigst", "viktigste"} <= forms("viktig", "adj", "nb")
    assert {"åpent", "åpne"} <= forms("åpen", "adj", "nb")
    assert {"ope", "opent", "opne"} <= forms("open", "adj", "nn")
    assert {"gammelt", "gamle"} <= forms("gammel", "adj", "nb")
    assert {"sinnssykt", "sinnssyke"} <= forms("sinnssyk", "adj", "nb")
    assert {"døvstumme"} <= forms("døvstum", "adj", "nb")
    assert {"kjent"} <= forms("kjend", "adj", "nn")


def test_phrases_inflect_the_head_word() -> None:
    assert "psykisk utviklingshemmede" in forms("psykisk utviklingshemmet", "adj", "nb")
    assert "andregenerasjons innvandrere" in forms("andregenerasjons innvandrer", "noun-m", "nb")
    # adjective + preposition phrase: the adjective before «til» inflects, not «rullestolen»
    inflected = forms("bundet til rullestolen", "adj", "nb")
    assert all(form.endswith(" til rullestolen") for form in inflected)


# --- precision: never another common word ---------------------------------------------------


@pytest.mark.parametrize(
    ("word", "paradigm", "malform", "other_word"),
    [
        ("forestå", "verb", "nb", "forestående"),  # upcoming
        ("foregå", "verb", "nb", "foregående"),  # previous
        ("føregå", "verb", "nn", "føregåande"),
        ("forhold", "noun-n", "nb", "forholder"),  # verb «forholde seg»
        ("opphold", "noun-n", "nb", "oppholder"),
        ("søke", "verb-te", "nb", "søk"),  # noun; weak verbs get no imperative
        ("vise", "verb-te", "nb", "viså"),  # «vise» is not «vi» + «se»
        ("starte", "verb", "nn", "startok"),  # «starte» is not «star» + «ta»
        ("skap", "noun-n", "nb", "skaper"),  # verb «skape»
    ],
)
def test_known_collisions_are_not_generated(word: str, paradigm: str, malform: str, other_word: str) -> None:
    assert other_word not in forms(word, paradigm, malform)


# --- API --------------------------------------------------------------------------------------


def test_lemma_is_always_included_and_whitespace_normalised() -> None:
    assert "ta i bruk" in forms("  ta  i   bruk ", "verb", "nb")
    for code in PARADIGMS:
        assert "test" in forms("test", code, "nb")


def test_unknown_paradigm_or_malform_fails_loudly() -> None:
    with pytest.raises(ValueError, match="bøyingsmønster"):
        generate_forms("søknad", "noun-x", "nb")
    with pytest.raises(ValueError, match="målform"):
        generate_forms("søknad", "noun-m", "sv")
    with pytest.raises(ValueError):
        generate_forms("   ", "noun-m", "nb")


def test_paradigm_codes_named_in_the_brief_exist() -> None:
    assert {"verb", "verb-a", "verb-te", "noun-m", "noun-f", "noun-n", "adj"} <= set(PARADIGMS)

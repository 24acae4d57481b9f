"""Inflected surface forms for word-list lemmas, in bokmål and nynorsk, without a dictionary.

Why this exists: the word lists in ``wordlists/`` are lemma-based so that a lemmatiser can take
over matching later, but until one is in place the matcher needs every surface form
(«foreligger», «forelå», «foreliggende»). Exact-string lists such as NAV's miss exactly these.

The rules cover the regular Norwegian paradigms plus a table of the strong verbs (in
:mod:`klarsprak.language.verbs`) that most stiff
official verbs are built on (``fore|ligge``, ``iverk|sette``, ``ivare|ta``, ``synlig|gjøre`` …).
Anything else irregular goes in a word-list entry's ``forms``.

Design choices:
- Over-generating a non-word is harmless (it never occurs in text), so where the norm allows
  several forms (bokmål «-a»/«-en» in feminine nouns, nynorsk e-/a-infinitive) all are given.
- Generating a form that is a *different* common word is harmful (a false alarm), so
  lexicalised present participles such as «forestående» (upcoming) or «foregående» (previous)
  are never generated from «forestå»/«foregå»: see ``NEVER_GENERATE``.
- Phrases inflect one word: the first word of a verb phrase («ta i bruk» → «tok i bruk»); in
  noun and adjective phrases the word before the first preposition («bundet til rullestolen»),
  otherwise the last word («psykisk utviklingshemmet» → «psykisk utviklingshemmede»).

Public API: ``PARADIGMS`` (code → function(word, malform) → forms of one word) and
``generate_forms(word, paradigm, malform)``; ``malform`` is "nb", "nn" or "both".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from klarsprak.language.verbs import (
    VOWELS,
    before_t,
    syllables,
    verb_auto,
    weak_paradigm,
)

MALFORMS = ("nb", "nn", "both")

# Present participles that have become words of their own with another meaning. Generating
# them from the verb would flag e.g. «det forestående valget» as a form of «forestå».
NEVER_GENERATE: frozenset[str] = frozenset(
    {
        "forestående", "føreståande",  # upcoming (not «stå for»)
        "foregående", "føregåande",  # previous (not «take place»)
        "vedkommende", "vedkomande",  # the person concerned
        "tilsvarende", "tilsvarande",  # equivalent
        "påfølgende", "påfølgjande",  # following
        "etterfølgende", "etterfølgjande",  # subsequent
        "gjeldende", "gjeldande",  # current, in force
        "fremtredende", "framtredande",  # prominent
        "overveiende", "overveigande",  # predominantly
        "innebærende",
        "iøynefallende",
        "utestående",  # outstanding (debt)
    }
)

# Prepositions that end the head of a noun or adjective phrase («bundet til rullestolen»).
_PREPOSITIONS = frozenset(
    """
    av bak etter for fra frå før føre hos i med mellom mot om over på til under ved
    """.split()  # noqa: SIM905 - a word list reads better as text
)


# --------------------------------------------------------------------------------------------
# Nouns
# --------------------------------------------------------------------------------------------


def _noun_stem(word: str) -> str:
    """Stem for endings: drop an unstressed -e («bakke» → «bakk», «stue» → «stu»), -um, accents."""
    if word.endswith("é"):  # idé → ideen
        return word[:-1] + "e"
    if word.endswith("um") and syllables(word) >= 3:  # museum → museet, medium → medier
        return word[:-2]
    if word.endswith("e") and not word.endswith("ee") and any(c in VOWELS for c in word[:-1]):
        return word[:-1]
    return word


def _syncope(word: str) -> str | None:
    """Stem without the -e- of a final unstressed -el/-er/-en («sykkel» → «sykl»)."""
    if len(word) >= 4 and word[-2] == "e" and word[-1] in "lrn" and word[-3] not in VOWELS:
        return before_t(word[:-2]) + word[-1]
    return None


def _double_final_m(word: str) -> str | None:
    """«program» → «programm»: a final -m after a short vowel doubles before an ending."""
    if len(word) > 2 and word[-1] == "m" and word[-2] in VOWELS:
        return word + "m"
    return None


def _stems(word: str) -> list[str]:
    stems = [_noun_stem(word)]
    if len(word) <= 3 and stems[0] != word:  # «ide» → «ideen» as well as «uke» → «uken»
        stems.append(word)
    doubled = _double_final_m(word)
    if doubled:
        stems.append(doubled)
    return stems


def _genitives(forms: set[str]) -> set[str]:
    return {form + "s" for form in forms if form[-1] not in "sxz"}


def noun_m(word: str, malform: str) -> set[str]:
    """Masculine noun: bokmål -en/-er/-ene (agent nouns in -er: -e/-ne), nynorsk -en/-ar/-ane."""
    forms = {word}
    for stem in _stems(word):
        if malform == "nb":
            forms |= {stem + "en", stem + "er", stem + "ene"}
            if word.endswith("er"):  # lærer → lærere, lærerne
                forms |= {word + "e", word + "ne"}
        else:
            forms.add(stem + "en")
            if word.endswith("nad"):  # søknad → søknader, søknadene
                forms |= {stem + "er", stem + "ene"}
            else:
                forms |= {stem + "ar", stem + "ane"}
    short = _syncope(word)
    if short:
        forms |= {short + "er", short + "ene"} if malform == "nb" else {short + "ar", short + "ane"}
    if malform == "nb":
        forms |= _genitives(forms)
    return forms


def noun_f(word: str, malform: str) -> set[str]:
    """Feminine noun: -a (bokmål also -en); plural -er, in nynorsk -ar for words in -ing."""
    forms = {word}
    for stem in _stems(word):
        forms.add(stem + "a")
        if malform == "nb":
            forms |= {stem + "en", stem + "er", stem + "ene"}
        elif word.endswith("ing"):
            forms |= {stem + "ar", stem + "ane"}
        else:
            forms |= {stem + "er", stem + "ene"}
    short = _syncope(word)
    if short:
        forms |= {short + "a", short + "er", short + "ene"}
    if malform == "nb":
        forms |= _genitives(forms)
    return forms


# Neuter nouns whose indefinite plural takes -er also when they do not end in -e.
_NEUTER_ER_SUFFIXES = (
    "ment", "ent", "at", "tet", "eri", "ium", "um", "em", "om", "am", "al", "iv", "tek", "skap",
    "ukt", "ekt", "ipp", "utt", "unkt", "ed", "ti", "jø", "tal", "ett", "ark", "ell",
)


def noun_n(word: str, malform: str) -> set[str]:
    """Neuter noun: -et; plural zero (or -er after -e and loan suffixes), -ene/-a."""
    forms = {word}
    for stem in _stems(word):
        forms.add(stem + "et")
        if malform == "nb":
            forms |= {stem + "ene", stem + "a"}
            if (
                word.endswith("e")
                or word[-1] in VOWELS  # nivå → nivåer, parti → partier
                or (syllables(word) >= 2 and word.endswith(_NEUTER_ER_SUFFIXES))
            ):
                forms.add(stem + "er")
        else:
            forms.add(stem + "a")
    short = _syncope(word)
    if short:
        forms |= {short + "et", short + "a"} | ({short + "er", short + "ene"} if malform == "nb" else set())
    if malform == "nb":
        forms |= _genitives(forms)
    return forms


# --------------------------------------------------------------------------------------------
# Adjectives
# --------------------------------------------------------------------------------------------


def adj(word: str, malform: str) -> set[str]:
    """Adjective (and participle used as one): neuter, definite/plural, comparison.

    Present participles («foreliggende», «føreliggjande») and -e adjectives do not inflect.
    """
    if word.endswith("e"):  # -ende/-ande participles, «stille», «moderne»
        return {word}
    comp, sup = ("ere", "est") if malform == "nb" else ("are", "ast")
    forms = {word}
    if malform == "nn" and word.endswith("a") and syllables(word) > 1:
        return forms  # nynorsk -a participles («handikappa») do not inflect
    if word.endswith("et") and syllables(word) > 1:  # handikappet → handikappede/-ete
        return forms | {word[:-2] + "ede", word + "e"}
    if word.endswith(("ig", "leg", "eg", "isk")):
        short_sup = "st" if malform == "nb" and word.endswith("ig") else sup
        forms |= {word + "e", word + comp, word + short_sup, word + short_sup + "e"}
        if word.endswith("sk"):  # frisk → friskt (but norsk, typisk: no -t; harmless)
            forms.add(word + "t")
        return forms
    if word[-1] in VOWELS:  # blå → blått, ny → nytt; høy → høyt, grei → greit/greitt
        neuters = {word + "t", word + "tt"} if word[-2:-1] in VOWELS else {word + "tt"}
        return forms | neuters | {word + "e", word + comp, word + sup, word + sup + "e"}
    if word.endswith("t"):  # tunghørt → tunghørte; hvit → hvitt; lett → lettere
        forms |= {word + "e", word + comp, word + sup, word + sup + "e"}
        if word[-2] in VOWELS:
            forms.add(word + "t")
        return forms
    if word.endswith("d"):  # kjend → kjent, sjølvsagd → sjølvsagt, bortsedd → bortsett, rød → rødt
        stem = word[:-2] + "tt" if word.endswith("dd") else word[:-1] + "t"
        return forms | {stem, word + "t", word + "e", word + comp, word + sup, word + sup + "e"}
    short = _syncope(word)
    if short:  # åpen → åpent/åpne, gammel → gammelt/gamle, open → ope/opent/opne
        forms |= {word + "t", short + "e", short + comp, short + sup, short + sup + "e"}
        if malform == "nn" and word.endswith("en"):
            forms.add(word[:-1])
        return forms
    neuter = {word + "t"}
    if len(word) > 2 and word[-1] == word[-2]:  # grønn → grønt (but full → fullt)
        neuter.add(word[:-1] + "t")
    forms |= neuter | {word + "e", word + comp, word + sup, word + sup + "e"}
    doubled = _double_final_m(word)
    if doubled:  # døvstum → døvstumme
        forms |= {doubled + "e", doubled + comp}
    return forms


# --------------------------------------------------------------------------------------------
# Registry and entry point
# --------------------------------------------------------------------------------------------

PARADIGMS: dict[str, Callable[[str, str], set[str]]] = {
    "verb": verb_auto,
    "verb-et": weak_paradigm("et"),
    "verb-a": weak_paradigm("et"),  # nynorsk a-verb = bokmål -et verb
    "verb-te": weak_paradigm("te"),
    "verb-de": weak_paradigm("de"),
    "verb-dde": weak_paradigm("dde"),
    "noun-m": noun_m,
    "noun-f": noun_f,
    "noun-n": noun_n,
    "adj": adj,
}

PARADIGM_DESCRIPTIONS: dict[str, str] = {
    "verb": "verb; sterke verb (foreligge, iverksette, ivareta …) kjennes igjen, ellers -et/-a (-ere: -te)",
    "verb-et": "svakt verb med -et (bokmål) / -a (nynorsk): kaste – kastet/kasta",
    "verb-a": "som verb-et: a-verb på nynorsk",
    "verb-te": "svakt verb med -te: prioritere – prioriterte",
    "verb-de": "svakt verb med -de: leve – levde",
    "verb-dde": "svakt verb med -dde: bo – bodde",
    "noun-m": "hankjønnsord: søknad – søknaden – søknader/søknadar",
    "noun-f": "hokjønnsord: vurdering – vurderinga/vurderingen – vurderinger/vurderingar",
    "noun-n": "intetkjønnsord: tilbud – tilbudet – tilbud – tilbudene",
    "adj": "adjektiv og partisipp: påkrevd – påkrevde; foreliggende bøyes ikke",
}


def _head_index(words: list[str], paradigm: str) -> int:
    """Which word of a phrase inflects: verbs the first; nouns/adjectives the last before a preposition."""
    if paradigm.startswith("verb"):
        return 0
    for index, token in enumerate(words[1:], start=1):
        if token in _PREPOSITIONS:
            return index - 1
    return len(words) - 1


@lru_cache(maxsize=4096)
def _generate(word: str, paradigm: str, malform: str) -> frozenset[str]:
    words = word.split()
    head = _head_index(words, paradigm)
    function = PARADIGMS[paradigm]
    standards = ("nb", "nn") if malform == "both" else (malform,)
    heads: set[str] = set()
    for standard in standards:
        heads |= function(words[head], standard)
    heads = {form for form in heads if form == words[head] or form not in NEVER_GENERATE}
    return frozenset(" ".join([*words[:head], form, *words[head + 1:]]) for form in heads)


def generate_forms(word: str, paradigm: str, malform: str) -> set[str]:
    """All surface forms of ``word`` (lemma or phrase, lower case) under ``paradigm``.

    ``malform`` is "nb", "nn" or "both" (the union). The lemma itself is always included.
    Raises ValueError for an unknown paradigm or målform, so a word-list typo fails loudly.
    """
    if paradigm not in PARADIGMS:
        raise ValueError(f"ukjent bøyingsmønster «{paradigm}» (kjente: {', '.join(sorted(PARADIGMS))})")
    if malform not in MALFORMS:
        raise ValueError(f"ukjent målform «{malform}» (bruk nb, nn eller both)")
    word = " ".join(word.split())
    if not word:
        raise ValueError("tomt ord")
    return set(_generate(word, paradigm, malform)) | {word}

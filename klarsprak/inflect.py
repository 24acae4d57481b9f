"""Inflected surface forms for word-list lemmas, in bokmål and nynorsk, without a dictionary.

Why this exists: the word lists in ``wordlists/`` are lemma-based so that a lemmatiser can take
over matching later, but until one is in place the matcher needs every surface form
(«foreligger», «forelå», «foreliggende»). Exact-string lists such as NAV's miss exactly these.

The rules cover the regular Norwegian paradigms plus a table of the strong verbs that most stiff
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
from dataclasses import dataclass
from functools import lru_cache

MALFORMS = ("nb", "nn", "both")
VOWELS = frozenset("aeiouyæøåéèêóòâ")

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
# Verbs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerbForms:
    """The principal parts of one verb in one standard; every field holds surface forms."""

    infinitive: tuple[str, ...]
    present: tuple[str, ...]
    past: tuple[str, ...]
    participle: tuple[str, ...]  # perfect participle incl. its adjectival forms
    passive: tuple[str, ...] = ()
    imperative: tuple[str, ...] = ()
    present_participle: tuple[str, ...] = ()

    def all(self) -> set[str]:
        return {
            *self.infinitive, *self.present, *self.past, *self.participle,
            *self.passive, *self.imperative, *self.present_participle,
        }

    def with_prefix(self, prefix: str) -> VerbForms:
        def add(forms: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(prefix + form for form in forms)

        return VerbForms(
            add(self.infinitive), add(self.present), add(self.past), add(self.participle),
            add(self.passive), add(self.imperative), add(self.present_participle),
        )


def _v(
    inf: str, pres: str, past: str, ptc: str, passive: str = "", imp: str = "", prp: str = ""
) -> VerbForms:
    """Compact constructor for the strong-verb table: comma-separated alternatives."""

    def split(value: str) -> tuple[str, ...]:
        return tuple(part for part in value.split(",") if part)

    return VerbForms(split(inf), split(pres), split(past), split(ptc), split(passive), split(imp), split(prp))


# Strong and irregular verbs that stiff official verbs are compounds of. Bokmål and nynorsk
# parts follow Bokmålsordboka/Nynorskordboka (main and allowed forms).
STRONG_VERBS: dict[str, dict[str, VerbForms]] = {
    "ta": {
        "nb": _v("ta", "tar", "tok", "tatt,tatte", "tas", "ta", ""),
        "nn": _v("ta,take,taka", "tek,tar", "tok", "teke,teken,tekne,tatt,tatte",
                 "takast,tast", "ta", "takande"),
    },
    "ligge": {
        "nb": _v("ligge", "ligger", "lå", "ligget", "", "ligg", "liggende"),
        "nn": _v("liggje,liggja,ligge,ligga", "ligg", "låg", "lege,ligge",
                 "", "ligg", "liggjande,liggande"),
    },
    "sette": {
        "nb": _v("sette", "setter", "satte", "satt,satte", "settes", "sett", "settende"),
        "nn": _v("setje,setja,sette,setta", "set", "sette", "sett,sette",
                 "setjast,settast", "set,sett", "setjande,settande"),
    },
    "legge": {
        "nb": _v("legge", "legger", "la", "lagt,lagte", "legges", "legg", "leggende"),
        "nn": _v("leggje,leggja,legge,legga", "legg", "la", "lagt,lagde,lagte",
                 "leggjast,leggast", "legg", "leggjande,leggande"),
    },
    "stå": {
        "nb": _v("stå", "står", "sto,stod", "stått", "stås", "stå", "stående"),
        "nn": _v("stå", "står", "stod", "stått,stade", "ståast", "stå", "ståande"),
    },
    "gå": {
        "nb": _v("gå", "går", "gikk", "gått", "gås", "gå", "gående"),
        "nn": _v("gå", "går", "gjekk", "gått,gjenge", "gåast", "gå", "gåande"),
    },
    "gjøre": {
        "nb": _v("gjøre", "gjør", "gjorde", "gjort,gjorte", "gjøres", "gjør", "gjørende"),
        "nn": _v("gjøre", "gjør", "gjorde", "gjort", "gjøres", "gjør", ""),  # bokmål form, see gjere
    },
    "gjere": {
        "nb": _v("gjere", "gjer", "gjorde", "gjort", "gjerast", "gjer", "gjerande"),  # nynorsk only
        "nn": _v("gjere,gjera", "gjer", "gjorde", "gjort,gjorde", "gjerast", "gjer", "gjerande"),
    },
    "gi": {
        "nb": _v("gi", "gir", "ga,gav", "gitt,gitte", "gis", "gi", "givende"),
        "nn": _v("gi,gje,gjeve", "gir,gjev", "gav,ga", "gitt,gjeve,gjeven,gjevne,gitte",
                 "givast,gjevast", "gi,gjev", "givande,gjevande"),
    },
    "komme": {
        "nb": _v("komme", "kommer", "kom", "kommet", "kommes", "kom", "kommende"),
        "nn": _v("kome,koma,komme,komma", "kjem", "kom", "kome,komen,komne,komme",
                 "komast", "kom", "komande"),
    },
    "holde": {
        "nb": _v("holde", "holder", "holdt", "holdt,holdte", "holdes", "hold", "holdende"),
        "nn": _v("halde,halda,holde", "held,holder", "heldt,holdt", "halde,halden,haldne,holdt",
                 "haldast", "hald,hold", "haldande"),
    },
    "bære": {
        "nb": _v("bære", "bærer", "bar", "båret", "bæres", "bær", "bærende"),
        "nn": _v("bere,bera", "ber", "bar", "bore,boren,borne", "berast", "ber", "berande"),
    },
    "se": {
        "nb": _v("se", "ser", "så", "sett", "ses,sees", "se", "seende"),
        "nn": _v("sjå,se", "ser", "såg", "sett", "sjåast,sjåst", "sjå", "sjåande"),
    },
    "si": {
        "nb": _v("si", "sier", "sa", "sagt,sagte", "sies", "si", ""),
        "nn": _v("seie,seia,si", "seier", "sa", "sagt,sagde", "seiast", "sei,si", "seiande"),
    },
    "finne": {
        "nb": _v("finne", "finner", "fant", "funnet", "finnes", "finn", ""),
        "nn": _v("finne,finna", "finn", "fann", "funne,funnen,funne", "finnast", "finn", ""),
    },
    "late": {
        "nb": _v("late", "later", "lot", "latt", "lates", "lat", ""),
        "nn": _v("late,lata", "lèt,let", "lét,let", "late,laten,latne", "latast", "lat", ""),
    },
    "få": {
        "nb": _v("få", "får", "fikk", "fått", "fås", "få", ""),
        "nn": _v("få", "får", "fekk", "fått", "fåast", "få", ""),
    },
    "ha": {
        "nb": _v("ha", "har", "hadde", "hatt", "", "ha", "havende"),
        "nn": _v("ha", "har", "hadde", "hatt", "", "ha", ""),
    },
    "vike": {
        "nb": _v("vike", "viker", "vek,veik", "veket", "vikes", "vik", ""),
        "nn": _v("vike,vika", "vik", "veik", "vike,viken,vikne", "vikast", "vik", ""),
    },
    "bringe": {
        "nb": _v("bringe", "bringer", "brakte", "brakt", "bringes", "bring", ""),
        "nn": _v("bringe,bringa", "bringar,bring", "brakte,bringa", "brakt,bringa",
                 "bringast", "bring", ""),
    },
}

# Bases distinctive enough to be recognised after any first part («synlig|gjøre», «plan|legge»).
_OPEN_BASES = frozenset(
    {"gjøre", "gjere", "ligge", "sette", "legge", "holde", "komme", "bære", "finne", "bringe"}
)
# Nynorsk infinitives that name the same base as a key of STRONG_VERBS.
_BASE_ALIASES = {
    "liggje": "ligge", "setje": "sette", "leggje": "legge", "halde": "holde", "kome": "komme",
    "bere": "bære", "sjå": "se", "seie": "si", "gje": "gi", "take": "ta",
}
# First parts that may precede a short strong base («fore|stå», «ivare|ta», «unn|late» …).
_PREFIXES = frozenset(
    """
    an av be bi bort er etter for fore fra fram frem frå føre gjennom hensyn i inn inne
    ivare iverk med mis mot ned om omsyn opp oppe over på sam til tilbake tilrette under unn
    ut vare ved
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def _is_prefix_chain(text: str) -> bool:
    """True when ``text`` is one or more known verb prefixes glued together («tilrette»)."""
    if not text:
        return True
    return any(text.startswith(p) and _is_prefix_chain(text[len(p):]) for p in _PREFIXES)


def split_strong(verb: str) -> tuple[str, str] | None:
    """(prefix, base) when ``verb`` is a strong base or a compound of one, else None."""
    for length in range(len(verb), 1, -1):
        tail = verb[-length:]
        base = _BASE_ALIASES.get(tail, tail)
        if base not in STRONG_VERBS:
            continue
        prefix = verb[:-length]
        if base in _OPEN_BASES or tail in _BASE_ALIASES and _BASE_ALIASES[tail] in _OPEN_BASES:
            if not prefix or len(prefix) >= 2:
                return prefix, base
        elif _is_prefix_chain(prefix):
            return prefix, base
    return None


def _stem(verb: str) -> str:
    """Infinitive minus its unstressed final -e/-a («kaste» → «kast»; «tre», «bo» stay)."""
    if verb[-1] in "ea" and verb[-2:-1] not in VOWELS and _syllables(verb) >= 2:
        return verb[:-1]
    return verb


def _before_t(stem: str) -> str:
    """Simplify a final double consonant before -t/-te («glemm» → «glem», «kjenn» → «kjen»)."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        return stem[:-1]
    return stem


def _weak(verb: str, cls: str, malform: str) -> VerbForms:
    """Weak verb of class ``et`` (nynorsk a-verb), ``te``, ``de`` or ``dde``."""
    stem = _stem(verb)
    vowel_final = stem == verb  # «bo», «tro», «nå»: no -e to drop
    inf_e = verb if vowel_final else stem + "e"
    if malform == "nb":
        infinitive: tuple[str, ...] = (inf_e,)
        present = (verb + "r",) if vowel_final else (stem + "er",)
        passive = (inf_e + "s",)
        prp = (inf_e + ("ende" if vowel_final else "nde"),)
        if cls == "et":
            past, ptc = (stem + "et", stem + "a"), (stem + "et", stem + "a", stem + "ede", stem + "ete")
        elif cls == "te":
            t = _before_t(stem)
            past, ptc = (t + "te",), (t + "t", t + "te")
        elif cls == "de":
            past, ptc = (stem + "de",), (stem + "d", stem + "de")
        else:  # dde
            past, ptc = (stem + "dde",), (stem + "dd", stem + "dde")
    else:
        infinitive = (inf_e,) if vowel_final else (stem + "e", stem + "a")
        passive = (stem + "ast",) if not vowel_final else (verb + "ast", verb + "st")
        prp = (stem + "ande",)
        if cls == "et":
            present, past, ptc = (stem + "ar",), (stem + "a",), (stem + "a",)
        else:
            present = (verb + "r",) if vowel_final else (stem + "er",)
            if cls == "te":
                t = _before_t(stem)
                past, ptc = (t + "te",), (t + "t", t + "te")
            elif cls == "de":
                past, ptc = (stem + "de",), (stem + "d", stem + "de")
            else:
                past, ptc = (stem + "dde",), (stem + "dd", stem + "dde")
    # No imperative: for weak verbs it is the bare stem, which is very often a noun of its own
    # («lyd», «søk», «press»); stiff official verbs are hardly ever used in the imperative.
    return VerbForms(infinitive, present, past, ptc, passive, (), prp)


def _strong(verb: str, malform: str) -> VerbForms | None:
    split = split_strong(verb)
    if split is None:
        return None
    prefix, base = split
    return STRONG_VERBS[base][malform].with_prefix(prefix)


def _auto_class(verb: str) -> str:
    """Best guess for a weak verb: -ere verbs take -te, vowel-final ones -dde, the rest -et/-a."""
    if verb.endswith("ere"):
        return "te"
    if verb[-1] in VOWELS and verb[-1] not in "ea":
        return "dde"
    return "et"


def verb_auto(word: str, malform: str) -> set[str]:
    """Strong compounds from the table, otherwise a weak class guessed from the ending."""
    strong = _strong(word, malform)
    if strong is not None:
        return strong.all()
    return _weak(word, _auto_class(word), malform).all()


def _weak_paradigm(cls: str) -> Callable[[str, str], set[str]]:
    def paradigm(word: str, malform: str) -> set[str]:
        return _weak(word, cls, malform).all()

    paradigm.__doc__ = f"Weak verb, class -{cls} (explicit: no strong-verb lookup)."
    return paradigm


# --------------------------------------------------------------------------------------------
# Nouns
# --------------------------------------------------------------------------------------------


def _noun_stem(word: str) -> str:
    """Stem for endings: drop an unstressed -e («bakke» → «bakk», «stue» → «stu»), -um, accents."""
    if word.endswith("é"):  # idé → ideen
        return word[:-1] + "e"
    if word.endswith("um") and _syllables(word) >= 3:  # museum → museet, medium → medier
        return word[:-2]
    if word.endswith("e") and not word.endswith("ee") and any(c in VOWELS for c in word[:-1]):
        return word[:-1]
    return word


def _syncope(word: str) -> str | None:
    """Stem without the -e- of a final unstressed -el/-er/-en («sykkel» → «sykl»)."""
    if len(word) >= 4 and word[-2] == "e" and word[-1] in "lrn" and word[-3] not in VOWELS:
        return _before_t(word[:-2]) + word[-1]
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
                or (_syllables(word) >= 2 and word.endswith(_NEUTER_ER_SUFFIXES))
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


def _syllables(word: str) -> int:
    count, previous = 0, False
    for char in word:
        vowel = char in VOWELS
        if vowel and not previous:
            count += 1
        previous = vowel
    return count


def adj(word: str, malform: str) -> set[str]:
    """Adjective (and participle used as one): neuter, definite/plural, comparison.

    Present participles («foreliggende», «føreliggjande») and -e adjectives do not inflect.
    """
    if word.endswith("e"):  # -ende/-ande participles, «stille», «moderne»
        return {word}
    comp, sup = ("ere", "est") if malform == "nb" else ("are", "ast")
    forms = {word}
    if malform == "nn" and word.endswith("a") and _syllables(word) > 1:
        return forms  # nynorsk -a participles («handikappa») do not inflect
    if word.endswith("et") and _syllables(word) > 1:  # handikappet → handikappede/-ete
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
    "verb-et": _weak_paradigm("et"),
    "verb-a": _weak_paradigm("et"),  # nynorsk a-verb = bokmål -et verb
    "verb-te": _weak_paradigm("te"),
    "verb-de": _weak_paradigm("de"),
    "verb-dde": _weak_paradigm("dde"),
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

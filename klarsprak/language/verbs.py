"""Verb paradigms for word-list lemmas: the strong verbs stiff official verbs are built on, and the
weak classes, in bokmål and nynorsk.

``split_strong`` finds the strong base of a compound («fore|ligge», «ivare|ta», «synlig|gjøre»);
``verb_auto`` picks the class of any other verb. :mod:`klarsprak.language.inflect` puts these
beside the noun and adjective paradigms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

VOWELS = frozenset("aeiouyæøåéèêóòâ")


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
    if verb[-1] in "ea" and verb[-2:-1] not in VOWELS and syllables(verb) >= 2:
        return verb[:-1]
    return verb


def before_t(stem: str) -> str:
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
            t = before_t(stem)
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
                t = before_t(stem)
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


def weak_paradigm(cls: str) -> Callable[[str, str], set[str]]:
    def paradigm(word: str, malform: str) -> set[str]:
        return _weak(word, cls, malform).all()

    paradigm.__doc__ = f"Weak verb, class -{cls} (explicit: no strong-verb lookup)."
    return paradigm


def syllables(word: str) -> int:
    """Vowel groups in ``word``: «prioritere» has five."""
    count, previous = 0, False
    for char in word:
        vowel = char in VOWELS
        if vowel and not previous:
            count += 1
        previous = vowel
    return count

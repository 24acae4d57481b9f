"""Builds wordlists/malform-nb-til-nn.yaml and malform-nn-til-nb.yaml from the curated pair tables in this file.

Generate the bokmål↔nynorsk pair lists used by the ``malform-blanding`` rule.

Writes ``wordlists/malform-nb-til-nn.yaml`` (bokmål forms that are wrong in a nynorsk post) and
``wordlists/malform-nn-til-nb.yaml`` (nynorsk forms that are wrong in a bokmål post).

The facts are curated here, lemma by lemma, with the inflected forms generated from small
paradigms so that every form has its exact counterpart (``replace_forms``). A form goes in only
when it is wrong in the target standard by the current norms (bokmål 2005, nynorsk 2012, as
summarised in the research notes §4): radical bokmål forms (``boka``, ``kasta``, ``heile``,
``sjuk``), nynorsk j-less forms (``tenker``, ``legge``) and homographs that are a different,
valid word in the target standard (bokmål «seier» = victory, «bur» = cage, nynorsk «snakket» =
the talk) are left out on purpose: a false alarm is worse than a miss.

``safe: true`` only when the first replacement is right in every context; the per-form
replacements in ``replace_forms`` follow the same rule.

Usage: python tools/malform_pairs_build.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "wordlists"
sys.path.insert(0, str(ROOT / "benchmarks"))

import lexicon_evidence  # noqa: E402


@dataclass
class Pair:
    """One lemma: its wrong forms mapped to the right ones (first key is the entry's word)."""

    forms: dict[str, str]  # wrong form -> right form, in paradigm order
    safe: bool = True
    alternatives: list[str] = field(default_factory=list)  # more right forms for the lemma
    note: str | None = None
    pos: tuple[str, ...] = ()  # UPOS classes the forms are wrong in (set where a homograph is valid)

    def entry(self) -> dict:
        words = list(self.forms)
        word = words[0]
        right = self.forms[word]
        entry: dict = {"word": word, "replace": [right, *[a for a in self.alternatives if a != right]],
                       "safe": self.safe}
        if len(words) > 1:
            entry["forms"] = words[1:]
            entry["replace_forms"] = {w: self.forms[w] for w in words[1:]}
        if self.note:
            entry["note"] = self.note
        if self.pos:
            entry["pos"] = list(self.pos)
        return entry


# ---------------------------------------------------------------------------------------------
# Paradigms: each returns (bokmål forms, nynorsk forms, radical) — the two lists in the same
# order, and the positions whose nynorsk form is also a valid (radical) bokmål form when both
# standards share the stem (feminine «saka», neuter plural «problema», a-past «jobba»).

Paradigm = tuple[list[str], list[str], set[int]]


def masc_noun(nb: str, nn: str | None = None) -> Paradigm:
    """sg, sg def, pl, pl def: bokmål -en/-er/-ene, nynorsk -en/-ar/-ane (pasient, dag, lege)."""
    nn = nn or nb
    def nb_forms(s: str) -> list:
        return [s, s + "n", s + "r", s + "ne"] if s.endswith("e") else [s, s + "en", s + "er", s + "ene"]
    stem = nn.removesuffix("e")
    return nb_forms(nb), [nn, nn + ("n" if nn.endswith("e") else "en"), stem + "ar", stem + "ane"], set()


def agent_noun(nb: str, nn: str) -> Paradigm:
    """bokmål -er/-eren/-ere/-erne → nynorsk -ar/-aren/-arar/-arane (sykepleier/sjukepleiar)."""
    return [nb, nb + "en", nb + "e", nb + "ne"], [nn, nn + "en", nn + "ar", nn + "ane"], set()


def fem_noun(nb: str, nn: str | None = None, nb_plural: str | None = None) -> Paradigm:
    """Feminine in nynorsk (sak, helse, kirke/kyrkje): bokmål sg def -en is wrong there, -a right."""
    nn = nn or nb
    def stem(s: str) -> str:
        return s.removesuffix("e")
    nb_pl = nb_plural or stem(nb) + "er"
    nb_forms = [nb, nb + ("n" if nb.endswith("e") else "en"), nb_pl, nb_pl[:-1] + "ne"]
    nn_forms = [nn, stem(nn) + "a", stem(nn) + "er", stem(nn) + "ene"]
    return nb_forms, nn_forms, ({1} if nn == nb else set())


def ing_noun(nb: str, nn: str | None = None) -> Paradigm:
    """-ing nouns, feminine in nynorsk with -ar plural: melding/meldinga/meldingar/meldingane."""
    nn = nn or nb
    return [nb, nb + "en", nb + "er", nb + "ene"], [nn, nn + "a", nn + "ar", nn + "ane"], ({1} if nn == nb else set())


def else_noun(nb: str, nn: str) -> Paradigm:
    """bokmål -else (undersøkelse) → nynorsk -ing (undersøking)."""
    return [nb, nb + "n", nb + "r", nb + "ne"], [nn, nn + "a", nn + "ar", nn + "ane"], set()


def het_noun(nb: str, nn: str, ing: bool = False) -> Paradigm:
    """bokmål -het (masc) → nynorsk -heit or another feminine word (mulighet/moglegheit)."""
    plural = "ar" if ing else "er"
    return ([nb, nb + "en", nb + "er", nb + "ene"],
            [nn, nn + "a", nn + plural, nn + plural[:-1] + "ne"], set())


def neuter_noun(nb: str, nn: str | None = None) -> Paradigm:
    """Neuter with bokmål plural -er (problemer): nynorsk plural has no ending (problem, problema)."""
    nn = nn or nb
    def forms_nb(s: str) -> list:
        e = s.endswith("e")
        return [s, s + ("t" if e else "et"), s + ("r" if e else "er"), s + ("ne" if e else "ene")]
    e = nn.endswith("e")
    return forms_nb(nb), [nn, nn + ("t" if e else "et"), nn, (nn[:-1] if e else nn) + "a"], ({3} if nn == nb else set())


def lig_adj(nb_stem: str, nn_stem: str) -> Paradigm:
    """-lig → -leg: vanlig/vanlige/vanligere/vanligst/vanligste → vanleg/vanlege/…"""
    ends_nb = ["lig", "lige", "ligere", "ligst", "ligste"]
    ends_nn = ["leg", "lege", "legare", "legast", "legaste"]
    return [nb_stem + e for e in ends_nb], [nn_stem + e for e in ends_nn], set()


def a_verb(nb_stem: str, nn_stem: str | None = None, past: bool = True) -> Paradigm:
    """Weak a-verbs: bokmål present -er and past/participle -et → nynorsk -ar and -a (jobbe)."""
    nn_stem = nn_stem or nb_stem
    nb_forms = [nb_stem + "er"] + ([nb_stem + "et"] if past else [])
    nn_forms = [nn_stem + "ar"] + ([nn_stem + "a"] if past else [])
    return nb_forms, nn_forms, ({1} if nn_stem == nb_stem else set())


# ---------------------------------------------------------------------------------------------
# The facts.

NOTE_HEIT = "På nynorsk blir -het til -heit (hokjønn), eller eit anna ord."
NOTE_ELSE = "Ord på -else er bokmål; nynorsk brukar gjerne -ing eller eit anna ord."
NOTE_AR = "Svake a-verb endar på -ar i presens og -a i preteritum på nynorsk."
NOTE_LEG = "Adjektiv på -lig heiter -leg på nynorsk."
NOTE_FEM = "Ordet er hokjønn på nynorsk: bunden form endar på -a."

# Single forms and phrases, bokmål → nynorsk: (wrong, right, safe, alternatives, note)
NB_WORDS = [
    ("ikke", "ikkje", True, [], None),
    ("jeg", "eg", True, [], None),
    ("hva", "kva", True, [], None),
    ("hvordan", "korleis", True, [], None),
    ("hvorfor", "kvifor", True, [], None),
    ("hvem", "kven", True, [], None),
    ("hvor", "kvar", False, ["kor"], "«Hvor» er «kvar» eller «kor» (stad), «kor» (grad: «kor mykje»)."),
    ("hvilken", "kva for ein", False, ["kva"], "Nynorsk brukar «kva for ein/ei/eit» eller «kva»."),
    ("hvilket", "kva for eit", False, ["kva"], "Nynorsk brukar «kva for ein/ei/eit» eller «kva»."),
    ("hvilke", "kva for", False, ["kva"], "Nynorsk brukar «kva for nokre» eller «kva»."),
    ("hvis", "viss", False, ["dersom", "om"], "Som vilkår: «viss», «dersom» eller «om»."),
    ("fra", "frå", True, [], None),
    ("noe", "noko", True, [], None),
    ("noen", "nokon", False, ["nokre"], "«Nokon» (nokon som helst), men «nokre» før substantiv i fleirtal."),
    ("mye", "mykje", True, [], None),
    ("mer", "meir", True, [], None),
    ("flere", "fleire", True, [], None),
    ("hun", "ho", True, [], None),
    ("ham", "han", True, ["honom"], None),
    ("dere", "de", False, ["dykk"], "«De» som subjekt, «dykk» som objekt."),
    ("deres", "dykkar", False, ["deira"], "«Dykkar» (til dei du talar til) eller «deira» (om andre)."),
    ("være", "vere", True, ["vera"], None),
    ("vært", "vore", True, [], None),
    ("ble", "blei", True, ["vart"], "«Blei» (bli) eller «vart» (verte); hald deg til eitt par i teksten."),
    ("selv", "sjølv", True, [], None),
    ("uten", "utan", True, [], None),
    ("bare", "berre", False, [], "«Bare» (kun) heiter «berre»; «bare føter» (nakne) er rett også på nynorsk."),
    ("samt", "og", False, ["og dessutan"], "«Samt» er stivt bokmål; skriv «og» eller «og dessutan»."),
    ("fortsatt", "framleis", False, ["fortsett"], "Adverbet heiter «framleis»; partisippet av «fortsetje» er «fortsett»."),
    ("fremdeles", "framleis", True, [], None),
    ("antall", "talet på", False, ["tal", "mengd"], "Skriv «talet på» («talet på pasientar») eller «tal»."),
    ("siden", "sidan", False, ["sida"], "Som konjunksjon og adverb: «sidan»; om ei side: «sida»."),
    ("da", "då", True, [], None),
    ("selvfølgelig", "sjølvsagt", True, [], None),
    ("selvsagt", "sjølvsagt", True, [], None),
    ("imidlertid", "likevel", False, ["derimot"], "«Imidlertid» er bokmål; bruk «likevel» eller «derimot»."),
    ("dessuten", "dessutan", True, [], None),
    ("sammen", "saman", True, [], None),
    ("samme", "same", True, [], None),
    ("hjem", "heim", True, [], None),
    ("hjemme", "heime", True, [], None),
    ("hverandre", "kvarandre", True, [], None),
    ("hver", "kvar", True, [], None),
    ("hvert", "kvart", True, [], None),
    ("disse", "desse", True, [], None),
    ("hennes", "hennar", True, [], None),
    ("annen", "annan", True, [], None),
    ("annet", "anna", True, [], None),
    ("en", "ein", True, [], None),
    ("et", "eit", True, [], None),
    ("ett", "eitt", True, [], None),
    ("man", "ein", False, [], "Upersonleg «man» heiter «ein» på nynorsk (eller skriv «du»)."),
    ("allerede", "allereie", True, ["alt"], None),
    ("tidligere", "tidlegare", True, [], None),
    ("senere", "seinare", True, [], None),
    ("eneste", "einaste", True, [], None),
    ("frem", "fram", True, [], None),
    ("fremtid", "framtid", True, [], None),
    ("fremtiden", "framtida", True, [], None),
    ("fremover", "framover", True, [], None),
    ("nemlig", "nemleg", True, [], None),
    ("hverdag", "kvardag", True, [], None),
    ("hverdagen", "kvardagen", True, [], None),
    ("egentlig", "eigentleg", True, [], None),
    ("vanligvis", "vanlegvis", True, [], None),
    ("nylig", "nyleg", True, [], None),
    ("foreløpig", "førebels", True, [], None),
    ("mandag", "måndag", True, [], None),
    ("tirsdag", "tysdag", True, [], None),
    ("lørdag", "laurdag", True, [], None),
    ("mandager", "måndagar", True, [], None),
    ("lørdager", "laurdagar", True, [], None),
    ("klokken", "klokka", True, [], None),
    ("ennå", "enno", True, [], None),
    ("enten", "anten", True, [], None),
    ("hverken", "korkje", True, ["verken"], None),
    ("blant annet", "mellom anna", True, [], None),
    ("bl.a.", "m.a.", True, [], None),
    ("etter hvert", "etter kvart", True, [], None),
    ("i hvert fall", "i alle fall", True, [], None),
    ("hensyn", "omsyn", True, [], None),
    ("hensynet", "omsynet", True, [], None),
    ("noensinne", "nokon gong", True, [], None),
    ("penger", "pengar", True, [], None),
    ("pengene", "pengane", True, [], None),
    ("mennesker", "menneske", True, [], None),
    ("menneskene", "menneska", True, [], None),
    ("ganger", "gonger", True, [], None),
    ("ansatt", "tilsett", True, [], None),
    ("ansatte", "tilsette", True, [], None),
    ("vei", "veg", False, [], None),
]
NB_WORDS = [w for w in NB_WORDS if w[0] not in ("vei",)]  # «vei» is disputed in nynorsk: left out

# Irregular verb forms, bokmål → nynorsk
NB_VERBS = [
    ({"fikk": "fekk"}, True), ({"gikk": "gjekk"}, True), ({"ga": "gav"}, True),
    ({"sto": "stod"}, True), ({"lå": "låg"}, True), ({"fant": "fann"}, True), ({"dro": "drog"}, True),
    ({"fløy": "flaug"}, True), ({"skrev": "skreiv"}, True), ({"bodde": "budde"}, True),
    ({"solgte": "selde"}, True), ({"valgte": "valde"}, True), ({"fortalte": "fortalde"}, True),
    ({"hørte": "høyrde"}, True), ({"satte": "sette"}, True), ({"sier": "seier"}, True),
    ({"gjør": "gjer", "gjøre": "gjere"}, True), ({"tar": "tek"}, True), ({"kommer": "kjem"}, True),
    ({"vet": "veit"}, True), ({"tror": "trur", "trodde": "trudde"}, True),
    ({"ligger": "ligg"}, True), ({"legger": "legg"}, True), ({"sitter": "sit"}, True),
    ({"setter": "set"}, True), ({"finner": "finn"}, True),
    ({"velger": "vel", "velge": "velje"}, False),  # «velger» is also a noun (nynorsk «veljar»)
    ({"selger": "sel", "selge": "selje"}, False),  # «selger» is also a noun (nynorsk «seljar»)
    ({"drar": "dreg"}, True), ({"slipper": "slepp", "slippe": "sleppe"}, True),
    ({"hører": "høyrer", "høre": "høyre"}, True),
    ({"kjører": "køyrer", "kjøre": "køyre", "kjørte": "køyrde"}, True),
    ({"trenger": "treng"}, True), ({"gjelder": "gjeld"}, True),
    ({"mener": "meiner", "mene": "meine", "mente": "meinte", "ment": "meint"}, True),
    ({"synes": "synest"}, True),
    ({"forteller": "fortel", "fortelle": "fortelje"}, False),  # «forteller» is also «forteljar»
    ({"holder": "held", "holde": "halde"}, True),
    ({"holdt": "heldt"}, False),  # as a participle: «halde»
    ({"faller": "fell"}, True), ({"se": "sjå"}, True), ({"bo": "bu"}, True), ({"tro": "tru"}, True),
    ({"innebærer": "inneber"}, True),
    ({"finnes": "finst"}, False),  # infinitive «finnast»
    ({"øker": "aukar", "øke": "auke", "økte": "auka"}, True),
    ({"virker": "verkar"}, True),
]

# Regular paradigms, bokmål → nynorsk: (paradigm, safe, note)
PARADIGMS = [
    *[(masc_noun(w), True, None) for w in [
        "pasient", "lege", "fastlege", "tannlege", "time", "dag", "vaksine", "tablett", "resept",
        "samtale", "plan", "metode", "student", "medisin", "kommune", "barnehage", "familie",
        "måte", "grunn", "type", "test", "kontakt", "bil", "timeavtale", "ekspert", "spesialist",
        "psykolog", "journalist", "avtale"]],
    (({"måned": "månad", "måneden": "månaden", "måneder": "månader", "månedene": "månadene"}), True, None),
    (masc_noun("skole", "skule"), True, None),
    (agent_noun("sykepleier", "sjukepleiar"), True, None),
    (agent_noun("helsesykepleier", "helsesjukepleiar"), True, None),
    (agent_noun("bruker", "brukar"), True, None),
    (agent_noun("forsker", "forskar"), True, None),
    (agent_noun("lærer", "lærar"), True, None),
    (agent_noun("leder", "leiar"), False, None),  # «leder» is also the verb (nynorsk «leier»)
    (agent_noun("politiker", "politikar"), True, None),
    (agent_noun("innbygger", "innbyggjar"), True, None),
    (agent_noun("arbeidsgiver", "arbeidsgjevar"), True, None),
    # «søker» itself is also the verb, valid in nynorsk («søkjer/søker»): only the other forms
    ({"søkeren": "søkjaren", "søkere": "søkjarar", "søkerne": "søkjarane"}, True, None),
    *[(fem_noun(w), True, NOTE_FEM) for w in [
        "sak", "tid", "helse", "hjelp", "kvinne", "jente", "legevakt", "gruppe", "avis", "vekt",
        "natt"]],  # not «helg»: «helgen» is also «the saint»
    ({"boken": "boka"}, True, NOTE_FEM),
    (fem_noun("kirke", "kyrkje"), True, None),
    (fem_noun("tjeneste", "teneste"), True, None),
    (fem_noun("helsetjeneste", "helseteneste"), True, None),
    (fem_noun("uke", "veke"), True, None),
    *[(ing_noun(w), True, None) for w in [
        "melding", "endring", "behandling", "vurdering", "utfordring", "ordning", "bestilling",
        "innkalling", "utdanning", "regjering", "opplysning", "registrering", "vaksinering",
        "oppfølging"]],
    (ing_noun("løsning", "løysing"), True, None),
    (ing_noun("forskning", "forsking"), True, None),
    (ing_noun("henvisning", "tilvising"), True, None),
    (ing_noun("sykemelding", "sjukmelding"), True, None),
    (else_noun("undersøkelse", "undersøking"), True, NOTE_ELSE),
    (else_noun("opplevelse", "oppleving"), True, NOTE_ELSE),
    (else_noun("forståelse", "forståing"), True, NOTE_ELSE),
    (else_noun("deltakelse", "deltaking"), True, NOTE_ELSE),
    (else_noun("hendelse", "hending"), True, NOTE_ELSE),
    (else_noun("ledelse", "leiing"), True, NOTE_ELSE),
    (else_noun("oversettelse", "omsetjing"), True, NOTE_ELSE),
    (else_noun("innleggelse", "innlegging"), True, NOTE_ELSE),
    (het_noun("mulighet", "moglegheit"), True, NOTE_HEIT),
    (het_noun("virksomhet", "verksemd"), True, NOTE_HEIT),
    (het_noun("åpenhet", "openheit"), True, NOTE_HEIT),
    (het_noun("sannhet", "sanning", ing=True), True, NOTE_HEIT),
    (het_noun("enhet", "eining", ing=True), True, NOTE_HEIT),
    (het_noun("myndighet", "styresmakt"), False, NOTE_HEIT),
    *[(neuter_noun(w), True, None) for w in [
        "problem", "symptom", "resultat", "produkt", "område", "prosjekt", "dokument",
        "argument", "prinsipp"]],
    (neuter_noun("tilbud", "tilbod"), True, None),
    *[(lig_adj(nb, nn), True, NOTE_LEG) for nb, nn in [
        ("van", "van"), ("mu", "mog"), ("umu", "umog"), ("tyde", "tyde"), ("dag", "dag"),
        ("person", "person"), ("offent", "offent"), ("vanske", "vanske"), ("far", "far"),
        ("alvor", "alvor"), ("natur", "natur"), ("ende", "ende"), ("tilgjenge", "tilgjenge"),
        ("ansvar", "ansvar"), ("hygge", "hygge"), ("venn", "ven"), ("sær", "sær"), ("tid", "tid"),
        ("sannsyn", "sannsyn"), ("dår", "dår"), ("ordent", "ordent"),
        ("skade", "skade"), ("vesent", "vesent"), ("kjær", "kjær"), ("menneske", "menneske"),
        ("munt", "munt"), ("skrift", "skrift"), ("hjerte", "hjarte"), ("rime", "rime"),
        ("betyde", "betyde"), ("år", "år"), ("måned", "månad")]],
    *[(a_verb(nb, nn), True, NOTE_AR) for nb, nn in [
        ("jobb", "jobb"), ("start", "start"), ("vent", "vent"), ("hent", "hent"), ("sjekk", "sjekk"),
        ("test", "test"), ("takk", "takk"), ("klikk", "klikk"), ("handl", "handl"),
        ("mangl", "mangl"), ("åpn", "opn"), ("endr", "endr")]],
    *[(a_verb(nb, nn, past=False), True, NOTE_AR) for nb, nn in [
        # no past form: bokmål past is -te (trente, spilte), or -et is also a nynorsk noun
        ("tren", "tren"), ("spill", "spel"), ("svar", "svar"), ("lur", "lur"), ("snakk", "snakk"),
        ("pass", "pass")]],
]

# Nynorsk → bokmål: single forms and phrases (wrong in bokmål)
NN_WORDS = [
    ("ikkje", "ikke", True, [], None),
    ("eg", "jeg", True, [], None),
    ("kva", "hva", True, [], None),
    ("korleis", "hvordan", True, [], None),
    ("kvifor", "hvorfor", True, [], None),
    ("kven", "hvem", True, [], None),
    ("kvar", "hvor", False, ["hver"], "«Kvar» er «hvor» (sted) eller «hver» (hver eneste)."),
    ("frå", "fra", True, [], None),
    ("noko", "noe", True, [], None),
    ("nokon", "noen", True, [], None),
    ("nokre", "noen", True, [], None),
    ("mykje", "mye", True, [], None),
    ("meir", "mer", True, [], None),
    ("fleire", "flere", True, [], None),
    ("ho", "hun", False, ["henne"], "«Hun» som subjekt, «henne» som objekt."),
    ("ein", "en", True, [], None),
    ("eit", "et", True, [], None),
    ("eitt", "ett", True, [], None),
    ("dei", "de", False, ["dem"], "«De» som subjekt og foran adjektiv, «dem» som objekt."),
    ("deira", "deres", True, [], None),
    ("dykk", "dere", True, [], None),
    ("dykkar", "deres", True, [], None),
    ("vere", "være", True, [], None),
    ("vera", "være", True, [], None),
    ("vore", "vært", True, [], None),
    ("berre", "bare", True, [], None),
    ("utan", "uten", True, [], None),
    ("sjølv", "selv", True, [], None),
    ("medan", "mens", True, [], None),
    ("då", "da", True, [], None),
    ("sidan", "siden", True, [], None),
    ("saman", "sammen", True, [], None),
    ("fekk", "fikk", True, [], None),
    ("gjekk", "gikk", True, [], None),
    ("gjer", "gjør", True, [], None),
    ("gjere", "gjøre", True, [], None),
    ("gjera", "gjøre", True, [], None),
    ("trur", "tror", True, [], None),
    ("trudde", "trodde", True, [], None),
    ("meiner", "mener", True, [], None),
    ("meinte", "mente", True, [], None),
    ("sjå", "se", True, [], None),
    ("gje", "gi", True, [], None),
    ("gjev", "gir", True, [], None),
    ("gjeve", "gitt", True, [], None),
    ("tek", "tar", True, [], None),
    ("teke", "tatt", True, [], None),
    ("finst", "finnes", True, [], None),
    ("synest", "synes", True, [], None),
    ("fortel", "forteller", True, [], None),
    ("fortalde", "fortalte", True, [], None),
    ("seie", "si", True, [], None),
    ("kjem", "kommer", False, [], "«Kjem» er nynorsk for «kommer»."),
    ("kome", "komme", True, [], None),
    ("flaug", "fløy", True, [], None),
    ("budde", "bodde", True, [], None),
    ("døydde", "døde", True, [], None),
    ("døyr", "dør", True, [], None),
    ("selde", "solgte", True, [], None),
    ("valde", "valgte", True, [], None),
    ("høyrde", "hørte", True, [], None),
    ("høyrer", "hører", True, [], None),
    ("køyrer", "kjører", True, [], None),
    ("køyre", "kjøre", True, [], None),
    ("køyrde", "kjørte", True, [], None),
    ("dreg", "drar", True, [], None),
    ("inneber", "innebærer", True, [], None),
    ("aukar", "øker", True, [], None),
    ("verte", "bli", True, [], None),
    ("verta", "bli", True, [], None),
    ("måndag", "mandag", True, [], None),
    ("tysdag", "tirsdag", True, [], None),
    ("laurdag", "lørdag", True, [], None),
    ("sundag", "søndag", True, [], None),
    ("difor", "derfor", True, [], None),
    ("elles", "ellers", True, [], None),
    ("dessutan", "dessuten", True, [], None),
    ("allereie", "allerede", True, [], None),
    ("tidlegare", "tidligere", True, [], None),
    ("seinare", "senere", True, [], None),
    ("eigen", "egen", True, [], None),
    ("eige", "eget", False, ["eie"], "Adjektivet: «eget»; verbet: «eie»."),
    ("eigne", "egne", True, [], None),
    ("einaste", "eneste", True, [], None),
    ("annan", "annen", True, [], None),
    ("hennar", "hennes", True, [], None),
    ("desse", "disse", True, [], None),
    ("kvarandre", "hverandre", True, [], None),
    ("kvardag", "hverdag", True, [], None),
    ("fyrst", "først", True, [], None),
    ("fyrste", "første", True, [], None),
    ("hjå", "hos", True, [], None),
    ("attende", "tilbake", True, [], None),
    ("enno", "ennå", True, [], None),
    ("korkje", "verken", True, [], None),
    ("anten", "enten", True, [], None),
    ("nemleg", "nemlig", True, [], None),
    ("eigentleg", "egentlig", True, [], None),
    ("vanlegvis", "vanligvis", True, [], None),
    ("nyleg", "nylig", True, [], None),
    ("førebels", "foreløpig", True, [], None),
    ("vidare", "videre", True, [], None),
    ("særleg", "særlig", True, [], None),
    ("sjølvsagt", "selvsagt", True, [], None),
    ("truleg", "trolig", True, [], None),
    ("mellom anna", "blant annet", True, [], None),
    ("m.a.", "bl.a.", True, [], None),
    ("til dømes", "for eksempel", True, [], None),
    ("t.d.", "f.eks.", True, [], None),
    ("etter kvart", "etter hvert", True, [], None),
    ("omsyn", "hensyn", True, [], None),
    ("omsynet", "hensynet", True, [], None),
    ("byrjar", "begynner", True, [], None),
    ("byrja", "begynte", False, ["begynne"], None),
    ("gonger", "ganger", True, [], None),
    ("pengar", "penger", True, [], None),
    ("pengane", "pengene", True, [], None),
    ("framtida", "fremtiden", False, ["framtida"], None),
]
NN_WORDS = [w for w in NN_WORDS if w[0] != "framtida"]  # «framtida» is valid bokmål too

# Forms left out on purpose although a paradigm generates them.
NOT_WRONG_IN_NYNORSK = {"vaksinerer", "vaksinert", "trent"}
NOT_WRONG_IN_BOKMAAL = {"ven"}


# Word classes (UPOS) the single forms are wrong in. Needed only where the target norm's ordbank
# also has the form (a homograph: nynorsk «en» the conjunction, bokmål «då» the deer): then the
# rule flags the form only in these classes, as the tagger reads it, and never as a safe fix.
# A form the ordbank has that is not listed here is left out (its class cannot be decided).
WORD_POS = {
    "hun": ("PRON",), "ham": ("PRON",), "være": ("AUX", "VERB"), "vært": ("AUX", "VERB"),
    "ble": ("AUX", "VERB"), "bare": ("ADV",), "samt": ("CCONJ",), "da": ("SCONJ", "ADV"),
    "disse": ("DET", "PRON"), "en": ("DET", "NUM", "PRON"), "et": ("DET", "NUM"), "man": ("PRON",),
    "frem": ("ADV", "ADP"), "foreløpig": ("ADJ", "ADV"), "klokken": ("NOUN",), "ennå": ("ADV",),
    "enten": ("CCONJ", "ADV"), "fremtid": ("NOUN",), "eneste": ("ADJ",),
    "kven": ("PRON",), "kvar": ("ADV", "DET", "PRON", "SCONJ"), "ho": ("PRON",), "dykk": ("PRON",),
    "då": ("SCONJ", "ADV"), "eigen": ("ADJ", "DET"), "fyrst": ("ADV", "ADJ"), "fyrste": ("ADJ",),
    "hjå": ("ADP",), "attende": ("ADV",), "førebels": ("ADJ", "ADV"), "omsyn": ("NOUN",),
    "ein": ("DET", "NUM", "PRON"), "eit": ("DET", "NUM"), "berre": ("ADV",), "vere": ("AUX", "VERB"),
    "gjekk": ("VERB", "AUX"), "sjå": ("VERB", "AUX"), "gjev": ("VERB", "AUX"), "tek": ("VERB", "AUX"),
}
# A regular verb's bokmål-looking present in -er that the nynorsk ordbank has («lurer», «svarer»,
# «venter», «trener»): many nynorsk verbs may be conjugated both as a- and e-verbs (lure – lurar/lurer),
# so the form is taken as a valid verb form even where NDT has too few uses to show it.
VERB = ("VERB", "AUX")
NOUN = ("NOUN",)
ADJ = ("ADJ", "ADV")


def paradigm_pos(paradigm: Paradigm | dict[str, str], note: str | None) -> tuple[str, ...]:
    """The word class of a regular paradigm, from its note or the builder that made it."""
    if note == NOTE_AR:
        return ("VERB",)
    if note == NOTE_LEG:
        return ADJ
    return NOUN


def split_homographs(pair: Pair, standard: str) -> list[Pair]:
    """Keep a wrong form unrestricted only where the target norm does not have it at all.

    A form the target ordbank allows (in some word class) is restricted to the classes it is
    wrong in (``pair.pos`` or ``WORD_POS``) minus those NDT's target half uses it in, and is
    never safe; with no class left, or none known, it is left out.
    """
    plain: dict[str, str] = {}
    restricted: dict[tuple[str, ...], dict[str, str]] = {}
    for wrong, right in pair.forms.items():
        if not lexicon_evidence.allowed(wrong, standard):
            plain[wrong] = right
            continue
        wrong_in = pair.pos or WORD_POS.get(wrong.lower(), ())
        valid = lexicon_evidence.valid_classes(wrong, standard)
        if standard == "nn" and pair.note == NOTE_AR and wrong.endswith("er"):
            valid |= set(VERB)  # e-verb present: valid as a verb (see above)
        classes = tuple(upos for upos in wrong_in if upos not in valid)
        if not classes:
            print(f"  left out «{wrong}»: valid {standard} ({', '.join(sorted(valid)) or 'class unknown'})")
            continue
        restricted.setdefault(classes, {})[wrong] = right
    pairs = [Pair(plain, pair.safe, pair.alternatives, pair.note)] if plain else []
    pairs += [Pair(forms, False, pair.alternatives, pair.note, classes) for classes, forms in restricted.items()]
    return pairs


def as_paradigm(item: Paradigm | dict[str, str]) -> Paradigm:
    """An irregular paradigm may be given as an explicit {bokmål form: nynorsk form} dict."""
    if isinstance(item, dict):
        return list(item), list(item.values()), set()
    return item


def nb_to_nn_pairs() -> list[Pair]:
    pairs = [Pair({w: r}, safe, alts, note) for w, r, safe, alts, note in NB_WORDS]
    pairs += [Pair({w: r for w, r in forms.items() if w != r}, safe, pos=VERB) for forms, safe in NB_VERBS]
    for paradigm, safe, note in PARADIGMS:
        nb_forms, nn_forms, _radical = as_paradigm(paradigm)
        forms = {nb: nn for nb, nn in zip(nb_forms, nn_forms)
                 if nb != nn and nb not in NOT_WRONG_IN_NYNORSK and nb not in nn_forms}
        if forms:
            pairs.append(Pair(forms, safe, note=note, pos=paradigm_pos(paradigm, note)))
    return [split for p in pairs if p.forms for split in split_homographs(p, "nn")]


def nn_to_nb_pairs() -> list[Pair]:
    pairs = [Pair({w: r}, safe, alts, note) for w, r, safe, alts, note in NN_WORDS]
    for paradigm, safe, note in PARADIGMS:
        nb_forms, nn_forms, radical = as_paradigm(paradigm)
        forms = {}
        for index, (nb, nn) in enumerate(zip(nb_forms, nn_forms)):
            if nn == nb or nn in nb_forms or nn in NOT_WRONG_IN_BOKMAAL:
                continue
            if index in radical:
                continue  # radical bokmål allows it too (saka, problema, jobba)
            forms[nn] = nb
        if forms:
            pairs.append(Pair(forms, safe, note=None, pos=paradigm_pos(paradigm, note)))
    return [split for p in pairs if p.forms for split in split_homographs(p, "nb")]


def write(name: str, malform: str, description: str, pairs: list[Pair], header: str) -> Path:
    seen: set[str] = set()
    entries = []
    for pair in pairs:
        forms = {w: r for w, r in pair.forms.items() if w not in seen}
        if not forms:
            continue
        seen.update(forms)
        pair.forms = forms
        entries.append(pair.entry())
    doc = {
        "name": name,
        "malform": malform,
        "description": description,
        "sources": [
            "Språkrådet: rettskrivinga for bokmål (2005) og nynorsk (2012), som samanfatta i forskingsnotatet §4.1–4.2",
            "Tansa: dei 20 vanlegaste nynorskfeila (samt, fortsatt, ansatt, antall, mandag …), via forskingsnotatet §4.2",
            "Cappelen Damm: an-/be-/-het/-else-ord på nynorsk, via forskingsnotatet §4.2",
            "Norsk trebank (NDT): ordfrekvensar og ordklasser brukte til å velje ut vanlege ord og "
            "halde ute former som er rette i ei ordklasse (berre statistikk)",
            lexicon_evidence.ORDBANK_CREDIT + ": former som norma tillèt, blir ikkje melde som feil "
            "(eller berre i den ordklassa der dei er feil, utan trygg retting)",
        ],
        "licence": "Kuratert av klarsprak-prosjektet; fakta frå kjeldene, eiga formulering. Same lisens som klarsprak.",
        "entries": entries,
    }
    path = OUT / f"{name}.yaml"
    text = header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: {len(entries)} entries, {len(seen)} forms")
    return path


HEADER = """\
# {title}
# Generated by tools/malform_pairs_build.py from curated tables — edit there and rerun.
# Only forms that are wrong in the target standard are listed; forms valid in both (også, vi,
# blei, mi/di/si, radical bokmål forms like boka/kasta/heile/sjuk, nynorsk j-less forms like
# tenker/legge, gi/gir) and homographs of a valid word in the target standard are left out.
# A form that Norsk ordbank (bokmål 2005 / nynorsk 2012, Språkbanken; © Universitetet i Bergen
# and Språkrådet; CC BY 4.0) allows in the target standard is either left out or restricted to
# the word classes it is wrong in (``pos``, read from the tagger) and never a safe fix; NDT
# tells in which classes edited text uses it. tests/test_wordlist_lexicon.py checks this.
# safe: true only where the first replacement fits every context.
"""


def main() -> None:
    write("malform-nb-til-nn", "nn",
          "Bokmålsformer i nynorske innlegg, med nynorsk form som retting.",
          nb_to_nn_pairs(), HEADER.format(title="Bokmål forms that are wrong in nynorsk posts → the nynorsk form."))
    write("malform-nn-til-nb", "nb",
          "Nynorske former i bokmålsinnlegg, med bokmålsform som retting.",
          nn_to_nb_pairs(), HEADER.format(title="Nynorsk forms that are wrong in bokmål posts → the bokmål form."))


if __name__ == "__main__":
    main()

"""Builds wordlists/malform-markers.yaml (marker words and endings) from curated lists checked against NDT.

Derive ``wordlists/malform-markers.yaml`` (bokmål/nynorsk marker words and endings).

Dev-time only; the linter never runs this. Method (repeated in the YAML header):

1. Count lower-cased word forms in the Norwegian Dependency Treebank, bokmål (``ndt/nob``) and
   nynorsk (``ndt/nno``), leaving out proper nouns, and leaving out every NDT file that shares a
   sentence with ``ud-dev`` (the measuring set), so the evaluation stays honest.
2. A form is a candidate marker when it is at least ~7x more frequent (smoothed, per token) in one
   standard, occurs at least 3 times there, and in at least 3 documents (topic words drop out).
3. Forms that are valid in both standards never count: a curated list (``også``, ``vi``, ``blei``,
   ``mi/di/si``, radical bokmål forms such as ``sjuk``, nynorsk j-less forms such as ``legge`` …)
   plus, when the Debian package ``apertium-nno-nob`` is installed, forms its bokmål analyser reads
   as radical bokmål (feminine ``-a``, neuter plural ``-a``, ``-a`` past tense, imperatives) and
   bokmål past tenses its nynorsk analyser reads as a neuter noun (``kastet`` = «the throw»).
4. Weight = smoothed log frequency ratio minus 1, clamped to [0.5, 3]; a few homographs whose
   other reading is real but rare (``seier`` «victory» in bokmål) get a low fixed weight.
5. Endings for words outside the list (``-heten``, ``-lig``, ``-ingar``, ``-ane`` …) are curated
   from grammar; their weights come from type counts of rare NDT words (a stand-in for unseen words).
6. Weak evidence (words valid in both standards, or too rare for a marker, with a frequency skew)
   lives in ``wordlists/malform-frequencies.tsv``, built by ``malform_build_frequencies.py``.

Usage: python tools/malform_build_markers.py [--data /work/shared/data] [--out wordlists/...]
"""

from __future__ import annotations

import argparse
import collections
import math
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("KLARSPRAK_DATA", "/work/shared/data"))
APERTIUM = Path("/usr/share/apertium/apertium-nno-nob")
WORD = re.compile(r"^[a-zæøåéèêóòôü]+(?:-[a-zæøåéèêóòôü]+)*$")

MIN_RATIO_LOG = 2.0  # ~7.4x more frequent per token in one standard
MIN_COUNT = 3
MIN_DOCS = 3
MAX_WEIGHT = 3.0
MIN_WEIGHT = 0.5

WEAK_NEVER = {"du", "deg", "din", "di", "ditt", "dine", "meg", "min", "mitt", "mine", "vi", "oss", "vår", "vårt", "våre"}

# Valid in both standards (as normally used): never evidence. Grouped by why.
NEUTRAL = {
    # function words and pronouns shared by both standards
    "og", "er", "i", "på", "til", "som", "det", "den", "vi", "du", "han", "meg", "deg", "seg",
    "oss", "også", "mellom", "enda", "nå", "mens", "ut", "opp", "om", "men", "eller",
    # nynorsk «de» is the polite/plural «you» («Har de spørsmål?»): valid in a nynorsk post
    "de",
    # bokmål allows these (2005 norm): possessives, «blei», «ei», feminine «anna»
    "mi", "di", "si", "blei", "ei", "anna", "noka",
    # radical bokmål forms that are also nynorsk
    "heim", "heime", "fram", "framover", "framtid", "framtida", "heil", "heile", "heilt",
    "stein", "bein", "sjøl", "veg", "vegen", "vegar", "vatn", "låg", "høg", "høgt", "høge",
    "sjuk", "sjuke", "sjukt", "sjukdom", "sjukdomar", "sjukehus", "sjukehuset", "sjukehusa",
    "mjølk", "golv", "bru", "trass", "laga", "åra", "ulike",
    # nynorsk «gi/gir/gitt» are main forms since 2012 (Digdir: «Gi, ikkje gje»)
    "gi", "gir", "gitt",
    # nynorsk j-less forms (2012): legge/leggje, følge/følgje, tenke/tenkje …
    "legge", "ligge", "følge", "tenke", "bygge", "søke", "trekke",
    "følger", "tenker", "bygger", "søker", "trekker",
    # bokmål imperatives identical to nynorsk present tense («Skriv til oss», «Finn fastlegen»)
    "skriv", "legg", "ligg", "finn", "les", "kom", "treng", "bruk", "hjelp", "søk", "gjeld",
    # homographs that are ordinary words in both
    "helt", "hei", "bad", "same", "seiere", "fylket", "kvart", "etter", "enn", "komme",
    # bokmål allows diphthong past tenses of «ei» verbs (skrev/skreiv, drev/dreiv …)
    "skreiv", "dreiv", "steig", "beit", "greip", "kneip", "seig", "sleit", "smeit", "veik", "reiv",
    "leit", "treiv", "bleik",
    # bokmål allows «gav» and «stod» beside «ga» and «sto»
    "gav", "stod",
    # weekdays shared by both (only mandag/måndag, tirsdag/tysdag, lørdag/laurdag differ)
    "onsdag", "torsdag", "fredag", "søndag",
    # words about language and topics that are spelt the same in both
    "nynorsk", "bokmål", "nynorsken", "bokmålet", "språkpolitikk", "språkpolitikken",
    "språkpolitisk", "språkpolitiske", "mamma", "pappa", "bjørnen", "formuesskatten",
    "helseministeren",
    # interjections and abbreviations
    "hm", "etc", "nr", "jf",
}

# Homographs whose other-standard reading is real but rare: counted, but weakly.
LOW_WEIGHT = {
    "seier": 0.7,  # bokmål noun «seier» (victory)
    "kor": 0.7,  # bokmål noun «kor» (choir)
    "vart": 0.7,  # bokmål participle of «vare» («har vart lenge»)
    "kjem": 1.0,  # bokmål imperative of «kjemme» (comb)
    "òg": 1.0,  # allowed in bokmål too, but rare there
    "att": 0.7,  # bokmål «att og fram»
    "tru": 0.7,
    "skule": 1.0,  # bokmål verb «skule» (glance)
    "veit": 1.0,
    "da": 1.0,  # nynorsk «ja da»
    "man": 1.0,  # nynorsk noun «man» (mane)
    "tro": 1.0,  # nynorsk adjective «tru/tro» (faithful)
    "no": 1.0,  # English «no» in quotes
    "me": 1.0,  # English «me» in quotes
    "hun": 2.0,
}

# Core markers kept whatever the automatic filters say (each checked by hand).
FORCE = {
    "nb": ["ikke", "jeg", "hva", "hvordan", "hvorfor", "hvem", "hvilken", "hvilke", "hvis", "fra",
           "noen", "noe", "mye", "hun", "ble", "være", "vært", "uten", "selv", "fikk", "gikk",
           "disse", "gjør", "gjøre", "hjem", "hjemme", "dere", "deres", "siden",
           "en", "et", "sto", "veien", "mulighet", "muligheter", "ansatt", "ansatte", "antall", "samt", "fortsatt",
           "mandag", "tirsdag", "lørdag"],
    "nn": ["ikkje", "eg", "kva", "korleis", "kvifor", "kven", "kvar", "frå", "nokon", "noko", "nokre",
           "mykje", "ho", "vere", "vore", "utan", "sjølv", "fekk", "gjekk", "desse", "gjer", "gjere",
           "dykk", "dykkar", "meir", "fleire", "berre", "ein", "eit", "dei", "deira", "kjem",
           "betre", "verda", "verdas", "moglegheit", "tilsett", "tilsette", "måndag", "tysdag", "laurdag", "sundag"],
}

# Content words the Apertium homograph filter drops although they belong to one standard only
# (Apertium's lexicons also hold older and dialect forms); checked by hand against the norms.
FORCE_CONTENT = {
    "nb": ["bare", "leder", "enten", "regler", "spillet", "faller", "ledelsen", "tall",
           "innebærer", "innflytelse", "taler", "klubber", "bærer", "foreløpig", "ledelse",
           "markedet", "passer", "arter", "avtaler", "hjertet", "flyr", "skutt", "følelsen",
           "krisen", "loven", "marked", "ansiktet", "hensikt", "drøm", "drømmen", "drømmer",
           "farger", "følelse", "rent", "rollen", "ansikt", "byer", "noensinne", "samtaler",
           "skjebne", "bevegelse", "hjerte", "holdning", "leger", "redsel", "barneskole",
           "grunner", "reglene", "søster", "tallene", "utendørs"],
    "nn": ["stad", "meining", "hjå", "følgje", "følgjer", "løysing", "styresmaktene", "vald",
           "leiinga", "trudde", "forsking", "styresmakter", "samd", "samde", "kjærleik", "nøgd",
           "forståing", "førebels", "nærleiken", "røynda", "skilnad", "stades", "bustader", "las",
           "høvet", "kjelder", "leiing", "omsynet", "skilnaden", "oppleving", "trudd",
           "føresetnad", "marknaden", "mellomalderen", "tilhøvet", "trugsmål", "utgreiing",
           "avgjerd", "botnen", "kjensle", "kjensler", "mellombels", "undersøkinga", "bustad",
           "kvit", "kvite", "løyse", "løysinga", "omgrepet", "semje", "tryggleik", "utgreiinga",
           "handsaming", "usemje", "undersøking", "gut", "kjensla", "marknad", "éi"],
}

# Danish-only forms (function words, frequent verbs and health-care words), so that a Danish text
# is not read as bokmål. Each was checked by hand against the bokmål (2005) and nynorsk (2012)
# norms; the build also drops any that occurs in NDT at all (either half, names included).
# Left out on purpose because they are (also) Norwegian or English: sig (nn «sig» = sinks), hende
# (nn «hende» = happen), sit, dit, mit, siger, os, mod, end, dage, nyt, tak, især, meget, kun,
# hospitaler, lave, ud, op, nu, give, patient, information, situation, organisation, hej/nej.
DANISH = """af efter hvad mig dig bliver blive blev blevet nogle noget nogen jeres jer vores uden igennem
mellem sådan sådanne havde fik gik sagde fået altid aldrig lidt endnu tilbage imod hvornår gerne
rigtig rigtigt bedst måske lige ude inde hinanden andet gøre gør opnå skabe måde måden uge ugen
spørgsmål hjælp hjælpe sundhed børn børnene forældre sygdom sygdomme læge lægen mænd kvinder
patienter patienten mulighed muligheder sikkerhed tryghed vigtig vigtigt vigtigste nødvendigt muligt
bruger brugere brugerne medarbejdere arbejde arbejder arbejdet udvikling udfordring udfordringer
ydelser sygehus sygehuse sygehuset kommunikation""".split()
DANISH_WEIGHT = 2.0  # as the hand-checked core markers: never seen in 600,000 NDT tokens
# Danish endings for unlisted words («synlighed», «tilgængelighed», «relationer» are not
# Norwegian); weight 1.5, the most any ending counts. «heder»/«heden» are Norwegian nouns; bare
# «-hed» is not used because English past tenses in quotes end so («published», «laughed»).
DANISH_SUFFIXES = {ending: 1.5 for ending in (
    "lighed", "mhed", "rhed", "dhed", "nhed", "heden", "hedens", "heder", "igt", "tioner", "tionen",
    "tionerne")}
DANISH_EXCEPTIONS = ["heder", "heden", "shed"]


# Endings (for words not in the list), from grammar; weights are measured below.
SUFFIXES = {
    "nb": ["heten", "hetene", "heter", "het", "lig", "lige", "ligere", "ligst", "ligste",
           "else", "elsen", "elser", "elsene", "inger", "ingene", "ninger", "eres", "ende",
           "sjoner", "sjonene", "erne", "ngene", "ede", "tede", "es", "ingen", "igere", "ioner",
           "rsoner", "aler", "eder", "ier", "løs", "løse", "løst", "istene"],
    "nn": ["heit", "heita", "heiter", "heitene", "leg", "legare", "legast", "legaste", "ingar",
           "ingane", "arar", "arane", "ane", "ar", "ande", "ast", "sjonar", "sjonane", "isera",
           "erast", "ggje", "kkje", "gjer", "kje", "gje", "kjer", "ggja", "kkja", "leik", "leiken",
           "semd", "semda", "igaste", "igare", "aren", "era", "iar", "laus", "lause", "laust",
           "domen", "erar"],
}
# Beginnings (for words outside the list): bokmål hv-/selv-/frem-, nynorsk sjølv-/eigen- …
PREFIXES = {
    "nb": ["hv", "selv", "frem", "egen", "tilbud", "hoved", "tjenest", "henvis", "henvend", "hensyn", "syke",
           "sykdom", "sykmeld", "kirke", "eiendom"],
    "nn": ["sjølv", "eigen", "tenest", "kyrkj", "eigedom", "tilbod", "hovud"],
}
# Words that begin like a marker but are valid in both (checked as prefixes of the word).
PREFIX_EXCEPTIONS = ["fremj", "fremmed", "kirkegard", "kirkenes", "hvaler"]
# Words that end like a marker but are valid in both (checked before the endings).
SUFFIX_EXCEPTIONS = {
    "januar", "februar", "kommentar", "dokumentar", "seminar", "vikar", "dollar", "radar",
    "hektar", "kaviar", "nektar", "inventar", "formular", "bibliotekar", "notar", "kommissar",
    "hangar", "jaguar", "altar", "bolivar", "glossar", "sekretar", "ordinar", "solar",
    "lande", "blande", "strande", "fast", "kast", "last", "plast", "kontrast", "podkast",
    "moderne", "interne", "eksterne", "fjerne", "gjerne", "stjerne", "hjerne", "kjerne",
    "lanterne", "taverne", "kaserne", "cisterne", "diabetes", "herpes", "rabies", "karies",
    "skabies", "species", "ende", "vende", "sende", "hende", "kjende", "tiende", "rende",
    "brende", "stede", "rede", "hede", "bede", "vane", "bane", "fane", "hane", "kane", "rane",
    "plane", "organe", "orkane", "het", "lege", "kollega", "kanskje", "skjer",
    # compounds of bokmål «ta/tar» (nynorsk «tek»), not nynorsk a-verbs
    "godtar", "deltar", "opptar", "overtar", "inntar", "påtar", "antar", "vedtar", "foretar",
    "avtar", "fratar", "medtar", "tiltar",
    # shared nouns that end like nynorsk -aren / -era
    "kommentaren", "bibliotekaren", "vikaren", "dollaren", "radaren", "notaren", "kommissaren",
    "hangaren", "jaguaren", "kaviaren", "kamera", "opera", "kolera", "riviera", "galera",
}


@dataclass
class Corpus:
    counts: collections.Counter = field(default_factory=collections.Counter)
    docs: dict = field(default_factory=lambda: collections.defaultdict(set))
    props: collections.Counter = field(default_factory=collections.Counter)
    pos: dict = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    lemma_of: dict = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    lemmas: collections.Counter = field(default_factory=collections.Counter)
    tokens: int = 0
    files: int = 0
    skipped: int = 0


def read_conll(path: Path) -> list[list[tuple[str, str, str]]]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        current.append((cols[1], cols[2], cols[3], cols[5]))
    if current:
        sentences.append(current)
    return sentences


def ud_sentences(path: Path) -> set[tuple[str, ...]]:
    return {tuple(t[0] for t in s) for s in read_conll(path) if len(s) >= 4}


def load_corpus(folder: Path, held_out: set[tuple[str, ...]]) -> Corpus:
    corpus = Corpus()
    for path in sorted(folder.glob("*.conll")):
        sentences = read_conll(path)
        if any(tuple(t[0] for t in s) in held_out for s in sentences):
            corpus.skipped += 1  # shares text with ud-dev: never learn from it
            continue
        corpus.files += 1
        doc = path.name.split("_")[0]
        for sentence in sentences:
            for form, lemma, pos, feats in sentence:
                word = form.lower()
                if not WORD.match(word):
                    continue
                if "prop" in feats.split("|"):
                    corpus.props[word] += 1
                    continue
                corpus.counts[word] += 1
                corpus.pos[word][pos] += 1
                corpus.lemma_of[word][lemma.lower()] += 1
                corpus.lemmas[lemma.lower()] += 1
                corpus.docs[word].add(doc)
                corpus.tokens += 1
    return corpus


def log_ratio(a: int, b: int, na: int, nb: int, smoothing: float = 0.5) -> float:
    return math.log(((a + smoothing) / na) / ((b + smoothing) / nb))


def apertium(words: list[str], analyser: str) -> dict[str, list[str]]:
    """Analyses per word from an Apertium analyser (``nob`` or ``nno``); empty when unknown."""
    binary = APERTIUM / ("nob-nno.automorf.bin" if analyser == "nob" else "nno-nob.automorf.bin")
    if not shutil.which("lt-proc") or not binary.exists():
        return {}
    out = subprocess.run(["lt-proc", str(binary)], input="".join(f"{w}\n" for w in words),
                         capture_output=True, text=True, check=True).stdout.split("\n")
    result = {}
    for word, line in zip(words, out):
        units = re.findall(r"\^(.*?)\$", line)
        if len(units) == 1 and units[0].split("/")[0] == word and "/*" not in units[0]:
            result[word] = units[0].split("/")[1:]
        else:
            result[word] = []
    return result


# Apertium part-of-speech tags → the Oslo-Bergen tags NDT uses
APERTIUM_POS = {"vblex": "verb", "vbmod": "verb", "vbser": "verb", "vbhaver": "verb", "n": "subst",
                "adj": "adj", "adv": "adv", "pr": "prep", "prn": "pron", "det": "det",
                "cnjcoo": "konj", "cnjsub": "sbu", "ij": "interj", "num": "det"}


def regenerates(analyses: dict[str, list[str]], generator: str) -> dict[str, set[str]]:
    """Per word, the parts of speech in which the other standard's generator produces it again.

    A bokmål-looking word that Apertium's nynorsk side analyses *and* generates back unchanged
    is a normal nynorsk form (``homofile``); a word it only understands (``ikke`` → ``ikkje``,
    ``fikk`` → ``fekk``) is not. The part of speech lets the caller ignore rare homographs
    (bokmål verb «hevder» vs nynorsk noun plural «hevder»).
    """
    binary = APERTIUM / ("nob-nno.autogen.bin" if generator == "nno" else "nno-nob.autogen.bin")
    pairs = [(w, a) for w, items in analyses.items() for a in items if "<compound" not in a and "<cmp>" not in a]
    if not pairs or not binary.exists():
        return set()
    out = subprocess.run(["lt-proc", "-g", str(binary)], input="".join(f"^{a}$\n" for _, a in pairs),
                         capture_output=True, text=True, check=True).stdout.split("\n")
    result: dict[str, set[str]] = collections.defaultdict(set)
    for (word, analysis), generated in zip(pairs, out):
        if generated.strip() == word:
            tag = re.search(r"<([a-z]+)>", analysis)
            result[word].add(APERTIUM_POS.get(tag.group(1), tag.group(1)) if tag else "?")
    return result


def valid_as_used(word: str, valid: dict[str, set[str]], corpus: Corpus) -> bool:
    """The other standard has this form in the part of speech it mostly has in ``corpus``."""
    if word not in valid or not corpus.pos[word]:
        return False
    usual = corpus.pos[word].most_common(1)[0][0]
    return usual in valid[word]


def frequent(word: str, side: str, nob: Corpus, nno: Corpus) -> bool:
    """Seen 30+ times in one half and at most 1/20 as often in the other: a marker in practice.

    Apertium's lexicons also hold rare homographs («bare» = naked, plural), so their verdict only
    decides for less frequent words, where a shared word could easily be missing from NDT by chance.
    """
    mine, theirs = (nob, nno) if side == "nb" else (nno, nob)
    ratio = log_ratio(mine.counts[word], theirs.counts[word], mine.tokens, theirs.tokens)
    return mine.counts[word] >= 30 and ratio >= math.log(20)


def shares_lemma(word: str, mine: Corpus, theirs: Corpus) -> bool:
    """The word's usual NDT lemma is also used in the other half («saka»: «sak» is bokmål too).

    Radical bokmål allows -a forms only of words bokmål has («saka», «jobba»), not of nynorsk-only
    words («forskinga», «sanninga»), whatever Apertium's forgiving analyser says.
    """
    lemmas = mine.lemma_of.get(word)
    if not lemmas:
        return False
    return theirs.lemmas[lemmas.most_common(1)[0][0]] > 0


def nynorsk_ending(word: str) -> bool:
    return any(word.endswith(e) and len(word) >= len(e) + 3 for e in ("ar", "ane", "ande", "ast", "leg", "lege", "heit"))


def radical_bokmaal(word: str, analyses: list[str]) -> bool:
    """An nn-looking form that bokmål allows too (boka, husa, kasta, imperatives)."""
    for a in analyses:
        if "<compound" in a:
            continue
        if "<n><f><sg><def>" in a or "<n><nt><pl><def>" in a or "<vblex><imp>" in a:
            return True
        if word.endswith("a") and re.search(r"^[^<]*e<vblex><(pret|pp)>$", a):
            return True
    return False


def nynorsk_noun(analyses: list[str]) -> bool:
    """A bokmål past tense that is also a nynorsk neuter noun (kastet, merket, regnet)."""
    return any("<n><nt><sg><def>" in a and "<compound" not in a for a in analyses)


def jless_nynorsk(word: str, nn_counts: collections.Counter) -> bool:
    """bokmål ``tenker`` where nynorsk has ``tenkjer`` and (since 2012) ``tenker`` too."""
    for i in range(1, len(word) - 1):
        if word[i] in "kg" and word[i + 1] == "e" and nn_counts[word[: i + 1] + "j" + word[i + 1:]] > 0:
            return True
    return False


def build(data: Path) -> dict:
    ud = data / "ud-dev"
    nob = load_corpus(data / "ndt" / "nob", ud_sentences(ud / "no_bokmaal-ud-dev.conllu"))
    nno = load_corpus(data / "ndt" / "nno", ud_sentences(ud / "no_nynorsk-ud-dev.conllu"))
    print(f"nob: {nob.files} files ({nob.skipped} left out), {nob.tokens} tokens; "
          f"nno: {nno.files} files ({nno.skipped} left out), {nno.tokens} tokens", file=sys.stderr)
    candidates: dict[str, tuple[str, float]] = {}
    for word in set(nob.counts) | set(nno.counts):
        a, b = nob.counts[word], nno.counts[word]
        ratio = log_ratio(a, b, nob.tokens, nno.tokens)
        if ratio >= MIN_RATIO_LOG and a >= MIN_COUNT and len(nob.docs[word]) >= MIN_DOCS:
            candidates[word] = ("nb", ratio)
        elif -ratio >= MIN_RATIO_LOG and b >= MIN_COUNT and len(nno.docs[word]) >= MIN_DOCS:
            candidates[word] = ("nn", -ratio)
    words = sorted(candidates)
    nob_analyses = apertium([w for w in words if candidates[w][0] == "nn"], "nob")
    nno_analyses = apertium([w for w in words if candidates[w][0] == "nb"], "nno")
    if not nob_analyses:
        print("warning: apertium-nno-nob not installed; homograph filters skipped", file=sys.stderr)
    valid_nn = regenerates(nno_analyses, "nno")
    valid_nb = regenerates(nob_analyses, "nob")
    dropped: dict[str, list[str]] = collections.defaultdict(list)
    markers: dict[str, dict[str, float]] = {"nb": {}, "nn": {}}
    forced = {w: side for side, ws in FORCE.items() for w in ws}
    forced.update({w: side for side, ws in FORCE_CONTENT.items() for w in ws if w in candidates})
    for word in words:
        side, ratio = candidates[word]
        other = nno if side == "nb" else nob
        reason = None
        if word in NEUTRAL:
            reason = "neutral"
        elif "sjuk" in word and side == "nn" and not nynorsk_ending(word):
            reason = "radical-bokmaal"  # bokmål allows sjuk, sjukehus, sjukdom …
        elif word in forced or word in LOW_WEIGHT:
            pass  # checked by hand
        elif other.props[word] >= max(2, 0.2 * (nob if side == "nb" else nno).counts[word]):
            reason = "name"
        elif side == "nb" and valid_as_used(word, valid_nn, nob) and not frequent(word, side, nob, nno):
            reason = "valid-nynorsk"
        elif side == "nn" and valid_as_used(word, valid_nb, nno) and not frequent(word, side, nob, nno):
            reason = "valid-bokmaal"
        elif side == "nn" and shares_lemma(word, nno, nob) and radical_bokmaal(word, nob_analyses.get(word, [])):
            reason = "radical-bokmaal"
        elif side == "nb" and nynorsk_noun(nno_analyses.get(word, [])):
            reason = "nynorsk-noun"
        elif side == "nb" and jless_nynorsk(word, nno.counts):
            reason = "j-less"
        if reason:
            dropped[reason].append(word)
            continue
        a, b = nob.counts[word], nno.counts[word]
        confident = log_ratio(a, b, nob.tokens, nno.tokens, smoothing=2.0) * (1 if side == "nb" else -1)
        weight = LOW_WEIGHT.get(word, max(MIN_WEIGHT, min(MAX_WEIGHT, confident - 1.0)))
        markers[side][word] = round(weight, 2)
    for word, side in forced.items():  # core markers even when rare in NDT
        if word not in markers[side]:
            markers[side][word] = LOW_WEIGHT.get(word, 2.0)
    for reason, ws in dropped.items():
        print(f"dropped ({reason}): {len(ws)}", file=sys.stderr)
    suffixes = suffix_weights(nob, nno, markers)
    for side in ("nb", "nn"):  # a listed word never counts less than its ending alone would
        for word, weight in markers[side].items():
            by_ending = ending_of(word, suffixes)
            if by_ending and by_ending[0] == side and by_ending[1] > weight and word not in LOW_WEIGHT:
                markers[side][word] = by_ending[1]
    # forms dropped for a grammatical reason are valid in both: they must not count through their
    # ending either (Apertium's verdicts and names are too unreliable to block anything)
    neutral = NEUTRAL | {w for reason in ("neutral", "radical-bokmaal", "j-less", "nynorsk-noun")
                         for w in dropped.get(reason, ())}
    danish = danish_words(nob, nno, neutral, markers)
    return {"danish": danish, "markers": markers, "suffixes": suffixes, "prefixes": affix_weights(nob, nno, markers),
            "neutral": neutral, "dropped": dropped, "stats": (nob, nno)}


def danish_words(nob: Corpus, nno: Corpus, neutral: set[str], markers: dict) -> dict[str, float]:
    """The curated Danish forms that never occur in NDT and are no Norwegian marker or neutral word."""
    kept: dict[str, float] = {}
    for word in DANISH:
        seen = nob.counts[word] + nob.props[word] + nno.counts[word] + nno.props[word]
        if seen or word in neutral or word in markers["nb"] or word in markers["nn"]:
            print(f"danish: dropped «{word}» (seen {seen} times in NDT or listed as Norwegian)", file=sys.stderr)
            continue
        kept[word] = DANISH_WEIGHT
    for ending in DANISH_SUFFIXES:
        types = sorted(w for c in (nob.counts, nno.counts) for w in c
                       if w.endswith(ending) and w not in DANISH_EXCEPTIONS and len(w) >= len(ending) + 3)
        print(f"danish ending -{ending}: NDT types {types[:5]}", file=sys.stderr)
    return kept


def ending_of(word: str, suffixes: dict[str, dict[str, float]]) -> tuple[str, float] | None:
    """The side and weight the runtime would give ``word`` by its ending (same rules as malform.py)."""
    if len(word) < 6 or word in SUFFIX_EXCEPTIONS or not word.isalpha():
        return None
    ranked = sorted(((e, side, w) for side, ends in suffixes.items() for e, w in ends.items()),
                    key=lambda item: -len(item[0]))
    for ending, side, weight in ranked:
        if word.endswith(ending) and len(word) >= len(ending) + 3:
            return side, weight
    return None


def prefix_hits(words: list[str], prefix: str) -> int:
    return sum(1 for w in words if w.startswith(prefix) and len(w) >= len(prefix) + 2
               and not any(w.startswith(x) for x in PREFIX_EXCEPTIONS))


def affix_weights(nob: Corpus, nno: Corpus, markers: dict) -> dict[str, dict[str, dict[str, float]]]:
    """Weights of the curated beginnings, from rare NDT word types like the endings."""
    known = set(markers["nb"]) | set(markers["nn"]) | NEUTRAL

    def types(corpus: Corpus) -> list[str]:
        return [w for w, c in corpus.counts.items() if c <= 3 and w not in known and len(w) >= 4]

    tb, tn = types(nob), types(nno)
    result: dict[str, dict[str, float]] = {"nb": {}, "nn": {}}
    for side, prefixes in PREFIXES.items():
        for p in prefixes:
            a, b = prefix_hits(tb, p), prefix_hits(tn, p)
            ratio = log_ratio(a, b, len(tb), len(tn)) * (1 if side == "nb" else -1)
            # grammar says these never occur in the other standard; few types seen: at least 0.5
            weight = round(max(0.5, min(1.5, ratio - 1.0)), 2) if (a if side == "nb" else b) else 0.5
            print(f"  {p}- ({side}): nob {a} nno {b} -> {weight}", file=sys.stderr)
            result[side][p] = weight
    return result


def suffix_weights(nob: Corpus, nno: Corpus, markers: dict) -> dict[str, dict[str, float]]:
    """Weight of each curated ending, from rare NDT word types (a stand-in for unseen words)."""
    known = set(markers["nb"]) | set(markers["nn"]) | NEUTRAL

    def types(corpus: Corpus) -> list[str]:
        return [w for w, c in corpus.counts.items() if c <= 3 and w not in known and len(w) >= 6]

    tb, tn = types(nob), types(nno)
    all_suffixes = sorted({s for ss in SUFFIXES.values() for s in ss}, key=len, reverse=True)

    def longest(word: str) -> str | None:
        return next((s for s in all_suffixes if word.endswith(s)), None)

    cb = collections.Counter(longest(w) for w in tb if w not in SUFFIX_EXCEPTIONS)
    cn = collections.Counter(longest(w) for w in tn if w not in SUFFIX_EXCEPTIONS)
    result: dict[str, dict[str, float]] = {"nb": {}, "nn": {}}
    for side, suffixes in SUFFIXES.items():
        for s in suffixes:
            ratio = log_ratio(cb[s], cn[s], len(tb), len(tn))
            if side == "nn":
                ratio = -ratio
            weight = round(max(0.0, min(1.5, ratio - 1.0)), 2)
            print(f"  -{s} ({side}): nob {cb[s]} nno {cn[s]} -> {weight}", file=sys.stderr)
            if weight >= 0.3:
                result[side][s] = weight
    return result


HEADER = """\
# Målform markers: word forms and endings that belong to one written standard only.
# Generated by tools/malform_build_markers.py — edit the curated lists there, then rerun.
#
# Sources and method:
# - Word counts from the Norwegian Dependency Treebank (NDT, Språkbanken/National Library of
#   Norway and University of Oslo; annotations CC0), bokmål and nynorsk parts. Only statistics
#   ship here, no text. NDT files that share sentences with UD Norwegian dev (our measuring set)
#   were left out.
# - A word is a marker when it is at least ~7x more frequent per token in one standard, seen 3+
#   times in 3+ documents; weight = log frequency ratio - 1, clamped to [0.5, 3].
# - Danish ("danish", "danish_suffixes"): hand-picked Danish-only forms, each checked against the
#   bokmål/nynorsk norms and absent from NDT; a text whose Danish evidence dominates is "unknown".
# - Forms valid in both standards never count ("neutral"): words seen 3+ times in each half of NDT
#   that would otherwise count through an ending or compound part («ansvar», «fremst», «felles»);
#   Språkrådet's norms as summarised in the
#   project's research notes §4.1–4.2 (også, vi, blei, mi/di/si, radical bokmål forms like sjuk,
#   heim, veg; nynorsk j-less forms like legge/tenke and gi/gir since 2012), plus homograph filters
#   using the Apertium nno-nob analysers (GPL-2+; used at build time only, nothing copied).
# - Endings (for words outside the list) are curated from grammar (-heit/-het, -leg/-lig,
#   -ingar/-inger, -ane, -ar, -ande/-ende, -ast/-es); weights from rare NDT word types.
# - Weak evidence (words valid in both standards with a frequency skew, letter sequences) is in
#   malform-frequencies.tsv; it decides only when the markers here do not.
# - Detection: score = sum of weights; see klarsprak/language/malform.py for thresholds.
"""


def write(result: dict, out: Path) -> None:
    markers, suffixes = result["markers"], result["suffixes"]
    doc = {
        "name": "malform-markers",
        "description": "Ord og endingar som berre høyrer til eitt av skriftspråka (bokmål eller nynorsk).",
        "sources": [
            "Norsk trebank (NDT), Språkbanken og Universitetet i Oslo: ordfrekvensar (berre statistikk)",
            "Språkrådet: rettskrivingsnormene for bokmål (2005) og nynorsk (2012), via forskingsnotat §4",
            "Apertium nno-nob (Debian apertium-nno-nob): homografsjekk ved bygging",
        ],
        "licence": "Statistikk avleidd frå NDT (CC0-annotasjonar; tekstane er ikkje med). Kuratert liste: same lisens som klarsprak.",
        "neutral": sorted(result["neutral"]),
        "suffix_exceptions": sorted(SUFFIX_EXCEPTIONS),
        "prefix_exceptions": sorted(PREFIX_EXCEPTIONS),
        "nb": dict(sorted(markers["nb"].items())),
        "nn": dict(sorted(markers["nn"].items())),
        "suffixes": {"nb": suffixes["nb"], "nn": suffixes["nn"]},
        "prefixes": result["prefixes"],
        "danish": dict(sorted(result["danish"].items())),
        "danish_suffixes": DANISH_SUFFIXES,
        "danish_exceptions": sorted(DANISH_EXCEPTIONS),
    }
    text = HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(markers['nb'])} nb, {len(markers['nn'])} nn markers", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "wordlists" / "malform-markers.yaml")
    parser.add_argument("--show-dropped", action="store_true")
    parser.add_argument("--show-kept", type=int, default=0, metavar="N")
    args = parser.parse_args()
    result = build(args.data)
    if args.show_kept:
        nob, nno = result["stats"]
        for side in ("nb", "nn"):
            ws = sorted(result["markers"][side], key=lambda w: -(nob.counts[w] + nno.counts[w]))
            print(f"## kept {side}: " + "  ".join(f"{w}:{nob.counts[w]}/{nno.counts[w]}={result['markers'][side][w]}" for w in ws[:args.show_kept]))
    if args.show_dropped:
        nob, nno = result["stats"]
        for reason, ws in result["dropped"].items():
            ws = sorted(ws, key=lambda w: -(nob.counts[w] + nno.counts[w]))
            print(f"## {reason}: " + "  ".join(f"{w}:{nob.counts[w]}/{nno.counts[w]}" for w in ws[:300]))
    result["neutral"] = result["neutral"] | attested_in_both(result, args.out)
    write(result, args.out)


def attested_in_both(result: dict, out: Path) -> set[str]:
    """Words NDT shows in both standards that would still count through an affix: make them neutral.

    A form seen ``MIN_COUNT`` times in each half with no marker-level skew is attested as valid in
    both («ansvar» is no nynorsk «-ar» plural, «fremst» is nynorsk too, «felles» no bokmål
    s-passive), so its ending, beginning or compound part must not make it evidence.
    """
    import tempfile

    sys.path.insert(0, str(ROOT))
    from klarsprak.language.malform import marker_data, marker_for

    nob, nno = result["stats"]
    listed = set(result["markers"]["nb"]) | set(result["markers"]["nn"])
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / out.name
        write(result, draft)
        data = marker_data(draft)
        found = {word for word in set(nob.counts) & set(nno.counts)
                 if nob.counts[word] >= MIN_COUNT and nno.counts[word] >= MIN_COUNT
                 and word not in listed and word not in data.neutral and marker_for(word, data) is not None}
    print(f"attested in both, no longer evidence through an affix: {len(found)}: {sorted(found)}", file=sys.stderr)
    return found


if __name__ == "__main__":
    main()

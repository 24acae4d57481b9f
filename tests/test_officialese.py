"""Officialese coverage: Kansellisten in full, nynorsk forms and replacements that the norms allow,
and gapped light-verb phrases («var ikke behjelpelig med») found without false alarms."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine
from klarsprak.language.inflect import generate_forms
from klarsprak.language.wordlist import Wordlist, load_wordlist

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
KANSELLISTEN = SHARED / "wordlist-sources" / "kansellisten.json"
LEXICON = SHARED / "lexicon"
LISTS = {"nb": ROOT / "wordlists" / "byrakratiske-ord-nb.yaml", "nn": ROOT / "wordlists" / "byrakratiske-ord-nn.yaml"}


@dataclass(frozen=True)
class PlainToken:
    """Just enough of a spaCy token for ``Wordlist.find`` without the model."""

    text: str

    @property
    def lower_(self) -> str:
        return self.text.lower()

    lemma_ = ""
    pos_ = ""
    is_sent_start = False


def tokens(text: str) -> list[PlainToken]:
    return [PlainToken(word) for word in text.split()]


def wordlist(malform: str) -> Wordlist:
    return load_wordlist(LISTS[malform])


def header(malform: str) -> dict:
    return yaml.safe_load(LISTS[malform].read_text(encoding="utf-8"))


# --- Kansellisten: every entry listed, or left out with a reason -------------------------------


@pytest.mark.skipif(not KANSELLISTEN.is_file(), reason="../shared/data/wordlist-sources not available")
def test_every_kansellisten_entry_is_listed_or_left_out_with_a_reason() -> None:
    entries = json.loads(KANSELLISTEN.read_text(encoding="utf-8"))["kansellisten"]
    left_out = {word.lower(): why for word, why in header("nb").get("left_out", {}).items()}
    listed = wordlist("nb")
    missing = []
    for item in entries:
        word = item["kanselliord"].strip().lower()
        if word in left_out:
            assert len(left_out[word].split()) >= 3, f"«{word}»: say why it is left out"
            continue
        matches = list(listed.find(tokens(word)))
        if not matches or not any(m.entry.replace or m.entry.note for m in matches):
            missing.append(word)
    assert missing == [], f"Kansellisten entries neither listed nor left out: {missing}"
    assert len(entries) >= 150


def test_left_out_words_are_really_not_listed() -> None:
    """A word named as left out must not be flagged after all (the header would then lie)."""
    listed = wordlist("nb")
    for word in header("nb")["left_out"]:
        assert list(listed.find(tokens(word.lower()))) == [] or " " in word, word


# --- Validity against Norsk ordbank --------------------------------------------------------------

# Words the ordbank exports lack although the norm has them: one-letter words (dropped by the
# export) and the plural of «samtleg» (the keyboard export has no pronoun plurals).
NN_KNOWN = frozenset({"i", "å", "samtlege"})
NB_KNOWN = frozenset({"i", "å"})

# Irregular bokmål forms the paradigms do not make, each with its lemma (which must be in the ordbank).
NB_IRREGULAR = {
    "fantes": "finnes", "fulgte": "følge", "fulgt": "følge", "hjalp": "hjelpe", "hjulpet": "hjelpe",
    "ba": "be", "lot": "la", "gjaldt": "gjelde", "oppga": "oppgi", "solgt": "selge", "påsto": "påstå",
    "avveket": "avvike", "gjennomgikk": "gjennomgå", "avgjorde": "avgjøre", "bidro": "bidra",
    "bidrar": "bidra", "kan": "kunne", "er": "være", "annet": "annen", "enklere": "enkel",
    "gjort": "gjøre", "fikk": "få", "godtar": "godta", "godtok": "godta",
}


@cache
def _lines(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in (LEXICON / name).read_text(encoding="utf-8").splitlines())


def _nn_listed(word: str) -> bool:
    return word in _lines("nn-2012-forms.txt") or word in _lines("nn-2012-lemmas.txt")


def nn_valid(word: str) -> bool:
    """In the nynorsk ordbank; or a verb whose verbal noun is («iverksetje» – «iverksetjing»); or a
    compound of an ordbank lemma and an ordbank form («synleg|gjere», «gevinst|realisering»)."""
    if word in NN_KNOWN or _nn_listed(word):
        return True
    if word.endswith("e") and (_nn_listed(word[:-1] + "ing") or _nn_listed(word.removesuffix("je") + "ing")):
        return True
    if word.endswith("ing") and _nn_listed(word[:-3] + "e"):  # «realisering» – «realisere»
        return True
    lemmas = _lines("nn-2012-lemmas.txt")
    return any(word[:cut] in lemmas and nn_valid(word[cut:]) for cut in range(3, len(word) - 3))


def nb_valid(word: str) -> bool:
    """A bokmål lemma, or a form one of the inflection paradigms makes from one (no full-form list ships)."""
    lemmas = _lines("nb-2005-lemmas.txt")
    if word in NB_KNOWN or word in lemmas:
        return True
    if word in NB_IRREGULAR:
        return NB_IRREGULAR[word] in lemmas
    for cut in range(1, 5):
        stem = word[:-cut]
        for lemma in (stem, stem + "e", stem + "a"):
            if lemma in lemmas and any(word in generate_forms(lemma, paradigm, "nb") for paradigm in _PARADIGMS):
                return True
    return False


_PARADIGMS = ("verb", "verb-et", "verb-te", "verb-de", "verb-dde", "noun-m", "noun-f", "noun-n", "adj")


def replacement_words(malform: str) -> dict[str, set[str]]:
    """Every word the list proposes, with the entries that propose it."""
    found: dict[str, set[str]] = {}
    for entry in header(malform)["entries"]:
        for phrase in [*entry["replace"], *entry.get("replace_forms", {}).values()]:
            for word in phrase.lower().replace("(", " ").replace(")", " ").split():
                found.setdefault(word, set()).add(entry["word"])
    return found


@pytest.mark.skipif(not LEXICON.is_dir(), reason="../shared/data/lexicon not available")
def test_nynorsk_replacements_are_valid_nynorsk() -> None:
    invalid = {word: sorted(owners) for word, owners in replacement_words("nn").items() if not nn_valid(word)}
    assert invalid == {}


@pytest.mark.skipif(not LEXICON.is_dir(), reason="../shared/data/lexicon not available")
def test_bokmal_replacements_are_valid_bokmal() -> None:
    invalid = {word: sorted(owners) for word, owners in replacement_words("nb").items() if not nb_valid(word)}
    assert invalid == {}


@pytest.mark.skipif(not LEXICON.is_dir(), reason="../shared/data/lexicon not available")
def test_nynorsk_entries_are_nynorsk_words() -> None:
    """What the nynorsk list flags is nynorsk officialese; bokmål words belong to the målform lists."""
    invalid = []
    for entry in header("nn")["entries"]:
        for form in [entry["word"], *entry.get("forms", [])]:
            invalid += [(entry["word"], word) for word in form.split() if not nn_valid(word)]
    assert invalid == []


# --- Gapped light-verb phrases -------------------------------------------------------------------


def test_gap_matcher_bridges_only_closed_words_and_at_most_three() -> None:
    listed = wordlist("nb")
    found = [m.form for m in listed.find(tokens("Kontoret var ikke behjelpelig med søknaden"))]
    assert found == ["var ikke behjelpelig med"]
    assert [m.form for m in listed.find(tokens("Vi tok ennå ikke stilling til saken"))] == ["tok ennå ikke stilling til"]
    # four gap words, or a content word in between: too far apart to be the phrase
    assert list(listed.find(tokens("Hun var ikke nå heller alltid behjelpelig med noe"))) == []
    assert list(listed.find(tokens("Vi tok bilen stilling til"))) == []


def test_gap_matcher_never_crosses_a_sentence_boundary() -> None:
    words = tokens("Vi tok ikke stilling til saken")
    words[2] = PlainTokenAtSentenceStart("ikke")
    assert [m.form for m in wordlist("nb").find(words)] == []


@dataclass(frozen=True)
class PlainTokenAtSentenceStart(PlainToken):
    is_sent_start = True


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config().with_changes(select=["byrakratisk-ord"]))


def _findings(engine: Engine, text: str, malform: str):
    post = f"---\nmalform: {malform}\n---\n{text}\n"
    return engine.check(post, "innlegg.md").diagnostics


@pytest.mark.parametrize(("malform", "text", "match"), [
    ("nb", "Kontoret var ikke behjelpelig med søknaden min.", "var ikke behjelpelig med"),
    ("nb", "Vi tok ikke stilling til klagen før i dag.", "tok ikke stilling til"),
    ("nb", "Vi har ennå ikke tatt stilling til saken.", "tatt stilling til"),
    ("nb", "Hun er svært behjelpelig med alt.", "er svært behjelpelig med"),
    ("nb", "I dag tar vi stilling til søknaden din.", "tar vi stilling til"),
    ("nn", "Det vart ikkje teke stilling til klagen.", "teke stilling til"),
    ("nn", "Kontoret var ikkje behjelpeleg med søknaden.", "var ikkje behjelpeleg med"),
    ("nn", "Vi tok enno ikkje stilling til saka.", "tok enno ikkje stilling til"),
    ("nb", "Ordningen er dyr, og det forutsettes derfor at søknaden er utfylt.", "det forutsettes derfor at"),
    ("nn", "Ordninga er dyr, og det føreset difor at søknaden er utfylt.", "det føreset difor at"),
])
def test_inflected_light_verb_phrases_with_words_between_are_found(engine, malform, text, match) -> None:
    found = [d for d in _findings(engine, text, malform) if d.rule == "byrakratisk-ord"]
    assert [text[d.start - len(f"---\nmalform: {malform}\n---\n"):][:len(match)] for d in found] == [match]
    assert all(d.safe_fix is None for d in found), "a gapped match is never a safe fix"


def test_gapped_suggestion_keeps_the_negation_after_the_verb(engine) -> None:
    (finding,) = _findings(engine, "Kontoret var ikke behjelpelig med søknaden min.", "nb")
    assert [s.text for s in finding.suggestions] == ["hjalp ikke med"]
    (finding,) = _findings(engine, "Hun er svært behjelpelig med alt.", "nb")
    assert [s.text for s in finding.suggestions] == ["hjelper med"] and finding.suggestions[0].fix is None


@pytest.mark.parametrize(("malform", "text"), [
    ("nb", "Vi tok. Stilling til dette kommer senere."),
    ("nb", "Hun var ikke nå heller alltid behjelpelig med noe."),
    ("nb", "Legen hjalp meg med søknaden, og vi avgjorde saken i dag."),
    ("nn", "Legen hjelpte meg med søknaden, og vi avgjorde saka i dag."),
])
def test_plain_or_far_apart_text_is_not_flagged(engine, malform, text) -> None:
    assert [d.message for d in _findings(engine, text, malform) if d.rule == "byrakratisk-ord"] == []


def test_stiff_but_sometimes_right_entries_are_below_warning(engine) -> None:
    (finding,) = _findings(engine, "Takk for din henvendelse.", "nb")
    assert finding.severity.label == "info"
    (finding,) = _findings(engine, "Vi innhenter opplysninger fra fastlegen.", "nb")
    assert finding.severity.label == "warning"
    (finding,) = _findings(engine, "Vi har ikke tatt stilling til søknaden din.", "nb")
    assert finding.severity.label == "warning"


@pytest.mark.parametrize(("malform", "text", "match", "level"), [
    ("nb", "Det er ønskelig at du møter fastende.", "Det er ønskelig at", "warning"),
    ("nn", "Det er ønskjeleg at du møter fastande.", "Det er ønskjeleg at", "warning"),
    ("nb", "Det er av stor betydning at du tar medisinen.", "av stor betydning", "warning"),
    ("nn", "Det er av stor betyding at du tek medisinen.", "av stor betyding", "warning"),
    ("nb", "Vi understreker viktigheten av god håndhygiene.", "viktigheten av", "warning"),
    ("nn", "Vi understrekar viktigheita av god handhygiene.", "viktigheita av", "warning"),
    ("nb", "Kommunen var ikke i stand til å tilby plass.", "var ikke i stand til å", "warning"),
    ("nn", "Kommunen var ikkje i stand til å tilby plass.", "var ikkje i stand til å", "warning"),
    ("nb", "Vi har utarbeidet nye råd om kosthold.", "utarbeidet", "warning"),
    ("nn", "Vi har utarbeidd nye råd om kosthald.", "utarbeidd", "warning"),
    ("nb", "Legekontoret er utstyrt med heis.", "er utstyrt med", "warning"),
    ("nn", "Legekontoret er utstyrt med heis.", "er utstyrt med", "warning"),
    ("nb", "Vi tar forbehold om endringer.", "tar forbehold om", "info"),
    ("nn", "Vi tek atterhald om endringar.", "tek atterhald om", "info"),
    ("nb", "Du vil motta et brev i posten.", "motta", "info"),
    ("nn", "Du vil motta eit brev i posten.", "motta", "info"),
    ("nb", "Kravet må fremsettes innen fristen.", "fremsettes", "info"),
    ("nn", "Kravet må framsetjast innan fristen.", "framsetjast", "info"),
])
def test_entries_added_for_recall_are_found_at_their_level(engine, malform, text, match, level) -> None:
    found = [d for d in _findings(engine, text, malform) if d.rule == "byrakratisk-ord"]
    offset = len(f"---\nmalform: {malform}\n---\n")
    assert [(text[d.start - offset:d.end - offset], d.severity.label) for d in found] == [(match, level)]


def test_an_entry_level_never_rises_above_the_rule_level_set_in_config() -> None:
    engine = Engine(Config().with_changes(select=["byrakratisk-ord"], rules={"byrakratisk-ord": "hint"}))
    (finding,) = _findings(engine, "Vi har ikke tatt stilling til søknaden din.", "nb")
    assert finding.severity.label == "hint"


def test_rewrite_pairs_are_sourced_and_split_before_tuning() -> None:
    """The benchmark's pairs: both standards, a source each, and the fixed sha1 split (about 25 % test)."""
    import hashlib

    pairs = yaml.safe_load((ROOT / "benchmarks" / "data" / "rewrites.yaml").read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 100 and sum(p["malform"] == "nn" for p in pairs) >= 25
    assert len({p["id"] for p in pairs}) == len(pairs)
    for pair in pairs:
        assert pair["before"].strip() and pair["after"].strip() and pair["before"] != pair["after"], pair["id"]
        assert pair["source"].startswith("own:") == pair["own"], pair["id"]
        assert pair["own"] or "http" in pair["source"], f"{pair['id']}: cite where a published pair comes from"
        expected = "test" if int(hashlib.sha1(pair["id"].encode()).hexdigest(), 16) % 4 == 0 else "dev"
        assert pair["split"] == expected, pair["id"]

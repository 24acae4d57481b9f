"""Målform detection (klarsprak.language.malform) and the bokmål↔nynorsk pair lists it must agree with."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest
import yaml

from klarsprak.core.resources import data_path
from klarsprak.language.malform import (
    SEQUENCES,
    Malform,
    detect_malform,
    is_neutral,
    marker_data,
    marker_for,
    weak_marker_for,
)

ROOT = Path(__file__).resolve().parent.parent
WORDLISTS = data_path("wordlists")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:[-.][^\W\d_]+)*", text)


def detect(text: str):
    return detect_malform(words(text))


NB_POST = (
    "Visste du at du kan bestille time hos fastlegen din på Helsenorge? Hvis du ikke finner "
    "fastlegen din, kan du ringe oss. Vi hjelper deg gjerne, og du får svar fra oss i løpet av "
    "noen dager."
)
NN_POST = (
    "Visste du at du kan bestille time hos fastlegen din på Helsenorge? Viss du ikkje finn "
    "fastlegen din, kan du ringje oss. Vi hjelper deg gjerne, og du får svar frå oss i løpet av "
    "nokre dagar."
)
NN_POST_WITH_STRAY = (
    "Har du spørsmål om vaksinar? Her finn du svar på det meste, og vi svarar deg gjerne. "
    "Legevakta er open heile døgnet, og du kan ikkje bestille time der. Ring 116 117 hvis det er akutt."
)
MIXED_POST = (
    "Jeg har ikke fått svar fra fastlegen ennå, og hva skal jeg gjøre nå? "
    "Eg har ikkje fått svar frå legekontoret, og kva skal eg gjere no?"
)


# --- verdicts -------------------------------------------------------------------------------

def test_bokmaal_post_is_nb_with_the_words_that_decided_it():
    result = detect(NB_POST)
    assert result.malform is Malform.NB
    assert result.nb_score > 0 and result.nn_score == 0
    decided = {ev.word for ev in result.evidence}
    assert {"ikke", "fra", "noen"} <= decided
    assert all(ev.standard is Malform.NB for ev in result.evidence if not ev.weak)


def test_nynorsk_post_is_nn_with_the_words_that_decided_it():
    result = detect(NN_POST)
    assert result.malform is Malform.NN
    decided = {ev.word for ev in result.evidence}
    assert {"ikkje", "frå", "nokre"} <= decided
    assert result.nb_score == 0


def test_one_stray_bokmaal_word_does_not_make_a_nynorsk_post_mixed():
    result = detect(NN_POST_WITH_STRAY)
    assert result.malform is Malform.NN
    stray = [ev for ev in result.evidence if ev.standard is Malform.NB and not ev.weak]
    assert [ev.word for ev in stray] == ["hvis"]


def test_half_and_half_post_is_mixed():
    result = detect(MIXED_POST)
    assert result.malform is Malform.MIXED
    assert result.nb_score > 0 and result.nn_score > 0


@pytest.mark.parametrize("text", ["Godt nytt år", "Takk til alle!", "Velkommen inn", ""])
def test_short_posts_without_markers_are_unknown(text):
    result = detect(text)
    assert result.malform is Malform.UNKNOWN
    assert all(item.weak for item in result.evidence)  # at most weak evidence, too little to decide


def test_a_single_clear_marker_is_enough_even_in_a_short_post():
    assert detect("Ikkje gløym vaksinen!").malform is Malform.NN
    assert detect("Ikke glem vaksinen!").malform is Malform.NB


# --- words valid in both never count ----------------------------------------------------------

SHARED_WORDS = ["også", "vi", "blei", "mi", "di", "si", "og", "er", "ei", "heim", "fram",
                "de", "gi", "gir", "sjukehus", "legge", "tenker", "skriv", "finn", "mellom"]


@pytest.mark.parametrize("word", SHARED_WORDS)
def test_words_valid_in_both_are_no_evidence(word):
    assert marker_for(word) is None
    assert marker_for(word.capitalize()) is None


def test_shared_words_do_not_move_the_scores_of_a_post():
    base = detect(NB_POST)
    padded = detect(NB_POST + " " + " ".join(SHARED_WORDS * 3))
    assert (padded.nb_score, padded.nn_score) == (base.nb_score, base.nn_score)
    assert padded.malform is Malform.NB
    only_shared = detect(" ".join(SHARED_WORDS))
    assert (only_shared.nb_score, only_shared.nn_score) == (0, 0)
    assert all(ev.weak for ev in only_shared.evidence)  # at most weak evidence, and marked so


# --- evidence ---------------------------------------------------------------------------------

def test_evidence_counts_repeats_and_puts_the_most_telling_first():
    result = detect("Eg veit ikkje. Ikkje no. IKKJE i morgon heller.")
    ikkje = next(ev for ev in result.evidence if ev.word == "ikkje")
    assert ikkje.count == 3  # case folded: «Ikkje», «IKKJE»
    weights = [ev.weight for ev in result.evidence if not ev.weak]
    assert weights == sorted(weights, reverse=True)
    flags = [ev.weak for ev in result.evidence]
    assert flags == sorted(flags)  # markers first, weak evidence after
    assert result.evidence[0].word == "ikkje"


def test_unlisted_words_count_by_their_ending_and_say_so():
    result = detect("Tryggleiken og fridomen er viktig, og moglegheitene mange.")
    by_word = {ev.word: ev for ev in result.evidence}
    assert result.malform is Malform.NN
    assert by_word["moglegheitene"].standard is Malform.NN
    nb = detect("Vi snakker om tilgjengeligheten for brukerne.")
    assert nb.malform is Malform.NB
    ending = next(ev for ev in nb.evidence if ev.word == "tilgjengeligheten")
    assert ending.ending  # counted through its ending, and the evidence says which


def test_names_do_not_count_through_their_ending():
    # «Sandane» and «Gunnar» end like nynorsk plurals/verbs, but they are names
    assert marker_for("Sandane") is None
    assert marker_for("Gunnar") is None
    assert marker_for("sykehusavdelingane") is not None  # an ordinary lower-case word does


# --- weak evidence: shared words with a skew decide only where markers do not ---------------------

def test_weak_words_are_no_markers_but_weak_evidence():
    for word in ("henne", "heime", "mens"):  # valid in both standards
        assert marker_for(word) is None
        weak = weak_marker_for(word)
        assert weak is not None and weak.weak and weak.weight > 0
    assert weak_marker_for("henne").standard is Malform.NB
    assert weak_marker_for("heime").standard is Malform.NN
    assert weak_marker_for("ikkje") is None  # a marker is never weak evidence too
    assert weak_marker_for("du") is None  # pronouns of address: NDT's genre skew, not the standard's


def test_a_sentence_without_markers_gets_a_verdict_from_weak_evidence_marked_as_weak():
    nn = detect("Det var ei fin stund heime med familien.")
    assert nn.malform is Malform.NN
    assert (nn.nb_score, nn.nn_score) == (0, 0) and nn.weak_nn > nn.weak_nb
    assert {"ei", "heime"} <= {ev.word for ev in nn.evidence if ev.weak}
    assert all(ev.weak for ev in nn.evidence)
    nb = detect("Det er pussig med museer.")
    assert nb.malform is Malform.NB
    ending = next(ev for ev in nb.evidence if ev.word == "museer")
    assert ending.weak and ending.ending  # counted through a weak ending, and says which


def test_weak_evidence_never_overrides_a_marker():
    # plenty of weak bokmål evidence («henne», «mens», «været», «pussig», «museer») and one nynorsk marker
    text = "Tenk på henne mens været er pussig og museer stengt."
    assert detect(text).malform is Malform.NB  # weak evidence alone: bokmål
    result = detect("Ikkje " + text[0].lower() + text[1:])
    assert result.malform is Malform.NN and result.nb_score == 0
    with_stray = detect(NN_POST_WITH_STRAY + " Og henne, mens været var pussig og museer stengt.")
    assert with_stray.malform is Malform.NN


def test_an_unknown_word_is_weak_evidence_through_its_letter_sequences():
    marker = weak_marker_for("kveitemjøl")  # «mjøl» is nynorsk (bokmål «mel»); NDT never saw the compound
    assert marker is not None and marker.standard is Malform.NN and marker.ending == SEQUENCES
    recipe = detect("Rør inn kveitemjøl og grøtkokinga går fint")  # no marker words at all
    assert (recipe.nb_score, recipe.nn_score) == (0, 0)
    assert recipe.malform is Malform.NN
    assert {"kveitemjøl", "grøtkokinga"} <= {ev.word for ev in recipe.evidence if ev.ending == SEQUENCES}


QUOTING_POST = "Ho kom frå Bergen og sa: «Jeg mener dette er bra, og det er ikke noe problem for meg.» Det var ikkje alle samde i."


def test_a_quotation_in_the_other_standard_counts_less():
    tokens = re.findall(r"[«»]|[^\W\d_]+", QUOTING_POST)
    assert detect_malform(tokens).malform is Malform.NN
    unquoted = [token for token in tokens if token not in "«»"]  # the same words, quotation marks lost
    assert detect_malform(unquoted).malform is not Malform.NN
    # a quotation that began before the text: a closing mark alone quotes everything before it
    assert detect_malform(["Jeg", "mener", "ikke", "det", "»", "sa", "ho", "frå", "kommunen"]).malform is Malform.NN


def test_a_long_quotation_does_not_make_the_writers_own_standard_mixed():
    quote = ("Han sa: «Jeg mener at dette er viktig, og vi har ikke tid til å vente. Hva skal vi gjøre "
             "hvis ingen hjelper oss nå? Det er ikke noe annet valg enn å handle.» ")
    tokens = re.findall(r"[«»]|[^\W\d_]+", quote + "Kva meiner du om det? Vi vil gjerne høyre frå deg.")
    result = detect_malform(tokens)
    assert result.nb_score > 0.5 * result.nn_score  # the quote alone would make it mixed ...
    assert result.malform is Malform.NN  # ... but the writer's own words are nynorsk
    # the writer's own words mixing is still mixed
    own = re.findall(r"[«»]|[^\W\d_]+", quote + "Kva meiner du om det? Vi vil gjerne høre fra deg.")
    assert detect_malform(own).malform is Malform.MIXED


def test_the_command_line_sees_quotations_when_it_decides_the_malform(tmp_path):
    from tests.conftest import run_cli

    post = tmp_path / "sitat.md"
    post.write_text(QUOTING_POST + "\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(post)).stdout)
    assert data["files"][0]["malform"] == "nn"


def test_weak_evidence_can_settle_a_close_call_but_not_create_one():
    assert detect(MIXED_POST).malform is Malform.MIXED  # markers on both sides stay mixed
    assert detect(MIXED_POST + " Det var ei fin stund heime.").malform is Malform.MIXED


# --- data and speed --------------------------------------------------------------------------

def test_marker_data_is_found_through_the_shared_data_path_and_has_a_header():
    path = WORDLISTS / "malform-markers.yaml"
    assert path.is_file()
    head = path.read_text(encoding="utf-8")[:2000]
    assert "Norwegian Dependency Treebank" in head and "UD Norwegian dev" in head  # sources, held-out set
    data = marker_data()
    assert len(data.words) > 2000 and data.suffixes and data.neutral


def test_detection_is_fast_enough_for_every_keystroke():
    post = words(NN_POST * 10)  # ~ 300 words
    detect_malform(post)
    started = time.perf_counter()
    for _ in range(50):
        detect_malform(post)
    per_post = (time.perf_counter() - started) / 50
    assert per_post < 0.02, f"{per_post * 1000:.1f} ms for a 300-word post"


# --- the pair lists agree with the marker data --------------------------------------------------

def load_list(name: str) -> dict:
    return yaml.safe_load((WORDLISTS / f"{name}.yaml").read_text(encoding="utf-8"))


PAIR_LISTS = [
    ("malform-nb-til-nn", Malform.NB, Malform.NN),  # bokmål forms, wrong in nynorsk posts
    ("malform-nn-til-nb", Malform.NN, Malform.NB),
]


def wrong_forms(entry: dict) -> list[str]:
    return [entry["word"], *entry.get("forms", [])]


@pytest.mark.parametrize("name,wrong_standard,target", PAIR_LISTS)
def test_every_wrong_form_is_a_marker_of_its_own_standard_or_at_least_not_valid_in_the_target(
        name, wrong_standard, target):
    problems = []
    for entry in load_list(name)["entries"]:
        for form in wrong_forms(entry):
            parts = form.split()
            markers = [marker_for(word) for word in parts]
            if any(m is not None and m.standard is target for m in markers):
                problems.append(form)  # a word of the phrase marks the target standard
            elif len(parts) == 1 and is_neutral(form):
                problems.append(form)  # listed as valid in both standards
    assert problems == [], f"{name}: forms the marker data says are valid in {target.value}"


@pytest.mark.parametrize("name,wrong_standard,target", PAIR_LISTS)
def test_most_wrong_forms_are_detected_as_the_other_standard(name, wrong_standard, target):
    forms = [f for e in load_list(name)["entries"] for f in wrong_forms(e) if " " not in f and "." not in f]
    marked = [f for f in forms if (m := marker_for(f)) is not None and m.standard is wrong_standard]
    assert len(marked) / len(forms) > 0.8


@pytest.mark.parametrize("name,wrong_standard,target", PAIR_LISTS)
def test_no_replacement_is_itself_a_form_of_the_wrong_standard(name, wrong_standard, target):
    problems = []
    for entry in load_list(name)["entries"]:
        replacements = [*entry["replace"], *entry.get("replace_forms", {}).values()]
        for replacement in replacements:
            for word in replacement.split():
                marker = marker_for(word)
                if marker is not None and marker.standard is wrong_standard:
                    problems.append((entry["word"], replacement))
    assert problems == []


@pytest.mark.parametrize("name,wrong_standard,target", PAIR_LISTS)
def test_pair_lists_load_with_the_project_loader(name, wrong_standard, target):
    from klarsprak.language.wordlist import load_wordlist

    wordlist = load_wordlist((WORDLISTS / f"{name}.yaml").resolve())
    assert wordlist.malform == target.value
    assert len(wordlist.entries) >= 200
    forms = [form for entry in wordlist.entries for form in entry.forms]
    assert len(forms) == len(set(forms)), "a form belongs to two entries"
    for entry in wordlist.entries:
        assert entry.replace, entry.word
        for form in entry.forms:
            replacement, _safe = entry.replacement_for(form)
            assert replacement and replacement != form, (entry.word, form)


def test_known_pitfalls_are_listed_and_shared_words_are_not():
    nb_to_nn = {f: e for e in load_list("malform-nb-til-nn")["entries"] for f in wrong_forms(e)}
    for pitfall in ("fortsatt", "ansatt", "ansatte", "antall", "mandag", "hvis",
                    "ble", "mulighet", "muligheten", "ikke", "hva", "fra", "mye"):
        assert pitfall in nb_to_nn, pitfall
    assert nb_to_nn["ble"]["replace"][:2] == ["blei", "vart"]
    assert nb_to_nn["muligheten"]["replace_forms"]["muligheten"] == "moglegheita"
    assert nb_to_nn["antall"]["safe"] is False  # «talet på …» needs a human
    nn_to_nb = {f for e in load_list("malform-nn-til-nb")["entries"] for f in wrong_forms(e)}
    for shared in ("også", "vi", "blei", "mi", "di", "si", "mellom", "heile", "sjukehus", "saka",
                   "jobba", "seier", "tilsett"):
        assert shared not in nb_to_nn and shared not in nn_to_nb, shared
    # valid nynorsk by Norsk ordbank and used so in edited nynorsk (NDT): never called bokmål
    for valid in ("lurer", "svarer", "venter", "trener", "tar", "samt", "bare", "da", "skole", "skolen"):
        assert valid not in nb_to_nn, valid
    assert "boka" not in nn_to_nb  # radical bokmål


def test_safe_fixes_swap_to_a_form_that_is_no_evidence_against_the_target():
    entries = load_list("malform-nb-til-nn")["entries"]
    for entry in entries:
        if entry["safe"]:
            first = entry["replace"][0]
            assert all(marker_for(w) is None or marker_for(w).standard is Malform.NN for w in first.split())


# --- the evaluation script runs on any CoNLL-U pair ---------------------------------------------

CONLLU = """# text = {text}
{rows}

"""


def conllu(sentences: list[str]) -> str:
    out = []
    for text in sentences:
        tokens = words(text) + ["."]
        rows = "\n".join(f"{i}\t{t}\t{t.lower()}\t{'PUNCT' if t == '.' else 'X'}\t_\t_\t0\tdep\t_\t_"
                         for i, t in enumerate(tokens, 1))
        out.append(CONLLU.format(text=text, rows=rows))
    return "".join(out)


def test_eval_script_reports_accuracy_and_confusion(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("malform_eval", ROOT / "benchmarks" / "malform_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while it loads
    spec.loader.exec_module(module)
    nb = tmp_path / "nb.conllu"
    nn = tmp_path / "nn.conllu"
    nb.write_text(conllu(["Jeg vet ikke hva som skjer med timen min", "Hun kommer fra Bergen i morgen tidlig",
                          "Det er noe vi må se nærmere på sammen", "Dette er bare et eksempel på en setning"]))
    nn.write_text(conllu(["Eg veit ikkje kva som skjer med timen min", "Ho kjem frå Bergen i morgon tidleg",
                          "Det er noko vi må sjå nærare på saman", "Men det er det beste vi har"]))
    assert module.main(["--bokmaal", str(nb), "--nynorsk", str(nn), "--errors", "5"]) == 0
    out = capsys.readouterr().out
    assert "sentences 6+ tokens" in out and "posts of 4 sentences" in out
    assert re.search(r"sentences 6\+ tokens\s+8\s+7\s+87\.50%", out)
    assert "got nb" in out  # the neutral nynorsk sentence is shown as an error


# --- Danish is neither bokmål nor nynorsk --------------------------------------------------------

DA_POST = (
    "Hvad gør du, hvis dit barn bliver sygt? Ring til lægen, og husk at spørge efter mulighederne "
    "for hjælp. Vi svarer gerne på spørgsmål om sundhed."
)


def test_a_danish_post_is_unknown_and_says_why():
    result = detect(DA_POST)
    assert result.malform is Malform.UNKNOWN
    assert result.danish
    danish = {ev.word for ev in result.evidence if ev.danish}
    assert {"hvad", "gør", "bliver", "efter"} <= danish
    assert all(ev.standard is Malform.UNKNOWN and not ev.weak for ev in result.evidence if ev.danish)


def test_a_bokmaal_post_quoting_a_danish_phrase_stays_nb_and_shows_the_danish_words():
    text = NB_POST + " Som danskene sier: «Det er ikke noget at snakke om, det bliver godt.»"
    result = detect(text)
    assert result.malform is Malform.NB
    assert not result.danish
    assert {ev.word for ev in result.evidence if ev.danish} == {"noget", "bliver"}


@pytest.mark.parametrize("text", [NB_POST, NN_POST, NN_POST_WITH_STRAY])
def test_norwegian_posts_have_no_danish_evidence(text):
    result = detect(text)
    assert result.danish_score == 0 and not result.danish
    assert not any(ev.danish for ev in result.evidence)


@pytest.mark.parametrize("word", ["published", "laughed", "sighed", "heder", "Heden", "myndighet",
                                  "sikkerhet", "viktig", "stasjonen", "sig", "hende", "meget", "kun"])
def test_norwegian_and_english_words_are_no_danish_evidence(word):
    marker = marker_for(word)
    assert marker is None or not marker.danish


@pytest.mark.parametrize("word,ending", [("synlighed", "lighed"), ("virksomhed", "mhed"),
                                         ("nødvendigt", ""), ("relationer", "tioner")])
def test_danish_words_count_by_the_list_or_their_ending(word, ending):
    marker = marker_for(word)
    assert marker is not None and marker.danish and marker.standard is Malform.UNKNOWN
    assert marker.ending == ending


def test_no_danish_word_is_listed_as_norwegian():
    raw = yaml.safe_load((WORDLISTS / "malform-markers.yaml").read_text(encoding="utf-8"))
    danish = set(raw["danish"])
    assert {"af", "hvad", "mig", "dig", "nogle"} <= danish
    assert not danish & (set(raw["nb"]) | set(raw["nn"]) | set(raw["neutral"]))
    assert not {"sig", "hende", "sit", "også", "ikke", "meget"} & danish  # valid Norwegian forms


def _seed_002() -> Path:
    from tests.conftest import SHARED

    found = sorted((SHARED / "seeds").glob("002_*.txt")) if (SHARED / "seeds").is_dir() else []
    if not found:
        pytest.skip("seed 002 is not mounted")
    return found[0]


def test_danish_seed_002_is_unknown_so_no_malform_rule_fires():
    from klarsprak.engine.lint import Engine

    text = _seed_002().read_text(encoding="utf-8")
    result = detect(text)
    assert result.malform is Malform.UNKNOWN and result.danish
    assert {"af", "hvad"} <= {ev.word for ev in result.evidence if ev.danish}
    engine = Engine()
    checked = engine.check(text, "002.txt")
    assert checked.malform == "unknown"
    assert not [d for d in checked.diagnostics if d.rule.startswith("malform")]
    # one notice says why, and only rules that read no words still run («anvendes» is Danish, not passive)
    notices = [d for d in checked.diagnostics if d.rule == "dansk"]
    assert len(notices) == 1 and "«af»" in notices[0].message
    assert {d.rule for d in checked.diagnostics} - {"dansk"} <= {
        rule.id for rule in engine.all_rules if rule.malform == "any"}
    norwegian = engine.check("Søknaden behandles innen fristen, og hvorvidt du får svar, avhenger av saken.", "nb.md")
    assert {"passiv", "byrakratisk-ord"} <= {d.rule for d in norwegian.diagnostics}

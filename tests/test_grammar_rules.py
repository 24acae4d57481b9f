"""Rules that need the language model: passive, nynorsk -st passive, nominal style, lemma matching.

What a writer sees flagged (with the suggested rewrite), what stays quiet (deponents, states,
quotes, everyday phrases), and that the rules keep silent without the model instead of guessing.
"""

from __future__ import annotations

import json

import pytest

from klarsprak.checks.builtins._verbformer import verb_form
from klarsprak.core.fixes import apply_fixes
from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine
from tests.conftest import run_cli

GRAMMAR_RULES = ("passiv", "nynorsk-st-passiv", "substantivsjuke")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config().with_changes(packs=["klarsprak", "malform"]))


def found(engine: Engine, text: str, rule: str, malform: str | None = None):
    post = f"---\nmalform: {malform}\n---\n{text}" if malform else text
    result = engine.check(post, "innlegg.md")
    assert not result.rule_errors, result.rule_errors
    return [(post[d.start:d.end], d) for d in result.diagnostics if d.rule == rule]


def texts(findings) -> list[str]:
    return [text for text, _ in findings]


def suggestion(finding) -> str:
    [s] = finding[1].suggestions
    return s.text


# -- passiv: what is found and the active rewrite -------------------------------------------------

def test_s_passive_gets_an_active_rewrite_with_vi(engine):
    [hit] = found(engine, "Søknaden behandles innen tre uker.", "passiv")
    assert hit[0] == "behandles"
    assert suggestion(hit) == "Vi behandler søknaden innen tre uker."
    assert "hvem" in hit[1].message and "Vi behandler søknaden" in hit[1].message
    assert hit[1].severity.label == "info"
    assert all(s.fix is None and not s.safe for s in hit[1].suggestions)  # advice, never a fix


@pytest.mark.parametrize(("text", "marked", "rewrite"), [
    ("Søknaden ble behandlet i går.", "ble behandlet", "Vi behandlet søknaden i går."),
    ("Pakken blir sendt i dag.", "blir sendt", "Vi sender pakken i dag."),
    ("Søknaden har blitt behandlet.", "blitt behandlet", "Vi har behandlet søknaden."),
    ("Søknadene vil bli vurdert fortløpende.", "bli vurdert", "Vi vil vurdere søknadene fortløpende."),
    ("Skjemaet må sendes inn før fredag.", "sendes", "Du må sende inn skjemaet før fredag."),
    ("Du blir kalt inn til time av fastlegen.", "blir kalt", "Fastlegen kaller deg inn til time."),
    ("I dag sendes brevet til alle.", "sendes", "I dag sender vi brevet til alle."),
    ("Hvis søknaden ikke blir godkjent, får du svar i posten.", "blir godkjent",
     "Hvis vi ikke godkjenner søknaden, får du svar i posten."),
])
def test_bokmal_passives_and_rewrites(engine, text, marked, rewrite):
    [hit] = found(engine, text, "passiv")
    assert hit[0] == marked
    assert suggestion(hit) == rewrite


@pytest.mark.parametrize(("text", "marked", "rewrite"), [
    ("Søknaden vart behandla i går.", "vart behandla", "Vi behandla søknaden i går."),
    ("Du vert kalla inn til time.", "vert kalla", "Vi kallar deg inn til time."),
    ("Skjemaet må sendast inn før fredag.", "sendast", "Du må sende inn skjemaet før fredag."),
    ("I dag vart søknaden behandla.", "behandla", "I dag behandla vi søknaden."),
])
def test_nynorsk_passives_and_rewrites(engine, text, marked, rewrite):
    [hit] = found(engine, text, "passiv", malform="nn")
    assert hit[0] == marked
    assert suggestion(hit) == rewrite
    assert "kven" in hit[1].message  # nynorsk message for a nynorsk post


def test_no_rewrite_when_the_sentence_is_not_a_simple_clause(engine):
    [hit] = found(engine, "Det ble gjennomført en undersøkelse i fjor.", "passiv")
    assert hit[1].suggestions == ()
    assert "«vi» eller «du»" in hit[1].message


def test_av_phrase_that_is_no_doer_gives_no_rewrite(engine):
    [hit] = found(engine, "Timen ble sendt på grunn av sykdom.", "passiv")
    assert "Sykdom" not in suggestion(hit) and suggestion(hit).startswith("Vi sendte timen")


def test_a_coordinated_clause_with_the_old_subject_is_cut(engine):
    [hit] = found(engine, "Søknaden behandles innen tre uker og blir sendt videre etterpå.", "passiv")[:1]
    assert suggestion(hit) == "Vi behandler søknaden innen tre uker …"


# -- passiv: what stays quiet -------------------------------------------------------------------

def test_deponent_verbs_are_not_passive(engine):
    text = ("Mange synes det er vanskelig, men det finnes hjelp. Vi møtes på kurset, de fleste trives der, "
            "og det lykkes nesten alltid. Jeg minnes den dagen. Det føles godt.")
    assert texts(found(engine, text, "passiv")) == []
    nn = ("Mange synest det er vanskeleg, men det finst hjelp. Vi møtest på kurset, dei fleste trivst der, "
          "og det lukkast nesten alltid.")
    assert texts(found(engine, nn, "passiv", malform="nn")) == []
    assert texts(found(engine, nn, "nynorsk-st-passiv", malform="nn")) == []


def test_states_after_bli_are_not_passive(engine):
    text = "Jeg ble overrasket og glad. Du blir kjent med de andre, og timen blir ferdig til jul."
    assert texts(found(engine, text, "passiv")) == []
    assert texts(found(engine, "Eg vart svært overraska.", "passiv", malform="nn")) == []


def test_participle_inside_a_noun_phrase_is_not_passive(engine):
    assert texts(found(engine, "Tjenesten skal bli en integrert del av helsenorge.no.", "passiv")) == []


def test_quoted_passive_is_someone_elses(engine):
    assert texts(found(engine, "En bruker skrev: «Søknaden min ble avvist.» Vi svarer deg her.", "passiv")) == []


def test_genitive_is_not_an_s_passive(engine):
    assert texts(found(engine, "Innbyggere har tilgang til egen og næres helseinformasjon.", "passiv")) == []


# -- nynorsk-st-passiv --------------------------------------------------------------------------

def test_st_passive_without_modal_is_a_nynorsk_error(engine):
    [hit] = found(engine, "Søknaden behandlast innan tre veker.", "nynorsk-st-passiv", malform="nn")
    assert hit[0] == "behandlast"
    assert hit[1].severity.label == "warning"
    assert "blir/vert" in hit[1].message
    assert suggestion(hit) == "Vi behandlar søknaden innan tre veker."
    # one finding for one problem: passiv leaves this one to nynorsk-st-passiv
    assert texts(found(engine, "Søknaden behandlast innan tre veker.", "passiv", malform="nn")) == []


@pytest.mark.parametrize("text", [
    "Søknaden kan behandlast innan tre veker.",
    "Skjemaet må ikkje sendast før fredag.",
    "Søknader kan sendast og behandlast digitalt.",
    "Kan søknaden sendast digitalt?",
    "Dette treng ikkje gjerast no.",
])
def test_st_passive_after_a_modal_is_right(engine, text):
    assert texts(found(engine, text, "nynorsk-st-passiv", malform="nn")) == []
    assert texts(found(engine, text, "passiv", malform="nn"))  # still a passive: who does it?


@pytest.mark.parametrize("text", ["Ho vann fordi ho var flinkast.", "Er han unik fordi han er flinkast?"])
def test_a_superlative_is_no_st_passive_even_when_tagged_as_a_verb(engine, text):
    # «flinkast» is the superlative of «flink»; no verb «flinke» exists to make a passive of
    assert texts(found(engine, text, "nynorsk-st-passiv", malform="nn")) == []
    assert texts(found(engine, text, "passiv", malform="nn")) == []


@pytest.mark.parametrize("text, verb", [
    ("Barnet vaksinerast i dag.", "vaksinerast"),  # tagged as a superlative
    ("Pasientane informerast om resultatet.", "informerast"),  # POS ADJ, tag st-form
])
def test_st_passive_of_an_ere_verb_is_found_whatever_the_tagger_calls_it(engine, text, verb):
    assert texts(found(engine, text, "nynorsk-st-passiv", malform="nn")) == [verb]


def test_st_passive_rule_is_for_nynorsk_posts_only(engine):
    assert texts(found(engine, "Søknaden behandles innen tre uker.", "nynorsk-st-passiv", malform="nb")) == []


# -- substantivsjuke ----------------------------------------------------------------------------

def test_empty_verb_and_noun_become_the_verb_in_the_same_tense(engine):
    text = "Vi foretok en vurdering av saken."
    [hit] = found(engine, text, "substantivsjuke")
    assert hit[0] == "foretok en vurdering av"
    assert suggestion(hit) == "vurderte"
    assert not hit[1].suggestions[0].safe  # a quick fix to choose, not --fix
    fix = hit[1].suggestions[0].fix
    assert fix is not None and apply_fixes(text, [fix]) == "Vi vurderte saken."


@pytest.mark.parametrize(("text", "marked", "verb"), [
    ("Vi skal foreta en vurdering av søknaden din.", "foreta en vurdering av", "vurdere"),
    ("Helsestasjonen har gjennomført en kartlegging.", "gjennomført en kartlegging", "kartlagt"),
    ("Legen tok en beslutning om behandlingen.", "tok en beslutning", "bestemte"),
])
def test_bokmal_nominal_style(engine, text, marked, verb):
    [hit] = found(engine, text, "substantivsjuke")
    assert (hit[0], suggestion(hit)) == (marked, verb)


def test_passive_and_happen_types_suggest_the_verb_as_advice(engine):
    text = "Det ble foretatt en vurdering av saken. Innkalling av pasientene skal skje skriftlig."
    hits = found(engine, text, "substantivsjuke")
    assert texts(hits) == ["foretatt en vurdering av", "Innkalling av pasientene skal skje"]
    assert [suggestion(h) for h in hits] == ["vurdere", "kalle inn"]
    assert all(h[1].suggestions[0].fix is None for h in hits)  # the sentence must be rebuilt


def test_nynorsk_nominal_style(engine):
    text = "Det vart føreteke ei vurdering av søknaden. Vi tok ei avgjerd. Vaksineringa skal finne stad på helsestasjonen."
    hits = found(engine, text, "substantivsjuke", malform="nn")
    assert [(t, suggestion((t, d))) for t, d in hits] == [
        ("føreteke ei vurdering av", "vurdere"), ("tok ei avgjerd", "avgjorde"),
        ("Vaksineringa skal finne stad", "vaksinere")]
    assert "gøymer" in hits[0][1].message


def test_nominal_style_survives_a_lemmatizer_miss_on_a_rare_verb_form(engine):
    from klarsprak.language.nlp import get_nlp

    rule = engine.rule("substantivsjuke")
    engine.prepare("nn")
    doc = get_nlp("nn")("Det vart føreteke ei vurdering av søknaden.")
    verb = next(token for token in doc if token.lower_ == "føreteke")
    verb.lemma_ = "føreteke"  # what a lemmatizer says when it has never seen the participle
    [nominal] = list(rule.check.find(doc, "nn"))
    assert doc.text[nominal.start:nominal.end] == "føreteke ei vurdering av" and nominal.verb == "vurdere"


def test_everyday_phrases_are_not_nominal_style(engine):
    text = ("Ta kontakt med fastlegen, og gi beskjed hvis du ikke kan komme. Legen tar en blodprøve. "
            "Møtet skal finne sted i Oslo, og ulykken skjedde i går. Vi gjorde en innsats.")
    assert texts(found(engine, text, "substantivsjuke")) == []


# -- without the model: silent, no crash ----------------------------------------------------------

def test_grammar_rules_are_silent_without_the_model(tmp_path):
    post = tmp_path / "innlegg.md"
    post.write_text("Søknaden behandles innen tre uker. Vi foretok en vurdering av saken.\n\n"
                    "Hvis en må avlyse timen, ring oss.\n", encoding="utf-8")
    nn_post = tmp_path / "nynorsk.md"
    nn_post.write_text("---\nmalform: nn\n---\nSøknaden behandlast innan tre veker, og det vart "
                       "føreteke ei vurdering av saka.\n", encoding="utf-8")
    empty = tmp_path / "ingen-modell"
    empty.mkdir()
    result = run_cli("check", "--format", "json", str(post), str(nn_post),
                     env={"KLARSPRAK_MODEL_DIR": str(empty)})
    assert result.returncode in (0, 1), result.stderr.decode()
    report = json.loads(result.stdout)
    rules = {d["rule"] for f in report["files"] for d in f["diagnostics"]}
    assert not rules & set(GRAMMAR_RULES)
    tiltale = [d for f in report["files"] for d in f["diagnostics"] if d["rule"] == "tiltale"]
    assert [(d["line"], d["column"]) for d in tiltale] == [(3, 6)]  # «en»: the lexical fallback still works
    assert "Språkmodellen" in result.stderr.decode()  # and the user is told why


# -- tiltale with the parse ---------------------------------------------------------------------

def test_tiltale_uses_the_parse_for_pronoun_en(engine):
    text = "Når en er syk, får du hjelp. En bruker skrev til oss. Vi har en ny tjeneste."
    assert texts(found(engine, text, "tiltale")) == ["en"]


# -- lemma matching: compound tails ----------------------------------------------------------------

def test_compound_ending_in_a_listed_noun_matches(engine):
    [hit] = found(engine, "Vi inviterer til en skoleworkshop i morgen.", "engelske-ord")
    assert hit[0] == "skoleworkshop"
    assert [s.text for s in hit[1].suggestions] == ["skolearbeidsmøte", "skoleverksted"]
    assert not any(s.safe for s in hit[1].suggestions)


def test_compound_tail_needs_a_real_prefix_and_a_noun(engine):
    assert texts(found(engine, "Vi inviterer til workshop i morgen.", "engelske-ord")) == ["workshop"]
    assert texts(found(engine, "Vi sender en påminnelse i morgen.", "engelske-ord")) == []


# -- verb forms ---------------------------------------------------------------------------------

def test_verb_forms_per_standard():
    assert verb_form("ta", "present", "nn") == "tek"
    assert verb_form("ta", "present", "nb") == "tar"
    assert verb_form("skrive", "past", "nn") == "skreiv"
    assert verb_form("kartlegge", "participle", "nb") == "kartlagt"  # strong compound
    assert verb_form("registrere", "past", "nn") == "registrerte"  # -ere pattern
    assert verb_form("behandle", "present", "nn", participle="behandla") == "behandlar"
    assert verb_form("xqzlrke", "past", "nb") is None  # unknown: no guess


# -- levels: a warning only where the construction is beyond doubt -------------------------------

@pytest.mark.parametrize(("text", "malform", "label"), [
    ("Skjemaet må sendes inn før fredag.", None, "warning"),  # an instruction without the reader
    ("Klagen må sendast inn på nytt innan fire veker.", "nn", "warning"),
    ("Timen ble avlyst på grunn av sykdom.", None, "info"),  # who cancelled may not matter
    ("Kanskje må mange puber legges ned som en følge av loven.", None, "info"),  # not a reader's task
    ("Medisinen bør oppbevares utilgjengelig for barn.", None, "warning"),  # advice to the reader
    ("Medisinen bør oppbevarast utilgjengeleg for born.", "nn", "warning"),
    ("Søknaden din vil bli behandlet så snart som mulig.", None, "warning"),  # the «vil bli» future
    ("Søknaden din vil ikkje bli behandla før i august.", "nn", "warning"),
    ("Søknaden din blir behandlet så snart som mulig.", None, "info"),  # plain future: who may not matter
    ("Hun vil gjerne at søknaden blir behandlet raskt.", None, "info"),  # «vil» of another clause
    ("Jeg fryktet at familien ville bli splittet.", None, "info"),  # narrative «ville bli», not officialese
    ("Det anbefales at du tar vaksinen før jul.", None, "warning"),  # «det» + passive: nobody left
    ("Det vart vist til at fristen var ute.", "nn", "warning"),
    ("Vi har en plan, og den skal gjennomføres i år.", None, "info"),  # «den» names what is done
    ("Mange råd kommer fra mange kanter. Det kan oppleves forvirrende.", None, "info"),  # «det» points back
    ("Regelen er ny. Men det innføres jo for å beskytte dere.", None, "info"),
])
def test_passive_is_a_warning_only_when_it_hides_the_reader(engine, text, malform, label):
    [(_, diagnostic)] = found(engine, text, "passiv", malform)
    assert diagnostic.severity.label == label


@pytest.mark.parametrize(("text", "malform", "label"), [
    ("Kommunen vil foreta en vurdering av søknaden.", None, "warning"),  # an empty verb
    ("Innkalling av pasientar skal skje seinast to veker før timen.", "nn", "warning"),
    ("Det er du som må ta avgjørelsen.", None, "info"),  # an everyday verb: often fine
])
def test_nominal_style_is_a_warning_only_with_an_empty_verb_or_skje(engine, text, malform, label):
    [(_, diagnostic)] = found(engine, text, "substantivsjuke", malform)
    assert diagnostic.severity.label == label


def test_a_project_that_lowers_the_rule_lowers_every_finding():
    lowered = Engine(Config().with_changes(packs=["klarsprak"], rules={"passiv": "hint", "substantivsjuke": "hint"}))
    post = "Skjemaet må sendes inn før fredag. Kommunen vil foreta en vurdering av søknaden."
    levels = {d.rule: d.severity.label for d in lowered.check(post, "innlegg.md").diagnostics
              if d.rule in ("passiv", "substantivsjuke")}
    assert levels == {"passiv": "hint", "substantivsjuke": "hint"}


@pytest.mark.parametrize(("text", "malform"), [
    ("Pasienter som behandles av fysioterapeut uten avtale, må betale selv.", None),
    ("Brevet vart sendt ut av kommunen i går.", "nn"),
    ("Du vil bli kontaktet av en saksbehandler.", None),
])
def test_a_passive_that_names_who_acts_is_not_reported(engine, text, malform):
    assert found(engine, text, "passiv", malform) == []


def test_av_og_til_is_not_an_agent(engine):
    assert texts(found(engine, "Timen må flyttes av og til.", "passiv")) == ["flyttes"]

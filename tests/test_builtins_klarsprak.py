"""The klarsprak pack's own logic: what a writer sees flagged, and — as important — what stays quiet."""

from __future__ import annotations

import pytest

from klarsprak.checks.builtins.personopplysninger import (
    is_personal_email,
    valid_fodselsnummer,
)
from klarsprak.core.fixes import apply_fixes, safe_fixes
from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    """Only the packs this file is about, so other packs' findings cannot mask a regression."""
    return Engine(Config().with_changes(packs=["klarsprak", "malform"]))


def found(engine: Engine, text: str, rule: str, malform: str | None = None, config: Config | None = None):
    post = f"---\nmalform: {malform}\n---\n{text}" if malform else text
    checker = Engine(config) if config is not None else engine
    result = checker.check(post, "innlegg.md")
    assert not result.rule_errors, result.rule_errors
    return [(post[d.start:d.end], d) for d in result.diagnostics if d.rule == rule]


def texts(findings) -> list[str]:
    return [text for text, _ in findings]


# -- personopplysninger ------------------------------------------------------------------------

def test_fodselsnummer_check_digits():
    assert valid_fodselsnummer("15057612174")
    assert valid_fodselsnummer("41019012393")  # D-nummer: day + 40
    assert not valid_fodselsnummer("15057612175")  # last check digit wrong
    assert not valid_fodselsnummer("12345678901")
    assert not valid_fodselsnummer("32137612174")  # no such day


def test_fodselsnummer_is_an_error_with_or_without_space(engine):
    hits = found(engine, "Fødselsnummeret mitt er 150576 12174, og sønnen har 23058940135.", "personopplysninger")
    assert texts(hits) == ["150576 12174", "23058940135"]
    assert all(d.severity.label == "error" for _, d in hits)


def test_numbers_that_only_look_like_fodselsnummer_stay_quiet(engine):
    text = "Saksnummer 12345678901 og kontonummer 1503.12.34567. Telefon 4791234567891."
    assert texts(found(engine, text, "personopplysninger")) == []


def test_mobile_numbers_are_flagged_but_not_switchboards_or_amounts(engine):
    text = ("Send SMS til 912 34 567 eller +47 41234567. Ring oss på 800 43 573 eller 23 32 70 00. "
            "Vi har satt av 45 000 000 kroner og kr 91234567 til tiltaket.")
    hits = found(engine, text, "personopplysninger")
    assert texts(hits) == ["912 34 567", "+47 41234567"]
    assert all(d.severity.label == "warning" for _, d in hits)


def test_a_public_number_in_the_project_word_list_is_accepted(engine):
    config = Config().with_changes(packs=["klarsprak"], words=["912 34 567"])
    assert texts(found(engine, "Ring pressevakta på 912 34 567.", "personopplysninger", config=config)) == []


def test_personal_email_addresses_but_not_role_addresses(engine):
    text = "Skriv til post@helsenorge.no eller kontakt@fhi.no, ikke til ola.nordmann@helsedir.no eller kari77@gmail.com."
    assert texts(found(engine, text, "personopplysninger")) == ["ola.nordmann@helsedir.no", "kari77@gmail.com"]


def test_email_in_inline_code_is_not_flagged(engine):
    assert texts(found(engine, "Adressen har formen `fornavn.etternavn@helsedir.no`.", "personopplysninger")) == []


def test_email_classification():
    assert is_personal_email("ola.nordmann", "nav.no")
    assert is_personal_email("olanordmann", "hotmail.com")
    assert not is_personal_email("post", "helsenorge.no", ["post"])
    assert not is_personal_email("kontakt.oss", "helse.no", ["kontakt"])
    assert not is_personal_email("postmottak", "helsedir.no")


def test_a_full_name_next_to_a_diagnosis(engine):
    hits = found(engine, "Kari Hansen har fått diagnosen diabetes. Jens Stoltenberg åpnet konferansen.", "personopplysninger")
    assert texts(hits) == ["Kari Hansen"]


def test_nynorsk_post_gets_a_nynorsk_message(engine):
    [(text, diagnostic)] = found(engine, "Ring meg på 912 34 567 om du lurer på noko.", "personopplysninger", malform="nn")
    assert "ikkje" in diagnostic.message and "ikke" not in diagnostic.message


# -- tiltale -----------------------------------------------------------------------------------

def test_man_is_flagged_with_du_and_vi_as_suggestions(engine):
    [(text, diagnostic)] = found(engine, "Man kan bestille time på nett.", "tiltale")
    assert text == "Man"
    assert [s.text for s in diagnostic.suggestions] == ["Du", "Vi"]
    assert not any(s.safe for s in diagnostic.suggestions)  # the writer must choose


def test_pronoun_en_only_where_it_cannot_be_article_or_numeral(engine):
    text = ("Hvis en må avlyse, bør du ringe. En kan også sende melding. En må til sykehus etter ulykken. "
            "Bare en kan vinne. Det er en kan med melk.")
    assert texts(found(engine, text, "tiltale")) == ["en", "En"]


def test_nynorsk_pronoun_ein(engine):
    text = "Når ein skal søkje, må ein logge inn. Ein av fem gjer det. Ein må til legevakta."
    hits = found(engine, text, "tiltale", malform="nn")
    assert texts(hits) == ["ein"]
    assert "lesaren" in hits[0][1].message


def test_reader_in_third_person(engine):
    text = ("Pasienten har rett til å se journalen. Hva kan brukeren gjøre? "
            "Pasienten ble sendt hjem i går. Søkeren fikk svar.")
    assert texts(found(engine, text, "tiltale")) == ["Pasienten", "brukeren"]


def test_formal_de_dem_deres_mid_sentence_only(engine):
    text = ("Vi ber Dem ta med legitimasjon, og vi takker for Deres tålmodighet. De fleste får svar i dag. "
            "Miljøpartiet De Grønne og De forente nasjoner var med.")
    hits = found(engine, text, "tiltale")
    assert texts(hits) == ["Dem", "Deres"]
    assert [s.text for s in hits[0][1].suggestions] == ["deg", "dere"]


def test_weekday_abbreviation_man_is_not_the_pronoun(engine):
    text = "Vi har åpent man–fre kl. 8–16. Man-fre har vi også chat, og man. til tors. svarer vi på e-post."
    assert texts(found(engine, text, "tiltale")) == []


def test_quoted_words_are_someone_elses(engine):
    assert texts(found(engine, "En bruker skrev: «Man får aldri time.» Vi svarer deg her.", "tiltale")) == []


# -- gjentatte-ord -----------------------------------------------------------------------------

def test_repeated_word_has_a_safe_fix(engine):
    text = "Bestill time og og få svar på SMS."
    result = engine.check(text, "innlegg.md")
    hits = [d for d in result.diagnostics if d.rule == "gjentatte-ord"]
    assert [text[d.start:d.end] for d in hits] == ["og og"]
    fixed = apply_fixes(text, [fix for _, fix in safe_fixes(hits)])
    assert fixed == "Bestill time og få svar på SMS."


def test_correct_doubles_stay_quiet(engine):
    text = ("Det det gjelder, er timen. Spørsmålet om om du trenger henvisning avgjør legen. "
            "Ja ja, nå nå. Hjelp til i i-land og u-land. Veldig veldig bra!")
    assert texts(found(engine, text, "gjentatte-ord")) == []


def test_words_separated_by_a_masked_link_are_not_neighbours(engine):
    text = "Les mer på https://www.helsenorge.no/ på nettsidene våre."
    assert texts(found(engine, text, "gjentatte-ord")) == []


def test_repetition_across_a_line_break(engine):
    assert texts(found(engine, "Du kan se prøvesvarene på\npå helsenorge.no.", "gjentatte-ord")) == ["på\npå"]


def test_a_run_of_repeated_words_is_one_finding_fixed_in_one_go(engine):
    text = "Ring oss på på på telefon."
    hits = [d for d in engine.check(text, "innlegg.md").diagnostics if d.rule == "gjentatte-ord"]
    assert [text[d.start:d.end] for d in hits] == ["på på på"]
    assert apply_fixes(text, [fix for _, fix in safe_fixes(hits)]) == "Ring oss på telefon."


# -- forkortelser ------------------------------------------------------------------------------

def test_unexplained_abbreviation_gets_its_long_form_once(engine):
    hits = found(engine, "Vi ble enige med HOD i går. HOD vil ha svar før jul.", "forkortelser")
    assert texts(hits) == ["HOD"]
    diagnostic = hits[0][1]
    assert "Helse- og omsorgsdepartementet (HOD)" in diagnostic.message
    assert diagnostic.severity.label == "warning"
    assert [s.text for s in diagnostic.suggestions] == ["Helse- og omsorgsdepartementet (HOD)"]


@pytest.mark.parametrize("text", [
    "Folkehelseinstituttet (FHI) har nye råd. FHI anbefaler vaksine.",
    "FHI (Folkehelseinstituttet) har nye råd. FHIs råd er enkle.",
    "Avtalen om et inkluderende arbeidsliv (IA-avtalen) gjelder. IA betyr mye.",
])
def test_explained_abbreviations_stay_quiet(engine, text):
    assert texts(found(engine, text, "forkortelser")) == []


def test_long_form_elsewhere_is_not_an_explanation(engine):
    text = "Folkehelseinstituttet er med. Svar fra FHI kommer."
    assert texts(found(engine, text, "forkortelser")) == ["FHI"]


def test_well_known_shouting_headings_and_numerals_stay_quiet(engine):
    text = ("Ring NAV eller se på TV. Du må IKKE gå ut. AKTIV MEDVIRKNING I EGEN HELSE. "
            "Kapittel IV handler om EU og SV. Postboks 221, 0213 OSLO.")
    assert texts(found(engine, text, "forkortelser")) == []


def test_unlisted_capitals_are_only_a_hint(engine):
    [(text, diagnostic)] = found(engine, "Søknaden går til LMTU i neste uke.", "forkortelser")
    assert text == "LMTU" and diagnostic.severity.label == "info"


def test_project_abbreviations_are_accepted(engine):
    config = Config().with_changes(packs=["klarsprak"], abbreviations=["LMTU", "HOD"])
    assert texts(found(engine, "LMTU og HOD møtes.", "forkortelser", config=config)) == []


def test_dotted_abbreviation_is_written_out_by_fix(engine):
    text = "Du kan f.eks. bestille time."
    result = engine.check(text, "innlegg.md")
    hits = [d for d in result.diagnostics if d.rule == "forkortelser"]
    assert [text[d.start:d.end] for d in hits] == ["f.eks."]
    assert apply_fixes(text, [fix for _, fix in safe_fixes(hits)]) == "Du kan for eksempel bestille time."


def test_every_dotted_abbreviation_is_written_out_in_one_fix(engine):
    """An acronym is explained once; «inkl.» is written out at every use, so --fix is idempotent."""
    text = "Inkl. frakt og inkl. moms. AAP og AAP."
    hits = [d for d in engine.check(text, "innlegg.md").diagnostics if d.rule == "forkortelser"]
    assert [text[d.start:d.end] for d in hits] == ["Inkl.", "inkl.", "AAP"]
    fixed = apply_fixes(text, [fix for _, fix in safe_fixes(hits)])
    assert fixed == "Inkludert frakt og inkludert moms. AAP og AAP."


def test_a_word_ending_a_sentence_is_not_an_abbreviation(engine):
    # «tom.» is listed as a form of «t.o.m.», but «Flasken er tom.» ends a sentence.
    assert texts(found(engine, "Flasken er tom. Kjøp en ny.", "forkortelser")) == []


def test_nynorsk_abbreviation_in_nynorsk_post(engine):
    hits = found(engine, "Du kan t.d. bestille time hos FHI.", "forkortelser", malform="nn")
    assert texts(hits) == ["t.d.", "FHI"]
    assert "forkortinga" in hits[1][1].message


# -- word-list rules: byråkratiske og engelske ord -----------------------------------------------

def test_inflected_stiff_word_and_a_safe_fix(engine):
    text = "Vi har fått spørsmål vedrørende vaksinen, samt om reiser. Svaret forelå i går."
    result = engine.check(text, "innlegg.md")
    hits = [d for d in result.diagnostics if d.rule == "byrakratisk-ord"]
    assert [text[d.start:d.end] for d in hits] == ["vedrørende", "samt", "forelå"]
    fixed = apply_fixes(text, [fix for _, fix in safe_fixes(hits)])
    assert fixed == "Vi har fått spørsmål om vaksinen, og om reiser. Svaret forelå i går."  # «forelå» needs a human


def test_titles_and_quotations_are_not_the_posts_own_words(engine):
    text = "Han spiller «Football Manager» hver kveld. «Vi er live nå», skrev hun. Manager-rollen er krevende."
    assert texts(found(engine, text, "engelske-ord")) == []


# -- målform -------------------------------------------------------------------------------------

def test_bokmal_word_in_nynorsk_post_with_the_nynorsk_form_as_fix(engine):
    text = "Du kan ikke sjå prøvesvara dine her. Vi har framleis mange spørsmål."
    post = f"---\nmalform: nn\n---\n{text}"
    result = engine.check(post, "innlegg.md")
    [hit] = [d for d in result.diagnostics if d.rule == "malform-blanding"]
    assert post[hit.start:hit.end] == "ikke"
    assert hit.message.startswith("«ikke» er bokmål. På nynorsk skriv du «ikkje».")
    assert apply_fixes(post, [fix for _, fix in safe_fixes([hit])]).endswith("Du kan ikkje sjå prøvesvara dine her. Vi har framleis mange spørsmål.")


def test_nynorsk_word_in_bokmal_post_gets_a_bokmal_message(engine):
    [(text, diagnostic)] = found(engine, "Hvis du ikkje får time, kan du ringe oss.", "malform-blanding", malform="nb")
    assert text == "ikkje"
    assert "På bokmål skriver du «ikke»" in diagnostic.message


def test_forms_valid_in_both_standards_and_quotes_are_left_alone(engine):
    bokmal = "Boka ligger på bordet. Vi leste boka også i går, og hun sa: «Eg likar ho ikkje.»"
    assert texts(found(engine, bokmal, "malform-blanding", malform="nb")) == []
    nynorsk = "Vi blei glade. Han sa: «Jeg vet ikke hva jeg skal gjøre.» Vi hjelper òg deg."
    assert texts(found(engine, nynorsk, "malform-blanding", malform="nn")) == []


def test_policy_flags_a_post_in_the_other_standard_once(engine):
    text = "Hva gjør du hvis du ikke får time hos fastlegen? Her er noen råd til deg."
    [(_, diagnostic)] = found(engine, text, "malform-policy", malform="nn")
    assert "skal vere på nynorsk, men er skrive på bokmål" in diagnostic.message


def test_policy_leaves_a_few_stray_words_to_malform_blanding(engine):
    text = "Kva gjer du om du ikke får time hos fastlegen? Her er nokre råd til deg, og vi hjelper deg gjerne."
    assert texts(found(engine, text, "malform-policy", malform="nn")) == []
    assert texts(found(engine, text, "malform-blanding", malform="nn")) == ["ikke"]


def test_policy_judges_the_post_by_its_own_words_not_its_quotations(engine):
    text = "Ein lesar skreiv til oss: «Jeg vet ikke hva jeg skal gjøre, og legen svarer ikke.» Vi hjelper deg gjerne."
    assert texts(found(engine, text, "malform-policy", malform="nn")) == []
    unquoted = "Ein lesar skreiv til oss: Jeg vet ikke hva jeg skal gjøre, og legen svarer ikke. Vi hjelper deg gjerne."
    assert len(found(engine, unquoted, "malform-policy", malform="nn")) == 1


def test_fix_keeps_the_full_stop_when_the_abbreviation_ends_the_sentence(engine):
    text = "Ta med mat, drikke osv. Vi sees i parken, dvs. ved scenen."
    result = engine.check(text, "innlegg.md")
    hits = [d for d in result.diagnostics if d.rule == "forkortelser"]
    fixed = apply_fixes(text, [fix for _, fix in safe_fixes(hits)])
    assert fixed == "Ta med mat, drikke og så videre. Vi sees i parken, det vil si ved scenen."


# -- lix ---------------------------------------------------------------------------------------

def test_lix_message_names_the_band_in_the_posts_standard(engine):
    rule = engine.rule("lix")
    nb_text, nn_text = (example.text for example in rule.bad)  # 40+ words, LIX well above 55
    [(_, nn)] = found(engine, nn_text, "lix", malform="nn")
    assert "svært vanskeleg" in nn.message and "vanskelig" not in nn.message
    [(_, nb)] = found(engine, nb_text, "lix", malform="nb")
    assert "svært vanskelig" in nb.message

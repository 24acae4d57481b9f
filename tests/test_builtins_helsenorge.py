"""The helsenorge and uu packs' builtins, as a writer sees them: what is flagged, where, and what is offered."""

from __future__ import annotations

import pytest

from klarsprak.core.diagnostics import Severity
from klarsprak.core.fixes import apply_fixes
from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine


def post(text: str, **meta: object) -> str:
    if not meta:
        return text
    header = "".join(f"{key}: {value}\n" for key, value in meta.items())
    return f"---\n{header}---\n{text}"


def found(engine: Engine, text: str, rule: str, **meta: object) -> list:
    result = engine.check(post(text, **meta), "innlegg.md")
    return [d for d in result.diagnostics if d.rule == rule]


# -- avsender ---------------------------------------------------------------------------------
def test_avsender_flags_the_agency_as_subject_and_offers_vi(engine):
    text = "Helsenorge anbefaler at du bestiller time i god tid."
    [d] = found(engine, text, "avsender")
    assert text[d.start:d.end] == "Helsenorge"
    assert [s.text for s in d.suggestions] == ["Vi"]
    assert not d.safe_fix  # a pronoun swap is offered, never applied blindly


def test_avsender_inverted_order_gets_lower_case_vi(engine):
    [d] = found(engine, "Nå har Helsenorge gjort det enklere å fornye resepten.", "avsender")
    assert [s.text for s in d.suggestions] == ["vi"]


@pytest.mark.parametrize("text, malform, expected", [
    ("Helsenorge og Helfo anbefaler at du bestiller time tidlig.", "nb", "Vi"),
    ("Helsenorge og Norsk Helsenett har laget en ny tjeneste.", "nb", "Vi"),
    ("Helsenorge og Helfo tilrår at du bestiller time tidleg.", "nn", "Vi"),
    ("Helfo og Helsenorge anbefaler at du bestiller time tidlig.", "nb", "vi"),
])
def test_avsender_flags_the_agency_in_a_joint_subject(engine, text, malform, expected):
    [d] = found(engine, text, "avsender", malform=malform)
    assert post(text, malform=malform)[d.start:d.end] == "Helsenorge"
    assert [s.text for s in d.suggestions] == [expected]


@pytest.mark.parametrize("text", [
    "Logg inn på Helsenorge og velg «Timeavtaler».",
    "På Helsenorge kan du se reseptene dine.",
    "Helsenorge-appen har fått ny forside.",
    "Gå til helsenorge.no for å bestille.",
    "Vi anbefaler Helsenorge til alle som bruker fast medisin.",
    "Helsenorge er nettstedet for helse i Norge.",
    "Helsenorge og andre nettsider har mye informasjon om vaksiner.",
    "Helsenorge og Helfo er nettsteder for alle.",
    "Er du usikker, ring Helsenorge på 23 32 70 00.",
    "Folkehelseinstituttet anbefaler at alle over 65 år tar influensavaksinen.",
])
def test_avsender_leaves_places_objects_and_other_agencies_alone(engine, text):
    assert not found(engine, text, "avsender")


def test_avsender_senders_come_from_config_and_front_matter(engine):
    text = "Helsedirektoratet vil gjerne høre hva du synes."
    assert not found(engine, text, "avsender")
    assert found(engine, text, "avsender", avsender="Helsedirektoratet")
    configured = Engine(Config().with_changes(senders=["Helsedirektoratet"], select=["avsender"]))
    assert found(configured, text, "avsender")


def test_avsender_message_is_nynorsk_for_nynorsk_posts(engine):
    [d] = found(engine, "Helsenorge tilrår at du bestiller time hos fastlegen i god tid.", "avsender", malform="nn")
    assert "omtalar avsendaren" in d.message


# -- brukerfokus ------------------------------------------------------------------------------
WE_POST = ("Vi i Helsenorge er stolte av arbeidet vårt. Vi har jobbet lenge med løsningen, og vi har "
           "samarbeidet tett med fastlegene. Nå lanserer vi tjenesten, som vi mener blir et løft.")


def test_brukerfokus_counts_we_against_you(engine):
    [d] = found(engine, WE_POST, "brukerfokus")
    assert WE_POST[d.start:d.end] == "Vi"
    assert "6 ganger" in d.message and "bare 0" in d.message


def test_brukerfokus_is_quiet_when_the_reader_is_addressed(engine):
    text = WE_POST + " Nå kan du bestille time selv. Du velger tidspunkt, og du får svar på SMS. Logg inn og prøv."
    assert not found(engine, text, "brukerfokus")


def test_brukerfokus_ignores_quotes_and_the_season(engine):
    text = ("I vår åpner en ny tjeneste på helsenorge.no. Fastlegen Kari Nordmann sier: «Vi har ventet på "
            "dette, og vi tror pasientene våre blir glade. Vi gleder oss.» Tjenesten gjelder hele landet fra mai.")
    assert not found(engine, text, "brukerfokus")


# -- dialog -----------------------------------------------------------------------------------
QUIET = ("Helsenorge har fått en ny tjeneste for timebestilling. Tjenesten gjelder alle fastleger som er "
         "med i ordningen. Bekreftelsen kommer på SMS, og timen står også i oversikten over timeavtaler.")


def test_dialog_hints_when_a_post_invites_nothing(engine):
    [d] = found(engine, QUIET, "dialog")
    assert d.severity is Severity.HINT
    assert QUIET[d.start:d.end] == "Helsenorge har fått en ny tjeneste for timebestilling."


@pytest.mark.parametrize("ending", [
    " Hva synes du?",
    " Har du spørsmål, ring oss på 23 32 70 00.",
    " Les mer på helsenorge.no.",
    " Du kan også avbestille timen der.",
    " Det er bare å ta kontakt med legekontoret.",
    " Der ser du selvsagt også timene du har bestilt.",
    " Stå på, så klarer du det.",
])
def test_dialog_accepts_questions_and_calls_to_action(engine, ending):
    assert not found(engine, QUIET + ending, "dialog")


def test_dialog_skips_replies_and_short_posts(engine):
    assert not found(engine, QUIET, "dialog", type="svar")
    assert not found(engine, "God jul fra alle oss i Helsenorge.", "dialog")


def test_dialog_does_not_take_nouns_for_imperatives(engine):
    text = ("Bruk av antibiotika har gått ned i Norge de siste årene. Nedgangen gjelder både barn og voksne, "
            "og den er størst hos fastlegene. Forskerne mener det er et godt tegn for folkehelsen.")
    assert found(engine, text, "dialog")


# -- utropstegn -------------------------------------------------------------------------------
def test_utropstegn_allows_one_and_flags_the_rest(engine):
    text = "Nå kan du bestille time på nett! Logg inn i dag! Husk legitimasjon!"
    hits = found(engine, text, "utropstegn")
    assert [text[d.start:d.end] for d in hits] == ["!", "!"]
    assert hits[0].start == text.index("dag!") + 3
    assert "3 utropstegn" in hits[0].message
    assert not found(engine, "Nå kan du bestille time på nett. God sommer!", "utropstegn")


def test_utropstegn_does_not_count_a_greeting_or_a_farewell(engine):
    reply = "Hei, Kari! Resepten din ligger på helsenorge.no. Ha en fin dag!"
    assert not found(engine, reply, "utropstegn")
    loud = "Hei! Nå kan du bestille time på nett! Logg inn i dag! Ha en fin dag!"
    hits = found(engine, loud, "utropstegn")
    assert [loud[d.start:d.end] for d in hits] == ["!"]  # «Hei!» and «Ha en fin dag!» are not counted
    assert hits[0].start == loud.index("dag! Ha") + 3
    assert not found(engine, "Hei! Resepten din ligg på helsenorge.no. Ha ein fin dag!", "utropstegn", malform="nn")


def test_utropstegn_flags_repeated_marks(engine):
    text = "Husk influensavaksinen!! Er du over 65?!"
    hits = found(engine, text, "utropstegn")
    assert [text[d.start:d.end] for d in hits] == ["!!", "?!"]
    assert "bare ett skilletegn" in hits[0].message


# -- store-bokstaver --------------------------------------------------------------------------
def test_store_bokstaver_flags_shouted_words_with_a_lower_case_suggestion(engine):
    text = "Husk at du IKKE trenger henvisning. VIKTIG INFORMASJON kommer i morgen."
    hits = found(engine, text, "store-bokstaver")
    assert [text[d.start:d.end] for d in hits] == ["IKKE", "VIKTIG INFORMASJON"]
    assert [d.suggestions[0].text for d in hits] == ["ikke", "Viktig informasjon"]


def test_store_bokstaver_leaves_abbreviations_alone(engine):
    text = "Har du ADHD eller KOLS? Ring 800HELSE, eller les om rettighetene dine hos NAV og FHI."
    assert not found(engine, text, "store-bokstaver")


def test_store_bokstaver_respects_project_abbreviations():
    text = "Les mer om GRATIS tannhelse for deg under 25 år."
    engine = Engine(Config().with_changes(select=["store-bokstaver"]))
    assert found(engine, text, "store-bokstaver")
    allowed = Engine(Config().with_changes(select=["store-bokstaver"], abbreviations=["GRATIS"]))
    assert not found(allowed, text, "store-bokstaver")


# -- emoji ------------------------------------------------------------------------------------
def test_emoji_counts_pictures_not_code_points(engine):
    family = "👨‍👩‍👧"
    text = f"God sommer {family} 👍🏽 🇳🇴 Husk solkremen."
    assert not found(engine, text, "emoji")  # three emoji, each several code points
    hits = found(engine, text + " 🌞", "emoji")
    assert len(hits) == 1 and "4 emoji" in hits[0].message


def test_emoji_as_bullets_is_a_hint_per_line(engine):
    text = "Dette kan du gjøre:\n\n✅ Se reseptene dine\n✅ Bestille time\n✅ Lese journalen din"
    hits = found(engine, text, "emoji")
    assert len(hits) == 3 and all(d.severity is Severity.HINT for d in hits)
    assert all("punkttegn" in d.message for d in hits)


def test_emoji_in_place_of_a_word(engine):
    text = "Husk å ta 💉 før jul. Det tar bare fem minutter 💉"
    [d] = found(engine, text, "emoji")
    assert d.start == text.index("💉") and "midt i setningen" in d.message


# -- kanal ------------------------------------------------------------------------------------
def test_kanal_lengde_marks_the_text_past_the_limit_on_x(engine):
    body = "Nå kan du fornye resepten din på helsenorge.no. " * 7  # 336 characters
    [d] = found(engine, body, "kanal-lengde", kanal="x")
    source = post(body, kanal="x")
    assert d.end == len(source.rstrip())
    assert d.end - d.start == len(body.strip()) - 280
    assert not found(engine, body, "kanal-lengde", kanal="facebook")
    assert not found(engine, body, "kanal-lengde")


def test_kanal_lengde_counts_web_addresses_as_23_characters_on_x(engine):
    url = "https://www.helsenorge.no/" + "a" * 300
    body = "Les om resepter: " + url
    assert len(body) > 280
    assert not found(engine, body, "kanal-lengde", kanal="x")


def test_kanal_lenke_only_on_instagram(engine):
    body = "Bestill helsetrygdkort før ferien: https://www.helsenorge.no/helsetrygdkort/"
    [d] = found(engine, body, "kanal-lenke", kanal="instagram")
    assert post(body, kanal="instagram")[d.start:d.end] == "https://www.helsenorge.no/helsetrygdkort/"
    assert not found(engine, body, "kanal-lenke", kanal="facebook")
    assert not found(engine, "Du finner det på helsenorge.no (lenke i bio).", "kanal-lenke", kanal="instagram")


def test_svar_lengde_only_for_replies(engine):
    long_reply = "Takk for spørsmålet. " + "Kortet kommer i posten etter omtrent ti dager. " * 12
    assert found(engine, long_reply, "svar-lengde", type="svar")
    assert not found(engine, long_reply, "svar-lengde", type="innlegg")


# -- alt-tekst --------------------------------------------------------------------------------
@pytest.mark.parametrize(("image", "expected"), [
    ("![](vaksine.jpg)", "mangler alternativ tekst"),
    ("![Bilde](vaksine.jpg)", "sier ikke hva bildet viser"),
    ("![IMG_4021.jpg](bilder/IMG_4021.jpg)", "er et filnavn"),
    ("![vaksine](bilder/vaksine.jpg)", "er et filnavn"),
    ("![Nå kan du bestille influensavaksinen.](vaksine.jpg)", "gjentar teksten"),
])
def test_alt_tekst_flags_useless_alt_text(engine, image, expected):
    text = f"Nå kan du bestille influensavaksinen.\n\n{image}"
    [d] = found(engine, text, "alt-tekst")
    assert expected in d.message


def test_alt_tekst_hints_at_a_redundant_prefix_and_accepts_a_description(engine):
    text = "Nå kan du bestille vaksinen.\n\n![Bilde av en sykepleier som setter vaksine](v.jpg)"
    [d] = found(engine, text, "alt-tekst")
    assert d.severity is Severity.HINT and text[d.start:d.end] == "Bilde av"
    good = "Nå kan du bestille vaksinen.\n\n![Sykepleier setter vaksine i armen på en eldre mann](v.jpg)"
    assert not found(engine, good, "alt-tekst")


# -- lenketekst -------------------------------------------------------------------------------
def test_lenketekst_flags_vague_link_text(engine):
    text = "Bestill helsetrygdkort [her](https://www.helsenorge.no/helsetrygdkort/)."
    [d] = found(engine, text, "lenketekst")
    assert text[d.start:d.end] == "her" and d.severity is Severity.WARNING


def test_lenketekst_bare_urls_are_fine_but_url_link_text_is_not(engine):
    assert not found(engine, "Bestill kortet her: https://www.helsenorge.no/helsetrygdkort/", "lenketekst")
    assert not found(engine, "Les mer på [helsenorge.no](https://www.helsenorge.no/).", "lenketekst")
    url = "https://www.helsenorge.no/helsetrygdkort/"
    [d] = found(engine, f"Les mer: [{url}]({url})", "lenketekst")
    assert d.severity is Severity.INFO and "nettadresse" in d.message


# -- emneknagg --------------------------------------------------------------------------------
@pytest.mark.parametrize(("tag", "camel"), [
    ("#psykiskhelse", "#PsykiskHelse"),
    ("#tavarepådeg", "#TaVarePåDeg"),
    ("#vaksinerdeg", "#VaksinerDeg"),
    ("#aldriforsent", "#AldriForSent"),
])
def test_emneknagg_suggests_camel_case_for_several_words(engine, tag, camel):
    text = f"Les mer på helsenorge.no. {tag}"
    [d] = found(engine, text, "emneknagg")
    assert text[d.start:d.end] == tag and d.suggestions[0].text == camel


@pytest.mark.parametrize("tag", [
    "#folkehelse", "#influensavaksine", "#helsenorge", "#koronaviruset", "#avbestilling",
    "#PsykiskHelse", "#reiseforsikring", "#sykefravær", "#tannhelse",
])
def test_emneknagg_leaves_compounds_and_camel_case_alone(engine, tag):
    assert not found(engine, f"Les mer på helsenorge.no. {tag}", "emneknagg")


def test_emneknagg_in_the_middle_of_a_sentence_is_a_hint(engine):
    text = "I dag markerer vi #folkehelse sammen med deg. #helsenorge"
    [d] = found(engine, text, "emneknagg")
    assert text[d.start:d.end] == "#folkehelse" and d.severity is Severity.HINT


def test_emneknagg_fix_applies_camel_case(engine):
    text = "Les mer på helsenorge.no. #psykiskhelse"
    [d] = found(engine, text, "emneknagg")
    fix = d.suggestions[0].fix
    assert apply_fixes(text, [fix]) == "Les mer på helsenorge.no. #PsykiskHelse"

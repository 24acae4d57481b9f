"""The document model: only prose is checked, and every offset points back into the source."""

from __future__ import annotations

import time

import pytest

from klarsprak.core.errors import KlarsprakError
from klarsprak.text.document import Document, parse_document
from klarsprak.text.spans import Segment


def assert_faithful(document: Document) -> None:
    """Each segment is its source slice with some characters blanked; newlines stay put."""
    for segment in document.segments:
        source = document.text[segment.start : segment.end]
        assert len(segment.text) == len(source)
        for shown, original in zip(segment.text, source):
            assert shown == original or (shown == " " and original != "\n"), (segment, source)
        assert source == source.strip()  # the source's own whitespace is not part of a segment
        assert segment.text.strip()  # … and every segment has some prose


def words(segment: Segment) -> str:
    return " ".join(segment.text.split())


def prose(document: Document) -> list[str]:
    return [words(segment) for segment in document.segments]


def only(document: Document) -> Segment:
    assert len(document.segments) == 1, document.segments
    return document.segments[0]


def locate(document: Document, word: str) -> int:
    """Source offset of ``word`` as found in the segments (so via ``segment.start + i``)."""
    for segment in document.segments:
        index = segment.text.find(word)
        if index >= 0:
            offset = segment.start + index
            assert document.text[offset : offset + len(word)] == word
            return offset
    raise AssertionError(f"{word!r} is not in the prose")


# --- masking ---------------------------------------------------------------------------------

MASKED = [
    ("inline code", "Skriv `klarsprak check` i terminalen.", "Skriv i terminalen."),
    ("double backticks", "Bruk ``a ` b`` her.", "Bruk her."),
    ("html comment", "Husk timen <!-- intern merknad --> din.", "Husk timen din."),
    ("html tags", "Dette er <b>viktig</b> og<br/>riktig.", "Dette er viktig og riktig."),
    ("bare url", "Les mer på https://www.helsenorge.no/vaksiner/influensa. Takk!", "Les mer på . Takk!"),
    ("www url", "Se www.helsenorge.no/fastlege for mer.", "Se for mer."),
    ("url in parentheses", "Les mer (https://helsenorge.no/a) i dag.", "Les mer ( ) i dag."),
    ("autolink", "Gå til <https://helsenorge.no> nå.", "Gå til nå."),
    ("email", "Skriv til post@helsenorge.no eller ring.", "Skriv til eller ring."),
    ("email with underscore", "Skriv til ola_nordmann@helse-bergen.no nå.", "Skriv til nå."),
    ("email autolink", "Skriv til <post@helsenorge.no> i dag.", "Skriv til i dag."),
    ("mailto", "Skriv til mailto:post@fhi.no i dag.", "Skriv til i dag."),
    ("link target", "Bestill [time hos fastlegen](https://helsenorge.no/time \"Time\") i dag.",
     "Bestill time hos fastlegen i dag."),
    ("link target with parentheses", "Se [Wikipedia](https://no.wikipedia.org/wiki/Lix_(lesbarhet)) nå.",
     "Se Wikipedia nå."),
    ("emphasis", "Dette er *viktig*, **svært viktig** og _også_ ~~ikke~~ dette.",
     "Dette er viktig , svært viktig og også ikke dette."),
    ("escapes", "Pris \\*ikke\\* inkludert.", "Pris *ikke * inkludert."),  # a blanked backslash leaves a space
    ("intraword underscore", "Filen heter min_fil_navn i dag.", "Filen heter min_fil_navn i dag."),
]


@pytest.mark.parametrize("name,source,expected", MASKED, ids=[case[0] for case in MASKED])
def test_masked_constructs_leave_prose_at_exact_offsets(name: str, source: str, expected: str) -> None:
    document = parse_document(source)
    assert_faithful(document)
    assert words(only(document)) == expected
    last = expected.split()[-1]
    assert document.text[locate(document, last) :].startswith(last)


def test_hashtags_and_mentions_stay_in_the_prose() -> None:
    document = parse_document("Følg @helsenorge for mer. #PsykiskHelse #vaksine\n")
    assert words(only(document)) == "Følg @helsenorge for mer. #PsykiskHelse #vaksine"


def test_fenced_and_indented_code_are_not_prose() -> None:
    source = (
        "Før koden.\n\n```python\nikke_prosa = True  # bl.a.\n```\n\n"
        "~~~\nogså kode\n~~~\n\n    innrykket kode\n    mer kode\n\nEtter koden.\n"
    )
    document = parse_document(source)
    assert prose(document) == ["Før koden.", "Etter koden."]
    code = document.masks_of("code")
    assert len(code) == 3
    assert all("kode" in source[mask.start : mask.end] or "prosa" in source[mask.start : mask.end] for mask in code)


def test_markdown_markers_are_masked_and_words_keep_their_columns() -> None:
    source = "## Vaksine for *alle* ##\n\n- Bestill time\n3. Møt opp\n\n> Husk kortet\n> ditt\n"
    document = parse_document(source)
    assert_faithful(document)
    assert prose(document) == ["Vaksine for alle", "Bestill time", "Møt opp", "Husk kortet ditt"]
    assert document.position(locate(document, "Vaksine")) == (1, 4)
    assert document.position(locate(document, "Bestill")) == (3, 3)
    assert document.position(locate(document, "Møt")) == (4, 4)
    assert document.position(locate(document, "ditt")) == (7, 3)
    quote = document.segments[-1]
    assert ">" not in quote.text and "\n" in quote.text  # the quote marker of line 2 is blanked


def test_html_blocks_and_reference_definitions_are_not_prose() -> None:
    source = "<div>\nBlokk med HTML\n</div>\n\n[fhi]: https://www.fhi.no \"FHI\"\n\nLes mer hos [FHI][fhi].\n"
    document = parse_document(source)
    assert prose(document) == ["Les mer hos FHI ."]
    assert document.links[0].url == "https://www.fhi.no"
    assert document.links[0].text == "FHI"


def test_segments_without_prose_are_dropped() -> None:
    document = parse_document("https://helsenorge.no\n\n`kode`\n\n<!-- bare en kommentar -->\n\nTekst.\n")
    assert prose(document) == ["Tekst."]


# --- scopes ----------------------------------------------------------------------------------


def test_scopes_of_headings_lists_quotes_tables_and_alt_text() -> None:
    source = (
        "# Overskrift\n\nEt avsnitt.\n\n- Punkt en\n- Punkt to\n\n> Et sitat.\n\n"
        "| Tjeneste | Pris |\n|---|---|\n| Fastlege | 160 kr |\n\n"
        "![Sykepleier som setter vaksine](vaksine.jpg)\n\nUndertittel\n-----------\n"
    )
    document = parse_document(source)
    assert_faithful(document)
    scoped = [(segment.scope, words(segment)) for segment in document.segments]
    assert scoped == [
        ("heading", "Overskrift"),
        ("paragraph", "Et avsnitt."),
        ("list", "Punkt en"),
        ("list", "Punkt to"),
        ("quote", "Et sitat."),
        ("table", "Tjeneste"),
        ("table", "Pris"),
        ("table", "Fastlege"),
        ("table", "160 kr"),
        ("alt", "Sykepleier som setter vaksine"),
        ("heading", "Undertittel"),
    ]


def test_list_item_paragraphs_share_a_block_and_nested_items_are_their_own() -> None:
    source = "- Første punkt\n\n  Mer om første punkt.\n  - Underpunkt\n- Andre punkt\n"
    document = parse_document(source)
    segments = document.segments
    assert [words(s) for s in segments] == ["Første punkt", "Mer om første punkt.", "Underpunkt", "Andre punkt"]
    assert {s.scope for s in segments} == {"list"}
    assert segments[0].block == segments[1].block
    assert len({segments[1].block, segments[2].block, segments[3].block}) == 3


def test_quote_inside_list_and_list_inside_quote() -> None:
    document = parse_document("- Punkt\n  > sitat i punkt\n\n> - punkt i sitat\n>   som fortsetter\n")
    assert [(s.scope, words(s)) for s in document.segments] == [
        ("list", "Punkt"),
        ("quote", "sitat i punkt"),
        ("list", "punkt i sitat som fortsetter"),
    ]
    assert_faithful(document)


def test_table_cells_have_exact_offsets_and_one_block_per_row() -> None:
    source = "| Dag | Åpent |\n| --- | --- |\n| Mandag | 08–16 `x` |\n| Tirsdag | stengt \\| ferie |\n"
    document = parse_document(source)
    assert_faithful(document)
    cells = [(words(s), s.block) for s in document.segments]
    assert [cell for cell, _ in cells] == ["Dag", "Åpent", "Mandag", "08–16", "Tirsdag", "stengt | ferie"]
    assert cells[2][1] == cells[3][1] != cells[4][1]
    assert document.position(locate(document, "Tirsdag")) == (4, 3)


# --- links and images --------------------------------------------------------------------------


def test_links_keep_their_text_in_the_paragraph_and_are_listed() -> None:
    source = "Les [**mer om vaksiner**](https://helsenorge.no/vaksiner) eller [klikk her](<https://x.no/a b>).\n"
    document = parse_document(source)
    assert words(only(document)) == "Les mer om vaksiner eller klikk her ."
    first, second = document.links
    assert (first.text, first.url) == ("mer om vaksiner", "https://helsenorge.no/vaksiner")
    assert source[first.text_start : first.text_end] == "mer om vaksiner"
    assert (second.text, second.url) == ("klikk her", "https://x.no/a b")
    assert source[second.text_start : second.text_end] == "klikk her"


def test_brackets_that_are_not_links_stay_prose() -> None:
    document = parse_document("Prisen [inkl. mva] er 160 kr.\n")
    assert words(only(document)) == "Prisen [inkl. mva] er 160 kr."
    assert document.links == []


def test_images_are_masked_from_the_paragraph_and_alt_text_is_its_own_segment() -> None:
    source = "Se bildet ![Lege *lytter* på hjertet](lege.png \"Lege\") og ![](tomt.png) her.\n"
    document = parse_document(source)
    assert [s.scope for s in document.segments] == ["paragraph", "alt"]
    paragraph = next(s for s in document.segments if s.scope == "paragraph")
    alt = next(s for s in document.segments if s.scope == "alt")
    assert words(paragraph) == "Se bildet og her."
    assert words(alt) == "Lege lytter på hjertet"
    assert alt.block == paragraph.block
    first, empty = document.images
    assert first.src == "lege.png" and first.alt == "Lege lytter på hjertet"
    assert source[first.start : first.end] == '![Lege *lytter* på hjertet](lege.png "Lege")'
    assert source[first.alt_start : first.alt_end] == "Lege *lytter* på hjertet"
    assert (empty.alt, empty.src) == ("", "tomt.png")
    assert_faithful(document)


def test_linked_image_gives_alt_segment_and_an_empty_link_text() -> None:
    document = parse_document("[![Logo for Helsenorge](logo.png)](https://helsenorge.no)\n")
    assert [(s.scope, words(s)) for s in document.segments] == [("alt", "Logo for Helsenorge")]
    assert document.links[0].url == "https://helsenorge.no" and document.links[0].text == ""


# --- front matter ----------------------------------------------------------------------------


def test_front_matter_is_parsed_and_masked() -> None:
    source = "---\nmalform: nn\nkanal: facebook\ntype: svar\ndato: 2024-05-01\n---\nHei! Vi svarar deg.\n"
    document = parse_document(source)
    assert document.front_matter["malform"] == "nn"
    assert document.front_matter["kanal"] == "facebook"
    assert str(document.front_matter["dato"]) == "2024-05-01"
    assert document.front_matter_end == source.index("Hei!")
    assert prose(document) == ["Hei! Vi svarar deg."]
    assert document.position(only(document).start) == (7, 1)


def test_front_matter_in_plain_text_and_with_crlf() -> None:
    source = "---\r\nmalform: nb\r\n...\r\nTekst her.\r\n"
    document = parse_document(source, "innlegg.txt")
    assert document.front_matter == {"malform": "nb"}
    assert prose(document) == ["Tekst her."]


def test_empty_front_matter_and_a_lone_rule_line() -> None:
    assert parse_document("---\n---\nTekst.\n").front_matter == {}
    document = parse_document("---\nBare en strek over teksten.\n")
    assert document.front_matter == {} and document.front_matter_end == 0
    assert prose(document) == ["Bare en strek over teksten."]


def test_invalid_front_matter_names_file_and_line() -> None:
    source = "---\nmalform: nn\nkanal: [facebook\ntype: svar\n---\nTekst.\n"
    with pytest.raises(KlarsprakError) as caught:
        parse_document(source, "innlegg.md")
    error = caught.value
    assert error.path == "innlegg.md"
    assert error.line is not None and 3 <= error.line <= 5
    assert str(error).startswith("innlegg.md:") and "ugyldig front matter" in str(error)
    assert "\n" not in str(error)


@pytest.mark.parametrize("body", ["- en\n- liste\n", "bare tekst\n", "42\n"])
def test_front_matter_that_is_not_a_mapping_is_an_error(body: str) -> None:
    with pytest.raises(KlarsprakError) as caught:
        parse_document(f"---\n{body}---\nTekst.\n", "post.md")
    assert "ugyldig front matter" in str(caught.value)
    assert caught.value.line == 2


# --- suppressions ----------------------------------------------------------------------------


def test_disable_enable_regions_and_next_line() -> None:
    source = (
        "Linje en.\n"  # 1
        "<!-- klarsprak-disable byrakratisk-ord, passiv -->\n"  # 2
        "Vedrørende saken.\n"  # 3
        "<!-- klarsprak-enable passiv -->\n"  # 4
        "Søknaden behandles.\n"  # 5
        "<!-- klarsprak-enable -->\n"  # 6
        "<!-- klarsprak-disable-next-line tiltale lix -->\n"  # 7
        "\n"  # 8
        "Man må søke.\n"  # 9
        "Man må søke igjen.\n"  # 10
        "<!-- klarsprak-disable -->\n"  # 11
        "Alt er av herfra.\n"  # 12
    )
    document = parse_document(source)
    assert not document.is_suppressed("byrakratisk-ord", 1)
    assert document.is_suppressed("byrakratisk-ord", 3)
    assert document.is_suppressed("passiv", 3)
    assert not document.is_suppressed("passiv", 5)
    assert document.is_suppressed("byrakratisk-ord", 5)
    assert not document.is_suppressed("byrakratisk-ord", 7)
    assert document.is_suppressed("tiltale", 9) and document.is_suppressed("lix", 9)
    assert not document.is_suppressed("passiv", 9)
    assert not document.is_suppressed("tiltale", 10)
    assert document.is_suppressed("hva-som-helst", 12) and document.is_suppressed("passiv", 200)
    assert prose(document)[:2] == ["Linje en.", "Vedrørende saken."]  # comments are not prose


def test_disable_next_line_without_ids_covers_every_rule() -> None:
    document = parse_document("Tekst.\n\n<!-- klarsprak-disable-next-line -->\nMan skal ikke.\nNeste.\n")
    assert document.is_suppressed("tiltale", 4) and document.is_suppressed("passiv", 4)
    assert not document.is_suppressed("tiltale", 5)


def test_directives_inside_code_are_ignored() -> None:
    source = "```\n<!-- klarsprak-disable -->\n```\n\nBruk `<!-- klarsprak-disable -->` slik.\n\nTekst.\n"
    assert parse_document(source).suppressions == []


def test_disable_line_covers_its_own_line() -> None:
    document = parse_document("Man kan søke. <!-- klarsprak-disable-line tiltale -->\nMan kan klage.\n")
    assert document.is_suppressed("tiltale", 1) and not document.is_suppressed("tiltale", 2)


# --- line endings, Unicode -------------------------------------------------------------------


def test_crlf_offsets_point_into_the_original_text() -> None:
    source = "# Tittel\r\n\r\nFørste linje med **fet** tekst\r\nog en andre linje.\r\n\r\n- punkt her\r\n"
    document = parse_document(source)
    assert document.text == source
    assert_faithful(document)
    assert prose(document) == ["Tittel", "Første linje med fet tekst og en andre linje.", "punkt her"]
    assert document.position(locate(document, "andre")) == (4, 7)
    assert document.position(locate(document, "punkt")) == (6, 3)
    assert document.position(locate(document, "fet")) == (3, 20)


def test_emoji_and_norwegian_letters_count_as_one_column_and_emoji_as_two_utf16_units() -> None:
    source = "Blåbær 😊 og bær.\nÆrlig talt: 👍🏽 ørret.\n"
    document = parse_document(source)
    offset = locate(document, "og")
    assert document.position(offset) == (1, 10)  # B l å b æ r ␠ 😊 ␠ o
    assert document.utf16_position(offset) == (0, 10)  # 😊 takes two UTF-16 units
    assert document.offset_at_utf16(0, 10) == offset
    trout = locate(document, "ørret")
    assert document.position(trout) == (2, 16)  # 👍🏽 is two code points (hand + skin tone)
    assert document.utf16_position(trout) == (1, 17)  # … and four UTF-16 units
    assert document.offset_at_utf16(1, 17) == trout


def test_a_leading_byte_order_mark_does_not_break_headings() -> None:
    document = parse_document("\ufeff# Tittel\n\nTekst.\n")
    assert [s.scope for s in document.segments] == ["heading", "paragraph"]


# --- plain text ------------------------------------------------------------------------------


def test_plain_text_splits_on_blank_lines_and_masks_only_urls_emails_comments() -> None:
    source = "Første *avsnitt* her,\nover to linjer.\n  \t\nAndre: https://helsenorge.no og ola@nav.no.\n\n\n# Ikke overskrift\n"
    document = parse_document(source, "innlegg.txt")
    assert document.format == "text"
    assert_faithful(document)
    assert [(s.scope, words(s)) for s in document.segments] == [
        ("paragraph", "Første *avsnitt* her, over to linjer."),
        ("paragraph", "Andre: og ."),
        ("paragraph", "# Ikke overskrift"),
    ]
    assert len({s.block for s in document.segments}) == 3
    assert [m.kind for m in document.masks] == ["url", "email"]


def test_format_argument_overrides_the_suffix() -> None:
    assert parse_document("*a*", "x.txt", fmt="markdown").format == "markdown"
    assert parse_document("*a*", "x.md", fmt="text").format == "text"
    assert parse_document("*a*", None).format == "markdown"
    with pytest.raises(KlarsprakError):
        parse_document("a", "x.md", fmt="docx")


def test_empty_and_whitespace_documents() -> None:
    for source in ("", "\n\n", "   \r\n"):
        document = parse_document(source)
        assert document.segments == [] and document.suppressions == []


# --- size and hostile input --------------------------------------------------------------------


def test_a_five_megabyte_post_parses_quickly() -> None:
    block = (
        "## Vaksine\n\nDu kan **bestille time** hos [fastlegen](https://helsenorge.no/fastlege) i dag. "
        "Det tar bl.a. ca. 5 minutter 😊\n\n- Logg inn\n- Velg time med `kode`\n\n> Husk kortet.\n\n"
    )
    source = (block * (5_000_000 // len(block) + 1))[:5_000_000]
    started = time.process_time()
    document = parse_document(source)
    elapsed = time.process_time() - started
    assert len(document.segments) > 40_000
    assert document.segments[-1].end <= len(source)
    # A guard against quadratic blow-ups, not a benchmark: this very dense Markdown takes about
    # 4 s of CPU on the 2-core dev machine; prose-like 5 MB files take 1–2 s.
    assert elapsed < 60


def test_unbalanced_markup_does_not_blow_up() -> None:
    source = ("[" * 20_000 + "`" * 3 + "*_" * 20_000 + "<" * 20_000 + "\n") * 3
    started = time.process_time()
    document = parse_document(source)
    assert time.process_time() - started < 15
    assert_faithful(document)


def test_masked_text_at_the_ends_of_a_block_stays_inside_its_segment() -> None:
    source = "Send svaret til kari.nordmann@example.no\n\n**Viktig** beskjed: https://helsenorge.no\n"
    document = parse_document(source)
    first, second = document.segments
    email = document.masks_of("email")[0]
    assert first.start <= email.start and email.end <= first.end
    assert second.start == source.index("**Viktig**") and second.end == source.index("no\n", 50) + 2
    assert words(second) == "Viktig beskjed:"


def test_link_whose_text_is_a_url_keeps_its_text_and_place():
    text = "Les mer på [https://helsenorge.no](https://helsenorge.no) i dag.\n"
    [link] = parse_document(text, "a.md").links
    assert link.text == "https://helsenorge.no"
    assert text[link.text_start:link.text_end] == "https://helsenorge.no"

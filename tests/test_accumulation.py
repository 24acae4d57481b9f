"""``myndighetssprak`` (kind ``accumulation``): mild traits of officialese piled up in one sentence.

A writer sees one warning for a sentence with two or more stiff words, nominal phrases or
passives, and none where the traits are spread over sentences, already warned about, switched
off on the line, or lowered by the project.
"""

from __future__ import annotations

import pytest

from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine
from tests.conftest import run_cli

PILED_UP = "Vi kan dessverre ikke besvare alle henvendelser i dag."


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config().with_changes(packs=["klarsprak"]))


def accumulated(engine: Engine, text: str, malform: str = "nb"):
    post = f"---\nmalform: {malform}\n---\n{text}\n"
    result = engine.check(post, "innlegg.md")
    return [(post[d.start:d.end], d) for d in result.diagnostics if d.rule == "myndighetssprak"]


def test_two_mild_traits_in_one_sentence_make_one_warning(engine):
    [(marked, diagnostic)] = accumulated(engine, PILED_UP)
    assert diagnostic.severity.label == "warning"
    assert marked == "besvare alle henvendelser"
    assert "2 trekk" in diagnostic.message and "«besvare», «henvendelser»" in diagnostic.message


def test_nynorsk_gets_a_nynorsk_message(engine):
    [(_, diagnostic)] = accumulated(engine, "Vi har motteke førespurnaden din og svarer i morgon.", "nn")
    assert diagnostic.message.startswith("Setninga har 2 trekk av myndigheitsspråk")


def test_traits_in_different_sentences_do_not_add_up(engine):
    assert accumulated(engine, "Vi kan ikke besvare alt i dag. Takk for henvendelsen din.") == []


@pytest.mark.parametrize(("text", "malform"), [
    ("Timen ble avlyst og pasientene ble sendt hjem.", "nb"),  # passives only: ordinary narration
    ("Timen vart avlyst og pasientane vart sende heim.", "nn"),
])
def test_passives_alone_are_not_officialese(engine, text, malform):
    assert accumulated(engine, text, malform) == []


def test_a_sentence_already_warned_about_gets_no_second_warning(engine):
    # «vedrørende» is a warning of its own; «henvendelser» is mild
    assert accumulated(engine, "Henvendelser vedrørende timebestilling besvares raskt.") == []


def test_suppressed_traits_do_not_count(engine):
    text = f"<!-- klarsprak-disable-next-line byrakratisk-ord -->\n{PILED_UP}"
    assert accumulated(engine, text) == []


def test_a_project_that_lowers_the_word_rule_to_hint_gets_no_pile_up():
    lowered = Engine(Config().with_changes(packs=["klarsprak"], rules={"byrakratisk-ord": "hint"}))
    assert accumulated(lowered, PILED_UP) == []


def test_the_rule_can_be_switched_off_without_touching_the_others():
    off = Engine(Config().with_changes(packs=["klarsprak"], ignore=["myndighetssprak"]))
    result = off.check(PILED_UP, "innlegg.md")
    rules = {d.rule for d in result.diagnostics}
    assert "myndighetssprak" not in rules and "byrakratisk-ord" in rules


def test_a_project_rule_of_this_kind_with_a_bad_minimum_names_file_and_line(tmp_path):
    folder = tmp_path / "regler" / "egne"
    folder.mkdir(parents=True)
    (folder / "opphoping.yaml").write_text(
        "id: opphoping\nkind: accumulation\ndescription: d\nprinciple: direkte\nsource: s\nseverity: warning\n"
        "message: m\nexplanation: e\nexamples: {bad: [x], good: [y]}\nof: [passiv]\nmin: 1\n", encoding="utf-8")
    (tmp_path / ".klarsprak.yaml").write_text("extra_rules: [regler]\n", encoding="utf-8")
    (tmp_path / "innlegg.md").write_text("Hei.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "innlegg.md"))
    assert result.returncode == 2
    assert "opphoping.yaml:11:" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_a_project_rule_of_this_kind_works_on_the_projects_own_rules(tmp_path):
    folder = tmp_path / "regler" / "egne"
    folder.mkdir(parents=True)
    (folder / "opphoping.yaml").write_text(
        "id: passiv-opphoping\nkind: accumulation\ndescription: To passiver i samme setning.\nprinciple: direkte\n"
        "source: egen\nseverity: warning\nmessage: \"{count} passiver: {traits}\"\nexplanation: e\n"
        "examples: {bad: [x], good: [y]}\nof: [passiv]\nmin: 2\n", encoding="utf-8")
    (tmp_path / ".klarsprak.yaml").write_text("extra_rules: [regler]\npacks: [klarsprak]\n", encoding="utf-8")
    (tmp_path / "innlegg.md").write_text("Timen ble avlyst og pasientene ble sendt hjem.\n", encoding="utf-8")
    result = run_cli("check", "--select", "passiv,passiv-opphoping", str(tmp_path / "innlegg.md"))
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr.decode()
    assert "2 passiver: «ble avlyst», «ble sendt»" in out

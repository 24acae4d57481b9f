"""The engine API: configuration, suppressions, caching, målform-specific messages, Python API."""

from __future__ import annotations

from pathlib import Path

from klarsprak import check_text
from klarsprak.engine.config import Config, load_config
from klarsprak.engine.configfile import find_config
from klarsprak.engine.lint import Engine

LONG_NB = ("Helsedirektoratet planlegger en bred satsing for å nå ut til befolkningen med råd om å ta vare "
           "på seg selv og sin psykiske helse i hele landet og i alle kanaler.")
LONG_NN = ("Helsedirektoratet planlegg ei brei satsing for å nå ut til befolkninga med råd om å ta vare på seg "
           "sjølv og den psykiske helsa si i heile landet og i alle kanalar, og det er ikkje lett.")


def only(engine_config: Config, rule: str) -> Engine:
    return Engine(engine_config.with_changes(select=[rule]))


def test_python_api_returns_diagnostics():
    found = check_text(LONG_NB)
    assert any(d.rule == "setningslengde" and d.line == 1 and d.column == 1 for d in found)


def test_nynorsk_post_gets_nynorsk_message():
    engine = only(Config(), "setningslengde")
    [diagnostic] = engine.check(LONG_NN + "\n", "a.md").diagnostics
    assert diagnostic.message.startswith("Setninga har") and "meir enn 20" in diagnostic.message


def test_threshold_override_from_config(tmp_path: Path):
    (tmp_path / ".klarsprak.yaml").write_text("rules:\n  setningslengde: {max: 40, severity: error}\n", encoding="utf-8")
    config = load_config(tmp_path / ".klarsprak.yaml")
    assert not only(config, "setningslengde").check(LONG_NB, "a.md").diagnostics
    config = config.with_changes(rules={"setningslengde": {"max": 10, "severity": "error"}})
    [diagnostic] = only(config, "setningslengde").check(LONG_NB, "a.md").diagnostics
    assert diagnostic.severity.label == "error" and "mer enn 10" in diagnostic.message


def test_rule_off_in_config():
    config = Config().with_changes(rules={"setningslengde": "off"})
    assert not any(d.rule == "setningslengde" for d in Engine(config).check(LONG_NB, "a.md").diagnostics)


def test_nearest_config_wins(tmp_path: Path):
    (tmp_path / ".klarsprak.yaml").write_text("malform: nb\n", encoding="utf-8")
    inner = tmp_path / "nynorsk" / "2026-11"
    inner.mkdir(parents=True)
    (tmp_path / "nynorsk" / ".klarsprak.yaml").write_text("malform: nn\n", encoding="utf-8")
    assert find_config(inner / "post.md") == tmp_path / "nynorsk" / ".klarsprak.yaml"
    assert find_config(tmp_path / "post.md") == tmp_path / ".klarsprak.yaml"


def test_inline_suppressions():
    engine = only(Config(), "setningslengde")
    text = f"<!-- klarsprak-disable-next-line setningslengde -->\n{LONG_NB}\n\n{LONG_NB}\n"
    lines = [d.line for d in engine.check(text, "a.md").diagnostics]
    assert lines == [4]
    text = f"<!-- klarsprak-disable setningslengde -->\n{LONG_NB}\n\n<!-- klarsprak-enable -->\n{LONG_NB}\n"
    assert [d.line for d in engine.check(text, "a.md").diagnostics] == [5]


def test_front_matter_policy_and_positions_after_it():
    engine = only(Config(), "setningslengde")
    text = f"---\nmalform: nb\nkanal: facebook\n---\n{LONG_NB}\n"
    [diagnostic] = engine.check(text, "a.md").diagnostics
    assert (diagnostic.line, diagnostic.column) == (5, 1)


def test_columns_count_code_points_after_emoji():
    engine = only(Config(), "setningslengde")
    text = "😀 Hei. " + LONG_NB + "\n"
    [diagnostic] = engine.check(text, "a.md").diagnostics
    assert diagnostic.column == len("😀 Hei. ") + 1
    line, character = engine.check(text, "a.md").document.utf16_position(diagnostic.start)
    assert (line, character) == (0, len("😀 Hei. ") + 1)  # the emoji is two UTF-16 units


def test_unchanged_paragraphs_are_not_reanalysed(monkeypatch):
    import klarsprak.language.nlp as nlp

    engine = only(Config(), "setningslengde")
    engine.check(f"{LONG_NB}\n\nFørste versjon.\n", "a.md")
    seen: list[list[str]] = []
    original = nlp.analyse
    monkeypatch.setattr(nlp, "analyse", lambda texts, standard=None: seen.append(list(texts)) or original(texts, standard))
    result = engine.check(f"{LONG_NB}\n\nAndre versjon.\n", "a.md")
    assert seen == [["Andre versjon."]]
    assert [d.rule for d in result.diagnostics] == ["setningslengde"]


def test_a_crashing_rule_does_not_stop_the_others(monkeypatch):
    engine = Engine(Config().with_changes(select=["setningslengde", "avsnitt"]))
    broken = engine.rule("avsnitt")

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(broken.check, "check_segment", explode)
    result = engine.check(LONG_NB + " Ny tekst.\n", "ny.md")
    assert [d.rule for d in result.diagnostics] == ["setningslengde"]
    assert result.rule_errors and "avsnitt" in result.rule_errors[0]


def test_vague_words_are_hints():
    engine = Engine(Config().with_changes(select=["byrakratisk-ord", "malform-blanding"]))
    found = engine.check("Hvordan går det i forhold til i fjor? Vi har ikke fått svar.\n", "a.md").diagnostics
    vague = [d for d in found if "forhold" in d.message]
    assert vague and all(d.severity.label == "hint" for d in vague)
    assert any(d.severity.label == "warning" for d in engine.check("Svar vedrørende timen.\n", "b.md").diagnostics)

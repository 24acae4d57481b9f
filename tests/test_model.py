"""The shipped Norwegian model: loads, tags the passives and lemmas rules rely on, fails softly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import klarsprak.language.model as model
from klarsprak.language.model.passive import find_passives

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp():
    loaded = model.load_model("nb")
    assert loaded is not None, model.load_error
    return loaded


@pytest.fixture(scope="module")
def nlp_nn():
    loaded = model.load_model("nn")
    assert loaded is not None, model.load_error
    return loaded


def _token(doc, text):
    return next(t for t in doc if t.text == text)


def test_shipped_models_load_once_with_the_promised_components(nlp, nlp_nn):
    assert model.load_error is None
    assert model.load_model() is nlp  # cached: one load per process; bokmål by default
    assert model.load_model("mixed") is nlp and model.load_model("unknown") is nlp
    assert model.load_model("nn") is nlp_nn and nlp_nn is not nlp
    for pipeline in (nlp, nlp_nn):
        assert {"morphologizer", "trainable_lemmatizer"} <= set(pipeline.pipe_names)


def test_bokmal_s_passive_has_voice_pass(nlp):
    doc = nlp("Søknaden behandles innen tre uker.")
    behandles = _token(doc, "behandles")
    assert behandles.pos_ == "VERB"
    assert behandles.morph.get("Voice") == ["Pass"]
    assert [(p.verb.text, p.kind) for p in find_passives(doc)] == [("behandles", "s-passiv")]


def test_active_sentence_has_no_passive(nlp):
    doc = nlp("Vi behandler søknaden innen tre uker.")
    assert find_passives(doc) == []
    assert _token(doc, "behandler").morph.get("Voice") == []


def test_nynorsk_verte_passive_gives_a_participle(nlp_nn):
    doc = nlp_nn("Søknaden vart behandla i går.")
    vart, behandla = _token(doc, "vart"), _token(doc, "behandla")
    assert vart.pos_ == "AUX" and vart.lemma_ == "verte"
    assert behandla.morph.get("VerbForm") == ["Part"]
    passives = find_passives(doc)
    assert [(p.verb.text, p.auxiliary.text, p.kind) for p in passives] == [("behandla", "vart", "bli-passiv")]


def test_bokmal_bli_passive(nlp):
    doc = nlp("Søknaden ble behandlet av kommunen.")
    assert [(p.verb.text, p.kind) for p in find_passives(doc)] == [("behandlet", "bli-passiv")]


def test_lemma_of_strong_past_tense(nlp):
    doc = nlp("Det forelå ingen søknad fra pasienten.")
    assert _token(doc, "forelå").lemma_ == "foreligge"
    assert _token(doc, "søknad").lemma_ == "søknad"


def test_missing_directory_gives_none_and_a_reason(tmp_path):
    assert model.load_model(model_dir=tmp_path / "finst-ikkje") is None
    assert model.load_error and "Språkmodellen" in model.load_error


def test_broken_directory_gives_none_and_a_reason(tmp_path, capsys):
    broken = tmp_path / "nb"
    broken.mkdir()
    (broken / "config.cfg").write_text("[nlp\nthis is not a config", encoding="utf-8")
    (broken / "meta.json").write_text("{}", encoding="utf-8")
    assert model.load_model(model_dir=tmp_path) is None
    assert model.load_error and "Språkmodellen" in model.load_error
    assert capsys.readouterr() == ("", "")  # never prints


def test_environment_variable_overrides_the_directory(tmp_path, monkeypatch):
    monkeypatch.setenv(model.ENV_VAR, str(tmp_path / "tom"))
    assert model.load_model() is None
    monkeypatch.delenv(model.ENV_VAR)
    assert model.load_model() is not None
    assert model.load_error is None


CONLLU = """\
# sent_id = t1
# text = Søknaden behandles innen tre uker.
1\tSøknaden\tsøknad\tNOUN\t_\tDefinite=Def|Gender=Masc|Number=Sing\t2\tnsubj\t_\t_
2\tbehandles\tbehandle\tVERB\t_\tMood=Ind|Tense=Pres|VerbForm=Fin|Voice=Pass\t0\troot\t_\t_
3\tinnen\tinnen\tADP\t_\t_\t5\tcase\t_\t_
4\ttre\ttre\tNUM\t_\tNumType=Card\t5\tnummod\t_\t_
5\tuker\tuke\tNOUN\t_\tDefinite=Ind|Gender=Masc|Number=Plur\t2\tobl\t_\tSpaceAfter=No
6\t.\t$.\tPUNCT\t_\t_\t2\tpunct\t_\t_

# sent_id = t2
# text = Vi svarer deg i morgen.
1\tVi\tvi\tPRON\t_\tAnimacy=Hum|Case=Nom|Number=Plur|Person=1|PronType=Prs\t2\tnsubj\t_\t_
2\tsvarer\tsvare\tVERB\t_\tMood=Ind|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_
3\tdeg\tdeg\tPRON\t_\tAnimacy=Hum|Case=Acc|Number=Sing|Person=2|PronType=Prs\t2\tobj\t_\t_
4\ti\ti\tADP\t_\t_\t5\tcase\t_\t_
5\tmorgen\tmorgen\tNOUN\t_\tDefinite=Ind|Gender=Masc|Number=Sing\t2\tobl\t_\tSpaceAfter=No
6\t.\t$.\tPUNCT\t_\t_\t2\tpunct\t_\t_

"""

KEYS = {"file", "sentences", "gold_tokens", "token_acc", "token_f", "upos", "lemma", "morph",
        "on_gold_tokens", "passive", "words_per_second"}


def test_evaluate_prints_json_with_documented_keys(tmp_path):
    path = tmp_path / "liten.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "klarsprak.language.model", "evaluate", str(path), "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert KEYS <= set(result)
    assert result["sentences"] == 2 and result["gold_tokens"] == 12
    assert result["token_acc"] == 1.0
    assert set(result["passive"]) == {"sentence", "token"}
    assert result["passive"]["sentence"]["tp"] == 1 and result["passive"]["sentence"]["fp"] == 0
    assert 0.5 < result["upos"] <= 1.0


def test_evaluate_rejects_a_missing_file(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "klarsprak.language.model", "evaluate", str(tmp_path / "nei.conllu")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 2 and "Fant ikke" in out.stderr


def test_nynorsk_lemma_and_st_passive(nlp_nn):
    doc = nlp_nn("Søknaden må sendast innan fredag, men eg var ikkje heime.")
    assert _token(doc, "var").lemma_ == "vere"
    sendast = _token(doc, "sendast")
    assert find_passives(doc) == []  # UD has no Voice=Pass in nynorsk: off by default
    assert [(p.verb.text, p.kind) for p in find_passives(doc, st_form=True)] == [("sendast", "st-passiv")]
    assert sendast.lemma_ == "sende"


def test_present_participle_is_not_a_passive(nlp_nn):
    doc = nlp_nn("Brevet vart liggjande på bordet.")
    assert find_passives(doc) == []


@pytest.mark.parametrize(
    ("standard", "possess", "perfect"),
    [
        ("nn", "Eg har ein bil.", "Eg har sendt brevet til kommunen."),
        ("nb", "Jeg har en bil.", "Jeg har sendt brevet til kommunen."),
    ],
)
def test_have_is_verb_as_main_verb_and_aux_before_participle(standard, possess, perfect):
    """UD convention: «ha» = possess is VERB, «ha» + participle is AUX (klarsprak_aux_or_verb)."""
    nlp = model.load_model(standard)
    assert nlp is not None
    assert "klarsprak_aux_or_verb" in nlp.pipe_names
    assert [t.pos_ for t in nlp(possess) if t.lower_ == "har"] == ["VERB"]
    assert [t.pos_ for t in nlp(perfect) if t.lower_ == "har"] == ["AUX"]


def test_aux_rule_corrects_tagger_output():
    """The rule itself: «har» tagged AUX with no verb form in its clause becomes VERB, and back."""
    nlp = model.load_model("nn")
    assert nlp is not None
    doc = nlp("Dei har ikkje tid, men dei har sendt svar.")
    first, second = [t for t in doc if t.lower_ == "har"]
    first.pos_, second.pos_ = "AUX", "VERB"  # as a context-blind tagger might
    nlp.get_pipe("klarsprak_aux_or_verb")(doc)
    assert (first.pos_, second.pos_) == ("VERB", "AUX")

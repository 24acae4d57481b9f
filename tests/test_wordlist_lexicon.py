"""No valid form is called wrong: the word lists checked against Norsk ordbank and NDT.

A form the target norm allows (Norsk ordbank – bokmål 2005 / nynorsk 2012) in the word class that
edited text (the target half of NDT) uses it in must never be reported as the other standard's, and
a form the norm allows in some other word class («lærer» the verb in nynorsk) may only be flagged
in the classes it is wrong in, as the tagger reads it, and never with a safe fix. For the other
rules' lists: a safe fix must not be applied to a form that edited text also uses as another
word class. The data lives in ../shared/data (read-only); see tools/lexicon_evidence.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from klarsprak.engine.config import Config
from klarsprak.engine.lint import Engine
from klarsprak.language.wordlist import load_wordlist

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import lexicon_evidence  # noqa: E402

pytestmark = pytest.mark.skipif(not lexicon_evidence.available(), reason="../shared/data is not there")

MALFORM_LISTS = {"malform-nb-til-nn": "nn", "malform-nn-til-nb": "nb"}  # list -> standard it is wrong in
OTHER_LISTS = sorted(path.stem for path in (ROOT / "wordlists").glob("*.yaml")
                     if path.stem.split("-")[0] in {"byrakratiske", "engelske", "inkluderende", "nedlatende", "forkortelser"})
PARADIGM_CLASS = {"adj": {"ADJ"}, "noun-m": {"NOUN"}, "noun-f": {"NOUN"}, "noun-n": {"NOUN"}}


def _wordlist(name: str):
    return load_wordlist((ROOT / "wordlists" / f"{name}.yaml").resolve())


def _group(classes: set[str]) -> set[str]:
    """AUX and VERB are one class here (NDT does not tell them apart)."""
    return {"VERB" if upos == "AUX" else upos for upos in classes}


@pytest.mark.parametrize(("name", "standard"), sorted(MALFORM_LISTS.items()))
def test_malform_list_never_flags_a_form_the_target_norm_allows(name, standard):
    problems = []
    for entry in _wordlist(name).entries:
        for form in sorted(entry.forms):
            if not lexicon_evidence.allowed(form, standard):
                continue
            valid = lexicon_evidence.valid_classes(form, standard)
            if not entry.pos:
                problems.append(f"«{form}» is valid {standard} ({', '.join(sorted(valid)) or 'ordbank'}) but flagged in every word class")
            elif _group(set(entry.pos)) & _group(valid):
                problems.append(f"«{form}» is flagged as {sorted(entry.pos)} but valid {standard} as {sorted(valid)}")
            elif entry.safe:
                problems.append(f"«{form}» is valid {standard} in another word class, so its fix cannot be safe")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", OTHER_LISTS)
def test_safe_fix_never_changes_another_word_class(name):
    """A safely replaced form that edited text also uses as another word class is not safe."""
    wordlist = _wordlist(name)
    standard = "nn" if wordlist.malform == "nn" else "nb"
    import yaml

    paradigms = {e["word"]: e.get("inflect") for e in yaml.safe_load(wordlist.path.read_text(encoding="utf-8"))["entries"]}
    problems = []
    for entry in wordlist.entries:
        if not entry.safe:
            continue
        paradigm = paradigms.get(entry.word)
        own = PARADIGM_CLASS.get(paradigm, {"VERB"}) if paradigm else None
        for form in sorted(entry.forms):
            if not entry.replacement_for(form)[1]:
                continue
            used = _group({upos for upos, n in lexicon_evidence.ndt_classes(standard).get(form.lower(), {}).items()
                           if n >= lexicon_evidence.MIN_USES})
            if own is not None and used - own:
                problems.append(f"«{form}» ({entry.word}, {paradigm}) is also used as {sorted(used - own)}")
            elif own is None and len(used) > 1:
                problems.append(f"«{form}» ({entry.word}) is used as {sorted(used)}: a safe fix cannot fit all")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config().with_changes(select=["malform-blanding"]))


def _findings(engine: Engine, text: str, malform: str) -> list:
    result = engine.check(text, "innlegg.txt", fmt="text", front_matter={"malform": malform})
    return [d for d in result.diagnostics if d.rule == "malform-blanding"]


@pytest.mark.parametrize("text", [
    "Kva lurer du på? Skriv til oss.",
    "Eg lærer meg å lage mat frå grunnen av.",
    "Dei bruker appen kvar dag og svarer raskt.",
    "Ho tar ein tur i parken kvar dag, men bare når det er fint vêr.",
])
def test_valid_nynorsk_verbs_are_clean(engine, text):
    assert not _findings(engine, text, "nn")


def test_word_class_restricted_form_is_flagged_only_without_a_safe_fix(engine):
    # «då» is valid bokmål only as the noun (the deer); as a conjunction it is nynorsk.
    found = _findings(engine, "Hun ringte til oss då hun kom hjem fra sykehuset.", "nb")
    assert [d for d in found if d.message.startswith("«då»")]
    assert all(d.safe_fix is None for d in found if d.message.startswith("«då»"))

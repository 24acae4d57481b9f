"""The shipped word lists: exact format, sound fixes, and forms that hit only the listed word.

The format is the contract with the loader in ``klarsprak/language/wordlist.py``: unknown keys are
errors there, so they are errors here too.
"""

from __future__ import annotations

import collections
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from klarsprak.language.inflect import PARADIGMS, generate_forms

ROOT = Path(__file__).resolve().parent.parent
ALL_DATA_FILES = sorted((ROOT / "wordlists").glob("*.yaml"))
COMMON_HEADER_KEYS = {"name", "description", "sources", "licence"}
HEADER_KEYS = {"name", "malform", "description", "sources", "licence", "entries"}
ENTRY_KEYS = {"word", "inflect", "forms", "replace", "replace_forms", "safe", "note", "allowed", "gap", "severity", "pos"}
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "SCONJ", "VERB"}
NDT = ROOT.parent / "shared" / "data" / "ndt"


@functools.cache
def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def entries(path: Path) -> list[dict[str, Any]]:
    return load(path)["entries"]


def surface_forms(entry: dict[str, Any], malform: str) -> set[str]:
    """Every form the matcher will look for: the word, its listed forms, generated forms."""
    found = {entry["word"], *entry.get("forms", [])}
    if "inflect" in entry:
        found |= generate_forms(entry["word"], entry["inflect"], malform)
    return found


def ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def is_wordlist(path: Path) -> bool:
    """Word lists have ``entries``; other data in wordlists/ (målform markers) has its own schema."""
    data = load(path)
    return isinstance(data, dict) and "entries" in data


WORDLISTS = [path for path in ALL_DATA_FILES if is_wordlist(path)]


@pytest.mark.parametrize("path", ALL_DATA_FILES, ids=ids(ALL_DATA_FILES))
def test_every_data_file_parses_with_the_common_header(path: Path) -> None:
    data = load(path)
    assert isinstance(data, dict) and COMMON_HEADER_KEYS <= set(data)
    assert data["name"] == path.stem


def test_the_expected_lists_ship() -> None:
    names = {path.stem for path in WORDLISTS}
    for base in ("byrakratiske-ord", "engelske-ord", "inkluderende-ord", "forkortelser", "nedlatende"):
        assert {f"{base}-nb", f"{base}-nn"} <= names


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_header(path: Path) -> None:
    data = load(path)
    assert isinstance(data, dict) and HEADER_KEYS <= set(data) <= HEADER_KEYS | {"left_out"}
    assert all(isinstance(why, str) and why.strip() for why in data.get("left_out", {}).values())
    assert data["name"] == path.stem
    assert data["malform"] in {"nb", "nn", "both"}
    assert data["malform"] == path.stem.rsplit("-", 1)[1] or data["malform"] == "both"
    assert isinstance(data["description"], str) and data["description"].strip()
    assert isinstance(data["licence"], str) and data["licence"].strip()
    assert data["sources"] and all(isinstance(s, str) and s.strip() for s in data["sources"])
    assert isinstance(data["entries"], list) and data["entries"]


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_entries_have_exactly_the_known_keys_and_types(path: Path) -> None:
    is_abbreviation_list = path.stem.startswith("forkortelser")
    for entry in entries(path):
        assert isinstance(entry, dict) and set(entry) <= ENTRY_KEYS, entry
        assert {"word", "replace", "safe"} <= set(entry), entry
        word = entry["word"]
        # a bare «no»/«on» would load as a bool: every word must really be a string
        assert isinstance(word, str) and word == " ".join(word.split()) and word, entry
        if not is_abbreviation_list:
            assert word == word.lower(), f"{word}: lemma in lower case"
        assert isinstance(entry["replace"], list) and all(isinstance(r, str) and r for r in entry["replace"])
        assert isinstance(entry["safe"], bool)
        assert all(isinstance(form, str) and form for form in entry.get("forms", []))
        assert isinstance(entry.get("note", ""), str)
        if "allowed" in entry:
            assert is_abbreviation_list and isinstance(entry["allowed"], bool), entry
        if "pos" in entry:  # a word-class restriction: the form is a valid homograph in other classes
            assert entry["pos"] and set(entry["pos"]) <= UPOS and entry["safe"] is False, entry
        if "inflect" in entry:
            assert entry["inflect"] in PARADIGMS, f"{word}: unknown paradigm {entry['inflect']}"
        if "gap" in entry:
            assert entry["gap"] == "adverbs" and " " in word, f"{word}: a gap needs a phrase"
        assert entry.get("severity", "info") in {"warning", "info", "hint"}, entry
        replace_forms = entry.get("replace_forms", {})
        assert isinstance(replace_forms, dict)
        assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in replace_forms.items())


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_no_duplicate_words(path: Path) -> None:
    words = collections.Counter(entry["word"] for entry in entries(path))
    assert [word for word, count in words.items() if count > 1] == []


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_no_surface_form_belongs_to_two_entries(path: Path) -> None:
    malform = load(path)["malform"]
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for entry in entries(path):
        has_case = entry["word"] != entry["word"].lower()  # the loader matches these case-sensitively
        for form in surface_forms(entry, malform):
            owners[form if has_case else form.lower()].add(entry["word"])
    assert {form: sorted(words) for form, words in owners.items() if len(words) > 1} == {}


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_replace_forms_name_real_forms_of_the_entry(path: Path) -> None:
    malform = load(path)["malform"]
    for entry in entries(path):
        unknown = set(entry.get("replace_forms", {})) - surface_forms(entry, malform)
        assert unknown == set(), f"{entry['word']}: replace_forms for forms it never matches"


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_safe_fixes_have_a_replacement_for_every_form(path: Path) -> None:
    """--fix applies safe fixes unread, so each surface form needs its own grammatical replacement."""
    malform = load(path)["malform"]
    for entry in entries(path):
        if not entry["safe"]:
            continue
        assert entry["replace"], f"{entry['word']}: safe without a replacement"
        assert not entry.get("allowed", False), f"{entry['word']}: allowed and safe"
        missing = surface_forms(entry, malform) - {entry["word"]} - set(entry.get("replace_forms", {}))
        assert missing == set(), f"{entry['word']}: no replacement for {sorted(missing)}"


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_vague_entries_explain_themselves(path: Path) -> None:
    for entry in entries(path):
        if not entry["replace"] and not entry.get("allowed", False):
            assert entry.get("note"), f"{entry['word']}: no suggestion and no note"


@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_the_engine_loader_accepts_the_list(path: Path) -> None:
    from klarsprak.language.wordlist import load_wordlist

    wordlist = load_wordlist(path)
    assert len(wordlist.entries) == len(entries(path))
    assert all(entry.word in entry.forms or entry.word.lower() in entry.forms for entry in wordlist.entries)


def test_abbreviation_lists_mark_what_everyone_knows() -> None:
    for stem in ("forkortelser-nb", "forkortelser-nn"):
        by_word = {entry["word"]: entry for entry in entries(ROOT / "wordlists" / f"{stem}.yaml")}
        assert all("allowed" in entry for entry in by_word.values())
        assert by_word["NAV"]["allowed"] and by_word["EU"]["allowed"] and by_word["FN"]["allowed"]
        assert not by_word["HOD"]["allowed"] and not by_word["FHI"]["allowed"]
        assert by_word["HOD"]["replace"] == ["Helse- og omsorgsdepartementet"]


# --- precision against the Norwegian Dependency Treebank (read only; skipped without it) ----


@functools.cache
def treebank_lemmas(folder: str) -> dict[str, set[str]]:
    """Surface form → the lemmas NDT gives it."""
    lemmas: dict[str, set[str]] = collections.defaultdict(set)
    for path in sorted((NDT / folder).glob("*.conll")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) > 2 and parts[0].isdigit():
                lemmas[parts[1].lower()].add(parts[2].lower())
    return lemmas


@pytest.mark.skipif(not NDT.is_dir(), reason="NDT treebank (../shared/data/ndt) not available")
@pytest.mark.parametrize("path", WORDLISTS, ids=ids(WORDLISTS))
def test_generated_forms_are_not_other_words_in_the_treebank(path: Path) -> None:
    """A generated form that NDT only knows as another lemma's form would be a false alarm."""
    malform = load(path)["malform"]
    folders = {"nb": ["nob"], "nn": ["nno"], "both": ["nob", "nno"]}[malform]
    listed = {entry["word"] for entry in entries(path)}
    clashes = []
    for entry in entries(path):
        if "inflect" not in entry or " " in entry["word"]:
            continue
        lemma = entry["word"]
        generated = generate_forms(lemma, entry["inflect"], malform)
        for form in generated - {lemma}:
            for folder in folders:
                others = treebank_lemmas(folder).get(form, set())
                # NDT lemmatises participles as adjectives («anvendt»): a lemma that is itself one of
                # the entry's forms is the same word; one listed in the same list is flagged anyway.
                if others and lemma not in others and not others <= generated | listed:
                    clashes.append((lemma, form, sorted(others)))
    assert clashes == []


def test_word_class_restricted_entry_cannot_be_safe(tmp_path: Path) -> None:
    from klarsprak.core.errors import KlarsprakError
    from klarsprak.language.wordlist import load_wordlist

    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nmalform: nn\ndescription: x\nsources: [x]\nlicence: x\nentries:\n"
                    "  - word: lærer\n    replace: [lærar]\n    pos: [NOUN]\n    safe: true\n", encoding="utf-8")
    with pytest.raises(KlarsprakError, match="pos og kan derfor ikke være safe"):
        load_wordlist(path)

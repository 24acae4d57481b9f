"""Which word forms the norms allow, and in which word class edited text uses them.

Two sources, both read from ``../shared/data`` (nothing from them is copied into the repository):

- Norsk ordbank – bokmål 2005 and nynorsk 2012 (Språkbanken; © University of Bergen and
  Språkrådet; CC BY 4.0): is a form allowed by the norm at all? The nynorsk list has every
  inflected form, the bokmål list only lemmas, and neither says which word class a form has.
- The Norwegian Dependency Treebank (NDT; annotations CC0): in which word classes edited
  bokmål and nynorsk text use a form, mapped to Universal POS so it compares with the tagger.

Used by ``tools/malform_pairs_build.py`` (to keep valid forms out of the målform lists) and
by ``tests/test_wordlist_lexicon.py`` (to prove they stay out). A form counts as *valid in a word
class* when the ordbank allows it and the target half of NDT uses it in that class at least
``MIN_USES`` times: the ordbank says it is allowed, NDT says as what. The bokmål ordbank here
has lemmas only, so for bokmål NDT's bokmål half alone vouches for an inflected form («boka»).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
LEXICON = DATA / "lexicon"
NDT = DATA / "ndt"
MIN_USES = 3

# NDT (Oslo-Bergen) tags → Universal POS; proper nouns, foreign/unknown words and punctuation are left out.
NDT_UPOS = {
    "subst": ("NOUN",), "verb": ("VERB", "AUX"), "adj": ("ADJ",), "adv": ("ADV",), "sbu": ("SCONJ",),
    "konj": ("CCONJ",), "prep": ("ADP",), "det": ("DET",), "pron": ("PRON",), "inf-merke": ("PART",),
    "interj": ("INTJ",),
}

# The English credit line every derived list must carry.
ORDBANK_CREDIT = ("Norsk ordbank – bokmål 2005 og nynorsk 2012 (Språkbanken, Nasjonalbiblioteket; "
                  "© Universitetet i Bergen og Språkrådet), CC BY 4.0")


def available() -> bool:
    return (LEXICON / "nn-2012-forms.txt").is_file() and (NDT / "nno").is_dir()


@cache
def ordbank(standard: str) -> frozenset[str]:
    """Lower-case forms the norm allows: nynorsk every form and lemma, bokmål lemmas only."""
    files = ["nn-2012-forms.txt", "nn-2012-lemmas.txt"] if standard == "nn" else ["nb-2005-lemmas.txt"]
    words: set[str] = set()
    for name in files:
        with open(LEXICON / name, encoding="utf-8") as handle:
            words.update(line.strip().lower() for line in handle if line.strip())
    return frozenset(words)


@cache
def ud_dev_sentences(standard: str) -> frozenset[str]:
    """Sentence texts of UD dev (the measuring set), as space-joined tokens."""
    name = "no_nynorsk-ud-dev.conllu" if standard == "nn" else "no_bokmaal-ud-dev.conllu"
    path = DATA / "ud-dev" / name
    if not path.is_file():
        return frozenset()
    sentences, tokens = set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if len(tokens) >= 4:
                sentences.add(" ".join(tokens))
            tokens = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" not in cols[0] and "." not in cols[0]:
                tokens.append(cols[1])
    return frozenset(sentences)


def ndt_rows(standard: str) -> Iterator[list[str]]:
    """CoNLL rows of NDT's bokmål (nob) or nynorsk (nno) half, leaving out every file that shares
    a sentence with UD dev: the measuring set must not have taught the data."""
    held_out = ud_dev_sentences(standard)
    folder = NDT / ("nno" if standard == "nn" else "nob")
    for path in sorted(folder.glob("*.conll")):
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
        sentences, tokens = [], []
        for cols in rows:
            if len(cols) < 6:
                sentences.append(" ".join(tokens))
                tokens = []
            elif "-" not in cols[0] and "." not in cols[0]:
                tokens.append(cols[1])
        sentences.append(" ".join(tokens))
        if any(sentence in held_out for sentence in sentences):
            continue
        yield from (cols for cols in rows if len(cols) >= 6)


@cache
def ndt_classes(standard: str) -> dict[str, Counter]:
    """Lower-case form → Counter of UPOS classes it has in the bokmål (nob) or nynorsk (nno) part."""
    classes: dict[str, Counter] = defaultdict(Counter)
    for cols in ndt_rows(standard):
        if "prop" in cols[5].split("|"):
            continue
        for upos in NDT_UPOS.get(cols[3], ()):
            classes[cols[1].lower()][upos] += 1
    return dict(classes)


def valid_classes(form: str, standard: str) -> set[str]:
    """UPOS classes in which ``form`` is valid in ``standard``: allowed by the ordbank and used
    so in edited text. Empty when the ordbank does not have the form, or NDT never uses it."""
    form = form.lower()
    if standard == "nn" and form not in ordbank(standard):
        return set()
    used = ndt_classes(standard).get(form, Counter())
    return {upos for upos, count in used.items() if count >= MIN_USES}


@cache
def ordbank_lemmas(standard: str) -> frozenset[str]:
    """Lower-case lemmas only (no inflected forms)."""
    name = "nn-2012-lemmas.txt" if standard == "nn" else "nb-2005-lemmas.txt"
    with open(LEXICON / name, encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def in_ordbank(form: str, standard: str) -> bool:
    return form.lower() in ordbank(standard)


def allowed(form: str, standard: str) -> bool:
    """The norm allows the form in some word class (ordbank), or edited text uses it (bokmål)."""
    return in_ordbank(form, standard) or bool(valid_classes(form, standard))

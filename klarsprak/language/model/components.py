"""Pipeline pieces the shipped models need beyond spaCy's own (registered on import).

``klarsprak_final_period`` fixes the one systematic tokenizer error of spaCy's Norwegian rules
on real text: a sentence-final period glued to a number or abbreviation («i 2006.», «jf. kap.»)
is read as an ordinal/abbreviation and the sentence end is lost. It must run first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import EditTreeLemmatizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from spacy.util import registry

FINAL_PERIOD = "klarsprak_final_period"
_ORDINAL = re.compile(r"^\d+\.$")
# Written out in full so the tokenizer keeps them whole (seen split in UD text).
ABBREVIATIONS = ("kap.", "anm.", "m.a.", "str.", "journ.", "jf.", "bl.a.", "ca.", "pkt.", "nr.", "evt.")


@Language.component(FINAL_PERIOD)
def split_final_period(doc: Doc) -> Doc:
    """Split «2006.» into «2006» + «.» at the end of the text or before a capitalised word."""
    splits = []
    for i, token in enumerate(doc):
        text = token.text
        if len(text) < 2 or not text.endswith(".") or text.count(".") > 1 and not _ORDINAL.match(text):
            continue
        last = i == len(doc) - 1 or all(t.is_punct and t.text in "»\")" for t in doc[i + 1 :])
        before_capital = (
            i + 1 < len(doc) and _ORDINAL.match(text) is not None and doc[i + 1].text[:1].isupper()
        )
        if last or before_capital:
            splits.append(token)
    if splits:
        # A sentence splitter that ran before leaves the new «.» unset, and a two-token doc («A.»,
        # «2006.» alone in a table cell) then has no sentence boundaries at all: spaCy raises on
        # ``doc.sents``. The period continues its word's sentence.
        annotated = any(token.is_sent_start is not None for token in doc)
        periods = {token.idx + len(token.text) - 1 for token in splits}
        with doc.retokenize() as retokenizer:
            for token in splits:
                retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])
        if annotated:
            for token in doc:
                if token.idx in periods:
                    token.is_sent_start = False
    return doc


def add_abbreviations(nlp: Language) -> None:
    """Tokenizer special cases for abbreviations that end in a period."""
    for abbr in ABBREVIATIONS:
        for form in {abbr, abbr.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


AUX_OR_VERB = "klarsprak_aux_or_verb"
# UD_Norwegian: these are AUX only when they govern a verb form (perfect participle after «ha»,
# passive participle after «bli/verte», infinitive after modals and «få»); otherwise VERB.
_TAKES_PARTICIPLE = frozenset({"ha", "bli", "verte"})
_MODALS = frozenset({"kunne", "skulle", "ville", "vilje", "måtte", "burde"})
_AUX_LEMMAS = _TAKES_PARTICIPLE | _MODALS | {"få"}
_QUOTES = frozenset({"«", "»", '"', "'"})
_CLAUSE_END_POS = frozenset({"PUNCT", "SCONJ", "CCONJ", "SYM", "X"})
_CLAUSE_END_WORDS = frozenset({"som", "at", "å"})  # relative/complement clause, infinitive phrase


@Language.component(AUX_OR_VERB)
def aux_or_verb(doc: Doc) -> Doc:
    """Re-decide AUX vs VERB for «ha», «bli/verte», «få» and modals from the rest of the clause.

    Why: without a parser the tagger sees only a few words either side, so «Eg har ein bil» often
    gets AUX. The rule: a matching verb form later in the clause → AUX; no verb or predicative
    adjective at all in the clause → VERB; anything unclear keeps the model's choice.
    """
    for token in doc:
        decision = _aux_decision(token)
        if decision is not None and decision != token.pos_:
            token.pos_ = decision
    return doc


def _aux_decision(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"AUX", "VERB"} or lemma not in _AUX_LEMMAS:
        return None
    wanted = {"Part"} if lemma in _TAKES_PARTICIPLE else {"Inf", "Part"}
    unsure = False
    for word in _rest_of_clause(token):
        forms = set(word.morph.get("VerbForm"))
        if "Part" in forms and ("<pres-part>" in word.tag_ or word.pos_ == "ADJ" and _attributive(word)):
            forms.discard("Part")  # «blir ståande», «har ein avtalt møtetid»: not a verb complement
        if forms & wanted and (word.pos_ in {"VERB", "AUX"} or "Part" in forms):
            # «få» + participle («fekk utbetalt», «fekk snudd») is split in UD: leave it to the model.
            return None if lemma == "få" and "Part" in forms else "AUX"
        if word.pos_ in {"VERB", "AUX"} or word.pos_ == "ADJ" and not _attributive(word):
            unsure = True  # perhaps a mistagged complement
    return None if unsure else "VERB"


def _rest_of_clause(token: Token):
    """Words after ``token`` up to the end of its clause (punctuation, conjunction, som/at/å, finite verb)."""
    for word in token.doc[token.i + 1 :]:
        if word.text in _QUOTES:
            continue
        if word.pos_ in _CLAUSE_END_POS or word.lower_ in _CLAUSE_END_WORDS:
            return
        yield word
        if word.pos_ in {"VERB", "AUX"} and "Fin" in word.morph.get("VerbForm"):
            return


def _attributive(word: Token) -> bool:
    """An adjective or participle before its noun («ferskt brød», «tilpassa opplæring»)."""
    for following in word.doc[word.i + 1 :]:
        if following.pos_ not in {"ADV", "ADJ"}:
            return following.pos_ in {"NOUN", "PROPN"}
    return False


@registry.callbacks("klarsprak.restore_lemmatizer_labels.v1")
def restore_lemmatizer_labels() -> Callable[[Language], Language]:
    """``[initialize.before_init]`` hook for continued training from a saved pipeline.

    Why: spaCy 3.8's ``EditTreeLemmatizer.from_disk`` does not rebuild ``tree2label``, so a
    sourced lemmatizer maps every gold lemma to label 0 and training wrecks it (lemma 96 % → 55 %).
    """

    def restore(nlp: Language) -> Language:
        for _name, pipe in nlp.components:
            if isinstance(pipe, EditTreeLemmatizer) and not pipe.tree2label:
                pipe.tree2label.update({tree: label for label, tree in enumerate(pipe.labels)})
        return nlp

    return restore


SAVED_TOKENIZER = "klarsprak.SavedTokenizer.v1"


@registry.tokenizers(SAVED_TOKENIZER)
def saved_tokenizer() -> Callable[[Language], object]:
    """An empty tokenizer for loading a saved pipeline: ``from_disk`` then reads every rule
    (prefixes, suffixes, infixes, URL and token matches, special cases) from the saved file.

    spaCy's own factory first builds the language's default tokenizer, compiling its patterns
    and adding its 700-odd special cases, only for ``from_disk`` to replace them all: a tenth of
    a second at every cold start. ``tests/test_fast_load.py`` checks both give the same tokenizer.
    """
    def create(nlp: Language) -> object:
        return CustomizedTokenizer(nlp.vocab)

    return create


class CustomizedTokenizer(Tokenizer):
    """The saved tokenizer with klarsprak's special cases and suffixes put into the data as it is
    read, so its patterns are compiled and its special cases loaded once, not twice (the
    suffix setter alone reloads every special case)."""

    def from_bytes(self, bytes_data: bytes, *, exclude: tuple = tuple()) -> "CustomizedTokenizer":
        import srsly

        from klarsprak.language.tokenizer import special_cases, with_number_suffixes

        data = srsly.msgpack_loads(bytes_data)
        if isinstance(data.get("suffix_search"), str):
            data["suffix_search"] = with_number_suffixes(data["suffix_search"])
        if isinstance(data.get("exceptions"), dict):
            data["exceptions"] = {**data["exceptions"], **special_cases()}
        super().from_bytes(srsly.msgpack_dumps(data), exclude=exclude)
        self.klarsprak_customized = "suffix_search" not in exclude and "exceptions" not in exclude
        return self


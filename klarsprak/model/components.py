"""Pipeline pieces the shipped models need beyond spaCy's own (registered on import).

``klarsprak_final_period`` fixes the one systematic tokenizer error of spaCy's Norwegian rules
on real text: a sentence-final period glued to a number or abbreviation («i 2006.», «jf. kap.»)
is read as an ordinal/abbreviation and the sentence end is lost. It must run first.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

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
        with doc.retokenize() as retokenizer:
            for token in splits:
                retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])
    return doc


def add_abbreviations(nlp: Language) -> None:
    """Tokenizer special cases for abbreviations that end in a period."""
    for abbr in ABBREVIATIONS:
        for form in {abbr, abbr.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])

"""``fagord``: words the reader may not know — long, rare words and opaque compounds.

A word is flagged when all of these hold (research notes §1; Språkrådet: «forklar fagord»):
- the model tags it as a noun or adjective (not a name), it is written in lower case (or opens the
  sentence), has only letters, and is at least ``min_length`` letters long;
- neither the word nor its lemma is common: Zipf frequency below ``min_zipf`` in the table built
  from wordfreq and NDT (``data/fagord-frekvens.tsv``; 1.5 ≈ 3 times per 100 million words);
- it is not a compound of common words (two or three parts, each at least ``part_zipf``, or a known
  health word such as «korona»): «blodtrykksmåling» is «blodtrykk» + «måling» and reads easily,
  «egenandelstak» is not, as «egenandel» is itself rare (and is not split further into «egen|andel»);
- in a nynorsk post: it is not a nynorsk dictionary word (Norsk ordbank – nynorsk 2012, lemmas of
  10+ letters the frequencies miss, ``data/fagord-nynorsk.txt``: «etterspurnad», «fagforeining»);
- it is not on the rule's allow list (health words a general reader knows: «fastlege», «legevakt»),
  nor in the project's ``words`` list;
- the post does not explain it: «(», «:» or «–» right after the word, or «det vil si», «dvs.»,
  «som betyr», «altså», «det vil seie», «som tyder» within the next few words.

Each word is reported once per post, at its first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._felles import prose_segments
from klarsprak.checks.builtins.registry import register
from klarsprak.language.analysis import doc_has, doc_tokens

_TABLE = Path(__file__).resolve().parent / "data" / "fagord-frekvens.tsv"
_NYNORSK = Path(__file__).resolve().parent / "data" / "fagord-nynorsk.txt"
_LINKS = ("", "s", "e")  # compound joints: «blodtrykk|s|måling», «barn|e|hage»
MIN_PART = 3  # letters in each compound part
_ROW = re.compile(r"^([^#\t\n][^\t\n]*)\t([^\t\n]*)$", re.MULTILINE)  # «word<TAB>zipf», not comments


@cache
def frequencies() -> dict[str, float]:
    """Word → Zipf frequency (see tools/fagord_build.py for what is in the table)."""
    pairs = _ROW.findall(_TABLE.read_text(encoding="utf-8"))  # one C pass: read on every cold start
    return {word: float(value) for word, value in pairs}


@cache
def nynorsk_words() -> frozenset[str]:
    """Long nynorsk dictionary lemmas (Norsk ordbank) the mostly-bokmål frequencies miss."""
    return frozenset(line for line in _NYNORSK.read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("#"))


def split_known(word: str, table: Mapping[str, float], part_zipf: float = 3.5, parts: int = 2,
                standard: str = "nb", known: frozenset[str] = frozenset()) -> tuple[str, ...] | None:
    """Common parts (at most ``parts``) the word is made of («blodtrykk», «måling»), or None.

    A part's frequency is its own or, in nynorsk, that of its bokmål twin («eigenandel» → «egenandel»).
    """
    def zipf(part: str) -> float:
        if part in known:
            return 9.0  # a part every reader of health posts knows («korona», «smittevern»)
        return max(table.get(form, 0.0) for form in variants(part, standard))

    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        if zipf(head) < part_zipf:
            continue
        for link in _LINKS:
            if not word.startswith(link, cut):
                continue
            tail = word[cut + len(link):]
            if len(tail) < MIN_PART:
                continue
            if zipf(tail) >= part_zipf:
                return head, tail
            rest = split_known(tail, table, part_zipf, parts - 1, standard, known) if parts > 2 else None
            if rest is not None and not 0.0 < zipf(head + link + rest[0]) < part_zipf:
                return head, *rest  # but «egen|andel|s|tak» is «egenandel» (rare) + «tak»
    return None


# Nynorsk endings → bokmål, so a nynorsk form finds the bokmål frequency of the same word
# («fascinerande» → «fascinerende», «forpliktingar» → «forpliktinger»); the table is mostly bokmål.
_NN_ENDINGS = (("ande", "ende"), ("ingane", "ingene"), ("ingar", "inger"), ("arane", "erne"),
               ("arar", "ere"), ("aren", "eren"), ("ane", "ene"), ("ar", "er"), ("heita", "heten"),
               ("heit", "het"), ("leg", "lig"), ("lege", "lige"), ("inga", "ingen"), ("a", "en"))
_NN_PARTS = (("sjølv", "selv"), ("marknad", "marked"), ("rørsle", "bevegelse"), ("eige", "ege"),
             ("rettleiing", "veiledning"), ("teneste", "tjeneste"), ("sjuk", "syk"), ("heim", "hjem"),
             ("verksemd", "virksomhet"), ("forsking", "forskning"), ("løysing", "løsning"),
             ("tilbod", "tilbud"), ("opplysing", "opplysning"), ("oppleving", "opplevelse"),
             ("undersøking", "undersøkelse"), ("tilvising", "henvisning"), ("kjøt", "kjøtt"))


_INFLECTIONS = ("ane", "ene", "ar", "er", "en", "et", "a", "e")


def _stems(word: str) -> list[str]:
    """The word and the word without an inflection ending, for the lemma list («etterspurnaden»)."""
    return [word] + [word[: -len(end)] for end in _INFLECTIONS if word.endswith(end) and len(word) > len(end) + 6]


def _base_forms(word: str) -> list[str]:
    """Where the lemmatizer leaves an inflected form («Publikasjonens» at a sentence start), its likely
    base: without the genitive «s», a definite or plural ending, or the participle's «-ede» → «-et»."""
    forms = []
    bare = word[:-1] if word.endswith("s") and len(word) > 8 else word
    if bare != word:
        forms.append(bare)
    for end, base in (("ede", "et"), ("ene", ""), ("ens", ""), ("en", ""), ("et", ""), ("er", "")):
        if bare.endswith(end) and len(bare) > len(end) + 6:
            forms.append(bare[: -len(end)] + base)
    return forms


def variants(word: str, standard: str) -> list[str]:
    """The word, and for nynorsk its bokmål-looking twins (endings and a few stems)."""
    found = [word]
    if standard != "nn":
        return found
    for nn, nb in _NN_PARTS:
        if nn in word:
            found.append(word.replace(nn, nb))
    for nn, nb in _NN_ENDINGS:
        for base in list(found):
            if base.endswith(nn) and len(base) > len(nn) + 3:
                found.append(base[: -len(nn)] + nb)
                break
    return found


class FagordOptions(Options):
    min_length: int = 13  # letters («egenandelstak», «takstgrunnlag»)
    min_zipf: float = 1.5  # a word at least this common is known
    part_zipf: float = 3.3  # compound parts at least this common make the compound readable
    parts: int = 3  # at most this many parts («bass|gitar|spilling»)
    pos: list[str] = ["NOUN", "ADJ"]
    allow: list[str] = []  # words (lemmas or forms, both standards) every reader knows
    known_parts: list[str] = []  # compound parts every reader knows, also when rare in general text
    explained_by: list[str] = []  # phrases after the word that explain it («det vil si»)
    window: int = 4  # words after the term in which an explanation may start


@register("fagord")
class Fagord(Check):
    level = "document"
    Options = FagordOptions

    def __init__(self, rule: Any, options: FagordOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        self.allow = frozenset(word.lower() for word in options.allow)
        self.known_parts = frozenset(word.lower() for word in options.known_parts) | self.allow
        self.explanations = [tuple(phrase.lower().split()) for phrase in options.explained_by]

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        seen: set[str] = set()
        minimum = self.options.min_length  # most tokens are short: skip them before any lookup
        for item in prose_segments(analysis, self.rule):
            doc = item.doc
            if not (doc_has(doc, "POS") and doc_has(doc, "LEMMA")):
                continue
            for token in doc_tokens(doc):
                if len(token.text) < minimum or not self._candidate(token, ctx):
                    continue
                keys = {token.lower_, token.lemma_.lower()}
                if keys & seen:
                    continue
                seen |= keys
                if self._hard(token, ctx.malform or "nb") and not self._explained(token):
                    start = item.segment.start + token.idx
                    yield Finding(start, start + len(token.text), params={"match": token.text},
                                  fixable=False)

    def _candidate(self, token: Any, ctx: CheckContext) -> bool:
        options: FagordOptions = self.options  # type: ignore[assignment]
        text = token.text
        pos = token.pos_
        if pos == "PROPN" and token.is_sent_start and token.lemma_.islower():
            pos = "NOUN"  # «Egenandelstaket er …»: the capital is the sentence's, not a name's
        if pos not in options.pos or len(text) < options.min_length or not text.isalpha():
            return False
        if text[:1].isupper() and not token.is_sent_start:
            return False  # a name or a title
        if text.isupper():
            return False  # an abbreviation or shouting: other rules
        words = {token.lower_, token.lemma_.lower()}
        return not (words & self.allow or any(ctx.config.is_accepted_word(word) for word in words))

    def _hard(self, token: Any, standard: str) -> bool:
        options: FagordOptions = self.options  # type: ignore[assignment]
        table = frequencies()
        own = list(dict.fromkeys([token.lower_, token.lemma_.lower(), *_base_forms(token.lower_)]))
        if standard == "nn" and any(stem in nynorsk_words() for word in own for stem in _stems(word)):
            return False  # an ordinary nynorsk word the bokmål frequencies do not know
        words = [v for word in own for v in variants(word, standard)]
        if any(table.get(word, 0.0) >= options.min_zipf for word in words):
            return False
        return not any(split_known(word, table, options.part_zipf, options.parts, standard, self.known_parts)
                       for word in own if word.isalpha())

    def _explained(self, token: Any) -> bool:
        """«egenandelstak (det høyeste beløpet du betaler)», «…, det vil si …», «… som betyr …»."""
        doc = token.doc
        after = [t for t in doc[token.i + 1 : token.i + 1 + self.options.window + 3] if not t.is_space]
        if after and after[0].text in ("(", ":", "–", "—"):
            return True
        lowers = [t.lower_.rstrip(".") for t in after if t.text not in (",",)]
        for phrase in self.explanations:
            for start in range(min(len(lowers), self.options.window)):
                if tuple(lowers[start : start + len(phrase)]) == phrase:
                    return True
        return False

"""``tiltale``: impersonal address where the post should speak to the reader as «du».

Lexical, and deliberately narrow until the language model can tell pronoun from article:
- «man» (bokmål; also a bokmål form in a nynorsk post);
- the pronoun «en»/«ein» only where it cannot be the article or the numeral: at the start of a
  clause, and then with the language model tagged as a pronoun and followed by a verb («Når en
  er syk …», «at ein tek vaksinen»; a modal only with a verb after it), without it followed by a
  modal verb and then a verb («En må huske …», «… når ein skal søkje»);
- the reader in third person: «brukeren/pasienten/innbyggeren/søkeren» (nn «brukaren,
  innbyggjaren, søkjaren …») as the subject of a modal («Pasienten kan be om …», «kan brukeren»)
  or with «har rett til»;
- the old formal «De/Dem/Deres» (nn «De/Dykk/Dykkar») in the middle of a sentence, where
  capitalisation shows it is the polite form and not «de» (they).
Nothing inside quotation marks counts: a post may quote a reader («Man får ikke time»).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins.registry import register
from klarsprak.checks.substitution import match_case, quoted_spans
from klarsprak.language.analysis import doc_has, doc_tokens

MODALS = frozenset({
    "kan", "må", "bør", "skal", "vil", "får", "kunne", "måtte", "burde", "skulle", "ville",
    # nynorsk
    "lyt", "vert", "kjem",
})
ADVERBS = frozenset({"ikke", "ikkje", "også", "òg", "gjerne", "alltid", "aldri", "selv", "sjølv", "da", "då",
                     "derfor", "difor", "likevel", "jo", "nok", "bare", "berre", "fort", "heller"})
# After a modal these show the numeral «one (person)» with a verb of motion left out
# («En må til sykehus»), or hearsay («En skal ha blitt skadd»): not the pronoun.
NOT_VERBS = frozenset({
    "til", "på", "i", "av", "ut", "inn", "hjem", "heim", "opp", "ned", "med", "fra", "frå", "for",
    "om", "over", "under", "bort", "vekk", "tilbake", "videre", "vidare", "dit", "hit", "ha", "være",
    "vere", "vera", "ein", "en", "et", "eit", "den", "det", "de", "dei", "noe", "noko",
})
CLAUSE_OPENERS = frozenset({
    "at", "om", "hvis", "viss", "når", "som", "så", "dersom", "fordi", "før", "mens", "medan", "der",
    "hvor", "kor", "enn", "slik", "og", "men", "eller", "da", "då", "hvordan", "korleis", "hva", "kva",
})
CLAUSE_PUNCT = frozenset({",", ":", ";", "–", "—", "-", "«", "(", '"', "“", "»"})
READER_NOUNS = {
    "brukeren": "du", "pasienten": "du", "innbyggeren": "du", "søkeren": "du",
    "brukaren": "du", "innbyggjaren": "du", "innbyggaren": "du", "søkjaren": "du", "søkaren": "du",
}
RIGHTS = frozenset({"rett", "krav", "plikt", "ansvar"})
FORMAL = {"De": ("du", "dere"), "Dem": ("deg", "dere"), "Deres": ("din", "ditt", "dine"),
          "Dykk": ("deg", "dykk"), "Dykkar": ("din", "ditt", "dine")}
FORMAL_NN = {"De": ("du", "de"), "Dem": ("deg",), "Deres": ("din", "ditt", "dine"),
             "Dykk": ("deg",), "Dykkar": ("din", "ditt", "dine")}
FORMAL_NAMES = frozenset({"forente", "facto", "profundis"})

ADVICE = {
    "man": {"nb": "«{match}» er upersonlig og gjør det uklart hvem du mener. Skriv «du» om leseren, «vi» om dere selv, eller si hvem det gjelder.",
            "nn": "«{match}» er upersonleg (og bokmål) og gjer det uklart kven du meiner. Skriv «du» om lesaren, «vi» om dykk sjølve, eller sei kven det gjeld."},
    "en": {"nb": "«{match}» er upersonlig og gjør det uklart hvem du mener. Skriv «du» om leseren, «vi» om dere selv, eller si hvem det gjelder.",
           "nn": "«{match}» er upersonleg og gjer det uklart kven du meiner. Skriv «du» om lesaren, «vi» om dykk sjølve, eller sei kven det gjeld."},
    "reader": {"nb": "«{match}» omtaler leseren i tredje person. Snakk direkte til leseren: skriv «du».",
               "nn": "«{match}» omtalar lesaren i tredje person. Snakk direkte til lesaren: skriv «du»."},
    "formal": {"nb": "«{match}» er en gammeldags høflighetsform som skaper avstand. Skriv {suggestion}.",
               "nn": "«{match}» er ei gammaldags høflegheitsform som skaper avstand. Skriv {suggestion}."},
}


class TiltaleOptions(Options):
    man: bool = True
    pronoun_en: bool = True
    reader_nouns: list[str] = sorted(READER_NOUNS)
    formal: bool = True


@register("tiltale")
class Tiltale(Check):
    level = "segment"
    Options = TiltaleOptions

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        malform = ctx.malform if ctx.malform in ("nb", "nn") else "nb"
        tokens = [token for token in doc_tokens(item.doc) if not token.is_space]
        options: TiltaleOptions = self.options  # type: ignore[assignment]
        quoted = quoted_spans(item.segment.text)
        parsed = bool(tokens) and doc_has(item.doc, "POS")  # the model tells pronoun from article
        for index, token in enumerate(tokens):
            if any(start <= token.idx < end for start, end in quoted):
                continue  # someone else's words («Man får ikke time», skrev en bruker)
            kind = self._kind(tokens, index, options, parsed)
            if kind is not None:
                yield self._finding(kind, token, malform)

    def _kind(self, tokens: list[Any], index: int, options: TiltaleOptions, parsed: bool = False) -> str | None:
        token = tokens[index]
        text, lower = token.text, token.lower_
        if options.man and lower == "man" and (text == "man" or _clause_start(tokens, index)) and _man_is_pronoun(tokens, index):
            return "man"
        if options.pronoun_en and lower in ("en", "ein") and text in ("en", "ein", "En", "Ein"):
            if _pronoun_en_parsed(tokens, index) if parsed else _pronoun_en(tokens, index):
                return "en"
        if lower in READER_NOUNS and lower in options.reader_nouns and _reader_subject(tokens, index):
            return "reader"
        if options.formal and text in FORMAL and _formal_mid_sentence(tokens, index):
            return "formal"
        return None

    @staticmethod
    def _finding(kind: str, token: Any, malform: str) -> Finding:
        text = token.text
        if kind == "formal":
            options = (FORMAL_NN if malform == "nn" else FORMAL)[text]
        elif kind == "man":
            options = ("du", "vi")
        else:
            options = ("du",)
        options = tuple(match_case(word, text) if kind != "formal" else word for word in options)
        suggestion = " eller ".join(f"«{word}»" for word in options)
        advice = ADVICE[kind][malform].format(match=text, suggestion=suggestion)
        return Finding(token.idx, token.idx + len(text),
                       params={"match": text, "advice": advice, "suggestion": suggestion, "kind": kind},
                       suggestions=options, safe=False, fixable=True)


def _prev(tokens: list[Any], index: int) -> Any | None:
    return tokens[index - 1] if index > 0 else None


def _clause_start(tokens: list[Any], index: int) -> bool:
    """First word of a sentence, or after a comma, dash, quote or a subordinating word."""
    token = tokens[index]
    previous = _prev(tokens, index)
    if previous is None or token.is_sent_start:
        return True
    return previous.text in CLAUSE_PUNCT or previous.lower_ in CLAUSE_OPENERS


def _man_is_pronoun(tokens: list[Any], index: int) -> bool:
    """Not the noun «man» (mane) after an article or possessive, and not English («Iron Man»)."""
    previous = _prev(tokens, index)
    if previous is not None and previous.lower_ in ("en", "ein", "hans", "hennes", "sin", "hestens", "the", "a"):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is not None and following.text[:1].islower() and following.is_alpha


def _pronoun_en(tokens: list[Any], index: int) -> bool:
    """«en/ein» + modal + verb at the start of a clause: «En kan søke …», «… når ein må vente»."""
    if not _clause_start(tokens, index) or index + 2 >= len(tokens):
        return False
    modal, following = tokens[index + 1], tokens[index + 2]
    if modal.lower_ not in MODALS or not modal.text.islower():
        return False
    position = index + 2
    while following.lower_ in ADVERBS and position + 1 < len(tokens):
        position += 1
        following = tokens[position]
    return following.is_alpha and following.text.islower() and following.lower_ not in NOT_VERBS


# Before these «en/ein» counts («bare en kan få time», «mer enn en»): the numeral, not the pronoun.
NUMERAL_BEFORE = frozenset({"bare", "berre", "kun", "enn", "minst", "høyst", "høgst", "nøyaktig", "akkurat"})


def _pronoun_en_parsed(tokens: list[Any], index: int) -> bool:
    """With the model: at the start of a clause, tagged PRON (not DET, the article/numeral) and
    the subject of a verb. A modal («en må …») needs a verb after it, so «En må til sykehus» (one
    person) stays clean; two verbs in a row mean the first is a noun («En bruker skrev»).
    """
    if tokens[index].pos_ != "PRON" or not _clause_start(tokens, index):
        return False
    previous = _prev(tokens, index)
    if previous is not None and previous.lower_ in NUMERAL_BEFORE:
        return False
    position = index + 1
    while position < len(tokens) and tokens[position].lower_ in ADVERBS:
        position += 1
    if position >= len(tokens):
        return False
    following = tokens[position]
    if following.pos_ not in ("VERB", "AUX"):
        return False
    if following.lower_ not in MODALS:  # «en er», «en har», «ein tek»; not «En bruker skrev»
        after = tokens[position + 1] if position + 1 < len(tokens) else None
        return not (following.pos_ == "VERB" and after is not None and after.pos_ in ("VERB", "AUX")
                    and "Fin" in after.morph.get("VerbForm"))
    position += 1  # a modal, main verb or not («Ein må til legevakta»): a verb must follow
    while position < len(tokens) and tokens[position].lower_ in ADVERBS:
        position += 1
    return position < len(tokens) and tokens[position].pos_ in ("VERB", "AUX") and tokens[position].lower_ not in NOT_VERBS


def _reader_subject(tokens: list[Any], index: int) -> bool:
    """«Pasienten kan …», «Brukeren har rett til …», or inverted «Hva kan pasienten gjøre?»."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None:
        return False
    if following.lower_ in MODALS and following.lower_ not in ("vert", "kjem"):
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        return after is not None and after.is_alpha and after.text.islower() and after.lower_ not in NOT_VERBS
    if following.lower_ == "har" and index + 2 < len(tokens) and tokens[index + 2].lower_ in RIGHTS:
        return True
    previous = _prev(tokens, index)
    return (previous is not None and previous.lower_ in MODALS and previous.lower_ not in ("vert", "kjem")
            and index >= 2 and tokens[index - 2].lower_ in ("hva", "kva", "hvordan", "korleis", "når", "hvor", "kor")
            and following.is_alpha and following.text.islower())


def _formal_mid_sentence(tokens: list[Any], index: int) -> bool:
    """Capitalised «De/Dem/Deres» after a lower-case word and before a lower-case word or punctuation."""
    token = tokens[index]
    if token.is_sent_start:
        return False
    previous = _prev(tokens, index)
    if previous is None or not (previous.text == "," or (previous.is_alpha and previous.text.islower())):
        return False
    if previous.text == "," and (index < 2 or not (tokens[index - 2].is_alpha and tokens[index - 2].text.islower())):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None:
        return True
    if following.lower_ in FORMAL_NAMES:
        return False
    return following.is_punct or (following.is_alpha and following.text.islower())


"""Norwegian tokenizer special cases and sentence splitting for social-media posts.

spaCy's ``nb`` defaults know many bokmål abbreviations but few nynorsk ones («t.d.», «m.a.»),
glue the full stop to times («10.30.») and treat some ordinary words as abbreviations
(«eg.», «no.», «sms.», «min.»), which hides sentence ends. The statistical sentence splitters
trained on news text also stumble over what posts are made of: emoji, hashtags, lines without
full stops. This module fixes both with rules a writer can predict.

Public API:
- ``customize_tokenizer(nlp)``: add the special cases (idempotent; keeps a model's own rules).
- ``klarsprak_sentencizer``: a registered pipeline component setting ``is_sent_start``.
- ``klarsprak_emoji``: a registered component merging emoji sequences (👍🏽, ❤️, 👨‍👩‍👧, 🇳🇴)
  into one token each, so rules count what a reader sees.
- ``sentence_starts(doc)`` (pure, one bool per token) and ``sentence_spans(doc)`` (char offsets).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

# --- abbreviations ---------------------------------------------------------------------------

# Abbreviations that rarely end a sentence: a capital letter after them does not start one
# («f.eks. Helsenorge», «jf. Pasientrettighetsloven», «kl. 10», «nr. 3»).
ABBREVIATIONS_INNER = (
    # both standards
    "bl.a.", "f.eks.", "ca.", "kl.", "nr.", "jf.", "jfr.", "iht.", "i.h.t.", "dvs.", "d.v.s.",
    "pga.", "p.g.a.", "evt.", "ev.", "inkl.", "ekskl.", "tlf.", "nb.", "ref.", "hhv.", "mht.",
    "m.h.t.", "vha.", "v.h.a.", "adr.", "ang.", "avd.", "ift.", "i.f.t.", "iflg.", "mtp.",
    "m.t.p.", "vedr.", "vedk.", "tilsv.", "forts.", "f.o.m.", "t.o.m.", "fr.o.m.", "prof.",
    "dr.", "kap.", "pkt.", "s.", "eks.", "sml.", "bm.", "nn.", "istf.", "ifm.", "ifb.", "pr.",
    "resp.", "vs.", "d.d.", "p.t.",
    # nynorsk
    "t.d.", "m.a.", "m.o.t.", "høvesv.",
)

# Abbreviations that often end a sentence («… vaksiner, sprøyter osv. Neste uke …», «Det koster
# 200 kr. Du betaler …»): a capital letter after them starts a new sentence.
ABBREVIATIONS_FINAL = (
    "osv.", "o.s.v.", "osb.", "o.s.b.", "mv.", "m.v.", "m.m.", "mm.", "m.fl.", "mfl.", "o.fl.",
    "o.a.", "o.l.", "e.l.", "etc.", "kr.", "mill.", "mrd.", "mnd.", "stk.", "pst.", "mva.",
    "f.Kr.", "e.Kr.", "jan.", "feb.", "mar.", "apr.", "jun.", "aug.", "sep.", "sept.", "okt.",
    "nov.", "des.", "årh.", "moh.", "Ap.", "Frp.", "Sp.", "Krf.", "KrF.", "Kr.F.",
)

# Ordinary words that spaCy's defaults keep glued to a full stop; a sentence ending in them
# («Det veit eg.», «Det er klart no.», «Du får svar på sms.») must end at the full stop.
WORDS_NOT_ABBREVIATIONS = (
    "eg.", "no.", "to.", "ti.", "i.", "min.", "sen.", "et.", "lat.", "sms.", "jul.", "Jul.",
    "Eg.", "No.", "To.", "Ti.", "Min.", "Sms.",
)

# Times and decimals: «kl. 10.30.» ends with a full stop, not an ordinal.
_NUMBER_FULL_STOP_SUFFIXES = (
    r"(?<=[0-9][.,:][0-9])\.",
    r"(?<=[0-9][.,:][0-9][0-9])\.",
    r"(?<=[0-9][.:][0-9][0-9][.][0-9][0-9])\.",
    r"(?<=[0-9][.][0-9][0-9][.][0-9][0-9][0-9][0-9])\.",
)


def _variants(abbreviation: str) -> Iterable[str]:
    yield abbreviation
    if abbreviation[:1].islower():
        yield abbreviation[0].upper() + abbreviation[1:]


def customize_tokenizer(nlp: Language) -> Language:
    """Add Norwegian (bokmål and nynorsk) special cases to ``nlp.tokenizer``; returns ``nlp``.

    A shipped model's tokenizer has them already (put in while its file is read, see
    ``klarsprak.language.model.components``): nothing is compiled or added twice.
    """
    tokenizer = nlp.tokenizer
    if getattr(tokenizer, "klarsprak_customized", False):
        return nlp
    for form, pieces in special_cases().items():
        tokenizer.add_special_case(form, pieces)
    _add_suffixes(tokenizer)
    return nlp


def special_cases() -> dict[str, list[dict[int, str]]]:
    """klarsprak's tokenizer special cases: abbreviations kept whole, words split from their stop."""
    cases: dict[str, list[dict[int, str]]] = {}
    for abbreviation in ABBREVIATIONS_INNER + ABBREVIATIONS_FINAL:
        for form in _variants(abbreviation):
            cases[form] = [{ORTH: form}]
    for word in WORDS_NOT_ABBREVIATIONS:
        cases[word] = [{ORTH: word[:-1]}, {ORTH: "."}]
    return cases


def with_number_suffixes(pattern: str | None) -> str:
    """A suffix pattern with the time/decimal full-stop suffixes in front (once)."""
    ours = "|".join(f"{suffix}$" for suffix in _NUMBER_FULL_STOP_SUFFIXES)
    if pattern and ours in pattern:
        return pattern
    return ours if not pattern else f"{ours}|{pattern}"


def _add_suffixes(tokenizer: object) -> None:
    """Put the time/decimal full-stop suffixes in front of whatever suffix rules exist."""
    current = getattr(tokenizer, "suffix_search", None)
    pattern = getattr(getattr(current, "__self__", None), "pattern", None)
    combined = with_number_suffixes(pattern if isinstance(pattern, str) else None)
    if combined != pattern:
        tokenizer.suffix_search = re.compile(combined).search  # type: ignore[attr-defined]


# --- character classes -------------------------------------------------------------------------

_TERMINAL_RE = re.compile(r"[.!?…‼⁉]+\Z")
_ELLIPSIS_RE = re.compile(r"(?:\.{2,}|…)[.…]*\Z")
_ORDINAL_RE = re.compile(r"[0-9][0-9.,:]*\.\Z")
_CLOSERS = frozenset("»”’)]}›")
_OPENERS = frozenset("«“‘([{‹„")
_AMBIGUOUS_QUOTES = frozenset("\"'")
_QUOTE_OPENERS = frozenset("«“")
_QUOTE_CLOSERS = frozenset("»”")
_BULLETS = frozenset("-–—•·▪▫◦‣*→➔►✓✔☐☑")
_POINTING_EMOJI = frozenset("👉👇👆👈➡⬇⬆⬅↘↙↗↖🔗📎")
_EMOTICONS = frozenset(":) :-) :( :-( :D :-D ;) ;-) :P :-P :p :-p :O :o <3 :') XD".split())
_EMOJI_MODIFIERS = frozenset("\u200d\ufe0f\ufe0e\u20e3") | frozenset(
    chr(code) for code in range(0x1F3FB, 0x1F400)
)

_FINAL_ABBREVIATIONS = frozenset(
    form.lower() for abbreviation in ABBREVIATIONS_FINAL for form in _variants(abbreviation)
)

# Words after which a line break does not end a sentence: conjunctions, prepositions,
# determiners, auxiliaries (bokmål and nynorsk). «Bestill time på\nHelsenorge» is one sentence.
_CONTINUATION_WORDS = frozenset(
    """
    og eller men samt som at om i på til for med av fra frå hos ved mot etter under over uten
    utan gjennom mellom blant innen innan langs rundt kring mens medan fordi hvis viss dersom
    når der da då så enn å en ei et ein eit den det de dei denne dette disse desse din ditt dine
    sin sitt sine vår vårt våre hans hennes hennar deres dykkar mitt mine hvor kor hva kva hvem
    kven hvilken hvilke kva enten verken både ikke ikkje er var har hadde blir ble vert vart kan
    skal vil må bør kunne skulle ville måtte burde får fikk
    """.split()
)
_CONTINUATION_PUNCT = frozenset(",;-–—&+/(«“‘[{‹„=")


def is_emoji(text: str) -> bool:
    """True for a token made only of pictographs and their modifiers (👍🏽, ❤️, 🇳🇴)."""
    seen = False
    for char in text:
        if char in _EMOJI_MODIFIERS:
            continue
        code = ord(char)
        if (
            0x1F000 <= code <= 0x1FAFF
            or 0x2600 <= code <= 0x27BF
            or 0x2B00 <= code <= 0x2BFF
            or 0x2300 <= code <= 0x23FF
            or 0x2190 <= code <= 0x21FF
            or (code >= 0x2000 and unicodedata.category(char) == "So")  # not ©, ®, °
        ):
            seen = True
            continue
        return False
    return seen


def _is_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


# --- sentence boundaries ---------------------------------------------------------------------


class _Tokens:
    """Plain views of a Doc's tokens, so the rules below read like the prose they describe."""

    def __init__(self, doc: Doc) -> None:
        self.text = [token.text for token in doc]
        self.ws = [token.whitespace_ for token in doc]
        self.space = [token.is_space for token in doc]
        self.n = len(self.text)

    def next_solid(self, index: int) -> int | None:
        while index < self.n:
            if not self.space[index]:
                return index
            index += 1
        return None

    def prev_solid(self, index: int) -> int | None:
        while index >= 0:
            if not self.space[index]:
                return index
            index -= 1
        return None

    def newline_before(self, index: int) -> bool:
        """A line break between token ``index`` and the solid token before it."""
        index -= 1
        while index >= 0 and self.space[index]:
            if "\n" in self.text[index]:
                return True
            index -= 1
        return False

    def attached(self, index: int) -> bool:
        """No whitespace between token ``index - 1`` and token ``index``."""
        return index > 0 and not self.ws[index - 1] and not self.space[index - 1]

    def is_closer(self, index: int) -> bool:
        text = self.text[index]
        if text in _CLOSERS or _TERMINAL_RE.match(text):
            return True
        if text in _AMBIGUOUS_QUOTES:
            return self.attached(index)
        return text in _EMOTICONS or is_emoji(text)

    def is_opener(self, index: int) -> bool:
        text = self.text[index]
        return text in _OPENERS or (text in _AMBIGUOUS_QUOTES and not self.attached(index))

    def start_class(self, index: int) -> str:
        """How a candidate sentence start looks: upper, lower, digit, tag, bullet, emoji, punct."""
        text = self.text[index]
        if self.is_opener(index):
            following = self.next_solid(index + 1)
            if following is None or self.is_opener(following):
                return "punct"
            inner = self.start_class(following)
            return "upper" if inner in ("upper", "digit", "tag") else inner
        first = text[0]
        if first.isalpha():
            return "upper" if first.isupper() else "lower"
        if first.isdigit():
            return "digit"
        if first in "#@" and len(text) > 1:
            return "tag"
        if text in _BULLETS:
            return "bullet"
        if is_emoji(text):
            return "emoji"
        return "punct"

    def skip_closers(self, index: int) -> tuple[int, bool, int]:
        """Index after the closing quotes, brackets, emoji and spaces that end a sentence.

        Also returns whether a closing quote was among them and how many line breaks.
        """
        quoted = False
        newlines = 0
        while index < self.n:
            if self.space[index]:
                newlines += self.text[index].count("\n")
            elif self.is_closer(index):
                if newlines:
                    break  # an emoji on the next line starts the next sentence
                text = self.text[index]
                if text in _CLOSERS or text in _AMBIGUOUS_QUOTES:
                    quoted = True
            else:
                break
            index += 1
        return index, quoted, newlines


def sentence_starts(doc: Doc) -> list[bool]:
    """One flag per token: does a sentence start here? Pure: reads only token texts."""
    tokens = _Tokens(doc)
    n = tokens.n
    starts = [False] * n
    if not n:
        return starts
    starts[0] = True
    has_word = False  # the current sentence has a word (so an emoji or a line break can end it)
    quotes = 0  # «…» opened and not yet closed in the current sentence
    for index in range(n):
        if starts[index]:
            has_word = False
            quotes = 0
        text = tokens.text[index]
        if tokens.space[index]:
            if "\n" in text and has_word:
                _line_break(tokens, index, starts)
            continue
        if text in _QUOTE_OPENERS:
            quotes += 1
        elif text in _QUOTE_CLOSERS and quotes:
            quotes -= 1
        target = _boundary_after(tokens, index, has_word, quotes)
        if target is not None:
            starts[target] = True
        if _is_word(text) and not is_emoji(text):
            has_word = True
    return starts


def _boundary_after(tokens: _Tokens, index: int, has_word: bool, quotes: int = 0) -> int | None:
    """If token ``index`` ends a sentence, the index of the token that starts the next one."""
    text = tokens.text[index]
    if _TERMINAL_RE.match(text):
        if index > 0 and tokens.text[index - 1] == "(" and index + 1 < tokens.n and tokens.text[index + 1] == ")":
            return None  # «(!)», «(?)»
        if index > 0 and _TERMINAL_RE.match(tokens.text[index - 1]) and tokens.attached(index):
            return None  # the first of «!!!» decided already
        after, quoted, newlines = tokens.skip_closers(index + 1)
        if after >= tokens.n:
            return None
        kind = tokens.start_class(after)
        if newlines >= 2 and kind != "punct":
            return after
        if kind in ("upper", "tag", "bullet", "emoji"):
            return after
        if kind == "digit":
            return None if _ELLIPSIS_RE.match(text) else after
        if kind == "lower" and "." not in text and "…" not in text and not quoted:
            return after  # «Hei! velkommen» – informal, but two sentences
        return None
    if not has_word:
        return None
    if text == ":":
        return None if quotes else _after_colon(tokens, index)
    lower = text.lower()
    if _ORDINAL_RE.match(text) or lower in _FINAL_ABBREVIATIONS:
        # «til kl. 16. Velkommen!», «sprøyter osv. Neste uke» – but «17. mai», «1. Mosebok» rarely
        after, _, newlines = tokens.skip_closers(index + 1)
        if after < tokens.n and tokens.start_class(after) in ("upper", "tag", "bullet"):
            return after
        return None
    if (text in _EMOTICONS or is_emoji(text)) and not any(char in _POINTING_EMOJI for char in text):
        # «Vi gleder oss 😊 Vi ses», «Hei :) Vi ses» – an emoji used as a full stop
        after, _, _ = tokens.skip_closers(index + 1)
        if after < tokens.n and tokens.start_class(after) in ("upper", "tag"):
            return after
    return None


def _after_colon(tokens: _Tokens, index: int) -> int | None:
    """«Slik gjør du: Logg inn …» – a capitalised word after a colon starts a full sentence.

    Not a quotation («Legen sa: «Kom …»»), an acronym («tre etater: NAV, FHI …») or a colon
    inside a title in quotes («Guitar Hero: World Tour»; the caller checks that).
    """
    after = tokens.next_solid(index + 1)
    if after is None or tokens.newline_before(after):
        return None  # a line break is judged by _line_break
    word = tokens.text[after]
    if word[0].isupper() and word[1:2].islower():
        return after
    return None


def _line_break(tokens: _Tokens, index: int, starts: list[bool]) -> None:
    """A line break ends a sentence before a capital, a digit, a bullet or an emoji …"""
    after = tokens.next_solid(index)
    before = tokens.prev_solid(index)
    if after is None or before is None or starts[after]:
        return
    kind = tokens.start_class(after)
    if kind in ("lower", "punct"):
        return
    if tokens.text[index].count("\n") >= 2:
        starts[after] = True
        return
    previous = tokens.text[before]
    # … unless the line stops mid-phrase: «på\nHelsenorge», «og\nFHI», «kl.\n10».
    if previous in _CONTINUATION_PUNCT or previous.lower() in _CONTINUATION_WORDS:
        return
    if _is_inner_abbreviation(previous):
        return
    starts[after] = True


def _is_inner_abbreviation(text: str) -> bool:
    """«kl.», «f.eks.», «nr.»: a word with a full stop that does not end a sentence."""
    if not text.endswith(".") or len(text) < 2 or _TERMINAL_RE.match(text):
        return False
    return text.lower() not in _FINAL_ABBREVIATIONS and not _ORDINAL_RE.match(text)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of each sentence, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = end = None
    for token in doc:
        if token.is_sent_start and start is not None:
            spans.append((start, end))
            start = end = None
        if token.is_space:
            continue
        if start is None:
            start = token.idx
        end = token.idx + len(token.text)
    if start is not None:
        spans.append((start, end))
    return spans


@Language.component("klarsprak_sentencizer")
def klarsprak_sentencizer(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token (see :func:`sentence_starts`), all at once: the
    per-token setter re-checks the whole Doc's annotation on every call."""
    starts = sentence_starts(doc)
    if starts:
        import numpy
        from spacy.attrs import SENT_START

        flags = numpy.array([1 if start else -1 for start in starts], dtype="int64").view("uint64")
        doc.from_array([SENT_START], flags)
    return doc


# --- emoji sequences ---------------------------------------------------------------------------

_EMOJI_CHAR = r"[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001F000-\U0001FAFF]"
_EMOJI_MOD = r"[\ufe0f\ufe0e\U0001F3FB-\U0001F3FF]"
_EMOJI_SEQUENCE_RE = re.compile(
    rf"[\U0001F1E6-\U0001F1FF]{{2}}"
    rf"|[0-9#*]\ufe0f?\u20e3"
    rf"|{_EMOJI_CHAR}{_EMOJI_MOD}*(?:\u200d{_EMOJI_CHAR}{_EMOJI_MOD}*)*"
)
_NEEDS_MERGE_RE = re.compile(r"[\u200d\ufe0f\ufe0e\u20e3\U0001F3FB-\U0001F3FF\U0001F1E6-\U0001F1FF]")


@Language.component("klarsprak_emoji")
def klarsprak_emoji(doc: Doc) -> Doc:
    """Merge an emoji and its skin tone, variation selector or ZWJ partners into one token."""
    if not _NEEDS_MERGE_RE.search(doc.text):
        return doc
    spans = []
    for match in _EMOJI_SEQUENCE_RE.finditer(doc.text):
        if match.end() - match.start() < 2:
            continue
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) > 1:
            spans.append(span)
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc

"""Word lists: YAML data (word → replacement), validated on load, matched over tokens.

Lists are lemma-based: an entry names a word and, optionally, a paradigm from
:mod:`klarsprak.language.inflect` that generates every inflected form; irregular forms are listed by hand.
When the language model is present, a token whose lemma is an entry's word matches too, and
(where the rule asks for it) a compound noun ending in a listed noun: «skoleworkshopen» ends in
«workshopen». Compound tails are conservative: only nouns with a paradigm, of at least
``MIN_TAIL`` letters, after at least ``MIN_PREFIX`` letters, in a token the model tags as a noun.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from klarsprak.core.datacache import parsed_yaml
from klarsprak.core.errors import KlarsprakError
from klarsprak.core.yamlio import LineMap, load_yaml_file, validate
from klarsprak.language.wordgap import GappedPhrase, match_rest, split_phrase

MIN_TAIL = 6  # letters of a listed noun found as the last part of a compound («workshop»)
MIN_PREFIX = 3  # letters before it («skole|workshop»; not «s|workshop»)
NOUN_PARADIGMS = frozenset({"noun-m", "noun-f", "noun-n"})
UPOS = frozenset({"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
                  "SCONJ", "VERB", "X"})


class EntrySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    word: str = Field(min_length=1)
    inflect: str | None = None
    forms: list[str] = []
    replace: list[str] = []
    replace_forms: dict[str, str] = {}
    safe: bool = False
    note: str | None = None
    allowed: bool = False
    gap: Literal["adverbs"] | None = None  # «var ikke behjelpelig med»: see klarsprak.language.wordgap
    severity: Literal["warning", "info", "hint"] | None = None  # stiff but sometimes right: lower than the rule's
    pos: list[str] = []  # UPOS classes the entry is wrong in; other classes are a valid homograph


class WordlistSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    malform: Literal["nb", "nn", "both"]
    description: str
    sources: list[str] = Field(min_length=1)
    licence: str
    left_out: dict[str, str] = {}  # source words left out on purpose → why (documentation, tested)
    entries: list[EntrySpec]


@dataclass(frozen=True)
class WordEntry:
    word: str
    replace: tuple[str, ...]
    replace_forms: dict[str, str]
    safe: bool
    note: str | None
    allowed: bool
    line: int | None
    forms: frozenset[str]
    lemma_based: bool  # generated from a paradigm: a model lemma equal to ``word`` matches too
    noun: bool = False  # a noun paradigm: may also end a compound («skole|workshop»)
    gap: bool = False  # negations, adverbs and subject pronouns may stand inside the phrase (klarsprak.language.wordgap)
    head_lemma: str | None = None  # with a gap: the first word, matched as a verb's lemma with the model
    severity: str | None = None  # overrides the rule's severity for this entry
    pos: frozenset[str] = frozenset()  # only tokens the model tags with one of these match

    def fits_pos(self, tag: str | None) -> bool:
        """A word-class-restricted entry («lærer» the noun, not the verb) needs the model's tag."""
        return not self.pos or tag in self.pos

    def replacement_for(self, form: str) -> tuple[str | None, bool]:
        """The replacement for this surface form and whether applying it blindly is safe."""
        key = form.lower() if not self.word_has_case else form
        if key in self.replace_forms:
            return self.replace_forms[key], self.safe
        if not self.replace:
            return None, False
        exact = key == (self.word if self.word_has_case else self.word.lower())
        return self.replace[0], self.safe and exact

    @property
    def word_has_case(self) -> bool:
        return self.word != self.word.lower()


@dataclass(frozen=True)
class WordMatch:
    start: int  # token index
    end: int  # token index, exclusive
    entry: WordEntry
    form: str  # the matched text as written
    prefix: str = ""  # for a compound ending in the entry: the part before it, as written
    gap: tuple[str, ...] = ()  # the gap words found inside a gapped phrase, as written
    core: str = ""  # for a gapped match: the listed form it stands for, without the gap («var behjelpelig med»)
    gapped: bool = False  # found by the gap matcher (gap words between, or a head found by its lemma)


@dataclass
class Wordlist:
    name: str
    malform: str
    description: str
    sources: tuple[str, ...]
    licence: str
    path: Path
    entries: list[WordEntry]
    # first word → (the words as compared: lower-cased unless the entry has case, entry, split «iht» + «.»)
    _index: dict[str, list[tuple[tuple[str, ...], WordEntry, bool]]] = field(default_factory=dict, repr=False)
    _lemmas: dict[str, WordEntry] = field(default_factory=dict, repr=False)
    _tails: dict[str, WordEntry] = field(default_factory=dict, repr=False)
    _gapped: dict[str, list[tuple[GappedPhrase, WordEntry]]] = field(default_factory=dict, repr=False)
    _gapped_lemmas: dict[str, list[tuple[tuple[str, ...], WordEntry]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for form in entry.forms:
                for words, split in _token_variants(form):
                    if not entry.word_has_case:
                        words = tuple(word.lower() for word in words)
                    self._index.setdefault(words[0], []).append((words, entry, split))
            if entry.lemma_based and " " not in entry.word:
                self._lemmas.setdefault(entry.word.lower(), entry)
            if entry.noun and " " not in entry.word and len(entry.word) >= MIN_TAIL and not entry.word_has_case:
                for form in entry.forms:
                    if form.isalpha():
                        self._tails.setdefault(form, entry)
            if entry.gap:
                self._add_gapped(entry)
        for candidates in self._index.values():
            candidates.sort(key=lambda item: -len(item[0]))  # longest phrase first
        for gapped in self._gapped.values():
            gapped.sort(key=lambda item: -len(item[0].rest))

    def _add_gapped(self, entry: WordEntry) -> None:
        rests = set()
        for form in entry.forms:
            phrase = split_phrase(form)
            if phrase is not None:
                self._gapped.setdefault(phrase.head, []).append((phrase, entry))
                rests.add(phrase.rest)
        if entry.head_lemma:
            for rest in sorted(rests, key=len, reverse=True):
                self._gapped_lemmas.setdefault(entry.head_lemma, []).append((rest, entry))

    def applies_to(self, malform: str | None) -> bool:
        return self.malform == "both" or self.malform == malform

    def dotted_forms(self) -> set[str]:
        """Forms with a full stop inside (abbreviations): the tokenizer must keep them whole."""
        return {form for entry in self.entries for form in entry.forms if "." in form and " " not in form}

    def find(self, tokens: Sequence, use_lemmas: bool = False, compound_tails: bool = False) -> Iterator[WordMatch]:
        """Non-overlapping matches over spaCy tokens (anything with ``text``/``lower_``/``lemma_``).

        ``compound_tails`` (needs ``use_lemmas``, i.e. the model's POS) also matches a noun that
        ends in a listed noun.
        """
        index = 0
        count = len(tokens)
        lexicon = _lexicon(tokens)
        written = (lexicon[0], lexicon[1]) if lexicon is not None else _texts_and_lowers(tokens)
        texts, lowers = written
        if lexicon is not None:
            lemmas, nouns = lexicon[2], lexicon[3]
            keys, lemma_keys = self._index, self._lemmas if use_lemmas else {}
            tails = compound_tails and use_lemmas and bool(self._tails)
        while index < count:
            if lexicon is not None and not (texts[index] in keys or lowers[index] in keys
                                            or lemmas[index] in lemma_keys or (tails and nouns[index])):
                index += 1  # no entry starts here: skip the slower token-by-token test
                continue
            match = self._match_at(tokens, index, use_lemmas, written)
            if match is None and compound_tails and use_lemmas:
                match = self._tail_at(tokens, index)
            if match is None:
                index += 1
                continue
            yield match
            index = match.end

    def _match_at(self, tokens: Sequence, index: int, use_lemmas: bool,
                  written: tuple[list[str], list[str]]) -> WordMatch | None:
        """The match starting at ``tokens[index]``; ``written`` holds every token's text and lower case."""
        token = tokens[index]
        texts, lowers = written
        text, lower = texts[index], lowers[index]
        for key in (text,) if text == lower else (text, lower):
            for words, entry, split in self._index.get(key, ()):
                end = index + len(words)
                if split and not _continues(tokens, end):
                    continue
                if end <= len(tokens) and tuple((texts if entry.word_has_case else lowers)[index:end]) == words:
                    return WordMatch(index, end, entry, " ".join(texts[index:end]))
        gapped = self._gapped_at(tokens, index, use_lemmas)
        if gapped is not None:
            return gapped
        if use_lemmas and token.lemma_:
            entry = self._lemmas.get(token.lemma_.lower())
            if entry is not None and token.pos_ not in ("PROPN", "PUNCT"):
                return WordMatch(index, index + 1, entry, token.text)
        return None

    def _gapped_at(self, tokens: Sequence, index: int, use_lemmas: bool) -> WordMatch | None:
        """A gapped phrase whose head is ``tokens[index]``: a listed form, or (with the model) a verb
        whose lemma is the entry's head; then the rest, with up to ``MAX_GAP`` gap words in it."""
        if not self._gapped:
            return None
        token = tokens[index]
        candidates: list[tuple[tuple[str, ...], WordEntry, str]] = [
            (phrase.rest, entry, phrase.form) for phrase, entry in self._gapped.get(token.lower_, ())]
        lemma = (getattr(token, "lemma_", "") or "").lower() if use_lemmas else ""
        if lemma and getattr(token, "pos_", "") in ("VERB", "AUX"):
            candidates += [(rest, entry, "") for rest, entry in self._gapped_lemmas.get(lemma, ())]
        for rest, entry, form in candidates:
            found = match_rest(tokens, index + 1, rest)
            if found is not None and (found[1] or not form):  # a listed form with no gap: the plain index has it
                end, gaps = found
                text = " ".join(t.text for t in tokens[index:end])
                between = tuple(tokens[i].text for i in gaps)
                return WordMatch(index, end, entry, text, gap=between, core=form, gapped=True)
        return None


    def _tail_at(self, tokens: Sequence, index: int) -> WordMatch | None:
        """A compound noun whose last part is a listed noun in any form: the longest such part."""
        token = tokens[index]
        lower = token.lower_
        if getattr(token, "pos_", "") != "NOUN" or not lower.isalpha() or not self._tails:
            return None
        for cut in range(MIN_PREFIX, len(lower) - MIN_TAIL + 1):
            entry = self._tails.get(lower[cut:])
            if entry is not None:
                return WordMatch(index, index + 1, entry, token.text, prefix=token.text[:cut])
        return None


def _lexicon(tokens: Sequence) -> tuple[list[str], list[str], list[str], list[bool]] | None:
    """Texts, lower-case forms, lower-case lemmas and noun flags of a Doc's cached token list
    (:func:`klarsprak.language.analysis.doc_tokens`), made once per Doc and shared by every word list."""
    if not tokens:
        return None
    doc = getattr(tokens[0], "doc", None)
    if doc is None or doc.user_data.get("klarsprak_tokens") is not tokens:
        return None
    lexicon = doc.user_data.get("klarsprak_lexicon")
    if lexicon is None:
        lexicon = doc.user_data["klarsprak_lexicon"] = (
            [token.text for token in tokens], [token.lower_ for token in tokens],
            [token.lemma_.lower() if token.lemma_ else "" for token in tokens],
            [token.pos_ == "NOUN" for token in tokens])
    return lexicon


def _token_variants(form: str) -> list[tuple[tuple[str, ...], bool]]:
    """How a form may come out of the tokenizer: «iht.» whole, or split as «iht» + «.»."""
    words = tuple(form.split())
    variants = [(words, False)]
    if words[-1].endswith(".") and len(words[-1]) > 1:
        variants.append(((*words[:-1], words[-1][:-1], "."), True))
    return variants


def _continues(tokens: Sequence, end: int) -> bool:
    """A split «word» + «.» is an abbreviation only where the sentence goes on in lower case;
    at a sentence end («Flasken er tom.») it is a word and a full stop."""
    return end < len(tokens) and (tokens[end].text[:1].islower() or tokens[end].text[:1].isdigit())


def _texts_and_lowers(tokens: Sequence) -> tuple[list[str], list[str]]:
    """Texts and lower-case forms of tokens that are not a Doc's cached list (tests, plain objects)."""
    return [token.text for token in tokens], [token.lower_ for token in tokens]


def _entry(spec: EntrySpec, malform: str, path: Path, line: int | None) -> WordEntry:
    forms = {spec.word, *spec.forms, *spec.replace_forms}
    if spec.inflect:
        from klarsprak.language.inflect import PARADIGMS, generate_forms

        if spec.inflect not in PARADIGMS:
            known = ", ".join(sorted(PARADIGMS))
            raise KlarsprakError(f"ukjent bøyingsmønster «{spec.inflect}» (kjente: {known})", str(path), line)
        forms |= generate_forms(spec.word, spec.inflect, "nb" if malform == "both" else malform)
    if spec.word == spec.word.lower():
        forms = {form.lower() for form in forms}
    replace_forms = dict(spec.replace_forms)
    if spec.word == spec.word.lower():
        replace_forms = {key.lower(): value for key, value in replace_forms.items()}
    return WordEntry(
        word=spec.word,
        replace=tuple(spec.replace),
        replace_forms=replace_forms,
        safe=spec.safe,
        note=spec.note,
        allowed=spec.allowed,
        line=line,
        forms=frozenset(forms),
        lemma_based=spec.inflect is not None,
        noun=spec.inflect in NOUN_PARADIGMS,
        gap=spec.gap is not None,
        head_lemma=spec.word.split()[0].lower() if spec.gap else None,
        severity=spec.severity,
        pos=frozenset(spec.pos),
    )


@cache
def load_wordlist(path: Path) -> Wordlist:
    """Load and validate one list; errors name the file and line.

    A list is first read by PyYAML's C loader alone (several times faster: the shipped lists are
    read at every cold start); only when that fails is it read again with line numbers, so the
    error names the line. Entries then carry no line, which only error messages use.
    """
    try:
        return _build_wordlist(path, parsed_yaml(path), LineMap())
    except Exception:  # noqa: BLE001 - any problem: read again, with lines, for the exact error
        pass
    data, lines = load_yaml_file(path)
    return _build_wordlist(path, data, lines)


def _build_wordlist(path: Path, data: Any, lines: LineMap) -> Wordlist:
    spec = validate(WordlistSpec, data, str(path), lines)
    entries = []
    for index, entry in enumerate(spec.entries):
        line = lines.line_of(("entries", index))
        if entry.safe and not (entry.replace or entry.replace_forms):
            raise KlarsprakError(f"«{entry.word}» er merket safe, men har ingen erstatning", str(path), line)
        if entry.pos and entry.safe:  # right in another word class: a blind fix could turn a valid word wrong
            raise KlarsprakError(f"«{entry.word}» har pos og kan derfor ikke være safe", str(path), line)
        if set(entry.pos) - UPOS:
            raise KlarsprakError(f"ukjent ordklasse i pos for «{entry.word}»: {', '.join(sorted(set(entry.pos) - UPOS))}",
                                 str(path), line)
        entries.append(_entry(entry, spec.malform, path, line))
    return Wordlist(
        name=spec.name,
        malform=spec.malform,
        description=spec.description,
        sources=tuple(spec.sources),
        licence=spec.licence,
        path=path,
        entries=entries,
    )

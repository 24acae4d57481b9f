"""Shared helpers for the helsenorge/uu builtins: word statistics, emoji, clause starts, messages.

Not a check itself (nothing here registers); the builtin registry imports it like any other module.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from klarsprak.language.analysis import span_tokens

_DATA = Path(__file__).resolve().parent / "data"

# Emoji as a writer sees them: one picture, whatever its code points (skin tone, ZWJ family,
# variation selector, flag pairs, keycaps). Ranges follow Unicode's Extended_Pictographic closely
# enough for posts; arrows, ©, ® and ™ are text and left out on purpose.
_PICTO = (
    "\U0001F000-\U0001FAFF"
    "\u2600-\u27BF"
    "\u231A\u231B\u2328\u23CF\u23E9-\u23F3\u23F8-\u23FA"
    "\u2B05-\u2B07\u2B1B\u2B1C\u2B50\u2B55"
    "\u203C\u2049\u2139\u24C2\u25AA\u25AB\u25B6\u25C0\u25FB-\u25FE\u3030\u303D\u3297\u3299"
)
EMOJI = re.compile(
    "(?:[\U0001F1E6-\U0001F1FF]{2})"  # flags
    "|(?:[0-9#*]\uFE0F?\u20E3)"  # keycaps 1️⃣
    f"|(?:[{_PICTO}][\uFE0E\uFE0F]?[\U0001F3FB-\U0001F3FF]?"
    f"(?:\u200D[{_PICTO}][\uFE0E\uFE0F]?[\U0001F3FB-\U0001F3FF]?)*)"
)


class Message(BaseModel):
    """A Norwegian message template with an optional nynorsk variant (like a rule's ``message``)."""

    model_config = ConfigDict(extra="forbid")
    nb: str
    nn: str | None = None

    def text(self, malform: str | None) -> str:
        return self.nn if malform == "nn" and self.nn else self.nb


@cache
def lexicon() -> frozenset[str]:
    """Lower-case word forms that exist in running Norwegian text (NDT, both standards)."""
    return frozenset(_lines("ord.txt"))


@cache
def word_pairs() -> frozenset[tuple[str, str]]:
    """Lower-case word pairs written apart at least twice in NDT (e.g. «psykisk helse»)."""
    pairs = set()
    for line in _lines("ordpar.txt"):
        first, _, second = line.partition(" ")
        pairs.add((first, second))
    return frozenset(pairs)


def _lines(name: str) -> Iterator[str]:
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.strip()


def word_tokens(tokens: Iterable[Any]) -> list[Any]:
    """Tokens with letters that are not hashtags, @mentions, URLs or e-mail addresses."""
    from klarsprak.language.analysis import doc_words, is_word

    if hasattr(tokens, "user_data"):  # a whole Doc: its words are computed once and kept
        return doc_words(tokens)
    doc = getattr(tokens, "doc", None)
    if doc is not None and hasattr(tokens, "start"):  # a sentence: its slice of the Doc's words
        words = doc_words(doc)
        return words[bisect_left(words, tokens.start, key=_index):bisect_left(words, tokens.end, key=_index)]
    return [token for token in tokens if is_word(token)]


def _index(token: Any) -> int:
    return token.i


def sentence_of(doc: Any, char: int) -> Any | None:
    for sentence in doc.sents:
        if sentence.start_char <= char < sentence.end_char:
            return sentence
    return None


def prose_segments(analysis: Any, rule: Any) -> Iterator[Any]:
    """The segments a document-level check should read: in the rule's scope, never alt text."""
    for item in analysis.segments:
        if item.segment.scope != "alt" and rule.in_scope(item.segment.scope):
            yield item


# Imperatives that open a call to action, bokmål and nynorsk («Les», «Logg inn», «Ring», «Hugs»).
# Words that are also common nouns at a sentence start («Bruk av …», «Del 2») are checked in context.
IMPERATIVES = frozenset("""
    les logg ring del skriv send bestill søk sjekk finn gå se sjå husk hugs last bruk ta book meld
    klikk trykk følg fylg kontakt spør fortell fortel svar kommenter gi gje si sei lik tagg registrer
    velg vel hent besøk snakk vaksiner test bli prøv få lær hør høyr lagre kom vent vær ver tenk pass
    unngå vask hold hald legg sett set start oppdater vis hjelp la lat nyt drikk spis sov lytt fyll
    kryss last abonner søk skaff sørg syt ta gjør gjer nytt tips ha møt mosjoner beveg slutt stopp
    slå les bestem avtal avbestill forny endre sjekk merk kjøp hent ring oppsøk stå pust slapp
    ligg sitt husk dropp feir gratuler send
""".split())
_CLAUSE_BREAKS = frozenset({",", ":", ";", "–", "og", "men", "eller", "så"})
_ADVERBS = frozenset("""selv sjølv også òg gjerne nå no enkelt alltid fortsatt fremdeles framleis ikke ikkje bare
    berre selvsagt sjølvsagt selvfølgelig sjølvfølgjeleg naturligvis naturlegvis endelig endeleg da då""".split())
_NOUN_AFTER = frozenset({"av", "på", "nr", "nummer", "1", "2", "3"})
SECOND_PERSON = frozenset({"du", "deg", "din", "ditt", "dine", "dere", "dykk", "deres", "dykkar"})
MODALS = frozenset({"kan", "bør", "må", "får", "skal", "vil"})


def first_words(sentence: Any, count: int = 2) -> list[Any]:
    """The first words of a sentence, skipping bullets, quotes, emoji and numbers."""
    words = [token for token in span_tokens(sentence) if token.text[:1].isalpha()]
    return words[:count]


def is_imperative_sentence(sentence: Any, extra: frozenset[str] = frozenset()) -> bool:
    """A sentence that tells the reader to do something («Logg inn på …», «Har du spørsmål, ring oss»).

    Only a clause's first word counts (imperatives open their clause), whether the word list or the
    language model (``Mood=Imp``) says so; a following «av» or number makes it a noun («Bruk av …»).
    """
    verbs = IMPERATIVES | extra
    words = first_words(sentence)
    if words and _imperative_at(words[0], verbs):
        return True
    tokens = [token for token in span_tokens(sentence) if not token.is_space]
    return any(previous.lower_ in _CLAUSE_BREAKS and _imperative_at(token, verbs)
               for previous, token in pairwise(tokens))


def _imperative_at(token: Any, verbs: frozenset[str]) -> bool:
    """``token`` opens a clause with an imperative, not a noun («Bruk av …», «Del 2»)."""
    if token.lower_ not in verbs and "Imp" not in token.morph.get("Mood"):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.lower_ not in _NOUN_AFTER


def addresses_reader(sentence: Any) -> bool:
    """«Du kan …», «Mer informasjon finner du …», «Dere bør …»: the reader is told what they can do.

    «du»/«dere» next to a modal or a common reader verb, or (with the language model) next to any
    finite verb, which makes «du» the subject: an instruction, not a remark about the reader.
    """
    tokens = [token for token in span_tokens(sentence) if not token.is_space]
    for index, token in enumerate(tokens):
        if token.lower_ not in ("du", "dere"):
            continue
        before = tokens[index - 1] if index else None
        after = tokens[index + 1:index + 3]
        if after and (after[0].lower_ in _ADVERBS or after[0].pos_ == "ADV"):  # «du selv kan», «du også får»
            after = after[1:]
        if (before is not None and _reader_verb(before)) or (after and _reader_verb(after[0])):
            return True
    return False


def _reader_verb(token: Any) -> bool:
    if token.lower_ in MODALS or token.lower_ in READER_VERBS:
        return True
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


READER_VERBS = frozenset("finner finn trenger treng ser slipper sleppar bestiller bruker logger".split())

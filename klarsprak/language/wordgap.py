"""Gapped phrase matching: light-verb phrases with the small words that naturally come between.

Why: officialese phrases such as «være behjelpelig med» or «ta stilling til» are rarely written
bare. The finite verb takes the negation and sentence adverbs after it («var *ikke* behjelpelig
med», «tok *ennå ikke* stilling til», «er *svært* behjelpelig med»), and in a question or after a
fronted phrase the subject too («I dag tar *vi* stilling til …»). A word-list entry with
``gap: adverbs`` lets up to ``MAX_GAP`` words from the closed set ``GAP_WORDS`` stand between the
phrase's first word (its head, usually the verb) and the rest.

Precision: only words from the closed set may stand in the gap (no nouns, no punctuation, so
never across a sentence boundary), at most ``MAX_GAP`` of them, and the rest of the phrase must
follow word for word. The head may be any listed form of the entry, or, with the language model,
a verb whose lemma is the entry's head («tek» → «ta»). The gap words may also stand later in the
phrase («det forutsettes derfor at»), as long as there are at most ``MAX_GAP`` in all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_GAP = 3  # gap words inside one phrase, in all

# Negations, sentence adverbs and degree adverbs of both standards, and subject pronouns (a
# subject follows the finite verb in questions and after a fronted phrase). Closed on purpose:
# nothing here can start a new clause or carry content of its own.
GAP_WORDS: frozenset[str] = frozenset(
    """
    ikke ikkje ei aldri heller
    ennå enno allerede alt nå no da då fortsatt framleis fremdeles
    ofte alltid gjerne sjelden sjeldan vanligvis vanlegvis normalt
    også så svært veldig mye mykje litt nok bare berre kun likevel dessverre heldigvis
    altså derfor difor dermed jo vel visst kanskje sikkert trolig truleg snart straks igjen att først fyrst
    helst mer meir mest lenger lengre
    jeg eg du han hun ho vi me dere de dei man det
    meg deg oss dykk
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Degree adverbs modify the word after them («svært behjelpeleg»): put back after a replacement
# verb they read wrong («hjelper svært med»), so such a match gets advice, not a ready fix.
DEGREE_WORDS: frozenset[str] = frozenset("svært veldig mye mykje litt så mer meir mest".split())


@dataclass(frozen=True)
class GappedPhrase:
    """One surface form of a gapped entry, split into its head and the words after it."""

    head: str  # the first word as written in the list («tok»)
    rest: tuple[str, ...]  # the words that must follow after the gap («stilling», «til»)

    @property
    def form(self) -> str:
        return " ".join((self.head, *self.rest))


def split_phrase(form: str) -> GappedPhrase | None:
    """A listed form of two or more words as head + rest; a single word has no gap."""
    words = form.lower().split()
    if len(words) < 2:
        return None
    return GappedPhrase(words[0], tuple(words[1:]))


def match_rest(tokens: Sequence, start: int, rest: tuple[str, ...],
               budget: int = MAX_GAP) -> tuple[int, tuple[int, ...]] | None:
    """Match ``rest`` from ``start``, letting up to ``budget`` gap words stand before any of its words.

    Returns the end (exclusive) and the indices of the gap words, or None. A phrase word is tried
    before a gap word, so «forutsettes det at» keeps «det» as part of the phrase.
    """
    if not rest:
        return start, ()
    if start >= len(tokens) or _starts_sentence(tokens[start]):
        return None
    token = tokens[start]
    if token.lower_ == rest[0]:
        found = match_rest(tokens, start + 1, rest[1:], budget)
        if found is not None:
            return found
    if budget > 0 and token.lower_ in GAP_WORDS:
        found = match_rest(tokens, start + 1, rest, budget - 1)
        if found is not None:
            return found[0], (start, *found[1])
    return None


def _starts_sentence(token) -> bool:
    return bool(getattr(token, "is_sent_start", False))

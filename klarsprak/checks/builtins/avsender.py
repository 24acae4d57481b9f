"""``avsender``: the agency speaking of itself in third person («Helsenorge anbefaler …» → «Vi anbefaler …»).

Only the name *as the subject of a clause* is flagged, so «logg inn på Helsenorge», «Helsenorge-appen»
and «helsenorge.no» pass. Subject = at the start of a clause and followed by a finite verb
(«Helsenorge anbefaler»), or right after the finite verb in inverted order («Nå har Helsenorge …»).
Copulas (er, var, blir) are left out: «Helsenorge er nettstedet for …» usually describes the site.

Senders come from the rule (default: Helsenorge), the project's ``senders`` setting and a post's
front matter ``avsender:`` (for posts written on behalf of a partner, e.g. Helsedirektoratet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._felles import prose_segments, sentence_of
from klarsprak.checks.builtins.registry import register

_CLAUSE_PUNCT = frozenset(":;–—-«\"“(•·*")
MAX_PARTNER_WORDS = 3  # «Helsenorge og Norsk Helsenett anbefaler»


@lru_cache(maxsize=64)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """A sender name as a whole word: not inside «helsenorge.no», «Helsenorge-appen» or «#Helsenorge»."""
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w.@#/-])(?:{alternatives})(?![\w-]|\.\w)", re.IGNORECASE)


class AvsenderOptions(Options):
    senders: list[str] = ["Helsenorge"]
    verbs: list[str]  # finite verb forms (bokmål and nynorsk) that make a name the subject
    copulas: list[str] = []  # finite verbs that do not count (description, not action)
    clause_openers: list[str] = []  # words after which a new clause starts («og», «fordi», «som» …)
    fronted: list[str] = []  # adverbials that put the subject after the verb («Nå har Helsenorge …»)
    front_matter_key: str = "avsender"


@register("avsender")
class Avsender(Check):
    level = "document"
    Options = AvsenderOptions

    @cached_property
    def _verbs(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.verbs)

    @cached_property
    def _copulas(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.copulas)

    @cached_property
    def _openers(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.clause_openers)

    @cached_property
    def _fronted(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.options.fronted)

    def senders(self, analysis: Any, ctx: CheckContext) -> list[str]:
        names = [*self.options.senders, *ctx.config.spec.senders]
        extra = analysis.document.front_matter.get(self.options.front_matter_key)
        if isinstance(extra, str):
            names.append(extra)
        elif isinstance(extra, list):
            names += [str(name) for name in extra]
        unique = {name.strip().lower(): name.strip() for name in names if name and name.strip()}
        return sorted(unique.values(), key=len, reverse=True)

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        names = self.senders(analysis, ctx)
        if not names:
            return
        pattern = _pattern(tuple(names))
        for item in prose_segments(analysis, self.rule):
            offset = item.segment.start
            for match in pattern.finditer(item.segment.text):
                vi = self._subject_pronoun(item.doc, match.start(), match.end())
                if vi is not None:
                    yield Finding(offset + match.start(), offset + match.end(),
                                  params={"match": match.group(), "suggestion": vi}, suggestions=(vi,))

    def _subject_pronoun(self, doc: Any, start: int, end: int) -> str | None:
        """«Vi»/«vi» when the name at ``start:end`` is a clause subject, else None."""
        sentence = sentence_of(doc, start)
        if sentence is None:
            return None
        before = [token for token in sentence if token.idx + len(token.text) <= start and not token.is_space]
        after = [token for token in sentence if token.idx >= end and not token.is_space]
        if not after:
            return None
        following = after[0]
        previous = before[-1] if before else None
        if self._clause_start(previous) and (self._finite(following) or self._joint_subject(after)):
            return "Vi" if previous is None or (len(before) == 1 and previous.is_punct) else "vi"
        if previous is not None and len(before) >= 2 and self._finite(previous) and self._inverted(before[-2]):
            return "vi"
        return None

    def _joint_subject(self, after: list[Any]) -> bool:
        """«Helsenorge og Helfo anbefaler»: the sender and a named partner, then a finite verb
        («Vi og Helfo anbefaler»). Only names join in: «Helsenorge og andre nettsider har …»
        is left alone."""
        if len(after) < 3 or after[0].lower_ != "og":
            return False
        names = 0
        for token in after[1:MAX_PARTNER_WORDS + 2]:
            if token.text[:1].isupper() and token.text.isalpha():
                names += 1
            else:
                return names > 0 and self._finite(token)
        return False

    def _inverted(self, token: Any) -> bool:
        """The word before the verb is an adverbial or a closing subordinate clause, not a subject.

        «Nå har Helsenorge …», «Når du logger inn, viser Helsenorge …» – but not «Vi anbefaler
        Helsenorge til alle», where the name is the object.
        """
        return token.text == "," or token.lower_ in self._fronted

    def _clause_start(self, token: Any | None) -> bool:
        if token is None:
            return True
        return token.lower_ in self._openers or (len(token.text) == 1 and token.text in _CLAUSE_PUNCT)

    def _finite(self, token: Any) -> bool:
        word = token.lower_
        if word in self._copulas or not any(char.isalpha() for char in word):
            return False
        if word in self._verbs:
            return True
        morph = token.morph
        return token.pos_ in ("VERB", "AUX") and "Fin" in morph.get("VerbForm") and "Imp" not in morph.get("Mood")

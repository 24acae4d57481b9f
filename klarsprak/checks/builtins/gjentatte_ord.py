"""``gjentatte-ord``: the same word twice in a row («og og», «til til») — almost always a slip.

Doubles that are correct Norwegian are left alone: «Det det gjelder …», «den den angår», «de de
møtte» (demonstrative + pronoun), «spørsmålet om om …», «så så han …» (then saw), interjections
(«ja ja», «nå nå», «ha ha») and reduplication for emphasis in an informal post («veldig veldig»).
Only words separated by one space or a line break count: masked links or code between two words
(which the document model turns into runs of spaces) do not make them neighbours. A longer run
(«og og og») is one finding, fixed to one word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins.registry import register

# The whole run («og og og»), so one --fix leaves one word (found by the idempotence property).
_REPEAT = re.compile(r"(?<![\w@#.-])(\w+)(?:(?: ?\r?\n ?| )\1)+(?![\w-])", re.IGNORECASE)

VALID_DOUBLES = frozenset({
    # demonstrative + personal pronoun, «om om», «så så»
    "det", "den", "de", "dei", "dem", "om", "så",
    # interjections and sound words
    "ja", "nei", "nå", "jo", "ha", "he", "hi", "hå", "hm", "hmm", "la", "bla", "tja", "huff", "hei",
    "hipp", "oi", "au", "uff", "hoi", "jippi", "nam", "ding", "dong", "tikk", "takk", "bye", "pling", "tut", "heia", "kom", "sov",
    # emphasis by reduplication
    "veldig", "mange", "lenge", "langt", "mye", "mykje", "bitte", "små", "ofte", "mer", "meir", "gang",
    "gong", "tusen", "very", "many",
    # English doubles that are grammatical
    "that", "had", "is",
})


class GjentatteOrdOptions(Options):
    allowed: list[str] = []  # more words that may stand twice in a row


@register("gjentatte-ord")
class GjentatteOrd(Check):
    level = "segment"
    Options = GjentatteOrdOptions

    def __init__(self, rule: Any, options: GjentatteOrdOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        self.allowed = VALID_DOUBLES | {word.lower() for word in options.allowed}

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        for match in _REPEAT.finditer(item.segment.text):
            word = match.group(1)
            lower = word.lower()
            if lower in self.allowed or word.isdigit() or (len(word) == 1 and lower not in ("i", "å")):
                continue
            if any(char.isdigit() for char in word) or ctx.config.is_accepted_word(word):
                continue
            if "\n" in match.group(0) and not word.islower():
                continue  # a heading line in plain text followed by a paragraph that repeats it
            yield Finding(match.start(), match.end(), params={"match": match.group(0).replace("\n", " "), "word": word},
                          suggestions=(word,), safe=True, fixable=True)

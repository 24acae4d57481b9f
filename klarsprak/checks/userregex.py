"""Regular expressions from rule files (``pattern`` and ``occurrence``), run with a time limit.

A rule file is written by a project, not by us, and one catastrophic expression (``(a+)+$`` on a
long line of «a») must not hang ``klarsprak check``, a pre-commit hook or the language server.

Why the ``regex`` module with a timeout, and not RE2 (``google-re2``):

- Rule files are written in Python ``re`` syntax (the README says so, and ``replace`` uses
  ``match.expand`` templates such as ``\\1`` and ``\\g<hl>``). ``regex`` in its default VERSION0
  mode accepts that syntax unchanged, including lookbehind/lookahead (``(?<!\\w)``) and
  backreferences (``(\\w+) \\1``), which are the natural way to write word boundaries and repeated
  words and which RE2 rejects outright. No shipped rule uses ``regex:`` today, so the choice is
  about the rules projects write, and those copy the shipped builtins' ``re`` style.
- Unicode: ``\\w``, ``\\b`` and ``(?i)`` work on «æøå» exactly as in ``re``; RE2's ``\\w`` and ``\\b``
  are ASCII-only, so ``\\bvedrørende\\b`` would silently match differently.
- The cost: a time limit is not a linear-time guarantee, and it is wall-clock time, so whether an
  expression that is *almost* too slow finishes can depend on the machine's load. The limit is
  therefore generous (:data:`TIMEOUT_SECONDS` per segment; ordinary expressions take microseconds,
  catastrophic ones take minutes to forever), and a timeout is never silent: the rule is skipped
  for that file, reported once on standard error (and in JSON/SARIF), and the run exits 2
  ("incomplete"), so an unlucky timeout can never pass as a clean check.
- On a timeout no finding of that rule for that file is kept (half a rule's findings would look
  like a complete answer); the other rules' findings are reported as usual.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

TIMEOUT_SECONDS = 1.0


class InvalidRegex(ValueError):
    """The expression does not compile (the message is the ``regex`` module's, in English)."""


class RegexTimeout(Exception):
    """A rule's regular expression ran out of time on a text (the rule is skipped for that file)."""

    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__(f"det regulære uttrykket brukte mer enn {TIMEOUT_SECONDS:g} s og ble avbrutt")


@dataclass(frozen=True)
class UserRegex:
    """A compiled rule-file expression whose searches stop after :data:`TIMEOUT_SECONDS`."""

    pattern: Any  # regex.Pattern
    source: str

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.pattern.groupindex)

    def matches(self, text: str) -> list[Any]:
        """Every match in ``text`` (like ``finditer``), or :class:`RegexTimeout` past the limit.

        The limit holds for the whole scan of ``text``, not per match: each search gets only the
        time that is left.
        """
        deadline = time.monotonic() + TIMEOUT_SECONDS
        found: list[Any] = []
        try:
            for match in self.pattern.finditer(text, timeout=TIMEOUT_SECONDS):
                found.append(match)
                if time.monotonic() > deadline:
                    raise RegexTimeout(self.source)
        except TimeoutError:
            raise RegexTimeout(self.source) from None
        return found


def compile_user_regex(source: str, ignore_case: bool) -> UserRegex:
    """Compile with Python ``re`` semantics (``regex`` VERSION0); :class:`InvalidRegex` if invalid.

    ``regex`` is imported here, not at module level: only projects with such rules pay for it.
    """
    import regex

    flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        return UserRegex(regex.compile(source, flags), source)
    except (regex.error, OverflowError, RecursionError) as problem:
        raise InvalidRegex(str(problem)) from None

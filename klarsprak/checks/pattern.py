"""``pattern``: a regular expression over the prose, or a spaCy token pattern over the analysis.

A regex may name a group ``hl`` to mark only part of the match; ``replace`` is a regex replacement
template for the marked text (``\\1``, ``\\g<name>``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options, pick
from klarsprak.checks.substitution import match_case
from klarsprak.checks.userregex import InvalidRegex, UserRegex, compile_user_regex


class PatternOptions(Options):
    regex: str | dict[str, str] | None = None
    tokens: list[list[dict[str, Any]]] | dict[str, list[list[dict[str, Any]]]] | None = None
    ignore_case: bool = True
    replace: str | dict[str, str] | None = None
    safe: bool = False


def _compile(source: str, ignore_case: bool, rule: Any) -> UserRegex:
    """Rule-file expressions run with a time limit (see :mod:`klarsprak.checks.userregex`)."""
    from klarsprak.core.errors import KlarsprakError

    try:
        return compile_user_regex(source, ignore_case)
    except InvalidRegex as problem:
        raise KlarsprakError(f"ugyldig regulært uttrykk i «regex»: {problem}", str(rule.path), rule.line_of("regex")) from None


class Pattern(Check):
    Options = PatternOptions

    def __init__(self, rule: Any, options: PatternOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        if options.regex is None and options.tokens is None:
            from klarsprak.core.errors import KlarsprakError

            raise KlarsprakError("en pattern-regel trenger «regex» eller «tokens»", str(rule.path), rule.line_of("kind"))
        regexes = options.regex if isinstance(options.regex, dict) else {"nb": options.regex, "nn": options.regex}
        self.regexes = {key: _compile(value, options.ignore_case, rule) for key, value in regexes.items() if value}
        self.matchers: dict[tuple[int, str], Any] = {}  # per pipeline (vocab) and målform

    def prepare(self, nlp: Any) -> None:
        if self.options.tokens is None:
            return
        from spacy.matcher import Matcher

        from klarsprak.core.errors import KlarsprakError

        patterns = self.options.tokens if isinstance(self.options.tokens, dict) else {"nb": self.options.tokens, "nn": self.options.tokens}
        for malform, token_patterns in patterns.items():
            matcher = Matcher(nlp.vocab)
            try:
                matcher.add(self.rule.id, token_patterns, greedy="LONGEST")
            except (ValueError, KeyError) as error:
                raise KlarsprakError(f"ugyldig token-mønster: {str(error).splitlines()[0]}", str(self.rule.path), self.rule.line_of("tokens")) from None
            self.matchers[(id(nlp.vocab), malform)] = matcher

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        malform = ctx.malform or "nb"
        regex = self.regexes.get(malform)
        if regex is not None:
            yield from self._regex_findings(regex, item.segment.text, malform)
        matcher = self.matchers.get((id(item.doc.vocab), malform))
        if matcher is not None:
            for _, start, end in matcher(item.doc):
                span = item.doc[start:end]
                yield Finding(span.start_char, span.end_char, params={"match": span.text})

    def _regex_findings(self, regex: UserRegex, text: str, malform: str) -> Iterable[Finding]:
        template = pick(self.options.replace, malform)
        for match in regex.matches(text):
            group = "hl" if "hl" in regex.groupindex and match.group("hl") is not None else 0
            start, end = match.span(group)
            if start == end:
                continue
            suggestions: tuple[str, ...] = ()
            if template is not None:
                replacement = match.expand(template) if group == 0 else match.expand(template)
                suggestions = (match_case(replacement, match.group(group)),)
            yield Finding(start, end, params={"match": match.group(group), **_named(match)},
                          suggestions=suggestions, safe=self.options.safe and bool(suggestions))


def _named(match: Any) -> dict[str, str]:
    return {key: value for key, value in match.groupdict().items() if value is not None}

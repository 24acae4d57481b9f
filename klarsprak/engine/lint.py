"""The one engine API behind the CLI, the language server and the Python API.

``Engine(config).check(text, path)`` runs the whole flow: document → analysis → rules →
diagnostics. Segment-level findings are cached by content, so an editor that re-checks a long post
after one keystroke only re-analyses the paragraph that changed.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from klarsprak.checks.userregex import RegexTimeout
from klarsprak.core.diagnostics import Diagnostic, Fix, Severity, Suggestion
from klarsprak.core.errors import KlarsprakError
from klarsprak.language.analysis import (
    Analysis,
    SegmentAnalysis,
    Stats,
    analyse_document,
    pipeline_standard,
    post_words,
)
from klarsprak.language.malform import MalformResult, detect_malform
from klarsprak.text.document import Document, parse_document
from klarsprak.text.frontmatter import validate_front_matter
from klarsprak.text.normalise import (
    Normalised,
    map_diagnostic,
    normalise,
    source_document,
)

if TYPE_CHECKING:  # imported where used: a run answered from the cache needs none of them (pydantic)
    from klarsprak.checks.base import CheckContext, Finding
    from klarsprak.engine.config import Config
    from klarsprak.engine.rules import Rule

log = logging.getLogger("klarsprak")

CACHE_SIZE = 20_000


@dataclass
class FileResult:
    """Everything the outputs need about one checked post.

    ``document`` and ``analysis`` stay in the process that checked the post (they hold spaCy
    objects); the rest is plain data that travels between worker processes.
    """

    path: str
    malform_result: MalformResult
    stats: Stats
    diagnostics: list[Diagnostic]
    rule_errors: list[str] = field(default_factory=list)  # rules that crashed (the rest still ran)
    front_matter: dict[str, Any] = field(default_factory=dict)
    document: Document | None = field(default=None, repr=False, compare=False)
    analysis: Analysis | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "document": None, "analysis": None}

    @property
    def malform(self) -> str:
        return self.malform_result.malform.value

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON contract (``version: 1``), one file."""
        return {
            "path": self.path,
            "malform": self.malform,
            "malform_evidence": [
                {"word": item.word, "malform": "da" if item.danish else item.standard.value,
                 "count": item.count, "weak": item.weak}
                for item in self.malform_result.evidence
            ],
            "stats": self.stats.as_dict(),
            "diagnostics": [diagnostic_dict(d) for d in self.diagnostics],
        }


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "rule": d.rule,
        "severity": d.severity.label,
        "message": d.message,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        # fix: choosing the suggestion replaces the marked text (else it is advice in words)
        "suggestions": [{"text": s.text, "safe": s.safe, "fix": s.fix is not None} for s in d.suggestions],
        "principle": d.principle,
        "pack": d.pack,
    }


@dataclass
class _Started:
    """A post parsed and its målform found, waiting for its segments to be tagged."""

    path: str | None
    document: Document
    required: str | None
    malform: MalformResult
    standard: str
    normalised: Normalised  # the text as written → the analysis text (NFC, invisible characters out)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return ""


class Engine:
    def __init__(self, config: Config | None = None) -> None:
        from klarsprak.engine.config import Config
        from klarsprak.engine.rules import load_rules

        self.config = config or Config()
        self.all_rules: list[Rule] = load_rules(self.config)
        self.rules = [rule for rule in self.all_rules if self.config.selects(rule)]
        self._prepared: set[str] = set()
        self._docs: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._findings: OrderedDict[tuple[str, str, str, str | None], list[Finding]] = OrderedDict()
        self._timed_out: set[str] = set()  # rules whose expression ran out of time (skipped from then on)

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.all_rules if rule.id == rule_id), None)

    def prepare(self, standard: str = "nb") -> None:
        """Load one standard's pipeline and let checks adapt it (tokenizer special cases, matchers).

        Bokmål and nynorsk have a pipeline each; a nynorsk post loads the nynorsk one on first use.
        """
        if standard in self._prepared:
            return
        from klarsprak.language.nlp import get_nlp

        nlp = get_nlp(standard)
        for rule in self.all_rules:
            rule.check.prepare(nlp)
        self._prepared.add(standard)

    # -- checking ---------------------------------------------------------------------------
    def check(self, text: str, path: str | None = None, fmt: str | None = None,
              front_matter: dict[str, Any] | None = None) -> FileResult:
        """Check one post. ``front_matter`` adds metadata from outside the text (calendar rows).

        The rules read the NFC analysis text (:mod:`klarsprak.text.normalise`); every offset, position
        and fix range in the result refers to ``text`` itself, and ``result.document`` is ``text``'s
        document (the analysed one is ``result.analysis.document``).
        """
        return self._finish(self._begin(text, path, fmt, front_matter))

    def check_many(self, posts: list[tuple[str, str | None]]) -> list[FileResult | KlarsprakError]:
        """Check several posts (text, path), tagging all their segments in one ``nlp.pipe`` per standard.

        Batching across posts keeps the model's matrix products large; each post's result is the
        same as :meth:`check` gives. A post with bad front matter becomes its KlarsprakError.
        """
        started: list[_Started | KlarsprakError] = []
        for text, path in posts:
            try:
                started.append(self._begin(text, path))
            except KlarsprakError as error:
                started.append(error)
        missing: dict[str, dict[str, None]] = {}
        for item in started:
            if isinstance(item, _Started):
                texts = missing.setdefault(item.standard, {})
                texts.update((s.text, None) for s in item.document.segments if (item.standard, s.text) not in self._docs)
        if missing:
            from klarsprak.language.nlp import analyse

            for standard, texts in missing.items():
                self.prepare(standard)
                self._docs.update(((standard, text), doc) for text, doc in zip(texts, analyse(list(texts), standard)))
        results: list[FileResult | KlarsprakError] = []
        for item in started:
            results.append(self._finish(item) if isinstance(item, _Started) else item)
        return results

    def _begin(self, text: str, path: str | None, fmt: str | None = None,
               front_matter: dict[str, Any] | None = None) -> "_Started":
        normalised = normalise(text)
        document = parse_document(normalised.text, path, fmt)
        if front_matter:
            document.front_matter = {**front_matter, **document.front_matter}
        required = self._required_malform(document)
        malform = detect_malform(post_words(document))
        return _Started(path, document, required, malform, pipeline_standard(required, malform), normalised)

    def _finish(self, started: "_Started") -> FileResult:
        self.prepare(started.standard)
        document = started.document
        analysis = analyse_document(document, started.required, self._docs, started.malform)
        _trim(self._docs)
        diagnostics, rule_errors = self._run_rules(analysis)
        normalised = started.normalised
        if normalised.changed:
            document = source_document(normalised, document)
        diagnostics = [map_diagnostic(d, normalised, document) for d in diagnostics]
        return FileResult(started.path or "-", analysis.malform, analysis.stats, diagnostics, rule_errors,
                          _plain(document.front_matter), document, analysis)

    def _required_malform(self, document: Document) -> str | None:
        meta = document.front_matter
        validate_front_matter(meta, document.path)
        value = str(meta.get("malform", "auto")).lower()
        return value if value in ("nb", "nn") else self.config.malform

    def _run_rules(self, analysis: Analysis) -> tuple[list[Diagnostic], list[str]]:
        """Every rule on the post; rules that read findings (``accumulation``) run last, on the others'."""
        diagnostics: list[Diagnostic] = []
        errors: list[str] = []
        from klarsprak.checks.base import CheckContext

        ctx = CheckContext(analysis.target_malform, self.config, analysis)
        for rule in self.rules:
            if not rule.check.reads_findings:
                self._run_rule(rule, analysis, ctx, diagnostics, errors)
        readers_ctx = replace(ctx, findings=tuple(diagnostics))
        for rule in self.rules:
            if rule.check.reads_findings:
                self._run_rule(rule, analysis, readers_ctx, diagnostics, errors)
        diagnostics.sort(key=lambda d: (d.start, d.end, d.rule))
        return diagnostics, errors

    def _run_rule(self, rule: Rule, analysis: Analysis, ctx: CheckContext, diagnostics: list[Diagnostic],
                  errors: list[str]) -> None:
        """One rule's findings into ``diagnostics``; a failure or a time-out into ``errors``."""
        if not rule.applies(analysis):
            return
        if rule.id in self._timed_out:  # it hung once: do not make every later post wait for it
            errors.append(f"regelen «{rule.id}» ble hoppet over: det regulære uttrykket brukte for lang tid "
                          "på en tidligere tekst")
            return
        try:
            for start_offset, finding in self._findings_of(rule, analysis, ctx):
                diagnostic = self._diagnostic(rule, finding, start_offset, analysis)
                if diagnostic is not None:
                    diagnostics.append(diagnostic)
        except Exception as error:  # one broken or too slow rule must never stop the others
            log.info("regelen %s feilet", rule.id, exc_info=not isinstance(error, RegexTimeout))
            if isinstance(error, RegexTimeout):
                self._timed_out.add(rule.id)
            errors.append(rule_failure(rule.id, error))

    def _findings_of(self, rule: Rule, analysis: Analysis, ctx: CheckContext) -> Iterable[tuple[int, Finding]]:
        if rule.check.level == "document":
            for finding in rule.check.check_document(analysis, ctx):
                yield 0, finding
            return
        for item in analysis.segments:
            if rule.in_scope(item.segment.scope):
                for finding in self._segment_findings(rule, item, ctx):
                    yield item.segment.start, finding

    def _segment_findings(self, rule: Rule, item: SegmentAnalysis, ctx: CheckContext) -> list[Finding]:
        key = (rule.id, item.segment.scope, item.segment.text, ctx.malform)
        cached = self._findings.get(key)
        if isinstance(cached, _Failed):  # an editor re-checking after each keystroke pays only once
            raise cached.error
        if cached is None:
            try:
                cached = list(rule.check.check_segment(item, ctx))
            except Exception as error:
                self._findings[key] = _Failed(error)  # type: ignore[assignment]
                _trim(self._findings)
                raise
            self._findings[key] = cached
            _trim(self._findings)
        return cached

    def _diagnostic(self, rule: Rule, finding: Finding, offset: int, analysis: Analysis) -> Diagnostic | None:
        document = analysis.document
        start, end = finding.start + offset, finding.end + offset
        line, column = document.position(start)
        if document.is_suppressed(rule.id, line):
            return None
        end_line, end_column = document.position(end)
        malform = analysis.message_malform
        template = finding.message or rule.message_for(malform)
        message = " ".join(template.format_map(_Params(finding.params)).split())
        suggestions = tuple(
            Suggestion(text, Fix(start, end, text) if finding.fixable else None,
                       safe=finding.fixable and finding.safe and rule.fix_safe)
            for text in finding.suggestions
        )
        return Diagnostic(
            rule=rule.id, severity=finding.severity or rule.severity, message=message, start=start, end=end,
            line=line, column=column, end_line=end_line, end_column=end_column, principle=rule.principle,
            pack=rule.pack, suggestions=suggestions,
            data={"params": {k: str(v) for k, v in finding.params.items()}},
        )


@dataclass(frozen=True)
class _Failed:
    """A cached failure of one rule on one segment (re-raised instead of running it again)."""

    error: Exception


def rule_failure(rule_id: str, error: Exception) -> str:
    """One Norwegian line saying which rule was skipped and why (the caller adds the file)."""
    if isinstance(error, RegexTimeout):
        return f"regelen «{rule_id}» ble hoppet over: {error}"
    detail = " ".join(str(error).split()) or "ingen melding"
    return f"regelen «{rule_id}» feilet og ble hoppet over ({type(error).__name__}: {detail})"


def failed_rule(message: str) -> str | None:
    """The rule id in a :func:`rule_failure` line (the server shows one message per rule)."""
    start = message.find("«")
    end = message.find("»", start + 1)
    return message[start + 1 : end] if message.startswith("regelen «") and end > start else None


def _plain(meta: dict[str, Any]) -> dict[str, Any]:
    """Front matter as JSON-safe values (YAML dates become ISO strings)."""
    return {str(key): value.isoformat() if isinstance(value, date) else value for key, value in meta.items()}


def _trim(cache: OrderedDict) -> None:
    while len(cache) > CACHE_SIZE:
        cache.popitem(last=False)


def meets(diagnostics: Iterable[Diagnostic], level: Severity) -> bool:
    return any(d.severity >= level for d in diagnostics)

"""``forkortelser``: abbreviations the post never explains («HOD», «FHI», «AAP», «jf.», «bl.a.»).

An abbreviation in capitals counts as explained when the post writes the long form once:
«Helse- og omsorgsdepartementet (HOD)», «HOD (Helse- og omsorgsdepartementet)», or the long form
from the word list anywhere in the post. Well-known ones (the list's ``allowed`` entries such as
EU, FN, NAV, and the project's ``abbreviations:`` in ``.klarsprak.yaml``) are never flagged.
Each abbreviation is reported once, at its first use.

Capitals that are not abbreviations stay quiet: shouting («Du må IKKE …», headings in capitals,
which ``store-bokstaver`` handles), Roman numerals («Kapittel IV») and words next to other words in
capitals. Dotted abbreviations («bl.a.», «jf.») come from the word list only, with the long form as
the fix; a word list entry marked ``safe`` may be applied by ``--fix``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from klarsprak.checks import Check, CheckContext, Finding, Options
from klarsprak.checks.builtin import register
from klarsprak.checks.substitution import match_case
from klarsprak.diagnostics import Severity
from klarsprak.wordlist import WordEntry, Wordlist

_CAPS = re.compile(r"(?<![\w.&/])([A-ZÆØÅ]{2,6})(s)?(?![\wÆØÅæøå])(?!\.\w)")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD = re.compile(r"\w+")

# Capitalised for emphasis or as a label, not abbreviations.
EMPHASIS = frozenset({
    "obs", "nb", "info", "tips", "husk", "viktig", "nytt", "ny", "nye", "gratis", "hei", "takk", "ok",
    "okei", "nei", "ja", "stopp", "ring", "les", "sjekk", "vinn", "nyhet", "nyheit", "advarsel", "åtvaring",
    "merk", "pst", "mvh", "ps", "lol", "wow", "tv", "pc", "sms", "id", "it", "ikt", "gps", "dna", "usa",
})


class ForkortelserOptions(Options):
    wordlists: list[str] = ["forkortelser"]
    unknown: bool = True  # also capitals that are not in any list (a generic message)
    unknown_severity: str = "info"
    dotted: bool = True  # dotted abbreviations from the list («bl.a.» → «blant annet»)


@dataclass(frozen=True)
class Abbreviation:
    start: int  # absolute offsets into the document
    end: int
    text: str  # as written, without a genitive -s
    entry: WordEntry | None


@register("forkortelser")
class Forkortelser(Check):
    level = "document"
    Options = ForkortelserOptions

    def __init__(self, rule: Any, options: ForkortelserOptions, library: Any = None) -> None:
        super().__init__(rule, options, library)
        self.wordlists: list[Wordlist] = [library.wordlist(name, rule) for name in options.wordlists] if library else []
        self.unknown_severity = _severity(options.unknown_severity, rule)

    def prepare(self, nlp: Any) -> None:
        from klarsprak.nlp import keep_whole

        for wordlist in self.wordlists:
            keep_whole(nlp, wordlist.dotted_forms())

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        segments = [item for item in analysis.segments if self.rule.in_scope(item.segment.scope)]
        if not segments:
            return
        lists = [wordlist for wordlist in self.wordlists if wordlist.applies_to(ctx.malform)]
        index = _caps_index(lists)
        allowed = {word.upper() for word in ctx.config.spec.abbreviations}
        post = "\n".join(item.segment.text for item in segments)
        post_lower = post.lower()
        reported: set[str] = set()
        malform = ctx.malform if ctx.malform in ("nb", "nn") else "nb"
        for abbreviation in self._candidates(segments, lists, index):
            key = abbreviation.text if abbreviation.entry is None or "." not in abbreviation.text else abbreviation.text.lower()
            if key in reported:
                continue
            entry = abbreviation.entry
            if entry is not None and entry.allowed:
                continue
            if key.upper() in allowed or ctx.config.is_accepted_word(abbreviation.text):
                continue
            if "." not in abbreviation.text and _explained(abbreviation.text, entry, post, post_lower):
                reported.add(key)
                continue
            if entry is None and not self.options.unknown:
                continue
            reported.add(key)
            yield self._finding(abbreviation, malform)

    def _candidates(self, segments: list[Any], lists: list[Wordlist], index: dict[str, WordEntry]) -> Iterator[Abbreviation]:
        found: list[Abbreviation] = []
        for item in segments:
            text, offset = item.segment.text, item.segment.start
            for match in _CAPS.finditer(text):
                word = match.group(1)
                if not _is_abbreviation(word, text, match.start(1), match.end()) and word not in index:
                    continue
                found.append(Abbreviation(offset + match.start(1), offset + match.end(1), word, index.get(word)))
            if self.options.dotted:
                tokens = list(item.doc)
                for wordlist in lists:
                    for hit in wordlist.find(tokens):
                        if "." not in hit.form:
                            continue
                        first, last = tokens[hit.start], tokens[hit.end - 1]
                        found.append(Abbreviation(offset + first.idx, offset + last.idx + len(last.text), hit.form, hit.entry))
        yield from sorted(found, key=lambda a: a.start)

    def _finding(self, abbreviation: Abbreviation, malform: str) -> Finding:
        entry, text = abbreviation.entry, abbreviation.text
        long_forms = list(entry.replace) if entry is not None else []
        if "." in text:
            options = [match_case(form, text) for form in long_forms]
            suggestion = " eller ".join(f"«{form}»" for form in options)
            advice = {"nb": f"Skriv det ut: {suggestion}.", "nn": f"Skriv det ut: {suggestion}."}[malform] if options else ""
            replacement, safe = entry.replacement_for(text) if entry is not None else (None, False)
            return Finding(abbreviation.start, abbreviation.end,
                           params={"match": text, "advice": advice, "suggestion": suggestion},
                           suggestions=tuple(options), safe=safe and replacement is not None, fixable=bool(options))
        if long_forms:
            long_form = long_forms[0]
            advice = {
                "nb": f"Skriv den fulle formen første gang, med forkortelsen i parentes: «{long_form} ({text})».",
                "nn": f"Skriv den fulle forma første gong, med forkortinga i parentes: «{long_form} ({text})».",
            }[malform]
            return Finding(abbreviation.start, abbreviation.end,
                           params={"match": text, "advice": advice, "suggestion": f"«{long_form} ({text})»"},
                           suggestions=(f"{long_form} ({text})",), safe=False, fixable=True)
        advice = {
            "nb": "Er den kjent for alle som leser? Skriv den fulle formen første gang, med forkortelsen i parentes.",
            "nn": "Er ho kjend for alle som les? Skriv den fulle forma første gong, med forkortinga i parentes.",
        }[malform]
        return Finding(abbreviation.start, abbreviation.end, params={"match": text, "advice": advice},
                       severity=self.unknown_severity)


def _severity(name: str, rule: Any) -> Severity:
    from klarsprak.errors import KlarsprakError

    try:
        return Severity.parse(name)
    except ValueError:
        raise KlarsprakError(f"ukjent alvorlighet «{name}» (error, warning, info, hint)", str(rule.path),
                             rule.line_of("options")) from None


def _caps_index(lists: list[Wordlist]) -> dict[str, WordEntry]:
    index: dict[str, WordEntry] = {}
    for wordlist in lists:
        for entry in wordlist.entries:
            for form in (entry.word, *entry.forms):
                if form.isupper() and "." not in form:
                    index.setdefault(form, entry)
    return index


def _is_abbreviation(word: str, text: str, start: int, end: int) -> bool:
    """Capitals that are not shouting, a heading in capitals or a Roman numeral."""
    if _ROMAN.match(word) or word.lower() in EMPHASIS or word.lower() in _common_words():
        return False
    before = _WORD.findall(text[max(0, start - 40):start])[-1:]
    after = _WORD.findall(text[end:end + 40])[:1]
    for neighbour in before + after:
        if len(neighbour) >= 2 and neighbour.isupper() and neighbour.isalpha() and neighbour.lower() in _common_words():
            return False  # a phrase in capitals («IKKE GÅ»), not an abbreviation next to a word
    return True


@cache
def _common_words() -> frozenset[str]:
    """Short everyday words in both standards, so «IKKE», «MÅ» or «ALLE» are not abbreviations."""
    from spacy.lang.nb.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        from klarsprak.malform import marker_data

        data = marker_data()
        words |= set(data.words) | set(data.neutral)
    except Exception:  # noqa: BLE001 - the marker list only widens the filter
        pass
    return frozenset(word for word in words if len(word) <= 6)


def _explained(text: str, entry: WordEntry | None, post: str, post_lower: str) -> bool:
    """The long form is written once: «lang form (HOD)», «HOD (lang form)» or the list's long form."""
    escaped = re.escape(text)
    if re.search(r"\w[\w.,-]*\s*\(\s*" + escaped + r"s?\s*\)", post):
        return True
    inside = re.search(r"(?<!\w)" + escaped + r"s?\s*\(([^)]{3,120})\)", post)
    if inside and len(_WORD.findall(inside.group(1))) >= 1 and len(inside.group(1).strip()) > len(text):
        return True
    if entry is not None:
        for long_form in entry.replace:
            if long_form and _contains(post_lower, long_form.lower()):
                return True
    return False


def _contains(haystack: str, needle: str) -> bool:
    """The long form, allowing a definite/genitive ending on its last word («Folkehelseinstituttets»)."""
    stem = re.escape(needle).replace(r"\ ", r"\s+")
    return re.search(r"(?<!\w)" + stem + r"\w{0,3}(?!\w)", haystack) is not None

"""``forkortelser``: abbreviations the post never explains («HOD», «FHI», «AAP», «jf.», «bl.a.»).

An abbreviation in capitals counts as explained when the post writes the long form once, next to
it: «Helse- og omsorgsdepartementet (HOD)» or «HOD (Helse- og omsorgsdepartementet)». Well-known ones (the list's ``allowed`` entries such as
EU, FN, NAV, and the project's ``abbreviations:`` in ``.klarsprak.yaml``) are never flagged.
Each abbreviation in capitals is reported once, at its first use (it needs explaining once); a
dotted one («inkl.», «bl.a.») at every use, since each is written out, and one ``--fix`` must write
out all of them (found by the property tests: a second ``--fix`` used to fix the next one).

Capitals that are not abbreviations stay quiet: shouting («Du må IKKE …», headings in capitals,
which ``store-bokstaver`` handles), Roman numerals («Kapittel IV») and words next to other words in
capitals, and titles or quotations («FM 2009»). Dotted abbreviations («bl.a.», «jf.») come from the word list only, with the long form as
the fix; a word list entry marked ``safe`` may be applied by ``--fix``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins.registry import register
from klarsprak.checks.substitution import match_case, quoted_spans
from klarsprak.core.diagnostics import Severity
from klarsprak.language.analysis import doc_tokens
from klarsprak.language.wordlist import WordEntry, Wordlist

_CAPS = re.compile(r"(?<![\w.&/:])([A-ZÆØÅ]{2,6})(s)?(?![\wÆØÅæøå])(?!\.\w)(?![:/]\w)")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD = re.compile(r"\w+")

# Capitalised for emphasis or as a label, not abbreviations.
EMPHASIS = frozenset({
    "obs", "nb", "info", "tips", "husk", "viktig", "nytt", "ny", "nye", "gratis", "hei", "takk", "ok",
    "okei", "nei", "ja", "stopp", "ring", "les", "sjekk", "vinn", "nyhet", "nyheit", "advarsel", "åtvaring",
    "merk", "pst", "mvh", "ps", "lol", "wow", "tv", "pc", "sms", "id", "it", "ikt", "gps", "dna", "usa",
})


class ForkortelserOptions(Options):
    wordlists: list[str] = ["forkortelser-nb", "forkortelser-nn"]
    unknown: bool = True  # also capitals that are not in any list (a generic message)
    unknown_severity: str = "info"
    known: list[str] = []  # unlisted abbreviations every reader knows (parties, big media …): never flagged
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
        """Keep «f.eks.» and «t.o.m.» whole. Forms with only a final full stop are left to the
        tokenizer's own abbreviation list: «tom.» must stay «tom» + «.» in «Flasken er tom.»"""
        from klarsprak.checks.substitution import keep_whole

        for wordlist in self.wordlists:
            keep_whole(nlp, wordlist.dotted_forms())

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        segments = [item for item in analysis.segments if self.rule.in_scope(item.segment.scope)]
        if not segments:
            return
        # målform unknown (a short post): abbreviations are nearly the same in both lists, use both
        lists = [wordlist for wordlist in self.wordlists if ctx.malform is None or wordlist.applies_to(ctx.malform)]
        index = _caps_index(lists)
        allowed = {word.upper() for word in [*ctx.config.spec.abbreviations, *self.options.known]}
        post = "\n".join(item.segment.text for item in segments)
        reported: set[str] = set()
        malform = ctx.malform if ctx.malform in ("nb", "nn") else "nb"
        for abbreviation in self._candidates(segments, lists, index):
            key = abbreviation.entry.word if abbreviation.entry is not None else abbreviation.text
            if key in reported and not _is_dotted(abbreviation.entry):
                continue
            entry = abbreviation.entry
            if entry is not None and entry.allowed:
                continue
            if key.upper() in allowed or ctx.config.is_accepted_word(abbreviation.text):
                continue
            written = entry.word if entry is not None and entry.word_has_case else abbreviation.text
            if not _is_dotted(entry) and _explained(written, post):
                reported.add(key)
                continue
            if entry is None and not self.options.unknown:
                continue
            reported.add(key)
            yield self._finding(abbreviation, malform, _ends_sentence(abbreviation, analysis.document.text))

    def _candidates(self, segments: list[Any], lists: list[Wordlist], index: dict[str, WordEntry]) -> Iterator[Abbreviation]:
        """Listed abbreviations (any case, dotted or not) and unlisted words in capitals, in order."""
        found: dict[int, Abbreviation] = {}
        for item in segments:
            text, offset = item.segment.text, item.segment.start
            tokens = doc_tokens(item.doc)
            for wordlist in lists:
                for hit in wordlist.find(tokens):
                    if not _is_listed_abbreviation(hit.entry):
                        continue
                    if _is_dotted(hit.entry) and not self.options.dotted:
                        continue
                    first, last = tokens[hit.start], tokens[hit.end - 1]
                    start = offset + first.idx
                    found.setdefault(start, Abbreviation(start, offset + last.idx + len(last.text), hit.form, hit.entry))
            quoted = quoted_spans(text)
            for match in _CAPS.finditer(text):
                word = match.group(1)
                entry = index.get(word)
                if entry is None and (not _is_abbreviation(word, text, match.start(1), match.end())
                                      or any(a <= match.start() < b for a, b in quoted)):
                    continue  # titles and quotations («FM 2009», «Open MIC») are not the post's own words
                start = offset + match.start(1)
                found.setdefault(start, Abbreviation(start, offset + match.end(1), word, entry))
        yield from (found[start] for start in sorted(found))

    def _finding(self, abbreviation: Abbreviation, malform: str, ends_sentence: bool = False) -> Finding:
        entry, text = abbreviation.entry, abbreviation.text
        long_forms = list(entry.replace) if entry is not None else []
        if _is_dotted(entry):
            options = [match_case(form, text) for form in long_forms]
            suggestion = " eller ".join(f"«{form}»" for form in options)
            if ends_sentence:  # «… brød osv. Alt er …»: the abbreviation's full stop also ends the sentence
                options = [f"{form}." for form in options]
            advice = {"nb": f"Skriv det ut: {suggestion}.", "nn": f"Skriv det ut: {suggestion}."}[malform] if options else ""
            if entry is not None and entry.note:
                advice = f"{advice} {entry.note}".strip()
            replacement, safe = entry.replacement_for(text) if entry is not None else (None, False)
            return Finding(abbreviation.start, abbreviation.end,
                           params={"match": text, "advice": advice, "suggestion": suggestion},
                           suggestions=tuple(options), safe=safe and replacement is not None, fixable=bool(options))
        if long_forms:
            long_form = long_forms[0]
            text = entry.word if entry is not None and entry.word_has_case else text
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


def _ends_sentence(abbreviation: Abbreviation, text: str) -> bool:
    """A final full stop that ends the sentence too: end of text or line, or a capital next
    («osv. Neste uke …»); for abbreviations that rarely end one (tokenizer's inner list), only the
    end of the text or line counts («f.eks. Helsenorge»)."""
    from klarsprak.language.tokenizer import ABBREVIATIONS_FINAL

    if not abbreviation.text.endswith("."):
        return False
    following = text[abbreviation.end:abbreviation.end + 4]
    if re.match(r"[ \t]*(?:\r?\n|$)", following):
        return True
    entry = abbreviation.entry
    forms = {abbreviation.text.lower(), *(form.lower() for form in (entry.forms if entry else ()))}
    final = {form.lower() for form in ABBREVIATIONS_FINAL}
    return bool(forms & final) and re.match(r"[ \t]+[«\"(]?[A-ZÆØÅ]", following) is not None


def _severity(name: str, rule: Any) -> Severity:
    from klarsprak.core.errors import KlarsprakError

    try:
        return Severity.parse(name)
    except ValueError:
        raise KlarsprakError(f"ukjent alvorlighet «{name}» (error, warning, info, hint)", str(rule.path),
                             rule.line_of("options")) from None


def _is_dotted(entry: WordEntry | None) -> bool:
    """An abbreviation of ordinary words («f.eks.», «pga»): write it out rather than explain it."""
    return entry is not None and "." in entry.word


def _is_listed_abbreviation(entry: WordEntry) -> bool:
    """List entries this check reads: dotted ones and those with a capital («HOD», «Hdir»)."""
    return "." in entry.word or entry.word != entry.word.lower()


def _caps_index(lists: list[Wordlist]) -> dict[str, WordEntry]:
    index: dict[str, WordEntry] = {}
    for wordlist in lists:
        for entry in wordlist.entries:
            for form in (entry.word, *entry.forms):
                if form.isupper() and "." not in form:
                    index.setdefault(form, entry)
    return index


def _is_abbreviation(word: str, text: str, start: int, end: int) -> bool:
    """Capitals that are not shouting, a heading in capitals, a Roman numeral or a postal town."""
    if _ROMAN.match(word) or word.lower() in EMPHASIS or word.lower() in _common_words():
        return False
    before = _WORD.findall(text[max(0, start - 40):start])[-1:]
    after = _WORD.findall(text[end:end + 40])[:1]
    for neighbour in before + after:
        if len(neighbour) >= 2 and neighbour.isupper() and neighbour.isalpha():
            return False  # words in capitals side by side: a heading or shouting («AKTIV MEDVIRKNING»)
    if before and before[0].isdigit() and len(before[0]) == 4 and text[start - 1:start] == " ":
        return False  # «0213 OSLO»: a postal address
    return True


@cache
def _common_words() -> frozenset[str]:
    """Short everyday words in both standards, so «IKKE», «MÅ» or «ALLE» are not abbreviations."""
    from spacy.lang.nb.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        from klarsprak.language.malform import marker_data

        data = marker_data()
        words |= set(data.words) | set(data.neutral)
    except Exception:  # noqa: BLE001 - the marker list only widens the filter
        pass
    return frozenset(word for word in words if len(word) <= 6)


def _explained(text: str, post: str) -> bool:
    """The long form is written once next to the short one: «lang form (HOD)» or «HOD (lang form)».

    The long form elsewhere in the post does not count: the reader is never told they are the same."""
    escaped = re.escape(text)
    if re.search(r"\w[\w.,»”-]*\s*\(\s*[«“\"]?" + escaped + r"(?:s|-\w+)?[»”\"]?\s*\)", post):
        return True
    inside = re.search(r"(?<!\w)" + escaped + r"s?\s*\(([^)]{3,120})\)", post)
    return bool(inside and re.search(r"[^\W\d_]{3,}", inside.group(1)) and len(inside.group(1).strip()) > len(text))

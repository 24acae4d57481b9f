"""``substitution``: a word or phrase from word lists, with the plain word to use instead."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.core.diagnostics import Severity
from klarsprak.language.analysis import doc_has, doc_tokens
from klarsprak.language.wordgap import DEGREE_WORDS
from klarsprak.language.wordlist import Wordlist, WordMatch

_ADVICE = {"nb": "Skriv heller {suggestion}.", "nn": "Skriv heller {suggestion}."}
_OR = {"nb": " eller ", "nn": " eller "}


class SubstitutionOptions(Options):
    wordlists: list[str]
    use_lemmas: bool = True  # with the language model, a token whose lemma is listed matches too
    skip_names: bool = False  # a capitalised match inside a sentence is a name or title («Live», «Football Manager»)
    skip_quotes: bool = False  # words inside «…», “…” or "…" are someone else's: leave them as quoted
    ignore_words: list[str] = []  # list entries (their ``word``) this rule leaves out
    vague_severity: Literal["error", "warning", "info", "hint"] | None = None  # entries with no replacement
    unknown_malform: Literal["all", "none"] = "all"  # målform undecided: check every list, or none
    compound_tails: bool = True  # with the model, a compound noun ending in a listed noun matches too


def match_case(replacement: str, original: str) -> str:
    """Keep the writer's capitalisation: «Vedrørende» → «Om», «SAMT» → «OG»."""
    if len(original) > 1 and original.isupper() and not replacement.isupper():
        return replacement.upper()
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def quoted_list(words: Iterable[str], malform: str | None) -> str:
    return _OR.get(malform or "nb", " eller ").join(f"«{word}»" for word in words)


def keep_whole(nlp: Any, forms: Iterable[str]) -> None:
    """Tell the tokenizer to keep abbreviations with an inner full stop («f.eks.», «t.o.m.») whole.

    Forms with only a final full stop are left alone: «tom.» must stay «tom» + «.» in «Flasken er
    tom.»; the word lists match such forms as word + full stop instead.
    """
    from spacy.symbols import ORTH

    added = set(nlp.tokenizer.rules or {})  # several rules share forms: add each once
    for form in forms:
        if "." not in form[:-1]:
            continue
        for variant in {form, form.capitalize(), form.upper()} - added:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
            added.add(variant)


def token_span(tokens: Any, match: WordMatch) -> tuple[int, int]:
    last = tokens[match.end - 1]
    return tokens[match.start].idx, last.idx + len(last.text)


class Substitution(Check):
    Options = SubstitutionOptions

    def __init__(self, rule: Any, options: SubstitutionOptions, library: Any) -> None:
        super().__init__(rule, options, library)
        self.wordlists: list[Wordlist] = [library.wordlist(name, rule) for name in options.wordlists]
        self.ignored = frozenset(word.lower() for word in options.ignore_words)
        self._vague = Severity.parse(options.vague_severity) if options.vague_severity else None

    def prepare(self, nlp: Any) -> None:
        for wordlist in self.wordlists:
            keep_whole(nlp, wordlist.dotted_forms())

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        tokens = doc_tokens(item.doc)
        use_lemmas = self.options.use_lemmas and _has_lemmas(item.doc)
        quoted = quoted_spans(item.segment.text) if self.options.skip_quotes else []
        seen: set[tuple[int, int]] = set()  # with målform undecided, a word may stand in both lists
        for wordlist in self._lists_for(ctx.malform):
            for match in wordlist.find(tokens, use_lemmas, self.options.compound_tails):
                if (match.start, match.end) in seen:
                    continue
                seen.add((match.start, match.end))
                if match.entry.allowed or ctx.config.is_accepted_word(match.form):
                    continue
                if not match.entry.fits_pos(tokens[match.start].pos_ if use_lemmas else None):
                    continue
                if self.options.skip_names and looks_like_name(tokens, match):
                    continue
                if match.entry.word.lower() in self.ignored:
                    continue
                if quoted and any(start <= tokens[match.start].idx < end for start, end in quoted):
                    continue
                yield self._finding(tokens, match, ctx.malform)

    def _lists_for(self, malform: str | None) -> list[Wordlist]:
        """The lists for the post's standard; short posts with no målform use every list (or none)."""
        if malform is None:
            return self.wordlists if self.options.unknown_malform == "all" else []
        return [wordlist for wordlist in self.wordlists if wordlist.applies_to(malform)]

    def _finding(self, tokens: Any, match: WordMatch, malform: str | None) -> Finding:
        if match.prefix:
            return self._compound_finding(tokens, match, malform)
        if match.gapped:
            return self._gapped_finding(tokens, match, malform)
        replacement, safe = match.entry.replacement_for(match.form)
        exact = replacement is not None and (safe or match.form.lower() in match.entry.replace_forms
                                             or match.form.lower() == match.entry.word.lower())
        options = [replacement] if replacement and match.form.lower() in match.entry.replace_forms else list(match.entry.replace)
        options = [match_case(word, match.form) for word in options]
        return self._word_finding(tokens, match, options, malform, safe=safe, fixable=exact)

    def _gapped_finding(self, tokens: Any, match: WordMatch, malform: str | None) -> Finding:
        """«tok ikke stilling til»: the listed form's replacement with the gap words put back after
        its first word («avgjorde ikke»). Offered, never safe: word order after the gap may differ."""
        exact = match.entry.replace_forms.get(match.core.lower()) if match.core else None
        if exact is not None and any(word.lower() in DEGREE_WORDS for word in match.gap):
            options = [match_case(exact, match.form)]
            return self._word_finding(tokens, match, options, malform, safe=False, fixable=False)
        if exact is not None:
            words = exact.split()
            options = [match_case(" ".join([words[0], *match.gap, *words[1:]]), match.form)]
        else:
            options = [match_case(word, match.form) for word in match.entry.replace]
        return self._word_finding(tokens, match, options, malform, safe=False, fixable=exact is not None)

    def _compound_finding(self, tokens: Any, match: WordMatch, malform: str | None) -> Finding:
        """«skoleworkshopen»: the prefix is kept in front of the replacement when the tail's form
        has an exact replacement («skole» + «arbeidsmøtet»); never a safe fix (the joint may differ)."""
        tail = match.form[len(match.prefix):]
        key = tail.lower()
        if key in match.entry.replace_forms:
            exact = [match.entry.replace_forms[key]]
        elif key == match.entry.word.lower():
            exact = list(match.entry.replace)
        else:
            exact = []
        exact = [match.prefix + word for word in exact if " " not in word]
        options = exact or [match_case(word, tail) for word in match.entry.replace]
        return self._word_finding(tokens, match, options, malform, safe=False, fixable=bool(exact))

    def _word_finding(self, tokens: Any, match: WordMatch, options: list[str], malform: str | None,
                      safe: bool, fixable: bool) -> Finding:
        """The finding for one matched word: message parameters, suggestions, vague-word severity."""
        start, end = token_span(tokens, match)
        suggestion = quoted_list(options, malform)
        advice = _ADVICE[malform or "nb"].format(suggestion=suggestion) if options else ""
        return Finding(
            start,
            end,
            params={"match": match.form, "suggestion": suggestion, "advice": advice,
                    "note": match.entry.note or "", "word": match.entry.word},
            suggestions=tuple(options),
            severity=self._severity(match, options),
            safe=safe,
            fixable=fixable,
        )

    def _severity(self, match: WordMatch, options: list[str]) -> Severity | None:
        """An entry's own level (stiff but sometimes right: info or hint), else the vague level."""
        if match.entry.severity:
            return self.capped(match.entry.severity)
        return self._vague if not options else None


_QUOTES = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"\n]*\"")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations in «…», “…” or "…" (someone else's words, or a title).

    A quotation may run over several paragraphs or sentences: an opening «  with no closing one
    quotes to the end of the text, and a closing » with no opening one quotes from its start."""
    spans = [match.span() for match in _QUOTES.finditer(text)]
    rest = _QUOTES.sub(lambda match: " " * len(match.group()), text)
    opening, closing = rest.find("«"), rest.rfind("»")
    if opening >= 0 and "»" not in rest[opening:]:
        spans.append((opening, len(text)))
    if closing >= 0 and "«" not in rest[:closing]:
        spans.append((0, closing + 1))
    return spans


_OPENERS = frozenset({"«", '"', "“", "(", ":", "–", "—", "-", "•", "*", "[", "'"})


def looks_like_name(tokens: Any, match: WordMatch) -> bool:
    """A lower-case entry written with a capital inside a sentence: a name or a title, not the word."""
    token = tokens[match.start]
    if match.entry.word_has_case or not token.text[:1].isupper() or token.is_sent_start:
        return False
    previous = next((t for t in reversed(tokens[:match.start]) if not t.is_space), None)
    return previous is not None and previous.text not in _OPENERS and not previous.text.endswith((".", "!", "?"))


def _has_lemmas(doc: Any) -> bool:
    return doc_has(doc, "LEMMA")

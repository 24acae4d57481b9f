"""``substantivsjuke``: the action hidden in a noun, with an empty verb doing the grammar.

Språkrådet's two types (research notes §1.3):
1. an empty verb + a verbal noun: «foreta en vurdering av» → «vurdere», «gjennomføre (en)
   kartlegging» → «kartlegge», «Det vart føreteke ei vurdering» (any tense of the empty verb, also
   passive with the noun first: «Kartleggingen gjennomføres i mai»);
2. a verbal noun + «skje» / «finne sted»: «Innkalling av vitner skal skje skriftlig»,
   «Vaksineringa skal finne stad på helsestasjonen»;
3. an officialese verbal noun with its object after «av»/«om»: «innhenting av opplysninger» →
   «hente inn», «anmodning om tilbakemelding» → «be om» — only nouns in the curated ``of_nouns``
   table, never everyday ones like «behandling» or «vurdering» on their own (precision);
4. a verb phrase that means a plain verb: «være i besittelse av» → «ha» (``verb_phrases``).

Matching is on the model's lemmas, so every tense and form counts, against a small curated table
of noun → verb per standard in the rule's YAML (``options``). Truly empty verbs («foreta»,
«gjennomføre», «utføre» …) go with every listed noun and any «-ering» noun; everyday verbs
(«ta», «gjøre», «gi») only with the nouns listed for them, so «ta kontakt», «gi beskjed» and
«gjøre en innsats» stay clean. The suggestion is the verb, in the tense of the empty verb where
that is certain («foretok en vurdering av» → «vurderte»). Without the model the rule is silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._verbformer import known_verb, verb_form
from klarsprak.checks.builtins.registry import register
from klarsprak.checks.substitution import match_case, quoted_spans
from klarsprak.core.diagnostics import Severity
from klarsprak.language.analysis import doc_has, doc_tokens

MAX_GAP = 4  # words between the empty verb and the noun («foretok vi en grundig vurdering»)
_GAP_POS = frozenset({"DET", "ADJ", "ADV", "PART", "NUM", "PRON"})
_ARTICLES = frozenset({"en", "ei", "et", "ett", "ein", "eit"})
_PASSIVE_AUX = frozenset({"bli", "verte", "være", "vere"})
_DEFINITE_ENDINGS = ("ene", "ane", "en", "et", "a", "er", "ar")  # «innkallinga» → «innkalling»
_OBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM"})  # what may open the object


class PerMalform(Options):
    nb: Any
    nn: Any

    def get(self, malform: str | None) -> Any:
        return self.nn if malform == "nn" else self.nb


class SubstantivsjukeOptions(Options):
    empty_verbs: PerMalform  # lemmas with no meaning of their own: any listed noun
    nouns: PerMalform  # noun lemma → verb (infinitive, may be a phrase: «gå gjennom»)
    verb_pairs: PerMalform  # everyday verb lemma → {noun: verb}, only these combinations
    happen: PerMalform  # verbs of type 2: «skje»; «finne sted/stad» is built in
    place_nouns: list[str] = ["sted", "stad"]
    of_nouns: PerMalform | None = None  # type 3: officialese noun → verb, with an object after «av/om»
    of_prepositions: list[str] = ["av", "om"]
    verb_phrases: PerMalform | None = None  # type 4: verb lemma → {fixed words after it: plain verb}
    derive_ering: bool = True  # «registrering» → «registrere» (a verb NDT knows) with the empty verbs
    # Only an empty verb («foreta en vurdering») and «skal skje / finne sted» have the rule's level;
    # everyday verbs («ta avgjørelsen», «gi uttrykk for») and «innhenting av» are often fine: lower.
    everyday_severity: Literal["warning", "info", "hint"] = "info"


@dataclass(frozen=True)
class Nominal:
    start: int  # character offsets in the segment
    end: int
    verb: str  # the verb to use instead
    form: str | None  # the verb in the empty verb's tense, when certain
    fixable: bool  # the marked words can be replaced by ``form`` as they stand
    empty: bool = False  # an empty verb or «skje / finne sted»: nominal style beyond doubt


@lru_cache(maxsize=8)
def _verb_forms(verbs: frozenset[str], standard: str) -> dict[str, str]:
    """Inflected form → lemma for the rule's verbs, a fallback when the model's lemma is off."""
    from klarsprak.language.inflect import generate_forms

    return {form: verb for verb in sorted(verbs) if " " not in verb
            for form in generate_forms(verb, "verb", standard)}


@register("substantivsjuke")
class Substantivsjuke(Check):
    level = "segment"
    Options = SubstantivsjukeOptions

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        doc = item.doc
        if not (doc_has(doc, "POS") and doc_has(doc, "LEMMA")):
            return
        standard = "nn" if ctx.malform == "nn" else "nb"
        quoted = quoted_spans(item.segment.text)
        taken: list[tuple[int, int]] = []
        for found in self.find(doc, standard):
            if any(s < found.end and found.start < e for s, e in taken) or any(s <= found.start < e for s, e in quoted):
                continue  # one finding per stretch of text: «foreta en innhenting av» is type 1 only
            taken.append((found.start, found.end))
            yield self._finding(item.segment.text, found, standard, self._everyday(found))

    # -- finding ---------------------------------------------------------------------------------

    def find(self, doc: Any, standard: str) -> Iterator[Nominal]:
        options: SubstantivsjukeOptions = self.options  # type: ignore[assignment]
        empty = set(options.empty_verbs.get(standard))
        pairs: dict[str, dict[str, str]] = options.verb_pairs.get(standard)
        happen = set(options.happen.get(standard))
        forms = _verb_forms(frozenset(empty | set(pairs)), standard)
        for token in doc_tokens(doc):
            if token.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            lemma = token.lemma_.lower()
            if lemma not in empty and lemma not in pairs:
                lemma = forms.get(token.lower_, lemma)  # a rare form the lemmatizer missed («føreteke»)
            if lemma in empty or lemma in pairs:
                allowed = None if lemma in empty else pairs[lemma]
                found = self._type1(token, standard, allowed)
                if found is not None:
                    yield found
            elif token.pos_ == "VERB" and (lemma in happen or self._finne_sted(token)):
                found = self._type2(token, standard)
                if found is not None:
                    yield found
        yield from self._type3(doc, standard)
        yield from self._type4(doc, standard)

    def _type3(self, doc: Any, standard: str) -> Iterator[Nominal]:
        """«innhenting av opplysninger», «anmodning om tilbakemelding»: noun + «av/om» + its object."""
        options: SubstantivsjukeOptions = self.options  # type: ignore[assignment]
        table: dict[str, str] = options.of_nouns.get(standard) if options.of_nouns else {}
        tokens = doc_tokens(doc)
        for token in tokens[: len(tokens) - 2]:
            if token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and token.is_sent_start):
                continue
            verb = next((table[key] for key in _noun_keys(token) if key in table), None)
            if verb is None:
                continue
            preposition, after = tokens[token.i + 1], tokens[token.i + 2]
            if verb is None or preposition.lower_ not in options.of_prepositions or after.is_sent_start:
                continue
            if after.pos_ in _OBJECT_POS:
                yield Nominal(token.idx, preposition.idx + len(preposition.text), verb, None, False)

    def _type4(self, doc: Any, standard: str) -> Iterator[Nominal]:
        """«er i besittelse av» → «har»: a verb and fixed words that mean one plain verb."""
        options: SubstantivsjukeOptions = self.options  # type: ignore[assignment]
        phrases: dict[str, dict[str, str]] = options.verb_phrases.get(standard) if options.verb_phrases else {}
        tokens = doc_tokens(doc)
        for token in tokens:
            tails = phrases.get(token.lemma_.lower())
            if not tails or token.pos_ not in ("VERB", "AUX"):
                continue
            words = [t for t in tokens[token.i + 1 : token.i + 8] if not t.is_space]
            while words and (words[0].pos_ in ("ADV", "PART", "PRON") or words[0].lower_ in ("lenger", "lengre")):  # «er ikke lenger i besittelse av»
                words = words[1:]
            for tail, verb in tails.items():
                wanted = tail.split()
                if [t.lower_ for t in words[: len(wanted)]] == wanted:
                    last = words[len(wanted) - 1]
                    form = _inflect(verb, token, standard)
                    yield Nominal(token.idx, last.idx + len(last.text), form or verb, form, False)

    def _verb_for(self, noun: Any, standard: str, allowed: dict[str, str] | None) -> str | None:
        """The verb a noun hides: from the pair list of an everyday verb, else the noun table,
        else (empty verbs only) «-ering» → «-ere»."""
        if noun.pos_ != "NOUN":
            return None
        options: SubstantivsjukeOptions = self.options  # type: ignore[assignment]
        table = allowed if allowed is not None else options.nouns.get(standard)
        for key in _noun_keys(noun):
            if key in table:
                return table[key]
        if allowed is None and options.derive_ering:
            key = noun.lemma_.lower()
            derived = key[:-3] + "e"
            if key.endswith("ering") and len(key) > 8 and key.isalpha() and known_verb(derived):
                return derived  # «registrering» → «registrere»; not «nedskjering» → «nedskjere»
        return None

    def _type1(self, verb: Any, standard: str, allowed: dict[str, str] | None) -> Nominal | None:
        doc = verb.doc
        # verb first: «foreta en vurdering av», «Det vart føreteke ei vurdering»
        gap: list[Any] = []
        for token in doc[verb.i + 1 : min(len(doc), verb.i + MAX_GAP + 2)]:
            if token.is_sent_start:
                break
            noun_verb = self._verb_for(token, standard, allowed)
            if noun_verb is not None:
                return replace(self._nominal(verb, token, noun_verb, gap, standard), empty=allowed is None)
            if token.pos_ not in _GAP_POS:
                break
            gap.append(token)
        # noun first, empty verb passive: «Kartleggingen gjennomføres», «Ei vurdering vart føreteken»
        if not _passive_form(verb):
            return None
        index = verb.i - 1
        while index >= verb.sent.start and index >= verb.i - 4:
            token = doc[index]
            noun_verb = self._verb_for(token, standard, allowed)
            if noun_verb is not None:
                return Nominal(token.idx, verb.idx + len(verb.text), noun_verb, None, False, empty=allowed is None)
            if not (token.pos_ in ("ADV", "PART") or token.lemma_.lower() in _PASSIVE_AUX
                    or (token.pos_ == "AUX")):
                break
            index -= 1
        return None

    def _nominal(self, verb: Any, noun: Any, noun_verb: str, gap: list[Any], standard: str) -> Nominal:
        """Span from the empty verb to the noun (and a following «av»), with a tense-matched verb."""
        doc = noun.doc
        end_token = noun
        following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if following is not None and following.lower_ == "av":
            end_token = following
        form = _inflect(noun_verb, verb, standard)
        only_articles = all(t.lower_ in _ARTICLES for t in gap)
        return Nominal(verb.idx, end_token.idx + len(end_token.text), noun_verb, form,
                       fixable=form is not None and only_articles and verb.pos_ != "ADJ")

    def _finne_sted(self, token: Any) -> bool:
        options: SubstantivsjukeOptions = self.options  # type: ignore[assignment]
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return token.lemma_.lower() == "finne" and following is not None and following.lower_ in options.place_nouns

    def _type2(self, verb: Any, standard: str) -> Nominal | None:
        """«Innkalling av vitner skal skje», «Vaksineringa skal finne stad»: the clause's subject
        (its first noun, at the start of the sentence) is a verbal noun."""
        doc = verb.doc
        end = verb.idx + len(verb.text)
        if verb.lemma_.lower() == "finne":
            place = doc[verb.i + 1]
            end = place.idx + len(place.text)
        sentence = verb.sent
        for token in doc[sentence.start : verb.i]:
            if token.pos_ in ("DET", "ADJ"):
                continue
            if token.pos_ == "NOUN":
                noun_verb = self._verb_for(token, standard, None)
                if noun_verb is not None and not _finite_between(token, verb):
                    return Nominal(token.idx, end, noun_verb, None, False, empty=True)
            break
        return None

    def _everyday(self, found: Nominal) -> Severity | None:
        """The lower level for the findings that are often fine; never above the rule's own level."""
        if found.empty:
            return None
        options: SubstantivsjukeOptions = self.options  # type: ignore[assignment]
        return self.capped(options.everyday_severity)

    # -- message -----------------------------------------------------------------------------------

    @staticmethod
    def _finding(text: str, found: Nominal, standard: str, severity: Severity | None) -> Finding:
        match = text[found.start : found.end]
        suggestion = match_case(found.form, match) if found.fixable and found.form else found.verb
        advice = ({"nb": "Skriv heller verbet: «{v}».", "nn": "Skriv heller verbet: «{v}»."}[standard]
                  .format(v=suggestion))
        if not found.fixable:
            advice += {"nb": " Si gjerne hvem som gjør det.", "nn": " Sei gjerne kven som gjer det."}[standard]
        return Finding(found.start, found.end,
                       params={"match": match, "suggestion": f"«{suggestion}»", "verb": found.verb, "advice": advice},
                       suggestions=(suggestion,), safe=False, fixable=found.fixable, severity=severity)


def _noun_keys(noun: Any) -> list[str]:
    """Lemma, then the form, then the form without a definite/plural ending (the lemmatiser
    sometimes leaves «Innkallinga» as it is)."""
    lower = noun.lower_
    keys = [noun.lemma_.lower(), lower]
    keys += [lower[: -len(ending)] for ending in _DEFINITE_ENDINGS if lower.endswith(ending) and len(lower) > len(ending) + 3]
    return keys


def _passive_form(verb: Any) -> bool:
    """«gjennomføres», «gjennomførast», or a participle after «bli/verte/være»."""
    if "Pass" in verb.morph.get("Voice") or "st-form" in (verb.tag_ or ""):
        return True
    if "Part" not in verb.morph.get("VerbForm") and "perf-part" not in (verb.tag_ or ""):
        return False
    doc = verb.doc
    for token in doc[max(verb.sent.start, verb.i - 3) : verb.i]:
        if token.lemma_.lower() in _PASSIVE_AUX:
            return True
    return False


def _finite_between(noun: Any, verb: Any) -> bool:
    """Another clause between subject and verb («Vaksinering er viktig, og det skal skje …»)."""
    for token in noun.doc[noun.i + 1 : verb.i]:
        if token.pos_ in ("PUNCT", "SCONJ") or (token.pos_ == "VERB" and "Fin" in token.morph.get("VerbForm")):
            return True
    return False


def _inflect(noun_verb: str, empty: Any, standard: str) -> str | None:
    """The noun's verb in the empty verb's form: «foretok» → «vurderte», «foreta» → «vurdere»,
    «har gjennomført» → «kartlagt». Phrasal verbs («gå gjennom», «kalle inn») inflect the first word."""
    head, _, particle = noun_verb.partition(" ")
    morph = empty.morph
    if empty.pos_ == "ADJ" or _passive_form(empty):
        return None  # passive or adjectival use: the writer must rebuild the sentence
    if "Inf" in morph.get("VerbForm"):
        slot = "infinitive"
    elif "Part" in morph.get("VerbForm"):
        slot = "participle"
    elif "Past" in morph.get("Tense"):
        slot = "past"
    elif "Pres" in morph.get("Tense"):
        slot = "present"
    else:
        return None
    form = verb_form(head, slot, standard)
    if not form:
        return None
    return f"{form} {particle}" if particle else form

"""The active rewrite of a simple passive clause, offered as advice by ``passiv``.

«Søknaden behandles innen tre uker» → «Vi behandler søknaden innen tre uker»: the subject becomes
the object, and «vi», «du» or the «av» agent becomes the subject. When the clause is not simple
enough to be sure, there is no rewrite at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from klarsprak.checks.builtins._passive import (
    MODAL_FORMS,
    MODAL_LEMMAS,
    PASSIVE_AUX_LEMMAS,
    Passive,
    is_definite,
)
from klarsprak.checks.builtins._verbformer import verb_form
from klarsprak.checks.substitution import match_case

PARTICLES = frozenset("inn ut opp ned fram frem tilbake bort vekk igjen".split())
SUBORDINATORS = frozenset("hvis viss dersom når om at fordi før da då etter".split())
OBJECT_PRONOUNS = {
    "nb": {"jeg": "meg", "du": "deg", "han": "ham", "hun": "henne", "vi": "oss", "dere": "dere", "de": "dem",
           "den": "den", "dette": "dette", "denne": "denne", "disse": "disse"},
    "nn": {"eg": "meg", "du": "deg", "han": "han", "ho": "henne", "vi": "oss", "me": "oss", "de": "dykk",
           "dei": "dei", "den": "den", "dette": "dette", "denne": "denne", "desse": "desse"},
}
READER = frozenset({"du", "deg", "dere", "de", "dykk"})
# What a reader of a health service's post is typically asked to do (lemmas, both standards).
READER_ACTIONS = frozenset("""
    bestille avbestille sende fylle logge søke søkje laste registrere melde endre ringe kontakte bruke
    ta levere betale signere legge leggje lese svare oppgi oppgje vise møte fornye godkjenne
    bekrefte stadfeste gi gje skrive velje velge klage
""".split())
SPEAKER = frozenset({"vi", "me", "oss", "jeg", "eg", "meg"})
_NP_POS = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN", "PRON"})
_NP_HEAD = frozenset({"NOUN", "PROPN", "PRON"})
_FRONT_POS = frozenset({"ADV", "ADP", "NOUN", "DET", "ADJ", "NUM", "PROPN"})
# Nouns that end a complex preposition with «av» («på grunn av», «ved hjelp av»).
NOT_AGENT_BEFORE = frozenset("""
    grunn hjelp løpet følge form bruk kraft vegne vegner tillegg stand mangel hensyn omsyn kjølvatnet
    etterkant forbindelse samband del delar deler resten halvparten mengde rekke rekkje utgangspunkt
    starten slutten begynnelsen byrjinga midten toppen bunnen påvente vente
""".split())
MAX_REST = 80  # characters of the sentence kept after the verb before it is cut with «…»


def active_sentence(passive: Passive, standard: str) -> str | None:
    """The sentence rewritten in the active voice with «vi», «du» or the «av» agent, or None
    when the sentence is not a simple clause the rewrite is sure of."""
    try:
        return _Rewrite(passive, "nn" if standard == "nn" else "nb").build()
    except _NoRewrite:
        return None


class _NoRewrite(Exception):
    pass


@dataclass
class _Clause:
    """The passive clause taken apart: what stays, the subject that becomes the object, adverbs."""

    prefix: list[str]  # words before the clause («Hvis», «I dag»)
    subject: list[Any]
    adverbs: list[str]
    auxiliaries: list[Any]  # «bli», «blitt» … between the finite verb and the participle
    after: int  # index of the first token after the passive verb (and particle)
    before_fin: list[str] = field(default_factory=list)
    particle: Any | None = None
    subordinate: bool = False
    inverted: bool = False


class _Rewrite:
    def __init__(self, passive: Passive, standard: str) -> None:
        self.passive = passive
        self.standard = standard
        self.tokens = [t for t in passive.verb.sent if not t.is_space]
        self.position = {t.i: n for n, t in enumerate(self.tokens)}

    def build(self) -> str:
        fin = self._finite()
        if fin is None:
            raise _NoRewrite
        try:
            clause = self._straight(fin)  # «Søknaden behandles …», «hvis søknaden ikke blir godkjent»
        except _NoRewrite:
            clause = self._inverted(fin)  # «I dag sendes brevet …», «Nå kan vaksinen bestilles …»
        finite, main = self._verbs(fin, clause.auxiliaries)
        after = clause.after
        particle = clause.particle
        if particle is None and after < len(self.tokens) and self.tokens[after].lower_ in PARTICLES:
            particle = self.tokens[after]
            after += 1
        clause_end = self._clause_end(after, subordinate=clause.subordinate)
        agent, keep = self._agent(after, clause_end)
        obj = self._object(clause.subject)
        doer = agent or self._pronoun(clause.subject, fin)
        words = list(clause.prefix)
        if clause.inverted:  # «I dag sender vi …»
            words += [finite, doer]
        else:  # «Vi behandler …», «hvis vi ikke godkjenner …»
            words += [doer] + clause.before_fin + [finite]
        words += clause.adverbs
        if main:
            words.append(main)
        pronoun_object = len(clause.subject) == 1 and clause.subject[0].pos_ == "PRON"
        if particle is not None:
            words += [obj, particle.text] if pronoun_object else [particle.text, obj]
        else:
            words.append(obj)
        text = " ".join(words)
        rest = self._rest(keep)
        if rest:
            text += rest if rest[:1] in ",.;:!?" else " " + rest
        return text[:1].upper() + text[1:]

    def _straight(self, fin: Any) -> _Clause:
        """Subject before the finite verb, at the start of the sentence or after «hvis/når/at …»."""
        verb = self.passive.verb
        start, subject = self._subject(fin)
        before_fin = self.tokens[subject[-1] + 1 : self.position[fin.i]]  # adverbs in a subordinate clause
        if not all(t.pos_ in ("ADV", "PART") for t in before_fin):
            raise _NoRewrite
        middle = self.tokens[self.position[fin.i] + 1 : self.position[verb.i]]
        adverbs, auxiliaries = self._split_middle(middle)
        return _Clause(prefix=[t.text for t in self.tokens[:start]], subject=[self.tokens[n] for n in subject],
                       before_fin=[t.text for t in before_fin], adverbs=adverbs, auxiliaries=auxiliaries,
                       after=self.position[verb.i] + 1, subordinate=start > 0)

    def _inverted(self, fin: Any) -> _Clause:
        """An adverbial first, then the finite verb and the subject: «I dag sendes brevet ut»."""
        verb = self.passive.verb
        f, v = self.position[fin.i], self.position[verb.i]
        fronted = self.tokens[:f]
        if not fronted or any(t.pos_ not in _FRONT_POS for t in fronted) or fronted[0].lower_ in SUBORDINATORS:
            raise _NoRewrite
        n = f + 1
        subject = []
        limit = v if fin is not verb else len(self.tokens)
        while n < limit and self.tokens[n].pos_ in _NP_POS and len(subject) < 6:
            subject.append(self.tokens[n])
            n += 1
        if not subject or subject[-1].pos_ not in _NP_HEAD or (len(subject) > 1 and any(t.pos_ == "PRON" for t in subject)):
            raise _NoRewrite
        if subject[0].pos_ == "PRON" and subject[0].lower_ not in OBJECT_PRONOUNS[self.standard]:
            raise _NoRewrite  # «I dag blir det sendt …»: «det» is no object
        if fin is verb:  # «I dag sendes brevet ikke ut»
            adverbs = []
            while n < len(self.tokens) and self.tokens[n].pos_ in ("ADV", "PART") and self.tokens[n].lower_ not in PARTICLES:
                adverbs.append(self.tokens[n].text)
                n += 1
            particle = self.tokens[n] if n < len(self.tokens) and self.tokens[n].lower_ in PARTICLES else None
            return _Clause(prefix=[t.text for t in fronted], subject=subject, adverbs=adverbs, auxiliaries=[],
                           after=n + (particle is not None), particle=particle, inverted=True)
        adverbs, auxiliaries = self._split_middle(self.tokens[n:v])
        return _Clause(prefix=[t.text for t in fronted], subject=subject, adverbs=adverbs, auxiliaries=auxiliaries,
                       after=v + 1, inverted=True)

    @staticmethod
    def _split_middle(middle: list[Any]) -> tuple[list[str], list[Any]]:
        """Adverbs between the finite verb and the main verb, and the passive auxiliaries to drop."""
        adverbs = [t.text for t in middle if t.pos_ in ("ADV", "PART")]
        auxiliaries = [t for t in middle if t.pos_ not in ("ADV", "PART")]
        if any(t.lemma_.lower() not in PASSIVE_AUX_LEMMAS for t in auxiliaries):
            raise _NoRewrite  # «kan ha blitt sendt» …
        return adverbs, auxiliaries

    # -- pieces --------------------------------------------------------------------------------

    def _finite(self) -> Any | None:
        """The finite verb of the passive clause: the s-passive itself, the modal or «bli/verte»."""
        passive = self.passive
        verb = passive.verb
        if passive.kind in ("s-passiv", "st-passiv"):
            if passive.modal is not None:
                return passive.modal
            if "Fin" in verb.morph.get("VerbForm") or passive.nynorsk_error:
                return verb
            return None
        aux = passive.auxiliary
        if "Fin" in aux.morph.get("VerbForm"):
            return aux
        n = self.position[aux.i] - 1
        while n >= 0 and self.tokens[n].pos_ in ("ADV", "PART", *_NP_POS):
            n -= 1
        if n >= 0 and self.tokens[n].pos_ in ("AUX", "VERB") and "Fin" in self.tokens[n].morph.get("VerbForm"):
            return self.tokens[n]
        return None

    def _subject(self, fin: Any) -> tuple[int, list[int]]:
        """(index where the clause starts, indices of its subject noun phrase)."""
        position = self.position[fin.i]
        start = 0
        if self.tokens[0].lower_ in SUBORDINATORS and self.tokens[0].pos_ in ("SCONJ", "ADV", "ADP"):
            start = 1
        subject: list[int] = []
        for n in range(start, position):
            if self.tokens[n].pos_ in ("ADV", "PART") and subject and start:
                break  # «hvis søknaden ikke blir …»: the adverbs come after the subject
            subject.append(n)
        if not subject or len(subject) > 6:
            raise _NoRewrite
        tokens = [self.tokens[n] for n in subject]
        if any(t.pos_ not in _NP_POS for t in tokens) or tokens[-1].pos_ not in _NP_HEAD:
            raise _NoRewrite
        if any(t.pos_ == "PRON" for t in tokens) and len(tokens) > 1:
            raise _NoRewrite
        if tokens[0].pos_ == "PRON" and tokens[0].lower_ not in OBJECT_PRONOUNS[self.standard]:
            raise _NoRewrite  # «det», «noe», «alt»: not a clear object
        if start == 0 and any(t.text[:1].isupper() for t in tokens[1:]) and tokens[-1].pos_ != "PROPN":
            raise _NoRewrite  # a title or a heading in capitals
        return start, subject

    def _verbs(self, fin: Any, auxiliaries: list[Any]) -> tuple[str, str | None]:
        """(new finite verb, new non-finite main verb or None) in the tense of the passive."""
        verb, passive = self.passive.verb, self.passive
        lemma = verb.lemma_.lower()
        written = verb.text if passive.kind == "bli-passiv" else None
        if fin is verb:  # a nynorsk -st passive without modal is always meant as present
            slot = "past" if "Past" in verb.morph.get("Tense") and passive.kind == "s-passiv" else "present"
            return self._form(lemma, slot, written), None
        fin_lemma = fin.lemma_.lower()
        if fin_lemma in PASSIVE_AUX_LEMMAS:
            slot = "past" if "Past" in fin.morph.get("Tense") else "present"
            return self._form(lemma, slot, written), None
        if fin_lemma in MODAL_LEMMAS or fin.lower_ in MODAL_FORMS:
            if any("Part" in t.morph.get("VerbForm") for t in auxiliaries):
                raise _NoRewrite  # «må ha blitt sendt»
            return fin.text, self._form(lemma, "infinitive", written)
        if fin_lemma in ("ha", "være", "vere") and auxiliaries:
            past = "Past" in fin.morph.get("Tense")
            have = "hadde" if past else "har"
            return match_case(have, fin.text), self._form(lemma, "participle", written)
        raise _NoRewrite

    def _form(self, lemma: str, slot: str, participle: str | None) -> str:
        form = verb_form(lemma, slot, self.standard, participle)
        if not form:
            raise _NoRewrite
        return form

    def _clause_end(self, after: int, subordinate: bool) -> int:
        """Index after the last token of the passive clause (a subordinate one ends at a comma)."""
        for n in range(after, len(self.tokens)):
            if subordinate and self.tokens[n].text == ",":
                return n
        return len(self.tokens)

    def _agent(self, after: int, clause_end: int) -> tuple[str | None, list[tuple[int, int]]]:
        """The «av»-phrase that names the doer («… behandles av NAV» → «NAV behandler …»), right
        after the verb, or last in the clause after a short place or time phrase («kalt inn til
        time av fastlegen»). Returns the doer and the token ranges to keep. Any other «av» that
        could be the doer («preget av ulikhet» further on) means no rewrite."""
        keep = [(after, len(self.tokens))]
        end = clause_end
        while end > after and self.tokens[end - 1].is_punct:
            end -= 1
        for n in range(after, end):
            if self.tokens[n].lower_ != "av":
                continue
            before = self.tokens[n - 1]
            if n > after and (before.lower_ in NOT_AGENT_BEFORE or before.pos_ in ("DET", "NUM", "PRON", "ADJ")):
                continue  # «på grunn av sykdom», «ein av dei»: not the doer
            phrase = self.tokens[n + 1 : end]
            clean = (phrase and len(phrase) <= 5 and all(t.pos_ in _NP_POS for t in phrase)
                     and phrase[-1].pos_ in ("NOUN", "PROPN") and not any(t.pos_ == "PRON" for t in phrase))
            doer_like = n == after or (
                before.pos_ == "NOUN" and not is_definite(before) and n >= 2 and self.tokens[n - 2].pos_ == "ADP"
                and (phrase and (phrase[-1].pos_ == "PROPN" or is_definite(phrase[-1]))))
            if clean and doer_like:
                return " ".join(t.text for t in phrase), [(after, n), (end, len(self.tokens))]
            raise _NoRewrite  # «virkningen av momsreformen», «av hensyn til»: not sure who acts
        return None, keep

    def _object(self, subject: list[Any]) -> str:
        first = subject[0]
        if len(subject) == 1 and first.pos_ == "PRON":
            return OBJECT_PRONOUNS[self.standard][first.lower_]
        words = [t.text for t in subject]
        first_word = next((t for t in self.tokens if not t.is_punct), None)
        if first.pos_ != "PROPN" and not first.text.isupper() and first_word is not None and first.i == first_word.i:
            words[0] = first.text[:1].lower() + first.text[1:]
        return " ".join(words)

    def _pronoun(self, subject: list[Any], fin: Any) -> str:
        """«vi» for what the sender does, «du» for what the reader is asked to do («må sendes»)."""
        words = {t.lower_ for t in subject}
        if words & SPEAKER:
            raise _NoRewrite  # «Vi blir kalla inn»: someone else acts, and we cannot know who
        if words & READER:
            return "vi"
        if fin.lower_ in ("kan", "må", "bør", "lyt", "får") and self.passive.verb.lemma_.lower() in READER_ACTIONS:
            return "du"  # «Timen kan bestilles på helsenorge.no» → «Du kan bestille timen …»
        return "vi"

    def _shared_subject_clause(self, start: int) -> int | None:
        """Where «og/men/eller» + a finite verb or a participle begins a clause (or a second
        passive) whose subject is the passive's."""
        for n in range(start, len(self.tokens) - 1):
            token, following = self.tokens[n], self.tokens[n + 1]
            shares = following.pos_ in ("VERB", "AUX", "ADJ") and (
                "Fin" in following.morph.get("VerbForm") or "Part" in following.morph.get("VerbForm"))
            if token.pos_ == "CCONJ" and shares:  # «…, og har dermed …», «… og vist som serie»
                return n - 1 if n > start and self.tokens[n - 1].text == "," else n
        return None

    def _rest(self, keep: list[tuple[int, int]]) -> str:
        """The rest of the sentence as written (minus the «av» agent), cut if it runs long or
        where a second clause shares the old subject («…, og har dermed bedre helse»)."""
        doc_text = self.tokens[0].doc.text
        parts = []
        shared = self._shared_subject_clause(keep[0][0])
        if shared is not None:
            keep = [(start, min(end, shared)) for start, end in keep if start < shared]
        for start, end in keep:
            if start >= end:
                continue
            first, last = self.tokens[start], self.tokens[end - 1]
            parts.append(doc_text[first.idx : last.idx + len(last.text)])
        text = ""
        for part in parts:
            text += part if not text or part[:1] in ",.;:!?" else " " + part
        if shared is not None:
            text = text.rstrip(" ,") + " …"
        if len(text) > MAX_REST:
            cut = text.find(",")
            text = (text[:cut] if 0 < cut <= MAX_REST else text[:MAX_REST].rsplit(" ", 1)[0]) + " …"
        return text

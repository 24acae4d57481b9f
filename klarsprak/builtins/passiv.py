"""``passiv`` and ``nynorsk-st-passiv``: passive voice, found from the language model's tags.

Two constructions in both standards (research notes §1.4):
- s-passive: «søknaden behandles», «må sendes»; nynorsk «kan behandlast» (-ast/-st form);
- bli/verte + participle: «ble behandlet», «vart behandla», «har blitt sendt», «blir du kalla inn».
``passiv`` asks who does what and, where the clause is simple enough to rewrite, suggests the
active form with «vi» or «du» (advice, never a fix). ``nynorsk-st-passiv`` flags the nynorsk -st
passive without a modal verb («Søknaden behandlast no»), which the norm does not allow.

Deponent verbs («synes», «finnes», «trives», «møtes», nn «synest», «finst», «trivst» …) look
passive but are not, and are never reported. Without the language model (no POS tags) both
checks stay silent: passive cannot be told from the word form alone without false alarms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from klarsprak.analysis import doc_has, span_tokens
from klarsprak.builtins._verbformer import known_verb, verb_form
from klarsprak.checks import Check, CheckContext, Finding, Options
from klarsprak.checks.builtin import register
from klarsprak.checks.substitution import match_case, quoted_spans

PASSIVE_AUX_LEMMAS = frozenset({"bli", "verte"})
MODAL_LEMMAS = frozenset({"kunne", "måtte", "skulle", "burde", "ville", "få", "lyte", "trenge", "tore"})
MODAL_FORMS = frozenset({
    "kan", "kunne", "kunna", "må", "måtte", "skal", "skulle", "skulla", "bør", "burde", "vil", "ville",
    "villa", "får", "fekk", "fikk", "lyt", "laut", "treng", "trong", "trenger", "tør", "torde",
})
VOWELS = frozenset("aeiouyæøå")
MAX_GAP = 8  # words between «vart» and its participle («vart det i fjor ikkje behandla»)

# Deponent and reciprocal verbs: -s/-st forms that are active in meaning. Every form is listed
# (the model tags most of them <s-verb>/<st-verb>, this list catches the rest).
DEPONENTS = frozenset("""
    synes syntes syns synts fins finnes fantes trives trivdes møtes møttes lykkes lyktes mislykkes
    mislyktes minnes mintes kjennes kjentes trenges trengtes høres hørtes treffes trefftes ryktes ses
    sees slåss enes eldes svettes undres undredes omgås omgikkes føles føltes låtes tykkes skjemmes
    skammes kappes
    synast synest syntest synst finnast finst fanst finnest fannst trivast trivst trivest treivst
    møtast møtest møttest lukkast lukkest lykkast lykkest mislukkast mislykkast minnast minnest mintest
    kjennast kjennest kjendest trengast trengst trongst høyrast høyrest høyrdest treffast treffest
    slåst einast eldast sveittast undrast omgåast spørjast spørst vonast vonest ottast ottest
    skjemmast skammast kappast tykkjast tykkjest
""".split())
# Participles that after «bli/verte» describe a state of mind or body, not an action done to
# someone («Eg vart overraska», «bli kjent med»): adjectives in practice.
STATIVE_PARTICIPLES = frozenset("""
    overrasket overraska sjokkert sjokka skuffet skuffa imponert forbauset forbausa lettet letta
    bekymret bekymra uroa forelsket forelska begeistret begeistra interessert opptatt oppteken
    forvirret forvirra irritert frustrert fascinert rørt knust fornøyd nøgd kjent kjend vant van
    gift skilt skild forlovet forlova pensjonert utslitt utsliten sliten solbrent solbrend solbrente
    bortskjemt fortvilet fortvila glad lei sint redd syk sjuk ferdig klar kvitt født fødd fødde
""".split())
_ENGLISH = frozenset("the what and of you this that with was were are my your on an who which there their they".split())
_CLAUSE_STOP_POS = frozenset({"SCONJ", "CCONJ", "PUNCT", "SYM", "X", "INTJ"})
_GAP_POS = frozenset({"ADV", "PART", "PRON", "NOUN", "PROPN", "DET", "NUM", "ADJ", "ADP"})


@dataclass(frozen=True)
class Passive:
    """One passive verb: the s/st-passive or the participle, with what governs it."""

    verb: Any  # spacy Token
    kind: str  # "s-passiv", "st-passiv" (nynorsk -ast/-st) or "bli-passiv"
    auxiliary: Any | None = None  # «bli/verte» for bli-passiv
    modal: Any | None = None  # modal verb before an s/st-passive infinitive («kan», «må»)
    after_marker: bool = False  # «å» right before the s/st-passive («å behandlast»)

    @property
    def nynorsk_error(self) -> bool:
        """A nynorsk -st passive that no modal verb governs («Søknaden behandlast no»)."""
        return self.kind == "st-passiv" and self.modal is None and not self.after_marker

    @property
    def start(self) -> int:
        """First character to mark: «ble behandlet» whole when the two stand together."""
        aux = self.auxiliary
        if aux is not None and self.verb.i - aux.i == 1:
            return aux.idx
        return self.verb.idx

    @property
    def end(self) -> int:
        return self.verb.idx + len(self.verb.text)


def has_tags(doc: Any) -> bool:
    """The model tagged the text (POS and morphology); without it there is nothing to go on."""
    return doc_has(doc, "POS") and doc_has(doc, "MORPH")


def find_passives(doc: Any) -> list[Passive]:
    """Every passive in a tagged Doc, in text order, each verb once (both standards: the tags
    differ — ``Voice=Pass`` in bokmål, ``st-form`` in nynorsk — and both are looked at)."""
    if not has_tags(doc):
        return []
    found: dict[int, Passive] = {}
    for sentence in doc.sents:
        if _looks_english(sentence):
            continue
        for token in span_tokens(sentence):
            passive = _passive_at(token)
            if passive is not None:
                found.setdefault(passive.verb.i, passive)
    return [found[i] for i in sorted(found)]


def is_deponent(token: Any) -> bool:
    """An -s/-st verb that is active in meaning: tagged so by the model, or a listed form."""
    tag = token.tag_ or ""
    return ("<s-verb>" in tag or "<st-verb>" in tag or token.lower_ in DEPONENTS
            or token.lemma_.lower() in DEPONENTS)


def _passive_at(token: Any) -> Passive | None:
    verbal = token.pos_ in ("VERB", "AUX")
    if (verbal and "Pass" in token.morph.get("Voice") and token.lower_.endswith("s")
            and not is_deponent(token) and not _genitive(token)):
        return _with_modal(token, "s-passiv")
    # an -st form counts whatever the POS: the morphologizer may say ADJ («informerast»)
    if (verbal or token.pos_ == "ADJ") and _is_st_form(token) and not is_deponent(token):
        passive = _with_modal(token, "st-passiv")
        if passive.nynorsk_error and not _built_on_verb(token.lower_):
            return None  # «han er flinkast»: a superlative the tagger took for a verb
        return passive
    if token.pos_ == "VERB" and _tagged_deponent_of_a_verb(token):
        # NDT lemmatises some passives as verbs of their own («gjerast», «leggjast»), and the
        # tagger then calls them deponents; after a modal they are passives («må gjerast»).
        passive = _with_modal(token, "st-passiv" if token.lower_.endswith("st") else "s-passiv")
        if passive.modal is not None:
            return passive
    if token.lemma_.lower() in PASSIVE_AUX_LEMMAS and token.pos_ in ("AUX", "VERB"):
        participle = _participle_after(token)
        if participle is not None:
            return Passive(participle, "bli-passiv", auxiliary=token)
    return None


def _tagged_deponent_of_a_verb(token: Any) -> bool:
    """Tagged ``<s-verb>``/``<st-verb>`` but not a listed deponent, and built on an ordinary verb."""
    tag = token.tag_ or ""
    lower = token.lower_
    if not ("<s-verb>" in tag or "<st-verb>" in tag) or lower in DEPONENTS or token.lemma_.lower() in DEPONENTS:
        return False
    return _built_on_verb(lower)


def _built_on_verb(lower: str) -> bool:
    """The form without its -(a)st/-(e)s is an ordinary verb («gjerast» → «gjere», «sjåast» → «sjå»),
    not an adjective («flinkast» is a superlative)."""
    for ending in ("ast", "st", "es", "s"):
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            stem = lower[: -len(ending)]
            if stem.endswith("er") and len(stem) >= 6:
                return True  # the productive -ere verbs, seen in NDT or not («vaksinerast»)
            return any(_verb_lemma(candidate) and known_verb(candidate)
                       for candidate in (stem + "e", stem + "a", stem))
    return False


def _genitive(token: Any) -> bool:
    """An -s genitive the tagger took for a passive («egen og næres helse», «foreldres største
    mareritt»): a bare indefinite noun follows, and no subject or adverb comes before."""
    doc = token.doc
    n = token.i + 1
    while n < len(doc) and doc[n].pos_ == "ADJ":
        n += 1
    if n >= len(doc) or doc[n].pos_ != "NOUN" or "Def" in doc[n].morph.get("Definite"):
        return False
    previous = doc[token.i - 1] if token.i > token.sent.start else None
    if previous is not None and (previous.lemma_.lower() in MODAL_LEMMAS or previous.lower_ in MODAL_FORMS):
        return False  # «bør bygges gasskraftverk», «må legges vekt på»
    return previous is None or previous.pos_ in ("ADP", "CCONJ", "DET", "AUX", "SCONJ")


def _is_st_form(token: Any) -> bool:
    """Nynorsk -ast/-st passive: tagged ``st-form`` (not the deponent ``<st-verb>``), or an -erast
    form of an -ere verb that the tagger read as a superlative («vaksinerast»). The tagger and the
    morphologizer decide apart, so the POS may say ADJ where the tag says verb («informerast»)."""
    tag = token.tag_ or ""
    lower = token.lower_
    if "st-form" in tag:
        return "<st-verb>" not in tag and lower.endswith("st")
    return "sup" in tag.split("|") and lower.endswith("erast") and _built_on_verb(lower)


def _with_modal(verb: Any, kind: str) -> Passive:
    """Look back in the clause for the modal verb that licenses an s/st-passive infinitive.

    Coordinated infinitives share it («kan sendast og behandlast»), and the subject may stand
    between them in a question («Kan søknaden sendast?»). A finite verb, a subordinating word or
    punctuation ends the clause.
    """
    sentence_start = verb.sent.start
    index = verb.i - 1
    steps = 0
    while index >= sentence_start and steps < 10:
        token = verb.doc[index]
        lower = token.lower_
        if steps == 0 and lower == "å":
            return Passive(verb, kind, after_marker=True)
        if token.pos_ in ("AUX", "VERB") and (token.lemma_.lower() in MODAL_LEMMAS or lower in MODAL_FORMS):
            return Passive(verb, kind, modal=token)
        if token.pos_ in ("AUX", "VERB"):
            if _is_st_form(token) or "Pass" in token.morph.get("Voice") or "Fin" not in token.morph.get("VerbForm"):
                index -= 1
                steps += 1
                continue  # «sendast og behandlast», «har kunna gjerast»
            break
        if token.pos_ in ("PUNCT", "SCONJ") or lower in ("som", "at"):
            break
        index -= 1
        steps += 1
    return Passive(verb, kind)


def _participle_after(aux: Any) -> Any | None:
    """The participle that makes «bli/verte» passive, within the same clause."""
    doc = aux.doc
    end = min(aux.sent.end, aux.i + MAX_GAP + 2)
    previous = aux
    for token in doc[aux.i + 1 : end]:
        if token.is_space or token.text in ("«", "»", '"'):
            continue
        if _participle_like(token):
            if token.lemma_.lower() in PASSIVE_AUX_LEMMAS:
                previous = token
                continue  # «har blitt behandlet»: «blitt» is the auxiliary's own participle
            if _adjectival(token, previous):
                return None
            return token
        if token.pos_ in _CLAUSE_STOP_POS or token.pos_ not in _GAP_POS:
            return None
        previous = token
    return None


def _participle_like(token: Any) -> bool:
    """A past participle; as the first verb after the auxiliary also a weak past form the tagger
    chose («vart nytta», «blir diskuterte»: two finite verbs cannot follow each other)."""
    if token.pos_ not in ("VERB", "ADJ"):
        return False
    tag = token.tag_ or ""
    lower = token.lower_
    if "<pres-part>" in tag or lower.endswith(("ende", "ande")):
        return False
    if "Part" in token.morph.get("VerbForm") or "perf-part" in tag:
        return True
    return (token.pos_ == "VERB" and "Past" in token.morph.get("Tense")
            and lower.endswith(("et", "a", "te", "de", "dd", "t", "d")))


def _adjectival(participle: Any, previous: Any) -> bool:
    """A participle used as an adjective: a state («vart overraska»), inside a noun phrase
    («bli ein integrert del»), or a word whose lemma is no verb («vert for ferskt»)."""
    if participle.lower_ in STATIVE_PARTICIPLES:
        return True
    lemma = participle.lemma_.lower()
    if lemma != participle.lower_ and not _verb_lemma(lemma):
        return True  # the lemmatiser saw another word («fersk», «brød»); an unknown lemma (= form) may be a verb
    if previous.pos_ == "DET":
        return True
    following = participle.nbor(1) if participle.i + 1 < len(participle.doc) else None
    return following is not None and following.pos_ == "NOUN" and previous.pos_ in ("ADJ", "NUM")


def _definite(token: Any) -> bool:
    """Definite noun: UD ``Definite=Def`` (bokmål) or the Oslo-Bergen tag (nynorsk «bu»)."""
    return "Def" in token.morph.get("Definite") or bool({"be", "bu"} & set((token.tag_ or "").split("|")))


def _verb_lemma(lemma: str) -> bool:
    """A lemma that can be a verb: an infinitive ends in a vowel («fradømme»), or NDT knows it
    as a verb, or it is a strong compound. «fersk», «brød» are not; NDT's verb list alone is too
    small (it lacks «friste», «omdanne»)."""
    from klarsprak.inflect import split_strong

    return lemma[-1:] in VOWELS or known_verb(lemma) or split_strong(lemma) is not None


def _looks_english(sentence: Any) -> bool:
    """Quoted English («The spirit carries on») has -s verbs the tagger may call passive."""
    return sum(1 for token in span_tokens(sentence) if token.lower_ in _ENGLISH) >= 2


# ---------------------------------------------------------------------------------------------
# The active rewrite: «Søknaden behandles innen tre uker» → «Vi behandler søknaden innen tre uker»
# ---------------------------------------------------------------------------------------------

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
                before.pos_ == "NOUN" and not _definite(before) and n >= 2 and self.tokens[n - 2].pos_ == "ADP"
                and (phrase and (phrase[-1].pos_ == "PROPN" or _definite(phrase[-1]))))
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


# ---------------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------------

ADVICE = {
    "passiv": {
        "nb": {"with": "Si hvem som gjør det, for eksempel: «{suggestion}»",
               "without": "Si hvem som gjør det – «vi» eller «du» – der det er kjent."},
        "nn": {"with": "Sei kven som gjer det, til dømes: «{suggestion}»",
               "without": "Sei kven som gjer det – «vi» eller «du» – der det er kjent."},
    },
    "st": {
        "nb": {"with": "Skriv «{bli}» + partisipp, eller aktivt, for eksempel: «{suggestion}»",
               "without": "Skriv «{bli}» + partisipp, eller bruk et modalt hjelpeverb («kan», «må», «skal»)."},
        "nn": {"with": "Skriv «{bli}» + partisipp, eller aktivt, til dømes: «{suggestion}»",
               "without": "Skriv «{bli}» + partisipp, eller bruk eit modalt hjelpeverb («kan», «må», «skal»)."},
    },
}
BLI = {"nb": "blir", "nn": "blir/vert"}


class PassivOptions(Options):
    suggest_active: bool = True  # rewrite simple clauses in the active voice as a suggestion
    skip_nynorsk_error: bool = True  # leave «Søknaden behandlast» to nynorsk-st-passiv (no double finding)


class _PassiveCheck(Check):
    level = "segment"

    def _passives(self, item: Any, ctx: CheckContext) -> Iterator[tuple[Passive, str]]:
        doc = item.doc
        if not has_tags(doc):
            return
        standard = "nn" if ctx.malform == "nn" else "nb"
        quoted = quoted_spans(item.segment.text)
        for passive in find_passives(doc):
            if any(start <= passive.verb.idx < end for start, end in quoted):
                continue  # someone else's words
            yield passive, standard


@register("passiv")
class Passiv(_PassiveCheck):
    Options = PassivOptions

    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        options: PassivOptions = self.options  # type: ignore[assignment]
        for passive, standard in self._passives(item, ctx):
            if options.skip_nynorsk_error and standard == "nn" and passive.nynorsk_error:
                continue
            suggestion = active_sentence(passive, standard) if options.suggest_active else None
            yield _finding(item, passive, standard, ADVICE["passiv"], suggestion)


@register("nynorsk-st-passiv")
class NynorskStPassiv(_PassiveCheck):
    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        for passive, standard in self._passives(item, ctx):
            if standard == "nn" and passive.nynorsk_error:
                yield _finding(item, passive, standard, ADVICE["st"], active_sentence(passive, standard))


def _finding(item: Any, passive: Passive, standard: str, advice: dict, suggestion: str | None) -> Finding:
    text = item.segment.text
    match = text[passive.start : passive.end]
    template = advice[standard]["with" if suggestion else "without"]
    message = template.format(suggestion=suggestion or "", bli=BLI[standard])
    return Finding(
        passive.start,
        passive.end,
        params={"match": match, "advice": message, "kind": passive.kind, "suggestion": suggestion or ""},
        suggestions=(suggestion,) if suggestion else (),
        safe=False,
        fixable=False,
    )

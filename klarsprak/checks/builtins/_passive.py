"""Finding passive voice in a tagged sentence: s-passive, -st passive and bli/verte + participle.

Deponent verbs («synes», «finnes», nn «synest», «finst») look passive but are not, and are never
returned. Without the language model's tags nothing is found: passive cannot be told from the
word form alone without false alarms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klarsprak.checks.builtins._verbformer import known_verb
from klarsprak.language.analysis import doc_has, span_tokens

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
_PASSIVE_POS = frozenset({"VERB", "AUX", "ADJ"})  # what _passive_at can return a passive for
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
    cached = doc.user_data.get("klarsprak_passives")  # passiv and nynorsk-st-passiv both ask
    if cached is not None:
        return cached
    found: dict[int, Passive] = {}
    for sentence in doc.sents:
        if _looks_english(sentence):
            continue
        for token in span_tokens(sentence):
            if token.pos_ not in _PASSIVE_POS:
                continue  # most tokens: no verb, no -st adjective
            passive = _passive_at(token)
            if passive is not None:
                found.setdefault(passive.verb.i, passive)
    passives = doc.user_data["klarsprak_passives"] = [found[i] for i in sorted(found)]
    return passives


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


def is_definite(token: Any) -> bool:
    """Definite noun: UD ``Definite=Def`` (bokmål) or the Oslo-Bergen tag (nynorsk «bu»)."""
    return "Def" in token.morph.get("Definite") or bool({"be", "bu"} & set((token.tag_ or "").split("|")))


def _verb_lemma(lemma: str) -> bool:
    """A lemma that can be a verb: an infinitive ends in a vowel («fradømme»), or NDT knows it
    as a verb, or it is a strong compound. «fersk», «brød» are not; NDT's verb list alone is too
    small (it lacks «friste», «omdanne»)."""
    from klarsprak.language.verbs import split_strong

    return lemma[-1:] in VOWELS or known_verb(lemma) or split_strong(lemma) is not None


def _looks_english(sentence: Any) -> bool:
    """Quoted English («The spirit carries on») has -s verbs the tagger may call passive."""
    return sum(1 for token in span_tokens(sentence) if token.lower_ in _ENGLISH) >= 2

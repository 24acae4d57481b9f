"""Passive voice found from the model's tags alone (no parser ships, to keep the model fast).

Two constructions, in both standards:
- s-passive: a verb whose morphology says ``Voice=Pass`` («behandles», «må sendes»);
- periphrastic passive: «bli»/«verte» followed, within a few words of the same clause, by a past
  participle («ble behandlet», «vart behandla», «har blitt sendt»); present participles
  («vart liggjande») are not passives.
The participle (or the s-passive verb) is the token reported, matching UD, where the participle
heads the ``aux:pass`` auxiliary.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

PASSIVE_AUX_LEMMAS = frozenset({"bli", "verte"})
MAX_GAP = 6  # words between auxiliary and participle («vart det i fjor ikkje behandla»)
_MAY_INTERVENE = frozenset({"ADV", "PART", "PRON", "NOUN", "PROPN", "DET", "NUM", "ADJ", "ADP", "AUX"})


@dataclass(frozen=True)
class Passive:
    verb: Token  # the s-passive verb or the participle
    auxiliary: Token | None  # «bli»/«verte» for the periphrastic passive
    kind: str  # "s-passiv", "bli-passiv" or (nynorsk, on request) "st-passiv"


def is_participle(token: Token) -> bool:
    """A past participle («behandlet», «behandla»); present participles («lydande») are not."""
    return (
        token.pos_ in {"VERB", "ADJ"}
        and "Part" in token.morph.get("VerbForm")
        and "<pres-part>" not in token.tag_
        and not token.lower_.endswith(("ende", "ande"))
    )


def is_st_passive(token: Token) -> bool:
    """Nynorsk -st passive («må sendast», «skal gjerast»), from the Oslo-Bergen tag.

    UD_Norwegian-Nynorsk marks no ``Voice=Pass`` at all, so this is only visible in ``tag_``
    (``st-form``; deponent verbs such as «synast» are ``<st-verb>`` and do not count).
    """
    return token.pos_ in {"VERB", "AUX"} and "st-form" in token.tag_.split("|")


def find_passives(doc: Doc | Span, strict: bool = False, st_form: bool = False) -> list[Passive]:
    """Every passive in the text, in order; each verb reported once.

    By default «bli/verte» counts whether the model tagged it AUX or VERB: in NDT, «bli/verte» +
    past participle is a passive 97 % (bokmål) / 93 % (nynorsk) of the time, and the tagger's
    AUX/VERB choice for «vart/vert» is the weaker signal. ``strict=True`` trusts that choice
    (higher precision, lower recall; see the README table). ``st_form=True`` adds the nynorsk
    -st passive (kind "st-passiv"), which UD does not annotate and the evaluation leaves out.
    """
    aux_pos = {"AUX"} if strict else {"AUX", "VERB"}
    found: dict[int, Passive] = {}
    for token in doc:
        if token.pos_ in {"VERB", "AUX"} and "Pass" in token.morph.get("Voice"):
            found.setdefault(token.i, Passive(token, None, "s-passiv"))
        elif st_form and is_st_passive(token):
            found.setdefault(token.i, Passive(token, None, "st-passiv"))
        elif token.pos_ in aux_pos and token.lemma_.lower() in PASSIVE_AUX_LEMMAS:
            participle = _participle_after(token)
            if participle is not None:
                found.setdefault(participle.i, Passive(participle, token, "bli-passiv"))
    return [found[i] for i in sorted(found)]


def _participle_after(aux: Token) -> Token | None:
    doc = aux.doc
    end = min(len(doc), aux.i + MAX_GAP + 2)
    for token in doc[aux.i + 1 : end]:
        if token.is_sent_start:
            return None
        if is_participle(token):
            # «blitt» in «har blitt behandlet» is itself the auxiliary's participle: look on.
            if token.lemma_.lower() in PASSIVE_AUX_LEMMAS:
                continue
            return token
        if token.pos_ not in _MAY_INTERVENE:
            return None
    return None

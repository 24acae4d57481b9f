"""Passive voice found from the model's tags alone (no parser ships, to keep the model fast).

Two constructions, in both standards:
- s-passive: a verb whose morphology says ``Voice=Pass`` («behandles», «må sendes»);
- periphrastic passive: auxiliary «bli»/«verte» followed, within a few words of the same clause,
  by a participle («ble behandlet», «vart behandla», «har blitt sendt»).
The participle (or the s-passive verb) is the token reported, matching UD, where the participle
heads the ``aux:pass`` auxiliary.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

PASSIVE_AUX_LEMMAS = frozenset({"bli", "verte"})
AUX_POS = {"AUX"}
MAX_GAP = 6  # words between auxiliary and participle («vart det i fjor ikkje behandla»)
_MAY_INTERVENE = frozenset({"ADV", "PART", "PRON", "NOUN", "PROPN", "DET", "NUM", "ADJ", "ADP", "AUX"})


@dataclass(frozen=True)
class Passive:
    verb: Token  # the s-passive verb or the participle
    auxiliary: Token | None  # «bli»/«verte» for the periphrastic passive
    kind: str  # "s-passiv" or "bli-passiv"


def is_participle(token: Token) -> bool:
    """A past participle («behandlet», «behandla»); present participles («lydande») are not."""
    return (
        token.pos_ in {"VERB", "ADJ"}
        and "Part" in token.morph.get("VerbForm")
        and "<pres-part>" not in token.tag_
        and not token.lower_.endswith(("ende", "ande"))
    )


def find_passives(doc: Doc | Span) -> list[Passive]:
    """Every passive in the text, in order; each verb reported once."""
    found: dict[int, Passive] = {}
    for token in doc:
        if token.pos_ in {"VERB", "AUX"} and "Pass" in token.morph.get("Voice"):
            found.setdefault(token.i, Passive(token, None, "s-passiv"))
        elif token.pos_ in AUX_POS and token.lemma_.lower() in PASSIVE_AUX_LEMMAS:
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

"""Principal parts of Norwegian verbs, for suggestions that need an inflected active verb.

Not a check (nothing here registers). ``passiv`` turns «Søknaden vart behandla» into «Vi behandla
søknaden» and ``substantivsjuke`` turns «foretok en vurdering» into «vurderte»: both need the
present, past or participle of a lemma in the post's standard. The forms come from the
Norwegian Dependency Treebank as statistics (``data/verbformer.tsv``, built by
``tools/build_verb_forms.py``); regular patterns cover only what is certain (bokmål present
in -r, -ere verbs, nynorsk a-verbs recognised from their participle). When a form is not known,
the answer is None and the caller gives no suggestion rather than a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "verbformer.tsv"
SLOTS = ("infinitive", "present", "past", "participle")

# Irregular presents that the bokmål «infinitive + r» rule gets wrong, for lemmas NDT may lack.
_NB_PRESENT = {"gjøre": "gjør", "spørre": "spør", "vite": "vet", "si": "sier", "være": "er", "burde": "bør"}


@dataclass(frozen=True)
class VerbForms:
    infinitive: str
    present: str
    past: str
    participle: str


@cache
def _table() -> dict[tuple[str, str], VerbForms]:
    table: dict[tuple[str, str], VerbForms] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        standard, lemma, *forms = line.split("\t")
        forms += [""] * (4 - len(forms))
        table[(standard, lemma)] = VerbForms(*forms[:4])
    return table


def known_verb(lemma: str) -> bool:
    """A verb lemma seen in either standard."""
    lemma = lemma.lower()
    return ("nb", lemma) in _table() or ("nn", lemma) in _table()


def verb_form(lemma: str, slot: str, standard: str, participle: str | None = None) -> str | None:
    """``slot`` ("infinitive", "present", "past", "participle") of ``lemma`` in "nb" or "nn".

    ``participle`` is the participle as written next to the lemma (in «vart behandla»), which tells
    a nynorsk a-verb (behandla → behandlar) from an e-verb when the table lacks the lemma.
    """
    lemma = lemma.lower()
    standard = "nn" if standard == "nn" else "nb"
    if slot == "infinitive":
        return lemma if lemma.isalpha() else None
    entry = _table().get((standard, lemma))
    value = getattr(entry, slot, "") if entry else ""
    if value:
        return value
    return _regular(lemma, slot, standard, (participle or "").lower())


def _strong(lemma: str, slot: str, standard: str) -> str | None:
    """Compounds of the strong verbs in :mod:`klarsprak.language.inflect` («kart|legge» → «kartla»)."""
    from klarsprak.language.verbs import STRONG_VERBS, split_strong

    split = split_strong(lemma)
    if split is None:
        return None
    prefix, base = split
    forms = getattr(STRONG_VERBS[base][standard], slot, ())
    return prefix + forms[0] if forms else None


def _regular(lemma: str, slot: str, standard: str, participle: str) -> str | None:
    """Strong compounds and the patterns without exceptions; everything else is unknown (None)."""
    if not lemma.isalpha() or len(lemma) < 3:
        return None
    strong = _strong(lemma, slot, standard)
    if strong:
        return strong
    if lemma.endswith("ere"):  # vurdere, registrere, informere: the same in both standards
        return {"present": lemma + "r", "past": lemma[:-1] + "te", "participle": lemma[:-1] + "t"}[slot]
    if standard == "nb":
        if slot == "present" and lemma.endswith("e"):
            return _NB_PRESENT.get(lemma, lemma + "r")
        if participle and participle == lemma[:-1] + "et" and slot in ("past", "participle"):
            return participle  # behandle → behandlet: past and participle are the same
        return None
    stem = lemma[:-1] if lemma.endswith(("e", "a")) else ""
    if stem and participle == stem + "a":  # nynorsk a-verb: behandle, behandla → behandlar
        return {"present": stem + "ar", "past": stem + "a", "participle": stem + "a"}[slot]
    return None

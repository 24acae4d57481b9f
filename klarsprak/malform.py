"""Which written standard a post is in (bokmål, nynorsk), with evidence a writer can follow.

INTERFACE CONTRACT:
- ``Malform``: "nb", "nn", "mixed", "unknown".
- ``detect_malform(words) -> MalformResult``: ``words`` are the post's word tokens (any case).
- ``MalformResult.evidence``: the marker words that decided it, most telling first; weak evidence
  (``Evidence.weak``) comes after the markers.
- ``MalformResult.nb_score``/``nn_score``: marker scores only; ``weak_nb``/``weak_nn``: the weak tier.

How it decides (explainable on purpose, and fast enough for every keystroke):
- Each word is looked up in ``wordlists/malform-markers.yaml``: words that belong to one standard
  only («ikkje», «hva», «frå», «mye» …) add their weight to that standard's score. Words valid in
  both («også», «vi», «blei», «mi/di/si» …) are listed as neutral and never count.
- A lower-case word that is not in the list may still count through its ending («-heita», «-lig»,
  «-ingar», «-ane» …), its beginning («hv-», «sjølv-») or its last compound part
  («fastlegekontoret» → «kontoret»), with a smaller weight.
- Weights come from NDT frequency ratios (see the list's header): «ikkje» counts 3, a rarer word
  or an ending 0.5–1.5.
- Weak evidence: words valid in both standards (or too rare to be markers) that are reliably more
  frequent in one of them in NDT («henne», «mens», «heim», «seg» …), and, for unlisted words, short
  endings typical of one standard («-a», «-ene»), with small weights (0.05–0.5). It never
  overrides markers: it decides only when the markers say ``unknown`` (then the larger weak side
  wins, ties stay unknown) or ``mixed`` (then markers plus weak evidence must again reach 2:1).
  A nynorsk post with one stray bokmål marker therefore stays nynorsk, and the writer sees which
  words were weak evidence.
- ``unknown`` when the total evidence is below ``MIN_EVIDENCE`` and no weak evidence tips it;
  ``mixed`` when the leading standard has less than ``DOMINANCE`` (two thirds) of the evidence,
  i.e. less than twice the other's; otherwise the leading standard. Measured on UD Norwegian dev
  by ``benchmarks/malform_eval.py``.
  Stray forms in a post that is clearly one standard are the ``malform-blanding`` rule's business.
- Danish: hand-checked Danish-only forms («af», «hvad», «nogle», «-lighed») never seen in NDT are
  Danish evidence (``Evidence.danish``, standard ``unknown``). When they reach ``MIN_DANISH`` and at
  least half the Norwegian marker evidence (Danish also scores as bokmål: «ikke», «jeg»), the post
  is ``unknown`` (``MalformResult.danish``), so no bokmål or nynorsk rule is chosen for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path

import yaml

MIN_EVIDENCE = 0.5  # below this total weight: unknown (one marker of any strength is enough)
DOMINANCE = 2 / 3  # share of the evidence the leading standard needs (2:1); else mixed
MIN_SUFFIX_WORD = 6  # endings only count on words at least this long
MIN_TAIL = 6  # a compound part must be this long to count («restauranten» → «anten»: no)
TAIL_FACTOR = 0.8  # a marker found as a compound part counts a little less
MIN_AFFIX = 2  # shortest ending/beginning used on lower-case words («-ar», «hv-»)
MIN_AFFIX_CAPITALISED = 4  # on capitalised words, which may be names: «-heten», «-ingar», «selv-»
MIN_WEAK_SUFFIX_WORD = 5  # weak endings only count on lower-case words at least this long
MIN_WEAK_WORDS = 1  # a verdict from weak evidence alone needs this many weak words («Takk for i dag»: no)
MIN_DANISH = 4.0  # Danish evidence (2 per word) before a text may be called Danish: one quoted word is not
DANISH_SHARE = 1 / 3  # ... and its share of all marker evidence: Danish also scores as bokmål
# («ikke», «jeg», «en», «-else»), so Danish must reach half of the Norwegian evidence, not all of it
MARKERS_FILE = "malform-markers.yaml"


class Malform(str, Enum):
    NB = "nb"
    NN = "nn"
    MIXED = "mixed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Evidence:
    word: str  # as written (lower-cased)
    standard: Malform  # NB or NN: which standard the word marks
    count: int
    weight: float = 0.0  # total contribution to the standard's score (count x weight per word)
    ending: str = ""  # how an unlisted word counted: ending «heita», beginning «hv-», part «-kontoret»
    weak: bool = False  # weak evidence: valid in both standards, only more usual in this one
    danish: bool = False  # a Danish form that is not Norwegian («af», «hvad»); standard is UNKNOWN


@dataclass(frozen=True)
class MalformResult:
    malform: Malform
    nb_score: float
    nn_score: float
    evidence: tuple[Evidence, ...] = ()
    weak_nb: float = 0.0  # weak evidence for bokmål (not in nb_score)
    weak_nn: float = 0.0
    danish_score: float = 0.0  # Danish evidence (not in nb_score/nn_score)

    @property
    def danish(self) -> bool:
        """True when Danish forms dominate: the verdict is then ``unknown``."""
        return self.malform is Malform.UNKNOWN and is_danish(self.nb_score, self.nn_score, self.danish_score)


@dataclass(frozen=True)
class Marker:
    """Why one word is evidence: the standard, the weight per occurrence and the ending, if any."""

    standard: Malform
    weight: float
    ending: str = ""
    weak: bool = False
    danish: bool = False


@dataclass(frozen=True)
class MarkerData:
    neutral: frozenset[str]
    words: dict[str, Marker]
    suffixes: tuple[tuple[str, Marker], ...]  # longest ending first
    suffix_exceptions: frozenset[str]
    prefixes: tuple[tuple[str, Marker], ...] = ()  # longest beginning first
    prefix_exceptions: tuple[str, ...] = ()
    weak_words: dict[str, Marker] = field(default_factory=dict)
    weak_suffixes: dict[str, Marker] = field(default_factory=dict)  # 1-4 letter endings
    weak_exceptions: frozenset[str] = frozenset()
    danish: dict[str, Marker] = field(default_factory=dict)
    danish_suffixes: tuple[tuple[str, Marker], ...] = ()  # longest ending first
    danish_exceptions: frozenset[str] = frozenset()


def _wordlists_dir() -> Path:
    """The shipped word lists, in a checkout and in an installed wheel alike."""
    from klarsprak.resources import data_path

    return data_path("wordlists")


@cache
def marker_data(path: Path | None = None) -> MarkerData:
    """Load the marker list once (C loader when available: it is read on the first keystroke)."""
    path = path or _wordlists_dir() / MARKERS_FILE
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=loader)
    words: dict[str, Marker] = {}
    for code in ("nb", "nn"):
        standard = Malform(code)
        for word, weight in (raw.get(code) or {}).items():
            words[str(word).lower()] = Marker(standard, float(weight))
    suffixes = [
        (str(ending), Marker(Malform(code), float(weight), str(ending)))
        for code in ("nb", "nn")
        for ending, weight in ((raw.get("suffixes") or {}).get(code) or {}).items()
    ]
    suffixes.sort(key=lambda item: -len(item[0]))
    prefixes = [
        (str(start), Marker(Malform(code), float(weight), f"{start}-"))
        for code in ("nb", "nn")
        for start, weight in ((raw.get("prefixes") or {}).get(code) or {}).items()
    ]
    prefixes.sort(key=lambda item: -len(item[0]))
    neutral = frozenset(str(word).lower() for word in raw.get("neutral") or ())
    weak_words = {
        str(word).lower(): Marker(Malform(code), float(weight), weak=True)
        for code in ("nb", "nn")
        for word, weight in ((raw.get("weak") or {}).get(code) or {}).items()
    }
    weak_suffixes = {
        str(ending): Marker(Malform(code), float(weight), str(ending), weak=True)
        for code in ("nb", "nn")
        for ending, weight in ((raw.get("weak_suffixes") or {}).get(code) or {}).items()
    }
    danish = {
        str(word).lower(): Marker(Malform.UNKNOWN, float(weight), danish=True)
        for word, weight in (raw.get("danish") or {}).items()
    }
    danish_suffixes = sorted(
        ((str(ending), Marker(Malform.UNKNOWN, float(weight), str(ending), danish=True))
         for ending, weight in (raw.get("danish_suffixes") or {}).items()),
        key=lambda item: -len(item[0]),
    )
    return MarkerData(
        danish={word: marker for word, marker in danish.items() if word not in neutral and word not in words},
        danish_suffixes=tuple(danish_suffixes),
        danish_exceptions=frozenset(str(word).lower() for word in raw.get("danish_exceptions") or ()),
        neutral=neutral,
        words={word: marker for word, marker in words.items() if word not in neutral},
        suffixes=tuple(suffixes),
        suffix_exceptions=frozenset(str(word).lower() for word in raw.get("suffix_exceptions") or ()),
        prefixes=tuple(prefixes),
        prefix_exceptions=tuple(str(start).lower() for start in raw.get("prefix_exceptions") or ()),
        weak_words={word: marker for word, marker in weak_words.items() if word not in words},
        weak_suffixes=weak_suffixes,
        weak_exceptions=frozenset(str(word).lower() for word in raw.get("weak_exceptions") or ()),
    )


def _normalise(token: str) -> str:
    """Strip quotes and punctuation around a token; keep inner hyphens («e-post»)."""
    start, end = 0, len(token)
    while start < end and not token[start].isalpha():
        start += 1
    while end > start and not token[end - 1].isalpha():
        end -= 1
    return token[start:end]


def marker_for(word: str, data: MarkerData | None = None) -> Marker | None:
    """The marker a single word is (by the list, else by its ending), or None for no evidence.

    ``word`` is as written: endings only count on lower-case words, so names («Sandane») and
    sentence-initial capitals do not; listed words count in any case except short all-caps
    abbreviations («EN», «ET»).
    """
    if data is None:
        return _cached_marker(word)
    return _marker(word, data)


@lru_cache(maxsize=100_000)
def _cached_marker(word: str) -> Marker | None:
    """Editors re-check the same words on every keystroke: remember each word's verdict."""
    return _marker(word, marker_data())


def _marker(word: str, data: MarkerData) -> Marker | None:
    text = _normalise(word)
    if not text or any(ch.isdigit() for ch in text):
        return None
    if text.isupper() and len(text) <= 3:
        return None
    lower = text.lower()
    if lower in data.neutral:
        return None
    found = data.words.get(lower) or data.danish.get(lower)
    if found is not None:
        return found
    if "-" in lower:  # compound with a hyphen: the last part carries the inflection
        last = lower.rsplit("-", 1)[1]
        if last in data.neutral:
            return None
        found = data.words.get(last)
        if found is not None:
            return found
        lower, text = last, text.rsplit("-", 1)[1]
    if not lower.isalpha():
        return None
    if text == lower:
        return _danish_ending(lower, data, MIN_AFFIX) or _by_affix(lower, data, MIN_AFFIX)
    if text[0].isupper() and text[1:] == lower[1:]:
        # capitalised: maybe a name («Sandane», «Gunnar»), so only long, telling affixes count
        return _danish_ending(lower, data, MIN_AFFIX_CAPITALISED) or _by_affix(lower, data, MIN_AFFIX_CAPITALISED)
    return None


def _danish_ending(lower: str, data: MarkerData, min_affix: int) -> Marker | None:
    """A Danish ending no Norwegian word has («synlighed», «vigtigt», «relationer»)."""
    if lower in data.danish_exceptions:
        return None
    for ending, marker in data.danish_suffixes:
        if len(ending) >= min_affix and lower.endswith(ending) and len(lower) >= len(ending) + 3:
            return marker
    return None


def _by_affix(lower: str, data: MarkerData, min_affix: int) -> Marker | None:
    """Evidence from a word's ending, beginning or a compound part (for words not in the list)."""
    if len(lower) >= MIN_SUFFIX_WORD and lower not in data.suffix_exceptions:
        for ending, marker in data.suffixes:
            if len(ending) >= min_affix and lower.endswith(ending) and len(lower) >= len(ending) + 3:
                return marker
    if not lower.startswith(data.prefix_exceptions):
        for start, marker in data.prefixes:
            if len(start) >= min_affix and lower.startswith(start) and len(lower) >= len(start) + 2:
                return marker
    for cut in range(3, len(lower) - MIN_TAIL + 1):  # longest last part first
        tail = lower[cut:]
        if tail in data.neutral or tail in data.suffix_exceptions:
            break
        found = data.words.get(tail)
        if found is not None:
            return Marker(found.standard, round(found.weight * TAIL_FACTOR, 2), f"-{tail}")
    for cut in range(len(lower) - 4, MIN_TAIL - 1, -1):  # longest first part first
        head = lower[:cut]
        if head in data.neutral:
            break
        if head.endswith("s"):
            continue  # «styres|makt»: a linking -s, not the s-passive «styres»
        found = data.words.get(head)
        if found is not None:
            return Marker(found.standard, round(found.weight * TAIL_FACTOR, 2), f"{head}-")
    return None


def weak_marker_for(word: str, data: MarkerData | None = None) -> Marker | None:
    """Weak evidence from a word that is no marker: a frequency skew or a typical short ending.

    None for markers (see ``marker_for``), abbreviations, and words with no skew.
    """
    if data is None:
        return _cached_weak(word)
    return None if _marker(word, data) is not None else _weak(word, data)


@lru_cache(maxsize=100_000)
def _cached_weak(word: str) -> Marker | None:
    return None if _cached_marker(word) is not None else _weak(word, marker_data())


def _weak(word: str, data: MarkerData) -> Marker | None:
    text = _normalise(word)
    if not text or any(ch.isdigit() for ch in text) or (text.isupper() and len(text) > 1):
        return None
    if "-" in text:
        text = text.rsplit("-", 1)[1]
    lower = text.lower()
    if not lower.isalpha():
        return None
    if text != lower and not (text[0].isupper() and text[1:] == lower[1:]):
        return None  # «iPhone», «McDonald»
    found = data.weak_words.get(lower)
    if found is not None or text != lower:
        return found  # endings count on lower-case words only: capitals may be names
    if len(lower) < MIN_WEAK_SUFFIX_WORD or lower in data.neutral or lower in data.weak_exceptions \
            or lower in data.suffix_exceptions:
        return None
    for size in (4, 3, 2, 1):
        found = data.weak_suffixes.get(lower[-size:])
        if found is not None and len(lower) >= size + 3:
            return found
    return None


def is_neutral(word: str, data: MarkerData | None = None) -> bool:
    """True for words valid in both standards by the marker data («også», «vi», «blei»)."""
    data = data or marker_data()
    return _normalise(word).lower() in data.neutral


def detect_malform(words: Iterable[str]) -> MalformResult:
    """Classify a post as nb, nn, mixed or unknown from its word tokens, with the evidence."""
    totals: dict[tuple[bool, str, Malform, str], list[float]] = {}
    scores = {(False, Malform.NB): 0.0, (False, Malform.NN): 0.0, (True, Malform.NB): 0.0, (True, Malform.NN): 0.0,
              (False, Malform.UNKNOWN): 0.0}
    for token in words:
        marker = _cached_marker(token) or _cached_weak(token)
        if marker is None:
            continue
        scores[(marker.weak, marker.standard)] += marker.weight
        key = (marker.weak, _normalise(token).lower(), marker.standard, marker.ending)
        entry = totals.setdefault(key, [0, 0.0])
        entry[0] += 1
        entry[1] += marker.weight
    evidence = tuple(
        Evidence(word, standard, int(count), round(weight, 2), ending, weak, standard is Malform.UNKNOWN)
        for (weak, word, standard, ending), (count, weight) in sorted(
            totals.items(), key=lambda item: (item[0][0], -item[1][1], item[0][1])
        )
    )
    nb, nn = round(scores[(False, Malform.NB)], 2), round(scores[(False, Malform.NN)], 2)
    weak_nb, weak_nn = round(scores[(True, Malform.NB)], 2), round(scores[(True, Malform.NN)], 2)
    danish = round(scores[(False, Malform.UNKNOWN)], 2)
    weak_words = sum(1 for item in evidence if item.weak)
    verdict = Malform.UNKNOWN if is_danish(nb, nn, danish) else decide(nb, nn, weak_nb, weak_nn, weak_words)
    return MalformResult(verdict, nb, nn, evidence, weak_nb, weak_nn, danish)


def is_danish(nb_score: float, nn_score: float, danish_score: float) -> bool:
    """Danish forms dominate: enough of them, and at least half as much as the Norwegian evidence.

    Danish shares many forms with bokmål («ikke», «jeg», «hvordan»), so a Danish text also
    scores as bokmål; a bokmål post quoting one Danish phrase has far more bokmål evidence.
    """
    return danish_score >= MIN_DANISH and danish_score >= DANISH_SHARE * (nb_score + nn_score + danish_score)


def decide(nb_score: float, nn_score: float, weak_nb: float = 0.0, weak_nn: float = 0.0,
           weak_words: int = MIN_WEAK_WORDS) -> Malform:
    """The verdict from the marker scores, with weak evidence only where the markers leave it open.

    ``weak_words`` is how many different words gave weak evidence (one is too few to decide).
    """
    verdict = _by_dominance(nb_score, nn_score)
    if verdict in (Malform.NB, Malform.NN) or weak_nb + weak_nn == 0:
        return verdict
    nb, nn = nb_score + weak_nb, nn_score + weak_nn
    if verdict is Malform.MIXED:
        return _by_dominance(nb, nn)
    if weak_words < MIN_WEAK_WORDS or nb == nn:
        return Malform.UNKNOWN
    return Malform.NB if nb > nn else Malform.NN


def _by_dominance(nb_score: float, nn_score: float) -> Malform:
    total = nb_score + nn_score
    if total < MIN_EVIDENCE:
        return Malform.UNKNOWN
    if nb_score >= DOMINANCE * total:
        return Malform.NB
    if nn_score >= DOMINANCE * total:
        return Malform.NN
    return Malform.MIXED

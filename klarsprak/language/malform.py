"""Which written standard a post is in (bokmål, nynorsk), with evidence a writer can follow.

INTERFACE CONTRACT:
- ``Malform``: "nb", "nn", "mixed", "unknown".
- ``detect_malform(words) -> MalformResult``: ``words`` are the post's word tokens (any case).
- ``MalformResult.evidence``: the marker words that decided it, most telling first; weak evidence
  (``Evidence.weak``) comes after the markers, and only when the markers did not decide.
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
- Weak evidence, only when the markers leave it open: every other word votes by how much more
  usual it is in one standard in NDT (``wordlists/malform-frequencies.tsv``: the natural log of the
  frequency ratio, «melding» +0.6 nynorsk, «henne» −1.4 bokmål); a lower-case word NDT never saw
  votes by its letter sequences («kveitemjøl»: «mjø», «jøl>» lean nynorsk). Words valid in both
  standards vote here too («heime», «ei» are far more usual in nynorsk); the pronouns of address
  never do (their skew in NDT is the genre mix, not the standard). It never overrides markers:
  it decides only when the markers say ``unknown`` (then the larger weak side wins, ties stay
  unknown) or ``mixed`` (then markers plus weak evidence must again reach 2:1). A nynorsk post
  with one stray bokmål marker therefore stays nynorsk, and the writer sees which words were weak
  evidence. The table is read only when a post needs it (most posts have markers enough).
- ``unknown`` when the total evidence is below ``MIN_EVIDENCE`` and no weak evidence tips it;
  ``mixed`` when the leading standard has less than ``DOMINANCE`` (two thirds) of the evidence,
  i.e. less than twice the other's; otherwise the leading standard. Quoted words count
  ``QUOTED_FACTOR``; a post that quotes make mixed takes the standard of the writer's own words
  when those alone are clearly one (``MIN_OWN_EVIDENCE``). Measured on UD Norwegian dev by
  ``benchmarks/malform_eval.py``.
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

from klarsprak.core.datacache import parsed_yaml

MIN_EVIDENCE = 0.5  # below this total weight: unknown (one marker of any strength is enough)
DOMINANCE = 2 / 3  # share of the evidence the leading standard needs (2:1); else mixed
MIN_SUFFIX_WORD = 6  # endings only count on words at least this long
MIN_TAIL = 6  # a compound part must be this long to count («restauranten» → «anten»: no)
TAIL_FACTOR = 0.8  # a marker found as a compound part counts a little less
MIN_AFFIX = 2  # shortest ending/beginning used on lower-case words («-ar», «hv-»)
MIN_AFFIX_CAPITALISED = 4  # on capitalised words, which may be names: «-heten», «-ingar», «selv-»
MIN_WEAK_WORDS = 4  # weak evidence alone decides only in a post of this many words: «Takk til alle!» stays unknown
MIN_DANISH = 4.0  # Danish evidence (2 per word) before a text may be called Danish: one quoted word is not
DANISH_SHARE = 1 / 3  # ... and its share of all marker evidence: Danish also scores as bokmål
# («ikke», «jeg», «en», «-else»), so Danish must reach half of the Norwegian evidence, not all of it
MARKERS_FILE = "malform-markers.yaml"
FREQUENCIES_FILE = "malform-frequencies.tsv"
OPENING_QUOTES, CLOSING_QUOTES = frozenset("«“"), frozenset("»”")
QUOTE_MARKS = frozenset({"«", "»", "“", "”"})  # tokens of their own (UD); post_words passes them too
QUOTED_FACTOR = 0.2  # a quoted word's weight: quotations are someone else's standard
MIN_OWN_EVIDENCE = 3.0  # marker weight the unquoted words need to decide a post the quotes made mixed
SEQUENCE_SIZES = range(2, 6)  # letter sequences of 2-5 letters, «<» and «>» marking the word's edges


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
    ending: str = ""  # how an unlisted word counted: ending «heita», beginning «hv-», part «-kontoret»,
    # or SEQUENCES for weak evidence from letter sequences
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
    danish: dict[str, Marker] = field(default_factory=dict)
    danish_suffixes: tuple[tuple[str, Marker], ...] = ()  # longest ending first
    danish_exceptions: frozenset[str] = frozenset()


def _wordlists_dir() -> Path:
    """The shipped word lists, in a checkout and in an installed wheel alike."""
    from klarsprak.core.resources import data_path

    return data_path("wordlists")


@cache
def marker_data(path: Path | None = None) -> MarkerData:
    """Load the marker list once (C loader when available: it is read on the first keystroke)."""
    path = path or _wordlists_dir() / MARKERS_FILE
    raw = parsed_yaml(path)  # a JSON copy in the CLI's cache folder, when it has one
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
    """Weak evidence from a word that is no marker: its frequency skew in NDT, or its letter sequences.

    None for markers (see ``marker_for``), abbreviations, and words with no skew.
    """
    if data is None:
        return _cached_weak(word)
    return None if _marker(word, data) is not None else _weak(word, data)


@lru_cache(maxsize=100_000)
def _cached_weak(word: str) -> Marker | None:
    return None if _cached_marker(word) is not None else _weak(word, marker_data())


SEQUENCES = "bokstavar"  # Evidence.ending of a word that counted by its letter sequences


@dataclass(frozen=True)
class WordFrequencies:
    """NDT log frequency ratios (positive: nynorsk), for words and for 2-5 letter sequences."""

    words: dict[str, float]
    sequences: dict[str, float]


@cache
def frequency_data(path: Path | None = None) -> WordFrequencies:
    """Load the weak tier's table once, on the first post whose markers do not decide."""
    path = path or _wordlists_dir() / FREQUENCIES_FILE
    tables: dict[str, dict[str, float]] = {"w": {}, "g": {}}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            kind, key, ratio = line.rstrip("\n").split("\t")
            tables[kind][key] = float(ratio)
    return WordFrequencies(tables["w"], tables["g"])


def letter_sequences(word: str) -> list[str]:
    """The 2-5 letter sequences of a lower-case word, «<» and «>» marking its start and end."""
    padded = f"<{word}>"
    return [padded[i:i + size] for size in SEQUENCE_SIZES for i in range(len(padded) - size + 1)]


def _weak(word: str, data: MarkerData, frequencies: WordFrequencies | None = None) -> Marker | None:
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
    frequencies = frequencies or frequency_data()
    ratio = frequencies.words.get(lower)
    ending = ""
    if ratio is None:
        if text != lower:
            return None  # an unknown capitalised word is most likely a name
        sequences = letter_sequences(lower)
        ratio = round(sum(frequencies.sequences.get(seq, 0.0) for seq in sequences) / len(lower), 2)
        ending = SEQUENCES
    if not ratio:
        return None
    return Marker(Malform.NN if ratio > 0 else Malform.NB, abs(ratio), ending, weak=True)


def is_neutral(word: str, data: MarkerData | None = None) -> bool:
    """True for words valid in both standards by the marker data («også», «vi», «blei»)."""
    data = data or marker_data()
    return _normalise(word).lower() in data.neutral


def detect_malform(words: Iterable[str]) -> MalformResult:
    """Classify a post as nb, nn, mixed or unknown from its word tokens, with the evidence.

    Markers first; the weak tier is looked at only when they leave the verdict open.
    """
    words = list(words)
    quoted = _quoted(words)
    kept = [index for index, token in enumerate(words) if token.strip() not in QUOTE_MARKS]
    words, quoted = [words[index] for index in kept], [quoted[index] for index in kept]
    markers = [_cached_marker(token) for token in words]
    if is_danish(*_scores(markers)):  # quoting does not make a text Danish or not (Danish quotes »so«)
        return _result(Malform.UNKNOWN, list(zip(words, markers)), *_scores(markers))
    found = [(token, _quoted_marker(marker, inside)) for token, marker, inside in zip(words, markers, quoted)]
    nb, nn, danish = _scores([marker for _, marker in found])
    verdict = _by_dominance(nb, nn)
    if verdict is Malform.MIXED:
        verdict = _own_words_verdict(markers, quoted) or verdict
    if verdict in (Malform.NB, Malform.NN):
        return _result(verdict, found, nb, nn, danish)
    found = [(token, marker or _quoted_marker(_cached_weak(token), inside))
             for (token, marker), inside in zip(found, quoted)]
    weak = {Malform.NB: 0.0, Malform.NN: 0.0}
    for _, marker in found:
        if marker is not None and marker.weak:
            weak[marker.standard] += marker.weight
    weak_nb, weak_nn = round(weak[Malform.NB], 2), round(weak[Malform.NN], 2)
    length = sum(1 for token in words if _normalise(token))
    return _result(decide(nb, nn, weak_nb, weak_nn, length), found, nb, nn, danish, weak_nb, weak_nn)


def _scores(markers: list[Marker | None]) -> tuple[float, float, float]:
    """Total marker weight for bokmål, nynorsk and Danish."""
    scores = {standard: 0.0 for standard in (Malform.NB, Malform.NN, Malform.UNKNOWN)}
    for marker in markers:
        if marker is not None:
            scores[marker.standard] += marker.weight
    return tuple(round(scores[standard], 2) for standard in (Malform.NB, Malform.NN, Malform.UNKNOWN))


def _quoted(words: list[str]) -> list[bool]:
    """Which tokens stand inside a quotation «…» or “…”.

    Quoted words are someone else's («Jeg mener …», sa ho): they tell less about the post's own
    standard. A quotation may run to the end of the post, or begin before it: a closing mark with
    no opening one quotes everything before it.
    """
    flags: list[bool] = []
    depth = 0
    for index, token in enumerate(words):
        text = token.strip()
        opens = text[:1] in OPENING_QUOTES
        if opens:
            depth += 1
        flags.append(depth > 0)
        if text[-1:] in CLOSING_QUOTES and not (opens and len(text) == 1):
            if depth == 0:
                flags[:index + 1] = [True] * (index + 1)
            depth = max(0, depth - 1)
    return flags


def _own_words_verdict(markers: list[Marker | None], quoted: list[bool]) -> Malform | None:
    """The standard of the writer's own words, when they alone are clearly one standard.

    A nynorsk post that quotes a bokmål speaker at length is nynorsk, not mixed: mixing is about
    the words the writer chose. None when the unquoted words give too little to go on.
    """
    if not any(quoted):
        return None
    nb, nn, _ = _scores([marker for marker, inside in zip(markers, quoted) if not inside])
    verdict = _by_dominance(nb, nn)
    if verdict in (Malform.NB, Malform.NN) and nb + nn >= MIN_OWN_EVIDENCE:
        return verdict
    return None


def _quoted_marker(marker: Marker | None, quoted: bool) -> Marker | None:
    """A marker as it counts inside a quotation: ``QUOTED_FACTOR`` of its weight."""
    if marker is None or not quoted:
        return marker
    return Marker(marker.standard, round(marker.weight * QUOTED_FACTOR, 3), marker.ending, marker.weak, marker.danish)


def _result(verdict: Malform, found: list[tuple[str, Marker | None]], nb: float, nn: float, danish: float,
            weak_nb: float = 0.0, weak_nn: float = 0.0) -> MalformResult:
    """The verdict with its evidence: markers by weight, then weak evidence by weight."""
    totals: dict[tuple[bool, str, Malform, str], list[float]] = {}
    for token, marker in found:
        if marker is None:
            continue
        entry = totals.setdefault((marker.weak, _normalise(token).lower(), marker.standard, marker.ending), [0, 0.0])
        entry[0] += 1
        entry[1] += marker.weight
    evidence = tuple(
        Evidence(word, standard, int(count), round(weight, 2), ending, weak, standard is Malform.UNKNOWN)
        for (weak, word, standard, ending), (count, weight) in sorted(
            totals.items(), key=lambda item: (item[0][0], -item[1][1], item[0][1])
        )
    )
    return MalformResult(verdict, nb, nn, evidence, weak_nb, weak_nn, danish)


def is_danish(nb_score: float, nn_score: float, danish_score: float) -> bool:
    """Danish forms dominate: enough of them, and at least half as much as the Norwegian evidence.

    Danish shares many forms with bokmål («ikke», «jeg», «hvordan»), so a Danish text also
    scores as bokmål; a bokmål post quoting one Danish phrase has far more bokmål evidence.
    """
    return danish_score >= MIN_DANISH and danish_score >= DANISH_SHARE * (nb_score + nn_score + danish_score)


def decide(nb_score: float, nn_score: float, weak_nb: float = 0.0, weak_nn: float = 0.0,
           words: int = MIN_WEAK_WORDS) -> Malform:
    """The verdict from the marker scores, with weak evidence only where the markers leave it open.

    ``words`` is the post's length in words: a few common words are too little to go on.
    """
    verdict = _by_dominance(nb_score, nn_score)
    if verdict in (Malform.NB, Malform.NN) or weak_nb + weak_nn == 0:
        return verdict
    nb, nn = nb_score + weak_nb, nn_score + weak_nn
    if verdict is Malform.MIXED:
        return _by_dominance(nb, nn)
    if words < MIN_WEAK_WORDS or nb == nn:
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

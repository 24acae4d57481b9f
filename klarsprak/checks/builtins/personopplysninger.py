"""``personopplysninger``: personal data that must never be published in a post or a reply.

Precision first: each finding is something a reader can verify on the spot.
- fødselsnummer and D-nummer: 11 digits (optionally a space after the date) whose two mod-11
  check digits are valid and whose first six digits are a possible date;
- mobile numbers (8 digits starting with 4 or 9, with or without +47 and the usual groupings).
  Landline and service numbers (2, 3, 5, 6, 7, 8 …) are the agency's own switchboards and
  800-numbers far more often than anyone's private number, so they are left alone;
- e-mail addresses that look personal (a name like ``ola.nordmann@`` or a consumer mail provider),
  not role addresses such as ``post@`` or ``kontakt@``;
- a full name (a common Norwegian first name + a capitalised surname) in the same sentence as a
  health detail (diagnosis, admission, sick leave).

E-mail addresses are masked out of segment text by the document model, so this check runs on the
whole post (``level = "document"``) and reads ``analysis.document.text`` for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins.registry import register
from klarsprak.core.diagnostics import Severity

_FNR = re.compile(r"(?<![\d.,/-])(\d{6})[ ]?(\d{5})(?![\d])(?![.,]\d)")
_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

# +47 / 0047 prefix, then 8 digits as 8, 3-2-3, 2-2-2-2 or 4-4 (spaces, no other separators).
_PHONE = re.compile(
    r"(?<![\w+.,/-])(?:(?:\+|00)47[ ]?)?"
    r"(\d{8}|\d{3} \d{2} \d{3}|\d{2} \d{2} \d{2} \d{2}|\d{4} \d{4})"
    r"(?![\w])(?![.,]\d)(?! ?%)"
)
_MONEY_BEFORE = re.compile(r"(?:kr|kroner|nok|euro|dollar|\$|€)\.?\s*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*(?:kr|kroner|nok|mill|milliard|prosent)", re.IGNORECASE)

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
CONSUMER_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.no", "outlook.com", "outlook.no",
    "live.com", "live.no", "msn.com", "yahoo.com", "yahoo.no", "icloud.com", "me.com", "mac.com",
    "online.no", "getmail.no", "broadpark.no", "altibox.no", "frisurf.no", "c2i.net", "start.no",
    "lyse.net", "protonmail.com", "proton.me", "tutanota.com", "gmx.com", "aol.com",
})

HEALTH_WORDS = (
    # diagnoses and conditions that are special-category data (GDPR art. 9), both standards
    r"kreft\w*", r"diabetes", r"depresjon\w*", r"hiv", r"aids", r"demens\w*", r"alzheimer\w*",
    r"schizofren\w*", r"psykose\w*", r"bipolar\w*", r"epilepsi\w*", r"spiseforstyrr\w*",
    r"anoreksi\w*", r"bulimi\w*", r"rusavhengig\w*", r"rusmisbruk\w*", r"alkoholi[sk]\w*",
    r"autis\w*", r"adhd", r"parkinson\w*", r"hjerneslag\w*", r"hjerteinfarkt\w*",
    r"abort\w*", r"selvmordsforsøk\w*", r"sjølvmordsforsøk\w*", r"covid-19-smitta?", r"smittet",
    r"smitta", r"koronasmitta?",
    r"diagnos[ea]\w*", r"innlagt", r"innlagd", r"sykmeldt", r"sykemeldt", r"sjukmeld\w*",
    r"sjukemeld\w*",
)
_HEALTH = re.compile(r"(?<!\w)(?:" + "|".join(HEALTH_WORDS) + r")(?!\w)", re.IGNORECASE)

# Common Norwegian given names (SSB name statistics, most frequent for people living in Norway).
FIRST_NAMES = frozenset("""
Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne Randi Ida
Nina Maria Elisabeth Kristin Bente Heidi Silje Hanne Gerd Linda Tone Tove Elin Anita Wenche
Gunn Ellen Camilla Ragnhild Grete Hege Karin Mari Sissel Aud Monica Trine Turid Unni Else Siri
Laila Mona Ingeborg Sigrid Julie Marte Emma Nora Sofie Sara Ingvild Line Lene Kjersti Åse Torill
Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje Odd Erik Martin
Andreas Rune Trond John Harald Anders Tore Jon Stein Olav Espen Kristian Gunnar Nils Helge
Øyvind Leif Magnus Jørgen Eirik Henrik Jens Kåre Frode Jonas Christian Daniel Petter Marius
Sindre Håkon Sverre Einar Steinar Trygve Vidar Egil Gustav Mathias Tobias Emil Sander Ole-Petter
Øystein Ola Kari-Anne Sigurd Ivar Asbjørn Alf Rolf Atle Eivind Gaute Vegard Sondre Mohammed
Ali Ahmed Anna-Karin Aksel Filip Jakob Lukas Oskar William Noah Elias Isak Ella Olivia Leah
""".split())
_NAME = re.compile(r"(?<![\w-])([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?) ([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)(?![\w-])")

_ADVICE = {
    "fnr": {
        "nb": "Dette ser ut som et fødselsnummer eller D-nummer (kontrollsifrene stemmer). Fjern det: "
              "fødselsnummer skal aldri stå i et offentlig innlegg eller svar.",
        "nn": "Dette ser ut som eit fødselsnummer eller D-nummer (kontrollsifra stemmer). Fjern det: "
              "fødselsnummer skal aldri stå i eit offentleg innlegg eller svar.",
    },
    "phone": {
        "nb": "Dette ser ut som et mobilnummer. Et privat telefonnummer skal ikke stå i et offentlig "
              "innlegg eller svar. Er det et offentlig nummer, legg det i «words» i .klarsprak.yaml.",
        "nn": "Dette ser ut som eit mobilnummer. Eit privat telefonnummer skal ikkje stå i eit offentleg "
              "innlegg eller svar. Er det eit offentleg nummer, legg det i «words» i .klarsprak.yaml.",
    },
    "email": {
        "nb": "E-postadressen ser ut til å høre til en person. Skriv heller en felles adresse "
              "(som post@…), eller be personen ta kontakt i en privat melding.",
        "nn": "E-postadressa ser ut til å høyre til ein person. Skriv heller ei felles adresse "
              "(som post@…), eller be personen ta kontakt i ei privat melding.",
    },
    "name_health": {
        "nb": "Et navn står sammen med en helseopplysning. Helseopplysninger om en navngitt person "
              "skal ikke publiseres uten samtykke; fjern navnet eller opplysningen.",
        "nn": "Eit namn står saman med ei helseopplysning. Helseopplysningar om ein namngitt person "
              "skal ikkje publiserast utan samtykke; fjern namnet eller opplysninga.",
    },
}
_SEVERITY = {"fnr": Severity.ERROR, "phone": Severity.WARNING, "email": Severity.WARNING,
             "name_health": Severity.WARNING}


class PersonopplysningerOptions(Options):
    fodselsnummer: bool = True
    phone: bool = True
    phone_prefixes: list[str] = ["4", "9"]  # first digit of numbers counted as private (mobile)
    email: bool = True
    role_addresses: list[str] = [
        "post", "postmottak", "postkasse", "kontakt", "info", "informasjon", "firmapost", "sentralbord",
        "kundeservice", "brukerstotte", "support", "hjelp", "presse", "media", "noreply", "no-reply",
        "personvern", "personvernombud", "redaksjonen", "redaksjon", "tips",
    ]
    name_with_health: bool = True


def valid_fodselsnummer(digits: str) -> bool:
    """Mod-11 check digits and a plausible date (D-nummer: day + 40; H-nummer: month + 40)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    numbers = [int(char) for char in digits]
    if not _check_digit(numbers[:9], _W1) == numbers[9]:
        return False
    if not _check_digit(numbers[:10], _W2) == numbers[10]:
        return False
    day, month = int(digits[0:2]), int(digits[2:4])
    if day > 40:
        day -= 40
    if month > 40:
        month -= 40
    return 1 <= day <= 31 and 1 <= month <= 12


def _check_digit(numbers: list[int], weights: tuple[int, ...]) -> int:
    remainder = sum(n * w for n, w in zip(numbers, weights)) % 11
    digit = 11 - remainder
    return 0 if digit == 11 else -1 if digit == 10 else digit


def find_fodselsnummer(text: str) -> Iterator[tuple[int, int]]:
    for match in _FNR.finditer(text):
        if valid_fodselsnummer(match.group(1) + match.group(2)):
            yield match.start(), match.end()


def find_mobile_numbers(text: str, prefixes: Iterable[str] = ("4", "9")) -> Iterator[tuple[int, int]]:
    prefixes = tuple(prefixes)
    for match in _PHONE.finditer(text):
        digits = match.group(1).replace(" ", "")
        if not digits.startswith(prefixes):
            continue
        if _MONEY_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
            continue
        if _MONEY_AFTER.match(text[match.end():match.end() + 12]):
            continue
        yield match.start(), match.end()


def is_personal_email(local: str, domain: str, role_addresses: Iterable[str] = ()) -> bool:
    """A name-like local part (``ola.nordmann``) or a consumer provider, and not a role address."""
    local_l, domain_l = local.lower(), domain.lower()
    if local_l in set(role_addresses):
        return False
    if domain_l in CONSUMER_DOMAINS:
        return True
    parts = [part for part in re.split(r"[._-]", local_l) if part]
    if parts and parts[0] in set(role_addresses):
        return False
    return len(parts) >= 2 and all(part.isalpha() for part in parts[:2])


@register("personopplysninger")
class Personopplysninger(Check):
    level = "document"
    Options = PersonopplysningerOptions

    def check_document(self, analysis: Any, ctx: CheckContext) -> Iterable[Finding]:
        options: PersonopplysningerOptions = self.options  # type: ignore[assignment]
        malform = ctx.malform if ctx.malform in ("nb", "nn") else "nb"
        seen: set[tuple[int, int]] = set()
        for item in analysis.segments:
            if not self.rule.in_scope(item.segment.scope):
                continue
            offset, text = item.segment.start, item.segment.text
            spans: list[tuple[str, int, int]] = []
            if options.fodselsnummer:
                spans += [("fnr", s, e) for s, e in find_fodselsnummer(text)]
            if options.phone:
                taken = {(s, e) for _, s, e in spans}
                spans += [("phone", s, e) for s, e in find_mobile_numbers(text, options.phone_prefixes)
                          if not any(s < te and ts < e for ts, te in taken)]
            if options.name_with_health:
                spans += [("name_health", s, e) for s, e in _names_with_health(item)]
            for kind, start, end in spans:
                found = text[start:end]
                if ctx.config.is_accepted_word(found) or ctx.config.is_accepted_word(found.replace(" ", "")):
                    continue
                seen.add((offset + start, offset + end))
                yield self._finding(kind, offset + start, offset + end, found, malform)
        if options.email:
            for start, end, address in _emails(analysis, self.rule):
                local, _, domain = address.partition("@")
                if (start, end) in seen or ctx.config.is_accepted_word(address):
                    continue
                if is_personal_email(local, domain, options.role_addresses):
                    yield self._finding("email", start, end, address, malform)

    @staticmethod
    def _finding(kind: str, start: int, end: int, found: str, malform: str) -> Finding:
        return Finding(start, end, params={"match": found, "advice": _ADVICE[kind][malform], "kind": kind},
                       severity=_SEVERITY[kind])


def _emails(analysis: Any, rule: Any) -> Iterator[tuple[int, int, str]]:
    """E-mail addresses in the source that lie inside a checked segment and not in inline code."""
    text = analysis.document.text
    segments = [item.segment for item in analysis.segments if rule.in_scope(item.segment.scope)]
    for match in _EMAIL.finditer(text):
        start, end = match.span()
        address = match.group(0).rstrip(".")
        end = start + len(address)
        if not any(seg.start <= start and end <= seg.end for seg in segments):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if text.count("`", line_start, start) % 2 == 1:
            continue
        yield start, end, address


def _names_with_health(item: Any) -> Iterator[tuple[int, int]]:
    """«Kari Nordmann … har fått diagnosen» in one sentence: a full name next to a health detail."""
    text = item.segment.text
    for sentence in item.doc.sents:
        part = text[sentence.start_char:sentence.end_char]
        if not _HEALTH.search(part):
            continue
        for match in _NAME.finditer(part):
            first, last = match.group(1), match.group(2)
            if first.split("-")[0] not in FIRST_NAMES or last in FIRST_NAMES:
                continue
            yield sentence.start_char + match.start(), sentence.start_char + match.end()

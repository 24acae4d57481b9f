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
from typing import Any, Literal

from klarsprak.checks.base import Check, CheckContext, Finding, Options
from klarsprak.checks.builtins._active_rewrite import PARTICLES, active_sentence
from klarsprak.checks.builtins._passive import Passive, find_passives, has_tags
from klarsprak.checks.builtins.registry import register
from klarsprak.checks.substitution import quoted_spans
from klarsprak.core.diagnostics import Severity

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
# Modals that tell the reader what to do: obligation and advice («Medisinen bør oppbevares …»).
INSTRUCTION_MODALS = frozenset({"må", "måtte", "skal", "skulle", "lyt", "laut", "bør", "burde"})
FUTURE_AUXILIARIES = frozenset({"vil"})  # «vil bli behandlet»; not the narrative «ville bli»
_AGENT_START = frozenset({"DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM"})
# Tasks a health service asks its readers to do (lemmas, both standards). Narrower than what the
# active rewrite may give to «du»: «må legges ned», «skal brukes som» are not instructions.
READER_TASKS = frozenset("""
    bestille avbestille sende fylle logge søke søkje registrere melde ringe kontakte levere betale
    signere oppgi oppgje fornye bekrefte stadfeste klage svare
    oppbevare returnere opplyse vedlegge dokumentere avlyse vise
""".split())


class PassivOptions(Options):
    suggest_active: bool = True  # rewrite simple clauses in the active voice as a suggestion
    skip_nynorsk_error: bool = True  # leave «Søknaden behandlast» to nynorsk-st-passiv (no double finding)
    # Only an instruction that hides the reader («Skjemaet må fylles ut») has the rule's level;
    # other passives are often right (the agent is unknown or unimportant): lower.
    everyday_severity: Literal["warning", "info", "hint"] = "info"


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
            if names_the_agent(passive):
                continue  # «behandles av fysioterapeuten»: the sentence says who does it
            suggestion = active_sentence(passive, standard) if options.suggest_active else None
            plain = hides_the_reader(passive) or future_passive(passive) or impersonal_passive(passive)
            severity = None if plain else self.capped(options.everyday_severity)
            yield _finding(item, passive, standard, ADVICE["passiv"], suggestion, severity)


@register("nynorsk-st-passiv")
class NynorskStPassiv(_PassiveCheck):
    def check_segment(self, item: Any, ctx: CheckContext) -> Iterable[Finding]:
        for passive, standard in self._passives(item, ctx):
            if standard == "nn" and passive.nynorsk_error:
                yield _finding(item, passive, standard, ADVICE["st"], active_sentence(passive, standard))


def names_the_agent(passive: Passive) -> bool:
    """«… behandles av fysioterapeuten», «vart sendt ut av kommunen»: an «av» phrase right after the
    verb (and its particle) names who acts. «av og til» is an adverb, not an agent."""
    doc = passive.verb.doc
    index = passive.verb.i + 1
    while index < len(doc) and index <= passive.verb.i + 2 and doc[index].lower_ in PARTICLES:
        index += 1
    if index + 1 >= len(doc) or doc[index].lower_ != "av":
        return False
    following = doc[index + 1]
    return following.lower_ not in ("og", "seg") and following.pos_ in _AGENT_START


def hides_the_reader(passive: Passive) -> bool:
    """«Skjemaet må fylles ut», «Medisinen bør oppbevarast kjølig»: something the reader must or
    should do, said without the reader. An instruction modal and a verb of what readers of a
    health service do."""
    modal = passive.modal
    return (modal is not None and modal.lower_ in INSTRUCTION_MODALS
            and passive.verb.lemma_.lower() in READER_TASKS)


def future_passive(passive: Passive) -> bool:
    """«Søknaden vil bli behandlet», «Du vil ikkje bli kalla inn»: «vil bli» + participle, the
    officialese future that plain-language advice rewrites first («Vi behandler søknaden»).
    Only adverbs may stand between «vil» and «bli»."""
    aux = passive.auxiliary
    if aux is None or aux.lower_ not in ("bli", "verte"):
        return False
    doc = aux.doc
    for index in range(aux.i - 1, max(aux.sent.start, aux.i - 4) - 1, -1):
        token = doc[index]
        if token.lower_ in FUTURE_AUXILIARIES:
            return True
        if token.pos_ not in ("ADV", "PART"):
            return False
    return False


def impersonal_passive(passive: Passive) -> bool:
    """«Det anbefales at …», «Det må påregnes ventetid», «Det vart vist til …»: a passive with the
    empty subject «det» opening its clause, where nobody at all is left in the sentence. Only
    adverbs may stand between «det» and the verb chain; «det» must start the sentence or follow a
    conjunction or punctuation («…, og det må søkes på nytt»)."""
    first = passive.auxiliary or passive.modal or passive.verb
    doc = first.doc
    index = first.i - 1
    while index >= first.sent.start and doc[index].pos_ in ("ADV", "PART") and doc[index].lower_ != "det":
        index -= 1
    if index < first.sent.start or doc[index].lower_ != "det":
        return False
    before = doc[index - 1] if index > first.sent.start else None
    if not (before is None or before.pos_ in ("PUNCT", "CCONJ", "SCONJ") or before.lower_ in ("at", "om")):
        return False
    return not _points_back(passive.verb)


def _points_back(verb: Any) -> bool:
    """After the verb, an adjective that ends the clause («Det kan oppleves forvirrende.») or a
    purpose («det innføres for å …») shows that «det» is something said before, not the empty
    subject. An adjective used as an adverb goes on («Det må vurderast nærare kva …»)."""
    doc = verb.doc
    index = verb.i + 1
    while index < verb.sent.end and doc[index].pos_ in ("ADV", "PART"):
        index += 1
    if index >= verb.sent.end:
        return False
    token = doc[index]
    following = doc[index + 1] if index + 1 < verb.sent.end else None
    if token.pos_ == "ADJ":
        return following is None or following.pos_ in ("PUNCT", "CCONJ")
    return token.lower_ == "for" and following is not None and following.lower_ == "å"


def _finding(item: Any, passive: Passive, standard: str, advice: dict, suggestion: str | None,
             severity: Severity | None = None) -> Finding:
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
        severity=severity,
    )

"""``--format sarif``: SARIF 2.1.0, the format code-scanning services read (GitHub, Azure DevOps …).

Every rule that was active is described in ``tool.driver.rules`` with its explanation as help text
(the same page as ``klarsprak explain``), every finding is a result with its region, and a fix the
writer can apply is a SARIF ``fix``. Columns count Unicode code points (``columnKind``), exactly as
the text output does, so æ, ø, å and emoji never shift a region.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from klarsprak.core.diagnostics import Diagnostic, Fix, Severity
from klarsprak.core.version import __version__
from klarsprak.output.run import Run

if TYPE_CHECKING:
    from klarsprak.engine.lint import FileResult
    from klarsprak.engine.rules import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.HINT: "note"}
SRCROOT = "%SRCROOT%"


def render(run: Run) -> str:
    return json.dumps(sarif_log(run), ensure_ascii=False, indent=2)


def sarif_log(run: Run) -> dict[str, Any]:
    rules = _descriptors(run)
    index = {descriptor["id"]: position for position, descriptor in enumerate(rules)}
    artifacts = _artifacts(run)
    artifact_index = {artifact["location"]["uri"]: position for position, artifact in enumerate(artifacts)}
    results = [_result(result, d, index, artifact_index) for result in run.files for d in result.diagnostics]
    sarif_run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "klarsprak",
            "fullName": "klarsprak – klarspråk- og tonesjekk for bokmål og nynorsk",
            "version": __version__,
            "semanticVersion": __version__,
            "language": "nb-NO",
            "rules": rules,
        }},
        "invocations": [_invocation(run)],
        "language": "nb-NO",
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    if any(not Path(r.path).is_absolute() for r in run.files):
        sarif_run["originalUriBaseIds"] = {SRCROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]}


# -- rules ----------------------------------------------------------------------------------------
def _descriptors(run: Run) -> list[dict[str, Any]]:
    """Every active rule of the configs the checked files use, plus any rule only a result names."""
    rules: dict[str, Rule] = {}
    for rule in _active_rules(run):
        rules.setdefault(rule.id, rule)
    descriptors = [_descriptor(rule) for rule in sorted(rules.values(), key=lambda r: r.id)]
    known = set(rules)
    for result in run.files:
        for d in result.diagnostics:
            if d.rule not in known:  # e.g. a project rule under a --config we cannot see from here
                known.add(d.rule)
                descriptors.append({
                    "id": d.rule, "shortDescription": {"text": d.rule},
                    "defaultConfiguration": {"level": LEVELS[d.severity]},
                    "properties": {"principle": d.principle, "pack": d.pack, "tags": _tags(d.principle, d.pack)},
                })
    return descriptors


def _active_rules(run: Run) -> list[Rule]:
    """The rules that ran: the check hands them over, so CLI --select/--ignore are respected."""
    return list(run.rules)


def _descriptor(rule: Rule) -> dict[str, Any]:
    from klarsprak.output.explain import explain_rule

    page = explain_rule(rule, "nb")
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": " ".join(rule.explanation_for("nb").split())},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "principle": rule.principle, "pack": rule.pack, "source": rule.source,
            "severity": rule.severity.label, "fix": "trygg" if rule.fix_safe else ("forslag" if rule.has_fix else "ingen"),
            "explanation-nn": " ".join(rule.explanation_for("nn").split()),
            "tags": _tags(rule.principle, rule.pack),
        },
    }


def _tags(principle: str, pack: str) -> list[str]:
    return sorted({tag for tag in ("klarsprak", principle, pack) if tag})


# -- files and results ----------------------------------------------------------------------------
def uri_of(path: str) -> str:
    """A relative path stays relative (to %SRCROOT%), percent-encoded: «søknad.md» → «s%C3%B8knad.md»."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix().removeprefix("./"), safe="/")


def _location(path: str) -> dict[str, Any]:
    location: dict[str, Any] = {"uri": uri_of(path)}
    if not Path(path).is_absolute():
        location["uriBaseId"] = SRCROOT
    return location


def _artifacts(run: Run) -> list[dict[str, Any]]:
    """One artifact per file; a calendar file holds several posts, each with its own målform."""
    by_path: dict[str, list[FileResult]] = {}
    for result in run.files:
        by_path.setdefault(result.path, []).append(result)
    artifacts = []
    for path, results in by_path.items():
        if len(results) == 1:
            properties: dict[str, Any] = {"malform": results[0].malform, "stats": results[0].stats.as_dict()}
        else:
            properties = {"posts": len(results), "malform": [result.malform for result in results]}
        artifacts.append({"location": _location(path), "properties": properties})
    return artifacts


def _region(d: Diagnostic, result: FileResult) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(d.line, 1), "startColumn": max(d.column, 1),
                              "endLine": max(d.end_line, d.line, 1), "endColumn": max(d.end_column, 1)}
    if region["endLine"] == region["startLine"]:
        region["endColumn"] = max(region["endColumn"], region["startColumn"])
    if result.document is not None and d.end > d.start:
        region["snippet"] = {"text": result.document.text[d.start:d.end]}
    return region


def _fix_region(fix: Fix, d: Diagnostic, result: FileResult) -> dict[str, Any] | None:
    if (fix.start, fix.end) == (d.start, d.end):
        region = _region(d, result)
        region.pop("snippet", None)
        return region
    if result.document is None:
        return None
    line, column = result.document.position(fix.start)
    end_line, end_column = result.document.position(fix.end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fixes(d: Diagnostic, result: FileResult) -> list[dict[str, Any]]:
    fixes = []
    for suggestion in d.suggestions:
        if suggestion.fix is None:
            continue
        region = _fix_region(suggestion.fix, d, result)
        if region is None:
            continue
        replacement = suggestion.fix.replacement
        fixes.append({
            "description": {"text": f"Bytt til «{replacement}»" if replacement else "Fjern"},
            "artifactChanges": [{
                "artifactLocation": _location(result.path),
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": replacement}}],
            }],
            "properties": {"safe": suggestion.safe},
        })
    return fixes


def _result(result: FileResult, d: Diagnostic, rule_index: dict[str, int], artifact_index: dict[str, int]) -> dict[str, Any]:
    location = _location(result.path)
    location["index"] = artifact_index[location["uri"]]
    entry: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index[d.rule],
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(d, result)}}],
        "properties": {"severity": d.severity.label, "principle": d.principle, "pack": d.pack,
                       "malform": result.malform},
    }
    fixes = _fixes(d, result)
    if fixes:
        entry["fixes"] = fixes
    return entry


def _invocation(run: Run) -> dict[str, Any]:
    """Files that could not be checked, and rules that crashed, as tool notifications."""
    notifications = [
        {"level": "error", "message": {"text": error.message},
         "locations": [{"physicalLocation": {"artifactLocation": _location(error.path)}}]}
        for error in run.errors if error.path
    ]
    notifications += [
        {"level": "warning", "message": {"text": f"{result.path}: {problem}"}}
        for result in run.files for problem in result.rule_errors
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not run.errors and not any(r.rule_errors for r in run.files)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation

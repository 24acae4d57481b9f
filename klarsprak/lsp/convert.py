"""Engine results → LSP values: UTF-16 ranges, severities, diagnostics and the status payload."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types

from klarsprak.core.diagnostics import Diagnostic, Severity
from klarsprak.engine.lint import FileResult
from klarsprak.output.explain import MALFORM_NAMES
from klarsprak.text.document import Document

SOURCE = "klarsprak"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def lsp_range(document: Document, start: int, end: int) -> types.Range:
    """Code-point offsets → an LSP range in UTF-16 code units."""
    start_line, start_char = document.utf16_position(start)
    end_line, end_char = document.utf16_position(end)
    return types.Range(types.Position(start_line, start_char), types.Position(end_line, end_char))


def fix_data(document: Document, diagnostic: Diagnostic) -> list[dict[str, Any]]:
    """What a client needs to apply each suggestion itself: range, new text, safe or not."""
    fixes = []
    for suggestion in diagnostic.suggestions:
        if suggestion.fix is None:
            continue
        r = lsp_range(document, suggestion.fix.start, suggestion.fix.end)
        fixes.append({
            "newText": suggestion.fix.replacement,
            "range": {"start": {"line": r.start.line, "character": r.start.character},
                      "end": {"line": r.end.line, "character": r.end.character}},
            "safe": suggestion.safe,
        })
    return fixes


def to_lsp(document: Document, diagnostic: Diagnostic, version: int | None,
           href: Callable[[str], str | None]) -> types.Diagnostic:
    link = href(diagnostic.rule)
    return types.Diagnostic(
        range=lsp_range(document, diagnostic.start, diagnostic.end),
        message=diagnostic.message,
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        data={"rule": diagnostic.rule, "version": version, "fixes": fix_data(document, diagnostic),
              "principle": diagnostic.principle, "pack": diagnostic.pack},
    )


def status(uri: str, version: int | None, result: FileResult | None, shown: int = 0,
           skipped: str | None = None) -> dict[str, Any]:
    """The ``klarsprak/status`` payload: enough for a status bar ("nynorsk · LIX 34")."""
    if result is None:
        return {"uri": uri, "version": version, "skipped": True, "text": "klarsprak: av",
                "tooltip": skipped or ""}
    stats = result.stats
    name = MALFORM_NAMES.get(result.malform, result.malform)
    short = {"mixed": "blanding", "unknown": "målform ukjent"}.get(result.malform, name)
    text = f"{short} · LIX {stats.lix:.0f}" if stats.words else short
    return {
        "uri": uri,
        "version": version,
        "skipped": False,
        "malform": result.malform,
        "malformName": name,
        "lix": round(stats.lix, 1),
        "lixBand": stats.lix_band,
        "words": stats.words,
        "sentences": stats.sentences,
        "diagnostics": shown,
        "text": text,
        "tooltip": f"Målform: {name}. LIX {stats.lix:.0f} ({stats.lix_band}), {stats.words} ord, "
                   f"{stats.sentences} setninger, {shown} funn.",
    }

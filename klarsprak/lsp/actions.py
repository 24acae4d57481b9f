"""Code actions: the rule's quick fixes, fix all of one rule, fix everything safe, disable the rule on
a line, and add a word to the project's word list.

Only safe fixes are marked preferred (what an editor applies with one keystroke or on save).
Edits are tied to the document version they were computed for, so a client drops them if the text
has moved on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from klarsprak.core.diagnostics import Diagnostic, Fix
from klarsprak.core.fixes import safe_fixes
from klarsprak.engine.rules import Rule
from klarsprak.lsp.convert import lsp_range
from klarsprak.text.document import Document

FIX_ALL_KIND = "source.fixAll.klarsprak"
ADD_WORD_COMMAND = "klarsprak.addWord"
WORD_KINDS = ("substitution", "existence")  # the checks that honour ``words:`` in the config
_DISABLE_LINE = re.compile(r"^(?P<prefix>[ \t>]*)<!--\s*klarsprak-disable-next-line(?P<ids>[^>]*?)\s*-->\s*$")

TITLES = {
    "nb": {"replace": "Bytt «{old}» med «{new}»", "remove": "Fjern «{old}»",
           "rule": "Rett alle funn av «{rule}» i fila ({count})",
           "all": "Rett alt som er trygt å rette ({count})",
           "disable": "Slå av «{rule}» på denne linja",
           "word": "Legg «{word}» til i ordlista for prosjektet"},
    "nn": {"replace": "Byt ut «{old}» med «{new}»", "remove": "Fjern «{old}»",
           "rule": "Rett alle funn av «{rule}» i fila ({count})",
           "all": "Rett alt som er trygt å rette ({count})",
           "disable": "Slå av «{rule}» på denne linja",
           "word": "Legg «{word}» til i ordlista for prosjektet"},
}


@dataclass
class ActionContext:
    uri: str
    version: int | None
    document: Document
    diagnostics: list[Diagnostic]  # every finding shown for the document (for "fix all")
    rules: dict[str, Rule]
    malform: str  # nb/nn: the language of the titles
    versioned_edits: bool = True  # client supports ``documentChanges``

    def edit(self, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        if self.versioned_edits:
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(identifier, edits)])
        return types.WorkspaceEdit(changes={self.uri: edits})

    def text_edit(self, fix: Fix) -> types.TextEdit:
        return types.TextEdit(lsp_range(self.document, fix.start, fix.end), fix.replacement)


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """LSP kinds are hierarchical: asking for ``source.fixAll`` includes ``source.fixAll.klarsprak``."""
    if not only:
        return True
    return any(kind == item or kind.startswith(item + ".") for item in only)


def code_actions(ctx: ActionContext, start: int, end: int, only: Sequence[str] | None,
                 lsp_diagnostics: dict[int, types.Diagnostic]) -> list[types.CodeAction]:
    """Actions for the findings touching ``start..end`` (code points), plus the file-wide fix-all."""
    titles = TITLES["nn" if ctx.malform == "nn" else "nb"]
    actions: list[types.CodeAction] = []
    touching = [d for d in ctx.diagnostics if d.start <= end and d.end >= start]
    if wanted(types.CodeActionKind.QuickFix.value, only):
        seen_rules: set[str] = set()
        for diagnostic in touching:
            related = [lsp_diagnostics[id(diagnostic)]] if id(diagnostic) in lsp_diagnostics else None
            actions += _quick_fixes(ctx, diagnostic, related, titles)
            if diagnostic.rule not in seen_rules:
                seen_rules.add(diagnostic.rule)
                actions += _fix_rule(ctx, diagnostic.rule, titles)
            actions += _disable(ctx, diagnostic, related, titles)
            actions += _add_word(ctx, diagnostic, related, titles)
    if wanted(FIX_ALL_KIND, only):
        actions += _fix_all(ctx, titles)
    return _unique(actions)


def _quick_fixes(ctx: ActionContext, d: Diagnostic, related, titles) -> list[types.CodeAction]:
    actions = []
    old = ctx.document.text[d.start:d.end]
    for suggestion in d.suggestions:
        if suggestion.fix is None:
            continue
        template = titles["replace"] if suggestion.fix.replacement else titles["remove"]
        actions.append(types.CodeAction(
            title=template.format(old=ctx.document.text[suggestion.fix.start:suggestion.fix.end] or old,
                                  new=suggestion.fix.replacement),
            kind=types.CodeActionKind.QuickFix,
            diagnostics=related,
            is_preferred=True if suggestion.fix == d.safe_fix else None,  # one preferred fix at most
            edit=ctx.edit([ctx.text_edit(suggestion.fix)]),
        ))
    return actions


def _fix_rule(ctx: ActionContext, rule_id: str, titles) -> list[types.CodeAction]:
    chosen = safe_fixes(d for d in ctx.diagnostics if d.rule == rule_id)
    if len(chosen) < 2:
        return []  # one finding: its own quick fix says the same
    return [types.CodeAction(
        title=titles["rule"].format(rule=rule_id, count=len(chosen)),
        kind=types.CodeActionKind.QuickFix,
        edit=ctx.edit([ctx.text_edit(fix) for _, fix in chosen]),
    )]


def _fix_all(ctx: ActionContext, titles) -> list[types.CodeAction]:
    chosen = safe_fixes(ctx.diagnostics)
    if not chosen:
        return []
    return [types.CodeAction(
        title=titles["all"].format(count=len(chosen)),
        kind=FIX_ALL_KIND,
        edit=ctx.edit([ctx.text_edit(fix) for _, fix in chosen]),
    )]


def disable_edit(document: Document, offset: int, rule_id: str) -> types.TextEdit | None:
    """Insert ``<!-- klarsprak-disable-next-line ID -->`` above the line (or extend one already there)."""
    text = document.text
    line, _ = document.position(offset)
    index = line - 1
    starts = document.line_starts
    if starts[index] < document.front_matter_end:
        return None  # inside the front matter a comment would break the YAML
    line_text = text[starts[index]: starts[index + 1] if index + 1 < len(starts) else len(text)]
    newline = _line_ending(line_text) or _line_ending(text[: starts[1]] if len(starts) > 1 else "") or "\n"
    if index > 0:
        previous = text[starts[index - 1]: starts[index]].rstrip("\r\n")
        match = _DISABLE_LINE.match(previous)
        if match and starts[index - 1] >= document.front_matter_end:
            ids = [part.strip() for part in match["ids"].split(",") if part.strip()]
            if not ids or rule_id in ids:
                return None
            comment = f"{match['prefix']}<!-- klarsprak-disable-next-line {','.join([*ids, rule_id])} -->"
            start_pos = types.Position(index - 1, 0)
            end_pos = types.Position(index - 1, len(previous.encode("utf-16-le")) // 2)
            return types.TextEdit(types.Range(start_pos, end_pos), comment)
    prefix = re.match(r"[ \t>]*", line_text).group(0)
    comment = f"{prefix}<!-- klarsprak-disable-next-line {rule_id} -->{newline}"
    position = types.Position(index, 0)
    return types.TextEdit(types.Range(position, position), comment)


def _line_ending(line: str) -> str:
    """The line's own ending: CRLF, a lone CR (old Mac files) or LF; "" for the last line."""
    for ending in ("\r\n", "\r", "\n"):
        if line.endswith(ending):
            return ending
    return ""


def _disable(ctx: ActionContext, d: Diagnostic, related, titles) -> list[types.CodeAction]:
    edit = disable_edit(ctx.document, d.start, d.rule)
    if edit is None:
        return []
    return [types.CodeAction(title=titles["disable"].format(rule=d.rule), kind=types.CodeActionKind.QuickFix,
                             diagnostics=related, edit=ctx.edit([edit]))]


def word_of(document: Document, d: Diagnostic) -> str:
    """The word as the project list should hold it: lower case unless it has inner capitals (NAV)."""
    word = str(d.data.get("params", {}).get("match") or document.text[d.start:d.end]).strip()
    return word if any(char.isupper() for char in word[1:]) else word.lower()


def _add_word(ctx: ActionContext, d: Diagnostic, related, titles) -> list[types.CodeAction]:
    rule = ctx.rules.get(d.rule)
    if rule is None or rule.kind not in WORD_KINDS:
        return []
    word = word_of(ctx.document, d)
    if not word or "\n" in word:
        return []
    return [types.CodeAction(
        title=titles["word"].format(word=word),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=related,
        command=types.Command(title=titles["word"].format(word=word), command=ADD_WORD_COMMAND,
                              arguments=[ctx.uri, word]),
    )]


def _unique(actions: list[types.CodeAction]) -> list[types.CodeAction]:
    """Two findings on one line must not offer the same edit twice."""
    seen, result = set(), []
    for action in actions:
        if action.title in seen:
            continue
        seen.add(action.title)
        result.append(action)
    return result

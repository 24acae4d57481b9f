"""Rule pages for ``Diagnostic.codeDescription``: the ``klarsprak explain`` text as a local file.

Editors show ``codeDescription.href`` as a link on the rule id. The page is generated with
:func:`klarsprak.output.explain.explain_rule` into the user's cache folder (``$KLARSPRAK_CACHE_DIR``, else
``$XDG_CACHE_HOME/klarsprak``, else ``~/.cache/klarsprak``), under ``regler/<project>/<id>.<nb|nn>.md``,
so it works offline and covers a project's own rules too. A folder that cannot be written simply
means no link.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from klarsprak.engine.rules import Rule
from klarsprak.output.explain import explain_rule
from klarsprak.text.sources import write_atomically

log = logging.getLogger("klarsprak.lsp")


def cache_root() -> Path:
    explicit = os.environ.get("KLARSPRAK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "klarsprak"


class RulePages:
    """Writes each rule's page once per (re)load of the rules and hands out its ``file://`` URI."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_root()) / "regler"
        self._uris: dict[tuple[Path | None, str, str], str | None] = {}
        self._broken = False

    def href(self, project: Path | None, rule: Rule, malform: str) -> str | None:
        key = (project, rule.id, malform)
        if key not in self._uris:
            self._uris[key] = self._write(project, rule, malform)
        return self._uris[key]

    def forget(self) -> None:
        """Rules may have changed (config reload): write the pages again on next use."""
        self._uris.clear()

    def _write(self, project: Path | None, rule: Rule, malform: str) -> str | None:
        if self._broken:
            return None
        label = str(project) if project else "standard"
        folder = self.root / hashlib.sha1(label.encode()).hexdigest()[:12]
        page = folder / f"{rule.id}.{malform}.md"
        text = explain_rule(rule, malform) + "\n"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not page.is_file() or page.read_text(encoding="utf-8") != text:
                write_atomically(page, text.encode("utf-8"))
        except OSError as error:
            log.warning("kan ikke skrive regelsider i %s: %s", folder, error)
            self._broken = True
            return None
        return page.resolve().as_uri()

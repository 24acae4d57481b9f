"""Front matter: the YAML block that opens a post, and the keys klarsprak reads from it.

``malform``, ``kanal``, ``type``, ``dato`` and ``avsender`` steer the rules for one post; the values
they may take live here so the document, the engine and editorial plans agree on them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from klarsprak.core.errors import KlarsprakError

KANALER = ("facebook", "instagram", "x", "linkedin", "nettside")
TYPER = ("innlegg", "svar")


def split_front_matter(text: str, path: str | None) -> tuple[dict[str, Any], int]:
    """The YAML mapping of a leading ``---`` block and the offset where the prose starts."""
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].rstrip(" \t\r") not in ("---", "\ufeff---"):
        return {}, 0
    body_start = first_end + 1
    position = body_start
    length = len(text)
    while position < length:
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = length
        if text[position:line_end].rstrip(" \t\r") in ("---", "..."):
            return _load_front_matter(text[body_start:position], path), min(line_end + 1, length)
        position = line_end + 1
    return {}, 0  # no closing line: a thematic break, not front matter


def _load_front_matter(body: str, path: str | None) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise KlarsprakError(f"ugyldig front matter: {problem}", path, line) from None
    except (RecursionError, ValueError) as error:
        raise KlarsprakError(f"ugyldig front matter: {error}", path, 2) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KlarsprakError(
            "ugyldig front matter: forventet nøkler med verdier (nøkkel: verdi), "
            f"fant {_yaml_type(data)}",
            path,
            2,
        )
    return data


def _yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, str):
        return "tekst"
    return "en enkeltverdi"


def validate_front_matter(meta: dict[str, Any], path: str | None) -> None:
    """The few front-matter keys klarsprak reads must hold values it understands."""
    where = path or "-"
    malform = str(meta.get("malform", "auto")).lower()
    if malform not in ("auto", "nb", "nn"):
        raise KlarsprakError(f"ugyldig malform «{meta['malform']}» i front matter (nb, nn eller auto)", where)
    kanal = meta.get("kanal")
    if kanal is not None and str(kanal).lower() not in KANALER:
        raise KlarsprakError(f"ukjent kanal «{kanal}» i front matter ({', '.join(KANALER)})", where)
    kind = meta.get("type")
    if kind is not None and str(kind).lower() not in TYPER:
        raise KlarsprakError(f"ukjent type «{kind}» i front matter (innlegg eller svar)", where)
    dato = meta.get("dato")
    if dato is not None and not isinstance(dato, date):
        try:
            date.fromisoformat(str(dato))
        except ValueError:
            raise KlarsprakError(f"ugyldig dato «{dato}» i front matter (skriv ÅÅÅÅ-MM-DD)", where) from None

""""Add «word» to the project word list": one line added to ``words:`` in ``.klarsprak.yaml``.

The file is edited as text, not re-dumped from YAML, so comments, key order, quoting and line
endings stay exactly as the writer left them. The result is parsed again before it is written
(atomically): if anything but ``words`` would change, nothing is written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from klarsprak.core.errors import KlarsprakError
from klarsprak.text.sources import SourceFile, read_source, write_atomically

_WORDS_KEY = re.compile(r"^words[ \t]*:[ \t]*(?P<rest>.*?)[ \t]*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)-(?:[ \t]|$)")


def yaml_scalar(word: str) -> str:
    """The word as YAML: plain when it reads back as the same string, else double-quoted."""
    try:
        if re.fullmatch(r"[^\W\d_][\w.'-]*", word) and yaml.safe_load(word) == word:
            return word
    except yaml.YAMLError:
        pass
    return json.dumps(word, ensure_ascii=False)


def _load(text: str, path: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise KlarsprakError("konfigurasjonen er ikke gyldig YAML; rett den før du legger til ord",
                             path, mark.line + 1 if mark else None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KlarsprakError("konfigurasjonen skal være en tabell (nøkkel: verdi)", path, 1)
    return data


def _strip_comment(value: str) -> str:
    return re.sub(r"(^|[ \t])#.*$", "", value).strip()


def add_word_to_text(text: str, word: str, path: str = ".klarsprak.yaml") -> str | None:
    """``text`` with ``word`` appended to ``words:``; None when the list already has it."""
    before = _load(text, path)
    words = before.get("words") or []
    if not isinstance(words, list):
        raise KlarsprakError("«words» skal være en liste", path)
    if word.lower() in {str(item).lower() for item in words}:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    scalar = yaml_scalar(word)
    lines = text.splitlines(keepends=True)
    key = next((i for i, line in enumerate(lines) if _WORDS_KEY.match(line.rstrip("\r\n"))), None)
    if key is None:
        prefix = text if not text or text.endswith("\n") else text + newline
        updated = f"{prefix}words:{newline}  - {scalar}{newline}"
    else:
        updated = _insert(lines, key, scalar, newline, path)
    _verify(before, updated, word, path)
    return updated


def _insert(lines: list[str], key: int, scalar: str, newline: str, path: str) -> str:
    rest = _strip_comment(_WORDS_KEY.match(lines[key].rstrip("\r\n"))["rest"])
    if rest.startswith("[") and rest.endswith("]"):  # flow list on one line: words: [a, b]
        line = lines[key]
        close = line.rindex("]")
        inside = line[line.index("[") + 1 : close]
        joined = f"{inside.rstrip()}, {scalar}" if inside.strip() else scalar
        lines[key] = line[: line.index("[") + 1] + joined + line[close:]
        return "".join(lines)
    if rest not in ("", "null", "~"):
        raise KlarsprakError("fant ikke ut hvordan «words» er skrevet; legg ordet til selv", path)
    if rest:  # words: null  →  words:
        line = lines[key]
        ending = line[len(line.rstrip("\r\n")):]
        lines[key] = "words:" + (ending or newline)
    last_item, indent = None, "  "
    for index in range(key + 1, len(lines)):
        body = lines[index].rstrip("\r\n")
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        item = _ITEM.match(body)
        if item:
            last_item, indent = index, item["indent"]
        elif body[0] in " \t" and last_item is not None:
            last_item = index  # continuation of a multi-line item
        else:
            break
    at = (last_item if last_item is not None else key) + 1
    if not lines[at - 1].endswith("\n"):
        lines[at - 1] += newline
    lines.insert(at, f"{indent}- {scalar}{newline}")
    return "".join(lines)


def _verify(before: dict[str, Any], text: str, word: str, path: str) -> None:
    after = _load(text, path)
    old_words = list(before.get("words") or [])
    same_rest = {k: v for k, v in before.items() if k != "words"} == {k: v for k, v in after.items() if k != "words"}
    if not same_rest or after.get("words") != [*old_words, word]:
        raise KlarsprakError("klarte ikke å legge ordet til uten å endre noe annet; legg det til selv", path)


def add_word(config_path: Path, word: str) -> bool:
    """Add ``word`` to the project's ``words:`` (creating the file); False if it was there already."""
    if config_path.exists():
        source = read_source(config_path)
    else:
        source = SourceFile(str(config_path), "")
    updated = add_word_to_text(source.text, word, str(config_path))
    if updated is None:
        return False
    try:
        write_atomically(config_path, source.encode(updated))
    except OSError as error:
        raise KlarsprakError(f"kan ikke skrive fila ({error.strerror})", str(config_path)) from None
    return True

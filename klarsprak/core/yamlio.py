"""YAML with line numbers, and validation errors that name the file and line.

Users edit ``.klarsprak.yaml``, rule files and word lists by hand; every mistake must point at the
line to fix, in Norwegian, as one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from klarsprak.core.errors import KlarsprakError

Key = tuple[Any, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class LineMap:
    """Line (1-based) of every mapping key and sequence item, by its path in the tree."""

    lines: dict[Key, int] = field(default_factory=dict)

    def line_of(self, loc: Key) -> int | None:
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


def _build(node: yaml.Node, loc: Key, lines: LineMap, loader: yaml.SafeLoader) -> Any:
    lines.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise KlarsprakError("en nøkkel kan ikke være en liste eller tabell", None, key_node.start_mark.line + 1)
            lines.lines[loc + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, loc + (key,), lines, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (index,), lines, loader) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Any, LineMap]:
    """Parse one YAML document; syntax errors become ``path:line: …``."""
    lines = LineMap()
    loader = _LOADER(text)  # the C parser when PyYAML has it: rule and word-list files load ~5x faster
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(node, (), lines, loader)
    except KlarsprakError as error:
        raise KlarsprakError(error.detail, path, (error.line or 0) + line_offset) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = error.problem or error.context or "ugyldig YAML"
        raise KlarsprakError(f"ugyldig YAML: {problem}", path, line) from None
    except yaml.YAMLError as error:
        raise KlarsprakError(f"ugyldig YAML: {error}", path) from None
    finally:
        loader.dispose()
    if line_offset:
        lines.lines = {key: value + line_offset for key, value in lines.lines.items()}
    return data, lines


def load_yaml_file_reused(path: Path) -> tuple[Any, LineMap]:
    """:func:`load_yaml_file`, reused from the data cache's JSON copy while the file is unchanged
    (a cold start reads the ~30 rule files, line numbers and all, without building YAML nodes)."""
    from klarsprak.core.datacache import parsed_data

    stored = parsed_data(path, _plain_with_lines)
    return stored["data"], LineMap({tuple(key): line for key, line in stored["lines"]})


def _plain_with_lines(path: Path) -> dict[str, Any]:
    data, lines = load_yaml_file(path)
    return {"data": data, "lines": [[list(key), line] for key, line in lines.lines.items()]}


def load_yaml_file(path: Path) -> tuple[Any, LineMap]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise KlarsprakError(f"kan ikke lese fila ({error.strerror})", str(path)) from None
    except UnicodeDecodeError:
        raise KlarsprakError("fila er ikke gyldig UTF-8", str(path)) from None
    return parse_yaml(text, str(path))


_MESSAGES = {
    "extra_forbidden": "ukjent nøkkel «{name}»",
    "missing": "mangler nøkkelen «{name}»",
    "literal_error": "ugyldig verdi for «{name}»: {ctx}",
    "string_type": "«{name}» skal være tekst",
    "int_type": "«{name}» skal være et heltall",
    "int_parsing": "«{name}» skal være et heltall",
    "float_type": "«{name}» skal være et tall",
    "float_parsing": "«{name}» skal være et tall",
    "bool_type": "«{name}» skal være true eller false",
    "bool_parsing": "«{name}» skal være true eller false",
    "list_type": "«{name}» skal være en liste",
    "dict_type": "«{name}» skal være en tabell (nøkkel: verdi)",
    "model_type": "«{name}» skal være en tabell (nøkkel: verdi)",
    "string_pattern_mismatch": "ugyldig verdi for «{name}»",
}


def describe_error(error: dict[str, Any]) -> str:
    """A Norwegian one-liner for one pydantic error."""
    loc = [part for part in error["loc"] if not isinstance(part, int)]
    # pydantic adds the union member's name (e.g. "str", "Example") to the loc; drop those.
    names = [str(part) for part in loc if not str(part)[:1].isupper() and str(part) not in {"str", "list[str]", "dict[str,str]"}]
    name = names[-1] if names else "?"
    template = _MESSAGES.get(error["type"])
    if template is None:
        return f"ugyldig verdi for «{name}»: {error['msg']}"
    ctx = error.get("ctx") or {}
    message = template.format(name=name, ctx=ctx.get("expected", ""))
    indexes = [part for part in error["loc"] if isinstance(part, int)]
    if indexes and error["loc"][-1] == indexes[-1]:
        message += f" (element {indexes[-1] + 1}: {error.get('input')!r})"
    return message


def validate(model: type[ModelT], data: Any, path: str, lines: LineMap, base: Key = ()) -> ModelT:
    """Validate ``data`` against ``model``; the first error becomes ``path:line: …``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = base + tuple(part for part in first["loc"] if isinstance(part, int | str) and not _is_type_tag(part))
        raise KlarsprakError(describe_error(first), path, lines.line_of(loc)) from None


def _is_type_tag(part: Any) -> bool:
    return isinstance(part, str) and (part[:1].isupper() or "[" in part or part in {"str", "int", "float", "bool"})

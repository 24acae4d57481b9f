"""Readers for the two treebank formats the model is built from (NDT CoNLL-X and UD CoNLL-U).

NDT files carry no original spacing, so ``detokenize`` rebuilds plausible running text: the
model's tokenizer is trained and measured on text, not on pre-split tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


@dataclass
class Token:
    id: int
    form: str
    lemma: str
    pos: str  # NDT: Oslo-Bergen word class; UD: UPOS
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool = True


@dataclass
class Sentence:
    tokens: list[Token]
    text: str = ""
    source: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def read_ndt(path: Path) -> list[Sentence]:
    """Read one NDT CoNLL-X file (10 columns, blank line between sentences)."""
    sentences: list[Sentence] = []
    rows: list[Token] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if rows:
                sent = Sentence(rows, source=path.name)
                _ndt_spacing(sent.tokens)
                sent.text = sentence_text(sent.tokens)
                sentences.append(sent)
                rows = []
            continue
        cols = line.split("\t")
        rows.append(
            Token(int(cols[0]), cols[1], cols[2], cols[3], cols[4], cols[5], int(cols[6]), cols[7])
        )
    return sentences


def read_conllu(path: Path) -> list[Sentence]:
    """Read a UD CoNLL-U file; multiword-token ranges and empty nodes are skipped."""
    sentences: list[Sentence] = []
    rows: list[Token] = []
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if rows:
                text = meta.get("text") or sentence_text(rows)
                sentences.append(Sentence(rows, text=text, source=path.name, meta=meta))
            rows, meta = [], {}
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition("=")
            if sep:
                meta[key.strip()] = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10 or not cols[0].isdigit():
            continue
        misc = cols[9].split("|")
        rows.append(
            Token(
                int(cols[0]), cols[1], cols[2], cols[3], cols[4], cols[5],
                int(cols[6]) if cols[6].isdigit() else 0, cols[7],
                space_after="SpaceAfter=No" not in misc,
            )
        )
    return sentences


def sentence_text(tokens: list[Token]) -> str:
    return "".join(t.form + (" " if t.space_after else "") for t in tokens).strip()


_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "»", "%", "…", "'s"}
_NO_SPACE_AFTER = {"(", "[", "{", "«"}


def _ndt_spacing(tokens: list[Token]) -> None:
    """Guess SpaceAfter for NDT tokens with the conventions of Norwegian print."""
    quote_open = False
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None:
            tok.space_after = False
            break
        if tok.form in _NO_SPACE_AFTER:
            tok.space_after = False
        if nxt.form in _NO_SPACE_BEFORE:
            tok.space_after = False
        if tok.form == '"':
            quote_open = not quote_open
            if quote_open:
                tok.space_after = False
        elif nxt.form == '"' and quote_open:
            tok.space_after = False


def normalise(text: str) -> str:
    """Key for matching the same sentence across NDT and UD whatever the spacing."""
    return re.sub(r"\s+", "", text).lower()


def ndt_files(root: Path, standard: str) -> list[Path]:
    """NDT files of one standard ("nob" or "nno"), sorted for reproducibility."""
    return sorted((root / standard).glob("*.conll"))


def iter_ndt(root: Path, standard: str) -> Iterator[tuple[Path, list[Sentence]]]:
    for path in ndt_files(root, standard):
        yield path, read_ndt(path)

"""Loading fast must not change what is loaded (issue 13, cold start)."""

from __future__ import annotations

from pathlib import Path

import pytest

from klarsprak.language.model import DEFAULT_DIR, STANDARDS

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "Vi viser til din henvendelse vedrørende timebestilling, jf. kap. 3 i loven av 2006.",
    "Les meir på helsenorge.no/vaksiner eller ring 800 30 300! 😊 #vaksine @Helsenorge",
    "Dr. Hansen sa bl.a. at ca. 20 % fikk time i 2006. Det gjaldt f.eks. barn u/18 år.",
    "«Kva tenkjer du?» spurde ho – og svarte sjølv: «Ikkje så mykje.»",
]


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_saved_tokenizer_alone_gives_the_same_tokenizer_as_spacys_default_factory(standard):
    """klarsprak loads the tokenizer's rules from the saved file only, skipping spaCy's default
    tokenizer that ``from_disk`` would replace anyway, and puts its own special cases and suffixes
    in while reading; the result must be the same as spaCy's way followed by klarsprak's."""
    import spacy

    from klarsprak.language.model import _SAVED_TOKENIZER, components  # noqa: F401 - registers the factory
    from klarsprak.language.tokenizer import customize_tokenizer

    path = DEFAULT_DIR / standard
    plain = customize_tokenizer(spacy.load(path))
    fast = spacy.load(path, config=_SAVED_TOKENIZER)
    loaded = fast.tokenizer.to_bytes(exclude=["vocab"])
    customize_tokenizer(fast)  # what the linter does next: nothing is left to add
    assert fast.tokenizer.to_bytes(exclude=["vocab"]) == loaded
    assert fast.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    posts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.md"))]
    for text in posts:
        assert [t.text for t in fast(text)] == [t.text for t in plain(text)]
        assert [(t.lemma_, t.pos_, str(t.morph)) for t in fast(text)] == [(t.lemma_, t.pos_, str(t.morph)) for t in plain(text)]


def test_entry_point_index_keeps_every_group():
    """spaCy's registries find the same plug-ins after the entry points are grouped once."""
    import importlib.metadata

    import catalogue

    from klarsprak.language.model import _index_entry_points

    _index_entry_points()
    grouped = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(grouped, dict)
    everything = importlib.metadata.entry_points()
    assert set(grouped) == set(everything.groups)
    for group in everything.groups:
        expected = sorted(ep.name for ep in everything.select(group=group))
        assert sorted(ep.name for ep in grouped[group]) == expected

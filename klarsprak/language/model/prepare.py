"""Turn NDT (training) and UD (evaluation) treebanks into spaCy DocBin files.

The split is decided here and only here: NDT files that contain UD development sentences are
left out whole (≥ ``FILE_OVERLAP_MIN`` shared sentences), any other shared sentence is dropped
one by one, and every ``INTERNAL_DEV_EVERY``-th remaining file is held back for checkpoint
selection, so the UD development set never influences training.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from .convert import convert_sentence, ob_tag
from .corpus import Sentence, iter_ndt, normalise, read_conllu

FILE_OVERLAP_MIN = 5
INTERNAL_DEV_EVERY = 20
STANDARDS = ("nob", "nno")


@dataclass
class SplitReport:
    train_sentences: dict[str, int] = field(default_factory=dict)
    internal_dev_sentences: dict[str, int] = field(default_factory=dict)
    excluded_files: dict[str, list[str]] = field(default_factory=dict)
    excluded_sentences: dict[str, int] = field(default_factory=dict)


def dev_keys(ud_dev_dir: Path) -> set[str]:
    """Spacing-insensitive keys of every UD development sentence."""
    keys: set[str] = set()
    for path in sorted(ud_dev_dir.glob("*.conllu")):
        keys.update(normalise("".join(t.form for t in s.tokens)) for s in read_conllu(path))
    return keys


def ndt_doc(vocab: Vocab, sent: Sentence, standard: str) -> Doc:
    converted = convert_sentence(sent, standard)
    return Doc(
        vocab,
        words=[t.form for t in sent.tokens],
        spaces=[t.space_after for t in sent.tokens],
        pos=[c[0] for c in converted],
        morphs=[c[1] for c in converted],
        lemmas=[c[2] for c in converted],
        tags=[ob_tag(t) for t in sent.tokens],
        heads=[t.head - 1 if t.head else i for i, t in enumerate(sent.tokens)],
        deps=[t.deprel if t.head else "ROOT" for t in sent.tokens],
    )


def ud_doc(vocab: Vocab, sent: Sentence) -> Doc:
    return Doc(
        vocab,
        words=[t.form for t in sent.tokens],
        spaces=[t.space_after for t in sent.tokens],
        pos=[t.pos for t in sent.tokens],
        morphs=[t.feats for t in sent.tokens],
        lemmas=[t.lemma for t in sent.tokens],
    )


def prepare(ndt_dir: Path, ud_dev_dir: Path, out_dir: Path, standards=STANDARDS) -> SplitReport:
    """Write train.spacy and internal-dev.spacy (NDT) plus ud-dev-<std>.spacy to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    keys = dev_keys(ud_dev_dir)
    report = SplitReport()
    train, internal = DocBin(store_user_data=False), DocBin(store_user_data=False)
    for standard in standards:
        n_train = n_dev = n_drop = 0
        excluded: list[str] = []
        kept = 0
        for path, sents in iter_ndt(ndt_dir, standard):
            shared = [normalise("".join(t.form for t in s.tokens)) in keys for s in sents]
            if sum(shared) >= FILE_OVERLAP_MIN:
                excluded.append(path.name)
                continue
            kept += 1
            target = internal if kept % INTERNAL_DEV_EVERY == 0 else train
            for sent, is_shared in zip(sents, shared):
                if is_shared:
                    n_drop += 1
                    continue
                target.add(ndt_doc(vocab, sent, standard))
                if target is internal:
                    n_dev += 1
                else:
                    n_train += 1
        report.train_sentences[standard] = n_train
        report.internal_dev_sentences[standard] = n_dev
        report.excluded_files[standard] = excluded
        report.excluded_sentences[standard] = n_drop
    train.to_disk(out_dir / "train.spacy")
    internal.to_disk(out_dir / "internal-dev.spacy")
    for path in sorted(ud_dev_dir.glob("*.conllu")):
        bin_ = DocBin(store_user_data=False)
        for sent in read_conllu(path):
            bin_.add(ud_doc(vocab, sent))
        bin_.to_disk(out_dir / f"{path.stem}.spacy")
    (out_dir / "split.json").write_text(json.dumps(report.__dict__, indent=1), encoding="utf-8")
    return report

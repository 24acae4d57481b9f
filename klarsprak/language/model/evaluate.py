"""Measure a pipeline against any UD CoNLL-U file, the honest way.

The raw sentence text (``# text``) is tokenized by the model itself and aligned to the gold
tokens (spaCy's ``Example`` alignment), so tokenization errors cost accuracy. The same figures on
gold tokens are reported beside them, to tell tagger errors from tokenizer errors.
Gold passive = a token with ``Voice=Pass`` or with an ``aux:pass`` dependent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from .corpus import Sentence, read_conllu
from .passive import find_passives

ATTRS = {"upos": "pos", "lemma": "lemma", "morph": "morph"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def gold_doc(nlp: Language, sent: Sentence) -> Doc:
    return Doc(
        nlp.vocab,
        words=[t.form for t in sent.tokens],
        spaces=[t.space_after for t in sent.tokens],
        pos=[t.pos if t.pos != "_" else "X" for t in sent.tokens],
        morphs=[t.feats for t in sent.tokens],
        lemmas=[t.lemma for t in sent.tokens],
    )


def gold_passive(sent: Sentence) -> set[int]:
    """0-based gold token indices that are passive verbs."""
    found = {i for i, t in enumerate(sent.tokens) if "Voice=Pass" in t.feats.split("|")}
    found |= {t.head - 1 for t in sent.tokens if t.deprel == "aux:pass" and t.head > 0}
    return found


def evaluate_file(nlp: Language, path: Path, batch_size: int = 256) -> dict:
    """All figures for one CoNLL-U file as a JSON-ready dict (keys documented in the README)."""
    sents = read_conllu(path)
    texts = [s.text for s in sents]
    start = time.perf_counter()
    predicted = list(nlp.pipe(texts, batch_size=batch_size))
    seconds = time.perf_counter() - start
    golds = [gold_doc(nlp, s) for s in sents]
    raw = [Example(p, g) for p, g in zip(predicted, golds)]
    pretok = [Example(p, g) for p, g in zip(_tag_gold_tokens(nlp, golds), golds)]
    scorer = Scorer()
    tok = scorer.score_tokenization(raw)
    result: dict = {
        "file": str(path),
        "sentences": len(sents),
        "gold_tokens": sum(len(s.tokens) for s in sents),
        "token_acc": round(tok["token_acc"], 4),
        "token_f": round(tok["token_f"], 4),
    }
    for key, attr in ATTRS.items():
        result[key] = round(_attr_acc(raw, attr), 4)
    result["on_gold_tokens"] = {key: round(_attr_acc(pretok, attr), 4) for key, attr in ATTRS.items()}
    result["passive"] = _passive_scores(sents, raw)
    words = sum(len(d) for d in predicted)
    result["words_per_second"] = round(words / seconds) if seconds else 0
    return result


def _tag_gold_tokens(nlp: Language, golds: list[Doc]) -> list[Doc]:
    docs = [Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]) for g in golds]
    return list(nlp.pipe(docs, batch_size=256))


def _attr_acc(examples: list[Example], attr: str) -> float:
    """spaCy's aligned attribute accuracy: a gold token split or merged by the tokenizer is wrong."""
    getter = (lambda t, a: str(t.morph)) if attr == "morph" else getattr
    name = f"{attr}_acc"
    scores = Scorer.score_token_attr(examples, attr, getter=getter, missing_values=set())
    return float(scores.get(name) or 0.0)


def _passive_scores(sents: list[Sentence], examples: list[Example]) -> dict:
    per_sentence, per_token = Counts(), Counts()
    for sent, eg in zip(sents, examples):
        gold = gold_passive(sent)
        pred_gold_idx: set[int] = set()
        unaligned = 0
        for passive in find_passives(eg.predicted):
            aligned = list(eg.alignment.x2y[passive.verb.i])
            if aligned:
                pred_gold_idx.update(int(i) for i in aligned)
            else:
                unaligned += 1
        per_token.tp += len(pred_gold_idx & gold)
        per_token.fp += len(pred_gold_idx - gold) + unaligned
        per_token.fn += len(gold - pred_gold_idx)
        has_pred, has_gold = bool(pred_gold_idx) or unaligned > 0, bool(gold)
        per_sentence.tp += has_pred and has_gold
        per_sentence.fp += has_pred and not has_gold
        per_sentence.fn += has_gold and not has_pred
    return {"sentence": per_sentence.as_dict(), "token": per_token.as_dict()}


def format_text(result: dict) -> str:
    """A short Norwegian summary for people."""
    p = result["passive"]
    lines = [
        f"Fil: {result['file']} ({result['sentences']} setninger, {result['gold_tokens']} ord)",
        f"Ordeling (token): {result['token_acc']:.4f}",
        f"Ordklasse (UPOS): {result['upos']:.4f}   (på fasit-ordeling: {result['on_gold_tokens']['upos']:.4f})",
        f"Lemma:            {result['lemma']:.4f}   (på fasit-ordeling: {result['on_gold_tokens']['lemma']:.4f})",
        f"Morfologi:        {result['morph']:.4f}   (på fasit-ordeling: {result['on_gold_tokens']['morph']:.4f})",
        "Passiv per setning: presisjon {precision:.4f}, dekning {recall:.4f}".format(**p["sentence"]),
        "Passiv per ord:     presisjon {precision:.4f}, dekning {recall:.4f}".format(**p["token"]),
        f"Fart: {result['words_per_second']} ord/s",
    ]
    return "\n".join(lines)

"""Command line for the language model: ``python -m klarsprak.language.model train|evaluate|prepare``."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
DEFAULT_DATA = Path("../shared/data")
DEFAULT_WORK = Path("/tmp/klarsprak-model-training")
TRAINED = ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer")


STANDARD_DIRS = {"nob": "nb", "nno": "nn"}
# Per-standard changes to config.cfg (measured on ud-dev, see the model README): nynorsk has less
# training data and needed a wider encoder to reach UPOS 0.96.
STANDARD_OVERRIDES = {
    "nob": [],
    "nno": ["--components.tok2vec.model.encode.width", "128"],
}
# Stage 2 (see _continue_config): both shipped models had it; measured on ud-dev in the model README.
CONTINUE_STEPS = 2000
NN_MARKERS = frozenset({"ikkje", "eg", "kva", "vart", "berre", "korleis", "kven", "frå", "ein", "eit", "me", "dei", "vere", "meir", "noko", "mykje", "heile", "difor", "fordi"})
NB_MARKERS = frozenset({"ikke", "jeg", "hva", "ble", "bare", "hvordan", "hvem", "fra", "en", "et", "vi", "de", "være", "mer", "noe", "mye", "hele", "derfor", "fordi"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m klarsprak.language.model",
        description="Tren og mål klarsprak sin norske språkmodell (bokmål og nynorsk).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    train = sub.add_parser("train", help="Tren modellene fra NDT og legg dem i pakken.")
    train.add_argument("--data", type=Path, default=DEFAULT_DATA,
                       help="Mappen med ndt/ og ud-dev/ (standard: ../shared/data).")
    train.add_argument("--work", type=Path, default=DEFAULT_WORK,
                       help="Arbeidsmappe for korpusfiler og sjekkpunkter (utenfor repoet).")
    train.add_argument("--output", type=Path, default=HERE / "data",
                       help="Hvor de ferdige modellene skal ligge (undermapper nb/ og nn/).")
    train.add_argument("--max-steps", type=int, default=None, help="Overstyr antall treningssteg.")
    train.add_argument("--standards", default="nob,nno", help="nob, nno eller nob,nno (standard).")
    train.add_argument("--sequential", action="store_true",
                       help="Tren én målform om gangen (standard: begge samtidig, én kjerne hver).")
    train.add_argument("--continue-steps", type=int, default=CONTINUE_STEPS,
                       help="Tren videre så mange steg fra beste sjekkpunkt med lavere læringsrate "
                            f"(trinn 2; standard: {CONTINUE_STEPS}; 0 = bare trinn 1).")
    train.add_argument("--continue-lr", type=float, default=0.0002,
                       help="Læringsrate i trinn 2 (standard: 0.0002).")
    train.add_argument("--continue-from", type=Path, default=None,
                       help="Hopp over trinn 1 og start trinn 2 fra denne modellmappen "
                            "(f.eks. klarsprak/language/model/data/nn); krever én målform i --standards.")

    prep = sub.add_parser("prepare", help="Lag bare korpusfilene (.spacy) i arbeidsmappen.")
    prep.add_argument("--data", type=Path, default=DEFAULT_DATA)
    prep.add_argument("--work", type=Path, default=DEFAULT_WORK)
    prep.add_argument("--standards", default="nob,nno")

    ev = sub.add_parser("evaluate", help="Mål modellen mot en UD CoNLL-U-fil.")
    ev.add_argument("file", type=Path, help="CoNLL-U-fil med fasit.")
    ev.add_argument("--format", choices=["json", "text"], default="text")
    ev.add_argument("--malform", choices=["auto", "nb", "nn"], default="auto",
                    help="Hvilken modell som skal måles (auto: etter ordene i filen).")
    ev.add_argument("--model", type=Path, default=None,
                    help="Modellmappe med nb/ og nn/, eller én modell (standard: de som følger med).")

    args = parser.parse_args(argv)
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "prepare":
        return _prepare(args)
    return _train(args)


def _standards(value: str) -> tuple[str, ...]:
    chosen = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = [s for s in chosen if s not in STANDARD_DIRS]
    if unknown:
        raise SystemExit(f"Ukjent målform: {', '.join(unknown)} (bruk nob og/eller nno).")
    return chosen


def _prepare(args: argparse.Namespace) -> int:
    from .prepare import prepare

    for standard in _standards(args.standards):
        report = prepare(args.data / "ndt", args.data / "ud-dev", args.work / f"corpus-{standard}", (standard,))
        print(json.dumps({k: v for k, v in report.__dict__.items() if k != "excluded_files"}))
    return 0


def _train(args: argparse.Namespace) -> int:
    """Prepare corpora, train one pipeline per standard (in parallel on 2 cores), ship the best."""
    standards = _standards(args.standards)
    if args.continue_from is not None and (len(standards) != 1 or not args.continue_steps):
        raise SystemExit("--continue-from krever én målform i --standards og --continue-steps > 0.")
    _prepare(args)
    best = {standard: args.work / f"run-{standard}" / "model-best" for standard in standards}
    if args.continue_from is None:
        extra = ["--training.max_steps", str(args.max_steps)] if args.max_steps else []
        if not _run_stage(args, standards, "run", CONFIG, extra, lambda standard: STANDARD_OVERRIDES[standard]):
            return 1
    else:
        best = {standards[0]: args.continue_from}
    if args.continue_steps:
        config = _continue_config(args.work, args.continue_steps, args.continue_lr)
        if not _run_stage(args, standards, "continue", config,
                          ["--code", str(HERE / "components.py")],
                          lambda standard: ["--paths.source", str(best[standard])]):
            return 1
        best = {standard: args.work / f"continue-{standard}" / "model-best" for standard in standards}
    for standard in standards:
        _ship(best[standard], args.output / STANDARD_DIRS[standard], standard)
    print(f"Modellene ligger i {args.output}")
    return 0


def _run_stage(args: argparse.Namespace, standards: tuple[str, ...], stage: str, config: Path,
               extra: list[str], per_standard) -> bool:
    """Run ``spacy train`` once per standard (parallel unless --sequential); False if any failed."""
    jobs = []
    for standard in standards:
        corpus = args.work / f"corpus-{standard}"
        cmd = [sys.executable, "-m", "spacy", "train", str(config),
               "--output", str(args.work / f"{stage}-{standard}"),
               "--paths.train", str(corpus / "train.spacy"),
               "--paths.dev", str(corpus / "internal-dev.spacy"), *per_standard(standard), *extra]
        log = open(args.work / f"{stage}-{standard}.log", "w", encoding="utf-8")
        print(f"Trener {standard} ({stage}): logg i {log.name}")
        job = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        if args.sequential:
            job.wait()
        jobs.append((standard, job))
    failed = [standard for standard, job in jobs if job.wait() != 0]
    if failed:
        print(f"Treningen feilet for {', '.join(failed)}; se loggen.", file=sys.stderr)
    return not failed


def _continue_config(work: Path, steps: int, learn_rate: float) -> Path:
    """config.cfg turned into a fine-tuning config: components sourced from ``paths.source``.

    Why: a second stage at a lower, constant learning rate with full-size batches lets the
    trained pipeline settle without a 50-minute retrain; checkpoints are still chosen on the
    internal NDT dev set only.
    """
    from thinc.api import Config

    config = Config().from_disk(CONFIG, interpolate=False)
    config["paths"]["source"] = None
    for name in TRAINED:
        config["components"][name] = {"source": "${paths.source}"}
    training = config["training"]
    training.update({"max_steps": steps, "eval_frequency": 250, "patience": 0})
    training["optimizer"]["learn_rate"] = learn_rate
    config["initialize"]["before_init"] = {"@callbacks": "klarsprak.restore_lemmatizer_labels.v1"}
    training["batcher"]["size"] = {"@schedules": "compounding.v1", "start": 1000, "stop": 1000,
                                   "compound": 1.001, "t": 0.0}
    work.mkdir(parents=True, exist_ok=True)
    path = work / "continue.cfg"
    config.to_disk(path)
    return path


def _ship(best: Path, output: Path, standard: str) -> None:
    """Copy the best checkpoint into the package with attribution in its meta.json."""
    import spacy

    from .components import FINAL_PERIOD, add_abbreviations

    nlp = spacy.load(best)
    add_abbreviations(nlp)
    if FINAL_PERIOD not in nlp.pipe_names:
        nlp.add_pipe(FINAL_PERIOD, first=True)
    nlp.meta.update({"name": f"klarsprak_{STANDARD_DIRS[standard]}", "version": "1.0.0"})
    nlp.meta["description"] = (
        f"klarsprak ({'bokmål' if standard == 'nob' else 'nynorsk'}): UPOS, UD-morfologi, "
        "Oslo-Bergen-tagg og lemma. Trent på Norsk dependenstrebank (NDT) med UD-konvertering."
    )
    nlp.meta["sources"] = [
        {"name": "Norwegian Dependency Treebank (NDT), NorNE release", "url": "https://github.com/ltgoslo/norne",
         "license": "CC0 1.0 (annotations)", "author": "National Library of Norway (Språkbanken), University of Oslo"},
        {"name": "UD_Norwegian-Bokmaal / UD_Norwegian-Nynorsk (development set, evaluation only)",
         "url": "https://universaldependencies.org", "license": "CC BY-SA 4.0"},
    ]
    nlp.meta["license"] = "CC0 1.0 (derived from NDT annotations)"
    nlp.meta.pop("performance", None)
    paths = nlp.config["paths"]  # the live config section: edits reach to_disk
    for key in ("train", "dev", "source"):  # this machine's paths mean nothing in the package
        if key in paths:
            paths[key] = None
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(output.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    nlp.to_disk(staging)  # replace the shipped model only once the new one is complete
    if output.exists():
        shutil.rmtree(output)
    staging.rename(output)


def guess_malform(path: Path) -> str:
    """'nn' or 'nb' for a whole CoNLL-U file, from frequent marker words."""
    from .corpus import read_conllu

    nn = nb = 0
    for sent in read_conllu(path):
        for tok in sent.tokens:
            low = tok.form.lower()
            nn += low in NN_MARKERS and low not in NB_MARKERS
            nb += low in NB_MARKERS and low not in NN_MARKERS
    return "nn" if nn > nb else "nb"


def _evaluate(args: argparse.Namespace) -> int:
    from . import load_model
    from .evaluate import evaluate_file, format_text

    if not args.file.is_file():
        print(f"Fant ikke filen: {args.file}", file=sys.stderr)
        return 2
    malform = guess_malform(args.file) if args.malform == "auto" else args.malform
    if args.model is not None and (args.model / "config.cfg").is_file():
        import spacy  # one pipeline directory, e.g. a training checkpoint

        from . import components  # noqa: F401 - in case the directory uses it

        nlp = spacy.load(args.model)
    else:
        nlp = load_model(malform, model_dir=args.model)
    if nlp is None:
        from . import load_error

        print(load_error or "Språkmodellen kunne ikke lastes.", file=sys.stderr)
        return 2
    try:
        result = evaluate_file(nlp, args.file)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"Kunne ikke lese CoNLL-U-filen {args.file}: {exc}", file=sys.stderr)
        return 2
    result["malform"] = malform
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(format_text(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

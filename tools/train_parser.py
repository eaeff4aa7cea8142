#!/usr/bin/env python3
"""Train easyread's dependency parser (spaCy tagger + parser) on UD English EWT.

Build-time only: needs spaCy (``pip install spacy``) and the treebank in
``../shared/data/ud-english-ewt/``.  Steps:

1. read the CoNLL-U splits (syntactic words; multi-word-token ranges and empty
   nodes skipped; ``SpaceAfter=No`` kept), one spaCy ``Doc`` per sentence with
   gold XPOS tags, heads and relations (full labels, e.g. ``nsubj:pass``);
2. ``spacy train`` with ``tools/parser/config.cfg`` (kept in the repo);
3. write the best pipeline as one file, ``easyread/models/en_ewt_parser.spacy.gz``:
   a gzip-compressed msgpack map ``{"config": str, "bytes": nlp.to_bytes(),
   "meta": {...}}`` with the weights stored as float16 (loaded back as float32 by
   :mod:`easyread.syntax`, without any download).

``--tag-input`` trains the variant that reads easyread's perceptron tags
(``tools/parser/config_tags.cfg``; not the shipped model, see ``docs/benchmarks.md``,
"Issue 9 (parser reading the perceptron's tags)"): before step 2, train and dev are tagged by the perceptron the way
it is used (train jackknifed: each fold tagged by a perceptron trained on the other folds;
dev by one trained on train; ``tools/parser/perceptron_tags.py``), the examples pair the
gold words carrying those tags with the gold annotation (``tools/parser/corpus.py``), and
the file's ``meta.input_tags`` = ``"easyread.tagger"`` tells :mod:`easyread.syntax` to tag
each sentence with the perceptron before the pipeline runs. ``--drop-tagger`` then leaves
spaCy's own tagger (trained alongside, it helps the shared layers) out of the file, so the
parse's tags are the perceptron's.

Usage::

    python tools/train_parser.py                      # train on train, eval on dev
    python tools/train_parser.py --steps 12000 --out /tmp/parser.spacy.gz
    python tools/train_parser.py --tag-input --work /tmp/w --out /tmp/tagged.spacy.gz
    python tools/train_parser.py --tag-input --work /tmp/w --pack-only --out /tmp/t.spacy.gz

If the data folder is missing the script says so and exits 0 without writing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ud-english-ewt"
DEFAULT_OUT = REPO / "easyread" / "models" / "en_ewt_parser.spacy.gz"
CONFIG = REPO / "tools" / "parser" / "config.cfg"
CONFIG_TAGS = REPO / "tools" / "parser" / "config_tags.cfg"
CORPUS_CODE = REPO / "tools" / "parser" / "corpus.py"
DATA_COMMIT = "15d613d8447b3478787d4c278730a1e48a945efb"
ATTRIBUTION = (
    "Trained on the Universal Dependencies English Web Treebank (UD_English-EWT), "
    "\u00a9 the UD English EWT contributors, CC BY-SA 4.0"
)
SPLITS = {
    "train": "en_ewt-ud-train.conllu.gz",
    "dev": "en_ewt-ud-dev.conllu.gz",
    "test": "en_ewt-ud-test.conllu.gz",
}

for _p in (REPO, REPO / "tools"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))


def import_module_from(path: Path) -> None:
    """Import a module by file path (spaCy's ``--code``), registering what it registers."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


def to_docbin(conllu: Path, out: Path) -> int:
    """Write one spaCy Doc per CoNLL-U sentence; return the sentence count."""
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    from easyread.syntax import read_conllu_syntax

    vocab = Vocab()
    db = DocBin(attrs=["TAG", "POS", "HEAD", "DEP", "LEMMA", "SENT_START"])
    n = 0
    for sent in read_conllu_syntax(conllu):
        doc = Doc(
            vocab,
            words=sent.words,
            spaces=sent.spaces,
            tags=sent.xpos,
            pos=sent.upos,
            heads=[h - 1 if h else i for i, h in enumerate(sent.heads)],
            deps=sent.deps,
            lemmas=sent.lemmas,
        )
        db.add(doc)
        n += 1
    db.to_disk(out)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--work", type=Path, default=None, help="keep spaCy's output here")
    ap.add_argument("--steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--folds", type=int, default=4, help="jackknife folds for the training tags")
    ap.add_argument("--tag-iterations", type=int, default=3, help="perceptron iterations per fold")
    ap.add_argument("--tag-input", action="store_true", help="the parser reads the perceptron's tags")
    ap.add_argument("--drop-tagger", action="store_true", help="with --tag-input: no spaCy tagger in the file")
    ap.add_argument("--pack-only", action="store_true", help="only pack WORK/out/model-best")
    args = ap.parse_args(argv)
    if not (args.data / SPLITS["train"]).exists():
        print(f"UD English EWT not found in {args.data}; nothing trained.")
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="easyread-parser-"))
    work.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split in ("train", "dev"):
        counts[split] = to_docbin(args.data / SPLITS[split], work / f"{split}.spacy")
    print(f"sentences: {counts}", flush=True)
    tag_opts = {"folds": args.folds, "iterations": args.tag_iterations} if args.tag_input else None
    if not args.pack_only:
        cmd = [
            sys.executable, "-m", "spacy", "train", str(CONFIG_TAGS if args.tag_input else CONFIG),
            "--output", str(work / "out"),
            "--paths.train", str(work / "train.spacy"),
            "--paths.dev", str(work / "dev.spacy"),
        ]
        if args.tag_input:
            from parser import perceptron_tags

            perceptron_tags.main([
                "--data", str(args.data), "--out", str(work / "tags.json.gz"),
                "--folds", str(args.folds), "--iterations", str(args.tag_iterations),
            ])
            cmd += ["--code", str(CORPUS_CODE), "--paths.tags", str(work / "tags.json.gz")]
        if args.steps:
            cmd += ["--training.max_steps", str(args.steps)]
        t0 = time.time()
        subprocess.run(cmd, check=True)
        print(f"training took {time.time() - t0:.0f} s", flush=True)
    pack(work / "out" / "model-best", args.out, counts, tag_opts, drop_tagger=args.drop_tagger)
    return 0


def pack(model_dir: Path, out: Path, counts: dict[str, int], tag_opts: dict[str, int] | None = None,
         drop_tagger: bool = False) -> None:
    """Write the trained pipeline as easyread's single-file model (``tag_opts``: reads tags)."""
    import msgpack
    import spacy

    training: dict[str, object] = {"config": "tools/parser/config.cfg", "sentences": counts}
    if tag_opts is not None:
        import_module_from(CORPUS_CODE)  # the config names its corpus reader
        training.update(config="tools/parser/config_tags.cfg", tag_jackknife=tag_opts)
    nlp = spacy.load(model_dir)
    if drop_tagger and tag_opts is not None and "tagger" in nlp.pipe_names:
        nlp.remove_pipe("tagger")
    meta = {
        "format": "easyread-spacy-1",
        "spacy_version": spacy.__version__,
        "pipeline": list(nlp.pipe_names),
        **({"input_tags": "easyread.tagger"} if tag_opts is not None else {}),
        "labels": {name: list(nlp.get_pipe(name).labels) for name in nlp.pipe_names if name != "tok2vec"},
        "training": training,
        "source": f"UniversalDependencies/UD_English-EWT@{DATA_COMMIT}",
        "licence": "CC BY-SA 4.0",
        "attribution": ATTRIBUTION,
        "dev_scores": json.loads((model_dir / "meta.json").read_text()).get("performance", {}),
    }
    import numpy

    for _name, pipe in nlp.pipeline:  # float16 weights: half the file, the same predictions on EWT test
        for node in pipe.model.walk() if hasattr(pipe, "model") else ():
            for param in node.param_names:
                if node.has_param(param) and node.get_param(param).dtype == numpy.float32:
                    node.set_param(param, node.get_param(param).astype(numpy.float16))
    payload = msgpack.packb(
        {"config": nlp.config.to_str(), "bytes": nlp.to_bytes(exclude=["tokenizer"]), "meta": meta},
        use_bin_type=True,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".part")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    tmp.replace(out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())

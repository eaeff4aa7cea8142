#!/usr/bin/env python3
"""Score easyread's shipped parser on a CoNLL-U file, with gold tokenisation.

Prints one JSON object::

    {"tokens": N, "upos": %, "xpos": %, "uas": %, "las": %, "las_full": %,
     "sentences_per_s": x, "sentences_per_cpu_s": x, "load_s": x, "load_cpu_s": x, "model_mb": x}

``las`` compares the universal relation (the part before ``:``, as in the CoNLL 2018
shared task); ``las_full`` compares the full label (``nsubj:pass``). Punctuation counts
like any other token. Speed covers the whole of :func:`easyread.syntax.parse_words`,
including easyread's perceptron tagger when the model reads its tags (``*_cpu_s``: this
process's CPU time, steadier than wall time on a shared machine). ``upos`` is the POS derived from the Penn tag and the relation
(:func:`easyread.syntax.upos_of`).

Usage::

    python tools/eval_syntax.py ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu.gz
    python tools/eval_syntax.py FILE.conllu --model other.spacy.gz
    python tools/eval_syntax.py ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu.gz \
        --tags WORK/tags.json.gz     # dev: tags from a perceptron that did not see dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def evaluate(path: Path, tags: list[list[str]] | None = None) -> dict[str, float | int]:
    from easyread import syntax

    gold = syntax.read_conllu_syntax(path)
    if tags is not None and [len(t) for t in tags] != [len(s.words) for s in gold]:
        raise SystemExit(f"the given tags do not line up with the words of {path}")
    t0, c0 = time.perf_counter(), time.process_time()
    syntax.load_parser()
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    n = upos = xpos = uas = las = las_full = 0
    t1, c1 = time.perf_counter(), time.process_time()
    docs = list(syntax.parse_words((s.words, s.spaces, tags[k] if tags else None) for k, s in enumerate(gold)))
    parse_s, parse_cpu = time.perf_counter() - t1, time.process_time() - c1
    for sent, doc in zip(gold, docs, strict=True):
        for i, tok in enumerate(doc):
            n += 1
            upos += tok.pos_ == sent.upos[i]
            xpos += tok.tag_ == sent.xpos[i]
            head = 0 if tok.head.i == tok.i else tok.head.i + 1
            dep = "root" if head == 0 else tok.dep_
            if head == sent.heads[i]:
                uas += 1
                las += dep.split(":")[0].lower() == sent.deps[i].split(":")[0].lower()
                las_full += dep.lower() == sent.deps[i].lower()
    pct = lambda k: round(100.0 * k / n, 2) if n else 0.0  # noqa: E731
    return {
        "tokens": n,
        "upos": pct(upos),
        "xpos": pct(xpos),
        "uas": pct(uas),
        "las": pct(las),
        "las_full": pct(las_full),
        "sentences_per_s": round(len(gold) / parse_s, 1) if parse_s else 0.0,
        "sentences_per_cpu_s": round(len(gold) / parse_cpu, 1) if parse_cpu else 0.0,
        "load_s": round(load_s, 3),
        "load_cpu_s": round(load_cpu, 3),
        "model_mb": round(syntax.MODEL_PATH.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("conllu", type=Path)
    ap.add_argument("--model", type=Path, default=None, help="another model file (default: the shipped one)")
    ap.add_argument(
        "--tags", type=Path, default=None,
        help="input tags for a model that reads the perceptron's: the SPLIT key of a "
        "tools/parser/perceptron_tags.py file (default: the shipped tagger, which saw EWT dev)",
    )
    ap.add_argument("--split", default="dev", help="key in the --tags file")
    args = ap.parse_args(argv)
    if not args.conllu.exists():
        print(f"no such file: {args.conllu}", file=sys.stderr)
        return 2
    if args.model is not None:
        from easyread import syntax

        syntax.MODEL_PATH = args.model.resolve()
    tags = None
    if args.tags is not None:
        import gzip

        with gzip.open(args.tags, "rt", encoding="utf-8") as fh:
            tags = json.load(fh)[args.split]
    print(json.dumps(evaluate(args.conllu, tags)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Score easyread's shipped parser on a CoNLL-U file, with gold tokenisation.

Prints one JSON object::

    {"tokens": N, "upos": %, "xpos": %, "uas": %, "las": %, "las_full": %,
     "sentences_per_s": x, "load_s": x, "model_mb": x}

``las`` compares the universal relation (the part before ``:``, as in the CoNLL 2018
shared task); ``las_full`` compares the full label (``nsubj:pass``). Punctuation counts
like any other token. ``upos`` is the POS derived from the Penn tag and the relation
(:func:`easyread.syntax.upos_of`).

Usage::

    python tools/eval_syntax.py ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu.gz
    python tools/eval_syntax.py FILE.conllu --model other.spacy.gz
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


def evaluate(path: Path) -> dict[str, float | int]:
    from easyread import syntax

    gold = syntax.read_conllu_syntax(path)
    t0 = time.perf_counter()
    syntax.load_parser()
    load_s = time.perf_counter() - t0
    n = upos = xpos = uas = las = las_full = 0
    t1 = time.perf_counter()
    docs = list(syntax.parse_words((s.words, s.spaces) for s in gold))
    parse_s = time.perf_counter() - t1
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
        "load_s": round(load_s, 3),
        "model_mb": round(syntax.MODEL_PATH.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("conllu", type=Path)
    ap.add_argument("--model", type=Path, default=None, help="another model file (default: the shipped one)")
    args = ap.parse_args(argv)
    if not args.conllu.exists():
        print(f"no such file: {args.conllu}", file=sys.stderr)
        return 2
    if args.model is not None:
        from easyread import syntax

        syntax.MODEL_PATH = args.model.resolve()
    print(json.dumps(evaluate(args.conllu)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

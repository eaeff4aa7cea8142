#!/usr/bin/env python3
"""Predicted Penn tags from easyread's perceptron for the parser's training and dev data.

The parser reads the perceptron's tags as an input feature (``TAG`` in its hash
embedding), so it must be trained on tags as noisy as the ones it gets at run time,
not on gold tags: every training sentence is tagged by a perceptron trained on the other
``k`` folds of EWT train (its ambiguity classes and tag dictionary too); dev is tagged by
one trained on all of train (not the shipped model, which saw dev). Test is tagged by the
shipped model at evaluation time, as in use.

Writes gzip JSON ``{"train": [[tag, ...], ...], "dev": [...], "options": {...}}``.

Usage::

    python tools/parser/perceptron_tags.py --out /tmp/parser-work/tags.json.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from multiprocessing import get_context
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
for p in (REPO, REPO / "tools"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import train_tagger as tt  # noqa: E402

from easyread.tagger import PerceptronModel, Sentence, read_conllu, sentence_context  # noqa: E402

_JOBS: dict[str, Any] = {}


def _train_and_tag(job: tuple[list[int], list[int], str]) -> tuple[str, list[int], list[list[str]]]:
    """Train on sentences ``fit`` of the pool, tag sentences ``held`` (of ``held_pool``)."""
    fit, held, held_pool = job
    opts = _JOBS["opts"]
    sents: list[Sentence] = [_JOBS["train"][i] for i in fit]
    ambiguity, tagdict = tt.build_dictionaries(
        sents, opts["amb_min"], opts["amb_share"], opts["tagdict_min"], opts["tagdict_ratio"]
    )
    statics = tt.static_table(sents, [sentence_context(w, ambiguity) for w, _, _ in sents])
    tr = tt.train(sents, opts["iterations"], opts["seed"], ambiguity, tagdict, statics=statics)
    model = PerceptronModel(tr.averaged(opts["prune"], opts["decimals"]), tr.tags, tagdict, ambiguity)
    pool = _JOBS[held_pool]
    return held_pool, held, [model.tag(pool[i][0]) for i in held]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=tt.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    if not (args.data / tt.SPLITS["train"]).exists():
        print(f"UD English EWT not found in {args.data}; nothing written.")
        return 0
    opts = {"iterations": args.iterations, "seed": 1, "amb_min": 3, "amb_share": 0.02, "tagdict_min": 20,
            "tagdict_ratio": 0.99, "prune": 0.001, "decimals": 3, "folds": args.folds, "passes": 1}
    _JOBS["opts"] = opts
    _JOBS["train"] = read_conllu(args.data / tt.SPLITS["train"])
    _JOBS["dev"] = read_conllu(args.data / tt.SPLITS["dev"])
    n, k = len(_JOBS["train"]), args.folds
    jobs = [([i for i in range(n) if i % k != f], [i for i in range(n) if i % k == f], "train") for f in range(k)]
    jobs.insert(0, (list(range(n)), list(range(len(_JOBS["dev"]))), "dev"))
    out: dict[str, list[list[str]]] = {"train": [[] for _ in range(n)], "dev": [[] for _ in _JOBS["dev"]]}
    t0 = time.time()
    with get_context("fork").Pool(args.workers) as pool:
        for name, held, tags in pool.imap_unordered(_train_and_tag, jobs):
            for i, t in zip(held, tags, strict=True):
                out[name][i] = t
            print(f"  {name}: {len(held)} sentences tagged ({time.time() - t0:.0f} s)", flush=True)
    for name in ("train", "dev"):
        gold = _JOBS[name]
        ok = sum(p == g for s, tags in zip(gold, out[name], strict=True) for p, g in zip(tags, s[1], strict=True))
        tot = sum(len(s[1]) for s in gold)
        print(f"{name}: predicted XPOS {100 * ok / tot:.2f} % of {tot} tokens", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8") as fh:
        json.dump({**out, "options": opts}, fh)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

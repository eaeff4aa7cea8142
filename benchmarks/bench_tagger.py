#!/usr/bin/env python3
"""Benchmark the shipped POS tagger: load time, accuracy and tokens per second.

Usage: ``python benchmarks/bench_tagger.py [--data DIR] [--split test|dev] [--repeat N]``

Accuracy is Penn XPOS token accuracy on a UD English EWT split; when the data
folder is missing only load time and speed on a built-in news sample are shown.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_DATA = REPO.parent / "shared" / "data" / "ud-english-ewt"

SAMPLE = [
    ["The", "Home", "Secretary", "will", "announce", "a", "new", "strategy", "on", "Tuesday", "."],
    [
        "Figures",
        "were",
        "obtained",
        "by",
        "the",
        "charity",
        "under",
        "freedom",
        "of",
        "information",
        "laws",
        ".",
    ],
    [
        "Ministers",
        "said",
        "the",
        "\u00a3",
        "20",
        "m",
        "plan",
        "would",
        "n\u2019t",
        "be",
        "delayed",
        ",",
        "but",
        "critics",
        "called",
        "it",
        "\u201c",
        "too",
        "little",
        "\u201d",
        ".",
    ],
    [
        "Unemployment",
        "fell",
        "to",
        "3.8",
        "%",
        "in",
        "the",
        "three",
        "months",
        "to",
        "June",
        ",",
        "the",
        "ONS",
        "said",
        ".",
    ],
]


def read_split(path: Path) -> list[tuple[list[str], list[str]]]:
    from easyread.tagger import read_conllu

    return [(words, xpos) for words, xpos, _ in read_conllu(path)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from easyread import tagger

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    model = tagger.load()
    t_load = time.perf_counter() - t0
    print(f"import {t_import:.3f}s, model load {t_load:.2f}s ({tagger.MODEL_FILE})")
    print("training:", model.meta.get("training"))

    path = args.data / (f"en_ewt-ud-{args.split}.conllu.gz")
    if path.is_file():
        sents = read_split(path)
        print(f"UD English EWT {args.split}: {len(sents)} sentences")
    else:
        print(f"EWT data not found at {args.data}: timing the built-in sample only")
        sents = [(s, []) for s in SAMPLE * 200]

    best = float("inf")
    correct = total = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        preds = tagger.tag_sents([w for w, _ in sents])
        best = min(best, time.perf_counter() - t0)
    for (words, gold), pred in zip(sents, preds, strict=False):
        total += len(words)
        correct += sum(p == g for p, g in zip(pred, gold, strict=False))
    if sents and sents[0][1]:
        print(f"XPOS accuracy {correct / total:.4f} ({correct}/{total} tokens)")
    print(f"speed {total / best:.0f} tokens/s ({total} tokens in {best:.2f}s)")
    for s in SAMPLE:
        print(" ".join("{}/{}".format(*wt) for wt in zip(s, tagger.tag(s), strict=False)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

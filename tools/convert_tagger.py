#!/usr/bin/env python3
"""Convert a tagger model from the dictionary layout (format 1) to the packed layout (format 2).

The weights do not change: the script decodes both files, checks that every weight of both
passes is the same float, tags the UD English EWT test split with both models and checks that
every prediction is the same, then writes the packed file (gzip, mtime 0: deterministic).

    python tools/convert_tagger.py OLD.json.gz [--out easyread/models/en_ewt_tagger.json.gz]

``tools/train_tagger.py`` writes the packed layout itself; this script converted the model
trained before the layout existed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_tagger import DEFAULT_DATA, DEFAULT_OUT, SPLITS, read_conllu, write_model

from easyread.tagger import FORMAT_DICT, PerceptronModel, read_model


def same_weights(old: PerceptronModel, new: PerceptronModel) -> None:
    for a, b in ((old.weights, new.weights), (old.weights2 or {}, new.weights2 or {})):
        if len(a) != len(b):
            raise SystemExit(f"feature count differs: {len(a)} vs {len(b)}")
        for feature, row in a.items():
            if dict(row) != dict(b[feature]):
                raise SystemExit(f"weights differ for {feature!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("model", type=Path, help="a format-1 model (.json.gz)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)
    payload = json.loads(gzip.decompress(args.model.read_bytes()))
    if payload.get("format") != FORMAT_DICT:
        raise SystemExit(f"{args.model}: not a {FORMAT_DICT} model")
    blob, raw = write_model(payload)
    old = PerceptronModel.from_json(payload)
    new = read_model(blob)
    same_weights(old, new)
    print(f"weights identical ({len(old.weights)} + {len(old.weights2 or {})} features)")
    test = args.data / SPLITS["test"]
    if test.is_file():
        sents = read_conllu(test)
        t0 = time.perf_counter()
        predicted = [new.tag(words) for words, _, _ in sents]
        secs = time.perf_counter() - t0
        if predicted != [old.tag(words) for words, _, _ in sents]:
            raise SystemExit("predictions differ on the EWT test split")
        gold = [t for _, xpos, _ in sents for t in xpos]
        right = sum(p == g for p, g in zip((t for p in predicted for t in p), gold, strict=True))
        print(f"EWT test: identical predictions; XPOS accuracy {right / len(gold):.4f} "
              f"({len(gold)} tokens, {len(gold) / secs:.0f} tok/s packed)")
    else:
        print(f"EWT test split not found at {test}: predictions not compared")
    args.out.write_bytes(blob)
    print(f"wrote {args.out}: {len(blob)} bytes gzip ({len(raw) / 1e6:.1f} MB JSON)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

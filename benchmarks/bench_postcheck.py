#!/usr/bin/env python3
"""False refusals of the split post-condition on real sentences.

Draws ``--n`` random sentences of 5-15 words that end with a full stop (not quotations) from
the OneStopEnglish Advanced development articles — all real sentences — and counts how many
``easyread.rewrite.split.postcheck.fragment_reason`` wrongly calls fragments, by reason.

    python benchmarks/bench_postcheck.py [--n 600] [--seed 1]

Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys

from onestop_sentences import DATA, advanced_sentences, available  # also puts the repo on sys.path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not available():
        print(f"data not found: {DATA}")
        return 0
    from easyread.rewrite.split.postcheck import fragment_reason

    sents = [s for s in advanced_sentences(5, 15) if s.rstrip()[-1:] == "."]
    random.Random(args.seed).shuffle(sents)
    sample = sents[: args.n]
    reasons: collections.Counter[str] = collections.Counter()
    cache: dict[str, object] = {}
    for text in sample:
        why = fragment_reason(text, cache)  # type: ignore[arg-type]
        if why:
            reasons[why.split("'")[0].strip()] += 1
    refused = sum(reasons.values())
    print(f"{len(sample)} real sentences, {refused} refused ({100 * refused / max(len(sample), 1):.1f} %)")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

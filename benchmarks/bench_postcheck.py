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
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT.parent / "shared" / "data" / "onestopenglish"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not (DATA / "articles.txt").is_file():
        print(f"data not found: {DATA}")
        return 0
    from easyread.pipeline import document_from_text
    from easyread.rewrite.split.postcheck import fragment_reason

    sents: list[str] = []
    for name in (n for n in (DATA / "articles.txt").read_text("utf-8").splitlines() if n):
        path = DATA / "Adv-Txt" / f"{name}-adv.txt"
        if not path.is_file():
            continue
        for block in document_from_text(path.read_text("utf-8", errors="replace").lstrip("\ufeff")).blocks:
            if block.kind != "paragraph":
                continue
            for s in block.sentences:
                words = sum(1 for t in s.tokens if t.kind in ("word", "number"))
                if 5 <= words <= 15 and not s.protected and s.text.rstrip()[-1:] == ".":
                    sents.append(s.text)
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

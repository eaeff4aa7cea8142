#!/usr/bin/env python3
"""Draw a random sample of long sentences for a blind review, with both profiles' rewrites.

Picks ``--n`` random sentences of 16-45 words (not direct quotations) from the OneStopEnglish
Advanced development articles, rewrites each alone with the ``plain`` and ``easy-read``
profiles (every stage), and writes a Markdown file a reviewer grades without reading the
rules: grammar, meaning kept, easier (0-2 each).

    python benchmarks/blind_sample.py --n 30 --seed 9 -o /tmp/sample.md

Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from onestop_sentences import DATA, advanced_sentences, available  # also puts the repo on sys.path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args()
    if not available():
        print(f"data not found: {DATA}")
        return 0
    from easyread.config import load_config
    from easyread.pipeline import document_from_text, process
    from easyread.report.document import to_text

    pool = list(advanced_sentences(16, 45, ("paragraph", "list_item")))
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.n, len(pool)))
    configs = {p: load_config(profile=p, use_project=False) for p in ("plain", "easy-read")}
    lines = ["# Blind review sample", "", f"{len(sample)} sentences (seed {args.seed}) from "
             f"{len(pool)} candidates; each rewritten alone.", ""]
    for k, text in enumerate(sample, 1):
        lines += [f"## {k}", "", f"**Source:** {text}", ""]
        for profile, config in configs.items():
            out = to_text(process(document_from_text(text), config, score=False)).strip()
            lines += [f"**{profile}:**", "", out, ""]
    args.out.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {args.out} ({len(sample)} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

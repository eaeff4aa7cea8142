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

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT.parent / "shared" / "data" / "onestopenglish"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args()
    if not (DATA / "articles.txt").is_file():
        print(f"data not found: {DATA}")
        return 0
    from easyread.config import load_config
    from easyread.pipeline import document_from_text, process
    from easyread.rewrite.output import to_text

    names = [n for n in (DATA / "articles.txt").read_text("utf-8").splitlines() if n]
    pool: list[str] = []
    for name in names:
        path = DATA / "Adv-Txt" / f"{name}-adv.txt"
        if not path.is_file():
            continue
        doc = document_from_text(path.read_text("utf-8", errors="replace").lstrip("\ufeff"))
        for block in doc.blocks:
            if block.kind not in ("paragraph", "list_item"):
                continue
            for s in block.sentences:
                words = sum(1 for t in s.tokens if t.kind in ("word", "number"))
                if 16 <= words <= 45 and not s.protected and s.kind == "text" and "\x19" not in s.text:
                    pool.append(s.text)
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

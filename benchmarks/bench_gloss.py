"""Gloss the OneStopEnglish Advanced texts: terms per article by source, and total time.

Usage: python benchmarks/bench_gloss.py [DIR] [--sample N]
DIR defaults to ../shared/data/onestopenglish/Adv-Txt (repo-relative); skipped if absent.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from easyread.config import load_config
from easyread.pipeline import process, read_document

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 and not argv[1].startswith("--") else (
        ROOT.parent / "shared" / "data" / "onestopenglish" / "Adv-Txt")
    sample = int(argv[argv.index("--sample") + 1]) if "--sample" in argv else 20
    if not folder.is_dir():
        print(f"skipped: {folder} not found")
        return 0
    config = load_config(profile="easy-read", use_project=False)
    paths = sorted(folder.glob("*.txt"))
    docs = [read_document(p, config) for p in paths]
    process(read_document(paths[0], config), config, stages=["gloss"], score=False)  # warm caches
    start = time.perf_counter()
    for doc in docs:
        process(doc, config, stages=["gloss"], score=False)
    elapsed = time.perf_counter() - start
    print("article\tterms\tbuiltin\ttext\tuser\tmissing\tsentences_added")
    totals = [0, 0, 0, 0, 0, 0]
    for path, doc in zip(paths, docs, strict=True):
        by = [len(doc.glossary)] + [sum(g.source == s for g in doc.glossary)
                                    for s in ("builtin", "text", "user", "missing")]
        by.append(sum(e.op == "insert" for e in doc.edits))
        totals = [a + b for a, b in zip(totals, by, strict=True)]
        print(path.stem, *by, sep="\t")
    print("TOTAL", *totals, sep="\t")
    print(f"{len(docs)} articles glossed in {elapsed:.2f} s (segmentation excluded)")
    explained = [(p.stem, g) for p, d in zip(paths, docs, strict=True) for g in d.glossary
                 if g.explanation and g.source in ("text", "builtin")]
    print(f"\nsample of {sample} explanations (seed 4):")
    for stem, g in random.Random(4).sample(explained, min(sample, len(explained))):
        print(f"- {stem}: {g.term} [{g.kind}, {g.source}] {g.explanation}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

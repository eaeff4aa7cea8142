#!/usr/bin/env python3
"""Throughput and meaning-guard check of the rewrite stages (numbers, words, split).

Rewrites the ASSET valid sources one line at a time (as ``easyread rewrite --lines`` does),
on one core, and reports sentences per second and meaning-guard violations: edits, other than
``numbers.*`` conversions and recorded ``split.drop_aside.*`` drops, after which a number,
name or negation of the sentence is missing.

    python benchmarks/bench_rewrite.py [--limit 500] [--profile plain|easy-read]

Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from easyread.config import load_config  # noqa: E402
from easyread.pipeline import document_from_text, process  # noqa: E402
from easyread.rewrite.guard import missing  # noqa: E402

DATA = REPO_ROOT.parent / "shared" / "data" / "asset" / "asset.valid.orig"


def violations(doc_source: str, profile: str) -> tuple[int, int, int]:
    """(sentences, edits, guard violations) for one line."""
    config = load_config(profile=profile, use_project=False)
    doc = process(document_from_text(doc_source), config, stages=["numbers", "words", "split"],
                  score=False)
    texts = {s.id: s.text for b in document_from_text(doc_source).blocks for s in b.sentences}
    bad = 0
    for e in doc.edits:
        before = texts.get(e.sentence_id, e.before)
        if e.op == "split":
            after = " ".join(e.parts or [])
            texts.update({f"{e.sentence_id}.{n}": p for n, p in enumerate(e.parts or [], 1)})
        else:
            after = before[: e.span[0]] + e.after + before[e.span[1] :]
            texts[e.sentence_id] = after
        if not (e.rule.startswith("numbers.") or e.rule.startswith("split.drop_aside.")):
            bad += bool(missing(before, after))
    return len(texts), len(doc.edits), bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--profile", default="plain")
    args = ap.parse_args()
    if not DATA.is_file():
        print(f"data not found: {DATA}")
        return 0
    lines = [x for x in DATA.read_text("utf-8").splitlines() if x.strip()]
    if args.limit:
        lines = lines[: args.limit]
    config = load_config(profile=args.profile, use_project=False)
    process(document_from_text(lines[0]), config, stages=["numbers", "words", "split"], score=False)
    start = time.perf_counter()
    for line in lines:
        process(document_from_text(line), config, stages=["numbers", "words", "split"], score=False)
    elapsed = time.perf_counter() - start
    edits = bad = 0
    for line in lines:
        _, n, b = violations(line, args.profile)
        edits, bad = edits + n, bad + b
    print(f"| {args.profile} | {len(lines)} sentences | {len(lines) / elapsed:.0f} sentences/s "
          f"| {edits} edits | {bad} guard violations |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

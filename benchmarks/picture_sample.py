#!/usr/bin/env python3
"""Sentence-picture pairs for a blind review of the picture policy (issue 11).

Converts OneStopEnglish Advanced development articles (``../shared/data/onestopenglish``) with
the easy-read profile (every rewrite stage), plans their pictures as the renderer does
(``easyread.render.html.picture_plan``), and draws ``--n`` rows that have a picture at random
with a fixed seed; then adds every row of the seed article (with its picture, or "(none)").
Writes two tab-separated files:

* ``OUT`` (default ``/work/review/pictures-sample.tsv``): ``id, sentence, picture, alt`` in a
  shuffled order, for a reviewer who does not read the picture rules;
* ``OUT`` with ``-key`` before the suffix: ``id, source, sentence id, keyword, class,
  sentence topics, document topics`` for grading the grades afterwards.

    python benchmarks/picture_sample.py --n 200 --seed 2026

Articles are converted in a random order (the same seed) until the pool holds ``--pool``
rows with a picture, so the run takes minutes, not the whole corpus. Exits 0 with a message
when the data are absent (the seed rows are still written).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path
from typing import Any

from onestop_sentences import DATA, REPO_ROOT, available  # also puts the repo on sys.path

SEED_ARTICLE = REPO_ROOT / "seeds" / "javid-cse-strategy-2019.txt"
HEADER = ("id", "sentence", "picture", "alt")
KEY_HEADER = ("id", "source", "sentence_id", "keyword", "class", "sentence_topics", "document_topics")


def pictured_rows(doc: Any, plan: Any) -> list[tuple[Any, Any]]:
    """The body sentences of ``doc`` that the picture ``plan`` decided on, with their picture
    (None: none shown), in reading order (shared with picture_pack.py)."""
    rows = []
    for block in doc.blocks:
        if block.kind in ("title", "credit", "heading"):
            continue
        for sentence in block.sentences:
            if sentence.id in plan.pictures:
                rows.append((sentence, plan.pictures[sentence.id]))
    return rows


def rows_of(path: Path, config: object) -> list[dict[str, str]]:
    """Every body row of the converted article, with its planned picture."""
    from easyread.pipeline import process, read_document
    from easyread.render.html import picture_plan
    from easyread.render.pictures import load_policy

    doc = process(read_document(path, config), config, score=False)  # type: ignore[arg-type]
    plan = picture_plan(doc)
    policy = load_policy()
    out: list[dict[str, str]] = []
    for sentence, picture in pictured_rows(doc, plan):
        out.append({
            "source": path.name,
            "sentence_id": sentence.id,
            "sentence": " ".join(sentence.text.split()),
            "picture": picture.picture if picture else "(none)",
            "alt": picture.alt if picture else "",
            "keyword": picture.keyword if picture else "",
            "class": policy.picture_class(picture) if picture else "",
            "sentence_topics": " ".join(sorted(plan.sentence_topics.get(sentence.id, ()))),
            "document_topics": " ".join(plan.document_topics),
        })
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--pool", type=int, default=800, help="stop converting at this many rows with a picture")
    ap.add_argument("-o", "--out", type=Path, default=Path("/work/review/pictures-sample.tsv"))
    args = ap.parse_args()
    from easyread.config import load_config

    config = load_config(profile="easy-read", use_project=False)
    rng = random.Random(args.seed)
    started = time.process_time()
    pool: list[dict[str, str]] = []
    converted = 0
    if available():
        names = [n for n in (DATA / "articles.txt").read_text("utf-8").splitlines() if n]
        rng.shuffle(names)
        for name in names:
            path = DATA / "Adv-Txt" / f"{name}-adv.txt"
            if not path.is_file():
                continue
            pool.extend(r for r in rows_of(path, config) if r["picture"] != "(none)")
            converted += 1
            if len(pool) >= args.pool:
                break
    else:
        print(f"data not found: {DATA}; writing the seed rows only")
    sample = rng.sample(pool, min(args.n, len(pool)))
    sample += rows_of(SEED_ARTICLE, config)
    rng.shuffle(sample)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    key_path = args.out.with_name(args.out.stem + "-key" + args.out.suffix)
    with args.out.open("w", encoding="utf-8", newline="") as fh, key_path.open("w", encoding="utf-8", newline="") as kh:
        table = csv.writer(fh, delimiter="\t", lineterminator="\n")
        key = csv.writer(kh, delimiter="\t", lineterminator="\n")
        table.writerow(HEADER)
        key.writerow(KEY_HEADER)
        for k, row in enumerate(sample, 1):
            rid = f"P{k:03d}"
            table.writerow((rid, row["sentence"], row["picture"], row["alt"]))
            key.writerow((rid, row["source"], row["sentence_id"], row["keyword"], row["class"],
                          row["sentence_topics"], row["document_topics"]))
    with_picture = sum(1 for r in sample if r["picture"] != "(none)")
    print(f"wrote {args.out} ({len(sample)} rows, {with_picture} with a picture; "
          f"{min(args.n, len(pool))} drawn from {len(pool)} rows with a picture in {converted} "
          f"converted articles, plus the seed) and {key_path}; "
          f"CPU {time.process_time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

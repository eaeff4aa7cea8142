#!/usr/bin/env python3
"""Re-run the picture choice on the rows of the last blind picture review (issue 11).

Reads the review sample (``/work/review/pictures-sample.tsv`` and its ``-key`` file, written by
``picture_sample.py``) and the grades in ``docs/review-pictures.md``, converts the reviewed
OneStopEnglish articles (and the seed) again with the current code, finds each reviewed row
(same source and sentence text, else same sentence id) and counts, per grade, how many rows
now show the same picture, another picture or none. It does not grade anything: a changed
picture needs a new blind review.

    python benchmarks/picture_recheck.py

Exits 0 with a message when the sample or the data are absent.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

from onestop_sentences import DATA, REPO_ROOT, available  # also puts the repo on sys.path
from picture_sample import SEED_ARTICLE, rows_of

GRADE = re.compile(r"^\| (P\d{3}) \| (yes|no) \| (\w+) \|")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=Path, default=Path("/work/review/pictures-sample.tsv"))
    ap.add_argument("--review", type=Path, default=REPO_ROOT / "docs" / "review-pictures.md")
    ap.add_argument("--list", action="store_true", help="print every row graded misleading")
    args = ap.parse_args()
    key_path = args.sample.with_name(args.sample.stem + "-key" + args.sample.suffix)
    if not (args.sample.is_file() and key_path.is_file() and available()):
        print(f"sample ({args.sample}) or data ({DATA}) not found; nothing to do")
        return 0
    from easyread.config import load_config

    started = time.process_time()
    config = load_config(profile="easy-read", use_project=False)
    sample = {r["id"]: r for r in csv.DictReader(args.sample.open(encoding="utf-8"), delimiter="\t")}
    key = {r["id"]: r for r in csv.DictReader(key_path.open(encoding="utf-8"), delimiter="\t")}
    grades: dict[str, tuple[str, str]] = {}
    for line in args.review.read_text("utf-8").splitlines():
        match = GRADE.match(line)
        if match:
            grades[match.group(1)] = (match.group(2), match.group(3))
    sources = sorted({k["source"] for k in key.values()})
    now: dict[str, list[dict[str, str]]] = {}
    for source in sources:
        path = SEED_ARTICLE if source == SEED_ARTICLE.name else DATA / "Adv-Txt" / source
        if path.is_file():
            now[source] = rows_of(path, config)
    counts: Counter[tuple[str, str]] = Counter()
    missing = 0
    for rid, (sensitive, grade) in sorted(grades.items()):
        row_key, old = key[rid], sample[rid]
        rows = now.get(row_key["source"], [])
        found = next((r for r in rows if r["sentence"] == old["sentence"]), None)
        found = found or next((r for r in rows if r["sentence_id"] == row_key["sentence_id"]), None)
        if found is None:
            missing += 1
            continue
        state = ("same" if found["picture"] == old["picture"]
                 else "none" if found["picture"] == "(none)" else "other")
        counts[(grade, state)] += 1
        counts[(f"{grade} (sensitive)" if sensitive == "yes" else "", state)] += 1
        if args.list and grade == "misleading":
            print(f"{rid} {old['alt']!r} -> {found['alt'] or '(none)'!r}: {old['sentence'][:90]}")
    print(f"{len(grades)} graded rows; {missing} not found again (their sentence changed)")
    print("| grade | same picture | other picture | no picture |\n|---|---:|---:|---:|")
    for grade in ("helpful", "neutral", "misleading", "misleading (sensitive)", "none"):
        print(f"| {grade} | {counts[(grade, 'same')]} | {counts[(grade, 'other')]} | {counts[(grade, 'none')]} |")
    print(f"CPU {time.process_time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

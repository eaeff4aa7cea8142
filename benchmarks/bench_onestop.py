"""FKGL of OneStopEnglish Advanced texts before and after easyread's rewrite, next to the
teachers' Intermediate and Elementary versions of the same articles.

Reads ../shared/data/onestopenglish (relative to the repo root; skips with a message when it is
absent). Articles are read as paragraphs (one per line; no headline line), scored on their body
text with easyread.readability (textstat 0.7.8's values). Prints a Markdown table of means and
the share of articles whose rewrite is easier than the original.

Usage: python benchmarks/bench_onestop.py [--limit N] [--profiles plain,easy-read]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from easyread.config import load_config
from easyread.pipeline import document_from_text, process
from easyread.readability import compute

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "onestopenglish"


def read_level(name: str, level: str) -> str:
    text = (DATA / f"{level.capitalize()}-Txt" / f"{name}-{level}.txt").read_text("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if level == "int" and lines and lines[0].strip() == "Intermediate":
        lines = lines[1:]
    return "\n".join(line for line in lines if line.strip())


def fkgl(text: str) -> float:
    return compute(text)["flesch_kincaid_grade"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--profiles", default="plain,easy-read")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found (see ../shared/data/README.md)")
        return 0
    names = (DATA / "articles.txt").read_text("utf-8").splitlines()
    names = [n for n in names if n]
    if args.limit:
        names = names[: args.limit]
    profiles = args.profiles.split(",")
    rows: dict[str, list[float]] = {k: [] for k in ["adv", "int", "ele", *profiles]}
    wps: dict[str, list[float]] = {k: [] for k in rows}
    failures = 0
    t0 = time.perf_counter()
    for name in names:
        adv = read_level(name, "adv")
        for level in ("adv", "int", "ele"):
            text = adv if level == "adv" else read_level(name, level)
            rows[level].append(fkgl(text))
            m = compute(text)
            wps[level].append(m["words_per_sentence"])
        for profile in profiles:
            config = load_config(profile=profile, use_project=False)
            try:
                # Each line is a paragraph; the "Article" headline line is not body text, so the
                # first paragraph is scored and rewritten like the others.
                doc = process(document_from_text("Article\n" + adv), config, score=False)
            except Exception as exc:  # a benchmark reports failures and goes on
                failures += 1
                print(f"failed: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            rows[profile].append(fkgl(doc.body_text()))
            wps[profile].append(compute(doc.body_text())["words_per_sentence"])
    elapsed = time.perf_counter() - t0
    print(f"{len(names)} articles, {failures} rewrite failures, {elapsed:.1f} s\n")
    print("| version | mean FKGL (textstat 0.7.8) | mean words per sentence |")
    print("|---|---:|---:|")
    labels = {"adv": "Advanced (original input)", "int": "Intermediate (teachers)", "ele": "Elementary (teachers)"}
    for key in ["adv", *[f"{p}" for p in profiles], "int", "ele"]:
        label = labels.get(key, f"Advanced rewritten by easyread, `{key}` profile")
        print(f"| {label} | {statistics.mean(rows[key]):.2f} | {statistics.mean(wps[key]):.1f} |")
    for p in profiles:
        easier = sum(1 for a, b in zip(rows["adv"], rows[p], strict=False) if b < a)
        print(f"\n`{p}`: easier than the original in {easier} of {len(rows[p])} articles; "
              f"mean drop {statistics.mean(a - b for a, b in zip(rows['adv'], rows[p], strict=False)):.2f} grades")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

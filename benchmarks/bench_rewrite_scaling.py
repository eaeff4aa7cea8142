#!/usr/bin/env python3
"""Whole-document rewrite CPU time per MB at three sizes: is the rewrite linear?

Builds one plain-text article of *distinct* real text per size (no repetition, so no cache
helps the bigger sizes): the OneStopEnglish development articles (all three levels, one
paragraph per line), then the CLEAR development excerpts, then the UD English-EWT training
sentences, in that order, cut at the size. Each is read, segmented, scored, rewritten (the
default easy-read profile) and scored again in this process — what ``easyread rewrite`` does —
after a warm-up on a small article so that loading models and data is not counted. Reports CPU
seconds (user + system, ``resource.getrusage``), CPU seconds per MB, sentences and edits, and
the ratio of the largest size's time per MB to the smallest's (target: at most 1.2).

    python benchmarks/bench_rewrite_scaling.py [--sizes 100000,800000,5000000]
                                               [--profile easy-read] [--cprofile OUT.prof]

Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import resource
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT.parent / "shared" / "data"
ONESTOP = DATA / "onestopenglish"
CLEAR = DATA / "clear" / "clear_dev.csv"
EWT = DATA / "ud-english-ewt" / "en_ewt-ud-train.conllu.gz"


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def paragraphs() -> Iterator[str]:
    """Distinct real paragraphs, one article after another (a blank line between articles)."""
    names = [n for n in (ONESTOP / "articles.txt").read_text("utf-8").splitlines() if n]
    for level, folder in (("adv", "Adv-Txt"), ("int", "Int-Txt"), ("ele", "Ele-Txt")):
        for name in names:
            path = ONESTOP / folder / f"{name}-{level}.txt"
            if not path.is_file():
                continue
            lines = path.read_text("utf-8", errors="replace").lstrip("\ufeff").splitlines()
            lines = [ln.strip().replace("\x19", "'") for ln in lines if ln.strip()]
            if lines and lines[0] == "Intermediate":
                lines = lines[1:]
            yield from lines
            yield ""
    if CLEAR.is_file():
        csv.field_size_limit(1 << 26)
        with CLEAR.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield from (ln.strip() for ln in row["Excerpt"].splitlines() if ln.strip())
                yield ""
    if EWT.is_file():
        para: list[str] = []
        with gzip.open(EWT, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# newdoc"):
                    if para:
                        yield " ".join(para)
                        yield ""
                    para = []
                elif line.startswith("# text = "):
                    para.append(line[len("# text = "):].strip())
        if para:
            yield " ".join(para)


def article(size: int) -> str:
    """At most ``size`` bytes (UTF-8) of distinct paragraphs, whole paragraphs only."""
    out: list[str] = ["Distinct real text for the rewrite scaling benchmark"]
    total = len(out[0].encode("utf-8")) + 1
    for para in paragraphs():
        n = len(para.encode("utf-8")) + 1
        if total + n > size:
            break
        out.append(para)
        total += n
    return "\n".join(out) + "\n"


def run_one(path: Path, profile: str) -> tuple[float, int, int]:
    from easyread.config import load_config
    from easyread.pipeline import process, read_document

    config = load_config(profile=profile, use_project=False)
    start = cpu()
    doc = read_document(path, config)
    doc = process(doc, config)
    spent = cpu() - start
    return spent, sum(1 for _ in doc.sentences()), len(doc.edits)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,800000,5000000",
                        help="article sizes in bytes, comma-separated (default: %(default)s)")
    parser.add_argument("--profile", default="easy-read")
    parser.add_argument("--cprofile", metavar="OUT.prof",
                        help="profile the largest size with cProfile and write the stats here")
    args = parser.parse_args()
    if not (ONESTOP / "articles.txt").is_file():
        print(f"skipped: OneStopEnglish data not found at {ONESTOP}")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp, "warm.txt")
        warm.write_text(article(20_000), "utf-8")
        run_one(warm, args.profile)
        rows = []
        for size in sizes:
            path = Path(tmp, f"article-{size}.txt")
            path.write_text(article(size), "utf-8")
            nbytes = path.stat().st_size
            if args.cprofile and size == max(sizes):
                import cProfile

                prof = cProfile.Profile()
                prof.enable()
                spent, sentences, edits = run_one(path, args.profile)
                prof.disable()
                prof.dump_stats(args.cprofile)
            else:
                spent, sentences, edits = run_one(path, args.profile)
            per_mb = spent / (nbytes / 1e6)
            rows.append((nbytes, spent, per_mb, sentences, edits))
            print(f"{nbytes:>10,} B  {spent:8.1f} CPU s  {per_mb:7.2f} CPU s/MB  "
                  f"{sentences:>7,} sentences  {edits:>7,} edits", flush=True)
    load = os.getloadavg()
    ratio = rows[-1][2] / rows[0][2]
    print(f"largest/smallest CPU s per MB: {ratio:.2f} (target <= 1.2); "
          f"profile {args.profile}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

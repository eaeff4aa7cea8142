#!/usr/bin/env python3
"""Benchmark easyread.readability.compute() against textstat 0.7.8, cold.

Builds 1 KB, 100 KB, 1 MB and 5 MB of real prose by concatenating the
OneStopEnglish texts under ``../shared/data/onestopenglish/`` (relative to
the repository root; repeated when the corpus is shorter than the size), and
for each size runs two FRESH subprocesses on the same text:

* easyread: ``import easyread.readability`` + table load + ``compute(text)``;
* textstat: ``import textstat`` + one call per metric of
  ``readability.METRICS`` (textstat's formula functions one by one, first
  calls, ``text_standard(float_output=True)``).

Both times are measured inside the subprocess from just before the import to
just after the last result (reading the text file is excluded), so they
include cold imports and data loading.  The two result dicts are compared with
``==``.  Prints a Markdown table.

Usage::

    python benchmarks/bench_score.py [--sizes 1KB,100KB,1MB,5MB] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "onestopenglish"
DEFAULT_SIZES = "1KB,100KB,1MB,5MB"
_UNITS = {"B": 1, "KB": 1_000, "MB": 1_000_000}

_EASYREAD_CHILD = r"""
import json, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
import easyread.readability as readability
result = readability.compute(text)
elapsed = time.perf_counter() - start
json.dump({"seconds": elapsed, "result": result}, sys.stdout)
"""

_TEXTSTAT_CHILD = r"""
import json, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
names = sys.argv[2].split(",")
start = time.perf_counter()
import textstat
result = {}
for name in names:
    if name == "text_standard":
        result[name] = textstat.text_standard(text, float_output=True)
    else:
        result[name] = getattr(textstat, name)(text)
elapsed = time.perf_counter() - start
json.dump({"seconds": elapsed, "result": result}, sys.stdout)
"""


def parse_size(label: str) -> int:
    """'100KB' -> 100_000 bytes (decimal units: B, KB, MB)."""
    label = label.strip().upper()
    for unit in ("MB", "KB", "B"):
        if label.endswith(unit):
            return int(float(label[: -len(unit)]) * _UNITS[unit])
    return int(label)


def corpus_text() -> str:
    """All OneStopEnglish texts, sorted by path, separated by blank lines."""
    files = sorted(p for p in CORPUS.rglob("*.txt") if p.name != "articles.txt")
    return "\n\n".join(p.read_text("utf-8-sig").strip() for p in files)


def prose(size: int, corpus: str) -> str:
    """About ``size`` UTF-8 bytes of the corpus, cut at a whitespace."""
    text = corpus
    while len(text.encode("utf-8")) < size:
        text += "\n\n" + corpus
    cut = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:space] if space > 0 else cut


def run_child(code: str, args: list[str]) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; return its JSON output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stderr}")
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="easyread.readability vs textstat, cold")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"default {DEFAULT_SIZES}")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the best is kept")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"SKIPPED: OneStopEnglish corpus not found at {CORPUS}", file=sys.stderr)
        return 0

    sys.path.insert(0, str(ROOT))
    from easyread import readability

    names = ",".join(readability.METRICS)
    corpus = corpus_text()
    rows = [
        "| size | easyread s | easyread MB/s | textstat s | textstat MB/s | speed-up | identical |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.sizes.split(","):
            text = prose(parse_size(label), corpus)
            nbytes = len(text.encode("utf-8"))
            path = Path(tmp) / "text.txt"
            path.write_text(text, "utf-8")
            ours = [run_child(_EASYREAD_CHILD, [str(path)]) for _ in range(args.repeat)]
            theirs = [run_child(_TEXTSTAT_CHILD, [str(path), names]) for _ in range(args.repeat)]
            t_ours = min(float(str(r["seconds"])) for r in ours)
            t_theirs = min(float(str(r["seconds"])) for r in theirs)
            same = all(r["result"] == theirs[0]["result"] for r in ours + theirs)
            mb = nbytes / 1e6
            rows.append(
                f"| {label} ({nbytes:,} B) | {t_ours:.3f} | {mb / t_ours:.2f} | {t_theirs:.3f} | "
                f"{mb / t_theirs:.2f} | {t_theirs / t_ours:.1f}× | {'yes' if same else 'no'} |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Cold ``easyread convert`` of the seed as a ratio to a bare WeasyPrint process (one page).

Both are whole processes, run alternately ``--repeat`` times; the medians of wall-clock and
CPU (user + system) time are printed, and their ratios.

    python benchmarks/bench_convert_ratio.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "javid-cse-strategy-2019.txt"
BARE = ("import weasyprint; weasyprint.HTML(string='<h1>Title</h1><p>One page of text.</p>')"
        ".write_pdf(r'{out}')")


def timed(cmd: list[str]) -> tuple[float, float]:
    before = os.times()
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp())
    bare, conv = [], []
    for k in range(args.repeat):
        bare.append(timed([sys.executable, "-c", BARE.format(out=out / f"bare{k}.pdf")]))
        conv.append(timed([sys.executable, "-m", "easyread", "convert", str(SEED), "-o", str(out / f"seed{k}.pdf")]))
    bw, bc = statistics.median(w for w, _ in bare), statistics.median(c for _, c in bare)
    cw, cc = statistics.median(w for w, _ in conv), statistics.median(c for _, c in conv)
    print(f"bare WeasyPrint, one page: wall {bw:.2f} s, cpu {bc:.2f} s")
    print(f"easyread convert seed -> PDF: wall {cw:.2f} s, cpu {cc:.2f} s")
    print(f"ratio: wall {cw / bw:.2f}x, cpu {cc / bc:.2f}x  (load {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

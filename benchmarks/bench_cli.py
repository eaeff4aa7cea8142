"""Whole-process timings of the CLI, cold, as a user sees them.

* ``easyread score FILE --format csv`` on 1 KB, 100 KB, 1 MB and 5 MB of real prose (the
  OneStopEnglish texts in ../shared/data, concatenated), against a fresh Python process calling
  textstat 0.7.8's formula functions one by one on the same body text (first calls);
* ``easyread check`` on one small file (the seed);
* ``easyread convert`` seed -> easy-read PDF and HTML.

Usage: python benchmarks/bench_cli.py [--repeat 3] [--sizes 1KB,100KB,1MB,5MB] [--skip-convert]
Prints Markdown tables; each figure is the median of --repeat runs. Check `uptime` first: the
machine has 2 cores and other jobs slow everything down.
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

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "onestopenglish"
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
SIZES = {"1KB": 1_000, "100KB": 100_000, "1MB": 1_000_000, "5MB": 5_000_000}

TEXTSTAT_SCRIPT = """
import sys
from easyread.read import load
from easyread.segment import segment
body = segment(load(sys.argv[1], max_bytes=10**8)).body_text()
import time
t = time.perf_counter()
import textstat
for name in {names!r}:
    fn = getattr(textstat, name)
    fn(body, float_output=True) if name == "text_standard" else fn(body)
print(time.perf_counter() - t)
"""


def prose(size: int, folder: Path) -> Path:
    files = sorted(DATA.rglob("*.txt"))
    text = "\n\n".join(p.read_text("utf-8", errors="replace") for p in files)
    out = text
    while len(out.encode()) < size:
        out += "\n\n" + text
    data = out.encode()[:size]
    path = folder / f"prose-{size}.txt"
    path.write_bytes(data[: data.rfind(b" ")])
    return path


def timed(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default="1KB,100KB,1MB,5MB")
    ap.add_argument("--skip-convert", action="store_true")
    args = ap.parse_args()
    exe = [sys.executable, "-m", "easyread"]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if DATA.is_dir():
            from easyread.readability import METRICS

            names = [m for m in METRICS if m not in ("reading_time",)]
            print("\n| size | easyread score (whole process) | MB/s | textstat formulas (fresh process, first calls) | speed-up |")
            print("|---:|---:|---:|---:|---:|")
            for label in args.sizes.split(","):
                path = prose(SIZES[label], folder)
                mb = path.stat().st_size / 1e6
                ours = timed([*exe, "score", str(path), "--format", "csv", "--max-bytes", "100000000"], args.repeat)
                script = folder / "ts.py"
                script.write_text(TEXTSTAT_SCRIPT.format(names=names), "utf-8")
                ts_times = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    subprocess.run([sys.executable, str(script), str(path)], capture_output=True, check=True)
                    ts_times.append(time.perf_counter() - t)
                theirs = statistics.median(ts_times)
                print(f"| {label} | {ours:.2f} s | {mb / ours:.2f} | {theirs:.2f} s | {theirs / ours:.1f}× |")
        else:
            print(f"(skipped score sizes: {DATA} not found)")
        check = timed([*exe, "check", str(SEED)], max(5, args.repeat))
        print(f"\n`easyread check` on the seed, whole process, cold: median {check:.3f} s")
        if not args.skip_convert:
            pdf = timed([*exe, "convert", str(SEED), "-o", str(folder / "seed.pdf")], args.repeat)
            html = timed([*exe, "convert", str(SEED), "-o", str(folder / "seed.html")], args.repeat)
            print(f"`easyread convert` seed -> easy-read PDF: median {pdf:.2f} s; -> HTML: {html:.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

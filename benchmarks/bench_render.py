"""Benchmark easy-read rendering: cold whole-process time, per-page cost, peak memory.

Run from the repository root (results go to docs/benchmarks-render.md by hand):

    python benchmarks/bench_render.py            # 5 cold runs, pages 1..~20
    python benchmarks/bench_render.py --runs 9

1. Cold: ``python -m easyread convert SEED -o OUT.pdf`` in a fresh process, median of N runs,
   with ``--no-rewrite`` and with the rewrite (when the rewrite models are installed). Each
   child reports its own peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``).
2. Per page: in one warm process, documents made of the seed's body repeated k times are
   rendered to easy-read PDFs; the slope of time against pages is the cost per extra page.
3. PDF/UA-1 against an untagged PDF for the same HTML (paired runs).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"

CHILD = """
import resource, sys, time, json
t0 = time.perf_counter()
from easyread.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="easyread", standalone_mode=False)
    ok = True
except BaseException as exc:
    ok = False
    print(exc, file=sys.stderr)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"ok": ok, "inner_s": time.perf_counter() - t0, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "maxrss_mib": usage.ru_maxrss / 1024}))
"""


def cold(args: list[str], runs: int) -> dict[str, float]:
    times: list[float] = []
    cpu: list[float] = []
    rss: list[float] = []
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.pdf")
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, "convert", str(SEED), "-o", out, *args],
                capture_output=True, text=True, cwd=ROOT, check=False,
            )
            times.append(time.perf_counter() - start)
            try:
                info = json.loads(proc.stdout.strip().splitlines()[-1])
            except (IndexError, ValueError):
                info = {"ok": False, "maxrss_mib": 0.0, "cpu_s": 0.0}
            ok = ok and bool(info["ok"])
            cpu.append(float(info["cpu_s"]))
            rss.append(float(info["maxrss_mib"]))
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "cpu_s": statistics.median(cpu), "peak_rss_mib": max(rss), "ok": float(ok)}


def per_page(max_repeat: int) -> list[tuple[int, float]]:
    from easyread.pipeline import read_document
    from easyread.render import render_pdf

    base = read_document(SEED)
    body = [b for b in base.blocks if b.kind not in ("title", "credit")]
    render_pdf(base)  # warm up: imports, fonts, pictures
    results: list[tuple[int, float]] = []
    for repeat in (1, 2, 4, max_repeat):
        doc = copy.deepcopy(base)
        doc.blocks = [b for b in doc.blocks if b.kind == "title"]
        for n in range(repeat):
            for block in body:
                clone = copy.deepcopy(block)
                clone.id = f"{block.id}.r{n}"
                for s in clone.sentences:
                    s.id = f"{s.id}.r{n}"
                doc.blocks.append(clone)
        start = time.perf_counter()
        data = render_pdf(doc, check=False)
        elapsed = time.perf_counter() - start
        import pikepdf

        with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        results.append((pages, elapsed))
    return results


def ua_ratio(runs: int) -> float:
    from easyread.pipeline import read_document
    from easyread.render.html import build_html, settings_for
    from easyread.render.pdf import html_to_pdf

    page = build_html(read_document(SEED), settings_for("easy-read"), for_pdf=True)
    html_to_pdf(page)
    ratios = []
    for _ in range(runs):
        t = time.perf_counter()
        html_to_pdf(page, variant=None)
        plain = time.perf_counter() - t
        t = time.perf_counter()
        html_to_pdf(page, variant="pdf/ua-1")
        ratios.append((time.perf_counter() - t) / plain)
    return statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-repeat", type=int, default=6)
    options = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    for label, args in (("no rewrite", ["--no-rewrite"]), ("rewrite", [])):
        r = cold(args, options.runs)
        status = "" if r["ok"] else "  (FAILED: see stderr; rewrite models missing?)"
        print(f"cold convert, {label:10s}: median {r['median_s']:.2f} s "
              f"(min {r['min_s']:.2f}, max {r['max_s']:.2f}; CPU {r['cpu_s']:.2f} s), peak RSS {r['peak_rss_mib']:.0f} MiB{status}")
    points = per_page(options.max_repeat)
    for pages, seconds in points:
        print(f"warm render: {pages:3d} pages in {seconds:.2f} s")
    (p0, t0), (p1, t1) = points[0], points[-1]
    if p1 > p0:
        print(f"per extra page: {1000 * (t1 - t0) / (p1 - p0):.0f} ms")
    print(f"PDF/UA-1 vs untagged, same HTML: {ua_ratio(options.runs):.2f}x")


if __name__ == "__main__":
    main()

"""Benchmark `easyread batch` on the OneStopEnglish Advanced texts (issue 6 goals).

Measures, as whole `python -m easyread batch` processes (what a user runs):

* wall time with --jobs 1 and --jobs 2 (goal: 2 jobs >= 1.8x faster), time per article and
  peak RSS per worker (goal <= 500 MB), to PDF + HTML by default;
* the same through a 2-worker Dask LocalCluster (started outside the timed command, and its
  start-up time reported separately), with its overhead against --jobs 2;
* resume: a second run on the unchanged folder (goal < 5 % of the first).

Usage (from the repository root; check that the machine is quiet first with `uptime`)::

    python benchmarks/bench_batch.py                      # all 126 articles, pdf,html
    python benchmarks/bench_batch.py --limit 20 --formats html,md --json out.json

The corpus is ../shared/data/onestopenglish/Adv-Txt/ (repo-relative); absent, the benchmark
says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "onestopenglish" / "Adv-Txt"


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def run_cli(in_dir: Path, out_dir: Path, *args: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "easyread", "batch", str(in_dir), "-o", str(out_dir), *args]
    load_before = load()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    summary = json.loads((out_dir / "summary.json").read_text("utf-8"))
    run = summary["run"]
    per_article = list(run["timing"]["article_seconds"].values())
    rss = run["timing"]["worker_peak_rss_mb"]
    return {
        "command": " ".join(["python -m easyread batch", "IN", "-o", "OUT", *args]),
        "exit_code": proc.returncode,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),  # user + sys of the command and its workers (not Dask's)
        "load_before": load_before,
        "batch_wall_s": run["timing"]["wall_seconds"],
        "articles": summary["summary"]["articles"],
        "ok": summary["summary"]["ok"],
        "failed": summary["summary"]["failed"],
        "converted": run["converted"],
        "up_to_date": run["up_to_date"],
        "article_s_median": round(statistics.median(per_article), 3) if per_article else None,
        "article_s_mean": round(statistics.fmean(per_article), 3) if per_article else None,
        "workers": len(rss),
        "worker_peak_rss_mb_max": max(rss.values()) if rss else None,
        "summary": {k: v for k, v in summary.items() if k != "run"},
    }


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two summaries differ (JSON paths), to explain a failed identity check."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in differences(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {str(a)[:120]} != {str(b)[:120]}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--formats", default="pdf,html")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; skipping (see ../shared/data/README.md)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="easyread-bench-batch-"))
    try:
        src = work / "in"
        src.mkdir()
        files = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")
        if args.limit:
            files = files[: args.limit]
        for p in files:
            shutil.copy2(p, src / p.name)
        fmt = ["--formats", args.formats]
        results: dict[str, Any] = {"articles": len(files), "formats": args.formats,
                                   "cpus": os.cpu_count(), "python": sys.version.split()[0]}
        results["load_before"] = load()
        print(f"{len(files)} articles, formats {args.formats}; load average {results['load_before']}")
        results["jobs1"] = run_cli(src, work / "j1", *fmt, "--jobs", "1")
        print("jobs 1:", {k: v for k, v in results["jobs1"].items() if k != "summary"})
        results["jobs2"] = run_cli(src, work / "j2", *fmt, "--jobs", "2")
        print("jobs 2:", {k: v for k, v in results["jobs2"].items() if k != "summary"})
        results["resume"] = run_cli(src, work / "j2", *fmt, "--jobs", "2")
        print("resume:", {k: v for k, v in results["resume"].items() if k != "summary"})
        results["speedup_2_jobs"] = round(results["jobs1"]["wall_s"] / results["jobs2"]["wall_s"], 2)
        results["resume_share"] = round(results["resume"]["wall_s"] / results["jobs2"]["wall_s"], 4)
        same = results["jobs1"]["summary"] == results["jobs2"]["summary"] == results["resume"]["summary"]
        results["reports_identical"] = same
        for key in ("jobs2", "resume"):
            for line in differences(results["jobs1"]["summary"], results[key]["summary"])[:10]:
                print(f"jobs1 vs {key}: {line}")
        if not args.no_dask:
            import importlib

            LocalCluster: Any = importlib.import_module("distributed").LocalCluster

            start = time.perf_counter()
            with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                              dashboard_address=None) as cluster:
                results["dask_cluster_start_s"] = round(time.perf_counter() - start, 2)
                results["dask"] = run_cli(src, work / "dask", *fmt, "--executor", "dask",
                                          "--scheduler", cluster.scheduler_address)
            print("dask:", {k: v for k, v in results["dask"].items() if k != "summary"})
            results["dask_overhead_vs_jobs2"] = round(results["dask"]["wall_s"] / results["jobs2"]["wall_s"] - 1, 3)
            results["reports_identical"] = same and results["dask"]["summary"] == results["jobs2"]["summary"]
            for line in differences(results["jobs2"]["summary"], results["dask"]["summary"])[:10]:
                print(f"jobs2 vs dask: {line}")
        results["load_after"] = load()
        for key in ("jobs1", "jobs2", "resume", "dask"):
            if key in results:
                results[key].pop("summary")
        print(json.dumps({k: v for k, v in results.items() if not isinstance(v, dict)}, indent=1))
        if args.json:
            args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

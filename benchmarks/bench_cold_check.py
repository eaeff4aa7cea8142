#!/usr/bin/env python3
"""Cold ``easyread check`` on the seed, interleaved against another checkout (issue 13).

Each run is a fresh ``python -m easyread check SEED`` from the temporary folder, with
``PYTHONDONTWRITEBYTECODE`` unset (bytecode cached, as in a normal install) after two warm-up
runs per variant; the variants alternate run by run so that both see the same machine. Prints
the load average and, per variant, the median and minimum wall time (``time.perf_counter``)
and CPU time (user + system of the child, ``os.wait4``). Target (issue 13): ≤ 0.1 s wall.

Usage::

    git archive BASE | tar -x -C /tmp/base       # an earlier commit, unpacked
    python benchmarks/bench_cold_check.py --baseline /tmp/base --runs 20
    python benchmarks/bench_cold_check.py --runs 20  # this checkout alone
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
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"


def run(env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one cold ``check`` of the seed."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "easyread", "check", str(SEED)], env=env,
                            cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: a threshold failed, as expected
        raise SystemExit(f"check failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", metavar="DIR", help="another easyread checkout to interleave with")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    variants = {"this checkout": dict(env, PYTHONPATH=str(ROOT))}
    if args.baseline:
        variants = {"baseline": dict(env, PYTHONPATH=args.baseline), **variants}
    for variant in variants.values():
        run(variant)
        run(variant)  # warm-up: writes the bytecode
    print(f"load average before: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(args.runs):
        for name, variant in variants.items():
            times[name].append(run(variant))
    print(f"load average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, xs in times.items():
        walls, cpus = [w for w, _ in xs], [c for _, c in xs]
        print(f"{name}: wall median {statistics.median(walls) * 1000:.1f} ms (min {min(walls) * 1000:.1f}), "
              f"CPU median {statistics.median(cpus) * 1000:.1f} ms (min {min(cpus) * 1000:.1f}), {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Pathological inputs: every command must finish (or refuse with a coded error) in seconds.

Generates, in a temporary folder, the inputs that hung commands before issue 14 (and a few
more of the same families), then runs each command on each as a separate process with a hard
timeout: ``score``, ``check``, ``rewrite``, ``terms``, ``convert -o x.pdf`` and
``convert -o x.html``. Reports each input's size and each command's CPU seconds (user +
system of the child process, from ``os.wait4``; ``--rss`` adds its peak RSS) and exit code:
0 ok, 1 a failed check, 3 a coded error, ``T`` stopped at the timeout, which is CPU time
(``RLIMIT_CPU``, so a loaded machine does not fail a run; ten times it in wall time is the
backstop). A second table gives, for the inputs that can be made at any size, the
CPU seconds per MB at two sizes (less each command's CPU on a one-line article, i.e. process
start-up), to show the time per MB does not grow with the size.

    python benchmarks/bench_pathological.py [--timeout 120] [--only KIND,...]
                                            [--commands score,check,...] [--sizes 100000,400000]

Target (issue 14): every run within 60 CPU seconds on one core, and within its command's
memory cap (:data:`MEMORY_CAP_MB`, peak RSS; ``--rss`` shows it, and the run is marked ``M``
when over; docs/cli.md, "Work budget"). Two rows test the limits themselves: the seed repeated to
just under the 5 MB read limit (``near-cap-5mb.txt``: ``rewrite`` and ``convert`` refuse it
before any work, E306, as it is over their work budget) and distinct real prose just under the
work budget (``budget-prose.txt``, from ``../shared/data``; left out, with a message, when the
data is absent): the slowest input a rewrite accepts by default.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED = REPO_ROOT / "seeds" / "javid-cse-strategy-2019.txt"

COMMANDS: dict[str, list[str]] = {
    "score": ["score", "{in}", "--format", "json"],
    "check": ["check", "{in}"],
    "rewrite": ["rewrite", "{in}", "-o", "{out}.txt"],
    "terms": ["terms", "{in}", "-o", "{out}.terms.txt"],
    "pdf": ["convert", "{in}", "-o", "{out}.pdf"],
    "html": ["convert", "{in}", "-o", "{out}.html"],
}


def _fill(unit: Callable[[int], str], size: int) -> str:
    out: list[str] = []
    total, i = 0, 0
    while total < size:
        piece = unit(i)
        out.append(piece)
        total += len(piece.encode("utf-8"))
        i += 1
    return "".join(out)


def _seed_text() -> str:
    return SEED.read_text("utf-8")


def make_inputs(size: int) -> dict[str, tuple[str, str]]:
    """kind -> (suffix, text) at about ``size`` bytes (fixed-size kinds ignore it)."""
    rnd = random.Random(14)
    words = ["the", "cat", "sat", "on", "a", "mat", "and", "then", "went", "home", "to", "sleep"]
    seed = _seed_text()
    seed_lines = [ln for ln in seed.splitlines() if ln.strip()]
    return {
        # HTML: 10,000 unclosed <p> tags (about 100 KB), and unclosed nested elements.
        "unclosed-p.html": (".html", "<html><body>" + _fill(
            lambda i: f"<p>{' '.join(rnd.choice(words) for _ in range(2))} number {i}.", size)),
        "unclosed-pre.html": (".html", "<html><body><article>" + _fill(
            lambda i: f"<pre>Step {i} is done. <b>x</b>", size)),
        "unclosed-pre-code.html": (".html", "<html><body><article>" + _fill(
            lambda i: f"<pre><code>x</code>Step {i} is done. ", size)),
        "unclosed-div-b.html": (".html", "<html><body>" + _fill(
            lambda i: f"<div><b>Note</b> item {i} is here. ", size)),
        "nested-header.html": (".html", "<html><body><article>" + _fill(
            lambda i: f"<header><span>x</span>Header {i}. ", size)),
        # One 200,000-character upper-case word (fixed size, as in the issue).
        "upper-word-200k.txt": (".txt", "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                                                for _ in range(200_000)) + "\n"),
        "dna.txt": (".txt", _fill(lambda i: rnd.choice("ACGT"), size) + "\n"),
        "title-case.txt": (".txt", _fill(
            lambda i: rnd.choice(["Title", "Case", "Words", "Of", "The", "National", "Trust",
                                  "Society", "For", "Great", "Britain"]) + " ", size) + "\n"),
        "title-case-lines.txt": (".txt", _fill(
            lambda i: rnd.choice(["Title", "Case", "Words", "National", "Trust"]) + (
                "\n" if i % 12 == 11 else " "), size)),
        "one-word-lines.txt": (".txt", _fill(lambda i: rnd.choice(words) + "\n", size)),
        "a-dot.txt": (".txt", _fill(lambda i: "a. ", size) + "\n"),
        "go.txt": (".txt", _fill(lambda i: "go ", size) + "\n"),
        "digits.txt": (".txt", _fill(lambda i: "0123456789", size) + "\n"),
        "digit-words.txt": (".txt", _fill(lambda i: f"{rnd.randint(0, 10**6)} ", size) + "\n"),
        "acronyms.txt": (".txt", _fill(
            lambda i: "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
            + (". " if i % 9 == 8 else " "), size) + "\n"),
        "appositives.txt": (".txt", _fill(
            lambda i: f"Acme{i}, a charity, said so. The Acme{i} agreed.\n", size)),
        "unclosed-quote.txt": (".txt", "He said: “It begins.\n" + _fill(
            lambda i: seed_lines[1 + i % (len(seed_lines) - 1)] + "\n", size)),
        "deep-markdown.md": (".md", _fill(lambda i: "> " * 60 + f"Quote {i} is deep.\n", size)),
        "seed-repeated.txt": (".txt", seed_lines[0] + "\n" + _fill(
            lambda i: seed_lines[1 + i % (len(seed_lines) - 1)] + "\n", size)),
    }


NEAR_CAP = 5 * 1024 * 1024 - 4096

#: Each command's memory cap (peak RSS, MB) on any input it accepts by default (up to the 5 MB
#: read limit for score, check and terms; up to the work budget, rewrite_max_bytes, for rewrite
#: and convert). docs/cli.md states them; a run over its cap is marked M.
MEMORY_CAP_MB = {"score": 400, "check": 400, "terms": 500, "rewrite": 800, "pdf": 800, "html": 800}


def budget_prose() -> str | None:
    """Distinct real prose just under the default work budget (``rewrite_max_bytes``), or
    ``None`` without the shared data."""
    from easyread.config import Config

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    import bench_cli

    try:
        text = bench_cli.corpus()
    except OSError as exc:
        print(f"skipping budget-prose.txt: no shared data ({exc})", file=sys.stderr)
        return None
    data = text.encode("utf-8")[: Config().rewrite_max_bytes - 1000]
    return data[: data.rfind(b" ")].decode("utf-8", errors="ignore") + "\n"


def run(command: str, path: Path, out: Path, timeout: float) -> tuple[float, str, int]:
    """CPU seconds, exit code (``T``: stopped at the timeout) and peak RSS (MB) of one run."""
    args = [a.replace("{in}", str(path)).replace("{out}", str(out)) for a in COMMANDS[command]]
    def limit_cpu() -> None:  # the timeout is CPU time (fair on a loaded machine)
        resource.setrlimit(resource.RLIMIT_CPU, (int(timeout), int(timeout) + 1))

    proc = subprocess.Popen([sys.executable, "-m", "easyread", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=REPO_ROOT, preexec_fn=limit_cpu)
    timer = threading.Timer(10 * timeout, proc.kill)  # and ten times that in wall time
    timer.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    code = "T" if proc.returncode in (-9, -24) else str(proc.returncode)  # SIGKILL, SIGXCPU
    return usage.ru_utime + usage.ru_stime, code, usage.ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", help="comma-separated input kinds (default: all)")
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--sizes", default="100000,400000",
                        help="the two sizes (bytes) of the time-per-MB table; empty to skip")
    parser.add_argument("--rss", action="store_true", help="show each run's peak RSS too")
    parser.add_argument("--no-near-cap", action="store_true",
                        help="skip the plain-text file just under the 5 MB cap")
    parser.add_argument("--no-budget-prose", action="store_true",
                        help="skip the distinct prose just under the work budget")
    args = parser.parse_args()
    commands = [c for c in args.commands.split(",") if c]
    only = set(args.only.split(",")) if args.only else None
    sizes = [int(s) for s in args.sizes.split(",") if s]
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; timeout {args.timeout:g} s; "
          "CPU s (exit code)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = folder / "baseline.txt"
        base.write_text("Short headline\nThe cat sat on the mat.\n", "utf-8")
        startup = {c: run(c, base, folder / "out-base", args.timeout)[0] for c in commands}
        inputs = make_inputs(100_000)
        if not args.no_near_cap:
            seed_lines = [ln for ln in _seed_text().splitlines() if ln.strip()]
            inputs["near-cap-5mb.txt"] = (".txt", seed_lines[0] + "\n" + _fill(
                lambda i: seed_lines[1 + i % (len(seed_lines) - 1)] + "\n", NEAR_CAP - 200))
        if not args.no_budget_prose:
            prose = budget_prose()
            if prose is not None:
                inputs["budget-prose.txt"] = (".txt", prose)
        header = f"| input | size | {' | '.join(commands)} |"
        print(header)
        print("|" + "---|" * (len(commands) + 2))
        worst, peak, over = 0.0, 0, []
        for kind, (suffix, text) in inputs.items():
            if only and kind not in only:
                continue
            path = folder / f"input-{kind}"
            path = path.with_suffix(suffix)
            path.write_text(text, "utf-8")
            cells = []
            for c in commands:
                spent, code, rss = run(c, path, folder / f"out-{kind}-{c}", args.timeout)
                worst, peak = max(worst, spent), max(peak, rss)
                if rss > MEMORY_CAP_MB[c]:
                    over.append(f"{kind} {c} {rss} MB")
                cells.append(f"{spent:.1f} ({code}{' M' if rss > MEMORY_CAP_MB[c] else ''})"
                             + (f" {rss} MB" if args.rss else ""))
            print(f"| {kind} | {path.stat().st_size:,} B | {' | '.join(cells)} |", flush=True)
        print(f"slowest run: {worst:.1f} CPU s (target: 60); largest peak RSS {peak} MB; "
              f"over its memory cap ({MEMORY_CAP_MB}): {', '.join(over) or 'none'}")
        if len(sizes) == 2:
            print(f"\nCPU s per MB less start-up, at {sizes[0]:,} and {sizes[1]:,} bytes")
            print(f"| input | {' | '.join(commands)} |")
            print("|" + "---|" * (len(commands) + 1))
            small, large = make_inputs(sizes[0]), make_inputs(sizes[1])
            for kind in small:
                if kind == "upper-word-200k.txt" or (only and kind not in only):
                    continue
                cells = []
                for c in commands:
                    per_mb = []
                    for n, made in zip(sizes, (small, large), strict=True):
                        suffix, text = made[kind]
                        path = (folder / f"size-{n}-{kind}").with_suffix(suffix)
                        path.write_text(text, "utf-8")
                        spent, code, _rss = run(c, path, folder / f"out-size-{n}-{kind}-{c}", args.timeout)
                        per_mb.append(f"{max(0.0, spent - startup[c]) / (path.stat().st_size / 1e6):.1f}"
                                      + ("" if code in ("0", "1", "3") else f" ({code})"))
                    cells.append(" → ".join(per_mb))
                print(f"| {kind} | {' | '.join(cells)} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

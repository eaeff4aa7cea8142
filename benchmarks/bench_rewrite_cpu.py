#!/usr/bin/env python3
"""CPU time of the rewrite path, with the tagger's and the parser's shares (one process).

    python benchmarks/bench_rewrite_cpu.py FILE [--profile easy-read]
        read + score + rewrite + score FILE in this process; prints CPU seconds of the run and
        the part spent in the POS tagger (PerceptronModel.tag) and the parser (parse_words)
    python benchmarks/bench_rewrite_cpu.py --asset 500 [--profile plain]
        the first N ASSET valid sources, one document each, stages numbers + words + split (as
        bench_rewrite.py), timed on the CPU clock: sentences per CPU second, after one warm-up

CPU time (``time.process_time``), not wall time, so the figures mean something on a shared
machine; state the load average with them. Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from easyread import syntax, tagger  # noqa: E402
from easyread.config import load_config  # noqa: E402
from easyread.pipeline import document_from_text, process, read_document  # noqa: E402

ASSET = REPO_ROOT.parent / "shared" / "data" / "asset" / "asset.valid.orig"
SPENT: dict[str, float] = {"tagger": 0.0, "parser": 0.0}


def _timed(label: str, func: Callable[..., Any], generator: bool = False) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            result = func(*args, **kwargs)
            if generator:
                result = iter(list(result))
            return result
        finally:
            SPENT[label] += time.process_time() - start

    return wrapper


def _instrument() -> None:
    tagger.PerceptronModel.tag = _timed("tagger", tagger.PerceptronModel.tag)  # type: ignore[method-assign]
    parse_words: Callable[..., Iterator[Any]] = syntax.parse_words
    syntax.parse_words = _timed("parser", parse_words, generator=True)  # type: ignore[assignment]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--profile", default=None)
    ap.add_argument("--asset", type=int, default=0, help="time the first N ASSET sources instead")
    args = ap.parse_args()
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    _instrument()
    if args.asset:
        if not ASSET.is_file():
            print(f"data not found: {ASSET}")
            return 0
        lines = [x for x in ASSET.read_text("utf-8").splitlines() if x.strip()][: args.asset]
        config = load_config(profile=args.profile or "plain", use_project=False)
        stages = ["numbers", "words", "split"]
        process(document_from_text(lines[0]), config, stages=stages, score=False)
        start = time.process_time()
        for line in lines:
            process(document_from_text(line), config, stages=stages, score=False)
        spent = time.process_time() - start
        print(f"{config.profile}: {len(lines)} sentences in {spent:.2f} CPU s = "
              f"{len(lines) / spent:.0f} sentences per CPU second (whole process "
              f"{time.process_time():.2f} s; load {load})")
        return 0
    if not args.file:
        ap.error("give FILE or --asset N")
    config = load_config(profile=args.profile, use_project=False)
    start = time.process_time()
    doc = process(read_document(args.file, config), config)
    spent = time.process_time() - start
    size = Path(args.file).stat().st_size
    print(f"{args.file} ({size:,} B, {config.profile}): run {spent:.2f} CPU s, tagger "
          f"{SPENT['tagger']:.2f}, parser {SPENT['parser']:.2f}, {len(doc.edits)} edits "
          f"(imports before the run {start:.2f} s; load {load})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Score a sentence-simplification system on ASSET or TurkCorpus (development splits).

The source sentences are piped, one per line, through a system command that reads
lines on stdin and writes exactly one output line per input line on stdout. The
outputs are scored with easyread.eval (SARI, ADD/KEEP/DEL, BLEU, FKGL, compression
ratio, sentence splits; EASSE conventions, see docs/eval-metrics.md) and one
Markdown table row is printed.

Examples (from the repository root)::

    python benchmarks/bench_simplification.py --set asset               # easyread rewrite
    python benchmarks/bench_simplification.py --set turk --system cat   # any command
    python benchmarks/bench_simplification.py --set asset --identity    # copy the source
    python benchmarks/bench_simplification.py --set asset --ref 0       # ref 0 vs the others
    python benchmarks/bench_simplification.py --set asset --limit 200 --save /tmp/out.txt

The data are read from ``../shared/data`` (relative to the repository root) or
``--data-dir``; when they are absent the script prints why and exits with status 0.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_SYSTEM = "easyread rewrite --lines -"

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from easyread.eval import (  # noqa: E402
    compression_ratio,
    corpus_bleu,
    corpus_fkgl,
    corpus_sari_components,
    sentence_splits,
)


@dataclass(frozen=True)
class EvalSet:
    """Where one evaluation set's files live, relative to the data directory."""

    label: str
    orig: str
    refs: tuple[str, ...]


SETS: dict[str, EvalSet] = {
    "asset": EvalSet(
        label="ASSET valid",
        orig="asset/asset.valid.orig",
        refs=tuple(f"asset/asset.valid.simp.{i}" for i in range(10)),
    ),
    "turk": EvalSet(
        label="TurkCorpus tune (detok)",
        orig="turkcorpus/tune.truecase.detok.orig",
        refs=tuple(f"turkcorpus/tune.truecase.detok.simp.{i}" for i in range(8)),
    ),
}

HEADER = (
    "| Set | System | Items | SARI | ADD | KEEP | DEL | BLEU | FKGL | Compr. | Splits "
    "| Sent/s | Command |"
)
SEPARATOR = "|---|---|---|---|---|---|---|---|---|---|---|---|---|"


def read_lines(path: Path) -> list[str]:
    """Read a one-sentence-per-line file (the last line may lack a newline)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if text.endswith("\n") else lines


def run_system(command: str, lines: Sequence[str]) -> tuple[list[str], float]:
    """Pipe ``lines`` through ``command`` (a shell command line).

    Returns the output lines and the wall-clock time in seconds. Exits with
    status 2 if the command fails.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    start = time.perf_counter()
    proc = subprocess.run(
        command, shell=True, input=payload, capture_output=True, env=env, cwd=REPO_ROOT
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        sys.stderr.write(f"error: system command failed (exit {proc.returncode}): {command}\n")
        for line in err[-15:]:
            sys.stderr.write(f"  {line}\n")
        if proc.returncode == 127:
            sys.stderr.write("hint: command not found; try --system cat or --identity\n")
        raise SystemExit(2)
    out = proc.stdout.decode("utf-8")
    outputs = out.split("\n")
    if out.endswith("\n"):
        outputs = outputs[:-1]
    return [line.removesuffix("\r") for line in outputs], elapsed


def check_alignment(sources: Sequence[str], outputs: Sequence[str]) -> None:
    """Exit with status 1 unless there is exactly one output line per source line."""
    if len(outputs) != len(sources):
        sys.stderr.write(
            f"error: line alignment broken: {len(sources)} input lines but "
            f"{len(outputs)} output lines\n"
        )
        raise SystemExit(1)


def load_segmenter(spec: str | None) -> Callable[[str], list[str]] | None:
    """Load ``module:function`` as a sentence splitter (None = the default)."""
    if not spec:
        return None
    module_name, _, func_name = spec.partition(":")
    if not func_name:
        raise SystemExit(f"error: --segment expects module:function, got {spec!r}")
    func = getattr(importlib.import_module(module_name), func_name)
    if not callable(func):
        raise SystemExit(f"error: {spec} is not callable")

    def segment(text: str) -> list[str]:
        return list(func(text))

    return segment


def fmt(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def score_row(
    set_label: str,
    system_label: str,
    sources: Sequence[str],
    outputs: Sequence[str],
    refs: Sequence[Sequence[str]],
    speed: float | None,
    command: str,
    segment: Callable[[str], list[str]] | None,
) -> str:
    """Compute all metrics and format them as one Markdown table row."""
    sari = corpus_sari_components(sources, outputs, refs)
    bleu = corpus_bleu(outputs, refs)
    fkgl = corpus_fkgl(outputs, segment=segment)
    compr = compression_ratio(sources, outputs)
    splits = sentence_splits(sources, outputs, segment=segment)
    cells = [
        set_label,
        system_label,
        str(len(sources)),
        fmt(sari["sari"], 4),
        fmt(sari["add"], 4),
        fmt(sari["keep"], 4),
        fmt(sari["del"], 4),
        fmt(bleu, 4),
        fmt(fkgl, 4),
        fmt(compr, 3),
        fmt(splits, 3),
        "—" if speed is None else f"{speed:.1f}",
        f"`{command}`",
    ]
    return "| " + " | ".join(cells) + " |"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Score a simplification system on ASSET / TurkCorpus (EASSE conventions)."
    )
    parser.add_argument("--set", required=True, choices=sorted(SETS), help="evaluation set")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--system",
        default=DEFAULT_SYSTEM,
        help=f"shell command reading lines on stdin, writing lines on stdout "
        f"(default: {DEFAULT_SYSTEM!r})",
    )
    mode.add_argument(
        "--identity", action="store_true", help="score the source itself (copy baseline)"
    )
    mode.add_argument(
        "--ref",
        type=int,
        metavar="K",
        help="score reference K against the remaining references",
    )
    parser.add_argument("--limit", type=int, help="use only the first N items")
    parser.add_argument("--save", type=Path, metavar="PATH", help="write the outputs here")
    parser.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA, help=f"default: {DEFAULT_DATA}"
    )
    parser.add_argument(
        "--segment",
        metavar="MODULE:FUNC",
        help="sentence splitter for FKGL and splits (default: easyread.eval.simple_segment)",
    )
    parser.add_argument("--no-header", action="store_true", help="print the row only")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    spec = SETS[args.set]
    data_dir: Path = args.data_dir
    orig_path = data_dir / spec.orig
    if not orig_path.is_file():
        print(f"skipped: {orig_path} not found (the {args.set} data live in ../shared/data)")
        return 0
    sources = read_lines(orig_path)
    refs = [read_lines(data_dir / name) for name in spec.refs]
    if args.limit is not None:
        sources = sources[: args.limit]
        refs = [r[: args.limit] for r in refs]

    speed: float | None = None
    if args.identity:
        outputs, system_label, command = list(sources), "identity", "--identity"
    elif args.ref is not None:
        if not 0 <= args.ref < len(refs):
            raise SystemExit(f"error: --ref must be in 0..{len(refs) - 1}")
        outputs = refs[args.ref]
        refs = refs[: args.ref] + refs[args.ref + 1 :]
        system_label = f"ref {args.ref} vs other {len(refs)}"
        command = f"--ref {args.ref}"
    else:
        command = args.system
        outputs, elapsed = run_system(command, sources)
        check_alignment(sources, outputs)
        speed = len(sources) / elapsed if elapsed > 0 else float("inf")
        system_label = command.split()[0]

    if args.save is not None:
        args.save.write_text("".join(f"{line}\n" for line in outputs), encoding="utf-8")
        print(f"outputs written to {args.save}", file=sys.stderr)

    row = score_row(
        spec.label,
        system_label,
        sources,
        outputs,
        refs,
        speed,
        command,
        load_segmenter(args.segment),
    )
    if not args.no_header:
        print(HEADER)
        print(SEPARATOR)
    print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())

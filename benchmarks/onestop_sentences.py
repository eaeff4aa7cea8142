"""Sentences of the OneStopEnglish Advanced development articles, for the benchmarks.

``advanced_sentences(min_words, max_words, kinds)`` yields the text of every non-quotation
sentence of that length in blocks of those kinds, article by article; the data are read from
``../shared/data/onestopenglish`` (``DATA``), and ``available()`` says whether they are there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT.parent / "shared" / "data" / "onestopenglish"


def available() -> bool:
    return (DATA / "articles.txt").is_file()


def advanced_sentences(min_words: int, max_words: int, kinds: tuple[str, ...] = ("paragraph",)) -> Iterator[str]:
    from easyread.pipeline import document_from_text

    for name in (n for n in (DATA / "articles.txt").read_text("utf-8").splitlines() if n):
        path = DATA / "Adv-Txt" / f"{name}-adv.txt"
        if not path.is_file():
            continue
        for block in document_from_text(path.read_text("utf-8", errors="replace").lstrip("\ufeff")).blocks:
            if block.kind not in kinds:
                continue
            for s in block.sentences:
                words = sum(1 for t in s.tokens if t.kind in ("word", "number"))
                if min_words <= words <= max_words and not s.protected and s.kind == "text" and "\x19" not in s.text:
                    yield s.text

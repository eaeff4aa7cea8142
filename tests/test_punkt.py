"""The port of Punkt (easyread.punkt) gives NLTK's spans exactly, and falls back to NLTK on
every character where the two regular-expression engines disagree."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from easyread import nlp
from easyread.punkt import port_applies

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def golden_texts() -> Iterator[str]:
    with (GOLDEN / "segmentation.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            yield row["input"]
    for path in sorted(GOLDEN.rglob("*.txt")):
        yield from path.read_text("utf-8").split("\n")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield from path.read_text("utf-8").split("\n")


def corpus_texts(shared: Path) -> Iterator[str]:
    """Every paragraph of OneStopEnglish, the CLEAR excerpts, ASSET and TurkCorpus."""
    for path in sorted((shared / "onestopenglish").rglob("*.txt")):
        yield from path.read_text("utf-8-sig", errors="replace").split("\n")
    clear = shared / "clear" / "clear_dev.csv"
    if clear.is_file():
        csv.field_size_limit(10**8)
        with clear.open(encoding="utf-8", errors="replace") as fh:
            for row in csv.DictReader(fh):
                yield from row["Excerpt"].split("\n")
    for path in sorted((shared / "asset").glob("asset.*")) + sorted((shared / "turkcorpus").glob("*.detok.*")):
        yield from path.read_text("utf-8", errors="replace").split("\n")


def assert_same_as_nltk(texts: Iterator[str]) -> int:
    nltk_punkt = nlp._get_segmenter()
    port = nlp._get_port()
    compared = 0
    for raw in texts:
        text = raw.translate(nlp._NORMALISE)
        if not text.strip() or not port_applies(text):
            continue
        assert port.span_tokenize(text) == list(nltk_punkt.span_tokenize(text)), text
        compared += 1
    return compared


def test_port_equals_nltk_on_goldens_and_seeds() -> None:
    assert assert_same_as_nltk(golden_texts()) > 200


def test_port_equals_nltk_on_reference_corpora(shared_data: Path) -> None:
    # About 53,000 paragraphs (OneStopEnglish, CLEAR, ASSET, TurkCorpus): every span equal.
    assert assert_same_as_nltk(corpus_texts(shared_data)) > 40_000


@pytest.mark.parametrize("text", [
    "Mr. Smith went to the U.K. on Monday.  He liked it.",
    "He paused... Then he left. J. K. Rowling wrote it. (It was 2019.) Next one!",
    "“Stop,” she said. \"Go.\" 'Now.' The end",
    "Prices rose 3.5 per cent. 2. The list. i.e. this. Fig. 3 shows it.",
    "A -- B. C.. D. E . . . F? G! H",
])
def test_port_equals_nltk_on_edge_cases(text: str) -> None:
    assert assert_same_as_nltk(iter([text])) == 1


def test_unsafe_characters_cover_every_engine_difference() -> None:
    """Where ``re`` and NLTK's ``regex`` engine disagree on a class Punkt uses, the port is
    not used (NLTK segments that block)."""
    regex = pytest.importorskip("regex")
    import re

    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    differ: set[str] = set()
    for cls in (r"\s", r"\S", r"\d", r"[^\W\d]", r"\w", r"\W"):
        differ |= set(re.findall(cls, every)) ^ set(regex.findall(cls, every))
    assert differ, "the engines agree everywhere: the fallback could go"
    assert not [hex(ord(ch)) for ch in sorted(differ) if port_applies(ch)]
    assert port_applies("Plain text, £600,000 — “quoted” – 24°C ©2019 … é ß.")


def test_sentence_spans_need_no_nltk_for_plain_text() -> None:
    import subprocess

    code = ("import sys; from easyread.nlp import sentence_spans; "
            "assert sentence_spans('Mr. Smith left. He came back.') == [(0, 15), (16, 29)]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'regex')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "[]"

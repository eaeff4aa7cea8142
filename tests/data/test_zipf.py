"""The shipped Zipf table (``zipf_en.tsv``, tools/build_zipf.py) equals the installed
wordfreq's 'small' English list, and its bisecting lookup answers like a dict."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from easyread.data import ZipfTable, wordfreq_zipf_table, zipf, zipf_table

ROOT = Path(__file__).resolve().parents[2]

needs_wordfreq = pytest.mark.skipif(importlib.util.find_spec("wordfreq") is None,
                                    reason="wordfreq is not installed: cannot compare the source list")


@needs_wordfreq
def test_the_shipped_table_equals_wordfreq() -> None:
    full = wordfreq_zipf_table()
    table = zipf_table()
    assert len(table) == len(full)
    assert dict(table.items()) == full  # iterating parses the whole file
    fresh = zipf_table.__wrapped__()  # every word found by bisection, none remembered yet
    assert all(fresh.get(word) == value for word, value in full.items())


@needs_wordfreq
def test_a_rebuild_is_byte_identical() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_zipf
    finally:
        sys.path.remove(str(ROOT / "tools"))
    shipped = (ROOT / "easyread" / "data" / "zipf_en.tsv").read_text("utf-8")
    assert build_zipf.build_text() == shipped


def test_misses_and_near_misses_answer_like_a_dict() -> None:
    data = b"# comment\n# another\nab\t4.5\nabc\t3.25\nb\t6.0\nna\xc3\xafve\t2.0\nz\t1.5\n"
    table = ZipfTable(data)
    source = {"ab": 4.5, "abc": 3.25, "b": 6.0, "na\u00efve": 2.0, "z": 1.5}
    for word in [*source, "", "a", "aa", "abb", "abcd", "ba", "naive", "na\u00efvf", "zz", "\u00e9", "\udc80"]:
        assert table.get(word) == source.get(word), word
        assert table.get(word, 0.0) == source.get(word, 0.0), word
        assert (word in table) == (word in source), word
    assert table["abc"] == 3.25
    with pytest.raises(KeyError):
        table["abd"]
    assert len(table) == 5 and dict(table) == source


def test_zipf_lower_cases_and_maps_a_missing_word_to_zero() -> None:
    assert zipf("The") == zipf("the") > 7
    assert zipf("qzxqzxqzx") == 0.0

"""easyread.known: words never explained (dates, weekdays, months, numbers)."""

from __future__ import annotations

import pytest

from easyread.known import calendar_words, never_explain


@pytest.mark.parametrize("term", ["Monday", "5 March 2024", "1990s", "third", "10:30", "12/05/2024", "40%", "March, April"])
def test_calendar_and_number_terms_are_never_explained(term: str) -> None:
    assert never_explain(term)


@pytest.mark.parametrize("term", ["", "  ", "DEC", "APR", "May Day", "Home Office", "Saturday club"])
def test_other_terms_may_be_explained(term: str) -> None:
    assert not never_explain(term)


def test_calendar_words_come_from_the_data_file() -> None:
    words = calendar_words()
    assert {"monday", "march", "january"} <= words
    assert all(w == w.lower() for w in words)

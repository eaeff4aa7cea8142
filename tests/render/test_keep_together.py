"""Number phrases, dates, initials and titles never break across lines (issue 11: "2 in 5" and
"L. Ron" broke): the spaces inside them become no-break spaces in the page, the text does not
change (``easyread/data/keep_together.toml``)."""

from __future__ import annotations

import pytest

from easyread.document import GlossEntry
from easyread.render.html import keep_together, sentence_html

NBSP = "\u00a0"


@pytest.mark.parametrize(("text", "together"), [
    ("About 2 in 5 people said yes.", "2 in 5"),
    ("It cost £3 million to build.", "£3 million"),
    ("Prices rose by 40 per cent.", "40 per cent"),
    ("The vote is on 5 March 2016.", "5 March 2016"),
    ("The vote is on March 5.", "March 5"),
    ("L. Ron Hubbard founded it.", "L. Ron"),
    ("J. K. Rowling wrote it.", "J. K. Rowling"),
    ("Mr Javid said this.", "Mr Javid"),
    ("Dr. Smith said this.", "Dr. Smith"),
])
def test_phrase_is_kept_together(text: str, together: str) -> None:
    out = keep_together(text)
    assert together.replace(" ", NBSP) in out
    assert out.replace(NBSP, " ") == text  # nothing else changes
    assert together.replace(" ", NBSP) in str(sentence_html(text))


@pytest.mark.parametrize("text", [
    "In 2015 in London, 5 people came.",  # "2015 in London" is no number phrase
    "We met at 10 Downing Street.",
    "The end.",
])
def test_ordinary_spaces_stay(text: str) -> None:
    assert keep_together(text).count(NBSP) == 0


def test_terms_are_still_marked() -> None:
    entry = GlossEntry("home secretary", "The minister for crime.", "s1", "builtin")
    html = str(sentence_html("Mr Javid, the home secretary, said 2 in 5 had help.", [entry]))
    assert "<strong>home secretary</strong>" in html
    assert f"Mr{NBSP}Javid" in html and f"2{NBSP}in{NBSP}5" in html


@pytest.mark.parametrize(("text", "together"), [
    ("Stand united ”.", "united ”."),          # blind picture review 9: "took well / ”."
    ("Solspeil , or Sun mirror , shines.", "Solspeil ,"),
    ("Is it true ?", "true ?"),
])
def test_a_closing_mark_never_starts_a_line(text: str, together: str) -> None:
    out = keep_together(text)
    assert together.replace(" ", NBSP) in out
    assert out.replace(NBSP, " ") == text  # the words and marks stay as they are

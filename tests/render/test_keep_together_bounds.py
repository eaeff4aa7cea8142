"""keep_together runs in time linear in the text (issue 14: a 100,000-digit run took 197 CPU s
in the page's no-break pass); the anchored patterns keep the same matches."""

from __future__ import annotations

from easyread.render.html import keep_together

NBSP = "\u00a0"


def test_a_long_run_of_digits_is_passed_through() -> None:
    text = "0123456789" * 10_000 + " in 5 kg"
    out = keep_together(text)
    assert out.endswith(f"0123456789{NBSP}in{NBSP}5 kg")
    assert out.count(NBSP) == 2


def test_numbers_inside_and_after_separators_still_match() -> None:
    assert keep_together("1,5 in 10") == f"1,5{NBSP}in{NBSP}10"
    assert keep_together("about .5 in 3") == f"about .5{NBSP}in{NBSP}3"
    assert keep_together("£3.5 million") == f"£3.5{NBSP}million"
    assert keep_together("in2,1 am") == f"in2,1{NBSP}am"

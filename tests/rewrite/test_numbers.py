"""numbers stage: one table of (input, expected, rule id) rows per rule."""

from __future__ import annotations

import pytest

from easyread.rewrite import numbers
from easyread.rewrite.numbers import plain_large
from easyread.rewrite.rules import demo

RULES = {spec.id: spec.func for spec in numbers.RULES}

EXAMPLES = [
    ("We saw 140,000 accounts.", "We saw 140 thousand accounts.", "numbers.round_large.v1"),
    ("There were 2,517,000 of them.", "There were about 2.5 million of them.", "numbers.round_large.v1"),
    ("Nearly 2,517,000 voted.", "Nearly 2.5 million voted.", "numbers.round_large.v1"),
    ("It has 999,999 rows.", "It has about 1 million rows.", "numbers.round_large.v1"),
    ("About 2,500 came.", "About 2,500 came.", "numbers.round_large.v1"),
    ("It was 2019.", "It was 2019.", "numbers.round_large.v1"),
    ("It gave £600,000.", "It gave £600 thousand.", "numbers.money.v1"),
    ("It paid $3.5m.", "It paid $3.5 million.", "numbers.money.v1"),
    ("It costs £2bn.", "It costs £2 billion.", "numbers.money.v1"),
    ("It costs £25.", "It costs £25.", "numbers.money.v1"),
    ("It raised £1,234,567.", "It raised about £1.2 million.", "numbers.money.v1"),
    ("Only 20 per cent of adults voted.", "Only 1 in 5 adults voted.", "numbers.percent.v2"),
    ("24% of adults read it.", "About 1 in 4 adults read it.", "numbers.percent.v2"),
    ("Some 52% of the voters left.", "Some 1 in 2 of the voters left.", "numbers.percent.v2"),
    ("There was a 24% rise in calls.", "There was a rise of about a quarter in calls.", "numbers.percent.v2"),
    ("There was an 80% increase.", "There was an 80% increase.", "numbers.percent.v2"),
    ("There was a 50% increase.", "There was an increase of a half.", "numbers.percent.v2"),
    ("Prices rose by 12%.", "Prices rose by about a tenth.", "numbers.percent.v2"),
    ("They earn 25% less.", "They earn a quarter less.", "numbers.percent.v2"),
    ("Inflation is 7%.", "Inflation is 7%.", "numbers.percent.v2"),
    ("It held a 5% stake.", "It held a 5% stake.", "numbers.percent.v2"),
    ("It took four years.", "It took 4 years.", "numbers.words_to_digits.v1"),
    ("It rose to two in five.", "It rose to 2 in 5.", "numbers.words_to_digits.v1"),
    ("One in five is ill.", "1 in 5 is ill.", "numbers.words_to_digits.v1"),
    ("One of them left.", "One of them left.", "numbers.words_to_digits.v1"),
    ("She watched Channel Four.", "She watched Channel Four.", "numbers.words_to_digits.v1"),
    ("They helped one another.", "They helped one another.", "numbers.words_to_digits.v1"),
    ("It took twenty-five years.", "It took 25 years.", "numbers.words_to_digits.v1"),
    ("The two of them left.", "The two of them left.", "numbers.words_to_digits.v1"),
]


@pytest.mark.parametrize(("text", "expected", "rule_id"), EXAMPLES)
def test_rule(text: str, expected: str, rule_id: str) -> None:
    assert demo(RULES[rule_id], text) == expected


def test_every_rule_has_rows() -> None:
    assert {r for _, _, r in EXAMPLES} == set(RULES)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(140_000, ("140 thousand", True)), (2_517_000, ("2.5 million", False)),
     (12_345, ("12 thousand", False)), (3_000_000_000, ("3 billion", True))],
)
def test_plain_large(n: int, expected: tuple[str, bool]) -> None:
    assert plain_large(n) == expected

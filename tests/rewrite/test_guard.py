"""The meaning guard, the rule table's completeness, docs coverage and rule doctests."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from easyread.rewrite import guard, numbers, output, rules, split, words
from easyread.rewrite.guard import allowed_loss, facts, missing

ROOT = Path(__file__).resolve().parents[2]
ALL_RULES = [*numbers.RULES, *words.RULES, *split.RULES]

GUARD = [
    ("It is not 24 km.", "It is 24 km.", ["negation:not"]),
    ("They never came.", "They came.", ["negation:never"]),
    ("It didn't work.", "It did work.", ["negation:n't"]),
    ("He came without help.", "He came with help.", ["negation:without"]),
    ("It cost 600,000.", "It cost a lot.", ["number:600000"]),
    ("It took four years.", "It took 4 years.", []),
    ("Mr Javid spoke.", "He spoke.", ["name:Javid"]),
    ("Sajid Javid, the Home Secretary, said it.",
     "Sajid Javid is the Home Secretary. Sajid Javid said it.", []),
    ("Nobody and nothing.", "Nobody and nothing.", []),
]


@pytest.mark.parametrize(("before", "after", "lost"), GUARD)
def test_missing(before: str, after: str, lost: list[str]) -> None:
    assert missing(before, after) == lost


def test_numbers_rules_may_convert_their_own_span() -> None:
    assert allowed_loss(["number:140000"], "140,000", "numbers.round_large.v1") == []
    assert allowed_loss(["number:140000"], "140,000", "split.conjunction.v1") == ["number:140000"]


def test_facts_counts_repeats() -> None:
    assert facts("No, no, no.").negations["no"] == 3
    assert missing("No, no, no.", "No, no.") == ["negation:no"]


def test_rule_ids_are_unique_and_versioned() -> None:
    ids = [r.id for r in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        family, _, version = rule_id.rpartition(".")
        assert family.count(".") == 1 and version.startswith("v"), rule_id


def test_every_rule_in_docs() -> None:
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for spec in ALL_RULES:
        assert f"`{spec.id}`" in text, spec.id


@pytest.mark.parametrize("spec", ALL_RULES, ids=lambda r: r.id)
def test_every_rule_docstring_has_what_why_example(spec: rules.RuleSpec) -> None:
    doc = spec.func.__doc__ or ""
    assert doc.startswith(spec.id), spec.id
    assert "What:" in doc and "Why:" in doc and ">>> " in doc


@pytest.mark.parametrize("module", [guard, rules, numbers, words, split, output],
                         ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    from easyread.data import lexicon_table, phrases_table

    if module is words and not (lexicon_table() and phrases_table()):
        pytest.skip("lexicon.tsv / phrases.tsv not shipped yet")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0

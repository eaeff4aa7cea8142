"""The built-in glossary and acronym list: unique, lower-case keys, short easy explanations."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from easyread.data import acronym_rows, glossary_rows
from easyread.readability import compute

ROWS = glossary_rows()
ACRONYMS = acronym_rows()


def test_at_least_400_entries() -> None:
    assert len(ROWS) >= 400


def test_keys_unique_across_files_and_aliases() -> None:
    keys = Counter(k for r in ROWS for k in (r.term, *r.aliases))
    assert [k for k, n in keys.items() if n > 1] == []


def test_keys_lower_case() -> None:
    assert [k for r in ROWS for k in (r.term, *r.aliases) if k != k.lower().strip()] == []


def test_no_self_reference() -> None:
    """An alias is not its own term, and an explanation names the term once, not twice."""
    bad = []
    for r in ROWS:
        if r.term in r.aliases:
            bad.append(r.term)
        if len(re.findall(rf"\b{re.escape(r.term)}\b", r.explanation.lower())) > 1:
            bad.append(r.term)
    assert bad == []


def test_acronyms_upper_case_and_no_clash() -> None:
    keys = {k for r in ROWS for k in (r.term, *r.aliases)}
    assert [a for a in ACRONYMS if a != a.upper()] == []
    assert [a for a in ACRONYMS if a.lower() in keys] == []
    assert [a for a, row in ACRONYMS.items() if row.expansion.upper() == a] == []


EXPLANATIONS = [(r.term, r.explanation) for r in ROWS] + [
    (a, row.explanation) for a, row in ACRONYMS.items() if row.explanation
]


@pytest.mark.parametrize(("term", "explanation"), EXPLANATIONS, ids=[t for t, _ in EXPLANATIONS])
def test_explanation_is_easy(term: str, explanation: str) -> None:
    """At most 15 words, FKGL <= 6 measured without the term itself (as tools/check_glossary.py)."""
    assert len(explanation.split()) <= 15
    without = re.sub(rf"(?i)\b{re.escape(term)}\b", "it", explanation)
    assert compute(without)["flesch_kincaid_grade"] <= 6

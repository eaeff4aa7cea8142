"""Words never explained: dates, weekdays, months, numbers (``data/never_explain.txt``) and,
alone, everyday words most adult readers know (``data/everyday.txt``, :func:`everyday`).

The gloss stage and ``easyread terms`` skip a term :func:`never_explain` accepts, whatever
found it (a glossary, the organisation learner, the rare-word check): every reader knows these
words, and an explanation built around one can only be wrong ("Saturday is a leave
organization."). The frequency line for other words is the gloss stage's ``common_zipf``
(see ``docs/glossing.md``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from easyread.data import read_lines

#: A number, an ordinal, a year or decade, a time or a numeric date, alone.
_NUMERIC = re.compile(
    r"(?:\d[\d,.]*(?:st|nd|rd|th|s|am|pm|%)?|\d{1,2}[:/.-]\d{1,2}(?:[:/.-]\d{2,4})?)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """The lower-case words of ``never_explain.txt``."""
    return frozenset(w.lower() for w in read_lines("never_explain.txt"))


def never_explain(term: str) -> bool:
    """True for a term made only of calendar words, number words and numbers.

    >>> [never_explain(t) for t in ("Saturday", "5 March 2024", "1990s", "third", "DEC", "May Day")]
    [True, True, True, True, False, False]
    """
    words = [w for w in re.split(r"[\s,]+", term.strip()) if w]
    if not words:
        return False
    # An all-capital word is an acronym (APR, DEC), not a month.
    return all((w.lower() in calendar_words() and not (len(w) > 1 and w.isupper()))
               or _NUMERIC.fullmatch(w) for w in words)


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """The lower-case words of ``everyday.txt``."""
    return frozenset(w.lower() for w in read_lines("everyday.txt"))


def everyday(term: str) -> bool:
    """True for a term most adult readers know (``research``, ``tax``, ``social media``): a
    glossary match of it is neither explained nor listed; a longer term holding it (``income
    tax``) still is.

    >>> [everyday(t) for t in ("research", "Tax", "income tax", "coroner", "social media")]
    [True, True, False, False, True]
    """
    return " ".join(term.lower().split()) in everyday_words()

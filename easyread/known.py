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


@lru_cache(maxsize=1)
def several_senses() -> frozenset[str]:
    """One-word built-in glossary terms with several common senses
    (``data/glossary_senses.tsv``, built by ``tools/build_sense_data.py`` from WordNet 3.0 and
    SemCor): the gloss stage explains one only next to a cue word of its entry's sense.

    >>> sorted({"benefit", "policy", "tax", "jury"} & several_senses())
    ['benefit', 'policy']
    """
    rows = read_lines("glossary_senses.tsv")
    return frozenset(r.split("\t", 1)[0].lower() for r in rows[1:])


@lru_cache(maxsize=1)
def _phrase_table() -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[str, frozenset[str]]]:
    by_word: dict[str, list[tuple[str, ...]]] = {}
    keeps: dict[str, frozenset[str]] = {}
    for line in read_lines("wordnet_mwe.tsv"):
        phrase, _, kept = line.lower().partition("\t")
        words = tuple(phrase.split())
        keeps[" ".join(words)] = frozenset(kept.split())
        for w in set(words):
            by_word.setdefault(w, []).append(words)
    return {w: tuple(v) for w, v in by_word.items()}, keeps


def wordnet_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """WordNet multiword expressions (``data/wordnet_mwe.tsv``) by each of their words."""
    return _phrase_table()[0]


def phrase_changes_sense(phrase: str, word: str) -> bool:
    """True when ``word`` (one of ``phrase``'s words, or its base form) does not keep its own
    sense in the WordNet phrase: it stands before the last word and the phrase's WordNet
    definition does not use it (``monarch butterfly``, ``trial court``; not ``armed
    robbery``'s ``robbery``, nor ``probation officer``'s ``probation``).

    >>> [phrase_changes_sense(p, w) for p, w in (("monarch butterfly", "monarch"),
    ...  ("armed robbery", "robbery"), ("probation officer", "probation"))]
    [True, False, False]
    """
    words = phrase.split()
    return bool(words) and words[-1] != word and word not in _phrase_table()[1].get(phrase, frozenset())


#: Words that make the first two words of a longer WordNet phrase too loose a match
#: (``desire to`` of ``desire to know``, ``scourge of`` of ``scourge of God``).
_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with",
                             "at", "by", "from", "up", "out", "off"})


def in_wordnet_phrase(words: list[str], index: int, forms: tuple[str, ...] = ()) -> str:
    """The WordNet multiword expression that token ``index`` of ``words`` is part of (``trial
    court``, ``acute angle``; a phrase of three or more words also when its first two words stand
    here: ``acquired immune`` of ``acquired immune deficiency syndrome``), or ``""``. ``forms`` are
    other forms of the word to look up (its base form).

    >>> in_wordnet_phrase("the trial court ruled".split(), 1)
    'trial court'
    >>> in_wordnet_phrase("an acquired immune problem".split(), 1)
    'acquired immune deficiency syndrome'
    >>> in_wordnet_phrase("the trial began".split(), 1)
    ''
    """
    lowered = [w.lower() for w in words]
    table = wordnet_phrases()
    for form in (lowered[index], *forms):
        for phrase in table.get(form, ()):
            for k, word in enumerate(phrase):
                if word != form:
                    continue
                start = index - k
                if start < 0:
                    continue
                here = lowered[start:start + len(phrase)]
                here[k] = form
                if here == list(phrase):
                    return " ".join(phrase)
                if (len(phrase) >= 3 and k < 2 and len(here) >= 2 and here[:2] == list(phrase[:2])
                        and not set(phrase[:2]) & _FUNCTION_WORDS):
                    return " ".join(phrase)  # "sexually transmitted", not "desire to"
    return ""

"""The meaning guard: an edit may reword a sentence, never lose a fact.

A *fact* is a number, a name or a negation of the sentence before the edit. After the edit
every fact must still be there (as often as before), unless the edit is the rule that
converts it (a ``numbers.*`` rule turning ``140,000`` into ``140 thousand`` records that
conversion itself). Only ``split.drop_aside.*`` may drop a fact, and it records what it
dropped. The guard is pure: it reads two strings and says what went missing.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from dataclasses import dataclass

from easyread.data import number_words
from easyread.nlp import tokenize

#: Words that turn a statement round. Losing one inverts the meaning.
NEGATIONS: frozenset[str] = frozenset(
    {"not", "no", "never", "n't", "nobody", "nothing", "none", "neither", "nor", "without"}
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITAL_FUNCTION_WORDS = frozenset(
    {"I", "A", "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "You"}
)


@dataclass(frozen=True)
class Facts:
    """What the guard protects in one text."""

    numbers: Counter[str]
    names: Counter[str]
    negations: Counter[str]


def _number_key(text: str) -> str:
    """``140,000`` and ``140000`` are the same number."""
    return text.replace(",", "")


#: The facts of this many texts are remembered (the guard checks each sentence against every
#: edit proposed for it); a text's :class:`Facts` is shared, so it must not be changed.
FACTS_MEMO_SIZE = 4_096
_facts_memo: dict[str, Facts] = {}


def facts(text: str) -> Facts:
    """Numbers, names (capitalised words not at a sentence start) and negations (remembered
    for the last :data:`FACTS_MEMO_SIZE` texts; see :func:`facts_of`)."""
    found = _facts_memo.get(text)
    if found is None:
        found = facts_of(text)
        memo = _facts_memo
        if len(memo) >= FACTS_MEMO_SIZE:
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread
                del memo[next(iter(memo))]
        memo[text] = found
    return found


def facts_of(text: str) -> Facts:
    """Numbers, names (capitalised words not at a sentence start) and negations.

    >>> f = facts_of("Mr Javid said 140,000 accounts were not safe.")
    >>> sorted(f.numbers), sorted(f.names), sorted(f.negations)
    (['140000'], ['Javid'], ['not'])
    """
    numbers: Counter[str] = Counter()
    names: Counter[str] = Counter()
    negations: Counter[str] = Counter()
    sentence_start = True
    for tok in tokenize(text):
        word = tok.text
        if tok.kind == "punct" and word in {".", "!", "?", ":", "•", "“", '"', "‘"}:
            sentence_start = True
            continue
        if tok.kind == "number":
            for m in _NUMBER.finditer(word):
                numbers[_number_key(m.group())] += 1
        elif tok.kind == "word":
            lower = word.lower().replace("’", "'")
            value = number_words().get(lower)
            if value is not None and lower != "one":
                numbers[str(value)] += 1
            if lower in NEGATIONS:
                negations[lower] += 1
            elif lower.endswith("n't"):
                negations["n't"] += 1
            if (
                not sentence_start
                and word[:1].isupper()
                and word not in _CAPITAL_FUNCTION_WORDS
                and word not in {"Mr", "Mrs", "Ms", "Dr"}
            ):
                names[word] += 1
        if tok.kind in ("word", "number"):
            sentence_start = False
    return Facts(numbers, names, negations)


def missing(before: str, after: str) -> list[str]:
    """The facts of ``before`` that ``after`` lost, as ``kind:value`` strings.

    Names are compared case-blind (a split may move a name to the start of a sentence), and a
    fact may move anywhere in the result.

    >>> missing("It is not 24 km.", "It is 24 km.")
    ['negation:not']
    >>> missing("Sajid Javid, the Home Secretary, said it.",
    ...         "Sajid Javid is the Home Secretary. He said it.")
    []
    """
    b, a = facts(before), facts(after)
    lost: list[str] = []
    for value, count in b.numbers.items():
        if a.numbers[value] < count:
            lost.append(f"number:{value}")
    after_words = Counter(t.text.lower() for t in tokenize(after) if t.kind == "word")
    for value, count in b.names.items():
        if after_words[value.lower()] < count:
            lost.append(f"name:{value}")
    for value, count in b.negations.items():
        if a.negations[value] < count:
            lost.append(f"negation:{value}")
    return lost


def allowed_loss(lost: list[str], replaced: str, rule_id: str) -> list[str]:
    """Drop from ``lost`` what the rule itself converts: the numbers inside its own span.

    >>> allowed_loss(["number:140000"], "140,000", "numbers.round_large.v1")
    []
    >>> allowed_loss(["number:140000"], "140,000", "words.lexicon.v1")
    ['number:140000']
    >>> allowed_loss(["number:40"], "forty percent", "numbers.percent.v2")
    []
    """
    if not rule_id.startswith("numbers."):
        return lost
    own = {f"number:{_number_key(m.group())}" for m in _NUMBER.finditer(replaced)}
    # Number words it converts too (``forty percent`` -> ``2 in 5``), as :func:`facts` counts them.
    own |= {f"number:{value}" for value in facts(replaced).numbers}
    own |= {f"name:{w}" for w in replaced.split() if w[:1].isupper()}
    return [item for item in lost if item not in own]

"""words stage: (input, expected, rule id) rows, with a small pinned table (not the shipped data)."""

from __future__ import annotations

import re

import pytest

from easyread.rewrite import words
from easyread.rewrite.rules import demo

RULES = {spec.id: spec.func for spec in words.RULES}

LEXICON = {
    ("commence", "VERB"): ["start"],
    ("utilise", "VERB"): ["use"],
    ("purchase", "VERB"): ["buy"],
    ("purchase", "NOUN"): ["buy"],
    ("residence", "NOUN"): ["home"],
    ("assist", "VERB"): ["help"],
    ("abode", "NOUN"): ["home"],
    ("ominous", "ADJ"): ["worrying"],
}
PHRASES = {"prior to": "before", "in order to": "to", "in the space of": "in", "at this point in time": "now"}

EXAMPLES = [
    ("Prior to the vote, they met.", "Before the vote, they met.", "words.phrase.v1"),
    ("They met in order to talk.", "They met to talk.", "words.phrase.v1"),
    ("It doubled in the space of 4 years.", "It doubled in 4 years.", "words.phrase.v1"),
    ("At this point in time we wait.", "Now we wait.", "words.phrase.v1"),
    ("Work commenced in May.", "Work started in May.", "words.lexicon.v1"),
    ("The team is utilising new tools.", "The team is using new tools.", "words.lexicon.v1"),
    ("They will assist the police.", "They will help the police.", "words.lexicon.v1"),
    ("They sold their residences.", "They sold their homes.", "words.lexicon.v1"),
    ("The prize went to Sam Purchase.", "The prize went to Sam Purchase.", "words.lexicon.v1"),
]


@pytest.fixture(autouse=True)
def pinned_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(words, "_lexicon", lambda: LEXICON)
    pattern = re.compile(
        r"(?<![\w’'-])(" + "|".join(sorted(map(re.escape, PHRASES), key=len, reverse=True)) + r")(?![\w’'-])",
        re.IGNORECASE,
    )
    monkeypatch.setattr(words, "_phrase_pattern", lambda: (pattern, PHRASES))
    monkeypatch.setattr(words, "phrases_table", lambda: [{"phrase": p} for p in PHRASES])


@pytest.mark.parametrize(("text", "expected", "rule_id"), EXAMPLES)
def test_rule(text: str, expected: str, rule_id: str) -> None:
    assert demo(RULES[rule_id], text) == expected


def test_every_rule_has_rows() -> None:
    assert {r for _, _, r in EXAMPLES} == set(RULES)


def test_keep_list_blocks_a_swap() -> None:
    from dataclasses import replace

    from easyread.config import Config
    from easyread.document import Sentence, retokenize
    from easyread.rewrite.rules import RuleContext

    sentence = Sentence("s", "Work commenced in May.")
    retokenize(sentence)
    config = replace(Config(), keep=("commence",))
    assert words.lexicon(sentence, RuleContext(config)) == []


@pytest.mark.parametrize(("plain", "tag", "expected"),
                         [("start", "VBD", "started"), ("use", "VBG", "using"),
                          ("home", "NNS", "homes"), ("find out", "VBD", "found out")])
def test_inflect(plain: str, tag: str, expected: str) -> None:
    assert words.inflect(plain, tag) == expected


@pytest.mark.parametrize(
    ("word", "tag", "expected"),
    [
        ("ominous", "NN", "ADJ"),  # an adjective-only ending mis-tagged as a noun
        ("relentless", "VBP", "ADJ"),
        ("ominous", "JJ", "ADJ"),
        ("table", "NN", "NOUN"),  # -able, but no ADJ entry: the tag stands
        ("ominous", "NNP", None),  # a name is never read as an adjective
        ("ominous", "NNS", "NOUN"),
    ],
)
def test_lexicon_pos(word: str, tag: str, expected: str | None) -> None:
    assert words.lexicon_pos(word, tag) == expected


def test_mistagged_adjective_is_swapped() -> None:
    from easyread.config import Config
    from easyread.document import Sentence, retokenize
    from easyread.rewrite.rules import RuleContext

    sentence = Sentence(id="s", text="The signs were ominous.")
    retokenize(sentence)
    ctx = RuleContext(Config())
    ctx._tags, ctx._tagged = ["DT", "NNS", "VBD", "NN", "."], sentence
    (proposal,) = words.lexicon(sentence, ctx)
    assert proposal.replacement == "worrying"

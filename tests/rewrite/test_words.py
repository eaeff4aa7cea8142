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


# --- issue 10: context limits of words.lexicon.v1 (data/lexicon_context.toml) -----------------
from easyread.rewrite.words import finite_past, plain_fits_slot, slot_allows, slot_limits  # noqa: E402


def test_slot_limits_read_from_data() -> None:
    limits = slot_limits()
    assert {"therefore", "thus", "hence"} <= limits.clause_start
    assert "get" in limits.no_passive and "rest" in limits.no_plural
    assert "regulation" in limits.plural_only and "more" in limits.no_article


@pytest.mark.parametrize(("text", "index", "allowed"), [
    ("It is therefore important .", 2, False),
    ("Therefore , we left .", 0, True),
    ("It rained , therefore we left .", 3, True),
    ("It rained and thus we left .", 3, True),
    ("We have not seen it thus far .", 5, True),
    ("Whether it works remains to be seen .", 3, False),
])
def test_slot_allows_clause_start_and_fixed_phrases(text: str, index: int, allowed: bool) -> None:
    texts = text.split()
    hard = {"therefore": "therefore", "thus": "thus", "remains": "remain"}[texts[index].lower()]
    assert slot_allows(texts, ["NN"] * len(texts), index, hard) is allowed


def test_a_verb_tag_after_a_determiner_is_a_noun() -> None:
    texts = ["They", "gave", "their", "consent", "today", "."]
    tags = ["PRP", "VBD", "PRP$", "VBP", "NN", "."]
    assert slot_allows(texts, tags, 3, "consent") is False
    tags[2] = "PRP"
    assert slot_allows(["They", "saw", "her", "consent", "today", "."], tags, 3, "consent") is True


def test_plain_fits_slot() -> None:
    assert plain_fits_slot("get", ["It", "was", "acquired", "by", "a", "bank", "."], [], 2, "VBN") is False
    assert plain_fits_slot("get", ["She", "acquired", "a", "taste", "."], [], 1, "VBD") is True
    assert plain_fits_slot("rest", ["the", "remainders"], [], 1, "NNS") is False
    assert plain_fits_slot("more", ["An", "additional", "cost"], [], 1, "JJ") is False
    assert plain_fits_slot("come from", ["They", "originate", "in", "Africa"], [], 1, "VBP") is False
    assert plain_fits_slot("go on", ["He", "proceeded", "to", "Paris"], [], 1, "VBD") is True


def test_finite_past_only_after_the_opening_subject() -> None:
    texts = ["The", "unrest", "escalated", "at", "night", "."]
    assert finite_past(texts, ["DT", "NN", "VBN", "IN", "NN", "."], 2, "VBN") == "VBD"
    assert finite_past(["It", "had", "escalated", "."], ["PRP", "VBD", "VBN", "."], 2, "VBN") == "VBN"

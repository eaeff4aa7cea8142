"""easyread.rewrite.split.parsed: the parse of a sentence, aligned with easyread's tokens."""

from __future__ import annotations

import pytest

from easyread import syntax
from easyread.config import Config
from easyread.document import Sentence, retokenize
from easyread.rewrite.rules import RuleContext
from easyread.rewrite.split.parsed import sentence_parse, token_at

pytestmark = pytest.mark.skipif(not syntax.model_available(), reason="parser model or spaCy not installed")


def _sentence(text: str) -> Sentence:
    sentence = Sentence("s", text)
    retokenize(sentence)
    return sentence


def test_token_at_is_the_parser_token_starting_with_easyreads_token() -> None:
    sentence = _sentence("The council closed the old library.")
    ctx = RuleContext(Config())
    for index, token in enumerate(sentence.tokens):
        parsed = token_at(sentence, ctx, index)
        assert parsed is not None and parsed.idx == token.start and parsed.text == token.text
    root = token_at(sentence, ctx, 2)
    assert root is not None and root.text == "closed" and root.dep_ == "ROOT"


def test_token_at_past_the_end_is_none() -> None:
    sentence = _sentence("Crimes rose.")
    assert token_at(sentence, RuleContext(Config()), len(sentence.tokens)) is None


def test_the_parse_is_memoised_in_the_context_cache() -> None:
    sentence = _sentence("The plan starts in the spring.")
    ctx = RuleContext(Config())
    first = sentence_parse(sentence, ctx)
    assert first is not None and ctx.cache
    assert sentence_parse(sentence, ctx) is first

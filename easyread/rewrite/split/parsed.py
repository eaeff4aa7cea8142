"""The parse of a sentence, for the split rules of both families (memoised per sentence text)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from easyread.document import Sentence
from easyread.rewrite.rules import RuleContext

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from easyread.syntax import Parse


def sentence_parse(sentence: Sentence, ctx: RuleContext) -> Parse | None:
    """The sentence's parse, or None when the parser cannot be loaded."""
    from easyread import syntax

    if not syntax.model_available():
        return None
    return syntax.parse_tokens(sentence.tokens, sentence.text, ctx.cache)


def token_at(sentence: Sentence, ctx: RuleContext, index: int) -> Token | None:
    """The parser's token that starts where easyread's token ``index`` starts (None: no parse)."""
    parse = sentence_parse(sentence, ctx)
    if parse is None or index >= len(sentence.tokens):
        return None
    start = sentence.tokens[index].start
    for k, (s, _e) in enumerate(parse.spans):
        if s == start:
            return parse.doc[k]
    return None

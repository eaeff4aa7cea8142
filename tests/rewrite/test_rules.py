"""easyread.rewrite.rules: how a stage applies its rules' proposals (issue 16: no stale offsets)."""

from __future__ import annotations

import pytest

from easyread.config import load_config
from easyread.document import Sentence, replay
from easyread.pipeline import Context, document_from_text
from easyread.rewrite.rules import Proposal, RuleContext, RuleSpec, apply_replacements, demo

TEXT = "The big plan failed."
BIG = (4, 7)


def _insert_before_big(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    return [Proposal((4, 4), "very ", "test.insert.v1", "an insertion before 'big'")]


def _replace_big(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    return [Proposal(BIG, "large", "test.replace.v1", "'big' replaced")]


def _replace_failed(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    return [Proposal((13, 19), "went wrong", "test.tail.v1", "'failed' replaced")]


@pytest.mark.parametrize("order", ["insert-first", "replace-first"])
def test_insertion_and_replacement_at_one_offset(order: str) -> None:
    """Proposals are found on one text; applied right to left, each still at its offsets.

    An insertion ``(4, 4)`` and a replacement ``(4, 7)`` start at the same offset: whichever
    rule comes first, the replacement must not overwrite the inserted text.
    """
    rules = [RuleSpec("test.insert.v1", _insert_before_big), RuleSpec("test.replace.v1", _replace_big),
             RuleSpec("test.tail.v1", _replace_failed)]
    if order == "replace-first":
        rules[:2] = rules[1::-1]
    doc = document_from_text(TEXT)
    apply_replacements(doc, Context(load_config(use_project=False)), rules, "test")
    assert [s.text for s in doc.sentences()] == ["The very large plan went wrong."]
    assert replay({"b1.s1": TEXT}, ["b1.s1"], doc.edits) == ["The very large plan went wrong."]
    for edit in doc.edits:
        assert edit.before in TEXT


def test_demo_applies_the_same_way() -> None:
    def both(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
        return _insert_before_big(sentence, ctx) + _replace_big(sentence, ctx)

    assert demo(both, TEXT) == "The very large plan failed."

"""Regressions found by running the whole pipeline over real articles (batch benchmark)."""

from __future__ import annotations

import pytest

from easyread.api import rewrite


@pytest.mark.parametrize("profile", ["plain", "easy-read"])
def test_sentence_ending_in_a_comma_does_not_crash(profile: str) -> None:
    """A paragraph cut after 'says Rick Hughes,' (no final full stop) crashed split.attribution."""
    text = ("Title\nOffice chit-chat may seem like a waste of time, but it helps to cushion us. "
            "“If you form connections with your team, you might be stressed but not isolated,” "
            "says Rick Hughes,")
    doc = rewrite(text, profile=profile)
    assert "“If you form connections with your team, you might be stressed but not isolated,”" in doc.text()


def test_words_stage_leaves_multi_word_glossary_terms_whole() -> None:
    """'independent evaluation' used to become 'independent review' before the gloss stage
    could explain it (issue 4 asks for it to be explained at first use)."""
    doc = rewrite("Title\nMr Javid will say an independent evaluation shows a rise.", profile="easy-read")
    assert "independent evaluation shows" in doc.text()
    assert any(g.term.lower() == "independent evaluation" for g in doc.glossary)

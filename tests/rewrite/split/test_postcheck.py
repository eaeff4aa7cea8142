"""The post-condition that every split makes sentences: fragment_reason and list_reason.

These run the shipped parser (``easyread/models/en_ewt_parser.spacy.gz``).
"""

from __future__ import annotations

import pytest

from easyread import syntax
from easyread.rewrite.split.postcheck import fragment_reason, list_reason

pytestmark = pytest.mark.skipif(not syntax.model_available(), reason="parser model or spaCy not installed")


@pytest.mark.parametrize(
    "fragment",
    [
        # From the blind review in issue 9: splits that made fragments.
        "If someone managed to shut the system down.",
        "Or hack inside the computers of the company.",
        "Treasury Board letters, agendas and minutes that don't deal with subjects of national interest.",
        "When the results were announced on Thursday.",
        "Because the council had run out of money.",
        "The mayor of the city, who was elected in 2019 with a large majority.",
        "Then her highly expected series of concerts at the Hammersmith Apollo in London.",
        ", at first, I thought it was a display.",
        "But that I probably had broken bones.",
        # review 4 (OneStopEnglish output): a noun with only a passive participle, a bare "that"
        "A decision criticised by many local residents.",
        "Police think that late on Friday evening.",
        "But with an exemption from the ban on the chewing of coca leaves.",
    ],
)
def test_postcheck_refuses_fragments(fragment: str) -> None:
    assert fragment_reason(fragment) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The council will close the library.",
        "The storm damaged hundreds of homes across the region.",
        "Many families are still living in hotels.",
        "Call the helpline if you are worried.",
        "She was tired.",
        "There are 3 new schools in the town.",
        "The Home Office said this.",
        # real sentences the parser reads with a noun for a root (the tagger sees the verb)
        "The first German pope in modern times timed his departure to the minute.",
        "The site levies a 4% fee for successful campaigns.",
        "Several European countries favoured high-value banknotes.",
        "This is according to figures got by the charity.",
        "The decision was criticised by many local residents.",
        "Police think that the shop was closed.",
    ],
)
def test_postcheck_accepts_sentences(sentence: str) -> None:
    assert fragment_reason(sentence) is None


@pytest.mark.parametrize(("text", "items"), [
    ("You need three things: a pen, a ruler and a book.", ["a pen", "a ruler", "a book"]),
    ("The council will close the library, the pool and the park.", ["the library", "the pool", "the park"]),
    ("Police found guns, knives and drugs.", ["guns", "knives", "drugs"]),
])
def test_list_reason_accepts_noun_phrases_after_a_verb_or_colon(text: str, items: list[str]) -> None:
    assert list_reason(text, items) is None


def test_list_reason_refuses_the_object_of_a_preposition() -> None:
    text = "Smokers can use products such as gums, patches and mouth sprays."
    assert list_reason(text, ["gums", "patches", "mouth sprays"]) == "the list follows 'as', not a verb or a colon"


def test_list_reason_refuses_clauses() -> None:
    text = "The storm hit the town, killing three people or injuring more."
    assert list_reason(text, ["killing three people", "injuring more"]) == "'killing' heads a clause, not a noun phrase"


def test_list_reason_refuses_items_missing_or_out_of_order() -> None:
    text = "Police found guns, knives and drugs."
    assert list_reason(text, ["guns", "bombs"]) == "an item is not in the sentence"
    assert list_reason(text, ["knives", "guns"]) == "an item is not in the sentence"

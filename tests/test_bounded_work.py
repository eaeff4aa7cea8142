"""Bounded work on any input (issue 14): the document index, over-long sentences, the term
search, and small versions of the pathological inputs.

The bounds are checked by behaviour, never by timing: a count of the work done (list reads,
children visited) must not grow faster than the input, and what the code does with an
over-long "sentence" (leaves it, with a W606 note) is checked directly.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from golden.ledger_checks import replay_problems

from easyread.config import load_config
from easyread.document import (
    MAX_SENTENCE_WORDS,
    Block,
    Document,
    GlossEntry,
    Sentence,
    Source,
    replay,
    retokenize,
)
from easyread.pipeline import document_from_text, process
from easyread.terms import _after_the, _follows_the, detect_terms, find_organisations


class CountingList(list):  # type: ignore[type-arg]
    """A list that counts every item read (by index or by iteration)."""

    reads = 0

    def __getitem__(self, key: Any) -> Any:
        CountingList.reads += 1
        return super().__getitem__(key)

    def __iter__(self) -> Any:
        for item in super().__iter__():
            CountingList.reads += 1
            yield item


def _one_block(n: int) -> Document:
    sentences = []
    for i in range(n):
        s = Sentence(f"b1.s{i + 1}", f"First part {i}, and second part {i}.")
        retokenize(s)
        sentences.append(s)
    block = Block("b1", "paragraph", CountingList(sentences))
    return Document(Source("-", "txt", ""), blocks=[block])


def _split_all(doc: Document) -> int:
    """Split every sentence in order, as the split stage does; return the list reads."""
    CountingList.reads = 0
    ids = [s.id for s in doc.blocks[0].sentences]
    CountingList.reads = 0
    for sid in ids:
        text = doc.sentence(sid).text
        first, second = text.split(", and ")
        doc.split(sid, [first + ".", second[:1].upper() + second[1:]], rule="t.v1", reason="t")
        doc.replace(f"{sid}.2", 0, 6, "Second", rule="t.v1", reason="t")
    return CountingList.reads


def test_find_is_linear_over_a_whole_document_rewrite() -> None:
    small, large = _split_all(_one_block(200)), _split_all(_one_block(800))
    # Four times the sentences may cost four times the reads, not sixteen (a scan per edit).
    assert large <= 5 * small


def test_index_answers_like_a_scan_after_every_kind_of_edit() -> None:
    doc = document_from_text("Title\nOne. Two. Three. Four.\nFive. Six.")
    doc.split("b2.s2", ["Two a.", "Two b."], rule="t.v1", reason="t")
    doc.split("b2.s3", ["Three a.", "Three b.", "Three c."], rule="t.v1", reason="t", list_items=True)
    doc.add_gloss(GlossEntry("x", "X is x.", "b2.s1", "builtin"), rule="g.v1", reason="r",
                  explanation_sentence="X is x.")
    doc.add_gloss(GlossEntry("y", "Y is y.", "b2.s1", "builtin"), rule="g.v1", reason="r",
                  explanation_sentence="Y is y.")
    for block in doc.blocks:
        for i, s in enumerate(block.sentences):
            found_block, at = doc.find(s.id)
            assert found_block is block and at == i
    assert [s.id for s in doc.blocks[1].sentences] == [
        "b2.s1", "b2.s1.g1", "b2.s1.g2", "b2.s2.1", "b2.s2.2", "b2.s3.1"]
    with pytest.raises(KeyError):
        doc.find("b2.s2")  # split: its id is gone
    # Changed behind the doors' back: still found, never a stale answer.
    extra = Sentence("b9.s1", "Added by hand.")
    doc.blocks.append(Block("b9", "paragraph", [extra]))
    assert doc.find("b9.s1") == (doc.blocks[-1], 0)
    doc.blocks[1].sentences.insert(0, Sentence("b2.s0", "Inserted by hand."))
    assert doc.find("b2.s1") == (doc.blocks[1], 1)
    doc.blocks = list(reversed(doc.blocks))
    assert doc.find("b9.s1") == (doc.blocks[0], 0)


def test_rebase_sees_edits_appended_behind_its_back() -> None:
    doc = document_from_text("A QC told the NSPCC.")
    at = doc.mark()
    doc.replace("b1.s1", 4, 4, " (Queen's Counsel)", rule="r", reason="why")
    assert doc.rebase("b1.s1", 14, 19, since=at) == (32, 37)
    doc.edits = list(doc.edits)  # a new ledger list: indexed again
    assert doc.rebase("b1.s1", 14, 19, since=at) == (32, 37)


def test_replay_of_many_splits_and_inserts() -> None:
    doc = _one_block(300)
    source = {s.id: s.text for s in doc.blocks[0].sentences}, [s.id for s in doc.blocks[0].sentences]
    _split_all(doc)
    assert replay(*source, doc.edits) == [s.text for s in doc.sentences()]


# ----------------------------------------------------------------- over-long sentences
def test_an_over_long_sentence_is_left_as_it_is_with_a_note() -> None:
    run_on = " ".join(random.Random(1).choice(["Title", "Case", "Words", "National", "Trust"])
                      for _ in range(MAX_SENTENCE_WORDS + 50))
    text = f"Headline\nThe helpline commenced work in 2019. {run_on}.\nIt utilised forty percent."
    source = document_from_text(text)
    doc = process(document_from_text(text), load_config(profile="easy-read", use_project=False))
    long_ones = [s for s in doc.sentences() if s.text.startswith("Title") or s.text.startswith("Case")
                 or len(s.text) > 1000]
    assert len(long_ones) == 1 and long_ones[0].text == run_on + "."
    notes = [n for n in doc.notes if n.code == "W606"]
    assert [n.sentence_id for n in notes] == [long_ones[0].id]
    assert str(MAX_SENTENCE_WORDS) in notes[0].message
    assert not any(e.sentence_id == long_ones[0].id for e in doc.edits)
    assert any(e.sentence_id != long_ones[0].id for e in doc.edits)  # the rest is rewritten
    assert replay_problems(source, doc) == []


def test_a_very_long_word_is_over_long_too() -> None:
    doc = process(document_from_text("Headline\n" + "ACGT" * 2000 + "\nThe cat sat."),
                  load_config(profile="plain", use_project=False))
    assert [n.code for n in doc.notes if n.code == "W606"] == ["W606"]
    assert any(s.text == "ACGT" * 2000 for s in doc.sentences())


def test_terms_are_not_searched_in_an_over_long_sentence() -> None:
    run_on = "The NSPCC and the dark web " * 60
    doc = document_from_text(f"Headline\n{run_on}\nThe BMA met.")
    assert [t.term for t in detect_terms(doc)] == ["BMA"]


# ------------------------------------------------------------------------ term search
def test_follows_the_agrees_with_the_regular_expression() -> None:
    rnd = random.Random(3)
    words = ["the", "The", "Lucy", "Faithfull", "Foundation", "Acme", "Acme's", "A&E", "trust", "Lucy-May"]
    for _ in range(300):
        text = " ".join(rnd.choice(words) for _ in range(12)) + "."
        index = _after_the(text)
        for name in ("Lucy Faithfull Foundation", "Acme", "Acme's", "A&E", "Lucy-May", "Foundation"):
            expected = bool(re.search(rf"\bthe\s+{re.escape(name)}\b", text))
            assert _follows_the(text, name, index) == expected, (text, name)


def test_names_do_not_start_inside_a_word_or_cross_lines() -> None:
    # From every capital of one long word, the old pattern matched to its end: quadratic.
    long_name = "X" * 20_000
    assert find_organisations(long_name + ", a charity, said so.") == {
        long_name: long_name + " is a charity."}
    assert find_organisations("Acme Trust\nLimited, a charity, said so.") == {
        "Limited": "Limited is a charity."}


def test_organisations_found_in_sentences_holding_their_first_word() -> None:
    text = "Headline\n" + "\n".join(f"Acme{i}, a charity, said so. We met the Acme{i}." for i in range(40))
    terms = detect_terms(document_from_text(text))
    orgs = [t for t in terms if t.kind == "organisation"]
    assert len(orgs) == 40
    assert all(len(t.spans) == 2 for t in orgs)
    assert orgs[0].explanation == "The Acme0 is a charity."


# -------------------------------------------------------- small pathological inputs
SMALL_INPUTS = {
    "a-dot": "a. " * 400,
    "go": "go " * 2000,
    "digits": "0123456789" * 800,
    "upper-word": "QWERTYUIOPASDFGHJKLZXCVBNM" * 800,
    "dna": "".join(random.Random(2).choice("ACGT") for _ in range(20_000)),
    "title-case": " ".join(random.Random(4).choice(["Title", "Case", "Of", "The", "Trust"]) for _ in range(1500)),
    "one-word-lines": "\n".join(random.Random(5).choice(["cat", "mat", "sat"]) for _ in range(500)),
}


@pytest.mark.parametrize("name", sorted(SMALL_INPUTS))
def test_small_pathological_inputs_rewrite(name: str) -> None:
    text = "Headline\n" + SMALL_INPUTS[name] + "\n"
    source = document_from_text(text)
    doc = process(document_from_text(text), load_config(profile="easy-read", use_project=False))
    assert replay_problems(source, doc) == []
    for s in doc.sentences():
        if s.too_long():
            assert any(n.code == "W606" and n.sentence_id == s.id for n in doc.notes)

"""The document model: the three doors, protected quotations, ids, JSON round trip, replay."""

from __future__ import annotations

import pytest

from easyread.document import Document, GlossEntry, ProtectedSpanError, replay
from easyread.pipeline import document_from_text

TEXT = "Headline here\nThe minister said: “We will act now.” Then he commenced work.\n"


def make() -> Document:
    return document_from_text(TEXT)


def source_state(doc: Document) -> tuple[dict[str, str], list[str]]:
    sents = list(doc.sentences())
    return {s.id: s.text for s in sents}, [s.id for s in sents]


def test_ids_spans_and_lines() -> None:
    doc = make()
    assert [b.kind for b in doc.blocks] == ["title", "paragraph"]
    sents = doc.blocks[1].sentences
    assert [s.id for s in sents] == ["b2.s1", "b2.s2"]
    for s in sents:
        assert s.origin is not None
        assert doc.source.text[s.origin[0] : s.origin[1]] == s.text
        assert s.line == 2
    assert sents[1].column == sents[1].origin[0] - len("Headline here\n") + 1  # type: ignore[index]


def test_quotation_is_protected() -> None:
    doc = make()
    s = doc.blocks[1].sentences[0]
    at = s.text.index("act")
    with pytest.raises(ProtectedSpanError):
        doc.replace(s.id, at, at + 3, "do", rule="test.v1", reason="test")
    assert doc.edits == []


def test_replace_records_edit_and_retokenizes() -> None:
    doc = make()
    s = doc.blocks[1].sentences[1]
    at = s.text.index("commenced")
    edit = doc.replace(s.id, at, at + len("commenced"), "started", rule="words.lexicon.v1", reason="plain word")
    assert s.text == "Then he started work."
    assert "started" in s.words()
    assert edit.before == "commenced" and edit.rule == "words.lexicon.v1"


def test_split_keeps_quotes_and_ids() -> None:
    doc = document_from_text("Sajid Javid, the Home Secretary, said it was “very bad”.")
    s = next(doc.sentences())
    doc.split(s.id, ["Sajid Javid is the Home Secretary.", "He said it was “very bad”."],
              rule="split.appositive.v1", reason="one idea per sentence")
    ids = [x.id for x in doc.sentences()]
    assert ids == [f"{s.id}.1", f"{s.id}.2"]
    child = doc.sentence(f"{s.id}.2")
    assert child.protected and child.text[child.protected[0][0] : child.protected[0][1]] == "“very bad”"


def test_split_refuses_to_break_a_quote() -> None:
    doc = document_from_text("He said “we will act and we will win” today.")
    s = next(doc.sentences())
    with pytest.raises(ProtectedSpanError):
        doc.split(s.id, ["He said “we will act.", "We will win” today."], rule="t.v1", reason="t")


def test_gloss_inserts_after_first_use_and_replays() -> None:
    doc = make()
    original, order = source_state(doc)
    s = doc.blocks[1].sentences[1]
    at = s.text.index("commenced")
    doc.replace(s.id, at, at + 9, "started", rule="words.lexicon.v1", reason="plain")
    doc.add_gloss(GlossEntry("minister", "A minister is a leader in the government.", "b2.s1", "builtin"),
                  rule="gloss.first_use.v1", reason="explain", explanation_sentence="A minister is a leader in the government.")
    out = [s.text for s in doc.sentences()]
    assert out[2] == "A minister is a leader in the government."
    assert replay(original, order, doc.edits) == out
    assert doc.glossary[0].term == "minister"


def test_json_round_trip() -> None:
    doc = make()
    data = doc.to_dict()
    assert data["schema_version"] == "1.0"
    again = Document.from_dict(data)
    assert again.to_dict() == data


def test_list_items_become_blocks() -> None:
    doc = document_from_text("We need apples, pears and plums for the party tonight.")
    s = next(doc.sentences())
    doc.split(s.id, ["We need:", "apples", "pears", "plums"], rule="split.list.v1", reason="list", list_items=True)
    assert [b.kind for b in doc.blocks] == ["paragraph", "list_item", "list_item", "list_item"]


def test_public_rewrite_call_survives_the_package_import() -> None:
    """`easyread.api.rewrite` is a plain function; calling the package `easyread.rewrite`
    still works (before and after `import easyread.rewrite`) but is deprecated."""
    import easyread
    import easyread.rewrite
    from easyread.api import rewrite

    text = "Title\nThe minister commenced the work prior to the vote."
    assert rewrite(text).text() == easyread.rewrite_text(text).text()
    with pytest.deprecated_call(match="easyread.api.rewrite"):
        doc = easyread.rewrite(text, profile="plain")
    assert "started" in doc.text() and "before" in doc.text()
    assert easyread.rewrite_text("Title\nIn order to win, we ran.").text().endswith("To win, we ran.")


# ------------------------------------------------------------------ rebase (issue 16)
def _one(text: str) -> Document:
    return document_from_text(text)


def test_rebase_shifts_a_span_past_an_earlier_edit() -> None:
    doc = _one("A QC told the NSPCC.")
    sid = "b1.s1"
    at = doc.mark()
    nspcc = (14, 19)
    doc.replace(sid, 4, 4, " (Queen's Counsel)", rule="test.v1", reason="test")
    start, end = doc.rebase(sid, *nspcc, since=at) or (0, 0)
    assert doc.sentence(sid).text[start:end] == "NSPCC"
    assert doc.rebase(sid, 2, 4, since=at) == (2, 4)  # "QC" itself: the insertion is after it


def test_rebase_walks_every_edit_in_order() -> None:
    doc = _one("The NSPCC and the BBC and the NHS met.")
    sid = "b1.s1"
    at = doc.mark()
    text = doc.sentence(sid).text
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("NSPCC", "BBC", "NHS")]
    for word, span in zip(("NSPCC", "BBC", "NHS"), spans, strict=True):
        start, end = doc.rebase(sid, *span, since=at) or (0, 0)
        assert doc.sentence(sid).text[start:end] == word
        doc.replace(sid, end, end, f" ({word.lower()} in full)", rule="test.v1", reason="test")
    assert doc.sentence(sid).text == (
        "The NSPCC (nspcc in full) and the BBC (bbc in full) and the NHS (nhs in full) met."
    )
    texts, order = {sid: "The NSPCC and the BBC and the NHS met."}, [sid]
    assert replay(texts, order, doc.edits) == [doc.sentence(sid).text]


def test_rebase_edit_boundaries() -> None:
    doc = _one("one two three four.")
    sid = "b1.s1"
    at = doc.mark()
    doc.replace(sid, 4, 4, "big ", rule="test.v1", reason="test")  # insertion at the span start
    assert doc.rebase(sid, 4, 7, since=at) == (8, 11)  # "two" moved right
    mid = doc.mark()
    doc.replace(sid, 11, 11, "!", rule="test.v1", reason="test")  # insertion at the span end
    assert doc.rebase(sid, 8, 11, since=mid) == (8, 11)
    assert doc.rebase(sid, 12, 17, since=mid) == (13, 18)  # "three" after it


def test_rebase_gives_none_when_the_words_are_gone() -> None:
    doc = _one("one two three four.")
    sid = "b1.s1"
    at = doc.mark()
    doc.replace(sid, 4, 13, "2 3", rule="test.v1", reason="test")
    assert doc.rebase(sid, 8, 13, since=at) is None  # "three" was replaced
    assert doc.rebase(sid, 0, 3, since=at) == (0, 3)
    assert doc.rebase(sid, 14, 18, since=at) == (8, 12)
    inside = _one("one two three.")
    mark = inside.mark()
    inside.replace(sid, 5, 5, "X", rule="test.v1", reason="test")  # inside "two"
    assert inside.rebase(sid, 4, 7, since=mark) is None


def test_rebase_ignores_other_sentences_and_inserts_and_stops_at_splits() -> None:
    doc = _one("Calls to the NSPCC rose. It was a long day and it was a hard day.")
    at = doc.mark()
    doc.replace("b1.s2", 0, 2, "This", rule="test.v1", reason="test")
    doc.add_gloss(
        GlossEntry("NSPCC", "The NSPCC is a charity.", "b1.s1", "builtin"),
        rule="test.v1", reason="test", explanation_sentence="The NSPCC is a charity.",
    )
    assert doc.rebase("b1.s1", 13, 18, since=at) == (13, 18)
    doc.split("b1.s2", ["This was a long day.", "It was a hard day."], rule="test.v1", reason="t")
    assert doc.rebase("b1.s2", 0, 4, since=at) is None
    with pytest.raises(ValueError):
        doc.rebase("b1.s1", 0, 1, since=len(doc.edits) + 1)


def test_json_round_trip_with_scores() -> None:
    """Typed scores survive the JSON: from_dict rebuilds Scores, to_dict writes the same."""
    from easyread.config import load_config
    from easyread.pipeline import process
    from easyread.score import Scores

    doc = process(document_from_text("Title\n\nThe minister commenced the work. It was hard."),
                  load_config(profile="plain", use_project=False))
    data = doc.to_dict()
    again = Document.from_dict(data)
    assert set(again.scores) == {"before", "after"}
    assert all(isinstance(s, Scores) for s in again.scores.values())
    assert again.to_dict() == data

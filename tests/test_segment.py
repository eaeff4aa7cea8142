"""easyread.segment: blocks into sentences with ids, positions, tokens and quotations."""

from __future__ import annotations

from easyread.read import from_text
from easyread.segment import quote_spans, segment


def test_quote_spans_cover_the_quotation() -> None:
    text = "He said: “We will act.” Then he left."
    (start, end), = quote_spans(text)
    assert text[start:end].startswith("“We will act.")


def test_sentences_get_ids_lines_and_columns() -> None:
    doc = segment(from_text("Title\n\nOne sentence here. Two sentences here.\n", path="a.txt"))
    sentences = list(doc.sentences())
    assert [s.id for s in sentences] == ["b1.s1", "b2.s1", "b2.s2"]
    assert [s.text for s in sentences][1:] == ["One sentence here.", "Two sentences here."]
    assert [(s.line, s.column) for s in sentences][1:] == [(3, 1), (3, 20)]
    assert [t for t in sentences[1].tokens] and doc.source.text[slice(*sentences[2].origin)] == "Two sentences here."


def test_quotations_are_protected_in_sentence_offsets() -> None:
    doc = segment(from_text("Title\n\nHe said: “We will act.” Then he left.\n"))
    first = next(s for s in doc.sentences() if s.text.startswith("He said"))
    assert first.protected
    start, end = first.protected[0]
    assert first.text[start:end].startswith("“We will act.")


def test_tokens_false_leaves_tokens_empty() -> None:
    doc = segment(from_text("Title\n\nOne sentence here.\n"), tokens=False)
    assert all(s.tokens == [] for s in doc.sentences())

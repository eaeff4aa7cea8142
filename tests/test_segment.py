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


def test_a_quotation_over_several_paragraphs_protects_the_middle_ones() -> None:
    # UK style: the quotation opens in one paragraph and closes in a later one; a middle
    # paragraph has no marks of its own but is still the speaker's words (never rewritten).
    text = ("Title\n\nShe wrote: “I have a request for all of you.\n\n"
            "We will commence at eight.\n\nThank you all.”\n\nThe council will commence work.\n")
    doc = segment(from_text(text))
    by_text = {s.text: s for s in doc.sentences()}
    middle = by_text["We will commence at eight."]
    assert middle.protected == [(0, len(middle.text))]
    after = by_text["The council will commence work."]
    assert after.protected == []


def test_rewrite_leaves_a_middle_quoted_paragraph_alone() -> None:
    from easyread.config import load_config
    from easyread.pipeline import document_from_text, process
    from easyread.report.document import to_text

    text = "A title\n\nShe wrote: “I have a request for all of you.\n\nWe will commence at eight.\n\nThank you.”\n"
    out = to_text(process(document_from_text(text), load_config(profile="easy-read", use_project=False)))
    assert "We will commence at eight." in out

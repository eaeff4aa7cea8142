"""easyread.report.document: text, Markdown, the ledger and --lines output of a rewrite."""

from __future__ import annotations

from easyread.config import load_config
from easyread.pipeline import document_from_text, process
from easyread.report.document import ledger, one_line, rewrite_lines, to_markdown, to_text

ARTICLE = "Title\n\nThe minister commenced the work prior to the vote.\n\nIt was late."


def test_text_is_one_block_a_line() -> None:
    assert to_text(document_from_text(ARTICLE)) == (
        "Title\nThe minister commenced the work prior to the vote.\nIt was late.\n"
    )


def test_markdown_has_the_title_as_heading() -> None:
    md = to_markdown(document_from_text(ARTICLE))
    assert md.startswith("# Title\n") and md.endswith("It was late.\n")


def test_ledger_lists_edits_then_notes() -> None:
    doc = process(document_from_text(ARTICLE), load_config(use_project=False), score=False)
    lines = ledger(doc).splitlines()
    assert len(lines) == len(doc.edits) + len(doc.notes)
    rows = [line.split("\t") for line in lines]
    assert all(r[0] == "b2.s1" and r[1].startswith("words.") for r in rows)
    assert {r[2] for r in rows} == {"'prior to' -> 'before'", "'commenced' -> 'started'"}
    assert ledger(document_from_text(ARTICLE)) == ""


def test_one_line_joins_every_sentence() -> None:
    assert one_line(document_from_text(ARTICLE)) == (
        "Title The minister commenced the work prior to the vote. It was late."
    )


def test_rewrite_lines_keeps_one_line_per_input_line() -> None:
    config = load_config(use_project=False)
    out = list(rewrite_lines(["The minister commenced the work.\n", "   \n", "Prior to the vote, we ran.\r\n"], config))
    assert out == ["The minister started the work.", "", "Before the vote, we ran."]

"""Invariants on every golden case (Black, pySBD): replay, idempotence, no-op, guard, quotes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))

from goldencases import STAGES, all_cases, output_of, parse, run

from easyread.config import load_config
from easyread.document import Document, replay
from easyread.pipeline import document_from_text, process
from easyread.rewrite.guard import missing
from easyread.rewrite.output import to_text

CASES = all_cases()


def _source_sentences(text: str) -> tuple[dict[str, str], list[str]]:
    doc = document_from_text(text)
    order = [s.id for b in doc.blocks for s in b.sentences]
    return {s.id: s.text for b in doc.blocks for s in b.sentences}, order


def _quotes(doc: Document) -> list[str]:
    return [s.text[a:b] for b in doc.blocks for s in b.sentences for a, b in s.protected]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_replay_gives_output(path: Path) -> None:
    case = parse(path)
    doc = run(case)
    texts, order = _source_sentences(case.input)
    replayed = replay(texts, order, doc.edits)
    assert replayed == [s.text for b in doc.blocks for s in b.sentences]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_second_run_makes_no_edits(path: Path) -> None:
    case = parse(path)
    first = output_of(run(case))
    again = run(type(case)(case.path, first, case.config, "", []))
    assert [e.rule for e in again.edits] == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_empty_pipeline_is_identity(path: Path) -> None:
    case = parse(path)
    doc = process(document_from_text(case.input), load_config(use_project=False), stages=[],
                  score=False)
    assert to_text(doc).rstrip("\n") == case.input
    assert doc.edits == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_meaning_guard_holds(path: Path) -> None:
    """Every number, name and negation survives each edit, unless the edit's rule converts it
    (``numbers.*``) or records what it dropped (``split.drop_aside.*``)."""
    case = parse(path)
    doc = run(case)
    texts, _ = _source_sentences(case.input)
    for edit in doc.edits:
        before = texts.get(edit.sentence_id, edit.before)
        if edit.op == "split":
            assert edit.parts is not None
            after = " ".join(edit.parts)
            texts.update({f"{edit.sentence_id}.{n}": p for n, p in enumerate(edit.parts, 1)})
        else:
            start, end = edit.span
            after = before[:start] + edit.after + before[end:]
            texts[edit.sentence_id] = after
        if edit.rule.startswith("numbers.") or edit.rule.startswith("split.drop_aside."):
            continue
        assert missing(before, after) == [], edit


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_quotes_unchanged(path: Path) -> None:
    case = parse(path)
    source = document_from_text(case.input)
    doc = run(case)
    out = output_of(doc)
    for quote in _quotes(source):
        assert quote in out
    assert set(STAGES) <= {"numbers", "words", "split"}

"""The one golden runner: every case (``cases/*.txt`` and ``cases/gloss/*.txt``) is checked
against its expected output and edits, and every case is held to the invariants (Black, pySBD).
``pytest --update-golden`` rewrites the expected sections (review the diff).

Each case runs twice: through the stages it pins (:func:`goldencases.stages_of`: numbers,
words and split; a gloss case the gloss stage or the stages its config lists) and through the
whole default pipeline. On both runs:

* replaying the ledger on the source gives the output;
* what the gloss stage wrote into a sentence is there intact (replay alone cannot see a
  stale offset: the ledger records it, and replays to the same garbled text — issue 16);
* every number, name and negation survives each edit (the meaning guard);
* quotations come through unchanged.

And on the whole pipeline: a second run makes no edits; an empty pipeline changes nothing.
The same invariants on real articles are in ``tests/test_invariants.py``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from golden.goldencases import (
    PIPELINE,
    Case,
    all_cases,
    every_case,
    gloss_cases,
    output_of,
    parse,
    render,
    run,
)
from golden.ledger_checks import (
    expansion_problems,
    gloss_problems,
    guard_problems,
    quotations,
    replay_problems,
    second_run_allowed,
)

from easyread.config import load_config
from easyread.document import Document
from easyread.pipeline import document_from_text, process
from easyread.report.document import to_text
from easyread.rewrite import STAGES as REGISTERED

CASES = every_case()
RUNS = ("pinned", "pipeline")


@cache
def _case(path: Path) -> Case:
    return parse(path)


@cache
def _run(path: Path, which: str) -> Document:
    """The case's document after its pinned stages or the whole pipeline (computed once; the
    tests only read it)."""
    return run(_case(path), stages=None if which == "pinned" else PIPELINE)


def _source(path: Path) -> Document:
    return document_from_text(_case(path).input)


def test_enough_cases() -> None:
    assert len(all_cases()) >= 60
    assert len(gloss_cases()) >= 6


def test_every_stage_is_covered() -> None:
    assert set(PIPELINE) == set(REGISTERED)
    assert "gloss" in PIPELINE


# ------------------------------------------------------------------ expected output
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden(path: Path, request: pytest.FixtureRequest) -> None:
    case = _case(path)
    doc = _run(path, "pinned")
    output, edits = output_of(doc), [e.rule for e in doc.edits]
    if request.config.getoption("--update-golden"):
        path.write_text(render(case, output, edits), "utf-8")
        return
    assert output == case.output
    assert edits == case.edits


# ------------------------------------------------------------------ invariants
@pytest.mark.parametrize("which", RUNS)
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_replay_gives_output(path: Path, which: str) -> None:
    assert replay_problems(_source(path), _run(path, which)) == []


@pytest.mark.parametrize("which", RUNS)
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_gloss_text_intact(path: Path, which: str) -> None:
    doc = _run(path, which)
    assert gloss_problems(_source(path), doc) == []
    assert expansion_problems(doc) == []


@pytest.mark.parametrize("which", RUNS)
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_meaning_guard_holds(path: Path, which: str) -> None:
    """Every number, name and negation survives each edit, unless the edit's rule converts it
    (``numbers.*``), records what it dropped (``split.drop_aside.*``) or writes an acronym
    out (``gloss.acronym.*``)."""
    assert guard_problems(_source(path), _run(path, which)) == []


@pytest.mark.parametrize("which", RUNS)
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_quotes_unchanged(path: Path, which: str) -> None:
    out = output_of(_run(path, which))
    for quote in quotations(_source(path)):
        assert quote in out


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_second_run_makes_no_edits(path: Path) -> None:
    case = _case(path)
    done = _run(path, "pipeline")
    first = output_of(done)
    again = run(Case(case.path, first, case.config, "", []), stages=PIPELINE)
    # only the documented exceptions (docs/rules.md, "Idempotence"), as in tests/test_fuzz.py
    assert [e.rule for e in again.edits if not second_run_allowed(e, done, again)] == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_empty_pipeline_is_identity(path: Path) -> None:
    case = _case(path)
    doc = process(document_from_text(case.input), load_config(use_project=False), stages=[],
                  score=False)
    # to_text writes one block a line: the blank lines between paragraphs are not kept.
    expected = "\n".join(x for x in case.input.splitlines() if x.strip())
    # The reader's only change to the words: line-break hyphens it joined, each in a note.
    for note in doc.notes:
        joined = re.match(r"news\.line_break_hyphen: .*“(.+)” -> “(.+)”$", note.message)
        if joined:
            expected = expected.replace(joined.group(1), joined.group(2), 1)
    assert to_text(doc).rstrip("\n") == expected
    assert doc.edits == []

"""Run every golden case; ``pytest --update-golden`` rewrites them (review the diff)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from goldencases import all_cases, output_of, parse, render, run


def test_enough_cases() -> None:
    assert len(all_cases()) >= 60


@pytest.mark.parametrize("path", all_cases(), ids=lambda p: p.stem)
def test_golden(path: Path, request: pytest.FixtureRequest) -> None:
    case = parse(path)
    doc = run(case)
    output, edits = output_of(doc), [e.rule for e in doc.edits]
    if request.config.getoption("--update-golden"):
        path.write_text(render(case, output, edits), "utf-8")
        return
    assert output == case.output
    assert edits == case.edits

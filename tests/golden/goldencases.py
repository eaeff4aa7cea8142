"""Golden rewrite cases: one behaviour per file, four marked sections (run by
``tests/golden/test_golden.py``, the one golden runner).

``--- input ---`` the text; ``--- config ---`` (optional) TOML, e.g. ``profile = "easy-read"``;
``--- output ---`` the expected text (``to_text``); ``--- edits ---`` the rule ids, in order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from easyread.config import load_config
from easyread.document import Document
from easyread.pipeline import document_from_text, process
from easyread.report.document import to_text

CASES = Path(__file__).parent / "cases"
#: The rewrite stages the cases in ``cases/*.txt`` pin (``cases/gloss/`` pins the gloss stage).
STAGES = ("numbers", "words", "split")
SECTIONS = ("input", "config", "output", "edits")
#: Every rewrite stage, in the default order (the invariants run them all).
PIPELINE: tuple[str, ...] = tuple(load_config(use_project=False).pipeline)


@dataclass
class Case:
    path: Path
    input: str
    config: dict[str, object]
    output: str
    edits: list[str]


def parse(path: Path) -> Case:
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in path.read_text("utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("--- ") and stripped.endswith(" ---") and stripped[4:-4] in SECTIONS:
            current = stripped[4:-4]
            found[current] = []
        elif current is not None:
            found[current].append(line)
    text = {k: "\n".join(v).strip("\n") for k, v in found.items()}
    return Case(
        path,
        text.get("input", ""),
        tomllib.loads(text.get("config", "")),
        text.get("output", ""),
        [e.strip() for e in text.get("edits", "").splitlines() if e.strip()],
    )


def render(case: Case, output: str, edits: list[str]) -> str:
    parts = ["--- input ---", case.input]
    if case.config:
        parts += ["--- config ---"] + [f"{k} = {v!r}".replace("'", '"') for k, v in case.config.items()]
    parts += ["--- output ---", output, "--- edits ---", *edits]
    return "\n".join(parts) + "\n"


def stages_of(case: Case) -> tuple[str, ...]:
    """The stages a case pins: ``STAGES``, or for a gloss case the gloss stage alone, or the
    stages its config lists (``stages = [...]``)."""
    if case.path.parent.name != "gloss":
        return STAGES
    listed = case.config.get("stages", ["gloss"])
    assert isinstance(listed, list), case.path
    return tuple(str(s) for s in listed)


def run(case: Case, stages: tuple[str, ...] | None = None) -> Document:
    """The case's input through ``stages`` (default: the stages it pins, :func:`stages_of`)."""
    stages = stages_of(case) if stages is None else stages
    profile = str(case.config.get("profile", "plain"))
    keep = case.config.get("keep")
    overrides = {"keep": list(keep)} if isinstance(keep, list) else None
    config = load_config(profile=profile, use_project=False, overrides=overrides)
    return process(document_from_text(case.input), config, stages=list(stages), score=False)


def output_of(doc: Document) -> str:
    return to_text(doc).rstrip("\n")


def all_cases() -> list[Path]:
    """The cases that pin the ``numbers``, ``words`` and ``split`` stages (``STAGES``)."""
    return sorted(CASES.glob("*.txt"))


def gloss_cases() -> list[Path]:
    """The cases that pin the gloss stage."""
    return sorted((CASES / "gloss").glob("gloss_*.txt"))


def every_case() -> list[Path]:
    """Every golden case, for the invariants (which run every stage on each)."""
    return all_cases() + gloss_cases()

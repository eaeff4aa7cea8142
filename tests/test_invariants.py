"""Invariants (Black, pySBD) for every rewrite stage, gloss included, on real articles.

A sample of real OneStopEnglish articles (``../shared/data/onestopenglish``; skipped when that
folder is absent) is run through the whole default pipeline in each profile:

* replaying the ledger on the source gives the output;
* what the gloss stage wrote into a sentence is there intact;
* every number, name and negation survives each edit (the meaning guard);
* quotations come through unchanged.

The golden cases are held to the same invariants by the one golden runner,
``tests/golden/test_golden.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden.goldencases import PIPELINE
from golden.ledger_checks import (
    expansion_problems,
    gloss_problems,
    guard_problems,
    quotations,
    replay_problems,
)

from easyread.config import load_config
from easyread.pipeline import process, read_document
from easyread.report.document import to_text

ARTICLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "onestopenglish"
#: Articles whose sentences name two acronyms the plain profile expands in brackets: the
#: second expansion used to land inside the first, or inside a word (issue 16).
TWO_ACRONYMS = (
    "Greeks and drugs-adv.txt", "Lie detector-adv.txt", "Lie detector-ele.txt",
    "Lie detector-int.txt", "WNL Bangladeshi organization-adv.txt",
    "WNL Bangladeshi organization-int.txt", "WNL Drowning in rubbish-adv.txt",
)
#: One article in STRIDE of the sorted list, plus the ones above.
STRIDE = 30
PROFILES = ("plain", "easy-read")


def _article_sample() -> list[Path]:
    if not ARTICLES.is_dir():
        return []
    files = sorted(ARTICLES.glob("*-Txt/*.txt"))
    return sorted(set(files[::STRIDE]) | {f for f in files if f.name in TWO_ACRONYMS})


def _article_params() -> list[object]:
    sample = _article_sample()
    if not sample:
        return [pytest.param(None, "plain", marks=pytest.mark.skip(
            reason=f"OneStopEnglish articles not found at {ARTICLES.resolve()} "
                   "(see ../shared/data/README.md)"))]
    return [pytest.param(f, p, id=f"{f.stem}-{p}") for f in sample for p in PROFILES]


# ------------------------------------------------------------------ real articles
@pytest.mark.parametrize(("path", "profile"), _article_params())
def test_real_article_invariants(path: Path, profile: str) -> None:
    config = load_config(profile=profile, use_project=False)
    source = read_document(path, config)
    doc = process(read_document(path, config), config, stages=list(PIPELINE), score=False)
    assert replay_problems(source, doc) == []
    assert gloss_problems(source, doc) == []
    assert expansion_problems(doc) == []
    assert guard_problems(source, doc) == []
    out = to_text(doc)
    assert [q for q in quotations(source) if q not in out] == []


def test_real_article_sample_has_the_two_acronym_cases() -> None:
    sample = _article_sample()
    if not sample:
        pytest.skip(f"OneStopEnglish articles not found at {ARTICLES.resolve()}")
    assert {f.name for f in sample} >= set(TWO_ACRONYMS)
    assert len(sample) >= 15

"""Scoring: textstat identity on the body text, indicators, per-sentence positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat

from easyread import score_text
from easyread.config import load_config
from easyread.pipeline import document_from_text, read_document
from easyread.score import score


def test_seed_metrics_identical_to_textstat(seed_path: Path) -> None:
    doc = read_document(seed_path, load_config(use_project=False))
    scores = score(doc)
    body = doc.body_text()
    assert "Copyright" not in body and not body.startswith("Javid to announce")
    for name, value in scores.metrics.items():
        fn = getattr(textstat, name)
        expected = fn(body, float_output=True) if name == "text_standard" else fn(body)
        assert value == expected, name


def test_indicators_on_the_seed(seed_path: Path) -> None:
    doc = read_document(seed_path, load_config(use_project=False))
    s = score(doc)
    ind = s.indicators
    assert ind["sentences"] == 14
    assert ind["words_per_sentence_max"] == max(x.words for x in s.sentences)
    assert 0 < ind["share_over_25"] <= ind["share_over_15"] <= 1
    assert ind["percentages"] == 2  # 24% and 40%
    assert ind["large_numbers"] == 2  # 140,000 and £600,000 (2018/2019 are years)
    assert ind["passive_sentences"] >= 2
    long_one = next(x for x in s.sentences if "24%" in x.text)
    assert long_one.line == 11 and long_one.column == 1
    assert "paedophiles" in [w.lower() for x in s.sentences for w in x.hard_words]
    # names are never hard words
    assert not any(w in ("Javid", "Lucy", "Faithfull") for x in s.sentences for w in x.hard_words)


@pytest.mark.parametrize(
    ("text", "passive"),
    [("The plans were announced by the minister.", ["were announced"]),
     ("More people are being stopped.", ["are being stopped"]),
     ("The minister announced the plans.", []),
     ("He was very proud.", [])],
)
def test_passive(text: str, passive: list[str]) -> None:
    s = score_text(text)
    assert s.sentences[0].passive == passive


def test_acronyms_explained_by_the_text() -> None:
    s = score_text("Child sexual exploitation (CSE) is a crime. The NSPCC talks about CSE.")
    assert s.indicators["acronyms"] == 2
    assert s.indicators["unexplained_acronyms"] == 1
    assert s.sentences[1].unexplained_acronyms == ["NSPCC"]


def test_numbers_and_years() -> None:
    s = score_text("In 2019 it cost £600,000 and rose 24 per cent to 2.5 million people.")
    assert s.indicators["percentages"] == 1
    assert s.sentences[0].large_numbers == ["600,000", "2.5"]


def test_empty_body_still_scores_title_only() -> None:
    doc = document_from_text("Just one line of text here")
    assert score(doc).indicators["sentences"] == 1


def test_sentence_grades_identical_to_textstat(seed_path: Path) -> None:
    doc = read_document(seed_path, load_config(use_project=False))
    for s in score(doc).sentences:
        assert s.flesch_kincaid_grade == textstat.flesch_kincaid_grade(s.text), s.text

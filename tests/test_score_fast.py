"""Scoring from sentence texts (no tokens) gives exactly the token-based figures, and the
formulas equal textstat 0.7.8 on the text the report says they cover (body or whole file)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from easyread import level, readability
from easyread.document import Sentence
from easyread.nlp import token_texts, tokenize, word_texts, words
from easyread.pipeline import document_from_text
from easyread.read import from_text, load
from easyread.score import (
    _is_hard_form,
    hard_words,
    is_quotation,
    number_indicators,
    passive_phrases,
    score,
    score_sentence,
    sentence_acronyms,
)
from easyread.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
FORMULAS = ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index", "coleman_liau_index",
            "automated_readability_index", "dale_chall_readability_score", "gunning_fog",
            "linsear_write_formula")


# The token-based figures as score.py computed them before the text-based path (reference).
def reference_hard_words(sentence: Sentence, threshold: float) -> list[str]:
    from easyread.acronyms import is_acronym
    from easyread.data import zipf_table

    out = []
    tokens = sentence.tokens
    first_word = next((i for i, t in enumerate(tokens) if t.kind == "word"), -1)
    for i, tok in enumerate(tokens):
        text = tok.text
        if tok.kind != "word" or len(text) < 4:
            continue
        if not text.replace("-", "").replace("'", "").replace("’", "").isalpha():
            continue
        name = text[:1].isupper() and (i != first_word or zipf_table().get(text.lower(), 0.0) < 2.5)
        if is_acronym(text) or name:
            continue
        if _is_hard_form(text.lower().replace("’", "'"), threshold):
            out.append(text)
    return out


def reference_score(sentence: Sentence, unexplained: set[str]) -> dict[str, object]:
    n_words = quoted = 0
    for tok in sentence.tokens:
        if tok.kind in ("word", "number"):
            n_words += 1
            if sentence.protected and sentence.in_quote(tok.start, tok.end):
                quoted += 1
    percentages, large = number_indicators(sentence)
    return {
        "id": sentence.id, "line": sentence.line, "column": sentence.column, "text": sentence.text,
        "words": n_words, "flesch_kincaid_grade": readability.flesch_kincaid_grade(sentence.text),
        "hard_words": reference_hard_words(sentence, 4.0), "passive": passive_phrases(sentence),
        "unexplained_acronyms": [a for a in sentence_acronyms(sentence) if a in unexplained],
        "percentages": percentages, "large_numbers": large, "quoted_words": quoted,
        "quotation": is_quotation(n_words, quoted),
    }


def documents(shared: Path | None) -> Iterator[str]:
    yield SEED.read_text("utf-8")
    for path in sorted((ROOT / "tests" / "golden").rglob("*.txt")):
        yield path.read_text("utf-8")
    if shared is not None:
        for path in sorted((shared / "onestopenglish").rglob("*-adv.txt"))[:60]:
            yield path.read_text("utf-8-sig", errors="replace")


def test_level_counts_edge_cases() -> None:
    text = ("Wait... no… – yes -- “U.K.” 2.5m, 24-year-old £600,000 (24%); e.g. don’t? ― end- "
            "'rock'n'roll' isn't 1990's: ‘x’ — \"y\" 1,2,3 ,, ’tis")
    assert check_sentences(text) >= 1
    # every mark the level counts is a punctuation token of one character
    marks = level.COMMA_MARKS | level.ASIDE_MARKS | level.QUOTE_MARKS | {"?"}
    assert {(t.text, t.kind) for t in tokenize(" ".join(marks))} == {(m, "punct") for m in marks}


def check_sentences(text: str) -> int:
    doc = segment(from_text(text, path="<t>", fmt="txt"))
    unexplained = {"NSPCC", "CSE", "ONS", "UK", "BBC", "EU", "NHS"}
    n = 0
    for sentence in doc.body_sentences():
        assert word_texts(sentence.text) == words(sentence.text)
        assert token_texts(sentence.text) == [t.text for t in sentence.tokens]
        assert hard_words(sentence, 4.0) == reference_hard_words(sentence, 4.0)
        bare = Sentence(id=sentence.id, text=sentence.text, line=sentence.line, column=sentence.column,
                        protected=sentence.protected)  # no tokens, as `score` segments
        assert level.sentence_counts(bare, 2, True) == level.sentence_counts(sentence, 2, True)
        assert level.found_counts(sentence.text, words(sentence.text), 2, True) == level.sentence_counts(sentence, 2, True)
        for s in (sentence, bare):
            got = asdict(score_sentence(s, 4.0, unexplained))
            assert got.pop("level") is None  # the level is attached by score() (easyread.level)
            assert got == reference_score(sentence, unexplained), sentence.text
        n += 1
    return n


def test_text_path_equals_token_path_on_seed_and_goldens() -> None:
    assert sum(check_sentences(t) for t in documents(None)) > 300


def test_text_path_equals_token_path_on_onestop(shared_data: Path) -> None:
    assert sum(check_sentences(t) for t in documents(shared_data)) > 2000


def test_scores_without_tokens_equal_scores_with_tokens(shared_data: Path) -> None:
    for text in documents(shared_data):
        with_tokens = score(segment(from_text(text, path="<t>", fmt="txt")))
        without = score(segment(from_text(text, path="<t>", fmt="txt"), tokens=False))
        assert without.to_dict() == with_tokens.to_dict()


def test_number_and_quote_edge_cases() -> None:
    text = ("Costs rose 24% to £600,000 in 2019, or 3.5 per cent; 1,200 people and 5 million more. "
            "He said: “We were told 2,000 were hurt” and 40 percent agreed. It was 1999. "
            "Were they ignored? 3.5m were paid. The man was quickly and widely criticised.")
    assert check_sentences(text) >= 4


# ---------------------------------------------------------------- textstat identity both ways
textstat = pytest.importorskip("textstat")


def textstat_values(text: str) -> dict[str, float]:
    return {name: getattr(textstat, name)(text) for name in FORMULAS}


def picked(metrics: dict[str, float]) -> dict[str, float]:
    return {name: metrics[name] for name in FORMULAS}


def test_default_scores_equal_textstat_on_the_body_text() -> None:
    doc = segment(load(str(SEED)))
    assert doc.blocks[0].kind == "title"  # the seed has a headline, which the body leaves out
    scores = score(doc)
    assert picked(scores.metrics) == textstat_values(doc.body_text())
    assert picked(scores.metrics) != textstat_values(SEED.read_text("utf-8-sig"))
    assert "metrics_text" not in scores.to_dict()


def test_whole_file_scores_equal_textstat_on_the_file() -> None:
    file_text = SEED.read_text("utf-8-sig")
    doc = segment(load(str(SEED)))
    scores = score(doc, whole_file=True)
    assert picked(scores.metrics) == textstat_values(file_text)
    assert picked(scores.metrics) != textstat_values(doc.body_text())
    assert scores.to_dict()["metrics_text"] == "whole_file"
    # The indicators and the rewritable scope stay on the body text.
    body = score(doc)
    assert scores.indicators == body.indicators
    assert scores.rewritable_metrics == body.rewritable_metrics


def test_whole_file_on_onestop(shared_data: Path) -> None:
    for path in sorted((shared_data / "onestopenglish").rglob("*-int.txt"))[:15]:
        file_text = path.read_text("utf-8-sig", errors="strict").replace("\r\n", "\n")
        doc = segment(load(str(path)), tokens=False)
        assert picked(score(doc, whole_file=True).metrics) == textstat_values(file_text), path.name
        assert picked(score(doc).metrics) == textstat_values(doc.body_text()), path.name


def test_score_text_api_is_the_body() -> None:
    doc = document_from_text(SEED.read_text("utf-8"))
    assert picked(score(doc).metrics) == textstat_values(doc.body_text())


def test_tokens_are_optional_for_scoring_only() -> None:
    doc = segment(from_text("One sentence here. Another one there.", path="<t>", fmt="txt"), tokens=False)
    assert all(not s.tokens for s in doc.body_sentences())
    assert [t.text for t in tokenize(next(doc.body_sentences()).text)] == ["One", "sentence", "here", "."]

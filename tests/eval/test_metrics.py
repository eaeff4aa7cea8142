"""Tests for easyread.eval.metrics.

Small hand-computed cases, plus validation against the EASSE reference values of
``shared/docs/evaluation.md`` section 2 (skipped when ``shared/data`` is absent).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from easyread.eval import (
    compression_ratio,
    corpus_bleu,
    corpus_fkgl,
    corpus_sari,
    corpus_sari_components,
    count_syllables,
    normalize,
    sari_from_stats,
    sari_stats,
    sentence_splits,
    simple_segment,
)

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
needs_data = pytest.mark.skipif(
    not (DATA / "asset").is_dir() or not (DATA / "turkcorpus").is_dir(),
    reason=f"reference data not found at {DATA} (shared/data next to the repo root)",
)


# ---------------------------------------------------------------------------
# Hand-computed cases
# ---------------------------------------------------------------------------


def test_normalize_lowercases_and_tokenizes() -> None:
    assert normalize("The U.S. Army, in 1990.") == "the u . s . army , in 1990 ."
    assert normalize('He said "Hi!" (twice)') == 'he said " hi ! " ( twice )'
    assert normalize("It costs 3.5 dollars.") == "it costs 3.5 dollars ."


def test_sari_toy_single_reference() -> None:
    # orig "a b c", sys "a b d", ref "a d c" (computed by hand, per order):
    #   1-grams  ADD F1 1     KEEP F1 1/2   DEL P 0  F1 0
    #   2-grams  ADD 0        KEEP 0        DEL P 1  R 1/2  F1 2/3
    #   3-grams  ADD 0        KEEP 0        DEL P 1  R 1    F1 1
    #   4-grams  all 0
    # ADD = 1/4, KEEP = 1/8, DEL = (2/3 + 1)/4 = 5/12 (precision: 2/4)
    comps = corpus_sari_components(["a b c"], ["a b d"], [["a d c"]])
    assert comps["add"] == pytest.approx(25.0)
    assert comps["keep"] == pytest.approx(12.5)
    assert comps["del"] == pytest.approx(500 / 12)
    assert comps["sari"] == pytest.approx((25 + 12.5 + 500 / 12) / 3)
    assert corpus_sari(["a b c"], ["a b d"], [["a d c"]]) == pytest.approx(comps["sari"])
    prec = corpus_sari_components(["a b c"], ["a b d"], [["a d c"]], use_f1_for_deletion=False)
    assert prec["del"] == pytest.approx(50.0)
    assert prec["sari"] == pytest.approx((25 + 12.5 + 50) / 3)


def test_sari_toy_weighting_by_number_of_references() -> None:
    # orig "x y", sys "x", refs "x" and "x y" (2 references, counts x2):
    #   1-grams KEEP: sys 2, refs min(2x{x,y}, {x:2,y:1}) = 3, correct 2
    #           -> P 1, R 2/3, F1 0.8 ; DEL: sys {y:2}, refs {y:1}, correct 1
    #           -> P 1/2, R 1, F1 2/3
    #   2-grams KEEP: sys 0 -> 0 ; DEL: sys 2, refs 1, correct 1 -> F1 2/3
    # ADD = 0 (nothing added anywhere), KEEP = 0.8/4, DEL = (4/3)/4
    comps = corpus_sari_components(["x y"], ["x"], [["x"], ["x y"]])
    assert comps["add"] == pytest.approx(0.0)
    assert comps["keep"] == pytest.approx(20.0)
    assert comps["del"] == pytest.approx(100 / 3)
    assert comps["sari"] == pytest.approx((20 + 100 / 3) / 3)


def test_sari_is_corpus_level_not_sentence_average() -> None:
    orig = ["a b c", "x y"]
    system = ["a b d", "x"]
    refs = [["a d c", "x"], ["a d c", "x y"]]
    stats = sari_stats(orig, system, refs)
    # Statistics are summed over items before any ratio is taken.
    one = sari_stats(orig[:1], system[:1], [r[:1] for r in refs])
    two = sari_stats(orig[1:], system[1:], [r[1:] for r in refs])
    assert stats.keep_sys_total == [
        a + b for a, b in zip(one.keep_sys_total, two.keep_sys_total, strict=True)
    ]
    assert sari_from_stats(stats)["sari"] == pytest.approx(corpus_sari(orig, system, refs))


def test_identity_has_no_add_or_delete() -> None:
    orig = [
        "The cat, which was black, sat on the old mat.",
        "Paris is the capital and most populous city of France.",
        "He was born in 1990 and died in 2020.",
    ]
    refs = [
        [
            "The black cat sat on the mat.",
            "Paris is the capital of France.",
            "He was born in 1990. He died in 2020.",
        ],
        [
            "A black cat sat on an old mat.",
            "Paris is France's biggest city.",
            "He lived from 1990 to 2020.",
        ],
    ]
    comps = corpus_sari_components(orig, orig, refs)
    assert comps["add"] == 0.0
    assert comps["del"] == 0.0
    assert 0 < comps["keep"] <= 100
    assert comps["sari"] == pytest.approx(comps["keep"] / 3)


def test_sari_rejects_misaligned_input() -> None:
    with pytest.raises(ValueError):
        corpus_sari(["a", "b"], ["a"], [["a", "b"]])
    with pytest.raises(ValueError):
        corpus_sari(["a", "b"], ["a", "b"], [["a"]])


def test_bleu_identity_with_reference_is_100() -> None:
    assert corpus_bleu(["The cat sat on the mat ."], [["the cat sat on the mat."]]) == (
        pytest.approx(100.0)
    )


def test_count_syllables_follows_easse() -> None:
    assert count_syllables("the") == 1  # exception table
    assert count_syllables("table") == 2  # silent e, then "-bl" adds one
    assert count_syllables("international") == 5  # "io" +1, "ion" -1
    assert count_syllables(".") == 0
    assert count_syllables("1990") == 0
    assert count_syllables("free") == 0  # all trailing e's dropped, as in EASSE


def test_fkgl_hand_computed() -> None:
    # "international organization ." : 1 sentence, 3 words, 5 + 5 + 0 syllables
    expected = 0.39 * 3 + 11.8 * 10 / 3 - 15.59
    assert corpus_fkgl(["International organization."]) == pytest.approx(expected)
    assert corpus_fkgl(["The cat sat."]) == 0.0  # floored at 0
    assert corpus_fkgl([]) == 0.0


def test_fkgl_uses_given_segmenter() -> None:
    text = ["International organization. International organization."]
    words, syllables = 6, 20
    one = 0.39 * words / 1 + 11.8 * syllables / words - 15.59
    two = 0.39 * words / 2 + 11.8 * syllables / words - 15.59
    assert corpus_fkgl(text) == pytest.approx(two)
    assert corpus_fkgl(text, segment=lambda s: [s]) == pytest.approx(one)


def test_simple_segment() -> None:
    assert simple_segment('he left . she stayed ! " ok') == [
        "he left .",
        'she stayed ! "',
        "ok",
    ]
    assert simple_segment("the u . s . army .") == ["the u .", "s .", "army ."]
    assert simple_segment("") == []
    assert simple_segment("He left. She stayed.") == ["He left.", "She stayed."]


def test_simple_segment_matches_untrained_punkt_on_normalised_text() -> None:
    punkt = pytest.importorskip("nltk.tokenize.punkt")
    tokenizer = punkt.PunktSentenceTokenizer()  # no model data needed
    texts = [
        'He said: "Go home." Then he left... (really!) OK?',
        "It was 3.5 km long. The U.S. Army came. “Yes.” ‘No.’ Fine.",
        "Dr. Smith arrived at 10 a.m. and left; nobody saw him! Why?",
    ]
    for text in texts:
        norm = normalize(text)
        assert simple_segment(norm) == tokenizer.tokenize(norm)


def test_compression_and_splits() -> None:
    orig = ["The cat sat.", "A dog ran away quickly."]
    system = ["The cat sat.", "A dog ran. It was quick."]
    # normalised: "a dog ran away quickly ." (24) -> "a dog ran . it was quick ." (26)
    assert compression_ratio(orig, system) == pytest.approx((1 + 26 / 24) / 2)
    assert sentence_splits(orig, system) == pytest.approx((1 + 2) / 2)
    assert compression_ratio(orig, orig) == 1.0
    assert sentence_splits(orig, orig) == 1.0
    assert compression_ratio([""], ["x"]) == 0.0


# ---------------------------------------------------------------------------
# Validation against EASSE reference values (evaluation.md section 2)
# ---------------------------------------------------------------------------


def _read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if text.endswith("\n") else lines


@cache
def _asset() -> tuple[list[str], list[list[str]]]:
    orig = _read_lines(DATA / "asset" / "asset.valid.orig")
    refs = [_read_lines(DATA / "asset" / f"asset.valid.simp.{i}") for i in range(10)]
    return orig, refs


@cache
def _turk() -> tuple[list[str], list[list[str]]]:
    base = DATA / "turkcorpus"
    orig = _read_lines(base / "tune.truecase.detok.orig")
    refs = [_read_lines(base / f"tune.truecase.detok.simp.{i}") for i in range(8)]
    return orig, refs


@needs_data
def test_asset_identity_matches_easse() -> None:
    orig, refs = _asset()
    assert len(orig) == 2000 and all(len(r) == 2000 for r in refs)
    comps = corpus_sari_components(orig, orig, refs)
    assert comps["sari"] == pytest.approx(22.5348, abs=5e-4)
    assert comps["keep"] == pytest.approx(67.6043, abs=5e-4)
    assert comps["add"] == 0.0 and comps["del"] == 0.0
    assert corpus_bleu(orig, refs) == pytest.approx(94.4389, abs=5e-4)
    assert corpus_fkgl(orig) == pytest.approx(9.4888, abs=5e-4)
    assert compression_ratio(orig, orig) == pytest.approx(1.0)


@needs_data
def test_asset_ref0_matches_easse() -> None:
    orig, refs = _asset()
    stats = sari_stats(orig, refs[0], refs[1:])
    comps = sari_from_stats(stats)
    assert comps["sari"] == pytest.approx(44.9386, abs=5e-4)
    assert comps["add"] == pytest.approx(9.4103, abs=5e-4)
    assert comps["keep"] == pytest.approx(65.1878, abs=5e-4)
    assert comps["del"] == pytest.approx(60.2179, abs=5e-4)
    precision_variant = sari_from_stats(stats, use_f1_for_deletion=False)
    assert precision_variant["sari"] == pytest.approx(45.9628, abs=5e-4)
    assert corpus_bleu(refs[0], refs[1:]) == pytest.approx(79.3199, abs=5e-4)
    assert corpus_fkgl(refs[0]) == pytest.approx(6.6910, abs=5e-4)
    assert compression_ratio(orig, refs[0]) == pytest.approx(0.835, abs=1e-3)
    assert sentence_splits(orig, refs[0]) == pytest.approx(1.167, abs=1e-3)


@needs_data
def test_turkcorpus_matches_easse() -> None:
    orig, refs = _turk()
    assert len(orig) == 2000 and all(len(r) == 2000 for r in refs)
    assert corpus_sari(orig, orig, refs) == pytest.approx(26.9563, abs=5e-4)
    comps = corpus_sari_components(orig, refs[0], refs[1:])
    assert comps["sari"] == pytest.approx(40.7527, abs=5e-4)
    assert comps["del"] == pytest.approx(41.9927, abs=5e-4)

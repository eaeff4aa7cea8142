"""Tests for the shipped averaged-perceptron POS tagger."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from easyread import tagger

REPO = Path(__file__).resolve().parents[1]
EWT = REPO.parent / "shared" / "data" / "ud-english-ewt"



def _run(code: str) -> str:
    """Run ``code`` in a fresh interpreter with this checkout first on the path; its output."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_import_is_cheap_and_lazy() -> None:
    # Importing must not load the weights nor pull in NLTK.
    code = (
        "import sys, easyread.tagger as t; "
        "assert t._model is None; "
        "assert 'nltk' not in sys.modules; "
        "print('ok')"
    )
    assert _run(code) == "ok"


def test_model_file_is_shipped_with_attribution() -> None:
    model = tagger.load()
    assert isinstance(model, tagger.PerceptronModel)
    assert model is tagger.load()  # cached
    assert model.meta["licence"] == "CC-BY-SA-4.0"
    assert "UD_English-EWT" in model.meta["attribution"]
    path = REPO / "easyread" / "models" / tagger.MODEL_FILE
    assert path.stat().st_size < 8_000_000
    with gzip.open(path, "rb") as fh:
        assert fh.read(1) == b"{"


def test_doc_example() -> None:
    words = ["The", "council", "approved", "the", "plan", "."]
    assert tagger.tag(words) == ["DT", "NN", "VBD", "DT", "NN", "."]


def test_home_secretary() -> None:
    words = ["The", "Home", "Secretary", "will", "announce", "a", "new", "strategy", "."]
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert tags[1] == "NNP" and tags[2] == "NNP"
    assert tags[3] == "MD" and tags[4] == "VB"
    assert tags[0] == "DT" and tags[-1] == "."


def test_passive_after_were() -> None:
    words = ["Figures", "were", "obtained", "by", "the", "charity", "."]
    tags = tagger.tag(words)
    assert tags[1] == "VBD"
    assert tags[2] == "VBN"
    assert tags[3] == "IN"


def test_news_tokens_and_curly_quotes() -> None:
    words = ["The", "council", "did", "n\u2019t", "say", "\u201c", "no", "\u201d", "."]
    tags = tagger.tag(words)
    assert tags[3] == "RB"
    assert tags[5] == "``" and tags[7] == "''"
    tags = tagger.tag(["Britain", "\u2019s", "debt", "rose", "5", "%", "to", "\u00a3", "2bn", "."])
    assert tags[0] == "NNP" and tags[1] == "POS"
    assert tags[4] == "CD" and tags[5] == "NN"
    assert tags[7] == "$"
    assert tagger.tag(["He", "\u2019s", "here"])[1] == "VBZ"
    # Straight and curly forms tag the same way.
    assert tagger.tag(["It", "'s", "Labour", "'s", "plan", "."]) == tagger.tag(
        ["It", "\u2019s", "Labour", "\u2019s", "plan", "."]
    )


def test_deterministic_and_batch() -> None:
    sents = [
        ["The", "Home", "Secretary", "will", "announce", "a", "new", "strategy", "."],
        ["Figures", "were", "obtained", "by", "the", "charity", "."],
        [],
    ]
    first = tagger.tag_sents(sents)
    assert first == tagger.tag_sents(sents)
    assert first == [tagger.tag(s) for s in sents]
    assert first[2] == []


def test_empty_input() -> None:
    assert tagger.tag([]) == []
    assert tagger.tag_sents([]) == []


def _read_test_split(path: Path) -> list[tuple[list[str], list[str]]]:
    return [(words, xpos) for words, xpos, _ in tagger.read_conllu(path)]


@pytest.mark.skipif(
    not (EWT / "en_ewt-ud-test.conllu.gz").is_file(),
    reason=f"UD English EWT data not available at {EWT}",
)
def test_ewt_test_accuracy() -> None:
    sents = _read_test_split(EWT / "en_ewt-ud-test.conllu.gz")
    correct = total = 0
    for words, gold in sents:
        pred = tagger.tag(words)
        correct += sum(p == g for p, g in zip(pred, gold, strict=False))
        total += len(gold)
    assert total > 20_000
    assert correct / total >= 0.95


def _sentences_for_identity() -> list[list[str]]:
    sents = [
        ["The", "Home", "Secretary", "will", "announce", "a", "new", "strategy", "."],
        ["Figures", "were", "obtained", "by", "the", "charity", "under", "FOI", "laws", "."],
        ["ZZQX", "blorf", "2,019.5", "--", "x-ray", "\u201c", "Quux", "\u201d", "!"],
        ["Run"],
    ]
    dev = EWT / "en_ewt-ud-dev.conllu.gz"
    if dev.is_file():
        sents += [words for words, _, _ in tagger.read_conllu(dev)]
    return sents


def test_vectorised_tags_equal_the_scalar_reference() -> None:
    # The numpy path adds the same weights in the same order as PackedWeights.best, so every
    # tag is identical, not merely close (UD EWT dev when present: ~25,000 tokens).
    model = tagger.load()
    assert isinstance(model.weights, tagger.PackedWeights)
    assert isinstance(model.weights2, tagger.PackedWeights)
    for words in _sentences_for_identity():
        ctx = tagger.sentence_context(words, model.ambiguity)
        fast = model._tag_vectorised(words, ctx, model.weights, model.weights2)
        assert fast == model._tag_scalar(words, ctx), words


def test_short_texts_do_not_import_numpy() -> None:
    # The first SCALAR_TOKENS tokens of a process are tagged without numpy; then numpy.
    code = (
        "import sys, easyread.tagger as t; m = t.load(); "
        "m.tag(['The', 'council', 'approved', 'the', 'plan', '.']); "
        "assert 'numpy' not in sys.modules; "
        "[m.tag(['The', 'plan', '.'] * 50) for _ in range(t.SCALAR_TOKENS // 150 + 1)]; "
        "assert m.tag(['The', 'plan', '.'] * 50) and 'numpy' in sys.modules; print('ok')"
    )
    assert _run(code) == "ok"


def test_unweighted_tags_stay_out_of_the_choice() -> None:
    # A feature without weights leaves a tag's score at -0.0 (the "no feature weighs it" mark);
    # a sentence of unknown features only is "NN", as in the scalar path.
    model = tagger.load()
    assert isinstance(model.weights, tagger.PackedWeights)
    weights = model.weights
    (row,) = weights.row_ids(["no such feature \x00"])
    assert row == 0
    assert weights.best(["no such feature \x00"]) == "NN"

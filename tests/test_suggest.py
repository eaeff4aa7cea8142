"""easyread.suggest: plainer words in context, from WordNet 3.0 and the curated lexicon."""

from __future__ import annotations

import doctest
import gzip
from pathlib import Path

import msgpack
import pytest

from easyread import suggest as suggest_module
from easyread.errors import InputError
from easyread.suggest import lexicon_sense_fits, suggest, suggest_tsv, table

ROOT = Path(__file__).resolve().parents[1]


def texts(sentence: str, word: str) -> list[str]:
    return [s.text for s in suggest(sentence, word).suggestions]


def test_doctests() -> None:
    assert doctest.testmod(suggest_module).failed == 0


def test_table_is_wordnet_and_compact() -> None:
    path = ROOT / "easyread" / "data" / suggest_module.TABLE_NAME
    assert path.stat().st_size < 6_000_000
    t = table()
    assert len(t.synsets) > 100_000  # WordNet 3.0 has 117,659 synsets; names are dropped
    assert "abdomen" in t.index and "n" in t.index["abdomen"]
    with gzip.open(path, "rb") as fh:
        raw = msgpack.unpack(fh, raw=False, strict_map_key=False)
    assert raw["source"] == "Princeton WordNet 3.0"


def test_inflected_for_the_slot() -> None:
    assert texts("The doctor pressed on her abdomen.", "abdomen")[:2] == ["stomach", "belly"]
    assert texts("The abdomens of the insects were long.", "abdomens")[:2] == ["stomachs", "bellies"]
    assert texts("Work has commenced on the bridge.", "commenced")[0] == "started"
    assert texts("Work commenced on the bridge.", "commenced")[:2] == ["started", "began"]


def test_each_suggestion_has_source_and_confidence() -> None:
    result = suggest("The doctor pressed on her abdomen.", "abdomen")
    assert result.pos == "n" and result.lemma == "abdomen"
    for s in result.suggestions:
        assert s.source in ("wordnet", "lexicon", "lexicon+wordnet")
        assert 0.0 <= s.confidence <= 1.0
        assert s.zipf > 0


def test_only_plainer_words() -> None:
    for s in suggest("Much of the water carried by these streams is diverted.", "diverted").suggestions:
        assert s.zipf > 3.0


def test_nothing_fits_says_so() -> None:
    result = suggest("She went home.", "home")
    assert result.suggestions == ()
    assert "no plainer word" in result.reason
    assert "name" in suggest("Then Obama spoke.", "Obama").reason


def test_participle_read_as_verb_when_semcor_says_so() -> None:
    # "diverted" tagged as an adjective would mean "amused"; the verb is far more usual.
    result = suggest("Much of the water carried by these streams is diverted.", "diverted")
    assert result.pos == "v"
    assert "amused" not in [s.lemma for s in result.suggestions]


def test_tsv_format() -> None:
    out = suggest_tsv("The doctor pressed on her abdomen.\tabdomen\n\nShe went home.\thome\n", limit=3)
    lines = out.splitlines()
    assert lines[0].split("\t")[:2] == ["The doctor pressed on her abdomen.", "abdomen"]
    assert len(lines[0].split("\t")) == 5
    assert lines[1] == "She went home.\thome"
    with pytest.raises(InputError) as err:
        suggest_tsv("no tab here\n", name="x.tsv")
    assert err.value.code == "E300" and "line 1" in str(err.value)


def test_lexicon_sense_gate_uses_context() -> None:
    tokens = ["Work", "will", "commence", "in", "May", "."]
    assert lexicon_sense_fits("commence", "VERB", "start", tokens, 2)[0]


def test_sense_table_agrees_with_the_full_table() -> None:
    from easyread.suggest import _context, sense_probabilities, sense_support, sense_table

    tokens = ["The", "police", "will", "charge", "him", "with", "theft", "."]
    small, full = sense_table(), table()
    for lemma, pos, plain in (("commence", "v", "start"), ("abdomen", "n", "belly")):
        a = sense_support(lemma, pos, plain, _context(tokens, 3, small), small)
        b = sense_support(lemma, pos, plain, _context(tokens, 3, full), full)
        assert a == pytest.approx(b)
        pa = [p for _, p in sense_probabilities(lemma, pos, _context(tokens, 3, small), t=small)]
        pb = [p for _, p in sense_probabilities(lemma, pos, _context(tokens, 3, full), t=full)]
        assert pa == pytest.approx(pb)


def test_api_call_and_the_deprecated_callable_module() -> None:
    import easyread
    from easyread.api import suggest

    assert suggest("The doctor pressed on her abdomen.", "abdomen").suggestions[0].text == "stomach"
    with pytest.deprecated_call(match="easyread.api.suggest"):
        result = easyread.suggest("The doctor pressed on her abdomen.", "abdomen")
    assert result.suggestions[0].text == "stomach"

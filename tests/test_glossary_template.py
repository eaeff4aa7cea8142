"""easyread.glossary_template: the TOML skeleton for terms nobody can explain yet."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from easyread.data import read_glossary_file
from easyread.errors import DataError
from easyread.glossary_template import glossary_template
from easyread.pipeline import document_from_text
from easyread.terms import Term


def test_only_missing_terms_get_an_entry() -> None:
    terms = [
        Term("IE6", "acronym", None, None, "missing"),
        Term("NSPCC", "acronym", None, "The NSPCC is a charity.", "builtin"),
        Term('say "hi"', "term", None, None, "missing"),
    ]
    parsed = tomllib.loads(glossary_template(terms, source="a.txt"))
    assert parsed["entry"] == [
        {"term": "IE6", "aliases": [], "explanation": ""},
        {"term": 'say "hi"', "aliases": [], "explanation": ""},
    ]


def test_nothing_missing_says_so() -> None:
    text = glossary_template([Term("NSPCC", "acronym", None, "The NSPCC is a charity.", "builtin")])
    assert "nothing to fill in" in text and "[[entry]]" not in text
    assert tomllib.loads(text) == {}


def test_first_use_is_a_comment() -> None:
    doc = document_from_text("Title\n\nThe IE6 browser is old.")
    text = glossary_template([Term("IE6", "acronym", "b2.s1", None, "missing")], doc)
    assert "# acronym, first used in: The IE6 browser is old." in text


def test_an_unfilled_skeleton_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text(glossary_template([Term("IE6", "acronym", None, None, "missing")]), "utf-8")
    with pytest.raises(DataError) as info:
        read_glossary_file(path)
    assert info.value.code == "E200"
    filled = path.read_text("utf-8").replace('explanation = ""', 'explanation = "IE6 is an old web browser."')
    path.write_text(filled, "utf-8")
    assert [row.term for row in read_glossary_file(path)] == ["ie6"]  # keys are lower-cased

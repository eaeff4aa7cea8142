"""The precomputed word-form tables are up to date with the lexicon, glossary and pictures.

``tools/build_forms.py`` asks lemminflect and wordfreq once, at build time; easyread reads
the answers at run time. Regenerating them here means the shipped files can never drift from
their sources (or from the installed lemminflect/wordfreq).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from easyread.data import data_path, manifest

ROOT = Path(__file__).resolve().parents[2]


def build_forms() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_forms", ROOT / "tools" / "build_forms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_forms", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_shipped_tables_are_up_to_date() -> None:
    pytest.importorskip("lemminflect")
    pytest.importorskip("wordfreq")
    tool = build_forms()
    stale = [name for name in tool.FILES if data_path(name).read_text("utf-8") != tool.build(name)]
    assert not stale, f"out of date, run python tools/build_forms.py: {stale}"


@pytest.mark.parametrize("name", ["lexicon_forms.tsv", "lexicon_plains.tsv",
                                  "glossary_forms.tsv", "picture_forms.tsv", "verb_forms.tsv"])
def test_tables_are_in_the_manifest(name: str) -> None:
    assert name in manifest()["files"]


def test_words_stage_needs_no_lemminflect() -> None:
    from easyread.rewrite import words

    assert words.lemma("commenced", "VERB") == "commence"
    assert words.inflect("find out", "VBD") == "found out"
    assert words.inflect("get", "VBN") == "got"  # British English, as before


def test_split_rules_read_verb_forms() -> None:
    from easyread.rewrite.split import _inflect

    assert _inflect("Providing", "VBD") == "provided"
    assert _inflect("speaking", "VB") == "speak"
    assert _inflect("making", "VBZ") == "makes"
    assert _inflect("making", "VBP") == "make"

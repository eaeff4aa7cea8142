"""easyread.api: the public functions, plain; and the deprecated callable modules."""

from __future__ import annotations

import pytest

import easyread
from easyread import api
from easyread.config import load_config
from easyread.pipeline import document_from_text

TEXT = "Title\nThe minister commenced the work prior to the vote."


def test_exports_are_plain_functions() -> None:
    import types

    for name in ("score", "rewrite", "check", "suggest", "process", "read_document"):
        assert isinstance(getattr(api, name), types.FunctionType), name
    assert set(api.__all__) >= {"score", "process", "read_document", "rewrite"}


def test_package_reexports_the_api_lazily() -> None:
    assert easyread.process is api.process and easyread.read_document is api.read_document
    assert easyread.rewrite_text is api.rewrite and easyread.score_text is api.score
    with pytest.raises(AttributeError):
        _ = easyread.no_such_name


def test_score_matches_the_pipeline() -> None:
    from easyread.score import score as score_doc

    config = load_config(use_project=False)
    expected = score_doc(document_from_text(TEXT), hard_word_zipf=config.hard_word_zipf,
                         reading_wpm=config.reading_wpm)
    assert api.score(TEXT).to_dict() == expected.to_dict()


def test_rewrite_runs_the_profile() -> None:
    plain = api.rewrite(TEXT)
    assert plain.profile == "plain" and "started" in plain.text()
    assert api.rewrite(TEXT, profile="easy-read").profile == "easy-read"


def test_read_document_then_process(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "a.txt"
    path.write_text(TEXT, "utf-8")
    doc = api.process(api.read_document(path), load_config(use_project=False))
    assert doc.text() == api.rewrite(TEXT).text()
    assert set(doc.scores) == {"before", "after"}


@pytest.mark.parametrize(("module", "args"), [("rewrite", (TEXT,)), ("suggest", ("The doctor pressed on her abdomen.", "abdomen"))])
def test_calling_a_module_is_deprecated_but_works(module: str, args: tuple[str, ...]) -> None:
    import importlib

    callable_module = importlib.import_module(f"easyread.{module}")
    with pytest.deprecated_call(match=f"calling the module easyread.{module} is deprecated"):
        result = callable_module(*args)
    expected = getattr(api, module)(*args)
    if module == "rewrite":
        result, expected = result.text(), expected.text()
    assert result == expected

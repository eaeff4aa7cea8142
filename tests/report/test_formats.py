"""easyread.report: the one table of output formats, used by the CLI and convert."""

from __future__ import annotations

import importlib

import click
import pytest

from easyread import report
from easyread.cli import LazyGroup
from easyread.deprecation import MOVED
from easyread.pipeline import document_from_text
from easyread.report import FORMATS, format_for_output, get, names


def test_every_format_loads_a_function() -> None:
    for f in FORMATS:
        assert callable(f.load()), f
    assert len({(f.kind, f.name) for f in FORMATS}) == len(FORMATS)


def _choices(command: str) -> list[str]:
    cmd = LazyGroup._load(command)
    assert cmd is not None
    option = next(p for p in cmd.params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


@pytest.mark.parametrize("command", ["score", "check"])
def test_cli_format_choices_are_the_table(command: str) -> None:
    assert _choices(command) == names(command)


def test_rewrite_formats_are_document_formats() -> None:
    assert set(_choices("rewrite")) <= set(names("document"))


def test_document_formats_write_the_document() -> None:
    doc = document_from_text("Title\n\nOne sentence here.")
    assert get("document", "text")(doc) == "Title\nOne sentence here.\n"
    assert get("document", "md")(doc).startswith("# Title")
    assert '"blocks"' in get("document", "json")(doc)


def test_output_suffix_chooses_the_format() -> None:
    assert [format_for_output(n).name for n in ("a.pdf", "B.HTML", "c.htm", "d.md")] == ["pdf", "html", "html", "md"]  # type: ignore[union-attr]
    assert format_for_output("e.docx") is None


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="no check format 'xml'; known: text, json, github, junit, sarif"):
        get("check", "xml")


def test_the_package_still_exports_the_result_formatters() -> None:
    from easyread.report import results

    assert report.score_json is results.score_json and report.check_sarif is results.check_sarif
    with pytest.raises(AttributeError):
        _ = report.no_such_formatter


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_moved_modules_import_under_their_old_names(old: str, new: str) -> None:
    assert importlib.import_module(old) is importlib.import_module(new)

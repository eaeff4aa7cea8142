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


def test_batch_summaries_are_in_the_table() -> None:
    from easyread.batch import report as batch_report
    from easyread.batch.models import REPORT_NAMES

    assert names("batch") == ["json", "csv", "html", "lines"]
    assert get("batch", "json").load() is batch_report.render_json
    assert get("batch", "lines").load() is batch_report.render_lines
    # every report file is written through the table, under its own name
    assert sorted(name for name, _ in batch_report.REPORT_FILES) == sorted(REPORT_NAMES)
    assert {fmt for _, fmt in batch_report.REPORT_FILES} <= set(names("batch"))
    assert format_for_output("summary.csv", kind="batch").name == "csv"  # type: ignore[union-attr]


def test_batch_article_formats_are_document_formats() -> None:
    from easyread.batch.models import FORMATS as BATCH_FORMATS

    assert set(BATCH_FORMATS) <= set(names("document"))


def test_render_document_passes_the_page_options_only_to_pages() -> None:
    from easyread.config import load_config
    from easyread.report import render_document
    from easyread.report.document import to_json, to_markdown

    doc = document_from_text("Title\n\nOne sentence here.")
    config = load_config(profile="plain", use_project=False)
    assert render_document(doc, "md", profile="plain", config=config) == to_markdown(doc)
    compact = render_document(doc, "json", profile="plain", config=config, indent=1, sort_keys=True)
    assert compact == to_json(doc, indent=1, sort_keys=True) != to_json(doc)
    page = render_document(doc, "html", profile="plain", config=config)
    assert isinstance(page, str) and page.lstrip().lower().startswith("<!doctype html")
    assert [f.name for f in FORMATS if f.page] == ["html", "pdf", "review"]
    sheet = render_document(doc, "review", profile="plain", config=config)
    assert isinstance(sheet, str) and "One sentence here." in sheet

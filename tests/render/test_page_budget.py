"""The page budget is checked before rendering (issue 14): a document far over it is refused
(E401, page_count) without WeasyPrint ever being called."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from easyread.cli import cli
from easyread.errors import AccessibilityError
from easyread.pipeline import document_from_text
from easyread.render import PAGE_LIMIT_FACTOR, estimate_pages, render_pdf_report, settings_for
from easyread.render import pdf as pdf_module
from easyread.render.pdf import PdfResult


@pytest.fixture
def renderer_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fake(page: str, **_kwargs: Any) -> PdfResult:
        calls.append(page)
        return PdfResult(b"%PDF-fake")

    monkeypatch.setattr(pdf_module, "html_to_pdf", fake)
    return calls


TEXTS = {
    "one-word lines": "\n".join(["Headline", *(f"Word{i}" for i in range(2600))]),
    "short lines": "Headline\n" + "\n".join(
        "The cat sat on the mat and went home to sleep." for _ in range(3000)),
}


@pytest.mark.parametrize(("name", "profile"), [
    ("one-word lines", "easy-read"), ("one-word lines", "large-print"), ("one-word lines", "plain"),
    ("short lines", "easy-read"),
])
def test_far_over_budget_is_refused_before_rendering(renderer_calls: list[str], name: str,
                                                     profile: str) -> None:
    doc = document_from_text(TEXTS[name])
    settings = settings_for(profile)
    assert estimate_pages(doc, settings) > PAGE_LIMIT_FACTOR * settings.max_pages
    with pytest.raises(AccessibilityError) as err:
        render_pdf_report(doc, profile, check=False)
    assert err.value.code == "E401" and "page_count" in str(err.value)
    assert renderer_calls == []


def test_easy_read_of_many_rows_is_refused(renderer_calls: list[str]) -> None:
    doc = document_from_text("Headline\n" + "\n".join(f"Line {i} is short." for i in range(4000)))
    with pytest.raises(AccessibilityError):
        render_pdf_report(doc, "easy-read", check=False)
    assert renderer_calls == []


def test_a_short_document_is_rendered(renderer_calls: list[str], seed_text: str) -> None:
    data, _report = render_pdf_report(document_from_text(seed_text), "easy-read", check=False)
    assert data == b"%PDF-fake" and len(renderer_calls) == 1


def test_estimate_errs_low_on_the_seed(seed_text: str) -> None:
    """The estimate leaves out the cover and the hard-words box: it never exceeds the real
    page count (the seed renders to 9 easy-read pages; full renders are tested in test_pdf)."""
    doc = document_from_text(seed_text)
    assert 1 <= estimate_pages(doc, settings_for("easy-read")) <= 9
    assert estimate_pages(doc, settings_for("plain")) <= estimate_pages(doc, settings_for("easy-read"))


def test_convert_refuses_before_the_rewrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            renderer_calls: list[str]) -> None:
    """Far over the limit as read: refused before the rewrite (no minutes spent rewriting a
    document that cannot be rendered), nothing written."""
    import easyread.pipeline

    def no_rewrite(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the rewrite ran")

    monkeypatch.setattr(easyread.pipeline, "process", no_rewrite)
    article = tmp_path / "long.txt"
    article.write_text("Headline\n" + "\n".join(f"Line {i} is short." for i in range(6000)), "utf-8")
    out = tmp_path / "long.pdf"
    result = CliRunner().invoke(cli, ["convert", str(article), "-o", str(out)])
    assert result.exit_code == 3 and "E401" in result.output and "page_count" in result.output
    assert not out.exists() and renderer_calls == []


@pytest.mark.parametrize("length", [1001, 200_000])
def test_a_long_run_without_spaces_is_refused_before_rendering(renderer_calls: list[str], length: int) -> None:
    """WeasyPrint lays out a long unbroken run in time that grows with its length squared."""
    doc = document_from_text("Headline\nThe gene reads " + "ACGT" * (length // 4) + "A" * (length % 4) + " today.\n")
    with pytest.raises(AccessibilityError) as err:
        render_pdf_report(doc, "easy-read", check=False)
    assert err.value.code == "E401" and "characters without a space" in str(err.value)
    assert f"{min(length, 20_000):,} characters" in str(err.value)  # the reader cuts a sentence at 20,000
    assert renderer_calls == []


def test_a_long_web_address_is_rendered(renderer_calls: list[str]) -> None:
    doc = document_from_text("Headline\nRead it at https://example.org/" + "a" * 900 + " today, please.\n")
    render_pdf_report(doc, "easy-read", check=False)
    assert len(renderer_calls) == 1

"""easyread.render.accessibility: the accessibility checks of a page before it is rendered
(the word "check" alone means readability thresholds: easyread.check)."""

from __future__ import annotations

import pytest

from easyread.pipeline import document_from_text
from easyread.render import render_html
from easyread.render.accessibility import WARNING_CHECKS, CheckResult, check_html, failures

GOOD = ('<html lang="en"><head><title>Help</title></head><body><main><h1>Help</h1><h2>Calls</h2>'
        '<img src="a.svg" alt="A telephone"></main></body></html>')


def _by_name(page: str, *, for_pdf: bool) -> dict[str, bool]:
    return {r.check: r.ok for r in check_html(page, for_pdf=for_pdf)}


def test_a_good_page_passes_every_check() -> None:
    assert _by_name(GOOD, for_pdf=False) == {
        "lang": True, "title": True, "img_alt": True, "heading_order": True,
        "layout_tables": True, "no_scripts": True, "landmarks": True,
    }
    assert set(_by_name(GOOD, for_pdf=True)) == {"lang", "title", "img_alt", "heading_order", "layout_tables"}


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (('lang="en"', ""), "lang"),
        (("<title>Help</title>", "<title> </title>"), "title"),
        ((' alt="A telephone"', ""), "img_alt"),
        (("<h2>Calls</h2>", "<h4>Calls</h4>"), "heading_order"),
        (("</main>", "<table><tr><td>x</td></tr></table></main>"), "layout_tables"),
        (("</main>", "<script>alert(1)</script></main>"), "no_scripts"),
        (("<main>", "<div>"), "landmarks"),
    ],
)
def test_each_problem_fails_its_own_check(change: tuple[str, str], check: str) -> None:
    page = GOOD.replace(*change)
    failed = [r.check for r in failures(check_html(page, for_pdf=False))]
    assert failed == [check]


def test_an_empty_alt_is_decorative_on_a_page_but_not_in_a_pdf() -> None:
    page = GOOD.replace(' alt="A telephone"', ' alt="" role="presentation"')
    assert _by_name(page, for_pdf=False)["img_alt"]
    assert not _by_name(page, for_pdf=True)["img_alt"]


def test_warnings_are_not_failures() -> None:
    report = [CheckResult("page_count", False, "30 pages"), CheckResult("lang", True, "ok")]
    assert "page_count" in WARNING_CHECKS and failures(report) == []


@pytest.mark.parametrize("profile", ["easy-read", "large-print", "plain"])
def test_easyreads_own_pages_pass(profile: str) -> None:
    doc = document_from_text("Helpline busy\n\nCalls to the helpline went up. The police said so.")
    page = render_html(doc, profile=profile, check=False)
    assert failures(check_html(page, for_pdf=False)) == []
    assert failures(check_html(page, for_pdf=True)) == []

"""The HTML reader's work is linear in the page, however deeply its elements nest (issue 14).

Counted by behaviour, not time: the reader asks for an element's children through
``easyread.read._children``; over a whole read that must be a small multiple of the number of
elements, whatever the nesting, and the text must come out as before.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from easyread import read
from easyread.errors import EmptyInput
from easyread.read import from_text

PATTERNS = {
    "p": "<p>word {i}.",
    "pre": "<pre>Step {i} done. <b>x</b>",
    "pre-code": "<pre><code>x</code>Step {i} done. ",
    "header": "<header><span>x</span>Header {i}. ",
    "div-b": "<div><b>Note</b> item {i} is here. ",
    "section": "<section>word {i}.",
    "hidden": "<div hidden>word {i}.",
    "aria": "<div aria-hidden=true>word {i}.",
    "li": "<li>word {i}.",
}


def _page(pattern: str, n: int) -> str:
    return "<html><body><article>" + "".join(pattern.format(i=i) for i in range(n))


def _calls(monkeypatch: pytest.MonkeyPatch, html: str) -> tuple[int, list[str]]:
    calls = 0
    original = read._children

    def counting(node: Any) -> list[Any]:
        nonlocal calls
        calls += 1
        return original(node)

    monkeypatch.setattr(read, "_children", counting)
    try:
        blocks = [b.text for b in from_text(html, fmt="html").blocks]
    except EmptyInput:
        blocks = []
    return calls, blocks


@pytest.mark.parametrize("kind", sorted(PATTERNS))
def test_reader_work_is_linear_in_nesting(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    small, small_blocks = _calls(monkeypatch, _page(PATTERNS[kind], 300))
    large, large_blocks = _calls(monkeypatch, _page(PATTERNS[kind], 1200))
    elements = len(BeautifulSoup(_page(PATTERNS[kind], 1200), "html.parser").find_all(True))
    assert large <= 3 * elements + 10
    assert large <= 5 * small
    assert len(large_blocks) in (0, 1, 1200) and len(small_blocks) in (0, 1, 300)


def test_nested_unclosed_elements_read_as_before() -> None:
    doc = from_text(_page("<p>word {i}.", 50), fmt="html")
    assert [b.text for b in doc.blocks] == [f"word {i}." for i in range(50)]
    doc = from_text(_page("<div><b>Note</b> item {i} is here. ", 20), fmt="html")
    assert [b.text for b in doc.blocks] == [f"Note item {i} is here." for i in range(20)]
    # <pre> holding <code> anywhere inside is a code listing; a page header is furniture.
    html = "<html><body><header>Site</header><pre>Keep {i}.</pre><pre>Drop <code>x</code></pre><p>End.</p>"
    assert [b.text for b in from_text(html.replace("{i}", "1"), fmt="html").blocks] == ["Keep 1.", "End."]


def test_nested_hidden_elements_do_not_crash() -> None:
    # Decomposing the outer hidden element used to leave the inner ones half-cleared
    # (AttributeError, an internal error): now both are simply left out.
    html = "<html><body><div hidden><div hidden>secret</div></div><p>Shown.</p>"
    assert [b.text for b in from_text(html, fmt="html").blocks] == ["Shown."]


def test_parse_tree_is_beautifulsoups() -> None:
    page = _page("<span><i>x</i>y {i} ", 200)
    ours, theirs = read._soup_class()(page, "html.parser"), BeautifulSoup(page, "html.parser")
    assert str(ours) == str(theirs)
    assert [repr(e) for e in ours.descendants] == [repr(e) for e in theirs.descendants]
    assert [e.next_element is None for e in ours.descendants] == [
        e.next_element is None for e in theirs.descendants]

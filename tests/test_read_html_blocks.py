"""Drop nothing, read nothing twice (issue 16): every piece of visible text in an HTML page
lands in exactly one block, whatever the markup around it and however deep it is nested.

Regression: ``<li><p>…</p></li>`` (CMS output, Markdown "loose" lists) was skipped twice over
(the ``<li>`` because it holds a block, the ``<p>`` because its parent is an ``<li>``), so a
council page lost all its points with exit 0, and a page that was only such a list rendered a
PDF with no body text (E401 "body text is 14 pt"). Quotes nested past 20 levels lost their text
in Markdown (markdown-it's nesting guard).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from easyread.read import from_text

COUNCIL = (
    "<!doctype html><html lang=\"en\"><head><title>Council news</title></head><body>"
    "<nav><ul><li><p>Home</p></li><li><p>Bins</p></li></ul></nav>"
    "<main><h1>Changes from April</h1><ul>"
    "<li><p>Bus fares will go up by 10p.</p></li>"
    "<li><p>Two libraries will close in March.</p></li>"
    "<li><p>Council tax will <strong>not</strong> rise.</p></li>"
    "</ul></main><footer><p>Contact us</p></footer></body></html>"
)
COUNCIL_ITEMS = ["Bus fares will go up by 10p.", "Two libraries will close in March.",
                 "Council tax will not rise."]

# (name, body HTML, the blocks expected: (kind, text) in order)
FIXTURES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("li-p", "<ul><li><p>Alpha one.</p></li><li><p>Alpha two.</p><p>Alpha three.</p></li></ul>",
     [("list_item", "Alpha one."), ("list_item", "Alpha two."), ("list_item", "Alpha three.")]),
    ("li-div", "<ol><li><div>Bravo one.</div></li><li><div><span>Bravo two.</span></div></li></ol>",
     [("list_item", "Bravo one."), ("list_item", "Bravo two.")]),
    ("li-nested-list",
     "<ul><li>Charlie outer.<ul><li>Charlie inner.</li><li><p>Charlie inner p.</p></li></ul>"
     "Charlie tail.</li></ul>",
     [("list_item", "Charlie outer."), ("list_item", "Charlie inner."),
      ("list_item", "Charlie inner p."), ("list_item", "Charlie tail.")]),
    ("li-mixed", "<ul><li>Delta lead. <p>Delta block.</p> Delta trail.</li></ul>",
     [("list_item", "Delta lead."), ("list_item", "Delta block."), ("list_item", "Delta trail.")]),
    ("li-heading", "<ul><li><h3>Echo heading.</h3><p>Echo body.</p></li></ul>",
     [("heading", "Echo heading."), ("list_item", "Echo body.")]),
    ("li-blockquote", "<ol><li><blockquote><p>Foxtrot quoted item.</p></blockquote></li></ol>",
     [("list_item", "Foxtrot quoted item.")]),
    ("dl", "<dl><dt>Golf term.</dt><dd><p>Golf definition.</p><p>Golf more.</p></dd>"
           "<dd>Golf plain.</dd></dl>",
     [("paragraph", "Golf term."), ("paragraph", "Golf definition."), ("paragraph", "Golf more."),
      ("paragraph", "Golf plain.")]),
    ("table", "<table><caption>Hotel caption.</caption><thead><tr><th>Hotel head.</th></tr></thead>"
              "<tbody><tr><td>Hotel cell.</td><td><p>Hotel cell p.</p></td></tr></tbody></table>",
     [("paragraph", "Hotel caption."), ("paragraph", "Hotel head."), ("paragraph", "Hotel cell."),
      ("paragraph", "Hotel cell p.")]),
    ("section", "<section><h2>India head.</h2>India loose.<p>India para.</p></section>"
                "<section><div>India div.</div></section>",
     [("heading", "India head."), ("paragraph", "India loose."), ("paragraph", "India para."),
      ("paragraph", "India div.")]),
    ("figure", "<figure><img src=\"x.png\" alt=\"not read\"><figcaption><p>Juliet caption.</p>"
               "</figcaption></figure><figure>Juliet loose figure.</figure>",
     # a photo's caption is kept as a credit block, never a row (issue 11)
     [("credit", "Juliet caption."), ("paragraph", "Juliet loose figure.")]),
    ("details", "<details><summary>Kilo summary.</summary><p>Kilo detail.</p>Kilo more.</details>",
     [("paragraph", "Kilo summary."), ("paragraph", "Kilo detail."), ("paragraph", "Kilo more.")]),
    ("div-text", "<div>Lima direct.<div>Lima inner.</div>Lima after.</div>Lima body text.",
     [("paragraph", "Lima direct."), ("paragraph", "Lima inner."), ("paragraph", "Lima after."),
      ("paragraph", "Lima body text.")]),
    ("blockquote", "<blockquote>Mike lead.<p>Mike para.</p><blockquote><p>Mike nested.</p>"
                   "</blockquote>Mike tail.</blockquote>",
     [("quote", "Mike lead."), ("quote", "Mike para."), ("quote", "Mike nested."),
      ("quote", "Mike tail.")]),
    ("br", "<div>November one.<br>November same.<br><br>November two.</div>",
     [("paragraph", "November one. November same."), ("paragraph", "November two.")]),
    ("pre-text", "<pre>Oscar one.\nOscar same.\n\nOscar two.</pre>",
     [("paragraph", "Oscar one. Oscar same."), ("paragraph", "Oscar two.")]),
    ("inline", "<p>The <a href=\"#\">BBC</a>'s report is <em>out</em> now.</p>",
     [("paragraph", "The BBC's report is out now.")]),
    ("custom-element", "<x-card>Papa custom.</x-card><p>Papa para.</p>",
     [("paragraph", "Papa custom."), ("paragraph", "Papa para.")]),
    ("article-header",
     "<header><p>Quebec site banner.</p></header><article><header><h1>Quebec headline.</h1>"
     "<p>Quebec standfirst.</p></header><p>Quebec body.</p></article>",
     [("title", "Quebec headline."), ("paragraph", "Quebec standfirst."),
      ("paragraph", "Quebec body.")]),
]


def _page(body: str) -> str:
    return f"<!doctype html><html lang=\"en\"><head><title>Page</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(("body", "expected"), [f[1:] for f in FIXTURES], ids=[f[0] for f in FIXTURES])
def test_every_block_is_read_once(body: str, expected: list[tuple[str, str]]) -> None:
    doc = from_text(_page(body), fmt="html")
    assert [(b.kind, b.text) for b in doc.blocks] == expected


@pytest.mark.parametrize(("body", "expected"), [f[1:] for f in FIXTURES], ids=[f[0] for f in FIXTURES])
def test_every_sentence_appears_exactly_once(body: str, expected: list[tuple[str, str]]) -> None:
    text = "\n".join(b.text for b in from_text(_page(body), fmt="html").blocks)
    sentences = [s for _, t in expected for s in re.findall(r"[^.]+\.", t)]
    for sentence in sentences:
        assert text.count(sentence.strip()) == 1, sentence


def test_what_is_left_out_on_purpose() -> None:
    """The documented policy: page furniture, code, hidden text. Nothing else."""
    page = (
        "<html><head><title>T</title><style>.x { color: red }</style></head><body>"
        "<header><p>Site banner.</p></header>"
        "<div role=\"navigation\"><p>Role nav.</p></div><nav><p>Menu.</p></nav>"
        "<main><h1>Kept headline.</h1>"
        "<p>Kept one.<script>alert('x')</script><!-- a comment --></p>"
        "<aside><p>Related stories.</p></aside>"
        "<pre><code>print('code')</code></pre>"
        "<p hidden>Hidden text.</p><div aria-hidden=\"true\">Aria hidden.</div>"
        "<form><label>Your email</label><button>Send</button></form>"
        "<noscript>Turn on JavaScript.</noscript><video>Your browser cannot play this.</video>"
        "<p>Kept two.</p></main>"
        "<p>Outside main.</p><footer><p>Footer text.</p></footer></body></html>"
    )
    doc = from_text(page, fmt="html")
    assert [b.text for b in doc.blocks] == ["Kept headline.", "Kept one.", "Kept two."]


def test_markdown_inline_script_and_style_are_not_prose() -> None:
    source = ("Intro here.\n\nDo not trust it. <style>body { color: red }</style> <script src=x></script>"
              "<SCRIPT>alert(1)</script> Call <b>the police</b>.\n")
    doc = from_text(source, fmt="md")
    assert [b.text for b in doc.blocks] == ["Intro here.", "Do not trust it. Call the police."]


def test_hidden_until_found_is_read() -> None:
    doc = from_text(_page("<p hidden>Never shown.</p><p hidden=\"until-found\">Shown when found.</p>"),
                    fmt="html")
    assert [b.text for b in doc.blocks] == ["Shown when found."]


def _random_tree(rng: random.Random, depth: int, counter: list[int]) -> str:
    """Random nested markup whose text leaves are numbered sentences, in document order."""
    parts: list[str] = []
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if depth <= 0 or choice < 0.35:
            counter[0] += 1
            sentence = f" Sentence number {counter[0]}. "
            wrap = rng.choice(["", "span", "em", "strong", "a", "b", "p", "div", "h2", "td-row"])
            if wrap == "td-row":
                parts.append(f"<table><tr><td>{sentence}</td></tr></table>")
            elif wrap:
                parts.append(f"<{wrap}>{sentence}</{wrap}>")
            else:
                parts.append(sentence)
            continue
        inner = _random_tree(rng, depth - 1, counter)
        kind = rng.choice(["ul", "ol", "blockquote", "div", "section", "p", "dl", "figure",
                           "details", "li-direct", "br"])
        if kind in ("ul", "ol"):
            parts.append(f"<{kind}><li>{inner}</li></{kind}>")
        elif kind == "dl":
            parts.append(f"<dl><dd>{inner}</dd></dl>")
        elif kind == "figure":
            parts.append(f"<figure><figcaption>{inner}</figcaption></figure>")
        elif kind == "li-direct":
            parts.append(f"<ul><li>{inner}<ul><li>{_random_tree(rng, depth - 1, counter)}</li></ul></li></ul>")
        elif kind == "br":
            parts.append(f"{inner}<br>")
        else:
            parts.append(f"<{kind}>{inner}</{kind}>")
    return "".join(parts)


@pytest.mark.parametrize("seed", range(40))
def test_random_nesting_reads_every_sentence_once_in_order(seed: int) -> None:
    rng = random.Random(seed)
    counter = [0]
    body = _random_tree(rng, rng.randint(1, 6), counter)
    doc = from_text(_page(body), fmt="html")
    numbers = [int(n) for b in doc.blocks for n in re.findall(r"Sentence number (\d+)\.", b.text)]
    assert numbers == list(range(1, counter[0] + 1)), body
    joined = " ".join(b.text for b in doc.blocks)
    assert joined == " ".join(f"Sentence number {n}." for n in range(1, counter[0] + 1))


@pytest.mark.parametrize("depth", [30, 1000])
@pytest.mark.parametrize("tag", ["blockquote", "div", "li"])
def test_deep_html_nesting_keeps_its_text(depth: int, tag: str) -> None:
    opening = "<ul><li>" if tag == "li" else f"<{tag}>"
    closing = "</li></ul>" if tag == "li" else f"</{tag}>"
    page = _page(f"<p>Before the quote.</p>{opening * depth}<p>Deep down it still reads.</p>"
                 f"{closing * depth}<p>After the quote.</p>")
    doc = from_text(page, fmt="html")
    kind = {"blockquote": "quote", "div": "paragraph", "li": "list_item"}[tag]
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Before the quote."), (kind, "Deep down it still reads."),
        ("paragraph", "After the quote.")]


@pytest.mark.parametrize("depth", [19, 21, 30, 1000])
def test_deep_markdown_quotes_keep_their_text(depth: int) -> None:
    source = (f"Before the quote.\n\n{'> ' * depth}Deep down it *still* reads.\n{'> ' * depth}"
              f"Second line.\n\n{'>' * depth} Second paragraph.\n\nAfter the quote.\n")
    doc = from_text(source, fmt="md")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Before the quote."), ("quote", "Deep down it still reads. Second line."),
        ("quote", "Second paragraph."), ("paragraph", "After the quote.")]


@pytest.mark.parametrize("depth", [5, 30, 300])
def test_deep_markdown_lists_keep_every_item(depth: int) -> None:
    source = "\n".join("  " * i + f"- Item {i}." for i in range(depth)) + "\n\nAfter the list.\n"
    doc = from_text(source, fmt="md")
    assert [b.text for b in doc.blocks] == [f"Item {i}." for i in range(depth)] + ["After the list."]
    assert {b.kind for b in doc.blocks[:-1]} == {"list_item"}


@pytest.mark.parametrize("source", [
    "# Council news\n\n- Bus fares will go up by 10p.\n\n- Two libraries will close in March.\n\n"
    "- Council tax will **not** rise.\n\nThat is all.\n",
    "# T\n\n1. First point.\n\n   More on the first point.\n2. Second point.\n   - nested a\n"
    "   - nested b\n\n> A quote.\n>\n> > A nested quote with a [link](https://example.org).\n\n"
    "```\ncode()\n```\n\n    indented code\n\nText with `code` and a  \nhard break.\n\n---\n\n"
    "## Sub\n\nSetext\n===\n\nEnd.\n",
    "Plain start.\n\n* a\n* b\n\n  loose b\n* c\n",
], ids=["council", "mixed", "tight-and-loose"])
def test_markdown_and_its_html_read_the_same(source: str) -> None:
    """Loose lists (``<li><p>`` in HTML) give the same blocks from Markdown and from its HTML."""
    from_md = [(b.kind, b.text) for b in from_text(source, fmt="md").blocks]
    from_html = [(b.kind, b.text) for b in from_text(MarkdownIt("commonmark").render(source), fmt="html").blocks]
    assert from_md == from_html
    assert any(kind == "list_item" for kind, _ in from_md)


def test_council_page_blocks() -> None:
    doc = from_text(COUNCIL, fmt="html")
    assert [(b.kind, b.text) for b in doc.blocks] == (
        [("title", "Changes from April")] + [("list_item", t) for t in COUNCIL_ITEMS])
    assert doc.source.title == "Changes from April"


def test_council_page_score_rewrite_terms(tmp_path: Path) -> None:
    from easyread import score_text
    from easyread.config import load_config
    from easyread.pipeline import process, read_document
    from easyread.terms import terms_for_file

    page = tmp_path / "council.html"
    page.write_text(COUNCIL, "utf-8")
    scores = score_text(COUNCIL, fmt="html").to_dict()
    assert scores["indicators"]["sentences"] == 3, scores

    config = load_config(profile="easy-read", use_project=False)
    rewritten = process(read_document(page, config), config).text()
    assert "Bus fares will go up by 10p." in rewritten
    assert "libraries will close in March." in rewritten
    assert "Council tax will not rise." in rewritten

    found = terms_for_file(str(page), config)
    assert "council tax" in {t.term.lower() for t in found}


def test_council_page_through_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from easyread.cli import cli

    page = tmp_path / "council.html"
    page.write_text(COUNCIL, "utf-8")
    runner = CliRunner()
    score = runner.invoke(cli, ["score", str(page), "--format", "json", "--sentences"])
    assert score.exit_code == 0, score.output
    for item in COUNCIL_ITEMS:
        assert item in score.output
    rewrite = runner.invoke(cli, ["rewrite", str(page)])
    assert rewrite.exit_code == 0, rewrite.output
    assert "Council tax will not rise." in rewrite.output
    terms = runner.invoke(cli, ["terms", str(page), "--format", "json"])
    assert terms.exit_code == 0, terms.output
    assert "council tax" in terms.output.lower()


LIST_ONLY = (
    "<!doctype html><html lang=\"en\"><head><title>Changes</title></head><body><h1>Changes</h1>"
    "<ul><li><p>Bus fares will go up by 10p.</p></li><li><p>Two libraries will close in March.</p>"
    "</li></ul></body></html>"
)


def test_list_only_page_converts_to_html(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup
    from click.testing import CliRunner

    from easyread.cli import cli

    page = tmp_path / "page.html"
    page.write_text(LIST_ONLY, "utf-8")
    out = tmp_path / "out.html"
    result = CliRunner().invoke(cli, ["convert", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "E401" not in result.output and "font" not in result.output
    main = BeautifulSoup(out.read_text("utf-8"), "html.parser").find("main")
    assert main is not None
    text = " ".join(main.get_text(" ").split())
    assert "Bus fares will go up by 10p." in text
    assert "libraries will close in March." in text


@pytest.mark.pdf
def test_list_only_page_converts_to_pdf_without_a_font_size_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from easyread.cli import cli

    page = tmp_path / "page.html"
    page.write_text(LIST_ONLY, "utf-8")
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(cli, ["convert", str(page), "-o", str(out), "--no-rewrite"])
    assert result.exit_code == 0, result.output
    assert "body_font_size" not in result.output and "E401" not in result.output
    assert out.stat().st_size > 0

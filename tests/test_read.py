"""Readers and bad input: every problem is one clear error with a code, never a traceback."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from easyread import errors
from easyread.document import Document
from easyread.read import load


def test_seed_title_and_credit(seed_path: Path) -> None:
    doc = load(seed_path)
    assert doc.blocks[0].kind == "title"
    assert doc.title and doc.title.startswith("Javid to announce CSE strategy")
    assert doc.credit and doc.credit.startswith("Copyright (c) Press Association")
    assert all(b.kind != "credit" for b in doc.blocks)
    assert "Copyright" not in " ".join(b.text for b in doc.blocks)


def test_markdown_reader(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# Title\n\nFirst *para* here.\n\n- one item\n- two item\n\n> A quote here.\n\n<script>x()</script>\n", "utf-8")
    doc = load(p)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == ("title", "Title")
    assert ("paragraph", "First para here.") in kinds
    assert ("list_item", "one item") in kinds
    assert ("quote", "A quote here.") in kinds
    assert not any("x()" in t for _, t in kinds)


def test_html_reader_main_text_only(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(
        "<html><head><title>T</title><style>p{}</style><script>bad()</script></head><body>"
        "<nav><p>Menu</p></nav><article><h1>Big news</h1><p>The first paragraph.</p>"
        "<ul><li>an item</li></ul></article><footer><p>Footer</p></footer></body></html>", "utf-8")
    doc = load(p)
    texts = [b.text for b in doc.blocks]
    assert texts == ["Big news", "The first paragraph.", "an item"]
    assert doc.blocks[0].kind == "title"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", errors.EmptyInput),
        (b"   \n\t\n", errors.EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", errors.BinaryInput),
        ("Caf\u00e9 ok. ".encode() + "na\u00efve".encode("cp1252"), errors.EncodingProblem),
    ],
    ids=["empty", "whitespace", "png", "mixed-encoding"],
)
def test_bad_content(tmp_path: Path, content: bytes, error: type[Exception]) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(error) as info:
        load(p)
    assert str(p) in str(info.value)


def test_cp1252_is_detected_not_replaced(tmp_path: Path) -> None:
    p = tmp_path / "win.txt"
    p.write_bytes("Title\nIt cost \u00a3600 in total.".encode("cp1252"))
    doc = load(p)
    assert "\u00a3600" in doc.blocks[1].text
    assert any(n.code == "W301" for n in doc.notes)


@pytest.mark.parametrize("enc", ["utf-16", "utf-8-sig"])
def test_boms(tmp_path: Path, enc: str) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes("Title\nHello there, reader.".encode(enc))
    doc = load(p)
    assert doc.blocks[1].text == "Hello there, reader."
    assert not doc.blocks[0].text.startswith(codecs.BOM_UTF8.decode("utf-8"))


def test_missing_directory_fifo_and_large(tmp_path: Path) -> None:
    with pytest.raises(errors.InputNotFound):
        load(tmp_path / "nope.txt")
    with pytest.raises(errors.NotARegularFile):
        load(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(errors.NotARegularFile):
        load(fifo)  # must not block
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(errors.InputTooLarge):
        load(big)


def test_stdin() -> None:
    doc = load("-", stdin_bytes=b"Title\nA line of text.")
    assert doc.source.path == "<stdin>"
    assert doc.blocks[1].text == "A line of text."


def test_lone_surrogate_does_not_survive() -> None:
    from easyread.read import from_text

    doc = from_text("Title\nBad \udc80 char here.")
    doc.source.text.encode("utf-8")
    for b in doc.blocks:
        b.text.encode("utf-8")


def test_first_paragraph_is_not_taken_for_a_headline(tmp_path: Path) -> None:
    """An article starting with its first paragraph has no headline line (regression: a
    whole paragraph became the <h1> and split over two pages in the PDF)."""
    p = tmp_path / "no-headline.txt"
    first = ("James Hamblin, senior editor of an American magazine, recently joined the unwashed masses. "
             "He reduced the number of showers he had and stopped using soap.")
    p.write_text(first + "\nThe second paragraph is here.\n", "utf-8")
    doc = load(p)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    assert doc.source.title is None and doc.title is None  # a file name is never a title
    short = tmp_path / "a.txt"
    short.write_text("Javid to announce CSE strategy after ‘surge’ in offenders seeking help\nBody text here.\n", "utf-8")
    assert load(short).blocks[0].kind == "title"


def test_a_file_name_is_never_the_title(tmp_path: Path) -> None:
    """Issue 11: "WNL Kate Bush-adv.txt" gave the cover title "WNL Kate Bush adv"."""
    p = tmp_path / "WNL Young Americans-adv.txt"
    p.write_text("The first paragraph of the article is long enough to be a paragraph and ends here. "
                 "It goes on.\nThe second paragraph.\n", "utf-8")
    doc = load(p)
    assert doc.title is None and doc.source.title_source is None
    assert doc.to_dict()["source"]["title_source"] is None


@pytest.mark.parametrize(("first", "kind"), [
    ("Introduction", "heading"), ("Summary:", "heading"), ("1 Race engineer", "heading"),
    ("2. What it costs", "heading"), ("Part 3", "heading"),
    ("Kate Bush asks fans to put their phones away", "title"),
    ("10 things we learned from the match", "title"),
    ("Is this the moment when streaming goes truly mainstream?", "title"),
])
def test_a_section_heading_is_not_the_title(tmp_path: Path, first: str, kind: str) -> None:
    """A first line that heads a part of the text ("Introduction", a numbered heading) is a
    heading; the document then has no title (a pack was titled "Introduction")."""
    p = tmp_path / "a.txt"
    p.write_text(f"{first}\nThe first paragraph is here. It has two sentences.\n", "utf-8")
    doc = load(p)
    assert doc.blocks[0].kind == kind
    assert doc.title == (first if kind == "title" else None)
    assert doc.source.title_source == ("headline" if kind == "title" else None)


@pytest.mark.parametrize(("name", "text", "title", "source"), [
    ("a.md", "# Rats in the city\n\nRats live here.\n", "Rats in the city", "markdown-h1"),
    ("a.md", "# Introduction\n\nRats live here.\n", None, None),
    ("a.html", "<html><head><title>Rats | News</title></head><body><h1>Rats in the city</h1>"
               "<p>Rats live here.</p></body></html>", "Rats in the city", "html-h1"),
    ("a.html", "<html><head><title>Rats | News</title></head><body><p>Rats live here.</p></body></html>",
     "Rats | News", "html-title"),
])
def test_the_title_and_where_it_came_from(tmp_path: Path, name: str, text: str, title: str | None,
                                          source: str | None) -> None:
    p = tmp_path / name
    p.write_text(text, "utf-8")
    doc = load(p)
    assert (doc.title, doc.title_source) == (title, source)
    assert doc.to_dict()["source"]["title_source"] == source


def test_a_given_title_wins_and_keeps_the_original(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Rats in the city\nRats live here. They eat bins.\n", "utf-8")
    doc = load(p)
    doc.set_title("  City   rats ")
    assert (doc.title, doc.title_source, doc.source.title) == ("City rats", "option", "Rats in the city")
    again = Document.from_dict(doc.to_dict())
    assert (again.title, again.title_source, again.source.title) == ("City rats", "option", "Rats in the city")


def test_a_first_line_of_two_sentences_is_not_a_headline(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Swedish prisons have long had a reputation around the world for being progressive. "
                 "But are the country’s prisons a soft option?\nThe first paragraph.\n", "utf-8")
    doc = load(p)
    assert doc.blocks[0].kind == "paragraph" and doc.title is None


def test_ligatures_become_letters_and_broken_words_are_joined() -> None:
    """Text copied from a PDF: "ﬁ" is written "fi"; a word broken at a ligature is joined
    when the joined word is common and the piece is not, in quotations too (the words are the
    writer's), and each join is a note."""
    from easyread.read import from_text

    doc = from_text("“And it bene \ufb01ts society,” she said. The \ufb01 nest view will be \ufb01lled.")
    assert doc.blocks[0].text == "“And it benefits society,” she said. The finest view will be filled."
    assert sum("news.ligature" in n.message for n in doc.notes) == 2

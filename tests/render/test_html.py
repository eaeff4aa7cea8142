"""The HTML page: structure, accessibility and escaping, checked with an HTML parser (no PDF)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from easyread.config import Config, load_config
from easyread.document import Document, GlossEntry
from easyread.errors import ConfigError, ProfileError
from easyread.pipeline import read_document
from easyread.render import check_html, render_html, settings_for, styles_dir
from easyread.render.accessibility import failures
from easyread.render.html import OPENMOJI_CREDIT, clean_text, sentence_html

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
NSPCC = "National Society for the Prevention of Cruelty to Children"


def seed_doc() -> Document:
    """The seed, read and segmented, with two glossary entries added through the gloss door."""
    doc = read_document(SEED)
    by_text = {s.text: s.id for s in doc.body_sentences()}
    nspcc = next(sid for text, sid in by_text.items() if "NSPCC" in text)
    dark = next(sid for text, sid in by_text.items() if "dark web" in text)
    doc.add_gloss(
        GlossEntry("NSPCC", "A charity that keeps children safe.", nspcc, "builtin", "acronym", NSPCC),
        rule="test.gloss", reason="test", explanation_sentence="The NSPCC is a charity that keeps children safe.",
    )
    doc.add_gloss(
        GlossEntry("dark web", "A hidden part of the internet.", dark, "builtin", "term"),
        rule="test.gloss", reason="test", explanation_sentence="The dark web is a hidden part of the internet.",
    )
    # Two terms explained only in the "Hard words" box (no sentence of their own in the text).
    doc.add_gloss(GlossEntry("CSE", "When a child is made to do sex acts for gifts.", None, "builtin",
                             "acronym", "child sexual exploitation"), rule="test.gloss", reason="test")
    doc.add_gloss(GlossEntry("strategy", "A plan to reach a goal over a long time.", None, "builtin"),
                  rule="test.gloss", reason="test")
    return doc


@pytest.fixture(scope="module")
def doc() -> Document:
    return seed_doc()


@pytest.fixture(scope="module")
def page(doc: Document) -> str:
    return render_html(doc, profile="easy-read")


@pytest.fixture(scope="module")
def soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def test_lang_title_and_landmarks(soup: BeautifulSoup, doc: Document) -> None:
    assert soup.html["lang"] == "en"
    assert soup.title.get_text(strip=True) == doc.title
    body = soup.body
    assert [child.name for child in body.find_all(recursive=False)] == ["header", "main", "footer"]
    assert len(soup.find_all("h1")) == 1


def test_headings_in_order(soup: BeautifulSoup) -> None:
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert max(levels) <= 3  # EL-11


def test_every_image_has_alt_and_is_inline(soup: BeautifulSoup) -> None:
    images = soup.find_all("img")
    assert images, "the easy-read seed should get some pictures"
    for img in images:
        assert img.get("alt", "").strip(), img
        assert img["src"].startswith("data:image/svg+xml;base64,")


def test_self_contained_no_scripts_no_external_urls(soup: BeautifulSoup, page: str) -> None:
    assert not soup.find_all(["script", "iframe", "object", "embed", "link"])
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    assert len(soup.find_all("style")) == 1
    # The font is embedded as data: URLs (not the PDF fetcher's scheme): the CSS loads nothing.
    urls = re.findall(r"url\(\s*[\"']?([^\"')]*)", soup.style.get_text())
    assert len(urls) == 2 and all(u.startswith("data:font/ttf;base64,") for u in urls)
    assert "easyread-font:" not in page


def test_web_font_is_an_embedded_subset() -> None:
    import base64
    import io

    from fontTools.ttLib import TTFont

    from easyread.render.html import WEB_FONT_CHARS, web_font_source

    src = web_font_source("SourceSansPro-Bold.ttf")
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", src).group(1))
    assert len(data) < 60_000  # a subset, not the 291 kB file
    font = TTFont(io.BytesIO(data))
    assert "Source Sans Pro" in font["name"].getDebugName(1)
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "Aa9£€“”–")
    assert set(cmap) <= {ord(c) for c in WEB_FONT_CHARS}
    assert web_font_source.__wrapped__("SourceSansPro-Bold.ttf") == src  # the same bytes each run


def test_one_sentence_per_row_picture_left(soup: BeautifulSoup, doc: Document) -> None:
    rows = soup.select("main .row")
    sentences = list(doc.body_sentences())
    assert len(rows) == len(sentences)
    for row, sentence in zip(rows, sentences, strict=True):
        cells = row.find_all(recursive=False)
        assert [c.get("class") for c in cells] == [["pic"], ["words"]]  # picture cell first
        assert words(cells[1].get_text()) == words(sentence.text)
    # A sentence with no matching picture keeps an empty cell, so the words stay aligned.
    assert all(len(r.select(".pic img")) <= 1 for r in rows)


def test_cover_says_what_it_is(soup: BeautifulSoup, doc: Document) -> None:
    cover = soup.find("header", class_="cover")
    assert words(cover.h1.get_text()) == doc.title
    # The first sentence is row 1; the cover does not print it again (see the test below).
    assert cover.find(class_="about") is None
    assert soup.find("meta", attrs={"name": "description"})["content"] == next(doc.body_sentences()).text
    note = words(cover.find(class_="version-note").get_text())
    assert note.startswith("This is an easy read version of") and doc.title in note
    assert "Press Association" in cover.get_text()


@pytest.mark.parametrize("profile", ["easy-read", "large-print", "plain"])
def test_the_first_sentence_is_printed_once(doc: Document, profile: str) -> None:
    """Blind picture reviews 6-9: "the first sentence of every article is printed twice" (as
    the cover's bold line and as row 1). Every profile prints it once."""
    page = BeautifulSoup(render_html(doc, profile=profile), "html.parser")
    first = words(next(doc.body_sentences()).text)
    visible = words(page.body.get_text(" "))
    assert visible.count(first) == 1


def test_a_standfirst_not_printed_in_the_body_is_on_the_cover() -> None:
    from easyread.render.html import cover_about

    doc = read_document(SEED)
    first = next(doc.body_sentences()).text
    assert cover_about(doc, first) is None  # the body prints it
    assert cover_about(doc, "A summary the body does not print.") == "A summary the body does not print."


def test_key_terms_bold_where_explained(soup: BeautifulSoup) -> None:
    strong = [words(s.get_text()) for s in soup.select("main .row strong")]
    assert "NSPCC" in strong and "dark web" in strong
    abbr = soup.select_one("main .row abbr")
    assert abbr is not None and abbr["title"] == NSPCC
    gloss_rows = soup.select("main .row.gloss")
    assert len(gloss_rows) == 2 and all(r.strong for r in gloss_rows)


def test_hard_words_box(soup: BeautifulSoup) -> None:
    box = soup.select_one("main section.hard-words")
    assert box is not None and box.h2.get_text() == "Hard words"
    # Only the terms not already explained in a sentence of their own where they are used.
    items = box.select("ul.terms > li")
    terms = [words(li.select_one(".term").get_text()) for li in items]
    assert terms == ["CSE", "strategy"]
    assert all(li.select_one(".term dfn") for li in items)
    assert box.select_one(".term abbr")["title"] == "child sexual exploitation"
    definitions = [words(li.select_one(".explanation").get_text()) for li in items]
    assert definitions[0].startswith("CSE stands for child sexual exploitation.")
    # One list item per term (L > LI > LBody in the PDF), nothing else in the list.
    assert [c.name for c in box.select_one("ul.terms").find_all(recursive=False)] == ["li", "li"]
    # The box is the last thing in <main> (ER-06: glossary at the end).
    assert soup.main.find_all(recursive=False)[-1] is box


def test_back_matter_credits(soup: BeautifulSoup) -> None:
    footer = words(soup.find("footer", class_="back-matter").get_text())
    assert OPENMOJI_CREDIT in footer
    assert "Source Sans Pro" in footer and "Open Font License" in footer


def test_text_in_reading_order(soup: BeautifulSoup, doc: Document) -> None:
    def squash(text: str) -> str:  # inline tags split text nodes; compare without spaces
        return "".join(text.split())

    text = squash(soup.main.get_text(" "))
    at = 0
    for sentence in doc.body_sentences():
        found = text.find(squash(sentence.text), at)
        assert found >= 0, sentence.text
        at = found


def test_page_passes_its_own_checks(page: str) -> None:
    report = check_html(page, for_pdf=False)
    assert {r.check for r in report} >= {"lang", "title", "img_alt", "heading_order", "no_scripts", "landmarks"}
    assert not failures(report), report


def test_article_markup_is_escaped_not_rendered() -> None:
    doc = read_document(SEED)
    first = next(doc.body_sentences())
    first.text = 'Hi <script>alert(1)</script> <img src="file:///etc/passwd"> </style> & {{ x }}'
    page = render_html(doc)
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all("script")
    assert all(img["src"].startswith("data:") for img in soup.find_all("img"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ x }}" in soup.get_text()


def test_user_css_cannot_close_the_style_element() -> None:
    page = render_html(read_document(SEED), css="p { color: #000 }</style><script>alert(1)</script>")
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all("script")
    assert len(soup.find_all("style")) == 1


def test_lone_surrogates_and_controls_are_cleaned() -> None:
    assert clean_text("a\udc80b\x00\x1bc\td") == "a\ufffdbc\td"
    doc = read_document(SEED)
    next(doc.body_sentences()).text = "Bad \udc80 text."
    page = render_html(doc)
    page.encode("utf-8")  # would raise UnicodeEncodeError on a lone surrogate
    assert "Bad \ufffd text." in page


def test_sentence_html_marks_first_use_only() -> None:
    entry = GlossEntry("web", "x", "s", "builtin")
    html = str(sentence_html("The web, the web.", [entry]))
    assert html == "The <strong>web</strong>, the web."
    assert str(sentence_html("webcam", [entry])) == "webcam"  # whole words only


def test_plain_profile_is_a_single_column_article(doc: Document) -> None:
    soup = BeautifulSoup(render_html(doc, profile="plain"), "html.parser")
    assert soup.find("article") is not None
    assert not soup.find_all("img") and not soup.select(".row")
    assert "plain language version" in soup.find(class_="version-note").get_text()
    assert soup.select_one("section.hard-words ul.terms") is not None


def test_large_print_has_rows_without_pictures(doc: Document) -> None:
    page = render_html(doc, profile="large-print")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select("main .row") and not soup.find_all("img") and not soup.select(".pic")
    assert "body { font-size: 18pt; }" in page


def test_font_size_is_profile_configurable_but_never_below_14pt() -> None:
    def config(size: object) -> Config:
        return load_config(use_project=False, overrides={"profiles": {"easy-read": {"render": {"font_size_pt": size}}}})

    assert settings_for("easy-read").font_size_pt == 16
    assert settings_for("easy-read", config(20)).font_size_pt == 20
    with pytest.raises(ConfigError):
        settings_for("easy-read", config(12))
    with pytest.raises(ConfigError):
        settings_for("easy-read", config("big"))
    with pytest.raises(ProfileError):
        settings_for("comic")
    page = render_html(read_document(SEED), config=config(20))
    assert "body { font-size: 20pt; }" in page


@pytest.mark.parametrize(
    ("page", "failed"),
    [
        ("<html><head><title>T</title></head><body><h1>T</h1></body></html>", {"lang"}),
        ('<html lang="en"><head></head><body><h1>T</h1></body></html>', {"title"}),
        ('<html lang="en"><title>T</title><h1>T</h1><img src="a.svg"></html>', {"img_alt"}),
        ('<html lang="en"><title>T</title><h1>T</h1><h3>x</h3></html>', {"heading_order"}),
        ('<html lang="en"><title>T</title><h1>T</h1><table><tr><td>x</td></tr></table></html>',
         {"layout_tables"}),
        ('<html lang="en"><title>T</title><h1>T</h1><script>x()</script></html>', {"no_scripts", "landmarks"}),
    ],
)
def test_html_checks_catch_problems(page: str, failed: set[str]) -> None:
    report = check_html(page, for_pdf=False)
    assert {r.check for r in failures(report)} >= failed


def test_decorative_image_allowed_in_html_not_in_pdf() -> None:
    page = '<html lang="en"><title>T</title><h1>T</h1><main><img src="a.svg" alt="" role="presentation"></main></html>'
    assert not failures(check_html(page, for_pdf=False))
    assert {r.check for r in failures(check_html(page, for_pdf=True))} == {"img_alt"}


def test_styles_dir_lists_the_packaged_css() -> None:
    names = sorted(p.name for p in styles_dir().glob("*.css"))
    assert names == ["base.css", "easy-read.css", "large-print.css", "plain.css"]
    base = (styles_dir() / "base.css").read_text("utf-8")
    for rule in ("hyphens: none", "line-height: 1.5", "text-align: left", "font-style: normal"):
        assert rule in base
    rules = re.sub(r"/\*.*?\*/", "", base, flags=re.S)
    assert "justify" not in rules and "italic" not in rules


def test_convert_cli_html_from_stdin(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from easyread.cli import cli

    out = tmp_path / "page.html"
    result = CliRunner().invoke(
        cli, ["convert", "-", "-o", str(out), "--no-rewrite", "--input-format", "md"],
        input="# Police warn people\n\nThe police said people must call the helpline.\n",
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "checks passed" in result.output
    soup = BeautifulSoup(out.read_text("utf-8"), "html.parser")
    assert soup.h1.get_text() == "Police warn people"
    assert soup.select_one("main .row img")["alt"]


def test_convert_cli_refuses_unknown_suffix_and_profile(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from easyread.cli import cli

    result = CliRunner().invoke(cli, ["convert", str(SEED), "-o", str(tmp_path / "x.docx"), "--no-rewrite"])
    assert result.exit_code == 3 and ".pdf or .html" in result.output
    result = CliRunner().invoke(
        cli, ["convert", str(SEED), "-o", str(tmp_path / "x.html"), "--profile", "comic", "--no-rewrite"]
    )
    assert result.exit_code == 3
    assert list(tmp_path.iterdir()) == []


def test_custom_styles_folder(tmp_path: Path) -> None:
    for name in ("base.css", "easy-read.css"):
        (tmp_path / name).write_text(f"/* custom {name} */ body {{ color: #111; }}\n", "utf-8")
    config = load_config(use_project=False, overrides={"render": {"styles": str(tmp_path)}})
    page = render_html(read_document(SEED), config=config)
    assert "/* custom base.css */" in page and "/* custom easy-read.css */" in page


def _bold_and_box(page: str) -> tuple[list[str], set[str]]:
    soup = BeautifulSoup(page, "html.parser")
    box = soup.select_one("section.hard-words")
    boxed = {words(d.get_text()).lower() for d in box.select("dfn")} if box else set()
    if box:
        box.decompose()
    return [words(s.get_text()) for s in soup.select("main strong")], boxed


@pytest.mark.parametrize("profile", ["easy-read", "large-print", "plain"])
def test_a_bold_word_is_always_explained(profile: str) -> None:
    """Blind picture review 9: skydiver, visor, UFO, jury, policy… were bold and explained
    nowhere. Bold says "this word is explained"; a term nobody explained (source ``missing``)
    stays in regular type and is not in the box either."""
    from easyread.pipeline import document_from_text

    doc = document_from_text("A test\n\nThe skydiver wore a visor. The jury met. Estimates rose.\n")
    first = {s.text.split()[1 if s.text.startswith("The") else 0]: s.id for s in doc.body_sentences()}
    doc.add_gloss(GlossEntry("skydiver", "", first["skydiver"], "missing", "rare"), rule="test.gloss", reason="t")
    doc.add_gloss(GlossEntry("UFO", "", first["skydiver"], "missing", "acronym"), rule="test.gloss", reason="t")
    doc.add_gloss(GlossEntry("jury", "A jury is a group of people who decide a case.", first["jury"], "builtin"),
                  rule="test.gloss", reason="t")
    doc.add_gloss(GlossEntry("estimate", "An estimate is a careful guess.", first["Estimates"], "builtin"),
                  rule="test.gloss", reason="t")
    bold, boxed = _bold_and_box(render_html(doc, profile=profile))
    assert "skydiver" not in [b.lower() for b in bold] and "skydiver" not in boxed
    assert "jury" in bold and "jury" in boxed
    assert "Estimates" in bold and "estimate" in boxed  # the form the text uses is the bold one
    assert all(b.lower().rstrip("sd") in {t.rstrip("sd") for t in boxed} for b in bold), (bold, boxed)


def test_an_acronym_with_only_its_expansion_is_explained() -> None:
    from easyread.pipeline import document_from_text

    doc = document_from_text("A test\n\nHe saw a UFO.\n")
    sid = next(doc.body_sentences()).id
    doc.add_gloss(GlossEntry("UFO", "", sid, "builtin", "acronym", "unidentified flying object"),
                  rule="test.gloss", reason="t")
    soup = BeautifulSoup(render_html(doc, profile="easy-read"), "html.parser")
    assert soup.select_one("main .row strong abbr")["title"] == "unidentified flying object"
    assert words(soup.select_one("section.hard-words .explanation").get_text()) == \
        "UFO stands for unidentified flying object."


def test_a_term_explained_in_the_text_is_not_repeated_in_the_box() -> None:
    """Blind picture review 9: "Wi-fi is defined in the text and again in the box" (the
    glossary's term is "wifi", the text says "Wi-fi")."""
    from easyread.pipeline import document_from_text

    doc = document_from_text("A test\n\nFans protested against wi-fi in the stadium.\n")
    sid = next(doc.body_sentences()).id
    doc.add_gloss(GlossEntry("wifi", "Wi-fi is a way to get on the web without wires.", sid, "builtin"),
                  rule="test.gloss", reason="t",
                  explanation_sentence="Wi-fi is a way to get on the web without wires.")
    soup = BeautifulSoup(render_html(doc, profile="easy-read"), "html.parser")
    assert soup.select_one("section.hard-words") is None
    assert [words(s.get_text()) for s in soup.select("main .row strong")] == ["wi-fi", "Wi-fi"]


@pytest.mark.parametrize(("profile", "heading"), [
    ("easy-read", "An easy read article"), ("large-print", "An easy read article in large print"),
    ("plain", "A plain language article"),
])
def test_a_text_with_no_title_gets_a_neutral_heading_never_its_file_name(
        tmp_path: Path, profile: str, heading: str) -> None:
    """Issue 11: the cover said "WNL Kate Bush adv" and "This is an easy read version of
    'WNL Kate Bush adv'". A file name is never shown as a title nor as the original's."""
    path = tmp_path / "WNL Kate Bush-adv.txt"
    path.write_text("The last time she took to the stage, phones were new and nobody had one with them. "
                    "Now they are everywhere.\nShe asked fans to put them away.\n", "utf-8")
    doc = read_document(path)
    soup = BeautifulSoup(render_html(doc, profile=profile), "html.parser")
    assert soup.h1.get_text() == heading and soup.title.get_text() == heading
    assert soup.find(class_="version-note") is None
    assert "WNL" not in soup.get_text() and "adv" not in soup.get_text().split()
    assert "from an article with no title" in soup.find("footer").get_text()
    assert soup.find("meta", attrs={"name": "easyread:title-source"})["content"] == "none"


def test_a_given_title_is_the_heading_and_the_original_is_still_named(tmp_path: Path) -> None:
    path = tmp_path / "rats.txt"
    path.write_text("Rats in the city\nRats live here. They eat from bins.\n", "utf-8")
    doc = read_document(path)
    doc.set_title("City rats")
    soup = BeautifulSoup(render_html(doc, profile="easy-read"), "html.parser")
    assert soup.h1.get_text() == "City rats" == soup.title.get_text()
    assert soup.find(class_="version-note").get_text() == "This is an easy read version of “Rats in the city”."
    assert soup.find("meta", attrs={"name": "easyread:title-source"})["content"] == "option"


def test_an_untitled_heading_can_be_set_per_profile(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[tool.easyread.profiles.easy-read.render]\nuntitled = "News in easy words"\n', "utf-8")
    config = load_config(config_file=str(cfg))
    assert settings_for("easy-read", config).untitled == "News in easy words"


STUB = re.compile(r"^(?:[A-Z][\w’' ]{0,60}?) (?:said|says|will say|added|believes|insisted on|argued) this\.$")


def test_an_attribution_stub_shares_a_row_with_what_was_said() -> None:
    """Issue 11: "He said this." stood alone in a row. The pieces of an attribution split
    (what was said, quoted or reported, then "X said this.") are one row; the words inside
    a quotation are kept."""
    from easyread.pipeline import document_from_text, process

    quote = "“He was so happy that I was alive.”"
    text = ("Jumps\n\nBaumgartner said that he had come to feel like Todd’s son, adding: " + quote + "\n"
            "Crime fell by a fifth in the city over the last two years, the police said.\n"
            "The minister will say there has been a rise of about a quarter in people phoning the helpline.\n")
    doc = process(document_from_text(text), load_config(profile="easy-read", use_project=False))
    sentences = [s.text for s in doc.body_sentences()]
    assert sum(bool(STUB.match(s)) for s in sentences) == 3  # the rewrite made three stubs
    soup = BeautifulSoup(render_html(doc, profile="easy-read"), "html.parser")
    rows = [words(r.select_one(".words").get_text()) for r in soup.select("main .row")]
    assert not [r for r in rows if STUB.match(r)]  # none alone
    stubbed = [r for r in rows if re.search(r"(?:said|will say) this\.$", r)]
    assert len(stubbed) == 3
    assert any(quote in r and r.endswith("said this.") for r in stubbed)
    assert any(r.startswith("Crime fell by a fifth") and r.endswith("The police said this.") for r in stubbed)
    assert "".join(rows).count("said this.") + "".join(rows).count("say this.") == 3


def test_rows_of_a_text_without_attribution_splits_are_one_sentence_each() -> None:
    from easyread.pipeline import document_from_text, process

    doc = process(document_from_text("Rats\n\nRats live in the city. They eat from bins at night."),
                  load_config(profile="easy-read", use_project=False))
    soup = BeautifulSoup(render_html(doc, profile="easy-read"), "html.parser")
    assert len(soup.select("main .row")) == len(list(doc.body_sentences())) == 2

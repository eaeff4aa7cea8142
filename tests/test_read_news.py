"""News page furniture moved out of the text at read time (issue 11, clean news input):
datelines, bylines, photo captions and credits, adverts, "Read more:" links, share buttons and
cookie notices become ``credit`` blocks (never rows) with a ``read.news`` note; sentences with
content, quotations and look-alikes stay. Rules: ``easyread/data/news_cleanup.toml``."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from easyread.read import NEWS_NOTE, clean_news, from_text, news_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "easyread" / "data" / "news_cleanup.toml"
HEADLINE = "Gunmen kill 30 in market attack"


def read(*lines: str, fmt: str = "txt") -> list[tuple[str, str]]:
    doc = from_text("\n".join((HEADLINE, *lines)), fmt=fmt)
    return [(b.kind, b.text) for b in doc.blocks[1:]]


# (line as pasted, rule id, what stays as a paragraph or "" when the whole line goes)
FURNITURE = [
    ("LONDON (Reuters) - Prices rose by 5% in May, the office said.", "news.dateline.agency",
     "Prices rose by 5% in May, the office said."),
    ("NEW YORK, March 5 (AP) — The mayor said the subway would reopen.", "news.dateline.agency",
     "The mayor said the subway would reopen."),
    ("NAIROBI, Kenya — Gunmen opened fire in a busy market on Saturday, killing 30 people.",
     "news.dateline.city", "Gunmen opened fire in a busy market on Saturday, killing 30 people."),
    ("Saturday, 5 March 2016 - The floods reached the town centre overnight.", "news.dateline.day",
     "The floods reached the town centre overnight."),
    ("Saturday — The floods reached the town centre overnight.", "news.dateline.day",
     "The floods reached the town centre overnight."),
    ("Saturday, 5 March 2016", "news.date_line", ""),
    ("Updated 2 hours ago", "news.stamp", ""),
    ("Published: 12:30 GMT, 5 March 2016", "news.stamp", ""),
    ("By Jane Smith", "news.byline", ""),
    ("By JANE SMITH, Political Editor", "news.byline", ""),
    ("By Jane Smith and Tom Jones | BBC News", "news.byline", ""),
    ("(Reporting by Jane Smith; Editing by Tom Jones)", "news.reporting_by", ""),
    ("Photo: Police at the scene on Sunday", "news.caption.label", ""),
    ("Pilgrims at the Grand Mosque in 2008. Photograph: Hassan Ammar/AP", "news.caption.credit", ""),
    ("Rescuers at the scene on Sunday (Getty Images)", "news.caption.credit", ""),
    ("(Getty Images)", "news.credit", ""),
    ("AFP via Getty Images", "news.credit", ""),
    ("Advertisement", "news.advert", ""),
    ("Story continues below advertisement", "news.advert", ""),
    ("Read more: Kenya attack: what we know", "news.read_more", ""),
    ("Related: Why the market was a target", "news.read_more", ""),
    ("Share this article Share on Facebook Share on Twitter", "news.share", ""),
    ("Share | Tweet | Email", "news.share", ""),
    ("Follow us on Twitter @bbcnews", "news.follow", ""),
    ("Sign up to our daily newsletter for the top stories.", "news.newsletter", ""),
    ("We use cookies to improve your experience. By continuing you agree to our cookie policy.",
     "news.cookies", ""),
    ("Accept all cookies", "news.cookies", ""),
]


@pytest.mark.parametrize(("line", "rule", "rest"), FURNITURE)
def test_furniture_leaves_the_text_with_a_note(line: str, rule: str, rest: str) -> None:
    doc = from_text(f"{HEADLINE}\n{line}\nThe police said the attackers escaped in two cars.")
    body = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert body == ([rest] if rest else []) + ["The police said the attackers escaped in two cars."]
    credits = [b.text for b in doc.blocks if b.kind == "credit"]
    assert len(credits) == 1 and credits[0] in line
    notes = [n.message for n in doc.notes if n.code == NEWS_NOTE]
    assert len(notes) == 1 and notes[0].startswith(rule + ":"), notes
    # nothing lost: every character of the line is in a paragraph or the credit
    assert sorted((credits[0] + " " + rest).split()) == sorted(line.split())


# Sentences with content that look like furniture, and must stay as they are.
LOOK_ALIKES = [
    "By the end of the day, 12 people had been arrested.",
    "By Christmas, most of the shops had closed.",
    "Saturday, the minister said, was the worst day of her life.",
    "Saturday was the worst day of her life.",
    "The EU says websites must ask users to accept cookies.",
    "Cookies are small files that websites save on your computer.",
    "He showed me the picture: a small house by the sea.",
    "Follow the rules on Twitter, the company said.",
    "Posted in 2015, the letter arrived late.",
    "Oil prices rose on Monday, the agency said (Reuters).",
    "Read the text and answer the questions.",
    "Share prices fell by 5% on Monday.",
    "Facebook shares fell after the report.",
    "NATO said the talks would continue.",
    "The BBC - and other broadcasters - showed the match.",
    "Watch what happens when the water boils.",
    "BIG MISTAKE - The food was tasteless and cold.",
    "Recommended",
    "Video: Connections will be made to remote rooms on request.",
    "Updated rules come into force in 2026, the council said.",
    "Photographs of the scene were shared online.",
    "Advertisements for junk food will be banned before 9pm.",
    "Subscribers will pay more from April.",
]


@pytest.mark.parametrize("line", LOOK_ALIKES)
def test_sentences_with_content_stay(line: str) -> None:
    assert read(line, "The police said the attackers escaped.") == [
        ("paragraph", line), ("paragraph", "The police said the attackers escaped.")]


@pytest.mark.parametrize("line", [
    "“By Jane Smith,” she wrote on the card, “with love.”",
    "“Advertisement”",
    "“LONDON (Reuters) - this is how they start,” he joked.",
])
def test_nothing_inside_a_quotation(line: str) -> None:
    kind, text = read(line, "The police said the attackers escaped.")[0]
    assert kind in ("paragraph", "quote") and text == line


def test_a_credit_after_a_closed_quotation_goes_and_the_quotation_stays() -> None:
    blocks = read("“We heard screams all night,” one survivor said. (Photo: Reuters)")
    assert blocks == [("paragraph", "“We heard screams all night,” one survivor said."),
                      ("credit", "(Photo: Reuters)")]
    # a credit-looking text inside an open quotation is part of the quotation
    open_quote = "“We saw it all (Getty Images) and more"
    assert read(open_quote + " that night,” she said.")[0][0] == "paragraph"


def test_html_page() -> None:
    page = ("<!doctype html><html><head><title>Boat sinks</title></head><body><article>"
            "<h1>Dozens missing after boat sinks</h1><p>By Maria Lopez</p>"
            "<p>ATHENS (Reuters) - Dozens of people were missing after a boat sank on Wednesday.</p>"
            "<figure><img src='a.jpg' alt='boat'><figcaption>Survivors arrive at the port. "
            "Photograph: Eurokinissi/Reuters</figcaption></figure><p>Advertisement</p>"
            "<p>Rescuers pulled 104 people from the water.</p>"
            "<p>Share this article Share on Facebook Share via Email</p></article></body></html>")
    doc = from_text(page, fmt="html")
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == [
        "Dozens of people were missing after a boat sank on Wednesday.",
        "Rescuers pulled 104 people from the water."]
    assert len([n for n in doc.notes if n.code == NEWS_NOTE]) == 5
    assert [b.id for b in doc.blocks] == [f"b{k}" for k in range(1, len(doc.blocks) + 1)]


def test_rows_and_cover_do_not_show_furniture() -> None:
    from easyread.render import render_html

    text = "\n".join([HEADLINE, "NAIROBI, Kenya — Gunmen opened fire in a busy market on Saturday, killing 30 people.",
                      "Photo: Police at the scene on Sunday", "Advertisement",
                      "The police said the attackers escaped in two cars."])
    doc = from_text(text)
    from easyread.segment import segment

    segment(doc)
    body = [s.text for s in doc.body_sentences()]
    assert body == ["Gunmen opened fire in a busy market on Saturday, killing 30 people.",
                    "The police said the attackers escaped in two cars."]
    page = render_html(doc)
    assert "NAIROBI" not in page.split("<main", 1)[-1].split("About this document")[0]
    assert "Advertisement" not in page


def test_origins_point_at_the_source_text() -> None:
    text = f"{HEADLINE}\nLONDON (Reuters) - Prices rose by 5% in May, the office said.\nAdvertisement"
    doc = from_text(text)
    for block in doc.blocks:
        assert block.origin is not None and text[block.origin[0]:block.origin[1]] == block.text


def test_rules_are_data_and_compile() -> None:
    data = tomllib.loads(RULES.read_text("utf-8"))
    ids = [r["id"] for r in data["rule"]]
    assert len(ids) == len(set(ids)) == len(news_rules())
    for spec in data["rule"]:
        assert spec["kind"] in ("block", "lead", "tail")
        re.compile(spec["pattern"])
        if spec["kind"] == "block":
            assert spec.get("max_words", 0) > 0, spec["id"]  # a block rule never takes a long paragraph


def test_clean_news_is_idempotent_and_returns_what_it_moved() -> None:
    doc = from_text(f"{HEADLINE}\nAdvertisement\nThe police said the attackers escaped.")
    assert clean_news(doc) == []  # from_text ran it already
    assert [n.message for n in doc.notes] == ["news.advert: advertisement moved out of the text: “Advertisement”"]


def test_bylines_and_datelines_are_shown_small_in_the_back_matter() -> None:
    from easyread.read import news_metadata
    from easyread.render import render_html
    from easyread.segment import segment

    doc = from_text("\n".join([HEADLINE, "By Jane Smith",
                               "LONDON (Reuters) - Gunmen opened fire in a busy market on Saturday, "
                               "killing 30 people.", "Advertisement",
                               "(Reporting by Jane Smith; Editing by Tom Jones)"]))
    assert news_metadata(doc) == ["By Jane Smith", "LONDON (Reuters)",
                                  "Reporting by Jane Smith; Editing by Tom Jones"]
    segment(doc)
    page = render_html(doc)
    back = page.split('class="back-matter"', 1)[1]
    assert "From the original page: By Jane Smith; LONDON (Reuters); Reporting by Jane Smith" in back
    assert "Advertisement" not in page  # furniture that is not about the article is not shown


ADVERSARIAL = [
    "1" * 5000 + "x", "share " * 400 + "x", " " * 20000 + "x", "Monday" + " " * 20000 + "x",
    "By " + "A and " * 400 + "x", "Updated " + "1" * 5000 + "x", "a" * 200_000,
    "(Getty Images" + ")" * 5000, "LONDON" + " " * 20000 + "(Reuters) x", "1 " * 14 + "x",
    "|" * 20000, "We use " + "cookies " * 12 + "x", "Photo: " + "a/" * 5000,
    "x " * 10 + "(" * 5000 + "Getty Images)", "“" + "a " * 5000 + "(Getty Images)",
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_every_rule_is_fast_on_adversarial_text(text: str) -> None:
    import time

    from easyread.read import _news_match

    for rule in news_rules():
        started = time.process_time()
        _news_match(rule, text)
        assert time.process_time() - started < 0.5, rule.id


def test_html_photo_caption_is_a_credit_and_other_figures_are_read() -> None:
    page = ("<!doctype html><html><head><title>T</title></head><body><main>"
            "<p>The police said the attackers escaped in two cars.</p>"
            "<figure><a href='x'><img src='a.jpg' alt='a'></a><figcaption>Police at the scene on "
            "Sunday.</figcaption></figure>"
            "<figure><blockquote><p>We will not give up.</p></blockquote><figcaption>The mayor, "
            "speaking on Monday.</figcaption></figure></main></body></html>")
    doc = from_text(page, fmt="html")
    blocks = [(b.kind, b.text) for b in doc.blocks]
    assert ("credit", "Police at the scene on Sunday.") in blocks
    assert ("paragraph", "The mayor, speaking on Monday.") in blocks  # no picture: read
    assert any(n.code == NEWS_NOTE and "news.caption.html" in n.message for n in doc.notes)


ONESTOP = ROOT.parent / "shared" / "data" / "onestopenglish"


def _hint_probe_texts() -> list[str]:
    """Every furniture line, look-alike and adversarial text; each with its case changed and
    with a word after it; the blocks of OneStopEnglish's articles when the data is present."""
    texts = [line for line, _, _ in FURNITURE] + LOOK_ALIKES + ADVERSARIAL
    texts += [t.upper() for t in texts] + [t.lower() for t in texts] + [t + " x" for t in texts]
    texts += [t.replace("s", "\u017f").replace("i", "\u0131") for t in texts[:len(FURNITURE)]]
    if ONESTOP.is_dir():
        for path in sorted(ONESTOP.glob("*-Txt/*.txt"))[::3]:
            texts += [b for b in path.read_text("utf-8", errors="replace").split("\n") if b.strip()]
    return texts


def test_hints_never_change_a_result() -> None:
    """A rule's ``hints`` only skip texts it cannot match: with and without them every rule
    finds the same match on every probe text (and on its first and last 400 characters)."""
    import dataclasses

    from easyread.read import _news_match

    rules = [rule for rule in news_rules() if rule.hints]
    assert len(rules) >= 10
    texts = _hint_probe_texts()
    skipped = 0
    for rule in rules:
        bare = dataclasses.replace(rule, hints=())
        for text in texts:
            got, want = _news_match(rule, text), _news_match(bare, text)
            assert (got and got.span(), got and got.group(0)) == (want and want.span(), want and want.group(0)), \
                (rule.id, text[:80])
            skipped += want is None
    assert skipped > 0


def test_every_hint_appears_in_the_rules_own_furniture_examples() -> None:
    """Each hinted rule's own examples above contain one of its hints (a guard against a hint
    list that forgets an alternative of the pattern that the examples use)."""
    for line, rule_id, _ in FURNITURE:
        rule = next(r for r in news_rules() if r.id == rule_id)
        if rule.hints:
            assert any(h in line.lower() for h in rule.hints), (rule_id, line)


def test_case_twins_are_every_character_that_ignorecase_takes_for_an_ascii_hint() -> None:
    """``_CASE_TWINS`` lists every non-ASCII character that a case-insensitive expression
    matches for an ASCII letter (the hint test lower-cases; these four are not lower-cased to
    the letter they match, so a text holding one is never filtered)."""
    import string

    from easyread.read import _CASE_TWINS

    letters = re.compile(f"[{string.ascii_letters}]", re.IGNORECASE)
    found = {chr(cp) for cp in range(0x80, 0x110000)
             if not 0xD800 <= cp < 0xE000 and letters.fullmatch(chr(cp))}
    assert found == set(_CASE_TWINS)
    hints = {h for rule in news_rules() for h in rule.hints}
    assert all(hints) and set("".join(hints)) <= set(string.ascii_lowercase + "()-\u2013\u2014")
    for ch in "()-\u2013\u2014":  # no case: only the character itself matches it
        same = re.compile(re.escape(ch), re.IGNORECASE)
        assert [cp for cp in range(0x110000) if not 0xD800 <= cp < 0xE000 and same.fullmatch(chr(cp))] == [ord(ch)]


# ------------------------------------------------------------------ line-break hyphens (issue 11)
@pytest.mark.parametrize(("pasted", "joined"), [
    ("Most phone- wielders film the show.", "Most phone-wielders film the show."),
    ("Young 16- and 17-year- olds vote.", "Young 16- and 17-year-olds vote."),
    ("The much- maligned plan went into free- fall.", "The much-maligned plan went into free-fall."),
    ("It was a tongue- in-cheek reply.", "It was a tongue-in-cheek reply."),
])
def test_a_line_break_hyphen_is_joined_and_noted(pasted: str, joined: str) -> None:
    doc = from_text(f"{HEADLINE}\n{pasted}")
    assert doc.blocks[1].text == joined
    notes = [n.message for n in doc.notes if n.code == NEWS_NOTE and "news.line_break_hyphen" in n.message]
    assert len(notes) == pasted.count("- ") - joined.count("- ") and notes
    assert doc.blocks[1].origin is None  # offsets into the source would be off


@pytest.mark.parametrize("kept", [
    "Pre- and post-war Britain changed.",
    "A two- or three-day stay is enough.",
    "Art of the 19th- and 20th-century kind.",
    "People aged 18- to 24 were asked.",
    "The result - a surprise - came late.",
    "The result -- a surprise -- came late.",
    "The score was 3 - nil in the end.",
    "He said it was “a much- maligned plan” in the end.",
    "The long- Term plan is new.",
])
def test_suspended_hyphens_dashes_and_quotations_are_kept(kept: str) -> None:
    doc = from_text(f"{HEADLINE}\n{kept}")
    assert doc.blocks[1].text == kept
    assert not [n for n in doc.notes if "news.line_break_hyphen" in n.message]


def test_a_quotation_block_and_a_carried_quotation_keep_their_hyphens() -> None:
    doc = from_text(f"{HEADLINE}\n“It was a much- maligned plan,” she said. “We knew.\n"
                    "The year- olds came too.\nThen it ended,” she said.\nA free- fall followed.")
    assert [b.text for b in doc.blocks[1:]] == [
        "“It was a much- maligned plan,” she said. “We knew.", "The year- olds came too.",
        "Then it ended,” she said.", "A free-fall followed."]

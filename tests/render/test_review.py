"""The review gate (issue 11): ``convert --review`` writes a review sheet and a decisions file;
``--decisions`` makes the next run honour them (pictures by sentence, explanations by term)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from easyread.cli import cli
from easyread.document import Document, GlossEntry
from easyread.errors import ConfigError
from easyread.pipeline import read_document
from easyread.render.html import picture_plan
from easyread.render.review import (
    Decisions,
    apply_explanation_decisions,
    decisions_toml,
    load_decisions,
    review_sheet,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"


def glossed() -> Document:
    doc = read_document(SEED)
    nspcc = next(s.id for s in doc.body_sentences() if "NSPCC" in s.text)
    doc.add_gloss(GlossEntry("NSPCC", "A charity that keeps children safe.", nspcc, "builtin", "acronym",
                             "National Society for the Prevention of Cruelty to Children"),
                  rule="test.gloss", reason="test",
                  explanation_sentence="The NSPCC is a charity that keeps children safe.")
    doc.add_gloss(GlossEntry("strategy", "A plan to reach a goal over a long time.", None, "builtin"),
                  rule="test.gloss", reason="test")
    doc.note("W603", nspcc, "split.aside.v1 dropped: 2019")
    return doc


def test_sheet_lists_every_row_explanation_aside_and_note() -> None:
    doc = glossed()
    plan = picture_plan(doc)
    soup = BeautifulSoup(review_sheet(doc, plan), "html.parser")
    rows = soup.select("table[aria-labelledby=pictures] tbody tr")
    sentences = [" ".join(s.text.split()) for b in doc.blocks if b.kind not in ("title", "credit", "heading")
                 for s in b.sentences]
    assert [" ".join(r.find_all("td")[2].get_text().split()) for r in rows] == sentences
    shown = [img["alt"] for img in soup.select("table[aria-labelledby=pictures] img")]
    assert shown == [p.alt for p in plan.pictures.values() if p is not None]
    why = [r.find_all("td")[3].get_text() for r in rows if r.find("img") is None]
    assert any("not shown beside" in w or "confidence line" in w for w in why)  # why a row has none
    terms = [r.find("td").get_text() for r in soup.select("table[aria-labelledby=explanations] tbody tr")]
    assert terms == ["NSPCC", "strategy"]
    assert "2019" in soup.select_one("table[aria-labelledby=dropped]").get_text()
    assert "sensitive topic" in soup.get_text()


def test_decisions_file_round_trip(tmp_path: Path) -> None:
    doc = glossed()
    plan = picture_plan(doc)
    path = tmp_path / "d.toml"
    path.write_text(decisions_toml(doc, plan), "utf-8")
    data = tomllib.loads(path.read_text("utf-8"))
    assert set(data["explanations"]) == {"NSPCC", "strategy"}
    assert all(v == "keep" for v in data["pictures"].values())
    assert len(data["pictures"]) == len({" ".join(s.text.split()) for s in doc.body_sentences()
                                         if s.id in plan.pictures})
    assert load_decisions(path).picture("This will be on Tuesday.") in (None, "keep")


def test_picture_and_explanation_decisions_are_honoured(tmp_path: Path) -> None:
    doc = glossed()
    plan = picture_plan(doc)
    tuesday = next(s for s in doc.body_sentences() if s.text.startswith("That will be on Tuesday")
                   or "Tuesday" in s.text)
    said = next(s for s in doc.body_sentences() if plan.pictures.get(s.id) is None and s.kind == "text")
    decisions = Decisions(pictures={tuesday.text: "remove", said.text: "replace:phone"},
                          explanations={"nspcc": "replace:A charity for children.", "strategy": "remove"})
    plan2 = picture_plan(doc, decisions)
    assert plan2.pictures[tuesday.id] is None and plan2.decided[tuesday.id] == "remove"
    assert plan2.pictures[said.id] is not None and plan2.pictures[said.id].keyword == "phone"
    changes = apply_explanation_decisions(doc, decisions)
    assert changes == ["replaced the explanation of 'NSPCC'", "removed the explanation of 'strategy'"]
    assert [e.term for e in doc.glossary] == ["NSPCC"] and doc.glossary[0].explanation == "A charity for children."
    gloss = next(s for s in doc.body_sentences() if s.kind == "gloss")
    assert gloss.text == "A charity for children." or "NSPCC" in gloss.text
    assert [e.rule for e in doc.edits].count("review.decision") == 1  # the inline sentence, via the ledger


@pytest.mark.parametrize("text", ['[pictures]\n"A." = "maybe"\n', '[other]\n', '[pictures]\n"A." = "replace:zzzq"\n',
                                  '[explanations]\n"x" = "replace: "\n', "not toml = = ="])
def test_bad_decisions_are_config_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "d.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError):
        load_decisions(path)


def test_convert_review_then_decisions(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Helpline calls\n\nCalls to the helpline went up. The charity said this.\n\n"
                       "The school said this.\n", "utf-8")
    out = tmp_path / "easy.html"
    first = CliRunner().invoke(cli, ["convert", str(article), "-o", str(out), "--no-rewrite", "--review"])
    assert first.exit_code == 0, first.output
    sheet, toml = tmp_path / "easy.review.html", tmp_path / "easy.decisions.toml"
    assert sheet.is_file() and toml.is_file()
    assert "Calls to the helpline went up." in sheet.read_text("utf-8")
    edited = toml.read_text("utf-8").replace('"Calls to the helpline went up." = "keep"',
                                             '"Calls to the helpline went up." = "remove"')
    toml.write_text(edited, "utf-8")
    second = CliRunner().invoke(cli, ["convert", str(article), "-o", str(out), "--no-rewrite",
                                      "--decisions", str(toml)])
    assert second.exit_code == 0, second.output
    soup = BeautifulSoup(out.read_text("utf-8"), "html.parser")
    row = next(r for r in soup.select("main .row") if "helpline" in r.get_text())
    assert row.find("img") is None
    assert soup.select_one("main .row img") is not None  # the other rows keep theirs
    bad = tmp_path / "bad.toml"
    bad.write_text("[pictures]\n\"x\" = \"perhaps\"\n", "utf-8")
    third = CliRunner().invoke(cli, ["convert", str(article), "-o", str(tmp_path / "b.html"), "--decisions", str(bad)])
    assert third.exit_code == 3 and "E100" in third.output


def test_sheet_says_where_each_term_is_explained() -> None:
    """A term with no explanation is neither bold nor in the box: the sheet says so."""
    doc = glossed()
    sid = next(doc.body_sentences()).id
    doc.add_gloss(GlossEntry("surge", "", sid, "missing", "rare"), rule="test.gloss", reason="test")
    soup = BeautifulSoup(review_sheet(doc, picture_plan(doc)), "html.parser")
    where = {r.find("td").get_text(): r.get_text(" ") for r in
             soup.select("table[aria-labelledby=explanations] tbody tr")}
    assert "in the text and not in the box" in where["NSPCC"]
    assert "in the Hard words box" in where["strategy"]
    assert "nowhere" in where["surge"]


def test_the_sheet_of_a_text_with_no_title_names_its_file(tmp_path: Path) -> None:
    """The editor's sheet (never the published page) names the file of a text with no title."""
    path = tmp_path / "WNL Kate Bush-adv.txt"
    path.write_text("The last time she took to the stage, phones were new and nobody had one with them. "
                    "Now they are everywhere.\n", "utf-8")
    doc = read_document(path)
    soup = BeautifulSoup(review_sheet(doc, picture_plan(doc)), "html.parser")
    assert "WNL Kate Bush-adv.txt (no title)" in soup.get_text()

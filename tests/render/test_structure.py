"""The PDF's list and table structure (PDF/UA-1 7.5, 7.6; Matterhorn 15, 16), checked by
easyread's own post-render check and, when it is installed, by the independent ``outloud``
checker (the test extra installs it)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from easyread.document import Document
from easyread.pipeline import read_document
from easyread.render import check_pdf, render_pdf_report
from easyread.render.pdf import html_to_pdf

pytestmark = pytest.mark.pdf

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
ONESTOP = ROOT.parent / "shared" / "data" / "onestopenglish"
from render.seeddoc import STRATEGY, glossed_seed  # noqa: E402


def seed_with_box() -> Document:
    """The seed with one term explained inline and three only in the "Hard words" box."""
    return glossed_seed((STRATEGY, ("offender", "Someone who has broken the law."),
                         ("helpline", "A phone number you can call to get help.")))


@pytest.fixture(scope="module")
def seed_pdf() -> tuple[bytes, list[tuple[str, bool, str]]]:
    data, report = render_pdf_report(seed_with_box(), "easy-read")
    return data, list(report)


def tree(data: bytes) -> list[tuple[str, list[str]]]:
    """(structure type, kid types) for every structure element, in tree order."""
    out: list[tuple[str, list[str]]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack = [pdf.Root.StructTreeRoot.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                raw = node.get("/K")
                kids = list(raw) if isinstance(raw, pikepdf.Array) else ([] if raw is None else [raw])
                out.append((str(node.S), [str(k.S) if isinstance(k, pikepdf.Dictionary) and "/S" in k
                                          else "content" for k in kids]))
                stack.extend(reversed(kids))
    return out


def result(report: list[tuple[str, bool, str]], name: str) -> tuple[str, bool, str]:
    return next(r for r in report if r[0] == name)


def page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><h1>T</h1>{body}</body></html>'


def test_hard_words_are_a_conformant_list(seed_pdf: tuple[bytes, list[tuple[str, bool, str]]]) -> None:
    data, report = seed_pdf
    assert result(report, "list_structure")[1], result(report, "list_structure")
    elements = tree(data)
    lists = [kids for kind, kids in elements if kind == "/L"]
    assert lists and all(set(kids) <= {"/LI", "/L", "/Caption"} for kids in lists)
    items = [kids for kind, kids in elements if kind == "/LI"]
    assert items and all(set(kids) <= {"/Lbl", "/LBody"} and "/LBody" in kids for kids in items)
    # The box-only terms are list items holding the term and its explanation, in that order.
    from pypdf import PdfReader

    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)
    box = text[text.index("Hard words"):]
    assert box.index("strategy") < box.index("A plan to reach a goal") < box.index("offender")
    assert "NSPCC stands for" not in box  # explained in the text already


def test_the_old_div_wrapped_definition_list_fails_the_check() -> None:
    """WeasyPrint 70 tags <dl><div><dt><dd> as L > Div > LI: what issue 11 found."""
    data = html_to_pdf(page("<dl><div><dt>CSE</dt><dd>Child sexual exploitation.</dd></div>"
                            "<div><dt>UK</dt><dd>United Kingdom.</dd></div></dl>")).data
    check = result(check_pdf(data), "list_structure")
    assert not check[1] and "Div inside L" in check[2] and "LI inside Div" in check[2]


def test_bulleted_and_plain_lists_pass() -> None:
    data = html_to_pdf(page("<ul><li>one</li><li>two</li></ul>"
                            '<ul style="list-style: none"><li><p>a</p><p>b</p></li></ul>')).data
    assert result(check_pdf(data), "list_structure")[1]
    items = [kids for kind, kids in tree(data) if kind == "/LI"]
    assert ["/Lbl", "/LBody"] in items and ["/LBody"] in items


def test_table_structure_rules() -> None:
    good = html_to_pdf(page("<table><thead><tr><th>Year</th><th>Calls</th></tr></thead>"
                            "<tbody><tr><td>2018</td><td>12</td></tr></tbody></table>")).data
    check = result(check_pdf(good), "table_structure")
    assert check[1] and "1 table(s)" in check[2]
    headless = html_to_pdf(page("<table><tr><td>2018</td><td>12</td></tr></table>")).data
    check = result(check_pdf(headless), "table_structure")
    assert not check[1] and "without TH" in check[2]
    assert result(check_pdf(html_to_pdf(page("<p>No table.</p>")).data), "table_structure")[1:] == (True, "no tables")


def test_cells_outside_rows_fail_the_table_check() -> None:
    data = html_to_pdf(page("<table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>2018</td></tr>"
                            "</tbody></table>")).data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for element in pdf.objects:
            if isinstance(element, pikepdf.Dictionary) and element.get("/S") == pikepdf.Name.TR:
                element.S = pikepdf.Name.Div  # cells now sit in a Div, the Div in a TBody
        out = io.BytesIO()
        pdf.save(out)
    check = result(check_pdf(out.getvalue()), "table_structure")
    assert not check[1] and "TD inside Div" in check[2] and "Div inside TBody" in check[2]


# --------------------------------------------------------------------------- outloud
OUTLOUD = shutil.which("outloud")


def outloud(path: Path) -> dict[str, object]:
    proc = subprocess.run([str(OUTLOUD), str(path), "--json", "-", "--fail-on", "never", "-q"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    start = proc.stdout.index("{")
    report: dict[str, object] = json.loads(proc.stdout[start:proc.stdout.rindex("}") + 1])
    return report


def findings(report: dict[str, object]) -> list[dict[str, object]]:
    files = report["results"]
    assert isinstance(files, list) and files and not any(f.get("error") for f in files), files
    return [f for file in files for f in file.get("findings", [])]


@pytest.mark.skipif(OUTLOUD is None, reason="the independent checker outloud is not installed "
                                            "(pip install -e '.[test]' installs it)")
def test_outloud_finds_nothing_on_the_seed(seed_pdf: tuple[bytes, list[tuple[str, bool, str]]],
                                           tmp_path: Path) -> None:
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf[0])
    found = findings(outloud(path))
    assert not [f for f in found if f.get("severity") in ("error", "warning")], found


@pytest.mark.skipif(OUTLOUD is None, reason="the independent checker outloud is not installed")
def test_outloud_flags_the_old_list_structure(tmp_path: Path) -> None:
    """The independent checker sees the fault issue 11 reported, so its silence above means something."""
    path = tmp_path / "old.pdf"
    path.write_bytes(html_to_pdf(page("<dl><div><dt>CSE</dt><dd>Child sexual exploitation.</dd></div></dl>")).data)
    rules = {f["rule"] for f in findings(outloud(path))}
    assert {"LST-001", "LST-003"} <= rules, rules


@pytest.mark.skipif(OUTLOUD is None, reason="the independent checker outloud is not installed")
@pytest.mark.skipif(not (ONESTOP / "articles.txt").is_file(), reason=f"OneStopEnglish data not found at {ONESTOP}")
@pytest.mark.parametrize("profile", ["easy-read", "plain"])
def test_outloud_finds_nothing_on_a_onestop_article(profile: str, tmp_path: Path) -> None:
    from easyread.config import load_config
    from easyread.pipeline import process

    name = next(n for n in (ONESTOP / "articles.txt").read_text("utf-8").splitlines() if n)
    config = load_config(profile=profile, use_project=False)
    doc = process(read_document(ONESTOP / "Adv-Txt" / f"{name}-adv.txt", config), config)
    data, report = render_pdf_report(doc, profile)
    assert all(ok for _, ok, _ in report if _ != "page_count"), report
    path = tmp_path / "article.pdf"
    path.write_bytes(data)
    found = findings(outloud(path))
    assert not [f for f in found if f.get("severity") in ("error", "warning")], found

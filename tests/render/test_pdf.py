"""The PDF: tagged PDF/UA-1, checks, text in reading order, determinism (T13).

Full renders cost about a second each, so the seed's easy-read PDF is rendered once per module
and shared; the other tests edit that PDF with pikepdf instead of rendering again.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from easyread.document import Document
from easyread.render import check_pdf, render_html, render_pdf, render_pdf_report
from easyread.render.accessibility import failures
from easyread.render.pdf import _reachable_mcids

pytestmark = pytest.mark.pdf

ROOT = Path(__file__).resolve().parents[2]
from render.seeddoc import glossed_seed  # noqa: E402

SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"


def seed_doc() -> Document:
    return glossed_seed()  # the NSPCC explained in the text, "strategy" only in the box


@pytest.fixture(scope="module")
def doc() -> Document:
    return seed_doc()


@pytest.fixture(scope="module")
def rendered(doc: Document) -> tuple[bytes, list[tuple[str, bool, str]]]:
    data, report = render_pdf_report(doc, "easy-read")
    return data, list(report)


@pytest.fixture(scope="module")
def data(rendered: tuple[bytes, list[tuple[str, bool, str]]]) -> bytes:
    return rendered[0]


def squash(text: str) -> str:
    """Compare text without whitespace: PDF lines break mid-sentence."""
    return "".join(text.split())


def test_every_check_passes_on_the_seed(rendered: tuple[bytes, list[tuple[str, bool, str]]]) -> None:
    data, report = rendered
    assert data.startswith(b"%PDF-1.7")
    names = {check for check, _, _ in report}
    assert names >= {
        "tagged", "pdf_lang", "pdf_title", "pdfua_identification", "figure_alt", "pdf_heading_order",
        "fonts_embedded", "no_italics", "body_font_size", "no_attachments", "page_count",
        "list_structure", "table_structure",
    }
    assert all(ok for _, ok, _ in report), report


def test_text_comes_back_in_reading_order(data: bytes, doc: Document) -> None:
    from pypdf import PdfReader

    text = squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    at = 0
    for sentence in [doc.title or "", *(s.text for s in doc.body_sentences())]:
        found = text.find(squash(sentence), at)
        assert found >= 0, f"not found (in order): {sentence!r}"
        at = found
    for tail in ("Hard words", "A plan to reach a goal over a long time.", "OpenMoji"):
        assert squash(tail) in text[at:]


def test_metadata_tags_and_figures(data: bytes, doc: Document) -> None:
    html = BeautifulSoup(render_html(doc, "easy-read"), "html.parser")
    alts = [img["alt"] for img in html.find_all("img")]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        meta = pdf.open_metadata()
        assert meta["dc:title"] == doc.title
        assert meta["pdfuaid:part"] == "1"
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        figures = []
        stack = [pdf.Root.StructTreeRoot.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.S == "/Figure":
                    figures.append(str(node.Alt))
                if "/K" in node:
                    stack.append(node.K)
        assert figures == alts  # one tagged Figure per picture, same alt text, same order


def test_page_numbers_are_artifacts(data: bytes) -> None:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        reachable = _reachable_mcids(pdf)
        artifacts = 0
        for page in pdf.pages:
            for instruction in pikepdf.parse_content_stream(page, "BDC"):
                tag, props = instruction.operands
                if tag == "/Artifact":
                    artifacts += 1
                else:  # every other marked-content sequence belongs to the structure tree
                    assert (page.obj.objgen[0], int(props.MCID)) in reachable
        assert artifacts >= len(pdf.pages)  # at least the "Page N of M" footer on every page


def test_same_input_same_bytes(data: bytes, doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = render_pdf(seed_doc(), "easy-read")
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(data).hexdigest()


def test_large_print_is_18pt_without_figures(doc: Document) -> None:
    data, report = render_pdf_report(doc, "large-print")
    assert not failures(report), report
    size = next(message for check, _, message in report if check == "body_font_size")
    assert size.startswith("body text 18 pt")
    assert "0 Figure(s)" in next(message for check, _, message in report if check == "figure_alt")


def _edited(data: bytes, edit: object) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        edit(pdf)  # type: ignore[operator]
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _drop_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def _drop_alt(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure" and "/Alt" in obj:
            del obj["/Alt"]
            return


def _untag(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/StructTreeRoot"]
    del pdf.Root["/MarkInfo"]


def _no_display_title(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


@pytest.mark.parametrize(
    ("edit", "check"),
    [(_drop_lang, "pdf_lang"), (_drop_alt, "figure_alt"), (_untag, "tagged"), (_no_display_title, "pdf_title")],
)
def test_pdf_checks_catch_broken_files(data: bytes, edit: object, check: str) -> None:
    report = check_pdf(_edited(data, edit), min_font_size_pt=16, lang="en")
    assert check in {r.check for r in failures(report)}


def test_size_and_length_limits(data: bytes) -> None:
    report = check_pdf(data, min_font_size_pt=20, max_pages=1)
    failed = {r.check for r in failures(report)}
    assert "body_font_size" in failed
    page_count = next(r for r in report if r.check == "page_count")
    assert not page_count.ok and "split" in page_count.message
    assert "page_count" not in failed  # more than 24 pages is a warning, not an error


@pytest.mark.skipif(shutil.which("pdfua") is None, reason="the optional pdfua checker is not installed")
def test_independent_pdfua_checker_finds_nothing(data: bytes, tmp_path: Path) -> None:
    """A second opinion from the `pdfua` package (16 of the 106 machine-checkable PDF/UA-1 rules)."""
    path = tmp_path / "seed.pdf"
    path.write_bytes(data)
    proc = subprocess.run(
        ["pdfua", "check", str(path), "--format", "json"], capture_output=True, text=True, timeout=60,
        check=False,
    )
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0, report["findings"]

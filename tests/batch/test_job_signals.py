"""`easyread batch` and its processes (issue 16): the workers never outlive the batch, SIGTERM
stops it like Ctrl-C (with a report, exit 143), and a new batch never runs alongside the
workers of one that was killed.

Real subprocesses; processes are found in /proc by the session the batch was started in
(``start_new_session``), so the workers and the multiprocessing resource tracker are all
seen. Every wait is bounded and every test kills whatever is left of its session at the end.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from easyread.batch import (
    DEFAULT_PROFILE,
    JOURNAL_NAME,
    ORPHAN_EXIT,
    WORKERS_LOCK_NAME,
    BatchLocked,
    BatchOptions,
    Manifest,
    fingerprint,
    run_batch,
)
from easyread.config import load_config
from easyread.errors import ExitCode

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

ROOT = Path(__file__).resolve().parents[2]

SENTENCES = [
    "The council said on Monday that new buses will start in the town in May.",
    "People who live near the station asked for more buses last year.",
    "The buses will run every ten minutes during the day.",
    "A spokesperson said the plan would cost about £2 million.",
]


def make_folder(root: Path, n: int) -> Path:
    d = root / "in"
    d.mkdir()
    for i in range(n):
        body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(30))
        (d / f"article-{i:03d}.txt").write_text(f"Article {i}\n\n{body}\n", "utf-8")
    return d


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    path = tmp_path / "batch-test.toml"
    path.write_text('pipeline = ["numbers"]\n', "utf-8")  # cheap: these tests are about processes
    return str(path)


def _stat(pid: int) -> list[str] | None:
    """Fields 3.. of /proc/PID/stat (state, ppid, pgrp, session, ...), or None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw.rsplit(")", 1)[1].split()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def session(sid: int) -> dict[int, str]:
    """Live processes (zombies excluded) in session ``sid``: pid -> command line."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        fields = _stat(int(entry))
        if fields and int(fields[3]) == sid and fields[0] not in ("Z", "X"):
            found[int(entry)] = _cmdline(int(entry))
    return found


def workers(sid: int, parent: int) -> dict[int, str]:
    return {p: c for p, c in session(sid).items() if p != parent and "spawn_main" in c}


def journal(out: Path) -> dict[str, dict[str, Any]]:
    """The articles the journal records as finished, read as a resume reads them (a line cut
    short is not JSON): path -> entry. The batch writes a line only after the worker has
    written the article's outputs, so none of these may be converted again by a resume."""
    try:
        raw = (out / JOURNAL_NAME).read_bytes()
    except FileNotFoundError:
        return {}
    entries = {}
    for line in raw.split(b"\n"):
        try:
            entry = json.loads(line.decode("utf-8"))
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            entries[entry["path"]] = entry
    return entries


def options_fingerprint(cfg: str, cwd: Path, formats: tuple[str, ...]) -> str:
    """What ``easyread batch --config CFG --formats ...`` run in ``cwd`` fingerprints now: it
    changes when the configuration on disk does (default_config.toml edited, say)."""
    config = load_config(config_file=cfg, profile=DEFAULT_PROFILE, start=cwd)
    return fingerprint(config, BatchOptions(formats=formats, profile=config.profile))


def wait_until(cond: Callable[[], bool], what: str, limit: float = 120.0,
               proc: subprocess.Popen[bytes] | None = None) -> None:
    end = time.monotonic() + limit
    while not cond():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the batch ended (exit {proc.returncode}) before {what}")
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(out)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def batch(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start ``python -m easyread batch ARGS`` in a new session; kill the session afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> subprocess.Popen[bytes]:
        n = len(started)
        proc = subprocess.Popen(
            [sys.executable, "-m", "easyread", "batch", *args], cwd=tmp_path,
            stdout=open(tmp_path / f"stdout{n}", "wb"), stderr=open(tmp_path / f"stderr{n}", "wb"),  # noqa: SIM115
            start_new_session=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        for pid in session(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()


def _started(proc: subprocess.Popen[bytes], out: Path, n: int) -> dict[int, str]:
    """Wait until both workers run and the batch has recorded a finished article; the
    session's processes."""
    wait_until(lambda: len(workers(proc.pid, proc.pid)) >= 2 and len(journal(out)) >= 1,
               "two workers converting", proc=proc)
    procs = session(proc.pid)
    assert proc.poll() is None and len(journal(out)) < n, "the batch finished too soon to be stopped"
    return procs


@pytest.mark.slow
def test_kill_9_of_the_batch_ends_its_workers(tmp_path: Path, cfg: str,
                                              batch: Callable[..., subprocess.Popen[bytes]]) -> None:
    n = 60
    d = make_folder(tmp_path, n)
    out = tmp_path / "out"
    args = [str(d), "-o", str(out), "--formats", "html", "--config", cfg, "--jobs", "2"]
    options_before = options_fingerprint(cfg, tmp_path, ("html",))
    proc = batch(*args)
    procs = _started(proc, out, n)
    assert any("resource_tracker" in c for c in procs.values()), procs  # it is there to be ended too
    os.kill(proc.pid, signal.SIGKILL)  # the batch only, not its group: as the OOM killer does
    proc.wait(30)
    # Every process the batch started goes: both workers and the resource tracker.
    wait_until(lambda: not session(proc.pid), "the batch's processes to exit", limit=30)
    before = snapshot(out)
    time.sleep(1.0)  # ... and nothing writes to OUT_DIR any more
    assert snapshot(out) == before
    assert not (out / "summary.json").exists()
    recorded = journal(out)  # finished before the kill, outputs written
    assert 1 <= len(recorded) < n
    # A re-run (the lock is free at once) resumes and finishes the batch.
    again = batch(*args)
    assert again.wait(180) == 0, (tmp_path / "stderr1").read_text()
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["summary"]["ok"] == n
    # A resume converts only what was missing: every recorded article is kept, with one
    # exception: options that changed between the runs (fingerprinted) redo everything.
    manifest = json.loads((out / ".easyread-manifest.json").read_text("utf-8"))["articles"]
    first = {e["fingerprint"] for e in recorded.values()}
    second = {e["fingerprint"] for p, e in manifest.items() if p not in recorded}
    if first != second:
        if options_fingerprint(cfg, tmp_path, ("html",)) != options_before:
            pytest.skip("the configuration on disk changed while this test ran (default_config.toml "
                        "edited in the working tree?), so the re-run rightly converted everything "
                        "again; the workers did end with the batch")
        pytest.fail(f"the same options were fingerprinted differently by the two runs: {first} != {second}")
    run = summary["run"]
    again_converted = set(run["timing"]["article_seconds"])
    assert not again_converted & set(recorded), "articles finished before the kill were converted again"
    assert (run["up_to_date"], run["converted"]) == (len(recorded), n - len(recorded))


@pytest.mark.slow
@pytest.mark.parametrize("target", ["batch", "group"])
def test_sigterm_stops_with_a_report_and_exit_143(tmp_path: Path, cfg: str, target: str,
                                                  batch: Callable[..., subprocess.Popen[bytes]]) -> None:
    """``docker stop`` and Kubernetes signal the batch only; systemd signals every process."""
    n = 60
    d = make_folder(tmp_path, n)
    out = tmp_path / "out"
    proc = batch(str(d), "-o", str(out), "--formats", "html", "--config", cfg, "--jobs", "2")
    _started(proc, out, n)
    if target == "batch":
        os.kill(proc.pid, signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGTERM)
    assert proc.wait(120) == ExitCode.TERMINATED == 143, (tmp_path / "stderr0").read_text()
    stdout = (tmp_path / "stdout0").read_text()
    assert "interrupted (SIGTERM): " in stdout and f"report: {out / 'index.html'}" in stdout
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["run"]["interrupted"] is True and summary["run"]["interrupted_by"] == "SIGTERM"
    counts = summary["summary"]
    assert counts["ok"] >= 1 and counts["not_run"] >= 1 and counts["ok"] + counts["not_run"] == n
    manifest = json.loads((out / ".easyread-manifest.json").read_text("utf-8"))
    assert len(manifest["articles"]) == counts["ok"]
    assert not (out / ".easyread-manifest.jsonl").exists() and not list(out.rglob("*.part"))
    wait_until(lambda: not session(proc.pid), "the batch's processes to exit", limit=30)


def test_a_worker_exits_when_its_parent_is_gone_without_pdeathsig(tmp_path: Path) -> None:
    """The portable fallback alone: a watchdog thread that sees the parent change."""
    script = (
        "import os, sys, time\n"
        "from easyread.batch import die_with_parent\n"
        "parent = os.getpid()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    die_with_parent(parent, pdeathsig=False)\n"
        "    while True:\n"
        "        time.sleep(1)\n"
        "print(pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            start_new_session=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout is not None
        child = int(proc.stdout.readline())
        assert _stat(child) is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        wait_until(lambda: (_stat(child) or ["Z"])[0] in ("Z", "X"), "the orphan to exit", limit=30)
    finally:
        for pid in session(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
        if proc.stdout:
            proc.stdout.close()


def test_a_worker_started_after_its_parent_died_exits_at_once(tmp_path: Path) -> None:
    script = "import os\nfrom easyread.batch import die_with_parent\ndie_with_parent(os.getppid() + 1)\n"
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=60, check=False)
    assert done.returncode == ORPHAN_EXIT


def test_a_new_batch_waits_for_the_workers_of_a_killed_one(tmp_path: Path, cfg: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import easyread.batch.manifest

    d = make_folder(tmp_path, 1)
    out = tmp_path / "out"
    out.mkdir()
    # A worker of an earlier batch, still alive: it holds the workers lock shared.
    fd = os.open(out / WORKERS_LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        monkeypatch.setattr(easyread.batch.manifest, "WORKERS_WAIT_SECONDS", 0.2)
        opts = BatchOptions(formats=("md",), executor="inline", config_file=cfg)
        with pytest.raises(BatchLocked, match="worker processes of an earlier batch are still running"):
            run_batch(d, out, opts)
        assert not (out / "article-000.md").exists()
    finally:
        os.close(fd)  # the worker is gone
    assert run_batch(d, out, opts).exit_code == 0


def test_a_journal_line_cut_inside_a_character_is_skipped_on_resume(tmp_path: Path, cfg: str) -> None:
    """kill -9 (or a full disk) stops a write at a page boundary, which may fall inside a UTF-8
    character: that line is skipped, the others are kept, and the resume runs."""
    d = make_folder(tmp_path, 3)
    (d / "article-001.txt").write_text("Café prices\n\n" + " ".join(SENTENCES * 8) + "\n", "utf-8")
    out = tmp_path / "out"
    opts = BatchOptions(formats=("md",), executor="inline", config_file=cfg)
    assert run_batch(d, out, opts).exit_code == 0
    entries = json.loads((out / ".easyread-manifest.json").read_text("utf-8"))["articles"]
    (out / ".easyread-manifest.json").unlink()
    lines = [json.dumps(entries[p], sort_keys=True, ensure_ascii=False).encode("utf-8") for p in sorted(entries)]
    cut = lines[1][: lines[1].index("é".encode()) + 1]  # article-001's line, cut inside the é
    assert cut.decode("utf-8", "replace").endswith("\ufffd")
    (out / JOURNAL_NAME).write_bytes(lines[0] + b"\n" + cut + b"\n" + lines[2] + b"\n")
    assert sorted(Manifest(out).entries) == ["article-000.txt", "article-002.txt"]
    report = run_batch(d, out, opts)
    assert report.exit_code == 0 and (report.up_to_date, report.converted) == (2, 1)
    assert [a.path for a in report.articles if not a.up_to_date] == ["article-001.txt"]

"""Time limits (issue 14, item 2): ``easyread batch --timeout`` and :mod:`easyread.deadline`.

The batch tests run the real command in a subprocess, from a small script that wraps
``easyread.pipeline.process`` so an article holding a marker word is slow. The process pool
starts its workers with ``spawn``, which imports that script again in each worker, so the
workers really run the slow stage:

* ``SLOWMARKER``: the stage sleeps (an alarm can interrupt it: the soft limit);
* ``STUCKMARKER``: the stage blocks SIGALRM first, like code stuck in a C extension, so only the
  batch killing the worker ends it (the hard limit, :func:`easyread.batch.job.hard_limit`).

Each slow article is stopped within about two seconds; nothing here sleeps longer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from easyread.batch import (
    DEFAULT_TIMEOUT,
    TIMED_OUT,
    BatchOptions,
    batch_timeout,
    fingerprint,
    hard_limit,
)
from easyread.config import load_config
from easyread.deadline import check, remaining, time_limit
from easyread.errors import ConfigError, TimeLimitExceeded
from easyread.pipeline import Context, FunctionStage, Pipeline, document_from_text

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and spawn as on Linux")

ROOT = Path(__file__).resolve().parents[2]

GOOD = "The council said on Monday that new buses will start in the town in May. " * 3

SCRIPT = textwrap.dedent('''
    import signal
    import sys
    import time

    import easyread.pipeline as pipeline

    _process = pipeline.process


    def process(doc, config=None, **kwargs):
        text = " ".join(s.text for b in doc.blocks for s in b.sentences)
        if "STUCKMARKER" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as if stuck in C code
            time.sleep(60)
        if "SLOWMARKER" in text:
            time.sleep(60)
        return _process(doc, config, **kwargs)


    pipeline.process = process

    if __name__ == "__main__":
        from easyread.cli import cli

        cli(sys.argv[1:], prog_name="easyread")
''')


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a-good.txt").write_text(f"Good one\n\n{GOOD}\n", "utf-8")
    (d / "z-good.txt").write_text(f"Good two\n\n{GOOD}\n", "utf-8")
    (tmp_path / "cfg.toml").write_text('pipeline = ["numbers"]\n', "utf-8")
    (tmp_path / "slowbatch.py").write_text(SCRIPT, "utf-8")
    return d


def run_batch_cli(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, dict[str, Any]]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, str(tmp_path / "slowbatch.py"), "batch", str(tmp_path / "in"), "-o",
         str(tmp_path / "out"), "--formats", "md", "--config", str(tmp_path / "cfg.toml"), *args],
        capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    WORKERS[:] = list(summary["run"]["timing"]["worker_peak_rss_mb"])
    return proc, {a["path"]: a for a in summary["articles"]}


#: The worker processes (host:pid) the last run_batch_cli used.
WORKERS: list[str] = []


def test_a_slow_article_fails_with_e326_the_rest_goes_on_and_a_resume_keeps_it(
        folder: Path, tmp_path: Path) -> None:
    (folder / "m-slow.txt").write_text(f"Slow\n\n{GOOD} SLOWMARKER.\n", "utf-8")
    started = time.monotonic()
    proc, arts = run_batch_cli(tmp_path, "--timeout", "1", "--jobs", "1")
    assert proc.returncode == 1, proc.stderr
    assert arts["a-good.txt"]["status"] == arts["z-good.txt"]["status"] == "ok"
    slow = arts["m-slow.txt"]
    assert slow["status"] == "failed" and slow["error"]["code"] == TIMED_OUT == "E326"
    assert slow["error"]["message"].startswith("took longer than the time limit of 1 s")
    assert slow["retryable"] is False
    assert "failed: m-slow.txt: took longer than the time limit of 1 s" in proc.stdout
    assert (tmp_path / "out" / "z-good.md").exists() and not (tmp_path / "out" / "m-slow.md").exists()
    assert not list((tmp_path / "out").rglob("*.part"))
    assert time.monotonic() - started < 120  # not the 60 s sleep per try
    # --jobs 1, yet two workers: the one the alarm stopped was replaced (z-good.txt, already
    # sent to it, was handed back unrun and converted by the new one).
    assert len(WORKERS) == 2

    # Resume with the same limit: nothing to do, the failure is kept.
    proc, arts = run_batch_cli(tmp_path, "--timeout", "1", "--jobs", "1")
    assert proc.returncode == 1
    assert "0 converted" in proc.stdout and arts["m-slow.txt"]["error"]["code"] == TIMED_OUT


def test_a_worker_stuck_where_the_alarm_cannot_reach_is_killed_and_replaced(
        folder: Path, tmp_path: Path) -> None:
    (folder / "m-stuck.txt").write_text(f"Stuck\n\n{GOOD} STUCKMARKER.\n", "utf-8")
    proc, arts = run_batch_cli(tmp_path, "--timeout", "1", "--jobs", "2")
    assert proc.returncode == 1, proc.stderr
    assert arts["a-good.txt"]["status"] == arts["z-good.txt"]["status"] == "ok"
    stuck = arts["m-stuck.txt"]
    assert stuck["status"] == "failed" and stuck["error"]["code"] == TIMED_OUT
    assert "its worker was still busy after" in stuck["error"]["message"]
    assert "was stopped" in stuck["error"]["message"]
    assert not list((tmp_path / "out").rglob("*.part"))


def test_a_longer_limit_retries_a_timed_out_article(folder: Path, tmp_path: Path) -> None:
    from easyread.batch import ArticleResult
    from easyread.batch.manifest import manifest_entry, stored_result

    failed = ArticleResult("a.txt", "failed", input_sha256="s", error={"code": TIMED_OUT, "message": "m"})
    entry = manifest_entry(failed, "fp", 1.0)
    assert stored_result(entry, "s", "fp", (), tmp_path, 1.0) is not None  # same limit: kept
    assert stored_result(entry, "s", "fp", (), tmp_path, 0.5) is not None
    assert stored_result(entry, "s", "fp", (), tmp_path, 2.0) is None  # longer: tried again
    assert stored_result(entry, "s", "fp", (), tmp_path, None) is None  # no limit: tried again


def test_the_limit_comes_from_the_flag_then_the_config_and_is_not_in_the_fingerprint(
        tmp_path: Path) -> None:
    config = load_config(use_project=False)
    assert batch_timeout(config, BatchOptions()) == DEFAULT_TIMEOUT == 300
    assert batch_timeout(config, BatchOptions(timeout=0)) is None
    assert batch_timeout(config, BatchOptions(timeout=2.5)) == 2.5
    cfg = tmp_path / "t.toml"
    cfg.write_text("[batch]\ntimeout = 7\n", "utf-8")
    other = load_config(config_file=cfg, use_project=False)
    assert batch_timeout(other, BatchOptions()) == 7
    assert fingerprint(other, BatchOptions()) == fingerprint(config, BatchOptions())
    cfg.write_text('[batch]\ntimeout = "soon"\n', "utf-8")
    with pytest.raises(ConfigError):
        batch_timeout(load_config(config_file=cfg, use_project=False), BatchOptions())
    assert hard_limit(1) == 2 and hard_limit(300) == 305


# ------------------------------------------------------------------- the library guard


def test_the_pipeline_stops_between_stages_once_the_deadline_has_passed() -> None:
    ran: list[str] = []

    def slow(doc, ctx):  # type: ignore[no-untyped-def]
        ran.append("slow")
        time.sleep(0.05)
        return doc

    def after(doc, ctx):  # type: ignore[no-untyped-def]
        ran.append("after")
        return doc

    pipe = Pipeline([FunctionStage("slow", (), (), slow), FunctionStage("after", (), (), after)])
    doc = document_from_text("One sentence here.")
    ctx = Context(config=load_config(use_project=False))
    with time_limit(0.01), pytest.raises(TimeLimitExceeded) as info:
        pipe(doc, ctx)
    assert ran == ["slow"] and info.value.code == "E326"
    assert "stopped in the after stage" in info.value.message
    pipe(doc, ctx)  # no limit outside the block
    assert ran == ["slow", "slow", "after"]


def test_an_inner_limit_never_extends_the_outer_one() -> None:
    assert remaining() is None
    with time_limit(0.5):
        with time_limit(100):
            left = remaining()
            assert left is not None and left <= 0.5
        with time_limit(0):
            check()  # 0: no new limit, the outer one still holds
    assert remaining() is None


def test_outside_the_main_thread_the_deadline_alone_stops_an_article(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a Dask worker (tasks run in threads: no alarm signal), the pipeline's own checks
    stop an article between stages: E326, naming the stage, and no output written."""
    from concurrent.futures import ThreadPoolExecutor

    import easyread.pipeline
    from easyread.batch import ArticleJob, convert_article

    def slow(doc, ctx):  # type: ignore[no-untyped-def]
        time.sleep(0.2)
        return doc

    stages = [FunctionStage(f"slow{n}", (), (), slow) for n in range(10)]
    monkeypatch.setattr(easyread.pipeline, "build_pipeline", lambda config, names=None: Pipeline(stages))
    article = tmp_path / "a.txt"
    article.write_text(f"Title\n\n{GOOD}\n", "utf-8")
    job = ArticleJob("a.txt", str(article), str(tmp_path / "out"), (("md", "a.md"),), "sha",
                     load_config(profile="easy-read", use_project=False), "easy-read", timeout=0.5)
    started = time.monotonic()
    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(convert_article, job).result()
    assert result.status == "failed" and result.error is not None
    assert result.error["code"] == "E326"
    assert result.error["message"].startswith("took longer than the time limit of 0.5 s (stopped in the slow")
    assert time.monotonic() - started < 1.5  # not the 2 s all ten stages take
    assert not (tmp_path / "out").exists()

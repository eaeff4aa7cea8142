"""easyread.batch: the folder hazards (T9), names (T12), resume (T11), atomic outputs (T10),
the lock (T12), the report, and one PDF end to end.

Most tests use the ``inline`` executor and one cheap rewrite stage (numbers) from a
test config: they test the batch machinery; the stages have their own tests. One test runs the
process pool and checks that it reports exactly what the inline run reports.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import easyread
from easyread.batch import (
    COLLISION,
    DUPLICATE,
    JOURNAL_NAME,
    LINK_LOOP,
    LINK_NOT_FOLLOWED,
    MANIFEST_NAME,
    BatchError,
    BatchLocked,
    BatchOptions,
    BatchReport,
    Candidate,
    ProgressEvent,
    lock_output,
    plan_outputs,
    run_batch,
)
from easyread.batch.run import _load_config
from easyread.errors import EasyreadError, ExitCode

ARTICLE = (
    "{title}\n\n"
    "The council said on Monday that {n} new buses will start in the town in May.\n\n"
    "People who live near the bus station asked for more buses last year. "
    "The buses will run every ten minutes during the day.\n\n"
    "A council spokesperson said the plan would cost about £2 million.\n"
)


def article(title: str, n: int = 12) -> str:
    return ARTICLE.format(title=title, n=n)


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    path = tmp_path / "batch-test.toml"
    path.write_text('pipeline = ["numbers"]\n', "utf-8")
    return str(path)


def opts(cfg: str, **kw: Any) -> BatchOptions:
    base: dict[str, Any] = {"formats": ("html", "md", "json"), "executor": "inline", "config_file": cfg}
    base.update(kw)
    return BatchOptions(**base)


def compared(report: BatchReport) -> dict[str, Any]:
    """summary.json without the run block (timings, executor): must match across runs."""
    return report.to_dict(run=False)


def by_path(report: BatchReport) -> dict[str, Any]:
    return {a.path: a for a in report.articles}


@pytest.fixture
def hazard_dir(tmp_path: Path) -> Path:
    """The T9 folder plus the T6 encodings: good and bad files side by side."""
    d = tmp_path / "in"
    (d / "news").mkdir(parents=True)
    (d / "good.txt").write_text(article("Buses for the town"), "utf-8")
    (d / "news" / "story.md").write_text("# New park\n\n" + article("x").split("\n\n", 1)[1], "utf-8")
    (d / "news" / "page.html").write_text(
        "<html><head><title>Page</title></head><body><article><h1>Library hours</h1>"
        "<p>The library will open on Sundays from June.</p><p>It will close at five.</p>"
        "</article></body></html>", "utf-8")
    (d / "cp1252.txt").write_bytes("Prices\n\nA ticket costs £2 now. It cost £1 before.\n".encode("cp1252"))
    (d / "mixed.txt").write_bytes("Mixed\n\nIt costs £2.".encode() + " and £3.\n".encode("cp1252"))
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "empty.txt").write_bytes(b"")
    os.mkfifo(d / "pipe.txt")
    (d / "dir.txt").mkdir()
    (d / "dir.txt" / "inner.txt").write_text(article("Inside a folder named dir.txt"), "utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "loop").symlink_to("..")
    (d / "dangling.txt").symlink_to(d / "no-such-file.txt")
    (d / "zero.txt").symlink_to("/dev/zero")
    (d / "notes.docx").write_bytes(b"ignored: not an article suffix")
    with open(d / "huge.txt", "wb") as fh:  # sparse: over the 5 MB cap without writing 5 MB
        fh.truncate(6 * 1024 * 1024)
    return d


@pytest.fixture
def timeout() -> Iterator[None]:
    """Fail instead of hanging if anything opens the FIFO (T9: it would block)."""

    def boom(signum: int, frame: Any) -> None:
        raise TimeoutError("the batch blocked (did it open the FIFO?)")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_hazard_folder(hazard_dir: Path, tmp_path: Path, cfg: str, timeout: None) -> None:
    out = tmp_path / "out"
    report = run_batch(hazard_dir, out, opts(cfg))
    arts = by_path(report)
    ok = {p for p, a in arts.items() if a.status == "ok"}
    assert ok == {"good.txt", "news/story.md", "news/page.html", "cp1252.txt", "dir.txt/inner.txt"}
    errors = {p: a.error["code"] for p, a in arts.items() if a.error}
    assert errors == {
        "mixed.txt": "E305", "binary.txt": "E304", "empty.txt": "E307",
        "pipe.txt": "E302", "huge.txt": "E306",
    }
    skipped = {s.path: s.code for s in report.skipped}
    assert skipped == {"sub/loop": LINK_LOOP, "dangling.txt": LINK_NOT_FOLLOWED, "zero.txt": LINK_NOT_FOLLOWED}
    assert "notes.docx" not in arts
    assert report.exit_code == 1
    # Every good article has every output, mirrored under OUT_DIR.
    for rel in ("good", "news/story", "news/page", "cp1252", "dir.txt/inner"):
        for fmt in ("html", "md", "json"):
            assert (out / f"{rel}.{fmt}").stat().st_size > 0
    assert not (out / "mixed.html").exists() and not (out / "pipe.html").exists()
    assert arts["cp1252.txt"].notes and arts["cp1252.txt"].notes[0]["code"] == "W301"
    # The report says the same.
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["summary"]["articles"] == 10 and summary["summary"]["ok"] == 5
    assert summary["summary"]["failed"] == 5 and summary["summary"]["skipped_entries"] == 3
    assert [a["path"] for a in summary["articles"]] == sorted(arts)
    good = next(a for a in summary["articles"] if a["path"] == "good.txt")
    assert set(good["before"]) >= {"flesch_kincaid_grade", "words_per_sentence", "hard_words"}
    assert good["check"] in ("pass", "fail", "insufficient") and good["outputs"]["html"] == "good.html"
    csv_text = (out / "summary.csv").read_text("utf-8")
    assert csv_text.count("\n") == 11 and "E305" in csv_text
    page = (out / "index.html").read_text("utf-8")
    assert 'href="news/story.html"' in page and "E302" in page and "<svg" in page
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    assert not list(out.rglob("*.part"))
    assert not (out / JOURNAL_NAME).exists() and (out / MANIFEST_NAME).exists()


def test_follow_symlinks(tmp_path: Path, cfg: str, timeout: None) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(article("A"), "utf-8")
    (d / "sub" / "loop").symlink_to("..")
    (d / "sub" / "again.txt").symlink_to("../a.txt")
    (d / "dangling.txt").symlink_to("nowhere.txt")
    (d / "zero.txt").symlink_to("/dev/zero")
    report = run_batch(d, tmp_path / "out", opts(cfg, follow_symlinks=True))
    arts = by_path(report)
    assert arts["a.txt"].status == "ok"
    assert arts["zero.txt"].error == {"code": "E302", "message": arts["zero.txt"].error["message"]}
    assert arts["dangling.txt"].error["code"] == "E301"
    assert {s.path: s.code for s in report.skipped} == {"sub/again.txt": DUPLICATE, "sub/loop": LINK_LOOP}


def test_output_name_collisions(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "a.md", "b.txt", "index.txt", "summary.txt"):
        (d / name).write_text(article(name), "utf-8")
    out = tmp_path / "out"
    report = run_batch(d, out, opts(cfg))
    assert report.exit_code == 0
    outs = {a.path: a.outputs["html"] for a in report.articles}
    assert outs == {"a.md": "a.md.html", "a.txt": "a.txt.html", "b.txt": "b.html",
                    "index.txt": "index.txt.html", "summary.txt": "summary.txt.html"}
    assert (out / "summary.txt.json").exists() and json.loads((out / "summary.json").read_text())["schema"]


def test_residual_collision_fails_every_input_involved() -> None:
    cands = [Candidate(p, Path(p), 1) for p in ("a.txt", "a.md", "a.txt.md", "c.txt")]
    planned, failed = plan_outputs(cands, ("html",))
    assert sorted(f.path for f in failed) == ["a.txt", "a.txt.md"]
    assert all(f.error and f.error["code"] == COLLISION for f in failed)
    assert planned == {"a.md": (("html", "a.md.html"),), "c.txt": (("html", "c.html"),)}


def test_include_exclude(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    (d / "drafts").mkdir(parents=True)
    (d / "a.txt").write_text(article("A"), "utf-8")
    (d / "b.md").write_text(article("B"), "utf-8")
    (d / "c.text").write_text(article("C"), "utf-8")
    (d / "drafts" / "d.txt").write_text(article("D"), "utf-8")
    report = run_batch(d, tmp_path / "o1", opts(cfg, exclude=("drafts",)))
    assert sorted(by_path(report)) == ["a.txt", "b.md"]
    report = run_batch(d, tmp_path / "o2", opts(cfg, include=("*.txt", "*.text"), exclude=("drafts/*",)))
    assert sorted(by_path(report)) == ["a.txt", "c.text"]


def test_resume_skips_unchanged_redoes_changed(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"a{i}.txt").write_text(article(f"Article {i}", i + 2), "utf-8")
    out = tmp_path / "out"
    first = run_batch(d, out, opts(cfg))
    assert first.converted == 4 and first.up_to_date == 0
    second = run_batch(d, out, opts(cfg))
    assert second.converted == 0 and second.up_to_date == 4 and second.exit_code == 0
    assert compared(second) == compared(first)  # the report is whole, not just this run
    (d / "a1.txt").write_text(article("Article one, changed", 99), "utf-8")
    (out / "a2.md").unlink()  # an output that went missing
    (out / "a3.html").write_text("tampered", "utf-8")  # an output that no longer matches
    third = run_batch(d, out, opts(cfg))
    redone = {a.path for a in third.articles if not a.up_to_date}
    assert redone == {"a1.txt", "a2.txt", "a3.txt"}
    assert (out / "a2.md").exists() and (out / "a3.html").read_text("utf-8") != "tampered"
    changed_profile = run_batch(d, out, opts(cfg, profile="plain"))
    assert changed_profile.converted == 4  # other options: everything redone
    forced = run_batch(d, out, opts(cfg, profile="plain", force=True))
    assert forced.converted == 4 and forced.up_to_date == 0
    manifest = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    assert sorted(manifest["articles"]) == [f"a{i}.txt" for i in range(4)]


def test_resume_does_not_retry_a_failure_that_would_repeat(tmp_path: Path, cfg: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(article("A"), "utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01")
    out = tmp_path / "out"
    first = run_batch(d, out, opts(cfg))
    calls: list[str] = []
    import easyread.batch.executors

    real = easyread.batch.executors.convert_article

    def counting(job: Any) -> Any:
        calls.append(job.path)
        return real(job)

    monkeypatch.setattr(easyread.batch.executors, "convert_article", counting)
    again = run_batch(d, out, opts(cfg))
    assert calls == [] and again.up_to_date == 2 and again.exit_code == 1
    assert compared(again) == compared(first)
    (d / "binary.txt").write_text(article("Fixed now"), "utf-8")
    fixed = run_batch(d, out, opts(cfg))
    assert calls == ["binary.txt"] and fixed.exit_code == 0
    run_batch(d, out, opts(cfg, force=True))
    assert calls == ["binary.txt", "a.txt", "binary.txt"]


def test_interrupt_keeps_finished_work_and_resumes(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(5):
        (d / f"a{i}.txt").write_text(article(f"Article {i}"), "utf-8")
    out = tmp_path / "out"

    def ctrl_c_after_two(event: ProgressEvent) -> None:
        if event.kind == "article" and event.done == 2:
            raise KeyboardInterrupt

    report = run_batch(d, out, opts(cfg), progress=ctrl_c_after_two)
    assert report.interrupted and report.exit_code is ExitCode.INTERRUPTED
    assert [a.status for a in report.articles] == ["ok", "ok", "not_run", "not_run", "not_run"]
    assert (out / "summary.json").exists() and not list(out.rglob("*.part"))
    again = run_batch(d, out, opts(cfg))
    assert again.up_to_date == 2 and again.converted == 3 and again.exit_code == 0


def test_fail_fast(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(b"\x00binary")
    (d / "b.txt").write_text(article("B"), "utf-8")
    report = run_batch(d, tmp_path / "out", opts(cfg, fail_fast=True))
    assert report.stopped_early and report.exit_code == 1
    assert [a.status for a in report.articles] == ["failed", "not_run"]


def test_stale_part_files_removed_and_lock(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(article("A"), "utf-8")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    stale = out / "sub" / ".a.pdf.k2j3h4.part"
    stale.write_bytes(b"%PDF-half")
    keep = out / "sub" / "mine.part"  # not atomic_write's pattern: a user's file, kept
    keep.write_text("x")
    run_batch(d, out, opts(cfg))
    assert not stale.exists() and keep.exists()
    with lock_output(out), pytest.raises(BatchLocked, match="another easyread batch"):
        run_batch(d, out, opts(cfg))


def test_bad_folders(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    with pytest.raises(BatchError, match="no articles found"):
        run_batch(d, tmp_path / "out", opts(cfg))
    (d / "a.txt").write_text(article("A"), "utf-8")
    with pytest.raises(BatchError, match="must differ"):
        run_batch(d, d, opts(cfg))
    with pytest.raises(BatchError, match="not a folder"):
        run_batch(d / "a.txt", tmp_path / "out", opts(cfg))
    with pytest.raises(BatchError, match="No such file"):
        run_batch(tmp_path / "missing", tmp_path / "out", opts(cfg))
    with pytest.raises(BatchError, match="unknown format"):
        opts(cfg, formats=("docx",))


def test_output_inside_input_is_not_read_back(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text(article("A"), "utf-8")
    first = run_batch(d, d / "out", opts(cfg))
    second = run_batch(d, d / "out", opts(cfg, force=True))
    assert [a.path for a in first.articles] == [a.path for a in second.articles] == ["a.md"]


def test_report_escapes_names_and_is_offline(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "<img src=x onerror=alert(1)>.txt").write_text(article("<script>alert(1)</script>"), "utf-8")
    (d / "=cmd.txt").write_text(article("Formula"), "utf-8")
    out = tmp_path / "out"
    run_batch(d, out, opts(cfg))
    page = (out / "index.html").read_text("utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert" not in page
    assert "'=cmd.txt" in (out / "summary.csv").read_text("utf-8")


def _unreachable_for_nobody(in_dir: Path, cfg: str) -> str | None:
    """Why the batch cannot run as this (unprivileged) user for reasons outside the test: the
    package files, the input folder or the config it reads (the project's own ``pyproject.toml``
    in a private checkout) cannot be reached. None when all can."""
    package = Path(easyread.__file__).resolve().parent
    for folder, _, names in os.walk(package):
        if not os.access(folder, os.R_OK | os.X_OK):
            return f"{folder} cannot be listed"
        for name in names:
            if not os.access(os.path.join(folder, name), os.R_OK):
                return f"{os.path.join(folder, name)} cannot be read"
    if not os.access(in_dir, os.R_OK | os.X_OK):
        return f"{in_dir} cannot be listed"
    try:
        _load_config(opts(cfg))  # the same lookup as run_batch: --config, then the project's
    except EasyreadError as exc:
        return f"its config cannot be read ({exc})"
    return None


def _nobody_run(in_dir: Path, out_dir: Path, cfg: str) -> dict[str, Any]:
    """Run the batch as uid 65534 in a forked child (root ignores file modes)."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: no imports after setuid (the interpreter lives under /root)
        code = 0
        try:
            os.close(rfd)
            os.setgid(65534)
            os.setuid(65534)
            why = _unreachable_for_nobody(in_dir, cfg)
            if why is not None:
                payload = json.dumps({"unreachable": why}).encode()
            else:
                report = run_batch(in_dir, out_dir, opts(cfg))
                payload = json.dumps(report.to_dict(run=False)).encode()
        except BaseException as exc:  # report anything to the parent
            payload = json.dumps({"child_error": repr(exc)}).encode()
            code = 1
        with os.fdopen(wfd, "wb") as fh:
            fh.write(payload)
        os._exit(code)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    result: dict[str, Any] = json.loads(data)
    return result


@pytest.mark.skipif(sys.platform != "linux", reason="uses fork and setuid")
def test_unreadable_file_as_non_root(tmp_path: Path, cfg: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to the 'nobody' user")
    import tempfile

    code_dirs = {Path(__file__).resolve().parents[2], Path(sys.prefix).resolve()}
    for top in code_dirs:
        for folder in (top, *top.parents):
            if not folder.stat().st_mode & stat.S_IXOTH:
                pytest.skip(f"{folder} cannot be entered by the 'nobody' user (a private checkout): "
                            "the code could not be imported after dropping privileges")

    from easyread.batch import warm_up
    from easyread.batch.report import _import_pygal

    warm_up(("html",))  # load everything before the child drops privileges
    _import_pygal()
    run_batch_dir = Path(tempfile.mkdtemp(prefix="easyread-nobody-"))
    try:
        os.chmod(run_batch_dir, 0o777)
        d = run_batch_dir / "in"
        d.mkdir()
        (d / "ok.txt").write_text(article("Readable"), "utf-8")
        (d / "secret.txt").write_text(article("Secret"), "utf-8")
        os.chmod(d / "secret.txt", 0)
        os.chmod(d, 0o755)
        os.chmod(d / "ok.txt", 0o644)
        out = run_batch_dir / "out"
        out.mkdir(mode=0o777)
        os.chmod(out, 0o777)
        cfg_copy = run_batch_dir / "cfg.toml"
        cfg_copy.write_text(Path(cfg).read_text("utf-8"), "utf-8")
        os.chmod(cfg_copy, 0o644)
        result = _nobody_run(d, out, str(cfg_copy))
        if "unreachable" in result:
            pytest.skip(f"the 'nobody' user cannot run the batch here: {result['unreachable']} "
                        "(a private checkout, e.g. cloned with umask 077 or into a mode-700 folder)")
        assert "child_error" not in result, result
        arts = {a["path"]: a for a in result["articles"]}
        assert arts["ok.txt"]["status"] == "ok"
        assert arts["secret.txt"]["error"] == {"code": "E303", "message": "permission denied"}
    finally:
        for p in sorted(run_batch_dir.rglob("*"), reverse=True):
            with_mode = p.lstat().st_mode
            if not stat.S_ISLNK(with_mode):
                os.chmod(p, 0o700)
        import shutil

        shutil.rmtree(run_batch_dir, ignore_errors=True)


@pytest.mark.slow
def test_process_pool_reports_the_same_as_inline(tmp_path: Path, cfg: str) -> None:
    d = tmp_path / "in"
    (d / "x").mkdir(parents=True)
    for i in range(4):
        (d / "x" / f"a{i}.txt").write_text(article(f"Article {i}", i), "utf-8")
    (d / "bad.txt").write_bytes(b"\x00")
    inline = run_batch(d, tmp_path / "o1", opts(cfg))
    pooled = run_batch(d, tmp_path / "o2", opts(cfg, executor="local", jobs=2, max_tasks_per_child=2))
    assert compared(pooled) == compared(inline)
    assert len(pooled.to_dict()["run"]["timing"]["worker_peak_rss_mb"]) >= 2  # recycled workers
    for rel in ("x/a0.html", "x/a3.md", "x/a2.json"):
        assert (tmp_path / "o1" / rel).read_bytes() == (tmp_path / "o2" / rel).read_bytes()


@pytest.mark.pdf
def test_pdf_end_to_end_with_default_config(tmp_path: Path) -> None:
    """The default profile and pipeline, PDF and HTML, through the process pool."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "buses.txt").write_text(article("Buses for the town"), "utf-8")
    out = tmp_path / "out"
    report = run_batch(d, out, BatchOptions(formats=("pdf", "html"), jobs=1))
    assert report.exit_code == 0, report.articles[0].error
    assert (out / "buses.pdf").read_bytes().startswith(b"%PDF-")
    assert report.articles[0].outputs == {"pdf": "buses.pdf", "html": "buses.html"}
    again = run_batch(d, out, BatchOptions(formats=("pdf", "html"), jobs=1))
    assert again.up_to_date == 1


def test_a_crashing_stage_fails_only_that_article(tmp_path: Path, cfg: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import easyread.pipeline

    real = easyread.pipeline.process

    def flaky(doc: Any, config: Any = None, **kw: Any) -> Any:
        if doc.source.path == "b.txt":
            raise RuntimeError("boom")
        return real(doc, config, **kw)

    monkeypatch.setattr(easyread.pipeline, "process", flaky)
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (d / name).write_text(article(name), "utf-8")
    report = run_batch(d, tmp_path / "out", opts(cfg))
    assert [a.status for a in report.articles] == ["ok", "failed", "ok"]
    err = report.articles[1].error
    assert err is not None and err["code"] == "E000"
    assert err["message"].startswith("internal error: RuntimeError: boom (at batch/test_run.py:")
    assert report.exit_code == 1


def test_exit_codes_are_the_one_exit_code_enum() -> None:
    """BatchReport.exit_code, the CLI's stop code and the old ``EXIT_*`` names are all members of
    easyread.errors.ExitCode (the one home of the process exit statuses)."""
    import easyread.batch as batch
    from easyread.batch import ArticleResult, BatchReport, stop_exit_code

    def report(*statuses: str, **kw: Any) -> BatchReport:
        arts = [ArticleResult(path=f"{i}.txt", status=s) for i, s in enumerate(statuses)]  # type: ignore[arg-type]
        return BatchReport("in", "out", "easy-read", ("pdf",), [], arts, [], **kw)

    assert report("ok").exit_code is ExitCode.OK
    assert report("ok", "failed").exit_code is ExitCode.CHECK_FAILED
    assert report("ok", "not_run").exit_code is ExitCode.CHECK_FAILED
    assert report("ok", state_errors=[{"code": "E325"}]).exit_code is ExitCode.STATE
    assert report("ok", interrupted=True, interrupted_by="SIGINT").exit_code is ExitCode.INTERRUPTED
    assert report("ok", interrupted=True, interrupted_by="SIGTERM").exit_code is ExitCode.TERMINATED
    assert stop_exit_code("SIGTERM") is ExitCode.TERMINATED and stop_exit_code(None) is ExitCode.INTERRUPTED
    assert [batch.EXIT_OK, batch.EXIT_FAILED, batch.EXIT_STATE, batch.EXIT_SIGINT, batch.EXIT_SIGTERM] == [
        ExitCode.OK, ExitCode.CHECK_FAILED, ExitCode.STATE, ExitCode.INTERRUPTED, ExitCode.TERMINATED]


def test_review_format_writes_each_articles_review_sheet(tmp_path: Path, cfg: str) -> None:
    # batch --formats review: the same sheet `convert --review` writes, one per article
    from easyread.config import load_config
    from easyread.pipeline import process, read_document
    from easyread.render.html import picture_plan
    from easyread.render.review import review_sheet

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Police said the plan would cut crime in the city by a fifth next year.\n", "utf-8")
    report = run_batch(d, tmp_path / "out", opts(cfg, formats=("html", "review")))
    assert report.exit_code == 0
    sheet = (tmp_path / "out" / "a.review.html").read_text("utf-8")
    config = load_config(profile="easy-read", config_file=cfg)
    doc = process(read_document(d / "a.txt", config), config)
    assert sheet == review_sheet(doc, picture_plan(doc))

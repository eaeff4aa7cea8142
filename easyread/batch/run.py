"""``run_batch``: a folder in, outputs, a manifest and a report out."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from easyread.batch.discovery import discover, plan_outputs
from easyread.batch.executors import _EXECUTORS, StopSignals
from easyread.batch.job import os_error_text
from easyread.batch.manifest import (
    Manifest,
    fingerprint,
    hash_input,
    lock_output,
    manifest_entry,
    remove_stale_parts,
    stored_result,
    wait_for_old_workers,
)
from easyread.batch.models import (
    INTERNAL,
    JOURNAL_NAME,
    MANIFEST_NAME,
    RETRY_CODES,
    STATE_WRITE_FAILED,
    ArticleJob,
    ArticleResult,
    BatchError,
    BatchOptions,
    BatchReport,
    ProgressCallback,
    ProgressEvent,
    failure,
)
from easyread.config import Config, budget_hint, load_config
from easyread.errors import ConfigError, EasyreadError, InputError

#: ``--timeout`` when neither the flag nor the config gives one (the config's default is 300).
DEFAULT_TIMEOUT = 300.0

def _check_dirs(in_dir: str | Path, out_dir: str | Path) -> tuple[Path, Path]:
    src = Path(in_dir)
    try:
        st = os.stat(src)
    except OSError as exc:
        raise BatchError(f"input folder: {exc.strerror}", path=str(src)) from None
    if not stat.S_ISDIR(st.st_mode):
        raise BatchError("the input is not a folder (use `easyread convert` for one file)", path=str(src))
    dst = Path(out_dir)
    if dst.exists() and not dst.is_dir():
        raise BatchError("the output exists and is not a folder", path=str(dst))
    src = src.resolve()
    dst = dst.resolve()
    if src == dst:
        raise BatchError("the output folder must differ from the input folder", path=str(dst))
    return src, dst


def _load_config(options: BatchOptions) -> Config:
    from easyread.config import work_budget

    overrides = {"max_bytes": options.max_bytes} if options.max_bytes else None
    config = load_config(config_file=options.config_file, profile=options.profile, overrides=overrides)
    # an article over the work budget (rewrite_max_bytes) is refused at discovery (E306)
    return work_budget(config, options.max_bytes)[0]


def batch_timeout(config: Config, options: BatchOptions) -> float | None:
    """The time limit per article in seconds (None: no limit): ``--timeout``, else
    ``[batch] timeout`` in the config, else :data:`DEFAULT_TIMEOUT`; 0 means no limit."""
    value: Any = options.timeout
    if value is None:
        section = config.raw.get("batch", {})
        value = section.get("timeout", DEFAULT_TIMEOUT) if isinstance(section, dict) else DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"[batch] timeout must be a number of seconds, not {value!r}") from None
    if not seconds >= 0:
        raise ConfigError(f"[batch] timeout must be 0 (no limit) or a number of seconds, not {value!r}")
    return seconds or None


def _state_error(file: str, exc: BaseException) -> dict[str, str]:
    """A row of ``BatchReport.state_errors``: one of the batch's own files was not written."""
    if isinstance(exc, OSError):
        detail = os_error_text(exc)
        code = STATE_WRITE_FAILED
    elif isinstance(exc, EasyreadError):
        detail, code = f"{exc.message} [{exc.code}]", STATE_WRITE_FAILED
    else:  # a bug (in the report's renderer, say): still a report on stderr, still exit 4
        detail, code = f"internal error: {type(exc).__name__}: {exc}", INTERNAL
    what = "the journal" if file == JOURNAL_NAME else "the manifest" if file == MANIFEST_NAME else "the report"
    return {"code": code, "file": file, "message": f"cannot write {what} {file}: {detail}"}


def run_batch(
    in_dir: str | Path,
    out_dir: str | Path,
    options: BatchOptions | None = None,
    progress: ProgressCallback | None = None,
) -> BatchReport:
    """Convert every article under ``in_dir`` into ``out_dir`` and write the report.

    Raises :class:`BatchError` (exit 3) only when nothing can run; every per-article problem
    is in the returned report. Ctrl-C stops after the articles in flight, SIGTERM at once:
    finished outputs and the manifest are kept and ``report.interrupted`` is set (exit 130,
    143). Before any article is handed out they raise ``KeyboardInterrupt`` /
    :class:`Terminated` instead. A journal, manifest or report that cannot be written (disk
    full) is in ``report.state_errors`` (exit 4); the batch stops handing out articles when
    the journal cannot be written.
    """
    options = options or BatchOptions()
    started = time.perf_counter()
    src, dst = _check_dirs(in_dir, out_dir)
    config = _load_config(options)
    options = replace(options, profile=config.profile, timeout=batch_timeout(config, options) or 0.0)
    timeout = options.timeout or None
    try:
        dst.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create the output folder: {exc.strerror}", path=str(dst)) from None
    with StopSignals() as stop, lock_output(dst):
        wait_for_old_workers(dst)
        remove_stale_parts(dst)
        manifest = Manifest(dst)
        dst_st = os.stat(dst)
        found = discover(src, options, config.max_bytes, skip_dirs=[(dst_st.st_dev, dst_st.st_ino)],
                         hint=budget_hint(config.max_bytes if not options.max_bytes
                                          and config.max_bytes == config.rewrite_max_bytes else None))
        if not found.candidates and not found.failed:
            with contextlib.suppress(OSError, EasyreadError):
                manifest.compact()
            raise BatchError(
                f"no articles found (looked for {', '.join(options.include or options.suffixes)})",
                path=str(src))
        planned, collisions = plan_outputs(found.candidates, options.formats)
        fp = fingerprint(config, options)
        results: dict[str, ArticleResult] = {r.path: r for r in (*found.failed, *collisions)}
        jobs: list[ArticleJob] = []
        up_to_date = 0
        for cand in found.candidates:
            if cand.path not in planned:
                continue
            try:
                sha = hash_input(cand.source, config.max_bytes, follow_symlinks=options.follow_symlinks)
            except InputError as exc:
                results[cand.path] = failure(cand.path, exc.code, exc.message)
                continue
            outputs = planned[cand.path]
            stored = None if options.force else stored_result(
                manifest.entries.get(cand.path), sha, fp, outputs, dst, timeout)
            if stored is not None:
                results[cand.path] = stored
                up_to_date += 1
                continue
            jobs.append(ArticleJob(cand.path, str(cand.source), str(dst), outputs, sha, config, options.profile,
                                   timeout))
        total = len(jobs)
        if progress:
            progress(ProgressEvent("start", 0, total, up_to_date=up_to_date))
        interrupted = stopped = False
        state_errors: list[dict[str, str]] = []
        done = 0
        stream = _EXECUTORS[options.executor](jobs, options, stop) if jobs else iter(())
        try:
            for result in stream:
                results[result.path] = result
                done += 1
                if result.status == "ok" or (result.error and result.error["code"] not in RETRY_CODES):
                    try:
                        manifest.record(manifest_entry(result, fp, timeout))
                    except OSError as exc:
                        # Without the journal a resume cannot know what was done (and the
                        # disk is most likely full): hand out nothing more.
                        state_errors.append(_state_error(JOURNAL_NAME, exc))
                if progress:
                    progress(ProgressEvent("article", done, total, result=result))
                if state_errors:
                    break
                if options.fail_fast and result.status == "failed":
                    stopped = True
                    break
        except KeyboardInterrupt:
            interrupted = True
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                try:
                    close()
                except KeyboardInterrupt:
                    interrupted = True
        stop.disarm()  # from here on, signals wait: the manifest and the report are written whole
        if interrupted and options.executor != "dask":
            remove_stale_parts(dst)  # the workers are gone: what they left half-done is stale
        for job in jobs:
            results.setdefault(job.path, ArticleResult(job.path, "not_run", input_sha256=job.input_sha256))
        try:
            manifest.compact()
        except (OSError, EasyreadError) as exc:
            manifest.close()
            state_errors.append(_state_error(MANIFEST_NAME, exc))
        report = BatchReport(
            in_dir=str(src), out_dir=str(dst), profile=config.profile, formats=options.formats,
            thresholds=[str(t) for t in config.thresholds],
            articles=[results[k] for k in sorted(results)],
            skipped=sorted(found.skipped, key=lambda s: s.path),
            executor=options.executor, jobs=options.workers if options.executor != "inline" else 1,
            interrupted=interrupted, interrupted_by=(stop.name or "SIGINT") if interrupted else None,
            stopped_early=stopped, state_errors=state_errors,
        )
        report.wall_seconds = time.perf_counter() - started
        if options.report:
            from easyread.batch.report import ReportWriteError, write_reports

            try:
                write_reports(report, dst)
            except ReportWriteError as exc:
                report.state_errors.append(_state_error(exc.name, exc.error))
    return report

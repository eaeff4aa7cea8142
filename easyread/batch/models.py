"""The batch's data: options, the job for one article, its result, the report, and the
file names and codes they use (see ``docs/batch.md``)."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from easyread import __version__
from easyread.config import Config
from easyread.errors import EasyreadError, ExitCode

FORMATS = ("pdf", "html", "md", "json", "review")
#: Output file endings that are not the format's name (``a.review.html``: a page a browser opens).
OUTPUT_ENDINGS = {"review": "review.html"}
DEFAULT_FORMATS = ("pdf", "html")
DEFAULT_SUFFIXES = (".txt", ".md", ".html")
DEFAULT_PROFILE = "easy-read"
EXECUTORS = ("local", "dask", "inline")

MANIFEST_NAME = ".easyread-manifest.json"
JOURNAL_NAME = ".easyread-manifest.jsonl"
LOCK_NAME = ".easyread.lock"
#: Held shared by every worker while it lives; a new batch takes it exclusively (and lets go)
#: before it starts, so it never runs alongside the workers of a batch that was killed.
WORKERS_LOCK_NAME = ".easyread-workers.lock"
REPORT_NAMES = ("index.html", "summary.json", "summary.csv")
#: Names in OUT_DIR's top folder that an article's output may never take.
RESERVED_NAMES = frozenset(n.casefold() for n in (
    *REPORT_NAMES, MANIFEST_NAME, JOURNAL_NAME, LOCK_NAME, WORKERS_LOCK_NAME))

#: Exit codes of ``easyread batch`` (BatchReport.exit_code; docs/batch.md): the members of
#: :class:`easyread.errors.ExitCode`, under the names they had here (kept for importers; new code
#: uses ``ExitCode`` itself). 2 (usage) and 3 (nothing could run) come from the CLI.
EXIT_OK = ExitCode.OK
EXIT_FAILED = ExitCode.CHECK_FAILED  # some articles failed, or --fail-fast stopped the batch
EXIT_STATE = ExitCode.STATE  # the journal, manifest or report could not be written
EXIT_SIGINT = ExitCode.INTERRUPTED  # Ctrl-C (128 + SIGINT)
EXIT_SIGTERM = ExitCode.TERMINATED  # SIGTERM (128 + SIGTERM)


def stop_exit_code(by: str | None) -> ExitCode:
    """The exit code of a batch stopped by a signal: TERMINATED (143) for ``"SIGTERM"``,
    else INTERRUPTED (130, Ctrl-C)."""
    return ExitCode.TERMINATED if by == "SIGTERM" else ExitCode.INTERRUPTED

Status = Literal["ok", "failed", "not_run"]


class BatchError(EasyreadError):
    """The batch cannot run at all (bad IN_DIR or OUT_DIR, no articles): exit code 3."""

    code = "E320"


class BatchLocked(BatchError):
    """Another batch holds the lock on OUT_DIR."""

    code = "E321"


# Codes for per-entry problems found by the batch itself (the reader's E3xx codes are reused
# for input problems it shares with other commands; see docs/batch.md).
COLLISION = "E322"  # two inputs would write the same output file
WORKER_DIED = "E323"  # the worker process died while converting this article
# Defined here for now; they may move to easyread.errors (the E6xx output codes) later.
WRITE_FAILED = "E324"  # an output could not be written: disk full, I/O error, permission, ...
TIMED_OUT = "E326"  # the article took longer than --timeout (easyread.errors.TimeLimitExceeded)
STATE_WRITE_FAILED = "E325"  # the journal, the manifest or a report file could not be written
INTERNAL = "E000"  # an unexpected exception in a stage (a bug: please report it)
#: Failures that may not happen again on a re-run with the same input and options (a
#: permission fixed, a worker that ran out of memory, space freed on the disk): always
#: retried. Any other failure (a binary file, a bad encoding) is recorded in the manifest and
#: only retried when the input or the options change, or with --force, so a resume on an
#: unchanged folder does no work.
RETRY_CODES = frozenset({"E303", WORKER_DIED, WRITE_FAILED})
#: OS errors that come from the machine, not the article (they may be gone on the next run):
#: raised anywhere while converting, they make the failure E324 (retried), not E000.
TRANSIENT_ERRNOS = frozenset(
    getattr(errno, name) for name in (
        "ENOSPC", "EDQUOT", "EIO", "EROFS", "EACCES", "EPERM", "EMFILE", "ENFILE", "ENOMEM",
        "EAGAIN", "ESTALE", "ETIMEDOUT", "EFBIG")
    if hasattr(errno, name))


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while the batch ran (a ``KeyboardInterrupt``, so it stops the batch
    the way Ctrl-C does)."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@dataclass(frozen=True)
class BatchOptions:
    """Everything that decides what a batch does (the CLI flags, one to one)."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    profile: str = DEFAULT_PROFILE
    jobs: int | None = None  # default: the CPUs this process may use
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force: bool = False
    fail_fast: bool = False
    report: bool = True
    executor: str = "local"  # local (process pool), dask, or inline (this process; tests)
    scheduler: str | None = None  # tcp://HOST:PORT; dask without it starts a LocalCluster
    config_file: str | None = None
    max_bytes: int | None = None
    follow_symlinks: bool = False
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    max_tasks_per_child: int = 100  # RSS grew ~25 MB over 126 PDF articles (docs/benchmarks-batch.md)
    #: Seconds per article (None: ``[batch] timeout`` from the config; 0: no limit).
    timeout: float | None = None

    def __post_init__(self) -> None:
        bad = [f for f in self.formats if f not in FORMATS]
        if bad or not self.formats:
            raise BatchError(f"unknown format(s) {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
        if self.executor not in EXECUTORS:
            raise BatchError(f"unknown executor {self.executor!r}; choose from {', '.join(EXECUTORS)}")
        if self.jobs is not None and self.jobs < 1:
            raise BatchError("--jobs must be at least 1")
        if self.timeout is not None and not self.timeout >= 0:
            raise BatchError("--timeout must be 0 (no limit) or a number of seconds")

    @property
    def workers(self) -> int:
        if self.jobs:
            return self.jobs
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1


@dataclass(frozen=True)
class ArticleJob:
    """One article to convert: everything a worker needs, picklable, no open handles."""

    path: str  # relative to IN_DIR, POSIX separators: the article's name in every report
    source: str  # absolute path (on a cluster: the same shared path on every worker)
    out_dir: str
    outputs: tuple[tuple[str, str], ...]  # (format, output path relative to OUT_DIR)
    input_sha256: str
    config: Config
    profile: str
    timeout: float | None = None  # seconds; None: no limit


@dataclass
class ArticleResult:
    """What happened to one article; ``to_summary()`` is its row in summary.json."""

    path: str
    status: Status
    outputs: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    before: dict[str, float] = field(default_factory=dict)
    after: dict[str, float] = field(default_factory=dict)
    check: str | None = None  # pass, fail or insufficient (too little text to judge)
    check_failures: list[str] = field(default_factory=list)
    error: dict[str, str] | None = None  # {"code": ..., "message": ...}
    notes: list[dict[str, str]] = field(default_factory=list)
    input_sha256: str | None = None
    # Run facts, kept out of the compared part of summary.json:
    output_sha256: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    worker: str = ""
    max_rss_mb: float = 0.0
    up_to_date: bool = False

    @property
    def retryable(self) -> bool:
        """A failure that a resume (without --force) tries again (see RETRY_CODES)."""
        return self.status == "failed" and (self.error or {}).get("code") in RETRY_CODES

    def to_summary(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "title": self.title,
            "outputs": dict(sorted(self.outputs.items())),
            "before": self.before,
            "after": self.after,
            "check": self.check,
            "check_failures": self.check_failures,
            "error": self.error,
            "retryable": self.retryable,
            "notes": self.notes,
            "input_sha256": self.input_sha256,
        }

    @classmethod
    def from_summary(cls, data: dict[str, Any]) -> ArticleResult:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def failure(rel: str, code: str, message: str) -> ArticleResult:
    """A failed article that never reached a worker (found by the walk, the names or the hash)."""
    return ArticleResult(path=rel, status="failed", error={"code": code, "message": message})


@dataclass(frozen=True)
class Skipped:
    """A folder entry that is not an article by policy (a symlink not followed, a loop)."""

    path: str
    code: str
    message: str


@dataclass(frozen=True)
class ProgressEvent:
    """Sent to the ``progress`` callback: ``start`` once, ``article`` per finished article."""

    kind: Literal["start", "article"]
    done: int
    total: int  # articles to convert in this run (up-to-date ones excluded)
    up_to_date: int = 0
    result: ArticleResult | None = None


ProgressCallback = Callable[[ProgressEvent], None]


@dataclass
class BatchReport:
    """The outcome of a batch; ``to_dict()`` is summary.json."""

    in_dir: str
    out_dir: str
    profile: str
    formats: tuple[str, ...]
    thresholds: list[str]
    articles: list[ArticleResult]
    skipped: list[Skipped]
    executor: str = "local"
    jobs: int = 1
    interrupted: bool = False
    interrupted_by: str | None = None  # "SIGINT" or "SIGTERM"
    stopped_early: bool = False  # --fail-fast
    wall_seconds: float = 0.0
    reports_written: list[str] = field(default_factory=list)
    #: The batch's own files that could not be written: {"code": "E325", "file", "message"}.
    state_errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        arts = self.articles
        return {
            "articles": len(arts),
            "ok": sum(a.status == "ok" for a in arts),
            "failed": sum(a.status == "failed" for a in arts),
            "failed_retryable": sum(a.retryable for a in arts),
            "not_run": sum(a.status == "not_run" for a in arts),
            "check_passed": sum(a.check == "pass" for a in arts),
            "check_failed": sum(a.check == "fail" for a in arts),
            "check_insufficient": sum(a.check == "insufficient" for a in arts),
            "skipped_entries": len(self.skipped),
        }

    @property
    def converted(self) -> int:
        return sum(a.status == "ok" and not a.up_to_date for a in self.articles)

    @property
    def up_to_date(self) -> int:
        """Articles not converted again: unchanged since a run that converted them, or that
        failed on them in a way that would fail again (see RETRY_CODES)."""
        return sum(a.up_to_date for a in self.articles)

    @property
    def exit_code(self) -> ExitCode:
        """130 interrupted by Ctrl-C (SIGINT), 143 stopped by SIGTERM; else 4 when the
        journal, manifest or report could not be written; else 1 when some articles failed
        (or were not run after --fail-fast); else 0."""
        if self.interrupted:
            return stop_exit_code(self.interrupted_by)
        if self.state_errors:
            return ExitCode.STATE
        if any(a.status != "ok" for a in self.articles):
            return ExitCode.CHECK_FAILED
        return ExitCode.OK

    def to_dict(self, *, run: bool = True) -> dict[str, Any]:
        """summary.json. Everything outside ``run`` is the same whichever executor ran the
        batch and whether articles were converted now or on an earlier run."""
        data: dict[str, Any] = {
            "schema": "easyread.batch",
            "schema_version": "1.1",
            "easyread_version": __version__,
            "profile": self.profile,
            "formats": list(self.formats),
            "thresholds": self.thresholds,
            "summary": self.counts,
            "articles": [a.to_summary() for a in self.articles],
            "skipped": [asdict(s) for s in self.skipped],
        }
        if run:
            workers: dict[str, float] = {}
            for a in self.articles:
                if a.worker and not a.up_to_date:
                    workers[a.worker] = max(workers.get(a.worker, 0.0), a.max_rss_mb)
            data["run"] = {
                "in_dir": self.in_dir,
                "out_dir": self.out_dir,
                "executor": self.executor,
                "jobs": self.jobs,
                "interrupted": self.interrupted,
                "interrupted_by": self.interrupted_by,
                "stopped_early": self.stopped_early,
                "state_errors": self.state_errors,
                "converted": self.converted,
                "up_to_date": self.up_to_date,
                "timing": {
                    "wall_seconds": round(self.wall_seconds, 3),
                    "article_seconds": {
                        a.path: round(a.seconds, 3) for a in self.articles
                        if a.status != "not_run" and not a.up_to_date
                    },
                    "worker_peak_rss_mb": dict(sorted(workers.items())),
                },
            }
        return data

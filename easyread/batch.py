"""Convert a folder of articles: IN_DIR -> OUT_DIR with PDF/HTML/Markdown/JSON and a report.

``run_batch(in_dir, out_dir, options, progress=callback) -> BatchReport`` is the one entry
point; ``easyread batch`` is a thin command over it. Each article is converted on its own by
:func:`convert_article` (a top-level, picklable function), so one bad article never stops the
batch, and the same function runs in-process, in a ``ProcessPoolExecutor`` or on a Dask
cluster. See ``docs/batch.md`` for the guarantees; in short:

* **Walk** (T9): ``os.scandir``, sorted, symlinks not followed unless asked (then a visited set
  of ``(st_dev, st_ino)`` stops loops), only regular files (``lstat`` + ``S_ISREG``; pipes and
  devices are never opened), the configured size cap checked before reading.
* **Names** (T12): ``news/a.txt`` -> ``news/a.pdf``; when two inputs in one folder share a stem
  (``a.txt`` and ``a.md``), or an output would take a report file's name, *both* keep their
  source suffix (``a.txt.pdf``, ``a.md.pdf``). Any collision left is an error for every input
  involved, found before anything runs.
* **Integrity** (T10, T11): every output is written with :func:`easyread.io.atomic_write`; a
  journal (``.easyread-manifest.jsonl``, one fsynced line per finished article) is compacted
  into ``.easyread-manifest.json``; stale ``*.part`` files are removed on start; a re-run skips
  articles whose input hash, options, version and outputs all match.
* **Concurrency** (T12): an ``fcntl.flock`` on ``OUT_DIR/.easyread.lock`` stops a second batch
  writing the same folder.
* **Lifetime** (issue 16): workers die with the batch (``PR_SET_PDEATHSIG`` on Linux, a watchdog
  thread everywhere) and never write after it is gone; each holds a shared ``flock`` on
  ``OUT_DIR/.easyread-workers.lock``, so a new batch waits until an old batch's workers are gone.
  SIGTERM stops a batch like Ctrl-C, but without waiting for the articles in flight (exit 143).
* **Time limits** (issue 14): ``--timeout SECONDS`` per article (``[batch] timeout`` in the
  config, default 300; 0 for none). In the process pool an alarm signal stops the article when
  its time is up and, should it be stuck in code that signals cannot interrupt, the batch kills
  its worker a grace period later; either way the article fails with E326 and the workers are
  replaced. Everywhere (Dask too) :mod:`easyread.deadline` stops the pipeline between stages
  and between sentences. A resume retries a timed-out article only with a longer limit.
* **Write errors** (issue 16): an output that cannot be written (disk full, I/O error,
  permission, read-only, quota) fails that article with E324, which a resume retries; a journal,
  manifest or report that cannot be written is E325 and exit 4, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import fnmatch
import hashlib
import json
import os
import resource
import signal
import socket
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from easyread import __version__
from easyread.config import Config, load_config
from easyread.errors import ConfigError, EasyreadError

FORMATS = ("pdf", "html", "md", "json")
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

MANIFEST_SCHEMA = "easyread.batch-manifest"
#: A job that was running in a worker that died this many times is reported as failed.
MAX_CRASHES = 2
#: How long to keep trying to reach a Dask scheduler given with --scheduler.
DASK_CONNECT_TIMEOUT = "10s"
#: Seconds a new batch waits for the workers of a killed batch on the same OUT_DIR to exit
#: (they go within WATCHDOG_SECONDS of their parent; only a stopped or hung one takes longer).
WORKERS_WAIT_SECONDS = 15.0
#: How often a worker checks that the batch that started it is still there.
WATCHDOG_SECONDS = 0.25
#: How often the process pool's loop looks at the stop flags set by SIGINT and SIGTERM.
POLL_SECONDS = 0.2
#: The exit status of a worker that found its batch gone (nobody reads it: for ``ps`` only).
ORPHAN_EXIT = 70

#: Exit codes of ``easyread batch`` (BatchReport.exit_code; docs/batch.md). 2 (usage) and 3
#: (nothing could run) come from the CLI.
EXIT_OK = 0
EXIT_FAILED = 1  # some articles failed, or --fail-fast stopped the batch
EXIT_STATE = 4  # the journal, manifest or report could not be written (disk full?)
EXIT_SIGINT = 130  # Ctrl-C (128 + SIGINT)
EXIT_SIGTERM = 143  # SIGTERM: timeout, systemd, docker stop, Kubernetes (128 + SIGTERM)

#: ``--timeout`` when neither the flag nor the config gives one (the config's default is 300).
DEFAULT_TIMEOUT = 300.0
#: A worker whose article is still running this long after its time limit (the alarm could not
#: stop it: stuck in C code) is killed: ``min(HARD_GRACE_MAX, max(1, timeout / 10))`` seconds.
HARD_GRACE_MAX = 5.0

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
LINK_NOT_FOLLOWED = "W320"
LINK_LOOP = "W321"
DUPLICATE = "W322"
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
    def exit_code(self) -> int:
        """130 interrupted by Ctrl-C (SIGINT), 143 stopped by SIGTERM; else 4 when the
        journal, manifest or report could not be written; else 1 when some articles failed
        (or were not run after --fail-fast); else 0."""
        if self.interrupted:
            return EXIT_SIGTERM if self.interrupted_by == "SIGTERM" else EXIT_SIGINT
        if self.state_errors:
            return EXIT_STATE
        if any(a.status != "ok" for a in self.articles):
            return EXIT_FAILED
        return EXIT_OK

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


# --------------------------------------------------------------------------------------------
# Walking IN_DIR


@dataclass(frozen=True)
class Candidate:
    path: str  # relative, POSIX
    source: Path
    size: int


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    failed: list[ArticleResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def _wanted(rel: str, options: BatchOptions) -> bool:
    if options.exclude and _matches(rel, options.exclude):
        return False
    if options.include:
        return _matches(rel, options.include)
    return PurePosixPath(rel).suffix.lower() in options.suffixes


def _describe_link(path: str, ancestors: set[tuple[int, int]]) -> tuple[str, str]:
    """What a symlink points to, found with ``stat`` only (nothing is opened)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return LINK_NOT_FOLLOWED, "dangling symlink (its target does not exist), not followed"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return LINK_LOOP, "symlink loop, not followed"
        return LINK_NOT_FOLLOWED, f"symlink not followed ({exc.strerror})"
    if stat.S_ISDIR(st.st_mode):
        if (st.st_dev, st.st_ino) in ancestors:
            return LINK_LOOP, "symlink loop (points to a folder above it), not followed"
        return LINK_NOT_FOLLOWED, "symlink to a folder, not followed (use --follow-symlinks)"
    if stat.S_ISREG(st.st_mode):
        return LINK_NOT_FOLLOWED, "symlink to a file, not followed (use --follow-symlinks)"
    return LINK_NOT_FOLLOWED, "symlink to a device, pipe or socket, not followed"


def _failed(rel: str, code: str, message: str) -> ArticleResult:
    return ArticleResult(path=rel, status="failed", error={"code": code, "message": message})


def discover(in_dir: Path, options: BatchOptions, max_bytes: int,
             skip_dirs: Iterable[tuple[int, int]] = ()) -> Discovery:
    """Walk ``in_dir`` (sorted, depth first) and sort entries into articles and problems.

    Nothing is opened here: entries are classified with ``lstat``/``stat`` only.
    """
    found = Discovery()
    skip = set(skip_dirs)
    visited: set[tuple[int, int]] = set()
    seen_files: dict[tuple[int, int], str] = {}
    root = os.stat(in_dir)
    stack: list[tuple[Path, str, tuple[tuple[int, int], ...]]] = [(in_dir, "", ())]
    del root
    while stack:
        folder, rel_folder, parents = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            found.failed.append(_failed(rel_folder or ".", "E303", f"cannot open folder: {exc.strerror}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:
            found.skipped.append(Skipped(rel_folder, LINK_LOOP, "folder already visited (symlink loop), not entered again"))
            continue
        visited.add(key)
        if key in skip:
            continue  # OUT_DIR inside IN_DIR: never read our own outputs
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.failed.append(_failed(rel_folder or ".", "E303", f"cannot list folder: {exc.strerror}"))
            continue
        ancestors = {*parents, key}
        subdirs: list[tuple[Path, str, tuple[tuple[int, int], ...]]] = []
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                lst = entry.stat(follow_symlinks=False)
            except OSError as exc:
                found.failed.append(_failed(rel, "E303", f"cannot stat: {exc.strerror}"))
                continue
            mode = lst.st_mode
            if stat.S_ISLNK(mode):
                if options.exclude and _matches(rel, options.exclude):
                    continue
                if not options.follow_symlinks:
                    code, message = _describe_link(entry.path, ancestors)
                    found.skipped.append(Skipped(rel, code, message))
                    continue
                try:
                    target = os.stat(entry.path)
                except FileNotFoundError:
                    found.failed.append(_failed(rel, "E301", "dangling symlink: its target does not exist"))
                    continue
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        found.skipped.append(Skipped(rel, LINK_LOOP, "symlink loop, skipped"))
                    else:
                        found.failed.append(_failed(rel, "E303", f"cannot follow symlink: {exc.strerror}"))
                    continue
                mode, lst = target.st_mode, target
                if stat.S_ISDIR(mode) and (target.st_dev, target.st_ino) in ancestors:
                    found.skipped.append(Skipped(rel, LINK_LOOP, "symlink loop (points to a folder above it), skipped"))
                    continue
            if stat.S_ISDIR(mode):
                if not (options.exclude and _matches(rel, options.exclude)):
                    subdirs.append((Path(entry.path), rel, tuple(ancestors)))
                continue
            if not _wanted(rel, options):
                continue
            if not stat.S_ISREG(mode):
                found.failed.append(_failed(rel, "E302", "not a regular file (a pipe, device or socket); never opened"))
                continue
            fkey = (lst.st_dev, lst.st_ino)
            if options.follow_symlinks and fkey in seen_files:
                found.skipped.append(Skipped(rel, DUPLICATE, f"same file as {seen_files[fkey]}, skipped"))
                continue
            seen_files[fkey] = rel
            if lst.st_size > max_bytes:
                found.failed.append(_failed(
                    rel, "E306", f"{lst.st_size:,} bytes is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)"))
                continue
            found.candidates.append(Candidate(rel, Path(entry.path), lst.st_size))
        stack.extend(reversed(subdirs))
    return found


# --------------------------------------------------------------------------------------------
# Output names


def plan_outputs(candidates: list[Candidate], formats: tuple[str, ...]
                 ) -> tuple[dict[str, tuple[tuple[str, str], ...]], list[ArticleResult]]:
    """Output paths per article (relative to OUT_DIR), and the articles that collide.

    ``dir/a.txt`` -> ``dir/a.<fmt>``. Inputs in one folder whose stems are equal ignoring case
    (``a.txt``, ``A.md``), or whose output would take a report's name at the top of OUT_DIR
    (``index.txt`` -> ``index.html``), all keep their source suffix: ``dir/a.txt.<fmt>``.
    Any collision left after that is an error for every input involved.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for c in candidates:
        p = PurePosixPath(c.path)
        groups.setdefault((str(p.parent), p.stem.casefold()), []).append(c.path)
    planned: dict[str, tuple[tuple[str, str], ...]] = {}
    for c in candidates:
        p = PurePosixPath(c.path)
        base = p.stem
        clash = len(groups[(str(p.parent), p.stem.casefold())]) > 1
        reserved = str(p.parent) == "." and any(f"{p.stem}.{f}".casefold() in RESERVED_NAMES for f in formats)
        if clash or reserved:
            base = p.name
        planned[c.path] = tuple((f, str(p.parent / f"{base}.{f}")) for f in formats)
    owners: dict[str, list[str]] = {}
    folders: set[str] = set()
    for rel, outs in planned.items():
        for _, out in outs:
            owners.setdefault(out.casefold(), []).append(rel)
            folders.update(str(parent).casefold() for parent in PurePosixPath(out).parents)
    bad: dict[str, str] = {}
    for out, rels in owners.items():
        if len(rels) > 1:
            for rel in rels:
                others = ", ".join(r for r in rels if r != rel)
                bad.setdefault(rel, f"output {out} would also be written for {others}; rename one")
        if out in folders or out in RESERVED_NAMES:
            for rel in rels:
                bad.setdefault(rel, f"output {out} has the name of a folder or report file; rename the input")
    failed = [_failed(rel, COLLISION, msg) for rel, msg in sorted(bad.items())]
    return {k: v for k, v in planned.items() if k not in bad}, failed


# --------------------------------------------------------------------------------------------
# Hashing, manifest, lock


def hash_input(path: Path, max_bytes: int, *, follow_symlinks: bool) -> str:
    """SHA-256 of a regular file, opened non-blocking (and without following a swapped-in
    symlink unless asked), checked again with ``fstat``, reading at most ``max_bytes + 1``."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise _InputProblem("E303", "permission denied") from None
    except OSError as exc:
        raise _InputProblem("E303", f"cannot open: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _InputProblem("E302", "not a regular file (a pipe, device or socket)")
        digest = hashlib.sha256()
        left = max_bytes + 1
        while left > 0:
            try:
                chunk = fh.read(min(1 << 20, left))
            except OSError as exc:
                raise _InputProblem("E303", f"cannot read: {exc.strerror}") from None
            if not chunk:
                break
            digest.update(chunk)
            left -= len(chunk)
        if left <= 0:
            raise _InputProblem("E306", f"over the limit of {max_bytes:,} bytes")
    return digest.hexdigest()


class _InputProblem(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _file_sha256(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def fingerprint(config: Config, options: BatchOptions) -> str:
    """What, besides the input, decides the outputs: version, formats, profile, merged config."""
    raw = dict(config.raw)
    if isinstance(raw.get("batch"), dict):  # the time limit does not change the outputs
        raw["batch"] = {k: v for k, v in raw["batch"].items() if k != "timeout"}
    data = {
        "easyread": __version__,
        "formats": sorted(options.formats),
        "profile": options.profile,
        "config": raw,
        "thresholds": [str(t) for t in config.thresholds],
        "max_sentence_words": config.max_sentence_words,
    }
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


class Manifest:
    """``.easyread-manifest.json`` plus an append-only journal of finished articles.

    Each finished article appends one line to the journal and fsyncs it, so ``kill -9`` loses
    at most the line being written (ignored on load). Loading replays the journal over the
    JSON file; :meth:`compact` folds them into the JSON file atomically.

    :meth:`record` and :meth:`compact` raise ``OSError`` when the disk is full (or the like);
    a line cut short by that is ignored on load, and the next line starts on a fresh one.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST_NAME
        self.journal = out_dir / JOURNAL_NAME
        self.entries: dict[str, dict[str, Any]] = {}
        self._fd: int | None = None
        self._fresh_line = False  # the journal may end in a line cut short: start a new one
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if isinstance(data, dict) and data.get("schema") == MANIFEST_SCHEMA:
                self.entries = dict(data.get("articles", {}))
        except (OSError, ValueError):
            self.entries = {}  # missing or damaged: everything is redone, nothing is lost
        try:
            # Bytes, decoded line by line: a line cut short (kill -9 or a full disk stops a
            # write at a page boundary) may end inside a UTF-8 character; only that line is
            # skipped (read as text, it stopped the resume with a UnicodeDecodeError).
            with open(self.journal, "rb") as fh:
                for line in fh:
                    try:
                        entry = json.loads(line.decode("utf-8"))
                    except ValueError:  # UnicodeDecodeError too
                        continue  # the line a kill -9 or a full disk cut short
                    if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                        self.entries[entry["path"]] = entry
        except OSError:
            pass

    def record(self, entry: dict[str, Any]) -> None:
        """Keep ``entry`` and append it to the journal; ``OSError`` if the line cannot be
        written (the entry is still kept: :meth:`compact` writes it if it can)."""
        self.entries[entry["path"]] = entry
        line = (json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
        if self._fd is None:
            flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
            self._fd = os.open(self.journal, flags, 0o644)
            size = os.fstat(self._fd).st_size
            self._fresh_line = size > 0 and os.pread(self._fd, 1, size - 1) != b"\n"
        if self._fresh_line:
            line = b"\n" + line
        # Unbuffered: nothing is left in a buffer to fail again when the file is closed.
        self._fresh_line = True
        view = memoryview(line)
        while view:
            view = view[os.write(self._fd, view):]
        os.fsync(self._fd)
        self._fresh_line = False

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def compact(self) -> None:
        """Fold the journal into the JSON file; on an error the journal is kept (and replayed
        by the next run)."""
        from easyread.io import atomic_write

        self.close()
        data = {"schema": MANIFEST_SCHEMA, "schema_version": "1.0",
                "articles": dict(sorted(self.entries.items()))}
        atomic_write(self.path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        with contextlib.suppress(OSError):  # left behind, it is replayed over the same entries
            os.unlink(self.journal)


@contextlib.contextmanager
def lock_output(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``OUT_DIR/.easyread.lock`` (released even on kill -9)."""
    path = out_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise BatchError(f"cannot create the lock file {LOCK_NAME}: {exc.strerror}", path=str(out_dir)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise BatchLocked(
                f"another easyread batch (pid {holder}) is writing to this folder; "
                "wait for it to finish or choose another -o",
                path=str(out_dir),
            ) from None
        with contextlib.suppress(OSError):  # the pid is for the message above only (disk full?)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def wait_for_old_workers(out_dir: Path, timeout: float | None = None) -> None:
    """Wait until no worker of an earlier batch on ``out_dir`` is alive.

    Workers hold a shared ``flock`` on ``OUT_DIR/.easyread-workers.lock`` for their whole
    life; taking it exclusively (and letting go at once) means they are all gone. They exit
    within :data:`WATCHDOG_SECONDS` of their batch (at once on Linux), so this waits only
    after a ``kill -9``; a worker that is still there after ``timeout`` (stopped with SIGSTOP,
    hung in the kernel) is reported as :class:`BatchLocked`.
    """
    limit = WORKERS_WAIT_SECONDS if timeout is None else timeout
    try:
        fd = os.open(out_dir / WORKERS_LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:
        return  # cannot tell (read-only folder?); the batch lock still keeps batches apart
    try:
        end = time.monotonic() + limit
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= end:
                    raise BatchLocked(
                        f"worker processes of an earlier batch are still running after {limit:g} s "
                        "(stopped or hung?); end them (see `fuser -v OUT_DIR/.easyread-workers.lock`) "
                        "or choose another -o",
                        path=str(out_dir),
                    ) from None
                time.sleep(0.05)
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remove_stale_parts(out_dir: Path) -> int:
    """Delete temporary files left by an interrupted :func:`easyread.io.atomic_write`."""
    removed = 0
    for folder, dirs, files in os.walk(out_dir, followlinks=False):
        for name in files:
            if name.startswith(".") and name.endswith(".part"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
                    removed += 1
        dirs.sort()
    return removed


# --------------------------------------------------------------------------------------------
# Converting one article (runs in workers)

_WORKER: dict[str, Any] = {}


def init_worker(formats: tuple[str, ...] = (), ignore_sigint: bool = True,
                parent: int | None = None, workers_lock: str | None = None,
                slots: WorkerSlots | None = None) -> None:
    """Pool initializer: ignore Ctrl-C and SIGTERM (the batch handles them and stops its
    workers itself), die with the batch (``parent``, its pid), hold the shared workers lock,
    take a slot in ``slots`` (where the batch sees which article it runs since when) and load
    the data, the tagger and the renderer once by converting a tiny document."""
    if slots is not None:
        _WORKER["slot"] = (slots, slots.claim())
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if parent is not None:
        die_with_parent(parent)
    if workers_lock is not None:
        _hold_workers_lock(workers_lock)
    warm_up(formats)


def die_with_parent(parent: int, *, pdeathsig: bool = True) -> None:
    """End this process when the process ``parent`` is gone, even after a ``kill -9``.

    Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, so the kernel kills this worker the moment
    the batch dies. Everywhere (and in case the batch spawned it from a thread that ended): a
    daemon thread that checks every :data:`WATCHDOG_SECONDS` that ``os.getppid()`` is still
    ``parent``, and :func:`convert_article` checks again before writing any output.
    (``pdeathsig=False`` leaves the watchdog alone, as on other systems; for the tests.)
    """
    _WORKER["parent"] = parent
    if pdeathsig and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, ctypes.c_ulong(signal.SIGKILL), ctypes.c_ulong(0),
                       ctypes.c_ulong(0), ctypes.c_ulong(0))
        except (OSError, AttributeError):  # no libc symbols (static build): the watchdog does it
            pass
    _exit_if_orphaned()  # the batch may have died before the line above ran
    threading.Thread(target=_watch_parent, args=(parent,), name="easyread-watchdog", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCHDOG_SECONDS)
        if os.getppid() != parent:
            os._exit(ORPHAN_EXIT)


def _exit_if_orphaned() -> None:
    """In a pool worker: exit at once (writing nothing more) if the batch is gone."""
    parent = _WORKER.get("parent")
    if parent is not None and os.getppid() != parent:
        os._exit(ORPHAN_EXIT)


def _hold_workers_lock(path: str) -> None:
    """Hold a shared lock on OUT_DIR/.easyread-workers.lock until this process ends (see
    :func:`wait_for_old_workers`)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os._exit(ORPHAN_EXIT)  # a new batch holds it: ours is gone
    except OSError:
        os.close(fd)
        return
    _WORKER["workers_lock"] = fd  # never closed: the lock goes with the process


def warm_up(formats: Iterable[str] = ()) -> bool:
    """Load what every article needs (data tables, tagger, templates, fonts) in this process."""
    if _WORKER.get("warm"):
        return True
    from easyread.pipeline import document_from_text, process

    try:
        config = load_config(profile=DEFAULT_PROFILE, use_project=False)
        doc = process(document_from_text(
            "Warm up\n\nThe council said the new bus will start in May. It will cost £2 million."),
            config)
        _render(doc, "html", DEFAULT_PROFILE, config)
        if "pdf" in formats:
            _render(doc, "pdf", DEFAULT_PROFILE, config)
        from easyread import syntax

        if "split" in config.pipeline and syntax.model_available():
            syntax.load_parser()  # the split stage's parser, before the first long sentence
    except Exception:  # the real error is reported per article
        return False
    _WORKER["warm"] = True
    return True


def _render(doc: Any, fmt: str, profile: str, config: Config) -> bytes | str:
    if fmt == "pdf":
        from easyread.render import render_pdf

        return render_pdf(doc, profile=profile, config=config)
    if fmt == "html":
        from easyread.render import render_html

        return render_html(doc, profile=profile, config=config)
    if fmt == "md":
        from easyread.report.document import to_markdown

        return to_markdown(doc)
    return json.dumps(doc.to_dict(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _score_summary(scores: dict[str, Any]) -> dict[str, float]:
    metrics = scores.get("metrics", {})
    ind = scores.get("indicators", {})
    return {
        "flesch_kincaid_grade": round(float(metrics.get("flesch_kincaid_grade", 0.0)), 2),
        "words_per_sentence": round(float(ind.get("words_per_sentence_mean", 0.0)), 2),
        "hard_words": round(float(ind.get("hard_words", 0.0)), 2),
        "hard_word_share": round(float(ind.get("hard_word_share", 0.0)), 4),
        "words": round(float(ind.get("words", 0.0)), 2),
    }


def _check(path: str, scores: dict[str, Any], config: Config) -> tuple[str, list[str]]:
    from easyread.check import check_scores
    from easyread.score import Scores

    report = check_scores(path, Scores.from_dict(scores), config)  # with the rewritable-text figures
    failures: list[str] = []
    long_sentences = 0
    for f in report.findings:
        if f.severity != "error":
            continue
        if f.rule == "max_sentence_words":
            long_sentences += 1
        else:
            failures.append(f.message)
    if long_sentences:
        failures.append(f"{long_sentences} sentence(s) longer than {config.max_sentence_words} words")
    if report.status == "insufficient":
        failures = [f.message for f in report.findings]
    return report.status, failures


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class _WriteFailed(Exception):
    def __init__(self, rel: str, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            detail = _os_error(exc)
        else:  # a coded output error from atomic_write (E6xx): its cause, without the repeat
            message = str(getattr(exc, "message", exc)).removeprefix("cannot write: ")
            detail = f"{message} [{getattr(exc, 'code', INTERNAL)}]"
        self.message = f"cannot write {rel}: {detail}; it is retried on the next run"
        super().__init__(self.message)


def _os_error(exc: OSError) -> str:
    """``No space left on device (ENOSPC)``: the text and the errno name, without the path."""
    name = errno.errorcode.get(exc.errno or 0)
    text = exc.strerror or str(exc)
    return f"{text} ({name})" if name else text


def _internal(exc: BaseException) -> dict[str, str]:
    where = ""
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        where = f" (at {Path(last.filename).parent.name}/{Path(last.filename).name}:{last.lineno} in {last.name})"
    return {"code": INTERNAL, "message": f"internal error: {type(exc).__name__}: {exc}{where}"}


class _OutOfTime(BaseException):
    """Raised by the alarm signal in a worker when an article's time is up. Not an
    ``Exception``, so a library's ``except Exception`` does not swallow it."""


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_OutOfTime` after ``seconds`` (``setitimer``), in the main thread of a
    process whose SIGALRM nobody else uses (a pool worker, the inline executor in a CLI);
    elsewhere (a Dask worker's thread, an application with its own handler) it does nothing
    and :mod:`easyread.deadline` alone keeps the limit."""
    usable = (bool(seconds) and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))
    if not usable or seconds is None:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise _OutOfTime()

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def convert_article(job: ArticleJob) -> ArticleResult:
    """Read, rewrite, render and check one article; write its outputs atomically.

    Never raises for a bad article: every problem becomes ``status="failed"`` with a code.
    Reading, rewriting and rendering must end within ``job.timeout`` seconds (E326; see
    :func:`_alarm` and :mod:`easyread.deadline`); writing the outputs is not timed.
    """
    from easyread.deadline import exceeded_message, time_limit
    from easyread.io import atomic_write
    from easyread.pipeline import process, read_document

    start = time.perf_counter()
    result = ArticleResult(path=job.path, status="failed", input_sha256=job.input_sha256,
                           worker=f"{socket.gethostname()}:{os.getpid()}")
    try:
        with time_limit(job.timeout), _alarm(job.timeout):
            doc = read_document(job.source, job.config)
            doc.source.path = job.path  # outputs name the article as the report does
            doc = process(doc, job.config)
            result.title = doc.title
            result.notes = [{"code": n.code, "message": n.message} for n in doc.notes if n.code.startswith("W3")]
            before = doc.scores.get("before", {})
            after = doc.scores.get("after", {})
            result.before = _score_summary(before)
            result.after = _score_summary(after)
            result.check, result.check_failures = _check(job.path, after, job.config)
            rendered = [(fmt, rel, _render(doc, fmt, job.profile, job.config)) for fmt, rel in job.outputs]
        for fmt, rel, data in rendered:
            payload = data.encode("utf-8") if isinstance(data, str) else data
            _exit_if_orphaned()  # never write for a batch that is gone: a re-run may own OUT_DIR
            try:
                atomic_write(Path(job.out_dir) / rel, payload)
            except (OSError, EasyreadError) as exc:
                raise _WriteFailed(rel, exc) from exc
            result.outputs[fmt] = rel
            result.output_sha256[fmt] = hashlib.sha256(payload).hexdigest()
        result.status = "ok"
    except _OutOfTime:
        result.error = {"code": TIMED_OUT, "message": exceeded_message(job.timeout or 0)}
    except _WriteFailed as exc:
        result.error = {"code": WRITE_FAILED, "message": exc.message}
    except EasyreadError as exc:
        result.error = {"code": exc.code, "message": exc.message}
    except OSError as exc:
        if exc.errno in TRANSIENT_ERRNOS:  # the machine, not the article: retried next run
            result.error = {"code": WRITE_FAILED, "message": f"{_os_error(exc)} while converting; "
                                                             "it is retried on the next run"}
        else:
            result.error = _internal(exc)
    except Exception as exc:  # a bug in a stage: reported for this article only
        result.error = _internal(exc)
    if result.status != "ok":
        result.before, result.after, result.check, result.check_failures = {}, {}, None, []
        result.outputs, result.output_sha256 = {}, {}
    result.seconds = time.perf_counter() - start
    result.max_rss_mb = _rss_mb()
    return result


class WorkerSlots:
    """Shared memory where each pool worker says which article it converts since when, so the
    batch can kill a worker stuck past its time limit and know whose article it was.

    One slot of three numbers per worker: its pid, the article's number in the round and the
    ``time.monotonic()`` it started (0 when idle). Written only by the worker (number first,
    then the time; the time is cleared first), read by the batch without a lock: a read is
    trusted only when the start time is the same before and after reading the number.
    """

    def __init__(self, ctx: Any, size: int) -> None:
        self.size = size
        self.cells = ctx.RawArray("d", 3 * size)
        self.taken = ctx.Value("i", 0)

    def claim(self) -> int | None:
        with self.taken.get_lock():
            index = int(self.taken.value)
            self.taken.value = index + 1
        if index >= self.size:
            return None
        self.cells[3 * index] = float(os.getpid())
        return index

    def start(self, index: int, number: int) -> None:
        self.cells[3 * index + 1] = float(number)
        self.cells[3 * index + 2] = time.monotonic()

    def stop(self, index: int) -> None:
        self.cells[3 * index + 2] = 0.0

    def overdue(self, seconds: float) -> list[tuple[int, int, float]]:
        """``(pid, article number, seconds running)`` for each worker busy for over ``seconds``."""
        now = time.monotonic()
        late = []
        for i in range(self.size):
            started = self.cells[3 * i + 2]
            number = self.cells[3 * i + 1]
            if started and started == self.cells[3 * i + 2] and now - started > seconds:
                late.append((int(self.cells[3 * i]), int(number), now - started))
        return late


#: The ``error.code`` of a job a worker handed back unrun: an article of its ran out of time,
#: so it takes no more work (the batch gives the job to the next pool).
_HANDED_BACK = "recycle"


def _convert_in_slot(job: ArticleJob, number: int) -> ArticleResult:
    """:func:`convert_article` in a pool worker, telling the batch (:class:`WorkerSlots`).

    After an article of this worker ran out of time (the alarm stopped it anywhere, so this
    process may hold half-made state), it hands back every job still sent to it, unrun."""
    if _WORKER.get("stopped_by_alarm"):
        return ArticleResult(job.path, "not_run", input_sha256=job.input_sha256,
                             error={"code": _HANDED_BACK, "message": "handed back by a recycled worker"})
    slot = _WORKER.get("slot")
    if slot is None or slot[1] is None:
        result = convert_article(job)
    else:
        slots, index = slot
        slots.start(index, number)
        try:
            result = convert_article(job)
        finally:
            slots.stop(index)
    if (result.error or {}).get("code") == TIMED_OUT:
        _WORKER["stopped_by_alarm"] = True
    return result


def hard_limit(timeout: float) -> float:
    """Seconds after which the batch kills a worker still converting one article."""
    return timeout + min(HARD_GRACE_MAX, max(1.0, timeout / 10))


# --------------------------------------------------------------------------------------------
# Stopping: SIGINT (Ctrl-C) and SIGTERM


class StopSignals:
    """SIGINT and SIGTERM while a batch runs.

    The first signal stops the batch. In *raising* mode (walking the folder, the inline and
    Dask executors) it raises ``KeyboardInterrupt`` or :class:`Terminated` at once; the process
    pool polls :attr:`signum` instead, so no exception ever lands in the middle of its clean-up.
    After Ctrl-C the articles in flight finish and are recorded; SIGTERM, or a second Ctrl-C,
    sets :attr:`hurry`: the workers are killed now and those articles are ``not_run``.
    Once the articles are done (:meth:`disarm`) signals are noted and ignored, so the manifest
    and the report are always written whole.

    Handlers are installed only in the main thread and only over the defaults: an
    application's own handlers are left alone.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.hurry = False
        self.raising = True
        self.armed = True
        self._old: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for sig, default in ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, signal.SIG_DFL)):
                if signal.getsignal(sig) is default:
                    self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
        self._old.clear()

    def note(self, signum: int) -> bool:
        """Record a signal; True when it is the first (the one that stops the batch)."""
        first = self.signum is None
        if signum == signal.SIGTERM:
            self.signum = signum
            self.hurry = True
        elif first:
            self.signum = signum
        else:
            self.hurry = True  # a second Ctrl-C: do not wait for the articles in flight
        return first

    def _handle(self, signum: int, frame: object) -> None:
        if not self.armed:
            return
        if self.note(signum) and self.raising:
            raise self.exception()

    def disarm(self) -> None:
        self.armed = False

    def exception(self) -> KeyboardInterrupt:
        return Terminated(self.signum) if self.signum == signal.SIGTERM else KeyboardInterrupt()

    @property
    def name(self) -> str | None:
        return signal.Signals(self.signum).name if self.signum else None


# --------------------------------------------------------------------------------------------
# Executors: each yields results as articles finish; closing the iterator cancels the rest.


def _run_inline(jobs: list[ArticleJob], options: BatchOptions, stop: StopSignals) -> Iterator[ArticleResult]:
    warm_up(options.formats)
    for job in jobs:
        yield convert_article(job)


def _kill_workers(pool: Any) -> None:
    """SIGKILL every worker of a ``ProcessPoolExecutor`` (they ignore SIGINT and SIGTERM)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(10)


def _run_local(jobs: list[ArticleJob], options: BatchOptions, stop: StopSignals) -> Iterator[ArticleResult]:
    """Spawn-context ``ProcessPoolExecutor`` pools, each worker warmed up once by
    :func:`init_worker`.

    Workers are recycled to bound memory (T5): a pool converts at most ``workers x
    max_tasks_per_child`` articles, then a fresh pool takes the next round. (The stdlib's own
    ``max_tasks_per_child`` deadlocks on Python 3.11-3.13 once a worker retires with tasks
    still queued, CPython gh-115634; the batch test hung on 3.11.7 with it.) If a worker dies,
    the pool breaks: the articles it held are retried in a fresh pool, and an article in
    flight during MAX_CRASHES deaths is reported as failed.

    Time limits (``options.timeout``): an article whose alarm stopped it comes back as E326 and
    the round ends early (nothing more is handed to its workers; the articles not started go
    to a fresh pool), so the worker it ran in is replaced. A worker still busy with one article
    :func:`hard_limit` seconds after it started (:class:`WorkerSlots`) is killed: that article
    is E326, and the others the broken pool held are tried again without counting a crash.

    Workers die with this process (:func:`die_with_parent`). ``stop`` is polled: after Ctrl-C
    nothing more is handed out and the articles in the workers finish (their outputs are
    written, so they are yielded); after SIGTERM or a second Ctrl-C the workers are killed.
    Then the stop is raised (``KeyboardInterrupt`` or :class:`Terminated`).
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    stop.raising = False
    crashes: dict[str, int] = {}
    queue = list(jobs)
    workers_lock = str(Path(jobs[0].out_dir) / WORKERS_LOCK_NAME) if jobs else None
    timeout = options.timeout or None
    while queue and stop.signum is None:
        workers = min(options.workers, len(queue))
        size = workers * max(1, options.max_tasks_per_child)
        this_round, queue = queue[:size], queue[size:]
        mp = multiprocessing.get_context("spawn")
        slots = WorkerSlots(mp, workers) if timeout else None
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=mp,
            initializer=init_worker,
            initargs=(options.formats, True, os.getpid(), workers_lock, slots),
        )
        retry: list[ArticleJob] = []
        futures: dict[Future[ArticleResult], ArticleJob] = {}
        killed: dict[str, float] = {}  # article -> seconds it had run when its worker was killed
        recycle = False  # an article ran out of time: end this pool once its work in hand is done
        try:
            futures = {pool.submit(_convert_in_slot, j, n): j for n, j in enumerate(this_round)}
            pending = set(futures)
            while pending:
                if slots is not None and timeout is not None:
                    for pid, number, seconds in slots.overdue(hard_limit(timeout)):
                        late = this_round[number].path if 0 <= number < len(this_round) else None
                        if late is not None and late not in killed:
                            killed[late] = seconds
                            with contextlib.suppress(OSError):
                                os.kill(pid, signal.SIGKILL)
                if recycle and stop.signum is None:
                    for fut in pending:
                        if fut.cancel():
                            retry.append(futures[fut])
                    pending = {f for f in pending if not f.cancelled()}
                    if not pending:
                        break
                if stop.signum is not None:
                    # Stopping: hand out nothing more; after Ctrl-C, wait for (and record)
                    # the articles already in the workers, unless told to hurry.
                    for fut in pending:
                        fut.cancel()
                    pending = {f for f in pending if not f.cancelled()}
                    if stop.hurry or not pending:
                        break
                try:
                    done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                except KeyboardInterrupt:  # an application's own SIGINT handler raised it
                    stop.note(signal.SIGINT)
                    continue
                for fut in sorted(done, key=lambda f: futures[f].path):
                    job = futures[fut]
                    try:
                        result = fut.result()
                        code = (result.error or {}).get("code")
                        if code == _HANDED_BACK:
                            retry.append(job)  # not run: the next pool converts it
                            continue
                        if code == TIMED_OUT:
                            recycle = True
                        yield result
                    except BrokenProcessPool:
                        if stop.signum is not None:
                            continue  # stopping anyway: not_run
                        if job.path in killed:
                            yield _killed_for_time(job, killed[job.path], timeout or 0.0)
                            continue
                        if killed:  # the pool broke because the batch killed a worker
                            retry.append(job)
                            continue
                        crashes[job.path] = crashes.get(job.path, 0) + 1
                        if crashes[job.path] >= MAX_CRASHES:
                            yield ArticleResult(job.path, "failed", input_sha256=job.input_sha256, error={
                                "code": WORKER_DIED,
                                "message": "the worker process died while converting it "
                                           "(out of memory, or a crash in a library)"})
                        else:
                            retry.append(job)
                    except Exception as exc:  # pickling problems and the like
                        yield ArticleResult(job.path, "failed", input_sha256=job.input_sha256, error={
                            "code": INTERNAL, "message": f"internal error: {type(exc).__name__}: {exc}"})
        finally:
            # Also when the caller closes us early (--fail-fast, an error): let the articles
            # in flight finish, unless a signal says hurry, then end the pool.
            for fut in futures:
                fut.cancel()
            running = {f for f in futures if not f.done()}
            while running and not stop.hurry:
                try:
                    _, running = wait(running, timeout=POLL_SECONDS)
                except KeyboardInterrupt:
                    stop.note(signal.SIGINT)
            if running:
                _kill_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
            if killed:  # a worker killed for time may have been writing: no half file stays
                remove_stale_parts(Path(this_round[0].out_dir))
        queue = sorted(retry, key=lambda j: j.path) + queue
    if stop.signum is not None:
        raise stop.exception()


def _killed_for_time(job: ArticleJob, seconds: float, timeout: float) -> ArticleResult:
    from easyread.deadline import exceeded_message

    message = exceeded_message(timeout) + f"; its worker was still busy after {seconds:.0f} s and was stopped"
    return ArticleResult(job.path, "failed", input_sha256=job.input_sha256, seconds=seconds,
                         error={"code": TIMED_OUT, "message": message})


def _run_dask(jobs: list[ArticleJob], options: BatchOptions, stop: StopSignals) -> Iterator[ArticleResult]:
    """Submit :func:`convert_article` to a dask.distributed scheduler (or a LocalCluster)."""
    import importlib

    try:
        dist: Any = importlib.import_module("distributed")
    except ImportError:
        raise BatchError("--executor dask needs dask.distributed: pip install 'easyread[dask]'") from None
    Client, LocalCluster, as_completed = dist.Client, dist.LocalCluster, dist.as_completed
    cluster: Any = None
    client: Any
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout=DASK_CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"cannot connect to the Dask scheduler at {options.scheduler}: {exc}") from None
    else:
        cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    futures: list[Any] = []
    try:
        with contextlib.suppress(Exception):
            client.run(warm_up, options.formats)
        by_key = {}
        for job in jobs:
            fut = client.submit(convert_article, job, pure=False)
            futures.append(fut)
            by_key[fut.key] = job
        for fut in as_completed(futures):
            job = by_key[fut.key]
            try:
                yield fut.result()
            except Exception as exc:  # a worker died (KilledWorker) or the job could not run
                yield ArticleResult(job.path, "failed", input_sha256=job.input_sha256, error={
                    "code": WORKER_DIED, "message": f"the Dask task failed: {type(exc).__name__}: {exc}"})
    finally:
        with contextlib.suppress(Exception):
            client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()


_EXECUTORS: dict[str, Callable[[list[ArticleJob], BatchOptions, StopSignals], Iterator[ArticleResult]]] = {
    "inline": _run_inline,
    "local": _run_local,
    "dask": _run_dask,
}


# --------------------------------------------------------------------------------------------
# The batch


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
    overrides = {"max_bytes": options.max_bytes} if options.max_bytes else None
    return load_config(config_file=options.config_file, profile=options.profile, overrides=overrides)


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


def _manifest_entry(result: ArticleResult, fp: str, timeout: float | None = None) -> dict[str, Any]:
    return {
        "path": result.path,
        "timeout": timeout,
        "input_sha256": result.input_sha256,
        "fingerprint": fp,
        "easyread_version": __version__,
        "outputs": {f: {"path": p, "sha256": result.output_sha256.get(f)} for f, p in sorted(result.outputs.items())},
        "result": result.to_summary(),
    }


def _up_to_date(entry: dict[str, Any] | None, sha: str, fp: str, outputs: tuple[tuple[str, str], ...],
                out_dir: Path, timeout: float | None = None) -> ArticleResult | None:
    """The stored result when input, options and every output still match; else None.

    An article that ran out of time (E326) is tried again when the limit is now longer (or
    gone) than the one it failed with."""
    if not entry or entry.get("input_sha256") != sha or entry.get("fingerprint") != fp:
        return None
    try:
        result = ArticleResult.from_summary(entry["result"])
    except (KeyError, TypeError):
        return None
    if result.status == "failed":
        code = (result.error or {}).get("code")
        if code == TIMED_OUT:
            before = entry.get("timeout")
            if timeout is None or not isinstance(before, (int, float)) or timeout > before:
                return None
        return None if code in RETRY_CODES or code is None else replace(result, up_to_date=True)
    if result.status != "ok":
        return None
    stored = entry.get("outputs", {})
    if sorted(stored) != sorted(f for f, _ in outputs):
        return None
    for fmt, rel in outputs:
        info = stored.get(fmt, {})
        if info.get("path") != rel or _file_sha256(out_dir / rel) != info.get("sha256"):
            return None
    result.output_sha256 = {f: stored[f]["sha256"] for f in stored}
    result.up_to_date = True
    return result


def _state_error(file: str, exc: BaseException) -> dict[str, str]:
    """A row of ``BatchReport.state_errors``: one of the batch's own files was not written."""
    if isinstance(exc, OSError):
        detail = _os_error(exc)
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
        found = discover(src, options, config.max_bytes, skip_dirs=[(dst_st.st_dev, dst_st.st_ino)])
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
            except _InputProblem as exc:
                results[cand.path] = _failed(cand.path, exc.code, exc.message)
                continue
            outputs = planned[cand.path]
            stored = None if options.force else _up_to_date(
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
                        manifest.record(_manifest_entry(result, fp, timeout))
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
            from easyread.batch_report import ReportWriteError, write_reports

            try:
                write_reports(report, dst)
            except ReportWriteError as exc:
                report.state_errors.append(_state_error(exc.name, exc.error))
    return report

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

The package, in the order a batch runs:

* :mod:`~easyread.batch.models`: options, the job and result of one article, the report,
  the file names and codes;
* :mod:`~easyread.batch.discovery`: walking IN_DIR (:func:`easyread.inputs.walk`) and naming
  the outputs;
* :mod:`~easyread.batch.manifest`: input hashes, the resume manifest and its journal, locks;
* :mod:`~easyread.batch.job`: converting one article, in whichever process runs it;
* :mod:`~easyread.batch.executors`: inline, the local process pool and Dask; stop signals;
* :mod:`~easyread.batch.run`: :func:`run_batch`;
* :mod:`~easyread.batch.report`: index.html (``report.html.j2``), summary.json, summary.csv.

The names below are re-exported, so ``from easyread.batch import run_batch`` keeps working.
"""

from __future__ import annotations

from easyread.batch.discovery import (
    Candidate,
    Discovery,
    discover,
    plan_outputs,
)
from easyread.batch.executors import (
    DASK_CONNECT_TIMEOUT,
    MAX_CRASHES,
    POLL_SECONDS,
    StopSignals,
)
from easyread.batch.job import (
    HARD_GRACE_MAX,
    ORPHAN_EXIT,
    WATCHDOG_SECONDS,
    WorkerSlots,
    convert_article,
    die_with_parent,
    hard_limit,
    init_worker,
    warm_up,
)
from easyread.batch.manifest import (
    MANIFEST_SCHEMA,
    WORKERS_WAIT_SECONDS,
    Manifest,
    fingerprint,
    hash_input,
    lock_output,
    remove_stale_parts,
    wait_for_old_workers,
)
from easyread.batch.models import (
    COLLISION,
    DEFAULT_FORMATS,
    DEFAULT_PROFILE,
    DEFAULT_SUFFIXES,
    EXECUTORS,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    EXIT_STATE,
    FORMATS,
    INTERNAL,
    JOURNAL_NAME,
    LOCK_NAME,
    MANIFEST_NAME,
    REPORT_NAMES,
    RESERVED_NAMES,
    RETRY_CODES,
    STATE_WRITE_FAILED,
    TIMED_OUT,
    TRANSIENT_ERRNOS,
    WORKER_DIED,
    WORKERS_LOCK_NAME,
    WRITE_FAILED,
    ArticleJob,
    ArticleResult,
    BatchError,
    BatchLocked,
    BatchOptions,
    BatchReport,
    ProgressCallback,
    ProgressEvent,
    Skipped,
    Status,
    Terminated,
    stop_exit_code,
)
from easyread.batch.report import (
    ReportWriteError,
    render_csv,
    render_index,
    render_json,
    write_reports,
)
from easyread.batch.run import (
    DEFAULT_TIMEOUT,
    batch_timeout,
    run_batch,
)
from easyread.inputs import DUPLICATE, LINK_LOOP, LINK_NOT_FOLLOWED

__all__ = [
    "ArticleJob",
    "ArticleResult",
    "BatchError",
    "BatchLocked",
    "BatchOptions",
    "BatchReport",
    "COLLISION",
    "Candidate",
    "DASK_CONNECT_TIMEOUT",
    "DEFAULT_FORMATS",
    "DEFAULT_PROFILE",
    "DEFAULT_SUFFIXES",
    "DEFAULT_TIMEOUT",
    "DUPLICATE",
    "Discovery",
    "EXECUTORS",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_SIGINT",
    "EXIT_SIGTERM",
    "EXIT_STATE",
    "FORMATS",
    "HARD_GRACE_MAX",
    "INTERNAL",
    "JOURNAL_NAME",
    "LINK_LOOP",
    "LINK_NOT_FOLLOWED",
    "LOCK_NAME",
    "MANIFEST_NAME",
    "MANIFEST_SCHEMA",
    "MAX_CRASHES",
    "Manifest",
    "ORPHAN_EXIT",
    "POLL_SECONDS",
    "ProgressCallback",
    "ProgressEvent",
    "REPORT_NAMES",
    "RESERVED_NAMES",
    "RETRY_CODES",
    "ReportWriteError",
    "STATE_WRITE_FAILED",
    "Skipped",
    "Status",
    "StopSignals",
    "TIMED_OUT",
    "TRANSIENT_ERRNOS",
    "Terminated",
    "WATCHDOG_SECONDS",
    "WORKERS_LOCK_NAME",
    "WORKERS_WAIT_SECONDS",
    "WORKER_DIED",
    "WRITE_FAILED",
    "WorkerSlots",
    "batch_timeout",
    "convert_article",
    "die_with_parent",
    "discover",
    "fingerprint",
    "hard_limit",
    "hash_input",
    "init_worker",
    "lock_output",
    "plan_outputs",
    "remove_stale_parts",
    "render_csv",
    "render_index",
    "render_json",
    "run_batch",
    "stop_exit_code",
    "wait_for_old_workers",
    "warm_up",
    "write_reports",
]

"""Converting one article (:func:`convert_article`) and the life of a worker process:
warm-up, dying with the batch, time limits."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import resource
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from easyread.batch.models import (
    DEFAULT_PROFILE,
    INTERNAL,
    TIMED_OUT,
    TRANSIENT_ERRNOS,
    WRITE_FAILED,
    ArticleJob,
    ArticleResult,
)
from easyread.config import Config, load_config
from easyread.errors import EasyreadError

if TYPE_CHECKING:
    from easyread.score import Scores

#: How often a worker checks that the batch that started it is still there.
WATCHDOG_SECONDS = 0.25
#: The exit status of a worker that found its batch gone (nobody reads it: for ``ps`` only).
ORPHAN_EXIT = 70
#: A worker whose article is still running this long after its time limit (the alarm could not
#: stop it: stuck in C code) is killed: ``min(HARD_GRACE_MAX, max(1, timeout / 10))`` seconds.
HARD_GRACE_MAX = 5.0

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


#: How the batch writes each document format beyond the table's defaults: its JSON is compact
#: and sorted, so outputs diff well between runs.
FORMAT_OPTIONS: dict[str, dict[str, Any]] = {"json": {"indent": 1, "sort_keys": True}}


def _render(doc: Any, fmt: str, profile: str, config: Config) -> bytes | str:
    """One article output, through the one table of formats (easyread.report.FORMATS)."""
    from easyread.report import render_document

    return render_document(doc, fmt, profile=profile, config=config, **FORMAT_OPTIONS.get(fmt, {}))


def _score_summary(scores: Scores) -> dict[str, float]:
    metrics, ind = scores.metrics, scores.indicators
    return {
        "flesch_kincaid_grade": round(float(metrics.get("flesch_kincaid_grade", 0.0)), 2),
        "words_per_sentence": round(float(ind.get("words_per_sentence_mean", 0.0)), 2),
        "hard_words": round(float(ind.get("hard_words", 0.0)), 2),
        "hard_word_share": round(float(ind.get("hard_word_share", 0.0)), 4),
        "words": round(float(ind.get("words", 0.0)), 2),
    }


def _check(path: str, scores: Scores, config: Config) -> tuple[str, list[str]]:
    from easyread.check import check_scores

    report = check_scores(path, scores, config)  # with the rewritable-text figures
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
            detail = os_error_text(exc)
        else:  # a coded output error from atomic_write (E6xx): its cause, without the repeat
            message = str(getattr(exc, "message", exc)).removeprefix("cannot write: ")
            detail = f"{message} [{getattr(exc, 'code', INTERNAL)}]"
        self.message = f"cannot write {rel}: {detail}; it is retried on the next run"
        super().__init__(self.message)


def os_error_text(exc: OSError) -> str:
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
            before, after = doc.scores["before"], doc.scores["after"]  # process() scores both
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
            result.error = {"code": WRITE_FAILED, "message": f"{os_error_text(exc)} while converting; "
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

"""Executors: each yields results as articles finish; closing the iterator cancels the rest.

``inline`` (this process), ``local`` (a process pool) and ``dask``; :class:`StopSignals`
stops them on SIGINT and SIGTERM."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from easyread.batch.job import (
    _HANDED_BACK,
    WorkerSlots,
    _convert_in_slot,
    convert_article,
    hard_limit,
    init_worker,
    warm_up,
)
from easyread.batch.manifest import remove_stale_parts
from easyread.batch.models import (
    INTERNAL,
    TIMED_OUT,
    WORKER_DIED,
    WORKERS_LOCK_NAME,
    ArticleJob,
    ArticleResult,
    BatchError,
    BatchOptions,
    Terminated,
)

#: A job that was running in a worker that died this many times is reported as failed.
MAX_CRASHES = 2
#: How long to keep trying to reach a Dask scheduler given with --scheduler.
DASK_CONNECT_TIMEOUT = "10s"
#: How often the process pool's loop looks at the stop flags set by SIGINT and SIGTERM.
POLL_SECONDS = 0.2

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

"""The batch's own state in OUT_DIR: input hashes and the option fingerprint, the resume
manifest with its journal, the lock, the workers' lock and stale ``*.part`` files."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from easyread import __version__
from easyread.batch.models import (
    JOURNAL_NAME,
    LOCK_NAME,
    MANIFEST_NAME,
    RETRY_CODES,
    TIMED_OUT,
    WORKERS_LOCK_NAME,
    ArticleResult,
    BatchError,
    BatchLocked,
    BatchOptions,
)
from easyread.config import Config
from easyread.inputs import read_input

MANIFEST_SCHEMA = "easyread.batch-manifest"
#: Seconds a new batch waits for the workers of a killed batch on the same OUT_DIR to exit
#: (they go within WATCHDOG_SECONDS of their parent; only a stopped or hung one takes longer).
WORKERS_WAIT_SECONDS = 15.0


def hash_input(path: Path, max_bytes: int, *, follow_symlinks: bool) -> str:
    """SHA-256 of a regular file read by :func:`easyread.inputs.read_input` (non-blocking,
    without following a swapped-in symlink unless asked, checked again with ``fstat``, at most
    ``max_bytes``); its typed input errors (E301, E302, E303, E306) pass through."""
    return hashlib.sha256(read_input(path, max_bytes, follow_symlinks=follow_symlinks)).hexdigest()


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


def manifest_entry(result: ArticleResult, fp: str, timeout: float | None = None) -> dict[str, Any]:
    return {
        "path": result.path,
        "timeout": timeout,
        "input_sha256": result.input_sha256,
        "fingerprint": fp,
        "easyread_version": __version__,
        "outputs": {f: {"path": p, "sha256": result.output_sha256.get(f)} for f, p in sorted(result.outputs.items())},
        "result": result.to_summary(),
    }


def stored_result(entry: dict[str, Any] | None, sha: str, fp: str, outputs: tuple[tuple[str, str], ...],
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

"""Finding and reading inputs: one folder walker, one safe reader (the pipeline's first step).

* :func:`walk` goes through a folder (``os.scandir``, sorted, depth first) and says what each
  entry is, with ``lstat``/``stat`` only (nothing is opened): a file to read, an entry skipped
  by policy (a symbolic link not followed, a loop, the same file twice) or a problem (a folder
  that cannot be listed). Symbolic links are followed only when asked; then a set of visited
  folders, keyed by ``(st_dev, st_ino)``, stops loops. ``score``, ``check`` and ``batch`` all
  walk with it.
* :func:`read_input` reads a regular file safely (FIFOs, devices and folders are never read,
  the size cap is checked before and while reading) and raises the typed input errors of
  :mod:`easyread.errors` (E301 missing, E302 not a regular file, E303 unreadable, E306 too
  large).
* :func:`expand_paths` turns the paths given to ``score`` and ``check`` into the files to read:
  a folder is walked for articles (:data:`SUFFIXES`, symbolic links not followed); a folder
  with no article is an error (E308), so a CI gate pointed at a renamed or empty folder does not
  pass silently.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal

from easyread.errors import (
    EasyreadError,
    InputError,
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    NoArticlesFound,
    NotARegularFile,
)
from easyread.io import describe_mode

#: The file name endings of articles, and the format each is read as.
SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

#: Codes of the entries :func:`walk` skips by policy (listed in ``docs/batch.md``).
LINK_NOT_FOLLOWED = "W320"
LINK_LOOP = "W321"
DUPLICATE = "W322"

FileKey = tuple[int, int]  # (st_dev, st_ino)


@dataclass(frozen=True)
class Entry:
    """One entry found by :func:`walk`.

    ``kind`` is ``file`` (a wanted entry that is not a folder, with the ``stat`` of the file
    itself: the target of a followed link; it may still be a pipe or a device), ``skipped``
    (``code`` and ``message`` say why: :data:`LINK_NOT_FOLLOWED`, :data:`LINK_LOOP`,
    :data:`DUPLICATE`) or ``problem`` (``error``, a typed input error).
    """

    rel: str  # relative to the root, POSIX separators; "." for the root itself
    path: str  # the root as given joined with the entry's names
    kind: Literal["file", "skipped", "problem"]
    stat: os.stat_result | None = None
    code: str = ""
    message: str = ""
    error: InputError | None = None


def _anything(rel: str) -> bool:
    return True


def _nothing(rel: str) -> bool:
    return False


def _describe_link(path: str, ancestors: set[FileKey]) -> tuple[str, str]:
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


def walk(
    root: str | Path,
    *,
    follow_symlinks: bool = False,
    wanted: Callable[[str], bool] = _anything,
    prune: Callable[[str], bool] = _nothing,
    skip_dirs: Iterable[FileKey] = (),
) -> Iterator[Entry]:
    """The entries under ``root``, sorted by name, depth first.

    ``wanted(rel)`` picks the files reported (folders are always entered); ``prune(rel)``
    leaves out a folder or a symbolic link before it is entered or followed; folders whose
    ``(st_dev, st_ino)`` is in ``skip_dirs`` are not entered (an output folder inside the
    input). Symbolic links are reported as skipped unless ``follow_symlinks``; followed, a
    link to a folder above it, a folder visited before and a file seen before are skipped.
    """
    skip = set(skip_dirs)
    visited: set[FileKey] = set()
    seen_files: dict[FileKey, str] = {}
    stack: list[tuple[Path, str, tuple[FileKey, ...]]] = [(Path(root), "", ())]
    while stack:
        folder, rel_folder, parents = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            yield Entry(rel_folder or ".", str(folder), "problem", error=InputUnreadable(
                f"cannot open folder: {exc.strerror}", path=str(folder)))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:
            yield Entry(rel_folder, str(folder), "skipped", code=LINK_LOOP,
                        message="folder already visited (symlink loop), not entered again")
            continue
        visited.add(key)
        if key in skip:
            continue
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Entry(rel_folder or ".", str(folder), "problem", error=InputUnreadable(
                f"cannot list folder: {exc.strerror}", path=str(folder)))
            continue
        ancestors = {*parents, key}
        subdirs: list[tuple[Path, str, tuple[FileKey, ...]]] = []
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                lst = entry.stat(follow_symlinks=False)
            except OSError as exc:
                yield Entry(rel, entry.path, "problem", error=InputUnreadable(
                    f"cannot stat: {exc.strerror}", path=entry.path))
                continue
            mode = lst.st_mode
            if stat.S_ISLNK(mode):
                if prune(rel):
                    continue
                if not follow_symlinks:
                    code, message = _describe_link(entry.path, ancestors)
                    yield Entry(rel, entry.path, "skipped", code=code, message=message)
                    continue
                try:
                    target = os.stat(entry.path)
                except FileNotFoundError:
                    yield Entry(rel, entry.path, "problem", error=InputNotFound(
                        "dangling symlink: its target does not exist", path=entry.path))
                    continue
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        yield Entry(rel, entry.path, "skipped", code=LINK_LOOP, message="symlink loop, skipped")
                    else:
                        yield Entry(rel, entry.path, "problem", error=InputUnreadable(
                            f"cannot follow symlink: {exc.strerror}", path=entry.path))
                    continue
                mode, lst = target.st_mode, target
                if stat.S_ISDIR(mode) and (target.st_dev, target.st_ino) in ancestors:
                    yield Entry(rel, entry.path, "skipped", code=LINK_LOOP,
                                message="symlink loop (points to a folder above it), skipped")
                    continue
            if stat.S_ISDIR(mode):
                if not prune(rel):
                    subdirs.append((Path(entry.path), rel, tuple(ancestors)))
                continue
            if not wanted(rel):
                continue
            if stat.S_ISREG(mode):
                fkey = (lst.st_dev, lst.st_ino)
                if follow_symlinks and fkey in seen_files:
                    yield Entry(rel, entry.path, "skipped", code=DUPLICATE,
                                message=f"same file as {seen_files[fkey]}, skipped")
                    continue
                seen_files[fkey] = rel
            yield Entry(rel, entry.path, "file", stat=lst)
        stack.extend(reversed(subdirs))


#: Bytes read at a time from a stream or a file.
CHUNK = 1 << 16


def read_stream(stream: IO[bytes], max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of ``stream``, read in chunks of :data:`CHUNK`.

    A result longer than ``max_bytes`` means the stream is too large (the reader reports E306);
    the rest of the stream is never read, so memory does not depend on its length.
    """
    buf = bytearray()
    left = max_bytes + 1
    while left > 0:
        chunk = stream.read(min(CHUNK, left))
        if not chunk:
            break
        buf += chunk
        left -= len(chunk)
    return bytes(buf)


class _Wording:
    """The messages of the reader's errors: for an article (``what`` None, as ``score`` and
    ``batch`` have always said them) or for a file named by an option (``the config file
    cannot be read: ...``)."""

    def __init__(self, path: str | Path, what: str | None) -> None:
        self.article = what is None
        self.label = "" if what is None or what == "file" else f"the {what} "
        self.shown = str(Path(path)) if what is None else str(path)

    def os_error(self, exc: OSError) -> InputError:
        if isinstance(exc, FileNotFoundError):
            return InputNotFound(f"{self.label}does not exist" if self.label else "no such file", path=self.shown)
        detail = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        return InputUnreadable(detail if self.article else f"{self.label}cannot be read: {detail}", path=self.shown)

    def require_regular(self, mode: int) -> None:
        if stat.S_ISREG(mode):
            return
        if not self.article:
            raise NotARegularFile(
                f"{self.label}is {describe_mode(mode)}, not a regular file; only regular files are read",
                path=self.shown)
        if stat.S_ISDIR(mode):
            raise NotARegularFile("is a directory (give files, or use `easyread batch`)", path=self.shown)
        if stat.S_ISLNK(mode):
            raise InputUnreadable("is a symbolic link, not followed", path=self.shown)
        raise NotARegularFile("not a regular file (a pipe, device or socket)", path=self.shown)

    def too_large(self, max_bytes: int, size: int | None = None) -> InputTooLarge:
        if not self.article:
            return InputTooLarge(f"{self.label or 'the file '}is over the limit of {max_bytes:,} bytes",
                                 path=self.shown)
        if size is None:
            return InputTooLarge(f"over the limit of {max_bytes:,} bytes", path=self.shown)
        return InputTooLarge(f"{size:,} bytes is over the limit of {max_bytes:,} bytes "
                             "(raise it with --max-bytes)", path=self.shown)


def open_input(path: str | Path, *, what: str | None = None, follow_symlinks: bool = True,
               max_bytes: int | None = None) -> IO[bytes]:
    """Open a regular file for reading, never blocking: the one safe way easyread opens a file.

    ``stat`` first, so a device or FIFO is never opened (nor a file over ``max_bytes``); then
    ``O_NONBLOCK`` (with ``O_NOFOLLOW`` unless ``follow_symlinks``) and ``fstat`` on the open
    file, in case it was swapped meanwhile. Problems are coded: E301 missing, E302 not a
    regular file, E303 unreadable, E306 too large. ``what`` names a file given by an option
    (``"config file"``) in the messages; None means an article.
    """
    words = _Wording(path, what)
    try:
        st = os.stat(path, follow_symlinks=follow_symlinks)
    except OSError as exc:
        raise words.os_error(exc) from None
    words.require_regular(st.st_mode)
    if max_bytes is not None and st.st_size > max_bytes:
        raise words.too_large(max_bytes, st.st_size)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise words.os_error(exc) from None
    try:
        words.require_regular(os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_input(path: str | Path, max_bytes: int, *, what: str | None = None,
               follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (:func:`open_input`; E306 above)."""
    words = _Wording(path, what)
    with open_input(path, what=what, follow_symlinks=follow_symlinks, max_bytes=max_bytes) as fh:
        try:
            data = read_stream(fh, max_bytes)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise InputUnreadable(f"cannot read: {detail}" if words.article
                                  else f"{words.label}cannot be read: {detail}", path=words.shown) from None
    if len(data) > max_bytes:
        raise words.too_large(max_bytes)
    return data


def read_option_file(path: str | Path, *, what: str, max_bytes: int) -> bytes:
    """The bytes of a file named by an option (``--config``, ``--css``, ``--baseline``).

    Only a regular file is read (E302 otherwise), at most ``max_bytes`` (E306 above that).
    """
    return read_input(path, max_bytes, what=what)


def refuse_special_file(path: str | Path, *, what: str = "file") -> None:
    """Raise E302 when ``path`` exists and is not a regular file (symbolic links followed).

    For files another module reads (glossaries): a missing or unreadable file is left to that
    reader's own error.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return
    _Wording(path, what).require_regular(st.st_mode)


class CappedReader(io.RawIOBase):
    """A raw binary stream that raises :class:`InputTooLarge` after ``max_bytes`` bytes.

    For inputs read line by line (``rewrite --lines``): the cap holds without reading the whole
    input first. Wrap it as ``io.TextIOWrapper(io.BufferedReader(CappedReader(...)))``.
    """

    def __init__(self, raw: IO[bytes], max_bytes: int, *, name: str, close_raw: bool = True) -> None:
        super().__init__()
        self.raw = raw
        self.max_bytes = max_bytes
        self.name = name
        self.seen = 0
        self._close_raw = close_raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        want = min(len(view), self.max_bytes - self.seen + 1)
        reader = getattr(self.raw, "read1", self.raw.read)
        data = reader(want)
        self.seen += len(data)
        if self.seen > self.max_bytes:
            raise InputTooLarge(f"over the limit of {self.max_bytes:,} bytes "
                                "(raise it with --max-bytes)", path=self.name)
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed and self._close_raw:
            self.raw.close()
        super().close()


def capped_text(raw: IO[bytes], max_bytes: int, *, name: str, encoding: str = "utf-8",
                close_raw: bool = True) -> io.TextIOWrapper:
    """A text stream over ``raw`` that refuses more than ``max_bytes`` bytes (E306)."""
    return io.TextIOWrapper(io.BufferedReader(CappedReader(raw, max_bytes, name=name, close_raw=close_raw)),
                            encoding=encoding)


def is_article(rel: str) -> bool:
    """Whether a file name ends in one of :data:`SUFFIXES` (any case)."""
    return PurePosixPath(rel).suffix.lower() in SUFFIXES


def article_suffixes() -> str:
    """The file name endings a folder is searched for: ``.htm, .html, .markdown, ...``."""
    return ", ".join(sorted(SUFFIXES))


def expand_paths(paths: list[str]) -> Iterator[tuple[str, EasyreadError | None]]:
    """Files to read, each with the problem found while walking (or None): folders are
    walked (sorted, without following symlinks), anything else is passed on as given
    (``-`` is standard input; the reader reports a missing file precisely)."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        try:
            st = os.lstat(raw)
        except OSError:
            yield raw, None  # the reader reports the precise problem
            continue
        if not stat.S_ISDIR(st.st_mode):
            yield raw, None
            continue
        found = False
        for entry in walk(raw, wanted=is_article):
            if entry.kind == "skipped":
                continue  # symbolic links are not followed here
            found = True
            yield entry.path, entry.error
        if not found:
            yield raw, NoArticlesFound(
                f"no articles found in this folder (looked for {article_suffixes()} files; "
                "symbolic links are not followed)", path=raw)


def article_paths(paths: list[str]) -> list[str]:
    """The files :func:`easyread.score.score_files` would read (``-`` included), without
    reading them."""
    return [path for path, problem in expand_paths(paths) if problem is None]

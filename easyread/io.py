"""Safe files: atomic output that never replaces what it should not, and bounded reads.

Output (``-o``, and every file easyread writes):

* :func:`atomic_write` writes to a unique temporary file in the same folder, fsyncs it, then
  renames it over the destination: an error (or a full disk, or a kill) never leaves a
  half-written file. It refuses an existing destination that is not a regular file — a folder,
  a device such as ``/dev/null``, a FIFO or a socket (:class:`~easyread.errors.OutputNotRegular`,
  E601): ``os.replace`` would swap the directory entry, turning ``/dev/null`` into a plain file.
* :func:`prepare_output` is what the commands call before doing any work: ``-`` means standard
  output; a symbolic link is followed (the file it points to is replaced atomically, the link is
  kept); the destination must not be the same file as any input, through symbolic or hard links
  (:class:`~easyread.errors.OutputIsInput`, E602).

Input:

* :func:`read_stream` reads at most ``max_bytes + 1`` bytes from a stream, in bounded chunks,
  so ``cat /dev/zero | easyread score -`` ends with a size error instead of eating the memory.
* :func:`read_option_file` reads a file named by an option (``--config``, ``--css``,
  ``--baseline``) only when it is a regular file after following symbolic links: a FIFO is never
  waited on, ``/dev/zero`` never read.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from easyread.errors import (
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    NotARegularFile,
    OutputError,
    OutputIsInput,
    OutputNotRegular,
)

#: ``-o -`` writes to standard output.
STDOUT = "-"

#: Bytes read at a time from a stream or a file named by an option.
CHUNK = 1 << 16


def describe_mode(mode: int) -> str:
    """What a non-regular file is, for error messages (``a FIFO (named pipe)``)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


# --------------------------------------------------------------------------------- output


def resolve_output(path: str | Path, *, follow_symlinks: bool = True) -> Path:
    """The path :func:`atomic_write` will replace, checked.

    With ``follow_symlinks`` a symbolic link (or a chain of them) is replaced by the path it
    finally points to, so the link is kept and its target rewritten; a dangling link gives the
    path its target would have. Without, the link itself is the destination.

    Raises :class:`OutputNotRegular` when the destination exists and is not a regular file
    (folder, device, FIFO, socket, a symbolic link loop).
    """
    target = Path(path)
    if follow_symlinks:
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            return target
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None
        if stat.S_ISLNK(st.st_mode):
            resolved = Path(os.path.realpath(target))
            try:
                if stat.S_ISLNK(os.lstat(resolved).st_mode):
                    raise OutputNotRegular(
                        "is a symbolic link loop; nothing was written", path=str(target))
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None
            target = resolved
    _refuse_non_regular(target, shown=str(path))
    return target


def _refuse_non_regular(target: Path, *, shown: str | None = None) -> None:
    """Raise :class:`OutputNotRegular` if ``target`` exists (not followed) and is not a
    regular file or a symbolic link."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=shown or str(target)) from None
    if stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode):
        return
    where = f" ({target})" if shown and shown != str(target) else ""
    raise OutputNotRegular(
        f"is {describe_mode(st.st_mode)}{where}, not a regular file: easyread writes outputs "
        "only to regular files and left it untouched",
        path=shown or str(target),
    )


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when both paths name the same existing file (symbolic and hard links followed)."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def refuse_same_file(target: str | Path, inputs: Iterable[str | Path], *, shown: str | None = None) -> None:
    """Raise :class:`OutputIsInput` when ``target`` is the same file as one of ``inputs``.

    ``-`` among the inputs stands for standard input: refused too when it is redirected from
    the target file (``easyread rewrite - -o a.txt < a.txt``).
    """
    try:
        out = os.stat(target)
    except (OSError, ValueError):
        return  # does not exist yet: cannot be an input
    key = (out.st_dev, out.st_ino)
    for item in inputs:
        if str(item) == "-":
            st = _stdin_stat()
        else:
            try:
                st = os.stat(item)
            except (OSError, ValueError):
                continue
        if st is not None and stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) == key:
            name = "standard input" if str(item) == "-" else f"the input {item}"
            raise OutputIsInput(
                f"is the same file as {name}: refusing to overwrite an input; "
                "write to another file",
                path=shown or str(target),
            )


def _stdin_stat() -> os.stat_result | None:
    try:
        return os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return None


def prepare_output(output: str | Path | None, inputs: Iterable[str | Path] = ()) -> Path | None:
    """Check ``-o OUT`` before any work: ``None`` for standard output (no ``-o``, or ``-o -``),
    else the path to write (a symbolic link resolved to its target).

    Refuses a destination that is not a regular file (E601) or that is one of ``inputs`` (E602).
    """
    if output is None or str(output) == STDOUT:
        return None
    target = resolve_output(output)
    refuse_same_file(target, inputs, shown=str(output))
    return target


def atomic_write(path: str | Path, data: bytes | str, *, encoding: str = "utf-8",
                 follow_symlinks: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (temporary file + ``os.replace``).

    An existing ``path`` that is not a regular file is refused with :class:`OutputNotRegular`
    and left untouched. A symbolic link at ``path`` is replaced by the new file unless
    ``follow_symlinks`` (then the file it points to is replaced and the link kept).
    """
    import tempfile

    target = resolve_output(path, follow_symlinks=follow_symlinks)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        _refuse_non_regular(target, shown=str(path))  # again: it may have changed meanwhile
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_output(target: Path, data: bytes | str) -> None:
    """:func:`atomic_write` for a path from :func:`prepare_output`; an OS error is E600."""
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None


# ---------------------------------------------------------------------------------- input


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


def open_regular(path: str | Path, *, what: str = "file") -> IO[bytes]:
    """Open a regular file for reading (symbolic links followed), never blocking.

    ``stat`` first, so a device or FIFO is never opened; then ``O_NONBLOCK`` and ``fstat`` on
    the open file, in case it was swapped meanwhile. Problems are coded: E301 missing, E302
    not a regular file, E303 unreadable.
    """
    shown = str(path)
    label = f"the {what} " if what != "file" else ""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputNotFound(f"{label}does not exist" if label else "no such file", path=shown) from None
    except PermissionError:
        raise InputUnreadable(f"{label}cannot be read: permission denied", path=shown) from None
    except OSError as exc:
        raise InputUnreadable(f"{label}cannot be read: {exc.strerror or exc}", path=shown) from None
    _require_regular(st.st_mode, label, shown)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise InputUnreadable(f"{label}cannot be read: permission denied", path=shown) from None
    except OSError as exc:
        raise InputUnreadable(f"{label}cannot be read: {exc.strerror or exc}", path=shown) from None
    try:
        _require_regular(os.fstat(fd).st_mode, label, shown)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _require_regular(mode: int, label: str, shown: str) -> None:
    if stat.S_ISREG(mode):
        return
    raise NotARegularFile(
        f"{label}is {describe_mode(mode)}, not a regular file; only regular files are read",
        path=shown,
    )


def refuse_special_file(path: str | Path, *, what: str = "file") -> None:
    """Raise E302 when ``path`` exists and is not a regular file (symbolic links followed).

    For files another module reads (glossaries): a missing or unreadable file is left to that
    reader's own error.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return
    _require_regular(st.st_mode, f"the {what} " if what != "file" else "", str(path))


def read_option_file(path: str | Path, *, what: str, max_bytes: int) -> bytes:
    """The bytes of a file named by an option (``--config``, ``--css``, ``--baseline``).

    Only a regular file is read (E302 otherwise), at most ``max_bytes`` (E306 above that).
    """
    with open_regular(path, what=what) as fh:
        try:
            data = read_stream(fh, max_bytes)
        except OSError as exc:
            raise InputUnreadable(f"the {what} cannot be read: {exc.strerror or exc}", path=str(path)) from None
    if len(data) > max_bytes:
        raise InputTooLarge(f"the {what} is over the limit of {max_bytes:,} bytes", path=str(path))
    return data

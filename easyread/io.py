"""Safe files: atomic output that never replaces what it should not.

Output (``-o``, and every file easyread writes):

* :func:`atomic_write` writes to a unique temporary file in the same folder, fsyncs it, then
  renames it over the destination: an error (or a full disk, or a kill) never leaves a
  half-written file. It refuses an existing destination that is not a regular file — a folder,
  a device such as ``/dev/null``, a FIFO or a socket (:class:`~easyread.errors.OutputNotRegular`,
  E601): ``os.replace`` would swap the directory entry, turning ``/dev/null`` into a plain file.
* :func:`prepare_output` is what the commands call before doing any work: ``-`` means standard
  output; a symbolic link is followed (the file it points to is replaced atomically, the link is
  kept); the destination must not be the same file as any input, through symbolic or hard links
  (:class:`~easyread.errors.OutputIsInput`, E602), no name in it may be longer than the file
  system allows (E603), and its folder must be writable (E605) on a writable file system (E606).
* Every OS error while writing is a coded :class:`~easyread.errors.OutputError` naming the path
  and the cause (:func:`output_os_error`): E603 name too long, E604 disk full / quota / file
  size limit (``ulimit -f``), E605 permission denied, E606 read-only file system, E600 any
  other; the temporary file is removed, so nothing is left behind.

Input (reading files and streams safely, with a size cap) is :mod:`easyread.inputs`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from easyread.errors import (
    OutputError,
    OutputIsInput,
    OutputNameTooLong,
    OutputNoSpace,
    OutputNotRegular,
    OutputPermissionDenied,
    OutputReadOnly,
)

#: ``-o -`` writes to standard output.
STDOUT = "-"


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
            raise output_os_error(exc, target) from None
        if stat.S_ISLNK(st.st_mode):
            resolved = Path(os.path.realpath(target))
            try:
                if stat.S_ISLNK(os.lstat(resolved).st_mode):
                    raise OutputNotRegular(
                        "is a symbolic link loop; nothing was written", path=str(target))
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise output_os_error(exc, target) from None
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
        raise output_os_error(exc, target, shown=shown) from None
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

    Refuses a destination that is not a regular file (E601) or that is one of ``inputs`` (E602),
    a name longer than the file system allows (E603), a folder that may not be written (E605)
    and a read-only file system (E606), so a command fails before it does any work.
    """
    if output is None or str(output) == STDOUT:
        return None
    check_output_name(output)
    target = resolve_output(output)
    check_output_name(target, shown=str(output))
    refuse_same_file(target, inputs, shown=str(output))
    check_output_folder(target, shown=str(output))
    return target


# ------------------------------------------------------------------------- output errors

#: ``errno`` -> (error class, what to do), for :func:`output_os_error`.
_OUTPUT_ERRNOS: dict[int, tuple[type[OutputError], str]] = {
    code: value
    for name, value in (
        ("ENAMETOOLONG", (OutputNameTooLong, "choose a shorter name")),
        ("ENOSPC", (OutputNoSpace, "the disk is full: free some space")),
        ("EDQUOT", (OutputNoSpace, "the disk quota is used up: free some space")),
        ("EFBIG", (OutputNoSpace, "the file is over the file size limit (ulimit -f)")),
        ("EACCES", (OutputPermissionDenied, "")),
        ("EPERM", (OutputPermissionDenied, "")),
        ("EROFS", (OutputReadOnly, "write to another file system")),
    )
    if (code := getattr(errno, name, None)) is not None
}


def output_os_error(exc: OSError, target: str | Path, *, shown: str | None = None) -> OutputError:
    """The coded error for an ``OSError`` met while writing ``target``: one line naming the
    cause and its errno name (E603, E604, E605, E606; E600 for any other)."""
    name = errno.errorcode.get(exc.errno or 0)
    cause = (exc.strerror or str(exc)) + (f" ({name})" if name else "")
    cls, hint = _OUTPUT_ERRNOS.get(exc.errno or 0, (OutputError, ""))
    if cls is OutputPermissionDenied:
        hint = f"easyread may not write in the folder {Path(target).parent}"
    return cls(f"cannot write: {cause}" + (f"; {hint}" if hint else ""), path=shown or str(target))


def name_max(folder: str | Path) -> int:
    """The longest file name (in bytes) the file system of ``folder`` allows (255 if unknown)."""
    here = Path(folder)
    for candidate in (here, *here.parents):
        try:
            return int(os.pathconf(candidate, "PC_NAME_MAX"))
        except (OSError, ValueError):
            continue
    return 255


def check_output_name(path: str | Path, *, shown: str | None = None) -> None:
    """Raise :class:`OutputNameTooLong` (E603) when a name in ``path`` is longer (in bytes)
    than its file system allows."""
    p = Path(path)
    limit = None
    for part in p.parts:
        size = len(os.fsencode(part))
        if size <= 255 and limit is None:
            continue  # every file system allows 255: ask only about longer names
        limit = limit if limit is not None else name_max(p.parent)
        if size > limit:
            raise OutputNameTooLong(
                f"cannot write: the name {_short(part)} is {size} bytes long, over the limit of "
                f"{limit} bytes of this file system (ENAMETOOLONG); choose a shorter name",
                path=shown or str(path))


def _short(name: str, keep: int = 40) -> str:
    return repr(name if len(name) <= keep else name[: keep // 2] + "…" + name[-keep // 2:])


def check_output_folder(target: str | Path, *, shown: str | None = None) -> None:
    """Raise E606 when the folder ``target`` would be written in is on a read-only file system,
    E605 when this process may not create files in it. (A folder that does not exist yet is
    checked at its nearest existing parent; every other problem shows when writing.)"""
    folder = Path(target).parent
    for existing in (folder, *folder.parents):
        try:
            st = os.stat(existing)
        except FileNotFoundError:
            continue
        except OSError:
            return
        if not stat.S_ISDIR(st.st_mode):
            return  # the write reports it
        break
    else:
        return
    try:
        readonly = bool(os.statvfs(existing).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        readonly = False
    if readonly:
        raise output_os_error(OSError(errno.EROFS, os.strerror(errno.EROFS)), target, shown=shown)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise output_os_error(OSError(errno.EACCES, os.strerror(errno.EACCES)), target, shown=shown)


def atomic_write(path: str | Path, data: bytes | str, *, encoding: str = "utf-8",
                 follow_symlinks: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (temporary file + ``os.replace``).

    An existing ``path`` that is not a regular file is refused with :class:`OutputNotRegular`
    and left untouched. A symbolic link at ``path`` is replaced by the new file unless
    ``follow_symlinks`` (then the file it points to is replaced and the link kept).

    Every OS error is a coded :class:`OutputError` (:func:`output_os_error`: E603 name too
    long, E604 disk full or file too large, E605 permission denied, E606 read-only file
    system, E600 other); the temporary file, and any folder made for it, are removed first.
    """
    import tempfile

    check_output_name(path)
    target = resolve_output(path, follow_symlinks=follow_symlinks)
    payload = data.encode(encoding) if isinstance(data, str) else data
    made: list[Path] = []
    tmp: str | None = None
    try:
        missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".part", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        _refuse_non_regular(target, shown=str(path))  # again: it may have changed meanwhile
        os.replace(tmp, target)
        tmp = None
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, OSError):
            raise output_os_error(exc, target, shown=str(path)) from None
        raise


#: ``mkstemp`` adds 8 random characters; with the dot before and after and ``.part``: 15.
_TEMP_EXTRA = 15


def _temp_prefix(target: Path) -> str:
    """``.NAME.``, with NAME cut so the temporary file's name fits the file system even when
    the destination's own name is close to the limit."""
    room = name_max(target.parent) - _TEMP_EXTRA
    raw = os.fsencode(target.name)
    if len(raw) > room:
        raw = raw[:max(room, 1)]
        name = raw.decode("utf-8", "ignore") if sys.getfilesystemencoding() == "utf-8" else os.fsdecode(raw)
    else:
        name = target.name
    return f".{name}."


def write_output(target: Path, data: bytes | str) -> None:
    """:func:`atomic_write` for a path from :func:`prepare_output` (OS errors are coded E6xx)."""
    atomic_write(target, data)

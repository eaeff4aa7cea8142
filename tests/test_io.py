"""OS failures while writing an output are coded errors (issue 14, item 4).

Each one is an :class:`~easyread.errors.OutputError` with its own code, a one-line message that
names the path and the cause, exit code 3 from the CLI, and nothing left behind (no ``.part``
file, no folder made for the output). ENOSPC, EROFS and EACCES are simulated by making the OS
call raise that errno (the tests run as root, and a full disk cannot be made on demand); the
file size limit (EFBIG, ``ulimit -f``) and the long name (ENAMETOOLONG) are real.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import easyread.io
from easyread.cli import cli
from easyread.errors import (
    OutputError,
    OutputIsInput,
    OutputNameTooLong,
    OutputNoSpace,
    OutputPermissionDenied,
    OutputReadOnly,
)
from easyread.io import atomic_write, prepare_output

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Title\nThe cat sat on the mat. It was a good day for the cat and for the dog too.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the repo's own [tool.easyread] stays out


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, "utf-8")
    return p


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".part"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def raising(code: int) -> object:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))
    return fail


# ------------------------------------------------------------------------ names too long


def test_a_name_over_the_limit_is_e603_before_any_work(article: Path, tmp_path: Path) -> None:
    name = "x" * 300 + ".txt"
    code, err = run("rewrite", str(article), "-o", name)
    assert code == 3
    assert err.count("\n") == 1 and err.startswith(f"easyread: error: {name}: cannot write:")
    assert "is 304 bytes long, over the limit of 255 bytes" in err
    assert "ENAMETOOLONG" in err and err.rstrip().endswith("[E603]")
    assert "internal error" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_name_close_to_the_limit_is_written_its_temporary_name_is_cut(
        article: Path, tmp_path: Path) -> None:
    """A 250-byte name is allowed; the temporary ``.NAME.xxxxxxxx.part`` beside it would not
    be (it gave 'internal error: OSError: [Errno 36]'), so its NAME part is shortened."""
    name = "é" * 120 + ".pdf"  # 244 bytes in UTF-8
    code, err = run("convert", str(article), "--no-rewrite", "--no-check", "-o", name)
    assert code == 0, err
    assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    assert leftovers(tmp_path) == []


def test_atomic_write_refuses_a_long_folder_name_and_makes_no_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputNameTooLong) as info:
        atomic_write(tmp_path / "new" / ("d" * 256) / "out.txt", "text")
    assert info.value.code == "E603"
    assert not (tmp_path / "new").exists()


# ------------------------------------------------------------ disk full, file too large


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG])
def test_disk_full_or_quota_is_e604_and_the_temporary_file_is_removed(
        code: int, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", raising(code))
    status, err = run("rewrite", str(article), "-o", "out.txt")
    assert status == 3
    assert err == (f"easyread: error: out.txt: cannot write: {os.strerror(code)} "
                   f"({errno.errorcode[code]}); {easyread.io._OUTPUT_ERRNOS[code][1]} [E604]\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_the_file_size_limit_for_real_is_e604_exit_3_nothing_left(article: Path, tmp_path: Path) -> None:
    """``ulimit -f``: the kernel refuses the write with EFBIG (Python ignores SIGXFSZ)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "easyread", "score", str(article), "--format", "json",
                           "-o", "out.json"], capture_output=True, text=True, timeout=120,
                          preexec_fn=limit, env=env, cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr == ("easyread: error: out.json: cannot write: File too large (EFBIG); "
                           "the file is over the file size limit (ulimit -f) [E604]\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# -------------------------------------------------------- permission, read-only, same file


def test_permission_denied_on_the_output_folder_is_e605_naming_the_folder(
        article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "mkstemp", raising(errno.EACCES))
    status, err = run("rewrite", str(article), "-o", "sub/out.txt")
    assert status == 3
    assert err == ("easyread: error: sub/out.txt: cannot write: Permission denied (EACCES); "
                   "easyread may not write in the folder sub [E605]\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # sub/ was removed again


def test_a_folder_without_write_permission_is_refused_before_any_work(
        article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_access = os.access
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setattr(os, "access",
                        lambda p, mode, **kw: False if Path(p) == locked else real_access(p, mode, **kw))
    with pytest.raises(OutputPermissionDenied, match="may not write in the folder"):
        prepare_output(locked / "out.txt", [article])


def test_a_read_only_file_system_is_e606(article: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", raising(errno.EROFS))
    with pytest.raises(OutputReadOnly) as info:
        atomic_write(tmp_path / "out.txt", "text")
    assert str(info.value) == (f"{tmp_path / 'out.txt'}: cannot write: Read-only file system (EROFS); "
                               "write to another file system [E606]")
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.txt").exists()


def test_a_read_only_mount_is_refused_before_any_work(article: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.statvfs

    class ReadOnly:
        def __init__(self, st: os.statvfs_result) -> None:
            self.f_flag = st.f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda p: ReadOnly(real(p)))
    status, err = run("rewrite", str(article), "-o", "out.txt")
    assert status == 3 and err.rstrip().endswith("[E606]") and "Read-only file system" in err


def test_any_other_os_error_is_e600_with_its_errno_name(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", raising(errno.EIO))
    with pytest.raises(OutputError) as info:
        atomic_write(tmp_path / "out.txt", "text")
    assert type(info.value) is OutputError and info.value.code == "E600"
    assert "Input/output error (EIO)" in str(info.value)
    assert leftovers(tmp_path) == []


def test_output_equal_to_input_is_still_e602(article: Path) -> None:
    with pytest.raises(OutputIsInput):
        prepare_output(article, [article])
    status, err = run("rewrite", str(article), "-o", str(article))
    assert status == 3 and err.rstrip().endswith("[E602]")
    assert article.read_text("utf-8") == TEXT


@pytest.mark.parametrize("cls,code", [(OutputNameTooLong, "E603"), (OutputNoSpace, "E604"),
                                      (OutputPermissionDenied, "E605"), (OutputReadOnly, "E606")])
def test_codes_are_listed_in_docs_cli(cls: type[OutputError], code: str) -> None:
    assert cls.code == code
    assert f"| {code} |" in (ROOT / "docs" / "cli.md").read_text("utf-8")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc/self/fd")
def test_a_batch_article_whose_output_hits_a_full_disk_says_so_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch wraps the coded error in its retryable E324, naming the cause once."""
    from easyread.batch import BatchOptions, run_batch

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, "utf-8")
    real_fsync = os.fsync
    out = tmp_path / "out"

    def fsync(fd: int) -> None:
        name = os.readlink(f"/proc/self/fd/{fd}")  # Linux: the file behind the descriptor
        if Path(name).name.startswith(".a.md.") and name.endswith(".part"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    report = run_batch(src, out, BatchOptions(formats=("md",), executor="inline", report=False))
    (art,) = report.articles
    assert art.error == {"code": "E324", "message": (
        "cannot write a.md: No space left on device (ENOSPC); the disk is full: free some space "
        "[E604]; it is retried on the next run")}
    assert leftovers(out) == []

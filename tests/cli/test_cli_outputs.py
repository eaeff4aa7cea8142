"""Issue 16: overwrite nothing, read nothing unbounded, pass nothing silently.

* ``-o`` never replaces a folder, device, FIFO or socket (E601), never an input (E602, also
  through symbolic and hard links); a symbolic link is followed and kept; ``-o -`` is stdout.
* standard input is read at most ``max_bytes + 1`` bytes (E306), in bounded chunks;
* ``--config``, ``--css``, ``--baseline``, ``--glossary`` are read only when they are regular
  files (E302): a FIFO is never waited on, ``/dev/zero`` never read;
* ``score``/``check`` on a folder with no articles exit 3 (E308);
* errors go to standard error, never to standard output.

Everything here must pass as root and from any folder: nothing relies on permissions, and every
test that could block (a FIFO) or eat memory (``/dev/zero``) has a timeout guard — an alarm
in-process, or a subprocess with a timeout and a memory limit.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

import pytest
from click.testing import CliRunner

from easyread.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Title\nThe cat sat on the mat. It was a good day for the cat and for the dog too.\n"
GUARD_SECONDS = 60

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


def run(*args: str, input: bytes | IO[bytes] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # any folder; and the repo's own [tool.easyread] stays out


@pytest.fixture(autouse=True)
def _alarm() -> Iterator[None]:
    """A hang (a FIFO opened and waited on) fails the test instead of blocking the run."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"blocked for {GUARD_SECONDS} s (a FIFO waited on?)")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, "utf-8")
    return p


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    p = tmp_path / "pipe"
    os.mkfifo(p)  # nobody ever writes to it: opening it the blocking way would wait forever
    return p


def limited_subprocess(args: list[str], *, stdin: IO[bytes] | None = None,
                       cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m easyread ARGS`` with a timeout and a 2 GB address-space limit, so a
    regression that reads ``/dev/zero`` fails fast instead of taking the machine's memory."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "easyread", *args], capture_output=True, text=True,
                          timeout=120, preexec_fn=limit, env=env, stdin=stdin, cwd=cwd)


# ------------------------------------------------------------ outputs that are not files

OUTPUT_COMMANDS = {
    "score": ["score", "{article}"],
    "check": ["check", "{article}"],
    "rewrite": ["rewrite", "{article}"],
    "terms": ["terms", "{article}"],
    "convert": ["convert", "{article}", "--no-rewrite", "--no-check"],
}


def command(name: str, article: Path, output: str) -> list[str]:
    return [a.format(article=article) for a in OUTPUT_COMMANDS[name]] + ["-o", output]


@pytest.mark.parametrize("name", sorted(OUTPUT_COMMANDS))
def test_output_fifo_refused_untouched(name: str, article: Path, fifo: Path) -> None:
    code, out, err = run(*command(name, article, str(fifo)))
    assert code == 3, err
    assert "E601" in err and "FIFO" in err and out == ""
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("name", sorted(OUTPUT_COMMANDS))
def test_output_folder_refused_untouched(name: str, article: Path, tmp_path: Path) -> None:
    folder = tmp_path / ("out.html" if name == "convert" else "out")
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", "utf-8")
    code, out, err = run(*command(name, article, str(folder)))
    assert code == 3 and "E601" in err and "folder" in err and out == ""
    assert folder.is_dir() and os.listdir(folder) == ["keep.txt"]


def test_output_dev_null_is_never_replaced(article: Path) -> None:
    """As root, ``os.replace`` would turn /dev/null into a regular file."""
    if not os.path.exists("/dev/null") or not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        pytest.skip("no /dev/null character device here")
    code, out, err = run("check", str(article), "-o", "/dev/null")
    assert code == 3 and "E601" in err and "character device" in err and out == ""
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_output_socket_refused(article: Path, tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
    except OSError as exc:  # a path too long for AF_UNIX in a deep tmp folder
        pytest.skip(f"cannot make a socket here: {exc}")
    try:
        code, _, err = run("score", str(article), "-o", str(path))
        assert code == 3 and "E601" in err and "socket" in err
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        sock.close()


@pytest.mark.parametrize("name", ["score", "check", "rewrite", "terms"])
def test_output_dash_is_stdout(name: str, article: Path, tmp_path: Path) -> None:
    code, out, err = run(*command(name, article, "-"))
    assert code in (0, 1), err
    assert out.strip() and not (tmp_path / "-").exists()


def test_convert_output_dash_is_a_coded_error(article: Path, tmp_path: Path) -> None:
    code, out, err = run(*command("convert", article, "-"))
    assert code == 3 and "E600" in err and out == "" and not (tmp_path / "-").exists()


# ------------------------------------------------------------ symbolic links

def test_output_symlink_is_followed_and_kept(article: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, _, err = run("score", str(article), "--format", "json", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text("utf-8"))["schema"] == "easyread.score"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]


def test_output_dangling_symlink_creates_its_target(article: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "new.txt")
    code, _, err = run("rewrite", str(article), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and (tmp_path / "new.txt").read_text("utf-8").strip()


def test_output_symlink_to_fifo_refused(article: Path, fifo: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(fifo)
    code, _, err = run("check", str(article), "-o", str(link))
    assert code == 3 and "E601" in err
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_symlink_loop_refused(article: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "loop1.txt", tmp_path / "loop2.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    code, _, err = run("rewrite", str(article), "-o", str(a))
    assert code == 3 and "E601" in err and "loop" in err
    assert a.is_symlink() and b.is_symlink()


def test_convert_symlink_with_another_suffix_refused(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.bin"
    target.write_bytes(b"keep")
    link = tmp_path / "page.html"
    link.symlink_to(target)
    code, _, err = run(*command("convert", article, str(link)))
    assert code == 3 and "E600" in err
    assert target.read_bytes() == b"keep" and link.is_symlink()


def test_convert_through_a_symlink_writes_the_target(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.html"
    target.write_text("old", "utf-8")
    link = tmp_path / "page.html"
    link.symlink_to(target)
    code, _, err = run(*command("convert", article, str(link)))
    assert code == 0, err
    assert link.is_symlink() and "<html" in target.read_text("utf-8")


# ------------------------------------------------------------ the output is an input

@pytest.mark.parametrize("how", ["same path", "hard link", "symbolic link", "other spelling"])
@pytest.mark.parametrize("name", sorted(OUTPUT_COMMANDS))
def test_output_same_file_as_input_refused(name: str, how: str, tmp_path: Path) -> None:
    suffix = ".html" if name == "convert" else ".txt"
    source = tmp_path / f"article{suffix}"
    body = "<html lang='en'><title>T</title><body><h1>T</h1><p>" + TEXT + "</p></body></html>" \
        if suffix == ".html" else TEXT
    source.write_text(body, "utf-8")
    if how == "same path":
        out = source
    elif how == "hard link":
        out = tmp_path / f"hard{suffix}"
        os.link(source, out)
    elif how == "symbolic link":
        out = tmp_path / f"link{suffix}"
        out.symlink_to(source)
    else:
        (tmp_path / "sub").mkdir()
        out = tmp_path / "sub" / ".." / source.name
    args = [a.format(article=source) for a in OUTPUT_COMMANDS[name]] + ["-o", str(out)]
    code, stdout, err = run(*args)
    assert code == 3 and "E602" in err and stdout == ""
    assert source.read_text("utf-8") == body


def test_convert_html_onto_itself_refused_relative_names(tmp_path: Path) -> None:
    """``convert article.html -o article.html``, as typed in the issue."""
    page = "<html lang='en'><head><title>T</title></head><body><p>" + TEXT + "</p></body></html>"
    (tmp_path / "article.html").write_text(page, "utf-8")
    code, _, err = run("convert", "article.html", "-o", "article.html", "--no-rewrite")
    assert code == 3 and "E602" in err
    assert (tmp_path / "article.html").read_text("utf-8") == page


def test_check_output_onto_an_article_in_a_folder_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, "utf-8")
    code, _, err = run("check", str(docs), "-o", str(docs / "a.txt"))
    assert code == 3 and "E602" in err
    assert (docs / "a.txt").read_text("utf-8") == TEXT


def test_output_onto_the_config_or_the_stylesheet_refused(article: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("min_words = 5\n", "utf-8")
    code, _, err = run("check", str(article), "--config", str(cfg), "-o", str(cfg))
    assert code == 3 and "E602" in err and cfg.read_text("utf-8") == "min_words = 5\n"
    css = tmp_path / "x.html"
    css.write_text("p { color: black }", "utf-8")
    code, _, err = run("convert", str(article), "--css", str(css), "-o", str(css), "--no-rewrite")
    assert code == 3 and "E602" in err and css.read_text("utf-8") == "p { color: black }"


def test_output_redirected_stdin_refused(article: Path) -> None:
    """``easyread rewrite - -o a.txt < a.txt``: the same file, through standard input."""
    with open(article, "rb") as stdin:
        proc = limited_subprocess(["rewrite", "-", "-o", str(article)], stdin=stdin)
    assert proc.returncode == 3 and "E602" in proc.stderr, proc.stderr
    assert article.read_text("utf-8") == TEXT


# ------------------------------------------------------------ standard input is capped

class Endless(io.RawIOBase):
    """An endless binary stream (``cat /dev/zero``) that counts what was read from it."""

    def __init__(self, byte: bytes = b"a") -> None:
        self.byte = byte
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = len(buffer)
        buffer[:n] = self.byte * n
        self.served += n
        return n


def test_stdin_over_the_cap_is_refused(tmp_path: Path) -> None:
    code, out, err = run("score", "-", "--max-bytes", "100", "--format", "json", input=b"a " * 51)
    assert code == 3 and "E306" in err
    assert json.loads(out)["files"][0]["error"]["code"] == "E306"
    code, _, err = run("score", "-", "--max-bytes", "100", input=(b"Title\nThe cat sat. " * 10)[:100])
    assert code == 0, err


@pytest.mark.parametrize("args", [["score", "-"], ["check", "-"], ["rewrite", "-"],
                                  ["rewrite", "-", "--lines"], ["terms", "-"]])
def test_endless_stdin_reads_no_more_than_the_cap(args: list[str]) -> None:
    """Memory must not depend on the length of standard input: an endless stream ends with
    E306 after about ``max_bytes`` bytes."""
    stream = Endless(b"word ")
    code, _, err = run(*args, "--max-bytes", "10000", input=cast(IO[bytes], stream))
    assert code == 3 and "E306" in err and "<stdin>" in err
    assert stream.served <= 10_001 + 2 * 65536  # the cap, plus at most a chunk of read-ahead


def test_dev_zero_on_stdin_stops_at_the_cap() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with open("/dev/zero", "rb") as zero:
        proc = limited_subprocess(["score", "-", "--format", "json"], stdin=zero)
    assert proc.returncode == 3 and "E306" in proc.stderr, proc.stderr[-500:]


def test_lines_mode_reads_a_fifo_argument_never(fifo: Path) -> None:
    code, _, err = run("rewrite", str(fifo), "--lines")
    assert code == 3 and "E302" in err


# ------------------------------------------------------------ files named by options

def test_config_fifo_refused(article: Path, fifo: Path) -> None:
    code, _, err = run("check", str(article), "--config", str(fifo))
    assert code == 3 and "E302" in err and "config file" in err


def test_baseline_fifo_refused(article: Path, fifo: Path) -> None:
    code, _, err = run("check", str(article), "--baseline", str(fifo))
    assert code == 3 and "E302" in err and "baseline" in err


def test_css_fifo_refused(article: Path, fifo: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(article), "--css", str(fifo), "-o", str(tmp_path / "x.html"))
    assert code == 3 and "E302" in err and "stylesheet" in err
    assert not (tmp_path / "x.html").exists()


def test_glossary_fifo_refused(article: Path, fifo: Path, tmp_path: Path) -> None:
    code, _, err = run("terms", str(article), "--glossary", str(fifo))
    assert code == 3 and "E302" in err and "glossary" in err
    cfg = tmp_path / "c.toml"
    cfg.write_text(f"glossary = [{json.dumps(str(fifo))}]\n", "utf-8")
    code, _, err = run("rewrite", str(article), "--config", str(cfg))
    assert code == 3 and "E302" in err and "glossary" in err


def test_option_files_as_folders_are_coded_errors(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for args in (["check", str(article), "--config", str(folder)],
                 ["check", str(article), "--baseline", str(folder)],
                 ["convert", str(article), "--css", str(folder), "-o", str(tmp_path / "x.html")]):
        code, out, err = run(*args)
        assert code == 3 and "E302" in err and out == "", args


def test_missing_option_files_are_coded_errors(article: Path, tmp_path: Path) -> None:
    code, _, err = run("check", str(article), "--baseline", str(tmp_path / "none.json"))
    assert code == 3 and "E301" in err
    code, _, err = run("check", str(article), "--config", str(tmp_path / "none.toml"))
    assert code == 3 and "E100" in err and "not found" in err
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", "utf-8")
    code, _, err = run("check", str(article), "--baseline", str(bad))
    assert code == 3 and "E300" in err


@pytest.mark.parametrize("args", [
    ["check", "{article}", "--config", "/dev/zero"],
    ["check", "{article}", "--baseline", "/dev/zero"],
    ["convert", "{article}", "--css", "/dev/zero", "-o", "{tmp}/x.html", "--no-rewrite"],
], ids=["config", "baseline", "css"])
def test_dev_zero_option_files_are_never_read(args: list[str], article: Path, tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    proc = limited_subprocess([a.format(article=article, tmp=tmp_path) for a in args], cwd=tmp_path)
    assert proc.returncode == 3 and "E302" in proc.stderr, proc.stderr[-500:]
    assert proc.stdout == ""


def test_symlinked_option_file_is_followed(article: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "real.toml"
    cfg.write_text("min_words = 5\n", "utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(cfg)
    code, _, err = run("check", str(article), "--config", str(link))
    assert code in (0, 1), err


# ------------------------------------------------------------ a folder with no articles

@pytest.mark.parametrize("name", ["check", "score"])
def test_folder_without_articles_exits_3(name: str, tmp_path: Path) -> None:
    empty = tmp_path / "renamed-docs"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-")
    code, out, err = run(name, str(empty))
    assert code == 3
    assert "E308" in err and "no articles" in err and ".txt" in err and ".md" in err and ".html" in err
    assert "E308" not in out


def test_folder_without_articles_in_json_and_with_good_files(article: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = run("check", str(article), str(empty), "--format", "json")
    files = json.loads(out)["files"]
    assert code == 3 and [f["status"] for f in files] == ["pass", "error"]
    assert files[1]["error"]["code"] == "E308"


def test_folder_with_an_article_in_a_subfolder_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "a.md").write_text(TEXT, "utf-8")
    code, _, err = run("check", str(tmp_path / "docs"))
    assert code == 0, err


# ------------------------------------------------------------ errors on standard error

def test_score_table_errors_on_stderr(article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    code, out, err = run("score", str(bad), str(article))
    assert code == 3 and "E304" in err and str(bad) in err
    assert "E304" not in out and "bad.txt" not in out and str(article) in out


def test_score_table_only_errors_prints_nothing_on_stdout(tmp_path: Path) -> None:
    code, out, err = run("score", str(tmp_path / "missing.txt"))
    assert code == 3 and out == "" and "E301" in err


def test_check_text_errors_on_stderr(article: Path, tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path / "missing.txt"), str(article))
    assert code == 3 and "E301" in err and "missing.txt" in err
    assert "missing.txt" not in out and "E301" not in out
    assert out.splitlines()[-1].startswith("ERROR: 2 file(s)")


@pytest.mark.parametrize("args", [
    ["rewrite", "{tmp}/missing.txt"],
    ["terms", "{tmp}/missing.txt"],
    ["convert", "{tmp}/missing.txt", "-o", "{tmp}/x.html"],
    ["config", "show", "--config", "{tmp}/missing.toml"],
    ["score", "{tmp}/a.txt", "--profile", "nope"],
])
def test_command_errors_on_stderr_only(args: list[str], article: Path, tmp_path: Path) -> None:
    code, out, err = run(*[a.format(tmp=tmp_path) for a in args])
    assert code == 3 and out == "" and "easyread: error:" in err


# ------------------------------------------------------------ the library helpers

def test_atomic_write_refuses_non_regular_targets(fifo: Path, tmp_path: Path) -> None:
    from easyread.errors import OutputNotRegular
    from easyread.io import atomic_write

    with pytest.raises(OutputNotRegular):
        atomic_write(fifo, "x")
    folder = tmp_path / "d"
    folder.mkdir()
    with pytest.raises(OutputNotRegular):
        atomic_write(folder, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]


def test_atomic_write_symlink_modes(tmp_path: Path) -> None:
    from easyread.io import atomic_write

    real = tmp_path / "real.txt"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, "followed", follow_symlinks=True)
    assert link.is_symlink() and real.read_text("utf-8") == "followed"
    atomic_write(link, "replaced")  # the default (batch): the entry itself, never its target
    assert not link.is_symlink() and link.read_text("utf-8") == "replaced"
    assert real.read_text("utf-8") == "followed"


def test_read_stream_is_bounded() -> None:
    from easyread.inputs import read_stream

    stream = Endless()
    data = read_stream(cast(IO[bytes], stream), 1000)
    assert len(data) == 1001 and stream.served == 1001

"""easyread.inputs: the one folder walker and the one safe reader."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from easyread.errors import (
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    NoArticlesFound,
    NotARegularFile,
)
from easyread.inputs import (
    DUPLICATE,
    LINK_LOOP,
    LINK_NOT_FOLLOWED,
    Entry,
    article_paths,
    expand_paths,
    is_article,
    open_input,
    read_input,
    read_option_file,
    walk,
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("A.", "utf-8")
    (root / "b" / "c.md").write_text("C.", "utf-8")
    (root / "b" / "notes.csv").write_text("x", "utf-8")
    (root / "z.html").write_text("<p>Z.</p>", "utf-8")
    os.symlink("a.txt", root / "link.txt")
    os.symlink("..", root / "b" / "up")
    return root


def kinds(entries: Iterable[Entry]) -> list[tuple[str, str, str]]:
    return [(e.rel, e.kind, e.code or (e.error.code if e.error else "")) for e in entries]


def test_walk_is_sorted_depth_first_and_does_not_follow_links(tree: Path) -> None:
    found = list(walk(tree, wanted=is_article))
    assert kinds(found) == [
        ("a.txt", "file", ""),
        ("link.txt", "skipped", LINK_NOT_FOLLOWED),
        ("z.html", "file", ""),
        ("b/c.md", "file", ""),
        ("b/up", "skipped", LINK_LOOP),
    ]
    assert found[0].path == str(tree / "a.txt") and found[0].stat is not None


def test_walk_following_links_stops_loops_and_repeats(tree: Path) -> None:
    found = kinds(walk(tree, follow_symlinks=True, wanted=is_article))
    assert ("link.txt", "skipped", DUPLICATE) in found
    assert ("b/up", "skipped", LINK_LOOP) in found
    assert [r for r, k, _ in found if k == "file"] == ["a.txt", "z.html", "b/c.md"]


def test_walk_prunes_and_skips_folders(tree: Path) -> None:
    assert [e.rel for e in walk(tree, prune=lambda rel: rel == "b") if e.kind == "file"] == ["a.txt", "z.html"]
    st = os.stat(tree / "b")
    assert "b/c.md" not in [e.rel for e in walk(tree, skip_dirs=[(st.st_dev, st.st_ino)])]


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_walk_reports_a_folder_it_cannot_list_as_a_typed_error(tree: Path) -> None:
    os.chmod(tree / "b", 0)
    try:
        problems = [e for e in walk(tree) if e.kind == "problem"]
    finally:
        os.chmod(tree / "b", 0o755)
    assert len(problems) == 1 and isinstance(problems[0].error, InputUnreadable)
    assert problems[0].error.code == "E303" and problems[0].rel == "b"


def test_expand_paths_walks_folders_and_refuses_an_empty_one(tree: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    got = list(expand_paths([str(tree), "-", str(empty), "missing.txt"]))
    assert [p for p, e in got if e is None] == [
        str(tree / "a.txt"), str(tree / "z.html"), str(tree / "b" / "c.md"), "-", "missing.txt"]
    problems = [e for _, e in got if e is not None]
    assert len(problems) == 1 and isinstance(problems[0], NoArticlesFound) and problems[0].code == "E308"
    assert article_paths([str(tree)]) == [str(tree / "a.txt"), str(tree / "z.html"), str(tree / "b" / "c.md")]


def test_read_input_reads_a_regular_file_within_the_cap(tree: Path) -> None:
    assert read_input(tree / "a.txt", 10) == b"A."
    with pytest.raises(InputTooLarge, match=r"2 bytes is over the limit of 1 bytes") as too_big:
        read_input(tree / "a.txt", 1)
    assert too_big.value.code == "E306"


def test_read_input_refuses_what_is_not_a_regular_file(tree: Path, tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="no such file"):
        read_input(tree / "nothing.txt", 10)
    with pytest.raises(NotARegularFile, match="is a directory"):
        read_input(tree / "b", 10)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(NotARegularFile, match=r"not a regular file \(a pipe"):
        read_input(fifo, 10)  # refused before opening: never waits for a writer
    with pytest.raises(InputUnreadable, match="symbolic link"):
        read_input(tree / "link.txt", 10, follow_symlinks=False)
    assert read_input(tree / "link.txt", 10) == b"A."


def test_files_named_by_options_are_worded_as_such(tree: Path, tmp_path: Path) -> None:
    with pytest.raises(InputNotFound, match="the config file does not exist"):
        read_option_file(tree / "none.toml", what="config file", max_bytes=10)
    with pytest.raises(NotARegularFile, match="the stylesheet is a folder, not a regular file"):
        read_option_file(tree / "b", what="stylesheet", max_bytes=10)
    with pytest.raises(InputTooLarge, match="the baseline report is over the limit of 1 bytes"):
        read_option_file(tree / "a.txt", what="baseline report", max_bytes=1)
    with open_input(tree / "a.txt", what="file") as fh:
        assert fh.read() == b"A."


def test_a_read_error_is_a_typed_error_not_a_traceback(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import easyread.inputs

    def failing(stream: object, max_bytes: int) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(easyread.inputs, "read_stream", failing)
    with pytest.raises(InputUnreadable, match="cannot read: Input/output error") as err:
        read_input(tree / "a.txt", 10)
    assert err.value.code == "E303"


def test_score_and_check_name_an_unlistable_folder_e303(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As ``batch`` does (it was E000, the code for a bug, in score and check)."""
    from easyread.check import check_files
    from easyread.config import load_config

    real = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path).name == "b":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [(p, e.code if e else None) for p, e in expand_paths([str(tree)])] == [
        (str(tree / "a.txt"), None), (str(tree / "z.html"), None), (str(tree / "b"), "E303")]
    report = check_files([str(tree / "b")], load_config(profile="plain", use_project=False))
    assert [(f.path, f.status, f.error) for f in report.files] == [
        (str(tree / "b"), "error", {"code": "E303", "message": "cannot list folder: Permission denied"})]

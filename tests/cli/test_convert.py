"""easyread convert in-process, HTML only (PDF runs are in tests/render): rewrite or not,
--review's files, coded errors. Refused outputs are in test_cli_outputs.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from easyread.cli import ExitCode, cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # keep the repo's own [tool.easyread] out of these tests
    path = tmp_path / "a.txt"
    path.write_text("The plan\nHowever, the plan failed. The town was sad.\n", "utf-8")
    return path


def test_html_is_the_rewritten_article_unless_no_rewrite(article: Path, tmp_path: Path) -> None:
    code, out, err = run("convert", str(article), "-o", str(tmp_path / "easy.html"), "--no-check")
    assert code == 0 and out == "" and err == f"easyread: wrote {tmp_path / 'easy.html'}\n"
    assert "But the plan failed." in (tmp_path / "easy.html").read_text("utf-8")
    code, _, _ = run("convert", str(article), "-o", str(tmp_path / "as-read.html"), "--no-rewrite", "--no-check")
    page = (tmp_path / "as-read.html").read_text("utf-8")
    assert code == 0 and "However, the plan failed." in page and "But the plan failed." not in page


def test_review_writes_the_page_and_the_decisions_next_to_the_output(article: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(article), "-o", str(tmp_path / "easy.html"), "--review", "--no-check")
    assert code == 0
    for name in ("easy.html", "easy.review.html", "easy.decisions.toml"):
        assert (tmp_path / name).is_file() and f"wrote {tmp_path / name}" in err


def test_errors_are_coded_and_leave_nothing(article: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(article), "-o", str(tmp_path / "a.docx"))
    assert code == ExitCode.ERROR and "[E400]" in err
    code, _, err = run("convert", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "m.html"))
    assert code == ExitCode.ERROR and "[E301]" in err
    code, _, err = run("convert", str(article))
    assert code == ExitCode.USAGE and "Missing option '-o'" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_title_sets_the_cover_heading_and_an_empty_one_is_refused(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "easy.html"
    code, _, _ = run("convert", str(article), "-o", str(out), "--no-check", "--title", "Why the plan failed")
    page = out.read_text("utf-8")
    assert code == 0 and "<h1>Why the plan failed</h1>" in page and "<title>Why the plan failed</title>" in page
    assert "version of “The plan”" in page  # the original's own title is still named
    code, _, err = run("convert", str(article), "-o", str(tmp_path / "x.html"), "--no-check", "--title", "  ")
    assert code == ExitCode.USAGE and "--title" in err and not (tmp_path / "x.html").exists()

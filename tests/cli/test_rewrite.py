"""easyread rewrite (text, Markdown, JSON, --lines, --explain, -o, standard input, errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from easyread.api import rewrite as rewrite_text
from easyread.cli import ExitCode, cli
from easyread.report.document import ledger, to_markdown, to_text

ARTICLE = "Title\n\nThe minister commenced the work prior to the vote. It cost 40 percent more.\n"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["rewrite", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


def test_text_is_the_library_rewrite(article: Path) -> None:
    code, out, err = run(str(article))
    assert code == ExitCode.OK and err == ""
    assert out == to_text(rewrite_text(ARTICLE))
    assert "started" in out and "before the vote" in out


def test_explain_goes_to_standard_error(article: Path) -> None:
    code, out, err = run(str(article), "--profile", "easy-read", "--explain")
    doc = rewrite_text(ARTICLE, profile="easy-read")
    assert code == ExitCode.OK
    assert out == to_text(doc) and err == ledger(doc)
    assert "words.lexicon" in err


def test_markdown_and_json(article: Path) -> None:
    code, out, _ = run(str(article), "--format", "md")
    assert code == ExitCode.OK and out == to_markdown(rewrite_text(ARTICLE))
    code, out, _ = run(str(article), "--format", "json")
    data = json.loads(out)
    expected = json.loads(json.dumps(rewrite_text(ARTICLE).to_dict()))
    expected["source"]["path"] = str(article)
    assert code == ExitCode.OK and data == expected
    assert data["edits"]


def test_output_file_holds_text_then_ledger(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, out, _ = run(str(article), "-o", str(target), "--explain")
    doc = rewrite_text(ARTICLE)
    assert code == ExitCode.OK and out == ""
    assert target.read_text("utf-8") == to_text(doc) + "\n" + ledger(doc)


def test_lines_keeps_one_output_line_per_input_line() -> None:
    source = "The minister commenced the work.\n\nIt was prior to the vote.\n"
    code, out, _ = run("-", "--lines", input=source)
    assert code == ExitCode.OK
    assert out.splitlines() == ["The minister started the work.", "", "It was before the vote."]


def test_standard_input(article: Path) -> None:
    code, out, _ = run("-", input=ARTICLE)
    assert code == ExitCode.OK and out == run(str(article))[1]


def test_missing_file_is_a_coded_error(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "nope.txt"))
    assert code == ExitCode.ERROR and out == ""
    assert "[E301]" in err and err.startswith("easyread: error:")


def test_unknown_profile_is_a_coded_error(article: Path) -> None:
    code, _, err = run(str(article), "--profile", "nonsense")
    assert code == ExitCode.ERROR and "[E102]" in err

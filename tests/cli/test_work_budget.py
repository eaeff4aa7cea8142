"""The work budget of the commands that rewrite (issue 14): an input over ``rewrite_max_bytes``
is refused before any work with E306, a message giving its size, the limit and the way out;
``--max-bytes`` lifts it; ``score``, ``check`` and ``terms`` keep the 5 MB ``max_bytes``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from easyread.cli import ExitCode, cli
from easyread.config import Config, load_config, work_budget

ARTICLE = "Title\n\nThe minister started the work before the vote. It cost more than we thought.\n"


@pytest.fixture
def small_budget(tmp_path: Path) -> tuple[Path, Path]:
    """An article of ~100 bytes and a config whose work budget is 60 bytes."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    config = tmp_path / "budget.toml"
    config.write_text("rewrite_max_bytes = 60\n", "utf-8")
    return article, config


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_the_default_budget_is_below_the_read_limit() -> None:
    config = load_config(use_project=False)
    assert config.rewrite_max_bytes == Config().rewrite_max_bytes == 400_000 < config.max_bytes
    budgeted, budget = work_budget(config, None)
    assert budget == 400_000 and budgeted.max_bytes == 400_000
    assert work_budget(config, 10**6) == (config, None)  # --max-bytes given: the only limit


@pytest.mark.parametrize("command", [["rewrite"], ["rewrite", "--lines"], ["convert", "-o", "{out}"]])
def test_rewriting_commands_refuse_over_the_budget(small_budget: tuple[Path, Path], command: list[str],
                                                   tmp_path: Path) -> None:
    article, config = small_budget
    out = tmp_path / "x.html"
    args = [a.replace("{out}", str(out)) for a in command]
    code, stdout, err = run(*args[:1], str(article), *args[1:], "--config", str(config))
    assert code == ExitCode.ERROR and stdout == ""
    assert "E306" in err and f"{len(ARTICLE.encode()):,} bytes" in err and "limit of 60 bytes" in err
    assert "split the file" in err and "--max-bytes" in err and "rewrite_max_bytes" in err
    assert not out.exists() and set(tmp_path.iterdir()) == {article, config}


def test_standard_input_is_refused_over_the_budget(small_budget: tuple[Path, Path]) -> None:
    _article, config = small_budget
    code, _out, err = run("rewrite", "-", "--config", str(config), input=ARTICLE)
    assert code == ExitCode.ERROR and "E306" in err and "rewrite_max_bytes" in err


def test_max_bytes_lifts_the_budget(small_budget: tuple[Path, Path]) -> None:
    article, config = small_budget
    code, out, _err = run("rewrite", str(article), "--config", str(config), "--max-bytes", "1000")
    assert code == ExitCode.OK and "minister" in out
    code, _out, err = run("rewrite", str(article), "--config", str(config), "--max-bytes", "50")
    assert code == ExitCode.ERROR and "limit of 50 bytes (raise it with --max-bytes)" in err


@pytest.mark.parametrize("command", [["score"], ["check"], ["terms"]])
def test_reading_commands_keep_the_read_limit(small_budget: tuple[Path, Path], command: list[str]) -> None:
    article, config = small_budget
    code, _out, err = run(*command, str(article), "--config", str(config))
    assert code in (ExitCode.OK, ExitCode.CHECK_FAILED) and "E306" not in err


def test_batch_refuses_an_article_over_the_budget(small_budget: tuple[Path, Path], tmp_path: Path) -> None:
    article, config = small_budget
    src = tmp_path / "in"
    src.mkdir()
    article.rename(src / "article.txt")
    code, out, _err = run("batch", str(src), "-o", str(tmp_path / "out"), "--config", str(config))
    assert code == ExitCode.CHECK_FAILED
    assert "E306" in out and "limit of 60 bytes" in out and "rewrite_max_bytes" in out
    assert not list((tmp_path / "out").glob("*.pdf"))

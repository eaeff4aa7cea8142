"""Every command has help text with an example and is documented in README.md (sqlite-utils' rule)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from easyread.cli import COMMANDS, LazyGroup, cli

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_documented(name: str) -> None:
    command = LazyGroup._load(name)
    assert command is not None, f"command {name} is listed but not built"
    assert f"easyread {name}" in README, f"README.md does not mention `easyread {name}`"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert len(result.output) > 200
    if name != "config":
        assert "Example" in result.output, f"`easyread {name} --help` has no example"


def test_top_level_help_lists_exit_codes() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "Exit codes" in result.output


def test_readme_commands_are_the_ci_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    test_line = next(line for line in ci.splitlines() if "pytest" in line and "pip install" in line)
    assert test_line.strip() in README

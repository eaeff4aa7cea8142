"""Helpers shared by the command-line tests (``tests/cli/``): run a command in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from easyread.cli import cli


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    """Run ``easyread ARGS`` with Click's runner: exit code, stdout, stderr."""
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the repository's own ``[tool.easyread]`` out of a test: run it in a temporary folder."""
    monkeypatch.chdir(tmp_path)

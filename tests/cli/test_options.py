"""easyread.cli.options: the option bundles shared by several commands, on a command of their own."""

from __future__ import annotations

import json
from typing import Any

import click
import pytest
from click.testing import CliRunner

from easyread.cli import COMMANDS, cli
from easyread.cli.options import config_options, input_options, output_option


@click.command()
@output_option
@config_options
@input_options
def probe(**kwargs: Any) -> None:
    click.echo(json.dumps(kwargs, sort_keys=True))


def run(*args: str) -> tuple[int, dict[str, Any] | None, str]:
    result = CliRunner().invoke(probe, list(args))
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else None, result.stderr


def test_defaults_are_none_so_the_config_decides() -> None:
    code, values, _ = run()
    assert code == 0 and values == {"config_file": None, "encoding": None, "input_format": None,
                                    "max_bytes": None, "output": None, "profile": None}


def test_values_reach_the_command_under_their_parameter_names() -> None:
    code, values, _ = run("-o", "-", "--config", "c.toml", "--profile", "plain", "--encoding", "latin-1",
                          "--input-format", "md", "--max-bytes", "10")
    assert code == 0 and values == {"config_file": "c.toml", "encoding": "latin-1", "input_format": "md",
                                    "max_bytes": 10, "output": "-", "profile": "plain"}


def test_files_are_not_checked_by_click() -> None:
    """Missing or unreadable files pass through: easyread checks them with coded errors (E30x)."""
    code, values, _ = run("--config", "/no/such/file.toml", "-o", "/no/such/dir/out.txt")
    assert code == 0 and values is not None and values["config_file"] == "/no/such/file.toml"


@pytest.mark.parametrize("args", [["--max-bytes", "0"], ["--input-format", "pdf"], ["--output"]])
def test_bad_values_are_usage_errors(args: list[str]) -> None:
    code, _, err = run(*args)
    assert code == 2 and "Error:" in err


@pytest.mark.parametrize("name", ["score", "check", "rewrite", "terms"])
def test_commands_share_the_bundles(name: str) -> None:
    assert name in COMMANDS
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    assert {"--config", "--profile", "--encoding", "--input-format", "--max-bytes", "-o"} <= options

"""Option bundles shared by several commands (sqlite-utils' style)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def input_options(func: F) -> F:
    """--encoding, --input-format, --max-bytes."""
    func = click.option(
        "--max-bytes", type=click.IntRange(min=1), default=None,
        help="Refuse inputs larger than this many bytes (default 5 MB, from the config).",
    )(func)
    func = click.option(
        "--input-format", "input_format", type=click.Choice(["txt", "md", "html"]), default=None,
        help="Read inputs as this format (default: from the file name).",
    )(func)
    func = click.option(
        "--encoding", default=None, metavar="NAME",
        help="Decode inputs with this encoding (default: UTF-8, detected BOMs, or Windows-1252).",
    )(func)
    return func


def config_options(func: F) -> F:
    """--config, --profile."""
    func = click.option(
        "--profile", default=None, metavar="NAME",
        help="Named profile: plain, easy-read or large-print (default: from the config).",
    )(func)
    func = click.option(
        "--config", "config_file", type=click.Path(dir_okay=False), default=None,
        help="A TOML config file (keys as in [tool.easyread]).",
    )(func)
    return func

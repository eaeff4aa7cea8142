"""Option bundles shared by several commands (sqlite-utils' style)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

#: A file an option names for reading (--config, --css, --baseline, --glossary). Click only
#: completes it; easyread checks it (a regular file, E301-E306) so problems exit 3 with a code.
OPTION_FILE = click.Path(readable=False)

#: ``-o``: a file, or ``-`` for standard output. Checked by easyread.io.prepare_output (E6xx).
OUTPUT_FILE = click.Path(allow_dash=True, readable=False)


def output_option(func: F) -> F:
    """-o/--output: written atomically; - is standard output; never a non-regular file or an input."""
    return click.option(
        "-o", "--output", type=OUTPUT_FILE, default=None, metavar="FILE",
        help="Write to this file (atomically) instead of standard output; - is standard output. "
             "A symbolic link is followed (its target is replaced, the link kept). Refused: a "
             "folder, device, FIFO or socket (E601) and any input file (E602).",
    )(func)


def input_options(func: F) -> F:
    """--encoding, --input-format, --max-bytes."""
    func = click.option(
        "--max-bytes", type=click.IntRange(min=1), default=None,
        help="Refuse inputs (files and standard input) larger than this many bytes "
             "(default 5 MB, max_bytes in the config; for rewrite and convert, the work "
             "budget: 400 kB, rewrite_max_bytes).",
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
        "--config", "config_file", type=OPTION_FILE, default=None,
        help="A TOML config file (keys as in [tool.easyread]); must be a regular file.",
    )(func)
    return func

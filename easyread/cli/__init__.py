"""The command-line interface: the only click importer; thin commands over the library.

Exit codes (a documented contract, see docs/cli.md):

* 0 — success / every check passed;
* 1 — a check threshold failed (or, for batch, some articles failed);
* 2 — usage error (Click's own code);
* 3 — unreadable input, bad configuration, a refused output or an internal error;
* 4, 130, 143 — ``batch`` only: state not written, interrupted (Ctrl-C), stopped (SIGTERM).

The codes are :class:`easyread.errors.ExitCode` (``easyread.cli.ExitCode`` is the same enum).

Errors always go to standard error, never to standard output (where reports go).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from easyread import __version__
from easyread.errors import ExitCode

__all__ = ["COMMANDS", "EasyreadCLIError", "ExitCode", "cli", "main"]

if TYPE_CHECKING:
    from collections.abc import Iterator

    from easyread.config import Config


class EasyreadCLIError(click.ClickException):
    """Shown as one line; exits 3 (Click's default 1 would collide with 'check failed')."""

    exit_code = ExitCode.ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"easyread: error: {self.format_message()}", err=True)


# name -> "module:function"; modules load only when their command runs (fast cold start).
COMMANDS = {
    "score": "easyread.cli.score:score",
    "check": "easyread.cli.check:check",
    "rewrite": "easyread.cli.rewrite:rewrite",
    "convert": "easyread.cli.convert:convert",
    "terms": "easyread.cli.terms:terms",
    "suggest": "easyread.cli.suggest:suggest",
    "batch": "easyread.cli.batch:batch",
    "config": "easyread.cli.config:config",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None  # command not built into this version
            raise
        command = getattr(module, attr)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        from easyread.errors import EasyreadError

        try:
            return super().invoke(ctx)
        except EasyreadError as exc:
            raise EasyreadCLIError(str(exc)) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            sys.exit(ExitCode.OK)
        except Exception as exc:  # an internal error: one line, traceback only with --debug
            if ctx.obj and ctx.obj.get("debug"):
                import traceback  # only here: it costs a few ms of cold start

                traceback.print_exc()
            raise EasyreadCLIError(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"
            ) from exc


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="easyread")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Score readability, check it in CI, and turn articles into plain-language and easy-read
    text, PDF and HTML — offline.

    \b
    Examples:
      easyread score article.txt                 # readability table
      easyread check docs/ --format github       # fail CI when text is too hard
      easyread rewrite article.txt --profile easy-read --explain
      easyread convert article.txt -o article.pdf

    Exit codes: 0 ok, 1 a check failed, 2 usage error, 3 unreadable input or error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def read_stdin_if_needed(paths: tuple[str, ...] | list[str], max_bytes: int) -> bytes | None:
    """Standard input, read once, when a path is ``-``: at most ``max_bytes + 1`` bytes, in
    bounded chunks. A longer result is refused by the reader as too large (E306); the rest of
    the stream is never read, so memory does not depend on its length."""
    if "-" not in paths:
        return None
    from easyread.inputs import read_stream

    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return read_stream(stream, max_bytes)
    text = sys.stdin.read(max_bytes + 1)  # a text-only stream (rare): characters, then bytes
    return text.encode("utf-8")[: max_bytes + 1]


@contextlib.contextmanager
def within_budget(budget: int | None) -> Iterator[None]:
    """Around reading a command's article: under a work budget
    (:func:`easyread.config.work_budget`), E306 says which limit it is and the way out."""
    from easyread.errors import InputTooLarge

    try:
        yield
    except InputTooLarge as exc:
        if budget is None:
            raise
        from easyread.config import budget_hint

        base = exc.message.removesuffix(" (raise it with --max-bytes)")
        raise InputTooLarge(f"{base} ({budget_hint(budget)})", path=exc.path) from None


def echo_error(path: str, message: str, code: str | None) -> None:
    """One error line on standard error: ``easyread: error: PATH: MESSAGE [CODE]``."""
    click.echo(f"easyread: error: {path}: {message} [{code or 'E300'}]", err=True)


def files_read(config: Config, *extra: str | None) -> list[str]:
    """Files a command reads besides its articles: config files found or given, glossaries,
    and ``extra`` (``--css``, ``--baseline``, ``--glossary``). An output may be none of them."""
    found = [src for src in config.sources if not src.startswith("easyread:")]
    found += list(config.glossary_files)
    found += [str(e) for e in extra if e]
    return found


def refuse_special_glossaries(config: Config, extra: tuple[str, ...] | list[str] = ()) -> None:
    """Glossary files (``glossary = [...]`` in the config, ``--glossary``) must be regular
    files: a FIFO is never waited on (E302)."""
    from easyread.inputs import refuse_special_file

    for path in (*config.glossary_files, *extra):
        refuse_special_file(path, what="glossary file")


def output_target(output: str | None, inputs: list[str]) -> Path | None:
    """Check ``-o`` before any work (see :func:`easyread.io.prepare_output`): ``None`` means
    standard output."""
    from easyread.io import prepare_output

    return prepare_output(output, inputs)


def emit(target: Path | None, text: str) -> None:
    """The report to its destination: standard output, or the checked file, atomically."""
    if target is None:
        click.echo(text, nl=False)
        return
    from easyread.io import write_output

    write_output(target, text)


def main() -> None:
    try:
        cli(prog_name="easyread")
    except SystemExit:
        # The command is done and its output written; the process ends now. The interpreter's
        # shutdown collections would scan every object the run made (≈ 5 ms of a cold `check`
        # on the seed): freeze them instead; the system takes the memory back at exit. (Click's
        # standalone mode always ends with SystemExit.)
        gc.freeze()
        raise

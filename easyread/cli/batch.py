"""easyread batch"""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from easyread import report as report_formats
from easyread.cli.options import config_options


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from easyread.batch import FORMATS

    chosen = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"{', '.join(bad) or 'nothing given'}; choose from {','.join(FORMATS)}")
    return chosen


class _Progress:
    """A bar with count, rate and ETA on a terminal; one quiet line per article otherwise."""

    def __init__(self, tty: bool, file: Any = None) -> None:
        self.tty = tty
        self.file = file or sys.stderr
        self.bar: Any = None
        self.started = time.monotonic()

    def __call__(self, event: Any) -> None:
        if event.kind == "start":
            if event.up_to_date:
                click.echo(f"{event.up_to_date} article(s) up to date, {event.total} to convert",
                           file=self.file)
            if self.tty and event.total:
                self.bar = click.progressbar(
                    length=event.total, label="Converting", file=self.file, show_pos=True,
                    show_eta=True, item_show_func=self._item)
                self.bar.__enter__()
            self.started = time.monotonic()
            return
        result = event.result
        if self.bar is not None:
            self.bar.update(1, result)
            if event.done == event.total:
                self.bar.__exit__(None, None, None)
                self.bar = None
            return
        status = result.status if result.status != "ok" else "ok"
        line = f"[{event.done}/{event.total}] {status} {result.path} ({result.seconds:.1f} s)"
        if result.error:
            line += f": {result.error['message']} [{result.error['code']}]"
        click.echo(line, file=self.file)

    def _item(self, result: Any) -> str:
        if result is None:
            return ""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = (self.bar.pos if self.bar else 0) / elapsed
        return f"{rate:.2f}/s {result.status} {result.path}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command()
@click.argument("in_dir", type=click.Path(file_okay=False, path_type=str), metavar="IN_DIR")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the outputs, the report and the resume manifest (created if needed).")
@click.option("--formats", default="pdf,html", show_default=True, callback=_formats,
              help="Comma-separated outputs per article: pdf, html, md, json, review (an editor's "
                   "review sheet, ARTICLE.review.html: every picture with its sentence, every "
                   "explanation and note).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs).")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only inputs whose path (relative to IN_DIR) or name matches; replaces the "
                   "default .txt/.md/.html filter. Repeatable.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files and folders whose relative path or name matches. Repeatable.")
@click.option("--resume/--force", default=True, show_default=True,
              help="Skip articles whose input, options and outputs are unchanged, or redo all.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first article that fails.")
@click.option("--report/--no-report", default=True, show_default=True,
              help="Write index.html, summary.json and summary.csv in the output folder.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a dask.distributed cluster.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Dask scheduler address (with --executor dask; without it a local cluster "
                   "of --jobs workers is started).")
@click.option("--follow-symlinks", is_flag=True,
              help="Follow symbolic links (loops and repeats are detected and skipped).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse inputs larger than this many bytes (default: the work budget, 400 kB, "
                   "rewrite_max_bytes in the config).")
@click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Time limit per article: over it, the article fails with E326 and its worker "
                   "is replaced (default 300, [batch] timeout in the config; 0: no limit).")
@config_options
def batch(in_dir: str, out_dir: str, formats: tuple[str, ...], jobs: int | None,
          include: tuple[str, ...], exclude: tuple[str, ...], resume: bool, fail_fast: bool,
          report: bool, executor: str, scheduler: str | None, follow_symlinks: bool,
          max_bytes: int | None, timeout: float | None, config_file: str | None,
          profile: str | None) -> None:
    """Convert every article in a folder (.txt, .md, .html, recursively) into easy-read PDF,
    HTML, Markdown or JSON, mirroring the folder structure, with a report (index.html,
    summary.json, summary.csv). One bad article never stops the batch; a re-run resumes.

    \b
    Exit codes: 0 all converted, 1 some articles failed, 2 usage error,
    3 nothing could run (bad folders, another batch holds the lock),
    4 the journal, manifest or report could not be written (disk full?),
    130 interrupted (Ctrl-C), 143 stopped by SIGTERM.

    \b
    Examples:
      easyread batch articles/ -o out/
      easyread batch articles/ -o out/ --formats html,md --profile plain --jobs 2
      easyread batch /shared/in -o /shared/out --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from easyread.batch import BatchOptions, Terminated, run_batch, stop_exit_code

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    options = BatchOptions(
        formats=formats, profile=profile or "easy-read", jobs=jobs, include=include, exclude=exclude,
        force=not resume, fail_fast=fail_fast, report=report, executor=executor,
        scheduler=scheduler, config_file=config_file, max_bytes=max_bytes,
        follow_symlinks=follow_symlinks, timeout=timeout,
    )
    progress = _Progress(tty=sys.stderr.isatty())
    try:
        result = run_batch(in_dir, out_dir, options, progress=progress)
    except KeyboardInterrupt as exc:
        progress.close()
        signal_name = "SIGTERM" if isinstance(exc, Terminated) else "SIGINT"
        by = " by SIGTERM" if signal_name == "SIGTERM" else ""
        click.echo(f"easyread: interrupted{by} before any article was converted", err=True)
        raise SystemExit(stop_exit_code(signal_name)) from None
    finally:
        progress.close()
    _state_errors(result)
    click.echo(report_formats.get("batch", "lines")(result))
    raise SystemExit(result.exit_code)


def _state_errors(result: Any) -> None:
    """The batch's own files that could not be written, on stderr; when a report file is
    among them, the whole report (summary.json) follows, so it is not lost."""
    from easyread.batch import REPORT_NAMES

    for e in result.state_errors:
        click.echo(f"easyread: error: {e['message']} [{e['code']}]", err=True)
    if any(e["file"] in REPORT_NAMES for e in result.state_errors):
        click.echo("easyread: the report could not be written to the output folder; "
                   "here is summary.json:", err=True)
        click.echo(report_formats.get("batch", "json")(result), err=True, nl=False)

"""easyread check"""

from __future__ import annotations

import json

import click

from easyread.cli import EasyreadCLIError, read_stdin_if_needed
from easyread.cli.options import config_options, input_options


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE|DIR|-...")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "junit", "sarif"]),
              default="text", show_default=True,
              help="text (path:line:col), json, github (workflow annotations), junit (XML), sarif (2.1.0).")
@click.option("--max-grade", type=float, default=None, help="Fail when flesch_kincaid_grade is above this.")
@click.option("--min-ease", type=float, default=None, help="Fail when flesch_reading_ease is below this.")
@click.option("--max-sentence-words", type=click.IntRange(min=1), default=None,
              help="Fail for every sentence longer than this many words (reported with line:column).")
@click.option("--threshold", "thresholds", multiple=True, metavar="'METRIC<=N'",
              help="Any metric or indicator, e.g. 'smog_index<=9' or 'passive_share<=0.1'. Repeatable.")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True), default=None,
              help="An earlier `check --format json` (or `score --format json`) report: fail only "
                   "when a file got harder than in it.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file (atomically) instead of standard output.")
@config_options
@input_options
def check(paths: tuple[str, ...], fmt: str, max_grade: float | None, min_ease: float | None,
          max_sentence_words: int | None, thresholds: tuple[str, ...], baseline: str | None,
          output: str | None, config_file: str | None, profile: str | None, encoding: str | None,
          input_format: str | None, max_bytes: int | None) -> None:
    """Check readability against thresholds, for CI. Thresholds come from the profile, from
    [tool.easyread] in the nearest pyproject.toml (or easyread.toml), from --config, and from
    flags, each overriding the one before.

    \b
    Exit codes: 0 all passed, 1 a threshold failed, 2 usage error, 3 unreadable input.

    \b
    Examples:
      easyread check README.md docs/
      easyread check article.txt --profile easy-read --format github
      easyread check docs/ --threshold 'smog_index<=10' --format junit -o readability.xml
      easyread check docs/ --baseline main-report.json
    """
    from easyread import report
    from easyread.check import baseline_values
    from easyread.config import load_config
    from easyread.io import atomic_write
    from easyread.runner import check_files

    extra = list(thresholds)
    if max_grade is not None:
        extra.append(f"flesch_kincaid_grade<={max_grade}")
    if min_ease is not None:
        extra.append(f"flesch_reading_ease>={min_ease}")
    config = load_config(config_file=config_file, profile=profile, extra_thresholds=extra,
                         overrides={"max_bytes": max_bytes, "max_sentence_words": max_sentence_words})
    base = None
    if baseline:
        try:
            with open(baseline, encoding="utf-8") as fh:
                base = baseline_values(json.load(fh))
        except (OSError, ValueError) as exc:
            raise EasyreadCLIError(f"{baseline}: cannot read the baseline report: {exc}") from None
    result = check_files(list(paths), config, baseline=base, stdin_bytes=read_stdin_if_needed(paths),
                         encoding=encoding, fmt=input_format)
    text = report.CHECK_FORMATS[fmt](result)
    if fmt != "text":
        for f in result.files:
            if f.error:
                click.echo(f"easyread: error: {f.path}: {f.error['message']} [{f.error['code']}]", err=True)
    if output:
        atomic_write(output, text)
    else:
        click.echo(text, nl=False)
    raise SystemExit(result.exit_code)

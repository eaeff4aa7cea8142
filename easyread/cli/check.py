"""easyread check"""

from __future__ import annotations

import json

import click

from easyread.cli import echo_error, emit, files_read, output_target, read_stdin_if_needed
from easyread.cli.options import OPTION_FILE, config_options, input_options, output_option
from easyread.report import names as report_names

#: A baseline report larger than this is refused (E306).
MAX_BASELINE_BYTES = 64 * 1024 * 1024


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE|DIR|-...")
@click.option("--format", "fmt", type=click.Choice(report_names("check")),
              default="text", show_default=True,
              help="text (path:line:col), json, github (workflow annotations), junit (XML), sarif (2.1.0).")
@click.option("--max-grade", type=float, default=None, help="Fail when flesch_kincaid_grade is above this.")
@click.option("--min-ease", type=float, default=None, help="Fail when flesch_reading_ease is below this.")
@click.option("--max-sentence-words", type=click.IntRange(min=1), default=None,
              help="Fail for every sentence longer than this many words (reported with line:column).")
@click.option("--threshold", "thresholds", multiple=True, metavar="'METRIC<=N'",
              help="Any metric or indicator, e.g. 'smog_index<=9', 'passive_share<=0.1' or the "
                   "calibrated level 'level.grade<=6'. Repeatable.")
@click.option("--baseline", type=OPTION_FILE, default=None,
              help="An earlier `check --format json` (or `score --format json`) report: fail only "
                   "when a file got harder than in it.")
@output_option
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
    Exit codes: 0 all passed, 1 a threshold failed, 2 usage error, 3 unreadable input, a
    folder with no articles, or a refused output. Errors go to standard error.

    \b
    Examples:
      easyread check README.md docs/
      easyread check article.txt --profile easy-read --format github
      easyread check docs/ --threshold 'smog_index<=10' --format junit -o readability.xml
      easyread check docs/ --baseline main-report.json
    """
    from easyread import report
    from easyread.check import baseline_values, check_files
    from easyread.config import load_config
    from easyread.errors import InputError
    from easyread.inputs import article_paths, read_option_file

    extra = list(thresholds)
    if max_grade is not None:
        extra.append(f"flesch_kincaid_grade<={max_grade}")
    if min_ease is not None:
        extra.append(f"flesch_reading_ease>={min_ease}")
    config = load_config(config_file=config_file, profile=profile, extra_thresholds=extra,
                         overrides={"max_bytes": max_bytes, "max_sentence_words": max_sentence_words})
    target = output_target(output, article_paths(list(paths)) + files_read(config, baseline))
    base = None
    if baseline:
        data = read_option_file(baseline, what="baseline report", max_bytes=MAX_BASELINE_BYTES)
        try:
            base = baseline_values(json.loads(data))
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(f"not a baseline report (easyread JSON): {exc}", path=baseline) from None
    result = check_files(list(paths), config, baseline=base,
                         stdin_bytes=read_stdin_if_needed(paths, config.max_bytes),
                         encoding=encoding, fmt=input_format)
    text = report.get("check", fmt)(result)
    errors = [f for f in result.files if f.error]
    for f in errors:
        assert f.error is not None
        echo_error(f.path, f.error["message"], f.error["code"])
    if fmt == "text" and errors:  # the text report keeps its summary; error lines go to stderr
        text = _without_error_lines(text, [f"{f.path}: error: {f.error['message']} [{f.error['code']}]"
                                           for f in errors if f.error])
    emit(target, text)
    raise SystemExit(result.exit_code)


def _without_error_lines(text: str, error_lines: list[str]) -> str:
    """The text report without the lines :func:`easyread.report.check_text` wrote for
    unreadable files (they are on standard error)."""
    drop = list(error_lines)
    kept = []
    for line in text.splitlines():
        if line in drop:
            drop.remove(line)
            continue
        kept.append(line)
    return "\n".join(kept) + "\n" if kept else ""


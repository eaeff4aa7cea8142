"""easyread score"""

from __future__ import annotations

import click

from easyread.cli import ExitCode, echo_error, emit, files_read, output_target, read_stdin_if_needed
from easyread.cli.options import config_options, input_options, output_option
from easyread.report import names as report_names


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE|DIR|-...")
@click.option("--format", "fmt", type=click.Choice(report_names("score")), default="table",
              show_default=True, help="Output format: a readable table, JSON (docs/wire-schema.md) or CSV (one row per file).")
@click.option("--sentences", is_flag=True, help="With the table format: list every sentence with line:column and flags.")
@click.option("--no-sentences", is_flag=True, help="With JSON: leave out the per-sentence details.")
@click.option("--indent/--compact", "indent", default=None,
              help="With JSON: indent it, or write it on one line. Default: indented unless it "
                   "lists more than 2,000 sentences (a large report is written compact: faster).")
@click.option("--whole-file", is_flag=True,
              help="Compute the formulas on the whole file as textstat would (headline and credit "
                   "line included, markup as written) instead of on the body text.")
@output_option
@config_options
@input_options
def score(paths: tuple[str, ...], fmt: str, sentences: bool, no_sentences: bool, indent: bool | None,
          whole_file: bool, output: str | None, config_file: str | None, profile: str | None,
          encoding: str | None, input_format: str | None, max_bytes: int | None) -> None:
    """Score readability: every textstat formula plus easy-read indicators (sentence length,
    hard words, passive voice, unexplained acronyms, numbers, reading time) and a calibrated
    reading level (grade and band), per file and per sentence. Folders are searched for .txt, .md and .html files (a folder with none is an
    error); `-` reads standard input. Errors go to standard error.

    Which text: the formulas equal textstat 0.7.8's on the body text (paragraphs joined by
    blank lines, each paragraph's sentences by one space), which leaves out the headline (in
    a .txt file, a first line of at most 30 words that is not a full sentence of over 12
    words), the credit line and any markup. --whole-file computes them on the whole file as
    decoded instead, exactly as textstat computes them on it. The indicators and the
    sentences always cover the body text.

    \b
    Examples:
      easyread score seeds/javid-cse-strategy-2019.txt
      easyread score articles/ --format csv > scores.csv
      cat article.md | easyread score - --input-format md --format json
    """
    from easyread import report
    from easyread.config import load_config
    from easyread.inputs import article_paths
    from easyread.score import score_files

    config = load_config(config_file=config_file, profile=profile,
                         overrides={"max_bytes": max_bytes})
    target = output_target(output, article_paths(list(paths)) + files_read(config))
    results = score_files(list(paths), config,
                          stdin_bytes=read_stdin_if_needed(paths, config.max_bytes),
                          encoding=encoding, fmt=input_format, whole_file=whole_file)
    write = report.get("score", fmt)
    if fmt == "json":
        text = write(results, sentences=not no_sentences, indent=indent) + "\n"
    elif fmt == "csv":
        text = write(results)
    else:  # the table holds scores only: errors go to standard error
        ok = [r for r in results if r.ok]
        text = write(ok, per_sentence=sentences) if ok else ""
    for r in results:
        if not r.ok:
            echo_error(r.path, r.error or "unreadable", r.error_code)
    emit(target, text)
    if any(not r.ok for r in results):
        raise SystemExit(ExitCode.ERROR)

"""easyread rewrite"""

from __future__ import annotations

import sys

import click

from easyread.cli import (
    emit,
    files_read,
    output_target,
    read_stdin_if_needed,
    refuse_special_glossaries,
    within_budget,
)
from easyread.cli.options import config_options, input_options, output_option

#: ``--format`` choices: the document formats of easyread.report.FORMATS that are text.
REWRITE_FORMATS = ["text", "md", "json"]


@click.command()
@click.argument("path", metavar="FILE|-")
@output_option
@click.option("--explain", is_flag=True,
              help="Print the edit ledger (rule, before -> after, why) to standard error, "
                   "or after the text when writing to a file.")
@click.option("--format", "fmt", type=click.Choice(REWRITE_FORMATS), default="text",
              show_default=True, help="Output: plain text, Markdown, or JSON (docs/wire-schema.md).")
@click.option("--lines", is_flag=True,
              help="Rewrite each input line on its own: exactly one output line per input line.")
@click.option("--region", default=None, metavar="CODE",
              help="Country wording for country-dependent glossary entries: auto (detect, the "
                   "default), none (always neutral), or a code from data/regions.toml (uk).")
@config_options
@input_options
def rewrite(path: str, output: str | None, explain: bool, fmt: str, lines: bool,
            region: str | None, config_file: str | None, profile: str | None,
            encoding: str | None, input_format: str | None, max_bytes: int | None) -> None:
    """Rewrite an article into plain language (default) or easy read (--profile easy-read).

    Numbers, hard words and long sentences are rewritten by explainable rules; quotations
    stay word for word. Every change is in the edit ledger (--explain).

    \b
    Examples:
      easyread rewrite seeds/javid-cse-strategy-2019.txt --profile easy-read --explain
      easyread rewrite article.md -o easy.md --format md
      easyread rewrite sources.txt --lines > outputs.txt
    """
    from easyread import report
    from easyread.config import load_config, work_budget
    from easyread.inputs import capped_text, open_input
    from easyread.pipeline import process, read_document
    from easyread.report.document import ledger, rewrite_lines

    config = load_config(config_file=config_file, profile=profile,
                         overrides={"max_bytes": max_bytes, "region": region})
    config, budget = work_budget(config, max_bytes)  # E306 over rewrite_max_bytes, before any work
    refuse_special_glossaries(config)
    target = output_target(output, [path, *files_read(config)])
    if lines:
        name = "<stdin>" if path == "-" else path
        with within_budget(budget):
            raw = sys.stdin.buffer if path == "-" else open_input(path, max_bytes=config.max_bytes)
            with capped_text(raw, config.max_bytes, name=name, encoding=encoding or "utf-8",
                             close_raw=path != "-") as stream:
                if target is not None:
                    emit(target, "".join(line + "\n" for line in rewrite_lines(stream, config)))
                else:
                    for line in rewrite_lines(stream, config):
                        click.echo(line)
        return
    with within_budget(budget):
        doc = read_document(path, config, fmt=input_format, encoding=encoding,
                            stdin_bytes=read_stdin_if_needed([path], config.max_bytes))
    doc = process(doc, config)
    text = report.get("document", fmt)(doc)
    if target is not None:
        emit(target, text + ("\n" + ledger(doc) if explain and fmt != "json" else ""))
    else:
        click.echo(text, nl=False)
        if explain:
            click.echo(ledger(doc), nl=False, err=True)

"""easyread terms"""

from __future__ import annotations

import json

import click

from easyread.cli import (
    emit,
    files_read,
    output_target,
    read_stdin_if_needed,
    refuse_special_glossaries,
)
from easyread.cli.options import OPTION_FILE, config_options, input_options, output_option


@click.command()
@click.argument("path", metavar="FILE|-")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format: readable text, or JSON (one object per term).")
@click.option("--glossary", "glossaries", multiple=True, type=OPTION_FILE,
              metavar="FILE.toml",
              help="An extra glossary ([[entry]] term, aliases, explanation); wins over built-in "
                   "entries. Repeat for several files.")
@click.option("--region", default=None, metavar="CODE",
              help="Country wording for country-dependent entries: auto (default), none, or a "
                   "code from data/regions.toml (uk).")
@click.option("--template", is_flag=True,
              help="Write a glossary TOML skeleton for the terms that need a human explanation: "
                   "fill it in and pass it back with --glossary.")
@output_option
@config_options
@input_options
def terms(path: str, fmt: str, glossaries: tuple[str, ...], region: str | None, template: bool,
          output: str | None,
          config_file: str | None, profile: str | None, encoding: str | None,
          input_format: str | None, max_bytes: int | None) -> None:
    """List the hard words, acronyms and organisations an article uses, with the explanation
    easyread would give each and where it comes from: built-in, user (--glossary or
    `glossary = [...]` in the config), learned from the text, or missing (needs a human).

    \b
    Examples:
      easyread terms seeds/javid-cse-strategy-2019.txt
      easyread terms article.txt --glossary house-terms.toml --format json -o terms.json
      easyread terms article.txt --template -o missing.toml   # then: --glossary missing.toml
    """
    from easyread.config import load_config
    from easyread.terms import format_terms_text, term_rows, terms_for_file

    config = load_config(config_file=config_file, profile=profile,
                         overrides={"max_bytes": max_bytes, "region": region})
    refuse_special_glossaries(config, glossaries)
    target = output_target(output, [path, *files_read(config, *glossaries)])
    stdin_bytes = read_stdin_if_needed([path], config.max_bytes)
    if template:
        from easyread.glossary_template import glossary_template
        from easyread.pipeline import read_document
        from easyread.terms import detect_terms

        doc = read_document(path, config, fmt=input_format, encoding=encoding, stdin_bytes=stdin_bytes)
        found_terms = detect_terms(doc, config, extra_glossaries=glossaries)
        emit(target, glossary_template(found_terms, doc, source=path))
        return
    found = terms_for_file(path, config, glossaries=glossaries, fmt=input_format, encoding=encoding,
                           stdin_bytes=stdin_bytes)
    if fmt == "json":
        text = json.dumps({"path": path, "terms": term_rows(found)}, ensure_ascii=False, indent=2) + "\n"
    else:
        text = format_terms_text(found)
    emit(target, text)

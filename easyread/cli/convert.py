"""easyread convert"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from easyread.cli import (
    files_read,
    output_target,
    read_stdin_if_needed,
    refuse_special_glossaries,
    within_budget,
)
from easyread.cli.options import OPTION_FILE, OUTPUT_FILE, config_options, input_options

if TYPE_CHECKING:
    from easyread.config import Config
    from easyread.document import Document


@click.command()
@click.argument("path", metavar="FILE|-")
@click.option("-o", "--output", required=True, type=OUTPUT_FILE, metavar="FILE",
              help="The file to write: OUT.pdf (tagged PDF/UA-1) or OUT.html (one self-contained "
                   "page), atomically. A symbolic link is followed (its target is replaced, the "
                   "link kept). Refused: a folder, device, FIFO or socket (E601) and any input "
                   "file, such as the article itself (E602).")
@click.option("--css", "css_file", type=OPTION_FILE, default=None,
              metavar="EXTRA.css", help="A stylesheet applied after easyread's own. It cannot fetch "
                                        "files or URLs: only easyread's fonts and pictures load.")
@click.option("--no-rewrite", is_flag=True,
              help="Render the article as read, without the rewrite stages.")
@click.option("--review", is_flag=True,
              help="Also write OUT.review.html (every picture with its sentence, every explanation, "
                   "every dropped aside and note) and OUT.decisions.toml, for an editor to approve "
                   "or change before publishing.")
@click.option("--decisions", "decisions_file", type=OPTION_FILE, default=None, metavar="FILE.toml",
              help="An editor's decisions (from --review): keep, remove or replace a picture per "
                   "sentence and an explanation per term.")
@click.option("--title", "title", default=None, metavar="TEXT",
              help="The page's title (cover heading, <title>, PDF title). Default: the text's own "
                   "title (a headline line, a Markdown '#', an HTML <h1> or <title>); a text with "
                   "none gets the profile's neutral heading (\"An easy read article\"), never its "
                   "file name.")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Check the PDF after rendering (tags, language, title, alt text, fonts, sizes). "
                   "Missing lang, title or alt text is always refused before rendering.")
@config_options
@input_options
def convert(path: str, output: str, css_file: str | None, no_rewrite: bool, review: bool,
            decisions_file: str | None, title: str | None, check: bool, config_file: str | None, profile: str | None,
            encoding: str | None, input_format: str | None, max_bytes: int | None) -> None:
    """Turn an article into an easy-read PDF or HTML page (default profile: easy-read).

    Easy read puts one sentence per row, a picture on the left and the words on the right,
    with the hard words explained in a box at the end. --profile plain gives a single-column
    plain-language article; --profile large-print gives easy-read text at 18 pt without
    pictures. The output file is written atomically: on any error nothing is left behind.

    \b
    Exit codes: 0 written, 3 unreadable input, a failed accessibility check, a refused output
    (a folder, device or FIFO; the input itself) or another error.

    \b
    Examples:
      easyread convert seeds/javid-cse-strategy-2019.txt -o easy.pdf
      easyread convert article.md -o article.html --profile plain
      easyread convert notes.txt -o notes.pdf --title "Kate Bush asks fans to put phones away"
      cat article.txt | easyread convert - -o big.pdf --profile large-print
      easyread convert article.txt -o easy.pdf --review      # then edit easy.decisions.toml
      easyread convert article.txt -o easy.pdf --decisions easy.decisions.toml
    """
    from easyread.config import load_config, work_budget
    from easyread.errors import OutputError
    from easyread.pipeline import process, read_document
    from easyread.render import WARNING_CHECKS, convert_to_file

    overrides: dict[str, object] = {"max_bytes": max_bytes}
    if decisions_file:
        overrides["review"] = {"decisions": decisions_file}
    config = load_config(config_file=config_file, profile=profile or "easy-read", overrides=overrides)
    config, budget = work_budget(config, max_bytes)  # E306 over rewrite_max_bytes, before any work
    refuse_special_glossaries(config)
    if output == "-":
        raise OutputError("convert writes a file: give -o a name ending in .pdf or .html", path=output)
    inputs = [path, *files_read(config, css_file), *([decisions_file] if decisions_file else [])]
    target = output_target(output, inputs)
    if target is not None and target.suffix.lower() != Path(output).suffix.lower():
        raise OutputError(f"is a symbolic link to {target}, whose name does not end in "
                          f"{Path(output).suffix or 'a .pdf or .html suffix'}; give that name with -o",
                          path=output)
    css = _read_css(css_file) if css_file else None
    with within_budget(budget):
        doc = read_document(path, config, fmt=input_format, encoding=encoding,
                            stdin_bytes=read_stdin_if_needed([path], config.max_bytes))
    if title is not None:
        if not title.strip():
            raise click.BadParameter("give a title with some words in it", param_hint="--title")
        doc.set_title(title)
    if Path(output).suffix.lower() == ".pdf":
        from easyread.render import refuse_before_rewrite

        refuse_before_rewrite(doc, config.profile, config=config)  # E401 far over the page limit
    if not no_rewrite:
        doc = process(doc, config)
    decisions = _apply_decisions(doc, config)
    report = convert_to_file(doc, target if target is not None else output, config.profile, css,
                             check=check, config=config)
    for result in report:
        if not result.ok and result.check in WARNING_CHECKS:
            click.echo(f"easyread: warning: {result.check}: {result.message}", err=True)
    passed = sum(1 for r in report if r.ok)
    summary = f" ({passed} of {len(report)} checks passed)" if report else ""
    click.echo(f"easyread: wrote {output}{summary}", err=True)
    if review:
        for written in _write_review(doc, config, output, decisions):
            click.echo(f"easyread: wrote {written}", err=True)


def _apply_decisions(doc: Document, config: Config) -> Any:
    """The editor's explanation decisions change the document (through its ledger) before it
    is rendered; the picture decisions are applied by the renderer (``[review] decisions``)."""
    from easyread.render import settings_for
    from easyread.render.review import apply_explanation_decisions

    decisions = settings_for(config.profile, config).decisions
    if decisions is not None:
        for line in apply_explanation_decisions(doc, decisions):
            click.echo(f"easyread: decision: {line}", err=True)
    return decisions


def _write_review(doc: Document, config: Config, output: str, decisions: Any) -> list[str]:
    """OUT.review.html and OUT.decisions.toml beside the output, written atomically."""
    from easyread.io import atomic_write
    from easyread.render.html import picture_plan
    from easyread.render.review import decisions_toml, review_sheet

    plan = picture_plan(doc, decisions)
    stem = Path(output).with_suffix("")
    sheet, toml = f"{stem}.review.html", f"{stem}.decisions.toml"
    atomic_write(sheet, review_sheet(doc, plan))
    atomic_write(toml, decisions_toml(doc, plan, decisions))
    return [sheet, toml]


def _read_css(path: str) -> str:
    """``--css``: a regular file only (E302; a FIFO is never waited on), at most 1 MB, UTF-8."""
    from easyread.errors import RenderError
    from easyread.inputs import read_option_file
    from easyread.render import MAX_CSS_BYTES

    data = read_option_file(path, what="stylesheet", max_bytes=MAX_CSS_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RenderError(f"the stylesheet is not UTF-8 (byte {exc.start})", path=path) from None

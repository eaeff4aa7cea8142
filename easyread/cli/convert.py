"""easyread convert"""

from __future__ import annotations

import click

from easyread.cli import read_stdin_if_needed
from easyread.cli.options import config_options, input_options


@click.command()
@click.argument("path", metavar="FILE|-")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write: OUT.pdf (tagged PDF/UA-1) or OUT.html (one self-contained page).")
@click.option("--css", "css_file", type=click.Path(dir_okay=False, exists=True), default=None,
              metavar="EXTRA.css", help="A stylesheet applied after easyread's own. It cannot fetch "
                                        "files or URLs: only easyread's fonts and pictures load.")
@click.option("--no-rewrite", is_flag=True,
              help="Render the article as read, without the rewrite stages.")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Check the PDF after rendering (tags, language, title, alt text, fonts, sizes). "
                   "Missing lang, title or alt text is always refused before rendering.")
@config_options
@input_options
def convert(path: str, output: str, css_file: str | None, no_rewrite: bool, check: bool,
            config_file: str | None, profile: str | None, encoding: str | None,
            input_format: str | None, max_bytes: int | None) -> None:
    """Turn an article into an easy-read PDF or HTML page (default profile: easy-read).

    Easy read puts one sentence per row, a picture on the left and the words on the right,
    with the hard words explained in a box at the end. --profile plain gives a single-column
    plain-language article; --profile large-print gives easy-read text at 18 pt without
    pictures. The output file is written atomically: on any error nothing is left behind.

    \b
    Exit codes: 0 written, 3 unreadable input, a failed accessibility check or another error.

    \b
    Examples:
      easyread convert seeds/javid-cse-strategy-2019.txt -o easy.pdf
      easyread convert article.md -o article.html --profile plain
      cat article.txt | easyread convert - -o big.pdf --profile large-print
    """
    from easyread.config import load_config
    from easyread.pipeline import process, read_document
    from easyread.render import WARNING_CHECKS, convert_to_file, read_css

    config = load_config(config_file=config_file, profile=profile or "easy-read",
                         overrides={"max_bytes": max_bytes})
    doc = read_document(path, config, fmt=input_format, encoding=encoding,
                        stdin_bytes=read_stdin_if_needed([path]))
    if not no_rewrite:
        doc = process(doc, config)
    css = read_css(css_file) if css_file else None
    report = convert_to_file(doc, output, config.profile, css, check=check, config=config)
    for result in report:
        if not result.ok and result.check in WARNING_CHECKS:
            click.echo(f"easyread: warning: {result.check}: {result.message}", err=True)
    passed = sum(1 for r in report if r.ok)
    summary = f" ({passed} of {len(report)} checks passed)" if report else ""
    click.echo(f"easyread: wrote {output}{summary}", err=True)

"""easyread suggest"""

from __future__ import annotations

import json

import click

from easyread.cli import emit, output_target, read_stdin_if_needed
from easyread.cli.options import output_option


@click.command()
@click.argument("sentence", required=False)
@click.argument("word", required=False)
@click.option("--tsv", "tsv", type=click.Path(allow_dash=True, readable=False), metavar="FILE|-",
              help="Read 'sentence<TAB>word' lines; write 'sentence<TAB>word<TAB>sub1<TAB>sub2…' "
                   "(the TSAR-2022 submission format).")
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True,
              help="At most this many substitutes per word (10 for --tsv unless given).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format for one word: readable text, or JSON.")
@output_option
def suggest(sentence: str | None, word: str | None, tsv: str | None, limit: int, fmt: str,
            output: str | None) -> None:
    """Plainer words for WORD as it is used in SENTENCE, best first, each with its source
    (wordnet, lexicon) and a confidence; says so when no plainer word fits.

    \b
    Examples:
      easyread suggest "The doctor pressed on his abdomen." abdomen
      easyread suggest --tsv items.tsv -o predictions.tsv
    """
    from easyread.suggest import format_result, result_dict, suggest_tsv
    from easyread.suggest import suggest as run

    if tsv is not None:
        if sentence is not None:
            raise click.UsageError("give either --tsv FILE or SENTENCE WORD, not both")
        from easyread.inputs import read_option_file

        target = output_target(output, [tsv])
        max_bytes = 64 * 1024 * 1024
        raw = read_stdin_if_needed([tsv], max_bytes) if tsv == "-" else read_option_file(
            tsv, what="TSV file", max_bytes=max_bytes)
        assert raw is not None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            from easyread.errors import EncodingProblem

            raise EncodingProblem("the TSV file is not UTF-8", path=tsv) from None
        given = click.get_current_context().get_parameter_source("limit")
        emit(target, suggest_tsv(text, limit=limit if given == click.core.ParameterSource.COMMANDLINE
                                 else 10, name=tsv))
        return
    if sentence is None or word is None:
        raise click.UsageError("give SENTENCE and WORD, or --tsv FILE")
    target = output_target(output, [])
    result = run(sentence, word, limit=limit)
    if fmt == "json":
        emit(target, json.dumps(result_dict(result), ensure_ascii=False, indent=2) + "\n")
    else:
        emit(target, format_result(result))

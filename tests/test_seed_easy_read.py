"""The project's own easy-read check passes the project's own easy-read rewrite of the seed.

The same path a user takes: ``easyread rewrite --profile easy-read SEED -o OUT`` and then
``easyread check --profile easy-read OUT`` (issue 9: the check agrees with the rewrite).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from easyread.cli import cli

SEED = Path(__file__).resolve().parents[1] / "seeds" / "javid-cse-strategy-2019.txt"


def test_seed_easy_read_output_passes_the_easy_read_check(tmp_path: Path) -> None:
    out = tmp_path / "seed-easy-read.txt"
    runner = CliRunner()
    rewrite = runner.invoke(cli, ["rewrite", "--profile", "easy-read", str(SEED), "-o", str(out)])
    assert rewrite.exit_code == 0, rewrite.output
    check = runner.invoke(cli, ["check", "--profile", "easy-read", str(out)])
    assert check.exit_code == 0, check.output
    assert "PASS" in check.output
    # the quotations kept word for word are reported, not failed
    assert "quoted_sentence_words" in check.output

"""easyread suggest (text, JSON, TSAR TSV)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from easyread.cli import cli


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_suggest_text_and_json() -> None:
    code, out, _ = run("suggest", "The doctor pressed on her abdomen.", "abdomen")
    assert code == 0 and "stomach" in out and "lexicon+wordnet" in out
    code, out, _ = run("suggest", "She went home.", "home")
    assert code == 0 and "nothing to suggest" in out
    code, out, _ = run("suggest", "The abdomens were long.", "abdomens", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["lemma"] == "abdomen"
    assert {"text", "source", "confidence", "sense"} <= set(data["suggestions"][0])


def test_suggest_tsv_file_and_stdin(tmp_path: Path) -> None:
    items = tmp_path / "items.tsv"
    items.write_text("The doctor pressed on her abdomen.\tabdomen\nShe went home.\thome\n", "utf-8")
    out_file = tmp_path / "pred.tsv"
    code, _, _ = run("suggest", "--tsv", str(items), "-o", str(out_file))
    lines = out_file.read_text("utf-8").splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith("The doctor pressed on her abdomen.\tabdomen\t")
    assert lines[1] == "She went home.\thome"
    code, out, _ = run("suggest", "--tsv", "-", input="She went home.\thome\n")
    assert code == 0 and out == "She went home.\thome\n"


def test_suggest_bad_tsv_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab on this line\n", "utf-8")
    code, out, err = run("suggest", "--tsv", str(bad))
    assert code == 3 and out == "" and "E300" in err and "line 1" in err
    code, _, err = run("suggest", "only a sentence")
    assert code == 2

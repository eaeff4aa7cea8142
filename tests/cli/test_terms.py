"""easyread terms --template (a glossary skeleton that round-trips) and --region."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from easyread.cli import cli


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_terms_template_round_trip(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\nThe suppressive regime used ritualised violence.\n", "utf-8")
    skeleton = tmp_path / "missing.toml"
    code, _, _ = run("terms", str(article), "--template", "-o", str(skeleton))
    text = skeleton.read_text("utf-8")
    assert code == 0 and 'term = "suppressive"' in text and 'explanation = ""' in text
    # unfilled: refused with a clear error
    code, _, err = run("terms", str(article), "--glossary", str(skeleton))
    assert code == 3 and "E200" in err
    filled = text.replace('term = "suppressive"\naliases = []\nexplanation = ""',
                          'term = "suppressive"\naliases = []\n'
                          'explanation = "Suppressive means it stops people from doing things."')
    filled = filled.replace('explanation = ""', 'explanation = "Ritualised means done as a fixed ritual."')
    skeleton.write_text(filled, "utf-8")
    code, out, _ = run("terms", str(article), "--glossary", str(skeleton))
    assert code == 0 and "0 need a human explanation" in out


def test_terms_region(tmp_path: Path) -> None:
    article = tmp_path / "m.txt"
    article.write_text("Title\nThe minister said so on Monday.\n", "utf-8")
    _, neutral, _ = run("terms", str(article))
    _, uk, _ = run("terms", str(article), "--region", "uk")
    assert "member of the government" in neutral and "MP or lord" in uk
    code, _, err = run("terms", str(article), "--region", "xx")
    assert code == 3 and "E100" in err

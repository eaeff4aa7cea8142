"""`easyread score` in-process: formats, exit codes, bad inputs, offline."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clitools import _no_project_config, run  # noqa: F401  (the fixture applies to every test here)

ROOT = Path(__file__).resolve().parents[2]


def test_score_table(seed_path: Path) -> None:
    code, out, _ = run("score", str(seed_path))
    assert code == 0
    assert "flesch_kincaid_grade" in out and "words_per_sentence_max" in out


def test_score_json_schema(seed_path: Path) -> None:
    code, out, _ = run("score", str(seed_path), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "easyread.score" and data["schema_version"] == "1.2"
    f = data["files"][0]
    assert f["status"] == "ok" and "flesch_reading_ease" in f["metrics"]
    assert f["sentences"][0]["line"] == 2 and f["sentences"][0]["column"] == 1


def test_score_csv_many_files(seed_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "b.md"
    other.write_text("# Hello\n\nThe cat sat on the mat.\n", "utf-8")
    code, out, _ = run("score", str(seed_path), str(other), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2 and rows[1]["status"] == "ok"


def test_score_stdin() -> None:
    code, out, _ = run("score", "-", "--format", "json", input=b"Title\nThe cat sat on the mat.")
    assert code == 0 and json.loads(out)["files"][0]["path"] == "<stdin>"


@pytest.mark.parametrize(
    ("name", "content", "code_text"),
    [("empty.txt", b"", "E307"), ("bin.txt", b"\x00\x01\x02\x03", "E304"),
     ("mixed.txt", "caf\u00e9 ".encode() + b"\xe9t\xe9", "E305")],
)
def test_bad_input_one_line_exit_3(tmp_path: Path, seed_path: Path, name: str, content: bytes, code_text: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run("score", str(bad), str(seed_path), "--format", "json")
    assert code == 3
    data = json.loads(out)
    assert [f["status"] for f in data["files"]] == ["error", "ok"]
    assert code_text in err and str(bad) in err and "Traceback" not in err


def test_missing_path_and_directory_of_bad_files(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path / "missing.txt"))
    assert code == 3 and "no such file" in err and "E301" in err  # errors go to stderr
    assert "no such file" not in out
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Title\nThe cat sat on the mat.", "utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x00")
    code, out, err = run("check", str(folder))
    assert code == 3 and "bad.txt" in err and "E304" in err
    assert "bad.txt" not in out and "1 unreadable" in out  # the summary stays in the report


def test_offline_subprocess(offline_env: dict[str, str], seed_path: Path) -> None:
    """Scoring with empty NLTK_DATA and HOME: nothing is downloaded or needed."""
    env = dict(offline_env, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "easyread", "score", str(seed_path), "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["metrics"]["flesch_kincaid_grade"] > 0
    assert not os.listdir(offline_env["NLTK_DATA"])

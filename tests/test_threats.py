"""Threats from ../shared/docs/baselines-and-threats.md that are not covered elsewhere.

T1–T4, T10 (render): tests/render/test_security.py; T6 (encodings): tests/test_read.py;
T9–T12 (batch): tests/batch/ and tests/cli/test_batch.py; T13 (determinism):
tests/render/test_pdf.py; T15 (NLTK regex limits): tests/test_nlp.py.
"""

from __future__ import annotations

import ast
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from easyread.config import load_config
from easyread.errors import InputTooLarge
from easyread.read import load

ROOT = Path(__file__).resolve().parents[1]


def test_t5_size_cap_reads_no_more_than_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300_000)  # 1.5 MB
    with pytest.raises(InputTooLarge):
        load(big, max_bytes=1_000_000)
    doc = load(big, max_bytes=2_000_000)
    assert doc.blocks


def test_t7_degenerate_text_does_not_pass_silently(tmp_path: Path) -> None:
    """textstat gives FRE -253,628 on "a. " repeated; a gate must not pass or fail quietly."""
    from easyread.check import check_files

    p = tmp_path / "dots.txt"
    p.write_text("Title\n" + "a. " * 2000, "utf-8")
    report = check_files([str(p)], load_config(use_project=False))
    assert report.exit_code == 1
    assert report.files[0].findings


# A repeated group whose content is one greedy repeated atom plus optional atoms: `(\w+\s?)+`
# (ambiguous, exponential); `(?:\w+\s)*` has a mandatory separator and is linear.
_ATOM = r"(?:\\[wdsSW.]|\.|\[[^\]]*\]|[^()\\\[?*+])"
_NESTED = re.compile(r"\((?:\?:)?" + _ATOM + r"[+*](?![+])(?:" + _ATOM + r"[?*])*\)[+*]")


def _regex_literals() -> list[tuple[Path, str]]:
    found = []
    for path in (ROOT / "easyread").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                "compile", "match", "search", "findall", "finditer", "sub", "fullmatch", "split"
            ) and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append((path, node.args[0].value))
    return found


def test_t8_no_nested_quantifiers_in_our_regexes() -> None:
    """A review rule: `(x+)+` style patterns backtrack exponentially (T8)."""
    assert _NESTED.search(r"^(\w+\s?)+[.!?]$")
    assert not _NESTED.search(r"^(?:\w+\s)*\w+[.!?]$")
    literals = _regex_literals()
    assert len(literals) > 10
    bad = [(str(p.relative_to(ROOT)), pattern) for p, pattern in literals if _NESTED.search(pattern)]
    assert bad == []


ADVERSARIAL = {
    "dots": "." * 200_000,
    "digits": "1,2.3 " * 40_000,
    "apostrophes": "'a' " * 50_000,
    "hyphens": "-a-" * 60_000,
    "one-word": "a" * 200_000,
    "quotes": "“a " * 50_000,
    "abbreviations": "U.K. e.g. Mr. " * 15_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_t8_adversarial_inputs_finish(tmp_path: Path, name: str) -> None:
    """A generous budget, in a subprocess: catastrophic backtracking would take hours."""
    p = tmp_path / f"{name}.txt"
    p.write_text("Title\n" + ADVERSARIAL[name], "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "easyread", "score", str(p), "--format", "json", "--no-sentences"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert proc.returncode in (0, 3), proc.stderr
    assert "Traceback" not in proc.stderr


def test_t14_no_network_at_run_time(monkeypatch: pytest.MonkeyPatch, seed_path: Path) -> None:
    """Score, rewrite and build the HTML with every socket refused."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("easyread tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from easyread.pipeline import process, read_document
    from easyread.render import render_html

    config = load_config(profile="easy-read", use_project=False)
    doc = process(read_document(seed_path, config), config)
    html = render_html(doc, profile="easy-read")
    assert "<html" in html and doc.edits

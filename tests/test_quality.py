"""ruff and mypy, configured in pyproject.toml, stay clean (skipped where not installed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_clean() -> None:
    if shutil.which("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    proc = subprocess.run(["ruff", "check", "easyread", "tests", "tools", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_clean() -> None:
    pytest.importorskip("mypy")
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_one_door_per_dependency() -> None:
    """nltk only in nlp.py, weasyprint only in render/pdf.py, click only in cli/ (ruff TID251 too)."""
    doors = {"nltk": {"nlp.py"}, "weasyprint": {"pdf.py"}, "textstat": set()}
    for path in (ROOT / "easyread").rglob("*.py"):
        text = path.read_text("utf-8")
        for lib, allowed in doors.items():
            if f"import {lib}" in text or f"from {lib}" in text:
                assert path.name in allowed, f"{path} imports {lib}"
        if "import click" in text:
            assert "cli" in path.parts, f"{path} imports click"

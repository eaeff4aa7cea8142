"""Shared fixtures: paths to the seed and to the shared reference data (skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"reference data not found at {SHARED_DATA} (see ../shared/data/README.md)")
    return SHARED_DATA


@pytest.fixture
def offline_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment with empty NLTK_DATA and HOME, so nothing can come from a download."""
    import os

    empty_nltk = tmp_path / "nltk_data"
    empty_home = tmp_path / "home"
    empty_nltk.mkdir()
    empty_home.mkdir()
    env = dict(os.environ, NLTK_DATA=str(empty_nltk), HOME=str(empty_home))
    return env


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="Rewrite the expected output and edits of tests/golden/cases/*.txt (review the diff).",
    )

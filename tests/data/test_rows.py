"""The rewrite stages' row classes (``easyread.data.rows``): built only when a reader needs
them, still importable from ``easyread.data``, frozen."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from easyread.data import rows

ROOT = Path(__file__).resolve().parents[2]


def test_rows_are_importable_from_easyread_data_and_frozen() -> None:
    import easyread.data as data

    assert data.GlossaryRow is rows.GlossaryRow
    assert data.LexiconForm is rows.LexiconForm and data.PlainWord is rows.PlainWord
    form = rows.LexiconForm("commence", "commence", 3.1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.hard = "start"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        _ = data.NoSuchRow  # type: ignore[attr-defined]


def test_the_readers_build_them() -> None:
    from easyread.data import lexicon_forms, lexicon_plains

    _, table = lexicon_forms()
    assert isinstance(table["commenced", "VERB"], rows.LexiconForm)
    assert all(isinstance(word, rows.PlainWord) for word in lexicon_plains().values())


def test_check_and_score_do_not_load_them() -> None:
    code = ("import sys, easyread.check, easyread.score, easyread.cli.check, easyread.cli.score\n"
            "print('easyread.data.rows' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"

"""The contracts in easyread/errors.py: coded errors, exit codes and the note registry, each
compared both ways with docs/cli.md and with the codes the package actually records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from easyread import errors
from easyread.errors import NOTES, EasyreadError, ExitCode, InputNotFound, OutputError

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text("utf-8")
PACKAGE = ROOT / "easyread"


def _section(title: str) -> str:
    start = CLI_DOC.index(f"## {title}\n")
    end = CLI_DOC.find("\n## ", start + 1)
    return CLI_DOC[start : end if end != -1 else None]


def _table_rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] not in ("code", "---"):
            rows.append(cells)
    return rows


def test_error_str_names_path_message_and_code() -> None:
    exc = InputNotFound("no such file", path="a.txt")
    assert str(exc) == "a.txt: no such file [E301]"
    assert isinstance(exc, EasyreadError) and exc.code == "E301"
    assert str(OutputError("disk full")) == "disk full [E600]"


def test_every_error_class_has_its_own_code() -> None:
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, EasyreadError)]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), sorted(codes)
    assert all(re.fullmatch(r"E\d{3}", code) for code in codes)


def test_exit_codes_table_is_the_enum() -> None:
    documented = {int(row[0]): row[1].strip("`") for row in _table_rows(_section("Exit codes"))}
    assert documented == {code.value: code.name for code in ExitCode}


def test_exit_code_is_one_enum_for_library_and_cli() -> None:
    from easyread.cli import ExitCode as CliExitCode

    assert CliExitCode is ExitCode
    assert ExitCode.INTERRUPTED == 130 and ExitCode.ERROR == 3


def test_note_table_is_the_registry() -> None:
    documented = {row[0]: row[1].replace("`", "") for row in _table_rows(_section("Warning and note codes"))}
    assert documented == NOTES


def _codes_in_package() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        found.update(re.findall(r"""["']([WN]\d{3})["']""", path.read_text("utf-8")))
    return found


def test_every_recorded_code_is_registered_and_every_registered_code_is_used() -> None:
    used = _codes_in_package()
    assert used, "no note code found in the package: the scan is broken"
    assert used - NOTES.keys() == set(), "codes recorded but not in errors.NOTES"
    assert NOTES.keys() - used == set(), "codes in errors.NOTES that nothing records"


@pytest.mark.parametrize("code", sorted(NOTES))
def test_note_codes_are_well_formed(code: str) -> None:
    assert re.fullmatch(r"W\d{3}", code) and NOTES[code]

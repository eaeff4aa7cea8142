"""`easyread check` in-process: exit codes, CI formats (GitHub, JUnit, SARIF), baselines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from clitools import _no_project_config, run  # noqa: F401  (the fixture applies to every test here)


def test_check_exit_codes(seed_path: Path, tmp_path: Path) -> None:
    easy = tmp_path / "easy.txt"
    easy.write_text("Title\nThe cat sat on the mat. It was a good day.", "utf-8")
    assert run("check", str(easy))[0] == 0
    assert run("check", str(seed_path))[0] == 1
    assert run("check", str(seed_path), "--max-grade", "20", "--max-sentence-words", "40",
               "--threshold", "words_per_sentence_mean<=30")[0] == 0
    assert run("check", str(seed_path), "--threshold", "nonsense")[0] == 3
    assert run("check", str(seed_path), "--format", "nope")[0] == 2


def test_check_github_annotations(seed_path: Path) -> None:
    code, out, _ = run("check", str(seed_path), "--format", "github")
    assert code == 1
    lines = out.strip().splitlines()
    assert lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert any(",line=11,col=1," in line for line in lines)


def test_check_junit(seed_path: Path) -> None:
    code, out, _ = run("check", str(seed_path), "--format", "junit")
    root = ET.fromstring(out)
    assert code == 1 and root.tag == "testsuites"
    assert int(root.attrib["failures"]) >= 1
    assert root.find("testsuite/testcase/failure") is not None


def test_check_sarif_validates(seed_path: Path, shared_data: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = run("check", str(seed_path), "--format", "sarif")
    schema = json.loads((shared_data / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(out))
    assert code == 1 and json.loads(out)["runs"][0]["results"]


def test_check_json_and_baseline(seed_path: Path, tmp_path: Path) -> None:
    code, out, _ = run("check", str(seed_path), "--format", "json", "-o", str(tmp_path / "base.json"))
    assert code == 1 and out == ""
    data = json.loads((tmp_path / "base.json").read_text("utf-8"))
    assert data["schema"] == "easyread.check" and data["files"][0]["status"] == "fail"
    code, out, _ = run("check", str(seed_path), "--baseline", str(tmp_path / "base.json"))
    assert code == 0, out


def test_pyproject_thresholds(tmp_path: Path, seed_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.easyread]\nprofile = "easy-read"\n', "utf-8")
    code, out, _ = run("check", str(seed_path))
    assert code == 1 and "profile easy-read" in out


def test_main_freezes_the_collector_only_as_the_process_ends(seed_path: Path, tmp_path: Path) -> None:
    """``easyread.cli.main`` freezes the garbage collector's objects when the command ends (the
    shutdown collections then skip them): the exit code and report are unchanged, and nothing
    is frozen while the command runs."""
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "import easyread.check as check\n"
        "run = check.check_files\n"
        "def spy(*args, **kwargs):\n"
        "    print('frozen while running:', gc.get_freeze_count(), file=sys.stderr)\n"
        "    return run(*args, **kwargs)\n"
        "check.check_files = spy\n"
        "from easyread.cli import main\n"
        "sys.argv = ['easyread', 'check', sys.argv[1], '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print('frozen at exit:', gc.get_freeze_count() > 1000, exc.code, file=sys.stderr)\n"
        "    raise\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(seed_path)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "frozen while running: 0" in proc.stderr and "frozen at exit: True 1" in proc.stderr
    assert run("check", str(seed_path), "--format", "json")[1] == proc.stdout

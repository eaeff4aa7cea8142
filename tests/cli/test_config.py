"""easyread config show: the merged configuration and every data file's version, as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from easyread.cli import ExitCode, cli
from easyread.config import load_config
from easyread.data import manifest


def show(*args: str) -> tuple[int, dict[str, object], str]:
    result = CliRunner().invoke(cli, ["config", "show", *args])
    data = json.loads(result.stdout) if result.exit_code == 0 else {}
    return result.exit_code, data, result.stderr


def test_show_prints_the_merged_config_and_data_versions() -> None:
    code, data, _ = show()
    config = load_config()
    assert code == ExitCode.OK
    assert data["profile"] == config.profile
    assert data["pipeline"] == list(config.pipeline)
    assert data["max_sentence_words"] == config.max_sentence_words
    assert data["thresholds"] == [str(t) for t in config.thresholds]
    versions = data["data"]
    assert isinstance(versions, dict) and versions
    assert versions == {name: entry.get("version") for name, entry in manifest()["files"].items()}


def test_profile_changes_the_thresholds() -> None:
    _, plain, _ = show("--profile", "plain")
    code, easy, _ = show("--profile", "easy-read")
    assert code == ExitCode.OK and easy["profile"] == "easy-read"
    assert easy["thresholds"] != plain["thresholds"]
    assert easy["max_sentence_words"] == load_config(profile="easy-read").max_sentence_words


def test_config_file_is_a_source(tmp_path: Path) -> None:
    path = tmp_path / "easyread.toml"
    path.write_text('profile = "easy-read"\n', "utf-8")
    code, data, _ = show("--config", str(path))
    assert code == ExitCode.OK and data["profile"] == "easy-read"
    assert str(path) in data["sources"]


def test_bad_profile_and_missing_config_are_coded_errors(tmp_path: Path) -> None:
    code, _, err = show("--profile", "nonsense")
    assert code == ExitCode.ERROR and "[E102]" in err
    code, _, err = show("--config", str(tmp_path / "missing.toml"))
    assert code == ExitCode.ERROR and "[E" in err

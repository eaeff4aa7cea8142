"""Config: defaults, project files, profiles, threshold parsing, rule addressing."""

from __future__ import annotations

from pathlib import Path

import pytest

from easyread.config import load_config, parse_threshold
from easyread.errors import ProfileError, ThresholdError


@pytest.mark.parametrize(
    ("text", "metric", "op", "value"),
    [("smog_index<=9", "smog_index", "<=", 9.0), (" flesch_reading_ease >= 60.5 ", "flesch_reading_ease", ">=", 60.5),
     ("passive_share<0.1", "passive_share", "<", 0.1)],
)
def test_parse_threshold(text: str, metric: str, op: str, value: float) -> None:
    t = parse_threshold(text)
    assert (t.metric, t.op, t.value) == (metric, op, value)


@pytest.mark.parametrize("bad", ["smog_index", "<= 9", "__import__('os')", "smog_index <= nine", "a<=1;b"])
def test_bad_thresholds(bad: str) -> None:
    with pytest.raises(ThresholdError):
        parse_threshold(bad)


def test_profiles() -> None:
    plain = load_config(profile="plain", use_project=False)
    easy = load_config(profile="easy-read", use_project=False)
    assert plain.max_sentence_words == 25
    assert easy.max_sentence_words == 15
    assert "flesch_kincaid_grade <= 9" in [str(t) for t in plain.thresholds]
    with pytest.raises(ProfileError):
        load_config(profile="nope", use_project=False)


def test_pyproject_and_easyread_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.easyread]\nprofile = "easy-read"\n[tool.easyread.check]\nsmog_index = "<= 8"\n', "utf-8")
    cfg = load_config(start=tmp_path)
    assert cfg.profile == "easy-read"
    assert "smog_index <= 8" in [str(t) for t in cfg.thresholds]
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "easyread.toml").write_text('[check]\nflesch_kincaid_grade = "<= 5"\n', "utf-8")
    cfg = load_config(start=sub)
    assert "flesch_kincaid_grade <= 5" in [str(t) for t in cfg.thresholds]


def test_flags_override_files(tmp_path: Path) -> None:
    (tmp_path / "easyread.toml").write_text('[check]\nflesch_kincaid_grade = "<= 5"\n', "utf-8")
    cfg = load_config(start=tmp_path, extra_thresholds=["flesch_kincaid_grade<=7"])
    grades = [str(t) for t in cfg.thresholds if t.metric == "flesch_kincaid_grade"]
    assert grades == ["flesch_kincaid_grade <= 7"]


def test_rule_addressing() -> None:
    cfg = load_config(use_project=False, overrides={"rules": {"split": {"enabled": False}, "split.list.v1": {"enabled": True}}})
    assert not cfg.rule_enabled("split.conjunction.v1")
    assert cfg.rule_enabled("split.list.v1")
    assert cfg.rule_enabled("words.lexicon.v1")

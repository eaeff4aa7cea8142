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


# ------------------------------------------------------------------ profile traits (issue 15)
def test_config_defaults_are_the_default_config_file() -> None:
    from easyread.config import Config

    loaded = load_config(use_project=False)
    bare = Config()
    for name in ("profile", "pipeline", "max_bytes", "min_words", "hard_word_zipf", "reading_wpm",
                 "rewrite_max_words", "rules"):
        assert getattr(bare, name) == getattr(loaded, name), name


def test_profile_traits_are_typed_and_come_from_the_default_config() -> None:
    from easyread.config import ProfileRender, easy_profiles

    config = load_config(use_project=False)
    traits = {name: config.profile_settings(name) for name in ("plain", "easy-read", "large-print")}
    assert {n for n, t in traits.items() if t.easy} == easy_profiles() == {"easy-read", "large-print"}
    assert traits["plain"].render == ProfileRender("plain.css", "article", False, 14.0, 14.0, 24,
                                                   "This is a plain language version of",
                                                   "A plain language article")
    assert traits["large-print"].render is not None and traits["large-print"].render.min_font_size_pt == 18.0
    assert load_config(profile="easy-read", use_project=False).easy and not config.easy


def test_a_profile_of_your_own_takes_its_traits_from_the_config(tmp_path: Path) -> None:
    from easyread.render import settings_for

    path = tmp_path / "easyread.toml"
    path.write_text(
        '[profiles.kids]\neasy = true\n[profiles.kids.render]\nstylesheet = "easy-read.css"\n'
        'layout = "rows"\npictures = true\nfont_size_pt = 20\nmin_font_size_pt = 12\n'
        'max_pages = 12\nversion_note = "This is a version for children of"\n'
        '[profiles.bare]\ndescription = "no page layout"\n', "utf-8")
    config = load_config(config_file=path, profile="kids", use_project=False)
    settings = settings_for("kids", config)
    assert config.easy and settings.layout == "rows" and settings.font_size_pt == 20
    assert settings.min_font_size_pt == 14.0  # never below 14 pt (EL-01), whatever the file says
    with pytest.raises(ProfileError, match="no page layout for profile 'bare'"):
        settings_for("bare", config)
    assert not config.profile_settings("bare").easy

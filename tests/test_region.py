"""easyread.region: which country an article is about, for country-dependent glossary wording."""

from __future__ import annotations

import pytest

from easyread.errors import ConfigError
from easyread.region import detect_region, region_names, resolve_region


def test_regions_come_from_the_data_file() -> None:
    assert "uk" in region_names() and list(region_names()) == sorted(region_names())


def test_clear_cues_name_the_region() -> None:
    assert detect_region("The Australian minister met officials in Canberra and Sydney.") == "au"


def test_too_few_or_mixed_cues_keep_the_neutral_wording() -> None:
    assert detect_region("The minister met officials.") is None
    assert detect_region("Canberra.") is None  # one cue is below min_cues


@pytest.mark.parametrize(("value", "expected"), [("uk", "uk"), ("UK ", "uk"), ("none", None), ("", None), ("neutral", None)])
def test_resolve_takes_the_configured_region(value: str, expected: str | None) -> None:
    assert resolve_region({"region": value}, "Canberra Sydney Canberra Sydney") == expected


def test_resolve_auto_detects_and_default_is_auto() -> None:
    text = "The Australian minister met officials in Canberra and Sydney."
    assert resolve_region({"region": "auto"}, text) == "au"
    assert resolve_region(None, text) == "au"


def test_unknown_region_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown region 'atlantis'") as info:
        resolve_region({"region": "atlantis"}, "")
    assert info.value.code == "E100"


def test_a_story_about_another_country_keeps_the_neutral_wording() -> None:
    # lexical review 10: a Japanese story that says "British" three times (after a split
    # repeated it) was told "The Prime Minister is the head of the government in the UK."
    text = ("Japan's prime minister spoke. Japanese workers and Japanese firms work long hours. "
            "In Japan, British and British visitors met British officials in Tokyo.")
    assert detect_region(text) is None
    assert detect_region("British officials in London met the UK's Home Office.") == "uk"

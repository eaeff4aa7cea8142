"""Tests for easyread.render.pictures (keyword -> OpenMoji picture)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from easyread.render.pictures import Picture, choose_picture, load_pictures, svg_path

ROOT = Path(__file__).resolve().parents[2]


def split(text: str) -> list[str]:
    return text.split()


def hexcodes(*keywords: str) -> set[str]:
    """The picture hexcodes of the given keywords (which must be in the table)."""
    pictures = load_pictures()
    return {pictures[keyword].picture for keyword in keywords}


# (sentence from seeds/javid-cse-strategy-2019.txt, keywords whose pictures are fine)
SEED_CASES = [
    (
        "Fresh plans to crack down on child sexual exploitation are to be announced after "
        "a “surge” in potential paedophiles seeking help before they offend.",
        ("child", "plan"),
    ),
    (
        "The news comes after figures showed 140,000 accounts registered on the worst child "
        "abuse sites on the dark web are from the UK, the Home Office said.",
        # (policy 2026.5) "worst ... news" is another sense of "news": no picture rather than
        # one for another word of the sentence ("" = none is right)
        ("internet", "dark web", "abuse", ""),
    ),
    (
        "The speech follows the Government providing £600,000 in funding to a helpline run "
        "by child sexual abuse charity the Lucy Faithfull Foundation.",
        # (policy 2026.5) a sentence about abuse shows only a sign, a document or a building
        ("abuse",),
    ),
    (
        "The Home Secretary will say there has been a 24% rise in the number of people "
        "phoning the helpline",
        ("phone", "helpline", "rise"),
    ),
]


def test_no_person_or_child_beside_sex_crimes_against_children() -> None:
    """Issue 11: a child (or any person, even a police officer) beside this is wrong."""
    assert choose_picture(split("Meanwhile, cyber-related sex crimes against children have doubled")) is None


def test_table_loads_with_enough_rows() -> None:
    pictures = load_pictures()
    assert len(pictures) >= 200
    for keyword, picture in pictures.items():
        assert isinstance(picture, Picture)
        assert picture.keyword == keyword == keyword.lower()
        assert picture.alt


def test_picture_is_frozen() -> None:
    picture = load_pictures()["child"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        picture.alt = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(("sentence", "allowed"), SEED_CASES)
def test_seed_sentences_get_sensible_pictures(sentence: str, allowed: tuple[str, ...]) -> None:
    picture = choose_picture(sentence.split())
    if picture is None:
        assert "" in allowed
        return
    assert picture.picture in hexcodes(*(a for a in allowed if a)), picture


def test_dark_web_phrase_is_chosen() -> None:
    picture = choose_picture(["Many", "sites", "on", "the", "dark", "web", "are", "hard", "to", "find."])
    assert picture is not None and picture.keyword == "dark web"


def test_nonsense_sentence_has_no_picture() -> None:
    assert choose_picture(["Blorp", "zibble", "quux", "frobnicated", "the", "wug."]) is None
    assert choose_picture([]) is None
    assert choose_picture(["", "...", "“", "42"]) is None


def test_stop_words_never_match() -> None:
    assert choose_picture(["It", "will", "be", "what", "it", "may", "be"]) is None


def test_lemmatising_and_case() -> None:
    pictures = load_pictures()
    assert choose_picture(["CHILDREN"]) == pictures["child"]
    assert choose_picture(["Phoning"]) == pictures["phone"]
    assert choose_picture(["Hospitals"]) == pictures["hospital"]
    # "school" has senses (picture_policy.toml [senses.school]): it needs a word of its sense
    assert choose_picture(["Primary", "schools"]) == pictures["school"]
    assert choose_picture(["figures"]) is None  # "figure" has many senses: below the line


def test_phrase_hides_the_words_inside_it() -> None:
    home_office = choose_picture(["The", "Home", "Office", "said"])
    assert home_office is not None and home_office.keyword == "home office"
    officers = choose_picture(["Police", "officers", "came"])
    assert officers is not None and officers.keyword == "police officer"


def test_most_specific_keyword_wins() -> None:
    picture = choose_picture(["Many", "people", "phoned", "the", "helpline"])
    assert picture is not None and picture.keyword == "helpline"


def test_ties_go_to_the_earliest_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    import easyread.render.pictures as pictures_module

    monkeypatch.setattr(pictures_module, "_zipf", lambda keyword: 1.0)
    first = choose_picture(["Children", "rang", "the", "helpline"])
    assert first is not None and first.keyword == "child"


def test_currency_and_percent_signs() -> None:
    pound = choose_picture(["£600,000"])
    assert pound is not None and pound.keyword == "pound"
    percent = choose_picture(["24%"])
    assert percent is not None and percent.keyword == "percent"


def test_every_row_has_an_svg() -> None:
    for picture in load_pictures().values():
        path = svg_path(picture)
        assert path.is_file(), picture
        assert path.name == f"{picture.picture}.svg"
        assert path.read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_missing_svg_raises_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="FFFFF"):
        svg_path(Picture(keyword="nothing", picture="FFFFF", alt="Nothing"))


def test_checker_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check_pictures.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout

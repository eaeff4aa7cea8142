"""The picture policy (issue 11): the bad sentence-picture pairs found in review, as golden
cases that cannot come back, plus the rules behind them (picture_policy.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from easyread.render import pictures
from easyread.render.pictures import (
    candidates,
    choose_picture,
    load_pictures,
    load_policy,
    plan_pictures,
    sentence_topics,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
POLICY = ROOT / "easyread" / "data" / "picture_policy.toml"

#: Classes that must never stand beside a sentence about abuse, death or violence.
NEVER_BESIDE_HARM = {"people", "child", "hug", "intimacy", "handshake", "heart", "gift", "emotion",
                     "leisure", "celebration", "chart", "camera"}


def split(text: str) -> list[str]:
    return text.split()


def picture_class(words: list[str], topics: tuple[str, ...] = ()) -> str | None:
    picture = choose_picture(words, topics)
    return None if picture is None else load_policy().picture_class(picture)


# (sentence quoted in issue 11, the picture it got then, the topics it is about)
BAD_PAIRS = [
    ("This suggests more paedophiles are being stopped before they prey on children.",
     "1F9D2", {"abuse"}),                                       # a smiling child
    ("Child sexual exploitation is when a child is made to do sex acts for gifts.",
     "1F9D2", {"abuse", "sexual"}),                             # a smiling child
    ("A paedophile is an adult who wants sex with children.", "1F9D1", {"abuse", "sexual"}),
    ("There has been a “surge” in potential paedophiles seeking help before they offend.",
     "1F91D", {"abuse", "crime"}),                              # a handshake
    ("Sajid Javid will say: “The Government must build on our existing work to stop all forms "
     "of child sexual abuse and support all victims and survivors.”", "1FAC2", {"abuse", "sexual"}),
    ("The gunmen opened fire on the crowd, killing 107 or more.", "1F4C8", {"death", "violence"}),
    ("Photos of the scene showed bloodied bodies in the street.", "1F4F7", {"death", "violence"}),
    ("Survivors had to swim to the shore after the boat sank, and 30 people drowned.",
     "1F3CA", {"death", "disaster"}),                           # a swimmer
]


@pytest.mark.parametrize(("sentence", "old", "topics"), BAD_PAIRS)
def test_bad_pairs_from_the_issue_do_not_come_back(sentence: str, old: str, topics: set[str]) -> None:
    words = sentence.split()
    assert sentence_topics(words) >= topics
    # The old picture still matches a keyword: the policy, not a missing keyword, stops it.
    assert old in {c.picture.picture for c in candidates(words)}
    picture = choose_picture(words)
    assert picture is None or picture.picture != old
    assert picture_class(words) not in NEVER_BESIDE_HARM


def test_science_fiction_writer_gets_no_microscope() -> None:
    words = split("Hubbard was a science fiction writer before he founded the church.")
    assert choose_picture(words) is None or choose_picture(words).picture != "1F52C"
    assert choose_picture(split("Scientists use the science lab.")).picture == "1F52C"


def test_gift_heart_is_not_used_for_charities_in_an_abuse_document() -> None:
    rows = [
        ("s1", split("Abusers use gifts to groom children.")),
        ("s2", split("Child sexual abuse is a crime.")),
        ("s3", split("The charity runs a helpline.")),
    ]
    plan = plan_pictures(rows)
    assert plan.sensitive and "abuse" in plan.document_topics
    assert all(p is None or p.picture not in ("1F49D", "1F381", "2764") for p in plan.pictures.values())
    assert plan.pictures["s3"] is not None and plan.pictures["s3"].keyword == "helpline"
    # Outside a sensitive document the charity keeps its heart.
    alone = plan_pictures([("s1", split("The charity runs a shop."))])
    assert not alone.sensitive and alone.pictures["s1"] is not None


def test_never_the_same_picture_on_consecutive_rows() -> None:
    sentences = ["A helpline is a phone number you can call.", "The helpline is run by a charity.",
                 "Calls to the helpline went up.", "People phone the helpline at night.",
                 "The helpline got more calls.", "Callers can phone the hotline."]
    plan = plan_pictures([(f"s{k}", s.split()) for k, s in enumerate(sentences)])
    shown = [plan.pictures[f"s{k}"] for k in range(len(sentences))]
    codes = [p.picture if p else None for p in shown]
    gap = load_policy().gap
    for k, code in enumerate(codes):
        if code:
            assert code not in codes[max(0, k - gap):k], codes
    assert codes.count("1F4DE") <= 2  # the issue's "same telephone four times on one page"


def test_seed_pictures_follow_the_policy() -> None:
    from easyread.pipeline import read_document
    from easyread.render.html import picture_plan

    doc = read_document(SEED)
    plan = picture_plan(doc)
    assert {"abuse", "sexual"} <= set(plan.document_topics)
    assert plan.message() and "sensitive topic" in plan.message()
    policy = load_policy()
    shown = [p for p in plan.pictures.values() if p is not None]
    assert shown, "neutral pictures still appear"
    assert all(policy.picture_class(p) in policy.neutral for p in shown)
    assert not {policy.picture_class(p) for p in shown} & NEVER_BESIDE_HARM


def test_confidence_line() -> None:
    policy = load_policy()
    weak = {c.picture.keyword: c.confidence for c in candidates(split("There were more figures"))}
    assert weak and all(v < policy.minimum for v in weak.values())
    assert choose_picture(split("There were more figures")) is None
    strong = candidates(split("The dark web"))[0]
    assert strong.picture.keyword == "dark web" and strong.confidence >= policy.minimum


def test_policy_file_covers_every_picture_and_class() -> None:
    data = tomllib.loads(POLICY.read_text("utf-8"))
    policy = load_policy()
    hexcodes = {p.picture for p in load_pictures().values()}
    assert hexcodes <= set(policy.classes), sorted(hexcodes - set(policy.classes))
    classes = set(data["classes"])
    assert set(policy.neutral) <= classes
    for name, topic in data["topics"].items():
        assert set(topic["never"]) <= classes, name
        assert not set(topic["never"]) & policy.neutral - {"professional", "nature"}, name
    for name in ("abuse", "death", "violence"):
        assert set(data["topics"][name]["never"]) >= NEVER_BESIDE_HARM, name
    assert set(data["confidence"]["keywords"]) <= set(load_pictures())


def test_rendered_page_says_the_pictures_are_neutral() -> None:
    from easyread.pipeline import read_document
    from easyread.render import render_html
    from easyread.render.html import PICTURE_NOTE

    doc = read_document(SEED)
    page = render_html(doc)
    assert 'name="easyread:pictures" content="neutral; sensitive topics: abuse sexual' in page
    assert "uses only neutral pictures" in page
    notes = [n for n in doc.notes if n.code == PICTURE_NOTE]
    assert len(notes) == 1 and "abuse" in notes[0].message
    render_html(doc)
    assert len([n for n in doc.notes if n.code == PICTURE_NOTE]) == 1  # recorded once
    assert PICTURE_NOTE in {n["code"] for n in doc.to_dict()["notes"]}  # and so in the JSON


def test_a_word_inside_a_name_is_a_loose_match() -> None:
    assert choose_picture(split("He sailed from the Cook Islands to Hawaii.")) is None
    road = choose_picture(split("As the Wall Street Journal reported, prices rose."))
    assert road is None or road.keyword != "street"
    assert choose_picture(split("They walked down the street.")).keyword == "street"
    assert choose_picture(split("The Government said this.")).keyword == "government"  # "The" is no name


# Blind picture review (docs/review-pictures.md): a negated sentence and a sentence matching two
# contradicting pictures get no picture (policy 2026.2).
@pytest.mark.parametrize("sentence", [
    "No one has fallen ill since the water was cleaned last month.",
    "There is no risk of clever rats taking over the world.",
    "The ground was unsafe for the fans.",
])
def test_negated_sentence_gets_no_picture(sentence: str) -> None:
    words = sentence.rstrip(".").split()
    assert choose_picture(words) is None
    assert "negated" in pictures._pick(words, ())[1]


def test_contradicting_pictures_are_both_withheld() -> None:
    words = ["Sales", "of", "baked", "beans", "dropped", "by", "a", "fifth", "while", "sales", "of", "pasta", "grew"]
    codes = {c.picture.picture for c in pictures.candidates(words)}
    assert {"1F4C8", "1F4C9"} <= codes  # both charts match ...
    picked = choose_picture(words)
    assert picked is None or picked.picture not in {"1F4C8", "1F4C9"}  # ... neither is shown

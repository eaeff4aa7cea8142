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
        # (2026.5) a topic may narrow the neutral classes (no money beside abuse or drugs)
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


# Policy 2026.3: the failure classes of the blind review (docs/review-pictures.md), each with
# sentences written for the test (not the reviewed ones): a keyword in another sense, in an
# idiom, after "than", inside a name, in a document that selects another sense, and a picture
# repeated through a document.
def keyword(sentence: str) -> str | None:
    picture = choose_picture(sentence.split())
    return None if picture is None else picture.keyword


@pytest.mark.parametrize(("sentence", "not_keyword"), [
    ("She spent the afternoon in the garden.", "spend"),          # time, not money
    ("Builders cleared the site for the new homes.", "site"),      # a building site, not a website
    ("Read the text and answer the questions below.", "text"),    # a text, not a text message
    ("Readers voted it the best film of the year.", "vote"),       # a poll, not an election
    ("She bought a coat in the shoe department.", "department"),  # a shop, not a ministry
    ("The BBC made a programme about sharks.", "programme"),       # a TV programme, not a plan
    ("Laughter is the best medicine.", "medicine"),               # a figure of speech
    ("He grew up near the Vienna school of painters.", "school"),  # a school of art
    ("The rain was pounding on the roof.", "pound"),              # a verb, not money
    ("The court hearing lasted two days.", "hear"),               # a court hearing, not an ear
    ("The storm cost three lives.", "cost"),                      # lives, not a price
    ("She is the chief marketing officer of the bank.", "officer"),  # not the police
    ("They spent the money for their own benefit.", "benefit"),   # an advantage, not welfare
    ("Cracks reduce stress on the steel frame.", "stress"),       # a force, not a feeling
    ("Paint the wall in direct contact with the pipe.", "contact"),  # touching, not a phone
    ("The train has six stops before the city.", "stop"),         # a train stop, not a stop sign
    ("The judge ruled that the law was fair.", "rule"),           # a ruling, not a rule book
    ("The shop is on the high street.", "street"),                # an idiom
    ("Bacteria process toxic dangers and waste.", "danger"),      # skip_forms: not a warning
    ("The economic storm will hit jobs.", "storm"),               # a figure of speech
    ("The economic health of the city is good.", "health"),       # the economy, not a body
])
def test_keyword_in_another_sense_gets_no_picture(sentence: str, not_keyword: str) -> None:
    assert keyword(sentence) != not_keyword


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The council spent £2 million on new roads.", {"spend", "pound"}),
    ("Visit the site online to book tickets.", {"site", "online"}),
    ("He sent her a text at midnight.", {"text"}),
    ("People voted in the election.", {"election", "vote"}),
    ("The doctor gave her medicine for the pain.", {"medicine", "doctor"}),
    ("Children walk to school with their teacher.", {"school", "child", "teacher"}),
    ("The coffee cost two pounds.", {"cost", "pound"}),
    ("A police officer directed the traffic at the station.", {"police officer", "officer"}),
    ("Cuts to child benefit will hit poor families.", {"benefit", "child"}),
    ("Exams cause stress and worry for many teenagers.", {"stress", "worry", "exam", "teenager"}),
])
def test_keyword_in_its_own_sense_keeps_its_picture(sentence: str, expected: set[str]) -> None:
    assert keyword(sentence) in expected


@pytest.mark.parametrize(("sentence", "not_keyword"), [
    ("I learned of the accident from a neighbour.", "learn"),
    ("We first heard of the band in 2010.", "hear"),
    ("The good news is that prices fell.", "news"),
    ("She stressed that the tests were safe.", "stress"),
    ("He took office in 2010 after the election.", "office"),
    ("The band took the country by storm.", "storm"),
    ("The shop sold shoes in the department store.", "department"),
    ("The bill passed the House of Lords on Monday.", "house"),   # a parliament, not a home
])
def test_keyword_inside_an_idiom_gets_no_picture(sentence: str, not_keyword: str) -> None:
    assert keyword(sentence) != not_keyword


def test_idioms_match_inflected_forms() -> None:
    assert keyword("She learns of it today.") != "learn"
    assert keyword("Pupils learn to read at school.") is not None  # "learn to" is no idiom


def test_keyword_after_than_is_not_the_subject() -> None:
    assert keyword("The radio was more popular than the television.") == "radio"
    assert keyword("Many people watch television.") == "television"


def test_day_inside_a_name_at_the_start_of_a_sentence() -> None:
    assert keyword("Sheffield Wednesday won the match.") != "wednesday"
    assert choose_picture(["Sheffield", "Wednesday"]) is None
    assert keyword("The shop opens on Wednesday.") == "wednesday"
    assert keyword("Police officers visited the house.") == "police officer"  # first word, no name


def test_a_capitalised_form_in_mid_sentence_is_a_name() -> None:
    assert keyword("He has the trust of Jobs, the founder.") != "job"  # Steve Jobs
    assert keyword("Many people lost their jobs last year.") == "job"
    assert keyword("Ministers met in the Parliament building.") == "parliament"  # the word itself
    assert keyword("Drivers now rely on GPS.") != "gp"  # an acronym is never a plural
    assert keyword("Most of the GPs are tired.") == "gp"


def test_document_words_select_a_sense() -> None:
    rows = [("s1", split("The lottery paid out five million pounds last year.")),
            ("s2", split("Some winners bought a new house.")),
            ("s3", split("Most winners gave money to their family."))]
    plan = plan_pictures(rows)
    assert all(p is None or p.keyword not in ("winner", "win", "prize") for p in plan.pictures.values())
    alone = plan_pictures([("s1", split("The winners of the race got a medal."))])
    assert alone.pictures["s1"] is not None and alone.pictures["s1"].picture in ("1F3C6", "1F3C5")


def test_a_picture_is_shown_at_most_max_per_document_times() -> None:
    policy = load_policy()
    assert policy.max_per_document >= 1
    rows = []
    for k in range(40):
        text = "Calls to the helpline went up." if k % 4 == 0 else "It rained again today and tomorrow."
        rows.append((f"s{k}", split(text)))
    plan = plan_pictures(rows)
    codes = [p.picture for p in plan.pictures.values() if p is not None]
    assert codes and max(codes.count(c) for c in set(codes)) <= policy.max_per_document
    assert any("times already" in reason for reason in plan.withheld.values())


def test_no_leisure_or_happy_picture_anywhere_in_a_document_about_violence() -> None:
    rows = [("s1", split("Gunmen attacked the village at dawn.")),
            ("s2", split("Three people were killed in the attack.")),
            ("s3", split("Last summer the family went on holiday to the beach.")),
            ("s4", split("The team was happy to win the football match."))]
    plan = plan_pictures(rows)
    assert "violence" in plan.document_topics
    policy = load_policy()
    for sid in ("s3", "s4"):
        picture = plan.pictures[sid]
        assert picture is None or policy.picture_class(picture) in policy.neutral, (sid, picture)
    # the same sentences in a harmless document keep their pictures
    calm = plan_pictures([("s3", rows[2][1]), ("s4", rows[3][1])])
    assert calm.pictures["s3"] is not None and policy.picture_class(calm.pictures["s3"]) == "leisure"


def test_senses_and_idioms_are_data() -> None:
    data = tomllib.loads(POLICY.read_text("utf-8"))
    keywords = set(load_pictures())
    assert set(data["senses"]) <= keywords, sorted(set(data["senses"]) - keywords)
    for phrase in data["phrases"]["idioms"]:
        assert len(phrase.split()) == 2, phrase
    assert data["after"]["than"] < load_policy().minimum / load_policy().word


def test_the_review_sheet_says_why_a_matching_word_has_no_picture() -> None:
    plan = plan_pictures([("s1", split("The mine is the world's largest extraction site.")),
                          ("s2", split("We learned of it.")),
                          ("s3", split("Blorp zibble quux."))])
    assert plan.pictures["s1"] is None and "another sense" in plan.withheld["s1"]
    assert plan.pictures["s2"] is None and "idiom" in plan.withheld["s2"]
    assert "s3" not in plan.withheld  # no keyword at all: nothing to explain


# Blind picture review 5 (docs/review-pictures.md): each class of wrong picture, in new words.
REVIEW5_NO_PICTURE = [
    ("Many of the families were forced on to the streets after the factory closed.", "1F6E3"),
    ("People with an addiction find it very hard to stop.", "1F6D1"),
    ("She finally secured a job at the bank after a long search.", "1F512"),
    ("Some turned to prostitution to pay for their habit.", "1F4B7"),
    ("Several sex workers were living in the old hotel.", "1F4BC"),
    ("The firm decided to write off the old debts last year.", "270D"),
]


@pytest.mark.parametrize(("sentence", "hexcode"), REVIEW5_NO_PICTURE)
def test_review5_wrong_senses_get_no_such_picture(sentence: str, hexcode: str) -> None:
    picture = choose_picture(sentence.rstrip(".").split())
    assert picture is None or picture.picture != hexcode, picture


def test_review5_a_road_where_the_sentence_is_about_traffic() -> None:
    picture = choose_picture(["The", "street", "was", "closed", "to", "traffic", "for", "the", "parade"])
    assert picture is not None and picture.picture == "1F6E3"


def test_review5_no_pound_note_in_an_article_about_euros() -> None:
    rows = [("s1", ["The", "new", "tax", "will", "cost", "families", "500", "euros", "a", "year"]),
            ("s2", ["Her", "salary", "went", "up", "again"])]
    plan = plan_pictures(rows)
    chosen = plan.pictures.get("s2")
    assert chosen is None or chosen.picture != "1F4B7"
    alone = plan_pictures([("s2", ["Her", "salary", "went", "up", "to", "£30,000"])])
    assert alone.pictures.get("s2") is not None and alone.pictures["s2"].picture == "1F4B7"

"""The WordNet sense check shared by the gloss stage and the picture planner (easyread.sense)."""

from __future__ import annotations

from easyread import sense


def _words(text: str) -> list[str]:
    return text.split()


def test_context_picks_the_sense_its_words_support() -> None:
    money = sense.context_weights(_words("He cashed a cheque and paid the loan into his bank account"),
                                  skip=["bank"])
    river = sense.context_weights(_words("They pulled the canoe up on the muddy bank of the river"),
                                  skip=["bank"])
    best = {name: p for name, p in sense.probabilities("bank", "n", money)}
    assert max(best, key=lambda k: best[k]) == "bank.n.02"
    best = {name: p for name, p in sense.probabilities("bank", "n", river)}
    assert max(best, key=lambda k: best[k]) == "bank.n.01"


def test_judge_needs_the_margin_and_the_part_of_speech() -> None:
    assert sense.judge("flight", sense.choices()[("picture", "flight")], {}, pos=["n"]).known
    # a noun-only choice for a verb use: no sense of that part of speech is wanted
    assert not sense.judge("document", ["document.n.01"], {}, pos=["v"]).ok
    # a word the table does not hold passes (nothing to check)
    assert sense.judge("zzzz", ["zzzz.n.01"], {}).ok


def test_choices_name_real_senses() -> None:
    table = sense.table().words
    for (_kind, key), names in sense.choices().items():
        for name in names:
            word, pos, number = name.rsplit(".", 2)
            assert word == key and int(number) <= len(table[key][pos]), name


def test_a_phrase_naming_a_living_thing_changes_a_modifier() -> None:
    assert not sense.phrase_keeps("house sparrow", "house")  # a bird: no sense of "house" is one
    assert sense.phrase_keeps("laptop computer", "laptop")  # an artifact, like a laptop
    assert sense.phrase_keeps("cup of tea", "tea")  # the last word keeps its sense
    # senses a person chose: the phrase must be of their kind (stairs are no air travel)
    flight = sense.choices()[("picture", "flight")]
    assert not sense.phrase_keeps("flight of stairs", "flight", flight)


def test_context_words_common_as_than_carry_no_sense() -> None:
    assert sense.context_weights(["than", "need", "work", "time"]) == {}

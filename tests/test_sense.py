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

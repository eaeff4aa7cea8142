"""The calibrated level moves the way readability research and easy-read guidance say (model
2026.5 on, a sign-constrained ridge; ``easyread/data/LEVEL_MODEL_CARD.md``, "Signs"): the shipped
weights keep the signs the card declares, and realistic edits that make a text harder never give
it an easier grade."""

from __future__ import annotations

import csv
import json
import re

import pytest

from easyread import level
from easyread.data import data_path
from easyread.pipeline import document_from_text

CARD = "LEVEL_MODEL_CARD.md"
#: The card's sign cells, as the model file's ``sign`` field writes them, and their direction.
SIGN_CELL = {"+": "+", "\u2212": "-", "free": "free", "zero": "zero"}
DIRECTION = {"+": 1, "-": -1, "free": 0, "zero": 0}

#: A plain news-like text; the slot sentence's word is swapped below.
BASE = """Headline

The town council met on Monday evening.
It talked about the new bus station for the town.
Many people came to the meeting and asked questions.
Some of them were worried about the noise and the traffic.
The council said that the work would start in the spring.
The station will have a café, a shop and a place for bikes.
The old station will stay open until the new one is ready.
A report about the plan will come out next month.
"""
SLOT = "The council said it would {word} the plan next year."


def card_signs() -> dict[str, str]:
    """The sign of each feature as the model card's "Signs" table declares it."""
    text = data_path(CARD).read_text("utf-8")
    section = text.split("\n## Signs", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", section, flags=re.M)
    return {name: SIGN_CELL[cell.strip()] for name, cell in rows}


def grade(text: str) -> float:
    g = level.text_level(level.document_counts(document_from_text(text))).grade
    assert g is not None
    return g


def test_card_declares_a_sign_for_every_feature() -> None:
    signs = card_signs()
    assert list(signs) == list(level.model().features)  # every feature, once, in the model's order
    assert {"+", "-", "free", "zero"} <= set(signs.values())


def test_shipped_weights_keep_the_signs_the_card_declares() -> None:
    signs = card_signs()
    data = json.loads(data_path(level.MODEL_FILE).read_text("utf-8"))
    assert data.get("sign_prior") is True
    for c in data["coefficients"]:
        assert c["sign"] == signs[c["feature"]], c["feature"]  # the file records the card's signs
        assert c["weight"] * DIRECTION[c["sign"]] >= 0, c["feature"]
        assert c["weight"] == 0 or c["sign"] != "zero", c["feature"]


def lexicon_pairs() -> list[tuple[str, str]]:
    """(plain word, hard word) of every entry of the plain-words lexicon whose hard word and first
    plain alternative are single words."""
    pairs = set()
    with data_path("lexicon.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            hard, plain = row["hard"].strip(), row["plain"].split("|")[0].strip()
            if hard.isalpha() and plain.isalpha() and hard.lower() != plain.lower():
                pairs.add((plain, hard))
    return sorted(pairs)


def test_a_formal_word_for_its_plain_word_is_never_easier() -> None:
    # Every single-word entry of the lexicon: the same text with the lexicon's hard word in place
    # of its plain word gets a grade at least as high, and so does the sentence itself.
    m = level.model()
    pairs = lexicon_pairs()
    assert len(pairs) > 500
    worse = []
    for plain, hard in pairs:
        texts = [BASE + SLOT.format(word=w) + "\n" for w in (plain, hard)]
        counts = [level.document_counts(document_from_text(t)) for t in texts]
        g_plain, g_hard = (level.text_level(c, m).grade for c in counts)
        s_plain, s_hard = (level.sentence_level(c[-1], m).grade for c in counts)
        assert g_plain is not None and g_hard is not None and s_plain is not None and s_hard is not None
        if g_hard < g_plain or s_hard < s_plain:
            worse.append((plain, hard, g_plain, g_hard, s_plain, s_hard))
    assert not worse, worse[:20]


#: Subordinate clauses added at the end of a sentence (before its full stop); the last has no
#: comma and is made of common words (Zipf 5-6) and 'the', whose weights are negative.
CLAUSES = (", which had been planned for a long time", ", because the rules had changed", ", although nobody knew why",
           " when the report came out")


def lengthened(clause: str) -> list[tuple[float, float, float, float]]:
    """Each sentence of BASE in turn made longer by ``clause``: (text grade before, after,
    sentence grade before, after)."""
    m = level.model()
    lines = BASE.strip().split("\n")[2:]
    base = grade(BASE)
    out = []
    for i, line in enumerate(lines):
        longer = [*lines[:i], line[:-1] + clause + ".", *lines[i + 1:]]
        counts = level.document_counts(document_from_text("Headline\n\n" + "\n".join(longer) + "\n"))
        g = level.text_level(counts, m).grade
        short = level.document_counts(document_from_text("Headline\n\n" + line + "\n"))[0]
        s0, s1 = level.sentence_level(short, m).grade, level.sentence_level(counts[i], m).grade
        assert g is not None and s0 is not None and s1 is not None
        out.append((base, g, s0, s1))
    return out


@pytest.mark.parametrize("clause", CLAUSES)
def test_a_sentence_made_longer_by_a_clause_is_never_easier(clause: str) -> None:
    # Each sentence of the text in turn gets a subordinate clause: neither the text's grade nor
    # the sentence's own grade goes down. (Under 2026.5 the comma-less clause lowered the text's
    # grade by 0.05 through the spread of sentence lengths and five sentences' grades by up to
    # 0.15; 2026.6 fixes the spread's weight at zero and, refitted, weighs the length-weighted
    # mean sentence length more. Over all OneStopEnglish sentences small
    # falls remain: bench_level's monotonicity audit and the model card's known limits.)
    for base, g, s0, s1 in lengthened(clause):
        assert g >= base and s1 >= s0, (clause, base, g, s0, s1)

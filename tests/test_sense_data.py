"""The WordNet-derived sense tables of issue 10 (``tools/build_sense_data.py``): glossary words
with several common senses explain only beside a cue of their entry's sense; a word of a WordNet
phrase that names something else is not explained alone, nor swapped; a lexicon verb that is
also a noun keeps its place after a determiner ``that``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from easyread.config import load_config
from easyread.data import glossary_rows
from easyread.document import Document
from easyread.known import in_wordnet_phrase, phrase_changes_sense, several_senses, wordnet_phrases
from easyread.pipeline import document_from_text, process
from easyread.rewrite.words import verb_nouns

ROOT = Path(__file__).resolve().parents[1]
WORDNET = Path("/usr/share/wordnet")


def _run(text: str, stages: list[str]) -> Document:
    return process(document_from_text(text), load_config(profile="easy-read", use_project=False),
                   stages=stages, score=False)


def _explained(text: str) -> dict[str, str]:
    return {g.term.lower(): g.explanation for g in _run(text, ["gloss"]).glossary}


def test_several_senses_are_glossary_terms_with_common_second_senses() -> None:
    terms = {r.term for r in glossary_rows()}
    assert several_senses() <= terms
    # the review classes: benefit as advantage, opposition as objection, judge as verb/person
    assert {"benefit", "opposition", "judge", "policy", "symptom", "plead"} <= several_senses()
    assert not {"tax", "coroner", "asthma"} & several_senses()  # one common sense


def test_a_word_with_several_senses_needs_a_cue() -> None:
    assert not _explained("Rising prices are a symptom of a weak economy.").get("symptom")
    assert _explained("A cough is a symptom of the virus, doctors said.").get("symptom")
    assert not _explained("The charity pleaded for help from the public.").get("plead")
    assert _explained("He will plead not guilty in court.").get("plead")


def test_unsure_sense_is_noted_for_a_person() -> None:
    doc = _run("The council gave its sanction to the new park.", ["gloss"])
    entry = next(g for g in doc.glossary if g.term.lower() == "sanction")
    assert entry.source == "missing" and not entry.explanation
    assert any(n.code == "W611" and "sanction" in n.message for n in doc.notes)


def test_entries_with_several_senses_and_no_cues_are_never_explained() -> None:
    """Every such entry is left for a person whatever the sentence says."""
    rows = [r for r in glossary_rows() if r.term in several_senses() and not r.cues]
    assert rows
    found = _explained("\n\n".join(f"The {r.term} was in the news on the radio." for r in rows))
    assert not [r.term for r in rows if found.get(r.term)]


def test_charged_with_a_job_is_not_a_criminal_charge() -> None:
    # a term found by its alias is shown as the text writes it ("charged with")
    assert not _explained("She was charged with organising the summer festival.").get("charged with")
    assert _explained("He was charged with murder after police found the car.").get("charged with")


def test_outbreak_needs_an_illness_near_it() -> None:
    assert not _explained("The outbreak of the war changed her life.").get("outbreak")
    assert _explained("An outbreak of measles closed two schools.").get("outbreak")


def test_wordnet_phrase_that_names_something_else() -> None:
    assert phrase_changes_sense("monarch butterfly", "monarch")
    assert not phrase_changes_sense("food allergy", "allergy")  # the head keeps its sense
    assert not _explained("The monarch butterfly flies south each year.").get("monarch")
    assert _explained("The monarch spoke to the nation.").get("monarch")
    assert _explained("Her probation officer visited her.").get("probation")


def test_phrase_match_needs_content_words() -> None:
    assert in_wordnet_phrase(["the", "trial", "court", "ruled"], 1) == "trial court"
    # "desire to know" is a WordNet phrase; "desire to look" is not one of its uses
    assert in_wordnet_phrase(["the", "desire", "to", "look", "up"], 1) == ""
    assert all(len(p) >= 2 for ps in wordnet_phrases().values() for p in ps)


def test_swap_refused_inside_a_wordnet_phrase() -> None:
    doc = _run("Stern, the mission's principal investigator, said the images were clear.", ["words"])
    assert not [e for e in doc.edits if e.before.lower() == "principal"]
    doc = _run("The principal reason was cost.", ["words"])
    assert [e for e in doc.edits if e.before.lower() == "principal"]


def test_noun_after_determiner_that_is_not_swapped_for_a_verb() -> None:
    assert "consent" in verb_nouns()
    doc = _run("The new law renders that consent unnecessary for most patients.", ["words"])
    assert not [e for e in doc.edits if e.before.lower() == "consent"]
    doc = _run("Patients must consent before the operation.", ["words"])
    assert [e for e in doc.edits if e.before.lower() == "consent"]


@pytest.mark.skipif(not (WORDNET / "index.noun").is_file(),
                    reason="WordNet 3.0 files absent (apt-get install wordnet-base)")
def test_shipped_sense_tables_match_wordnet() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_sense_data.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_one_cue_in_a_neighbouring_sentence_is_not_enough() -> None:
    """A cue word next door may have another sense ("a race to strip our resources")."""
    text = ("We no longer see fish in the size, diversity or abundance of the past. "
            "Fleets are in a race to strip our resources.")
    assert not _explained(text).get("diversity")
    text = ("The firm wants more diversity in its staff. "
            "It hires people of every race and gender.")  # two cues next door
    assert _explained(text).get("diversity")
    assert _explained("Diversity of race among staff is low.").get("diversity")  # one, same sentence
    brand = ("The actor is now an ambassador for a campaign to bring tourists to the country. "
             "Events include parties at embassies.")
    assert not _explained(brand).get("ambassador")
    assert _explained("The ambassador met the foreign minister at the embassy.").get("ambassador")

"""Term detection (easyread.terms) and the ``easyread terms`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from easyread.cli import cli
from easyread.config import load_config
from easyread.pipeline import document_from_text, read_document
from easyread.terms import Term, base_form, detect_terms, find_organisations


def detect(text: str, **overrides: object) -> dict[str, Term]:
    config = load_config(use_project=False, overrides=overrides or None)
    return {t.term: t for t in detect_terms(document_from_text(text), config)}


@pytest.mark.parametrize(
    ("word", "base"),
    [("helplines", "helpline"), ("paedophiles", "paedophile"), ("charities", "charity"),
     ("NSPCC’s", "nspcc"), ("women", "woman")],
)
def test_base_form(word: str, base: str) -> None:
    assert base_form(word) == base


def test_seed_terms_and_sources(seed_path: Path) -> None:
    terms = {t.term: t for t in detect_terms(read_document(seed_path), load_config(use_project=False))}
    assert terms["CSE"].source == "text" and terms["CSE"].expansion == "child sexual exploitation"
    assert terms["NSPCC"].kind == "acronym" and terms["NSPCC"].source == "builtin"
    assert terms["Lucy Faithfull Foundation"].explanation == (
        "The Lucy Faithfull Foundation is a charity that works to prevent child sexual abuse."
    )
    assert terms["Lucy Faithfull Foundation"].source == "text"
    for name in ("dark web", "Home Secretary", "Home Office", "helpline", "paedophile",
                 "independent evaluation"):
        assert terms[name].source == "builtin", name
    assert terms["helpline"].sentence_ids == ["b10.s1", "b11.s1", "b13.s1"]
    assert "Foundation" not in terms and "foundation" not in terms


def test_multiword_longest_match_and_case() -> None:
    terms = detect("The Home Secretary spoke about child sexual exploitation.")
    assert "Home Secretary" in terms and "child sexual exploitation" in terms
    assert "exploitation" not in terms


def test_rare_word_needs_a_human() -> None:
    terms = detect("The minister was obdurate about it.")
    assert terms["obdurate"].kind == "rare" and terms["obdurate"].source == "missing"
    assert terms["obdurate"].explanation is None


def test_names_are_not_rare() -> None:
    assert "Quixworth" not in detect("Mr Quixworth spoke.")


def test_user_glossary_overrides(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text('[[entry]]\nterm = "dark web"\naliases = []\n'
                    'explanation = "The dark web is a secret part of the internet."\n', "utf-8")
    terms = detect("Sites on the dark web.", glossary=[str(path)])
    assert terms["dark web"].source == "user"
    assert terms["dark web"].explanation == "The dark web is a secret part of the internet."


def test_bad_user_glossary_is_a_data_error(tmp_path: Path) -> None:
    from easyread.errors import DataError

    path = tmp_path / "bad.toml"
    path.write_text('[[entry]]\nterm = "x"\n', "utf-8")
    with pytest.raises(DataError, match=r"bad.toml:1"):
        detect("x", glossary=[str(path)])


def test_keep_list() -> None:
    assert "dark web" not in detect("Sites on the dark web.", keep=["dark web"])


@pytest.mark.parametrize(
    ("text", "name", "explanation"),
    [
        ("Barnardo's, a children's charity, said so.", "Barnardo's", "Barnardo's is a children's charity."),
        ("Help came from the charity Mind.", "Mind", "Mind is a charity."),
        ("Ofsted, the schools watchdog, said so.", "Ofsted", "Ofsted is the schools watchdog."),
    ],
)
def test_organisations_from_the_text(text: str, name: str, explanation: str) -> None:
    assert find_organisations(text)[name] == explanation


# -------------------------------------------------------------------------- CLI
def test_cli_text(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["terms", str(seed_path)])
    assert result.exit_code == 0
    assert "dark web  [term, built-in, first used in b4.s1]" in result.output
    assert "Lucy Faithfull Foundation  [organisation, learned from text" in result.output


def test_cli_json(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["terms", str(seed_path), "--format", "json"])
    assert result.exit_code == 0
    rows = {r["term"]: r for r in json.loads(result.output)["terms"]}
    assert rows["CSE"]["source"] == "text" and rows["CSE"]["expansion"] == "child sexual exploitation"


def test_cli_glossary_option(seed_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text('[[entry]]\nterm = "strategy"\nexplanation = "A strategy is a big plan."\n', "utf-8")
    result = CliRunner().invoke(cli, ["terms", str(seed_path), "--glossary", str(path)])
    assert "strategy  [term, user" in result.output


@pytest.mark.parametrize("args", [["missing.txt"], ["{seed}", "--glossary", "missing.toml"]])
def test_cli_input_errors_exit_3(args: list[str], seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["terms", *[a.format(seed=seed_path) for a in args]])
    assert result.exit_code == 3


def test_alias_shows_the_word_the_text_uses() -> None:
    """A term found by an alias ("controversial" for "controversy") is shown as the text
    writes it, so the bold word and the hard-words box name what the reader sees."""
    found = detect("The new law was controversial in the town, and many people wrote to the paper about it.")
    assert "controversial" in found and "controversy" not in found
    assert found["controversial"].explanation.startswith("Controversy is")


def test_alias_that_a_reader_cannot_link_has_its_own_entry() -> None:
    """"local authority" is not explained as "A council …": its explanation names it."""
    found = detect("Some local authorities ban smoking in parks, and others plan to do the same next year.")
    term = found["local authority"]
    assert term.explanation and term.explanation.startswith("A local authority is")


def test_cues_only_entry_needs_a_cue() -> None:
    """"benefit" (cues_only) is not explained as state money in "for the benefit of a few",
    even where WordNet's sense check would accept it; beside a cue it is."""
    idiom = detect("The workers agree with the plan as long as it creates jobs, but not for the benefit of a few.")
    assert not idiom["benefit"].explanation
    cued = detect("She lost her benefit when the welfare rules changed last year.")
    assert cued["benefit"].explanation.startswith("A benefit is money")


def test_cues_only_without_cues_is_a_data_error(tmp_path: Path) -> None:
    from easyread.data import DataError, read_glossary_file

    path = tmp_path / "g.toml"
    path.write_text('[[entry]]\nterm = "x"\naliases = []\nexplanation = "X is a thing."\ncues_only = true\n', "utf-8")
    with pytest.raises(DataError, match="cues_only"):
        read_glossary_file(path)


@pytest.mark.parametrize(("text", "term"), [
    # lexical review 13: pay for work is no "compensation" for harm; water is no budget "deficit"
    ("Just 10% manage to get regular work each month and this has led to a dramatic reduction in compensation.",
     "compensation"),
    ("Considerable regional water deficits can be met by a reliable system of food trade.", "deficit"),
])
def test_money_senses_need_a_cue(text: str, term: str) -> None:
    assert not detect(text)[term].explanation


def test_dose_covers_a_treatment() -> None:
    """Lexical review 14: a treatment "dose" delivered to the chest is no medicine you "take"."""
    found = detect("If the patient can keep her chest still during the treatment, the entire dose can be delivered in one go.")
    assert found["dose"].explanation == "A dose is the amount of a medicine or treatment you get at one time."

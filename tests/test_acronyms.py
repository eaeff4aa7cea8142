"""Issue 9.5: the score's acronym indicator recognises every way the gloss stage explains an
acronym, so ``check`` agrees with ``rewrite``; an acronym nobody explains still counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from easyread.acronyms import COMMON_ACRONYM_ZIPF, explanation_subject, find_definitions, is_acronym
from easyread.check import check_files
from easyread.config import load_config
from easyread.data import acronym_rows, zipf
from easyread.pipeline import document_from_text, process
from easyread.score import score

USE = "Officials from the QZXW met on Monday."  # QZXW: in no data file, wordfreq Zipf 0


def status(body: str) -> dict[str, str]:
    return score(document_from_text("Title\n" + body)).acronym_status


@pytest.mark.parametrize(
    ("body", "form"),
    [
        ("The QZXW is a group that helps farmers.", "The X is a …"),
        ("A QZXW is a group that helps farmers.", "A X is a …"),
        ("QZXW is the group that helps farmers.", "X is the …"),
        ("QZXW stands for Quiet Zone Exchange Works.", "X stands for …"),
        ("QZXW means the people who run the farm.", "X means …"),
        ("QZXW is short for Quiet Zone Exchange Works.", "X is short for …"),
        ("QZXW is when farmers work together.", "X is when …"),
        ("The QZXW (Quiet Zone Exchange Works) met.", "expansion in brackets after"),
        ("The QZXW’s (Quiet Zone Exchange Works) plan.", "expansion in brackets after a possessive"),
        ("The Quiet Zone Exchange Works (QZXW) met.", "expansion in brackets before"),
    ],
)
def test_each_explanation_form_counts(body: str, form: str) -> None:
    s = status(f"{USE} {body}")
    assert s == {"QZXW": "explained"}, form


@pytest.mark.parametrize(
    "body",
    [
        "",
        "The QZXW said it was worried.",  # the acronym is the subject, but nothing defines it
        "The QZXW is worried about it.",
        "It met the QZXW, which is a group.",  # not the subject
    ],
)
def test_an_unexplained_acronym_still_counts(body: str) -> None:
    s = score(document_from_text(f"Title\n{USE} {body}"))
    assert s.acronym_status == {"QZXW": "unexplained"}
    assert s.indicators["acronyms"] == 1 and s.indicators["unexplained_acronyms"] == 1
    assert s.sentences[0].unexplained_acronyms == ["QZXW"]


def test_data_explanation_sentences_with_other_verbs_count() -> None:
    """Explanations in acronyms.tsv that do not read "X is a …" (``The CCRC looks at cases …``)
    count when the text has that exact sentence, as the gloss stage writes it."""
    row = acronym_rows()["CCRC"]
    assert explanation_subject(row.explanation) is None
    assert status(f"They wrote to the CCRC. {row.explanation}") == {"CCRC": "explained"}
    assert status("They wrote to the CCRC. The CCRC looks at it.") == {"CCRC": "unexplained"}


def test_known_expansion_written_out_elsewhere_counts() -> None:
    """The gloss stage writes an acronym out in full in a heading (easy read)."""
    doc = document_from_text("# Care Quality Commission report\n\nThe CQC visited the home.", fmt="md")
    assert score(doc).acronym_status == {"CQC": "explained"}


def test_possessive_acronym_is_an_acronym() -> None:
    s = status("We met at the QZXW’s office. And at the NSPCC's office.")
    assert s == {"QZXW": "unexplained", "NSPCC": "unexplained"}


def test_find_definitions_reads_a_possessive_before_the_brackets() -> None:
    assert find_definitions("The NSPCC’s (National Society for the Prevention of Cruelty to "
                            "Children) plan.") == {
        "NSPCC": "National Society for the Prevention of Cruelty to Children"}


def test_well_known_acronyms_need_no_explanation_as_in_the_gloss_stage() -> None:
    assert load_config(use_project=False).rules["gloss.acronym.v1"]["common_zipf"] == COMMON_ACRONYM_ZIPF
    assert zipf("UK") >= COMMON_ACRONYM_ZIPF > zipf("NHS")
    s = score(document_from_text("Title\nIt happened in the UK. The NHS said so."))
    assert s.acronym_status == {"UK": "well_known", "NHS": "unexplained"}
    assert s.indicators["acronyms"] == 2 and s.indicators["unexplained_acronyms"] == 1
    assert s.unexplained_count() == 1
    assert s.unexplained_count(6.0) == 2  # a stricter gloss rule explains UK too
    assert s.unexplained_count(keep={"nhs"}) == 0  # the rewrite never explains a kept term


def test_check_follows_the_gloss_rule_and_keep_list(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Title\nIt happened in the UK on a cold day. The NHS said so on the news. "
                 "The NHS is the health service of the country.\n", "utf-8")
    cfg = tmp_path / "easyread.toml"

    def unexplained(toml: str) -> float:
        cfg.write_text(toml, "utf-8")
        config = load_config(config_file=cfg, profile="easy-read", use_project=False)
        return check_files([str(p)], config).files[0].values["unexplained_acronyms"]

    assert unexplained("") == 0
    assert unexplained('[rules."gloss.acronym.v1"]\ncommon_zipf = 6.0\n') == 1
    p.write_text(p.read_text("utf-8").replace("The NHS is the health service of the country.", ""), "utf-8")
    assert unexplained("") == 1
    assert unexplained('keep = ["NHS"]\n') == 0


@pytest.mark.parametrize("profile", ["easy-read", "plain"])
def test_every_acronym_the_gloss_stage_explains_counts_as_explained(profile: str) -> None:
    """The check agrees with the rewrite, for every acronym of data/acronyms.tsv: after the gloss
    stage (explanation sentence in easy read, expansion in brackets in plain), the rewritten
    text read back as plain text has no unexplained acronym but the one nobody can explain."""
    rows = [r for r in acronym_rows().values() if is_acronym(r.acronym)]
    assert len(rows) > 150
    body = "\n".join(f"Officials met the {r.acronym} on Monday." for r in rows)
    config = load_config(profile=profile, use_project=False)
    doc = process(document_from_text(f"Title\n{body}\n{USE}"), config, stages=["gloss"], score=False)
    assert [g.term for g in doc.glossary if g.source == "missing"] == ["QZXW"]
    again = score(document_from_text(doc.text()))
    unexplained = [a for a, v in again.acronym_status.items() if v == "unexplained"]
    assert unexplained == ["QZXW"]
    assert again.indicators["unexplained_acronyms"] == 1


def test_no_expansion_made_up_from_short_lowercase_words() -> None:
    """Blind lexical review (docs/review-lexical.md): "US stands for up stews", "IT stands for
    information that" came from words whose initials happen to spell the acronym."""
    from easyread.acronyms import find_definitions

    text = ("We went up stews and soups in the US. IT is what information that matters. "
            "Child sexual exploitation is a crime and CSE is growing.")
    found = find_definitions(text)
    assert "US" not in found and "IT" not in found
    assert found["CSE"].lower() == "child sexual exploitation"

"""Issue 9.5: the check agrees with the rewrite.

``check --profile easy-read`` judges the text the rewrite may change (scope ``rewritable``):
direct quotations, which the rewrite keeps word for word, are reported as
``quoted_sentence_words`` notes and left out of the grade and sentence-length figures. The
scope is a setting; on scope ``all`` the formulas are textstat 0.7.8's on the body text.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import textstat

from easyread.check import baseline_values, check_files, check_scores, scope
from easyread.config import Config, load_config
from easyread.errors import ConfigError
from easyread.pipeline import document_from_text, read_document
from easyread.report import check_json, get, score_json, score_table
from easyread.score import Scores, rewritable_text, score, score_files

# The seed's easy-read output as `easyread rewrite --profile easy-read` wrote it on 2026-05 (the
# split stage was being rebuilt; the check is tested on this fixed text, not on a live rewrite).
SEED_EASY_READ = """Javid to announce child sexual exploitation strategy after ‘surge’ in potential offenders seeking help
There has been a “surge” in potential paedophiles seeking help before they offend. Now fresh plans to crack down on child sexual exploitation are to be announced. A paedophile is an adult who wants sex with children. Child sexual exploitation is when a child is made to do sex acts for gifts.
The Home Secretary is set to reveal the strategy. The Home Secretary will speak at the NSPCC’s “How Safe are our Children?” conference on Tuesday. The Home Secretary is the top person in charge of police and crime. The NSPCC is a charity that works to keep children safe from abuse.
Figures showed 140 thousand accounts are from the UK. These accounts are registered on the worst child abuse sites on the dark web. The Home Office said this. Child abuse is when an adult hurts a child or does not look after them. The dark web is a hidden part of the internet where people can hide. The Home Office is the part of the government that deals with crime and police.
Cyber-related sex crimes against children have doubled in just 4 years. This is according to figures got by the children’s charity.
Sajid Javid will say: “The Government must build on our existing work to stop all forms of child sexual abuse and support all victims and survivors.
“So I’m pleased to announce that later this year we will publish a national strategy covering our comprehensive response to all forms of child sexual abuse.
“I have been resolute in my mission to protect our kids, but I remain determined to do even more.”
The plan will look at how online and offline abuse overlap. The plan will urge the Government and police to work together. The Home Office said this.
The Government provided £600 thousand in funding to a helpline. The helpline is run by child sexual abuse charity the Lucy Faithfull Foundation. A helpline is a phone number you can call to get support and advice. Child sexual abuse is when a child is made to take part in sex acts. The Lucy Faithfull Foundation is a charity that works to prevent child sexual abuse.
There has been a rise of about a quarter in people phoning the helpline. There has been an increase of 2 in 5 in those using the charity’s website. This was in the first 3 months of this year. The Home Secretary will say this.
An independent evaluation shows a “surge in people contacting the Lucy Faithfull Foundation before committing an offence, rather than after”. Mr Javid will say this. An independent evaluation is a check by outside experts of how well something works. An offence is something a person does that breaks the law.
Previously this was just 2 in 25 callers to the helpline. But between October 2018 and March 2019 this rose to 2 in 5, the Home Office said.
This suggests more paedophiles are being stopped before they prey on children. Mr Javid will say this.
Copyright (c) Press Association Ltd. 2019, All Rights Reserved. Picture (c) Stefan Rousseau / PA Wire.
"""

QUOTE_25 = ("The minister said: “We will build homes for every family in the town and we will "
            "do it this year with the help of all.”")
EASY = ("The cat sat on the mat. It was a good day. We went to the park. The sun was out. "
        "We ate our lunch. Then we went home.")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return p


def _config(tmp_path: Path, toml: str = "", profile: str = "easy-read") -> Config:
    cfg = tmp_path / "easyread.toml"
    cfg.write_text(toml, "utf-8")
    return load_config(config_file=cfg, profile=profile, use_project=False)


# ----------------------------------------------------------------------------- the setting
def test_scope_defaults_per_profile_and_overrides(tmp_path: Path) -> None:
    assert scope(load_config(profile="easy-read", use_project=False)) == "rewritable"
    assert scope(load_config(profile="large-print", use_project=False)) == "rewritable"
    assert scope(load_config(profile="plain", use_project=False)) == "all"
    assert scope(_config(tmp_path, 'scope = "all"\n')) == "all"
    assert scope(_config(tmp_path, '[profiles.easy-read]\nscope = "all"\n')) == "all"
    assert scope(_config(tmp_path, 'scope = "rewritable"\n', profile="plain")) == "rewritable"
    with pytest.raises(ConfigError, match="scope must be one of"):
        scope(_config(tmp_path, 'scope = "quotes"\n'))


# ----------------------------------------------------------------------------- quotations
def test_quoted_sentence_is_a_note_not_a_length_failure(tmp_path: Path) -> None:
    p = _write(tmp_path, "q.txt", f"Title\n{EASY}\n{QUOTE_25}\n")
    s = score_files([str(p)], load_config(use_project=False))[0].scores
    assert s is not None
    quote = next(x for x in s.sentences if x.quotation)
    assert quote.words == 25 and quote.quoted_words == 22
    report = check_files([str(p)], load_config(profile="easy-read", use_project=False))
    f = report.files[0]
    assert not [x for x in f.findings if x.rule == "max_sentence_words"]
    note = next(x for x in f.findings if x.rule == "quoted_sentence_words")
    assert note.severity == "note" and note.actual == 25 and note.line == 3 and note.sentence_id
    assert "22 inside quotation marks" in note.message
    assert f.values["sentences_over_limit"] == 0 and f.values["quoted_sentences_over_limit"] == 1
    assert f.scopes["quoted_sentences_over_limit"] == "quoted"
    assert f.status == "pass" and report.exit_code == 0, f.findings


def test_on_scope_all_the_quotation_fails_as_before(tmp_path: Path) -> None:
    p = _write(tmp_path, "q.txt", f"Title\n{EASY}\n{QUOTE_25}\n")
    f = check_files([str(p)], _config(tmp_path, 'scope = "all"\n')).files[0]
    long_one = next(x for x in f.findings if x.rule == "max_sentence_words")
    assert long_one.severity == "error" and long_one.actual == 25
    assert not [x for x in f.findings if x.rule == "quoted_sentence_words"]
    assert f.status == "fail" and f.scope == "all"


def test_words_outside_the_quotation_over_the_limit_still_fail(tmp_path: Path) -> None:
    attribution = ("On a cold and windy Tuesday morning in the middle of the town hall the old "
                   "minister stood up and said:")
    quote = QUOTE_25.split(": ", 1)[1]  # 22 words, one more than the attribution
    p = _write(tmp_path, "q.txt", f"Title\n{EASY}\n{attribution} {quote}\n")
    f = check_files([str(p)], load_config(profile="easy-read", use_project=False)).files[0]
    error = next(x for x in f.findings if x.rule == "max_sentence_words")
    assert error.severity == "error" and error.actual == 21
    assert "21 words outside its quotation (limit 15; 43 in all)" in error.message


def test_a_sentence_with_a_short_quotation_is_not_a_quotation(tmp_path: Path) -> None:
    text = ("Title\nThe Home Secretary will speak at the NSPCC’s “How Safe are our Children?” "
            "conference on Tuesday.\n")
    s = score(document_from_text(text))
    assert [(x.words, x.quoted_words, x.quotation) for x in s.sentences] == [(16, 5, False)]


def test_quotation_notes_in_every_format(tmp_path: Path, shared_data: Path) -> None:
    p = _write(tmp_path, "q.txt", f"Title\n{EASY}\n{QUOTE_25}\n")
    report = check_files([str(p)], load_config(profile="easy-read", use_project=False))
    assert "note: quoted_sentence_words: direct quotation has 25 words" in get("check", "text")(report)
    assert get("check", "text")(report).splitlines()[-1].startswith("PASS")
    assert "::notice file=" in get("check", "github")(report)
    root = ET.fromstring(get("check", "junit")(report))
    assert root.attrib["failures"] == "0"
    sarif = json.loads(get("check", "sarif")(report))
    assert {r["level"] for r in sarif["runs"][0]["results"]} == {"note"}
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_data / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)


# ----------------------------------------------------------------------------- the figures
def test_scope_switch_changes_the_figures(tmp_path: Path) -> None:
    long_quote = ("He said: “The extraordinarily comprehensive infrastructure modernisation "
                  "programme will fundamentally transform opportunities for communities.”")
    p = _write(tmp_path, "q.txt", f"Title\n{EASY}\n{long_quote}\n")
    rewritable = check_files([str(p)], load_config(profile="easy-read", use_project=False)).files[0]
    everything = check_files([str(p)], _config(tmp_path, 'scope = "all"\n')).files[0]
    assert rewritable.scope == "rewritable" and everything.scope == "all"
    for name in ("flesch_kincaid_grade", "words_per_sentence_mean"):
        assert rewritable.scopes[name] == "rewritable" and everything.scopes[name] == "all"
        assert rewritable.values[name] < everything.values[name], name
    assert rewritable.scopes["unexplained_acronyms"] == everything.scopes["unexplained_acronyms"] == "all"
    assert rewritable.status == "pass" and everything.status == "fail"
    s = score_files([str(p)], load_config(use_project=False))[0].scores
    assert s is not None
    assert rewritable.values["flesch_kincaid_grade"] == s.value("flesch_kincaid_grade", "rewritable")
    assert everything.values["flesch_kincaid_grade"] == s.value("flesch_kincaid_grade") == s.metrics["flesch_kincaid_grade"]


def _same_as_textstat(metrics: dict[str, float], text: str) -> None:
    for name, value in metrics.items():
        fn = getattr(textstat, name)
        expected = fn(text, float_output=True) if name == "text_standard" else fn(text)
        assert value == expected, name


def test_textstat_identity_on_both_scopes(seed_path: Path) -> None:
    doc = read_document(seed_path, load_config(use_project=False))
    s = score(doc)
    _same_as_textstat(s.metrics, doc.body_text())  # scope all: the body text, as before
    assert s.figures("all") == (s.metrics, s.indicators)
    text = rewritable_text(doc)
    assert "Sajid Javid will say" not in text and "This suggests more paedophiles" in text
    rewritable_metrics, rewritable_indicators = s.figures("rewritable")
    _same_as_textstat(rewritable_metrics, text)  # scope rewritable: textstat on that text
    assert rewritable_indicators["sentences"] == s.indicators["sentences"] - s.quoted_sentences() == 10


def test_without_quotations_both_scopes_are_the_same() -> None:
    doc = document_from_text(f"Title\n{EASY}")
    s = score(doc)
    assert rewritable_text(doc) == doc.body_text()
    assert s.figures("rewritable") == s.figures("all") and s.quoted_sentences() == 0


def test_json_says_which_scope_each_value_covers(tmp_path: Path) -> None:
    p = _write(tmp_path, "q.txt", f"Title\n{EASY}\n{QUOTE_25}\n")
    entry = json.loads(score_json(score_files([str(p)], load_config(use_project=False))))["files"][0]
    assert entry["scope"] == "all"
    assert entry["rewritable"]["scope"] == "rewritable" and entry["rewritable"]["excluded_quotations"] == 1
    assert entry["rewritable"]["indicators"]["words_per_sentence_max"] == 6
    assert entry["indicators"]["words_per_sentence_max"] == 25
    assert entry["rewritable"]["all_text_indicators"] == ["acronyms", "unexplained_acronyms"]
    assert [x["quotation"] for x in entry["sentences"]] == [False] * 6 + [True]
    rebuilt = Scores.from_dict(entry)
    assert rebuilt.figures("rewritable") == (entry["rewritable"]["metrics"], entry["rewritable"]["indicators"])
    report = check_files([str(p)], load_config(profile="easy-read", use_project=False))
    data = json.loads(check_json(report))
    assert data["scope"] == "rewritable"
    f = data["files"][0]
    assert f["scope"] == "rewritable" and set(f["scopes"]) == set(f["values"])
    assert f["scopes"]["flesch_kincaid_grade"] == "rewritable"
    assert "rewritable text" in score_table(score_files([str(p)], load_config(use_project=False)))


def test_scores_without_rewritable_figures_are_judged_on_all() -> None:
    """An older report rebuilt into Scores (batch) has no rewritable figures: its values are
    judged on all the text, and the report says so."""
    s = score(document_from_text(f"Title\n{EASY}\n{QUOTE_25}"))
    old = Scores(metrics=s.metrics, indicators=s.indicators, sentences=s.sentences)
    f = check_scores("x", old, load_config(profile="easy-read", use_project=False))
    assert f.scope == "rewritable" and f.scopes["flesch_kincaid_grade"] == "all"
    assert f.values["words_per_sentence_mean"] == s.indicators["words_per_sentence_mean"]


def test_baseline_compares_values_on_the_same_scope(tmp_path: Path) -> None:
    p = _write(tmp_path, "q.txt", f"Title\n{EASY}\n{QUOTE_25}\n")
    easy = load_config(profile="easy-read", use_project=False)
    base = baseline_values(json.loads(check_json(check_files([str(p)], easy))))[str(p)]
    assert base["rewritable:words_per_sentence_mean"] == base["words_per_sentence_mean"]
    scored = json.loads(score_json(score_files([str(p)], easy)))
    from_score = baseline_values(scored)[str(p)]
    assert from_score["all:words_per_sentence_mean"] == scored["files"][0]["indicators"]["words_per_sentence_mean"]
    assert from_score["rewritable:words_per_sentence_mean"] == base["words_per_sentence_mean"]
    # A harder rewritable text fails against a baseline of the same scope.
    p.write_text(p.read_text("utf-8").replace(
        "The sun was out.", "The extraordinarily comprehensive modernisation programme continued "
        "indefinitely throughout the negotiations."), "utf-8")
    worse = check_files([str(p)], easy, baseline={str(p): base}).files[0]
    assert any("got worse" in x.message for x in worse.findings)


# ----------------------------------------------------------------------------- the seed
def test_seed_easy_read_output_fails_only_on_the_rewrites_own_long_sentences(tmp_path: Path) -> None:
    """What is left of the seed's easy-read check is the rewrite's own work: two sentences of
    16 and 17 words outside quotations. FKGL, mean sentence length and acronyms pass."""
    p = _write(tmp_path, "seed-er.txt", SEED_EASY_READ)
    report = check_files([str(p)], load_config(profile="easy-read", use_project=False))
    f = report.files[0]
    errors = [x for x in f.findings if x.severity == "error"]
    assert [(x.rule, x.line, x.actual) for x in errors] == [
        ("max_sentence_words", 3, 16), ("max_sentence_words", 13, 17)]
    assert f.values["flesch_kincaid_grade"] <= 6 and f.values["words_per_sentence_mean"] <= 12
    assert f.values["unexplained_acronyms"] == 0
    notes = [(x.rule, x.line) for x in f.findings if x.severity == "note"]
    assert notes == [("quoted_sentence_words", n) for n in (6, 7, 8, 12)]

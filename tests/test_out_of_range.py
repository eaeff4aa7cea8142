"""Issue 16.7: scores outside a formula's meaningful range are flagged in every output format,
and `check` does not judge textstat's formulas on a text whose sentences textstat does not count.

The formula values themselves stay textstat 0.7.8's (identity is checked here on the
pathological texts too).
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import textstat

from easyread import readability
from easyread.check import check_files, check_scores
from easyread.config import Config, load_config
from easyread.errors import ConfigError
from easyread.report import check_json, get, score_csv, score_json, score_table
from easyread.score import metric_ranges, out_of_range, score_files, score_warnings

DATA = Path(readability.__file__).parent / "data"
GO_RUN = " ".join(["Go. Run. Sit. Eat. Stop. Now."] * 20)  # the easiest text: FKGL 43.0
A_DOT = "a. " * 2000  # FRE -1907.8


def _write(tmp_path: Path, name: str, body: str) -> Path:
    p = tmp_path / name
    p.write_text("Title\n" + body + "\n", "utf-8")
    return p


def _config(tmp_path: Path, toml: str = "") -> Config:
    if not toml:
        return load_config(use_project=False)
    cfg = tmp_path / "easyread.toml"
    cfg.write_text(toml, "utf-8")
    return load_config(config_file=cfg, use_project=False)


# ----------------------------------------------------------------------------- the data
def test_ranges_file_is_valid_listed_and_read_once() -> None:
    ranges = metric_ranges()
    assert metric_ranges() is ranges  # read once
    formulas = {"flesch_reading_ease", "flesch_kincaid_grade", "smog_index", "coleman_liau_index",
                "automated_readability_index", "dale_chall_readability_score",
                "dale_chall_readability_score_v2", "linsear_write_formula", "gunning_fog",
                "text_standard", "spache_readability", "mcalpine_eflaw", "lix", "rix"}
    assert set(ranges) == formulas
    raw = tomllib.loads((DATA / "ranges.toml").read_text("utf-8"))["ranges"]
    for name, r in ranges.items():
        assert r.min < r.max and raw[name]["source"] and raw[name]["scale"], name
    assert "ranges.toml" in tomllib.loads((DATA / "MANIFEST.toml").read_text("utf-8"))["files"]


def test_formula_limits_are_inside_their_ranges() -> None:
    """The formulas' own extremes (1 word per sentence, 1 syllable per word) are not flagged."""
    r = metric_ranges()
    assert r["flesch_reading_ease"].contains(206.835 - 1.015 * 1 - 84.6 * 1)
    assert r["flesch_kincaid_grade"].contains(0.39 * 1 + 11.8 * 1 - 15.59)
    assert r["automated_readability_index"].contains(4.71 * 1 + 0.5 * 1 - 21.43)
    assert r["smog_index"].contains(1.043 * 0 + 3.1291)
    assert not r["flesch_reading_ease"].contains(float("nan"))


# ----------------------------------------------------------------------------- score
@pytest.mark.parametrize("text", [GO_RUN, A_DOT, "Hmm hmm a cat. Hmm hmm a dog. Hmm hmm a hen."])
def test_flagged_values_are_still_textstats(text: str) -> None:
    """Flagging changes no value: identity with textstat 0.7.8 holds on these texts too."""
    m = readability.compute(text)
    assert out_of_range(m)
    for name, value in m.items():
        fn = getattr(textstat, name)
        assert value == (fn(text, float_output=True) if name == "text_standard" else fn(text)), name


def test_impossible_easy_value_is_flagged() -> None:
    """A word the syllable table gives no vowel ("hmm") pushes FRE past its maximum, 121.22."""
    m = readability.compute("Hmm hmm a cat. Hmm hmm a dog. Hmm hmm a hen.")
    assert m["flesch_reading_ease"] > 121.22 and "flesch_reading_ease" in out_of_range(m)


def test_no_words_is_one_warning_not_fourteen() -> None:
    m = readability.compute("")
    assert out_of_range(m) == {}
    assert score_warnings(m) == ["no words in the body text: every formula is 0, textstat's value for no text"]


def test_a_dot_flagged_in_score_json_table_and_csv(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.txt", A_DOT)
    results = score_files([str(p)], load_config(use_project=False))
    entry = json.loads(score_json(results, sentences=False))["files"][0]
    assert entry["status"] == "warning"
    assert entry["metrics"]["flesch_reading_ease"] == pytest.approx(-1907.765)
    assert entry["out_of_range"]["flesch_reading_ease"] == {
        "value": entry["metrics"]["flesch_reading_ease"], "min": -50.0, "max": 121.22}
    assert any(w.startswith("flesch_reading_ease is -1907.76, outside") for w in entry["warnings"])
    table = score_table(results)
    fre_line = next(line for line in table.splitlines() if "flesch_reading_ease" in line)
    assert "-1907.76" in fre_line and "! out of range (-50..121.22)" in fre_line
    row = next(csv.DictReader(io.StringIO(score_csv(results))))
    assert row["status"] == "warning"
    assert "flesch_reading_ease" in row["out_of_range"].split(";")


def test_go_run_flagged_in_score(tmp_path: Path) -> None:
    p = _write(tmp_path, "go.txt", GO_RUN)
    results = score_files([str(p)], load_config(use_project=False))
    s = results[0].scores
    assert s is not None and round(s.metrics["flesch_kincaid_grade"], 1) == 43.0
    assert "flesch_kincaid_grade" in s.out_of_range()
    assert "! out of range" in next(line for line in score_table(results).splitlines()
                                     if "flesch_kincaid_grade" in line)


def test_seed_nothing_flagged(seed_path: Path) -> None:
    config = load_config(use_project=False)
    results = score_files([str(seed_path)], config)
    s = results[0].scores
    assert s is not None and s.out_of_range() == {} and s.warnings() == []
    entry = json.loads(score_json(results))["files"][0]
    assert entry["status"] == "ok" and entry["out_of_range"] == {} and entry["warnings"] == []
    assert "!" not in score_table(results)
    row = next(csv.DictReader(io.StringIO(score_csv(results))))
    assert row["status"] == "ok" and row["out_of_range"] == ""
    f = check_files([str(seed_path)], config).files[0]
    assert f.status == "fail" and f.out_of_range == {} and f.not_checked == []
    assert not {x.rule for x in f.findings} & {"insufficient_sentences", "out_of_range", "insufficient_text"}


# ----------------------------------------------------------------------------- check
def test_go_run_is_insufficient_not_a_failure(tmp_path: Path) -> None:
    p = _write(tmp_path, "go.txt", GO_RUN)
    report = check_files([str(p)], load_config(use_project=False))
    f = report.files[0]
    assert f.status == "insufficient" and report.exit_code == 0
    assert not any(x.severity == "error" for x in f.findings)
    reason = next(x for x in f.findings if x.rule == "insufficient_sentences")
    assert reason.severity == "warning" and "need at least 2" in reason.message
    assert "flesch_kincaid_grade <= 9 is not checked" in reason.message
    assert f.not_checked == ["flesch_kincaid_grade <= 9"]
    assert "flesch_kincaid_grade" not in f.values and f.values["words_per_sentence_mean"] == 1
    assert "flesch_kincaid_grade" in f.out_of_range
    text = get("check", "text")(report)
    assert "warning: insufficient_sentences" in text and "1 not judged" in text
    assert text.splitlines()[-1].startswith("PASS")
    github = get("check", "github")(report)
    assert "::warning" in github and "::error" not in github
    root = ET.fromstring(get("check", "junit")(report))
    skipped = root.findall("testsuite/testcase/skipped")
    assert root.attrib["failures"] == "0" and len(skipped) == 1
    assert "textstat counts 1 sentence" in skipped[0].attrib["message"]
    sarif = json.loads(get("check", "sarif")(report))
    assert {r["level"] for r in sarif["runs"][0]["results"]} == {"warning"}


def test_a_dot_flagged_in_every_check_format(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.txt", A_DOT)
    report = check_files([str(p)], load_config(use_project=False))
    f = report.files[0]
    # Not ok: textstat's formulas are not judged, and easyread's own segmentation sees a
    # 2000-word sentence, which fails words_per_sentence_mean and max_sentence_words.
    assert f.status == "fail" and report.exit_code == 1
    assert f.out_of_range["flesch_reading_ease"]["value"] < -1900
    assert "flesch_kincaid_grade <= 9" in f.not_checked
    assert {x.rule for x in f.findings if x.severity == "error"} == {"words_per_sentence_mean", "max_sentence_words"}
    data = json.loads(check_json(report))
    assert data["schema_version"] == "1.3"
    jf = data["files"][0]
    assert jf["out_of_range"]["flesch_reading_ease"]["min"] == -50.0
    assert jf["not_checked"] == ["flesch_kincaid_grade <= 9"]
    for fmt in ("text", "github", "junit", "sarif"):
        out = get("check", fmt)(report)
        assert "out_of_range" in out or "outside the formula" in out, fmt
        assert "flesch_reading_ease -1907.76 (range -50..121.22)" in out, fmt


def test_min_sentences_is_configurable(tmp_path: Path) -> None:
    # 2 counted sentences, every value in range: judged unless min_sentences asks for more.
    p = _write(tmp_path, "two.txt", "The committee continued its deliberations regarding the "
               "modernisation of infrastructure. Nevertheless, substantial disagreements persisted "
               "throughout the long negotiations.")
    judged = check_files([str(p)], _config(tmp_path)).files[0]  # default: 2
    assert judged.status == "fail" and judged.not_checked == []
    assert "flesch_kincaid_grade" in {x.rule for x in judged.findings if x.severity == "error"}
    three = check_files([str(p)], _config(tmp_path, "min_sentences = 3\n")).files[0]
    assert three.status == "insufficient" and three.not_checked == ["flesch_kincaid_grade <= 9"]
    assert [x.rule for x in three.findings] == ["insufficient_sentences"] and not three.out_of_range
    assert "need at least 3" in three.findings[0].message
    off = check_files([str(_write(tmp_path, "go.txt", GO_RUN))], _config(tmp_path, "min_sentences = 0\n")).files[0]
    assert [x.rule for x in off.findings] == ["out_of_range"]  # FKGL 43 is still not judged
    assert off.status == "insufficient" and off.not_checked == ["flesch_kincaid_grade <= 9"]
    with pytest.raises(ConfigError, match="min_sentences"):
        check_files([str(p)], _config(tmp_path, 'min_sentences = "three"\n'))


def test_only_the_out_of_range_formula_is_not_judged(tmp_path: Path) -> None:
    """A hard text cannot pass because another formula went out of range: FRE -86.8 (out) is
    not judged, FKGL 27.4 (in range) still fails."""
    p = _write(tmp_path, "hard.txt", "The committee's comprehensive deliberations regarding infrastructure "
               "modernisation continued indefinitely. Nevertheless, substantial disagreements "
               "persisted throughout the negotiations.")
    config = _config(tmp_path, '[check]\nflesch_reading_ease = ">= 60"\n')
    f = check_files([str(p)], config).files[0]
    assert "flesch_reading_ease" in f.out_of_range and "flesch_kincaid_grade" not in f.out_of_range
    assert f.not_checked == ["flesch_reading_ease >= 60"]
    assert f.status == "fail" and f.values["flesch_kincaid_grade"] > 27
    warning = next(x for x in f.findings if x.rule == "out_of_range")
    assert warning.message.endswith("so flesch_reading_ease >= 60 is not checked")


def test_out_of_range_without_formula_thresholds_is_a_warning_only(tmp_path: Path) -> None:
    config = _config(tmp_path, 'profile = "ind"\n[profiles.ind.check]\nwords_per_sentence_mean = "<= 12"\n')
    p = _write(tmp_path, "go.txt", GO_RUN)
    f = check_files([str(p)], config).files[0]
    assert f.status == "pass" and f.not_checked == []
    assert [x.rule for x in f.findings] == ["out_of_range"]  # nothing skipped, but said


def test_baseline_has_no_unjudged_formula_values(tmp_path: Path) -> None:
    """An unreliable FKGL must not become a baseline that later tolerates a real failure."""
    p = _write(tmp_path, "go.txt", GO_RUN)
    config = load_config(use_project=False)
    report = check_files([str(p)], config)
    assert "flesch_kincaid_grade" not in json.loads(check_json(report))["files"][0]["values"]


def test_check_scores_rebuilt_from_a_score_dict_still_flags() -> None:
    """batch rebuilds Scores from a score entry: the flags come from the metrics alone."""
    from easyread import score_text
    from easyread.score import Scores

    d = score_text(GO_RUN).to_dict()
    rebuilt = Scores(metrics=d["metrics"], indicators=d["indicators"], sentences=[])
    report = check_scores("x", rebuilt, load_config(use_project=False))
    assert report.status == "insufficient" and "flesch_kincaid_grade" in report.out_of_range


def test_sarif_with_the_new_rules_validates(tmp_path: Path, shared_data: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_data / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    report = check_files([str(_write(tmp_path, "a.txt", A_DOT)), str(_write(tmp_path, "go.txt", GO_RUN))],
                         load_config(use_project=False))
    jsonschema.Draft4Validator(schema).validate(json.loads(get("check", "sarif")(report)))

"""Check: thresholds, per-sentence findings, baseline mode, exit codes."""

from __future__ import annotations

from pathlib import Path

from easyread.check import baseline_values, check_files
from easyread.config import load_config
from easyread.report import check_json


def test_seed_fails_plain_with_positions(seed_path: Path) -> None:
    report = check_files([str(seed_path)], load_config(use_project=False))
    assert report.exit_code == 1
    findings = report.files[0].findings
    long_ones = [f for f in findings if f.rule == "max_sentence_words"]
    assert long_ones and all(f.line > 1 for f in long_ones)
    assert {f.rule for f in findings} >= {"flesch_kincaid_grade", "max_sentence_words"}


def test_easy_text_passes(tmp_path: Path) -> None:
    p = tmp_path / "easy.txt"
    p.write_text("Title\nThe cat sat on the mat. It was a good day. We went to the park.", "utf-8")
    report = check_files([str(p)], load_config(use_project=False))
    assert report.exit_code == 0, report.files[0].findings


def test_unreadable_file_is_an_error_and_others_still_run(tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    report = check_files([str(bad), str(seed_path)], load_config(use_project=False))
    assert [f.status for f in report.files] == ["error", "fail"]
    assert report.exit_code == 3


def test_baseline_only_fails_when_harder(tmp_path: Path, seed_path: Path) -> None:
    config = load_config(use_project=False)
    p = tmp_path / "a.txt"
    p.write_text(seed_path.read_text("utf-8"), "utf-8")
    first = check_files([str(p)], config)
    import json

    base = baseline_values(json.loads(check_json(first)))
    same = check_files([str(p)], config, baseline=base)
    assert same.exit_code == 0
    harder = p.read_text("utf-8").replace(
        "This suggests more paedophiles are being stopped before they prey on children, Mr Javid will say.",
        "This comprehensively demonstrates that considerably more paedophiles are consequently being "
        "intercepted before they opportunistically prey on vulnerable children, Mr Javid will say.")
    p.write_text(harder, "utf-8")
    worse = check_files([str(p)], config, baseline=base)
    assert worse.exit_code == 1
    assert any("got worse" in f.message for f in worse.files[0].findings)


def test_folder_walk_skips_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nThe cat sat on the mat.", "utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.md").write_text("# Title\n\nA dog ran.", "utf-8")
    (sub / "loop").symlink_to(tmp_path)
    (sub / "skip.pdf").write_bytes(b"%PDF")
    report = check_files([str(tmp_path)], load_config(use_project=False))
    assert sorted(Path(f.path).name for f in report.files) == ["a.txt", "b.md"]


def test_too_little_text_is_reported_not_judged(tmp_path: Path) -> None:
    """Threat T7: formulas on a few words are noise; say so instead of passing or failing."""
    p = tmp_path / "short.txt"
    p.write_text("Title\nHi.", "utf-8")
    report = check_files([str(p)], load_config(use_project=False))
    f = report.files[0]
    assert f.status == "insufficient" and report.exit_code == 0
    assert f.findings[0].rule == "insufficient_text" and f.findings[0].severity == "warning"
    from easyread.report import check_junit, check_text

    assert "1 not judged" in check_text(report)
    assert "<skipped" in check_junit(report)

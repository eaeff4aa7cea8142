"""easyread.batch.discovery: which folder entries are articles, and the names of their outputs."""

from __future__ import annotations

import os
from pathlib import Path

from easyread.batch.discovery import Candidate, discover, plan_outputs
from easyread.batch.models import COLLISION, BatchOptions


def _candidates(*paths: str) -> list[Candidate]:
    return [Candidate(p, Path("/in") / p, 1) for p in paths]


def test_outputs_take_the_stem_and_each_format() -> None:
    planned, failed = plan_outputs(_candidates("a.txt", "sub/b.md"), ("pdf", "html"))
    assert failed == []
    assert planned == {"a.txt": (("pdf", "a.pdf"), ("html", "a.html")),
                       "sub/b.md": (("pdf", "sub/b.pdf"), ("html", "sub/b.html"))}


def test_stems_equal_ignoring_case_keep_their_suffix() -> None:
    planned, failed = plan_outputs(_candidates("a.txt", "A.md", "other/a.txt"), ("md",))
    assert failed == []
    assert planned["a.txt"] == (("md", "a.txt.md"),)
    assert planned["A.md"] == (("md", "A.md.md"),)
    assert planned["other/a.txt"] == (("md", "other/a.md"),)  # another folder: no clash


def test_a_report_name_at_the_top_keeps_the_suffix_but_not_below() -> None:
    planned, _ = plan_outputs(_candidates("index.txt", "sub/index.txt"), ("html",))
    assert planned["index.txt"] == (("html", "index.txt.html"),)
    assert planned["sub/index.txt"] == (("html", "sub/index.html"),)


def test_a_residual_collision_fails_every_input_with_e322() -> None:
    # a.txt keeps its suffix (a.TXT clashes with it) and then meets a.txt.md's own output
    planned, failed = plan_outputs(_candidates("a.txt", "a.TXT", "a.txt.md"), ("md",))
    assert {f.path for f in failed} <= {"a.txt", "a.TXT", "a.txt.md"} and failed
    assert all(f.status == "failed" and f.error and f.error["code"] == COLLISION for f in failed)
    assert not set(planned) & {f.path for f in failed}


def test_discover_sorts_articles_from_other_files_and_oversized_ones(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Short.", "utf-8")
    (tmp_path / "sub" / "a.md").write_text("Short too.", "utf-8")
    (tmp_path / "big.txt").write_text("x" * 100, "utf-8")
    (tmp_path / "notes.csv").write_text("a,b", "utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    found = discover(tmp_path, BatchOptions(), max_bytes=50)
    assert [c.path for c in found.candidates] == ["b.txt", "sub/a.md"]
    assert found.candidates[0].size == len("Short.")
    codes = {f.path: (f.error or {}).get("code") for f in found.failed}
    assert codes == {"big.txt": "E306", "pipe.txt": "E302"}


def test_discover_include_and_exclude_patterns(tmp_path: Path) -> None:
    for name in ("keep.txt", "drop.txt", "data.csv"):
        (tmp_path / name).write_text("Text.", "utf-8")
    found = discover(tmp_path, BatchOptions(include=("*.txt", "*.csv"), exclude=("drop*",)), max_bytes=1000)
    assert [c.path for c in found.candidates] == ["data.csv", "keep.txt"]


def test_a_review_sheet_is_named_for_a_browser() -> None:
    planned, failed = plan_outputs(_candidates("a.txt"), ("html", "review"))
    assert failed == []
    assert planned == {"a.txt": (("html", "a.html"), ("review", "a.review.html"))}

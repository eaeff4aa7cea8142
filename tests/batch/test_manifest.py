"""easyread.batch.manifest: the journal and manifest, what a resume may reuse, the fingerprint."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from easyread.batch.manifest import (
    Manifest,
    fingerprint,
    manifest_entry,
    remove_stale_parts,
    stored_result,
)
from easyread.batch.models import (
    JOURNAL_NAME,
    MANIFEST_NAME,
    TIMED_OUT,
    WORKER_DIED,
    ArticleResult,
    BatchOptions,
    failure,
)
from easyread.config import load_config


def _ok(out: Path) -> tuple[ArticleResult, tuple[tuple[str, str], ...]]:
    (out / "a.md").write_text("# A\n", "utf-8")
    sha = hashlib.sha256(b"# A\n").hexdigest()
    result = ArticleResult("a.txt", "ok", outputs={"md": "a.md"}, input_sha256="in",
                           output_sha256={"md": sha})
    return result, (("md", "a.md"),)


def test_record_then_reload_replays_the_journal_and_compact_folds_it(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    manifest.record({"path": "a.txt", "n": 1})
    manifest.record({"path": "a.txt", "n": 2})
    manifest.close()
    assert Manifest(tmp_path).entries == {"a.txt": {"path": "a.txt", "n": 2}}
    manifest.compact()
    assert not (tmp_path / JOURNAL_NAME).exists() and (tmp_path / MANIFEST_NAME).is_file()
    assert Manifest(tmp_path).entries["a.txt"]["n"] == 2


def test_a_damaged_manifest_and_a_cut_journal_line_lose_only_themselves(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text("{not json", "utf-8")
    (tmp_path / JOURNAL_NAME).write_bytes(b'{"path": "a.txt"}\n{"path": "b.t')
    manifest = Manifest(tmp_path)
    assert set(manifest.entries) == {"a.txt"}
    manifest.record({"path": "c.txt"})  # starts on a fresh line after the cut one
    manifest.close()
    assert set(Manifest(tmp_path).entries) == {"a.txt", "c.txt"}


def test_stored_result_reuses_only_what_still_matches(tmp_path: Path) -> None:
    result, outputs = _ok(tmp_path)
    entry = manifest_entry(result, "fp")
    again = stored_result(entry, "in", "fp", outputs, tmp_path)
    assert again is not None and again.up_to_date and again.status == "ok"
    assert stored_result(entry, "changed", "fp", outputs, tmp_path) is None
    assert stored_result(entry, "in", "other", outputs, tmp_path) is None
    assert stored_result(entry, "in", "fp", (("html", "a.html"),), tmp_path) is None
    (tmp_path / "a.md").write_text("edited\n", "utf-8")
    assert stored_result(entry, "in", "fp", outputs, tmp_path) is None


def test_stored_failures_repeat_unless_retryable_or_given_more_time(tmp_path: Path) -> None:
    def entry(code: str, timeout: float | None = None) -> dict[str, object]:
        return manifest_entry(replace(failure("a.txt", code, "x"), input_sha256="in"), "fp", timeout)

    kept = stored_result(entry("E304"), "in", "fp", (), tmp_path)
    assert kept is not None and kept.up_to_date and kept.status == "failed"
    assert stored_result(entry(WORKER_DIED), "in", "fp", (), tmp_path) is None
    assert stored_result(entry(TIMED_OUT, 10.0), "in", "fp", (), tmp_path, timeout=10.0) is not None
    assert stored_result(entry(TIMED_OUT, 10.0), "in", "fp", (), tmp_path, timeout=20.0) is None
    assert stored_result(entry(TIMED_OUT, 10.0), "in", "fp", (), tmp_path, timeout=None) is None


def test_fingerprint_follows_formats_and_profile_not_the_timeout() -> None:
    config = load_config(use_project=False)
    base = fingerprint(config, BatchOptions())
    assert fingerprint(config, BatchOptions(formats=("html", "pdf"))) == base  # order does not matter
    assert fingerprint(config, BatchOptions(formats=("md",))) != base
    assert fingerprint(config, BatchOptions(profile="plain")) != base
    timed = replace(config, raw={**config.raw, "batch": {**config.raw.get("batch", {}), "timeout": 5}})
    assert fingerprint(timed, BatchOptions()) == base


def test_remove_stale_parts_keeps_everything_else(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".a.md.x1.part").write_text("", "utf-8")
    (tmp_path / "sub" / ".b.pdf.x2.part").write_text("", "utf-8")
    (tmp_path / "a.md").write_text("", "utf-8")
    (tmp_path / "visible.part").write_text("", "utf-8")
    assert remove_stale_parts(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.md", "visible.part"]

"""Every data file is valid, listed in the manifest, and checked by its checker script."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "easyread" / "data"
MANIFEST = tomllib.loads((DATA / "MANIFEST.toml").read_text("utf-8"))


def test_every_data_file_is_in_the_manifest() -> None:
    listed = set(MANIFEST["files"])
    for path in DATA.iterdir():
        if path.suffix in (".tsv", ".txt", ".toml", ".gz") and path.name != "MANIFEST.toml":
            assert path.name in listed, f"{path.name} has no MANIFEST.toml entry (source, licence)"
    assert (DATA / "glossary").is_dir() and "glossary" in listed
    for name, entry in MANIFEST["files"].items():
        assert entry.get("source") and entry.get("licence") and entry.get("version"), name
        assert (DATA / name).exists(), f"MANIFEST lists {name}, which does not exist"
    for name, entry in MANIFEST.get("models", {}).items():
        assert (ROOT / "easyread" / "models" / name).exists(), name
        assert "CC BY-SA 4.0" in entry["licence"]


@pytest.mark.parametrize("script", ["check_lexicon.py", "check_glossary.py", "check_pictures.py"])
def test_checker_passes(script: str) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / script)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


@pytest.mark.parametrize("name", ["abbreviations.txt", "participles.txt", "keep.txt"])
def test_line_lists_sorted_unique_lowercase(name: str) -> None:
    lines = [line.strip() for line in (DATA / name).read_text("utf-8").splitlines()]
    entries = [line for line in lines if line and not line.startswith("#")]
    assert len(entries) == len(set(entries)), f"{name} has duplicates"
    if name == "participles.txt":
        assert entries == sorted(entries), f"{name} is not sorted"
    if name != "keep.txt":  # abbreviations are grouped by kind (titles, months, …), not sorted
        assert all(e == e.lower() for e in entries), f"{name} has upper-case entries"


def test_lexicon_no_self_maps_or_chains() -> None:
    from easyread.data import read_tsv

    rows = read_tsv(DATA / "lexicon.tsv", ("hard", "pos", "plain"))
    hard = {(r["hard"], r["pos"]) for r in rows}
    for r in rows:
        alternatives = r["plain"].split("|")
        assert r["hard"] not in alternatives, r
        assert (alternatives[0], r["pos"]) not in hard, f"chain: {r['hard']} -> {alternatives[0]}"


def test_a_toml_data_files_own_version_matches_its_manifest_entry() -> None:
    # The ledger names a rule's data by the version the file carries; MANIFEST must agree.
    for name, entry in MANIFEST["files"].items():
        path = DATA / name
        if path.suffix != ".toml" or not path.is_file():
            continue
        own = tomllib.loads(path.read_text("utf-8")).get("version")
        if own is not None:
            assert str(own) == str(entry["version"]), f"{name}: the file says {own}, MANIFEST {entry['version']}"

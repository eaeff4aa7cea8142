"""WeasyPrint's library lookup: one ldconfig listing instead of ~50 processes, same answers."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from easyread.render import libs

pytestmark = pytest.mark.skipif(not libs.fast_lookup_applies(), reason="Linux with /sbin/ldconfig only")

COUNT_PROCESSES = """
import sys
started = []
sys.addaudithook(lambda event, args: started.append(args[1]) if event == "subprocess.Popen" else None)
import easyread.render.pdf
print(len(started), started)
"""


@pytest.mark.parametrize("name", ["gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "pangoft2-1.0",
                                  "harfbuzz-subset", "libgobject-2.0-0", "gobject-2.0-0", "c", "m",
                                  "no-such-library-xyz"])
def test_same_answer_as_ctypes_first_method(name: str) -> None:
    expected = ctypes.util._findSoname_ldconfig(name)  # type: ignore[attr-defined]
    assert libs.ldconfig_find_library(name) == expected


def test_importing_the_pdf_renderer_starts_one_process() -> None:
    out = subprocess.run([sys.executable, "-W", "error", "-c", COUNT_PROCESSES], capture_output=True,
                         text=True, check=True, timeout=300)
    count, _, started = out.stdout.strip().partition(" ")
    assert int(count) <= 1, started  # /sbin/ldconfig -p, once


def test_ctypes_lookup_can_be_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EASYREAD_WEASYPRINT_LOOKUP", "ctypes")
    assert not libs.fast_lookup_applies()

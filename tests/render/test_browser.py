"""The HTML page in a real browser (issue 11, WCAG 1.4.10 reflow): headless Chromium runs the
vendored axe-core (tests/render/vendor/axe-core, MPL-2.0) on every profile's page at 1280 and
320 CSS px, measures horizontal overflow and checks that the embedded web font loads.

The page is put in an ``<iframe srcdoc>`` of the wanted width (headless Chromium does not make
windows narrower than about 500 px); a script inside runs axe and writes its result into the
parent page, which ``--dump-dom`` prints after ``--virtual-time-budget`` has let it finish.
Skipped, with the reason, when ``chromium`` is not on PATH (``.ci/run`` installs it).
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from easyread.document import Document, GlossEntry
from easyread.pipeline import read_document
from easyread.render import render_html

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (apt-get install chromium)")

RUNNER = """
window.addEventListener("load", function () {
  axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
    var root = document.documentElement;
    var out = {
      violations: r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
      }),
      scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
      fonts: Array.from(document.fonts).map(function (f) { return f.family + " " + f.weight + " " + f.status; })
    };
    parent.document.getElementById("result").textContent = JSON.stringify(out);
  }, function (e) { parent.document.getElementById("result").textContent = JSON.stringify({error: String(e)}); });
});
"""


def in_browser(page: str, width: int) -> dict[str, Any]:
    """axe violations, overflow and font status of ``page`` shown ``width`` CSS px wide."""
    assert CHROMIUM is not None
    inner = page.replace("</body>", f"<script>{AXE.read_text('utf-8')}</script><script>{RUNNER}</script></body>")
    outer = ('<!DOCTYPE html><html lang="en"><head><title>test</title></head><body style="margin:0">'
             '<pre id="result"></pre>'
             f'<iframe title="page" style="border:0;width:{width}px;height:900px" '
             f'srcdoc="{html.escape(inner, quote=True)}"></iframe></body></html>')
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wrap.html"
        path.write_text(outer, "utf-8")
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
             "--no-first-run", f"--user-data-dir={folder}/profile", f"--window-size={width + 100},1000",
             "--virtual-time-budget=30000", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
            env={**os.environ, "HOME": folder},
        )
    start = proc.stdout.find('<pre id="result">')
    assert start >= 0, proc.stderr[-2000:]
    text = proc.stdout[start + len('<pre id="result">'):proc.stdout.index("</pre>", start)]
    assert text, "axe did not finish: " + proc.stderr[-2000:]
    result: dict[str, Any] = json.loads(html.unescape(text))
    assert "error" not in result, result
    return result


def seed_doc() -> Document:
    """The seed, with a box-only term and a row holding a long URL and a very long word."""
    doc = read_document(SEED)
    sentence = list(doc.body_sentences())[3]
    sentence.text += (" See https://www.example.org/reports/2019/child-protection/annual-statistics-"
                      "and-helpline-figures.html or Rindfleischetikettierungsueberwachungsaufgabe.")
    doc.add_gloss(GlossEntry("strategy", "A plan to reach a goal over a long time.", None, "builtin"),
                  rule="test.gloss", reason="test")
    return doc


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    doc = seed_doc()
    return {p: render_html(doc, profile=p) for p in ("easy-read", "plain", "large-print")}


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("profile", ["easy-read", "plain", "large-print"])
def test_axe_finds_nothing_and_nothing_scrolls_sideways(pages: dict[str, str], profile: str, width: int) -> None:
    result = in_browser(pages[profile], width)
    assert result["violations"] == [], result["violations"]
    overflow = result["scrollWidth"] - result["clientWidth"]
    assert overflow <= 0, f"{overflow} px of horizontal overflow at {width} px"
    assert sorted(result["fonts"]) == ["Source Sans Pro 400 loaded", "Source Sans Pro 700 loaded"]


def test_the_overflow_measure_sees_overflow(pages: dict[str, str]) -> None:
    """A page with an unbreakable 600 px element does overflow: the measure above is real."""
    page = pages["plain"].replace("</main>", '<div style="width:600px;height:10px"></div></main>')
    result = in_browser(page, 320)
    assert result["scrollWidth"] > result["clientWidth"]

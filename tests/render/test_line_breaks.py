"""Lines break where the words run out, not after the first word (blind picture review 9:
"The / animal science students", "Liz / Mair", "“roughed up”, / appeared").

WeasyPrint 70 compares a line's width *with* its trailing space against the room it has; a
line that fits only without that space was cut after its first word.
``easyread.render.pdf`` wraps the line splitter so that such a line is kept whole."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from easyread.render.html import load_css, settings_for
from easyread.render.pdf import html_to_pdf

pytestmark = pytest.mark.pdf

#: Sentences of the review's articles that were cut after their first word, as they stood.
SENTENCES = [
    "Liz Mair, a Republican strategist organizing an anti- Trump <strong>fundraising</strong> "
    "committee, worries that many of the comments seen as mistakes by the liberal media are "
    "carefully designed to boost his standing with his core supporters.",
    "The animal science students have spent the day observing <strong>droppings</strong> and paw "
    "prints in the spruce-clad Beskidy mountains of the Polish Carpathians.",
    "A plain sentence with no bold words in it that runs on for a while, so that it needs "
    "two or three lines of the column to be set.",
]


def first_lines(widths_mm: list[float]) -> list[str]:
    """The first line of every sentence set in an easy-read words column of each width."""
    css = load_css(settings_for("easy-read"), for_pdf=True)
    body = "".join(
        f'<div class="row text" style="width:{w + 33}mm"><div class="pic"></div>'
        f'<p class="words">{s}</p></div>'
        for w in widths_mm for s in SENTENCES
    )
    html = (f'<!DOCTYPE html><html lang="en"><head><title>t</title><style>{css}</style></head>'
            f'<body class="profile-easy-read"><main>{body}</main></body></html>')
    data = html_to_pdf(html, variant=None).data
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    starts = [s.split()[0] for s in SENTENCES]
    return [line for line in text.splitlines() if line.split() and line.split()[0] in starts]


def test_a_line_that_fits_without_its_trailing_space_is_not_cut_after_one_word() -> None:
    # 137 mm is the easy-read words column on A4, where both sentences were cut; the sweep
    # around it catches the same fault at other widths.
    widths = [130 + 0.5 * k for k in range(21)]
    lines = first_lines(widths)
    assert len(lines) == len(widths) * len(SENTENCES)
    assert all(len(line.split()) > 2 for line in lines), [ln for ln in lines if len(ln.split()) <= 2]

"""The segment stage: split each block into sentences and tokens, and mark quotations.

Sentences get stable ids (``b3.s2``), character spans back to the source, 1-based line and
column, and ``protected`` spans: the direct quotations inside them, which no rule may change.
"""

from __future__ import annotations

import bisect
import re

from easyread.document import Document, Sentence, retokenize
from easyread.nlp import sentence_spans

# Opening/closing pairs. Straight double quotes pair up in order; a curly opening quote
# without a closing one runs to the end of the block (the UK style for multi-paragraph
# quotations, where only the last paragraph closes the quote).
# A curly opening quote followed by another opening quote before any closing one ends where the
# next begins (`“We are pleased … warnings. “However, …”`: one mark was left out; the words are
# still the speaker's).
_CURLY = re.compile(r"“[^“”]*(?:”|$|(?=“))")
_STRAIGHT = re.compile(r'(?:(?<=^)|(?<=[\s(\[—–-]))"[^"\n]*(?:"|$)')
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘[^‘’]*(?:’(?![a-z])|$)")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the direct quotations in ``text`` (quote marks included).

    >>> quote_spans('He said: “We will act.” Then he left.')
    [(9, 23)]
    >>> quote_spans('He said: “We act. “But not now.”')
    [(9, 18), (18, 32)]
    """
    spans: list[tuple[int, int]] = []
    for mark, pattern in (("“", _CURLY), ('"', _STRAIGHT), ("‘", _SINGLE)):
        if mark not in text:
            continue  # every match starts with the mark: skip the scan
        for m in pattern.finditer(text):
            s, e = m.span()
            if e - s <= 1:
                continue
            if not any(s < pe and e > ps for ps, pe in spans):
                spans.append((s, e))
    # A closing quote alone at the start of a block ends a quotation opened earlier.
    first_close = text.find("”")
    if (first_close >= 0 and "“" not in text[:first_close]
            and not any(s <= first_close < e for s, e in spans)):
        spans.append((0, first_close + 1))
    return sorted(spans)


class _Lines:
    """1-based (line, column) of offsets in a text (as :class:`easyread.document.LineIndex`,
    built with ``str.find`` rather than a loop over every character)."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def segment(doc: Document, *, tokens: bool = True) -> Document:
    """Fill every block's sentences (ids, tokens, origins, lines, quotations).

    ``tokens=False`` leaves every sentence's ``tokens`` empty: for scoring only, which
    works from the sentence texts (:func:`easyread.score.score`); a document segmented so
    must not be rewritten.
    """
    index = _Lines(doc.source.text)
    open_quote = False  # a curly quotation left open at the end of the block before
    for block in doc.blocks:
        quotes = quote_spans(block.text)
        if block.kind in ("title", "heading"):
            open_quote = False
        elif open_quote and "“" not in block.text and "”" not in block.text:
            # A middle paragraph of a quotation that runs over several paragraphs (opened
            # earlier, closed later, no marks of its own): all of it is the speaker's words.
            quotes = [(0, len(block.text))]
        last_open, last_close = block.text.rfind("“"), block.text.rfind("”")
        if last_open > last_close:
            open_quote = block.kind not in ("title", "heading")
        elif last_close > last_open:
            open_quote = False
        block.sentences = []
        for n, (s, e) in enumerate(sentence_spans(block.text), 1):
            text = block.text[s:e]
            origin = (block.origin[0] + s, block.origin[0] + e) if block.origin else None
            line: int | None
            column: int | None
            if origin is not None:
                line, column = index.position(origin[0])
            else:
                line, column = block.line, None
            protected = [
                (max(qs, s) - s, min(qe, e) - s) for qs, qe in quotes if qs < e and qe > s
            ]
            sentence = Sentence(
                id=f"{block.id}.s{n}",
                text=text,
                origin=origin,
                line=line,
                column=column,
                protected=[p for p in protected if p[1] > p[0]],
            )
            if tokens:
                retokenize(sentence)
            block.sentences.append(sentence)
    return doc

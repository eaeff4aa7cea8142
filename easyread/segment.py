"""The segment stage: split each block into sentences and tokens, and mark quotations.

Sentences get stable ids (``b3.s2``), character spans back to the source, 1-based line and
column, and ``protected`` spans: the direct quotations inside them, which no rule may change.
"""

from __future__ import annotations

import re

from easyread.document import Document, LineIndex, Sentence, retokenize
from easyread.nlp import sentence_spans

# Opening/closing pairs. Straight double quotes pair up in order; a curly opening quote
# without a closing one runs to the end of the block (the UK style for multi-paragraph
# quotations, where only the last paragraph closes the quote).
_CURLY = re.compile(r"“[^“”]*(?:”|$)")
_STRAIGHT = re.compile(r'(?:(?<=^)|(?<=[\s(\[—–-]))"[^"\n]*(?:"|$)')
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘[^‘’]*(?:’(?![a-z])|$)")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the direct quotations in ``text`` (quote marks included).

    >>> quote_spans('He said: “We will act.” Then he left.')
    [(9, 23)]
    """
    spans: list[tuple[int, int]] = []
    for pattern in (_CURLY, _STRAIGHT, _SINGLE):
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


def segment(doc: Document) -> Document:
    """Fill every block's sentences (ids, tokens, origins, lines, quotations)."""
    index = LineIndex(doc.source.text)
    for block in doc.blocks:
        quotes = quote_spans(block.text)
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
            retokenize(sentence)
            block.sentences.append(sentence)
    return doc

"""The seed document with glossary entries added through the gloss door, for the render tests."""

from __future__ import annotations

from pathlib import Path

from easyread.document import Document, GlossEntry
from easyread.pipeline import read_document

SEED = Path(__file__).resolve().parents[2] / "seeds" / "javid-cse-strategy-2019.txt"
NSPCC = "National Society for the Prevention of Cruelty to Children"
STRATEGY = ("strategy", "A plan to reach a goal over a long time.")


def glossed_seed(box_terms: tuple[tuple[str, str], ...] = (STRATEGY,)) -> Document:
    """The seed with the NSPCC explained in the text and ``box_terms`` (term, explanation)
    explained only in the "Hard words" box."""
    doc = read_document(SEED)
    nspcc = next(s.id for s in doc.body_sentences() if "NSPCC" in s.text)
    doc.add_gloss(
        GlossEntry("NSPCC", "A charity that keeps children safe.", nspcc, "builtin", "acronym", NSPCC),
        rule="test.gloss", reason="test", explanation_sentence="The NSPCC is a charity that keeps children safe.",
    )
    for term, explanation in box_terms:
        doc.add_gloss(GlossEntry(term, explanation, None, "builtin"), rule="test.gloss", reason="test")
    return doc

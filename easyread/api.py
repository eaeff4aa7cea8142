"""The public library API, as plain functions (no callable modules, no lazy tricks).

>>> from easyread.api import rewrite, score
>>> score("The cat sat on the mat. It was happy.").indicators["sentences"]
2.0
>>> rewrite("Title\\nThe minister commenced the work prior to the vote.").text().splitlines()[-1]
'The minister started the work before the vote.'

``easyread`` re-exports these names (``from easyread import process, read_document``), except
``score``, ``rewrite`` and ``suggest``, which there are also the names of modules: use them from
here, or ``easyread.score_text`` and ``easyread.rewrite_text``. Calling the module
``easyread.rewrite`` or ``easyread.suggest`` still works but is deprecated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from easyread.config import Config, load_config
from easyread.document import Document
from easyread.pipeline import process, read_document

if TYPE_CHECKING:
    from easyread.check import CheckReport
    from easyread.score import Scores
    from easyread.suggest import SuggestResult

__all__ = [
    "Document",
    "check",
    "load_config",
    "process",
    "read_document",
    "rewrite",
    "score",
    "suggest",
]


def score(text: str, *, fmt: str = "txt") -> Scores:
    """Score a text: textstat formulas (identical values) and easy-read indicators."""
    from easyread.pipeline import document_from_text
    from easyread.score import score as score_doc

    config = load_config(use_project=False)
    doc = document_from_text(text, fmt=fmt)
    return score_doc(doc, hard_word_zipf=config.hard_word_zipf, reading_wpm=config.reading_wpm)


def rewrite(text: str, *, profile: str = "plain", fmt: str = "txt", config: Config | None = None) -> Document:
    """Rewrite a text into plain language (``profile="plain"``) or easy read (``"easy-read"``).

    Returns the processed :class:`Document`; ``doc.text()`` is the new text and
    ``doc.explain()`` the edit ledger.
    """
    from easyread.pipeline import document_from_text

    config = config or load_config(profile=profile, use_project=False)
    return process(document_from_text(text, fmt=fmt), config)


def check(paths: list[str], *, profile: str | None = None) -> CheckReport:
    """Check files against the configured thresholds; returns a CheckReport."""
    from easyread.check import check_files

    return check_files(paths, load_config(profile=profile))


def suggest(sentence: str, word: str, *, limit: int = 5) -> SuggestResult:
    """Ranked plainer substitutes for ``word`` as it is used in ``sentence``
    (:func:`easyread.suggest.suggest`)."""
    from easyread.suggest import suggest as suggest_word

    return suggest_word(sentence, word, limit=limit)

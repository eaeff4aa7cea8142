"""easyread: score readability, check it in CI, rewrite articles into plain language and easy
read, and render accessible easy-read PDF and HTML — offline.

The public API (everything else is internal)::

    from easyread import read_document, process, rewrite, score_text, load_config

    doc = read_document("article.txt")
    doc = process(doc, load_config(profile="easy-read"))
    print(doc.text())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Document",
    "__version__",
    "check",
    "load_config",
    "process",
    "read_document",
    "render_html",
    "render_pdf",
    "rewrite",
    "rewrite_text",
    "score_text",
    "suggest",
]

if TYPE_CHECKING:
    from easyread.config import Config
    from easyread.document import Document
    from easyread.score import Scores


def __getattr__(name: str) -> Any:
    # Lazy exports keep `import easyread` cheap (the CLI's cold start matters in CI).
    if name == "Document":
        from easyread.document import Document

        return Document
    if name == "load_config":
        from easyread.config import load_config

        return load_config
    if name in ("process", "read_document"):
        from easyread import pipeline

        return getattr(pipeline, name)
    if name == "rewrite":
        # The package easyread.rewrite is callable: easyread.rewrite(text, profile=...) runs
        # rewrite_text (a plain function attribute would be replaced by the package on import).
        import easyread.rewrite

        return easyread.rewrite
    if name == "suggest":
        # easyread.suggest(sentence, word): the module is callable, like easyread.rewrite.
        import easyread.suggest

        return easyread.suggest
    if name in ("render_html", "render_pdf"):
        from easyread import render

        return getattr(render, name)
    raise AttributeError(f"module 'easyread' has no attribute {name!r}")


def score_text(text: str, *, fmt: str = "txt") -> Scores:
    """Score a text: textstat formulas (identical values) and easy-read indicators."""
    from easyread.config import load_config
    from easyread.pipeline import document_from_text
    from easyread.score import score

    config = load_config(use_project=False)
    doc = document_from_text(text, fmt=fmt)
    return score(doc, hard_word_zipf=config.hard_word_zipf, reading_wpm=config.reading_wpm)


def rewrite_text(text: str, *, profile: str = "plain", fmt: str = "txt", config: Config | None = None) -> Document:
    """Rewrite a text into plain language (``profile="plain"``) or easy read (``"easy-read"``).

    Returns the processed :class:`Document`; ``doc.text()`` is the new text and
    ``doc.explain()`` the edit ledger.
    """
    from easyread.config import load_config
    from easyread.pipeline import document_from_text, process

    config = config or load_config(profile=profile, use_project=False)
    return process(document_from_text(text, fmt=fmt), config)


def check(paths: list[str], *, profile: str | None = None) -> Any:
    """Check files against the configured thresholds; returns a CheckReport."""
    from easyread.check import check_files
    from easyread.config import load_config

    return check_files(paths, load_config(profile=profile))

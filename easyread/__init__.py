"""easyread: score readability, check it in CI, rewrite articles into plain language and easy
read, and render accessible easy-read PDF and HTML — offline.

The public API is :mod:`easyread.api`, plain functions (everything else is internal)::

    from easyread.api import load_config, process, read_document, rewrite, score

    doc = read_document("article.txt")
    doc = process(doc, load_config(profile="easy-read"))
    print(doc.text())

The same names are exported here, lazily (``import easyread`` stays cheap), except ``score``,
``rewrite`` and ``suggest``, which here are modules: ``easyread.score_text`` and
``easyread.rewrite_text`` are their functions. Calling the module ``easyread.rewrite`` or
``easyread.suggest`` still works but warns (DeprecationWarning).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# Modules that moved still import under their old names (easyread.deprecation.MOVED).
from easyread.deprecation import install_moved_modules

install_moved_modules()

__all__ = [
    "Document",
    "__version__",
    "check",
    "load_config",
    "process",
    "read_document",
    "render_html",
    "render_pdf",
    "rewrite_text",
    "score_text",
]

# name here -> name in easyread.api
_API = {
    "Document": "Document",
    "check": "check",
    "load_config": "load_config",
    "process": "process",
    "read_document": "read_document",
    "rewrite_text": "rewrite",
    "score_text": "score",
}


def __getattr__(name: str) -> Any:
    # Lazy exports keep `import easyread` cheap (the CLI's cold start matters in CI).
    if name in _API:
        from easyread import api

        return getattr(api, _API[name])
    if name in ("rewrite", "suggest"):
        # The modules easyread.rewrite and easyread.suggest (deprecated: callable; see
        # easyread.deprecation): a function attribute would be replaced by the module on import.
        import importlib

        return importlib.import_module(f"easyread.{name}")
    if name in ("render_html", "render_pdf"):
        from easyread import render

        return getattr(render, name)
    raise AttributeError(f"module 'easyread' has no attribute {name!r}")

"""Rewrite stages, in one table: name -> stage.

The default order lives in ``default_config.toml`` (``pipeline = [...]``): numbers first (so
later stages see plain numbers), words, split (after words, because swaps shorten sentences),
gloss last (so explanations are neither rewritten nor split).
"""

from __future__ import annotations

from typing import Any

from easyread.deprecation import make_callable
from easyread.pipeline import Stage
from easyread.rewrite import gloss, numbers, split, words

STAGES: dict[str, Stage] = {
    "numbers": numbers.STAGE,
    "words": words.STAGE,
    "split": split.STAGE,
    "gloss": gloss.STAGE,
}



def _rewrite() -> Any:
    from easyread.api import rewrite

    return rewrite


# Deprecated: ``easyread.rewrite(text, ...)`` calls easyread.api.rewrite and warns.
make_callable(__name__, _rewrite, "easyread.api.rewrite or easyread.rewrite_text")

"""Rewrite stages, in one table: name -> stage.

The default order lives in ``default_config.toml`` (``pipeline = [...]``): numbers first (so
later stages see plain numbers), words, split (after words, because swaps shorten sentences),
gloss last (so explanations are neither rewritten nor split).
"""

from __future__ import annotations

from easyread.pipeline import Stage
from easyread.rewrite import gloss, numbers, split, words

STAGES: dict[str, Stage] = {
    "numbers": numbers.STAGE,
    "words": words.STAGE,
    "split": split.STAGE,
    "gloss": gloss.STAGE,
}

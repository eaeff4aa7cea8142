"""Rewrite stages, in one table: name -> stage.

The default order lives in ``default_config.toml`` (``pipeline = [...]``): numbers first (so
later stages see plain numbers), words, split (after words, because swaps shorten sentences),
gloss last (so explanations are neither rewritten nor split).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from easyread.pipeline import Stage
from easyread.rewrite import gloss, numbers, split, words

STAGES: dict[str, Stage] = {
    "numbers": numbers.STAGE,
    "words": words.STAGE,
    "split": split.STAGE,
    "gloss": gloss.STAGE,
}


class _CallableModule(types.ModuleType):
    """``easyread.rewrite(text, profile=...)`` keeps working once this package is imported.

    Importing ``easyread.rewrite`` sets the attribute ``easyread.rewrite`` to this package,
    which would hide the library function of the same name; calling the package calls it.
    """

    def __call__(self, text: str, **kwargs: Any) -> Any:
        from easyread import rewrite_text

        return rewrite_text(text, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

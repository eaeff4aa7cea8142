"""The one place for the deprecated callable modules ``easyread.rewrite`` and ``easyread.suggest``.

Importing a submodule sets the attribute of the same name on ``easyread``, which hid the library
functions ``easyread.rewrite(text)`` and ``easyread.suggest(sentence, word)``; those modules
were made callable. Calling them still works and warns: the plain functions are in
:mod:`easyread.api`.
"""

from __future__ import annotations

import sys
import types
import warnings
from collections.abc import Callable
from typing import Any


def make_callable(module_name: str, target: Callable[[], Callable[..., Any]], instead: str) -> None:
    """Make the module ``module_name`` callable: a call warns (DeprecationWarning, naming
    ``instead``) and calls the function ``target()`` returns."""

    class _DeprecatedCallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            warnings.warn(
                f"calling the module {module_name} is deprecated; use {instead}",
                DeprecationWarning,
                stacklevel=2,
            )
            return target()(*args, **kwargs)

    sys.modules[module_name].__class__ = _DeprecatedCallableModule

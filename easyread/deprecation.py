"""Old names kept working, in one place: the deprecated callable modules ``easyread.rewrite``
and ``easyread.suggest``, and the modules that moved (:data:`MOVED`).

Importing a submodule sets the attribute of the same name on ``easyread``, which hid the library
functions ``easyread.rewrite(text)`` and ``easyread.suggest(sentence, word)``; those modules
were made callable. Calling them still works and warns: the plain functions are in
:mod:`easyread.api`.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import importlib.abc


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


#: Modules that moved (issue 15): the old name still imports, as the same module object.
MOVED: dict[str, str] = {
    "easyread.pictures": "easyread.render.pictures",
    "easyread.rewrite.output": "easyread.report.document",
    "easyread.render.checks": "easyread.render.accessibility",
}


# The loader and finder follow importlib's protocols without subclassing importlib.abc, whose
# import (importlib.resources, tempfile, shutil, random) cost every cold start ~5 ms.
class _Alias:
    def __init__(self, new_name: str) -> None:
        self.new_name = new_name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return importlib.import_module(self.new_name)

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the module under its new name is already loaded."""


class _MovedFinder:
    """Finds a moved module under its old name (:data:`MOVED`)."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        new_name = MOVED.get(fullname)
        if new_name is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("importlib.abc.Loader", _Alias(new_name)))


def install_moved_modules() -> None:
    """Let the old names of :data:`MOVED` import (once per process)."""
    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder())

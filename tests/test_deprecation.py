"""easyread.deprecation: old names keep working — callable modules (with a warning) and moved
modules (the same module object)."""

from __future__ import annotations

import importlib
import sys

import pytest

from easyread.deprecation import MOVED, _MovedFinder, install_moved_modules, make_callable


def test_install_is_idempotent() -> None:
    install_moved_modules()
    install_moved_modules()
    assert sum(isinstance(f, _MovedFinder) for f in sys.meta_path) == 1


def test_moved_names_point_at_existing_modules() -> None:
    for old, new in MOVED.items():
        assert importlib.util.find_spec(new) is not None, new
        assert importlib.import_module(old) is importlib.import_module(new)
    assert _MovedFinder().find_spec("easyread.not_moved", None) is None


def test_make_callable_warns_and_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    module = types.ModuleType("easyread_test_callable")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    make_callable(module.__name__, lambda: (lambda x: x * 2), "double()")
    with pytest.deprecated_call(match="calling the module easyread_test_callable is deprecated; use double()"):
        assert module(21) == 42  # type: ignore[operator]

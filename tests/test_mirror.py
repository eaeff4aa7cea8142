"""The tests mirror the package: every module ``easyread/<dir>/<name>.py`` (not ``__init__`` or
``__main__``) has ``tests/<dir>/test_<name>.py`` or ``tests/<dir>/test_<name>_<topic>.py``."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "easyread"
TESTS = ROOT / "tests"


def unmirrored() -> list[str]:
    missing = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module.stem in ("__init__", "__main__"):
            continue
        rel = module.relative_to(PACKAGE)
        folder = TESTS / rel.parent
        names = [f"test_{module.stem}.py", *(p.name for p in folder.glob(f"test_{module.stem}_*.py"))]
        if not any((folder / name).is_file() for name in names):
            missing.append(f"easyread/{rel.as_posix()} has no tests/{rel.parent.as_posix()}/test_{module.stem}.py"
                           .replace("tests/./", "tests/"))
    return missing


def test_every_module_has_a_mirrored_test_module() -> None:
    assert unmirrored() == []


def test_the_check_sees_modules_at_every_depth() -> None:
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert {"score.py", "cli/options.py", "rewrite/split/parsed.py"} <= modules

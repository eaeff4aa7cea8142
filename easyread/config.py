"""Configuration: defaults, config files, profiles and thresholds.

Sources, each overriding the ones before it:

1. ``easyread/default_config.toml`` (the only place defaults are written);
2. ``[tool.easyread]`` in the nearest ``pyproject.toml``, or the nearest ``easyread.toml``;
3. a file given with ``--config``;
4. CLI flags (passed as ``overrides``).

Thresholds are comparison strings (``"<= 9"`` or ``"smog_index<=9"``) read by a small parser;
nothing is ``eval``'d.
"""

from __future__ import annotations

import operator
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from easyread.errors import ConfigError, InputNotFound, ProfileError, ThresholdError
from easyread.io import read_option_file

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "==": operator.eq,
    "!=": operator.ne,
}
# A metric is a name, or a dotted name for a field of an object (``level.grade``, issue 12).
_THRESHOLD = re.compile(r"^\s*([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)?\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Threshold:
    """One check: ``metric op value`` (e.g. ``flesch_kincaid_grade <= 9``)."""

    metric: str
    op: str
    value: float

    def passes(self, actual: float) -> bool:
        return _OPS[self.op](actual, self.value)

    @property
    def lower_is_better(self) -> bool:
        return self.op in ("<=", "<")

    def __str__(self) -> str:
        value = int(self.value) if self.value == int(self.value) else self.value
        return f"{self.metric} {self.op} {value}"


def parse_threshold(text: str, metric: str | None = None) -> Threshold:
    """Parse ``"smog_index<=9"`` or, with ``metric`` given, ``"<= 9"``.

    >>> parse_threshold("smog_index <= 9")
    Threshold(metric='smog_index', op='<=', value=9.0)
    """
    m = _THRESHOLD.match(str(text))
    if not m or not (m.group(1) or metric):
        raise ThresholdError(
            f"cannot read threshold {text!r}: write it as 'metric <= number', e.g. 'smog_index<=9'"
        )
    return Threshold(m.group(1) or str(metric), m.group(2), float(m.group(3)))


@dataclass(frozen=True)
class Config:
    profile: str = "plain"
    pipeline: tuple[str, ...] = ("numbers", "words", "split", "gloss")
    max_bytes: int = 5 * 1024 * 1024
    min_words: int = 10
    hard_word_zipf: float = 4.0
    reading_wpm: int = 200
    thresholds: tuple[Threshold, ...] = ()
    max_sentence_words: int | None = None
    rewrite_max_words: int = 20
    glossary_files: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict)

    def rule_enabled(self, rule_id: str) -> bool:
        """Rules are addressed by prefix (``split``) or full id; the more specific key wins."""
        parts = rule_id.split(".")
        for n in range(len(parts), 0, -1):
            key = ".".join(parts[:n])
            if key in self.rules and "enabled" in self.rules[key]:
                return bool(self.rules[key]["enabled"])
        return True


@lru_cache(maxsize=1)
def _default_config_text() -> str:
    # Read once per process: a batch worker that has dropped privileges (or whose package
    # folder became unreadable) still has the defaults it started with.
    return (Path(__file__).resolve().parent / "default_config.toml").read_text("utf-8")


def default_config_dict() -> dict[str, Any]:
    """The defaults (a fresh dict on every call: callers may change it)."""
    return tomllib.loads(_default_config_text())


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


#: A config file larger than this is refused (E306).
MAX_CONFIG_BYTES = 1024 * 1024


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML config file; only a regular file is read (never a FIFO or a device)."""
    try:
        data = read_option_file(path, what="config file", max_bytes=MAX_CONFIG_BYTES)
    except InputNotFound:
        raise ConfigError(f"config file not found: {path}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _is_file(path: Path) -> bool:
    """``path.is_file()``, with a folder we may not look into (another user's, mode 700) as no file."""
    try:
        return path.is_file()
    except OSError:
        return False


def find_project_config(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``easyread.toml`` or ``pyproject.toml`` with ``[tool.easyread]``.

    Folders that cannot be searched (no permission) are passed over, as if they held neither.
    """
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:
        return None
    for folder in (here, *here.parents):
        candidate = folder / "easyread.toml"
        if _is_file(candidate):
            data = _read_toml(candidate)
            return candidate, dict(data.get("tool", {}).get("easyread", data))
        candidate = folder / "pyproject.toml"
        if _is_file(candidate):
            data = _read_toml(candidate)
            section = data.get("tool", {}).get("easyread")
            if section is not None:
                return candidate, dict(section)
    return None


def _flat_checks(table: Mapping[str, Any]) -> dict[str, str]:
    """A ``[check]`` table as ``metric -> "<= N"``; a dotted TOML key (``level.grade = "<= 4"``,
    which TOML reads as a nested table) becomes the metric ``level.grade``."""
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            out.update({f"{key}.{k}": v for k, v in _flat_checks(value).items()})
        else:
            out[key] = str(value)
    return out


def load_config(
    *,
    config_file: str | Path | None = None,
    profile: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    extra_thresholds: list[str] | None = None,
    start: Path | None = None,
    use_project: bool = True,
) -> Config:
    """Build the merged :class:`Config` (see module docstring for the order)."""
    merged = default_config_dict()
    sources = ["easyread:default_config.toml"]
    if use_project:
        found = find_project_config(start)
        if found:
            merged = _merge(merged, found[1])
            sources.append(str(found[0]))
    if config_file:
        path = Path(config_file)
        data = _read_toml(path)
        merged = _merge(merged, data.get("tool", {}).get("easyread", data))
        sources.append(str(path))
    if overrides:
        merged = _merge(merged, {k: v for k, v in overrides.items() if v is not None})
    name = profile or str(merged.get("profile", "plain"))
    profiles = merged.get("profiles", {})
    if name not in profiles:
        raise ProfileError(f"unknown profile {name!r}; choose one of: {', '.join(sorted(profiles))}")
    prof = profiles[name]
    checks: dict[str, str] = _flat_checks(prof.get("check", {}))
    checks.update(_flat_checks(merged.get("check", {})))
    thresholds = [parse_threshold(str(v), k) for k, v in checks.items()]
    for text in extra_thresholds or []:
        thresholds.append(parse_threshold(text))
    # A later threshold on the same metric and direction replaces an earlier one.
    by_key: dict[tuple[str, bool], Threshold] = {}
    for t in thresholds:
        by_key[(t.metric, t.lower_is_better)] = t
    scoring = merged.get("scoring", {})
    max_words = merged.get("max_sentence_words", prof.get("max_sentence_words"))
    try:
        return Config(
            profile=name,
            pipeline=tuple(merged.get("pipeline", ())),
            max_bytes=int(merged.get("max_bytes", 5 * 1024 * 1024)),
            min_words=int(merged.get("min_words", 10)),
            hard_word_zipf=float(scoring.get("hard_word_zipf", 4.0)),
            reading_wpm=int(scoring.get("reading_wpm", 200)),
            thresholds=tuple(by_key.values()),
            max_sentence_words=int(max_words) if max_words is not None else None,
            rewrite_max_words=int(prof.get("rewrite_max_words", 20)),
            glossary_files=tuple(str(g) for g in merged.get("glossary", ())),
            keep=tuple(str(k).lower() for k in merged.get("keep", ())),
            rules=dict(merged.get("rules", {})),
            sources=tuple(sources),
            raw=merged,
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad configuration value: {exc}") from None

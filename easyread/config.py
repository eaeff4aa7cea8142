"""Configuration: defaults, config files, profiles and thresholds.

Sources, each overriding the ones before it:

1. ``easyread/default_config.toml`` (the only place defaults are written);
2. ``[tool.easyread]`` in the nearest ``pyproject.toml``, or the nearest ``easyread.toml``;
3. a file given with ``--config``;
4. CLI flags (passed as ``overrides``).

Every default, every profile and every profile trait (``easy``, ``[profiles.<name>.render]``)
is written in ``default_config.toml`` only; :class:`Config` reads its defaults from there too,
and :meth:`Config.profile_settings` turns a profile's traits into typed
:class:`ProfileSettings` once, for the rewrite stages and the renderer.

Thresholds are comparison strings (``"<= 9"`` or ``"smog_index<=9"``) read by a small parser;
nothing is ``eval``'d.
"""

from __future__ import annotations

import copy
import operator
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from easyread.errors import ConfigError, InputNotFound, ProfileError, ThresholdError
from easyread.inputs import read_option_file

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


#: The smallest body size easyread will render, in points (EL-01: UK gov and DH say 14 pt).
MIN_BODY_PT = 14.0


@dataclass(frozen=True)
class ProfileRender:
    """How a profile's pages look (``[profiles.<name>.render]`` in ``default_config.toml``)."""

    stylesheet: str
    layout: str  # "rows" (one sentence per row) or "article"
    pictures: bool
    font_size_pt: float
    min_font_size_pt: float
    max_pages: int
    version_note: str
    #: The cover heading of a document with no title of its own (a file name is never one).
    untitled: str = "An easy read article"


@dataclass(frozen=True)
class ProfileSettings:
    """A profile's traits, typed: ``easy`` (the easy-read rules run) and its page layout
    (``None``: the profile has no ``render`` table, so it cannot be rendered)."""

    name: str
    easy: bool
    render: ProfileRender | None


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    return tomllib.loads(_default_config_text())


def _default(*keys: str) -> Any:
    """A value of ``default_config.toml`` (a dataclass default of :class:`Config`)."""
    value: Any = _defaults()
    for key in keys:
        value = value[key]
    return value


def _default_profile(key: str) -> Any:
    return _default("profiles", _default("profile"), key)


@dataclass(frozen=True)
class Config:
    """The merged configuration; a field left out takes its value from ``default_config.toml``."""

    profile: str = field(default_factory=lambda: str(_default("profile")))
    pipeline: tuple[str, ...] = field(default_factory=lambda: tuple(_default("pipeline")))
    max_bytes: int = field(default_factory=lambda: int(_default("max_bytes")))
    #: the work budget of the commands that rewrite (:func:`work_budget`)
    rewrite_max_bytes: int = field(default_factory=lambda: int(_default("rewrite_max_bytes")))
    min_words: int = field(default_factory=lambda: int(_default("min_words")))
    hard_word_zipf: float = field(default_factory=lambda: float(_default("scoring", "hard_word_zipf")))
    reading_wpm: int = field(default_factory=lambda: int(_default("scoring", "reading_wpm")))
    thresholds: tuple[Threshold, ...] = ()
    max_sentence_words: int | None = None
    rewrite_max_words: int = field(default_factory=lambda: int(_default_profile("rewrite_max_words")))
    glossary_files: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: dict(_default("rules")))
    sources: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict)
    #: ``[render] styles``: a folder of stylesheets replacing ``easyread/styles``.
    render_styles: str | None = None
    #: ``[review] decisions``: an editor's decisions file, read by every renderer.
    review_decisions: str | None = None
    _profiles: dict[str, ProfileSettings] = field(default_factory=dict, init=False, repr=False, compare=False)

    def profile_settings(self, name: str | None = None) -> ProfileSettings:
        """The typed traits of profile ``name`` (default: this config's), read once.

        >>> s = Config().profile_settings("easy-read")
        >>> s.easy, s.render.layout, s.render.font_size_pt
        (True, 'rows', 16.0)
        """
        name = name or self.profile
        if name not in self._profiles:
            self._profiles[name] = _profile_settings(name, self.raw or _defaults())
        return self._profiles[name]

    @property
    def easy(self) -> bool:
        """True when this config's profile runs the easy-read rules."""
        return self.profile_settings().easy

    def rule_enabled(self, rule_id: str) -> bool:
        """Rules are addressed by prefix (``split``) or full id; the more specific key wins."""
        parts = rule_id.split(".")
        for n in range(len(parts), 0, -1):
            key = ".".join(parts[:n])
            if key in self.rules and "enabled" in self.rules[key]:
                return bool(self.rules[key]["enabled"])
        return True


def _profile_settings(name: str, merged: Mapping[str, Any]) -> ProfileSettings:
    profiles = merged.get("profiles", {})
    if name not in profiles:
        raise ProfileError(f"unknown profile {name!r}; choose one of: {', '.join(sorted(profiles))}")
    table = profiles[name]
    section = table.get("render")
    render: ProfileRender | None = None
    if section:
        where = f"profiles.{name}.render"
        try:
            size = float(section["font_size_pt"])
        except (TypeError, ValueError):
            raise ConfigError(f"{where}.font_size_pt must be a number, not {section['font_size_pt']!r}") from None
        except KeyError:
            raise ConfigError(f"{where} has no font_size_pt") from None
        try:
            render = ProfileRender(
                stylesheet=str(section["stylesheet"]),
                layout=str(section["layout"]),
                pictures=bool(section["pictures"]),
                font_size_pt=size,
                min_font_size_pt=max(MIN_BODY_PT, float(section["min_font_size_pt"])),
                max_pages=int(section["max_pages"]),
                version_note=str(section["version_note"]),
                untitled=str(section.get("untitled") or ProfileRender.untitled),
            )
        except KeyError as exc:
            raise ConfigError(f"{where} has no {exc.args[0]} (a profile of your own needs a whole render table)") from None
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"bad configuration value in {where}: {exc}") from None
        if render.layout not in ("rows", "article"):
            raise ConfigError(f"{where}.layout must be 'rows' or 'article', not {render.layout!r}")
        if size < render.min_font_size_pt:
            raise ConfigError(
                f"{where}.font_size_pt = {size:g} is below the minimum of "
                f"{render.min_font_size_pt:g} pt for this profile (EL-01)"
            )
    return ProfileSettings(name=name, easy=bool(table.get("easy", False)), render=render)


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The defaults alone (no project file), built once: for callers given no config."""
    return load_config(use_project=False)


def easy_profiles() -> frozenset[str]:
    """The built-in profiles (``default_config.toml``) whose ``easy`` trait is set. The stages
    read a config's own trait, ``config.easy``, which a user's profile may set too.

    >>> sorted(easy_profiles())
    ['easy-read', 'large-print']
    """
    return frozenset(name for name, table in _default("profiles").items() if table.get("easy"))


@lru_cache(maxsize=1)
def _default_config_text() -> str:
    # Read once per process: a batch worker that has dropped privileges (or whose package
    # folder became unreadable) still has the defaults it started with.
    return (Path(__file__).resolve().parent / "default_config.toml").read_text("utf-8")


def default_config_dict() -> dict[str, Any]:
    """The defaults (a fresh dict on every call: callers may change it; a deep copy of the one
    parse, which is ~10 times cheaper than parsing the TOML again)."""
    return copy.deepcopy(_defaults())


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
    name = profile or str(merged["profile"])
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
    scoring = merged["scoring"]
    max_words = merged.get("max_sentence_words", prof.get("max_sentence_words"))
    styles = merged.get("render", {}).get("styles")
    decisions = merged.get("review", {}).get("decisions")
    try:
        return Config(
            profile=name,
            pipeline=tuple(merged["pipeline"]),
            max_bytes=int(merged["max_bytes"]),
            rewrite_max_bytes=int(merged["rewrite_max_bytes"]),
            min_words=int(merged["min_words"]),
            hard_word_zipf=float(scoring["hard_word_zipf"]),
            reading_wpm=int(scoring["reading_wpm"]),
            thresholds=tuple(by_key.values()),
            max_sentence_words=int(max_words) if max_words is not None else None,
            rewrite_max_words=int(prof.get("rewrite_max_words", _default_profile("rewrite_max_words"))),
            glossary_files=tuple(str(g) for g in merged.get("glossary", ())),
            keep=tuple(str(k).lower() for k in merged.get("keep", ())),
            rules=dict(merged["rules"]),
            sources=tuple(sources),
            raw=merged,
            render_styles=str(styles) if styles else None,
            review_decisions=str(decisions) if decisions else None,
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad configuration value: {exc}") from None


def work_budget(config: Config, max_bytes: int | None) -> tuple[Config, int | None]:
    """The configuration a command that rewrites (``rewrite``, ``convert``, ``batch``) reads its
    inputs with, and the work budget it applies (``None``: none).

    ``max_bytes`` is the command's ``--max-bytes``: given, it is the only limit. Otherwise an
    input over the smaller of ``max_bytes`` and ``rewrite_max_bytes`` (the config's) is
    refused before any work (E306): the rewrite costs about a minute of CPU per 400-800 kB of
    prose, so the default keeps one run within about a minute on one core.
    """
    if max_bytes is not None or config.rewrite_max_bytes >= config.max_bytes:
        return config, None
    if config.rewrite_max_bytes < 1:
        raise ConfigError(f"rewrite_max_bytes must be at least 1, not {config.rewrite_max_bytes}")
    return replace(config, max_bytes=config.rewrite_max_bytes), config.rewrite_max_bytes


def budget_hint(budget: int | None) -> str:
    """The end of an E306 message under :func:`work_budget`: the way out."""
    if budget is None:
        return "raise it with --max-bytes"
    return ("the work budget of a rewrite, about a minute on one core: split the file, or raise "
            "the limit with --max-bytes or rewrite_max_bytes in the config")

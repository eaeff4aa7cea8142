"""Which country an article is about, for the country-dependent glossary entries.

A glossary entry may carry region variants (``[entry.region] uk = "…"``): the wording for one
country (``A minister is an MP or lord who …`` is true only in the UK). The neutral
``explanation`` is used unless a region is chosen, by ``region = "uk"`` in the config (or
``--region uk``), or, with ``region = "auto"`` (the default), detected from the article: a
region whose cue words (``data/regions.toml``) occur at least ``min_cues`` times and at least
``ratio`` times as often as any other region's, or as the names of other countries
(``[elsewhere]``: "Japan" seven times makes a story Japanese, whatever "British" says). When
unsure, the neutral wording stays.
``region = "none"`` always keeps the neutral wording.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

from easyread.data import data_path
from easyread.errors import ConfigError

__all__ = ["detect_region", "region_names", "resolve_region"]


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return tomllib.loads(data_path("regions.toml").read_text("utf-8"))


def region_names() -> tuple[str, ...]:
    """The region codes ``regions.toml`` defines (``uk``, ``us`` …)."""
    return tuple(sorted(_table().get("region", {})))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    out: dict[str, re.Pattern[str]] = {}
    for code, spec in _table().get("region", {}).items():
        cues = sorted((str(c) for c in spec.get("cues", ())), key=len, reverse=True)
        out[code] = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w])")
    return out


@cache
def _elsewhere() -> re.Pattern[str]:
    """Names of countries with no region of their own (``[elsewhere] cues``)."""
    cues = sorted((str(c) for c in _table().get("elsewhere", {}).get("cues", ())), key=len, reverse=True)
    if not cues:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w])")


def detect_region(text: str) -> str | None:
    """The region an article is clearly about, else ``None``.

    >>> detect_region("The Australian minister met officials in Canberra and Sydney.")
    'au'
    >>> detect_region("The minister met officials.") is None
    True
    """
    table = _table()
    counts = {code: len(p.findall(text)) for code, p in _patterns().items()}
    if not counts:
        return None
    best = max(counts, key=lambda c: counts[c])
    others = max((n for c, n in counts.items() if c != best), default=0)
    others = max(others, len(_elsewhere().findall(text)))  # "Japan" ×7: a story about another country
    if counts[best] >= int(table.get("min_cues", 3)) and counts[best] >= float(table.get("ratio", 2.0)) * others:
        return best
    return None


def resolve_region(raw: Mapping[str, Any] | None, text: str) -> str | None:
    """The region to explain for: the config's ``region`` (``auto`` detects, ``none`` is neutral).

    >>> resolve_region({"region": "uk"}, ""), resolve_region({"region": "none"}, "UK UK UK")
    ('uk', None)
    """
    value = str((raw or {}).get("region", "auto")).strip().lower()
    if value in ("", "none", "neutral"):
        return None
    if value == "auto":
        return detect_region(text)
    if value not in region_names():
        raise ConfigError(f"unknown region {value!r}; choose auto, none or one of: {', '.join(region_names())}")
    return value

"""The score stage: readability formulas plus easy-read indicators, per document and sentence.

The formulas are textstat 0.7.8's, computed by :mod:`easyread.readability` on the document's
body text with identical values (textstat's own sentence rule is used for the formulas). The
easy-read indicators use easyread's own segmentation, so every sentence has a line and column:

* words per sentence (mean, max, share over 15 and over 25 words);
* hard words: not on textstat's easy-word list, not a name, wordfreq Zipf below a threshold;
* passive voice: a form of *be* + past participle;
* acronyms the text does not explain;
* percentages and large numbers;
* reading time.

Every formula has a meaningful range (``data/ranges.toml``, read once by :func:`metric_ranges`);
a value outside it is reported in :meth:`Scores.out_of_range` and :meth:`Scores.warnings`, and
``check`` does not judge thresholds on such a formula (see :mod:`easyread.check`).

Scoring does not need the POS tagger.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from easyread import readability
from easyread.acronyms import acronym_core, find_definitions, is_acronym
from easyread.data import data_path, easy_words, participles, zipf_table
from easyread.document import Document, Sentence
from easyread.errors import DataError

_BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "’s"})
_GAP = frozenset({"not", "also", "now", "still", "being", "already", "just", "never", "often",
                  "then", "all", "both", "n't", "recently", "widely", "largely", "been"})
_NOT_PARTICIPLES = frozenset({"need", "seed", "speed", "feed", "bed", "red", "shed", "indeed",
                              "hundred", "sacred", "naked", "wicked", "proud", "used"})
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_NUM = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_BIG_WORDS = frozenset({"thousand", "million", "billion", "trillion", "m", "bn", "k"})
RANGES_FILE = "ranges.toml"
_RANGE_TOLERANCE = 1e-6  # the data file's bounds are rounded (121.22, -3.40, -16.22)


@dataclass(frozen=True)
class MetricRange:
    """The meaningful range of one formula (an entry of ``data/ranges.toml``)."""

    metric: str
    min: float
    max: float
    scale: str = ""
    source: str = ""

    def contains(self, value: float) -> bool:
        return math.isfinite(value) and self.min - _RANGE_TOLERANCE <= value <= self.max + _RANGE_TOLERANCE

    def describe(self) -> str:
        return f"{_fmt(self.min)}..{_fmt(self.max)}"


def _fmt(x: float) -> str:
    return f"{x:g}" if math.isfinite(x) and x == int(x) else f"{x:.2f}"


@lru_cache(maxsize=1)
def metric_ranges() -> dict[str, MetricRange]:
    """Formula name -> :class:`MetricRange`, from ``data/ranges.toml`` (read once)."""
    path = data_path(RANGES_FILE)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML: {exc}") from None
    out: dict[str, MetricRange] = {}
    for name, entry in data.get("ranges", {}).items():
        if name not in readability.METRICS:
            raise DataError(f"{path}: [ranges.{name}]: not one of textstat's metrics")
        try:
            low, high = float(entry["min"]), float(entry["max"])
        except (KeyError, TypeError, ValueError):
            raise DataError(f"{path}: [ranges.{name}]: needs numbers 'min' and 'max'") from None
        if not low < high:
            raise DataError(f"{path}: [ranges.{name}]: min {low:g} is not below max {high:g}")
        out[name] = MetricRange(name, low, high, str(entry.get("scale", "")), str(entry.get("source", "")))
    return out


def out_of_range(metrics: Mapping[str, float]) -> dict[str, MetricRange]:
    """The formulas whose value in ``metrics`` lies outside their meaningful range.

    A text with no words is not flagged: textstat gives every formula 0 for it (see
    :func:`score_warnings`).
    """
    if metrics.get("lexicon_count", 1) == 0:
        return {}
    return {name: r for name, r in metric_ranges().items()
            if name in metrics and not r.contains(float(metrics[name]))}


def score_warnings(metrics: Mapping[str, float]) -> list[str]:
    """One readable line per problem with the formulas' values (empty when there is none)."""
    if metrics.get("lexicon_count", 1) == 0:
        return ["no words in the body text: every formula is 0, textstat's value for no text"]
    warnings = []
    for name, r in out_of_range(metrics).items():
        warnings.append(f"{name} is {_fmt(float(metrics[name]))}, outside its meaningful range "
                        f"{r.describe()}: not a reliable score")
    if warnings and "sentence_count" in metrics and "lexicon_count" in metrics:
        warnings.append(f"textstat counts {metrics['sentence_count']:g} sentence(s) for "
                        f"{metrics['lexicon_count']:g} words (it does not count sentences of "
                        "1 or 2 words)")
    return warnings


@dataclass
class SentenceScore:
    id: str
    line: int | None
    column: int | None
    text: str
    words: int
    flesch_kincaid_grade: float
    hard_words: list[str] = field(default_factory=list)
    passive: list[str] = field(default_factory=list)
    unexplained_acronyms: list[str] = field(default_factory=list)
    percentages: int = 0
    large_numbers: list[str] = field(default_factory=list)


@dataclass
class Scores:
    metrics: dict[str, float]
    indicators: dict[str, float]
    sentences: list[SentenceScore]
    textstat_version: str = readability.TEXTSTAT_VERSION
    lang: str = "en"

    def out_of_range(self) -> dict[str, MetricRange]:
        """Formulas whose value is outside their meaningful range (``data/ranges.toml``)."""
        return out_of_range(self.metrics)

    def warnings(self) -> list[str]:
        """Readable warnings about the formulas' values (out of range, no words)."""
        return score_warnings(self.metrics)

    def to_dict(self, *, sentences: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "metrics": self.metrics,
            "indicators": self.indicators,
            "out_of_range": {name: {"value": self.metrics[name], "min": r.min, "max": r.max}
                             for name, r in self.out_of_range().items()},
            "warnings": self.warnings(),
            "textstat_version": self.textstat_version,
            "lang": self.lang,
        }
        if sentences:
            d["sentences"] = [asdict(s) for s in self.sentences]
        return d

    def value(self, name: str) -> float:
        if name in self.metrics:
            return self.metrics[name]
        if name in self.indicators:
            return self.indicators[name]
        raise KeyError(name)


def metric_names() -> list[str]:
    """Every metric and indicator name a threshold may use."""
    return sorted(readability.METRICS) + sorted(INDICATORS)


INDICATORS: dict[str, str] = {
    "sentences": "sentences (easyread's segmentation)",
    "words": "words in the body text",
    "words_per_sentence_mean": "mean words per sentence",
    "words_per_sentence_max": "words in the longest sentence",
    "share_over_15": "share of sentences over 15 words",
    "share_over_25": "share of sentences over 25 words",
    "hard_words": "hard words (not easy-list, not names, rare)",
    "hard_word_share": "hard words / words",
    "passive_sentences": "sentences with a passive verb",
    "passive_share": "passive sentences / sentences",
    "acronyms": "distinct acronyms",
    "unexplained_acronyms": "distinct acronyms the text does not expand",
    "percentages": "percentages",
    "large_numbers": "numbers of 1,000 or more (years excluded)",
    "reading_time_minutes": "reading time at the configured words per minute",
}


def _is_name(sentence: Sentence, index: int, first_word: int) -> bool:
    tok = sentence.tokens[index]
    if not tok.text[:1].isupper():
        return False
    if index != first_word:
        return True
    # At the start of a sentence, a capitalised word is a name if its lower-case form is rare.
    return zipf_table().get(tok.text.lower(), 0.0) < 2.5


def _variants(word: str) -> list[str]:
    """The word and plausible base forms (``doubled`` -> ``double``, ``charity's`` -> ``charity``)."""
    out = [word]
    if word.endswith("'s"):
        word = word[:-2]
        out.append(word)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e"), ("ers", ""), ("er", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not repl:
                out.append(stem[:-1])  # committing -> commit
    return out


@lru_cache(maxsize=200_000)
def _is_hard_form(low: str, threshold: float) -> bool:
    """The word-level part of the hard-word test (memoised: vocabularies repeat)."""
    easy = easy_words()
    table = zipf_table()
    if low in easy:
        return False
    if "-" in low:
        parts = [p for p in low.split("-") if p]
        if all(p in easy or table.get(p, 0.0) >= threshold for p in parts):
            return False
    return max(table.get(v, 0.0) for v in _variants(low)) < threshold


def hard_words(sentence: Sentence, threshold: float) -> list[str]:
    out = []
    tokens = sentence.tokens
    first_word = next((i for i, t in enumerate(tokens) if t.kind == "word"), -1)
    for i, tok in enumerate(tokens):
        text = tok.text
        if tok.kind != "word" or len(text) < 4:
            continue
        if not text.replace("-", "").replace("'", "").replace("’", "").isalpha():
            continue
        if is_acronym(text) or _is_name(sentence, i, first_word):
            continue
        if _is_hard_form(text.lower().replace("’", "'"), threshold):
            out.append(text)
    return out


def passive_phrases(sentence: Sentence) -> list[str]:
    irregular = participles()
    toks = [t for t in sentence.tokens if t.kind == "word"]
    found = []
    resume = 0
    for i, tok in enumerate(toks):
        if i < resume or tok.text.lower() not in _BE:
            continue
        j = i + 1
        while j < len(toks) and j - i <= 3 and (toks[j].text.lower() in _GAP or toks[j].text.lower().endswith("ly")):
            j += 1
        if j >= len(toks):
            continue
        word = toks[j].text.lower()
        if word in _NOT_PARTICIPLES:
            continue
        if word in irregular or (word.endswith("ed") and len(word) > 4):
            found.append(sentence.text[tok.start : toks[j].end])
            resume = j + 1
    return found


def number_indicators(sentence: Sentence) -> tuple[int, list[str]]:
    toks = sentence.tokens
    percentages = 0
    large: list[str] = []
    for i, tok in enumerate(toks):
        if tok.kind == "number":
            nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
            nxt2 = toks[i + 2].text.lower() if i + 2 < len(toks) else ""
            if nxt == "%" or nxt == "percent" or (nxt == "per" and nxt2 == "cent"):
                percentages += 1
                continue
            digits = tok.text.replace(",", "")
            if not _NUM.match(tok.text):
                continue
            if _YEAR.match(tok.text) and (i == 0 or toks[i - 1].text not in "£$€"):
                continue
            if float(digits) >= 1000 or nxt in _BIG_WORDS:
                large.append(tok.text)
    return percentages, large


def score_sentence(sentence: Sentence, threshold: float, defined: set[str]) -> SentenceScore:
    words = sum(1 for t in sentence.tokens if t.kind in ("word", "number"))
    percentages, large = number_indicators(sentence)
    acronyms = []
    for tok in sentence.tokens:
        if tok.kind == "word" and is_acronym(tok.text):
            core = acronym_core(tok.text)
            if core not in defined and core not in acronyms:
                acronyms.append(core)
    return SentenceScore(
        id=sentence.id,
        line=sentence.line,
        column=sentence.column,
        text=sentence.text,
        words=words,
        flesch_kincaid_grade=readability.flesch_kincaid_grade(sentence.text),
        hard_words=hard_words(sentence, threshold),
        passive=passive_phrases(sentence),
        unexplained_acronyms=acronyms,
        percentages=percentages,
        large_numbers=large,
    )


def score(doc: Document, *, hard_word_zipf: float = 4.0, reading_wpm: int = 200) -> Scores:
    """Score a segmented document's body text."""
    body = doc.body_text()
    metrics = readability.compute(body)
    definitions = find_definitions(doc.text())
    defined = set(definitions)
    # Acronyms written out in the glossary (after a gloss stage) count as explained too.
    defined |= {g.term for g in doc.glossary if g.kind == "acronym" and g.source != "missing"}
    sentences = [score_sentence(s, hard_word_zipf, defined) for s in doc.body_sentences()]
    n = len(sentences)
    counts = [s.words for s in sentences]
    total = sum(counts)
    all_acronyms = {
        acronym_core(t.text) for s in doc.body_sentences() for t in s.tokens
        if t.kind == "word" and is_acronym(t.text)
    }
    indicators: dict[str, float] = {
        "sentences": float(n),
        "words": float(total),
        "words_per_sentence_mean": round(total / n, 2) if n else 0.0,
        "words_per_sentence_max": float(max(counts, default=0)),
        "share_over_15": round(sum(c > 15 for c in counts) / n, 4) if n else 0.0,
        "share_over_25": round(sum(c > 25 for c in counts) / n, 4) if n else 0.0,
        "hard_words": float(sum(len(s.hard_words) for s in sentences)),
        "hard_word_share": round(sum(len(s.hard_words) for s in sentences) / total, 4) if total else 0.0,
        "passive_sentences": float(sum(1 for s in sentences if s.passive)),
        "passive_share": round(sum(1 for s in sentences if s.passive) / n, 4) if n else 0.0,
        "acronyms": float(len(all_acronyms)),
        "unexplained_acronyms": float(len(all_acronyms - defined)),
        "percentages": float(sum(s.percentages for s in sentences)),
        "large_numbers": float(sum(len(s.large_numbers) for s in sentences)),
        "reading_time_minutes": round(total / reading_wpm, 2) if reading_wpm else 0.0,
    }
    return Scores(metrics=metrics, indicators=indicators, sentences=sentences, lang=doc.lang)

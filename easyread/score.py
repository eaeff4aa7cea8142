"""The score stage: readability formulas plus easy-read indicators, per document and sentence.

The formulas are textstat 0.7.8's, computed by :mod:`easyread.readability` on the document's
body text with identical values (textstat's own sentence rule is used for the formulas). The
easy-read indicators use easyread's own segmentation, so every sentence has a line and column:

* words per sentence (mean, max, share over 15 and over 25 words);
* hard words: not on textstat's easy-word list, not a name, wordfreq Zipf below a threshold;
* passive voice: a form of *be* + past participle;
* acronyms the text does not explain (as the ``gloss`` stage explains them, see
  :func:`easyread.acronyms.find_explanations`), well-known acronyms (``UK``) excepted as the
  gloss stage excepts them;
* percentages and large numbers;
* reading time.

Two scopes (``docs/metrics.md``): ``metrics`` and ``indicators`` cover **all** the body text.
The same figures are also computed on the **rewritable** text: the body without the sentences
that are direct quotations (more than half of their words inside quotation marks, which the
rewrite keeps word for word; see :func:`quoted_words`). ``check`` judges a profile's
thresholds on the scope its configuration names (:func:`easyread.check.scope`). The acronym
indicators cover all the body text in both scopes: the rewrite explains an acronym used in a
quotation too, in a sentence after it.

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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from easyread import level as _level
from easyread import readability
from easyread.acronyms import (
    COMMON_ACRONYM_ZIPF,
    acronym_core,
    find_definitions,
    find_explanations,
    is_acronym,
)
from easyread.data import acronym_rows, data_path, easy_words, participles, zipf, zipf_table
from easyread.document import BODY_KINDS, Document, Sentence, Token
from easyread.errors import DataError, EasyreadError
from easyread.inputs import expand_paths
from easyread.nlp import is_number_text, token_texts, tokenize, word_spans, word_texts

if TYPE_CHECKING:
    from easyread.config import Config

_BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "’s"})
_GAP = frozenset({"not", "also", "now", "still", "being", "already", "just", "never", "often",
                  "then", "all", "both", "n't", "recently", "widely", "largely", "been"})
_NOT_PARTICIPLES = frozenset({"need", "seed", "speed", "feed", "bed", "red", "shed", "indeed",
                              "hundred", "sacred", "naked", "wicked", "proud", "used"})
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_NUM = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_BIG_WORDS = frozenset({"thousand", "million", "billion", "trillion", "m", "bn", "k"})
_POSSESSIVE = re.compile(r"['’]s$")
RANGES_FILE = "ranges.toml"
#: The text a figure covers: every body sentence, or the sentences the rewrite may change.
SCOPES = ("all", "rewritable")
#: Indicators computed on all the body text in every scope (see the module docstring).
ALL_TEXT_INDICATORS = frozenset({"acronyms", "unexplained_acronyms"})
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


@dataclass(slots=True)
class SentenceScore:
    """One sentence's figures: words, grade, hard words, passives, acronyms, numbers, level."""

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
    quoted_words: int = 0  # words inside quotation marks (kept word for word by the rewrite)
    quotation: bool = False  # a direct quotation: more than half of its words are quoted
    level: dict[str, Any] | None = None  # the calibrated level (easyread.level; issue 12)

    def to_dict(self) -> dict[str, Any]:
        """``dataclasses.asdict(self)`` (same keys in the same order), without its deep copy."""
        return {
            "id": self.id, "line": self.line, "column": self.column, "text": self.text,
            "words": self.words, "flesch_kincaid_grade": self.flesch_kincaid_grade,
            "hard_words": list(self.hard_words), "passive": list(self.passive),
            "unexplained_acronyms": list(self.unexplained_acronyms),
            "percentages": self.percentages, "large_numbers": list(self.large_numbers),
            "quoted_words": self.quoted_words, "quotation": self.quotation, "level": self.level,
        }


@dataclass
class Scores:
    """A document's figures: ``metrics`` and ``indicators`` on all the body text (scope
    ``all``), and the same on the rewritable text (``rewritable_metrics``,
    ``rewritable_indicators``; ``None`` when the scores were rebuilt from an older report).

    ``acronym_status`` maps every distinct acronym to ``explained`` (the text or the
    glossary explains it), ``well_known`` (Zipf >= ``common_acronym_zipf``, as the gloss stage
    judges it) or ``unexplained``.
    """

    metrics: dict[str, float]
    indicators: dict[str, float]
    sentences: list[SentenceScore]
    textstat_version: str = readability.TEXTSTAT_VERSION
    lang: str = "en"
    rewritable_metrics: dict[str, float] | None = None
    rewritable_indicators: dict[str, float] | None = None
    acronym_status: dict[str, str] = field(default_factory=dict)
    common_acronym_zipf: float = COMMON_ACRONYM_ZIPF
    #: The text ``metrics`` were computed on: ``body`` (the body text, headline and credit
    #: line left out) or ``whole_file`` (``score --whole-file``: the file's whole text).
    metrics_text: str = "body"
    level: dict[str, Any] | None = None  # the calibrated level of each scope (easyread.level)
    rewritable_level: dict[str, Any] | None = None

    def has_scope(self, scope: str) -> bool:
        """True when this scope's figures are here (``all`` always is)."""
        if scope == "all":
            return True
        return self.rewritable_metrics is not None and self.rewritable_indicators is not None

    def figures(self, scope: str = "all") -> tuple[dict[str, float], dict[str, float]]:
        """``(metrics, indicators)`` computed on ``scope``'s text (``all`` or ``rewritable``).

        Raises ``KeyError`` for an unknown scope or one whose figures are not here.
        """
        if scope == "all":
            return self.metrics, self.indicators
        if scope == "rewritable" and self.rewritable_metrics is not None \
                and self.rewritable_indicators is not None:
            return self.rewritable_metrics, self.rewritable_indicators
        raise KeyError(scope)

    def out_of_range(self, scope: str = "all") -> dict[str, MetricRange]:
        """Formulas whose value is outside their meaningful range (``data/ranges.toml``)."""
        return out_of_range(self.figures(scope)[0])

    def warnings(self) -> list[str]:
        """Readable warnings about the formulas' values (out of range, no words)."""
        return score_warnings(self.metrics)

    def quoted_sentences(self) -> int:
        """Sentences that are direct quotations (not in the rewritable scope)."""
        return sum(1 for s in self.sentences if s.quotation)

    def to_dict(self, *, sentences: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "scope": "all",
            "metrics": self.metrics,
            "indicators": self.indicators,
            "out_of_range": {name: {"value": self.metrics[name], "min": r.min, "max": r.max}
                             for name, r in self.out_of_range().items()},
            "warnings": self.warnings(),
            "textstat_version": self.textstat_version,
            "lang": self.lang,
        }
        if self.metrics_text != "body":
            d["metrics_text"] = self.metrics_text
        if self.level is not None:
            d["level"] = self.level
        if self.rewritable_metrics is not None and self.rewritable_indicators is not None:
            d["rewritable"] = {
                "scope": "rewritable",
                "excluded_quotations": self.quoted_sentences(),
                "metrics": self.rewritable_metrics,
                "indicators": self.rewritable_indicators,
                "all_text_indicators": sorted(ALL_TEXT_INDICATORS),
                "out_of_range": {name: {"value": self.rewritable_metrics[name], "min": r.min, "max": r.max}
                                 for name, r in self.out_of_range("rewritable").items()},
            }
            if self.rewritable_level is not None:
                d["rewritable"]["level"] = self.rewritable_level
        d["acronyms"] = dict(self.acronym_status)
        if sentences:
            d["sentences"] = [s.to_dict() for s in self.sentences]
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scores:
        """Rebuild scores from :meth:`to_dict` (a ``score --format json`` file entry, or a
        rewrite's ``scores.before`` / ``scores.after``)."""
        rewritable = data.get("rewritable") or {}
        return cls(
            metrics=dict(data.get("metrics", {})),
            indicators=dict(data.get("indicators", {})),
            sentences=[SentenceScore(**s) for s in data.get("sentences", [])],
            textstat_version=str(data.get("textstat_version", readability.TEXTSTAT_VERSION)),
            lang=str(data.get("lang", "en")),
            rewritable_metrics=dict(rewritable["metrics"]) if "metrics" in rewritable else None,
            rewritable_indicators=dict(rewritable["indicators"]) if "indicators" in rewritable else None,
            acronym_status=dict(data.get("acronyms", {})),
            metrics_text=str(data.get("metrics_text", "body")),
            level=data.get("level"),
            rewritable_level=rewritable.get("level"),
        )

    def value(self, name: str, scope: str = "all") -> float:
        """A metric's or indicator's value on ``scope``'s text (``KeyError`` if unknown)."""
        metrics, indicators = self.figures(scope)
        if name in metrics:
            return metrics[name]
        if name in indicators:
            return indicators[name]
        raise KeyError(name)

    def unexplained_count(self, common_zipf: float | None = None,
                          keep: frozenset[str] | set[str] = frozenset()) -> float:
        """How many acronyms the text leaves unexplained, judged as the gloss stage judges them:
        one with Zipf >= ``common_zipf`` (``gloss.acronym.v1``'s, default 5.0) is well known,
        and one on the ``keep`` list (lower case) is never explained by the rewrite.

        Scores rebuilt without ``acronym_status`` keep their ``unexplained_acronyms`` indicator.
        """
        if not self.acronym_status:
            return self.indicators.get("unexplained_acronyms", 0.0)
        limit = self.common_acronym_zipf if common_zipf is None else common_zipf
        return float(sum(
            1 for acr, status in self.acronym_status.items()
            if status != "explained" and acr.lower() not in keep and zipf(acr) < limit
        ))


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
    "unexplained_acronyms": "distinct acronyms the text does not explain (well-known ones excepted)",
    "percentages": "percentages",
    "large_numbers": "numbers of 1,000 or more (years excluded)",
    "reading_time_minutes": "reading time at the configured words per minute",
}


def _tokens(sentence: Sentence) -> list[Token]:
    """The sentence's tokens; computed from its text when it was segmented without them
    (``segment(doc, tokens=False)``: tokens are always ``tokenize(sentence.text)``)."""
    if sentence.tokens or not sentence.text:
        return sentence.tokens
    return tokenize(sentence.text)


def _is_name(sentence: Sentence, index: int, first_word: int) -> bool:
    tok = _tokens(sentence)[index]
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
    return _hard_words([t.text for t in _tokens(sentence) if t.kind == "word"], threshold)


def _hard_words(words: list[str], threshold: float) -> list[str]:
    """The hard words among a sentence's word tokens (``words``: their texts, in order;
    numbers left out). A capitalised word is a name, except the first word, which is a name
    when its lower-case form is rare (Zipf below 2.5)."""
    if not words:
        return []
    out = [words[0]] if _is_hard_word(words[0], threshold, True) else []
    cache = _HARD_LATER.setdefault(threshold, {})
    get = cache.get
    if len(cache) >= 500_000:
        cache.clear()
    out += [text for text in words[1:]
            if (hard := get(text)) or (hard is None and _remember_hard(cache, text, threshold))]
    return out


def _remember_hard(cache: dict[str, bool], text: str, threshold: float) -> bool:
    hard = cache[text] = _is_hard_word(text, threshold, False)
    return hard


#: threshold -> word -> hard, for words after the first (whose answer depends on the word only).
_HARD_LATER: dict[float, dict[str, bool]] = {}


def _is_hard_word(text: str, threshold: float, first: bool) -> bool:
    """The hard-word test of one word token; ``first``: the sentence's first word."""
    if len(text) < 4:
        return False
    if not text.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return False
    # A capitalised word: an acronym or a name (acronyms start with a capital).
    if text[0].isupper() and (not first or is_acronym(text) or zipf_table().get(text.lower(), 0.0) < 2.5):
        return False
    return _is_hard_form(text.lower().replace("’", "'"), threshold)


def _passive_pairs(lows: list[str]) -> list[tuple[int, int]]:
    """``(be, participle)`` word indices of the passive verbs among lower-cased word texts."""
    if _BE.isdisjoint(lows):
        return []
    irregular = participles()
    found = []
    resume = 0
    n = len(lows)
    for i, low in enumerate(lows):
        if i < resume or low not in _BE:
            continue
        j = i + 1
        while j < n and j - i <= 3 and (lows[j] in _GAP or lows[j].endswith("ly")):
            j += 1
        if j >= n:
            continue
        word = lows[j]
        if word in _NOT_PARTICIPLES:
            continue
        if word in irregular or (word.endswith("ed") and len(word) > 4):
            found.append((i, j))
            resume = j + 1
    return found


def passive_phrases(sentence: Sentence) -> list[str]:
    toks = [t for t in _tokens(sentence) if t.kind == "word"]
    return [sentence.text[toks[i].start : toks[j].end]
            for i, j in _passive_pairs([t.text.lower() for t in toks])]


def number_indicators(sentence: Sentence) -> tuple[int, list[str]]:
    return _number_indicators([t.text for t in _tokens(sentence)])


def _number_indicators(toks: list[str]) -> tuple[int, list[str]]:
    """:func:`number_indicators` from the texts of a sentence's tokens (a number token: a
    text :func:`easyread.nlp.is_number_text` calls one)."""
    percentages = 0
    large: list[str] = []
    for i, text in enumerate(toks):
        if text[0].isdigit() and is_number_text(text):
            nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
            nxt2 = toks[i + 2].lower() if i + 2 < len(toks) else ""
            if nxt == "%" or nxt == "percent" or (nxt == "per" and nxt2 == "cent"):
                percentages += 1
                continue
            digits = text.replace(",", "")
            if not _NUM.match(text):
                continue
            if _YEAR.match(text) and (i == 0 or toks[i - 1] not in "£$€"):
                continue
            if float(digits) >= 1000 or nxt in _BIG_WORDS:
                large.append(text)
    return percentages, large


def sentence_acronyms(sentence: Sentence) -> list[str]:
    """The acronyms a sentence uses (their cores, in order, once each): ``NSPCC’s`` is NSPCC."""
    return _acronyms([t.text for t in _tokens(sentence) if t.kind == "word"])


def _acronyms(words: list[str]) -> list[str]:
    """:func:`sentence_acronyms` from the texts of a sentence's word tokens."""
    out: list[str] = []
    for word in words:
        if not "A" <= word[0] <= "Z":
            continue  # every acronym starts with a capital A-Z (acronyms.ACRONYM)
        text = _POSSESSIVE.sub("", word) if word[:-2].isupper() else word
        if is_acronym(text):
            core = acronym_core(text)
            if core not in out:
                out.append(core)
    return out


def quoted_words(sentence: Sentence) -> tuple[int, int]:
    """``(words, quoted)``: the sentence's words, and those inside its quotation marks
    (its protected spans, which no rewrite rule may change)."""
    if not sentence.protected:
        return len(word_texts(sentence.text)), 0
    words = quoted = 0
    for tok in _tokens(sentence):
        if tok.kind in ("word", "number"):
            words += 1
            if sentence.protected and sentence.in_quote(tok.start, tok.end):
                quoted += 1
    return words, quoted


def is_quotation(words: int, quoted: int) -> bool:
    """A sentence is a direct quotation when more than half of its words are quoted.

    ``Sajid Javid will say: “The Government must … survivors.`` (22 of 26 words quoted) is
    one; ``He spoke at the NSPCC’s “How Safe are our Children?” conference on Tuesday.`` (5 of
    15) is not: the rewrite may change most of its words.
    """
    return quoted * 2 > words


_ASCII_DIGITS = frozenset("0123456789")
_TWO_CAPS = re.compile(r"[A-Z][A-Z0-9&]")


def _without_numbers(text: str, found: list[str]) -> list[str]:
    """The word tokens among ``found`` (a sentence's word and number token texts)."""
    if text.isascii() and _ASCII_DIGITS.isdisjoint(text):
        return found  # no digit, so no number token
    return [w for w in found if not w[0].isdigit() or not is_number_text(w)]


def _may_have_number_indicators(text: str, found: list[str], lows: list[str]) -> bool:
    """False when :func:`number_indicators` is sure to find nothing: no number token of
    1,000 or more, no ``%``, ``per``/``percent`` or large-number word (``million`` ...)."""
    if "%" in text or "per" in lows or "percent" in lows or not _BIG_WORDS.isdisjoint(lows):
        return True
    for w in found:
        if is_number_text(w) and _NUM.match(w) and float(w.replace(",", "")) >= 1000:
            return True
    return False


def score_sentence(sentence: Sentence, threshold: float, unexplained: set[str],
                   acronyms: list[str] | None = None, found: list[str] | None = None) -> SentenceScore:
    """One sentence's figures. The word and number tokens are found with one regular
    expression (:func:`easyread.nlp.word_texts`); the tokens with their spans are built only
    for a sentence that needs them (a quotation, a number to judge, a passive verb to quote).
    ``acronyms`` and ``found``: the sentence's :func:`sentence_acronyms` and
    :func:`easyread.nlp.word_texts`, when already known."""
    text = sentence.text
    if found is None:
        found = word_texts(text)
    words = _without_numbers(text, found)
    lows = [w.lower() for w in words]
    spans: list[tuple[str, int, int]] | None = None
    n_words, quoted = len(found), 0
    if sentence.protected:
        spans = word_spans(text)
        for ps, pe in sentence.protected:  # disjoint spans: each word is in one at most
            quoted += sum(1 for _, s, e in spans if ps <= s and e <= pe)
    percentages, large = 0, list[str]()
    if len(words) < len(found) and _may_have_number_indicators(text, found, lows):
        percentages, large = _number_indicators([t.text for t in sentence.tokens] if sentence.tokens
                                                else token_texts(text))
    pairs = _passive_pairs(lows)
    passive: list[str] = []
    if pairs:
        if spans is None:
            spans = word_spans(text)
        kept = [sp for sp in spans if not is_number_text(sp[0])]
        passive = [text[kept[i][1] : kept[j][2]] for i, j in pairs]
    if acronyms is None:
        acronyms = _acronyms(words)
    return SentenceScore(
        id=sentence.id,
        line=sentence.line,
        column=sentence.column,
        text=text,
        words=n_words,
        flesch_kincaid_grade=readability.flesch_kincaid_grade(text),
        hard_words=_hard_words(words, threshold),
        passive=passive,
        unexplained_acronyms=[a for a in acronyms if a in unexplained],
        percentages=percentages,
        large_numbers=large,
        quoted_words=quoted,
        quotation=is_quotation(n_words, quoted),
    )


def rewritable_text(doc: Document, quotations: set[str] | None = None) -> str:
    """The body text without the sentences that are direct quotations (:func:`is_quotation`),
    joined as :meth:`Document.body_text` joins the body (a block left empty is dropped).
    ``quotations``: the ids of those sentences, when already known."""
    blocks = []
    for b in doc.blocks:
        if b.kind not in BODY_KINDS:
            continue
        if quotations is not None:
            kept = [s.text for s in b.sentences if s.id not in quotations]
        else:
            kept = [s.text for s in b.sentences if not is_quotation(*quoted_words(s))]
        if kept:
            blocks.append(" ".join(kept))
    return "\n\n".join(blocks)


def acronym_status(doc: Document, common_zipf: float = COMMON_ACRONYM_ZIPF,
                   used: list[str] | None = None) -> dict[str, str]:
    """Every distinct acronym of the body -> ``explained``, ``well_known`` or ``unexplained``.

    Explained: the text defines it (:func:`easyread.acronyms.find_definitions`), explains it
    the way the gloss stage does (:func:`easyread.acronyms.find_explanations`), or the
    document's glossary has it (after a gloss stage in the same run). Well known: its wordfreq
    Zipf is at least ``common_zipf``, so the gloss stage lists it in the glossary only.
    """
    if used is None:
        used = list(dict.fromkeys(a for s in doc.body_sentences() for a in sentence_acronyms(s)))
    if not used:
        return {}
    text = doc.text()
    defined = set(find_definitions(text))
    defined |= {g.term for g in doc.glossary if g.kind == "acronym" and g.source != "missing"}
    rows = acronym_rows()
    pending = [a for a in used if a not in defined]
    if pending:
        sentences = [s.text for b in doc.blocks if b.kind != "credit" for s in b.sentences]
        defined |= set(find_explanations(
            sentences, pending,
            expansions={a: rows[a].expansion for a in pending if a in rows},
            explanations={a: rows[a].explanation for a in pending if a in rows and rows[a].explanation},
        ))
    status = {}
    for acr in used:
        if acr in defined:
            status[acr] = "explained"
        elif zipf(acr) >= common_zipf:
            status[acr] = "well_known"
        else:
            status[acr] = "unexplained"
    return status


def _indicators(sentences: list[SentenceScore], reading_wpm: int, acronyms: dict[str, str]) -> dict[str, float]:
    n = len(sentences)
    counts = [s.words for s in sentences]
    total = sum(counts)
    return {
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
        "acronyms": float(len(acronyms)),
        "unexplained_acronyms": float(sum(1 for v in acronyms.values() if v == "unexplained")),
        "percentages": float(sum(s.percentages for s in sentences)),
        "large_numbers": float(sum(len(s.large_numbers) for s in sentences)),
        "reading_time_minutes": round(total / reading_wpm, 2) if reading_wpm else 0.0,
    }


def score(doc: Document, *, hard_word_zipf: float = 4.0, reading_wpm: int = 200,
          common_acronym_zipf: float = COMMON_ACRONYM_ZIPF, whole_file: bool = False) -> Scores:
    """Score a segmented document's body text, on both scopes (``all`` and ``rewritable``).

    The formulas (``metrics``) equal textstat 0.7.8's on :meth:`Document.body_text`: the body
    blocks joined by blank lines, each block's sentences joined by one space, without the
    headline (title) and credit line. ``whole_file=True`` computes ``metrics`` on the whole
    source text instead (``doc.source.text``: the file as decoded, byte-order mark removed,
    line endings ``\\n``), exactly as textstat computes them on the file; the indicators, the
    sentences and the rewritable scope stay on the body text.
    """
    metrics = readability.compute(doc.body_text())
    body_metrics = metrics
    if whole_file:
        metrics = readability.compute(doc.source.text)
    body = list(doc.body_sentences())
    # Acronyms first (the gloss-style explanations need them all): only a sentence with a
    # capital followed by a capital, digit or "&" can hold one (acronyms.ACRONYM).
    per_sentence = [_acronyms(_without_numbers(s.text, word_texts(s.text))) if _TWO_CAPS.search(s.text) else []
                    for s in body]
    used = list(dict.fromkeys(a for acrs in per_sentence for a in acrs))
    acronyms = acronym_status(doc, common_acronym_zipf, used)
    unexplained = {a for a, v in acronyms.items() if v == "unexplained"}
    sentences: list[SentenceScore] = []
    counts: list[_level.Counts] = []
    for s, acrs in zip(body, per_sentence, strict=True):
        # each sentence's word texts serve its figures and its level counts, then go
        found = word_texts(s.text) if not s.tokens else None
        x = score_sentence(s, hard_word_zipf, unexplained, acrs, found)
        sentences.append(x)
        counts.append(_level.found_counts(s.text, found, len(x.hard_words), bool(x.passive)) if found is not None
                      else _level.sentence_counts(s, len(x.hard_words), bool(x.passive)))
    text_level, rewritable_level = _level.attach(body, sentences, counts=counts)
    del counts  # ≈ 1.5 kB a sentence: freed before the rewritable text is scored (peak RSS, issue 13)
    indicators = _indicators(sentences, reading_wpm, acronyms)
    rewritable = [s for s in sentences if not s.quotation]
    if len(rewritable) == len(sentences):
        # Nothing is quoted: the rewritable text is the body text, value for value.
        r_metrics, r_indicators = dict(body_metrics), dict(indicators)
    else:
        r_metrics = readability.compute(rewritable_text(doc, {s.id for s in sentences if s.quotation}))
        r_indicators = _indicators(rewritable, reading_wpm, acronyms)
    return Scores(metrics=metrics, indicators=indicators, sentences=sentences, lang=doc.lang,
                  rewritable_metrics=r_metrics, rewritable_indicators=r_indicators,
                  acronym_status=acronyms, common_acronym_zipf=common_acronym_zipf,
                  metrics_text="whole_file" if whole_file else "body",
                  level=text_level, rewritable_level=rewritable_level)


# ------------------------------------------------------------------------------ many files


@dataclass
class ScoreResult:
    """The scores of one input of ``easyread score`` or ``check``, or why it has none."""

    path: str
    scores: Scores | None = None
    error_code: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.scores is not None


def score_one(path: str, config: Config, *, stdin_bytes: bytes | None = None,
              encoding: str | None = None, fmt: str | None = None, whole_file: bool = False) -> ScoreResult:
    """Read, segment (without tokens) and score one file (``-``: ``stdin_bytes``); a bad
    input is a result with its error code, never an exception."""
    from easyread.read import load
    from easyread.segment import segment

    name = "<stdin>" if path == "-" else path
    try:
        # As pipeline.read_document, without tokens: scoring works from the sentence texts.
        doc = segment(load(path, fmt=fmt, encoding=encoding, max_bytes=config.max_bytes,
                           stdin_bytes=stdin_bytes), tokens=False)
        scores = score(doc, hard_word_zipf=config.hard_word_zipf, reading_wpm=config.reading_wpm,
                       whole_file=whole_file)
    except EasyreadError as exc:
        return ScoreResult(name, error_code=exc.code, error=exc.message)
    return ScoreResult(name, scores=scores)


def score_files(paths: list[str], config: Config, *, stdin_bytes: bytes | None = None,
                encoding: str | None = None, fmt: str | None = None,
                whole_file: bool = False) -> list[ScoreResult]:
    """Score many inputs (folders walked by :func:`easyread.inputs.expand_paths`); one bad
    file never stops the others."""
    results = []
    for path, problem in expand_paths(paths):
        if problem is not None:
            results.append(ScoreResult(path, error_code=problem.code, error=problem.message))
            continue
        results.append(score_one(path, config, stdin_bytes=stdin_bytes, encoding=encoding, fmt=fmt,
                                 whole_file=whole_file))
    return results

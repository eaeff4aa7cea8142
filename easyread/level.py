"""A calibrated reading level: one grade per text and per sentence, from a small linear model.

The model (``data/level_model.json``, fitted by ``tools/fit_level.py``; see
``data/LEVEL_MODEL_CARD.md``) is a weighted sum of a few **length-free** features of the text,
mapped to a grade and a band:

``grade = intercept + sum(weight[f] * (feature[f] - mean[f]) / scale[f])``

``band`` is ``easy-read``, ``plain``, ``standard`` or ``hard`` by the model's grade limits, or
``insufficient`` when the text is too small to judge (fewer than the model's ``min_words``
words or ``min_sentences`` sentences; ``grade`` is then ``None``).

Every feature is a ratio of counts summed over the sentences (a mean per sentence, a share of
words, a population standard deviation), so a text and the same text twice have the same
features and the same level: the level is **length-invariant by construction**. The features
reuse what ``score`` already computes per sentence (easyread's segmentation and word count,
hard words, passive phrases) and easyread's own tables (syllables as textstat counts them,
wordfreq Zipf frequencies read by :func:`easyread.data.zipf_table`). Nothing here imports
numpy, wordfreq or spaCy: the model is applied with plain Python.

A sentence's level is the same model applied to the sentence alone, with the features that a
single sentence cannot have (the spread of sentence lengths) set to the fitted mean, so they
add nothing.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from easyread.acronyms import is_acronym
from easyread.data import data_path, zipf_table
from easyread.document import Document, Sentence
from easyread.errors import DataError
from easyread.nlp import tokenize
from easyread.readability import syllables

MODEL_FILE = "level_model.json"
WORDS_FILE = "level_words.toml"
#: The bands, easiest first; ``insufficient`` is not a band but the answer for too little text.
BANDS = ("easy-read", "plain", "standard", "hard")
INSUFFICIENT = "insufficient"
#: Zipf given to a word missing from wordfreq's list (its list stops near Zipf 1).
MISSING_ZIPF = 1.0
#: Words rarer than this are counted as content words for ``content_zipf``.
CONTENT_ZIPF = 5.5
#: Sentence lengths and comma counts are capped at these values in the capped_* features, so one
#: very long sentence cannot move a text's level far (stability).
SENTENCE_CAP = 40
COMMA_CAP = 4
#: Words at least this frequent count for ``common_share`` (about the 1,000 commonest).
COMMON_ZIPF = 5.0
#: Words rarer than this count for ``rare_share``.
RARE_ZIPF = 3.0

#: The features a model may use, computed by :func:`features` (documented in docs/metrics.md).
FEATURE_NAMES = (
    "words_per_sentence",  # mean words per sentence (easyread's segmentation)
    "log_words_per_sentence",  # natural log of the above
    "words_per_sentence_sd",  # population standard deviation of words per sentence
    "syllables_per_word",  # textstat's syllable count per word
    "letters_per_word",  # letters per word
    "polysyllable_share",  # share of words of 3 syllables or more
    "zipf_mean",  # mean wordfreq Zipf frequency of the words (lower = rarer)
    "rare_share",  # share of words with Zipf below 3
    "hard_word_share",  # score's hard words / words
    "passive_share",  # sentences with a passive verb / sentences
    "numbers_per_100",  # number tokens per 100 words
    "acronyms_per_100",  # acronym tokens per 100 words
    "commas_per_sentence",  # commas, semicolons and colons per sentence
    "content_zipf",  # mean Zipf of the words rarer than CONTENT_ZIPF
    "long_word_share",  # share of words of 7 letters or more
    "nominal_share",  # share of long words ending like a nominalisation
    "clause_words_per_sentence",  # subordinators and relative pronouns per sentence
    "share_over_20",  # share of sentences over 20 words
    "words_per_sentence_sq",  # mean words per sentence weighted by length (sum n^2 / sum n)
    "capped_words_per_sentence",  # mean words per sentence, each counted as at most SENTENCE_CAP
    "capped_words_per_sentence_sq",  # words_per_sentence_sq with each sentence capped likewise
    "capped_commas_per_sentence",  # commas per sentence, each counted as at most COMMA_CAP
    "common_share",  # share of words with Zipf of COMMON_ZIPF or more
    "min_zipf_mean",  # mean over sentences of the Zipf of the rarest lower-case word
    "asides_per_sentence",  # brackets and dashes per sentence
)
#: Features that describe a text's sentences as a set; a lone sentence gets the fitted mean.
TEXT_ONLY = frozenset({"words_per_sentence_sd"})


@dataclass(frozen=True)
class Counts:
    """One sentence's counts; a text's features are ratios of their sums (:func:`features`)."""

    words: int = 0
    syllables: int = 0
    letters: int = 0
    polysyllables: int = 0
    zipf_sum: float = 0.0
    rare: int = 0
    hard: int = 0
    passive: int = 0  # 1 when the sentence has a passive verb
    numbers: int = 0
    acronyms: int = 0
    commas: int = 0
    content: int = 0  # words with Zipf below CONTENT_ZIPF (mostly content words)
    content_zipf_sum: float = 0.0
    long_words: int = 0  # words of 7 letters or more
    nominals: int = 0  # words ending like a nominalisation (-tion, -ment, -ness, -ity, ...)
    clause_words: int = 0  # subordinators and relative pronouns (data/level_words.toml)
    common: int = 0  # words with Zipf of COMMON_ZIPF or more (the most frequent words)
    min_zipf: float = 0.0  # the Zipf of the sentence's rarest lower-case word (0: none)
    asides: int = 0  # brackets and dashes


@lru_cache(maxsize=200_000)
def _word(text: str) -> tuple[int, int, float, bool, bool, bool]:
    """``(syllables, letters, zipf, acronym, nominalisation, clause word)`` of one word token
    (memoised: vocabularies repeat)."""
    clause_set, nominal_ends = _words()
    letters = sum(1 for ch in text if ch.isalpha())
    low = text.lower().replace("’", "'")
    table = zipf_table()
    z = table.get(low)
    if z is None and low.endswith("'s"):
        z = table.get(low[:-2])
    return (syllables(text), letters, MISSING_ZIPF if z is None else z, is_acronym(text),
            letters >= 7 and low.endswith(nominal_ends), low in clause_set)


def sentence_counts(sentence: Sentence, hard_words: int, passive: bool) -> Counts:
    """Count one sentence: ``hard_words`` and ``passive`` are score's (:mod:`easyread.score`)."""
    words = syl = letters = poly = rare = numbers = acronyms = commas = 0
    content = long_words = nominals = clauses = common = asides = 0
    zsum = czsum = 0.0
    lowest = 0.0
    for tok in sentence.tokens or tokenize(sentence.text):  # score segments without tokens
        kind = tok.kind
        if kind == "word":
            n, n_letters, z, acronym, nominal, clause = _word(tok.text)
            words += 1
            syl += n
            poly += n >= 3
            letters += n_letters
            long_words += n_letters >= 7
            nominals += nominal
            clauses += clause
            acronyms += acronym
            zsum += z
            rare += z < RARE_ZIPF
            if z < CONTENT_ZIPF:
                content += 1
                czsum += z
            common += z >= COMMON_ZIPF
            if tok.text[:1].islower() and (not lowest or z < lowest):
                lowest = z
        elif kind == "number":
            words += 1
            numbers += 1
        elif kind == "punct" and tok.text in ",;:":
            commas += 1
        elif kind == "punct" and tok.text in "()–—":
            asides += 1
    return Counts(words, syl, letters, poly, zsum, rare, hard_words, 1 if passive else 0,
                  numbers, acronyms, commas, content, czsum, long_words, nominals, clauses,
                  common, lowest, asides)


def features(counts: Sequence[Counts]) -> dict[str, float]:
    """The text's features from its sentences' counts (sentences with no words are ignored)."""
    kept = [c for c in counts if c.words]
    n = len(kept)
    total = sum(c.words for c in kept)
    if not n or not total:
        return {}
    mean = total / n
    content = sum(c.content for c in kept)
    sd = math.sqrt(sum((c.words - mean) ** 2 for c in kept) / n)
    per_word = 1.0 / total
    capped = [min(c.words, SENTENCE_CAP) for c in kept]
    return {
        "words_per_sentence": mean,
        "log_words_per_sentence": math.log(mean),
        "words_per_sentence_sd": sd,
        "syllables_per_word": sum(c.syllables for c in kept) * per_word,
        "letters_per_word": sum(c.letters for c in kept) * per_word,
        "polysyllable_share": sum(c.polysyllables for c in kept) * per_word,
        "zipf_mean": sum(c.zipf_sum for c in kept) * per_word,
        "rare_share": sum(c.rare for c in kept) * per_word,
        "hard_word_share": sum(c.hard for c in kept) * per_word,
        "passive_share": sum(c.passive for c in kept) / n,
        "numbers_per_100": 100.0 * sum(c.numbers for c in kept) * per_word,
        "acronyms_per_100": 100.0 * sum(c.acronyms for c in kept) * per_word,
        "commas_per_sentence": sum(c.commas for c in kept) / n,
        "content_zipf": (sum(c.content_zipf_sum for c in kept) / content) if content else CONTENT_ZIPF,
        "long_word_share": sum(c.long_words for c in kept) * per_word,
        "nominal_share": sum(c.nominals for c in kept) * per_word,
        "clause_words_per_sentence": sum(c.clause_words for c in kept) / n,
        "share_over_20": sum(1 for c in kept if c.words > 20) / n,
        "words_per_sentence_sq": sum(c.words ** 2 for c in kept) / total,
        "capped_words_per_sentence": sum(capped) / n,
        "capped_words_per_sentence_sq": sum(w * w for w in capped) / sum(capped),
        "capped_commas_per_sentence": sum(min(c.commas, COMMA_CAP) for c in kept) / n,
        "common_share": sum(c.common for c in kept) * per_word,
        "min_zipf_mean": sum(c.min_zipf for c in kept) / n,
        "asides_per_sentence": sum(c.asides for c in kept) / n,
    }


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Clause words and nominalisation endings from ``data/level_words.toml``."""
    path = data_path(WORDS_FILE)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
        return (frozenset(str(w) for w in data["clause_words"]),
                tuple(str(e) for e in data["nominal_endings"]))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DataError(f"{path}: not a level word list: {exc}") from None


@dataclass(frozen=True)
class Model:
    """A fitted level model (``data/level_model.json``)."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    bands: tuple[float, ...]  # upper grade limits of easy-read, plain and standard
    min_words: int
    min_sentences: int
    clip: tuple[float, float]  # grades are kept inside this range

    def grade(self, values: Mapping[str, float], *, sentence: bool = False) -> float:
        """The grade of a text (or, with ``sentence``, of one sentence) with these features."""
        z = self.intercept
        for name, mu, sigma, w in zip(self.features, self.mean, self.scale, self.weights, strict=True):
            x = mu if sentence and name in TEXT_ONLY else values[name]
            z += w * (x - mu) / sigma
        low, high = self.clip
        return min(high, max(low, z))

    def band(self, grade: float) -> str:
        for name, limit in zip(BANDS, self.bands, strict=False):
            if grade < limit:
                return name
        return BANDS[-1]


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read once."""
    path = data_path(MODEL_FILE)
    try:
        data = json.loads(path.read_text("utf-8"))
        return model_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path}: not a level model: {exc}") from None


def model_from_dict(data: Mapping[str, Any]) -> Model:
    coef = data["coefficients"]
    names = tuple(str(c["feature"]) for c in coef)
    unknown = [n for n in names if n not in FEATURE_NAMES]
    if unknown:
        raise ValueError(f"unknown feature(s) {', '.join(unknown)}")
    bands = tuple(float(b["below"]) for b in data["bands"][:-1])
    if len(bands) != len(BANDS) - 1 or list(bands) != sorted(bands):
        raise ValueError("bands must give three increasing limits")
    return Model(
        version=str(data["version"]),
        features=names,
        mean=tuple(float(c["mean"]) for c in coef),
        scale=tuple(float(c["scale"]) for c in coef),
        weights=tuple(float(c["weight"]) for c in coef),
        intercept=float(data["intercept"]),
        bands=bands,
        min_words=int(data["min_words"]),
        min_sentences=int(data["min_sentences"]),
        clip=(float(data["clip"][0]), float(data["clip"][1])),
    )


@dataclass(frozen=True)
class Level:
    """A text's or a sentence's level (``grade`` is ``None`` when ``band`` is insufficient)."""

    grade: float | None
    band: str
    model: str

    def to_dict(self) -> dict[str, Any]:
        return {"grade": self.grade, "band": self.band, "model": self.model}


def text_level(counts: Sequence[Counts], m: Model | None = None) -> Level:
    """The level of a text from its sentences' counts."""
    m = m or model()
    kept = [c for c in counts if c.words]
    words = sum(c.words for c in kept)
    if words < m.min_words or len(kept) < m.min_sentences:
        return Level(None, INSUFFICIENT, m.version)
    grade = m.grade(features(kept))
    return Level(round(grade, 2), m.band(grade), m.version)


def sentence_level(c: Counts, m: Model | None = None) -> Level:
    """One sentence's level (``insufficient`` for a sentence with no words)."""
    m = m or model()
    if not c.words:
        return Level(None, INSUFFICIENT, m.version)
    grade = m.grade(features([c]), sentence=True)
    return Level(round(grade, 2), m.band(grade), m.version)


def document_counts(doc: Document, hard_word_zipf: float = 4.0) -> list[Counts]:
    """Every body sentence's counts, with score's hard words and passive phrases."""
    from easyread.score import hard_words, passive_phrases  # score imports this module

    return [sentence_counts(s, len(hard_words(s, hard_word_zipf)), bool(passive_phrases(s)))
            for s in doc.body_sentences()]


class Scored(Protocol):
    """What :func:`attach` needs of a scored sentence (:class:`easyread.score.SentenceScore`)."""

    hard_words: list[str]
    passive: list[str]
    quotation: bool
    level: dict[str, Any] | None


def attach(body: Sequence[Sentence], scored: Sequence[Scored],
           m: Model | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set each scored sentence's ``level`` and return the ``level`` objects of the text and of
    its rewritable part (without direct quotations), as ``score`` reports them."""
    m = m or model()
    counts = [sentence_counts(s, len(x.hard_words), bool(x.passive)) for s, x in zip(body, scored, strict=True)]
    for c, x in zip(counts, scored, strict=True):
        x.level = sentence_level(c, m).to_dict()
    whole = text_level(counts, m).to_dict()
    if not any(x.quotation for x in scored):
        return whole, dict(whole)
    return whole, text_level([c for c, x in zip(counts, scored, strict=True) if not x.quotation], m).to_dict()


def value(level: Mapping[str, Any] | None, name: str) -> float | None:
    """A threshold's value from a ``level`` object: ``level.grade`` -> its grade.

    ``None`` when the level is insufficient or absent (the threshold is then not judged);
    ``KeyError`` for a name that is not a number of the level object.
    """
    key = name.removeprefix("level.")
    if key != "grade":
        raise KeyError(name)
    if not level:
        return None
    grade = level.get("grade")
    return None if grade is None else float(grade)

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

A sentence's level is the same model applied to the sentence alone: the spread of sentence
lengths, which a single sentence cannot have, is set to the fitted mean, and the per-word rates
(word frequency, syllables, function words, ...), which a few words estimate badly, are shrunk
towards the fitted mean as if ``PRIOR_WORDS`` average words were added.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from operator import attrgetter
from typing import Any, Protocol

from easyread.acronyms import is_acronym
from easyread.data import data_path, easy_words, zipf_table
from easyread.document import Document, Sentence
from easyread.errors import DataError
from easyread.nlp import is_number_text, word_texts
from easyread.readability import syllables

MODEL_FILE = "level_model.json"
WORDS_FILE = "level_words.toml"
#: The inflected forms of the hard words of easyread's plain-words lexicon (``lexicon.tsv``), one
#: per line, copied from ``lexicon_forms.tsv`` by ``tools/fit_level.py`` (model 2026.4).
LEXICON_FORMS_FILE = "level_lexicon_forms.txt"
#: The bands, easiest first; ``insufficient`` is not a band but the answer for too little text.
BANDS = ("easy-read", "plain", "standard", "hard")
INSUFFICIENT = "insufficient"
#: Zipf given to a word missing from wordfreq's list (its list stops near Zipf 1).
MISSING_ZIPF = 1.0
#: Words rarer than this are counted as content words for ``content_zipf``.
CONTENT_ZIPF = 5.5
#: Sentence lengths and comma counts are capped at these values in the capped features, so one
#: very long sentence cannot move a text's level far (stability).
SENTENCE_CAP = 40
COMMA_CAP = 4
#: Words at least this frequent count for ``common_share`` (about the 1,000 commonest).
COMMON_ZIPF = 5.0
#: Words rarer than this count for ``rare_share``; rarer than VERY_RARE_ZIPF for ``very_rare_share``.
RARE_ZIPF = 3.0
VERY_RARE_ZIPF = 2.0
#: Punctuation counted as quotation marks, brackets/dashes and commas.
QUOTE_MARKS = frozenset('"\u201c\u201d\u2018\u2019\'')
ASIDE_MARKS = frozenset("()\u2013\u2014")
COMMA_MARKS = frozenset(",;:")

#: The features a model may use, computed by :func:`features` (documented in the model card).
#: Every one is a ratio of sums over sentences, or a mean over sentences, with lengths capped.
#: (The plain capped mean length, the mean log length and the share of sentences under 10 words
#: were tried too: they added nothing in cross-validation, and, being collinear with the length
#: features here, took weights of opposite signs that made a lone sentence's level blind to its
#: length.)
FEATURE_NAMES = (
    # sentences
    "capped_words_per_sentence_sq",  # sum n^2 / sum n with n capped likewise (length-weighted mean)
    "capped_words_per_sentence_sd",  # population standard deviation of the capped lengths
    "share_over_20",  # share of sentences over 20 words
    "share_over_30",  # share of sentences over 30 words
    "capped_commas_per_sentence",  # commas, semicolons and colons per sentence, each at most COMMA_CAP
    "semicolons_per_sentence",  # semicolons and colons per sentence
    "commas_per_word",  # commas, semicolons and colons per word
    "clause_words_per_sentence",  # subordinators and relative pronouns per sentence
    "clause_word_share",  # the same per word
    "passive_share",  # sentences with a passive verb / sentences
    "asides_per_sentence",  # brackets and dashes per sentence
    "quotes_per_sentence",  # quotation marks per sentence
    "questions_per_sentence",  # question marks per sentence
    # word length
    "syllables_per_word",  # textstat's syllable count per word
    "letters_per_word",  # letters per word
    "polysyllable_share",  # share of words of 3 syllables or more
    "monosyllable_share",  # share of words of 1 syllable
    "long_word_share",  # share of words of 7 letters or more
    "nominal_share",  # share of long words ending like a nominalisation
    # word frequency (wordfreq Zipf) and vocabulary
    "zipf_mean",  # mean Zipf frequency of the words (lower = rarer)
    "content_zipf",  # mean Zipf of the words rarer than CONTENT_ZIPF
    "content_share",  # share of words rarer than CONTENT_ZIPF
    "min_zipf_mean",  # mean over sentences of the Zipf of the rarest lower-case word
    "very_rare_share",  # share of words with Zipf below 2
    "rare_share",  # share of words with Zipf below 3
    "zipf_3_4_share",  # share of words with Zipf 3 to below 4
    "zipf_4_5_share",  # share of words with Zipf 4 to below 5
    "zipf_5_6_share",  # share of words with Zipf 5 to below 6
    "zipf_6_share",  # share of words with Zipf 6 or more
    "common_share",  # share of words with Zipf of COMMON_ZIPF or more
    "hard_word_share",  # score's hard words / words
    "not_dale_chall_share",  # words not on the Dale-Chall easy list (names left out) / words
    "name_share",  # capitalised words not first in their sentence / words
    "numbers_per_100",  # number tokens per 100 words
    "acronyms_per_100",  # acronym tokens per 100 words
    # function words
    "pronoun_share",  # personal and possessive pronouns / words
    "conjunction_share",  # and, but, or, so / words
    "modal_share",  # modal verbs / words
    "negation_share",  # not and -n't / words
    "the_share",  # 'the' / words
    "of_share",  # 'of' / words
    "that_share",  # 'that' / words
    # vocabulary (2026.4)
    "lexicon_form_share",  # words that are forms of a hard word of easyread's plain-words lexicon / words
)
#: Features that describe a text's sentences as a set; a lone sentence gets the fitted mean.
TEXT_ONLY = frozenset({"capped_words_per_sentence_sd"})
#: Features of a sentence's own length and structure, used as they are for a lone sentence. Every
#: other feature is a rate per word, which a sentence of a few words estimates badly: for a lone
#: sentence it is shrunk towards the fitted mean as if PRIOR_WORDS words at the mean were added.
SENTENCE_OWN = frozenset({
    "capped_words_per_sentence_sq", "share_over_20", "share_over_30", "capped_commas_per_sentence", "semicolons_per_sentence",
    "clause_words_per_sentence", "passive_share", "asides_per_sentence", "quotes_per_sentence",
    "questions_per_sentence", "min_zipf_mean"})
PRIOR_WORDS = 20.0

_WORD_FIELDS = ("syllables", "letters", "polysyllables", "monosyllables", "zipf_sum", "very_rare", "rare",
                "zipf_3_4", "zipf_4_5", "zipf_5_6", "zipf_6", "common", "content", "content_zipf_sum",
                "long_words", "nominals", "clause_words", "acronyms", "not_dale_chall", "names",
                "pronouns", "conjunctions", "modals", "negations", "the", "of", "that", "lexicon_forms")


@dataclass(frozen=True, slots=True)
class Counts:
    """One sentence's counts; a text's features are ratios of their sums (:func:`features`).

    All are floats (most hold whole numbers) so that the word sums are summed column by column.
    """

    words: float = 0
    hard: float = 0
    passive: float = 0  # 1 when the sentence has a passive verb
    numbers: float = 0
    commas: float = 0  # commas, semicolons and colons
    semicolons: float = 0  # semicolons and colons
    asides: float = 0  # brackets and dashes
    quotes: float = 0
    questions: float = 0
    min_zipf: float = 0  # the Zipf of the sentence's rarest lower-case word (0: none)
    # sums over the sentence's word tokens (numbers left out), in _WORD_FIELDS order
    syllables: float = 0
    letters: float = 0
    polysyllables: float = 0
    monosyllables: float = 0
    zipf_sum: float = 0
    very_rare: float = 0
    rare: float = 0
    zipf_3_4: float = 0
    zipf_4_5: float = 0
    zipf_5_6: float = 0
    zipf_6: float = 0
    common: float = 0
    content: float = 0  # words with Zipf below CONTENT_ZIPF (mostly content words)
    content_zipf_sum: float = 0
    long_words: float = 0  # words of 7 letters or more
    nominals: float = 0  # words ending like a nominalisation (-tion, -ment, -ness, -ity, ...)
    clause_words: float = 0  # subordinators and relative pronouns (data/level_words.toml)
    acronyms: float = 0
    not_dale_chall: float = 0  # not on the Dale-Chall easy list and not a name
    names: float = 0  # capitalised, not the sentence's first word
    pronouns: float = 0
    conjunctions: float = 0
    modals: float = 0
    negations: float = 0
    the: float = 0
    of: float = 0
    that: float = 0
    lexicon_forms: float = 0  # forms of the hard words of easyread's plain-words lexicon (2026.4)


_COUNT_FIELDS = tuple(f.name for f in fields(Counts))
_count_values = attrgetter(*_COUNT_FIELDS)


@dataclass(frozen=True)
class _Words:
    """The word lists of ``data/level_words.toml`` and the Dale-Chall easy words."""

    clause: frozenset[str]
    nominal_ends: tuple[str, ...]
    pronouns: frozenset[str]
    conjunctions: frozenset[str]
    modals: frozenset[str]
    negations: frozenset[str]
    easy: frozenset[str]
    lexicon_forms: frozenset[str]


@lru_cache(maxsize=200_000)
def _word(text: str, first: bool) -> tuple[tuple[float, ...], float, bool]:
    """One word token's increments (in ``_WORD_FIELDS`` order), its Zipf and whether it counts
    for the sentence's rarest word (memoised: vocabularies repeat)."""
    w = _words()
    letters = sum(1 for ch in text if ch.isalpha())
    low = text.lower().replace("\u2019", "'")
    table = zipf_table()
    z = table.get(low)
    if z is None and low.endswith("'s"):
        z = table.get(low[:-2])
    z = MISSING_ZIPF if z is None else z
    n = syllables(text)
    name = text[:1].isupper() and not first
    content = z < CONTENT_ZIPF
    negation = low in w.negations or low.endswith("n't")
    return ((n, letters, n >= 3, n == 1, z, z < VERY_RARE_ZIPF, z < RARE_ZIPF, RARE_ZIPF <= z < 4.0,
             4.0 <= z < 5.0, 5.0 <= z < 6.0, z >= 6.0, z >= COMMON_ZIPF, content, z if content else 0.0,
             letters >= 7, letters >= 7 and low.endswith(w.nominal_ends), low in w.clause, is_acronym(text),
             low not in w.easy and not name, name, low in w.pronouns, low in w.conjunctions, low in w.modals,
             negation, low == "the", low == "of", low == "that", low in w.lexicon_forms),
            z, text[:1].islower())


def sentence_counts(sentence: Sentence, hard_words: int, passive: bool) -> Counts:
    """Count one sentence: ``hard_words`` and ``passive`` are score's (:mod:`easyread.score`)."""
    if not sentence.tokens:  # score segments without tokens: read the token texts alone
        return found_counts(sentence.text, word_texts(sentence.text), hard_words, passive)
    words = numbers = commas = semis = asides = quotes = questions = 0
    incs: list[tuple[float, ...]] = []
    lowest = 0.0
    first = True
    for tok in sentence.tokens:
        kind = tok.kind
        if kind == "word":
            inc, z, lower = _word(tok.text, first)
            first = False
            words += 1
            incs.append(inc)
            if lower and (not lowest or z < lowest):
                lowest = z
        elif kind == "number":
            words += 1
            numbers += 1
            first = False
        elif kind == "punct":
            t = tok.text
            if t in COMMA_MARKS:
                commas += 1
                semis += t != ","
            elif t in ASIDE_MARKS:
                asides += 1
            elif t in QUOTE_MARKS:
                quotes += 1
            elif t == "?":
                questions += 1
    return Counts(words, hard_words, 1 if passive else 0, numbers, commas, semis, asides, quotes,
                  questions, lowest, *(map(sum, zip(*incs, strict=True)) if incs else [0.0] * len(_WORD_FIELDS)))


_ASCII_DIGITS = frozenset("0123456789")
#: :func:`_word` of words that are not their sentence's first (a plain dict: faster to read).
_LATER: dict[str, tuple[tuple[float, ...], float, bool]] = {}


def _later(w: str) -> tuple[tuple[float, ...], float, bool]:
    if len(_LATER) >= 200_000:
        _LATER.clear()
    found = _LATER[w] = _word(w, False)
    return found


def found_counts(text: str, found: list[str], hard_words: int, passive: bool) -> Counts:
    """:func:`sentence_counts` of a sentence without tokens, from its text and the texts of its
    word and number tokens (``found``: :func:`easyread.nlp.word_texts` of ``text``): the same
    counts, the word sums added in the same order. Each counted mark is a one-character
    punctuation token, except a comma or an apostrophe inside a word token, so the marks are
    counted in the text less those in its words (a comma in ``140,000``, an apostrophe in
    ``don't`` or ``don’t``: the only counted marks a word token can hold;
    ``tests/test_score_fast.py`` checks it against the tokens)."""
    count = text.count
    semis = count(";") + count(":")
    commas = count(",") + semis
    quotes = count('"') + count("\u201c") + count("\u201d") + count("\u2018") + count("'") + count("\u2019")
    if found and (commas or quotes):
        joined = "\x00".join(found)
        commas -= joined.count(",")
        quotes -= joined.count("'") + joined.count("\u2019")
    asides = count("(") + count(")") + count("\u2013") + count("\u2014")
    numbers = 0
    if not found:
        rows = []
    elif text.isascii() and _ASCII_DIGITS.isdisjoint(text):  # no digit, so no number token
        get = _LATER.get
        rows = [_word(found[0], True)]
        rows += [get(w) or _later(w) for w in found[1:]]
    else:
        rows = []
        first = True
        for w in found:
            if w[0].isdigit() and is_number_text(w):
                numbers += 1
            else:
                rows.append(_word(w, first))
            first = False
    incs = [r[0] for r in rows]
    zs = [r[1] for r in rows if r[2]]
    if 0.0 in zs:  # the running minimum below restarts after a Zipf of 0
        lowest = 0.0
        for z in zs:
            if not lowest or z < lowest:
                lowest = z
    else:
        lowest = min(zs, default=0.0)
    return Counts(len(found), hard_words, 1 if passive else 0, numbers, commas, semis, asides, quotes,
                  count("?"), lowest, *(map(sum, zip(*incs, strict=True)) if incs else [0.0] * len(_WORD_FIELDS)))


def features(counts: Sequence[Counts]) -> dict[str, float]:
    """The text's features from its sentences' counts (sentences with no words are ignored)."""
    if len(counts) == 1 and counts[0].words:
        return _one_features(counts[0])
    return _features(counts)


def _one_features(c: Counts) -> dict[str, float]:
    """:func:`features` of one sentence with words: the same arithmetic as :func:`_features`
    with each sum over one sentence written as its value (``0 + x == x``; a count is never
    ``-0.0``), so the same floats (``tests/test_level.py`` compares the two)."""
    total = c.words
    w = min(total, SENTENCE_CAP)
    mean = w / 1
    content = c.content
    return {
        "capped_words_per_sentence_sq": (w * w) / w,
        "capped_words_per_sentence_sd": math.sqrt((w - mean) ** 2 / 1),
        "share_over_20": (1 if total > 20 else 0) / 1,
        "share_over_30": (1 if total > 30 else 0) / 1,
        "capped_commas_per_sentence": min(c.commas, COMMA_CAP) / 1,
        "semicolons_per_sentence": float(c.semicolons) / 1,
        "commas_per_word": float(c.commas) / total,
        "clause_words_per_sentence": float(c.clause_words) / 1,
        "clause_word_share": float(c.clause_words) / total,
        "passive_share": float(c.passive) / 1,
        "asides_per_sentence": float(c.asides) / 1,
        "quotes_per_sentence": float(c.quotes) / 1,
        "questions_per_sentence": float(c.questions) / 1,
        "syllables_per_word": float(c.syllables) / total,
        "letters_per_word": float(c.letters) / total,
        "polysyllable_share": float(c.polysyllables) / total,
        "monosyllable_share": float(c.monosyllables) / total,
        "long_word_share": float(c.long_words) / total,
        "nominal_share": float(c.nominals) / total,
        "zipf_mean": float(c.zipf_sum) / total,
        "content_zipf": (c.content_zipf_sum / content) if content else CONTENT_ZIPF,
        "content_share": float(content) / total,
        "min_zipf_mean": float(c.min_zipf) / 1,
        "very_rare_share": float(c.very_rare) / total,
        "rare_share": float(c.rare) / total,
        "zipf_3_4_share": float(c.zipf_3_4) / total,
        "zipf_4_5_share": float(c.zipf_4_5) / total,
        "zipf_5_6_share": float(c.zipf_5_6) / total,
        "zipf_6_share": float(c.zipf_6) / total,
        "common_share": float(c.common) / total,
        "hard_word_share": float(c.hard) / total,
        "not_dale_chall_share": float(c.not_dale_chall) / total,
        "name_share": float(c.names) / total,
        "numbers_per_100": 100.0 * (float(c.numbers) / total),
        "acronyms_per_100": 100.0 * (float(c.acronyms) / total),
        "pronoun_share": float(c.pronouns) / total,
        "conjunction_share": float(c.conjunctions) / total,
        "modal_share": float(c.modals) / total,
        "negation_share": float(c.negations) / total,
        "the_share": float(c.the) / total,
        "of_share": float(c.of) / total,
        "that_share": float(c.that) / total,
        "lexicon_form_share": float(c.lexicon_forms) / total,
    }


def _features(counts: Sequence[Counts]) -> dict[str, float]:
    kept = [c for c in counts if c.words]
    n = len(kept)
    total = sum(c.words for c in kept)
    if not n or not total:
        return {}

    sums = dict(zip(_COUNT_FIELDS, map(sum, zip(*map(_count_values, kept), strict=True)), strict=True))

    def share(field: str) -> float:
        return float(sums[field]) / total

    def per_sentence(field: str) -> float:
        return float(sums[field]) / n

    capped = [min(c.words, SENTENCE_CAP) for c in kept]
    cap_mean = sum(capped) / n
    content = sums["content"]
    return {
        "capped_words_per_sentence_sq": sum(w * w for w in capped) / sum(capped),
        "capped_words_per_sentence_sd": math.sqrt(sum((w - cap_mean) ** 2 for w in capped) / n),
        "share_over_20": sum(1 for c in kept if c.words > 20) / n,
        "share_over_30": sum(1 for c in kept if c.words > 30) / n,
        "capped_commas_per_sentence": sum(min(c.commas, COMMA_CAP) for c in kept) / n,
        "semicolons_per_sentence": per_sentence("semicolons"),
        "commas_per_word": share("commas"),
        "clause_words_per_sentence": per_sentence("clause_words"),
        "clause_word_share": share("clause_words"),
        "passive_share": per_sentence("passive"),
        "asides_per_sentence": per_sentence("asides"),
        "quotes_per_sentence": per_sentence("quotes"),
        "questions_per_sentence": per_sentence("questions"),
        "syllables_per_word": share("syllables"),
        "letters_per_word": share("letters"),
        "polysyllable_share": share("polysyllables"),
        "monosyllable_share": share("monosyllables"),
        "long_word_share": share("long_words"),
        "nominal_share": share("nominals"),
        "zipf_mean": share("zipf_sum"),
        "content_zipf": (sums["content_zipf_sum"] / content) if content else CONTENT_ZIPF,
        "content_share": share("content"),
        "min_zipf_mean": per_sentence("min_zipf"),
        "very_rare_share": share("very_rare"),
        "rare_share": share("rare"),
        "zipf_3_4_share": share("zipf_3_4"),
        "zipf_4_5_share": share("zipf_4_5"),
        "zipf_5_6_share": share("zipf_5_6"),
        "zipf_6_share": share("zipf_6"),
        "common_share": share("common"),
        "hard_word_share": share("hard"),
        "not_dale_chall_share": share("not_dale_chall"),
        "name_share": share("names"),
        "numbers_per_100": 100.0 * share("numbers"),
        "acronyms_per_100": 100.0 * share("acronyms"),
        "pronoun_share": share("pronouns"),
        "conjunction_share": share("conjunctions"),
        "modal_share": share("modals"),
        "negation_share": share("negations"),
        "the_share": share("the"),
        "of_share": share("of"),
        "that_share": share("that"),
        "lexicon_form_share": share("lexicon_forms"),
    }


@lru_cache(maxsize=1)
def _words() -> _Words:
    """Word lists from ``data/level_words.toml`` and textstat's Dale-Chall easy words."""
    path = data_path(WORDS_FILE)
    try:
        data = tomllib.loads(path.read_text("utf-8"))

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w) for w in data[key])

        return _Words(words("clause_words"), tuple(str(e) for e in data["nominal_endings"]),
                      words("pronouns"), words("conjunctions"), words("modals"), words("negations"),
                      easy_words(), _lexicon_forms())
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DataError(f"{path}: not a level word list: {exc}") from None


def _lexicon_forms() -> frozenset[str]:
    """The words of ``data/level_lexicon_forms.txt`` (``#`` lines, all at the top, are comments;
    the body is split in one call: ~0.4 ms instead of ~0.7 ms with a filter per line)."""
    text = data_path(LEXICON_FORMS_FILE).read_text("utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return frozenset(text[start:].rstrip("\n").split("\n"))


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

    def grade(self, values: Mapping[str, float], *, sentence: float = 0) -> float:
        """The grade of a text, or, with ``sentence`` (its number of words), of one sentence with
        these features (see ``TEXT_ONLY``, ``SENTENCE_OWN`` and ``PRIOR_WORDS``)."""
        z = self.intercept
        if sentence:
            keep = sentence / (sentence + PRIOR_WORDS)
            for name, mu, sigma, w in zip(self.features, self.mean, self.scale, self.weights, strict=True):
                if name in TEXT_ONLY:
                    x = mu
                elif name in SENTENCE_OWN:
                    x = values[name]
                else:
                    x = keep * values[name] + (1.0 - keep) * mu
                z += w * (x - mu) / sigma
        else:
            for name, mu, sigma, w in zip(self.features, self.mean, self.scale, self.weights, strict=True):
                z += w * (values[name] - mu) / sigma
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
    grade = m.grade(features([c]), sentence=c.words)
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


def attach(body: Sequence[Sentence], scored: Sequence[Scored], m: Model | None = None,
           counts: Sequence[Counts] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set each scored sentence's ``level`` and return the ``level`` objects of the text and of
    its rewritable part (without direct quotations), as ``score`` reports them. ``counts``:
    each sentence's :func:`sentence_counts`, when already known."""
    m = m or model()
    if counts is None:
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

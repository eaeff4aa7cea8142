"""Sentence-simplification metrics following the EASSE conventions.

All metrics work on *normalised* text: lower-cased and tokenized with sacrebleu's
``13a`` tokenizer (see :func:`normalize`), exactly as EASSE (>= 0.2.1) does before
scoring. The implementations here are written from the published definitions
(Xu et al. 2016 for SARI, the EASSE / tseval conventions for the rest) and are
validated against reference values computed with EASSE itself; see
``docs/eval-metrics.md`` and ``tests/eval/test_metrics.py``.

Public functions
----------------
* :func:`normalize` -- lower-case + 13a tokenization.
* :func:`corpus_sari`, :func:`corpus_sari_components` -- corpus-level SARI.
* :func:`corpus_bleu` -- sacrebleu corpus BLEU on normalised text.
* :func:`corpus_fkgl` -- corpus-level Flesch-Kincaid grade level.
* :func:`compression_ratio`, :func:`sentence_splits` -- tseval averages.
* :func:`simple_segment` -- the default offline sentence splitter.
* :func:`count_syllables` -- EASSE-compatible syllable counter.

sacrebleu is imported lazily so that importing this module stays cheap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

__all__ = [
    "NGRAM_ORDER",
    "Segmenter",
    "SariStats",
    "compression_ratio",
    "corpus_bleu",
    "corpus_fkgl",
    "corpus_sari",
    "corpus_sari_components",
    "count_syllables",
    "normalize",
    "sari_from_stats",
    "sari_stats",
    "sentence_splits",
    "simple_segment",
]

#: Highest n-gram order used by SARI.
NGRAM_ORDER = 4

#: A sentence splitter: takes a text, returns its sentences.
Segmenter = Callable[[str], list[str]]

# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

_TOKENIZER: Any = None


def _tokenizer_13a() -> Any:
    """Return a shared sacrebleu 13a tokenizer instance (created lazily)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        # sacrebleu >= 2.x ships type information but some helpers are
        # unannotated; the ignores cover both typed and untyped releases.
        from sacrebleu.tokenizers.tokenizer_13a import (  # type: ignore[import-untyped,unused-ignore]
            Tokenizer13a,
        )

        _TOKENIZER = Tokenizer13a()  # type: ignore[no-untyped-call,unused-ignore]
    return _TOKENIZER


@lru_cache(maxsize=2**17)
def normalize(sentence: str) -> str:
    """Lower-case ``sentence`` and tokenize it with sacrebleu's 13a tokenizer.

    This is EASSE's ``normalize(sentence, lowercase=True, tokenizer="13a")``:
    punctuation is split off (a period or comma is kept inside numbers such as
    ``3.5``), tokens are separated by single spaces and the result is stripped.

    >>> normalize("The U.S. Army, in 3.5 days.")
    'the u . s . army , in 3.5 days .'
    """
    return str(_tokenizer_13a()(sentence.lower()))


# --------------------------------------------------------------------------
# SARI
# --------------------------------------------------------------------------


NGram = tuple[str, ...]


def _ngrams(tokens: Sequence[str], n: int) -> Iterator[NGram]:
    """The n-grams of a token list, as tuples."""
    return zip(*(tokens[i:] for i in range(n)), strict=False)


def _ngram_counters(sentences: Sequence[str]) -> list[Counter[NGram]]:
    """Pooled counts of the 1..4-grams of whitespace-tokenized sentences."""
    token_lists = [s.split() for s in sentences]
    return [
        Counter(chain.from_iterable(_ngrams(t, n) for t in token_lists))
        for n in range(1, NGRAM_ORDER + 1)
    ]


@dataclass
class SariStats:
    """Corpus-level SARI n-gram statistics, one list entry per n-gram order.

    For each operation (add, keep, delete) three totals are kept per order:
    ``*_sys_correct`` (system operations confirmed by the references),
    ``*_sys_total`` (operations performed by the system) and ``*_ref_total``
    (operations performed by the references). Add counts are binary (n-gram
    types); keep and delete counts are weighted by the number of references.
    """

    add_sys_correct: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    add_sys_total: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    add_ref_total: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    keep_sys_correct: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    keep_sys_total: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    keep_ref_total: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    del_sys_correct: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    del_sys_total: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)
    del_ref_total: list[int] = field(default_factory=lambda: [0] * NGRAM_ORDER)


def _check_aligned(
    orig_sents: Sequence[str],
    sys_sents: Sequence[str],
    refs_sents: Sequence[Sequence[str]],
) -> None:
    """Raise ``ValueError`` unless all streams have the same number of items."""
    if len(orig_sents) != len(sys_sents):
        raise ValueError(f"orig has {len(orig_sents)} sentences but sys has {len(sys_sents)}")
    if not refs_sents:
        raise ValueError("at least one reference stream is required")
    for i, refs in enumerate(refs_sents):
        if len(refs) != len(orig_sents):
            raise ValueError(
                f"reference stream {i} has {len(refs)} sentences, expected {len(orig_sents)}"
            )


def _accumulate(
    stats: SariStats,
    orig: str,
    system: str,
    refs: Sequence[str],
) -> None:
    """Add the SARI statistics of one (normalised) item to ``stats``."""
    num_refs = len(refs)
    orig_ngrams = _ngram_counters([orig])
    sys_ngrams = _ngram_counters([system])
    refs_ngrams = _ngram_counters(refs)

    for n in range(NGRAM_ORDER):
        o, s, r = orig_ngrams[n], sys_ngrams[n], refs_ngrams[n]

        # ADD: n-gram types absent from the source (binary counts).
        sys_added = s.keys() - o.keys()
        stats.add_sys_total[n] += len(sys_added)
        stats.add_ref_total[n] += len(r.keys() - o.keys())
        stats.add_sys_correct[n] += len(sys_added & r.keys())

        # KEEP and DELETE: source n-grams, counts scaled by the number of
        # references so that the system is compared with the pooled references.
        keep_sys_total = keep_ref_total = keep_correct = 0
        del_sys_total = del_ref_total = del_correct = 0
        for gram, o_count in o.items():
            o_w = o_count * num_refs
            s_w = s.get(gram, 0) * num_refs
            r_c = r.get(gram, 0)
            kept_sys = min(o_w, s_w)
            kept_ref = min(o_w, r_c)
            keep_sys_total += kept_sys
            keep_ref_total += kept_ref
            keep_correct += min(kept_sys, kept_ref)
            deleted_sys = o_w - kept_sys
            deleted_ref = o_w - kept_ref
            del_sys_total += deleted_sys
            del_ref_total += deleted_ref
            del_correct += min(deleted_sys, deleted_ref)
        stats.keep_sys_total[n] += keep_sys_total
        stats.keep_ref_total[n] += keep_ref_total
        stats.keep_sys_correct[n] += keep_correct
        stats.del_sys_total[n] += del_sys_total
        stats.del_ref_total[n] += del_ref_total
        stats.del_sys_correct[n] += del_correct


def sari_stats(
    orig_sents: Sequence[str],
    sys_sents: Sequence[str],
    refs_sents: Sequence[Sequence[str]],
) -> SariStats:
    """Normalise all sentences and sum SARI n-gram statistics over the corpus.

    ``refs_sents`` is a list of reference *streams*: ``refs_sents[j][i]`` is the
    j-th reference of item ``i``.
    """
    _check_aligned(orig_sents, sys_sents, refs_sents)
    stats = SariStats()
    for i, (orig, system) in enumerate(zip(orig_sents, sys_sents, strict=True)):
        refs = [normalize(stream[i]) for stream in refs_sents]
        _accumulate(stats, normalize(orig), normalize(system), refs)
    return stats


def _precision_recall_f1(
    correct: int, sys_total: int, ref_total: int
) -> tuple[float, float, float]:
    """Precision, recall and F1 with 0 for any undefined quantity."""
    precision = correct / sys_total if sys_total > 0 else 0.0
    recall = correct / ref_total if ref_total > 0 else 0.0
    if precision > 0 and recall > 0:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 0.0
    return precision, recall, f1


def sari_from_stats(stats: SariStats, use_f1_for_deletion: bool = True) -> dict[str, float]:
    """Turn corpus statistics into SARI and its three operation scores (0-100).

    For every n-gram order the F1 of ADD and KEEP (and of DELETE, or only its
    precision when ``use_f1_for_deletion`` is false) is computed, then averaged
    over the four orders; SARI is the mean of the three operation scores.
    """
    add = keep = delete = 0.0
    for n in range(NGRAM_ORDER):
        add += _precision_recall_f1(
            stats.add_sys_correct[n], stats.add_sys_total[n], stats.add_ref_total[n]
        )[2]
        keep += _precision_recall_f1(
            stats.keep_sys_correct[n], stats.keep_sys_total[n], stats.keep_ref_total[n]
        )[2]
        del_p, _, del_f1 = _precision_recall_f1(
            stats.del_sys_correct[n], stats.del_sys_total[n], stats.del_ref_total[n]
        )
        delete += del_f1 if use_f1_for_deletion else del_p
    add, keep, delete = (100.0 * x / NGRAM_ORDER for x in (add, keep, delete))
    return {"sari": (add + keep + delete) / 3, "add": add, "keep": keep, "del": delete}


def corpus_sari_components(
    orig_sents: Sequence[str],
    sys_sents: Sequence[str],
    refs_sents: Sequence[Sequence[str]],
    use_f1_for_deletion: bool = True,
) -> dict[str, float]:
    """Corpus SARI and its components, EASSE >= 0.2.1 conventions.

    Args:
        orig_sents: source sentences.
        sys_sents: system outputs, aligned with ``orig_sents``.
        refs_sents: reference streams (one list per reference, each aligned
            with ``orig_sents``).
        use_f1_for_deletion: score deletion by F1 (EASSE default) or, when
            false, by precision only (the variant of older papers).

    Returns:
        ``{"sari": ..., "add": ..., "keep": ..., "del": ...}`` on a 0-100 scale.
    """
    return sari_from_stats(sari_stats(orig_sents, sys_sents, refs_sents), use_f1_for_deletion)


def corpus_sari(
    orig_sents: Sequence[str],
    sys_sents: Sequence[str],
    refs_sents: Sequence[Sequence[str]],
    use_f1_for_deletion: bool = True,
) -> float:
    """Corpus-level SARI (0-100); see :func:`corpus_sari_components`."""
    return corpus_sari_components(orig_sents, sys_sents, refs_sents, use_f1_for_deletion)["sari"]


# --------------------------------------------------------------------------
# BLEU
# --------------------------------------------------------------------------


def corpus_bleu(sys_sents: Sequence[str], refs_sents: Sequence[Sequence[str]]) -> float:
    """sacrebleu corpus BLEU (0-100) as EASSE computes it.

    Every sentence is normalised (lower-cased, 13a-tokenized) first, then scored
    with ``BLEU(tokenize="none", lowercase=False, smooth_method="exp",
    force=True)`` over all reference streams.
    """
    if any(len(refs) != len(sys_sents) for refs in refs_sents):
        raise ValueError("every reference stream must be aligned with sys_sents")
    from sacrebleu.metrics.bleu import BLEU  # type: ignore[import-untyped,unused-ignore]

    scorer = BLEU(lowercase=False, force=True, tokenize="none", smooth_method="exp")
    hyps = [normalize(s) for s in sys_sents]
    refs = [[normalize(s) for s in stream] for stream in refs_sents]
    return float(scorer.corpus_score(hyps, refs).score)


# --------------------------------------------------------------------------
# Sentence splitting (offline, Punkt-like on normalised text)
# --------------------------------------------------------------------------

_FINAL_PUNCT = frozenset(".?!")
# Tokens made only of these characters right after a break stay with the
# previous sentence (as in NLTK Punkt's boundary realignment).
_CLOSING = frozenset("\"')]}\u201c\u201d\u2018\u2019\u00ab\u00bb")


def simple_segment(text: str) -> list[str]:
    """Split ``text`` into sentences without any model data.

    Designed for *normalised* text (see :func:`normalize`), where 13a has split
    every period, question mark and exclamation mark that is followed by a
    space into its own token. On such text NLTK's Punkt breaks after each of
    these tokens when another token follows, and moves a following token made
    only of closing brackets or quote marks into the previous sentence; this function
    does the same. For raw (non-normalised) text it also breaks after a token
    ending in ``.?!`` when the next token starts with an upper-case letter.

    >>> simple_segment("he left . she stayed ! \\" ok")
    ['he left .', 'she stayed ! "', 'ok']
    """
    tokens = text.split()
    sentences: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        current.append(tok)
        i += 1
        if i >= len(tokens):
            break
        nxt = tokens[i]
        is_final = all(c in _FINAL_PUNCT for c in tok) or (
            tok[-1] in _FINAL_PUNCT and nxt[0].isupper()
        )
        if not is_final:
            continue
        if all(c in _CLOSING for c in nxt):
            current.append(nxt)
            i += 1
        sentences.append(" ".join(current))
        current = []
    if current:
        sentences.append(" ".join(current))
    return sentences


# --------------------------------------------------------------------------
# Syllables and FKGL
# --------------------------------------------------------------------------

# Words whose syllable count the heuristic gets wrong (list from the DRESS /
# nltk_contrib readability scripts, plus "the", as in EASSE).
# fmt: off
_SPECIAL_SYLLABLES: dict[str, int] = {
    "the": 1, "tottered": 2, "chummed": 1, "peeped": 1, "moustaches": 2,
    "shamefully": 3, "messieurs": 2, "satiated": 4, "sailmaker": 4,
    "sheered": 1, "disinterred": 3, "propitiatory": 6, "bepatched": 2,
    "particularized": 5, "caressed": 2, "trespassed": 2, "sepulchre": 3,
    "flapped": 1, "hemispheres": 3, "pencilled": 2, "motioned": 2,
    "poleman": 2, "slandered": 2, "sombre": 2, "etc": 4, "sidespring": 2,
    "mimes": 1, "effaces": 2, "mr": 2, "mrs": 2, "ms": 1, "dr": 2, "st": 1,
    "sr": 2, "jr": 2, "truckle": 2, "foamed": 1, "fringed": 2,
    "clattered": 2, "capered": 2, "mangroves": 2, "suavely": 2,
    "reclined": 2, "brutes": 1, "effaced": 2, "quivered": 2, "h'm": 1,
    "veriest": 3, "sententiously": 4, "deafened": 2, "manoeuvred": 3,
    "unstained": 2, "gaped": 1, "stammered": 2, "shivered": 2,
    "discoloured": 3, "gravesend": 2, "60": 2, "lb": 1, "unexpressed": 3,
    "greyish": 2, "unostentatious": 5,
}
# fmt: on

# Patterns that signal one syllable fewer / more than the vowel-group count.
_SUBTRACT_SYLLABLE = [
    re.compile(p) for p in ("cial", "tia", "cius", "cious", "gui", "ion", "iou", "sia$", ".ely$")
]
# fmt: off
_ADD_SYLLABLE = [
    re.compile(p)
    for p in (
        "ia", "riet", "dien", "iu", "io", "ii", "[aeiouy]bl$", "mbl$",
        "[aeiou]{3}", "^mc", "ism$", r"(.)(?!\1)([aeiouy])\2l$", "[^l]llien",
        "^coad.", "^coag.", "^coal.", "^coax.",
        r"(.)(?!\1)[gq]ua(.)(?!\2)[aeiou]", "dnt$",
    )
]
# fmt: on
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=2**17)
def count_syllables(word: str) -> int:
    """Estimate the syllables of ``word`` the way EASSE's FKGL does.

    Known exceptions come from a fixed table; otherwise all trailing ``e``
    letters are dropped (silent final e), vowel groups (``aeiouy``) are
    counted, and one syllable is added or subtracted for each matching
    exception pattern. Punctuation and digits count 0; the result can be
    imprecise (even 0) for short words, by design, to match the reference.
    """
    word = word.strip().lower()
    if word in _SPECIAL_SYLLABLES:
        return _SPECIAL_SYLLABLES[word]
    word = word.rstrip("e")
    count = 0
    previous_vowel = False
    for char in word:
        vowel = char in _VOWELS
        if vowel and not previous_vowel:
            count += 1
        previous_vowel = vowel
    count += sum(1 for pattern in _ADD_SYLLABLE if pattern.search(word))
    count -= sum(1 for pattern in _SUBTRACT_SYLLABLE if pattern.search(word))
    return count


def corpus_fkgl(sents: Sequence[str], segment: Segmenter | None = None) -> float:
    """Corpus-level Flesch-Kincaid grade level, EASSE style.

    Each item is normalised and split into sentences with ``segment`` (default
    :func:`simple_segment`; EASSE uses NLTK Punkt, which needs a download).
    The segmenter receives the normalised text. Words are whitespace tokens
    (punctuation tokens included, with 0 syllables), syllables come from
    :func:`count_syllables`, and the grade
    ``0.39 * words / sentences + 11.8 * syllables / words - 15.59`` is floored
    at 0 (0 as well for empty input).
    """
    split = segment if segment is not None else simple_segment
    n_sentences = n_words = n_syllables = 0
    for text in sents:
        for sentence in split(normalize(text)):
            words = sentence.split()
            n_sentences += 1
            n_words += len(words)
            n_syllables += sum(count_syllables(w) for w in words)
    if n_sentences == 0 or n_words == 0:
        return 0.0
    grade = 0.39 * n_words / n_sentences + 11.8 * n_syllables / n_words - 15.59
    return max(0.0, grade)


# --------------------------------------------------------------------------
# Compression ratio and sentence splits (tseval definitions)
# --------------------------------------------------------------------------


def _safe_div(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _mean_pairwise(
    orig_sents: Sequence[str],
    sys_sents: Sequence[str],
    feature: Callable[[str, str], float],
) -> float:
    if len(orig_sents) != len(sys_sents):
        raise ValueError(f"orig has {len(orig_sents)} sentences but sys has {len(sys_sents)}")
    if not orig_sents:
        return 0.0
    total = sum(
        feature(normalize(o), normalize(s)) for o, s in zip(orig_sents, sys_sents, strict=True)
    )
    return total / len(orig_sents)


def compression_ratio(orig_sents: Sequence[str], sys_sents: Sequence[str]) -> float:
    """Mean over items of characters(output) / characters(source).

    Both sides are normalised first; an empty source contributes 0 (tseval's
    safe division).
    """
    return _mean_pairwise(orig_sents, sys_sents, lambda o, s: _safe_div(len(s), len(o)))


def sentence_splits(
    orig_sents: Sequence[str],
    sys_sents: Sequence[str],
    segment: Segmenter | None = None,
) -> float:
    """Mean over items of sentences(output) / sentences(source).

    Sentences are counted on normalised text with ``segment`` (default
    :func:`simple_segment`); an item whose source has no sentence contributes 0.
    """
    split = segment if segment is not None else simple_segment
    return _mean_pairwise(
        orig_sents, sys_sents, lambda o, s: _safe_div(len(split(s)), len(split(o)))
    )

"""Evaluation metrics for sentence simplification (SARI, BLEU, FKGL, ...).

See :mod:`easyread.eval.metrics` and ``docs/eval-metrics.md``.
"""

from easyread.eval.metrics import (
    NGRAM_ORDER,
    SariStats,
    Segmenter,
    compression_ratio,
    corpus_bleu,
    corpus_fkgl,
    corpus_sari,
    corpus_sari_components,
    count_syllables,
    normalize,
    sari_from_stats,
    sari_stats,
    sentence_splits,
    simple_segment,
)

__all__ = [
    "NGRAM_ORDER",
    "SariStats",
    "Segmenter",
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

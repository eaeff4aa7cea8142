"""Rows of the rewrite stages' data files (glossary entries, lexicon forms, plain words).

Apart from :mod:`easyread.data` so that ``check`` and ``score``, which read none of these
files, do not build these classes at import (each frozen dataclass costs ~0.4 ms of a cold
start). Loaded by :mod:`easyread.data`'s readers when first needed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GlossaryRow:
    """One ``[[entry]]`` of a glossary TOML file: a term, its aliases, one easy sentence."""

    term: str
    aliases: tuple[str, ...]
    explanation: str
    domain: str  # the file stem (``crime``) or ``user``
    path: str
    line: int
    regions: tuple[tuple[str, str], ...] = ()  # (region code, wording for it): easyread.region
    #: Words of the entry's sense: when given, the entry explains the term only in an article
    #: holding one of them ("jury" with court, trial, guilty …); otherwise the term is left for
    #: a person (a wrong explanation is worse than none).
    cues: tuple[str, ...] = ()
    #: Explained only beside a cue, even where WordNet's sense check (easyread.sense) finds the
    #: entry's sense: for a word whose other sense sits in fixed phrases the check misreads
    #: ("for the benefit of a few" is no state benefit).
    cues_only: bool = False


@dataclass(frozen=True)
class LexiconForm:
    """A surface form that leads to a lexicon entry (one row of ``lexicon_forms.tsv``)."""

    lemma: str  # lemminflect's lemma for the form and part of speech
    hard: str  # the lexicon key it looks up (the lemma, else the form itself)
    lemma_zipf: float  # wordfreq 'small' Zipf of the lemma


@dataclass(frozen=True)
class PlainWord:
    """A plain word of the lexicon (one row of ``lexicon_plains.tsv``)."""

    zipf: float  # wordfreq 'small' Zipf of its first word
    inflected: dict[str, str]  # Penn tag -> the plain word inflected to it

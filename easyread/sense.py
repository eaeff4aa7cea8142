"""One word-sense check for explanations and pictures (issues 10 and 11).

A glossary entry or a picture keyword means one (or a few) of its word's WordNet 3.0 senses
(``data/sense_choices.tsv``: ``benefit`` of the glossary is ``benefit.n.01``, "financial
assistance in time of need"; the house picture is ``house.n.01``, a dwelling). Before a
word of several senses is explained or pictured, the check scores the context of the use —
the sentence, its neighbours and the document's content words — against the *signature* of
every sense of the word (``data/sense_signatures.msgpack.gz``, built by
``tools/build_sense_data.py``: the content-word stems of the sense's gloss, examples,
synonyms, hypernyms, hyponyms, similar, derivationally related, see-also, attribute and domain
links: an extended Lesk), with the sense's SemCor frequency as its prior. The entry's sense
must win by :data:`MARGIN` (its probability at least that many times the best other sense's);
otherwise the use is left for a person (no explanation: ``W611``; no picture).

Sense names are ``word.pos.NN``: the NN-th sense of *this word* as part of speech ``pos`` in
WordNet's order (``benefit.n.02`` is the second noun sense of "benefit"; this differs from
NLTK's synset names, which use the synset's first lemma).

The table loads lazily (a few milliseconds) and only from the gloss stage and the picture
planner, never on the ``check`` / ``score`` path. Nothing is downloaded; NLTK is not used.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from easyread.data import data_path, read_lines, zipf

__all__ = [
    "MARGIN",
    "phrase_keeps",
    "SenseTable",
    "Verdict",
    "choices",
    "context_weights",
    "judge",
    "probabilities",
    "score_senses",
    "stem",
    "table",
]

TABLE_NAME = "sense_signatures.msgpack.gz"
CHOICES_NAME = "sense_choices.tsv"

#: The entry's senses must be at least this many times as probable as the best other sense.
MARGIN = 2.0
#: Weight of one shared word in a sense's log-score (times the word's rarity, ``6.5 - Zipf``).
OVERLAP = 1.5
#: Weight of the SemCor prior in a sense's log-score.
PRIOR = 0.5
#: Weight of the sentence's words, its neighbours' and the document's in the context.
SENTENCE, NEIGHBOURS, DOCUMENT = 1.0, 0.5, 0.03
#: Context words more common than this carry no sense information (``the``, ``than``, ``need``,
#: ``work``: measured, such words admitted wrong senses).
COMMON_ZIPF = 5.5
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
#: Inflection endings, then derivation endings, stripped (at most one of each) by :func:`stem`.
_INFLECTIONS = ("ies", "ing", "ed", "es", "s")
_DERIVATIONS = ("ations", "ation", "ments", "ment", "ness", "ities", "ity", "ers", "er", "ors", "or",
                "ists", "ist", "ions", "ion", "ally", "ly", "al", "ive", "ous", "ic", "y", "e")


def stem(word: str) -> str:
    """The light stem shared by the signatures (build time) and the context (run time): one
    inflection, then one derivation ending off, keeping at least four letters (``laws`` stays), so that
    ``prisoner``, ``prisons`` and ``prison`` meet, and ``legislature``, ``legislative``.

    >>> stem("Children"), stem("studies"), stem("laws"), stem("prisoner"), stem("glass")
    ('children', 'stud', 'laws', 'prison', 'glass')
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for endings in (_INFLECTIONS, _DERIVATIONS):
        for suffix in endings:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not w.endswith("ss"):
                w = w[: -len(suffix)]
                break
    return w


@dataclass(frozen=True)
class SenseTable:
    """``word -> pos -> [(sense name, SemCor count, signature ids)]`` and the signature vocabulary."""

    words: dict[str, dict[str, list[tuple[str, int, frozenset[int]]]]]
    vocab: dict[str, int]
    version: str
    lexfiles: dict[str, int]  # sense name -> WordNet lexicographer file (its coarse sense)
    phrases: dict[str, frozenset[str]]  # picture-keyword phrase -> its kinds ("n.5")


@lru_cache(maxsize=1)
def table() -> SenseTable:
    """The shipped signature table, loaded once."""
    import msgpack

    path = data_path(TABLE_NAME)
    with gzip.open(path, "rb") as fh:
        raw = msgpack.unpack(fh, raw=False, strict_map_key=False)
    words = {
        w: {pos: [(str(s[0]), int(s[1]), frozenset(s[2])) for s in senses] for pos, senses in by_pos.items()}
        for w, by_pos in raw["words"].items()
    }
    return SenseTable(words, {v: i for i, v in enumerate(raw["vocab"])}, str(raw["version"]),
                      dict(raw.get("lexfiles", {})),
                      {k: frozenset(v) for k, v in raw.get("phrases", {}).items()})


@lru_cache(maxsize=1)
def confirmed() -> frozenset[tuple[str, str]]:
    """``(kind, key)`` rows of ``sense_choices.tsv`` a person chose (``how`` = ``hand``): only
    these withhold a picture on a sense verdict alone (the others only on part of speech or a
    multiword expression; measured: automatic choices withheld right pictures, "rain", "today")."""
    out = set()
    for line in read_lines(CHOICES_NAME):
        f = line.split("\t")
        if len(f) >= 4 and f[3] == "hand":
            out.add((f[0], f[1]))
    return frozenset(out)


@lru_cache(maxsize=1)
def choices() -> dict[tuple[str, str], tuple[str, ...]]:
    """``(kind, key) -> sense names`` from ``sense_choices.tsv`` (kind ``glossary`` or ``picture``)."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in read_lines(CHOICES_NAME):
        if line.startswith(("#", "kind\t")) or not line.strip():
            continue
        kind, key, senses, *_ = line.split("\t")
        out[(kind, key)] = tuple(s for s in senses.split(",") if s)
    return out


def context_weights(
    sentence: Iterable[str], neighbours: Iterable[str] = (), document: Iterable[str] = (),
    *, skip: Iterable[str] = (), vocab: Mapping[str, int] | None = None,
) -> dict[int, float]:
    """Signature ids of the context's words -> weight (rarity times the word's place: the
    sentence counts most, its neighbours half, the rest of the document a little). ``skip``:
    the target word's own forms."""
    voc = table().vocab if vocab is None else vocab
    skipped = {stem(s) for s in skip}
    out: dict[int, float] = {}
    for words, place in ((document, DOCUMENT), (neighbours, NEIGHBOURS), (sentence, SENTENCE)):
        for w in words:
            if len(w) < 3 or not _WORD.fullmatch(w):
                continue
            z = zipf(w.lower())
            if z > COMMON_ZIPF:
                continue
            s = stem(w)
            if s in skipped:
                continue
            i = voc.get(s)
            if i is not None:
                out[i] = max(out.get(i, 0.0), place * max(0.5, 6.5 - z))
    return out


def score_senses(senses: Sequence[tuple[int, frozenset[int] | set[int]]], context: Mapping[int, float],
                 overlap: float = OVERLAP, prior: float = PRIOR) -> list[float]:
    """Probabilities of ``senses`` (``(SemCor count, signature)`` in WordNet order) given the
    context: ``prior`` times ``log(count + 1) - 0.5 log(rank + 1)`` plus ``overlap`` times the weight of the
    shared words, normalised."""
    if not senses:
        return []
    scores = [prior * (math.log(count + 1.0) - 0.5 * math.log(rank + 1.0))
              + overlap * sum(context.get(w, 0.0) for w in sig)
              for rank, (count, sig) in enumerate(senses)]
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def probabilities(word: str, pos: str | Iterable[str], context: Mapping[int, float]) -> list[tuple[str, float]]:
    """``(sense name, probability)`` for every sense of ``word`` as the given part(s) of speech,
    scored together (so a noun entry can lose to a verb use)."""
    by_pos = table().words.get(word.lower(), {})
    wanted = [pos] if isinstance(pos, str) else list(pos)
    rows = [s for p in wanted for s in by_pos.get(p, [])]
    probs = score_senses([(count, sig) for _name, count, sig in rows], context)
    return [(name, p) for (name, _c, _s), p in zip(rows, probs, strict=True)]


def phrase_keeps(phrase: str, word: str, confirmed: Iterable[str] = ()) -> bool:
    """Does the WordNet phrase keep a sense of ``word``? It does not when ``word`` modifies
    (is not the last word) a phrase naming an animal, a body part, a food, a person or a plant
    (:data:`LIVING`) and no noun sense of ``word`` is of that kind: "house martin", "house
    sparrow" (animals), "shop assistant" (a person). With ``confirmed`` senses (chosen by a
    person) the phrase must be of their kind. A phrase the table does not hold keeps it."""
    kinds = table().phrases.get(phrase)
    parts = phrase.split()
    files = table().lexfiles
    if kinds and confirmed and parts[-1] != word:
        # senses a person chose: the phrase must be of their kind ("flight of stairs" is an
        # artifact; the aeroplane picture's flights are acts and groups)
        return bool(kinds & {f"{w.split('.')[-2]}.{files.get(w, -1)}" for w in confirmed})
    if not kinds or parts[-1] == word or not kinds & LIVING:
        return True
    own = {f"n.{files.get(name, -1)}" for name, _c, _s in table().words.get(word, {}).get("n", [])}
    return not own or bool(kinds & own)


#: The coarse kinds of phrase that change a modifier's picture: animals, body parts, food,
#: people, plants (WordNet noun lexicographer files 5, 8, 13, 18, 20). Measured on OneStopEnglish:
#: other kinds ("football team", "phone company", "health check") kept the picture's sense.
LIVING = frozenset({"n.5", "n.8", "n.13", "n.18", "n.20"})


@dataclass(frozen=True)
class Verdict:
    """What the check found for one use: ``ok`` (the entry's sense wins by the margin), the
    probability of the entry's senses, the best other sense and its probability."""

    ok: bool
    mine: float
    other: str
    other_p: float
    known: bool  # False: the word has no table entry (nothing to check)
    prior: float = 1.0  # the probability of the entry's senses with no context (SemCor alone)
    coarse: float = 0.0  # the best other sense of another lexicographer file (noun.act, ...)
    evidence: int = 0  # words of the sentence and its neighbours in the entry's senses' signatures
    coarse_evidence: int = 0  # ... in the signature of the best sense of another kind

    @property
    def against(self) -> bool:
        """A sense of another coarse kind (WordNet lexicographer file: a person, not an act;
        not the entry's fine-grained neighbour) wins by the margin, *and* the context moved the
        use away from the entry's senses (the SemCor prior alone is no evidence against a use)."""
        return (self.known and self.coarse >= MARGIN * self.mine and self.mine < self.prior
                and self.coarse_evidence >= 2)


def judge(word: str, wanted: Sequence[str], context: Mapping[int, float],
          pos: Iterable[str] | None = None, margin: float = MARGIN) -> Verdict:
    """Does the use of ``word`` in ``context`` mean one of the ``wanted`` senses?

    ``pos``: the parts of speech the use may be (from the tagger); by default every part of
    speech of the wanted senses. A word WordNet has with one sense only, or not at all, passes.
    """
    by_pos = table().words.get(word.lower())
    if not by_pos or not wanted:
        return Verdict(True, 1.0, "", 0.0, False)
    parts = list(pos) if pos is not None else sorted({w.split(".")[-2] for w in wanted})
    probs = probabilities(word, [p for p in parts if p in by_pos], context)
    if not probs:  # the use's part of speech has no sense at all: not this entry's
        return Verdict(False, 0.0, "", 0.0, True)
    if len(probs) == 1:
        return Verdict(probs[0][0] in wanted, 1.0 if probs[0][0] in wanted else 0.0, "", 0.0, True)
    mine = sum(p for n, p in probs if n in wanted)
    other, other_p = max(((n, p) for n, p in probs if n not in wanted), key=lambda t: t[1], default=("", 0.0))
    prior = sum(p for n, p in probabilities(word, [p for p in parts if p in by_pos], {}) if n in wanted)
    files = table().lexfiles
    kinds = {(w.split(".")[-2], files.get(w, -1)) for w in wanted}
    coarse_name, coarse = max(((n, p) for n, p in probs if (n.split(".")[-2], files.get(n, -2)) not in kinds),
                              key=lambda t: t[1], default=("", 0.0))
    rows = {n: sig for p in parts for n, _c, sig in by_pos.get(p, [])}

    def near(names: Iterable[str]) -> int:
        return len({w for n in names for w in rows.get(n, ()) if context.get(w, 0.0) >= NEIGHBOURS * 0.5})

    return Verdict(mine >= margin * other_p and mine > 0, mine, other, other_p, True, prior, coarse,
                   near(wanted), near([coarse_name]) if coarse_name else 0)

"""Offline part-of-speech tagger: a greedy averaged perceptron with Penn Treebank tags.

The weights ship with the package in ``easyread/models/en_ewt_tagger.json.gz``
(trained by ``tools/train_tagger.py`` on the Universal Dependencies English Web
Treebank; that file alone is licensed CC BY-SA 4.0, see ``MODEL_CARD.md``).
They are read lazily on the first call to :func:`tag`, :func:`tag_sents` or
:func:`load`, so importing this module is cheap.  Inference is pure Python and
does not import NLTK.

Input is one sentence already split into tokens (Penn/UD style: ``n't``,
``'s``, punctuation as separate tokens).  Curly quotes and apostrophes, the
ellipsis character, en/em dashes and the pound/euro/yen signs are normalised
before feature extraction, so news copy tags like the plain-ASCII training
text.

>>> tag(["The", "council", "approved", "the", "plan", "."])
['DT', 'NN', 'VBD', 'DT', 'NN', '.']
>>> tag([])
[]
"""

from __future__ import annotations

import gzip
import json
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from operator import add
from pathlib import Path
from typing import Any

__all__ = [
    "MODEL_FILE",
    "PerceptronModel",
    "features",
    "load",
    "normalise",
    "sentence_context",
    "static_features",
    "tag",
    "tag_features",
    "tag_sents",
]

MODEL_FILE = "en_ewt_tagger.json.gz"
#: The shipped layout: one table of feature strings shared by both passes, and per pass one
#: text row per feature (``"tagindex:weight ..."``, weights as integers in units of
#: ``10**-decimals``), decoded only when a feature is first looked up.
FORMAT = "easyread-perceptron-2"
#: The trainer's in-memory layout (``{feature: {tag: weight}}``), still readable.
FORMAT_DICT = "easyread-perceptron-1"

START = ("-START-", "-START2-")
END = ("-END-", "-END2-")

_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",  # right single quote / apostrophe
        "\u2018": "'",  # left single quote
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double quote
        "\u201d": '"',  # right double quote
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u00a3": "$",  # pound
        "\u20ac": "$",  # euro
        "\u00a5": "$",  # yen
        "\u2013": "--",  # en dash
        "\u2014": "--",  # em dash
        "\u2015": "--",
        "\u2026": "...",  # ellipsis
        "\u00a0": " ",
    }
)

# Tokens whose tag is fixed whatever the context (curly quotes keep their
# direction, which is lost when they are normalised to a straight quote).
_FIXED = {"\u201c": "``", "\u201d": "''", "``": "``", "''": "''"}


def normalise(word: str) -> str:
    """Map typographic characters to the ASCII forms seen in training.

    >>> normalise("don\u2019t \u201cgo\u201d \u00a35 \u2014")
    'don\\'t "go" $5 --'
    """
    return word.translate(_CHAR_MAP)


@lru_cache(maxsize=100_000)
def _shape(word: str) -> str:
    """Collapsed word shape: ``Xx`` for ``London``, ``d`` for ``2019``, ``x-x`` (remembered per
    word: each token asks for it up to four times)."""
    out: list[str] = []
    last = ""
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out[:8])


def _norm_lower(word: str) -> str:
    """Lower-case form used for word identity; numbers share a few classes."""
    low = word.lower()
    if any(ch.isdigit() for ch in low):
        if low.isdigit():
            return "!YEAR" if len(low) == 4 else "!DIGITS"
        stripped = low.replace(",", "").replace(".", "", 1)
        if stripped.isdigit():
            return "!NUM"
    return low


class SentenceContext:
    """Per-sentence precomputed token views used by the feature functions."""

    __slots__ = ("words", "lowers", "ambig", "cased")

    def __init__(
        self,
        words: Sequence[str],
        lowers: Sequence[str],
        ambig: Sequence[str],
        cased: Sequence[str],
    ) -> None:
        self.words = words
        self.lowers = lowers
        self.ambig = ambig
        self.cased = cased


def sentence_context(tokens: Sequence[str], ambiguity: Mapping[str, str]) -> SentenceContext:
    """Normalise a sentence and pad it with two start and two end symbols.

    ``ambiguity`` maps lower-cased words to their ambiguity class and, under
    keys ``"C:" + word``, capitalised words to the class of that exact form.
    """
    words = [normalise(t) for t in tokens]
    lowers = [_norm_lower(w) for w in words]
    ambig: list[str] = []
    cased: list[str] = []
    for w, lw in zip(words, lowers, strict=False):
        a = ambiguity.get(lw)
        if a is None:
            a = "?" + _shape(w)
        ambig.append(a)
        if w != lw and w.lower() != w:
            cased.append(ambiguity.get("C:" + w, "?"))
        else:
            cased.append("")
    pad = [START[0], START[1]]
    end = [END[0], END[1]]
    return SentenceContext(
        [*pad, *words, *end],
        [*pad, *lowers, *end],
        [*pad, *ambig, *end],
        [*pad, *cased, *end],
    )


def static_features(ctx: SentenceContext, i: int) -> list[str]:
    """Features of token ``i`` (0-based) that do not depend on any tags."""
    j = i + 2
    word = ctx.words[j]
    low = ctx.lowers[j]
    lw = word.lower()
    lows = ctx.lowers
    amb = ctx.ambig
    feats = [
        "b",
        "w=" + word,
        "l=" + low,
        "sh=" + _shape(word),
        "a=" + amb[j],
        "l-1=" + lows[j - 1],
        "l-2=" + lows[j - 2],
        "l+1=" + lows[j + 1],
        "l+2=" + lows[j + 2],
        "l-1l=" + lows[j - 1] + " " + low,
        "ll+1=" + low + " " + lows[j + 1],
        "a+1=" + amb[j + 1],
        "a+2=" + amb[j + 2],
        "aa+1=" + amb[j] + " " + amb[j + 1],
        "s3-1=" + lows[j - 1][-3:],
        "s3+1=" + lows[j + 1][-3:],
        "sh+1=" + _shape(ctx.words[j + 1]),
        "shs=" + _shape(ctx.words[j - 1]) + " " + _shape(word) + " " + _shape(ctx.words[j + 1]),
        "ac=" + ctx.cased[j],
        "ac+1=" + ctx.cased[j + 1],
    ]
    n = len(lw)
    for k in (1, 2, 3, 4):
        if n >= k:
            feats.append(f"s{k}={lw[-k:]}")
    for k in (1, 2, 3):
        if n > k:
            feats.append(f"p{k}={lw[:k]}")
    if "-" in word:
        feats.append("hy")
    if any(ch.isdigit() for ch in word):
        feats.append("dg")
    if word[:1].isupper():
        feats.append("up0" if i == 0 else "up")
        if word.isupper() and n > 1:
            feats.append("caps")
    return feats


def tag_features(
    ctx: SentenceContext,
    i: int,
    prev: str,
    prev2: str,
    right: Sequence[str] | None = None,
) -> list[str]:
    """Features of token ``i`` that involve the previous (and first-pass) tags.

    ``right`` (second pass only) holds the first pass's tags for the whole
    sentence followed by the two end symbols, giving look-ahead tag features.
    """
    j = i + 2
    low = ctx.lowers[j]
    amb = ctx.ambig
    feats = [
        "t1=" + prev,
        "t2=" + prev2,
        "t12=" + prev + " " + prev2,
        "t1l=" + prev + " " + low,
        "t1a=" + prev + " " + amb[j],
        "t1a+=" + prev + " " + amb[j + 1],
        "t1s3=" + prev + " " + ctx.words[j].lower()[-3:],
    ]
    if right is not None:
        r1 = right[i + 1]
        r2 = right[i + 2]
        feats.extend(
            (
                "r1=" + r1,
                "r2=" + r2,
                "r12=" + r1 + " " + r2,
                "t1r1=" + prev + " " + r1,
                "r1l=" + r1 + " " + low,
                "r1a=" + r1 + " " + amb[j],
                "r0=" + right[i],
            )
        )
    return feats


def features(
    ctx: SentenceContext,
    i: int,
    prev: str,
    prev2: str,
    right: Sequence[str] | None = None,
) -> list[str]:
    """All feature strings for token ``i`` (0-based) given the previous tags."""
    return static_features(ctx, i) + tag_features(ctx, i, prev, prev2, right)


#: Rows with more (tag, weight) pairs than this are kept dense (one weight per tag, 0.0 for the
#: rest) and added to the scores with one C-level ``map``; shorter rows are added pair by pair.
DENSE_MIN = 8


_Row = tuple[int, "tuple[float, ...] | None", "tuple[tuple[int, float], ...]"]


class PackedWeights(Mapping[str, Mapping[str, float]]):
    """``{feature: {tag: weight}}`` read lazily from the packed layout (format 2).

    ``index`` maps a feature to its row number; ``rows[n]`` is ``"tag:weight tag:weight"``
    with the tag's index into ``tags`` and the weight as an integer in units of ``1/scale``.
    ``int / scale`` is the correctly rounded double of the decimal the trainer wrote, so the
    weights, and every prediction, are exactly those of the dictionary layout.
    """

    __slots__ = ("index", "rows", "tags", "scale", "_cache", "_sorted", "_ids", "_mat", "_used",
                 "_grow_lock")

    def __init__(self, index: Mapping[str, int], rows: Sequence[str], tags: Sequence[str],
                 scale: int) -> None:
        self.index = index
        self.rows = rows
        self.tags = tags
        self.scale = scale
        self._sorted = list(tags) == sorted(set(tags))
        # feature -> (bit mask of its tags, dense weights or None, sparse (tag index, weight)
        # pairs); mask 0 for a feature without weights in this pass
        self._cache: dict[str, _Row] = {}
        # The vectorised layout (:meth:`row_ids`, :meth:`matrix`): feature -> row of a float64
        # matrix, one column per tag, filled as features are first met. A tag the feature does
        # not weigh holds -0.0 (see :func:`_choose`); row 0 is the row of every feature without
        # weights in this pass.
        self._ids: dict[str, int] = {}
        self._mat: Any = None
        self._used = 1
        self._grow_lock = threading.Lock()

    def row_ids(self, feats: Iterable[str]) -> list[int]:
        """The matrix row of each feature (decoded into :meth:`matrix` on first use)."""
        feats = list(feats)
        out: list[int | None] = list(map(self._ids.get, feats))
        if None in out:
            out = [self._add_row(f) if r is None else r for f, r in zip(feats, out, strict=True)]
        return out  # type: ignore[return-value]

    def matrix(self) -> Any:
        """The rows met so far (a numpy array; read it after :meth:`row_ids`)."""
        return self._mat

    def _add_row(self, feature: str) -> int:
        import numpy

        with self._grow_lock:
            known = self._ids.get(feature)
            if known is not None:
                return known
            if self._mat is None:
                self._mat = numpy.full((4096, len(self.tags)), -0.0)
            pairs = self._pairs(feature)
            if not pairs:
                self._ids[feature] = 0
                return 0
            n = self._used
            if n == len(self._mat):
                grown = numpy.full((2 * n, len(self.tags)), -0.0)
                grown[:n] = self._mat
                self._mat = grown
            row = self._mat[n]
            for t, w in pairs:
                row[t] = w
            self._used = n + 1
            self._ids[feature] = n
            return n

    def _pairs(self, feature: str) -> tuple[tuple[int, float], ...]:
        n = self.index.get(feature)
        row = self.rows[n] if n is not None else ""
        if not row:
            return ()
        scale = self.scale
        pairs = (item.partition(":") for item in row.split(" "))
        return tuple((int(t), int(w) / scale) for t, _, w in pairs)

    def _decode(self, feature: str) -> _Row:
        pairs = self._pairs(feature)
        mask = 0
        for t, _ in pairs:
            mask |= 1 << t
        dense: tuple[float, ...] | None = None
        if len(pairs) > DENSE_MIN:
            weights = [0.0] * len(self.tags)
            for t, w in pairs:
                weights[t] = w
            dense = tuple(weights)
        found = (mask, dense, pairs)
        self._cache[feature] = found
        return found

    def best(self, feats: Iterable[str]) -> str:
        """Best tag for the features: what :meth:`PerceptronModel.predict` computes.

        Each tag's score is the same sequence of float additions as in the dictionary
        layout (features in order, starting from 0.0); adding a dense row's 0.0 for a tag
        the feature does not weigh leaves the score unchanged, and tags no feature weighs
        are left out of the choice (the mask), so the result is identical.
        """
        tags = self.tags
        scores = [0.0] * len(tags)
        mask = 0
        get = self._cache.get
        decode = self._decode
        for f in feats:
            row = get(f)
            if row is None:
                row = decode(f)
            bits, dense, pairs = row
            if not bits:
                continue
            mask |= bits
            if dense is not None:
                scores = list(map(add, scores, dense))
            else:
                for t, w in pairs:
                    scores[t] += w
        if not mask:
            return "NN"
        if self._sorted:  # ties go to the later tag name: the first maximum, scanning back
            seen = [i for i in range(len(tags) - 1, -1, -1) if mask >> i & 1]
            return tags[max(seen, key=scores.__getitem__)]
        seen = [i for i in range(len(tags)) if mask >> i & 1]
        return tags[max(seen, key=lambda i: (scores[i], tags[i]))]

    def get(self, feature: str, default: Any = None) -> Any:
        """The feature's ``{tag: weight}``, else ``default``."""
        pairs = self._pairs(feature)
        tags = self.tags
        return {tags[t]: w for t, w in pairs} if pairs else default

    def __getitem__(self, feature: str) -> Mapping[str, float]:
        found = self.get(feature)
        if found is None:
            raise KeyError(feature)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return (f for f, n in self.index.items() if self.rows[n])

    def __len__(self) -> int:
        return sum(1 for row in self.rows if row)


def unpack_weights(data: Mapping[str, Any]) -> tuple[PackedWeights, PackedWeights | None]:
    """Both passes' weights from a format-2 payload (one shared feature table)."""
    features = data["features"].split("\n")
    index = dict(zip(features, range(len(features)), strict=True))
    tags = data["tags"]
    scale = 10 ** int(data["decimals"])
    rows = data["rows"].split("\n")
    weights = PackedWeights(index, rows, tags, scale)
    weights2 = None
    if "rows2" in data:
        weights2 = PackedWeights(index, data["rows2"].split("\n"), tags, scale)
    return weights, weights2


class PerceptronModel:
    """Averaged-perceptron weights plus the tag and ambiguity dictionaries.

    ``weights`` maps a feature string to ``{tag: weight}`` for the first,
    left-to-right pass; ``weights2`` (optional) does the same for a second
    pass that also sees the first pass's tags to the right.  ``tagdict`` maps
    a frequent, unambiguous lower-cased word to its tag; ``ambiguity`` maps a
    lower-cased word to its ambiguity class (the tags it takes in training).
    """

    __slots__ = ("weights", "weights2", "tags", "tagdict", "ambiguity", "meta", "_scalar_tokens")

    def __init__(
        self,
        weights: Mapping[str, Mapping[str, float]],
        tags: Sequence[str],
        tagdict: dict[str, str],
        ambiguity: dict[str, str],
        weights2: Mapping[str, Mapping[str, float]] | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.weights = weights
        self.weights2 = weights2
        self.tags = sorted(tags)
        self.tagdict = tagdict
        self.ambiguity = ambiguity
        self.meta: dict[str, Any] = dict(meta or {})
        self._scalar_tokens = 0

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PerceptronModel:
        """Build a model from the decoded JSON payload written by the trainer."""
        if data.get("format") == FORMAT:
            packed = ("features", "rows", "rows2", "tagdict", "ambiguity")
            weights, weights2 = unpack_weights(data)
            meta = {k: v for k, v in data.items() if k not in packed}
            return cls(weights, data["tags"], data["tagdict"], data["ambiguity"], weights2, meta)
        if data.get("format") != FORMAT_DICT:
            raise ValueError(f"unsupported tagger model format: {data.get('format')!r}")
        big = ("weights", "weights2", "tagdict", "ambiguity")
        meta = {k: v for k, v in data.items() if k not in big}
        return cls(
            weights=data["weights"],
            tags=data["tags"],
            tagdict=data["tagdict"],
            ambiguity=data["ambiguity"],
            weights2=data.get("weights2"),
            meta=meta,
        )

    @staticmethod
    def _best(weights: Mapping[str, Mapping[str, float]], feats: Iterable[str]) -> str:
        if isinstance(weights, PackedWeights):
            return weights.best(feats)
        scores: dict[str, float] = {}
        for f in feats:
            wt = weights.get(f)
            if wt is None:
                continue
            for t, w in wt.items():
                scores[t] = scores.get(t, 0.0) + w
        if not scores:
            return "NN"
        return max(scores.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def predict(self, feats: Iterable[str], second_pass: bool = False) -> str:
        """Best tag for one token's features (ties broken by tag name)."""
        weights = self.weights2 if second_pass and self.weights2 is not None else self.weights
        return self._best(weights, feats)

    def _pass(
        self,
        tokens: Sequence[str],
        ctx: SentenceContext,
        weights: Mapping[str, Mapping[str, float]],
        right: Sequence[str] | None,
        statics: list[list[str] | None],
    ) -> list[str]:
        tagdict = self.tagdict
        prev, prev2 = START
        out: list[str] = []
        for i, tok in enumerate(tokens):
            t = _FIXED.get(tok) or tagdict.get(ctx.lowers[i + 2])
            if t is None:
                static = statics[i]
                if static is None:
                    static = statics[i] = static_features(ctx, i)
                t = self._best(weights, static + tag_features(ctx, i, prev, prev2, right))
            out.append(t)
            prev2, prev = prev, t
        return out

    def tag(self, words: Sequence[str]) -> list[str]:
        """Tag one tokenised sentence (greedy left to right, then the second pass)."""
        if not words:
            return []
        ctx = sentence_context(words, self.ambiguity)
        w1, w2 = self.weights, self.weights2
        if (isinstance(w1, PackedWeights) and w1._sorted
                and (w2 is None or isinstance(w2, PackedWeights) and w2._sorted)
                and (self._scalar_tokens >= SCALAR_TOKENS or "numpy" in sys.modules)):
            return self._tag_vectorised(words, ctx, w1, w2)
        self._scalar_tokens += len(words)
        return self._tag_scalar(words, ctx)

    def _tag_scalar(self, words: Sequence[str], ctx: SentenceContext) -> list[str]:
        """:meth:`tag` one token and one feature at a time (the reference for the vectorised path)."""
        statics: list[list[str] | None] = [None] * len(words)
        first = self._pass(words, ctx, self.weights, None, statics)
        if self.weights2 is None:
            return first
        return self._pass(words, ctx, self.weights2, [*first, *END], statics)

    def _tag_vectorised(self, words: Sequence[str], ctx: SentenceContext, w1: PackedWeights,
                        w2: PackedWeights | None) -> list[str]:
        """:meth:`tag` with each token's scores added up by numpy: the same tags, faster.

        Every tag's score is still the sum of the same weights, in the same order, from 0.0
        (see :func:`_vector_pass`), so the tags are exactly those of :meth:`PackedWeights.best`.
        """
        tagdict = self.tagdict
        fixed = [_FIXED.get(tok) or tagdict.get(ctx.lowers[i + 2]) for i, tok in enumerate(words)]
        statics = [static_features(ctx, i) for i, t in enumerate(fixed) if t is None]
        first = _vector_pass(ctx, w1, fixed, statics, None)
        if w2 is None:
            return first
        return _vector_pass(ctx, w2, fixed, statics, [*first, *END])


#: A process tags this many tokens one feature at a time before it imports numpy (~0.1 s) for
#: the vectorised path (unless numpy is already loaded): both give the same tags, and a short
#: text (``terms`` or ``rewrite`` on a page) does not pay for the import.
SCALAR_TOKENS = 2_000

#: The bits of -0.0, the value a score keeps while no feature weighs its tag.
_NEGATIVE_ZERO = -(2**63)


def _vector_pass(ctx: SentenceContext, weights: PackedWeights, fixed: Sequence[str | None],
                 statics: Sequence[list[str]], right: Sequence[str] | None) -> list[str]:
    """One greedy pass over a sentence; ``statics`` are the static features of each untagged token.

    Exactness: a row holds a feature's weight for each tag it weighs and -0.0 for the others.
    numpy adds the rows of a reduction one after another along the reduced axis (pairwise
    summation applies only along the contiguous axis, the tags), so each tag's score is the
    sequence of additions :meth:`PackedWeights.best` performs, interleaved with additions of
    -0.0, which change no value (``x + -0.0 == x``, and ``-0.0 + w == w``). A score is still
    -0.0 exactly when no feature weighs its tag: a sum that cancels to zero is +0.0. The static
    features come first in every token's list, so their sums are taken for the whole sentence
    at once and each token then adds its tag features in order.
    """
    import numpy

    prefix: Any = None
    if statics:
        ids = [weights.row_ids(f) for f in statics]
        width = max(map(len, ids))
        grid = numpy.array([r + [0] * (width - len(r)) for r in ids])
        prefix = numpy.add.reduce(weights.matrix()[grid], axis=1)
    tags = weights.tags
    last = len(tags) - 1
    neg_inf = -numpy.inf
    argmax = numpy.argmax
    where = numpy.where
    add_reduce = numpy.add.reduce
    prev, prev2 = START
    out: list[str] = []
    k = 0
    for i, t in enumerate(fixed):
        if t is None:
            row_ids = weights.row_ids(tag_features(ctx, i, prev, prev2, right))
            rows = weights.matrix()[row_ids]  # after row_ids: the matrix may have grown
            rows[0] += prefix[k]
            k += 1
            scores = add_reduce(rows, axis=0)
            scores = where(scores.view(numpy.int64) == _NEGATIVE_ZERO, neg_inf, scores)
            best = last - int(argmax(scores[::-1]))
            t = tags[best] if scores[best] != neg_inf else "NN"
        out.append(t)
        prev2, prev = prev, t
    return out


_lock = threading.Lock()
_model: PerceptronModel | None = None


def read_model(raw: bytes) -> PerceptronModel:
    """Decode gzip-compressed JSON model bytes."""
    return PerceptronModel.from_json(json.loads(gzip.decompress(raw).decode("utf-8")))


def load() -> PerceptronModel:
    """Return the shipped model, loading it on first use (thread-safe, cached)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                res = resources.files("easyread") / "models" / MODEL_FILE
                _model = read_model(res.read_bytes())
    return _model


def tag(words: Sequence[str]) -> list[str]:
    """Penn Treebank tags for one sentence's tokens."""
    return load().tag(words)


def tag_sents(sents: Iterable[Sequence[str]]) -> list[list[str]]:
    """Penn Treebank tags for several tokenised sentences."""
    model = load()
    return [model.tag(s) for s in sents]


#: One CoNLL-U sentence: (words, Penn XPOS tags, UPOS tags).
Sentence = tuple[list[str], list[str], list[str]]


def read_conllu(path: Path) -> list[Sentence]:
    """Sentences from a (gzip) CoNLL-U file, skipping MWT ranges and empty nodes."""
    opener = gzip.open if path.suffix == ".gz" else open
    sents: list[Sentence] = []
    words: list[str] = []
    xpos: list[str] = []
    upos: list[str] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sents.append((words, xpos, upos))
                    words, xpos, upos = [], [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 5 or "-" in cols[0] or "." in cols[0]:
                continue
            words.append(cols[1])
            upos.append(cols[3])
            xpos.append(cols[4])
    if words:
        sents.append((words, xpos, upos))
    return sents

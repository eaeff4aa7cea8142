"""Fit easyread's calibrated reading level (``easyread/data/level_model.json``).

Build-time tool (needs numpy; the shipped model is applied with plain Python by
:mod:`easyread.level`). Reads only the DEVELOPMENT data in ``../shared/data/`` (relative to the
repository root) and skips with a message when it is absent:

* ``onestopenglish/`` (CC BY-SA 4.0): 126 articles x 3 levels (Elementary, Intermediate,
  Advanced), the development two thirds of the corpus;
* ``clear/clear_dev.csv`` (CC BY-NC-SA 4.0, "use for evaluation only"): 3,150 excerpts with
  human ease judgements (``BT_easiness``). The data never enter the repository. The SHIPPED
  model is fitted with ``--onestop-only``: CLEAR is then only scored, never fitted on and never
  read by the choice of settings. Without the flag CLEAR is fitted on too (research only).

Protocol (see ``easyread/data/LEVEL_MODEL_CARD.md``):

1. A fixed fifth of each corpus (articles / excerpts whose SHA-1 of ``"holdout:" + name`` is
   0 mod 5) is HELD OUT: no choice below looks at it.
2. On the other four fifths, grouped 10-fold cross-validation (no article in two folds) chooses
   the settings from a small grid (:func:`select`): with ``--onestop-only``, the ridge strength
   ``alpha`` and the pair weight by OneStopEnglish alone (three-way accuracy averaged over
   ``REPEATS`` fold assignments, pairwise order >= ``MIN_PAIRWISE``, the one-standard-error
   rule with stability on OneStopEnglish excerpts); with CLEAR (research), ``alpha`` and CLEAR's
   weight by OneStopEnglish accuracy + CLEAR Pearson r.
3. A model with the chosen settings, fitted on those four fifths, is scored ONCE on the held-out
   fifth (the figures are printed and written into the model file).
4. The shipped model is refitted with the same settings on all the development data.

Fitting: :func:`easyread.level.features` (length-free ratios) of each text, standardised; a
weighted ridge regression of the OneStopEnglish level (0, 1, 2), of the within-article
differences (each text minus its article's means: the pairwise term, :func:`within_article`)
and, in research mode, of CLEAR's difficulty (-BT_easiness put on the same mean and spread);
the latent score is calibrated linearly so that each OneStopEnglish level's mean grade equals
its texts' mean Flesch-Kincaid grade; three-way cut points (for the accuracy figure only)
maximise training accuracy.

Usage:
  python tools/fit_level.py                # select, score the held-out fifth, fit, write the model
  python tools/fit_level.py --dry-run      # select and cross-validate only (no held-out score)
  python tools/fit_level.py --onestop-only # the SHIPPED model: CLEAR only scored
  python tools/fit_level.py --parser       # research: CV with parser features added (slow; spaCy)
  python tools/fit_level.py --no-signs     # research: the plain ridge of models 2026.2-2026.4 (no SIGN_PRIOR)

The shipped model (2026.5 on) is ``python tools/fit_level.py --onestop-only``: the
sign-constrained ridge (SIGN_PRIOR) over the grid ALPHAS x SIGNED_PAIR_WEIGHTS, chosen by the
OneStopEnglish-only rule of :func:`select` (pre-registered in LEVEL_MODEL_CARD.md).

Every run first rewrites ``easyread/data/level_lexicon_forms.txt`` from ``lexicon_forms.tsv``
when they differ (the forms counted by the ``lexicon_form_share`` feature, model 2026.4).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from easyread import level  # noqa: E402
from easyread.pipeline import document_from_text  # noqa: E402
from easyread.readability import compute  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
ONESTOP = DATA / "onestopenglish"
CLEAR = DATA / "clear" / "clear_dev.csv"
OUT = ROOT / "easyread" / "data" / level.MODEL_FILE
CACHE = Path("/tmp") / "easyread-level-cache"
LEVELS = ("ele", "int", "adv")
VERSION = "2026.6"
#: Version of level_lexicon_forms.txt (unchanged since the file was added).
LEXICON_FORMS_VERSION = "2026.4"
#: The model's features: all of easyread.level.FEATURE_NAMES (ridge shrinks the redundant ones).
FEATURES = level.FEATURE_NAMES
#: The grid that cross-validation chooses from.
ALPHAS = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
CLEAR_WEIGHTS = (0.5, 1.0, 1.5, 2.0)  # CLEAR's total weight relative to OneStopEnglish's (research only)
#: Weight of the within-article rows (the pairwise term, see :func:`fit`) relative to the level rows.
PAIR_WEIGHTS = (0.0, 0.5, 1.0, 2.0, 4.0)
#: The pair weights of the sign-constrained grid (the shipped model's since 2026.5; session 21's research grid).
SIGNED_PAIR_WEIGHTS = (*PAIR_WEIGHTS, 8.0, 16.0, 32.0)
FOLDS = 10
#: Prior direction of each feature (issue 12; reviewed for model 2026.5, where it became the
#: shipped model's rule): +1 for a feature whose larger value makes a text harder by what
#: readability research and plain-language / easy-read guidance say, -1 for one whose larger
#: value makes it easier; the fit keeps each such weight on its side of zero (a sign-constrained
#: ridge, :func:`ridge`). Features with no agreed direction are left out (free). The one-line
#: justification of each sign is in LEVEL_MODEL_CARD.md ("Signs"), which a test compares with
#: the model file's ``sign`` fields. Session 21's research prior (33 signs) was reviewed before
#: the 2026.5 refit: the spread of sentence lengths and commas per word were freed (no agreed
#: direction), acronyms, negations and forms of the plain-words lexicon's hard words were signed
#: +1 (plain-language and easy-read guidance).
SIGN_PRIOR: dict[str, int] = {
    **dict.fromkeys((
        "capped_words_per_sentence_sq", "share_over_20", "share_over_30", "capped_commas_per_sentence",
        "semicolons_per_sentence", "clause_words_per_sentence", "clause_word_share", "passive_share",
        "asides_per_sentence", "syllables_per_word", "letters_per_word", "polysyllable_share", "long_word_share",
        "nominal_share", "content_share", "very_rare_share", "rare_share", "zipf_3_4_share", "hard_word_share",
        "not_dale_chall_share", "of_share", "acronyms_per_100", "negation_share", "lexicon_form_share"), 1),
    **dict.fromkeys((
        "monosyllable_share", "zipf_mean", "content_zipf", "min_zipf_mean", "zipf_5_6_share", "zipf_6_share",
        "common_share", "pronoun_share", "quotes_per_sentence", "questions_per_sentence"), -1),
    # 0: weight fixed at zero (2026.6, pre-registered): the spread of sentence lengths lets a longer
    # sentence make a text easier whichever its sign (a sentence shorter than the mean narrows it)
    "capped_words_per_sentence_sd": 0,
}
#: How the model file's ``sign`` field writes each prior (None: free), as the model card's "Signs" table.
SIGN_LABELS: dict[int | None, str] = {1: "+", -1: "-", 0: "zero", None: "free"}
#: True (the shipped model since 2026.5; ``--no-signs`` turns it off for research): the
#: sign-constrained ridge; False: the plain ridge of models 2026.2-2026.4.
SIGNED = True
#: Fold assignments averaged by the development criterion (salts of the article hash): one
#: assignment's accuracy moves by about a point with the split alone.
REPEATS = ("", "r1", "r2", "r3", "r4")
#: Pairwise order every candidate must keep (the issue's target), cross-validated.
MIN_PAIRWISE = 0.99
#: Sentences per OneStopEnglish excerpt in the stability measure used to choose (see stability()).
STABILITY_WINDOW = 8
HOLDOUT = 5  # one group in HOLDOUT is held out
#: Upper grade limits of the bands easy-read, plain and standard (hard above), see the model card.
BANDS = (6.0, 9.0, 12.0)
MIN_WORDS = 50
MIN_SENTENCES = 3
CLIP = (-2.0, 20.0)


@dataclass
class Text:
    group: str  # article name (OneStopEnglish) or excerpt id (CLEAR)
    label: float  # OneStopEnglish level 0..2, or CLEAR BT_easiness
    counts: list[level.Counts]
    fkgl: float
    fre: float


def read_onestop(name: str, lvl: str) -> str:
    path = ONESTOP / f"{lvl.capitalize()}-Txt" / f"{name}-{lvl}.txt"
    text = path.read_text("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines()
    if lvl == "int" and lines and lines[0].strip() == "Intermediate":
        lines = lines[1:]
    return "\n".join(line for line in lines if line.strip())


def _counts(text: str) -> tuple[list[level.Counts], float, float]:
    doc = document_from_text(text)
    metrics = compute(doc.body_text())
    return level.document_counts(doc), metrics["flesch_kincaid_grade"], metrics["flesch_reading_ease"]


def _cached(kind: str, items: list[tuple[str, float, str]]) -> list[Text]:
    """Counts of each text, cached in /tmp by a hash of the texts and of easyread's sources."""
    h = hashlib.sha256()
    for path in sorted((ROOT / "easyread").rglob("*.py")):
        h.update(path.read_bytes())
    h.update((ROOT / "easyread" / "data" / level.WORDS_FILE).read_bytes())
    h.update((ROOT / "easyread" / "data" / level.LEXICON_FORMS_FILE).read_bytes())
    for group, label, text in items:
        h.update(f"{group}\0{label}\0{text}\0".encode())
    cache = CACHE / f"{kind}-{h.hexdigest()[:16]}.json"
    if cache.exists():
        return [Text(g, lab, [level.Counts(*c) for c in counts], fk, fre)
                for g, lab, counts, fk, fre in json.loads(cache.read_text("utf-8"))]
    out = []
    for group, label, text in items:
        counts, fkgl, fre = _counts(text)
        out.append(Text(group, label, counts, fkgl, fre))
    CACHE.mkdir(exist_ok=True)
    rows = [[t.group, t.label, [astuple(c) for c in t.counts], t.fkgl, t.fre] for t in out]
    cache.write_text(json.dumps(rows), "utf-8")
    return out


def lexicon_forms_text() -> str:
    """``level_lexicon_forms.txt``: the filter forms of ``lexicon_forms.tsv`` (every inflection of
    every hard word of ``lexicon.tsv``, by ``tools/build_forms.py``), sorted, one per line."""
    from easyread.data import lexicon_forms

    head = (f"# version: {LEXICON_FORMS_VERSION}\n"
            "# The inflected forms of the hard words of easyread's plain-words lexicon (lexicon.tsv),\n"
            "# copied from lexicon_forms.tsv by tools/fit_level.py: the calibrated level's\n"
            "# lexicon_form_share (LEVEL_MODEL_CARD.md). Do not edit by hand. Licence: MIT.\n")
    return head + "".join(f"{w}\n" for w in sorted(lexicon_forms()[0]))


def write_lexicon_forms() -> None:
    path = ROOT / "easyread" / "data" / level.LEXICON_FORMS_FILE
    text = lexicon_forms_text()
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
        level._words.cache_clear()
        print(f"wrote {path.relative_to(ROOT)}")


def onestop_texts() -> list[Text]:
    names = [n for n in (ONESTOP / "articles.txt").read_text("utf-8").split("\n") if n]
    items = [(name, float(i), read_onestop(name, lvl)) for name in names for i, lvl in enumerate(LEVELS)]
    return _cached("onestop", items)


def onestop_raw() -> list[tuple[str, int, str]]:
    names = [n for n in (ONESTOP / "articles.txt").read_text("utf-8").split("\n") if n]
    return [(name, i, read_onestop(name, lvl)) for name in names for i, lvl in enumerate(LEVELS)]


def clear_rows() -> list[dict[str, str]]:
    with CLEAR.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def clear_texts() -> list[Text]:
    items = [(r["ID"], float(r["BT_easiness"]), r["Excerpt"]) for r in clear_rows()]
    return _cached("clear", items)


_FEATURES: dict[int, tuple[Text, dict[str, float]]] = {}


def matrix(texts: Sequence[Text], names: Sequence[str] = FEATURES) -> np.ndarray:
    rows = []
    for t in texts:
        known = _FEATURES.get(id(t))
        if known is None or known[0] is not t:
            known = _FEATURES[id(t)] = (t, level.features(t.counts))
        f = known[1]
        rows.append([f[n] for n in names])
    out: np.ndarray = np.asarray(rows, dtype=float)
    return out


def folds(groups: Sequence[str], k: int = FOLDS, salt: str = "") -> np.ndarray:
    """Fold of each text: articles are assigned by a hash of their name (stable, grouped);
    another ``salt`` gives another assignment (``REPEATS``)."""
    out: np.ndarray = np.asarray([int(hashlib.md5((salt + g).encode()).hexdigest(), 16) % k for g in groups])
    return out


# ---------------------------------------------------------------------------- fitting
@dataclass
class Fit:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # on standardised features
    intercept: float
    cuts: tuple[float, float]  # three-way cut points on the grade scale

    def grade(self, x: np.ndarray) -> np.ndarray:
        out: np.ndarray = np.clip(self.intercept + ((x - self.mean) / self.scale) @ self.weights, *CLIP)
        return out


def signs_for(names: Sequence[str], columns: int) -> np.ndarray:
    """:data:`SIGN_PRIOR` of each column (+1, -1; 0: free or fixed at zero, see :func:`zero_for`;
    extra columns beyond ``names`` are free), or all free when :data:`SIGNED` is off."""
    out = np.zeros(columns)
    if SIGNED and len(names) <= columns:  # (more names than columns: they do not name these columns)
        out[:len(names)] = [SIGN_PRIOR.get(n, 0) for n in names]
    return out


def zero_for(names: Sequence[str], columns: int) -> np.ndarray:
    """True for the columns whose weight :data:`SIGN_PRIOR` fixes at zero (when :data:`SIGNED`)."""
    out = np.zeros(columns, dtype=bool)
    if SIGNED and len(names) <= columns:
        out[:len(names)] = [SIGN_PRIOR.get(n) == 0 for n in names]
    return out


def ridge(x: np.ndarray, y: np.ndarray, alpha: float, sample_weight: np.ndarray | None = None,
          signs: np.ndarray | None = None, zero: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Weighted ridge regression; with ``signs``, each weight whose sign is +1 (-1) is kept at or
    above (below) zero, and each weight marked in ``zero`` is fixed at 0: the same penalised least
    squares solved under those bounds by cyclic coordinate descent (the problem is convex, so it
    converges to the constrained optimum)."""
    w = np.ones(len(y)) if sample_weight is None else sample_weight
    xm = np.average(x, axis=0, weights=w)
    ym = float(np.average(y, weights=w))
    xc, yc = x - xm, y - ym
    a = (xc * w[:, None]).T @ xc + alpha * np.eye(x.shape[1])
    b = (xc * w[:, None]).T @ yc
    beta = np.linalg.solve(a, b)
    if zero is not None and zero.any():
        signs = np.zeros(len(beta)) if signs is None else signs
    if signs is not None and (signs.any() or (zero is not None and zero.any())):
        fixed = np.zeros(len(beta), dtype=bool) if zero is None else zero
        lo = np.where((signs > 0) | fixed, 0.0, -np.inf)
        hi = np.where((signs < 0) | fixed, 0.0, np.inf)
        beta = np.clip(beta, lo, hi)
        diag = np.diag(a)
        for _ in range(2000):
            before = beta.copy()
            for j in range(len(beta)):
                r = b[j] - a[j] @ beta + diag[j] * beta[j]
                beta[j] = min(max(r / diag[j], lo[j]), hi[j])
            if np.max(np.abs(beta - before)) < 1e-10:
                break
    return beta, ym - float(xm @ beta)


def best_cuts(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Two cut points on ``z`` maximising three-way accuracy (prefix sums: O(n log n)).

    With the texts sorted by ``z``, cutting before positions i <= j classes the first i as 0,
    the next j - i as 1 and the rest as 2; the cut points are midpoints between neighbours.
    """
    order = np.argsort(z, kind="mergesort")
    zs, ys = z[order], y[order].astype(int)
    n = len(zs)
    a = [np.concatenate([[0], np.cumsum(ys == k)]) for k in range(3)]  # a[k][i]: class k in [0, i)
    gain = a[1] - a[2]  # choose j >= i maximising a1[j] - a2[j]
    best_j = np.empty(n + 1, dtype=int)
    best_j[n] = n
    for j in range(n - 1, -1, -1):
        best_j[j] = j if gain[j] > gain[best_j[j + 1]] else best_j[j + 1]
    i_all = np.arange(n + 1)
    total = a[0][i_all] - a[1][i_all] + gain[best_j] + a[2][n]
    i = int(np.argmax(total))
    j = int(best_j[i])

    def cut(k: int) -> float:
        if k <= 0:
            return float(zs[0]) - 1.0
        if k >= n:
            return float(zs[-1]) + 1.0
        return float(zs[k - 1] + zs[k]) / 2

    return cut(i), cut(j)


def usable(texts: Sequence[Text]) -> list[Text]:
    """The texts the level judges (not ``insufficient``)."""
    return [t for t in texts
            if sum(c.words for c in t.counts) >= MIN_WORDS and sum(1 for c in t.counts if c.words) >= MIN_SENTENCES]


def held_out(group: str) -> bool:
    """True for the fixed fifth of articles / excerpts that no choice looks at."""
    return int(hashlib.sha1(f"holdout:{group}".encode()).hexdigest(), 16) % HOLDOUT == 0


def split(texts: Sequence[Text]) -> tuple[list[Text], list[Text]]:
    """(development four fifths, held-out fifth)."""
    return [t for t in texts if not held_out(t.group)], [t for t in texts if held_out(t.group)]


def within_article(ose: Sequence[Text], x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairwise rows: each text's features and level minus its article's means. A ridge
    fitted on them alone learns only what changes between the versions of one article (the
    ranking of the versions, with the article's topic and style removed)."""
    y = np.asarray([t.label for t in ose], dtype=float)
    groups = np.asarray([t.group for t in ose])
    xd, yd = x.astype(float).copy(), y.copy()
    for g in np.unique(groups):
        m = groups == g
        xd[m] -= x[m].mean(axis=0)
        yd[m] -= y[m].mean()
    return xd, yd


def fit(ose: Sequence[Text], x_ose: np.ndarray, *, clear: Sequence[Text] = (), x_clear: np.ndarray | None = None,
        alpha: float = 30.0, clear_weight: float = 1.0, pair_weight: float = 0.0,
        names: Sequence[str] = FEATURES) -> Fit:
    """Weighted ridge on OneStopEnglish levels, on the within-article rows (:func:`within_article`,
    the pairwise term, weighing ``pair_weight`` times the level rows) and (with ``clear``, research
    only) on -BT_easiness rescaled to the levels' mean and spread, CLEAR's rows weighing
    ``clear_weight`` times OneStopEnglish's in total; then the grade calibration on
    OneStopEnglish's level means of FKGL."""
    y = np.asarray([t.label for t in ose])
    x = x_ose
    weights = np.ones(len(y))
    mean = x_ose.mean(axis=0)
    scale = x_ose.std(axis=0)
    if pair_weight:
        xd, yd = within_article(ose, x_ose)
        x = np.vstack([x, xd + mean])  # centred on the features' mean, so the intercept is shared
        y = np.concatenate([y, yd + y.mean()])
        weights = np.concatenate([weights, np.full(len(yd), pair_weight)])
    if clear and x_clear is not None:
        bt = -np.asarray([t.label for t in clear])
        bt = (bt - bt.mean()) / bt.std() * y.std() + y.mean()
        x = np.vstack([x, x_clear])
        y = np.concatenate([y, bt])
        weights = np.concatenate([weights, np.full(len(clear), clear_weight * len(ose) / len(clear))])
        # the standardisation below is of all rows (level, CLEAR and, with pair_weight, the centred pairs)
        mean = np.average(x, axis=0, weights=weights)
        scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=weights))
    scale[scale == 0] = 1.0
    beta, b0 = ridge((x - mean) / scale, y, alpha, weights, signs_for(names, x.shape[1]), zero_for(names, x.shape[1]))
    z = b0 + ((x_ose - mean) / scale) @ beta
    # calibrate: level means of z -> level means of FKGL (least squares over the three levels)
    levels = np.asarray([t.label for t in ose])
    fk = np.asarray([t.fkgl for t in ose])
    zm = np.asarray([z[levels == k].mean() for k in range(3)])
    fm = np.asarray([fk[levels == k].mean() for k in range(3)])
    slope, icpt = np.polyfit(zm, fm, 1)
    f = Fit(mean, scale, beta * slope, float(b0 * slope + icpt), (0.0, 0.0))
    f.cuts = best_cuts(f.grade(x_ose), levels)
    return f


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def ranks(a: np.ndarray) -> np.ndarray:
    order = np.argsort(a, kind="mergesort")
    r = np.empty(len(a))
    r[order] = np.arange(len(a))
    # average ties
    vals = a[order]
    i = 0
    while i < len(a):
        j = i
        while j + 1 < len(a) and vals[j + 1] == vals[i]:
            j += 1
        if j > i:
            r[order[i:j + 1]] = (i + j) / 2
        i = j + 1
    return r


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    return pearson(ranks(a), ranks(b))


def three_way(pred: np.ndarray, cuts: tuple[float, float]) -> np.ndarray:
    out: np.ndarray = (pred >= cuts[0]).astype(int) + (pred >= cuts[1]).astype(int)
    return out


def pairwise(groups: Sequence[str], labels: np.ndarray, pred: np.ndarray) -> float:
    """Share of same-article pairs whose harder version gets the strictly higher value."""
    by: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        by.setdefault(g, []).append(i)
    good = total = 0
    for idx in by.values():
        for a in idx:
            for b in idx:
                if labels[a] < labels[b]:
                    total += 1
                    good += pred[a] < pred[b]
    return good / total if total else math.nan


def evaluate(f: Fit, ose: Sequence[Text], clear: Sequence[Text], names: Sequence[str] = FEATURES) -> dict[str, float]:
    """Figures of a fitted model on texts it did not see (used once, on the held-out fifth)."""
    x = matrix(ose, names)
    y = np.asarray([t.label for t in ose])
    pred = f.grade(x)
    out = {"onestop_accuracy": float(np.mean(three_way(pred, f.cuts) == y)),
           "onestop_pairwise": pairwise([t.group for t in ose], y, pred)}
    if clear:
        bt = np.asarray([t.label for t in clear])
        cp = f.grade(matrix(clear, names))
        out["clear_pearson"] = pearson(-cp, bt)
        out["clear_spearman"] = spearman(-cp, bt)
    return out


def baselines(ose: Sequence[Text], clear: Sequence[Text], train: Sequence[Text] = ()) -> dict[str, float]:
    """FKGL's three-way accuracy and pairwise order, and FRE's and FKGL's correlations with CLEAR,
    on the same texts. FKGL's cut points are fitted like the level's: on the training folds, or,
    with ``train``, on those texts."""
    y = np.asarray([t.label for t in ose])
    fk = np.asarray([t.fkgl for t in ose])
    cls = np.zeros(len(y), dtype=int)
    if train:
        cls = three_way(fk, best_cuts(np.asarray([t.fkgl for t in train]),
                                      np.asarray([t.label for t in train]).astype(int)))
    else:
        fold = folds([t.group for t in ose])
        for k in range(FOLDS):
            tr, te = fold != k, fold == k
            cls[te] = three_way(fk[te], best_cuts(fk[tr], y[tr].astype(int)))
    out = {"fkgl_accuracy": float(np.mean(cls == y)), "fkgl_pairwise": pairwise([t.group for t in ose], y, fk)}
    if clear:
        bt = np.asarray([t.label for t in clear])
        for name, v in (("fre", np.asarray([t.fre for t in clear])), ("fkgl", -np.asarray([t.fkgl for t in clear]))):
            out[f"{name}_clear_pearson"] = pearson(v, bt)
            out[f"{name}_clear_spearman"] = spearman(v, bt)
    return out


def cross_validate(ose: list[Text], clear: list[Text], *, names: Sequence[str] = FEATURES,
                   alpha: float = 30.0, clear_weight: float = 1.0, with_clear: bool = True,
                   extra: tuple[np.ndarray, np.ndarray] | None = None, pair_weight: float = 0.0,
                   salt: str = "") -> dict[str, float]:
    """Grouped 10-fold CV (OneStopEnglish by article, CLEAR by excerpt; ``salt``: another fold
    assignment); ``with_clear`` puts CLEAR's training folds into the fit; ``extra`` adds feature
    columns (OneStopEnglish rows, CLEAR rows). Without ``with_clear``, CLEAR is only scored."""
    x = matrix(ose, names)
    xc = matrix(clear, names) if clear else np.zeros((0, len(names)))
    if extra is not None:
        x, xc = np.hstack([x, extra[0]]), np.hstack([xc, extra[1]])
    y = np.asarray([t.label for t in ose])
    groups = [t.group for t in ose]
    fold = folds(groups, salt=salt)
    cfold = folds([t.group for t in clear], salt=salt)
    pred = np.zeros(len(y))
    cls = np.zeros(len(y), dtype=int)
    cpred = np.zeros(len(clear))
    for k in range(FOLDS):
        tr, te = fold != k, fold == k
        train = [t for t, m in zip(ose, tr, strict=True) if m]
        ctrain = [t for t, m in zip(clear, cfold != k, strict=True) if m] if with_clear else []
        f = fit(train, x[tr], clear=ctrain, x_clear=xc[cfold != k] if with_clear else None,
                alpha=alpha, clear_weight=clear_weight, pair_weight=pair_weight, names=names)
        pred[te] = f.grade(x[te])
        cls[te] = three_way(pred[te], f.cuts)
        if clear:
            cpred[cfold == k] = f.grade(xc[cfold == k])
    out = {"onestop_accuracy": float(np.mean(cls == y)), "onestop_pairwise": pairwise(groups, y, pred)}
    if clear:
        bt = np.asarray([t.label for t in clear])
        out["clear_pearson"] = pearson(-cpred, bt)
        out["clear_spearman"] = spearman(-cpred, bt)
    return out


def repeated(ose: list[Text], clear: list[Text], **kw: Any) -> dict[str, float]:
    """:func:`cross_validate` with every fold assignment of ``REPEATS``: the OneStopEnglish figures
    averaged over them (``*_repeated``) beside the first assignment's figures (which the model
    file and the benchmark report, as before)."""
    runs = [cross_validate(ose, clear, salt=salt, **kw) for salt in REPEATS]
    out = dict(runs[0])
    for key in ("onestop_accuracy", "onestop_pairwise"):
        out[f"{key}_repeated"] = float(np.mean([r[key] for r in runs]))
    return out


def stability_variants(ose: Sequence[Text], names: Sequence[str] = FEATURES) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of short OneStopEnglish excerpts (``STABILITY_WINDOW`` consecutive sentences)
    and of each excerpt with its first or last sentence removed or the next sentence added
    (variants of 50 words or more): the development data's own stability test."""
    base, var = [], []
    for t in ose:
        cs = [c for c in t.counts if c.words]
        for start in range(0, len(cs) - STABILITY_WINDOW - 1, STABILITY_WINDOW):
            window = cs[start:start + STABILITY_WINDOW]
            b = level.features(window)
            for v in (window[1:], window[:-1], [*window, cs[start + STABILITY_WINDOW]]):
                if sum(c.words for c in v) >= MIN_WORDS:
                    f = level.features(v)
                    base.append([b[n] for n in names])
                    var.append([f[n] for n in names])
    return np.asarray(base, dtype=float), np.asarray(var, dtype=float)


def stability(f: Fit, variants: tuple[np.ndarray, np.ndarray]) -> float:
    """Share of the excerpt variants whose grade changes by less than 0.3."""
    return float(np.mean(np.abs(f.grade(variants[0]) - f.grade(variants[1])) < 0.3))


def select(ose: list[Text], clear: list[Text], *, with_clear: bool) -> tuple[float, float, float, dict[str, float]]:
    """Choose ``(alpha, clear_weight, pair_weight)`` and return them with their cross-validated figures.

    OneStopEnglish only (the shipped model), the development criterion uses OneStopEnglish alone
    (CLEAR is scored and printed, never looked at by the choice): the three-way accuracy averaged
    over the ``REPEATS`` fold assignments, among candidates whose averaged pairwise order is at
    least ``MIN_PAIRWISE``; of the candidates within one standard error of the best accuracy
    (binomial, over the OneStopEnglish texts) the most stable one on OneStopEnglish excerpts
    (:func:`stability`; ties: the more accurate) -- the one-standard-error rule, with stability,
    which the level must keep, as the measure of simplicity.

    With CLEAR in training (research only, never shipped): the first assignment's OneStopEnglish
    accuracy + CLEAR Pearson r, as model 2026.2 was chosen, without the pairwise term.
    """
    rows: list[tuple[float, float, float, float, dict[str, float]]] = []
    variants = stability_variants(ose)
    x = matrix(ose)
    for alpha in ALPHAS:
        for w in CLEAR_WEIGHTS if with_clear else (0.0,):
            for pw in (SIGNED_PAIR_WEIGHTS if SIGNED else PAIR_WEIGHTS) if not with_clear else (0.0,):
                if with_clear:
                    cv = cross_validate(ose, clear, alpha=alpha, clear_weight=w, with_clear=True)
                else:
                    cv = repeated(ose, clear, alpha=alpha, clear_weight=w, with_clear=False, pair_weight=pw)
                    cv["onestop_stability"] = stability(fit(ose, x, alpha=alpha, pair_weight=pw), variants)
                print(f"  alpha {alpha:g}, CLEAR weight {w:g}, pair weight {pw:g}: "
                      + ", ".join(f"{k} {v:.4f}" for k, v in cv.items()), flush=True)
                rows.append((alpha, w, pw, 0.0, cv))
    if with_clear:
        best = max(rows, key=lambda r: r[4]["onestop_accuracy"] + r[4].get("clear_pearson", 0.0))
        return best[0], best[1], best[2], best[4]
    ok = [r for r in rows if r[4]["onestop_pairwise_repeated"] >= MIN_PAIRWISE] or rows
    top = max(r[4]["onestop_accuracy_repeated"] for r in ok)
    se = math.sqrt(top * (1 - top) / len(ose))
    near = [r for r in ok if r[4]["onestop_accuracy_repeated"] >= top - se]
    best = max(near, key=lambda r: (r[4]["onestop_stability"], r[4]["onestop_accuracy_repeated"]))
    print(f"best averaged accuracy {top:.4f}, one standard error {se:.4f}: {len(near)} candidates within it")
    return best[0], best[1], best[2], best[4]


#: Clausal dependency relations counted by the parser experiment.
CLAUSAL = frozenset({"advcl", "ccomp", "xcomp", "acl", "csubj", "relcl", "parataxis"})


def parser_features(texts: Sequence[str]) -> np.ndarray:
    """Research only (``--parser``): per text, clauses per sentence (capped at 4), deepest
    dependency path per sentence (capped at 12) and mean dependency distance per word, from
    easyread's parser (spaCy; ``score`` never loads it). Several minutes for all the data."""
    from easyread.syntax import parse_words

    sentences: list[tuple[list[str], None]] = []
    owner: list[int] = []
    for i, text in enumerate(texts):
        for s in document_from_text(text).body_sentences():
            if s.tokens:
                sentences.append(([t.text for t in s.tokens], None))
                owner.append(i)
    sums = np.zeros((len(texts), 5))  # sentences, clauses, depth, distance, words
    for i, doc in zip(owner, parse_words(sentences, batch_size=256), strict=True):
        clauses = sum(1 for t in doc if t.dep_.split(":")[-1] in CLAUSAL or t.dep_.split(":")[0] in CLAUSAL)
        depth = 0
        for t in doc:
            d, node = 0, t
            while node.head.i != node.i:
                node, d = node.head, d + 1
            depth = max(depth, d)
        words = [t for t in doc if not t.is_punct]
        distance = sum(abs(t.i - t.head.i) for t in words if t.head.i != t.i)
        sums[i] += (1, min(clauses, 4), min(depth, 12), distance, len(words))
    n = np.maximum(sums[:, 0], 1)
    out: np.ndarray = np.column_stack([sums[:, 1] / n, sums[:, 2] / n, sums[:, 3] / np.maximum(sums[:, 4], 1)])
    return out


def model_json(f: Fit, names: Sequence[str], ose: int, clear: int, alpha: float, clear_weight: float,
               pair_weight: float, figures: dict[str, dict[str, float]]) -> dict[str, Any]:
    sources = "the OneStopEnglish corpus (Vajjala & Lucic 2018; CC BY-SA 4.0)"
    licence = "CC BY-SA 4.0"
    if clear:
        sources += " and the CLEAR corpus (Crossley et al. 2021/2023; CC BY-NC-SA 4.0)"
        licence = "CC BY-NC-SA 4.0"
    return {
        "format": "easyread-level-1",
        "version": VERSION,
        "description": "Calibrated reading level: a ridge regression of text difficulty (and of the "
                       "differences between one article's versions) on length-free text features, "
                       + ("with prior signs on most weights, " if SIGNED else "") +
                       "calibrated to a grade (see LEVEL_MODEL_CARD.md).",
        "source": f"Fitted by tools/fit_level.py on the development two thirds of {sources}; "
                  "no text is shipped.",
        "licence": licence,
        "trained_on": {"onestopenglish_dev_texts": ose, "clear_dev_excerpts": clear},
        "ridge_alpha": alpha,
        "clear_weight": clear_weight,
        "pair_weight": pair_weight,
        **({"sign_prior": True} if SIGNED else {}),
        "intercept": round(f.intercept, 6),
        "coefficients": [
            {"feature": n, "mean": round(float(m), 6), "scale": round(float(s), 6), "weight": round(float(w), 6),
             **({"sign": SIGN_LABELS[SIGN_PRIOR.get(n)]} if SIGNED else {})}
            for n, m, s, w in zip(names, f.mean, f.scale, f.weights, strict=True)
        ],
        "bands": [{"band": b, "below": lim} for b, lim in zip(level.BANDS, BANDS, strict=False)]
                 + [{"band": level.BANDS[-1], "below": None}],
        "onestop_cuts": [round(c, 4) for c in f.cuts],
        "min_words": MIN_WORDS,
        "min_sentences": MIN_SENTENCES,
        "clip": list(CLIP),
        "figures": {k: {n: round(v, 4) for n, v in d.items()} for k, d in figures.items()},
    }


def show(title: str, d: dict[str, float]) -> None:
    print(title)
    for k, v in d.items():
        print(f"  {k}: {v:.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true",
                    help="select and cross-validate only: no held-out score, no model written")
    ap.add_argument("--onestop-only", action="store_true", help="fit without CLEAR (CLEAR only evaluates)")
    ap.add_argument("--parser", action="store_true",
                    help="research: cross-validate with parser features added (clauses, depth, dependency distance)")
    ap.add_argument("--no-signs", action="store_true",
                    help="research: the plain ridge of models 2026.2-2026.4 (no SIGN_PRIOR; pair weights up to 4)")
    args = ap.parse_args(argv)
    global SIGNED
    SIGNED = not args.no_signs
    write_lexicon_forms()
    if not ONESTOP.is_dir():
        print(f"skipped: {ONESTOP} not found (see ../shared/data/README.md)")
        return 0
    ose_all = usable(onestop_texts())
    clear_all = usable(clear_texts()) if CLEAR.exists() else []
    if not clear_all:
        print(f"note: {CLEAR} not found: CLEAR left out")
    with_clear = bool(clear_all) and not args.onestop_only
    ose, ose_held = split(ose_all)
    clear, clear_held = split(clear_all)
    print(f"development: {len(ose)} OneStopEnglish texts, {len(clear)} CLEAR excerpts; "
          f"held out: {len(ose_held)} and {len(clear_held)}")
    if args.parser:
        raw = {(n, float(i)): t for n, i, t in onestop_raw()}
        rows = {r["ID"]: r["Excerpt"] for r in clear_rows()}
        extra = (parser_features([raw[t.group, t.label] for t in ose]),
                 parser_features([rows[t.group] for t in clear]) if clear else np.zeros((0, 3)))
        shipped = json.loads(OUT.read_text("utf-8"))  # the shipped model's settings
        for tag, ex in (("without", None), ("with", extra)):
            cv = cross_validate(ose, clear, extra=ex, with_clear=with_clear, alpha=shipped["ridge_alpha"],
                                clear_weight=shipped["clear_weight"], pair_weight=shipped.get("pair_weight", 0.0))
            print(f"{tag} parser features: " + ", ".join(f"{k} {v:.4f}" for k, v in cv.items()))
        return 0
    print("grid (grouped 10-fold CV on the development four fifths):")
    alpha, w, pw, cv = select(ose, clear, with_clear=with_clear)
    base_cv = baselines(ose, clear)
    show(f"chosen: alpha {alpha:g}, CLEAR weight {w:g}, pair weight {pw:g}; cross-validated:", cv)
    show("formulas on the same texts:", base_cv)
    if args.dry_run:
        return 0
    x, xc = matrix(ose), matrix(clear) if with_clear else None
    f = fit(ose, x, clear=clear if with_clear else (), x_clear=xc, alpha=alpha, clear_weight=w, pair_weight=pw)
    held = evaluate(f, ose_held, clear_held)
    base_held = baselines(ose_held, clear_held, train=ose)
    show("HELD-OUT fifth, scored once (model fitted on the four fifths):", held)
    show("formulas on the held-out fifth (FKGL cut points fitted on the four fifths):", base_held)
    final = fit(ose_all, matrix(ose_all), clear=clear_all if with_clear else (),
                x_clear=matrix(clear_all) if with_clear else None, alpha=alpha, clear_weight=w, pair_weight=pw)
    figures = {"cross_validated": cv, "formulas_cross_validated": base_cv, "held_out": held,
               "formulas_held_out": base_held}
    data = model_json(final, FEATURES, len(ose_all), len(clear_all) if with_clear else 0, alpha, w, pw, figures)
    OUT.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} (version {VERSION})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

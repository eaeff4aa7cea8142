"""Research: candidate features for the calibrated level, cross-validated (issue 12, model 2026.3).

Build-time only (numpy, wordfreq's 'large' list); nothing here ships. For each candidate group
of length-free features (each a share or mean over the text's words or sentences, so a text
written twice keeps its value), the shipped model's 42 features plus the group are
cross-validated on the OneStopEnglish development four fifths exactly as ``tools/fit_level.py``
does (grouped 10-fold, averaged over its ``REPEATS`` fold assignments, OneStopEnglish only in
training) at the pair weight of the shipped model and three ridge strengths; CLEAR is scored
for the record (evaluation only: nothing is chosen by it).

With ``--signs`` (issue 12, session 21) every trial is fitted with ``tools/fit_level.py``'s
sign-constrained ridge (``SIGN_PRIOR``; the candidate columns are free), and one more trial keeps
only the features that have a prior sign (the free style markers left out).

With ``--ordinal`` the 42 features are fitted instead by an ordinal (cumulative-logit)
regression of the OneStopEnglish level with a pairwise logistic term over each article's
version pairs (``pair_weight`` times), an L2 penalty ``alpha`` and the sign prior, by Adam
(:func:`fit_ordinal`), over a small grid; the latent score is calibrated like the ridge's.

Usage: python tools/level_feature_trials.py [--signs] [--ordinal]
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import msgpack
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fit_level as F  # noqa: E402

from easyread.data import lexicon_forms, zipf_table  # noqa: E402
from easyread.pipeline import document_from_text  # noqa: E402

#: The features every trial starts from: model 2026.3's 42 (2026.4 added ``lexicon_form_share``,
#: the trial group "share of words with a plainer word in easyread's lexicon" below), so the
#: tables in docs/benchmarks.md reproduce.
BASE = tuple(n for n in F.FEATURES if n != "lexicon_form_share")
#: Features left out by the "core" trial: style markers that tell genres apart as much as levels.
GENRE = ("quotes_per_sentence", "questions_per_sentence", "name_share", "pronoun_share", "conjunction_share",
         "modal_share", "negation_share", "the_share", "of_share", "that_share", "acronyms_per_100",
         "numbers_per_100", "asides_per_sentence")


def large_table() -> dict[str, float]:
    spec = importlib.util.find_spec("wordfreq")
    assert spec and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "data" / "large_en.msgpack.gz"
    with gzip.open(path, "rb") as fh:
        packed = msgpack.load(fh, raw=False)
    return {w: round((900 - i) / 100, 2) for i, bucket in enumerate(packed[1:]) for w in bucket}


def lookup(table: Mapping[str, float], word: str, missing: float) -> float:
    low = word.lower().replace("\u2019", "'")
    z = table.get(low)
    if z is None and low.endswith("'s"):
        z = table.get(low[:-2])
    return missing if z is None else z


def text_words(text: str) -> list[list[str]]:
    return [[t.text for t in s.tokens if t.kind == "word"] for s in document_from_text(text).body_sentences()]


def nearest_rank(values: Sequence[float], q: float) -> float:
    """The smallest value whose share of values at or below it is >= q: unchanged when the
    text is written twice (unlike an interpolated percentile)."""
    ordered = sorted(values)
    return float(ordered[max(0, min(len(ordered) - 1, int(np.ceil(q * len(ordered))) - 1))])


def mattr(words: Sequence[str], window: int = 50) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010) of the lower-cased words."""
    low = [w.lower() for w in words]
    if len(low) <= window:
        return len(set(low)) / max(len(low), 1)
    counts: dict[str, int] = {}
    for w in low[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    for i in range(window, len(low)):
        old, new = low[i - window], low[i]
        counts[old] -= 1
        if not counts[old]:
            del counts[old]
        counts[new] = counts.get(new, 0) + 1
        total += len(counts)
    return total / (len(low) - window + 1) / window


def candidate_rows(sentences: list[list[str]], small: Mapping[str, float], large: Mapping[str, float]) -> dict[str, float]:
    """Every candidate feature of one text (names: capitalised words not first in their sentence)."""
    plain_forms = lexicon_forms()[0]
    plain: list[float] = []  # small-list Zipf of the words that are not names
    big: list[float] = []  # large-list Zipf of the same words (0: not in it)
    rarest3: list[float] = []
    long10 = words = 0
    for ws in sentences:
        zs = []
        for i, w in enumerate(ws):
            words += 1
            long10 += sum(ch.isalpha() for ch in w) >= 10
            if w[:1].isupper() and i:
                continue
            zs.append(lookup(small, w, 1.0))
            big.append(lookup(large, w, 0.0))
        plain += zs
        if ws:
            rarest3.append(float(np.mean(sorted(zs)[:3])) if zs else 5.0)
    every = [w for ws in sentences for w in ws]
    lengths = [min(len(ws), 40) for ws in sentences if ws] or [0]
    letters = [sum(ch.isalpha() for ch in w) for w in every] or [0]
    a = np.asarray(plain or [5.0])
    b = np.asarray(big or [5.0])
    content = a[a < 5.5]
    big_content = np.maximum(b[b < 5.5], 1.0)
    return {
        "plain_zipf_p10": float(np.percentile(a, 10)), "plain_zipf_p20": float(np.percentile(a, 20)),
        "plain_zipf_p30": float(np.percentile(a, 30)),
        "plain_zipf_mean": float(a.mean()), "plain_content_zipf": float(content.mean()) if len(content) else 5.5,
        "plain_below_3_5": float(np.mean(a < 3.5)), "plain_below_4": float(np.mean(a < 4.0)),
        "plain_below_4_5": float(np.mean(a < 4.5)),
        "rarest3_mean": float(np.mean(rarest3 or [5.0])),
        "long10_share": long10 / max(words, 1),
        "large_zipf_mean": float(np.mean(np.maximum(b, 1.0))), "large_below_2": float(np.mean(b < 2.0)),
        "large_missing": float(np.mean(b == 0.0)),
        "large_content_zipf": float(big_content.mean()) if len(big_content) else 5.5,
        "length_p50": nearest_rank(lengths, 0.5), "length_p75": nearest_rank(lengths, 0.75),
        "length_p90": nearest_rank(lengths, 0.9),
        "mattr_50": mattr(every),
        "letters_1_3": float(np.mean([n <= 3 for n in letters])),
        "letters_4_6": float(np.mean([4 <= n <= 6 for n in letters])),
        "letters_8_9": float(np.mean([8 <= n <= 9 for n in letters])),
        "lexicon_share": sum(w.lower() in plain_forms for w in every) / max(len(every), 1),
    }


GROUPS: dict[str, tuple[str, ...]] = {
    "Zipf percentiles of non-name words (10th, 20th, 30th)": ("plain_zipf_p10", "plain_zipf_p20", "plain_zipf_p30"),
    "mean Zipf of non-name words, and of their content words": ("plain_zipf_mean", "plain_content_zipf"),
    "shares of non-name words below Zipf 3.5, 4, 4.5": ("plain_below_3_5", "plain_below_4", "plain_below_4_5"),
    "mean Zipf of each sentence's three rarest words": ("rarest3_mean",),
    "share of words of 10+ letters": ("long10_share",),
    "wordfreq 'large' list: mean, below 2, missing, content mean": (
        "large_zipf_mean", "large_below_2", "large_missing", "large_content_zipf"),
    # session 21
    "words per sentence, nearest-rank 50th, 75th, 90th percentiles (capped at 40)": (
        "length_p50", "length_p75", "length_p90"),
    "moving-average type-token ratio (window 50)": ("mattr_50",),
    "word-length distribution: shares of 1-3, 4-6, 8-9 letters": ("letters_1_3", "letters_4_6", "letters_8_9"),
    "share of words with a plainer word in easyread's lexicon (its inflected forms)": ("lexicon_share",),
}


def fit_ordinal(ose: Sequence[F.Text], x_ose: np.ndarray, *, alpha: float = 30.0, pair_weight: float = 0.0,
                names: Sequence[str] = F.FEATURES, **_: object) -> F.Fit:
    """Research: cumulative-logit model P(level <= k) = sigmoid(theta_k - x.beta) plus
    ``pair_weight`` times the mean pairwise logistic loss of each article's (easier, harder)
    versions, penalty ``alpha * |beta|^2 / n``; weights with a prior sign (F.SIGN_PRIOR, when
    F.SIGNED) are projected onto their side of zero after each Adam step (1,500 steps)."""
    y = np.asarray([t.label for t in ose]).astype(int)
    groups = np.asarray([t.group for t in ose])
    mean = x_ose.mean(axis=0)
    scale = x_ose.std(axis=0)
    scale[scale == 0] = 1.0
    x = (x_ose - mean) / scale
    n, d = x.shape
    signs = F.signs_for(names, d)
    lo, hi = np.where(signs > 0, 0.0, -np.inf), np.where(signs < 0, 0.0, np.inf)
    pairs = [(a, b) for g in np.unique(groups) for a in np.flatnonzero(groups == g)
             for b in np.flatnonzero(groups == g) if y[a] < y[b]]
    diff = np.asarray([x[b] - x[a] for a, b in pairs]).reshape(-1, d)

    def sig(v: np.ndarray) -> np.ndarray:
        out: np.ndarray = 1.0 / (1.0 + np.exp(-v))
        return out

    beta, theta = np.zeros(d), np.asarray([-1.0, 1.0])
    m, v = np.zeros(d + 2), np.zeros(d + 2)
    for it in range(1500):
        s = x @ beta
        c0, c1 = sig(theta[0] - s), sig(theta[1] - s)
        p = np.clip(np.stack([c0, c1 - c0, 1 - c1], 1), 1e-9, None)
        d0, d1 = c0 * (1 - c0), c1 * (1 - c1)
        g_s = np.where(y == 0, -d0 / p[:, 0], np.where(y == 1, (d0 - d1) / p[:, 1], d1 / p[:, 2]))
        g_t0 = np.where(y == 0, d0 / p[:, 0], np.where(y == 1, -d0 / p[:, 1], 0.0))
        g_t1 = np.where(y == 1, d1 / p[:, 1], np.where(y == 2, -d1 / p[:, 2], 0.0))
        grad_b = -(x.T @ g_s) / n + 2 * alpha / n * beta
        if pair_weight and len(diff):
            grad_b -= pair_weight * (diff.T @ (1 - sig(diff @ beta))) / len(diff)
        grad = np.concatenate([grad_b, [-g_t0.sum() / n, -g_t1.sum() / n]])
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        step = 0.05 * (m / (1 - 0.9 ** (it + 1))) / (np.sqrt(v / (1 - 0.999 ** (it + 1))) + 1e-8)
        beta = np.clip(beta - step[:d], lo, hi)
        theta = np.sort(theta - step[d:])
    z = x @ beta
    fk = np.asarray([t.fkgl for t in ose])
    slope, icpt = np.polyfit([z[y == k].mean() for k in range(3)], [fk[y == k].mean() for k in range(3)], 1)
    f = F.Fit(mean, scale, beta * slope, float(icpt), (0.0, 0.0))
    f.cuts = F.best_cuts(f.grade(x_ose), y)
    return f


def ordinal(ose: list[F.Text], clear: list[F.Text]) -> None:
    variants = F.stability_variants(ose, BASE)
    x = F.matrix(ose, BASE)
    print(("sign-constrained " if F.SIGNED else "") + "ordinal logit, 42 features: OneStopEnglish three-way "
          "(first assignment; averaged over five) / pairwise (averaged) / CLEAR Pearson, Spearman / stability\n")
    print("| alpha | pair weight | OSE three-way | OSE pairwise | CLEAR r | CLEAR rho | stability |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    F.fit = fit_ordinal  # type: ignore[assignment]
    for alpha in (1.0, 10.0, 30.0, 100.0):
        for pw in (0.0, 1.0, 4.0):
            cv = F.repeated(ose, clear, names=BASE, alpha=alpha, with_clear=False, pair_weight=pw)
            st = F.stability(fit_ordinal(ose, x, alpha=alpha, pair_weight=pw, names=BASE), variants)
            print(f"| {alpha:g} | {pw:g} | {cv['onestop_accuracy']:.1%} ({cv['onestop_accuracy_repeated']:.1%}) | "
                  f"{cv['onestop_pairwise_repeated']:.2%} | {cv['clear_pearson']:.3f} | {cv['clear_spearman']:.3f} | "
                  f"{st:.1%} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    F.SIGNED = "--signs" in args
    if not F.ONESTOP.is_dir() or not F.CLEAR.exists():
        print(f"skipped: {F.ONESTOP} or {F.CLEAR} not found (see ../shared/data/README.md)")
        return 0
    shipped = json.loads(F.OUT.read_text("utf-8"))
    pw = float(shipped.get("pair_weight", 0.0))
    ose, _ = F.split(F.usable(F.onestop_texts()))
    clear, _ = F.split(F.usable(F.clear_texts()))
    if "--ordinal" in args:
        ordinal(ose, clear)
        return 0
    raw = {(n, float(i)): t for n, i, t in F.onestop_raw()}
    excerpts = {r["ID"]: r["Excerpt"] for r in F.clear_rows()}
    small, large = zipf_table(), large_table()

    def rows(texts: Sequence[F.Text], text_of: Callable[[F.Text], str]) -> list[dict[str, float]]:
        return [candidate_rows(text_words(text_of(t)), small, large) for t in texts]

    cand_ose = rows(ose, lambda t: raw[t.group, t.label])
    cand_clear = rows(clear, lambda t: excerpts[t.group])
    every = tuple(n for g in GROUPS.values() for n in g)
    trials: list[tuple[str, Sequence[str], tuple[str, ...]]] = [("the 42 features of 2026.3", BASE, ())]
    trials += [(f"+ {label}", BASE, names) for label, names in GROUPS.items()]
    trials += [("+ all of the above", BASE, every),
               ("core: the 42 less 13 style markers", tuple(n for n in BASE if n not in GENRE), ())]
    if F.SIGNED:
        trials.append(("only the features with a prior sign (33)", tuple(n for n in BASE if n in F.SIGN_PRIOR), ()))
    print(("sign-constrained ridge (SIGN_PRIOR); " if F.SIGNED else "") + f"pair weight {pw:g} (the shipped model's); OneStopEnglish three-way (averaged over "
          f"{len(F.REPEATS)} fold assignments) / pairwise / CLEAR Pearson r (first assignment)\n")
    print("| features | " + " | ".join(f"alpha {a:g}" for a in (1.0, 30.0, 300.0)) + " |")
    print("|---|---:|---:|---:|")
    for label, names, extra in trials:
        ex = None
        if extra:
            ex = (np.asarray([[r[n] for n in extra] for r in cand_ose]),
                  np.asarray([[r[n] for n in extra] for r in cand_clear]))
        cells = []
        for alpha in (1.0, 30.0, 300.0):
            cv = F.repeated(ose, clear, names=names, alpha=alpha, with_clear=False, pair_weight=pw, extra=ex)
            cells.append(f"{cv['onestop_accuracy_repeated']:.1%} / {cv['onestop_pairwise_repeated']:.2%} / "
                         f"{cv['clear_pearson']:.3f}")
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

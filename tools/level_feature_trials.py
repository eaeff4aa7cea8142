"""Research: candidate features for the calibrated level, cross-validated (issue 12, model 2026.3).

Build-time only (numpy, wordfreq's 'large' list); nothing here ships. For each candidate group
of length-free features (each a share or mean over the text's words or sentences, so a text
written twice keeps its value), the shipped model's 42 features plus the group are
cross-validated on the OneStopEnglish development four fifths exactly as ``tools/fit_level.py``
does (grouped 10-fold, averaged over its ``REPEATS`` fold assignments, OneStopEnglish only in
training) at the pair weight of the shipped model and three ridge strengths; CLEAR is scored
for the record (evaluation only: nothing is chosen by it).

Usage: python tools/level_feature_trials.py
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import msgpack
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fit_level as F  # noqa: E402

from easyread.data import zipf_table  # noqa: E402
from easyread.pipeline import document_from_text  # noqa: E402

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


def lookup(table: dict[str, float], word: str, missing: float) -> float:
    low = word.lower().replace("\u2019", "'")
    z = table.get(low)
    if z is None and low.endswith("'s"):
        z = table.get(low[:-2])
    return missing if z is None else z


def text_words(text: str) -> list[list[str]]:
    return [[t.text for t in s.tokens if t.kind == "word"] for s in document_from_text(text).body_sentences()]


def candidate_rows(sentences: list[list[str]], small: dict[str, float], large: dict[str, float]) -> dict[str, float]:
    """Every candidate feature of one text (names: capitalised words not first in their sentence)."""
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
    }


GROUPS: dict[str, tuple[str, ...]] = {
    "Zipf percentiles of non-name words (10th, 20th, 30th)": ("plain_zipf_p10", "plain_zipf_p20", "plain_zipf_p30"),
    "mean Zipf of non-name words, and of their content words": ("plain_zipf_mean", "plain_content_zipf"),
    "shares of non-name words below Zipf 3.5, 4, 4.5": ("plain_below_3_5", "plain_below_4", "plain_below_4_5"),
    "mean Zipf of each sentence's three rarest words": ("rarest3_mean",),
    "share of words of 10+ letters": ("long10_share",),
    "wordfreq 'large' list: mean, below 2, missing, content mean": (
        "large_zipf_mean", "large_below_2", "large_missing", "large_content_zipf"),
}


def main() -> int:
    if not F.ONESTOP.is_dir() or not F.CLEAR.exists():
        print(f"skipped: {F.ONESTOP} or {F.CLEAR} not found (see ../shared/data/README.md)")
        return 0
    shipped = json.loads(F.OUT.read_text("utf-8"))
    pw = float(shipped.get("pair_weight", 0.0))
    ose, _ = F.split(F.usable(F.onestop_texts()))
    clear, _ = F.split(F.usable(F.clear_texts()))
    raw = {(n, float(i)): t for n, i, t in F.onestop_raw()}
    excerpts = {r["ID"]: r["Excerpt"] for r in F.clear_rows()}
    small, large = zipf_table(), large_table()

    def rows(texts: Sequence[F.Text], text_of: Callable[[F.Text], str]) -> list[dict[str, float]]:
        return [candidate_rows(text_words(text_of(t)), small, large) for t in texts]

    cand_ose = rows(ose, lambda t: raw[t.group, t.label])
    cand_clear = rows(clear, lambda t: excerpts[t.group])
    every = tuple(n for g in GROUPS.values() for n in g)
    trials: list[tuple[str, Sequence[str], tuple[str, ...]]] = [("shipped features (42)", F.FEATURES, ())]
    trials += [(f"+ {label}", F.FEATURES, names) for label, names in GROUPS.items()]
    trials += [("+ all of the above", F.FEATURES, every),
               ("core: the 42 less 13 style markers", tuple(n for n in F.FEATURES if n not in GENRE), ())]
    print(f"pair weight {pw:g} (the shipped model's); OneStopEnglish three-way (averaged over "
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

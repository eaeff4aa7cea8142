"""How well the calibrated level (easyread.level) agrees with people, next to the formulas.

Reads the DEVELOPMENT data in ../shared/data/ (relative to the repo root; skips with a message
when it is absent): OneStopEnglish (126 articles x 3 levels) and CLEAR (3,150 excerpts with
human ease judgements). Prints Markdown tables:

1. OneStopEnglish, 10-fold cross-validation grouped by article (tools/fit_level.py's folds):
   three-way accuracy (cut points fitted on the training folds) and pairwise order (share of
   same-article pairs whose harder version scores strictly higher), the level beside FKGL;
2. CLEAR: Pearson and Spearman r with BT_easiness of the SHIPPED model (fitted on
   OneStopEnglish only, so every CLEAR excerpt is unseen) and of the formulas (the corpus's own
   precomputed values), plus, for reference, a model cross-validated with CLEAR in training
   (never shipped: CLEAR is for evaluation only);
3. length invariance: every development text scored by ``easyread.score`` once and written
   twice (under a one-word headline line, so the whole text is body text both times): the
   largest difference in grade;
4. stability: the grade change when the first or last sentence is removed or one sentence
   (the next text's first) is added;
5. per-sentence level: Spearman rank correlation with the sentence's FKGL and word count;
6. cost: CPU time of the level inside ``score`` (counts + model) on the OneStopEnglish texts.

The held-out test splits of both corpora are not in ../shared/data/ (see its README), so no
test-split figure is printed.

Usage: python benchmarks/bench_level.py [--limit N]   (N: texts per corpus, for a quick run)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fit_level as F  # noqa: E402

from easyread import level  # noqa: E402
from easyread.pipeline import document_from_text  # noqa: E402
from easyread.score import score  # noqa: E402


def grade(text: str) -> float | None:
    lv = score(document_from_text(text)).level
    return None if lv is None else lv.get("grade")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="texts per corpus for the slow parts (0: all)")
    args = ap.parse_args()
    if not F.ONESTOP.is_dir() or not F.CLEAR.exists():
        print(f"skipped: {F.ONESTOP} or {F.CLEAR} not found (see ../shared/data/README.md)")
        return 0
    m = level.model()
    print(f"model {m.version}: {len(m.features)} features, min {m.min_words} words in {m.min_sentences} sentences\n")
    ose = F.onestop_texts()
    clear = F.clear_texts()

    # 1 + 2: cross-validated agreement
    cv = F.cross_validate(ose, clear)
    cvc = F.cross_validate(ose, clear, with_clear=True)
    print("### OneStopEnglish (dev, 378 texts), 10-fold CV grouped by article\n")
    print("| score | three-way accuracy | pairwise order |")
    print("|---|---:|---:|")
    print(f"| level (model {m.version}'s features and fitting) | {cv['onestop_accuracy']:.1%} | {cv['onestop_pairwise']:.2%} |")
    print(f"| FKGL (cut points fitted the same way) | {cv['fkgl_accuracy']:.1%} | {cv['fkgl_pairwise']:.2%} |")
    print(f"| level, trained with CLEAR too (not shipped) | {cvc['onestop_accuracy']:.1%} | {cvc['onestop_pairwise']:.2%} |")

    rows = F.clear_rows()
    bt = np.asarray([float(r["BT_easiness"]) for r in rows])
    shipped = [level.text_level(t.counts).grade for t in clear]
    ok = np.asarray([g is not None for g in shipped])
    g = np.asarray([x if x is not None else np.nan for x in shipped])
    print(f"\n### CLEAR (dev, {len(rows)} excerpts): correlation with human ease (BT_easiness)\n")
    print("| score | Pearson r | Spearman r |")
    print("|---|---:|---:|")
    print(f"| level, shipped model (OneStopEnglish only; {int(ok.sum())} excerpts judged, "
          f"{int((~ok).sum())} insufficient) | {F.pearson(-g[ok], bt[ok]):.3f} | {F.spearman(-g[ok], bt[ok]):.3f} |")
    print(f"| level, model CV-trained with CLEAR (not shipped) | {cvc['clear_pearson']:.3f} | {cvc['clear_spearman']:.3f} |")
    for col, sign in (("Flesch-Reading-Ease", 1), ("Flesch-Kincaid-Grade-Level", -1), ("SMOG Readability", -1),
                      ("New Dale-Chall Readability Formula", -1), ("Automated Readability Index", -1)):
        v = sign * np.asarray([float(r[col]) for r in rows])
        print(f"| {col} (corpus value, sign so that + = agrees) | {F.pearson(v, bt):.3f} | {F.spearman(v, bt):.3f} |")

    # 3: length invariance, through score() on the text and on the text twice
    raw = [(f"ose:{n}:{lvl}", t) for n, lvl, t in F.onestop_raw()]
    raw += [(f"clear:{r['ID']}", r["Excerpt"]) for r in rows]
    if args.limit:
        raw = raw[: args.limit] + raw[len(F.onestop_raw()): len(F.onestop_raw()) + args.limit]
    diffs = []
    judged = 0
    for _, text in raw:
        # under a one-word headline, so that all of the text is body text both times
        once, twice = grade("Article\n" + text), grade("Article\n" + text + "\n" + text)
        if once is None:
            continue
        judged += 1
        diffs.append(abs((twice if twice is not None else 1e9) - once))
    print(f"\n### Length invariance ({judged} development texts judged, each also scored written twice)\n")
    print(f"largest |grade(text x2) - grade(text)| = {max(diffs):.3f}; texts over 0.05: "
          f"{sum(d > 0.05 for d in diffs)}")

    # 4: stability, by the text's number of sentences
    deltas: list[float] = []
    sizes: list[int] = []
    texts = ose + clear
    for i, t in enumerate(texts):
        base = level.text_level(t.counts).grade
        if base is None:
            continue
        kept = [c for c in t.counts if c.words]
        nxt = [c for c in texts[(i + 1) % len(texts)].counts if c.words]
        for variant in (kept[1:], kept[:-1], [*kept, nxt[0]] if nxt else kept):
            g2 = level.text_level(variant).grade
            if g2 is not None:
                deltas.append(abs(g2 - base))
                sizes.append(len(kept))
    arr, size = np.asarray(deltas), np.asarray(sizes)
    print(f"\n### Stability (first or last sentence removed, or one added; {len(arr)} variants of the "
          "development texts), by the text's number of sentences\n")
    print("| sentences | variants | share with change < 0.3 | median | 99th percentile | largest |")
    print("|---|---:|---:|---:|---:|---:|")
    for lo, hi in ((3, 6), (6, 10), (10, 15), (15, 20), (20, 30), (30, 10_000)):
        part = arr[(size >= lo) & (size < hi)]
        if len(part):
            label = f"{lo}-{hi - 1}" if hi < 10_000 else f"{lo}+"
            print(f"| {label} | {len(part)} | {np.mean(part < 0.3):.1%} | {np.median(part):.3f} | "
                  f"{np.percentile(part, 99):.3f} | {part.max():.3f} |")
    print(f"| all | {len(arr)} | {np.mean(arr < 0.3):.1%} | {np.median(arr):.3f} | "
          f"{np.percentile(arr, 99):.3f} | {arr.max():.3f} |")

    # 5 + 6: per-sentence level and cost
    sent_level, sent_fk, sent_len = [], [], []
    cpu_level = cpu_score = 0.0
    n_cost = min(len(ose), len(raw))
    for _, text in raw[:n_cost]:
        doc = document_from_text(text)
        t0 = time.process_time()
        s = score(doc)
        cpu_score += time.process_time() - t0
        body = list(doc.body_sentences())
        t0 = time.process_time()
        level.attach(body, s.sentences)
        cpu_level += time.process_time() - t0
        for x in s.sentences:
            if x.level and x.level["grade"] is not None and x.words >= 3:
                sent_level.append(x.level["grade"])
                sent_fk.append(x.flesch_kincaid_grade)
                sent_len.append(x.words)
    sl = np.asarray(sent_level)
    print(f"\n### Per-sentence level ({len(sl)} OneStopEnglish sentences of 3 words or more)\n")
    print(f"Spearman r with sentence FKGL: {F.spearman(sl, np.asarray(sent_fk)):.3f}; "
          f"with sentence length (words): {F.spearman(sl, np.asarray(sent_len, dtype=float)):.3f}")
    print(f"bands: { {b: int(sum(1 for x in sl if m.band(x) == b)) for b in level.BANDS} }")
    print(f"\n### Cost\n\nscore() on {n_cost} OneStopEnglish texts: {cpu_score:.2f} s CPU; of which the level "
          f"(counts + model, measured again separately): {cpu_level:.2f} s "
          f"({cpu_level / cpu_score:.0%}; median text {statistics.median(len(t) for _, t in raw[:n_cost])} chars; word cache warm)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How well the calibrated level (easyread.level) agrees with people, next to the formulas.

Reads the DEVELOPMENT data in ../shared/data/ (relative to the repo root; skips with a message
when it is absent): OneStopEnglish (126 articles x 3 levels) and CLEAR (3,150 excerpts with
human ease judgements). Prints Markdown tables:

1. + 2. agreement: the figures tools/fit_level.py wrote into the model file (grouped 10-fold
   cross-validation on the development four fifths; the held-out fifth scored once), checked
   by re-running the cross-validation, beside FKGL and FRE on the same texts, and the corpus's
   own formula values on the held-out CLEAR excerpts;
3. length invariance: every development text scored by ``easyread.score`` once and written
   twice (under a one-word headline line, so the whole text is body text both times): the
   largest difference in grade;
4. stability: the grade change when the first or last sentence is removed or one sentence
   (the next text's first) is added;
5. per-sentence level: Spearman rank correlation with the sentence's FKGL and word count;
6. cost: CPU time of the level inside ``score`` (counts + model) on the OneStopEnglish texts;
7. monotonicity (model 2026.5 on): every sentence of every OneStopEnglish text in turn made longer
   by each of four subordinate clauses (:data:`CLAUSES`): how often the text's grade goes down.

The corpora's own held-out test splits are not in ../shared/data/ (see its README); the
"held-out" figures are for a fixed fifth of the development data that no choice looked at.

Usage: python benchmarks/bench_level.py [--limit N]   (N: texts per corpus, for a quick run)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fit_level as F  # noqa: E402

from easyread import level  # noqa: E402
from easyread.data import data_path  # noqa: E402
from easyread.pipeline import document_from_text  # noqa: E402
from easyread.readability import compute  # noqa: E402
from easyread.score import score  # noqa: E402


def grade(text: str) -> float | None:
    lv = score(document_from_text(text)).level
    return None if lv is None else lv.get("grade")


#: textstat formulas (easyread.readability, as ``score`` reports them) compared on OneStopEnglish.
FORMULAS = ("flesch_kincaid_grade", "smog_index", "dale_chall_readability_score", "automated_readability_index")


def onestop_formulas(ose_dev: list[F.Text], ose_held: list[F.Text]) -> None:
    """Each formula's three-way accuracy (cut points fitted on the training folds, the level's
    folds) and pairwise order on the OneStopEnglish development four fifths, and on the held-out
    fifth (cut points fitted on the four fifths, as the level's)."""
    raw = {(n, float(i)): t for n, i, t in F.onestop_raw()}

    def values(texts: list[F.Text]) -> list[dict[str, float]]:
        return [compute(document_from_text(raw[t.group, t.label]).body_text()) for t in texts]

    y = np.asarray([t.label for t in ose_dev])
    yh = np.asarray([t.label for t in ose_held])
    groups = [t.group for t in ose_dev]
    fold = F.folds(groups)
    dev, held = values(ose_dev), values(ose_held)
    print(f"\nFormulas on the {len(ose_dev)} OneStopEnglish development texts (three-way: cut points "
          "fitted on the training folds of the level's grouped 10-fold CV) and on the "
          f"{len(ose_held)} held-out texts (cut points fitted on the four fifths):\n")
    print("| formula | OSE three-way (CV) | OSE pairwise | OSE three-way (held out) | OSE pairwise (held out) |")
    print("|---|---:|---:|---:|---:|")
    for name in FORMULAS:
        v = np.asarray([float(m[name]) for m in dev])
        vh = np.asarray([float(m[name]) for m in held])
        cls = np.zeros(len(y), dtype=int)
        for k in range(F.FOLDS):
            tr, te = fold != k, fold == k
            cls[te] = F.three_way(v[te], F.best_cuts(v[tr], y[tr].astype(int)))
        clsh = F.three_way(vh, F.best_cuts(v, y.astype(int)))
        print(f"| {name} | {np.mean(cls == y):.1%} | {F.pairwise(groups, y, v):.2%} | {np.mean(clsh == yh):.1%} | "
              f"{F.pairwise([t.group for t in ose_held], yh, vh):.2%} |")


#: Subordinate clauses added before a sentence's final mark by the monotonicity audit (the
#: clauses of ``tests/test_level_monotone.py``).
CLAUSES = (", which had been planned for a long time", ", because the rules had changed",
           ", although nobody knew why", " when the report came out")


def longer(sentence: str, clause: str) -> str:
    """``sentence`` with ``clause`` before its final full stop, question or exclamation mark."""
    body = sentence.rstrip()
    if body[-1:] in ".?!":
        return body[:-1] + clause + body[-1]
    return body + clause


def monotonicity(texts: list[str], m: level.Model) -> dict[str, float]:
    """Each sentence of each text made longer by each clause of :data:`CLAUSES` (that sentence
    recounted alone, the others kept): the share of edits whose text grade goes down (by any
    amount, and by 0.05 or more), and the largest fall."""
    edits = down = down05 = 0
    worst = 0.0
    for text in texts:
        doc = document_from_text(text)
        body = list(doc.body_sentences())
        counts = level.document_counts(doc)
        base = level.text_level(counts, m)
        if base.grade is None:
            continue
        for i, s in enumerate(body):
            if not counts[i].words:
                continue
            for clause in CLAUSES:
                c = level.document_counts(document_from_text("Headline\n\n" + longer(s.text, clause)))
                if len(c) != 1:
                    continue
                g = level.text_level([*counts[:i], c[0], *counts[i + 1:]], m).grade
                assert g is not None
                edits += 1
                fall = base.grade - g
                down += fall > 0
                down05 += fall >= 0.05
                worst = max(worst, fall)
    return {"edits": edits, "down": down / edits, "down_0.05": down05 / edits, "largest_fall": worst}


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

    # 1 + 2: agreement, cross-validated on the development four fifths and held out (tools/fit_level.py)
    data = json.loads(data_path(level.MODEL_FILE).read_text("utf-8"))
    fig = data["figures"]
    cv, cvf, held, heldf = (fig["cross_validated"], fig["formulas_cross_validated"], fig["held_out"],
                            fig["formulas_held_out"])
    ose_dev, ose_held = F.split(F.usable(ose))
    clear_dev, clear_held = F.split(F.usable(clear))
    F.SIGNED = bool(data.get("sign_prior", False))  # the sign-constrained ridge (2026.5 on) or the plain one
    again = F.cross_validate(ose_dev, clear_dev, alpha=data["ridge_alpha"], clear_weight=data["clear_weight"],
                             with_clear=data["clear_weight"] > 0, pair_weight=data.get("pair_weight", 0.0))
    assert all(abs(again[k] - cv[k]) < 1e-3 for k in again), "cross-validation does not reproduce the model file"
    print(f"### Agreement ({'sign-constrained ' if F.SIGNED else ''}ridge alpha {data['ridge_alpha']}, "
          f"CLEAR weight {data['clear_weight']}, "
          f"pair weight {data.get('pair_weight', 0.0)})\n")
    print(f"Development four fifths: {len(ose_dev)} OneStopEnglish texts, {len(clear_dev)} CLEAR excerpts "
          "(10-fold CV grouped by article); held-out fifth: "
          f"{len(ose_held)} and {len(clear_held)} (scored once by tools/fit_level.py)\n")
    print("| score | OSE three-way (CV) | OSE pairwise (CV) | CLEAR Pearson (CV) | CLEAR Spearman (CV) "
          "| OSE three-way (held out) | OSE pairwise (held out) | CLEAR Pearson (held out) | CLEAR Spearman (held out) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| **level** | {cv['onestop_accuracy']:.1%} | {cv['onestop_pairwise']:.2%} | {cv['clear_pearson']:.3f} | "
          f"{cv['clear_spearman']:.3f} | {held['onestop_accuracy']:.1%} | {held['onestop_pairwise']:.2%} | "
          f"{held['clear_pearson']:.3f} | {held['clear_spearman']:.3f} |")
    print(f"| FKGL | {cvf['fkgl_accuracy']:.1%} | {cvf['fkgl_pairwise']:.2%} | {cvf['fkgl_clear_pearson']:.3f} | "
          f"{cvf['fkgl_clear_spearman']:.3f} | {heldf['fkgl_accuracy']:.1%} | {heldf['fkgl_pairwise']:.2%} | "
          f"{heldf['fkgl_clear_pearson']:.3f} | {heldf['fkgl_clear_spearman']:.3f} |")
    print(f"| FRE | | | {cvf['fre_clear_pearson']:.3f} | {cvf['fre_clear_spearman']:.3f} | | | "
          f"{heldf['fre_clear_pearson']:.3f} | {heldf['fre_clear_spearman']:.3f} |")

    rows = F.clear_rows()
    for subset, ids in (("development four fifths (the CV texts)", {t.group for t in clear_dev}),
                      ("held-out", {t.group for t in clear_held})):
        bt = np.asarray([float(r["BT_easiness"]) for r in rows if r["ID"] in ids])
        print(f"\nCorpus formula values on the {len(bt)} {subset} CLEAR excerpts (sign so that + = agrees):\n")
        print("| formula | Pearson r | Spearman r |")
        print("|---|---:|---:|")
        for col, sign in (("Flesch-Reading-Ease", 1), ("Flesch-Kincaid-Grade-Level", -1), ("SMOG Readability", -1),
                          ("New Dale-Chall Readability Formula", -1), ("Automated Readability Index", -1)):
            v = sign * np.asarray([float(r[col]) for r in rows if r["ID"] in ids])
            print(f"| {col} | {F.pearson(v, bt):.3f} | {F.spearman(v, bt):.3f} |")
    onestop_formulas(ose_dev, ose_held)

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

    # 7: monotonicity, sentences made longer by a subordinate clause
    mono = monotonicity([t for _, t in raw[:n_cost]], m)
    print(f"\n### Monotonicity ({mono['edits']:,} edits: each sentence of the {n_cost} OneStopEnglish texts made "
          f"longer by each of {len(CLAUSES)} subordinate clauses)\n")
    print(f"text grade lower: {mono['down']:.1%} of edits; lower by 0.05 or more: {mono['down_0.05']:.1%}; "
          f"largest fall {mono['largest_fall']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

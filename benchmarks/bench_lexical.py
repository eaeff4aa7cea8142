#!/usr/bin/env python3
"""Lexical simplification benchmark: ``easyread.suggest`` on LexMTurk, BenchLS, NNSeval, TSAR-2022.

Reads the development sets in ``../shared/data/lexical/`` and ``../shared/data/tsar2022/``
(relative to the repository root; skipped with a message when absent) and prints the TSAR-2022
metrics (``easyread.eval.lexical``): ACC@1, ACC@k@Top1, MAP@k, Potential@k and coverage.

``--words-stage`` also measures the ``words`` stage in context: every sentence is rewritten by
the lexicon rule alone and each swap of the target word is checked against the gold
substitutes (precision = swaps in the gold / swaps; the swap's lemma or its inflected form).

``--tsar-test FILE`` scores one held-out TSAR-2022 test file (``sentence<TAB>word<TAB>gold…``);
it is never used for tuning. The test set is not in ``shared/``.

Usage::

    python benchmarks/bench_lexical.py                    # all development sets
    python benchmarks/bench_lexical.py --words-stage      # + precision of the words stage
    python benchmarks/bench_lexical.py --write-tsv OUT    # also write TSAR-format predictions
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# --root DIR measures another checkout's easyread (e.g. main, for a before/after table).
_ROOT_ARG = next((sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == "--root"), None)
sys.path.insert(0, str(Path(_ROOT_ARG).resolve() if _ROOT_ARG else ROOT))

try:  # --root may name a checkout from before issue 10 (only --onestop works there)
    from easyread.eval.lexical import Instance, report
    from easyread.suggest import DEFAULT, Params, suggest
except ImportError:
    if "--onestop" not in sys.argv:
        raise

DATA = ROOT.parent / "shared" / "data"


def _clean(sentence: str) -> str:
    sentence = sentence.strip()
    if len(sentence) > 1 and sentence[0] == sentence[-1] == '"':
        sentence = sentence[1:-1]
    return sentence


def load_mturk(path: Path) -> list[Instance]:
    rows = path.read_text("utf-8", errors="replace").splitlines()[1:]
    out = []
    for line in rows:
        f = line.split("\t")
        if len(f) >= 3:
            out.append(Instance(_clean(f[0]), f[1].strip(), tuple(g for g in f[2:] if g.strip())))
    return out


def load_ranked(path: Path) -> list[Instance]:
    out = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        f = line.split("\t")
        if len(f) >= 4:
            ranked = [g.split(":", 1) for g in f[3:] if ":" in g]
            gold = tuple(g for _, g in ranked)
            top = tuple(g for r, g in ranked if r == ranked[0][0])
            out.append(Instance(_clean(f[0]), f[1].strip(), gold, top))
    return out


def load_tsar(path: Path) -> list[Instance]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        f = line.split("\t")
        if len(f) >= 3:
            out.append(Instance(f[0], f[1].strip(), tuple(g for g in f[2:] if g.strip())))
    return out


def dev_sets() -> dict[str, list[Instance]]:
    sets: dict[str, list[Instance]] = {}
    lex = DATA / "lexical"
    if (lex / "lex.mturk.txt").is_file():
        sets["LexMTurk"] = load_mturk(lex / "lex.mturk.txt")
        sets["BenchLS"] = load_ranked(lex / "BenchLS.txt")
        sets["NNSeval"] = load_ranked(lex / "NNSeval.txt")
    tsar = DATA / "tsar2022" / "tsar2022_en_trial_gold.tsv"
    if tsar.is_file():
        sets["TSAR-trial"] = load_tsar(tsar)
    return sets


def predict(items: Sequence[Instance], params: Params, limit: int = 10) -> list[list[str]]:
    return [[s.text for s in suggest(it.sentence, it.word, limit=limit, params=params).suggestions]
            for it in items]


def words_stage_precision(items: Sequence[Instance]) -> dict[str, float]:
    """Run the words stage's lexicon rule on each sentence; judge the target's swap by the gold."""
    from easyread.config import Config
    from easyread.document import Sentence, retokenize
    from easyread.rewrite.rules import RuleContext
    from easyread.rewrite.words import lexicon

    ctx = RuleContext(Config(profile="plain"))
    swaps = good = 0
    for it in items:
        sentence = Sentence(id="s", text=it.sentence)
        retokenize(sentence)
        gold = it.gold_set()
        for prop in lexicon(sentence, ctx):
            old = it.sentence[prop.span[0]:prop.span[1]].lower().split()
            if it.word.lower() not in old:
                continue
            swaps += 1
            new = re.sub(r"^(a|an) ", "", prop.replacement.lower()) if len(old) > 1 else prop.replacement.lower()
            if new in gold:
                good += 1
    return {"swaps": float(swaps), "good": float(good), "precision": good / swaps if swaps else 0.0,
            "swap_rate": swaps / len(items) if items else 0.0}


def onestop(root_data: Path) -> dict[str, float]:
    """Words and gloss stages on the OneStopEnglish Advanced development articles.

    Swaps per 100 words (``words.lexicon.v1`` and ``words.phrase.v1`` edits of the words stage
    alone, easy-read profile) and the gloss stage's terms by source (``missing`` = left for a
    human), on the original articles.
    """
    from easyread.config import load_config
    from easyread.pipeline import process, read_document

    names = [n for n in (root_data / "articles.txt").read_text("utf-8").splitlines() if n]
    config = load_config(profile="easy-read", use_project=False)
    words = lexicon_swaps = phrase_swaps = terms = missing = unsure = explained = listed = 0
    for name in names:
        path = root_data / "Adv-Txt" / f"{name}-adv.txt"
        if not path.is_file():
            continue
        doc = read_document(path, config)
        words += sum(1 for s in doc.sentences() for t in s.tokens if t.kind in ("word", "number"))
        done = process(doc, config, stages=["words"], score=False)
        lexicon_swaps += sum(e.rule == "words.lexicon.v1" for e in done.edits)
        phrase_swaps += sum(e.rule == "words.phrase.v1" for e in done.edits)
        glossed = process(read_document(path, config), config, stages=["gloss"], score=False)
        terms += len(glossed.glossary)
        missing += sum(g.source == "missing" for g in glossed.glossary)
        unsure += sum(g.source == "missing" and g.data == "sense-unsure" for g in glossed.glossary)
        explained += sum(e.rule.startswith("gloss.") and e.op == "insert" for e in glossed.edits)
        listed += sum(bool(g.explanation) for g in glossed.glossary)
    return {"articles": float(len(names)), "words": float(words),
            "lexicon_swaps_per_100_words": 100 * lexicon_swaps / words if words else 0.0,
            "phrase_swaps_per_100_words": 100 * phrase_swaps / words if words else 0.0,
            "lexicon_swaps": float(lexicon_swaps), "terms": float(terms), "missing": float(missing),
            "missing_sense_unsure": float(unsure), "with_explanation": float(listed),
            "explanation_sentences": float(explained)}


def review_sample(root_data: Path, out: Path, n: int = 100, seed: int = 10) -> None:
    """Write ``n`` random swaps and ``n`` random explanations from OneStopEnglish Advanced (dev),
    each with its sentence, as a Markdown table for a reviewer who does not read the rules."""
    import random

    from easyread.config import load_config
    from easyread.pipeline import process, read_document

    names = [x for x in (root_data / "articles.txt").read_text("utf-8").splitlines() if x]
    config = load_config(profile="easy-read", use_project=False)
    swaps: list[tuple[str, str, str]] = []
    glosses: list[tuple[str, str, str]] = []
    for name in names:
        path = root_data / "Adv-Txt" / f"{name}-adv.txt"
        if not path.is_file():
            continue
        doc = read_document(path, config)
        texts = {s.id: s.text for s in doc.sentences()}
        done = process(doc, config, stages=["words"], score=False)
        swaps += [(texts.get(e.sentence_id, ""), e.before, e.after) for e in done.edits
                  if e.rule == "words.lexicon.v1"]
        glossed = process(read_document(path, config), config, stages=["gloss"], score=False)
        gtexts = {s.id: s.text for s in read_document(path, config).sentences()}
        glosses += [(gtexts.get(g.first_sentence_id or "", ""), g.term, g.explanation)
                    for g in glossed.glossary if g.explanation]
    rng = random.Random(seed)
    pick_s = rng.sample(swaps, min(n, len(swaps)))
    pick_g = rng.sample(glosses, min(n, len(glosses)))

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["# Blind review: word swaps and explanations (OneStopEnglish Advanced, dev)", "",
             f"Drawn by `python benchmarks/bench_lexical.py --review OUT` (seed {seed}). For each row,",
             "write y if the new word / the explanation is correct for this sentence, n if not.", "",
             "## Swaps", "", "| # | sentence | word | becomes | correct? |", "|---|---|---|---|---|"]
    lines += [f"| {k} | {cell(s)} | {cell(b)} | {cell(a)} | |" for k, (s, b, a) in enumerate(pick_s, 1)]
    lines += ["", "## Explanations", "", "| # | sentence | term | explanation | correct? |",
              "|---|---|---|---|---|"]
    lines += [f"| {k} | {cell(s)} | {cell(t)} | {cell(x)} | |" for k, (s, t, x) in enumerate(pick_g, 1)]
    out.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {out}: {len(pick_s)} of {len(swaps)} swaps, {len(pick_g)} of {len(glosses)} explanations")


def review_pack(root_data: Path, out: Path, n: int = 40, seed: int = 1010) -> None:
    """A blind-review pack: ``n`` random OneStopEnglish Advanced (dev) sentences that the words or
    gloss stage changes, each with its source, its ``easyread rewrite --profile easy-read`` output
    (the whole pipeline, no project config) and the word swaps and explanations made there,
    without rule ids, for a reviewer who grades each swap (right / neutral / wrong) and each
    explanation (right / neutral / misleading; needed / unneeded)."""
    import random

    from easyread.config import load_config
    from easyread.pipeline import process, read_document
    from easyread.rewrite.gloss import _split_root

    def root(sid: str) -> str:
        return _split_root(sid.split(".g", 1)[0])

    names = [x for x in (root_data / "articles.txt").read_text("utf-8").splitlines() if x]
    config = load_config(profile="easy-read", use_project=False)
    rows: list[tuple[str, str, str, list[str], list[str], str]] = []
    for name in names:
        path = root_data / "Adv-Txt" / f"{name}-adv.txt"
        if not path.is_file():
            continue
        source = {s.id: s.text for s in read_document(path, config).sentences()}
        done = process(read_document(path, config), config)
        output: dict[str, list[str]] = {}
        for sentence in done.sentences():
            output.setdefault(root(sentence.id), []).append(sentence.text)
        swaps: dict[str, list[str]] = {}
        for e in done.edits:
            if e.rule in ("words.lexicon.v1", "words.phrase.v1"):
                swaps.setdefault(root(e.sentence_id), []).append(f"“{e.before}” → “{e.after}”")
        glosses: dict[str, list[str]] = {}
        term_of = {g.explanation.strip(): g.term for g in done.glossary if g.explanation}
        order = list(source)
        context: dict[str, str] = {}
        for e in done.edits:
            if e.rule.startswith("gloss.") and e.op == "insert":
                sid = root(e.sentence_id)
                glosses.setdefault(sid, []).append(f"added after it: “{e.after.strip()}”")
                term = term_of.get(e.after.strip(), "")
                if term and sid in source and term.lower() not in source[sid].lower():
                    # The term is in an earlier sentence (an explanation never goes inside a
                    # quotation, so it follows the quotation's last sentence): show the reader's context.
                    earlier = [order[j] for j in range(order.index(sid) - 1, max(order.index(sid) - 6, -1), -1)]
                    hit = next((x for x in earlier if term.lower() in source[x].lower()), None)
                    if hit is not None:
                        context[sid] = source[hit]
            elif e.rule.startswith("gloss.") and e.op == "replace":
                glosses.setdefault(root(e.sentence_id), []).append(
                    f"“{e.before}” written as “{e.after.strip()}”")
        inserted = {e.after.strip() for e in done.edits if e.rule.startswith("gloss.") and e.op == "insert"}
        for g in done.glossary:
            if g.explanation and g.explanation.strip() not in inserted and g.first_sentence_id:
                glosses.setdefault(root(g.first_sentence_id), []).append(
                    f"“{g.term}” listed in the hard-words box: “{g.explanation.strip()}”")
        for sid in source:
            if swaps.get(sid) or glosses.get(sid):
                rows.append((name, source[sid], " ".join(output.get(sid, [])), swaps.get(sid, []),
                             glosses.get(sid, []), context.get(sid, "")))
    rng = random.Random(seed)
    picked = rng.sample(rows, min(n, len(rows)))
    lines = [
        "# Blind review pack: plain words and explanations (OneStopEnglish Advanced, dev)", "",
        f"{len(picked)} sentences drawn at random (seed {seed}) from the {len(rows)} sentences of the",
        f"{len(names)} development articles that the words or gloss stage changes. Made by",
        f"`python benchmarks/bench_lexical.py --pack OUT.md --n {n} --seed {seed}`.", "",
        "For each **swap** write right / neutral / wrong (for this sentence). For each",
        "**explanation** write right / neutral / misleading, and needed / unneeded (would an",
        "easy-read reader need it here?). The output is the whole easy-read rewrite of the",
        "sentence (it may also be split, have numbers changed or have explanations added).", "",
    ]
    for k, (name, src, out_text, sw, gl, before) in enumerate(picked, 1):
        lines += [f"## {k}. {name.strip()}", ""]
        if before:
            lines += [f"**Earlier in the article (where the explained word is):** {before}", ""]
        lines += [f"**Source:** {src}", "", f"**Easy read:** {out_text}", ""]
        if sw:
            lines += ["**Swaps:**", ""] + [f"- {x} — grade: " for x in sw] + [""]
        if gl:
            lines += ["**Explanations:**", ""] + [f"- {x} — grade: ; needed: " for x in gl] + [""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), "utf-8")
    print(f"wrote {out}: {len(picked)} of {len(rows)} changed sentences (seed {seed})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", help="only these sets (LexMTurk, BenchLS, NNSeval, TSAR-trial)")
    parser.add_argument("--params", help="JSON object overriding ranking parameters (tuning on dev sets)")
    parser.add_argument("--words-stage", action="store_true")
    parser.add_argument("--write-tsv", type=Path, help="write predictions in TSAR format to this folder")
    parser.add_argument("--tsar-test", type=Path, help="a held-out TSAR-2022 English gold file (measure only)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--onestop", action="store_true",
                        help="swaps per 100 words and terms left for a human on OneStopEnglish Advanced (dev)")
    parser.add_argument("--review", type=Path, metavar="OUT.md",
                        help="write 100 random swaps and 100 explanations for a blind review")
    parser.add_argument("--pack", type=Path, metavar="OUT.md",
                        help="write a blind-review pack of changed sentences (keep it outside the repository)")
    parser.add_argument("--n", type=int, default=40, help="sentences in the --pack (40)")
    parser.add_argument("--seed", type=int, default=1010, help="random seed of the --pack (1010)")
    parser.add_argument("--root", help="import easyread from this checkout instead (before/after tables)")
    args = parser.parse_args()
    if args.pack:
        data = DATA / "onestopenglish"
        if not (data / "articles.txt").is_file():
            print(f"skipped: no OneStopEnglish data in {data}")
            return 0
        review_pack(data, args.pack, n=args.n, seed=args.seed)
        return 0
    if args.review:
        data = DATA / "onestopenglish"
        if not (data / "articles.txt").is_file():
            print(f"skipped: no OneStopEnglish data in {data}")
            return 0
        review_sample(data, args.review)
        return 0
    if args.onestop:
        data = DATA / "onestopenglish"
        if not (data / "articles.txt").is_file():
            print(f"skipped: no OneStopEnglish data in {data}")
            return 0
        found = onestop(data)
        for key, value in found.items():
            print(f"{key}\t{value:.3f}" if value % 1 else f"{key}\t{int(value)}")
        return 0
    sets = dev_sets()
    if args.tsar_test:
        sets = {"TSAR-test": load_tsar(args.tsar_test)}
    if not sets:
        print(f"skipped: no lexical data in {DATA} (see the README there)")
        return 0
    if args.set:
        sets = {k: v for k, v in sets.items() if k in args.set}
    params = replace(DEFAULT, **json.loads(args.params)) if args.params else DEFAULT
    results: dict[str, dict[str, float]] = {}
    pooled_items: list[Instance] = []
    pooled_preds: list[list[str]] = []
    t0 = time.process_time()
    for name, items in sets.items():
        preds = predict(items, params)
        results[name] = report(items, preds)
        results[name]["n"] = len(items)
        if name != "TSAR-trial":
            pooled_items += items
            pooled_preds += preds
        if args.write_tsv:
            args.write_tsv.mkdir(parents=True, exist_ok=True)
            with open(args.write_tsv / f"{name}.tsv", "w", encoding="utf-8") as fh:
                for it, p in zip(items, preds, strict=True):
                    fh.write("\t".join([it.sentence, it.word, *p]) + "\n")
        if args.words_stage:
            results[name].update({f"words_{k}": v for k, v in words_stage_precision(items).items()})
    if len(pooled_items) > len(sets.get("LexMTurk", [])) and pooled_items:
        results["pooled (LexMTurk+BenchLS+NNSeval)"] = report(pooled_items, pooled_preds)
        results["pooled (LexMTurk+BenchLS+NNSeval)"]["n"] = len(pooled_items)
    if args.words_stage and "LexMTurk" in results:
        pooled = results.get("pooled (LexMTurk+BenchLS+NNSeval)")
        swaps = sum(results[k].get("words_swaps", 0.0) for k in ("LexMTurk", "BenchLS", "NNSeval") if k in results)
        good = sum(results[k].get("words_good", 0.0) for k in ("LexMTurk", "BenchLS", "NNSeval") if k in results)
        if pooled is not None:
            pooled["words_swaps"] = swaps
            pooled["words_precision"] = good / swaps if swaps else 0.0
    cpu = time.process_time() - t0
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    keys = ["n", "ACC@1", "ACC@1@Top1", "ACC@3@Top1", "MAP@3", "Potential@3", "Potential@5", "coverage"]
    if args.words_stage:
        keys += ["words_swaps", "words_precision"]
    print("| set | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, r in results.items():
        cells = [f"{int(r.get(k, 0))}" if k in ("n", "words_swaps") else f"{r.get(k, 0.0):.3f}" for k in keys]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\nCPU time: {cpu:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

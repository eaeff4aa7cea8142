#!/usr/bin/env python3
"""Train easyread's averaged-perceptron POS tagger on UD English EWT.

Reads the CoNLL-U splits (word form = column 2, Penn XPOS = column 5), trains
a greedy left-to-right averaged perceptron using the feature extractor in
``easyread/tagger.py`` (so training and inference cannot drift apart), reports
Penn XPOS and mapped-UPOS token accuracy on dev and test, and writes the
weights as deterministic gzip-compressed JSON (sorted keys, mtime 0, pruned and
rounded weights; format ``easyread-perceptron-2``: one shared feature table, one text row per
feature and pass, see :func:`pack_payload`).  Re-running with the same options gives the
same bytes.

Usage::

    python tools/train_tagger.py                    # train on train, eval dev+test
    python tools/train_tagger.py --train-on-dev     # shipped model: train+dev
    python tools/train_tagger.py --iterations 8 --out /tmp/x.json.gz

If the data folder is missing the script says so and exits 0 without writing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from easyread.tagger import (  # noqa: E402
    END,
    FORMAT,
    FORMAT_DICT,
    START,
    PerceptronModel,
    SentenceContext,
    _norm_lower,
    normalise,
    read_model,
    sentence_context,
    static_features,
    tag_features,
)

DEFAULT_DATA = REPO.parent / "shared" / "data" / "ud-english-ewt"
DEFAULT_OUT = REPO / "easyread" / "models" / "en_ewt_tagger.json.gz"
SPLITS = {
    "train": "en_ewt-ud-train.conllu.gz",
    "dev": "en_ewt-ud-dev.conllu.gz",
    "test": "en_ewt-ud-test.conllu.gz",
}
DATA_COMMIT = "15d613d8447b3478787d4c278730a1e48a945efb"
ATTRIBUTION = (
    "Trained on the Universal Dependencies English Web Treebank (UD_English-EWT), "
    "\u00a9 the UD English EWT contributors, CC BY-SA 4.0"
)

from easyread.tagger import Sentence, read_conllu  # noqa: E402  (shared with tests and benchmarks)


def build_dictionaries(
    sents: list[Sentence],
    amb_min: int,
    amb_share: float,
    td_min: int,
    td_ratio: float,
) -> tuple[dict[str, str], dict[str, str]]:
    """Ambiguity classes and the unambiguous-word tag dictionary."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for words, xpos, _ in sents:
        for w, t in zip(words, xpos, strict=False):
            nw = normalise(w)
            low = _norm_lower(nw)
            counts[low][t] += 1
            if nw != low and nw.lower() != nw:
                counts["C:" + nw][t] += 1
    ambiguity: dict[str, str] = {}
    tagdict: dict[str, str] = {}
    for word, c in counts.items():
        n = sum(c.values())
        if word.startswith("C:"):
            if n >= amb_min:
                tags = sorted(t for t, k in c.items() if k / n >= amb_share)
                ambiguity[word] = "|".join(tags)
            continue
        if n >= amb_min:
            tags = sorted(t for t, k in c.items() if k / n >= amb_share)
            ambiguity[word] = "|".join(tags)
        if td_min > 0 and n >= td_min:
            t, k = max(c.items(), key=lambda kv: (kv[1], kv[0]))
            if k / n >= td_ratio:
                tagdict[word] = t
    return ambiguity, tagdict


class Trainer:
    """Averaged perceptron (Collins 2002) with lazy averaging."""

    def __init__(self, tags: list[str]) -> None:
        self.tags = tags
        self.weights: dict[str, dict[str, float]] = {}
        self.totals: dict[tuple[str, str], float] = defaultdict(float)
        self.stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.i = 0

    def predict(self, feats: list[str]) -> str:
        scores: dict[str, float] = {}
        weights = self.weights
        for f in feats:
            wt = weights.get(f)
            if wt is None:
                continue
            for t, w in wt.items():
                scores[t] = scores.get(t, 0.0) + w
        if not scores:
            return "NN"
        return max(scores.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def _upd(self, f: str, t: str, w: float, v: float) -> None:
        key = (f, t)
        self.totals[key] += (self.i - self.stamps[key]) * w
        self.stamps[key] = self.i
        self.weights.setdefault(f, {})[t] = w + v

    def update(self, truth: str, guess: str, feats: list[str]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            wt = self.weights.get(f)
            if wt is None:
                wt = {}
            self._upd(f, truth, wt.get(truth, 0.0), 1.0)
            self._upd(f, guess, wt.get(guess, 0.0), -1.0)

    def averaged(self, prune: float, decimals: int) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for f, wt in self.weights.items():
            new: dict[str, float] = {}
            for t, w in wt.items():
                key = (f, t)
                total = self.totals[key] + (self.i - self.stamps[key]) * w
                avg = round(total / self.i, decimals)
                if abs(avg) >= prune and avg != 0:
                    new[t] = avg
            if new:
                out[f] = new
        return out


def static_table(sents: list[Sentence], contexts: list[SentenceContext]) -> list[list[list[str]]]:
    """Tag-independent features of every token, computed once and interned."""
    intern = sys.intern
    return [
        [[intern(f) for f in static_features(ctx, i)] for i in range(len(words))]
        for (words, _, _), ctx in zip(sents, contexts, strict=False)
    ]


def train(
    sents: list[Sentence],
    iterations: int,
    seed: int,
    ambiguity: dict[str, str],
    tagdict: dict[str, str],
    right_tags: list[list[str]] | None = None,
    label: str = "",
    statics: list[list[list[str]]] | None = None,
) -> Trainer:
    """Train one pass; ``right_tags`` (per sentence) makes it a second pass."""
    tags = sorted({t for _, xs, _ in sents for t in xs})
    tr = Trainer(tags)
    order = list(range(len(sents)))
    rng = random.Random(seed)
    contexts = [sentence_context(w, ambiguity) for w, _, _ in sents]
    if statics is None:
        statics = static_table(sents, contexts)
    for it in range(iterations):
        t0 = time.perf_counter()
        correct = total = 0
        for si in order:
            words, xpos, _ = sents[si]
            ctx = contexts[si]
            stat = statics[si]
            right = None if right_tags is None else [*right_tags[si], *END]
            prev, prev2 = START
            for i in range(len(words)):
                guess = tagdict.get(ctx.lowers[i + 2])
                if guess is None:
                    feats = stat[i] + tag_features(ctx, i, prev, prev2, right)
                    guess = tr.predict(feats)
                    tr.update(xpos[i], guess, feats)
                correct += guess == xpos[i]
                total += 1
                prev2, prev = prev, guess
        rng.shuffle(order)
        if label:
            print(
                f"  {label} iter {it + 1}: train acc {correct / total:.4f}"
                f"  ({time.perf_counter() - t0:.1f}s, {len(tr.weights)} features)",
                flush=True,
            )
    return tr


def jackknife(
    sents: list[Sentence],
    args: argparse.Namespace,
    ambiguity: dict[str, str],
    tagdict: dict[str, str],
    statics: list[list[list[str]]],
) -> list[list[str]]:
    """First-pass tags for every training sentence from models that did not see it."""
    k = args.folds
    out: list[list[str]] = [[] for _ in sents]
    for fold in range(k):
        held = [i for i in range(len(sents)) if i % k == fold]
        rest = [s for i, s in enumerate(sents) if i % k != fold]
        rest_stat = [s for i, s in enumerate(statics) if i % k != fold]
        tr = train(rest, args.fold_iterations, args.seed, ambiguity, tagdict, statics=rest_stat)
        model = PerceptronModel(tr.averaged(args.prune, args.decimals), tr.tags, tagdict, ambiguity)
        for i in held:
            out[i] = model.tag(sents[i][0])
        print(f"  jackknife fold {fold + 1}/{k} done", flush=True)
    return out


def upos_map(sents: list[Sentence]) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Most frequent UPOS per (lower word, XPOS) and per XPOS, from training data."""
    by_pair: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    by_x: dict[str, Counter[str]] = defaultdict(Counter)
    for words, xs, us in sents:
        for w, x, u in zip(words, xs, us, strict=False):
            by_pair[(normalise(w).lower(), x)][u] += 1
            by_x[x][u] += 1

    def best(c: Counter[str]) -> str:
        return max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]

    return {k: best(c) for k, c in by_pair.items()}, {k: best(c) for k, c in by_x.items()}


def evaluate(
    model: PerceptronModel,
    sents: list[Sentence],
    umap: tuple[dict[tuple[str, str], str], dict[str, str]],
) -> tuple[float, float, int, float]:
    pair, by_x = umap
    correct = ucorrect = total = 0
    t0 = time.perf_counter()
    for words, xs, us in sents:
        pred = model.tag(words)
        for w, p, x, u in zip(words, pred, xs, us, strict=False):
            total += 1
            correct += p == x
            pu = pair.get((normalise(w).lower(), p)) or by_x.get(p, "X")
            ucorrect += pu == u
    dt = time.perf_counter() - t0
    return correct / total, ucorrect / total, total, total / dt


def pack_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The trainer's ``{feature: {tag: weight}}`` payload in the shipped, fast-loading layout.

    ``features`` is every feature of either pass, sorted, joined by newlines; ``rows`` (pass 1)
    and ``rows2`` (pass 2) hold one line per feature, ``"tagindex:weight ..."`` (tags in the
    order of ``tags``, empty when the pass has no weights for the feature), the weight as an
    integer in units of ``10**-decimals``. Decoding gives back exactly the same floats.
    """
    if payload["format"] != FORMAT_DICT:
        raise ValueError(f"expected a {FORMAT_DICT} payload, got {payload['format']!r}")
    decimals = int(payload["training"]["decimals"])
    scale = 10**decimals
    tags = list(payload["tags"])
    tag_index = {t: i for i, t in enumerate(tags)}
    passes = [payload["weights"], *([payload["weights2"]] if "weights2" in payload else [])]
    features = sorted({f for w in passes for f in w})
    if any("\n" in f for f in features):
        raise ValueError("a feature string contains a newline")

    def row(weights: dict[str, float] | None) -> str:
        items = []
        for tag, w in sorted((weights or {}).items(), key=lambda kv: tag_index[kv[0]]):
            n = round(w * scale)
            if n / scale != w:
                raise ValueError(f"weight {w!r} has more than {decimals} decimals")
            items.append(f"{tag_index[tag]}:{n}")
        return " ".join(items)

    packed = {k: v for k, v in payload.items() if k not in ("weights", "weights2")}
    packed["format"] = FORMAT
    packed["decimals"] = decimals
    packed["features"] = "\n".join(features)
    packed["rows"] = "\n".join(row(passes[0].get(f)) for f in features)
    if len(passes) > 1:
        packed["rows2"] = "\n".join(row(passes[1].get(f)) for f in features)
    return packed


def write_model(payload: dict[str, Any]) -> tuple[bytes, bytes]:
    """(gzip bytes, JSON bytes) of the packed model: sorted keys, mtime 0, deterministic."""
    raw = json.dumps(pack_payload(payload), sort_keys=True, separators=(",", ":"),
                     ensure_ascii=True).encode()
    return gzip.compress(raw, compresslevel=9, mtime=0), raw


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="UD EWT folder")
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--passes",
        type=int,
        choices=(1, 2),
        default=2,
        help="2 adds a second pass that sees first-pass tags to the right",
    )
    ap.add_argument(
        "--folds",
        type=int,
        default=3,
        help="jackknife folds giving the second pass realistic first-pass tags",
    )
    ap.add_argument("--fold-iterations", type=int, default=3)
    ap.add_argument(
        "--train-on-dev",
        action="store_true",
        help="train on train+dev (settings chosen on dev beforehand); dev score is then not held out",
    )
    ap.add_argument("--amb-min", type=int, default=3, help="min count for an ambiguity class")
    ap.add_argument("--amb-share", type=float, default=0.02)
    ap.add_argument("--tagdict-min", type=int, default=20, help="0 disables the tag dictionary")
    ap.add_argument("--tagdict-ratio", type=float, default=0.99)
    ap.add_argument("--prune", type=float, default=0.001)
    ap.add_argument("--decimals", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="evaluate only")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training sentences")
    args = ap.parse_args(argv)

    data: Path = args.data
    missing = [f for f in SPLITS.values() if not (data / f).is_file()]
    if missing:
        print(
            "UD English EWT data not found in {} (missing {}); nothing trained or written.".format(
                data, ", ".join(missing)
            )
        )
        return 0

    t_start = time.perf_counter()
    splits = {k: read_conllu(data / f) for k, f in SPLITS.items()}
    train_sents = splits["train"] + (splits["dev"] if args.train_on_dev else [])
    if args.limit:
        train_sents = train_sents[: args.limit]
    print(
        f"train {len(train_sents)} sents{' (train+dev)' if args.train_on_dev else ''}, "
        f"dev {len(splits['dev'])}, test {len(splits['test'])}"
    )
    ambiguity, tagdict = build_dictionaries(
        train_sents, args.amb_min, args.amb_share, args.tagdict_min, args.tagdict_ratio
    )
    print(f"ambiguity classes {len(ambiguity)} words, tag dictionary {len(tagdict)} words")
    t0 = time.perf_counter()
    statics = static_table(train_sents, [sentence_context(w, ambiguity) for w, _, _ in train_sents])
    tr = train(
        train_sents, args.iterations, args.seed, ambiguity, tagdict, label="pass1", statics=statics
    )
    weights = tr.averaged(args.prune, args.decimals)
    weights2: dict[str, dict[str, float]] | None = None
    if args.passes == 2:
        right_tags = jackknife(train_sents, args, ambiguity, tagdict, statics)
        tr2 = train(
            train_sents,
            args.iterations,
            args.seed,
            ambiguity,
            tagdict,
            right_tags,
            label="pass2",
            statics=statics,
        )
        weights2 = tr2.averaged(args.prune, args.decimals)
    train_secs = time.perf_counter() - t0
    payload = {
        "format": FORMAT_DICT,
        "tags": tr.tags,
        "tagdict": tagdict,
        "ambiguity": ambiguity,
        "weights": weights,
        **({"weights2": weights2} if weights2 is not None else {}),
        "licence": "CC-BY-SA-4.0",
        "attribution": ATTRIBUTION,
        "source": "https://github.com/UniversalDependencies/UD_English-EWT commit " + DATA_COMMIT,
        "training": {
            "splits": "train+dev" if args.train_on_dev else "train",
            "iterations": args.iterations,
            "passes": args.passes,
            "folds": args.folds,
            "fold_iterations": args.fold_iterations,
            "seed": args.seed,
            "amb_min": args.amb_min,
            "amb_share": args.amb_share,
            "tagdict_min": args.tagdict_min,
            "tagdict_ratio": args.tagdict_ratio,
            "prune": args.prune,
            "decimals": args.decimals,
        },
    }
    blob, raw = write_model(payload)
    model = read_model(blob)  # evaluate exactly what ships
    umap = upos_map(train_sents)
    print(
        f"trained in {train_secs:.1f}s; {len(weights) + len(weights2 or {})} features, "
        f"{sum(len(v) for w in (weights, weights2 or {}) for v in w.values())} weights; "
        f"{len(blob) / 1e6:.2f} MB gzip ({len(raw) / 1e6:.1f} MB json)"
    )
    for name in ("dev", "test"):
        acc, uacc, n, tps = evaluate(model, splits[name], umap)
        note = " (seen in training)" if name == "dev" and args.train_on_dev else ""
        print(
            f"{name:<4} XPOS {acc:.4f}  UPOS(mapped) {uacc:.4f}  {n} tokens  {tps:.0f} tok/s{note}"
        )
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(blob)
        print(f"wrote {args.out} ({len(blob)} bytes)")
    print(
        f"total {time.perf_counter() - t_start:.1f}s wall, {time.process_time():.1f}s CPU "
        f"(training {train_secs:.1f}s wall)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Easy-read quality on OneStopEnglish Advanced (development articles nobody tuned on).

For each article: ``rewrite --profile easy-read`` (numbers, words, split, gloss), then:

- the share of non-quote output sentences with at most 15 words;
- fragments: output sentences made by a split that the parser finds without a subject and
  a finite verb (``easyread.rewrite.split.postcheck.fragment_reason``);
- negations lost: a ``not``/``never``/``no``/``n't`` in the article that is missing after;
- how many articles pass ``easyread check --profile easy-read`` (before: the source; after:
  the rewrite).

    python benchmarks/bench_easyread.py [--limit 40] [--json out.json]

Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT.parent / "shared" / "data" / "onestopenglish"
_NEG = re.compile(r"(?i)\b(?:not|never|no|nobody|nothing|none|neither|nor)\b|n[’']t\b")


def articles(limit: int) -> list[Path]:
    names = (DATA / "articles.txt").read_text("utf-8").splitlines()
    paths = [DATA / "Adv-Txt" / f"{n}-adv.txt" for n in names if n]
    paths = [p for p in paths if p.is_file()]
    return paths[:limit] if limit else paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if not (DATA / "articles.txt").is_file():
        print(f"data not found: {DATA}")
        return 0
    from easyread.check import check_scores
    from easyread.config import load_config
    from easyread.pipeline import document_from_text, process
    from easyread.report.document import to_text
    from easyread.rewrite.split.postcheck import fragment_reason
    from easyread.score import score

    config = load_config(profile="easy-read", use_project=False)
    total = short = frag = split_sents = neg_before = neg_after = 0
    src_total = src_short = 0
    fail_rules: dict[str, int] = {}
    pass_before = pass_after = 0
    splits = 0
    examples: list[str] = []
    t0 = time.process_time()
    paths = articles(args.limit)
    cache: dict[str, object] = {}
    for path in paths:
        text = path.read_text("utf-8", errors="replace").lstrip("\ufeff")
        source = document_from_text(text)
        doc = process(document_from_text(text), config)
        out = to_text(doc)
        neg_before += len(_NEG.findall(text))
        neg_after += min(len(_NEG.findall(out)), len(_NEG.findall(text)))
        for block in source.blocks:
            for s in block.sentences:
                if s.kind != "text" or (bool(s.protected) and any(e - b >= len(s.text) * 0.5 for b, e in s.protected)):
                    continue
                src_total += 1
                src_short += sum(1 for t in s.tokens if t.kind in ("word", "number")) <= 15
        split_ids = set()
        for e in doc.edits:
            if e.op == "split":
                splits += 1
                split_ids.update(f"{e.sentence_id}.{n}" for n in range(1, len(e.parts or []) + 1))
        for block in doc.blocks:
            for s in block.sentences:
                if s.kind != "text" or block.kind in ("credit",):
                    continue
                quote = bool(s.protected) and any(e - b >= len(s.text) * 0.5 for b, e in s.protected)
                if quote:
                    continue
                total += 1
                words = sum(1 for t in s.tokens if t.kind in ("word", "number"))
                short += words <= 15
                # bullet items, and the intro of a bulleted list ("… were:"), are not sentences
                if s.id in split_ids and block.kind != "list_item" and not s.text.rstrip().endswith(":"):
                    split_sents += 1
                    why = fragment_reason(s.text, cache)  # type: ignore[arg-type]
                    if why:
                        frag += 1
                        if len(examples) < 15:
                            examples.append(f"{path.name}: {s.text!r} ({why})")
        for phase, d in (("before", source), ("after", document_from_text(out))):
            sc = score(d, hard_word_zipf=config.hard_word_zipf, reading_wpm=config.reading_wpm)
            report = check_scores(path.name, sc, config)
            ok = report.status == "pass"
            if phase == "before":
                pass_before += ok
            else:
                pass_after += ok
                for rule in {f.rule for f in report.findings if f.severity == "error"}:
                    fail_rules[rule] = fail_rules.get(rule, 0) + 1
    cpu = time.process_time() - t0
    result = {
        "articles": len(paths),
        "sentences": total,
        "source_share_le_15_words": round(100 * src_short / src_total, 1) if src_total else 0,
        "share_le_15_words": round(100 * short / total, 1) if total else 0,
        "split_sentences": split_sents,
        "fragments": frag,
        "fragment_share_of_split": round(100 * frag / split_sents, 2) if split_sents else 0,
        "splits": splits,
        "negations_source": neg_before,
        "negations_lost": neg_before - neg_after,
        "check_pass_before": pass_before,
        "check_pass_after": pass_after,
        "check_failures_after": dict(sorted(fail_rules.items())),
        "cpu_s": round(cpu, 1),
    }
    print(json.dumps(result, indent=1))
    for ex in examples:
        print("fragment:", ex)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

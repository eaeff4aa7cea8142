#!/usr/bin/env python3
"""Picture coverage and the re-check of blind-review bad rows (issue 11, precision pass).

Converts OneStopEnglish Advanced development articles with the easy-read profile (every
rewrite stage, as ``picture_pack.py`` does, without rendering) and reports, with the current
picture policy:

* the share of rows with a picture in the 8-article packs of each ``--seeds`` (the articles
  ``picture_pack.py --n 8 --seed S`` draws) and in all Advanced development articles;
* for every row graded misleading or offensive in blind picture reviews 1 and 5
  (``docs/review-pictures.md``; review 1's rows through ``/work/review/pictures-sample*.tsv``,
  review 5's through ``/work/review/pictures-pack/pack.md``): whether the row now gets the
  same picture, another one or none.

It grades nothing: a changed picture needs a new blind review. The converted rows are cached
in ``--cache`` (keyed by the article's name; delete the folder after changing a rewrite
stage), so re-running after a picture-policy change takes seconds.

    python benchmarks/picture_coverage.py --seeds 2612 2026

Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from onestop_sentences import DATA, REPO_ROOT, available  # also puts the repo on sys.path
from picture_sample import SEED_ARTICLE

REVIEW = REPO_ROOT / "docs" / "review-pictures.md"
GRADE1 = re.compile(r"^\| (P\d{3}) \| (yes|no) \| (\w+) \|")
GRADE5 = re.compile(r"^\| (A\d+\.\d+) \| ([^|]+) \| (misleading|offensive|helpful|neutral) \| (yes|no) \|")
PACK_ROW = re.compile(r"^\| (A\d+\.\d+) \| (.*) \| ([^|]+) \| ([^|]*) \| \| \| \|$")


def article_rows(path: Path, config: Any, cache: Path) -> dict[str, Any]:
    """The picture-plan input of one converted article: its title words and its rows
    ``[sentence id, words, text]`` (cached as JSON)."""
    cached = cache / (path.stem + ".json")
    if cached.is_file():
        return json.loads(cached.read_text("utf-8"))  # type: ignore[no-any-return]
    from easyread.pipeline import process, read_document
    from easyread.render.html import _body_blocks, _words, clean_text

    doc = process(read_document(path, config), config, score=False)
    rows = [[s.id, _words(s), " ".join(s.text.split())] for b in _body_blocks(doc) if b.kind != "heading"
            for s in b.sentences if s.text.strip()]
    data = {"title": clean_text(doc.title or "").split(), "rows": rows}
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(data), "utf-8")
    return data


def plan(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Sentence text -> (hexcode or "(none)", alt) under the current policy."""
    from easyread.render.pictures import plan_pictures

    chosen = plan_pictures([(sid, words) for sid, words, _ in data["rows"]], data["title"])
    out: dict[str, tuple[str, str]] = {}
    for sid, _words, text in data["rows"]:
        picture = chosen.pictures.get(sid)
        out.setdefault(text, (picture.picture, picture.alt) if picture else ("(none)", ""))
    return out


def share(articles: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    """Rows, rows with a picture, sensitive rows (the sentence itself is about a sensitive
    topic), sensitive rows with a picture."""
    from easyread.render.pictures import sentence_topics

    rows = pictured = sensitive = sensitive_pictured = 0
    for data in articles:
        chosen = plan(data)
        for _, words, text in data["rows"]:
            shown = chosen[text][0] != "(none)"
            rows += 1
            pictured += shown
            if sentence_topics(words):
                sensitive += 1
                sensitive_pictured += shown
    return rows, pictured, sensitive, sensitive_pictured


def review1_bad(config: Any, cache: Path, sample: Path) -> list[tuple[str, str, str, str, str]]:
    """(id, grade, old alt, new alt or "(none)"/"(gone)", sentence) of review 1's bad rows."""
    key_path = sample.with_name(sample.stem + "-key" + sample.suffix)
    if not (sample.is_file() and key_path.is_file()):
        return []
    rows = {r["id"]: r for r in csv.DictReader(sample.open(encoding="utf-8"), delimiter="\t")}
    key = {r["id"]: r for r in csv.DictReader(key_path.open(encoding="utf-8"), delimiter="\t")}
    text = REVIEW.read_text("utf-8").split("\n## Review 5", 1)[0]
    out = []
    for line in text.splitlines():
        match = GRADE1.match(line)
        if not match or match.group(3) not in ("misleading", "offensive"):
            continue
        rid, grade = match.group(1), match.group(3)
        source = key[rid]["source"]
        path = SEED_ARTICLE if source == SEED_ARTICLE.name else DATA / "Adv-Txt" / source
        now = plan(article_rows(path, config, cache))
        sentence = rows[rid]["sentence"]
        new = now.get(sentence)
        out.append((rid, grade, rows[rid]["alt"], "(gone)" if new is None else new[1] or "(none)", sentence))
    return out


def review5_bad(config: Any, cache: Path, pack: Path) -> list[tuple[str, str, str, str, str]]:
    if not pack.is_file():
        return []
    article: dict[str, str] = {}
    sentence: dict[str, str] = {}
    current = ""
    for line in pack.read_text("utf-8").splitlines():
        if line.startswith("## A"):
            number, title = line[3:].split(". ", 1)
            current = title.removesuffix(" adv") + "-adv.txt"
            article[number] = current
        match = PACK_ROW.match(line)
        if match:
            sentence[match.group(1)] = match.group(2).replace("\\|", "|")
    text = REVIEW.read_text("utf-8").split("\n## Review 5", 1)[1]
    out = []
    for line in text.splitlines():
        match = GRADE5.match(line)
        if not match or match.group(3) not in ("misleading", "offensive"):
            continue
        rid, alt, grade = match.group(1), match.group(2).strip(), match.group(3)
        now = plan(article_rows(DATA / "Adv-Txt" / article[rid.split(".")[0]], config, cache))
        new = now.get(sentence[rid])
        out.append((rid, grade, alt, "(gone)" if new is None else new[1] or "(none)", sentence[rid]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="*", default=[2612, 2026])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/easyread-picture-rows"))
    ap.add_argument("--sample", type=Path, default=Path("/work/review/pictures-sample.tsv"))
    ap.add_argument("--pack", type=Path, default=Path("/work/review/pictures-pack/pack.md"))
    ap.add_argument("--list", action="store_true", help="print every bad row that still has a picture")
    args = ap.parse_args()
    if not available():
        print(f"data not found: {DATA}; nothing to do")
        return 0
    from easyread.config import load_config
    from easyread.render.pictures import load_policy  # noqa: F401  (fail early on a bad policy)

    started = time.process_time()
    config = load_config(profile="easy-read", use_project=False)
    names = [n for n in (DATA / "articles.txt").read_text("utf-8").splitlines() if n]
    names = [n for n in names if (DATA / "Adv-Txt" / f"{n}-adv.txt").is_file()]
    print("| articles | rows | with a picture | share | sensitive rows | with a picture |\n"
          "|---|---:|---:|---:|---:|---:|")
    groups = [(f"pack seed {seed} (8)", random.Random(seed).sample(names, min(8, len(names))))
              for seed in args.seeds] + [(f"all Advanced dev ({len(names)})", names)]
    for label, chosen in groups:
        rows, pictured, sensitive, shown = share(
            [article_rows(DATA / "Adv-Txt" / f"{n}-adv.txt", config, args.cache) for n in chosen])
        print(f"| {label} | {rows} | {pictured} | {pictured / max(rows, 1):.1%} | {sensitive} | "
              f"{shown} ({shown / max(sensitive, 1):.0%}) |")
    for label, bad in (("review 1", review1_bad(config, args.cache, args.sample)),
                       ("review 5", review5_bad(config, args.cache, args.pack))):
        states = Counter("gone" if new == "(gone)" else "none" if new == "(none)" else
                         "same" if new == old else "other" for _, _, old, new, _ in bad)
        print(f"\n{label}: {len(bad)} rows graded misleading or offensive; same picture "
              f"{states['same']}, another picture {states['other']}, no picture {states['none']}, "
              f"sentence no longer found {states['gone']}")
        if args.list:
            for rid, grade, old, new, text in bad:
                if new not in ("(none)", "(gone)"):
                    print(f"  {rid} {grade}: {old!r} -> {new!r}: {text[:100]}")
    print(f"\nCPU {time.process_time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

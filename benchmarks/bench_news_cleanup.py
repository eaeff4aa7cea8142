#!/usr/bin/env python3
"""How often the news-furniture rules (``easyread/data/news_cleanup.toml``) fire on text that
has no furniture, and what they take (issue 11, clean news input).

* every OneStopEnglish development article at all three levels, read as ``easyread`` reads a
  file: the number of blocks and of pieces moved out (articles without furniture: each piece
  moved is a false alarm unless it is furniture);
* every sentence of UD English EWT train + dev read as its own paragraph (web text: blogs,
  reviews, e-mails, newsgroups; the test split is not read): every match is printed, for a
  person to judge.

    python benchmarks/bench_news_cleanup.py

Skips a corpus that is absent, with a message.
"""

from __future__ import annotations

import gzip
import sys
import time

from onestop_sentences import DATA, REPO_ROOT  # also puts the repo on sys.path

EWT = REPO_ROOT.parent / "shared" / "data" / "ud-english-ewt"


def main() -> int:
    from easyread.read import NEWS_NOTE, _news_match, load, news_rules

    started = time.process_time()
    files = sorted(DATA.glob("*-Txt/*.txt")) if DATA.is_dir() else []
    blocks = moved = 0
    for path in files:
        doc = load(path)
        blocks += len(doc.blocks)
        for note in doc.notes:
            if note.code == NEWS_NOTE:
                moved += 1
                print(f"OneStopEnglish {path.name}: {note.message}")
    print(f"OneStopEnglish: {len(files)} files, {blocks} blocks, {moved} pieces moved"
          if files else f"OneStopEnglish not found at {DATA}")
    sentences: list[str] = []
    for split in ("train", "dev"):
        path = EWT / f"en_ewt-ud-{split}.conllu.gz"
        if path.is_file():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                sentences += [line[9:].strip() for line in fh if line.startswith("# text = ")]
    hits = 0
    for sentence in sentences:
        quoted = sentence[:1] in "“\"‘'«"
        for rule in news_rules():
            if quoted and rule.kind != "tail":
                continue
            found = _news_match(rule, sentence)
            if found is not None:
                hits += 1
                print(f"EWT {rule.id}: {sentence[:100]!r} -> {found.group(0).strip()[:60]!r}")
                break
    print(f"UD EWT train+dev: {len(sentences)} sentences, {hits} matched" if sentences
          else f"UD EWT not found at {EWT}")
    print(f"CPU {time.process_time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Issue 11's page problems, measured on OneStopEnglish Advanced (development) articles.

    python benchmarks/bench_page_problems.py titles     # every article, read only
    python benchmarks/bench_page_problems.py stubs      # 15 articles and the seed, rewritten

``titles``: where each article's title comes from (``source.title_source``), the first lines
read as a section heading, and the line-break hyphens joined at read time (with the
suspended hyphens kept). ``stubs``: the "X said this." sentences the attribution splits make
(every 4th of the first 60 articles in byte order, and the seed), and how many of them a row
of the easy-read page holds alone (with one sentence a row, as before issue 11: all of them).
Skips with a message when the data folder is absent.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "onestopenglish" / "Adv-Txt"
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"


def articles() -> list[Path]:
    return sorted(DATA.glob("*.txt"), key=lambda p: p.name.encode())


def titles() -> None:
    from easyread.read import HYPHEN_RULE, load

    sources: collections.Counter[str] = collections.Counter()
    headings: list[str] = []
    joined = joined_docs = kept = 0
    files = articles()
    for path in files:
        doc = load(path)
        sources[doc.title_source or "none"] += 1
        if doc.blocks and doc.blocks[0].kind == "heading":
            headings.append(doc.blocks[0].text)
        n = sum(1 for note in doc.notes if note.message.startswith(HYPHEN_RULE))
        joined += n
        joined_docs += bool(n)
        kept += sum(len(re.findall(r"[^\W_]- (?:and|or|to|nor) ", b.text)) for b in doc.blocks)
    print(f"{len(files)} articles; title source: {dict(sorted(sources.items()))}; first line read as "
          f"a section heading: {headings}")
    print(f"line-break hyphens joined: {joined} in {joined_docs} articles; suspended hyphens kept: {kept}")


def stubs() -> None:
    from bs4 import BeautifulSoup

    from easyread.api import load_config, process, read_document
    from easyread.render import render_html
    from easyread.render.html import ATTRIBUTION_RULES

    files = [*articles()[:60:4], SEED]
    config = load_config(profile="easy-read", use_project=False)
    made = alone = rows_total = quoted = 0
    for path in files:
        doc = process(read_document(path), config)
        cut = {e.sentence_id for e in doc.edits if e.rule in ATTRIBUTION_RULES}
        texts = {s.id: s.text for s in doc.body_sentences()}
        stub_texts = {texts[sid + ".2"] for sid in cut if sid + ".2" in texts}
        made += len(stub_texts)
        soup = BeautifulSoup(render_html(doc, profile="easy-read"), "html.parser")
        rows = [" ".join((r.select_one(".words") or r).get_text().split()) for r in soup.select("main .row")]
        rows_total += len(rows)
        alone += sum(1 for r in rows if r in stub_texts)
        quoted += sum(1 for r in rows if "“" in r and any(r.endswith(" " + t) for t in stub_texts))
    print(f"{len(files)} documents, {rows_total} rows; {made} 'X said this.' sentences made by "
          f"{', '.join(sorted(ATTRIBUTION_RULES))}; alone in a row: {alone} (one sentence a row: {made}); "
          f"in a row with a quotation: {quoted}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=["titles", "stubs"])
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (see /work/shared/data/README.md)", file=sys.stderr)
        return 0
    titles() if args.action == "titles" else stubs()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

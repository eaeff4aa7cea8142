#!/usr/bin/env python3
"""A blind-review pack of easy-read PDFs and their pictures (issue 11).

Draws ``--n`` OneStopEnglish Advanced development articles (``../shared/data/onestopenglish``)
at random with a fixed ``--seed``, converts each with the easy-read profile (every rewrite
stage) to a PDF as ``easyread convert --profile easy-read`` does, renders every page as a PNG
(``pdftoppm -png -r 60``) and writes ``pack.md``: for each article its pages and every row's
sentence with the picture beside it (alt text and keyword), with an empty grade column, so a
reviewer who has not read the picture rules can grade each picture helpful / neutral /
misleading / offensive (or say whether a row with none needed one).

    python benchmarks/picture_pack.py --n 8 --seed 2612 --out /work/review/pictures-pack

Exits 0 with a message when the data are absent; exits 1 when ``pdftoppm`` is missing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from onestop_sentences import DATA, available  # also puts the repo on sys.path
from picture_sample import pictured_rows

SCALE = """\
Grade each picture against the sentence beside it, as a reader would see it (the pages are in
the PNG files; the alt text is what a screen reader reads):

- **helpful**: the picture clearly helps a reader understand this sentence;
- **neutral**: harmless, but adds little;
- **misleading**: the picture suggests something the sentence does not say, or the wrong thing;
- **offensive**: the picture is inappropriate for the subject (for example a cheerful picture
  beside abuse, death or violence);
- **none**: no picture is shown; say whether one was needed.

Mark **sensitive = yes** when the sentence itself is about abuse, sexual content, death,
violence, crime, disaster or illness (including injury).
"""


def convert(path: Path, out_dir: Path, config: object) -> tuple[str, list[tuple[str, str, str, str]], Path]:
    """Convert one article to ``out_dir/<stem>.pdf``; its title and rows (id, sentence, alt, keyword)."""
    from easyread.pipeline import process, read_document
    from easyread.render import convert_to_file
    from easyread.render.html import picture_plan

    doc = process(read_document(path, config), config)  # type: ignore[arg-type]
    pdf = out_dir / (path.stem.replace(" ", "_") + ".pdf")
    convert_to_file(doc, pdf, "easy-read", config=config)
    plan = picture_plan(doc)
    rows = [(sentence.id, " ".join(sentence.text.split()), picture.alt if picture else "(none)",
             picture.keyword if picture else "") for sentence, picture in pictured_rows(doc, plan)]
    return doc.title or path.stem, rows, pdf


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--seed", type=int, default=2612)
    ap.add_argument("--out", type=Path, default=Path("/work/review/pictures-pack"))
    ap.add_argument("--with-seed", action="store_true",
                    help="add the seed article (seeds/*.txt) after the drawn ones, as issue 11's review asks")
    args = ap.parse_args()
    if not available():
        print(f"data not found: {DATA}; nothing to do")
        return 0
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is not on PATH", file=sys.stderr)
        return 1
    from easyread.config import load_config

    config = load_config(profile="easy-read", use_project=False)
    names = [n for n in (DATA / "articles.txt").read_text("utf-8").splitlines() if n]
    names = [n for n in names if (DATA / "Adv-Txt" / f"{n}-adv.txt").is_file()]
    chosen = random.Random(args.seed).sample(names, min(args.n, len(names)))
    paths = [DATA / "Adv-Txt" / f"{name}-adv.txt" for name in chosen]
    if args.with_seed:
        paths += sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.process_time()
    parts = [f"# Picture review pack\n\n{len(chosen)} OneStopEnglish Advanced development articles "
             f"drawn with seed {args.seed}{', then the seed article,' if args.with_seed else ''} "
             "converted with `--profile easy-read`.\n"
             f"Command: `python benchmarks/picture_pack.py --n {args.n} --seed {args.seed} "
             f"--out {args.out}{' --with-seed' if args.with_seed else ''}`\n\n{SCALE}"]
    total = pictured = 0
    for k, path in enumerate(paths, 1):
        title, rows, pdf = convert(path, args.out, config)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))], check=True)
        pages = sorted(p.name for p in args.out.glob(pdf.stem + "-*.png"))
        parts.append(f"\n## A{k}. {title}\n\nPDF: `{pdf.name}`; pages: "
                     + ", ".join(f"`{p}`" for p in pages) + "\n\n"
                     "| id | sentence | picture (alt text) | keyword | grade | sensitive | note |\n"
                     "|---|---|---|---|---|---|---|\n")
        for n, (_sid, sentence, alt, keyword) in enumerate(rows, 1):
            cell = sentence.replace("|", "\\|")
            parts.append(f"| A{k}.{n} | {cell} | {alt} | {keyword} | | | |\n")
            total += 1
            pictured += alt != "(none)"
    parts.append(f"\n{total} rows, {pictured} with a picture.\n")
    (args.out / "pack.md").write_text("".join(parts), encoding="utf-8")
    print(f"wrote {args.out / 'pack.md'}: {len(paths)} articles, {total} rows, {pictured} with a "
          f"picture; CPU {time.process_time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Page layout of converted articles (issue 11, blind picture reviews 6-9 "page observations"):
pages per PDF, blank space, cut hard-words boxes, boxes that jumped to a new page after a
page more than a quarter blank (issue 11), lines cut after one word, bold words with no
explanation and box entries that repeat a sentence of the text.

The sample (a fixed rule): every 12th file of ``../shared/data/onestopenglish/Adv-Txt`` in byte
order (11 articles), the 5 articles blind picture review 9 named (Nigerian low tech, Who can
stop Trump, On the trail, Shakespeare, Kate Bush) and the seed.

    python benchmarks/bench_pages.py convert OUT_DIR      # PDFs (3 profiles) + easy-read HTML
    python benchmarks/bench_pages.py measure OUT_DIR      # the figures, one line per profile

``measure`` reads the files only, so it also measures PDFs made by another checkout (with the
same names: ``<article>.<profile>.pdf``, ``<article>.easy-read.html``). Needs ``pdftotext``
(poppler-utils). Skips with a message when the data folder is absent.
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "onestopenglish" / "Adv-Txt"
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
NAMED = ["WNL Nigerian low tech", "WNL Who can stop Trump", "WNL On the trail", "WNL Shakespeare", "WNL Kate Bush"]
PROFILES = ("easy-read", "large-print", "plain")
MM = 72 / 25.4
TOP, BOTTOM = 22 * MM, (297 - 24) * MM  # the text area of styles/base.css's @page


def sample() -> list[Path]:
    files = sorted(DATA.iterdir(), key=lambda p: p.name.encode())
    picked = [f for i, f in enumerate(files) if i % 12 == 0]
    picked += [DATA / f"{n}-adv.txt" for n in NAMED if DATA / f"{n}-adv.txt" not in picked]
    return [*picked, SEED]


def stem(path: Path) -> str:
    return path.stem.replace(" ", "_").replace("'", "")


def convert(out: Path) -> None:
    from easyread.api import load_config, process, read_document
    from easyread.render import render_html, render_pdf

    out.mkdir(parents=True, exist_ok=True)
    for path in sample():
        for profile in PROFILES:
            doc = process(read_document(path), load_config(profile=profile, use_project=False))
            (out / f"{stem(path)}.{profile}.pdf").write_bytes(render_pdf(doc, profile))
            if profile == "easy-read":
                (out / f"{stem(path)}.{profile}.html").write_text(render_html(doc, profile=profile), "utf-8")
        print("converted", path.name, file=sys.stderr)


def _pages(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Words (yMin, yMax, text) of each page, without the page number in the margin."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page.*?</page>", out, re.S):
        words = [(float(a), float(b), html.unescape(w)) for a, b, w in
                 re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page)]
        pages.append([w for w in words if w[1] <= BOTTOM + 1])
    return pages


def _lines(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines()]


def measure_pdfs(folder: Path, profile: str) -> dict[str, float]:
    pdfs = sorted(folder.glob(f"*.{profile}.pdf"))
    total = {"documents": len(pdfs), "pages": 0, "inner": 0, "below": 0.0, "covered": 0.0, "half_empty": 0,
             "cut_boxes": 0, "one_word_lines": 0, "box_jumped": 0, "jump_blank": 0.0}
    for pdf in pdfs:
        pages = _pages(pdf)
        total["pages"] += len(pages)
        # A box that starts a page (no text above its heading) after a page left more than a
        # quarter blank: it jumped to a page of its own (issue 11, blind page reviews).
        for number, words in enumerate(pages):
            body = [w for w in words if w[0] >= TOP - 1]
            heads = [body[i][0] for i in range(len(body) - 1)
                     if body[i][2] == "Hard" and body[i + 1][2] == "words"
                     and (i + 2 >= len(body) or body[i + 2][2] != "(continued)")]
            if heads and number and min(w[0] for w in body) >= heads[0] - 1:
                blank = (BOTTOM - max((w[1] for w in pages[number - 1]), default=TOP)) / (BOTTOM - TOP)
                if blank > 0.25:
                    total["box_jumped"] += 1
                    total["jump_blank"] += blank
        for words in pages[:-1]:  # the last page may end where it ends
            low = max((w[1] for w in words), default=TOP)
            covered, last = 0.0, TOP
            for a, b in sorted({(round(w[0]), round(w[1])) for w in words}):
                covered += max(0.0, b - max(a, last))
                last = max(last, b)
            total["inner"] += 1
            total["below"] += (BOTTOM - low) / (BOTTOM - TOP)
            total["covered"] += covered / (BOTTOM - TOP)
            total["half_empty"] += (BOTTOM - low) / (BOTTOM - TOP) > 0.5
        lines = _lines(pdf)
        total["cut_boxes"] += any(line == "Hard words (continued)" for line in lines)
        if "Hard words" in lines:  # the box's terms are short lines of their own
            lines = lines[: lines.index("Hard words")]
        lines = lines[next((i for i, line in enumerate(lines) if line), 0) + 1:]  # nor the title
        # A line of one or two words that ends no sentence, followed by more text: a cut line.
        total["one_word_lines"] += sum(
            1 for i in range(len(lines) - 1)
            if lines[i] and lines[i + 1] and len(lines[i].split()) <= 2
            and not re.search(r"[.!?:”\"]$", lines[i]) and not lines[i].startswith(("Page ", "•"))
        )
    return total


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def measure_html(folder: Path) -> dict[str, int]:
    """Bold words explained nowhere, box entries that repeat a row, first sentences printed twice."""
    out = {"bold": 0, "bold_unexplained": 0, "box_entries": 0, "box_repeats_a_row": 0, "first_sentence_twice": 0}
    for page in sorted(folder.glob("*.easy-read.html")):
        text = page.read_text("utf-8")
        at = text.find('<section class="hard-words')
        main = text[text.find("<main>"): at if at > 0 else text.find("</main>")]
        box = text[at: text.find("</section>", at)] if at > 0 else ""
        rows = [_text(r) for r in re.findall(r'<p class="words">(.*?)</p>', main, re.S)]
        glosses = [_text(g).lower() for g in
                   re.findall(r'<div class="row gloss[^"]*">.*?<p class="words">(.*?)</p>', main, re.S)]
        terms = [_text(t).lower() for t in re.findall(r"<dfn>(.*?)</dfn>", box, re.S)]
        explanations = [_text(x) for x in re.findall(r'<p class="explanation">(.*?)</p>', box, re.S)]
        out["box_entries"] += len(explanations)
        out["box_repeats_a_row"] += sum(1 for x in explanations if x in set(rows))
        bold = [_text(b) for b in re.findall(r"<strong>(.*?)</strong>", main, re.S)]
        out["bold"] += len(bold)

        def key(word: str) -> str:
            return word.lower().replace("-", "").rstrip("sd")

        out["bold_unexplained"] += sum(
            1 for b in {key(x) for x in bold}
            if not any(key(t) == b for t in terms) and not any(b in g.replace("-", "") for g in glosses)
        )
        cover = re.search(r'<p class="about">(.*?)</p>', text, re.S)
        out["first_sentence_twice"] += bool(cover and rows and _text(cover.group(1)) == rows[0])
    return out


def measure(folder: Path) -> None:
    for profile in PROFILES:
        t = measure_pdfs(folder, profile)
        n = max(1, t["inner"])
        print(f"{profile}: {t['documents']} PDFs, {t['pages']} pages; on pages before the last, "
              f"blank below the last line {100 * t['below'] / n:.1f} % of the text area, text lines "
              f"cover {100 * t['covered'] / n:.1f} %, {t['half_empty']} pages more than half empty; "
              f"{t['cut_boxes']} hard-words boxes cut across pages; {t['box_jumped']} boxes starting a "
              f"new page after a page more than a quarter blank (blank there {100 * t['jump_blank']:.0f} % "
              f"of a page in all); {t['one_word_lines']} lines cut after one or two words")
    h = measure_html(folder)
    print(f"easy-read HTML: {h['bold']} bold words, {h['bold_unexplained']} of them explained nowhere; "
          f"{h['box_entries']} box entries, {h['box_repeats_a_row']} repeating a sentence of the text; "
          f"first sentence printed twice in {h['first_sentence_twice']} documents")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["convert", "measure"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.action == "convert":
        if not DATA.is_dir():
            print(f"skipped: {DATA} is absent (see /work/shared/data/README.md)", file=sys.stderr)
            return 0
        convert(args.folder)
    else:
        measure(args.folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

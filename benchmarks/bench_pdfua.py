#!/usr/bin/env python3
"""Post-render check and the independent PDF/UA-1 checker on every article (issue 11).

Converts the seed and every OneStopEnglish Advanced development article (all rewrite stages)
to a PDF per profile, runs easyread's own post-render check (``check_pdf``) and, when it is
installed, the independent checker ``outloud`` (PDF/UA-1 and WCAG rules; not written by this
project), and prints the failures per check / rule and the longest text line (pypdf) of any PDF.

    python benchmarks/bench_pdfua.py --profile easy-read [--limit 20]

Exits 0 with a message when the data are absent (the seed is still checked); exits 1 when any
error-level check or any outloud error fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from onestop_sentences import DATA, REPO_ROOT, available  # also puts the repo on sys.path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--profile", default="easy-read")
    ap.add_argument("--limit", type=int, default=0, help="check only the first N articles (0: all)")
    args = ap.parse_args()
    from pypdf import PdfReader

    from easyread.config import load_config
    from easyread.pipeline import process, read_document
    from easyread.render import render_pdf_report
    from easyread.render.accessibility import failures

    paths = [REPO_ROOT / "seeds" / "javid-cse-strategy-2019.txt"]
    if available():
        names = [n for n in (DATA / "articles.txt").read_text("utf-8").splitlines() if n]
        paths += [DATA / "Adv-Txt" / f"{n}-adv.txt" for n in names if (DATA / "Adv-Txt" / f"{n}-adv.txt").is_file()]
    else:
        print(f"data not found: {DATA}; checking the seed only")
    if args.limit:
        paths = paths[: args.limit + 1]
    outloud = shutil.which("outloud")
    config = load_config(profile=args.profile, use_project=False)
    started = time.process_time()
    own: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    own_fail = outloud_fail = longest = 0
    checks: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        pdfs = []
        for k, path in enumerate(paths):
            doc = process(read_document(path, config), config, score=False)
            data, report = render_pdf_report(doc, args.profile)
            checks |= {r.check for r in report}
            failed = failures(report)
            own.update(r.check for r in failed)
            warnings.update(r.check for r in report if not r.ok and r not in failed)
            own_fail += bool(failed)
            pdf = Path(folder) / f"{k:03d}.pdf"
            pdf.write_bytes(data)
            pdfs.append(pdf)
            longest = max(longest, max((len(line) for page in PdfReader(pdf).pages
                                        for line in (page.extract_text() or "").splitlines()), default=0))
        render_cpu = time.process_time() - started
        if outloud:
            proc = subprocess.run([outloud, *map(str, pdfs), "--json", "-", "--fail-on", "never", "-q"],
                                  capture_output=True, text=True, check=False)
            text = proc.stdout
            report_json = json.loads(text[text.index("{"):text.rindex("}") + 1])
            for result in report_json["results"]:
                found = [f for f in result.get("findings", []) if f["severity"] == "error"]
                rules.update(f"{f['rule']} ({f['severity']})" for f in result.get("findings", [])
                             if f["severity"] in ("error", "warning"))
                outloud_fail += bool(found) or bool(result.get("error"))
    print(f"profile {args.profile}: {len(paths)} PDFs (seed + {len(paths) - 1} OneStopEnglish Advanced dev)")
    print(f"easyread check_pdf ({len(checks)} checks: {', '.join(sorted(checks))}): "
          f"{own_fail} PDF(s) with a failed error-level check {dict(own) or ''}; warnings {dict(warnings) or 'none'}")
    if outloud:
        print(f"outloud: {outloud_fail} PDF(s) with an error; findings by rule: {dict(rules) or 'none'}")
    else:
        print("outloud: not installed (pip install outloud)")
    print(f"longest text line (pypdf): {longest} characters")
    print(f"CPU for converting and rendering: {render_cpu:.0f} s")
    return 1 if own_fail or outloud_fail else 0


if __name__ == "__main__":
    sys.exit(main())

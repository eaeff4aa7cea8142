#!/usr/bin/env python3
"""Whole-process speed of the CLI against its peers, like with like (issue 13's harness).

* **score**: the SAME file of distinct real prose (OneStopEnglish, CLEAR excerpts, the seed,
  ASSET and TurkCorpus originals from ../shared/data, concatenated, cut at 1 KB, 100 KB,
  1 MB and 5 MB) given to ``easyread score FILE --format json`` (the default report: every
  formula, the indicators, every sentence with its line and column) and to a fresh Python
  process that reads the file and computes textstat's usual 8 formulas on its text
  (Flesch reading ease, Flesch-Kincaid grade, SMOG, Coleman-Liau, ARI, Dale-Chall, Gunning
  fog, Linsear write) in one process. Runs are interleaved (easyread, textstat, easyread, ...).
  Each figure: median wall and CPU (user + system) seconds, peak RSS; MB/s is size / wall.
  Identity: ``easyread score --whole-file`` values are compared with textstat's (``==``).
* **check**: ``easyread check`` on the seed, cold, median of 10 (wall and CPU).
* **convert**: ``easyread convert`` seed -> easy-read PDF, against WeasyPrint alone (a fresh
  process importing weasyprint with its own library lookup) rendering the SAME HTML, with the
  same options and fonts; ratio of the medians, and per-page cost.

Each child is timed with ``os.wait4`` (its own CPU time and peak RSS). The load average is
printed before and after: the machine has 2 cores; figures taken at a load above 1 are noisy,
CPU time less so than wall time. Bytecode is written (PYTHONDONTWRITEBYTECODE is cleared for
the children), as in any installed copy.

    python benchmarks/bench_cli.py [--repeat 3] [--sizes 1KB,100KB,1MB,5MB] [--skip-convert]
    python benchmarks/bench_cli.py --baseline DIR --sizes 1MB,5MB --skip-check --skip-convert
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
SIZES = {"1KB": 1_000, "100KB": 100_000, "1MB": 1_000_000, "5MB": 5_000_000}
FORMULAS = ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index", "coleman_liau_index",
            "automated_readability_index", "dale_chall_readability_score", "gunning_fog",
            "linsear_write_formula")
TEXTSTAT = """
import json, sys, textstat
text = open(sys.argv[1], encoding="utf-8-sig").read()
print(json.dumps({{name: getattr(textstat, name)(text) for name in {names!r}}}))
"""
CAPTURE_HTML = """
import sys
import easyread.render.pdf as pdf
real = pdf.html_to_pdf
def keep(html, **kw):
    open(sys.argv[2], "w", encoding="utf-8").write(html)
    return real(html, **kw)
pdf.html_to_pdf = keep
from easyread.cli import cli
try:
    cli.main(args=["convert", sys.argv[1], "-o", sys.argv[3]], prog_name="easyread", standalone_mode=False)
except SystemExit:
    pass
"""
# WeasyPrint alone: its own import (ctypes library lookup), the same HTML, options and fonts.
BARE_WEASYPRINT = """
import os, sys
os.environ["EASYREAD_WEASYPRINT_LOOKUP"] = "ctypes"
import weasyprint
from easyread.render.pdf import PackageFetcher, _source_date_epoch
html = open(sys.argv[1], encoding="utf-8").read()
with _source_date_epoch(None):
    weasyprint.HTML(string=html, base_url=None, url_fetcher=PackageFetcher()).write_pdf(
        sys.argv[2], presentational_hints=False, pdf_tags=True, custom_metadata=False,
        attachments=None, stylesheets=None, pdf_variant="pdf/ua-1")
"""


def child_env(code: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if code:
        env["PYTHONPATH"] = code  # another checkout of easyread (``--baseline``)
    return env


def run(cmd: list[str], stdout: int | None = subprocess.DEVNULL,
        code: str | None = None) -> tuple[float, float, float, bytes]:
    """(wall s, CPU s, peak RSS MB, stdout) of one child process (``code``: the folder of
    another easyread checkout to run instead of this one)."""
    t = time.perf_counter()
    # run outside the checkout, so that `-m easyread` imports the installed copy or ``code``
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=child_env(code),
                            cwd=tempfile.gettempdir())
    out = proc.stdout.read() if proc.stdout is not None else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # check exits 1 when a threshold fails
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def corpus() -> str:
    csv.field_size_limit(10**8)
    texts = [p.read_text("utf-8-sig", errors="replace").strip()
             for p in sorted((DATA / "onestopenglish").rglob("*.txt")) if p.name != "articles.txt"]
    with (DATA / "clear" / "clear_dev.csv").open(encoding="utf-8", errors="replace") as fh:
        texts += [row["Excerpt"].strip() for row in csv.DictReader(fh)]
    texts.append(SEED.read_text("utf-8").strip())
    for name in ("asset/asset.valid.orig", "turkcorpus/tune.truecase.detok.orig"):
        lines = (DATA / name).read_text("utf-8").splitlines()
        texts += [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
    return "\n\n".join(texts)


def prose(size: int, folder: Path, text: str) -> Path:
    data = text.encode()
    if len(data) < size:
        raise SystemExit(f"only {len(data)} bytes of distinct text for {size}")
    data = data[:size]
    path = folder / f"prose-{size}.txt"
    path.write_bytes(data[: data.rfind(b" ")])
    return path


def med(xs: list[tuple[float, float, float, bytes]], i: int) -> float:
    return statistics.median(x[i] for x in xs)


def bench_score(args: argparse.Namespace, folder: Path, exe: list[str]) -> None:
    text = corpus()
    script = folder / "textstat8.py"
    script.write_text(TEXTSTAT.format(names=FORMULAS), "utf-8")
    print("\n| size | easyread wall | CPU | MB/s (wall) | MB per CPU-s | peak RSS | textstat 8 formulas wall "
          "| CPU | peak RSS | speed-up (wall) | (CPU) | --whole-file == textstat |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for label in args.sizes.split(","):
        path = prose(SIZES[label], folder, text)
        mb = path.stat().st_size / 1e6
        ours, theirs = [], []
        for _ in range(args.repeat):
            ours.append(run([*exe, "score", str(path), "--format", "json", "--max-bytes", "100000000",
                             "-o", str(folder / "score.json")]))
            theirs.append(run([sys.executable, str(script), str(path)], stdout=subprocess.PIPE))
        textstat_values = json.loads(theirs[0][3])
        whole = run([*exe, "score", str(path), "--format", "json", "--no-sentences", "--whole-file",
                     "--max-bytes", "100000000"], stdout=subprocess.PIPE)
        metrics = json.loads(whole[3])["files"][0]["metrics"]
        same = all(metrics[n] == textstat_values[n] for n in FORMULAS)
        ow, oc, orss = med(ours, 0), med(ours, 1), max(x[2] for x in ours)
        tw, tc, trss = med(theirs, 0), med(theirs, 1), max(x[2] for x in theirs)
        print(f"| {label} | {ow:.2f} s | {oc:.2f} s | {mb / ow:.2f} | {mb / oc:.2f} | {orss:.0f} MB | {tw:.2f} s | {tc:.2f} s "
              f"| {trss:.0f} MB | {tw / ow:.1f}× | {tc / oc:.1f}× | {'yes' if same else 'NO'} |")


def bench_baseline(args: argparse.Namespace, folder: Path, exe: list[str]) -> None:
    """This checkout against ``--baseline`` (e.g. ``git archive`` of an earlier commit), the same
    ``score FILE --format json`` runs interleaved: CPU, peak RSS, and whether the output is the
    same bytes."""
    text = corpus()
    print("\n| size | baseline CPU (runs) | this CPU (runs) | CPU ratio (medians) | peak RSS baseline, this | same bytes |")
    print("|---:|---|---|---:|---|---|")
    for label in args.sizes.split(","):
        path = prose(SIZES[label], folder, text)
        outs = {"base": folder / "base.json", "this": folder / "this.json"}
        xs: dict[str, list[tuple[float, float, float, bytes]]] = {"base": [], "this": []}
        for _ in range(args.repeat):
            for who, code in (("base", args.baseline), ("this", None)):
                xs[who].append(run([*exe, "score", str(path), "--format", "json", "--max-bytes", "100000000",
                                    "-o", str(outs[who])], code=code))
        same = outs["base"].read_bytes() == outs["this"].read_bytes()
        b, t = xs["base"], xs["this"]
        print(f"| {label} | {', '.join(f'{x[1]:.2f}' for x in b)} s | {', '.join(f'{x[1]:.2f}' for x in t)} s "
              f"| {med(b, 1) / med(t, 1):.2f}× | {max(x[2] for x in b):.0f}, {max(x[2] for x in t):.0f} MB "
              f"| {'yes' if same else 'NO'} |")


def bench_check(exe: list[str]) -> None:
    run([*exe, "check", str(SEED)])  # writes the bytecode once
    xs = [run([*exe, "check", str(SEED)]) for _ in range(10)]
    bare = [run([sys.executable, "-c", "pass"]) for _ in range(10)]
    print(f"\n`easyread check` on the seed, cold, median of 10: wall {med(xs, 0):.3f} s, CPU {med(xs, 1):.3f} s "
          f"(an empty `python -c pass`: wall {med(bare, 0):.3f} s, CPU {med(bare, 1):.3f} s)")


def bench_convert(args: argparse.Namespace, folder: Path, exe: list[str]) -> None:
    html, pdf = folder / "seed.html", folder / "seed.pdf"
    run([sys.executable, "-c", CAPTURE_HTML, str(SEED), str(html), str(pdf)])
    pages = 0
    try:
        import pikepdf

        with pikepdf.open(pdf) as doc:
            pages = len(doc.pages)
    except ImportError:
        pass
    conv, bare = [], []
    for k in range(args.repeat):
        conv.append(run([*exe, "convert", str(SEED), "-o", str(folder / f"c{k}.pdf")]))
        bare.append(run([sys.executable, "-c", BARE_WEASYPRINT, str(html), str(folder / f"b{k}.pdf")]))
    cw, cc, bw, bc = med(conv, 0), med(conv, 1), med(bare, 0), med(bare, 1)
    per = f", {pages} pages: {1000 * cw / pages:.0f} ms/page against {1000 * bw / pages:.0f}" if pages else ""
    print(f"\n`easyread convert` seed -> PDF: wall {cw:.2f} s, CPU {cc:.2f} s; WeasyPrint alone on the same "
          f"HTML: wall {bw:.2f} s, CPU {bc:.2f} s; ratio wall {cw / bw:.2f}×, CPU {cc / bc:.2f}×{per}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default="1KB,100KB,1MB,5MB")
    ap.add_argument("--skip-score", action="store_true")
    ap.add_argument("--skip-check", action="store_true")
    ap.add_argument("--skip-convert", action="store_true")
    ap.add_argument("--baseline", metavar="DIR",
                    help="compare `score` with the easyread package in DIR (e.g. `git archive` of an earlier "
                         "commit, unpacked) instead of textstat: interleaved runs, CPU, same output bytes")
    args = ap.parse_args()
    exe = [sys.executable, "-m", "easyread"]
    print(f"load average before: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.baseline:
            bench_baseline(args, folder, exe)
        elif args.skip_score:
            pass
        elif DATA.is_dir():
            bench_score(args, folder, exe)
        else:
            print(f"(score sizes skipped: {DATA} not found)")
        if not args.skip_check:
            bench_check(exe)
        if not args.skip_convert:
            bench_convert(args, folder, exe)
    print(f"\nload average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

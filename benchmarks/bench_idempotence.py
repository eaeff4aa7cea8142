"""Idempotence on mutated real sentences: how often does rewriting the rewrite change it?

Usage: python benchmarks/bench_idempotence.py [--n N] [--seed S] [--show]

The same kind of input as tests/test_fuzz.py (which asserts it on a fixed set): sentences of the
seed article and of the golden cases' inputs (never a test set), one or two joined, with up to
four random mutations (inserted Unicode, quotes, brackets, abbreviations, numbers, percentages,
money, number words, acronyms, names, negations; a word's case changed, dropped or repeated).
Each text is rewritten with the whole default pipeline in the plain and the easy-read profile,
and the output rewritten again. Prints the texts whose second run made edits, per rule, and
the CPU seconds used; ``--show`` prints one text per profile and rule. With the same --seed the texts are the same on any code version, so the
figure can be compared before and after a change (run it against another checkout with
``PYTHONPATH=/path/to/checkout``).
"""

from __future__ import annotations

import random
import resource
import sys
from collections import Counter
from pathlib import Path

import easyread
from easyread.config import load_config
from easyread.pipeline import document_from_text, process, read_document
from easyread.report.document import to_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
CASES = ROOT / "tests" / "golden" / "cases"
sys.path.insert(0, str(ROOT / "tests"))
from test_fuzz import INSERTS  # noqa: E402  (one list of mutations for the test and this benchmark)


def sentences() -> list[str]:
    config = load_config(use_project=False)
    found = [s.text for s in read_document(SEED, config).sentences()]
    for path in sorted(CASES.glob("*.txt")) + sorted((CASES / "gloss").glob("gloss_*.txt")):
        text = path.read_text("utf-8")
        body = text.split("--- input ---", 1)[-1].split("\n--- ", 1)[0]
        for line in body.splitlines():
            if line.strip():
                found.extend(s.text for s in document_from_text(line).sentences())
    return list(dict.fromkeys(s for s in found if s.strip()))


def mutate(rng: random.Random, pool: list[str]) -> str:
    words = rng.choice(pool).split(" ")
    if rng.random() < 0.5 and len(words) < 40:
        words += rng.choice(pool).split(" ")
    for _ in range(rng.randint(0, 4)):
        kind = rng.choice(("insert", "insert", "glue", "case", "drop", "repeat", "quote"))
        at = rng.randint(0, len(words))
        last = min(at, len(words) - 1)
        if kind == "insert":
            words.insert(at, rng.choice(INSERTS))
        elif kind == "glue":
            words[last] += rng.choice(INSERTS)
        elif kind == "case":
            words[last] = rng.choice((str.upper, str.lower, str.title))(words[last])
        elif kind == "drop" and len(words) > 2:
            del words[last]
        elif kind == "repeat":
            words.insert(last, words[last])
        elif kind == "quote" and len(words) > 1:
            end = rng.randint(min(at + 1, len(words)), len(words))
            words.insert(end, "”")
            words.insert(at, "“")
    return " ".join(words).strip() or "Empty."


def main(argv: list[str]) -> int:
    n = int(argv[argv.index("--n") + 1]) if "--n" in argv else 300
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 14
    rng = random.Random(seed)
    pool = sentences()
    texts = [mutate(rng, pool) for _ in range(n)]
    configs = {p: load_config(profile=p, use_project=False) for p in ("plain", "easy-read")}
    start = resource.getrusage(resource.RUSAGE_SELF)
    changed: dict[str, Counter[str]] = {p: Counter() for p in configs}
    texts_changed: Counter[str] = Counter()
    examples: dict[tuple[str, str], str] = {}
    errors = 0
    for text in texts:
        for name, config in configs.items():
            try:
                first = process(document_from_text(text), config, score=False)
                out = to_text(first).rstrip("\n")
                again = process(document_from_text(out), config, score=False)
            except Exception as exc:  # the count is the point: report, go on
                errors += 1
                print(f"error ({name}): {type(exc).__name__}: {exc}: {text!r}")
                continue
            rules = {e.rule for e in again.edits}
            if rules:
                texts_changed[name] += 1
                changed[name].update(rules)
                for rule in rules:
                    examples.setdefault((name, rule), text)
    end = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (end.ru_utime - start.ru_utime) + (end.ru_stime - start.ru_stime)
    print(f"easyread {easyread.__file__}")
    print(f"{n} mutated texts (seed {seed}) from {len(pool)} real sentences; exceptions: {errors}")
    for name in configs:
        listed = ", ".join(f"{r} {c}" for r, c in changed[name].most_common()) or "-"
        print(f"{name:9s}: second run changed {texts_changed[name]} of {n} texts; rules: {listed}")
    if "--show" in argv:
        for (name, rule), text in sorted(examples.items()):
            print(f"  e.g. {name} {rule}: {text!r}")
    print(f"CPU {cpu:.1f} s ({1000 * cpu / (2 * n):.0f} ms per text and profile, both runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

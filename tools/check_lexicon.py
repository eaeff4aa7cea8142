#!/usr/bin/env python3
"""Validate ``easyread/data/lexicon.tsv`` and ``easyread/data/phrases.tsv``.

Usage: ``python tools/check_lexicon.py [--data DIR]``

Prints the entry counts and every rule violation; exits 1 if there is any violation.
Needs only the standard library and ``wordfreq``; if ``lemminflect`` is installed it is
also used to check that VERB and NOUN entries are base forms (lemmas).

Rules for ``lexicon.tsv`` (header ``hard pos plain note``):
  * ``hard`` is one lower-case word (letters only); ``pos`` is VERB, NOUN, ADJ or ADV;
    the key (hard, pos) is unique; rows are sorted by hard, then pos (byte order);
  * ``plain`` holds one or more lower-case alternatives separated by ``|``, none equal to
    ``hard``, no repeats, and none is itself a ``hard`` key with the same pos (no chains);
  * ``hard`` is not a very common word (Zipf < 5.0) and is not on the list of words that are
    too ambiguous in news copy (``state``, ``issue``, ``figure``, ``charge``, ...);
  * the FIRST alternative is more common than ``hard`` by at least 0.3 Zipf (for a phrase,
    its least common word counts);
  * VERB/NOUN ``hard`` words are not inflected forms (``utilised``, ``homes``).

Rules for ``phrases.tsv`` (header ``phrase plain note``):
  * ``phrase`` is lower case, two or more words, no digits or number words, unique, sorted;
  * ``plain`` is non-empty and differs from the phrase;
  * negation is kept: a phrase with not/no/never/n't/... maps to a plain text with one, and a
    plain text gets a negation only when the phrase is negative in meaning (``unable``,
    ``absence``, ``devoid`` ...).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "easyread" / "data"

LEX_HEADER = ["hard", "pos", "plain", "note"]
PHR_HEADER = ["phrase", "plain", "note"]
POS = {"VERB", "NOUN", "ADJ", "ADV"}
MAX_HARD_ZIPF = 5.0
MIN_GAIN = 0.3
#: Words whose plain "equivalent" changes the meaning in common news contexts.
AMBIGUOUS = frozenset({
    "state", "issue", "figure", "charge", "address", "sanction", "establish", "determine",
    "maintain", "conviction", "sentence", "execute", "employ", "observe", "appreciate",
    "decline", "deploy", "secure", "yield", "prior", "apparent", "premises",
})
NEGATIONS = frozenset({
    "not", "no", "never", "cannot", "nor", "none", "nothing", "nobody", "neither",
    "nowhere", "without",
})
#: Words that carry a negative meaning, so a plain text may spell it out with "not".
NEGATIVE_MEANING = frozenset({
    "unable", "unaware", "ineligible", "insufficient", "inadequate", "absence", "devoid",
    "bereft", "lacking", "lack", "fail", "failed", "fails", "failing", "unwilling",
})
NUMBER_WORDS = frozenset(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen", "first", "second", "third", "half", "once", "twice"]
)
WORD = re.compile(r"^[a-z]+$")
PLAIN_WORD = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")


def zipf(text: str) -> float:
    """Zipf frequency of a word; of a phrase, its least common word."""
    words = text.replace("-", " ").split()
    return min(zipf_frequency(w, "en") for w in words) if words else 0.0


def has_negation(words: list[str]) -> bool:
    return any(w in NEGATIONS or w.endswith("n't") for w in words)


def read_rows(path: Path, header: list[str], errors: list[str]) -> list[tuple[int, list[str]]]:
    if not path.is_file():
        errors.append(f"{path}: missing")
        return []
    rows: list[tuple[int, list[str]]] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        errors.append(f"{path}: does not end with a newline")
    if not lines or lines[0].split("\t") != header:
        want = "\t".join(header)
        errors.append(f"{path}:1: header must be exactly {want!r}")
        return []
    for number, line in enumerate(lines[1:], 2):
        if line != line.strip(" ") or "\r" in line:
            errors.append(f"{path}:{number}: stray spaces or CR")
        if not line.strip():
            errors.append(f"{path}:{number}: blank line")
            continue
        if line.startswith("#"):
            errors.append(f"{path}:{number}: comment lines are not allowed")
            continue
        values = line.split("\t")
        if len(values) != len(header):
            errors.append(f"{path}:{number}: {len(values)} columns, expected {len(header)}")
            continue
        rows.append((number, [v.strip() for v in values]))
    return rows


def _lemma_checker():  # pragma: no cover - optional dependency
    try:
        from lemminflect import getAllInflections, getLemma
    except ImportError:
        return None

    def inflected(word: str, pos: str) -> str | None:
        """The lemma if ``word`` is an inflected (non-base) form of another word."""
        lemmas = getLemma(word, upos=pos)
        if not lemmas or lemmas[0] == word:
            return None
        base = lemmas[0]
        forms = getAllInflections(base, upos=pos)
        base_tags = {"VB", "VBP", "NN"}
        for tag, values in forms.items():
            if tag not in base_tags and word in values:
                return base
        return None

    return inflected


def check_lexicon(path: Path, errors: list[str]) -> int:
    rows = read_rows(path, LEX_HEADER, errors)
    keys: dict[tuple[str, str], int] = {}
    entries: list[tuple[int, str, str, list[str]]] = []
    for number, (hard, pos, plain, _note) in rows:
        where = f"{path.name}:{number}"
        if not WORD.match(hard):
            errors.append(f"{where}: hard {hard!r} must be one lower-case word")
        if pos not in POS:
            errors.append(f"{where}: pos {pos!r} not in {sorted(POS)}")
        if (hard, pos) in keys:
            errors.append(f"{where}: duplicate key ({hard}, {pos}), first on line {keys[(hard, pos)]}")
        keys.setdefault((hard, pos), number)
        alts = plain.split("|")
        if not plain or any(not a.strip() for a in alts):
            errors.append(f"{where}: empty plain alternative")
            continue
        alts = [a.strip() for a in alts]
        for a in alts:
            if a != a.lower() or not all(PLAIN_WORD.match(w) for w in a.split()):
                errors.append(f"{where}: plain {a!r} must be lower-case words")
            if a == hard:
                errors.append(f"{where}: plain {a!r} equals the hard word")
        if len(set(alts)) != len(alts):
            errors.append(f"{where}: repeated plain alternative")
        if len(alts[0].split()) > 4:
            errors.append(f"{where}: first plain {alts[0]!r} is not a short phrase")
        entries.append((number, hard, pos, alts))
    # sort order
    order = [(h.encode(), p.encode()) for _, h, p, _ in entries]
    if order != sorted(order):
        bad = next(i for i in range(1, len(order)) if order[i] < order[i - 1])
        errors.append(f"{path.name}:{entries[bad][0]}: rows not sorted by hard, pos")
    inflected = _lemma_checker()
    for number, hard, pos, alts in entries:
        where = f"{path.name}:{number}"
        z_hard = zipf_frequency(hard, "en")
        if z_hard >= MAX_HARD_ZIPF:
            errors.append(f"{where}: {hard!r} is too common to be a hard word (Zipf {z_hard:.2f})")
        if hard in AMBIGUOUS:
            errors.append(f"{where}: {hard!r} is too ambiguous in news to swap")
        z_plain = zipf(alts[0])
        if z_plain < z_hard + MIN_GAIN:
            errors.append(f"{where}: first plain {alts[0]!r} (Zipf {z_plain:.2f}) is not at least "
                          f"{MIN_GAIN} more common than {hard!r} ({z_hard:.2f})")
        for a in alts:
            if (a, pos) in keys:
                errors.append(f"{where}: plain {a!r} is itself a hard {pos} (chain)")
        if inflected is not None and pos in ("VERB", "NOUN"):
            base = inflected(hard, pos)
            if base is not None:
                errors.append(f"{where}: {hard!r} looks like an inflected form of {base!r}")
    return len(entries)


def check_phrases(path: Path, errors: list[str]) -> int:
    rows = read_rows(path, PHR_HEADER, errors)
    seen: dict[str, int] = {}
    phrases: list[str] = []
    for number, (phrase, plain, _note) in rows:
        where = f"{path.name}:{number}"
        words = phrase.split()
        if phrase != phrase.lower():
            errors.append(f"{where}: phrase {phrase!r} must be lower case (no proper names)")
        if len(words) < 2:
            errors.append(f"{where}: phrase {phrase!r} has fewer than two words (use lexicon.tsv)")
        if " ".join(words) != phrase:
            errors.append(f"{where}: phrase {phrase!r} has extra spaces")
        if any(ch.isdigit() for ch in phrase) or any(w in NUMBER_WORDS for w in words):
            errors.append(f"{where}: phrase {phrase!r} contains a number")
        if not plain:
            errors.append(f"{where}: empty plain for {phrase!r}")
            continue
        if plain == phrase:
            errors.append(f"{where}: plain equals phrase")
        if phrase in seen:
            errors.append(f"{where}: duplicate phrase {phrase!r}, first on line {seen[phrase]}")
        seen.setdefault(phrase, number)
        plain_words = plain.lower().split()
        if has_negation(words) and not has_negation(plain_words):
            errors.append(f"{where}: {phrase!r} is negated but {plain!r} is not")
        if has_negation(plain_words) and not has_negation(words) and not any(
            w in NEGATIVE_MEANING for w in words
        ):
            errors.append(f"{where}: {plain!r} adds a negation that {phrase!r} does not have")
        phrases.append(phrase)
    if [p.encode() for p in phrases] != sorted(p.encode() for p in phrases):
        errors.append(f"{path.name}: rows not sorted by phrase")
    return len(phrases)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="data folder")
    args = parser.parse_args(argv)
    errors: list[str] = []
    n_lex = check_lexicon(args.data / "lexicon.tsv", errors)
    n_phr = check_phrases(args.data / "phrases.tsv", errors)
    for e in errors:
        print(e)
    print(f"lexicon.tsv: {n_lex} entries; phrases.tsv: {n_phr} entries; "
          f"{len(errors)} violation(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Check the easyread built-in glossary and acronym list.

Usage: python tools/check_glossary.py [DATA_DIR]

DATA_DIR defaults to easyread/data next to this repository's tools/ folder.
Rules enforced (see easyread/data/GLOSSARY_SOURCES.md):

* glossary TOML files parse with tomllib and hold a list of [[entry]] tables
  with string `term`, list-of-strings `aliases` and string `explanation`;
* glossary keys (terms and aliases) are lower-case, stripped, and unique
  across all glossary files; an alias is never its own term's plural;
* entries in each glossary file are sorted by term;
* acronyms.tsv has the exact header, upper-case unique acronyms (letters,
  optionally followed by digits, '&' or '-'), sorted, with a non-empty
  expansion; no acronym clashes with a glossary key;
* every explanation is one sentence, starts with a capital letter, ends with
  '.', has at most 15 words and a textstat 0.7.8 flesch_kincaid_grade <= 6;
  the one exception: when a glossary term is so long that no 15-word sentence
  naming it can reach grade 6 (the term's own syllables plus one-syllable
  words for the rest already score above 6), the grade is measured with the
  term replaced by "It"; such entries are listed as "term-length exemptions";
* an alias shares a word, a stem or a spelling with its term, or the explanation
  names it (the renderer shows the alias as the text writes it, bold, beside the
  explanation: a reader must be able to link them);
* a glossary explanation starts by naming its term (or an alias), optionally
  after "A", "An", "The" or "To", and does not contain the term twice;
* an acronym explanation names the acronym in its first three words.

Prints counts per file and every violation; exits 1 if there is any.
"""
from __future__ import annotations

import csv
import difflib
import re
import sys
import tomllib
from pathlib import Path

import textstat

MAX_WORDS = 15
MAX_FKGL = 6.0
HEADER = ["acronym", "expansion", "explanation"]
GLOSSARY_FILES = [
    "internet.toml",
    "crime.toml",
    "government.toml",
    "health.toml",
    "money.toml",
    "charity.toml",
    "general.toml",
]
ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]*[A-Z0-9&\-]*$")
LEAD_RE = r"^(?:(?:a|an|the|to)\s+)?"
EXEMPT: list[str] = []


def word_count(text: str) -> int:
    return len(text.split())


def best_possible_grade(term: str) -> float:
    """FKGL of the easiest 15-word sentence that names `term`."""
    words = term.split()
    syllables = sum(textstat.syllable_count(w) for w in words)
    syllables += MAX_WORDS - len(words)
    return 0.39 * MAX_WORDS + 11.8 * syllables / MAX_WORDS - 15.59


def strip_term(text: str, keys: list[str]) -> str:
    """Replace the leading naming of the term with "It"."""
    for k in sorted(keys, key=len, reverse=True):
        m = re.match(LEAD_RE + term_pattern(k), text, flags=re.IGNORECASE)
        if m:
            return "It" + text[m.end():]
    return text


def sentence_problems(text: str, grade_text: str | None = None) -> list[str]:
    problems = []
    if not text:
        return ["empty explanation"]
    if text != text.strip():
        problems.append("leading/trailing whitespace")
    if not text[0].isupper():
        problems.append("does not start with a capital letter")
    if not text.endswith("."):
        problems.append("does not end with '.'")
    if re.search(r"[.!?;]\s+\S", text):
        problems.append("more than one sentence")
    n = word_count(text)
    if n > MAX_WORDS:
        problems.append(f"{n} words (max {MAX_WORDS})")
    grade = textstat.flesch_kincaid_grade(grade_text if grade_text is not None else text)
    if grade > MAX_FKGL:
        problems.append(f"FKGL {grade:.1f} (max {MAX_FKGL:g})")
    return problems


def alias_linked(term: str, alias: str, explanations: list[str]) -> bool:
    """Whether a reader can link ``alias`` (the word the text uses, shown bold) to an
    explanation written about ``term``: they share a word or its first four letters
    ("controversial" / "controversy", "people trafficking" / "human trafficking"), one holds
    a word of the other, they are spelling variants, or every explanation names the alias.

    >>> alias_linked("council", "local authority", ["A council runs local things."])
    False
    >>> alias_linked("controversy", "controversial", ["Controversy is a big row."])
    True
    """
    def words(key: str) -> list[str]:
        return [w for w in re.split(r"[\s\-']+", key) if len(w) > 2]

    def letters(key: str) -> str:
        return re.sub(r"[^a-z]", "", key)

    if any(a[:4] == t[:4] for a in words(alias) for t in words(term)):
        return True
    if any(len(w) > 3 and w in letters(b) for a, b in ((alias, term), (term, alias)) for w in words(a)):
        return True  # "online bullying" / "cyberbullying", "nonprofit" / "not-for-profit"
    if difflib.SequenceMatcher(None, letters(alias), letters(term)).ratio() >= 0.85:
        return True  # a spelling variant: "pedophile", "e-mail"
    return all(re.search(term_pattern(alias), e.lower()) for e in explanations)


def term_pattern(key: str) -> str:
    return r"\b" + re.escape(key) + r"(?:s|es|'s)?\b"


def check_glossary(gdir: Path, errors: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    keys: dict[str, str] = {}
    counts: dict[str, int] = {}
    found = sorted(p.name for p in gdir.glob("*.toml"))
    for name in found:
        if name not in GLOSSARY_FILES:
            errors.append(f"{name}: unexpected glossary file")
    for name in GLOSSARY_FILES:
        path = gdir / name
        if not path.exists():
            errors.append(f"{name}: missing")
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            errors.append(f"{name}: TOML error: {exc}")
            continue
        entries = data.get("entry", [])
        counts[name] = len(entries)
        terms = []
        for i, e in enumerate(entries):
            where = f"{name}[{i}]"
            term = e.get("term")
            aliases = e.get("aliases", None)
            expl = e.get("explanation")
            if not isinstance(term, str) or not term:
                errors.append(f"{where}: missing term")
                continue
            where = f"{name}: {term!r}"
            if set(e) - {"term", "aliases", "explanation", "region", "cues", "cues_only"}:
                errors.append(f"{where}: unknown fields {sorted(set(e) - {'term', 'aliases', 'explanation', 'region', 'cues', 'cues_only'})}")
            region = e.get("region", {})
            if not isinstance(region, dict):
                errors.append(f"{where}: region must be a table of region code = sentence")
                region = {}
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
                errors.append(f"{where}: aliases must be a list of non-empty strings")
                aliases = []
            if not isinstance(expl, str):
                errors.append(f"{where}: missing explanation")
                expl = ""
            terms.append(term)
            for key in [term, *aliases]:
                if key != key.lower() or key != key.strip() or "  " in key:
                    errors.append(f"{where}: key {key!r} is not lower-case/stripped")
                if key in keys:
                    errors.append(f"{where}: key {key!r} already used in {keys[key]}")
                else:
                    keys[key] = where
            for a in aliases:
                if a in (term + "s", term + "es") or (term.endswith("y") and a == term[:-1] + "ies"):
                    errors.append(f"{where}: alias {a!r} is a plural of the term")
                if not alias_linked(term, a, [expl, *(v for v in region.values() if isinstance(v, str))]):
                    errors.append(f"{where}: alias {a!r} shares no word or stem with the term and is "
                                  "not named in the explanation (a reader could not link them: give "
                                  "it its own entry)")
            grade_text = None
            if best_possible_grade(term) > MAX_FKGL:
                grade_text = strip_term(expl, [term, *aliases])
                EXEMPT.append(f"{name}: {term!r}")
            for p in sentence_problems(expl, grade_text):
                errors.append(f"{where}: {p}: {expl!r}")
            for code, variant in region.items():  # region variants (easyread/region.py)
                if not isinstance(variant, str):
                    errors.append(f"{where}: region {code!r} is not a string")
                    continue
                vgrade = strip_term(variant, [term, *aliases]) if grade_text is not None else None
                for p in sentence_problems(variant, vgrade):
                    errors.append(f"{where} [{code}]: {p}: {variant!r}")
            low = expl.lower()
            if not any(re.match(LEAD_RE + term_pattern(k), low) for k in [term, *aliases]):
                errors.append(f"{where}: explanation does not start by naming the term: {expl!r}")
            if len(re.findall(term_pattern(term), low)) > 1:
                errors.append(f"{where}: explanation contains the term twice: {expl!r}")
        if terms != sorted(terms):
            for a, b in zip(terms, terms[1:], strict=False):
                if a > b:
                    errors.append(f"{name}: not sorted by term ({a!r} before {b!r})")
                    break
    return keys, counts


def check_acronyms(path: Path, gkeys: dict[str, str], errors: list[str]) -> int:
    if not path.exists():
        errors.append(f"{path.name}: missing")
        return 0
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != HEADER:
        errors.append(f"{path.name}: header must be {HEADER}")
        return 0
    seen: set[str] = set()
    acronyms = []
    for lineno, row in enumerate(rows[1:], start=2):
        where = f"{path.name}:{lineno}"
        if len(row) != 3:
            errors.append(f"{where}: expected 3 tab-separated fields, got {len(row)}")
            continue
        acr, expansion, expl = row
        where = f"{path.name}: {acr!r}"
        acronyms.append(acr)
        if not ACRONYM_RE.match(acr):
            errors.append(f"{where}: acronym must be upper case (letters, then digits/&/-)")
        if acr in seen:
            errors.append(f"{where}: duplicate acronym")
        seen.add(acr)
        if acr.lower() in gkeys:
            errors.append(f"{where}: clashes with glossary key in {gkeys[acr.lower()]}")
        if not expansion.strip() or expansion != expansion.strip():
            errors.append(f"{where}: empty or unstripped expansion")
        if expl:
            for p in sentence_problems(expl):
                errors.append(f"{where}: {p}: {expl!r}")
            first = [w.strip(".,'\u2019").removesuffix("s") for w in expl.split()[:3]]
            if acr not in first and acr + "s" not in expl.split()[:3]:
                errors.append(f"{where}: explanation does not name the acronym first: {expl!r}")
    if acronyms != sorted(acronyms):
        for a, b in zip(acronyms, acronyms[1:], strict=False):
            if a > b:
                errors.append(f"{path.name}: not sorted ({a!r} before {b!r})")
                break
    return len(acronyms)


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "easyread" / "data"
    errors: list[str] = []
    gkeys, counts = check_glossary(root / "glossary", errors)
    n_acr = check_acronyms(root / "acronyms.tsv", gkeys, errors)
    for name, n in counts.items():
        print(f"glossary/{name}: {n} entries")
    print(f"glossary total: {sum(counts.values())} entries, {len(gkeys)} keys")
    print(f"acronyms.tsv: {n_acr} acronyms")
    if EXEMPT:
        print(f"term-length exemptions (grade measured without the term): {', '.join(EXEMPT)}")
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} violation(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

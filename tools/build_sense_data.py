#!/usr/bin/env python3
"""Build the WordNet-derived sense tables of the gloss and words stages (issue 10).

Input: Princeton WordNet 3.0 as Debian's ``wordnet-base`` ships it (``/usr/share/wordnet``:
``index.*`` and ``cntlist.rev``, read directly, nothing downloaded), the built-in glossary
(``easyread/data/glossary/*.toml``) and the curated lexicon (``easyread/data/lexicon.tsv``).

``easyread/data/glossary_senses.tsv`` — the one-word glossary terms that have **several common
senses**: in WordNet's sense order for the term's part of speech (noun when it has noun
senses, else the part of speech with most senses), at least two senses, and a second sense
that SemCor attests (tag count ≥ 1) at least ``SECOND_SHARE`` (0.2) as often as the most
frequent one (``benefit`` 16/15, ``policy`` 33/25, ``discrimination`` 6/5; not ``tax`` 44 or
``jury`` 21/2). The gloss stage explains such a term only where one of its entry's ``cues``
stands near the use; an entry with no cues is left for a person (``W611``).

``easyread/data/wordnet_mwe.tsv`` — WordNet's multiword expressions (2 to 4 words) that hold a
lexicon hard word or a one-word glossary term as one of their words (``trial court``,
``sexually transmitted disease``, ``respite care`` is a glossary term itself and is left out).
Inside one of them the words stage does not swap the word; the gloss stage does not explain
a word that stands before the phrase's last word unless the phrase's WordNet definition uses
it (``monarch butterfly`` names an insect; ``probation officer``, "an officer who supervises
persons on probation", keeps ``probation``; the last word, ``robbery`` of ``armed robbery``, keeps its
sense). The second column lists the kept words.

``easyread/data/verb_nouns.txt`` — the lexicon's verbs that WordNet also has as nouns
(``consent``): after a determiner ``that``/``this``/``these``/``those`` with no object after
it, the words stage reads such a word as the noun and does not swap it for a verb.

Usage::

    python tools/build_sense_data.py            # write the three tables
    python tools/build_sense_data.py --check    # exit 1 if a shipped table is stale
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "easyread" / "data"
SECOND_SHARE = 0.2
VERSION = "2026.1"
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}


def _index(wordnet: Path) -> dict[str, dict[str, int]]:
    """lemma -> {pos: number of senses}, from ``index.*`` (underscores kept)."""
    out: dict[str, dict[str, int]] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            out.setdefault(parts[0], {})[pos] = int(parts[2])
    return out


def _glosses(wordnet: Path) -> dict[str, str]:
    """lemma -> the glosses of all its senses (lower case), for multiword lemmas."""
    out: dict[str, list[str]] = {}
    for name in POS_FILES.values():
        data = (wordnet / f"data.{name}").read_bytes()
        for line in (wordnet / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith(" ") or "_" not in line.split(" ", 1)[0]:
                continue
            parts = line.split()
            n = int(parts[2])
            for offset in parts[-n:]:
                start = int(offset)
                end = data.index(b"\n", start)
                text = data[start:end].decode("latin-1")
                out.setdefault(parts[0], []).append(text.partition(" | ")[2].lower())
    return {k: " ".join(v) for k, v in out.items()}


def _counts(wordnet: Path) -> dict[tuple[str, str], dict[int, int]]:
    """(lemma, pos) -> {sense number: SemCor tag count}, from ``cntlist.rev``."""
    pos_of = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    out: dict[tuple[str, str], dict[int, int]] = {}
    for line in (wordnet / "cntlist.rev").read_text("latin-1").splitlines():
        key, sense, count = line.split()
        lemma, _, rest = key.partition("%")
        pos = pos_of[rest[0]]
        out.setdefault((lemma, pos), {})[int(sense)] = int(count)
    return out


def _glossary() -> tuple[set[str], set[str]]:
    """(one-word terms, every term and alias), lower case."""
    single: set[str] = set()
    every: set[str] = set()
    for path in sorted((DATA / "glossary").glob("*.toml")):
        with path.open("rb") as fh:
            for entry in tomllib.load(fh).get("entry", []):
                term = str(entry["term"]).lower()
                every.add(term)
                every.update(str(a).lower() for a in entry.get("aliases", []))
                if " " not in term:
                    single.add(term)
    return single, every


def _lexicon_words() -> set[str]:
    with (DATA / "lexicon.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {r["hard"].lower() for r in rows if " " not in r["hard"]}


def _lexicon_verbs() -> set[str]:
    with (DATA / "lexicon.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {r["hard"].lower() for r in rows if r["pos"] == "VERB" and " " not in r["hard"]}


def _forms(word: str) -> set[str]:
    """The word and its possible base forms by a suffix rule (``transmitted`` -> ``transmit``)."""
    out = {word}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.add(word[: -len(suffix)] + repl)
    if len(word) > 4 and word[-3:-2] == word[-4:-3] and word.endswith("ed"):
        out.add(word[:-3])  # "committed" -> "commit"
    return out


def build(wordnet: Path) -> dict[str, str]:
    index = _index(wordnet)
    counts = _counts(wordnet)
    single, every = _glossary()
    lines = [f"# version: {VERSION}",
             "# One-word glossary terms with several common senses (WordNet 3.0 sense order and",
             "# SemCor counts; tools/build_sense_data.py). Columns: term, WordNet part of speech,",
             "# number of senses, SemCor counts of the senses in WordNet order.",
             "term\tpos\tsenses\tcounts"]
    for term in sorted(single):
        senses = index.get(term, {})
        if not senses:
            continue
        pos = "n" if "n" in senses else max(senses, key=lambda p: senses[p])
        n = senses[pos]
        found = counts.get((term, pos), {})
        tagged = [found.get(k, 0) for k in range(1, n + 1)]
        ranked = sorted(tagged, reverse=True)
        if n >= 2 and ranked[1] >= 1 and ranked[1] >= SECOND_SHARE * ranked[0]:
            lines.append(f"{term}\t{pos}\t{n}\t{','.join(map(str, tagged))}")
    senses_text = "\n".join(lines) + "\n"

    wanted = single | _lexicon_words()
    glosses = _glosses(wordnet)
    phrases: dict[str, str] = {}
    for lemma in index:
        words = lemma.split("_")
        if not 2 <= len(words) <= 4 or not all(w.isalpha() for w in words):
            continue
        phrase = " ".join(words)
        if phrase in every:
            continue
        if any(_forms(w) & wanted for w in words):
            # words (before the last) whose own sense the phrase keeps: its WordNet definition
            # uses them ("probation officer": "... people on probation"; not "monarch butterfly")
            gloss_words = set(re.findall(r"[a-z]+", glosses.get(lemma, "")))
            kept = [w for w in words[:-1]
                    if any(g.startswith(w[:max(4, len(w) - 2)]) for g in gloss_words)]
            phrases[phrase] = " ".join(kept)
    mwe_lines = [f"# version: {VERSION}",
                 "# WordNet 3.0 multiword expressions holding a lexicon hard word or a one-word",
                 "# glossary term (tools/build_sense_data.py). Columns: the lower-case phrase; the",
                 "# words before its last whose sense it keeps (its WordNet definition uses them).",
                 *(f"{p}\t{k}" for p, k in sorted(phrases.items()))]
    nouns = sorted(w for w in _lexicon_verbs() if "n" in index.get(w, {}))
    noun_lines = [f"# version: {VERSION}",
                  "# Lexicon hard words listed as verbs that WordNet 3.0 also has as nouns",
                  "# (tools/build_sense_data.py): after a determiner \"that\"/\"this\" such a word is",
                  "# read as the noun and keeps its place (\"renders that consent unnecessary\").",
                  *nouns]
    return {"glossary_senses.tsv": senses_text, "wordnet_mwe.tsv": "\n".join(mwe_lines) + "\n",
            "verb_nouns.txt": "\n".join(noun_lines) + "\n"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if not (args.wordnet / "index.noun").is_file():
        print(f"WordNet not found in {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    stale = []
    for name, text in build(args.wordnet).items():
        path = DATA / name
        if args.check:
            if not path.is_file() or path.read_text("utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.splitlines())} lines)")
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

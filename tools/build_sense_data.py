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
import gzip
import re
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "easyread" / "data"
SECOND_SHARE = 0.2
VERSION = "2026.1"
VERSION_SIGNATURES = "2026.1"
VERSION_MWE = "2026.2"  # 2026.2: also the phrases of picture keywords
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
    """The three text tables (the signature table and the sense choices: :func:`build_signatures`)."""
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

    wanted = single | _lexicon_words() | _picture_words()
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
    mwe_lines = [f"# version: {VERSION_MWE}",
                 "# WordNet 3.0 multiword expressions holding a lexicon hard word, a one-word",
                 "# glossary term or a picture keyword (tools/build_sense_data.py). Columns: the lower-case phrase; the",
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


def _picture_words() -> set[str]:
    """The one-word keywords of ``pictures.tsv``."""
    rows = (DATA / "pictures.tsv").read_text("utf-8").splitlines()[1:]
    return {r.split("\t")[0].lower() for r in rows if r.strip() and " " not in r.split("\t")[0]}


# --- sense signatures (issues 10 and 11): easyread/sense.py ------------------------------------

#: Pointer symbols whose target's members join a signature (hypernyms also give their
#: definition): hypernym, hyponym, similar, derivation, see also, attribute, domains and their
#: members, holonyms, meronyms, pertainym, verb group, entailment, cause.
_MEMBER_LINKS = {"@", "@i", "~", "~i", "&", "+", "^", "=", ";c", ";r", ";u", "-c", "-r", "-u",
                 "#m", "#s", "#p", "%m", "%s", "%p", "\\", "$", "*", ">"}
_DEFINITION_LINKS = _MEMBER_LINKS
_MAX_LINKED = 30  # at most this many hyponyms / domain members
_SIG_COMMON = 6.3  # signature words more common than this Zipf carry no sense


class _Synset:
    __slots__ = ("definition", "examples", "lexfn", "members", "pointers", "pos")

    def __init__(self, pos: str, lexfn: int) -> None:
        self.pos, self.lexfn = pos, lexfn
        self.members: list[tuple[str, int]] = []
        self.pointers: list[tuple[str, str]] = []
        self.definition = ""
        self.examples: list[str] = []


def read_synsets(wordnet: Path) -> dict[str, _Synset]:
    """``offset+pos`` -> synset, from ``data.*`` (satellite adjectives are ``a``)."""
    out: dict[str, _Synset] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            f = head.split()
            syn = _Synset(pos, int(f[1]))
            n = int(f[3], 16)
            for k in range(n):
                syn.members.append((re.sub(r"\(.*\)$", "", f[4 + 2 * k]).replace("_", " "), int(f[5 + 2 * k], 16)))
            p = 4 + 2 * n
            for k in range(int(f[p])):
                sym, off, tpos = f[p + 1 + 4 * k: p + 4 + 4 * k]
                syn.pointers.append((sym, off + ("a" if tpos == "s" else tpos)))
            parts = [x.strip() for x in gloss.strip().split(";")]
            syn.definition = " ".join(x for x in parts if not x.startswith('"'))
            syn.examples = [x.strip('"') for x in re.findall(r'"[^"]*"', gloss)]
            out[f"{f[0]}{pos}"] = syn
    return out


def read_senses(wordnet: Path) -> dict[str, dict[str, list[str]]]:
    """lower-case one-word lemma -> pos -> synset keys in WordNet's sense order."""
    out: dict[str, dict[str, list[str]]] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue
            f = line.split()
            if "_" in f[0]:
                continue
            n = int(f[2])
            out.setdefault(f[0], {})[pos] = [f"{o}{pos}" for o in f[-n:]]
    return out


def _sense_counts(wordnet: Path) -> dict[tuple[str, str, int, int], int]:
    """(lemma, pos, lex_filenum, lex_id) -> SemCor tag count (``cntlist.rev``)."""
    ss_type = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    out: dict[tuple[str, str, int, int], int] = {}
    for line in (wordnet / "cntlist.rev").read_text("latin-1").splitlines():
        key, _, cnt = line.split()
        lemma, _, rest = key.partition("%")
        parts = rest.split(":")
        k = (lemma.lower(), ss_type[parts[0]], int(parts[1]), int(parts[2]))
        out[k] = out.get(k, 0) + int(cnt)
    return out


def _text_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'-]*", text)


def signature_stems(key: str, synsets: dict[str, _Synset], skip_example: str | None = None) -> set[str]:
    """The extended-Lesk signature of a synset: stems of the content words of its definition,
    examples (but ``skip_example``), members and linked synsets (see ``_MEMBER_LINKS``)."""
    from easyread.data import zipf
    from easyread.sense import stem

    s = synsets[key]
    words = _text_words(s.definition) + [w for m, _ in s.members for w in _text_words(m)]
    words += [w for ex in s.examples if ex != skip_example for w in _text_words(ex)]
    linked: dict[str, int] = {}
    for sym, target in s.pointers:
        if sym not in _MEMBER_LINKS or target not in synsets:
            continue
        linked[sym] = linked.get(sym, 0) + 1
        if linked[sym] > _MAX_LINKED:
            continue
        t = synsets[target]
        words += [w for m, _ in t.members for w in _text_words(m)]
        if sym in _DEFINITION_LINKS:
            words += _text_words(t.definition)
    return {stem(w) for w in words if len(w) >= 3 and zipf(w.lower()) <= _SIG_COMMON}


def sense_rows(word: str, senses: dict[str, dict[str, list[str]]], synsets: dict[str, _Synset],
               counts: dict[tuple[str, str, int, int], int],
               skip: tuple[str, str] | None = None) -> dict[str, list[tuple[str, int, set[str]]]]:
    """pos -> [(sense name, SemCor count, signature stems)] for ``word``; ``skip`` = (synset
    key, example) leaves that example out of that synset's signature (leave-one-out)."""
    out: dict[str, list[tuple[str, int, set[str]]]] = {}
    for pos, keys in sorted(senses.get(word, {}).items()):
        rows = []
        for rank, key in enumerate(keys, start=1):
            s = synsets[key]
            count = sum(counts.get((word, s.pos, s.lexfn, lid), 0)
                        for m, lid in s.members if m.lower() == word)
            example = skip[1] if skip and skip[0] == key else None
            rows.append((f"{word}.{pos}.{rank:02d}", count, signature_stems(key, synsets, example)))
        out[pos] = rows
    return out


def _entries() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in sorted((DATA / "glossary").glob("*.toml")):
        with path.open("rb") as fh:
            out.extend(tomllib.load(fh).get("entry", []))
    return out


def _several_pos() -> dict[str, str]:
    rows = [r.split("\t") for r in (DATA / "glossary_senses.tsv").read_text("utf-8").splitlines()
            if r and not r.startswith("#") and not r.startswith("term\t")]
    return {r[0]: r[1] for r in rows}


def _auto_choice(word: str, pos: str, text: str,
                 rows: dict[str, list[tuple[str, int, set[str]]]]) -> tuple[list[str], str]:
    """The senses an entry's or picture's own wording (``text``) picks among the word's ``pos``
    senses, and how sure: ``auto`` when the best has probability >= 0.6 given the wording, else
    ``first`` (WordNet's most frequent sense, to be checked by a person)."""
    from easyread.sense import context_weights, score_senses

    senses = rows.get(pos, [])
    if not senses:
        return [], "none"
    vocab: dict[str, int] = {}
    for _n, _c, sig in senses:
        for w in sig:
            vocab.setdefault(w, len(vocab))
    ctx = context_weights(_text_words(text), skip=[word], vocab=vocab)
    probs = score_senses([(c, {vocab[w] for w in sig}) for _n, c, sig in senses], ctx)
    best = max(range(len(senses)), key=lambda k: probs[k])
    if probs[best] >= 0.6:
        return [senses[best][0]], "auto"
    return [senses[0][0]], "first"


def _old_hand_choices() -> dict[tuple[str, str], tuple[str, str]]:
    path = DATA / "sense_choices.tsv"
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if path.is_file():
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("#") or line.startswith("kind\t") or not line.strip():
                continue
            kind, key, senses, how, *rest = line.split("\t")
            if how == "hand":
                out[(kind, key)] = (senses, rest[0] if rest else "")
    return out


def build_signatures(wordnet: Path) -> dict[str, bytes | str]:
    """``sense_signatures.msgpack.gz`` (every sense of every glossary one-word term and picture
    keyword WordNet has with several senses) and ``sense_choices.tsv`` (the senses each
    several-sense glossary entry and each picture keyword means)."""
    import gzip
    import io

    import msgpack

    synsets = read_synsets(wordnet)
    senses = read_senses(wordnet)
    counts = _sense_counts(wordnet)
    entries = _entries()
    single = {str(e["term"]).lower() for e in entries if " " not in str(e["term"])}
    pictures = _picture_words()
    words: dict[str, dict[str, list[tuple[str, int, set[str]]]]] = {}
    for word in sorted(single | pictures):
        rows = sense_rows(word, senses, synsets, counts)
        if sum(len(r) for r in rows.values()) >= 2:
            words[word] = rows
    vocab: dict[str, int] = {}
    packed = {w: {p: [[n, c, sorted(vocab.setdefault(x, len(vocab)) for x in sig)] for n, c, sig in r]
                  for p, r in rows.items()} for w, rows in words.items()}
    # ids in first-seen order, renumbered alphabetically for a stable diff-friendly table
    order = sorted(vocab)
    remap = {vocab[w]: i for i, w in enumerate(order)}
    for by_pos in packed.values():
        for rs in by_pos.values():
            for r in rs:
                r[2] = sorted(remap[i] for i in r[2])
    # each sense's lexicographer file (noun.person, noun.act, ...): its coarse sense
    lexfiles = {f"{w}.{pos}.{rank:02d}": synsets[key].lexfn
                for w in words for pos, keys in sorted(senses[w].items())
                for rank, key in enumerate(keys, start=1)}
    # the coarse kinds ("pos.lexicographer file") of the WordNet phrases that hold a picture
    # keyword ("house martin": n.5 an animal; "laptop computer": n.6 an artifact, like laptop)
    phrase_kinds: dict[str, list[str]] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith(" ") or "_" not in line.split(" ", 1)[0]:
                continue
            f = line.split()
            parts = f[0].split("_")
            if not 2 <= len(parts) <= 4 or not any(w in pictures for w in parts):
                continue
            kinds = {f"{pos}.{synsets[o + pos].lexfn}" for o in f[-int(f[2]):] if o + pos in synsets}
            phrase_kinds.setdefault(" ".join(parts), []).extend(sorted(kinds))
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(msgpack.packb({"version": VERSION_SIGNATURES, "source": "Princeton WordNet 3.0",
                                "vocab": order, "words": packed, "lexfiles": lexfiles,
                                "phrases": dict(sorted(phrase_kinds.items()))}, use_bin_type=True))

    hand = _old_hand_choices()
    several = _several_pos()
    lines = [f"# version: {VERSION_SIGNATURES}",
             "# The WordNet 3.0 senses (word.pos.NN: the word's NN-th sense as pos) that each",
             "# one-word glossary entry and each picture keyword with several senses means",
             "# (tools/build_sense_data.py; easyread/sense.py). how: auto = the entry's wording picks",
             "# the sense clearly; first = WordNet's most frequent sense, not yet checked; hand =",
             "# chosen by a person (kept by the build). note: why, for hand rows.",
             "kind\tkey\tsenses\thow\tnote"]
    for e in entries:
        term = str(e["term"]).lower()
        if term not in words or any(line.startswith(f"glossary\t{term}\t") for line in lines):
            continue
        if ("glossary", term) in hand:
            chosen, note = hand[("glossary", term)]
            lines.append(f"glossary\t{term}\t{chosen}\thand\t{note}")
            continue
        text = f"{e.get('explanation', '')} {' '.join(map(str, e.get('cues', [])))}"
        rows = words[term]
        pos = several.get(term) or ("n" if "n" in rows else max(rows, key=lambda p: len(rows[p])))
        if len(rows.get(pos, [])) < 2:
            continue
        picked, how = _auto_choice(term, pos, text, rows)
        lines.append(f"glossary\t{term}\t{','.join(picked)}\t{how}\t")
    alts = {r.split("\t")[0].lower(): r.split("\t")[2]
            for r in (DATA / "pictures.tsv").read_text("utf-8").splitlines()[1:] if r.strip()}
    for key in sorted(pictures):
        if key not in words:
            continue
        if ("picture", key) in hand:
            chosen, note = hand[("picture", key)]
            lines.append(f"picture\t{key}\t{chosen}\thand\t{note}")
            continue
        rows = words[key]
        # a picture shows a thing: the noun, and any other part of speech the keyword is used
        # as at least half as often in SemCor (plan, drink, worry); one sense of each
        total = {p: sum(c for _n, c, _s in r) for p, r in rows.items()}
        base = total.get("n", 0)
        parts = [p for p in rows if p == "n" or "n" not in rows or total[p] >= 0.5 * max(base, 1)]
        picked, hows = [], []
        for pos in sorted(parts):
            one, how = _auto_choice(key, pos, alts.get(key, ""), rows)
            picked += one
            hows.append(how)
        how = "auto" if all(h == "auto" for h in hows) else "first"
        lines.append(f"picture\t{key}\t{','.join(picked)}\t{how}\t")
    return {"sense_signatures.msgpack.gz": buf.getvalue(), "sense_choices.tsv": "\n".join(lines) + "\n"}


def evaluate(wordnet: Path, margin: float | None = None, overlap: float | None = None,
             prior: float | None = None) -> dict[str, float]:
    """Leave-one-out sense accuracy on WordNet's own example sentences for the table's words:
    each example holding the word is scored against signatures built without it; the word's
    part of speech is known (the tagger gives it at run time). Also the check as the gloss
    stage and the picture planner use it: an example is *accepted* for an entry or keyword
    when its chosen senses win by the margin; precision = accepted examples whose true sense is
    one of the chosen."""
    from easyread.sense import MARGIN, OVERLAP, PRIOR, context_weights, score_senses

    prior = PRIOR if prior is None else prior
    margin = MARGIN if margin is None else margin
    overlap = OVERLAP if overlap is None else overlap
    synsets = read_synsets(wordnet)
    senses = read_senses(wordnet)
    counts = _sense_counts(wordnet)
    chosen = {}
    for line in (DATA / "sense_choices.tsv").read_text("utf-8").splitlines():
        if line.startswith(("#", "kind\t")) or not line.strip():
            continue
        kind, key, names, *_ = line.split("\t")
        chosen.setdefault(key, set()).update(n for n in names.split(",") if n)
    entries = _entries()
    words = sorted({str(e["term"]).lower() for e in entries if " " not in str(e["term"])} | _picture_words())
    n = right = first = accepted = accepted_right = in_chosen = in_chosen_accepted = with_choice = 0
    for word in words:
        for pos, keys in sorted(senses.get(word, {}).items()):
            if sum(len(v) for v in senses[word].values()) < 2:
                continue
            for key in keys:
                for ex in synsets[key].examples:
                    tokens = _text_words(ex)
                    if not any(t.lower() == word or _forms(t.lower()) & {word} for t in tokens):
                        continue
                    rows = sense_rows(word, senses, synsets, counts, skip=(key, ex))[pos]
                    truth = next(n_ for n_, _c, _s in rows if keys[int(n_.rsplit(".", 1)[1]) - 1] == key)
                    vocab: dict[str, int] = {}
                    for _n, _c, sig in rows:
                        for w in sig:
                            vocab.setdefault(w, len(vocab))
                    context = [t for t in tokens if word not in _forms(t.lower())]
                    ctx = context_weights(context, skip=[word], vocab=vocab)
                    probs = score_senses([(c, {vocab[w] for w in sig}) for _n, c, sig in rows], ctx, overlap, prior)
                    best = max(range(len(rows)), key=lambda k: (probs[k], -k))
                    n += 1
                    right += rows[best][0] == truth
                    first += rows[0][0] == truth
                    mine = chosen.get(word, set())
                    if mine and any(m.split(".")[-2] == pos for m in mine) and len(rows) > 1:
                        p_mine = sum(p for (nm, _c, _s), p in zip(rows, probs, strict=True) if nm in mine)
                        p_other = max((p for (nm, _c, _s), p in zip(rows, probs, strict=True) if nm not in mine),
                                      default=0.0)
                        with_choice += 1
                        ok = p_mine > 0 and p_mine >= margin * p_other
                        accepted += ok
                        accepted_right += ok and truth in mine
                        in_chosen += truth in mine
                        in_chosen_accepted += ok and truth in mine
    return {"examples": n, "accuracy": right / max(n, 1), "first_sense": first / max(n, 1),
            "accepted": accepted, "precision": accepted_right / max(accepted, 1),
            "recall": in_chosen_accepted / max(in_chosen, 1),
            "with_choice": with_choice, "always_accept_precision": in_chosen / max(with_choice, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--evaluate", action="store_true",
                        help="leave-one-out sense accuracy on WordNet's example sentences")
    parser.add_argument("--margin", type=float, default=None)
    parser.add_argument("--overlap", type=float, default=None)
    parser.add_argument("--prior", type=float, default=None)
    args = parser.parse_args(argv)
    if not (args.wordnet / "index.noun").is_file():
        print(f"WordNet not found in {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    if args.evaluate:
        for k, v in evaluate(args.wordnet, args.margin, args.overlap, args.prior).items():
            print(f"{k}\t{v:.3f}" if isinstance(v, float) else f"{k}\t{v}")
        return 0
    stale = []
    tables: dict[str, str | bytes] = dict(build(args.wordnet))
    for name, text in tables.items():  # the text tables first: the choices read glossary_senses.tsv
        if isinstance(text, str) and not args.check:
            (DATA / name).write_text(text, encoding="utf-8")
    tables.update(build_signatures(args.wordnet))
    for name, text in tables.items():
        path = DATA / name
        if args.check:
            if isinstance(text, bytes):
                same = path.is_file() and gzip.decompress(path.read_bytes()) == gzip.decompress(text)
            else:
                same = path.is_file() and path.read_text("utf-8") == text
            if not same:
                stale.append(name)
        elif isinstance(text, bytes):
            path.write_bytes(text)
            print(f"wrote {path} ({len(text) / 1e3:.0f} kB)")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.splitlines())} lines)")
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

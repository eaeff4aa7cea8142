#!/usr/bin/env python3
"""Build ``easyread/data/lexical.msgpack.gz``: the WordNet 3.0 table behind ``easyread suggest``.

Input: the Princeton WordNet 3.0 database files as Debian ships them
(``apt-get install wordnet-base`` puts ``data.*``, ``index.*`` and ``cntlist.rev`` in
``/usr/share/wordnet``), read directly: no NLTK corpus download, no network. The curated
lexicon (``easyread/data/lexicon.tsv``) is linked to the WordNet senses that support it.

Output (msgpack, gzip-compressed, deterministic), a dict with:

``synsets``
    one list per kept synset: ``[pos, members, counts, links, signature]``. ``pos`` is one
    of ``n v a r`` (satellite adjectives are ``a``); ``members`` its lemmas (spaces, not
    underscores); ``counts`` the SemCor tag count of each member in this sense
    (``cntlist.rev``); ``links`` the indices of its hypernyms (``@``), for adjectives its
    similar-to heads (``&``), for verbs its verb-group siblings (``$``); ``signature`` the ids in ``vocab`` of the stems of its
    gloss, examples, members, its hypernyms' members and gloss and up to 30 direct hyponyms'
    members (the sense signature the ranker overlaps with the sentence).
``vocab``
    the signature stems (:func:`easyread.suggest.stem` of each word).
``index``
    ``lemma -> {pos: [synset index, ...]}`` in WordNet's sense order (most frequent first),
    for single-word lower-case lemmas.
``lexicon``
    ``"hard\\tPOS\\tplain" -> [synset index, ...]``: the WordNet senses of the hard word
    whose members (or linked synsets' members) include the curated plain word.

A second file, ``easyread/data/lexicon_senses.msgpack.gz``, holds the same data for the
senses of the lexicon's hard words only (no links): the words stage's sense check loads it in
milliseconds instead of loading the whole table.

Dropped to keep the table small: synsets whose members are all capitalised (names),
instance hypernyms, and signature words more common than Zipf 6.3 (``the``, ``of``).

Usage::

    python tools/build_lexical.py                 # write the table
    python tools/build_lexical.py --check         # exit 1 if the shipped table is stale
    python tools/build_lexical.py --wordnet DIR   # WordNet dict folder (default /usr/share/wordnet)

WordNet 3.0 licence (Princeton University; permissive, notice kept): see MANIFEST.toml.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import msgpack

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from easyread.data import lexicon_entries, zipf  # noqa: E402
from easyread.suggest import SENSES_NAME, TABLE_NAME, stem  # noqa: E402

OUT = ROOT / "easyread" / "data" / TABLE_NAME
OUT_SENSES = ROOT / "easyread" / "data" / SENSES_NAME
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_COMMON = 6.3
_HYPONYMS = 30
_LEX_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}


class Synset:
    __slots__ = ("gloss", "hyponyms", "key", "lexfn", "links", "members", "pos")

    def __init__(self, key: str, pos: str, lexfn: int) -> None:
        self.key, self.pos, self.lexfn = key, pos, lexfn
        self.members: list[tuple[str, int]] = []  # (lemma, lex_id)
        self.links: list[str] = []
        self.hyponyms: list[str] = []
        self.gloss = ""


def read_data(root: Path) -> dict[str, Synset]:
    synsets: dict[str, Synset] = {}
    for pos, name in FILES.items():
        for line in (root / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            f = head.split()
            key = f"{f[0]}{pos}"
            syn = Synset(key, pos, int(f[1]))
            n = int(f[3], 16)
            for k in range(n):
                word = re.sub(r"\(.*\)$", "", f[4 + 2 * k]).replace("_", " ")
                syn.members.append((word, int(f[5 + 2 * k], 16)))
            p = 4 + 2 * n
            for k in range(int(f[p])):
                sym, off, tpos = f[p + 1 + 4 * k : p + 4 + 4 * k]
                tpos = "a" if tpos == "s" else tpos
                if sym == "@" or (sym == "&" and pos == "a") or (sym == "$" and pos == "v"):
                    syn.links.append(f"{off}{tpos}")
                elif sym == "~":
                    syn.hyponyms.append(f"{off}{tpos}")
            syn.gloss = gloss.strip()
            synsets[key] = syn
    return synsets


def read_index(root: Path) -> dict[str, dict[str, list[str]]]:
    index: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for pos, name in FILES.items():
        for line in (root / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue
            f = line.split()
            lemma = f[0]
            if "_" in lemma or not lemma.isalpha() or lemma != lemma.lower():
                continue
            n_syn, n_ptr = int(f[2]), int(f[3])
            offsets = f[4 + n_ptr + 2 :]
            assert len(offsets) == n_syn, line
            index[lemma][pos] = [f"{o}{pos}" for o in offsets]
    return index


def read_counts(root: Path) -> dict[tuple[str, str, int, int], int]:
    """(lemma, pos, lex_filenum, lex_id) -> SemCor tag count, from ``cntlist.rev``."""
    counts: dict[tuple[str, str, int, int], int] = defaultdict(int)
    for line in (root / "cntlist.rev").read_text("latin-1").splitlines():
        key, _, cnt = line.split()
        lemma, _, rest = key.partition("%")
        parts = rest.split(":")
        counts[(lemma.replace("_", " ").lower(), SS_TYPE[parts[0]], int(parts[1]), int(parts[2]))] += int(cnt)
    return counts


def words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _pack(data: dict[str, object]) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(msgpack.packb(data, use_bin_type=True))
    return buf.getvalue()


def senses_subset(data: dict[str, Any]) -> dict[str, Any]:
    """The table restricted to the senses of the lexicon's hard words (for the words stage)."""
    rows, index, lexicon, vocab = data["synsets"], data["index"], data["lexicon"], data["vocab"]
    keep: dict[int, int] = {}
    sub_index: dict[str, dict[str, list[int]]] = {}
    for key in lexicon:
        hard, pos, _plain = key.split("\t")
        p = _LEX_POS[pos]
        for i in index.get(hard, {}).get(p, []):
            keep.setdefault(i, len(keep))
        if p in index.get(hard, {}):
            sub_index.setdefault(hard, {})[p] = [keep[i] for i in index[hard][p]]
    words: dict[int, int] = {}
    sub_rows = []
    for i, _ in sorted(keep.items(), key=lambda kv: kv[1]):
        pos, members, counts, _links, sig = rows[i]
        sub_rows.append([pos, members, counts, [], [words.setdefault(w, len(words)) for w in sig]])
    sub_vocab = [vocab[w] for w, _ in sorted(words.items(), key=lambda kv: kv[1])]
    return {"version": data["version"], "source": data["source"], "synsets": sub_rows,
            "vocab": sub_vocab, "index": dict(sorted(sub_index.items())),
            "lexicon": {k: [keep[i] for i in v] for k, v in lexicon.items()}}


def build(root: Path) -> tuple[bytes, bytes]:
    synsets = read_data(root)
    index = read_index(root)
    counts = read_counts(root)
    kept = [k for k, s in synsets.items() if any(m[:1].islower() for m, _ in s.members)]
    position = {k: i for i, k in enumerate(kept)}
    vocab: dict[str, int] = {}

    def sig_ids(words: list[str]) -> set[int]:
        out: set[int] = set()
        for w in words:
            if len(w) < 3 or zipf(w) > _COMMON:
                continue
            s = stem(w)
            out.add(vocab.setdefault(s, len(vocab)))
        return out

    rows = []
    for k in kept:
        s = synsets[k]
        words = words_of(s.gloss) + [w for m, _ in s.members for w in words_of(m)]
        for link in s.links:
            t = synsets[link]
            words += [w for m, _ in t.members for w in words_of(m)] + words_of(t.gloss.split(";")[0])
        for h in s.hyponyms[:_HYPONYMS]:
            words += [w for m, _ in synsets[h].members for w in words_of(m)]
        members = [m for m, _ in s.members]
        cnts = [counts.get((m.lower(), s.pos, s.lexfn, lid), 0) for m, lid in s.members]
        links = [position[t] for t in s.links if t in position]
        rows.append([s.pos, members, cnts, links, sorted(sig_ids(words))])
    table_index = {
        lemma: {pos: [position[k] for k in keys if k in position] for pos, keys in sorted(by_pos.items())}
        for lemma, by_pos in sorted(index.items())
    }
    lexicon: dict[str, list[int]] = {}
    for (hard, pos), plains in sorted(lexicon_entries().items()):
        p = _LEX_POS.get(pos)
        if p is None:
            continue
        senses = table_index.get(hard, {}).get(p, [])
        for plain in plains:
            support = []
            for i in senses:
                members = {m.lower() for m in rows[i][1]}
                linked = {m.lower() for j in rows[i][3] for m in rows[j][1]}
                if plain.lower() in members | linked:
                    support.append(i)
            lexicon[f"{hard}\t{pos}\t{plain}"] = support
    vocab_list = [w for w, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    data: dict[str, Any] = {"version": "2026.1", "source": "Princeton WordNet 3.0", "synsets": rows,
                            "vocab": vocab_list, "index": table_index, "lexicon": lexicon}
    return _pack(data), _pack(senses_subset(data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not (args.wordnet / "data.noun").is_file():
        print(f"WordNet 3.0 not found in {args.wordnet}: apt-get install wordnet-base", file=sys.stderr)
        return 2
    blobs = dict(zip((OUT, OUT_SENSES), build(args.wordnet), strict=True))
    if args.check:
        stale = [p.name for p, b in blobs.items()
                 if not p.is_file() or gzip.decompress(p.read_bytes()) != gzip.decompress(b)]
        print(f"stale: {', '.join(stale)}: run python tools/build_lexical.py" if stale else "up to date")
        return 1 if stale else 0
    for path, blob in blobs.items():
        path.write_bytes(blob)
        print(f"wrote {path} ({len(blob) / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Build the word-form tables that let easyread run without lemminflect or wordfreq.

The ``words`` stage, term detection and the picture chooser used to call lemminflect
(``getLemma``, ``getInflection``, ``getAllInflections``, ``getAllLemmas``) and wordfreq at
run time: about 2 s of dictionary and numpy loading on a cold start. Everything they ask
is a question about a *finite* set of words (the lexicon's hard and plain words, the
glossary keys, the picture keywords), so this script asks lemminflect and wordfreq once, at
build time, and writes the answers as five sorted, deterministic TSV files:

``easyread/data/lexicon_forms.tsv`` (the ``words`` stage)
    One row per (surface form, part of speech) that leads to a lexicon entry: ``form``,
    ``pos``, ``filter`` (1 if the form is one of lemminflect's inflections of a hard word:
    only sentences with such a word are tagged), ``lemma`` (lemminflect's ``getLemma``),
    ``hard`` (the lexicon key the form looks up: the lemma, else the form itself) and
    ``lemma_zipf`` (wordfreq 'small' Zipf of the lemma, which the plain word must beat).
    Rows with an empty ``pos`` are filter-only forms.
``easyread/data/lexicon_plains.tsv`` (the ``words`` stage)
    One row per plain word of the lexicon: ``plain``, ``zipf`` (wordfreq 'small' Zipf of its
    first word) and ``inflected`` (``TAG=form`` for every Penn tag of the parts of speech it
    replaces; the first word is inflected, British ``got``).
``easyread/data/glossary_forms.tsv`` (term detection, ``easyread.terms``)
    ``form``, ``base``, ``lemmas``: every lower-case word of lemminflect's lemma dictionary
    whose base form (noun lemma, else verb lemma unless it ends in -ing, else the word)
    differs from easyread's suffix rules, or that has other lemmas (used by the rare-word
    check). Words not listed are not in the dictionary, or the suffix rules give the same
    answer; so the table is exact for every word.
``easyread/data/picture_forms.tsv`` (the picture chooser)
    ``form``, ``lemmas``, ``zipf``: for a token, its noun then verb lemmas (lemminflect
    ``getLemma``) that are keyword words; for a keyword, its wordfreq
    ``zipf_frequency(keyword, "en")``.
``easyread/data/verb_forms.tsv`` (the split rules that re-inflect an -ing verb)
    ``form``, ``lemma``, ``VBD``, ``VBG``, ``VBN``, ``VBP``, ``VBZ``: for every -ing word of
    lemminflect's dictionary and wordfreq's 'small' English list, its verb lemma
    (``getLemma(form, upos="VERB")[0]``, the VB form; empty if none) and the lemma's first
    ``getInflection`` for each tag (empty if none).

Which tokens can lemmatise to a lexicon or keyword word: lemminflect's dictionary is
inverted exactly; for the words it does not know, its out-of-vocabulary model picks one of
34 suffix rules, sometimes one whose ending the word lacks (``catbird``/VERB -> ``cat``). So
every word of the dictionary and of wordfreq's 'small' English list is tried with every rule,
and so is every form a rule maps onto the target (``commence`` <- ``commenced``,
``commencing`` …); each candidate is then checked with ``getLemma``. Only a word in neither
list that the model strips of an ending it does not have is not covered.

Usage::

    python tools/build_forms.py           # write the five files
    python tools/build_forms.py --check   # exit 1 if a shipped file is out of date

lemminflect (MIT) and wordfreq (data CC BY-SA 4.0) are needed only here and in the test
that regenerates the files (``tests/data/test_forms.py``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from easyread.data import data_path, lexicon_entries, zipf  # noqa: E402
from easyread.render.pictures import load_pictures  # noqa: E402

#: The lexicon's parts of speech and the Penn tags the words stage inflects a plain word to.
POS_TAGS: dict[str, tuple[str, ...]] = {
    "VERB": ("VBD", "VBG", "VBN", "VBZ"),
    "NOUN": ("NNS",),
    "ADJ": ("JJR", "JJS"),
    "ADV": ("RBR", "RBS"),
}
FILES = ("lexicon_forms.tsv", "lexicon_plains.tsv", "glossary_forms.tsv", "picture_forms.tsv",
         "verb_forms.tsv")
#: The Penn verb tags of ``verb_forms.tsv`` after the lemma (the VB form).
VERB_TAGS = ("VBD", "VBG", "VBN", "VBP", "VBZ")


# ------------------------------------------------------------------ lemminflect queries
def _lemminflect() -> tuple[object, object]:
    from lemminflect import Inflections, Lemmatizer

    return Lemmatizer(), Inflections()


@cache
def get_lemma(word: str, pos: str) -> tuple[str, ...]:
    from lemminflect import getLemma

    return tuple(str(x) for x in getLemma(word, upos=pos))


def dictionary_words() -> list[str]:
    """The lower-case alphabetic words of lemminflect's lemma dictionary and overrides."""
    lemmatizer, _ = _lemminflect()
    words = set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict())  # type: ignore[attr-defined]
    return sorted(w for w in words if w.isalpha() and w == w.lower())


@lru_cache(maxsize=1)
def _oov_rules() -> tuple[tuple[str, str, bool], ...]:
    """lemminflect's out-of-vocabulary lemma rules: (ending removed, letters added, undouble)."""
    lemmatizer, _ = _lemminflect()
    rules = lemmatizer._getOOVLemmatizer().rules  # type: ignore[attr-defined]
    out = []
    for rule in rules:
        rm, add, double = rule.split(",")
        out.append((rm, add, double == "True"))
    return tuple(out)


def rule_preimages(target: str) -> set[str]:
    """Words one of lemminflect's suffix rules turns into ``target`` (``stop`` <- ``stopped``)."""
    out = set()
    for rm, add, double in _oov_rules():
        stem = target + target[-1] if double else target
        if add and not stem.endswith(add):
            continue
        prefix = stem[: len(stem) - len(add)]
        if prefix:
            out.add(prefix + rm)
    return out


@lru_cache(maxsize=1)
def _dictionary_inverse() -> dict[tuple[str, str], set[str]]:
    """(lemma, pos) -> dictionary words whose lemma it is."""
    lemmatizer, _ = _lemminflect()
    inverse: dict[tuple[str, str], set[str]] = {}
    for word in dictionary_words():
        for pos, lemmas in lemmatizer.getAllLemmas(word).items():  # type: ignore[attr-defined]
            for lemma in lemmas:
                inverse.setdefault((str(lemma).lower(), pos), set()).add(word)
    return inverse


def apply_rule(word: str, rule: tuple[str, str, bool]) -> str:
    """What lemminflect's ``LemmatizerRules._applyRule`` makes of ``word`` (even a bad pick)."""
    rm, add, double = rule
    lemma = (word[: -len(rm)] if rm else word) + add
    return lemma[:-1] if double else lemma


@lru_cache(maxsize=1)
def _vocabulary_rule_index() -> dict[str, set[str]]:
    """Rule result -> vocabulary words (lemminflect's dictionary, wordfreq's 'small' list).

    lemminflect's model may pick a rule whose ending a word lacks (``catbird`` -> ``cat``),
    so for the words a text is likely to hold every rule's result is a candidate lemma.
    """
    from easyread.data import zipf_table

    vocabulary = set(dictionary_words())
    vocabulary.update(w for w in zipf_table() if w.isalpha() and w == w.lower())
    index: dict[str, set[str]] = {}
    for word in vocabulary:
        for rule in _oov_rules():
            index.setdefault(apply_rule(word, rule), set()).add(word)
    return index


def candidates(target: str, pos: str) -> set[str]:
    """Every word whose lemma (for ``pos``) may be ``target``; verify with :func:`get_lemma`."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    found = {target} | rule_preimages(target) | _dictionary_inverse().get((target, pos), set())
    found |= _vocabulary_rule_index().get(target, set())
    for table in (getAllInflections(target, upos=pos), getAllInflectionsOOV(target, upos=pos)):
        for forms in table.values():
            found.update(str(f).lower() for f in forms)
    return {w for w in found if w.isalpha()}


# ---------------------------------------------------------------------- lexicon forms


def inflect(plain: str, tag: str) -> str:
    """The rule the words stage applied at run time (first word inflected, British 'got')."""
    from lemminflect import getInflection

    head, _, rest = plain.partition(" ")
    forms = getInflection(head, tag=tag)
    if not forms:
        return plain
    form = str(forms[0])
    if tag == "NNS" and len(forms) > 1 and not form.endswith("s"):
        form = str(forms[1])
    if form == "gotten":  # British English
        form = "got"
    return f"{form} {rest}" if rest else form


def _number(value: float) -> str:
    return repr(float(value))


def lexicon_rows() -> list[tuple[str, ...]]:
    from lemminflect import getAllInflections

    table = lexicon_entries()
    prefilter: set[str] = set()
    for hard, pos in table:
        prefilter.add(hard)
        for variants in getAllInflections(hard, upos=pos).values():
            prefilter.update(v.lower() for v in variants)
    rows: set[tuple[str, ...]] = set()
    matched: set[str] = set()
    for hard, pos in table:
        for word in candidates(hard, pos):
            found = get_lemma(word, pos)
            base = found[0] if found else word
            key = base if (base, pos) in table else word
            if (key, pos) in table:
                matched.add(word)
                rows.add((word, pos, str(int(word in prefilter)), base, key, _number(zipf(base))))
    rows |= {(w, "", "1", "", "", "") for w in prefilter - matched}
    return sorted(rows)


def plain_rows() -> list[tuple[str, ...]]:
    tags: dict[str, set[str]] = {}
    for (_hard, pos), plains in lexicon_entries().items():
        for plain in plains:
            tags.setdefault(plain, set()).update(POS_TAGS[pos])
    rows: list[tuple[str, ...]] = []
    for plain in sorted(tags):
        inflected = ";".join(f"{tag}={inflect(plain, tag)}" for tag in sorted(tags[plain]))
        rows.append((plain, _number(zipf(plain.split()[0])), inflected))
    return rows


# --------------------------------------------------------------------- glossary forms
def suffix_base(word: str) -> str:
    """easyread.terms' fallback for words lemminflect does not know."""
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def glossary_rows_() -> list[tuple[str, ...]]:
    from lemminflect import getAllLemmas

    rows: list[tuple[str, ...]] = []
    for word in dictionary_words():
        lemmas = getAllLemmas(word)
        if "NOUN" in lemmas:
            base = str(lemmas["NOUN"][0])
        elif "VERB" in lemmas and not word.endswith("ing"):
            base = str(lemmas["VERB"][0])
        elif lemmas:
            base = word
        else:
            base = suffix_base(word)
        others = sorted({str(f) for fs in lemmas.values() for f in fs} - {word, base})
        if base != suffix_base(word) or others:
            rows.append((word, base, " ".join(others)))
    return rows


# ---------------------------------------------------------------------- picture forms
def picture_rows() -> list[tuple[str, ...]]:
    from wordfreq import zipf_frequency

    keywords = sorted(load_pictures())
    targets = {w for k in keywords for w in k.split()}
    rows: dict[str, tuple[str, ...]] = {}
    words: set[str] = set()
    for target in targets:
        if target.isalpha():
            for pos in ("NOUN", "VERB"):
                words |= candidates(target, pos)
    for word in sorted(words):
        forms = [word]
        for pos in ("NOUN", "VERB"):
            for lemma in get_lemma(word, pos):
                lemma = lemma.lower()
                if lemma not in forms:
                    forms.append(lemma)
        useful = [f for f in forms[1:] if f in targets]
        if useful:
            rows[word] = (word, " ".join(useful), "")
    for keyword in keywords:
        lemmas = rows.get(keyword, (keyword, "", ""))[1]
        rows[keyword] = (keyword, lemmas, _number(zipf_frequency(keyword, "en")))
    return [rows[k] for k in sorted(rows)]


# ------------------------------------------------------------------------ verb forms
def verb_words() -> list[str]:
    """The -ing words of lemminflect's dictionary and of wordfreq's 'small' English list.

    The split rules (``split.frame.v1``, ``split.when_doing``, the participle clauses) only
    re-inflect a token tagged VBG; other words fall back to lemminflect at run time.
    """
    from easyread.data import zipf_table

    lemmatizer, _ = _lemminflect()
    words = set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict())  # type: ignore[attr-defined]
    words.update(zipf_table())
    return sorted(w for w in words if w.endswith("ing") and w == w.lower()
                  and not any(c.isspace() for c in w))


def verb_rows() -> list[tuple[str, ...]]:
    """``form``, then lemminflect's verb lemma of it and that lemma's first inflection per tag.

    Exactly what ``easyread.rewrite.split`` asked at run time: ``getLemma(form,
    upos="VERB")[0]`` (empty: no lemma) and ``getInflection(lemma, tag=T)[0]`` (empty: none).
    """
    from lemminflect import getInflection

    rows: list[tuple[str, ...]] = []
    for word in verb_words():
        lemmas = get_lemma(word, "VERB")
        if not lemmas:
            rows.append((word, "") + ("",) * len(VERB_TAGS))
            continue
        lemma = lemmas[0]
        forms = []
        for tag in VERB_TAGS:
            found = getInflection(lemma, tag=tag)
            forms.append(str(found[0]) if found else "")
        rows.append((word, lemma, *forms))
    for row in rows:
        if any("\t" in field or "\n" in field for field in row):
            raise ValueError(f"verb_forms.tsv: a field holds a tab or newline: {row!r}")
    return rows


# ------------------------------------------------------------------------- writing
HEADERS: dict[str, tuple[str, ...]] = {
    "lexicon_forms.tsv": ("form", "pos", "filter", "lemma", "hard", "lemma_zipf"),
    "lexicon_plains.tsv": ("plain", "zipf", "inflected"),
    "glossary_forms.tsv": ("form", "base", "lemmas"),
    "picture_forms.tsv": ("form", "lemmas", "zipf"),
    "verb_forms.tsv": ("form", "lemma", *VERB_TAGS),
}
BUILDERS: dict[str, Callable[[], list[tuple[str, ...]]]] = {
    "lexicon_forms.tsv": lexicon_rows,
    "lexicon_plains.tsv": plain_rows,
    "glossary_forms.tsv": glossary_rows_,
    "picture_forms.tsv": picture_rows,
    "verb_forms.tsv": verb_rows,
}


def _versions() -> str:
    from importlib.metadata import version

    return f"lemminflect {version('lemminflect')}, wordfreq {version('wordfreq')}"


def render(name: str, rows: Iterable[tuple[str, ...]]) -> str:
    """The text of one table: provenance comments, header, rows."""
    lines = [
        "# version: 2026.1",
        f"# Generated by tools/build_forms.py ({_versions()}); do not edit by hand.",
        "\t".join(HEADERS[name]),
    ]
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def build(name: str) -> str:
    return render(name, BUILDERS[name]())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--check", action="store_true", help="exit 1 if a shipped file is out of date")
    ap.add_argument("names", nargs="*", default=list(FILES), help="which tables (default: all)")
    args = ap.parse_args(argv)
    stale = []
    for name in args.names:
        text = build(name)
        path = data_path(name)
        if args.check:
            if not path.is_file() or path.read_text("utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, "utf-8")
            print(f"wrote {path} ({text.count(chr(10)) - 3} rows)")
    if stale:
        print("out of date (run python tools/build_forms.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The only loader of easyread's data files.

Formats need only the standard library: TSV (header row, ``#`` comments), TOML, and plain
text (one entry per line, ``#`` comments). Errors name the file and line of the bad row.
Every file is listed, with its source and licence, in ``MANIFEST.toml``.
"""

from __future__ import annotations

import csv
import importlib.util
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from easyread.errors import DataError, ResourceMissing

if TYPE_CHECKING:
    from easyread.data.rows import GlossaryRow, LexiconForm, PlainWord

#: Row classes that live in :mod:`easyread.data.rows` (built only when a reader needs them),
#: still importable from here.
_ROW_CLASSES = ("GlossaryRow", "LexiconForm", "PlainWord")


def __getattr__(name: str) -> Any:
    if name in _ROW_CLASSES:
        from easyread.data import rows

        return getattr(rows, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_T = TypeVar("_T")


@lru_cache(maxsize=1)
def _data_dir() -> Path:
    # The package is installed as files (the parser model is read the same way); not through
    # importlib.resources, whose import (tempfile, random, shutil) costs a cold `check` ~5 ms.
    return Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    return _data_dir() / name


def read_lines(name: str | Path) -> list[str]:
    """Entries of a one-per-line text file (comments and blanks dropped)."""
    path = data_path(name) if isinstance(name, str) else name
    out = []
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


_versions: dict[tuple[Path, int, int], str] = {}


def file_version(name: str) -> str:
    """The ``# version: X`` header of a data file, or the manifest's version (read once per
    state of the file, or of the manifest for a name that is not a file: remembered by path,
    modification time and size)."""
    path = data_path(name)
    try:
        st = (path if path.is_file() else data_path("MANIFEST.toml")).stat()
    except OSError:
        return _file_version(path, name)
    key = (path, st.st_mtime_ns, st.st_size)
    found = _versions.get(key)
    if found is None:
        found = _versions[key] = _file_version(path, name)
    return found


def _file_version(path: Path, name: str) -> str:
    if path.suffix in (".txt", ".tsv"):
        for line in path.read_text("utf-8").splitlines()[:5]:
            if line.startswith("# version:"):
                return line.split(":", 1)[1].strip()
    entry = manifest().get("files", {}).get(name, {})
    return str(entry.get("version", "unversioned"))


def read_tsv(name: str | Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a TSV file as dicts; checks the header and reports file:line on bad rows."""
    path = data_path(name) if isinstance(name, str) else name
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise DataError(f"{path}: empty data file")
    header = lines[0][1].rstrip("\n").split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(f"{path}:{lines[0][0]}: header lacks column(s) {', '.join(missing)}")
    reader = csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), values in zip(lines[1:], reader, strict=True):
        if len(values) > len(header):
            raise DataError(f"{path}:{number}: {len(values)} columns, header has {len(header)}")
        row = dict(zip(header, values + [""] * (len(header) - len(values)), strict=True))
        if any(not row[c].strip() for c in required[:1]):
            raise DataError(f"{path}:{number}: empty {required[0]!r}")
        row["_line"] = str(number)
        rows.append(row)
    return rows


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    with data_path("MANIFEST.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's English easy-word list (Dale–Chall), read without importing textstat."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceMissing("textstat is not installed (pip install textstat==0.7.8)")
    path = Path(spec.submodule_search_locations[0]) / "resources" / "en" / "easy_words.txt"
    return frozenset(w.strip() for w in path.read_text("utf-8").splitlines() if w.strip())


def wordfreq_zipf_table() -> dict[str, float]:
    """Word -> Zipf frequency from the installed wordfreq's 'small' English list, read directly
    (importing wordfreq costs about 0.2 s). The source of ``zipf_en.tsv``
    (``tools/build_zipf.py``); run time reads that file (:func:`zipf_table`)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceMissing("wordfreq is not installed")
    import gzip

    import msgpack

    path = Path(spec.submodule_search_locations[0]) / "data" / "small_en.msgpack.gz"
    with gzip.open(path, "rb") as fh:
        packed = msgpack.load(fh, raw=False)
    if not isinstance(packed[0], dict) or packed[0].get("format") != "cB":
        raise ResourceMissing(f"unexpected wordfreq data format in {path}")
    table: dict[str, float] = {}
    for index, bucket in enumerate(packed[1:]):
        table.update(dict.fromkeys(bucket, round((900 - index) / 100, 2)))  # a later bucket wins
    return table


class ZipfTable(Mapping[str, float]):
    """Word -> Zipf frequency, wordfreq's 'small' English list as shipped in
    ``zipf_en.tsv`` (sorted ``word<TAB>zipf`` lines, see ``tools/build_zipf.py``).

    A word is found by bisection over the lines when first asked for and remembered: a short
    text needs a few hundred of the ~29,000 words, and building them all into a dict cost every
    cold ``check`` ~8 ms. Iterating (or ``len``) reads the whole table once."""

    __slots__ = ("_end", "_found", "_start", "_text")

    def __init__(self, data: bytes) -> None:
        # Searched as UTF-8 bytes, whose order is the code-point order the lines are sorted in
        # (decoding the whole table would cost ~1 ms).
        self._text = data
        start = 0
        while data.startswith(b"#", start):  # the comment lines come first
            start = data.index(b"\n", start) + 1
        self._start, self._end = start, len(data)
        self._found: dict[str, float | None] = {}

    def _lookup(self, word: str) -> float | None:
        text = self._text
        key_sought = word.encode("utf-8", "surrogatepass")
        lo, hi = self._start, self._end  # lo: the start of a line
        while lo < hi:
            start = text.rfind(b"\n", max(lo - 1, 0), (lo + hi) // 2) + 1
            end = text.find(b"\n", start)
            tab = text.find(b"\t", start, end)
            key = text[start:tab]
            if key == key_sought:
                return float(text[tab + 1 : end])
            if key < key_sought:
                lo = end + 1
            else:
                hi = start
        return None

    @overload
    def get(self, word: str, /) -> float | None: ...
    @overload
    def get(self, word: str, /, default: float | _T) -> float | _T: ...

    def get(self, word: str, /, default: object = None) -> object:
        try:
            value = self._found[word]
        except KeyError:
            value = self._found[word] = self._lookup(word)
        return default if value is None else value

    def __getitem__(self, word: str) -> float:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def _all(self) -> dict[str, float]:
        text = self._text[self._start : self._end].decode("utf-8")
        return {word: float(value) for word, _, value in (line.partition("\t") for line in text.splitlines())}

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return self._text.count(b"\n", self._start, self._end)


@lru_cache(maxsize=1)
def zipf_table() -> ZipfTable:
    """Word -> Zipf frequency from wordfreq's 'small' English list (``zipf_en.tsv``, built
    from the installed wordfreq by ``tools/build_zipf.py``). Words missing from the list (Zipf
    below about 1.6) are not in it; :func:`zipf` maps them to 0."""
    return ZipfTable(data_path("zipf_en.tsv").read_bytes())


def zipf(word: str) -> float:
    return zipf_table().get(word.lower(), 0.0)


@lru_cache(maxsize=1)
def participles() -> frozenset[str]:
    return frozenset(read_lines("participles.txt"))


# --------------------------------------------------------------- rewrite stage data
@lru_cache(maxsize=1)
def keep_words() -> frozenset[str]:
    """Words the ``words`` stage never replaces (``keep.txt``, lower case)."""
    return frozenset(w.lower() for w in read_lines("keep.txt"))


def _toml(name: str) -> dict[str, Any]:
    path = data_path(name)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML: {exc}") from None


@lru_cache(maxsize=1)
def numbers_table() -> dict[str, Any]:
    """``numbers.toml``: number words, scales, money suffixes, percent fractions."""
    return _toml("numbers.toml")


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Number word -> value (``"four"`` -> 4), from ``numbers.toml``."""
    return {str(k): int(v) for k, v in numbers_table()["words"].items()}


@lru_cache(maxsize=1)
def split_table() -> dict[str, Any]:
    """``split.toml``: conjunctions, subordinators, attribution verbs."""
    return _toml("split.toml")


@lru_cache(maxsize=1)
def split_syntax_table() -> dict[str, Any]:
    """``split_syntax.toml``: the instances of the dependency-pattern split rules."""
    return _toml("split_syntax.toml")


@lru_cache(maxsize=1)
def lexicon_table() -> list[dict[str, str]]:
    """Rows of ``lexicon.tsv`` (hard, pos, plain, note); empty while the file is absent."""
    if not data_path("lexicon.tsv").is_file():
        return []
    return read_tsv("lexicon.tsv", ("hard", "pos", "plain"))


@lru_cache(maxsize=1)
def lexicon_entries() -> dict[tuple[str, str], list[str]]:
    """(hard lemma, pos) -> plain alternatives, best first: the one reading of ``lexicon.tsv``
    shared by the words stage and ``tools/build_forms.py``."""
    table: dict[tuple[str, str], list[str]] = {}
    for row in lexicon_table():
        hard = row["hard"].strip().lower()
        plains = [p.strip() for p in row["plain"].split("|") if p.strip()]
        if " " in hard or not plains:
            continue
        table[(hard, row["pos"].strip().upper())] = plains
    return table


@lru_cache(maxsize=1)
def phrases_table() -> list[dict[str, str]]:
    """Rows of ``phrases.tsv`` (phrase, plain, note); empty while the file is absent."""
    if not data_path("phrases.tsv").is_file():
        return []
    return read_tsv("phrases.tsv", ("phrase",))


# --------------------------------------------------------------- glossary data (gloss stage)
@dataclass(frozen=True)
class AcronymRow:
    """One row of ``acronyms.tsv``."""

    acronym: str
    expansion: str
    explanation: str
    line: int


def read_glossary_file(path: str | Path, *, domain: str | None = None) -> tuple[GlossaryRow, ...]:
    """Entries of one glossary TOML file (``[[entry]] term, aliases, explanation``, optional
    ``cues``, ``cues_only`` and ``[entry.region]``).

    Keys are lower-cased; a bad entry raises :class:`DataError` naming file:line.
    """
    from easyread.data.rows import GlossaryRow

    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: glossary file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read glossary file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML: {exc}") from None
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[entry]]"]
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise DataError(f"{path}: expected [[entry]] tables")
    rows: list[GlossaryRow] = []
    for i, entry in enumerate(entries):
        line = starts[i] if i < len(starts) else 0
        term = entry.get("term") if isinstance(entry, dict) else None
        explanation = entry.get("explanation") if isinstance(entry, dict) else None
        aliases = entry.get("aliases", []) if isinstance(entry, dict) else None
        if not isinstance(term, str) or not term.strip():
            raise DataError(f"{path}:{line}: entry without a 'term'")
        if not isinstance(explanation, str) or not explanation.strip():
            raise DataError(f"{path}:{line}: entry {term!r} has no 'explanation'")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise DataError(f"{path}:{line}: 'aliases' of {term!r} must be a list of strings")
        cues = entry.get("cues", []) if isinstance(entry, dict) else []
        if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
            raise DataError(f"{path}:{line}: 'cues' of {term!r} must be a list of words")
        cues_only = entry.get("cues_only", False) if isinstance(entry, dict) else False
        if not isinstance(cues_only, bool) or (cues_only and not cues):
            raise DataError(f"{path}:{line}: 'cues_only' of {term!r} must be true or false, and needs 'cues'")
        regions = entry.get("region", {})
        if not isinstance(regions, dict) or not all(
                isinstance(v, str) and v.strip() for v in regions.values()):
            raise DataError(f"{path}:{line}: 'region' of {term!r} must map region codes to sentences")
        rows.append(
            GlossaryRow(
                term.strip().lower(),
                tuple(a.strip().lower() for a in aliases),
                explanation.strip(),
                domain or "user",
                str(path),
                line,
                tuple(sorted((str(k).lower(), v.strip()) for k, v in regions.items())),
                tuple(c.strip().lower() for c in cues),
                cues_only,
            )
        )
    return tuple(rows)


@lru_cache(maxsize=1)
def glossary_rows() -> tuple[GlossaryRow, ...]:
    """Every built-in glossary entry, from all ``glossary/*.toml`` domain files (sorted by file)."""
    folder = data_path("glossary")
    rows: list[GlossaryRow] = []
    for path in sorted(folder.glob("*.toml")):
        rows.extend(read_glossary_file(path, domain=path.stem))
    return tuple(rows)


@lru_cache(maxsize=1)
def acronym_rows() -> dict[str, AcronymRow]:
    """``acronyms.tsv`` as acronym -> row; empty while the file is absent."""
    if not data_path("acronyms.tsv").is_file():
        return {}
    return {
        row["acronym"].strip(): AcronymRow(
            row["acronym"].strip(),
            row["expansion"].strip(),
            row.get("explanation", "").strip(),
            int(row["_line"]),
        )
        for row in read_tsv("acronyms.tsv", ("acronym", "expansion"))
    }


# ------------------------------------------- precomputed word forms (tools/build_forms.py)
# lemminflect and wordfreq answered these questions at build time; at run time the words
# stage, term detection and the picture chooser read the answers and import neither.
def _generated(name: str, header: tuple[str, ...]) -> list[list[str]]:
    """Rows of a generated TSV table (``#`` comments, then ``header``); fields as strings."""
    path = data_path(name)
    if not path.is_file():
        raise ResourceMissing(f"{path} is missing: run python tools/build_forms.py")
    lines = [line for line in path.read_text("utf-8").split("\n") if line and line[0] != "#"]
    if not lines or tuple(lines[0].split("\t")) != header:
        raise DataError(f"{path}: the header must be {' '.join(header)!r} (tab-separated)")
    rows = [line.split("\t") for line in lines[1:]]
    for number, row in enumerate(rows, 2):
        if len(row) != len(header):
            raise DataError(f"{path}: data row {number}: {len(row)} columns, header has {len(header)}")
    return rows


@lru_cache(maxsize=1)
def lexicon_forms() -> tuple[frozenset[str], dict[tuple[str, str], LexiconForm]]:
    """(filter forms, (form, pos) -> :class:`LexiconForm`) from ``lexicon_forms.tsv``.

    The filter forms are lemminflect's inflections of every hard word: a sentence without
    one is not tagged.

    >>> forms, table = lexicon_forms()
    >>> "commenced" in forms, table["commenced", "VERB"].hard
    (True, 'commence')
    """
    from easyread.data.rows import LexiconForm

    header = ("form", "pos", "filter", "lemma", "hard", "lemma_zipf")
    prefilter: set[str] = set()
    table: dict[tuple[str, str], LexiconForm] = {}
    for form, pos, flag, lemma, hard, lemma_zipf in _generated("lexicon_forms.tsv", header):
        if flag == "1":
            prefilter.add(form)
        if pos:
            table[form, pos] = LexiconForm(lemma, hard, float(lemma_zipf))
    return frozenset(prefilter), table


@lru_cache(maxsize=1)
def lexicon_plains() -> dict[str, PlainWord]:
    """Plain word -> its Zipf and inflections, from ``lexicon_plains.tsv``.

    >>> lexicon_plains()["find out"].inflected["VBD"]
    'found out'
    """
    from easyread.data.rows import PlainWord

    table: dict[str, PlainWord] = {}
    for plain, zipf_value, inflected in _generated("lexicon_plains.tsv", ("plain", "zipf", "inflected")):
        tags = dict(item.split("=", 1) for item in inflected.split(";") if item)
        table[plain] = PlainWord(float(zipf_value), tags)
    return table


@lru_cache(maxsize=1)
def glossary_forms() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Word -> (base form, other lemmas) for term matching, from ``glossary_forms.tsv``.

    Lists the words of lemminflect's dictionary whose base form differs from the suffix
    rules in :func:`easyread.terms.base_form`, or that have other lemmas.

    >>> glossary_forms()["women"]
    ('woman', ())
    """
    header = ("form", "base", "lemmas")
    return {
        form: (base, tuple(lemmas.split()))
        for form, base, lemmas in _generated("glossary_forms.tsv", header)
    }


@lru_cache(maxsize=1)
def picture_forms() -> tuple[dict[str, tuple[str, ...]], dict[str, float]]:
    """(token -> its noun then verb lemmas that are keyword words, keyword -> wordfreq Zipf).

    From ``picture_forms.tsv``.

    >>> lemmas, zipfs = picture_forms()
    >>> lemmas["children"], zipfs["helpline"] < zipfs["child"]
    (('child',), True)
    """
    lemmas: dict[str, tuple[str, ...]] = {}
    zipfs: dict[str, float] = {}
    for form, forms, value in _generated("picture_forms.tsv", ("form", "lemmas", "zipf")):
        if forms:
            lemmas[form] = tuple(forms.split())
        if value:
            zipfs[form] = float(value)
    return lemmas, zipfs


#: The Penn verb tags of ``verb_forms.tsv``; the lemma column is the VB form.
VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, tuple[str, ...]]:
    """-ing form -> its verb lemma and the lemma's forms, in :data:`VERB_TAGS` order.

    From ``verb_forms.tsv``: lemminflect's ``getLemma(form, upos="VERB")[0]`` and
    ``getInflection(lemma, tag=T)[0]``, asked at build time. Empty strings: no answer.

    >>> verb_forms()["saying"][VERB_TAGS.index("VBD")]
    'said'
    """
    header = ("form", "lemma", *VERB_TAGS[1:])
    return {row[0]: tuple(row[1:]) for row in _generated("verb_forms.tsv", header)}

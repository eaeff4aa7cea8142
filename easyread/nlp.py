"""Offline sentence segmentation and tokenization with character spans.

This module is easyread's ONLY importer of nltk. It uses NLTK's unsupervised Punkt
sentence tokenizer, but never NLTK's downloadable data: the abbreviation list is
easyread's own versioned file ``easyread/data/abbreviations.txt`` and a few
orthographic hints are built in here, so segmentation works with an empty
``NLTK_DATA`` and no network. Word tokenization is a small stdlib regex tokenizer
(readability counts "don't", "children's" and "well-known" as one word each).

Segmentation works on ONE block (paragraph) at a time: callers split blocks.
Newlines inside a block do not end a sentence by themselves.

Behaviour (see ``tests/golden/segmentation.tsv`` for the full table):

* Titles (Mr, Mrs, Dr, Prof, ...) never end a sentence, with or without a full stop.
* Other listed abbreviations (U.K., U.S., e.g., i.e., a.m., p.m., Oct., Ltd., ...)
  end a sentence only when the next word is a common sentence starter written with
  a capital ("...in the U.S. The next..." splits; "...in the U.S. Congress..." and
  "...in the U.K. last year..." do not).
* A break is never made before a word starting with a lower-case letter (so
  "the O.N.S. said", "Wait... what?" and "“...Children?” conference" stay whole).
* Decimals (2.5), money (£600,000, $3.5m) and initials (J. K. Rowling) never split.
* A closing quote or bracket after the final full stop stays in its sentence.
* "…" is treated like "..." (an ellipsis): it ends a sentence only before a
  capitalised common sentence starter ("He paused… Then he left." splits).
* A block with no final punctuation (a headline) is one sentence.
* A leading list marker ("1.", "a)") stays with its item.

Known limits: an abbreviation at a real sentence end followed by a capitalised word
that is not a common sentence starter is not split ("...moved to the U.S. Prices
rose." is one sentence); a title abbreviation never ends a sentence.
"""

from __future__ import annotations

import bisect
import contextlib
import importlib
import importlib.util
import operator
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, NamedTuple

__all__ = [
    "ABBREVIATIONS_VERSION",
    "Tok",
    "TokenKind",
    "sentence_spans",
    "split_sentences",
    "token_texts",
    "tokenize",
    "word_spans",
    "word_texts",
    "words",
]

TokenKind = Literal["word", "number", "punct", "symbol"]


class Tok(NamedTuple):
    """A token with character offsets relative to the string given to :func:`tokenize`.

    A named tuple: immutable, and about twice as fast to create as a frozen dataclass, which
    matters at a few hundred thousand tokens per megabyte.
    """

    text: str
    start: int
    end: int
    kind: TokenKind


# ---------------------------------------------------------------------------
# Abbreviation data
# ---------------------------------------------------------------------------

_DATA_FILE = Path(__file__).resolve().parent / "data" / "abbreviations.txt"
_VERSION_RE = re.compile(r"#\s*version:\s*(\S+)")


def _load_abbreviations(path: Path) -> tuple[str, frozenset[str]]:
    """Parse the abbreviation file: ``(version, abbreviations)``.

    The first comment line must be ``# version: X``; other ``#`` lines and blank
    lines are ignored; entries are lower-cased and lose a trailing full stop.
    """
    version = ""
    entries: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                if not version:
                    m = _VERSION_RE.match(line)
                    if m:
                        version = m.group(1)
                continue
            entries.add(line.lower().rstrip("."))
    if not version:
        raise ValueError(f"{path}: missing '# version: ...' header line")
    return version, frozenset(entries)


ABBREVIATIONS_VERSION: str
_ABBREVIATIONS: frozenset[str]
ABBREVIATIONS_VERSION, _ABBREVIATIONS = _load_abbreviations(_DATA_FILE)

# Abbreviations after which a sentence never ends, even before "The" (titles and
# "introducing" abbreviations). Every entry must also be in the data file.
_NEVER_FINAL: frozenset[str] = frozenset(
    """mr mrs ms messrs dr prof rev hon sir gen col lt sgt capt cmdr cpl gov sen rep
    supt insp det cllr e.g i.e vs cf viz approx fig figs""".split()  # noqa: SIM905
)

# Words that commonly start a sentence and are normally written in lower case
# mid-sentence. Punkt's orthographic heuristic uses them to decide that an
# abbreviation or ellipsis followed by one of them (capitalised) ends a sentence.
# They play the role of the "ortho_context" Punkt would learn from training text.
_SENTENCE_STARTERS: frozenset[str] = frozenset(
    """a about according after again all also although an and another any as at
    because before both but by can despite do during each even every few for from
    had has have he her here his how however if in instead it its just last let
    many meanwhile more most much my nevertheless next no none not now of on once
    one only or other our over overall previously since so some still such than
    that the their them then there these they this those though thus to today
    two under unlike until we were what when where whether which while who why
    with within yet you your""".split()  # noqa: SIM905
)

# ---------------------------------------------------------------------------
# Lazy, cheap import of Punkt
# ---------------------------------------------------------------------------
#
# Why the stub trick: ``import nltk`` executes nltk/__init__.py, which imports
# numpy, the corpus readers, etc. and costs ~0.4 s -- most of the 0.5 s budget of a
# whole ``easyread check`` run. ``nltk.tokenize.punkt`` itself only needs a handful
# of light modules (~0.1 s). Python always executes a package's __init__ before a
# submodule, so we briefly place bare package modules for ``nltk`` and
# ``nltk.tokenize`` (just a ``__path__``) into sys.modules, import the punkt
# submodule, and delete the two stubs again so a later real ``import nltk`` executes
# the real __init__ files. The real packages would then lack attributes for the
# submodules that were already loaded (Python binds ``pkg.sub`` only when it loads
# ``sub``), so a one-shot meta-path hook re-binds them after the real package
# import. If anything goes wrong we fall back to a normal (slow) import. It happens
# on the first segmentation call, never at module import.

_punkt_lock = threading.Lock()
_segmenter: Any = None  # nltk.tokenize.punkt.PunktSentenceTokenizer, built lazily


class _RebindLoader:
    """Wraps a package loader; after executing the package, binds already-imported submodules."""

    def __init__(self, loader: Any, name: str) -> None:
        self._loader = loader
        self._name = name

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        # Bind before executing too: the package __init__ itself may use
        # ``nltk.internals`` etc. while it is still partially initialised.
        self._bind(module)
        self._loader.exec_module(module)
        self._bind(module)

    def _bind(self, module: ModuleType) -> None:
        prefix = self._name + "."
        for key, sub in list(sys.modules.items()):
            child = key[len(prefix) :]
            if (
                key.startswith(prefix)
                and "." not in child
                and sub is not None
                and getattr(module, child, None) is None
            ):
                setattr(module, child, sub)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._loader, attr)


class _RebindFinder:
    """One-shot meta-path finder for the real ``nltk`` / ``nltk.tokenize`` packages."""

    def __init__(self, names: Iterable[str]) -> None:
        self.pending = set(names)

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname not in self.pending:
            return None
        self.pending.discard(fullname)
        if not self.pending and self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in list(sys.meta_path):
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    # Duck-typed loader (importlib.abc is not imported to keep start-up cheap).
                    spec.loader = _RebindLoader(spec.loader, fullname)  # type: ignore[assignment]
                return spec
        return None


def _import_punkt_bare() -> ModuleType:
    """Import ``nltk.tokenize.punkt`` without executing the nltk package __init__ files."""
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed as a package")
    roots = list(spec.submodule_search_locations)
    stubs: dict[str, ModuleType] = {}
    for name, paths in (
        ("nltk", roots),
        ("nltk.tokenize", [os.path.join(r, "tokenize") for r in roots]),
    ):
        stub = ModuleType(name)
        stub.__path__ = paths
        stub.__package__ = name
        stubs[name] = stub
    before = set(sys.modules)
    sys.modules.update(stubs)
    try:
        punkt = importlib.import_module("nltk.tokenize.punkt")
    except BaseException:
        for key in set(sys.modules) - before:
            if key == "nltk" or key.startswith("nltk."):
                del sys.modules[key]
        raise
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    sys.meta_path.insert(0, _RebindFinder(stubs))
    return punkt


def _import_punkt() -> ModuleType:
    """Return the ``nltk.tokenize.punkt`` module, as cheaply as possible."""
    if "nltk" not in sys.modules:
        try:
            return _import_punkt_bare()
        except Exception:
            pass  # fall back to the ordinary import below
    # nltk ships no stubs in most releases (3.10.4 has py.typed, hence unused-ignore).
    import nltk.tokenize.punkt as punkt  # type: ignore[import-untyped, unused-ignore]

    module: ModuleType = punkt
    return module


def _get_segmenter() -> Any:
    """The shared Punkt tokenizer configured with easyread's data (built on first use)."""
    global _segmenter
    if _segmenter is None:
        with _punkt_lock:
            if _segmenter is None:
                punkt = _import_punkt()
                params = punkt.PunktParameters()
                params.abbrev_types = set(_ABBREVIATIONS)
                # Seen capitalised at sentence starts and lower case mid-sentence.
                flags = punkt._ORTHO_BEG_UC | punkt._ORTHO_MID_LC
                for word in _SENTENCE_STARTERS:
                    params.ortho_context[word] = flags
                _segmenter = punkt.PunktSentenceTokenizer(params)
    return _segmenter


# ---------------------------------------------------------------------------
# Sentence segmentation
# ---------------------------------------------------------------------------

# Same-length normalisation: curly quotes/guillemets -> ASCII quotes (Punkt's
# punctuation classes are ASCII-centred), non-breaking spaces -> space.
_NORMALISE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_NORMALISE_PAIRS = tuple((chr(k), v) for k, v in _NORMALISE.items())


def _normalise(text: str) -> str:
    """``text.translate(_NORMALISE)``: every key is a non-ASCII character mapped to one ASCII
    character, so an ASCII text is unchanged and ``str.replace`` per character present gives
    the same string (``str.translate`` with a dict costs ~0.1 s per megabyte)."""
    if text.isascii():
        return text
    for char, ascii_char in _NORMALISE_PAIRS:
        if char in text:
            text = text.replace(char, ascii_char)
    return text


_ELLIPSIS = "\u2026"

# Longest piece given to Punkt at once. NLTK 3.10 runs every regex under a wall-clock
# limit (nltk.redos, 5 s); a huge block is segmented in windows that restart at the
# start of each window's last (possibly cut) sentence, so results match whole-text
# segmentation except for a single "sentence" longer than the window, which is cut at
# the last newline or space in the window.
_WINDOW = 20_000

_OPENERS = "\"'([{" + "-\u2013\u2014*"
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z])[.)]")
_TITLE_TAIL = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z.]{0,7})\.$")


def _first_letter(text: str, start: int, end: int) -> str:
    """First character of ``text[start:end]`` after opening quotes/brackets/space ("" if none)."""
    i = start
    while i < end and (text[i] in _OPENERS or text[i].isspace()):
        i += 1
    return text[i] if i < end else ""


def _should_merge(text: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Post-processing: is the Punkt break between ``prev`` and ``nxt`` wrong?"""
    s, e = nxt
    first = _first_letter(text, s, e)
    if not first:
        return True  # only punctuation: belongs to the previous sentence
    if first.islower():
        return True  # sentences do not start with a lower-case letter
    if not any(ch.isalnum() for ch in text[s:e]):
        return True
    if _LIST_MARKER.fullmatch(text, prev[0], prev[1]):
        return True  # "1. Facebook has changed..." is one sentence, not "1." + rest
    tail = _TITLE_TAIL.search(text, max(prev[0], prev[1] - 12), prev[1])
    return bool(tail and tail.group(1).lower() in _NEVER_FINAL)


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_port: Any = None  # easyread.punkt.Punkt, built lazily


def _get_port() -> Any:
    """The port of Punkt (:mod:`easyread.punkt`) with the same parameters as
    :func:`_get_segmenter`: identical spans, no nltk import."""
    global _port
    if _port is None:
        from easyread.punkt import _ORTHO_BEG_UC, _ORTHO_MID_LC, Punkt

        _port = Punkt(_ABBREVIATIONS, dict.fromkeys(_SENTENCE_STARTERS, _ORTHO_BEG_UC | _ORTHO_MID_LC))
    return _port


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """Punkt's ``span_tokenize(text)``: the port, or NLTK itself for a text holding a
    character on which the two regular-expression engines disagree."""
    from easyread.punkt import port_applies

    if port_applies(text):
        spans: list[tuple[int, int]] = _get_port().span_tokenize(text)
        return spans
    return list(_get_segmenter().span_tokenize(text))


def _punkt_spans(text: str) -> list[tuple[int, int]]:
    """Stripped, post-processed sentence spans of ``text`` (already normalised)."""
    out: list[tuple[int, int]] = []
    for s0, e0 in _raw_spans(text):
        s, e = _strip_span(text, s0, e0)
        if s >= e:
            continue
        if out and _should_merge(text, out[-1], (s, e)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _windowed_spans(text: str) -> list[tuple[int, int]]:
    """Segment ``text`` in windows of at most ``_WINDOW`` characters (linear overall)."""
    n = len(text)
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < n:
        if n - pos <= _WINDOW:
            out.extend((pos + s, pos + e) for s, e in _punkt_spans(text[pos:]))
            break
        spans = _punkt_spans(text[pos : pos + _WINDOW])
        if len(spans) >= 2:
            out.extend((pos + s, pos + e) for s, e in spans[:-1])
            pos += spans[-1][0]
            continue
        # One over-long "sentence": cut at the last newline/space in the window.
        window = text[pos : pos + _WINDOW]
        cut = max(window.rfind("\n"), window.rfind(" "))
        if cut <= _WINDOW // 2:
            cut = _WINDOW
        s, e = _strip_span(text, pos, pos + cut)
        if s < e:
            out.append((s, e))
        pos += cut
    return out


def _to_original(starts: Sequence[int], n: int) -> int:
    """Map an offset in the ellipsis-expanded text back to the original text."""
    idx = bisect.bisect_left(starts, n)
    if idx == 0:
        return n
    p = starts[idx - 1]
    return n - 2 * (idx - 1) - min(n - p - 1, 2)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` (one block/paragraph).

    Leading and trailing whitespace is excluded from every span; ``""`` gives ``[]``.

    >>> sentence_spans("Mr. Smith went to the U.K. on Monday.  He liked it.")
    [(0, 37), (39, 51)]
    """
    if not text or text.isspace():
        return []
    norm = _normalise(text)
    starts: list[int] = []
    if _ELLIPSIS in norm:
        parts = norm.split(_ELLIPSIS)
        pos = 0
        for part in parts[:-1]:
            pos += len(part)
            starts.append(pos)
            pos += 3
        norm = "...".join(parts)
    spans = _windowed_spans(norm) if len(norm) > _WINDOW else _punkt_spans(norm)
    if starts:
        spans = [(_to_original(starts, s), _to_original(starts, e)) for s, e in spans]
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (one block): ``[text[s:e] for s, e in sentence_spans(text)]``.

    >>> split_sentences("The NSPCC said the U.K. had 2.5m cases, e.g. in Leeds. It is bad.")
    ['The NSPCC said the U.K. had 2.5m cases, e.g. in Leeds.', 'It is bad.']
    >>> split_sentences("Mr Javid met J. K. Rowling at 9 a.m. on Oct. 3. “Stop,” she said.")
    ['Mr Javid met J. K. Rowling at 9 a.m. on Oct. 3.', '“Stop,” she said.']
    >>> split_sentences("Wait... what?")
    ['Wait... what?']
    """
    return [text[s:e] for s, e in sentence_spans(text)]


# ---------------------------------------------------------------------------
# Word tokenization (stdlib re only; each repeated group starts with a mandatory
# separator character, so there is one way to match and matching is linear)
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"""
    (?P<ellipsis>\.\.+|\u2026)
  | (?P<dash>--+|[\u2013\u2014\u2015])
  | (?P<initialism>(?:[^\W\d_]\.){2,})          # U.K.  e.g.  a.m.  O.N.S.
  | (?P<word>
        [^\W_]+
        (?: (?: ['\u2019\-\u2010\u2011]          # don't  children's  well-known
              | (?<=\d)[.,](?=\d)                  # 2.5  140,000
            )
            [^\W_]+
        )*
    )
  | (?P<other>\S)
    """,
    re.VERBOSE,
)

# The same alternation with only the word and initialism branches captured: findall gives
# each word or number token's text and "" for any other token (see :func:`word_texts`).
_WORD_TEXT_RE = re.compile(
    r"""
    (?:\.\.+|\u2026)
  | (?:--+|[\u2013\u2014\u2015])
  | ( (?:[^\W\d_]\.){2,}
    | [^\W_]+
      (?: (?: ['\u2019\-\u2010\u2011]
            | (?<=\d)[.,](?=\d)
          )
          [^\W_]+
      )*
    )
  | \S
    """,
    re.VERBOSE,
)

# The same alternation without groups: findall gives the text of every token (see
# :func:`token_texts`).
_TOKEN_TEXT_RE = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _TOKEN_RE.pattern), re.VERBOSE)

_SYMBOLS = frozenset("£$€¥%&@#+=<>|~^°§©®™/\\")
_OTHER_KIND: dict[str, TokenKind] = {}
_JOINERS = frozenset("-'\u2019\u2010\u2011")


def _kind_of_other(ch: str) -> TokenKind:
    kind = _OTHER_KIND.get(ch)
    if kind is None:
        sym = ch in _SYMBOLS or unicodedata.category(ch).startswith("S")
        kind = _OTHER_KIND[ch] = "symbol" if sym else "punct"
    return kind


#: Texts up to this many characters have their tokens remembered (the rewrite stages, the
#: meaning guard and the parser's post-check tokenize the same sentence again and again).
TOKENIZE_MEMO_CHARS = 1_000
#: How many texts' tokens are remembered (the oldest go first).
TOKENIZE_MEMO_SIZE = 4_096
_token_memo: dict[str, tuple[Tok, ...]] = {}


def tokenize(text: str) -> list[Tok]:
    """Split ``text`` into tokens (see :func:`tokenize_text`); a text of at most
    :data:`TOKENIZE_MEMO_CHARS` characters is tokenized once and its tokens remembered (they
    are immutable; each call returns a new list).

    >>> tokenize("It's 5%.") == tokenize("It's 5%.") and tokenize("x") is not tokenize("x")
    True
    """
    if len(text) > TOKENIZE_MEMO_CHARS:
        return tokenize_text(text)
    found = _token_memo.get(text)
    if found is None:
        found = tuple(tokenize_text(text))
        memo = _token_memo
        if len(memo) >= TOKENIZE_MEMO_SIZE:
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread
                del memo[next(iter(memo))]
        memo[text] = found
    return list(found)


def tokenize_text(text: str) -> list[Tok]:
    """Split ``text`` into word, number, punctuation and symbol tokens with exact spans.

    "don't", "children's" and "well-known" are one word; "£600,000" is a symbol and
    a number; "24%" is a number and a symbol; "...", "…" and each quote mark, comma,
    full stop or dash is one punctuation token; "U.K." is one word. A token starting
    with a digit is a number ("2019", "2.5", "3.5m", "1990s") unless it is hyphenated
    ("24-year-old" is a word).

    >>> [(t.text, t.kind) for t in tokenize("£600,000 (24%)")]
    [('£', 'symbol'), ('600,000', 'number'), ('(', 'punct'), ('24', 'number'), ('%', 'symbol'), (')', 'punct')]
    """
    toks: list[Tok] = []
    append = toks.append
    for m in _TOKEN_RE.finditer(text):
        group = m.lastgroup
        tok = m.group()
        start, end = m.span()
        kind: TokenKind
        if group == "word":
            if tok[0].isdigit() and _JOINERS.isdisjoint(tok):
                kind = "number"
            else:
                kind = "word"
        elif group == "other":
            kind = _kind_of_other(tok)
        elif group == "initialism":
            kind = "word"
        else:
            kind = "punct"
        append(Tok(tok, start, end, kind))
    return toks


def word_texts(text: str) -> list[str]:
    """The texts of the word and number tokens of ``text``, without building tokens:
    equal to :func:`words` (``tests/test_nlp.py`` checks it), several times faster.

    >>> word_texts("Don't pay £600,000 for a well-known U.K. brand.")
    ["Don't", 'pay', '600,000', 'for', 'a', 'well-known', 'U.K.', 'brand']
    """
    return [w for w in _WORD_TEXT_RE.findall(text) if w]


def token_texts(text: str) -> list[str]:
    """The texts of the tokens of :func:`tokenize`, in order, without building tokens (a text
    starting with a digit is a number token when :func:`is_number_text` says so).

    >>> token_texts("It's 5%...")
    ["It's", '5', '%', '...']
    """
    return _TOKEN_TEXT_RE.findall(text)


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """``(text, start, end)`` of the word and number tokens of ``text`` (those of
    :func:`tokenize`), without building the other tokens."""
    return [(text[s:e], s, e) for s, e in map(_SPAN1, _WORD_TEXT_RE.finditer(text)) if s >= 0]


_SPAN1 = operator.methodcaller("span", 1)


def is_number_text(tok: str) -> bool:
    """True for a word-or-number token text that :func:`tokenize` calls a number."""
    return tok[0].isdigit() and _JOINERS.isdisjoint(tok)


def words(text: str) -> list[str]:
    """The texts of the word and number tokens of ``text``.

    >>> words("Don't pay £600,000 for a well-known U.K. brand.")
    ["Don't", 'pay', '600,000', 'for', 'a', 'well-known', 'U.K.', 'brand']
    """
    return [t.text for t in tokenize(text) if t.kind in ("word", "number")]


_A_BEFORE = r"(?i)(?:uni|use|usu|uti|ure|eu|ewe|one\b|once\b)"  # compiled on first use, not at import
_AN_BEFORE = r"(?i)(?:hour|honest|honour|honor|heir)"


def indefinite_article(word: str) -> str:
    """``a`` or ``an`` for the sound ``word`` starts with: ``a union``, ``a European``, ``an
    hour``, ``an MP`` (an acronym read letter by letter).

    >>> [indefinite_article(w) for w in ("union", "apple", "European", "hour", "MP", "NGO", "UN", "car")]
    ['a', 'an', 'a', 'an', 'an', 'an', 'a', 'a']
    """
    if not word:
        return "a"
    if len(word) > 1 and word.isupper() and word.isalpha() and len(word) <= 5:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    if re.match(_A_BEFORE, word):
        return "a"
    if re.match(_AN_BEFORE, word):
        return "an"
    return "an" if word[:1].lower() in "aeiou" else "a"

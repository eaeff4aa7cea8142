"""NLTK's Punkt sentence tokenizer, ported for easyread's fixed parameters (no nltk import).

This is a line-by-line port of ``PunktSentenceTokenizer.span_tokenize`` from NLTK 3.10.4
(``nltk/tokenize/punkt.py``, Apache License 2.0, Copyright (C) 2001-2026 NLTK Project;
algorithm by Kiss & Strunk 2006) for the parameters :mod:`easyread.nlp` gives Punkt: its own
abbreviation list, no collocations, no frequent sentence starters, and an orthographic
context that marks the common sentence starters as "seen capitalised at a sentence start and
in lower case mid-sentence". Nothing is trained.

Why a port: importing NLTK's Punkt costs about 0.1 s of cold start (``nltk.pathsec``,
``nltk.probability``, the ``regex`` engine), and NLTK runs each candidate break through its
ReDoS-guarded ``regex`` patterns, about 0.5 s per megabyte. The port uses the standard
library's ``re`` with the same patterns and remembers each candidate's decision (a pure
function of the few characters around the full stop), so segmentation is several times faster.

The outputs are identical to NLTK's: ``tests/test_punkt.py`` compares the two on every
golden, seed, OneStopEnglish, CLEAR and ASSET text. NLTK compiles its patterns with the
``regex`` engine, whose Unicode tables differ from ``re``'s for a few character classes
(combining marks, superscript digits, circled letters, ``\\x1c``-``\\x1f`` ...); a block
holding such a character is segmented by NLTK itself (:func:`port_applies`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Orthographic context flags (punkt.py: _ORTHO_*).
_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_UC = 1 << 2
_ORTHO_UNK_UC = 1 << 3
_ORTHO_BEG_LC = 1 << 4
_ORTHO_MID_LC = 1 << 5
_ORTHO_UNK_LC = 1 << 6
_ORTHO_UC = _ORTHO_BEG_UC + _ORTHO_MID_UC + _ORTHO_UNK_UC
_ORTHO_LC = _ORTHO_BEG_LC + _ORTHO_MID_LC + _ORTHO_UNK_LC

# PunktLanguageVars, with the character classes written out as NLTK 3.10.4 builds them.
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_WORD_TOKENIZER = re.compile(
    r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )"""
    .replace("%(MultiChar)s", _MULTI_CHAR).replace("%(WordStart)s", _WORD_START)
    .replace("%(NonWord)s", _NON_WORD),  # NLTK's %-format template, filled in
    re.UNICODE | re.VERBOSE,
)
_PERIOD_CONTEXT = re.compile(
    r"""
        [\.\?!]             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""
    .replace("%(NonWord)s", _NON_WORD),
    re.UNICODE | re.VERBOSE,
)
_BOUNDARY_REALIGNMENT = re.compile(
    r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', re.MULTILINE
)
_RE_ELLIPSIS = re.compile(r"\.\.+$")
_RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
_PUNCTUATION = tuple(";:,.!?")
_SENT_END_CHARS = (".", "?", "!")
_WHITESPACE = " \t\n\r\x0b\x0c"  # string.whitespace

# Characters on which the ``re`` and ``regex`` engines disagree for \s, \d or [^\W\d]
# (checked against ``regex`` over all of Unicode by tests/test_punkt.py).
_UNSAFE_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Cf", "Cn", "No", "Pc"})
_UNSAFE_RANGES = ((0x1C, 0x1F), (0x2054, 0x2054), (0x24B6, 0x24E9), (0x1F130, 0x1F189))


_CONTROL = re.compile("[\x1c-\x1f]")
_SAFE_SEEN: set[str] = set()  # non-ASCII characters already found safe


def port_applies(text: str) -> bool:
    """True when every character of ``text`` is one on which the port and NLTK agree."""
    if _CONTROL.search(text):
        return False
    if text.isascii():
        return True
    chars = set(text)
    if chars <= _SAFE_SEEN:
        return True
    for ch in chars - _SAFE_SEEN:
        cp = ord(ch)
        if cp > 0x7F:
            if any(lo <= cp <= hi for lo, hi in _UNSAFE_RANGES) or unicodedata.category(ch) in _UNSAFE_CATEGORIES:
                return False
            _SAFE_SEEN.add(ch)
    return True


class _Token:
    """PunktToken's state as the tokenizer uses it."""

    __slots__ = ("abbr", "ellipsis", "period_final", "sentbreak", "tok", "type")

    def __init__(self, tok: str) -> None:
        self.tok = tok
        self.type = _RE_NUMERIC.sub("##number##", tok.lower())
        self.period_final = tok.endswith(".")
        self.sentbreak = False
        self.abbr = False
        self.ellipsis = False

    @property
    def type_no_period(self) -> str:
        if len(self.type) > 1 and self.type[-1] == ".":
            return self.type[:-1]
        return self.type

    @property
    def type_no_sentperiod(self) -> str:
        return self.type_no_period if self.sentbreak else self.type


class Punkt:
    """``PunktSentenceTokenizer(params).span_tokenize`` for fixed parameters."""

    def __init__(self, abbrev_types: frozenset[str], ortho_context: dict[str, int]) -> None:
        self.abbrev_types = abbrev_types
        self.ortho_context = ortho_context
        self._decisions: dict[str, bool] = {}

    # -- token annotation ------------------------------------------------------------
    def _first_pass(self, aug: _Token) -> None:
        tok = aug.tok
        if tok in _SENT_END_CHARS:
            aug.sentbreak = True
        elif _RE_ELLIPSIS.match(tok):
            aug.ellipsis = True
        elif aug.period_final and not tok.endswith(".."):
            low = tok[:-1].lower()
            if low in self.abbrev_types or low.split("-")[-1] in self.abbrev_types:
                aug.abbr = True
            else:
                aug.sentbreak = True

    def _ortho_heuristic(self, aug: _Token) -> bool | str:
        if aug.tok in _PUNCTUATION:
            return False
        ortho = self.ortho_context.get(aug.type_no_sentperiod, 0)
        if aug.tok[0].isupper() and (ortho & _ORTHO_LC) and not (ortho & _ORTHO_MID_UC):
            return True
        if aug.tok[0].islower() and ((ortho & _ORTHO_UC) or not (ortho & _ORTHO_BEG_LC)):
            return False
        return "unknown"

    def _second_pass(self, aug1: _Token, aug2: _Token) -> None:
        if not aug1.period_final:
            return
        typ = aug1.type_no_period
        next_typ = aug2.type_no_sentperiod
        tok_is_initial = _RE_INITIAL.match(aug1.tok) is not None
        # No collocations and no frequent sentence starters in easyread's parameters.
        if (aug1.abbr or aug1.ellipsis) and not tok_is_initial and self._ortho_heuristic(aug2) is True:
            aug1.sentbreak = True
            return
        if tok_is_initial or typ == "##number##":
            is_sent_starter = self._ortho_heuristic(aug2)
            if is_sent_starter is False:
                aug1.sentbreak = False
                aug1.abbr = True
                return
            if (is_sent_starter == "unknown" and tok_is_initial and aug2.tok[0].isupper()
                    and not (self.ortho_context.get(next_typ, 0) & _ORTHO_LC)):
                aug1.sentbreak = False
                aug1.abbr = True

    def _contains_sentbreak(self, text: str) -> bool:
        """``text_contains_sentbreak``: a break after any token but the last."""
        tokens = [_Token(tok) for line in text.split("\n") if line.strip()
                  for tok in _WORD_TOKENIZER.findall(line)]
        for tok in tokens:
            self._first_pass(tok)
        for i in range(len(tokens) - 1):
            self._second_pass(tokens[i], tokens[i + 1])
            if tokens[i].sentbreak:
                return True
        return False

    def contains_sentbreak(self, context: str) -> bool:
        """``text_contains_sentbreak(context)``, remembered for contexts of up to 200
        characters (a word, the punctuation and the next word: they repeat a lot)."""
        decision = self._decisions.get(context)
        if decision is None:
            decision = self._contains_sentbreak(context)
            if len(context) <= 200:
                if len(self._decisions) >= 200_000:
                    self._decisions.clear()
                self._decisions[context] = decision
        return decision

    # -- spans ------------------------------------------------------------------------
    def _match_potential_end_contexts(self, text: str) -> Iterator[tuple[re.Match[str], str]]:
        previous_slice = slice(0, 0)
        previous_match: re.Match[str] | None = None
        for match in _PERIOD_CONTEXT.finditer(text):
            before_text = text[previous_slice.stop : match.start()]
            index_after_last_space = _last_whitespace_index(before_text)
            if index_after_last_space:
                index_after_last_space += previous_slice.stop + 1
            else:
                index_after_last_space = previous_slice.start
            prev_word_slice = slice(index_after_last_space, match.start())
            if previous_match and previous_slice.stop <= prev_word_slice.start:
                yield (previous_match,
                       text[previous_slice] + previous_match.group() + previous_match.group("after_tok"))
            previous_match = match
            previous_slice = prev_word_slice
        if previous_match:
            yield (previous_match,
                   text[previous_slice] + previous_match.group() + previous_match.group("after_tok"))

    def _slices_from_text(self, text: str) -> Iterator[slice]:
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            if self.contains_sentbreak(context):
                yield slice(last_break, match.end())
                if match.group("next_tok"):
                    last_break = match.start("next_tok")
                else:
                    last_break = match.end()
        yield slice(last_break, len(text.rstrip()))

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans, boundaries realigned (``span_tokenize(text)``)."""
        slices = list(self._slices_from_text(text))
        out: list[tuple[int, int]] = []
        realign = 0
        for i, sentence1 in enumerate(slices):
            sentence1 = slice(sentence1.start + realign, sentence1.stop)
            sentence2 = slices[i + 1] if i + 1 < len(slices) else None
            if sentence2 is None:
                if text[sentence1]:
                    out.append((sentence1.start, sentence1.stop))
                continue
            m = _BOUNDARY_REALIGNMENT.match(text[sentence2])
            if m:
                out.append((sentence1.start, sentence2.start + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if text[sentence1]:
                    out.append((sentence1.start, sentence1.stop))
        return out


def _last_whitespace_index(text: str) -> int:
    """The index of the last ASCII whitespace character of ``text`` (0 if none)."""
    return max(0, *(text.rfind(ch) for ch in _WHITESPACE))

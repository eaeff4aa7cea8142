"""Find acronyms and the expansions a text gives for them (Schwartz–Hearst style).

Schwartz & Hearst (2003) match ``long form (SF)`` and ``SF (long form)`` pairs by walking the
short form's letters right to left through the candidate long form. This module implements
that idea for the two patterns and, as a fallback, looks for the expansion elsewhere in the
text (``child sexual exploitation`` … ``CSE``).

:func:`find_explanations` recognises the other ways the ``gloss`` rewrite stage explains an
acronym, so the score's ``unexplained_acronyms`` agrees with the rewrite: an explanation
sentence (``The NSPCC is a charity …``, ``CSE stands for …``, ``CSE means …``, or the exact
explanation sentence of ``data/acronyms.tsv``), and a known expansion written anywhere in the
text (in brackets before or after the acronym, or written out in a heading).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z0-9](?:s)?\b")
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_NOT_ACRONYMS = frozenset({"I", "A", "OK", "TV", "AM", "PM", "ID"})
_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SMALL = frozenset({"of", "the", "and", "for", "to", "in", "on", "at", "a", "an", "&"})
#: The Zipf frequency at or above which an acronym is well known (``UK``): the default of the
#: gloss stage's ``gloss.acronym.v1`` ``common_zipf``, which lists such an acronym in the
#: glossary only and does not explain it in the text.
COMMON_ACRONYM_ZIPF = 5.0
#: An explanation sentence as the gloss stage writes one: the acronym (after The/A/An) is the
#: subject of a defining verb: ``The NSPCC is a charity …``, ``CSE stands for …``,
#: ``ADHD means …``, ``An ASBO was a court order …``, ``CSE is short for …``.
_EXPLAINS = re.compile(
    r"^[\s“‘\"']*(?:(?:The|A|An)\s+)?(?P<acr>[A-Z][A-Z0-9&]*[A-Z0-9])s?\s+"
    r"(?:(?:is|are|was|were)\s+(?:a|an|the|when|where|how|what|one\s+of|part\s+of|short\s+for|"
    r"another\s+name\s+for)|means|stands\s+for|refers\s+to)\s+\S"
)


@lru_cache(maxsize=100_000)
def is_acronym(token: str) -> bool:
    """True for tokens like ``NSPCC``, ``GPs``, ``A&E``; false for ``I``, Roman numerals.

    >>> [is_acronym(t) for t in ("NSPCC", "GPs", "I", "III", "Hello")]
    [True, True, False, False, False]
    """
    if not ACRONYM.fullmatch(token):
        return False
    core = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
    if len(core) < 2 or core in _NOT_ACRONYMS or _ROMAN.match(core):
        return False
    return sum(ch.isalpha() for ch in core) >= 2


def acronym_core(token: str) -> str:
    return token[:-1] if token.endswith("s") and token[:-1].isupper() and len(token) > 2 else token


def _match_long_form(short: str, words: list[str]) -> str | None:
    """Schwartz–Hearst: the shortest tail of ``words`` whose letters spell ``short``."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not words:
        return None
    max_words = min(len(words), len(letters) + 5, 2 * len(letters))
    for n in range(1, max_words + 1):
        candidate = words[-n:]
        if candidate[0].lower() in _SMALL:
            continue
        text = " ".join(candidate).lower()
        # Walk the short form right to left; the first letter must start a word.
        i = len(text) - 1
        ok = True
        for k in range(len(letters) - 1, -1, -1):
            ch = letters[k]
            while i >= 0 and (text[i] != ch or (k == 0 and i > 0 and text[i - 1].isalnum())):
                i -= 1
            if i < 0:
                ok = False
                break
            i -= 1
        if ok and candidate[0][0].lower() == letters[0]:
            return " ".join(candidate)
    return None


def find_definitions(text: str) -> dict[str, str]:
    """Acronym -> expansion, as the text itself defines them.

    >>> find_definitions("Plans on child sexual exploitation (CSE) were made. CSE is a crime.")
    {'CSE': 'child sexual exploitation'}
    >>> find_definitions("The NSPCC (National Society for the Prevention of Cruelty to Children) said.")
    {'NSPCC': 'National Society for the Prevention of Cruelty to Children'}
    """
    found: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        inside = m.group(1).strip()
        before = text[max(0, m.start() - 200) : m.start()]
        if is_acronym(inside):
            words = _WORD.findall(before[-200:])
            long_form = _match_long_form(acronym_core(inside), words)
            if long_form:
                found.setdefault(acronym_core(inside), long_form)
        else:
            # "NSPCC (…)" and, as the gloss stage writes it, "NSPCC’s (…)"
            prev = re.search(r"([A-Z][A-Z0-9&]*[A-Z0-9]s?)(?:['’]s)?\s*$", before[-40:])
            if prev and is_acronym(prev.group(1)):
                words = _WORD.findall(inside)
                long_form = _match_long_form(acronym_core(prev.group(1)), words)
                if long_form and long_form.split()[0] == words[0]:
                    found.setdefault(acronym_core(prev.group(1)), long_form)
    # Fallback: the expansion appears elsewhere in the text, as a run of words. The words'
    # initials form one string, so each acronym is a substring search (linear, not words x
    # acronyms).
    wanted = {acronym_core(a) for a in ACRONYM.findall(text) if is_acronym(a)} - set(found)
    if wanted:
        spans = [m.span() for m in _WORD.finditer(text)]
        words = [text[a:b] for a, b in spans]
        initials = "".join(w[0].lower() for w in words)
        for acr in sorted(wanted):
            letters = "".join(c.lower() for c in acr if c.isalpha())
            n = len(letters)
            if n < 3 or n != len(acr):
                continue  # two letters are spelled by chance everywhere ("US" by "up stews", "IT" by "information that")
            at = initials.find(letters)
            while at >= 0:
                window = words[at : at + n]
                gaps = [text[spans[k][1] : spans[k + 1][0]] for k in range(at, at + n - 1)]
                if (not any(w.lower() in _SMALL or len(w) < 3 for w in window)
                        and not any(w[0].isupper() for w in window[1:])
                        and all(re.fullmatch(r"[ \t-]+", g) for g in gaps)):
                    # one run of lower-case words inside a sentence ("child sexual exploitation"):
                    # not a capitalised name run (ambiguous), not words that only meet across a
                    # full stop ("£1 billion. Most winners" is no "BMW"), no short words
                    found[acr] = " ".join(window)
                    break
                at = initials.find(letters, at + 1)
    return found


def explanation_subject(sentence: str) -> str | None:
    """The acronym a sentence explains the way the gloss stage does, else ``None``.

    >>> [explanation_subject(s) for s in ("The NSPCC is a charity that keeps children safe.",
    ...  "CSE stands for child sexual exploitation.", "ADHD means it is hard to sit still.",
    ...  "The NSPCC said it was worried.", "GPs are doctors.")]
    ['NSPCC', 'CSE', 'ADHD', None, None]
    """
    m = _EXPLAINS.match(sentence)
    if m and is_acronym(m.group("acr")):
        return acronym_core(m.group("acr"))
    return None


def find_explanations(
    sentences: Iterable[str],
    acronyms: Iterable[str],
    *,
    expansions: Mapping[str, str] | None = None,
    explanations: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Acronym -> how the text explains it, for the acronyms in ``acronyms`` (their cores).

    The forms are those the ``gloss`` stage writes (and the usual ones a writer uses):

    * ``sentence``: a sentence whose subject is the acronym and whose verb defines it
      (:func:`explanation_subject`): ``The NSPCC is a charity …``, ``CSE stands for …``;
    * ``data sentence``: the acronym's own explanation sentence from ``data/acronyms.tsv``
      (``explanations``; some use other verbs: ``The CCRC looks at cases …``);
    * ``expansion``: the acronym's known expansion (``expansions``, from ``acronyms.tsv``)
      written anywhere in the text, so in brackets after it (``NSPCC (National Society …)``),
      before it (``National Society … (NSPCC)``) or in a heading the gloss stage wrote out.

    Expansions in brackets that the text makes up itself are :func:`find_definitions`' job.

    >>> find_explanations(["The NSPCC is a charity.", "It met the BMA and the CCRC.",
    ...                    "The CCRC looks at cases where someone may have been wrongly found guilty."],
    ...                   ["NSPCC", "BMA", "CCRC"],
    ...                   explanations={"CCRC": "The CCRC looks at cases where someone may have "
    ...                                 "been wrongly found guilty."})
    {'NSPCC': 'sentence', 'CCRC': 'data sentence'}
    """
    wanted = set(acronyms)
    texts = [" ".join(s.split()) for s in sentences]
    found: dict[str, str] = {}
    for text in texts:
        subject = explanation_subject(text)
        if subject in wanted:
            found.setdefault(subject, "sentence")
    stripped = set(texts)
    for acr in sorted(wanted - set(found)):
        explanation = (explanations or {}).get(acr)
        if explanation and " ".join(explanation.split()) in stripped:
            found[acr] = "data sentence"
    rest = sorted(a for a in wanted - set(found) if (expansions or {}).get(a))
    if rest:
        whole = " ".join(texts).lower()
        for acr in rest:
            expansion = " ".join(str((expansions or {})[acr]).split()).lower()
            # a plain substring test first: most expansions are not in the text at all
            if expansion in whole and re.search(rf"(?<![\w-]){re.escape(expansion)}(?![\w-])", whole):
                found[acr] = "expansion"
    return found

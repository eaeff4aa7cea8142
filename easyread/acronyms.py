"""Find acronyms and the expansions a text gives for them (Schwartz–Hearst style).

Schwartz & Hearst (2003) match ``long form (SF)`` and ``SF (long form)`` pairs by walking the
short form's letters right to left through the candidate long form. This module implements
that idea for the two patterns and, as a fallback, looks for the expansion elsewhere in the
text (``child sexual exploitation`` … ``CSE``).
"""

from __future__ import annotations

import re
from functools import lru_cache

ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z0-9](?:s)?\b")
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_NOT_ACRONYMS = frozenset({"I", "A", "OK", "TV", "AM", "PM", "ID"})
_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SMALL = frozenset({"of", "the", "and", "for", "to", "in", "on", "at", "a", "an", "&"})


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
            prev = re.search(r"([A-Z][A-Z0-9&]*[A-Z0-9]s?)\s*$", before[-40:])
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
        words = _WORD.findall(text)
        initials = "".join(w[0].lower() for w in words)
        for acr in sorted(wanted):
            letters = "".join(c.lower() for c in acr if c.isalpha())
            n = len(letters)
            if n < 2 or n != len(acr):
                continue
            at = initials.find(letters)
            while at >= 0:
                window = words[at : at + n]
                if not any(w.lower() in _SMALL for w in window) and not all(
                    w[0].isupper() for w in window
                ):  # a capitalised name run is ambiguous; leave it
                    found[acr] = " ".join(window)
                    break
                at = initials.find(letters, at + 1)
    return found

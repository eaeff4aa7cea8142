"""The ``words`` stage: wordy phrases and hard words become plain ones.

Guidance: Inclusion Europe, *Information for all* (2009) #6-7: use easy, everyday words;
GOV.UK (plain English) and the US Federal Plain Language Guidelines: cut unneeded words
("for 14 days", not "for a period of 14 days"). The swaps are data: ``phrases.tsv`` and
``lexicon.tsv``; ``keep.txt`` and the config's ``keep`` list name words never replaced.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from easyread.data import (
    data_path,
    keep_words,
    lexicon_entries,
    lexicon_forms,
    lexicon_plains,
    phrases_table,
    read_lines,
)
from easyread.document import Document, Sentence
from easyread.known import in_wordnet_phrase
from easyread.nlp import indefinite_article
from easyread.pipeline import Context, FunctionStage
from easyread.rewrite.rules import Proposal, RuleContext, RuleSpec, apply_replacements, match_case

#: Penn tag prefix -> the lexicon's part of speech.
_POS = {"VB": "VERB", "NN": "NOUN", "JJ": "ADJ", "RB": "ADV"}
#: Penn tags that lemminflect can inflect to.
_INFLECT = frozenset({"VBD", "VBG", "VBN", "VBZ", "NNS", "JJR", "JJS", "RBR", "RBS"})
#: Endings only adjectives have (``ominous``, ``fruitless``, ``feasible``): the tagger often
#: tags a rare adjective as a singular noun or a base verb (``derelict/NN``), so a word with
#: one of these endings and an ADJ entry is taken as an adjective when it has one of
#: ``_ADJ_MISTAGS`` (no ``-able``/``-ible``/``-ous``/``-ful``/``-less`` entry is a noun).
_ADJ_ENDINGS = ("ous", "ful", "less", "ible", "able")
_ADJ_MISTAGS = frozenset({"NN", "VB", "VBP"})


def lexicon_pos(word: str, tag: str) -> str | None:
    """The lexicon part of speech to look ``word`` up with, given the tagger's ``tag``.

    Usually :func:`upos`; an adjective-only ending mis-tagged ``NN``/``VB``/``VBP`` is read
    as ``ADJ`` when the lexicon has it as an adjective.

    >>> lexicon_pos("ominous", "NN"), lexicon_pos("table", "NN"), lexicon_pos("ominous", "NNP")
    ('ADJ', 'NOUN', None)
    """
    pos = upos(tag)
    lower = word.lower()
    if (pos is not None and tag in _ADJ_MISTAGS and lower.endswith(_ADJ_ENDINGS)
            and (lower, pos) not in lexicon_forms()[1]
            and (lower, "ADJ") in lexicon_forms()[1]):
        return "ADJ"
    return pos


def upos(tag: str) -> str | None:
    """The lexicon's part of speech for a Penn tag (``NNP`` is a name, so ``None``).

    >>> upos("VBD"), upos("NNS"), upos("NNP")
    ('VERB', 'NOUN', None)
    """
    if tag.startswith("NNP"):
        return None
    return _POS.get(tag[:2])


def lemma(word: str, pos: str) -> str:
    """lemminflect's lemma of a word that leads to a lexicon entry, else the word itself.

    Precomputed by ``tools/build_forms.py`` (``lexicon_forms.tsv``), so lemminflect is not
    loaded at run time.

    >>> lemma("commenced", "VERB"), lemma("utilising", "VERB"), lemma("table", "NOUN")
    ('commence', 'utilise', 'table')
    """
    found = lexicon_forms()[1].get((word.lower(), pos))
    return found.lemma if found else word.lower()


def inflect(plain: str, tag: str) -> str:
    """Inflect the first word of a plain lemma to ``tag`` (``find out``/VBD -> ``found out``).

    The forms were made by lemminflect at build time (``lexicon_plains.tsv``), for every
    plain word of the lexicon; other words and tags come back unchanged.

    >>> inflect("start", "VBD"), inflect("use", "VBG"), inflect("home", "NNS")
    ('started', 'using', 'homes')
    """
    found = lexicon_plains().get(plain)
    if tag not in _INFLECT or found is None:
        return plain
    return found.inflected.get(tag, plain)


def _plain_zipf(plain: str) -> float:
    found = lexicon_plains().get(plain)
    return found.zipf if found else 0.0


def _keep(ctx: RuleContext) -> frozenset[str]:
    key = "words.keep"
    found = ctx.cache.get(key)
    if found is None:
        found = keep_words() | frozenset(ctx.config.keep)
        ctx.cache[key] = found
    return frozenset(found)


def rewritten_again(plain: str) -> bool:
    """True when a word of ``plain`` is itself a hard word of the lexicon (in any form and part
    of speech): swapped in, it would be swapped again by a second run (``mandatory`` ->
    ``required`` -> ``needed``), so the rules never write it (issue 14: idempotence).

    >>> rewritten_again("required"), rewritten_again("needed")
    (True, False)
    """
    forms = lexicon_forms()[0]
    return any(word in forms for word in re.findall(r"[a-z]+", plain.lower()))


@cache
def _phrase_re(phrase: str) -> re.Pattern[str]:
    """``phrase`` (lower case) as a whole phrase, in any case."""
    return re.compile(rf"(?<![\w’'-]){re.escape(phrase)}(?![\w’'-])", re.IGNORECASE)


def _phrases_in(phrases: Iterable[str], text: str) -> Iterator[str]:
    """The ``phrases`` (lower case) that ``text`` holds as whole phrases in any case (those
    ``_phrase_re(phrase).search(text)`` finds), in order. An expression is compiled only where
    it can match: an ASCII phrase matches ASCII text, ignoring case, only where it is a
    substring of the lower-cased text. (Compiling the ~650 phrases' expressions and searching
    each text with all of them cost every rewrite ~0.35 s.)"""
    lowered = text.lower() if text.isascii() else None
    for phrase in phrases:
        if lowered is not None and phrase.isascii() and phrase not in lowered:
            continue
        if _phrase_re(phrase).search(text) is not None:
            yield phrase


@lru_cache(maxsize=1)
def _phrase_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    raw = {row["phrase"].lower(): row["plain"] for row in phrases_table()}
    # A plain form holding another phrase is followed to the end ("in the event of" -> "in
    # case of" -> "if"); one that still holds a phrase or a hard word would be changed again
    # by a second run ("final outcome" -> "outcome" -> "result") and is left to the other
    # entries (issue 14: idempotence).
    table: dict[str, str] = {}
    for key, plain in raw.items():
        for _ in range(len(raw)):
            inner = next((o for o in _phrases_in(raw, plain) if o != key), None)
            if inner is None:
                break
            plain = _phrase_re(inner).sub(raw[inner], plain, count=1)
        else:
            continue
        if not rewritten_again(plain) and next(_phrases_in(raw, plain), None) is None:
            table[key] = plain
    alternatives = sorted(table, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w’'-])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w’'-])",
        re.IGNORECASE,
    )
    return pattern, table


def phrase(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """words.phrase.v1: replace a wordy phrase by a short plain one.

    What: phrases from ``phrases.tsv`` (``prior to`` -> ``before``, ``in order to`` -> ``to``),
    keeping a capital at the start. Why: cut unneeded words (GOV.UK: "for 14 days", not "for a
    period of 14 days"; US Federal Plain Language Guidelines: omit excess words).

    >>> from easyread.rewrite.rules import demo
    >>> demo(phrase, "Prior to the vote, they met in order to talk.")
    'Before the vote, they met to talk.'
    """
    if not phrases_table():
        return []
    pattern, table = _phrase_pattern()
    out: list[Proposal] = []
    text = sentence.text
    for m in pattern.finditer(text):
        plain = table[m.group(1).lower()]
        start, end = m.span(1)
        if not plain:
            end = end + 1 if end < len(text) and text[end] == " " else end
        new = match_case(m.group(1), plain) if plain else ""
        if not plain and start == 0 and end < len(text):
            continue  # deleting a sentence opener would leave a lower-case start
        out.append(Proposal((start, end), new, "words.phrase.v1",
                            f"wordy phrase {m.group(1)!r} -> {plain!r}"))
    return out


def _lexicon() -> dict[tuple[str, str], list[str]]:
    """The lexicon as (hard, pos) -> plain alternatives (a seam the tests pin)."""
    return lexicon_entries()


def glossary_term_tokens(sentence: Sentence, ctx: RuleContext) -> set[int]:
    """Indices of tokens inside a multi-word glossary term (``independent evaluation``).

    The gloss stage explains such terms; swapping one of their words first would break the
    term (``independent review`` is no longer in the glossary), so the words stage leaves them.
    """
    from easyread.terms import base_form, build_index

    index = build_index(tuple(ctx.config.glossary_files))
    words = [(i, base_form(t.text)) for i, t in enumerate(sentence.tokens) if t.kind in ("word", "number")]
    covered: set[int] = set()
    for k, (_, first) in enumerate(words):
        for key_words, _row, _source in index.by_first.get(first, ()):
            n = len(key_words)
            if n >= 2 and tuple(w for _, w in words[k : k + n]) == key_words:
                covered.update(j for j, _ in words[k : k + n])
                break
    return covered


@dataclass(frozen=True)
class SlotLimits:
    """``lexicon_context.toml``: where a lexicon swap, right in general, is wrong in its slot."""

    clause_start: frozenset[str]
    clause_start_phrases: tuple[str, ...]
    no_passive: frozenset[str]
    no_plural: frozenset[str]
    keep_phrases: tuple[str, ...]
    plural_only: frozenset[str]
    no_article: frozenset[str]
    not_before_adjective: frozenset[str]
    suggest_only: frozenset[str]
    suggest_only_pairs: frozenset[tuple[str, str]]
    adjective_after: frozenset[str]


@lru_cache(maxsize=1)
def slot_limits() -> SlotLimits:
    """The context limits of ``words.lexicon.v1`` (``data/lexicon_context.toml``).

    >>> "therefore" in slot_limits().clause_start, "get" in slot_limits().no_passive
    (True, True)
    >>> "acute" in slot_limits().suggest_only, ("fundamental", "main") in slot_limits().suggest_only_pairs
    (True, True)
    """
    with data_path("lexicon_context.toml").open("rb") as fh:
        raw = tomllib.load(fh)

    def words(section: str, key: str) -> list[str]:
        return [str(w).lower() for w in raw.get(section, {}).get(key, [])]

    return SlotLimits(
        frozenset(words("clause_start", "words")), tuple(words("clause_start", "phrases")),
        frozenset(words("no_passive", "plains")), frozenset(words("no_plural", "plains")),
        tuple(words("keep_phrases", "phrases")), frozenset(words("plural_only", "words")),
        frozenset(words("no_article", "plains")), frozenset(words("not_before_adjective", "words")),
        frozenset(words("suggest_only", "words")),
        frozenset((h, p) for h, _, p in (x.partition(":") for x in words("suggest_only", "pairs"))),
        frozenset(words("adjective_after", "words")),
    )


#: Tokens after which a clause starts (besides the sentence start).
_CLAUSE_OPENERS = frozenset({",", ";", ":", "(", "—", "–", "-", "--", "and", "but", "or", "yet"})
#: Reflexive pronouns: a verb before one has its own sense ("exert himself", "apply herself").
_REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "ourselves",
                         "yourselves", "themselves", "oneself"})
#: Forms of ``be`` (and ``get``) that make a passive with a past participle.
_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s",
                          "get", "gets", "got", "getting"})
#: Prepositions that take an object: a phrasal plain ending in one (``come from``) cannot be
#: followed by another (``originate in`` must not become ``come from in``). Adverb particles
#: (``go on``, ``give up``) can: ``proceeded to`` -> ``went on to``.
_OBJECT_PREPOSITIONS = frozenset({"about", "at", "by", "for", "from", "in", "into", "of", "to",
                                  "with", "within"})
_PREPOSITIONS = _OBJECT_PREPOSITIONS | frozenset({"on", "off", "onto", "out", "over", "through", "up"})


def _in_phrase(texts: list[str], index: int, phrases: tuple[str, ...]) -> bool:
    """True when token ``index`` is one word of one of ``phrases`` (lower case, by tokens)."""
    lowered = [t.lower() for t in texts]
    for phrase_text in phrases:
        words = phrase_text.split()
        for k, word in enumerate(words):
            start = index - k
            if word == lowered[index] and start >= 0 and lowered[start:start + len(words)] == words:
                return True
    return False


#: Words after which a word tagged as a verb is a noun (``gave their consent``); not ``that``,
#: ``this`` or ``her``, which are also pronouns (``a law that prohibits``, ``saw her leave``).
_DETERMINERS = frozenset({"a", "an", "the", "his", "its", "their", "our", "your", "my", "every",
                          "each"})


#: Words that are determiners or relative pronouns: a lexicon verb that is also a noun
#: (``data/verb_nouns.txt``) after one, with no object after it, is the noun (``renders that
#: consent unnecessary``; ``people that consent to it`` keeps the verb reading).
_DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})
#: Tags that start an object or complement after a verb.
_OBJECT_TAGS = frozenset({"DT", "PDT", "PRP", "PRP$", "TO", "IN", "RP", "CD", "WP", "WDT", "NN",
                          "NNS", "NNP", "NNPS"})


@lru_cache(maxsize=1)
def verb_nouns() -> frozenset[str]:
    """The lexicon's verbs that WordNet also has as nouns (``data/verb_nouns.txt``).

    >>> "consent" in verb_nouns()
    True
    """
    return frozenset(read_lines("verb_nouns.txt"))


def slot_allows(texts: list[str], tags: list[str], index: int, hard: str) -> bool:
    """False when the hard word at ``index`` must stay whatever the plain word: a linking adverb
    inside a clause (``is therefore important``), a word of a fixed phrase
    (``sexually transmitted``, ``remains to be seen``), a participle after ``very``/``highly`` …
    (an adjective: ``very compelling`` is not ``very forcing``), a "verb" right after a determiner
    (a tagger's error: ``their consent``; ``renders that consent unnecessary``: a verb that is
    also a noun after ``that``/``this`` with no object after it),
    one word of a WordNet multiword expression (``data/wordnet_mwe.tsv``: ``trial court``), a
    plural-only entry in the singular, an adverb that
    means something else before an adjective (``typically Andalusian``). See
    ``data/lexicon_context.toml``.

    >>> slot_allows("It is therefore important .".split(), [], 2, "therefore")
    False
    >>> slot_allows("Therefore , we left .".split(), [], 0, "therefore")
    True
    >>> slot_allows("It spreads sexually transmitted infections .".split(), [], 3, "transmit")
    False
    >>> slot_allows("It renders that consent unnecessary .".split(), ["PRP", "NNS", "WDT", "VBP", "JJ", "."], 3, "consent")
    False
    >>> slot_allows("people that consent to it".split(), ["NNS", "WDT", "VBP", "TO", "PRP"], 2, "consent")
    True
    >>> slot_allows("the rules that govern it".split(), ["DT", "NNS", "WDT", "VBP", "PRP"], 3, "govern")
    True
    """
    limits = slot_limits()
    if _in_phrase(texts, index, limits.keep_phrases):
        return False
    tag = tags[index] if index < len(tags) else ""
    prev_word = texts[index - 1].lower() if index > 0 else ""
    nxt_tag = tags[index + 1] if index + 1 < len(tags) else ""
    if tag in ("VB", "VBP", "VBZ", "VBD") and prev_word in _DETERMINERS:
        return False
    if tag in ("VBG", "VBN") and prev_word in limits.adjective_after:
        return False  # "very compelling", "highly anticipated": an adjective, not the verb's sense
    if tag == "JJ" and prev_word in ("more", "most"):
        return False  # "more robust" -> "more strong": the plain word would need its own comparative
    if (tag in ("VB", "VBP") and prev_word in _DEMONSTRATIVES and hard in verb_nouns()
            and nxt_tag not in _OBJECT_TAGS):
        return False  # "renders that consent unnecessary": a noun after a determiner "that"
    if in_wordnet_phrase(texts, index, (hard,)) and not _in_phrase(
            texts, index, limits.clause_start_phrases):
        return False  # one word of a WordNet multiword expression ("trial court"), unless the
        # data swaps the phrase itself ("thus far" -> "so far")
    if hard in limits.plural_only and tag != "NNS":
        return False
    if hard in limits.not_before_adjective and nxt_tag.startswith("JJ"):
        return False
    if hard in limits.clause_start and not _in_phrase(texts, index, limits.clause_start_phrases):
        prev = texts[index - 1].lower() if index > 0 else ""
        if index > 0 and prev not in _CLAUSE_OPENERS:
            return False
        if prev == "," and index + 1 < len(texts) and texts[index + 1] == ",":
            return False  # "It's surprising, therefore, that …": an aside between commas, not a clause start
    return True


def plain_fits_slot(plain: str, texts: list[str], tags: list[str], index: int, tag: str) -> bool:
    """False when ``plain`` cannot stand in this slot although the hard word can: a verb that
    makes no passive in a passive (``was acquired by`` -> ``was got by``), a noun whose plural
    means something else (``remainders`` -> ``rests``), a phrasal verb ending in a preposition
    before another preposition (``originate in`` -> ``come from in``).

    >>> plain_fits_slot("get", "It was acquired by a bank .".split(), [], 2, "VBN")
    False
    >>> plain_fits_slot("buy", "It was acquired by a bank .".split(), [], 2, "VBN")
    True
    >>> plain_fits_slot("come from", "Storms originate in Africa .".split(), [], 1, "VBP")
    False
    """
    if plain.split()[0].lower() in ("more", "less", "fewer") and index > 0 and (
            texts[index - 1].endswith("%") or texts[index - 1].lower() in ("percent", "cent")):
        return False  # "24% additional" -> not "24% more": numbers.percent.v2 would read a change on the next run
    near = {t.lower() for t in texts[max(index - 4, 0) : index] + texts[index + 1 : index + 5]}
    if plain.split()[0].lower() in near or plain.lower() + "s" in near:
        return False  # "broader objectives and goals" -> "broader goals and goals"
    limits = slot_limits()
    nxt = texts[index + 1].lower() if index + 1 < len(texts) else ""
    if tag == "VBN" and plain in limits.no_passive:
        before = {t.lower() for t in texts[max(0, index - 3):index]}
        if nxt == "by" or before & _PASSIVE_AUX:
            return False
    if tag == "NNS" and plain in limits.no_plural:
        return False
    prev = texts[index - 1].lower() if index > 0 else ""
    if prev in ("a", "an") and plain in limits.no_article:
        return False
    return not (" " in plain and plain.split()[-1] in _OBJECT_PREPOSITIONS and nxt in _PREPOSITIONS)


#: Words that make a past participle part of a verb group (perfect or passive).
_PARTICIPLE_AUX = _PASSIVE_AUX | frozenset({"have", "has", "had", "having", "'ve", "’ve", "'d", "’d"})


def finite_past(texts: list[str], tags: list[str], index: int, tag: str) -> str:
    """``VBD`` for a word the tagger calls ``VBN`` that has no auxiliary before it and follows
    the noun phrase the sentence opens with (``The unrest escalated`` -> ``grew``, not
    ``grown``); else ``tag`` (``the paradise depicted in the novel`` stays a participle).

    >>> finite_past("The unrest escalated at night .".split(), ["DT", "NN", "VBN", "IN", "NN", "."], 2, "VBN")
    'VBD'
    >>> finite_past("It has escalated .".split(), ["PRP", "VBZ", "VBN", "."], 2, "VBN")
    'VBN'
    >>> finite_past("files generated by it".split(), ["NNS", "VBN", "IN", "PRP"], 1, "VBN")
    'VBN'
    >>> finite_past("I read of a place depicted in it".split(),
    ...             ["PRP", "VBD", "IN", "DT", "NN", "VBN", "IN", "PRP"], 5, "VBN")
    'VBN'
    """
    if tag != "VBN" or index == 0:
        return tag
    nxt = texts[index + 1].lower() if index + 1 < len(texts) else ""
    before = [t.lower() for t in texts[max(0, index - 4):index]]
    prev_tag = tags[index - 1] if index - 1 < len(tags) else ""
    if nxt == "by" or any(w in _PARTICIPLE_AUX for w in before) or "," in before:
        return tag
    subject = tags[:index]
    if (prev_tag.startswith(("NN", "PRP", "JJ")) and prev_tag != "PRP$"
            and all(t.startswith(("DT", "JJ", "NN", "PRP", "POS", "CD")) for t in subject)):
        return "VBD"  # the sentence opens with its subject: "The unrest escalated", a finite verb
    return tag


#: The uninflected tag of each lexicon part of speech.
_BASE_TAG = {"NOUN": "NN", "VERB": "VB", "ADJ": "JJ", "ADV": "RB"}


def _sense_checked(
    sentence: Sentence, index: int, hard: str, pos: str, plains: list[str]
) -> tuple[str | None, float]:
    """The first plain word whose sense the sentence supports (``easyread.suggest``), with its support.

    A polysemous hard word is swapped only when WordNet links the plain word to senses that
    hold at least :data:`easyread.suggest.SENSE_THRESHOLD` of the word's sense probability in
    this sentence (SemCor frequency and overlap with the senses' glosses); otherwise it is left.
    """
    if not plains:
        return None, 0.0
    from easyread.suggest import lexicon_sense_fits

    texts = [t.text for t in sentence.tokens]
    for plain in plains:
        fits, support = lexicon_sense_fits(hard, pos, plain, texts, index)
        if fits:
            return plain, support
    return None, 0.0


def lexicon(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """words.lexicon.v1: replace a hard word by a more common plain word of the same kind.

    What: a word in ``lexicon.tsv`` is swapped when the tagger's part of speech matches the
    entry, the plain word is more frequent (wordfreq Zipf), and the plain word is inflected to
    the original's form (``commenced`` -> ``started``, ``utilising`` -> ``using``), and the
    sentence supports the sense the plain word expresses (``easyread.suggest``: a word with
    several WordNet senses is swapped only when the plain word's senses hold at least half of
    the sense probability in context), and the slot allows it (``lexicon_context.toml``:
    :func:`slot_allows`, :func:`plain_fits_slot`; a participle with no auxiliary after the
    sentence's opening subject is inflected as a past tense, :func:`finite_past`). Names
    (NNP, or capitalised mid-sentence), words in ``keep.txt`` or ``config.keep``, words of a
    multi-word glossary term and quotations are never changed. A plain word that is itself a
    hard word of the lexicon (``required``) is never written (:func:`rewritten_again`): a
    second run would change it again. Why: Inclusion Europe (2009) #6-7: use easy, everyday words.

    >>> from easyread.rewrite.rules import demo
    >>> demo(lexicon, "Work commenced in May.")
    'Work started in May.'
    """
    table = _lexicon()
    if not table:
        return []
    keep = _keep(ctx)
    tokens = sentence.tokens
    # Every inflected form of every hard word: a cheap filter before tagging a sentence.
    forms, lemmas = lexicon_forms()
    if not any(t.text.lower() in forms for t in tokens if t.kind == "word"):
        return []
    tags = ctx.tags(sentence)
    out: list[Proposal] = []
    first_word = next((i for i, t in enumerate(tokens) if t.kind == "word"), -1)
    in_terms = glossary_term_tokens(sentence, ctx)
    texts = [t.text for t in tokens]
    for i, (tok, tag) in enumerate(zip(tokens, tags, strict=True)):
        if tok.kind != "word" or not tok.text.isalpha() or i in in_terms:
            continue
        if i > 0 and texts[i - 1] in ("-", "\u2010", "\u2011") and (i < 2 or tokens[i - 2].end == tokens[i - 1].start):
            continue  # the second part of a compound broken at a line end ("self- sufficient")
        pos = lexicon_pos(tok.text, tag)
        if pos is None:
            continue
        if pos == "ADJ" and upos(tag) != "ADJ":
            tag = "JJ"  # a mis-tagged adjective: no inflection
        lower = tok.text.lower()
        if lower in keep or (i != first_word and tok.text[:1].isupper()):
            continue
        found = lemmas.get((lower, pos))
        plains = table.get((found.hard, pos)) if found else None
        if found is None or not plains or found.lemma in keep:
            continue
        limits = slot_limits()
        if found.hard in limits.suggest_only:
            continue  # offered by `easyread suggest` only
        plains = [p for p in plains if (found.hard, p) not in limits.suggest_only_pairs]
        if not plains:
            continue
        if lower == found.lemma and tag in _INFLECT:
            tag = _BASE_TAG[pos]  # the form is the lemma: a tagger's NNS on "abdomen" is wrong
        if not slot_allows(texts, tags, i, found.hard):
            continue
        tag = finite_past(texts, tags, i, tag)
        nxt_tag = tags[i + 1] if i + 1 < len(tags) else ""
        if pos == "VERB" and i + 1 < len(texts) and texts[i + 1].lower() in _REFLEXIVES:
            continue  # "exerting himself", "applied herself": a reflexive verb has its own sense
        if pos == "ADV" and " " in plains[0] and nxt_tag in ("JJ", "JJS", "VBN"):
            continue  # "a similarly heavy response" is not "an in the same way heavy response"
        plain, support = _sense_checked(sentence, i, found.hard, pos,
                                        [p for p in plains if _plain_zipf(p) > found.lemma_zipf
                                         and not rewritten_again(inflect(p, tag)) and not rewritten_again(p)
                                         and plain_fits_slot(p, texts, tags, i, tag)])
        if plain is None:
            continue
        new = match_case(tok.text, inflect(plain, tag))
        nxt = tags[i + 1] if i + 1 < len(tags) else ""
        if pos == "VERB" and " " in plain and tag in ("VBG", "VBN") and nxt.startswith("NN"):
            continue  # a participle before its noun: "participating firms" must not become "taking part firms"
        span = (tok.start, tok.end)
        prev = tokens[i - 1] if i > 0 else None
        if (prev is not None and prev.text.lower() in ("a", "an")
                and new.lower().split()[0] in ("a", "an")):
            continue  # "a considerably larger" must not become "a a lot larger"
        if prev is not None and prev.text.lower() in ("a", "an") and prev.end + 1 == tok.start:
            article = indefinite_article(new.split()[0] if new.split() else new)
            if article != prev.text.lower():
                span = (prev.start, tok.end)
                new = f"{match_case(prev.text, article)} {new}"
        out.append(Proposal(span, new, "words.lexicon.v1",
                            f"{tok.text!r} is a hard word; {plain!r} is more common "
                            f"(sense support {support:.2f})"))
    return out


RULES: tuple[RuleSpec, ...] = (
    RuleSpec("words.phrase.v1", phrase),
    RuleSpec("words.lexicon.v1", lexicon),
)


def run(doc: Document, ctx: Context) -> Document:
    """The ``words`` stage: wordy phrases first, then single hard words."""
    return apply_replacements(doc, ctx, RULES, "words")


STAGE = FunctionStage("words", ("tokens",), ("edits",), run)

"""Term detection: the hard words, acronyms and organisations an article uses, and where.

Shared by the ``gloss`` rewrite stage and the ``easyread terms`` command. Nothing here edits
the document; :func:`detect_terms` reads it and returns one :class:`Term` per distinct term,
in order of first use, with every sentence that uses it.

Four sources, tried in this order for each term:

* **text** — the article explains the term itself: an acronym it defines anywhere
  (``child sexual exploitation`` … ``CSE``, found by :func:`easyread.acronyms.find_definitions`)
  or an organisation it describes (``child sexual abuse charity the Lucy Faithfull Foundation``,
  ``X, a charity, …``, ``the charity X``). The explanation is built from the article's own
  words only (``X is a <descriptor>.``);
* **user** — ``--glossary FILE.toml`` or ``glossary = [...]`` in the config (same format as the
  built-in files); user entries override built-in ones key by key;
* **builtin** — ``easyread/data/glossary/*.toml`` and ``easyread/data/acronyms.tsv``;
* **missing** — an acronym nobody explains, or a rare word (low wordfreq Zipf, not a name):
  listed for a human to explain; easyread never invents an explanation.

Glossary terms match case-insensitively on whole words and across inflections
(``helplines`` → ``helpline``), longest match first and never inside a longer matched term.
Terms named in the config's ``keep`` list are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from easyread.acronyms import acronym_core, find_definitions, is_acronym
from easyread.config import Config
from easyread.data import (
    AcronymRow,
    acronym_rows,
    easy_words,
    file_version,
    glossary_forms,
    glossary_rows,
    read_glossary_file,
    zipf,
)
from easyread.data.rows import GlossaryRow
from easyread.document import Document, Sentence, Token
from easyread.known import (
    everyday,
    in_wordnet_phrase,
    never_explain,
    phrase_changes_sense,
    several_senses,
)
from easyread.region import resolve_region

#: Block kinds searched for terms (the credit line is not).
TERM_KINDS: frozenset[str] = frozenset(
    {"title", "standfirst", "heading", "paragraph", "quote", "list_item"}
)
#: A word below this wordfreq Zipf value (and not on the easy-word list) is "rare".
RARE_ZIPF = 3.0
#: Organisation nouns recognised in descriptions such as ``the charity X``.
ORG_NOUNS: tuple[str, ...] = (
    "campaign group", "pressure group", "think tank", "charity", "organisation", "organization",
    "group", "watchdog", "regulator", "agency", "company", "firm", "trust", "union",
    "foundation", "association", "society", "institute", "network",
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
# A name word starts a word (never in the middle of one: searching from every capital letter
# of a 200,000-letter word would be quadratic), and a name does not run on across a line
# break (the sentences of a document are searched joined by line breaks).
_NAME_WORD = r"(?<![\w’'&-])[A-Z][\w’'&-]*"
_SPACE = r"[^\S\n]+"
_NAME = rf"{_NAME_WORD}(?:{_SPACE}(?:of|for|the|and|on){_SPACE}{_NAME_WORD}|{_SPACE}{_NAME_WORD})*"
# A description never runs across a line break either: sentences are joined by "\n", and a
# name or description must not run from a headline into the dateline ("…leave organization" +
# "Saturday …").
_DESC = rf"(?:[a-z][\w’'-]*{_SPACE}){{0,4}}?"
_ORG = "(?:" + "|".join(re.escape(n) for n in ORG_NOUNS) + ")"
# "child sexual abuse charity the Lucy Faithfull Foundation", "the charity Barnardo's"
_ORG_THEN_NAME = re.compile(rf"(?<![\w’'])(?P<org>{_ORG}){_SPACE}(?P<the2>the{_SPACE})?(?P<name>{_NAME})")
# "Barnardo's, a children's charity, said" / "Ofsted, the schools watchdog, said"
_APPOSITIVE = re.compile(rf"(?P<name>{_NAME}),{_SPACE}(?P<det>an?|the){_SPACE}(?P<desc>{_DESC})(?P<org>{_ORG})(?P<rest>{_SPACE}(?:that|which|who){_SPACE}[^,.;:“”\"\n]{{3,80}})?(?=[,.;:])")
#: Words that end a descriptor read backwards from the organisation noun.
_DESC_STOP = frozenset({
    "the", "a", "an", "by", "to", "of", "for", "from", "with", "and", "or", "in", "on", "at",
    "as", "run", "led", "its", "their", "his", "her", "our", "is", "was", "are", "were", "said",
    "says", "that", "which", "who", "this", "these", "those", "another", "other", "new", "such",
})
_SENTENCE_START_WORDS = frozenset({"The", "A", "An", "This", "That", "It", "But", "And", "In", "On"})


@dataclass
class Term:
    """One distinct term of a document and everything known about it.

    ``sentence_ids`` lists every sentence that uses the term, in order; the first is
    ``first_sentence_id``. ``spans`` gives (sentence id, start, end) for every use.
    """

    term: str
    kind: str  # term, acronym, organisation, rare
    first_sentence_id: str | None
    explanation: str | None
    source: str  # builtin, user, text, missing
    expansion: str | None = None
    key: str = ""
    sentence_ids: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    data: str | None = None
    zipf: float = 0.0  # of the rarest word of the term, for ranking

    @property
    def source_label(self) -> str:
        """Human label of the source: built-in, user, learned from text, missing."""
        return {"builtin": "built-in", "text": "learned from text"}.get(self.source, self.source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "kind": self.kind,
            "first_sentence_id": self.first_sentence_id,
            "explanation": self.explanation,
            "source": self.source,
            "expansion": self.expansion,
            "uses": len(self.spans),
            "sentence_ids": list(dict.fromkeys(self.sentence_ids)),
            "data": self.data,
        }


# ----------------------------------------------------------------------- word forms
@lru_cache(maxsize=65536)
def base_form(word: str) -> str:
    """A word's dictionary form for matching: lower case, no possessive, singular noun.

    >>> [base_form(w) for w in ("Helplines", "paedophiles", "NSPCC’s", "charities", "offences")]
    ['helpline', 'paedophile', 'nspcc', 'charity', 'offence']
    """
    w = _POSSESSIVE.sub("", word.lower()) if len(word) > 3 else word.lower()
    w = w.replace("’", "'")
    if not w.isalpha():
        return w
    # lemminflect's noun lemma, else its verb lemma (not for -ing), else the word itself when
    # lemminflect knows it: precomputed by tools/build_forms.py for every word where that
    # differs from the suffix rules below.
    found = glossary_forms().get(w)
    if found is not None:
        return found[0]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _key_words(key: str) -> tuple[str, ...]:
    from easyread.nlp import tokenize

    return tuple(base_form(t.text) for t in tokenize(key) if t.kind in ("word", "number"))


# ---------------------------------------------------------------------- glossaries
@dataclass(frozen=True)
class GlossaryIndex:
    """Glossary keys (terms and aliases) by their base-form words, longest first."""

    by_first: dict[str, list[tuple[tuple[str, ...], GlossaryRow, str]]]
    by_key: dict[str, tuple[GlossaryRow, str]]  # lower-case key -> (row, source)


def build_index(user_files: Sequence[str] = ()) -> GlossaryIndex:
    """Index the built-in glossary plus user files (later files win, key by key).

    >>> index = build_index()
    >>> index.by_key["dark web"][0].term, index.by_key["dark web"][1]
    ('dark web', 'builtin')
    """
    return _build_index(tuple(user_files))


@lru_cache(maxsize=8)
def _build_index(user_files: tuple[str, ...]) -> GlossaryIndex:
    by_key: dict[str, tuple[GlossaryRow, str]] = {}
    for row in glossary_rows():
        for key in (row.term, *row.aliases):
            by_key.setdefault(key, (row, "builtin"))
    for path in user_files:
        for row in read_glossary_file(path):
            for key in (row.term, *row.aliases):
                by_key[key] = (row, "user")
    by_first: dict[str, list[tuple[tuple[str, ...], GlossaryRow, str]]] = {}
    for key, (row, source) in by_key.items():
        words = _key_words(key)
        if words:
            by_first.setdefault(words[0], []).append((words, row, source))
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e[0]))
    return GlossaryIndex(by_first, by_key)


# ---------------------------------------------------------------------- organisations
def _article(name: str, had_the: bool) -> str:
    return f"The {name}" if had_the else name


def _descriptor_sentence(name: str, had_the: bool, det: str, desc: str, org: str, rest: str,
                         harms: frozenset[str]) -> str:
    """``X is a <descriptor>.`` from the article's own words.

    A charity described by a harm it works against (a crime-glossary term such as
    ``child sexual abuse``) reads ``X is a charity that works to prevent <harm>.``
    """
    desc = desc.strip()
    subject = _article(name, had_the)
    if desc and not rest and org == "charity" and desc.lower() in harms:
        return f"{subject} is a charity that works to prevent {desc}."
    phrase = " ".join(p for p in (desc, org) if p)
    if det.lower() == "the":
        article = "the"
    else:
        from easyread.nlp import indefinite_article

        article = indefinite_article(phrase.split()[0] if phrase.split() else phrase)
    return f"{subject} is {article} {phrase}{rest.rstrip()}."


def _noun_phrase_tail(words: list[str], org: str) -> list[str]:
    """The words of ``words`` that belong to the noun phrase ending in ``org``: the longest tail
    the tagger reads as nouns, adjectives or "-ing" modifiers (one word needs no tagger).

    >>> _noun_phrase_tail(["of", "mystery", "shopping"], "company")
    ['mystery', 'shopping']
    >>> _noun_phrase_tail(["funds", "children's"], "charity")
    ["children's"]
    """
    if len(words) <= 1:
        return words
    from easyread import tagger

    tags = tagger.tag([*words, org])[:-1]
    n = 1
    while n < len(words) and (tags[-n - 1][:2] in ("NN", "JJ") or tags[-n - 1] == "VBG") \
            and tags[-n - 1] not in ("NNP", "NNPS"):
        n += 1
    return words[-n:]


def find_organisations(text: str, harms: frozenset[str] = frozenset()) -> dict[str, str]:
    """Organisation name -> explanation, learned from descriptions in the text itself.

    >>> find_organisations("It funds child sexual abuse charity the Lucy Faithfull Foundation.",
    ...                    frozenset({"child sexual abuse"}))
    {'Lucy Faithfull Foundation': 'The Lucy Faithfull Foundation is a charity that works to prevent child sexual abuse.'}
    >>> find_organisations("Barnardo's, a children's charity, said so.")
    {"Barnardo's": "Barnardo's is a children's charity."}
    """
    found: dict[str, str] = {}
    for m in _ORG_THEN_NAME.finditer(text):
        name = _name(m.group("name"))
        if name in _SENTENCE_START_WORDS:
            continue
        window = text[max(0, m.start() - 80) : m.start()].rsplit("\n", 1)[-1]  # this sentence only
        before = re.findall(r"[\w’'-]+", window)
        desc_words: list[str] = []
        for word in reversed(before):
            if not word[:1].islower() or word in _DESC_STOP or len(desc_words) == 4:
                break
            desc_words.insert(0, word)
        the_before = bool(before) and not desc_words and before[-1].lower() == "the"
        if not desc_words and not the_before:
            continue
        if m.group("org") == "foundation" and not desc_words:
            continue
        # Keep the longest tail that is a glossary term ("child sexual abuse"), else the noun
        # phrase before the organisation word ("mystery shopping company", not "shopping
        # company"), so verbs before it ("funds") stay out.
        keys = _glossary_keys()
        for n in range(len(desc_words), 0, -1):
            if " ".join(desc_words[-n:]).lower() in keys:
                desc_words = desc_words[-n:]
                break
        else:
            desc_words = _noun_phrase_tail(desc_words, m.group("org"))
        found.setdefault(
            name,
            _descriptor_sentence(name, bool(m.group("the2")), "a", " ".join(desc_words),
                                 m.group("org"), "", harms),
        )
    after_the: dict[str, list[int]] | None = None
    for m in _APPOSITIVE.finditer(text):
        name = _name(m.group("name"))
        if name in _SENTENCE_START_WORDS or len(name) < 2 or name in found:
            continue
        if after_the is None:
            after_the = _after_the(text)
        had_the = _follows_the(text, name, after_the)
        found.setdefault(
            name,
            _descriptor_sentence(name, had_the, m.group("det"), m.group("desc"), m.group("org"),
                                 m.group("rest") or "", harms),
        )
    return found


_THE = re.compile(r"\bthe\s+")
_WORD_RUN = re.compile(r"\w+")


def _after_the(text: str) -> dict[str, list[int]]:
    """Where the text goes on after each ``the ``, by the word that starts there (one pass)."""
    found: dict[str, list[int]] = {}
    for m in _THE.finditer(text):
        run = _WORD_RUN.match(text, m.end())
        if run:
            found.setdefault(run.group(), []).append(m.end())
    return found


def _follows_the(text: str, name: str, after_the: dict[str, list[int]]) -> bool:
    """``re.search(rf"\\bthe\\s+{re.escape(name)}\\b", text)``, looking only where ``the``
    is followed by the name's first word (so each name costs its own uses, not the text).

    >>> text = "It met the Lucy Faithfull Foundation. Then Lucy left."
    >>> at = _after_the(text)
    >>> _follows_the(text, "Lucy Faithfull Foundation", at), _follows_the(text, "Then", at)
    (True, False)
    """
    first = _WORD_RUN.match(name)
    if first is None:
        return bool(re.search(rf"\bthe\s+{re.escape(name)}\b", text))
    pattern = re.compile(rf"{re.escape(name)}\b")
    return any(pattern.match(text, at) for at in after_the.get(first.group(), ()))


def _name(name: str) -> str:
    """An organisation name without a possessive when what is left is an acronym."""
    bare = _POSSESSIVE.sub("", name)
    return bare if bare != name and is_acronym(bare) else name


@lru_cache(maxsize=1)
def _glossary_keys() -> frozenset[str]:
    return frozenset(k for r in glossary_rows() for k in (r.term, *r.aliases))


@lru_cache(maxsize=1)
def _harms() -> frozenset[str]:
    """Crime-glossary terms: the harms a charity may be described as working against."""
    return frozenset(k for r in glossary_rows() if r.domain == "crime" for k in (r.term, *r.aliases))


# ------------------------------------------------------------------------ detection
def _sentences(doc: Document) -> Iterator[tuple[str, Sentence]]:
    """The sentences searched for terms: body text within the length limit (a "sentence" of
    thousands of words or characters is not searched, :meth:`Sentence.too_long`)."""
    for block in doc.blocks:
        if block.kind in TERM_KINDS:
            for sentence in block.sentences:
                if sentence.kind == "text" and not sentence.too_long():
                    yield block.kind, sentence


def _strip_possessive(token: Token) -> tuple[str, int]:
    """The token text without a trailing possessive, and its end offset."""
    m = _POSSESSIVE.search(token.text)
    if m and token.text[: m.start()].isupper():
        return token.text[: m.start()], token.end - (len(token.text) - m.start())
    return token.text, token.end


def _glossary_version() -> str:
    return f"glossary@{file_version('glossary')}"


def detect_terms(doc: Document, config: Config | None = None, *, extra_glossaries: Iterable[str] = ()) -> list[Term]:
    """Every distinct term of ``doc``, in order of first use.

    ``config`` supplies user glossary files (``glossary_files``) and the ``keep`` list.

    >>> from easyread.pipeline import document_from_text
    >>> doc = document_from_text("Sites on the dark web were shut. The NHS said the dark web grows.")
    >>> [(t.term, t.kind, t.source, t.first_sentence_id) for t in detect_terms(doc)][:1]
    [('dark web', 'term', 'builtin', 'b1.s1')]
    """
    files = tuple(config.glossary_files if config else ()) + tuple(extra_glossaries)
    index = build_index(files)
    keep = {k.lower() for k in (config.keep if config else ())}
    already = {g.term.lower() for g in doc.glossary}
    sentences = list(_sentences(doc))
    text = "\n".join(s.text for _, s in sentences)
    definitions = find_definitions(text)
    # easyread.region (issue 10), on the article as read: a split that repeats "British officials"
    # must not make a Japanese story British
    source = "\n".join(b.text for b in doc.blocks if b.text) or text
    region = resolve_region(config.raw if config else None, source)
    organisations = find_organisations(text, _harms())
    acronyms = acronym_rows()
    terms: dict[str, Term] = {}
    order: list[str] = []
    builtin_version: str | None = None
    # Sense cues are looked for near each use (the sentence, the one before and the one after),
    # not in the whole article: "jury" of an awards panel in an article that mentions a court
    # elsewhere is still the wrong sense.
    positions = {s.id: k for k, (_kind, s) in enumerate(sentences)}
    window_cache: dict[tuple[int, tuple[int, ...]], set[str]] = {}

    def window_words(sentence_id: str, offsets: tuple[int, ...] = (-1, 0, 1)) -> set[str]:
        """Base forms of the words of this sentence and (by default) its neighbours in the
        same block."""
        k = positions[sentence_id]
        found = window_cache.get((k, offsets))
        if found is None:
            found = set()
            block = sentence_id.split(".", 1)[0]
            for j in (k + o for o in offsets):
                if 0 <= j < len(sentences) and sentences[j][1].id.split(".", 1)[0] == block:
                    found.update(base_form(w) for w in _WORD_RUN.findall(sentences[j][1].text.lower()))
            window_cache[(k, offsets)] = found
        return found

    def sense_supported(row: GlossaryRow, key_words: tuple[str, ...], sentence_id: str) -> bool:
        """A cue of ``row`` in this sentence, or two different cues in it and its neighbours
        (one cue word in the next sentence may have another sense: "embassies" beside a brand
        "ambassador", "a race to strip our resources" beside the "diversity" of fish); the
        term's own words are no cue (``abused``)."""
        cues = {base_form(c) for c in row.cues} - set(key_words)

        def found(words: set[str]) -> set[str]:
            words = words - set(key_words)
            return {c for c in cues if c in words}

        return bool(found(window_words(sentence_id, (0,)))) or len(found(window_words(sentence_id))) >= 2

    document_words: list[str] = []
    tag_cache: dict[str, list[str]] = {}

    def sense_check(term: str, sentence: Sentence, index: int) -> str:
        """The WordNet sense check (easyread.sense) of this use of a one-word glossary term
        whose entry names its sense (data/sense_choices.tsv): "yes" (the entry's sense wins by
        the margin), "no" (another sense, or another part of speech, wins by it), "unsure"
        (neither, or another sense leads only by its SemCor frequency), or "" (the entry
        names no sense)."""
        from easyread import sense

        wanted = sense.choices().get(("glossary", term))
        if not wanted:
            return ""
        if not document_words:
            document_words.extend(_WORD_RUN.findall(text))
        words = [t.text for t in sentence.tokens if t.kind in ("word", "number")]
        tags = tag_cache.get(sentence.id)
        if tags is None:
            from easyread import tagger

            tags = tag_cache[sentence.id] = tagger.tag(words) if words else []
        pos = _WN_POS.get(tags[index][:2]) if index < len(tags) else None
        if pos != "v" or any(w.split(".")[-2] == "v" for w in wanted):
            pos = None  # only a verb use of a non-verb entry is trusted ("pay tribute": not JJ)
        k = positions[sentence.id]
        block = sentence.id.split(".", 1)[0]
        near = [w for j in (k - 1, k + 1) if 0 <= j < len(sentences)
                and sentences[j][1].id.split(".", 1)[0] == block
                for w in _WORD_RUN.findall(sentences[j][1].text)]
        context = sense.context_weights(words, near, document_words, skip=(words[index], term))
        verdict = sense.judge(term, wanted, context, pos=[pos] if pos else None)
        if verdict.ok and verdict.evidence >= 2:
            return "yes"  # the entry's sense wins, and two words near the use say so
        return "no" if verdict.against else "unsure"

    def add(key: str, make: Term, sentence_id: str, start: int, end: int) -> None:
        if key in keep or key in already or make.term.lower() in keep or never_explain(make.term):
            return  # never_explain: dates, weekdays, months, numbers (easyread.known)
        term = terms.get(key)
        if term is None:
            term = terms[key] = make
            order.append(key)
        term.sentence_ids.append(sentence_id)
        term.spans.append((sentence_id, start, end))

    # Organisation names are matched as whole strings first, so their words are not terms:
    # longest first. Each sentence tries only the names whose first word it has (a name
    # starts after a non-word character, so its first word is a whole word of the sentence).
    org_patterns = [
        (name, re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])"))
        for name in sorted(organisations, key=len, reverse=True)
    ]
    org_by_word: dict[str, list[int]] = {}
    for rank, (name, _pattern) in enumerate(org_patterns):
        first = _WORD_RUN.match(name)
        org_by_word.setdefault(first.group() if first else "", []).append(rank)
    for _kind, sentence in sentences:
        taken: list[tuple[int, int]] = []
        ranks = set(org_by_word.get("", ()))
        for word in set(_WORD_RUN.findall(sentence.text)) if org_by_word else ():
            ranks.update(org_by_word.get(word, ()))
        for name, pattern in (org_patterns[r] for r in sorted(ranks)):
            for m in pattern.finditer(sentence.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                core = acronym_core(name)
                if is_acronym(name):
                    row = acronyms.get(core)
                    make = Term(core, "acronym", sentence.id, organisations[name], "text",
                                definitions.get(core) or (row.expansion if row else None), core.lower())
                    add(core.lower(), make, sentence.id, m.start(), m.end())
                else:
                    make = Term(name, "organisation", sentence.id, organisations[name], "text",
                                None, name.lower())
                    add(name.lower(), make, sentence.id, m.start(), m.end())
        words = [t for t in sentence.tokens if t.kind in ("word", "number")]
        bases = [base_form(t.text) for t in words]
        lowered = [t.text.lower() for t in words]
        i = 0
        while i < len(words):
            tok = words[i]
            if any(tok.start < e and s < tok.end for s, e in taken):
                i += 1
                continue
            surface, end = _strip_possessive(tok)
            if is_acronym(surface):
                core = acronym_core(surface)
                make = _acronym_term(core, sentence.id, definitions, acronyms, index)
                add(core.lower(), make, sentence.id, tok.start, end)
                i += 1
                continue
            matched = False
            for key_words, grow, source in index.by_first.get(bases[i], ()):
                n = len(key_words)
                if tuple(bases[i : i + n]) != key_words:
                    continue
                span_end = words[i + n - 1].end
                if any(tok.start < e and s < span_end for s, e in taken):
                    continue
                surface_text = sentence.text[tok.start : span_end]
                if n == 1 and base_form(grow.term) != grow.term and (
                        _strip_possessive(tok)[0].lower() not in (grow.term, *grow.aliases)):
                    continue  # an inflected key ("sectioned") matches only as written, not "sections"
                if _inside_name(words, i, n):
                    i += n  # "Dr Grant Blank", "World Health Organization": a name, not a term
                    matched = True
                    break
                keeps_case = tok.start > 0 or any(c.isupper() for c in surface_text[1:])
                same = surface_text.lower() == grow.term
                display = surface_text if same and keeps_case else grow.term
                if key_words != _key_words(grow.term):
                    # matched by an alias ("controversial" for "controversy"): show the word the
                    # text uses, so the bold word and the hard-words box name what the reader sees
                    display = surface_text if keeps_case else surface_text.lower()
                wording: str | None = (dict(grow.regions).get(region or "", grow.explanation)
                                       if grow.regions else grow.explanation)
                if source == "builtin" and builtin_version is None:
                    builtin_version = _glossary_version()  # once per call: it stats two files
                data: str | None = builtin_version if source == "builtin" else grow.path
                several = (source == "builtin" and n == 1 and grow.term in several_senses()
                           and not grow.cues_only)
                phrase = in_wordnet_phrase(lowered, i, (bases[i],)) if n == 1 else ""
                if phrase and not any(phrase_changes_sense(phrase, w) for w in (lowered[i], bases[i])
                                      if w in phrase.split()):
                    phrase = ""  # the word keeps its sense in the phrase ("armed robbery")
                verdict = sense_check(grow.term, sentence, i) if source == "builtin" and n == 1 else ""
                cued = bool(grow.cues) and sense_supported(grow, key_words, sentence.id)
                # A word with several common senses is explained beside a cue of its entry's
                # sense or where WordNet's sense check finds that sense (easyread.sense); any
                # other entry is explained beside a cue (when it has cues), and an entry with
                # no cues unless the check finds another sense or part of speech ("no").
                unsure = (not cued and verdict != "yes") if several else (
                    not cued and (bool(grow.cues) or verdict == "no"))
                if phrase or unsure:
                    # No word of the entry's sense near this use (an entry with cues, or a word
                    # with several common senses: data/glossary_senses.tsv), or the word is one
                    # word of a WordNet phrase that does not keep its sense ("monarch butterfly",
                    # "trial court": known.phrase_changes_sense): its explanation may be wrong
                    # here, so it is left for a person (W611), unless another use supports it.
                    wording, data = None, SENSE_UNSURE
                make = Term(display, "term", sentence.id, wording, source if wording else "missing",
                            None, grow.term, data=data,
                            zipf=min(zipf(w) for w in key_words) if n == 1 else 0.0)
                known_term = terms.get(grow.term)
                if known_term is not None and wording and known_term.data == SENSE_UNSURE:
                    # an earlier use was unsure; this one supports the sense: explain here
                    known_term.explanation, known_term.source, known_term.data = wording, source, data
                    known_term.first_sentence_id = sentence.id
                    known_term.sentence_ids.insert(0, sentence.id)
                    known_term.spans.insert(0, (sentence.id, tok.start, span_end))
                elif not everyday(grow.term):
                    add(grow.term, make, sentence.id, tok.start, span_end)
                taken.append((tok.start, span_end))
                i += n
                matched = True
                break
            if matched:
                continue
            if _is_rare(tok.text, bases[i]):
                add(bases[i], Term(bases[i], "rare", sentence.id, None, "missing", None, bases[i]),
                    sentence.id, tok.start, tok.end)
            i += 1
    return [terms[k] for k in order]


#: Penn tag prefix -> WordNet part of speech (the sense check of a use).
_WN_POS = {"NN": "n", "VB": "v", "JJ": "a", "RB": "r"}
#: ``Term.data`` of a glossary term whose sense cues were not found near any use (W611).
SENSE_UNSURE = "sense-unsure"
#: Lower-case words that may join the words of a name (``Institute for Health Metrics and
#: Evaluation``).
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "de", "on"})


def _inside_name(words: Sequence[Token], i: int, n: int = 1) -> bool:
    """True when the capitalised glossary match ``words[i:i+n]`` is part of a name.

    One word: another capitalised word stands next to it (``Grant Blank``, ``World Health
    Organization``), or one word beyond a joining word (``Metrics and Evaluation``); a capital
    at the sentence start alone is not a name (``Research shows …``). Several words: a
    capitalised word before them and none after (``Hillsborough Family Support Group``); a
    title before a name stays a term (``British Prime Minister David Cameron``).

    >>> from easyread.nlp import tokenize
    >>> ws = [t for t in tokenize("Dr Grant Blank said research helps .") if t.kind == "word"]
    >>> _inside_name(ws, 1), _inside_name(ws, 4)
    (True, False)
    >>> ws = [t for t in tokenize("The Family Support Group met British Prime Minister David Cameron")
    ...       if t.kind == "word"]
    >>> _inside_name(ws, 2, 2), _inside_name(ws, 6, 2)
    (True, False)
    """
    text = words[i].text
    if not text[:1].isupper() or text.isupper():
        return False

    def cap(j: int) -> bool:
        return 0 <= j < len(words) and words[j].text[:1].isupper()

    if n > 1:
        return cap(i - 1) and i - 1 > 0 and not cap(i + n)

    if cap(i - 1) and i - 1 > 0 or cap(i + 1):
        return True
    if i - 1 == 0 and cap(0) and words[0].text.lower() not in _SENTENCE_OPENERS:
        return True
    return (i >= 2 and words[i - 1].text in _NAME_JOINERS and cap(i - 2)) or (
        i + 2 < len(words) and words[i + 1].text in _NAME_JOINERS and cap(i + 2))


#: Capitalised sentence openers that are not part of a name before the next word.
_SENTENCE_OPENERS = frozenset({"the", "a", "an", "this", "that", "but", "and", "in", "on", "at",
                               "for", "as", "if", "when", "its", "their", "his", "her", "our"})


def _acronym_term(core: str, sentence_id: str, definitions: dict[str, str],
                  acronyms: dict[str, AcronymRow], index: GlossaryIndex) -> Term:
    """An acronym's explanation: the text's own definition, then user, then built-in data."""
    row = acronyms.get(core)
    user = index.by_key.get(core.lower())
    # A learned expansion must be real words ("10m pizzas" is not "MP").
    if core in definitions and all(len(w) > 1 for w in definitions[core].split()):
        expansion = definitions[core]
        explanation = f"{core} stands for {expansion}."
        if row and row.explanation and row.expansion.lower() == expansion.lower():
            explanation = row.explanation
        return Term(core, "acronym", sentence_id, explanation, "text", expansion, core.lower(),
                    data="text")
    if user and user[1] == "user":
        return Term(core, "acronym", sentence_id, user[0].explanation, "user",
                    row.expansion if row else None, core.lower(), data=user[0].path)
    if row:
        explanation = row.explanation or f"{core} stands for {row.expansion}."
        return Term(core, "acronym", sentence_id, explanation, "builtin", row.expansion,
                    core.lower(), data=f"acronyms@{file_version('acronyms.tsv')}")
    return Term(core, "acronym", sentence_id, None, "missing", None, core.lower())


def _is_rare(word: str, base: str) -> bool:
    """A lower-case word nobody would know: not a name, not on the easy list, Zipf < 3.

    >>> _is_rare("resolutely", "resolutely"), _is_rare("children", "child")
    (True, False)
    """
    if not word.isalpha() or not word[:1].islower() or len(word) < 4:
        return False
    lower = word.lower()
    if lower in easy_words() or base in easy_words():
        return False
    found = glossary_forms().get(lower)
    forms = {lower, base, *(found[1] if found else ())}
    return max(zipf(f) for f in forms) < RARE_ZIPF


# ------------------------------------------------------------------ shared helpers
def term_rows(terms: Sequence[Term]) -> list[dict[str, Any]]:
    """Terms as JSON-ready dicts (the ``terms --format json`` rows)."""
    return [t.to_dict() for t in terms]


def terms_for_file(
    path: str,
    config: Config,
    *,
    glossaries: Sequence[str] = (),
    fmt: str | None = None,
    encoding: str | None = None,
    stdin_bytes: bytes | None = None,
) -> list[Term]:
    """Read one article and detect its terms (what ``easyread terms FILE`` lists)."""
    from easyread.pipeline import read_document

    doc = read_document(path, config, fmt=fmt, encoding=encoding, stdin_bytes=stdin_bytes)
    return detect_terms(doc, config, extra_glossaries=glossaries)


def format_terms_text(terms: Sequence[Term]) -> str:
    """One block per term: term, kind and source, then its explanation (or what is missing).

    >>> print(format_terms_text([Term("dark web", "term", "b4.s1",
    ...     "The dark web is a hidden part of the internet.", "builtin")]), end="")
    dark web  [term, built-in, first used in b4.s1]
        The dark web is a hidden part of the internet.
    1 term: 1 built-in, 0 learned from text, 0 user, 0 need a human explanation
    """
    lines: list[str] = []
    for t in terms:
        lines.append(f"{t.term}  [{t.kind}, {t.source_label}, first used in {t.first_sentence_id}]")
        if t.expansion and t.expansion.lower() not in (t.explanation or "").lower():
            lines.append(f"    {t.term} stands for {t.expansion}.")
        lines.append(f"    {t.explanation or 'needs a human explanation'}")
    counts = {s: sum(1 for t in terms if t.source == s) for s in ("builtin", "text", "user", "missing")}
    noun = "term" if len(terms) == 1 else "terms"
    lines.append(
        f"{len(terms)} {noun}: {counts['builtin']} built-in, {counts['text']} learned from text, "
        f"{counts['user']} user, {counts['missing']} need a human explanation"
    )
    return "\n".join(lines) + "\n"

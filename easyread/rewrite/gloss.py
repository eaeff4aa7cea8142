"""The ``gloss`` stage: explain hard words and acronyms on first use; fill the glossary.

Terms come from :func:`easyread.terms.detect_terms` (built-in and user glossaries, acronyms,
organisations the article describes, rare words). Two rules decide what happens to each term;
they are pure functions that return a :class:`GlossPlan`, and :func:`gloss_stage` applies the
plans through the document's doors (``add_gloss`` and, for inline acronym expansion, ``replace``).

* ``gloss.first_use.v1`` — glossary terms and organisations. Easy read and large print: one
  explanation sentence right after the first sentence that uses the term (UK government
  guidance: explain in the *next* sentence; Inclusion Europe: always explain hard words;
  standards ER-05, WCAG 2.2 SC 3.1.3). Plain: the term goes in the glossary only.
* ``gloss.acronym.v1`` — acronyms (ER-07, WCAG 2.2 SC 3.1.4, technique G102). Easy read: an
  explanation sentence after the first use, or the acronym written out in a title or heading.
  Plain: the expansion in brackets at the first use outside a quotation; when every use is
  inside a quotation, an explanation sentence after it instead.

Every term is recorded in ``doc.glossary`` (the renderers' "Hard words" box, and ``rewrite
--format json``), explained or not: a term nobody can explain is recorded with source
``missing`` and an empty explanation, and a ``W611`` note asks a human for one. No term is
explained twice, quotations never change, and at most ``max_per_sentence`` (default 3)
explanations follow one sentence; a term that does not fit is explained after its next use,
or else listed in the glossary only (note ``W612``).

Parameters (``[tool.easyread.rules."gloss.first_use.v1"]``): ``max_per_sentence`` (3) and
``common_zipf`` (the scoring ``hard_word_zipf``): a one-word term at least this frequent, or
on the easy-word list, goes in the glossary only. ``[... ."gloss.acronym.v1"] common_zipf``
(5.0): an acronym at least this frequent (``UK``) goes in the glossary only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from easyread.config import Config, default_config
from easyread.data import easy_words
from easyread.document import Document, GlossEntry
from easyread.pipeline import Context, FunctionStage
from easyread.terms import SENSE_UNSURE, Term, detect_terms

RULE_FIRST_USE = "gloss.first_use.v1"
RULE_ACRONYM = "gloss.acronym.v1"
#: Blocks an explanation sentence may follow a sentence in (never a title or heading).
ANCHOR_KINDS: frozenset[str] = frozenset({"standfirst", "paragraph", "quote", "list_item"})
#: In plain language an acronym at least this frequent (``NASA`` 4.2) whose expansion is harder
#: is explained, not written out: "NASA (National Aeronautics and Space Administration)" is
#: harder than "NASA" (see :func:`expansion_is_harder`).
PLAIN_KNOWN_ACRONYM_ZIPF = 4.0

Mode = Literal["sentence", "inline", "write_out", "glossary", "missing", "known"]


@dataclass(frozen=True)
class GlossPlan:
    """What a rule proposes for one term: how to explain it, and why."""

    rule_id: str
    mode: Mode
    reason: str


_STANDS_FOR = re.compile(r"^[A-Z][A-Za-z0-9&]*[A-Z0-9]s? stands for [^.!?]+\.$")


def explanation_texts(config: Config) -> frozenset[str]:
    """Every sentence the gloss stage may write from data: the glossary explanations (built-in
    and the config's glossary files) and the acronym explanations.

    The replacement stages (``numbers``, ``words``) leave such a sentence as it is (see
    :func:`is_explanation`): it is already in easy words, and rewriting it on a second run
    (``two`` -> ``2``, ``donation`` -> ``gift``) would hide it from the gloss stage, which would
    then explain the term again (issue 14: a second run must make no edits).
    """
    return _explanation_texts(tuple(config.glossary_files))


@lru_cache(maxsize=8)
def _explanation_texts(files: tuple[str, ...]) -> frozenset[str]:
    from easyread.data import acronym_rows
    from easyread.terms import build_index

    texts = {row.explanation.strip() for row, _source in build_index(files).by_key.values()}
    texts |= {row.explanation.strip() for row in acronym_rows().values()}
    return frozenset(t for t in texts if t)


def is_explanation(text: str, config: Config) -> bool:
    """True for a sentence the gloss stage writes: one of :func:`explanation_texts`, or an
    acronym's ``ABC stands for …`` sentence.

    >>> from easyread.config import load_config
    >>> is_explanation("CSE stands for child sexual exploitation.", load_config(use_project=False))
    True
    """
    text = text.strip()
    return text in explanation_texts(config) or bool(_STANDS_FOR.match(text))


def _params(config: Config, rule_id: str) -> dict[str, object]:
    """A rule's settings: ``[rules."<id>"]`` of the config over those of default_config.toml."""
    return {**default_config().rules.get(rule_id, {}), **config.rules.get(rule_id, {})}


def first_use(term: Term, *, easy: bool, common_zipf: float = 4.0) -> GlossPlan:
    """``gloss.first_use.v1``: explain a glossary term or organisation after its first use.

    Why: UK government easy-read guidance says to explain a hard word in the next sentence;
    Inclusion Europe says always explain hard words (ER-05; WCAG 2.2 SC 3.1.3, G62). A common
    one-word term (Zipf ≥ ``common_zipf``) is listed in the glossary box only, so easy words do
    not crowd the text.

    >>> t = Term("dark web", "term", "b4.s1", "The dark web is a hidden part of the internet.",
    ...          "builtin")
    >>> first_use(t, easy=True).mode, first_use(t, easy=False).mode
    ('sentence', 'glossary')
    >>> first_use(Term("charity", "term", "b5.s1", "A charity is a group.", "builtin",
    ...                zipf=4.45), easy=True).mode
    'glossary'
    """
    if not term.explanation:
        if term.data == SENSE_UNSURE:
            return GlossPlan(RULE_FIRST_USE, "missing",
                             f"{term.term!r}: no word of the glossary entry's sense near its use (or the "
                             "word is part of a longer phrase); its explanation may be wrong here, "
                             "so a person should decide")
        return GlossPlan(RULE_FIRST_USE, "missing", f"{term.term!r} needs a human explanation")
    if not easy:
        return GlossPlan(RULE_FIRST_USE, "glossary", f"list {term.term!r} in the glossary (ER-06)")
    common = term.kind == "term" and " " not in term.term and (
        term.zipf >= common_zipf or term.key in easy_words()
    )
    if common:
        return GlossPlan(RULE_FIRST_USE, "glossary",
                         f"{term.term!r} is a common word: listed in the glossary only (ER-06)")
    return GlossPlan(RULE_FIRST_USE, "sentence",
                     f"explain {term.term!r} in the next sentence (ER-05, WCAG 3.1.3)")


def acronym(term: Term, *, easy: bool, in_heading: bool, quoted_only: bool,
            defined_in_place: bool, common: bool = False, harder_expansion: bool = False) -> GlossPlan:
    """``gloss.acronym.v1``: expand or explain an acronym at its first use.

    Why: UK government guidance and Inclusion Europe say to write words in full, not as
    initials; WCAG 2.2 SC 3.1.4 asks for the expanded form (technique G102, expand at first
    use) (ER-07). Easy read explains in the next sentence, or writes the acronym out in a title;
    plain language puts the expansion in brackets, never inside a quotation.

    >>> t = Term("NSPCC", "acronym", "b3.s1", "The NSPCC is a charity that keeps children safe.",
    ...          "builtin", "National Society for the Prevention of Cruelty to Children")
    >>> [acronym(t, easy=e, in_heading=False, quoted_only=False, defined_in_place=False).mode
    ...  for e in (True, False)]
    ['sentence', 'inline']
    >>> acronym(t, easy=False, in_heading=False, quoted_only=True, defined_in_place=False).mode
    'sentence'

    A well-known acronym whose expansion is harder than it (``harder_expansion``: ``NASA``,
    "National Aeronautics and Space Administration") is not written out in plain language; its
    explanation sentence follows instead ("NASA is the US space agency.").

    >>> n = Term("NASA", "acronym", "b1.s1", "NASA is the US space agency.", "builtin",
    ...          "National Aeronautics and Space Administration")
    >>> acronym(n, easy=False, in_heading=False, quoted_only=False, defined_in_place=False,
    ...         harder_expansion=True).mode
    'sentence'
    """
    if not term.explanation:
        return GlossPlan(RULE_ACRONYM, "missing", f"acronym {term.term} needs an expansion")
    if defined_in_place or common:
        # Explained nearby already, or known to every reader (UK, US, TV): neither explained
        # nor listed (issue 10: the blind review judged such entries unneeded).
        why = "the article spells it out where it is used" if defined_in_place else "a well-known acronym"
        return GlossPlan(RULE_ACRONYM, "known", f"{term.term} is not explained: {why}")
    if easy:
        if in_heading and term.expansion:
            return GlossPlan(RULE_ACRONYM, "write_out",
                             f"write {term.term} out in full (ER-07, WCAG 3.1.4)")
        return GlossPlan(RULE_ACRONYM, "sentence",
                         f"explain {term.term} in the next sentence (ER-07, WCAG 3.1.4)")
    if term.expansion and not quoted_only and not harder_expansion:
        return GlossPlan(RULE_ACRONYM, "inline",
                         f"expand {term.term} at first use (ER-07, WCAG 3.1.4 G102)")
    return GlossPlan(RULE_ACRONYM, "sentence",
                     f"explain {term.term} after its first use (ER-07, WCAG 3.1.4)")


# --------------------------------------------------------------------------- the stage
def _entry(term: Term, first_sentence_id: str | None, explanation: str | None = None) -> GlossEntry:
    return GlossEntry(
        term=term.term,
        explanation=term.explanation or "" if explanation is None else explanation,
        first_sentence_id=first_sentence_id,
        source=term.source,
        kind=term.kind,
        expansion=term.expansion,
        data=term.data,
    )


def gloss_stage(doc: Document, ctx: Context) -> Document:
    """Explain every detected term once, at its first use; record all in ``doc.glossary``.

    >>> from easyread.config import load_config
    >>> from easyread.pipeline import document_from_text, process
    >>> doc = document_from_text("Sites on the dark web were shut. Police said so.")
    >>> doc = process(doc, load_config(profile="easy-read", use_project=False),
    ...               stages=["gloss"], score=False)
    >>> [s.text for s in doc.sentences()][:2]
    ['Sites on the dark web were shut.', 'The dark web is a hidden part of the internet where people can hide.']
    """
    config = ctx.config
    easy = config.easy  # the profile's `easy` trait (typed settings, any profile)
    fu = _params(config, RULE_FIRST_USE)
    ac = _params(config, RULE_ACRONYM)
    max_per = int(str(fu["max_per_sentence"]))
    common_zipf = float(str(fu.get("common_zipf", config.hard_word_zipf)))
    acronym_common = float(str(ac["common_zipf"]))

    kinds: dict[str, str] = {}
    order: dict[str, int] = {}
    for block in doc.blocks:
        for sentence in block.sentences:
            kinds[sentence.id] = block.kind
            order[sentence.id] = len(order)
    texts = {s.text.strip() for s in doc.sentences()}
    whole = "\n".join(texts)
    # Explanation sentences a run before this one wrote: a term used only there is not the
    # article's, and each fills a place after the sentence it follows (see _explained_load).
    written = {s.id for s in doc.sentences() if is_explanation(s.text, config)}
    terms = detect_terms(doc, config)
    plans: list[tuple[Term, GlossPlan]] = []
    for term in terms:
        if written:
            spans = [span for span in term.spans if span[0] not in written]
            if not spans:
                continue
            term.spans[:] = spans
            term.sentence_ids[:] = [i for i in term.sentence_ids if i not in written]
            term.first_sentence_id = spans[0][0]
        rule_id = RULE_ACRONYM if term.kind == "acronym" else RULE_FIRST_USE
        if not config.rule_enabled(rule_id):
            continue
        if noun_entry_used_as_verb(doc, term):
            continue  # "We witness the change": a noun's explanation would be wrong here
        if term.kind == "acronym":
            plan = _acronym_plan(doc, term, easy, kinds, acronym_common)
        else:
            plan = first_use(term, easy=easy, common_zipf=common_zipf)
        # Already explained by its own sentence (a run before this one put it there): an
        # expansion in brackets would explain it twice, and a second run would not be a no-op.
        # It may also end a sentence that had no full stop before it was explained, as the
        # second run reads "she consistently SC, NSPCC, SC stands for …" as one sentence.
        explained = (term.explanation or "").strip()
        if plan.mode in ("sentence", "inline") and explained and (explained in texts or explained in whole):
            plan = GlossPlan(plan.rule_id, "glossary", f"{term.term!r} is already explained")
        plans.append((term, plan))

    # Choose anchors: acronyms and organisations first, then terms used only once (they cannot
    # wait for a later use), then the rarest words.
    load = _explained_load(doc, written)
    anchors: dict[str, str | None] = {}
    ranked = sorted(
        plans,
        key=lambda tp: (tp[0].kind not in ("acronym", "organisation"),
                        len({i for i in tp[0].sentence_ids if kinds.get(i) in ANCHOR_KINDS}) > 1,
                        tp[0].zipf, order.get(tp[0].first_sentence_id or "", 0)),
    )
    placement = anchor_map(doc)
    for term, plan in ranked:
        if plan.mode not in ("sentence", "inline", "write_out"):
            continue
        cap = max_per if plan.mode == "sentence" else 10**6  # inline: only a fallback anchor
        anchor = None
        for used in dict.fromkeys(term.sentence_ids):
            if kinds.get(used) not in ANCHOR_KINDS:
                continue
            sid = placement.get(used, used) if plan.mode == "sentence" else used
            if plan.mode == "sentence" and sid is not None and not ends_sentence(doc.sentence(sid).text):
                continue  # read again, the explanation would run on in the same sentence
            if sid is not None and kinds.get(sid) in ANCHOR_KINDS and load.get(sid, 0) < cap:
                anchor = sid
                break
        anchors[term.key] = anchor
        if anchor and plan.mode == "sentence":
            load[anchor] = load.get(anchor, 0) + 1

    def position(tp: tuple[Term, GlossPlan]) -> tuple[int, int]:
        term = tp[0]
        sid = anchors.get(term.key) or term.first_sentence_id or ""
        start = next((s for i, s, _ in term.spans if i == sid), 0)
        return order.get(sid, 0), start

    # Term spans were found before any edit: each is mapped through the edits made since
    # (``doc.rebase``), so a second expansion in a sentence lands after the first, not in it.
    found_at = doc.mark()
    for term, plan in sorted(plans, key=position):
        _apply(doc, term, plan, anchors.get(term.key), found_at)
    return doc


_SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with a full stop, ``!``, ``?`` or ``…`` (closing marks after it
    allowed). An explanation sentence goes only after such a sentence: after ``she said SC,``
    it would be read, on a second run, as the end of that sentence.

    >>> ends_sentence("It rose by 40 per cent."), ends_sentence("She said “no.”"), ends_sentence("she said SC,")
    (True, True, False)
    """
    return _SENTENCE_END.search(text) is not None


def _explained_load(doc: Document, written: set[str]) -> dict[str, int]:
    """How many explanation sentences (``written``) already follow each sentence: they count
    towards ``max_per_sentence``, so a second run does not add one that did not fit."""
    load: dict[str, int] = {}
    for block in doc.blocks:
        last: str | None = None
        for sentence in block.sentences:
            if sentence.id in written:
                if last is not None:
                    load[last] = load.get(last, 0) + 1
            else:
                last = sentence.id
    return load


_OPEN = frozenset("“«")
_CLOSE = frozenset("”»")


def _quote_depth(text: str, depth: int) -> int:
    """Open double quotation marks after ``text``, starting from ``depth``.

    Curly marks count up and down; a straight ``"`` opens when none is open, else closes.
    Single marks are ignored (``’`` is also the apostrophe).

    >>> _quote_depth('He said: “We will act.', 0), _quote_depth('“It works,” she said.', 0)
    (1, 0)
    """
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = depth - 1 if depth else 1
    return depth


def _split_root(sentence_id: str) -> str:
    """The source sentence a split piece came from: ``b4.s1.2.1`` -> ``b4.s1``."""
    m = re.match(r"^(.*?\.s\d+)(?:\.\d+)*$", sentence_id)
    return m.group(1) if m else sentence_id


def anchor_map(doc: Document) -> dict[str, str | None]:
    """Where an explanation for a term used in each sentence goes (``None``: glossary only).

    Two placement rules, applied in order (documented in ``docs/glossing.md``):

    1. *Split family*: an explanation never separates the pieces of a split sentence (``X.
       The Home Office said this.``): it goes after the last piece ``id.1 … id.N`` in the block.
    2. *Open quotation*: an explanation never follows a sentence that ends inside a quotation
       that goes on (an opening mark with no closing one yet, in this block or carried on by
       the next block, UK style); it goes after the sentence that closes the quotation. If
       the quotation never closes, or closes in a title, heading or quotation block (the
       renderers would show the explanation inside the quote), the next use of the term
       outside the quotation takes the explanation, else it is glossary-only (``W612``).

    >>> from easyread.pipeline import document_from_text
    >>> doc = document_from_text("Title\\n\\nHe said: “We will act.\\n\\n“We will win,” he added.\\n\\nIt ended.")
    >>> anchor_map(doc)['b2.s1']
    'b3.s1'
    """
    order: list[tuple[str, str]] = []  # (sentence id, block kind)
    family_end: dict[str, str] = {}
    open_after: dict[str, bool] = {}
    depth = 0
    for block in doc.blocks:
        body = [s for s in block.sentences if s.kind == "text"]
        first = body[0].text.lstrip()[:1] if body else ""
        if depth and first not in _OPEN and first != '"':
            depth = 0  # the quotation was not carried on: treat it as closed
        elif depth:
            depth -= 1  # UK style: the new paragraph's opening mark re-opens the same quote
        for s in block.sentences:
            if s.kind != "text":
                continue
            depth = _quote_depth(s.text, depth)
            open_after[s.id] = depth > 0
            order.append((s.id, block.kind))
            family_end[_split_root(s.id)] = s.id
    result: dict[str, str | None] = {}
    # Where each sentence is, and the first sentence at or after each that ends outside a
    # quotation (one pass from the end): linear, even for a quotation that never closes.
    position = {sid: i for i, (sid, _kind) in enumerate(order)}
    closed_from = [len(order)] * (len(order) + 1)
    for i in range(len(order) - 1, -1, -1):
        closed_from[i] = closed_from[i + 1] if open_after[order[i][0]] else i
    for at, (sid, _kind) in enumerate(order):
        target: str | None = family_end.get(_split_root(sid), sid)
        k = position.get(target or "", at)
        if k < at:
            k = next(i for i in range(at, len(order)) if order[i][0] == target)
        k = closed_from[k]
        if k >= len(order):
            target = None
        else:
            target = family_end.get(_split_root(order[k][0]), order[k][0])
            if order[k][1] not in ANCHOR_KINDS or (order[k][1] == "quote" and k != at):
                target = None  # a moved explanation would sit inside a quotation block
        result[sid] = target
    return result


_NOUN_ENTRY = re.compile(r"(?:an?|the)\s", re.IGNORECASE)


def noun_entry_used_as_verb(doc: Document, term: Term) -> bool:
    """True when a one-word glossary term explained as a noun (``A witness is …``, ``Abuse is
    …``) is used only as a verb in ``doc`` (``We witness the change``, tagged ``VBP``): its explanation is for
    another word, so the term is neither explained nor listed.

    >>> from easyread.pipeline import document_from_text
    >>> from easyread.terms import detect_terms
    >>> doc = document_from_text("We witness the change as fleets fish our waters.")
    >>> [noun_entry_used_as_verb(doc, t) for t in detect_terms(doc) if t.term == "witness"]
    [True]
    >>> doc = document_from_text("The witness told the court what she saw.")
    >>> [noun_entry_used_as_verb(doc, t) for t in detect_terms(doc) if t.term == "witness"]
    [False]
    """
    if term.kind != "term" or " " in term.term or not term.spans:
        return False
    explanation = (term.explanation or "").lower()
    if term.data != SENSE_UNSURE and not (_NOUN_ENTRY.match(explanation)
                                          or explanation.startswith(f"{term.term.lower()} is ")):
        return False
    from easyread import tagger

    for sid, start, _end in term.spans:
        sentence = doc.sentence(sid)
        texts = [t.text for t in sentence.tokens]
        at = next((k for k, t in enumerate(sentence.tokens) if t.start == start), -1)
        if at < 0 or not tagger.tag(texts)[at].startswith("VB"):
            return False
    return True


def _acronym_plan(doc: Document, term: Term, easy: bool, kinds: dict[str, str],
                  common_zipf: float) -> GlossPlan:
    from easyread.data import zipf

    first = term.first_sentence_id
    in_heading = bool(first) and kinds.get(first or "") in ("title", "heading")
    quoted_only = all(doc.sentence(sid).in_quote(s, e) for sid, s, e in term.spans)
    defined = False
    if first and term.expansion:
        text = doc.sentence(first).text.lower()
        defined = term.expansion.lower() in text and f"({term.term.lower()}" in text
        # Expanded in brackets by a run before this one, also after a possessive ("the NSPCC’s
        # (National Society …)"): a second expansion would not make the second run a no-op.
        inline = rf"(?<!\w){re.escape(term.term.lower())}(?:['’]s)? \({re.escape(term.expansion.lower())}"
        defined = defined or re.search(inline, text) is not None
        # "so-called CSP – concentrated solar power – …": the text spells it out right after
        aside = rf"(?<!\w){re.escape(term.term.lower())}\s*[–—,:-]\s*{re.escape(term.expansion.lower())}"
        defined = defined or re.search(aside, text) is not None
        # "systems of MPAs [marine protected areas]": an editor's or a quotation's square brackets
        bracket = rf"(?<!\w){re.escape(term.term.lower())}(?:s|['’]s)?\s*\[\s*{re.escape(term.expansion.lower())}"
        defined = defined or re.search(bracket, text) is not None
    if in_heading and all(doc.sentence(sid).in_quote(s, e) for sid, s, e in term.spans[:1]):
        in_heading = False
    common = zipf(term.term) >= common_zipf
    return acronym(term, easy=easy, in_heading=in_heading, quoted_only=quoted_only,
                   defined_in_place=defined, common=common,
                   harder_expansion=expansion_is_harder(term.term, term.expansion))


def expansion_is_harder(acronym_text: str, expansion: str | None) -> bool:
    """A well-known acronym (Zipf ≥ :data:`PLAIN_KNOWN_ACRONYM_ZIPF`) whose expansion has a word
    rarer than the acronym by more than one Zipf point (``NASA`` 4.2: ``Aeronautics`` 3.1).

    >>> expansion_is_harder("NASA", "National Aeronautics and Space Administration")
    True
    >>> expansion_is_harder("BBC", "British Broadcasting Corporation")
    False
    """
    from easyread.data import zipf

    if not expansion:
        return False
    known = zipf(acronym_text)
    if known < PLAIN_KNOWN_ACRONYM_ZIPF:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", expansion) if len(w) > 3]
    return bool(words) and min(zipf(w) for w in words) < known - 1.0


def _apply(doc: Document, term: Term, plan: GlossPlan, anchor: str | None, found_at: int) -> None:
    """Carry out one plan through the document's doors.

    ``found_at`` is the ledger point at which ``term.spans`` were found; a span is used only
    at its current offsets (:meth:`Document.rebase`), and skipped if an edit since then
    changed its words.
    """
    if plan.mode == "known":
        return
    if plan.mode == "missing":
        doc.add_gloss(_entry(term, term.first_sentence_id, ""), rule=plan.rule_id, reason=plan.reason)
        note = plan.reason if term.data == SENSE_UNSURE else f"{term.term!r} needs a human explanation"
        doc.note("W611", term.first_sentence_id, note)
        return
    if plan.mode == "glossary":
        doc.add_gloss(_entry(term, term.first_sentence_id), rule=plan.rule_id, reason=plan.reason)
        return
    if plan.mode in ("inline", "write_out"):
        for sid, found_start, found_end in term.spans:
            span = doc.rebase(sid, found_start, found_end, since=found_at)
            if span is None:
                continue
            start, end = span
            sentence = doc.sentence(sid)
            if sentence.is_protected(start, end):
                continue
            if plan.mode == "write_out":
                new, at, stop = str(term.expansion), start, end
            else:
                if sentence.text[start:end].endswith("s") and sentence.text[start:end][:-1].isupper():
                    continue  # "MEPs (Member of …)’": a plural takes no singular expansion
                tail = re.match(r"['’]s\b", sentence.text[end:])
                at = stop = end + (tail.end() if tail else 0)
                new = f" ({term.expansion})"
            doc.replace(sid, at, stop, new, rule=plan.rule_id, reason=plan.reason, data=term.data)
            doc.add_gloss(_entry(term, sid), rule=plan.rule_id, reason=plan.reason)
            return
    if anchor is None:
        doc.add_gloss(_entry(term, term.first_sentence_id), rule=plan.rule_id,
                      reason=f"{plan.reason}; no room after any use, listed in the glossary")
        doc.note("W612", term.first_sentence_id,
                 f"{term.term!r}: no body sentence could take its explanation; glossary only")
        return
    doc.add_gloss(_entry(term, anchor), rule=plan.rule_id, reason=plan.reason,
                  explanation_sentence=term.explanation, data=term.data)


STAGE = FunctionStage(
    name="gloss",
    requires=("tokens",),
    provides=("glossary", "edits"),
    func=gloss_stage,
)

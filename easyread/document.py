"""The document model: one object that flows through every stage.

read -> segment -> score -> rewrite stages -> score -> render -> check.

Text changes only through three doors on :class:`Document`:

* :meth:`Document.replace` replaces a span inside one sentence;
* :meth:`Document.split` replaces one sentence by several (or by list items);
* :meth:`Document.add_gloss` inserts an explanation sentence and records a glossary entry.

Each door takes a versioned rule id and a reason, re-tokenizes what it touched, and appends
an :class:`Edit` to the ledger, so there is no edit without a rule. Each door also refuses an
edit that would touch a protected span (a direct quotation), so no rule can reword a quote.

Offsets are always those of the sentence as it reads now. A stage that finds its spans first
and edits afterwards maps each span through the edits it has made since
(:meth:`Document.mark`, :meth:`Document.rebase`), or applies them right to left; otherwise its
second edit to a sentence lands inside the first one's text, or inside a word.

This module has no third-party imports (``easyread.nlp`` loads nltk lazily, on first use).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from easyread.nlp import Tok, tokenize

if TYPE_CHECKING:
    from easyread.score import Scores

SCHEMA_VERSION = "1.0"

BlockKind = Literal[
    "title", "standfirst", "heading", "paragraph", "quote", "list_item", "credit"
]
SentenceKind = Literal["text", "gloss"]

#: Block kinds whose text is scored and rewritten as body text.
BODY_KINDS: frozenset[str] = frozenset(
    {"standfirst", "heading", "paragraph", "quote", "list_item"}
)


#: A "sentence" longer than this (words, or characters) is not a sentence anyone wrote to be
#: read: a run of Title Case words, a gene sequence, a wall of digits. The rewrite stages and the
#: term search leave it as it is (note ``W606``) instead of searching it, so their work stays
#: bounded by the size of the input.
MAX_SENTENCE_WORDS = 300
MAX_SENTENCE_CHARS = 5000


class ProtectedSpanError(ValueError):
    """An edit would change the words inside a protected span (a direct quotation)."""


# Tokens are easyread.nlp's frozen, slotted ``Tok`` objects (text, start, end, kind): the
# tokenizer's output is stored as it is, with no copy per token.
Token = Tok


@dataclass
class Sentence:
    """One sentence: its text, tokens, place in the source and quotation spans."""

    id: str
    text: str
    tokens: list[Token] = field(default_factory=list)
    origin: tuple[int, int] | None = None  # character span in the source text
    line: int | None = None  # 1-based line of the sentence start in the source
    column: int | None = None  # 1-based column
    kind: SentenceKind = "text"
    protected: list[tuple[int, int]] = field(default_factory=list)  # quotation spans

    def words(self) -> list[str]:
        return [t.text for t in self.tokens if t.kind in ("word", "number")]

    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.kind in ("word", "number"))

    def too_long(self) -> bool:
        """Over :data:`MAX_SENTENCE_WORDS` words or :data:`MAX_SENTENCE_CHARS` characters:
        left unrewritten and unsearched.

        >>> s = Sentence("s1", "Go " * 301)
        >>> retokenize(s)
        >>> s.too_long(), Sentence("s2", "x" * 5001).too_long(), Sentence("s3", "Go.").too_long()
        (True, True, False)
        """
        return len(self.text) > MAX_SENTENCE_CHARS or self.word_count() > MAX_SENTENCE_WORDS

    def is_protected(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a protected span (an empty span strictly inside counts)."""
        for ps, pe in self.protected:
            if start < pe and end > ps:
                return True
            if start == end and ps < start < pe:
                return True
        return False

    def in_quote(self, start: int, end: int) -> bool:
        return any(ps <= start and end <= pe for ps, pe in self.protected)


@dataclass
class Block:
    """A block of the document (title, heading, paragraph, list item, quote, credit ...) and its sentences."""

    id: str
    kind: BlockKind
    sentences: list[Sentence] = field(default_factory=list)
    text: str = ""  # the block's original text (as read)
    origin: tuple[int, int] | None = None
    line: int | None = None


@dataclass
class Edit:
    """One recorded rewrite edit: the rule, the sentence, the span and its text before and after."""

    rule: str
    sentence_id: str
    span: tuple[int, int]
    before: str
    after: str
    reason: str
    op: Literal["replace", "split", "insert"] = "replace"
    data: str | None = None
    parts: list[str] | None = None  # for splits: the new sentences; for inserts: [new id]


@dataclass
class GlossEntry:
    """A glossary entry: a term (or acronym) and its explanation, with where it comes from."""

    term: str
    explanation: str
    first_sentence_id: str | None
    source: str  # builtin, user, text, missing
    kind: str = "term"  # term, acronym, organisation
    expansion: str | None = None
    data: str | None = None


@dataclass
class Note:
    """A message about the document (a code, the sentence it is about, if any, and the text)."""

    code: str
    sentence_id: str | None
    message: str


@dataclass
class Source:
    """Where the document came from: path, format, the text as read, title and encoding."""

    path: str
    format: str  # txt, md, html
    text: str
    title: str | None = None  # the original's title, as found in the text (never a file name)
    encoding: str = "utf-8"
    #: Where :attr:`title` came from: ``headline``, ``markdown-h1``, ``html-h1``,
    #: ``html-title`` (easyread.read.TITLE_SOURCES), or ``None`` (the text has no title).
    title_source: str | None = None
    given_title: str | None = None  # the user's title (``convert --title``)


@dataclass
class Document:
    """The one document model that every stage reads and changes (ingest → segment → analyse → rewrite → render)."""

    source: Source
    lang: str = "en"
    blocks: list[Block] = field(default_factory=list)
    glossary: list[GlossEntry] = field(default_factory=list)
    #: The score stage's figures by phase (``before`` / ``after`` the rewrite stages), typed;
    #: :meth:`to_dict` writes each as :meth:`Scores.to_dict <easyread.score.Scores.to_dict>`.
    scores: dict[str, Scores] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    credit: str | None = None
    profile: str | None = None
    # Lookup indexes (not part of the document's value): built on first use, checked on use.
    _index: _Index | None = field(default=None, init=False, repr=False, compare=False)
    _edit_index: _EditIndex | None = field(default=None, init=False, repr=False, compare=False)

    # ------------------------------------------------------------------ reading
    @property
    def title(self) -> str | None:
        """The document's title: the user's (``--title``: :meth:`set_title`), else the title
        block's (rewritten) text, else the source's; ``None`` when the text has none."""
        if self.source.given_title:
            return self.source.given_title
        for block in self.blocks:
            if block.kind == "title":
                return " ".join(s.text for s in block.sentences) or block.text
        return self.source.title

    def set_title(self, title: str) -> None:
        """Give the document the user's title (``convert --title``): shown on the cover and as
        the page's ``<title>``, recorded as ``source.title_source = "option"``. The text's own
        title (:attr:`Source.title`) is kept: the cover still names it as the original's."""
        self.source.given_title = " ".join(title.split()) or None

    @property
    def title_source(self) -> str | None:
        """Where :attr:`title` comes from (``option`` for the user's; see :class:`Source`)."""
        return "option" if self.source.given_title else self.source.title_source

    def sentences(self, kinds: frozenset[str] | None = None) -> Iterator[Sentence]:
        for block in self.blocks:
            if kinds is None or block.kind in kinds:
                yield from block.sentences

    def body_sentences(self) -> Iterator[Sentence]:
        return self.sentences(BODY_KINDS)

    def body_text(self) -> str:
        """The text that is scored: every body block, one block per paragraph.

        The title (headline) and the credit line are not body text.
        """
        return "\n\n".join(
            " ".join(s.text for s in b.sentences) for b in self.blocks if b.kind in BODY_KINDS
        )

    def text(self) -> str:
        """The whole document as plain text, one block per line (title first)."""
        lines = [" ".join(s.text for s in b.sentences) for b in self.blocks if b.kind != "credit"]
        if self.credit:
            lines.append(self.credit)
        return "\n".join(lines)

    def find(self, sentence_id: str) -> tuple[Block, int]:
        """The block holding a sentence and the sentence's position in it.

        O(1) amortised through :class:`_Index`; the index is checked on every answer and
        rebuilt when the blocks were changed behind the doors' back, so it never answers wrong.
        """
        found = self._lookup().find(sentence_id)
        if found is None:
            self._index = _Index(self.blocks)
            found = self._index.find(sentence_id)
        if found is None:
            raise KeyError(sentence_id)
        return found

    def _lookup(self) -> _Index:
        index = self._index
        if index is None or index.blocks.items is not self.blocks:
            index = self._index = _Index(self.blocks)
        return index

    def sentence(self, sentence_id: str) -> Sentence:
        block, i = self.find(sentence_id)
        return block.sentences[i]

    def note(self, code: str, sentence_id: str | None, message: str) -> None:
        self.notes.append(Note(code, sentence_id, message))

    # ------------------------------------------------------------ the three doors
    def replace(
        self,
        sentence_id: str,
        start: int,
        end: int,
        new: str,
        *,
        rule: str,
        reason: str,
        data: str | None = None,
    ) -> Edit:
        """Replace ``text[start:end]`` of one sentence; the one door for word-level edits."""
        sentence = self.sentence(sentence_id)
        if not 0 <= start <= end <= len(sentence.text):
            raise ValueError(f"span {start}:{end} outside sentence {sentence_id}")
        if sentence.is_protected(start, end):
            raise ProtectedSpanError(f"{rule} would change a quotation in {sentence_id}")
        before = sentence.text[start:end]
        sentence.text = sentence.text[:start] + new + sentence.text[end:]
        delta = len(new) - (end - start)
        sentence.protected = [
            (ps + delta, pe + delta) if ps >= end else (ps, pe) for ps, pe in sentence.protected
        ]
        retokenize(sentence)
        edit = Edit(rule, sentence_id, (start, end), before, new, reason, "replace", data)
        self.edits.append(edit)
        return edit

    def split(
        self,
        sentence_id: str,
        parts: list[str],
        *,
        rule: str,
        reason: str,
        list_items: bool = False,
        data: str | None = None,
    ) -> Edit:
        """Replace one sentence by several new sentences (or by list items).

        Children get ids ``<id>.1``, ``<id>.2`` … so earlier ids stay valid. A quotation may be
        split only at its own sentence ends: every protected span of the sentence must come
        through unchanged in one of the parts.
        """
        block, index = self.find(sentence_id)
        sentence = block.sentences[index]
        parts = [p for p in parts if p.strip()]
        if len(parts) < 2:
            raise ValueError("a split needs at least two parts")
        for ps, pe in sentence.protected:
            quoted = sentence.text[ps:pe]
            if not any(quoted in p for p in parts):
                raise ProtectedSpanError(f"{rule} would break a quotation in {sentence_id}")
        children: list[Sentence] = []
        for n, part in enumerate(parts, 1):
            child = Sentence(
                id=f"{sentence_id}.{n}",
                text=part,
                origin=sentence.origin,
                line=sentence.line,
                column=sentence.column,
                kind=sentence.kind,
            )
            for ps, pe in sentence.protected:
                quoted = sentence.text[ps:pe]
                at = part.find(quoted)
                if at >= 0:
                    child.protected.append((at, at + len(quoted)))
            retokenize(child)
            children.append(child)
        edit = Edit(
            rule,
            sentence_id,
            (0, len(sentence.text)),
            sentence.text,
            " ".join(parts),
            reason,
            "split",
            data,
            parts=list(parts),
        )
        lookup = self._lookup()
        if list_items:
            block.sentences[index : index + 1] = children[:1]
            tail = block.sentences[index + 1 :]
            del block.sentences[index + 1 :]
            at = lookup.block_position(block) + 1
            new_blocks = [
                Block(id=f"{block.id}.li{n}", kind="list_item", sentences=[c])
                for n, c in enumerate(children[1:], 1)
            ]
            if tail:
                new_blocks.append(Block(id=f"{block.id}.rest", kind=block.kind, sentences=tail))
            self.blocks[at:at] = new_blocks
            lookup.replaced(block, index, sentence, children[:1])
            lookup.blocks.changed(at)
            for new_block in new_blocks:
                lookup.added(new_block, new_block.sentences)
        else:
            block.sentences[index : index + 1] = children
            lookup.replaced(block, index, sentence, children)
        self.edits.append(edit)
        return edit

    def add_gloss(
        self,
        entry: GlossEntry,
        *,
        rule: str,
        reason: str,
        explanation_sentence: str | None = None,
        data: str | None = None,
    ) -> Edit | None:
        """Record a glossary entry; optionally insert its explanation after the first use.

        Returns the insert edit, or None when only the glossary changed.
        """
        self.glossary.append(entry)
        if explanation_sentence is None or entry.first_sentence_id is None:
            return None
        block, index = self.find(entry.first_sentence_id)
        anchor = block.sentences[index]
        # Explanations already inserted for this anchor follow it directly (``<id>.g1`` …).
        at = index + 1
        while at < len(block.sentences) and block.sentences[at].id.startswith(anchor.id + ".g"):
            at += 1
        n = at - index
        new = Sentence(id=f"{anchor.id}.g{n}", text=explanation_sentence, kind="gloss")
        retokenize(new)
        block.sentences.insert(at, new)
        self._lookup().inserted(block, at, new)
        edit = Edit(
            rule, anchor.id, (len(anchor.text), len(anchor.text)), "", explanation_sentence,
            reason, "insert", data, parts=[new.id],
        )
        self.edits.append(edit)
        return edit

    # ------------------------------------------------------------------ ledger
    def mark(self) -> int:
        """A point in the ledger (its length now), for :meth:`rebase` to map spans from."""
        return len(self.edits)

    def rebase(self, sentence_id: str, start: int, end: int, *, since: int) -> tuple[int, int] | None:
        """Where ``[start, end)`` of a sentence, as it read at ledger point ``since``, is now.

        A stage that finds spans first and edits afterwards must map each span through the
        edits made since it looked (:meth:`mark`), or its second edit to a sentence lands at a
        stale offset, inside the first edit's new text or inside a word. This walks the
        ledger's replacements of the sentence since then: an edit wholly before the span
        (an insertion at its start included) shifts it, one wholly after leaves it. Returns
        ``None`` when an edit since then changed text inside the span, or split the sentence:
        the words the span pointed at are gone.

        >>> doc = Document(Source("-", "txt", ""), blocks=[Block("b1", "paragraph",
        ...     [Sentence("s1", "A QC told the NSPCC.")])])
        >>> at = doc.mark()
        >>> _ = doc.replace("s1", 4, 4, " (Queen's Counsel)", rule="r", reason="why")
        >>> doc.rebase("s1", 14, 19, since=at), doc.rebase("s1", 2, 4, since=at)
        ((32, 37), (2, 4))
        >>> _ = doc.replace("s1", 32, 37, "charity", rule="r", reason="why")
        >>> doc.rebase("s1", 14, 19, since=at) is None
        True
        """
        if not 0 <= since <= len(self.edits):
            raise ValueError(f"ledger point {since} outside 0..{len(self.edits)}")
        index = self._edit_index
        if index is None:
            index = self._edit_index = _EditIndex()
        for e in index.since(self.edits, sentence_id, since):
            if e.op == "split":
                return None
            if e.op != "replace":
                continue  # an inserted sentence leaves this sentence's text as it was
            a, b = e.span
            delta = len(e.after) - (b - a)
            if b <= start:
                start, end = start + delta, end + delta
            elif a >= end:
                continue
            else:
                return None
        return start, end

    def explain(self) -> list[str]:
        """One line per edit: rule, before -> after, because …"""
        lines = []
        for e in self.edits:
            if e.op == "insert":
                change = f"+ {e.after!r}"
            else:
                change = f"{e.before!r} -> {e.after!r}"
            lines.append(f"{e.sentence_id}\t{e.rule}\t{change}\t{e.reason}")
        return lines

    # ------------------------------------------------------------- serialising
    def to_dict(self, *, include_tokens: bool = False) -> dict[str, Any]:
        def sentence_dict(s: Sentence) -> dict[str, Any]:
            d: dict[str, Any] = {
                "id": s.id,
                "text": s.text,
                "kind": s.kind,
                "origin": list(s.origin) if s.origin else None,
                "line": s.line,
                "column": s.column,
            }
            if s.protected:
                d["protected"] = [list(p) for p in s.protected]
            if include_tokens:
                d["tokens"] = [t._asdict() for t in s.tokens]
            return d

        return {
            "schema_version": SCHEMA_VERSION,
            "source": {
                "path": self.source.path,
                "format": self.source.format,
                "title": self.title,
                "title_source": self.title_source,
                "original_title": self.source.title,
                "encoding": self.source.encoding,
            },
            "lang": self.lang,
            "profile": self.profile,
            "credit": self.credit,
            "blocks": [
                {
                    "id": b.id,
                    "kind": b.kind,
                    "line": b.line,
                    "sentences": [sentence_dict(s) for s in b.sentences],
                }
                for b in self.blocks
            ],
            "glossary": [asdict(g) for g in self.glossary],
            "edits": [
                {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(e).items()}
                for e in self.edits
            ],
            "notes": [asdict(n) for n in self.notes],
            "scores": {phase: scores.to_dict() for phase, scores in self.scores.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        src = data["source"]
        doc = cls(
            source=Source(src["path"], src["format"], "", src.get("original_title", src.get("title")),
                          src.get("encoding", "utf-8"),
                          None if src.get("title_source") == "option" else src.get("title_source"),
                          src.get("title") if src.get("title_source") == "option" else None),
            lang=data.get("lang", "en"),
            credit=data.get("credit"),
            profile=data.get("profile"),
        )
        for b in data["blocks"]:
            block = Block(id=b["id"], kind=b["kind"], line=b.get("line"))
            for s in b["sentences"]:
                sentence = Sentence(
                    id=s["id"],
                    text=s["text"],
                    origin=tuple(s["origin"]) if s.get("origin") else None,  # type: ignore[arg-type]
                    line=s.get("line"),
                    column=s.get("column"),
                    kind=s.get("kind", "text"),
                    protected=[tuple(p) for p in s.get("protected", [])],  # type: ignore[misc]
                )
                retokenize(sentence)
                block.sentences.append(sentence)
            doc.blocks.append(block)
        doc.glossary = [GlossEntry(**g) for g in data.get("glossary", [])]
        for e in data.get("edits", []):
            e = dict(e)
            e["span"] = tuple(e["span"])
            doc.edits.append(Edit(**e))
        doc.notes = [Note(**n) for n in data.get("notes", [])]
        from easyread.score import Scores

        doc.scores = {phase: Scores.from_dict(d) for phase, d in data.get("scores", {}).items()}
        return doc


class _Positions:
    """Where each item of a list is, repaired lazily after insertions (O(1) amortised).

    ``changed(at)`` says the list changed from ``at`` on: positions before it are still
    right. A lookup of an item at or after that point walks forward from it, writing down the
    positions it passes, so a stage that edits sentences in order pays once for each shift,
    not once per sentence. An answer is always checked (``items[i] is item``); ``None`` means
    the item is not where the index can find it (the list was changed behind its back).
    """

    __slots__ = ("items", "pos", "valid")

    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.pos: dict[int, int] = {id(x): i for i, x in enumerate(items)}
        self.valid = len(items)

    def changed(self, at: int) -> None:
        self.valid = min(self.valid, at)

    def index(self, item: Any) -> int | None:
        items = self.items
        i = self.pos.get(id(item))
        if i is not None and i < self.valid and i < len(items) and items[i] is item:
            return i
        j = self.valid
        while j < len(items):
            x = items[j]
            self.pos[id(x)] = j
            j += 1
            if x is item:
                self.valid = j
                return j - 1
        self.valid = len(items)
        return None


class _Index:
    """Sentence id -> (block, position): what makes :meth:`Document.find` O(1) amortised."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = _Positions(blocks)
        self.sentence: dict[str, Sentence] = {}
        self.block_of: dict[str, Block] = {}
        self.in_block: dict[int, _Positions] = {}
        for block in blocks:
            self.added(block, block.sentences)

    def added(self, block: Block, sentences: list[Sentence]) -> None:
        for s in sentences:
            self.sentence[s.id] = s
            self.block_of[s.id] = block

    def positions(self, block: Block) -> _Positions:
        found = self.in_block.get(id(block))
        if found is None or found.items is not block.sentences:
            found = self.in_block[id(block)] = _Positions(block.sentences)
        return found

    def block_position(self, block: Block) -> int:
        at = self.blocks.index(block)
        if at is None:
            raise KeyError(block.id)
        return at

    def find(self, sentence_id: str) -> tuple[Block, int] | None:
        sentence = self.sentence.get(sentence_id)
        block = self.block_of.get(sentence_id)
        if sentence is None or block is None or sentence.id != sentence_id:
            return None
        if self.blocks.index(block) is None:
            return None
        at = self.positions(block).index(sentence)
        return None if at is None else (block, at)

    def replaced(self, block: Block, at: int, old: Sentence, new: list[Sentence]) -> None:
        if self.sentence.get(old.id) is old:
            del self.sentence[old.id]
            del self.block_of[old.id]
        self.added(block, new)
        self.positions(block).changed(at)

    def inserted(self, block: Block, at: int, new: Sentence) -> None:
        self.added(block, [new])
        self.positions(block).changed(at)


class _EditIndex:
    """The ledger's edits by sentence id, for :meth:`Document.rebase` (appends are indexed
    lazily; a ledger replaced or cut behind its back is indexed again)."""

    def __init__(self) -> None:
        self.edits: list[Edit] | None = None
        self.count = 0
        self.by_sentence: dict[str, list[int]] = {}
        self._last: Edit | None = None

    def since(self, edits: list[Edit], sentence_id: str, since: int) -> list[Edit]:
        if (
            edits is not self.edits
            or len(edits) < self.count
            or (self.count and self._last is not edits[self.count - 1])
        ):
            self.edits, self.count, self.by_sentence = edits, 0, {}
        for k in range(self.count, len(edits)):
            self.by_sentence.setdefault(edits[k].sentence_id, []).append(k)
        self.count = len(edits)
        self._last = edits[-1] if edits else None
        positions = self.by_sentence.get(sentence_id, [])
        return [edits[k] for k in positions[bisect.bisect_left(positions, since) :]]


def retokenize(sentence: Sentence) -> None:
    """Re-tokenize a sentence after its text changed (the only writer of ``tokens``)."""
    sentence.tokens = tokenize(sentence.text)


class LineIndex:
    """Maps character offsets of a source text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def replay(sentences: dict[str, str], order: list[str], edits: list[Edit]) -> list[str]:
    """Apply an edit ledger to the source sentences; returns the sentence texts in order.

    ``sentences`` maps ids to the segmented source text and ``order`` is their order. It is
    how the invariant "replaying the ledger on the source gives the output" is tested.
    """
    texts = dict(sentences)
    # The order is a linked list (id -> next id), so each split and insert is O(1), not a
    # search of the whole sequence: replaying a long document's ledger stays linear.
    head = "\x00head"
    nxt: dict[str, str | None] = {}
    prev: dict[str, str] = {}
    last = head
    for sid in order:
        nxt[last], prev[sid] = sid, last
        last = sid
    nxt[last] = None
    for e in edits:
        if e.op == "replace":
            text = texts[e.sentence_id]
            start, end = e.span
            if text[start:end] != e.before:
                raise ValueError(f"ledger does not match at {e.sentence_id}: {e.before!r}")
            texts[e.sentence_id] = text[:start] + e.after + text[end:]
        elif e.op == "split":
            assert e.parts is not None
            if texts[e.sentence_id] != e.before:
                raise ValueError(f"ledger does not match at {e.sentence_id}")
            if e.sentence_id not in prev:
                raise ValueError(f"{e.sentence_id} is not in the sequence")
            ids = [f"{e.sentence_id}.{n}" for n in range(1, len(e.parts) + 1)]
            before, after = prev.pop(e.sentence_id), nxt.pop(e.sentence_id)
            for sid in ids:
                nxt[before], prev[sid] = sid, before
                before = sid
            nxt[before] = after
            if after is not None:
                prev[after] = before
            texts.update(zip(ids, e.parts, strict=True))
        elif e.op == "insert":
            assert e.parts is not None
            new_id = e.parts[0]
            if e.sentence_id not in prev:
                raise ValueError(f"{e.sentence_id} is not in the sequence")
            at = e.sentence_id
            follow = nxt[at]
            while follow is not None and follow.startswith(e.sentence_id + ".g"):
                at, follow = follow, nxt[follow]
            nxt[at], prev[new_id], nxt[new_id] = new_id, at, follow
            if follow is not None:
                prev[follow] = new_id
            texts[new_id] = e.after
    out: list[str] = []
    walk = nxt[head]
    while walk is not None:
        out.append(texts[walk])
        walk = nxt[walk]
    return out

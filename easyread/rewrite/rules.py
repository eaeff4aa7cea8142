"""Rule machinery: rules propose, stages dispose.

A *rule* is a small pure function ``(sentence, ctx) -> list[Proposal]``. It reads the
sentence (its text, tokens and, through ``ctx``, POS tags and data tables) and proposes
replacements or splits; it does no I/O and never touches the :class:`~easyread.document.Document`.

A *stage* runs its rules in declared order and applies what they propose through the
document's doors. On overlapping proposals the earlier rule wins; a proposal that overlaps a
protected span (a direct quotation) is skipped; and the meaning guard
(:mod:`easyread.rewrite.guard`) checks every edit before it is accepted.

Note codes: ``W601`` a rule was skipped by the meaning guard, ``W602`` a long sentence had no
safe split point, ``W603`` an aside was dropped (easy read only), ``W604`` a door refused
an edit (a quotation would break).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from easyread.config import Config
from easyread.document import Document, ProtectedSpanError, Sentence, Token
from easyread.pipeline import Context
from easyread.rewrite.guard import allowed_loss, missing

#: Block kinds the rewrite stages work on (the credit line is never rewritten).
REWRITE_KINDS: frozenset[str] = frozenset(
    {"title", "standfirst", "heading", "paragraph", "quote", "list_item"}
)


@dataclass(frozen=True)
class Proposal:
    """One suggested change to one sentence.

    ``span`` is a character span of the sentence text and ``replacement`` its new text. A split
    proposal also carries ``parts`` (the new sentences); ``dropped`` lists the facts (numbers,
    names) an aside-dropping rule removes on purpose.
    """

    span: tuple[int, int]
    replacement: str
    rule_id: str
    reason: str
    parts: tuple[str, ...] = ()
    list_items: bool = False
    dropped: tuple[str, ...] = ()


@dataclass
class RuleContext:
    """What a rule may read besides the sentence: config, block kind, tags, shared cache."""

    config: Config
    block_kind: str = "paragraph"
    cache: dict[str, Any] = field(default_factory=dict)
    _tags: list[str] | None = None
    _tagged: Sentence | None = None

    def tags(self, sentence: Sentence) -> list[str]:
        """Penn tags aligned with ``sentence.tokens`` (tagged once per sentence text)."""
        if self._tags is None or self._tagged is not sentence:
            self._tags = tag_tokens(sentence.tokens, self.cache)
            self._tagged = sentence
        return self._tags

    @property
    def profile(self) -> str:
        return self.config.profile


Rule = Callable[[Sentence, RuleContext], list[Proposal]]


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule: versioned id, function, and whether it runs only in a profile with
    the ``easy`` trait (``config.easy``: the built-in ``easy-read`` and ``large-print``, or a
    user's own profile with ``easy = true``)."""

    id: str
    func: Rule
    easy: bool = False

    def active(self, config: Config) -> bool:
        if self.easy and not config.easy:
            return False
        return config.rule_enabled(self.id)


#: Tagged sentences kept per document run (a few hundred bytes each). Every stage tags the
#: sentences it reads; kept for the whole of a 5 MB document, each sentence is tagged once
#: rather than once per stage, so the time per MB does not grow with the document.
TAG_CACHE_SIZE = 100_000

_CONTRACTION = re.compile(r"(?i)^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$")


def tag_tokens(tokens: Sequence[Token], cache: dict[str, Any] | None = None) -> list[str]:
    """Penn tags for our tokens; contractions are split for the tagger and joined back.

    A contraction gets the tag of its first part (``don't`` -> ``VBP``), except a possessive,
    which keeps its noun's tag.
    """
    from easyread.tagger import tag

    words: list[str] = []
    owner: list[int] = []
    for i, tok in enumerate(tokens):
        m = _CONTRACTION.match(tok.text) if tok.kind == "word" else None
        if m and tok.text.lower() not in ("can't", "won't", "can’t", "won’t"):
            words.extend([m.group(1), m.group(2)])
            owner.extend([i, -1])
        elif m:
            words.extend([tok.text[:2], tok.text[2:]])
            owner.extend([i, -1])
        else:
            words.append(tok.text)
            owner.append(i)
    key = "\x1f".join(words)
    memo: dict[str, list[str]] | None = None
    if cache is not None:
        memo = cache.setdefault("tags", {})
        if key in memo:
            return memo[key]
    raw = tag(words) if words else []
    tags = [raw[k] for k, i in enumerate(owner) if i >= 0]
    if memo is not None:
        memo[key] = tags
        while len(memo) > TAG_CACHE_SIZE:  # the oldest go first
            del memo[next(iter(memo))]
    return tags


def word_count(sentence: Sentence) -> int:
    return sum(1 for t in sentence.tokens if t.kind in ("word", "number"))


def match_case(original: str, new: str) -> str:
    """Give ``new`` the capitalisation of ``original`` (first letter, or all caps).

    >>> match_case("Prior to", "before")
    'Before'
    >>> match_case("UTILISE", "use")
    'USE'
    """
    if len(original) > 1 and original.isupper():
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or a == b


def guard_reason(before: str, after: str, proposal: Proposal) -> list[str]:
    """The facts an edit would lose (empty = the edit keeps the meaning)."""
    lost = missing(before, after)
    lost = allowed_loss(lost, before[proposal.span[0] : proposal.span[1]], proposal.rule_id)
    return [item for item in lost if item not in proposal.dropped]


def rule_sentences(doc: Document) -> list[tuple[str, Sentence]]:
    """``(block kind, sentence)`` for every sentence the rewrite stages may change.

    A sentence over the length limit (:meth:`Sentence.too_long`) is not one: every stage
    leaves it as it is (``easyread.pipeline.process`` notes it, ``W606``).
    """
    return [
        (block.kind, s)
        for block in doc.blocks
        if block.kind in REWRITE_KINDS
        for s in block.sentences
        if s.kind == "text" and not s.too_long()
    ]


_WEB = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|uk|io|co|info|tv|me|eu|de|fr|au|ca|us)\b(?:/\S*)?"
    r"|\S+@[\w-]+(?:\.[\w-]+)+")


def web_spans(text: str) -> list[tuple[int, int]]:
    """Spans of web addresses and e-mail addresses (``vimeo.com/37751380``): replacement rules
    never edit inside them (a number in a link is not a quantity; a word in it is not prose).

    >>> web_spans("Watch it at vimeo.com/37751380 today.")
    [(12, 30)]
    """
    return [(m.start(), m.end() - (1 if m.group().endswith((".", ",", ")")) else 0)) for m in _WEB.finditer(text)]


def apply_replacements(doc: Document, ctx: Context, rules: Sequence[RuleSpec], data: str) -> Document:
    """Run replacement rules on every sentence and apply the winners through ``doc.replace``.

    Earlier rules win on overlaps; protected spans are skipped; the guard checks each edit.
    """
    active = [r for r in rules if r.active(ctx.config)]
    if not active:
        return doc
    from easyread.deadline import check
    from easyread.rewrite.gloss import is_explanation

    for kind, sentence in rule_sentences(doc):
        check(f"the {active[0].id.split('.')[0]} rules")  # E326 once over the time limit
        if is_explanation(sentence.text, ctx.config):
            continue  # a gloss explanation (from an earlier run) is already in easy words
        rctx = RuleContext(ctx.config, kind, ctx.cache)
        accepted: list[Proposal] = []
        links = web_spans(sentence.text) if "." in sentence.text or "@" in sentence.text else []
        for spec in active:
            for p in spec.func(sentence, rctx):
                if p.span[0] == p.span[1] and not p.replacement:
                    continue
                if any(overlaps(p.span, w) for w in links):
                    continue  # inside a web or e-mail address
                if sentence.text[p.span[0] : p.span[1]] == p.replacement:
                    continue
                if any(overlaps(p.span, q.span) for q in accepted):
                    continue
                if sentence.is_protected(*p.span):
                    continue
                after = sentence.text[: p.span[0]] + p.replacement + sentence.text[p.span[1] :]
                lost = guard_reason(sentence.text, after, p)
                if lost:
                    doc.note("W601", sentence.id, f"{p.rule_id} skipped: would lose {', '.join(lost)}")
                    continue
                accepted.append(p)
        # Right to left, so each span is still at its offsets when applied. On a tie an
        # insertion ``(x, x)`` goes after a replacement ``(x, y)`` (it then lands before the
        # new text); applied first, the replacement would overwrite what it inserted.
        for p in sorted(accepted, key=lambda q: q.span, reverse=True):
            doc.replace(
                sentence.id, p.span[0], p.span[1], p.replacement,
                rule=p.rule_id, reason=p.reason, data=data,
            )
    return doc


def try_split(doc: Document, sentence: Sentence, p: Proposal, data: str) -> bool:
    """Apply one split proposal if the guard and the doors allow it."""
    joined = " ".join(p.parts)
    lost = guard_reason(sentence.text, joined, p)
    if lost:
        doc.note("W601", sentence.id, f"{p.rule_id} skipped: would lose {', '.join(lost)}")
        return False
    try:
        doc.split(
            sentence.id, list(p.parts), rule=p.rule_id, reason=p.reason,
            list_items=p.list_items, data=data,
        )
    except ProtectedSpanError:
        doc.note("W604", sentence.id, f"{p.rule_id} skipped: it would break a quotation")
        return False
    except ValueError:
        return False
    if p.dropped:
        doc.note("W603", sentence.id, f"{p.rule_id} dropped: {', '.join(p.dropped)}")
    return True


def demo(rule: Rule, text: str, *, profile: str = "plain", max_words: int | None = None) -> str:
    """Run one rule on one sentence and apply what it proposes: the doctest helper.

    Replacements are applied right to left (earliest proposal wins on overlaps); a split
    proposal returns its parts joined by spaces.
    """
    from dataclasses import replace as dc_replace

    from easyread.document import retokenize

    config = Config(profile=profile)
    if max_words is not None:
        config = dc_replace(config, rewrite_max_words=max_words)
    elif profile != "plain":
        config = dc_replace(config, rewrite_max_words=15)
    sentence = Sentence(id="s", text=text)
    retokenize(sentence)
    proposals = rule(sentence, RuleContext(config))
    for p in proposals:
        if p.parts:
            return " ".join(p.parts)
    accepted: list[Proposal] = []
    for p in proposals:
        if not any(overlaps(p.span, q.span) for q in accepted):
            accepted.append(p)
    out = text
    for p in sorted(accepted, key=lambda q: q.span, reverse=True):
        out = out[: p.span[0]] + p.replacement + out[p.span[1] :]
    return out

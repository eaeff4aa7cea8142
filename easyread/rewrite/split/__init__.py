"""The ``split`` stage: long sentences become short ones at safe points.

A sentence longer than ``config.rewrite_max_words`` (20 plain, 15 easy read) is split at the
first safe point the rules find, in the order of :data:`RULES`; each piece is repaired into a
sentence (capital, full stop, the subject repeated where it is needed). Pieces are split
again until they fit or no safe point is left; then the sentence stays and a ``W602`` note
says so.

Two rule families, one registry:

- :mod:`~easyread.rewrite.split.syntax_rules`: kinds over a dependency parse (easyread's
  spaCy parser trained on UD English EWT), instances in ``easyread/data/split_syntax.toml``;
- :mod:`~easyread.rewrite.split.pos_rules`: patterns over part-of-speech tags, instances in
  ``easyread/data/split.toml``.

Every split, from either family, goes through one path (:func:`apply`): the meaning guard,
the document's doors (which refuse to break a quotation), and the post-condition
(:mod:`~easyread.rewrite.split.postcheck`): each new sentence is parsed and must have a
subject and a finite verb, or be an imperative; otherwise the split is refused (``W605``).

Guidance: UK government easy read: at most 10-15 words, one idea and one verb per sentence;
US Federal Plain Language Guidelines: write short sentences, one idea each.
"""

from __future__ import annotations

from typing import Any

from easyread.document import Document, Sentence
from easyread.pipeline import Context, FunctionStage
from easyread.rewrite.rules import (
    Proposal,
    RuleContext,
    RuleSpec,
    apply_replacements,
    guard_reason,
    rule_sentences,
    try_split,
    word_count,
)
from easyread.rewrite.split import pos_rules, syntax_rules
from easyread.rewrite.split.pos_rules import *  # noqa: F403  (the rule functions, for callers and doctests)
from easyread.rewrite.split.pos_rules import _inflect, _table, finish  # noqa: F401
from easyread.rewrite.split.postcheck import fragment_reason, list_reason

#: Every split rule, in the order the stage tries them (the first that applies wins).
RULES: tuple[RuleSpec, ...] = (
    RuleSpec("split.drop_aside.v3", pos_rules.drop_aside, easy=True),
    RuleSpec("split.frame.v1", pos_rules.frame, easy=True),
    RuleSpec("split.attribution.v1", pos_rules.attribution),
    RuleSpec("split.attribution_lead.v1", pos_rules.attribution_lead),
    RuleSpec("split.appositive.v1", pos_rules.appositive),
    RuleSpec("split.appositive_name.v1", pos_rules.appositive_name),
    RuleSpec("split.age.v1", pos_rules.age),
    RuleSpec("split.relative_clause.v2", pos_rules.relative_clause),
    RuleSpec("split.relative_sentential.v1", pos_rules.relative_sentential),
    RuleSpec("split.when_doing.v1", pos_rules.when_doing),
    RuleSpec("split.participle_lead.v1", pos_rules.participle_lead),
    RuleSpec("split.participle.v1", pos_rules.participle),
    RuleSpec("split.list.v1", pos_rules.list_items),
    RuleSpec("split.conjunction.v1", pos_rules.conjunction),
    RuleSpec("split.contrast.v1", pos_rules.contrast),
    RuleSpec("split.appositive_end.v1", pos_rules.appositive_end),
    RuleSpec("split.conjunction_bare.v1", pos_rules.conjunction_bare),
    RuleSpec("split.after_event.v1", pos_rules.after_event),
    RuleSpec("split.coordinated_there.v1", pos_rules.coordinated_there),
    RuleSpec("split.verb_phrase.v1", pos_rules.verb_phrase),
    RuleSpec("split.subordinate.v1", pos_rules.subordinate),
    RuleSpec("split.reduced_relative.v2", pos_rules.reduced_relative),
    RuleSpec("split.time_phrase.v1", pos_rules.time_phrase),
    # Dependency-pattern kinds: where the part-of-speech patterns above find no safe point.
    RuleSpec("split.relative.v1", syntax_rules.relative),
    RuleSpec("split.clause_punct.v1", syntax_rules.clause_punct),
    RuleSpec("split.adverbial.v1", syntax_rules.adverbial),
    RuleSpec("split.coordinate.v1", syntax_rules.coordinate),
    RuleSpec("split.verb_series.v1", syntax_rules.verb_series),
    RuleSpec("split.participle_aside.v1", syntax_rules.participle_aside),
    RuleSpec("split.apposition.v1", syntax_rules.apposition),
    RuleSpec("split.reported.v1", syntax_rules.reported),
    RuleSpec("split.lead_phrase.v1", syntax_rules.lead_phrase),
    RuleSpec("split.with_phrase.v1", syntax_rules.with_phrase),
)
#: Rules applied to every sentence of the stage (not only over-long ones), before splitting.
EVERY_SENTENCE: tuple[RuleSpec, ...] = (
    RuleSpec("split.opener.v1", pos_rules.opener, easy=True),
    RuleSpec("split.filler.v1", pos_rules.filler, easy=True),
    RuleSpec("split.connective.v1", pos_rules.connective),
)


def data_version() -> str:
    syn = syntax_rules.table().get("version", "?")
    return f"split@{_table().get('version', '?')}+split_syntax@{syn}"


def apply(doc: Document, sentence: Sentence, p: Proposal, data: str, ctx: RuleContext | None = None) -> bool:
    """The one path that applies a split-stage proposal: post-condition, guard, doors."""
    if p.parts:
        cache = ctx.cache if ctx is not None else None
        if p.list_items:
            why = list_reason(sentence.text, list(p.parts[1:]), cache)
            if why:
                doc.note("W605", sentence.id, f"{p.rule_id} refused: {why}")
                return False
        else:
            if not _unbalanced(sentence.text) and any(_unbalanced(part) for part in p.parts):
                doc.note("W605", sentence.id, f"{p.rule_id} refused: it would cut inside brackets")
                return False  # "(the guess is 25%, when it is 13%. This is according to …)"
            if cache is not None:
                _prefetch_parts(p.parts, cache)
            for part in p.parts:
                if sentence.is_protected(0, len(sentence.text)) and part in sentence.text:
                    continue
                why = fragment_reason(part, cache)
                if why:
                    doc.note("W605", sentence.id, f"{p.rule_id} refused: {part!r} would not be a sentence ({why})")
                    return False
        return try_split(doc, sentence, p, data)
    after = sentence.text[: p.span[0]] + p.replacement + sentence.text[p.span[1] :]
    if sentence.is_protected(*p.span) or guard_reason(sentence.text, after, p):
        return False
    doc.replace(sentence.id, p.span[0], p.span[1], p.replacement, rule=p.rule_id,
                reason=p.reason + (f"; dropped {', '.join(p.dropped)}" if p.dropped else ""), data=data)
    if p.dropped:
        doc.note("W603", sentence.id, f"{p.rule_id} dropped: {', '.join(p.dropped)}")
    return True


def _unbalanced(text: str) -> bool:
    """An opening bracket without its closing one, or the other way round (round or square)."""
    return text.count("(") != text.count(")") or text.count("[") != text.count("]")


def _pointed_at(doc: Document, sid: str) -> bool:
    """The sentence after ``sid`` in its block opens with a word that points back at it (``This
    was between 2006 and 2013.``; ``[anchors]`` in split.toml): splitting ``sid`` would put a
    new sentence between them, and ``This`` would point at that one. Read from the text, so a
    second run sees the same."""
    conf = pos_rules._table()["anchors"]
    block, i = doc.find(sid)
    if i + 1 >= len(block.sentences):
        return False
    text = block.sentences[i + 1].text
    return text.startswith(tuple(str(a) for a in conf["openers"])) and not text.startswith(
        tuple(str(a) for a in conf["except"]))


def _prefetch_parts(parts: tuple[str, ...], cache: dict[str, Any]) -> None:
    """Parse a proposal's new sentences in one batch (the post-condition finds them cached)."""
    from easyread import syntax
    from easyread.nlp import tokenize

    if syntax.model_available():
        texts = [part.strip() for part in parts if part.strip()]
        syntax.parse_many([(tokenize(t), t) for t in texts], cache)


def _prefetch_parses(doc: Document, ctx: Context, limit: int) -> None:
    """Parse every over-long sentence in one batched pass (the rules then find them cached)."""
    from easyread import syntax

    long_ones = [(s.tokens, s.text) for kind, s in rule_sentences(doc) if kind != "title" and word_count(s) > limit]
    if long_ones and syntax.model_available():
        syntax.parse_many(long_ones, ctx.cache)


def run(doc: Document, ctx: Context) -> Document:
    """The ``split`` stage: split every over-long sentence until it fits or no safe point is left."""
    limit = ctx.config.rewrite_max_words
    active = [r for r in RULES if r.active(ctx.config)]
    data = data_version()
    apply_replacements(doc, ctx, EVERY_SENTENCE, data)
    _prefetch_parses(doc, ctx, limit)
    keeps_last = frozenset(str(r) for r in pos_rules._table()["anchors"]["main_last_rules"])
    for kind, first in rule_sentences(doc):
        if kind == "title":
            continue
        queue = [first.id]
        rounds = 0
        while queue and rounds < 50:
            rounds += 1
            sid = queue.pop(0)
            sentence = doc.sentence(sid)
            if word_count(sentence) <= limit:
                continue
            rctx = RuleContext(ctx.config, kind, ctx.cache)
            anchored = _pointed_at(doc, sid)
            done = False
            for spec in active:
                for p in spec.func(sentence, rctx):
                    if p.parts and anchored and p.rule_id not in keeps_last:
                        continue  # the next sentence points back at this one ("This was …"): a
                        # sentence put between them would take "This" (blind review 12)
                    if apply(doc, sentence, p, data, rctx):
                        done = True
                        break
                if done:
                    break
            if not done:
                if not sentence.protected or not any(
                    e - s >= len(sentence.text) - 2 for s, e in sentence.protected
                ):
                    doc.note("W602", sid, f"{word_count(sentence)} words and no safe split point")
                continue
            if doc.edits[-1].op == "split" and doc.edits[-1].sentence_id == sid:
                queue[:0] = [f"{sid}.{n}" for n in range(1, len(doc.edits[-1].parts or []) + 1)]
            else:
                queue.insert(0, sid)
    return doc


STAGE = FunctionStage("split", ("tokens",), ("edits", "sentences"), run)

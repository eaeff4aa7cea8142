"""Checks of a processed document against its source and its edit ledger (issue 16).

Shared by ``tests/test_invariants.py`` (golden cases and real articles, every stage) and
``tests/rewrite/test_gloss.py``. Each check returns a list of problems (empty = it holds),
so a failing test can say which edit went wrong.

* :func:`replay_problems` — replaying the ledger on the source sentences gives the output.
* :func:`gloss_problems` — every text the gloss stage put into a sentence (an acronym's
  expansion in brackets, or the acronym written out) stands right after (or in place of)
  its acronym, and is in the output intact: not inside a word, not broken by a later edit.
  Replay alone cannot see this: a ledger that records a stale offset replays to the same
  garbled text.
* :func:`expansion_problems` — the same seen from the output text alone.
* :func:`guard_problems` — the meaning guard, edit by edit, for every rule (gloss too), with
  the exceptions stated there; :func:`quotations` — the quoted spans of a document.

Also used by ``tests/test_fuzz.py`` (issue 14) on mutated sentences.
"""

from __future__ import annotations

import re

from easyread.document import Document, Edit, replay
from easyread.rewrite.guard import missing


def source_state(doc: Document) -> tuple[dict[str, str], list[str]]:
    """The sentence texts by id and their order, of an unprocessed document."""
    sentences = list(doc.sentences())
    return {s.id: s.text for s in sentences}, [s.id for s in sentences]


def output_sentences(doc: Document) -> list[str]:
    return [s.text for s in doc.sentences()]


def replay_problems(source: Document, doc: Document) -> list[str]:
    texts, order = source_state(source)
    try:
        replayed = replay(texts, order, doc.edits)
    except (KeyError, ValueError) as exc:
        return [f"the ledger does not replay: {exc!r}"]
    out = output_sentences(doc)
    if replayed == out:
        return []
    diff = next((i for i, (a, b) in enumerate(zip(replayed, out, strict=False)) if a != b),
                min(len(replayed), len(out)))
    return [f"replay differs at sentence {diff}: "
            f"{replayed[diff] if diff < len(replayed) else None!r} != "
            f"{out[diff] if diff < len(out) else None!r}"]


def _glued(text: str, at: int) -> bool:
    """True if offset ``at`` of ``text`` falls between two letters or digits (inside a word)."""
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def gloss_problems(source: Document, doc: Document) -> list[str]:
    """What the gloss stage wrote into sentences that did not come through whole."""
    problems: list[str] = []
    texts, _ = source_state(source)
    final = {s.id: s.text for s in doc.sentences()}
    acronyms: dict[str, set[str]] = {}
    for entry in doc.glossary:
        if entry.kind == "acronym" and entry.expansion:
            acronyms.setdefault(entry.expansion, set()).add(entry.term)
    for i, edit in enumerate(doc.edits):
        if edit.op == "split":
            assert edit.parts is not None
            texts.update({f"{edit.sentence_id}.{n}": p for n, p in enumerate(edit.parts, 1)})
            continue
        if edit.op != "replace":
            continue
        before = texts[edit.sentence_id]
        start, end = edit.span
        texts[edit.sentence_id] = before[:start] + edit.after + before[end:]
        if not edit.rule.startswith("gloss."):
            continue
        where = f"{edit.sentence_id} {edit.rule} {edit.after!r}"
        if _glued(before, start) or _glued(before, end):
            problems.append(f"{where}: edit at {start}:{end} is inside a word of {before!r}")
        if edit.rule.startswith("gloss.acronym."):
            terms = acronyms.get(edit.after.strip().strip("()"), set())
            if start == end:  # in brackets right after its acronym (or its plural or possessive)
                follows = any(re.search(rf"(?<!\w){re.escape(t)}(?:['’]?s)?$", before[:start])
                              for t in terms)
            else:  # the acronym written out
                follows = edit.before in terms
            if not follows:
                problems.append(f"{where}: not at its acronym {sorted(terms)} in {before!r}")
        # Where the new text is now: mapped through every later edit of the sentence.
        now = doc.rebase(edit.sentence_id, start, start + len(edit.after), since=i + 1)
        text = final.get(edit.sentence_id, "")
        if now is None or text[now[0] : now[1]] != edit.after:
            problems.append(f"{where}: a later edit changed it; the sentence reads {text!r}")
        if edit.after.strip() not in text:
            problems.append(f"{where}: not intact in {text!r}")
    return problems


def expansion_problems(doc: Document) -> list[str]:
    """Every acronym the gloss stage expanded or wrote out is in the output text intact and
    not glued to a word; an expansion in brackets appears once and holds no other one."""
    problems: list[str] = []
    text = doc.text()
    added = [e.after.strip() for e in doc.edits
             if e.op == "replace" and e.rule.startswith("gloss.acronym")]
    for inner in added:
        at = text.find(inner)
        if at < 0:
            problems.append(f"{inner!r} is not intact in the text")
            continue
        if _glued(text, at) or _glued(text, at + len(inner)):
            problems.append(f"{inner!r} is glued to a word")
        if not inner.startswith("("):
            continue  # written out in full (easy read, in a heading)
        if text.count(inner) != 1:
            problems.append(f"{inner!r} appears {text.count(inner)} times")
        body = inner[1:-1]
        if "(" in body or ")" in body:
            problems.append(f"{inner!r} has brackets inside")
        problems += [f"{other!r} is inside {inner!r}" for other in added
                     if other != inner and other in body]
    return problems


def quotations(doc: Document) -> list[str]:
    """The quoted (protected) spans of every sentence of ``doc``."""
    return [s.text[a:z] for block in doc.blocks for s in block.sentences for a, z in s.protected]


def guard_problems(source: Document, doc: Document) -> list[str]:
    """Facts each edit lost, except what its rule converts or records: ``numbers.*`` convert
    numbers, ``split.drop_aside.*`` record what they drop, and ``gloss.acronym.*`` may write
    an acronym out in full (the acronym itself is then gone, on purpose)."""
    texts, _ = source_state(source)
    problems: list[str] = []
    for edit in doc.edits:
        if edit.op == "insert":
            continue
        before = texts.get(edit.sentence_id, edit.before)
        if edit.op == "split":
            assert edit.parts is not None
            after = " ".join(edit.parts)
            texts.update({f"{edit.sentence_id}.{n}": p for n, p in enumerate(edit.parts, 1)})
        else:
            start, end = edit.span
            after = before[:start] + edit.after + before[end:]
            texts[edit.sentence_id] = after
        if edit.rule.startswith("numbers.") or edit.rule.startswith("split.drop_aside."):
            continue
        lost = missing(before, after)
        if edit.rule.startswith("gloss.acronym."):
            lost = [item for item in lost if item != f"name:{edit.before}"]
        if lost:
            problems.append(f"{edit.sentence_id} {edit.rule} lost {lost}: {edit}")
    return problems


def second_run_allowed(edit: Edit, first: Document, reread: Document) -> bool:
    """The changes a second run may make (docs/rules.md, "Idempotence"):

    * a ``split.*`` rule may split a sentence that the first run's ``gloss.acronym.v1``
      lengthened with an expansion in brackets (plain profile): the expansion's words now count
      towards the length that decides whether a sentence is split;
    * ``numbers.words_to_digits.v1`` may write as a digit a capitalised number word at the
      start of a sentence when the first run split sentences: mid-sentence, its capital made it
      a name ("after Three figures showed"), and a split brought it to the start;
    * a ``gloss.*`` rule may explain a term the first run listed in the glossary only (``W612``)
      after splitting its sentence: the explanation had to follow the last piece, which ended
      inside a quotation that never closes; read again, the pieces are sentences of their own;
    * ``numbers.percent.v2`` and ``numbers.round_large.v1`` may convert a number of a sentence
      the first run split: a sentence's numbers are converted all or none ("71% …, up from
      61%" keeps both), and once a split has put them in different sentences, each is judged
      alone;
    * ``words.lexicon.v1`` may replace a word next to one it replaced on the first run: the
      tagger reads the word's part of speech from its neighbours ("and transmitting
      transmitting": the second was not a verb beside the first, it is one beside "passing on").

    ``reread`` is the first run's output read again (the second run's source).
    """
    if edit.rule == "words.lexicon.v1":
        text = reread.sentence(edit.sentence_id).text
        near = text[max(0, edit.span[0] - 30): edit.span[1] + 30]
        return any(e.rule == "words.lexicon.v1" and e.after.strip() and e.after.strip() in near
                   for e in first.edits)
    split = any(e.rule.startswith("split.") for e in first.edits)
    if edit.rule.startswith("gloss.") and split:
        unplaced = [n.message.split(":")[0] for n in first.notes if n.code == "W612"]
        return any(term in edit.reason for term in unplaced)
    if edit.rule.startswith("split."):
        expansions = [e.after.strip() for e in first.edits
                      if e.rule.startswith("gloss.acronym.") and e.after.startswith(" (")]
        return any(x in edit.before for x in expansions)
    if edit.rule in ("numbers.percent.v2", "numbers.round_large.v1"):
        return any(e.rule.startswith("split.") and edit.before.strip() in e.before for e in first.edits)
    if edit.rule == "numbers.words_to_digits.v1":
        return edit.span[0] == 0 and edit.before[:1].isupper() and split
    return False

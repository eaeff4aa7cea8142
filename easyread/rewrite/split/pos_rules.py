"""Split rules over part-of-speech patterns (the first rule family of the ``split`` stage).

A sentence longer than ``config.rewrite_max_words`` (20 plain, 15 easy read) is split at the
first safe point the rules find, in declared order; each piece is repaired into a sentence
(capital, full stop, the subject repeated where it is needed). Pieces are split again until
they fit or no safe point is left; then the sentence stays and a ``W602`` note says so.

Guidance: UK government easy read: at most 10-15 words, one idea and one verb per sentence;
US Federal Plain Language Guidelines: write short sentences, one idea each. Split points are
data: ``easyread/data/split.toml``. A quotation is split only at its own sentence ends: no
rule proposes a split point inside a protected span, and the doors refuse one anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from easyread.data import read_tsv, split_table
from easyread.document import Sentence
from easyread.rewrite.guard import NEGATIONS, missing
from easyread.rewrite.rules import (
    Proposal,
    RuleContext,
)

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECT_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD", "EX", "DT", "WP"})
_NP_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "CD", "PRP$", "HYPH"})
_BE_FORMS = frozenset({"is", "are", "was", "were", "am"})
_AUX_FORMS = _BE_FORMS | {"has", "have", "had"}
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it"})
_DASHES = frozenset({"–", "—", "-", "--"})
_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({"”", "’", '"', "'", ")"})


def token_at(sentence: Sentence, index: int, ctx: RuleContext) -> Any:
    """The parser's token at easyread's token ``index`` (None without a parser): a rule here
    may ask the parse to confirm the structure its part-of-speech pattern assumes."""
    from easyread.rewrite.split.parsed import token_at as at

    return at(sentence, ctx, index)


def _table() -> dict[str, Any]:
    return split_table()


@dataclass
class View:
    """A sentence's tokens with their tags, and helpers to cut it."""

    sentence: Sentence
    tags: list[str]

    @property
    def text(self) -> str:
        return self.sentence.text

    def words(self, i: int) -> str:
        return self.sentence.tokens[i].text

    def lower(self, i: int) -> str:
        return self.sentence.tokens[i].text.lower()

    def protected_at(self, i: int) -> bool:
        tok = self.sentence.tokens[i]
        return self.sentence.is_protected(tok.start, tok.end)

    def n(self) -> int:
        return len(self.sentence.tokens)

    def quoted(self, i: int) -> bool:
        """True if token ``i`` is protected or lies between opening and closing quote marks."""
        if self.protected_at(i):
            return True
        depth = 0
        for k in range(i):
            w = self.words(k)
            if w in ("“", "``"):
                depth += 1
            elif w in ("”", "''") and depth:
                depth -= 1
        return depth > 0


def has_clause(tags: list[str], words: list[str]) -> bool:
    """True if the tokens hold a subject followed by a finite verb (a main clause)."""
    seen_subject = False
    prev = ""
    for tag, word in zip(tags, words, strict=True):
        # A past participle right after a noun is often a mistagged past tense ("police arrested").
        if tag in _FINITE or (tag == "VBN" and prev in ("NN", "NNS", "NNP", "NNPS", "PRP")):
            return seen_subject
        prev = tag
        if tag in _SUBJECT_TAGS:
            seen_subject = True
        if word in (",", ";", ":"):
            seen_subject = False
    return False


def starts_clause(tags: list[str], words: list[str]) -> bool:
    """True if the tokens start with a subject and reach a finite verb before a comma."""
    if not tags or tags[0] not in _SUBJECT_TAGS | {"JJ", "PRP$", "RB"}:
        return False
    return has_clause(tags, words)


def finish(piece: str, end: str = ".") -> str:
    """Repair a piece into a sentence: trim, capital first letter, end punctuation.

    >>> finish(" and the plan will cost more,")
    'And the plan will cost more.'
    """
    piece = piece.strip().rstrip(",;:–—-").strip()
    if not piece:
        return piece
    for k, ch in enumerate(piece):
        if ch.isalpha():
            piece = piece[:k] + ch.upper() + piece[k + 1 :]
            break
        if ch.isdigit() or ch not in "“‘\"'(":
            break
    tail = piece.rstrip("”’\"')")
    if not tail or tail[-1] not in _END:
        piece += end
    return piece


def _sentence_end(view: View) -> tuple[int, str]:
    """Index of the final punctuation token (or n) and the punctuation text."""
    n = view.n()
    i = n
    while i > 0 and view.words(i - 1) in _CLOSERS:
        i -= 1
    if i > 0 and view.words(i - 1) in _END:
        return i - 1, view.words(i - 1)
    return n, "."


def _cut(view: View, i: int) -> int:
    """Character offset where token ``i`` starts (the text's end for ``i`` past the last token)."""
    tokens = view.sentence.tokens
    return tokens[i].start if i < len(tokens) else len(view.text)


def _lower_first(text: str) -> str:
    """Lower-case the first word unless it looks like a name or an acronym."""
    m = re.match(r"(\W*)(\w+)", text)
    if not m:
        return text
    word = m.group(2)
    if word in ("I",) or (len(word) > 1 and word.isupper()):
        return text
    if word in ("The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They",
                "We", "You", "There", "Some", "Many", "Most", "More", "In", "On", "At", "For",
                "After", "Before", "During", "Despite", "With", "By", "From", "Since", "Until"):
        return text[: m.start(2)] + word.lower() + text[m.end(2) :]
    return text


def _tags_words(view: View, a: int, b: int) -> tuple[list[str], list[str]]:
    return view.tags[a:b], [view.words(k) for k in range(a, b)]


def _balanced(cands: list[tuple[int, Proposal]], n: int) -> list[Proposal]:
    return [p for _, p in sorted(cands, key=lambda c: abs(c[0] - n / 2))]


def _view(sentence: Sentence, ctx: RuleContext) -> View:
    return View(sentence, present_plural(sentence.tokens, ctx.tags(sentence)))


def present_plural(toks: Sequence[Any], tags: list[str]) -> list[str]:
    """A base form right after a plural subject that opens a clause is a present tense
    (``The groups strongly oppose …``: the tagger's ``VB`` after an adverb becomes ``VBP``);
    not after a verb (``make people oppose``), a modal or ``to``."""
    if "VB" not in tags:
        return tags
    openers = {str(w) for w in _table()["tag_repair"]["clause_openers"]}
    out = list(tags)
    for k, tag in enumerate(tags):
        if tag != "VB" or k < 1:
            continue
        j = k - 1
        while j >= 0 and tags[j] in ("RB", "RBR"):
            j -= 1
        if j < 0 or not (tags[j] in ("NNS", "NNPS") or toks[j].text.lower() in ("we", "they")):
            continue
        i = j
        while i > 0 and tags[i - 1] in _NP_TAGS and toks[i - 1].text != ",":
            i -= 1
        if i == 0 or toks[i - 1].text.lower() in openers:
            out[k] = "VBP"
    return out


def conjunction(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.conjunction.v1: split two main clauses joined by ``, and``/``, but``/``;``/a dash.

    What: both sides must have a subject and a finite verb; ``and`` is dropped, ``but``
    starts the second sentence. Why: UK easy read: one idea and one verb per sentence;
    Inclusion Europe (2009): one main idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(conjunction, "The police arrested two men on Friday, but the court released both of them on bail.", max_words=10)
    'The police arrested two men on Friday. But the court released both of them on bail.'
    """
    view = _view(sentence, ctx)
    starts: dict[str, str] = {str(k): str(v) for k, v in _table()["conjunction_starts"].items()}
    conj = {str(c) for c in _table()["conjunctions"]}
    end, punct = _sentence_end(view)
    dashes = [i for i in range(end) if view.words(i) in _DASHES and view.tags[i] != "HYPH"]
    cands: list[tuple[int, Proposal]] = []
    for i in range(1, end - 1):
        w = view.words(i)
        if view.protected_at(i):
            continue
        if w == "," and view.lower(i + 1) in conj:
            right_from, link = i + 2, starts[view.lower(i + 1)]
        elif w == ";" and not _items_are_clauses(view, i, end):
            continue  # "five records: the first …; the highest flight; …": items of a list, not clauses
        elif w == ";" or (w in _DASHES and len(dashes) == 1 and i in dashes):
            right_from, link = i + 1, ""
        else:
            continue
        if not has_clause(*_tags_words(view, 0, i)):
            continue
        if not starts_clause(*_tags_words(view, right_from, end)):
            continue
        prev = max((k for k in range(i) if view.words(k) == ","), default=None)
        if w == "," and prev is not None and not any(view.tags[k] in _FINITE for k in range(prev + 1, i)) and any(
                view.tags[k] in _FINITE for k in range(0, prev)) and any(
                view.lower(k) in _subordinator_words() for k in range(0, prev)):
            continue  # "… when the days seem darker, mortality more certain, and the only response is …":
            # the last item of a list inside a subordinate clause, not a second main clause
        if w == "," and view.lower(i + 1) in ("so", "yet") and view.lower(i + 2) in ("far", "again", "another"):
            continue  # "… sensitive skin but, so far, his balance …": "so far" is no link word
        if w == "," and any(view.words(k) == "," for k in range(right_from, min(right_from + 3, end))):
            continue  # "rats can share, and act on, each other's information": a second comma right after
            # the link word closes a shared verb or an aside, not a clause
        seg_end = next((k for k in range(right_from, end) if view.words(k) in (";", ":")), end)
        first_finite = next((k for k in range(right_from, seg_end) if view.tags[k] in _FINITE
                             or w == "," and view.tags[k] == "VBN" and view.tags[k - 1] in ("NN", "NNS", "NNP", "PRP")
                             or re.fullmatch(r"(?:it|that|there|he|she|what|here|who)?[’']s", view.lower(k)) is not None
                             and (len(view.lower(k)) > 2 or view.tags[k - 1] in ("PRP", "EX", "DT"))), None)
        if first_finite is None or w != "," and any(view.tags[k] in ("WDT", "WP") or view.lower(k) == "that"
                                                    for k in range(right_from, first_finite)):
            continue  # "… a romp through the 74 deaths – 75 including a fly squashed …", "… – several
            # hundred people in some cases; …": no finite verb of its own (only a participle or a
            # relative clause's) before the next ";": the part after the mark is no sentence
        if w == "," and view.lower(i + 1) in ("and", "or") and any(
                view.lower(k) == "that" and not view.tags[k + 1].startswith(("NN", "VB", "MD"))
                and has_clause(*_tags_words(view, k + 1, i))
                for k in range(i)):
            continue  # "rejected claims that too much time had passed, and it was no longer possible …":
            # the second clause may be the second half of the "that" clause
        if w == "," and view.lower(i + 1) in ("and", "or") and _imperative(view, i):
            continue  # "Put monitors into the mix, however, and it becomes harder to hide …": "Do X, and Y
            # happens" is a condition (if you do X); "Put monitors into the mix." alone is an order
        if w == "," and (view.tags[i - 1] == "POS" or view.words(i - 1).endswith(("’s", "'s", "s’", "s'"))
                         and view.tags[i - 1] in ("NNP", "NNPS", "POS")):
            continue  # "… won Arnold Schwarzenegger’s, and the rest of the jury’s, vote": the noun comes later
        if w == "," and prev is not None and _clause_item(view, prev + 1, i) and has_clause(*_tags_words(view, 0, prev)):
            continue  # "…, several police were injured, one car was burned, and windows were smashed":
            # a list of clauses; splitting at its last "and" leaves "A, B." (a comma splice)
        aside = max((k for k in range(i) if k in dashes or view.lower(k) == "including"), default=None)
        if w == "," and aside is not None and not any(view.tags[k] in _FINITE for k in range(aside + 1, i)):
            continue  # "… on display – including those of the libraries, and a copy found in France":
            # the last item of a list inside a dash aside or an "including" phrase, not a main clause
        left = view.text[: _cut(view, i)]
        right = view.text[_cut(view, right_from) :]
        if link:
            right = f"{link} {_lower_first(right)}"
        parts = (finish(left), finish(right, punct))
        cands.append((i, Proposal((0, len(view.text)), " ".join(parts), "split.conjunction.v1",
                                  f"two main clauses joined by {w!r} {view.words(i + 1) if w == ',' else ''}".strip(),
                                  parts=parts)))
    return _balanced(cands, end)


def _imperative(view: View, i: int) -> bool:
    """The clause that ends at token ``i`` is an order: its first word (after adverbs, link words
    and commas) is a verb in its base form (``Keep it hidden``; ``Put`` even when tagged as a
    past tense), so no subject comes before it."""
    from easyread.rewrite.split.syntax_rules import verb_lemma

    head = max((k + 1 for k in range(i) if view.words(k) in (";", ":", "–", "—")), default=0)
    k = head
    while k < i and (view.tags[k] in ("RB", "CC") or view.words(k) in (",", "“", '"', "‘")):
        k += 1
    return k < i and view.tags[k] in ("VB", "VBP", "VBD", "VBN") and verb_lemma(view.lower(k)) == view.lower(k)


def _items_are_clauses(view: View, i: int, end: int) -> bool:
    """In a list of several ``;`` items, the item after the ``;`` at ``i`` (up to the next
    ``;``/``:`` or the sentence end) holds a finite verb: ``it does not offer calls; unlike Path, it does not …`` are two
    clauses; ``the highest jump; the highest balloon flight; …`` are items of a list."""
    if sum(1 for k in range(end) if view.words(k) == ";") < 2:
        return True  # one ";" joins two parts; a list has several
    b = next((k for k in range(i + 1, end) if view.words(k) in (";", ":")), end)
    return any(view.tags[k] in _FINITE for k in range(i + 1, b))


@cache
def attribution_verbs() -> frozenset[str]:
    """Verbs of saying in an attribution (``[attribution] verbs`` in ``split.toml``)."""
    return frozenset(str(v) for v in _table()["attribution"]["verbs"])


def _clause_item(view: View, a: int, b: int) -> bool:
    """Tokens ``a:b`` are a main clause of their own between commas (``, one car was burned,``):
    a finite verb that is not a verb of saying (``, he says,`` is an attribution), not opened by
    a relative or wh-word or a subordinator (``, where 24,000 fans …,``)."""
    if b - a < 2 or view.tags[a] in ("WDT", "WP", "WP$", "WRB") or view.lower(a) in _subordinator_words():
        return False
    says = attribution_verbs()
    if not any(view.tags[k] in _FINITE and view.lower(k) not in says for k in range(a, b)):
        return False
    return has_clause(*_tags_words(view, a, b))


def _np_start(view: View, i: int) -> int:
    """First token of the noun phrase that ends just before token ``i``."""
    k = i
    while k > 0 and view.tags[k - 1] in _NP_TAGS and view.words(k - 1) not in (",", "the") or (
        k > 0 and view.lower(k - 1) in ("the", "a", "an") and k != i
    ):
        k -= 1
        if view.lower(k) in ("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"):
            break
    return k


def _np_subject(np: str) -> str:
    m = re.match(r"(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?=[a-z])(?!of\b)", np)  # not "One Hyde Park"
    if m:
        np = "the " + np[m.end() :]
    return np[:1].upper() + np[1:]


def relative_clause(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.relative_clause.v2: a non-restrictive ``X, which/who …,`` becomes a sentence about X.

    What: the clause leaves the sentence and follows it as a new sentence with X repeated
    (``a plan`` becomes ``The plan``). Only clauses that start with a verb (``which will
    cost …``) are moved. Why: UK easy read: one idea per sentence; Federal Plain Language
    Guidelines: express only one idea in each sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(relative_clause, "The new plan, which will cost £5 million, starts in the spring.", max_words=8)
    'The new plan starts in the spring. The new plan will cost £5 million.'
    """
    view = _view(sentence, ctx)
    pronouns = {str(p) for p in _table()["relative"]["pronouns"]}
    end, punct = _sentence_end(view)
    cands: list[tuple[int, Proposal]] = []
    for i in range(1, end - 2):
        if view.words(i) != "," or view.lower(i + 1) not in pronouns or view.protected_at(i):
            continue
        if not view.tags[i - 1].startswith("NN"):
            continue
        verb_at = i + 2
        if verb_at < end and view.tags[verb_at] == "RB":
            verb_at += 1
        if verb_at >= end or view.tags[verb_at] not in _FINITE:
            continue
        close = _relative_close(view, i + 2, end)
        if any(view.tags[k] in ("WP", "WP$", "WDT") for k in range(i + 2, close)):
            continue  # "who spent 30 years … and whose book, X, is …": two clauses, where each ends is unclear
        if view.lower(i - 1) in _time_nouns() and view.lower(i + 1) == "which":
            continue  # "I earn £50 in one night, which almost doubles my earnings": after a time word the
            # clause is most often about the whole event, not the time ("The night almost doubles …")
        if not _parse_agrees_antecedent(view, i, ctx):
            continue  # the parser hangs the clause on another noun ("a complex elsewhere in the region, which …")
        start_np = _np_start(view, i)
        say = start_np - (2 if start_np > 1 and view.lower(start_np - 1) == "that" else 1)
        if say > 0 and view.lower(say) in attribution_verbs() and view.words(say - 1) not in (",", "”", "’", '"'):
            continue  # "Hayles said Interbrand, which has …, calculates …": the noun opens a reported claim
            # (not "…,” said Fjeldstad, who added …", where it names the speaker)
        if not _parse_np_agrees(view, i, start_np, ctx):
            continue  # "the Chillon and Lurin rivers, which …", "policy on working hours, who …"
        prep = start_np - 1
        while prep > 0 and view.tags[prep] in ("VBG", "JJ", "JJR", "JJS", "DT", "PRP$", "CD"):
            prep -= 1  # "after years of declining health, which …"
        before = prep - 1
        if before > 0 and view.tags[before] in ("RB", "RBR"):
            before -= 1  # "a complex elsewhere in the region, which …"
        if prep > 0 and view.tags[prep] == "IN" and before >= 0 and view.tags[before].startswith("NN"):
            continue  # "a teacher from a school, who …": which noun the clause is about is unclear
        np = view.text[_cut(view, start_np) : view.sentence.tokens[i - 1].end]
        clause = view.text[_cut(view, i + 2) : (_cut(view, close) if close < end else _cut(view, end))]
        if start_np > 1 and view.words(start_np - 1) == "," and _plain_np_before(view, start_np - 1):
            continue  # "Delacourt’s lawyer, Anne Veil, who is also …, said": the name is itself an aside;
            # without the clause its closing comma goes too ("…’s lawyer, Anne Veil said" was wrong)
        if close < end:
            rest = view.text[_cut(view, close + 1) :]
            main = view.text[: _cut(view, i)].rstrip() + " " + rest.lstrip()
            if not starts_clause(*_tags_words(view, close + 1, end)) and not has_clause(
                *_tags_words(view, 0, i)
            ) and view.tags[close + 1] not in _FINITE | {"VB", "VBN", "RB"}:
                continue
        else:
            main = view.text[: _cut(view, i)]
        if not has_clause(view.tags[:i] + view.tags[close + 1 : end] if close < end else view.tags[:i],
                          [view.words(k) for k in range(i)] + ([view.words(k) for k in range(close + 1, end)] if close < end else [])):
            continue
        parts = (finish(main, punct), finish(f"{_np_subject(np)} {clause.strip()}"))
        cands.append((i, Proposal((0, len(view.text)), " ".join(parts), "split.relative_clause.v2",
                                  f"relative clause about {np!r} made its own sentence", parts=parts)))
    return _balanced(cands, end)


def _time_nouns() -> frozenset[str]:
    """Nouns that name a time: ``[time_phrase] time_words`` and ``[relative] time_nouns``."""
    return frozenset(str(w) for w in _table()["time_phrase"]["time_words"]) | frozenset(
        str(w) for w in _table()["relative"]["time_nouns"])


def _plain_np_before(view: View, comma: int) -> bool:
    """The words between the previous comma (or the start) and ``comma`` are a plain noun phrase
    (``Delacourt’s lawyer,``), not a phrase with a preposition (``For his part,``)."""
    a = max((k + 1 for k in range(comma) if view.words(k) == ","), default=0)
    return a < comma and all(view.tags[k] in _NP_TAGS | {"NNP", "NNPS"} for k in range(a, comma))


def _relative_close(view: View, start: int, end: int) -> int:
    """Where a relative clause that starts at ``start`` ends: the first comma or semicolon after
    which the sentence goes on with a predicate (``…, starts in the spring``) or a new clause
    (``…, and he …``); a comma inside a list (``golf courses, hotels and homes``) is not an
    end. ``end`` if no such comma: the clause runs to the end of the sentence."""
    for k in range(start, end):
        if view.words(k) not in (",", ";") or view.protected_at(k) or k + 1 >= end:
            continue
        nxt = k + 1
        if view.tags[nxt] in _FINITE | {"VB", "VBN", "RB"}:
            return k
        if view.tags[nxt] == "CC":
            nxt += 1
        if nxt < end and starts_clause(*_tags_words(view, nxt, end)):
            return k
    return end


def _parse_agrees_antecedent(view: View, comma: int, ctx: RuleContext) -> bool:
    """False if the parser attaches the relative clause after ``comma`` to a noun other than
    the one just before the comma; True when it agrees or there is no parse."""
    pron = token_at(view.sentence, comma + 1, ctx)
    noun = token_at(view.sentence, comma - 1, ctx)
    if pron is None or noun is None:
        return True
    while noun.dep_.startswith("flat") and noun.head.i < noun.i:
        noun = noun.head
    verb = pron.head
    if verb.dep_ == "advcl:relcl" and pron.lower_ == "which" and verb.i != pron.i:
        return False  # a 'which' about the whole clause: "I earn £50 in one night, which almost doubles
        # my earnings" ("The night almost doubles …" would be wrong)
    if verb.dep_ != "relcl" or verb.i == pron.i:
        return True  # the parser saw no relative clause here: leave the part-of-speech rule to judge
    return bool(verb.head.i == noun.i)


_EMBEDDED_DEPS = frozenset({"compound", "conj", "appos", "nmod", "nmod:poss"})


def _parse_np_agrees(view: View, comma: int, start_np: int, ctx: RuleContext) -> bool:
    """The parse (when there is one) must see the same plain noun phrase before ``comma``: its
    head not inside another phrase, not coordinated, and starting where ``start_np`` starts."""
    noun = token_at(view.sentence, comma - 1, ctx)
    if noun is None:
        return True
    while noun.dep_.startswith("flat") and noun.head.i < noun.i:
        noun = noun.head  # "Anna Smith": the name's head is "Anna"
    if noun.dep_ in _EMBEDDED_DEPS or any(c.dep_ in ("conj", "cc") for c in noun.children):
        return False
    if noun.dep_ == "obl" and noun.head.pos_ in ("NOUN", "PROPN"):
        return False
    left = min((t for t in noun.subtree if t.i < noun.i and t.dep_ not in ("case", "punct", "mark")),
               key=lambda t: t.i, default=noun)
    first = token_at(view.sentence, start_np, ctx)
    return first is not None and first.i == left.i


def _pronoun(subject: str) -> str:
    titles = _table()["pronouns"]
    first = subject.split()[0] if subject.split() else ""
    if first in titles["he"]:
        return "He"
    if first in titles["she"]:
        return "She"
    return subject


def appositive(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.appositive.v1: ``Name, the Role, said …`` -> ``Name is the Role. Name said …``.

    What: an opening name followed by a description between commas becomes a sentence of its
    own; the second sentence starts with ``He``/``She`` when a title (Mr, Mrs, Ms …) shows
    which, otherwise it repeats the name (easy-read guidance prefers names to pronouns).
    Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(appositive, "Sajid Javid, the Home Secretary, said the plan would start soon.", max_words=8)
    'Sajid Javid is the Home Secretary. Sajid Javid said the plan would start soon.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    k = 0
    while k < end and (view.tags[k] in ("NNP", "NNPS") or (k == 0 and view.words(k) in ("The",))):
        k += 1
    if k == 0 or k >= end - 3 or view.words(k) != "," or view.tags[k - 1] not in ("NNP", "NNPS"):
        return []
    if view.protected_at(k):
        return []
    close = next((j for j in range(k + 2, end) if view.words(j) == ","), None)
    if close is None or close + 1 >= end:
        return []
    inner_tags, inner_words = _tags_words(view, k + 1, close)
    if view.tags[k + 1] not in ("DT", "PRP$"):
        # "Ross Anderson, professor of security engineering at X, said …": a role without an
        # article needs a common noun in lower case ("Paris, France, is …" has none)
        glue = {str(w) for w in _table()["drop_aside"].get("name_glue", [])}
        if len(inner_words) > 12 or inner_tags[0] in ("IN", "CC") or not any(
                t in ("NN", "NNS") and w.islower() and w not in glue for t, w in zip(inner_tags, inner_words, strict=True)):
            return []  # ("The Bronx, with its …, had": a phrase, not a role; "van der" is part of a name)
        if any(t not in _NP_TAGS | {"IN", "CC", "NNP", "NNPS", "VBG"} for t in inner_tags):
            return []
    elif len(inner_words) > 12:
        return []
    if any(t in _FINITE for t in inner_tags):
        return []
    if view.tags[close + 1] not in _FINITE | {"RB", "VB"}:
        return []
    name = view.text[: view.sentence.tokens[k - 1].end]
    role = view.text[_cut(view, k + 1) : _cut(view, close)].strip()
    rest = view.text[_cut(view, close + 1) :]
    subject = _pronoun(name)
    parts = (finish(f"{name} is {role}"), finish(f"{subject} {rest}", punct))
    return [Proposal((0, len(view.text)), " ".join(parts), "split.appositive.v1",
                     f"the description of {name!r} made its own sentence", parts=parts)]


def appositive_name(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.appositive_name.v1: ``The Mayor, Anna Berg, insists …`` -> ``Anna Berg is the Mayor. Anna Berg insists …``

    What: a role (a noun phrase opened by ``the``/``a``, a possessive or a name's ``'s``, with
    a noun) followed by a name between commas, then the main verb: the role becomes ``Name
    is/was the role.`` and the sentence goes on with the name as its subject (``was`` when the
    main verb is past). A phrase before the role (``In his office, …``) stays with the main
    clause. Name glue words (``van``, ``der``, ``de`` …) come from ``[drop_aside] name_glue``.
    Why: UK easy read: one idea per sentence; say who someone is before what they did.

    >>> from easyread.rewrite.rules import demo
    >>> demo(appositive_name, "The town's young mayor, Anna Berg, wants to sell the old station to a developer.", max_words=8)
    'Anna Berg is the town’s young mayor. Anna Berg wants to sell the old station to a developer.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    glue = {str(w) for w in _table()["drop_aside"].get("name_glue", [])}
    commas = [k for k in range(1, end) if view.words(k) == "," and not view.protected_at(k)]
    for n, c1 in enumerate(commas[:3]):
        if n + 1 >= len(commas):
            break
        c2 = commas[n + 1]
        name_toks = range(c1 + 1, c2)
        if not 1 <= len(name_toks) <= 5 or not all(
                view.words(k)[:1].isupper() or view.lower(k) in glue for k in name_toks):
            continue
        if view.tags[c1 + 1] != "NNP" or view.tags[c2 - 1] != "NNP" or c2 + 1 >= end:
            continue
        verb = c2 + 1 + (1 if view.tags[c2 + 1] == "RB" else 0)
        if verb >= end or view.tags[verb] not in _FINITE:
            continue
        start = commas[n - 1] + 1 if n > 0 else 0
        role = range(start, c1)
        if not 2 <= len(role) <= 7 or any(view.tags[k] not in _NP_TAGS for k in role):
            continue
        first = view.lower(start)
        if not (first in ("the", "a", "an") or view.tags[start] == "PRP$" or view.words(start).endswith(("’s", "'s"))):
            continue
        if not view.tags[c1 - 1].startswith("NN") or not any(view.tags[k] in ("NN", "NNS") or (
                view.tags[k] == "NNP" and k > start) for k in role):
            continue
        if any(view.tags[k] in _FINITE for k in range(0, start)):
            continue  # the commas belong to a clause before the role, not to a phrase
        name = view.text[view.sentence.tokens[c1 + 1].start : view.sentence.tokens[c2 - 1].end]
        role_text = view.text[_cut(view, start) : view.sentence.tokens[c1 - 1].end].replace("'s", "’s")
        if first in ("the", "a", "an") or view.tags[start] == "PRP$":
            role_text = role_text[:1].lower() + role_text[1:]  # "… is her lawyer", not "is Her lawyer"
        plural = view.tags[c1 - 1] in ("NNS", "NNPS")
        said = _saying(view, verb)
        if said and any(view.lower(k) in _then_words() for k in role):
            continue  # "The then mayor, Anna Berg, said …": "is the then mayor" misstates it
        be = (_BE_PAST if view.tags[verb] == "VBD" and not said else _BE_PLURAL)[plural]  # said: a role now
        lead = view.text[: _cut(view, start)].strip() if start > 0 else ""
        rest = view.text[_cut(view, c2 + 1) :].strip()
        main = f"{lead} {name} {rest}" if lead else f"{name} {rest}"
        parts = (finish(f"{name} {be} {role_text}"), finish(main, punct) if main.rstrip()[-1:] not in _END else main.strip())
        return [Proposal((0, len(view.text)), " ".join(parts), "split.appositive_name.v1",
                         f"who {name!r} is told first", parts=parts)]
    return []


def age(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.age.v1: ``Carle, 26, set out …`` -> ``Carle is 26. Carle set out …``

    What: a name (capitalised words) at the start, then a number from 1 to 120 between commas,
    then the main verb: the age becomes its own sentence (``was`` when the main verb is past),
    so no number leaves the text. Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(age, "Anna Berg, 26, moved to the city to study nursing at the new college.", max_words=8)
    'Anna Berg was 26. Anna Berg moved to the city to study nursing at the new college.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    k = 0
    while k < end and view.tags[k].startswith("NN") and view.words(k)[:1].isupper():
        k += 1  # (a capitalised name the tagger read as a common noun counts: "Tom/NN Price/NN")
    if not 1 <= k <= 4 or k + 3 >= end or view.words(k) != "," or view.words(k + 2) != ",":
        return []
    if view.tags[k + 1] != "CD" or not view.words(k + 1).isdigit() or not 1 <= int(view.words(k + 1)) <= 120:
        return []
    verb = k + 3 + (1 if view.tags[k + 3] == "RB" else 0)
    if verb >= end or view.tags[verb] not in _FINITE | {"VB"} or view.protected_at(k + 1):
        return []  # (a base form here is a past or present the tagger missed: "Carle, 26, set out")
    name = view.text[: view.sentence.tokens[k - 1].end]
    be = "was" if view.tags[verb] == "VBD" and not _saying(view, verb) else "is"  # "Carle, 26, said …": 26 now
    parts = (finish(f"{name} {be} {view.words(k + 1)}"), finish(f"{name} {_after(view, k + 3, end)}", punct))
    return [Proposal((0, len(view.text)), " ".join(parts), "split.age.v1",
                     f"the age of {name!r} told in a sentence of its own", parts=parts)]


def link_words() -> frozenset[str]:
    """Words that link a sentence to the one before (``and``, ``but``, ``so``, ``however`` …):
    ``[links] words`` in ``split.toml`` and both columns of ``connectives.tsv``."""
    words = {str(w).lower() for w in _table()["links"]["words"]}
    for old, new in connectives():
        words.update(w.lower() for w in (old, new) if w and " " not in w)
    return frozenset(words)


def opens_with_link(view: View, at: int) -> bool:
    """The clause at token ``at`` opens with a link word (``But I never …``, ``However, …``)."""
    return at < view.n() and (view.tags[at] == "CC" or view.lower(at) in link_words())


def subordinate(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.subordinate.v1: split off an ``after``/``because``/``while``/``although``/``before`` clause.

    What: the clause must have its own subject and finite verb, and a trailing clause must
    follow the main verb directly (``seeking help before they offend`` is not split). Events
    stay in order: an ``after`` or ``because`` clause comes first (``… because C.`` -> ``C. So
    ….``); a ``before`` clause comes second (``… before C.`` -> ``…. Then C.``); ``while`` and
    ``although`` keep the written order. Why: UK easy read: one idea and one verb per
    sentence; keep the order of events clear.

    >>> from easyread.rewrite.rules import demo
    >>> demo(subordinate, "The school closed early on Monday because the heating had failed again.", max_words=8)
    'The heating had failed again. So the school closed early on Monday.'
    """
    view = _view(sentence, ctx)
    table = _table()["subordinators"]
    subs = {k: v for k, v in table.items() if isinstance(v, dict)}
    modals = {str(m) for m in table["blocking_modals"]}
    end, punct = _sentence_end(view)
    cands: list[tuple[int, Proposal]] = []
    for i in range(0, end - 2):
        word = view.lower(i)
        if word not in subs or view.protected_at(i):
            continue
        order, link = str(subs[word]["order"]), str(subs[word]["link"])
        parsed = token_at(view.sentence, i, ctx)
        if parsed is not None and not (parsed.dep_ == "mark" and parsed.head.dep_ == "advcl"
                                       and parsed.head.head.head.i == parsed.head.head.i):
            continue  # the parser sees no clause on the main verb ("after a food scare …", "20 years after …")
        if i == 0:  # fronted: "Because C, M."
            comma = next((k for k in range(1, end) if view.words(k) == ","), None)
            if comma is None or not starts_clause(*_tags_words(view, 1, comma)):
                continue
            if not starts_clause(*_tags_words(view, comma + 1, end)):
                continue
            if comma + 3 < end and view.tags[comma + 1] in ("PRP", "NNP") and view.lower(comma + 2) in attribution_verbs() \
                    and view.words(comma + 3) == ",":
                continue  # "Whereas Glass is, he says, “an egotistical device” …, Telepathy will be …": the
                # first comma opens an aside; the clause runs on past it
            sub_text = view.text[_cut(view, 1) : _cut(view, comma)]
            main_text = view.text[_cut(view, comma + 1) :]
            at, sub_first = comma, order in ("sub", "keep")
        else:  # trailing: "M (,) because C."
            if not starts_clause(*_tags_words(view, i + 1, end)):
                continue
            if view.lower(i - 1) in _adverbial_words("scope_words"):
                continue  # "… for years in part because …", "only if …": the word narrows the clause
            if word in ("when", "where") and any(
                    view.lower(k) in _adverbial_words("time_nouns") and not any(view.tags[j] in _FINITE for j in range(k, i))
                    for k in range(max(i - 6, 0), i)):  # "a time in some men's lives when …"
                continue  # "at a time when …": the clause describes the noun
            left_end = i - 1 if view.words(i - 1) == "," else i
            left_tags, left_words = _tags_words(view, 0, left_end)
            if not has_clause(left_tags, left_words) or sum(
                1 for t in left_tags if t[:1].isalpha()
            ) < int(table["min_main_words"]):
                continue
            first_verb = next(k for k, t in enumerate(left_tags) if t in _FINITE or t == "VBN")
            if any(t in ("VBG", "TO") or t in _FINITE for t in left_tags[first_verb + 1 :]):
                continue  # another verb between: the clause may belong to it
            if any(view.words(k) == "," for k in range(i + 1, end)):
                continue  # the clause runs on: its end is unclear
            if any(view.lower(k) in modals for k in range(i + 1, end)):
                continue
            sub_text = view.text[_cut(view, i + 1) : _cut(view, end)]
            main_text = view.text[: _cut(view, left_end)]
            at, sub_first = i, order == "sub"
        if "contrast_link" in subs[word]:
            sub_at = range(1, at) if i == 0 else range(i + 1, end)
            first_finite = next((k for k in sub_at if view.tags[k] in _FINITE), None)
            same_time = any(view.lower(k) == "still" or view.tags[k] == "VBG" and view.lower(k - 1) in _BE_FORMS
                            for k in sub_at) or (first_finite is not None and view.lower(first_finite) in ("was", "were"))
            if not same_time:
                link = str(subs[word]["contrast_link"])  # "While films suggest X, the court ruled Y": a contrast
        joined = main_text if sub_first else sub_text
        if link.lower() in [w.lower() for w in re.findall(r"\w+", joined)[:4]]:
            link = ""  # "… the police then checked …": the clause has its link word already
        if sub_first:
            main_at = comma + 1 if i == 0 and comma is not None else 0
            if opens_with_link(view, main_at):
                continue  # "But I never get … after it has been shared out": the link word ties the main
                # clause to the sentence before; put after the moved clause it would read "Then But I …"
            lowered = _lower_start(view, main_at, main_text.strip()) if view.tags[main_at] in ("NN", "NNS") \
                else _lower_first(main_text.strip())  # "So smokers are …", not "So Smokers are …"
            parts = (finish(sub_text), finish(f"{link} {lowered}", punct))
        else:
            parts = (finish(main_text), finish(f"{link} {_lower_first(sub_text.strip())}", punct))
        cands.append((at, Proposal((0, len(view.text)), " ".join(parts), "split.subordinate.v1",
                                   f"{word!r} clause made its own sentence", parts=parts)))
    return _balanced(cands, end)


_SPEAKER_TAGS = frozenset({"DT", "NNP", "NNPS", "NN", "NNS", "JJ", "PRP$", "POS", "CD", "HYPH", "IN"})


def attribution(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.attribution.v1: a trailing attribution becomes a following sentence.

    What: ``…, the Home Office said.`` -> ``…. The Home Office said this.``; ``…, according
    to X.`` -> ``…. This is according to X.`` The claim comes first, who said it second,
    always in that order. Why: UK easy read: one idea per sentence, main point first
    (Federal Plain Language Guidelines).

    >>> from easyread.rewrite.rules import demo
    >>> demo(attribution, "Crime fell by a fifth in the city last year, the police said.", max_words=8)
    'Crime fell by a fifth in the city last year. The police said this.'
    """
    view = _view(sentence, ctx)
    table = _table()["attribution"]
    verbs = {str(v) for v in table["verbs"]} | {"say", "tell", "add", "warn"}
    end, punct = _sentence_end(view)
    commas = [k for k in range(1, end) if view.words(k) == "," and not view.protected_at(k)]
    if not commas:
        return []
    c = commas[-1]
    tail = [view.lower(k) for k in range(c + 1, end)]
    tail_text = view.text[_cut(view, c + 1) : _cut(view, end)].strip()
    head = view.text[: _cut(view, c)]
    if not tail or sum(1 for k in range(c) if view.sentence.tokens[k].kind != "punct") < 4:
        return []
    if " ".join(tail[:2]) == "according to":
        new = f"This is {tail_text}"
    elif tail[-1] in verbs and 1 <= len(tail) <= 7 and view.tags[c + 1] in {"DT", "NNP", "NNPS", "PRP", "NN", "NNS", "PRP$"}:
        new = f"{tail_text} this"
    elif (tail[0] in verbs - {"told", "tell", "tells"} and 2 <= len(tail) <= 6  # "…, told the magazine PM": a listener
          and view.tags[c + 2] in {"DT", "NNP", "NNPS", "PRP$"}
          and all(view.tags[k] in _SPEAKER_TAGS for k in range(c + 2, end))):
        # (the speaker is a noun phrase: "…, said the minister.", not "…, said the building should stay open.")
        verb = view.words(c + 1)
        subject = view.text[_cut(view, c + 2) : _cut(view, end)].strip()
        new = f"{subject} {verb} this"
    else:
        return []
    parts = (finish(head, punct), finish(new))
    return [Proposal((0, len(view.text)), " ".join(parts), "split.attribution.v1",
                     "who said it moved to a sentence of its own", parts=parts)]


def list_items(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.list.v1: a list of three or more items at the end of a sentence becomes bullets.

    What: ``… covers A, B, C and D.`` -> ``… covers:`` followed by one list item per entry;
    each item is at most 4 words. Why: Mencap (2000) and UK easy read: use bullet points for
    lists; one idea per line.

    >>> from easyread.rewrite.rules import demo
    >>> demo(list_items, "The new money will build schools, hospitals, roads and new homes for families.", max_words=8)
    'The new money will build: schools hospitals roads new homes for families'
    """
    view = _view(sentence, ctx)
    end, _ = _sentence_end(view)
    commas = [k for k in range(end) if view.words(k) == ","]
    if len(commas) < 1 or any(view.protected_at(k) for k in commas):
        return []
    conj = next((k for k in range(end - 1, commas[-1], -1) if view.lower(k) in ("and", "or")), None)
    if conj is None:
        return []
    bounds = [*commas, conj]
    # the list's first item starts after the last verb or preposition before the first comma
    first = commas[0]
    k = first - 1
    while k > 0 and view.tags[k] in _NP_TAGS | {"CC"} and view.words(k) != ",":
        k -= 1
    start = k + 1
    if start >= first or start == 0:
        return []
    edges = [start, *[b + 1 for b in bounds]]
    stops = [*bounds, end]
    items = []
    for a, b in zip(edges, stops, strict=True):
        if a < len(view.tags) and view.lower(a) in ("and", "or"):
            a += 1
        if b <= a or b - a > 4 or any(view.tags[j] in _FINITE for j in range(a, b)):
            return []
        items.append(view.text[_cut(view, a) : view.sentence.tokens[b - 1].end])
    if len(items) < 3:
        return []
    if any(view.lower(j) in ("and", "or") for j in range(start, first)):
        return []  # "… litters the planet and oceans, poisoning …": an "and" inside the first item, so the
        # commas do not part a list
    if len({view.tags[a] == "VBG" for a in edges[:1] + [e + (view.lower(e) in ("and", "or")) for e in edges[1:]]}) > 1:
        return []  # "the planet and oceans, poisoning ecosystems and killing wildlife": a thing, then what
        # it does: items of different kinds are not a list
    intro = view.text[: _cut(view, start)].rstrip().rstrip(":").rstrip() + ":"
    parts = (intro[:1].upper() + intro[1:], *items)
    return [Proposal((0, len(view.text)), " ".join(parts), "split.list.v1",
                     f"a list of {len(items)} items written as bullet points",
                     parts=parts, list_items=True)]


def drop_aside(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.drop_aside.v3 (easy read only): drop a side detail in brackets or between dashes.

    What: ``The plan – expected to launch later in the year – will …`` -> ``The plan will …``.
    The aside must not hold a finite verb of the main sentence; what it drops (numbers,
    names) is recorded in the edit and in a ``W603`` note. v2: an aside that defines an
    acronym (``(NSPCC)``) or a name's full form (``Kris (Criminals' Return Into Society)``), lists
    things (``– immigration, trade and security –``) or holds a negation (``not``, ``no``, ``never`` …) is kept, and so
    (data 2026.4) is one that opens with a scope word from ``[drop_aside] keep_openers``
    (``along with``, ``except`` …), and one that holds a percentage (``– 80% of its workforce –``:
    a share says how big the thing is). This is the only rule that may
    remove a number or a name. Why: UK easy read and Inclusion Europe (2009): leave out what
    the reader does not need; keep one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(drop_aside, "The plan – expected to launch later in the year – will look at abuse.", profile="easy-read")
    'The plan will look at abuse.'
    """
    view = _view(sentence, ctx)
    text = view.text
    out: list[Proposal] = []
    spans: list[tuple[int, int]] = []
    keepers = [str(k) for k in _table().get("drop_aside", {}).get("keep_openers", [])]
    opens = [k for k in range(view.n()) if view.words(k) in ("–", "—")]
    if len(opens) == 2:
        spans.append((opens[0], opens[1]))
    for k in range(view.n()):
        if view.words(k) == "(":
            close = next((j for j in range(k + 1, view.n()) if view.words(j) == ")"), None)
            if close is not None:
                spans.append((k, close))
    for a, b in spans:
        if any(view.protected_at(j) for j in range(a, b + 1)) or b - a < 2:
            continue
        if any(view.tags[j] in _FINITE for j in range(a + 1, b)):
            continue
        inner = [view.words(j) for j in range(a + 1, b)]
        if len(inner) == 1 and len(inner[0]) > 1 and inner[0].isupper():
            continue  # an acronym's definition: the reader meets the acronym again
        if any(w.lower() in NEGATIONS or w.lower().endswith(("n't", "n’t")) for w in inner):
            continue  # a negation turns the sentence round: never dropped
        opener = " ".join(inner[:2]).lower()
        if any(opener == k or opener.startswith(k + " ") for k in keepers):
            continue  # "– along with the bear and the lynx –" changes what the sentence claims
        if "," in inner and any(w.lower() in ("and", "or") for w in inner):
            continue  # "the three issues – immigration, trade and security –": the list says what they are
        if any(view.lower(j) in ("these", "those", "such", "following") for j in range(max(0, a - 3), a)):
            continue  # "by these means – the prevention of … –": the aside says what "these means" are
        glue = {str(w) for w in _table()["drop_aside"].get("name_glue", [])}
        share_words = {str(w) for w in _table()["drop_aside"].get("share_words", [])}
        content = [w for w in inner if w.isalpha() and w.lower() not in glue]
        before = view.words(a - 1) if a > 0 else ""
        if len(content) >= 2 and all(w[:1].isupper() for w in content) and before[:1].isupper():
            continue  # "Kris (Criminals' Return Into Society)": a name's full form, as with "(NSPCC)"
        if len(before) > 1 and before.isupper() and "".join(w[0] for w in content).upper() == before:
            continue  # "CSP – concentrated solar power –": the aside spells out the acronym before it
        lead = next((k for k in range(a) if view.tags[k] != "CC" and view.words(k) != ","), a)
        if view.lower(lead) in _subordinator_words() and not any(view.words(k) == "," for k in range(lead, a)):
            continue  # "As the economy recovered … – to tame the unions – she seemed …": the aside also
            # ends the opening clause; without it the two clauses run together
        if inner[0].lower() == "to" and len(inner) > 1 and view.tags[a + 2] == "VB":
            continue  # "– to tame the unions and cure inflation –": a purpose is not a side detail
        if b - a > 3 and view.tags[a - 1] in ("NN", "NNS") and view.tags[a + 1] in ("NN", "NNS") and view.tags[a + 2] in (
                "VBN", "VBG", "WP", "WDT"):
            continue  # "millennials – individuals born between the early 1980s and early 2000s –": a definition
        if view.words(a) == "(" and len(inner) <= 3 and all(w.isalpha() and w.islower() for w in inner):
            continue  # "music ownership (downloads)": a short gloss of the words before it
        if any(w.endswith("%") or w.lower() in share_words for w in inner):
            continue  # "24,000 of its staff – 80% of its workforce –": a share is how big the thing is, not a side detail
        s = view.sentence.tokens[a].start
        e = view.sentence.tokens[b].end
        while s > 0 and text[s - 1] == " ":
            s -= 1
        # "Rather than relying on tics … or waving of arms – all seen as signs of lying – the new
        # method involves …": the dashes also closed an opening phrase before the subject, so a
        # comma takes their place (lexical review 13)
        pairs = {tuple(str(p).split()) for p in _table()["drop_aside"].get("opening_pairs", [])}
        opening = view.tags[lead] == "IN" and view.lower(lead) != "that" or (
            lead + 1 < a and (view.lower(lead), view.lower(lead + 1)) in pairs)
        glue_comma = "," if (view.words(a) != "(" and opening and b + 1 < view.n()
                             and view.tags[b + 1] in ("DT", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ", "CD")
                             and view.words(a - 1) != ",") else ""
        after = text[:s] + glue_comma + text[e:]
        dropped = tuple(missing(text, after))
        out.append(Proposal((s, e), glue_comma, "split.drop_aside.v3",
                            f"side detail {text[view.sentence.tokens[a].start:e]!r} left out",
                            dropped=dropped))
    return out


_QUOTE_MARKS = frozenset({"“", "”", '"', "``", "''", "‘", "’"})
_BE_PLURAL = {True: "are", False: "is"}


def _lower_start(view: View, at: int, text: str) -> str:
    """Lower-case the first letter of ``text`` (which starts at token ``at``) unless a name."""
    if at < view.n() and (view.tags[at] in ("NNP", "NNPS") or view.words(at) == "I"):
        return text
    word = view.words(at) if at < view.n() else ""
    if len(word) > 1 and word.isupper():
        return text
    return text[:1].lower() + text[1:]


def _also(piece: str, ctx: RuleContext) -> str:
    """Keep the linking ``also`` only while the piece fits the word limit (shorter wins)."""
    if len(re.findall(r"[\w’'-]+", piece)) > ctx.config.rewrite_max_words:
        return piece.replace(" also ", " ", 1)
    return piece


def opener(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.opener.v1 (easy read): drop a linking opener such as ``Meanwhile,``.

    What: an opener from ``split.toml`` ``[openers]`` at the start of the sentence goes, with
    its comma; the next word gets the capital. Why: Inclusion Europe (2009) and GOV.UK: cut
    words the reader does not need; the opener only links to the sentence before.

    >>> from easyread.rewrite.rules import demo
    >>> demo(opener, "Meanwhile, crimes against children have doubled.", profile="easy-read")
    'Crimes against children have doubled.'
    """
    text = sentence.text
    for word in _table()["openers"]["drop"]:
        m = re.match(re.escape(str(word)) + r",\s+(\W*)(\w)", text)
        if m and not sentence.is_protected(0, m.end()):
            return [Proposal((0, m.end()), m.group(1) + m.group(2).upper(), "split.opener.v1",
                             f"linking opener {word!r} left out")]
    return []


def filler(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.filler.v1 (easy read): drop a comment such as ``, of course,`` inside a sentence.

    What: a phrase from ``split.toml`` ``[filler] drop`` between two commas (or between a
    comma and the final full stop) goes, with its commas. Hedges (``perhaps``, ``it seems``)
    are never listed: they say how sure a claim is. Why: Inclusion Europe (2009) and GOV.UK:
    cut words the reader does not need; shorter sentences.

    >>> from easyread.rewrite.rules import demo
    >>> demo(filler, "The problem, of course, is that most people cannot hold their breath.", profile="easy-read")
    'The problem is that most people cannot hold their breath.'
    """
    text = sentence.text
    words = "|".join(re.escape(str(w)) for w in sorted(_table()["filler"]["drop"], key=len, reverse=True))
    for m in re.finditer(rf"(?i),\s+(?:{words})(?:,(?=\s)|(?=[.!?]$))", text):
        if not sentence.is_protected(m.start(), m.end()):
            return [Proposal((m.start(), m.end()), "", "split.filler.v1",
                             f"comment {m.group(0).strip(', ')!r} left out")]
    return []


def frame(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.frame.v1 (easy read): drop a news frame such as ``The news comes after``.

    What: ``The news comes after figures showed X.`` -> ``Figures showed X.``; with a
    gerund, ``The speech follows the Government providing X.`` -> ``The Government provided
    X.`` (past tense, inflected with lemminflect). The rest must be a clause (subject + finite
    verb) or a noun phrase + ``-ing`` verb. Why: UK easy read: main point first, one idea per
    sentence; the frame only says when the news came.

    >>> from easyread.rewrite.rules import demo
    >>> demo(frame, "The speech follows the Government providing money to a helpline for adults.", profile="easy-read")
    'The Government provided money to a helpline for adults.'
    """
    table = _table()["frame"]
    view = _view(sentence, ctx)
    end, _ = _sentence_end(view)
    if view.n() < 5 or view.words(0) not in {str(d) for d in table["determiners"]}:
        return []
    if view.lower(1) not in {str(n) for n in table["nouns"]}:
        return []
    at = None
    for verb in table["verbs"]:
        words = str(verb).split()
        if [view.lower(2 + k) for k in range(len(words)) if 2 + k < view.n()] == words:
            at = 2 + len(words)
            break
    if at is None or at >= end or view.protected_at(at):
        return []
    frame_text = view.text[: _cut(view, at)].strip()
    rid = "split.frame.v1"
    why = f"news frame {frame_text!r} left out: the main point first"
    k = at
    while k < end and view.tags[k] in _NP_TAGS and view.tags[k] != "POS":
        k += 1
    if k == at or k >= end or view.tags[k] != "VBG" or view.protected_at(k):
        if starts_clause(*_tags_words(view, at, end)):
            return [Proposal((0, _cut(view, at) + 1), view.text[_cut(view, at)].upper(), rid, why)]
        return []
    past = _inflect(view.lower(k), "VBD")
    if not past:
        return []
    subject = view.text[_cut(view, at) : view.sentence.tokens[k - 1].end]
    new = f"{subject[:1].upper()}{subject[1:]} {past}"
    return [Proposal((0, view.sentence.tokens[k].end), new, rid, why)]


def after_event(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.after_event.v1: ``M after a surge in X.`` -> ``There has been a surge in X. Now M.``

    What: ``after`` + ``a``/``an`` + an event noun (no clause of its own) at the end of a
    sentence becomes the first sentence, ``There has been …`` (``There was …`` when the main
    verb is past, then ``Then``); the main clause follows with ``Now``. Why: UK easy read: one
    idea and one verb per sentence; the order of events stays clear.

    >>> from easyread.rewrite.rules import demo
    >>> demo(after_event, "New rules will be brought in after a rise in attacks on shop workers.", max_words=8)
    'There has been a rise in attacks on shop workers. Now new rules will be brought in.'
    """
    table = _table()["after_event"]
    nouns = {str(n) for n in table["nouns"]}
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    for i in range(3, end - 2):
        if view.lower(i) != "after" or view.protected_at(i) or view.lower(i + 1) not in ("a", "an"):
            continue
        k = i + 2
        while k < end and (view.tags[k] in ("JJ", "RB") or view.words(k) in _QUOTE_MARKS):
            k += 1
        if k >= end or view.lower(k) not in nouns or view.tags[k] not in ("NN", "NNS"):
            continue
        if any(view.words(j) in (",", ";") for j in range(i, end)):
            continue
        left_tags, left_words = _tags_words(view, 0, i)
        if not has_clause(left_tags, left_words):
            continue
        if _reports(left_tags, left_words):
            return []  # "The report says the police arrested them after an inquiry": whose "after"?
        past = not any(t in ("MD", "VBP", "VBZ") for t in left_tags) and "VBD" in left_tags
        there, link = (str(table["past" if past else "present"][key]) for key in ("there", "link"))
        event = view.text[_cut(view, i + 1) : _cut(view, end)]
        main = view.text[: _cut(view, i)].strip()
        parts = (finish(f"{there} {event.strip()}"), finish(f"{link} {_lower_start(view, 0, main)}", punct))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.after_event.v1",
                         f"the event after 'after' told first ({link.lower()} the main clause)", parts=parts)]
    return []


def _reports(tags: list[str], words: list[str]) -> bool:
    """A verb of saying or thinking (split_syntax.toml ``[reported] verbs``, any form) among
    ``words``, followed by a finite verb of its own clause."""
    from easyread.rewrite.split.syntax_rules import table as syntax_table
    from easyread.rewrite.split.syntax_rules import verb_lemma

    verbs = {str(v) for v in syntax_table()["reported"]["verbs"]}
    return any(  # "says the police arrested …": a clause of its own after the verb
        t.startswith("VB") and (w.lower() in verbs or verb_lemma(w.lower()) in verbs)
        and any(x in _FINITE for x in tags[k + 1 :])
        for k, (t, w) in enumerate(zip(tags, words, strict=True))
    )


def name_for_pronoun(pronoun: str, speaker: str, speaker_tag: str, at_start: bool) -> str | None:
    """The speaker's noun phrase in place of a pronoun that refers back to it, once the claim is
    moved before the speaker (``Brindle said he hoped …`` -> ``Brindle hoped …. Brindle said
    this.``); None when the pronoun may mean someone else or nothing (``it``, ``her``).

    >>> name_for_pronoun("he", "Brindle", "NNP", True)
    'Brindle'
    >>> name_for_pronoun("their", "The police officers", "NNS", False)
    'the police officers’'
    >>> name_for_pronoun("it", "Officials", "NNS", True) is None
    True
    >>> name_for_pronoun("she", "The British government", "NN", True)
    'she'
    """
    word = pronoun.lower()
    plural = speaker_tag in ("NNS", "NNPS")
    person = speaker_tag in ("NN", "NNP") and not plural
    if word in ("he", "she", "his") and speaker.split()[-1:] and speaker.split()[-1].lower() in {
            str(w) for w in _table()["reported"]["institutions"]}:
        return pronoun  # "The government announced that she would …": "she" is someone else; it stays
    if not at_start:
        speaker = _lower_first(speaker)
    if word in ("he", "she") and person or word == "they" and plural:
        return speaker
    if word == "his" and person or word == "their" and plural:
        return speaker + ("’" if speaker.endswith("s") else "’s")
    return None


def attribution_lead(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.attribution_lead.v1: ``X will say C.`` -> ``C. X will say this.``

    What: a short subject + a saying verb (``say``/``says``/``said``, after a modal too) + an
    optional ``that`` + a clause with its own subject and finite verb. The claim comes first,
    who said it second, the same order as ``split.attribution.v1``. A colon or a quotation
    after the verb is never split. Why: UK easy read: one idea per sentence, main point first.

    >>> from easyread.rewrite.rules import demo
    >>> demo(attribution_lead, "The minister will say there has been a big rise in calls to the helpline.", max_words=8)
    'There has been a big rise in calls to the helpline. The minister will say this.'
    """
    table = _table()["reported"]
    verbs = {str(v) for v in table["verbs"]}
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    v = 0
    while v < end and view.tags[v] in _NP_TAGS | {"PRP"} and view.words(v) != ",":
        v += 1
    if v == 0 or v > int(table["max_subject_words"]):
        return []
    verb_end = v + 1 if view.tags[v] == "MD" else v
    if verb_end >= end or view.lower(verb_end) not in verbs:
        return []
    c = verb_end + 1
    if c < end and view.lower(c) == "that":
        c += 1
    if c >= end or view.protected_at(c) or view.words(c) in _QUOTE_MARKS | {":", ","}:
        return []
    if not starts_clause(*_tags_words(view, c, end)):
        return []
    if any(view.lower(k) in ("and", "but", "or", ",") and view.lower(k + 1) == "that" for k in range(c, end - 1)):
        return []  # "said X was hard and that he felt …": two reported clauses; the second needs "said"
    from easyread.rewrite.split.syntax_rules import words as syntax_words

    claim = view.text[_cut(view, c) :]
    first_noun = next((k for k in range(c, end) if view.tags[k].startswith("NN")), end)
    k = next((k for k in range(c, first_noun) if view.lower(k) in syntax_words("pronouns")), None)
    if k is not None and view.tags[0] != "PRP":
        # "Brindle said he hoped …": "He hoped …. Brindle said this." would put "he" before its name
        name = name_for_pronoun(view.words(k), view.text[: view.sentence.tokens[v - 1].end], view.tags[v - 1], k == c)
        if name is None:
            return []
        tok, base = view.sentence.tokens[k], _cut(view, c)
        claim = claim[: tok.start - base] + name + claim[tok.end - base :]
    who = view.text[: view.sentence.tokens[verb_end].end]
    parts = (finish(claim, punct) if claim.rstrip()[-1:] not in _END | _CLOSERS else claim.strip(),
             finish(f"{who} this"))
    parts = (finish(parts[0]) if parts[0][:1].islower() else parts[0], parts[1])
    return [Proposal((0, len(view.text)), " ".join(parts), "split.attribution_lead.v1",
                     "what was said comes first, who said it second", parts=parts)]


def coordinated_there(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.coordinated_there.v1: ``There has been A and B.`` -> ``There has been A. There has also been B.``

    What: after an existential ``there`` + a form of *be*, two noun phrases that each start
    with ``a``/``an`` and are joined by ``and`` become two sentences. Why: UK easy read: one
    idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(coordinated_there, "There has been a rise in calls to the helpline and an increase in visits to the website.", max_words=15)
    'There has been a rise in calls to the helpline. There has also been an increase in visits to the website.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    if view.n() < 6 or view.tags[0] != "EX":
        return []
    k = 1
    while k < end and view.tags[k] in ("VBZ", "VBP", "VBD", "MD", "VB", "VBN") and view.lower(k) in (
        "is", "are", "was", "were", "has", "have", "had", "been", "will", "be"
    ):
        k += 1
    if k == 1 or k >= end or view.lower(k) not in ("a", "an"):
        return []
    for i in range(k + 2, end - 1):
        if view.lower(i) != "and" or view.protected_at(i) or view.lower(i + 1) not in ("a", "an"):
            continue
        head = view.text[: view.sentence.tokens[k - 1].end]
        aux = view.text[view.sentence.tokens[1].start : view.sentence.tokens[k - 1].end].split()
        also = f"{view.words(0)} {aux[0]} also {' '.join(aux[1:])}".strip()
        left = view.text[: _cut(view, i)]
        right = view.text[_cut(view, i + 1) :]
        parts = (finish(left), _also(finish(f"{also} {right}", punct), ctx))
        if not head:
            return []
        return [Proposal((0, len(view.text)), " ".join(parts), "split.coordinated_there.v1",
                         "two things joined by 'and' after 'there is' told one at a time", parts=parts)]
    return []


def verb_phrase(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.verb_phrase.v1: ``S will do A and do B.`` -> ``S will do A. S will also do B.``

    What: a short subject at the start, its verb (a modal + base verb, or a past/present
    verb), and ``and`` + a second verb of the same form with no finite verb between; the
    subject (and modal) is repeated with ``also``. Why: UK easy read: one idea and one verb
    per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(verb_phrase, "The plan will look at online abuse and urge the police to work together.", max_words=15)
    'The plan will look at online abuse. The plan will also urge the police to work together.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    v = 0
    if end and view.tags[0] == "PRP" and view.lower(0) in _SUBJECT_PRONOUNS:
        v = 1  # "They run … and offer …"
    else:
        while v < end and view.tags[v] in _NP_TAGS and view.words(v) != ",":
            v += 1
    subject_end = v
    if 0 < v < end and view.lower(v) == "also":
        v += 1  # "SOHAY also runs … and offers …": the second verb gets its "also" anyway
    if v == 0 or v > 7 or v >= end - 3 or view.tags[v] not in _FINITE:
        return []
    want = {"MD": {"VB"}, "VBD": {"VBD"}, "VBZ": {"VBZ"}, "VBP": {"VBP", "VB"}}[view.tags[v]]
    if view.tags[v] == "MD" and view.tags[v + 1] != "VB":
        return []
    if view.tags[v] != "MD" and view.tags[v + 1] in ("VBG", "VBN"):
        return []  # "are convincing people to take X and put Y": the verb is the participle, and
        # "and put" may belong to the infinitive (split.coordinate.v1 reads the parse instead)
    for i in range(v + 3, end - 2):
        if view.lower(i) != "and" or view.protected_at(i):
            continue
        if any(view.tags[j] in _FINITE for j in range(v + 1, i)):
            return []  # a verb of its own between: "and" may belong to that clause
        if any(view.lower(j) in ("and", "but", "or") and starts_clause(*_tags_words(view, j + 1, end))
               for j in range(v + 1, i)):
            return []  # "I shouted and a guy put his arm in and pulled …": a second subject first
        if view.tags[i + 1] not in want:
            continue
        opener = max((j for j in range(v + 1, i) if view.lower(j) in ("including", "like")
                      or view.lower(j) == "as" and view.lower(j - 1) == "such"), default=None)
        if opener is not None and not any(view.words(j) in (",", ";") for j in range(opener, i)):
            continue  # "injuries such as lesions and blows often undetectable …": the "and" joins the
            # examples of a list ("The technique blows often undetectable" was wrong)
        if view.tags[i + 1] == "VB" and any(view.tags[j] == "TO" and view.tags[j + 1] == "VB" for j in range(v + 1, i)):
            continue  # "… people to take X and put Y": the second verb shares the infinitive's "to"
        subject = view.text[: view.sentence.tokens[subject_end - 1].end]
        if view.tags[0] != "PRP":
            subject = _np_subject(subject)  # "A man came and sat …" -> "The man also sat …"
        modal = f"{view.words(v)} " if view.tags[v] == "MD" else ""
        left = view.text[: _cut(view, i)]
        right = view.text[_cut(view, i + 1) :]
        if "also" in right.lower().split()[:3]:
            second = f"{subject} {modal}{right}"  # "… and was also planning …" has its own "also"
        elif not modal and i + 2 < end and view.lower(i + 1) in _AUX_FORMS and (
                view.tags[i + 2] in ("VBN", "VBG") or view.lower(i + 1) in _BE_FORMS):
            aux, _, rest = right.partition(" ")
            second = f"{subject} {aux} also {rest}"  # "The move has also sparked …", not "also has sparked"
        else:
            second = f"{subject} {modal}also {right}"
        parts = (finish(left), _also(finish(second, punct), ctx))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.verb_phrase.v1",
                         "two verbs of one subject told one at a time", parts=parts)]
    return []


def _subordinator_words() -> frozenset[str]:
    """``when``, ``because``, ``if`` …: the split_syntax.toml list shared with the dependency rules."""
    from easyread.rewrite.split.syntax_rules import words as syntax_words

    return syntax_words("subordinators")


def _adverbial_words(key: str) -> frozenset[str]:
    """A word list of ``[adverbial]`` in split_syntax.toml, shared with the dependency rules:
    ``scope_words`` (they narrow the clause after them) and ``time_nouns`` (a ``when``/``where``
    clause after them describes them)."""
    from easyread.rewrite.split.syntax_rules import table as syntax_table

    return frozenset(str(w) for w in syntax_table()["adverbial"].get(key, []))


_NOUN_RUN = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ"})
_NP_RUN = _NOUN_RUN | {"DT", "PRP$", "CD"}


def _np_left(view: View, i: int, tags: frozenset[str]) -> int:
    """First token of the run of ``tags`` that ends at token ``i - 1`` (a noun phrase's start)."""
    k = i - 1
    while k > 0 and view.tags[k - 1] in tags:
        k -= 1
    return k


def _head(view: View, i: int) -> tuple[str, bool]:
    """The head noun ending at token ``i - 1`` with its noun compounds and adjectives (``artificial
    intelligence``: ``The intelligence`` alone would name something else), and whether plural."""
    k = i - 1
    while k > 0 and view.tags[k - 1] in ("NN", "NNS", "JJ") and k > i - 3:
        k -= 1
    head = view.text[_cut(view, k) : view.sentence.tokens[i - 1].end]
    if k == 0 and view.tags[0] not in ("NNP", "NNPS"):
        word = view.words(0)
        if not (len(word) > 1 and word.isupper()):
            head = head[:1].lower() + head[1:]  # "Research published by …" -> "The research was …"
    return head, view.tags[i - 1] == "NNS"


def reduced_relative(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.reduced_relative.v2: ``N registered on X are …`` / ``… a helpline run by X.``

    What: a past participle + preposition right after a noun describes that noun; it becomes
    a sentence of its own, ``These N are registered on X.`` (plural) or ``The N is run by
    X.``. In the subject, the participle phrase ends at the next finite verb; at the end of a
    sentence it must start with ``by`` and run to the end. The new sentence takes the main
    clause's tense (``… were held by …`` after a past verb; v1 always used the present). Why: UK
    easy read: one idea and one verb per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(reduced_relative, "The Government gave money to a helpline run by a charity for children.", max_words=8)
    'The Government gave money to a helpline. The helpline was run by a charity for children.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    for i in range(1, end - 2):
        if view.tags[i] not in ("VBN", "VBD") or view.tags[i - 1] not in ("NN", "NNS"):
            continue
        if view.tags[i] == "VBD" and view.lower(i) not in _participles():
            continue  # "the rules were in place": a past tense that is never a participle
        if view.tags[i + 1] != "IN" or view.lower(i + 1) in ("that", "whether", "if") or view.protected_at(i):
            continue  # "DNA found that he …" is a clause, not a participle phrase
        if not has_clause(*_tags_words(view, 0, i - 1)) and i < 3 and not (
                view.lower(i + 1) == "by" and view.tags[i] == "VBN" and token_at(view.sentence, i, ctx) is not None
                and token_at(view.sentence, i, ctx).dep_ == "acl"):  # type: ignore[union-attr]
            continue  # (a sentence-initial "Research published by X showed …" only when the parser agrees)
        parsed = token_at(view.sentence, i, ctx)
        if parsed is not None and (parsed.dep_ in ("xcomp", "ROOT") or any(c.dep_.startswith("nsubj") for c in parsed.children)):
            continue  # the participle completes a verb ("had their budgets slashed by …"), is the main verb
            # ("sales plunged by …") or is a verb with its own subject ("two men broke in through …")
        f = next((j for j in range(i + 2, end)
                  if view.tags[j] in _FINITE or view.words(j) in (",", ";") or view.words(j) in _DASHES), end)
        head, plural = _head(view, i)
        det = "These" if plural else "The"
        np_first = _np_left(view, i, _NOUN_RUN)
        if np_first > 0 and view.lower(np_first - 1) in ("and", "or", ","):
            continue  # "birds, mammals and amphibians used for food": the phrase is about all of them
        if f < end and any(view.tags[j] in ("WRB", "WDT", "WP") or view.lower(j) in ("that", "if", "because", "although")
                           for j in range(i + 1, f)):
            continue  # "sales plunged by … after a scare when media showed …": the next verb is another clause's
        if f < end and view.tags[f] in _FINITE and (view.lower(f - 1) in ("and", "or", "but") or any(
                view.tags[j] in ("VB", "VBP") and view.tags[j - 1] != "TO" for j in range(i + 1, f))):
            continue  # "The papers published by The Lancet represent X and are …": the verb at f is a second
            # conjunct, and the main verb ("represent", read as a base form) lies inside the phrase
        if f < end and view.tags[f] in _FINITE and (view.lower(f - 1) in _SUBJECT_PRONOUNS | {"there"}
                                                      or not _parse_subject_is(view, i - 1, f, ctx)):
            continue  # "to sort people based on the shoes they are wearing", "50 workers billeted in the
            # village … but there is a crisis": the verb at f has a subject of its own (a clause inside
            # the phrase, or a second clause after it), so the phrase does not end there
        if f < end and view.tags[f] in _FINITE:
            main = view.text[: _cut(view, i)].rstrip() + " " + view.text[_cut(view, f) :]
            phrase = view.text[_cut(view, i) : _cut(view, f)].strip()
            if not any(t.startswith("NN") or t == "PRP" for t in view.tags[:i]):
                continue  # the participle's noun is the subject of the finite verb at f
            np_first = _np_left(view, i, _NP_RUN)
            counting = {str(w) for w in _table()["reduced_relative"]["quantity_nouns"]}
            outer = np_first - 2 if np_first > 1 else 0
            if (np_first > 0 and view.tags[np_first - 1] == "IN" and view.tags[outer].startswith("NN")
                    and view.lower(outer) not in counting):
                continue  # "The percentages of children diagnosed with X have trebled": the phrase narrows the subject
            if np_first > 1 and view.lower(np_first - 1) == "of" and view.lower(np_first - 2) in {
                    str(w) for w in _table()["reduced_relative"]["partitives"]}:
                continue  # "most of the bacteria identified by the team are harmless": the phrase says which
            past = view.tags[f] == "VBD"
        elif f == end and view.lower(i + 1) == "by" and view.tags[i + 2] != "VBG" and not any(
                view.tags[j] in ("VBN", "VBG") and view.lower(j - 1) != "by" for j in range(i + 2, end)):
            # ("their asylum bid by working illegally": "by" + an -ing verb is a means, not an agent)
            # (no second participle inside: "run by former nurses called Cara" — who is called Cara?)
            lead = _np_left(view, i, _NP_RUN | {"POS"})
            if lead > 1 and view.lower(lead - 1) == "of" and view.tags[lead - 2].startswith("NN"):
                continue  # "the number of deaths caused by AIDS": the phrase says which deaths are counted
            if any(view.lower(k) in NEGATIONS for k in range(max(lead - 1, 0), i)):
                continue  # "miles without an accident caused by the computer": the noun is denied, not described
            if lead > 0 and (view.words(lead - 1) in ("–", "—", "-", ",", ":", ";") or view.lower(lead - 1) == "with"):
                continue  # "… smoking – a decision criticised by X.": the noun is an aside, not an object;
                # "…, with old buildings destroyed by X.": an absolute phrase (split.with_phrase.v1)
            main = view.text[: _cut(view, i)]
            phrase = view.text[_cut(view, i) : _cut(view, end)].strip()
            if not has_clause(*_tags_words(view, 0, i)):
                continue
            past = next((t for t in view.tags[:i] if t in _FINITE), "") == "VBD"
        else:
            continue
        when = _phrase_time(view, i + 1, f)
        if when == "other":
            continue  # "the homes built next year will …": "are built" would misstate when
        past = past or when == "past"  # "the bones found at the tower centuries later are …": they were found
        be = (_BE_PAST if past else _BE_PLURAL)[plural]  # the new sentence keeps the main clause's tense
        parts = (finish(main, punct), finish(f"{det} {head} {be} {phrase}"))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.reduced_relative.v2",
                         f"what describes {head!r} made its own sentence", parts=parts)]
    return []


def _parse_subject_is(view: View, noun_at: int, f: int, ctx: RuleContext) -> bool:
    """The parse (when there is one) makes the noun at ``noun_at`` the subject of the clause
    whose finite verb (or auxiliary, or copula) is at ``f``: ``people registered on X are …``."""
    noun = token_at(view.sentence, noun_at, ctx)
    verb = token_at(view.sentence, f, ctx)
    if noun is None or verb is None:
        return True
    if verb.dep_ in ("aux", "aux:pass", "cop"):
        verb = verb.head
    while noun.dep_ == "nmod" and noun.head.i != noun.i:
        noun = noun.head  # "half of all the rubbish left on site was …": the subject counts the noun
    if verb.dep_ == "xcomp" and noun.dep_ == "obj" and noun.head.i == verb.head.i:
        return True  # "claimed the warnings demanded by MEPs went …", parsed as "claimed [them] [to go]"
    return any(c.i == noun.i and c.dep_.startswith("nsubj") for c in verb.children)


def _phrase_time(view: View, a: int, b: int) -> str:
    """What time the words of a participle phrase [a, b) name: ``past`` (``centuries later``,
    ``in 1485``, ``last year``: the words of ``[reduced_relative] past_time``, or ``in``/``on`` + a
    year before this one), ``other`` (any other time word of ``[time_phrase] time_words`` or
    ``[reduced_relative] other_time``: the tense of the new sentence is unclear), or ``""``."""
    conf = _table()["reduced_relative"]
    past_words = {str(w) for w in conf["past_time"]}
    other = {str(w) for w in conf["other_time"]} | {str(w) for w in _table()["time_phrase"]["time_words"]}
    past = unclear = False
    for k in range(a, b):
        word = view.lower(k)
        year = view.tags[k] == "CD" and re.fullmatch(r"(?:1\d|20)\d\d", word) is not None
        if word in past_words or year and word < "2000" and view.lower(k - 1) in ("in", "on"):
            past = True
        elif word in other or year:
            unclear = True
    return "past" if past else "other" if unclear else ""


def time_phrase(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.time_phrase.v1: ``… in the first 3 months of this year.`` -> ``…. This was in …``

    What: a trailing time phrase (a preposition from ``split.toml`` and a time word, at least
    ``min_words`` words, no verb) becomes its own sentence: ``This was …`` after a past or
    perfect verb, ``This will be …`` after ``will``, ``This is …`` otherwise. The rest must
    still be a clause. Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(time_phrase, "There has been a rise in calls to the helpline in the first 3 months of this year.", max_words=8)
    'There has been a rise in calls to the helpline. This was in the first 3 months of this year.'
    """
    table = _table()["time_phrase"]
    preps = {str(p) for p in table["prepositions"]}
    times = {str(t) for t in table["time_words"]}
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    short = {str(p) for p in table.get("short_prepositions", [])}
    for i in range(end - min(int(table["min_words"]), int(table.get("short_min_words", 99))), 2, -1):
        if view.lower(i) not in preps or view.protected_at(i):
            continue
        if end - i < int(table["min_words"]) and not (view.lower(i) in short and end - i >= int(table["short_min_words"])):
            continue
        first_noun = next((j for j in range(i + 1, end) if view.tags[j].startswith("NN") or view.tags[j] in ("PRP", "CD")), None)
        if first_noun is None or not (view.lower(first_noun) in times or view.tags[first_noun] == "CD"):
            continue  # "bussed between them every day": the phrase is about "them", not a time
        if view.tags[i - 1] in ("RB", "RBR", "JJ") or view.lower(i - 1) in ("late", "early"):
            continue  # "late on Friday night": the phrase belongs to the word before it
        if view.tags[i - 1] == "VBN" and view.lower(i - 2) in _BE_FORMS:
            continue  # "were born in November and October": the phrase completes the verb
        span = range(i + 1, end)
        if not any(view.lower(j) in times for j in span):
            continue
        if any(view.tags[j] == "IN" and view.lower(j) not in ("of", "and") for j in span):
            continue
        if any(view.tags[j].startswith("VB") or view.tags[j] in ("MD", "WDT", "WP") or view.words(j) in (",", ";") for j in span):
            continue
        left_tags, left_words = _tags_words(view, 0, i)
        if not has_clause(left_tags, left_words) or len([t for t in left_tags if t[:1].isalpha()]) < 5:
            continue
        finite = max((k for k in range(i) if view.tags[k] in _FINITE), default=-1)
        last = max((k for k in range(finite + 1, i) if view.tags[k].startswith("VB")), default=-1)
        if last > 0 and (view.tags[last] == "VB" and view.tags[last - 1] == "TO" or view.tags[last] == "VBG" and view.lower(
                last - 1) in {str(w) for w in table.get("verb_openers", [])}):
            continue  # "… levelled out before dropping to 19% during the final quarter": the time
            # belongs to the "-ing"/"to" verb, not to the main clause; "This" would point at either
        verbs = [k for k in range(i) if view.tags[k] in _FINITE and not view.quoted(k)
                 and not any(view.tags[j] in _FINITE for j in range(max(k - 2, 0), k))]
        if len(verbs) > 1:
            continue  # "… admitted it had given false descriptions … between 2006 and 2013": the time
            # may belong to the verb of an inner clause; "This was …" would point at either
        lowers = [w.lower() for w in left_words]
        if any(t == "MD" and w not in ("will", "would", "'ll", "’ll") for t, w in zip(left_tags, lowers, strict=True)):
            continue  # "… can see more than 31 stars on a good night": "This is on a good night" is no plain fact
        if "will" in lowers:
            this = "This will be"
        elif "would" in lowers:
            this = "This would be"
        elif "VBD" in left_tags or "has" in lowers or "have" in lowers:
            this = "This was"
        else:
            this = "This is"
        phrase = view.text[_cut(view, i) : _cut(view, end)].strip()
        parts = (finish(view.text[: _cut(view, i)], punct), finish(f"{this} {phrase}"))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.time_phrase.v1",
                         "the time phrase made its own sentence", parts=parts)]
    return []


# ------------------------------------------------------------ clause helpers (2026.3 rules)
_PLURAL_SUBJECTS = frozenset({"they", "we", "you", "i"})
_FUTURE_LEADS = frozenset({"set", "due", "expected", "going", "about", "planning", "scheduled"})


def _subject(view: View, end: int) -> tuple[str, int, int] | None:
    """The subject noun phrase of the main clause: (text, first token, finite verb index).

    The subject is the noun phrase (at most 6 tokens) right before the first finite verb; it
    must start the sentence or follow a comma (``In 1990, the band …``).
    """
    f = next((k for k in range(end) if view.tags[k] in _FINITE), None)
    if f is None or f == 0 or view.protected_at(f):
        return None
    e = f
    if e > 1 and view.tags[e - 1] == "RB" and view.lower(e - 1) not in NEGATIONS:
        e -= 1  # "The groups strongly oppose …": the subject ends before the adverb
    s = e
    while s > 0 and view.tags[s - 1] in _NP_TAGS | {"PRP"} and view.words(s - 1) != ",":
        s -= 1
    if s == e or e - s > 6 or (s > 0 and view.words(s - 1) != ","):
        return None
    if view.tags[s] in ("POS", "HYPH") or any(view.protected_at(k) for k in range(s, f)):
        return None
    return view.text[_cut(view, s) : view.sentence.tokens[e - 1].end], s, f


def _plural(view: View, s: int, f: int) -> bool:
    last = f - 1
    if last > s and view.tags[last] == "RB":
        last -= 1
    return view.tags[last] in ("NNS", "NNPS") or view.lower(last) in _PLURAL_SUBJECTS


def _tense(view: View, f: int, end: int) -> str | None:
    """``future``, ``past`` or ``present`` for the main verb at ``f`` (None when unclear)."""
    word, tag = view.lower(f), view.tags[f]
    nxt = [view.lower(k) for k in range(f + 1, min(f + 3, end))]
    if tag == "MD":
        return "future" if word in ("will", "shall") else None
    leads = len(nxt) == 2 and nxt[0] in _FUTURE_LEADS and nxt[1] == "to"
    if tag == "VBD":
        return None if leads else "past"
    if leads and word in ("is", "are", "am", "'s", "’s"):
        return "future"
    return "present"


def _inflect(word: str, tag: str) -> str | None:
    """``word`` (a verb form) inflected to the Penn ``tag`` with lemminflect; None if unknown.

    lemminflect's answers for every -ing word of its dictionary and of wordfreq's English
    list are precomputed (``verb_forms.tsv``, ``tools/build_forms.py``); only another word
    (rare: the rules inflect VBG tokens) loads lemminflect itself.
    """
    from easyread.data import VERB_TAGS, verb_forms

    row = verb_forms().get(word.lower())
    if row is not None:
        return (row[VERB_TAGS.index(tag)] or None) if row[0] else None
    from lemminflect import getInflection, getLemma

    lemmas = getLemma(word.lower(), upos="VERB")
    if not lemmas:
        return None
    if tag == "VB":
        return str(lemmas[0])
    forms = getInflection(str(lemmas[0]), tag=tag)
    return str(forms[0]) if forms else None


def _after(view: View, i: int, end: int) -> str:
    """The text from token ``i`` to the sentence's final punctuation (exclusive)."""
    return view.text[_cut(view, i) : _cut(view, end)].strip()


def _clause_form(view: View, verb_at: int, tense: str, plural: bool) -> str | None:
    """The ``-ing`` verb at ``verb_at`` as the finite verb of a new sentence in ``tense``."""
    word = view.words(verb_at)
    if tense == "future":
        base = _inflect(word, "VB")
        return f"will {base}" if base else None
    if tense == "past":
        return _inflect(word, "VBD")
    return _inflect(word, "VBP" if plural else "VBZ")


def when_doing(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.when_doing.v1: ``S will do A when doing B.`` -> ``S will do A. S will do B.``

    What: ``when``/``while`` + an ``-ing`` verb at the end of a sentence becomes a sentence of
    its own with the main subject repeated, in the main clause's tense: future (``will``,
    ``is set to``, ``is due to`` …) gives ``S will speak …``; past gives ``S was speaking …``
    (what was going on at the time). A present-tense main clause is not split (``she reads
    when travelling`` is a habit, not two events). Why: UK easy read: one idea and one verb
    per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(when_doing, "The minister is set to reveal the plan when speaking at a school in Leeds on Tuesday.", max_words=8)
    'The minister is set to reveal the plan. The minister will speak at a school in Leeds on Tuesday.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    subj = _subject(view, end)
    if subj is None:
        return []
    subject, s, f = subj
    for i in range(f + 2, end - 2):
        if view.lower(i) not in ("when", "while") or view.tags[i + 1] != "VBG" or view.protected_at(i):
            continue
        if any(view.words(k) in (",", ";", ":") and not view.quoted(k) for k in range(i + 2, end)):
            return []
        if any(view.tags[k] in _FINITE | {"VBG", "CC"} and not view.quoted(k) for k in range(i + 2, end)):
            return []
        g = f + 1  # the main verb group: "will speak", "is set to reveal", "was seen"
        while g < i and (view.tags[g] in ("RB", "VB", "VBN", "VBG", "TO") or view.lower(g) in _FUTURE_LEADS):
            g += 1
        if any(view.tags[k].startswith("VB") or view.tags[k] in ("MD", "TO", "WDT", "WP", "WRB") or view.words(k) == ","
               or view.lower(k) == "that" and view.tags[k] == "IN" for k in range(g, i)):
            return []  # "taught me exercises to help me hold my breath while swimming": the -ing may be
            # another verb's or its object's ("She was swimming" was wrong); only a plain main clause
        tense = _tense(view, f, end)
        if tense not in ("future", "past"):
            return []
        plural = _plural(view, s, f)
        if tense == "future":
            verb = _clause_form(view, i + 1, tense, plural)
        else:
            verb = f"{_BE_PAST[plural]} {view.words(i + 1)}"
        if not verb:
            return []
        main = view.text[: _cut(view, i)]
        rest = _after(view, i + 2, end)
        parts = (finish(main, punct), finish(f"{_np_subject(subject)} {verb} {rest}", punct))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.when_doing.v1",
                         f"'{view.lower(i)} {view.words(i + 1)} …' made its own sentence", parts=parts)]
    return []


_BE_PAST = {True: "were", False: "was"}


def participle(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.participle.v1: a trailing ``, -ing …`` clause becomes its own sentence.

    What: ``…, making it X.`` -> ``…. This made it X.`` for verbs that name a result of the
    whole event (``[participle] result`` in ``split.toml``); other verbs take the main
    clause's subject: ``…, becoming X.`` -> ``…. S became X.``; ``…, including A, B and C.``
    -> ``…. These included A, B and C.`` The new verb takes the main clause's tense.
    Prepositions that look like ``-ing`` verbs (``according``, ``following`` …) are never
    split. Why: UK easy read: one idea and one verb per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(participle, "The team won the cup in May, making it the best club in the country.", max_words=8)
    'The team won the cup in May. This made it the best club in the country.'
    """
    table = _table()["participle"]
    result = {str(w) for w in table["result"]}
    blocked = {str(w) for w in table["not_verbs"]}
    listing = {str(w) for w in table["listing"]}
    saying = {str(w) for w in table["saying"]}
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    subj = _subject(view, end)
    if subj is None:
        return []
    subject, s, f = subj
    tense = _tense(view, f, end)
    if tense is None:
        return []
    if tense == "present" and view.lower(f) in ("has", "have", "’ve", "'ve") and not any(
            view.lower(k) in listing for k in range(f, end)) and any(
            view.tags[k] == "VBN" for k in range(f + 1, min(f + 4, end))):
        tense = "past"  # "has more than halved, falling from …" -> "… fell from …"
    for c in range(f + 2, end - 2):
        if view.words(c) != "," or view.tags[c + 1] != "VBG" or view.protected_at(c):
            continue
        if any(view.lower(k) in ("and", "but", "or") and starts_clause(*_tags_words(view, k + 1, c))
               for k in range(f + 1, c)):
            continue  # "X will run out and it will shut down, drifting …": whose action is it?
        w = max((k for k in range(f + 1, c) if view.lower(k) == "with" and view.words(k - 1) == ","), default=None)
        if w is not None and not any(view.tags[k] in _FINITE for k in range(w, c)):
            continue  # "…, with the consumption of fruit, fresh and processed, increasing …": the -ing is the with-phrase's
        verb = view.lower(c + 1)
        if verb in blocked:
            continue
        aside = max((k for k in range(f + 1, c) if view.words(k) == ","), default=None)
        if verb not in result | listing and aside is not None and all(
                view.tags[k] in _NP_TAGS | {"NNP", "NNPS"} for k in range(aside + 1, c)):
            continue  # "… with his girlfriend, Nicole Oetl, flying helicopters …": the -ing may be the
            # named person's, not the subject's ("He flew helicopters" was wrong)
        if verb not in result | listing and any(view.lower(k) == "that" and view.tags[k] in ("IN", "WDT")
                                                for k in range(f + 1, c)):
            continue  # "recommended that X should be saved by the county, arguing …": who argues?
        span = range(c + 2, end)
        said = verb in saying and view.lower(c + 2) == "that"  # "…, arguing that it would …"
        if not said and any(view.tags[k] in _FINITE | {"WDT", "WP", "VBG"} for k in span) \
                or any(view.words(k) in _QUOTE_MARKS for k in span):
            continue
        if verb not in listing and any(view.words(k) in (",", ";") for k in span):
            continue
        if not has_clause(*_tags_words(view, 0, c)) or c - f < 2:
            continue
        if verb in listing:
            plural = any(view.tags[k] in ("NNS", "NNPS") for k in range(f + 1, c))
            new_subject = "These" if plural else "This"
        elif verb in result:
            plural, new_subject = False, "This"
        else:
            plural, new_subject = _plural(view, s, f), _np_subject(subject)
        form = _clause_form(view, c + 1, tense, plural)
        if not form:
            continue
        parts = (finish(view.text[: _cut(view, c)], punct), finish(f"{new_subject} {form} {_after(view, c + 2, end)}", punct))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.participle.v1",
                         f"the '{view.words(c + 1)} …' clause made its own sentence", parts=parts)]
    return []


@lru_cache(maxsize=1)
def _participles() -> frozenset[str]:
    """Every past participle of the verb-form table (``boosted``, ``born``)."""
    from easyread.data import verb_forms

    return frozenset(row[3] for row in verb_forms().values())


def participle_lead(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.participle_lead.v1: ``Born in X, S …`` -> ``S was born in X. S …``

    What: a sentence that opens with a past participle phrase (``Born in …``, ``Founded in
    …``, ``Located in …``) and a comma, followed by a clause with a short subject: the phrase
    becomes ``S was/is …`` (``was`` for the events in ``[participle] past_events``, else the
    main verb's tense). Why: UK easy read: one idea and one verb per sentence; say who or what
    first.

    >>> from easyread.rewrite.rules import demo
    >>> demo(participle_lead, "Born in Leeds in 1950, the writer moved to London as a young man.", max_words=8)
    'The writer was born in Leeds in 1950. The writer moved to London as a young man.'
    """
    events = {str(w) for w in _table()["participle"]["past_events"]}
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    if end < 6 or view.protected_at(0) or not (
            view.tags[0] == "VBN" or view.tags[0] == "VBD" and view.lower(0) in _participles()):
        return []  # ("Boosted by …," read as a past tense: nothing before it can be its subject)
    c = next((k for k in range(1, end) if view.words(k) in (",", ";", ":")), None)
    if c is None or view.words(c) != "," or c < 2 or view.protected_at(c):
        return []
    if any(view.tags[k] in _FINITE and not (  # "the newly arrived revenues": a participle before a noun
            view.tags[k] == "VBD" and view.lower(k) in _participles() and view.tags[k + 1].startswith("NN"))
           for k in range(1, c)):
        return []
    f = c + 1
    while f < end and view.tags[f] in _NP_TAGS | {"PRP"}:
        f += 1
    subject_end = f
    if f < end and view.tags[f] == "RB":
        f += 1
    if subject_end == c + 1 or subject_end - c - 1 > 6 or f >= end or view.tags[f] not in _FINITE:
        return []
    if not starts_clause(*_tags_words(view, c + 1, end)):
        return []
    subject = view.text[_cut(view, c + 1) : view.sentence.tokens[subject_end - 1].end]
    plural = _plural(view, c + 1, subject_end)
    if view.lower(0) in events or view.tags[f] == "VBD":
        be = _BE_PAST[plural]
    elif view.tags[f] == "MD":
        return []
    else:
        be = _BE_PLURAL[plural]
    subject_cap = _np_subject(subject)
    if view.tags[c + 1] == "PRP":
        subject_cap = subject[:1].upper() + subject[1:]
    phrase = view.text[: _cut(view, c)].strip()
    lead = phrase[:1].lower() + phrase[1:]
    parts = (finish(f"{subject_cap} {be} {lead}"), finish(view.text[_cut(view, c + 1) :], punct))
    return [Proposal((0, len(view.text)), " ".join(parts), "split.participle_lead.v1",
                     f"the opening '{view.words(0)} …' phrase made its own sentence", parts=parts)]


def relative_sentential(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.relative_sentential.v1: ``…, which V …`` about a whole clause -> ``…. This V …``

    What: a trailing ``, which`` + a finite verb after a clause that does not end in a noun
    (``He resigned in 2001, which surprised …``) is about the whole clause; it becomes
    ``This …``. ``, where`` + a clause after a place noun becomes ``There …``, or ``S V there
    …`` when nothing follows the verb but a preposition or a date (``I moved there in 2012``).
    Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(relative_sentential, "The old mayor resigned suddenly in 2001, which surprised many people in the town.", max_words=8)
    'The old mayor resigned suddenly in 2001. This surprised many people in the town.'
    >>> demo(relative_sentential, "The young painter moved to Paris in 1905, where he studied art for six years.", max_words=8)
    'The young painter moved to Paris in 1905. There, he studied art for six years.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    for c in range(3, end - 3):
        if view.words(c) != "," or view.protected_at(c) or view.lower(c + 1) not in ("which", "where"):
            continue
        if any(view.words(k) in (",", ";", ":") for k in range(c + 2, end)):
            return []
        if not has_clause(*_tags_words(view, 0, c)):
            return []
        main = view.text[: _cut(view, c)]
        if view.lower(c + 1) == "which":
            before = view.tags[c - 1]
            if before.startswith("NN") or before in ("PRP", "POS") or view.words(c - 1) in _CLOSERS | _QUOTE_MARKS:
                return []
            if view.lower(c - 1) in ("one", "ones"):
                return []  # "… like the existing one, which has a huge majority": "one" stands for a noun
            if view.lower(c - 1) in attribution_verbs() and any(view.words(k) == "," for k in range(max(0, c - 5), c - 1)):
                return []  # "… the Food Pantry, she says, which is one of several pantries": the 'which'
                # is about the noun before the interposed attribution, not about the whole clause
            v = c + 2 + (1 if view.tags[c + 2] == "RB" else 0)
            if view.tags[v] not in ("VBD", "VBZ", "MD"):
                return []
            new = f"This {_after(view, c + 2, end)}"
            why = "a 'which' clause about the whole sentence made its own sentence"
        else:
            if view.tags[c - 1][:2] not in ("NN", "CD") or not starts_clause(*_tags_words(view, c + 2, end)):
                return []
            if view.lower(c - 2) == "for" and view.lower(c - 1) in ("instance", "example"):
                return []  # "… in Latin America, for instance, where …": the place is further back
            if any(view.tags[k] in ("WRB", "WDT", "WP") and view.lower(k - 1) in ("and", "or", "but") for k in range(c + 2, end)):
                return []  # "…, where the technology has been promoted and where reports suggested …":
                # "There, … and where …" would keep a dangling second clause
            fw = next((k for k in range(c + 2, end) if view.tags[k] in _FINITE), end)
            if any(view.lower(k) in ("and", "or") and not any(view.tags[j] in _FINITE for j in range(k, end))
                   for k in range(fw, end)):
                return []  # "worked out names, where they lived and the names of …": one item of a list
            new = f"There, {_lower_start(view, c + 2, _after(view, c + 2, end))}"  # "There, reporters …": not "There [are] reporters"
            f = next((k for k in range(c + 2, end) if view.tags[k] in _FINITE), end)
            nxt = f + 1
            while nxt < end and view.tags[nxt] == "RP":
                nxt += 1
            if f < end and view.tags[f] != "MD" and (nxt >= end or view.tags[nxt] == "CD" or (
                    view.tags[nxt] == "IN" and nxt + 1 < end and (view.tags[nxt + 1] == "CD" or view.lower(nxt + 1) in _time_nouns()))) \
                    and all(view.tags[k] in _NP_TAGS | {"PRP"} for k in range(c + 2, f)):
                # (only before a date: "… had there to be funnelled", "They grab there for …" were wrong)
                # "…, where I moved in 2012." -> "I moved there in 2012." (not "There I moved …")
                clause = _lower_start(view, c + 2, view.text[_cut(view, c + 2) : _cut(view, nxt)].strip())
                rest = _after(view, nxt, end) if nxt < end else ""
                new = f"{clause[:1].upper()}{clause[1:]} there {rest}".strip()
            why = "a 'where' clause made its own sentence"
        parts = (finish(main, punct), finish(new, punct))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.relative_sentential.v1", why, parts=parts)]
    return []


def _then_words() -> frozenset[str]:
    """Words that date a description to the past (``then``, ``former``…): ``[appositive_end] then_words``."""
    return frozenset(str(w) for w in _table()["appositive_end"]["then_words"])


def _saying(view: View, verb: int) -> bool:
    """The finite verb at ``verb`` is a verb of saying (``said``, ``told``): a description of the
    speaker then holds when the article was written, and takes the present (``X is a fisherman``)."""
    return view.lower(verb) in attribution_verbs()


def appositive_end(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.appositive_end.v1: ``… Lyon, a city in France.`` -> ``… Lyon. Lyon is a city in France.``

    What: a description at the end of a sentence (it starts with ``a``/``an``/``the`` or
    ``one of``, has no
    verb of its own and no ``and``/``or``) after a name, or after a noun with ``the``, becomes
    ``X is/was …`` (``was`` when the main verb is past). Why: UK easy read: one idea per
    sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(appositive_end, "The writer spent most of her life in Lyon, a large city in the east of France.", max_words=8)
    'The writer spent most of her life in Lyon. Lyon is a large city in the east of France.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    commas = [k for k in range(2, end - 2) if view.words(k) == ","]
    if not commas:
        return []
    c = commas[-1]
    one_of = view.lower(c + 1) == "one" and c + 2 < end and view.lower(c + 2) == "of"
    if view.protected_at(c) or not (view.lower(c + 1) in ("a", "an", "the") or one_of):
        return []
    span = range(c + 1, end)
    if end - c - 1 > 12 or any(
        view.tags[k] in _FINITE | {"CC", "WDT", "WP"} or view.words(k) in _QUOTE_MARKS for k in span
    ):
        return []
    if any(view.tags[k] == "VBG" and view.tags[k - 1] not in ("JJS", "RBS") for k in span):
        return []  # a participle of its own ("…, a man living …"); "the fastest growing city" is a noun phrase
    if not any(view.tags[k].startswith("NN") for k in span):
        return []
    desc = token_at(view.sentence, c + 1, ctx)
    if desc is not None and desc.head.dep_ != "appos" and not (one_of and desc.dep_ == "appos"):
        return []  # the parser sees no description of the noun ("in what was, at the time, the …")
    head_tag = view.tags[c - 1]
    if head_tag in ("NNP", "NNPS"):
        k = c - 1
        while k > 0 and view.tags[k - 1] in ("NNP", "NNPS"):
            k -= 1
        if k > 0 and view.tags[k - 1] == "CD":
            return []  # "on St George's Day, 23 April, the same day as his birth": a date, not a name
        if k > 1 and view.lower(k - 1) == "the":
            k -= 1  # "the Netherlands, a …" -> "The Netherlands is …"
        np = view.text[_cut(view, k) : view.sentence.tokens[c - 1].end]
        np = np[:1].upper() + np[1:]
    elif head_tag in ("NN", "NNS"):
        k = _np_start(view, c)
        if view.lower(k) != "the" or (k > 1 and view.tags[k - 1] == "IN" and view.tags[k - 2].startswith("NN")):
            return []
        np = _np_subject(view.text[_cut(view, k) : view.sentence.tokens[c - 1].end])
    else:
        return []
    said = k > 0 and view.lower(k - 1) in {str(v) for v in _table()["attribution"]["verbs"]}
    if k == 0 or not (has_clause(*_tags_words(view, 0, k)) or said):
        return []  # ("“…,” says Benedict Evans, a …": the speaker's description)
    f = k - 1 if said else next(j for j in range(k) if view.tags[j] in _FINITE or view.tags[j] == "VBN")
    plural = head_tag in ("NNS", "NNPS") and not one_of and view.lower(c + 1) not in ("a", "an")  # "Evans, a …"
    nouns = [view.lower(j) for j in span if view.tags[j].startswith("NN")]
    lasting = bool(nouns) and nouns[0] in {str(w) for w in _table()["appositive_end"]["lasting_nouns"]}
    past = view.tags[f] == "VBD" and not lasting and not said  # "…,” said X, a fisherman." -> "X is a fisherman."
    if said and any(view.lower(j) in _then_words() for j in span):
        return []  # "said X, then a student": the description held then, not now; "is" would misstate it
    be = _BE_PAST[plural] if past else _BE_PLURAL[plural]
    parts = (finish(view.text[: _cut(view, c)], punct), finish(f"{np} {be} {_after(view, c + 1, end)}", punct))
    return [Proposal((0, len(view.text)), " ".join(parts), "split.appositive_end.v1",
                     f"the description of {np!r} made its own sentence", parts=parts)]


def contrast(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.contrast.v1: ``A did X, whereas B did Y.`` -> ``A did X. But B did Y.``

    What: ``, whereas``/``, while`` (after a comma, words in ``[contrast]``) between two main
    clauses; each side needs its own subject and finite verb, and the second runs to the end.
    Why: UK easy read: one idea per sentence; ``But`` keeps the contrast.

    >>> from easyread.rewrite.rules import demo
    >>> demo(contrast, "Her older brother studied law in London, whereas she trained as a nurse.", max_words=8)
    'Her older brother studied law in London. But she trained as a nurse.'
    """
    links = {str(k): str(v) for k, v in _table()["contrast"].items()}
    from easyread.rewrite.split.syntax_rules import table as syntax_table
    from easyread.rewrite.split.syntax_rules import verb_lemma

    says = attribution_verbs()
    thinking = {str(v) for v in syntax_table()["reported"]["verbs"]}
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    for c in range(3, end - 3):
        if view.words(c) != "," or view.protected_at(c) or view.lower(c + 1) not in links:
            continue
        if view.lower(c - 1) in _EMBEDDING | {"and", "but", "so", "or"}:
            continue  # "found that, while A, B": the clause sits inside another one
        if any(view.tags[k] in _FINITE | {"VB"} and view.lower(k + 1) != "to"
               and (view.lower(k) in says or verb_lemma(view.lower(k)) in thinking) for k in range(c)):
            continue  # "BAT claimed the warnings went too far, while a ban would increase …": the
            # second clause may be part of the claim; alone it would read as the writer's fact
        if not has_clause(*_tags_words(view, 0, c)) or not starts_clause(*_tags_words(view, c + 2, end)):
            continue
        if any(view.words(k) in (";", ":") for k in range(c + 2, end)):
            continue
        right = _lower_start(view, c + 2, _after(view, c + 2, end))
        link = links[view.lower(c + 1)]
        parts = (finish(view.text[: _cut(view, c)], punct), finish(f"{link} {right}".strip(), punct))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.contrast.v1",
                         f"the '{view.lower(c + 1)}' contrast made two sentences", parts=parts)]
    return []


_EMBEDDING = frozenset({"that", "if", "whether", "when", "because", "although", "though", "while",
                        "since", "as", "who", "which", "whom", "whose", "where", "between", "both", "either"})


def conjunction_bare(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.conjunction_bare.v1: two main clauses joined by ``and``/``but`` with no comma.

    What: ``The museum opened in 1901 and the library opened in 1911.`` -> two sentences.
    The left side must be a clause with nothing that could embed the ``and`` (``that``,
    ``if``, ``who``, ``between`` …, a verb of saying or thinking), and the right side must
    start with a determiner, a pronoun or a name as its subject and reach a finite verb
    within 5 words. Why: UK easy read: one idea and one verb per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(conjunction_bare, "The old museum opened in 1901 and the new library opened ten years later.", max_words=8)
    'The old museum opened in 1901. The new library opened ten years later.'
    """
    view = _view(sentence, ctx)
    end, punct = _sentence_end(view)
    thinking = {str(v) for v in _table()["reported"]["verbs"]} | {str(v) for v in _table()["conjunction_bare"]["blocking_verbs"]}
    quantifiers = {str(w) for w in _table()["conjunction_bare"]["quantifiers"]}
    for i in range(4, end - 4):
        word = view.lower(i)
        if word not in ("and", "but") or view.words(i - 1) == "," or view.protected_at(i):
            continue
        if any(view.lower(k) in _EMBEDDING or view.lower(k) in thinking and view.lower(k + 1) != "to"
               for k in range(i)):
            return []  # ("agreed to compensate …" embeds no clause: the "to" shows it)
        if view.tags[i - 1] in ("NNP", "NNPS") and view.tags[i + 1] in ("NNP", "NNPS"):
            continue  # "oil wealth from Nigeria and Saudi Arabia were …": two names joined, one subject
        quantifier = view.lower(i + 1) in quantifiers and view.tags[i + 2] in ("NNS", "NNPS")
        if not quantifier and (view.tags[i + 1] not in ("DT", "PRP", "NNP", "PRP$") or view.lower(i + 1) in (
                "that", "this", "those", "these", "all", "both", "each", "no", "it")):
            continue
        f = next((k for k in range(i + 1, end) if view.tags[k] in _FINITE), None)
        if f is None or f - i - 1 > 5 or any(view.tags[k] not in _NP_TAGS | {"PRP"} for k in range(i + 1, f)):
            continue
        if any(view.tags[k].startswith("NN") and view.tags[k + 1] == "PRP" for k in range(i + 1, f - 1)):
            continue  # "and the publicity it has attracted": a noun with its own clause, not a subject
        item = i
        while item > 0 and view.tags[item - 1] in _NP_TAGS:
            item -= 1
        if item < i and item > 0 and view.words(item - 1) == ",":
            continue  # "the clothes, furniture and other goods he was importing": a list, not two clauses
        head = max((k + 1 for k in range(i) if view.words(k) in (":", ";", "–", "—")), default=0)
        if not has_clause(*_tags_words(view, head, i)) or not starts_clause(*_tags_words(view, i + 1, end)):
            continue  # (after a colon the clause starts again: "… made sense: stations like A and B had …")
        if word == "and" and _imperative(view, i):
            continue  # "Pick up a boot and a camera will film you": an order as a condition (if you …)
        right = _lower_start(view, i + 1, _after(view, i + 1, end))
        link = "But " if word == "but" else ""
        parts = (finish(view.text[: _cut(view, i)], punct), finish(f"{link}{right}", punct))
        return [Proposal((0, len(view.text)), " ".join(parts), "split.conjunction_bare.v1",
                         f"two main clauses joined by {word!r} made two sentences", parts=parts)]
    return []


@lru_cache(maxsize=1)
def connectives() -> tuple[tuple[str, str], ...]:
    """(opener, replacement) rows of ``connectives.tsv``, longest opener first."""
    rows = read_tsv("connectives.tsv", ("connective", "replacement"))
    pairs = [(r["connective"].strip(), r["replacement"].strip()) for r in rows]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def connective(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.connective.v1: a formal linking word at the start becomes a plain one (or goes).

    What: ``However,`` -> ``But``; ``Moreover,``/``In addition,`` -> ``Also,``; ``Therefore,``
    -> ``So``; ``Indeed,`` is left out (data: ``easyread/data/connectives.tsv``). Any
    profile, every sentence. Why: Inclusion Europe (2009) and GOV.UK: use short, everyday
    words; cut words the reader does not need.

    >>> from easyread.rewrite.rules import demo
    >>> demo(connective, "However, the plan failed after two years.")
    'But the plan failed after two years.'
    """
    text = sentence.text
    for word, new in connectives():
        m = re.match(re.escape(word) + r",\s+(\W*)(\w)", text)
        if not m or sentence.is_protected(0, m.end()):
            continue
        if new:
            return [Proposal((0, m.start(1)), f"{new} ", "split.connective.v1",
                             f"linking word {word!r} made plain: {new!r}")]
        return [Proposal((0, m.end()), m.group(1) + m.group(2).upper(), "split.connective.v1",
                         f"linking word {word!r} left out")]
    return []



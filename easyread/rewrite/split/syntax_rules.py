"""Split rules over a dependency parse (the second rule family of the ``split`` stage).

Rule *kinds* are the functions below; which words trigger them and how the new sentences
are linked are *instances* in ``easyread/data/split_syntax.toml``. Every kind reads the
sentence's parse (:func:`easyread.syntax.parse_tokens`, memoised per sentence text) and
proposes whole-sentence splits; :mod:`easyread.rewrite.split.postcheck` then parses each
new sentence and refuses a split that would leave a fragment.

Kinds:

- ``split.coordinate.v1``: two clauses joined by ``and``/``but``/``so``/``yet``; a shared
  subject (and its auxiliaries) is repeated in the second sentence.
- ``split.adverbial.v1``: an adverbial clause (``when``, ``because``, ``although``, ``if`` …)
  becomes its own sentence, in the order and with the link word the data gives.
- ``split.relative.v1``: a non-restrictive ``, which/who …`` clause about a noun becomes a
  sentence about that noun.
- ``split.clause_punct.v1``: a semicolon or colon between two clauses.
- ``split.lead_phrase.v1``: a long where/when phrase before the main clause becomes
  ``This was …`` after it.
- ``split.participle_aside.v1``: ``the products, used by …,`` becomes ``The products are used by …``.
- ``split.apposition.v1``: ``the owner, a company called X,`` becomes ``The owner is a company called X.``
- ``split.reported.v1``: ``S said (that) C.`` becomes ``C. S said this.``
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from easyread.data import split_syntax_table
from easyread.document import Sentence
from easyread.rewrite.rules import Proposal, RuleContext
from easyread.rewrite.split.parsed import sentence_parse
from easyread.rewrite.split.pos_rules import (
    _SUBJECT_PRONOUNS,
    _lower_first,
    _time_nouns,
    attribution_verbs,
    finish,
    link_words,
    name_for_pronoun,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from easyread.syntax import Parse

SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl", "csubj", "csubj:pass", "nsubj:outer"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_END = frozenset({".", "!", "?"})


def table() -> dict[str, Any]:
    return split_syntax_table()


@cache
def words(kind: str) -> frozenset[str]:
    """A closed word class from ``[words]`` in ``split_syntax.toml`` (pronouns, quantifiers …)."""
    return frozenset(str(w) for w in table()["words"][kind])


@lru_cache(maxsize=1)
def _verb_rows() -> dict[str, tuple[str, ...]]:
    """Every verb form of ``verb_forms.tsv`` -> its row (VB, VBD, VBG, VBN, VBP, VBZ)."""
    from easyread.data import verb_forms

    rows: dict[str, tuple[str, ...]] = {}
    for row in verb_forms().values():
        for form in row:
            rows.setdefault(form, tuple(row))
    return rows


def verb_lemma(word: str) -> str:
    """The lemma of a verb form (``said`` -> ``say``), by the verb-form table; else the word."""
    row = _verb_rows().get(word)
    return row[0] if row else word


@dataclass
class Clauses:
    """Helpers over one parse: the sentence text, its end, and clause tests."""

    sentence: Sentence
    parse: Parse

    @property
    def doc(self) -> Doc:
        return self.parse.doc

    @property
    def text(self) -> str:
        return self.sentence.text

    def end(self) -> tuple[int, str]:
        """Index of the final punctuation token (or len) and its text."""
        n = len(self.doc)
        if n and self.doc[n - 1].text in _END:
            return n - 1, self.doc[n - 1].text
        return n, "."

    def chars(self, a: int, b: int) -> str:
        """Sentence text from token ``a`` up to (not including) token ``b``."""
        if a >= b:
            return ""
        return self.text[self.parse.start(a) : self.parse.end(b - 1)]

    def protected(self, a: int, b: int) -> bool:
        if a >= b:
            return False
        return self.sentence.is_protected(self.parse.start(a), self.parse.end(b - 1))

    def words(self, a: int, b: int) -> int:
        return sum(1 for t in self.doc[a:b] if not t.is_punct)

    def root(self) -> Token | None:
        for t in self.doc:
            if t.dep_ == "ROOT" or t.head.i == t.i:
                return t
        return None


def _setup(sentence: Sentence, ctx: RuleContext) -> tuple[Clauses, Token, int, str] | None:
    """The sentence's parse as :class:`Clauses`, its root, and where and how it ends (None: no parse)."""
    parse = sentence_parse(sentence, ctx)
    if parse is None:
        return None
    cl = Clauses(sentence, parse)
    root = cl.root()
    if root is None:
        return None
    end, punct = cl.end()
    return cl, root, end, punct


def _without(cl: Clauses, a: int, b: int, end: int, root: Token | None = None) -> tuple[str, int]:
    """The sentence without tokens [a - 1, b] (an aside and its commas): text and word count.

    When the aside sits in a phrase before the main clause's subject ("Despite spending money
    on the blitz, which …, the CEO was …"), its closing comma also closes that phrase and stays.
    """
    left = cl.chars(0, a - 1)
    rest = cl.chars(b + 1, end) if b < end else ""
    subj = subject_of(root) if root is not None else None
    joint = ", " if rest and subj is not None and a - 1 < cl.parse.subtree_range(subj.i)[0] else " "
    return f"{left}{joint}{rest}".strip(), cl.words(0, a - 1) + cl.words(b + 1, end)


def _predicate_follows(cl: Clauses, b: int, end: int, root: Token) -> bool:
    """An aside inside the subject that closes at the comma at ``b`` must be followed by the
    main verb (or its auxiliary, copula or adverb): otherwise the subject goes on after the
    aside (``The study, commissioned by X, the operators of Y, to mark …, was …``; ``Name,
    the Director of X, and one of …, said``) and cutting the aside out would garble it."""
    if root.i < b:
        return True  # the aside comes after the main verb
    nxt = b + 1
    if nxt >= end:
        return False
    tok = cl.doc[nxt]
    return bool(tok.i == root.i or (tok.head.i == root.i and tok.dep_ in ("aux", "aux:pass", "cop", "advmod")))


_EMBEDDED = frozenset({"compound", "conj", "appos", "nmod:poss", "nmod"})


def _phrase_before(cl: Clauses, noun: Token, comma: int, max_words: int) -> int | None:
    """Where the noun phrase of ``noun``, ending at the comma at ``comma``, starts (None: not a
    plain phrase of at most ``max_words`` words, or inside another phrase: "the top of his tank,
    which …" — which noun the aside describes is unclear)."""
    if noun.dep_ in _EMBEDDED:
        return None
    na = _np_start(noun)
    if na >= comma or cl.words(na, comma) > max_words or not _plain_np(cl.doc, na, comma):
        return None
    if na > 0 and cl.doc[na - 1].tag_ == "TO" and verb_lemma(cl.doc[na].lower_) == cl.doc[na].lower_ \
            and cl.doc[na].lower_ in _verb_rows():
        return None  # "to eclipse northern Chile, which …": the "noun phrase" opens with a verb
    doc = cl.doc
    before = na - 2
    if before > 0 and doc[before].tag_ in ("RB", "RBR"):
        before -= 1
    if na > 1 and doc[na - 1].tag_ == "IN" and doc[before].pos_ in ("NOUN", "PROPN"):
        return None  # "a service in the island nation, which …": the parser's attachment is a guess
    return na


def _definite(np: str) -> str:
    """A repeated noun phrase: ``a plan`` -> ``the plan``; ``one employee`` -> ``the employee``
    (repeated as "One employee …" or "Another man …" it reads as one more person)."""
    return re.sub(r"^(?:[Aa]n?\s|[Ss]ome\s|(?:[Oo]ne|[Aa]nother)\s(?=[a-z])(?!of\b))", "the ", np)  # not "One Hyde Park"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def subject_of(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in SUBJECTS), None)


def is_finite(tok: Token) -> bool:
    """A finite verb: tagged finite, or with a finite auxiliary or copula."""
    if tok.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in ("aux", "aux:pass", "cop") and c.tag_ in FINITE_TAGS for c in tok.children)


def is_past(tok: Token) -> bool:
    """The verb (or its first auxiliary/copula) is in the past tense."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "aux:pass", "cop") and c.i < tok.i]
    first = auxes[0] if auxes else tok
    return first.tag_ == "VBD"


def has_negation(tok: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in ("not", "n't", "never") for c in tok.children)


def happen(main: Token) -> str | None:
    """``happened``/``will happen``/``happens`` agreeing with the main clause (None: modal)."""
    auxes = [c for c in main.children if c.dep_ in ("aux", "aux:pass")]
    for a in auxes:
        if a.lower_ in ("will", "'ll", "’ll", "wo", "shall"):
            return "will happen"
        if a.tag_ == "MD":
            return None
    if main.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "happened"
    if main.tag_ in ("VB", "VBP") and not auxes and _past_form(main.lower_):
        return "happened"  # "… began when …" tagged as a base form: the word itself is a past tense
    if main.tag_ == "VBN" and any(a.lower_ in ("has", "have", "'ve", "’ve") for a in auxes):
        return "happened"
    if main.tag_ == "VBN" and not auxes and subject_of(main) is not None:
        return "happened"  # a main verb read as a participle ("The damage happened …"): a past tense
    cop = next((c for c in main.children if c.dep_ == "cop"), None)
    if cop is not None and cop.tag_ == "VBD":
        return "happened"
    return "happens"


def _past_form(word: str) -> bool:
    """``word`` is a simple past tense and not also a base or present form (``began``, ``went``,
    ``campaigned``; not ``put``, ``read``, ``set``), by the verb-form table (no lemminflect at
    run time)."""
    row = _verb_rows().get(word)
    return bool(row) and row[1] == word and word not in (row[0], row[4], row[5])  # type: ignore[index]


def _np_start(noun: Token) -> int:
    """First token of a noun's phrase, without a preposition or conjunction before it."""
    doc = noun.doc
    i = noun.left_edge.i
    while i < noun.i and (doc[i].dep_ in ("case", "cc", "mark", "punct") and doc[i].head.i == noun.i):
        i += 1
    return i


_NP_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP$", "POS", "CD", "HYPH",
                      "VBN", "VBG", "RB", "``", "''"})


def _plain_np(doc: Doc, a: int, b: int) -> bool:
    """Tokens [a, b) are one simple noun phrase: no verb, clause, comma or preposition inside
    ("the head of the charity" is two phrases: which one a clause describes is unclear)."""
    toks = doc[a:b]
    if not len(toks) or any(t.tag_ not in _NP_TAGS for t in toks):
        return False
    return not any(t.dep_ in ("case", "mark", "cc") and t.tag_ != "POS" for t in toks)


def _proposal(parts: tuple[str, ...], rule_id: str, reason: str, sentence: Sentence) -> list[Proposal]:
    parts = tuple(p for p in parts if p)
    if len(parts) < 2:
        return []
    return [Proposal((0, len(sentence.text)), " ".join(parts), rule_id, reason, parts=parts)]


def _join(link: str, piece: str) -> str:
    """``link`` before ``piece``, unless the piece already has it near its start (``the police
    then checked``: not ``Then the police then checked``)."""
    if link and link.lower() in re.findall(r"\w+", piece.lower())[:4]:
        return piece
    return f"{link} {_lower_first(piece)}" if link else piece


def coordinate(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.coordinate.v1: two clauses joined by ``and``/``but``/``so``/``yet`` become two sentences.

    What: the second clause is a ``conj`` of the main verb with a ``cc`` listed in
    ``[coordinate] links``; it must run to the sentence end. When it has no subject of its
    own, the main clause's subject (at most ``max_subject_words`` words) and, for a
    non-finite verb, its auxiliaries are repeated, with ``also`` after ``and``; never when
    the main clause is negated and the second is not (the negation's scope is unclear).
    Why: UK easy read: one idea and one verb per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(coordinate, "The council will close the library and sell the building.", max_words=6)
    'The council will close the library. The council will also sell the building.'
    """
    setup = _setup(sentence, ctx)
    if setup is None:
        return []
    cl, root, end, punct = setup
    parse = cl.parse
    if subject_of(root) is None and root.tag_ in ("VB", "VBP") and not children(root, "aux"):
        return []  # an imperative: "Pick up a boot and a camera will …" means "if you pick up a boot"
    conf = table()["coordinate"]
    links: dict[str, str] = {str(k): str(v) for k, v in conf["links"].items()}
    for conj in children(root, "conj"):
        if not (conj.tag_.startswith("VB") or children(conj, "cop") or subject_of(conj) is not None):
            continue
        ccs = [c for c in conj.children if c.dep_ == "cc" and c.i < conj.i]
        if not ccs or ccs[0].lower_ not in links:
            continue
        cc = ccs[0]
        a, b = parse.subtree_range(conj.i)
        if b < end or any(t.i > conj.i and t.head.i == root.i for t in cl.doc[conj.i : end]):
            continue
        left_end = cc.i
        while left_end > 0 and cl.doc[left_end - 1].is_punct and cl.doc[left_end - 1].text in (",", ";"):
            left_end -= 1
        if cl.words(0, left_end) < 3 or cl.words(cc.i + 1, end) < 3:
            continue
        if cl.protected(cc.i, end) or root.i >= cc.i:
            continue
        conj_subj = subject_of(conj)
        if conj_subj is not None and conj_subj.lower_ not in _SUBJECT_PRONOUNS - {"it"} \
                and any(c.dep_ == "ccomp" and c.i < cc.i for c in root.children) \
                and _lemma_match(root, {str(v) for v in table()["reported"]["verbs"]}) is not None:
            continue  # "She thinks A is safe and B is too narrow": does she think B too? (unclear)
        first_right = cc.i + 1
        while first_right < end and cl.doc[first_right].text == ",":
            first_right += 1  # "and, at first, I thought …" -> "At first, I thought …"
        opener = cl.doc[first_right]
        if (opener.tag_ in ("WRB", "WP", "WDT") or opener.lower_ in words("subordinators") | words("embedded_question")) and (
                opener.head.i == conj.i or not any(t.text == "," for t in cl.doc[first_right:end])):
            continue  # "… about how thoughts are encoded and how they might be …": a second 'how'
            # clause of the same verb, not a main clause (a lead clause closed by a comma may open one:
            # "and, as the user dives, air is fed back")
        k = first_right
        while k < end - 1 and cl.doc[k].tag_ in ("DT", "JJ", "PRP$", "RB"):
            k += 1
        if cl.doc[k].pos_ in ("NOUN", "NUM", "PROPN") and cl.doc[k + 1].lower_ in _SUBJECT_PRONOUNS:
            continue  # "… – and one it hopes will help …": a noun with its own clause, not a second clause
        if conj.tag_ == "VBG" and root.tag_ != "VBG" and not children(conj, "aux", "aux:pass"):
            continue  # "set up kiosks, stocking bottles and cups, and offering refills": the -ing goes with
            # "stocking", not with the main verb ("will also offering" was wrong)
        if conj.tag_ == "VB" and subject_of(conj) is None and not children(conj, "aux", "aux:pass") and any(
                t.tag_ == "TO" and t.i + 1 < cc.i and cl.doc[t.i + 1].tag_ == "VB" for t in cl.doc[root.i + 1 : cc.i]):
            continue  # "pay for locals to take lessons, board a flight and look for jobs": the verb shares the "to"
        if conj_subj_first(conj) and cc.lower_ in ("and", "or") and any(
                t.lower_ == "that" and cl.doc[t.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ", "VERB", "AUX")
                and any(x.tag_ in FINITE_TAGS for x in cl.doc[t.i + 1 : cc.i]) for t in cl.doc[root.i + 1 : cc.i]):
            continue  # "rejected claims that too much time had passed, and it was no longer possible …": the
            # second clause may be the second half of the "that" clause
        if subject_of(conj) is not None and not any(t.tag_ in FINITE_TAGS for t in cl.doc[root.i + 1 : cc.i]) \
                and not any(x.i < cc.i for x in children(root, "xcomp", "ccomp")) \
                and _lemma_match(root, {str(v) for v in table()["reported"]["verbs"]}) is not None:
            continue  # "said negotiations over payments and even legal action would not …": the "and" comes
            # before the verb of what was said, so the second clause is part of it
        right = cl.chars(first_right, end)
        if subject_of(conj) is None:
            subj = subject_of(root)
            if subj is None or subj.i > root.i or subj.lower_ in ("who", "which", "that", "what"):
                continue
            sa, sb = parse.subtree_range(subj.i)
            if cl.words(sa, sb) > int(conf["max_subject_words"]) or has_negation(root) and not has_negation(conj):
                continue
            if any(t.dep_ in SUBJECTS and t.i != subj.i for t in cl.doc[root.i + 1 : cc.i]):
                continue  # "I'd rather we earned … and didn't have to …": whose verb is it? ("we", not "I")
            if any(t.text == "," for t in cl.doc[subj.i : root.i]):
                continue  # "…, the Wolves and Humans Foundation, Mysłajek toured …": which noun is the subject is unclear
            if cl.doc[first_right].dep_ == "advmod" and cl.doc[first_right].i < conj.i \
                    and cl.doc[first_right].lower_ not in conf["subject_adverbs"]:
                continue  # "and therefore didn't …" -> "I therefore didn't": the link word is misplaced
            subject = _capital(_definite(cl.chars(sa, sb)))  # "another man … and said" -> "The man also said"
            auxes = ""
            if conj.tag_ == "VBN" and root.tag_ == "VBD" and not children(root, "aux", "aux:pass") \
                    and not children(conj, "aux", "aux:pass") and _past_form(conj.lower_):
                pass  # "she wrote X and campaigned for Y": a past tense read as a participle
            elif conj.tag_ in ("VB", "VBN", "VBG") and not children(conj, "aux", "aux:pass"):
                aux_toks = [c for c in root.children if c.dep_ in ("aux", "aux:pass") and c.i < root.i]
                if not aux_toks:
                    continue
                auxes = " ".join(c.text for c in aux_toks)
            elif conj.tag_ not in FINITE_TAGS and not is_finite(conj):
                continue
            elif root.tag_ in ("VBG", "VBN") and conj.tag_ in FINITE_TAGS:
                continue  # "are convincing people to take X and put Y": a finite-looking verb after a participle
                # belongs to the infinitive ("to take … and put …"), not to the subject
            also = not links[cc.lower_] and not has_negation(conj) and "also" not in right.lower().split()[:3] \
                and cl.doc[first_right].lower_ not in conf["subject_adverbs"] \
                and not _past_sequence(root, conj)  # not "also even changed"; not "He was arrested. He was also sent to prison"
            first_is_aux = cl.doc[first_right].head.i == conj.i and cl.doc[first_right].dep_ in ("aux", "aux:pass", "cop")
            right = " ".join(x for x in (subject, auxes, _with_also(right, bool(auxes), first_is_aux) if also else right) if x)
        link = links[cc.lower_]
        left = cl.chars(0, left_end)
        parts = (finish(left, punct), finish(_join(link, right), punct))
        return _proposal(parts, "split.coordinate.v1",
                         f"two clauses joined by {cc.lower_!r} made two sentences", sentence)
    return []


def conj_subj_first(conj: Token) -> bool:
    """The conjoined clause has its own subject (a second clause, not a second verb)."""
    return subject_of(conj) is not None


def _past_sequence(root: Token, conj: Token) -> bool:
    """Two past events told in order (``was arrested … and was sent to prison``): the second
    happened next, so ``also`` (which adds a second thing of the same kind) misleads."""
    def past(tok: Token) -> bool:
        auxes = [c.lower_ for c in tok.children if c.dep_ in ("aux", "aux:pass")]
        return tok.tag_ == "VBD" or (tok.tag_ == "VBN" and any(a in ("was", "were") for a in auxes))
    return past(root) and (past(conj) or conj.tag_ == "VBN" and not children(conj, "aux", "aux:pass"))


def verb_series(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.verb_series.v1: ``S V1 …, V2 … and V3 …`` -> ``S V1 …. S V2 … and V3 ….``

    What: a verb that follows a comma, with no subject and no link word of its own, and is a
    ``conj`` or ``parataxis`` of the main verb with the same finite tag (``keeps …, uses …``;
    ``wrote …, spoke …``) starts a new sentence with the main clause's subject (at most
    ``[coordinate] max_subject_words`` words) repeated; what follows it stays with it (a
    last ``and V3 …`` is split again by ``split.coordinate.v1``). Never when the main verb
    is negated (``did not win …, lost …``: the negation's scope is unclear), after a verb of
    saying, or when a past form is followed by ``by`` (a participle: ``…, followed by …``).
    Why: UK easy read: one verb per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(verb_series, "He keeps his old phone for messages, uses a new one for games and makes calls on a third.", max_words=6)
    'He keeps his old phone for messages. He uses a new one for games and makes calls on a third.'
    """
    setup = _setup(sentence, ctx)
    if setup is None:
        return []
    cl, root, end, punct = setup
    parse = cl.parse
    subj = subject_of(root)
    if subj is None or subj.i > root.i or subj.lower_ in ("who", "which", "that", "what") or has_negation(root):
        return []
    if root.tag_ not in ("VBD", "VBZ", "VBP") or children(root, "aux", "aux:pass"):
        return []
    if _lemma_match(root, {str(v) for v in table()["reported"]["verbs"]}) is not None:
        return []
    sa, sb = parse.subtree_range(subj.i)
    if cl.words(sa, sb) > int(table()["coordinate"]["max_subject_words"]):
        return []
    doc = cl.doc
    for verb in root.children:
        if verb.dep_ not in ("conj", "parataxis") or verb.i <= root.i or verb.tag_ != root.tag_:
            continue
        if verb.i < 1 or doc[verb.i - 1].text != "," or subject_of(verb) is not None:
            continue
        if any(c.dep_ in ("cc", "mark", "aux", "aux:pass") for c in verb.children) or has_negation(verb):
            continue
        if verb.tag_ == "VBD" and verb.i + 1 < end and doc[verb.i + 1].lower_ == "by":
            continue
        row = _verb_rows().get(verb.lower_)
        if verb.tag_ == "VBD" and row is not None and row[3] == verb.lower_ and doc[verb.i - 2].pos_ in ("NOUN", "PROPN"):
            continue  # "recruited more than 100 people, aged 18 to 77, from …": a participle on the noun
            # before the comma, not a second verb ("The scientists aged 18 to 77" was wrong)
        # everything after the comma must belong to this verb or to later verbs of the series
        if any(t.head.i == root.i and t.i > verb.i and t.dep_ not in ("conj", "cc", "punct") for t in doc[verb.i:end]):
            continue
        comma = verb.i - 1
        if cl.words(0, comma) < 4 or cl.words(verb.i, end) < 3 or cl.protected(comma, end):
            continue
        left = cl.chars(0, comma)
        right = f"{_capital(_definite(cl.chars(sa, sb)))} {cl.chars(verb.i, end)}"
        parts = (finish(left, punct), finish(right, punct))
        return _proposal(parts, "split.verb_series.v1",
                         f"a series of verbs after {subj.text!r} made separate sentences", sentence)
    return []


def _with_also(verb_phrase: str, after_aux: bool, first_is_aux: bool = True) -> str:
    """``also`` in a verb phrase: ``also sold …``; ``was also very …``, ``has also sparked …``;
    after copied auxiliaries, first. ``had`` as a main verb takes it before: ``also had more …``."""
    if after_aux:
        return f"also {verb_phrase}"
    first, _, rest = verb_phrase.partition(" ")
    if first.lower() in words("auxiliaries") and rest and first_is_aux:
        return f"{first} also {rest}"
    return f"also {verb_phrase}"


def _marker(clause: Token) -> tuple[str, list[Token]] | None:
    """The clause's opening marker (``even if`` as one) and its tokens.

    The marker is the first word of the clause: a ``mark`` (``because``, ``if``), or an
    ``advmod`` wh-word (``when``, as UD English EWT attaches it).
    """
    doc = clause.doc
    first = doc[clause.left_edge.i]
    if first.head.i != clause.i:
        return None
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if first.lower_ == "even" and nxt is not None and nxt.dep_ == "mark" and nxt.head.i == clause.i:
        return f"even {nxt.lower_}", [first, nxt]
    if not (first.dep_ == "mark" or first.dep_ == "advmod" and first.tag_ == "WRB"):
        return None
    return first.lower_, [first]


def _has_pronoun(cl: Clauses, a: int, b: int) -> bool:
    return any(t.lower_ in words("pronouns") for t in cl.doc[a:b])


def adverbial(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.adverbial.v1: an adverbial clause becomes a sentence, linked as the data says.

    What: an ``advcl`` of the main verb opened by a marker in ``[adverbial]`` (``after``,
    ``because``, ``although``, ``when``, ``if`` …), with its own subject and a finite verb, at
    the start (before a comma) or the end of the sentence. ``order`` keeps events in order;
    ``link`` or ``template`` says how the two sentences relate (``This will happen if …``).
    Markers whose meaning depends on context (``as``, ``since``, ``while``) are not listed.
    Why: UK easy read: one idea per sentence; Inclusion Europe: keep the order of events.

    >>> from easyread.rewrite.rules import demo
    >>> demo(adverbial, "After the police arrived, the man ran away.", max_words=6)
    'The police arrived. Then the man ran away.'
    """
    setup = _setup(sentence, ctx)
    if setup is None or subject_of(setup[1]) is None:
        return []
    cl, root, end, punct = setup
    if punct == "?":
        return []  # "When you see the word Amazon, what's the first thing …?": "This happens when you
        # see the word Amazon?" is no question; a question keeps its clauses together
    parse = cl.parse
    conf = table()["adverbial"]
    blocking = {str(m) for m in conf["blocking_modals"]}
    if_heads = {str(w) for w in conf["if_question_heads"]}
    heads = [root, *(x for x in children(root, "xcomp") if x.i > root.i)]  # "will have to close … unless …"
    for adv in [a for h in heads for a in children(h, "advcl")]:
        found = _marker(adv)
        if found is None or found[0] not in conf or not isinstance(conf[found[0]], dict):
            continue
        marker, mark_toks = found
        inst = conf[marker]
        if subject_of(adv) is None or not (is_finite(adv) or adv.tag_ == "VB" and marker != "to"):
            continue  # (a base form with its own subject is a present tense the tagger missed)
        if any(c.lower_ in blocking for c in adv.children if c.dep_ == "aux"):
            continue
        if inst.get("tense") == "past" and not (is_past(adv) and is_past(root)):
            continue
        if marker == "if" and any(h.lower_ in if_heads or verb_lemma(h.lower_) in if_heads for h in (root, adv.head)):
            continue  # "It is not clear if …", "He asked if …", "refused to confirm if …": a question, not a condition
        if any((t.dep_ == "mark" and t.lower_ in conf or t.tag_ == "WRB") and t.head.i != adv.i for t in adv.subtree):
            continue  # a clause inside the clause ("when … if …"): which condition is which is unclear
        a, b = parse.subtree_range(adv.i)
        if mark_toks[0].i != a:
            continue
        if a > root.i and any(t.text == "," and t.i + 1 < b and cl.doc[t.i + 1].tag_ in ("VBN", "VBG")
                              for t in cl.doc[a:b]):
            continue  # "… illegitimate when Richard III claimed the throne, imprisoned in the Tower …":
            # a participle after a comma may describe the main clause's subject, not the clause's
        if a > 0 and cl.doc[a - 1].lower_ in {str(w) for w in conf.get("scope_words", [])}:
            continue  # "… for years in part because …": the clause is narrowed by the word before it
        if a > 0 and marker in ("when", "where") and any(
                cl.doc[k].lower_ in {str(w) for w in conf.get("time_nouns", [])}
                and not any(is_finite(t) for t in cl.doc[k:a]) for k in range(max(a - 6, 0), a)):
            continue  # "at a time when …": the clause describes "time"
        if marker == "when" and root.tag_ == "VBG" and any(c.lower_ in ("was", "were") for c in root.children if c.dep_ == "aux"):
            continue  # "They were sailing … when their boat was sunk": the clause interrupts the main one
        clause = cl.chars(mark_toks[-1].i + 1, b)
        if a == 0 and b + 3 < end and cl.doc[b].text == "," and cl.doc[b + 1].tag_ in ("PRP", "NNP") \
                and cl.doc[b + 2].lower_ in attribution_verbs() and cl.doc[b + 3].text == ",":
            continue  # "Whereas Glass is, he says, “an egotistical device” …, Telepathy will be …": an aside
            # follows the comma and the clause runs on past it ("Glass is." was wrong)
        if a == 0 and b < end and cl.doc[b].text == ",":
            main = cl.chars(b + 1, end)
            main_words = cl.words(b + 1, end)
            written = "sub"
        elif b == end and a > root.i:
            cut = a - 1 if a > 0 and cl.doc[a - 1].text == "," else a
            if cl.doc[0].lower_ in words("subordinators") or cl.doc[0].lower_ in conf:
                continue  # "If …, they will … because …": the main clause has its own condition first
            main = cl.chars(0, cut)
            main_words = cl.words(0, cut)
            written = "main"
        else:
            continue
        if main_words < int(conf["min_main_words"]) or cl.words(mark_toks[-1].i + 1, b) < 2:
            continue
        if cl.protected(a, b):
            continue
        order = str(inst.get("order", "keep"))
        if order == "keep":
            order = written
        sequence = str(inst.get("past_sequence", ""))
        if written == "sub" and order == "main" and _has_pronoun(cl, b + 1, end):
            if not (sequence and is_past(adv) and is_past(root)):
                continue  # "When the mirror is warm, it …": moved first, "it" would come before the mirror
            order, inst = "sub", {"link": sequence}  # "When they arrived, they …" -> "They arrived. Then they …"
        if written == "main" and order == "sub" and (cl.doc[0].dep_ == "cc" or cl.doc[0].lower_ in link_words()):
            continue  # "But I never get £30 after it has been shared out": moved after the clause, the
            # link word would read "Then but I …"; it ties the main clause to the sentence before
        if written == "main" and order == "sub" and any(c.dep_ == "expl" for c in root.children):
            continue  # "there was the time he outraged … because he …": the cause is of the inner clause
        if "template" in inst:
            form = happen(root)
            if form is None:
                continue
            if written == "sub" and any(c.dep_ == "conj" and c.i > root.i and (c.tag_.startswith("VB") or subject_of(c))
                                        for c in root.children):
                continue  # "When X, A and B." -> "A and B. This happens when X.": split again, "This" points at B only
            if form == "happened" and not is_past(adv) and any(
                    c.lower_ in ("is", "are", "'s", "’s") for c in [adv, *adv.children]):
                continue  # "… brought in systems, including talks when there is no sign …": a present
                # clause under a past verb describes something else (it is not when it happened)
            lead = str(inst["template"]).format(happen=form)
            second = f"{lead} {clause}"
            first_part = main
            if order == "sub":
                continue  # a template explains the clause after the main clause only
        else:
            link = str(inst.get("link", ""))
            first_part, second = (clause, _join(link, main)) if order == "sub" else (main, _join(link, clause))
        parts = (finish(first_part, "."), finish(second, punct))
        return _proposal(parts, "split.adverbial.v1",
                         f"a {marker!r} clause made its own sentence", sentence)
    return []


def _np_run_before(cl: Clauses, comma: int) -> bool:
    """The tokens from the previous comma (or the start) to ``comma`` are a plain noun phrase."""
    a = max((t.i + 1 for t in cl.doc[:comma] if t.text == ","), default=0)
    return a < comma and _plain_np(cl.doc, a, comma)


def relative(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.relative.v1: a non-restrictive ``, which/who …`` clause becomes a sentence about its noun.

    What: an ``acl:relcl`` after a comma whose pronoun (``[relative] pronouns``) is its
    subject; the noun phrase it describes is repeated (``a``/``an`` becomes ``the``); never
    when that noun sits inside another noun phrase (``the head of the charity, which …``:
    what the clause describes is unclear). Restrictive clauses (no comma) stay.
    Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(relative, "The mayor, who was elected in 2019, said the plan would fail.", max_words=6)
    'The mayor said the plan would fail. The mayor was elected in 2019.'
    """
    setup = _setup(sentence, ctx)
    if setup is None:
        return []
    cl, root, end, punct = setup
    parse = cl.parse
    conf = table()["relative"]
    pronouns = {str(p) for p in conf["pronouns"]}
    doc = cl.doc
    for rel in doc:
        if rel.dep_ != "acl:relcl" or rel.head.pos_ not in ("NOUN", "PROPN"):
            continue
        a, b = parse.subtree_range(rel.i)
        pron = doc[a]
        if pron.lower_ not in pronouns or pron.head.i != rel.i or pron.dep_ not in SUBJECTS:
            continue
        if a == 0 or doc[a - 1].text != "," or not is_finite(rel):
            continue
        if any(t.text in (",", ";", ":", "–", "—") for t in doc[a:b]):
            continue  # the clause runs on past a comma: where it ends is unclear
        np_end = a - 1
        found = _phrase_before(cl, rel.head, np_end, int(conf["max_noun_phrase_words"]))
        if found is None:
            continue
        na = found
        if b < end and doc[b].text != ",":
            continue
        if cl.protected(a - 1, b):
            continue
        if rel.head.lower_ in _time_nouns() and pron.lower_ == "which":
            continue  # "… in a single night, which almost doubles my pay": about the whole event, not the night
        if na > 1 and doc[na - 1].text == "," and _np_run_before(cl, na - 1):
            continue  # "Delacourt’s lawyer, Anne Veil, who …, said": the name is an aside itself
        if doc[na].lower_ in words("quantifiers"):
            continue  # "every …, which": repeating the quantifier changes the claim
        while doc[na].lower_ in words("focus") and na < np_end - 1:
            na += 1  # "only modern techniques, which avoid …" -> "Modern techniques avoid …"
        if any(t.lower_ in words("pronouns") for t in doc[a + 1 : b]):
            continue  # "which features its vets": moved after the main clause, "its" would point elsewhere
        says = attribution_verbs()
        if any(t.lower_ in says for t in doc[:a]) or any(
                t.lower_ in says and any(x.text == "," for x in doc[max(b + 1, t.i - 4) : t.i]) for t in doc[b + 1 : end]):
            continue  # "…, added Fernández, the licence would say that only modern techniques, which avoid
            # waste, …": inside a reported claim; on its own the clause would read as the writer's fact
        np = _definite(cl.chars(na, np_end))
        described = cl.chars(a + 1, b)
        main, main_words = _without(cl, a, b, end, root)
        if main_words < 3:
            continue
        parts = (finish(main, punct), finish(f"{np} {described}", "."))
        return _proposal(parts, "split.relative.v1",
                         f"the clause about {np!r} made its own sentence", sentence)
    return []


def clause_punct(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.clause_punct.v1: ``A; B.`` or ``A: B.`` with a clause on each side becomes ``A. B.``

    What: a mark from ``[punctuation] marks`` with a sentence on both sides (the split
    post-condition: a subject and a finite verb); a colon before a quotation mark is left alone. Why: UK easy read: short sentences; a
    semicolon is hard punctuation (Mencap, Am I Making Myself Clear?).

    >>> from easyread.rewrite.rules import demo
    >>> demo(clause_punct, "The storm damaged many homes; families are living in hotels.", max_words=6)
    'The storm damaged many homes. Families are living in hotels.'
    """
    setup = _setup(sentence, ctx)
    if setup is None:
        return []
    cl, _root, end, punct = setup
    marks = {str(m) for m in table()["punctuation"]["marks"]}
    doc = cl.doc
    for i in range(2, end - 2):
        if doc[i].text not in marks or cl.protected(i, i + 1):
            continue
        if cl.words(0, i) < 3 or cl.words(i + 1, end) < 3:
            continue
        if doc[i + 1].text in ('"', "“", "‘", "'"):
            continue
        if doc[i].text in (":", ";") and sum(1 for t in doc[0:end] if t.text == ";") >= 2:
            b = next((t.i for t in doc[i + 1 : end] if t.text in (";", ":")), end)
            if not any(t.tag_ in FINITE_TAGS for t in doc[i + 1 : b]):
                continue  # "five records: the first human to …; the highest jump; …": items of a list, not clauses
        from easyread.rewrite.split.postcheck import fragment_reason

        if fragment_reason(cl.chars(0, i) + ".", ctx.cache) or fragment_reason(cl.chars(i + 1, end) + ".", ctx.cache):
            continue
        parts = (finish(cl.chars(0, i), "."), finish(cl.chars(i + 1, end), punct))
        return _proposal(parts, "split.clause_punct.v1",
                         f"two clauses joined by {doc[i].text!r} made two sentences", sentence)
    return []


def be_form(main: Token, plural: bool) -> str | None:
    """``is``/``are``/``was``/``were``/``will be`` agreeing with the main clause (None: modal)."""
    form = happen(main)
    if form is None:
        return None
    if form == "will happen":
        return "will be"
    if form == "happened":
        return "were" if plural else "was"
    return "are" if plural else "is"


def lead_phrase(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.lead_phrase.v1: a long where/when phrase before the main clause becomes ``This was …``.

    What: one ``obl`` of the main verb at the start, opened by a preposition from
    ``[lead_phrase] prepositions``, ending at a comma, of at least ``min_words`` words, with no
    word from ``refers_back`` (``At the same time,`` stays first); it follows the main clause
    as ``This was/is/will be …`` (the main clause's tense).
    Why: UK easy read: put the main point first, one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(lead_phrase, "At a small rally in Brasilia, demonstrators broke through police lines.", max_words=6)
    'Demonstrators broke through police lines. This was at a small rally in Brasilia.'
    """
    setup = _setup(sentence, ctx)
    if setup is None or subject_of(setup[1]) is None or not is_finite(setup[1]):
        return []
    cl, root, end, punct = setup
    parse = cl.parse
    conf = table()["lead_phrase"]
    preps = {str(p) for p in conf["prepositions"]}
    doc = cl.doc
    first = doc[0]
    if first.lower_ not in preps:
        return []
    head = first.head
    if head.head.i != root.i or head.dep_ not in ("obl", "obl:tmod", "advmod", "nmod:tmod"):
        return []
    a, b = parse.subtree_range(head.i)
    if a != 0 or b >= end or doc[b].text != ",":
        return []
    if b + 1 < end and doc[b + 1].tag_ in ("IN", "WDT", "WP", "WP$", "WRB", "TO", "VBG", "VBN", ","):
        return []  # "After the massacre, in which 69 were shot, he …": an aside follows, not the main clause
    if cl.words(0, b) < int(conf["min_words"]) or cl.words(b + 1, end) < 4 or cl.protected(0, end):
        return []
    if any(t.tag_.startswith("VB") or t.tag_ in ("MD", "WDT", "WP") for t in doc[0:b]):
        return []  # "In a policy that has outraged …": a clause inside, not a plain time or place
    back = {str(w) for w in conf.get("refers_back", [])}
    if any(t.lower_ in back for t in doc[0:b]):
        return []  # "At the same time, …" links to the sentence before; it stays first
    vague = {str(w) for w in conf.get("indefinite", [])}
    if any(c.lower_ in vague and c.i < head.i for c in head.children):
        return []  # "At one point on my visit, …": no time a reader can hold on to; it stays first
    be = be_form(root, False)
    if be is None:
        return []
    phrase = cl.chars(0, b)
    main = cl.chars(b + 1, end)
    phrase = phrase[:1].lower() + phrase[1:]
    parts = (finish(main, punct), finish(f"This {be} {phrase}", "."))
    return _proposal(parts, "split.lead_phrase.v1",
                     f"the opening phrase {cl.chars(0, min(b, 3))!r}… made its own sentence", sentence)


_WITH_NP_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP$", "POS", "CD", "HYPH"})


def _number_follows(doc: Doc, k: int, end: int) -> bool:
    """A number at ``k``, or after one hedge word (``about 1 in 10``, ``nearly 60``)."""
    if k < end and doc[k].tag_ == "CD":
        return True
    return k + 1 < end and doc[k].lower_ in words("hedges") and doc[k + 1].tag_ == "CD"


def with_phrase(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.with_phrase.v1: ``…, with sales down 4.1% in the latest quarter.`` -> ``…. Sales were down 4.1% in the latest quarter.``

    What: a comma, ``with``, a plain noun phrase (at most ``max_noun_words`` words, its last word
    a noun, no pronoun) and a predicate that runs to the end of the sentence: a participle
    (``declining by …``, ``introduced into …``; ``being`` before a participle is dropped) or an
    adverb from ``[with_phrase] adverbs`` before a number (``down 4.1%``). The phrase becomes a
    sentence about the noun with ``is/are/was/were`` in the main clause's tense. Not after a
    modal or future main verb, not inside quotations. Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(with_phrase, "Sales fell sharply last year, with prices rising in every shop.", max_words=6)
    'Sales fell sharply last year. Prices were rising in every shop.'
    """
    setup = _setup(sentence, ctx)
    if setup is None:
        return []
    cl, root, end, punct = setup
    conf = table()["with_phrase"]
    doc = cl.doc
    adverbs = {str(a) for a in conf["adverbs"]}
    for w in doc:
        if w.lower_ != "with" or w.i < 2 or w.i >= end - 3 or doc[w.i - 1].text != ",":
            continue
        if w.i < root.i or cl.words(0, w.i - 1) < int(conf["min_main_words"]) or cl.protected(w.i - 1, end):
            continue
        k = w.i + 1
        while k < end and doc[k].tag_ in _WITH_NP_TAGS:
            k += 1
        if k == w.i + 1 or k >= end or cl.words(w.i + 1, k) > int(conf["max_noun_words"]):
            continue
        head = doc[k - 1]
        if head.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
            continue
        np_end = k
        pred = doc[k]
        if pred.lower_ == "being" and k + 1 < end:
            k += 1  # "with a typical buyer being in his 30s" -> "A typical buyer was in his 30s"
            pred = doc[k]
        elif pred.tag_ not in ("VBG", "VBN", "VBD") and not (pred.lower_ in adverbs and _number_follows(doc, k + 1, end)):
            continue  # (VBD: the tagger's reading of a participle after a noun, "with old trees cut down")
        if any(t.text in (";", ":", "(", ")") or t.tag_ in ("WDT", "WP", "WRB") for t in doc[k:end]):
            continue  # another clause or an aside inside: where the phrase ends is unclear
        plural = head.tag_ in ("NNS", "NNPS") or (head.text == "%" and any(t.tag_ == "CD" for t in doc[w.i + 1 : np_end]))
        be = be_form(root, plural)
        if be is None or be == "will be":
            continue  # a modal or future main verb: "will be wanting" is not plain
        noun = cl.chars(w.i + 1, np_end)
        rest = cl.chars(k, end)
        if doc[w.i + 1].tag_ not in ("NNP", "NNPS") and noun[:1].islower():
            noun = noun[:1].upper() + noun[1:]
        parts = (finish(cl.chars(0, w.i - 1), punct), finish(f"{noun} {be} {rest}", punct))
        return _proposal(parts, "split.with_phrase.v1", f"the 'with' phrase about {noun!r} made its own sentence", sentence)
    return []


def participle_aside(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.participle_aside.v1: ``the products, used by …,`` becomes ``The products are used by …``.

    What: a past participle (``acl``, tag ``VBN``) between commas on a noun that is not
    itself inside another noun phrase; the noun phrase (at most ``max_noun_phrase_words``)
    is repeated with ``is/are/was/were`` in the main clause's tense.
    Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(participle_aside, "They sell the products, used by many people, in shops.", max_words=6)
    'They sell the products in shops. The products are used by many people.'
    """
    setup = _setup(sentence, ctx)
    if setup is None:
        return []
    cl, root, end, punct = setup
    parse = cl.parse
    conf = table()["participle_aside"]
    doc = cl.doc
    for acl in doc:
        if acl.dep_ != "acl" or acl.tag_ != "VBN" or acl.head.pos_ not in ("NOUN", "PROPN"):
            continue
        a, b = parse.subtree_range(acl.i)
        if a != acl.i or a == 0 or doc[a - 1].text != ",":
            continue
        if b < end and (doc[b].text != "," or not _predicate_follows(cl, b, end, root)):
            continue
        noun = acl.head
        found = _phrase_before(cl, noun, a - 1, int(conf["max_noun_phrase_words"]))
        if found is None or cl.protected(a - 1, min(b + 1, end)):
            continue
        na = found
        be = be_form(root, noun.tag_ in ("NNS", "NNPS"))
        if be is None:
            continue
        if any(t.lower_ in words("pronouns") for t in doc[a:b]):
            continue
        np = _definite(cl.chars(na, a - 1))
        main, main_words = _without(cl, a, b, end, root)
        if main_words < 4:
            continue
        parts = (finish(main, punct), finish(f"{np} {be} {cl.chars(a, b)}", "."))
        return _proposal(parts, "split.participle_aside.v1",
                         f"the phrase about {np!r} made its own sentence", sentence)
    return []


def apposition(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.apposition.v1: ``The charity, a small group of volunteers, runs a helpline.`` -> ``The charity runs a helpline. The charity is a small group of volunteers.``

    What: an ``appos`` between commas (or a comma and the sentence end) on a noun; the noun
    phrase (at most ``max_noun_phrase_words``, without its preposition) is repeated with
    ``is/are``; the description has no verb, no comma and at most ``max_description_words``
    words, and the noun is not itself inside an aside. Why: UK easy read: one idea per sentence.

    >>> from easyread.rewrite.rules import demo
    >>> demo(apposition, "The charity, a small group of volunteers, runs a helpline for parents.", max_words=6)
    'The charity runs a helpline for parents. The charity is a small group of volunteers.'
    """
    setup = _setup(sentence, ctx)
    if setup is None:
        return []
    cl, root, end, punct = setup
    parse = cl.parse
    conf = table()["apposition"]
    doc = cl.doc
    for app in doc:
        if app.dep_ != "appos" or app.head.pos_ not in ("NOUN", "PROPN") or app.pos_ not in ("NOUN", "PROPN"):
            continue
        a, b = parse.subtree_range(app.i)
        if a == 0 or doc[a - 1].text != "," or (b < end and doc[b].text != ","):
            continue
        if any(t.tag_.startswith("VB") and t.dep_ not in ("amod", "compound") and t.tag_ not in ("VBN", "VBG")
               for t in doc[a:b]):
            continue
        if cl.words(a, b) > int(conf["max_description_words"]) or cl.protected(a - 1, min(b + 1, end)):
            continue
        noun = app.head
        if b >= end or noun.dep_ not in ("nsubj", "nsubj:pass") or noun.head.i != root.i:
            continue  # only "The subject, a description, verb …": elsewhere the parser's attachment is too unsure
        if not _predicate_follows(cl, b, end, root):
            continue  # "Name, the Director of X, and one of the inventors of Y, said …"
        if app.pos_ == "PROPN" and b + 1 < end and doc[b + 1].pos_ == "PROPN":
            continue  # "New Orleans, Louisiana": a place list, not a description
        na = _phrase_before(cl, noun, a - 1, int(conf["max_noun_phrase_words"]))
        if na != 0:
            continue  # the subject starts the sentence ("But that's what Kiruna, a town, …" is not split)
        if any(t.text in (",", ";", "(", ")") for t in doc[a:b]):
            continue  # the description runs on past a comma: where it ends is unclear
        be: str | None = "are" if noun.tag_ in ("NNS", "NNPS") else "is"  # a description holds now
        row = _verb_rows().get(doc[a].lower_)
        if doc[a].tag_ == "VBN" or row is not None and row[3] == doc[a].lower_ and doc[a].tag_ in ("JJ", "VBD"):
            # "The event, dubbed Malala Day, was …": a participle (the tagger may read it as an adjective) tells what was
            be = be_form(root, noun.tag_ in ("NNS", "NNPS"))  # done to it, in the main clause's tense
            if be is None:
                continue
        np = _definite(cl.chars(na, a - 1))
        main, main_words = _without(cl, a, b, end)
        if main_words < 3:
            continue
        parts = (finish(main, punct), finish(f"{np} {be} {cl.chars(a, b)}", "."))
        return _proposal(parts, "split.apposition.v1", f"the description of {np!r} made its own sentence", sentence)
    return []


def _lemma_match(tok: Token, verbs: set[str]) -> str | None:
    """The verb (with its particle, ``point out``) if it is one of ``verbs``."""
    lemma = tok.lemma_.lower() if tok.lemma_ else ""
    word = tok.lower_
    prt = next((c.lower_ for c in tok.children if c.dep_ == "compound:prt"), None)
    for cand in {lemma, word, verb_lemma(word)}:
        if prt and f"{cand} {prt}" in verbs:
            return f"{cand} {prt}"
        if cand in verbs:
            return cand
    return None


def reported(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """split.reported.v1: ``The committee has recommended that the request should be backed.`` -> ``The request should be backed. The committee has recommended this.``

    What: the main verb is a verb of saying or thinking (``[reported] verbs``) with a subject
    (at most ``max_subject_words``) before it and a ``ccomp`` clause (its own subject and a
    finite verb) running to the sentence end; the clause comes first, then ``S VERB this.``
    (who said it comes after what was said, as in ``split.attribution.v1``). Not after a
    colon or a quotation mark, and never when the main verb is negated.
    Why: UK easy read: one idea per sentence; the claim first.

    >>> from easyread.rewrite.rules import demo
    >>> demo(reported, "The committee has recommended that the request should be backed by the government.", max_words=6)
    'The request should be backed by the government. The committee has recommended this.'
    """
    setup = _setup(sentence, ctx)
    if setup is None or has_negation(setup[1]):
        return []
    cl, root, end, punct = setup
    parse = cl.parse
    conf = table()["reported"]
    verbs = {str(v) for v in conf["verbs"]}
    if _lemma_match(root, verbs) is None:
        return []
    subj = subject_of(root)
    if subj is None or subj.i > root.i or subj.dep_ not in ("nsubj", "nsubj:pass"):
        return []
    if subj.lower_ == "it" and (subj.dep_ == "nsubj:pass" or any(c.dep_ == "aux:pass" for c in root.children)):
        return []  # "It's been said that …": no one to say "this" ("It's even been said this.")
    doc = cl.doc
    comp = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
    if comp is None or subject_of(comp) is None or not is_finite(comp):
        return []
    if any(c.dep_ == "conj" and subject_of(c) is not None for c in comp.children):
        return []  # "said his name was X and he had …, but … details were sketchy": how much was said is unclear
    a, b = parse.subtree_range(comp.i)
    if b != end or any(t.text in (":", '"', "“", "”") for t in doc[root.i : a]):
        return []
    if any(t.i > root.i and t.i < a and t.dep_ not in ("mark", "punct", "obj", "iobj", "advmod", "obl", "case", "det", "compound", "amod")
           for t in doc[root.i + 1 : a] if t.head.i == root.i):
        return []
    sa, sb = parse.subtree_range(subj.i)
    lead = 0  # "But the governments argue …": the link word goes to the claim
    while lead < sa and doc[lead].dep_ in ("cc", "punct") and doc[lead].head.i == root.i:
        lead += 1
    if sa != lead or cl.words(sa, sb) > int(conf["max_subject_words"]):
        return []
    start = a + 1 if doc[a].dep_ == "mark" and doc[a].lower_ == "that" else a
    while start < end and doc[start].text == ",":
        start += 1  # "… suggest that, in some cases, the mirror …" -> "In some cases, the mirror …"
    if cl.words(start, end) < 4 or cl.protected(0, end):
        return []
    if any(t.text == "," and t.i + 1 < end and doc[t.i + 1].tag_ == "VBG" for t in doc[start:end]):
        return []  # "…, arguing that …": whose participle is it once the claim comes first?
    speaker = cl.chars(sa, a).rstrip(", ")
    claim = cl.chars(start, end)
    first_noun = next((t.i for t in doc[start:end] if t.pos_ in ("NOUN", "PROPN")), end)
    pron = next((t for t in doc[start:first_noun] if t.lower_ in words("pronouns")), None)
    if pron is not None and subj.tag_ != "PRP":
        # "Brindle said he hoped …": "He hoped …. Brindle said this." would put "he" before its name
        name = name_for_pronoun(pron.text, cl.chars(sa, sb), subj.tag_, pron.i == start)
        if name is None or pron.i + 1 < end and doc[pron.i + 1].text[:1] in ("'", "’"):
            return []  # (not "he'd" -> "Brindle 'd")
        claim = f"{cl.chars(start, pron.i)} {name} {cl.chars(pron.i + 1, end)}".strip()
    if lead:
        claim = f"{cl.chars(0, lead).strip(' ,')} {_lower_first(claim)}"
    verb = _lemma_match(root, verbs) or ""
    this = str(conf.get("this_object", {}).get(verb, "this"))  # "Experts agree with this." (not "agree this")
    parts = (finish(claim, punct), finish(f"{speaker} {this}", "."))
    return _proposal(parts, "split.reported.v1", "what was said comes first, then who said it", sentence)

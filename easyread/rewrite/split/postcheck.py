"""Post-conditions of a split: every new sentence must be a sentence.

Each part a split proposes is parsed; it passes when its root is a finite verb (or has a
finite auxiliary or copula) with a subject, or is an imperative (a base-form verb that
starts the clause, with no subject). A part that is a subordinate clause on its own (its
root has a ``mark``: ``If someone managed to shut the system down.``), that starts with a
coordinating conjunction and has no subject (``Or hack inside …``), or whose root is a noun
with no copula (``… letters, agendas and minutes that don't deal with …``), a noun with only a
passive participle (``A decision criticized by the regulator.``) or a ``that`` with no clause
after it (``Staff believe that in the middle of the night.``) is a fragment, and the whole
split is refused (note ``W605``).

Parts that are list items, or that are a direct quotation as a whole, are not checked.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from easyread.rewrite.split.syntax_rules import SUBJECTS, is_finite, words

_CORE_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass"})
_LEADING_OK = frozenset({"aux", "advmod", "discourse", "punct", "intj", "vocative", "mark", "cc"})


def fragment_reason(text: str, cache: dict[str, Any] | None = None) -> str | None:
    """Why ``text`` is not a sentence (None: it is one, or the parser is unavailable)."""
    from easyread import syntax

    if not syntax.model_available():
        return None
    stripped = text.strip()
    if not stripped or stripped[0] in "“\"'‘" and stripped.rstrip(".!?")[-1:] in "”\"'’":
        return None
    parse = syntax.parse_text(stripped, cache)
    # The tokens once, as a list: each pass over the Doc builds every Token object again
    # (the post-check was ~15 % of a long rewrite).
    doc = list(parse.doc)
    roots = [t for t in doc if t.head.i == t.i]
    if not roots:
        return "no root"
    root = roots[0]
    question = stripped.rstrip("”’\"')").endswith("?")
    if stripped[0] in ",;:)]}":
        return "starts with punctuation"
    first = next((t for t in doc if not t.is_punct and t.dep_ != "cc"), None)
    if (first is not None and first.head.i == root.i and not question
            and (first.dep_ == "mark" or first.lower_ in words("subordinators") and first.dep_ == "advmod")):
        return f"a {first.lower_!r} clause on its own"
    if first is not None and first.lower_ == "whose" and not question:
        return "a 'whose' clause on its own"  # "Whose engines were missing their propellers, since …"
    for tok in doc:
        dangling = tok.lower_ in words("subordinators") and tok.dep_ in ("mark", "advmod") and tok.head.pos_ in ("NOUN", "PROPN", "PRON")
        if dangling and not any(c.tag_.startswith("VB") or c.tag_ == "MD" for c in tok.head.subtree):
            return f"a {tok.lower_!r} clause with no verb"  # "… after a food scare when local media."
    if (first is not None and first.tag_ in ("WP", "WRB", "WDT") and not question
            and first.head.i == root.i and not any(c.dep_ in ("csubj", "csubj:pass") for c in root.children)
            and sum(1 for t in doc if t.tag_ in ("VBD", "VBZ", "VBP", "MD")) == 1):  # "Who will pay is not clear." has two
        return f"a {first.lower_!r} clause on its own"  # "What would improve it for them."
    lowered = [t.lower_ for t in doc]
    content = [t for t in doc if not t.is_punct and t.dep_ != "cc"]
    if len(content) > 1 and content[0].lower_ == "not" and (
            content[1].lower_ in words("subordinators") or content[1].tag_ in ("IN", "TO")):
        return f"a 'not {content[1].lower_} …' with no clause of its own"  # "But not when they …"
    for k in range(len(lowered) - 1):
        if lowered[k] == "not" and lowered[k + 1] == "only" and not {"but", "also"} & set(lowered[k + 2 :]):
            return "'not only' with no 'but' or 'also'"  # "… austerity not only doesn't work."
        if lowered[k : k + 3] == ["not", "so", "much"] and not {"but", "as"} & set(lowered[k + 3 :]):
            return "'not so much' with no 'but' or 'as'"  # "It was not so much how hard … ." (cut from its "but")
    for tok in doc:
        bare_wh = tok.lower_ in ("how", "why") and tok.i > 0 and (
            tok.i + 1 >= len(doc) or doc[tok.i + 1].is_punct or doc[tok.i + 1].tag_ == "IN")
        if (tok.lower_ in ("that", "whether") and tok.tag_ == "IN" or bare_wh) \
                and not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in doc[tok.i + 1 :]):
            return f"a {tok.lower_!r} with no clause after it"  # "Staff believe that in the middle of the night."
            # "The researchers revealed how for the first time." (how what happened was cut away)
    if root.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in ("cop", *SUBJECTS) for c in root.children) and any(
            c.dep_ == "acl" and c.tag_ == "VBN" and not any(g.dep_ in ("obj", "iobj", "ccomp") for g in c.children)
            for c in root.children):
        return "a noun and a passive participle, no main verb"  # "A decision criticized by the regulator.", "A button mounted between the seats."
    subjects = [c for c in root.children if c.dep_ in SUBJECTS]
    core = [c for c in subjects if c.dep_ in _CORE_SUBJECTS]
    if any(g.dep_ == "case" and g.tag_ == "IN" and g.i < c.i for c in core for g in c.children):
        return "a subject that starts with a preposition"  # "But with an exemption from … leaves."
    if len(core) > 1 and any(c.tag_.startswith("VB") for c in core):
        return "two subjects for one verb"
    if not question and any(c.lower_ in words("relatives") and c.tag_ in ("WP", "WDT") for c in subjects):
        return "a relative clause on its own"
    soft = _soft_reason(doc, root, subjects)
    if soft is None:
        return None
    # The parser and the part-of-speech tagger must agree that there is no main clause: a
    # verb the parser took for a participle ("The storm damaged …") does not refuse a split.
    return None if tagger_sees_clause(stripped) else soft


def _soft_reason(doc: list[Any], root: Any, subjects: list[Any]) -> str | None:
    """The parse's verdict on subject and verb (None: a clause); ``doc``: the parse's tokens."""
    first = next((t for t in doc if not t.is_punct), None)
    if len([c for c in subjects if c.dep_ in _CORE_SUBJECTS]) > 1:
        return "two subjects for one verb"
    if subjects:
        if is_finite(root):
            return None
        if not root.tag_.startswith("VB") and not any(c.dep_ == "cop" for c in root.children):
            return None  # a subject on a word tagged as a noun: the tagger missed a verb ("this rose to …")
        return "no finite verb"
    # Imperative: a base-form verb with nothing but auxiliaries/adverbs before it.
    if root.tag_ == "VB" and all(t.dep_ in _LEADING_OK and t.dep_ not in ("mark", "cc") for t in doc[: root.i]):
        return None
    if root.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") and not any(c.dep_ == "cop" for c in root.children):
        return "no verb"
    if first is not None and first.dep_ == "cc":
        return f"starts with {first.lower_!r} and has no subject"
    return "no subject"


_ITEM_POS = frozenset({"NOUN", "PROPN", "NUM", "PRON", "ADJ", "X", "SYM"})


def list_reason(text: str, items: list[str], cache: dict[str, Any] | None = None) -> str | None:
    """Why ``items`` (found in this order in ``text``) must not become a bulleted list.

    A list is built only from a coordination of noun phrases that follows a verb or a colon:
    never from clauses (an item headed by a verb: ``… killing 107 or more``), nor from the
    object of a preposition (``… as gums, patches and mouth sprays``).
    """
    from easyread import syntax

    if not syntax.model_available():
        return None
    parse = syntax.parse_text(text, cache)
    doc = parse.doc
    at = 0
    heads = []
    first_tok = -1
    for item in items:
        begin = text.find(item, at)
        if begin < 0:
            return "an item is not in the sentence"
        stop = begin + len(item)
        at = stop
        toks = [k for k, (s, e) in enumerate(parse.spans) if s >= begin and e <= stop]
        if not toks:
            return "an item has no words"
        if first_tok < 0:
            first_tok = toks[0]
        inside = set(toks)
        top = [k for k in toks if doc[k].head.i not in inside or doc[k].head.i == k]
        if len(top) != 1:
            return f"{item!r} is not one phrase"
        heads.append(doc[top[0]])
    for head in heads:
        if head.pos_ not in _ITEM_POS:
            return f"{head.text!r} heads a clause, not a noun phrase"
    before = next((t for t in reversed(doc[:first_tok]) if not t.is_punct or t.text == ":"), None)
    if before is None:
        return "nothing introduces the list"
    if before.text == ":" or before.tag_.startswith("VB"):
        return None
    if before.tag_ in ("IN", "RP") and before.i > 0 and doc[before.i - 1].tag_.startswith("VB"):
        return None  # a verb's own preposition: "pay for:", "look at:"
    return f"the list follows {before.text!r}, not a verb or a colon"


_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})


def _pronoun_and_verb(text: str) -> bool:
    """The sentence starts with a subject pronoun and a known past or third-person verb form."""
    from easyread.nlp import tokenize

    lowered = [t.text.lower() for t in tokenize(text) if t.kind == "word"]
    return len(lowered) > 1 and lowered[0] in words("subject_pronouns") and lowered[1] in finite_forms()


@lru_cache(maxsize=1)
def finite_forms() -> frozenset[str]:
    """Past (VBD) and third-person (VBZ) forms of the verbs in ``verb_forms.tsv``."""
    from easyread.data import VERB_TAGS, verb_forms

    d, z = VERB_TAGS.index("VBD"), VERB_TAGS.index("VBZ")
    return frozenset(f for row in verb_forms().values() for f in (row[d], row[z]) if f)


def tagger_sees_clause(text: str) -> bool:
    """easyread's part-of-speech tagger finds a subject, then a finite verb, in the main clause.

    A relative pronoun (``that``/``which``/``who``) hides the verb after it: in ``letters and
    minutes that don't deal with …`` there is no main verb.
    """
    from easyread.nlp import tokenize
    from easyread.rewrite.rules import tag_tokens
    from easyread.rewrite.split.pos_rules import _FINITE, _SUBJECT_TAGS, present_plural

    tokens = [t for t in tokenize(text)]
    if _pronoun_and_verb(text):
        return True  # "This surprised many people.": the tagger reads "surprised" as an adjective
    tags = present_plural(tokens, tag_tokens(tokens))  # "The groups strongly oppose …"
    seen_subject = False
    skipping = False  # inside a subordinate or relative clause, until the next comma
    prev = ""
    for tok, tag in zip(tokens, tags, strict=True):
        low = tok.text.lower()
        if tok.text in (",", ";", ":"):
            seen_subject = skipping = False
            prev = tag
            continue
        if tag in _RELATIVE_TAGS or tag == "WRB" or low in words("subordinators") or low == "that" and prev in ("NN", "NNS", "NNP", "NNPS"):
            seen_subject, skipping = False, True  # "a food scare when local media showed …"
            prev = tag
            continue
        if skipping:
            prev = tag
            continue
        finite = tag in _FINITE or (tag == "VBN" and prev in ("NN", "NNS", "NNP", "NNPS"))
        if finite and seen_subject:
            return True
        if tag in _SUBJECT_TAGS and low not in ("her", "his", "its", "their"):
            seen_subject = True
        prev = tag
    return False

"""Plainer words for a word in its sentence: ``easyread.api.suggest(sentence, word)``.

Candidates come from two sources:

* **WordNet 3.0** (``data/lexical.msgpack.gz``, built by ``tools/build_lexical.py``): the
  other members of each sense (synset) of the word, and, with a lower weight, the members of
  its hypernyms and (adjectives) similar-to heads;
* the **curated lexicon** (``data/lexicon.tsv``), linked at build time to the WordNet senses
  that support each plain word.

Ranking (see ``docs/glossing.md``):

1. *Sense in context*: each sense of the word gets a probability from its SemCor frequency
   (``cntlist.rev``) and the overlap of the sentence with the sense's signature (gloss,
   examples, members, hypernyms, hyponyms), each shared word weighted by its rarity
   (``6.5 - Zipf``): a simplified Lesk. A candidate's *fit* is the probability mass of the
   senses it expresses, times how typical that sense is of the candidate itself (a word that
   is a synonym only in a rare sense of its own fits less).
2. *Simplicity*: wordfreq Zipf (higher is plainer), fewer words, fewer syllables.

A candidate must be plainer than the word (higher Zipf) and fit the part of speech the
tagger gives the slot; it is inflected for the slot with lemminflect (``abdomens`` ->
``bellies``, but ``abdomen`` -> ``belly``). When nothing fits, the result says why.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from easyread.data import data_path, lexicon_entries, zipf
from easyread.deprecation import make_callable
from easyread.errors import ResourceMissing

__all__ = [
    "SENSES_NAME",
    "TABLE_NAME",
    "LexicalTable",
    "Suggestion",
    "SuggestResult",
    "sense_support",
    "stem",
    "suggest",
    "table",
]

#: The shipped WordNet table (``tools/build_lexical.py``).
TABLE_NAME = "lexical.msgpack.gz"
#: Its subset for the words stage: the senses of ``lexicon.tsv``'s hard words.
SENSES_NAME = "lexicon_senses.msgpack.gz"

#: Penn tag prefix -> WordNet part of speech.
_WN_POS = {"NN": "n", "VB": "v", "JJ": "a", "RB": "r"}
_LEX_POS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
_UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
_SUFFIXES = ("ies", "ing", "ed", "es", "ly", "s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
#: Signature and context words more common than this carry no sense information.
COMMON_ZIPF = 6.3


def stem(word: str) -> str:
    """A crude stem shared by the signatures (build time) and the sentence (run time).

    >>> stem("Children"), stem("studies"), stem("running"), stem("glass")
    ('children', 'study', 'runn', 'glass')
    """
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


@dataclass(frozen=True)
class Params:
    """Ranking weights (tuned on the development sets only; see docs/benchmarks.md)."""

    overlap: float = 0.6  # weight of the context overlap in a sense's log-score
    link: float = 0.35  # weight of a hypernym / similar-to member against a synonym
    fit_power: float = 0.7  # exponent of the sense fit in the final score
    zipf: float = 1.0  # weight of the candidate's Zipf in the final log-score
    extra_word: float = 3.0  # penalty per extra word of a multi-word candidate
    syllable: float = 0.0  # penalty per syllable
    lexicon_prior: float = 0.5  # fit of a curated plain word WordNet does not link
    lexicon_bonus: float = 3.0  # multiplier of the fit of a curated plain word
    adverb: float = 0.6  # weight of an adverb made from a synonym of the adverb's adjective
    min_gain: float = 0.0  # a candidate's Zipf must beat the word's by more than this ...
    near: float = 1.0  # ... or come within this much of it with fewer syllables


DEFAULT = Params()


@dataclass(frozen=True)
class Suggestion:
    """One plainer substitute: the text for the slot, its lemma, where it came from, how sure."""

    text: str
    lemma: str
    source: str  # "wordnet", "lexicon" or "lexicon+wordnet"
    confidence: float  # 0..1: the sense probability in context this word expresses, by typicality
    zipf: float
    sense: str  # WordNet synset id (offset-pos) of the best supporting sense, "" if none


@dataclass(frozen=True)
class SuggestResult:
    """What :func:`suggest` found for ``word`` in ``sentence``."""

    sentence: str
    word: str
    lemma: str
    tag: str  # the tagger's Penn tag for the slot
    pos: str  # WordNet part of speech used (n, v, a, r), "" if none
    suggestions: tuple[Suggestion, ...]
    reason: str = ""  # why there is no suggestion, when there is none
    senses: tuple[tuple[str, float], ...] = field(default=())  # (synset id, probability)


@dataclass(frozen=True)
class LexicalTable:
    synsets: list[list[Any]]
    vocab: dict[str, int]
    index: dict[str, dict[str, list[int]]]
    lexicon: dict[str, list[int]]
    version: str


@lru_cache(maxsize=1)
def table() -> LexicalTable:
    """The shipped WordNet table, loaded once (about 0.9 s CPU)."""
    return _load(TABLE_NAME)


@lru_cache(maxsize=1)
def sense_table() -> LexicalTable:
    """The senses of the curated lexicon's hard words only (``lexicon_senses.msgpack.gz``): the
    words stage's sense check loads this small table (milliseconds), never the full one."""
    return _load(SENSES_NAME)


def _load(name: str) -> LexicalTable:
    import msgpack

    path = data_path(name)
    if not path.is_file():
        raise ResourceMissing(f"{path} is missing: run python tools/build_lexical.py")
    with gzip.open(path, "rb") as fh:
        raw = msgpack.unpack(fh, raw=False, strict_map_key=False)
    return LexicalTable(
        synsets=raw["synsets"],
        vocab={w: i for i, w in enumerate(raw["vocab"])},
        index=raw["index"],
        lexicon=raw["lexicon"],
        version=str(raw.get("version", "")),
    )


def _syllables(text: str) -> int:
    from easyread.readability import syllables

    return sum(max(1, syllables(w)) for w in text.split())


def _phrase_zipf(text: str) -> float:
    parts = text.lower().split()
    if not parts:
        return 0.0
    return min(zipf(p) for p in parts)


def _lemmas(word: str, pos: str) -> list[str]:
    """Candidate lemmas of ``word`` for a WordNet part of speech, the word itself last."""
    lower = word.lower()
    out: list[str] = []
    try:
        from lemminflect import getAllLemmas, getLemma

        found = list(getLemma(lower, upos=_UPOS[pos]))
        found += [w for ws in getAllLemmas(lower, upos=_UPOS[pos]).values() for w in ws]
    except Exception:  # lemminflect missing or odd input: fall back to the word
        found = []
    for w in [*found, lower]:
        if w and w not in out:
            out.append(w)
    return out


def _inflect(lemma_text: str, tag: str, pos: str) -> str:
    """Inflect a candidate for the slot's Penn ``tag`` (first word of a verb phrase, last of a noun)."""
    words = lemma_text.split()
    if tag in ("NN", "VB", "VBP", "JJ", "RB") or not tag or (pos in ("a", "r") and len(words) > 1):
        return lemma_text
    k = len(words) - 1 if pos == "n" else 0
    try:
        from lemminflect import getInflection

        forms = getInflection(words[k], tag=tag)
    except Exception:
        forms = ()
    known = zipf(forms[0]) > 0 if forms else False
    degree = tag in ("JJR", "RBR", "JJS", "RBS")
    if forms and (known or len(words) > 1 or not (degree or (tag == "NNS" and words[k].endswith("ing")))):
        words[k] = forms[0]
    elif tag in ("JJR", "RBR", "JJS", "RBS"):  # no such word as "recentest": "most recent"
        return ("more " if tag in ("JJR", "RBR") else "most ") + lemma_text
    # a plural no one uses ("measurings", an -ing noun) stays singular
    return " ".join(words)


def _slot_tag(word: str, lemma: str, tag: str, pos: str) -> str:
    """The tag to inflect to: the tagger's, unless the word's own form says otherwise.

    A tagger can call a singular noun plural (``abdomen``/NNS), which would make ``bellies``;
    the form decides: a noun equal to its lemma is singular, a verb equal to its lemma is a base.
    """
    lower = word.lower()
    if pos == "n":
        return "NN" if lower == lemma else "NNS"
    if pos == "v":
        if lower == lemma:
            return "VB"
        try:
            from lemminflect import getInflection

            for t in (tag, "VBD", "VBN", "VBG", "VBZ"):
                if t.startswith("VB") and lower in getInflection(lemma, tag=t):
                    return t
        except Exception:
            pass
        # lemminflect does not know the form (British "ritualised"): the ending decides
        for ending, t in (("ing", "VBG"), ("ed", "VBD" if tag == "VBD" else "VBN"), ("s", "VBZ")):
            if lower.endswith(ending):
                return t
        return tag
    if pos in ("a", "r"):
        return tag if lower != lemma and tag in ("JJR", "JJS", "RBR", "RBS") else ("JJ" if pos == "a" else "RB")
    return tag


_AUX = frozenset({"have", "has", "had", "having", "be", "is", "are", "was", "were", "been", "being",
                  "get", "gets", "got", "getting", "'ve", "'s", "'re"})


def _participle_tag(tokens: Sequence[str], idx: int, tag: str) -> str:
    """``VBN`` with no auxiliary in the three words before it is a past tense (``Work commenced``)."""
    if tag != "VBN" or idx < 0:
        return tag
    before = [t.lower() for t in tokens[max(0, idx - 3) : idx]]
    if idx > 0 and not any(t in _AUX for t in before) and tokens[idx - 1][:1].isalpha():
        prev = tokens[idx - 1].lower()
        if prev not in ("the", "a", "an", "newly", "recently", "widely", "well"):
            return "VBD"
    return tag


def _tokens_and_tags(sentence: str) -> tuple[list[str], list[str]]:
    from easyread import tagger
    from easyread.nlp import tokenize

    toks = [t.text for t in tokenize(sentence)]
    return toks, (tagger.tag(toks) if toks else [])


def _context(tokens: Sequence[str], skip: int, t: LexicalTable | None = None) -> dict[int, float]:
    """Signature-vocabulary ids of the sentence's words (not the target) -> rarity weight."""
    vocab = (t or table()).vocab
    out: dict[int, float] = {}
    for i, tok in enumerate(tokens):
        if i == skip or not _WORD.fullmatch(tok) or len(tok) < 3:
            continue
        z = zipf(tok)
        if z > COMMON_ZIPF:
            continue
        idx = vocab.get(stem(tok))
        if idx is not None:
            out[idx] = max(out.get(idx, 0.0), max(0.5, 6.5 - z))
    return out


def _synset_id(i: int) -> str:
    return f"wn{i}"


def sense_probabilities(
    lemma: str, pos: str, context: dict[int, float], params: Params = DEFAULT,
    t: LexicalTable | None = None,
) -> list[tuple[int, float]]:
    """(synset index, probability in context) for each WordNet sense of ``lemma`` as ``pos``."""
    t = t or table()
    senses = t.index.get(lemma, {}).get(pos, [])
    if not senses:
        return []
    scores = []
    for rank, i in enumerate(senses):
        members, counts, sig = t.synsets[i][1], t.synsets[i][2], t.synsets[i][4]
        count = next((c for m, c in zip(members, counts, strict=True) if m.lower() == lemma), 0)
        prior = math.log(count + 1.0) - 0.5 * math.log(rank + 1.0)
        overlap = sum(context.get(s, 0.0) for s in sig)
        scores.append(prior + params.overlap * overlap)
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [(i, w / total) for i, w in zip(senses, weights, strict=True)]


@lru_cache(maxsize=65536)
def _typicality(word: str, pos: str, synset: int) -> float:
    """How much of ``word``'s own use (as ``pos``) is the sense ``synset`` (smoothed share)."""
    t = table()
    senses = t.index.get(word.lower(), {}).get(pos)
    if not senses:
        return 0.5
    total = 0.0
    mine = 0.0
    for rank, i in enumerate(senses):
        members, counts = t.synsets[i][1], t.synsets[i][2]
        c = next((c for m, c in zip(members, counts, strict=True) if m.lower() == word.lower()), 0)
        w = (c + 0.5) / (rank + 1.0)
        total += w
        if i == synset:
            mine = w
    return mine / total if total else 0.5


def sense_support(lemma: str, pos: str, plain: str, context: dict[int, float],
                  t: LexicalTable | None = None) -> float:
    """The share of ``lemma``'s senses in context that the curated ``plain`` word expresses.

    1.0 when WordNet does not know the word as ``pos`` or it has one sense (nothing to
    confuse); for a polysemous word, the probability mass of the senses whose members (or
    hypernyms) include ``plain`` (``tools/build_lexical.py`` links them). A plain word WordNet
    does not link is read as the word's usual (first) sense: its support is that sense's
    probability over the most probable sense's (1.0 when the usual sense leads in context).
    """
    t = t or table()
    probs = sense_probabilities(lemma, pos, context, t=t)
    if len(probs) <= 1:
        return 1.0
    support = t.lexicon.get(f"{lemma}\t{_LEX_POS[pos]}\t{plain}")
    if not support:
        # WordNet does not link the curated plain word: the entry is taken to mean the word's
        # usual (first) sense, so it is supported only as far as that sense leads in context.
        first = probs[0][1]
        return first / max(p for _, p in probs)
    return sum(p for i, p in probs if i in support)


def _adjective_of(adverb: str) -> list[str]:
    """The adjective an -ly adverb comes from, if WordNet knows it (``gradually`` -> ``gradual``)."""
    if not adverb.endswith("ly") or len(adverb) < 5:
        return []
    stem_ = adverb[:-2]
    options = [stem_, stem_[:-1] + "y" if stem_.endswith("i") else "", stem_ + "le" if adverb.endswith("bly") else "",
               adverb[:-1] + "e" if adverb.endswith("bly") else "", stem_[:-2] if stem_.endswith("al") else ""]
    index = table().index
    return [a for a in dict.fromkeys(options) if a and "a" in index.get(a, {})][:1]


def _adverb_of(adjective: str) -> str:
    """The -ly adverb WordNet lists for ``adjective`` (``slow`` -> ``slowly``), else ``""``."""
    if " " in adjective:
        return ""
    index = table().index
    for form in (adjective + "ly", adjective[:-1] + "ily" if adjective.endswith("y") else "",
                 adjective[:-1] + "y" if adjective.endswith("le") else "",
                 adjective + "ally" if adjective.endswith("ic") else ""):
        if form and "r" in index.get(form, {}):
            return form
    return ""


def _candidates(
    lemma: str, pos: str, probs: list[tuple[int, float]], params: Params,
    context: dict[int, float] | None = None,
) -> dict[str, tuple[float, str, int]]:
    """candidate lemma -> (fit, source, best synset)."""
    t = table()
    out: dict[str, tuple[float, str, int]] = {}
    best: dict[str, tuple[float, int]] = {}
    lemma_stem = stem(lemma)

    def add(cand: str, weight: float, synset: int, p: float) -> None:
        low = cand.lower()
        if low == lemma or cand != low and cand[:1].isupper() or stem(low) == lemma_stem:
            return
        if not all(w.isalpha() or "-" in w for w in low.split()):
            return
        fit = p * weight * (0.25 + _typicality(low, pos, synset))
        prev = out.get(low)
        out[low] = ((prev[0] if prev else 0.0) + fit, "wordnet", synset)
        if fit > best.get(low, (0.0, -1))[0]:
            best[low] = (fit, synset)

    for i, p in probs:
        for m in t.synsets[i][1]:
            add(m, 1.0, i, p)
        for j in t.synsets[i][3]:
            for m in t.synsets[j][1]:
                add(m, params.link, j, p)
    if pos == "r" and context is not None:
        # An -ly adverb: the adverbs of its adjective's synonyms ("gradually": slow -> slowly).
        for adj in _adjective_of(lemma):
            for i, p in sense_probabilities(adj, "a", context, params):
                for j, weight in ((i, params.adverb), *((k, params.adverb * params.link) for k in t.synsets[i][3])):
                    for m in t.synsets[j][1]:
                        adverb = _adverb_of(m.lower())
                        if adverb:
                            add(adverb, weight, j, p)
    for cand in list(out):
        fit, source, _ = out[cand]
        out[cand] = (fit, source, best[cand][1])
    plains = lexicon_entries().get((lemma, _LEX_POS[pos]), [])
    for plain in plains:
        low = plain.lower()
        support = t.lexicon.get(f"{lemma}\t{_LEX_POS[pos]}\t{plain}") or []
        fit = sum(p for i, p in probs if i in support) if support and len(probs) > 1 else params.lexicon_prior
        if low in out:
            old = out[low]
            out[low] = (max(old[0], fit) * params.lexicon_bonus, "lexicon+wordnet", old[2])
        else:
            out[low] = (fit * params.lexicon_bonus, "lexicon", support[0] if support else -1)
    return out


def suggest(
    sentence: str,
    word: str,
    *,
    limit: int = 5,
    params: Params = DEFAULT,
    tokens: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
) -> SuggestResult:
    """Ranked plainer substitutes for ``word`` as it is used in ``sentence``.

    >>> r = suggest("The doctor pressed on his abdomen.", "abdomen")
    >>> r.suggestions[0].text, r.suggestions[0].source
    ('stomach', 'lexicon+wordnet')
    >>> suggest("She went home.", "home").reason
    "no plainer word fits 'home' here"
    """
    if tokens is None or tags is None:
        tokens, tags = _tokens_and_tags(sentence)
    target = word.strip()
    idx = next((k for k, tok in enumerate(tokens) if tok == target), -1)
    if idx < 0:
        idx = next((k for k, tok in enumerate(tokens) if tok.lower() == target.lower()), -1)
    tag = tags[idx] if idx >= 0 else ""
    empty = SuggestResult(sentence, target, target.lower(), tag, "", ())
    if not target or " " in target:
        return _with_reason(empty, "only single words are looked up")
    if tag.startswith("NNP") or (idx > 0 and target[:1].isupper() and not target.isupper() and tag[:2] != "JJ"):
        return _with_reason(empty, f"{target!r} looks like a name")
    t = table()
    # The tagger's part of speech first, then the others WordNet knows (a rare word is often mis-tagged).
    order = [_WN_POS[tag[:2]]] if tag[:2] in _WN_POS else []
    order += [p for p in ("n", "v", "a", "r") if p not in order]
    if order[0] in ("a", "n") and target.lower().endswith(("ed", "en", "ing")) and _verb_reading(target, order[0]):
        order.remove("v")
        order.insert(0, "v")
    context = _context(tokens, idx)
    word_zipf = zipf(target)
    target_syllables = _syllables(target.lower())
    for rank, pos in enumerate(order):
        lemma = next((lm for lm in _lemmas(target, pos) if pos in t.index.get(lm, {})
                      or (lm, _LEX_POS[pos]) in lexicon_entries()), None)
        if lemma is None:
            continue
        probs = sense_probabilities(lemma, pos, context, params)
        cands = _candidates(lemma, pos, probs, params, context)
        slot = _slot_tag(target, lemma, _participle_tag(tokens, idx, tag), pos)
        base = min(word_zipf, zipf(lemma)) if word_zipf else zipf(lemma)
        ranked = []
        for cand, (fit, source, synset) in cands.items():
            cz = _phrase_zipf(cand)
            plainer = cz > 0 and (cz > base + params.min_gain or (
                cz > base - params.near and _syllables(cand) < target_syllables))
            if not plainer or fit <= 0:
                continue
            score = (params.fit_power * math.log(fit) + params.zipf * cz
                     - params.extra_word * (len(cand.split()) - 1) - params.syllable * _syllables(cand))
            ranked.append((score, cand, fit, source, synset, cz))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        out = tuple(
            Suggestion(
                text=_match_case(target, _inflect(cand, slot, pos)),
                lemma=cand,
                source=source,
                confidence=round(min(1.0, fit), 3),
                zipf=cz,
                sense=_synset_id(synset) if synset >= 0 else "",
            )
            for _, cand, fit, source, synset, cz in ranked[:limit]
        )
        senses = tuple((_synset_id(i), round(p, 3)) for i, p in probs)
        if out:
            return SuggestResult(sentence, target, lemma, tag, pos, out, "", senses)
        if rank == 0 and probs:
            return SuggestResult(sentence, target, lemma, tag, pos, (),
                                 f"no plainer word fits {target!r} here", senses)
    return _with_reason(empty, f"no plainer word fits {target!r} here")


def _total_count(lemma: str, pos: str) -> int:
    t = table()
    total = 0
    for i in t.index.get(lemma, {}).get(pos, []):
        members, counts = t.synsets[i][1], t.synsets[i][2]
        total += next((c for m, c in zip(members, counts, strict=True) if m.lower() == lemma), 0)
    return total


def _verb_reading(word: str, pos: str) -> bool:
    """A participle the tagger calls an adjective or noun (``diverted``/JJ): is the verb more usual?

    Decided by SemCor: the verb lemma's tag count against the word's own as ``pos``.
    """
    lower = word.lower()
    verb = next((lm for lm in _lemmas(lower, "v") if lm != lower and "v" in table().index.get(lm, {})), None)
    if verb is None:
        return False
    return _total_count(verb, "v") >= _total_count(lower, pos)


def _with_reason(result: SuggestResult, reason: str) -> SuggestResult:
    return SuggestResult(result.sentence, result.word, result.lemma, result.tag, result.pos, (), reason)


def _match_case(model: str, text: str) -> str:
    if model[:1].isupper() and not model.isupper():
        return text[:1].upper() + text[1:]
    return text


def suggest_tsv(text: str, *, limit: int = 10, params: Params = DEFAULT, name: str = "-") -> str:
    """TSAR-2022 submission lines for ``sentence<TAB>word`` lines (extra columns are ignored).

    Each output line is ``sentence<TAB>word<TAB>sub1<TAB>sub2…``, best first; a line with no
    plainer word is ``sentence<TAB>word`` alone. Blank lines are skipped; a line without a tab
    is an input error (E300) naming the line.

    >>> suggest_tsv("The doctor pressed on his abdomen.\\tabdomen\\n", limit=2)
    'The doctor pressed on his abdomen.\\tabdomen\\tstomach\\tbelly\\n'
    """
    from easyread.errors import InputError

    out: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        if len(fields) < 2 or not fields[1].strip():
            raise InputError(f"line {number}: expected 'sentence<TAB>word'", path=name)
        sentence, word = fields[0], fields[1].strip()
        subs = [s.text for s in suggest(sentence, word, limit=limit, params=params).suggestions]
        out.append("\t".join([sentence, word, *subs]))
    return "".join(line + "\n" for line in out)


def format_result(result: SuggestResult) -> str:
    """A readable report of :func:`suggest`'s answer (the CLI's text format)."""
    head = f"{result.word} ({result.tag or '?'}; lemma {result.lemma})"
    if not result.suggestions:
        return f"{head}: nothing to suggest: {result.reason}\n"
    lines = [f"{head}:"]
    for k, s in enumerate(result.suggestions, 1):
        lines.append(f"  {k}. {s.text}\t{s.source}\tconfidence {s.confidence:.2f}\tzipf {s.zipf:.2f}")
    return "\n".join(lines) + "\n"


def result_dict(result: SuggestResult) -> dict[str, Any]:
    """:func:`suggest`'s answer as plain JSON-ready data."""
    return {
        "sentence": result.sentence,
        "word": result.word,
        "lemma": result.lemma,
        "tag": result.tag,
        "pos": result.pos,
        "suggestions": [
            {"text": s.text, "lemma": s.lemma, "source": s.source, "confidence": s.confidence,
             "zipf": s.zipf, "sense": s.sense}
            for s in result.suggestions
        ],
        "reason": result.reason,
    }


#: The words stage swaps a curated plain word only when the senses it expresses hold at least
#: this share of the leading sense's probability in the sentence: the context must not favour
#: another sense three times over (docs/glossing.md).
SENSE_THRESHOLD = 0.34

_LEX_TO_WN = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}


def lexicon_sense_fits(
    lemma: str, lex_pos: str, plain: str, tokens: Sequence[str], index: int,
    threshold: float = SENSE_THRESHOLD,
) -> tuple[bool, float]:
    """Does the sentence support the sense in which the curated ``plain`` word replaces ``lemma``?

    ``lex_pos`` is the lexicon's part of speech (``NOUN``, ``VERB`` …), ``tokens`` the
    sentence's token texts and ``index`` the word's position. Returns (fits, support);
    see :func:`sense_support`.

    >>> lexicon_sense_fits("commence", "VERB", "start", "Work will commence in May .".split(), 2)[0]
    True
    """
    pos = _LEX_TO_WN.get(lex_pos)
    if pos is None:
        return True, 1.0
    t = sense_table()
    context = _context(tokens, index, t)
    support = sense_support(lemma, pos, plain, context, t)
    probs = sense_probabilities(lemma, pos, context, t=t)
    leader = max((p for _, p in probs), default=1.0)
    return support >= threshold * leader, support



# Deprecated: ``easyread.suggest(sentence, word)`` calls :func:`suggest` and warns.
make_callable(__name__, lambda: suggest, "easyread.api.suggest")

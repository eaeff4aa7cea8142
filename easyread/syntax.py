"""Dependency syntax: easyread's offline spaCy parser (tagger + parser on UD English EWT).

The model ships as one file, ``easyread/models/en_ewt_parser.spacy.gz``, trained by
``tools/train_parser.py`` from ``tools/parser/config.cfg``; nothing is downloaded. spaCy
is imported only when a parse is asked for, so ``score`` and ``check`` never load it.

Sentences come in already tokenised (easyread's tokenizer, or gold CoNLL-U words);
the parser adds Penn tags (``token.tag_``), heads and relations (UD labels, with
subtypes such as ``nsubj:pass``) and a universal POS derived from them.
"""

from __future__ import annotations

import gzip
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PATH = Path(__file__).resolve().parent / "models" / "en_ewt_parser.spacy.gz"
_LOCK = threading.Lock()


class ParserUnavailable(RuntimeError):
    """spaCy or the shipped parser model cannot be loaded."""


@dataclass
class SyntaxSentence:
    """One CoNLL-U sentence: syntactic words with gold annotation (heads 1-based, 0 = root)."""

    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)


def read_conllu_syntax(path: Path) -> list[SyntaxSentence]:
    """Sentences of a (gzip) CoNLL-U file; multi-word-token ranges and empty nodes skipped.

    A word inside a multi-word token (``don't`` = ``do`` + ``n't``) has no space after it
    but the last, which takes the range line's ``SpaceAfter``.
    """
    opener: Any = gzip.open if path.suffix == ".gz" else open
    sents: list[SyntaxSentence] = []
    cur = SyntaxSentence()
    mwt_end = 0
    mwt_space = True
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if cur.words:
                    sents.append(cur)
                cur = SyntaxSentence()
                mwt_end = 0
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 10 or "." in cols[0]:
                continue
            if "-" in cols[0]:
                mwt_end = int(cols[0].split("-")[1])
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            idx = int(cols[0])
            if idx < mwt_end:
                space = False
            elif idx == mwt_end:
                space = mwt_space
            else:
                space = "SpaceAfter=No" not in cols[9]
            cur.words.append(cols[1])
            cur.spaces.append(space)
            cur.lemmas.append(cols[2])
            cur.upos.append(cols[3])
            cur.xpos.append(cols[4])
            cur.heads.append(int(cols[6]))
            cur.deps.append(cols[7])
    if cur.words:
        sents.append(cur)
    return sents


_available: list[bool] = []


def _import_spacy() -> None:
    """Import spaCy without its command-line package (``spacy.cli``, which spaCy's
    ``__init__`` imports only to offer ``spacy.info``): that package pulls in weasel, typer
    and httpx and is half of spaCy's import time (~0.4 s CPU). easyread never uses it; the
    stand-in modules are removed once spaCy is imported, so a later ``import spacy.cli``
    loads the real one. Raises ImportError when spaCy is not installed."""
    if "spacy" in sys.modules:
        return
    import types

    stubs: dict[str, types.ModuleType] = {}
    for name in ("spacy.cli", "spacy.cli.info"):
        if name not in sys.modules:
            stub = types.ModuleType(name)
            stub.__path__ = []
            stubs[name] = stub
    if "spacy.cli.info" in stubs:
        stubs["spacy.cli.info"].info = _no_info  # type: ignore[attr-defined]
    sys.modules.update(stubs)
    try:
        import spacy  # noqa: F401
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and getattr(loaded, "cli", None) is stubs.get("spacy.cli"):
            del loaded.cli  # a later ``spacy.cli`` attribute access imports nothing stale


def _no_info(*_args: Any, **_kwargs: Any) -> None:
    raise RuntimeError("spacy.info is not loaded by easyread; import spacy.cli first")


def model_available() -> bool:
    """True when the shipped model file and spaCy are both present (a True answer is
    remembered: the split rules ask for every sentence)."""
    if _available:
        return True
    if not MODEL_PATH.exists():
        return False
    try:
        _import_spacy()
    except ImportError:
        return False
    _available.append(True)
    return True


@lru_cache(maxsize=1)
def model_meta() -> dict[str, Any]:
    """The shipped model's metadata (source, licence, labels, training options)."""
    return dict(_payload()["meta"])


@lru_cache(maxsize=1)
def _payload() -> dict[str, Any]:
    import msgpack

    try:
        raw = gzip.decompress(MODEL_PATH.read_bytes())
    except OSError as exc:
        raise ParserUnavailable(f"cannot read the parser model {MODEL_PATH}: {exc}") from exc
    data: dict[str, Any] = msgpack.unpackb(raw, raw=False)
    return data


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """The shipped spaCy pipeline (tok2vec, tagger, parser), loaded once per process."""
    with _LOCK:
        try:
            _import_spacy()
            from spacy import util
            from thinc.api import Config
        except ImportError as exc:  # pragma: no cover - spaCy is a dependency
            raise ParserUnavailable("spaCy is not installed; run `pip install spacy`") from exc
        data = _payload()
        config = Config().from_str(data["config"])
        # Every Doc is built from easyread's own words (parse_words), never by spaCy's
        # tokenizer: a whitespace tokenizer instead of the English one, whose exceptions and
        # expressions cost every process ~0.05-0.1 s to build (the pipeline's predictions do
        # not depend on it; the tokenizer is not read from the model bytes either).
        _register_whitespace_tokenizer()
        config["nlp"]["tokenizer"] = {"@tokenizers": WHITESPACE_TOKENIZER}
        nlp = util.load_model_from_config(config, auto_fill=False, validate=False)
        nlp.from_bytes(data["bytes"], exclude=["tokenizer"])
        _to_float32(nlp)
        return nlp


#: The registered name of the tokenizer :func:`load_parser` gives the pipeline.
WHITESPACE_TOKENIZER = "easyread.whitespace_tokenizer.v1"


def _register_whitespace_tokenizer() -> None:
    from spacy.util import registry

    def make() -> Callable[[Language], Any]:
        from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]

        def create(nlp: Language) -> Any:
            return Tokenizer(nlp.vocab)  # no rules: splits on whitespace only

        return create

    registry.tokenizers.register(WHITESPACE_TOKENIZER, func=make)  # again: the same entry


def _to_float32(nlp: Language) -> None:
    """Weights are stored as float16 (half the file); the network computes in float32."""
    import numpy

    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None:
            continue
        for node in model.walk():
            for param in node.param_names:
                if node.has_param(param) and node.get_param(param).dtype == numpy.float16:
                    node.set_param(param, node.get_param(param).astype(numpy.float32))


#: A sentence to parse: its words, spaces after them (None: a space after each), and
#: optionally easyread's perceptron tags for those words (None: tagged here when needed).
Words = tuple[Sequence[str], Sequence[bool] | None] | tuple[Sequence[str], Sequence[bool] | None, Sequence[str] | None]


def uses_tagger_input() -> bool:
    """True when the shipped model reads easyread's perceptron tags as an input feature."""
    return model_meta().get("input_tags") == "easyread.tagger"


def parse_words(sentences: Iterable[Words], batch_size: int = 64) -> Iterator[Doc]:
    """Parse pre-tokenised sentences; yields one spaCy ``Doc`` per sentence, in order.

    A model whose meta says ``"input_tags": "easyread.tagger"`` reads easyread's perceptron
    tags (``token.tag_`` set before the pipeline runs): a sentence given without tags is
    tagged by :func:`easyread.tagger.tag` first.
    """
    from spacy.tokens import Doc

    nlp = load_parser()
    want_tags = uses_tagger_input()

    def make(item: Sequence[Any]) -> Doc:
        words, spaces = item[0], item[1]
        ws = [w if w.strip() else "_" for w in words]
        sp = list(spaces) if spaces is not None else [True] * len(ws)
        if not want_tags:
            return Doc(nlp.vocab, words=ws, spaces=sp)
        given = item[2] if len(item) > 2 else None
        if given is None or len(given) != len(ws):
            from easyread import tagger

            given = tagger.tag(ws)
        return Doc(nlp.vocab, words=ws, spaces=sp, tags=list(given))

    if isinstance(sentences, list | tuple) and len(sentences) == 1:
        # One sentence: the components called in turn (the same predictions as nlp.pipe,
        # without its batching machinery, ~1 ms less per call).
        doc = make(sentences[0])
        for _name, component in nlp.pipeline:
            doc = component(doc)
        docs: Iterable[Doc] = [doc]
    else:
        docs = nlp.pipe((make(item) for item in sentences), batch_size=batch_size)
    for doc in docs:
        for tok in doc:
            tok.pos_ = upos_of(tok.tag_, tok.dep_, tok.text)
        yield doc


def parse(words: Sequence[str], spaces: Sequence[bool] | None = None) -> Doc:
    """Parse one pre-tokenised sentence."""
    return next(parse_words([(words, spaces)]))


# Penn XPOS -> UPOS, refined by the relation for the tags the tagset leaves ambiguous.
_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "WP$": "PRON", "EX": "PRON", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "VB": "VERB", "VBD": "VERB",
    "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "DT": "DET",
    "PDT": "DET", "WDT": "DET", "IN": "ADP", "TO": "PART", "RP": "ADP", "POS": "PART",
    "CC": "CCONJ", "CD": "NUM", "UH": "INTJ", "SYM": "SYM", "FW": "X", "LS": "X", "ADD": "X",
    "GW": "X", "XX": "X", "AFX": "ADJ", "HYPH": "PUNCT", "NFP": "PUNCT", ",": "PUNCT",
    ".": "PUNCT", ":": "PUNCT", "``": "PUNCT", "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT",
    "$": "SYM",
}


def upos_of(xpos: str, dep: str, word: str) -> str:
    """A universal POS tag from a Penn tag, refined by the dependency relation."""
    base = dep.split(":")[0]
    if xpos.startswith("VB") and base in {"aux", "cop"}:
        return "AUX"
    if xpos == "IN" and base == "mark":
        return "SCONJ"
    if xpos == "RB" and word.lower() in {"not", "n't", "never"} and base == "advmod":
        return "PART"
    if xpos in {"CD"} and base == "det":
        return "NUM"
    return _UPOS.get(xpos, "X")


# --------------------------------------------------------------------------------------
# Parsing easyread's own sentences: our tokens -> treebank-style words -> a parse whose
# tokens carry character spans in the sentence text.

_CONTRACTION = re.compile(r"(?i)^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m)|['’])$")
_NORMALISE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "--", "…": "...", "£": "$", "€": "$"})


@dataclass
class Parse:
    """A parsed sentence: spaCy's ``doc`` and, per parser token, its character span."""

    doc: Doc
    spans: list[tuple[int, int]]

    def span(self, i: int) -> tuple[int, int]:
        return self.spans[i]

    def start(self, i: int) -> int:
        return self.spans[i][0]

    def end(self, i: int) -> int:
        return self.spans[i][1]

    def subtree_range(self, i: int) -> tuple[int, int]:
        """Token range [first, last + 1) of token ``i``'s subtree, without punctuation at its edges."""
        tok = self.doc[i]
        a, b = tok.left_edge.i, tok.right_edge.i + 1
        while a < i and self.doc[a].is_punct:
            a += 1
        while b - 1 > i and self.doc[b - 1].is_punct:
            b -= 1
        return a, b


def treebank_words(tokens: Sequence[Any]) -> tuple[list[str], list[tuple[int, int]]]:
    """Split our tokens the treebank way (``don't`` -> ``do`` ``n't``; ``NSPCC's`` -> ``NSPCC`` ``'s``).

    Returns the words (typographic characters normalised as in the training data) and
    each word's character span, relative to the text the tokens came from.
    """
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for tok in tokens:
        text, start = tok.text, tok.start
        m = _CONTRACTION.match(text) if tok.kind == "word" and len(text) > 2 else None
        if m and text.lower() in ("can't", "can’t", "won't", "won’t"):
            cut = 2
        elif m and m.group(1).isalpha() or (m and m.group(2) in ("'", "’") and m.group(1).endswith(("s", "S"))):
            cut = len(m.group(1))
        else:
            cut = 0
        if cut:
            words.extend([text[:cut].translate(_NORMALISE), text[cut:].translate(_NORMALISE)])
            spans.extend([(start, start + cut), (start + cut, tok.end)])
        else:
            words.append(text.translate(_NORMALISE))
            spans.append((tok.start, tok.end))
    return words, spans


#: At most this many parses are kept in a cache (a parse holds a spaCy ``Doc``); the oldest
#: go first, so a stage working through a document in order keeps what it is about to use.
PARSE_CACHE_SIZE = 2048
#: ``parse_many`` parses this many sentences at once; the rest wait in the cache's queue and
#: are parsed, in batches, when first asked for (so a long document never evicts parses
#: before their use, and memory stays bounded).
PARSE_AHEAD = 512


#: A sentence waiting to be parsed: text, words, their spans, spaces, known tags (or None).
_Todo = tuple[str, list[str], list[tuple[int, int]], list[bool], list[str] | None]


def _known_tags(tokens: Sequence[Any], words: list[str], cache: dict[str, Any] | None) -> list[str] | None:
    """easyread's perceptron tags for this sentence, shared with the rewrite's ``"tags"`` cache.

    Only when no token was split into two words (tokens and words line up, no apostrophe):
    then the key and the tags are the ones :func:`easyread.rewrite.rules.tag_tokens` uses, so
    tags the rewrite already has are reused, and tags computed here are left for its rules.
    Otherwise None (:func:`parse_words` tags the words itself).
    """
    if cache is None or len(words) != len(tokens) or not words or not uses_tagger_input():
        return None
    texts = [tok.text for tok in tokens]
    if any("'" in t or "’" in t for t in texts):
        return None
    memo: dict[str, list[str]] = cache.setdefault("tags", {})
    key = "\x1f".join(texts)
    tags = memo.get(key)
    if tags is None:
        from easyread import tagger

        tags = memo[key] = tagger.tag(texts)
    return tags if len(tags) == len(words) else None


def _remember(memo: dict[str, Parse], text: str, result: Parse) -> None:
    memo[text] = result
    while len(memo) > PARSE_CACHE_SIZE:
        del memo[next(iter(memo))]


def _parse_batch(todo: list[_Todo],
                 memo: dict[str, Parse], batch_size: int) -> None:
    docs = parse_words([(w, sp, tg) for _, w, _, sp, tg in todo], batch_size=batch_size)
    for (text, _w, spans, _sp, _tg), doc in zip(todo, docs, strict=True):
        _remember(memo, text, Parse(doc, spans))


def parse_tokens(tokens: Sequence[Any], text: str, cache: dict[str, Any] | None = None) -> Parse:
    """Parse one sentence given as easyread tokens over ``text`` (memoised by text in ``cache``)."""
    memo: dict[str, Parse] | None = None
    if cache is not None:
        memo = cache.setdefault("parses", {})
        if text in memo:
            return memo[text]
        queued: dict[str, _Todo] = cache.get(
            "parses_queued", {}
        )
        if text in queued:
            batch = [queued.pop(text)]
            while queued and len(batch) < 64:
                batch.append(queued.pop(next(iter(queued))))
            _parse_batch(batch, memo, 64)
            if text in memo:
                return memo[text]
    words, spans = treebank_words(tokens)
    spaces = [spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1)] + [False]
    if words:
        doc = next(parse_words([(words, spaces, _known_tags(tokens, words, cache))]))
    else:
        doc = parse(["."], [False])
    result = Parse(doc, spans if words else [(0, 0)])
    if memo is not None:
        _remember(memo, text, result)
    return result


def parse_many(items: Sequence[tuple[Sequence[Any], str]], cache: dict[str, Any], batch_size: int = 64) -> None:
    """Parse many sentences (easyread tokens, text) in batches into ``cache`` for :func:`parse_tokens`.

    One batched pass through the network is several times faster than one call per sentence.
    The first :data:`PARSE_AHEAD` are parsed now; the others are queued and parsed in
    batches when :func:`parse_tokens` first asks for one of them.
    """
    memo: dict[str, Parse] = cache.setdefault("parses", {})
    queued: dict[str, _Todo] = cache.setdefault(
        "parses_queued", {}
    )
    todo: list[_Todo] = []
    seen: set[str] = set()
    for tokens, text in items:
        if text in memo or text in seen or text in queued:
            continue
        words, spans = treebank_words(tokens)
        if not words:
            continue
        seen.add(text)
        spaces = [spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1)] + [False]
        todo.append((text, words, spans, spaces, _known_tags(tokens, words, cache)))
    for item in todo[PARSE_AHEAD:]:
        queued[item[0]] = item
    _parse_batch(todo[:PARSE_AHEAD], memo, batch_size)


def parse_text(text: str, cache: dict[str, Any] | None = None) -> Parse:
    """Tokenise (easyread's tokenizer) and parse one sentence."""
    from easyread.nlp import tokenize

    return parse_tokens(tokenize(text), text, cache)

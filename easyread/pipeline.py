"""Stages and the pipeline: read -> segment -> score -> rewrite stages -> score.

Every step is a :class:`Stage` that declares what it ``requires`` and ``provides``:

========== ======================= ======================
stage      requires                provides
========== ======================= ======================
read       (nothing)               blocks
segment    blocks                  sentences, tokens
score      sentences               scores
numbers…   tokens                  (edits, glossary …)
========== ======================= ======================

:class:`Pipeline` checks the order when it is built (spaCy's idea) and raises a
:class:`~easyread.errors.PipelineError` (E103) naming both stages when a requirement is not
met; :func:`build_pipeline` raises it for an unknown stage, named with the stage before it.
:func:`read_document` runs ``read, segment``; :func:`process` runs
``score, <rewrite stages>, score`` on a document that has been read and segmented.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from easyread.config import Config, load_config
from easyread.document import Document, Source
from easyread.errors import PipelineError


@dataclass(frozen=True)
class ReadRequest:
    """What the read stage reads: a path (``-``: ``stdin_bytes``), its format and encoding."""

    path: str | Path
    fmt: str | None = None
    encoding: str | None = None
    stdin_bytes: bytes | None = None


@dataclass
class Context:
    """What a stage may use besides the document: the config, shared loaded data, and for the
    read stage what to read."""

    config: Config
    cache: dict[str, Any] = field(default_factory=dict)
    request: ReadRequest | None = None


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document, ctx: Context) -> Document: ...


@dataclass
class FunctionStage:
    """A stage made from a function ``(doc, ctx) -> doc``."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    func: Callable[[Document, Context], Document]

    def __call__(self, doc: Document, ctx: Context) -> Document:
        return self.func(doc, ctx)


#: What a document that has been read and segmented holds (where :func:`process` starts).
SEGMENTED: tuple[str, ...] = ("blocks", "sentences", "tokens")


class Pipeline:
    """Stages in order, checked when built: every stage's ``requires`` must be in ``initial``
    or provided by an earlier stage.

    >>> Pipeline([SEGMENT, READ], initial=())
    Traceback (most recent call last):
    ...
    easyread.errors.PipelineError: stage 'segment' requires 'blocks', provided by 'read', which must come before it [E103]
    """

    def __init__(self, stages: Sequence[Stage], *, initial: tuple[str, ...] = SEGMENTED) -> None:
        have = set(initial)
        for stage in stages:
            for need in stage.requires:
                if need not in have:
                    providers = [s.name for s in stages if need in s.provides]
                    if providers:
                        raise PipelineError(
                            f"stage {stage.name!r} requires {need!r}, provided by "
                            f"{' or '.join(repr(p) for p in providers)}, which must come before it"
                        )
                    raise PipelineError(f"stage {stage.name!r} requires {need!r}, which no stage provides")
            have.update(stage.provides)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document, ctx: Context) -> Document:
        from easyread.deadline import check

        for stage in self.stages:
            check(f"the {stage.name} stage")  # easyread.deadline: E326 once over the time limit
            doc = stage(doc, ctx)
        return doc


def _read(doc: Document, ctx: Context) -> Document:
    from easyread.read import load

    req = ctx.request
    if req is None:
        raise PipelineError("stage 'read' has nothing to read: give it a ReadRequest")
    return load(req.path, fmt=req.fmt, encoding=req.encoding, max_bytes=ctx.config.max_bytes,
                stdin_bytes=req.stdin_bytes)


def _segment(doc: Document, ctx: Context) -> Document:
    from easyread.segment import segment

    return segment(doc)


def score_stage(phase: str) -> FunctionStage:
    """The score stage: scores the document into ``doc.scores[phase]`` (a typed
    :class:`~easyread.score.Scores`)."""

    def run(doc: Document, ctx: Context) -> Document:
        return score_document(doc, ctx.config, phase)

    return FunctionStage("score", ("sentences",), ("scores",), run)


def _note_too_long(doc: Document, ctx: Context) -> Document:
    note_too_long(doc)
    return doc


READ = FunctionStage("read", (), ("blocks",), _read)
SEGMENT = FunctionStage("segment", ("blocks",), ("sentences", "tokens"), _segment)
SCORE = score_stage("before")
#: Notes (W606) the sentences the rewrite stages will leave as they are for their length.
TOO_LONG = FunctionStage("too_long", ("sentences",), (), _note_too_long)


def read_document(
    path: str | Path,
    config: Config | None = None,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    stdin_bytes: bytes | None = None,
) -> Document:
    """Read and segment one input (``-`` reads ``stdin_bytes``): the read and segment stages."""
    config = config or load_config()
    ctx = Context(config=config, request=ReadRequest(path, fmt, encoding, stdin_bytes))
    placeholder = Document(Source(path=str(path), format=fmt or "", text=""))
    return Pipeline([READ, SEGMENT], initial=())(placeholder, ctx)


def document_from_text(text: str, *, fmt: str = "txt", path: str = "<text>") -> Document:
    from easyread.read import from_text
    from easyread.segment import segment

    return segment(from_text(text, path=path, fmt=fmt))


def score_document(doc: Document, config: Config, phase: str = "before") -> Document:
    from easyread.score import score

    result = score(doc, hard_word_zipf=config.hard_word_zipf, reading_wpm=config.reading_wpm)
    doc.scores[phase] = result
    return doc


def build_pipeline(config: Config, names: Sequence[str] | None = None) -> Pipeline:
    """The rewrite pipeline named in the config (``pipeline = [...]``).

    >>> build_pipeline(load_config(use_project=False), ["numbers", "spell"])
    Traceback (most recent call last):
    ...
    easyread.errors.PipelineError: unknown stage 'spell' (after 'numbers'); known: numbers, words, split, gloss [E103]
    """
    from easyread.rewrite import STAGES

    chosen = list(config.pipeline if names is None else names)
    for n, name in enumerate(chosen):
        if name not in STAGES:
            where = f"after {chosen[n - 1]!r}" if n else "the first stage"
            raise PipelineError(f"unknown stage {name!r} ({where}); known: {', '.join(STAGES)}")
    return Pipeline([STAGES[n] for n in chosen])


def process(
    doc: Document,
    config: Config | None = None,
    *,
    stages: Sequence[str] | None = None,
    score: bool = True,
) -> Document:
    """Score, rewrite and score again (the stages ``score``, the rewrite stages, ``score``);
    the document records every edit in its ledger."""
    config = config or load_config()
    ctx = Context(config=config)
    doc.profile = config.profile
    rewrite = build_pipeline(config, stages).stages
    steps: list[Stage] = [TOO_LONG, *rewrite] if rewrite else []
    if score:
        steps = [score_stage("before"), *steps, score_stage("after")]
    return Pipeline(steps)(doc, ctx)




def note_too_long(doc: Document) -> int:
    """Note (``W606``) every sentence the rewrite stages leave as it is for its length.

    The limit (:data:`~easyread.document.MAX_SENTENCE_WORDS` words or
    :data:`~easyread.document.MAX_SENTENCE_CHARS` characters) is checked in one place,
    :meth:`~easyread.document.Sentence.too_long`, which the stages' sentence lists
    (``easyread.rewrite.rules.rule_sentences``) and the term search both use. Returns how many.
    """
    from easyread.document import MAX_SENTENCE_CHARS, MAX_SENTENCE_WORDS
    from easyread.rewrite.rules import REWRITE_KINDS

    count = 0
    for block in doc.blocks:
        if block.kind not in REWRITE_KINDS:
            continue
        for s in block.sentences:
            if s.kind == "text" and s.too_long():
                count += 1
                doc.note(
                    "W606", s.id,
                    f"{s.word_count():,} words, {len(s.text):,} characters: over the limit of "
                    f"{MAX_SENTENCE_WORDS} words or {MAX_SENTENCE_CHARS:,} characters, so it is "
                    "left as it is (not rewritten, not searched for terms)",
                )
    return count

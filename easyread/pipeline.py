"""Stages and the pipeline: read -> segment -> score -> rewrite stages -> score.

Each stage declares what it ``requires`` and ``provides``; :class:`Pipeline` checks the order
when it is built (spaCy's idea) and raises a :class:`~easyread.errors.ConfigError` naming both
stages when a requirement is not met.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from easyread.config import Config, load_config
from easyread.document import Document
from easyread.errors import ConfigError


@dataclass
class Context:
    """What a stage may use besides the document: the config and shared, loaded data."""

    config: Config
    cache: dict[str, Any] = field(default_factory=dict)


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


class Pipeline:
    def __init__(self, stages: Sequence[Stage], *, initial: tuple[str, ...] = ("blocks", "sentences", "tokens")) -> None:
        have = set(initial)
        for stage in stages:
            for need in stage.requires:
                if need not in have:
                    providers = [s.name for s in stages if need in s.provides]
                    hint = f" (provided by {', '.join(providers)}, which must come first)" if providers else ""
                    raise ConfigError(f"stage {stage.name!r} requires {need!r}{hint}")
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


def read_document(
    path: str | Path,
    config: Config | None = None,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    stdin_bytes: bytes | None = None,
) -> Document:
    """Read and segment one input (``-`` reads ``stdin_bytes``)."""
    from easyread.read import load
    from easyread.segment import segment

    config = config or load_config()
    doc = load(path, fmt=fmt, encoding=encoding, max_bytes=config.max_bytes, stdin_bytes=stdin_bytes)
    return segment(doc)


def document_from_text(text: str, *, fmt: str = "txt", path: str = "<text>") -> Document:
    from easyread.read import from_text
    from easyread.segment import segment

    return segment(from_text(text, path=path, fmt=fmt))


def score_document(doc: Document, config: Config, phase: str = "before") -> Document:
    from easyread.score import score

    result = score(doc, hard_word_zipf=config.hard_word_zipf, reading_wpm=config.reading_wpm)
    doc.scores[phase] = result.to_dict()
    return doc


def build_pipeline(config: Config, names: Sequence[str] | None = None) -> Pipeline:
    """The rewrite pipeline named in the config (``pipeline = [...]``)."""
    from easyread.rewrite import STAGES

    chosen = list(config.pipeline if names is None else names)
    unknown = [n for n in chosen if n not in STAGES]
    if unknown:
        raise ConfigError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGES)}")
    return Pipeline([STAGES[n] for n in chosen])


def process(
    doc: Document,
    config: Config | None = None,
    *,
    stages: Sequence[str] | None = None,
    score: bool = True,
) -> Document:
    """Score, rewrite and score again; the document records every edit in its ledger."""
    config = config or load_config()
    ctx = Context(config=config)
    doc.profile = config.profile
    if score:
        score_document(doc, config, "before")
    pipeline = build_pipeline(config, stages)
    if pipeline.stages:
        note_too_long(doc)
    doc = pipeline(doc, ctx)
    if score:
        score_document(doc, config, "after")
    return doc


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

"""easyread.pipeline: read, segment and score are stages; the order check can fail, with a
coded error (E103) naming both stages."""

from __future__ import annotations

from pathlib import Path

import pytest

from easyread.config import load_config
from easyread.document import Document, Source
from easyread.errors import ConfigError, PipelineError
from easyread.pipeline import (
    READ,
    SCORE,
    SEGMENT,
    Context,
    FunctionStage,
    Pipeline,
    ReadRequest,
    build_pipeline,
    document_from_text,
    process,
    read_document,
)
from easyread.rewrite import STAGES

CONFIG = load_config(use_project=False)
TEXT = "Title\n\nThe minister commenced the work prior to the vote."


def test_every_stage_declares_what_it_needs_and_provides() -> None:
    assert (READ.requires, READ.provides) == ((), ("blocks",))
    assert (SEGMENT.requires, SEGMENT.provides) == (("blocks",), ("sentences", "tokens"))
    assert (SCORE.requires, SCORE.provides) == (("sentences",), ("scores",))
    for stage in STAGES.values():
        assert "tokens" in stage.requires


def test_the_whole_pipeline_in_order_builds_and_runs(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, "utf-8")
    stages = [READ, SEGMENT, SCORE, *build_pipeline(CONFIG).stages]
    pipeline = Pipeline(stages, initial=())
    assert pipeline.names == ["read", "segment", "score", "numbers", "words", "split", "gloss"]
    ctx = Context(config=CONFIG, request=ReadRequest(path))
    doc = pipeline(Document(Source(str(path), "", "")), ctx)
    assert "started" in doc.text() and set(doc.scores) == {"before"}


@pytest.mark.parametrize(
    ("stages", "needer", "provider"),
    [
        ([SEGMENT, READ], "segment", "read"),
        ([READ, SCORE, SEGMENT], "score", "segment"),
        ([READ, STAGES["split"], SEGMENT], "split", "segment"),
    ],
)
def test_a_wrong_order_names_both_stages(stages: list[FunctionStage], needer: str, provider: str) -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline(stages, initial=())
    assert info.value.code == "E103" and isinstance(info.value, ConfigError)
    message = str(info.value)
    assert f"stage {needer!r} requires" in message and f"provided by {provider!r}" in message


def test_a_requirement_nobody_provides_is_named() -> None:
    lonely = FunctionStage("lonely", ("parse_tree",), (), lambda doc, ctx: doc)
    with pytest.raises(PipelineError, match="stage 'lonely' requires 'parse_tree', which no stage provides"):
        Pipeline([READ, SEGMENT, lonely], initial=())


@pytest.mark.parametrize(("names", "where"), [(["numbers", "spell"], "after 'numbers'"), (["spell"], "the first stage")])
def test_an_unknown_stage_names_the_stage_before_it(names: list[str], where: str) -> None:
    with pytest.raises(PipelineError, match=f"unknown stage 'spell' \\({where}\\); known: numbers, words, split, gloss"):
        build_pipeline(CONFIG, names)


def test_an_unknown_stage_in_the_config_fails_before_any_work() -> None:
    config = load_config(use_project=False, overrides={"pipeline": ["words", "summarise"]})
    with pytest.raises(PipelineError, match="unknown stage 'summarise' \\(after 'words'\\)"):
        process(document_from_text(TEXT), config)


def test_read_document_runs_read_and_segment(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nOne sentence. Two sentences.\n", "utf-8")
    doc = read_document(path, CONFIG)
    assert doc.source.format == "md" and doc.source.path == str(path)
    assert [s.id for s in doc.sentences()] == ["b1.s1", "b2.s1", "b2.s2"]
    assert doc.scores == {}


def test_the_read_stage_needs_a_request() -> None:
    with pytest.raises(PipelineError, match="nothing to read"):
        READ(Document(Source("x", "", "")), Context(config=CONFIG))


def test_process_scores_before_and_after_and_notes_long_sentences() -> None:
    long = "Title\n\n" + " ".join(["word"] * 400) + "."
    doc = process(document_from_text(long), CONFIG)
    assert set(doc.scores) == {"before", "after"}
    assert [n.code for n in doc.notes] == ["W606"]
    unscored = process(document_from_text(TEXT), CONFIG, score=False)
    assert unscored.scores == {} and "started" in unscored.text()
    untouched = process(document_from_text(long), CONFIG, stages=[])
    assert untouched.notes == [] and untouched.edits == []


def test_doc_scores_are_typed_and_written_as_before() -> None:
    """``doc.scores`` holds typed Scores by phase; the JSON writes each as Scores.to_dict()."""
    from easyread.score import Scores, score

    doc = process(document_from_text(TEXT), CONFIG)
    assert all(isinstance(s, Scores) for s in doc.scores.values())
    after = doc.scores["after"]
    assert after.value("words_per_sentence_mean") == after.indicators["words_per_sentence_mean"]
    assert doc.to_dict()["scores"]["after"] == score(doc).to_dict()  # scored as it now reads
    assert doc.to_dict()["scores"]["before"] == doc.scores["before"].to_dict()

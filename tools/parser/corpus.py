"""spaCy corpus reader for easyread's parser: gold words, the perceptron's predicted tags.

Loaded by ``spacy train --code tools/parser/corpus.py`` (see ``tools/train_parser.py``).
Each ``Example`` pairs the gold ``Doc`` (reference: gold XPOS, heads, relations) with a
predicted ``Doc`` made of the same words (the parser always gets easyread's or the
treebank's tokens, never spaCy's tokenizer) whose ``tag_`` holds easyread's perceptron
tags, as produced by ``tools/parser/perceptron_tags.py``: jackknifed on train, from a
train-only model on dev. The ``tok2vec`` layer embeds them (``TAG`` in its attributes).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example


@spacy.registry.readers("easyread.TaggedCorpus.v1")
def tagged_corpus(path: Path, tags: Path, split: str) -> Callable[[Language], Iterator[Example]]:
    def read(nlp: Language) -> Iterator[Example]:
        with gzip.open(tags, "rt", encoding="utf-8") as fh:
            predicted_tags: list[list[str]] = json.load(fh)[split]
        refs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(refs) != len(predicted_tags):
            raise ValueError(f"{path}: {len(refs)} docs but {len(predicted_tags)} tagged sentences in {tags}")
        for ref, ptags in zip(refs, predicted_tags, strict=True):
            if len(ref) != len(ptags):
                raise ValueError(f"{path}: sentence {ref.text[:40]!r} has {len(ref)} words, {len(ptags)} tags")
            words = [t.text for t in ref]
            spaces = [bool(t.whitespace_) for t in ref]
            yield Example(Doc(nlp.vocab, words=words, spaces=spaces, tags=ptags), ref)

    return read

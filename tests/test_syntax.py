"""easyread.syntax: the shipped parser loads offline, reads CoNLL-U, and aligns with our tokens."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from easyread import syntax
from easyread.nlp import tokenize

pytestmark = pytest.mark.skipif(not syntax.model_available(), reason="parser model or spaCy not installed")

CONLLU = """# text = I don't like it.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	like	like	VERB	VB	_	0	root	_	_
5	it	it	PRON	PRP	_	4	obj	_	SpaceAfter=No
6	.	.	PUNCT	.	_	4	punct	_	_

"""


def test_read_conllu_syntax_keeps_words_spaces_and_heads(tmp_path: Path) -> None:
    path = tmp_path / "x.conllu.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(CONLLU)
    (sent,) = syntax.read_conllu_syntax(path)
    assert sent.words == ["I", "do", "n't", "like", "it", "."]
    assert sent.spaces == [True, False, True, True, False, True]
    assert sent.heads == [4, 4, 4, 0, 4, 4]


def test_model_meta_records_source_and_licence() -> None:
    meta = syntax.model_meta()
    assert meta["licence"] == "CC BY-SA 4.0"
    assert "UD_English-EWT" in meta["source"] and "UD English EWT contributors" in meta["attribution"]
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser"]


def test_treebank_words_split_contractions_and_possessives() -> None:
    text = "The NSPCC's chief didn't agree."
    words, spans = syntax.treebank_words(tokenize(text))
    assert words == ["The", "NSPCC", "'s", "chief", "did", "n't", "agree", "."]
    assert [text[a:b] for a, b in spans] == ["The", "NSPCC", "'s", "chief", "did", "n't", "agree", "."]


def test_parse_gives_one_root_and_spans_in_the_text() -> None:
    text = "The council closed the library because it had no money."
    parse = syntax.parse_text(text)
    roots = [t for t in parse.doc if t.head.i == t.i]
    assert len(roots) == 1 and roots[0].text == "closed"
    assert parse.doc[1].dep_ == "nsubj"
    assert all(text[a:b] for a, b in parse.spans)


def test_parse_is_memoised_per_text() -> None:
    cache: dict[str, object] = {}
    a = syntax.parse_text("The plan will start soon.", cache)  # type: ignore[arg-type]
    b = syntax.parse_text("The plan will start soon.", cache)  # type: ignore[arg-type]
    assert a is b


def test_upos_from_penn_and_relation() -> None:
    assert syntax.upos_of("VBZ", "cop", "is") == "AUX"
    assert syntax.upos_of("VBZ", "root", "runs") == "VERB"
    assert syntax.upos_of("IN", "mark", "because") == "SCONJ"
    assert syntax.upos_of("NNP", "nsubj", "Leeds") == "PROPN"


def test_spacy_is_imported_without_its_command_line_package() -> None:
    # spaCy's __init__ imports spacy.cli (weasel, typer, httpx) only for spacy.info; easyread
    # loads the parser without it, and a later `import spacy.cli` still gets the real package.
    import subprocess
    import sys

    code = (
        "import sys; from easyread import syntax; syntax.load_parser(); "
        "assert not [m for m in sys.modules if m.startswith(('spacy.cli', 'weasel', 'httpx'))]; "
        "import spacy.cli; assert hasattr(spacy.cli, 'download'); print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"

"""easyread.syntax: the shipped parser loads offline, reads CoNLL-U, and aligns with our tokens."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
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
    assert meta["pipeline"][0] == "tok2vec" and meta["pipeline"][-1] == "parser"


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


TAGS_CONFIG = Path(__file__).resolve().parents[1] / "tools" / "parser" / "config_tags.cfg"


@pytest.fixture()
def tag_input_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An untrained pipeline built from tools/parser/config_tags.cfg, in easyread's file format,
    with meta.input_tags set and spaCy's tagger left out (as ``train_parser.py --tag-input
    --drop-tagger`` packs it); the shipped model is restored afterwards."""
    import msgpack
    from spacy import util
    from spacy.tokens import Doc
    from spacy.training import Example

    config = util.load_config(TAGS_CONFIG)
    nlp = util.load_model_from_config(config, auto_fill=True, validate=False)
    words = ["The", "men", "face", "bans", "."]
    ref = Doc(nlp.vocab, words=words, tags=["DT", "NNS", "VBP", "NNS", "."], heads=[1, 2, 2, 2, 2],
              deps=["det", "nsubj", "ROOT", "obj", "punct"])
    nlp.initialize(lambda: [Example(Doc(nlp.vocab, words=words, tags=["DT", "NNS", "VBP", "NNS", "."]), ref)])
    nlp.remove_pipe("tagger")
    meta = {"pipeline": nlp.pipe_names, "input_tags": "easyread.tagger", "licence": "test"}
    payload = msgpack.packb({"config": nlp.config.to_str(), "bytes": nlp.to_bytes(exclude=["tokenizer"]),
                             "meta": meta}, use_bin_type=True)
    path = tmp_path / "tagged.spacy.gz"
    path.write_bytes(gzip.compress(payload))
    caches = (syntax._payload, syntax.model_meta, syntax.load_parser)
    for fn in caches:
        fn.cache_clear()
    monkeypatch.setattr(syntax, "MODEL_PATH", path)
    yield
    monkeypatch.undo()
    for fn in caches:
        fn.cache_clear()


def test_a_tag_input_model_reads_the_perceptron_tags(tag_input_model: None) -> None:
    from easyread import tagger

    assert syntax.uses_tagger_input()
    words = ["Both", "men", "face", "possible", "life", "bans", "when", "they", "return", "."]
    doc = syntax.parse(words)
    assert [t.tag_ for t in doc] == tagger.tag(words)  # no spaCy tagger: the input tags stay
    given = ["DT", "NNS", "VBP", "JJ", "NN", "NNS", "WRB", "PRP", "VBP", "."]
    (doc2,) = syntax.parse_words([(words, None, given)])
    assert [t.tag_ for t in doc2] == given


def test_known_tags_are_shared_with_the_rewrites_tag_cache(tag_input_model: None) -> None:
    from easyread.rewrite.rules import tag_tokens

    text = "Both men face possible life bans."
    tokens = tokenize(text)
    words, _ = syntax.treebank_words(tokens)
    made = ["DT", "NNS", "VBP", "JJ", "NN", "NNS", "."]
    cache: dict[str, object] = {"tags": {"\x1f".join(t.text for t in tokens): made}}
    assert syntax._known_tags(tokens, words, cache) == made  # the rewrite's tags are reused
    assert syntax._known_tags(tokens, words, None) is None
    fresh: dict[str, object] = {}
    tags = syntax._known_tags(tokens, words, fresh)
    assert tags == tag_tokens(tokens) and tag_tokens(tokens, fresh) is tags  # and left for the rules
    other = tokenize("They don't face bans.")  # "don't" is two words for the parser
    other_words, _ = syntax.treebank_words(other)
    assert syntax._known_tags(other, other_words, fresh) is None
    parse = syntax.parse_tokens(tokens, text, fresh)
    assert [t.tag_ for t in parse.doc] == tags


def test_the_shipped_model_without_tag_input_ignores_given_tags() -> None:
    if syntax.uses_tagger_input():
        pytest.skip("the shipped model reads tags")
    words = ["The", "plan", "works", "."]
    (doc,) = syntax.parse_words([(words, None, ["NN", "NN", "NN", "NN"])])
    assert doc[2].tag_ != "NN" or doc[1].tag_ != "NN"


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

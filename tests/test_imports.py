"""Cold-start guard: each command imports only what it needs.

Each case runs one easyread command in-process (``cli.main``) in a fresh interpreter and
lists ``sys.modules`` afterwards. Heavy libraries stay out of the paths that do not need
them: lemminflect and wordfreq answers are precomputed (``tools/build_forms.py``), spaCy (and
with it numpy) parses only in the rewrite's split stage, WeasyPrint only renders PDF, and
scoring needs NLTK's Punkt only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "javid-cse-strategy-2019.txt"

RUN = """
import json, sys
from easyread.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="easyread", standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
PUNKT_ONLY = """
import json, sys
from easyread.nlp import sentence_spans
sentence_spans("Mr. Smith went home. He slept.")
print(json.dumps(sorted(sys.modules)))
"""


def modules(offline_env: dict[str, str], code: str, *args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code, *args], env=offline_env, cwd=REPO,
                         capture_output=True, text=True, check=True, timeout=300)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def top(names: set[str], *packages: str) -> set[str]:
    return {n for n in names if n.split(".")[0] in packages}


NEVER_WHEN_SCORING = ("lemminflect", "wordfreq", "numpy", "weasyprint", "spacy", "thinc")


@pytest.mark.parametrize("command", ["check", "score"])
def test_score_and_check_import_punkt_only(command: str, offline_env: dict[str, str]) -> None:
    loaded = modules(offline_env, RUN, command, str(SEED))
    assert not top(loaded, *NEVER_WHEN_SCORING)
    assert "easyread.tagger" not in loaded
    punkt = top(modules(offline_env, PUNKT_ONLY), "nltk")
    assert top(loaded, "nltk") <= punkt, sorted(top(loaded, "nltk") - punkt)


NEVER_WHEN_CHECKING = ("nltk", "regex", "spacy", "weasyprint", "jinja2", "numpy", "wordfreq", "lemminflect")


def test_check_and_score_load_no_nltk_on_plain_text(offline_env: dict[str, str]) -> None:
    """`check` and `score` segment with the port of Punkt (easyread.punkt): no nltk, no
    regex engine, no renderer or template engine on their path."""
    for command in ("check", "score"):
        loaded = modules(offline_env, RUN, command, str(SEED))
        assert not top(loaded, *NEVER_WHEN_CHECKING), (command, sorted(top(loaded, *NEVER_WHEN_CHECKING)))
        assert "easyread.punkt" in loaded


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["rewrite", "--profile", "easy-read"], ["convert", "-o", "{tmp}/out.html"]],
    ids=["rewrite", "convert-html"],
)
def test_rewrite_and_html_need_no_weasyprint_or_lemminflect(args: list[str], offline_env: dict[str, str],
                                                            tmp_path: Path) -> None:
    argv = [a.format(tmp=tmp_path) for a in args]
    loaded = modules(offline_env, RUN, argv[0], str(SEED), *argv[1:])
    assert not top(loaded, "weasyprint", "wordfreq", "lemminflect")


@pytest.mark.slow
def test_split_rules_that_inflect_verbs_need_no_lemminflect(offline_env: dict[str, str]) -> None:
    code = """
import json, sys
from easyread.rewrite.rules import demo
from easyread.rewrite.split import frame, participle, when_doing
assert demo(frame, "The speech follows the Government providing money to a helpline for adults.",
            profile="easy-read") == "The Government provided money to a helpline for adults."
demo(when_doing, "The minister is set to reveal the plan when speaking at a school in Leeds on Tuesday.",
     max_words=8)
demo(participle, "The team won the cup in May, making it the best club in the country.", max_words=8)
print(json.dumps(sorted(sys.modules)))
"""
    loaded = modules(offline_env, code)
    assert not top(loaded, "lemminflect", "wordfreq", "weasyprint")


@pytest.mark.slow
def test_words_terms_pictures_need_no_lemminflect(offline_env: dict[str, str]) -> None:
    code = """
import json, sys
from easyread.pipeline import document_from_text
from easyread.render.pictures import choose_picture
from easyread.rewrite.rules import demo
from easyread.rewrite.words import lexicon
from easyread.terms import detect_terms
demo(lexicon, "Work commenced in May and the team is utilising new tools.")
detect_terms(document_from_text("Helplines for paedophiles and charities on the dark web."))
choose_picture("Children phoned the helpline".split())
print(json.dumps(sorted(sys.modules)))
"""
    loaded = modules(offline_env, code)
    assert not top(loaded, "lemminflect", "wordfreq", "numpy", "weasyprint")

"""``easyread terms --template``: a glossary TOML skeleton for the terms nobody can explain yet.

The gloss stage never invents an explanation: a term it cannot explain is recorded with source
``missing`` (note ``W611``). This module writes those terms as ``[[entry]]`` tables in the
built-in glossary format, each with an empty ``explanation`` and, as comments, the sentence
that first uses it and, for a rare word, up to three plainer words from ``easyread suggest``. A user fills in the explanations and passes the file back with
``--glossary FILE.toml`` (or ``glossary = [...]`` in the config). An entry left empty is
refused with a clear error (E200, file:line), so an unfinished skeleton never slips through.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from easyread.document import Document
from easyread.terms import Term

__all__ = ["glossary_template"]


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def _plainer(sentence: str, word: str) -> str:
    """Up to three plainer words for ``word`` in ``sentence`` (a hint for the person filling in)."""
    from easyread.suggest import suggest

    found = suggest(sentence, word, limit=3).suggestions
    return ", ".join(s.text for s in found)


def glossary_template(terms: Sequence[Term], doc: Document | None = None, *, source: str = "") -> str:
    """A glossary TOML skeleton for the ``missing`` terms (empty when every term is explained).

    >>> t = Term("IE6", "acronym", None, None, "missing")
    >>> print(glossary_template([t]), end="")
    # Glossary skeleton written by `easyread terms --template`.
    # Write one easy sentence for each explanation, starting with the term; delete entries you
    # do not want explained; then pass this file back with --glossary FILE.toml.
    # An entry with an empty explanation is refused (E200), so fill in every one you keep.
    <BLANKLINE>
    [[entry]]
    term = "IE6"
    aliases = []
    explanation = ""
    """
    missing = [t for t in terms if t.source == "missing"]
    head = "# Glossary skeleton written by `easyread terms --template`"
    lines = [
        f"{head} for {source}." if source else f"{head}.",
        "# Write one easy sentence for each explanation, starting with the term; delete entries you",
        "# do not want explained; then pass this file back with --glossary FILE.toml.",
        "# An entry with an empty explanation is refused (E200), so fill in every one you keep.",
    ]
    if not missing:
        lines.append("# Every term of this article has an explanation: nothing to fill in.")
    for t in missing:
        lines.append("")
        if doc is not None and t.first_sentence_id:
            try:
                used = doc.sentence(t.first_sentence_id).text
            except (KeyError, ValueError, IndexError):
                used = ""
            if used:
                lines.append(f"# {t.kind}, first used in: {' '.join(used.split())[:200]}")
                hint = _plainer(used, t.term) if t.kind == "rare" else ""
                if hint:
                    lines.append(f"# plainer words (easyread suggest): {hint}")
        lines += ["[[entry]]", f"term = {_toml_string(t.term)}", "aliases = []", 'explanation = ""']
    return "\n".join(lines) + "\n"

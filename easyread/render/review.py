"""The review gate (issue 11): a one-page review sheet and the decisions file the next run reads.

``easyread convert ARTICLE -o OUT.pdf --review`` also writes ``OUT.review.html`` (every row's
picture with its sentence and, for a row without one, why; every explanation and where it
stands; every dropped aside; every note) and ``OUT.decisions.toml``, a file of decisions an
editor edits and passes back with ``--decisions``::

    [pictures]      # by sentence, as it reads in the easy-read version
    "Calls to the helpline went up." = "keep"              # or "remove", "replace:KEYWORD"
    [explanations]  # by term
    "charity" = "replace:A group that raises money to help people."   # or "keep", "remove"

``replace:KEYWORD`` shows the picture of that keyword of ``easyread/data/pictures.tsv``;
``replace:TEXT`` for a term replaces its explanation in the "Hard words" box and its
explanation sentence in the text. ``remove`` takes the picture, or the explanation (box entry
and sentence), away. Every change to the text goes through the document's ledger
(rule ``review.decision``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from easyread.document import Document
from easyread.errors import ConfigError

__all__ = ["Decisions", "apply_explanation_decisions", "decisions_toml", "load_decisions", "review_sheet"]

RULE = "review.decision"
_ACTIONS = ("keep", "remove", "replace:")


@dataclass(frozen=True)
class Decisions:
    """Decisions read from a TOML file: sentence text -> action, term -> action."""

    pictures: Mapping[str, str] = field(default_factory=dict)
    explanations: Mapping[str, str] = field(default_factory=dict)

    def picture(self, sentence: str) -> str | None:
        return self.pictures.get(" ".join(sentence.split()))


def _check(section: str, key: str, value: Any, path: str) -> str:
    if not isinstance(value, str) or not (value in ("keep", "remove") or value.startswith("replace:")):
        raise ConfigError(f"{path}: [{section}] {key!r} must be \"keep\", \"remove\" or "
                          f"\"replace:…\", not {value!r}")
    if value.startswith("replace:") and not value[len("replace:"):].strip():
        raise ConfigError(f"{path}: [{section}] {key!r}: \"replace:\" needs what to put instead")
    return value


def load_decisions(path: str | Path) -> Decisions:
    """Read a decisions file (``--decisions``); a malformed one is a ConfigError (E100)."""
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the decisions file: {exc.strerror}", path=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"the decisions file is not valid TOML: {exc}", path=str(path)) from None
    unknown = set(data) - {"pictures", "explanations"}
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}; "
                          "use [pictures] and [explanations]")
    pictures = {" ".join(k.split()): _check("pictures", k, v, str(path)) for k, v in data.get("pictures", {}).items()}
    terms = {k.strip().lower(): _check("explanations", k, v, str(path))
             for k, v in data.get("explanations", {}).items()}
    if any(v.startswith("replace:") for v in pictures.values()):
        from easyread.render.pictures import load_pictures

        known = load_pictures()
        for sentence, action in pictures.items():
            keyword = action[len("replace:"):].strip().lower()
            if action.startswith("replace:") and keyword not in known:
                raise ConfigError(f"{path}: [pictures] {sentence[:40]!r}: no picture for keyword "
                                  f"{keyword!r} in pictures.tsv")
    return Decisions(pictures, terms)


def apply_explanation_decisions(doc: Document, decisions: Decisions) -> list[str]:
    """Apply the ``[explanations]`` decisions to ``doc``; return one line per change made.

    The glossary entry changes (or goes); the explanation sentence the gloss stage inserted
    after the term's first use is rewritten (or emptied) through the ledger.
    """
    done: list[str] = []
    kept = []
    for entry in doc.glossary:
        action = decisions.explanations.get(entry.term.strip().lower(), "keep")
        sentence_ids = _explanation_sentences(doc, entry.first_sentence_id, entry.term)
        if action == "remove":
            for sid in sentence_ids:
                text = doc.sentence(sid).text
                doc.replace(sid, 0, len(text), "", rule=RULE, reason=f"editor removed the explanation of {entry.term!r}")
            done.append(f"removed the explanation of {entry.term!r}")
            continue
        if action.startswith("replace:"):
            new = action[len("replace:"):].strip()
            entry.explanation = new
            for sid in sentence_ids:
                text = doc.sentence(sid).text
                doc.replace(sid, 0, len(text), _as_sentence(entry.term, new), rule=RULE,
                            reason=f"editor replaced the explanation of {entry.term!r}")
            done.append(f"replaced the explanation of {entry.term!r}")
        kept.append(entry)
    doc.glossary[:] = kept
    return done


def _as_sentence(term: str, explanation: str) -> str:
    """An explanation as a sentence in the text: kept as written when it names the term."""
    if term.lower() in explanation.lower():
        return explanation
    return f"{term[:1].upper()}{term[1:]}: {explanation}" if term else explanation


def _explanation_sentences(doc: Document, anchor: str | None, term: str) -> list[str]:
    if not anchor:
        return []
    from easyread.render.html import _term_pattern

    pattern = _term_pattern(term.strip())
    return [
        s.id for b in doc.blocks for s in b.sentences
        if s.kind == "gloss" and s.id.rsplit(".g", 1)[0] == anchor and pattern.search(s.text)
    ]


# --------------------------------------------------------------------------- the sheet
def _toml_key(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def decisions_toml(doc: Document, plan: Any, decisions: Decisions | None = None) -> str:
    """A decisions file with every picture row and every term set to "keep" (or to what the
    current decisions say), for the editor to change."""
    from easyread.render.html import _body_blocks

    lines = ["# easyread review decisions: \"keep\", \"remove\" or \"replace:…\" (see docs/rendering.md)",
             "# Pass back with: easyread convert ARTICLE -o OUT --decisions THIS_FILE", "", "[pictures]"]
    seen: set[str] = set()
    for block in _body_blocks(doc):
        for sentence in block.sentences:
            text = " ".join(sentence.text.split())
            if block.kind == "heading" or not text or sentence.id not in plan.pictures or text in seen:
                continue  # a decision is per sentence text: one line for repeated sentences
            seen.add(text)
            picture = plan.pictures[sentence.id]
            action = plan.decided.get(sentence.id, "keep")
            comment = f"  # {picture.alt}" if picture else "  # no picture"
            lines.append(f"{_toml_key(' '.join(sentence.text.split()))} = {_toml_key(action)}{comment}")
    lines += ["", "[explanations]"]
    terms: set[str] = set()
    for entry in doc.glossary:
        if entry.term.strip().lower() in terms:
            continue
        terms.add(entry.term.strip().lower())
        action = decisions.explanations.get(entry.term.strip().lower(), "keep") if decisions else "keep"
        lines.append(f"{_toml_key(entry.term.strip())} = {_toml_key(action)}  "
                     f"# {' '.join(entry.explanation.split())[:70]}")
    for term, action in (decisions.explanations.items() if decisions else ()):
        if term not in terms and action == "remove":
            lines.append(f"{_toml_key(term)} = \"remove\"")
    return "\n".join(lines) + "\n"


def _review_title(doc: Document) -> str:
    """The review sheet's heading: the document's title, else its file name marked as such
    (for the editor only; the published page never shows a file name as a title)."""
    from easyread.render.html import clean_text

    title = " ".join(clean_text(doc.title or "").split())
    if title:
        return title
    name = Path(doc.source.path).name if doc.source.path not in ("", "-", "<text>", "<stdin>") else ""
    return f"{clean_text(name)} (no title)" if name else "A text with no title"


def review_sheet(doc: Document, plan: Any) -> str:
    """One self-contained HTML page for the editor (see the module docstring)."""
    from easyread.render.html import (
        _body_blocks,
        _environment,
        _picture_view,
        clean_text,
        explained_inline,
        is_explained,
    )

    rows = []
    for block in _body_blocks(doc):
        if block.kind == "heading":
            continue
        for sentence in block.sentences:
            if not sentence.text.strip():
                continue
            picture = plan.pictures.get(sentence.id)
            rows.append({
                "id": sentence.id,
                "text": clean_text(sentence.text),
                "picture": _picture_view(picture),
                "why": (f"editor's decision: {plan.decided[sentence.id]}" if sentence.id in plan.decided
                        else plan.withheld.get(sentence.id, "")),
                "topics": ", ".join(sorted(plan.sentence_topics.get(sentence.id, ()))),
            })
    inline = explained_inline(doc)
    terms = [{"term": clean_text(e.term), "explanation": clean_text(e.explanation), "source": e.source,
              "where": ("in the text and not in the box" if e.term.strip().lower() in inline
                        else "in the Hard words box" if is_explained(e)
                        else "nowhere: no explanation (shown in regular type, not in the box)")}
             for e in doc.glossary]
    dropped = [n for n in doc.notes if n.code == "W603"]
    notes = [n for n in doc.notes if n.code != "W603"]
    texts = {s.id: s.text for b in doc.blocks for s in b.sentences}
    template = _environment().get_template("review.html.j2")
    return str(template.render(
        title=_review_title(doc), lang=clean_text(doc.lang or "en") or "en", rows=rows, terms=terms,
        dropped=[{"id": n.sentence_id, "text": clean_text(texts.get(n.sentence_id or "", "")),
                  "message": clean_text(n.message)} for n in dropped],
        notes=[{"code": n.code, "id": n.sentence_id or "", "message": clean_text(n.message)} for n in notes],
        picture_note=plan.message(),
    ))


def review_page(doc: Document, *, profile: str, config: Any) -> str:
    """The review sheet of ``doc`` as one output (``batch --formats review``): the pictures the
    renderer chooses for ``profile`` (with the editor's picture decisions from ``config``'s
    ``[review] decisions``, as the page itself applies them), every explanation and every note.
    The document is not changed (its other outputs are rendered from the same one)."""
    from easyread.render.html import picture_plan, settings_for

    return review_sheet(doc, picture_plan(doc, settings_for(profile, config).decisions))

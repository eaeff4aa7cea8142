"""Rewritten text out: plain text, Markdown, JSON, one line per input line, and the edit ledger
(listed in the one table of formats, :data:`easyread.report.FORMATS`).

Pure formatters over a processed :class:`~easyread.document.Document`, used by
``easyread rewrite`` and the benchmarks; plus :func:`rewrite_lines`, which rewrites a stream
of lines with one output line per input line (data and the tagger load once).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from easyread.config import Config
from easyread.document import Document


def _block_text(sentences: Iterable[str]) -> str:
    return " ".join(s for s in sentences if s)


def to_text(doc: Document) -> str:
    """One block per line; list items start with ``• ``; the credit line last.

    >>> from easyread.pipeline import document_from_text
    >>> to_text(document_from_text("One line. Two lines."))
    'One line. Two lines.\\n'
    """
    lines = []
    for block in doc.blocks:
        if block.kind == "credit":
            continue
        text = _block_text(s.text for s in block.sentences)
        lines.append(f"• {text}" if block.kind == "list_item" else text)
    if doc.credit:
        lines.append(doc.credit)
    return "\n".join(lines) + "\n"


def to_markdown(doc: Document) -> str:
    """Markdown: the title as ``#``, one sentence per line, list items as ``-``.

    Easy-read layout puts each sentence on its own line (EL-08); a Markdown line break is
    two trailing spaces.
    """
    out: list[str] = []
    prev_kind = ""
    for block in doc.blocks:
        if block.kind == "credit":
            continue
        sentences = [s.text for s in block.sentences if s.text]
        if block.kind == "list_item":
            out.append(f"- {_block_text(sentences)}")
        else:
            if out and (prev_kind == "list_item" or out[-1] != ""):
                out.append("")
            if block.kind == "title":
                out.append(f"# {_block_text(sentences)}")
            elif block.kind == "heading":
                out.append(f"## {_block_text(sentences)}")
            elif block.kind == "quote":
                out.append("> " + "  \n> ".join(sentences))
            else:
                out.append("  \n".join(sentences))
            out.append("")
        prev_kind = block.kind
    if doc.credit:
        if out and out[-1] != "":
            out.append("")
        out.append(f"*{doc.credit}*")
    return "\n".join(out).rstrip("\n") + "\n"


def to_json(doc: Document, *, indent: int = 2, sort_keys: bool = False) -> str:
    """The document (``docs/wire-schema.md``) as JSON, ending in a newline."""
    import json

    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent, sort_keys=sort_keys) + "\n"


def ledger(doc: Document) -> str:
    """The edit ledger: one line per edit, ``id  rule  before -> after  (why)``."""
    lines = []
    for e in doc.edits:
        if e.op == "insert":
            change = f"+ {e.after!r}"
        elif e.op == "split":
            change = f"{e.before!r} -> {' | '.join(e.parts or [])!r}"
        else:
            change = f"{e.before!r} -> {e.after!r}"
        lines.append(f"{e.sentence_id}\t{e.rule}\t{change}\t({e.reason})")
    for n in doc.notes:
        lines.append(f"{n.sentence_id or '-'}\t{n.code}\t{n.message}")
    return "\n".join(lines) + ("\n" if lines else "")


def one_line(doc: Document) -> str:
    """Every sentence of the document on one line, joined by spaces."""
    parts = [s.text for b in doc.blocks if b.kind != "credit" for s in b.sentences if s.text]
    return " ".join(" ".join(parts).split())


def rewrite_lines(lines: Iterable[str], config: Config) -> Iterator[str]:
    """Rewrite each line on its own: exactly one output line per input line.

    An empty (or blank) line gives an empty line; split sentences are joined by a space.
    """
    from easyread.pipeline import document_from_text, process

    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            yield ""
            continue
        doc = document_from_text(line.strip())
        for block in doc.blocks:
            if block.kind in ("title", "credit"):
                block.kind = "paragraph"
        if doc.credit:
            yield line.strip()
            continue
        yield one_line(process(doc, config, score=False))

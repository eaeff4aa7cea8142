"""Read an input (file or stdin) safely and turn it into a Document with blocks.

Readers: plain text (``.txt``: first line is the headline, a trailing copyright/credit line is
kept as the credit), Markdown (``.md``, markdown-it-py, raw HTML disabled) and HTML (``.html``:
main text only, parsed with BeautifulSoup's ``html.parser``; scripts, styles and navigation are
dropped).

Bad input never gives a traceback: each problem is an :class:`~easyread.errors.InputError`
with a code, the file name and a hint (see ``docs/cli.md``).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from easyread.document import Block, BlockKind, Document, Source
from easyread.errors import (
    BinaryInput,
    EmptyInput,
    EncodingProblem,
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    NotARegularFile,
)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

_CREDIT = re.compile(
    r"^\s*(?:copyright\b|\(c\)|©|all rights reserved|picture\s*(?:\(c\)|©|:)|photo\s*(?:\(c\)|©|:))",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"all rights reserved", re.IGNORECASE)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str
    note: str | None = None


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read at most ``max_bytes`` from a regular file, refusing FIFOs, devices and folders."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputNotFound("no such file", path=str(p)) from None
    except PermissionError:
        raise InputUnreadable("permission denied", path=str(p)) from None
    except OSError as exc:
        raise InputUnreadable(exc.strerror or str(exc), path=str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise NotARegularFile("is a directory (give files, or use `easyread batch`)", path=str(p))
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile("not a regular file (a pipe, device or socket)", path=str(p))
    if st.st_size > max_bytes:
        raise InputTooLarge(
            f"{st.st_size:,} bytes is over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)",
            path=str(p),
        )
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    except PermissionError:
        raise InputUnreadable("permission denied", path=str(p)) from None
    except OSError as exc:
        raise InputUnreadable(exc.strerror or str(exc), path=str(p)) from None
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(f"over the limit of {max_bytes:,} bytes", path=str(p))
    return data


def decode(data: bytes, *, path: str, encoding: str | None = None) -> RawText:
    """Decode bytes strictly; detect BOMs and binary data; fall back to cp1252 only when clean.

    Never replaces characters silently: a file that cannot be decoded is an error that says
    where (byte offset) and what to do (``--encoding``).
    """
    if encoding:
        try:
            return RawText(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingProblem(f"cannot decode as {encoding}: {exc}", path=path) from None
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return RawText(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise EncodingProblem(
                    f"starts with a {enc} byte-order mark but is not valid {enc} "
                    f"(byte {exc.start})",
                    path=path,
                ) from None
    if b"\x00" in data[:8192]:
        raise BinaryInput("looks like a binary file (NUL bytes), not text", path=path)
    try:
        return RawText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
    if _UTF8_MULTIBYTE.search(data):
        raise EncodingProblem(
            f"mixed encodings: valid UTF-8 and invalid bytes (first at byte {offset}); "
            "fix the file or pass --encoding",
            path=path,
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise EncodingProblem(
            f"not UTF-8 (invalid byte at {offset}) and not Windows-1252; pass --encoding",
            path=path,
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > max(2, len(text) // 100):
        raise BinaryInput("looks like a binary file (control bytes), not text", path=path)
    return RawText(text, "cp1252", note=f"not UTF-8 (byte {offset}); decoded as Windows-1252")


def detect_format(path: str, text: str, fmt: str | None = None) -> str:
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "txt"


def load(
    path: str | Path,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin_bytes: bytes | None = None,
) -> Document:
    """Read a file (or ``-`` with ``stdin_bytes``) into a Document with blocks (not segmented)."""
    name = str(path)
    if name == "-":
        data = stdin_bytes if stdin_bytes is not None else b""
        name = "<stdin>"
        if len(data) > max_bytes:
            raise InputTooLarge(f"over the limit of {max_bytes:,} bytes", path=name)
    else:
        data = read_bytes(path, max_bytes)
    raw = decode(data, path=name, encoding=encoding)
    return from_text(raw.text, path=name, fmt=detect_format(name, raw.text, fmt), encoding=raw.encoding, note=raw.note)


def from_text(
    text: str,
    *,
    path: str = "<text>",
    fmt: str = "txt",
    encoding: str = "utf-8",
    note: str | None = None,
) -> Document:
    """Build a Document with blocks from already-decoded text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A lone surrogate (from surrogateescape or JSON) crashes renderers downstream.
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    if not text.strip():
        raise EmptyInput("is empty (no text to read)", path=path)
    doc = Document(source=Source(path=path, format=fmt, text=text, encoding=encoding))
    if note:
        doc.note("W301", None, note)
    if fmt == "md":
        _read_markdown(doc)
    elif fmt == "html":
        _read_html(doc)
    else:
        _read_plain(doc)
    if not any(b.kind != "credit" for b in doc.blocks):
        raise EmptyInput("has no readable text", path=path)
    return doc


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _add(doc: Document, kind: BlockKind, text: str, start: int | None, line: int | None) -> None:
    text = text.strip()
    if not text:
        return
    n = len(doc.blocks) + 1
    origin = (start, start + len(text)) if start is not None else None
    doc.blocks.append(Block(id=f"b{n}", kind=kind, text=text, origin=origin, line=line))


def _is_credit(line: str) -> bool:
    return bool(_CREDIT.match(line) or _RIGHTS.search(line))


def _read_plain(doc: Document) -> None:
    text = doc.source.text
    lines: list[tuple[int, int, str]] = []  # (offset, line number, text)
    offset = 0
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if stripped:
            lines.append((offset + raw.index(stripped[0]), number, stripped))
        offset += len(raw) + 1
    if lines and _is_credit(lines[-1][2]) and len(lines) > 1:
        doc.credit = lines.pop()[2]
    for i, (start, number, line) in enumerate(lines):
        kind: BlockKind = "paragraph"
        if i == 0 and len(lines) > 1 and _looks_like_headline(line):
            kind = "title"
        elif line.startswith(("- ", "* ", "• ")):
            kind = "list_item"
            start += 2
            line = line[2:]
        elif _is_quote_paragraph(line):
            kind = "quote"
        _add(doc, kind, line, start, number)
    if doc.blocks and doc.blocks[0].kind == "title":
        doc.source.title = doc.blocks[0].text
    elif doc.source.path not in ("<stdin>", "<text>"):
        doc.source.title = Path(doc.source.path).stem.replace("_", " ").replace("-", " ").strip() or None


def _looks_like_headline(line: str) -> bool:
    """A first line is the headline when it is short and not a run of full sentences.

    News headlines have no final full stop ("Javid to announce CSE strategy after ‘surge’ …");
    an article that starts straight with its first paragraph has no headline line.
    """
    words = line.split()
    if len(words) > 30:
        return False
    ends_sentence = line.rstrip("”’\"') ").endswith(".")
    return not (ends_sentence and len(words) > 12)


def _is_quote_paragraph(line: str) -> bool:
    return line[:1] in "“\"" and (line.count("“") + line.count('"')) >= 1 and line[-1:] in "”\"" and line.count("“") <= 1


def _read_markdown(doc: Document) -> None:
    from markdown_it import MarkdownIt

    # Raw HTML is recognised (so it can be dropped) but never passed on: easyread builds its
    # own output from the text, so article HTML cannot reach a template or a renderer.
    md = MarkdownIt("commonmark", {"html": True})
    tokens = md.parse(doc.source.text)
    line_starts = [0] + [i + 1 for i, ch in enumerate(doc.source.text) if ch == "\n"]
    stack: list[str] = []
    first_heading = True
    for i, tok in enumerate(tokens):
        if tok.type.endswith("_open"):
            stack.append(tok.type[: -len("_open")])
            continue
        if tok.type.endswith("_close"):
            if stack:
                stack.pop()
            continue
        if tok.type != "inline":
            continue  # code, raw HTML and rules are not prose
        content = _inline_text(tok)
        line = tok.map[0] + 1 if tok.map else None
        start = None
        if tok.map:
            src_line_start = line_starts[tok.map[0]]
            at = doc.source.text.find(content[:20], src_line_start)
            start = at if at >= 0 and doc.source.text[at : at + len(content)] == content else None
        kind: BlockKind = "paragraph"
        parent = stack[-1] if stack else ""
        if parent == "heading":
            level = tokens[i - 1].tag if i else "h2"
            if first_heading and level == "h1" and not doc.blocks:
                kind = "title"
                doc.source.title = content
            else:
                kind = "heading"
            first_heading = False
        elif "list_item" in stack:
            kind = "list_item"
        elif "blockquote" in stack:
            kind = "quote"
        _add(doc, kind, content, start, line)
    if doc.blocks and _is_credit(doc.blocks[-1].text) and len(doc.blocks) > 1:
        doc.credit = doc.blocks.pop().text


def _inline_text(tok: object) -> str:
    children = getattr(tok, "children", None) or []
    parts: list[str] = []
    for child in children:
        if child.type == "html_inline":
            continue
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)  # alt text only; the URL is never fetched
    return "".join(parts).strip()


_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript",
              "template", "iframe", "svg", "object", "embed", "button", "select", "link", "meta")
_BLOCK_TAGS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
               "h5": "heading", "h6": "heading", "p": "paragraph", "li": "list_item",
               "blockquote": "quote", "figcaption": "paragraph", "dd": "paragraph", "dt": "paragraph"}


def _read_html(doc: Document) -> None:
    from bs4 import BeautifulSoup

    soup: Any = BeautifulSoup(doc.source.text, "html.parser")
    title_tag = soup.find("title")
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo", "complementary"]}):
        tag.decompose()
    for tag in soup.find_all(attrs={"aria-hidden": "true"}):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.find("body") or soup
    seen_h1 = False
    for el in root.find_all(list(_BLOCK_TAGS)):
        # Skip containers whose text is reported by a nested block element.
        if el.name in ("li", "blockquote") and el.find(list(_BLOCK_TAGS)):
            continue
        if el.find_parent(["li", "blockquote"]) and el.name == "p" and el.find_parent("li"):
            continue
        text = " ".join(el.get_text(" ").split())
        if not text:
            continue
        kind: BlockKind = _BLOCK_TAGS[el.name]  # type: ignore[assignment]
        if el.name == "h1" and not seen_h1 and not doc.blocks:
            kind = "title"
            doc.source.title = text
            seen_h1 = True
        if el.name == "p" and el.find_parent("blockquote"):
            kind = "quote"
        _add(doc, kind, text, None, getattr(el, "sourceline", None))
    if not doc.source.title and title_tag is not None:
        doc.source.title = " ".join(title_tag.get_text(" ").split()) or None
    if not doc.blocks:
        text = " ".join(root.get_text(" ").split())
        _add(doc, "paragraph", text, None, None)
    if doc.blocks and _is_credit(doc.blocks[-1].text) and len(doc.blocks) > 1:
        doc.credit = doc.blocks.pop().text

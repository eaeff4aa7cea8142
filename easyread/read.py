"""Read an input (file or stdin) safely and turn it into a Document with blocks.

Readers: plain text (``.txt``: first line is the headline, a trailing copyright/credit line is
kept as the credit), Markdown (``.md``, markdown-it-py, raw HTML disabled) and HTML (``.html``:
main text only, parsed with BeautifulSoup's ``html.parser``).

Drop nothing: every piece of text a reader reads lands in exactly one block, whatever the
markup around it and however deeply it is nested. What is left out is left out on purpose:

* Markdown: code blocks, raw HTML (tags, HTML blocks, and the code inside an inline
  ``<script>`` or ``<style>``) and rules: not prose.
* HTML: text outside the main element (the first ``<article>``, else ``<main>``, else
  ``<body>``); scripts, styles, ``<pre>`` code listings (a ``<pre>`` holding ``<code>``;
  other ``<pre>`` text is read, a blank line starting a new paragraph); page furniture:
  ``<nav>``, ``<aside>``, ``<footer>``, the page's own ``<header>`` (a ``<header>`` inside
  ``<article>``, ``<main>`` or ``<section>`` is read: it holds the headline), the ARIA
  landmarks navigation, banner, contentinfo and complementary, forms and buttons;
  embedded objects, frames, SVG and the fallback text of audio, video and canvas; and
  anything ``hidden`` or ``aria-hidden="true"``. Comments are not text. Image alt text is
  not read (it is not visible text).

List items, table cells, definition lists, figure captions, ``<details>``, ``<section>`` and
text straight inside a ``<div>`` are all read, each block once (the caption of a ``<figure>``
that shows a picture becomes a ``credit`` block with a ``read.news`` note: never a row) (``<li><p>…</p></li>`` gives
one list item).

News page furniture (datelines, bylines, photo captions and credits, adverts, "Read more:"
links, share buttons, cookie notices) is moved out of the text into ``credit`` blocks, each with
a ``read.news`` note, by the rules of ``data/news_cleanup.toml`` (:func:`clean_news`).

Bad input never gives a traceback: each problem is an :class:`~easyread.errors.InputError`
with a code, the file name and a hint (see ``docs/cli.md``).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from easyread.document import Block, BlockKind, Document, Source
from easyread.errors import (
    BinaryInput,
    EmptyInput,
    EncodingProblem,
    InputTooLarge,
)
from easyread.inputs import SUFFIXES, read_input

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_CREDIT = re.compile(
    r"^\s*(?:copyright\b|\(c\)|©|all rights reserved|picture\s*(?:\(c\)|©|:)|photo\s*(?:\(c\)|©|:))",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"all rights reserved", re.IGNORECASE)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class RawText:
    """Decoded input text, the encoding used and a note about the decoding (if any)."""

    text: str
    encoding: str
    note: str | None = None


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
        data = read_input(path, max_bytes)
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
    clean_news(doc)
    join_line_break_hyphens(doc)
    undo_ligatures(doc)
    if not any(b.kind != "credit" for b in doc.blocks):
        raise EmptyInput("has no readable text", path=path)
    return doc


# ----------------------------------------------------------------- news furniture (issue 11)

#: The code of the notes that say what :func:`clean_news` moved out of the text.
NEWS_NOTE = "read.news"
_QUOTE_OPEN = "“\"‘'«"


@dataclass(frozen=True)
class NewsRule:
    """One rule of ``easyread/data/news_cleanup.toml`` (see that file for what each does).

    The expressions are compiled on first use (:attr:`pattern`, :attr:`need`): most texts have
    no short block, so the block rules are never matched, and compiling all of them cost every
    cold ``check`` ~6 ms. ``hints``: lower-case strings one of which every match contains,
    ignoring case; a text with none of them is not matched (nor the rule compiled)."""

    id: str
    what: str
    kind: str  # block, lead or tail
    source: str  # the anchored expression of ``pattern``
    flags: int = 0
    need_source: str | None = None
    max_words: int = 0
    min_rest_words: int = 4
    hints: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, self.flags)

    @functools.cached_property
    def need(self) -> re.Pattern[str] | None:
        return re.compile(self.need_source, re.IGNORECASE) if self.need_source is not None else None


@functools.lru_cache(maxsize=1)
def _news_data() -> dict[str, Any]:
    """``news_cleanup.toml``, parsed once (its rules, ``[titles]`` and ``[line_break_hyphen]``)."""
    import tomllib

    from easyread.data import data_path

    return tomllib.loads(data_path("news_cleanup.toml").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def news_rules() -> tuple[NewsRule, ...]:
    """The rules of ``news_cleanup.toml`` (cached; each compiled on first use)."""
    data = _news_data()
    rules = []
    for spec in data["rule"]:
        flags = 0 if spec.get("case") else re.IGNORECASE
        kind = str(spec["kind"])
        if kind not in ("block", "lead", "tail"):
            raise ValueError(f"news_cleanup.toml {spec['id']}: kind must be block, lead or tail")
        body = str(spec["pattern"])
        pattern = {"block": rf"(?:{body})\Z", "lead": rf"(?:{body})", "tail": rf"(?:{body})\Z"}[kind]
        rules.append(NewsRule(
            id=str(spec["id"]), what=str(spec["what"]), kind=kind,
            source=pattern, flags=flags,
            need_source=str(spec["need"]) if spec.get("need") else None,
            max_words=int(spec.get("max_words", 0)),
            min_rest_words=int(spec.get("min_rest_words", 4)),
            hints=_hints(spec),
        ))
    return tuple(rules)


def _hints(spec: dict[str, Any]) -> tuple[str, ...]:
    hints = tuple(str(h) for h in spec.get("hints", ()))
    if any(not h or set(h) - _HINT_CHARS for h in hints):
        raise ValueError(f"news_cleanup.toml {spec['id']}: a hint must be lower-case ASCII letters, "
                         "brackets and dashes")
    return hints


#: The only characters that Python's case-insensitive matching takes for ASCII letters
#: ("İ" and "ı" for i, "ſ" for s, the Kelvin sign for k; tests/test_read_news.py checks every
#: code point): a text without them holds an ASCII hint, ignoring case, only if its ``lower()``
#: holds it.
_CASE_TWINS = "\u0130\u0131\u017f\u212a"
#: What a hint may hold: lower-case ASCII letters and characters without case.
_HINT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz()-\u2013\u2014")


def _hinted(rule: NewsRule, text: str) -> bool:
    """False when ``rule`` cannot match ``text``: the text holds none of its hints."""
    if not rule.hints or (not text.isascii() and any(ch in text for ch in _CASE_TWINS)):
        return True
    low = text.lower()
    return any(hint in low for hint in rule.hints)


def _balanced_quotes(text: str) -> bool:
    """No quotation is open at the end of ``text`` (curly pairs, and straight double quotes)."""
    return text.count("“") <= text.count("”") and text.count('"') % 2 == 0


def _content_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


#: Bounded work: a block rule sees at most this many characters (news furniture is short),
#: a lead or tail rule only this many at the start or the end of a block.
_BLOCK_CHARS = 1500
_EDGE_CHARS = 400


def _news_match(rule: NewsRule, text: str, words: list[str] | None = None) -> re.Match[str] | None:
    """Where ``rule`` matches ``text``, with its safety conditions (see news_cleanup.toml).

    A block rule matches the text with its spaces collapsed (the match is then of that text);
    lead and tail matches are of ``text`` itself (positions count in ``text``). ``words``:
    ``text.split()``, when already known."""
    if rule.kind == "block":
        if len(text) > _BLOCK_CHARS:
            return None
        if words is None:
            words = text.split()
        if rule.max_words and len(words) > rule.max_words:
            return None
        joined = " ".join(words)
        if not _hinted(rule, joined):
            return None
        found = rule.pattern.match(joined)
    elif rule.kind == "lead":
        if not _hinted(rule, text[:_EDGE_CHARS]):
            return None
        found = rule.pattern.match(text, 0, min(len(text), _EDGE_CHARS))
        if found is not None and _content_words(text[found.end():]) < rule.min_rest_words:
            return None
    else:
        start = max(0, len(text) - _EDGE_CHARS)
        if not _hinted(rule, text[start:]):
            return None
        found = rule.pattern.search(text, start)
        if found is not None and (_content_words(text[: found.start()]) < rule.min_rest_words
                                  or not _balanced_quotes(text[: found.start()])):
            return None
    if found is None or not found.group(0).strip():
        return None
    if rule.need is not None and not rule.need.search(found.group(0)):
        return None
    return found


#: Rules whose pieces are about the article (who wrote it, where, when): shown small in the
#: back matter. Adverts, links, share buttons, cookie notices and captions are not.
_METADATA_RULES = ("news.dateline", "news.date_line", "news.stamp", "news.byline", "news.reporting_by")
_NEWS_NOTE_TEXT = re.compile(r"^([\w.]+): .*? moved out of the text: “(.*)”$", re.DOTALL)


def news_metadata(doc: Document) -> list[str]:
    """The datelines, date lines and bylines :func:`clean_news` moved out of ``doc``, in order."""
    found: list[str] = []
    for note in doc.notes:
        if note.code != NEWS_NOTE:
            continue
        match = _NEWS_NOTE_TEXT.match(note.message)
        if match and match.group(1).startswith(_METADATA_RULES):
            piece = match.group(2).rstrip(" -–—:").strip()
            if piece.startswith("(") and piece.endswith(")"):
                piece = piece[1:-1].strip()
            found.append(piece)
    return found


def clean_news(doc: Document) -> list[tuple[str, str]]:
    """Move news page furniture out of the text: datelines, bylines, photo captions and
    credits, "Advertisement", "Read more:" links, share buttons, cookie notices.

    Each piece becomes a block of kind ``credit`` (kept in the document and its JSON; not
    body text, so never a row, never scored or rewritten) and a ``read.news`` note names the
    rule and the text. Quotation blocks and text inside a quotation are never touched (a block
    that opens with a quote mark may only lose a credit after its closed quotation). Block ids are renumbered in reading order (this runs
    before segmentation). Returns ``(rule id, text moved)`` pairs.

    >>> doc = from_text("Prices rise\\nLONDON (Reuters) - Prices rose by 5% in May, the office said.\\nAdvertisement")
    >>> [(b.kind, b.text) for b in doc.blocks]
    [('title', 'Prices rise'), ('credit', 'LONDON (Reuters) -'), ('paragraph', 'Prices rose by 5% in May, the office said.'), ('credit', 'Advertisement')]
    """
    moved: list[tuple[str, str]] = []
    blocks: list[Block] = []
    for block in doc.blocks:
        text = block.text
        if block.kind in ("credit", "title", "heading", "quote"):
            blocks.append(block)
            continue
        quoted = text[:1] in _QUOTE_OPEN  # only a credit after the closed quotation may go
        rule_hit: tuple[NewsRule, re.Match[str]] | None = None
        words = text.split() if len(text) <= _BLOCK_CHARS else None  # once for every block rule
        for rule in news_rules():
            if quoted and rule.kind != "tail":
                continue
            found = _news_match(rule, text, words)
            if found is not None:
                rule_hit = (rule, found)
                break
        if rule_hit is None:
            blocks.append(block)
            continue
        rule, found = rule_hit
        start = block.origin[0] if block.origin else None
        if rule.kind == "block":
            piece = text
            blocks.append(Block(id=block.id, kind="credit", text=text, origin=block.origin, line=block.line))
        else:
            piece = found.group(0).strip()
            rest_at = found.end() if rule.kind == "lead" else 0
            rest = text[found.end():] if rule.kind == "lead" else text[: found.start()]
            lead = len(rest) - len(rest.lstrip())
            rest = rest.strip()
            rest_start = None if start is None else start + rest_at + lead
            piece_start = None if start is None else start + (found.start() + len(found.group(0)) - len(found.group(0).lstrip()))
            piece_block = Block(id=block.id, kind="credit", text=piece,
                                origin=None if piece_start is None else (piece_start, piece_start + len(piece)),
                                line=block.line)
            kept = Block(id=block.id, kind=block.kind, text=rest,
                         origin=None if rest_start is None else (rest_start, rest_start + len(rest)),
                         line=block.line)
            blocks.extend([piece_block, kept] if rule.kind == "lead" else [kept, piece_block])
        moved.append((rule.id, piece))
        doc.note(NEWS_NOTE, None, f"{rule.id}: {rule.what} moved out of the text: “{piece}”")
    if moved:
        for number, block in enumerate(blocks, 1):
            block.id = f"b{number}"
        doc.blocks[:] = blocks
    return moved


#: The rule id of the notes :func:`join_line_break_hyphens` writes.
HYPHEN_RULE = "news.line_break_hyphen"


@functools.lru_cache(maxsize=1)
def _hyphen_rule() -> tuple[re.Pattern[str], frozenset[str]]:
    data = _news_data()["line_break_hyphen"]
    return re.compile(str(data["pattern"])), frozenset(str(w) for w in data["suspended_before"])


def join_line_break_hyphens(doc: Document) -> list[str]:
    """Join the hyphens a line break left in copied text ("phone- wielders" ->
    "phone-wielders"), outside quotations; keep suspended hyphens ("pre- and post-war") and
    dashes (news_cleanup.toml ``[line_break_hyphen]``). Each join is a ``read.news`` note, so
    an editor sees it. A block whose text changed loses its character offsets (its sentences
    keep their line): positions in it would be off by the characters removed. Runs before
    segmentation. Returns the joined words, as they now read.

    >>> doc = from_text("Most phone- wielders are 18- to 24-year-olds, in a much- maligned trend.")
    >>> doc.blocks[0].text
    'Most phone-wielders are 18- to 24-year-olds, in a much-maligned trend.'
    """
    if not any("- " in block.text for block in doc.blocks):
        return []  # most texts: no rule to load (cold ``check`` reads every file through here)
    from easyread.segment import quote_spans

    pattern, suspended = _hyphen_rule()
    joined: list[str] = []
    open_quote = False  # a quotation left open by the block before runs on (as in segment)
    for block in doc.blocks:
        text = block.text
        if block.kind in ("title", "heading"):
            open_quote = False
        carried = open_quote and "“" not in text and "”" not in text
        last_open, last_close = text.rfind("“"), text.rfind("”")
        if last_open > last_close:
            open_quote = block.kind not in ("title", "heading")
        elif last_close > last_open:
            open_quote = False
        if block.kind in ("quote", "credit") or carried or "- " not in text:
            continue
        quotes = quote_spans(text)
        cuts = [m.start() + 1 for m in pattern.finditer(text)
                if m.group(1).lower() not in suspended
                and not any(qs <= m.start() < qe for qs, qe in quotes)]
        if not cuts:
            continue
        for at in cuts:
            left = re.search(r"[\w’'-]*-\Z", text[:at])
            right = re.match(r"[\w’'-]*", text[at + 1 :])
            before = (left.group(0) if left else "-") + " " + (right.group(0) if right else "")
            joined.append(before.replace(" ", ""))
            doc.note(NEWS_NOTE, None, f"{HYPHEN_RULE}: line-break hyphen joined: “{before}” -> "
                                      f"“{before.replace(' ', '')}”")
        pieces, prev = [], 0
        for at in cuts:
            pieces.append(text[prev:at])
            prev = at + 1  # the space after the hyphen
        pieces.append(text[prev:])
        block.text = "".join(pieces)
        block.origin = None
    return joined


#: The rule id of the notes :func:`undo_ligatures` writes.
LIGATURE_RULE = "news.ligature"
#: Unicode's Latin ligatures (U+FB00-FB06) -> their letters, by compatibility decomposition.
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_LIGATURE_CHAR = re.compile(r"[\ufb00-\ufb06]")
_LIGATURE_BEFORE_GAP = re.compile(r"([A-Za-z]*)([\ufb00-\ufb06]) ([a-z]+)")  # "ﬁ nest"
_LIGATURE_AFTER_GAP = re.compile(r"([A-Za-z]+) ([\ufb00-\ufb06][a-z]*)")  # "bene ﬁts"


def undo_ligatures(doc: Document) -> list[str]:
    """Write typographic ligatures as letters ("ﬁve" -> "five") and join the words a PDF copy
    broke at one ("bene ﬁts" -> "benefits", "ﬁ nest" -> "finest"): a space next to a ligature
    inside a word is a copying error, so the join is made only when the joined word is a common
    word (Zipf >= 3) and the piece beside the ligature is not ("be ﬁlled" stays two words). This
    restores the writer's words, in quotations too. Each join is a ``read.news`` note. Returns
    the joined words.

    >>> doc = from_text("It bene \ufb01ts us. The \ufb01 nest view. It will be \ufb01lled. It bene \ufb01 t them.")
    >>> doc.blocks[0].text
    'It benefits us. The finest view. It will be filled. It benefit them.'
    """
    from easyread.data import zipf

    joined: list[str] = []
    for block in doc.blocks:
        text = block.text
        if not _LIGATURE_CHAR.search(text):
            continue  # most texts (a regular expression scans in C: cold ``check`` reads here)

        def join(m: re.Match[str]) -> str:
            if m.re is _LIGATURE_BEFORE_GAP:  # "ﬁ nest": a ligature that ends a piece, a space
                piece, lig, rest = m.group(1), m.group(2), m.group(3)
                word = piece + _LIGATURES[lig] + rest
                alone = piece + _LIGATURES[lig] if piece else ""  # a bare "ﬁ" is no word
            else:  # "bene ﬁts": a piece, a space, then a ligature that starts the rest
                piece, rest_lig = m.group(1), m.group(2)
                word = piece + "".join(_LIGATURES.get(ch, ch) for ch in rest_lig)
                alone = piece
            if zipf(word) < 3.0 or (alone and zipf(alone) >= 3.0):
                return m.group(0)
            joined.append(word)
            doc.note(NEWS_NOTE, None, f"{LIGATURE_RULE}: word broken at a ligature joined: "
                                      f"“{m.group(0)}” -> “{word}”")
            return m.group(0).replace(" ", "")  # the ligature stays for the second pass ("bene ﬁ t")

        new = _LIGATURE_AFTER_GAP.sub(join, _LIGATURE_BEFORE_GAP.sub(join, text))
        new = "".join(_LIGATURES.get(ch, ch) for ch in new)
        if new != text:
            block.text = new
            if len(new) != len(text):
                block.origin = None  # offsets into the source would be off by the removed spaces
    return joined


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
            kind = "title" if is_title_worthy(line) else "heading"
        elif line.startswith(("- ", "* ", "• ")):
            kind = "list_item"
            start += 2
            line = line[2:]
        elif _is_quote_paragraph(line):
            kind = "quote"
        _add(doc, kind, line, start, number)
    if doc.blocks and doc.blocks[0].kind == "title":
        _set_title(doc, doc.blocks[0].text, "headline")
    # No headline line: no title. A file name is never taken for one ("WNL Kate Bush-adv.txt",
    # "Skydiver-adv.txt" are storage codes, and "WNL Young Americans" is about McDonald's):
    # the page shows the profile's neutral heading (render) unless the user gives --title.


#: Where a title came from (``Source.title_source``, written to the JSON as
#: ``source.title_source``): the first line of plain text, the first Markdown ``#``, the first
#: HTML ``<h1>``, the HTML ``<title>``; ``option`` is the user's ``--title``.
TITLE_SOURCES = ("headline", "markdown-h1", "html-h1", "html-title", "option")


def _set_title(doc: Document, title: str, source: str) -> None:
    doc.source.title = title
    doc.source.title_source = source


@functools.lru_cache(maxsize=1)
def _not_titles() -> tuple[frozenset[str], re.Pattern[str]]:
    """``[titles]`` of ``news_cleanup.toml``: section headings that are never a title, and the
    pattern of a numbered heading."""
    data = _news_data()["titles"]
    words = frozenset(" ".join(str(w).lower().split()) for w in data["section_headings"])
    return words, re.compile(str(data["numbered_heading"]))


def is_title_worthy(line: str) -> bool:
    """Whether a document's first heading line can be its title: not a generic section
    heading ("Introduction", "Summary", news_cleanup.toml ``[titles] section_headings``) and
    not a numbered one ("1 Race engineer", "2. Costs"), which head a part of the text, not
    the whole of it (such a line is read as a heading).

    >>> is_title_worthy("Introduction"), is_title_worthy("1 Race engineer"), is_title_worthy("Kate Bush bans phones")
    (False, False, True)
    """
    headings, numbered = _not_titles()
    key = " ".join(line.lower().strip(" .:;!?-–—").split())
    return key not in headings and not numbered.match(line.strip())


def _looks_like_headline(line: str) -> bool:
    """A first line is the headline when it is short and not a run of full sentences.

    News headlines have no final full stop ("Javid to announce CSE strategy after ‘surge’ …");
    an article that starts straight with its first paragraph has no headline line.
    """
    words = line.split()
    if len(words) > 30:
        return False
    ends_sentence = line.rstrip("”’\"') ").endswith(".")
    # Two sentences or more ("Swedish prisons have long had a reputation … But are the
    # country’s prisons a soft option?") are a standfirst or a first paragraph, not a headline.
    several = _SENTENCE_INSIDE.search(line) is not None
    return not ((ends_sentence or several) and len(words) > 12)


_SENTENCE_INSIDE = re.compile(r"[a-z0-9][.!?][”’\"']?\s+[“‘\"]?[A-Z]")


def _is_quote_paragraph(line: str) -> bool:
    return line[:1] in "“\"" and (line.count("“") + line.count('"')) >= 1 and line[-1:] in "”\"" and line.count("“") <= 1


#: markdown-it's guard against deep nesting: past it the parser skips a container's text
#: (its commonmark preset stops at 20). The parse itself recurses, so the guard stays; the
#: reader reads the text of a container cut off there itself (see ``_md_cut_off``).
_MD_MAX_NESTING = 50
_MD_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|#{1,6}(?=[ \t]|$)))*[ \t]*")
_MD_REFERENCE = re.compile(r"^\[[^\]]+\]:")


def _read_markdown(doc: Document) -> None:
    from markdown_it import MarkdownIt

    # Raw HTML is recognised (so it can be dropped) but never passed on: easyread builds its
    # own output from the text, so article HTML cannot reach a template or a renderer.
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": _MD_MAX_NESTING})
    tokens = md.parse(doc.source.text)
    line_starts = [0] + [i + 1 for i, ch in enumerate(doc.source.text) if ch == "\n"]
    stack: list[str] = []
    first_heading = True
    for i, tok in enumerate(tokens):
        if tok.type.endswith("_open"):
            stack.append(tok.type[: -len("_open")])
            if tok.map and i + 1 < len(tokens) and tokens[i + 1].type == stack[-1] + "_close":
                kind: BlockKind = "list_item" if "list_item" in stack else "quote"
                for at, found in _md_cut_off(md, doc.source.text, line_starts, tok):
                    _add(doc, kind, found, _md_start(doc, line_starts, at, found), at + 1)
            continue
        if tok.type.endswith("_close"):
            if stack:
                stack.pop()
            continue
        if tok.type != "inline":
            continue  # code, raw HTML and rules are not prose
        content = _inline_text(tok)
        line = tok.map[0] + 1 if tok.map else None
        start = _md_start(doc, line_starts, tok.map[0], content, tok.map[1]) if tok.map else None
        kind = "paragraph"
        parent = stack[-1] if stack else ""
        if parent == "heading":
            level = tokens[i - 1].tag if i else "h2"
            if first_heading and level == "h1" and not doc.blocks and is_title_worthy(content):
                kind = "title"
                _set_title(doc, content, "markdown-h1")
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


def _md_start(doc: Document, line_starts: list[int], line: int, content: str,
              end_line: int | None = None) -> int | None:
    """The offset of ``content`` in the source, searched from the start of its first line to
    the end of its last (``end_line``, exclusive), never through the rest of the file: content
    that Markdown changed (``*emphasis*``) is not found, and looking for it in every later line
    would make reading quadratic."""
    stop = len(doc.source.text)
    if end_line is not None and end_line < len(line_starts):
        stop = line_starts[end_line]
    at = doc.source.text.find(content[:20], line_starts[line], stop)
    return at if at >= 0 and doc.source.text[at : at + len(content)] == content else None


def _md_cut_off(md: Any, text: str, line_starts: list[int], tok: Any) -> list[tuple[int, str]]:
    """The text of a blockquote or list item that markdown-it left empty at its nesting guard.

    Past ``maxNesting`` markdown-it skips the rest of a container, so a quote nested 30 deep
    would lose its words. An empty container deep down is read here instead: its source lines
    without their quote, list and heading markers, one paragraph per run of non-blank lines,
    each parsed as inline Markdown. An empty container above the guard (``>`` or ``-`` on
    its own) has no words, so nothing is read twice. A list item or a heading down there
    starts a paragraph of its own.
    """
    if tok.level < _MD_MAX_NESTING - 2:
        return []
    first, end = tok.map
    found: list[tuple[int, str]] = []
    para: list[str] = []
    para_line = first

    def flush() -> None:
        if para:
            inline = md.parseInline("\n".join(para))
            content = _inline_text(inline[0]) if inline else ""
            if content:
                found.append((para_line, content))
            para.clear()

    for n in range(first, min(end, len(line_starts))):
        stop = line_starts[n + 1] - 1 if n + 1 < len(line_starts) else len(text)
        raw = text[line_starts[n] : stop]
        marker = _MD_MARKERS.match(raw)
        prefix = marker.group(0) if marker else ""
        line = raw[len(prefix) :].rstrip()
        words = bool(line) and not _MD_REFERENCE.match(line)
        if not words or prefix.strip(" \t>"):
            flush()  # a blank line, or a new list item or heading, ends a paragraph
        if words:
            if not para:
                para_line = n
            para.append(line)
    flush()
    return found


_MD_INLINE_CODE_TAG = re.compile(r"<(/?)(script|style)\b", re.IGNORECASE)


def _inline_text(tok: object) -> str:
    children = getattr(tok, "children", None) or []
    parts: list[str] = []
    in_code = skipped = False  # between inline <script> or <style> and its end tag: not prose
    for child in children:
        if child.type == "html_inline":
            tag = _MD_INLINE_CODE_TAG.match(child.content)
            if tag and not child.content.rstrip().endswith("/>"):
                in_code = not tag.group(1)
            continue
        if in_code:
            skipped = True
            continue
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)  # alt text only; the URL is never fetched
    text = "".join(parts).strip()
    return " ".join(text.split()) if skipped else text


# What the HTML reader leaves out on purpose (the module docstring has the whole policy).
_DROP_TAGS = ("script", "style", "nav", "footer", "aside", "form", "noscript", "template",
              "iframe", "svg", "object", "embed", "button", "select", "link", "meta",
              "head", "title", "audio", "video", "canvas")
_DROP_ROLES = ["navigation", "banner", "contentinfo", "complementary"]
#: A <header> inside one of these is the article's own header (its headline and standfirst),
#: not the page banner, so it is read (the same rule as its implicit ARIA role).
_SCOPED_HEADER = ["article", "main", "section"]
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that start and end a block of text. Text inside any other element (a, em, span,
#: strong, code, an unknown or custom element ...) is part of the surrounding block.
_BOUNDARY_TAGS = _HEADINGS | frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "ol", "optgroup",
    "option", "p", "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "xmp",
})
_PRE_PARAGRAPH = re.compile(r"\n[ \t]*\n")


@functools.lru_cache(maxsize=1)
def _soup_class() -> Any:
    """BeautifulSoup, without a walk to the root for every piece of text it adds.

    Each time the parser adds text after an element, BeautifulSoup's ``_linkage_fixer`` walks
    from the element being filled up to the root looking for a next sibling to link to. While
    parsing, that element and all its ancestors are still open, and an open element has no
    next sibling yet, so the walk finds nothing; but it costs the nesting depth, which makes
    10,000 unclosed tags quadratic. This subclass skips the walk in exactly that case (the
    element being filled is the one open innermost) and otherwise does what BeautifulSoup does.
    """
    from bs4 import BeautifulSoup
    from bs4.element import Tag

    base_fixer = getattr(BeautifulSoup, "_linkage_fixer", None)

    class Soup(BeautifulSoup):  # type: ignore[misc]
        def _linkage_fixer(self, tag: Any) -> None:
            el: Any = tag
            innermost = el is self.currentTag
            if base_fixer is None or not innermost or not el.contents:
                if base_fixer is not None:
                    base_fixer(self, el)
                return
            first = el.contents[0]
            child = el.contents[-1]
            descendant = child
            if child is first and el.parent is not None:
                el.next_element = child
                prev_el = child.previous_element
                if prev_el is not None and prev_el is not el:
                    prev_el.next_element = None
                child.previous_element = el
                child.previous_sibling = None
            child.next_sibling = None
            if isinstance(child, Tag) and child.contents:
                descendant = child._last_descendant(False)
            descendant.next_element = None
            descendant.next_sibling = None

    return Soup


def _children(node: Any) -> list[Any]:
    """A node's children (one call per element visited: the tests count them)."""
    contents: list[Any] = node.contents
    return contents


def _dropped(tag: Any, scoped: bool) -> bool:
    """Left out whatever it holds: page furniture, hidden, or the page's own ``<header>``."""
    if tag.name in _DROP_TAGS or tag.get("role") in _DROP_ROLES:
        return True
    if tag.get("aria-hidden") == "true":
        return True
    hidden = tag.get("hidden")
    if hidden is not None and hidden != "until-found":  # until-found: shown when searched
        return True
    return tag.name == "header" and not scoped


def _html_plan(soup: Any) -> tuple[set[int], Any]:
    """What the reader leaves out (element ids) and where it starts (the main element).

    One walk over the tree with an explicit stack, so the work is linear in the size of the
    page however deeply its elements nest (10,000 unclosed ``<pre>`` or ``<header>`` tags
    included): an element is dropped from what it is and what is around it (tag, role,
    ``hidden``, ``aria-hidden``; a ``<header>`` outside ``<article>``, ``<main>`` and
    ``<section>``), and a ``<pre>`` is dropped when anything it holds is ``<code>`` (a code
    listing), which the walk learns when it leaves the ``<pre>``. The main element is the first
    ``<article>`` not dropped, else ``<main>``, else ``<body>``, else the whole page.
    """
    from bs4.element import Tag

    skip: set[int] = set()
    first: dict[str, Any] = {}
    # (element, its children, inside article/main/section, holds <code>)
    stack: list[list[Any]] = [[soup, iter(_children(soup)), False, False]]
    while stack:
        frame = stack[-1]
        child = next(frame[1], None)
        if child is None:
            stack.pop()
            node, has_code = frame[0], frame[3]
            if has_code and getattr(node, "name", None) == "pre":
                skip.add(id(node))
            if has_code and stack:
                stack[-1][3] = True
            continue
        if not isinstance(child, Tag):
            continue
        scoped = frame[2]
        if _dropped(child, scoped):
            skip.add(id(child))
            continue
        name = child.name
        if name == "code":
            frame[3] = True
        stack.append([child, iter(_children(child)), scoped or name in _SCOPED_HEADER, False])
    # The first article, main or body outside everything dropped (a dropped <pre> included).
    stack2: list[Any] = [iter(_children(soup))]
    while stack2 and len(first) < 3:
        child = next(stack2[-1], None)
        if child is None:
            stack2.pop()
            continue
        if not isinstance(child, Tag) or id(child) in skip:
            continue
        if child.name in ("article", "main", "body"):
            first.setdefault(child.name, child)
        stack2.append(iter(_children(child)))
    root = first.get("article") or first.get("main") or first.get("body") or soup
    return skip, root


_HTML_CAPTION_RULE = "news.caption.html"
_PICTURE_TAGS = frozenset({"img", "picture", "video", "svg"})


def _shows_a_picture(figure: Any) -> bool:
    """Is ``figure`` a ``<figure>`` with a picture among its children or grandchildren?
    (Bounded: a caption's figure is looked at two levels deep, not searched.)"""
    from bs4.element import Tag

    if not isinstance(figure, Tag) or figure.name != "figure":
        return False
    for child in figure.children:
        if isinstance(child, Tag):
            if child.name in _PICTURE_TAGS:
                return True
            if any(isinstance(g, Tag) and g.name in _PICTURE_TAGS for g in child.children):
                return True
    return False


def _read_html(doc: Document) -> None:
    """Read the main text of an HTML page: every text node once, in document order.

    The tree is walked with an explicit stack (no recursion, so nesting depth does not matter).
    Text is gathered into a run until the walk enters or leaves a block element (``p``, ``li``,
    ``div``, ``td``, ``blockquote`` ...), and each non-empty run becomes one block. So
    ``<li><p>…</p></li>``, text beside a nested list, text straight inside ``<div>``,
    ``<section>``, ``<td>`` or ``<details>`` all give one block each, and none is read twice.
    A run's kind comes from the elements around it: heading (the first ``<h1>``, before any
    other text, is the title), else list item (inside ``<li>``), else quote (inside
    ``<blockquote>``), else paragraph.
    """
    from bs4.element import NavigableString, PreformattedString, Tag

    soup: Any = _soup_class()(doc.source.text, "html.parser")
    title_tag = soup.find("title")
    if not doc.source.title and title_tag is not None:
        found = " ".join(title_tag.get_text(" ").split())
        if found:
            _set_title(doc, found, "html-title")
    skip, root = _html_plan(soup)

    run: list[str] = []  # the text of the block being gathered
    run_line: int | None = None  # the source line where its first word is
    line: int | None = getattr(root, "sourceline", None)  # the line the walk has reached
    headings: list[str] = []  # open heading elements, innermost last
    depth = {"li": 0, "blockquote": 0, "pre": 0}
    captions: set[int] = set()  # open <figcaption>s of a figure with a picture (issue 11)
    pictured: dict[int, bool] = {}  # figure -> has a picture
    after_br = False

    def flush() -> None:
        nonlocal run_line
        text, first_line = "".join(run), run_line
        run.clear()
        run_line = None
        if not text.strip():
            return
        kind: BlockKind = "paragraph"
        if headings:
            kind = "heading"
            if headings[-1] == "h1" and not doc.blocks and is_title_worthy(" ".join(text.split())):
                kind = "title"
        elif captions:
            kind = "credit"  # a photo caption: kept, never a row
            doc.note(NEWS_NOTE, None, f"{_HTML_CAPTION_RULE}: photo caption moved out of the text: "
                     f"“{' '.join(text.split())}”")
        elif depth["li"]:
            kind = "list_item"
        elif depth["blockquote"]:
            kind = "quote"
        # Preformatted text keeps its line breaks: a blank line separates paragraphs.
        at, lead = 0, len(text) - len(text.lstrip())
        for gap in [*(_PRE_PARAGRAPH.finditer(text) if depth["pre"] else ()), None]:
            part = text[at : gap.start() if gap else len(text)]
            clean = " ".join(part.split())
            if clean:
                part_line = first_line
                if part_line is not None:
                    part_line += text.count("\n", lead, at + len(part) - len(part.lstrip()))
                if kind == "title":
                    _set_title(doc, clean, "html-h1")
                _add(doc, kind, clean, None, part_line)
                if kind == "title":
                    kind = "heading"
            at = gap.end() if gap else len(text)

    stack: list[tuple[Any, Any]] = [(root, iter(_children(root)))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            name = node.name if isinstance(node, Tag) else None
            if name in _BOUNDARY_TAGS:
                flush()
                after_br = False
            if name in _HEADINGS:
                headings.pop()
            elif name in depth:
                depth[name] -= 1
            captions.discard(id(node))
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            if not isinstance(child, PreformattedString):  # comments, CDATA, doctypes
                stripped = text.lstrip()
                if stripped:
                    after_br = False
                    if run_line is None and line is not None:
                        run_line = line + text.count("\n", 0, len(text) - len(stripped))
                run.append(text)
            if line is not None:
                line += text.count("\n")
            continue
        if not isinstance(child, Tag) or id(child) in skip:
            continue
        name = child.name
        line = getattr(child, "sourceline", None) or line
        if name == "br":
            if depth["pre"]:
                run.append("\n")
            elif after_br:
                flush()  # <br><br> separates paragraphs
            else:
                run.append(" ")
                after_br = True
            continue
        if name in _BOUNDARY_TAGS:
            flush()
            after_br = False
        if name in _HEADINGS:
            headings.append(name)
        elif name in depth:
            depth[name] += 1
        elif name == "figcaption":
            figure = id(child.parent)
            if figure not in pictured:  # once per figure, however many captions it has
                pictured[figure] = _shows_a_picture(child.parent)
            if pictured[figure]:
                captions.add(id(child))
        stack.append((child, iter(_children(child))))

    flush()
    if doc.blocks and _is_credit(doc.blocks[-1].text) and len(doc.blocks) > 1:
        doc.credit = doc.blocks.pop().text

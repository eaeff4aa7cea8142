"""Document -> one self-contained, accessible HTML page (the source for both HTML and PDF).

The page is built with a Jinja2 template (``template.html.j2``) in an environment with
``autoescape=True``: every piece of article text is escaped, so markup in an article is shown
as text and never reaches WeasyPrint as HTML (threat T4). The only unescaped strings are
easyread's own markup (``<strong>``, ``<abbr>``) around already-escaped text, the CSS (easyread's
stylesheets plus the caller's ``--css``, with ``</`` neutralised so it cannot close the
``<style>`` element) and picture ``data:`` URLs made here from bundled SVG files.

Layout per profile (see ``styles/``):

* ``easy-read``: a cover (title, what it is a version of), then one sentence
  per row with the picture on the left and the words on the right (EL-07), then a
  "Hard words" box (``<dl>`` with ``<dfn>``; ``<abbr title>`` for acronyms), then the credits;
* ``large-print``: the same rows without pictures, at 18 pt or more;
* ``plain``: a clean single-column article.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from easyread.config import MIN_BODY_PT, Config, default_config
from easyread.document import Block, Document, GlossEntry, Sentence
from easyread.errors import ProfileError, RenderError

__all__ = [
    "OPENMOJI_CREDIT",
    "FONT_CREDIT",
    "MIN_BODY_PT",
    "RenderSettings",
    "build_html",
    "clean_text",
    "load_css",
    "settings_for",
]

#: The attribution OpenMoji asks for (CC BY-SA 4.0).
OPENMOJI_CREDIT = (
    "All emojis designed by OpenMoji – the open-source emoji and icon project. "
    "License: CC BY-SA 4.0"
)
OPENMOJI_LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
FONT_CREDIT = "Font: Source Sans Pro by Adobe, licensed under the SIL Open Font License 1.1."

#: The note code recorded on a document whose pictures follow a sensitive topic's rules.
PICTURE_NOTE = "pictures.sensitive"

#: The line under the "Hard words" title (the box holds terms not explained in the text).
TERMS_INTRO = "What these words mean:"

#: Every h2 is this many times the profile's body size.
H2_SCALE = 1.35


@dataclass(frozen=True)
class RenderSettings:
    """How one profile is laid out: its traits from the config (:func:`settings_for`;
    ``font_size_pt`` can be raised per profile: ``[profiles.easy-read.render] font_size_pt = 18``)."""

    profile: str
    stylesheet: str
    layout: str  # "rows" (one sentence per row) or "article"
    pictures: bool
    font_size_pt: float
    min_font_size_pt: float
    max_pages: int  # EL-09: UK gov says 24 pages or fewer
    version_note: str
    #: The editor's picture decisions (``[review] decisions = FILE``; easyread.render.review).
    decisions: Any = None
    #: The cover heading of a document with no title (``untitled`` in the profile's render table).
    untitled: str = "An easy read article"


def settings_for(profile: str, config: Config | None = None) -> RenderSettings:
    """The render settings for ``profile``: its typed traits (``[profiles.<name>.render]`` in
    ``default_config.toml``, as the config may change them) and the config's
    ``[review] decisions``.

    >>> settings_for("easy-read").font_size_pt
    16.0
    >>> settings_for("large-print").pictures
    False
    """
    config = config or default_config()
    traits = config.profile_settings(profile).render
    if traits is None:
        raise ProfileError(f"no page layout for profile {profile!r}: give it a [profiles.{profile}.render] table")
    decisions = None
    if config.review_decisions:
        from easyread.render.review import load_decisions

        decisions = load_decisions(config.review_decisions)
    return RenderSettings(profile, traits.stylesheet, traits.layout, traits.pictures, traits.font_size_pt,
                          traits.min_font_size_pt, traits.max_pages, traits.version_note, decisions,
                          traits.untitled)


# --------------------------------------------------------------------------- text hygiene
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Make article text safe to serialise: lone surrogates become U+FFFD (WeasyPrint raises
    UnicodeEncodeError on them, T4) and control characters other than tab/newline go.

    >>> clean_text("a\\udc80b\\x00c")
    'a\\ufffdbc'
    """
    return _CONTROLS.sub("", _SURROGATES.sub("\ufffd", text))


# --------------------------------------------------------------------------- CSS
_FONT_URL = re.compile(r'url\("easyread-font:([A-Za-z0-9_.-]+)"\)\s*format\("truetype"\)')

#: The characters the HTML page's embedded font keeps: Latin (ASCII, Latin-1, Latin
#: Extended-A), general punctuation, the euro and trade mark signs. Others fall back to Arial.
WEB_FONT_CHARS = "".join(
    chr(c) for lo, hi in ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x203A), (0x20AC, 0x20AC),
                          (0x2122, 0x2122), (0x2212, 0x2212))
    for c in range(lo, hi + 1)
)


@functools.lru_cache(maxsize=4)
def web_font_source(name: str) -> str:
    """A CSS ``src`` for the bundled font file ``name``: a ``data:`` URL of a subset of it
    (:data:`WEB_FONT_CHARS`, no OpenType layout tables, about 36 kB), so the HTML page shows
    Source Sans Pro in any browser without loading a file. ``local()`` when the font package
    or the file is missing."""
    import io

    local = f'local("{Path(name).stem.replace("-", " ")}")'
    try:
        import font_source_sans_pro
        from fontTools import subset  # type: ignore[import-untyped]
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    except ImportError:
        return local
    path = Path(font_source_sans_pro.font_directory) / name
    if not path.is_file():
        return local
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(str(path), recalcTimestamp=False)  # the same bytes on every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=WEB_FONT_CHARS)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    data = base64.b64encode(out.getvalue()).decode("ascii")
    return f'url("data:font/ttf;base64,{data}") format("truetype")'


def styles_path() -> Path:
    """The packaged ``easyread/styles`` folder (mapped from the top-level ``styles/``)."""
    return Path(str(resources.files("easyread.styles")))


@functools.lru_cache(maxsize=16)
def _read_style(folder: str, name: str) -> str:
    path = Path(folder) / name
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"cannot read stylesheet {path}: {exc}") from None


def load_css(
    settings: RenderSettings,
    extra_css: str | None = None,
    *,
    for_pdf: bool,
    folder: Path | None = None,
) -> str:
    """easyread's CSS for a profile, the configured body size, then the caller's CSS.

    For HTML output the bundled-font URLs become ``data:`` URLs of a subset of the font
    (:func:`web_font_source`), so browsers use it; PDF output keeps them for the URL fetcher.
    """
    where = str(folder or styles_path())
    parts = [
        _read_style(where, "base.css"),
        _read_style(where, settings.stylesheet),
        f"/* profile settings */\nbody {{ font-size: {settings.font_size_pt:g}pt; }}\n"
        # One size for every h2 (the hard-words box and the back matter too).
        f"h2, footer.back-matter h2 {{ font-size: {settings.font_size_pt * H2_SCALE:.1f}pt; }}\n",
    ]
    if extra_css:
        parts.append("/* user stylesheet (--css) */\n" + clean_text(extra_css))
    css = "\n".join(parts)
    if not for_pdf:
        css = _FONT_URL.sub(lambda m: web_font_source(m.group(1)), css)
    # A stylesheet must not be able to close the <style> element (CSS accepts "\/" for "/").
    return re.sub(r"<(?=/)", r"<\\", css).replace("<!--", "<\\!--")


# --------------------------------------------------------------------------- pictures
@functools.lru_cache(maxsize=512)
def _picture_data_url(hexcode: str) -> str | None:
    from easyread.render.pictures import Picture, svg_path

    try:
        path = svg_path(Picture(keyword="", picture=hexcode, alt=""))
    except FileNotFoundError:
        return None
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:image/svg+xml;base64,{data}"


@dataclass(frozen=True)
class PictureView:
    src: str
    alt: str
    keyword: str


def _words(sentence: Sentence) -> list[str]:
    return [clean_text(w) for w in (sentence.words() or sentence.text.split())]


def picture_plan(doc: Document, decisions: Any = None) -> Any:
    """The picture of every row (:func:`easyread.render.pictures.plan_pictures`): body sentences
    outside headings, in reading order, and the title for the document's topics.
    ``decisions`` (:class:`easyread.render.review.Decisions`) override rows by sentence text."""
    from easyread.render.pictures import plan_pictures

    sentences = [s for b in _body_blocks(doc) if b.kind != "heading" for s in b.sentences if s.text.strip()]
    by_id: dict[str, str] = {}
    if decisions is not None:
        for s in sentences:
            action = decisions.picture(s.text)
            if action:
                by_id[s.id] = action
    return plan_pictures([(s.id, _words(s)) for s in sentences], clean_text(doc.title or "").split(), by_id)


def _picture_view(picture: Any) -> PictureView | None:
    if picture is None:
        return None
    src = _picture_data_url(picture.picture)
    if src is None or not picture.alt.strip():
        return None  # no file or no alt text: better no picture than an unlabelled one
    return PictureView(src=src, alt=clean_text(picture.alt), keyword=picture.keyword)


# --------------------------------------------------------------------------- sentences
def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


def _escape(text: str) -> Any:
    from markupsafe import escape

    return escape(clean_text(text))


@functools.lru_cache(maxsize=1)
def _keep_together() -> re.Pattern[str] | None:
    """The phrases of ``data/keep_together.toml`` as one pattern (None when there are none)."""
    import tomllib

    from easyread.data import data_path

    patterns = tomllib.loads(data_path("keep_together.toml").read_text("utf-8")).get("patterns", [])
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


#: A space before a closing quote or punctuation mark (a stray one left in the text): the mark
#: must not start a line on its own ("took well / ”.").
_SPACE_BEFORE_CLOSER = re.compile(r"[ \t](?=[”,.;:!?)\]](?!\d))")  # not ".5": a number, not a closer


def keep_together(text: str) -> str:
    """No-break spaces inside number phrases, dates, initials and titles, so "2 in 5" and
    "L. Ron Hubbard" never break across lines (``data/keep_together.toml``), and before a
    closing quote or punctuation mark, which never starts a line.

    >>> keep_together("About 2 in 5 people met L. Ron Hubbard on 5 March.").count("\u00a0")
    4
    >>> keep_together("It took well ”.")
    'It took well\xa0”.'
    """
    text = _SPACE_BEFORE_CLOSER.sub("\u00a0", text)
    pattern = _keep_together()
    if pattern is None:
        return text
    return pattern.sub(lambda m: re.sub(r"[ \t]", "\u00a0", m.group(0)), text)


def _term_pattern(term: str) -> re.Pattern[str]:
    """The term as a whole word, also with a plural or past ending ("estimate" finds
    "Estimates", "firearm" "firearms") and with or without a hyphen ("wifi" finds "Wi-fi"):
    the glossary finds terms across inflections, so the word shown bold is the one the text
    uses.

    >>> bool(_term_pattern("wifi").search("No Wi-fi here")), bool(_term_pattern("press conference").search("press-conferences"))
    (True, True)
    >>> bool(_term_pattern("art").search("party")), bool(_term_pattern("UK").search("UKIP"))
    (False, False)
    >>> bool(_term_pattern("local authority").search("some local authorities")), bool(_term_pattern("day").search("days"))
    (True, True)
    """
    plural_y = len(term) > 2 and term[-1] in "yY" and term[-2].lower() not in "aeiou"
    stem = term[:-1] if plural_y else term
    body = "".join(
        r"[\s\-\u2011]?" if ch in " -\u2011" else re.escape(ch) + (r"-?" if ch.isalpha() and nxt.isalpha() else "")
        for ch, nxt in zip(stem, stem[1:] + " ", strict=True)
    )  # a hyphen may come or go: "wifi" finds "Wi-fi", "e-mail" finds "email"
    if plural_y:  # "local authority" finds "local authorities"
        return re.compile(r"(?<!\w)" + body + r"(?:y|ies|ied)(?!\w)", re.IGNORECASE)
    return re.compile(r"(?<!\w)" + body + r"(?:s|es|d|ed)?(?!\w)", re.IGNORECASE)


def is_explained(entry: GlossEntry) -> bool:
    """Whether easyread can tell the reader what ``entry`` means: it has an explanation, or it
    is an acronym with its expansion. A term nobody explained (source ``missing``: a rare word
    or an unknown acronym, left for an editor, ``W611``) is not shown as a hard word."""
    return bool(entry.explanation.strip()) or (entry.kind == "acronym" and bool((entry.expansion or "").strip()))


def sentence_html(text: str, entries: Iterable[GlossEntry] = ()) -> Any:
    """Escape a sentence and mark the first use of each glossary term.

    A term is bold (``<strong>``); an acronym with an expansion is also ``<abbr title>``.

    >>> str(sentence_html("Call the <b>NSPCC</b>.", [GlossEntry("NSPCC", "A charity.", "s1",
    ...     "builtin", "acronym", "National Society for the Prevention of Cruelty to Children")]))
    'Call the &lt;b&gt;<strong><abbr title="National Society for the Prevention of Cruelty to Children">NSPCC</abbr></strong>&lt;/b&gt;.'
    """
    text = clean_text(text)
    spans: list[tuple[int, int, GlossEntry]] = []
    for entry in entries:
        if not entry.term.strip():
            continue
        match = _term_pattern(clean_text(entry.term)).search(text)
        if match and not any(s < match.end() and match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), entry))
    spans.sort(key=lambda span: span[0])
    text = keep_together(text)  # same length: only spaces become no-break spaces
    out: list[str] = []
    at = 0
    for start, end, entry in spans:
        out.append(str(_escape(text[at:start])))
        inner = str(_escape(text[start:end]))
        if entry.kind == "acronym" and entry.expansion:
            inner = f'<abbr title="{_escape(entry.expansion)}">{inner}</abbr>'
        out.append(f"<strong>{inner}</strong>")
        at = end
    out.append(str(_escape(text[at:])))
    return _markup("".join(out))


# --------------------------------------------------------------------------- page model
@dataclass
class Row:
    html: Any
    picture: PictureView | None
    kind: str  # text, gloss


@dataclass
class Group:
    kind: str  # rows, list, quote, heading, paragraph
    rows: list[Row] = field(default_factory=list)
    html: Any = None  # heading text, or a whole paragraph for the plain layout


@dataclass
class Term:
    term: str
    explanation: str
    expansion: str | None
    acronym: bool

    @property
    def definition(self) -> str:
        """The explanation, led by the expansion of an acronym when it does not say it."""
        if self.acronym and self.expansion and self.expansion.lower() not in self.explanation.lower():
            return f"{self.term} stands for {self.expansion}. {self.explanation}".strip()
        return self.explanation


def explained_inline(doc: Document) -> set[str]:
    """Glossary terms (lower case) whose explanation sentence is in the body, right after the
    sentence where the term is first used (the gloss stage inserts it there)."""
    anchors: dict[str, list[str]] = {}
    for block in _body_blocks(doc):
        for sentence in block.sentences:
            if sentence.kind == "gloss" and ".g" in sentence.id:
                anchors.setdefault(sentence.id.rsplit(".g", 1)[0], []).append(sentence.text)
    found: set[str] = set()
    for entry in doc.glossary:
        term = clean_text(entry.term.strip())
        if not term or not entry.first_sentence_id:
            continue
        pattern = _term_pattern(term)
        explanation = _same_words(entry.explanation)
        for text in anchors.get(entry.first_sentence_id, ()):
            # The sentence names the term, spelt as in the glossary or not ("Wi-fi" for the
            # term "wifi"), or it is the entry's own explanation.
            if pattern.search(clean_text(text)) or (explanation and _same_words(text) == explanation):
                found.add(term.lower())
    return found


def _glossary_terms(doc: Document) -> list[Term]:
    """The "Hard words" box: glossary terms in first-use order, except those already explained
    in a sentence of their own where they are first used (the box would only repeat them)."""
    seen: set[str] = set(explained_inline(doc))
    terms: list[Term] = []
    for entry in doc.glossary:
        key = clean_text(entry.term.strip()).lower()
        if not key or key in seen or not is_explained(entry):
            continue
        seen.add(key)
        acronym = entry.kind == "acronym"
        terms.append(
            Term(
                clean_text(entry.term.strip()),
                clean_text(entry.explanation.strip()),
                clean_text(entry.expansion) if entry.expansion else None,
                acronym,
            )
        )
    return terms


#: The height of an A4 page's text area in mm (the @page margins of styles/base.css).
_PAGE_TEXT_MM = 297 - 22 - 24
#: Characters a line of the box holds at the least (its 25em measure at a wide 0.55em average).
_BOX_CHARS = 45


#: A box this share of the page's text area or shorter is kept whole (see :func:`box_is_short`).
SHORT_BOX_SHARE = 0.4


def box_height_mm(terms: list[Term], font_size_pt: float) -> float:
    """The "Hard words" box's height in mm, by an estimate that errs high (wide characters,
    every explanation line full)."""
    em = font_size_pt * 25.4 / 72
    line = 1.5 * em
    height = 3.0 + 1.0 * em + 1.35 * em * (1.25 + 0.8) + line + 0.4 * em  # border, padding, h2, intro
    for term in terms:
        lines = 1 + max(1, -(-len(term.definition) // _BOX_CHARS))
        height += lines * line + 1.0 * em  # term and explanation; the space around them
    return height


def box_is_short(terms: list[Term], font_size_pt: float) -> bool:
    """Whether the "Hard words" box is short enough to keep whole (``class="whole"``,
    ``break-inside: avoid``): at most :data:`SHORT_BOX_SHARE` of a page. A short box that does
    not fit under the last row moves to the next page and leaves at most 40 % of a page
    blank; cut, it would be a heading and a term or two at a page's foot. A longer box starts
    right under the last row and breaks between entries (a term stays with its explanation,
    the heading and intro with the first entry), under a "Hard words (continued)" cue on the
    next page: kept whole, it jumped to a page of its own after a half-empty one (blind page
    reviews, issue 11).

    >>> t = Term("term", "An explanation of two lines or so, long enough to wrap once.", None, False)
    >>> box_is_short([t] * 2, 16), box_is_short([t] * 6, 16)
    (True, False)
    """
    return box_height_mm(terms, font_size_pt) <= SHORT_BOX_SHARE * _PAGE_TEXT_MM


def _marks_by_sentence(doc: Document) -> dict[str, list[GlossEntry]]:
    """Sentence id -> glossary entries to bold there: the first use and its gloss sentences.

    Only terms that are explained (:func:`is_explained`: in a sentence of their own or in the
    "Hard words" box) are bold: bold tells the reader "this word is explained", so a word
    with no explanation anywhere stays in regular type (blind picture review 9)."""
    marks: dict[str, list[GlossEntry]] = {}
    anchors: dict[str, list[GlossEntry]] = {}
    for entry in doc.glossary:
        if entry.first_sentence_id and is_explained(entry):
            marks.setdefault(entry.first_sentence_id, []).append(entry)
            anchors.setdefault(entry.first_sentence_id, []).append(entry)
    for block in doc.blocks:
        for sentence in block.sentences:
            if sentence.kind == "gloss" and ".g" in sentence.id:
                anchor = sentence.id.rsplit(".g", 1)[0]
                if anchor in anchors:
                    marks.setdefault(sentence.id, []).extend(anchors[anchor])
    return marks


#: Split rules that move who said something into a sentence of its own after what was said
#: ("…. The Home Office said this.", "“…” He said this.", "…. This is according to X.").
ATTRIBUTION_RULES = frozenset({"split.attribution.v1", "split.attribution_lead.v1", "split.reported.v1"})


def attribution_units(doc: Document) -> dict[str, str]:
    """Sentence id -> the id of the sentence an attribution split cut it from, for every piece
    of such a split: what was said (however many sentences later splits made of it) and the
    "X said this." sentence after it. The rows layout prints them in ONE row, so "He said
    this." never stands alone, away from the words (quoted or reported) it points to (blind
    page reviews, issue 11). Explanation sentences (gloss) keep rows of their own.

    >>> from easyread.pipeline import document_from_text, process
    >>> from easyread.config import load_config
    >>> doc = process(document_from_text("Crime fell by a fifth in the city over the last two years, the police said."),
    ...               load_config(profile="easy-read", use_project=False))
    >>> [s.text for s in doc.body_sentences()], sorted(set(attribution_units(doc).values()))
    (['Crime fell by a fifth in the city over the last 2 years.', 'The police said this.'], ['b1.s1'])
    """
    cut = sorted({e.sentence_id for e in doc.edits if e.rule in ATTRIBUTION_RULES and e.sentence_id},
                 key=lambda sid: sid.count("."))  # the outermost split first
    units: dict[str, str] = {}
    if not cut:
        return units
    for block in _body_blocks(doc):
        for sentence in block.sentences:
            if sentence.kind == "gloss" or sentence.id in units:
                continue
            for sid in cut:
                if sentence.id.startswith(sid + "."):
                    units[sentence.id] = sid
                    break
    return units


def row_units(block: Block, together: Mapping[str, str]) -> list[list[Sentence]]:
    """The block's sentences, one list per row: one sentence, or the consecutive pieces of one
    attribution split (:func:`attribution_units`). Emptied sentences (an editor's decision) go."""
    units: list[list[Sentence]] = []
    last: str | None = None
    for sentence in block.sentences:
        if not sentence.text.strip():
            continue
        key = together.get(sentence.id)
        if key is not None and key == last and units:
            units[-1].append(sentence)
        else:
            units.append([sentence])
        last = key
    return units


def _body_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind not in ("title", "credit") and b.sentences]


def _groups(doc: Document, settings: RenderSettings, plan: Any = None) -> Iterator[Group]:
    marks = _marks_by_sentence(doc)
    chosen = plan.pictures if plan is not None else {}
    together = attribution_units(doc)
    current_list: Group | None = None
    for block in _body_blocks(doc):
        if block.kind == "heading":
            if current_list:
                yield current_list
                current_list = None
            text = " ".join(s.text for s in block.sentences)
            yield Group("heading", html=_escape(text))
            continue
        if settings.layout == "article":
            if block.kind == "list_item":
                current_list = current_list or Group("list")
                current_list.rows.append(Row(_sentences_html(block.sentences, marks), None, "text"))
                continue
            if current_list:
                yield current_list
                current_list = None
            kind = {"quote": "quote", "standfirst": "standfirst"}.get(block.kind, "paragraph")
            yield Group(kind, html=_sentences_html(block.sentences, marks))
            continue
        rows: list[Row] = []
        for unit in row_units(block, together):
            picture = next((chosen[s.id] for s in unit if s.id in chosen), None) if settings.pictures else None
            rows.append(Row(
                _sentences_html(unit, marks) if len(unit) > 1 else sentence_html(unit[0].text, marks.get(unit[0].id, ())),
                _picture_view(picture) if settings.pictures else None,
                "gloss" if unit[0].kind == "gloss" else "text",
            ))
        if not rows:
            continue
        if block.kind == "list_item":
            current_list = current_list or Group("list")
            current_list.rows.extend(rows)
            continue
        if current_list:
            yield current_list
            current_list = None
        yield Group("quote" if block.kind == "quote" else "rows", rows=rows)
    if current_list:
        yield current_list


def _sentences_html(sentences: list[Sentence], marks: Mapping[str, list[GlossEntry]]) -> Any:
    return _markup(" ".join(str(sentence_html(s.text, marks.get(s.id, ()))) for s in sentences if s.text.strip()))


def page_title(doc: Document, settings: RenderSettings) -> str:
    """The cover heading and the page's ``<title>``: the document's title (the user's
    ``--title``, else the one in the text), else the profile's neutral ``untitled`` heading.
    A file name is never a title: stems such as "WNL Kate Bush-adv" are storage codes, and a
    name can be wrong about the text (blind page reviews, issue 11)."""
    return " ".join(clean_text(doc.title or "").split()) or settings.untitled


def _about(doc: Document) -> str | None:
    """One line on what the document is about, for the page's ``<meta name="description">``:
    the standfirst, or else the first sentence of the body."""
    blocks = _body_blocks(doc)
    for kinds in (("standfirst",), ("standfirst", "paragraph", "list_item", "quote")):
        for block in blocks:
            if block.kind in kinds:
                return clean_text(block.sentences[0].text)
    return None


def _same_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", clean_text(text).lower()))


def cover_about(doc: Document, about: str | None) -> str | None:
    """The cover's bold "what it is about" line: ``about`` only when the body does not print
    the same sentence. A reader gets every sentence once: the first sentence of an article is
    row 1 (with its picture and explanations), not also a summary on the cover (blind picture
    reviews 6–9: "the first sentence of every article is printed twice")."""
    if not about:
        return None
    key = _same_words(about)
    if any(_same_words(s.text) == key for b in _body_blocks(doc) for s in b.sentences):
        return None
    return about


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("easyread.render", "."),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def build_html(
    doc: Document,
    settings: RenderSettings,
    *,
    extra_css: str | None = None,
    for_pdf: bool = False,
    styles: Path | None = None,
) -> str:
    """Render ``doc`` as one HTML page for ``settings`` (see the module docstring)."""
    from easyread import __version__
    from easyread.read import news_metadata

    plan = picture_plan(doc, settings.decisions) if settings.pictures and settings.layout == "rows" else None
    groups = list(_groups(doc, settings, plan))
    pictures_used = any(row.picture for g in groups for row in g.rows)
    picture_note = plan.message() if plan is not None else None
    if picture_note and not any(n.code == PICTURE_NOTE for n in doc.notes):
        doc.note(PICTURE_NOTE, None, picture_note)  # shown in the ledger and JSON output
    # "This is an easy read version of “…”" names the original's own title, never a file name
    # nor the user's --title (which is this version's title, not the original's).
    source_title = " ".join(clean_text(doc.source.title or "").split()) or None

    about = _about(doc)
    terms = _glossary_terms(doc)
    template = _environment().get_template("template.html.j2")
    return str(
        template.render(
            lang=clean_text(doc.lang or "").strip(),
            title=page_title(doc, settings),
            title_source=(doc.title_source if (doc.title or "").strip() else None) or "none",
            about=about,
            cover_about=cover_about(doc, about),
            source_title=source_title,
            credit=clean_text(doc.credit).strip() if doc.credit else None,
            news_meta=clean_text("; ".join(news_metadata(doc))) or None,
            version_note=settings.version_note,
            settings=settings,
            groups=groups,
            terms=terms,
            box_whole=box_is_short(terms, settings.font_size_pt),
            terms_intro=TERMS_INTRO,
            pictures_used=pictures_used,
            picture_note=picture_note,
            picture_topics=" ".join(plan.document_topics) if plan is not None else "",
            openmoji_credit=OPENMOJI_CREDIT,
            openmoji_license_url=OPENMOJI_LICENSE_URL,
            font_credit=FONT_CREDIT,
            css=_markup(load_css(settings, extra_css, for_pdf=for_pdf, folder=styles)),
            version=__version__,
        )
    )

"""The ``numbers`` stage: big numbers, money, percentages and number words in plain forms.

Guidance: Inclusion Europe, *Information for all* (2009): write numbers as digits; avoid big
numbers and percentages. WCAG 3 draft clear-language style guide: avoid non-essential
numbers and explain essential ones. The tables (number words, scales, fractions) are data:
``easyread/data/numbers.toml``. Years and dates are never changed (a 4-digit number without a
comma is left alone), nor anything inside a quotation (the stage skips protected spans).
"""

from __future__ import annotations

import math
import re
from typing import Any

from easyread.data import number_words, numbers_table
from easyread.document import Document, Sentence
from easyread.nlp import indefinite_article
from easyread.pipeline import Context, FunctionStage
from easyread.rewrite.rules import Proposal, RuleContext, RuleSpec, apply_replacements, match_case

_HEDGES = frozenset(
    {"about", "around", "nearly", "almost", "approximately", "roughly", "some", "over",
     "under", "than", "to", "up", "circa", "c"}
)
_LARGE = re.compile(r"(?<![\d.,£$€¥\w])(\d{1,3}(?:,\d{3})+|\d{5,})(?![\d]|[.,]\d|%|\w)")
_MONEY = re.compile(
    r"(?P<cur>[£$€¥])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:(?P<suf>k|mn|m|bn|b|tn)\b|(?![\d\w]))",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?<![\d.,])(?P<num>\d+(?:\.\d+)?)(?:\s?%|\s?per ?cent\b)", re.IGNORECASE)
#: A percentage in words (``forty percent``, ``twenty-five per cent``): the number word is
#: checked against the number-word table in :func:`_percent_matches`.
_PERCENT_WORDS = re.compile(r"(?<![\w-])(?P<num>[A-Za-z]+(?:-[A-Za-z]+)?)(?:\s?%|\s?per ?cent\b)",
                            re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORD_AFTER = re.compile(r"^\W*?(\w+)")
_OF_KEEPERS = frozenset(
    {"the", "these", "those", "their", "its", "our", "his", "her", "them", "us", "all", "this",
     "that", "my", "your", "which", "whom", "it", "you", "him", "me", "what", "whose", "a", "an",
     "each", "every", "both", "any", "some"}
)


def _table() -> dict[str, Any]:
    return numbers_table()


def _word_before(text: str, at: int) -> str:
    m = _WORD_BEFORE.search(text[:at])
    return m.group(1).lower() if m else ""


def _word_after(text: str, at: int) -> str:
    m = _WORD_AFTER.match(text[at:])
    return m.group(1).lower() if m else ""


def _round_sig(value: float, digits: int = 2) -> float:
    if value == 0:
        return 0.0
    power = math.floor(math.log10(abs(value))) - digits + 1
    return float(round(value / 10**power) * 10**power)


def _fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text


def plain_large(n: float) -> tuple[str, bool]:
    """``2517000`` -> ``("2.5 million", False)``: two significant figures and a scale word.

    The flag says whether the value is unchanged.

    >>> plain_large(140000)
    ('140 thousand', True)
    >>> plain_large(2517000)
    ('2.5 million', False)
    """
    rounded = _round_sig(n)
    scales = sorted(((int(v), str(k)) for k, v in _table()["scales"].items()), reverse=True)
    for size, word in scales:
        if rounded >= size:
            return f"{_fmt(rounded / size)} {word}", rounded == n
    return _fmt(rounded), rounded == n


def _about(text: str, start: int, exact: bool) -> str:
    if exact or _word_before(text, start) in _HEDGES:
        return ""
    return "about "


def round_large(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """numbers.round_large.v1: write a big number as a rounded number and a scale word.

    What: a number of 10,000 or more becomes two significant figures and ``thousand``,
    ``million`` or ``billion``, with ``about`` when rounding changed the value (and no
    ``about`` is already there); not in a sentence that also writes a smaller number with a
    comma (``2,600``), so its figures stay in one form. Why: big numbers are hard to read; Inclusion Europe (2009)
    asks to avoid them, and the WCAG 3 clear-language draft to avoid non-essential numbers.

    >>> from easyread.rewrite.rules import demo
    >>> demo(round_large, "There were 2,517,000 accounts.")
    'There were about 2.5 million accounts.'
    """
    text = sentence.text
    out: list[Proposal] = []
    found = [(m, int(m.group(1).replace(",", ""))) for m in _LARGE.finditer(text)]
    if any(n < 10_000 and "," in m.group(1) for m, n in found):
        return []  # "a town of 18,000 people, 2,600 are out of work": "18 thousand" beside
        # "2,600" is harder to compare than two numbers in digits; both are kept
    for m, n in found:
        if n < 10_000:
            continue
        plain, exact = plain_large(n)
        new = _about(text, m.start(), exact) + plain
        out.append(Proposal(m.span(1), new, "numbers.round_large.v1",
                            f"big number {m.group(1)} written as {plain}"))
    return out


def money(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """numbers.money.v1: write money amounts with a scale word instead of zeros or letters.

    What: ``£600,000`` -> ``£600 thousand``; ``$3.5m`` -> ``$3.5 million``; ``£2bn`` ->
    ``£2 billion``; amounts under 10,000 are kept. Why: Inclusion Europe (2009): avoid big
    numbers; short forms like ``m`` and ``bn`` are abbreviations (WCAG 2.2 SC 3.1.4).

    >>> from easyread.rewrite.rules import demo
    >>> demo(money, "It gave £600,000 and $3.5m.")
    'It gave £600 thousand and $3.5 million.'
    """
    text = sentence.text
    table = _table()["money"]
    suffixes: dict[str, str] = {str(k): str(v) for k, v in table["suffixes"].items()}
    out: list[Proposal] = []
    for m in _MONEY.finditer(text):
        cur, num, suf = m.group("cur"), m.group("num"), m.group("suf")
        if suf:
            new = f"{cur}{num} {suffixes[suf.lower()]}"
            out.append(Proposal(m.span(), new, "numbers.money.v1",
                                f"short form {m.group()} written out"))
            continue
        value = float(num.replace(",", ""))
        if value < 10_000:
            continue
        plain, exact = plain_large(value)
        new = _about(text, m.start(), exact) + cur + plain
        out.append(Proposal(m.span(), new, "numbers.money.v1",
                            f"money amount {m.group()} written as {cur}{plain}"))
    return out


def _nearest_fraction(value: float) -> tuple[str, bool] | None:
    table = _table()["percent"]
    best: tuple[float, int, int] | None = None
    for num, den in table["fractions"]:
        gap = abs(value - 100 * num / den)
        if best is None or gap < best[0] - 1e-9:
            best = (gap, int(num), int(den))
    if best is None or not _close(value, best[0]):
        return None
    return f"{best[1]} in {best[2]}", best[0] < 1e-9


def _close(value: float, gap: float) -> bool:
    limit = float(_table()["percent"]["max_gap"])
    return gap <= limit and gap <= 0.2 * value


def _nearest_change(value: float) -> tuple[str, bool] | None:
    best: tuple[float, str] | None = None
    for pct, words in _table()["percent"]["change_words"]:
        gap = abs(value - float(pct))
        if best is None or gap < best[0] - 1e-9:
            best = (gap, str(words))
    if best is None or not _close(value, best[0]):
        return None
    return best[1], best[0] < 0.01


def _word_value(word: str) -> int | None:
    """The value of a number word or a hyphenated compound (``forty``, ``twenty-five``)."""
    values = number_words()
    lower = word.lower()
    parts = lower.split("-")
    if len(parts) == 2 and parts[0] in values and parts[1] in values:
        tens, unit = values[parts[0]], values[parts[1]]
        return None if tens % 10 or tens < 20 or unit >= 10 else tens + unit
    return values.get(lower) if len(parts) == 1 else None


def _percent_matches(text: str) -> list[tuple[re.Match[str], float]]:
    """Percentages in digits (``40%``, ``40 per cent``) and in words (``forty percent``: so
    the rule does not leave ``40 percent`` for a second run to change), in text order.
    A capitalised number word after the sentence start is a name and is left alone."""
    found = [(m, float(m.group("num"))) for m in _PERCENT.finditer(text)]
    for m in _PERCENT_WORDS.finditer(text):
        value = _word_value(m.group("num"))
        if value is None or (m.start() > 0 and text[: m.start()].strip() and m.group("num")[:1].isupper()):
            continue
        found.append((m, float(value)))
    return sorted(found, key=lambda mv: mv[0].start())


def percent(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """numbers.percent.v2: write a percentage as a simple fraction.

    What: a level becomes ``n in d`` (``24% of adults`` -> ``about 1 in 4 adults``); a change
    becomes a fraction in words (``a 24% rise in`` -> ``a rise of about a quarter in``;
    ``24% more`` -> ``about a quarter more``).
    A change ("a 24% rise") is written with a unit fraction (a fifth, a quarter, a third, a
    half) or "double"; any other change keeps its percentage ("an increase of 2 in 5" reads as
    a share, numbers data 2026.6; v1 wrote ``2 fifths``, which is harder to read).
    The nearest simple fraction is chosen, with ``about`` unless it is exact; percentages
    with no fraction within 5 points are kept, and so is every percentage of a sentence
    where one is kept (one form per sentence, so figures stay comparable). Why: Inclusion Europe (2009): avoid
    percentages; people picture "1 in 4" more easily than "24%".

    >>> from easyread.rewrite.rules import demo
    >>> demo(percent, "There was a 24% rise in calls.")
    'There was a rise of about a quarter in calls.'
    >>> demo(percent, "There was a 24% rise in the number of calls.")
    'There was a rise of about a quarter in calls.'
    >>> demo(percent, "There was a 40% increase in visits.")
    'There was a 40% increase in visits.'
    >>> demo(percent, "Only 20 per cent of adults voted.")
    'Only 1 in 5 adults voted.'
    >>> demo(percent, "Forty percent said no.")
    '2 in 5 said no.'
    """
    text = sentence.text
    table = _table()["percent"]
    nouns = {str(n) for n in table["change_nouns"]}
    out: list[Proposal] = []
    rid = "numbers.percent.v2"
    keep_after = {str(w) for w in table.get("keep_after", [])}
    level_verbs = {str(w) for w in table.get("level_verbs", [])}
    matches = _percent_matches(text)
    for n, (m, value) in enumerate(matches):
        if value <= 0 or value >= 100:
            continue
        before, after = _word_before(text, m.start()), _word_after(text, m.end())
        if before in keep_after:
            continue  # "the bottom 90% of households": a group named by its share, not a level
        if _in_range(text, matches, n):
            continue  # "from 7% to 22%": one form for both ends, and "7%" has no simple fraction
        if re.search(r"\d\s*[-–—]\s*$", text[: m.start()]) or re.search(
                r"(?i)\b(?:between|from)\s+\d[\d.,]*\s+(?:and|to)\s+$", text[: m.start()]):
            continue  # "20-30%", "between 23 and 35%": a range whose first end has no sign of its own
        # "a 24% rise" -> "a rise of about a quarter"
        if before in ("a", "an") and after in nouns:
            change = _nearest_change(value)
            if change is None:
                continue
            words, exact = change
            art_start = _WORD_BEFORE.search(text[: m.start()])
            assert art_start is not None
            noun_end = m.end() + _WORD_AFTER.match(text[m.end():]).end()  # type: ignore[union-attr]
            article = text[art_start.start(1) : art_start.end(1)]
            det = indefinite_article(after)
            new = f"{match_case(article, det)} {after} of {'' if exact else 'about '}{words}"
            filler = re.match(r"\s+in\s+(the\s+(?:number|amount|level)\s+of\s+)", text[noun_end:])
            if filler and not sentence.is_protected(noun_end, noun_end + filler.end()):
                # "a 24% rise in the number of calls" -> "a rise of about a quarter in calls"
                new += text[noun_end : noun_end + filler.start(1)]
                noun_end += filler.end()
            out.append(Proposal((art_start.start(1), noun_end), new, rid,
                                f"{m.group()} change written as {words}"))
            continue
        if before == "by" and after != "of" or after in ("more", "less", "fewer", "higher", "lower"):
            # ("practised by 80% of Indians" is a share of a group, not a change: below)
            change = _nearest_change(value)
            if change is None:
                continue
            words, exact = change
            new = ("" if exact or before in _HEDGES - {"to"} else "about ") + words
            out.append(Proposal(m.span(), new, rid, f"{m.group()} change written as {words}"))
            continue
        if before in ("a", "an") or re.search(r"(?i)\b(?:a|an)\s+[\w-]+\s*$", text[: m.start()]):
            continue  # "a 5% stake", "an extraordinary 43% of …": no clear plain form
        if after != "of" and after not in level_verbs and before not in _BE:
            continue  # "10% for other executives", "at 64%": an amount or a rate, not a share of a group
        level = _nearest_fraction(value)
        if level is None:
            continue
        words, exact = level
        new = ("" if exact or before in _HEDGES else "about ") + words
        span = m.span()
        if after == "of" and _of_singular(text, m.end()):
            continue  # "30% of the value": "3 in 10 of the value" is not English; kept
        if after == "of":
            of_match = re.match(r"\s+of\s+(\w+)\b(?![’']s\b)", text[m.end() :])  # "3 in 10 of Britain's adults" keeps "of"
            if of_match and of_match.group(1).lower() not in _OF_KEEPERS:
                # "24% of adults" -> "about 1 in 4 adults"
                span = (m.start(), m.end() + of_match.start(1) - 1)
        if not text[: m.start()].strip():
            new = new[:1].upper() + new[1:]
        out.append(Proposal(span, new, rid, f"{m.group()} written as {words}"))
    if len(out) < len(matches):
        return []  # "71% post their town, up from 61%": every percentage of a sentence in one
        # form, or the reader compares "71%" with "about 3 in 5"; all are kept
    return out


_BE = frozenset({"is", "was", "are", "were", "be", "been"})  # "the rate was 17.7%": a level


def _of_singular(text: str, at: int) -> bool:
    """``% of the/its/their …`` + a singular noun (``30% of the value``, ``half of its land``):
    an amount of one thing, which ``n in d`` cannot count."""
    m = re.match(r"\s+of\s+(?:the|its|their|his|her|our|this|that|a|an|[A-Z][\w-]*[’']s)\s+((?:[\w-]+\s+){0,2}?)([\w-]+)\b",
                 text[at:])  # (also "of Pluto's surface")
    if not m:
        return False
    noun = m.group(2).lower()
    return not noun.endswith("s") and noun not in {str(w) for w in _table()["percent"]["group_nouns"]}



def _in_range(text: str, matches: list[tuple[re.Match[str], float]], n: int) -> bool:
    """Percentage ``n`` is one end of a range with another (``from 7% to 22%``, ``between 7%
    and 22%``, ``7-22%``, ``from 44% in 2009 to 48% in 2014``): the ends are kept as they are,
    together."""
    m = matches[n][0]
    for k in (n - 1, n + 1):
        if 0 <= k < len(matches):
            other = matches[k][0]
            a, b = (other, m) if k < n else (m, other)
            gap = text[a.end() : b.start()]
            if re.fullmatch(r"\s*(?:to|and|-|–)\s*", gap):
                return True
            if re.fullmatch(r"(?:\s+[\w’'-]+){0,3}?\s+(?:to|and)\s+", gap) and re.search(
                    r"(?i)\b(?:from|between)\s+$", text[: a.start()]):
                return True  # "from 44% in 2009 to 48% in 2014"
    return False


def _idiom_spans(lower: str) -> list[tuple[int, int]]:
    spans = []
    for idiom in _table()["words_to_digits"]["idioms"]:
        if str(idiom) not in lower:
            continue  # no match possible: skip building and running the expression
        for m in re.finditer(r"(?<!\w)" + re.escape(str(idiom)) + r"(?!\w)", lower):
            spans.append(m.span())
    return spans


def words_to_digits(sentence: Sentence, ctx: RuleContext) -> list[Proposal]:
    """numbers.words_to_digits.v1: write number words as digits.

    What: ``four years`` -> ``4 years``, ``two in five`` -> ``2 in 5``, ``twenty-five`` ->
    ``25``. Kept: ``one`` unless it clearly counts (``one in five``, ``one year``), number
    words in names (capitalised mid-sentence: ``Channel Four``; or capitalised and followed by a
    capitalised word, also at the start: ``Three Men in a Boat``), and idioms listed in
    ``numbers.toml`` (``one another``, ``in two minds``). Why: Inclusion Europe (2009):
    write numbers as digits ("4", not "four"); digits are easier to spot and read.

    >>> from easyread.rewrite.rules import demo
    >>> demo(words_to_digits, "It rose to two in five in four years.")
    'It rose to 2 in 5 in 4 years.'
    """
    text = sentence.text
    values = number_words()
    idioms = _idiom_spans(text.lower())
    one_before = {str(w) for w in _table()["words_to_digits"]["one_before"]}
    out: list[Proposal] = []
    toks = [t for t in sentence.tokens if t.kind in ("word", "number")]
    for i, tok in enumerate(toks):
        lower = tok.text.lower()
        parts = lower.split("-")
        if len(parts) == 2 and parts[0] in values and parts[1] in values:
            tens, unit = values[parts[0]], values[parts[1]]
            if tens % 10 or tens < 20 or unit >= 10:
                continue
            value = tens + unit
        elif lower in values:
            value = values[lower]
        else:
            continue
        if i > 0 and tok.text[:1].isupper():
            continue  # a name ("Channel Four", "the Famous Five")
        if tok.text[:1].isupper() and i + 1 < len(toks) and toks[i + 1].text[:1].isupper():
            # A name at the start too ("Three OClock Blues was ..."): a split may move a name
            # that was kept mid-sentence to the start, and a second run must keep it as well.
            continue
        if any(s <= tok.start and tok.end <= e for s, e in idioms):
            continue
        nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
        prev = toks[i - 1].text.lower() if i > 0 else ""
        if lower == "one" and nxt not in one_before:
            continue
        if lower == "one" and nxt == "in" and not (
                i + 2 < len(toks) and (toks[i + 2].text[:1].isdigit() or _word_value(toks[i + 2].text.lower()))):
            continue  # "the only one in England" is a pronoun; "one in five" counts
        if prev in ("the", "these", "those", "no", "any") and nxt in ("of", ""):
            continue  # "the two of them", "no one"
        if nxt[:1].isdigit():
            continue  # "the three 17-sq-m mirrors": "3 17-sq-m" would read as 317
        out.append(Proposal((tok.start, tok.end), str(value), "numbers.words_to_digits.v1",
                            f"number word {tok.text!r} written as {value}"))
    return out


RULES: tuple[RuleSpec, ...] = (
    RuleSpec("numbers.money.v1", money),
    RuleSpec("numbers.round_large.v1", round_large),
    RuleSpec("numbers.percent.v2", percent),
    RuleSpec("numbers.words_to_digits.v1", words_to_digits),
)


def run(doc: Document, ctx: Context) -> Document:
    """The ``numbers`` stage: apply every active numbers rule to every sentence."""
    return apply_replacements(doc, ctx, RULES, f"numbers@{_table().get('version', '?')}")


STAGE = FunctionStage("numbers", ("tokens",), ("edits",), run)

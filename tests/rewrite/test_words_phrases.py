"""words.phrase.v1 with the shipped phrases.tsv (test_words.py pins small tables)."""

from __future__ import annotations


def test_phrase_table_equals_searching_with_every_phrase_expression() -> None:
    """The phrase table (plain forms followed to the end, idempotence filter) is what searching
    each plain form with every phrase's compiled expression gives; the substring pre-test only
    saves compiling."""
    import re

    from easyread.data import phrases_table
    from easyread.rewrite.words import _phrase_pattern, rewritten_again

    raw = {row["phrase"].lower(): row["plain"] for row in phrases_table()}
    patterns = {k: re.compile(rf"(?<![\w’'-]){re.escape(k)}(?![\w’'-])", re.IGNORECASE) for k in raw}
    expected: dict[str, str] = {}
    for key, plain in raw.items():
        for _ in range(len(raw)):
            inner = next((o for o, pat in patterns.items() if o != key and pat.search(plain)), None)
            if inner is None:
                break
            plain = patterns[inner].sub(raw[inner], plain, count=1)
        else:
            continue
        if not rewritten_again(plain) and not any(pat.search(plain) for pat in patterns.values()):
            expected[key] = plain
    assert len(expected) > 500
    assert _phrase_pattern()[1] == expected

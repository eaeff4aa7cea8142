"""TSAR-2022 lexical simplification metrics (easyread.eval.lexical)."""

from __future__ import annotations

import doctest

import pytest

from easyread.eval import lexical
from easyread.eval.lexical import (
    Instance,
    acc_at_1,
    acc_at_k_top1,
    coverage,
    map_at_k,
    potential_at_k,
)


def test_doctests() -> None:
    assert doctest.testmod(lexical).failed == 0


ITEMS = [
    Instance("s1", "w", ("big", "big", "large", "huge")),
    Instance("s2", "w", ("fast", "quick")),
    Instance("s3", "w", ("old",)),
]


def test_metrics_by_hand() -> None:
    preds = [["large", "big"], ["slow", "quick", "fast"], []]
    assert acc_at_1(ITEMS, preds) == pytest.approx(1 / 3)
    assert acc_at_k_top1(ITEMS, preds, 1) == 0.0  # "big" is the top gold of item 1
    assert acc_at_k_top1(ITEMS, preds, 2) == pytest.approx(2 / 3)  # item 2: both gold tie at the top
    assert potential_at_k(ITEMS, preds, 3) == pytest.approx(2 / 3)
    # AP@3: item 1 (1/1 + 2/2)/min(3, 3 gold types) = 2/3; item 2 (1/2 + 2/3)/2 = 7/12; item 3: 0
    assert map_at_k(ITEMS, preds, 3) == pytest.approx((2 / 3 + 7 / 12) / 3)
    assert coverage(preds) == pytest.approx(2 / 3)


def test_ranked_top_gold() -> None:
    item = Instance("s", "w", ("parts", "bits"), top=("parts",))
    assert acc_at_k_top1([item], [["bits", "parts"]], 1) == 0.0
    assert acc_at_k_top1([item], [["bits", "parts"]], 2) == 1.0

"""Lexical-simplification metrics with the TSAR-2022 shared task's definitions.

Written from the task's published definitions (Saggion et al., "Findings of the TSAR-2022
Shared Task on Multilingual Lexical Simplification", 2022); the AGPL evaluation script was
not copied. Predictions and gold substitutes are compared lower-cased and stripped.

* **ACC@1**: the share of instances whose first prediction is among the gold substitutes.
* **ACC@k@Top1**: the share whose first k predictions include one of the most frequent gold
  substitutes (ties included).
* **MAP@k**: mean over instances of the average precision of the first k predictions
  (``sum over hits at rank i of hits_so_far / i``, divided by ``min(k, number of gold types)``).
* **Potential@k**: the share whose first k predictions include at least one gold substitute.
* **coverage** (not a TSAR metric): the share of instances with at least one prediction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Instance", "acc_at_1", "acc_at_k_top1", "coverage", "map_at_k", "potential_at_k", "report"]


@dataclass(frozen=True)
class Instance:
    """One benchmark item: a sentence, its hard word and the gold substitutes (with repeats)."""

    sentence: str
    word: str
    gold: tuple[str, ...]
    top: tuple[str, ...] = ()  # the best-ranked gold substitutes when the set ranks them (BenchLS)

    def gold_set(self) -> set[str]:
        return {g.strip().lower() for g in self.gold if g.strip()}

    def top_gold(self) -> set[str]:
        if self.top:
            return {g.strip().lower() for g in self.top}
        counts = Counter(g.strip().lower() for g in self.gold if g.strip())
        if not counts:
            return set()
        best = max(counts.values())
        return {g for g, c in counts.items() if c == best}


def _norm(preds: Sequence[str]) -> list[str]:
    out: list[str] = []
    for p in preds:
        q = p.strip().lower()
        if q and q not in out:
            out.append(q)
    return out


def acc_at_1(items: Sequence[Instance], preds: Sequence[Sequence[str]]) -> float:
    """Share of items whose first prediction is a gold substitute.

    >>> acc_at_1([Instance("s", "w", ("a", "b"))], [["b", "c"]])
    1.0
    """
    hits = sum(1 for it, p in zip(items, preds, strict=True) if (q := _norm(p)) and q[0] in it.gold_set())
    return hits / len(items) if items else 0.0


def acc_at_k_top1(items: Sequence[Instance], preds: Sequence[Sequence[str]], k: int) -> float:
    """Share of items whose first ``k`` predictions include a most frequent gold substitute."""
    hits = sum(1 for it, p in zip(items, preds, strict=True) if set(_norm(p)[:k]) & it.top_gold())
    return hits / len(items) if items else 0.0


def map_at_k(items: Sequence[Instance], preds: Sequence[Sequence[str]], k: int) -> float:
    """Mean average precision of the first ``k`` predictions.

    >>> round(map_at_k([Instance("s", "w", ("a", "b", "c"))], [["a", "x", "b"]], 3), 3)
    0.556
    """
    total = 0.0
    for it, p in zip(items, preds, strict=True):
        gold = it.gold_set()
        if not gold:
            continue
        hits, score = 0, 0.0
        for i, q in enumerate(_norm(p)[:k], 1):
            if q in gold:
                hits += 1
                score += hits / i
        total += score / min(k, len(gold))
    return total / len(items) if items else 0.0


def potential_at_k(items: Sequence[Instance], preds: Sequence[Sequence[str]], k: int) -> float:
    """Share of items whose first ``k`` predictions include at least one gold substitute."""
    hits = sum(1 for it, p in zip(items, preds, strict=True) if set(_norm(p)[:k]) & it.gold_set())
    return hits / len(items) if items else 0.0


def coverage(preds: Sequence[Sequence[str]]) -> float:
    """Share of items with at least one prediction."""
    return sum(1 for p in preds if _norm(p)) / len(preds) if preds else 0.0


def report(items: Sequence[Instance], preds: Sequence[Sequence[str]]) -> dict[str, float]:
    """The usual table: ACC@1, ACC@1@Top1, ACC@3@Top1, MAP@3, MAP@5, Potential@3/5, coverage."""
    return {
        "ACC@1": acc_at_1(items, preds),
        "ACC@1@Top1": acc_at_k_top1(items, preds, 1),
        "ACC@3@Top1": acc_at_k_top1(items, preds, 3),
        "MAP@3": map_at_k(items, preds, 3),
        "MAP@5": map_at_k(items, preds, 5),
        "Potential@3": potential_at_k(items, preds, 3),
        "Potential@5": potential_at_k(items, preds, 5),
        "coverage": coverage(preds),
    }

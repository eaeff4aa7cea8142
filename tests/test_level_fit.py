"""The level's fitting script (``tools/fit_level.py``, build-time): the pairwise rows, and that the
shipped model's settings are chosen without reading CLEAR's judgements (evaluation only)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fit_level as F  # noqa: E402


def synthetic(articles: int = 30, seed: int = 1) -> tuple[list[F.Text], Any]:
    """Texts of ``articles`` articles at three levels: two features follow the level, a third is
    the article's topic (the same in its three versions)."""
    rng = np.random.default_rng(seed)
    texts, rows = [], []
    for a in range(articles):
        topic = rng.normal()
        for lvl in range(3):
            texts.append(F.Text(f"article {a}", float(lvl), [], 8.0 + lvl + rng.normal(0, 0.3), 60.0))
            rows.append([lvl + rng.normal(0, 0.8), 2 * lvl + topic + rng.normal(0, 1.0), topic])
    return texts, np.asarray(rows, dtype=float)


def test_within_article_rows_are_centred_per_article() -> None:
    texts, x = synthetic()
    xd, yd = F.within_article(texts, x)
    groups = np.asarray([t.group for t in texts])
    for g in set(groups):
        m = groups == g
        assert np.allclose(xd[m].mean(axis=0), 0) and np.isclose(yd[m].mean(), 0)
    assert np.allclose(xd[:, 2], 0)  # the topic feature does not change within an article


def test_pairwise_rows_dominate_with_a_large_pair_weight() -> None:
    texts, x = synthetic()
    paired = F.fit(texts, x, alpha=1e-6, pair_weight=1e6)
    xd, yd = F.within_article(texts, x)
    within, _ = F.ridge(xd[:, :2] / paired.scale[:2], yd, 1e-6)  # the within-article regression alone
    got = paired.weights[:2] / np.linalg.norm(paired.weights[:2])
    assert np.allclose(got, within / np.linalg.norm(within), atol=1e-3)
    plain = F.fit(texts, x, alpha=1.0, pair_weight=0.0)
    for f in (plain, paired):  # both order the versions of (nearly) every article
        assert F.pairwise([t.group for t in texts], np.asarray([t.label for t in texts]), f.grade(x)) > 0.9


def test_onestop_only_choice_does_not_read_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    ose, x = synthetic(articles=30)
    clear, xc = synthetic(articles=20, seed=2)
    table = {id(t): row for t, row in zip([*ose, *clear], np.vstack([x, xc]), strict=True)}

    def matrix(texts: Any, names: Any = F.FEATURES) -> Any:
        return np.asarray([table[id(t)] for t in texts])

    monkeypatch.setattr(F, "matrix", matrix)
    monkeypatch.setattr(F, "stability_variants", lambda texts: (x[:30], x[30:60]))
    monkeypatch.setattr(F, "ALPHAS", (1.0, 100.0))
    monkeypatch.setattr(F, "PAIR_WEIGHTS", (0.0, 4.0))
    monkeypatch.setattr(F, "REPEATS", ("", "r1"))
    chosen = F.select(ose, clear, with_clear=False)[:3]
    for t in clear:  # other judgements for every CLEAR excerpt: the same choice
        t.label = -t.label * 3.0 + 1.0
    assert F.select(ose, clear, with_clear=False)[:3] == chosen
    assert chosen[1] == 0.0  # CLEAR's weight in training


def test_sign_prior_is_the_one_the_model_card_declares() -> None:
    # the fitting script's SIGN_PRIOR (model 2026.5 on) and the card's "Signs" table say the same
    from test_level_monotone import card_signs

    signs = card_signs()
    assert {n: s for n, s in signs.items() if s != "free"} == {n: F.SIGN_LABELS[s] for n, s in F.SIGN_PRIOR.items()}
    assert list(signs) == list(F.FEATURES)


def test_signed_ridge_keeps_each_weight_on_its_side() -> None:
    # the bounded coordinate descent: a feature that the data would give a negative weight stays at 0
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 3))
    y = x @ np.asarray([1.0, -0.5, 0.3]) + rng.normal(0, 0.1, 200)
    free, _ = F.ridge(x, y, 1.0)
    signed, _ = F.ridge(x, y, 1.0, signs=np.asarray([1.0, 1.0, 0.0]))
    assert free[1] < -0.4 and signed[1] == 0.0 and signed[0] > 0.9

"""Per-person random draws: uniform, independent across streams and years, reproducible."""

from __future__ import annotations

import numpy as np
from scipy import stats

from agents.draws import uniforms


def test_uniform_and_reproducible():
    uids = np.arange(200_000)
    u = uniforms(7, "choice", 2020, uids)
    assert stats.kstest(u, "uniform").pvalue > 0.001
    np.testing.assert_array_equal(u, uniforms(7, "choice", 2020, uids))


def test_independent_across_streams_years_and_seeds():
    uids = np.arange(100_000)
    base = uniforms(7, "choice", 2020, uids)
    for other in (uniforms(7, "choice", 2021, uids), uniforms(7, "other", 2020, uids),
                  uniforms(8, "choice", 2020, uids)):
        assert abs(np.corrcoef(base, other)[0, 1]) < 0.02


def test_same_person_same_draw_whatever_the_subset():
    """Common random numbers: a person's draw does not depend on who else is drawn."""
    uids = np.arange(1000)
    full = uniforms(3, "x", 2015, uids)
    subset = uniforms(3, "x", 2015, uids[::7])
    np.testing.assert_array_equal(full[::7], subset)


def test_bernoulli_rows_has_the_binomial_distribution():
    from agents.draws import bernoulli_rows

    rng = np.random.default_rng(0)
    for p in (0.002, 0.05, 0.3):
        counts = np.array([len(bernoulli_rows(rng, 20_000, p)) for _ in range(300)])
        assert abs(counts.mean() - 20_000 * p) < 4 * np.sqrt(20_000 * p * (1 - p) / 300)
        assert 0.8 < counts.std() / np.sqrt(20_000 * p * (1 - p)) < 1.2
    rows = bernoulli_rows(rng, 5_000, 0.1)
    assert (np.diff(rows) > 0).all() and rows.max() < 5_000
    # every position is equally likely
    hits = np.bincount(np.concatenate([bernoulli_rows(rng, 50, 0.1) for _ in range(20_000)]),
                       minlength=50)
    assert stats.chisquare(hits).pvalue > 0.001

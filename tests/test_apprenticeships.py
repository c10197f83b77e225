"""Leerwerkplekken over the business cycle (M4, M5)."""

from __future__ import annotations

import numpy as np

from tests.conftest import metric, run_model

RECESSION = {2016: -4.0, 2017: -5.0, 2018: -4.0}
BOOM = {2016: 2.0, 2017: 2.5, 2018: 2.0}


def test_recession_cuts_places_offered_and_bbl_starts():
    """Same seed, same persons: only the output gap of 2016-18 differs (scale 100, so that
    starts are hundreds of agents a year)."""
    bad = run_model(seed=3, gap=RECESSION, end_year=2018, scale=100.0)
    good = run_model(seed=3, gap=BOOM, end_year=2018, scale=100.0)
    years = [2016, 2017, 2018]
    offered_bad = metric(bad, "bbl_places_offered")[years].sum()
    offered_good = metric(good, "bbl_places_offered")[years].sum()
    assert offered_bad < 0.75 * offered_good
    assert metric(bad, "bbl_starts")[years].sum() < metric(good, "bbl_starts")[years].sum()
    assert metric(bad, "bbl_without_place")[years].sum() > metric(good, "bbl_without_place")[
        years].sum()
    assert metric(bad, "internships_offered")[years].sum() < metric(
        good, "internships_offered")[years].sum()


def test_bbl_starts_never_exceed_places(baseline):
    starts = metric(baseline, "bbl_starts")
    offered = metric(baseline, "bbl_places_offered")
    assert (starts <= offered + 1e-9).all()
    applicants = metric(baseline, "bbl_applicants")
    assert (starts <= applicants + 1e-9).all()


def test_students_without_place_wait_switch_or_drop_out(baseline):
    """Nobody is both matched and without a place; the unmatched are accounted for."""
    without = metric(baseline, "bbl_without_place")
    assert without.sum() > 0, "the 2013 trough should leave some applicants without a place"
    assert (metric(baseline, "pupils", "no_place") >= 0).all()


def test_scarcity_switch_off_lets_everyone_start():
    model = run_model(seed=3, gap=RECESSION, end_year=2019, place_scarcity=False)
    starts = metric(model, "bbl_starts")
    applicants = metric(model, "bbl_applicants")
    np.testing.assert_allclose(starts.values, applicants.values)
    assert metric(model, "bol_without_internship").sum() == 0


def test_cyclical_places_switch_off_makes_places_acyclical():
    a = run_model(seed=3, gap=RECESSION, end_year=2019, cyclical_places=False)
    b = run_model(seed=3, gap=BOOM, end_year=2019, cyclical_places=False)
    per_worker_a = metric(a, "bbl_places_offered") / metric(a, "tech_workforce")
    per_worker_b = metric(b, "bbl_places_offered") / metric(b, "tech_workforce")
    # places follow employment only: per technician the offer is the same in boom and bust
    np.testing.assert_allclose(per_worker_a[2017], per_worker_b[2017], rtol=0.05)


def test_subsidy_matters_for_about_a_quarter_of_firms():
    """Removing the praktijkleren subsidy lowers offers; the cut is of the order of 1 in 4
    (seed L856) rather than negligible or total."""
    from simulation.model import TechniekModel
    from simulation.parameters import Parameters

    model = TechniekModel(Parameters(scale=2000.0, end_year=2013), seed=1)
    p = model.p
    with_subsidy = np.array([f.offer_share(p.training_subsidy, 1.0, p) for f in model.firms])
    without = np.array([f.offer_share(0.0, 1.0, p) for f in model.firms])
    cut = 1 - without.sum() / with_subsidy.sum()
    assert 0.1 < cut < 0.45

"""Interest formation, path dependency, gender and peers (M1-M3)."""

from __future__ import annotations

import numpy as np
import pytest

from agents import pupils
from agents.people import HAVO, HIST_VO_MADE, HIST_VO_TECH, PRO, VWO, Stage
from agents.pupils import HBO, PROFILE_SHARE_HISTORY, WO
from simulation import education
from simulation.model import TechniekModel
from simulation.parameters import Parameters
from tests.conftest import metric, run_model


def _cohort(model, column):
    c = model.recorder.cohorts()
    return c.set_index(["birth_cohort", "gender"])[column]


def test_more_early_exposure_raises_technical_share_at_16_and_25():
    """Cohorts born 2005-2008 spend their primary years (age 4-11) inside the run; with more
    W&T exposure they are more technical at 16 and at 25 (same seed, same persons)."""
    low = run_model(seed=5, end_year=2034, early_exposure=0.1)
    high = run_model(seed=5, end_year=2034, early_exposure=0.9)
    cohorts = [2005, 2006, 2007, 2008]
    at16_low = _cohort(low, "tech_16").loc[cohorts].mean()
    at16_high = _cohort(high, "tech_16").loc[cohorts].mean()
    at25_low = _cohort(low, "tech_work_25").loc[[2005, 2006, 2007, 2008, 2009]].mean()
    at25_high = _cohort(high, "tech_work_25").loc[[2005, 2006, 2007, 2008, 2009]].mean()
    assert at16_high > at16_low + 0.02
    assert at25_high > at25_low


def test_exposure_has_no_effect_when_interest_formation_is_off():
    low = run_model(seed=5, end_year=2024, early_exposure=0.1, interest_formation=False)
    high = run_model(seed=5, end_year=2024, early_exposure=0.9, interest_formation=False)
    c = [2005, 2006]
    assert _cohort(low, "vo_tech").loc[c].mean() == pytest.approx(
        _cohort(high, "vo_tech").loc[c].mean(), abs=0.005)


def _girls_choice_with_peer_share(share: float, **params) -> float:
    """Share of third-year girls choosing techniek when every school's same-gender peer
    share is `share` (same pupils, same draws)."""
    model = TechniekModel(Parameters(scale=100.0, end_year=2014, **params), seed=7)
    P = model.people
    rows = np.flatnonzero((P.stage == Stage.VO) & (P.years == 1) & (P.track != PRO))
    P.years[rows] = 2
    for school in model.schools["vo"]:
        school.peer_share[:, 1] = share
    education._vo_choice(model, rows)
    girls = rows[P.female[rows]]
    return float(P.tech[girls].mean())


def test_girls_choice_rises_with_same_gender_peer_share():
    shares = [_girls_choice_with_peer_share(s) for s in (0.0, 0.2, 0.5)]
    assert shares[0] < shares[1] < shares[2]


def test_peer_switch_off_removes_peer_response():
    assert (_girls_choice_with_peer_share(0.0, peer_effects=False)
            == _girls_choice_with_peer_share(0.5, peer_effects=False))


def test_girls_choose_techniek_less_than_boys_especially_in_vmbo(baseline):
    s = baseline.recorder.series()
    # averaged over the run's years: at test scale one year's havo girls are ~150 agents
    share = s[s.metric == "tech_share"].groupby("group")["value"].mean()
    assert share["vmbo|female"] < 0.07 < share["vmbo|male"]
    assert share["havo|female"] < share["havo|male"]
    gap_vmbo = share["vmbo|male"] - share["vmbo|female"]
    gap_havo = share["havo|male"] - share["havo|female"]
    assert gap_vmbo > gap_havo


def test_no_pupil_without_wiskunde_b_enters_technical_wo():
    model = TechniekModel(Parameters(scale=400.0, end_year=2030), seed=2)
    for _ in range(model.p.end_year - model.p.start_year + 1):
        model.step()
        P = model.people
        in_tech_wo = (P.stage == Stage.WO) & P.tech
        assert not (in_tech_wo & ~P.wisb).any()
    assert ((P.stage == Stage.WO) & P.tech).sum() > 0


def test_path_dependency_technical_vo_pupils_continue_in_techniek(baseline):
    """Among entrants to mbo/hbo/wo, those with a technical vo choice choose techniek far more
    often than the others (switching into techniek is costly)."""
    P = baseline.people
    made = (P.hist & 4) > 0
    vo_tech = (P.hist & HIST_VO_TECH) > 0
    vo_made = (P.hist & HIST_VO_MADE) > 0
    post_tech = (P.hist & 8) > 0
    a = post_tech[made & vo_made & vo_tech].mean()
    b = post_tech[made & vo_made & ~vo_tech].mean()
    assert a > 2 * b


def test_baseline_2013_shares_are_in_the_reports_ballpark(baseline):
    """havo ~40%, vwo ~60% technical profiles, vmbo techniek 20-30% (b/k/g), vmbo girls < 5%."""
    s = baseline.recorder.series()
    share = s[(s.metric == "tech_share") & (s.year == 2013)].set_index("group")["value"]
    assert 0.33 <= share["havo|all"] <= 0.47
    assert 0.52 <= share["vwo|all"] <= 0.68
    assert 0.15 <= share["vmbo|all"] <= 0.30
    # vmbo girls are ~200 agents at test scale, so a single year's share is noisy (sd ~1.3
    # points): judge the mean over the first five years
    girls = s[(s.metric == "tech_share") & (s.group == "vmbo|female") & s.year.between(2013, 2017)]
    assert girls["value"].mean() < 0.05


def _technical_entry(prospect: float, programme: int, **params) -> float:
    """Share of pupils choosing techniek on entering `programme` (0 mbo, 1 hbo) when the
    prospect signal stands `prospect` above the first cohort's (same pupils, same draws)."""
    model = TechniekModel(Parameters(scale=100.0, end_year=2014, **params), seed=7)
    P = model.people
    rows = np.flatnonzero(P.stage == Stage.VO)
    model.prospect_zero, model.prospect = -0.5, -0.5 + prospect
    tech = model.post_choice(rows, np.full(len(rows), programme), P.tech[rows].astype(float),
                             model.u("post", rows))
    return float(tech.mean())


def test_mbo_field_choice_follows_the_market_more_than_higher_education():
    """`beta_prospect_mbo` adds to the mbo field choice's response only: with the general
    response off, a better market raises technical mbo entry and leaves hbo entry as it was."""
    mbo = [_technical_entry(s, 0, beta_prospect=0.0, beta_prospect_mbo=1.0) for s in (0.0, 0.5)]
    hbo = [_technical_entry(s, 1, beta_prospect=0.0, beta_prospect_mbo=1.0) for s in (0.0, 0.5)]
    assert mbo[1] > mbo[0] + 0.03
    assert hbo[1] == hbo[0]
    flat = [_technical_entry(s, 0, beta_prospect=0.0, beta_prospect_mbo=0.0) for s in (0.0, 0.5)]
    assert flat[1] == flat[0]


def test_prospects_are_read_against_the_first_cohorts_signal():
    """The choice intercepts reproduce 2013's shares under 2013's market, so the first cohort
    sees no deviation, and later cohorts see the signal's change since then: a slack first year
    (2013) is the zero point, not a normal year's tightness."""
    model = TechniekModel(Parameters(scale=100.0, end_year=2016), seed=3)
    rows = np.arange(10)
    assert model.prospect_zero is None and np.all(model.context(rows).prospect == 0.0)
    model.step()
    first = model.prospect
    assert model.prospect_zero == first
    model.step()
    assert model.prospect_zero == first
    assert model.context(rows).prospect == pytest.approx(model.prospect - first)


def test_girls_outreach_is_phased_in_to_2016_and_reaches_girls_only():
    p = Parameters(girls_outreach=0.2)
    assert [education.girls_outreach(y, p) for y in (2013, 2014, 2016, 2020)] == pytest.approx(
        [0.0, 0.2 / 3, 0.2, 0.2])
    runs = [run_model(seed=4, end_year=2016, girls_outreach=g) for g in (0.0, 0.3)]
    girls = [metric(m, "tech_share", "havo|female").loc[2015:2016].mean() for m in runs]
    boys = [metric(m, "tech_share", "havo|male").loc[2015:2016] for m in runs]
    assert girls[1] > girls[0] + 0.03
    np.testing.assert_array_equal(boys[0].values, boys[1].values)


def test_profile_history_rises_to_the_reference_share():
    """Choices made before 2013 follow the Monitor's shares of their year [E8]: havo girls 29%
    in 2010/11 rising to the 35% reference; vmbo (no series) and a run starting in another year
    keep the reference share."""
    p = Parameters()
    girls = [pupils.profile_share_before(p, 2, 1, k) for k in range(5)]
    assert girls == pytest.approx([p.ref_havo_girls, 0.33, 0.31, 0.29, 0.29])
    boys_vwo = [pupils.profile_share_before(p, 3, 0, k) for k in range(1, 5)]
    assert boys_vwo == pytest.approx([(0.61 + p.ref_vwo_boys) / 2, 0.61, 0.61, 0.61])
    assert pupils.profile_share_before(p, 0, 1, 3) == p.ref_vmbo_bk_girls
    replay = Parameters(start_year=2008)
    assert pupils.profile_share_before(replay, 2, 1, 3) == replay.ref_havo_girls


def test_startup_choices_follow_their_years_share_and_raise_later_entry(monkeypatch):
    """The start-up pupils chose before 2013 at the lower shares of their year: with the same
    draws, the technical havo/vwo pupils are a subset of those a flat history gives, the more so
    the earlier the choice. The entry intercepts are solved for the first year's entrants, who
    chose at those lower shares; so they are higher, and the entrants who chose at the 2013
    shares enter techniek more often (path dependence)."""
    p = Parameters(scale=200.0, end_year=2013)

    def startup(history):
        monkeypatch.setattr(pupils, "PROFILE_SHARE_HISTORY", history)
        pupils.solve_intercepts.cache_clear()
        model = TechniekModel(p, seed=3)
        pupils.solve_intercepts.cache_clear()
        return model

    flat = startup({})
    with_history = startup(dict(PROFILE_SHARE_HISTORY))
    P0, P1 = flat.people, with_history.people
    general = (P0.stage == Stage.VO) & np.isin(P0.track, (HAVO, VWO)) & (P0.years >= 2)
    assert not (P1.tech[general] & ~P0.tech[general]).any()          # a subset
    share = {k: (P1.tech[general & (P0.years == k)].mean(),
                 P0.tech[general & (P0.years == k)].mean()) for k in (2, 4)}
    assert share[4][0] < share[4][1] - 0.02                           # chose 3 years earlier
    assert share[4][1] - share[4][0] > share[2][1] - share[2][0]      # more so than 1 year
    assert (with_history.intercepts.post[HBO] > flat.intercepts.post[HBO]).all()
    assert (with_history.intercepts.post[WO] > flat.intercepts.post[WO]).all()
    np.testing.assert_array_equal(with_history.intercepts.vo, flat.intercepts.vo)


def test_vo_shares_are_the_years_choosers():
    """`tech_share` at a vo level is the technical share of that year's choosers (vmbo
    leerjaar 3, 4-havo, 4-vwo, as the Monitor counts them), not of all upper years."""
    model = run_model(seed=2, end_year=2016)
    P = model.people
    choosers = (P.stage == Stage.VO) & (P.years == education.VO_CHOICE_YEAR)
    girls_havo = choosers & (P.track == HAVO) & P.female
    assert metric(model, "tech_share", "havo|female")[2016] == pytest.approx(
        P.tech[girls_havo].mean())
    upper = (P.stage == Stage.VO) & (P.track == HAVO) & P.female & (P.years >= 2)
    assert P.tech[upper].mean() != pytest.approx(P.tech[girls_havo].mean())

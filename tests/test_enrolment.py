"""Inflows into mbo, hbo and wo beyond school leavers (issue 3): adults in BBL and part-time
hbo, switching and the next mbo level, hbo graduates in a wo master, international students.

Small runs (one agent = 1,000-2,000 persons); each test compares two runs of the same seed
that differ in one parameter, so the difference is the mechanism's.
"""

from __future__ import annotations

import numpy as np
import pytest

from agents.people import EDU_HBO, Stage
from simulation import apprenticeships
from simulation.metrics import take_census
from simulation.model import TechniekModel
from simulation.parameters import Parameters
from simulation.population import HE_PARTTIME
from tests.conftest import metric, run_model

SCALE = 1000.0


def _model(**params: float | bool) -> TechniekModel:
    base = {"scale": SCALE, "end_year": 2019}
    base.update(params)
    return TechniekModel(Parameters(**base), seed=4)


def _stock(model: TechniekModel, *stages: Stage) -> float:
    """Persons (real) in the given stages now."""
    c = take_census(model.people)
    return float(sum(c[s].sum() for s in stages)) * model.p.scale


def _adults_in_work(model: TechniekModel, n: int) -> np.ndarray:
    P = model.people
    age = model.year - P.birth_year
    rows = np.flatnonzero((P.stage == Stage.WORK) & ~P.tech & (age >= 25) & (age <= 45)
                          & (P.edu < EDU_HBO))
    return rows[:n]


def test_adult_bbl_applicants_need_a_place_and_keep_their_job_without_one():
    model = _model(end_year=2013)
    adults = _adults_in_work(model, 40)
    model.firm_places = np.zeros(len(model.firms))
    dropouts = apprenticeships.match_bbl(model, np.zeros(0, np.int64), adults)
    P = model.people
    assert not np.isin(adults, dropouts).any()       # adults are not drop-outs
    assert (P.stage[adults] == Stage.WORK).all()     # nor waiting: they stay at work
    assert model.flows["bbl_adult_without_place"] == len(adults)
    assert model.flows["bbl_starts"] == 0

    model.firm_places = np.full(len(model.firms), 100.0)
    apprenticeships.match_bbl(model, np.zeros(0, np.int64), adults)
    assert (P.stage[adults] == Stage.BBL).all()
    assert (P.employer[adults] >= 0).all()


def test_fewer_places_mean_fewer_adult_bbl_starts():
    """Adults compete with young applicants for the same places: with few places fewer adults
    start and more are turned away (technical adult entry made frequent to see it at this
    scale)."""
    common = {"adult_bbl_entry": 0.05, "end_year": 2016}
    many = run_model(seed=4, scale=SCALE, places_per_tech_worker=0.05, **common)
    few = run_model(seed=4, scale=SCALE, places_per_tech_worker=0.005, **common)
    years = list(range(2013, 2017))
    assert metric(few, "bbl_starts", "adult")[years].sum() < metric(many, "bbl_starts",
                                                                   "adult")[years].sum()
    assert metric(few, "bbl_adult_without_place")[years].sum() > metric(
        many, "bbl_adult_without_place")[years].sum()


def test_adult_entry_fills_bbl_with_older_students():
    with_adults = run_model(seed=4, scale=SCALE, end_year=2016)
    without = run_model(seed=4, scale=SCALE, end_year=2016, adult_bbl_entry=0.0,
                        parttime_hbo_entry=0.0)
    assert metric(with_adults, "pupils", "mbo_bbl")[2016] > 1.3 * metric(without, "pupils",
                                                                         "mbo_bbl")[2016]
    assert metric(with_adults, "entrants_by_age", "mbo|27_plus")[2016] > 10_000
    assert metric(without, "entrants_by_route", "mbo|adult").sum() == 0
    assert metric(with_adults, "pupils", "mbo_25_plus")[2016] > 2 * metric(
        without, "pupils", "mbo_25_plus")[2016]


def test_part_time_hbo_students_are_adults():
    model = _model(end_year=2015).run()
    P = model.people
    pt = (P.stage == Stage.HBO) & (P.track == HE_PARTTIME)
    assert pt.sum() > 0
    assert (model.year - 1 - P.birth_year[pt] >= 23).all()
    none = _model(end_year=2015, parttime_hbo_entry=0.0).run()
    assert ((none.people.stage == Stage.HBO) & (none.people.track == HE_PARTTIME)).sum() == 0


def test_switching_and_the_next_level_lengthen_mbo_stays():
    """Switching after the first year restarts a programme, and going on to the next level
    adds one: both keep students in mbo longer, at start-up and afterwards."""
    base = run_model(seed=4, scale=SCALE, end_year=2016)
    short = run_model(seed=4, scale=SCALE, end_year=2016, mbo_switch=0.0, mbo_next_level_2=0.0,
                      mbo_next_level_3=0.0)
    for year in (2013, 2016):
        assert metric(base, "pupils", "mbo_bol")[year] > 1.1 * metric(short, "pupils",
                                                                      "mbo_bol")[year]
    assert metric(base, "entrants_by_route", "mbo|switch")[2016] > 0
    assert metric(short, "entrants_by_route", "mbo|switch").sum() == 0
    assert metric(short, "entrants_by_route", "mbo|next_level").sum() == 0


def test_international_students_raise_wo_enrolment_and_mostly_leave():
    home = run_model(seed=4, scale=SCALE, end_year=2019, international_students=False)
    world = run_model(seed=4, scale=SCALE, end_year=2019)
    intl = metric(world, "students_by_route", "wo|international")
    assert 20_000 < intl[2013] < 45_000 and 45_000 < intl[2019] < 85_000   # 30,000 / 61,600
    gain = metric(world, "pupils", "wo") - metric(home, "pupils", "wo")
    assert gain[2019] > gain[2013] > 15_000
    assert metric(home, "students_by_route", "wo|international").sum() == 0
    stay = metric(world, "international_graduates", "stay").sum()
    leave = metric(world, "international_graduates", "leave").sum()
    assert 0.15 < stay / (stay + leave) < 0.5
    # arrivals and departures keep the population's books
    flows = (metric(world, "births") + metric(world, "immigrants") - metric(world, "deaths")
             - metric(world, "emigrants"))
    np.testing.assert_allclose(metric(world, "population").values,
                               (metric(world, "population_start") + flows).values)


def test_everyone_stays_when_the_stay_rate_is_one():
    model = run_model(seed=4, scale=SCALE, end_year=2017, intl_stay=1.0, intl_stay_tech=1.0)
    assert metric(model, "international_graduates", "leave").sum() == 0
    assert metric(model, "international_graduates", "stay").sum() > 0


def test_hbo_graduates_go_on_to_a_wo_master():
    model = run_model(seed=4, scale=SCALE, end_year=2016)
    assert metric(model, "students_by_route", "wo|hbo_master")[2016] > 3_000
    none = run_model(seed=4, scale=SCALE, end_year=2016, hbo_to_wo_master=0.0)
    assert metric(none, "entrants_by_route", "wo|hbo_master").sum() == 0


@pytest.mark.parametrize("params", [{}, {"mbo_switch": 0.3, "adult_bbl_entry": 0.03}])
def test_start_up_stocks_are_those_the_first_year_keeps(params):
    """No burn-in jump: the start-up population holds the stocks that the yearly flows
    sustain, so the first year changes each level's enrolment by a few percent only (hbo
    loses some: its start-up students come from the larger 20-24 age band, and the sample is
    small at this scale)."""
    model = TechniekModel(Parameters(scale=500.0, end_year=2013, **params), seed=4)
    levels = {"mbo": (Stage.BOL, Stage.BBL), "hbo": (Stage.HBO,), "wo": (Stage.WO,)}
    before = {k: _stock(model, *s) for k, s in levels.items()}
    model.step()
    for level, stages in levels.items():
        assert abs(_stock(model, *stages) / before[level] - 1) < 0.08, level


def test_every_student_is_within_the_programme_length():
    """Whatever the route (switches, the next level, masters, international and part-time
    students), nobody stays enrolled past the programme's length: graduates leave or start a
    new programme at year 0."""
    from simulation.population import programme_lengths

    model = _model(end_year=2018).run()
    P = model.people
    students = np.flatnonzero((P.stage >= Stage.BOL) & (P.stage <= Stage.WO))
    length = programme_lengths(model.p)[P.stage[students], P.track[students]]
    assert (length > 0).all()
    assert (P.years[students] < length).all()


def test_adult_bbl_applications_follow_the_cycle_technical_or_not():
    """Adults apply for BBL when employers recruit: non-technical entrants at last year's
    output gap (`bbl_cycle`), technical applicants with the technical places on offer
    (`bbl_outlook`), whatever the gap. With technical applicants at a fixed rate the
    places of a boom stayed unfilled."""
    from simulation import education

    def adult_entry(gap: float, outlook: float) -> tuple[int, int]:
        model = TechniekModel(Parameters(scale=40.0, end_year=2014, adult_bbl_entry=0.05,
                                         parttime_hbo_entry=0.0, places_gap_elasticity=0.2),
                              seed=6, gap_overrides={2013: gap})
        model.year = 2014                       # so that last year's gap is the override
        model.places_intensity = outlook        # places on offer per technician, relative
        tech, other = education._adults(model)
        return len(tech), len(other)

    tech_slump, other_slump = adult_entry(-3.0, 0.6)
    tech_boom, other_boom = adult_entry(3.0, 1.8)
    assert tech_slump > 100, tech_slump
    assert tech_boom / tech_slump == pytest.approx(3.0, rel=0.15)
    assert other_boom / other_slump == pytest.approx(np.exp(0.2 * 6), rel=0.15)
    tech_kept, _ = adult_entry(-3.0, 1.8)      # places kept on offer in a slump
    assert tech_kept / tech_boom == pytest.approx(1.0, rel=0.15)


def test_technical_bbl_applicants_read_this_years_places():
    """Technical BBL applicants (young and adult) read the places on offer in the year they
    apply (`education.bbl_outlook`): with the same 2013, a slump or a boom in 2014 moves that
    year's applicants with that year's places offered, not a year later. Until round 14
    applicants read last year's places, and both runs would have had the same applicants in
    2014."""
    def year_2014(gap: float) -> tuple[float, float]:
        model = run_model(seed=3, gap={2013: -3.0, 2014: gap}, scale=40.0, end_year=2014,
                          places_gap_elasticity=0.2)
        return (metric(model, "bbl_applicants").loc[2014],
                metric(model, "bbl_places_offered").loc[2014])

    applicants_slump, places_slump = year_2014(-3.0)
    applicants_boom, places_boom = year_2014(3.0)
    assert places_boom / places_slump > 2.0
    assert applicants_boom / applicants_slump > 1.5
    assert (np.log(applicants_boom / applicants_slump)
            == pytest.approx(np.log(places_boom / places_slump), rel=0.35))


@pytest.fixture(scope="module")
def flat():
    """The 2013-2019 run without higher-education entry trends, the comparison for both."""
    return run_model(seed=4, scale=SCALE, end_year=2019)


def test_a_rising_wo_entry_rate_sends_more_vwo_graduates_to_wo_until_its_end_year(flat):
    from simulation.education import wo_entry_rate

    p = Parameters(vwo_to_wo=0.75, wo_entry_trend=0.02, he_entry_trend_until=2020)
    assert wo_entry_rate(p, 2013) == 0.75
    assert wo_entry_rate(p, 2019) == pytest.approx(0.87)
    assert wo_entry_rate(p, 2030) == wo_entry_rate(p, 2020) == pytest.approx(0.89)
    assert wo_entry_rate(Parameters(vwo_to_wo=0.95, wo_entry_trend=0.03), 2030) == 1.0
    rising = run_model(seed=4, scale=SCALE, end_year=2019, wo_entry_trend=0.02)
    from_vo = "wo|vo"
    assert metric(rising, "entrants_by_route", from_vo)[2013] == metric(
        flat, "entrants_by_route", from_vo)[2013]
    assert metric(rising, "entrants_by_route", from_vo)[2019] > 1.1 * metric(
        flat, "entrants_by_route", from_vo)[2019]
    assert metric(rising, "pupils", "wo")[2019] > metric(flat, "pupils", "wo")[2019]
    # the vwo graduates who now go to wo would have gone to hbo
    assert metric(rising, "entrants_by_route", "hbo|vo")[2019] < metric(
        flat, "entrants_by_route", "hbo|vo")[2019]


def test_a_rising_hbo_entry_rate_sends_havo_graduates_to_hbo_not_mbo_and_spares_wo(flat):
    from simulation.education import hbo_entry_rate

    p = Parameters(havo_to_hbo=0.80, hbo_entry_trend=0.02, he_entry_trend_until=2020)
    assert hbo_entry_rate(p, 2013) == 0.80
    assert hbo_entry_rate(p, 2016) == pytest.approx(0.86)
    assert hbo_entry_rate(p, 2030) == hbo_entry_rate(p, 2020) == pytest.approx(0.94)
    assert hbo_entry_rate(Parameters(havo_to_hbo=0.95, hbo_entry_trend=0.03), 2030) == 1.0
    rising = run_model(seed=4, scale=SCALE, end_year=2019, hbo_entry_trend=0.02)
    assert metric(rising, "entrants_by_route", "hbo|vo")[2013] == metric(
        flat, "entrants_by_route", "hbo|vo")[2013]
    assert metric(rising, "entrants_by_route", "hbo|vo")[2019] > 1.05 * metric(
        flat, "entrants_by_route", "hbo|vo")[2019]
    assert metric(rising, "pupils", "hbo")[2019] > metric(flat, "pupils", "hbo")[2019]
    # the havo graduates who now go to hbo would have gone to mbo-4; wo is untouched
    assert metric(rising, "entrants_by_route", "mbo|vo")[2019] < metric(
        flat, "entrants_by_route", "mbo|vo")[2019]
    assert metric(rising, "entrants_by_route", "wo|vo")[2019] == metric(
        flat, "entrants_by_route", "wo|vo")[2019]

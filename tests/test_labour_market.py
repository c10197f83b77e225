"""Expectations (M3) and the labour market (M6): myopia, skills, metropolitan pull, leakage."""

from __future__ import annotations

import numpy as np
import pytest

from agents.people import Stage
from simulation.data import REGION_METRO
from tests.conftest import metric, run_model

SLUMP = {2016: -5.0, 2017: -5.0}
STEADY = {2016: 1.0, 2017: 1.0}


def _vo_tech(model, years):
    return metric(model, "tech_share", "havo|all")[years].mean() + metric(
        model, "tech_share", "vmbo|all")[years].mean()


def test_myopic_pupils_turn_away_from_techniek_in_a_slump_informed_pupils_do_not():
    years = [2017, 2018]
    myopic = [run_model(seed=8, end_year=2018, gap=g, scale=200.0) for g in (SLUMP, STEADY)]
    informed = [run_model(seed=8, end_year=2018, gap=g, scale=200.0, information_quality=1.0)
                for g in (SLUMP, STEADY)]
    signal = [metric(m, "prospect_signal")[2016] for m in myopic]
    assert signal[0] < signal[1]
    informed_signal = [metric(m, "prospect_signal")[[2016, 2017]] for m in informed]
    np.testing.assert_array_equal(informed_signal[0].values, informed_signal[1].values)
    drop_myopic = _vo_tech(myopic[1], years) - _vo_tech(myopic[0], years)
    drop_informed = _vo_tech(informed[1], years) - _vo_tech(informed[0], years)
    assert drop_myopic > drop_informed


def test_skills_fade_in_unemployment():
    model = run_model(seed=9, end_year=2016)
    P = model.people
    unemployed = P.stage == Stage.UNEMPLOYED
    working = (P.stage == Stage.WORK) & P.tech
    assert P.skill[unemployed].mean() < P.skill[working].mean()


def test_no_skill_loss_means_unemployed_keep_skill():
    model = run_model(seed=9, end_year=2016, skill_loss=0.0)
    P = model.people
    assert P.skill[P.stage == Stage.UNEMPLOYED].min() >= 0.9 - 1e-6


def test_metropolitan_pull_moves_technicians_to_the_randstad():
    pull = run_model(seed=10, end_year=2022, metro_pull=0.8)
    none = run_model(seed=10, end_year=2022, metro_pull=0.0)
    assert metric(pull, "metro_moves").sum() > 0
    assert metric(none, "metro_moves").sum() == 0

    def metro_share(model):
        P = model.people
        tech = (P.stage == Stage.WORK) & P.tech
        return REGION_METRO[P.region[tech]].mean()

    assert metro_share(pull) > metro_share(none)


def test_non_technical_employers_hire_technically_qualified():
    model = run_model(seed=11, end_year=2020)
    leaked = metric(model, "technically_qualified_in_other_work")
    assert (leaked > 0).all()
    more = run_model(seed=11, end_year=2020, leak_to_nontech=0.6)
    assert metric(more, "technically_qualified_in_other_work")[2020] > leaked[2020]
    # the young lose most: fewer of the cohorts turning 25 in 2016-2020 work in techniek (the
    # whole workforce may not shrink, as side entry draws some of them back when tight)
    def at_25(m):
        c = m.recorder.cohorts()
        return c[c.birth_cohort.between(1991, 1995)].tech_work_25.mean()

    assert at_25(more) < 0.85 * at_25(model)


def test_vacancy_cap_limits_the_open_stock_not_the_hiring():
    """`max_vacancy_rate` withdraws vacancies left open after matching; it does not stop firms
    from hiring for the jobs that open during the year (retirements, quits, growth)."""
    free = run_model(seed=3, end_year=2016, scale=1000.0)
    capped = run_model(seed=3, end_year=2016, scale=1000.0, max_vacancy_rate=0.005)
    workforce = metric(capped, "tech_workforce")
    assert (metric(capped, "tech_vacancies_unfilled") <= 0.005 * workforce * 1.5).all()
    # the first year (before the lower tightness feeds back into search) hires the same
    assert metric(capped, "tech_hires")[2013] == metric(free, "tech_hires")[2013]


def test_more_domestic_supply_displaces_labour_migrants():
    """Labour migrants fill a share of what domestic matching leaves open, so more side entry
    (a domestic supply policy) means fewer labour migrants, and the workforce gains less than
    the extra domestic hires."""
    few = run_model(seed=4, end_year=2019, scale=500.0, tech_labour_migration=0.66,
                    zij_instroom=0.005)
    many = run_model(seed=4, end_year=2019, scale=500.0, tech_labour_migration=0.66,
                     zij_instroom=0.05)
    years = slice(2015, 2019)
    extra_side = (metric(many, "tech_side_entry") - metric(few, "tech_side_entry")).loc[years]
    fewer_migrants = (metric(few, "labour_migrants", "tech")
                      - metric(many, "labour_migrants", "tech")).loc[years]
    assert extra_side.sum() > 0
    assert fewer_migrants.sum() > 0.2 * extra_side.sum()
    gain = metric(many, "tech_workforce")[2019] - metric(few, "tech_workforce")[2019]
    assert gain < extra_side.sum()


def test_labour_migrants_fill_open_vacancies_within_net_migration():
    """Technical labour migrants arrive working in techniek; the next year's other
    immigrants are fewer by as many, so total immigration is unchanged."""
    base = run_model(seed=4, end_year=2016, scale=1000.0)
    mig = run_model(seed=4, end_year=2016, scale=1000.0, tech_labour_migration=0.5)
    arrived = metric(mig, "labour_migrants", "tech")
    assert arrived.sum() > 0
    assert (metric(mig, "tech_vacancies_unfilled")
            <= metric(base, "tech_vacancies_unfilled") * 1.5).all()
    other = metric(mig, "immigrants") - metric(base, "immigrants")
    # summed: emigration differs a little between the two populations
    np.testing.assert_allclose(other.loc[2014:].sum(), -arrived.loc[:2015].sum(), rtol=0.25)


def test_women_enter_technical_work_from_other_jobs_less_often_than_men():
    """Side entry (zij-instroom) keeps the start-up's gender pattern: a technically qualified
    woman in other work moves into a technical job at 0.45 times a man's rate
    (`population.TECH_WORK_WEIGHT`), instead of at the same rate, which let women's share of
    technicians drift up by a third in six years."""
    from simulation import labour_market
    from simulation.model import TechniekModel
    from simulation.parameters import Parameters

    model = TechniekModel(Parameters(scale=200.0, end_year=2014, zij_instroom=0.2,
                                     retraining=0.0, matching_efficiency=1.0), seed=5)
    P = model.people
    pool = np.flatnonzero(P.edu_tech & ~P.tech & ~P.teacher & (P.stage == Stage.WORK))
    vacancies = np.full_like(model.vacancies, 1e6)       # every seeker is hired
    labour_market._match(model, vacancies)
    entered = pool[P.tech[pool]]
    rate_women = P.female[entered].sum() / P.female[pool].sum()
    rate_men = (~P.female[entered]).sum() / (~P.female[pool]).sum()
    assert len(entered) > 500
    assert 0.3 < rate_women / rate_men < 0.6


def test_demand_follows_the_fitted_trends_to_2023_and_roa_after():
    """The fitted expansion demand (which includes the recovery from the 2013 trough) is not
    projected: it grows at the early rate to `expansion_break`, at the late rate to
    `expansion_until`, and at ROA's forecast after it."""
    from simulation.labour_market import demand_trend
    from simulation.parameters import Parameters

    p = Parameters(expansion_demand=0.02, expansion_demand_late=0.03, expansion_break=2018,
                   expansion_demand_after=0.011, expansion_until=2023)
    assert demand_trend(p, 2013) == 1.0
    assert demand_trend(p, 2018) == pytest.approx(1.02 ** 5)
    assert demand_trend(p, 2023) == pytest.approx(1.02 ** 5 * 1.03 ** 5)
    assert demand_trend(p, 2040) / demand_trend(p, 2023) == pytest.approx(1.011 ** 17)
    # a run that starts after the break grows at the late rate from its start
    late_start = Parameters(expansion_demand=0.02, expansion_demand_late=0.03, start_year=2020)
    assert demand_trend(late_start, 2023) == pytest.approx(1.03 ** 3)


def test_demand_trend_years_must_be_in_order():
    """A late trend that would end before it starts is refused, naming the field."""
    from pydantic import ValidationError

    from simulation.parameters import Parameters

    with pytest.raises(ValidationError, match="expansion_until"):
        Parameters(expansion_break=2020, expansion_until=2019)


def test_women_graduates_stay_in_techniek_at_the_start_ups_ratio():
    """Technically qualified women graduates stay in techniek at the same ratio to men as the
    2013 technical occupations are drawn with, so the flows sustain the start's gender mix."""
    from simulation.parameters import Parameters
    from simulation.population import TECH_WORK_WEIGHT

    ratio = TECH_WORK_WEIGHT[1, 1] / TECH_WORK_WEIGHT[1, 0]
    assert 1 - Parameters().leak_female_extra == pytest.approx(ratio)


def test_uwv_counts_the_vacancies_open_on_a_day_longer_open_when_unemployment_is_low():
    """UWV's count is a point-in-time stock: the year's filled vacancies times the time a
    vacancy is open (stock-flow), which lengthens as unemployment falls, plus what the year
    leaves unfilled."""
    from simulation.metrics import REFERENCE_UNEMPLOYMENT, measured_vacancies
    from simulation.parameters import Parameters

    p = Parameters(vacancy_duration=0.1, vacancy_duration_elasticity=2.0)
    assert measured_vacancies(Parameters(vacancy_duration=0.0), 500.0, 80_000.0, 4.0) == 500.0
    assert measured_vacancies(p, 500.0, 80_000.0, REFERENCE_UNEMPLOYMENT) == pytest.approx(
        500.0 + 8_000.0)
    half = REFERENCE_UNEMPLOYMENT / 2
    assert measured_vacancies(p, 0.0, 80_000.0, half) == pytest.approx(8_000.0 * 4)
    flat = Parameters(vacancy_duration=0.1, vacancy_duration_elasticity=0.0)
    assert measured_vacancies(flat, 0.0, 80_000.0, half) == pytest.approx(8_000.0)


def test_recorded_vacancies_are_the_measured_stock_of_the_run():
    """The run records the count from its own hires, labour migrants and unemployment, and
    the unfilled residual apart; a longer vacancy duration changes the count, not the run."""
    from simulation.metrics import measured_vacancies

    short = run_model(seed=5, end_year=2017, scale=1000.0, tech_labour_migration=0.5,
                      vacancy_duration=0.05)
    long = run_model(seed=5, end_year=2017, scale=1000.0, tech_labour_migration=0.5,
                     vacancy_duration=0.2)
    filled = metric(long, "tech_hires") + metric(long, "labour_migrants", "tech")
    unfilled = metric(long, "tech_vacancies_unfilled")
    rate = metric(long, "unemployment_rate")
    expected = [measured_vacancies(long.p, unfilled[y], filled[y], rate[y]) for y in rate.index]
    np.testing.assert_allclose(metric(long, "tech_vacancies").values, expected)
    assert (metric(long, "tech_vacancies") > unfilled).all()
    assert metric(short, "tech_workforce").equals(metric(long, "tech_workforce"))
    assert metric(short, "tech_vacancies_unfilled").equals(unfilled)
    assert (metric(long, "tech_vacancies") > metric(short, "tech_vacancies")).all()

"""Demography: deaths, emigration, immigration and the yearly entry of 4-year-olds.

The modelled population is every resident from age 4; a person leaves only by death or
emigration. Retired persons live in `model.retired` (same fields and ids), where they age and
die without weighing on the yearly passes over the working population. Entry at age 4 is the
birth cohort of four years earlier (CBS 37422ned [S1]) times
survival to age 4 (0.995, CBS life tables, derived); immigration is the net migration of the
year (CBS 37259NED [S5]) plus the emigrants the model drew, so that net migration matches.
All draws here are exogenous (they depend on age, sex and seed only), so every scenario has the
same persons in the same rows: the basis of common random numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.draws import bernoulli_rows
from agents.people import EDU_HBO, EDU_MBO34, EDU_VO_BASIC, Stage
from simulation import data
from simulation.population import (
    new_person_traits,
    stochastic_round,
    tech_work_propensity,
    vo_track,
)

if TYPE_CHECKING:
    from simulation.model import TechniekModel

SURVIVAL_TO_4 = 0.995
#: relative emigration propensity by age: young adults move most (assumption, CBS age profile)
_EMIGRATION_WEIGHT = np.where((np.arange(121) >= 20) & (np.arange(121) < 40), 2.2, 0.6)
_DEATH = np.concatenate([data.MORTALITY_QX["male"], data.MORTALITY_QX["female"]]).astype(
    np.float32)
_DEATH_OR_EMIGRATION = _DEATH + np.tile(data.EMIGRATION_RATE * _EMIGRATION_WEIGHT, 2).astype(
    np.float32)


def step(model: TechniekModel) -> None:
    """Remove the dead and the emigrants, add immigrants and the new 4-year-olds."""
    P, year, p = model.people, model.year, model.p
    rng = model.year_rng("demography")
    pop_before = 0
    died = emigrated = 0
    for people, stream in ((P, "deaths"), (model.retired, "deaths_retired")):
        if people.n == 0:
            continue
        pop_before += int(np.count_nonzero(people.alive))
        # thinning: candidates at the highest hazard present, accepted with hazard / highest
        oldest = min(year - int(people.birth_year.min()), 120)
        top = float(max(_DEATH_OR_EMIGRATION[: oldest + 1].max(),
                        _DEATH_OR_EMIGRATION[121: 122 + oldest].max()))
        stream_rng = model.year_rng(stream)
        cand = bernoulli_rows(stream_rng, people.n, top)
        cand = cand[people.alive[cand]]
        cell = people.female[cand] * np.int16(121) + np.minimum(
            year - people.birth_year[cand], 120)
        v = stream_rng.random(len(cand)) * top
        dies = v < _DEATH[cell]
        emigrates = ~dies & (v < _DEATH_OR_EMIGRATION[cell])
        people.remove(cand[dies | emigrates])
        died += int(dies.sum())
        emigrated += int(emigrates.sum())
    model.retired.compact(min_share=0.25)
    model.count("population_start", pop_before)
    model.count("deaths", died)
    model.count("emigrants", emigrated)
    # net migration includes international degree students, whom education adds and removes
    # itself: take this year's arrivals and last year's departures out of the other migrants
    intl_net = 0.0
    if p.international_students:
        intl_net = float(data.international_entrants(year).sum()) - model.intl_departed * p.scale
    model.intl_departed = 0
    # technical labour migrants (simulation.labour_market) came last year with a job: they are
    # part of the observed migration, so the other immigrants are fewer by as many
    labour_net = model.labour_migrants_arrived * p.scale
    model.labour_migrants_arrived = 0
    n_imm = stochastic_round(max(data.net_migration_in(year) - intl_net - labour_net
                                 + emigrated * p.scale, 0.0) / p.scale, rng)
    _add_immigrants(model, int(n_imm), rng)
    n_new = stochastic_round(data.births_in(year - 4) * SURVIVAL_TO_4 / p.scale, rng)
    traits = new_person_traits(int(n_new), rng)
    P.add(int(n_new), birth_year=year - 4, stage=Stage.PRIMARY, **traits)
    model.count("births", n_new)


def _add_immigrants(model: TechniekModel, n: int, rng: np.random.Generator) -> None:
    """Immigrants: 20% children (4-17), 70% aged 18-39, 10% aged 40-64 (assumption, CBS
    37556 age profile); half with a non-western background; adults start as job seekers with
    a qualification drawn 40% basic / 25% mbo / 35% higher, 20% of them technical
    (assumption); technically qualified women seek technical work at 0.45 times men's rate,
    as graduates stay in it (`population.tech_work_propensity`)."""
    if n <= 0:
        return
    P, year = model.people, model.year
    kind = rng.choice(3, size=n, p=[0.2, 0.7, 0.1])
    age = np.select([kind == 0, kind == 1], [rng.integers(4, 18, n), rng.integers(18, 40, n)],
                    rng.integers(40, 65, n))
    traits = new_person_traits(n, rng)
    traits["migrant"] = rng.random(n) < 0.5
    rows = P.add(n, birth_year=(year - age).astype(np.int16), **traits)
    model.count("immigrants", n)
    child = age < 18
    primary = rows[child & (age < 12)]
    P.stage[primary] = Stage.PRIMARY
    P.years[primary] = np.minimum(age[child & (age < 12)] - 4, 7)
    vo = rows[child & (age >= 12)]
    P.stage[vo] = Stage.VO
    P.years[vo] = np.minimum(age[child & (age >= 12)] - 12, 1)  # still to make the vo choice
    P.track[vo] = vo_track(P.ability[vo])
    P.school[vo] = model.pick_schools("vo", P.region[vo], rng.random(len(vo)))
    adults = rows[~child]
    edu_draw = rng.random(len(adults))
    P.edu[adults] = np.select([edu_draw < 0.4, edu_draw < 0.65], [EDU_VO_BASIC, EDU_MBO34],
                              EDU_HBO)
    P.edu_tech[adults] = rng.random(len(adults)) < 0.2
    P.stage[adults] = Stage.UNEMPLOYED
    # the technically qualified seek technical work, women at the start-up's ratio to men
    seek = rng.random(len(adults)) < tech_work_propensity(P.female[adults], qualified=True)
    P.tech[adults] = P.edu_tech[adults] & seek

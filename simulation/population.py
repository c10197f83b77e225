"""The initial population: every resident aged 4 to 67 in the start year, one row per `scale`
(the 5- to 67-year-olds at start-up, and the 4-year-olds entering in the first step).

Ages and sexes follow the mid-2013 population (OECD POP_PROJ [S4]). Each person's history up to
the start year is generated with the model's own choice functions under 2013 reference
conditions, so stocks by level, field and gender are consistent with the behaviour that follows:
vo track from ability (cohort shares `data.VO_TRACK_SHARES`), the vo technical choice, the
post-secondary programme and its technical choice, then the labour market. Labour-market states
come from 2013 rates (participation, 7.3% unemployment [L1]); technical occupations are drawn,
mostly among the technically qualified, so that their total is the 1,395,000 of 2013 [L12].
Known simplification: nobody in the initial population dropped out or studied late, so mbo
(and especially BBL, with many adult learners) starts below its 2013 enrolment.
"""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import expit, ndtri

from agents.people import (
    EDU_HBO,
    EDU_MBO2,
    EDU_MBO34,
    EDU_NONE,
    EDU_VO_BASIC,
    EDU_VO_GENERAL,
    EDU_WO,
    HAVO,
    PRO,
    VMBO_B,
    VMBO_GT,
    VMBO_K,
    VWO,
    Stage,
)
from agents.pupils import (
    PARENT_TECH_SHARE,
    PRIMARY_YEARS,
    REF_EXPOSURE,
    assign_profile,
    initial_interest,
    reinforce,
    vo_group,
)
from simulation import data

if TYPE_CHECKING:
    from simulation.model import TechniekModel

#: mbo programme length by level (years; level 4 BOL is 3-4 years)
MBO_YEARS = np.array([0, 1, 2, 3, 3])
#: mbo level reached from each vo track (pro -> none, b -> 2, k -> 3, gt -> 4, havo -> 4)
MBO_LEVEL_OF_TRACK = np.array([0, 2, 3, 4, 4, 4])
#: ages handled together while building the initial population (bounds peak memory)
AGE_BAND = 8
#: vo track thresholds on the ability scale (standard normal quantiles)
TRACK_THRESHOLDS = ndtri(np.cumsum(data.VO_TRACK_SHARES)[:-1])


def stochastic_round(x: np.ndarray | float, rng: np.random.Generator) -> np.ndarray:
    """Round to integers keeping the expectation (floor plus a Bernoulli on the fraction)."""
    x = np.asarray(x, dtype=float)
    base = np.floor(x)
    return (base + (rng.random(x.shape) < x - base)).astype(np.int64)


def _u(rng: np.random.Generator, n: int) -> np.ndarray:
    """n uniform draws as float32 (half the memory of float64 at national scale)."""
    return rng.random(n, dtype=np.float32)


def vo_track(ability: np.ndarray) -> np.ndarray:
    """vo track from ability: the lowest `VO_TRACK_SHARES` quantiles go to pro, and so on."""
    return np.searchsorted(TRACK_THRESHOLDS, ability).astype(np.int8)


_REGION_CUM = np.cumsum(data.REGION_SHARES)[:-1].astype(np.float32)


def new_person_traits(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Traits fixed at birth: sex, region, migration background, taste, ability, parent."""
    return {
        "female": _u(rng, n) >= data.SHARE_BOYS_AT_BIRTH,
        "region": np.searchsorted(_REGION_CUM, _u(rng, n), side="right").astype(np.int8),
        "migrant": _u(rng, n) < data.MIGRANT_SHARE_YOUNG,
        "taste": rng.standard_normal(n, dtype=np.float32),
        "ability": rng.standard_normal(n, dtype=np.float32),
        "parent_tech": _u(rng, n) < PARENT_TECH_SHARE,
    }


def build_population(model: TechniekModel, rng: np.random.Generator) -> None:
    """Fill `model.people` with the start-year population (see module docstring)."""
    p, people, year = model.p, model.people, model.p.start_year
    males, females = data.population_2013_single_ages(max_age=67)
    # The start-up state is the end of the previous school year; this year's 4-year-olds
    # enter during the first step (demography), so the population starts at age 5.
    # Agents per (age, sex), ordered by age so that age bands are contiguous rows.
    counts = stochastic_round(np.stack([males[5:], females[5:]], axis=1) / p.scale, rng)
    ages = np.repeat(np.arange(5, 68), counts.sum(axis=1))
    female = np.repeat(np.tile([False, True], 63), counts.ravel())
    n = len(ages)
    traits = new_person_traits(n, rng)
    traits["female"] = female
    rows = people.add(n, birth_year=(year - ages).astype(np.int16), **traits)
    people.exposure[rows] = np.minimum(ages - 4, PRIMARY_YEARS) * REF_EXPOSURE
    # in age bands, so that the temporaries of one band, not of the whole country, are alive
    # Bands touch disjoint rows and each has its own child generator, so they run on two
    # threads (numpy releases the GIL) with the same result as one after the other.
    bounds = np.searchsorted(ages, np.arange(5, 68 + AGE_BAND, AGE_BAND))
    bands = list(itertools.pairwise(bounds))
    band_rngs = rng.spawn(len(bands))
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda job: _place_in_school_or_work(
            model, rows[job[0][0]:job[0][1]], ages[job[0][0]:job[0][1]], job[1]),
            zip(bands, band_rngs, strict=True)))
    _technical_jobs(model, rng)


def _place_in_school_or_work(model: TechniekModel, rows: np.ndarray, ages: np.ndarray,
                             rng: np.random.Generator) -> None:
    """Give each person the stage, track and history implied by age (reference conditions)."""
    P, p, icpt = model.people, model.p, model.intercepts
    # the start-up state is the end of the previous school year: a person aged a now was
    # a - 1 during it, so 12-year-olds are still in primary school (they move up this year)
    # and a pupil aged a has completed a - 13 years of vo
    primary = ages <= 12
    P.stage[rows[primary]] = Stage.PRIMARY
    P.years[rows[primary]] = ages[primary] - 4

    idx, age = rows[~primary], ages[~primary]
    track = vo_track(P.ability[idx])
    P.track[idx] = track
    female, migrant = P.female[idx], P.migrant[idx]
    interest = initial_interest(P.taste[idx], P.exposure[idx], P.parent_tech[idx], p)
    years_vo = age - 13
    group = vo_group(track)
    decided = (years_vo >= 2) & (track != PRO)
    a = icpt.vo[np.maximum(group, 0), female.astype(int)]
    u = a + p.beta_interest * interest - p.migrant_penalty * migrant
    vo_tech = decided & (_u(rng, len(idx)) < expit(u))
    general = (track == HAVO) | (track == VWO)
    chose = decided & general
    profile, wisb = assign_profile(vo_tech[chose], female[chose], _u(rng, int(chose.sum())), p)
    P.profile[idx] = -1
    P.profile[idx[chose]] = profile
    P.wisb[idx] = False
    P.wisb[idx[chose]] = wisb
    P.hist[idx] = np.where(decided, 1 + 2 * vo_tech, 0).astype(np.uint8)
    # interest reinforced for each upper year actually spent
    vo_len = data.VO_TRACK_YEARS[track]
    upper_years = np.clip(np.minimum(years_vo, vo_len) - 2, 0, None)
    for k in range(int(upper_years.max(initial=0))):
        step = upper_years > k
        interest = np.where(step, reinforce(interest, P.taste[idx], vo_tech, 1.0, p), interest)

    in_vo = years_vo < vo_len
    P.stage[idx[in_vo]] = Stage.VO
    P.years[idx[in_vo]] = years_vo[in_vo]
    P.tech[idx[in_vo]] = vo_tech[in_vo]
    P.interest[idx] = interest
    P.school[idx[in_vo]] = model.pick_schools("vo", P.region[idx[in_vo]], _u(rng, in_vo.sum()))

    done = ~in_vo
    P.edu[idx[done]] = np.where((track[done] == HAVO) | (track[done] == VWO), EDU_VO_GENERAL,
                                EDU_VO_BASIC)
    P.edu_tech[idx[done]] = vo_tech[done]
    _after_vo(model, idx[done], age[done] - (13 + vo_len[done]), track[done], rng)


def _after_vo(model: TechniekModel, idx: np.ndarray, since: np.ndarray, track: np.ndarray,
              rng: np.random.Generator) -> None:
    """Post-secondary history for persons who left vo `since` years before the start year."""
    P, p = model.people, model.p
    n = len(idx)
    draw = _u(rng, n)
    # programme: 0 none (pro), 1 mbo, 2 hbo, 3 wo
    prog = np.select([track == PRO, np.isin(track, (VMBO_B, VMBO_K, VMBO_GT)),
                      track == HAVO, track == VWO],
                     [0, 1, np.where(draw < p.havo_to_hbo, 2, 1),
                      np.where(draw < p.vwo_to_wo, 3, 2)])
    level = MBO_LEVEL_OF_TRACK[track]
    length = np.select([prog == 1, prog == 2, prog == 3],
                       [MBO_YEARS[level], p.hbo_years, p.wo_years], 0)
    post_tech = model.post_choice(idx, np.clip(prog - 1, 0, 2), P.edu_tech[idx].astype(float),
                                  _u(rng, n), reference=True)
    post_tech &= prog > 0
    P.hist[idx] |= np.where(prog > 0, 4 + 8 * post_tech, 0).astype(np.uint8)

    # drop-out at the model's yearly rates over the years studied (so that the start-up stocks
    # are those the yearly dynamics keep up); drop-outs keep their vo qualification
    rate = np.where(prog == 1, p.mbo_dropout, p.he_dropout)
    survived = _u(rng, n) < (1 - rate) ** np.clip(since, 0, length)
    dropped = (prog > 0) & ~survived
    studying = (prog > 0) & (since < length) & survived
    # mbo-4 graduates who went on to hbo
    to_hbo = ((prog == 1) & (level == 4) & ~studying & ~dropped
              & (_u(rng, n) < p.mbo4_to_hbo))
    since_hbo = since - length
    studying_hbo = to_hbo & (since_hbo < p.hbo_years)
    hbo_tech = np.zeros(n, dtype=bool)
    k = int(to_hbo.sum())
    hbo_tech[to_hbo] = model.post_choice(idx[to_hbo], np.full(k, 1),
                                         post_tech[to_hbo].astype(float), _u(rng, k),
                                         reference=True)

    # students now
    s = studying
    stage = np.select([prog == 1, prog == 2, prog == 3],
                      [Stage.BOL, Stage.HBO, Stage.WO], Stage.WORK)
    bbl = (prog == 1) & (_u(rng, n) < np.where(post_tech, p.bbl_share_tech,
                                                  p.bbl_share_nontech))
    stage = np.where(bbl, Stage.BBL, stage)
    P.stage[idx[s]] = stage[s]
    P.years[idx[s]] = since[s]
    P.track[idx[s]] = np.where(prog[s] == 1, level[s], 0)
    P.tech[idx[s]] = post_tech[s]
    P.stage[idx[studying_hbo]] = Stage.HBO
    P.years[idx[studying_hbo]] = since_hbo[studying_hbo]
    P.tech[idx[studying_hbo]] = hbo_tech[studying_hbo]
    P.track[idx[studying_hbo]] = 0
    mbo_students = idx[s & (prog == 1)]
    P.school[mbo_students] = model.pick_schools("mbo", P.region[mbo_students],
                                                _u(rng, len(mbo_students)))
    tech_bbl = idx[s & bbl & post_tech]
    P.employer[tech_bbl] = model.pick_firms(P.region[tech_bbl], _u(rng, len(tech_bbl)))

    # qualification of those who finished
    fin = ~s & ~studying_hbo
    edu = np.select([prog == 0, prog == 1, prog == 2, prog == 3],
                    [EDU_VO_BASIC, np.where(level == 2, EDU_MBO2, EDU_MBO34), EDU_HBO, EDU_WO],
                    EDU_NONE)
    edu = np.where(to_hbo, EDU_HBO, edu)
    edu_tech = np.where(prog == 0, False, np.where(to_hbo, hbo_tech, post_tech))
    edu = np.where(dropped, P.edu[idx], edu)
    edu_tech = np.where(dropped, P.edu_tech[idx], edu_tech)
    P.edu[idx[fin]] = edu[fin]
    P.edu_tech[idx[fin]] = edu_tech[fin]
    P.track[idx[fin]] = 0
    _labour_status(model, idx[fin], rng)


def _labour_status(model: TechniekModel, idx: np.ndarray, rng: np.random.Generator) -> None:
    """Employment, unemployment and inactivity for school leavers (2013 rates)."""
    P, p = model.people, model.p
    u = _u(rng, len(idx))
    inactive = u < 1 - p.participation
    # technically qualified are less often unemployed: 3.1% vs 4.8% in 2018 [L16] (ratio 0.65)
    rate = data.UNEMPLOYMENT_RATE_2013 * np.where(P.edu_tech[idx], 0.65, 1.0)
    unemployed = ~inactive & (u < 1 - p.participation + p.participation * rate)
    P.stage[idx] = np.where(inactive, Stage.INACTIVE,
                            np.where(unemployed, Stage.UNEMPLOYED, Stage.WORK))
    P.tech[idx[unemployed]] = P.edu_tech[idx[unemployed]]  # technical job seekers
    P.skill[idx[unemployed]] = 0.9


def _technical_jobs(model: TechniekModel, rng: np.random.Generator) -> None:
    """Technical occupations among all employed, so that they add up to the 1,395,000 of
    2013 [L12]: weight 1 if technically qualified, small otherwise; women with a technical
    qualification work in techniek less often, and rarely without one (assumption)."""
    P, p = model.people, model.p
    employed = np.flatnonzero(P.stage == Stage.WORK)
    female, qualified = P.female[employed], P.edu_tech[employed]
    weight = np.where(qualified, np.where(female, 0.45, 1.0), np.where(female, 0.02, 0.12))
    target = data.TECH_WORKFORCE_2013 / p.scale
    prob = np.minimum(weight * target / max(weight.sum(), 1e-9), 0.95)
    rows = employed[_u(rng, len(employed)) < prob]
    P.tech[rows] = True
    P.sector[rows] = rng.choice(len(data.SECTORS), size=len(rows),
                                p=data.SECTOR_TECH_SHARE).astype(np.int8)
    P.employer[rows] = model.pick_firms(P.region[rows], _u(rng, len(rows)), P.sector[rows])

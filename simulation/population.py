"""The initial population: every resident aged 4 to 67 in the start year, one row per `scale`
(the 5- to 67-year-olds at start-up, and the 4-year-olds entering in the first step).

Ages and sexes follow the mid-2013 population (OECD POP_PROJ [S4]). Each person's history up to
the start year is generated with the model's own choice functions under 2013 reference
conditions, so stocks by level, field and gender are consistent with the behaviour that follows:
vo track from ability (cohort shares `data.VO_TRACK_SHARES`), the vo technical choice, the
post-secondary programme and its technical choice, then the labour market. Labour-market states
come from 2013 rates (participation, 7.3% unemployment [L1]); technical occupations are drawn,
mostly among the technically qualified, so that their total is the 1,395,000 of 2013 [L12].
Each programme is run year by year at the model's drop-out, switch and next-level rates
(`_mbo_spell`, `_he_spell`); mbo-4 graduates may go on to hbo and hbo graduates to a wo
master; and the stocks that the yearly inflows of adults (BBL, part-time hbo) and
international students sustain are put in place (`_adult_students`,
`_international_students`), so that the 2013 stocks are those the dynamics keep up, without a
jump in the first years.
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
    HIST_POST_MADE,
    HIST_POST_TECH,
    PRO,
    VMBO_B,
    VMBO_GT,
    VMBO_K,
    VWO,
    Stage,
)
from agents.pupils import (
    HISTORY_YEARS,
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
    from simulation.parameters import Parameters

#: mbo programme length by level (years). Level 4 is 4 years: most level-4 programmes lasted
#: 4 years when the students of 2013 started (the 2012 shortening to 3 years was to be in place
#: by August 2014, with 47 mostly technical programmes allowed to keep 4 years; Rijksoverheid
#: 28-03-2012), and the actual time to a level-4 diploma was about 4 years (ECBO, Petit et al.
#: 2011). BOL enrolment did not fall after the shortening (365,300 in 2013, 376,800 in 2017
#: [E13]), so one length is used for all years (switches: `mbo_switch`).
MBO_YEARS = np.array([0, 1, 2, 3, 4])
#: higher-education programme kinds (values of `track` while in Stage.HBO / Stage.WO):
#: regular (from vo or mbo-4), hbo graduates in a wo master, international bachelor or hbo
#: students, international wo master students, part-time hbo students (adults)
HE_REGULAR, HE_MASTER, HE_INTL_BA, HE_INTL_MA, HE_PARTTIME = range(5)
#: ages (inclusive) at which adults start a BBL programme and a part-time hbo bachelor
ADULT_BBL_AGES = (20, 49)
#: oldest age at which an mbo-2/3 graduate goes on to the next level (young pathway)
NEXT_LEVEL_MAX_AGE = 24
PARTTIME_HBO_AGES = (23, 45)
#: mbo level reached from each vo track (pro -> none, b -> 2, k -> 3, gt -> 4, havo -> 4)
MBO_LEVEL_OF_TRACK = np.array([0, 2, 3, 4, 4, 4])
#: ages handled together while building the initial population (bounds peak memory)
AGE_BAND = 8
#: ages at start-up whose residents beyond their birth cohort are taken to be immigrants
#: without a Dutch school career (`foreign_share`): the 20-24 band, born 1989-1993, the
#: oldest cohorts with births data [S1]
FOREIGN_AGES = (20, 24)
#: vo track thresholds on the ability scale (standard normal quantiles)
TRACK_THRESHOLDS = ndtri(np.cumsum(data.VO_TRACK_SHARES)[:-1])


def stochastic_round(x: np.ndarray | float, rng: np.random.Generator) -> np.ndarray:
    """Round to integers keeping the expectation (floor plus a Bernoulli on the fraction)."""
    x = np.asarray(x, dtype=float)
    base = np.floor(x)
    return (base + (rng.random(x.shape) < x - base)).astype(np.int64)


def foreign_share(p: Parameters) -> np.ndarray:
    """Share of the residents of each age 0..67 at start-up who came to the Netherlands after
    school age and so had no Dutch school career: 1 - (births of their year [S1] times
    survival, `data.MORTALITY_QX`) / residents (`data.population_2013_single_ages`), for
    `FOREIGN_AGES` only, 0 elsewhere. In 2013 the 20-24 band (212,000 a year) is ~8% larger
    than its birth cohorts (~196,000), from international students and young labour
    migrants; without this the start-up gives all of them the domestic participation in
    mbo, hbo and wo, and those stocks fall in the first years toward what the (smaller)
    cohorts after them sustain. Natives who emigrated are ignored (assumption), so the share
    is a lower bound."""
    males, females = data.population_2013_single_ages(max_age=67)
    share = np.zeros(68)
    lo, hi = FOREIGN_AGES
    for age in range(lo, hi + 1):
        boys = data.SHARE_BOYS_AT_BIRTH
        survive = (boys * np.prod(1 - data.MORTALITY_QX["male"][:age])
                   + (1 - boys) * np.prod(1 - data.MORTALITY_QX["female"][:age]))
        native = data.births_profile(p.start_year - age) * survive
        share[age] = max(0.0, 1.0 - native / (males[age] + females[age]))
    return share


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
    # immigrants without a Dutch school career among the young adults (start-up only)
    model.init_foreign = np.zeros(people.n, dtype=bool)
    model.init_foreign[rows] = model.u("init_foreign", rows) < foreign_share(p)[ages]
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
    _international_students(model)
    del model.init_foreign
    _technical_jobs(model, rng)
    _adult_students(model)


def _place_in_school_or_work(model: TechniekModel, rows: np.ndarray, ages: np.ndarray,
                             rng: np.random.Generator) -> None:
    """Give each person the stage, track and history implied by age (reference conditions; a
    vo choice at the observed share of the year it was made)."""
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
    # a pupil who has completed k >= 2 years chose k - 1 years before the start year, at the
    # share of that year (`profile_share_before`); the oldest choices share the last intercepts
    back = np.clip(years_vo - 1, 1, HISTORY_YEARS)
    a = icpt.before[back - 1, np.maximum(group, 0), female.astype(int)]
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


def _he_spell(since: np.ndarray, length: np.ndarray | int, dropout: np.ndarray | float,
              rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """An hbo or wo programme entered `since` years before the start year, at the yearly
    drop-out rate (closed form).

    Returns:
        (state, years): state 0 still studying, 1 graduated, 2 dropped out; years in the
        programme of those studying.
    """
    survived = _u(rng, len(since)) < (1 - dropout) ** np.clip(since, 0, length)
    state = np.where(survived, np.where(since >= length, 1, 0), 2).astype(np.int8)
    return state, np.where(state == 0, since, 0)


def _geometric(u: np.ndarray, q: float) -> np.ndarray:
    """Number of successes before the first failure, success probability `q` per trial, from
    uniforms `u` in [0, 1) (inverse transform; all 0 if q = 0)."""
    if q <= 0:
        return np.zeros(len(u), dtype=np.int32)
    k = np.floor(np.log1p(-u) * np.float32(1 / np.log(q)))
    return np.minimum(k, 1_000).astype(np.int32)


def _mbo_spell(since: np.ndarray, level: np.ndarray, bol: np.ndarray, age: np.ndarray,
               p: Parameters, rng: np.random.Generator
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """mbo entered `since` years before the start year, as `simulation.education` runs it:
    each year a share `mbo_dropout` leaves; a BOL student switches programme after the first
    year with `mbo_switch` (back to year 0: each switch adds a year); who completes
    `MBO_YEARS[level]` graduates, and level-2/3 graduates up to `NEXT_LEVEL_MAX_AGE` may go on
    to the next level (`mbo_next_level_2`, `_3`). Drawn in closed form: the first drop-out year
    and the switches per programme are geometric, so each person costs a few operations per
    programme (at most three: levels 2, 3, 4); `age` is the age in the start year.

    Returns:
        (state, years, level, took): state 0 still studying, 1 graduated, 2 dropped out;
        years in the current programme; the level now (or of the diploma); years from entry
        to the last graduation.
    """
    n = len(since)
    state = np.full(n, 2, dtype=np.int8)
    years = np.zeros(n, dtype=np.int64)
    took = np.zeros(n, dtype=np.int64)
    level = level.astype(np.int64).copy()
    next_level = np.array([0.0, 0.0, p.mbo_next_level_2, p.mbo_next_level_3, 0.0])
    # first year with a drop-out (1, 2, ...), and the age at entry
    drop_year = 1 + _geometric(_u(rng, n), 1 - p.mbo_dropout)
    entry_age = (age - 1 - since).astype(np.int32)
    since = since.astype(np.int32)
    idx = np.arange(n)                           # persons still in mbo, programme by programme
    start = np.zeros(n, dtype=np.int32)          # when their current programme began
    lvl = level.copy()
    for _ in range(3):
        length = MBO_YEARS[lvl]
        switches = _geometric(_u(rng, len(idx)), p.mbo_switch) * (bol & (length > 1))
        end = start + length + switches
        dropped = drop_year <= np.minimum(end, since)
        studying = ~dropped & (since < end)
        state[idx[studying]] = 0
        years[idx[studying]] = np.maximum(since - start - switches, 0)[studying]
        level[idx[studying]] = lvl[studying]
        done = ~dropped & ~studying
        on = (done & (entry_age + end <= NEXT_LEVEL_MAX_AGE)
              & (_u(rng, len(idx)) < next_level[lvl]))
        graduated = done & ~on
        state[idx[graduated]] = 1
        took[idx[graduated]] = end[graduated]
        level[idx[graduated]] = lvl[graduated]
        idx, start, lvl = idx[on], end[on], lvl[on] + 1
        drop_year, entry_age, since, bol = drop_year[on], entry_age[on], since[on], bol[on]
        if len(idx) == 0:
            break
    return state, years, level, took


def _after_vo(model: TechniekModel, idx: np.ndarray, since: np.ndarray, track: np.ndarray,
              rng: np.random.Generator) -> None:
    """Post-secondary history for persons who left vo `since` years before the start year:
    a first programme (mbo BOL or BBL with the next levels, hbo, wo), then for mbo-4
    graduates possibly hbo, and for hbo graduates possibly a wo master, each at the model's
    yearly rates (`_mbo_spell`, `_he_spell`)."""
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
    bbl = (prog == 1) & (_u(rng, n) < np.where(post_tech, p.bbl_share_tech,
                                                  p.bbl_share_nontech))

    # the first programme at the model's yearly drop-out, switch and next-level rates (so that
    # the start-up stocks are those the yearly dynamics keep up); drop-outs keep their vo
    # qualification
    state = np.full(n, -1, dtype=np.int8)
    years = np.zeros(n, dtype=np.int64)
    took = length.astype(np.int64)
    mb, he = np.flatnonzero(prog == 1), np.flatnonzero(prog >= 2)
    age = p.start_year - P.birth_year[idx].astype(np.int64)
    state[mb], years[mb], level[mb], took[mb] = _mbo_spell(since[mb], level[mb], ~bbl[mb],
                                                           age[mb], p, rng)
    state[he], years[he] = _he_spell(since[he], length[he],
                                     np.where(prog[he] == 3, p.wo_dropout, p.he_dropout), rng)
    studying = (prog > 0) & (state == 0)
    dropped = (prog > 0) & (state == 2)
    graduated = (prog > 0) & (state == 1)
    # mbo-4 graduates who went on to hbo
    to_hbo = (prog == 1) & (level == 4) & graduated & (_u(rng, n) < p.mbo4_to_hbo)
    since_hbo = since - took
    k = int(to_hbo.sum())
    hbo_tech = np.zeros(n, dtype=bool)
    hbo_tech[to_hbo] = model.post_choice(idx[to_hbo], np.full(k, 1),
                                         post_tech[to_hbo].astype(float), _u(rng, k),
                                         reference=True)
    hbo_state = np.full(n, -1, dtype=np.int8)
    hbo_years = np.zeros(n, dtype=np.int64)
    h = np.flatnonzero(to_hbo)
    hbo_state[h], hbo_years[h] = _he_spell(since_hbo[h], p.hbo_years, p.he_dropout, rng)
    # hbo graduates (directly or after mbo-4) who went on to a wo master
    hbo_grad = ((prog == 2) & graduated) | (hbo_state == 1)
    ma = hbo_grad & (_u(rng, n) < p.hbo_to_wo_master)
    since_ma = np.where(prog == 2, since - took, since_hbo - p.hbo_years)
    m = np.flatnonzero(ma)
    ma_tech = np.zeros(n, dtype=bool)
    ma_tech[m] = model.post_choice(idx[m], np.full(len(m), 2),
                                   np.where(prog[m] == 2, post_tech[m], hbo_tech[m]).astype(float),
                                   _u(rng, len(m)), reference=True)
    ma_state = np.full(n, -1, dtype=np.int8)
    ma_years = np.zeros(n, dtype=np.int64)
    ma_state[m], ma_years[m] = _he_spell(since_ma[m], p.wo_master_years, p.wo_dropout, rng)

    # immigrants without a Dutch school career (`foreign_share`) are not students here: they
    # keep the qualification finished before the programme they would be in (as drop-outs)
    away = model.init_foreign[idx]
    dropped |= away & studying
    studying &= ~away
    hbo_state[away & (hbo_state == 0)] = 2
    ma_state[away & (ma_state == 0)] = 2
    # the field of higher-education students present at start-up follows their entry year
    _he_field_by_entry_year(model, idx, studying & (prog >= 2), since, post_tech)
    _he_field_by_entry_year(model, idx, hbo_state == 0, since_hbo, hbo_tech)
    _he_field_by_entry_year(model, idx, ma_state == 0, since_ma, ma_tech)
    first_he = studying & (prog >= 2) & ~post_tech
    P.hist[idx[first_he]] &= np.uint8(~HIST_POST_TECH & 0xFF)
    # students now
    s = studying
    stage = np.select([prog == 1, prog == 2, prog == 3],
                      [Stage.BOL, Stage.HBO, Stage.WO], Stage.WORK)
    stage = np.where(bbl, Stage.BBL, stage)
    P.stage[idx[s]] = stage[s]
    P.years[idx[s]] = years[s]
    P.track[idx[s]] = np.where(prog[s] == 1, level[s], HE_REGULAR)
    P.tech[idx[s]] = post_tech[s]
    in_hbo = hbo_state == 0
    P.stage[idx[in_hbo]] = Stage.HBO
    P.years[idx[in_hbo]] = hbo_years[in_hbo]
    P.tech[idx[in_hbo]] = hbo_tech[in_hbo]
    P.track[idx[in_hbo]] = HE_REGULAR
    in_ma = ma_state == 0
    P.stage[idx[in_ma]] = Stage.WO
    P.years[idx[in_ma]] = ma_years[in_ma]
    P.tech[idx[in_ma]] = ma_tech[in_ma]
    P.track[idx[in_ma]] = HE_MASTER
    mbo_students = idx[s & (prog == 1)]
    P.school[mbo_students] = model.pick_schools("mbo", P.region[mbo_students],
                                                _u(rng, len(mbo_students)))
    tech_bbl = idx[s & bbl & post_tech]
    P.employer[tech_bbl] = model.pick_firms(P.region[tech_bbl], _u(rng, len(tech_bbl)))

    # qualification of those who finished: the highest completed, or the last one before a
    # drop-out
    fin = ~s & ~in_hbo & ~in_ma
    edu = np.select([prog == 0, prog == 1, prog == 2, prog == 3],
                    [EDU_VO_BASIC, np.where(level == 2, EDU_MBO2, EDU_MBO34), EDU_HBO, EDU_WO],
                    EDU_NONE)
    edu_tech = np.where(prog == 0, False, post_tech)
    edu = np.where(dropped, P.edu[idx], edu)
    edu_tech = np.where(dropped, P.edu_tech[idx], edu_tech)
    edu = np.where(hbo_state == 1, EDU_HBO, edu)
    edu_tech = np.where(hbo_state == 1, hbo_tech, edu_tech)
    edu = np.where(ma_state == 1, EDU_WO, edu)
    edu_tech = np.where(ma_state == 1, ma_tech, edu_tech)
    P.edu[idx[fin]] = edu[fin]
    P.edu_tech[idx[fin]] = edu_tech[fin]
    P.track[idx[fin]] = 0
    _labour_status(model, idx[fin], rng)


def _he_field_by_entry_year(model: TechniekModel, idx: np.ndarray, mask: np.ndarray,
                            since: np.ndarray, tech: np.ndarray) -> None:
    """Thin the technical choices (in place in `tech`) of the hbo and wo students present at
    start-up who entered in school year start_year - 1 - since, to the beta-technical share
    of HE entrants of that year relative to the 2013 reference the intercepts are solved for
    (`data.he_tech_entry_trend`: 21% in 2007/08, 23% in 2010/11-2011/12, ~26% in 2013/14
    [E16]). Built at 2013 shares, the start-up stock's technical share equalled the entrants'
    and could not catch up with the rising entry share as the real stock did (hbo techniek
    77,400 of 440,293 in 2013 to 92,200 of 452,690 in 2017 [E17][E12]). Graduates keep the
    reference choice (the technically qualified workforce is pinned by the 2013 technical
    workforce)."""
    rows = np.flatnonzero(mask & tech)
    if len(rows) == 0:
        return
    keep = data.he_tech_entry_trend(model.p.start_year - 1 - since[rows],
                                    ref_year=model.p.start_year)
    drop = model.u("init_he_field_trend", idx[rows]) >= keep
    tech[rows[drop]] = False


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


#: Relative propensity to work in a technical occupation, [technically qualified, female]:
#: men with a technical qualification 1, women with one 0.45; without one, men 0.12 and women
#: 0.02 (assumption). The start-up draws 2013's technical occupations with it, and side entry
#: and retraining into techniek use its ratios (labour_market._match), so that the inflows
#: keep the start year's gender pattern instead of drifting toward the qualified's.
TECH_WORK_WEIGHT = np.array([[0.12, 0.02], [1.0, 0.45]])


def tech_work_propensity(female: np.ndarray, qualified: bool) -> np.ndarray:
    """Women's propensity to enter technical work relative to men's with the same
    qualification (`TECH_WORK_WEIGHT`): 1 for men, 0.45 (qualified) or 1/6 (not) for women."""
    row = TECH_WORK_WEIGHT[int(qualified)]
    return row[female.astype(np.intp)] / row[0]


def _technical_jobs(model: TechniekModel, rng: np.random.Generator) -> None:
    """Technical occupations among all employed, so that they add up to the 1,395,000 of
    2013 [L12], weighted by `TECH_WORK_WEIGHT`."""
    P, p = model.people, model.p
    employed = np.flatnonzero(P.stage == Stage.WORK)
    weight = TECH_WORK_WEIGHT[P.edu_tech[employed].astype(np.intp),
                              P.female[employed].astype(np.intp)]
    target = data.TECH_WORKFORCE_2013 / p.scale
    prob = np.minimum(weight * target / max(weight.sum(), 1e-9), 0.95)
    rows = employed[_u(rng, len(employed)) < prob]
    P.tech[rows] = True
    P.sector[rows] = rng.choice(len(data.SECTORS), size=len(rows),
                                p=data.SECTOR_TECH_SHARE).astype(np.int8)
    P.employer[rows] = model.pick_firms(P.region[rows], _u(rng, len(rows)), P.sector[rows])


def international_field(model: TechniekModel, rows: np.ndarray, wo: np.ndarray,
                        u: np.ndarray) -> np.ndarray:
    """Technical field of international students: the 2013 domestic entry shares by gender and
    level (`ref_hbo_*`, `ref_wo_*`; no separate figure found, assumption). Drawn from fixed
    shares, not from the Dutch context, so that who leaves after graduating is the same in
    every scenario (their removal then keeps persons in the same rows)."""
    p, female = model.p, model.people.female[rows]
    share = np.where(wo, np.where(female, p.ref_wo_women, p.ref_wo_men),
                     np.where(female, p.ref_hbo_women, p.ref_hbo_men))
    return u < share


def programme_lengths(p: Parameters) -> np.ndarray:
    """Years enrolled to graduation by [stage, track] for students (Stage.BOL..Stage.WO): mbo by
    level (`MBO_YEARS`), hbo and wo by programme kind (`HE_*`): regular `hbo_years` /
    `wo_years`, hbo graduates in a wo master `wo_master_years`, international students
    `data.INTERNATIONAL_YEARS`, part-time hbo `hbo_years`."""
    table = np.zeros((int(Stage.WO) + 1, 6), dtype=np.int8)
    table[Stage.BOL, :5] = MBO_YEARS
    table[Stage.BBL, :5] = MBO_YEARS
    intl_hbo, intl_wo_ba, intl_wo_ma = data.INTERNATIONAL_YEARS
    table[Stage.HBO] = [p.hbo_years, p.hbo_years, intl_hbo, intl_hbo, p.hbo_years, p.hbo_years]
    table[Stage.WO] = [p.wo_years, p.wo_master_years, intl_wo_ba, intl_wo_ma, p.wo_years,
                       p.wo_years]
    return table


def adult_bbl_level(edu: np.ndarray) -> np.ndarray:
    """mbo level an adult BBL entrant studies for: 2 without a qualification beyond basic vo,
    otherwise 3 (retraining; assumption)."""
    return np.where(edu <= EDU_VO_BASIC, 2, 3).astype(np.int8)


def _international_students(model: TechniekModel) -> None:
    """International degree students present at start-up: the entrants of the last years
    (`data.INTERNATIONAL_ENTRANTS`) that the yearly drop-out leaves, taken from the residents
    of their age (the population count already includes them): first from the immigrants
    without a Dutch school career (`foreign_share`), then at random from everyone of their
    age, students included. Not only from those outside education: a resident who is an
    international student did not have the Dutch school career the start-up gave everyone,
    and taking them only from those outside education left the domestic students of their
    ages at the participation of the whole age group, too many to be sustained."""
    P, p = model.people, model.p
    if not p.international_students:
        return
    year = p.start_year
    rng = model.year_rng("init_international")
    # kinds: 0 hbo, 1 wo bachelor, 2 wo master; years k = entered in year - 1 - k
    rate = np.array([p.he_dropout, p.wo_dropout, p.wo_dropout])
    expected = [(kind, k, data.international_entrants(year - 1 - k)[kind] * (1 - rate[kind]) ** k)
                for kind in range(3) for k in range(int(data.INTERNATIONAL_YEARS[kind]))]
    counts = stochastic_round(np.array([e[2] for e in expected]) / p.scale, rng)
    age = year - P.birth_year
    resident = (P.stage >= Stage.BOL) & (P.stage <= Stage.INACTIVE)
    for master, (lo, hi) in ((False, (19, 22)), (True, (23, 27))):   # disjoint age ranges
        want = [(kind, k, c) for (kind, k, _), c in zip(expected, counts, strict=True)
                if (kind == 2) == master]
        cand = np.flatnonzero(resident & (age >= lo) & (age <= hi))
        # immigrants of their age first (`foreign_share`), then any resident
        order = model.u("init_international", cand) - model.init_foreign[cand]
        cand = cand[np.argsort(order, kind="stable")]
        start = 0
        for kind, k, c in want:
            rows = cand[start:start + c]
            start += c
            _make_international(model, rows, kind, k, model.u("init_intl_field", rows))


def _make_international(model: TechniekModel, rows: np.ndarray, kind: int, years: int,
                        u_field: np.ndarray) -> None:
    """Turn `rows` into international students of programme kind (0 hbo, 1 wo bachelor,
    2 wo master) in their `years`-th year."""
    P = model.people
    wo = kind > 0
    tech = international_field(model, rows, np.full(len(rows), wo), u_field)
    P.stage[rows] = Stage.WO if wo else Stage.HBO
    P.track[rows] = HE_INTL_MA if kind == 2 else HE_INTL_BA
    P.years[rows] = years
    P.tech[rows] = tech
    P.edu[rows] = EDU_HBO if kind == 2 else EDU_VO_GENERAL
    P.edu_tech[rows] = False
    P.wisb[rows] = True           # admitted: the maths a technical programme asks for
    P.hist[rows] = (HIST_POST_MADE + HIST_POST_TECH * tech).astype(np.uint8)
    P.school[rows] = -1
    P.employer[rows] = -1
    P.sector[rows] = -1
    P.skill[rows] = 1.0


def _adult_students(model: TechniekModel) -> None:
    """Adults in a BBL programme or a part-time hbo bachelor at start-up: for each eligible
    person (as in `simulation.education`'s adult entry) the chance of having started k years
    ago at the yearly entry rate and still studying after k years of drop-out, summed over the
    k allowed by the programme length and the entry ages (a geometric sum); those who are
    students get their k from the same, truncated geometric, distribution."""
    P, p = model.people, model.p
    age = p.start_year - P.birth_year.astype(np.int64)
    stage = P.stage
    longest = int(max(MBO_YEARS.max(), p.hbo_years))
    free = ((stage == Stage.WORK) & ~P.tech) | (stage == Stage.UNEMPLOYED)
    cand = np.flatnonzero(free & (age > ADULT_BBL_AGES[0]) & (age <= ADULT_BBL_AGES[1] + longest)
                          & (P.edu < EDU_HBO))
    if len(cand) == 0:
        return
    a, edu = age[cand], P.edu[cand]
    pt_ok = (stage[cand] == Stage.WORK) & ((edu == EDU_VO_GENERAL) | (edu == EDU_MBO34))
    # the state is the end of the previous school year: entered k years before it at age
    # a - 1 - k, so k runs from a - 1 - oldest entry age to a - 1 - youngest
    kinds = (("bbl", p.adult_bbl_entry, 1 - p.mbo_dropout, MBO_YEARS[adult_bbl_level(edu)],
              ADULT_BBL_AGES, np.ones(len(cand), dtype=bool)),
             ("pt", p.parttime_hbo_entry, 1 - p.he_dropout, np.full(len(cand), p.hbo_years),
              PARTTIME_HBO_AGES, pt_ok))
    windows, totals = [], []
    for _, rate, q, length, (young, old), ok in kinds:
        k0 = np.maximum(a - 1 - old, 0)
        n = np.where(ok, np.minimum(length - 1, a - 1 - young) - k0 + 1, 0).clip(0)
        windows.append((k0, n))
        totals.append(rate * q ** k0 * (n if q == 1 else (1 - q ** n) / (1 - q)))
    u = model.u("init_adult_students", cand)
    for j, (kind, _, q, _, _, _) in enumerate(kinds):
        low = totals[0] if j == 1 else 0.0
        hit = np.flatnonzero((u >= low) & (u < low + totals[j]))
        if len(hit) == 0:
            continue
        k0, n = windows[j][0][hit], windows[j][1][hit]
        w = (u[hit] - (low[hit] if j == 1 else 0.0)) / totals[j][hit]   # uniform in [0, 1)
        k = k0 + (np.minimum(np.floor(np.log1p(-w * (1 - q ** n)) / np.log(q)), n - 1)
                  if q < 1 else np.floor(w * n)).astype(np.int64)
        rows = cand[hit]
        P.years[rows] = k
        P.employer[rows] = -1
        P.sector[rows] = -1
        P.waited[rows] = 0
        tech = model.post_choice(rows, np.full(len(rows), j), P.edu_tech[rows].astype(float),
                                 model.u("init_adult_field", rows), reference=True)
        P.tech[rows] = tech
        P.hist[rows] |= (HIST_POST_MADE + HIST_POST_TECH * tech).astype(np.uint8)
        if kind == "bbl":
            P.stage[rows] = Stage.BBL
            P.track[rows] = adult_bbl_level(edu[hit])
            P.school[rows] = model.pick_schools("mbo", P.region[rows],
                                                model.u("init_adult_school", rows))
            t = rows[tech]
            P.employer[t] = model.pick_firms(P.region[t], model.u("init_adult_firm", t))
        else:
            P.stage[rows] = Stage.HBO
            P.track[rows] = HE_PARTTIME

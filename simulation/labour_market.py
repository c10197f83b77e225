"""The labour market (M6): retirement, technical demand by region and sector, quits and
layoffs, regional matching with a metropolitan pull, leakage to non-technical employers, the
non-technical market, skill loss in unemployment and lifelong learning; then the tightness and
the prospect signal that next year's pupils read (M3).

Technical demand per (region, sector) cell starts at 2013 employment plus 2013 vacancies
(20,000 [L13]) and grows with expansion demand (1.1%/yr, ROA [L20]) and the sector's output gap;
replacement demand arises from retirements. A cell with more technicians than demand lays the
excess off; vacancies are matched to technical job seekers in the region (`matching_efficiency`)
weighted by skill; unmatched seekers in the periphery may move to a metropolitan region
(`metro_pull`, seed L101, L758).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.people import EDU_HBO, EDU_WO, Stage
from simulation import data

if TYPE_CHECKING:
    from simulation.model import TechniekModel

N_REGIONS, N_SECTORS = len(data.REGIONS), len(data.SECTORS)
ADULT_STAGES = (Stage.WORK, Stage.UNEMPLOYED, Stage.INACTIVE)
MIN_SKILL = 0.3


def tech_employment(model: TechniekModel) -> np.ndarray:
    """Technicians employed per [region, sector] (agent units)."""
    P = model.people
    w = (P.stage == Stage.WORK) & P.tech
    cell = P.region[w].astype(np.int64) * N_SECTORS + P.sector[w]
    return np.bincount(cell, minlength=N_REGIONS * N_SECTORS).reshape(N_REGIONS, N_SECTORS)


def initialise(model: TechniekModel) -> None:
    """2013 demand, role-model shares and the neutral prospect signal."""
    employment = tech_employment(model).astype(float)
    model.demand0 = employment * (1 + data.TECH_VACANCIES_2013 / data.TECH_WORKFORCE_2013)
    model.role_model_share = _women_share(model)
    model.role_model_ref = model.role_model_share.copy()
    model.tightness = model.p.reference_tightness
    model.prospect = 0.0
    model.vacancies = model.demand0 - employment


def _women_share(model: TechniekModel) -> np.ndarray:
    """Share of women among technical workers per region (role models, M2)."""
    P = model.people
    w = (P.stage == Stage.WORK) & P.tech
    total = np.bincount(P.region[w], minlength=N_REGIONS)
    women = np.bincount(P.region[w], weights=P.female[w], minlength=N_REGIONS)
    return women / np.maximum(total, 1)


def step(model: TechniekModel, leavers: np.ndarray) -> None:
    """One year of the labour market (see module docstring)."""
    P, p, year = model.people, model.p, model.year
    u = model.year_rng("labour").random((4, P.n), dtype=np.float32)
    _retire(model, u[0])
    _enter(model, leavers)
    if not p.labour_market:
        _everyone_hired(model)
    else:
        gaps = model.cycle.sector_gaps(year)
        demand = (model.demand0 * (1 + p.expansion_demand) ** (year - p.start_year)
                  * np.maximum(1 + p.demand_gap_elasticity * gaps, 0.1)[None, :])
        _separations(model, demand, u[1], u[2])
        employment = tech_employment(model)
        vacancies = np.minimum(np.maximum(demand - employment, 0.0),
                               p.max_vacancy_rate * employment)
        vacancies = _match(model, vacancies, u[3])
        _non_technical(model, u[1], u[2])
        _skills(model, u[3])
        model.vacancies = vacancies
    _signals(model)


def _retire(model: TechniekModel, u: np.ndarray) -> None:
    """Statutory retirement, and early retirement from 60 (`early_retirement`)."""
    P, p = model.people, model.p
    age = P.age(model.year)
    adult = np.isin(P.stage, ADULT_STAGES)
    retire = adult & ((age >= p.retirement_age) | ((age >= 60) & (u < p.early_retirement)))
    rows = np.flatnonzero(retire)
    model.count("retirements", len(rows))
    model.count("retirements_tech", ((P.stage[rows] == Stage.WORK) & P.tech[rows]).sum())
    P.stage[rows] = Stage.RETIRED
    for field in ("tech", "teacher"):
        getattr(P, field)[rows] = False
    P.employer[rows] = -1
    P.sector[rows] = -1


def _enter(model: TechniekModel, leavers: np.ndarray) -> None:
    """School leavers: BBL graduates mostly stay with their firm; technical graduates may leak
    to non-technical employers; the rest join job search (stage already UNEMPLOYED)."""
    P, p = model.people, model.p
    linked = leavers[(P.employer[leavers] >= 0) & P.tech[leavers]]
    stay = linked[model.u("bbl_stay", linked) < p.bbl_retention]
    P.stage[stay] = Stage.WORK
    P.sector[stay] = model.firm_sector[P.employer[stay]]
    model.count("bbl_retained", len(stay))
    rest = np.setdiff1d(leavers, stay)
    P.employer[rest] = -1
    tech = rest[P.tech[rest]]
    higher = np.isin(P.edu[tech], (EDU_HBO, EDU_WO))
    leak = model.u("leak", tech) < p.leak_to_nontech + p.leak_higher_ed_extra * higher
    P.tech[tech[leak]] = False
    model.count("graduates_leaked", leak.sum())


def _everyone_hired(model: TechniekModel) -> None:
    """Mechanism off: every job seeker works, technical seekers in technical jobs."""
    P = model.people
    seekers = np.flatnonzero(P.stage == Stage.UNEMPLOYED)
    P.stage[seekers] = Stage.WORK
    tech = seekers[P.tech[seekers]]
    P.sector[tech] = (model.u("sector", tech) * N_SECTORS).astype(np.int8)
    P.employer[tech] = model.pick_firms(P.region[tech], model.u("firm", tech), P.sector[tech])
    model.vacancies = np.zeros((N_REGIONS, N_SECTORS))


def _separations(model: TechniekModel, demand: np.ndarray, u_quit: np.ndarray,
                 u_layoff: np.ndarray) -> None:
    """Quits to non-technical work (more in a boom) and layoffs where employment > demand."""
    P, p = model.people, model.p
    gap = model.cycle.gap(model.year)
    workers = np.flatnonzero((P.stage == Stage.WORK) & P.tech)
    quit_rate = p.quit_rate * np.exp(0.1 * gap)
    quits = workers[u_quit[workers] < quit_rate]
    P.tech[quits] = False
    P.employer[quits] = -1
    P.sector[quits] = -1
    model.count("tech_quits", len(quits))
    employment = tech_employment(model).astype(float)
    excess = np.maximum(employment - demand, 0.0)
    rate = np.where(employment > 0, excess / np.maximum(employment, 1e-9), 0.0)
    workers = np.flatnonzero((P.stage == Stage.WORK) & P.tech)
    cell_rate = rate[P.region[workers], P.sector[workers]]
    laid = workers[u_layoff[workers] < cell_rate]
    P.stage[laid] = Stage.UNEMPLOYED
    P.employer[laid] = -1
    P.sector[laid] = -1
    model.count("tech_layoffs", len(laid))


def _match(model: TechniekModel, vacancies: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Fill technical vacancies from technical job seekers by region, then across to the
    metropolitan regions; return the vacancies left open [region, sector]."""
    P, p = model.people, model.p
    unemployed = P.stage == Stage.UNEMPLOYED
    pull = float(np.clip(model.tightness / p.reference_tightness, 0.5, 3.0))
    retrain = unemployed & ~P.tech & (model.year_rng("retrain").random(P.n) < p.retraining * pull)
    side = ((P.stage == Stage.WORK) & ~P.tech & ~P.teacher & P.edu_tech
            & (model.year_rng("zij").random(P.n) < p.zij_instroom * pull))
    seekers = np.flatnonzero((unemployed & P.tech) | retrain | side)
    hired_total = 0
    for metro_round in (False, True):
        open_v = vacancies.sum(axis=1)
        if metro_round:
            if not data.REGION_METRO.any() or p.metro_pull == 0:
                break
            movers = seekers[~data.REGION_METRO[P.region[seekers]]
                             & (model.u("move", seekers) < p.metro_pull)]
            share = open_v * data.REGION_METRO
            if share.sum() <= 0 or len(movers) == 0:
                break
            cum = np.cumsum(share / share.sum())
            dest = np.minimum(np.searchsorted(cum, model.u("dest", movers)), N_REGIONS - 1)
            pool, pool_region = movers, dest
        else:
            pool, pool_region = seekers, P.region[seekers]
        skill = P.skill[pool]
        n_r = np.bincount(pool_region, weights=skill, minlength=N_REGIONS)
        hires = p.matching_efficiency * np.minimum(open_v, np.bincount(pool_region,
                                                                         minlength=N_REGIONS))
        rate = np.where(n_r > 0, hires / np.maximum(n_r, 1e-9), 0.0)
        hired = pool[u[pool] < np.minimum(rate[pool_region] * skill, 1.0)]
        region = pool_region[np.isin(pool, hired)] if metro_round else P.region[hired]
        P.region[hired] = region
        sector = _draw_sector(vacancies, region, model.u("sector", hired))
        P.stage[hired] = Stage.WORK
        P.tech[hired] = True
        P.sector[hired] = sector
        P.employer[hired] = model.pick_firms(region, model.u("firm", hired), sector)
        np.subtract.at(vacancies, (region, sector), 1.0)
        vacancies = np.maximum(vacancies, 0.0)
        seekers = np.setdiff1d(seekers, hired)
        hired_total += len(hired)
        if metro_round:
            model.count("metro_moves", len(hired))
    # retrainees and side-entrants who were not hired stay where they were
    model.count("tech_hires", hired_total)
    return vacancies


def _draw_sector(vacancies: np.ndarray, region: np.ndarray, u: np.ndarray) -> np.ndarray:
    """A sector per hire, in proportion to its region's open vacancies."""
    share = vacancies / np.maximum(vacancies.sum(axis=1, keepdims=True), 1e-9)
    cum = np.cumsum(share, axis=1)[region]
    return np.minimum((u[:, None] > cum).sum(axis=1), N_SECTORS - 1).astype(np.int8)


def _non_technical(model: TechniekModel, u_find: np.ndarray, u_sep: np.ndarray) -> None:
    """Job finding and loss outside techniek (Okun-style cycle), unemployed technicians
    taking other work, and flows into and out of inactivity."""
    P, p = model.people, model.p
    gap = model.cycle.gap(model.year)
    find = min(p.nontech_job_finding * np.exp(p.okun * gap), 0.95)
    sep = p.nontech_separation * np.exp(-p.okun * gap)
    unemployed = np.flatnonzero(P.stage == Stage.UNEMPLOYED)
    tech_u = P.tech[unemployed]
    prob = np.where(tech_u, p.leave_tech_if_unemployed * find, find)
    found = unemployed[u_find[unemployed] < prob]
    model.count("switch_out_of_tech", P.tech[found].sum())
    P.stage[found] = Stage.WORK
    P.tech[found] = False
    employed = np.flatnonzero((P.stage == Stage.WORK) & ~P.tech & ~P.teacher)
    lost = np.setdiff1d(employed[u_sep[employed] < sep], found)
    P.stage[lost] = Stage.UNEMPLOYED
    active = np.flatnonzero(np.isin(P.stage, (Stage.WORK, Stage.UNEMPLOYED)))
    rng = model.year_rng("inactivity")
    out = active[rng.random(len(active)) < p.inactivity_entry]
    inactive = np.flatnonzero(P.stage == Stage.INACTIVE)
    back = inactive[rng.random(len(inactive)) < p.inactivity_exit]
    P.stage[out] = Stage.INACTIVE
    for field in ("tech", "teacher"):
        getattr(P, field)[out] = False
    P.employer[out] = -1
    P.sector[out] = -1
    P.stage[back] = Stage.UNEMPLOYED


def _skills(model: TechniekModel, u: np.ndarray) -> None:
    """Skill loss in unemployment; lifelong learning restores technical workers' skill."""
    P, p = model.people, model.p
    unemployed = P.stage == Stage.UNEMPLOYED
    P.skill[unemployed] = np.maximum(P.skill[unemployed] * (1 - p.skill_loss), MIN_SKILL)
    learn = (P.stage == Stage.WORK) & P.tech & (u < p.lifelong_learning)
    P.skill[learn] = np.minimum(P.skill[learn] + p.llo_skill_gain, 1.0)
    model.count("llo_participants", learn.sum())


def _signals(model: TechniekModel) -> None:
    """Tightness, the prospect signal for next year's pupils (M3) and role-model shares."""
    P, p = model.people, model.p
    seekers = ((P.stage == Stage.UNEMPLOYED) & P.tech).sum()
    open_v = float(model.vacancies.sum())
    model.tightness = open_v / max(seekers, 1)
    myopic = float(np.clip(0.5 * np.log(max(model.tightness, 1e-3) / p.reference_tightness),
                           -1.0, 1.0))
    if p.myopic_expectations:
        model.prospect = (1 - p.information_quality) * myopic + p.information_quality * (
            p.long_run_prospect)
    else:
        model.prospect = p.long_run_prospect
    model.role_model_share = _women_share(model)

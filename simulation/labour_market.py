"""The labour market (M6): retirement, technical demand by region and sector, quits and
layoffs, regional matching with a metropolitan pull, leakage to non-technical employers, the
non-technical market, skill loss in unemployment and lifelong learning; then the tightness and
the prospect signal that next year's pupils read (M3).

Technical demand per (region, sector) cell starts at 2013 employment plus 2013 vacancies
(20,000 [L13]) and grows with expansion demand (fitted to 2013-18 and to 2019-23, then ROA's
1.1%/yr [L20], `demand_trend`) and the sector's output gap; replacement demand arises from
retirements. A cell with more technicians than demand lays the excess off; vacancies are
matched to technical job seekers in the region (`matching_efficiency`) weighted by skill;
unmatched seekers in the periphery may move to a metropolitan region (`metro_pull`, seed
L101, L758).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.draws import bernoulli_rows
from agents.people import EDU_HBO, EDU_MBO34, EDU_WO, Stage
from simulation import data
from simulation.metrics import take_census
from simulation.population import new_person_traits, stochastic_round, tech_work_propensity

if TYPE_CHECKING:
    from simulation.model import TechniekModel
    from simulation.parameters import Parameters

N_REGIONS, N_SECTORS = len(data.REGIONS), len(data.SECTORS)


def tech_employment(model: TechniekModel, workers: np.ndarray | None = None) -> np.ndarray:
    """Technicians employed per [region, sector] (agent units); `workers` = their rows."""
    P = model.people
    if workers is None:
        workers = np.flatnonzero((P.stage == Stage.WORK) & P.tech)
    cell = P.region[workers].astype(np.int64) * N_SECTORS + P.sector[workers]
    return np.bincount(cell, minlength=N_REGIONS * N_SECTORS).reshape(N_REGIONS, N_SECTORS)


def initialise(model: TechniekModel) -> None:
    """2013 demand, role-model shares and the neutral prospect signal."""
    employment = tech_employment(model).astype(float)
    # demand in the start year is what was observed then (employment plus the 2013 vacancies),
    # so the cycle term is taken out of the level it moves around
    p = model.p
    gaps = model.cycle.sector_gaps(p.start_year)
    start_cycle = np.maximum(1 + p.demand_gap_elasticity * gaps, 0.1)
    # the start population already holds last year's frictional job losers among its
    # unemployed (drawn at the 2013 rate); their jobs are open at the start, as in any later
    # year, where `demand - employment` includes the jobs lost the year before
    lost = tech_job_loss_rate(p, gaps)
    model.demand0 = (employment * (1 + data.TECH_VACANCIES_2013 / data.TECH_WORKFORCE_2013
                                   + lost[None, :]) / start_cycle[None, :])
    model.role_model_share = women_share(take_census(model.people))
    model.role_model_ref = model.role_model_share.copy()
    model.tightness = model.p.reference_tightness
    model.prospect = 0.0
    model.vacancies = model.demand0 - employment
    model.job_seekers = 0     # searching for technical work this year (set by _match)


def step(model: TechniekModel, leavers: np.ndarray) -> None:
    """One year of the labour market (see module docstring)."""
    p, year = model.p, model.year
    _retire(model)
    _enter(model, leavers)
    if not p.labour_market:
        _everyone_hired(model)
    else:
        gaps = model.cycle.sector_gaps(year)
        demand = (model.demand0 * demand_trend(p, year)
                  * np.maximum(1 + p.demand_gap_elasticity * gaps, 0.1)[None, :])
        employment = _separations(model, demand)
        # every job demand holds open this year is searched for; only what stays open after
        # matching is capped (the stock of unfillable vacancies is withdrawn, not the hiring)
        left_open = _labour_migrants(model, _match(model, np.maximum(demand - employment, 0.0)))
        model.vacancies = np.minimum(left_open, p.max_vacancy_rate * employment)
        _non_technical(model)


def _retire(model: TechniekModel) -> None:
    """Statutory retirement, and early retirement from 60 (`early_retirement`)."""
    P, p = model.people, model.p
    old = np.flatnonzero(P.birth_year <= model.year - 60)
    old = old[(P.stage[old] >= Stage.WORK) & (P.stage[old] <= Stage.INACTIVE)]
    age = model.year - P.birth_year[old]
    rows = old[(age >= p.retirement_age) | (model.u("retire", old) < p.early_retirement)]
    model.count("retirements", len(rows))
    model.count("retirements_tech", ((P.stage[rows] == Stage.WORK) & P.tech[rows]).sum())
    P.stage[rows] = Stage.RETIRED
    P.tech[rows] = False
    P.teacher[rows] = False
    P.employer[rows] = -1
    P.sector[rows] = -1
    P.move_to(model.retired, rows)  # retirees only age and die: kept apart, off the hot paths


def _enter(model: TechniekModel, leavers: np.ndarray) -> None:
    """School leavers: BBL graduates mostly stay with their firm; technical graduates may leak
    to non-technical employers (women's chance to stay is `1 - leak_female_extra` times men's,
    the start-up's ratio); the rest join job search (stage already UNEMPLOYED)."""
    P, p = model.people, model.p
    linked = (P.employer[leavers] >= 0) & P.tech[leavers]
    stay = linked & (model.u("bbl_stay", leavers) < p.bbl_retention)
    kept = leavers[stay]
    P.stage[kept] = Stage.WORK
    P.sector[kept] = model.firm_sector[P.employer[kept]]
    model.count("bbl_retained", len(kept))
    rest = leavers[~stay]
    P.employer[rest] = -1
    tech = rest[P.tech[rest]]
    edu = P.edu[tech]
    higher = (edu == EDU_HBO) | (edu == EDU_WO)
    leak = model.u("leak", tech) >= graduate_stay_rate(p, P.female[tech], higher)
    P.tech[tech[leak]] = False
    model.count("graduates_leaked", leak.sum())


def graduate_stay_rate(p: Parameters, female: np.ndarray, higher: np.ndarray) -> np.ndarray:
    """Chance that a technically qualified graduate takes technical work: 1 - `leak_to_nontech`
    (- `leak_higher_ed_extra` after hbo/wo), times 1 - `leak_female_extra` for women."""
    return ((1 - p.leak_to_nontech - p.leak_higher_ed_extra * higher)
            * np.where(female, 1 - p.leak_female_extra, 1.0))


def _everyone_hired(model: TechniekModel) -> None:
    """Mechanism off: every job seeker works, technical seekers in technical jobs."""
    P = model.people
    seekers = np.flatnonzero(P.stage == Stage.UNEMPLOYED)
    P.stage[seekers] = Stage.WORK
    tech = seekers[P.tech[seekers]]
    P.sector[tech] = (model.u("sector", tech) * N_SECTORS).astype(np.int8)
    P.employer[tech] = model.pick_firms(P.region[tech], model.u("firm", tech), P.sector[tech])
    model.vacancies = np.zeros((N_REGIONS, N_SECTORS))


def _separations(model: TechniekModel, demand: np.ndarray) -> np.ndarray:
    """Quits to non-technical work (more in a boom) and layoffs where employment > demand.

    Returns:
        Technical employment per [region, sector] after separations.
    """
    P, p = model.people, model.p
    gap = model.cycle.gap(model.year)
    workers = np.flatnonzero((P.stage == Stage.WORK) & P.tech)
    rng = model.year_rng("separations")
    quit_ = rng.random(len(workers)) < p.quit_rate * np.exp(p.quit_cycle * gap)
    quits = workers[quit_]
    P.tech[quits] = False
    P.employer[quits] = -1
    P.sector[quits] = -1
    model.count("tech_quits", len(quits))
    workers = workers[~quit_]
    employment = tech_employment(model, workers).astype(float)
    excess = np.maximum(employment - demand, 0.0)
    rate = np.where(employment > 0, excess / np.maximum(employment, 1e-9), 0.0)
    draw = rng.random(len(workers))
    cell_rate = rate[P.region[workers], P.sector[workers]]
    laid_ = draw < cell_rate * (1 - model.layoff_retention)
    if model.layoff_retention > 0:       # part-time benefit: kept on reduced hours, trained
        kept = workers[(draw < cell_rate) & ~laid_]
        P.skill[kept] = np.minimum(P.skill[kept] + p.llo_skill_gain, 1.0)
        model.count("parttime_retained", len(kept))
    laid = workers[laid_]
    P.stage[laid] = Stage.UNEMPLOYED
    P.employer[laid] = -1
    P.sector[laid] = -1
    model.count("tech_layoffs", len(laid))
    return tech_employment(model, workers[~laid_]).astype(float)


def _match(model: TechniekModel, vacancies: np.ndarray) -> np.ndarray:
    """Fill technical vacancies from technical job seekers by region, then across to the
    metropolitan regions; return the vacancies left open [region, sector].

    Seekers are unemployed technicians, non-technical unemployed who retrain (`retraining`)
    and technically qualified workers in other jobs (`zij_instroom`); the last two search more
    when the technical market is tight, and women among them less often than men, in the
    start-up's ratios (`population.tech_work_propensity`). Hiring odds are proportional to
    skill.
    """
    P, p = model.people, model.p
    rng = model.year_rng("matching")
    unemployed = np.flatnonzero(P.stage == Stage.UNEMPLOYED)
    pull = float(np.clip(model.relative_tightness, 0.5, p.search_pull_cap))
    utech = P.tech[unemployed]
    retrain = p.retraining * pull * tech_work_propensity(P.female[unemployed], qualified=False)
    seek_u = utech | (rng.random(len(unemployed)) < retrain)
    other = np.flatnonzero(P.edu_tech & ~P.tech & ~P.teacher)
    other = other[P.stage[other] == Stage.WORK]
    side_rate = p.zij_instroom * pull * tech_work_propensity(P.female[other], qualified=True)
    side = other[rng.random(len(other)) < side_rate]
    seekers = np.concatenate([unemployed[seek_u], side])
    model.job_seekers = len(seekers)
    hired_total = 0
    for metro_round in (False, True):
        open_v = vacancies.sum(axis=1)
        if metro_round:
            if p.metro_pull == 0 or len(seekers) == 0:
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
        weight = np.bincount(pool_region, weights=skill, minlength=N_REGIONS)
        hires = p.matching_efficiency * np.minimum(open_v, np.bincount(pool_region,
                                                                         minlength=N_REGIONS))
        rate = np.where(weight > 0, hires / np.maximum(weight, 1e-9), 0.0)
        got = model.u("hire" if not metro_round else "hire_metro", pool) < np.minimum(
            rate[pool_region] * skill, 1.0)
        hired, region = pool[got], pool_region[got]
        model.count("tech_side_entry", (P.stage[hired] == Stage.WORK).sum())  # bijstroom
        P.region[hired] = region
        sector = _draw_sector(vacancies, region, model.u("sector", hired))
        P.stage[hired] = Stage.WORK
        P.tech[hired] = True
        P.sector[hired] = sector
        P.employer[hired] = model.pick_firms(region, model.u("firm", hired), sector)
        np.subtract.at(vacancies, (region, sector), 1.0)
        vacancies = np.maximum(vacancies, 0.0)
        if metro_round:
            model.count("metro_moves", len(hired))
        else:
            seekers = seekers[~got]
        hired_total += len(hired)
    model.count("tech_hires", hired_total)
    return vacancies


def _labour_migrants(model: TechniekModel, vacancies: np.ndarray) -> np.ndarray:
    """Firms recruit abroad for part of the technical vacancies the domestic market left open
    (`tech_labour_migration`): EU labour migrants and knowledge migrants, who arrive with a
    job. They are aged 25-44, technically qualified at mbo-3/4 or hbo level (half each), as
    often women as the region's technicians were in the start year, and come on top of this
    year's immigrants; demography takes them out of next year's other
    immigrants, so that net migration still matches CBS (as with international students).

    Returns:
        Vacancies still open per [region, sector].
    """
    p = model.p
    if p.tech_labour_migration <= 0:
        return vacancies
    rng = model.year_rng("labour_migrants")
    per_cell = stochastic_round(p.tech_labour_migration * vacancies, rng)
    n = int(per_cell.sum())
    if n == 0:
        return vacancies
    cell = np.repeat(np.arange(N_REGIONS * N_SECTORS), per_cell.ravel())
    region, sector = (cell // N_SECTORS).astype(np.int8), (cell % N_SECTORS).astype(np.int8)
    traits = new_person_traits(n, rng)
    # as many women as among the region's technicians (the start year's share, ~16%):
    # technical labour migrants are mostly men
    female = rng.random(n) < model.role_model_ref[region]
    traits.update(region=region, migrant=np.ones(n, dtype=bool), female=female)
    age = rng.integers(25, 45, n)
    edu = np.where(rng.random(n) < 0.5, EDU_MBO34, EDU_HBO)
    P = model.people
    rows = P.add(n, birth_year=(model.year - age).astype(np.int16), stage=Stage.WORK,
                 tech=True, edu_tech=True, edu=edu, sector=sector, **traits)
    P.employer[rows] = model.pick_firms(region, rng.random(n), sector)
    model.labour_migrants_arrived += n
    model.count("labour_migrants", n)
    return vacancies - per_cell


def _draw_sector(vacancies: np.ndarray, region: np.ndarray, u: np.ndarray) -> np.ndarray:
    """A sector per hire, in proportion to its region's open vacancies."""
    share = vacancies / np.maximum(vacancies.sum(axis=1, keepdims=True), 1e-9)
    cum = np.cumsum(share, axis=1)[region]
    return np.minimum((u[:, None] > cum).sum(axis=1), N_SECTORS - 1).astype(np.int8)


def _non_technical(model: TechniekModel) -> None:
    """Job finding and loss outside techniek (Okun-style cycle), unemployed technicians taking
    other work, flows into and out of inactivity, skill loss in unemployment and lifelong
    learning of technical workers.

    The employed and the inactive are many and their events rare, so job losses, exits to
    inactivity and returns from it are found by thinning (`agents.draws.bernoulli_rows`)
    instead of a draw for each of them.
    """
    P, p = model.people, model.p
    # the model year runs from one October census to the next, so hiring and firing outside
    # techniek feel the mean of the two calendar years' output gaps
    gap = 0.5 * (model.cycle.gap(model.year) + model.cycle.lagged_gap(model.year))
    rng = model.year_rng("non_technical")
    find = min(p.nontech_job_finding * np.exp(p.okun * gap), 0.95)
    sep = p.nontech_separation * np.exp(-p.okun * gap)
    stage = P.stage
    unemployed = np.flatnonzero(stage == Stage.UNEMPLOYED)
    technicians = np.flatnonzero(P.tech)
    workers_tech = technicians[stage[technicians] == Stage.WORK]
    # employed: job loss (non-technical jobs only) or exit to inactivity
    # technicians: frictional job loss, more in a slump of their sector (closures, contracts
    # ending); the part above the zero-gap rate is cyclical, and part-time benefit keeps that
    # part of the jobs (`layoff_retention`, simulation.policies.PartTimeWW)
    tech_sep_sector = tech_job_loss_rate(p, model.cycle.sector_gaps(model.year))
    top = max(sep, float(tech_sep_sector.max()))
    cand = bernoulli_rows(rng, P.n, top + p.inactivity_entry)
    cand = cand[stage[cand] == Stage.WORK]
    v = rng.random(len(cand)) * (top + p.inactivity_entry)
    cand_tech = P.tech[cand]
    tech_sep = tech_sep_sector[np.maximum(P.sector[cand], 0)]
    threshold = np.where(cand_tech, tech_sep, sep)
    if model.layoff_retention > 0:
        cyclical_kept = (1 - model.layoff_retention) * (tech_sep - p.tech_separation)
        threshold = np.where(cand_tech, p.tech_separation + cyclical_kept, sep)
        kept = cand[cand_tech & (v >= threshold) & (v < tech_sep) & ~P.teacher[cand]]
        P.skill[kept] = np.minimum(P.skill[kept] + p.llo_skill_gain, 1.0)
        model.count("parttime_retained", len(kept))
    lose = cand[(v < threshold) & ~P.teacher[cand]]
    quit_work = cand[v >= top]
    # unemployed: find work (technicians less readily outside techniek) or leave the market
    u = rng.random(len(unemployed))
    tech_u = P.tech[unemployed]
    found_ = u < np.where(tech_u, p.leave_tech_if_unemployed * find, find)
    out_u = ~found_ & (u >= 1 - p.inactivity_entry)
    found = unemployed[found_]
    back = bernoulli_rows(rng, P.n, p.inactivity_exit)      # the inactive are many: thin
    back = back[stage[back] == Stage.INACTIVE]
    learn = workers_tech[rng.random(len(workers_tech)) < p.lifelong_learning]
    still = unemployed[~found_ & ~out_u]

    model.count("switch_out_of_tech", tech_u[found_].sum())
    P.stage[found] = Stage.WORK
    P.tech[found] = False
    P.stage[lose] = Stage.UNEMPLOYED
    P.employer[lose] = -1
    P.sector[lose] = -1
    model.count("tech_job_loss", P.tech[lose].sum())
    out = np.concatenate([quit_work, unemployed[out_u]])
    P.stage[out] = Stage.INACTIVE
    P.tech[out] = False
    P.teacher[out] = False
    P.employer[out] = -1
    P.sector[out] = -1
    P.stage[back] = Stage.UNEMPLOYED
    # skills: loss while unemployed, lifelong learning at technical work (M6)
    P.skill[still] = np.maximum(P.skill[still] * (1 - p.skill_loss), p.min_skill)
    learn = learn[P.stage[learn] == Stage.WORK]
    P.skill[learn] = np.minimum(P.skill[learn] + p.llo_skill_gain, 1.0)
    model.count("llo_participants", len(learn))


def demand_trend(p: Parameters, year: int) -> float:
    """Technical demand's trend relative to the start year: `expansion_demand` a year up to
    `expansion_break` (fitted to 2013-18), `expansion_demand_late` a year up to
    `expansion_until` (fitted to 2013-21), `expansion_demand_after` a year after it (ROA's
    forecast [L20])."""
    brk = max(p.expansion_break, p.start_year)
    until = max(p.expansion_until, brk)
    early = max(min(year, brk) - p.start_year, 0)
    late = max(min(year, until) - brk, 0)
    after = max(year - until, 0)
    return ((1 + p.expansion_demand) ** early * (1 + p.expansion_demand_late) ** late
            * (1 + p.expansion_demand_after) ** after)


def tech_job_loss_rate(p: Parameters, sector_gaps: np.ndarray) -> np.ndarray:
    """Technicians' yearly job loss per sector: frictional (`tech_separation`) plus cyclical,
    `tech_layoff_cycle` per point of negative sector gap. The cyclical part is additive, so
    that a recession's layoffs do not depend on how small frictional job loss is."""
    return p.tech_separation + p.tech_layoff_cycle * np.maximum(-sector_gaps, 0.0)


def update_signals(model: TechniekModel) -> None:
    """Tightness, the prospect signal for next year's pupils (M3) and the role-model shares,
    read from this year's open vacancies, job seekers and end-of-year census.

    Tightness is the technical vacancies left open per job seeker in this year's matching:
    unemployed technicians, and the retraining unemployed and qualified workers in other jobs
    who searched (`_match`). Dividing by unemployed technicians alone made it hinge on
    frictional job loss, which the fit puts near zero: tightness then ran to 5-12 in normal
    years and `reference_tightness` could not be derived as a fixed point (docs/decisions.md
    19)."""
    p = model.p
    model.tightness = float(model.vacancies.sum()) / max(model.job_seekers, 1)
    # pupils read the last two years' market (geometric mean), relative to a normal year
    log_rel = np.log(max(model.tightness, 1e-3) / p.reference_tightness)
    seen = 0.5 * (log_rel + getattr(model, "_last_log_rel", log_rel))
    model._last_log_rel = log_rel
    myopic = float(np.clip(p.prospect_weight * seen, -p.prospect_cap, p.prospect_cap))
    if p.myopic_expectations:
        model.prospect = (1 - p.information_quality) * myopic + p.information_quality * (
            p.long_run_prospect)
    else:
        model.prospect = p.long_run_prospect
    if model.prospect_zero is None:
        model.prospect_zero = model.prospect
    model.role_model_share = women_share(model.census)


def women_share(census: np.ndarray) -> np.ndarray:
    """Share of women among technical workers per region (role models, M2)."""
    tech = census[Stage.WORK][:, :, :, 1].sum(axis=(0, 1, 3))  # [female, region]
    return tech[1] / np.maximum(tech.sum(axis=0), 1)

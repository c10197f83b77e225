"""Technical teachers (M7): drawn from the same graduates firms want; shortage lowers quality.

Need: `teachers_per_1000_tech_pupils` fte per 1,000 technical pupils (vmbo upper years in
techniek and technical mbo) in the region. Stock: persons working as technical teachers plus
hybrid teachers (`hybrid_teachers` fte per technical worker, seed L669, L783). Each year a
share `teacher_attrition` leaves for technical work; vacancies are filled from technical
workers up to a yearly recruitment capacity. At the start year's tightness the capacity is
`teacher_recruitment` times the start year's replacement need (attrition times the stock:
1 = the stock was steady before 2013, as first-degree techniek teachers were since 2008, seed
L627); it grows with the region's technical workforce and falls with relative tightness **
-`teacher_recruit_elasticity`: a tight market draws technicians away from teaching (intake of
technical teacher training 208 in 2013/14 to 122 in 2017/18 [T3]; second-degree techniek
teachers -20% 2013-18, seed L627), and rises with the shortage (need / stock) **
`teacher_shortage_response`: schools recruit harder (side entrants, shortened pdg track, seed
L696) as posts stay open. Every school's quality follows its region's staffing ratio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.people import VMBO_B, VMBO_GT, VMBO_K, Stage
from simulation import data
from simulation.metrics import take_census
from simulation.population import stochastic_round

if TYPE_CHECKING:
    from simulation.model import TechniekModel

N_REGIONS = len(data.REGIONS)
#: Largest tightening against the start year that recruitment responds to: UWV's tightness
#: for technical occupations rose ~2.5-fold from 2013-14 to 2018-19 (from memory), the range
#: `teacher_recruit_elasticity` was derived on
TIGHTENING_OBSERVED = 2.5
#: candidates sampled per teacher hire for the recruitment pool
POOL_PER_HIRE = 5
#: share of persons assumed to be working technicians aged 25-55 when sizing that sample
#: (a lower bound: ~1 million of ~17 million rows at national scale)
POOL_SHARE = 0.05


def need(model: TechniekModel) -> np.ndarray:
    """Technical-teacher fte needed per region (agent units), from last year's census."""
    c = model.census
    vmbo = c[Stage.VO][[VMBO_B, VMBO_K, VMBO_GT]][:, 1, :, 1].sum(axis=(0, 1, 2))
    mbo = c[[Stage.BOL, Stage.BBL]][:, :, :, :, 1].sum(axis=(0, 1, 2, 3, 4))
    return model.p.teachers_per_1000_tech_pupils * (vmbo + mbo) / 1000.0


def _teacher_stock(model: TechniekModel) -> tuple[np.ndarray, np.ndarray]:
    """(teacher persons, technical workers) per region, agent units."""
    P, c = model.people, model.census
    teachers = np.flatnonzero(P.teacher)
    teachers = teachers[P.stage[teachers] == Stage.WORK]
    workers = c[Stage.WORK][:, :, :, 1].sum(axis=(0, 1, 2, 3))
    return np.bincount(P.region[teachers], minlength=N_REGIONS).astype(float), workers


def _pick(model: TechniekModel, pool: np.ndarray, counts: np.ndarray, stream: str) -> np.ndarray:
    """`counts[r]` rows of `pool` in each region r: those with the smallest per-person draws."""
    region = model.people.region[pool]
    picked = []
    for r in range(N_REGIONS):
        here = pool[region == r]
        k = int(counts[r])
        if k <= 0 or len(here) == 0:
            continue
        if k < len(here):
            here = here[np.argpartition(model.u(stream, here), k)[:k]]
        picked.append(here)
    return np.concatenate(picked) if picked else np.zeros(0, dtype=np.int64)


def initialise(model: TechniekModel) -> None:
    """Staff every region at its 2013 need with technically qualified non-technical workers."""
    P = model.people
    model.census = take_census(P)
    age = P.age(model.year)
    target = stochastic_round(need(model), model.year_rng("teachers_init"))
    pool = np.flatnonzero((P.stage == Stage.WORK) & ~P.tech & P.edu_tech & (age >= 25)
                          & (age <= 60))
    P.teacher[_pick(model, pool, target, "teacher_init")] = True
    stock, workers = _teacher_stock(model)
    # replacement need per technical worker in the start year, the unit of recruitment capacity
    model.teacher_capacity0 = model.p.teacher_attrition * stock / np.maximum(workers, 1e-9)
    model.teacher_rel_tight0 = None  # the start year's relative tightness, set at its step
    _update_quality(model)


def _tightness_pull(model: TechniekModel) -> float:
    """Recruitment relative to the start year: (relative tightness / the start year's) **
    -elasticity, the ratio bounded at `TIGHTENING_OBSERVED`, the range the elasticity was
    derived on (the model's tightness swings wider than UWV's indicator). The start year's
    tightness is first measured at its end, so the start year itself recruits at 1."""
    if model.year <= model.p.start_year:
        return 1.0
    rel_tight = max(model.relative_tightness, 0.25)
    if model.teacher_rel_tight0 is None:
        model.teacher_rel_tight0 = rel_tight
    ratio = min(rel_tight / model.teacher_rel_tight0, TIGHTENING_OBSERVED)
    return ratio ** -model.p.teacher_recruit_elasticity


def step(model: TechniekModel) -> None:
    """Attrition, recruitment and the resulting school quality."""
    P, p = model.people, model.p
    if p.teachers:
        teachers = np.flatnonzero(P.teacher)
        teachers = teachers[P.stage[teachers] == Stage.WORK]
        leave = teachers[model.u("teacher_leave", teachers) < p.teacher_attrition]
        P.teacher[leave] = False
        P.tech[leave] = True
        P.sector[leave] = (model.u("teacher_sector", leave) * len(data.SECTORS)).astype(np.int8)
        P.employer[leave] = model.pick_firms(P.region[leave], model.u("teacher_firm", leave),
                                             P.sector[leave])
        stock, workers = _teacher_stock(model)
        stock += p.hybrid_teachers * workers
        required = need(model)
        vacancies = np.maximum(required - stock, 0.0)
        shortage = np.maximum(required / np.maximum(stock, 1e-9), 1.0)
        capacity = (p.teacher_recruitment * model.teacher_capacity0 * workers
                    * _tightness_pull(model) * shortage ** p.teacher_shortage_response)
        hires = stochastic_round(np.minimum(vacancies, capacity), model.year_rng("teacher_hire"))
        model.count("teacher_hires", hires.sum())
        if hires.sum():
            cand = _pick(model, _recruit_pool(model, hires), hires, "teacher_pick")
            P.teacher[cand] = True
            P.tech[cand] = False
            P.sector[cand] = -1
            P.employer[cand] = -1
    _update_quality(model)


def _recruit_pool(model: TechniekModel, hires: np.ndarray) -> np.ndarray:
    """Working technicians aged 25-55 who could be recruited: a random sample of persons
    large enough to hold about `POOL_PER_HIRE` of them per hire (they are at least
    `POOL_SHARE` of persons), so that the million-strong pool of a national run is never
    listed in full; the pick then takes the smallest per-person draws in each region."""
    P = model.people
    rng = model.year_rng("teacher_pool")
    rows = np.unique(rng.integers(0, P.n, int(POOL_PER_HIRE * hires.sum() / POOL_SHARE) + 1000))
    age = model.year - P.birth_year[rows]
    return rows[P.tech[rows] & (P.stage[rows] == Stage.WORK) & (age >= 25) & (age <= 55)]


def _update_quality(model: TechniekModel) -> None:
    """Every school's quality from its region's staffing ratio (stock incl. hybrids / need)."""
    p = model.p
    stock, workers = _teacher_stock(model)
    stock += p.hybrid_teachers * workers
    required = need(model)
    ratio = np.where(required > 0, stock / np.maximum(required, 1e-9), 1.0)
    model.staffing = ratio
    for kind in ("vo", "mbo"):
        for school in model.schools[kind]:
            school.update_quality(float(ratio[school.region]), p)
    model.count("tech_teachers", stock.sum())

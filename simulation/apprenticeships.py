"""Leerwerkplekken and internships (M4): a BBL student cannot start without a place, a technical
BOL student cannot graduate without an internship, and matching is regional.

Firms set their places first (`agents.firms.Firm.plan_places`). A firm that now offers fewer
places than it has BBL students lets a share (`bbl_lose_place`) of the difference go; the rest
of its places are open to this year's applicants of its region, young and adult, in random
order. An applicant or student without a place waits a year (at most `max_wait_years`), switches
to a non-technical BOL programme, or drops out (seed L181: the great recession as the example of
how it should not go); an adult without a place does not start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.people import Stage
from simulation import data
from simulation.population import stochastic_round

if TYPE_CHECKING:
    from simulation.model import TechniekModel



def count_dropouts(model: TechniekModel, rows: np.ndarray, tech: np.ndarray) -> None:
    """Count mbo drop-outs `rows` (with their technical flags): all, technical, and those under
    23, the age limit of the official early-school-leaving count (vsv, [E20])."""
    young = (model.year - model.people.birth_year[rows]) < 23
    model.count("mbo_dropouts", len(rows))
    model.count("mbo_dropouts_tech", int(tech.sum()))
    model.count("mbo_dropouts_vsv", int(young.sum()))


def match_bbl(model: TechniekModel, applicants: np.ndarray,
              adults: np.ndarray | None = None) -> np.ndarray:
    """Match technical BBL applicants to places; return the rows that drop out.

    Args:
        applicants: school leavers applying for technical BBL and students waiting for a place.
        adults: adults applying for a technical BBL programme (`adult_bbl_entry`). They compete
            for the same places in the same random order; an adult without a place does not
            start (stays in work or job search) and is counted as `bbl_adult_without_place`.
    """
    P, p = model.people, model.p
    if adults is None:
        adults = np.zeros(0, dtype=np.int64)
    n_young = len(applicants)
    applicants = np.concatenate([applicants, adults]).astype(np.int64)
    is_adult = np.arange(len(applicants)) >= n_young
    n_firms = len(model.firms)
    rng = model.year_rng("places")
    offered = model.firm_places
    cont = np.flatnonzero((P.stage == Stage.BBL) & P.tech & (P.employer >= 0))
    held = np.bincount(P.employer[cont], minlength=n_firms)
    lost = np.zeros(0, dtype=np.int64)
    kept = held.copy()
    if p.place_scarcity and len(cont):
        cut = np.maximum(held - offered, 0.0)
        n_lose = np.minimum(stochastic_round(p.bbl_lose_place * cut, rng), held)
        order = cont[np.lexsort((model.u("lose_place", cont), P.employer[cont]))]
        firm = P.employer[order]
        start = np.searchsorted(firm, np.arange(n_firms))
        rank = np.arange(len(order)) - start[firm]
        lost = order[rank < n_lose[firm]]
        kept = held - np.bincount(P.employer[lost], minlength=n_firms)
        P.employer[lost] = -1
    slots = stochastic_round(np.maximum(offered - kept, 0.0), rng)

    u = model.u("bbl_match", applicants)
    region_of = P.region[applicants]
    matched_parts, unmatched_parts, adult_parts = [], [], []
    for r in range(len(data.REGIONS)):
        here = region_of == r
        order = np.argsort(u[here], kind="stable")
        app = applicants[here][order]
        adult = is_adult[here][order]
        firms_r = np.flatnonzero(model.firm_region == r)
        pool = rng.permutation(np.repeat(firms_r, slots[firms_r]))
        if not p.place_scarcity:
            pool = model.pick_firms(P.region[app], model.u("bbl_firm", app))
        k = min(len(app), len(pool))
        P.employer[app[:k]] = pool[:k]
        matched_parts.append(app[:k])
        unmatched_parts.append(app[k:][~adult[k:]])
        adult_parts.append(app[k:][adult[k:]])
    matched = np.concatenate(matched_parts).astype(np.int64)
    P.stage[matched] = Stage.BBL
    P.years[matched] = 0
    P.waited[matched] = 0
    unmatched = np.concatenate([*unmatched_parts, lost]).astype(np.int64)
    adults_without = sum(len(a) for a in adult_parts)

    model.count("bbl_places_offered", offered.sum())
    model.count("bbl_places_filled", kept.sum() + len(matched))
    model.count("bbl_starts", len(matched))
    model.count("bbl_starts_adult", len(adults) - adults_without)
    model.count("bbl_applicants", len(applicants))
    model.count("bbl_lost_place", len(lost))
    model.count("bbl_without_place", len(unmatched))
    model.count("bbl_adult_without_place", adults_without)
    return _without_place(model, unmatched)


def _without_place(model: TechniekModel, rows: np.ndarray) -> np.ndarray:
    """Wait, switch to non-technical BOL, or drop out; return the drop-outs."""
    P, p = model.people, model.p
    u = model.u("no_place", rows)
    can_wait = P.waited[rows] < p.max_wait_years
    wait = can_wait & (u < p.no_place_wait)
    switch = ~wait & (u < p.no_place_wait + p.no_place_switch)
    drop = ~wait & ~switch
    P.stage[rows[wait]] = Stage.NO_PLACE
    P.waited[rows[wait]] += 1
    sw = rows[switch]
    P.stage[sw] = Stage.BOL
    P.tech[sw] = False
    P.years[sw] = 0
    P.waited[sw] = 0
    model.count("switch_out_of_tech", len(sw) + drop.sum())
    count_dropouts(model, rows[drop], np.ones(int(drop.sum()), dtype=bool))
    P.tech[rows[drop]] = False
    return rows[drop]


def internships(model: TechniekModel, finalists: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Allocate internships to technical BOL finalists by region, in random order.

    Returns:
        (stall, drop): boolean masks over `finalists` of those without an internship who stay
        a year longer and those who drop out.
    """
    P, p = model.people, model.p
    rng = model.year_rng("internships")
    offered = model.firm_internships
    per_region = np.bincount(model.firm_region, weights=offered, minlength=len(data.REGIONS))
    places = stochastic_round(per_region, rng)
    missing = np.zeros(len(finalists), dtype=bool)
    if p.place_scarcity:
        u = model.u("internship", finalists)
        region = P.region[finalists]
        for r in range(len(data.REGIONS)):
            here = np.flatnonzero(region == r)
            missing[here[np.argsort(u[here], kind="stable")][places[r]:]] = True
    model.count("internships_offered", offered.sum())
    model.count("internships_filled", len(finalists) - missing.sum())
    model.count("bol_without_internship", missing.sum())
    drop = missing & (model.u("no_internship", finalists) < p.no_internship_dropout)
    stall = missing & ~drop
    P.waited[finalists[stall]] += 1
    count_dropouts(model, finalists[drop], np.ones(int(drop.sum()), dtype=bool))
    model.count("switch_out_of_tech", drop.sum())
    P.tech[finalists[drop]] = False
    return stall, drop

"""One school year of education: primary exposure, vo choice, post-secondary entry and
progression, graduation and drop-out (M1-M4).

Order within the year: primary pupils gain W&T exposure and 12-year-olds enter vo; vo pupils
move up, third-years choose techniek or not, finalists graduate; students in mbo, hbo and wo
move up, drop out or graduate (technical BOL finalists need an internship); then this year's
entrants choose their field and route, and BBL applicants look for a leerwerkplek.
Returns the rows of everyone who left education for the labour market this year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.people import (
    EDU_HBO,
    EDU_MBO2,
    EDU_MBO34,
    EDU_VO_BASIC,
    EDU_VO_GENERAL,
    EDU_WO,
    HAVO,
    HIST_POST_MADE,
    HIST_POST_TECH,
    HIST_VO_MADE,
    HIST_VO_TECH,
    PRO,
    VMBO_B,
    VMBO_GT,
    VMBO_K,
    VWO,
    Stage,
)
from agents.pupils import (
    MBO,
    VO_GROUPS,
    assign_profile,
    choose,
    initial_interest,
    reinforce,
    utility,
    vo_group,
)
from simulation import apprenticeships, data
from simulation.population import MBO_LEVEL_OF_TRACK, MBO_YEARS, vo_track

if TYPE_CHECKING:
    from simulation.model import TechniekModel

VO_CHOICE_YEAR = 2  # the choice is made on entering the third year of vo (index 2)


def initialise_peers(model: TechniekModel) -> None:
    """Seed each vo school's peer shares with the 2013 reference shares, then with the initial
    population's third-years where the school has any."""
    ref = reference_peer_shares(model)
    for school in model.schools["vo"]:
        school.peer_share[:] = ref
    P = model.people
    third = np.flatnonzero((P.stage == Stage.VO) & (P.years == VO_CHOICE_YEAR) & (P.track != PRO))
    _observe_peers(model, third, P.tech[third])


def reference_peer_shares(model: TechniekModel) -> np.ndarray:
    """[group, female] 2013 reference technical shares (the zero point of the peer effect)."""
    p = model.p
    ref = np.array([[p.ref_vmbo_bk_boys, p.ref_vmbo_bk_girls],
                    [p.ref_vmbo_gt_boys, p.ref_vmbo_gt_girls],
                    [p.ref_havo_boys, p.ref_havo_girls], [p.ref_vwo_boys, p.ref_vwo_girls]])
    if not p.gender_effects:  # no stereotype: girls' reference is the boys' share
        ref[:, 1] = ref[:, 0]
    return ref


def step(model: TechniekModel) -> np.ndarray:
    """Advance every pupil and student one school year; return labour-market entrants' rows."""
    P = model.people
    # one pass over the population (finding rows costs ~2 ns each), then split the subset
    pupils = np.flatnonzero(P.stage <= Stage.NO_PLACE)
    stage = P.stage[pupils]
    primary = pupils[stage == Stage.PRIMARY]
    vo = pupils[stage == Stage.VO]
    students = pupils[(stage >= Stage.BOL) & (stage <= Stage.WO)]
    waiting = pupils[stage == Stage.NO_PLACE]

    _primary(model, primary)
    entrants, leavers = _secondary(model, vo)
    more_entrants, more_leavers = _tertiary(model, students)
    entrants = [np.concatenate([e, m]).astype(np.int64)
                for e, m in zip(entrants, more_entrants, strict=True)]
    leavers = np.concatenate([leavers, more_leavers,
                              _enter_programmes(model, entrants, waiting)]).astype(np.int64)
    # leavers look for work: graduates in their own field (drop-outs were set non-technical)
    P.stage[leavers] = Stage.UNEMPLOYED
    P.years[leavers] = 0
    P.school[leavers] = -1
    return leavers


# ---------------------------------------------------------------------------- primary school
def _primary(model: TechniekModel, rows: np.ndarray) -> None:
    """A year of W&T exposure; pupils turning 12 move to vo with their interest formed."""
    P, p = model.people, model.p
    extra = model.region_exposure[P.region[rows]] if model.region_exposure.any() else 0.0
    P.exposure[rows] += np.clip(p.early_exposure + extra, 0.0, 1.0)
    P.years[rows] += 1
    age = model.year - P.birth_year[rows]
    to_vo = rows[age >= 12]
    P.stage[to_vo] = Stage.VO
    P.years[to_vo] = 0
    P.track[to_vo] = vo_track(P.ability[to_vo])
    P.interest[to_vo] = initial_interest(P.taste[to_vo], np.minimum(P.exposure[to_vo], 8.0),
                                         P.parent_tech[to_vo], p)
    P.school[to_vo] = model.pick_schools("vo", P.region[to_vo], model.u("vo_school", to_vo))


# ---------------------------------------------------------------------------- secondary school
def _secondary(model: TechniekModel, rows: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Move vo pupils up; third-years choose; finalists graduate.

    Returns:
        ([mbo, hbo, wo] entrant rows, rows leaving for the labour market).
    """
    P, p = model.people, model.p
    P.years[rows] += 1
    deciders = rows[(P.years[rows] == VO_CHOICE_YEAR) & (P.track[rows] != PRO)]
    _vo_choice(model, deciders)
    upper = rows[P.years[rows] >= VO_CHOICE_YEAR]
    quality = model.school_quality("vo")[np.maximum(P.school[upper], 0)]
    P.interest[upper] = reinforce(P.interest[upper], P.taste[upper], P.tech[upper], quality, p)

    done = rows[P.years[rows] >= data.VO_TRACK_YEARS[P.track[rows]]]
    track = P.track[done]
    general = (track == HAVO) | (track == VWO)
    P.edu[done] = np.where(general, EDU_VO_GENERAL, EDU_VO_BASIC)
    P.edu_tech[done] = P.tech[done]
    P.school[done] = -1
    u = model.u("vo_next", done)
    to_mbo = np.isin(track, (VMBO_B, VMBO_K, VMBO_GT)) | ((track == HAVO) & (u >= p.havo_to_hbo))
    to_hbo = ((track == HAVO) & (u < p.havo_to_hbo)) | ((track == VWO) & (u >= p.vwo_to_wo))
    to_wo = (track == VWO) & (u < p.vwo_to_wo)
    P.track[done[to_mbo]] = MBO_LEVEL_OF_TRACK[track[to_mbo]]
    leavers = done[track == PRO]
    return [done[to_mbo], done[to_hbo], done[to_wo]], leavers


def _vo_choice(model: TechniekModel, rows: np.ndarray) -> None:
    """The vmbo sector / havo-vwo profile choice: techniek or not (logit, M1-M3)."""
    if len(rows) == 0:
        return
    P, p = model.people, model.p
    female = P.female[rows]
    group = vo_group(P.track[rows])
    fi = female.astype(int)
    peers = np.stack([s.peer_share for s in model.schools["vo"]])  # [school, group, female]
    seen = peers[P.school[rows], group, fi]
    ref = reference_peer_shares(model)[group, fi]
    peer_dev = np.where(np.isnan(seen), 0.0, seen - ref)
    ctx = model.context(rows, peer_dev)
    u = utility(model.intercepts.vo[group, fi], P.interest[rows], 0.0, P.migrant[rows], female,
                ctx, p)
    tech = choose(u, model.u("vo_choice", rows))
    P.tech[rows] = tech
    general = (group >= 2)
    profile, wisb = assign_profile(tech, female, model.u("profile", rows), p)
    P.profile[rows] = np.where(general, profile, -1)
    P.wisb[rows] = general & wisb
    P.hist[rows] |= (HIST_VO_MADE + HIST_VO_TECH * tech).astype(np.uint8)
    model.recorder.record_choice("vo_tech", rows, tech)
    _observe_peers(model, rows, tech)


def _observe_peers(model: TechniekModel, rows: np.ndarray, tech: np.ndarray) -> None:
    """Each vo school remembers this year's deciders as next year's peers."""
    P = model.people
    n_schools = len(model.schools["vo"])
    cell = (P.school[rows] * VO_GROUPS + vo_group(P.track[rows])) * 2 + P.female[rows]
    size = n_schools * VO_GROUPS * 2
    chosen = np.bincount(cell, minlength=size).reshape(n_schools, VO_GROUPS, 2)
    techn = np.bincount(cell, weights=tech, minlength=size).reshape(n_schools, VO_GROUPS, 2)
    for school in model.schools["vo"]:
        school.observe_choices(chosen[school.index], techn[school.index])


# ---------------------------------------------------------------------------- mbo, hbo, wo
def _tertiary(model: TechniekModel, rows: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Move students up a year; drop-out; graduation (BOL techniek needs an internship).

    Returns:
        ([mbo, hbo, wo] entrant rows (mbo-4 graduates going on to hbo), labour-market rows).
    """
    P, p = model.people, model.p
    P.years[rows] += 1
    stage = P.stage[rows]
    mbo = (stage == Stage.BOL) | (stage == Stage.BBL)
    P.interest[rows] = reinforce(P.interest[rows], P.taste[rows], P.tech[rows], 1.0, p)

    rate = np.where(mbo, p.mbo_dropout, p.he_dropout)
    drop = model.u("dropout", rows) < rate
    dropped = rows[drop]
    model.count("mbo_dropouts", (drop & mbo).sum())
    model.count("mbo_dropouts_tech", (drop & mbo & P.tech[rows]).sum())
    model.count("switch_out_of_tech", (drop & P.tech[rows]).sum())
    _leave_firm(model, dropped)
    P.tech[dropped] = False

    rows, stage, mbo = rows[~drop], stage[~drop], mbo[~drop]
    length = np.select([mbo, stage == Stage.HBO, stage == Stage.WO],
                       [MBO_YEARS[np.clip(P.track[rows], 0, 4)], p.hbo_years, p.wo_years])
    final = rows[P.years[rows] >= length]
    fstage = P.stage[final]
    needs = (fstage == Stage.BOL) & P.tech[final]   # technical BOL: internship required
    stall = np.zeros(len(final), dtype=bool)
    drop_out = np.zeros(len(final), dtype=bool)
    stall[needs], drop_out[needs] = apprenticeships.internships(model, final[needs])
    P.years[final[stall]] -= 1
    no_intern_drop = final[drop_out]
    graduates = final[~stall & ~drop_out]
    gstage = P.stage[graduates]
    level = P.track[graduates]
    P.edu[graduates] = np.select([gstage == Stage.HBO, gstage == Stage.WO, level == 2],
                                 [EDU_HBO, EDU_WO, EDU_MBO2], EDU_MBO34)
    P.edu_tech[graduates] = P.tech[graduates]
    model.count("graduates", len(graduates))
    model.count("graduates_tech", P.tech[graduates].sum())
    mbo4 = ((gstage == Stage.BOL) | (gstage == Stage.BBL)) & (level == 4)
    go_on = mbo4 & (model.u("mbo_next", graduates) < p.mbo4_to_hbo)
    to_hbo = graduates[go_on]
    _leave_firm(model, to_hbo)
    leavers = np.concatenate([dropped, no_intern_drop, graduates[~go_on]])
    P.school[leavers] = -1
    P.track[to_hbo] = 0
    return [np.zeros(0, np.int64), to_hbo, np.zeros(0, np.int64)], leavers


def _leave_firm(model: TechniekModel, rows: np.ndarray) -> None:
    """Students leaving BBL give up their place (graduates keep the link for retention)."""
    model.people.employer[rows] = -1


def _enter_programmes(model: TechniekModel, entrants: list[np.ndarray],
                      waiting: np.ndarray) -> np.ndarray:
    """This year's entrants choose techniek or not and a route; BBL applicants need a place.

    Args:
        entrants: [mbo, hbo, wo] rows entering a programme this year.
        waiting: rows that waited a year for a leerwerkplek and apply again.

    Returns:
        Rows that dropped out for lack of a place (labour-market entrants).
    """
    P, p = model.people, model.p
    for prog, rows in enumerate(entrants):
        if len(rows) == 0:
            continue
        prior = P.tech[rows].astype(float)
        tech = model.post_choice(rows, np.full(len(rows), prog), prior, model.u("post", rows))
        model.count("switch_out_of_tech", (prior.astype(bool) & ~tech).sum())
        P.tech[rows] = tech
        first = (P.hist[rows] & HIST_POST_MADE) == 0
        model.recorder.record_choice("post_tech", rows[first], tech[first])
        P.hist[rows] |= (HIST_POST_MADE + HIST_POST_TECH * tech).astype(np.uint8)
        P.years[rows] = 0
        model.count(f"entrants_{('mbo', 'hbo', 'wo')[prog]}", len(rows))
        model.count(f"tech_entrants_{('mbo', 'hbo', 'wo')[prog]}", tech.sum())
        if prog == MBO:
            continue
        P.stage[rows] = Stage.HBO if prog == 1 else Stage.WO
        P.track[rows] = 0

    mbo = entrants[MBO]
    P.school[mbo] = model.pick_schools("mbo", P.region[mbo], model.u("mbo_school", mbo))
    share = np.where(P.tech[mbo], p.bbl_share_tech, p.bbl_share_nontech)
    bbl = model.u("route", mbo) < share
    P.stage[mbo[~bbl]] = Stage.BOL
    P.stage[mbo[bbl & ~P.tech[mbo]]] = Stage.BBL  # non-technical places are not modelled
    applicants = np.concatenate([mbo[bbl & P.tech[mbo]], waiting])
    return apprenticeships.match_bbl(model, applicants)

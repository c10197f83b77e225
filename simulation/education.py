"""One school year of education: primary exposure, vo choice, post-secondary entry and
progression, graduation and drop-out (M1-M4).

Order within the year: primary pupils gain W&T exposure and 12-year-olds enter vo; vo pupils
move up, third-years choose techniek or not, finalists graduate; students in mbo, hbo and wo
move up, drop out, switch programme after the first year (BOL) or graduate (technical BOL
finalists need an internship; mbo-2/3 graduates may go on to the next level, mbo-4 graduates to
hbo, hbo graduates to a wo master; international graduates stay or leave the country); then
adults start a BBL programme or a part-time hbo bachelor, international degree students arrive,
this year's entrants choose their field and route, and BBL applicants, young and adult, look for
a leerwerkplek.
Returns the rows of everyone who left education for the labour market this year.

Entrants are counted by route (`entrants_by_route`: mbo from vo, switchers, adults and the next
level; hbo from
vo, mbo-4, part-time and abroad; wo from vo, hbo (master) and abroad) and mbo entrants by age
(`entrants_by_age`), since the public counts of entrants include switchers and adults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.draws import bernoulli_rows
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
    HBO,
    MBO,
    VO_GROUPS,
    WO,
    assign_profile,
    choose,
    initial_interest,
    reinforce,
    utility,
    vo_group,
)
from simulation import apprenticeships, data
from simulation.population import (
    ADULT_BBL_AGES,
    HE_INTL_BA,
    HE_INTL_MA,
    HE_MASTER,
    HE_PARTTIME,
    HE_REGULAR,
    MBO_LEVEL_OF_TRACK,
    NEXT_LEVEL_MAX_AGE,
    PARTTIME_HBO_AGES,
    adult_bbl_level,
    international_field,
    new_person_traits,
    programme_lengths,
    stochastic_round,
    vo_track,
)

if TYPE_CHECKING:
    from agents.people import People
    from simulation.model import TechniekModel
    from simulation.parameters import Parameters

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
    adult_applicants, adult_students = _adults(model)
    _international(model)
    leavers = np.concatenate([leavers, more_leavers,
                              _enter_programmes(model, entrants, waiting,
                                                adult_applicants)]).astype(np.int64)
    # leavers look for work: graduates in their own field (drop-outs were set non-technical)
    P.stage[leavers] = Stage.UNEMPLOYED
    P.years[leavers] = 0
    P.school[leavers] = -1
    _count_mbo_adults(model, np.concatenate([students, entrants[MBO], waiting, adult_applicants,
                                             adult_students]))
    return leavers


def _count_entrants(model: TechniekModel, prog: int, route: str, rows: np.ndarray,
                    tech: np.ndarray) -> None:
    """Count entrants into programme `prog` (0 mbo, 1 hbo, 2 wo) by route (and mbo entrants by
    age: under 23, 23-26, 27 and over, the boundaries of the public counts)."""
    name = ("mbo", "hbo", "wo")[prog]
    model.count(f"entrants_{name}", len(rows))
    model.count(f"tech_entrants_{name}", tech.sum())
    model.count(f"entrants_{name}_{route}", len(rows))
    female = model.people.female[rows]
    model.count(f"entrants_{name}_female", female.sum())
    model.count(f"entrants_{name}_male", (~female).sum())
    model.count(f"tech_entrants_{name}_female", (tech & female).sum())
    model.count(f"tech_entrants_{name}_male", (tech & ~female).sum())
    if prog == MBO and len(rows):
        age = model.year - model.people.birth_year[rows]
        model.count("entrants_mbo_age_under_23", (age < 23).sum())
        model.count("entrants_mbo_age_23_26", ((age >= 23) & (age < 27)).sum())
        model.count("entrants_mbo_age_27_plus", (age >= 27).sum())


def _count_mbo_adults(model: TechniekModel, rows: np.ndarray) -> None:
    """mbo students aged 25 and over at the end of the education step (a stock; `rows` holds
    every person who can be an mbo student now: this year's students, mbo entrants, waiting
    applicants and adults)."""
    P = model.people
    rows = rows[(P.stage[rows] == Stage.BOL) | (P.stage[rows] == Stage.BBL)]
    model.count("mbo_students_25_plus", (model.year - P.birth_year[rows] >= 25).sum())


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
    hbo_rate, wo_rate = hbo_entry_rate(p, model.year), wo_entry_rate(p, model.year)
    to_mbo = np.isin(track, (VMBO_B, VMBO_K, VMBO_GT)) | ((track == HAVO) & (u >= hbo_rate))
    to_hbo = ((track == HAVO) & (u < hbo_rate)) | ((track == VWO) & (u >= wo_rate))
    to_wo = (track == VWO) & (u < wo_rate)
    P.track[done[to_mbo]] = MBO_LEVEL_OF_TRACK[track[to_mbo]]
    leavers = done[track == PRO]
    return [done[to_mbo], done[to_hbo], done[to_wo]], leavers


def wo_entry_rate(p: Parameters, year: int) -> float:
    """Share of vwo graduates entering wo in `year` (rest hbo): `vwo_to_wo`, rising by
    `wo_entry_trend` a year from the start year to `he_entry_trend_until`, at most 1."""
    return _trending(p.vwo_to_wo, p.wo_entry_trend, p, year)


def hbo_entry_rate(p: Parameters, year: int) -> float:
    """Share of havo graduates entering hbo in `year` (rest mbo-4): `havo_to_hbo`, rising by
    `hbo_entry_trend` a year from the start year to `he_entry_trend_until`, at most 1."""
    return _trending(p.havo_to_hbo, p.hbo_entry_trend, p, year)


def _trending(rate: float, trend: float, p: Parameters, year: int) -> float:
    """`rate` (a share) plus `trend` per year since the start year, held after
    `he_entry_trend_until`, at most 1."""
    years = min(year, p.he_entry_trend_until) - p.start_year
    return float(min(rate + trend * max(years, 0), 1.0))


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
    outreach = girls_outreach(model.year, p)
    if outreach:  # girls only: the role-model term is multiplied by `female` in the utility
        ctx.role_model = ctx.role_model + outreach * (group >= 2)
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
    _count_choosers(model, group, fi, tech)
    _observe_peers(model, rows, tech)


#: The vo levels the Monitor Techniekpact reports choices for, by choice group (vmbo b/k, vmbo
#: g/t, havo, vwo).
CHOICE_LEVELS = ("vmbo", "vmbo", "havo", "vwo")


def _count_choosers(model: TechniekModel, group: np.ndarray, female: np.ndarray,
                    tech: np.ndarray) -> None:
    """Count the year's choosers and technical choosers by level and sex (`vo_choosers_*`,
    `vo_tech_choosers_*`): the cohort the Monitor's shares describe (vmbo leerjaar 3, 4-havo,
    4-vwo)."""
    cell = 2 * group + female
    every = np.bincount(cell, minlength=2 * VO_GROUPS)
    technical = np.bincount(cell[tech], minlength=2 * VO_GROUPS)
    for g, level in enumerate(CHOICE_LEVELS):
        for f, sex in enumerate(("male", "female")):
            model.count(f"vo_choosers_{level}_{sex}", every[2 * g + f])
            model.count(f"vo_tech_choosers_{level}_{sex}", technical[2 * g + f])


#: Years over which VHTO's girls-oriented activities in havo/vwo grew to full strength:
#: expanded with the Pact (seed L653); the girls' rising trend seems to stagnate by 2018 (L594).
#: Most of the rise came early: girls' havo N-profile share 35% (2013/14), 38.3% (2015/16),
#: 39% (2016/17), 40% (2018); vwo ~56%, 58.7%, 60%, ~61% ([E7][E8]), so the effect is phased
#: in over three years (round 12; until round 11, over five, to 2018).
OUTREACH_YEARS = (2013, 2016)


def girls_outreach(year: int, p: Parameters) -> float:
    """Extra women's share among technicians that havo/vwo girls see in `year` through role
    models and girls' days (`girls_outreach`, phased in linearly over `OUTREACH_YEARS`)."""
    first, full = OUTREACH_YEARS
    return p.girls_outreach * min(max((year - first) / (full - first), 0.0), 1.0)


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
    """Move students up a year; drop-out; BOL switches; graduation (BOL techniek needs an
    internship); the next mbo level, hbo after mbo-4, a wo master after hbo; international
    graduates stay or leave.

    Returns:
        ([mbo, hbo, wo] entrant rows (mbo-4 graduates going on to hbo), labour-market rows).
    """
    P, p = model.people, model.p
    years = P.years[rows] + 1
    P.years[rows] = years
    stage = P.stage[rows]
    tech = P.tech[rows]
    mbo = (stage == Stage.BOL) | (stage == Stage.BBL)
    P.interest[rows] = reinforce(P.interest[rows], P.taste[rows], tech, 1.0, p)

    rate = np.array([0.0, 0.0, p.mbo_dropout, p.mbo_dropout, p.he_dropout, p.wo_dropout])
    drop = model.u("dropout", rows) < rate[stage]
    dropped = rows[drop]
    apprenticeships.count_dropouts(model, rows[drop & mbo], tech[drop & mbo])
    model.count("switch_out_of_tech", (drop & tech).sum())
    _leave_firm(model, dropped)
    P.tech[dropped] = False
    abroad = _is_international(P, dropped)
    _emigrate(model, dropped[abroad])            # international drop-outs go home
    dropped = dropped[~abroad]
    parttime = (P.stage[dropped] == Stage.HBO) & (P.track[dropped] == HE_PARTTIME)
    _to_work(P, dropped[parttime])               # part-time students keep their job
    dropped = dropped[~parttime]

    keep = ~drop
    rows, stage, years = rows[keep], stage[keep], years[keep]
    length = np.take(programme_lengths(p).ravel(), stage.astype(np.intp) * 6 + P.track[rows])
    _switch(model, rows[(years == 1) & (stage == Stage.BOL)])
    final = rows[years >= length]       # switchers were in year 1 of a longer programme
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
    go_on = ((gstage == Stage.BOL) | (gstage == Stage.BBL)) & (level == 4)
    go_on[go_on] = model.u("mbo_next", graduates[go_on]) < p.mbo4_to_hbo
    to_hbo = graduates[go_on]
    _leave_firm(model, to_hbo)
    rest = _after_graduation(model, graduates[~go_on], gstage[~go_on], level[~go_on])
    leavers = np.concatenate([dropped, no_intern_drop, rest])
    P.school[leavers] = -1
    P.track[to_hbo] = HE_REGULAR
    return [np.zeros(0, np.int64), to_hbo, np.zeros(0, np.int64)], leavers


def _is_international(P: People, rows: np.ndarray) -> np.ndarray:
    """Mask over `rows`: international degree students."""
    he = (P.stage[rows] == Stage.HBO) | (P.stage[rows] == Stage.WO)
    return he & ((P.track[rows] == HE_INTL_BA) | (P.track[rows] == HE_INTL_MA))


def _emigrate(model: TechniekModel, rows: np.ndarray) -> None:
    """International students leaving the country (counted as emigrants)."""
    model.people.remove(rows)
    model.count("emigrants", len(rows))
    model.intl_departed += len(rows)


def _switch(model: TechniekModel, rows: np.ndarray) -> None:
    """BOL students who switch programme after their first year (`mbo_switch`; every mbo
    programme lasts 2 years or more) start again at year 0 and choose their field anew;
    counted as entrants, as the public counts of entrants into a domain do."""
    P, p = model.people, model.p
    if p.mbo_switch <= 0 or len(rows) == 0:
        return
    rows = rows[model.u("mbo_switch", rows) < p.mbo_switch]
    P.years[rows] = 0
    _choose_field(model, rows, MBO, "post_switch", "switch")


def _after_graduation(model: TechniekModel, rows: np.ndarray, stage: np.ndarray,
                      track: np.ndarray) -> np.ndarray:
    """Graduates (not going from mbo-4 to hbo) who study on, stay at work or leave the country;
    return those who enter the labour market as job seekers.

    - mbo-2 and mbo-3 graduates go on to the next level (stapelen: `mbo_next_level_2`, `_3`)
      in the same route and field (a technical BBL student keeps the place); young graduates
      only (up to `population.NEXT_LEVEL_MAX_AGE`; adults retrain for one diploma,
      assumption). They are counted as entrants by route (`next_level`), not in the entrant
      totals, which count students new to a domain.
    - International graduates stay to work (`intl_stay`, `intl_stay_tech`) or leave.
    - Who studied while working goes straight (back) to non-technical work: part-time hbo
      graduates in a non-technical field (part-time drop-outs too, in `_tertiary`), and
      non-technical BBL graduates who stay with their employer (`bbl_retention`, seed L854;
      technical BBL graduates are kept by their firm in `simulation.labour_market`).
    - Domestic hbo bachelor graduates go on to a wo master (`hbo_to_wo_master`) and choose
      their field again (technical wo needs wiskunde B).

    Args:
        rows, stage, track: the graduates, their stage and their track (level or `HE_*` kind).
    """
    P, p = model.people, model.p
    tech = P.tech[rows]
    mbo = (stage == Stage.BOL) | (stage == Stage.BBL)
    hbo = stage == Stage.HBO
    # the next mbo level
    share = np.array([0.0, 0.0, p.mbo_next_level_2, p.mbo_next_level_3, 0.0, 0.0])[track]
    cand = np.flatnonzero(mbo & (share > 0))
    cand = cand[model.year - P.birth_year[rows[cand]] <= NEXT_LEVEL_MAX_AGE]
    on = np.zeros(len(rows), dtype=bool)
    on[cand] = model.u("mbo_next_level", rows[cand]) < share[cand]
    going = rows[on]
    P.track[going] += 1
    P.years[going] = 0
    model.count("entrants_mbo_next_level", len(going))
    # international graduates
    abroad = ~mbo & ((track == HE_INTL_BA) | (track == HE_INTL_MA))
    stay = np.zeros(len(rows), dtype=bool)
    stay[abroad] = model.u("intl_stay", rows[abroad]) < np.where(tech[abroad], p.intl_stay_tech,
                                                                 p.intl_stay)
    model.count("intl_graduates_stay", stay.sum())
    model.count("intl_graduates_leave", abroad.sum() - stay.sum())
    _emigrate(model, rows[abroad & ~stay])
    P.track[rows[stay]] = HE_REGULAR
    # back to work
    parttime = hbo & ~tech & (track == HE_PARTTIME)
    bbl = (stage == Stage.BBL) & ~tech & ~on
    bbl[bbl] = model.u("bbl_stay_nontech", rows[bbl]) < p.bbl_retention
    _to_work(P, rows[parttime | bbl])
    model.count("bbl_retained_nontech", bbl.sum())
    # a wo master after hbo
    master = hbo & (track == HE_REGULAR)
    master[master] = model.u("hbo_to_wo", rows[master]) < p.hbo_to_wo_master
    masters = rows[master]
    P.stage[masters] = Stage.WO
    P.track[masters] = HE_MASTER
    P.years[masters] = 0
    _choose_field(model, masters, WO, "post_master", "hbo_master")
    return rows[~(on | (abroad & ~stay) | parttime | bbl | master)]


def _to_work(P: People, rows: np.ndarray) -> None:
    """Students who studied while working go (back) to non-technical work."""
    P.stage[rows] = Stage.WORK
    P.years[rows] = 0
    P.school[rows] = -1
    P.employer[rows] = -1
    P.sector[rows] = -1
    P.track[rows] = 0


def _choose_field(model: TechniekModel, rows: np.ndarray, prog: int, stream: str,
                  route: str) -> np.ndarray:
    """Field choice of entrants who are not school leavers (restarts, masters, adults):
    techniek or not, history and counts; returns the technical mask."""
    P = model.people
    prior = P.tech[rows] if route in ("switch", "hbo_master") else P.edu_tech[rows]
    tech = model.post_choice(rows, np.full(len(rows), prog), prior.astype(float),
                             model.u(stream, rows))
    _record_field(model, rows, tech, prog, route)
    return tech


def _record_field(model: TechniekModel, rows: np.ndarray, tech: np.ndarray, prog: int,
                  route: str) -> None:
    """Set the chosen field of entrants, their history and the counts."""
    P = model.people
    model.count("switch_out_of_tech", (P.tech[rows] & ~tech).sum())
    P.tech[rows] = tech
    first = (P.hist[rows] & HIST_POST_MADE) == 0
    model.recorder.record_choice("post_tech", rows[first], tech[first])
    P.hist[rows] |= (HIST_POST_MADE + HIST_POST_TECH * tech).astype(np.uint8)
    _count_entrants(model, prog, route, rows, tech)


def _adults(model: TechniekModel) -> tuple[np.ndarray, np.ndarray]:
    """Adults starting a programme this year (`adult_bbl_entry`, `parttime_hbo_entry`).

    Adults apply for BBL more when employers recruit: non-technical entrants at last year's
    output gap (`bbl_cycle`), starting at once; technical applicants with the technical
    places on offer this year (`bbl_outlook`), and they still need one of them
    (`apprenticeships.match_bbl`). Starts are the smaller of applicants and places, so the
    cycle counts once in a boom as in a slump; with applicants at a fixed rate, places offered
    in the tight years 2017-19 stayed a quarter unfilled and technical BBL could not grow as
    observed (+13% in 2018-19, seed L856).

    Candidates are found by thinning (`agents.draws.bernoulli_rows`) instead of a draw for
    every adult: a row is a candidate with the sum of the two rates, and is eligible for a BBL
    programme aged 20-49, without higher education, in non-technical work or unemployed; for
    a part-time hbo bachelor aged 23-45, with havo/vwo or mbo-4, in non-technical work. They
    choose their field like school leavers (logit on interest, prior technical qualification,
    role models and prospects). Non-technical BBL entrants and part-time students start now
    (they leave work: the model counts students apart from the employed, as the employment
    figures do); technical BBL entrants need a leerwerkplek.

    Returns:
        (technical BBL applicants, adults who started: non-technical BBL and part-time hbo).
    """
    P, p = model.people, model.p
    cycle, outlook = bbl_cycle(model), bbl_outlook(model)
    top = max(cycle, outlook, 1.0)    # candidates at the highest rate, thinned after the choice
    adult_bbl = p.adult_bbl_entry * top
    total = adult_bbl + p.parttime_hbo_entry
    if total <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    rng = model.year_rng("adult_entry")
    cand = bernoulli_rows(rng, P.n, total)
    v = rng.random(len(cand)) * total
    # eligibility, narrowing the candidates step by step (fewer scattered reads)
    stage = P.stage[cand]
    keep = (stage == Stage.WORK) | (stage == Stage.UNEMPLOYED)
    cand, v, stage = cand[keep], v[keep], stage[keep]
    age = model.year - P.birth_year[cand]
    keep = (age >= ADULT_BBL_AGES[0]) & (age <= ADULT_BBL_AGES[1])
    cand, v, stage, age = cand[keep], v[keep], stage[keep], age[keep]
    keep = ~P.tech[cand] & ~P.teacher[cand]
    cand, v, stage, age = cand[keep], v[keep], stage[keep], age[keep]
    edu = P.edu[cand]
    bbl = (v < adult_bbl) & (edu < EDU_HBO)
    pt = ((v >= adult_bbl) & (stage == Stage.WORK) & (age >= PARTTIME_HBO_AGES[0])
          & (age <= PARTTIME_HBO_AGES[1]) & ((edu == EDU_VO_GENERAL) | (edu == EDU_MBO34)))

    students = cand[pt]
    _leave_job(P, students)
    P.stage[students] = Stage.HBO
    P.track[students] = HE_PARTTIME
    P.years[students] = 0
    _choose_field(model, students, HBO, "post_parttime", "parttime")

    adults = cand[bbl]
    tech = model.post_choice(adults, np.full(len(adults), MBO),
                             P.edu_tech[adults].astype(float), model.u("post_adult", adults))
    # applications follow the cycle; technical applicants then need a leerwerkplek (match_bbl)
    keep = model.u("adult_cycle", adults) < np.where(tech, outlook, cycle) / top
    adults, tech = adults[keep], tech[keep]
    _start_adult_bbl(model, adults[~tech], technical=False)
    return adults[tech], np.concatenate([adults[~tech], students])


def bbl_cycle(model: TechniekModel) -> float:
    """Business-cycle factor on non-technical BBL applications, young and adult.

    A BBL place is a job: employers recruit their trainees, and more young people and adults
    choose the work-based route when jobs are plentiful (BBL +12.6% in 2017-18 while BOL did
    not grow: 379,200 full- and part-time in 2017, 375,700 full-time in 2018 [E12][E13]).
    The model has no place agents outside techniek; non-technical employers' places, and the
    applications for them, are assumed to follow the output gap at the technical places'
    elasticity (`places_gap_elasticity`, agents.firms), with a year's lag: enrolment for a
    school year starting in August is agreed on the year before's business. BBL, all fields,
    fell from 120,700 (2013) to 95,700 (2015) and rose to 121,500 (2018) and 130,400 (2019)
    [E12][E13]. Technical applications follow `bbl_outlook` instead."""
    p = model.p
    if not p.cyclical_places:
        return 1.0
    return float(np.exp(p.places_gap_elasticity * model.cycle.lagged_gap(model.year)))


def bbl_outlook(model: TechniekModel) -> float:
    """Factor on technical BBL applications, young and adult: the technical places offered
    this year per technician, relative to the normal rate (`TechniekModel.plan_places`).

    Applicants read the leerwerkplekken on offer, not the output gap itself: the places carry
    the year's sector gap and last year's tightness (firms' recruitment value) and subsidies,
    so that places a bridging policy keeps open keep applicants coming (with `bbl_cycle` on
    the gap, pre-financed places in a recession stayed half empty). A BBL place is a job that
    employers advertise for the school year it starts, and young people and adults apply for
    it in the same months, so applicants read this year's places; until round 14 they read
    last year's, which delayed technical BBL's rise by a year (`docs/decisions.md` 27). 1
    when places are acyclical (`cyclical_places` off)."""
    return model.places_intensity if model.p.cyclical_places else 1.0


def _leave_job(P: People, rows: np.ndarray) -> None:
    """Adults starting to study leave their (non-technical) job or job search."""
    P.employer[rows] = -1
    P.sector[rows] = -1
    P.waited[rows] = 0
    P.school[rows] = -1


def _start_adult_bbl(model: TechniekModel, rows: np.ndarray, technical: bool) -> None:
    """Adults starting a BBL programme (non-technical ones at once, technical ones once they
    have a place, which `apprenticeships.match_bbl` recorded) at their level
    (`population.adult_bbl_level`)."""
    P = model.people
    employer = P.employer[rows].copy()
    _leave_job(P, rows)
    if technical:
        P.employer[rows] = employer          # the leerwerkplek
    P.stage[rows] = Stage.BBL
    P.years[rows] = 0
    P.track[rows] = adult_bbl_level(P.edu[rows])
    P.school[rows] = model.pick_schools("mbo", P.region[rows], model.u("mbo_school_adult", rows))
    _record_field(model, rows, np.full(len(rows), technical), MBO, "adult")


def _international(model: TechniekModel) -> None:
    """International degree students arriving this year (`data.INTERNATIONAL_ENTRANTS`): new
    persons (counted as immigrants) aged 18-20 (bachelor) or 22-25 (master) in hbo or wo."""
    P, p = model.people, model.p
    if not p.international_students:
        return
    rng = model.year_rng("international")
    n = stochastic_round(data.international_entrants(model.year) / p.scale, rng)
    kind = np.repeat(np.arange(3), n)
    total = int(n.sum())
    if total == 0:
        return
    traits = new_person_traits(total, rng)
    age = np.where(kind == 2, rng.integers(22, 26, total), rng.integers(18, 21, total))
    rows = P.add(total, birth_year=(model.year - age).astype(np.int16), **traits)
    model.count("immigrants", total)
    wo = kind > 0
    tech = international_field(model, rows, wo, model.u("intl_field", rows))
    P.stage[rows] = np.where(wo, Stage.WO, Stage.HBO)
    P.track[rows] = np.where(kind == 2, HE_INTL_MA, HE_INTL_BA)
    P.tech[rows] = tech
    P.edu[rows] = np.where(kind == 2, EDU_HBO, EDU_VO_GENERAL)
    P.wisb[rows] = True
    P.interest[rows] = P.taste[rows]
    P.hist[rows] = (HIST_POST_MADE + HIST_POST_TECH * tech).astype(np.uint8)
    _count_entrants(model, 1, "international", rows[~wo], tech[~wo])
    _count_entrants(model, 2, "international", rows[wo], tech[wo])


def _leave_firm(model: TechniekModel, rows: np.ndarray) -> None:
    """Students leaving BBL give up their place (graduates keep the link for retention)."""
    model.people.employer[rows] = -1


def _enter_programmes(model: TechniekModel, entrants: list[np.ndarray], waiting: np.ndarray,
                      adults: np.ndarray) -> np.ndarray:
    """This year's entrants choose techniek or not and a route; BBL applicants need a place.

    Args:
        entrants: [mbo, hbo, wo] rows entering a programme this year.
        waiting: rows that waited a year for a leerwerkplek and apply again.
        adults: adults applying for a technical BBL programme (they compete for the same
            places; without one they stay where they were).

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
        from_mbo = (P.stage[rows] == Stage.BOL) | (P.stage[rows] == Stage.BBL)
        P.tech[rows] = tech
        first = (P.hist[rows] & HIST_POST_MADE) == 0
        model.recorder.record_choice("post_tech", rows[first], tech[first])
        P.hist[rows] |= (HIST_POST_MADE + HIST_POST_TECH * tech).astype(np.uint8)
        P.years[rows] = 0
        _count_entrants(model, prog, "vo", rows[~from_mbo], tech[~from_mbo])
        if from_mbo.any():
            _count_entrants(model, prog, "mbo", rows[from_mbo], tech[from_mbo])
        if prog == MBO:
            continue
        P.stage[rows] = Stage.HBO if prog == 1 else Stage.WO
        P.track[rows] = HE_REGULAR

    mbo = entrants[MBO]
    P.school[mbo] = model.pick_schools("mbo", P.region[mbo], model.u("mbo_school", mbo))
    share = np.where(P.tech[mbo], min(p.bbl_share_tech * bbl_outlook(model), 1.0),
                     min(p.bbl_share_nontech * bbl_cycle(model), 1.0))
    bbl = model.u("route", mbo) < share
    P.stage[mbo[~bbl]] = Stage.BOL
    P.stage[mbo[bbl & ~P.tech[mbo]]] = Stage.BBL  # non-technical places are not modelled
    applicants = np.concatenate([mbo[bbl & P.tech[mbo]], waiting])
    dropouts = apprenticeships.match_bbl(model, applicants, adults)
    _start_adult_bbl(model, adults[P.stage[adults] == Stage.BBL], technical=True)
    return dropouts

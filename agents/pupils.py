"""Pupils' technical interest and their choices at each decision point (vectorised).

Interest (M1): a person is born with a taste; eight years of primary-school W&T exposure and a
parent in techniek shift it (seed L248, L269); each year in a technical track reinforces it in
proportion to school quality, and outside techniek it drifts back to taste (increasing returns,
so early differences lock in).

Choices (M1-M3) are binary logits, techniek or not, at two points: the vmbo sector / havo-vwo
profile (third year of vo) and the entry into mbo, hbo or wo. The utility is

    U = a[point, group, gender] + beta_interest * interest + beta_path * was_technical
        - migrant_penalty * migrant + beta_peer * (peer share - reference)
        + beta_role_model * female * (role-model share - reference)
        + beta_quality * (quality - reference) + beta_prospect * prospect signal
        [+ beta_prospect_mbo * prospect signal, at the mbo field choice only]

The intercepts `a` are solved by `solve_intercepts` so that a fixed synthetic reference cohort
under 2013 reference conditions reproduces the 2013 shares (`Parameters.ref_*`); girls' gap to
boys is the stereotype and is scaled by `Parameters.stereotype`. Every context term is a
deviation from what the first cohort saw: the prospect signal is read relative to the signal of
the run's first year (2013, a slack market), not to a normal year's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import brentq
from scipy.special import expit

from agents.people import CM, EM, NG, NT

if TYPE_CHECKING:
    from simulation.parameters import Parameters

#: Primary-school years (groep 1-8) over which W&T exposure accumulates.
PRIMARY_YEARS = 8
#: Exposure intensity that the 2013 reference shares correspond to (= default early_exposure).
REF_EXPOSURE = 0.5
#: Share of children with a parent in a technical occupation: technical workforce 1.4 million
#: of 8.2 million employed [L12][L1] -> ~17% (derived).
PARENT_TECH_SHARE = 0.17
#: Share of pupils with a non-western migration background (simulation.data.MIGRANT_SHARE_YOUNG).
MIGRANT_SHARE = 0.15

#: vo choice groups: vmbo basis/kader, vmbo gemengd/theoretisch, havo, vwo.
VO_GROUPS = 4
TRACK_TO_GROUP = np.array([-1, 0, 0, 1, 2, 3])  # indexed by vo track (pro has no choice)
#: post-secondary programmes
MBO, HBO, WO = 0, 1, 2
#: years of reinforcement between the vo choice and graduation, per vo group; also the years
#: between a choice and the entry into mbo, hbo or wo that follows it
YEARS_AFTER_VO_CHOICE = np.array([2, 2, 3, 4])

#: The reference year of the `Parameters.ref_*` shares (school year 2013/14).
REFERENCE_YEAR = 2013
#: Oldest choice, in years before the start year, that has intercepts of its own: a 6-vwo pupil
#: at start-up chose 4 years earlier, as did the vwo graduates who enter wo in the first year.
HISTORY_YEARS = 4
#: N-profile (NT/NG) shares before the reference year, (vo group: 2 havo, 3 vwo; female 0/1):
#: (school year, share).
#: Monitor Techniekpact havo/vwo [E8] (found): girls havo 29% and vwo 50% in 2010/11, boys
#: havo 42% and vwo 61% in 2011/12 (all havo 34%, vwo 55% in 2007/08). Between that year and
#: the reference year the share is interpolated linearly to the reference share, before it held
#: flat (assumption). vmbo has no series before 2013: its choices keep the reference share.
PROFILE_SHARE_HISTORY: dict[tuple[int, int], tuple[int, float]] = {
    (2, 0): (2011, 0.42), (2, 1): (2010, 0.29), (3, 0): (2011, 0.61), (3, 1): (2010, 0.50)}


@dataclass(frozen=True)
class Intercepts:
    """Alternative-specific constants: vo[group, female] and post[programme, female].

    `before[k - 1, group, female]` is the vo intercept of a choice made k years before the start
    year (k = 1..`HISTORY_YEARS`, older choices use the last): the start-up population's choices,
    which follow the observed shares of their year (`profile_share_before`).
    """

    vo: np.ndarray
    post: np.ndarray
    before: np.ndarray


@dataclass
class Context:
    """What a pupil sees besides her own interest: deviations from the 2013 reference.

    Each field is a scalar or an array aligned with the deciding pupils.
    """

    peer: np.ndarray | float = 0.0        # same-gender peer share minus reference share
    role_model: np.ndarray | float = 0.0  # women's share of technical workers minus reference
    quality: np.ndarray | float = 0.0     # school quality minus reference (1.0)
    prospect: np.ndarray | float = 0.0    # expected labour-market signal (0 = 2013 level)


def initial_interest(taste: np.ndarray, exposure: np.ndarray, parent_tech: np.ndarray,
                     p: Parameters) -> np.ndarray:
    """Interest at the start of secondary school (sd units).

    Args:
        taste: innate taste (sd units).
        exposure: accumulated W&T exposure over primary school (sum of yearly intensities 0-1).
        parent_tech: a parent works in techniek.
        p: parameters (`exposure_effect`, `parent_effect`, switch `interest_formation`).
    """
    if not p.interest_formation:
        return taste.astype(np.float32)
    shift = p.exposure_effect * (exposure / PRIMARY_YEARS - REF_EXPOSURE)
    shift = shift + p.parent_effect * (parent_tech - PARENT_TECH_SHARE)
    return (taste + shift).astype(np.float32)


def reinforce(interest: np.ndarray, taste: np.ndarray, tech: np.ndarray,
              quality: np.ndarray | float, p: Parameters) -> np.ndarray:
    """One year of experience: technical tracks raise interest, others let it drift to taste."""
    if not p.interest_formation:
        return interest
    gain = np.where(tech, p.reinforcement * quality, -p.decay * (interest - taste))
    return (interest + gain).astype(np.float32)


def utility(a: np.ndarray, interest: np.ndarray, prior_tech: np.ndarray | float,
            migrant: np.ndarray, female: np.ndarray, ctx: Context, p: Parameters) -> np.ndarray:
    """Logit utility of choosing techniek (see module docstring)."""
    u = a + p.beta_interest * interest + p.beta_path * prior_tech
    u = u - p.migrant_penalty * migrant
    if p.peer_effects:
        u = u + p.beta_peer * ctx.peer
    if p.gender_effects:
        u = u + p.beta_role_model * female * ctx.role_model
    return u + p.beta_quality * ctx.quality + p.beta_prospect * ctx.prospect


def choose(u: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Technical choice given utilities and uniform draws (True = techniek)."""
    return draws < expit(u)


def assign_profile(tech: np.ndarray, female: np.ndarray, draws: np.ndarray,
                   p: Parameters) -> tuple[np.ndarray, np.ndarray]:
    """havo/vwo profile and wiskunde B from the technical choice.

    A technical choice is an N-profile: NT (always with wiskunde B) with the gender's NT share,
    else NG (wiskunde B with `wisb_share_ng`). A non-technical choice is EM (60%) or CM;
    wiskunde B there with `wisb_share_non_n`. One uniform per pupil drives both.

    Returns:
        (profile, wisb) arrays.
    """
    nt_share = np.where(female, p.nt_share_of_n_girls, p.nt_share_of_n_boys)
    profile = np.where(tech, np.where(draws < nt_share, NT, NG),
                       np.where(draws < 0.6, EM, CM)).astype(np.int8)
    # reuse the draw's position within its branch as an independent uniform for wiskunde B
    within = np.where(tech, np.where(draws < nt_share, draws / np.maximum(nt_share, 1e-9),
                                     (draws - nt_share) / np.maximum(1 - nt_share, 1e-9)),
                      np.where(draws < 0.6, draws / 0.6, (draws - 0.6) / 0.4))
    wisb = np.where(profile == NT, True,
                    np.where(profile == NG, within < p.wisb_share_ng, within < p.wisb_share_non_n))
    return profile, wisb.astype(bool)


def _solve(target: float, base: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Intercept a with mean(expit(a + base) * mask) = target (bracketed root)."""
    weight = np.ones_like(base) if mask is None else mask.astype(float)
    feasible = weight.mean()
    target = min(target, 0.999 * feasible)

    def gap(a: float) -> float:
        return float(np.mean(expit(a + base) * weight)) - target

    return brentq(gap, -30.0, 30.0, xtol=1e-10)


def profile_share_before(p: Parameters, group: int, female: int, years_back: int) -> float:
    """The vo technical share of the choices made `years_back` (>= 0) years before the start year:
    `PROFILE_SHARE_HISTORY` up to the reference share in `REFERENCE_YEAR`.

    A run that starts in another year keeps the reference share for its start-up population:
    its reference shares stand for its own start year, for which the history is not recorded.
    """
    vo_ref, _ = _ref_choice_tables(p)
    ref = vo_ref[group][female]
    if (group, female) not in PROFILE_SHARE_HISTORY or p.start_year != REFERENCE_YEAR:
        return ref
    year0, share0 = PROFILE_SHARE_HISTORY[group, female]
    return float(np.interp(REFERENCE_YEAR - years_back, [year0, REFERENCE_YEAR], [share0, ref]))


def _ref_choice_tables(p: Parameters) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Reference shares (boys, girls) for the vo groups and the post-secondary programmes."""
    vo = ((p.ref_vmbo_bk_boys, p.ref_vmbo_bk_girls), (p.ref_vmbo_gt_boys, p.ref_vmbo_gt_girls),
          (p.ref_havo_boys, p.ref_havo_girls), (p.ref_vwo_boys, p.ref_vwo_girls))
    post = ((p.ref_mbo_men, p.ref_mbo_women), (p.ref_hbo_men, p.ref_hbo_women),
            (p.ref_wo_men, p.ref_wo_women))
    return vo, post


@lru_cache(maxsize=64)
def solve_intercepts(p: Parameters, n: int = 40_000) -> Intercepts:
    """Solve the choice intercepts on a fixed synthetic 2013 reference cohort.

    The cohort (seeded with a constant, independent of the run's seed and of the scenario) has
    reference exposure, a parent in techniek with `PARENT_TECH_SHARE`, migrants with
    `MIGRANT_SHARE`; all context deviations are zero. vo intercepts reproduce the vo reference
    shares, and those of the years before the start year the shares of their year
    (`profile_share_before`). The post-secondary intercepts reproduce the entry shares of the
    first year, whose entrants chose in vo `YEARS_AFTER_VO_CHOICE` years earlier, at that year's
    share: the cohort chooses at it, is reinforced until graduation, and enters given the path
    term and eligibility (technical wo only with wiskunde B). So the entrants of later years,
    who chose at the higher reference shares, enter techniek more often (the path dependence
    behind the rise of HE's technical entry share from 2013 to 2017 [E16]).
    """
    rng = np.random.default_rng(20130801)
    taste = rng.standard_normal(n)
    parent = rng.random(n) < PARENT_TECH_SHARE
    migrant = rng.random(n) < MIGRANT_SHARE
    exposure = np.full(n, REF_EXPOSURE * PRIMARY_YEARS)
    interest = initial_interest(taste, exposure, parent, p).astype(float)
    base_vo = p.beta_interest * interest - p.migrant_penalty * migrant
    vo_ref, post_ref = _ref_choice_tables(p)

    solved: dict[float, float] = {}

    def pair(boys_share: float, girls_share: float) -> tuple[float, float]:
        for share in (boys_share, girls_share):
            if share not in solved:
                solved[share] = _solve(share, base_vo)
        boys, girls = solved[boys_share], solved[girls_share]
        return boys, (boys + p.stereotype * (girls - boys) if p.gender_effects else boys)

    a_vo = np.array([pair(*vo_ref[g]) for g in range(VO_GROUPS)])
    before = np.array([[pair(*(profile_share_before(p, g, f, k) for f in (0, 1)))
                        for g in range(VO_GROUPS)] for k in range(1, HISTORY_YEARS + 1)])

    draws = rng.random((VO_GROUPS, n))
    a_post = np.zeros((3, 2))
    programme_groups = {MBO: (0, 1), HBO: (2,), WO: (3,)}
    for prog, groups in programme_groups.items():
        for female in (0, 1):
            bases, masks = [], []
            for g in groups:
                chose = before[min(YEARS_AFTER_VO_CHOICE[g], HISTORY_YEARS) - 1, g, female]
                tech = draws[g] < expit(chose + base_vo)
                later = interest.copy()
                for _ in range(YEARS_AFTER_VO_CHOICE[g]):
                    later = reinforce(later, taste, tech, 1.0, p)
                bases.append(p.beta_interest * later + p.beta_path * tech
                             - p.migrant_penalty * migrant)
                if prog == WO and p.wiskunde_b_required:
                    _, wisb = assign_profile(tech, np.full(n, bool(female)), draws[g][::-1], p)
                    masks.append(wisb)
                else:
                    masks.append(np.ones(n, dtype=bool))
            a_post[prog, female] = _solve(post_ref[prog][female], np.concatenate(bases),
                                          np.concatenate(masks))
        if not p.gender_effects:
            a_post[prog, 1] = a_post[prog, 0]
        else:
            boys = a_post[prog, 0]
            a_post[prog, 1] = boys + p.stereotype * (a_post[prog, 1] - boys)
    return Intercepts(vo=a_vo, post=a_post, before=before)


def vo_group(track: np.ndarray) -> np.ndarray:
    """vo choice group (0 vmbo b/k, 1 vmbo g/t, 2 havo, 3 vwo; -1 pro) of each track."""
    return TRACK_TO_GROUP[track]

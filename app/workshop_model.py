"""A small region for the path-dependence workshop: a few schools, one cohort a year.

The mechanism is the main model's (`agents.pupils`): interest formed by taste, primary-school
W&T exposure and a parent in techniek (`initial_interest`), reinforced in a technical track
(`reinforce`); a logit choice (`utility`, `choose`) at the vmbo-sector / havo-vwo-profile
choice (third year of vo, age 14) with the same-gender share of last year's deciders at the
pupil's own school (`agents.schools.School.peer_share`, the main model's peer effect), and
again on entering mbo, hbo or wo, where staying technical is easier than switching in. The
intercepts are the main model's (`solve_intercepts`), so with default parameters the region
starts at the 2013 shares of the Techniekpact evaluation; girls' gap is the stereotype. All
parameters are `simulation.parameters.Parameters` defaults except the workshop's sliders.

Simplifications against `simulation.model.TechniekModel`: one region, no demography (a fixed
cohort of `cohort_size` four-year-olds enters every year and pupils leave the model at 25), no
drop-out, no leerwerkplek scarcity, no teachers (school quality 1), no role models; the labour
market is only a prospect signal (a random AR(1) path, optionally with one bad year) that
pupils read myopically unless `information_quality` > 0; graduates of a technical programme
enter technical work unless they leak (`leak_to_nontech`, more for women and hbo/wo
graduates), others enter it by zij-instroom (`zij_instroom`).

Start: the region is first run for `BURN_IN` years under reference conditions (no peer
deviation, neutral prospects) so that every stage of the pipeline is filled; then every
school's peer shares are set to the region's shares, so all schools start identical. Any
difference between schools that appears later comes from chance, amplified by the peer
effect: path dependence.

One step is one school year. Each step also draws `URN_DRAWS_PER_STEP` balls in the Pólya urns
of the same page (`app.polya`).
"""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd

from agents.pupils import (
    HBO,
    MBO,
    PARENT_TECH_SHARE,
    WO,
    Context,
    assign_profile,
    choose,
    initial_interest,
    reinforce,
    solve_intercepts,
    utility,
    vo_group,
)
from agents.schools import VO, School
from app.polya import PolyaUrn
from simulation import data
from simulation.education import reference_peer_shares
from simulation.labour_market import graduate_stay_rate
from simulation.parameters import Parameters
from simulation.population import vo_track

#: Years run silently under reference conditions before the workshop's year 1.
BURN_IN = 24
#: Age (years) at entry into primary school, the vo choice, and leaving the model.
AGE_PRIMARY, AGE_VO, AGE_CHOICE, AGE_OUT = 4, 12, 14, 25
#: Age at the end of vo by choice group (vmbo b/k, vmbo g/t, havo, vwo): 4, 4, 5, 6 years of vo.
VO_END_AGE = np.array([16, 16, 17, 18])
#: Decision points, in the order of the pipeline.
DECISIONS = ("vo", "post", "work")
#: Pólya-urn draws per school year.
URN_DRAWS_PER_STEP = 20
#: Myopic prospect signal: AR(1) persistence and innovation sd (signal units, see
#: Parameters.prospect_weight); assumption for the workshop's stylised labour market.
MARKET_PERSISTENCE, MARKET_SD = 0.6, 0.25
#: Workshop year of the bad labour-market year (signal at -prospect_cap) when switched on.
BAD_YEAR = 3

FIELDS = ("age", "school", "female", "migrant", "group", "taste", "parent", "exposure",
          "interest", "vo_tech", "prog", "post_tech", "wisb", "work_age", "work_tech")


class WorkshopModel(mesa.Model):
    """The workshop region (see module docstring).

    Args:
        early_exposure: W&T intensity in primary school, 0-1 per year (Parameters.early_exposure).
        stereotype: multiplier on girls' stereotype gap, 1 = 2013 (Parameters.stereotype).
        peer_effect: logit per unit same-gender peer share at school (Parameters.beta_peer;
            the main model's default is 1.5, uncalibrated).
        information_quality: weight on objective long-run prospects, 0 myopic - 1 informed.
        bad_year: the labour market has one bad year in workshop year `BAD_YEAR`.
        seed: seed of everything random in the region and the urns.
        n_schools: vo schools in the region.
        cohort_size: pupils per birth cohort (all schools together).
        years: workshop years to run (the model stops after this many steps).
    """

    def __init__(self, early_exposure: float = 0.5, stereotype: float = 1.0,
                 peer_effect: float = 1.5, information_quality: float = 0.0,
                 bad_year: bool = True, seed: int = 1, n_schools: int = 10,
                 cohort_size: int = 1500, years: int = 30) -> None:
        super().__init__(rng=int(seed))
        self.seed = int(seed)
        self.p = Parameters(early_exposure=early_exposure, stereotype=stereotype,
                            beta_peer=peer_effect, information_quality=information_quality)
        # intercepts depend on the stereotype only: solve (and cache) them for that alone
        self.intercepts = solve_intercepts(Parameters(stereotype=stereotype))
        self.ref_peer = reference_peer_shares(self)          # [group, female]
        self.cohort_size = int(cohort_size)
        self.years = int(years)
        self.year = -BURN_IN                                   # workshop year 1 is the first shown
        self.schools = [School(self, region=0, kind=VO) for _ in range(n_schools)]
        for i, school in enumerate(self.schools):
            school.index = i
        self.pupils = {f: np.zeros(0, dtype=t) for f, t in _DTYPES.items()}
        self.market = self._market_path(bad_year)
        self.prospect = 0.0
        self.urn = PolyaUrn(runs=10, seed=self.seed)
        self.rows: list[tuple[int, str, str, float]] = []
        self.flows: dict[str, dict[str, float]] = {}
        for _ in range(BURN_IN):
            self._advance(reference=True)
        self._equalise_peers()

    # ------------------------------------------------------------------ the story of one year
    def step(self) -> None:
        """One school year: pupils age, learn, choose and enter work; the urns draw."""
        self._advance(reference=False)
        self.urn.draw(URN_DRAWS_PER_STEP)
        if self.year >= self.years:
            self.running = False

    def _advance(self, reference: bool) -> None:
        self.year += 1
        self.prospect = 0.0 if reference else self._prospect()
        self.pupils["age"] += 1
        self._enter_primary()
        self._primary_year()
        self._enter_vo()
        vo_deciders = self._vo_choice(reference)
        self._reinforce()
        post_deciders = self._post_entry()
        work_entrants = self._work_entry()
        if not reference:
            self._record(vo_deciders, post_deciders, work_entrants)
        self._leave()

    # ------------------------------------------------------------------ stages
    def _enter_primary(self) -> None:
        """A new cohort of four-year-olds, spread evenly over the schools."""
        n, rng = self.cohort_size, self.rng
        new = {f: np.zeros(n, dtype=t) for f, t in _DTYPES.items()}
        new["age"][:] = AGE_PRIMARY
        new["school"][:] = rng.permutation(np.arange(n) % len(self.schools))
        new["female"][:] = rng.random(n) >= data.SHARE_BOYS_AT_BIRTH
        new["migrant"][:] = rng.random(n) < data.MIGRANT_SHARE_YOUNG
        new["group"][:] = vo_group(np.maximum(vo_track(rng.standard_normal(n)), 1))
        new["taste"][:] = rng.standard_normal(n)
        new["parent"][:] = rng.random(n) < PARENT_TECH_SHARE
        for f in ("vo_tech", "prog", "post_tech", "work_tech", "work_age"):
            new[f][:] = -1
        self.pupils = {f: np.concatenate([self.pupils[f], new[f]]) for f in FIELDS}

    def _primary_year(self) -> None:
        """A year of W&T in groep 1-8 (ages 4-11): exposure accumulates."""
        P = self.pupils
        P["exposure"][P["age"] < AGE_VO] += self.p.early_exposure

    def _enter_vo(self) -> None:
        """At 12 interest is formed from taste, primary exposure and parents."""
        P = self.pupils
        rows = np.flatnonzero(P["age"] == AGE_VO)
        P["interest"][rows] = initial_interest(P["taste"][rows], P["exposure"][rows],
                                               P["parent"][rows], self.p)

    def _vo_choice(self, reference: bool) -> np.ndarray:
        """Third-years (age 14) choose techniek or not; schools remember them as peers."""
        P, p = self.pupils, self.p
        rows = np.flatnonzero(P["age"] == AGE_CHOICE)
        female, group = P["female"][rows], P["group"][rows]
        fi = female.astype(int)
        if reference:
            peer = 0.0
        else:
            seen = np.stack([s.peer_share for s in self.schools])[P["school"][rows], group, fi]
            peer = np.where(np.isnan(seen), 0.0, seen - self.ref_peer[group, fi])
        ctx = Context(peer=peer, prospect=self.prospect)
        u = utility(self.intercepts.vo[group, fi], P["interest"][rows], 0.0, P["migrant"][rows],
                    female, ctx, p)
        tech = choose(u, self.rng.random(len(rows)))
        P["vo_tech"][rows] = tech
        _, wisb = assign_profile(tech, female, self.rng.random(len(rows)), p)
        P["wisb"][rows] = (group >= 2) & wisb
        self._observe_peers(rows, tech)
        return rows

    def _observe_peers(self, rows: np.ndarray, tech: np.ndarray) -> None:
        """Each school records this year's deciders by choice group and gender."""
        P, n = self.pupils, len(self.schools)
        cell = (P["school"][rows].astype(np.int64) * 4 + P["group"][rows]) * 2 + P["female"][rows]
        chosen = np.bincount(cell, minlength=n * 8).reshape(n, 4, 2)
        techn = np.bincount(cell, weights=tech, minlength=n * 8).reshape(n, 4, 2)
        for school in self.schools:
            school.observe_choices(chosen[school.index], techn[school.index])

    def _reinforce(self) -> None:
        """A year in a technical track or programme raises interest; elsewhere it decays."""
        P = self.pupils
        age, vo_end = P["age"], VO_END_AGE[np.maximum(P["group"], 0)]
        in_vo = (age >= AGE_CHOICE) & (age <= vo_end)
        studying = (age > vo_end) & (age <= P["work_age"])
        rows = np.flatnonzero(in_vo | studying)
        tech = np.where(in_vo[rows], P["vo_tech"][rows], P["post_tech"][rows]) == 1
        P["interest"][rows] = reinforce(P["interest"][rows], P["taste"][rows], tech, 1.0, self.p)

    def _post_entry(self) -> np.ndarray:
        """vo graduates enter mbo, hbo or wo and choose a field (technical wo needs wiskunde B)."""
        P, p = self.pupils, self.p
        rows = np.flatnonzero(P["age"] == VO_END_AGE[np.maximum(P["group"], 0)])
        group, female = P["group"][rows], P["female"][rows]
        u = self.rng.random(len(rows))
        prog = np.select([group <= 1, group == 2, group == 3],
                         [MBO, np.where(u < p.havo_to_hbo, HBO, MBO),
                          np.where(u < p.vwo_to_wo, WO, HBO)])
        prior = P["vo_tech"][rows] == 1
        a = self.intercepts.post[prog, female.astype(int)]
        util = utility(a, P["interest"][rows], prior, P["migrant"][rows], female,
                       Context(prospect=self.prospect), p)
        tech = choose(util, self.rng.random(len(rows)))
        if p.wiskunde_b_required:
            tech &= (prog != WO) | P["wisb"][rows]
        P["prog"][rows] = prog
        P["post_tech"][rows] = tech
        years = np.array([3, p.hbo_years, p.wo_years])[prog]
        P["work_age"][rows] = P["age"][rows] + years
        return rows

    def _work_entry(self) -> np.ndarray:
        """Graduates enter technical work unless they leak; others by zij-instroom."""
        P, p = self.pupils, self.p
        rows = np.flatnonzero(P["age"] == P["work_age"])
        female, higher = P["female"][rows], P["prog"][rows] >= HBO
        stay = graduate_stay_rate(p, female, higher)
        u = self.rng.random(len(rows))
        P["work_tech"][rows] = np.where(P["post_tech"][rows] == 1, u >= 1 - stay,
                                        u < p.zij_instroom)
        return rows

    def _leave(self) -> None:
        keep = self.pupils["age"] <= AGE_OUT
        self.pupils = {f: v[keep] for f, v in self.pupils.items()}

    # ------------------------------------------------------------------ signals and start
    def _market_path(self, bad_year: bool) -> np.ndarray:
        """Myopic prospect signal per workshop year 1..years (index = year)."""
        cap = self.p.prospect_cap
        path = np.zeros(self.years + 1)
        shocks = self.rng.standard_normal(self.years + 1)
        for t in range(1, self.years + 1):
            path[t] = np.clip(MARKET_PERSISTENCE * path[t - 1] + MARKET_SD * shocks[t], -cap, cap)
            if bad_year and t == BAD_YEAR:
                path[t] = -cap
        return path

    def _prospect(self) -> float:
        """What this year's deciders expect: today's market, or the long run if informed."""
        p = self.p
        myopic = float(self.market[min(max(self.year, 0), self.years)])
        return (1 - p.information_quality) * myopic + p.information_quality * p.long_run_prospect

    def _equalise_peers(self) -> None:
        """Every school starts from the region's shares: identical starting conditions."""
        region = np.nanmean(np.stack([s.peer_share for s in self.schools]), axis=0)
        for school in self.schools:
            school.peer_share[:] = region

    # ------------------------------------------------------------------ results
    def _record(self, vo: np.ndarray, post: np.ndarray, work: np.ndarray) -> None:
        P = self.pupils
        tech_at = {"vo": P["vo_tech"][vo] == 1, "post": P["post_tech"][post] == 1,
                   "work": P["work_tech"][work] == 1}
        rows_at = {"vo": vo, "post": post, "work": work}
        flows: dict[str, float] = {}
        for gender, female in (("female", True), ("male", False)):
            for point in DECISIONS:
                g = P["female"][rows_at[point]] == female
                if g.any():
                    self._add("tech_share", f"{point}|{gender}", tech_at[point][g].mean())
            # transition rates of this year's movers, for the cohort-flow view
            g = P["female"][post] == female
            before, after = P["vo_tech"][post][g] == 1, tech_at["post"][g]
            flows[f"{gender}|vo"] = _mean(tech_at["vo"][P["female"][vo] == female])
            flows[f"{gender}|post_if_tech"] = _mean(after[before])
            flows[f"{gender}|post_if_not"] = _mean(after[~before])
            g = P["female"][work] == female
            before, after = P["post_tech"][work][g] == 1, tech_at["work"][g]
            flows[f"{gender}|work_if_tech"] = _mean(after[before])
            flows[f"{gender}|work_if_not"] = _mean(after[~before])
        self.flows[str(self.year)] = flows
        school = P["school"][vo]
        for gender, female in (("female", True), ("male", False)):
            g = P["female"][vo] == female
            n = np.bincount(school[g], minlength=len(self.schools))
            t = np.bincount(school[g], weights=tech_at["vo"][g], minlength=len(self.schools))
            for i in np.flatnonzero(n):
                self._add("school_tech_share", f"{i}|{gender}", t[i] / n[i])
        self._add("prospect_signal", "all", self.prospect)

    def _add(self, metric: str, group: str, value: float) -> None:
        self.rows.append((self.year, metric, group, float(value)))

    def results(self) -> pd.DataFrame:
        """Tidy table of the workshop years so far: year, metric, group, value (shares 0-1).

        Metrics: `tech_share` (`vo|female`, `post|male`, `work|female`, ...: technical share of
        this year's deciders at the vo choice, the entry into mbo/hbo/wo and the entry into
        work), `school_tech_share` (`SCHOOL|female`: vo choice per school), `prospect_signal`.
        """
        return pd.DataFrame(self.rows, columns=["year", "metric", "group", "value"])

    def latest(self, metric: str, group: str) -> float:
        """The value of `metric`/`group` in the latest recorded year (NaN if none)."""
        for year, m, g, value in reversed(self.rows):
            if year < self.year:
                break
            if m == metric and g == group:
                return value
        return float("nan")

    def school_shares(self, gender: str = "female") -> np.ndarray:
        """Technical share at the vo choice per school and year: array [year, school]."""
        out = np.full((max(self.year, 0), len(self.schools)), np.nan)
        for year, m, g, value in self.rows:
            if m == "school_tech_share" and g.endswith(gender):
                out[year - 1, int(g.split("|")[0])] = value
        return out


_DTYPES: dict[str, type] = {
    "age": np.int16, "school": np.int16, "female": np.bool_, "migrant": np.bool_,
    "group": np.int8, "taste": np.float32, "parent": np.bool_, "exposure": np.float32,
    "interest": np.float32, "vo_tech": np.int8, "prog": np.int8, "post_tech": np.int8,
    "wisb": np.bool_, "work_age": np.int16, "work_tech": np.int8,
}


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if len(x) else float("nan")

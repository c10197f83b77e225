"""TechniekModel: the Dutch technical labour-market pipeline, one step per school year.

Source: SEO/Technopolis, "Evaluerend advies Techniekpact 2013-2020" (2020). Persons are one
array-backed population (`agents.people.People`); schools and firms are mesa Agents. The story
of one year is `TechniekModel.step`.
"""

from __future__ import annotations

from pathlib import Path

import mesa
import numpy as np

from agents import draws
from agents.firms import LARGE, SME, Firm
from agents.people import People, Stage
from agents.pupils import MBO as MBO_PROGRAMME
from agents.pupils import Context, choose, solve_intercepts, utility
from agents.schools import MBO, VO, School
from simulation import data, demography, education, labour_market, policies, teaching
from simulation.cycle import BusinessCycle
from simulation.metrics import Recorder, take_census
from simulation.parameters import Parameters
from simulation.population import build_population


class TechniekModel(mesa.Model):
    """The pipeline model.

    Args:
        params: all parameters (defaults = baseline); `start_year`, `end_year`, `scale` live there.
        seed: master seed; child streams come from `numpy.random.SeedSequence(seed)`.
        gap_overrides: year -> output gap (% of potential) replacing the historic/stochastic path.
        historic: follow the historic output gap where it exists (False: stochastic throughout).
        policies: `simulation.policies.Policy` objects (a scenario's roles and bridging
            policies); none in the baseline.
    """

    def __init__(self, params: Parameters | None = None, seed: int = 0,
                 gap_overrides: dict[int, float] | None = None, historic: bool = True,
                 policies: list | None = None) -> None:
        super().__init__(rng=seed)
        self.p = params or Parameters()
        self.seed = int(seed)
        self.year = self.p.start_year
        self.policies = list(policies or [])
        self.base_p = self.p                # the scenario's parameters; policies vary `p`
        children = np.random.SeedSequence(self.seed).spawn(4)
        self._init_rng, cycle_rng, self._firm_rng, self._year_seq = (
            np.random.default_rng(children[0]), np.random.default_rng(children[1]),
            np.random.default_rng(children[2]), children[3])
        self.cycle = BusinessCycle(self.p.start_year, self.p.end_year, self.p.gap_persistence,
                                   self.p.gap_sd, cycle_rng, self.p.business_cycle, gap_overrides,
                                   historic)
        self.intercepts = solve_intercepts(self.p)
        # room for the 2013 population plus about ten years of entrants before growing
        self.people = People(capacity=int(16_000_000 / self.p.scale) + 1024)
        self.retired = People(capacity=int(1_000_000 / self.p.scale) + 1024)
        # policy hooks (simulation.policies), reset every year
        self.extra_subsidy = 0.0          # added to the praktijkleren subsidy
        self.layoff_retention = 0.0       # share of technical layoffs kept on part-time benefit
        self.policy_efficiency = 1.0      # coordination's multiplier on the other roles
        self.intl_departed = 0            # international students who left last year (agents)
        self.labour_migrants_arrived = 0  # technical labour migrants of last year (agents)
        self.region_exposure = np.zeros(len(data.REGIONS))  # extra primary W&T by region
        self.tightness = self.p.reference_tightness
        self.prospect = 0.0
        self.prospect_zero: float | None = None  # first cohort's signal (labour_market sets it)
        self.flows: dict[str, float] = {}
        self._make_schools()
        self._make_firms()
        build_population(self, self._init_rng)
        labour_market.initialise(self)
        teaching.initialise(self)
        education.initialise_peers(self)
        self.recorder = Recorder(self)

    # ------------------------------------------------------------------ the story of one year
    def step(self) -> None:
        """Simulate school year `self.year`, record it, and move on to the next year."""
        self.flows = {}
        policies.begin_year(self)          # roles and bridging policies set their levers
        demography.step(self)              # deaths, emigration, immigrants, 4-year-olds enter
        teaching.step(self)                # technical teachers, school quality
        self.plan_places()                 # firms offer BBL places and internships
        leavers = education.step(self)     # pupils progress, choose, start, graduate, drop out
        labour_market.step(self, leavers)  # retire, lay off, match, skills
        self.census = take_census(self.people)  # end-of-year stocks (one pass)
        labour_market.update_signals(self)  # tightness, prospects, role models
        policies.settle_year(self)         # each policy's cost, deadweight and units
        self.recorder.collect()
        self.people.compact(min_share=0.15)
        self.year += 1
        if self.year > self.p.end_year:
            self.running = False

    def run(self, progress: bool = False) -> TechniekModel:
        """Run from the current year to `end_year` (with a tqdm bar if `progress`)."""
        years = range(self.year, self.p.end_year + 1)
        if progress:
            from tqdm import tqdm

            years = tqdm(years, desc="years", unit="yr")
        for _ in years:
            self.step()
        return self

    @property
    def relative_tightness(self) -> float:
        """Technical tightness relative to its zero point (`reference_tightness`; 1 = normal)."""
        return self.tightness / self.p.reference_tightness

    # ------------------------------------------------------------------ firms
    def plan_places(self) -> None:
        """Every firm sets this year's BBL places and internships (mesa AgentSet.do).

        Then `places_intensity` is this year's technical places offered per technician
        relative to the normal rate (`places_per_tech_worker`), the leerwerkplekken this
        year's technical BBL applicants see on offer (`education.bbl_outlook`). It carries the
        cycle, tightness and subsidies, so a policy that keeps places open also keeps
        applicants coming. Until round 14 applicants read last year's places, which put a
        second year's lag on top of the places' own (`docs/decisions.md` 27).
        """
        gaps = self.cycle.sector_gaps(self.year)
        tech_workers = self.tech_workers_by_firm()
        subsidy = min(self.p.training_subsidy + self.extra_subsidy, 1.0)
        rel_tight = self.relative_tightness
        without = np.zeros(len(self.firms))
        for firm in self.firms:
            args = (tech_workers[firm.index], gaps[firm.sector], rel_tight)
            if self.extra_subsidy > 0:      # what firms would offer without the policies
                firm.plan_places(*args, self.p.training_subsidy,
                                 self.reference_offer[firm.index], self.p)
                without[firm.index] = firm.places
            firm.plan_places(*args, subsidy, self.reference_offer[firm.index], self.p)
        self.firm_places = np.array([f.places for f in self.firms])
        self.firm_places_without_policy = without if self.extra_subsidy > 0 else self.firm_places
        normal = self.p.places_per_tech_worker * float(tech_workers.sum())
        if normal > 0:
            self.places_intensity = float(self.firm_places.sum()) / normal
        self.firm_internships = np.array([f.internships for f in self.firms])

    def tech_workers_by_firm(self) -> np.ndarray:
        """Technicians employed per firm (agent units)."""
        P = self.people
        tech = np.flatnonzero(P.tech)
        employer = P.employer[tech]
        working = employer[(P.stage[tech] == Stage.WORK) & (employer >= 0)]
        return np.bincount(working, minlength=len(self.firms)).astype(float)

    def _make_firms(self) -> None:
        rng, p = self._firm_rng, self.p
        self.firms: list[Firm] = []
        for region in range(len(data.REGIONS)):
            for sector in range(len(data.SECTORS)):
                for size, share, cost_level in (
                        (SME, p.sme_share, 1 + p.sme_cost_premium),
                        (LARGE, 1 - p.sme_share, 1 - p.sme_cost_premium)):
                    for _ in range(p.n_firms_per_cell):
                        cost = cost_level * float(np.exp(p.firm_cost_sd * rng.standard_normal()))
                        firm = Firm(self, region, sector, size, share / p.n_firms_per_cell, cost)
                        firm.index = len(self.firms)
                        self.firms.append(firm)
        self.firm_region = np.array([f.region for f in self.firms], dtype=np.int8)
        self.firm_sector = np.array([f.sector for f in self.firms], dtype=np.int8)
        self.firm_weight = np.array([f.weight for f in self.firms])
        ref_subsidy = p.training_subsidy
        self.reference_offer = np.array([f.offer_share(ref_subsidy, 1.0, p) for f in self.firms])
        self.firm_places = np.zeros(len(self.firms))
        self.firm_internships = np.zeros(len(self.firms))
        # the places offered before the start year, relative to the normal rate per technician:
        # as they would have followed the year-before's gap (`plan_places` replaces it with
        # the first year's places before anyone applies)
        self.places_intensity = education.bbl_cycle(self)

    def pick_firms(self, region: np.ndarray, u: np.ndarray,
                   sector: np.ndarray | None = None) -> np.ndarray:
        """A firm per person in its region (and sector, if given), drawn by firm weight."""
        out = np.full(len(region), -1, dtype=np.int32)
        n_sectors = len(data.SECTORS)
        for r in range(len(data.REGIONS)):
            for s in range(n_sectors) if sector is not None else (None,):
                who = region == r if s is None else (region == r) & (sector == s)
                if not who.any():
                    continue
                cand = self.firm_region == r if s is None else (
                    (self.firm_region == r) & (self.firm_sector == s))
                ids = np.flatnonzero(cand)
                cum = np.cumsum(self.firm_weight[ids])
                out[who] = ids[np.minimum(np.searchsorted(cum / cum[-1], u[who]), len(ids) - 1)]
        return out

    # ------------------------------------------------------------------ schools
    def _make_schools(self) -> None:
        p = self.p
        cohort_agents = 200_000 / p.scale
        n_vo = int(np.clip(round(cohort_agents / 40), 5, 650))
        n_mbo = int(np.clip(round(n_vo / 8), 5, 60))
        self.schools: dict[str, list[School]] = {VO: [], MBO: []}
        for kind, count in ((VO, n_vo), (MBO, n_mbo)):
            per_region = np.maximum(1, np.round(data.REGION_SHARES * count)).astype(int)
            for region, k in enumerate(per_region):
                for _ in range(k):
                    school = School(self, region, kind)
                    school.index = len(self.schools[kind])
                    self.schools[kind].append(school)
        self.school_region = {kind: np.array([s.region for s in schools], dtype=np.int8)
                              for kind, schools in self.schools.items()}

    def pick_schools(self, kind: str, region: np.ndarray, u: np.ndarray) -> np.ndarray:
        """A school of `kind` in each person's region, uniformly among that region's schools."""
        out = np.full(len(region), -1, dtype=np.int32)
        for r in range(len(data.REGIONS)):
            who = region == r
            ids = np.flatnonzero(self.school_region[kind] == r)
            out[who] = ids[np.minimum((u[who] * len(ids)).astype(int), len(ids) - 1)]
        return out

    def school_quality(self, kind: str) -> np.ndarray:
        """Quality index of every school of `kind` (array aligned with school index)."""
        return np.array([s.quality for s in self.schools[kind]])

    # ------------------------------------------------------------------ choices and randomness
    def post_choice(self, rows: np.ndarray, programme: np.ndarray, prior_tech: np.ndarray,
                    u: np.ndarray, reference: bool = False) -> np.ndarray:
        """Technical choice on entering mbo (0), hbo (1) or wo (2); wo needs wiskunde B."""
        P, p = self.people, self.p
        female = P.female[rows]
        a = self.intercepts.post[programme, female.astype(int)]
        ctx = Context() if reference else self.context(rows)
        util = utility(a, P.interest[rows], prior_tech, P.migrant[rows], female, ctx, p)
        util = util + p.beta_prospect_mbo * ctx.prospect * (programme == MBO_PROGRAMME)
        tech = choose(util, u)
        if p.wiskunde_b_required:
            tech &= (programme != 2) | P.wisb[rows]
        return tech

    def context(self, rows: np.ndarray, peer: np.ndarray | None = None) -> Context:
        """What deciding pupils see: peers and vo school quality (vo choice only), role
        models and prospects (every choice)."""
        P = self.people
        role = self.role_model_share[P.region[rows]] - self.role_model_ref[P.region[rows]]
        prospect = 0.0 if self.prospect_zero is None else self.prospect - self.prospect_zero
        if peer is None:
            return Context(role_model=role, prospect=prospect)
        school = np.maximum(P.school[rows], 0)
        quality = self.school_quality(VO)[school] - 1.0
        return Context(peer=peer, role_model=role, quality=quality, prospect=prospect)

    def u(self, name: str, rows: np.ndarray) -> np.ndarray:
        """Uniform draws for persons `rows` in stream `name` this year (common random numbers)."""
        return draws.uniforms(self.seed, name, self.year, self.people.uid[rows])

    def year_rng(self, name: str) -> np.random.Generator:
        """A generator for stream `name` in this year, independent of everything else."""
        key = int(draws.stream_key(self.seed, name, self.year))
        return np.random.default_rng([key, self.seed & 0xFFFFFFFF])

    def count(self, key: str, value: float) -> None:
        """Add `value` (agent units) to this year's flow counter `key`."""
        self.flows[key] = self.flows.get(key, 0.0) + float(value)

    # ------------------------------------------------------------------ results
    def results(self) -> tuple:
        """(series, cohorts) tidy DataFrames of everything recorded so far."""
        return self.recorder.series(), self.recorder.cohorts()

    def write(self, out_dir: Path, manifest: dict, title: str = "Baseline") -> dict[str, Path]:
        """Write every output of the run into `out_dir` (see simulation.report)."""
        from simulation.report import write_outputs

        series, cohorts = self.results()
        return write_outputs(Path(out_dir), series, cohorts, manifest, title=title)

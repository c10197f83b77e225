"""Fit the free parameters by the simulated method of moments, with common random numbers.

The simulator maps a parameter vector to the simulated values of every `fit` target (mean
over replications; replication r uses seed `seed + r` for every candidate, so candidates are
compared on the same persons and draws). The distance is the sum over fit targets of
((simulated - target) / tolerance)^2, so each term is in units of the target's own
uncertainty, whatever the kind of figure. scipy's COBYQA (a derivative-free trust-region
method that fits quadratic models of the objective, with bounds) searches the unit cube of the
free parameters' bounds until its trust region shrinks to `FINAL_RADIUS` or the evaluations
run out. It is a local method on a noisy objective (each agent stands for 200 persons, so the
objective moves in small steps): round 9's search ended at 8.78 where a point it had not
visited scored 7.95, and a round-10 search left a trend at its lower bound although the upper
bound scored lower. Closing passes (`FitSettings.polish_evaluations`) therefore run a line
search along every parameter in turn over its whole range (scipy's bounded Brent), from the
last round's result, and move a parameter only where its line search found a lower objective.
Passes repeat (coordinate descent) until their budget is spent or a pass moves nothing: in
round 12 the rounds ended at 15.2 and one pass took the objective to 10.5 in 187 evaluations,
leaving 153 of its 340 unused. scipy's Powell does the same line searches but moves to the
best point of each line even when it is worse than the current one, which on this objective
drifted uphill.
Round 1 can also start from Latin-hypercube points besides the defaults (`--starts`, side by
side in worker processes; the lowest objective goes on); in round 10 a second start ended
worse than the defaults (22.7 against 18.5 after round 1), so the default is one start.
Nelder-Mead, used up to round 8, stopped far from convergence after 500 evaluations in 13-15
dimensions (objective 13.9 against COBYQA's 7.4 at the same targets, Powell alone 8.9;
docs/calibration.md). The search is deterministic, so the same seed gives the same
`fitted.toml`.

`reference_tightness`, the zero point of the model's tightness (firms' recruitment value,
side entry's pull, pupils' prospects), is the model's own tightness in a normal year. It is
not free but derived, and it depends on the fitted parameters, so the search runs in rounds
(`FitSettings.reference_rounds`): each round fits at the reference the previous round's best
fit produced (`derived_reference`), and so does each closing pass. The report gives the last
step's reference against the tightness its fit produces, the distance from a fixed point.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import Bounds, OptimizeResult, minimize, minimize_scalar
from scipy.stats import qmc

from calibration.targets import Target, load_targets, simulated_all
from simulation.model import TechniekModel
from simulation.parameters import Parameters
from simulation.sweep import worker_context

if TYPE_CHECKING:
    from tqdm import tqdm

FITTED = Path(__file__).with_name("fitted.toml")
#: distance charged for a target the run could not compute
MISSING_PENALTY = 100.0
#: largest absolute output gap (% of potential) of a "normal" year, whose tightness is the
#: reference: 2017 and 2021 (+0.3) in the historic path
NORMAL_GAP = 0.5
#: COBYQA's first and last trust-region radius, in units of a parameter's bounds: the first
#: steps move a parameter by 15% of its range; the search stops when steps of 0.1% no longer
#: improve the fit (finer than the replications' noise can resolve)
INITIAL_RADIUS, FINAL_RADIUS = 0.15, 1e-3
#: the closing line searches stop at 1% of a parameter's range
POLISH_XTOL = 1e-2


@dataclass(frozen=True)
class FreeParameter:
    """A parameter the fit may move, its bounds, and the target that pins it down."""

    name: str
    low: float
    high: float
    why: str


FREE_PARAMETERS: tuple[FreeParameter, ...] = (
    FreeParameter("nontech_job_finding", 0.3, 0.98,
                  "job finding outside techniek sets the 2013 unemployment rate and employment"),
    FreeParameter("okun", 0.0, 0.3,
                  "the cycle's pull on job finding sets unemployment's fall from 2013 to 2019"),
    FreeParameter("zij_instroom", 0.0, 0.05,
                  "side entry into techniek: held below the exits to other work (line 250)"),
    FreeParameter("tech_labour_migration", 0.0, 1.0,
                  "labour migrants filling open technical vacancies: CBS's labour migrants "
                  "of 2018 (a third assumed technical), against the technical workforce's "
                  "growth 2013-18 and 2013-21"),
    FreeParameter("tech_separation", 0.0, 0.06,
                  "technicians' frictional job loss sets the technical job seekers: the "
                  "technically educated's unemployment relative to all"),
    FreeParameter("vacancy_duration", 0.0, 0.4,
                  "mean time a technical vacancy is open (years, at 2013's unemployment): "
                  "UWV's technical vacancy count 2013"),
    FreeParameter("vacancy_duration_elasticity", 0.0, 4.0,
                  "that duration's response to unemployment: the count's rise from 2013 to "
                  "2016 while unemployment fell"),
    FreeParameter("expansion_demand", 0.005, 0.04,
                  "technical demand's trend 2013-18: the technical workforce's growth 2013-18"),
    FreeParameter("expansion_demand_late", 0.005, 0.05,
                  "technical demand's trend 2019-23: the technical workforce's growth 2013-21, "
                  "given its growth 2013-18"),
    FreeParameter("adult_bbl_entry", 0.003, 0.03,
                  "adults starting BBL set the 2013 BBL stock (half of it adults) and, with "
                  "places, the technical mbo entrants of 2014 (which count adults)"),
    FreeParameter("mbo_switch", 0.05, 0.30,
                  "programme switches in mbo lengthen stays: the 2013 mbo stock"),
    FreeParameter("wo_entry_trend", 0.0, 0.03,
                  "the rise of vwo graduates' wo entry: wo students 2016, given 2013 and the "
                  "international students (data)"),
    FreeParameter("hbo_entry_trend", 0.0, 0.03,
                  "the rise of havo graduates' hbo entry: hbo students 2016, given 2013, the "
                  "international students (data) and the vwo graduates the wo trend takes"),
    FreeParameter("parttime_hbo_entry", 0.0, 0.03,
                  "part-time hbo students aged 23-45: the 2013 hbo stock"),
    FreeParameter("places_per_tech_worker", 0.02, 0.06,
                  "BBL places per technician: technical mbo entrants 2014 (young BBL "
                  "applicants and adults compete for the places)"),
    FreeParameter("places_gap_elasticity", 0.02, 0.3,
                  "places' response to the output gap (technical firms, and the non-technical "
                  "and adult BBL starts that follow the cycle): BBL's fall to its 2015 low "
                  "and its level after the boom (2019)"),
    FreeParameter("beta_quality", 0.0, 5.0,
                  "pupils' response to their school's technical teaching quality at the profile "
                  "choice: the all-havo N-profile share's fall 2014-19, while technical "
                  "teachers fell (a check row) and girls' shares rose"),
    FreeParameter("beta_prospect", 0.0, 1.0,
                  "pupils' response to the myopic prospect signal: the havo N-profile share "
                  "2014-19, which fell while the market tightened"),
    FreeParameter("beta_prospect_mbo", 0.0, 1.5,
                  "the mbo field choice's extra response to the prospect signal: the technical "
                  "share of mbo entrants in 2019, after the market tightened from 2017, given "
                  "2013 and the technical mbo entrants of 2014 (in the slack market)"),
    FreeParameter("girls_outreach", 0.0, 0.3,
                  "VHTO's role models for havo/vwo girls (seed L653): girls' vwo N-profile "
                  "rise 2013-18"),
)
#: Not free (no fit target pins them down; documented assumptions, see docs/calibration.md):
#: the other choice slopes (beta_*); early
#: retirement (fitted, it ran to its lower bound: technical retirements are too few at any
#: value, while more retirement works against the workforce's growth); and the
#: quit rate (the workforce's growth cannot tell quits from side entry: fitted together, quits
#: went to zero, against the report's "zij-uitstroom exceeds bijstroom", seed L250).
QUICK_PARAMETERS = ("nontech_job_finding", "zij_instroom")


@dataclass
class FitSettings:
    """How hard to try: replications, scale, evaluations."""

    seed: int = 2013
    #: replications per candidate, run side by side in `workers` processes (round 13: 8; 4
    #: before, when the fit overfitted their noise: docs/decisions.md 25)
    reps: int = 8
    scale: float = 200.0
    max_evaluations: int = 360
    parameters: tuple[str, ...] = tuple(f.name for f in FREE_PARAMETERS)
    #: rounds of the search, each at the reference tightness the previous round's fit produced
    reference_rounds: int = 3
    #: the reference tightness round 1 fits at: round 13's fixed point (0.441). Until round 13
    #: the first round started at the parameter's default guess, 0.9; in round 14 that start
    #: led round 1 to a fit in which labour migrants fill every vacancy (its tightness 0.0014,
    #: below the parameter's range), and the rounds stayed there (docs/decisions.md 26)
    first_reference: float = 0.44
    #: evaluations of the closing passes (each a line search along every parameter in turn,
    #: at the reference the previous step's fit produced), on top of `max_evaluations`;
    #: 0 = none. Round 12 (420 + 340): the rounds ended at 15.2, the one pass that ran took
    #: 187 evaluations to reach 10.5, so the passes get the larger share
    polish_evaluations: int = 400
    #: starts of round 1 (the defaults and Latin-hypercube points), each with the round's
    #: budget, run in `workers` processes; the lowest objective goes on to round 2
    starts: int = 1
    workers: int = 2

    @classmethod
    def quick(cls, seed: int = 2013) -> FitSettings:
        """A small, fast fit for tests: two parameters, one replication, coarse scale."""
        return cls(seed=seed, reps=1, scale=2000.0, max_evaluations=6,
                   parameters=QUICK_PARAMETERS, reference_rounds=2, polish_evaluations=4)


def normal_years(start_year: int, end_year: int) -> list[int]:
    """Historic years in [start_year, end_year] whose output gap is within `NORMAL_GAP`."""
    from simulation.data import OUTPUT_GAP

    return [y for y, gap in sorted(OUTPUT_GAP.items())
            if start_year <= y <= end_year and abs(gap) <= NORMAL_GAP]


@dataclass(frozen=True)
class Replica:
    """What the fit keeps of one replication: its fit-target values and its tightness."""

    values: np.ndarray              # simulated value of every fit target (NaN: not computable)
    tightness: dict[int, float]     # technical vacancies left open per job seeker, by year


#: the worker processes that run a candidate's replications side by side (`replication_pool`);
#: None: in this process, one after the other
_POOL: ProcessPoolExecutor | None = None
_POOL_WORKERS = 1


def _replicate(values: dict[str, float], targets: list[Target], scale: float, end_year: int,
               seed: int) -> Replica:
    """Run one replication and keep what the fit needs (small, so cheap to send back)."""
    params = Parameters(scale=scale, end_year=end_year, **values)
    series, cohorts = TechniekModel(params, seed=seed).run().results()
    tight = series[series.metric == "tech_tightness"]
    return Replica(np.asarray(simulated_all(targets, series, cohorts), dtype=float),
                   dict(zip(tight.year.astype(int), tight.value.astype(float), strict=True)))


def run_replications(values: dict[str, float], targets: list[Target], settings: FitSettings,
                     end_year: int) -> list[Replica]:
    """Every replication of a candidate, seeds `seed + r` (common random numbers)."""
    seeds = [settings.seed + r for r in range(settings.reps)]
    return replicate_all(values, targets, settings.scale, end_year, seeds)


def replicate_all(values: dict[str, float], targets: list[Target], scale: float,
                  end_year: int, seeds: list[int], bar: tqdm | None = None) -> list[Replica]:
    """One replication per seed, in seed order, in the worker processes of
    `replication_pool` if one is open (`bar`: a progress bar to update per replication).
    The replications do not depend on where they run, so the result is the same either way."""
    n = len(seeds)
    if _POOL is None or n < 2:
        runs = (_replicate(values, targets, scale, end_year, s) for s in seeds)
    else:
        chunk = 1 if bar is not None else -(-n // _POOL_WORKERS)
        runs = _POOL.map(_replicate, [values] * n, [targets] * n, [scale] * n,
                         [end_year] * n, seeds, chunksize=chunk)
    out = []
    for run in runs:
        out.append(run)
        if bar is not None:
            bar.update(1)
    return out


@contextmanager
def replication_pool(workers: int) -> Iterator[None]:
    """Run each candidate's replications in `workers` processes while inside (round 13: 8
    replications on 2 cores in the time 4 took on one). With one worker, nothing changes."""
    global _POOL, _POOL_WORKERS
    if workers < 2:
        yield
        return
    with ProcessPoolExecutor(workers, mp_context=worker_context(__name__)) as pool:
        _POOL, _POOL_WORKERS = pool, workers
        try:
            yield
        finally:
            _POOL, _POOL_WORKERS = None, 1


def derived_reference(runs: list[Replica], start_year: int, end_year: int) -> float:
    """The model's own tightness in normal years (`normal_years`) of the replications `runs`
    (`run_replications`): the geometric mean over those years and replications of technical
    vacancies left open per job seeker in the year's matching."""
    years = normal_years(start_year, end_year)
    if not years:
        raise ValueError(f"no year with |output gap| <= {NORMAL_GAP} in "
                         f"{start_year}-{end_year} to derive reference_tightness from")
    logs = [math.log(max(run.tightness[y], 1e-3)) for run in runs for y in years]
    return float(math.exp(np.mean(logs)))


def usable_reference(own: float) -> float:
    """A derived tightness held inside `reference_tightness`'s allowed range, so that the next
    step can run at it. A fit that leaves almost no vacancy open produces a tightness below
    the range (round 14's first round: 0.0014); the report shows both numbers."""
    limits = {type(m).__name__: m for m in Parameters.model_fields["reference_tightness"].metadata}
    return float(np.clip(own, limits["Ge"].ge, limits["Le"].le))


def simulate(values: dict[str, float], targets: list[Target], settings: FitSettings,
             end_year: int) -> np.ndarray:
    """Simulated target values, one row per replication (common random numbers)."""
    return simulated_values(run_replications(values, targets, settings, end_year))


def simulated_values(runs: list[Replica]) -> np.ndarray:
    """Simulated target values of the replications `runs`, one row per replication."""
    return np.array([run.values for run in runs])


def distance(sim_mean: np.ndarray, targets: list[Target]) -> float:
    """Sum of squared errors in units of each target's tolerance."""
    total = 0.0
    for value, target in zip(sim_mean, targets, strict=True):
        if math.isnan(value):
            total += MISSING_PENALTY
        else:
            total += ((value - target.value) / target.tolerance) ** 2
    return total


def run_end_year(targets: list[Target]) -> int:
    """The last year the fit targets need, within the model's range."""
    return int(min(max(t.last_year for t in targets), 2040))


def start_points(start: np.ndarray, settings: FitSettings) -> list[np.ndarray]:
    """Where the search starts, in the unit cube of the free parameters' bounds: the documented
    defaults, and `settings.starts - 1` Latin-hypercube points drawn with the fit's seed (so
    the same seed gives the same starts)."""
    extra = max(settings.starts - 1, 0)
    if not extra:
        return [start]
    lhs = qmc.LatinHypercube(d=len(start), seed=settings.seed).random(extra)
    return [start, *lhs]


@dataclass(frozen=True)
class _Search:
    """One round's search at a fixed reference tightness: COBYQA, or (`method` "lines") the
    closing line searches. Picklable, so that round 1 can run several starts in worker
    processes."""

    low: np.ndarray
    span: np.ndarray
    names: tuple[str, ...]
    targets: list[Target]
    settings: FitSettings
    end_year: int
    reference: float
    budget: int
    method: str = "COBYQA"
    #: evaluations one line search may use (method "lines"; the passes share one value)
    line_evaluations: int = 0

    def values(self, x: np.ndarray) -> dict[str, float]:
        """Parameter values at point `x` of the unit cube, with the round's reference."""
        x = np.clip(x, 0.0, 1.0)
        values = {n: float(self.low[i] + self.span[i] * x[i]) for i, n in enumerate(self.names)}
        return {**values, "reference_tightness": self.reference}

    def _sweep(self, objective: Callable[[np.ndarray], float], x: np.ndarray,
               cache: dict) -> OptimizeResult:
        """One line search along every parameter in turn; a parameter moves only to a lower
        objective. Stops when the budget would be exceeded by the next line search."""
        fx = start = objective(x)
        per_line = self.line_evaluations
        for i in range(len(x)):
            if len(cache) + per_line > self.budget:
                break
            value, fv = _line(objective, x, i, per_line)
            if fv < fx:
                x, fx = x.copy(), fv
                x[i] = value
        return OptimizeResult(x=x, fun=fx, nfev=len(cache), success=True, start_fun=start)

    def run_start(self, index: int, x0: np.ndarray, progress: bool) -> OptimizeResult:
        """`run` from start `index` in a worker process, with a progress bar of its own."""
        from tqdm import tqdm

        with tqdm(total=self.budget, desc=f"start {index + 1}", unit="eval",
                  position=index + 1, leave=False, disable=not progress) as bar:
            return self.run(x0, bar)

    def run(self, x0: np.ndarray, bar: tqdm | None = None) -> OptimizeResult:
        """Minimise the distance from `x0` (`bar`: a progress bar to update, if any)."""
        cache: dict[tuple, float] = {}

        def objective(x: np.ndarray) -> float:
            key = tuple(np.round(np.clip(x, 0, 1), 12))
            if key not in cache:
                sims = simulate(self.values(x), self.targets, self.settings, self.end_year)
                cache[key] = distance(np.nanmean(sims, axis=0), self.targets)
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(objective=f"{cache[key]:.2f}",
                                    reference=f"{self.reference:.2f}")
            return cache[key]

        if self.method == "lines":
            return self._sweep(objective, np.asarray(x0, dtype=float), cache)
        return minimize(objective, x0, method="COBYQA", bounds=Bounds(0.0, 1.0),
                        options={"maxfev": self.budget, "initial_tr_radius": INITIAL_RADIUS,
                                 "final_tr_radius": FINAL_RADIUS})


def _line(objective: Callable[[np.ndarray], float], x: np.ndarray, i: int,
          maxiter: int) -> tuple[float, float]:
    """Bounded Brent along parameter `i` from point `x`: (best value of x[i], its objective)."""
    def along(v: float) -> float:
        y = x.copy()
        y[i] = v
        return objective(y)

    res = minimize_scalar(along, bounds=(0.0, 1.0), method="bounded",
                          options={"xatol": POLISH_XTOL, "maxiter": maxiter})
    return float(res.x), float(res.fun)


def calibrate(settings: FitSettings, out: Path = FITTED, progress: bool = True) -> dict:
    """Fit `settings.parameters` to the `fit` targets; write `out` and the fit report.

    Returns:
        A summary: fitted values, objective, evaluations, per-target results.
    """
    from tqdm import tqdm

    targets = [t for t in load_targets() if t.use == "fit"]
    free = [f for f in FREE_PARAMETERS if f.name in settings.parameters]
    names = tuple(f.name for f in free)
    defaults = Parameters()
    end_year = run_end_year(targets)
    low = np.array([f.low for f in free])
    span = np.array([f.high - f.low for f in free])
    start = np.clip((np.array([getattr(defaults, f.name) for f in free]) - low) / span, 0, 1)
    starts = start_points(start, settings)
    rounds = max(settings.reference_rounds, 1)
    per_round = settings.max_evaluations // rounds
    bar = tqdm(total=settings.max_evaluations + per_round * (len(starts) - 1)
               + settings.polish_evaluations,
               desc="calibrate", unit="eval", disable=not progress)
    reference = settings.first_reference
    references: list[tuple[float, float]] = []   # (used in a round, its fit's own)
    start_objectives: list[tuple[float, int]] = []  # round 1: (objective, evaluations)

    # each candidate's replications side by side in `workers` processes (none for one
    # replication); round 1's starts, when there are several, run in a pool of their own
    with replication_pool(settings.workers if settings.reps > 1 else 1):
        x, evaluations = start, 0
        for k in range(rounds):
            budget = per_round + (settings.max_evaluations % rounds if k == rounds - 1 else 0)
            search = _Search(low, span, names, targets, settings, end_year, reference, budget)
            if k == 0 and len(starts) > 1:
                # round 1 from every start, side by side; the lowest objective goes on
                with ProcessPoolExecutor(min(len(starts), settings.workers),
                                         mp_context=worker_context(__name__)) as pool:
                    results = list(pool.map(search.run_start, range(len(starts)), starts,
                                            [progress] * len(starts)))
                start_objectives = [(float(r.fun), int(r.nfev)) for r in results]
                bar.update(sum(n for _, n in start_objectives))
                result = min(results, key=lambda r: float(r.fun))
                evaluations += sum(n for _, n in start_objectives)
            else:
                result = search.run(x, bar)
                evaluations += int(result.nfev)
            x = result.x
            # the round's best fit, run once for both its own tightness and (last round) the report
            runs = run_replications(search.values(x), targets, settings, end_year)
            own = derived_reference(runs, defaults.start_year, end_year)
            references.append((reference, own))
            if k < rounds - 1:
                reference = usable_reference(own)
        passes: list[tuple[float, float, float, int]] = []
        if settings.polish_evaluations > 0:
            # line searches along each parameter over its whole range catch what the trust
            # region's quadratic models miss on a noisy objective (round 10: a trend at its lower
            # bound, though the upper bound scored lower); each pass at the reference the previous
            # step's fit produced, until the budget is spent or a pass moves nothing
            per_line = max((settings.polish_evaluations - 1) // max(len(names), 1), 1)
            left = settings.polish_evaluations
            while left > per_line:
                reference = usable_reference(references[-1][1])
                search = _Search(low, span, names, targets, settings, end_year, reference, left,
                                 method="lines", line_evaluations=per_line)
                before_x = np.asarray(x, dtype=float)
                lines = search.run(before_x, bar)
                start_fx = float(lines.start_fun)
                evaluations += int(lines.nfev)
                left -= int(lines.nfev)
                result, x = lines, lines.x
                runs = run_replications(search.values(x), targets, settings, end_year)
                references.append((reference, derived_reference(runs, defaults.start_year,
                                                                end_year)))
                passes.append((reference, start_fx, float(lines.fun), int(lines.nfev)))
                if np.array_equal(before_x, x):
                    break
    bar.close()
    fitted = search.values(x)
    sims = simulated_values(runs)
    summary = {"parameters": fitted, "objective": float(result.fun),
               "evaluations": evaluations, "settings": settings, "targets": targets,
               "simulations": sims, "free": free, "references": references,
               "start_objectives": start_objectives, "passes": passes,
               "rounds": rounds,
               "normal_years": normal_years(defaults.start_year, end_year)}
    write_fitted(out, summary)
    from calibration.report import write_fit_report

    write_fit_report(out.with_name("fit_report.md"), summary)
    return summary


def write_fitted(path: Path, summary: dict) -> None:
    """Write the fitted values as TOML (no time stamp: same seed, same file), each at full
    precision (the shortest repr that reads back as the same float), so that the baseline runs
    exactly the parameter set the report's simulations used: rounded to 6 digits, round 12's
    values scored 9.27 on the fit's seeds against the search's 9.04."""
    settings: FitSettings = summary["settings"]
    lines = ["# Fitted by `python run.py calibrate` (calibration/fit.py); see fit_report.md.",
             f"# seed = {settings.seed}, replications = {settings.reps}, scale = "
             f"{settings.scale:g}, evaluations = {summary['evaluations']}, objective = "
             f"{summary['objective']:.4f}", "", "[parameters]"]
    for name, value in sorted(summary["parameters"].items()):
        lines.append(f"{name} = {float(value)!r}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_fitted(path: Path = FITTED) -> dict[str, float]:
    """The fitted parameter values, or {} if there is no fitted file."""
    from scenarios.schema import read_fitted

    return read_fitted(path)

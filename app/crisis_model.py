"""The crisis page's model: the real TechniekModel at a coarse scale, with and without a recession.

A `CrisisModel` steps two `simulation.model.TechniekModel`s built from
`scenarios.schema.Scenario` by `simulation.runner.build_model`, side by side, one school year
per step, with the same seed (common random numbers):

- the **crisis run**: a custom output-gap path with a recession of `depth` % of potential for
  `length` years from `SHOCK_START`, a recovery year at half the depth, and otherwise a zero
  gap; the two bridging policies (scenario `policies`, kinds `prefinance` and `parttime_ww`)
  act from the first recession year through the recovery year when switched on;
- the **reference run**: the same scenario with a zero gap throughout and no policies.

The difference between the two is what the recession (and the policies) did. At `scale` 200
(one agent = 200 persons, about 80,000 agents) a step of both runs takes a few tens of ms.
"""

from __future__ import annotations

import mesa
import pandas as pd

from scenarios.schema import Scenario
from simulation.runner import build_model

#: Simulated years: the pipeline is built for `START`; the recession starts in `SHOCK_START`.
START, SHOCK_START, END = 2024, 2026, 2040
#: Metrics shown on the page (simulation.metrics): real persons per year.
METRICS = ("bbl_places_offered", "bbl_places_filled", "bbl_without_place", "tech_workforce",
           "output_gap")
#: Persons per agent on the page (coarse, fast).
WORKSHOP_SCALE = 200.0


def gap_path(depth: float, length: int, start: int = START, end: int = END,
             shock_start: int = SHOCK_START) -> dict[int, float]:
    """Output gap (% of potential GDP) per year: `-depth` for `length` years from
    `shock_start`, then one recovery year at `-depth / 2`, zero otherwise."""
    gap = {year: 0.0 for year in range(start, end + 1)}
    for year in range(shock_start, min(shock_start + length, end + 1)):
        gap[year] = -float(depth)
    if shock_start + length <= end and length > 0:
        gap[shock_start + length] = -float(depth) / 2
    return gap


def crisis_scenario(depth: float, length: int, prefinance: bool, parttime_ww: bool,
                    seed: int, scale: float = WORKSHOP_SCALE) -> Scenario:
    """The scenario of the crisis run (see module docstring)."""
    last = SHOCK_START + length  # through the recovery year
    policies = [{"kind": kind, "start": SHOCK_START, "end": last, "intensity": 1.0}
                for kind, on in (("prefinance", prefinance), ("parttime_ww", parttime_ww)) if on]
    return Scenario(name="workshop-crisis", seed=seed, start=START, end=END, scale=scale,
                    macro={"path": "custom", "gap": gap_path(depth, length)},
                    policies=policies)


def reference_scenario(seed: int, scale: float = WORKSHOP_SCALE) -> Scenario:
    """The same region without a recession and without policies."""
    return Scenario(name="workshop-reference", seed=seed, start=START, end=END, scale=scale,
                    macro={"path": "custom", "gap": gap_path(0.0, 0)})


class CrisisModel(mesa.Model):
    """A crisis run and its reference run, stepped together (see module docstring).

    Args:
        depth: output gap in the recession years, % of potential GDP (positive = deeper).
        length: recession years (before the recovery year).
        prefinance: bridging policy 1, pre-financed leerwerkplekken, on or off.
        parttime_ww: bridging policy 2, part-time unemployment benefit with training.
        seed: master seed of both runs.
        scale: real persons per agent.
    """

    def __init__(self, depth: float = 4.0, length: int = 2, prefinance: bool = False,
                 parttime_ww: bool = False, seed: int = 1,
                 scale: float = WORKSHOP_SCALE) -> None:
        super().__init__(rng=int(seed))
        self.seed = int(seed)
        self.scenario_spec = crisis_scenario(depth, int(length), prefinance, parttime_ww,
                                             self.seed, scale)
        reference = reference_scenario(self.seed, scale)
        self.crisis = build_model(self.scenario_spec, self.scenario_spec.to_parameters(),
                                  self.seed)
        self.reference = build_model(reference, reference.to_parameters(), self.seed)
        self.policies_requested = [p.kind for p in self.scenario_spec.policies]
        self.year = START - 1  # last simulated year

    @property
    def policies_active(self) -> bool:
        """Whether the simulation applies the requested policies (False if none requested
        or the model was built without policy objects)."""
        return bool(self.policies_requested) and bool(getattr(self.crisis, "policies", []))

    def step(self) -> None:
        """One school year of both runs."""
        self.crisis.step()
        self.reference.step()
        self.year += 1
        if self.year >= END:
            self.running = False

    def series(self) -> pd.DataFrame:
        """Page metrics per year: columns year, metric, run ("crisis" / "reference"), value.

        Counts are real persons; `output_gap` is % of potential GDP; `tech_workforce` is all
        genders.
        """
        frames = []
        for run, model in (("crisis", self.crisis), ("reference", self.reference)):
            s = model.recorder.series()
            s = s[s.metric.isin(METRICS) & s.group.isin(["all", "aggregate"])]
            frames.append(s.drop(columns="group").assign(run=run))
        if not frames or all(f.empty for f in frames):
            return pd.DataFrame(columns=["year", "metric", "run", "value"])
        return pd.concat(frames, ignore_index=True)[["year", "metric", "run", "value"]]

    def table(self) -> pd.DataFrame:
        """`series` as a wide table: index year, columns (metric, run)."""
        s = self.series()
        if s.empty:
            return pd.DataFrame()
        return s.pivot_table(index="year", columns=["metric", "run"], values="value")

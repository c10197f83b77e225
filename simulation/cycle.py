"""The business cycle (M5): an output-gap path per year and per sector.

The aggregate gap follows the historic path (`simulation.data.OUTPUT_GAP`, 2005-2023) while it
lasts, optionally overridden by a named shock or a custom path, and after it an AR(1) process
``gap[t] = persistence * gap[t-1] + sd * e[t]`` drawn from the run's own cycle stream. A
sector's gap is the aggregate times its cyclical beta (industry 1.8, construction 1.5, technical
services 0.8, other 0.6: industry is more cyclical than services, DESIGN 4.5).
"""

from __future__ import annotations

import numpy as np

from simulation.data import OUTPUT_GAP, SECTOR_CYCLE_BETA, SHOCKS


class BusinessCycle:
    """Output gap by year, % of potential GDP.

    Args:
        start, end: simulated years (inclusive).
        persistence, sd: AR(1) coefficient and innovation sd (percentage points).
        rng: generator for the stochastic part (a child stream of the master seed).
        enabled: False fixes the gap at zero (mechanism switch).
        overrides: year -> gap, applied on top of the historic path (shocks, custom paths).
        historic: use the historic path where it exists (False = stochastic from the start).
    """

    def __init__(self, start: int, end: int, persistence: float, sd: float,
                 rng: np.random.Generator, enabled: bool = True,
                 overrides: dict[int, float] | None = None, historic: bool = True) -> None:
        self.enabled = enabled
        self.path: dict[int, float] = {}
        overrides = overrides or {}
        innovations = rng.standard_normal(end - start + 1)
        previous = OUTPUT_GAP.get(start - 1, 0.0)
        self.before_start = previous if historic else 0.0
        for i, year in enumerate(range(start, end + 1)):
            if year in overrides:
                gap = float(overrides[year])
            elif historic and year in OUTPUT_GAP:
                gap = OUTPUT_GAP[year]
            else:
                gap = persistence * previous + sd * float(innovations[i])
            self.path[year] = gap
            previous = gap

    def gap(self, year: int) -> float:
        """Aggregate output gap in `year`, % of potential GDP (0 when switched off)."""
        return self.path[year] if self.enabled else 0.0

    def lagged_gap(self, year: int) -> float:
        """Output gap of the year before `year` (the historic value before the start year)."""
        if not self.enabled:
            return 0.0
        return self.path.get(year - 1, self.before_start)

    def sector_gaps(self, year: int) -> np.ndarray:
        """Output gap per sector (industry, construction, tech services, other), %."""
        return SECTOR_CYCLE_BETA * self.gap(year)


def shock_path(name: str, first_year: int) -> dict[int, float]:
    """Year -> gap for a named shock starting in `first_year` (see `simulation.data.SHOCKS`)."""
    if name not in SHOCKS:
        raise KeyError(f"unknown shock {name!r}; allowed: {', '.join(sorted(SHOCKS))}")
    return {first_year + i: gap for i, gap in enumerate(SHOCKS[name])}

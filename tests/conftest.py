"""Shared fixtures: small, fast model runs reused across tests."""

from __future__ import annotations

import pytest

from simulation.model import TechniekModel
from simulation.parameters import Parameters

FAST_SCALE = 400.0  # one agent = 400 persons: ~35,000 agents, a run of 2013-2030 takes ~1 s


def run_model(seed: int = 1, gap: dict[int, float] | None = None, **params) -> TechniekModel:
    """Run a small model with parameter overrides; returns the finished model."""
    base = {"scale": FAST_SCALE, "end_year": 2030}
    base.update(params)
    return TechniekModel(Parameters(**base), seed=seed, gap_overrides=gap).run()


def metric(model: TechniekModel, name: str, group: str = "all"):
    """One metric of a finished run as a pandas Series indexed by year."""
    s = model.recorder.series()
    sel = s[(s.metric == name) & (s.group == group)]
    return sel.set_index("year")["value"]


@pytest.fixture(scope="session")
def baseline() -> TechniekModel:
    """The baseline at test scale, 2013-2030, seed 1."""
    return run_model(seed=1)

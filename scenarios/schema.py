"""The schema of a scenario file, validated with pydantic.

A scenario file is TOML::

    name = "baseline"
    description = "What this scenario is for"
    seed = 42               # master seed (replication r uses seed + r)
    start = 2013            # first simulated school year
    end = 2040              # last simulated school year
    scale = 100             # real persons per agent (1 = the whole country)

    [macro]
    path = "historic"       # historic | stochastic | recession_2009 | covid_2020 | custom
    shock_start = 2025      # first year of a named shock
    gap = { 2025 = -3.0 }   # year -> output gap (% of potential); with path = "custom"

    calibrated = true       # start from calibration/fitted.toml (default)

    [parameters]            # any field of simulation.parameters.Parameters
    early_exposure = 0.6
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulation.data import SHOCKS
from simulation.parameters import Parameters

FITTED = Path(__file__).resolve().parent.parent / "calibration" / "fitted.toml"


def read_fitted(path: Path = FITTED) -> dict[str, float]:
    """Fitted parameter values (the [parameters] table of calibration/fitted.toml), or {}."""
    if not path.is_file():
        return {}
    return dict(tomllib.loads(path.read_text(encoding="utf-8")).get("parameters", {}))


MacroPath = Literal["historic", "stochastic", "custom", "recession_2009", "covid_2020"]


class Macro(BaseModel):
    """The business-cycle path of a scenario."""

    model_config = ConfigDict(extra="forbid")

    path: MacroPath = "historic"
    shock_start: int | None = Field(None, ge=2008, le=2100,
                                    description="first year of a named shock")
    gap: dict[int, float] = Field(default_factory=dict,
                                  description="year -> output gap, % of potential (-15..15)")

    @field_validator("gap")
    @classmethod
    def _gap_range(cls, gap: dict[int, float]) -> dict[int, float]:
        for year, value in gap.items():
            if not -15.0 <= value <= 15.0:
                raise ValueError(f"gap for {year} is {value}; allowed -15 to 15 (% of potential)")
        return gap

    @model_validator(mode="after")
    def _consistent(self) -> Macro:
        if self.path in SHOCKS and self.shock_start is None:
            raise ValueError(f"path {self.path!r} needs shock_start (the shock's first year)")
        if self.path == "custom" and not self.gap:
            raise ValueError("path 'custom' needs a gap table (year = output gap)")
        return self


PolicyKind = Literal[
    # the seven government roles of the report (seed L446-L520; docs/roles.md)
    "voorbeeldfunctie", "experimenteerruimte", "langetermijntrends", "onderwijskwaliteit",
    "knelpunten", "stimuleren", "coordinatie",
    # the two bridging policies (overbruggingsregelingen) for a downturn
    "prefinance", "parttime_ww",
]
POLICY_KINDS: tuple[str, ...] = PolicyKind.__args__


class PolicySpec(BaseModel):
    """One policy of a scenario: what, when, how strongly, and with what yearly budget."""

    model_config = ConfigDict(extra="forbid")

    kind: PolicyKind
    start: int = Field(2025, ge=2008, le=2100, description="first school year it acts")
    end: int = Field(2040, ge=2008, le=2100, description="last school year it acts")
    intensity: float = Field(1.0, ge=0.0, le=2.0,
                             description="strength relative to the documented design (1 = as "
                                         "described in docs/roles.md)")
    budget: float | None = Field(None, ge=0.0, le=10_000.0,
                                 description="cap on yearly public spending, million euro "
                                             "(none = no cap)")

    @model_validator(mode="after")
    def _years(self) -> PolicySpec:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) must not be before start ({self.start})")
        return self


class Scenario(BaseModel):
    """One scenario: identity, time span, scale, replications, macro path, parameter
    overrides and policies."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=80)
    description: str = ""
    seed: int = Field(42, ge=0, le=2**63 - 1)
    start: int = Field(2013, ge=2008, le=2030)
    end: int = Field(2040, ge=2009, le=2100)
    scale: float = Field(100.0, ge=1.0, le=100_000.0)
    replications: int = Field(1, ge=1, le=1000,
                              description="replications when compared or stress-tested")
    macro: Macro = Field(default_factory=Macro)
    calibrated: bool = Field(True, description="start from calibration/fitted.toml if present")
    parameters: dict[str, Any] = Field(default_factory=dict)
    policies: list[PolicySpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _years(self) -> Scenario:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) must not be before start ({self.start})")
        kinds = [pol.kind for pol in self.policies]
        twice = sorted({k for k in kinds if kinds.count(k) > 1})
        if twice:
            raise ValueError(f"policy kind {twice[0]!r} appears more than once; give each kind "
                             "once (its intensity sets the strength)")
        return self

    def to_parameters(self) -> Parameters:
        """The model parameters: documented defaults, then the fitted values of
        calibration/fitted.toml (unless `calibrated = false`), then the scenario's own
        overrides, time span and scale."""
        fitted = read_fitted() if self.calibrated else {}
        return Parameters(**{**fitted, **self.parameters, "start_year": self.start,
                             "end_year": self.end, "scale": self.scale})

    def gap_overrides(self) -> dict[int, float]:
        """Year -> output gap replacing the historic/stochastic path."""
        from simulation.cycle import shock_path

        if self.macro.path in SHOCKS:
            return shock_path(self.macro.path, int(self.macro.shock_start))
        if self.macro.path == "custom":
            return dict(self.macro.gap)
        return {}

    def historic(self) -> bool:
        """Whether the historic output-gap path is used where it exists."""
        return self.macro.path != "stochastic"

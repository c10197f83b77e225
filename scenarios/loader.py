"""Read a scenario file and turn every problem into one clear line (ScenarioError).

The message names the file, the field and what is allowed, e.g.::

    scenarios/x.toml: parameters.early_exposure = 1.7: must be <= 1.0 (allowed 0.0 to 1.0;
    intensity of primary W&T ...)
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scenarios.schema import Scenario
from simulation.parameters import Parameters

BASELINE = Path(__file__).with_name("baseline.toml")


class ScenarioError(ValueError):
    """A scenario file that cannot be used; str(error) is the one-line message."""


def load_scenario(path: str | Path, **overrides: Any) -> tuple[Scenario, Parameters]:
    """Load, validate and resolve a scenario file.

    Args:
        path: the TOML file.
        overrides: top-level fields to replace (e.g. seed, scale, end) before validation.

    Returns:
        (scenario, parameters).

    Raises:
        ScenarioError: the file is missing, not TOML, or has an invalid field.
    """
    path = Path(path)
    if not path.is_file():
        raise ScenarioError(f"{path}: scenario file not found")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ScenarioError(f"{path}: not valid TOML ({err})") from None
    given = {k: v for k, v in overrides.items() if v is not None}
    raw.update(given)
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as err:
        message = _describe(path, err, Scenario)
        field = str(err.errors()[0]["loc"][0]) if err.errors()[0]["loc"] else ""
        if field in given:
            message += f" [given on the command line as --{field}]"
        raise ScenarioError(message) from None
    try:
        params = scenario.to_parameters()
    except ValidationError as err:
        raise ScenarioError(_describe(path, err, Parameters, prefix="parameters.")) from None
    return scenario, params


def _describe(path: Path, err: ValidationError, model: type, prefix: str = "") -> str:
    """One line for the first validation error: file, field, problem, what is allowed."""
    first = err.errors()[0]
    loc = ".".join(str(part) for part in first["loc"]) or "(file)"
    field = prefix + loc
    allowed = _allowed(model, str(first["loc"][0]) if first["loc"] else "")
    if first["type"] == "extra_forbidden":
        names = sorted(model.model_fields)
        hint = f"unknown field; allowed fields: {', '.join(names)}" if len(names) <= 12 else (
            "unknown field; `python run.py params` lists the allowed ones")
        return f"{path}: {field}: {hint}"
    value = first.get("input")
    shown = f" = {value!r}" if value is not None and not isinstance(value, dict) else ""
    return f"{path}: {field}{shown}: {first['msg']}{allowed}"


def _allowed(model: type, name: str) -> str:
    """' (allowed LO to HI; description)' for a bounded field, else the description."""
    info = getattr(model, "model_fields", {}).get(name)
    if info is None:
        return ""
    lo = hi = None
    for meta in info.metadata:
        lo = getattr(meta, "ge", lo)
        hi = getattr(meta, "le", hi)
    parts = []
    if lo is not None or hi is not None:
        parts.append(f"allowed {lo} to {hi}")
    elif info.annotation is bool:
        parts.append("allowed true or false")
    if info.description:
        parts.append(info.description)
    return f" ({'; '.join(parts)})" if parts else ""

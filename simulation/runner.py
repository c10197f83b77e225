"""Run one scenario and write its outputs atomically.

Outputs go to a temporary sibling folder first and are renamed into place only when complete,
so an error or an interrupt never leaves a half-written output folder.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from simulation.model import TechniekModel

if TYPE_CHECKING:
    from scenarios.schema import Scenario
    from simulation.parameters import Parameters

PACKAGES = ("mesa", "numpy", "pandas", "scipy", "pydantic", "pyarrow", "matplotlib", "tqdm",
            "dask", "distributed")


def build_model(scenario: Scenario, params: Parameters, seed: int) -> TechniekModel:
    """A TechniekModel configured by a scenario."""
    from simulation.policies import build_policies

    return TechniekModel(params, seed=seed, gap_overrides=scenario.gap_overrides(),
                         historic=scenario.historic(), policies=build_policies(scenario.policies))


def run_replication(scenario: Scenario, params: Parameters, seed: int
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run one replication of `scenario` with `seed`, without writing anything.

    Returns:
        (series, cohorts): the tidy tables of `TechniekModel.results`.
    """
    model = build_model(scenario, params, seed)
    model.run(progress=False)
    return model.results()


def run_scenario(scenario: Scenario, params: Parameters, seed: int, out_dir: Path,
                 scenario_file: Path | None = None, progress: bool = True) -> dict[str, Path]:
    """Run `scenario` with `seed` and write every output into `out_dir` (replaced if present).

    Returns:
        name -> path of every file written.
    """
    started = time.perf_counter()
    model = build_model(scenario, params, seed)
    agents_at_start = int(model.people.n)
    model.run(progress=progress)
    manifest = make_manifest(scenario, params, seed, scenario_file)
    manifest["runtime_seconds"] = round(time.perf_counter() - started, 2)
    manifest["agents_at_start"] = agents_at_start
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        written = model.write(tmp, manifest, title=f"Scenario: {scenario.name}")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {name: out_dir / path.name for name, path in written.items()}


def make_manifest(scenario: Scenario, params: Parameters, seed: int,
                  scenario_file: Path | None) -> dict:
    """Everything needed to reproduce a run: scenario, seed, parameters, versions, commit."""
    manifest: dict = {
        "scenario": scenario.name,
        "scenario_file": str(scenario_file) if scenario_file else None,
        "scenario_sha256": (hashlib.sha256(Path(scenario_file).read_bytes()).hexdigest()
                            if scenario_file else None),
        "seed": seed,
        "scale": params.scale,
        "start": params.start_year,
        "end": params.end_year,
        "macro": scenario.macro.model_dump(),
        "parameters": params.model_dump(),
        "python": platform.python_version(),
        "versions": {pkg: _version(pkg) for pkg in PACKAGES},
        "git_commit": _git_commit(),
    }
    return manifest


def _version(pkg: str) -> str:
    try:
        return importlib.metadata.version(pkg)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    """HEAD commit of the code, with '-dirty' if there are uncommitted changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                                text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, capture_output=True, text=True, timeout=10).stdout
        return commit + ("-dirty" if dirty.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"

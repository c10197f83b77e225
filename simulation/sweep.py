"""Run a grid of scenarios x replications: in-process, on local processes or on a Dask cluster.

One runner for every way of executing a sweep (`run_sweep`, argument `mode`):

- ``"inprocess"``: a plain loop in this process;
- ``"processes"`` (default): a pool of local worker processes (forkserver, else spawn);
- ``"local"``: a Dask ``LocalCluster`` started for the sweep and closed afterwards;
- ``"tcp://HOST:PORT"``: an existing Dask scheduler (its workers need this package installed,
  at the same version, to give the same results).

Replication ``r`` of every scenario uses the same seed, ``replication_seeds(master_seed, R)[r]``
(common random numbers, so scenario differences are paired), and a run's tables depend only on
the scenario and that seed: results are identical whichever mode ran them. Every finished run
is written at once, atomically, by the parent process, so a sweep that is killed or fails can
be started again with the same arguments and only does the runs that are missing.

Layout of ``out_dir``::

    sweep.json                                 the grid: master seed, replications, seeds,
                                               scenario names, folders and hashes
    runs/<scenario>/rep0000.parquet            series of one run: scenario, replication, seed,
                                               year, metric, group, value (units as in README)
    runs/<scenario>/rep0000.cohorts.parquet    cohorts of the same run (written first)

A run counts as finished when its ``repNNNN.parquet`` exists. Use one ``out_dir`` for one sweep
at a time. As with any use of spawned processes, a script that runs a sweep with "processes" or
"local" must call it under ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import as_completed as futures_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from scenarios.schema import Scenario
from simulation.parameters import Parameters
from simulation.runner import _git_commit, run_replication

MODES = ("inprocess", "processes", "local")
KEYS = ["scenario", "replication", "seed"]
SERIES_COLUMNS = [*KEYS, "year", "metric", "group", "value"]
# fields of a scenario that do not change what one run produces: left out of its hash, so that
# a sweep can be resumed with more replications or a new description
UNHASHED = {"description", "seed", "replications"}
_REP_FILE = re.compile(r"rep(\d+)\.parquet")

# a finished run's tables: (series, cohorts)
Tables = tuple[pd.DataFrame, pd.DataFrame]


@dataclass(frozen=True)
class Run:
    """One cell of the grid."""

    scenario: str     # scenario name (unique within a sweep)
    replication: int  # 0..R-1
    seed: int         # replication_seeds(master_seed, R)[replication], same in every scenario


def replication_seeds(master_seed: int, replications: int) -> list[int]:
    """The model seed of each replication, derived from one master seed.

    Child ``r`` of ``numpy.random.SeedSequence(master_seed).spawn(R)`` gives two 32-bit words,
    combined into one non-negative int below 2**63. Child ``r`` does not depend on ``R``, so
    the first seeds stay the same when a sweep is extended with more replications.
    """
    if master_seed < 0:
        raise ValueError(f"master_seed must be a non-negative int, not {master_seed}")
    seeds = []
    for child in np.random.SeedSequence(master_seed).spawn(replications):
        high, low = (int(word) for word in child.generate_state(2, dtype=np.uint32))
        seeds.append(((high << 32) | low) & (2**63 - 1))
    return seeds


def grid(scenarios: Sequence[Scenario], replications: int, master_seed: int) -> list[Run]:
    """Every run of the sweep, replication-major (all scenarios of replication 0 first), so
    that a sweep stopped half-way holds complete pairs of scenarios."""
    seeds = replication_seeds(master_seed, replications)
    return [Run(s.name, r, seeds[r]) for r in range(replications) for s in scenarios]


def folder_name(scenario: str) -> str:
    """The folder of a scenario's runs: the name with anything but letters, digits, ``_``,
    ``-`` and inner ``.`` replaced by ``_``, plus a short hash of the name if it was changed
    (so that two names never share a folder)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", scenario).lstrip(".") or "_"
    if safe == scenario:
        return safe
    return f"{safe[:60]}-{hashlib.sha256(scenario.encode()).hexdigest()[:8]}"


def run_path(out_dir: Path, run: Run) -> Path:
    """The series file of one run; the cohorts file is `cohorts_path` of it."""
    return Path(out_dir) / "runs" / folder_name(run.scenario) / f"rep{run.replication:04d}.parquet"


def cohorts_path(series_path: Path) -> Path:
    """``repNNNN.cohorts.parquet`` next to ``repNNNN.parquet``."""
    return series_path.with_suffix(".cohorts.parquet")


def scenario_hash(scenario: Scenario) -> str:
    """sha256 of the scenario (without the fields in UNHASHED) and of its resolved parameters
    (so a changed calibration/fitted.toml also counts as a different scenario)."""
    content = {"scenario": scenario.model_dump(mode="json", exclude=UNHASHED),
               "parameters": scenario.to_parameters().model_dump(mode="json")}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def run_one(scenario_json: str, params_json: str, replication: int, seed: int) -> Tables:
    """Worker: one replication of one scenario, from their JSON (module-level, so it pickles).

    Returns:
        (series, cohorts) with the columns scenario, replication, seed in front.
    """
    scenario = Scenario.model_validate_json(scenario_json)
    params = Parameters.model_validate_json(params_json)
    series, cohorts = run_replication(scenario, params, seed)
    return _keyed(series, scenario.name, replication, seed), _keyed(cohorts, scenario.name,
                                                                    replication, seed)


def _keyed(table: pd.DataFrame, scenario: str, replication: int, seed: int) -> pd.DataFrame:
    keys = pd.DataFrame({"scenario": pd.Series([scenario] * len(table), dtype="str"),
                         "replication": np.full(len(table), replication, dtype=np.int64),
                         "seed": np.full(len(table), seed, dtype=np.int64)})
    return pd.concat([keys, table.reset_index(drop=True)], axis=1)


def write_run(out_dir: Path, run: Run, tables: Tables) -> Path:
    """Write one run's cohorts, then its series (the mark of a finished run), each atomically.

    Returns:
        the series file.
    """
    series, cohorts = tables
    path = run_path(out_dir, run)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(cohorts, cohorts_path(path))
    _write_atomic(series, path)
    return path


def _write_atomic(table: pd.DataFrame, path: Path) -> None:
    """Write a parquet file under a temporary name in the same folder, then rename it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        table.to_parquet(tmp, index=False)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load_runs(out_dir: Path, runs: Iterable[Run] | None = None) -> Tables:
    """The tables of finished runs, sorted by scenario name and replication (rows of one run in
    the model's order).

    Args:
        out_dir: the sweep folder.
        runs: which runs (all must be finished); None = every finished run in `out_dir`.

    Returns:
        (series, cohorts), each with the columns scenario, replication, seed in front.

    Raises:
        ValueError: a file holds another scenario or seed than `runs` asks for.
        FileNotFoundError: a run of `runs` is not finished.
    """
    out_dir = Path(out_dir)
    if runs is None:
        paths = [p for p in sorted((out_dir / "runs").glob("*/rep*.parquet"))
                 if _REP_FILE.fullmatch(p.name)]
        wanted: list[Run | None] = [None] * len(paths)
    else:
        wanted = list(runs)
        paths = [run_path(out_dir, run) for run in wanted]
    parts: list[tuple[str, int, pd.DataFrame, pd.DataFrame]] = []
    for path, run in zip(paths, wanted, strict=True):
        series = pd.read_parquet(path)
        cohorts = pd.read_parquet(cohorts_path(path))
        name, rep, seed = (series[key].iat[0] for key in KEYS)
        if run is not None and (name, rep, seed) != (run.scenario, run.replication, run.seed):
            raise ValueError(f"{path} holds scenario {name!r} replication {rep} seed {seed}, "
                             f"not {run.scenario!r} replication {run.replication} "
                             f"seed {run.seed}; use another out_dir")
        parts.append((str(name), int(rep), series, cohorts))
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS), pd.DataFrame(columns=KEYS)
    parts.sort(key=lambda part: (part[0], part[1]))
    return (pd.concat([p[2] for p in parts], ignore_index=True),
            pd.concat([p[3] for p in parts], ignore_index=True))


def run_sweep(scenarios: list[Scenario], replications: int, master_seed: int, out_dir: Path,
              mode: str = "processes", workers: int | None = None,
              progress: bool = True) -> pd.DataFrame:
    """Run every (scenario, replication) not already finished in `out_dir`, writing each run as
    soon as it finishes.

    Args:
        scenarios: the scenarios, with unique names.
        replications: replications per scenario (R >= 1).
        master_seed: seed from which the replication seeds are derived (`replication_seeds`).
        out_dir: the sweep folder (layout in the module docstring); created if missing.
        mode: "inprocess", "processes" (local worker processes), "local" (a Dask LocalCluster)
            or a Dask scheduler address such as "tcp://host:8786".
        workers: worker processes for "processes" and "local" (default os.cpu_count(), never
            more than the runs to do); ignored otherwise.
        progress: show a progress bar over the runs to do.

    Returns:
        the tidy series of every run of the grid (columns scenario, replication, seed, year,
        metric, group, value; counts in real persons, shares 0-1), sorted by scenario name and
        replication; `load_runs` also gives the cohorts.

    Raises:
        ValueError: bad arguments, or `out_dir` holds a sweep with another master seed or a
            different scenario under the same name.
    """
    if replications < 1:
        raise ValueError(f"replications must be at least 1, not {replications}")
    if mode not in MODES and "://" not in mode:
        raise ValueError(f"mode {mode!r}: allowed {', '.join(MODES)} or a Dask scheduler "
                         "address such as tcp://host:8786")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be unique within a sweep: {names}")
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    hashes = {s.name: scenario_hash(s) for s in scenarios}
    _record_grid(out_dir, names, hashes, replications, master_seed)

    runs = grid(scenarios, replications, master_seed)
    todo = [run for run in runs if not run_path(out_dir, run).exists()]
    jsons = {s.name: (s.model_dump_json(), s.to_parameters().model_dump_json())
             for s in scenarios}
    tasks = [(run, (*jsons[run.scenario], run.replication, run.seed)) for run in todo]
    skipped = len(runs) - len(todo)
    with tqdm(total=len(todo), unit="run", disable=not progress,
              desc=f"sweep {len(scenarios)} scenarios x {replications}") as bar:
        if skipped:
            bar.set_postfix_str(f"{skipped} already done")

        def finished(run: Run, tables: Tables) -> None:
            write_run(out_dir, run, tables)
            bar.update()

        if not tasks:
            pass
        elif mode == "inprocess":
            for run, args in tasks:
                finished(run, run_one(*args))
        elif mode == "processes":
            _run_processes(tasks, min(workers, len(tasks)), finished)
        else:
            _run_dask(tasks, None if mode == "local" else mode, min(workers, len(tasks)),
                      finished)
    return load_runs(out_dir, runs)[0]


Task = tuple[Run, tuple[str, str, int, int]]


def worker_context(module: str) -> multiprocessing.context.BaseContext:
    """How to start local worker processes: forked from a clean server process that has
    `module` imported (forkserver), or spawned where there is no forkserver. Never forked from
    this process, which may run threads (tqdm's monitor), where a fork can deadlock."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([module])
        return context
    return multiprocessing.get_context("spawn")


def _run_processes(tasks: list[Task], workers: int, finished: Callable[[Run, Tables], None]
                   ) -> None:
    """Local worker processes (`worker_context`)."""
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=worker_context("simulation.sweep")) as pool:
        futures = {pool.submit(run_one, *args): run for run, args in tasks}
        try:
            for future in futures_completed(futures):
                finished(futures.pop(future), future.result())
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _run_dask(tasks: list[Task], address: str | None, workers: int,
              finished: Callable[[Run, Tables], None]) -> None:
    """A Dask LocalCluster of `workers` single-threaded processes (address None), or the
    scheduler at `address`."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR,
                               preload=["simulation.sweep"])
    try:
        with Client(cluster if cluster is not None else address) as client:
            futures = {client.submit(run_one, *args, pure=False,
                                     key=f"run-{folder_name(run.scenario)}-rep"
                                         f"{run.replication:04d}-{uuid.uuid4().hex[:8]}"): run
                       for run, args in tasks}
            for future in as_completed(list(futures)):
                run = futures.pop(future)
                finished(run, future.result())
                future.release()
    finally:
        if cluster is not None:
            cluster.close()


def _record_grid(out_dir: Path, names: list[str], hashes: dict[str, str], replications: int,
                 master_seed: int) -> None:
    """Check the grid against ``out_dir/sweep.json`` and write the merged description.

    Raises:
        ValueError: another master seed, or a scenario name with a different hash.
    """
    path = out_dir / "sweep.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    if old and old.get("master_seed") != master_seed:
        raise ValueError(f"{out_dir} holds a sweep with master_seed {old.get('master_seed')}, "
                         f"not {master_seed}; use another out_dir")
    known = dict(old.get("scenarios", {}))
    for name in names:
        before = known.get(name, {}).get("sha256")
        if before is not None and before != hashes[name]:
            raise ValueError(f"{out_dir} holds runs of another scenario named {name!r} (sha256 "
                             f"{before[:12]}, now {hashes[name][:12]}); use another out_dir or "
                             f"rename the scenario")
        known[name] = {"folder": folder_name(name), "sha256": hashes[name]}
    total = max(replications, int(old.get("replications", 0)))
    commits = list(old.get("git_commits", []))
    commit = _git_commit()
    if commit not in commits:
        commits.append(commit)
    record = {"master_seed": master_seed, "replications": total,
              "seeds": replication_seeds(master_seed, total), "scenarios": known,
              "git_commits": commits}
    tmp = path.with_name(f".sweep.json.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)

"""The sweep runner: seeds, identical tables in every mode, resume after a kill, grid checks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import simulation.sweep as sweep
from scenarios.schema import Scenario
from simulation.sweep import (
    Run,
    folder_name,
    grid,
    load_runs,
    replication_seeds,
    run_path,
    run_sweep,
)

ROOT = Path(__file__).resolve().parent.parent
MASTER = 2024
REPS = 2
# tiny runs (about 0.1 s each): one agent = 4,000 persons, three school years
SCENARIOS = [
    Scenario(name="a", start=2013, end=2015, scale=4000),
    Scenario(name="b: more places", start=2013, end=2015, scale=4000,
             parameters={"places_per_tech_worker": 0.03}),
]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """An uninterrupted in-process sweep of the test grid: (out_dir, series)."""
    out = tmp_path_factory.mktemp("sweep") / "inprocess"
    return out, run_sweep(SCENARIOS, REPS, MASTER, out, mode="inprocess", progress=False)


def test_replication_seeds_are_deterministic_distinct_and_extendable():
    seeds = replication_seeds(MASTER, 5)
    assert seeds == replication_seeds(MASTER, 5)
    assert len(set(seeds)) == 5
    assert all(isinstance(s, int) and 0 <= s < 2**63 for s in seeds)
    assert replication_seeds(MASTER, 2) == seeds[:2]       # more replications keep the first
    assert replication_seeds(MASTER + 1, 5) != seeds
    with pytest.raises(ValueError, match="non-negative"):
        replication_seeds(-1, 2)


def test_replication_r_has_the_same_seed_in_every_scenario(reference):
    runs = grid(SCENARIOS, REPS, MASTER)
    assert len(runs) == len(SCENARIOS) * REPS
    for r, seed in enumerate(replication_seeds(MASTER, REPS)):
        assert {run.seed for run in runs if run.replication == r} == {seed}
    _, series = reference
    seeds = series.groupby(["scenario", "replication"])["seed"].unique().unstack("scenario")
    assert (seeds.map(len) == 1).all().all()
    assert seeds.iloc[:, 0].tolist() == seeds.iloc[:, 1].tolist()


def test_tables_files_and_grid_record(reference):
    out, series = reference
    assert list(series.columns) == ["scenario", "replication", "seed", "year", "metric",
                                    "group", "value"]
    assert sorted(series.scenario.unique()) == sorted(s.name for s in SCENARIOS)
    assert set(series.replication) == set(range(REPS))
    assert (series.year.min(), series.year.max()) == (2013, 2015)
    # the scenarios and the replications differ (otherwise the equality tests prove nothing)
    value = series.set_index(["scenario", "replication", "year", "metric", "group"])["value"]
    assert not value.xs("a").equals(value.xs("b: more places"))
    assert not value.xs(("a", 0)).equals(value.xs(("a", 1)))
    for run in grid(SCENARIOS, REPS, MASTER):
        path = run_path(out, run)
        assert path.is_file() and path.with_suffix(".cohorts.parquet").is_file()
        assert path.parent.name == folder_name(run.scenario)
    assert folder_name("b: more places").startswith("b__more_places-")
    assert not list(out.rglob("*.tmp"))
    record = json.loads((out / "sweep.json").read_text())
    assert record["master_seed"] == MASTER and record["replications"] == REPS
    assert record["seeds"] == replication_seeds(MASTER, REPS)
    assert set(record["scenarios"]) == {s.name for s in SCENARIOS}
    loaded, cohorts = load_runs(out)
    pd.testing.assert_frame_equal(loaded, series)
    assert list(cohorts.columns[:4]) == ["scenario", "replication", "seed", "birth_cohort"]
    assert len(cohorts.groupby(["scenario", "replication"])) == len(SCENARIOS) * REPS


def _assert_same_sweep(out: Path, series: pd.DataFrame, reference: tuple[Path, pd.DataFrame]):
    ref_out, ref_series = reference
    pd.testing.assert_frame_equal(series, ref_series, check_exact=True)
    pd.testing.assert_frame_equal(load_runs(out)[1], load_runs(ref_out)[1], check_exact=True)


def test_local_processes_give_identical_tables(reference, tmp_path):
    out = tmp_path / "processes"
    series = run_sweep(SCENARIOS, REPS, MASTER, out, mode="processes", workers=2,
                       progress=False)
    _assert_same_sweep(out, series, reference)


def test_dask_local_cluster_gives_identical_tables(reference, tmp_path):
    out = tmp_path / "dask"
    series = run_sweep(SCENARIOS, REPS, MASTER, out, mode="local", workers=2, progress=False)
    _assert_same_sweep(out, series, reference)


def test_an_existing_dask_scheduler_gives_identical_tables(reference, tmp_path):
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        out = tmp_path / "scheduler"
        series = run_sweep(SCENARIOS, REPS, MASTER, out, mode=address, progress=False)
        with Client(address) as client:                 # the cluster is left running
            assert client.submit(sum, [1, 2]).result() == 3
    _assert_same_sweep(out, series, reference)


KILLED_SWEEP = """
import json, sys, time
from pathlib import Path
import simulation.sweep as sweep
from scenarios.schema import Scenario

run_one = sweep.run_one

def slow(*args):  # half a second per run, so the sweep can be killed between runs
    time.sleep(0.5)
    return run_one(*args)

sweep.run_one = slow
scenarios = [Scenario.model_validate(s) for s in json.loads(sys.argv[1])]
sweep.run_sweep(scenarios, int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]),
                mode="inprocess", progress=True)
"""


def test_a_sweep_killed_half_way_resumes_without_redoing_runs(reference, tmp_path,
                                                               monkeypatch):
    out = tmp_path / "killed"
    runs = grid(SCENARIOS, REPS, MASTER)
    args = [json.dumps([s.model_dump(mode="json") for s in SCENARIOS]), str(REPS),
            str(MASTER), str(out)]
    proc = subprocess.Popen([sys.executable, "-c", KILLED_SWEEP, *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not any(run_path(out, run).exists() for run in runs):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "no run finished within 60 s"
            time.sleep(0.01)
    finally:
        proc.kill()
        proc.wait()
    done = [run for run in runs if run_path(out, run).exists()]
    assert 1 <= len(done) < len(runs), "the sweep was not killed half-way"
    mtimes = {run: os.stat(run_path(out, run)).st_mtime_ns for run in done}

    calls: list[Run] = []

    def counting(scenario_json, params_json, replication, seed):
        calls.append(Run(Scenario.model_validate_json(scenario_json).name, replication, seed))
        return run_one(scenario_json, params_json, replication, seed)

    run_one = sweep.run_one
    monkeypatch.setattr(sweep, "run_one", counting)
    series = run_sweep(SCENARIOS, REPS, MASTER, out, mode="inprocess", progress=False)
    assert sorted(calls, key=str) == sorted(set(runs) - set(done), key=str)
    assert {run: os.stat(run_path(out, run)).st_mtime_ns for run in done} == mtimes
    _assert_same_sweep(out, series, reference)


def test_finished_sweep_is_not_rerun_and_can_be_extended(reference, tmp_path, monkeypatch):
    out = tmp_path / "extended"
    shutil.copytree(reference[0], out)
    (run_path(out, Run("a", 1, 0)).parent / ".rep0002.parquet.1.x.tmp").write_bytes(b"half")
    calls: list[tuple] = []
    run_one = sweep.run_one
    monkeypatch.setattr(sweep, "run_one", lambda *a: calls.append(a[2:]) or run_one(*a))
    again = run_sweep(SCENARIOS, REPS, MASTER, out, mode="inprocess", progress=False)
    assert calls == []
    pd.testing.assert_frame_equal(again, reference[1], check_exact=True)
    more = run_sweep(SCENARIOS, REPS + 1, MASTER, out, mode="inprocess", progress=False)
    third = replication_seeds(MASTER, REPS + 1)[REPS]
    assert sorted(calls) == [(REPS, third)] * len(SCENARIOS)   # a leftover .tmp is not a run
    pd.testing.assert_frame_equal(more[more.replication < REPS].reset_index(drop=True),
                                  reference[1], check_exact=True)
    assert json.loads((out / "sweep.json").read_text())["replications"] == REPS + 1


def test_another_grid_in_the_same_folder_is_refused(reference, tmp_path):
    out = tmp_path / "mismatch"
    shutil.copytree(reference[0], out)
    changed = SCENARIOS[0].model_copy(update={"parameters": {"early_exposure": 0.1}})
    with pytest.raises(ValueError, match=r"another scenario named 'a'") as err:
        run_sweep([changed], REPS, MASTER, out, mode="inprocess", progress=False)
    assert "\n" not in str(err.value)
    with pytest.raises(ValueError, match="master_seed"):
        run_sweep(SCENARIOS, REPS, MASTER + 1, out, mode="inprocess", progress=False)
    # a new description or replication count is the same scenario; a new name is a new one
    renamed = SCENARIOS[0].model_copy(update={"description": "same runs", "replications": 9})
    assert run_sweep([renamed], REPS, MASTER, out, mode="inprocess",
                     progress=False).scenario.unique().tolist() == ["a"]


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="mode"):
        run_sweep(SCENARIOS, REPS, MASTER, tmp_path, mode="threads", progress=False)
    with pytest.raises(ValueError, match="unique"):
        run_sweep([SCENARIOS[0], SCENARIOS[0]], REPS, MASTER, tmp_path, progress=False)
    with pytest.raises(ValueError, match="replications"):
        run_sweep(SCENARIOS, 0, MASTER, tmp_path, progress=False)

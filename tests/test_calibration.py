"""Calibration: targets file, target statistics, the quick fit and its reproducibility."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from calibration.targets import Target, load_targets, simulated

ROOT = Path(__file__).resolve().parent.parent


def test_targets_file_is_complete_and_fit_and_check_are_disjoint():
    targets = load_targets()
    fit = [t for t in targets if t.use == "fit"]
    check = [t for t in targets if t.use == "check"]
    assert len(targets) >= 25 and len(check) >= 8 and fit
    def key(t):
        return (t.metric, t.group, t.year, t.year_end, t.statistic)
    assert not {key(t) for t in fit} & {key(t) for t in check}
    assert all(t.source for t in targets)


def _series() -> pd.DataFrame:
    rows = [(y, "bbl_starts", "all", 100.0 + 10 * (y - 2013)) for y in range(2013, 2020)]
    rows += [(y, "graduates", "all", 50.0) for y in range(2013, 2020)]
    return pd.DataFrame(rows, columns=["year", "metric", "group", "value"])


@pytest.mark.parametrize(("statistic", "year", "end", "expected"), [
    ("level", 2015, None, 120.0), ("mean", 2013, 2015, 110.0), ("change", 2013, 2019, 60.0),
    ("ratio", 2018, 2019, 160.0 / 150.0), ("ratio_to:graduates|all", 2013, None, 2.0)])
def test_target_statistics(statistic, year, end, expected):
    t = Target(id="x", metric="bbl_starts", group="all", year=year, year_end=end,
               statistic=statistic, value=0, tolerance=1, use="fit", source="test")
    assert simulated(t, _series(), pd.DataFrame()) == pytest.approx(expected)


def test_cohort_target():
    cohorts = pd.DataFrame({"birth_cohort": [2000, 2001, 2001], "gender": ["female"] * 3,
                            "vo_tech": [0.2, 0.4, 0.4]})
    t = Target(id="c", metric="cohort:vo_tech", group="female", year=2000, year_end=2001,
               value=0, tolerance=1, use="check", source="test")
    assert simulated(t, pd.DataFrame(columns=["year", "metric", "group", "value"]),
                     cohorts) == pytest.approx(1.0 / 3.0)


def test_quick_calibration_runs_and_is_reproducible(tmp_path):
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name / "fitted.toml"
        out.parent.mkdir()
        result = subprocess.run([sys.executable, str(ROOT / "run.py"), "calibrate", "--quick",
                                 "--seed", "5", "--out", str(out)], capture_output=True,
                                text=True, cwd=ROOT, timeout=600)
        assert result.returncode == 0, result.stderr
        assert (out.parent / "fit_report.md").stat().st_size > 0
        assert (out.parent / "fit.png").stat().st_size > 0
        outs.append(out.read_text())
    assert outs[0] == outs[1]
    assert "nontech_job_finding" in outs[0] and "zij_instroom" in outs[0]


def test_validate_reports_every_check_target(tmp_path):
    """Every check target gets a row with its verdict and the mean's Monte Carlo standard
    error (2 replications, run in 2 worker processes); the exit code says whether all pass."""
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "validate", "--reps", "2",
                             "--scale", "2000", "--out", str(tmp_path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=600)
    assert result.returncode in (0, 1), result.stderr  # 1 = some check target fails
    report = (tmp_path / "validation.md").read_text()
    for target in load_targets():
        if target.use == "check":
            assert target.id in report
    assert (tmp_path / "validation.png").stat().st_size > 0
    assert (tmp_path / "validation_replay.png").stat().st_size > 0
    assert "validation_replay.png" in report
    failed = report.count("| FAIL |")
    assert (result.returncode == 0) == (failed == 0)
    assert "| standard error |" in report and "| nan |" not in report


def test_validate_rejects_a_replication_count_below_one(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "validate", "--reps", "0",
                             "--out", str(tmp_path / "v")], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "--reps must be at least 1" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "v").exists()


def test_quick_calibration_leaves_the_committed_fit_alone():
    """`calibrate --quick` without --out writes to outputs/calibration-quick/, never over
    calibration/fitted.toml, which every scenario loads."""
    committed = ROOT / "calibration" / "fitted.toml"
    before = committed.read_bytes()
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "calibrate", "--quick"],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert committed.read_bytes() == before
    assert (ROOT / "outputs" / "calibration-quick" / "fitted.toml").is_file()


def test_the_fit_starts_from_the_defaults_and_seeded_latin_hypercube_points():
    """Round 1 starts from the documented defaults and `starts - 1` Latin-hypercube points
    that depend only on the seed, so a re-run starts (and ends) at the same place."""
    import numpy as np

    from calibration.fit import FitSettings, start_points

    x0 = np.full(5, 0.3)
    points = start_points(x0, FitSettings(seed=7, starts=3))
    assert len(points) == 3 and points[0] is x0
    assert all(((p >= 0) & (p <= 1)).all() for p in points)
    again = start_points(x0, FitSettings(seed=7, starts=3))
    assert all((a == b).all() for a, b in zip(points, again, strict=True))
    other = start_points(x0, FitSettings(seed=8, starts=3))
    assert not (other[1] == points[1]).all()
    assert start_points(x0, FitSettings(starts=1)) == [x0]


def test_a_multi_start_fit_goes_on_from_the_best_start(tmp_path):
    """With two starts, round 1 runs both (in worker processes) and keeps the lower
    objective; the report lists both starts."""
    from dataclasses import replace

    from calibration.fit import FitSettings, calibrate

    settings = replace(FitSettings.quick(seed=3), starts=2, max_evaluations=4,
                       reference_rounds=1, polish_evaluations=0)
    summary = calibrate(settings, out=tmp_path / "fitted.toml", progress=False)
    (first, n1), (second, n2) = summary["start_objectives"]
    assert n1 > 0 and n2 > 0 and first != second
    assert summary["evaluations"] == n1 + n2
    assert summary["objective"] == min(first, second)
    report = (tmp_path / "fit_report.md").read_text()
    assert f"| 1 | {first:.3f} | {n1} |" in report and f"| 2 | {second:.3f} | {n2} |" in report


def test_the_closing_passes_only_lower_the_objective_at_their_reference(tmp_path):
    """The line-search passes after the rounds start from the rounds' result; each pass runs
    at the tightness the previous step produced and moves a parameter only to a lower
    objective; passes repeat until the budget is spent or one moves nothing; their
    evaluations count, and the report lists them."""
    from dataclasses import replace

    from calibration.fit import FitSettings, calibrate

    base = replace(FitSettings.quick(seed=3), reference_rounds=1)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    without = calibrate(replace(base, polish_evaluations=0), out=tmp_path / "a" / "f.toml",
                        progress=False)
    with_ = calibrate(replace(base, polish_evaluations=60), out=tmp_path / "b" / "f.toml",
                      progress=False)
    passes = with_["passes"]
    assert len(passes) >= 2, passes   # 60 evaluations: more than one pass of 2 line searches
    refs = with_["references"]
    assert refs[0] == without["references"][0]          # the same round before the passes
    for k, (reference, start, end, n) in enumerate(passes):
        assert reference == refs[k][1]                  # the tightness the step before produced
        assert end <= start and n > 0
    assert with_["objective"] == passes[-1][2]
    assert with_["evaluations"] == without["evaluations"] + sum(p[3] for p in passes)
    assert with_["evaluations"] <= without["evaluations"] + 60
    assert with_["parameters"]["reference_tightness"] == passes[-1][0]
    report = (tmp_path / "b" / "fit_report.md").read_text()
    assert "passes of line searches" in report and "| pass 1 |" in report


def test_fitted_values_are_written_at_full_precision(tmp_path):
    """The baseline must run the very parameter set the fit report simulated: the file reads
    back bit-identical floats, not values rounded to a few digits."""
    from calibration.fit import FitSettings, load_fitted, write_fitted

    values = {"beta_quality": 3.158990123456789, "okun": 0.0578312419, "tech_separation": 0.0}
    path = tmp_path / "fitted.toml"
    write_fitted(path, {"parameters": values, "settings": FitSettings(), "evaluations": 1,
                        "objective": 1.0})
    assert load_fitted(path) == values


def test_replications_in_worker_processes_equal_those_in_one_process():
    """Common random numbers hold wherever a replication runs: the pool returns each seed's
    target values and tightness path, in seed order, exactly as a sequential run does."""
    from calibration.fit import (
        FitSettings,
        derived_reference,
        replication_pool,
        run_end_year,
        run_replications,
    )
    from calibration.targets import load_targets

    targets = [t for t in load_targets() if t.use == "fit"]
    end = run_end_year(targets)
    settings = FitSettings(reps=3, scale=4000.0, workers=2)
    values = {"okun": 0.1}
    alone = run_replications(values, targets, settings, end)
    with replication_pool(2):
        pooled = run_replications(values, targets, settings, end)
    assert len(pooled) == 3
    for a, b in zip(alone, pooled, strict=True):
        np.testing.assert_array_equal(a.values, b.values)
        assert a.tightness == b.tightness
    assert not np.array_equal(alone[0].values, alone[1].values, equal_nan=True)  # seeds differ
    assert derived_reference(alone, 2013, end) == derived_reference(pooled, 2013, end)


def test_a_derived_reference_outside_the_allowed_range_is_held_at_its_edge():
    """A round whose fit leaves almost no vacancy open derives a tightness below
    `reference_tightness`'s range; the next round runs at the edge instead of failing."""
    from calibration.fit import usable_reference
    from simulation.parameters import Parameters

    with pytest.raises(ValueError):
        Parameters(reference_tightness=0.0014)
    for own in (0.0014, 1e6):
        edge = usable_reference(own)
        assert Parameters(reference_tightness=edge).reference_tightness == edge
    assert usable_reference(0.0014) < usable_reference(0.44) == 0.44 < usable_reference(1e6)

"""Command line: the main job writes every output; bad input fails cleanly (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("runs") / "baseline"
    result = cli("run", "--scale", "500", "--end", "2020", "--seed", "3", "--out", str(out),
                 "--quiet")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    return out


def test_run_writes_every_output(run_dir):
    for name in ("series.parquet", "series.csv", "cohorts.parquet", "cohorts.csv",
                 "manifest.json", "report.md", "pipeline.png", "tech_share_gender.png",
                 "leerwerkplekken.png", "labour_market.png"):
        assert (run_dir / name).stat().st_size > 0, name
    series = pd.read_parquet(run_dir / "series.parquet")
    assert list(series.columns) == ["year", "metric", "group", "value"]
    assert series.year.min() == 2013 and series.year.max() == 2020
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["scale"] == 500
    assert manifest["versions"]["mesa"].startswith("3.5")
    assert manifest["git_commit"]
    report = (run_dir / "report.md").read_text()
    assert "leerwerkplekken.png" in report


def test_report_numbers_come_from_the_run(run_dir):
    series = pd.read_parquet(run_dir / "series.parquet")
    sel = series[(series.metric == "tech_share") & (series.group == "havo|female")
                 & (series.year == 2013)]
    value = f"{100 * sel['value'].iloc[0]:.1f}%"
    assert value in (run_dir / "report.md").read_text()


def test_same_seed_same_tables_through_the_cli(run_dir, tmp_path):
    out = tmp_path / "again"
    assert cli("run", "--scale", "500", "--end", "2020", "--seed", "3", "--out", str(out),
               "--quiet").returncode == 0
    assert (out / "series.csv").read_bytes() == (run_dir / "series.csv").read_bytes()
    assert (out / "cohorts.csv").read_bytes() == (run_dir / "cohorts.csv").read_bytes()


def test_help_explains_every_option():
    text = cli("run", "--help").stdout
    for option in ("--seed", "--scale", "--out", "--end", "--quiet"):
        assert option in text


BAD = {
    "missing": None,
    "malformed": "name = 'x'\nstart = [unclosed\n",
    "unknown_parameter": "name = 'x'\n[parameters]\nearly_exposur = 0.5\n",
    "out_of_range": "name = 'x'\n[parameters]\nearly_exposure = 1.7\n",
    "wrong_type": "name = 'x'\nscale = 'big'\n",
    "unknown_field": "name = 'x'\nreplicas = 3\n",
    "end_before_start": "name = 'x'\nstart = 2020\nend = 2015\n",
    "bad_shock": "name = 'x'\n[macro]\npath = 'recession_2009'\n",
}
EXPECT = {
    "missing": "not found",
    "malformed": "not valid TOML",
    "unknown_parameter": "parameters.early_exposur",
    "out_of_range": "allowed 0.0 to 1.0",
    "wrong_type": "scale",
    "unknown_field": "replicas",
    "end_before_start": "end",
    "bad_shock": "shock_start",
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_input_is_one_clear_line_exit_2_and_no_output(kind, tmp_path):
    path = tmp_path / f"{kind}.toml"
    if BAD[kind] is not None:
        path.write_text(BAD[kind])
    out = tmp_path / "out"
    result = cli("run", str(path), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and EXPECT[kind] in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert not any(p.name.startswith(".out") for p in tmp_path.iterdir())


def test_bad_command_line_value_is_named_as_such(tmp_path):
    out = tmp_path / "out"
    result = cli("run", "--scale", "0", "--out", str(out))
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "--scale" in line and "allowed 1.0 to" in line and "\n" not in line
    assert not out.exists()

"""Tests for simulation.report: files, round trips, figures and report numbers."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulation.report import PLOT_FILES, write_outputs

YEARS = list(range(2013, 2021))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TABLE_FILES = ("series.parquet", "series.csv", "cohorts.parquet", "cohorts.csv")
ALL_FILES = (*TABLE_FILES, "manifest.json", "report.md", *PLOT_FILES.values())

# Deterministic synthetic inputs; the values are referenced by the assertions below.
HAVO_GIRLS = [0.351, 0.355, 0.36, 0.37, 0.38, 0.39, 0.40, 0.412]
VMBO_GIRLS = [0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12]
OUTPUT_GAP = [0.5, 1.0, -0.5, -3.2, -1.0, 0.0, 0.8, 1.2]  # deepest in 2016
BBL_OFFERED = [40_000, 42_500, 41_000, 35_250, 37_000, 39_000, 40_000, 41_000]  # peak 2014
WORKFORCE = [1_200_000 + 15_000 * i for i in range(len(YEARS))]


def _rows(metric: str, group: str, values: list[float]) -> list[dict]:
    """Tidy rows for one metric/group over YEARS."""
    return [
        {"year": y, "metric": metric, "group": group, "value": float(v)}
        for y, v in zip(YEARS, values, strict=True)
    ]


def make_series() -> pd.DataFrame:
    """Synthetic series; `tech_vacancies` and `tech_share` for wo are deliberately missing."""
    rows: list[dict] = []
    base = {"primary": 1_450_000, "vmbo": 200_000, "havo": 140_000, "vwo": 150_000,
            "mbo_bol": 380_000, "mbo_bbl": 110_000, "hbo": 450_000, "wo": 300_000,
            "no_place": 4_000}
    for level, start in base.items():
        rows += _rows("pupils", level, [start * (1 + 0.01 * i) for i in range(len(YEARS))])
    for level, share in {"vmbo": 0.30, "havo": 0.45, "vwo": 0.55, "mbo": 0.28, "hbo": 0.25}.items():
        rows += _rows("tech_share", f"{level}|male", [share + 0.01 * i for i in range(8)])
        rows += _rows("tech_share", f"{level}|all", [share / 2 + 0.01 * i for i in range(8)])
        if level not in ("havo", "vmbo"):
            rows += _rows("tech_share", f"{level}|female", [share / 3] * len(YEARS))
    rows += _rows("tech_share", "havo|female", HAVO_GIRLS)
    rows += _rows("tech_share", "vmbo|female", VMBO_GIRLS)
    for level, n in {"mbo": 60_000, "hbo": 25_000, "wo": 9_000}.items():
        rows += _rows("tech_entrants", level, [n + 500 * i for i in range(len(YEARS))])
    rows += _rows("output_gap", "aggregate", OUTPUT_GAP)
    rows += _rows("bbl_places_offered", "all", BBL_OFFERED)
    rows += _rows("bbl_places_filled", "all", [0.9 * v for v in BBL_OFFERED])
    rows += _rows("bbl_without_place", "all", [3_000 + 100 * i for i in range(len(YEARS))])
    rows += _rows("internships_offered", "all", [120_000] * len(YEARS))
    rows += _rows("internships_filled", "all", [110_000] * len(YEARS))
    rows += _rows("bol_without_internship", "all", [2_000] * len(YEARS))
    rows += _rows("mbo_dropouts", "all", [25_000] * len(YEARS))
    rows += _rows("tech_workforce", "all", WORKFORCE)
    rows += _rows("tech_workforce", "female", [0.15 * v for v in WORKFORCE])
    rows += _rows("tech_workforce", "male", [0.85 * v for v in WORKFORCE])
    rows += _rows("tech_unemployed", "all", [40_000 - 1_000 * i for i in range(len(YEARS))])
    rows += _rows("tech_tightness", "all", [1.5 + 0.1 * i for i in range(len(YEARS))])
    rows += _rows("unemployment_rate", "all", [7.3, 7.4, 6.9, 6.0, 4.9, 3.8, 3.4, 3.8])
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype(int)
    return frame


def make_cohorts() -> pd.DataFrame:
    """Synthetic cohort table with NaN for outcomes not observed within the run."""
    rows = []
    for birth in range(1995, 2005):
        for gender, vo in (("female", 0.12), ("male", 0.41)):
            rows.append({
                "birth_cohort": birth, "gender": gender, "n": 100_000.0 + birth,
                "vo_tech": vo, "post_tech": vo + 0.05,
                "tech_work_25": vo - 0.02 if birth <= 1995 else np.nan,
                "tech_work_35": np.nan,
            })
    return pd.DataFrame(rows)


MANIFEST = {
    "scenario_file": "scenarios/baseline.yaml", "seed": 12345, "scale": 100, "start": 2013,
    "end": 2020, "versions": {"python": "3.12.1", "numpy": np.__version__},
    "git_commit": "abc1234def",
}


@pytest.fixture(scope="module")
def written(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, Path], pd.DataFrame, pd.DataFrame, str]:
    """Run write_outputs once on the synthetic data; return paths, inputs and report text."""
    out_dir = tmp_path_factory.mktemp("report") / "run"
    series, cohorts = make_series(), make_cohorts()
    paths = write_outputs(out_dir, series, cohorts, MANIFEST, title="Test run")
    return paths, series, cohorts, (out_dir / "report.md").read_text(encoding="utf-8")


def test_all_files_written_and_non_empty(written: tuple) -> None:
    """Every promised file is returned, exists and is non-empty."""
    paths, *_ = written
    assert set(paths) == set(ALL_FILES)
    for name, path in paths.items():
        assert path.name == name
        assert path.is_file()
        assert path.stat().st_size > 0


def test_tables_round_trip(written: tuple) -> None:
    """Parquet files round-trip to the inputs; CSVs have the same rows."""
    paths, series, cohorts, _ = written
    pd.testing.assert_frame_equal(pd.read_parquet(paths["series.parquet"]), series)
    pd.testing.assert_frame_equal(pd.read_parquet(paths["cohorts.parquet"]), cohorts)
    assert len(pd.read_csv(paths["series.csv"])) == len(series)
    assert len(pd.read_csv(paths["cohorts.csv"])) == len(cohorts)


def test_manifest_json(written: tuple) -> None:
    """manifest.json holds the manifest, indented with sorted keys."""
    paths, *_ = written
    text = paths["manifest.json"].read_text(encoding="utf-8")
    assert json.loads(text) == MANIFEST
    assert text == json.dumps(MANIFEST, indent=2, sort_keys=True) + "\n"


def test_plots_are_png(written: tuple) -> None:
    """Every figure starts with the PNG signature."""
    paths, *_ = written
    for name in PLOT_FILES.values():
        assert paths[name].read_bytes()[:8] == PNG_SIGNATURE


def test_report_links_and_facts(written: tuple) -> None:
    """The report has the title, run facts, plot links and help section."""
    _, _, _, report = written
    assert report.startswith("# Test run\n")
    for name in PLOT_FILES.values():
        assert f"]({name})" in report
    for fact in ("12345", "abc1234def", "2013-2020", "scenarios/baseline.yaml", "100"):
        assert fact in report
    assert "## How to read these outputs" in report


def test_report_numbers_computed_from_data(written: tuple) -> None:
    """Numbers in the report match those computed here."""
    _, _, cohorts, report = written
    first, last = f"{100 * HAVO_GIRLS[0]:.1f}%", f"{100 * HAVO_GIRLS[-1]:.1f}%"
    assert (first, last) == ("35.1%", "41.2%")
    assert (f"In 2013 the technical share among havo girls is {first} and in 2020 it is "
            f"{last}.") in report
    # BBL places peak in 2014 before the deepest output gap in 2016.
    assert (f"BBL places offered fell from {BBL_OFFERED[1]:,.0f} in 2014 to "
            f"{BBL_OFFERED[3]:,.0f} in 2016") in report
    assert "the year with the deepest output gap, -3.2% of potential GDP" in report
    # Workforce with thousands separators.
    assert (f"The technical workforce grows from {WORKFORCE[0]:,.0f} in 2013 to "
            f"{WORKFORCE[-1]:,.0f} in 2020") in report
    assert "Women make up 15.0%" in report
    vmbo_avg = f"{100 * np.mean(VMBO_GIRLS):.1f}%"
    assert (
        "Girls' share in vmbo techniek (share of vmbo girls in the techniek sector) "
        f"averages {vmbo_avg} over 2013-2020"
    ) in report
    # Cohort table: first and last cohorts, values in %, not-observed shown as "-".
    assert "| 1995 | female | 101,995 | 12.0 | 17.0 | 10.0 | - |" in report
    assert "| 2004 | male | 102,004 | 41.0 | 46.0 | - | - |" in report
    assert "| 1999 |" not in report
    assert int(cohorts["birth_cohort"].max()) == 2004


def test_missing_metrics_are_not_available(written: tuple) -> None:
    """Missing metrics are reported as 'not available'."""
    _, _, _, report = written
    assert "Technical vacancies: not available." in report
    assert "The technical share among wo female students: not available." in report


def test_missing_output_gap_and_empty_inputs(tmp_path: Path) -> None:
    """No output gap, or no data at all, does not raise."""
    series = make_series()
    no_gap = series[series["metric"] != "output_gap"].reset_index(drop=True)
    write_outputs(tmp_path / "no_gap", no_gap, make_cohorts(), MANIFEST)
    report = (tmp_path / "no_gap" / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Baseline\n")
    assert "the output gap is not available" in report

    empty_series = series.iloc[0:0].reset_index(drop=True)
    empty_cohorts = make_cohorts().iloc[0:0].reset_index(drop=True)
    paths = write_outputs(tmp_path / "empty", empty_series, empty_cohorts, {"seed": 1})
    assert set(paths) == set(ALL_FILES)
    report = paths["report.md"].read_text(encoding="utf-8")
    assert "Cohort table: not available." in report
    assert "Technical workforce: not available." in report
    assert "BBL places offered: not available." in report
    for name in PLOT_FILES.values():
        assert paths[name].read_bytes()[:8] == PNG_SIGNATURE

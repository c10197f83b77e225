"""Stress-test leerwerkplekken: a shock with and without bridging policies.

From one base scenario (default `scenarios/baseline.toml`) the test builds a reference without
the shock, the shock without policy ("none"), and the shock with each requested policy active
from the shock's first year to the end of the run. All run with common random numbers. Against
the reference it reports, per variant (mean and 90% band over replications):

* places lost: BBL places offered below the reference, summed over the shock window (place-years);
* starts lost: technical BBL starts below the reference over the window (persons): fewer
  apply when fewer places are on offer (`education.bbl_outlook`) and fewer of those who
  apply find a place;
* students without a place: extra BBL applicants without a place over the window (persons);
* extra mbo dropouts and extra switches out of techniek over the window (persons);
* the technical-workforce shortfall 5 and 10 years after the shock starts (persons);
* years to recover: from the shock's start until places offered are back within 3% of the
  reference (mean paths; "not within the run" otherwise);
* each policy's cumulative public cost and deadweight (million euro), the places it kept
  against "none", and the public cost per place-year kept.

The window runs from the shock's first year to 3 years after its last negative gap year.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from scenarios.schema import Scenario
from simulation.compare import HIGH, LOW, fmt, plot

SHOCK_NAMES = ("recession_2009", "covid_2020")
RECOVERY_TOLERANCE = 0.03
REFERENCE, NONE = "no_shock", "none"


def build_variants(base: Scenario, macro: dict, policies: list[str], shock_start: int,
                   policy_end: int | None = None) -> list[Scenario]:
    """The reference, the shock without policy, and the shock with each policy."""
    end = policy_end or base.end
    variants = [base.model_copy(update={"name": REFERENCE, "policies": []})]
    shocked = {**base.model_dump(), "macro": macro, "policies": []}
    variants.append(Scenario.model_validate({**shocked, "name": NONE}))
    for kind in policies:
        spec = {"kind": kind, "start": shock_start, "end": end, "intensity": 1.0}
        variants.append(Scenario.model_validate({**shocked, "name": kind, "policies": [spec]}))
    return variants


def shock_window(series: pd.DataFrame, shock_start: int, last_year: int) -> tuple[int, int]:
    """First and last year of the window: shock start to 3 years after the last negative gap
    year of the shock (read from the 'none' run's aggregate output gap)."""
    gap = series[(series.scenario == NONE) & (series.metric == "output_gap")
                 & (series.group == "aggregate") & (series.replication == 0)]
    gap = gap.set_index("year").value
    negative = [int(y) for y, v in gap.items() if y >= shock_start and v < 0]
    run_of_negatives = []
    for y in negative:            # the contiguous run of negative years from the start
        if run_of_negatives and y != run_of_negatives[-1] + 1:
            break
        run_of_negatives.append(y)
    stop = (run_of_negatives[-1] if run_of_negatives else shock_start) + 3
    return shock_start, min(stop, last_year)


def _per_rep(series: pd.DataFrame, metric: str, group: str, years: tuple[int, int]
             ) -> pd.DataFrame:
    """Per (replication, scenario): the metric summed over the years (inclusive)."""
    rows = series[(series.metric == metric) & (series.year >= years[0])
                  & (series.year <= years[1])]
    if group != "*":
        rows = rows[rows.group == group]
    wide = rows.groupby(["replication", "scenario"]).value.sum().unstack("scenario")
    return wide.fillna(0.0)


def _band(x: np.ndarray) -> tuple[float, float, float]:
    return float(np.mean(x)), float(np.percentile(x, LOW)), float(np.percentile(x, HIGH))


def years_to_recover(series: pd.DataFrame, name: str, shock_start: int) -> float:
    """Years from the shock's start until the mean places offered are back within 3% of the
    reference's; NaN if not within the run."""
    offered = series[(series.metric == "bbl_places_offered") & (series.group == "all")]
    mean = offered.groupby(["scenario", "year"]).value.mean().unstack("scenario")
    ref, var = mean[REFERENCE], mean[name]
    below = False
    for year in mean.index[mean.index >= shock_start]:
        short = var[year] < (1 - RECOVERY_TOLERANCE) * ref[year]
        below |= short
        if below and not short:
            return float(year - shock_start)
    return 0.0 if not below else math.nan


def summarise(series: pd.DataFrame, order: list[str], shock_start: int) -> pd.DataFrame:
    """The stress-test table: one row per (variant, measure) with mean and 90% band."""
    last = int(series.year.max())
    window = shock_window(series, shock_start, last)
    measures = (
        ("places_lost", "BBL places offered lost", "place-years", "bbl_places_offered", "all",
         -1),
        ("starts_lost", "technical BBL starts lost", "persons", "bbl_starts", "all", -1),
        ("without_place", "extra applicants without a place", "persons", "bbl_without_place",
         "all", 1),
        ("extra_dropouts", "extra mbo dropouts", "persons", "mbo_dropouts", "all", 1),
        ("switches_out", "extra switches out of techniek", "persons", "switch_out_of_tech",
         "all", 1),
    )
    records = []
    for key, label, unit, metric, group, sign in measures:
        wide = _per_rep(series, metric, group, window)
        for name in order[1:]:
            d = sign * (wide.get(name, 0.0) - wide[REFERENCE]).to_numpy(float)
            records.append((name, key, label, unit, *_band(d)))
    workforce = series[(series.metric == "tech_workforce") & (series.group == "all")]
    tw = workforce.pivot_table(index="replication", columns=["scenario", "year"],
                               values="value")
    for lag in (5, 10):
        year = shock_start + lag
        if year > last:
            continue
        for name in order[1:]:
            d = (tw[(REFERENCE, year)] - tw[(name, year)]).to_numpy(float)
            records.append((name, f"workforce_shortfall_{lag}y",
                            f"technical-workforce shortfall after {lag} years ({year})",
                            "persons", *_band(d)))
    for name in order[1:]:
        yrs = years_to_recover(series, name, shock_start)
        records.append((name, "years_to_recover", "years until places offered recover "
                        "(within 3%)", "years", yrs, math.nan, math.nan))
    cost = _per_rep(series, "policy_public_cost", "*", (shock_start, last))
    dead = _per_rep(series, "policy_deadweight", "*", (shock_start, last))
    places = _per_rep(series, "bbl_places_offered", "all", window)
    for name in order[2:]:
        c = cost.get(name, pd.Series(0.0, index=cost.index)).to_numpy(float)
        dw = dead.get(name, pd.Series(0.0, index=dead.index)).to_numpy(float)
        kept = (places[name] - places[NONE]).to_numpy(float)
        records.append((name, "public_cost", "public cost, shock start to end of run",
                        "million euro", *_band(c)))
        records.append((name, "deadweight", "of which deadweight", "million euro", *_band(dw)))
        records.append((name, "places_kept", "places offered kept against no policy",
                        "place-years", *_band(kept)))
        per = c.mean() * 1e6 / kept.mean() if kept.mean() > 0 and c.mean() > 0 else math.nan
        records.append((name, "euro_per_place_kept", "public cost per place-year kept",
                        "euro", per, math.nan, math.nan))
    table = pd.DataFrame.from_records(records, columns=["variant", "measure", "label", "unit",
                                                        "mean", "p5", "p95"])
    table.attrs["window"] = window
    return table


def markdown(table: pd.DataFrame, shock: str, shock_start: int, reps: int) -> str:
    """The table as Markdown, variants as columns."""
    variants = list(dict.fromkeys(table.variant))
    window = table.attrs.get("window", (shock_start, shock_start))
    lines = [f"# Stress test: {shock} from {shock_start}", "",
             f"Differences to the same run without the shock (`{REFERENCE}`), over the window "
             f"{window[0]}-{window[1]}; mean and 90% band over {reps} replications with common "
             f"random numbers.", "",
             "| measure | unit | " + " | ".join(variants) + " |",
             "|---|---|" + "---:|" * len(variants)]
    for key in dict.fromkeys(table.measure):
        part = table[table.measure == key].set_index("variant")
        cells = []
        for v in variants:
            if v not in part.index:
                cells.append("")
                continue
            r = part.loc[v]
            band = "" if math.isnan(r.p5) else f" ({fmt(r.p5)} to {fmt(r.p95)})"
            cells.append(fmt(r["mean"]) + band)
        first = part.iloc[0]
        lines.append(f"| {first.label} | {first.unit} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


STRESS_PANELS = (("places_offered", "BBL places offered"),
                 ("without_place", "BBL applicants without a place"),
                 ("tech_workforce", "Technical workforce"),
                 ("public_cost", "Public cost of policies, cumulative"))


def write_stress(series: pd.DataFrame, order: list[str], out_dir: Path, shock: str,
                 shock_start: int, reps: int) -> dict[str, Path]:
    """Write stress_test.csv, stress_test.md and stress_test.png into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    table = summarise(series, order, shock_start)
    csv = out_dir / "stress_test.csv"
    table.to_csv(csv, index=False)
    md = out_dir / "stress_test.md"
    md.write_text(markdown(table, shock, shock_start, reps), encoding="utf-8")
    recent = series[series.year >= shock_start - 3]
    png = plot(recent, order, out_dir / "stress_test.png", STRESS_PANELS,
               title=f"Stress test: {shock} from {shock_start}")
    return {"csv": csv, "markdown": md, "plot": png}


"""Compare scenarios run with common random numbers: headline outcomes, bands, paired
differences, cost-effectiveness; a table (CSV and Markdown) and plots with bands over time.

Replication r of every scenario uses the same seed (`simulation.sweep.replication_seeds`), and
per-person draws are keyed on (seed, stream, year, person id) (`agents.draws`), so the same
person meets the same draws in every scenario. The difference of scenario s to the first
scenario is then taken replication by replication (paired); the table also gives the standard
deviation the difference would have if the replications were not paired, to show what common
random numbers buy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

#: band of every table and plot: 5th to 95th percentile over replications (90% band)
LOW, HIGH = 5, 95


@dataclass(frozen=True)
class Outcome:
    """A headline outcome: how to read it from the tidy series, its label and unit."""

    key: str
    label: str
    unit: str
    metric: str
    group: str = "all"
    cumulative: bool = False     # sum over the years up to the reporting year
    scale: float = 1.0           # multiply the value (e.g. shares to percent)


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("tech_workforce", "technical workforce", "thousand persons", "tech_workforce",
            scale=1e-3),
    Outcome("tech_tightness", "technical tightness", "unfilled vacancies per job seeker",
            "tech_tightness"),
    Outcome("girls_vmbo", "girls technical, vmbo", "%", "tech_share", "vmbo|female", scale=100),
    Outcome("girls_havo", "girls N-profile, havo", "%", "tech_share", "havo|female", scale=100),
    Outcome("girls_vwo", "girls N-profile, vwo", "%", "tech_share", "vwo|female", scale=100),
    Outcome("girls_mbo", "women technical, mbo", "%", "tech_share", "mbo|female", scale=100),
    Outcome("girls_hbo", "women technical, hbo", "%", "tech_share", "hbo|female", scale=100),
    Outcome("girls_wo", "women technical, wo", "%", "tech_share", "wo|female", scale=100),
    Outcome("bbl_starts", "BBL starts (year)", "persons", "bbl_starts"),
    Outcome("bbl_places", "BBL places filled (year)", "places", "bbl_places_filled"),
    Outcome("without_place", "BBL applicants without a place (year)", "persons",
            "bbl_without_place"),
    Outcome("dropouts", "mbo dropouts (year)", "persons", "mbo_dropouts"),
    Outcome("public_cost", "public cost, cumulative", "million euro", "policy_public_cost",
            "*", cumulative=True),
    Outcome("deadweight", "deadweight, cumulative", "million euro", "policy_deadweight", "*",
            cumulative=True),
    Outcome("places_cum", "BBL place-years filled, cumulative", "places", "bbl_places_filled",
            cumulative=True),
    # labour migrants fill part of the technical vacancies left open: a policy that adds
    # domestic supply partly displaces them instead of adding to the workforce
    Outcome("migrants_cum", "technical labour migrants, cumulative", "thousand persons",
            "labour_migrants", "tech", cumulative=True, scale=1e-3),
)
#: outcomes only plotted (stress test)
PLOT_ONLY: tuple[Outcome, ...] = (
    Outcome("places_offered", "BBL places offered (year)", "places", "bbl_places_offered"),
)
OUTCOME_BY_KEY = {o.key: o for o in (*OUTCOMES, *PLOT_ONLY)}
REPORT_YEARS = (2030, 2040)


def outcome_values(series: pd.DataFrame, outcome: Outcome, year: int,
                   start: int | None = None) -> pd.DataFrame:
    """Per (scenario, replication): the outcome in `year` (or summed from `start`, or the first
    year, to `year` for a cumulative outcome). Missing metrics (no policy) count as zero."""
    rows = series[series.metric == outcome.metric]
    if outcome.group != "*":
        rows = rows[rows.group == outcome.group]
    if outcome.cumulative:
        lo = start if start is not None else -math.inf
        rows = rows[(rows.year >= lo) & (rows.year <= year)]
    else:
        rows = rows[rows.year == year]
    value = rows.groupby(["scenario", "replication"]).value.sum() * outcome.scale
    keys = series[["scenario", "replication"]].drop_duplicates().set_index(
        ["scenario", "replication"]).index
    return value.reindex(keys, fill_value=0.0).rename("value").reset_index()


def summarise(series: pd.DataFrame, order: list[str], years: tuple[int, ...] = REPORT_YEARS,
              outcomes: tuple[Outcome, ...] = OUTCOMES) -> pd.DataFrame:
    """The comparison table: one row per (scenario, year, outcome) with mean, 90% band, the
    paired difference to the first scenario (mean, band, sd) and the unpaired sd."""
    records = []
    first = order[0]
    for year in years:
        for outcome in outcomes:
            values = outcome_values(series, outcome, year)
            wide = values.pivot(index="replication", columns="scenario", values="value")
            for name in order:
                x = wide[name].to_numpy(float)
                d = (wide[name] - wide[first]).to_numpy(float)
                records.append({
                    "scenario": name, "year": year, "outcome": outcome.key,
                    "label": outcome.label, "unit": outcome.unit,
                    "mean": x.mean(), "p5": np.percentile(x, LOW), "p95": np.percentile(x, HIGH),
                    "diff_mean": d.mean(), "diff_p5": np.percentile(d, LOW),
                    "diff_p95": np.percentile(d, HIGH),
                    "diff_sd_paired": d.std(ddof=1) if len(d) > 1 else math.nan,
                    "diff_sd_unpaired": math.sqrt(x.var(ddof=1) + wide[first].var(ddof=1))
                    if len(d) > 1 else math.nan,
                    "replications": len(x),
                })
    table = pd.DataFrame.from_records(records)
    return pd.concat([table, cost_effectiveness(table)], ignore_index=True)


def cost_effectiveness(table: pd.DataFrame) -> pd.DataFrame:
    """Cost per extra technician in work and per extra leerwerkplek (place-year), from the
    mean cumulative public cost and the paired gain over the first scenario. The band uses
    the gain's band; where the gain's band reaches zero or below, only the point value is
    given (the effect is not distinguishable from zero)."""
    rows = []
    for (name, year), part in table.groupby(["scenario", "year"], sort=False):
        part = part.set_index("outcome")
        cost = part.loc["public_cost", "mean"] * 1e6
        for key, label, gain_key, scale in (
                ("euro_per_technician", "public cost per extra technician in work",
                 "tech_workforce", 1e3),
                ("euro_per_place", "public cost per extra BBL place-year", "places_cum", 1.0)):
            gain = part.loc[gain_key, "diff_mean"] * scale
            lo, hi = part.loc[gain_key, "diff_p5"] * scale, part.loc[gain_key, "diff_p95"] * scale
            mean = cost / gain if cost > 0 and gain > 0 else math.nan
            band_ok = cost > 0 and lo > 0
            rows.append({"scenario": name, "year": year, "outcome": key, "label": label,
                         "unit": "euro", "mean": mean,
                         "p5": cost / hi if band_ok else math.nan,
                         "p95": cost / lo if band_ok else math.nan,
                         "replications": part.loc[gain_key, "replications"]})
    return pd.DataFrame.from_records(rows)


def fmt(value: float) -> str:
    """A number for a Markdown table: thousands separated above 100, '-' for NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def markdown(table: pd.DataFrame, order: list[str], title: str = "Scenario comparison") -> str:
    """The table as Markdown: per reporting year, one row per scenario and outcome."""
    lines = [f"# {title}", "",
             f"Mean over replications with the 90% band (5th-95th percentile), and the paired "
             f"difference to `{order[0]}` (same seeds, same persons). `sd paired` and "
             f"`sd unpaired` are the standard deviations of that difference with and without "
             f"common random numbers. Cost-effectiveness divides the mean cumulative public "
             f"cost by the mean paired gain; '-' where there is no cost or no gain.", ""]
    for year in sorted(table.year.unique()):
        lines += [f"## {year}", "",
                  "| outcome | unit | scenario | mean | 90% band | difference | 90% band "
                  "| sd paired | sd unpaired |",
                  "|---|---|---|---:|---:|---:|---:|---:|---:|"]
        part = table[table.year == year]
        keys = list(dict.fromkeys(part.outcome))
        for key in keys:
            for name in order:
                row = part[(part.outcome == key) & (part.scenario == name)]
                if row.empty:
                    continue
                r = row.iloc[0]
                diff = "" if name == order[0] else fmt(r.get("diff_mean", math.nan))
                dband = "" if name == order[0] or math.isnan(r.get("diff_p5", math.nan)) else (
                    f"{fmt(r['diff_p5'])} to {fmt(r['diff_p95'])}")
                band = "-" if math.isnan(r.p5) else f"{fmt(r.p5)} to {fmt(r.p95)}"
                sdp = "" if name == order[0] else fmt(r.get("diff_sd_paired", math.nan))
                sdu = "" if name == order[0] else fmt(r.get("diff_sd_unpaired", math.nan))
                lines.append(f"| {r.label} | {r.unit} | {name} | {fmt(r['mean'])} | {band} "
                             f"| {diff} | {dband} | {sdp} | {sdu} |")
        lines.append("")
    return "\n".join(lines)


#: panels of the comparison plot: (outcome, title)
PANELS = (("tech_workforce", "Technical workforce"), ("bbl_places", "BBL places filled"),
          ("girls_havo", "Girls' N-profile share, havo"),
          ("public_cost", "Public cost of policies, cumulative"))


def band_paths(series: pd.DataFrame, outcome: Outcome) -> pd.DataFrame:
    """Per (scenario, year): mean, p5 and p95 over replications of the outcome's yearly path."""
    rows = series[series.metric == outcome.metric]
    if outcome.group != "*":
        rows = rows[rows.group == outcome.group]
    per = rows.groupby(["scenario", "replication", "year"]).value.sum() * outcome.scale
    if outcome.cumulative:
        per = per.groupby(level=["scenario", "replication"]).cumsum()
    per = per.reset_index()
    grouped = per.groupby(["scenario", "year"]).value
    return pd.DataFrame({"mean": grouped.mean(), "p5": grouped.quantile(LOW / 100),
                         "p95": grouped.quantile(HIGH / 100)}).reset_index()


def plot(series: pd.DataFrame, order: list[str], path: Path,
         panels: tuple[tuple[str, str], ...] = PANELS, title: str = "") -> Path:
    """Mean paths with 90% bands per scenario, one panel per outcome."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    cols = 2
    rows_n = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(rows_n, cols, figsize=(12, 4 * rows_n), squeeze=False)
    colours = plt.get_cmap("tab10" if len(order) <= 10 else "tab20")
    for ax, (key, panel_title) in zip(axes.flat, panels, strict=False):
        outcome = OUTCOME_BY_KEY[key]
        paths = band_paths(series, outcome)
        for i, name in enumerate(order):
            p = paths[paths.scenario == name]
            if p.empty:
                continue
            ax.plot(p.year, p["mean"], color=colours(i % 20), label=name, lw=1.6)
            ax.fill_between(p.year, p.p5, p.p95, color=colours(i % 20), alpha=0.15, lw=0)
        ax.set_title(panel_title)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("school year")
        ax.set_ylabel(outcome.unit)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(len(order), 5), fontsize=8,
               frameon=False)
    if title:
        fig.suptitle(f"{title} (mean and 90% band over replications)")
    fig.tight_layout(rect=(0, 0.06 + 0.02 * math.ceil(len(order) / 5), 1, 0.97))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_comparison(series: pd.DataFrame, order: list[str], out_dir: Path,
                     years: tuple[int, ...] = REPORT_YEARS) -> dict[str, Path]:
    """Write comparison.csv, comparison.md and comparison.png into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    last = int(series.year.max())
    years = tuple(y for y in years if y <= last) or (last,)
    table = summarise(series, order, years)
    csv = out_dir / "comparison.csv"
    table.to_csv(csv, index=False)
    md = out_dir / "comparison.md"
    md.write_text(markdown(table, order), encoding="utf-8")
    png = plot(series, order, out_dir / "comparison.png", title="Scenario comparison")
    return {"csv": csv, "markdown": md, "plot": png}

"""Write the outputs of one model run: tables, figures and a short Markdown report.

:func:`write_outputs` takes the tidy yearly ``series`` table, the ``cohorts`` table and
the run ``manifest`` and writes into one output directory:

* ``series.parquet`` and ``series.csv``: the tidy table (``year``, ``metric``, ``group``,
  ``value``). Values are persons unless the metric is a share (0..1), a ratio or a
  percentage.
* ``cohorts.parquet`` and ``cohorts.csv``: outcomes per birth cohort and gender (``n`` in
  persons, the other columns shares 0..1, NaN where not observed within the run).
* ``manifest.json``: run provenance (scenario, seed, scale, years, versions, commit),
  indented and with sorted keys.
* ``pipeline.png``, ``tech_share_gender.png``, ``leerwerkplekken.png`` and
  ``labour_market.png``: four figures.
* ``report.md``: a short report whose numbers are computed from the tables, with the
  figures embedded through relative links.

Metric/group combinations that are missing from ``series`` are left out of the figures and
reported as "not available" in the text; missing data never raises.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

matplotlib.use("Agg")  # headless: figures are only written to PNG files

NA = "not available"
DPI = 110

PIPELINE_LEVELS: tuple[str, ...] = (
    "primary", "vmbo", "havo", "vwo", "mbo_bol", "mbo_bbl", "hbo", "wo", "no_place",
)
LEVEL_LABELS: dict[str, str] = {
    "primary": "primary",
    "vmbo": "vmbo",
    "havo": "havo",
    "vwo": "vwo",
    "mbo_bol": "mbo BOL",
    "mbo_bbl": "mbo BBL",
    "hbo": "hbo",
    "wo": "wo",
    "no_place": "mbo, waiting for BBL place",
}
SHARE_LEVELS: tuple[str, ...] = ("vmbo", "havo", "vwo", "mbo", "hbo", "wo")
SCHOOL_LEVELS: frozenset[str] = frozenset({"vmbo", "havo", "vwo"})
GENDERS: tuple[str, ...] = ("female", "male", "all")
GENDER_STYLE: dict[str, tuple[str, str]] = {
    "female": ("tab:red", "-"),
    "male": ("tab:blue", "-"),
    "all": ("0.35", "--"),
}
PLOT_FILES: dict[str, str] = {
    "pipeline": "pipeline.png",
    "tech_share_gender": "tech_share_gender.png",
    "leerwerkplekken": "leerwerkplekken.png",
    "labour_market": "labour_market.png",
}
COHORT_SHARE_COLUMNS: tuple[str, ...] = ("vo_tech", "post_tech", "tech_work_25", "tech_work_35")
SERIES_COLUMNS: frozenset[str] = frozenset({"year", "metric", "group", "value"})


# --------------------------------------------------------------------------- data access


def get_line(series: pd.DataFrame, metric: str, group: str = "all") -> pd.Series | None:
    """Return one metric/group of the tidy table as a year-indexed series.

    Args:
        series: Tidy table with columns ``year``, ``metric``, ``group``, ``value``.
        metric: Metric name, e.g. ``"pupils"``.
        group: Group name, e.g. ``"havo"`` or ``"havo|female"``.

    Returns:
        Values (in the metric's own unit) indexed by year (int), sorted, without NaN;
        duplicate years are averaged. ``None`` if the combination is absent.
    """
    if series.empty or not SERIES_COLUMNS.issubset(series.columns):
        return None
    mask = (series["metric"] == metric) & (series["group"] == group)
    sub = series.loc[mask, ["year", "value"]].dropna()
    if sub.empty:
        return None
    line = sub.groupby("year")["value"].mean().sort_index().astype(float)
    line.index = line.index.astype(int)
    return line


def _first_last(line: pd.Series) -> tuple[int, float, int, float]:
    """Return (first year, first value, last year, last value) of a year-indexed series."""
    return int(line.index[0]), float(line.iloc[0]), int(line.index[-1]), float(line.iloc[-1])


def _manifest_value(manifest: dict, keys: Sequence[str]) -> Any | None:
    """Return the first manifest value found under one of ``keys`` (or ``None``)."""
    for key in keys:
        if manifest.get(key) not in (None, ""):
            return manifest[key]
    return None


# --------------------------------------------------------------------------- formatting


def _finite(value: float | None) -> bool:
    """Return True if ``value`` is a finite number."""
    return value is not None and bool(np.isfinite(value))


def fmt_count(value: float | None) -> str:
    """Format a count of persons with thousands separators, e.g. ``12,345``."""
    return f"{value:,.0f}" if _finite(value) else NA


def fmt_share(share: float | None) -> str:
    """Format a share 0..1 as a percentage with one decimal, e.g. ``35.1%``."""
    return f"{100 * share:.1f}%" if _finite(share) else NA


def fmt_pct(pct: float | None) -> str:
    """Format a value already in percent with one decimal, e.g. ``-2.3%``."""
    return f"{pct:.1f}%" if _finite(pct) else NA


def fmt_ratio(ratio: float | None) -> str:
    """Format a ratio (e.g. vacancies per job seeker) with two decimals."""
    return f"{ratio:.2f}" if _finite(ratio) else NA


def _trend_verb(start: float, end: float, up: str, down: str, flat: str) -> str:
    """Pick a verb for a change from ``start`` to ``end`` (flat within 0.05%)."""
    if np.isclose(start, end, rtol=5e-4, atol=0.0):
        return flat
    return up if end > start else down


def _rel_change(start: float, end: float) -> str:
    """Format the relative change from ``start`` to ``end`` as a signed percentage."""
    if start == 0:
        return NA
    return f"{100 * (end / start - 1):+.1f}%"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> str:
    """Render a Markdown table by hand (no ``tabulate`` dependency).

    Args:
        headers: Column headers.
        rows: Rows of already formatted cells.
        align: One character per column, ``"l"`` (left) or ``"r"`` (right).

    Returns:
        The table as Markdown text (no trailing newline).
    """
    def esc(cell: str) -> str:
        return str(cell).replace("|", "\\|")

    rule = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(esc(h) for h in headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _gender_word(level: str, gender: str) -> str:
    """Return 'girls'/'boys' for school levels, 'women'/'men' after, 'pupils' for all."""
    if gender == "all":
        return "pupils" if level in SCHOOL_LEVELS else "students"
    if level in SCHOOL_LEVELS:
        return "girls" if gender == "female" else "boys"
    return "female students" if gender == "female" else "male students"


# --------------------------------------------------------------------------- file writers


def _write_table(frame: pd.DataFrame, out_dir: Path, stem: str) -> dict[str, Path]:
    """Write ``frame`` as ``<stem>.parquet`` and ``<stem>.csv`` (no index).

    Returns:
        Mapping file name -> path of the two files.
    """
    parquet = out_dir / f"{stem}.parquet"
    csv = out_dir / f"{stem}.csv"
    frame.to_parquet(parquet, index=False)
    frame.to_csv(csv, index=False)
    return {parquet.name: parquet, csv.name: csv}


def _json_default(obj: Any) -> Any:
    """Convert numpy scalars/arrays and paths for ``json.dumps``."""
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serialisable")


def _write_manifest(manifest: dict, out_dir: Path) -> Path:
    """Write ``manifest.json`` with indent 2 and sorted keys."""
    path = out_dir / "manifest.json"
    text = json.dumps(manifest, indent=2, sort_keys=True, default=_json_default)
    path.write_text(text + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- plotting


def _mark_missing(ax: Axes, what: str = "data") -> None:
    """Write '<what> not available' in the middle of an empty panel."""
    ax.text(0.5, 0.5, f"{what}: {NA}", transform=ax.transAxes, ha="center", va="center",
            color="0.45")


def _year_axis(ax: Axes) -> None:
    """Label the x axis as years with integer ticks."""
    ax.set_xlabel("year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _save(fig: Figure, path: Path) -> Path:
    """Save ``fig`` as PNG at :data:`DPI` and close it."""
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return path


def plot_pipeline(series: pd.DataFrame, path: Path) -> Path:
    """Stacked area of persons per education level (thousands of persons) over years."""
    fig, ax = plt.subplots(figsize=(9.5, 5.5))
    found = {lvl: get_line(series, "pupils", lvl) for lvl in PIPELINE_LEVELS}
    lines = {lvl: line for lvl, line in found.items() if line is not None}
    if lines:
        frame = pd.DataFrame(lines).sort_index().fillna(0.0) / 1e3
        labels = [LEVEL_LABELS[c] for c in frame.columns]
        ax.stackplot(frame.index, frame.T.to_numpy(), labels=labels, alpha=0.85)
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  title="level (top of stack first)", fontsize="small")
    else:
        _mark_missing(ax, "pupils")
    ax.set_title("Pupils and students by education level (stacked)")
    ax.set_ylabel("persons (thousands)")
    _year_axis(ax)
    ax.grid(alpha=0.3)
    return _save(fig, path)


def plot_tech_share(series: pd.DataFrame, path: Path) -> Path:
    """Small multiples of the technical share (%) per level, lines per gender."""
    fig, axes = plt.subplots(2, 3, figsize=(12, 7), sharex=True, sharey=True)
    handles: dict[str, Any] = {}
    for ax, level in zip(axes.flat, SHARE_LEVELS, strict=True):
        drawn = False
        for gender in GENDERS:
            line = get_line(series, "tech_share", f"{level}|{gender}")
            if line is None:
                continue
            color, style = GENDER_STYLE[gender]
            (h,) = ax.plot(line.index, 100 * line.to_numpy(), color=color, linestyle=style,
                           label=gender)
            handles.setdefault(gender, h)
            drawn = True
        if not drawn:
            _mark_missing(ax, level)
        ax.set_title(level)
        ax.grid(alpha=0.3)
    for ax in axes[-1]:
        _year_axis(ax)
    for ax in axes[:, 0]:
        ax.set_ylabel("technical share (%)")
    axes.flat[0].set_ylim(bottom=0)
    if handles:
        ordered = [g for g in GENDERS if g in handles]
        fig.legend([handles[g] for g in ordered], ordered, loc="lower center", ncol=3,
                   title="gender", bbox_to_anchor=(0.5, -0.06))
    fig.suptitle("Share of pupils/students in a technical sector, profile or programme")
    fig.tight_layout()
    return _save(fig, path)


def _without_place_line(series: pd.DataFrame) -> pd.Series | None:
    """BBL students without a place: ``bbl_without_place`` or else ``pupils|no_place``."""
    line = get_line(series, "bbl_without_place")
    return line if line is not None else get_line(series, "pupils", "no_place")


def plot_leerwerkplekken(series: pd.DataFrame, path: Path) -> Path:
    """BBL places and internships (thousands, left) with the output gap (% GDP, right)."""
    fig, ax = plt.subplots(figsize=(10, 5.5))
    specs = [
        ("BBL places offered", get_line(series, "bbl_places_offered"), "tab:blue", "-"),
        ("BBL places filled", get_line(series, "bbl_places_filled"), "tab:cyan", "-"),
        ("BBL students without a place", _without_place_line(series), "tab:red", "-"),
        ("internships offered", get_line(series, "internships_offered"), "tab:green", "--"),
        ("internships filled", get_line(series, "internships_filled"), "tab:olive", "--"),
    ]
    drawn = False
    for label, line, color, style in specs:
        if line is not None:
            ax.plot(line.index, line.to_numpy() / 1e3, color=color, linestyle=style, label=label)
            drawn = True
    if not drawn:
        _mark_missing(ax, "places")
    ax.set_ylabel("places / students (thousands)")
    ax.set_ylim(bottom=0)
    _year_axis(ax)
    ax.grid(alpha=0.3)
    gap_ax = ax.twinx()
    gap = get_line(series, "output_gap", "aggregate")
    if gap is not None:
        gap_ax.plot(gap.index, gap.to_numpy(), color="0.3", linestyle=":", marker=".",
                    label="output gap (right axis)")
    gap_ax.axhline(0.0, color="0.5", linewidth=0.8)
    gap_ax.set_ylabel("output gap (% of potential GDP)")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = gap_ax.get_legend_handles_labels()
    if h1 or h2:
        ax.legend(h1 + h2, l1 + l2, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3,
                  fontsize="small")
    ax.set_title("Leerwerkplekken: BBL places, internships and the business cycle")
    return _save(fig, path)


def _workforce_panel(ax: Axes, series: pd.DataFrame) -> None:
    """Technical workforce by gender in millions (or thousands if below one million)."""
    lines = {g: s for g in GENDERS if (s := get_line(series, "tech_workforce", g)) is not None}
    if not lines:
        _mark_missing(ax, "technical workforce")
        ax.set_ylabel("persons")
        return
    peak = max(float(s.max()) for s in lines.values())
    divisor, unit = (1e6, "millions") if peak >= 1e6 else (1e3, "thousands")
    for gender in ("all", "female", "male"):
        if gender in lines:
            color, style = GENDER_STYLE[gender]
            ax.plot(lines[gender].index, lines[gender].to_numpy() / divisor, color=color,
                    linestyle="-" if gender == "all" else style, label=gender)
    ax.set_ylabel(f"persons ({unit})")
    ax.set_ylim(bottom=0)
    ax.legend(title="gender", fontsize="small")


def _vacancy_panel(ax: Axes, series: pd.DataFrame) -> None:
    """Technical vacancies and unemployed (thousands, left) and tightness (ratio, right)."""
    drawn = False
    for label, metric, color in (("technical vacancies", "tech_vacancies", "tab:purple"),
                                 ("unemployed technicians", "tech_unemployed", "tab:orange")):
        line = get_line(series, metric)
        if line is not None:
            ax.plot(line.index, line.to_numpy() / 1e3, color=color, label=label)
            drawn = True
    ax.set_ylabel("persons / vacancies (thousands)")
    ax.set_ylim(bottom=0)
    right = ax.twinx()
    tight = get_line(series, "tech_tightness")
    if tight is not None:
        right.plot(tight.index, tight.to_numpy(), color="0.2", linestyle="--",
                   label="tightness (right axis)")
        drawn = True
    right.set_ylabel("tightness (unfilled vacancies per job seeker)")
    if not drawn:
        _mark_missing(ax, "vacancies and tightness")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = right.get_legend_handles_labels()
    if h1 or h2:
        ax.legend(h1 + h2, l1 + l2, loc="upper left", fontsize="small")


def plot_labour_market(series: pd.DataFrame, path: Path) -> Path:
    """Two panels: technical workforce; technical vacancies, unemployed and tightness."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9.5, 8), sharex=True)
    _workforce_panel(top, series)
    top.set_title("Technical workforce (employed in technical occupations)")
    top.grid(alpha=0.3)
    _vacancy_panel(bottom, series)
    bottom.set_title("Technical vacancies and labour-market tightness")
    bottom.grid(alpha=0.3)
    _year_axis(bottom)
    fig.tight_layout()
    return _save(fig, path)


def write_plots(series: pd.DataFrame, out_dir: Path) -> dict[str, Path]:
    """Write the four PNG figures into ``out_dir``.

    Returns:
        Mapping file name -> path of each figure.
    """
    writers = {
        "pipeline": plot_pipeline,
        "tech_share_gender": plot_tech_share,
        "leerwerkplekken": plot_leerwerkplekken,
        "labour_market": plot_labour_market,
    }
    paths = {}
    for key, writer in writers.items():
        path = writer(series, out_dir / PLOT_FILES[key])
        paths[path.name] = path
    return paths


# --------------------------------------------------------------------------- report text


def _versions_text(versions: Any) -> str:
    """Render the manifest ``versions`` entry (dict or scalar) on one line."""
    if isinstance(versions, dict):
        return ", ".join(f"{k} {v}" for k, v in sorted(versions.items())) or NA
    return NA if versions in (None, "") else str(versions)


def _code(value: Any | None) -> str:
    """Render a manifest value as inline code, or "not available" if missing."""
    return NA if value is None else f"`{value}`"


def _section_run(manifest: dict, series: pd.DataFrame) -> list[str]:
    """Key facts of the run from the manifest (years fall back to the data)."""
    start = _manifest_value(manifest, ("start", "start_year"))
    end = _manifest_value(manifest, ("end", "end_year"))
    if (start is None or end is None) and not series.empty and "year" in series:
        start = int(series["year"].min()) if start is None else start
        end = int(series["year"].max()) if end is None else end
    years = f"{start}-{end}" if start is not None and end is not None else NA
    scale = _manifest_value(manifest, ("scale",))
    facts = [
        ("Scenario", _code(_manifest_value(manifest, ("scenario_file", "scenario")))),
        ("Seed", _code(_manifest_value(manifest, ("seed",)))),
        ("Scale", NA if scale is None else f"`{scale}` (multiplier from agents to persons)"),
        ("Years", years),
        ("Git commit", _code(_manifest_value(manifest, ("git_commit", "commit", "git")))),
        ("Versions", _versions_text(_manifest_value(manifest, ("versions",)))),
    ]
    lines = ["## Run", ""]
    lines += [f"- **{name}:** {value}" for name, value in facts]
    return [*lines, "", "Full provenance is in [manifest.json](manifest.json).", ""]


def _pipeline_table(series: pd.DataFrame) -> str | None:
    """Table of persons per level in the first and last year (None if no data)."""
    rows = []
    for level in PIPELINE_LEVELS:
        line = get_line(series, "pupils", level)
        if line is None:
            rows.append([LEVEL_LABELS[level], NA, NA, NA])
            continue
        y0, v0, y1, v1 = _first_last(line)
        rows.append([LEVEL_LABELS[level], f"{fmt_count(v0)} ({y0})", f"{fmt_count(v1)} ({y1})",
                     _rel_change(v0, v1)])
    if all(r[1] == NA for r in rows):
        return None
    return markdown_table(["level", "first year", "last year", "change"], rows, "lrrr")


def _section_pipeline(series: pd.DataFrame) -> list[str]:
    """Education pipeline: persons per level and technical entrants."""
    lines = ["## Education pipeline", "", f"![Pupils by level]({PLOT_FILES['pipeline']})", ""]
    table = _pipeline_table(series)
    lines += [table if table else f"Pupils by level: {NA}.", ""]
    for level in ("mbo", "hbo", "wo"):
        line = get_line(series, "tech_entrants", level)
        if line is None:
            lines.append(f"- Entrants into technical {level} programmes: {NA}.")
            continue
        y0, v0, y1, v1 = _first_last(line)
        lines.append(f"- Entrants into technical {level} programmes: {fmt_count(v0)} in {y0} "
                     f"and {fmt_count(v1)} in {y1} ({_rel_change(v0, v1)}).")
    return [*lines, ""]


def share_sentence(series: pd.DataFrame, level: str, gender: str) -> str:
    """Sentence on the technical share of one level/gender in the first and last year."""
    who = f"{level} {_gender_word(level, gender)}"
    line = get_line(series, "tech_share", f"{level}|{gender}")
    if line is None:
        return f"The technical share among {who}: {NA}."
    y0, v0, y1, v1 = _first_last(line)
    return (f"In {y0} the technical share among {who} is {fmt_share(v0)} "
            f"and in {y1} it is {fmt_share(v1)}.")


def vmbo_girls_sentence(series: pd.DataFrame) -> str:
    """Sentence on the average share of vmbo girls (and boys) in the techniek sector."""
    girls = get_line(series, "tech_share", "vmbo|female")
    if girls is None:
        return f"Girls' share in vmbo techniek: {NA}."
    boys = get_line(series, "tech_share", "vmbo|male")
    boys_text = fmt_share(boys.mean()) if boys is not None else NA
    return (f"Girls' share in vmbo techniek (share of vmbo girls in the techniek sector) "
            f"averages {fmt_share(girls.mean())} over {girls.index[0]}-{girls.index[-1]}; "
            f"for boys it averages {boys_text}.")


def _section_tech_share(series: pd.DataFrame) -> list[str]:
    """Technical share by level and gender."""
    lines = ["## Technical choices by gender", "",
             f"![Technical share by gender and level]({PLOT_FILES['tech_share_gender']})", "",
             "In vmbo, havo and vwo the share is that of the year's choosers (vmbo leerjaar 3, "
             "4-havo, 4-vwo, as the Monitor Techniekpact counts them); in mbo, hbo and wo that "
             "of all students.", ""]
    for level in SHARE_LEVELS:
        lines.append(f"- {share_sentence(series, level, 'female')} "
                     f"{share_sentence(series, level, 'male')}")
    lines += ["", vmbo_girls_sentence(series), ""]
    switches = get_line(series, "switch_out_of_tech")
    if switches is not None:
        total = fmt_count(switches.sum())
        span = f"{switches.index[0]}-{switches.index[-1]}"
        lines += [f"Switches out of technical programmes total {total} over {span}.", ""]
    return lines


def bbl_cycle_sentence(series: pd.DataFrame) -> str:
    """Sentence relating BBL places offered to the deepest output gap.

    Compares the highest number of places offered up to the trough year (the year with
    the lowest aggregate output gap, % of potential GDP) with the number in that year.
    """
    offered = get_line(series, "bbl_places_offered")
    if offered is None:
        return f"BBL places offered: {NA}."
    gap = get_line(series, "output_gap", "aggregate")
    if gap is None:
        y0, v0, y1, v1 = _first_last(offered)
        return (f"BBL places offered go from {fmt_count(v0)} in {y0} to {fmt_count(v1)} in "
                f"{y1}; the output gap is {NA}, so no business-cycle comparison is made.")
    trough = int(gap.idxmin())
    trough_text = f"the year with the deepest output gap, {fmt_pct(gap.min())} of potential GDP"
    if trough not in offered.index:
        return f"BBL places offered in {trough} ({trough_text}): {NA}."
    before = offered.loc[:trough]
    peak_year, peak, low = int(before.idxmax()), float(before.max()), float(offered.loc[trough])
    if peak_year == trough:
        return (f"BBL places offered are {fmt_count(low)} in {trough} ({trough_text}), "
                f"no lower than in any earlier year.")
    return (f"BBL places offered fell from {fmt_count(peak)} in {peak_year} to {fmt_count(low)} "
            f"in {trough} ({trough_text}), a change of {_rel_change(peak, low)}.")


def _fill_rate_sentence(series: pd.DataFrame, what: str, offered: str, filled: str) -> str:
    """Sentence with the overall fill rate (filled / offered over all years, %)."""
    off, fil = get_line(series, offered), get_line(series, filled)
    if off is None or fil is None:
        return f"Fill rate of {what}: {NA}."
    common = off.index.intersection(fil.index)
    total = float(off.loc[common].sum())
    if total <= 0:
        return f"Fill rate of {what}: {NA}."
    return (f"Over {common[0]}-{common[-1]}, {fmt_share(fil.loc[common].sum() / total)} of "
            f"{what} offered are filled.")


def _waiting_sentence(series: pd.DataFrame) -> str:
    """Sentence on students without a BBL place / internship in the trough or last year."""
    gap = get_line(series, "output_gap", "aggregate")
    no_place, no_intern = _without_place_line(series), get_line(series, "bol_without_internship")
    lines = [x for x in (no_place, no_intern) if x is not None]
    if not lines:
        return f"Students without a BBL place or internship: {NA}."
    year = int(gap.idxmin()) if gap is not None else int(lines[0].index[-1])

    def at(line: pd.Series | None) -> str:
        return fmt_count(line.get(year)) if line is not None and year in line.index else NA

    return (f"In {year}, {at(no_place)} BBL students are without a place and "
            f"{at(no_intern)} BOL students are without an internship.")


def _section_leerwerkplekken(series: pd.DataFrame) -> list[str]:
    """BBL places, internships and the business cycle."""
    bbl_fill = _fill_rate_sentence(series, "BBL places", "bbl_places_offered",
                                   "bbl_places_filled")
    intern_fill = _fill_rate_sentence(series, "internships", "internships_offered",
                                      "internships_filled")
    lines = ["## Leerwerkplekken and the business cycle", "",
             f"![BBL places, internships and output gap]({PLOT_FILES['leerwerkplekken']})", "",
             f"- {bbl_cycle_sentence(series)}", f"- {bbl_fill}", f"- {intern_fill}",
             f"- {_waiting_sentence(series)}"]
    drop_all, drop_tech = get_line(series, "mbo_dropouts"), get_line(series, "mbo_dropouts", "tech")
    if drop_all is None:
        lines.append(f"- mbo dropouts: {NA}.")
    else:
        y0, v0, y1, v1 = _first_last(drop_all)
        tech = f", of which {fmt_count(drop_tech.sum())} technical" if drop_tech is not None else ""
        lines.append(f"- mbo dropouts: {fmt_count(v0)} in {y0} and {fmt_count(v1)} in {y1}; "
                     f"{fmt_count(drop_all.sum())} over the run{tech}.")
    return [*lines, ""]


def workforce_sentence(series: pd.DataFrame) -> str:
    """Sentence on the technical workforce in the first and last year (persons)."""
    line = get_line(series, "tech_workforce")
    if line is None:
        return f"Technical workforce: {NA}."
    y0, v0, y1, v1 = _first_last(line)
    verb = _trend_verb(v0, v1, "grows", "shrinks", "stays roughly constant")
    text = (f"The technical workforce {verb} from {fmt_count(v0)} in {y0} to {fmt_count(v1)} "
            f"in {y1} ({_rel_change(v0, v1)}).")
    female = get_line(series, "tech_workforce", "female")
    if female is not None and {y0, y1}.issubset(female.index) and v0 > 0 and v1 > 0:
        text += (f" Women make up {fmt_share(female[y0] / v0)} of it in {y0} "
                 f"and {fmt_share(female[y1] / v1)} in {y1}.")
    return text


def _vacancy_sentences(series: pd.DataFrame) -> list[str]:
    """Sentences on vacancies, tightness and unemployment."""
    out = []
    vac = get_line(series, "tech_vacancies")
    if vac is None:
        out.append(f"Technical vacancies: {NA}.")
    else:
        y0, v0, y1, v1 = _first_last(vac)
        out.append(f"Technical vacancies (UWV's count, open on a given day): {fmt_count(v0)} "
                   f"in {y0} and {fmt_count(v1)} in {y1}, "
                   f"peaking at {fmt_count(vac.max())} in {int(vac.idxmax())}.")
    tight = get_line(series, "tech_tightness")
    if tight is None:
        out.append(f"Technical tightness: {NA}.")
    else:
        out.append(f"Tightness (technical vacancies left unfilled per job seeker) averages "
                   f"{fmt_ratio(tight.mean())} and peaks at {fmt_ratio(tight.max())} "
                   f"in {int(tight.idxmax())}.")
    rate = get_line(series, "unemployment_rate")
    if rate is None:
        out.append(f"Unemployment rate: {NA}.")
    else:
        y0, v0, y1, v1 = _first_last(rate)
        out.append(f"The unemployment rate is {fmt_pct(v0)} of the labour force in {y0} "
                   f"and {fmt_pct(v1)} in {y1}.")
    return out


def _section_labour_market(series: pd.DataFrame) -> list[str]:
    """Technical labour market."""
    lines = ["## Technical labour market", "",
             f"![Technical workforce, vacancies and tightness]({PLOT_FILES['labour_market']})",
             "", f"- {workforce_sentence(series)}"]
    lines += [f"- {s}" for s in _vacancy_sentences(series)]
    return [*lines, ""]


def cohort_table(cohorts: pd.DataFrame, n_head: int = 3, n_tail: int = 3) -> str | None:
    """Markdown table of the first ``n_head`` and last ``n_tail`` birth cohorts.

    Counts are persons, shares are shown in %; NaN (not observed) is shown as "-".

    Returns:
        The table, or ``None`` if the cohort table is empty or lacks key columns.
    """
    if cohorts.empty or not {"birth_cohort", "gender"}.issubset(cohorts.columns):
        return None
    births = sorted(cohorts["birth_cohort"].dropna().unique())
    if not births:
        return None
    shown = births if len(births) <= n_head + n_tail else births[:n_head] + births[-n_tail:]
    frame = cohorts[cohorts["birth_cohort"].isin(shown)].sort_values(["birth_cohort", "gender"])
    shares = [c for c in COHORT_SHARE_COLUMNS if c in frame.columns]
    headers = ["birth cohort", "gender", "n (persons)"] + [f"{c} (%)" for c in shares]

    def cell(value: Any, share: bool) -> str:
        if not _finite(value):
            return "-"
        return f"{100 * value:.1f}" if share else fmt_count(value)

    rows, gap_row = [], len(births) > len(shown)
    for _, rec in frame.iterrows():
        if gap_row and rec["birth_cohort"] == shown[n_head]:
            rows.append(["..."] * len(headers))
            gap_row = False
        rows.append([str(int(rec["birth_cohort"])), str(rec["gender"]),
                     cell(rec.get("n"), share=False)] + [cell(rec[c], share=True) for c in shares])
    return markdown_table(headers, rows, "ll" + "r" * (len(headers) - 2))


def _section_cohorts(cohorts: pd.DataFrame) -> list[str]:
    """Cohort outcomes table."""
    table = cohort_table(cohorts)
    lines = ["## Cohorts", ""]
    if table is None:
        return [*lines, f"Cohort table: {NA}.", ""]
    intro = (
        "Shares per birth cohort and gender (first and last cohorts; all cohorts are in "
        "[cohorts.csv](cohorts.csv)). `vo_tech`: technical vmbo sector or N-profile at the vo "
        "decision; `post_tech`: technical mbo/hbo/wo programme among entrants; `tech_work_25` "
        '/ `tech_work_35`: in technical work at age 25 / 35. "-" = not observed in the run.'
    )
    return [*lines, intro, "", table, ""]


HOW_TO_READ: tuple[str, ...] = (
    (
        "`series.parquet` / `series.csv`: one row per `year`, `metric`, `group` with a "
        "`value`. Counts are real persons (already multiplied by the scale); `tech_share` is "
        "a share 0..1 (`group` = `LEVEL|GENDER`), `output_gap` and `unemployment_rate` are "
        "in %, `tech_vacancies` is UWV's count (open on a given day; "
        "`tech_vacancies_unfilled` is what a year leaves unfilled), `tech_tightness` is the "
        "unfilled technical vacancies per technical job seeker."
    ),
    (
        "`cohorts.parquet` / `cohorts.csv`: outcomes per birth cohort and gender; `n` in "
        "persons, other columns shares 0..1, empty/NaN where the cohort was not observed at "
        "that age within the run."
    ),
    (
        "`manifest.json`: scenario, seed, scale, years, package versions and git commit; "
        "with the same manifest the run can be reproduced."
    ),
    f"`{PLOT_FILES['pipeline']}`: persons per education level, stacked, in thousands.",
    f"`{PLOT_FILES['tech_share_gender']}`: technical share (%) per level, female/male/all.",
    (
        f"`{PLOT_FILES['leerwerkplekken']}`: BBL places and internships (thousands, left "
        "axis) against the aggregate output gap (% of potential GDP, right axis)."
    ),
    (
        f"`{PLOT_FILES['labour_market']}`: technical workforce, vacancies, unemployed "
        "technicians and tightness."
    ),
    f'"{NA}" means the run did not produce that metric; it is not a zero.',
    (
        "Model outputs are simulated scenario paths, not forecasts; compare scenarios run "
        "with the same seed and scale."
    ),
)


def _section_how_to_read() -> list[str]:
    """Explanation of the output files."""
    return ["## How to read these outputs", "", *(f"- {item}" for item in HOW_TO_READ), ""]


def build_report(series: pd.DataFrame, cohorts: pd.DataFrame, manifest: dict,
                 title: str) -> str:
    """Compose the Markdown report text.

    Args:
        series: Tidy yearly table (see module docstring).
        cohorts: Cohort outcome table.
        manifest: Run provenance.
        title: Report title (first-level heading).

    Returns:
        Markdown text ending in a newline.
    """
    lines = [f"# {title}", "",
             "Outputs of one run of the technical labour-market pipeline model.", ""]
    for section in (_section_run(manifest, series), _section_pipeline(series),
                    _section_tech_share(series), _section_leerwerkplekken(series),
                    _section_labour_market(series), _section_cohorts(cohorts),
                    _section_how_to_read()):
        lines += section
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- entry point


def write_outputs(out_dir: Path, series: pd.DataFrame, cohorts: pd.DataFrame, manifest: dict,
                  *, title: str = "Baseline") -> dict[str, Path]:
    """Write tables, manifest, figures and the Markdown report of one run.

    Args:
        out_dir: Output directory; created if needed (atomicity is the caller's job).
        series: Tidy table with ``year`` (int), ``metric``, ``group``, ``value`` (persons,
            or share 0..1 / ratio / % depending on the metric).
        cohorts: Table with ``birth_cohort``, ``gender``, ``n`` (persons) and the shares
            ``vo_tech``, ``post_tech``, ``tech_work_25``, ``tech_work_35`` (0..1, NaN if not
            observed).
        manifest: JSON-serialisable run provenance (scenario file, seed, scale, start, end,
            versions, git commit).
        title: Title of ``report.md``.

    Returns:
        Mapping file name (e.g. ``"series.parquet"``) -> path of every file written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    written |= _write_table(series, out_dir, "series")
    written |= _write_table(cohorts, out_dir, "cohorts")
    manifest_path = _write_manifest(manifest, out_dir)
    written[manifest_path.name] = manifest_path
    written |= write_plots(series, out_dir)
    report = out_dir / "report.md"
    report.write_text(build_report(series, cohorts, manifest, title), encoding="utf-8")
    written[report.name] = report
    return written

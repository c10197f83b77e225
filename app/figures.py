"""Matplotlib figures of the two workshop pages (titles and axis units in the page language).

Figures are `matplotlib.figure.Figure` objects (no pyplot state, safe in solara's threads).
Shares are drawn in percent; counts in thousands of persons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from app.labels import text
from app.workshop_model import DECISIONS, URN_DRAWS_PER_STEP

if TYPE_CHECKING:
    import pandas as pd

    from app.crisis_model import CrisisModel
    from app.workshop_model import WorkshopModel

SIZE = (5.6, 3.3)   # inches
DPI = 90
GENDER_COLOUR = {"female": "#c2185b", "male": "#1565c0"}
POINT_STYLE = {"vo": "-", "post": "--", "work": ":"}
TECH_COLOUR, OTHER_COLOUR, NEUTRAL_COLOUR = "#ef6c00", "#b0bec5", "#78909c"


def _figure(title: str, xlabel: str, ylabel: str) -> tuple[Figure, object]:
    fig = Figure(figsize=SIZE, dpi=DPI)
    fig.subplots_adjust(left=0.13, right=0.97, top=0.9, bottom=0.15)
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=11)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    return fig, ax


# ---------------------------------------------------------------------------- path dependence
def shares_figure(model: WorkshopModel, lang: str) -> Figure:
    """Technical share by gender at each decision point, per workshop year."""
    fig, ax = _figure(text("fig_shares", lang), text("year", lang),
                      text("share_choosing", lang))
    fig.subplots_adjust(bottom=0.3)
    r = model.results()
    r = r[r.metric == "tech_share"]
    for point in DECISIONS:
        for gender in ("female", "male"):
            s = r[r.group == f"{point}|{gender}"]
            ax.plot(s.year, 100 * s.value, POINT_STYLE[point], color=GENDER_COLOUR[gender],
                    lw=1.8)
    ax.set_xlim(0.5, model.years + 0.5)
    ax.set_ylim(0, 70)
    handles = [Line2D([], [], color=GENDER_COLOUR["female"], lw=6, label=text("girls", lang)),
               Line2D([], [], color=GENDER_COLOUR["male"], lw=6, label=text("boys", lang))]
    handles += [Line2D([], [], color="#424242", ls=POINT_STYLE[p], lw=1.8,
                       label=text("point_" + p, lang)) for p in DECISIONS]
    ax.legend(handles=handles, fontsize=7, ncol=3, loc="upper center",
              bbox_to_anchor=(0.5, -0.2), frameon=False)
    return fig


def schools_figure(model: WorkshopModel, lang: str) -> Figure:
    """Girls' technical share at the vo choice per school, per workshop year."""
    fig, ax = _figure(text("fig_schools", lang), text("year", lang),
                      text("girls_choosing", lang))
    shares = model.school_shares("female")
    years = np.arange(1, len(shares) + 1)
    for i in range(shares.shape[1]):
        ax.plot(years, 100 * shares[:, i], lw=1, alpha=0.8, color=f"C{i % 10}")
    r = model.results()
    region = r[(r.metric == "tech_share") & (r.group == "vo|female")]
    ax.plot(region.year, 100 * region.value, color="black", lw=2.5, label=text("region", lang))
    ax.set_xlim(0.5, model.years + 0.5)
    ax.set_ylim(0, 80)
    if len(region):
        ax.legend(fontsize=8, loc="upper left")
    return fig


def spread_figure(runs: list[dict], lang: str) -> Figure:
    """Each run a row; each school a dot at its girls' share (mean of the last 3 years)."""
    fig, ax = _figure(text("fig_spread", lang), text("spread_x", lang), text("spread_y", lang))
    fig.subplots_adjust(left=0.27)
    shown = runs[-8:]
    for i, run in enumerate(shown):
        dots = 100 * np.asarray(run["schools"], dtype=float)
        current = i == len(shown) - 1
        ax.scatter(dots, np.full(len(dots), i), s=40 if current else 25,
                   color="#c2185b" if current else "#9e9e9e", alpha=0.8, zorder=3)
        if np.isfinite(run["region"]):
            ax.plot([100 * run["region"]] * 2, [i - 0.35, i + 0.35], color="black", lw=2,
                    label=text("region", lang) if current else None)
    ax.set_yticks(range(len(shown)),
                  [text("run_label", lang, seed=r["seed"], year=r["year"]) for r in shown],
                  fontsize=8)
    ax.set_ylim(-0.7, max(len(shown), 1) - 0.3)
    ax.set_xlim(0, 80)
    if shown and np.isfinite(shown[-1]["region"]):
        ax.legend(fontsize=8, loc="upper right")
    return fig


def run_summary(model: WorkshopModel) -> dict:
    """What the spread figure shows of a run: per-school and region girls' share at the vo
    choice, averaged over the last 3 workshop years (NaN before the first year)."""
    shares = model.school_shares("female")[-3:]
    r = model.results()
    region = r[(r.metric == "tech_share") & (r.group == "vo|female")].value.tail(3)
    if len(shares) == 0:
        schools, mean = np.full(len(model.schools), np.nan), float("nan")
    else:
        schools, mean = np.nanmean(shares, axis=0), float(region.mean())
    return {"seed": model.seed, "year": max(model.year, 0), "schools": schools.tolist(),
            "region": mean}


def flow_numbers(model: WorkshopModel, gender: str) -> dict[str, float] | None:
    """Per 100 children of `gender`: how many are technical at each stage under this year's
    transition rates, and the flows between stages. None before the first year."""
    flows = model.flows.get(str(model.year))
    if not flows:
        return None
    f = {k.split("|", 1)[1]: v for k, v in flows.items() if k.startswith(gender + "|")}
    rates = [f["vo"], f["post_if_tech"], f["post_if_not"], f["work_if_tech"], f["work_if_not"]]
    if not all(np.isfinite(rates)):
        return None
    vo_t = 100 * f["vo"]
    out = {"vo_tech": vo_t, "vo_other": 100 - vo_t}
    out["tt1"], out["to1"] = vo_t * f["post_if_tech"], vo_t * (1 - f["post_if_tech"])
    out["ot1"], out["oo1"] = (100 - vo_t) * f["post_if_not"], (100 - vo_t) * (1 - f["post_if_not"])
    post_t = out["tt1"] + out["ot1"]
    out["post_tech"], out["post_other"] = post_t, 100 - post_t
    out["tt2"], out["to2"] = post_t * f["work_if_tech"], post_t * (1 - f["work_if_tech"])
    out["ot2"] = (100 - post_t) * f["work_if_not"]
    out["oo2"] = (100 - post_t) * (1 - f["work_if_not"])
    out["work_tech"] = out["tt2"] + out["ot2"]
    out["work_other"] = 100 - out["work_tech"]
    return out


def _band(ax: object, x0: float, x1: float, y0: tuple[float, float], y1: tuple[float, float],
          colour: str) -> None:
    """A smooth band from the interval y0 at x0 to the interval y1 at x1."""
    x = np.linspace(x0, x1, 40)
    s = (1 - np.cos(np.pi * (x - x0) / (x1 - x0))) / 2
    low = y0[0] + (y1[0] - y0[0]) * s
    high = y0[1] + (y1[1] - y0[1]) * s
    ax.fill_between(x, low, high, color=colour, alpha=0.35, lw=0)


def flow_figure(model: WorkshopModel, lang: str) -> Figure:
    """Alluvial view per gender: primary school -> choice in vo -> mbo/hbo/wo -> first job."""
    fig = Figure(figsize=(SIZE[0], SIZE[1] + 0.4), dpi=DPI)
    fig.subplots_adjust(left=0.1, right=0.95, top=0.82, bottom=0.25, wspace=0.15)
    fig.suptitle(text("fig_flow", lang), fontsize=11)
    axes = fig.subplots(1, 2, sharey=True)
    cols = [text(k, lang) for k in ("col_primary", "col_vo", "col_post", "col_work")]
    gap, w = 4.0, 0.12
    for ax, gender in zip(axes, ("female", "male"), strict=True):
        ax.set_title(text("girls" if gender == "female" else "boys", lang), fontsize=10)
        ax.set_xticks(range(4), cols, fontsize=8)
        ax.set_xlim(-0.2, 3.2)
        ax.set_ylim(0, 100 + gap)
        ax.spines[["top", "right"]].set_visible(False)
        f = flow_numbers(model, gender)
        if f is None:
            continue
        stages = ("vo_tech", "post_tech", "work_tech")
        ax.bar(0, 100 + gap, width=2 * w, color=NEUTRAL_COLOUR)
        # column 1..3 blocks: technical at the bottom, other above
        blocks = []
        for i, t_key in enumerate(stages, start=1):
            t = f[t_key]
            blocks.append(((0.0, t), (t + gap, 100 + gap)))
            ax.bar(i, t, width=2 * w, color=TECH_COLOUR)
            ax.bar(i, 100 - t, bottom=t + gap, width=2 * w, color=OTHER_COLOUR)
            ax.text(i + w + 0.03, t / 2, f"{t:.0f}", fontsize=8, va="center", color=TECH_COLOUR)
        # primary -> vo
        (t0, t1), (o0, o1) = blocks[0]
        _band(ax, w, 1 - w, (t0, t1), (t0, t1), TECH_COLOUR)
        _band(ax, w, 1 - w, (o0, o1), (o0, o1), OTHER_COLOUR)
        # vo -> post -> work: 2x2 flows, outgoing ordered (to tech, to other)
        for i, suffix in ((1, "1"), (2, "2")):
            src, dst = blocks[i - 1], blocks[i]
            flows = {("t", "t"): f["tt" + suffix], ("t", "o"): f["to" + suffix],
                     ("o", "t"): f["ot" + suffix], ("o", "o"): f["oo" + suffix]}
            out_pos = {"t": src[0][0], "o": src[1][0]}
            in_pos = {"t": dst[0][0], "o": dst[1][0]}
            for a in ("t", "o"):
                for b in ("t", "o"):
                    v = flows[(a, b)]
                    _band(ax, i + w, i + 1 - w, (out_pos[a], out_pos[a] + v),
                          (in_pos[b], in_pos[b] + v), TECH_COLOUR if b == "t" else OTHER_COLOUR)
                    out_pos[a] += v     # outgoing ordered (to tech, to other)
                    in_pos[b] += v      # incoming ordered (from tech, from other)
        ax.set_yticks([0, 25, 50, 75, 100])
    axes[0].set_ylabel(text("flow_y", lang))
    handles = [Patch(color=TECH_COLOUR, label=text("tech", lang)),
               Patch(color=OTHER_COLOUR, label=text("other", lang))]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False)
    return fig


def urn_figure(model: WorkshopModel, lang: str) -> Figure:
    """Share of red balls in each Pólya urn against the number of draws."""
    fig, ax = _figure(text("fig_urn", lang), text("urn_x", lang), text("urn_y", lang))
    shares = model.urn.shares()
    ax.plot(np.arange(len(shares)), 100 * shares, lw=1.2)
    ax.set_xlim(0, model.years * URN_DRAWS_PER_STEP)
    ax.set_ylim(0, 100)
    return fig


# ---------------------------------------------------------------------------- crisis
def _crisis_axes(title: str, ylabel: str, model: CrisisModel, lang: str
                 ) -> tuple[Figure, object]:
    from app.crisis_model import END, START

    fig, ax = _figure(title, text("year", lang), ylabel)
    gap = model.scenario_spec.macro.gap
    recession = [y for y, g in gap.items() if g < 0]
    if recession:
        ax.axvspan(min(recession) - 0.5, max(recession) + 0.5, color="#ffcdd2", alpha=0.5,
                   lw=0, label=text("recession", lang))
    ax.set_xlim(START - 0.5, END + 0.5)
    return fig, ax


def _line(ax: object, table: pd.DataFrame, metric: str, run: str, scale: float, **kw) -> None:
    if (metric, run) in table.columns:
        s = table[(metric, run)].dropna()
        ax.plot(s.index, s.values / scale, **kw)


def crisis_figures(model: CrisisModel, lang: str) -> list[Figure]:
    """Places offered and filled, students without a place, technical workforce, output gap."""
    table = model.table()
    solid, dotted = text("with_crisis", lang), text("without_crisis", lang)

    fig1, ax = _crisis_axes(text("fig_places", lang), text("places_y", lang), model, lang)
    for metric, colour, key in (("bbl_places_offered", "#2e7d32", "offered"),
                                ("bbl_places_filled", "#6a1b9a", "filled")):
        _line(ax, table, metric, "crisis", 1e3, color=colour, lw=2,
              label=f"{text(key, lang)}, {solid}")
        _line(ax, table, metric, "reference", 1e3, color=colour, lw=1.5, ls=":",
              label=f"{text(key, lang)}, {dotted}")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7, loc="lower right", ncol=2)

    fig2, ax = _crisis_axes(text("fig_without", lang), text("students_y", lang), model, lang)
    _line(ax, table, "bbl_without_place", "crisis", 1e3, color="#c62828", lw=2, label=solid)
    _line(ax, table, "bbl_without_place", "reference", 1e3, color="#c62828", lw=1.5, ls=":",
          label=dotted)
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, loc="upper right")

    fig3, ax = _crisis_axes(text("fig_workforce", lang), text("workers_y", lang), model, lang)
    _line(ax, table, "tech_workforce", "crisis", 1e3, color="#1565c0", lw=2, label=solid)
    _line(ax, table, "tech_workforce", "reference", 1e3, color="#1565c0", lw=1.5, ls=":",
          label=dotted)
    ax.legend(fontsize=8, loc="best")

    fig4, ax = _crisis_axes(text("fig_gap", lang), text("gap_y", lang), model, lang)
    gap = model.scenario_spec.macro.gap
    years = sorted(gap)
    ax.step(years, [gap[y] for y in years], where="mid", color="#424242", lw=1.2, ls=":")
    _line(ax, table, "output_gap", "crisis", 1.0, color="#424242", lw=2, label=solid)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylim(-10, 2)
    return [fig1, fig2, fig3, fig4]

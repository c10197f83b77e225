"""The path-dependence page: a small region, its schools, the pipeline and a Pólya urn."""

from __future__ import annotations

import numpy as np
import solara
from mesa.visualization.utils import update_counter

from app import figures
from app.labels import fmt_pct, text
from app.viz import (
    ControlsCard,
    NavBar,
    PageText,
    Plot,
    SliderWithKey,
    language,
    replay,
    session_model,
    set_param,
    use_live_rebuild,
    values_table,
)
from app.workshop_model import DECISIONS, WorkshopModel

#: Slider start values: the main model's defaults (simulation.parameters.Parameters).
DEFAULTS: dict = {"early_exposure": 0.5, "stereotype": 1.0, "peer_effect": 1.5,
                  "information_quality": 0.0, "bad_year": True, "seed": 1}
#: Earlier runs kept for the spread plot.
MAX_RUNS = 8

params = solara.reactive(dict(DEFAULTS))
model = session_model(lambda: replay(WorkshopModel, DEFAULTS, 0), key="app.path_model")
earlier_runs: solara.Reactive[list] = solara.reactive([])


def _values(m: WorkshopModel, lang: str) -> str:
    """The plotted numbers of the latest year as an HTML table."""
    year = m.year if m.year >= 1 else None
    rows = []
    for point in DECISIONS:
        cells = []
        for gender in ("female", "male"):
            v = m.latest("tech_share", f"{point}|{gender}") if year else float("nan")
            cells.append((f"{point}|{gender}", v, fmt_pct(v, lang)))
        rows.append((text("point_" + point, lang), cells))
    shares = m.school_shares("female")[-1:] if year else np.empty((0, 0))
    spread = float(np.nanmax(shares) - np.nanmin(shares)) if shares.size else float("nan")
    shown = "-" if not np.isfinite(spread) else fmt_pct(spread, lang).rstrip("%")
    rows.append((text("spread_schools", lang), [("spread|female", spread, shown)]))
    header = [text("decision_point", lang), text("girls", lang), text("boys", lang)]
    return values_table(header, rows, year)


@solara.component
def PathPage() -> None:
    """Sliders and controls in the sidebar; explanation, numbers and five plots."""
    lang = language.value
    use_live_rebuild(model, params)
    update_counter.get()
    m: WorkshopModel = model.value
    p = params.value

    def run_again() -> None:
        earlier_runs.value = [*earlier_runs.value, figures.run_summary(model.value)][
            -(MAX_RUNS - 1):]
        params.value = {**params.value, "seed": int(params.value["seed"]) + 1}

    NavBar("nav_path")
    with solara.Sidebar():
        ControlsCard(model, params, text("year_of", lang, year=max(m.year, 0), years=m.years))
        with solara.Card(text("settings", lang)):
            solara.Text(text("settings_hint", lang), style={"font-size": "0.85em"})
            for key, lo, hi, step in (("early_exposure", 0.0, 1.0, 0.05),
                                      ("stereotype", 0.0, 3.0, 0.1),
                                      ("peer_effect", 0.0, 10.0, 0.5),
                                      ("information_quality", 0.0, 1.0, 0.1)):
                SliderWithKey(key, text(key, lang), p[key], lo, hi, step,
                              set_param(params, key))
            solara.Checkbox(label=text("bad_year", lang), value=bool(p["bad_year"]),
                            on_value=set_param(params, "bad_year"))
            solara.InputInt(text("seed", lang), value=int(p["seed"]),
                            on_value=set_param(params, "seed"), classes=["wk-seed"])
            solara.Button(text("run_again", lang), on_click=run_again, color="primary",
                          classes=["wk-run-again"], style={"margin-top": "8px"})

    PageText(text("path_title", lang), text("path_intro", lang))
    solara.HTML(tag="b", unsafe_innerHTML=text("figures_latest", lang))
    if m.year < 1:
        solara.Text(text("no_data_yet", lang))
    solara.HTML(tag="div", unsafe_innerHTML=_values(m, lang))

    deps = [update_counter.value, id(m), m.steps, lang]
    runs = [*earlier_runs.value, figures.run_summary(m)]
    with solara.Div(classes=["wk-plots"]):
        Plot(lambda: figures.shares_figure(m, lang), deps)
        Plot(lambda: figures.schools_figure(m, lang), deps)
        Plot(lambda: figures.spread_figure(runs, lang), [*deps, len(runs)])
        Plot(lambda: figures.flow_figure(m, lang), deps)
        with solara.Div():
            Plot(lambda: figures.urn_figure(m, lang), deps)
            solara.Text(text("urn_text", lang), style={"font-size": "0.85em"})

"""The crisis page: a recession of chosen depth and length, with or without bridging policies."""

from __future__ import annotations

import solara
from mesa.visualization.utils import update_counter

from app import figures
from app.crisis_model import START, CrisisModel
from app.labels import fmt_thousands, text
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

DEFAULTS: dict = {"depth": 4.0, "length": 2, "prefinance": False, "parttime_ww": False,
                  "seed": 1}
#: Rows of the numbers table (metrics of simulation.metrics).
TABLE_METRICS = ("bbl_places_offered", "bbl_places_filled", "bbl_without_place",
                 "tech_workforce")

params = solara.reactive(dict(DEFAULTS))
model = session_model(lambda: replay(CrisisModel, DEFAULTS, 0), key="app.crisis_model")


def _values(m: CrisisModel, lang: str) -> str:
    """Latest year's numbers: with recession, without, and the difference."""
    table = m.table()
    year = int(table.index.max()) if len(table) else None
    rows = []
    for metric in TABLE_METRICS:
        cells = []
        values = {}
        for run in ("crisis", "reference"):
            v = float(table[(metric, run)].loc[year]) if year and (metric, run) in table else \
                float("nan")
            values[run] = v
            cells.append((f"{metric}|{run}", v, fmt_thousands(v, lang)))
        diff = values["crisis"] - values["reference"]
        cells.append((f"{metric}|difference", diff, fmt_thousands(diff, lang)))
        rows.append((text("m_" + metric, lang), cells))
    header = [text("metric", lang) + (f" ({year})" if year else ""),
              text("with_crisis", lang), text("without_crisis", lang),
              text("difference", lang)]
    return values_table(header, rows, year)


@solara.component
def CrisisPage() -> None:
    """Recession and policy settings in the sidebar; explanation, numbers and four plots."""
    lang = language.value
    use_live_rebuild(model, params)
    update_counter.get()
    m: CrisisModel = model.value
    p = params.value
    position = (text("calendar_year", lang, year=m.year) if m.steps
                else text("calendar_year", lang, year=START) + " (start)")

    NavBar("nav_crisis")
    with solara.Sidebar():
        ControlsCard(model, params, position)
        with solara.Card(text("settings", lang)):
            solara.Text(text("settings_hint", lang), style={"font-size": "0.85em"})
            SliderWithKey("depth", text("depth", lang), p["depth"], 0.0, 8.0, 0.5,
                          set_param(params, "depth"))
            SliderWithKey("length", text("length", lang), p["length"], 1, 5, 1,
                          set_param(params, "length"), integer=True)
            for key in ("prefinance", "parttime_ww"):
                with solara.Div(classes=[f"wk-toggle-{key}"]):
                    solara.Checkbox(label=text(key, lang), value=bool(p[key]),
                                    on_value=set_param(params, key))
            if (p["prefinance"] or p["parttime_ww"]) and not m.policies_active:
                solara.Warning(text("policy_inactive", lang), dense=True)
            solara.InputInt(text("seed", lang), value=int(p["seed"]),
                            on_value=set_param(params, "seed"), classes=["wk-seed"])

    PageText(text("crisis_title", lang), text("crisis_intro", lang))
    solara.HTML(tag="b", unsafe_innerHTML=text("figures_latest", lang))
    if not m.steps:
        solara.Text(text("no_data_yet", lang))
    solara.HTML(tag="div", unsafe_innerHTML=_values(m, lang))

    deps = [update_counter.value, id(m), m.steps, lang]
    figs = solara.use_memo(lambda: figures.crisis_figures(m, lang), dependencies=deps)
    with solara.Div(classes=["wk-plots"]):
        for i, fig in enumerate(figs):
            Plot(lambda fig=fig: fig, [*deps, i])

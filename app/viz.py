"""Shared parts of the workshop pages, built on mesa's SolaraViz machinery.

The pages use mesa's `ModelController` (the Step / ▶ / Reset buttons of `SolaraViz`) and its
`update_counter`, so a step redraws every plot exactly as in `SolaraViz`. The surrounding
frame is our own rather than the `SolaraViz` component because (a) its sidebar texts are fixed
English and the users are Dutch classrooms, and (b) its sliders act only after Reset, while a
workshop wants a slider to change the plots at once: here a changed setting rebuilds the model
with the same seed and replays it to the current year (`use_live_rebuild`).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable

import mesa
import solara
import solara.lab
from matplotlib.figure import Figure
from mesa.visualization.solara_viz import ModelController
from mesa.visualization.utils import force_update

from app.labels import DEFAULT_LANGUAGE, text

#: Page language for this browser session ("nl" or "en").
language = solara.reactive(DEFAULT_LANGUAGE)
#: Seconds a setting must stay unchanged before the model is rebuilt (a dragged slider sends
#: many values; only the last one is computed).
DEBOUNCE_S = 0.25
#: Milliseconds between steps when playing.
PLAY_INTERVAL_MS = 150
#: Page styles: plots in a grid of equal columns that shrink with the window.
CSS = """
.wk-plots { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px;
            width: 100%; max-width: 1300px; }
@media (max-width: 1100px) { .wk-plots { grid-template-columns: minmax(0, 1fr); } }
.wk-plot img { width: 100%; height: auto; }
"""
#: The pages (label keys) and their paths, in tab order (see app.pages.routes).
PAGES, PAGE_PATHS = ("nav_path", "nav_crisis"), ("/", "/crisis")


def session_model(factory: Callable[[], mesa.Model], key: str) -> solara.Reactive:
    """A reactive model per browser session (kept when switching pages), made on first use."""
    from solara.toestand import KernelStoreFactory

    return solara.Reactive(KernelStoreFactory(factory, key=key))


def replay(cls: type[mesa.Model], params: dict, steps: int) -> mesa.Model:
    """A new model of `cls` with `params`, stepped `steps` times (or until it stops)."""
    model = cls(**params)
    model.app_params = dict(params)
    while model.steps < steps and model.running:
        model.step()
    return model


def use_live_rebuild(model: solara.Reactive, params: solara.Reactive) -> None:
    """Rebuild `model` from `params` whenever they change, replayed to its current step.

    Runs in a background thread after `DEBOUNCE_S`; a newer change makes an older rebuild
    give up, so only the last setting of a dragged slider is computed.
    """
    wanted = params.value

    def rebuild() -> None:
        if getattr(model.value, "app_params", None) == wanted:
            return
        time.sleep(DEBOUNCE_S)
        if params.value is not wanted:
            return
        new = replay(type(model.value), wanted, model.value.steps)
        while new.steps < model.value.steps and new.running:   # caught up with a playing model
            new.step()
        if params.value is wanted:
            model.value = new
            force_update()

    solara.lab.use_task(rebuild, dependencies=[wanted], prefer_threaded=True)


def set_param(params: solara.Reactive, name: str) -> Callable[[object], None]:
    """A callback that sets one entry of the `params` dict (a new dict, so solara sees it)."""
    def setter(value: object) -> None:
        params.value = {**params.value, name: value}
    return setter


@solara.component
def NavBar(page_key: str) -> None:
    """Page tabs and the language switch in the app bar, and the window title."""
    lang = language.value
    router = solara.use_router()
    index = PAGES.index(page_key)

    def go(i: int) -> None:
        if i != index:
            router.push(PAGE_PATHS[i])

    def switch_language() -> None:
        language.value = "en" if language.value == "nl" else "nl"

    solara.Title(f"{text('app_title', lang)}: {text(page_key, lang)}")
    solara.Style(CSS)
    with solara.AppBar():
        with solara.lab.Tabs(value=index, on_value=go, align="center"):
            solara.lab.Tab(text("nav_path", lang))
            solara.lab.Tab(text("nav_crisis", lang))
        solara.Button(text("switch_language", lang), on_click=switch_language,
                      classes=["wk-lang"], outlined=True, color="white")


@solara.component
def Layout(children: list | None = None) -> None:
    """App frame (solara's AppLayout); each page adds its NavBar and Sidebar."""
    return solara.AppLayout(children=children or [], navigation=False)


@solara.component
def ControlsCard(model: solara.Reactive, params: solara.Reactive, position: str) -> None:
    """mesa's Step / ▶ / Reset with a one-line explanation and where the model is."""
    lang = language.value
    play_interval = solara.use_reactive(PLAY_INTERVAL_MS)
    render_interval = solara.use_reactive(1)
    use_threads = solara.use_reactive(False)
    with solara.Card(text("controls", lang)):
        ModelController(model, model_parameters=params, play_interval=play_interval,
                        render_interval=render_interval, use_threads=use_threads)
        solara.Text(text("controls_hint", lang), style={"font-size": "0.85em"})
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(position), classes=["wk-position"],
                    style="font-weight: bold; margin-top: 8px")


@solara.component
def Plot(make: Callable[[], Figure], dependencies: list) -> None:
    """A matplotlib figure (PNG), rebuilt only when `dependencies` change."""
    fig = solara.use_memo(make, dependencies=dependencies)
    with solara.Div(classes=["wk-plot"]):
        solara.FigureMatplotlib(fig, dependencies=dependencies, format="png")


@solara.component
def SliderWithKey(key: str, label: str, value: float, minimum: float, maximum: float,
                  step: float, on_value: Callable[[float], None],
                  integer: bool = False) -> None:
    """A slider wrapped in a div with class `wk-slider-KEY` (found by the browser tests)."""
    with solara.Div(classes=[f"wk-slider-{key}"], style={"margin-bottom": "6px"}):
        shown = f"{value:g}" if language.value == "en" else f"{value:g}".replace(".", ",")
        with solara.Row(justify="space-between", style={"font-size": "0.9em"}):
            solara.Text(label)
            solara.HTML(tag="b", unsafe_innerHTML=shown, classes=["wk-slider-value"])
        if integer:
            solara.SliderInt("", value=int(value), min=int(minimum), max=int(maximum),
                             step=int(step), on_value=on_value, thumb_label=True,
                             tick_labels="end_points")
        else:
            solara.SliderFloat("", value=float(value), min=minimum, max=maximum, step=step,
                               on_value=on_value, thumb_label=True, tick_labels="end_points")


def prose_html(source: str) -> str:
    """Our label texts as HTML: paragraphs split by blank lines, **bold** and *italic*.

    (solara.Markdown would load a diagram library from a CDN that classrooms may not reach.)
    """
    out = []
    for para in source.split("\n\n"):
        s = html.escape(para)
        s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
        s = re.sub(r"\*(.+?)\*", r"<i>\1</i>", s)
        out.append(f"<p style='margin:0 0 8px 0'>{s}</p>")
    return "".join(out)


@solara.component
def PageText(title: str, body: str) -> None:
    """The page's title and its 'what to try, what to look for' text."""
    solara.HTML(tag="h2", unsafe_innerHTML=html.escape(title), classes=["wk-title"],
                style="margin: 4px 0 8px 0")
    solara.HTML(tag="div", unsafe_innerHTML=prose_html(body), classes=["wk-intro"],
                style="max-width: 1100px")


def values_table(header: list[str], rows: list[tuple[str, list[tuple[str, float, str]]]],
                 year: int | None) -> str:
    """HTML of a small table of the plotted numbers.

    Args:
        header: column titles.
        rows: (row label, [(data key, raw value, shown text), ...]).
        year: the year shown (data attribute for tests), None if nothing yet.

    Every value cell carries `data-key` and `data-value` (raw number) so that tests and
    curious teachers can read exactly what is plotted.
    """
    head = "".join(f"<th style='text-align:left;padding:2px 10px'>{html.escape(h)}</th>"
                   for h in header)
    body = []
    for label, cells in rows:
        tds = "".join(
            f"<td data-key='{html.escape(key)}' data-value='{value!r}' "
            f"style='padding:2px 10px'>{html.escape(shown)}</td>"
            for key, value, shown in cells)
        body.append(f"<tr><td style='padding:2px 10px'>{html.escape(label)}</td>{tds}</tr>")
    return (f"<table class='wk-values' data-year='{'' if year is None else year}' "
            f"style='border-collapse:collapse;font-size:0.9em'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")

"""Entry point of the workshop web app: `solara run app/pages.py` (or `python run.py app`).

Two pages: `/` path dependence (app.path_page) and `/crisis` (app.crisis_page), in one frame
with a language switch (app.viz.Layout).
"""

from __future__ import annotations

import solara

from app.crisis_page import CrisisPage
from app.path_page import PathPage
from app.viz import Layout

routes = [
    solara.Route(path="/", component=PathPage, label="path"),
    solara.Route(path="crisis", component=CrisisPage, label="crisis"),
]

__all__ = ["Layout", "routes"]

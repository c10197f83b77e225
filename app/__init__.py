"""The workshop web page (issue 5): path dependence and crisis, for Dutch classrooms.

`pages.py` is the solara entry point (`python run.py app`); `path_page.py` and `crisis_page.py`
are the two pages, `viz.py` their shared frame around mesa's SolaraViz controls, `figures.py`
the plots and `labels.py` every text in Dutch and English. The models: `workshop_model.py` (a
small region using the main model's choice rules), `polya.py` (the Pólya urn) and
`crisis_model.py` (the real TechniekModel with and without a recession). `server.py` starts the
page; `assets.py` provides solara's browser files without a CDN.
"""

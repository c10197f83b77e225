"""The workshop's models: the path-dependence region, the Pólya urn and the crisis pair.

Fast tests (a few seconds together); the page itself is tested in a browser by
tests/test_app_browser.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app import assets
from app.crisis_model import SHOCK_START, START, CrisisModel, gap_path
from app.labels import LABELS, LANGUAGES, fmt_pct, fmt_thousands, text
from app.polya import PolyaUrn
from app.viz import prose_html, values_table
from app.workshop_model import DECISIONS, WorkshopModel


def run(steps: int = 10, **kwargs) -> WorkshopModel:
    model = WorkshopModel(**kwargs)
    for _ in range(steps):
        model.step()
    return model


def mean_share(model: WorkshopModel, group: str) -> float:
    r = model.results()
    return float(r[(r.metric == "tech_share") & (r.group == group)].value.mean())


def test_workshop_model_runs_and_records_every_decision_point():
    model = run(10)
    r = model.results()
    assert model.year == 10 and model.steps == 10
    shares = r[r.metric == "tech_share"]
    for point in DECISIONS:
        for gender in ("female", "male"):
            s = shares[shares.group == f"{point}|{gender}"]
            assert list(s.year) == list(range(1, 11))
            assert s.value.between(0, 1).all()
    # girls choose techniek less often than boys at every point (the stereotype)
    for point in DECISIONS:
        assert mean_share(model, f"{point}|female") < mean_share(model, f"{point}|male")
    assert model.school_shares("female").shape == (10, len(model.schools))
    assert model.urn.draws == 10 * 20


def test_model_stops_after_its_years():
    model = WorkshopModel(years=3)
    while model.running:
        model.step()
    assert model.year == 3


def test_stronger_early_exposure_raises_technical_shares():
    low = run(8, early_exposure=0.0, seed=3)
    high = run(8, early_exposure=1.0, seed=3)
    for group in ("vo|female", "vo|male", "post|female", "post|male"):
        assert mean_share(high, group) > mean_share(low, group) + 0.02, group


def test_weaker_stereotype_raises_girls_shares_only():
    base = run(8, seed=4)
    weak = run(8, stereotype=0.0, seed=4)
    assert mean_share(weak, "vo|female") > mean_share(base, "vo|female") + 0.1
    assert abs(mean_share(weak, "vo|male") - mean_share(base, "vo|male")) < 0.03


def test_girls_follow_the_girls_at_their_own_school():
    """Same-gender peer effect: girls at schools where last year's girls chose techniek
    choose it more often than girls at schools where none did."""
    model = WorkshopModel(peer_effect=6.0, seed=5)
    high, low = model.schools[:5], model.schools[5:]
    for school in high:
        school.peer_share[:, 1] = 0.8
    for school in low:
        school.peer_share[:, 1] = 0.0
    model.step()
    shares = model.school_shares("female")[-1]
    assert shares[:5].mean() > shares[5:].mean() + 0.2
    boys = model.school_shares("male")[-1]          # boys see boys: no such split
    assert abs(boys[:5].mean() - boys[5:].mean()) < 0.1


def test_peer_effect_makes_schools_drift_apart():
    """Identical schools: with a strong peer effect their girls' shares lock in far apart."""
    def spread(peer: float) -> float:
        shares = run(25, peer_effect=peer, seed=6).school_shares("female")[-10:]
        return float(np.std(np.nanmean(shares, axis=0)))

    assert spread(9.0) > 2 * spread(0.0)


def test_schools_start_identical():
    model = WorkshopModel(seed=7)
    first = model.schools[0].peer_share
    for school in model.schools[1:]:
        np.testing.assert_array_equal(school.peer_share, first)


def test_same_seed_same_results_other_seed_differs():
    a, b, c = run(6, seed=11), run(6, seed=11), run(6, seed=12)
    pd.testing.assert_frame_equal(a.results(), b.results())
    np.testing.assert_array_equal(a.urn.shares(), b.urn.shares())
    assert not a.results().value.equals(c.results().value)


def test_polya_urn_is_reproducible_and_locks_in():
    a, b, c = PolyaUrn(runs=20, seed=1), PolyaUrn(runs=20, seed=1), PolyaUrn(runs=20, seed=2)
    for urn in (a, b, c):
        urn.draw(400)
    np.testing.assert_array_equal(a.shares(), b.shares())
    assert not np.array_equal(a.shares(), c.shares())
    shares = a.shares()
    assert shares.shape == (401, 20)
    np.testing.assert_array_equal(shares[0], 0.5)
    assert ((shares > 0) & (shares < 1)).all()
    np.testing.assert_array_equal(a.total, 402)
    # late draws barely move a run (lock-in) while runs end far apart
    assert np.abs(shares[-1] - shares[-101]).max() < 0.1
    assert shares[-1].max() - shares[-1].min() > 0.4


def test_gap_path_shape():
    gap = gap_path(4.0, 2)
    assert gap[SHOCK_START] == gap[SHOCK_START + 1] == -4.0
    assert gap[SHOCK_START + 2] == -2.0
    assert gap[START] == 0.0 and gap[SHOCK_START + 3] == 0.0
    assert all(v == 0.0 for v in gap_path(0.0, 0).values())


def test_crisis_model_recession_cuts_places_against_its_reference():
    model = CrisisModel(depth=6.0, length=2, seed=3, scale=1000.0)
    for _ in range(SHOCK_START - START + 1):
        model.step()
    table = model.table()
    assert model.year == SHOCK_START
    offered = table["bbl_places_offered"]
    # identical before the shock (same seed, same gap), fewer places in the recession
    assert offered.loc[START, "crisis"] == offered.loc[START, "reference"]
    assert offered.loc[SHOCK_START, "crisis"] < 0.8 * offered.loc[SHOCK_START, "reference"]
    assert table[("output_gap", "crisis")].loc[SHOCK_START] == -6.0
    assert set(model.series().run) == {"crisis", "reference"}


def test_crisis_model_policies_reach_the_simulation():
    model = CrisisModel(prefinance=True, parttime_ww=True, scale=2000.0)
    assert model.policies_requested == ["prefinance", "parttime_ww"]
    assert model.policies_active
    assert not CrisisModel(scale=2000.0).policies_active


def test_every_label_in_both_languages():
    for key, entry in LABELS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
    assert text("year_of", "nl", year=3, years=30) == "Jaar 3 van 30"
    assert text("year_of", "en", year=3, years=30) == "Year 3 of 30"
    assert fmt_pct(0.2345, "nl") == "23,4%" and fmt_pct(0.2345, "en") == "23.4%"
    assert fmt_pct(float("nan"), "nl") == "-"
    assert fmt_thousands(24_567, "nl") == "24.600" and fmt_thousands(24_567, "en") == "24,600"


def test_values_table_exposes_plotted_numbers():
    html = values_table(["a", "b"], [("row", [("vo|female", 0.25, "25%")])], 3)
    assert "data-year='3'" in html
    assert "data-key='vo|female' data-value='0.25'" in html
    assert prose_html("**a** *b*\n\nc") == (
        "<p style='margin:0 0 8px 0'><b>a</b> <i>b</i></p><p style='margin:0 0 8px 0'>c</p>")


def test_frontend_asset_list_follows_solara():
    specs = assets.required_packages()
    assert any(s.startswith("@widgetti/solara-vuetify3-app@") for s in specs)
    assert any(s.startswith("requirejs@") for s in specs)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_draw_in_both_languages(lang):
    from app import figures

    model = run(3, seed=2)
    figs = [figures.shares_figure(model, lang), figures.schools_figure(model, lang),
            figures.spread_figure([figures.run_summary(model)], lang),
            figures.flow_figure(model, lang), figures.urn_figure(model, lang)]
    for fig in figs:
        title = fig.axes[0].get_title() or fig._suptitle.get_text()
        assert title
        for ax in fig.axes:
            assert ax.get_xlabel() or ax.get_xticklabels()
    crisis = CrisisModel(scale=2000.0)
    crisis.step()
    for fig in figures.crisis_figures(crisis, lang):
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()

"""Government roles and bridging policies: each changes its own levers and nothing else, the
ledger records cost and deadweight, and pre-financing keeps places in a recession."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios.schema import POLICY_KINDS, Scenario
from simulation import policies
from simulation.runner import build_model, run_replication

SCALE = 4000.0


def _model(kind: str | None, start: int = 2013, end: int = 2014, **macro):
    specs = [] if kind is None else [{"kind": kind, "start": start, "end": end}]
    scenario = Scenario(name="t", start=2013, end=end, scale=SCALE, policies=specs,
                        calibrated=False, macro=macro or {"path": "historic"})
    return build_model(scenario, scenario.to_parameters(), seed=5)


HOOK_DEFAULTS = {"extra_subsidy": 0.0, "layoff_retention": 0.0, "policy_efficiency": 1.0}


@pytest.mark.parametrize("kind", POLICY_KINDS)
def test_each_policy_changes_its_levers_and_nothing_else(kind):
    model = _model(kind)
    policies.begin_year(model)                      # 2013: the historic gap is negative
    cls = policies.POLICIES[kind]
    base, now = model.base_p.model_dump(), model.p.model_dump()
    changed = {k for k in base if base[k] != now[k]}
    assert changed == set(cls.levers), f"{kind} changed {changed}, declares {cls.levers}"
    for hook, default in HOOK_DEFAULTS.items():
        moved = getattr(model, hook) != default
        assert moved == (hook in cls.hooks), f"{kind}: hook {hook} moved={moved}"
    moved_exposure = bool(model.region_exposure.any())
    assert moved_exposure == ("region_exposure" in cls.hooks)


def test_policies_leave_no_trace_after_their_end():
    model = _model("onderwijskwaliteit", start=2013, end=2013, )
    model.p = model.base_p
    model.step()                                    # 2013: active
    assert model.p != model.base_p
    policies.begin_year(model)                      # 2014: ended
    assert model.p == model.base_p


def test_every_kind_has_a_role_file_or_bridging_file():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "scenarios"
    for kind in POLICY_KINDS:
        assert list(root.rglob(f"{kind}.toml")), f"no scenario file for {kind}"


def _recession(policy: list[dict]):
    scenario = Scenario(name="r", start=2013, end=2030, scale=2000.0, calibrated=False,
                        macro={"path": "recession_2009", "shock_start": 2024},
                        policies=policy)
    series, _ = run_replication(scenario, scenario.to_parameters(), seed=11)
    return series


def _path(series, metric, group="all"):
    rows = series[(series.metric == metric) & (series.group == group)]
    return rows.set_index("year").value


def test_prefinance_keeps_places_in_a_recession_at_a_recorded_cost_with_deadweight():
    none = _recession([])
    pre = _recession([{"kind": "prefinance", "start": 2024, "end": 2030}])
    window = slice(2024, 2028)
    offered_none = _path(none, "bbl_places_offered").loc[window].sum()
    offered_pre = _path(pre, "bbl_places_offered").loc[window].sum()
    assert offered_pre > offered_none * 1.05
    cost = _path(pre, "policy_public_cost", "prefinance")
    dead = _path(pre, "policy_deadweight", "prefinance")
    assert cost.loc[window].sum() > 0
    assert 0 < dead.loc[window].sum() < cost.loc[window].sum()
    # the scheme is only open in a downturn and before its start nothing is paid
    gap = _path(pre, "output_gap", "aggregate")
    assert (cost[gap >= 0] == 0).all()
    assert cost.loc[:2023].sum() == 0
    # what it added is what firms offered beyond their offer without it
    assert _path(pre, "policy_additional", "prefinance").loc[window].sum() > 0


def test_prefinanced_places_keep_technical_bbl_starts_in_a_recession():
    """Applicants read the places on offer (`education.bbl_outlook`), so the places the
    scheme keeps open are also taken up: more technical BBL starts than without it."""
    none = _recession([])
    pre = _recession([{"kind": "prefinance", "start": 2024, "end": 2030}])
    window = slice(2025, 2028)
    assert (_path(pre, "bbl_applicants").loc[window].sum()
            > 1.1 * _path(none, "bbl_applicants").loc[window].sum())
    # with applications on the gap alone, starts could not exceed the unchanged applicants
    assert (_path(pre, "bbl_starts").loc[window].sum()
            > 1.1 * _path(none, "bbl_applicants").loc[window].sum())


def test_parttime_ww_avoids_layoffs_and_costs_money():
    none = _recession([])
    ptw = _recession([{"kind": "parttime_ww", "start": 2024, "end": 2030}])
    assert _path(ptw, "policy_units", "parttime_ww").sum() > 0
    assert _path(ptw, "policy_public_cost", "parttime_ww").sum() > 0
    kept = _path(ptw, "policy_units", "parttime_ww").loc[2024:2027].sum()
    assert kept > 0
    assert np.isfinite(_path(none, "tech_workforce").loc[2030])


def test_budget_caps_yearly_spending():
    capped = _recession([{"kind": "prefinance", "start": 2024, "end": 2030, "budget": 20.0}])
    cost = _path(capped, "policy_public_cost", "prefinance")
    # planned cost is estimated from the places planned; the filled places can differ a little
    assert cost.max() <= 20.0 * 1.15
    assert cost.sum() > 0


def test_coordination_strengthens_other_roles():
    alone = _model("stimuleren")
    both = Scenario(name="t", start=2013, end=2014, scale=SCALE, calibrated=False,
                    policies=[{"kind": "stimuleren", "start": 2013, "end": 2014},
                              {"kind": "coordinatie", "start": 2013, "end": 2014}])
    model = build_model(both, both.to_parameters(), seed=5)
    policies.begin_year(alone)
    policies.begin_year(model)
    assert model.policy_efficiency == pytest.approx(1.25)
    assert model.p.early_exposure > alone.p.early_exposure > alone.base_p.early_exposure


def test_a_policy_kind_may_appear_once():
    with pytest.raises(ValueError, match="more than once"):
        Scenario(name="x", policies=[{"kind": "stimuleren"}, {"kind": "stimuleren"}])


def test_quality_guardian_cost_counts_teachers_technicians_and_technical_pupils():
    from agents.people import Stage

    model = _model("onderwijskwaliteit")
    model.step()                                    # 2013 acts and books its ledger
    P, p, s = model.people, model.base_p, model.p.scale
    workers = ((P.stage == Stage.WORK) & P.tech).sum() * s
    pupils = (np.isin(P.stage, [Stage.VO, Stage.BOL, Stage.BBL]) & P.tech).sum() * s
    teachers = P.teacher.sum() * s
    expected = (p.teacher_premium_cost * teachers + p.hybrid_teacher_cost * 0.001 * workers
                + p.equipment_cost * pupils) / 1e6
    booked = model.recorder.series().query(
        "metric == 'policy_public_cost' and group == 'onderwijskwaliteit'").value.iloc[0]
    assert booked == pytest.approx(expected, rel=1e-9)

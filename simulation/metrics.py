"""What a run records: yearly aggregates (tidy rows) and the cohort table.

Aggregates only, never per-person rows (DESIGN 7). Counts are converted to real persons by
multiplying with `scale`; shares and ratios are not.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from agents.people import HAVO, VMBO_B, VMBO_GT, VMBO_K, VWO, Stage

if TYPE_CHECKING:
    from simulation.model import TechniekModel

LEVEL_STAGES = {"primary": Stage.PRIMARY, "mbo_bol": Stage.BOL, "mbo_bbl": Stage.BBL,
                "hbo": Stage.HBO, "wo": Stage.WO, "no_place": Stage.NO_PLACE}
FLOW_METRICS = {  # flow counter -> (metric, group)
    "bbl_places_offered": ("bbl_places_offered", "all"),
    "bbl_places_filled": ("bbl_places_filled", "all"),
    "bbl_starts": ("bbl_starts", "all"),
    "bbl_applicants": ("bbl_applicants", "all"),
    "bbl_without_place": ("bbl_without_place", "all"),
    "bbl_lost_place": ("bbl_lost_place", "all"),
    "internships_offered": ("internships_offered", "all"),
    "internships_filled": ("internships_filled", "all"),
    "bol_without_internship": ("bol_without_internship", "all"),
    "mbo_dropouts": ("mbo_dropouts", "all"),
    "mbo_dropouts_tech": ("mbo_dropouts", "tech"),
    "switch_out_of_tech": ("switch_out_of_tech", "all"),
    "tech_entrants_mbo": ("tech_entrants", "mbo"),
    "tech_entrants_hbo": ("tech_entrants", "hbo"),
    "tech_entrants_wo": ("tech_entrants", "wo"),
    "entrants_mbo": ("entrants", "mbo"),
    "entrants_hbo": ("entrants", "hbo"),
    "entrants_wo": ("entrants", "wo"),
    "graduates": ("graduates", "all"),
    "graduates_tech": ("graduates", "tech"),
    "tech_hires": ("tech_hires", "all"),
    "tech_layoffs": ("tech_layoffs", "all"),
    "tech_quits": ("tech_quits", "all"),
    "retirements": ("retirements", "all"),
    "retirements_tech": ("retirements", "tech"),
    "bbl_retained": ("bbl_retained", "all"),
    "metro_moves": ("metro_moves", "all"),
    "tech_teachers": ("tech_teachers", "all"),
    "population_start": ("population_start", "all"),
    "births": ("births", "all"),
    "deaths": ("deaths", "all"),
    "immigrants": ("immigrants", "all"),
    "emigrants": ("emigrants", "all"),
}
GENDERS = (("all", None), ("female", True), ("male", False))


class Recorder:
    """Collects one set of tidy rows per year and the cohort accumulators."""

    def __init__(self, model: TechniekModel) -> None:
        self.model = model
        self.rows: list[tuple[int, str, str, float]] = []
        # (decision, birth_cohort, female) -> [deciders, technical] in agent units
        self.choices: dict[tuple[str, int, bool], list[float]] = defaultdict(lambda: [0.0, 0.0])

    def record_choice(self, decision: str, rows: np.ndarray, tech: np.ndarray) -> None:
        """Add deciders at a decision point to the cohort table."""
        P = self.model.people
        key = P.birth_year[rows].astype(np.int64) * 2 + P.female[rows]
        n = np.bincount(key - key.min(), minlength=1) if len(key) else np.zeros(0)
        if not len(key):
            return
        t = np.bincount(key - key.min(), weights=tech)
        for k in np.flatnonzero(n):
            code = int(k + key.min())
            acc = self.choices[(decision, code // 2, bool(code % 2))]
            acc[0] += n[k]
            acc[1] += t[k]

    def add(self, metric: str, group: str, value: float) -> None:
        """One tidy row for the current year."""
        self.rows.append((self.model.year, metric, group, float(value)))

    def collect(self) -> None:
        """Record this year's aggregates (called at the end of each step)."""
        m, P, s = self.model, self.model.people, self.model.p.scale
        alive = P.alive
        stage = P.stage
        self.add("population", "all", alive.sum() * s)
        for name, st in LEVEL_STAGES.items():
            self.add("pupils", name, ((stage == st) & alive).sum() * s)
        vo = (stage == Stage.VO) & alive
        tracks = {"vmbo": np.isin(P.track, (VMBO_B, VMBO_K, VMBO_GT)), "havo": P.track == HAVO,
                  "vwo": P.track == VWO}
        for name, in_track in tracks.items():
            self.add("pupils", name, (vo & in_track).sum() * s)
            upper = vo & in_track & (P.years >= 2)
            self._shares(name, upper)
        self._shares("mbo", np.isin(stage, (Stage.BOL, Stage.BBL)) & alive)
        self._shares("hbo", (stage == Stage.HBO) & alive)
        self._shares("wo", (stage == Stage.WO) & alive)
        for key, value in m.flows.items():
            if key in FLOW_METRICS:
                metric, group = FLOW_METRICS[key]
                self.add(metric, group, value * s)
        self._labour(alive)
        gaps = m.cycle.sector_gaps(m.year)
        self.add("output_gap", "aggregate", m.cycle.gap(m.year))
        for name, g in zip(("industry", "construction", "tech_services", "other"), gaps,
                           strict=True):
            self.add("output_gap", name, g)
        self.add("school_quality", "vo", float(np.mean(m.school_quality("vo"))))
        self.add("school_quality", "mbo", float(np.mean(m.school_quality("mbo"))))
        self.add("teacher_staffing", "all", float(np.mean(m.staffing)))
        self.add("prospect_signal", "all", m.prospect)
        self._work_at_ages(alive)

    def _shares(self, level: str, mask: np.ndarray) -> None:
        P = self.model.people
        for gname, female in GENDERS:
            sel = mask if female is None else mask & (P.female == female)
            n = sel.sum()
            if n:
                self.add("tech_share", f"{level}|{gname}", (sel & P.tech).sum() / n)

    def _labour(self, alive: np.ndarray) -> None:
        m, P, s = self.model, self.model.people, self.model.p.scale
        work = (P.stage == Stage.WORK) & alive
        tech_work = work & P.tech
        for gname, female in GENDERS:
            sel = tech_work if female is None else tech_work & (P.female == female)
            self.add("tech_workforce", gname, sel.sum() * s)
        unemployed = (P.stage == Stage.UNEMPLOYED) & alive
        tech_u = (unemployed & P.tech).sum()
        self.add("tech_unemployed", "all", tech_u * s)
        self.add("tech_vacancies", "all", float(m.vacancies.sum()) * s)
        self.add("tech_tightness", "all", m.tightness)
        self.add("employed", "all", work.sum() * s)
        self.add("unemployment_rate", "all",
                 100.0 * unemployed.sum() / max(work.sum() + unemployed.sum(), 1))
        self.add("technically_qualified_in_other_work", "all",
                 (work & ~P.tech & P.edu_tech).sum() * s)

    def _work_at_ages(self, alive: np.ndarray) -> None:
        """Share in technical work at 25 and 35 for the cohorts reaching those ages."""
        m, P = self.model, self.model.people
        age = m.year - P.birth_year
        tech_work = (P.stage == Stage.WORK) & P.tech
        for target in (25, 35):
            sel = alive & (age == target)
            if not sel.any():
                continue
            for female in (True, False):
                g = sel & (P.female == female)
                acc = self.choices[(f"tech_work_{target}", m.year - target, female)]
                acc[0] += g.sum()
                acc[1] += (g & tech_work).sum()

    def series(self) -> pd.DataFrame:
        """The tidy table: year, metric, group, value."""
        return pd.DataFrame(self.rows, columns=["year", "metric", "group", "value"])

    def cohorts(self) -> pd.DataFrame:
        """Per birth cohort and gender: n at the first decision and technical shares."""
        records: dict[tuple[int, str], dict[str, float]] = defaultdict(dict)
        for (decision, cohort, female), (n, t) in self.choices.items():
            rec = records[(cohort, "female" if female else "male")]
            rec[decision] = t / n if n else np.nan
            if decision == "vo_tech":
                rec["n"] = n * self.model.p.scale
        cols = ["n", "vo_tech", "post_tech", "tech_work_25", "tech_work_35"]
        df = pd.DataFrame([{"birth_cohort": c, "gender": g, **{k: r.get(k, np.nan) for k in cols}}
                           for (c, g), r in sorted(records.items())])
        if df.empty:
            return pd.DataFrame(columns=["birth_cohort", "gender", *cols])
        return df

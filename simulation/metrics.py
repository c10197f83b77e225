"""What a run records: yearly aggregates (tidy rows) and the cohort table.

Aggregates only, never per-person rows (DESIGN 7). Counts are converted to real persons by
multiplying with `scale`; shares and ratios are not.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from agents.people import HAVO, VMBO_B, VMBO_GT, VMBO_K, VWO, People, Stage

if TYPE_CHECKING:
    from simulation.model import TechniekModel
    from simulation.parameters import Parameters

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
    "mbo_dropouts_vsv": ("mbo_dropouts", "under_23"),
    "switch_out_of_tech": ("switch_out_of_tech", "all"),
    "tech_entrants_mbo": ("tech_entrants", "mbo"),
    "tech_entrants_hbo": ("tech_entrants", "hbo"),
    "tech_entrants_wo": ("tech_entrants", "wo"),
    "entrants_mbo": ("entrants", "mbo"),
    "entrants_hbo": ("entrants", "hbo"),
    "entrants_wo": ("entrants", "wo"),
    **{f"{kind}_{prog}_{gender}": (kind, f"{prog}|{gender}")
       for kind in ("entrants", "tech_entrants") for prog in ("mbo", "hbo", "wo")
       for gender in ("female", "male")},
    "entrants_mbo_vo": ("entrants_by_route", "mbo|vo"),
    "entrants_mbo_switch": ("entrants_by_route", "mbo|switch"),
    "entrants_mbo_next_level": ("entrants_by_route", "mbo|next_level"),
    "entrants_mbo_adult": ("entrants_by_route", "mbo|adult"),
    "entrants_hbo_vo": ("entrants_by_route", "hbo|vo"),
    "entrants_hbo_mbo": ("entrants_by_route", "hbo|mbo"),
    "entrants_hbo_parttime": ("entrants_by_route", "hbo|parttime"),
    "entrants_hbo_international": ("entrants_by_route", "hbo|international"),
    "entrants_wo_vo": ("entrants_by_route", "wo|vo"),
    "entrants_wo_hbo_master": ("entrants_by_route", "wo|hbo_master"),
    "entrants_wo_international": ("entrants_by_route", "wo|international"),
    "entrants_mbo_age_under_23": ("entrants_by_age", "mbo|under_23"),
    "entrants_mbo_age_23_26": ("entrants_by_age", "mbo|23_26"),
    "entrants_mbo_age_27_plus": ("entrants_by_age", "mbo|27_plus"),
    "mbo_students_25_plus": ("pupils", "mbo_25_plus"),
    "bbl_starts_adult": ("bbl_starts", "adult"),
    "bbl_adult_without_place": ("bbl_adult_without_place", "all"),
    "bbl_retained_nontech": ("bbl_retained", "nontech"),
    "intl_graduates_stay": ("international_graduates", "stay"),
    "intl_graduates_leave": ("international_graduates", "leave"),
    "graduates": ("graduates", "all"),
    "graduates_tech": ("graduates", "tech"),
    "tech_hires": ("tech_hires", "all"),
    "tech_layoffs": ("tech_layoffs", "all"),
    "tech_quits": ("tech_quits", "all"),
    "tech_side_entry": ("tech_side_entry", "all"),
    "tech_job_loss": ("tech_job_loss", "all"),
    "parttime_retained": ("parttime_retained", "all"),
    "retirements": ("retirements", "all"),
    "retirements_tech": ("retirements", "tech"),
    "labour_migrants": ("labour_migrants", "tech"),
    "bbl_retained": ("bbl_retained", "all"),
    "metro_moves": ("metro_moves", "all"),
    "tech_teachers": ("tech_teachers", "all"),
    "teacher_hires": ("teacher_hires", "all"),
    "population_start": ("population_start", "all"),
    "births": ("births", "all"),
    "deaths": ("deaths", "all"),
    "immigrants": ("immigrants", "all"),
    "emigrants": ("emigrants", "all"),
}
GENDERS = (("all", None), ("female", True), ("male", False))
#: hbo/wo students by programme kind: values of `track` (simulation.population.HE_*)
HE_ROUTES = {"regular": [0], "hbo_master": [1], "international": [2, 3], "parttime": [4]}
N_REGIONS = 5
#: vo levels as lists of vo tracks (axis 1 of the census)
VO_LEVELS = {"vmbo": [VMBO_B, VMBO_K, VMBO_GT], "havo": [HAVO], "vwo": [VWO]}
CENSUS_SHAPE = (len(Stage), 6, 2, 2, 2, 2, N_REGIONS)


def take_census(people: People) -> np.ndarray:
    """Counts (agent units) of persons by stage, track, upper vo year (years >= 2), female,
    tech, edu_tech and region: one bincount over the population.

    Returns:
        Array of shape `CENSUS_SHAPE`.
    """
    P = people
    code = P.stage.astype(np.int16)            # in-place int16 arithmetic: max code 11,519
    code *= 6
    code += np.clip(P.track, 0, 5)
    code <<= 1
    code |= P.years >= 2
    for flag in (P.female, P.tech, P.edu_tech):
        code <<= 1
        code |= flag
    code *= N_REGIONS
    code += P.region
    return np.bincount(code, minlength=int(np.prod(CENSUS_SHAPE))).reshape(CENSUS_SHAPE)


#: Unemployment rate (%) at which a vacancy is open `vacancy_duration` years: 2013's [L1]
REFERENCE_UNEMPLOYMENT = 7.3


def measured_vacancies(p: Parameters, unfilled: float, hires: float,
                       unemployment_rate: float) -> float:
    """Technical vacancies as UWV counts them: a point-in-time stock, in persons.

    The model fills vacancies within its yearly step, so the vacancies left open at the end
    of the step (`unfilled`) are only the part no one fills in the year. UWV's count is the
    stock open on a given day, most of which will be filled within weeks. By the stock-flow
    identity that stock is the year's filled vacancies (`hires`: domestic hires and labour
    migrants) times the mean time a vacancy is open, `vacancy_duration` years at 2013's
    unemployment rate (`REFERENCE_UNEMPLOYMENT`), longer in a tighter market with elasticity
    `vacancy_duration_elasticity` to the unemployment rate (%) (a Beveridge curve). The
    measurement does not feed back on the model.
    """
    rel = REFERENCE_UNEMPLOYMENT / max(unemployment_rate, 0.5)
    return unfilled + hires * p.vacancy_duration * rel ** p.vacancy_duration_elasticity


class Recorder:
    """Collects one set of tidy rows per year and the cohort accumulators."""

    def __init__(self, model: TechniekModel) -> None:
        self.model = model
        self.rows: list[tuple[int, str, str, float]] = []
        # (decision, birth_cohort, female) -> [deciders, technical] in agent units
        self.choices: dict[tuple[str, int, bool], list[float]] = defaultdict(lambda: [0.0, 0.0])

    def record_choice(self, decision: str, rows: np.ndarray, tech: np.ndarray) -> None:
        """Add deciders at a decision point to the cohort table."""
        if len(rows) == 0:
            return
        P = self.model.people
        key = P.birth_year[rows].astype(np.int64) * 2 + P.female[rows]
        low = int(key.min())
        n = np.bincount(key - low)
        t = np.bincount(key - low, weights=tech)
        for k in np.flatnonzero(n):
            code = int(k + low)
            acc = self.choices[(decision, code // 2, bool(code % 2))]
            acc[0] += n[k]
            acc[1] += t[k]

    def add(self, metric: str, group: str, value: float) -> None:
        """One tidy row for the current year."""
        self.rows.append((self.model.year, metric, group, float(value)))

    def collect(self) -> None:
        """Record this year's aggregates (called at the end of each step).

        The model's end-of-year `census` (see `take_census`) holds every stock below as a sum
        over its cells, so collecting costs one bincount, not one pass per metric.
        """
        m, s = self.model, self.model.p.scale
        c = m.census
        retired = int(m.retired.alive.sum())
        self.add("population", "all", (c[: Stage.GONE].sum() + retired) * s)
        self.add("retired", "all", retired * s)
        for name, st in LEVEL_STAGES.items():
            self.add("pupils", name, c[st].sum() * s)
        self.add("pupils", "mbo", (c[Stage.BOL].sum() + c[Stage.BBL].sum()) * s)
        for level, st in (("hbo", Stage.HBO), ("wo", Stage.WO)):   # by programme kind
            for route, kinds in HE_ROUTES.items():
                if route != ("parttime" if level == "wo" else "hbo_master"):
                    self.add("students_by_route", f"{level}|{route}", c[st, kinds].sum() * s)
        for name, tracks in VO_LEVELS.items():
            vo = c[Stage.VO, tracks]
            self.add("pupils", name, vo.sum() * s)
            self._choice_shares(name)
        self._shares("mbo", c[[Stage.BOL, Stage.BBL]])
        self._shares("hbo", c[Stage.HBO])
        self._shares("wo", c[Stage.WO])
        # every flow, every year: a year without events is a 0, not a missing row (a missing
        # labour-migrant count made the fit charge its missing-value penalty, and a mean over
        # replications would skip the years without events)
        for key, (metric, group) in FLOW_METRICS.items():
            self.add(metric, group, m.flows.get(key, 0.0) * s)
        self._labour(c)
        gaps = m.cycle.sector_gaps(m.year)
        self.add("output_gap", "aggregate", m.cycle.gap(m.year))
        for name, g in zip(("industry", "construction", "tech_services", "other"), gaps,
                           strict=True):
            self.add("output_gap", name, g)
        self.add("school_quality", "vo", float(np.mean(m.school_quality("vo"))))
        self.add("school_quality", "mbo", float(np.mean(m.school_quality("mbo"))))
        self.add("teacher_staffing", "all", float(np.mean(m.staffing)))
        self.add("prospect_signal", "all", m.prospect)
        self._at_ages()

    def _choice_shares(self, level: str) -> None:
        """Technical share by gender of the year's vo choosers at a level (vmbo leerjaar 3,
        4-havo, 4-vwo: the cohort the Monitor Techniekpact's shares describe [E8][E9]), from
        the counts `education._count_choosers` leaves in the flows."""
        flows = self.model.flows
        by = np.array([[flows.get(f"vo_{kind}choosers_{level}_{sex}", 0.0)
                        for kind in ("", "tech_")] for sex in ("male", "female")])
        for gname, female in GENDERS:
            t = by.sum(axis=0) if female is None else by[int(female)]
            if t[0]:
                self.add("tech_share", f"{level}|{gname}", t[1] / t[0])

    def _shares(self, level: str, cells: np.ndarray) -> None:
        """Technical share by gender from census cells whose last five axes are
        (female, tech, edu_tech, region) after summing the leading ones."""
        by = cells.reshape(-1, 2, 2, 2, N_REGIONS).sum(axis=(0, 3, 4))  # [female, tech]
        for gname, female in GENDERS:
            t = by.sum(axis=0) if female is None else by[int(female)]
            if t.sum():
                self.add("tech_share", f"{level}|{gname}", t[1] / t.sum())

    def _labour(self, c: np.ndarray) -> None:
        m, s = self.model, self.model.p.scale
        work = c[Stage.WORK].sum(axis=(0, 1, 5))            # [female, tech, edu_tech]
        unemployed = c[Stage.UNEMPLOYED].sum(axis=(0, 1, 5))
        tech_work = work[:, 1].sum(axis=1)                  # by female
        self.add("tech_workforce", "all", tech_work.sum() * s)
        self.add("tech_workforce", "female", tech_work[1] * s)
        self.add("tech_workforce", "male", tech_work[0] * s)
        self.add("tech_unemployed", "all", unemployed[:, 1].sum() * s)
        rate = 100.0 * unemployed.sum() / max(work.sum() + unemployed.sum(), 1)
        unfilled = float(m.vacancies.sum()) * s
        filled = (m.flows.get("tech_hires", 0.0) + m.flows.get("labour_migrants", 0.0)) * s
        self.add("tech_vacancies", "all", measured_vacancies(m.p, unfilled, filled, rate))
        self.add("tech_vacancies_unfilled", "all", unfilled)
        self.add("tech_tightness", "all", m.tightness)
        self.add("employed", "all", work.sum() * s)
        self.add("unemployment_rate", "all", rate)
        # the technically qualified, as the Monitor Techniekpact counts them [L16]
        qualified_u = unemployed[:, :, 1].sum()
        self.add("unemployment_rate", "tech_educated",
                 100.0 * qualified_u / max(work[:, :, 1].sum() + qualified_u, 1))
        self.add("technically_qualified_in_other_work", "all", work[:, 0, 1].sum() * s)

    def _at_ages(self) -> None:
        """Technical share at 16 (in a technical track) and in technical work at 25 and 35,
        for the birth cohorts reaching those ages this year (cohort table)."""
        m, P = self.model, self.model.people
        age = m.year - P.birth_year
        ages = np.flatnonzero((age == 16) | (age == 25) | (age == 35))  # one search for three
        ages = ages[P.alive[ages]]
        for target, key in ((16, "tech_16"), (25, "tech_work_25"), (35, "tech_work_35")):
            rows = ages[age[ages] == target]
            tech = P.tech[rows]
            if key != "tech_16":
                tech = tech & (P.stage[rows] == Stage.WORK)
            for female in (True, False):
                g = P.female[rows] == female
                acc = self.choices[(key, m.year - target, female)]
                acc[0] += g.sum()
                acc[1] += (g & tech).sum()

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
        cols = ["n", "vo_tech", "tech_16", "post_tech", "tech_work_25", "tech_work_35"]
        df = pd.DataFrame([{"birth_cohort": c, "gender": g, **{k: r.get(k, np.nan) for k in cols}}
                           for (c, g), r in sorted(records.items())])
        if df.empty:
            return pd.DataFrame(columns=["birth_cohort", "gender", *cols])
        return df

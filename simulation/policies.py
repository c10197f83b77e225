"""Government roles and bridging policies as scenario levers, with a yearly cost ledger.

Each policy of a scenario (`scenarios.schema.PolicySpec`: kind, start, end, intensity, budget)
becomes one `Policy`. At the start of every year the model asks all policies for their
parameter changes (`levers`, applied to the scenario's own parameters, so a policy that ends
leaves no trace), then lets them set their hooks on the model (extra subsidy on places, layoffs
retained, regional exposure). At the end of the year each active policy settles its ledger:

* `policy_public_cost`   public spending this year, million euro;
* `policy_deadweight`    the part of it paid for what would have happened anyway (private cost
                         replaced by public money: deadweight or substitution), million euro;
* `policy_units`         what was paid for (places subsidised, workers on part-time benefit,
                         teachers, pilots ...), real persons or places;
* `policy_additional`    the part of those units the policy added (places that would not have
                         been offered, layoffs avoided), where the model can tell.

The mapping of the report's seven roles (Techniekpact evaluation 2020, lines 1362-1416) and its
two overbruggingsregelingen (lines 1222, 1330) to levers is documented in `docs/roles.md`; the
unit costs are parameters (`python run.py params`, section "policy costs") with their sources.
Intensity 1 is the design described there; the coordination role multiplies the strength of
the other roles (`policy_efficiency`), and a budget caps a policy's yearly spending by
scaling its strength down to what the budget buys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from agents.people import Stage
from simulation import data

if TYPE_CHECKING:
    from scenarios.schema import PolicySpec
    from simulation.model import TechniekModel

MILLION = 1e6


class Policy:
    """One policy of a scenario. Subclasses set `kind`, `levers` and override the hooks."""

    kind: ClassVar[str] = ""
    #: Parameters fields this policy may change (tests hold it to this list)
    levers: ClassVar[tuple[str, ...]] = ()
    #: model attributes (hooks) this policy may set
    hooks: ClassVar[tuple[str, ...]] = ()

    def __init__(self, spec: PolicySpec) -> None:
        self.spec = spec
        self.years_active = 0
        self.scale_down = 1.0     # budget cap, set in `apply`

    # ------------------------------------------------------------------ timing and strength
    def active(self, model: TechniekModel) -> bool:
        """Whether the policy acts in the model's current year."""
        return self.spec.start <= model.year <= self.spec.end

    def strength(self, model: TechniekModel) -> float:
        """Intensity times the coordination multiplier times the budget cap."""
        return self.spec.intensity * model.policy_efficiency * self.scale_down

    # ------------------------------------------------------------------ hooks
    def parameters(self, model: TechniekModel, p: dict[str, Any]) -> None:
        """Change this year's parameter values in `p` (only fields named in `levers`)."""

    def apply(self, model: TechniekModel) -> None:
        """Set this year's hooks on the model (after all parameters are set)."""

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        """This year's (public cost, deadweight) in euro and (units, additional units) in real
        persons or places."""
        return 0.0, 0.0, 0.0, 0.0

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        """Yearly public cost (euro) at `strength`, estimated before acting (for the budget)."""
        return 0.0

    def cap_to_budget(self, model: TechniekModel) -> None:
        """Scale the strength down so that the planned cost fits the yearly budget."""
        self.scale_down = 1.0
        if self.spec.budget is None:
            return
        planned = self.planned_cost(model, self.strength(model))
        budget = self.spec.budget * MILLION
        if planned > budget > 0:
            self.scale_down = budget / planned
        elif budget == 0:
            self.scale_down = 0.0


def _scaled(model: TechniekModel, agents: float) -> float:
    """Agent units to real persons."""
    return float(agents) * model.p.scale


def _persons(model: TechniekModel, stages: tuple[Stage, ...], tech: bool) -> float:
    """Real persons in `stages` who are (or are not) technical, from last year's census
    (axes after the stage: track, upper vo years, female, tech, edu_tech, region)."""
    cells = model.census[list(stages)]
    return _scaled(model, cells[..., int(tech), :, :].sum())


# ---------------------------------------------------------------------------- the seven roles
class Voorbeeldfunctie(Policy):
    """Setting an example (lines 1366-1370): goals and lifelong learning on the agenda, little
    direct money. Raises technicians' LLO participation and slowly erodes the stereotype."""

    kind = "voorbeeldfunctie"
    levers = ("lifelong_learning", "stereotype")
    COST = 2.0 * MILLION           # campaigns and agenda-setting, euro per year (assumption)

    def parameters(self, model: TechniekModel, p: dict[str, Any]) -> None:
        s = self.strength(model)
        p["lifelong_learning"] = min(p["lifelong_learning"] + 0.05 * s, 1.0)
        p["stereotype"] = p["stereotype"] * max(1 - 0.02 * s, 0.0) ** (self.years_active + 1)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        return self.COST * strength

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        return self.planned_cost(model, self.strength(model)), 0.0, 0.0, 0.0


class Experimenteerruimte(Policy):
    """Room to experiment (lines 1374, 1499): pilots of primary-school W&T in two new regions
    a year, evaluated after `HORIZON` years with noise; winners scale up to all regions with
    an external-validity discount, losers stop. The true effect differs by region (line 1438)."""

    kind = "experimenteerruimte"
    hooks = ("region_exposure",)
    HORIZON = 3                    # years from start to go/no-go (line 1499: fixed moment)
    MEAN, SD, NOISE = 0.15, 0.15, 0.10  # exposure effect of a pilot, regional sd, evaluation noise
    THRESHOLD = 0.10               # observed effect needed to scale up
    DISCOUNT = 0.7                 # external validity: effect elsewhere relative to the pilot
    PILOT_COST, SCALED_COST = 1.0 * MILLION, 0.5 * MILLION  # euro per region-year (assumption)

    def __init__(self, spec: PolicySpec) -> None:
        super().__init__(spec)
        self.pilots: dict[int, tuple[int, float]] = {}   # region -> (start year, true effect)
        self.scaled: dict[int, float] = {}               # region -> effect after scale-up

    def apply(self, model: TechniekModel) -> None:
        rng = model.year_rng("experimenteerruimte")
        n_regions = len(data.REGIONS)
        s = self.strength(model)
        free = [r for r in range(n_regions) if r not in self.pilots and r not in self.scaled]
        for r in rng.permutation(free)[:2] if self.scale_down > 0 else []:
            self.pilots[int(r)] = (model.year, float(rng.normal(self.MEAN, self.SD)))
        for r, (start, effect) in list(self.pilots.items()):
            if model.year - start >= self.HORIZON and r not in self.scaled:
                observed = effect + rng.normal(0.0, self.NOISE)
                if observed > self.THRESHOLD:      # scale up everywhere not yet covered
                    for other in range(n_regions):
                        if other not in self.scaled and other not in self.pilots:
                            self.scaled[other] = float(rng.normal(self.MEAN * self.DISCOUNT,
                                                                  self.SD))
                    self.scaled[r] = effect
                del self.pilots[r]
        for r, (_, effect) in self.pilots.items():
            model.region_exposure[r] += s * effect
        for r, effect in self.scaled.items():
            model.region_exposure[r] += s * effect

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        return strength * (self.PILOT_COST * max(len(self.pilots), 2)
                           + self.SCALED_COST * len(self.scaled))

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        units = len(self.pilots) + len(self.scaled)
        cost = self.spec.intensity * self.scale_down * (self.PILOT_COST * len(self.pilots)
                                                        + self.SCALED_COST * len(self.scaled))
        return cost, 0.0, float(units), 0.0


class Langetermijntrends(Policy):
    """Long-term trends and objective information (lines 1378-1382): pupils weigh objective
    long-run prospects instead of today's market."""

    kind = "langetermijntrends"
    levers = ("information_quality",)
    COST = 3.0 * MILLION           # trend analysis and guidance material, euro/yr (assumption)

    def parameters(self, model: TechniekModel, p: dict[str, Any]) -> None:
        q = p["information_quality"]
        p["information_quality"] = min(q + (1 - q) * 0.5 * self.strength(model), 1.0)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        return self.COST * strength

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        return self.planned_cost(model, self.strength(model)), 0.0, 0.0, 0.0


class Onderwijskwaliteit(Policy):
    """Guardian of education quality (lines 1388-1392, 1280): a pay premium that doubles
    technical-teacher recruitment at intensity 2, hybrid teachers from industry, and equipment
    (RIF-like)."""

    kind = "onderwijskwaliteit"
    levers = ("teacher_recruitment", "hybrid_teachers", "equipment")

    def parameters(self, model: TechniekModel, p: dict[str, Any]) -> None:
        s = self.strength(model)
        p["teacher_recruitment"] = min(p["teacher_recruitment"] * (1 + 0.5 * s), 10.0)
        p["hybrid_teachers"] = min(p["hybrid_teachers"] + 0.001 * s, 0.05)
        p["equipment"] = min(p["equipment"] + 0.2 * s, 2.0)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        p = model.base_p
        teachers = _scaled(model, model.people.teacher.sum())
        workers = _persons(model, (Stage.WORK,), tech=True)
        pupils = _persons(model, (Stage.VO, Stage.BOL, Stage.BBL), tech=True)
        return strength * (p.teacher_premium_cost * teachers
                           + p.hybrid_teacher_cost * 0.001 * workers
                           + p.equipment_cost * pupils)

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        s = self.strength(model)
        return (self.planned_cost(model, s), 0.0,
                _scaled(model, model.people.teacher.sum()), 0.0)


class Knelpunten(Policy):
    """Spotting bottlenecks (lines 1332, 1348, 1396-1402): skills-based matching raises the
    matching efficiency; training vouchers send more unemployed toward shortage occupations."""

    kind = "knelpunten"
    levers = ("matching_efficiency", "retraining")
    MONITOR = 2.0 * MILLION        # annual monitor and skills matching, euro/yr (assumption)

    def parameters(self, model: TechniekModel, p: dict[str, Any]) -> None:
        s = self.strength(model)
        p["matching_efficiency"] = min(p["matching_efficiency"] + 0.1 * s, 1.0)
        p["retraining"] = min(p["retraining"] * (1 + s), 1.0)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        unemployed = _persons(model, (Stage.UNEMPLOYED,), tech=False)
        extra = unemployed * model.base_p.retraining * strength
        return self.MONITOR * strength + extra * model.base_p.training_voucher_cost

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        s = self.strength(model)
        unemployed = _persons(model, (Stage.UNEMPLOYED,), tech=False)
        vouchers = unemployed * model.base_p.retraining * s
        return self.planned_cost(model, s), 0.0, vouchers, 0.0


class Stimuleren(Policy):
    """Stimulating parties bottom-up (lines 1119, 1406, 1446): grants for school-firm
    partnerships raise firms' places and internships and primary W&T; firms' engagement is
    pro-cyclical (line 1452), so the effect on places scales with relative tightness."""

    kind = "stimuleren"
    levers = ("places_per_tech_worker", "internships_per_tech_worker", "early_exposure")
    COST = 40.0 * MILLION          # partnership grants, euro/yr at intensity 1 (assumption)

    def parameters(self, model: TechniekModel, p: dict[str, Any]) -> None:
        s = self.strength(model)
        goodwill = min(max(model.tightness / model.base_p.reference_tightness, 0.25), 1.5)
        p["places_per_tech_worker"] = min(p["places_per_tech_worker"]
                                          * (1 + 0.1 * s * goodwill), 0.5)
        p["internships_per_tech_worker"] = min(p["internships_per_tech_worker"]
                                               * (1 + 0.1 * s * goodwill), 0.5)
        p["early_exposure"] = min(p["early_exposure"] + 0.1 * s, 1.0)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        return self.COST * strength

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        return self.planned_cost(model, self.strength(model)), 0.0, 0.0, 0.0


class Coordinatie(Policy):
    """Coordination (lines 1412-1416, 1472): less fragmentation, so more of each euro of the
    other roles reaches pupils (`policy_efficiency` 1 + 0.25 x intensity), and continuity of
    partnerships through a downturn (places fall less with the cycle)."""

    kind = "coordinatie"
    levers = ("places_gap_elasticity",)
    hooks = ("policy_efficiency",)
    COST = 1.0 * MILLION           # the network approach, ~1 million euro/yr (line 1228)

    def efficiency(self) -> float:
        """The multiplier on the other roles' strength."""
        return 1.0 + 0.25 * self.spec.intensity

    def strength(self, model: TechniekModel) -> float:
        return self.spec.intensity * self.scale_down

    def parameters(self, model: TechniekModel, p: dict[str, Any]) -> None:
        p["places_gap_elasticity"] = p["places_gap_elasticity"] * max(
            1 - 0.25 * self.strength(model), 0.0)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        return self.COST * strength

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        return self.planned_cost(model, self.strength(model)), 0.0, 0.0, 0.0


# ---------------------------------------------------------------------------- bridging
def downturn(model: TechniekModel) -> bool:
    """A bridging scheme is open when the aggregate output gap is negative."""
    return model.cycle.gap(model.year) < 0


class Prefinance(Policy):
    """Pre-financing leerwerkplekken in a downturn (line 1330, 1222): while the output gap is
    negative, government pays an extra `0.4 x intensity` of each place's net cost. Every
    filled place receives it, so the places firms would have offered anyway are deadweight."""

    kind = "prefinance"
    hooks = ("extra_subsidy",)
    RATE = 0.4                     # extra share of the net cost paid at intensity 1

    def active(self, model: TechniekModel) -> bool:
        return super().active(model) and downturn(model)

    def rate(self, model: TechniekModel) -> float:
        """Extra subsidy share, within what makes the total at most 90% of the cost."""
        return min(self.RATE * self.strength(model), 0.9 - model.base_p.training_subsidy)

    def apply(self, model: TechniekModel) -> None:
        model.extra_subsidy += max(self.rate(model), 0.0)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        places = _scaled(model, model.firm_places.sum()) or 1.0
        rate = min(self.RATE * strength, 0.9 - model.base_p.training_subsidy)
        return rate * model.base_p.place_net_cost * places

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        filled = _scaled(model, model.flows.get("bbl_places_filled", 0.0))
        offered = model.firm_places.sum()
        without = model.firm_places_without_policy.sum()
        anyway = min(without / offered, 1.0) if offered > 0 else 1.0
        cost = max(self.rate(model), 0.0) * model.base_p.place_net_cost * filled
        return cost, cost * anyway, filled, _scaled(model, offered - without)


class PartTimeWW(Policy):
    """Part-time unemployment benefit with compulsory training (line 1330): while the output
    gap is negative, firms keep `0.6 x intensity` of the technicians they would lose to the
    slump (the job losses above the zero-gap rate, and layoffs where employment exceeds
    demand) on reduced hours; the benefit pays the hours not worked and the training restores
    skill.
    Some of the covered would have been kept anyway (labour hoarding): `parttime_deadweight`."""

    kind = "parttime_ww"
    hooks = ("layoff_retention",)
    TAKE_UP = 0.6                  # share of layoffs turned into part-time benefit

    def active(self, model: TechniekModel) -> bool:
        return super().active(model) and downturn(model)

    def apply(self, model: TechniekModel) -> None:
        model.layoff_retention = min(model.layoff_retention
                                     + self.TAKE_UP * self.strength(model), 1.0)

    def planned_cost(self, model: TechniekModel, strength: float) -> float:
        # the cyclical job losses expected this year: technicians by sector times the rise of
        # their job-loss rate with the sector's negative gap (labour_market._non_technical)
        from simulation.labour_market import tech_employment, tech_job_loss_rate

        p = model.base_p
        extra = tech_job_loss_rate(p, model.cycle.sector_gaps(model.year)) - p.tech_separation
        expected = _scaled(model, float(tech_employment(model).sum(axis=0) @ extra))
        return min(self.TAKE_UP * strength, 1.0) * expected * p.parttime_ww_cost

    def settle(self, model: TechniekModel) -> tuple[float, float, float, float]:
        kept = _scaled(model, model.flows.get("parttime_retained", 0.0))
        cost = kept * model.base_p.parttime_ww_cost
        return cost, cost * model.base_p.parttime_deadweight, kept, kept * (
            1 - model.base_p.parttime_deadweight)


POLICIES: dict[str, type[Policy]] = {cls.kind: cls for cls in (
    Voorbeeldfunctie, Experimenteerruimte, Langetermijntrends, Onderwijskwaliteit, Knelpunten,
    Stimuleren, Coordinatie, Prefinance, PartTimeWW)}


def build_policies(specs: list[PolicySpec]) -> list[Policy]:
    """Policy objects for a scenario's specs (coordination first: it sets the multiplier)."""
    policies = [POLICIES[spec.kind](spec) for spec in specs]
    return sorted(policies, key=lambda pol: pol.kind != "coordinatie")


# ---------------------------------------------------------------------------- the yearly cycle
def begin_year(model: TechniekModel) -> None:
    """Reset the hooks, set this year's parameters from the active policies, then their hooks."""
    model.extra_subsidy = 0.0
    model.layoff_retention = 0.0
    model.region_exposure[:] = 0.0
    model.policy_efficiency = 1.0
    if not model.policies:
        return
    active = [pol for pol in model.policies if pol.active(model)]
    for pol in active:
        if isinstance(pol, Coordinatie):
            pol.cap_to_budget(model)
            model.policy_efficiency *= 1.0 + 0.25 * pol.strength(model)
    values = model.base_p.model_dump()
    for pol in active:
        if not isinstance(pol, Coordinatie):
            pol.cap_to_budget(model)
        pol.parameters(model, values)
    changed = {k: v for k, v in values.items() if v != getattr(model.base_p, k)}
    model.p = model.base_p.model_copy(update=changed) if changed else model.base_p
    for pol in active:
        pol.apply(model)
    model.active_policies = active


def settle_year(model: TechniekModel) -> None:
    """Record every policy's ledger for this year (zero rows for inactive policies, so that
    each policy has a complete yearly series)."""
    active = {id(pol) for pol in getattr(model, "active_policies", [])}
    for pol in model.policies:
        cost, dead, units, extra = pol.settle(model) if id(pol) in active else (0, 0, 0, 0)
        if id(pol) in active:
            pol.years_active += 1
        rec = model.recorder
        rec.add("policy_public_cost", pol.kind, cost / MILLION)
        rec.add("policy_deadweight", pol.kind, dead / MILLION)
        rec.add("policy_units", pol.kind, units)
        rec.add("policy_additional", pol.kind, extra)
        rec.add("policy_active", pol.kind, float(id(pol) in active))
    model.active_policies = []

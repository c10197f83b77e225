"""Firms as mesa Agents: employers of technicians that offer leerwerkplekken and internships.

Each Firm stands for a group of real firms of one size class in one sector and region. Its
offer of BBL places and BOL internships (M4) follows, per technician it employs:

    places = base * exp(elasticity * sector gap) * offer(subsidy, tightness) / offer(reference)

where `offer` is the share of the group's firms for which the recruitment value of a trainee
beats its net cost: expit((value - cost * (1 - subsidy)) / spread), with the recruitment value
1 + tightness effect * log(relative tightness) (bounded to [-1, 1.5] log points). Costs
differ between firms (SMEs higher, seed L690-699, L876), so removing the praktijkleren
subsidy makes some firms stop offering (about one in four, seed L856). Places in a recession
are "erg gering" (seed L856); places rise in tight sectors (BBL techniek +13% in 2018-19,
seed L856); ~80% of BBL graduates stay with their employer (seed L854).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa
from scipy.special import expit

if TYPE_CHECKING:
    from simulation.parameters import Parameters

SME, LARGE = 0, 1


class Firm(mesa.Agent):
    """A group of firms of one size class in one (region, sector) cell.

    Attributes:
        region: landsdeel index.
        sector: sector index (see simulation.data.SECTORS).
        size: SME or LARGE.
        weight: share of its cell's technical employment.
        cost: net cost of a trainee relative to its recruitment value at tightness 1.
        places: BBL places offered this year (agent units, fractional).
        internships: BOL internships offered this year (agent units, fractional).
    """

    def __init__(self, model: mesa.Model, region: int, sector: int, size: int, weight: float,
                 cost: float) -> None:
        super().__init__(model)
        self.region = region
        self.sector = sector
        self.size = size
        self.weight = weight
        self.cost = cost
        self.places = 0.0
        self.internships = 0.0

    def offer_share(self, subsidy: float, tightness: float, p: Parameters) -> float:
        """Share of this group's firms that train: recruitment value minus net cost."""
        value = 1.0 + p.places_tightness_effect * min(max(math.log(max(tightness, 1e-6)), -1.0),
                                                      1.5)
        return float(expit((value - self.cost * (1.0 - subsidy)) / p.firm_cost_spread))

    def plan_places(self, tech_workers: float, sector_gap: float, tightness: float,
                    subsidy: float, reference_offer: float, p: Parameters) -> None:
        """Set this year's BBL places and internships from employment, cycle, cost and subsidy.

        Args:
            tech_workers: technicians employed (agent units).
            sector_gap: output gap of the firm's sector, % of potential.
            tightness: technical tightness relative to its reference (1 = normal).
            subsidy: share of the net cost paid by government (praktijkleren plus policies).
            reference_offer: `offer_share` at the 2013 reference (normalises the level).
            p: parameters.
        """
        cycle = math.exp(p.places_gap_elasticity * sector_gap) if p.cyclical_places else 1.0
        offer = self.offer_share(subsidy, tightness if p.cyclical_places else 1.0, p)
        level = tech_workers * cycle * offer / max(reference_offer, 1e-9)
        self.places = p.places_per_tech_worker * level
        self.internships = p.internships_per_tech_worker * level

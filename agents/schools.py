"""Schools as mesa Agents: the place where peers meet and where teaching quality is made.

A vo school keeps, per choice group (vmbo b/k, vmbo g/t, havo, vwo) and gender, the share of
last year's deciders who chose techniek: the same-gender peer share that this year's pupils see
(critical mass, seed L594, L639). Every school keeps a quality index: the staffing ratio of
technical teachers in its region raised to `quality_elasticity`, times its equipment (M7: teacher
shortage lowers quality, seed L61, L244, L627; equipment, seed L677).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from simulation.parameters import Parameters

VO, MBO = "vo", "mbo"


class School(mesa.Agent):
    """A vo or mbo school (location) in one region.

    Attributes:
        region: landsdeel index.
        kind: "vo" or "mbo".
        peer_share: [group, female] share of last year's deciders choosing techniek (0-1),
            NaN where nobody decided.
        quality: teaching-quality index, 1.0 = fully staffed 2013 school.
        equipment: equipment level, 1.0 = 2013.
    """

    def __init__(self, model: mesa.Model, region: int, kind: str, equipment: float = 1.0) -> None:
        super().__init__(model)
        self.region = region
        self.kind = kind
        self.peer_share = np.full((4, 2), np.nan)
        self.quality = 1.0
        self.equipment = equipment

    def observe_choices(self, chosen: np.ndarray, tech: np.ndarray) -> None:
        """Record this year's deciders as next year's peers.

        Args:
            chosen: [group, female] number of pupils who decided this year.
            tech: [group, female] number of them who chose techniek.
        """
        seen = chosen > 0
        self.peer_share[seen] = tech[seen] / chosen[seen]

    def update_quality(self, staffing_ratio: float, p: Parameters) -> None:
        """Quality from the regional technical-teacher staffing ratio (fte / need)."""
        if not p.teachers:
            self.quality = 1.0
            return
        ratio = min(max(staffing_ratio, 0.0), 1.5)
        self.quality = float(ratio ** p.quality_elasticity * self.equipment * p.equipment)

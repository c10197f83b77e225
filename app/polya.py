"""The classic Pólya urn: lock-in in its simplest form (workshop panel).

An urn starts with one red and one blue ball. Each draw takes a ball at random and puts it
back together with one more ball of the same colour. The share of red converges, but to a
value that differs from run to run (uniformly distributed on 0-1 for a 1:1 start): the first
few draws decide where a run ends. Pólya and Eggenberger (1923); Arthur, "Increasing returns
and path dependence in the economy" (1994), ch. 3.
"""

from __future__ import annotations

import numpy as np


class PolyaUrn:
    """Several independent Pólya urns drawn side by side.

    Args:
        runs: number of urns (lines in the panel).
        seed: seed of the urns' own random stream (same seed, same paths).
        red, blue: balls of each colour at the start.
    """

    def __init__(self, runs: int = 10, seed: int = 0, red: int = 1, blue: int = 1) -> None:
        self.rng = np.random.default_rng([int(seed), 1923])  # 1923: a stream of its own
        self.red = np.full(runs, red, dtype=np.int64)
        self.total = np.full(runs, red + blue, dtype=np.int64)
        self.history: list[np.ndarray] = [self.red / self.total]

    @property
    def draws(self) -> int:
        """Draws made so far (per urn)."""
        return len(self.history) - 1

    def draw(self, n: int = 1) -> None:
        """Make `n` draws in every urn."""
        for _ in range(n):
            red_drawn = self.rng.random(len(self.red)) < self.red / self.total
            self.red += red_drawn
            self.total += 1
            self.history.append(self.red / self.total)

    def shares(self) -> np.ndarray:
        """Share of red balls (0-1), shape [draws + 1, runs]; row 0 is the start."""
        return np.array(self.history)

"""Per-person random draws that are the same in every scenario (common random numbers).

Each draw is a pure function of (master seed, stream name, year, person uid): the splitmix64
finaliser (Steele, Lea & Flood 2014, the seeding mixer of Java's SplittableRandom and of
numpy's SeedSequence-style hashing) turns that key into 53 random bits. A person therefore meets
the same uniform at the same decision in every scenario, whatever else happened to the other
persons, as with Starsim's per-agent random slots; unlike slot arrays, a draw costs O(subset),
not O(population). Uniformity and independence are tested in `tests/test_draws.py`.
"""

from __future__ import annotations

import zlib

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on a uint64 array (wrapping arithmetic)."""
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def stream_key(seed: int, name: str, year: int) -> np.uint64:
    """A 64-bit key for one named stream in one year."""
    with np.errstate(over="ignore"):
        base = np.uint64(seed & 0xFFFFFFFFFFFFFFFF) * _GOLDEN
        tag = np.uint64(zlib.crc32(name.encode()) << 16 ^ (year & 0xFFFF))
        return _mix(np.array([base ^ _mix(np.array([tag], dtype=np.uint64))[0]],
                             dtype=np.uint64))[0]


def uniforms(seed: int, name: str, year: int, uids: np.ndarray) -> np.ndarray:
    """Uniform(0, 1) draws, one per uid, for stream `name` in `year` (float64 array)."""
    key = stream_key(seed, name, year)
    with np.errstate(over="ignore"):
        z = _mix(uids.astype(np.uint64) * _GOLDEN + key)
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def bernoulli_rows(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """Indices (increasing) of the successes among n independent Bernoulli(p) trials.

    Drawn as geometric gaps between successes, so the cost is O(n p), not O(n): the way to
    find the few persons who die, emigrate or lose a job in a year without a pass over all.
    """
    if n <= 0 or p <= 0:
        return np.zeros(0, dtype=np.int64)
    if p >= 0.2:
        return np.flatnonzero(rng.random(n, dtype=np.float32) < p)
    expected = n * p
    size = int(expected + 6 * np.sqrt(expected) + 16)
    positions = np.cumsum(rng.geometric(p, size=size)) - 1
    while positions[-1] < n - 1:  # not enough gaps drawn (rare): continue the sequence
        more = np.cumsum(rng.geometric(p, size=size)) + positions[-1]
        positions = np.concatenate([positions, more])
    return positions[positions < n]

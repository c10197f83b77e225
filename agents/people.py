"""All persons of the model as one structure of numpy arrays (as in Starsim and Covasim).

A person carries the same row from age 4 through school, work and retirement until death or
emigration, so interest and history formed early stay visible later (path dependency). Each row
stands for `scale` real persons. Stage, track and technical status are fields, not classes; the
yearly step updates them as vectors on index arrays.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Stage(IntEnum):
    """Where a person is in the pipeline."""

    PRIMARY = 0     # basisonderwijs, age 4-11
    VO = 1          # voortgezet onderwijs; `track` holds pro/vmbo_b/vmbo_k/vmbo_gt/havo/vwo
    BOL = 2         # mbo school-based route; `track` holds the mbo level (2-4)
    BBL = 3         # mbo work-based route (needs a leerwerkplek); `track` holds the level
    HBO = 4
    WO = 5
    NO_PLACE = 6    # admitted to BBL but waiting for a leerwerkplek
    WORK = 7        # employed; `tech` says technical occupation, `teacher` technical teacher
    UNEMPLOYED = 8
    INACTIVE = 9
    RETIRED = 10
    GONE = 11       # died or emigrated; the row is dropped at the next compaction



#: vo tracks (values of `track` while in Stage.VO)
PRO, VMBO_B, VMBO_K, VMBO_GT, HAVO, VWO = range(6)
#: havo/vwo profiles (values of `profile`); -1 = none
CM, EM, NG, NT = range(4)
#: highest completed qualification (values of `edu`)
EDU_NONE, EDU_VO_BASIC, EDU_VO_GENERAL, EDU_MBO2, EDU_MBO34, EDU_HBO, EDU_WO = range(7)
#: decision points recorded in `hist` (bit pairs: made, technical)
HIST_VO_MADE, HIST_VO_TECH, HIST_POST_MADE, HIST_POST_TECH = 1, 2, 4, 8

FIELDS: dict[str, type] = {
    "uid": np.int32,          # stable identity (key of the person's random draws)
    "alive": np.bool_,        # False after death or emigration (row dropped at compaction)
    "birth_year": np.int16,
    "female": np.bool_,
    "migrant": np.bool_,      # non-western migration background
    "region": np.int8,        # landsdeel index, see simulation.data.REGIONS
    "stage": np.int8,         # Stage
    "years": np.int8,         # years spent in the current stage
    "track": np.int8,         # vo track or mbo level
    "tech": np.bool_,         # current track, programme or occupation is technical
    "profile": np.int8,       # havo/vwo profile or -1
    "wisb": np.bool_,         # took wiskunde B (eligibility for technical wo)
    "edu": np.int8,           # highest qualification
    "edu_tech": np.bool_,     # highest qualification is technical
    "taste": np.float32,      # innate technical taste (sd units), fixed at birth
    "ability": np.float32,    # school ability (sd units), fixed at birth; sets the vo track
    "exposure": np.float32,   # accumulated primary-school W&T exposure (0-1 per year)
    "parent_tech": np.bool_,  # a parent works in a technical occupation
    "interest": np.float32,   # current technical interest (sd units)
    "skill": np.float32,      # work skill, 1 = up to date
    "school": np.int32,       # index of the school attended (vo or mbo), -1 if none
    "employer": np.int32,     # index of the firm (BBL place or job), -1 if none
    "sector": np.int8,        # sector of a technical job, -1 if none
    "teacher": np.bool_,      # works as a technical teacher
    "hist": np.uint8,         # decision history bits (HIST_*)
    "waited": np.int8,        # years spent waiting for a leerwerkplek or internship
}


class People:
    """Structure of arrays holding every person; grows by appending, shrinks by compaction.

    Attribute access (``people.stage``) returns a view of the live part of a field, so
    in-place updates through an index array write into the population.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self._data = {name: np.zeros(capacity, dtype=dt) for name, dt in FIELDS.items()}
        self.n = 0
        self.next_uid = 0

    def __getattr__(self, name: str) -> np.ndarray:
        data = self.__dict__.get("_data")
        if data is not None and name in data:
            return data[name][: self.n]
        raise AttributeError(name)

    def __len__(self) -> int:
        return self.n

    def add(self, count: int, **values: np.ndarray | float | int | bool) -> np.ndarray:
        """Append `count` persons with the given field values; return their row indices.

        Fields not given start at zero, except `school`, `employer`, `sector` and `profile`
        (-1), `alive` (True) and `skill` (1).
        """
        if count <= 0:
            return np.zeros(0, dtype=np.int64)
        self._reserve(self.n + count)
        rows = slice(self.n, self.n + count)
        defaults = {"alive": True, "skill": 1.0, "school": -1, "employer": -1, "sector": -1,
                    "profile": -1}
        for name, arr in self._data.items():
            if name == "uid":
                arr[rows] = np.arange(self.next_uid, self.next_uid + count)
            elif name in values:
                arr[rows] = values[name]
            else:
                arr[rows] = defaults.get(name, 0)
        unknown = set(values) - set(self._data)
        if unknown:
            raise KeyError(f"unknown person fields: {sorted(unknown)}")
        self.n += count
        self.next_uid += count
        return np.arange(rows.start, rows.stop)

    def _reserve(self, needed: int) -> None:
        capacity = len(self._data["uid"])
        if needed <= capacity:
            return
        new_capacity = max(needed, int(capacity * 1.25) + 1024)
        for name, arr in self._data.items():
            grown = np.zeros(new_capacity, dtype=arr.dtype)
            grown[: self.n] = arr[: self.n]
            self._data[name] = grown

    def move_to(self, other: People, rows: np.ndarray) -> None:
        """Move persons `rows` (all their fields, same ids) to another population `other`;
        here they are marked GONE and dropped at the next compaction."""
        if len(rows) == 0:
            return
        moved = other.add(len(rows), **{name: arr[rows] for name, arr in self._data.items()
                                         if name != "uid"})
        other._data["uid"][moved] = self._data["uid"][rows]
        self.remove(rows)

    def remove(self, rows: np.ndarray) -> None:
        """Mark persons as died or emigrated (stage GONE); rows stay until `compact`."""
        self._data["alive"][rows] = False
        self._data["stage"][rows] = Stage.GONE

    def compact(self, min_share: float = 0.0) -> None:
        """Drop the rows of persons who died or emigrated, keeping the order of the others.

        Args:
            min_share: compact only if at least this share of rows is gone (copying every
                field costs a pass over the population, so callers batch it).
        """
        alive = self._data["alive"][: self.n]
        m = int(np.count_nonzero(alive))
        if m == self.n or (self.n - m) < min_share * self.n:
            return
        keep = np.flatnonzero(alive)  # once, instead of once per field
        for arr in self._data.values():
            arr[:m] = arr[keep]
        self.n = m

    def age(self, year: int) -> np.ndarray:
        """Age in completed years at the start of school year `year` (int16 array)."""
        return (year - self.birth_year).astype(np.int16)

    def nbytes(self) -> int:
        """Memory held by the arrays, bytes."""
        return sum(arr.nbytes for arr in self._data.values())


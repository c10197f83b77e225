#!/usr/bin/env python
"""Step time of the workshop page's two models at workshop size (issue 5: under 200 ms).

    python benchmarks/bench_workshop.py            3 repetitions of each model's full run
    python benchmarks/bench_workshop.py --reps 1   quicker

Path dependence: `app.workshop_model.WorkshopModel` with the page's defaults (10 schools,
1,500 pupils per cohort, about 33,000 pupils in the pipeline), 30 steps. Crisis:
`app.crisis_model.CrisisModel` with the page's defaults (a 4% recession for 2 years; the
crisis run and its reference run of `TechniekModel` at scale 200, about 72,000 agents each),
17 steps (2024-2040), once without and once with both bridging policies. Reported per model:
building it, and the mean, 95th percentile and maximum wall time of one step (ms). Drawing the
page's figures is timed separately (one redraw of all figures of a page after 10 steps); it
is not part of a model step and depends more on the machine's load.
"""

from __future__ import annotations

import argparse
import io
import platform
import time
from collections.abc import Callable

import numpy as np

TARGET_MS = 200.0


def time_model(make: Callable[[], object], reps: int) -> dict[str, float]:
    """Build and run a model `reps` times; build time and step-time statistics in ms."""
    builds, steps = [], []
    for _ in range(reps):
        t0 = time.perf_counter()
        model = make()
        builds.append(time.perf_counter() - t0)
        while model.running:
            t0 = time.perf_counter()
            model.step()
            steps.append(time.perf_counter() - t0)
    s = 1e3 * np.array(steps)
    return {"build_ms": 1e3 * float(np.mean(builds)), "mean_ms": float(s.mean()),
            "p95_ms": float(np.percentile(s, 95)), "max_ms": float(s.max()), "steps": len(s)}


def time_figures(figures: Callable[[], list]) -> float:
    """Wall time (ms) to build and render every figure of a page to PNG."""
    t0 = time.perf_counter()
    for fig in figures():
        fig.savefig(io.BytesIO(), format="png")
    return 1e3 * (time.perf_counter() - t0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="full runs per model (default 3)")
    args = parser.parse_args()

    from app import figures
    from app.crisis_model import CrisisModel
    from app.workshop_model import WorkshopModel

    CrisisModel(scale=5000.0)          # warm-up: imports and cached choice intercepts
    cases = {
        "path dependence (WorkshopModel)": lambda: WorkshopModel(),
        "crisis (CrisisModel, no policies)": lambda: CrisisModel(),
        "crisis (CrisisModel, both policies)": lambda: CrisisModel(prefinance=True,
                                                                   parttime_ww=True),
    }
    print(f"python {platform.python_version()}, {platform.machine()}, reps {args.reps}")
    print(f"{'model':38s} {'build':>8s} {'mean':>8s} {'p95':>8s} {'max':>8s}  (ms; target "
          f"< {TARGET_MS:.0f} ms per step)")
    ok = True
    for name, make in cases.items():
        r = time_model(make, args.reps)
        ok &= r["max_ms"] < TARGET_MS
        print(f"{name:38s} {r['build_ms']:8.0f} {r['mean_ms']:8.1f} {r['p95_ms']:8.1f} "
              f"{r['max_ms']:8.1f}  ({r['steps']} steps)")

    path = WorkshopModel()
    crisis = CrisisModel()
    for _ in range(10):
        path.step()
        crisis.step()
    path_ms = time_figures(lambda: [
        figures.shares_figure(path, "nl"), figures.schools_figure(path, "nl"),
        figures.spread_figure([figures.run_summary(path)], "nl"),
        figures.flow_figure(path, "nl"), figures.urn_figure(path, "nl")])
    crisis_ms = time_figures(lambda: figures.crisis_figures(crisis, "nl"))
    print(f"redraw of all figures after a step: path page {path_ms:.0f} ms (5 figures), "
          f"crisis page {crisis_ms:.0f} ms (4 figures)")
    print("every step under the target" if ok else "SOME STEP OVER THE TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

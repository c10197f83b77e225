#!/usr/bin/env python
"""Scale benchmark of the Techniekpact pipeline model, and a comparison with plain mesa.

    python benchmarks/bench_scale.py                   scales 100 and 1, 2013-2040
    python benchmarks/bench_scale.py --scales 100 10   other scales
    python benchmarks/bench_scale.py --quick           smoke test (small scales, to 2016)

Part 1 runs the full model once per scale, each in a fresh subprocess so that the peak memory
(the child's own ``ru_maxrss``) belongs to that run alone. It reports the wall time of building
the model (``init``) and of ``TechniekModel.run`` separately, the person-years simulated (agents
alive at the start of each simulated year, summed over the years; times ``scale`` for real
persons) and the throughput, and checks the targets: the whole country (scale 1) in <= 60 s
and <= 4 GB, the default scale 100 in <= 15 s (time = init + run, full 2013-2040 runs only).

Part 2 times one decision, the third-year vo choice (techniek or not), two ways on the same
deciders and the same inputs: the model's vectorised ``utility`` + ``choose`` on arrays, and
the conventional mesa way (one ``mesa.Agent`` per pupil with scalar inputs, scalar logit in
``step``, ``model.agents.shuffle_do("step")``). Both must choose techniek at the same rate
(two-proportion z-test, |z| < 3).

Results are printed and written as JSON (``--json``, default benchmarks/results.json).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import mesa
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "results.json"

FULL_START, FULL_END = 2013, 2040
DEFAULT_SCALES = (100.0, 1.0)
QUICK_SCALES = (400.0, 200.0)
QUICK_END = 2016
COMPARE_SCALE, QUICK_COMPARE_SCALE = 20.0, 200.0
COMPARE_YEAR = 2016   # the year whose vo deciders are used in the comparison
Z_AGREE = 3.0         # |z| below this: the two technical shares agree
GB = 1e9              # targets are in decimal gigabytes


@dataclass(frozen=True)
class Target:
    """A performance target for a full 2013-2040 run at one scale."""

    scale: float
    measure: str   # "seconds" (init + run wall time) or "peak_bytes"
    limit: float


TARGETS = (Target(1.0, "seconds", 60.0), Target(1.0, "peak_bytes", 4 * GB),
           Target(100.0, "seconds", 15.0))


# ================================================================================= helpers
def peak_rss_bytes(who: int = resource.RUSAGE_SELF) -> int:
    """Peak resident set size of this process (or its waited-for children), bytes."""
    rss = resource.getrusage(who).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)  # Linux reports KiB


def current_rss_bytes() -> int:
    """Current resident set size (Linux /proc; 0 where unavailable), bytes."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def machine_info() -> dict[str, Any]:
    """CPU, memory and software versions of this machine."""
    cpu_model = platform.processor() or "unknown"
    mem_total = 0
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem_total = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu_count": os.cpu_count(),
        "cpu_usable": usable,
        "cpu_model": cpu_model,
        "memory_total_bytes": mem_total,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "mesa": mesa.__version__,
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def fmt_bytes(n: float) -> str:
    """Bytes as a short decimal string (MB below 1 GB, else GB)."""
    return f"{n / 1e6:.0f} MB" if n < GB else f"{n / GB:.2f} GB"


def fmt_seconds(s: float) -> str:
    """Seconds with precision that suits the magnitude."""
    return f"{s:.0f} s" if s >= 100 else f"{s:.1f} s" if s >= 1 else f"{s:.2f} s"


def fmt_count(n: float) -> str:
    """A large count as 1.23M / 45.6k."""
    if abs(n) >= 1e6:
        return f"{n / 1e6:.2f}M"
    if abs(n) >= 1e3:
        return f"{n / 1e3:.1f}k"
    return f"{n:.0f}"


def log(msg: str) -> None:
    """A progress line on stderr (stdout of a child carries its JSON result)."""
    print(msg, file=sys.stderr, flush=True)


# ================================================================================= part 1
def run_one_scale(scale: float, end: int, seed: int) -> dict[str, Any]:
    """Build and run the model at `scale` in this process; return its figures.

    Called inside the child process (``--child-scale``). Person-years are counted by wrapping
    the instance's `step`, so `TechniekModel.run` itself is what is timed (the counting is
    timed separately and subtracted). Agents are counted by `alive`, not by `people.n`: dead
    rows stay in the arrays until the next batched compaction. The retired (kept in
    `model.retired`, where they age and die) are counted too.
    """
    from simulation.model import TechniekModel
    from simulation.parameters import Parameters

    rss_before = current_rss_bytes()
    params = Parameters(scale=scale, end_year=end)
    t0 = time.perf_counter()
    model = TechniekModel(params, seed=seed)
    init_s = time.perf_counter() - t0
    def alive_agents() -> int:
        """Persons alive in the model: the working-age population plus the retired."""
        return int(np.count_nonzero(model.people.alive) + np.count_nonzero(model.retired.alive))

    agents_start = alive_agents()

    agent_years = 0       # agents alive at the start of each year, summed
    row_years = 0         # rows held (alive + dead rows not yet compacted), summed
    overhead = 0.0        # the benchmark's own counting and logging, taken out of run_s
    year_seconds: list[float] = []
    step = model.step

    def counted_step() -> None:
        nonlocal agent_years, row_years, overhead
        t_count = time.perf_counter()
        alive = alive_agents()
        agent_years += alive
        row_years += model.people.n + model.retired.n
        t_step = time.perf_counter()
        step()
        t_done = time.perf_counter()
        year_seconds.append(t_done - t_step)
        log(f"    scale {scale:g}: {model.year - 1} done in {year_seconds[-1]:.2f} s "
            f"({fmt_count(alive)} agents alive at its start)")
        overhead += (t_step - t_count) + (time.perf_counter() - t_done)

    model.step = counted_step  # type: ignore[method-assign]
    t0 = time.perf_counter()
    model.run(progress=False)
    run_s = time.perf_counter() - t0 - overhead
    years = len(year_seconds)
    return {
        "scale": scale,
        "start": params.start_year,
        "end": params.end_year,
        "years": years,
        "seed": seed,
        "agents_start": agents_start,
        "agents_end": alive_agents(),
        "rows_end": model.people.n,
        "agent_years": agent_years,
        "row_years": row_years,
        "benchmark_overhead_s": overhead,
        "person_years": agent_years * scale,
        "init_s": init_s,
        "run_s": run_s,
        "total_s": init_s + run_s,
        "seconds_per_year": run_s / max(years, 1),
        "slowest_year_s": max(year_seconds, default=0.0),
        "agent_years_per_s": agent_years / run_s if run_s > 0 else 0.0,
        "person_years_per_s": agent_years * scale / run_s if run_s > 0 else 0.0,
        "people_array_bytes": model.people.nbytes(),
        "rss_after_imports_bytes": rss_before,
        "peak_rss_bytes": peak_rss_bytes(),
        "year_seconds": year_seconds,
    }


def run_scale_subprocess(scale: float, end: int, seed: int) -> dict[str, Any]:
    """Run one scale in a fresh Python process and return the figures it reports."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child-scale", repr(scale),
           "--end", str(end), "--seed", str(seed)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"scale {scale:g}: child process failed with code {proc.returncode}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall   # includes interpreter start and imports
    result["peak_rss_children_bytes"] = peak_rss_bytes(resource.RUSAGE_CHILDREN)
    return result


def check_targets(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """PASS/MISS of every target whose scale was run over the full 2013-2040 period."""
    checks = []
    for target in TARGETS:
        for r in results:
            full = r["start"] == FULL_START and r["end"] == FULL_END
            if r["scale"] != target.scale or not full:
                continue
            value = r["total_s"] if target.measure == "seconds" else r["peak_rss_bytes"]
            ratio = value / target.limit
            checks.append({"scale": target.scale, "measure": target.measure, "value": value,
                           "limit": target.limit, "ratio": ratio, "passed": value <= target.limit})
    return checks


def describe_check(c: dict[str, Any]) -> str:
    """One line: 'scale 1: 142 s, target 60 s: MISS by 2.4x'."""
    if c["measure"] == "seconds":
        what = f"{fmt_seconds(c['value'])} (init + run), target {c['limit']:g} s"
    else:
        what = f"peak {fmt_bytes(c['value'])}, target {c['limit'] / GB:g} GB"
    verdict = (f"PASS ({c['ratio']:.2f}x the target)" if c["passed"]
               else f"MISS by {c['ratio']:.1f}x")
    return f"scale {c['scale']:g}: {what}: {verdict}"


def print_scale_table(results: list[dict[str, Any]]) -> None:
    """The per-scale table."""
    head = (f"{'scale':>6} {'years':>11} {'agents@start':>12} {'agent-years':>12} "
            f"{'init':>8} {'run':>8} {'total':>8} {'agent-yr/s':>11} {'person-yr/s':>12} "
            f"{'peak RSS':>9}")
    print(head)
    print("-" * len(head))
    for r in results:
        print(f"{r['scale']:>6g} {r['start']:>6}-{r['end']:<4} {fmt_count(r['agents_start']):>12} "
              f"{fmt_count(r['agent_years']):>12} {fmt_seconds(r['init_s']):>8} "
              f"{fmt_seconds(r['run_s']):>8} {fmt_seconds(r['total_s']):>8} "
              f"{fmt_count(r['agent_years_per_s']):>11} {fmt_count(r['person_years_per_s']):>12} "
              f"{fmt_bytes(r['peak_rss_bytes']):>9}")


# ================================================================================= part 2
@dataclass
class VoInputs:
    """Every input of the vo-choice utility for the deciders of one year, as arrays."""

    year: int
    rows: np.ndarray
    intercept: np.ndarray
    interest: np.ndarray
    migrant: np.ndarray
    female: np.ndarray
    peer: np.ndarray
    role_model: np.ndarray
    quality: np.ndarray
    prospect: float
    uids: np.ndarray         # the deciders' person ids (keys of their random draws)
    draws: np.ndarray        # the model's own uniforms (common random numbers)
    model_choice: np.ndarray  # what the model chose for these pupils


def capture_vo_inputs(scale: float, year: int, seed: int) -> tuple[VoInputs, Any]:
    """Run the model to `year` and capture the vo deciders' utility inputs in that year.

    `education._vo_choice` is wrapped for the duration of the run: the wrapper builds the
    inputs exactly as `_vo_choice` does (same deciders: those selected in
    `education._secondary`), then lets the original choose, and keeps its choices so that the
    captured inputs can be checked to reproduce them.

    Returns:
        (the inputs, the model's Parameters).
    """
    from simulation import education
    from simulation.model import TechniekModel
    from simulation.parameters import Parameters

    captured: dict[str, Any] = {}
    original = education._vo_choice

    def wrapper(model: TechniekModel, rows: np.ndarray) -> None:
        if model.year == year and len(rows):
            P = model.people
            female = P.female[rows]
            fi = female.astype(int)
            group = education.vo_group(P.track[rows])
            peers = np.stack([s.peer_share for s in model.schools["vo"]])
            seen = peers[P.school[rows], group, fi]
            ref = education.reference_peer_shares(model)[group, fi]
            peer_dev = np.where(np.isnan(seen), 0.0, seen - ref)
            ctx = model.context(rows, peer_dev)
            n = len(rows)
            captured.update(
                year=model.year, rows=rows.copy(), intercept=model.intercepts.vo[group, fi],
                interest=P.interest[rows].copy(), migrant=P.migrant[rows].copy(),
                female=female.copy(), peer=np.broadcast_to(ctx.peer, n).astype(float),
                role_model=np.broadcast_to(ctx.role_model, n).astype(float),
                quality=np.broadcast_to(ctx.quality, n).astype(float),
                prospect=float(ctx.prospect), uids=P.uid[rows].copy(),
                draws=model.u("vo_choice", rows))
        original(model, rows)
        if model.year == year and len(rows):
            captured["model_choice"] = model.people.tech[rows].copy()

    params = Parameters(scale=scale, end_year=year)
    model = TechniekModel(params, seed=seed)
    education._vo_choice = wrapper
    try:
        model.run(progress=False)
    finally:
        education._vo_choice = original
    if "model_choice" not in captured:
        raise RuntimeError(f"no vo deciders in {year} at scale {scale:g}")
    return VoInputs(**captured), params


class ChoiceModel(mesa.Model):
    """Conventional mesa model of the vo choice: one Pupil agent per decider."""

    def __init__(self, inputs: VoInputs, params: Any, seed: int) -> None:
        super().__init__(rng=seed)
        p = params
        self.beta_interest = p.beta_interest
        self.beta_path = p.beta_path
        self.migrant_penalty = p.migrant_penalty
        self.beta_peer = p.beta_peer if p.peer_effects else 0.0
        self.beta_role_model = p.beta_role_model if p.gender_effects else 0.0
        self.beta_quality = p.beta_quality
        self.beta_prospect = p.beta_prospect
        for i in range(len(inputs.rows)):
            Pupil(self, float(inputs.intercept[i]), float(inputs.interest[i]),
                  bool(inputs.migrant[i]), bool(inputs.female[i]), float(inputs.peer[i]),
                  float(inputs.role_model[i]), float(inputs.quality[i]), inputs.prospect)

    def step(self) -> None:
        """Every pupil decides, in random order."""
        self.agents.shuffle_do("step")


class Pupil(mesa.Agent):
    """A third-year vo pupil with scalar utility inputs (deviations from 2013 reference)."""

    def __init__(self, model: ChoiceModel, intercept: float, interest: float, migrant: bool,
                 female: bool, peer: float, role_model: float, quality: float,
                 prospect: float) -> None:
        super().__init__(model)
        self.intercept = intercept
        self.interest = interest
        self.migrant = migrant
        self.female = female
        self.peer = peer
        self.role_model = role_model
        self.quality = quality
        self.prospect = prospect
        self.prior_tech = 0.0   # nobody has a technical path before the vo choice
        self.tech = False

    def utility(self) -> float:
        """Logit utility of techniek, the same formula as `agents.pupils.utility`."""
        m = self.model
        u = self.intercept + m.beta_interest * self.interest + m.beta_path * self.prior_tech
        u -= m.migrant_penalty * self.migrant
        u += m.beta_peer * self.peer
        u += m.beta_role_model * self.female * self.role_model
        return u + m.beta_quality * self.quality + m.beta_prospect * self.prospect

    def step(self) -> None:
        """Choose techniek with the logistic probability of the utility."""
        u = self.utility()
        if u >= 0:
            prob = 1.0 / (1.0 + math.exp(-u))
        else:
            e = math.exp(u)
            prob = e / (1.0 + e)
        self.tech = self.random.random() < prob


def best_time(fn: Callable[[], object], repeats: int) -> float:
    """Best of `repeats` timings of `fn` (seconds per call; calls looped to >= 0.2 s)."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeats, number=number)) / number


def z_two_proportions(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-proportion z statistic with the pooled variance (0 if degenerate)."""
    pooled = (x1 + x2) / (n1 + n2)
    var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    return (x1 / n1 - x2 / n2) / math.sqrt(var) if var > 0 else 0.0


def compare_with_mesa(scale: float, year: int, seed: int, repeats: int) -> dict[str, Any]:
    """Vectorised vs conventional-mesa timing of the vo choice on the same inputs."""
    from agents import draws
    from agents.pupils import Context, choose, utility

    t0 = time.perf_counter()
    inp, p = capture_vo_inputs(scale, year, seed)
    setup_s = time.perf_counter() - t0
    n = len(inp.rows)
    log(f"  captured {n} vo deciders of {inp.year} at scale {scale:g} ({setup_s:.1f} s)")
    ctx = Context(peer=inp.peer, role_model=inp.role_model, quality=inp.quality,
                  prospect=inp.prospect)

    def vectorised() -> np.ndarray:
        u = utility(inp.intercept, inp.interest, 0.0, inp.migrant, inp.female, ctx, p)
        return choose(u, inp.draws)

    vec_tech = vectorised()
    reproduces = bool(np.array_equal(vec_tech, inp.model_choice))
    vec_s = best_time(vectorised, repeats)
    uids = inp.uids
    draws_s = best_time(lambda: draws.uniforms(seed, "vo_choice", inp.year, uids), repeats)

    create_times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        mesa_model = ChoiceModel(inp, p, seed)
        create_times.append(time.perf_counter() - t0)
    mesa_s = best_time(mesa_model.step, repeats)
    mesa_model = ChoiceModel(inp, p, seed)   # fresh model: one decision round for the shares
    mesa_model.step()
    pupils = list(mesa_model.agents)
    mesa_tech = np.array([a.tech for a in pupils])
    vec_u = utility(inp.intercept, inp.interest, 0.0, inp.migrant, inp.female, ctx, p)
    max_du = float(np.max(np.abs(np.array([a.utility() for a in pupils]) - vec_u)))

    x_vec, x_mesa = int(vec_tech.sum()), int(mesa_tech.sum())
    z = z_two_proportions(x_vec, n, x_mesa, n)
    return {
        "scale": scale,
        "year": inp.year,
        "deciders": n,
        "repeats": repeats,
        "setup_s": setup_s,
        "vectorised": {
            "seconds": vec_s,
            "per_decision_s": vec_s / n,
            "draws_seconds": draws_s,
            "tech_share": x_vec / n,
            "reproduces_model_choice": reproduces,
        },
        "mesa": {
            "create_seconds": min(create_times),
            "create_per_agent_s": min(create_times) / n,
            "seconds": mesa_s,
            "per_decision_s": mesa_s / n,
            "tech_share": x_mesa / n,
        },
        "speed_ratio": mesa_s / vec_s,
        "speed_ratio_with_creation": (mesa_s + min(create_times)) / vec_s,
        "expected_share": float(np.mean(1 / (1 + np.exp(-vec_u)))),
        "max_abs_utility_diff": max_du,
        "z": z,
        "agree": abs(z) < Z_AGREE,
    }


def print_comparison(c: dict[str, Any]) -> None:
    """Print the comparison block."""
    v, m = c["vectorised"], c["mesa"]
    print(f"vo choice of {c['year']} at scale {c['scale']:g}: {c['deciders']} deciders, "
          f"best of {c['repeats']}")
    print(f"  vectorised utility+choose: {v['seconds'] * 1e3:9.3f} ms  "
          f"= {v['per_decision_s'] * 1e9:8.1f} ns/decision   "
          f"(+ {v['draws_seconds'] * 1e3:.3f} ms for the per-uid draws)")
    print(f"  mesa shuffle_do('step'):   {m['seconds'] * 1e3:9.3f} ms  "
          f"= {m['per_decision_s'] * 1e9:8.1f} ns/decision")
    print(f"  mesa agent creation:       {m['create_seconds'] * 1e3:9.3f} ms  "
          f"= {m['create_per_agent_s'] * 1e9:8.1f} ns/agent (not in the step time)")
    print(f"  speed ratio mesa / vectorised: {c['speed_ratio']:.0f}x "
          f"({c['speed_ratio_with_creation']:.0f}x with agent creation)")
    print(f"  technical share: vectorised {v['tech_share']:.4f}, mesa {m['tech_share']:.4f} "
          f"(expected {c['expected_share']:.4f}); z = {c['z']:+.2f}: "
          f"{'agree' if c['agree'] else 'DISAGREE'} (|z| < {Z_AGREE:g})")
    print(f"  max |utility difference| = {c['max_abs_utility_diff']:.1e} (float32 interest); "
          f"vectorised on the captured inputs reproduces the model's choices: "
          f"{'yes' if v['reproduces_model_choice'] else 'NO'}")


# ================================================================================= main
def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=float, nargs="+", default=None,
                        help="real persons per agent, one run each (default: 100 1; "
                             "--quick: 400 200)")
    parser.add_argument("--end", type=int, default=None,
                        help=f"last simulated year (default {FULL_END}; --quick {QUICK_END})")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: small scales, short runs, small comparison")
    parser.add_argument("--compare-scale", type=float, default=None,
                        help=f"scale of the mesa comparison (default {COMPARE_SCALE:g}; "
                             f"--quick {QUICK_COMPARE_SCALE:g})")
    parser.add_argument("--repeats", type=int, default=3, help="timing repetitions (best of)")
    parser.add_argument("--seed", type=int, default=42, help="master seed (baseline: 42)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument("--child-scale", type=float, default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    args = build_parser().parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.child_scale is not None:   # inside the fresh subprocess of one scale
        result = run_one_scale(args.child_scale, args.end or FULL_END, args.seed)
        print(json.dumps(result))
        return 0

    scales = args.scales or list(QUICK_SCALES if args.quick else DEFAULT_SCALES)
    end = args.end or (QUICK_END if args.quick else FULL_END)
    compare_scale = args.compare_scale or (QUICK_COMPARE_SCALE if args.quick else COMPARE_SCALE)
    machine = machine_info()
    print(f"Machine: {machine['cpu_model']}, {machine['cpu_count']} CPUs "
          f"({machine['cpu_usable']} usable), {fmt_bytes(machine['memory_total_bytes'])} RAM; "
          f"Python {machine['python']}, numpy {machine['numpy']}, mesa {machine['mesa']}")

    print(f"\n== Part 1: full runs {FULL_START}-{end}, one fresh process per scale "
          f"(seed {args.seed})")
    results = []
    for i, scale in enumerate(scales, 1):
        log(f"  [{i}/{len(scales)}] scale {scale:g}: running {FULL_START}-{end} ...")
        results.append(run_scale_subprocess(scale, end, args.seed))
    print()
    print_scale_table(results)
    print("(time = wall seconds; agent-years = agents alive at the start of each year, summed; "
          "person-years = agent-years x scale; rates per second of run)")
    checks = check_targets(results)
    print("\nTargets (full 2013-2040 runs):")
    for c in checks:
        print("  " + describe_check(c))
    if not checks:
        print("  n/a: the targets apply to full 2013-2040 runs at scales 1 and 100")

    print(f"\n== Part 2: vectorised vs conventional mesa (vo choice, scale {compare_scale:g})")
    comparison = compare_with_mesa(compare_scale, COMPARE_YEAR, args.seed, args.repeats)
    print_comparison(comparison)

    out = {
        "machine": machine,
        "settings": {"quick": args.quick, "seed": args.seed, "start": FULL_START, "end": end,
                     "scales": scales, "compare_scale": compare_scale,
                     "repeats": args.repeats},
        "scales": results,
        "targets": checks,
        "comparison": comparison,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n")
    print(f"\nResults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

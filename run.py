#!/usr/bin/env python
"""Command line of the Techniekpact pipeline model.

    python run.py                      run the baseline scenario at its default scale
    python run.py run FILE [options]   run any scenario file
    python run.py params               list every parameter with default, range and source

Exit codes: 0 success, 2 bad input (one line on stderr naming file, field and what is allowed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DEFAULT_OUT = ROOT / "outputs"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (every option documented in --help)."""
    parser = argparse.ArgumentParser(
        prog="run.py",
        description="Agent-based model of the Dutch technical labour-market pipeline "
                    "(Techniekpact 2013-2020). Without a command: run the baseline.")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run one scenario file and write its outputs",
                         description="Run a scenario file; outputs go to --out (replaced if "
                                     "it exists). Prints where the results are.")
    run.add_argument("scenario", nargs="?", default=None, type=Path,
                     help="scenario TOML file (default: scenarios/baseline.toml)")
    run.add_argument("--seed", type=int, default=None,
                     help="master seed (default: the scenario's seed); same seed = same tables")
    run.add_argument("--scale", type=float, default=None,
                     help="real persons per agent, >= 1 (default: the scenario's scale; "
                          "1 = the whole country, about 14 million agents)")
    run.add_argument("--end", type=int, default=None,
                     help="last simulated year (default: the scenario's end)")
    run.add_argument("--out", type=Path, default=None,
                     help="output folder (default: outputs/<scenario>-seed<N>-scale<K>)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    sub.add_parser("params", help="list every parameter with default, range, unit and source")
    cal = sub.add_parser("calibrate", help="fit the free parameters to calibration/targets.csv",
                         description="Simulated method of moments with common random numbers "
                                     "(calibration/fit.py). Writes calibration/fitted.toml and "
                                     "calibration/fit_report.md (or next to --out).")
    cal.add_argument("--quick", action="store_true",
                     help="small, fast fit (two parameters, one replication, scale 2000)")
    cal.add_argument("--seed", type=int, default=2013, help="first replication's seed")
    cal.add_argument("--reps", type=int, default=None, help="replications per candidate")
    cal.add_argument("--out", type=Path, default=None,
                     help="fitted TOML to write (default: calibration/fitted.toml)")
    val = sub.add_parser("validate", help="check the fitted baseline against the check targets",
                         description="Runs the fitted baseline with replications and reports "
                                     "every check target; exit code 0 only if all pass.")
    val.add_argument("--reps", type=int, default=10, help="replications (default 10)")
    val.add_argument("--scale", type=float, default=200.0, help="persons per agent (default 200)")
    val.add_argument("--out", type=Path, default=DEFAULT_OUT / "validation",
                     help="report folder (default outputs/validation)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "params":
        return _params()
    if args.command == "calibrate":
        return _calibrate(args)
    if args.command == "validate":
        return _validate(args)
    if args.command is None:
        args = build_parser().parse_args(["run"])
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from scenarios.loader import BASELINE, ScenarioError, load_scenario
    from simulation.runner import run_scenario

    path = args.scenario or BASELINE
    try:
        scenario, params = load_scenario(path, seed=args.seed, scale=args.scale, end=args.end)
    except ScenarioError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    out = args.out or DEFAULT_OUT / f"{scenario.name}-seed{scenario.seed}-scale{scenario.scale:g}"
    print(f"Running '{scenario.name}' {params.start_year}-{params.end_year}, seed "
          f"{scenario.seed}, scale {params.scale:g} (one agent = {params.scale:g} persons)")
    written = run_scenario(scenario, params, scenario.seed, out, scenario_file=Path(path),
                           progress=not args.quiet)
    print(f"Results in {out}")
    print(f"  report:  {written.get('report.md', out / 'report.md')}")
    print("  tables:  series.parquet/.csv (year, metric, group, value), cohorts.parquet/.csv")
    print(f"  plots:   {', '.join(sorted(n for n in written if n.endswith('.png')))}")
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    from calibration.fit import FITTED, FitSettings, calibrate
    from calibration.targets import TargetError

    settings = FitSettings.quick(args.seed) if args.quick else FitSettings(seed=args.seed)
    if args.reps is not None:
        if args.reps < 1:
            print("error: --reps must be at least 1", file=sys.stderr)
            return 2
        settings.reps = args.reps
    out = args.out or FITTED
    try:
        summary = calibrate(settings, out=out)
    except TargetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"Objective {summary['objective']:.3f} after {summary['evaluations']} evaluations")
    for name, value in sorted(summary["parameters"].items()):
        print(f"  {name} = {value:.6g}")
    print(f"Fitted values in {out}; report in {out.with_name('fit_report.md')}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from calibration.targets import TargetError
    from calibration.validate import table, validate

    try:
        results = validate(reps=args.reps, scale=args.scale, out_dir=args.out)
    except TargetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print("\n".join(table(results)))
    failed = [r.target.id for r in results if not r.passed]
    print(f"{len(results) - len(failed)} of {len(results)} check targets pass; report in "
          f"{args.out / 'validation.md'}")
    return 0 if not failed else 1


def _params() -> int:
    from simulation.parameters import Parameters

    for name, info in Parameters.model_fields.items():
        lo = hi = None
        for meta in info.metadata:
            lo = getattr(meta, "ge", lo)
            hi = getattr(meta, "le", hi)
        bounds = f"[{lo}, {hi}]" if lo is not None else ""
        print(f"{name:32s} {info.default!s:>8} {bounds:>18}  {info.description or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

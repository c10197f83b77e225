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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "params":
        return _params()
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

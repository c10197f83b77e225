#!/usr/bin/env python
"""Command line of the Techniekpact pipeline model.

    python run.py                      run the baseline scenario at its default scale
    python run.py run FILE [options]   run any scenario file
    python run.py params               list every parameter with default, range and source
    python run.py compare A.toml B.toml [--reps N]   compare scenarios (common random numbers)
    python run.py stress-test --shock recession_2009 --policies none,prefinance,parttime_ww
    python run.py calibrate | validate     fit the free parameters; check the fitted baseline
    python run.py app                  the workshop web page (path dependence, crisis)

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
                     help="small, fast fit (two parameters, one replication, scale 2000), "
                          "written to outputs/calibration-quick/ unless --out is given")
    cal.add_argument("--seed", type=int, default=2013, help="first replication's seed")
    cal.add_argument("--reps", type=int, default=None, help="replications per candidate")
    cal.add_argument("--starts", type=int, default=None,
                     help="starts of the first round: the defaults and N-1 Latin-hypercube "
                          "points, run side by side (default 1)")
    cal.add_argument("--out", type=Path, default=None,
                     help="fitted TOML to write (default: calibration/fitted.toml)")
    val = sub.add_parser("validate", help="check the fitted baseline against the check targets",
                         description="Runs the fitted baseline with replications and reports "
                                     "every check target; exit code 0 only if all pass.")
    val.add_argument("--reps", type=int, default=None,
                     help="replications (default 40, calibration.validate.VALIDATION_REPS)")
    val.add_argument("--scale", type=float, default=200.0, help="persons per agent (default 200)")
    val.add_argument("--out", type=Path, default=DEFAULT_OUT / "validation",
                     help="report folder (default outputs/validation)")
    cmp_ = sub.add_parser("compare", help="compare scenario files with common random numbers",
                          description="Runs every scenario with the same replication seeds "
                                      "and writes comparison.csv/.md/.png: headline outcomes "
                                      "in 2030 and 2040 with 90%% bands and paired differences "
                                      "to the first scenario. Finished runs are kept in "
                                      "OUT/runs, so an interrupted comparison resumes.")
    cmp_.add_argument("scenarios", nargs="+", type=Path, help="scenario TOML files (first = "
                      "the reference for differences)")
    _sweep_options(cmp_)
    st = sub.add_parser("stress-test", help="a shock with and without bridging policies",
                        description="Runs the base scenario without the shock, with it, and "
                                    "with it plus each policy; reports places lost, students "
                                    "without a place, dropouts, switches, the workforce "
                                    "shortfall 5 and 10 years on, years to recover, and each "
                                    "policy's cost and deadweight.")
    st.add_argument("--shock", default="recession_2009",
                    help="recession_2009, covid_2020, or a scenario FILE whose [macro] table "
                         "gives the shock (default recession_2009)")
    st.add_argument("--start", type=int, default=2025,
                    help="first year of a named shock (default 2025)")
    st.add_argument("--policies", default="none,prefinance,parttime_ww",
                    help="comma list of variants: none and any policy kind (default "
                         "none,prefinance,parttime_ww)")
    st.add_argument("--base", type=Path, default=None,
                    help="base scenario file (default scenarios/baseline.toml)")
    _sweep_options(st)
    app = sub.add_parser("app", help="start the workshop web page (path dependence, crisis)",
                         description="Serves the workshop page (app/pages.py, solara) until "
                                     "Ctrl+C and prints its address.")
    app.add_argument("--host", default="127.0.0.1", help="address to listen on (default "
                     "127.0.0.1; 0.0.0.0 for other computers in the classroom)")
    app.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    return parser


def _sweep_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by compare and stress-test."""
    parser.add_argument("--reps", type=int, default=None,
                        help="replications (default: the first scenario's `replications`)")
    parser.add_argument("--seed", type=int, default=None,
                        help="master seed of the replication seeds (default: the first "
                             "scenario's seed)")
    parser.add_argument("--scale", type=float, default=None,
                        help="persons per agent for every scenario (default: each file's)")
    parser.add_argument("--end", type=int, default=None, help="last year for every scenario")
    parser.add_argument("--out", type=Path, default=None, help="output folder")
    parser.add_argument("--dask", default=None, metavar="local|tcp://HOST:PORT",
                        help="run on a Dask LocalCluster ('local') or an existing scheduler")
    parser.add_argument("--inprocess", action="store_true",
                        help="run in this process (default: local worker processes)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: all cores)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "params":
        return _params()
    if args.command == "calibrate":
        return _calibrate(args)
    if args.command == "validate":
        return _validate(args)
    if args.command == "compare":
        return _compare(args)
    if args.command == "stress-test":
        return _stress(args)
    if args.command == "app":
        from app.server import serve

        return serve(args.host, args.port)
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
    if args.starts is not None:
        if args.starts < 1:
            print("error: --starts must be at least 1", file=sys.stderr)
            return 2
        settings.starts = args.starts
    # a quick fit never replaces the committed fit unless --out says so
    out = args.out or (ROOT / "outputs" / "calibration-quick" / "fitted.toml" if args.quick
                       else FITTED)
    out.parent.mkdir(parents=True, exist_ok=True)
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
    from calibration.validate import VALIDATION_REPS, table, validate

    reps = VALIDATION_REPS if args.reps is None else args.reps
    if reps < 1:
        print("error: --reps must be at least 1", file=sys.stderr)
        return 2
    try:
        results = validate(reps=reps, scale=args.scale, out_dir=args.out)
    except TargetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print("\n".join(table(results)))
    failed = [r.target.id for r in results if not r.passed]
    print(f"{len(results) - len(failed)} of {len(results)} check targets pass; report in "
          f"{args.out / 'validation.md'}")
    return 0 if not failed else 1


def _load_all(paths: list[Path], args: argparse.Namespace) -> list | None:
    """Load and validate every scenario file before anything runs (None after an error)."""
    from scenarios.loader import ScenarioError, load_scenario

    if args.reps is not None and not 1 <= args.reps <= 1000:
        print(f"error: --reps = {args.reps}: allowed 1 to 1000", file=sys.stderr)
        return None
    if args.workers is not None and args.workers < 1:
        print(f"error: --workers = {args.workers}: must be at least 1", file=sys.stderr)
        return None
    scenarios = []
    for path in paths:
        try:
            scenario, _ = load_scenario(path, scale=args.scale, end=args.end)
        except ScenarioError as err:
            print(f"error: {err}", file=sys.stderr)
            return None
        scenarios.append(scenario)
    names = [s.name for s in scenarios]
    for name in names:
        if names.count(name) > 1:
            files = [str(p) for p, s in zip(paths, scenarios, strict=True) if s.name == name]
            print(f"error: {', '.join(files)}: name = {name!r} is used twice; every scenario "
                  "of a comparison needs its own name", file=sys.stderr)
            return None
    return scenarios


def _mode(args: argparse.Namespace) -> str:
    if args.dask:
        return args.dask
    return "inprocess" if args.inprocess else "processes"


def _sweep(scenarios: list, args: argparse.Namespace, out: Path):
    from simulation.sweep import run_sweep

    reps = args.reps or scenarios[0].replications
    seed = scenarios[0].seed if args.seed is None else args.seed
    print(f"{len(scenarios)} scenarios x {reps} replications, master seed {seed}, "
          f"mode {_mode(args)}; runs kept in {out / 'runs'}")
    try:
        series = run_sweep(scenarios, reps, seed, out, mode=_mode(args), workers=args.workers,
                           progress=not args.quiet)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return None, reps
    return series, reps


def _compare(args: argparse.Namespace) -> int:
    from simulation.compare import write_comparison

    scenarios = _load_all(args.scenarios, args)
    if scenarios is None:
        return 2
    names = [s.name for s in scenarios]
    out = args.out or DEFAULT_OUT / ("compare-" + "-".join(names)[:80])
    series, _ = _sweep(scenarios, args, out)
    if series is None:
        return 2
    written = write_comparison(series, names, out)
    print(f"Comparison in {written['markdown']} (table), {written['csv']} and {written['plot']}")
    return 0


def _stress(args: argparse.Namespace) -> int:
    from scenarios.loader import BASELINE
    from scenarios.schema import POLICY_KINDS
    from simulation.stress import SHOCK_NAMES, build_variants, write_stress

    variants = [v.strip() for v in args.policies.split(",") if v.strip()]
    unknown = [v for v in variants if v != "none" and v not in POLICY_KINDS]
    if unknown or not variants:
        print(f"error: --policies = {args.policies!r}: allowed none and "
              f"{', '.join(POLICY_KINDS)}", file=sys.stderr)
        return 2
    if not 2008 <= args.start <= 2100:
        print(f"error: --start = {args.start}: allowed 2008 to 2100", file=sys.stderr)
        return 2
    loaded = _load_all([args.base or BASELINE], args)
    if loaded is None:
        return 2
    base = loaded[0]
    if args.shock in SHOCK_NAMES:
        macro, start, label = {"path": args.shock, "shock_start": args.start}, args.start, (
            args.shock)
    else:
        shock_file = _load_all([Path(args.shock)], args)
        if shock_file is None:
            return 2
        m = shock_file[0].macro
        if m.path not in (*SHOCK_NAMES, "custom"):
            print(f"error: {args.shock}: macro.path = {m.path!r}: a shock file needs "
                  f"path = custom (with a gap table) or one of {', '.join(SHOCK_NAMES)}",
                  file=sys.stderr)
            return 2
        macro = m.model_dump()
        if m.path in SHOCK_NAMES:
            start = m.shock_start
        else:                    # a custom path: the first year with a negative gap
            negative = [year for year, gap in m.gap.items() if gap < 0]
            start = min(negative) if negative else min(m.gap)
        label = Path(args.shock).stem
    if not base.start < start <= base.end:
        print(f"error: shock start {start} must lie after the base's start ({base.start}) and "
              f"within its end ({base.end})", file=sys.stderr)
        return 2
    scenarios = build_variants(base, macro, [v for v in variants if v != "none"], start)
    out = args.out or DEFAULT_OUT / f"stress-{label}-{start}"
    series, reps = _sweep(scenarios, args, out)
    if series is None:
        return 2
    order = [s.name for s in scenarios]
    written = write_stress(series, order, out, label, start, reps)
    print(f"Stress test in {written['markdown']} (table), {written['csv']} and "
          f"{written['plot']}")
    print(written["markdown"].read_text(encoding="utf-8"))
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

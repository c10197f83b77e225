"""The fit report: every fit target against its simulated mean and band, and the parameters."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def band(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, 5th percentile, 95th percentile) over replications, per target."""
    return (np.nanmean(sims, axis=0), np.nanpercentile(sims, 5, axis=0),
            np.nanpercentile(sims, 95, axis=0))


def write_fit_report(path: Path, summary: dict) -> None:
    """Markdown report and `fit.png` beside it."""
    targets, sims, settings = summary["targets"], summary["simulations"], summary["settings"]
    mean, lo, hi = band(sims)
    rows = ["| target | value | tolerance | simulated mean | 90% band | within |",
            "|---|---:|---:|---:|---:|:---:|"]
    misses = []
    for t, m, a, b in zip(targets, mean, lo, hi, strict=True):
        ok = abs(m - t.value) <= t.tolerance
        if not ok:
            misses.append(f"{t.id}: simulated {m:.4g} against {t.value:.4g} "
                          f"(tolerance {t.tolerance:.3g}, off by {abs(m - t.value):.3g})")
        rows.append(f"| {t.id} ({t.description}) | {t.value:.4g} | {t.tolerance:.3g} | "
                    f"{m:.4g} | {a:.4g} - {b:.4g} | {'yes' if ok else 'no'} |")
    params = ["| parameter | fitted | bounds | why it is free |", "|---|---:|---|---|"]
    for f in summary["free"]:
        params.append(f"| {f.name} | {summary['parameters'][f.name]:.4g} | "
                      f"{f.low:g} - {f.high:g} | {f.why} |")
    rounds = summary.get("rounds", len(summary.get("references", [])))
    steps = [(f"round {k + 1}" if k < rounds else f"pass {k - rounds + 1}", used, own)
             for k, (used, own) in enumerate(summary.get("references", []))]
    reference = [
        "`reference_tightness` is not free: it is the model's own tightness (technical "
        "vacancies left open per job seeker in the year's matching, geometric mean) in the "
        "normal years "
        f"{', '.join(map(str, summary.get('normal_years', [])))} (|output gap| <= 0.5). "
        "Each round of the search, and each closing pass, fits at the tightness the previous "
        "step's fit produced:", "",
        "| step | reference used | the step's fit produces |", "|---|---:|---:|",
        *(f"| {step} | {used:.3g} | {own:.3g} |" for step, used, own in steps)]
    starts = summary.get("start_objectives", [])
    start_rows = [
        f"Round 1 ran from {len(starts)} starts (the defaults, then Latin-hypercube points "
        "drawn with the fit's seed), each with the round's budget; the lowest objective went "
        "on:", "", "| start | objective | evaluations |", "|---:|---:|---:|",
        *(f"| {k + 1} | {obj:.3f} | {n} |" for k, (obj, n) in enumerate(starts)), ""
    ] if len(starts) > 1 else []
    passes = summary.get("passes", [])
    if passes:
        start_rows += [
            "After the rounds, passes of line searches along every parameter over its range "
            "(a parameter moves only to a lower objective), each at the reference the previous "
            "step produced, until the budget was spent or a pass moved nothing:", "",
            "| pass | reference | objective at its start | at its end | evaluations |",
            "|---:|---:|---:|---:|---:|",
            *(f"| {k + 1} | {ref:.3g} | {a:.3f} | {b:.3f} | {n} |"
              for k, (ref, a, b, n) in enumerate(passes)), ""]
    text = [
        "# Calibration fit report", "",
        f"Simulated method of moments: {settings.reps} replication(s) per candidate with common "
        f"seeds {settings.seed}..{settings.seed + settings.reps - 1}, scale {settings.scale:g}, "
        f"{summary['evaluations']} evaluations (COBYQA, then line searches). Objective (sum of "
        f"squared errors in tolerance units over {len(targets)} fit targets): "
        f"{summary['objective']:.3f}.",
        "With fewer than 20 replications the 90% band is close to the range of the "
        "replications.", "", "## Parameters", "", *params, "", *start_rows, *reference, "",
        "## Fit targets", "", *rows,
        "", "## Misses", "", *(f"- {m}" for m in misses or ["none: every fit target is within "
                                                          "its tolerance"]),
        "", "![standardised errors](fit.png)", ""]
    path.write_text("\n".join(text), encoding="utf-8")
    _plot(path.with_name("fit.png"), targets, mean, lo, hi)


def _plot(path: Path, targets: list, mean: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> None:
    """Standardised error (simulated - target) / tolerance per fit target, with bands."""
    plot_standardised(path, targets, mean, lo, hi, "Calibration: fit targets")


def plot_standardised(path: Path, targets: list, mean: np.ndarray, lo: np.ndarray,
                      hi: np.ndarray, title: str) -> None:
    """One row per target: (simulated - target) / tolerance with its 90% band; the green
    band marks agreement within tolerance."""
    value = np.array([t.value for t in targets])
    tol = np.array([t.tolerance for t in targets])
    z = (np.asarray(mean) - value) / tol
    below = z - (np.asarray(lo) - value) / tol
    above = (np.asarray(hi) - value) / tol - z
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(targets) + 1.5))
    y = np.arange(len(targets))
    ax.errorbar(z, y, xerr=[below, above], fmt="o", capsize=3)
    ax.axvspan(-1, 1, color="tab:green", alpha=0.15, label="within tolerance")
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(y, [t.id for t in targets], fontsize=8)
    ax.set_xlabel("(simulated - target) / tolerance")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)

"""Smoke test of benchmarks/bench_scale.py --quick: it runs, writes its JSON, and the vectorised
and mesa versions of the vo choice agree. Timings are not asserted (machine-dependent)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "bench_scale.py"
TIMEOUT_S = 60  # the quick run takes ~15 s


@pytest.fixture(scope="module")
def quick_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    """Run the quick benchmark once; return (JSON results, stdout)."""
    out = tmp_path_factory.mktemp("bench") / "results.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text()), proc.stdout


def test_json_has_expected_keys(quick_results: tuple[dict, str]) -> None:
    data, _ = quick_results
    assert {"machine", "settings", "scales", "targets", "comparison"} <= set(data)
    assert {"cpu_count", "python", "numpy", "mesa"} <= set(data["machine"])
    assert data["settings"]["quick"] is True
    assert [r["scale"] for r in data["scales"]] == [400.0, 200.0]
    for r in data["scales"]:
        assert {"init_s", "run_s", "total_s", "agent_years", "person_years",
                "agent_years_per_s", "person_years_per_s", "peak_rss_bytes"} <= set(r)
        assert (r["start"], r["end"], r["years"]) == (2013, 2016, 4)
    comparison = data["comparison"]
    assert {"vectorised", "mesa", "speed_ratio", "z", "agree", "deciders"} <= set(comparison)
    assert {"per_decision_s", "tech_share"} <= set(comparison["vectorised"])
    assert {"create_seconds", "per_decision_s", "tech_share"} <= set(comparison["mesa"])


def test_person_years_and_memory_positive(quick_results: tuple[dict, str]) -> None:
    data, _ = quick_results
    for r in data["scales"]:
        assert r["agent_years"] > 0
        assert r["person_years"] == pytest.approx(r["agent_years"] * r["scale"])
        assert r["agent_years_per_s"] > 0
        assert r["person_years_per_s"] > 0
        assert r["peak_rss_bytes"] > 0
    # half the scale, about twice the agents
    small, large = data["scales"]
    assert large["agent_years"] / small["agent_years"] == pytest.approx(2.0, rel=0.05)


def test_vectorised_and_mesa_agree(quick_results: tuple[dict, str]) -> None:
    comparison = quick_results[0]["comparison"]
    assert comparison["deciders"] > 100
    assert comparison["agree"] is True
    assert abs(comparison["z"]) < 3
    assert comparison["vectorised"]["reproduces_model_choice"] is True
    assert comparison["max_abs_utility_diff"] < 1e-5
    for version in ("vectorised", "mesa"):
        assert 0.0 < comparison[version]["tech_share"] < 1.0


def test_quick_run_has_no_targets_and_says_so(quick_results: tuple[dict, str]) -> None:
    data, stdout = quick_results
    assert data["targets"] == []
    assert "n/a" in stdout
    assert "speed ratio mesa / vectorised" in stdout

"""``benchmarks/hostile.py`` runs on small sizes and says what it measured.

As in ``test_benchmarks.py``, nothing here asserts how fast anything is: the benchmark
itself is run for that (see docs/loading.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "hostile.py"


def test_the_hostile_benchmark_runs_and_reports(tmp_path: Path) -> None:
    """Every broken input is rejected with a short message; every chain loads."""
    output = tmp_path / "hostile.json"
    done = subprocess.run(  # noqa: S603 - the benchmark script, with this Python
        [sys.executable, str(BENCHMARK), "--quick", "--runs", "1", "--json", str(output)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "time per level, deepest / shallowest" in done.stdout
    report = json.loads(output.read_text("utf-8"))
    assert {r["kind"] for r in report["broken"]} == {"empty", "unknown", "repeated"}
    for broken in report["broken"]:
        assert broken["loaded"] is False
        assert broken["listed"] <= 1000
        assert broken["message_chars"] < 300 * 1001
        assert broken["seconds"] >= 0
        assert broken["peak_mb"] > 0
    assert [chain["depth"] for chain in report["chains"]] == [125, 250, 500, 1000]
    costs = {(cost["case"], cost["scale"]): cost for cost in report["costs"]}
    assert {case for case, _ in costs} == {
        "fold",
        "fold-get",
        "fold-lookup",
        "wrong-items",
        "spans",
        "brackets",
        "long-ids",
        "long-names",
        "empty-objects",
    }
    assert all(cost["seconds"] >= 0 and cost["peak_mb"] > 0 for cost in costs.values())
    assert all(costs["spans", scale]["loaded"] for scale in (0.01, 0.02, 0.04))
    assert "is not usable JSON: it holds" in costs["empty-objects", 0.04]["first"]
    assert costs["fold-lookup", 0.04]["found"] is False
    assert all(chain["engagements"] == 1 for chain in report["chains"])
    assert report["chain_ratio"] > 0

"""The benchmark scripts run: ``benchmarks/run.py`` on tiny sizes, and the synthetic data.

These tests check that the scripts work and what they write, never how fast anything is:
performance is judged by running the benchmark itself (see docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import nzcoop

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

# Every figure the benchmark reports, by its key in the JSON.
_QUERIES = ("organisation", "organisations", "engagements", "events")
KEYS = frozenset(
    {
        "process_bare_ms",
        "process_attrs_cattrs_ms",
        "process_import_ms",
        "process_stack_ms",
        "process_first_query_ms",
        "import_ratio",
        "stack_ratio",
        "first_query_ratio",
        "load_records",
        "load_s",
        "load_us_per_record",
        "memory_bytes_per_record",
        "peak_memory_bytes_per_record",
        *(f"api_{query}_us" for query in _QUERIES),
        *(
            f"{data}_{query}_{kind}_us"
            for data in ("packaged", "synthetic")
            for query in _QUERIES
            for kind in ("repeated", "first")
        ),
        *(f"ratio_{query}_{kind}" for query in _QUERIES for kind in ("repeated", "first")),
    }
)
TARGETS = {
    "import_ratio": 0.85,
    "first_query_ratio": 1.3,
    "load_us_per_record": 12.0,
    "memory_bytes_per_record": 1024.0,
}


def _synthetic(folder: Path, organisations: int, engagements: int) -> None:
    subprocess.run(  # noqa: S603 - runs the benchmark script with this Python
        [
            sys.executable,
            str(BENCHMARKS / "synthetic.py"),
            str(folder),
            "--organisations",
            str(organisations),
            "--engagements",
            str(engagements),
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def benchmark_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """Run the benchmark once on tiny sizes; return what it printed and its JSON file."""
    output = tmp_path_factory.mktemp("benchmark") / "results.json"
    done = subprocess.run(  # noqa: S603 - runs the benchmark script with this Python
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--organisations",
            "200",
            "--engagements",
            "1000",
            "--runs",
            "3",
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, output


def test_run_prints_a_table(benchmark_run: tuple[str, Path]) -> None:
    """The table has a header and a verdict for each figure that has a target."""
    stdout, _ = benchmark_run
    assert "measurement" in stdout
    assert "target" in stdout
    assert "result" in stdout
    assert "import nzcoop" in stdout
    assert "load per record" in stdout
    assert stdout.count("PASS") + stdout.count("FAIL") + stdout.count("SKIP") >= len(TARGETS)


def test_run_writes_every_measurement(benchmark_run: tuple[str, Path]) -> None:
    """The JSON names the machine and the sizes, and holds every figure, once."""
    _, output = benchmark_run
    report = json.loads(output.read_text("utf-8"))
    assert report["parameters"] == {"organisations": 200, "engagements": 1000, "runs": 3}
    assert {"python", "nproc", "date", "platform"} <= set(report["machine"])
    keys = [m["key"] for m in report["measurements"]]
    assert sorted(keys) == sorted(KEYS)
    for measurement in report["measurements"]:
        assert set(measurement) == {"key", "label", "value", "unit", "target", "passed", "note"}
        value = measurement["value"]
        assert value is None or (isinstance(value, int | float) and value >= 0)
        if value is None:
            assert measurement["note"], measurement["key"]
        if measurement["target"] is not None and value is not None:
            assert measurement["passed"] is (value <= measurement["target"])


def test_run_measures_what_needs_no_packaged_data(benchmark_run: tuple[str, Path]) -> None:
    """Import cost, synthetic queries and loading are measured on any installation."""
    _, output = benchmark_run
    report = json.loads(output.read_text("utf-8"))
    by_key = {m["key"]: m for m in report["measurements"]}
    for key, target in TARGETS.items():
        assert by_key[key]["target"] == target
    for key in ("import_ratio", "load_us_per_record", "memory_bytes_per_record"):
        assert by_key[key]["value"] is not None
    for query in _QUERIES:
        assert by_key[f"synthetic_{query}_repeated_us"]["value"] is not None
        assert by_key[f"synthetic_{query}_first_us"]["value"] is not None
    synthetic_records = by_key["load_records"]["value"]
    assert synthetic_records > 1200  # 200 organisations, 1000 engagements and the rest


def test_synthetic_data_loads(tmp_path: Path) -> None:
    """The synthetic dataset is valid: it loads, with the counts asked for."""
    _synthetic(tmp_path, 300, 1500)
    data = nzcoop.load(tmp_path)
    assert len(data.organisations(participant=None)) == 300
    assert len(data.engagements()) == 1500
    assert data.lookup("New Zealand").id == "new-zealand"
    assert data.events(year=2013)
    assert data.engagements(role="member")


def test_synthetic_data_is_deterministic(tmp_path: Path) -> None:
    """Two runs with the same sizes write the same files, byte for byte."""
    first, second = tmp_path / "first", tmp_path / "second"
    _synthetic(first, 50, 200)
    _synthetic(second, 50, 200)
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    assert "release.json" in names
    assert "engagements.json" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name

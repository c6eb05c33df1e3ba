"""The benchmark scripts run and write what they say; how fast anything is, is not tested.

Performance is judged by running the benchmark itself (see docs/performance.md). Here
``benchmarks/run.py`` runs on a tiny synthetic dataset in pyperf's single-value mode,
and ``benchmarks/synthetic.py`` writes datasets that are checked by loading them.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import nzcoop
from nzcoop._model import STEMS

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

TARGETS: dict[str, float | None] = {
    "first_query": 1.5,
    "import": 0.25,
    "import_bare": None,
    "nzcoop.organisation": 3.0,
    "nzcoop.organisations": 3.0,
    "nzcoop.engagements": 3.0,
    "nzcoop.events": 3.0,
    "load": 4.0,
    "memory": 1024.0,
    "peak_memory": None,
    "get_miss": 5.0,
    "lookup_error": 20.0,
}
"""Every figure the benchmark reports, by key, with its target."""

"""The data file stems, besides ``release``."""
ORGANISATIONS = len(nzcoop.dataset().records("organisations"))
ENGAGEMENTS = len(nzcoop.dataset().records("engagements"))
"""How many of each the packaged data holds: a synthetic dataset has one copy at least."""
SIZED = ("organisations", "engagements")
"""The kinds whose number the command line sets; the others are whole copies."""


def _run(*options: str) -> subprocess.CompletedProcess[str]:
    """Run ``benchmarks/run.py`` on a tiny dataset, one pyperf value per benchmark."""
    sizes = ("--organisations", "200", "--engagements", "1000", "--debug-single-value")
    return subprocess.run(  # noqa: S603 - runs the benchmark script with this Python
        [sys.executable, str(BENCHMARKS / "run.py"), *sizes, *options],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """Return what one benchmark run printed, and the JSON it wrote."""
    output = tmp_path_factory.mktemp("benchmark") / "figures.json"
    done = _run("--json", str(output))
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(output.read_text("utf-8"))


def _synthetic(folder: Path, organisations: int, engagements: int, *options: str) -> None:
    subprocess.run(  # noqa: S603 - runs the benchmark script with this Python
        [
            sys.executable,
            str(BENCHMARKS / "synthetic.py"),
            str(folder),
            *("--organisations", str(organisations), "--engagements", str(engagements)),
            *options,
        ],
        check=True,
        capture_output=True,
    )


def test_run_reports_every_figure_with_its_target(run: tuple[str, dict[str, Any]]) -> None:
    _, report = run
    assert {figure["key"]: figure["target"] for figure in report["figures"]} == TARGETS
    assert report["sizes"] == {"organisations": 200, "engagements": 1000}
    assert {"nzcoop", "python", "platform", "cpus", "date"} <= report["machine"].keys()


@pytest.mark.parametrize("key", TARGETS)
def test_each_verdict_follows_from_value_and_target(
    run: tuple[str, dict[str, Any]], key: str
) -> None:
    stdout, report = run
    figure = next(figure for figure in report["figures"] if figure["key"] == key)
    assert math.isfinite(figure["value"])
    assert figure["value"] > 0
    line = next(line for line in stdout.splitlines() if line.startswith(figure["label"]))
    if figure["target"] is None:
        assert figure["passed"] is None
        assert line.split()[-1] not in {"PASS", "FAIL"}
    else:
        assert figure["passed"] is (figure["value"] <= figure["target"])
        assert line.split()[-1] == ("PASS" if figure["passed"] else "FAIL")


def test_run_counts_the_records_of_the_synthetic_data(run: tuple[str, dict[str, Any]]) -> None:
    _, report = run
    packaged = nzcoop.dataset()
    copies = math.ceil(200 / len(packaged.records("organisations")))
    others = sum(len(packaged.records(stem)) for stem in STEMS if stem not in SIZED)
    assert report["results"]["records"] == copies * others + 200 + 1000


def test_strict_exits_1_exactly_when_a_target_is_missed(tmp_path: Path) -> None:
    output = tmp_path / "figures.json"
    done = _run("--strict", "-q", "--json", str(output))
    figures = json.loads(output.read_text("utf-8"))["figures"]
    missed = any(figure["passed"] is False for figure in figures)
    assert done.returncode == (1 if missed else 0), done.stderr


@pytest.mark.parametrize(
    ("organisations", "engagements"),
    [(ORGANISATIONS, ENGAGEMENTS), (60, 130), (300, 1500)],
)
def test_synthetic_data_loads_with_the_sizes_asked(
    tmp_path: Path, organisations: int, engagements: int
) -> None:
    _synthetic(tmp_path, organisations, engagements)
    data = nzcoop.load(tmp_path)
    packaged = nzcoop.dataset()
    copies = math.ceil(organisations / len(packaged.records("organisations")))
    sizes = {stem: copies * len(packaged.records(stem)) for stem in STEMS}
    sizes |= {"organisations": organisations, "engagements": engagements}
    assert {stem: len(data.records(stem)) for stem in STEMS} == sizes
    assert any(organisation.parent for organisation in data.organisations(participant=None))
    starts = {event.start.year: event for event in data.events() if event.start}
    assert starts
    assert all(event in data.events(year=year) for year, event in starts.items())
    assert {engagement.role for engagement in data.engagements()} > {nzcoop.Role.MEMBER}
    assert any(source.date for source in data.sources())


def test_synthetic_data_is_deterministic(tmp_path: Path) -> None:
    first, second, other_seed = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    _synthetic(first, 60, 200)
    _synthetic(second, 60, 200)
    _synthetic(other_seed, 60, 200, "--seed", "1")
    names = sorted(f"{stem}.json" for stem in ("release", *STEMS))
    assert sorted(path.name for path in first.iterdir()) == names
    assert sorted(path.name for path in second.iterdir()) == names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "events.json").read_bytes() != (other_seed / "events.json").read_bytes()


@pytest.mark.parametrize(
    ("organisations", "engagements"),
    [(ORGANISATIONS - 1, ENGAGEMENTS), (ORGANISATIONS, ENGAGEMENTS - 1)],
)
def test_synthetic_data_needs_one_whole_copy(
    tmp_path: Path, organisations: int, engagements: int
) -> None:
    with pytest.raises(subprocess.CalledProcessError) as raised:
        _synthetic(tmp_path, organisations, engagements)
    assert b"need at least one copy of the packaged records" in raised.value.stderr


def _python(code: str) -> str:
    """Run *code* in a new process of this Python, with `benchmarks` importable."""
    prelude = f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r})\n"
    done = subprocess.run(  # noqa: S603 - this Python
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_tricks_measures_each_trick_both_ways_and_checks_they_agree(tmp_path: Path) -> None:
    output = tmp_path / "tricks.json"
    sizes = ("--organisations", str(ORGANISATIONS), "--engagements", str(ENGAGEMENTS))
    options = (*sizes, "--repeat", "1", "--json", str(output))
    done = subprocess.run(  # noqa: S603 - runs the benchmark script with this Python
        [sys.executable, str(BENCHMARKS / "tricks.py"), *options],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(output.read_text("utf-8"))
    assert [r["trick"] for r in results] == [
        "lazy public names",
        "lazy suggestions",
        "answers",
        "collector",
        "sharing",
        "byte-table",
    ]
    for result in results:
        assert result["on"] > 0
        assert result["off"] > 0
        assert result["off_over_on"] == result["off"] / result["on"]
        assert result["figure"] in done.stdout


SWITCHED = {
    "answers": ("nzcoop._dataset", "Dataset._memoised"),
    "collector": ("nzcoop._files", "_collector_paused"),
    "sharing": ("nzcoop._convert", "_share_value"),
    "byte-table": ("nzcoop._names", "_ascii_key"),
}
"""What switching each trick off replaces: a name the package must still define."""


def test_every_trick_switched_off_is_listed() -> None:
    assert _python("import tricks; print(*tricks.OFF)").split() == list(SWITCHED)


@pytest.mark.parametrize("trick", SWITCHED)
def test_switching_a_trick_off_replaces_what_the_package_uses(trick: str) -> None:
    module, name = SWITCHED[trick]
    _python(
        "import importlib, operator, tricks\n"
        f"find = operator.attrgetter({name!r})\n"
        f"before = find(importlib.import_module({module!r}))\n"
        f"tricks.OFF[{trick!r}]()\n"
        f"assert find(importlib.import_module({module!r})) is not before, 'not switched off'\n"
    )

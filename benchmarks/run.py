"""Measure nzcoop's import cost, first-query cost, query latency, load speed and memory.

Run it from the repository root, with nzcoop installed::

    python benchmarks/run.py                       # full size: 20,000 organisations
    python benchmarks/run.py --organisations 200 --engagements 1000 --runs 3   # a smoke run

It uses the standard library only (`subprocess`, `time.perf_counter`, `tracemalloc`).
Every figure that has a target is a ratio or a per-call cost taken in the same run, so
the noise of the machine cancels as far as it can. It prints a table with PASS or FAIL
for each target and writes every measurement to JSON (``benchmarks/results/latest.json``
unless ``--output`` says otherwise). The exit code is 0 whatever the results, unless
``--strict`` is given and a target is missed.

Query latency is measured two ways, because `Dataset` memoises each query's result per
argument tuple: *repeated* calls ask the same question again (memo hits), and *first*
calls ask a fresh dataset a new question each time (every role and year, every theme).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import synthetic

import nzcoop

__all__ = ["Measurement", "main"]

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
"""Where the JSON goes unless ``--output`` names another file."""

_BARE = "pass"
_BASELINE = "import attrs, cattrs"
_IMPORT = "import nzcoop"
_FIRST_QUERY = "import nzcoop; nzcoop.organisation('M5')"
# What any first query costs before it reads a byte of data: the data is found through
# importlib.resources (and parsed by json), and the record classes and enums defined.
_STACK = (
    "import attrs, cattrs, json, importlib.resources, nzcoop._model; "
    "importlib.resources.files('nzcoop')"
)
_YEARS = range(1990, 2025)
_HOT_CALLS = 1000
_HOT_ROUNDS = 21


@dataclasses.dataclass(frozen=True)
class Measurement:
    """One figure: what was measured, its value and unit, and its target if it has one.

    >>> m = Measurement("import_ratio", "import nzcoop / import attrs, cattrs", 0.5, "x", 0.85)
    >>> m.passed, m.as_json()["value"]
    (True, 0.5)
    """

    key: str
    """A stable name for the figure, used as its key in the JSON."""
    label: str
    """What was measured, for the table."""
    value: float | None
    """The figure, or None when it could not be measured (see ``note``)."""
    unit: str
    target: float | None = None
    """The largest value that meets the target, if the figure has one."""
    note: str = ""

    @property
    def passed(self) -> bool | None:
        """Whether the value is within the target (None: no target, or not measured)."""
        if self.target is None or self.value is None:
            return None
        return self.value <= self.target

    def as_json(self) -> dict[str, Any]:
        """Return the measurement as a JSON object."""
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "passed": self.passed,
            "note": self.note,
        }

    def row(self) -> tuple[str, str, str, str]:
        """Return the table cells: label, value, target and verdict."""
        value = "n/a" if self.value is None else _number(self.value, self.unit)
        target = "" if self.target is None else "<= " + _number(self.target, self.unit)
        verdict = {True: "PASS", False: "FAIL", None: "" if self.target is None else "SKIP"}
        return self.label, value, target, verdict[self.passed]


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "records":
        return f"{value:,.0f} {unit}"
    if unit in {"ms", "us", "s", "B"}:
        return f"{value:,.{3 if value < 10 else 1}f} {unit}"
    return f"{value:,.1f} {unit}"


# -- whole-process timings -----------------------------------------------------------


def _child_environment() -> dict[str, str]:
    """Return this environment, but letting Python write bytecode caches.

    An installed package has its ``.pyc`` files (pip compiles them); an editable
    checkout run with ``PYTHONDONTWRITEBYTECODE`` set would instead compile every
    module of nzcoop in every timed process, and time the compiler.
    """
    environment = os.environ.copy()
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def _run_once(code: str) -> float | None:
    """Return the wall time of ``python -c code`` in seconds, or None when it fails."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=False, env=_child_environment()
    )
    elapsed = time.perf_counter() - start
    return elapsed if done.returncode == 0 else None


def process_times(codes: Sequence[str], runs: int) -> dict[str, list[float] | None]:
    """Time each of *codes* in a fresh interpreter *runs* times, alternating between them.

    Each round runs every command once, starting one further along than the round
    before, so no command always runs first or last. One untimed round warms the disk
    cache and writes the bytecode caches first. A command that fails once is reported
    as None.
    """
    for code in codes:
        _run_once(code)
    times: dict[str, list[float] | None] = {code: [] for code in codes}
    for round_ in range(runs):
        shift = round_ % len(codes)
        for code in [*codes[shift:], *codes[:shift]]:
            so_far = times[code]
            if so_far is None:
                continue
            elapsed = _run_once(code)
            times[code] = None if elapsed is None else [*so_far, elapsed]
    return times


def _name(code: str) -> str:
    """Name a timed command for the table: its code, or what the long one does."""
    if code == _STACK:
        return "the stack alone (attrs, cattrs, json, importlib.resources, record classes)"
    return f"python -c {code!r}"


def _middle_half(seconds: list[float] | None) -> str:
    """Say where the middle half of *seconds* lay, to show how noisy the machine was."""
    if not seconds or len(seconds) < 4:  # quartiles need four
        return ""
    first, _, third = statistics.quantiles(seconds, n=4)
    return f", middle half {first * 1e3:.1f}-{third * 1e3:.1f} ms"


def _process_measurements(runs: int) -> list[Measurement]:
    codes = (_BARE, _BASELINE, _IMPORT, _STACK, _FIRST_QUERY)
    times = process_times(codes, runs)
    medians = {code: statistics.median(t) if t else None for code, t in times.items()}
    base = medians[_BASELINE]
    measurements = [
        Measurement(
            f"process_{key}_ms",
            f"process: {_name(code)} (median of {runs}{_middle_half(times[code])})",
            None if medians[code] is None else medians[code] * 1e3,  # type: ignore[operator]
            "ms",
            note="" if medians[code] is not None else "the command failed",
        )
        for key, code in (
            ("bare", _BARE),
            ("attrs_cattrs", _BASELINE),
            ("import", _IMPORT),
            ("stack", _STACK),
            ("first_query", _FIRST_QUERY),
        )
    ]
    for key, code, target in (
        ("import_ratio", _IMPORT, 0.85),
        ("stack_ratio", _STACK, None),
        ("first_query_ratio", _FIRST_QUERY, 1.3),
    ):
        subject = medians[code]
        ratio = subject / base if subject is not None and base else None
        measurements.append(
            Measurement(
                key,
                f"ratio: {_name(code)} / {_name(_BASELINE)}",
                ratio,
                "x",
                target,
                "" if ratio is not None else "a command failed (is the packaged data there?)",
            )
        )
    return measurements


# -- query latency -------------------------------------------------------------------

Query = Callable[[], object]


def _hot(queries: dict[str, Query]) -> dict[str, float]:
    """Return the median µs per call of each of *queries*, each called again and again.

    The queries take turns, a block of calls each per round, so that a slow spell of
    the machine falls on all of them alike.
    """
    per_call: dict[str, list[float]] = {key: [] for key in queries}
    for query in queries.values():
        query()
    for _ in range(_HOT_ROUNDS):
        for key, query in queries.items():
            start = time.perf_counter()
            for _ in range(_HOT_CALLS):
                query()
            per_call[key].append((time.perf_counter() - start) / _HOT_CALLS * 1e6)
    return {key: statistics.median(times) for key, times in per_call.items()}


def _first(queries: Sequence[Query]) -> float:
    """Return the mean time per call in µs of *queries*, each called once."""
    start = time.perf_counter()
    for query in queries:
        query()
    return (time.perf_counter() - start) / len(queries) * 1e6


class _Questions:
    """The questions asked of one dataset, and the names they use."""

    def __init__(self, data: nzcoop.Dataset, organisation: str) -> None:
        self.organisation = organisation
        self.names = [o.name for o in data.organisations(participant=None)][:1000]
        self.themes = sorted(
            {t for o in data.organisations(participant=None) for t in o.themes},
            key=lambda theme: theme.value,
        )
        self.theme = self.themes[0] if self.themes else nzcoop.Theme.PEOPLE_SMUGGLING
        self.roles = list(nzcoop.Role)

    def repeated(self, data: nzcoop.Dataset) -> dict[str, Query]:
        """Return the same question, to ask again and again, for each query."""
        return {
            "organisation": lambda: data.organisation(self.organisation),
            "organisations": lambda: data.organisations(theme=self.theme),
            "engagements": lambda: data.engagements(role="member", year=2013),
            "events": lambda: data.events(year=2013),
        }

    def distinct(self, data: nzcoop.Dataset) -> dict[str, list[Query]]:
        """Return many different questions, each to ask once, for each query."""

        def organisation(name: str) -> Query:
            return lambda: data.organisation(name)

        def organisations(theme: nzcoop.Theme) -> Query:
            return lambda: data.organisations(theme=theme)

        def engagements(role: nzcoop.Role, year: int) -> Query:
            return lambda: data.engagements(role=role, year=year)

        def events(year: int) -> Query:
            return lambda: data.events(year=year)

        return {
            "organisation": [organisation(name) for name in self.names],
            "organisations": [organisations(theme) for theme in self.themes],
            "engagements": [engagements(r, y) for r in self.roles for y in _YEARS],
            "events": [events(year) for year in _YEARS],
        }


def _result_sizes(data: nzcoop.Dataset, questions: _Questions) -> dict[str, float]:
    """Return the mean number of records each query's distinct questions return."""
    sizes = {
        "organisation": [1],
        "organisations": [len(data.organisations(theme=t)) for t in questions.themes],
        "engagements": [
            len(data.engagements(role=r, year=y)) for r in questions.roles for y in _YEARS
        ],
        "events": [len(data.events(year=y)) for y in _YEARS],
    }
    return {key: statistics.fmean(values) if values else 0.0 for key, values in sizes.items()}


def first_calls(data: nzcoop.Dataset, organisation: str) -> tuple[dict[str, float], ...]:
    """Time the four queries on *data*, a fresh dataset, asking each question once.

    Returns:
        The mean µs per call of each query, and the mean number of records it returned.
    """
    questions = _Questions(data, organisation)
    first = {key: _first(qs) for key, qs in questions.distinct(data).items()}
    return first, _result_sizes(data, questions)


def _repeated(data: nzcoop.Dataset, organisation: str, prefix: str) -> dict[str, Query]:
    return {f"{prefix}{k}": q for k, q in _Questions(data, organisation).repeated(data).items()}


def _api() -> dict[str, Query]:
    """Return the module-level functions, called the way users call them."""
    theme = nzcoop.organisation("M5").themes[0]
    return {
        "api_organisation": lambda: nzcoop.organisation("M5"),
        "api_organisations": lambda: nzcoop.organisations(theme=theme),
        "api_engagements": lambda: nzcoop.engagements(role="member", year=2013),
        "api_events": lambda: nzcoop.events(year=2013),
    }


_CALLS = {
    "organisation": "organisation('M5')",
    "organisations": "organisations(theme=...)",
    "engagements": "engagements(role=..., year=...)",
    "events": "events(year=...)",
}


def _query_measurements(folder: Path, synthetic_org: str) -> list[Measurement]:
    """Time the queries on the packaged data (if usable) and on the synthetic data."""
    note = ""
    empty: dict[str, float | None] = dict.fromkeys(_CALLS)
    pkg: tuple[dict[str, float | None], ...] = (empty, empty)
    hot: dict[str, Query] = {}
    try:
        packaged = nzcoop.load(files("nzcoop") / "data")
        packaged.organisation("M5")
    except nzcoop.NzcoopError as error:
        note = f"the packaged data is not usable: {str(error).splitlines()[0]}"
    else:
        pkg = first_calls(packaged, "M5")  # type: ignore[assignment]
        hot |= _api() | _repeated(packaged, "M5", "packaged_")
    synthetic_data = nzcoop.load(folder)
    syn = first_calls(synthetic_data, synthetic_org)
    hot |= _repeated(synthetic_data, synthetic_org, "synthetic_")
    repeated: dict[str, float | None] = {
        **dict.fromkeys(f"{p}{k}" for p in ("api_", "packaged_") for k in _CALLS),
        **_hot(hot),
    }
    measurements = [
        Measurement(
            f"api_{key}_us",
            f"packaged nzcoop.{call}, repeated",
            repeated[f"api_{key}"],
            "us",
            2.0,
            note,
        )
        for key, call in _CALLS.items()
    ]
    for name, (first, sizes) in (("packaged", pkg), ("synthetic", syn)):
        for key in _CALLS:
            size = sizes[key]
            measurements += (
                Measurement(
                    f"{name}_{key}_repeated_us",
                    f"{name} Dataset.{key}, repeated",
                    repeated[f"{name}_{key}"],
                    "us",
                    note=note if name == "packaged" else "",
                ),
                Measurement(
                    f"{name}_{key}_first_us",
                    f"{name} Dataset.{key}, first calls",
                    first[key],
                    "us",
                    note=f"mean result size {size:.1f} records" if size is not None else note,
                ),
            )
    for key in _CALLS:
        for kind, packaged_time, synthetic_time in (
            ("repeated", repeated[f"packaged_{key}"], repeated[f"synthetic_{key}"]),
            ("first", pkg[0][key], syn[0][key]),
        ):
            ratio = None
            if packaged_time is not None and synthetic_time is not None:
                ratio = synthetic_time / packaged_time
            sizes_note = (
                note or f"mean result sizes {pkg[1][key]:.1f} and {syn[1][key]:.1f} records"
            )
            measurements.append(
                Measurement(
                    f"ratio_{key}_{kind}",
                    f"synthetic / packaged: {key}, {kind}",
                    ratio,
                    "x",
                    1.5,
                    sizes_note,
                )
            )
    return measurements


# -- load time and memory ------------------------------------------------------------


def _load_measurements(folder: Path, runs: int) -> list[Measurement]:
    nzcoop.load(folder)  # imports cattrs and builds the converter before anything is timed
    times = []
    records = 0
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        data = nzcoop.load(folder)
        times.append(time.perf_counter() - start)
        records = len(data.entities())
        del data
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    data = nzcoop.load(folder)
    gc.collect()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del data
    seconds = statistics.median(times)
    return [
        Measurement("load_records", "synthetic records loaded", records, "records"),
        Measurement("load_s", f"nzcoop.load(synthetic) (median of {runs})", seconds, "s"),
        Measurement("load_us_per_record", "load per record", seconds / records * 1e6, "us", 12.0),
        Measurement(
            "memory_bytes_per_record",
            "memory per record, once loaded",
            (after - before) / records,
            "B",
            1024.0,
        ),
        Measurement(
            "peak_memory_bytes_per_record",
            "peak memory per record, while loading",
            (peak - before) / records,
            "B",
        ),
    ]


# -- the command line ----------------------------------------------------------------


def _machine() -> dict[str, Any]:
    affinity = getattr(os, "sched_getaffinity", None)
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "processor": platform.machine(),
        "nproc": len(affinity(0)) if affinity else os.cpu_count(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "nzcoop": nzcoop.__version__,
    }


def _table(measurements: Sequence[Measurement]) -> str:
    rows = [("measurement", "value", "target", "result"), *(m.row() for m in measurements)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark, print the table, write the JSON, and return the exit code.

    Args:
        argv: the command-line arguments (``sys.argv[1:]`` when None).

    Returns:
        0, or 1 when ``--strict`` is given and a target is missed.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--organisations", type=int, default=20_000, help="default: 20000")
    parser.add_argument("--engagements", type=int, default=100_000, help="default: 100000")
    parser.add_argument(
        "--runs", type=int, default=15, help="processes per command, and loads (default: 15)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"default: {RESULTS}")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    measurements = _process_measurements(args.runs)
    with tempfile.TemporaryDirectory(prefix="nzcoop-bench-") as folder:
        path = Path(folder)
        synthetic.write(path, organisations=args.organisations, engagements=args.engagements)
        measurements += _query_measurements(path, "SO00000")
        measurements += _load_measurements(path, min(args.runs, 3))

    machine = _machine()
    print(
        f"nzcoop {machine['nzcoop']} on {machine['implementation']} {machine['python']}, "
        f"{machine['nproc']} CPUs, {machine['platform']}, {machine['date']}"
    )
    print(f"synthetic dataset: {args.organisations} organisations, {args.engagements} engagements")
    print()
    print(_table(measurements))
    report = {
        "machine": machine,
        "parameters": {
            "organisations": args.organisations,
            "engagements": args.engagements,
            "runs": args.runs,
        },
        "measurements": [m.as_json() for m in measurements],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(f"\nwrote {args.output}")
    missed = [m.key for m in measurements if m.passed is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

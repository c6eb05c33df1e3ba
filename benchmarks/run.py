"""Benchmark nzcoop with pyperf: start-up, repeated queries, loading, and memory.

    python benchmarks/run.py [--organisations N] [--engagements N] [--json FILE] [--strict]

Absolute times on a shared machine vary from hour to hour, so each timing target is a
ratio of two pyperf means from the same run. pyperf's options (``--fast``, ``-q``, ``-o``)
work as usual. To add a benchmark, add it to `BENCHMARKS` (or `MEMORY`), and a `Figure`
computed from its result to `FIGURES`.

Before timing, nzcoop's bytecode is compiled, as pip compiles it when it installs the
package: with ``PYTHONDONTWRITEBYTECODE`` set (as on the machines this was written on),
an editable install would otherwise compile every module again in every process timed.
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import datetime
import gc
import json
import os
import platform
import sys
import tempfile
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyperf
import synthetic

import nzcoop

Bench = Callable[[pyperf.Runner, str, Path], "pyperf.Benchmark | None"]
"""Runs one pyperf benchmark, given the runner, the benchmark's name and the data folder."""


def command(code: str) -> Bench:
    """Time ``python -c code``, each run in a new interpreter."""
    return lambda runner, name, _: runner.bench_command(name, [sys.executable, "-c", code])


def calls(stmt: str, setup: str) -> Bench:
    """Time *stmt* again and again in one process.

    Each worker process first runs *setup* (which sees the data folder as ``folder``),
    then *stmt* once, so that any lazy loading is done before the timing starts.
    """

    def bench(runner: pyperf.Runner, name: str, folder: Path) -> pyperf.Benchmark | None:
        names: dict[str, object] = {}

        def time(loops: int) -> float:
            if not names:  # the first call in this process
                names["folder"] = folder
                exec(f"{setup}\n{stmt}", names)  # noqa: S102 - the benchmark's own code
            # Runner.timeit returns None, so this is the standard library's timer: it
            # runs stmt inline in its loop, as pyperf's does, but pauses the collector.
            return timeit.Timer(stmt, globals=names).timeit(loops)

        return runner.bench_time_func(name, time)

    return bench


def function(func: Callable[[Path], object]) -> Bench:
    """Time ``func(folder)``."""
    return lambda runner, name, folder: runner.bench_func(name, func, folder)


def parse_json(folder: Path) -> list[object]:
    """Read, decode and parse every JSON file in *folder*, as a user would with `json`."""
    return [json.loads(path.read_bytes().decode()) for path in sorted(folder.glob("*.json"))]


STACK = "import attrs, cattrs, json, importlib.resources; importlib.resources.files('nzcoop')"
"""What the design requires before a first query reads any data."""
LIBRARIES = "import attrs, cattrs"
"""The libraries nzcoop is built on, which `import nzcoop` itself does not import."""
PYCOUNTRY = "pycountry.countries.lookup('new zealand')"
QUERIES = (
    "nzcoop.organisation('M5')",
    "nzcoop.organisations(theme='people-smuggling')",
    "nzcoop.engagements(role='member', year=2007)",
    "nzcoop.events(year=2013)",
)

MISSES = (
    "Migraton Five 7",
    "Pacific Immigration Developmnt Community 3",
    "iom-regional-office-bangok-2",
    "Refugee Convention",
)
"""Names that name nothing in the synthetic data: mistyped names and ids, and a guess."""
MISSING = (
    "import itertools, nzcoop\n"
    "data = nzcoop.load(folder)\n"
    f"misses = (f'{{name}} {{n}}' for n in itertools.count(100_000) for name in {MISSES!r})\n"
    "def lookup(name):\n"
    "    try:\n"
    "        data.lookup(name)\n"
    "    except nzcoop.UnknownNameError:\n"
    "        pass\n"
)
"""Setup for the misses: the synthetic data loaded, and names never asked before (a name
asked again is one dictionary lookup); the first `lookup` error, untimed, builds the
index suggestions are ranked from."""

BENCHMARKS: dict[str, Bench] = {
    "python -c pass": command("pass"),
    "import nzcoop": command("import nzcoop"),
    "import attrs, cattrs": command(LIBRARIES),
    "the stack": command(STACK),
    "the first query": command("import nzcoop; nzcoop.organisation('M5')"),
    PYCOUNTRY: calls(PYCOUNTRY, "import pycountry"),
    **{query: calls(query, "import nzcoop") for query in QUERIES},
    "json.loads": function(parse_json),
    "nzcoop.load": function(nzcoop.load),
    "get miss": calls("data.get(next(misses))", MISSING),
    "lookup error": calls("lookup(next(misses))", MISSING),
}
"""The pyperf benchmarks, by name; each one's mean time in seconds is a result by that name."""

MEMORY: dict[str, Callable[[Path], object]] = {"nzcoop.load": nzcoop.load}
"""The calls whose memory is traced, by name: results ``"<name> held"`` and ``"<name> peak"``."""

Results = dict[str, float]


@dataclasses.dataclass(frozen=True)
class Figure:
    """A line of the table: a value computed from the results, and its target if any."""

    key: str
    label: str
    unit: str
    target: float | None
    compute: Callable[[Results], float]

    def measure(self, results: Results) -> dict[str, Any]:
        """Return the figure's value in *results*, and whether it meets the target."""
        value = self.compute(results)
        passed = None if self.target is None else value <= self.target
        fields = {"key": self.key, "label": self.label, "unit": self.unit, "target": self.target}
        return fields | {"value": value, "passed": passed}


def ratio(subject: str, baseline: str) -> Callable[[Results], float]:
    """Return the result *subject* divided by the result *baseline*."""
    return lambda results: results[subject] / results[baseline]


FIGURES = (
    Figure("first_query", "process: the first query / the stack", "x", 1.5,
           ratio("the first query", "the stack")),
    Figure("import", "process: import nzcoop / import attrs, cattrs", "x", 0.25,
           ratio("import nzcoop", "import attrs, cattrs")),
    Figure("import_bare", "process: import nzcoop / python -c pass", "x", None,
           ratio("import nzcoop", "python -c pass")),
    *(Figure(query.split("(")[0], f"{query} / pycountry lookup", "x", 3.0, ratio(query, PYCOUNTRY))
      for query in QUERIES),
    Figure("load", "nzcoop.load / json.loads", "x", 4.0, ratio("nzcoop.load", "json.loads")),
    Figure("memory", "memory held once loaded, per record", "B", 1024.0,
           ratio("nzcoop.load held", "records")),
    Figure("peak_memory", "peak memory while loading, per record", "B", None,
           ratio("nzcoop.load peak", "records")),
    Figure("get_miss", "Dataset.get of a name that names nothing", "ms", 5.0,
           lambda results: results["get miss"] * 1000),
    Figure("lookup_error", "Dataset.lookup of one, raising with suggestions", "ms", 20.0,
           lambda results: results["lookup error"] * 1000),
)  # fmt: skip


def memory(folder: Path) -> Results:
    """Return the bytes each call of `MEMORY` held once done, and at its peak."""
    # Loading the packaged data imports the modules and builds the converter, which are
    # not counted; loading no other data first keeps the process as a user's would be.
    nzcoop.dataset()
    results: Results = {}
    for name, func in MEMORY.items():
        gc.collect()
        tracemalloc.start()
        kept = func(folder)
        gc.collect()
        results[f"{name} held"], results[f"{name} peak"] = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del kept
    return results


def table(figures: list[dict[str, Any]]) -> str:
    """Return the measured figures as a plain-text table."""

    def number(value: float, unit: str) -> str:
        if unit == "x":
            return f"{value:.2f}x"
        if unit == "ms":
            return f"{value:.3f} ms"
        return f"{value:,.{1 if value < 100 else 0}f} {unit}"

    rows = [("figure", "value", "target", "result")] + [
        (
            f["label"],
            number(f["value"], f["unit"]),
            "" if f["target"] is None else "<= " + number(f["target"], f["unit"]),
            {True: "PASS", False: "FAIL", None: ""}[f["passed"]],
        )
        for f in figures
    ]
    width = max(len(row[0]) for row in rows)
    return "\n".join(f"{a:{width}}  {b:>9}  {c:>12}  {d}".rstrip() for a, b, c, d in rows)


def main() -> int:
    """Run the benchmarks, print the table, write the JSON, and return the exit code."""
    # Fewer worker processes than pyperf's default, as each load takes seconds: a full run
    # stays within minutes. --rigorous doubles them, and -p sets them.
    runner = pyperf.Runner(
        processes=6, add_cmdline_args=lambda cmd, args: cmd.extend(["--folder", args.folder])
    )
    option = runner.argparser.add_argument
    option("--organisations", type=int, default=20_000, help="synthetic data (default: 20000)")
    option("--engagements", type=int, default=100_000, help="synthetic data (default: 100000)")
    option("--json", type=Path, metavar="FILE", help="write the figures to FILE as JSON")
    option("--strict", action="store_true", help="exit 1 when a target is missed")
    option("--folder", help=argparse.SUPPRESS)  # where the workers find the synthetic data
    args = runner.parse_args()
    if not args.worker:  # as pip does on install: see the module's docstring
        compileall.compile_dir(Path(nzcoop.__file__).parent, quiet=1)
    if args.worker:  # runs the one benchmark its options name
        for name, bench in BENCHMARKS.items():
            bench(runner, name, Path(args.folder))
        return 0
    with tempfile.TemporaryDirectory(prefix="nzcoop-bench-") as folder:
        args.folder = folder
        records = synthetic.write(Path(folder), args.organisations, args.engagements)
        results = {"records": float(records)} | memory(Path(folder))
        done = {name: bench(runner, name, Path(folder)) for name, bench in BENCHMARKS.items()}
        results |= {name: b.mean() for name, b in done.items() if b is not None}

    figures = [figure.measure(results) for figure in FIGURES]
    machine = {
        "nzcoop": nzcoop.__version__,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    sizes = {"organisations": args.organisations, "engagements": args.engagements}
    print("\nnzcoop {nzcoop}, {python}, {platform}, {cpus} CPUs, {date}".format(**machine))
    print(
        f"synthetic data: {records:,} records, of which {args.organisations:,} organisations"
        f" and {args.engagements:,} engagements\n"
    )
    print(table(figures))
    if args.json:
        report = {"machine": machine, "sizes": sizes, "results": results, "figures": figures}
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 1 if args.strict and any(f["passed"] is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())

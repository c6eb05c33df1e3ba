"""What each speed trick buys: its figure measured with the trick on and switched off.

    python benchmarks/tricks.py [--organisations N] [--engagements N] [--repeat N] [--json FILE]

docs/design.md ("Speed") lists the choices in the code made for speed or memory. Here
each is switched off from outside, by replacing the function that makes it with its
plain form (or, for the lazy imports, by importing eagerly), and the figure it pays
for is measured both ways: in new processes, taking turns, so that the two forms see
the same machine. Each figure is the median of ``--repeat`` measurements; what the
trick buys is the ratio of the two, off to on. Every measurement also reports what it
computed (the dataset's digest, the query's answer), and the run stops if a trick's two
forms disagree. The nzcoop measured is the one this Python imports, with its bytecode
compiled first, as pip compiles it when it installs.
"""

# Switching a trick off means reaching into the module that makes it:
# ruff: noqa: SLF001

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import synthetic

import nzcoop

# -- the tricks, each switched off in the process that measures it --------------------


def _memo_off() -> None:
    from nzcoop import _dataset

    def compute(_: object, __: object, compute: Callable[[], object]) -> object:
        return compute()

    _dataset.Dataset._memoised = compute  # type: ignore[assignment,method-assign]


def _collector_off() -> None:
    from nzcoop import _files

    _files._collector_paused = contextlib.nullcontext  # type: ignore[assignment]


def _sharing_off() -> None:
    from nzcoop import _convert

    _convert._share_value = lambda _key, value: value  # type: ignore[assignment]


def _byte_table_off() -> None:
    from nzcoop import _names

    _names._ascii_key = _names._plain_key


OFF: dict[str, Callable[[], None]] = {
    "answers": _memo_off,
    "collector": _collector_off,
    "sharing": _sharing_off,
    "byte-table": _byte_table_off,
}
"""How each trick measured in a process of its own is switched off there."""

QUERY = "nzcoop.engagements(role='member', year=2007)"

# -- measurements, each in a child process --------------------------------------------


def _child(measure: str, trick: str, off: bool, folder: str) -> None:
    """Measure *measure* with *trick* on, or *off*, in this process.

    Print the figure, and what was computed: the answer's ids, or the dataset's digest.
    """
    if off:
        OFF[trick]()
    if measure == "query":
        query = compile(QUERY, "<query>", "eval")  # compiled once: the call is timed
        answer = eval(query)  # noqa: S307 - the benchmark's own query, asked once first
        loops, start = 0, time.perf_counter()
        while time.perf_counter() - start < 0.2:
            for _ in range(100):
                eval(query)  # noqa: S307
            loops += 100
        value = (time.perf_counter() - start) / loops * 1e6
        computed = " ".join(engagement.id for engagement in answer)
    elif measure == "load":
        start = time.perf_counter()
        data = nzcoop.load(folder)
        value = time.perf_counter() - start
        computed = data.digest
    else:  # memory held per record
        import gc
        import tracemalloc

        gc.collect()
        tracemalloc.start()
        data = nzcoop.load(folder)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        value = held / len(data.entities())
        computed = data.digest
    print(json.dumps({"value": value, "computed": computed}))


def _in_child(measure: str, trick: str, *, off: bool, folder: Path) -> tuple[float, str]:
    argv = [sys.executable, __file__, "--child", measure, trick, str(off), str(folder)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    return float(result["value"]), str(result["computed"])


def _process(code: str) -> float:
    """Return the seconds that ``python -c code`` takes, start to end."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


# -- the figures ----------------------------------------------------------------------

FIGURES: tuple[tuple[str, str, str, str, str], ...] = (
    # (trick, figure, unit, measure, on code / off code for a process)
    (
        "lazy public names",
        "process: import nzcoop",
        "ms",
        "import nzcoop",
        "import nzcoop; nzcoop.__all__",
    ),
    (
        "lazy suggestions",
        "process: the first query",
        "ms",
        "import nzcoop; nzcoop.organisation('M5')",
        "import nzcoop, nzcoop._suggestions, difflib; nzcoop.organisation('M5')",
    ),
    ("answers", f"{QUERY}, asked again", "µs", "query", ""),
    ("collector", "nzcoop.load of the synthetic dataset", "s", "load", ""),
    ("sharing", "memory held once loaded, per record", "B", "memory", ""),
    ("byte-table", "nzcoop.load of the synthetic dataset", "s", "load", ""),
)
"""Each trick, the figure it pays for, its unit, and how that figure is measured."""

_SCALE = {"ms": 1e3, "s": 1.0, "µs": 1.0, "B": 1.0}


def measure(folder: Path, repeat: int) -> list[dict[str, object]]:
    """Measure every figure of `FIGURES` *repeat* times each way, taking turns."""
    results = []
    for trick, figure, unit, how, off_code in FIGURES:
        on: list[float] = []
        off: list[float] = []
        computed: set[str] = set()
        for _ in range(repeat):
            for switched_off, values in ((False, on), (True, off)):
                if off_code:
                    value = _process(off_code if switched_off else how) * _SCALE[unit]
                else:
                    value, result = _in_child(how, trick, off=switched_off, folder=folder)
                    computed.add(result)
                values.append(value)
        if len(computed) > 1:
            raise SystemExit(f"{trick}: on and off, {figure} computed different results")
        median_on, median_off = statistics.median(on), statistics.median(off)
        results.append(
            {
                "trick": trick,
                "figure": figure,
                "unit": unit,
                "on": median_on,
                "off": median_off,
                "off_over_on": median_off / median_on,
            }
        )
    return results


def main() -> None:
    """Write the synthetic dataset, measure every trick both ways, print the table."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, measure_, trick, off, folder = sys.argv
        _child(measure_, trick, off == "True", folder)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--organisations", type=int, default=20_000, help="default: 20000")
    parser.add_argument("--engagements", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--repeat", type=int, default=5, help="default: 5 each way")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    compileall.compile_dir(Path(nzcoop.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        records = synthetic.write(Path(folder), args.organisations, args.engagements)
        results = measure(Path(folder), args.repeat)
    print(f"{records:,} synthetic records; medians of {args.repeat} each way\n")
    wide = max(len(str(r["figure"])) for r in results)
    print(f"{'trick':<18} {'figure':<{wide}} {'on':>10} {'off':>10} {'off/on':>7}")
    for r in results:
        unit = r["unit"]
        print(
            f"{r['trick']:<18} {r['figure']:<{wide}} {r['on']:>7.3g} {unit:<2} "
            f"{r['off']:>7.3g} {unit:<2} {r['off_over_on']:>6.2f}x"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()

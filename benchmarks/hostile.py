"""Time and memory of `nzcoop.load` and of queries on hostile input, at growing sizes.

Each measurement runs in a fresh interpreter, which reports the wall time of what is
measured (after a first load of the packaged data has imported everything) and its peak
resident memory (the whole process: Python, nzcoop, the data and the error). Each is made
``--runs`` times; the shortest time and the largest peak are shown, as the machine's
noise only ever adds time. A measurement is stopped past ``--timeout`` seconds, and its
process may use at most ``--max-memory`` GiB: either is reported as such, not waited out.

- Costs: each case of input that once cost more than in proportion to its size, at 1x,
  2x and 4x a size (4x is the size the case was found at): a name of combining marks in
  an order Unicode reorders (loaded, and looked up with ``get`` and ``lookup``), a list
  of items of the wrong type, engagements that span every year from 1 to 9999, a
  description of nested brackets, an unknown id among ids of growing length (its "did
  you mean" hint), a name that names nothing among names of growing length (its
  suggestions), and a file of empty objects. The time per 1x should stay flat.
- Broken input: a ``terms.json`` of empty records (``{}``), of records whose
  ``defined_by`` names nothing, or of records whose keys all appear twice, at about
  1.5 MB and 15 MB. Each must be rejected with a `DatasetError` whose message stays
  short; the targets are for the 1.5 MB files.
- Deep chains: organisations each inside the one before, 1,250 to 20,000 deep, loaded
  and then asked for the engagements of the outermost; the time per level should not
  grow with the depth.

Run it from a checkout with nzcoop installed (or any nzcoop on ``PYTHONPATH``, to
measure another version)::

    python benchmarks/hostile.py
    python benchmarks/hostile.py --quick --runs 1 --json results.json
    python benchmarks/hostile.py --only costs --cases fold,spans
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_SECONDS = 2.0
TARGET_MEGABYTES = 200.0
"""What rejecting 1.5 MB of broken input may take at most."""
TARGET_CHAIN_SECONDS = 1.0
"""What loading a valid chain 10,000 deep may take at most."""

_CITE = [{"source": "doc", "section": None, "quote": "A quote."}]
_TERM = {"names": [], "definition": "D.", "inferred": [], "sources": _CITE}


def _base() -> dict[str, Any]:
    """Return the documents of a small valid dataset: a source, a country, a forum."""
    return {
        "release": {"release": "hostile"},
        "sources": {
            "sources": [
                {
                    "id": "doc",
                    "name": "A document",
                    "names": [],
                    "title": "A document",
                    "publisher": "A publisher",
                    "date": None,
                    "url": "https://example.org/doc",
                    "ministers": [],
                    "portfolios": [],
                    "publisher_type": "new-zealand-government",
                    "sha256": "0" * 64,
                    "captured": None,
                }
            ]
        },
        "participants": {
            "participants": [
                {
                    "id": "aland",
                    "name": "Aland",
                    "names": [],
                    "kind": "country",
                    "alpha_2": None,
                    "alpha_3": None,
                    "part_of": None,
                    "inferred": [],
                    "sources": _CITE,
                }
            ]
        },
        "organisations": {"organisations": [_body("forum", None)]},
    }


def _body(id: str, parent: str | None) -> dict[str, Any]:
    return {
        "id": id,
        "name": id.upper(),
        "names": [],
        "kind": "forum",
        "parent": parent,
        "themes": [],
        "area": [],
        "place": None,
        "description": "A body.",
        "inferred": [],
        "sources": _CITE,
    }


def _broken(kind: str, megabytes: float) -> bytes:
    """Return a ``terms.json`` of about *megabytes* whose every record is broken."""
    one = {
        "empty": "{}",
        "unknown": json.dumps({"id": "t", "name": "T", "defined_by": "nobody", **_TERM}),
        "repeated": '{"id": "t", "id": "t", "name": "T", "name": "T"}',
    }[kind]
    count = int(megabytes * 1_000_000 / (len(one) + 1))
    if kind == "unknown":  # unique ids and names, so that only the references are wrong
        records = (one.replace('"t"', f'"t{i}"').replace('"T"', f'"T{i}"') for i in range(count))
        return ('{"terms": [' + ",".join(records) + "]}").encode()
    return ('{"terms": [' + ",".join([one] * count) + "]}").encode()


def _chain(depth: int) -> dict[str, Any]:
    """Return a valid dataset of *depth* organisations, each inside the one before."""
    documents = _base()
    bodies = documents["organisations"]["organisations"]
    bodies.extend(_body(f"b{i}", f"b{i - 1}" if i else "forum") for i in range(depth))
    engagement = {
        "id": "deepest",
        "name": "Aland in the deepest body",
        "names": [],
        "participant": "aland",
        "role": "member",
        "target": f"b{depth - 1}",
        "alongside": [],
        "since": None,
        "until": None,
        "description": "Deep.",
        "inferred": [],
        "sources": _CITE,
    }
    documents["engagements"] = {"engagements": [engagement]}
    return documents


def _write(folder: Path, documents: dict[str, Any]) -> None:
    for stem, document in documents.items():
        (folder / f"{stem}.json").write_text(json.dumps(document), "utf-8")


# -- costs ------------------------------------------------------------------------------

_MARKS = "\u0316\u0301"
"""Two combining marks that normalisation puts in the other order (classes 220, 230)."""


def _organisation_with(**fields: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON values
    return {**_body("target", None), "name": "Target", **fields}


def _with_organisations(*bodies: dict[str, Any]) -> dict[str, Any]:
    documents = _base()
    documents["organisations"]["organisations"].extend(bodies)
    return documents


def _fold_text(scale: float) -> str:
    """Return a name of out-of-order combining marks, 39 KB of UTF-8 at 1x."""
    return "a" + _MARKS * int(scale * 39_000 / 4)


def _fold(scale: float) -> dict[str, Any]:
    return _with_organisations(_organisation_with(name=_fold_text(scale)))


def _wrong_items(scale: float) -> dict[str, Any]:
    """Return a dataset whose one organisation's names are 5 MB (at 1x) of numbers."""
    return _with_organisations(_organisation_with(names=[7] * int(scale * 5_000_000 / 3)))


def _spans(scale: float) -> dict[str, Any]:
    """Return a dataset of 5,000 (at 1x) engagements, each from year 1 to 9999."""
    documents = _base()
    documents["engagements"] = {
        "engagements": [
            {
                "id": f"e{i}",
                "name": f"E {i}",
                "names": [],
                "participant": "aland",
                "role": "member",
                "target": "forum",
                "alongside": [],
                "since": 1,
                "until": 9999,
                "description": "Long.",
                "inferred": [],
                "sources": _CITE,
            }
            for i in range(int(scale * 5000))
        ]
    }
    return documents


def _brackets(scale: float) -> dict[str, Any]:
    """Return a valid dataset with a description of nested brackets, 62.5 MiB at 1x."""
    half = int(scale * 62.5 * 2**20 / 2)
    return _with_organisations(_organisation_with(description="[" * half + "]" * half))


def _long_ids(scale: float) -> dict[str, Any]:
    """Return 1,250 (at 1x) terms with ids "x", "xx", ..., and one that names none.

    Ids longer than a name may be are problems; the unknown id's hint compares it with
    every id all the same.
    """
    count = int(scale * 1250)
    terms = [
        {"id": "x" * (i + 1), "name": f"T {i}", "defined_by": None, **_TERM} for i in range(count)
    ]
    terms.append({"id": "odd", "name": "Odd", "defined_by": "x" * 499 + "y", **_TERM})
    documents = _base()
    documents["terms"] = {"terms": terms}
    return documents


def _long_names(scale: float) -> dict[str, Any]:
    """Return a valid dataset of 125 (at 1x) organisations named "x", "xx", ..."""
    count = int(scale * 125)
    return _with_organisations(
        *({**_body(f"o{i}", None), "name": "x" * (i + 1)} for i in range(count))
    )


def _empty_objects(scale: float) -> bytes:
    """Return a ``terms.json`` of empty objects, 62.5 MiB at 1x."""
    count = int(scale * 62.5 * 2**20 / 3)
    return b'{"terms": [' + b",".join([b"{}"] * count) + b"]}"


class _Case:
    """A cost case: the dataset it writes at a scale, and what is measured on it."""

    def __init__(
        self,
        title: str,
        make: Any,  # noqa: ANN401 - documents, or the bytes of terms.json
        measure: str = "load",
        query: Any = None,  # noqa: ANN401 - the argument of the query measured
    ) -> None:
        self.title, self.make, self.measure, self.query = title, make, measure, query


CASES: dict[str, _Case] = {
    "fold": _Case("load: a name of reordered marks", _fold),
    "fold-get": _Case("get: a name of reordered marks", lambda _: _base(), "get", _fold_text),
    "fold-lookup": _Case(
        "lookup: a name of reordered marks", lambda _: _base(), "lookup", _fold_text
    ),
    "wrong-items": _Case("load: a list of wrong items", _wrong_items),
    "spans": _Case("load + year query: 1-9999 spans", _spans, "year"),
    "brackets": _Case("load: a description of brackets", _brackets),
    "long-ids": _Case("load: hint for an id among x..x", _long_ids),
    "long-names": _Case(
        "lookup: a miss among names x..x",
        _long_names,
        "lookup",
        lambda scale: "x" * (int(scale * 125) - 1) + "y",
    ),
    "empty-objects": _Case("load: a file of {}", _empty_objects),
}
SCALES = (1.0, 2.0, 4.0)
QUICK_SCALES = (0.01, 0.02, 0.04)


def _write_case(folder: Path, case: _Case, scale: float) -> int:
    """Write *case* at *scale* into the empty *folder*; return the bytes written."""
    made = case.make(scale)
    if isinstance(made, bytes):
        _write(folder, _base())
        (folder / "terms.json").write_bytes(made)
    else:
        _write(folder, made)
    return sum(path.stat().st_size for path in folder.iterdir())


# -- one measurement, in a child process ----------------------------------------------


def _child(folder: str, measure: str, argument: str | None) -> None:
    """Measure one operation on *folder* in this process; print its time, peak and outcome.

    The packaged data is loaded first, so that the time is not that of the first import
    of attrs, cattrs and the record classes. *measure* is ``load``, ``query`` (the
    engagements of the outermost body), ``year`` (load, then the engagements in a year),
    or ``get`` / ``lookup`` of *argument* in the loaded folder (only the query timed).
    """
    import nzcoop

    nzcoop.dataset()
    outcome: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        if measure in {"get", "lookup"}:
            data = nzcoop.load(folder)
            start = time.perf_counter()
            try:
                found = getattr(data, measure)(argument)
                outcome["found"] = found is not None
            except nzcoop.UnknownNameError as error:
                outcome.update(found=False, message_chars=len(str(error)))
        else:
            data = nzcoop.load(folder)
            outcome["loaded"] = True
            if measure == "query":
                outcome["engagements"] = len(data.engagements(organisation="forum"))
            elif measure == "year":
                outcome["engagements"] = len(data.engagements(year=5000))
    except nzcoop.DatasetError as error:
        outcome = {"loaded": False, "listed": len(error.problems), "more": error.more}
        outcome["message_chars"] = len(str(error))
        outcome["first"] = str(error.problems[0])[:100]
    except MemoryError:
        outcome = {"loaded": False, "failed": "MemoryError"}
    outcome["seconds"] = time.perf_counter() - start
    outcome["peak_mb"] = _peak_mb()
    print(json.dumps(outcome))


def _peak_mb() -> float:
    """Return this process's peak resident memory, in MiB.

    Linux's VmHWM is this program's own; ``ru_maxrss`` would also count the peak of the
    parent the process was forked from (it survives the exec), often the larger.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _measure(
    folder: Path,
    runs: int,
    *,
    measure: str = "load",
    argument: str | None = None,
    timeout: float = 600.0,
    max_memory: float = 6.0,
) -> dict[str, Any]:
    """Measure *folder* *runs* times, each in a new process; return the best time, worst peak.

    A run past *timeout* seconds is stopped and reported as ``"failed": "timeout"``; the
    process is refused memory past *max_memory* GiB (a `MemoryError`).
    """
    argv = [sys.executable, __file__, "--child", str(folder), "--measure", measure]
    argv += ["--max-memory", str(max_memory)]
    if argument is not None:
        argument_file = folder.parent / "argument.txt"
        argument_file.write_text(argument, "utf-8")
        argv += ["--argument", str(argument_file)]
    results = []
    for _ in range(runs):
        try:
            done = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"loaded": False, "failed": "timeout", "seconds": timeout, "peak_mb": None}
        except subprocess.CalledProcessError as error:
            return {"failed": error.stderr.strip().splitlines()[-1], "seconds": None}
        results.append(json.loads(done.stdout))
    best: dict[str, Any] = min(results, key=lambda result: result["seconds"])
    best["peak_mb"] = max(result["peak_mb"] for result in results)
    return best


def _limit_memory(gibibytes: float) -> None:
    limit = int(gibibytes * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _figure(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _costs(args: argparse.Namespace, scratch: Path) -> list[dict[str, Any]]:
    """Measure each cost case at each scale; print a table; return the results."""
    scales = QUICK_SCALES if args.quick else SCALES
    names = args.cases.split(",") if args.cases else list(CASES)
    print(f"{'cost case':<36}{'scale':>6}{'MB in':>9}{'seconds':>9}{'peak MB':>9}  outcome")
    results = []
    for name in names:
        case = CASES[name]
        for scale in scales:
            folder = scratch / f"{name}-{scale}" / "data"
            folder.mkdir(parents=True)
            size = _write_case(folder, case, scale)
            argument = case.query(scale) if case.query else None
            result = _measure(
                folder,
                args.runs,
                measure=case.measure,
                argument=argument,
                timeout=args.timeout,
                max_memory=args.max_memory,
            )
            shutil.rmtree(folder.parent)
            result.update(case=name, scale=scale, bytes=size)
            results.append(result)
            outcome = result.get("failed") or (
                "loaded" if result.get("loaded") else result.get("first", "")
            )
            if "found" in result:
                outcome = f"found: {result['found']}"
            print(
                f"{case.title:<36}{scale:>5g}x{size / 1e6:>9.1f}"
                f"{_figure(result['seconds'], '.2f'):>9}{_figure(result['peak_mb'], '.0f'):>9}"
                f"  {str(outcome)[:60]}"
            )
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the measurements; print a table, and write JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results here")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default: 3)")
    parser.add_argument(
        "--only", choices=["costs", "broken", "chains"], help="run one part of the benchmark"
    )
    parser.add_argument("--cases", help=f"cost cases, comma-separated (of {', '.join(CASES)})")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run (600)")
    parser.add_argument(
        "--max-memory", type=float, default=6.0, help="GiB per process (default: 6)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--measure", default="load", help=argparse.SUPPRESS)
    parser.add_argument("--argument", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _limit_memory(args.max_memory)
        argument = Path(args.argument).read_text("utf-8") if args.argument else None
        _child(args.child, args.measure, argument)
        return 0
    import nzcoop

    results: dict[str, Any] = {
        "python": sys.version.split()[0],
        "nzcoop": str(Path(nzcoop.__file__).parent),
        "costs": [],
        "broken": [],
        "chains": [],
    }
    print(f"nzcoop from {results['nzcoop']}\n")
    with tempfile.TemporaryDirectory() as scratch:
        if args.only in {None, "costs"}:
            results["costs"] = _costs(args, Path(scratch))
            print()
        if args.only in {None, "broken"}:
            results["broken"] = _broken_inputs(args, Path(scratch) / "broken")
            print()
        if args.only in {None, "chains"}:
            results["chains"] = _chains(args, Path(scratch) / "chains")
            per_level = [chain["us_per_level"] for chain in results["chains"]]
            results["chain_ratio"] = per_level[-1] / per_level[0]
            print(
                f"\ntime per level, deepest / shallowest: {results['chain_ratio']:.2f}x "
                "(linear: ~1x)"
            )
    if not args.quick and args.only is None:
        small = [r for r in results["broken"] if r["bytes"] < 2_000_000]
        worst = max(r["seconds"] for r in small), max(r["peak_mb"] for r in small)
        chain = next(c["seconds"] for c in results["chains"] if c["depth"] == 10_000)
        print(
            f"1.5 MB broken input: at most {worst[0]:.2f} s (target {TARGET_SECONDS} s) and "
            f"{worst[1]:.0f} MB (target {TARGET_MEGABYTES:.0f} MB); "
            f"10,000-deep chain: {chain:.2f} s (target {TARGET_CHAIN_SECONDS} s)"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


def _broken_inputs(args: argparse.Namespace, folder: Path) -> list[dict[str, Any]]:
    sizes = (0.15, 1.5) if args.quick else (1.5, 15.0)
    folder.mkdir()
    _write(folder, _base())
    results = []
    print(f"{'broken input':<34}{'seconds':>9}{'peak MB':>9}{'listed':>8}{'more':>10}")
    for kind in ("empty", "unknown", "repeated"):
        for megabytes in sizes:
            content = _broken(kind, megabytes)
            (folder / "terms.json").write_bytes(content)
            result = _measure(folder, args.runs)
            assert not result["loaded"], "broken input loaded"  # noqa: S101
            result.update(kind=kind, bytes=len(content))
            results.append(result)
            label = f"{kind} records, {len(content) / 1e6:.1f} MB"
            print(
                f"{label:<34}{result['seconds']:>9.2f}{result['peak_mb']:>9.0f}"
                f"{result['listed']:>8}{result['more']:>10}"
            )
    return results


def _chains(args: argparse.Namespace, folder: Path) -> list[dict[str, Any]]:
    depths = (125, 250, 500, 1000) if args.quick else (1250, 2500, 5000, 10_000, 20_000)
    folder.mkdir()
    results = []
    print(f"{'chain depth':<34}{'seconds':>9}{'us/level':>9}{'peak MB':>9}")
    for depth in depths:
        _write(folder, _chain(depth))
        result = _measure(folder, args.runs, measure="query")
        assert result["loaded"], "a valid chain did not load"  # noqa: S101
        assert result["engagements"] == 1, "the deepest engagement was not found"  # noqa: S101
        result.update(depth=depth, us_per_level=result["seconds"] / depth * 1e6)
        results.append(result)
        print(
            f"{depth:<34}{result['seconds']:>9.3f}{result['us_per_level']:>9.1f}"
            f"{result['peak_mb']:>9.0f}"
        )
    return results


if __name__ == "__main__":
    raise SystemExit(main())

"""Time and memory of `nzcoop.load` on broken input, and on deep chains of bodies.

Each measurement runs in a fresh interpreter, which reports the wall time of the load
(after a first load of the packaged data has imported everything) and its peak resident
memory (the whole process: Python, nzcoop, the data and the error). Each is made
``--runs`` times; the shortest time and the largest peak are shown, as the machine's
noise only ever adds time.

- Broken input: a ``terms.json`` of empty records (``{}``), of records whose
  ``defined_by`` names nothing, or of records whose keys all appear twice, at about
  1.5 MB and 15 MB. Each must be rejected with a `DatasetError` whose message stays
  short; the targets are for the 1.5 MB files.
- Deep chains: organisations each inside the one before, 1,250 to 20,000 deep, loaded
  and then asked for the engagements of the outermost; the time per level should not
  grow with the depth.

Run it from a checkout with nzcoop installed::

    python benchmarks/hostile.py
    python benchmarks/hostile.py --quick --runs 1 --json results.json
"""

from __future__ import annotations

import argparse
import json
import resource
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


def _child(folder: str, query: bool) -> None:
    """Load *folder* in this process; print its time, peak memory and what happened.

    The packaged data is loaded first, so that the time is not that of the first import
    of attrs, cattrs and the record classes.
    """
    import nzcoop

    nzcoop.dataset()
    start = time.perf_counter()
    try:
        data = nzcoop.load(folder)
        outcome: dict[str, Any] = {"loaded": True}
        if query:
            outcome["engagements"] = len(data.engagements(organisation="forum"))
    except nzcoop.DatasetError as error:
        outcome = {"loaded": False, "listed": len(error.problems), "more": error.more}
        outcome["message_chars"] = len(str(error))
    outcome["seconds"] = time.perf_counter() - start
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps(outcome))


def _measure(folder: Path, runs: int, *, query: bool = False) -> dict[str, Any]:
    """Load *folder* *runs* times, each in a new process; return the best time, worst peak."""
    argv = [sys.executable, __file__, "--child", str(folder), *(["--query"] if query else [])]
    results = []
    for _ in range(runs):
        done = subprocess.run(argv, capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout))
    best: dict[str, Any] = min(results, key=lambda result: result["seconds"])
    best["peak_mb"] = max(result["peak_mb"] for result in results)
    return best


def main(argv: list[str] | None = None) -> int:
    """Run the measurements; print a table, and write JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results here")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default: 3)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--query", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.query)
        return 0
    sizes = (0.15, 1.5) if args.quick else (1.5, 15.0)
    depths = (125, 250, 500, 1000) if args.quick else (1250, 2500, 5000, 10_000, 20_000)
    results: dict[str, Any] = {"python": sys.version.split()[0], "broken": [], "chains": []}
    print(f"{'broken input':<34}{'seconds':>9}{'peak MB':>9}{'listed':>8}{'more':>10}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        _write(folder, _base())
        for kind in ("empty", "unknown", "repeated"):
            for megabytes in sizes:
                content = _broken(kind, megabytes)
                (folder / "terms.json").write_bytes(content)
                result = _measure(folder, args.runs)
                assert not result["loaded"], "broken input loaded"  # noqa: S101
                result.update(kind=kind, bytes=len(content))
                results["broken"].append(result)
                label = f"{kind} records, {len(content) / 1e6:.1f} MB"
                print(
                    f"{label:<34}{result['seconds']:>9.2f}{result['peak_mb']:>9.0f}"
                    f"{result['listed']:>8}{result['more']:>10}"
                )
        (folder / "terms.json").unlink()
        print(f"\n{'chain depth':<34}{'seconds':>9}{'us/level':>9}{'peak MB':>9}")
        for depth in depths:
            _write(folder, _chain(depth))
            result = _measure(folder, args.runs, query=True)
            assert result["loaded"], "a valid chain did not load"  # noqa: S101
            assert result["engagements"] == 1, "the deepest engagement was not found"  # noqa: S101
            result.update(depth=depth, us_per_level=result["seconds"] / depth * 1e6)
            results["chains"].append(result)
            print(
                f"{depth:<34}{result['seconds']:>9.3f}{result['us_per_level']:>9.1f}"
                f"{result['peak_mb']:>9.0f}"
            )
    per_level = [chain["us_per_level"] for chain in results["chains"]]
    results["chain_ratio"] = per_level[-1] / per_level[0]
    print(f"\ntime per level, deepest / shallowest: {results['chain_ratio']:.2f}x (linear: ~1x)")
    if not args.quick:
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


if __name__ == "__main__":
    raise SystemExit(main())

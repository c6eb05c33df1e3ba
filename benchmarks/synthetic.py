"""Write a large, valid dataset folder by copying the packaged data over and over.

    python benchmarks/synthetic.py OUTDIR --organisations 20000 --engagements 100000

Copy ``j`` of a packaged record has its own id (``m5-j``), names, quotes and headings
(``Migration Five j``), and years moved by whole 28-year cycles drawn from the seed; the ids
it holds name copies of the records they named. Copied names stay unique under nzcoop's
name folding (each folds to the original's key, a space and ``j``; ids have no spaces).
The same sizes and seed always write the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from importlib.resources import files
from pathlib import Path

from nzcoop._model import KINDS, STEMS

Json = dict[str, "Json"] | list["Json"] | str | int | None
Records = dict[str, list[dict[str, Json]]]

_REFERENCES = frozenset(field for kind in KINDS for field, _ in kind.references)
_YEARS = frozenset(field for kind in KINDS for field in kind.years)
_DATES = frozenset({"date", "start", "end"})
_OWN_TEXT = frozenset({"name", "value", "quote", "section"})  # a Figure's int value is kept


def generate(organisations: int, engagements: int, seed: int = 0) -> Records:
    """Return the records of a synthetic dataset, by data file stem.

    It has *organisations* organisations, *engagements* engagements, and as many copies
    of every other kind as the organisations need. Fewer than one whole copy of the
    packaged organisations or engagements is a ValueError.
    """
    data = files("nzcoop") / "data"
    packaged: Records = {}
    for stem in STEMS:
        packaged[stem] = json.loads((data / f"{stem}.json").read_text("utf-8"))[stem]
    copies = math.ceil(organisations / len(packaged["organisations"]))
    counts = {stem: copies * len(records) for stem, records in packaged.items()}
    counts |= {"organisations": organisations, "engagements": engagements}
    copier = _Copier(packaged, counts, seed)
    return {
        stem: [
            copier.record(records[i % len(records)], i // len(records)) for i in range(counts[stem])
        ]
        for stem, records in packaged.items()
    }


class _Copier:
    """Makes copy *j* of any packaged record, given how many records of each kind there are."""

    def __init__(self, packaged: Records, counts: dict[str, int], seed: int) -> None:
        # A reference goes to the same copy if that copy is whole, else to a whole one.
        self.whole = {stem: counts[stem] // len(records) for stem, records in packaged.items()}
        if min(self.whole.values()) < 1:
            least = ", ".join(f"{len(packaged[s])} {s}" for s in ("organisations", "engagements"))
            raise ValueError(f"need at least one copy of the packaged records: {least}")
        self.stem_of = {str(r["id"]): stem for stem, records in packaged.items() for r in records}
        most = max(math.ceil(counts[stem] / len(records)) for stem, records in packaged.items())
        rng = random.Random(seed)  # noqa: S311 - reproducible test data, not cryptography
        # Whole 28-year cycles, over which dates keep their weekdays (a week stays a week).
        self.shifts = [-28 * rng.randrange(3) for _ in range(most)]

    def record(self, record: dict[str, Json], j: int) -> dict[str, Json]:
        """Return copy *j* of the packaged record *record*."""
        return {key: self._copy(value, key, j) for key, value in record.items()}

    def _copy(self, value: Json, key: str, j: int) -> Json:
        if isinstance(value, dict):
            return self.record(value, j)
        if isinstance(value, list):
            return [self._copy(item, key, j) for item in value]
        if value is None:
            return None
        return self._leaf(value, key, j)

    def _leaf(self, value: str | int, key: str, j: int) -> str | int:
        if key == "id":
            return f"{value}-{j}"
        if key in _REFERENCES and value in self.stem_of:  # an id (not a plan's text parts)
            return f"{value}-{j % self.whole[self.stem_of[value]]}"
        if key in _OWN_TEXT and isinstance(value, str):
            return f"{value} {j}"
        if key in _YEARS and isinstance(value, int):
            return value + self.shifts[j]
        if key in _DATES and isinstance(value, str):
            return f"{int(value[:4]) + self.shifts[j]:04d}{value[4:]}"
        return value


def write(folder: Path, organisations: int, engagements: int, seed: int = 0) -> int:
    """Write a synthetic dataset into *folder*, created if need be; return its records."""
    folder.mkdir(parents=True, exist_ok=True)
    records = generate(organisations, engagements, seed)
    for stem, content in {"release": f"synthetic-{seed}", **records}.items():
        text = json.dumps({stem: content}, ensure_ascii=False, indent=2) + "\n"
        (folder / f"{stem}.json").write_text(text, "utf-8")
    return sum(map(len, records.values()))


def main() -> None:
    """Write a synthetic dataset into the folder the command line names."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("outdir", type=Path, help="the folder to write the data files into")
    parser.add_argument("--organisations", type=int, default=20_000, help="default: 20000")
    parser.add_argument("--engagements", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--seed", type=int, default=0, help="default: 0")
    args = parser.parse_args()
    records = write(args.outdir, args.organisations, args.engagements, args.seed)
    print(f"wrote {records} records to {args.outdir}")


if __name__ == "__main__":
    main()

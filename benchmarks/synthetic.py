"""Write a large, valid, deterministic dataset folder for the benchmarks.

The folder has the layout of ``src/nzcoop/data/``: ``release.json`` and one
``<kind>.json`` per record kind, each ``{"<kind>": [...]}``. Every id and name is
unique, every reference resolves to a record of the right kind, every record is cited,
and the same arguments always write the same bytes (the generator is seeded with 0).

Run it as a script::

    python benchmarks/synthetic.py OUTDIR --organisations 20000 --engagements 100000

or call `generate` (documents in memory) or `write` (files on disk) from Python:

>>> docs = generate(organisations=10, engagements=20)
>>> len(docs["organisations"]["organisations"]), len(docs["engagements"]["engagements"])
(10, 20)
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import functools
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["generate", "main", "write"]

_FIRST_YEAR = 1990
_LAST_YEAR = 2024
_THEMES = (
    "general-immigration",
    "refugee-resettlement",
    "business-mobility",
    "travel-facilitation",
    "border-security",
    "people-smuggling",
    "trafficking-in-persons",
    "transnational-crime",
    "information-sharing",
    "maritime-security",
    "forced-labour",
    "irregular-migration",
    "arms-dealing",
    "travel-documents",
    "counter-terrorism",
    "regional-security",
    "aviation",
    "humanitarian-assistance",
)
_ORG_KINDS = (
    "forum",
    "agency",
    "un-body",
    "industry-body",
    "intergovernmental-organisation",
    "working-group",
    "steering-group",
    "support-office",
    "secretariat",
    "meeting-body",
    "office",
    "programme",
)
_ROLES = (
    "member",
    "member",
    "member",
    "member",
    "attendee",
    "attendee",
    "partner",
    "co-chair",
    "funder",
    "host",
    "presenter",
    "secretariat",
    "operator",
)
_EVENT_ROLES = ("attendee", "attendee", "host", "presenter")
_INSTRUMENT_ROLES = ("party", "party", "custodian", "partner", "operator")
_EVENT_KINDS = ("meeting", "meeting", "meeting", "workshop", "founding", "accession")
_INSTRUMENT_KINDS = ("convention", "protocol", "resolution", "strategy", "plan", "programme")
_ADJECTIVES = (
    "Pacific",
    "Regional",
    "Joint",
    "Global",
    "Asia-Pacific",
    "Southern",
    "Northern",
    "Coastal",
    "Island",
    "Continental",
    "Trans-Tasman",
    "Inter-Agency",
)
_SUBJECTS = (
    "Immigration",
    "Border",
    "Migration",
    "Refugee",
    "Visa",
    "Customs",
    "Identity",
    "Travel",
    "Maritime",
    "Labour",
    "Resettlement",
    "Security",
)
_BODIES = {
    "forum": "Forum",
    "agency": "Agency",
    "un-body": "Commission",
    "industry-body": "Association",
    "intergovernmental-organisation": "Organisation",
    "working-group": "Working Group",
    "steering-group": "Steering Group",
    "support-office": "Support Office",
    "secretariat": "Secretariat",
    "meeting-body": "Senior Officials Meeting",
    "office": "Regional Office",
    "programme": "Programme",
}
_SYLLABLES = ("ka", "lo", "ra", "ni", "ta", "mu", "se", "vo", "pe", "di", "an", "or", "el", "is")


_Record = dict[str, Any]
_Cite = Callable[[str], list[_Record]]


def _cite(rng: random.Random, sources: list[str], sentence: str) -> list[dict[str, Any]]:
    """Return one or two citations to random sources, quoting *sentence*."""
    chosen = rng.sample(sources, 2) if rng.random() < 0.2 else [rng.choice(sources)]
    return [
        {
            "source": source,
            "section": rng.choice((None, "Background", "Outcomes")),
            "quote": sentence,
        }
        for source in chosen
    ]


def _word(rng: random.Random, position: int) -> str:
    """Return a made-up proper name, unique for each *position*."""
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
    return f"{stem}{_base26(position)}"


def _base26(number: int) -> str:
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _date(rng: random.Random) -> datetime.date:
    return datetime.date(
        rng.randint(_FIRST_YEAR, _LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28)
    )


@dataclasses.dataclass
class _Sizes:
    """How many records of each kind to draw."""

    organisations: int
    engagements: int

    @property
    def participants(self) -> int:
        return min(250, max(20, self.organisations // 100))

    @property
    def events(self) -> int:
        return max(1, self.organisations // 4)

    @property
    def instruments(self) -> int:
        return max(1, self.organisations // 20)

    @property
    def sources(self) -> int:
        return max(10, self.organisations // 100)

    @property
    def places(self) -> int:
        return max(2, self.organisations // 50)

    @property
    def people(self) -> int:
        return max(2, self.organisations // 50)


def generate(*, organisations: int, engagements: int, seed: int = 0) -> dict[str, Any]:
    """Return the documents of a synthetic dataset, one per data file stem.

    The other kinds are sized from *organisations*: a participant per 100 (at least
    20, at most 250, New Zealand among them), an event per 4, an instrument per 20, a
    source per 100 (at least 10), a place per 50 and a person per 50, with a few
    terms, figures and discrepancies.

    Args:
        organisations: how many organisations to write (at least 1).
        engagements: how many engagements to write.
        seed: the seed of the `random.Random` that draws everything.

    Returns:
        A mapping of each file stem (``"release"``, ``"organisations"``, ...) to the
        JSON document of that file.

    Raises:
        ValueError: *organisations* is below 1, or *engagements* is negative or more
            than the distinct (participant, role, target) triples allow.

    >>> generate(organisations=3, engagements=4) == generate(organisations=3, engagements=4)
    True
    """
    sizes = _Sizes(organisations, engagements)
    targets = organisations + sizes.events + sizes.instruments
    if organisations < 1 or not 0 <= engagements <= sizes.participants * targets:
        msg = (
            "expected at least 1 organisation and from 0 to (participants x targets) "
            f"engagements; got organisations={organisations}, engagements={engagements}"
        )
        raise ValueError(msg)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not cryptography
    sources = _sources(rng, sizes)
    cite = functools.partial(_cite, rng, [s["id"] for s in sources])
    participants = _participants(rng, sizes, cite)
    places = _places(rng, sizes, cite, _ids(participants))
    orgs = _organisations(rng, sizes, cite)
    people = _people(rng, sizes, cite, _ids(participants))
    instruments = _instruments(rng, sizes, cite, _ids(orgs))
    events = _events(rng, sizes, cite, orgs, (_ids(places), _ids(instruments)))
    holders = _ids(participants) * 8 + _ids(orgs)[:50] + _ids(people)[:20]
    targets_by_kind = (_ids(orgs), _ids(events), _ids(instruments))
    engagement_records = _engagements(rng, sizes, cite, holders, targets_by_kind)
    terms, figures, discrepancies = _extras(rng, cite, orgs, events, sources)
    return {
        "release": {"release": f"synthetic.{organisations}.{engagements}.{seed}"},
        "sources": {"sources": sources},
        "places": {"places": places},
        "participants": {"participants": participants},
        "organisations": {"organisations": orgs},
        "people": {"people": people},
        "instruments": {"instruments": instruments},
        "events": {"events": events},
        "engagements": {"engagements": engagement_records},
        "terms": {"terms": terms},
        "figures": {"figures": figures},
        "discrepancies": {"discrepancies": discrepancies},
    }


def _ids(records: list[_Record]) -> list[str]:
    return [record["id"] for record in records]


def _sources(rng: random.Random, sizes: _Sizes) -> list[_Record]:
    return [
        {
            "id": f"source-{i:05d}",
            "name": f"Synthetic document {i}",
            "names": [],
            "title": f"Ministerial release number {i}",
            "publisher": "Synthetic Ministry",
            "date": _date(rng).isoformat() if i % 10 else None,
            "url": f"https://example.org/releases/{i}",
            "ministers": [],
            "portfolios": ["Immigration"],
            "file": f"source-{i:05d}.txt",
        }
        for i in range(sizes.sources)
    ]


def _participants(rng: random.Random, sizes: _Sizes, cite: _Cite) -> list[_Record]:
    # New Zealand is there so that `organisations()`, whose participant defaults to it,
    # answers on this dataset as it does on the packaged one.
    participants = [
        {
            "id": "new-zealand",
            "name": "New Zealand",
            "names": [{"value": "NZ", "kind": "acronym"}],
            "kind": "country",
            "iso_3166_1": "NZ",
            "part_of": None,
            "sources": cite("New Zealand took part."),
        }
    ]
    for i in range(1, sizes.participants):
        name = f"{_word(rng, i)}land"
        participants.append(
            {
                "id": f"country-{i:03d}",
                "name": name,
                "names": [{"value": f"C{i:03d}", "kind": "acronym"}],
                "kind": "country",
                "iso_3166_1": None,
                "part_of": None,
                "sources": cite(f"{name} took part."),
            }
        )
    return participants


def _places(
    rng: random.Random, sizes: _Sizes, cite: _Cite, participants: list[str]
) -> list[_Record]:
    places = []
    for i in range(sizes.places):
        name = f"Port {_word(rng, i)}"
        places.append(
            {
                "id": f"place-{i:04d}",
                "name": name,
                "names": [],
                "kind": "city" if i % 5 else "island",
                "country": rng.choice(participants),
                "sources": cite(f"The meeting was held in {name}."),
            }
        )
    return places


def _organisations(rng: random.Random, sizes: _Sizes, cite: _Cite) -> list[_Record]:
    orgs = []
    for i in range(sizes.organisations):
        kind = rng.choice(_ORG_KINDS)
        words = (rng.choice(_ADJECTIVES), rng.choice(_SUBJECTS), _BODIES[kind])
        name = f"{' '.join(words)} {_base26(i).upper()}"
        orgs.append(
            {
                "id": f"org-{i:05d}",
                "name": name,
                "names": [{"value": f"SO{i:05d}", "kind": "acronym"}] if i % 3 == 0 else [],
                "kind": kind,
                "parent": f"org-{rng.randrange(i):05d}" if i and rng.random() < 0.3 else None,
                "themes": sorted(rng.sample(_THEMES, rng.randint(1, 3))),
                "area": [],
                "description": f"The {name} works on {rng.choice(_THEMES).replace('-', ' ')}.",
                "sources": cite(f"The {name} was established."),
            }
        )
    return orgs


def _people(
    rng: random.Random, sizes: _Sizes, cite: _Cite, participants: list[str]
) -> list[_Record]:
    people = []
    for i in range(sizes.people):
        name = f"{_word(rng, i)} {_word(rng, i + sizes.people)}"
        people.append(
            {
                "id": f"person-{i:04d}",
                "name": name,
                "names": [],
                "honorific": rng.choice(("Ms", "Mr", None)),
                "offices": [
                    {
                        "title": "Minister of Immigration",
                        "within": rng.choice(participants),
                        "year": rng.randint(_FIRST_YEAR, _LAST_YEAR),
                        "sources": cite(f"{name} is the Minister."),
                    }
                ],
                "sources": cite(f"{name} spoke."),
            }
        )
    return people


def _instruments(rng: random.Random, sizes: _Sizes, cite: _Cite, orgs: list[str]) -> list[_Record]:
    instruments = []
    for i in range(sizes.instruments):
        kind = rng.choice(_INSTRUMENT_KINDS)
        name = f"{rng.choice(_ADJECTIVES)} {kind.capitalize()} on {_word(rng, i)}"
        start = rng.randint(_FIRST_YEAR, _LAST_YEAR)
        instruments.append(
            {
                "id": f"instrument-{i:05d}",
                "name": name,
                "names": [],
                "kind": kind,
                "parent": None,
                "owner": rng.choice(orgs),
                "themes": sorted(rng.sample(_THEMES, rng.randint(1, 2))),
                "valid_from": start if i % 2 else None,
                "valid_until": rng.randint(start, _LAST_YEAR) if i % 4 == 1 else None,
                "description": f"The {name}.",
                "sources": cite(f"The {name} was adopted."),
            }
        )
    return instruments


def _events(
    rng: random.Random,
    sizes: _Sizes,
    cite: _Cite,
    orgs: list[_Record],
    refs: tuple[list[str], list[str]],
) -> list[_Record]:
    places, instruments = refs
    events = []
    for i in range(sizes.events):
        kind = rng.choice(_EVENT_KINDS)
        owner = rng.choice(orgs)
        name = f"{owner['name']} {kind} {i}"
        start = _date(rng) if i % 20 else None
        end = start + datetime.timedelta(days=rng.randint(0, 4)) if start else None
        others = [o["id"] for o in rng.sample(orgs, rng.randint(0, 1))]
        events.append(
            {
                "id": f"event-{i:05d}",
                "name": name,
                "names": [],
                "kind": kind,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "precision": "day" if start else None,
                "place": rng.choice(places) if i % 3 else None,
                "organisations": sorted({owner["id"], *others}),
                "instruments": [rng.choice(instruments)] if i % 7 == 0 else [],
                "themes": owner["themes"][:2],
                "description": f"A {kind} of the {owner['name']}.",
                "sources": cite(f"The {kind} took place."),
            }
        )
    return events


def _engagements(
    rng: random.Random,
    sizes: _Sizes,
    cite: _Cite,
    holders: list[str],
    targets: tuple[list[str], list[str], list[str]],
) -> list[_Record]:
    orgs, events, instruments = targets
    seen: set[tuple[str, str, str]] = set()
    engagements: list[_Record] = []
    while len(engagements) < sizes.engagements:
        pick = rng.random()
        if pick < 0.65:  # most engagements are held in organisations,
            target, role = rng.choice(orgs), rng.choice(_ROLES)
        elif pick < 0.95:  # many in events, and the rest in instruments
            target, role = rng.choice(events), rng.choice(_EVENT_ROLES)
        else:
            target, role = rng.choice(instruments), rng.choice(_INSTRUMENT_ROLES)
        holder = rng.choice(holders)
        if (holder, role, target) in seen or holder == target:
            continue
        seen.add((holder, role, target))
        since = rng.randint(_FIRST_YEAR, _LAST_YEAR) if rng.random() < 0.6 else None
        until = rng.randint(since, _LAST_YEAR) if since and rng.random() < 0.5 else None
        alongside = rng.choice(holders[: sizes.participants]) if role == "co-chair" else holder
        engagements.append(
            {
                "id": f"{holder}--{role}--{target}",
                "name": f"{holder} is {role} of {target}",
                "names": [],
                "participant": holder,
                "role": role,
                "target": target,
                "alongside": [alongside] if alongside != holder else [],
                "since": since,
                "until": until,
                "description": f"{holder} has been {role} of {target}.",
                "sources": cite(f"{holder} is a {role} of {target}."),
            }
        )
    return engagements


def _extras(
    rng: random.Random,
    cite: _Cite,
    orgs: list[_Record],
    events: list[_Record],
    sources: list[_Record],
) -> tuple[list[_Record], list[_Record], list[_Record]]:
    """Return a few terms, figures and discrepancies."""
    terms = [
        {
            "id": f"term-{i:03d}",
            "name": f"{_word(rng, i).lower()} arrival",
            "names": [],
            "definition": "A synthetic definition.",
            "defined_by": rng.choice((None, orgs[i % len(orgs)]["id"])),
            "sources": cite("The term is defined."),
        }
        for i in range(10)
    ]
    figures = [
        {
            "id": f"figure-{i:03d}",
            "name": f"Members of {orgs[i % len(orgs)]['id']} number {i}",
            "names": [],
            "subject": orgs[i % len(orgs)]["id"],
            "measure": "member countries",
            "value": rng.randint(2, 190),
            "comparison": rng.choice(("exactly", "more-than")),
            "as_of": rng.randint(_FIRST_YEAR, _LAST_YEAR),
            "sources": cite("It has many members."),
        }
        for i in range(10)
    ]
    discrepancies = [
        {
            "id": f"discrepancy-{i:03d}",
            "name": f"Dates of {events[i % len(events)]['id']} number {i}",
            "names": [],
            "subject": events[i % len(events)]["id"],
            "description": "Two documents give different dates.",
            "sources": [
                {"source": sources[0]["id"], "section": None, "quote": "One date."},
                {"source": sources[1]["id"], "section": None, "quote": "Another date."},
            ],
        }
        for i in range(5)
    ]
    return terms, figures, discrepancies


def write(folder: Path, *, organisations: int, engagements: int, seed: int = 0) -> int:
    """Write a synthetic dataset into *folder* (created if needed).

    Args:
        folder: where to write ``release.json`` and the record files.
        organisations: how many organisations to write.
        engagements: how many engagements to write.
        seed: the seed of the generator.

    Returns:
        The number of records written, of every kind.

    Raises:
        ValueError: the counts are out of range; see `generate`.

    >>> import tempfile, nzcoop
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     count = write(Path(folder), organisations=10, engagements=20)
    ...     data = nzcoop.load(folder)
    >>> count == len(data.entities())
    True
    """
    documents = generate(organisations=organisations, engagements=engagements, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for stem, document in documents.items():
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        (folder / f"{stem}.json").write_text(text, "utf-8")
        if stem != "release":
            count += len(document[stem])
    return count


def main(argv: list[str] | None = None) -> int:
    """Run the command line: write a synthetic dataset into a folder.

    Args:
        argv: the arguments (``sys.argv[1:]`` when None).

    Returns:
        The exit code, 0.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     main([folder, "--organisations", "5", "--engagements", "5"])  # doctest: +ELLIPSIS
    wrote ... records to ...
    0
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("outdir", type=Path, help="the folder to write the data files into")
    parser.add_argument("--organisations", type=int, default=20_000, help="default: 20000")
    parser.add_argument("--engagements", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--seed", type=int, default=0, help="default: 0")
    args = parser.parse_args(argv)
    count = write(
        args.outdir,
        organisations=args.organisations,
        engagements=args.engagements,
        seed=args.seed,
    )
    print(f"wrote {count} records to {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

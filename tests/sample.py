"""A small, valid dataset written as JSON documents, for tests that break it on purpose."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nzcoop import Dataset, DatasetError, Problem

_CITE = {"source": "doc", "section": None, "quote": "A quote."}

_DOCUMENTS: dict[str, Any] = {
    "release": {"release": "test.1"},
    "sources": {
        "sources": [
            {
                "id": "doc",
                "name": "A document",
                "names": [],
                "title": "A document",
                "publisher": "A publisher",
                "date": "2013-06-24",
                "url": "https://example.org/doc",
                "ministers": [],
                "portfolios": [],
                "publisher_type": "intergovernmental-body",
                "sha256": "0" * 64,
                "captured": None,
            }
        ]
    },
    "places": {
        "places": [
            {
                "id": "town",
                "name": "Town",
                "names": [],
                "kind": "city",
                "country": "aland",
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "regions": {
        "regions": [
            {
                "id": "lands",
                "name": "The Lands",
                "names": [],
                "parts": ["aland", "bland"],
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "participants": {
        "participants": [
            {
                "id": "aland",
                "name": "Aland",
                "names": [{"value": "AL", "kind": "acronym"}],
                "kind": "country",
                "alpha_2": None,
                "alpha_3": None,
                "part_of": None,
                "inferred": [],
                "sources": [_CITE],
            },
            {
                "id": "bland",
                "name": "Bland",
                "names": [],
                "kind": "country",
                "alpha_2": None,
                "alpha_3": None,
                "part_of": None,
                "inferred": [],
                "sources": [_CITE],
            },
        ]
    },
    "organisations": {
        "organisations": [
            {
                "id": "forum",
                "name": "The Forum",
                "names": [{"value": "TF", "kind": "acronym"}],
                "kind": "forum",
                "parent": None,
                "themes": ["people-smuggling"],
                "area": ["aland", "bland"],
                "place": None,
                "description": "A forum.",
                "inferred": [],
                "sources": [_CITE],
            },
            {
                "id": "forum-group",
                "name": "The Forum Working Group",
                "names": [],
                "kind": "working-group",
                "parent": "forum",
                "themes": ["information-sharing"],
                "area": ["lands"],
                "place": "town",
                "description": "A group inside the forum.",
                "inferred": [],
                "sources": [_CITE],
            },
        ]
    },
    "people": {
        "people": [
            {
                "id": "pat",
                "name": "Pat Example",
                "names": [],
                "honorific": "Ms",
                "offices": [
                    {"title": "Minister", "within": "aland", "year": 2013, "sources": [_CITE]}
                ],
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "instruments": {
        "instruments": [
            {
                "id": "pact",
                "name": "The Pact",
                "names": [],
                "label": None,
                "kind": "convention",
                "parent": None,
                "owner": "forum",
                "parts": ["a part"],
                "themes": ["trafficking-in-persons"],
                "valid_from": 2020,
                "valid_until": 2025,
                "description": "A pact.",
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "events": {
        "events": [
            {
                "id": "meeting",
                "name": "The Meeting",
                "names": [],
                "kind": "meeting",
                "start": "2013-06-24",
                "end": "2013-06-27",
                "precision": "day",
                "places": ["town"],
                "organisations": ["forum-group"],
                "instruments": [],
                "announces": [],
                "themes": ["information-sharing"],
                "description": "A meeting.",
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "engagements": {
        "engagements": [
            {
                "id": "aland--co-chair--meeting",
                "name": "Aland co-chairs the Meeting",
                "names": [],
                "participant": "aland",
                "role": "co-chair",
                "target": "meeting",
                "alongside": ["bland"],
                "since": 2013,
                "until": 2013,
                "description": "Aland co-chaired the meeting.",
                "inferred": [],
                "sources": [_CITE],
            },
            {
                "id": "aland--member--forum",
                "name": "Aland is a member of the Forum",
                "names": [],
                "participant": "aland",
                "role": "member",
                "target": "forum",
                "alongside": [],
                "since": None,
                "until": None,
                "description": "Aland belongs to the forum.",
                "inferred": [],
                "sources": [_CITE],
            },
        ]
    },
    "presentations": {
        "presentations": [
            {
                "id": "pat--case-study--pact",
                "name": "Pat on the Pact",
                "names": [],
                "event": "meeting",
                "kind": "case-study",
                "presenters": ["pat"],
                "subjects": ["pact"],
                "topics": ["the Pact"],
                "description": "Pat presented a case study on the Pact.",
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "outcomes": {
        "outcomes": [
            {
                "id": "meeting--agreed--pact",
                "name": "The Pact matters",
                "names": [],
                "event": "meeting",
                "kind": "agreed",
                "subjects": ["pact"],
                "topics": ["the importance of the Pact"],
                "description": "The members agreed on the Pact's importance.",
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "services": {
        "services": [
            {
                "id": "forum--advice--aland",
                "name": "Advice for Aland",
                "names": [],
                "provider": "forum",
                "recipient": "aland",
                "services": ["advice"],
                "where": "where Aland is not represented",
                "places": ["bland"],
                "instruments": ["pact"],
                "events": ["meeting"],
                "description": "The Forum advises Aland.",
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "terms": {
        "terms": [
            {
                "id": "big-arrival",
                "name": "big arrival",
                "names": [],
                "definition": "Many people at once.",
                "defined_by": None,
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "figures": {
        "figures": [
            {
                "id": "forum--members--2013",
                "name": "Members of the Forum in 2013",
                "names": [],
                "subject": "forum",
                "measure": "members",
                "role": "member",
                "value": 2,
                "comparison": "exactly",
                "as_of": 2013,
                "inferred": [],
                "sources": [_CITE],
            }
        ]
    },
    "discrepancies": {
        "discrepancies": [
            {
                "id": "meeting-length",
                "name": "Length of the Meeting",
                "names": [],
                "subjects": ["meeting"],
                "sides": [
                    {"claim": "It took two days.", "citation": 0, "records": []},
                    {"claim": "It took four days.", "citation": 1, "records": ["meeting"]},
                ],
                "description": "Two claims differ.",
                "inferred": [],
                "sources": [_CITE, _CITE],
            }
        ]
    },
}


def documents() -> dict[str, Any]:
    """Return a fresh copy of the sample dataset's documents, one per data file stem."""
    return copy.deepcopy(_DOCUMENTS)


def write(folder: Path, docs: dict[str, Any]) -> Path:
    """Write *docs* as the data files of *folder*; return *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, content in docs.items():
        (folder / f"{stem}.json").write_text(json.dumps(content, ensure_ascii=False), "utf-8")
    return folder


def add_engagement(docs: dict[str, Any], **changes: object) -> None:
    """Append to *docs* an engagement like the sample's membership, with *changes*."""
    engagements = docs["engagements"]["engagements"]
    engagements.append(dict(engagements[1], **changes))


def structure(docs: dict[str, Any]) -> Dataset:
    """Return the dataset of the parsed data files *docs*, as `nzcoop.load` builds it."""
    return Dataset._from_documents(docs)


Docs = dict[str, Any]
"""The parsed data files of a dataset, by stem."""
Change = Callable[[Docs], None]
"""A change made to a dataset's documents."""


def set_(stem: str, position: int, key: str, value: object) -> Change:
    """Set *key* of the record at *position* of *stem* to *value*."""

    def mutate(docs: Docs) -> None:
        docs[stem][stem][position][key] = value

    return mutate


def drop(stem: str, position: int, key: str) -> Change:
    """Remove *key* from the record at *position* of *stem*."""

    def mutate(docs: Docs) -> None:
        del docs[stem][stem][position][key]

    return mutate


def both(*mutations: Change) -> Change:
    """Make each of *mutations*."""

    def mutate(docs: Docs) -> None:
        for mutation in mutations:
            mutation(docs)

    return mutate


def add_organisation(**changes: object) -> Change:
    """Add an organisation like the sample's first, with *changes*."""

    def mutate(docs: Docs) -> None:
        record = dict(docs["organisations"]["organisations"][0], id="forum-2", name="Forum Two")
        record["names"] = []
        record.update(changes)
        docs["organisations"]["organisations"].append(record)

    return mutate


def problems(change: Change) -> list[Problem]:
    """Return the problems of the sample with *change* made, by file and path."""
    docs = documents()
    change(docs)
    try:
        structure(docs)
    except DatasetError as error:
        return sorted(error.problems, key=lambda p: (p.file, p.path))
    return []


Expected = list[tuple[str, str, str]]
"""Problems as a test expects them: file, path and a fragment of the message."""


def matches(found: list[Problem], expected: Expected) -> bool:
    """Tell whether *found* are the *expected* problems, in file and path order."""
    expected = sorted(expected)
    return [(p.file, p.path) for p in found] == [(f, p) for f, p, _ in expected] and all(
        fragment in problem.message
        for problem, (_, _, fragment) in zip(found, expected, strict=True)
    )

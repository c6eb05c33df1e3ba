"""A small, valid dataset written as JSON documents, for tests that break it on purpose."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

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
                "publisher": None,
                "date": "2013-06-24",
                "url": None,
                "ministers": [],
                "portfolios": [],
                "file": "doc.txt",
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
                "iso_3166_1": None,
                "part_of": None,
                "sources": [_CITE],
            },
            {
                "id": "bland",
                "name": "Bland",
                "names": [],
                "kind": "country",
                "iso_3166_1": None,
                "part_of": None,
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
                "description": "A forum.",
                "sources": [_CITE],
            },
            {
                "id": "forum-group",
                "name": "The Forum Working Group",
                "names": [],
                "kind": "working-group",
                "parent": "forum",
                "themes": ["information-sharing"],
                "area": [],
                "description": "A group inside the forum.",
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
                "kind": "convention",
                "parent": None,
                "owner": "forum",
                "themes": ["trafficking-in-persons"],
                "valid_from": 2020,
                "valid_until": 2025,
                "description": "A pact.",
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
                "place": "town",
                "organisations": ["forum-group"],
                "instruments": [],
                "themes": ["information-sharing"],
                "description": "A meeting.",
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
                "sources": [_CITE],
            },
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
                "value": 2,
                "comparison": "exactly",
                "as_of": 2013,
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
                "subject": "meeting",
                "description": "Two claims differ.",
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

"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import copy
import datetime
import typing
import unicodedata
from typing import Any

import attrs
from hypothesis import strategies as st

import nzcoop
from nzcoop import Role, Theme
from nzcoop._dates import precision_span
from nzcoop._model import RECORD_KINDS, kind_of

from . import sample

DATA = nzcoop.dataset()
CLASS_NAMES = [kind.cls.__name__ for kind in RECORD_KINDS]
ENTITIES = DATA.entities()
ORGANISATIONS = DATA.organisations(participant=None)
HOLDER_IDS = sorted({e.participant for e in DATA.engagements()})
YEARS = st.integers(min_value=1940, max_value=2030)

entities = st.sampled_from(ENTITIES)
roles = st.none() | st.sampled_from(Role) | st.sampled_from([r.value for r in Role])
themes = st.none() | st.sampled_from(Theme) | st.sampled_from([t.value for t in Theme])
years = st.none() | YEARS
organisation_filters = st.none() | st.sampled_from([o.id for o in ORGANISATIONS])
participant_filters = st.none() | st.sampled_from(HOLDER_IDS)


_SPACES = [" ", "  ", " \t ", "\u00a0", "\u2009", "\u3000", "\n"]
_DASHES = ["-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212", " - ", " "]
_APOSTROPHES = ["'", "\u2019", "\u2018", "\u02bc", "`", ""]
_INVISIBLE = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@st.composite
def respellings(draw: st.DrawFn, name: str) -> str:
    """Return *name* as a reader might type it: the ways `name_key` folds varied.

    Its letters' case, its spaces, dashes, slashes and apostrophes, its Unicode form,
    full-width letters, invisible characters between letters, and a leading "the".
    """
    text = "".join(
        draw(st.sampled_from([c.lower(), c.upper()])) if c.isalpha() else c for c in name
    )
    for old, choices in (("'", _APOSTROPHES), ("\u2019", _APOSTROPHES), ("/", ["/", " / ", "-"])):
        text = text.replace(old, draw(st.sampled_from(choices)))
    for dash in ("-", "\u2013"):
        text = text.replace(dash, draw(st.sampled_from(_DASHES)))
    text = draw(st.sampled_from(_SPACES)).join(text.split(" "))
    if draw(st.booleans()):
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    if draw(st.booleans()) and text:
        at = draw(st.integers(1, len(text)))
        text = text[:at] + draw(st.sampled_from(_INVISIBLE)) + text[at:]
    text = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"])), text)
    return (
        draw(st.sampled_from(["", " ", "\n", "the ", "The "]))
        + text
        + draw(st.sampled_from(["", "  "]))
    )


@st.composite
def id_respellings(draw: st.DrawFn, id_: str) -> str:
    """Return the id *id_* as a reader might type it: in another case, spaces around it."""
    text = "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in id_)
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", "\n"]))


def names_of(entity: nzcoop.Entity) -> list[str]:
    """Return every id and name recorded for *entity*."""
    return [entity.id, entity.name, *(name.value for name in entity.names)]


def references(record: object) -> set[str]:
    """Return the ids *record* and the records inside it refer to, citations' included."""
    kind = kind_of(type(record))
    found: set[str] = set()
    for field, _ in kind.references:
        value = getattr(record, field)
        found.update([value] if isinstance(value, str) else value or ())
    for field in kind.nested:
        for part in getattr(record, field):
            found |= references(part)
    return found


def _closed(ids: set[str]) -> nzcoop.Dataset:
    """Return the dataset of the packaged records *ids* and every record they refer to."""
    by_id = {entity.id: entity for entity in ENTITIES}
    wanted, todo = set(), list(ids)
    while todo:
        current = todo.pop()
        if current not in wanted:
            wanted.add(current)
            todo.extend(references(by_id[current]) - wanted)
    return nzcoop.Dataset([r for r in ENTITIES if r.id in wanted], release=DATA.release)


sub_datasets = st.sets(st.sampled_from([e.id for e in ENTITIES]), max_size=12).map(_closed)
"""Datasets of some packaged records and everything they refer to (always valid)."""

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
odd_text = st.text(
    st.characters(codec="utf-8", categories=("Cc", "Cf", "Co", "Mn", "Zs", "So", "Lo")),
    min_size=1,
    max_size=6,
)


@st.composite
def mutated(draw: st.DrawFn, document: object) -> object:
    """Return a copy of the JSON value *document* with one change at a random place."""
    document = copy.deepcopy(document)
    parent: Any = None
    key: Any = None
    node = document
    while isinstance(node, dict | list) and node and draw(st.integers(0, 4)) > 0:
        parent = node
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        node = node[key]
    action = draw(st.sampled_from(["drop", "replace", "add", "duplicate", "dangle", "odd"]))
    if parent is None:
        document = draw(json_values)
    elif action == "drop":
        del parent[key]
    elif action == "replace":
        parent[key] = draw(json_values)
    elif action == "add":
        if isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = draw(json_values)
        else:
            parent.insert(key, draw(json_values))
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(node))
    elif action == "dangle" and isinstance(node, str):
        parent[key] = node + "-missing"
    elif isinstance(node, str):
        parent[key] = node + draw(odd_text)
    return document


# -- new records ---------------------------------------------------------------------------

_CITED = (nzcoop.Citation("doc", None, "A quote."),)
"""A citation of the sample's one source (``tests/sample.py``), which is dated 2013."""
_UNDATED = nzcoop.Source(
    "undated-doc", "An undated document", (), "An undated document", "A publisher", None,
    "https://example.org/undated", (), (), nzcoop.PublisherType.NEW_ZEALAND_GOVERNMENT,
    "1" * 64, None,
)  # fmt: skip
_DAYS = st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31))


@st.composite
def event_dates(draw: st.DrawFn) -> tuple[datetime.date | None, datetime.date | None, Any]:
    """Return a start, an end and a precision that fit each other, as the checks require."""
    precision = draw(st.sampled_from([None, *nzcoop.Precision]))
    day = draw(_DAYS)
    later = day + datetime.timedelta(days=draw(st.integers(0, 800)))
    if precision is None:
        return None, None, None
    if precision is nzcoop.Precision.BETWEEN:
        start, end = draw(st.sampled_from([(day, later), (None, later), (day, None)]))
        return start, end, precision
    if precision is nzcoop.Precision.DAY:
        return day, later, precision
    spanned = precision_span(day, precision, day)
    assert spanned is not None
    return (*spanned, precision)


@st.composite
def dated_dataset(draw: st.DrawFn) -> nzcoop.Dataset:
    """Return the sample dataset with new events and engagements of any dates and years.

    Each engagement is held in one of the new events or in the sample's forum, cites a
    dated or an undated document, and has any ``since`` and ``until`` (or none).
    """
    base = list(sample.structure(sample.documents()).entities())
    events = []
    for number in range(draw(st.integers(0, 6))):
        start, end, precision = draw(event_dates())
        events.append(
            nzcoop.Event(
                f"event-{number}", f"Event {number}", (), nzcoop.EventKind.MEETING, start,
                end, precision, (), ("forum",), (), (), (), "An event.", (), _CITED,
            )
        )  # fmt: skip
    targets = [event.id for event in events] + ["forum"]
    years = st.none() | st.integers(1990, 2030)
    engagements = []
    for number in range(draw(st.integers(0, 8))):
        since, until = draw(years), draw(years)
        if since is not None and until is not None and until < since:
            since, until = until, since
        cited = draw(st.sampled_from([_CITED, (nzcoop.Citation(_UNDATED.id, None, "A."),)]))
        engagements.append(
            nzcoop.Engagement(
                f"bland--member--{number}", f"Engagement {number}", (), "bland",
                draw(st.sampled_from(nzcoop.Role)), draw(st.sampled_from(targets)), (),
                since, until, "An engagement.", (), cited,
            )
        )  # fmt: skip
    return nzcoop.Dataset([*base, _UNDATED, *events, *engagements], release="dated")


# -- text that stresses CSV ----------------------------------------------------------------

_CSV_PIECES = (
    ",", '"', '""', "'", "''", "\n", "\r\n", "\r", "\t", " ", ";", "\\", "\x00", "#", "*",
    "=", "+", "-", "@", "=1+1", "-2", "+3", "@SUM(A1)", '=HYPERLINK("x")', "é", "\u202e",
    "\ufeff", "NaN", "null", "2013",
)  # fmt: skip
csv_text = st.lists(st.sampled_from(_CSV_PIECES) | st.text(max_size=2), max_size=5).map("".join)
"""Text that stresses CSV: separators, quotes, line breaks, tabs, NUL, formula characters
(``=``, ``+``, ``-``, ``@``) at the start, apostrophes, and the empty text."""
csv_optional_text = st.none() | csv_text
"""`csv_text`, or None: an empty cell and an empty text are different values."""

_STRESSED = frozenset(
    {"description", "definition", "topics", "services", "parts", "where", "title",
     "publisher", "measure", "section", "quote"}
)  # fmt: skip
"""The text fields whose values no rule constrains (beyond a quote showing something),
and that name nothing: they may hold any text."""


@st.composite
def csv_stressed(draw: st.DrawFn, dataset: nzcoop.Dataset) -> nzcoop.Dataset:
    """Return *dataset* with `csv_text` in its free text fields and in its release.

    Ids and names are kept (they must be unique when folded); references are kept.
    """

    def stressed(record: Any) -> Any:  # noqa: ANN401 - any record
        kind = kind_of(type(record))
        references = {field for field, _ in kind.references}
        changes: dict[str, object] = {}
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.name in kind.nested:
                changes[field.name] = tuple(stressed(part) for part in value)
            elif (
                field.name not in _STRESSED
                or field.name in references
                or (type(record) is nzcoop.Source and field.name == "title")
            ):
                continue
            elif field.name == "quote":  # a quote must show something
                changes["quote"] = draw(csv_text) + draw(st.sampled_from(["q", "1.", "Q"]))
            elif isinstance(value, tuple):
                changes[field.name] = tuple(draw(csv_text) for _ in value)
            elif value is None or typing.get_args(field.type):
                changes[field.name] = draw(csv_optional_text)
            else:
                changes[field.name] = draw(csv_text)
        return attrs.evolve(record, **changes)

    records = [stressed(entity) for entity in dataset.entities()]
    return nzcoop.Dataset(records, release=draw(csv_text))


csv_datasets = (sub_datasets | dated_dataset()).flatmap(csv_stressed)
"""Datasets of packaged or dated records, with text that stresses CSV everywhere it may."""

"""The indexes that make a query a few lookups, each built the first time a query needs it."""

from __future__ import annotations

import bisect
import functools
import operator
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ._dates import Span, Years, attesting_years, engagement_years, event_years, sort_key
from ._model import (
    Engagement,
    Entity,
    Event,
    Instrument,
    Organisation,
    citations,
)
from ._vocabulary import Theme

__all__ = ["Index", "Positions"]

_Key = TypeVar("_Key", bound=Hashable)
_Item = TypeVar("_Item")
Positions = tuple[int, ...]
"""Ascending positions of records in one of the sorted tuples of an `Index`."""


class Index:
    """Lookup tables over one checked dataset's records; each unchanged once built.

    The records of each class are numbered by their place in `ordered` (the order
    queries return them in), and each table maps a key to the ascending positions of the
    records it selects. Every table but `ordered` is built on its first use: a load
    builds none of them, and each query pays only for the tables it reads.
    """

    def __init__(self, records: Mapping[type, Sequence[Entity]]) -> None:
        self._records = records
        self.ordered: dict[type, Sequence[Entity]] = {
            **records,
            Organisation: tuple(
                sorted(_of(records, Organisation), key=lambda o: (o.name.casefold(), o.id))
            ),
            Event: tuple(sorted(_of(records, Event), key=sort_key)),  # type: ignore[arg-type]
            Engagement: tuple(sorted(_of(records, Engagement), key=operator.attrgetter("id"))),
        }
        """Each class's records as queries return them: organisations by name
        (case-insensitively), then id; events by date, undated last, then id; engagements
        by id; the others in the order of their data file."""
        self._groups: dict[tuple[type, str], dict[Any, Positions]] = {}

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """The organisations, by name (case-insensitively), then id."""
        return _of(self.ordered, Organisation)  # type: ignore[return-value] # a tuple

    @property
    def events(self) -> tuple[Event, ...]:
        """The events, by date (undated last), then id."""
        return _of(self.ordered, Event)  # type: ignore[return-value] # a tuple

    @property
    def engagements(self) -> tuple[Engagement, ...]:
        """The engagements, by id."""
        return _of(self.ordered, Engagement)  # type: ignore[return-value] # a tuple

    def grouped(self, cls: type, field: str) -> dict[Any, Positions]:
        """Return the positions of the records of *cls* by the value(s) of *field*.

        *field* may name a field of the records inside them (``offices.within``). Each
        table is built on first use, then kept.
        """
        if (cls, field) not in self._groups:
            self._groups[cls, field] = self._group_field(cls, field)
        return self._groups[cls, field]

    def _group_field(self, cls: type, field: str) -> dict[Any, Positions]:
        """Group the positions of the records of *cls* by the value(s) of *field*."""
        if "." in field:
            return _group(
                (i, value)
                for i, record in enumerate(self.ordered[cls])
                for value in dict.fromkeys(_values(record, field.split(".")))
            )
        get = operator.attrgetter(field)
        pairs: list[tuple[int, object]] = []
        for i, record in enumerate(self.ordered[cls]):
            value = get(record)
            if type(value) is tuple:
                pairs.extend((i, item) for item in dict.fromkeys(value))  # each item once
            elif value is not None:
                pairs.append((i, value))
        return _group(pairs)

    # -- organisations ------------------------------------------------------------------

    @functools.cached_property
    def children(self) -> dict[str, list[str]]:
        """The ids of the bodies directly inside each organisation."""
        children: defaultdict[str, list[str]] = defaultdict(list)
        for org in self.organisations:
            if org.parent is not None:
                children[org.parent].append(org.id)
        return dict(children)

    def within(self, organisation: str) -> list[str]:
        """Return the id of *organisation* and of every body inside it, at any depth."""
        found = [organisation]
        for current in found:  # grows as it goes: a walk of the tree, each body once
            found.extend(self.children.get(current, ()))
        return found

    @functools.cached_property
    def organisation_position(self) -> dict[str, int]:
        """Each organisation's position in `organisations`."""
        return {org.id: i for i, org in enumerate(self.organisations)}

    # -- years ----------------------------------------------------------------------------

    @functools.cached_property
    def _event_years(self) -> SpanIndex:
        return SpanIndex((i, _spans(event_years(event))) for i, event in enumerate(self.events))

    def events_in(self, years: Years) -> Positions:
        """Return the positions of the events whose dates fall in or span a year of *years*."""
        return self._event_years.overlapping(years)

    @functools.cached_property
    def _engagement_years(self) -> SpanIndex:
        attesting = attesting_years(entity for group in self._records.values() for entity in group)
        return SpanIndex(
            (i, engagement_years(engagement, attesting))
            for i, engagement in enumerate(self.engagements)
        )

    def engagements_in(self, years: Years) -> Positions:
        """Return the positions of the engagements held in a year of *years*."""
        return self._engagement_years.overlapping(years)

    # -- engagements ----------------------------------------------------------------------

    @functools.cached_property
    def engagement_orgs(self) -> tuple[tuple[str, ...], ...]:
        """For each engagement, the organisations it is held in directly.

        That is its target when that is an organisation, or the organisations of the
        event it is held in.
        """
        held_in: dict[str, tuple[str, ...]] = {org.id: (org.id,) for org in self.organisations}
        held_in.update((event.id, event.organisations) for event in self.events)
        return tuple(held_in.get(engagement.target, ()) for engagement in self.engagements)

    @functools.cached_property
    def engagement_by_org(self) -> dict[str, Positions]:
        """The engagements held directly in each organisation (see `engagement_orgs`)."""
        return _group((i, org) for i, orgs in enumerate(self.engagement_orgs) for org in orgs)

    @functools.cached_property
    def engagement_by_theme(self) -> dict[Theme, Positions]:
        """The engagements by the themes of the organisation, instrument or event of each."""
        themes = {
            record.id: record.themes
            for cls in (Organisation, Instrument, Event)
            for record in self._records.get(cls, ())
            if isinstance(record, Organisation | Instrument | Event)
        }
        return _group(
            (i, theme)
            for i, engagement in enumerate(self.engagements)
            for theme in themes.get(engagement.target, ())
        )

    @functools.cached_property
    def engagement_by_standing(self) -> dict[bool, Positions]:
        """The engagements held at an event (``False``) and the standing ones (``True``)."""
        at_event = {event.id for event in self.events}
        return _group(
            (i, engagement.target not in at_event) for i, engagement in enumerate(self.engagements)
        )

    # -- citations ------------------------------------------------------------------------

    @functools.cached_property
    def _citing(self) -> dict[str, tuple[Entity, ...]]:
        grouped: defaultdict[str, list[Entity]] = defaultdict(list)
        for group in self._records.values():
            for entity in group:
                for cited in dict.fromkeys(c.source for c in citations(entity)):
                    grouped[cited].append(entity)
        return {cited: tuple(records) for cited, records in grouped.items()}

    def citing(self, source: str) -> tuple[Entity, ...]:
        """Return the records that cite the source with id *source*, in entity order."""
        return self._citing.get(source, ())


_SHORT = 64
"""The most years a span may cover and be found by its first year (see `SpanIndex`)."""


class SpanIndex:
    """Positions of records by the spans of years they are in, to find those a range meets.

    A span of at most `_SHORT` years is found by its first year, by bisection; a
    longer one is compared with each range asked for: so no span's years are ever
    enumerated, and a span of ten thousand years costs what a span of one does.
    """

    __slots__ = ("_long", "_short", "_starts")

    def __init__(self, spans: Iterable[tuple[int, Iterable[Span]]]) -> None:
        short: list[tuple[int, int, int]] = []
        self._long: list[tuple[int, int, int]] = []
        for position, record_spans in spans:
            for low, high in record_spans:
                (short if high - low < _SHORT else self._long).append((low, high, position))
        short.sort()
        self._short = short
        self._starts = [low for low, _, _ in short]

    def overlapping(self, years: Years) -> Positions:
        """Return the positions with a span that has a year in *years*, ascending."""
        first, last = years.bounds
        if first > last:
            return ()
        lowest = bisect.bisect_left(self._starts, first - _SHORT + 1)
        highest = bisect.bisect_right(self._starts, last)
        found = {p for _, high, p in self._short[lowest:highest] if high >= first}
        found.update(p for low, high, p in self._long if low <= last and high >= first)
        return tuple(sorted(found))


def _spans(span: Span | None) -> tuple[Span, ...]:
    return () if span is None else (span,)


def _values(record: object, path: Sequence[str]) -> list[object]:
    """Return the values at *path* (field names) in *record*, through tuples of records."""
    values = [record]
    for field in path:
        found: list[object] = []
        for value in values:
            inner = getattr(value, field)
            if type(inner) is tuple:
                found.extend(inner)
            elif inner is not None:
                found.append(inner)
        values = found
    return values


def _group(pairs: Iterable[tuple[int, _Key]]) -> dict[_Key, Positions]:
    """Group positions by key; *pairs* come in ascending position, each once per key."""
    grouped: defaultdict[_Key, list[int]] = defaultdict(list)
    for position, key in pairs:
        grouped[key].append(position)
    return {key: tuple(group) for key, group in grouped.items()}  # tuples: smaller than sets


def _of(records: Mapping[type, Sequence[Entity]], cls: type[_Item]) -> Sequence[_Item]:
    return records[cls]  # type: ignore[return-value] # each class's records are of it

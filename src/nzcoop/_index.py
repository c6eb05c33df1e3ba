"""The year rules, and the indexes that make a query a few lookups.

The year rules live here, in one place:

- An event spans the calendar years from its ``start`` to its ``end`` (only the year of
  the one date it has, where the documents give only a bound); an undated event spans
  none.
- An engagement is *attested* in the years a dated document shows it: the years of the
  event it is held in, the dates of the dated documents that cite it, and its own
  ``since`` and ``until``. It is held from ``since`` to ``until`` where both are given;
  an open end (no ``until``) runs to its last attested year and no further; an open
  start (no ``since``) runs from its first attested year; with neither, it is held only
  in its attested years. So a year no document speaks to matches nothing.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ._model import (
    Engagement,
    Entity,
    Event,
    Instrument,
    Organisation,
    Outcome,
    Presentation,
    Service,
    Source,
    citations,
)
from ._names import name_key
from ._vocabulary import Role, Theme

__all__ = ["Index", "attesting_years", "engagement_years", "event_years"]


def event_years(event: Event) -> range:
    """Return the calendar years *event* spans (none when it is undated).

    With an open bound (`Precision.BETWEEN` with one date), that is the year of the date
    given: the documents show the event then, and say nothing of other years.
    """
    first = event.start or event.end
    last = event.end or event.start
    if first is None or last is None:
        return range(0)
    return range(first.year, last.year + 1)


def attesting_years(entities: Iterable[Entity]) -> dict[str, range]:
    """Map each dated event and dated source document to the years it shows.

    `engagement_years` reads an engagement's years from its target and its citations
    through this table.
    """
    years: dict[str, range] = {}
    for entity in entities:
        if isinstance(entity, Event) and event_years(entity):
            years[entity.id] = event_years(entity)
        elif isinstance(entity, Source) and entity.date is not None:
            years[entity.id] = range(entity.date.year, entity.date.year + 1)
    return years


def engagement_years(
    engagement: Engagement, attesting: Mapping[str, range]
) -> range | frozenset[int]:
    """Return the years *engagement* is held, by the rules in this module's docstring.

    *attesting* is the `attesting_years` of the dataset's entities.
    """
    since, until = engagement.since, engagement.until
    if since is not None and until is not None:
        return range(since, until + 1)
    attested: set[int] = set(attesting.get(engagement.target, ()))
    for citation in engagement.sources:
        attested.update(attesting.get(citation.source, ()))
    if since is None and until is None:
        return frozenset(attested)
    attested.add(since if since is not None else until)  # type: ignore[arg-type] # one is given
    first = since if since is not None else min(attested)
    last = until if until is not None else max(attested)
    return range(first, last + 1)


_Key = TypeVar("_Key", bound=Hashable)
_Item = TypeVar("_Item")
Positions = tuple[int, ...]
"""Ascending positions of records in one of the sorted tuples of an `Index`."""

FILTERED: Mapping[type, tuple[str, ...]] = {
    Organisation: ("themes", "area"),
    Event: ("organisations", "themes"),
    Presentation: ("event", "presenters", "subjects"),
    Outcome: ("event", "kind", "subjects"),
    Service: ("provider", "recipient"),
}
"""The fields queries filter records on directly, by record class: each has a table."""


class Index:
    """Lookup tables over one checked dataset's records; read-only once built.

    The records of each class are numbered by their place in `ordered` (the order
    queries return them in), and each table maps a key to the ascending positions of the
    records it selects.
    """

    def __init__(self, records: Mapping[type, Sequence[Entity]], by_key: dict[str, Entity]) -> None:
        self.by_id: dict[str, Entity] = {
            entity.id: entity for group in records.values() for entity in group
        }
        """Each id's record."""
        self.by_key = by_key
        """Each name key's entity (see `Names`)."""
        self.organisations: tuple[Organisation, ...] = tuple(
            sorted(_of(records, Organisation), key=lambda o: (name_key(o.name), o.id))
        )
        """The organisations by name (as lookups compare names), then id."""
        self.events: tuple[Event, ...] = tuple(sorted(_of(records, Event), key=_chronological))
        """The events by date, undated last, then by id."""
        self.engagements: tuple[Engagement, ...] = tuple(
            sorted(_of(records, Engagement), key=lambda e: e.id)
        )
        """The engagements by id."""
        self.ordered: dict[type, Sequence[Entity]] = {
            **records,
            Organisation: self.organisations,
            Event: self.events,
            Engagement: self.engagements,
        }
        """Each class's records as queries return them: the three above, and the others
        in the order of their data file."""
        # One int object for each position, shared by every table, where numbering each
        # table anew would hold a separate int in it for every entry.
        self._numbers = list(range(max(map(len, self.ordered.values()), default=0)))
        self.groups: dict[tuple[type, str], dict[Any, Positions]] = {
            (cls, field): self._group_field(cls, field)
            for cls, fields in FILTERED.items()
            for field in fields
        }
        """For each class and field of `FILTERED`, the positions of the records by value."""
        self.children: dict[str, list[str]] = defaultdict(list)
        """The ids of the bodies directly inside each organisation."""
        for org in self.organisations:
            if org.parent is not None:
                self.children[org.parent].append(org.id)
        self.organisation_position = {org.id: i for i, org in self._numbered(self.organisations)}
        self.event_by_year = _group(
            (i, year) for i, event in self._numbered(self.events) for year in event_years(event)
        )
        self._index_engagements(attesting_years(self.by_id.values()))
        self._citing: dict[str, tuple[Entity, ...]] | None = None

    def _group_field(self, cls: type, field: str) -> dict[Any, Positions]:
        """Group the positions of the records of *cls* by the value(s) of *field*."""
        get = operator.attrgetter(field)
        pairs: list[tuple[int, object]] = []
        for i, record in self._numbered(self.ordered[cls]):
            value = get(record)
            if type(value) is tuple:
                pairs.extend((i, item) for item in value)
            elif value is not None:
                pairs.append((i, value))
        return _group(pairs)

    def _index_engagements(self, attesting: Mapping[str, range]) -> None:
        # The organisations an engagement is held in directly: its target when that is
        # an organisation, or the organisations of the event it is held in.
        held_in: dict[str, tuple[str, ...]] = {org.id: (org.id,) for org in self.organisations}
        held_in.update((event.id, event.organisations) for event in self.events)
        themes = {
            record.id: record.themes
            for record in self.by_id.values()
            if isinstance(record, Organisation | Instrument | Event)
        }
        by_org: defaultdict[str, list[int]] = defaultdict(list)
        by_participant: defaultdict[str, list[int]] = defaultdict(list)
        by_role: defaultdict[Role, list[int]] = defaultdict(list)
        by_theme: defaultdict[Theme, list[int]] = defaultdict(list)
        by_year: defaultdict[int, list[int]] = defaultdict(list)
        orgs: list[tuple[str, ...]] = []
        for i, engagement in self._numbered(self.engagements):
            target = engagement.target
            orgs.append(held_in.get(target, ()))
            for org in orgs[-1]:
                by_org[org].append(i)
            by_participant[engagement.participant].append(i)
            by_role[engagement.role].append(i)
            for theme in themes[target]:
                by_theme[theme].append(i)
            for year in engagement_years(engagement, attesting):
                by_year[year].append(i)
        self.engagement_orgs = tuple(orgs)
        """For each engagement, the organisations it is held in directly."""
        self.engagement_by_org = _frozen(by_org)
        self.engagement_by_participant = _frozen(by_participant)
        self.engagement_by_role = _frozen(by_role)
        self.engagement_by_theme = _frozen(by_theme)
        self.engagement_by_year = _frozen(by_year)
        at_event = set(held_in) - {org.id for org in self.organisations}
        self.engagement_by_standing = _group(
            (i, engagement.target not in at_event)
            for i, engagement in self._numbered(self.engagements)
        )
        """The engagements held at an event (``False``) and the standing ones (``True``)."""

    def _numbered(self, records: Sequence[_Item]) -> list[tuple[int, _Item]]:
        return list(zip(self._numbers, records, strict=False))

    def within(self, organisation: str) -> list[str]:
        """Return the id of *organisation* and of every body inside it, at any depth."""
        found = [organisation]
        for current in found:  # grows as it goes: a walk of the tree, each body once
            found.extend(self.children.get(current, ()))
        return found

    def citing(self, source: str) -> tuple[Entity, ...]:
        """Return the records that cite the source with id *source*, in entity order.

        Built on its first use: few programs ask it, and every load would pay for it.
        """
        if self._citing is None:
            grouped: defaultdict[str, list[Entity]] = defaultdict(list)
            for entity in self.by_id.values():
                for cited in dict.fromkeys(c.source for c in citations(entity)):
                    grouped[cited].append(entity)
            self._citing = {cited: tuple(records) for cited, records in grouped.items()}
        return self._citing.get(source, ())


def _group(pairs: Iterable[tuple[int, _Key]]) -> dict[_Key, Positions]:
    """Group positions by key; *pairs* come in ascending position, each once."""
    grouped: defaultdict[_Key, list[int]] = defaultdict(list)
    for position, key in pairs:
        grouped[key].append(position)
    return _frozen(grouped)


def _frozen(grouped: Mapping[_Key, list[int]]) -> dict[_Key, Positions]:
    # Tuples take a fraction of the memory of sets.
    return {key: tuple(group) for key, group in grouped.items()}


def _of(records: Mapping[type, Sequence[Entity]], cls: type[_Item]) -> Sequence[_Item]:
    return records[cls]  # type: ignore[return-value] # each class's records are of it


def _chronological(event: Event) -> tuple[bool, str, str]:
    """Sort events by start, undated last, then by id."""
    start = event.start.isoformat() if event.start is not None else ""
    return (event.start is None, start, event.id)

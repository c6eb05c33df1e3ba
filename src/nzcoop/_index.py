"""Indexes over a validated dataset, built once so that a query is a few lookups.

The year rules live here, in one place:

- An event spans the calendar years from its ``start`` to its ``end``; an undated event
  spans none.
- An engagement is *attested* in the years a dated document shows it: the years of the
  event it is held in, the dates of the dated documents that cite it, and its own
  ``since`` and ``until``. It is held from ``since`` to ``until`` where both are given;
  an open end (no ``until``) runs to its last attested year and no further; an open
  start (no ``since``) runs from its first attested year; with neither, it is held only
  in its attested years. So a year no document speaks to matches nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple, TypeVar

from ._model import (
    Citation,
    Engagement,
    Entity,
    Event,
    Instrument,
    Organisation,
    Person,
    Source,
)
from ._names import name_key
from ._vocabulary import Theme

__all__ = ["Index", "Tables", "citations", "engagement_years", "event_years"]


class Tables(NamedTuple):
    """The tables that the checks and the indexes both start from, built once."""

    by_id: dict[str, Entity]
    """Each id's record (the last of them, where an id is used twice)."""
    by_key: dict[str, Entity]
    """Each name key's entity (the last of them, where two entities share a key)."""
    names_unique: bool
    """Whether every name key belongs to one entity: the checks report it if not."""

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> Tables:
        """Build the tables of *entities*."""
        ids = [entity.id for entity in entities]
        spellings = ids + [entity.name for entity in entities]
        owners = [*entities, *entities]
        for entity in entities:
            if entity.names:
                spellings += [name.value for name in entity.names]
                owners += [entity] * len(entity.names)
        keys = list(map(name_key, spellings))
        by_key = dict(zip(keys, owners, strict=True))
        # Each key maps back to its own entity only if no other entity has it.
        unique = list(map(by_key.__getitem__, keys)) == owners
        return cls(dict(zip(ids, entities, strict=True)), by_key, unique)


def event_years(event: Event) -> range:
    """Return the calendar years *event* spans (none when it is undated)."""
    if event.start is None or event.end is None:
        return range(0)
    return range(event.start.year, event.end.year + 1)


def engagement_years(engagement: Engagement, entities: Mapping[str, Entity]) -> frozenset[int]:
    """Return the years *engagement* is held, by the rules in this module's docstring."""
    since, until = engagement.since, engagement.until
    if since is not None and until is not None:
        return frozenset(range(since, until + 1))
    attested = {year for year in (since, until) if year is not None}
    target = entities[engagement.target]
    if isinstance(target, Event):
        attested.update(event_years(target))
    for citation in engagement.sources:
        source = entities[citation.source]
        if isinstance(source, Source) and source.date is not None:
            attested.add(source.date.year)
    if not attested or (since is None and until is None):
        return frozenset(attested)
    first = since if since is not None else min(attested)
    last = until if until is not None else max(attested)
    return frozenset(range(first, last + 1))


class Index:
    """Lookup tables over one dataset's records; read-only once built."""

    __slots__ = (
        "_citing",
        "by_id",
        "by_key",
        "engagement_by_org",
        "engagement_by_participant",
        "engagement_by_role",
        "engagement_by_theme",
        "engagement_by_year",
        "engagement_orgs",
        "engagements",
        "event_by_org",
        "event_by_theme",
        "event_by_year",
        "events",
        "organisation_by_theme",
        "organisation_position",
        "organisations",
    )

    def __init__(self, tables: Tables) -> None:
        self.by_id = tables.by_id
        self.by_key = tables.by_key
        self._citing: dict[str, tuple[Entity, ...]] | None = None
        records = self.by_id.values()
        self.organisations = tuple(
            sorted(
                (r for r in records if isinstance(r, Organisation)),
                key=lambda o: (name_key(o.name), o.id),
            )
        )
        self.events = tuple(sorted((r for r in records if isinstance(r, Event)), key=_event_order))
        self.engagements = tuple(
            sorted((r for r in records if isinstance(r, Engagement)), key=lambda e: e.id)
        )
        # Numbered once, so that every index shares one int object per position.
        organisations = list(enumerate(self.organisations))
        events = list(enumerate(self.events))
        engagements = list(enumerate(self.engagements))
        self.organisation_position = {org.id: i for i, org in organisations}
        ancestors = {org.id: self._ancestors(org) for org in self.organisations}

        self.organisation_by_theme = _positions(
            (theme, i) for i, org in organisations for theme in org.themes
        )

        self.event_by_theme = _positions(
            (theme, i) for i, event in events for theme in event.themes
        )
        self.event_by_year = _positions(
            (year, i) for i, event in events for year in event_years(event)
        )
        self.event_by_org = _positions(
            (org, i)
            for i, event in events
            for direct in event.organisations
            for org in ancestors[direct]
        )

        alone = {org.id: (org.id,) for org in self.organisations}  # one tuple per body
        self.engagement_orgs = tuple(self._concerned(e, alone) for e in self.engagements)
        self.engagement_by_org = _positions(
            (org, i)
            for i, _ in engagements
            for direct in self.engagement_orgs[i]
            for org in ancestors[direct]
        )
        self.engagement_by_participant = _positions((e.participant, i) for i, e in engagements)
        self.engagement_by_role = _positions((e.role, i) for i, e in engagements)
        self.engagement_by_theme = _positions(
            (theme, i) for i, e in engagements for theme in self._themes(e)
        )
        self.engagement_by_year = _positions(
            (year, i) for i, e in engagements for year in engagement_years(e, self.by_id)
        )

    def citing(self, source: str) -> tuple[Entity, ...]:
        """Return the records that cite the source with id *source*, in entity order.

        This index is built on its first use: few programs ask it, and it would cost
        every load time and memory.
        """
        if self._citing is None:
            grouped: defaultdict[str, list[Entity]] = defaultdict(list)
            for entity in self.by_id.values():
                for cited in dict.fromkeys(c.source for c in citations(entity)):
                    grouped[cited].append(entity)
            self._citing = {cited: tuple(records) for cited, records in grouped.items()}
        return self._citing.get(source, ())

    def _ancestors(self, org: Organisation) -> tuple[str, ...]:
        """Return *org*'s id and the ids of every body it sits inside."""
        chain = [org.id]
        parent = org.parent
        while parent is not None:
            chain.append(parent)
            record = self.by_id[parent]
            assert isinstance(record, Organisation)  # noqa: S101 - validated before indexing
            parent = record.parent
        return tuple(chain)

    def _concerned(
        self, engagement: Engagement, alone: Mapping[str, tuple[str]]
    ) -> tuple[str, ...]:
        """Return the ids of the organisations *engagement* is held in.

        That is its target when the target is an organisation (as its tuple in
        *alone*, shared by every engagement held there), and the organisations of its
        event when the target is an event.
        """
        target = self.by_id[engagement.target]
        if isinstance(target, Organisation):
            return alone[target.id]
        if isinstance(target, Event):
            return target.organisations
        return ()

    def _themes(self, engagement: Engagement) -> tuple[Theme, ...]:
        target = self.by_id[engagement.target]
        assert isinstance(target, Organisation | Instrument | Event)  # noqa: S101 - validated
        return target.themes


def citations(entity: Entity) -> tuple[Citation, ...]:
    """Return every citation in *entity*, its offices' included."""
    if isinstance(entity, Source):
        return ()
    if isinstance(entity, Person):
        return entity.sources + tuple(c for office in entity.offices for c in office.sources)
    return entity.sources


def _event_order(event: Event) -> tuple[bool, str, str]:
    """Sort events chronologically by start, undated last, then by id."""
    start = event.start.isoformat() if event.start is not None else ""
    return (event.start is None, start, event.id)


_Key = TypeVar("_Key", bound=Hashable)


def _positions(pairs: Iterable[tuple[_Key, int]]) -> dict[_Key, tuple[int, ...]]:
    """Group positions by key, each group ascending and without repeats.

    *pairs* must come in ascending order of position. Tuples take a fraction of the
    memory of sets; queries intersect them by binary search.
    """
    grouped: defaultdict[_Key, list[int]] = defaultdict(list)
    for key, position in pairs:
        group = grouped[key]
        if not group or group[-1] != position:
            group.append(position)
    return {key: tuple(group) for key, group in grouped.items()}

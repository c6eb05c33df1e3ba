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

import itertools
import operator
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
from ._vocabulary import Role, Theme

__all__ = ["Index", "Tables", "attesting_years", "citations", "engagement_years", "event_years"]


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


def attesting_years(entities: Iterable[Entity]) -> dict[str, range]:
    """Map each dated event and dated source document to the years it shows.

    `engagement_years` reads an engagement's years from its target and its citations
    through this table.
    """
    years: dict[str, range] = {}
    for entity in entities:
        if isinstance(entity, Event) and entity.start is not None:
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

    def __init__(
        self,
        tables: Tables,
        *,
        sources: Iterable[Source],
        organisations: Iterable[Organisation],
        events: Iterable[Event],
        engagements: Iterable[Engagement],
    ) -> None:
        self.by_id = tables.by_id
        self.by_key = tables.by_key
        self._citing: dict[str, tuple[Entity, ...]] | None = None
        self.organisations = tuple(sorted(organisations, key=_organisation_order))
        self.events = tuple(sorted(events, key=_event_order))
        self.engagements = tuple(sorted(engagements, key=_id))
        # Numbered once, so that every index shares one int object per position.
        numbers = list(range(max(len(self.organisations), len(self.events), len(self.engagements))))
        organisations_ = list(zip(numbers, self.organisations, strict=False))
        events_ = list(zip(numbers, self.events, strict=False))
        self.organisation_position = {org.id: i for i, org in organisations_}
        ancestors = {org.id: self._ancestors(org) for org in self.organisations}

        # Each record's keys without repeats (a record may list a theme twice).
        self.organisation_by_theme = _finished(
            _group((i, theme) for i, org in organisations_ for theme in dict.fromkeys(org.themes))
        )
        self.event_by_theme = _finished(
            _group((i, theme) for i, event in events_ for theme in dict.fromkeys(event.themes))
        )
        self.event_by_year = _finished(
            _group((i, year) for i, event in events_ for year in event_years(event))
        )
        self.event_by_org = _finished(
            _group(
                (i, org)
                for i, event in events_
                for org in dict.fromkeys(
                    org for direct in event.organisations for org in ancestors[direct]
                )
            )
        )
        self._index_engagements(
            numbers, ancestors, attesting_years(itertools.chain(self.events, sources))
        )

    def _index_engagements(
        self,
        numbers: list[int],
        ancestors: Mapping[str, tuple[str, ...]],
        attesting: Mapping[str, range],
    ) -> None:
        """Build the engagement indexes.

        One pass groups the engagements by target, participant, role and year. The
        rest of what an engagement is filtered by (the organisations it is held in, with
        every body they sit inside, and the themes it deals with) comes from its target,
        which many engagements share: each organisation's and theme's positions are
        merged from the groups of the targets concerned, in C (`sorted` over `set`),
        not engagement by engagement.
        """
        engagements = self.engagements
        by_target: defaultdict[str, list[int]] = defaultdict(list)
        by_participant: defaultdict[str, list[int]] = defaultdict(list)
        by_role: defaultdict[Role, list[int]] = defaultdict(list)
        by_year: defaultdict[int, list[int]] = defaultdict(list)
        for i, engagement in zip(numbers, engagements, strict=False):
            by_target[engagement.target].append(i)
            by_participant[engagement.participant].append(i)
            by_role[engagement.role].append(i)
            for year in engagement_years(engagement, attesting):
                by_year[year].append(i)
        self.engagement_by_participant = _finished(by_participant)
        self.engagement_by_role = _finished(by_role)
        self.engagement_by_year = _finished(by_year)
        # The organisations an engagement is held in: its target when that is an
        # organisation (one shared tuple per body), or the organisations of its event.
        held_in: dict[str, tuple[str, ...]] = {org.id: (org.id,) for org in self.organisations}
        held_in.update((event.id, event.organisations) for event in self.events)
        targets = map(_target, engagements)
        self.engagement_orgs = tuple(map(held_in.get, targets, itertools.repeat(())))
        by_org: defaultdict[str, list[str]] = defaultdict(list)
        by_theme: defaultdict[Theme, list[str]] = defaultdict(list)
        for target in by_target:
            for org in dict.fromkeys(
                a for direct in held_in.get(target, ()) for a in ancestors[direct]
            ):
                by_org[org].append(target)
            record = self.by_id[target]
            assert isinstance(record, Organisation | Instrument | Event)  # noqa: S101 - validated
            for theme in dict.fromkeys(record.themes):
                by_theme[theme].append(target)
        self.engagement_by_org = _merged(by_org, by_target)
        self.engagement_by_theme = _merged(by_theme, by_target)

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


def citations(entity: Entity) -> tuple[Citation, ...]:
    """Return every citation in *entity*, its offices' included."""
    if isinstance(entity, Source):
        return ()
    if isinstance(entity, Person):
        return entity.sources + tuple(c for office in entity.offices for c in office.sources)
    return entity.sources


def _organisation_order(organisation: Organisation) -> tuple[str, str]:
    """Sort organisations by name, as lookups compare names, then by id."""
    return (name_key(organisation.name), organisation.id)


def _event_order(event: Event) -> tuple[bool, str, str]:
    """Sort events chronologically by start, undated last, then by id."""
    start = event.start.isoformat() if event.start is not None else ""
    return (event.start is None, start, event.id)


_Key = TypeVar("_Key", bound=Hashable)
_id = operator.attrgetter("id")
_target = operator.attrgetter("target")


def _group(pairs: Iterable[tuple[int, _Key]]) -> dict[_Key, list[int]]:
    """Group positions by key.

    *pairs* of position and key come in ascending position, each pair once, so each
    group is ascending and without repeats.
    """
    grouped: defaultdict[_Key, list[int]] = defaultdict(list)
    for position, key in pairs:
        grouped[key].append(position)
    return grouped


def _finished(grouped: Mapping[_Key, list[int]]) -> dict[_Key, tuple[int, ...]]:
    """Freeze grouped positions.

    Tuples take a fraction of the memory of sets; queries intersect them by binary search.
    """
    return {key: tuple(group) for key, group in grouped.items()}


def _merged(
    wanted: Mapping[_Key, list[str]], by_target: Mapping[str, list[int]]
) -> dict[_Key, tuple[int, ...]]:
    """Return for each key the ascending positions of every target *wanted* lists for it."""
    merged: dict[_Key, tuple[int, ...]] = {}
    for key, targets in wanted.items():
        if len(targets) == 1:
            merged[key] = tuple(by_target[targets[0]])
        else:
            merged[key] = tuple(
                sorted(set(itertools.chain.from_iterable(map(by_target.__getitem__, targets))))
            )
    return merged

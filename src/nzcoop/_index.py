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
from typing import TYPE_CHECKING, Any, TypeVar

from ._model import (
    RECORD_KINDS,
    Engagement,
    Entity,
    Event,
    Instrument,
    Organisation,
    Participant,
    Person,
    Source,
    citations,
)
from ._names import name_key, other_spellings, spellings
from ._vocabulary import Role, Theme

if TYPE_CHECKING:
    from ._suggestions import Suggestions

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

_PARENTS = {kind.cls: kind.parent for kind in RECORD_KINDS if kind.parent is not None}
"""The field naming the record each record of a class sits inside, for classes with one."""
_FOUND_LIMIT = 4096
"""How many names' answers `Index.find` keeps before it starts again."""
_QUALIFIED_WORDS = 24
"""The most words a name qualified by the names of the bodies around it is read for."""


class Index:
    """Lookup tables over one checked dataset's records; each unchanged once built.

    Tables only some queries need are built on their first use (`grouped`).

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
        self.other_keys = _other_keys(records, by_key)
        """The keys of the spellings lookups accept beyond the recorded ones (see
        `other_spellings`), each with its entity, or None where two entities share it."""
        self.organisations: tuple[Organisation, ...] = tuple(
            sorted(_of(records, Organisation), key=lambda o: (o.name.casefold(), o.id))
        )
        """The organisations by name (case-insensitively), then id."""
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
        self._groups: dict[tuple[type, str], dict[Any, Positions]] = {}
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
        self._suggestions: Suggestions[Entity] | None = None
        self._found: dict[str, Entity | None] = {}

    def grouped(self, cls: type, field: str) -> dict[Any, Positions]:
        """Return the positions of the records of *cls* by the value(s) of *field*.

        *field* may name a field of the records inside them (``offices.within``). Each
        table is built on first use, then kept: a load builds none of them.
        """
        if (cls, field) not in self._groups:
            self._groups[cls, field] = self._group_field(cls, field)
        return self._groups[cls, field]

    def find(self, name: str) -> Entity | None:
        """Return the entity *name* names, or None.

        That is the entity with a name of the same `name_key`, or with that id (as
        written, in any case, or its key); else the one with another spelling of that
        key (`other_spellings`: a country's code, a person's surname) where only one
        has; else a body named with the name of one it sits inside, before or after its
        own (``IOM Regional Office Bangkok``), or by two of its names together.

        Each name's answer is kept, so a name asked again is one dictionary lookup.
        """
        try:
            return self._found[name]
        except KeyError:
            pass
        found = self._find(name)
        if len(self._found) >= _FOUND_LIMIT:
            self._found.clear()
        self._found[name] = found
        return found

    def _find(self, name: str) -> Entity | None:
        key = name_key(name)
        found = (
            self.by_key.get(key)
            or self.by_id.get(key)
            or self.by_id.get(name)
            or self.by_id.get(name.strip().lower())
        )
        if found is None:
            found = self.other_keys.get(key) or self._qualified(key, {})
        return found

    def _qualified(self, key: str, seen: dict[str, Entity | None]) -> Entity | None:
        """Return the record *key* names with the names of a record it sits inside.

        Each way of cutting the key's words in two is tried, the record itself named
        after or before the one around it, which may itself be named so; or named by
        two of its own names (``Regional Support Office (RSO)``). *seen* holds the keys
        already tried, so that each is tried once.
        """
        if key in seen:
            return seen[key]
        seen[key] = None
        words = key.split("-")
        if len(words) > _QUALIFIED_WORDS:
            return None
        for cut in range(1, len(words)):
            first, last = name_key("-".join(words[:cut])), name_key("-".join(words[cut:]))
            for inner, outer in ((last, first), (first, last)):
                record = self.by_key.get(inner) or self.other_keys.get(inner)
                if record is None:
                    continue
                around = (
                    self.by_key.get(outer)
                    or self.other_keys.get(outer)
                    or self._qualified(outer, seen)
                )
                if around is record or (around is not None and self._inside(record, around.id)):
                    seen[key] = record
                    return record
        return None

    def _inside(self, record: Entity, around: str) -> bool:
        """Return whether *record* sits inside the record with id *around*, at any depth."""
        field = _PARENTS.get(type(record))
        if field is None:
            return False
        parent: str | None = getattr(record, field)
        walked: set[str] = set()
        while parent is not None and parent not in walked:  # a checked dataset has no loop
            if parent == around:
                return True
            walked.add(parent)
            parent = getattr(self.by_id[parent], field)
        return False

    def suggest(self, name: str, kinds: tuple[type, ...], limit: int = 3) -> tuple[str, ...]:
        """Return up to *limit* spellings of records of *kinds* close to *name*, best first.

        The index of every spelling's words is built on the first call: only a name
        that names nothing needs it, and every load would pay for it.
        """
        if self._suggestions is None:  # names (their keys) before ids, which rank them on ties
            from ._suggestions import Suggestions

            spelled = [*reversed(self.by_key.items()), *self.by_id.items()]
            self._suggestions = Suggestions(spelled)
        found = self._suggestions.suggest(name, lambda e: isinstance(e, kinds), limit)
        return tuple(_spelled(entity, name_key(spelling)) for spelling, entity in found)

    def _group_field(self, cls: type, field: str) -> dict[Any, Positions]:
        """Group the positions of the records of *cls* by the value(s) of *field*."""
        if "." in field:
            return _group(
                (i, value)
                for i, record in self._numbered(self.ordered[cls])
                for value in dict.fromkeys(_values(record, field.split(".")))
            )
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
        at_event = {event.id for event in self.events}
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


def _other_keys(
    records: Mapping[type, Sequence[Entity]], by_key: Mapping[str, Entity]
) -> dict[str, Entity | None]:
    """Map the keys of `other_spellings` no recorded spelling has to their entities.

    A key two entities share maps to None: it names neither.
    """
    found: dict[str, Entity | None] = {}
    for cls in (Participant, Person):
        for entity in records.get(cls, ()):
            for spelling in other_spellings(entity):
                key = name_key(spelling)
                if key not in by_key and found.setdefault(key, entity) is not entity:
                    found[key] = None
    return found


def _spelled(entity: Entity, key: str) -> str:
    """Return the spelling of *entity* whose key is *key*: a name, or else its id."""
    names = spellings(entity)
    return next((s for s in names[1:] if name_key(s) == key), entity.id)


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

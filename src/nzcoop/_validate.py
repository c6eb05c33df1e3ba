"""Whole-dataset checks: the problems that no single record can see by itself.

`check` looks at structured records of every kind at once and returns each problem it
finds (duplicate ids, references that do not resolve or resolve to the wrong kind,
names shared by two entities, dates out of order, records without citations), each
with the file and JSON path a data author would fix.

`passes` asks the same questions of a whole dataset at once, in bulk (set operations
and maps over attribute getters), without saying where anything is wrong. A dataset
loads after `passes` alone; only one that fails it is walked record by record by
`check`, to find what is wrong and where. `passes` must never be laxer than `check`,
and a test holds it to that.
"""

from __future__ import annotations

import datetime
import functools
import operator
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING

import attrs

from ._errors import Problem
from ._model import (
    Citation,
    Discrepancy,
    Engagement,
    Entity,
    Event,
    Figure,
    Instrument,
    Office,
    Organisation,
    Participant,
    Person,
    Place,
    Source,
    Term,
)
from ._names import closest, name_key

if TYPE_CHECKING:
    from ._index import Tables

__all__ = ["KIND_NAMES", "YEAR_FIELDS", "check", "kinds_phrase", "passes"]

KIND_NAMES: Mapping[type, str] = {
    Source: "source",
    Place: "place",
    Participant: "participant",
    Organisation: "organisation",
    Person: "person",
    Instrument: "instrument",
    Event: "event",
    Engagement: "engagement",
    Term: "term",
    Figure: "figure",
    Discrepancy: "discrepancy",
}
"""The word for each record class, as messages and the docs use it."""

_ANY: tuple[type, ...] = tuple(KIND_NAMES)
_HOLDERS = (Participant, Organisation, Person)

# For each record class, the fields that hold ids and the classes those ids may name.
_REFERENCES: Mapping[type, tuple[tuple[str, tuple[type, ...]], ...]] = {
    Source: (("ministers", (Person,)),),
    Place: (("country", (Participant,)),),
    Participant: (("part_of", (Participant,)),),
    Organisation: (("parent", (Organisation,)), ("area", (Participant,))),
    Instrument: (("parent", (Instrument,)), ("owner", (Organisation, Participant))),
    Event: (
        ("place", (Place,)),
        ("organisations", (Organisation,)),
        ("instruments", (Instrument,)),
    ),
    Engagement: (
        ("participant", _HOLDERS),
        ("target", (Organisation, Instrument, Event)),
        ("alongside", _HOLDERS),
    ),
    Term: (("defined_by", (Organisation,)),),
    Figure: (("subject", _ANY),),
    Discrepancy: (("subject", _ANY),),
}

# Fields that point to a record's parent, whose chains must not loop.
_PARENTS: Mapping[type, str] = {
    Organisation: "parent",
    Participant: "part_of",
    Instrument: "parent",
}

Located = tuple[str, str, Entity]
"""A record with the file stem it came from and its JSON path."""


def check(
    records: Mapping[str, Sequence[Entity]], unstructured_ids: frozenset[str] = frozenset()
) -> list[Problem]:
    """Return every problem in *records*, a mapping of file stem to that file's records.

    *unstructured_ids* are the ids of records that could not be structured: references to
    them are not reported again as unknown.
    """
    located = [
        (stem, f"{stem}[{index}]", record)
        for stem, group in records.items()
        for index, record in enumerate(group)
    ]
    by_id: dict[str, Located] = {}
    problems: list[Problem] = []
    for stem, path, record in located:
        if record.id in by_id:
            first = by_id[record.id][1]
            problems.append(
                Problem(
                    f"{stem}.json",
                    f"{path}.id",
                    f"duplicate id {record.id!r}, first used at {first}.id",
                )
            )
        else:
            by_id[record.id] = (stem, path, record)
    entities = {key: entry[2] for key, entry in by_id.items()}
    for stem, path, record in located:
        problems.extend(
            Problem(f"{stem}.json", where, message)
            for where, message in _record_problems(path, record, entities, unstructured_ids)
        )
    problems.extend(_name_problems(located))
    problems.extend(_loop_problems(located, entities))
    return problems


def _record_problems(
    path: str, record: Entity, entities: Mapping[str, Entity], unstructured: frozenset[str]
) -> Iterator[tuple[str, str]]:
    yield from _text_problems(path, record)
    yield from _references_problems(path, record, entities, unstructured)
    if isinstance(record, Person):
        for index, office in enumerate(record.offices):
            where = f"{path}.offices[{index}]"
            for field in YEAR_FIELDS[Office]:
                message = _year_problem(field, getattr(office, field))
                if message:
                    yield f"{where}.{field}", message
            if office.within is not None:
                message = _reference_problem(
                    office.within, (Organisation, Participant), entities, unstructured
                )
                if message:
                    yield f"{where}.within", message
            yield from _citation_problems(where, office.sources, entities, unstructured)
    yield from _date_problems(path, record)
    if not isinstance(record, Source):
        yield from _citation_problems(path, record.sources, entities, unstructured)
        if isinstance(record, Discrepancy) and len(record.sources) == 1:
            yield (
                f"{path}.sources",
                "a discrepancy needs at least two citations, one for each claim; found 1",
            )


def _references_problems(
    path: str, record: Entity, entities: Mapping[str, Entity], unstructured: frozenset[str]
) -> Iterator[tuple[str, str]]:
    # Paths are formatted only for problems: most references are fine.
    for field, allowed in _REFERENCES.get(type(record), ()):
        value = getattr(record, field)
        if isinstance(value, str):
            message = _reference_problem(value, allowed, entities, unstructured)
            if message:
                yield f"{path}.{field}", message
            continue
        for index, ref in enumerate(value or ()):
            message = _reference_problem(ref, allowed, entities, unstructured)
            if message:
                yield f"{path}.{field}[{index}]", message


def _text_problems(path: str, record: Entity) -> Iterator[tuple[str, str]]:
    for field in ("id", "name"):
        value: str = getattr(record, field)
        if not value.strip():
            yield f"{path}.{field}", f"{field} must not be empty"
        elif value != value.strip():
            yield f"{path}.{field}", f"{field} {value!r} has leading or trailing whitespace"
    for index, name in enumerate(record.names):
        if not name.value.strip():
            yield f"{path}.names[{index}].value", "name must not be empty"


def _citation_problems(
    path: str,
    citations: tuple[Citation, ...],
    entities: Mapping[str, Entity],
    unstructured: frozenset[str],
) -> Iterator[tuple[str, str]]:
    if not citations:
        yield f"{path}.sources", "no citations; every record needs at least one"
    for index, citation in enumerate(citations):
        message = _reference_problem(citation.source, (Source,), entities, unstructured)
        if message:
            yield f"{path}.sources[{index}].source", message
        if not citation.quote.strip():
            yield f"{path}.sources[{index}].quote", "quote must not be empty"


YEAR_FIELDS: Mapping[type, tuple[str, ...]] = {
    Engagement: ("since", "until"),
    Instrument: ("valid_from", "valid_until"),
    Figure: ("as_of",),
    Office: ("year",),
}
"""The fields that hold a year, each from `datetime.MINYEAR` to `datetime.MAXYEAR`."""

# The pairs of fields that must be in order.
_SPANS: Mapping[type, tuple[str, str]] = {
    Event: ("start", "end"),
    Engagement: ("since", "until"),
    Instrument: ("valid_from", "valid_until"),
}


def _date_problems(path: str, record: Entity) -> Iterator[tuple[str, str]]:
    for field in YEAR_FIELDS.get(type(record), ()):
        message = _year_problem(field, getattr(record, field))
        if message:
            yield f"{path}.{field}", message
    if type(record) not in _SPANS:
        return
    first_field, last_field = _SPANS[type(record)]
    first, last = getattr(record, first_field), getattr(record, last_field)
    if isinstance(record, Event) and (first is None) != (last is None):
        missing = last_field if last is None else first_field
        yield f"{path}.{missing}", "start and end must both be dates or both be null"
    elif isinstance(record, Event) and (first is None) != (record.precision is None):
        yield f"{path}.precision", "precision must be null exactly when start and end are"
    elif first is not None and last is not None and last < first:
        yield f"{path}.{last_field}", f"{last_field} {last} is before {first_field} {first}"


def _year_problem(field: str, year: int | None) -> str | None:
    """Say what is wrong with *year*, a year that must lie in 1 to 9999, if anything."""
    if year is None or datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    return f"{field} {year} is not a year from {datetime.MINYEAR} to {datetime.MAXYEAR}"


def kinds_phrase(kinds: Sequence[type], *, article: bool = True) -> str:
    """Name record classes for a message: ``a participant, an organisation or a person``.

    >>> kinds_phrase([Organisation])
    'an organisation'
    >>> kinds_phrase([Participant, Person], article=False)
    'participant or person'
    >>> kinds_phrase(list(KIND_NAMES))
    'a record'
    """
    words = ["record"] if len(kinds) == len(KIND_NAMES) else [KIND_NAMES[k] for k in kinds]
    if article:
        words = [_article(word) for word in words]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _reference_problem(
    ref: str,
    allowed: tuple[type, ...],
    entities: Mapping[str, Entity],
    unstructured: frozenset[str],
) -> str | None:
    target = entities.get(ref)
    if isinstance(target, allowed):
        return None
    wanted = kinds_phrase(allowed)
    if target is None:
        if ref in unstructured:
            return None
        candidates = [key for key, entity in entities.items() if isinstance(entity, allowed)]
        suggestions = closest(ref, candidates)
        hint = f" (did you mean {suggestions[0]!r}?)" if suggestions else ""
        return f"unknown id {ref!r}; expected the id of {wanted}{hint}"
    return f"{ref!r} is {_article(KIND_NAMES[type(target)])}; expected {wanted}"


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _name_problems(located: Sequence[Located]) -> Iterator[Problem]:
    owners: dict[str, tuple[str, str, str]] = {}  # name key: id, record path, field
    for stem, path, record in located:
        spelled = [(".id", record.id), (".name", record.name)]
        spelled += [(f".names[{i}].value", name.value) for i, name in enumerate(record.names)]
        for field, value in spelled:
            key = name_key(value)
            owner, first, first_field = owners.setdefault(key, (record.id, path, field))
            if key and owner != record.id:
                yield Problem(
                    f"{stem}.json",
                    path + field,
                    f"the name {value!r} also names {owner!r} (at {first}{first_field}); "
                    "a name or id must identify one entity",
                )


def _loop_problems(located: Sequence[Located], entities: Mapping[str, Entity]) -> Iterator[Problem]:
    for stem, path, record in located:
        field = _PARENTS.get(type(record))
        if field is None:
            continue
        seen = {record.id}
        current: object = getattr(record, field)
        while isinstance(current, str) and current in entities:
            if current in seen:
                yield Problem(
                    f"{stem}.json",
                    f"{path}.{field}",
                    f"the {field} chain of {record.id!r} loops back through {current!r}",
                )
                break
            seen.add(current)
            current = getattr(entities[current], field, None)


_ids = operator.attrgetter("id")
_names = operator.attrgetter("name")
_other_names = operator.attrgetter("names")
_name_values = operator.attrgetter("value")
_sources = operator.attrgetter("sources")
_cited = operator.attrgetter("source")
_quotes = operator.attrgetter("quote")
_offices = operator.attrgetter("offices")
_given = functools.partial(operator.is_not, None)


def passes(groups: Mapping[type, Sequence[Entity]], tables: Tables) -> bool:
    """Return whether `check` would find no problem in *groups*, asked in bulk.

    *groups* maps each record class to its records, all of exactly that class, and
    *tables* are those of every record in *groups*. False means only that `check` must
    look closer; it is False for every dataset in which `check` finds a problem.
    """
    if sum(map(len, groups.values())) != len(tables.by_id) or not tables.names_unique:
        return False  # an id used twice, or a name shared
    ids = {kind: frozenset(map(_ids, group)) for kind, group in groups.items()}
    return all(
        _texts_pass(group)
        and _references_pass(kind, group, ids, tables.by_id)
        and _dates_pass(kind, group)
        and (kind is Source or _citations_pass(kind, map(_sources, group), ids))
        and (kind is not Person or _offices_pass(group, ids))
        and (kind not in _PARENTS or _acyclic(group, _PARENTS[kind]))
        for kind, group in groups.items()
    )


def _texts_pass(group: Sequence[Entity]) -> bool:
    for texts in (list(map(_ids, group)), list(map(_names, group))):
        if not all(texts) or list(map(str.strip, texts)) != texts:
            return False
    names = chain.from_iterable(map(_other_names, group))
    return all(map(str.strip, map(_name_values, names)))


def _ids_of(kinds: tuple[type, ...], ids: Mapping[type, frozenset[str]]) -> frozenset[object]:
    """Return the ids of records of *kinds*, and None (a reference left empty)."""
    return frozenset((None,)).union(*(ids.get(kind, ()) for kind in kinds))


def _references_pass(
    kind: type,
    group: Sequence[Entity],
    ids: Mapping[type, frozenset[str]],
    by_id: Mapping[str, Entity],
) -> bool:
    for field, allowed in _REFERENCES.get(kind, ()):
        values = list(map(operator.attrgetter(field), group))
        if typing.get_origin(attrs.fields_dict(kind)[field].type) is tuple:  # of ids
            values = list(chain.from_iterable(values))
        known: Callable[[object], bool] = (
            by_id.__contains__ if allowed == _ANY else _ids_of(allowed, ids).__contains__
        )
        if not all(map(known, values)):
            return False
    return True


def _dates_pass(kind: type, group: Sequence[Entity]) -> bool:
    for field in YEAR_FIELDS.get(kind, ()):
        years: list[int] = list(filter(_given, map(operator.attrgetter(field), group)))
        if not _years_pass(years):
            return False
    if kind not in _SPANS:
        return True
    first, last = _SPANS[kind]
    firsts, lasts = map(operator.attrgetter(first), group), map(operator.attrgetter(last), group)
    spans = zip(firsts, lasts, strict=True)
    if kind is Event:
        precisions = map(operator.attrgetter("precision"), group)
        return all(
            (start is None) == (end is None) == (precision is None)
            and (start is None or start <= end)
            for (start, end), precision in zip(spans, precisions, strict=True)
        )
    return all(start is None or end is None or start <= end for start, end in spans)


def _years_pass(years: list[int]) -> bool:
    return not years or datetime.MINYEAR <= min(years) <= max(years) <= datetime.MAXYEAR


def _citations_pass(
    kind: type, cited: Iterable[tuple[Citation, ...]], ids: Mapping[type, frozenset[str]]
) -> bool:
    groups = list(cited)
    if not all(groups) or (kind is Discrepancy and min(map(len, groups), default=2) < 2):  # noqa: PLR2004
        return False
    citations = list(chain.from_iterable(groups))
    return ids.get(Source, frozenset()).issuperset(map(_cited, citations)) and all(
        map(str.strip, map(_quotes, citations))
    )


def _offices_pass(people: Sequence[Entity], ids: Mapping[type, frozenset[str]]) -> bool:
    offices: list[Office] = list(chain.from_iterable(map(_offices, people)))
    within = _ids_of((Organisation, Participant), ids)
    return (
        all(
            _years_pass(list(filter(_given, map(operator.attrgetter(field), offices))))
            for field in YEAR_FIELDS[Office]
        )
        and all(office.within in within for office in offices)
        and _citations_pass(Office, map(_sources, offices), ids)
    )


def _acyclic(group: Sequence[Entity], field: str) -> bool:
    """Return whether no chain of *field* (a parent id) in *group* loops."""
    parents = map(operator.attrgetter(field), group)
    parent_of: dict[object, object] = dict(zip(map(_ids, group), parents, strict=True))
    done: set[object] = set()
    for start in parent_of:
        trail: set[object] = set()
        node: object = start
        while node in parent_of and node not in done:
            if node in trail:
                return False
            trail.add(node)
            node = parent_of[node]
        done |= trail
    return True

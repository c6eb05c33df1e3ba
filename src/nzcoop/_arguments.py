"""Query arguments checked and normalised, with errors that say what was expected."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeVar

from ._checks import describe_kinds
from ._errors import ArgumentTypeError, InvalidArgumentError, UnknownNameError
from ._index import Index
from ._model import Entity
from ._names import closest, name_key, spellings

__all__ = ["coerce_enum", "coerce_flag", "coerce_year", "resolve", "resolve_id"]

_Member = TypeVar("_Member", bound=enum.Enum)
_Record = TypeVar("_Record")


def coerce_enum(value: object, vocabulary: type[_Member], argument: str) -> _Member | None:
    """Return *value* as a member of *vocabulary*: a member, its string value, or None."""
    if value is None or isinstance(value, vocabulary):
        return value
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"{argument} must be a {vocabulary.__name__}, its string value or None, "
            f"not {type(value).__name__} ({value!r})"
        )
    try:
        return vocabulary(value)
    except ValueError:
        valid = ", ".join(repr(member.value) for member in vocabulary)
        raise InvalidArgumentError(
            f"unknown {argument} {value!r}; expected one of: {valid}"
        ) from None


def coerce_year(value: object) -> int | None:
    """Return *value* as a year: an int (never a bool) or None."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ArgumentTypeError(f"year must be an int or None, not {type(value).__name__} ({value!r})")


def coerce_flag(value: object, argument: str) -> bool | None:
    """Return *value* as a flag: True, False or None."""
    if value is None or isinstance(value, bool):
        return value
    raise ArgumentTypeError(
        f"{argument} must be True, False or None, not {type(value).__name__} ({value!r})"
    )


def resolve(index: Index, name: object, kinds: tuple[type[_Record], ...], argument: str) -> _Record:
    """Return the entity of one of *kinds* that *name* (an id, a name or an entity) names."""
    if isinstance(name, kinds) and isinstance(name, Entity):
        if index.by_id.get(name.id) == name:
            return name  # type: ignore[return-value] # narrowed by isinstance above
        raise UnknownNameError(
            f"{argument}: {name.id!r} is not a record of this dataset", name.id, ()
        )
    if not isinstance(name, str):
        raise ArgumentTypeError(
            f"{argument} must be a name, an id or a record ({describe_kinds(kinds)}), "
            f"not {type(name).__name__} ({name!r})"
        )
    entity = index.by_key.get(name_key(name))
    if isinstance(entity, kinds):
        return entity
    suggestions = closest(name, _spellings_of(index.by_id.values(), kinds))
    hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
    if entity is None:
        wanted = describe_kinds(kinds, article=False)
        message = f"{argument}: no {wanted} is named {name!r}{hint}"
    else:
        found = describe_kinds([type(entity)])
        wanted = describe_kinds(kinds)
        message = f"{argument}: {name!r} names {found} ({entity.name!r}), not {wanted}{hint}"
    raise UnknownNameError(message, name, suggestions)


def resolve_id(
    index: Index, name: object, kinds: tuple[type[Entity], ...], argument: str
) -> str | None:
    """Return the id of the entity *name* names, or None when *name* is None."""
    if name is None:
        return None
    entity: Entity = resolve(index, name, kinds, argument)
    return entity.id


def _spellings_of(entities: Iterable[Entity], kinds: tuple[type, ...]) -> list[str]:
    """Return the names (not the ids) of the *entities* of *kinds*."""
    return [
        spelling
        for entity in entities
        if isinstance(entity, kinds)
        for spelling in spellings(entity)[1:]
    ]

"""Query arguments checked and normalised, with errors that say what was expected."""

from __future__ import annotations

import enum
import typing
from typing import TypeVar

from ._checks import describe_kinds
from ._errors import ArgumentTypeError, InvalidArgumentError, UnknownNameError
from ._index import Index
from ._model import Entity
from ._names import name_key

__all__ = ["coerce_enum", "coerce_flag", "coerce_year", "find", "resolve", "resolve_id"]

_Member = TypeVar("_Member", bound=enum.Enum)
_Record = TypeVar("_Record")


def coerce_enum(value: object, vocabulary: type[_Member], argument: str) -> _Member | None:
    """Return *value* as a member of *vocabulary*: a member, its string value, or None.

    A string is compared as names are (`name_key`): ``"Co-Chair"``, ``"co chair"`` and
    ``"CO_CHAIR"`` are all `Role.CO_CHAIR`.
    """
    if value is None or isinstance(value, vocabulary):
        return value
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"{argument} must be a {vocabulary.__name__}, its string value or None, "
            f"not {type(value).__name__} ({value!r})"
        )
    exact = vocabulary._value2member_map_.get(value)  # the enum's own table: most often
    if exact is not None:
        return typing.cast("_Member", exact)
    members = _members(vocabulary)
    member = members.get(name_key(value))
    if member is not None:
        return member
    from ._suggestions import Suggestions  # only a value that is not valid needs it

    close = Suggestions(members.items()).suggest(value, limit=len(members))
    ordered = dict.fromkeys([*(found for _, found in close), *vocabulary])
    valid = ", ".join(repr(found.value) for found in ordered)
    raise InvalidArgumentError(f"unknown {argument} {value!r}; expected one of: {valid}")


def _members(vocabulary: type[_Member]) -> dict[str, _Member]:
    """Return the members of *vocabulary* by the key of their value and of their name."""
    if vocabulary not in _MEMBERS:
        _MEMBERS[vocabulary] = {
            name_key(text): member
            for member in vocabulary
            for text in (member.name, str(member.value))
        }
    return typing.cast("dict[str, _Member]", _MEMBERS[vocabulary])


_MEMBERS: dict[type[enum.Enum], dict[str, enum.Enum]] = {}
"""Each vocabulary's members by key, made on its first use (the enums never change)."""


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


def find(
    index: Index, name: object, kinds: tuple[type[_Record], ...], argument: str
) -> _Record | None:
    """Return the entity of one of *kinds* that *name* (an id, a name or an entity) names.

    Returns None when it names none (a record given is found only when it is this
    dataset's own). Raises `ArgumentTypeError` when *name* is neither a string nor a
    record of *kinds*.
    """
    if isinstance(name, kinds) and isinstance(name, Entity):
        return name if index.by_id.get(name.id) == name else None  # type: ignore[return-value] # narrowed by isinstance above
    if not isinstance(name, str):
        raise ArgumentTypeError(
            f"{argument} must be a name, an id or a record ({describe_kinds(kinds)}), "
            f"not {type(name).__name__} ({name!r})"
        )
    entity = index.find(name)
    return entity if isinstance(entity, kinds) else None


def resolve(index: Index, name: object, kinds: tuple[type[_Record], ...], argument: str) -> _Record:
    """Return the entity of one of *kinds* that *name* names, or raise `UnknownNameError`.

    The error suggests the closest names of records of *kinds*.
    """
    found = find(index, name, kinds, argument)
    if found is not None:
        return found
    if isinstance(name, Entity):
        raise UnknownNameError(
            f"{argument}: {name.id!r} is not a record of this dataset", name.id, ()
        )
    text = typing.cast("str", name)
    suggestions = index.suggest(text, kinds)
    hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
    entity = index.find(text)
    if entity is None:
        wanted = describe_kinds(kinds, article=False)
        message = f"{argument}: no {wanted} is named {text!r}{hint}"
    else:
        found_kind = describe_kinds([type(entity)])
        wanted = describe_kinds(kinds)
        message = f"{argument}: {text!r} names {found_kind} ({entity.name!r}), not {wanted}{hint}"
    raise UnknownNameError(message, text, suggestions)


def resolve_id(
    index: Index, name: object, kinds: tuple[type[Entity], ...], argument: str
) -> str | None:
    """Return the id of the entity *name* names, or None when *name* is None."""
    if name is None:
        return None
    entity: Entity = resolve(index, name, kinds, argument)
    return entity.id

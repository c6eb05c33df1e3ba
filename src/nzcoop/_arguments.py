"""Query arguments other than names checked and normalised: vocabularies, years, flags.

Each error says what was given and what would be right. (`nzcoop._names` resolves the
arguments that name records.)
"""

from __future__ import annotations

import enum
import typing
from typing import TypeVar

from ._dates import Years
from ._errors import ArgumentTypeError, InvalidArgumentError, shown
from ._names import name_key
from ._vocabulary import Vocabulary

__all__ = ["coerce_enum", "coerce_flag", "coerce_years"]

_Member = TypeVar("_Member", bound=Vocabulary)


def coerce_enum(value: object, vocabulary: type[_Member], argument: str) -> _Member | None:
    """Return *value* as a member of *vocabulary*: a member, its string value, or None.

    A string is compared as names are (`name_key`): ``"Co-Chair"``, ``"co chair"`` and
    ``"CO_CHAIR"`` are all `Role.CO_CHAIR`.
    """
    if value is None or isinstance(value, vocabulary):
        return value
    if not isinstance(value, str) or isinstance(value, enum.Enum):  # another vocabulary's
        raise ArgumentTypeError(
            f"{argument} must be a {vocabulary.__name__}, its string value or None, "
            f"not {type(value).__name__} ({shown(value)})"
        )
    exact = vocabulary._value2member_map_.get(value)  # the enum's own table: most often
    if exact is not None:
        return typing.cast("_Member", exact)
    members = _members(vocabulary)
    member = members.get(name_key(value))
    if member is not None:
        return member
    from ._suggestions import Suggestions  # only a value that is not valid needs it

    close = Suggestions(members.items(), name_key).suggest(value, limit=len(members))
    ordered = dict.fromkeys([*(found for _, found in close), *vocabulary])
    valid = ", ".join(repr(found.value) for found in ordered)
    raise InvalidArgumentError(f"unknown {argument} {shown(value)}; expected one of: {valid}")


def _members(vocabulary: type[_Member]) -> dict[str, _Member]:
    """Return the members of *vocabulary* by the key of their value and of their name."""
    if vocabulary not in _MEMBERS:
        _MEMBERS[vocabulary] = {
            name_key(text): member
            for member in vocabulary
            for text in (member.name, str(member.value))
        }
    return typing.cast("dict[str, _Member]", _MEMBERS[vocabulary])


_MEMBERS: dict[type[Vocabulary], dict[str, Vocabulary]] = {}
"""Each vocabulary's members by key, made on its first use (the enums never change)."""


def coerce_years(year: object, years: object) -> Years | None:
    """Return *year* or *years* as the range of years they ask for, or None for neither.

    *year* is an int (never a bool); *years* a pair of a first and a last year, either
    of which may be None (an open end), in order.
    """
    if year is not None:
        if years is not None:
            message = f"give year or years, not both (year={shown(year)}, years={shown(years)})"
            raise InvalidArgumentError(message)
        single = _year(year, "year")
        return Years(single, single)
    if years is None:
        return None
    if not isinstance(years, tuple) or len(years) != 2:  # noqa: PLR2004 - a first and a last
        raise ArgumentTypeError(
            "years must be a pair of years (first, last), either of which may be None, "
            f"not {type(years).__name__} ({shown(years)})"
        )
    first, last = (
        None if value is None else _year(value, f"years[{position}]")
        for position, value in enumerate(years)
    )
    if first is not None and last is not None and last < first:
        raise InvalidArgumentError(f"years {shown(years)} end before they begin")
    return Years(first, last)


def _year(value: object, argument: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ArgumentTypeError(
        f"{argument} must be an int or None, not {type(value).__name__} ({shown(value)})"
    )


def coerce_flag(value: object, argument: str) -> bool | None:
    """Return *value* as a flag: True, False or None."""
    if value is None or isinstance(value, bool):
        return value
    raise ArgumentTypeError(
        f"{argument} must be True, False or None, not {type(value).__name__} ({shown(value)})"
    )

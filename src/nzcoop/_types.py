"""Whether records built in Python hold values of the types their classes declare.

attrs does not check the types of the values a record is built with, so a `Dataset`
made from records built in code (not loaded from JSON, which the converter checks
strictly) could hold ``name=5`` or ``themes=None``, and fail later with an error that
says nothing of where. `type_problems` finds such values before anything else looks at
them. It asks in bulk first (the set of types found in each field of every record of a
class), and walks record by record only to say where something is wrong.

Types are matched exactly, as the converter matches JSON: a `bool` is not an `int`, and
a list is not a tuple.
"""

from __future__ import annotations

import functools
import itertools
import operator
import types
import typing
from collections.abc import Iterator, Sequence

import attrs

from ._errors import Problem

__all__ = ["class_problems", "type_problems"]


def class_problems(stem: str, kind: type, records: Sequence[object]) -> Iterator[Problem]:
    """Yield a problem for each of *records* that is not exactly a *kind*.

    *stem* names the data file the records belong to, for the problems' places.
    """
    if all(type(record) is kind for record in records):
        return
    for position, record in enumerate(records):
        if type(record) is not kind:  # a subclass could break what the checks assume
            message = f"expected {kind.__name__}, found {type(record).__name__}"
            yield Problem(f"{stem}.json", f"{stem}[{position}]", message)


def type_problems(stem: str, kind: type, records: Sequence[object]) -> Iterator[Problem]:
    """Yield `class_problems`; if there are none, a problem for each misfit field.

    A misfit field holds a value that is not of the type its class declares.
    """
    problems = list(class_problems(stem, kind, records))
    if problems:
        yield from problems
    elif not _records_fit(records, kind):
        for position, record in enumerate(records):
            for where, message in _misfits(record, kind, f"{stem}[{position}]"):
                yield Problem(f"{stem}.json", where, message)


def _records_fit(records: Sequence[object], kind: type) -> bool:
    """Tell whether every field of every one of *records* (all *kind*) has its type."""
    return all(
        _values_fit(list(map(operator.attrgetter(name), records)), type_)
        for name, type_ in _fields(kind)
    )


def _values_fit(values: list[object], type_: object) -> bool:
    """Tell whether every one of *values* is of the declared type *type_*, asked in bulk."""
    allowed, items = _shape(type_)
    found = set(map(type, values))
    if not found <= allowed:
        return False
    if items is not None:  # tuple[X, ...]: each item a X
        tuples = typing.cast("list[tuple[object, ...]]", values)
        return _values_fit(list(itertools.chain.from_iterable(tuples)), items)
    return all(
        _records_fit([value for value in values if type(value) is kind], kind)
        for kind in found
        if attrs.has(kind)
    )


def _misfits(value: object, type_: object, path: str) -> Iterator[tuple[str, str]]:
    """Yield the place and the problem of each value in *value* not of its declared type."""
    allowed, items = _shape(type_)
    if type(value) not in allowed:
        expected = " or ".join(map(_type_name, sorted(allowed, key=_none_last)))
        yield path, f"expected {expected}, found {_type_name(type(value))}"
    elif items is not None:
        for index, item in enumerate(typing.cast("tuple[object, ...]", value)):
            yield from _misfits(item, items, f"{path}[{index}]")
    elif attrs.has(type(value)):
        for name, field_type in _fields(type(value)):
            yield from _misfits(getattr(value, name), field_type, f"{path}.{name}")


def _fields(kind: type) -> tuple[tuple[str, object], ...]:
    return tuple((field.name, field.type) for field in attrs.fields(kind))


@functools.cache
def _shape(type_: object) -> tuple[frozenset[type], object | None]:
    """Return the classes a value of *type_* may have, and for a tuple its items' type."""
    if typing.get_origin(type_) is tuple:  # the records declare only tuple[X, ...]
        return frozenset({tuple}), typing.get_args(type_)[0]
    if isinstance(type_, types.UnionType):  # X | None
        return frozenset(typing.get_args(type_)), None
    return frozenset({typing.cast("type", type_)}), None


def _type_name(kind: type) -> str:
    return "None" if kind is type(None) else kind.__name__


def _none_last(kind: type) -> tuple[bool, str]:
    return (kind is type(None), kind.__name__)

"""The one cattrs converter that turns JSON values into records and back.

It is strict: unknown keys, missing keys, a number where a string belongs, a string
where a list belongs and a bool where an int belongs are all rejected, so a typo in a
data file fails loudly with the path of the bad field instead of loading quietly.

This module imports cattrs, so it is imported only when data is first loaded.
"""

from __future__ import annotations

import datetime
import enum
import sys
import typing

import attrs
import cattrs

__all__ = ["converter", "describe"]


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {describe(value)}")
    # Ids recur in every reference to them, headings in every citation: interned, each
    # is held once however often the data repeats it.
    return sys.intern(value)


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, found {describe(value)}")
    return value


def _structure_date(value: object, _: type) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError(f"expected a date as a 'YYYY-MM-DD' string, found {describe(value)}")
    try:
        if len(value) == len("YYYY-MM-DD") and value[4] == value[7] == "-":
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass  # not a real date, such as 2013-02-30
    raise ValueError(f"expected a date as 'YYYY-MM-DD', found {value!r}")


def _enum_hook(cls: type[enum.Enum]) -> typing.Callable[[object, object], enum.Enum]:
    """Return the hook for an enum: one of its string values, looked up in a table."""
    members: dict[object, enum.Enum] = {member.value: member for member in cls}

    def structure_enum(value: object, _: object) -> enum.Enum:
        member = members.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
        valid = ", ".join(map(repr, members))
        if not isinstance(value, str):
            raise TypeError(f"expected one of {valid}, found {describe(value)}")
        raise ValueError(f"expected one of {valid}, found {value!r}")

    return structure_enum


def _is_variadic_tuple(cls: object) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


_JSON_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (type(None), "null"),
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "a string"),
    ((list, tuple), "a list"),
    (dict, "an object"),
)


def describe(value: object) -> str:
    """Name a JSON value's type the way a JSON author would.

    >>> describe(None), describe(True), describe([])
    ('null', 'a boolean', 'a list')
    """
    for types, word in _JSON_TYPES:
        if isinstance(value, types):
            return word
    return type(value).__name__


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook_factory(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), _enum_hook
    )

    conv.register_structure_hook_factory(_is_variadic_tuple, lambda cls: _tuple_hook(conv, cls))
    conv.register_structure_hook_factory(attrs.has, lambda cls: _record_hook(conv, cls))
    return conv


_Hook = typing.Callable[[object, typing.Any], object]


def _tuple_hook(conv: cattrs.Converter, cls: type) -> _Hook:
    """Return the hook for ``tuple[X, ...]``: a JSON list, each item structured as X."""
    (item_type, _) = typing.get_args(cls)
    structure_item = conv.get_structure_hook(item_type)

    def structure_tuple(value: object, _: object) -> tuple[object, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, found {describe(value)}")
        errors: list[Exception] = []
        items: list[object] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected, raised as one group
                exc.add_note(cattrs.IterableValidationNote(f"index {index}", index, item_type))
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    return structure_tuple


def _record_hook(conv: cattrs.Converter, cls: type) -> _Hook:
    """Return the hook for an attrs record: a JSON object with exactly its fields.

    It walks the fields in a loop rather than compiling a function per class as
    `cattrs.gen` does: loading reads each class's records once, so the compile would
    cost more than it saves. Errors are cattrs' own validation errors, so
    `cattrs.transform_error` gives each one its JSON path.
    """
    # The record modules do not postpone annotations, so each field's type is a type,
    # not a string that `typing.get_type_hints` would have to evaluate (milliseconds).
    fields = tuple((field.name, field.type) for field in attrs.fields(cls))
    expected = frozenset(name for name, _ in fields)
    plan: list[tuple[str, object, _Hook]] = []  # filled on first use: hooks may recurse

    def structure_record(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, found {describe(value)}")
        if not plan:
            plan.extend((name, type_, conv.get_structure_hook(type_)) for name, type_ in fields)
        if len(value) == len(plan):
            try:  # the fast path, for a record without mistakes
                return cls(*[structure(value[name], type_) for name, type_, structure in plan])
            except Exception:  # noqa: BLE001, S110 - the careful pass below says what failed
                pass
        raise _record_errors(value, cls, plan, expected)

    return structure_record


def _record_errors(
    value: dict[str, object],
    cls: type,
    plan: list[tuple[str, object, _Hook]],
    expected: frozenset[str],
) -> cattrs.ClassValidationError:
    """Structure *value* field by field, and return every error found as one group."""
    errors: list[Exception] = []
    for name, type_, structure in plan:
        try:
            structure(value[name], type_)
        except Exception as exc:  # noqa: BLE001 - collected, raised as one group
            exc.add_note(cattrs.AttributeValidationNote(f"attribute {name}", name, type_))
            errors.append(exc)
    extra = value.keys() - expected
    if extra:
        errors.append(cattrs.ForbiddenExtraKeysError("", cls, extra))
    return cattrs.ClassValidationError(f"While structuring {cls.__name__}", errors, cls)


converter = _make_converter()

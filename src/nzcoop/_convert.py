"""The one cattrs converter that turns JSON values into records and back.

It is strict: unknown keys, missing keys, a number where a string belongs, a string
where a list belongs and a bool where an int belongs are all rejected, so a typo in a
data file fails loudly with the path of the bad field instead of loading quietly.

This module imports cattrs, so it is imported only when data is first loaded.
"""

from __future__ import annotations

import datetime
import enum
import operator
import sys
import typing

import attrs
import cattrs

__all__ = ["UNIQUE_TEXT", "RecordHook", "converter", "describe"]


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
    conv.register_structure_hook_factory(attrs.has, lambda cls: RecordHook(conv, cls))
    return conv


_Hook = typing.Callable[[object, typing.Any], object]
_Quick = typing.Callable[[typing.Any], object]


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


class RecordHook:
    """The hook for an attrs record: a JSON object with exactly the record's fields.

    A record is structured twice over only when something is wrong with it.
    `quickly` builds it from one-argument functions, C built-ins where it can
    (`sys.intern` for a string, or `str.__str__` for one of `UNIQUE_TEXT`, and a dict
    lookup for an enum), and raises at the first mistake without saying what it was.
    `carefully` structures each field with the converter's own hook, collecting every
    error as cattrs' validation errors, so that `cattrs.transform_error` gives each one
    its JSON path. `quickly` is never laxer than `carefully`, and a test holds it to
    that.

    It walks the fields in a loop rather than compiling a function per class as
    `cattrs.gen` does: compiling costs about 0.4 ms a class, more than the packaged
    data's first query can spare.
    """

    __slots__ = ("_careful", "_cls", "_conv", "_fields", "_quick", "_values_of")

    def __init__(self, conv: cattrs.Converter, cls: type) -> None:
        self._conv = conv
        self._cls = cls
        # The record modules do not postpone annotations, so each field's type is a
        # type, not a string that `typing.get_type_hints` would evaluate (milliseconds).
        self._fields = tuple((field.name, field.type) for field in attrs.fields(cls))
        self._values_of = operator.itemgetter(*(name for name, _ in self._fields))
        # Each field's hooks, looked up on first use: records may nest in each other.
        self._quick: tuple[_Quick, ...] = ()
        self._careful: tuple[_Hook, ...] = ()

    def __call__(self, value: object, _: object) -> object:
        try:
            return self.quickly(value)
        except Exception:  # noqa: BLE001, S110 - `carefully` says what failed
            pass
        return self.carefully(value)

    def quickly(self, value: object) -> object:
        """Structure *value*, or raise without saying why."""
        if type(value) is not dict or len(value) != len(self._fields):
            raise TypeError
        if not self._quick:
            self._quick = tuple(
                _quick_hook(self._conv, type_, intern=name not in UNIQUE_TEXT)
                for name, type_ in self._fields
            )
        return self._cls(*map(operator.call, self._quick, self._values_of(value)))

    def carefully(self, value: object) -> object:
        """Structure *value* field by field, or raise every error found as one group."""
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, found {describe(value)}")
        if not self._careful:
            self._careful = tuple(self._conv.get_structure_hook(t) for _, t in self._fields)
        errors: list[Exception] = []
        values: list[object] = []
        for (name, type_), structure in zip(self._fields, self._careful, strict=True):
            try:
                values.append(structure(value[name], type_))
            except Exception as exc:  # noqa: BLE001 - collected, raised as one group
                exc.add_note(cattrs.AttributeValidationNote(f"attribute {name}", name, type_))
                errors.append(exc)
        extra = value.keys() - {name for name, _ in self._fields}
        if extra:
            errors.append(cattrs.ForbiddenExtraKeysError("", self._cls, extra))
        if errors:
            message = f"While structuring {self._cls.__name__}"
            raise cattrs.ClassValidationError(message, errors, self._cls)
        return self._cls(*values)


UNIQUE_TEXT = frozenset({"name", "value", "description", "definition"})
"""Fields whose strings the quick pass does not intern.

Interning makes one string of each repeated id, heading and quote, but costs a table
entry for every string. A name (``name``, and a `Name`'s ``value``) is never repeated,
since the checks give each name one entity, and a description or definition is prose
written for its record; interning them would cost memory and time and save nothing.
"""


def _quick_hook(  # noqa: PLR0911 - one return per kind of type
    conv: cattrs.Converter,
    type_: typing.Any,  # noqa: ANN401 - any field's type
    *,
    intern: bool = True,
) -> _Quick:
    """Return a one-argument function that structures a valid *type_* value quickly.

    It may raise anything, and need not say why: a record it fails on is structured
    again by the careful pass, which does. It must not accept what that pass rejects.
    A string is interned unless *intern* is false.
    """
    if type_ is str:
        return sys.intern if intern else str.__str__  # each rejects anything but a str
    if type_ == int | None:
        return _quick_optional_int
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return {member.value: member for member in type_}.__getitem__
    args = typing.get_args(type_)
    if _is_variadic_tuple(type_):
        item = _quick_hook(conv, args[0])
        return lambda value: (
            (tuple(map(item, value)) if value else ()) if type(value) is list else _fail()
        )
    if type(None) in args and len(args) == 2:  # noqa: PLR2004 - X | None
        inner = _quick_hook(conv, args[0] if args[1] is type(None) else args[1], intern=intern)
        return lambda value: None if value is None else inner(value)
    hook = conv.get_structure_hook(type_)
    if isinstance(hook, RecordHook):
        return hook.quickly
    return lambda value: hook(value, type_)


def _quick_optional_int(value: object) -> object:
    if value is None or type(value) is int:
        return value
    raise TypeError


def _fail() -> typing.NoReturn:
    raise TypeError


converter = _make_converter()

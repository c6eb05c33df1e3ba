"""The one cattrs converter that turns JSON values into records and back.

It is strict: unknown keys, missing keys, a number where a string belongs, a string
where a list belongs and a bool where an int belongs are all rejected, so a typo in a
data file fails loudly with the path of the bad field instead of loading quietly.

This module imports cattrs, so it is imported only when data is first loaded.
"""

from __future__ import annotations

import datetime
import enum
import typing

import attrs
import cattrs
import cattrs.gen

__all__ = ["converter", "describe"]


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {describe(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, found {describe(value)}")
    return value


def _structure_date(value: object, _: type) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError(f"expected a date as a 'YYYY-MM-DD' string, found {describe(value)}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date as 'YYYY-MM-DD', found {value!r}") from None


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    valid = ", ".join(repr(member.value) for member in cls)
    if not isinstance(value, str):
        raise TypeError(f"expected one of {valid}, found {describe(value)}")
    try:
        return cls(value)
    except ValueError:
        raise ValueError(f"expected one of {valid}, found {value!r}") from None


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
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook_func(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), _structure_enum
    )

    def structure_tuple(value: object, cls: type) -> tuple[object, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, found {describe(value)}")
        (item_type, _) = typing.get_args(cls)
        handler = conv.get_structure_hook(item_type)
        errors: list[Exception] = []
        items: list[object] = []
        for index, item in enumerate(value):
            try:
                items.append(handler(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected, raised as one group
                note = cattrs.IterableValidationNote(f"index {index}", index, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    conv.register_structure_hook_func(_is_variadic_tuple, structure_tuple)

    def make_record_hook(cls: type) -> typing.Callable[[object, type], object]:
        structure_fields: typing.Callable[[object, type], object] = (
            cattrs.gen.make_dict_structure_fn(cls, conv)  # type: ignore[assignment]
        )

        def structure_record(value: object, _: type) -> object:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, found {describe(value)}")
            return structure_fields(value, cls)

        return structure_record

    conv.register_structure_hook_factory(attrs.has, make_record_hook)
    return conv


converter = _make_converter()

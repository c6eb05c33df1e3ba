"""The one cattrs converter, and the data files' documents turned into records and back.

The converter is strict: unknown keys, missing keys, a number where a string belongs, a
string where a list belongs and a bool where an int belongs are all rejected, so a typo
in a data file fails loudly with the path of the bad field instead of loading quietly.

A data file holds one JSON object with one key, the file's stem, whose value is the
list of records: ``{"organisations": [...]}``; ``release.json`` holds
``{"release": "..."}``. `structure` reads such documents into records, collecting a
`Problem` for everything wrong; `unstructure` writes records back as documents.

This module imports cattrs, so it is imported only when data is first loaded.
"""

from __future__ import annotations

import datetime
import enum
import functools
import operator
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import cattrs

from ._errors import Found, Problem, shown
from ._model import RECORD_KINDS, STEMS, Citation, Entity

__all__ = ["RELEASE", "converter", "describe", "hook_for", "structure", "unstructure"]

RELEASE = "release"
"""The stem of the file that holds the data's release, and its one key."""

_Hook = Callable[[typing.Any, typing.Any], object]

_shared: dict[object, object] = {}
"""Each string, tuple and citation seen while structuring, by value, to the object kept.

An id, a heading, a quote, a tuple of themes or a citation that the data repeats is so
held once, which keeps a large dataset within its memory target. It is emptied when
each `structure` ends, so it holds nothing between loads (two loads at once only share
less).
"""
_share = _shared.setdefault

PROSE = frozenset({"name", "value", "description", "definition"})
"""Text fields whose strings are not shared: names are unique and prose is written for
its record, so looking them up would only cost time."""


def _structure_str(value: object, _: object) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, found {describe(value)}")
    return _share(value, value)  # type: ignore[return-value] # a str, shared by its value


def _structure_prose(value: object, _: object) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, found {describe(value)}")
    return value


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:  # a bool is not a number here
        raise TypeError(f"expected an integer, found {describe(value)}")
    return value


def _structure_date(value: object, _: object) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError(f"expected a date as a 'YYYY-MM-DD' string, found {describe(value)}")
    try:
        if len(value) == len("YYYY-MM-DD") and value[4] == value[7] == "-":
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass  # not a real date, such as 2013-02-30
    raise ValueError(f"expected a date as 'YYYY-MM-DD', found {shown(value)}")


def _enum_hook(cls: type[enum.Enum]) -> _Hook:
    """Return the hook for an enum: one of its string values."""
    members: dict[object, enum.Enum] = {member.value: member for member in cls}

    def structure_enum(value: object, _: object) -> enum.Enum:
        member = members.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
        valid = ", ".join(map(repr, members))
        if not isinstance(value, str):
            raise TypeError(f"expected one of {valid}, found {describe(value)}")
        raise ValueError(f"expected one of {valid}, found {shown(value)}")

    return structure_enum


def _is_variadic_tuple(cls: object) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_hook(cls: object) -> _Hook:
    """Return the hook for ``tuple[X, ...]``: a JSON list, each item structured as X."""
    item_type = typing.get_args(cls)[0]
    structure_item = hook_for(item_type)

    def structure_tuple(value: object, _: object) -> tuple[object, ...]:
        if type(value) is not list:
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
            raise cattrs.IterableValidationError(f"While structuring {cls!r}", errors, tuple)
        items_ = tuple(items)
        return _share(items_, items_)  # type: ignore[return-value] # a tuple, shared by value

    return structure_tuple


def _optional_hook(cls: object) -> _Hook:
    """Return the hook for ``X | None``: null, or a value structured as X."""
    inner_type = next(arg for arg in typing.get_args(cls) if arg is not type(None))
    inner = hook_for(inner_type)

    def structure_optional(value: object, _: object) -> object:
        return None if value is None else inner(value, inner_type)

    return structure_optional


class _RecordHook:
    """The hook for a record class: a JSON object with exactly the record's fields.

    Each field is structured by the hook for its type. A record is first
    built in one go; only if that fails are its fields walked one by one, with the same
    hooks, to collect every error as cattrs' validation errors, so that
    `cattrs.transform_error` gives each its JSON path.

    It does not compile a function per class, as `cattrs.gen` does: compiling would add
    more to the first query than it saves in structuring.
    """

    __slots__ = ("_cls", "_fields", "_hooks", "_names", "_types", "_values_of")

    def __init__(self, cls: type) -> None:
        self._cls = cls
        # The record modules do not postpone annotations, so each field's type is a
        # type, not a string to evaluate.
        self._fields = tuple((field.name, field.type) for field in attrs.fields(cls))
        self._names = frozenset(name for name, _ in self._fields)
        self._types = tuple(type_ for _, type_ in self._fields)
        self._values_of = operator.itemgetter(*(name for name, _ in self._fields))
        self._hooks: tuple[_Hook, ...] = ()  # looked up on first use: records nest

    def __call__(self, value: object, _: object) -> object:
        record = self.quick(value)
        if record is None:
            raise self.errors(value)
        return record

    def quick(self, value: object) -> object:
        """Return the record *value* holds, or None, without saying what is wrong."""
        if not self._hooks:
            self._hooks = tuple(
                _structure_prose if type_ is str and name in PROSE else hook_for(type_)
                for name, type_ in self._fields
            )
        if type(value) is dict and len(value) == len(self._fields):
            try:
                values = map(operator.call, self._hooks, self._values_of(value), self._types)
                record = self._cls(*values)
            except Exception:  # noqa: BLE001 - `errors` says what failed
                return None
            return _share(record, record) if self._cls is Citation else record
        return None

    def errors(self, value: object) -> Exception:
        """Return the errors of each field of *value*, which holds no record, as one group."""
        if not isinstance(value, dict):
            return TypeError(f"expected an object, found {describe(value)}")
        errors: list[Exception] = []
        for (name, type_), hook in zip(self._fields, self._hooks, strict=True):
            try:
                hook(value[name], type_)
            except Exception as exc:  # noqa: BLE001 - collected, raised as one group
                exc.add_note(cattrs.AttributeValidationNote(f"attribute {name}", name, type_))
                errors.append(exc)
        if value.keys() - self._names:
            errors.append(cattrs.ForbiddenExtraKeysError("", self._cls, value.keys() - self._names))
        return cattrs.ClassValidationError(
            f"While structuring {self._cls.__name__}", errors, self._cls
        )


_HOOKS: dict[object, _Hook] = {
    str: _structure_str,
    int: _structure_int,
    datetime.date: _structure_date,
}


def hook_for(cls: object) -> _Hook:
    """Return the hook that structures a JSON value as *cls*, a type a record field has.

    The types are few and fixed, so they are matched here, each once, rather than
    through cattrs' dispatch, which would look each up anew on the first query.
    """
    hook = _HOOKS.get(cls)
    if hook is None:
        if _is_variadic_tuple(cls):
            hook = _tuple_hook(cls)
        elif type(None) in typing.get_args(cls):
            hook = _optional_hook(cls)
        elif isinstance(cls, type) and issubclass(cls, enum.Enum):
            hook = _enum_hook(cls)
        elif isinstance(cls, type) and attrs.has(cls):
            hook = _RecordHook(cls)
        else:  # pragma: no cover - a field of a new type
            raise TypeError(f"no structure hook for {cls!r}")
        _HOOKS[cls] = hook
    return hook


@functools.cache
def converter() -> cattrs.Converter:
    """Return the converter, made on first use: records to JSON values and back."""
    conv = cattrs.Converter()
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook_factory(attrs.has, hook_for)
    return conv


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


class Structured(typing.NamedTuple):
    """What `structure` makes of a dataset's documents."""

    release: str
    """The release named in ``release.json``, or ``""``."""
    records: tuple[tuple[Entity, ...], ...]
    """The records that could be structured, one tuple per kind of `RECORD_KINDS`."""
    problems: list[Problem]
    """What is wrong with the documents and the records in them (up to the limit of the
    `Found` given to `structure`, which counts the rest)."""
    unread: frozenset[str]
    """The ids of records that could not be structured, so that references to them
    are not reported again as unknown."""


def structure(documents: Mapping[str, object], found: Found | None = None) -> Structured:
    """Structure *documents*, one parsed JSON document per data file stem.

    A missing stem means no records of that kind (or no release). Problems are added to
    *found*; once it is full, each record that cannot be structured is only counted.
    """
    found = Found() if found is None else found
    release = _release(documents.get(RELEASE, {RELEASE: ""}), found)
    records: list[tuple[Entity, ...]] = []
    unread: set[str] = set()
    try:
        for kind, stem in zip(RECORD_KINDS, STEMS, strict=True):
            content = _content(stem, documents.get(stem, {stem: []}), found)
            if content is _UNUSABLE:
                records.append(())
            elif type(content) is not list:
                message = f"expected a list of records, found {describe(content)}"
                found.add(Problem(f"{stem}.json", stem, message))
                records.append(())
            else:
                records.append(_records(stem, kind.cls, content, found, unread))
    finally:
        _shared.clear()
    return Structured(release, tuple(records), found.listed, frozenset(unread))


def _records(
    stem: str, cls: type, content: list[object], found: Found, unread: set[str]
) -> tuple[Entity, ...]:
    """Structure each record of one file, adding the problems of each that cannot be.

    Once *found* is full, a record that cannot be structured is counted, not walked to
    say what is wrong with it: so a file of a million broken records costs little more
    than reading it.
    """
    hook = typing.cast("_RecordHook", hook_for(cls))
    records: list[typing.Any] = []
    for position, raw in enumerate(content):
        record = hook.quick(raw)
        if record is not None:
            records.append(record)
        elif found.full:  # counted, not walked to say what is wrong
            found.more += 1
        else:
            found.extend(_problems(hook.errors(raw), f"{stem}.json", f"{stem}[{position}]"))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                unread.add(raw["id"])
    return tuple(records)


def _release(document: object, found: Found) -> str:
    """Return the release *document* names, or ``""`` with a problem."""
    content = _content(RELEASE, document, found)
    if type(content) is str:
        return content
    if content is not _UNUSABLE:
        message = f"expected a string, found {describe(content)}"
        found.add(Problem("release.json", RELEASE, message))
    return ""


_UNUSABLE = object()
"""What `_content` returns for a document that is not ``{"<stem>": ...}``."""


def _content(stem: str, document: object, found: Found) -> object:
    """Return the value under the one key *stem* of a data file, or `_UNUSABLE`."""
    file = f"{stem}.json"
    if type(document) is not dict:
        message = f'expected an object {{"{stem}": ...}}, found {describe(document)}'
        found.add(Problem(file, "$", message))
        return _UNUSABLE
    if document.keys() != {stem}:
        extra = document.keys() - {stem}
        what = f"unknown key(s) {_keys(extra)}" if extra else f"no key {stem!r}"
        found.add(Problem(file, "$", f"expected exactly one key, {stem!r}; found {what}"))
        return _UNUSABLE
    return document[stem]


def _problems(error: BaseException, file: str, path: str) -> list[Problem]:
    """Turn a cattrs structuring error into problems with JSON paths."""
    problems = []
    for message in cattrs.transform_error(error, path, _format):
        text, _, where = message.rpartition(" @ ")
        problems.append(Problem(file, where, text))
    return problems


def _format(error: BaseException, _: type | None) -> str:
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        keys = _keys(error.extra_fields)
        expected = ", ".join(field.name for field in attrs.fields(error.cl))
        return f"unknown key(s) {keys}; expected only: {expected}"
    if isinstance(error, KeyError):
        return "required key is missing"
    return str(error)


def _keys(keys: Iterable[str], named: int = 5) -> str:
    """Name *keys* for a message: the first few in order, and how many more there are."""
    ordered = sorted(keys)
    listed = ", ".join(map(shown, ordered[:named]))
    return listed if len(ordered) <= named else f"{listed} and {len(ordered) - named} more"


def unstructure(release: str, records: Sequence[Sequence[Entity]]) -> dict[str, object]:
    """Return the documents of *release* and *records* (one sequence per kind), by stem.

    `structure` reads them back to equal records.
    """
    documents: dict[str, object] = {RELEASE: {RELEASE: release}}
    for stem, group in zip(STEMS, records, strict=True):
        documents[stem] = {stem: converter().unstructure(group)}
    return documents

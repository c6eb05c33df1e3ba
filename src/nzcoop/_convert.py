"""The cattrs converter: JSON values to records and back, and data files to records.

cattrs structures every record, with the hooks it generates for attrs classes; the
hooks registered here only make it as strict as the data's rules, where cattrs' own
defaults would accept more: a string must be a JSON string (not a number), an int a
JSON integer (not a bool, and short enough to write back), a date a ``YYYY-MM-DD``
string, a vocabulary's value one of its strings, a tuple a JSON list (not a string),
and a record a JSON object with exactly its fields (`forbid_extra_keys`).

A data file holds one JSON object with one key, the file's stem, whose value is the
list of records: ``{"organisations": [...]}``; ``release.json`` holds
``{"release": "..."}``. `structure` reads such documents into records, collecting a
`Problem` for everything wrong, with the JSON path `cattrs.transform_error` gives it;
`unstructure` writes records back as documents.
"""

from __future__ import annotations

import datetime
import functools
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn

from ._errors import Found, Problem, shown
from ._model import RECORD_KINDS, STEMS, Citation, Entity
from ._vocabulary import Vocabulary

__all__ = ["converter"]

RELEASE = "release"
"""The stem of the file that holds the data's release, and its one key."""

MAX_DIGITS = 640
"""The most digits an integer may have: the fewest Python can be told to write
(`sys.set_int_max_str_digits`), so that any dataset can be written out as JSON."""

TOO_MANY_DIGITS = f"has more than {MAX_DIGITS} digits; expected a shorter integer"

MAX_ITEM_ERRORS = 100
"""How many of a list's items are said to be wrong before the rest go unexamined."""

_Hook = Callable[[typing.Any, typing.Any], object]


@functools.cache
def converter() -> cattrs.Converter:
    """Return nzcoop's cattrs converter: records to JSON values, and back, strictly.

    It structures a JSON value (a dict parsed from a data file, say) into a record of
    the class asked for, with the data's rules: unknown keys, missing keys and values of
    the wrong JSON type are errors (a `cattrs.ClassValidationError` naming each, which
    `cattrs.transform_error` turns into messages with paths). It unstructures records
    into the JSON values the data files hold.

    Returns:
        The same `cattrs.Converter` on every call. Register hooks on a copy of it (its
        ``copy`` method), not on it: `nzcoop.load` uses its rules.

    >>> import nzcoop
    >>> conv = nzcoop.converter()
    >>> m5 = nzcoop.organisation("M5")
    >>> value = conv.unstructure(m5)
    >>> value["names"][1]
    {'value': 'Five Country Conference', 'kind': 'former'}
    >>> conv.structure(value, nzcoop.Organisation) == m5
    True
    >>> import cattrs
    >>> try:
    ...     conv.structure({**value, "kind": "club"}, nzcoop.Organisation)
    ... except cattrs.ClassValidationError as error:
    ...     print(cattrs.transform_error(error)[0])
    ...     print(error.exceptions[0])
    invalid value for type, expected OrganisationKind @ $.kind
    expected one of 'forum', 'agency', ...; found 'club'
    """
    return _strict(detailed=True)


@functools.cache
def _quick() -> cattrs.Converter:
    """Return the converter `structure` tries first: the same rules, without detail.

    It stops at a record's first error, without saying where, and shares equal values
    while a dataset is structured; a record it cannot structure is structured again by
    `converter`, to say everything wrong with it.
    """
    return _strict(detailed=False)


def _strict(*, detailed: bool) -> cattrs.Converter:
    """Return a converter with the data's rules, with or without detailed validation."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_unstructure_hook(Vocabulary, _value)  # the plain string, as JSON holds it
    conv.register_structure_hook(str, _structure_str if detailed else _structure_shared_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_structure_hook(Vocabulary, _structure_vocabulary)  # before str, its base
    conv.register_structure_hook_factory(
        _is_variadic_tuple, _each_item_hook if detailed else _tuple_hook
    )
    conv.register_structure_hook_factory(attrs.has, _record_hook)
    return conv


# -- the rules stricter than cattrs' defaults ---------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, found {json_type(value)}")
    return value


def _structure_shared_str(value: object, _: object) -> str:
    if type(value) is not str:  # as `_structure_str`, whose results it shares
        raise TypeError(f"expected a string, found {json_type(value)}")
    return _share_value(value, value)  # type: ignore[return-value] # a str, by its value


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:  # a bool is not a number here
        raise TypeError(f"expected an integer, found {json_type(value)}")
    if not fits(value):
        raise ValueError(TOO_MANY_DIGITS)
    return value


def fits(number: int) -> bool:
    """Tell whether *number* has at most `MAX_DIGITS` digits.

    >>> fits(10**639), fits(-(10**640))
    (True, False)
    """
    return number.bit_length() <= _BITS or abs(number) < _LIMIT


_LIMIT = 10**MAX_DIGITS
_BITS = (MAX_DIGITS - 1) * 3  # 2**(3 * n) < 10**n: fewer bits than this are fewer digits


def _structure_date(value: object, _: object) -> datetime.date:
    if type(value) is not str:
        raise TypeError(f"expected a date as a 'YYYY-MM-DD' string, found {json_type(value)}")
    try:
        if len(value) == len("YYYY-MM-DD") and value[4] == value[7] == "-":
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass  # not a real date, such as 2013-02-30
    raise ValueError(f"expected a date as 'YYYY-MM-DD', found {shown(value)}")


def _value(member: Vocabulary) -> str:
    return member.value


def _structure_vocabulary(value: object, cls: type[Vocabulary]) -> Vocabulary:
    """Return the member of the vocabulary *cls* whose string value *value* is."""
    if type(value) is str:
        try:
            return cls(value)
        except ValueError:
            pass  # said below, with the valid values
    valid = ", ".join(repr(member.value) for member in cls)
    if type(value) is not str:
        raise TypeError(f"expected one of {valid}; found {json_type(value)}")
    raise ValueError(f"expected one of {valid}; found {shown(value)}")


def _is_variadic_tuple(cls: object) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _a_list(value: object) -> list[object]:
    if type(value) is not list:  # a string or an object is iterable too, and no list
        raise TypeError(f"expected a list, found {json_type(value)}")
    return value


def _tuple_hook(cls: object, conv: cattrs.Converter) -> _Hook:
    """Return the quick hook for ``tuple[X, ...]``: cattrs', given only JSON lists."""
    structure_items = homogenous_tuple_structure_factory(cls, conv)  # type: ignore[arg-type]

    def structure_tuple(value: object, _: object) -> object:
        return _share(cls, structure_items(_a_list(value), cls))

    return structure_tuple


def _each_item_hook(cls: object, conv: cattrs.Converter) -> _Hook:
    """Return the detailed hook for ``tuple[X, ...]``: each wrong item said, up to a limit.

    cattrs' own hook keeps an error for every wrong item, so that a list of a million
    would cost a million; this one stops examining after `MAX_ITEM_ERRORS`.
    """
    item_type = typing.get_args(cls)[0]
    structure_item = conv.get_structure_hook(item_type)

    def structure_tuple(value: object, _: object) -> tuple[object, ...]:
        items: list[object] = []
        errors: list[Exception] = []
        for index, item in enumerate(_a_list(value)):
            try:
                items.append(structure_item(item, item_type))
            except Exception as error:  # noqa: BLE001 - collected, raised as one group
                error.add_note(IterableValidationNote(f"index {index}", index, item_type))
                errors.append(error)
                if len(errors) == MAX_ITEM_ERRORS:
                    break
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, tuple)
        return tuple(items)

    return structure_tuple


def _record_hook(cls: type, conv: cattrs.Converter) -> _Hook:
    """Return the hook for a record class: cattrs' generated one, given only JSON objects.

    The quick converter's is cattrs' alone (a value that is not an object fails in it
    too, and is then structured again to say so), with citations, which repeat, shared.
    """
    structure_fields: _Hook = make_dict_structure_fn(cls, conv)
    if not conv.detailed_validation:
        return _sharing(structure_fields) if cls is Citation else structure_fields

    def structure_record(value: object, _: object) -> object:
        if type(value) is not dict:
            raise TypeError(f"expected an object, found {json_type(value)}")
        return structure_fields(value, cls)

    return structure_record


# -- sharing equal values -----------------------------------------------------------------

_shared: dict[object, object] = {}
"""Each string, tuple and citation the quick converter has made, to the one kept.

An id, a heading, a quote, a tuple of themes or a citation that the data repeats is so
held once, which keeps a large dataset small. A string is kept by its value; a tuple or
a citation by the type it was structured as and its value, since a tuple of vocabulary
members equals the tuple of their strings and must not stand in for it. `structure`
empties it when it ends, so it holds nothing between loads (two loads at once only
share with each other).
"""
_share_value = _shared.setdefault


def _share(cls: object, value: object) -> typing.Any:  # noqa: ANN401 - *value*, or its equal
    """Return the value kept for *value*, structured as *cls*: *value* if it is the first."""
    return _share_value((cls, value), value)


def _sharing(hook: _Hook) -> _Hook:
    """Return *hook*, sharing the values it makes (see `_shared`)."""

    def structure_shared(value: object, cls: object) -> object:
        return _share(cls, hook(value, cls))

    return structure_shared


# -- documents ----------------------------------------------------------------------------

_JSON_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (type(None), "null"),
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "a string"),
    ((list, tuple), "a list"),
    (dict, "an object"),
)


def json_type(value: object) -> str:
    """Name a JSON value's type the way a JSON author would.

    >>> json_type(None), json_type(True), json_type([])
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
                message = f"expected a list of records, found {json_type(content)}"
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

    Once *found* is full, a record that cannot be structured is counted, not structured
    again to say what is wrong with it: so a file of a million broken records costs
    little more than reading it.
    """
    quick = _quick().get_structure_hook(cls)
    records: list[typing.Any] = []
    for position, raw in enumerate(content):
        try:
            records.append(quick(raw, cls))
        except Exception:  # noqa: BLE001 - structured again below, to say what is wrong
            if found.full:
                found.more += 1
                continue
            try:
                converter().structure(raw, cls)
            except Exception as error:  # noqa: BLE001 - what is wrong with the record
                found.extend(_problems(error, f"{stem}.json", f"{stem}[{position}]"))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                unread.add(raw["id"])
    return tuple(records)


def _release(document: object, found: Found) -> str:
    """Return the release *document* names, or ``""`` with a problem."""
    content = _content(RELEASE, document, found)
    if type(content) is str:
        return content
    if content is not _UNUSABLE:
        message = f"expected a string, found {json_type(content)}"
        found.add(Problem("release.json", RELEASE, message))
    return ""


_UNUSABLE = object()
"""What `_content` returns for a document that is not ``{"<stem>": ...}``."""


def _content(stem: str, document: object, found: Found) -> object:
    """Return the value under the one key *stem* of a data file, or `_UNUSABLE`."""
    file = f"{stem}.json"
    if type(document) is not dict:
        message = f'expected an object {{"{stem}": ...}}, found {json_type(document)}'
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
    unstructure_record = converter().unstructure
    for stem, group in zip(STEMS, records, strict=True):
        documents[stem] = {stem: [unstructure_record(record) for record in group]}
    return documents

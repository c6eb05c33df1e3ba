"""The rules a dataset must keep as a whole, each written once.

`problems` applies every rule to a dataset's records and yields each problem found,
with the file and JSON path a data author would fix. The rules:

- no two records have one id;
- ids, names, other names and quotes show a character; ids and names have no spaces
  at their ends; ids, names and other names are short enough to look up and hold no
  control character;
- every id a record holds names a record of a kind its field allows;
- years lie from 1 to 9999, a first and a last are in order, and an event's dates fit
  its precision;
- every record but a source cites a document;
- a discrepancy sets two claims or more side by side;
- each inference names a field of its record, once, and says why;
- no chain of parents loops;
- no two entities share an id or a name, once folded, nor have ones that look the same.

`type_problems` finds, in records built in Python, values of another type than their
field declares and strings that are not Unicode text (the loader rejects those in JSON).

Each rule walks the records once, and formats a path only for a problem it reports, so
the checks take time in proportion to the records, however many problems there are.
"""

from __future__ import annotations

import datetime
import functools
import json
import operator
import re
import typing
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from ._convert import TOO_MANY_DIGITS, fits
from ._dates import LAST_DAY, precision_span
from ._errors import Problem, shown
from ._model import (
    KINDS,
    RECORD_KINDS,
    Citation,
    Discrepancy,
    Entity,
    Event,
    Kind,
    Name,
    Source,
    describe_kinds,
    kind_of,
)
from ._names import MAX_NAME_LENGTH, Names, closest, name_key, spellings
from ._vocabulary import Precision

__all__ = ["look_alike_key", "not_unicode", "problems", "type_problems", "visible"]

Where = tuple[object, ...]
"""A record's place: its file stem and position, then a field and position per level."""


def _path(where: Where, field: str | None = None) -> str:
    """Return the JSON path of a place (``("people", 0, "offices", 1)``), and a field in it."""
    path = f"{where[0]}[{where[1]}]"
    for name, position in zip(where[2::2], where[3::2], strict=True):
        path += f".{name}[{position}]"
    return path if field is None else f"{path}.{field}"


def _problem(where: Where, field: str | None, message: str) -> Problem:
    return Problem(f"{where[0]}.json", _path(where, field), message)


_HINT_WORK = 50_000
"""How many ids, all told, the "did you mean" hints of one check may compare.

A hint compares the unknown id with every id of the kinds wanted, so a hint for each of
many unknown ids would cost time in proportion to their product; past this, unknown ids
are reported without a hint.
"""


class _Dataset:
    """The records of a dataset, each with its place, and the tables the rules share."""

    def __init__(self, records: Sequence[Sequence[Entity]], unread: frozenset[str]) -> None:
        self.unread = unread
        self.hint_work = _HINT_WORK
        """How many more ids hints may compare (see `_HINT_WORK`)."""
        self.by_id: dict[str, Entity] = {}
        self.duplicates: list[tuple[Where, Entity]] = []
        self.located: dict[type, list[tuple[Where, object]]] = defaultdict(list)
        for kind, group in zip(RECORD_KINDS, records, strict=True):
            located: list[tuple[Where, object]] = []
            for position, record in enumerate(group):
                located.append(((kind.stem, position), record))
                if self.by_id.setdefault(record.id, record) is not record:
                    self.duplicates.append(((kind.stem, position), record))
            self.located[kind.cls] = located
            self._locate_parts(kind, located)
        self._ids: dict[tuple[type, ...], frozenset[str]] = {}
        self._places: dict[int, Where] = {}

    def _locate_parts(self, kind: Kind, located: list[tuple[Where, object]]) -> None:
        for field in kind.nested:
            getter = operator.attrgetter(field)
            inner: dict[type, list[tuple[Where, object]]] = defaultdict(list)
            for where, record in located:
                for position, part in enumerate(getter(record)):
                    inner[type(part)].append(((*where, field, position), part))
            for cls, parts in inner.items():
                self.located[cls].extend(parts)
                self._locate_parts(kind_of(cls), parts)

    def ids(self, classes: tuple[type, ...]) -> frozenset[str]:
        """Return the ids of the records of *classes*."""
        if classes not in self._ids:
            self._ids[classes] = frozenset(
                typing.cast("Entity", record).id
                for cls in classes
                for _, record in self.located[cls]
            )
        return self._ids[classes]

    def where(self, entity: object) -> Where:
        """Return the place of *entity* (looked up only to report a problem)."""
        if not self._places:  # built on the first problem: a valid dataset never needs it
            self._places = {
                id(record): where for located in self.located.values() for where, record in located
            }
        return self._places[id(entity)]


def problems(
    records: Sequence[Sequence[Entity]],
    names: Names,
    unread: frozenset[str] = frozenset(),
) -> Iterator[Problem]:
    """Yield every problem in *records*, one sequence of records per kind of `RECORD_KINDS`.

    *names* are the `Names` of the same records. *unread* are the ids of records that
    could not be read at all: references to them are not reported again as unknown.
    """
    data = _Dataset(records, unread)
    for rule in _RULES:
        yield from rule(data)
    yield from _shared_names(data, names)
    yield from _look_alikes(data, names)


def _duplicate_ids(data: _Dataset) -> Iterator[Problem]:
    """No two records have one id."""
    for where, record in data.duplicates:
        first = _path(data.where(data.by_id[record.id]), "id")
        yield _problem(where, "id", f"duplicate id {shown(record.id)}, first used at {first}")


_ASCII_BLANKS = "".join(map(chr, range(0x21))) + "\x7f"
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters (Hangul fillers) and a symbol (the blank Braille pattern) that show nothing."""


def visible(text: str) -> bool:
    r"""Tell whether *text* has a character that shows.

    That is a letter, a digit, a punctuation mark or a symbol: spaces, control and
    format characters (such as the zero-width space) and lone combining marks do not.

    >>> visible("M5"), visible(" \u200b\u00a0"), visible("\u0301")
    (True, False, False)
    """
    if text.isascii():
        return bool(text.strip(_ASCII_BLANKS))
    return any(
        unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_LETTERS for char in text
    )


def _texts(data: _Dataset) -> Iterator[Problem]:
    """Texts show a character, and those that look records up can be looked up.

    Ids, names, other names and quotes show a character. Ids, names and other names,
    which look records up, are at most `MAX_NAME_LENGTH` characters and hold no control
    character; ids and names have no spaces at their ends.
    """
    walks: list[tuple[type, tuple[tuple[str, str], ...], bool]] = [
        (kind.cls, (("id", "id"), ("name", "name")), True) for kind in RECORD_KINDS
    ]
    walks += [(Name, (("value", "name"),), False), (Citation, (("quote", "quote"),), False)]
    for cls, fields, trimmed in walks:
        looked_up = cls is not Citation
        for where, part in data.located[cls]:
            for field, word in fields:
                value: str = getattr(part, field)
                message = _text_problem(value, word, looked_up=looked_up, trimmed=trimmed)
                if message is not None:
                    yield _problem(where, field, message)


def _text_problem(value: str, word: str, *, looked_up: bool, trimmed: bool) -> str | None:
    """Say what is wrong with the text *value*, named *word* in the message, if anything.

    *looked_up*: it looks a record up, so it is not too long and holds no control
    character; *trimmed*: it has no spaces at its ends.
    """
    if not value.strip():
        return f"{word} must not be empty"
    if looked_up and len(value) > MAX_NAME_LENGTH:
        return _too_long(word, value)
    if trimmed and value != value.strip():
        return f"{word} {shown(value)} has leading or trailing whitespace"
    if not visible(value):
        return _invisible(word, value)
    if looked_up and (control := _CONTROL.search(value)) is not None:
        return _controlled(word, value, control.group())
    return None


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0, C1) and the bidirectional controls: marks, embeddings,
overrides and isolates. Shown raw, they move the cursor or reverse the text around
them, so that a name would read as another."""


def _controlled(word: str, value: str, control: str) -> str:
    """Say that *value* holds the control character *control*, and how to write it."""
    code = f"U+{ord(control):04X}"
    name = unicodedata.name(control, "")
    if unicodedata.category(control) == "Cf":  # a bidirectional control
        what = f"{code} ({name}), a bidirectional control, which can show a text reversed"
    else:  # C0 and C1 controls have no names
        what = f"{code}, a control character, which can move a terminal's cursor"
    return f"{word} {shown(value)} holds {what}; write the {word} without it"


def _too_long(word: str, value: str) -> str:
    return (
        f"{word} {shown(value)} is {len(value):,} characters long; "
        f"a name or an id has at most {MAX_NAME_LENGTH}"
    )


def _invisible(word: str, value: str) -> str:
    return (
        f"{word} {shown(value)} shows nothing; it needs a letter, a digit, a punctuation "
        "mark or a symbol"
    )


def _references(data: _Dataset) -> Iterator[Problem]:
    """Every id a record holds names a record of a kind its field allows."""
    for kind in KINDS:
        for field, targets in kind.references:
            allowed = data.ids(targets)
            getter = operator.attrgetter(field)
            for where, record in data.located[kind.cls]:
                value = getter(record)
                if type(value) is tuple:
                    for position, ref in enumerate(value):
                        if ref not in allowed:
                            yield from _unknown(data, where, f"{field}[{position}]", ref, targets)
                elif value is not None and value not in allowed:
                    yield from _unknown(data, where, field, value, targets)


def _unknown(
    data: _Dataset, where: Where, field: str, ref: str, targets: tuple[type, ...]
) -> Iterator[Problem]:
    target = data.by_id.get(ref)
    wanted = describe_kinds(targets)
    if target is not None:
        found = describe_kinds([type(target)])
        yield _problem(where, field, f"{shown(ref)} is {found}; expected {wanted}")
    elif ref not in data.unread:
        candidates = data.ids(targets)
        suggestions: tuple[str, ...] = ()
        if len(candidates) <= data.hint_work:
            data.hint_work -= len(candidates)
            suggestions = closest(ref, candidates)
        hint = f" (did you mean {shown(suggestions[0])}?)" if suggestions else ""
        message = f"unknown id {shown(ref)}; expected the id of {wanted}{hint}"
        yield _problem(where, field, message)


def _years(data: _Dataset) -> Iterator[Problem]:
    """Every year lies from 1 to 9999, and a first and a last are in order."""
    for kind in KINDS:
        for where, record in data.located[kind.cls]:
            for field in kind.years:
                year = getattr(record, field)
                if year is not None and not datetime.MINYEAR <= year <= datetime.MAXYEAR:
                    bounds = f"from {datetime.MINYEAR} to {datetime.MAXYEAR}"
                    yield _problem(where, field, f"{field} {shown(year)} is not a year {bounds}")
            if kind.span is not None:
                yield from _span(where, record, kind.span)


def _span(where: Where, record: object, span: tuple[str, str]) -> Iterator[Problem]:
    first_field, last_field = span
    first, last = getattr(record, first_field), getattr(record, last_field)
    if isinstance(record, Event):
        yield from _event_dates(where, record)
    elif first is not None and last is not None and last < first:
        message = f"{last_field} {last} is before {first_field} {first}"
        yield _problem(where, last_field, message)


def _event_dates(where: Where, event: Event) -> Iterator[Problem]:
    """An event's dates are read as its precision says, so they must fit it."""
    start, end, precision = event.start, event.end, event.precision
    if precision is None:
        if start is not None or end is not None:
            yield _problem(where, "precision", "a dated event needs a precision")
    elif start is None and end is None:
        yield _problem(where, "precision", "an undated event has no precision; use null")
    elif start is None or end is None:
        if precision is not Precision.BETWEEN:
            missing = "start" if start is None else "end"
            message = (
                f"a {precision.value} precision needs both dates; only 'between' has an open bound"
            )
            yield _problem(where, missing, message)
    elif end < start:
        yield _problem(where, "end", f"end {end} is before start {start}")
    elif (spanned := precision_span(start, precision, end)) is None:
        message = f"a {precision.value} precision from {start} would run past {LAST_DAY}"
        yield _problem(where, "start", message)
    elif (start, end) != spanned:
        first, last = spanned
        message = f"a {precision.value} precision spans {first} to {last}, not {start} to {end}"
        yield _problem(where, "end" if start == first else "start", message)


def _citations(data: _Dataset) -> Iterator[Problem]:
    """Every record but a source cites a document; a discrepancy cites each of its claims."""
    for cls, located in data.located.items():
        if cls is Source or "sources" not in attrs.fields_dict(cls):
            continue
        for where, record in located:
            count = len(record.sources)  # type: ignore[attr-defined]
            if not count:
                yield _problem(where, "sources", "no citations; every record needs at least one")
            elif cls is Discrepancy and count == 1:
                message = "a discrepancy needs at least two citations, one for each claim; found 1"
                yield _problem(where, "sources", message)


def _sides(data: _Dataset) -> Iterator[Problem]:
    """A discrepancy sets two claims or more side by side, each cited by the discrepancy."""
    for where, record in data.located[Discrepancy]:
        discrepancy = typing.cast("Discrepancy", record)
        if len(discrepancy.sides) < 2:  # noqa: PLR2004 - two claims, to disagree
            message = f"a discrepancy needs at least two sides; found {len(discrepancy.sides)}"
            yield _problem(where, "sides", message)
        for position, side in enumerate(discrepancy.sides):
            if not 0 <= side.citation < len(discrepancy.sources):
                message = (
                    f"citation {side.citation} is not the position of one of the "
                    f"{len(discrepancy.sources)} citations in sources (from 0)"
                )
                yield _problem((*where, "sides", position), "citation", message)


_NOT_INFERRED = frozenset({"id", "name", "description", "inferred", "sources"})
"""The fields that hold no typed value of the documents, so none that can be inferred."""


def _inferences(data: _Dataset) -> Iterator[Problem]:
    """Each inference names a typed field of its record, once, and says why."""
    for kind in RECORD_KINDS:
        fields = [f.name for f in attrs.fields(kind.cls) if f.name not in _NOT_INFERRED]
        for where, record in data.located[kind.cls]:
            seen: set[str] = set()
            for position, inference in enumerate(getattr(record, "inferred", ())):
                at = (*where, "inferred", position)
                if inference.field not in fields:
                    message = (
                        f"{shown(inference.field)} is not a typed field of "
                        f"{describe_kinds([kind.cls])}; expected one of: {', '.join(fields)}"
                    )
                    yield _problem(at, "field", message)
                elif inference.field in seen:
                    yield _problem(at, "field", f"{shown(inference.field)} is inferred twice")
                seen.add(inference.field)
                if not visible(inference.reason):
                    yield _problem(at, "reason", "an inference needs a reason")


def _parents(data: _Dataset) -> Iterator[Problem]:
    """No chain of parents loops."""
    for kind in RECORD_KINDS:
        if kind.parent is None:
            continue
        located = data.located[kind.cls]
        getter = operator.attrgetter(kind.parent)
        entries = _loop_entries({record.id: getter(record) for _, record in located})  # type: ignore[attr-defined]
        for where, record in located:
            through = entries.get(record.id)  # type: ignore[attr-defined]
            if through is not None:
                chain = f"the {kind.parent} chain of {shown(record.id)}"  # type: ignore[attr-defined]
                message = f"{chain} loops back through {shown(through)}"
                yield _problem(where, kind.parent, message)


def _loop_entries(parent_of: Mapping[str, str | None]) -> dict[str, str]:
    """Return, for each id whose chain of parents loops, the id the loop is entered at.

    Each id is walked once, so a chain of any length costs time in proportion to it.
    """
    entries: dict[str, str] = {}
    done: set[str] = set()
    for start in parent_of:
        trail: dict[str, int] = {}  # the chain walked from start, with each id's place
        node: str | None = start
        while node is not None and node in parent_of and node not in done and node not in trail:
            trail[node] = len(trail)
            node = parent_of[node]
        if node is None or (node not in trail and node not in entries):
            pass  # the chain ends, or runs into one already walked that does not loop
        elif node in trail:  # a new loop, entered at node; its members loop to themselves
            entered = trail[node]
            entries.update(
                (member, member if at >= entered else node) for member, at in trail.items()
            )
        else:  # the chain runs into a known loop
            entries.update((member, entries[node]) for member in trail)
        done.update(trail)
    return entries


def _shared_names(data: _Dataset, names: Names) -> Iterator[Problem]:
    """No id or name of one entity is, once folded, an id or a name of another."""
    for entity, position, owner in names.clashes:
        value = spellings(entity)[position]
        first = names.where(owner, name_key(value))
        message = (
            f"the {'id' if position == 0 else 'name'} {shown(value)} "
            f"also names {shown(owner.id)} (at "
            f"{_path(data.where(owner), _spelling_field(first))}); "
            "a name or id must identify one entity"
        )
        yield _problem(data.where(entity), _spelling_field(position), message)


def _look_alikes(data: _Dataset, names: Names) -> Iterator[Problem]:
    """No id or name of one entity looks the same as one of another's.

    A spelling with characters other than ASCII looks the same as another when both
    have one `look_alike_key` (Cyrillic "\u0430" for Latin "a"); it is reported, as the
    one that misleads. ASCII spellings are compared by their keys alone: their look-
    alike keys are those keys, so only the few others are folded again. Spellings whose
    keys are one already are reported by `_shared_names`.
    """
    seen: dict[str, tuple[Entity, int]] = {}
    for kind in RECORD_KINDS:
        for _, record in data.located[kind.cls]:
            entity = typing.cast("Entity", record)
            for position, spelling in enumerate(spellings(entity)):
                # An ASCII spelling's key is its look-alike key, and a long one is
                # reported as too long.
                if spelling.isascii() or len(spelling) > MAX_NAME_LENGTH:
                    continue
                key = look_alike_key(spelling)
                owner = names.by_key.get(key) or names.by_id.get(key)
                at = 0 if owner is None else _position(owner, key)
                if owner is None or owner.id == entity.id:
                    owner, at = seen.setdefault(key, (entity, position))
                other = spellings(owner)[at]
                if owner.id == entity.id or name_key(spelling) == name_key(other):
                    continue
                path = _path(data.where(owner), _spelling_field(at))
                message = (
                    f"the {'id' if position == 0 else 'name'} {shown(spelling)} looks the same "
                    f"as {shown(other)} of {shown(owner.id)} (at {path}){_alike(spelling)}; "
                    "a name or id must identify one entity"
                )
                yield _problem(data.where(entity), _spelling_field(position), message)


def _position(entity: Entity, key: str) -> int:
    """Return the position in `spellings` of *entity*'s spelling of *key* (its id else)."""
    found = (i for i, s in enumerate(spellings(entity)) if s == key or name_key(s) == key)
    return next(found, 0)


def _alike(spelling: str) -> str:
    """Name the first character of *spelling* that Unicode takes for another, if not ASCII."""
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", spelling)
    char = next((c for c in decomposed if not c.isascii() and ord(c) in prototypes), None)
    return (
        ""
        if char is None
        else (
            f": U+{ord(char):04X} ({unicodedata.name(char, 'a character')}) looks like "
            f"{prototypes[ord(char)]!r}"
        )
    )


def look_alike_key(text: str) -> str:
    """Return the key of *text* that names which look the same share.

    That is the `name_key` of its skeleton (Unicode's UTS #39): its characters
    decomposed (NFD), each but ASCII taken for its prototype in Unicode's table of
    confusables (``src/nzcoop/confusables.json``), and decomposed again. An ASCII
    text's look-alike key is its key: ``1`` and ``l`` are told apart.

    >>> look_alike_key("\u041cigration") == look_alike_key("Migration")  # a Cyrillic M
    True
    >>> look_alike_key("B0DY") == look_alike_key("BODY")
    False
    """
    decomposed = text if text.isascii() else unicodedata.normalize("NFD", text)
    skeleton = decomposed.translate(_prototypes())
    if not skeleton.isascii():
        skeleton = unicodedata.normalize("NFD", skeleton)
    return name_key(skeleton)


@functools.cache
def _prototypes() -> dict[int, str]:
    """Return Unicode's table of confusables for `str.translate`; read on first use."""
    from importlib.resources import files

    table = json.loads(files("nzcoop").joinpath("confusables.json").read_text("utf-8"))
    return str.maketrans(table["prototypes"])


def _spelling_field(position: int) -> str:
    """Return the field of the spelling at *position* in `spellings`."""
    return ("id", "name")[position] if position < 2 else f"names[{position - 2}].value"  # noqa: PLR2004


_RULES: tuple[Callable[[_Dataset], Iterator[Problem]], ...] = (
    _duplicate_ids,
    _texts,
    _references,
    _years,
    _citations,
    _sides,
    _inferences,
    _parents,
)


# -- types ------------------------------------------------------------------------------


def type_problems(records: Sequence[Sequence[object]]) -> Iterator[Problem]:
    r"""Yield a problem for each value in *records* not of the type its field declares.

    *records* holds one sequence per kind of `RECORD_KINDS`, each of records of exactly
    that kind's class. Types are matched exactly, as the converter matches JSON: a
    `bool` is not an `int`, and a list is not a tuple. A string must be Unicode text,
    as one read from JSON is: a lone surrogate (``"\ud800"``) is no character, and
    could not be written out as UTF-8; and an int must have few enough digits to be
    written as JSON.
    """
    for kind, group in zip(RECORD_KINDS, records, strict=True):
        for position, record in enumerate(group):
            yield from _misfits(record, kind.cls, (kind.stem, position), None)


def _misfits(value: object, type_: object, where: Where, field: str | None) -> Iterator[Problem]:
    """Yield a problem for each value in *value*, at *field* of *where*, not of its type."""
    allowed, items = _shape(type_)
    if type(value) not in allowed:
        expected = " or ".join(sorted(map(_type_name, allowed), key=lambda n: (n == "None", n)))
        yield _problem(where, field, f"expected {expected}, found {_type_name(type(value))}")
    elif type(value) is str:
        why = not_unicode(value)
        if why is not None:
            yield _problem(where, field, f"{shown(value)} is not Unicode text: {why}")
    elif type(value) is int and not fits(value):
        yield _problem(where, field, TOO_MANY_DIGITS)
    elif items is not None:
        for position, item in enumerate(typing.cast("tuple[object, ...]", value)):
            if isinstance(items, type) and attrs.has(items):
                yield from _misfits(item, items, (*where, field, position), None)
            else:
                yield from _misfits(item, items, where, f"{field}[{position}]")
    elif attrs.has(type(value)):
        for attribute in attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(value))):
            name = attribute.name if field is None else f"{field}.{attribute.name}"
            yield from _misfits(getattr(value, attribute.name), attribute.type, where, name)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def not_unicode(text: str) -> str | None:
    r"""Say why *text* is not Unicode text (it holds a lone surrogate), or return None.

    >>> not_unicode("Aland"), not_unicode("\ud800")
    (None, 'it holds a lone surrogate, U+D800, which is no character')
    """
    lone = None if text.isascii() else _LONE_SURROGATE.search(text)
    if lone is None:
        return None
    return f"it holds a lone surrogate, U+{ord(lone.group()):04X}, which is no character"


def _shape(type_: object) -> tuple[frozenset[type], object | None]:
    """Return the classes a value of *type_* may have, and for a tuple its items' type."""
    if typing.get_origin(type_) is tuple:  # the records declare only tuple[X, ...]
        return frozenset({tuple}), typing.get_args(type_)[0]
    args = typing.get_args(type_)
    if args:  # X | None
        return frozenset(args), None
    return frozenset({typing.cast("type", type_)}), None


def _type_name(cls: type) -> str:
    return "None" if cls is type(None) else cls.__name__

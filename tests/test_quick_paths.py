"""Laws for the quick paths of loading: each answers exactly as the careful path would.

A record is structured by `RecordHook.quickly`, and a dataset is checked by `passes`; only
what they reject goes the careful way (`RecordHook.carefully`, `check`), which says what
is wrong and where. A quick path laxer than its careful one would let bad data load, so
these laws compare the two on randomly damaged records and datasets.
"""

from __future__ import annotations

import datetime
import json
import typing
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nzcoop
from nzcoop import Citation, Name, NameKind, Office
from nzcoop._convert import RecordHook, converter
from nzcoop._dataset import RECORD_KINDS
from nzcoop._index import Tables
from nzcoop._validate import check, passes

from . import strategies as s

RAW = {
    stem: json.loads((files("nzcoop") / "data" / f"{stem}.json").read_text("utf-8"))[stem]
    for stem, _ in RECORD_KINDS
}
KINDS = dict(RECORD_KINDS)
PARENTS = {
    nzcoop.Organisation: "parent",
    nzcoop.Participant: "part_of",
    nzcoop.Instrument: "parent",
}


def _hook(kind: type) -> RecordHook:
    hook = converter.get_structure_hook(kind)
    assert isinstance(hook, RecordHook)
    return hook


def _outcome(structure: typing.Callable[[object], object], value: object) -> object:
    try:
        return structure(value)
    except Exception:  # noqa: BLE001 - the law compares failing with failing
        return "failed"


@st.composite
def damaged_records(draw: st.DrawFn) -> tuple[type, object]:
    """Return a record class and a packaged record's JSON with one random change."""
    stem = draw(st.sampled_from([stem for stem, records in RAW.items() if records]))
    record = draw(st.sampled_from(RAW[stem]))
    return KINDS[stem], draw(st.one_of(st.just(record), s.mutated(record)))


CONFUSING = [True, False, 0, 1990, 1.5, "", "x", None, [], ["x"], [{}], {}, {"x": 1}]
"""Values of every JSON type, to put where another type belongs."""


def _confused(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield copies of *record* with one field, or one field of a nested record, changed."""
    nested = [key for key, value in record.items() if value and isinstance(value, list)]
    places = [(key, None) for key in record] + [
        (key, inner)
        for key in nested
        if isinstance(record[key][0], dict)
        for inner in record[key][0]
    ]
    for key, inner in places:
        for value in CONFUSING:
            copy = json.loads(json.dumps(record))
            if inner is None:
                copy[key] = value
            else:
                copy[key][0][inner] = value
            yield copy


@pytest.mark.parametrize("stem", [stem for stem, records in RAW.items() if records])
def test_quick_structuring_agrees_on_every_confused_field(stem: str) -> None:
    """`quickly` and `carefully` agree when any field of a record holds any type of value."""
    hook = _hook(KINDS[stem])
    for record in RAW[stem][:3]:
        for value in _confused(record):
            assert _outcome(hook.quickly, value) == _outcome(hook.carefully, value), value


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_records())
def test_quick_structuring_agrees_with_careful_structuring(case: tuple[type, object]) -> None:
    """Law: `quickly` builds a record exactly when `carefully` does, and the same one."""
    kind, value = case
    hook = _hook(kind)
    assert _outcome(hook.quickly, value) == _outcome(hook.carefully, value)


@pytest.mark.parametrize("stem", [stem for stem, records in RAW.items() if records])
def test_every_packaged_record_is_structured_quickly(stem: str) -> None:
    """The packaged data never needs the careful pass."""
    hook = _hook(KINDS[stem])
    assert [hook.quickly(raw) for raw in RAW[stem]] == [hook.carefully(raw) for raw in RAW[stem]]


# -- checks --------------------------------------------------------------------------


def _texts(ids: list[str], names: list[str]) -> st.SearchStrategy[str]:
    """Strings a broken record might hold: ids and names, dangling, empty or padded."""
    known = st.sampled_from(ids + names)
    return st.one_of(
        known,
        known.map(lambda text: text + "-missing"),
        known.map(lambda text: f" {text} "),
        st.sampled_from(["", "  ", "x"]),
    )


def _value(  # noqa: PLR0911 - one return per type
    draw: st.DrawFn,
    type_: Any,  # noqa: ANN401 - a field's type
    record: object,
    texts: st.SearchStrategy[str],
) -> object:
    """Draw a replacement for a field of type *type_*: the right type, often a wrong value."""
    if type_ is str:
        return draw(st.one_of(texts, st.just(getattr(record, "id", "x"))))
    if type_ is int:
        return draw(st.sampled_from([-5, 0, 1, 1990, 2030, 9999, 10_000]))
    if type_ is datetime.date:
        return draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
    if type_ is Citation:
        return Citation(draw(texts), None, draw(st.sampled_from(["", " ", "a quote"])))
    if type_ is Name:
        return Name(draw(texts), NameKind.ACRONYM)
    if type_ is Office:
        return Office("a title", draw(st.none() | texts), draw(st.none() | st.just(0)), ())
    if isinstance(type_, type):  # an enum
        return draw(st.sampled_from(type_))
    args = typing.get_args(type_)
    if typing.get_origin(type_) is tuple:
        count = draw(st.integers(0, 2))
        return tuple(_value(draw, args[0], record, texts) for _ in range(count))
    if draw(st.booleans()):  # X | None
        return None
    return _value(draw, next(arg for arg in args if arg is not type(None)), record, texts)


def _changed(record: nzcoop.Entity, field: str, value: object) -> nzcoop.Entity:
    changes: dict[str, Any] = {field: value}
    return attrs.evolve(record, **changes)


@st.composite
def damaged_datasets(draw: st.DrawFn) -> dict[str, list[nzcoop.Entity]]:
    """Return a valid sub-dataset's records, often with one field of one record changed."""
    data = draw(s.sub_datasets)
    records = {stem: list(data.records(stem)) for stem, _ in RECORD_KINDS}
    entities = data.entities()
    if not entities:
        return records
    stem = draw(st.sampled_from([stem for stem, group in records.items() if group]))
    position = draw(st.integers(0, len(records[stem]) - 1))
    record = records[stem][position]
    how = draw(st.sampled_from(["field", "field", "field", "copy", "loop", "none"]))
    parent = PARENTS.get(type(record))
    if how == "copy":
        records[stem].append(record)
    elif how == "loop" and parent:  # the record and another of its kind are each other's parent
        other = draw(st.integers(0, len(records[stem]) - 1))
        other_id = records[stem][other].id
        records[stem][position] = _changed(record, parent, other_id)
        records[stem][other] = _changed(records[stem][other], parent, record.id)
    elif how == "field":
        field = draw(st.sampled_from(attrs.fields(type(record))))
        texts = _texts([e.id for e in entities], [e.name for e in entities])
        changed = _value(draw, field.type, record, texts)
        records[stem][position] = _changed(record, field.name, changed)
    return records


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_datasets())
def test_passes_exactly_when_check_finds_nothing(records: dict[str, list[nzcoop.Entity]]) -> None:
    """Law: `passes` is True exactly when `check` finds no problem."""
    tables = Tables.of([record for group in records.values() for record in group])
    groups = {kind: records[stem] for stem, kind in RECORD_KINDS}
    assert passes(groups, tables) == (check(records) == [])

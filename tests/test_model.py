"""The record classes and the one table of their kinds."""

from __future__ import annotations

import typing

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop._model import KINDS, RECORD_KINDS, Entity, Kind, citations, kind_of

from . import strategies as s

Record = Entity | nzcoop.Name | nzcoop.Citation | nzcoop.Office
# Records and the records inside them (names, citations, offices), of every class.
PARTS: set[Record] = {
    *(name for entity in s.ENTITIES for name in entity.names),
    *(citation for entity in s.ENTITIES for citation in citations(entity)),
}
RECORDS: list[Record] = [
    *s.ENTITIES,
    *sorted(PARTS, key=repr),
    *(office for person in nzcoop.people() for office in person.offices),
]


def test_every_record_class_has_one_kind() -> None:
    classes = [kind.cls for kind in KINDS]
    assert len(classes) == len(set(classes))
    assert all(attrs.has(cls) for cls in classes)
    for kind in KINDS:
        assert kind_of(kind.cls) is kind
        for field in kind.nested:  # every record class found inside a record has a kind
            (item,) = typing.get_args(attrs.fields_dict(kind.cls)[field].type)[:1]
            assert kind_of(item).stem is None


def test_words_and_stems_are_unique() -> None:
    words = [kind.word for kind in KINDS]
    stems = [kind.stem for kind in RECORD_KINDS]
    assert len(words) == len(set(words))
    assert len(stems) == len(set(stems))
    assert all(kind.stem is None for kind in KINDS if kind not in RECORD_KINDS)


def test_every_field_the_table_names_exists_with_the_right_type() -> None:
    """References hold ids, years hold ints, and a parent is a reference to its own kind."""
    for kind in KINDS:
        fields = attrs.fields_dict(kind.cls)
        for field, targets in kind.references:
            assert fields[field].type in (str, str | None, tuple[str, ...]), (kind.word, field)
            assert targets
            assert all(kind_of(target).stem for target in targets)
        for field in kind.years:
            assert fields[field].type == int | None, (kind.word, field)
        if kind.span is not None:
            assert set(kind.span) <= set(fields)
        if kind.parent is not None:
            assert dict(kind.references)[kind.parent] == (kind.cls,)


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda kind: kind.word)
def test_every_entity_has_an_id_a_name_and_other_names(kind: Kind) -> None:
    fields = attrs.fields_dict(kind.cls)
    assert (fields["id"].type, fields["name"].type) == (str, str)
    assert fields["names"].type == tuple[nzcoop.Name, ...]
    assert ("sources" in fields) is (kind.cls is not nzcoop.Source)


def test_records_are_frozen_and_slotted() -> None:
    name = nzcoop.Name("M5", nzcoop.NameKind.ACRONYM)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        name.value = "M6"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        name.extra = 1  # type: ignore[attr-defined]


@given(st.sampled_from(RECORDS), st.sampled_from(RECORDS))
def test_records_are_equal_by_class_and_fields_and_hash_alike(a: Record, b: Record) -> None:
    same = type(a) is type(b) and attrs.astuple(a, recurse=False) == attrs.astuple(b, recurse=False)
    assert (a == b, a != b) == (same, not same)
    copy = attrs.evolve(a)
    assert copy is not a
    assert copy == a
    assert hash(copy) == hash(a)


@given(st.sampled_from(RECORDS), st.data())
def test_records_differing_in_one_field_are_unequal(record: Record, data: st.DataObject) -> None:
    field = data.draw(st.sampled_from(attrs.fields(type(record))))
    other = type(record)(**{**attrs.asdict(record, recurse=False), field.name: object()})
    assert record != other
    assert other != record


def test_a_record_is_not_equal_to_its_values() -> None:
    citation = nzcoop.Citation("a-source", None, "A quote.")
    assert citation != ("a-source", None, "A quote.")  # type: ignore[comparison-overlap]
    assert citation.__eq__(("a-source", None, "A quote.")) is NotImplemented


def test_attrs_makes_the_methods_of_every_record_class() -> None:
    """Equality, hash and repr are attrs' own, not written by hand."""
    for kind in KINDS:
        for method in ("__init__", "__eq__", "__hash__", "__repr__"):
            code = getattr(kind.cls, method).__code__
            assert code.co_filename.startswith("<attrs generated"), (kind.word, method)
    name = nzcoop.Name("M5", nzcoop.NameKind.ACRONYM)
    assert repr(name) == "Name(value='M5', kind=<NameKind.ACRONYM: 'acronym'>)"
    office = nzcoop.Office("Minister", None, 2007, ())
    assert repr(office) == "Office(title='Minister', within=None, year=2007, sources=())"
    assert repr(nzcoop.organisation("M5")).startswith("Organisation(id='m5', name='Migration Five'")


class MyOrganisation(nzcoop.Organisation):
    """A user's subclass of a record class, adding a method and nothing else."""

    def shout(self) -> str:
        """Return the name in capitals."""
        return self.name.upper()


def test_a_users_subclass_of_a_record_class_works() -> None:
    """Equality, hash, repr, `attrs.evolve` and the converter work on a user's subclass."""
    m5 = nzcoop.organisation("M5")
    mine = MyOrganisation(**attrs.asdict(m5, recurse=False))
    assert mine == MyOrganisation(**attrs.asdict(m5, recurse=False))
    assert mine != m5  # of another class, as attrs compares
    assert hash(mine) == hash(MyOrganisation(**attrs.asdict(m5, recurse=False)))
    assert repr(mine).startswith("MyOrganisation(id='m5', name='Migration Five'")
    renamed = attrs.evolve(mine, name="Migration Six")
    assert (type(renamed), renamed.shout()) == (MyOrganisation, "MIGRATION SIX")
    conv = nzcoop.converter()
    again = conv.structure(conv.unstructure(mine), MyOrganisation)
    assert (type(again), again) == (MyOrganisation, mine)
    assert kind_of(MyOrganisation) is kind_of(nzcoop.Organisation)
    assert list(citations(mine)) == list(m5.sources)


def test_citations_of_a_record_include_those_of_its_parts() -> None:
    person = nzcoop.lookup("David Cunliffe")
    assert isinstance(person, nzcoop.Person)
    found = list(citations(person))
    assert found == [*person.sources, *(c for office in person.offices for c in office.sources)]
    assert list(citations(nzcoop.sources()[0])) == []

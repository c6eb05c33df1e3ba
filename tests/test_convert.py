"""The converter: JSON documents to records and back, and what it says of bad JSON."""

from __future__ import annotations

import copy
import json
import typing
from importlib.resources import files
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop._convert import json_type, structure, unstructure
from nzcoop._model import RECORD_KINDS
from nzcoop._schema import schemas

from . import sample
from . import strategies as s
from .sample import Expected, drop, set_

BROKEN: dict[str, tuple[sample.Change, Expected]] = {
    "missing key": (
        drop("organisations", 0, "kind"),
        [("organisations.json", "organisations[0].kind", "required key is missing")],
    ),
    "unknown key": (
        set_("organisations", 1, "colour", "red"),
        [("organisations.json", "organisations[1]", "unknown key(s) 'colour'; expected only: id,")],
    ),
    "bad enum in a nested name": (
        set_("organisations", 0, "names", [{"value": "TF", "kind": "nickname"}]),
        [("organisations.json", "organisations[0].names[0].kind", "found 'nickname'")],
    ),
    "bad role": (
        set_("engagements", 0, "role", "chair"),
        [("engagements.json", "engagements[0].role", "expected one of 'member'")],
    ),
    "number for an enum": (
        set_("engagements", 1, "role", 5),
        [("engagements.json", "engagements[1].role", "expected one of 'member'")],
    ),
    "bad theme": (
        set_("organisations", 0, "themes", ["smuggling"]),
        [("organisations.json", "organisations[0].themes[0]", "found 'smuggling'")],
    ),
    "number for a string": (
        set_("organisations", 0, "name", 7),
        [("organisations.json", "organisations[0].name", "expected a string, found a number")],
    ),
    "number for an id": (
        set_("organisations", 1, "parent", 5),
        [("organisations.json", "organisations[1].parent", "expected a string, found a number")],
    ),
    "string for a list": (
        set_("organisations", 0, "themes", "people-smuggling"),
        [("organisations.json", "organisations[0].themes", "expected a list, found a string")],
    ),
    "bool for a year": (
        set_("engagements", 0, "since", True),
        [("engagements.json", "engagements[0].since", "expected an integer, found a boolean")],
    ),
    "float for a year": (
        set_("instruments", 0, "valid_from", 2020.5),
        [("instruments.json", "instruments[0].valid_from", "expected an integer, found a number")],
    ),
    "list for a record": (
        set_("people", 0, "offices", [["Minister"]]),
        [("people.json", "people[0].offices[0]", "expected an object, found a list")],
    ),
    "bad date text": (
        set_("events", 0, "start", "24 June 2013"),
        [("events.json", "events[0].start", "expected a date as 'YYYY-MM-DD'")],
    ),
    "date in another ISO form": (
        set_("events", 0, "start", "20130624"),
        [("events.json", "events[0].start", "expected a date as 'YYYY-MM-DD', found '20130624'")],
    ),
    "impossible date": (
        set_("events", 0, "end", "2013-02-30"),
        [("events.json", "events[0].end", "found '2013-02-30'")],
    ),
    "date as a number": (
        set_("sources", 0, "date", 20130624),
        [("sources.json", "sources[0].date", "found a number")],
    ),
    "wrong top-level shape": (
        lambda docs: docs.update(terms=[]),
        [("terms.json", "$", 'expected an object {"terms": ...}, found a list')],
    ),
    "wrong top-level key": (
        lambda docs: docs.update(terms={"term": []}),
        [("terms.json", "$", "expected exactly one key, 'terms'; found unknown key(s) 'term'")],
    ),
    "no top-level key": (
        lambda docs: docs.update(terms={}),
        [("terms.json", "$", "expected exactly one key, 'terms'; found no key 'terms'")],
    ),
    "records not a list": (
        lambda docs: docs.update(terms={"terms": {"id": "x"}}),
        [("terms.json", "terms", "expected a list of records, found an object")],
    ),
    "release not a string": (
        lambda docs: docs.update(release={"release": 1}),
        [("release.json", "release", "expected a string, found a number")],
    ),
    "a record that is not an object": (
        lambda docs: docs["terms"]["terms"].append("mass arrival"),
        [("terms.json", "terms[1]", "expected an object, found a string")],
    ),
    "release file of the wrong shape": (
        lambda docs: docs.update(release={"version": "1"}),
        [("release.json", "$", "expected exactly one key, 'release'; found unknown key(s)")],
    ),
    "a broken record's id is not reported as unknown where it is named": (
        drop("organisations", 1, "themes"),
        [("organisations.json", "organisations[1].themes", "required key is missing")],
    ),
    "every error of a record, and a problem of the dataset beside them": (
        sample.both(
            drop("organisations", 0, "kind"),
            set_("organisations", 0, "name", 7),
            set_("events", 0, "places", ["city"]),
        ),
        [
            ("events.json", "events[0].places[0]", "unknown id 'city'"),
            ("organisations.json", "organisations[0].kind", "required key is missing"),
            ("organisations.json", "organisations[0].name", "expected a string"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_mistake_is_reported_at_its_place(case: str) -> None:
    change, expected = BROKEN[case]
    found = sample.problems(change)
    assert sample.matches(found, expected), found


def test_the_sample_structures() -> None:
    data = sample.structure(sample.documents())
    assert data.release == "test.1"
    assert len(data.entities()) == 18


def test_missing_documents_mean_no_records() -> None:
    assert sample.structure({}) == nzcoop.Dataset()
    assert sample.structure({"release": {"release": "x"}}).release == "x"


def test_json_type_names_json_types_and_others() -> None:
    values: list[object] = [None, True, 1, 1.5, "", [], {}]
    assert [json_type(v) for v in values] == [
        "null",
        "a boolean",
        "a number",
        "a number",
        "a string",
        "a list",
        "an object",
    ]
    assert json_type(object()) == "object"


def _records(data: nzcoop.Dataset) -> list[tuple[nzcoop.Entity, ...]]:
    return [data.records(str(kind.stem)) for kind in RECORD_KINDS]


def test_unstructure_gives_the_packaged_files() -> None:
    documents = unstructure(s.DATA.release, _records(s.DATA))
    for stem, document in documents.items():
        text = (files("nzcoop") / "data" / f"{stem}.json").read_text("utf-8")
        assert json.loads(text) == document


@given(s.sub_datasets)
def test_structure_inverts_unstructure(data: nzcoop.Dataset) -> None:
    """Law: structuring the documents of a dataset gives back its records and release."""
    read = structure(unstructure(data.release, _records(data)))
    assert (read.release, list(read.records), read.problems) == (data.release, _records(data), [])


def _single(stem: str, record: object) -> dict[str, Any]:
    return {stem: {stem: [record]}}


@st.composite
def damaged_records(draw: st.DrawFn) -> tuple[str, object]:
    """Return a data file stem and a packaged record's JSON, often with one change."""
    kind = draw(st.sampled_from([kind for kind in RECORD_KINDS if s.DATA.records(str(kind.stem))]))
    stem = str(kind.stem)
    raw = unstructure("", _records(s.DATA))[stem][stem]  # type: ignore[index]
    record = copy.deepcopy(draw(st.sampled_from(raw)))
    return stem, draw(st.one_of(st.just(record), s.mutated(record)))


@given(damaged_records())
def test_the_converter_accepts_what_the_schema_accepts(case: tuple[str, object]) -> None:
    """Law: a record structures exactly when its file's JSON Schema finds it valid.

    Year ranges aside: the schema bounds years, and the checks do (not the converter).
    """
    stem, record = case
    read = structure(_single(stem, record))
    schema = schemas()[f"{stem}.schema.json"]
    errors = [
        error
        for error in jsonschema.Draft202012Validator(schema).iter_errors(
            _single(stem, record)[stem]
        )
        if error.validator not in {"minimum", "maximum"}
    ]
    assert (read.problems == []) == (errors == []), (read.problems, [e.message for e in errors])


@given(s.sub_datasets)
def test_the_quick_converter_structures_as_the_public_one(data: nzcoop.Dataset) -> None:
    """Law: the quick hooks, which share equal values, structure as the public converter.

    The public one shares nothing, and the quick one only while a dataset is structured.
    """
    from nzcoop._convert import _quick, _shared

    conv = nzcoop.converter()
    for record in data.entities():
        raw = conv.unstructure(record)
        quick = _quick().structure(raw, type(record))
        public = conv.structure(raw, type(record))
        assert _exactly(quick) == _exactly(public) == _exactly(record)
    _shared.clear()
    structure(unstructure(data.release, [data.records(k.stem or "") for k in RECORD_KINDS]))
    assert _shared == {}


def _exactly(value: object) -> object:
    """Return *value* with the type of everything in it: a theme is not its string."""
    if attrs.has(type(value)):
        fields = attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(value)))
        return type(value), tuple(_exactly(getattr(value, f.name)) for f in fields)
    if isinstance(value, tuple):
        return tuple(_exactly(item) for item in value)
    return type(value), value


def test_a_tuple_of_ids_is_never_shared_with_an_equal_tuple_of_themes() -> None:
    """A vocabulary member equals its string, so equal tuples may differ in type."""
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["themes"] = ["information-sharing"]
    docs["outcomes"]["outcomes"][0]["subjects"] = ["information-sharing"]
    read = structure(docs)
    records = dict(zip([kind.stem for kind in RECORD_KINDS], read.records, strict=True))
    assert read.problems == []
    (forum, *_), (outcome,) = records["organisations"], records["outcomes"]
    assert isinstance(forum, nzcoop.Organisation)
    assert isinstance(outcome, nzcoop.Outcome)
    assert type(forum.themes[0]) is nzcoop.Theme
    assert type(outcome.subjects[0]) is str


def test_a_list_of_wrong_items_is_said_wrong_up_to_a_limit() -> None:
    """The first `MAX_ITEM_ERRORS` wrong items of a list are named; the rest unexamined."""
    from nzcoop._convert import MAX_ITEM_ERRORS

    docs = sample.documents()
    docs["organisations"]["organisations"][0]["names"] = [7] * (MAX_ITEM_ERRORS + 50)
    found = sample.problems(lambda _: None) or []
    assert found == []  # the sample itself is valid
    with pytest.raises(nzcoop.DatasetError) as caught:
        sample.structure(docs)
    paths = [p.path for p in caught.value.problems]
    assert paths == [f"organisations[0].names[{i}]" for i in range(MAX_ITEM_ERRORS)]

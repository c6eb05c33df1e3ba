"""The CSV data package read back: equal datasets, and every bad edit a clear problem."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import tempfile
import typing
import zipfile
from collections.abc import Callable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, Any
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import Dataset, DatasetError, Problem
from nzcoop._convert import unstructure
from nzcoop._errors import Found
from nzcoop._files import _CHUNK
from nzcoop._model import KINDS, RECORD_KINDS, STEMS, kind_of
from nzcoop._package import (
    DESCRIPTOR,
    LAYOUT,
    PARTIAL,
    Cells,
    _Cell,
    _Reader,
    layout,
    table_rows,
    value_row,
)

from . import sample
from .strategies import csv_datasets, csv_optional_text, csv_text, dated_dataset, sub_datasets

# -- the layout -----------------------------------------------------------------------------


def test_every_field_of_every_record_class_has_one_place() -> None:
    """Law: each field is a column of its class's table, or the link of a table of its own."""
    tables = layout().tables
    placed: dict[tuple[type, str], str] = {}

    def visit(part: Any) -> None:  # noqa: ANN401 - a _Part
        for name, column, _ in part.fields:
            assert column in tables[part.table].columns
            placed[(part.cls, name)] = part.table
        for name, table in part.values:
            placed[(part.cls, name)] = table
        for name, table in part.optional:
            placed[(part.cls, name)] = table
        for name, child in part.parts:
            placed[(part.cls, name)] = child.table
            visit(child)

    for _, part in layout().records:
        visit(part)
    expected = {(kind.cls, field.name) for kind in KINDS for field in attrs.fields(kind.cls)}
    expected -= {(nzcoop.Name, "value"), (nzcoop.Name, "kind")} - set(placed)
    assert set(placed) == expected


def test_each_row_of_values_is_written_as_it_is_read() -> None:
    """Law: a table of values, or of an optional integer, is written as `value_row` says.

    The reader reads its rows by `value_row` too: the holder's key, the value, then the
    kind of the record the value is the id of where the table has that column.
    """
    data = nzcoop.dataset()
    documents = unstructure(data.release, [data.records(stem) for stem in STEMS])
    rows = table_rows(documents, data.digest, Cells.RAW)
    kinds = {entity.id: kind_of(type(entity)).word for entity in data.entities()}
    links = layout().links
    kinded = 0
    for name, table in layout().tables.items():
        if name not in links or links[name].part is not None or name not in rows:
            continue
        keys, value, kind = value_row(table)
        names = [column.name for column in table.columns]
        assert names == [*keys, value.name, *([kind.name] if kind else [])]
        for row in rows[name]:
            assert len(row) == len(names)
            if kind is not None:
                assert row[names.index(kind.name)] == kinds[row[names.index(value.name)]]
                kinded += 1
    assert kinded  # the packaged data has values that are ids of several kinds


def test_no_integer_column_may_be_empty() -> None:
    """Law: an integer column never holds a missing value, so tools read it as integers."""
    integers = [
        (table.name, column.name)
        for table in layout().tables.values()
        for column in table.columns
        if column.cell is _Cell.INTEGER
    ]
    assert ("engagement_since", "since") in integers
    assert ("person_office_year", "year") in integers
    for table in layout().tables.values():
        for column in table.columns:
            if column.cell is _Cell.INTEGER:
                assert not column.nullable, (table.name, column.name)
                assert column.descriptor["type"] == "integer"
                assert column.descriptor["constraints"]["required"] is True


def test_table_names_are_the_kinds_then_their_lists() -> None:
    names = list(layout().tables)
    assert names[:3] == ["release", "sources", "source_names"]
    assert names.index("person_offices") < names.index("person_office_year")
    assert names.index("person_office_year") < names.index("person_office_citations")
    assert len(names) == len(set(names))
    for kind in RECORD_KINDS:
        assert kind.stem in names


# -- cells ----------------------------------------------------------------------------------


@given(csv_optional_text, st.sampled_from(Cells), st.booleans())
def test_cells_read_back_as_written(text: str | None, cells: Cells, nullable: bool) -> None:
    """Law: unescape(escape(text)) is text, for any text (and None where it may be)."""
    if text is None and not nullable:
        text = ""
    cell = cells.escape(text, nullable=nullable)
    assert cells.unescape(cell, nullable=nullable) == text


@given(csv_text, st.booleans())
def test_spreadsheet_safe_cells_start_with_no_formula(text: str, nullable: bool) -> None:
    """Law: a spreadsheet-safe cell never starts with ``=``, ``+``, ``-``, ``@``, tab or CR."""
    cell = Cells.SPREADSHEET_SAFE.escape(text, nullable=nullable)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    if text.startswith(("=", "+", "-", "@", "\t", "\r", "'")):
        assert cell == "'" + text
    raw = Cells.RAW.escape(text, nullable=nullable)
    assert raw == text or (nullable and not text.strip("'") and raw == "'" + text)


def test_empty_text_and_none_are_different_cells() -> None:
    for cells in Cells:
        assert cells.escape(None, nullable=True) == ""
        assert cells.escape("", nullable=True) == "'"
        assert cells.escape("", nullable=False) == ""
        assert cells.escape("''", nullable=True) == "'''"
    assert Cells.RAW.escape("'a", nullable=True) == "'a"
    assert Cells.SPREADSHEET_SAFE.escape("'a", nullable=True) == "''a"


# -- reading back ---------------------------------------------------------------------------


def _round_trip(data: Dataset, **options: bool) -> Dataset:
    """Export *data* as CSV into a new folder and load it back (without fsync: not the law)."""
    with tempfile.TemporaryDirectory() as folder, mock.patch("os.fsync"):
        nzcoop.export(data, "csv", folder, force=True, **options)
        return nzcoop.load(folder)


def _same(again: Dataset, data: Dataset) -> None:
    assert again == data
    assert again.release == data.release
    assert again.digest == data.digest


@given(csv_datasets, st.booleans())
def test_the_csv_package_reads_back_to_an_equal_dataset(data: Dataset, raw: bool) -> None:
    """Law: load(export(d, "csv")) == d, with d's release and digest, in either cell mode.

    The datasets hold text that stresses CSV (commas, quotes, line breaks, tabs, NUL,
    leading formula characters and apostrophes, empty texts beside None).
    """
    _same(_round_trip(data, raw_cells=raw), data)


@given(sub_datasets | dated_dataset())
def test_the_nzcoop_export_reads_back_to_an_equal_dataset(data: Dataset) -> None:
    """Law: load(export(d, "nzcoop")) == d, with d's release and digest."""
    with tempfile.TemporaryDirectory() as folder, mock.patch("os.fsync"):
        nzcoop.export(data, "nzcoop", folder)
        _same(nzcoop.load(folder), data)


def test_the_packaged_data_reads_back_from_csv(tmp_path: Path) -> None:
    data = nzcoop.dataset()
    for raw in (False, True):
        nzcoop.export(data, "csv", tmp_path, force=True, raw_cells=raw)
        _same(nzcoop.load(tmp_path), data)


def test_ids_that_look_like_formulas_read_back(tmp_path: Path) -> None:
    """An id starting with ``=`` is escaped alike wherever it is, keys and references too."""
    docs = _renamed(_renamed(sample.documents(), "aland", "=aland"), "doc", "@doc")
    data = nzcoop.load(sample.write(tmp_path / "data", docs))
    for raw in (False, True):
        out = tmp_path / f"csv-{raw}"
        nzcoop.export(data, "csv", out, raw_cells=raw)
        _same(nzcoop.load(out), data)
        ids = {row["id"] for row in _read(out / "participants.csv")}
        assert ("=aland" if raw else "'=aland") in ids


def _renamed(document: Any, old: str, new: str) -> Any:  # noqa: ANN401 - JSON
    """Return *document* with every string *old* in it replaced by *new*."""
    if isinstance(document, dict):
        return {key: _renamed(value, old, new) for key, value in document.items()}
    if isinstance(document, list):
        return [_renamed(value, old, new) for value in document]
    return new if document == old else document


def test_a_package_in_a_zip_archive_reads_back(tmp_path: Path) -> None:
    data = nzcoop.dataset()
    nzcoop.export(data, "csv", tmp_path / "csv")
    with zipfile.ZipFile(tmp_path / "data.zip", "w") as archive:
        for path in sorted((tmp_path / "csv").iterdir()):
            archive.write(path, f"csv/{path.name}")
    with zipfile.ZipFile(tmp_path / "data.zip") as archive:
        _same(nzcoop.load(zipfile.Path(archive, "csv/")), data)


def test_an_empty_dataset_is_a_release_table_alone(tmp_path: Path) -> None:
    written = nzcoop.export(Dataset(), "csv", tmp_path)
    assert [path.name for path in written] == ["release.csv", DESCRIPTOR, "README.md"]
    _same(nzcoop.load(tmp_path), Dataset())


# -- bad edits ------------------------------------------------------------------------------


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """Return a folder holding the CSV package of the sample dataset, with an office more."""
    docs = sample.documents()
    docs["people"]["people"][0]["offices"].append(
        {"title": "Adviser", "within": None, "year": None, "sources": [sample._CITE]}
    )
    data = nzcoop.load(sample.write(tmp_path / "data", docs))
    nzcoop.export(data, "csv", tmp_path / "csv")
    return tmp_path / "csv"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _edit(path: Path, change: Callable[[list[list[str]]], None]) -> None:
    """Change the rows (header first) of the CSV file *path*."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


def _set(path: Path, row: int, column: str, value: str) -> None:
    """Set the cell of *column* in the spreadsheet row *row* (the header is row 1)."""

    def change(rows: list[list[str]]) -> None:
        rows[row - 1][rows[0].index(column)] = value

    _edit(path, change)


def _problems(folder: Path | zipfile.Path, **options: Any) -> list[str]:  # noqa: ANN401
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(folder, **options)
    assert isinstance(caught.value, ValueError)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "expected"),
    [
        (
            "engagement_since.csv", 2, "since", "2011a",
            ("engagement_since.csv: row 2, column since: expected an integer such as 2013, "
            "found '2011a'"),
        ),
        (
            "engagement_since.csv", 2, "since", "",
            "engagement_since.csv: row 2, column since: is empty; expected an integer",
        ),
        (
            "engagement_since.csv", 2, "since", "9" * 700,
            "engagement_since.csv: row 2, column since: has more than 640 digits",
        ),
        (
            "engagements.csv", 2, "role", "memberr",
            "engagements.csv: row 2, column role: expected one of 'member', 'co-chair'",
        ),
        (
            "organisations.csv", 3, "parent", "nowhere",
            "organisations.csv: row 3, column parent: unknown id 'nowhere'",
        ),
        (
            "organisation_themes.csv", 2, "theme", "smuggling",
            "organisation_themes.csv: row 2, column theme: expected one of",
        ),
        (
            "citations.csv", 2, "source", "nodoc",
            "citations.csv: row 2, column source: unknown id 'nodoc'",
        ),
        (
            "person_office_citations.csv", 2, "source", "nodoc",
            "person_office_citations.csv: row 2, column source: unknown id 'nodoc'",
        ),
        (
            "person_offices.csv", 3, "office", "1",
            "person_offices.csv: row 3, column office: 1 numbers two of the same holder's",
        ),
        (
            "person_offices.csv", 2, "within_kind", "organisation",
            ("person_offices.csv: row 2, column within_kind: 'organisation' is not the kind "
            "of the record named: 'aland' is the id of a participant"),
        ),
        (
            "person_offices.csv", 3, "within_kind", "participant",
            ("person_offices.csv: row 3, column within_kind: 'participant' is not the kind "
            "of the record named: no id is given"),
        ),
        (
            "engagements.csv", 2, "participant", "nobody",
            "engagements.csv: row 2, column participant: unknown id 'nobody'",
        ),
        (
            "citations.csv", 2, "record_id", "nothing",
            ("citations.csv: row 2: record_id 'nothing' and record_kind 'place' name nothing "
            "that has sources"),
        ),
        (
            "citations.csv", 2, "record_kind", "region",
            "citations.csv: row 2: record_id 'town' and record_kind 'region' name nothing",
        ),
        (
            "events.csv", 2, "start", "2013-06",
            ("events.csv: row 2, column start: expected a day such as 2013-06-24, for the "
            "precision 'day'; found '2013-06'"),
        ),
        (
            "events.csv", 2, "start", "2013-02-30",
            "events.csv: row 2, column start: expected a date as 'YYYY-MM-DD'",
        ),
        (
            "events.csv", 2, "end", "2013-06-20",
            "events.csv: row 2, column end: end 2013-06-20 is before start 2013-06-24",
        ),
        (
            "events.csv", 2, "precision", "fortnight",
            "events.csv: row 2, column precision: expected one of 'day'",
        ),
        (
            "person_offices.csv", 2, "office", "first",
            ("person_offices.csv: row 2, column office: expected an integer such as 2013, "
             "found 'first'"),
        ),
        (
            "release.csv", 2, "release", "",
            None,
        ),
    ],
)  # fmt: skip
def test_a_bad_cell_is_a_problem_at_its_file_row_and_column(
    package: Path, file: str, row: int, column: str, value: str, expected: str | None
) -> None:
    _set(package / file, row, column, value)
    if expected is None:  # an edit that is no problem
        assert nzcoop.load(package).release == ""
        return
    problems = _problems(package)
    assert any(problem.startswith(expected) for problem in problems), problems


@pytest.mark.parametrize(
    ("precision", "start", "end", "expected"),
    [
        ("year", "2013", "2013", None),
        ("year", "2013", "2014", "column end: a year precision spans 2013-01-01 to 2013-12-31"),
        ("year", "2013-06", "2013", "column start: expected a year such as 2013, for the"),
        ("month", "2013-13", "2013-13", "column start: '2013-13' is no month of the calendar"),
        ("month", "2013-06", "2013-06", None),
        ("week", "2013-W26", "2013-W26", None),
        ("week", "2013-W54", "2013-W54", "column start: '2013-W54' is no week of the calendar"),
        ("week", "9999-W52", "9999-W52", "column end: '9999-W52' is no week of the calendar"),
        ("between", "", "2013-06-27", None),
        ("", "2013-06-24", "2013-06-27", "column precision: a dated event needs a precision"),
        ("", "", "", None),
        ("day", "", "", "column precision: an undated event has no precision"),
    ],
)
def test_event_dates_are_read_by_their_precision(
    package: Path, precision: str, start: str, end: str, expected: str | None
) -> None:
    for column, value in (("precision", precision), ("start", start), ("end", end)):
        _set(package / "events.csv", 2, column, value)
    if expected is None:
        event = nzcoop.load(package).records("events")[0]
        assert (event.precision or "") == precision
        assert (
            nzcoop._package._precise_cell(  # written back as it was read
                event.start.isoformat() if event.start else None, precision or None
            )
            == start
        )
        return
    problems = _problems(package)
    assert any(problem.startswith(f"events.csv: row 2, {expected}") for problem in problems), (
        problems
    )


def test_a_second_record_of_an_id_is_a_problem_where_it_is(package: Path) -> None:
    _edit(package / "organisations.csv", lambda rows: rows.append(rows[1]))
    assert _problems(package) == [
        (
            "organisations.csv: row 4, column id: duplicate id 'forum', first used at "
            "organisations.csv, row 2, column id"
        ),
        "organisations.csv: row 4, sources: no citations; every record needs at least one",
    ]


def test_a_record_without_citations_names_the_table_they_are_in(package: Path) -> None:
    _edit(package / "citations.csv", lambda rows: rows.__delitem__(1))  # the place's
    assert _problems(package) == [
        "places.csv: row 2, sources: no citations; every record needs at least one"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda rows: rows[1].append("more"),
            "organisations.csv: row 2: has 7 cells; the header has 6",
        ),
        (
            lambda rows: rows[0].__setitem__(-1, "about"),
            "organisations.csv: row 1: unknown column 'about'; expected the columns id,name,",
        ),
        (
            lambda rows: rows[0].__setitem__(-1, "id"),
            "organisations.csv: row 1: the column 'id' appears 2 times; expected",
        ),
        (
            lambda rows: rows[0].pop(),
            "organisations.csv: row 1: no column 'description'; expected",
        ),
        (lambda rows: rows.clear(), "organisations.csv: $: is empty; expected a header row: id,"),
        (lambda rows: rows.insert(2, []), None),  # an empty line is no row
    ],
)
def test_a_table_of_the_wrong_shape_is_a_problem(
    package: Path, change: Callable[[list[list[str]]], None], expected: str | None
) -> None:
    _edit(package / "organisations.csv", change)
    if expected is None:
        assert len(nzcoop.load(package).records("organisations")) == 2
    else:
        assert any(problem.startswith(expected) for problem in _problems(package))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff", "organisations.csv: $: is not UTF-8 text: byte 39 is 0xff"),
        (b'"forum"x,', "organisations.csv: row 2: is not valid CSV: ',' expected"),
        (b'"forum', "organisations.csv: row 2: is not valid CSV: unexpected end of data"),
    ],
)
def test_a_table_that_is_no_csv_is_a_problem(package: Path, content: bytes, expected: str) -> None:
    header = b"id,name,kind,parent,place,description\r\n"
    assert (package / "organisations.csv").read_bytes().startswith(header)
    (package / "organisations.csv").write_bytes(header + content)
    assert any(problem.startswith(expected) for problem in _problems(package))


def test_a_description_longer_than_the_csv_modules_limit_reads_back(tmp_path: Path) -> None:
    """A cell longer than `csv.field_size_limit` (131,072 characters by default) is read.

    The limit is raised for the read only, and set back to what it was, whatever it was
    (another library may have lowered or raised it for the whole process).
    """
    data = nzcoop.dataset()
    first = data.organisations()[0]
    long = attrs.evolve(first, description="A long description. " * 10_000)
    changed = Dataset(
        [long if record is first else record for record in data.entities()],
        release=data.release,
    )
    nzcoop.export(changed, "csv", tmp_path)
    before = csv.field_size_limit()
    try:
        for limit in (131_072, 1000):  # the csv module's default, and one lowered
            csv.field_size_limit(limit)
            assert len(long.description or "") > limit
            assert nzcoop.load(tmp_path) == changed
            assert csv.field_size_limit() == limit
    finally:
        csv.field_size_limit(before)


def test_loads_in_threads_each_read_long_cells(tmp_path: Path) -> None:
    """Loads at once each raise the process's csv.field_size_limit under one lock."""
    from concurrent.futures import ThreadPoolExecutor

    data = nzcoop.dataset()
    first = data.organisations()[0]
    changed = Dataset(
        [
            attrs.evolve(first, description="x" * 200_000) if record is first else record
            for record in data.entities()
        ],
        release=data.release,
    )
    nzcoop.export(changed, "csv", tmp_path)
    limit = csv.field_size_limit()
    with ThreadPoolExecutor(4) as pool:
        loaded = list(pool.map(lambda _: nzcoop.load(tmp_path), range(8)))
    assert all(each == changed for each in loaded)
    assert csv.field_size_limit() == limit


def test_a_spreadsheets_byte_order_mark_is_read(package: Path) -> None:
    path = package / "organisations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(nzcoop.load(package).records("organisations")) == 2


def test_links_to_nothing_and_second_values_are_problems(package: Path) -> None:
    def twice(rows: list[list[str]]) -> None:
        rows.append(rows[1])

    _edit(package / "engagement_since.csv", twice)
    _set(package / "organisation_themes.csv", 2, "organisation_id", "nothing")
    assert _problems(package) == [
        "organisation_themes.csv: row 2: organisation_id 'nothing' name nothing that has themes",
        (
            "engagement_since.csv: row 3, column since: a second since for the same holder, "
            "which has one at most"
        ),
    ]


def test_a_release_table_of_a_header_alone_is_no_release(package: Path) -> None:
    _edit(package / "release.csv", lambda rows: rows.__delitem__(1))
    assert nzcoop.load(package).release == ""


def test_a_problem_of_a_whole_file_stays_at_its_table() -> None:
    reader = _Reader({}, Cells.RAW, Found())
    problem = reader.translate(Problem("terms.json", "$", "is wrong as a whole"))
    assert problem == Problem("terms.csv", "$", "is wrong as a whole")


def test_a_second_release_is_a_problem(package: Path) -> None:
    _edit(package / "release.csv", lambda rows: rows.append(["again", ""]))
    assert _problems(package) == ["release.csv: row 3: is a second release; the table has one row"]


def test_problems_stop_at_the_limit(package: Path) -> None:
    for column in ("role", "target_kind", "participant_kind"):
        _set(package / "engagements.csv", 2, column, "x")
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(package, max_problems=1)
    assert len(caught.value.problems) == 1
    assert caught.value.more >= 1


# -- the descriptor -------------------------------------------------------------------------


def _descriptor(package: Path, change: Callable[[dict[str, Any]], object]) -> None:
    path = package / DESCRIPTOR
    descriptor = json.loads(path.read_text("utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), "utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(name="other"), "datapackage.json: $: is not a data package written"),
        (lambda d: d.pop("nzcoop_layout"), "datapackage.json: $: is not a data package written"),
        (
            lambda d: d.update(nzcoop_layout=1),
            (
                f"datapackage.json: nzcoop_layout: is laid out as 1, which this nzcoop cannot "
                f"read (it reads {LAYOUT})"
            ),
        ),
        (
            lambda d: d.update(nzcoop_cells="safe"),
            "datapackage.json: nzcoop_cells: expected 'spreadsheet-safe' or 'raw', found 'safe'",
        ),
        (
            lambda d: d.update(resources={}),
            "datapackage.json: resources: expected a list of the package's tables",
        ),
        (
            lambda d: d["resources"][1].update(path="../sources.csv"),
            "datapackage.json: resources[1].path: expected 'sources.csv', found '../sources.csv'",
        ),
        (
            lambda d: d["resources"][1].update(name="mine"),
            (
                "datapackage.json: resources[1].name: expected a table of nzcoop's data package, "
                "found 'mine'"
            ),
        ),
        (
            lambda d: d["resources"].append(d["resources"][1]),
            "datapackage.json: resources[",
        ),
        (
            lambda d: d["resources"].pop(1),
            "sources.csv: $: is a table of the package but datapackage.json does not list it",
        ),
    ],
)
def test_a_bad_descriptor_is_a_problem(
    package: Path, change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    _descriptor(package, change)
    problems = _problems(package)
    assert any(problem.startswith(expected) for problem in problems), problems


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[]", "datapackage.json: $: expected a JSON object"),
        (b"{", "datapackage.json: $: is not valid JSON: Expecting property name"),
        (b'{"name": NaN}', "datapackage.json: $: is not valid JSON: NaN is not a JSON number"),
        (b"\xff", "datapackage.json: $: is not UTF-8 text: byte 0 is 0xff"),
    ],
)
def test_a_descriptor_that_is_no_json_object_is_a_problem(
    package: Path, content: bytes, expected: str
) -> None:
    (package / DESCRIPTOR).write_bytes(content)
    assert _problems(package)[0].startswith(expected)


def _descriptor_text(package: Path, change: Callable[[str], str]) -> None:
    path = package / DESCRIPTOR
    path.write_text(change(path.read_text("utf-8")), "utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda text: text.replace('"name": "nzcoop"', '"name": "other", "name": "nzcoop"'),
            "datapackage.json: name: the key 'name' appears 2 times in one object",
        ),
        (
            lambda text: text.replace('"nzcoop_layout": 2', '"nzcoop_layout": Infinity'),
            "datapackage.json: $: is not valid JSON: Infinity is not a JSON number",
        ),
        (
            lambda text: text[:-1] + ', "x": ' + "[" * 40 + "]" * 40 + "}",
            "datapackage.json: $: is not usable JSON: it nests deeper than 32 levels",
        ),
        (
            lambda text: text[:-1] + ', "x": [' + "{}," * 20_000 + "{}]}",
            "datapackage.json: $: is not usable JSON: it holds 20,",
        ),
        (
            lambda text: text.replace('"nzcoop"', '"\\ud800"', 1),
            "datapackage.json: name: '\\ud800' is not Unicode text",
        ),
    ],
    ids=["a repeated key", "Infinity", "deep", "dense", "a lone surrogate"],
)
def test_the_descriptor_is_read_as_strictly_as_a_data_file(
    package: Path, change: Callable[[str], str], expected: str
) -> None:
    """datapackage.json is read as strictly as a data file.

    A key twice, a number JSON has not, nesting past max_depth, brackets denser than
    any records need and a lone surrogate are each a problem at datapackage.json.
    """
    _descriptor_text(package, change)
    problems = _problems(package)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_the_files_of_a_package_are_opened_from_the_folders_descriptor(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file of a package is opened as a data file is.

    That is from the folder's descriptor, following no link, whatever the size limit.
    """
    real = os.open
    opened: dict[str, tuple[int, int | None]] = {}

    def note(path: Any, flags: int, *args: Any, dir_fd: int | None = None) -> int:  # noqa: ANN401 - as os.open
        opened[str(path)] = (flags, dir_fd)
        return real(path, flags, *args, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", note)
    assert nzcoop.load(package, max_file_size=sys.maxsize).sources()
    for name in (DESCRIPTOR, "sources.csv"):
        flags, dir_fd = opened[name]
        assert dir_fd is not None
        assert flags & os.O_NOFOLLOW


class _Noted(Traversable):
    """A folder read as a `Traversable` that is no path, noting what each read asks for."""

    def __init__(self, path: Path, asked: list[int]) -> None:
        self.path = path
        self.asked = asked

    @property
    def name(self) -> str:
        return self.path.name

    def is_dir(self) -> bool:
        return self.path.is_dir()

    def is_file(self) -> bool:
        return self.path.is_file()

    def iterdir(self) -> Iterator[Traversable]:
        return (_Noted(path, self.asked) for path in self.path.iterdir())

    def joinpath(self, *descendants: str | os.PathLike[str]) -> Traversable:
        return _Noted(self.path.joinpath(*descendants), self.asked)

    def open(self, mode: str = "r", *args: object, **kwargs: object) -> IO[Any]:  # noqa: ARG002
        stream = self.path.open("rb")
        read = stream.read

        def noted(size: int | None = -1) -> bytes:
            self.asked.append(-1 if size is None else size)
            return read(size)

        stream.read = noted  # type: ignore[method-assign] # noting each read
        return stream

    def read_text(self, encoding: str | None = None) -> str:
        raise NotImplementedError

    def read_bytes(self) -> bytes:
        raise NotImplementedError


@pytest.mark.parametrize("where", ["data", "csv"])
def test_a_traversable_folder_is_read_within_any_limit(package: Path, where: str) -> None:
    """A folder given as a `Traversable` loads with max_file_size=sys.maxsize.

    Its files say no size; no read asks for more than a chunk, let alone the limit:
    data files, datapackage.json and the tables alike.
    """
    asked: list[int] = []
    folder = package.parent / where
    loaded = nzcoop.load(_Noted(folder, asked), max_file_size=sys.maxsize)
    assert loaded == nzcoop.load(folder)
    assert asked
    assert max(asked) <= _CHUNK
    assert all(size > 0 for size in asked)


def test_a_zipped_package_is_read_within_any_limit(package: Path) -> None:
    zipped = package.parent / "package.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for path in package.iterdir():
            archive.write(path, path.name)
    with zipfile.ZipFile(zipped) as archive:
        loaded = nzcoop.load(zipfile.Path(archive), max_file_size=sys.maxsize)
    assert loaded == nzcoop.load(package)


def test_a_listed_table_that_is_missing_is_a_problem(package: Path) -> None:
    (package / "sources.csv").unlink()
    assert _problems(package) == [
        "sources.csv: $: is listed in datapackage.json but is not in the folder"
    ]


def test_a_table_past_the_size_limit_is_a_problem(package: Path) -> None:
    _set(package / "citations.csv", 2, "quote", "x" * 100_000)
    size = (package / "citations.csv").stat().st_size
    assert (package / DESCRIPTOR).stat().st_size < size - 1
    problems = _problems(package, max_file_size=size - 1)
    assert (
        f"citations.csv: $: is {size:,} bytes, over the limit of {size - 1:,} (max_file_size)"
    ) in problems
    zipped = package.parent / "package.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for path in package.iterdir():
            archive.write(path, path.name)
    with zipfile.ZipFile(zipped) as archive:
        problems = _problems(zipfile.Path(archive), max_file_size=size - 1)
    expected = f"citations.csv: $: is over the limit of {size - 1:,} bytes (max_file_size)"
    assert expected in problems  # a file in an archive says no size


def test_a_missing_table_of_a_zip_archive_is_a_problem(package: Path) -> None:
    zipped = package.parent / "package.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for path in package.iterdir():
            if path.name != "sources.csv":
                archive.write(path, path.name)
    with zipfile.ZipFile(zipped) as archive:
        assert _problems(zipfile.Path(archive)) == [
            "sources.csv: $: is listed in datapackage.json but is not in the folder"
        ]


def test_a_table_that_is_no_regular_file_is_not_read(package: Path) -> None:
    (package / "sources.csv").unlink()
    os.mkfifo(package / "sources.csv")  # read, it would wait for a writer for ever
    assert _problems(package) == ["sources.csv: $: expected a CSV file, found a FIFO (named pipe)"]
    (package / "sources.csv").unlink()
    (package / "sources.csv").symlink_to(package / "nowhere")
    assert _problems(package) == [
        "sources.csv: $: is listed in datapackage.json but is not in the folder"
    ]


def test_a_table_linked_from_outside_is_read_only_when_allowed(
    package: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "sources.csv"
    shutil.move(package / "sources.csv", outside)
    (package / "sources.csv").symlink_to(outside)
    (problem,) = _problems(package)
    assert problem.startswith("sources.csv: $: is a link to ")
    assert problem.endswith("outside the dataset folder, and is not followed (nzcoop.load "
                            "follows it when given outside_links=True)")  # fmt: skip
    assert nzcoop.load(package, outside_links=True).sources()
    (package / "sources.csv").unlink()
    (package / "sources.csv").symlink_to("release.csv")  # a link inside is followed
    assert any(p.startswith("sources.csv: row 1: unknown column") for p in _problems(package))


def test_a_table_that_cannot_be_read_is_a_problem(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> int:  # noqa: ANN401 - as os.open
        if str(path).endswith("sources.csv"):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert _problems(package) == ["sources.csv: $: cannot be read: Permission denied"]


def test_a_table_that_changes_while_it_is_read_is_a_problem(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.fstat

    def other(descriptor: int) -> os.stat_result:
        info = real(descriptor)
        fields = list(info)
        fields[1] += 1  # another inode
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", other)
    expected = "datapackage.json: $: changed while it was being read; read it again"
    assert _problems(package) == [expected]


@given(st.data())
def test_any_edit_of_one_cell_gives_a_dataset_or_a_problem(data: st.DataObject) -> None:
    """Law: a package with any one cell changed loads, or raises one `DatasetError`.

    Never another exception, and never a half-loaded dataset: its problems name a file.
    """
    with tempfile.TemporaryDirectory() as folder, mock.patch("os.fsync"):
        package = Path(folder)
        nzcoop.export(nzcoop.load(sample.write(package / "data", sample.documents())), "csv",
                      package / "csv")  # fmt: skip
        tables = sorted((package / "csv").glob("*.csv"))
        path = data.draw(st.sampled_from(tables))
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        row = data.draw(st.integers(0, len(rows) - 1))
        column = data.draw(st.integers(0, len(rows[row]) - 1))
        rows[row][column] = data.draw(csv_text | st.sampled_from(["", "1", "forum", "x"]))
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        path.write_text(buffer.getvalue(), "utf-8", newline="")
        problems: tuple[nzcoop.Problem, ...] = ()
        try:
            nzcoop.load(package / "csv")
        except DatasetError as error:
            problems = error.problems
            assert problems, "a DatasetError lists its problems"
        assert all(problem.file for problem in problems)


# -- folders that are no package ------------------------------------------------------------


def test_a_popolo_export_is_one_problem_that_says_what_to_do(tmp_path: Path) -> None:
    nzcoop.export(nzcoop.dataset(), "popolo", tmp_path)
    (problem,) = _problems(tmp_path)
    assert problem.startswith(f"{tmp_path}: $: is a Popolo export (organizations.json, ")
    for words in ("cannot read back", "instruments, terms, figures", "'nzcoop'", "'csv'"):
        assert words in problem


@pytest.mark.parametrize(
    ("first", "second"), [("csv", "nzcoop"), ("popolo", "nzcoop"), ("csv", "popolo")]
)
def test_a_folder_of_two_exports_is_one_problem(tmp_path: Path, first: str, second: str) -> None:
    data = nzcoop.dataset()
    nzcoop.export(data, first, tmp_path / "a")
    nzcoop.export(data, second, tmp_path / "b")
    for path in (tmp_path / "b").iterdir():
        shutil.copy(path, tmp_path / "a" / path.name)
    (problem,) = _problems(tmp_path / "a")
    assert ": $: holds the files of more than one export: " in problem


def test_a_folder_with_an_unfinished_export_is_refused(tmp_path: Path) -> None:
    nzcoop.export(Dataset(), "nzcoop", tmp_path)
    for name in ("release.json", "terms.json"):
        (tmp_path / f"{PARTIAL}0123abcd-{name}.tmp").write_text("{}", "utf-8")
    (problem,) = _problems(tmp_path)
    assert problem == (
        f"{tmp_path}: $: holds '{PARTIAL}0123abcd-release.json.tmp' and 1 more, left by an "
        "export that did not finish; export again (force=True, or --force) to replace what "
        "it left"
    )


def test_a_folder_that_cannot_be_listed_is_left_to_the_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_: Path) -> typing.NoReturn:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert _problems(tmp_path) == [
        f"{tmp_path}: $: the dataset folder cannot be read: Permission denied"
    ]

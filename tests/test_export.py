"""Exports: JSON and CSV that load back, typed tables, Popolo that validates, whole files."""

from __future__ import annotations

import csv
import errno
import json
import os
import subprocess
import sys
import tempfile
import time
import typing
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given

import nzcoop
from nzcoop import Dataset
from nzcoop._export import FORMATS, LICENCE, export, markdown_code
from nzcoop._model import RECORD_KINDS, kind_of
from nzcoop._package import PARTIAL, PARTIAL_FILE, SHARED, layout

from . import sample
from .strategies import dated_dataset

POPOLO = Path(__file__).resolve().parents[2] / "shared" / "popolo"
"""The Popolo 1.0.1 JSON Schemas, beside the checkout (``../shared/popolo``)."""

POPOLO_FILES = {
    "organizations.json": "organization",
    "persons.json": "person",
    "memberships.json": "membership",
    "events.json": "event",
}
"""Each Popolo file the export writes, and the schema its objects follow."""


def _documents() -> dict[str, Any]:
    """Return the sample documents, with text that needs quoting and an office more."""
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["description"] = 'A "quoted", two-line\ntext.'
    forum = docs["organisations"]["organisations"][0]
    forum["sources"] = [dict(forum["sources"][0], section="Forums, and more")]
    docs["participants"]["participants"][0].update(alpha_2="AX", alpha_3="ALA")
    docs["people"]["people"][0]["offices"].append(
        {
            "title": "Adviser",
            "within": None,
            "year": None,
            "sources": [docs["terms"]["terms"][0]["sources"][0]],
        }
    )
    sample.add_engagement(
        docs,
        id="pat--partner--forum",
        name="Pat works with the Forum",
        participant="pat",
        role="partner",
        since=2011,
    )
    return docs


@pytest.fixture
def data(tmp_path: Path) -> Dataset:
    """Return the sample dataset, with a source URL and values that need CSV quoting."""
    return nzcoop.load(sample.write(tmp_path / "data", _documents()))


def _packaged() -> Dataset:
    try:
        return nzcoop.dataset()
    except nzcoop.DatasetError:  # pragma: no cover - only while the data is being written
        pytest.skip("the packaged data does not load")


def test_export_rejects_an_unknown_format(data: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown export format 'xml'; expected one of: 'csv'"):
        export(data, "xml", tmp_path / "out")
    assert FORMATS == ("csv", "nzcoop", "popolo")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("format", ["json", "JSON", " json"])
def test_the_format_json_says_to_use_nzcoop(tmp_path: Path, format: str) -> None:
    with pytest.raises(nzcoop.InvalidArgumentError) as caught:
        export(Dataset(), format, tmp_path)
    assert str(caught.value) == (
        f"unknown export format {format!r}; the JSON files nzcoop.load reads are the format "
        "'nzcoop'; expected one of: 'csv', 'nzcoop', 'popolo'"
    )


@pytest.mark.parametrize("format", ["nzcoop", "popolo"])
def test_raw_cells_are_for_csv_only(tmp_path: Path, format: str) -> None:
    with pytest.raises(nzcoop.InvalidArgumentError, match="raw_cells is for the format 'csv'"):
        export(Dataset(), format, tmp_path, raw_cells=True)


# -- nzcoop JSON ----------------------------------------------------------------------------


def test_nzcoop_export_loads_back_to_an_equal_dataset(data: Dataset, tmp_path: Path) -> None:
    written = export(data, "nzcoop", tmp_path / "out")
    assert [p.name for p in written] == ["release.json", *(f"{k.stem}.json" for k in RECORD_KINDS)]
    again = nzcoop.load(tmp_path / "out")
    assert again == data
    assert again.digest == data.digest
    assert again.release == data.release


def test_nzcoop_export_of_the_packaged_data_loads_back(tmp_path: Path) -> None:
    packaged = _packaged()
    export(packaged, "nzcoop", tmp_path)
    again = nzcoop.load(tmp_path)
    assert again == packaged
    assert again.digest == packaged.digest


# -- CSV ------------------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _expected_counts(data: Dataset) -> dict[str, int]:
    """Count the rows each CSV table should have, from the records themselves.

    A table that would have none is not written.
    """
    counts: dict[str, int] = {"release.csv": 1}

    def count(owner: str, cls: type, values: list[Any]) -> None:
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            hint = hints[field.name]
            held = [getattr(value, field.name) for value in values]
            if typing.get_origin(hint) is not tuple:
                if set(typing.get_args(hint)) == {int, type(None)}:
                    counts[f"{owner}_{field.name}.csv"] = sum(v is not None for v in held)
                continue
            item = typing.get_args(hint)[0]
            if item in SHARED and cls in {kind.cls for kind in RECORD_KINDS}:
                shared = f"{SHARED[item][0]}.csv"
                counts[shared] = counts.get(shared, 0) + sum(map(len, held))
                continue
            name = SHARED[item][0] if item in SHARED else field.name
            counts[f"{owner}_{name}.csv"] = sum(map(len, held))
            if attrs.has(typing.get_args(hint)[0]):
                count(f"{owner}_{field.name.removesuffix('s')}", typing.get_args(hint)[0],
                      [item for items in held for item in items])  # fmt: skip

    for kind in RECORD_KINDS:
        records = list(data.records(str(kind.stem)))
        counts[f"{kind.stem}.csv"] = len(records)
        count(kind.word, kind.cls, records)
    return {name: rows for name, rows in counts.items() if rows}


def _check_csv(data: Dataset, folder: Path) -> None:
    written = export(data, "csv", folder)
    counts = _expected_counts(data)
    assert sorted(p.name for p in written) == sorted([*counts, "datapackage.json", "README.md"])
    assert [p.name for p in written[-2:]] == ["datapackage.json", "README.md"]
    for path in written[:-2]:
        raw = path.read_bytes()
        assert raw.decode("utf-8")  # UTF-8, no byte order mark
        assert not raw.startswith(b"\xef\xbb\xbf")
        assert len(_read(path)) == counts[path.name], path.name
    for kind in RECORD_KINDS:
        stem, cls = str(kind.stem), kind.cls
        if not data.records(stem):
            assert not (folder / f"{stem}.csv").exists()
            continue
        rows = _read(folder / f"{stem}.csv")
        assert [row["id"] for row in rows] == [r.id for r in data.records(stem)]
        with (folder / f"{stem}.csv").open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        assert header[0] == "id"
        fields = {f.name for f in attrs.fields(cls)}
        assert set(header) <= fields | {f"{name}_kind" for name, _ in kind.references}
    release = _read(folder / "release.csv")
    assert release == [{"release": data.release, "digest": data.digest}]


def test_csv_tables_count_every_record_and_list_item(data: Dataset, tmp_path: Path) -> None:
    _check_csv(data, tmp_path / "csv")


def test_csv_tables_of_the_packaged_data(tmp_path: Path) -> None:
    _check_csv(_packaged(), tmp_path)


def test_no_table_holds_only_a_header(tmp_path: Path) -> None:
    """Law: every table written has a row; the tables of an empty dataset are the release."""
    for data, folder in ((_packaged(), tmp_path / "packaged"), (Dataset(), tmp_path / "none")):
        written = export(data, "csv", folder)
        for path in written[:-2]:
            assert _read(path), path.name
    assert [path.name for path in (tmp_path / "none").glob("*.csv")] == ["release.csv"]
    _valid_package(tmp_path / "none")


def test_csv_cells_quote_nulls_keys_and_links(data: Dataset, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    export(data, "csv", folder)
    forum = next(row for row in _read(folder / "organisations.csv") if row["id"] == "forum")
    assert forum["description"] == 'A "quoted", two-line\ntext.'
    assert forum["parent"] == ""  # null
    assert forum["kind"] == "forum"
    assert "themes" not in forum
    assert _read(folder / "organisation_names.csv") == [
        {"organisation_id": "forum", "value": "TF", "kind": "acronym"}
    ]
    assert {"organisation_id": "forum", "theme": "people-smuggling"} in _read(
        folder / "organisation_themes.csv"
    )
    assert _read(folder / "engagement_alongside.csv") == [
        {
            "engagement_id": "aland--co-chair--meeting",
            "alongside": "bland",
            "alongside_kind": "participant",
        }
    ]
    assert _read(folder / "sources.csv")[0]["date"] == "2013-06-24"
    citations = _read(folder / "citations.csv")
    assert list(citations[0]) == ["record_id", "record_kind", "source", "section", "quote"]
    assert {
        "record_id": "forum",
        "record_kind": "organisation",
        "source": "doc",
        "section": "Forums, and more",
        "quote": "A quote.",
    } in citations
    assert _read(folder / "person_offices.csv") == [
        {
            "person_id": "pat",
            "office": "1",
            "title": "Minister",
            "within": "aland",
            "within_kind": "participant",
        },
        {"person_id": "pat", "office": "2", "title": "Adviser", "within": "", "within_kind": ""},
    ]
    assert _read(folder / "person_office_year.csv") == [
        {"person_id": "pat", "office": "1", "year": "2013"}
    ]
    assert _read(folder / "engagement_since.csv") == [
        {"engagement_id": "aland--co-chair--meeting", "since": "2013"},
        {"engagement_id": "pat--partner--forum", "since": "2011"},
    ]
    assert [
        (r["person_id"], r["office"]) for r in _read(folder / "person_office_citations.csv")
    ] == [("pat", "1"), ("pat", "2")]


# -- what other tools read ------------------------------------------------------------------


def _integer_columns(folder: Path) -> dict[str, list[str]]:
    """Return the columns datapackage.json types as integers, by file."""
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    return {
        resource["path"]: [
            f["name"] for f in resource["schema"]["fields"] if f["type"] == "integer"
        ]
        for resource in package["resources"]
    }


def test_integer_columns_are_integers_to_pandas_and_duckdb(tmp_path: Path) -> None:
    """Every column typed integer is read as integers by pandas and DuckDB, told nothing."""
    import duckdb
    import pandas as pd  # type: ignore[import-untyped]

    export(_packaged(), "csv", tmp_path)
    integers = _integer_columns(tmp_path)
    for name in ("engagement_since.csv", "person_office_year.csv", "figures.csv"):
        assert integers[name]
    checked = 0
    for name, columns in integers.items():
        frame = pd.read_csv(tmp_path / name)
        relation = duckdb.read_csv(str(tmp_path / name))
        types = dict(zip(relation.columns, map(str, relation.types), strict=True))
        for column in columns:
            assert str(frame[column].dtype) == "int64", (name, column)
            assert types[column] in {"BIGINT", "INTEGER", "SMALLINT", "TINYINT"}, (name, column)
            checked += 1
    assert checked >= 8  # since, until, valid_from, valid_until, as_of, year, value, office


@given(dated_dataset())
def test_event_dates_go_as_far_as_their_precision(data: Dataset) -> None:
    """Law: an event's start and end cells are written to its precision, never further.

    A year is ``YYYY`` (never 1 January), a month ``YYYY-MM``, a week an ISO week
    ``YYYY-Www``, a day or a bound ``YYYY-MM-DD``; an undated event has empty cells.
    """
    forms = {"year": 4, "month": 7, "day": 10, "between": 10}
    with tempfile.TemporaryDirectory() as folder, mock.patch("os.fsync"):
        export(data, "csv", folder)
        rows = {row["id"]: row for row in _read(Path(folder) / "events.csv")}
    for event in data.records("events"):
        row = rows[event.id]
        assert row["precision"] == (event.precision or "")
        for cell, date in ((row["start"], event.start), (row["end"], event.end)):
            if date is None:
                assert cell == ""
            elif event.precision == "week":
                year, week, _ = date.isocalendar()
                assert cell == f"{year:04d}-W{week:02d}"
            else:
                assert cell == date.isoformat()[: forms[str(event.precision)]]


def test_a_year_is_never_shown_as_the_first_of_january(tmp_path: Path) -> None:
    export(_packaged(), "csv", tmp_path)
    events = {row["id"]: row for row in _read(tmp_path / "events.csv")}
    established = events["bali-process-established-2002"]
    assert (established["start"], established["end"], established["precision"]) == (
        "2002",
        "2002",
        "year",
    )
    assert events["iom-special-session-2003-geneva"]["start"] == "2003-W24"
    assert not any(row["start"].endswith("-01-01") for row in events.values())


# -- the CSV export's data package ----------------------------------------------------------


def _valid_package(folder: Path) -> dict[str, Any]:
    """Check the data package in *folder* with frictionless; return its descriptor."""
    import frictionless

    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor: dict[str, Any] = json.loads((folder / "datapackage.json").read_text("utf-8"))
    return descriptor


def test_the_data_package_of_a_synthetic_dataset_validates(data: Dataset, tmp_path: Path) -> None:
    """Values that need quoting, nulls, a person's numbered offices, every foreign key."""
    folder = tmp_path / "csv"
    written = export(data, "csv", folder)
    package = _valid_package(folder)
    assert [r["path"] for r in package["resources"]] == [p.name for p in written[:-2]]
    assert (package["version"], package["nzcoop_digest"]) == (data.release, data.digest)
    assert package["sources"] == [
        {
            "title": "A document",
            "path": "https://example.org/doc",
            "nzcoop_id": "doc",
            "nzcoop_publisher": "A publisher",
            "nzcoop_publisher_type": "intergovernmental-body",
            "nzcoop_sha256": "0" * 64,
            "nzcoop_captured": None,
        }
    ]
    assert package["licenses"] == [LICENCE]
    assert LICENCE == {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0",
    }
    assert (package["nzcoop_layout"], package["nzcoop_cells"]) == (2, "spreadsheet-safe")


def test_every_export_gives_the_day_a_documents_text_was_captured(tmp_path: Path) -> None:
    docs = sample.documents()
    docs["sources"]["sources"][0]["captured"] = "2026-11-30"
    data = nzcoop.load(sample.write(tmp_path / "data", docs))
    export(data, "csv", tmp_path / "csv")
    package = json.loads((tmp_path / "csv" / "datapackage.json").read_text("utf-8"))
    assert [s["nzcoop_captured"] for s in package["sources"]] == ["2026-11-30"]
    (organisation, *_) = json.loads(
        export(data, "popolo", tmp_path / "popolo")[0].read_text("utf-8")
    )
    assert {c["captured"] for c in organisation["nzcoop_citations"]} == {"2026-11-30"}


@pytest.mark.parametrize("raw", [False, True])
def test_the_data_package_of_the_packaged_data_validates(tmp_path: Path, raw: bool) -> None:
    packaged = _packaged()
    export(packaged, "csv", tmp_path, raw_cells=raw)
    package = _valid_package(tmp_path)
    assert package["version"] == packaged.release
    assert package["nzcoop_cells"] == ("raw" if raw else "spreadsheet-safe")


def test_formulas_are_neutralised_unless_raw(data: Dataset, tmp_path: Path) -> None:
    """A text starting with a formula character is written after an apostrophe."""
    texts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted", "plain", ""]
    member = data.lookup("aland--member--forum")
    assert isinstance(member, nzcoop.Engagement)
    engagements = [
        attrs.evolve(member, id=f"e-{n}", name=f"E {n}", description=text)
        for n, text in enumerate(texts)
    ]
    mine = Dataset([*data.entities(), *engagements], release="=cmd|' /C calc'!A0")
    for raw in (False, True):
        folder = tmp_path / str(raw)
        export(mine, "csv", folder, raw_cells=raw)
        rows = {row["id"]: row for row in _read(folder / "engagements.csv")}
        cells = [rows[f"e-{n}"]["description"] for n in range(len(texts))]
        if raw:
            assert cells == texts
        else:
            assert cells == ["'" + text for text in texts[:7]] + ["plain", ""]
        assert _read(folder / "release.csv")[0]["release"] == ("'" * (not raw)) + mine.release
        _valid_package(folder)
        again = nzcoop.load(folder)
        assert (again, again.release, again.digest) == (mine, mine.release, mine.digest)


def test_the_data_package_catches_a_broken_reference(data: Dataset, tmp_path: Path) -> None:
    """The foreign keys are checked: an organisation's parent must be an organisation."""
    import frictionless

    folder = tmp_path / "csv"
    export(data, "csv", folder)
    path = folder / "organisations.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace("working-group,forum,", "working-group,nowhere,"), "utf-8")
    report = frictionless.validate(folder / "datapackage.json")
    assert not report.valid
    assert {row[0] for row in report.flatten(["type"])} == {"foreign-key"}


def test_foreign_keys_name_only_tables_written(tmp_path: Path) -> None:
    """A key to a table that is not written (no places) is left out: it could only be empty."""
    docs = sample.documents()
    forum = docs["organisations"]["organisations"][0]
    forum.update(place=None, parent=None, area=[])
    only = {stem: docs[stem] for stem in ("release", "sources")}
    only["organisations"] = {"organisations": [forum]}
    export(nzcoop.load(sample.write(tmp_path / "data", only)), "csv", tmp_path / "csv")
    package = _valid_package(tmp_path / "csv")
    names = {resource["name"] for resource in package["resources"]}
    assert "places" not in names
    assert "organisations" in names
    for resource in package["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in names | {""}
    organisations = next(r for r in package["resources"] if r["name"] == "organisations")
    assert {"fields": ["place"], "reference": {"resource": "places", "fields": ["id"]}} not in (
        organisations["schema"]["foreignKeys"]
    )


def test_every_column_has_a_type_and_a_description(tmp_path: Path) -> None:
    export(_packaged(), "csv", tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:
        assert resource["description"]
        for field in resource["schema"]["fields"]:
            assert field["type"] in {"string", "integer", "date"}, field
            assert field["description"].strip(), (resource["name"], field["name"])
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    release = schemas["release"]["fields"][0]
    assert (release["name"], release["type"]) == ("release", "string")
    assert schemas["organisations"]["primaryKey"] == ["id"]
    assert schemas["person_offices"]["primaryKey"] == ["person_id", "office"]
    assert schemas["engagement_since"]["primaryKey"] == ["engagement_id"]
    parent = {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}
    assert parent in schemas["organisations"]["foreignKeys"]
    kind = next(f for f in schemas["organisations"]["fields"] if f["name"] == "kind")
    assert kind["constraints"] == {
        "enum": [k.value for k in nzcoop.OrganisationKind],
        "required": True,
    }
    year = next(f for f in schemas["person_office_year"]["fields"] if f["name"] == "year")
    assert (year["type"], year["description"]) == (
        "integer",
        "The year the document shows the person in office.",
    )
    start = next(f for f in schemas["events"]["fields"] if f["name"] == "start")
    assert start["type"] == "string"
    assert start["constraints"]["pattern"]


def test_a_release_that_looks_like_a_number_reads_as_text(data: Dataset, tmp_path: Path) -> None:
    import frictionless

    folder = tmp_path / "csv"
    export(Dataset(data.entities(), release="2026.10"), "csv", folder)
    package = frictionless.Package(folder / "datapackage.json")
    assert package.get_table_resource("release").read_rows()[0]["release"] == "2026.10"


def test_ids_of_several_kinds_name_their_kind(data: Dataset, tmp_path: Path) -> None:
    """Law: every ``<field>_kind`` names the table where the id in ``<field>`` is."""
    folder = tmp_path / "csv"
    export(data, "csv", folder)
    ids = {
        kind.word: {row["id"] for row in _read(folder / f"{kind.stem}.csv")}
        for kind in RECORD_KINDS
        if (folder / f"{kind.stem}.csv").exists()
    }
    checked = 0
    for path in sorted(folder.glob("*.csv")):
        for row in _read(path):
            for column, value in row.items():
                if column.endswith("_kind") and column.removesuffix("_kind") in row and value:
                    assert row[column.removesuffix("_kind")] in ids[value], (path.name, row)
                    checked += 1
    assert checked > 10
    engagements = {row["id"]: row for row in _read(folder / "engagements.csv")}
    assert engagements["aland--co-chair--meeting"]["target_kind"] == "event"
    assert engagements["aland--member--forum"]["target_kind"] == "organisation"
    assert engagements["pat--partner--forum"]["participant_kind"] == "person"
    assert _read(folder / "engagement_alongside.csv")[0]["alongside_kind"] == "participant"


def test_kind_columns_follow_exactly_the_references_to_several_kinds() -> None:
    for kind in RECORD_KINDS:
        header = [column.name for column in layout().tables[str(kind.stem)].columns]
        scalars = {f.name for f in attrs.fields(kind.cls) if f.name in header}
        expected = [
            f"{n}_kind" for n, targets in kind.references if n in scalars and len(targets) > 1
        ]
        assert [c for c in header if c.endswith("_kind")] == expected, kind.word
        for name, targets in kind.references:
            if len(targets) > 1 and name in scalars:
                assert header[header.index(name) + 1] == f"{name}_kind"
        assert kind_of(kind.cls) is kind


def test_the_readme_names_the_release_the_digest_the_licence_and_every_table(
    data: Dataset, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    written = export(data, "csv", folder)
    readme = (folder / "README.md").read_text("utf-8")
    assert f"Data release `test.1`, digest `{data.digest}`" in readme
    for path in written[:-2]:
        assert f"- `{path.name}`: " in readme
    assert "Creative Commons Attribution 4.0" in readme
    assert "The quotations in `citations.csv` come from the public documents they cite" in readme
    assert "remain theirs" in readme
    export(Dataset(), "csv", folder / "empty")
    assert "Data release (none)" in (folder / "empty" / "README.md").read_text("utf-8")


def test_the_readme_shows_the_release_as_it_is(tmp_path: Path) -> None:
    """A release is any text: in the README it is shown, and read as no markup or block."""
    from markdown_it import MarkdownIt

    release = "x](javascript:alert(1)) *b* <img src=x>\n# Owned\r\n`code`\u202e"
    export(Dataset(release=release), "csv", tmp_path)
    readme = (tmp_path / "README.md").read_text("utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("Data release"))
    assert line.startswith(f"Data release {markdown_code(release)}, digest")
    assert "\u202e" not in readme
    html = MarkdownIt("commonmark").render(readme)
    assert "<img" not in html
    assert "javascript" not in html.split("<code>")[0]  # no link of it
    assert "<em>" not in html
    assert "Owned</h1>" not in html
    assert "&lt;img src=x&gt;" in html


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2026.12.0", "`2026.12.0`"),
        ("`", "`` ` ``"),
        ("a``b", "```a``b```"),
        (" a ", "`  a  `"),
        ("a ", "`a `"),
        ("   ", "`   `"),
        ("\t", "`U+0009`"),
    ],
)
def test_a_code_span_shows_any_text(text: str, code: str) -> None:
    """Law: CommonMark renders the span as the text itself (control characters named)."""
    from markdown_it import MarkdownIt

    assert markdown_code(text) == code
    html = MarkdownIt("commonmark").renderInline(code)
    shown = text.replace("\t", "U+0009").replace("&", "&amp;").replace("<", "&lt;")
    assert html == f"<code>{shown}</code>"


# -- Popolo ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validators() -> dict[str, Any]:
    """Return a Draft 3 validator for each Popolo schema, resolving references locally."""
    schemas = POPOLO / "schemas"
    if not schemas.is_dir():
        pytest.skip(f"the Popolo JSON Schemas are not at {schemas}")
    from jsonschema import Draft3Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT3

    documents = {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(schemas.glob("*.json"))}
    registry: Registry[Any] = Registry().with_resources(
        (document["id"], DRAFT3.create_resource(document)) for document in documents.values()
    )
    return {name: Draft3Validator(schema, registry=registry) for name, schema in documents.items()}


def _popolo(data: Dataset, folder: Path, validators: dict[str, Any]) -> dict[str, list[Any]]:
    """Export *data* as Popolo, validate every object, and return the files' contents."""
    written = export(data, "popolo", folder)
    assert [p.name for p in written] == list(POPOLO_FILES)
    files: dict[str, list[Any]] = {}
    for path in written:
        objects = json.loads(path.read_text("utf-8"))
        assert isinstance(objects, list)
        validator = validators[POPOLO_FILES[path.name]]
        for item in objects:
            errors = [error.message for error in validator.iter_errors(item)]
            assert errors == [], (path.name, item.get("id"), errors)
        files[path.stem] = objects
    return files


def test_the_schemas_catch_a_link_without_a_url(validators: dict[str, Any]) -> None:
    errors = list(validators["organization"].iter_errors({"sources": [{"note": "no URL"}]}))
    assert [error.message for error in errors] == ["'url' is a required property"]


def test_popolo_objects_validate_and_hold_the_records(
    data: Dataset, tmp_path: Path, validators: dict[str, Any]
) -> None:
    files = _popolo(data, tmp_path / "popolo", validators)
    organizations = {o["id"]: o for o in files["organizations"]}
    assert set(organizations) == {r.id for r in data.records("participants")} | {
        r.id for r in data.records("organisations")
    }
    assert organizations["aland"]["classification"] == "country"
    assert organizations["aland"]["identifiers"] == [
        {"identifier": "AX", "scheme": "ISO 3166-1 alpha-2"},
        {"identifier": "ALA", "scheme": "ISO 3166-1 alpha-3"},
    ]
    assert organizations["bland"]["identifiers"] == []
    assert organizations["forum"]["other_names"] == [{"name": "TF", "note": "acronym"}]
    assert organizations["forum-group"]["parent_id"] == "forum"
    assert organizations["forum"]["sources"] == [
        {
            "url": "https://example.org/doc",
            "note": "A document, Forums, and more: \u201cA quote.\u201d",
        }
    ]
    assert organizations["aland"]["sources"][0]["note"] == "A document: \u201cA quote.\u201d"
    persons = files["persons"]
    assert [(p["id"], p["honorific_prefix"]) for p in persons] == [("pat", "Ms")]
    memberships = {m["id"]: m for m in files["memberships"]}
    assert memberships["aland--member--forum"]["member"] == {"@type": "Organization", "id": "aland"}
    assert memberships["aland--member--forum"]["organization_id"] == "forum"
    assert memberships["pat--partner--forum"]["person_id"] == "pat"
    assert memberships["pat--partner--forum"]["start_date"] == "2011"
    assert memberships["pat--office-1"]["organization_id"] == "aland"
    assert "aland--co-chair--meeting" not in memberships  # held in an event
    assert "pat--office-2" not in memberships  # an office within nothing
    event = files["events"][0]
    assert (event["start_date"], event["end_date"]) == ("2013-06-24", "2013-06-27")
    assert (event["location"], event["organization_id"]) == ("Town", "forum-group")


def test_popolo_dates_are_as_precise_as_the_documents(
    tmp_path: Path, validators: dict[str, Any]
) -> None:
    docs = _documents()
    event = docs["events"]["events"][0]
    event.update(
        precision="year", start="2013-01-01", end="2013-12-31", places=[], organisations=[]
    )
    for id_, precision, start, end in [
        ("later", None, None, None),
        ("june", "month", "2014-06-01", "2014-06-30"),
        ("week", "week", "2014-06-02", "2014-06-08"),
        ("across", "week", "2014-06-30", "2014-07-06"),
        ("new-year", "week", "2014-12-29", "2015-01-04"),
        ("by", "between", None, "2014-06-20"),
        ("within", "between", "2014-06-02", "2014-06-20"),
    ]:
        docs["events"]["events"].append(
            dict(event, id=id_, name=id_.title(), precision=precision, start=start, end=end)
        )
    data = nzcoop.load(sample.write(tmp_path / "data", docs))
    files = _popolo(data, tmp_path / "popolo", validators)
    for objects in files.values():
        for item in objects:
            assert item["nzcoop_citations"]
            assert {link["url"] for link in item["sources"]} == {"https://example.org/doc"}
            for cited in item["nzcoop_citations"]:
                assert cited["publisher_type"] == "intergovernmental-body"
                assert (cited["sha256"], cited["captured"]) == ("0" * 64, None)
    dates = {e["id"]: (e["start_date"], e["end_date"]) for e in files["events"]}
    assert dates == {
        "meeting": ("2013", "2013"),
        "later": (None, None),
        "june": ("2014-06", "2014-06"),
        "week": ("2014-06", "2014-06"),
        "across": ("2014", "2014"),
        "new-year": (None, None),
        "by": (None, None),
        "within": ("2014-06", "2014-06"),
    }
    meeting = next(e for e in files["events"] if e["id"] == "meeting")
    assert (meeting["location"], meeting["organization_id"]) == (None, None)


def test_popolo_export_of_the_packaged_data_validates(
    tmp_path: Path, validators: dict[str, Any]
) -> None:
    packaged = _packaged()
    files = _popolo(packaged, tmp_path, validators)
    urls = {s.url for s in packaged.sources()}
    for objects in files.values():
        for item in objects:
            assert {link["url"] for link in item["sources"]} <= urls
    assert len(files["persons"]) == len(packaged.records("people"))
    assert len(files["events"]) == len(packaged.records("events"))


def test_membership_ids_never_clash_with_record_ids(tmp_path: Path) -> None:
    """Adversarial ids: engagements named as an office's membership would be are kept apart."""
    docs = _documents()
    for taken in ("pat--office-1", "pat--office-1~2"):
        sample.add_engagement(docs, id=taken, name=f"Named {taken}")
    data = nzcoop.load(sample.write(tmp_path / "data", docs))
    export(data, "popolo", tmp_path / "popolo")
    memberships = json.loads((tmp_path / "popolo" / "memberships.json").read_text("utf-8"))
    ids = [membership["id"] for membership in memberships]
    assert len(ids) == len(set(ids))
    office = next(m for m in memberships if m.get("person_id") == "pat" and m["role"] == "Minister")
    assert office["id"] == "pat--office-1~3"
    assert office["id"] not in {entity.id for entity in data.entities()}


# -- writing the folder ---------------------------------------------------------------------


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def _failing(after: int) -> Any:  # noqa: ANN401 - a writer of files
    """Return the JSON files, whose writing fails after *after* files, as on a full disk."""
    from nzcoop import _export

    json_files = _export._json_files

    def full(stream: Any) -> None:  # noqa: ANN401 - a text stream
        raise OSError(28, "No space left on device", stream.name)

    def files(dataset: Dataset) -> Any:  # noqa: ANN401
        for number, (name, write) in enumerate(json_files(dataset)):
            yield name, (write if number < after else full)

    return files


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_export_leaves_the_folder_as_it_was(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """Law: an export that fails while writing leaves the folder as it was, with no litter."""
    out = tmp_path / "out"
    export(Dataset(), "nzcoop", out)
    before = _contents(out)
    monkeypatch.setattr("nzcoop._export._json_files", _failing(after=3))
    with pytest.raises(nzcoop.ExportError, match="No space left on device") as caught:
        export(data, "nzcoop", out, force=True)
    assert isinstance(caught.value, OSError)
    assert "it is left as it was" in str(caught.value)
    assert _contents(out) == before
    assert nzcoop.load(out) == Dataset()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "out"]
    with pytest.raises(nzcoop.ExportError, match="No space left"):
        export(data, "nzcoop", tmp_path / "new", force=force)
    assert list((tmp_path / "new").iterdir()) == []  # made, and left empty


def test_a_failed_export_leaves_the_folders_it_made(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ExportError says: the folder and its missing parents are made, and left, empty.

    A path that names a file makes nothing.
    """
    monkeypatch.setattr("nzcoop._export._json_files", _failing(after=0))
    with pytest.raises(nzcoop.ExportError, match="No space left"):
        export(data, "nzcoop", tmp_path / "new" / "parent" / "out")
    made = sorted(path.relative_to(tmp_path) for path in (tmp_path / "new").rglob("*"))
    assert made == [Path("new/parent"), Path("new/parent/out")]
    (tmp_path / "file").write_text("", "utf-8")
    with pytest.raises(nzcoop.ExportError, match="not a folder"):
        export(data, "nzcoop", tmp_path / "file")
    assert (tmp_path / "file").read_text("utf-8") == ""


def test_an_interrupted_write_leaves_no_litter(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the files are written: the temporary files go, the interrupt stays."""
    from nzcoop import _export

    json_files = _export._json_files

    def interrupted(_: Any) -> None:  # noqa: ANN401 - a text stream
        raise KeyboardInterrupt

    def files(dataset: Dataset) -> Any:  # noqa: ANN401
        for number, (name, write) in enumerate(json_files(dataset)):
            yield name, (write if number < 2 else interrupted)

    monkeypatch.setattr("nzcoop._export._json_files", files)
    with pytest.raises(KeyboardInterrupt):
        export(data, "nzcoop", tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_forced_export_replaces_an_earlier_one_whole(data: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(data, "csv", out)
    with pytest.raises(nzcoop.ExportError, match="the folder is not empty"):
        export(Dataset(), "nzcoop", out)
    written = export(Dataset(), "nzcoop", out, force=True)
    assert sorted(out.iterdir()) == sorted(written)  # no CSV table of the earlier export left
    assert nzcoop.load(out) == Dataset()
    written = export(data, "csv", out, force=True)
    assert sorted(out.iterdir()) == sorted(written)
    written = export(Dataset(), "csv", out, force=True)
    assert sorted(out.iterdir()) == sorted(written)  # no table the new export has no rows for
    assert nzcoop.load(out) == Dataset()


def test_an_empty_folder_is_written_without_force(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert export(Dataset(), "nzcoop", tmp_path / "out")
    (tmp_path / "new").mkdir()
    assert (tmp_path / "out").stat().st_mode == (tmp_path / "new").stat().st_mode


def test_files_are_made_with_the_usual_permissions(tmp_path: Path) -> None:
    written = export(Dataset(), "nzcoop", tmp_path / "out")
    (tmp_path / "plain").write_text("", "utf-8")
    modes = {path.stat().st_mode for path in written}
    assert modes == {(tmp_path / "plain").stat().st_mode}


def test_force_replaces_only_a_folder_of_an_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("notes.txt", "organisations.json", "a", "b", "c"):
        (out / name).write_text("mine", "utf-8")
    (out / "release.json").mkdir()
    before = sorted(out.iterdir())
    with pytest.raises(nzcoop.ExportError, match=r"holds 'a', 'b', 'c', \.\.\., which no export"):
        export(Dataset(), "nzcoop", out, force=True)
    assert sorted(out.iterdir()) == before
    assert (out / "notes.txt").read_text("utf-8") == "mine"


def test_an_export_through_a_link_writes_the_folder_linked_to(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    written = export(Dataset(), "nzcoop", tmp_path / "link")
    assert written[0] == tmp_path / "link" / "release.json"
    assert (tmp_path / "link").is_symlink()
    assert nzcoop.load(tmp_path / "real") == Dataset()


def test_a_folder_that_cannot_be_made_is_an_export_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", "utf-8")
    with pytest.raises(nzcoop.ExportError, match=r"cannot write the export to .*file/out"):
        export(Dataset(), "nzcoop", tmp_path / "file" / "out")
    with pytest.raises(nzcoop.ExportError, match=r"file': it is not a folder"):
        export(Dataset(), "nzcoop", tmp_path / "file")


def test_a_long_folder_name_is_written(data: Dataset, tmp_path: Path) -> None:
    """A folder name of 240 characters: no name the export makes passes 255 bytes."""
    out = tmp_path / ("x" * 240)
    for kind in ("popolo", "csv", "nzcoop"):
        export(data, kind, out, force=True)
    assert nzcoop.load(out) != Dataset()
    longest = max(len(name) for name in layout().tables) + len(".csv")
    assert len(f"{PARTIAL}01234567-{'x' * longest}.tmp".encode()) <= 255


def test_a_folder_in_a_read_only_folder_is_written(data: Dataset, tmp_path: Path) -> None:
    """The export writes inside the folder only: its parent may be read-only."""
    parent = tmp_path / "parent"
    (parent / "out").mkdir(parents=True)
    parent.chmod(0o555)
    try:
        if os.access(parent, os.W_OK):
            pytest.skip("permissions do not bind this user (root); see the test with os calls")
        export(data, "csv", parent / "out")
        export(data, "nzcoop", parent / "out", force=True)
        assert nzcoop.load(parent / "out") == data
    finally:
        parent.chmod(0o755)


def test_nothing_outside_the_folder_is_changed(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exports into a folder whose own or neighbours' changes fail (a mount point, say).

    Every change to the folder itself or beside it fails, as on a mount point or in a
    read-only parent; exports into it (first, and forced again) still work.
    """
    out = tmp_path / "mount"
    out.mkdir()
    inside = str(out) + os.sep

    def guarded(name: str) -> Any:  # noqa: ANN401 - an os function
        real = getattr(os, name)

        def call(*paths: Any, **options: Any) -> Any:  # noqa: ANN401
            for path in paths[:2]:
                if isinstance(path, int) or not os.fspath(path).startswith(inside):
                    raise OSError(errno.EBUSY, "Device or resource busy", os.fspath(path))
            return real(*paths, **options)

        return call

    for name in ("rename", "replace", "rmdir", "mkdir", "unlink", "remove"):
        monkeypatch.setattr(os, name, guarded(name))
    export(data, "csv", out)
    assert nzcoop.load(out) == data
    export(data, "nzcoop", out, force=True)
    assert nzcoop.load(out) == data
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "mount"]
    with pytest.raises(nzcoop.ExportError, match="Device or resource busy"):
        export(data, "nzcoop", tmp_path / "new")  # making a folder beside it


def test_the_folder_and_each_file_are_always_there_and_whole(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Law: a forced export never leaves the folder or a file of it missing or mixed.

    At every rename, the folder is there, every file of the earlier export is there,
    and each holds the earlier export's bytes or the new ones.
    """
    out = tmp_path / "out"
    export(Dataset(release="old"), "nzcoop", out)
    old = _contents(out)
    new_folder = tmp_path / "new"
    export(data, "nzcoop", new_folder)
    new = _contents(new_folder)
    real = os.replace
    seen = 0

    def replace(source: Any, target: Any) -> None:  # noqa: ANN401 - as os.replace
        nonlocal seen
        assert out.is_dir()
        for name, content in _contents(out).items():
            if not PARTIAL_FILE.fullmatch(name):
                assert content in {old.get(name), new.get(name)}, name
        assert set(old) <= {path.name for path in out.iterdir()}
        seen += 1
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    export(data, "nzcoop", out, force=True)
    assert seen == len(new)
    assert _contents(out) == new


def _failing_rename(monkeypatch: pytest.MonkeyPatch, at: int) -> None:
    """Make the rename number *at* (from 1) of each export fail, as a disk error would."""
    real = os.replace
    calls = 0

    def replace(source: Any, target: Any) -> None:  # noqa: ANN401 - as os.replace
        nonlocal calls
        calls += 1
        if calls == at:
            raise OSError(errno.EIO, "Input/output error", os.fspath(source))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)


def test_a_rename_that_fails_is_said_and_marked(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename that fails midway is said, and marked until an export finishes.

    The error says what the folder holds, load refuses the folder, and the next export
    into it finishes the job and leaves nothing behind.
    """
    out = tmp_path / "out"
    export(Dataset(release="old"), "nzcoop", out)
    _failing_rename(monkeypatch, at=3)
    with pytest.raises(nzcoop.ExportError) as caught:
        export(data, "nzcoop", out, force=True)
    files = len(RECORD_KINDS) + 1
    message = str(caught.value)
    assert message.startswith(f"cannot write the export to {str(out)!r}: Input/output error (")
    assert message.endswith(
        f"; it holds 2 of the {files} files of this export, {files - 2} files of the earlier "
        f"export, and {files - 2} temporary files ({PARTIAL}*.tmp), for which nzcoop.load "
        "refuses it: export into it again, with force=True (or --force), to finish"
    )
    left = [path.name for path in out.iterdir() if PARTIAL_FILE.fullmatch(path.name)]
    assert len(left) == files - 2
    assert len(list(out.iterdir())) == files + files - 2
    with pytest.raises(nzcoop.DatasetError, match="left by an export that did not finish"):
        nzcoop.load(out)
    monkeypatch.undo()
    with pytest.raises(nzcoop.ExportError, match="the folder is not empty"):
        export(data, "nzcoop", out)
    export(data, "nzcoop", out, force=True)
    assert not [path for path in out.iterdir() if PARTIAL_FILE.fullmatch(path.name)]
    assert nzcoop.load(out) == data


FILES = len(RECORD_KINDS) + 1
"""How many files an export in the format ``nzcoop`` writes."""

_REFUSED = (
    f"({PARTIAL}*.tmp), for which nzcoop.load refuses it: export into it again, with "
    "force=True (or --force), to finish"
)
"""How the message of a failed rename ends when it leaves temporary files."""


@pytest.mark.parametrize(
    ("earlier", "at", "removable", "holds", "found"),
    [
        (
            True,
            1,
            True,
            (
                "; no file was put in place, so the folder is as it was: it holds "
                f"{FILES} files of the earlier export"
            ),
            (FILES, 0),
        ),
        (
            False,
            1,
            True,
            "; no file was put in place, so the folder is as it was: it is empty",
            (0, 0),
        ),
        (
            False,
            2,
            True,
            (
                f"; it holds 1 of the {FILES} files of this export, and {FILES - 1} temporary "
                f"files {_REFUSED}"
            ),
            (1, FILES - 1),
        ),
        (
            True,
            1,
            False,
            (
                f"; it holds {FILES} files of the earlier export, and {FILES} temporary files "
                f"{_REFUSED}"
            ),
            (FILES, FILES),
        ),
    ],
)
def test_a_failed_rename_says_what_the_folder_holds(
    data: Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    earlier: bool,
    at: int,
    removable: bool,
    holds: str,
    found: tuple[int, int],
) -> None:
    """Law: the message of a failed rename says what the folder holds, and it holds that.

    When no file was renamed, the temporary files are removed, and the folder is as it
    was: the earlier export, or nothing. Otherwise the files of each export are counted,
    with the temporary files left. *found* counts the files then: others, temporary.
    """
    out = tmp_path / "out"
    out.mkdir()
    if earlier:
        export(Dataset(release="old"), "nzcoop", out)
    before = _contents(out)
    _failing_rename(monkeypatch, at=at)
    if not removable:
        real = os.unlink

        def unlink(path: Any, **options: Any) -> None:  # noqa: ANN401 - as os.unlink
            if PARTIAL_FILE.fullmatch(Path(path).name):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            real(path, **options)

        monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(nzcoop.ExportError) as caught:
        export(data, "nzcoop", out, force=True)
    message = str(caught.value)
    assert message.startswith(f"cannot write the export to {str(out)!r}: Input/output error (")
    assert message.endswith(holds), message
    names = [path.name for path in out.iterdir()]
    partial = [name for name in names if PARTIAL_FILE.fullmatch(name)]
    assert (len(names) - len(partial), len(partial)) == found
    if not partial:
        assert _contents(out) == before


def test_a_file_of_an_earlier_export_that_cannot_be_removed_is_said(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    export(data, "popolo", out)
    real = os.unlink

    def unlink(path: Any, **options: Any) -> None:  # noqa: ANN401 - as os.unlink
        if os.fspath(path).endswith("persons.json"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        real(path, **options)

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(nzcoop.ExportError) as caught:
        export(data, "nzcoop", out, force=True)
    assert str(caught.value) == (
        f"the export to {str(out)!r} is written, but 'persons.json', of an earlier export, "
        f"could not be removed: Permission denied ({out / 'persons.json'}); remove it"
    )


def _hold_lock(folder: Path) -> int:
    """Lock *folder* as an export does, and return the descriptor that holds the lock."""
    import fcntl

    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no flock")
def test_an_export_into_a_folder_another_is_writing_fails_at_once(
    data: Dataset, tmp_path: Path
) -> None:
    """While an export holds a folder's lock, another into it fails, and changes nothing.

    The lock is the folder's, however it is named (through a link too); an export into
    another folder beside it is not held up.
    """
    out = tmp_path / "out"
    export(Dataset(release="old"), "nzcoop", out)
    (tmp_path / "link").symlink_to(out)
    before = _contents(out)
    held = _hold_lock(out)
    try:
        for folder in (out, tmp_path / "link"):
            with pytest.raises(nzcoop.ExportError) as caught:
                export(data, "nzcoop", folder, force=True)
            assert str(caught.value) == (
                f"cannot write the export to {str(folder)!r}: another export is writing "
                "that folder now; export again when it has finished"
            )
        assert _contents(out) == before
        export(data, "nzcoop", tmp_path / "beside")
    finally:
        os.close(held)
    export(data, "nzcoop", out, force=True)
    assert nzcoop.load(out) == data


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no flock")
def test_a_folder_that_cannot_be_locked_is_written_unlocked(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system that has no locks (some network ones) is written as if unlocked."""
    import fcntl

    def flock(*_: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", flock)
    export(data, "nzcoop", tmp_path / "out")
    assert nzcoop.load(tmp_path / "out") == data


STUCK = """
import os, sys, time
import nzcoop

def replace(source, target):
    open(sys.argv[3], "w").close()  # it holds the lock, and has renamed nothing
    time.sleep(120)

os.replace = replace
nzcoop.export(nzcoop.Dataset(release="stuck"), sys.argv[2], sys.argv[1], force=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no flock")
def test_two_processes_exporting_into_one_folder(data: Dataset, tmp_path: Path) -> None:
    """Law: while one process exports into a folder, another's export into it fails at once.

    The second export leaves the first's temporary files alone; when the first process is
    killed, its lock goes with it, and the next export removes what it left.
    """
    out = tmp_path / "out"
    export(Dataset(release="old"), "nzcoop", out)
    ready = tmp_path / "ready"
    first = subprocess.Popen(  # noqa: S603 - this interpreter, on code written here
        [sys.executable, "-c", STUCK, str(out), "nzcoop", str(ready)],
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(1200):
            if ready.exists() or first.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), first.stderr.read() if first.stderr else ""
        left = sorted(path.name for path in out.iterdir() if PARTIAL_FILE.fullmatch(path.name))
        assert left
        with pytest.raises(nzcoop.ExportError, match="another export is writing that folder"):
            export(data, "nzcoop", out, force=True)
        now = sorted(path.name for path in out.iterdir() if PARTIAL_FILE.fullmatch(path.name))
        assert now == left
    finally:
        first.kill()
        first.communicate(timeout=60)
    export(data, "nzcoop", out, force=True)
    assert not [path for path in out.iterdir() if PARTIAL_FILE.fullmatch(path.name)]
    assert nzcoop.load(out) == data


KILLED = """
import os, signal, sys
import nzcoop
from nzcoop import _export

renames = 0
real = os.replace

def replace(source, target):
    global renames
    renames += 1
    if renames == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    real(source, target)

os.replace = replace
nzcoop.export(nzcoop.dataset(), sys.argv[2], sys.argv[1], force=True)
"""


@pytest.mark.parametrize("format", ["csv", "nzcoop"])
def test_an_export_killed_midway_is_refused_then_finished(tmp_path: Path, format: str) -> None:
    """An export killed (SIGKILL) while its files are renamed is refused, then finished.

    Its temporary files are recognisable by name, load refuses the folder, and the next
    export cleans up.
    """
    out = tmp_path / "out"
    export(Dataset(release="old"), format, out)
    done = subprocess.run(  # noqa: S603 - this interpreter, on code written here
        [sys.executable, "-c", KILLED, str(out), format],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr  # SIGKILL
    left = [path.name for path in out.iterdir() if path.name.startswith(PARTIAL)]
    assert left
    assert all(PARTIAL_FILE.fullmatch(name) for name in left)
    with pytest.raises(nzcoop.DatasetError, match="left by an export that did not finish"):
        nzcoop.load(out)
    export(_packaged(), format, out, force=True)
    assert not [path for path in out.iterdir() if path.name.startswith(PARTIAL)]
    assert nzcoop.load(out) == _packaged()


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (
            (None, "nzcoop", "out"),
            nzcoop.ArgumentTypeError,
            "dataset must be a Dataset, not NoneType",
        ),
        ((Dataset(), ["nzcoop"], "out"), nzcoop.ArgumentTypeError, "format must be a str"),
        (
            (Dataset(), "nzcoop", 5),
            nzcoop.ArgumentTypeError,
            "folder must be a str or a str path, not int",
        ),
        ((Dataset(), "nzcoop", ""), nzcoop.InvalidArgumentError, "folder is an empty path"),
    ],
)
def test_export_arguments_of_the_wrong_kind(
    arguments: tuple[object, object, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        export(*arguments)  # type: ignore[arg-type]
    with pytest.raises(nzcoop.ArgumentTypeError, match="force must be a bool, not str"):
        export(Dataset(), "nzcoop", "out", force="yes")  # type: ignore[arg-type]
    with pytest.raises(nzcoop.ArgumentTypeError, match="raw_cells must be a bool, not int"):
        export(Dataset(), "csv", "out", raw_cells=1)  # type: ignore[arg-type]


class _PathLike:
    """A path-like object whose path is *path*, whatever that is."""

    def __init__(self, path: object) -> None:
        self.path = path

    def __fspath__(self) -> object:
        return self.path

    def __repr__(self) -> str:
        return f"<path {self.path!r}>"


def test_a_bytes_folder_is_an_argument_type_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bytes path, or a path-like object whose path is not a str, is refused before writing.

    The message shows what was given, cut short, and what is expected.
    """
    monkeypatch.chdir(tmp_path)
    for folder, shown_as in (
        (b"out", "bytes (b'out')"),
        (b"x" * 200, f"bytes (b'{'x' * 54}...')"),
        (_PathLike(b"out"), "a bytes path (<path b'out'>)"),
        (_PathLike(5), "_PathLike (<path 5>)"),
    ):
        with pytest.raises(nzcoop.ArgumentTypeError) as caught:
            export(Dataset(), "nzcoop", folder)  # type: ignore[arg-type]
        assert str(caught.value) == f"folder must be a str or a str path, not {shown_as}"
    assert list(tmp_path.iterdir()) == []

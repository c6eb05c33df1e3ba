"""Exports: JSON that loads back equal, CSV tables that count right, Popolo that validates."""

from __future__ import annotations

import csv
import json
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

import nzcoop
from nzcoop import Dataset
from nzcoop._export import FORMATS, export
from nzcoop._model import RECORD_KINDS, kind_of

from . import sample

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
    """Return the sample documents, with text that needs quoting."""
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
        export(data, "xml", tmp_path)
    assert FORMATS == ("csv", "json", "popolo")


# -- JSON -----------------------------------------------------------------------------------


def test_json_export_loads_back_to_an_equal_dataset(data: Dataset, tmp_path: Path) -> None:
    written = export(data, "json", tmp_path / "out")
    assert [p.name for p in written] == ["release.json", *(f"{k.stem}.json" for k in RECORD_KINDS)]
    again = nzcoop.load(tmp_path / "out")
    assert again == data
    assert again.digest == data.digest
    assert again.release == data.release


def test_json_export_of_the_packaged_data_loads_back(tmp_path: Path) -> None:
    packaged = _packaged()
    export(packaged, "json", tmp_path)
    again = nzcoop.load(tmp_path)
    assert again == packaged
    assert again.digest == packaged.digest


# -- CSV ------------------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _expected_counts(data: Dataset) -> dict[str, int]:
    """Count the rows each CSV table should have, from the records themselves."""
    counts: dict[str, int] = {"release.csv": 1, "citations.csv": 0, "inferences.csv": 0}
    for kind in RECORD_KINDS:
        stem, cls = str(kind.stem), kind.cls
        records = data.records(stem)
        counts[f"{stem}.csv"] = len(records)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if typing.get_origin(hints[field.name]) is not tuple:
                continue
            values = [getattr(record, field.name) for record in records]
            if field.name == "sources":
                counts["citations.csv"] += sum(map(len, values))
            elif field.name == "inferred":
                counts["inferences.csv"] += sum(map(len, values))
            elif field.name == "sides":
                sides = [side for discrepancy in values for side in discrepancy]
                counts["discrepancy_sides.csv"] = len(sides)
                counts["discrepancy_side_records.csv"] = sum(len(s.records) for s in sides)
            elif field.name == "offices":
                offices = [office for person in values for office in person]
                counts["person_offices.csv"] = len(offices)
                counts["person_office_citations.csv"] = sum(len(o.sources) for o in offices)
            else:
                counts[f"{kind_of(cls).word}_{field.name}.csv"] = sum(map(len, values))
    return counts


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
            "year": "2013",
        },
        {
            "person_id": "pat",
            "office": "2",
            "title": "Adviser",
            "within": "",
            "within_kind": "",
            "year": "",
        },
    ]
    assert [
        (r["person_id"], r["office"]) for r in _read(folder / "person_office_citations.csv")
    ] == [
        ("pat", "1"),
        ("pat", "2"),
    ]


def test_csv_tables_of_an_empty_dataset_have_headers(tmp_path: Path) -> None:
    export(Dataset(), "csv", tmp_path)
    with (tmp_path / "event_themes.csv").open(encoding="utf-8", newline="") as stream:
        assert list(csv.reader(stream)) == [["event_id", "theme"]]
    _valid_package(tmp_path)


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
    assert package["sources"] == [{"title": "A document", "path": "https://example.org/doc"}]


def test_the_data_package_of_the_packaged_data_validates(tmp_path: Path) -> None:
    packaged = _packaged()
    export(packaged, "csv", tmp_path)
    package = _valid_package(tmp_path)
    assert package["version"] == packaged.release


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


def test_every_column_has_a_type_and_a_description(tmp_path: Path) -> None:
    export(Dataset(), "csv", tmp_path)
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
    parent = {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}
    assert parent in schemas["organisations"]["foreignKeys"]
    kind = next(f for f in schemas["organisations"]["fields"] if f["name"] == "kind")
    assert kind["constraints"] == {
        "enum": [k.value for k in nzcoop.OrganisationKind],
        "required": True,
    }
    year = next(f for f in schemas["person_offices"]["fields"] if f["name"] == "year")
    assert (year["type"], year["description"]) == (
        "integer",
        "The year the document shows the person in office.",
    )


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


def test_kind_columns_follow_exactly_the_references_to_several_kinds(tmp_path: Path) -> None:
    export(Dataset(), "csv", tmp_path)
    for kind in RECORD_KINDS:
        with (tmp_path / f"{kind.stem}.csv").open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        scalars = {f.name for f in attrs.fields(kind.cls) if f.name in header}
        expected = [
            f"{n}_kind" for n, targets in kind.references if n in scalars and len(targets) > 1
        ]
        assert [c for c in header if c.endswith("_kind")] == expected, kind.word
        for name, targets in kind.references:
            if len(targets) > 1 and name in scalars:
                assert header[header.index(name) + 1] == f"{name}_kind"


def test_the_readme_names_the_release_the_digest_and_every_table(
    data: Dataset, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    written = export(data, "csv", folder)
    readme = (folder / "README.md").read_text("utf-8")
    assert f"Data release {data.release}, digest `{data.digest}`" in readme
    for path in written[:-2]:
        assert f"- `{path.name}`: " in readme
    export(Dataset(), "csv", folder / "empty")
    assert "Data release (none)" in (folder / "empty" / "README.md").read_text("utf-8")


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
    """Law: an export either writes the whole new dataset or leaves the folder untouched."""
    out = tmp_path / "out"
    export(Dataset(), "json", out)
    before = _contents(out)
    monkeypatch.setattr("nzcoop._export._json_files", _failing(after=3))
    with pytest.raises(nzcoop.ExportError, match="No space left on device") as caught:
        export(data, "json", out, force=True)
    assert isinstance(caught.value, OSError)
    assert "it is left as it was" in str(caught.value)
    assert _contents(out) == before
    assert nzcoop.load(out) == Dataset()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "out"]
    with pytest.raises(nzcoop.ExportError, match="No space left"):
        export(data, "json", tmp_path / "new", force=force)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "out"]


def test_a_forced_export_replaces_an_earlier_one_whole(data: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(data, "csv", out)
    with pytest.raises(nzcoop.ExportError, match="the folder is not empty"):
        export(Dataset(), "json", out)
    written = export(Dataset(), "json", out, force=True)
    assert sorted(out.iterdir()) == sorted(written)  # no CSV table of the earlier export left
    assert nzcoop.load(out) == Dataset()


def test_an_empty_folder_is_written_without_force(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert export(Dataset(), "json", tmp_path / "out")
    (tmp_path / "new").mkdir()
    assert (tmp_path / "out").stat().st_mode == (tmp_path / "new").stat().st_mode


def test_force_replaces_only_a_folder_of_an_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("notes.txt", "organisations.json", "a", "b", "c"):
        (out / name).write_text("mine", "utf-8")
    (out / "release.json").mkdir()
    before = sorted(out.iterdir())
    with pytest.raises(nzcoop.ExportError, match=r"holds 'a', 'b', 'c', \.\.\., which no export"):
        export(Dataset(), "json", out, force=True)
    assert sorted(out.iterdir()) == before
    assert (out / "notes.txt").read_text("utf-8") == "mine"


def test_an_export_through_a_link_writes_the_folder_linked_to(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    written = export(Dataset(), "json", tmp_path / "link")
    assert written[0] == tmp_path / "link" / "release.json"
    assert (tmp_path / "link").is_symlink()
    assert nzcoop.load(tmp_path / "real") == Dataset()


def test_a_rename_that_fails_puts_the_earlier_export_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    export(Dataset(release="old"), "json", out)
    before = _contents(out)
    rename = Path.rename

    def refuse(self: Path, target: Any) -> Path:  # noqa: ANN401 - as Path.rename
        if self.name.endswith(".export"):
            raise OSError(18, "Invalid cross-device link", str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(nzcoop.ExportError, match="Invalid cross-device link"):
        export(Dataset(release="new"), "json", out, force=True)
    assert _contents(out) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def test_a_folder_that_cannot_be_made_is_an_export_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", "utf-8")
    with pytest.raises(nzcoop.ExportError, match=r"cannot write the export to .*file/out"):
        export(Dataset(), "json", tmp_path / "file" / "out")


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (
            (None, "json", "out"),
            nzcoop.ArgumentTypeError,
            "dataset must be a Dataset, not NoneType",
        ),
        ((Dataset(), ["json"], "out"), nzcoop.ArgumentTypeError, "format must be a str, not list"),
        ((Dataset(), "json", 5), nzcoop.ArgumentTypeError, "folder must be a folder path, not int"),
        ((Dataset(), "json", ""), nzcoop.InvalidArgumentError, "folder is an empty path"),
    ],
)
def test_export_arguments_of_the_wrong_kind(
    arguments: tuple[object, object, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        export(*arguments)  # type: ignore[arg-type]
    with pytest.raises(nzcoop.ArgumentTypeError, match="force must be a bool, not str"):
        export(Dataset(), "json", "out", force="yes")  # type: ignore[arg-type]

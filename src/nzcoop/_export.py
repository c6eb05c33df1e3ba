"""Writing a dataset out for other tools: tidy CSV tables, nzcoop JSON, and Popolo JSON.

`export` writes one of three formats into a folder and returns the files it wrote.

``csv``
    Tidy tables, read by pandas (``pandas.read_csv``) and DuckDB (``read_csv``) without
    options: UTF-8, a header row, RFC 4180 quoting (the `csv` module's default dialect).
    Beside them, ``datapackage.json`` describes them as a `Frictionless Data Package
    <https://datapackage.org/>`_: a Table Schema for each file, with each column's type
    and meaning (the docstring of its field), its primary and foreign keys, and the
    release as text; and ``README.md`` says the same for a person.
    One table per record kind (``organisations.csv``, ...), one row per record, keyed by
    ``id``. Every list in a record gets its own link table named after the kind and the
    field, keyed by ``<kind>_id``: ``organisation_names.csv`` (``organisation_id``,
    ``value``, ``kind``), ``organisation_themes.csv`` (``organisation_id``, ``theme``),
    ``event_organisations.csv``, ``engagement_alongside.csv``, ``person_offices.csv``
    (``person_id``, ``office`` numbered from 1, ``title``, ``within``, ``year``) and so on.
    Every record's inferred values are in one table, ``inferences.csv`` (``record_id``,
    ``record_kind``, ``field``, ``reason``), and its citations in another,
    ``citations.csv`` (``record_id``, ``record_kind``, ``source``, ``section``,
    ``quote``); the citations of a person's
    offices are in ``person_office_citations.csv`` (``person_id``, ``office``, ...).
    A column of ids that may name records of more than one kind is followed by a column
    naming the kind of each (``target`` and ``target_kind``: ``organisation``,
    ``instrument`` or ``event``), whose table is the kind's (``organisations.csv``).
    ``release.csv`` holds the release and the digest of the data. A missing value
    (JSON ``null``) is written as an empty cell, as is an empty text (a description
    left empty); ids and names are never empty, and the JSON export keeps the
    difference. Columns come from the record classes themselves, so a new field
    appears in the tables without a change here.

``json``
    Exactly the files `nzcoop.load` reads (``release.json`` and one ``<kind>.json`` per
    record kind), so exporting and loading again gives an equal dataset, with the same
    `~nzcoop.Dataset.digest`.

``popolo``
    Four files of `Popolo <https://www.popoloproject.com/>`_ 1.0.1 objects, each a JSON
    array: ``organizations.json``, ``persons.json``, ``memberships.json`` and
    ``events.json``. They validate against the Popolo JSON Schemas (draft 03).

    - Organisations become organizations (``classification`` is the organisation's kind,
      ``parent_id`` its parent, ``other_names`` its other names with the name's kind as
      the ``note``).
    - Participants (countries, economies, regions) are organizations too, with their kind
      as ``classification`` (``country``, ``special-administrative-region``, ...), the
      participant they are part of as ``parent_id`` and their ISO 3166-1 alpha-2 and
      alpha-3 codes as identifiers with the schemes ``ISO 3166-1 alpha-2`` and
      ``ISO 3166-1 alpha-3``. So every member of a membership is a Popolo object in the
      export.
    - People become persons (``honorific_prefix`` is the honorific).
    - Engagements held in an organisation become memberships, with the engagement's role
      as ``role``, its name as ``label`` and ``since``/``until`` as ``start_date`` and
      ``end_date`` (years). A person holding the role is the ``person_id``; a participant
      or an organisation is the ``member`` (``{"@type": "Organization", "id": ...}``).
      An office a person holds within an organisation or participant becomes a
      membership too (``role`` is the office's title; no dates, since the year the
      documents give is when they show the person in office, not when the office began).
      Its id is ``<person id>--office-<n>``, numbered from 1, unless a record already has
      that id: then ``~2``, ``~3``, ... is added until no record or membership has it.
    - Events become events (``classification`` is the kind, ``location`` the names of
      the places it happened in, joined by "and", ``organization_id`` the first
      organisation the event belongs to, and the dates are as precise as the
      documents: ``2013``, ``2013-06`` or ``2013-06-24``;
      where the documents give only a week or bounds, the part of the date the bounds
      share).
    - ``sources``: a link for each of the object's citations (``url`` is the document's
      own URL, ``note`` names the document, the section and the quote). Each object also
      carries every citation in an extension property, ``nzcoop_citations``
      (``source``, ``title``, ``section``, ``quote``, ``url``), which Popolo allows, so
      that its provenance reads as in the other exports.
    - Left out, because Popolo has no class for them: instruments, places (other than as
      an event's ``location``), terms, figures, discrepancies, themes, the ``alongside``
      lists of engagements, engagements held in an instrument or an event, and offices
      with no organisation or participant. The CSV and JSON exports hold all of them.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import datetime
import enum
import functools
import inspect
import itertools
import json
import os
import shutil
import textwrap
import typing
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._dataset import Dataset
from ._dates import iso_dates
from ._errors import ArgumentTypeError, ExportError, InvalidArgumentError
from ._model import (
    RECORD_KINDS,
    STEMS,
    Citation,
    Entity,
    Inference,
    Organisation,
    Participant,
    Person,
    Source,
    kind_of,
)

__all__ = ["export"]

FORMATS = ("csv", "json", "popolo")
"""The formats `export` writes."""

ISO_ALPHA_2 = "ISO 3166-1 alpha-2"
ISO_ALPHA_3 = "ISO 3166-1 alpha-3"
"""The Popolo identifier schemes of a participant's ISO 3166-1 codes."""

Row = Sequence[object]
Entries = list[tuple[tuple[object, ...], Any]]
"""List items, each after the key values of the record (or item) holding it."""


def export(
    dataset: Dataset, format: str, folder: str | os.PathLike[str], *, force: bool = False
) -> list[Path]:
    """Write *dataset* in *format* into the folder *folder*; return the files written.

    Everything is written into a new folder beside *folder*, which is then renamed to
    *folder*: so an export that fails leaves *folder* as it was, and one that succeeds
    never leaves files of an earlier export beside the new ones. *folder* may be missing
    (it is created, with its parents) or empty. A folder that holds files is replaced
    only when *force* is true, and only when every file in it is one that an export
    writes: so a mistyped folder name never deletes anything else.

    Args:
        dataset: the dataset to write.
        format: ``"csv"``, ``"json"`` or ``"popolo"`` (see the module documentation).
        folder: the folder to write.
        force: replace *folder* when it holds an earlier export.

    Returns:
        The paths of the files written, in the order written.

    Raises:
        InvalidArgumentError: *format* is not one of ``"csv"``, ``"json"`` and ``"popolo"``.
        ArgumentTypeError: *dataset* is not a `Dataset`, *folder* not a path, or
            *force* not a bool.
        ExportError: *folder* holds files and *force* is false, or holds a file that no
            export writes, or cannot be written; it is left as it was.

    >>> import tempfile, nzcoop
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in nzcoop.export(nzcoop.Dataset(), "popolo", folder)]
    ['organizations.json', 'persons.json', 'memberships.json', 'events.json']
    """
    _check_arguments(dataset, format, folder, force)
    writers = {"csv": _csv_files, "json": _json_files, "popolo": _popolo_files}
    if format not in writers:
        expected = ", ".join(map(repr, FORMATS))
        raise InvalidArgumentError(f"unknown export format {format!r}; expected one of: {expected}")
    out = Path(folder)
    target = Path(os.path.realpath(out))  # a link to a folder: the folder it links to
    try:
        _check_target(target, force=force)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _new_folder(target, "export")
    except ExportError:
        raise
    except OSError as error:
        raise ExportError(f"cannot write the export to {str(out)!r}: {_reason(error)}") from None
    try:
        names = []
        for name, write in writers[format](dataset):
            with (staging / name).open("w", encoding="utf-8", newline="") as stream:
                write(stream)
            names.append(name)
        _replace(staging, target)
    except OSError as error:
        raise ExportError(
            f"cannot write the export to {str(out)!r}: {_reason(error)}; it is left as it was"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # renamed away already, unless it failed
    return [out / name for name in names]


def _check_arguments(dataset: object, format: object, folder: object, force: object) -> None:
    """Raise `ArgumentTypeError` for an argument of `export` of the wrong type."""
    for name, value, expected, wanted in (
        ("dataset", dataset, Dataset, "a Dataset"),
        ("format", format, str, "a str"),
        ("folder", folder, str | os.PathLike, "a folder path"),
        ("force", force, bool, "a bool"),
    ):
        if not isinstance(value, expected):
            raise ArgumentTypeError(f"{name} must be {wanted}, not {type(value).__name__}")
    if not os.fspath(typing.cast("str", folder)):
        raise InvalidArgumentError("folder is an empty path; name the folder to write")


def _reason(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


def _check_target(target: Path, *, force: bool) -> None:
    """Raise `ExportError` unless *target* may be replaced: missing, empty, or forced."""
    if not target.exists():
        return
    if not target.is_dir():
        raise ExportError(f"cannot write the export to {str(target)!r}: it is not a folder")
    present = list(target.iterdir())
    if present and not force:
        raise ExportError(
            f"cannot write the export to {str(target)!r}: the folder is not empty "
            "(force=True, or --force, replaces an earlier export)"
        )
    others = sorted(
        entry.name
        for entry in present
        if entry.name not in _exported() or entry.is_symlink() or not entry.is_file()
    )
    if others:
        listed = ", ".join(map(repr, others[:3])) + (", ..." if len(others) > 3 else "")  # noqa: PLR2004
        raise ExportError(
            f"cannot write the export to {str(target)!r}: it holds {listed}, which no "
            "export writes; only a folder of an earlier export is replaced"
        )


@functools.cache
def _exported() -> frozenset[str]:
    """Return the name of every file an export of any format writes."""
    files = (_csv_files, _json_files, _popolo_files)
    return frozenset(name for write in files for name, _ in write(Dataset()))


def _new_folder(beside: Path, purpose: str) -> Path:
    """Make and return a new, empty folder in the folder that holds *beside*."""
    folder = beside.parent / f".{beside.name}.{os.urandom(6).hex()}.{purpose}"
    folder.mkdir()  # with the usual permissions, where tempfile.mkdtemp keeps it private
    return folder


def _replace(staging: Path, target: Path) -> None:
    """Put the folder *staging* in the place of *target*, which may be missing or a folder.

    Renames are atomic: *target* holds the earlier export or the new one, never a mix
    (and, between the two renames that replace a folder of files, is briefly missing).
    """
    with contextlib.suppress(OSError):  # an empty folder is replaced; one with files moved
        target.rmdir()
    if not target.exists():
        staging.rename(target)
        return
    old = _new_folder(target, "old")
    target.rename(old / target.name)
    try:
        staging.rename(target)
    except OSError:
        (old / target.name).rename(target)  # back as it was; if that fails, it stays in old
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)


_Writer = typing.Callable[[typing.TextIO], object]


def _json_writer(document: object) -> _Writer:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return lambda stream: stream.write(text)


def _csv_writer(header: Sequence[str], rows: Iterable[Row]) -> _Writer:
    def write(stream: typing.TextIO) -> None:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows([_cell(value) for value in row] for row in rows)

    return write


# -- JSON ---------------------------------------------------------------------------------


def _json_files(dataset: Dataset) -> Iterator[tuple[str, _Writer]]:
    from ._convert import unstructure

    records = [dataset.records(stem) for stem in STEMS]
    for stem, document in unstructure(dataset.release, records).items():
        yield f"{stem}.json", _json_writer(document)


# -- CSV ----------------------------------------------------------------------------------

_SCHEMA_TYPES: dict[object, str] = {str: "string", int: "integer", datetime.date: "date"}
"""The Table Schema type of each type a record field holds (an enum's values are strings)."""


def _cell(value: object) -> object:
    """Return *value* as a CSV cell: empty for None, enum values, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _list_item(field: attrs.Attribute[Any]) -> type | None:
    """Return the item type of a record's *field* when it holds a tuple, else None."""
    if typing.get_origin(field.type) is tuple:
        item: type = typing.get_args(field.type)[0]
        return item
    return None


def _singular(word: str) -> str:
    return word.removesuffix("s")


def _split(cls: type) -> tuple[list[str], list[tuple[str, type]]]:
    """Return the names of *cls*'s single-valued fields, and its list fields with item types."""
    scalars: list[str] = []
    lists: list[tuple[str, type]] = []
    for field in attrs.fields(cls):
        item = _list_item(field)
        if item is None:
            scalars.append(field.name)
        else:
            lists.append((field.name, item))
    return scalars, lists


def _summary(cls: type) -> str:
    """Return the first line of *cls*'s docstring."""
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]


@functools.cache
def field_docs(cls: type) -> dict[str, str]:
    """Return the docstring written under each field of the record class *cls*, as one line.

    The docs and the CSV export's data package both describe fields in these words, so
    they are written once, in the record classes; reST's double backquotes become
    Markdown's single ones. A class whose source cannot be read has none.

    >>> import nzcoop
    >>> field_docs(nzcoop.Office)["year"]
    'The year the document shows the person in office.'
    """
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):  # pragma: no cover - installed without its sources
        return {}
    (definition,) = tree.body
    assert isinstance(definition, ast.ClassDef)  # noqa: S101 - the source of a class
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(definition.body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            text = " ".join(following.value.value.split())
            docs[statement.target.id] = text.replace("``", "`")
    return docs


def _schema_field(
    name: str, annotation: object, description: str, *, required: bool = False
) -> dict[str, Any]:
    """Return the Table Schema descriptor of a column of *annotation* values.

    A column is required where *required* says so, or where its field holds no None
    and cannot be empty: a number, a date, a vocabulary's value. (A text may be empty,
    and an empty cell reads as a missing value.)
    """
    options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    kind = options[0] if options else annotation
    # a None is an empty cell in a table
    field: dict[str, Any] = {"name": name, "description": description.replace("`None`", "empty")}
    constraints: dict[str, Any] = {}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        field["type"] = "string"
        constraints["enum"] = [member.value for member in kind]
    else:
        field["type"] = _SCHEMA_TYPES[kind]
    if required or (not options and kind is not str):
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _kind_field(column: str, targets: Sequence[type]) -> dict[str, Any]:
    """Return the descriptor of the column naming the kind of record *column*'s id names."""
    kinds = [kind_of(target) for target in targets]
    tables = ", ".join(f"{kind.word} ({kind.stem}.csv)" for kind in kinds)
    return {
        "name": f"{column}_kind",
        "type": "string",
        "description": f"The kind of record `{column}` is the id of, which names its table: "
        f"{tables}.",
        "constraints": {"enum": [kind.word for kind in kinds]},
    }


def _foreign(columns: list[str], table: str, other: str, keys: list[str]) -> dict[str, Any]:
    """Return a foreign key: *columns* of *table* refer to the *keys* of the table *other*."""
    resource = "" if other == table else other  # "" is the table itself
    return {"fields": columns, "reference": {"resource": resource, "fields": keys}}


@attrs.define
class _CsvTable:
    """One CSV file being built: its Table Schema, what it holds, and its rows."""

    name: str
    description: str
    fields: list[dict[str, Any]]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]]
    rows: list[Row] = attrs.Factory(list)

    def schema(self) -> dict[str, Any]:
        """Return the table's Table Schema."""
        schema: dict[str, Any] = {"fields": self.fields, "missingValues": [""]}
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema


_Cells = typing.Callable[[object], list[object]]

_SHARED: dict[type, tuple[str, str]] = {
    Citation: ("citations", "Every record's citations: where each fact comes from."),
    Inference: (
        "inferences",
        (
            "Every record's inferred values: the field whose value rests on reasoning, "
            "not on a quote, and what it rests on."
        ),
    ),
}
"""The lists every kind of record has whose items share one table, with its description."""


class _CsvTables:
    """The CSV tables being built, in creation order.

    Their columns come from the record classes and `KINDS`. A column of ids that may
    name records of more than one kind (an engagement's ``target``: an organisation,
    an instrument or an event) is followed by one naming the kind of each
    (``target_kind``), so that every id resolves without a search; a column of ids of
    one kind is a foreign key of its table instead.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.tables: dict[str, _CsvTable] = {}
        self.kinds = {entity.id: kind_of(type(entity)).word for entity in dataset.entities()}
        self.add_release(dataset)
        for kind, stem in zip(RECORD_KINDS, STEMS, strict=True):
            self.add_kind(stem, kind.cls, dataset.records(stem))

    def table(
        self,
        name: str,
        description: str,
        fields: list[dict[str, Any]],
        primary_key: Sequence[str] = (),
        foreign_keys: Sequence[dict[str, Any]] = (),
    ) -> _CsvTable:
        """Return the table *name*, made with these columns and keys if it is new."""
        if name not in self.tables:
            self.tables[name] = _CsvTable(
                name, description, fields, list(primary_key), list(foreign_keys)
            )
        return self.tables[name]

    def add_release(self, dataset: Dataset) -> None:
        fields = [
            _schema_field(
                "release", str, "The data release: a version such as `2026.12.0`, as text."
            ),
            _schema_field(
                "digest", str, "The SHA-256 digest of the data, as `Dataset.digest` gives it."
            ),
        ]
        table = self.table("release", "The release and the digest of the data.", fields)
        table.rows.append([dataset.release, dataset.digest])

    def add_kind(self, stem: str, cls: type, records: Sequence[Entity]) -> None:
        """Add the table of one record kind, and the link tables of its lists."""
        own = kind_of(cls).word
        scalars, lists = _split(cls)
        fields, foreign, cells = self._scalars(cls, scalars, stem)
        about = f"One row per {own}: {_summary(cls)[0].lower()}{_summary(cls)[1:]}"
        table = self.table(stem, about, fields, ["id"], foreign)
        table.rows.extend(cells(record) for record in records)
        for name, item in lists:
            entries: Entries
            if item in _SHARED:  # every kind's own citations (inferences) share one table
                shared, about = _SHARED[item]
                entries = [((r.id, own), value) for r in records for value in getattr(r, name)]
                keys = [
                    _schema_field("record_id", str, "The id of the record.", required=True),
                    _kind_field("record", [kind.cls for kind in RECORD_KINDS]),
                ]
                keys[-1]["constraints"]["required"] = True
                self.add_list(shared, about, keys, [], cls, name, item, entries)
            else:
                entries = [((r.id,), value) for r in records for value in getattr(r, name)]
                column = f"{own}_id"
                key = _schema_field(column, str, f"The id of the {own}.", required=True)
                link = f"{own}_{name}"
                self.add_list(
                    link,
                    f"The `{name}` of each {own}, one row each.",
                    [key],
                    [_foreign([column], link, stem, ["id"])],
                    cls,
                    name,
                    item,
                    entries,
                )

    def add_list(
        self,
        name: str,
        description: str,
        keys: list[dict[str, Any]],
        key_references: list[dict[str, Any]],
        owner: type,
        field: str,
        item: type,
        entries: Entries,
    ) -> None:
        """Add the link table *name*: one row per list item, after its owner's *keys*."""
        column = _singular(field)
        if not attrs.has(item):
            targets = dict(kind_of(owner).references).get(field, ())
            doc = field_docs(owner).get(field, "")
            fields = [*keys, _schema_field(column, item, f"One of the {field}. {doc}".strip())]
            references = list(key_references)
            if len(targets) == 1:
                references.append(_foreign([column], name, _stem(targets[0]), ["id"]))
            elif targets:
                fields.append(_kind_field(column, targets))
            table = self.table(name, description, fields, (), references)
            many = len(targets) > 1
            table.rows.extend(
                [*key, value, *([self.kinds[str(value)]] if many else [])] for key, value in entries
            )
            return
        scalars, lists = _split(item)
        if lists:  # items with lists of their own are numbered, for those lists to refer to
            about = f"The number of the {column} among its owner's {field}, from 1."
            keys = [*keys, _schema_field(column, int, about, required=True)]
        own_key = [key["name"] for key in keys] if lists else []
        fields, references, cells = self._scalars(item, scalars, name)
        table = self.table(
            name, description, [*keys, *fields], own_key, [*key_references, *references]
        )
        positions: dict[tuple[object, ...], int] = {}
        nested: dict[str, Entries] = {sub: [] for sub, _ in lists}
        for key, value in entries:
            if lists:
                positions[key] = positions.get(key, 0) + 1
                key = (*key, positions[key])  # noqa: PLW2901 - the item's own key
            table.rows.append([*key, *cells(value)])
            for sub, _ in lists:
                nested[sub].extend((key, part) for part in getattr(value, sub))
        for sub, sub_item in lists:
            link = f"{_singular(name)}_{'citations' if sub_item is Citation else sub}"
            self.add_list(
                link,
                f"The `{sub}` of each row of {name}.csv, one row each.",
                [dict(key) for key in keys],
                [_foreign(own_key, link, name, own_key)],
                item,
                sub,
                sub_item,
                nested[sub],
            )

    def _scalars(
        self, cls: type, names: list[str], table: str
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], _Cells]:
        """Return the columns of *cls*'s fields *names*, their foreign keys, and their cells.

        The cells are a function from a record to its values, each id that may name
        records of several kinds followed by the kind of the record it names.
        """
        docs = field_docs(cls)
        types = {field.name: field.type for field in attrs.fields(cls)}
        references = dict(kind_of(cls).references)
        fields: list[dict[str, Any]] = []
        foreign: list[dict[str, Any]] = []
        kinded: set[str] = set()
        for name in names:
            fields.append(_schema_field(name, types[name], docs.get(name, "")))
            targets = references.get(name, ())
            if len(targets) == 1:
                foreign.append(_foreign([name], table, _stem(targets[0]), ["id"]))
            elif targets:
                fields.append(_kind_field(name, targets))
                kinded.add(name)

        def cells(record: object) -> list[object]:
            row: list[object] = []
            for name in names:
                value = getattr(record, name)
                row.append(value)
                if name in kinded:
                    row.append(None if value is None else self.kinds[value])
            return row

        return fields, foreign, cells


def _stem(cls: type) -> str:
    return typing.cast("str", kind_of(cls).stem)


def _csv_files(dataset: Dataset) -> Iterator[tuple[str, _Writer]]:
    tables = _CsvTables(dataset).tables.values()
    for table in tables:
        header = [field["name"] for field in table.fields]
        yield f"{table.name}.csv", _csv_writer(header, table.rows)
    yield "datapackage.json", _json_writer(_datapackage(dataset, tables))
    text = _readme(dataset, tables)
    yield "README.md", lambda stream: stream.write(text)


TITLE = "nzcoop: data on New Zealand's international cooperation on immigration"
"""The title the data is published under (``CITATION.cff`` gives the same)."""

AUTHORS = "The nzcoop maintainers"
"""Who the data is published by (``CITATION.cff`` names the same)."""


def _datapackage(dataset: Dataset, tables: Iterable[_CsvTable]) -> dict[str, Any]:
    """Return the Frictionless Data Package descriptor of the CSV tables."""
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "nzcoop",
        "title": TITLE,
        "description": "Typed, cited data on New Zealand's international cooperation on "
        "immigration: one table per kind of record, one per list in a record, and the "
        "citations of every record. See README.md.",
        "contributors": [{"title": AUTHORS, "role": "author"}],
    }
    if dataset.release:
        package["version"] = dataset.release
    package["nzcoop_digest"] = dataset.digest
    package["sources"] = [{"title": s.title, "path": s.url} for s in dataset.sources()]
    package["resources"] = [
        {
            "name": table.name,
            "path": f"{table.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": table.description,
            "schema": table.schema(),
        }
        for table in tables
    ]
    return package


def _readme(dataset: Dataset, tables: Iterable[_CsvTable]) -> str:
    """Return the README.md written beside the CSV tables."""
    listed = "\n".join(f"- `{table.name}.csv`: {table.description}" for table in tables)
    return f"""# {TITLE}

Data release {dataset.release or "(none)"}, digest `{dataset.digest}`.
Written by nzcoop's CSV export; `datapackage.json` describes every table (its columns,
their types and meanings, its keys) as a Frictionless Data Package.

Each kind of record has a table keyed by `id` (`organisations.csv`, ...). Each list in a
record has a link table of its own, one row per item, whose first column is the id of
the record holding it (`organisation_themes.csv`: `organisation_id`, `theme`). Every
record's citations are in `citations.csv`. A column of ids that may name records of more
than one kind is followed by a `_kind` column (`target`, `target_kind`), whose value
names the table the id is in: the kind `organisation` is in `organisations.csv`. An empty
cell is a missing value. Read `release` as text, not as a number:
`pandas.read_csv("release.csv", dtype=str)`, or in DuckDB
`read_csv('release.csv', types = {{'release': 'VARCHAR'}})`.

To check the tables and their keys: `frictionless validate datapackage.json`.

## Tables

{listed}
"""


# -- Popolo -------------------------------------------------------------------------------


def _popolo_files(dataset: Dataset) -> Iterator[tuple[str, _Writer]]:
    popolo = _Popolo(dataset)
    yield "organizations.json", _json_writer(popolo.organizations())
    yield "persons.json", _json_writer(popolo.persons())
    yield "memberships.json", _json_writer(popolo.memberships())
    yield "events.json", _json_writer(popolo.events())


class _Popolo:
    """Popolo objects for one dataset's records."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.by_id = {entity.id: entity for entity in dataset.entities()}

    def organizations(self) -> list[dict[str, Any]]:
        """Return an organization for each participant, then each organisation."""
        found: list[dict[str, Any]] = []
        for participant in self.dataset.records("participants"):
            codes = ((participant.alpha_2, ISO_ALPHA_2), (participant.alpha_3, ISO_ALPHA_3))
            identifiers = [
                {"identifier": code, "scheme": scheme} for code, scheme in codes if code is not None
            ]
            found.append(
                {
                    **self._named(participant),
                    "classification": participant.kind.value,
                    "parent_id": participant.part_of,
                    "identifiers": identifiers,
                    **self._cited(participant.sources),
                }
            )
        found.extend(
            {
                **self._named(organisation),
                "classification": organisation.kind.value,
                "parent_id": organisation.parent,
                "description": organisation.description,
                **self._cited(organisation.sources),
            }
            for organisation in self.dataset.records("organisations")
        )
        return found

    def persons(self) -> list[dict[str, Any]]:
        """Return a person for each person record."""
        return [
            {
                **self._named(person),
                "honorific_prefix": person.honorific,
                **self._cited(person.sources),
            }
            for person in self.dataset.records("people")
        ]

    def memberships(self) -> list[dict[str, Any]]:
        """Return a membership for each engagement in an organisation, then each office."""
        found: list[dict[str, Any]] = []
        taken = set(self.by_id)  # the ids of offices' memberships are made not to clash
        for engagement in self.dataset.records("engagements"):
            if not isinstance(self.by_id[engagement.target], Organisation):
                continue
            found.append(
                {
                    "id": engagement.id,
                    "label": engagement.name,
                    "role": engagement.role.value,
                    **self._member(engagement.participant),
                    "organization_id": engagement.target,
                    "start_date": _year(engagement.since),
                    "end_date": _year(engagement.until),
                    **self._cited(engagement.sources),
                }
            )
        for person in self.dataset.records("people"):
            for number, office in enumerate(person.offices, start=1):
                if office.within is None:
                    continue
                found.append(
                    {
                        "id": _unused(f"{person.id}--office-{number}", taken),
                        "label": office.title,
                        "role": office.title,
                        "person_id": person.id,
                        "organization_id": office.within,
                        **self._cited(office.sources),
                    }
                )
        return found

    def events(self) -> list[dict[str, Any]]:
        """Return an event for each event record."""
        found: list[dict[str, Any]] = []
        for event in self.dataset.records("events"):
            names = [self.by_id[place].name for place in event.places]
            found.append(
                {
                    "id": event.id,
                    "name": event.name,
                    "description": event.description,
                    "classification": event.kind.value,
                    "start_date": iso_dates(event)[0],
                    "end_date": iso_dates(event)[1],
                    "location": " and ".join(names) or None,
                    "organization_id": event.organisations[0] if event.organisations else None,
                    **self._cited(event.sources),
                }
            )
        return found

    def _member(self, holder: str) -> dict[str, Any]:
        if isinstance(self.by_id[holder], Person):
            return {"person_id": holder}
        return {"member": {"@type": "Organization", "id": holder}}

    @staticmethod
    def _named(entity: Participant | Organisation | Person) -> dict[str, Any]:
        return {
            "id": entity.id,
            "name": entity.name,
            "other_names": [{"name": name.value, "note": name.kind.value} for name in entity.names],
        }

    def _cited(self, citations: Sequence[Citation]) -> dict[str, Any]:
        """Return the ``sources`` links and the ``nzcoop_citations`` of *citations*."""
        links: list[dict[str, Any]] = []
        cited: list[dict[str, Any]] = []
        for citation in citations:
            source = self.by_id[citation.source]
            assert isinstance(source, Source)  # noqa: S101 - validated reference
            title = source.title
            cited.append(
                {
                    "source": source.id,
                    "title": title,
                    "section": citation.section,
                    "quote": citation.quote,
                    "url": source.url,
                }
            )
            where = f", {citation.section}" if citation.section is not None else ""
            note = f"{title}{where}: \u201c{citation.quote}\u201d"
            links.append({"url": source.url, "note": note})
        return {"sources": links, "nzcoop_citations": cited}


def _unused(wanted: str, taken: set[str]) -> str:
    """Return *wanted*, or it with ``~2``, ``~3``, ... added, whichever is not *taken*; take it."""
    unused, copy = wanted, 1
    while unused in taken:
        copy += 1
        unused = f"{wanted}~{copy}"
    taken.add(unused)
    return unused


def _year(year: int | None) -> str | None:
    return None if year is None else f"{year:04d}"

"""The CSV data package: the layout of its tables, its cells, and reading one back.

`nzcoop.export` writes a dataset as CSV tables laid out here, with a ``datapackage.json``
that lists them; `nzcoop.load` reads such a folder back, through its
``datapackage.json``, to a dataset equal to the one written (`read_export`). The files
are read by the reader `nzcoop.load` reads data files with (`Files`), so they are
opened, limited and parsed as strictly as data files are.

The layout comes from the record classes and `KINDS`, so a new field or kind of record
gets its columns and tables without a change here:

- Each kind of record has a table, one row per record, keyed by ``id``
  (``organisations.csv``).
- Each list in a record has a link table, one row per item, after the id of the record
  holding it (``organisation_themes.csv``: ``organisation_id``, ``theme``). A list of
  records (a person's offices) holds their fields, numbered from 1 where the items have
  tables of their own (``person_offices.csv``: ``person_id``, ``office``, ...). Every
  record's citations share one table, ``citations.csv`` (``record_id``,
  ``record_kind``, ...).
- Each optional integer (a year) has a table of its own, with a row for each record that
  has a value (``engagement_since.csv``: ``engagement_id``, ``since``): so no integer
  column has an empty cell, and tools that guess column types (pandas, DuckDB) read each
  as integers.
- A column of ids that may name records of several kinds is followed by one naming the
  kind (``target``, ``target_kind``).
- An event's ``start`` and ``end`` are written as far as its ``precision`` goes: a year
  (``2013``), a month (``2013-06``), an ISO week (``2003-W24``), or a day (``day`` and
  ``between``).
- A table with no rows is not written, nor listed in ``datapackage.json``.

Cells are UTF-8 CSV (the `csv` module's dialect). An empty cell is a missing value. A
text that a spreadsheet would read as a formula (one starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written after an apostrophe unless the package
is written with raw cells (`Cells`); ``datapackage.json`` records which, and reading
undoes exactly what writing did.
"""

from __future__ import annotations

import ast
import calendar
import contextlib
import csv
import datetime
import enum
import functools
import inspect
import io
import itertools
import re
import textwrap
import threading
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib.resources.abc import Traversable
from typing import Any

import attrs

from ._convert import MAX_DIGITS, RELEASE, TOO_MANY_DIGITS
from ._dataset import Dataset
from ._errors import DatasetError, Found, Problem, shown
from ._model import RECORD_KINDS, STEMS, Citation, Inference, kind_of
from ._vocabulary import Precision

__all__: list[str] = []

DESCRIPTOR = "datapackage.json"
"""The file that makes a folder a data package, and lists its tables."""

README = "README.md"
"""The file that describes the package to a person."""

LAYOUT = 2
"""The version of the layout, which ``datapackage.json`` records as ``nzcoop_layout``.

Packages of another version (an earlier nzcoop wrote version 1, unrecorded) are not
read: their tables are laid out otherwise.
"""

POPOLO_FILES = ("organizations.json", "persons.json", "memberships.json", "events.json")
"""The files a Popolo export writes (the first three are no data file's names)."""

PARTIAL = ".nzcoop-partial-"
"""How the name of a file an export has not finished writing begins.

An export writes each file under such a name in the folder it writes, and renames it
into place when every file is written; `PARTIAL_FILE` matches the whole name.
"""
PARTIAL_FILE = re.compile(re.escape(PARTIAL) + r"[0-9a-f]{8}-[\w.]+\.tmp")


class Cells(enum.StrEnum):
    """How the text cells of a package are written.

    >>> Cells.SPREADSHEET_SAFE.escape("=1+1", nullable=False)
    "'=1+1"
    >>> Cells.RAW.escape("=1+1", nullable=False)
    '=1+1'
    """

    SPREADSHEET_SAFE = "spreadsheet-safe"
    """A text a spreadsheet would read as a formula is written after an apostrophe."""
    RAW = "raw"
    """Texts are written as they are."""

    def escape(self, text: str | None, *, nullable: bool) -> str:
        """Return the cell of *text*, in a column that may hold None when *nullable*.

        A None is an empty cell. Where a column may hold both None and an empty text,
        the text is written as an apostrophe (a spreadsheet shows that as an empty
        text), and a text of apostrophes alone gets one more, so that each cell reads
        back as one value. Spreadsheet-safe cells also put an apostrophe before a text
        starting with a formula character or an apostrophe.
        """
        if text is None:
            return ""
        if self is Cells.SPREADSHEET_SAFE and text.startswith(_QUOTED):
            return "'" + text
        if nullable and not text.strip("'"):
            return "'" + text
        return text

    def unescape(self, cell: str, *, nullable: bool) -> str | None:
        """Return the text of *cell*: the inverse of `escape`.

        >>> Cells.SPREADSHEET_SAFE.unescape("'=1+1", nullable=False)
        '=1+1'
        >>> Cells.RAW.unescape("'", nullable=True), Cells.RAW.unescape("", nullable=True)
        ('', None)
        """
        if self is Cells.SPREADSHEET_SAFE and cell.startswith("'"):
            return cell[1:]
        if nullable:
            if not cell:
                return None
            if not cell.strip("'"):
                return cell[1:]
        return cell


SHARED: dict[type, tuple[str, str]] = {
    Citation: ("citations", "Every record's citations: where each fact comes from."),
    Inference: (
        "inferences",
        (
            "Every record's inferred values: the field whose value rests on reasoning, "
            "not on a quote, and what it rests on."
        ),
    ),
}
"""The lists every kind of record has whose items share one table: its name, what it holds.

Its rows start with the id and the kind of the record holding each item
(``record_id``, ``record_kind``); such lists in items of records have a table of their
own, named after it (``person_office_citations.csv``).
"""

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""What a cell that a spreadsheet reads as a formula starts with."""
_QUOTED = (*_FORMULA, "'")


# -- the layout ---------------------------------------------------------------------------


class _Cell(enum.Enum):
    """What a column holds, which says how its cells are written and read."""

    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    PRECISE_DATE = "precise date"
    """A date written as far as the precision in the same row goes."""
    KIND = "kind"
    """The kind of the record the id in the column before names."""


_SCHEMA_TYPES: dict[object, str] = {str: "string", int: "integer", datetime.date: "date"}
"""The Table Schema type of each type a record field holds (an enum's values are strings)."""
_CELLS: dict[object, _Cell] = {str: _Cell.TEXT, int: _Cell.INTEGER, datetime.date: _Cell.DATE}

PRECISE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-W[0-9]{2})?"
"""The forms of an event's dates: ``2013``, ``2013-06``, ``2013-06-24`` or ``2013-W26``."""


@attrs.frozen
class Column:
    """One column of a table: its header, how its cells are read, and its description."""

    name: str
    """The header."""
    cell: _Cell
    """What it holds."""
    nullable: bool
    """Whether a cell may be empty (a missing value)."""
    descriptor: dict[str, Any] = attrs.field(eq=False, hash=False)
    """Its Table Schema field descriptor."""


@attrs.frozen
class Table:
    """One CSV table of the package: its columns, its keys, and what it holds."""

    name: str
    """Its name, which ``<name>.csv`` is the file of."""
    description: str
    """What it holds, for ``datapackage.json`` and ``README.md``."""
    columns: tuple[Column, ...]
    """Its columns, in order."""
    primary_key: tuple[str, ...]
    """The columns whose values name one row, if any."""
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]
    """Columns that name rows of another table: the columns, the table, its columns."""

    def schema(self, present: Iterable[str]) -> dict[str, Any]:
        """Return the Table Schema, with the foreign keys to the *present* tables only.

        A key to a table that is not written could only be empty.
        """
        schema: dict[str, Any] = {
            "fields": [column.descriptor for column in self.columns],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        present = set(present)
        foreign = [
            {
                "fields": list(columns),
                "reference": {
                    "resource": "" if table == self.name else table,
                    "fields": list(keys),
                },
            }
            for columns, table, keys in self.foreign_keys
            if table in present
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        return schema


@attrs.frozen
class _Part:
    """A class whose values are the rows of one table: a kind of record, or items in one.

    Its rows hold the key of the value holding each item (*keys*), its number among
    that value's items where it is numbered, then its own fields.
    """

    cls: type
    table: str
    keys: tuple[str, ...]
    """The columns before its own, naming what holds each item (none for a record)."""
    number: str | None
    """The column numbering an item among its holder's, or None for unnumbered items."""
    fields: tuple[tuple[str, Column, str | None], ...]
    """Each field in the row: its name, its column, and its kind column if it has one."""
    values: tuple[tuple[str, str], ...]
    """Each list of values: its field, and its table (whose columns `value_row` says)."""
    parts: tuple[tuple[str, _Part], ...]
    """Each list of items: its field, and the part of the items."""
    optional: tuple[tuple[str, str], ...]
    """Each optional integer: its field, and its table."""
    holder_kind: bool
    """Whether its keys end with the kind of the record holding it (``citations.csv``)."""


class _Link(typing.NamedTuple):
    """What a table other than a record kind's holds: items, values or an integer."""

    field: str
    """The field of the record or item holding them."""
    part: _Part | None
    """The part of the items, or None for values or an integer."""
    optional: bool
    """Whether it holds an optional integer, one row for each value that has one."""


def _singular(word: str) -> str:
    return word.removesuffix("s")


def _summary(cls: type) -> str:
    """Return the first line of *cls*'s docstring."""
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]


class Layout:
    """Every table a package may hold, in the order written, made from the record classes."""

    def __init__(self) -> None:
        self._order: list[str] = []
        self._made: dict[str, Table] = {}
        self.records: list[tuple[str, _Part]] = []
        """The part of each kind of record, after its data file stem."""
        self.links: dict[str, _Link] = {}
        """Each table of items, values or an optional integer, by name."""
        self._table(
            RELEASE,
            "The release and the digest of the data.",
            [
                _column(RELEASE, str, "The data release: a version such as `2026.12.0`, as text."),
                _column(
                    "digest", str, "The SHA-256 digest of the data, as `Dataset.digest` gives it."
                ),
            ],
        )
        for kind in RECORD_KINDS:
            summary = _summary(kind.cls)
            about = f"One row per {kind.word}: {summary[0].lower()}{summary[1:]}"
            part = self._part(kind.cls, str(kind.stem), about, [], None, [])
            self.records.append((str(kind.stem), part))
        self.tables: dict[str, Table] = {name: self._made[name] for name in self._order}
        """Every table, by name, in the order they are written."""

    def _reserve(self, name: str) -> None:
        """Give the table *name* its place in the order, if it has none."""
        if name not in self._order:
            self._order.append(name)

    def _table(
        self,
        name: str,
        description: str,
        columns: list[Column],
        primary_key: Sequence[str] = (),
        foreign_keys: Sequence[tuple[tuple[str, ...], str, tuple[str, ...]]] = (),
    ) -> None:
        self._reserve(name)
        if name not in self._made:  # citations.csv is one table for every kind's
            self._made[name] = Table(
                name, description, tuple(columns), tuple(primary_key), tuple(foreign_keys)
            )

    def _part(
        self,
        cls: type,
        name: str,
        description: str,
        keys: list[Column],
        number: str | None,
        foreign: list[_ForeignKey],
    ) -> _Part:
        """Add the table of the values of *cls*, and the tables of their lists and years.

        Its rows start with the key columns *keys* (those of the holder of each value),
        and *number* (the column that numbers values among their holder's) if any; its
        *foreign* keys name the table of the holders.
        """
        self._reserve(name)  # before the tables of its lists
        columns = list(keys)
        if number is not None:
            about = f"The number of the {number} among its holder's, from 1."
            columns.append(_column(number, int, about, required=True))
        holder = _Holder.of(cls, name, columns, numbered=number is not None)
        docs = field_docs(cls)
        references = dict(kind_of(cls).references)
        precise = "precision" in attrs.fields_dict(cls)
        fields: list[tuple[str, Column, str | None]] = []
        values: list[tuple[str, str]] = []
        parts: list[tuple[str, _Part]] = []
        optional: list[tuple[str, str]] = []
        for field in attrs.fields(cls):
            doc = docs.get(field.name, "")
            item = _list_item(field.type)
            targets = references.get(field.name, ())
            if item is None and _optional_int(field.type):
                optional.append((field.name, self._optional(holder, field.name, doc)))
            elif item is None:
                column = _column(field.name, field.type, doc, precise=precise)
                columns.append(column)
                kinded = None
                if len(targets) == 1:
                    foreign.append(((field.name,), _stem(targets[0]), ("id",)))
                elif targets:
                    kinded = f"{field.name}_kind"
                    columns.append(_kind_column(field.name, targets))
                fields.append((field.name, column, kinded))
            elif attrs.has(item):
                parts.append((field.name, self._items(holder, field.name, item)))
            else:
                values.append((field.name, self._values(holder, field.name, item, targets, doc)))
        primary = ("id",) if not keys else holder.refers if number is not None else ()
        self._table(name, description, columns, primary, foreign)
        for field, part in parts:
            self.links[part.table] = _Link(field, part, optional=False)
        self.links.update((table, _Link(field, None, optional=False)) for field, table in values)
        self.links.update((table, _Link(field, None, optional=True)) for field, table in optional)
        return _Part(
            cls,
            name,
            tuple(column.name for column in keys),
            number,
            tuple(fields),
            tuple(values),
            tuple(parts),
            tuple(optional),
            holder_kind=bool(keys) and keys[-1].cell is _Cell.KIND,
        )

    def _optional(self, holder: _Holder, field: str, doc: str) -> str:
        """Add the table of the optional integer *field* of *holder*'s values; name it."""
        table = f"{holder.word}_{field}"
        doc = doc.replace("`None`", "no row")  # here a missing value is a missing row
        self._table(
            table,
            f"The `{field}` of each {holder.about} that has one.",
            [*holder.copies(), _column(field, int, doc, required=True)],
            holder.names,
            [holder.key()],
        )
        return table

    def _items(self, holder: _Holder, field: str, item: type) -> _Part:
        """Add the tables of the items of *holder*'s list *field* (records of *item*)."""
        if item in SHARED and holder.refers == ("id",):  # every record's: one table
            shared, about = SHARED[item]
            holding = [
                _column("record_id", str, "The id of the record holding it.", required=True),
                _kind_column("record", [kind.cls for kind in RECORD_KINDS], required=True),
            ]
            return self._part(item, shared, about, holding, None, [])
        table = f"{holder.word}_{SHARED[item][0] if item in SHARED else field}"
        about = f"The `{field}` of each {holder.about}, one row each."
        number = _singular(field) if _numbered(item) else None
        return self._part(item, table, about, holder.copies(), number, [holder.key()])

    def _values(
        self, holder: _Holder, field: str, item: type, targets: Sequence[type], doc: str
    ) -> str:
        """Add the table of the values of *holder*'s list *field*; return its name."""
        table = f"{holder.word}_{field}"
        value = _column(_singular(field), item, f"One of the {field}. {doc}".strip())
        columns = [*holder.copies(), value]
        foreign = [holder.key()]
        if len(targets) == 1:
            foreign.append(((value.name,), _stem(targets[0]), ("id",)))
        elif targets:
            columns.append(_kind_column(value.name, targets))
        self._table(
            table, f"The `{field}` of each {holder.about}, one row each.", columns, (), foreign
        )
        return table


class ValueRow(typing.NamedTuple):
    """How a row of a table of values, or of an optional integer, is laid out."""

    keys: tuple[str, ...]
    """The columns naming the record or item that holds the value."""
    value: Column
    """The column of the value."""
    kind: Column | None
    """The column naming the kind of record the value is the id of, if the table has one."""


def value_row(table: Table) -> ValueRow:
    """Return how a row of *table*, of values or of an optional integer, is laid out.

    The writer of a package writes its rows so, and the reader reads them so: the
    holder's key, the value, then the value's kind where the value is an id that may
    name records of several kinds.
    """
    columns = table.columns
    if columns[-1].cell is _Cell.KIND:
        return ValueRow(tuple(c.name for c in columns[:-2]), columns[-2], columns[-1])
    return ValueRow(tuple(c.name for c in columns[:-1]), columns[-1], None)


_ForeignKey = tuple[tuple[str, ...], str, tuple[str, ...]]
"""Columns of a table, and the table and columns whose values they name."""


class _Holder(typing.NamedTuple):
    """A record or an item, as the tables of its lists name it."""

    table: str
    """The table it is a row of."""
    word: str
    """How the names of the tables of its lists begin (``person``, ``person_office``)."""
    about: str
    """How their descriptions name it (``person``, ``row of person_offices.csv``)."""
    columns: tuple[Column, ...]
    """The columns the tables of its lists name it by."""
    refers: tuple[str, ...]
    """The columns of its own table they refer to."""

    @classmethod
    def of(cls, item: type, table: str, keys: Sequence[Column], *, numbered: bool) -> _Holder:
        """Return the holder of the rows of *table*, of values of *item*, keyed *keys*."""
        if not keys:  # a record, named by its id
            word = kind_of(item).word
            column = _column(f"{word}_id", str, f"The id of the {word}.", required=True)
            return cls(table, word, word, (column,), ("id",))
        about = f"row of {table}.csv"
        if not numbered:  # an item with no lists of its own
            return cls(table, _singular(table), about, (), ())
        return cls(table, _singular(table), about, tuple(keys), tuple(c.name for c in keys))

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the key columns."""
        return tuple(column.name for column in self.columns)

    def copies(self) -> list[Column]:
        """Return the key columns, to add to a table of the holder's lists."""
        return [_copy(column) for column in self.columns]

    def key(self) -> _ForeignKey:
        """Return the foreign key from the key columns to the holder's table."""
        return (self.names, self.table, self.refers)


def _copy(column: Column) -> Column:
    return attrs.evolve(column, descriptor=dict(column.descriptor))


def _stem(cls: type) -> str:
    return str(kind_of(cls).stem)


def _list_item(annotation: object) -> Any:  # noqa: ANN401 - a type, or None
    """Return the item type of a field of *annotation* when it holds a tuple, else None."""
    if typing.get_origin(annotation) is tuple:
        return typing.get_args(annotation)[0]
    return None


def _optional_int(annotation: object) -> bool:
    return set(typing.get_args(annotation)) == {int, type(None)}


def _numbered(cls: type) -> bool:
    """Tell whether items of *cls* are numbered: they have tables of their own."""
    return any(
        _list_item(field.type) is not None or _optional_int(field.type)
        for field in attrs.fields(cls)
    )


def _column(
    name: str,
    annotation: object,
    description: str,
    *,
    required: bool = False,
    precise: bool = False,
) -> Column:
    """Return the column of a field of *annotation*.

    A column is required where *required* says so, or where its field holds no None
    and cannot be empty: a number, a date, a vocabulary's value. (A text may be empty,
    and an empty cell reads as a missing value.)
    """
    options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    kind = options[0] if options else annotation
    nullable = bool(options)
    # a None is an empty cell in a table
    field: dict[str, Any] = {"name": name, "description": description.replace("`None`", "empty")}
    constraints: dict[str, Any] = {}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        field["type"] = "string"
        constraints["enum"] = [member.value for member in kind]
        cell = _Cell.TEXT
    elif kind is datetime.date and precise:
        field["type"] = "string"
        constraints["pattern"] = PRECISE_PATTERN
        field["description"] += " Written as far as `precision` goes: see README.md."
        cell = _Cell.PRECISE_DATE
    else:
        field["type"] = _SCHEMA_TYPES[kind]
        cell = _CELLS[kind]
    if required or (not options and kind is not str):
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return Column(name, cell, nullable, field)


def _kind_column(column: str, targets: Sequence[type], *, required: bool = False) -> Column:
    """Return the column naming the kind of record *column*'s id names."""
    kinds = [kind_of(target) for target in targets]
    tables = ", ".join(f"{kind.word} ({kind.stem}.csv)" for kind in kinds)
    constraints: dict[str, Any] = {"enum": [kind.word for kind in kinds]}
    if required:
        constraints["required"] = True
    descriptor = {
        "name": f"{column}_kind",
        "type": "string",
        "description": f"The kind of record `{column}` is the id of, which names its table: "
        f"{tables}.",
        "constraints": constraints,
    }
    return Column(f"{column}_kind", _Cell.KIND, not required, descriptor)


@functools.cache
def field_docs(cls: type) -> dict[str, str]:
    """Return the docstring written under each field of the record class *cls*, as one line.

    The docs and the data package both describe fields in these words, so they are
    written once, in the record classes; reST's double backquotes become Markdown's
    single ones. A class whose source cannot be read has none.

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


@functools.cache
def layout() -> Layout:
    """Return the layout of the tables, made once."""
    return Layout()


def all_files() -> frozenset[str]:
    """Return the name of every file a package may hold."""
    return frozenset({DESCRIPTOR, README, *(f"{name}.csv" for name in layout().tables)})


# -- writing ------------------------------------------------------------------------------

Row = list[str]


def table_rows(documents: Mapping[str, Any], digest: str, cells: Cells) -> dict[str, list[Row]]:
    """Return the rows of each table, by name, for the data files' *documents*.

    *documents* are what `nzcoop.load` reads (`unstructure` makes them); every cell is
    written as *cells* says. Tables with no rows are left out.
    """
    writer = _Writer(documents, cells)
    writer.rows[RELEASE].append([cells.escape(documents[RELEASE][RELEASE], nullable=False), digest])
    for stem, part in layout().records:
        writer.write(part, [((), record) for record in documents[stem][stem]])
    return {name: rows for name, rows in writer.rows.items() if rows}


class _Writer:
    """The rows of each table, as they are written."""

    def __init__(self, documents: Mapping[str, Any], cells: Cells) -> None:
        self.cells = cells
        self.rows: dict[str, list[Row]] = {name: [] for name in layout().tables}
        self.kinds = {
            record["id"]: kind.word
            for kind, (stem, _) in zip(RECORD_KINDS, layout().records, strict=True)
            for record in documents[stem][stem]
        }

    def write(self, part: _Part, entries: Iterable[tuple[tuple[str, ...], dict[str, Any]]]) -> None:
        """Write the rows of *part*'s table: each item, after the key of its holder.

        Then the rows of the tables of its lists and optional integers, each after the
        key of the item holding it: its id, or its holder's key and its number.
        """
        rows = self.rows[part.table]
        counts: dict[tuple[str, ...], int] = {}
        nested: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]] = {
            field: [] for field, _ in part.parts
        }
        for key, item in entries:
            if part.number is not None:
                counts[key] = counts.get(key, 0) + 1
                own = (*key, str(counts[key]))
            elif not part.keys:  # a record
                own = (self.cells.escape(item["id"], nullable=False),)
            else:  # an item without lists: it holds nothing
                own = key
            row = list(own) if part.keys else []  # a record's key is its id, a field
            for name, column, kinded in part.fields:
                row.append(self.cell(column, item[name], item))
                if kinded is not None:
                    row.append(self.kind(item[name]))
            rows.append(row)
            self.write_lists(part, own, item, nested)
        for name, child in part.parts:
            self.write(child, nested[name])

    def write_lists(
        self,
        part: _Part,
        own: tuple[str, ...],
        item: Mapping[str, Any],
        nested: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]],
    ) -> None:
        """Write the rows of *item*'s lists of values and optional integers.

        Its lists of items go into *nested*, to be written after every item's.
        """
        for name, table in part.values:
            _, column, kind = value_row(layout().tables[table])
            self.rows[table].extend(
                [*own, self.cell(column, value, item), *([self.kind(value)] if kind else [])]
                for value in item[name]
            )
        for name, table in part.optional:
            if item[name] is not None:
                self.rows[table].append([*own, str(item[name])])
        word = kind_of(part.cls).word
        for name, child in part.parts:
            holder = (*own, word) if child.holder_kind else own
            nested[name].extend((holder, value) for value in item[name])

    def cell(self, column: Column, value: Any, item: Mapping[str, Any]) -> str:  # noqa: ANN401
        """Return the cell of *value*, a JSON value of *item* in *column*."""
        if column.cell is _Cell.TEXT:
            return self.cells.escape(value, nullable=column.nullable)
        if column.cell is _Cell.PRECISE_DATE:
            return _precise_cell(value, item["precision"])
        return "" if value is None else str(value)  # an integer, or a date as JSON has it

    def kind(self, value: str | None) -> str:
        """Return the kind column's cell after the id *value*."""
        return "" if value is None else self.kinds[value]


def _precise_cell(value: str | None, precision: str | None) -> str:
    """Return the cell of an event's date *value* (ISO 8601), as far as *precision* goes."""
    if value is None:
        return ""
    if precision == Precision.WEEK:
        year, week, _ = datetime.date.fromisoformat(value).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return value[: _WIDTHS.get(str(precision), len(value))]


_WIDTHS = {Precision.YEAR.value: 4, Precision.MONTH.value: 7}
"""How many characters of an ISO 8601 date the precisions that are no day keep."""


# -- reading ------------------------------------------------------------------------------

_DATA_FILES = frozenset(f"{stem}.json" for stem in (RELEASE, *STEMS))


class Unreadable(Exception):  # noqa: N818 - not an error of nzcoop's: a file's one problem
    """A file of the folder that cannot be used at all; the message says why."""


class Missing(Unreadable):
    """A file that is not in the folder (or a link to nothing)."""


UNREAD = object()
"""What `Files.document` returns for a file it could not use (its problems are added)."""


class Files(typing.Protocol):
    """The files of the folder `nzcoop.load` reads, each read strictly within its limits.

    `nzcoop.load` makes it (`nzcoop._files`), so that the files of a data package are
    read as its data files are: a regular file within ``max_file_size``, no link out of
    the folder unless ``outside_links=True``, and JSON as strictly as a data file's.
    """

    def read(self, name: str) -> bytes:
        """Return the content of the file *name*; raise `Unreadable` if it cannot be used."""

    def document(self, name: str, found: Found) -> object:
        """Return the JSON document in the file *name*, read as strictly as a data file.

        Its problems go into *found*, each at its JSON path; return `UNREAD` for a file
        that cannot be used.
        """


def read_export(folder: Traversable, where: str, files: Files, found: Found) -> Dataset | None:
    """Read the export in *folder*, if it is one that is not a dataset folder.

    That is a CSV data package, read back to a `Dataset`; any other export is a
    `DatasetError` that says how to get one nzcoop reads: a Popolo export, a folder with
    the files of two exports, or of an export that did not finish. Return None for
    any other folder, which `nzcoop.load` reads as a dataset folder.
    """
    try:
        names = {entry.name for entry in folder.iterdir()} if folder.is_dir() else set()
    except OSError:  # said by the reader of dataset folders
        return None
    partial = sorted(name for name in names if PARTIAL_FILE.fullmatch(name))
    if partial:
        more = f" and {len(partial) - 1} more" if len(partial) > 1 else ""
        message = (
            f"holds {shown(partial[0])}{more}, left by an export that did not finish; "
            "export again (force=True, or --force) to replace what it left"
        )
        raise DatasetError((Problem(where, "$", message),))
    popolo = all(name in names for name in POPOLO_FILES[:3])
    exports = [
        what
        for what, present in (
            ("a CSV data package (datapackage.json)", DESCRIPTOR in names),
            ("a Popolo export (organizations.json, ...)", popolo),
            ("nzcoop JSON data files", bool(names & (_DATA_FILES - {"events.json"}))),
        )
        if present
    ]
    if len(exports) > 1:
        message = (
            f"holds the files of more than one export: {' and '.join(exports)}; a dataset "
            "folder holds one, so export into a folder of its own"
        )
        raise DatasetError((Problem(where, "$", message),))
    if popolo:
        raise DatasetError((Problem(where, "$", _POPOLO),))
    if DESCRIPTOR not in names:
        return None
    return _read_package(names, files, found)


_POPOLO = (
    "is a Popolo export (organizations.json, persons.json, memberships.json, events.json), "
    "which nzcoop cannot read back: Popolo has no place for instruments, terms, figures, "
    "discrepancies, places, themes and more; for a folder nzcoop.load reads, export with "
    "the format 'nzcoop' (its JSON files) or 'csv' (a data package), "
    "such as `nzcoop export --format csv DIR`"
)


def _read_package(names: set[str], files: Files, found: Found) -> Dataset:
    """Read the data package of *files*, whose names are *names*, back to a `Dataset`."""
    cells, listed = _descriptor(files, found)
    tables: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for name in listed:
        file = f"{name}.csv"
        try:
            data = files.read(file)
        except Missing:
            found.add(Problem(file, "$", "is listed in datapackage.json but is not in the folder"))
            continue
        except Unreadable as unreadable:
            found.add(Problem(file, "$", str(unreadable)))
            continue
        rows = _rows(data, layout().tables[name], found)
        if rows is not None:
            tables[name] = rows
    for name in layout().tables:
        if f"{name}.csv" in names and name not in listed and cells is not None:
            message = "is a table of the package but datapackage.json does not list it"
            found.add(Problem(f"{name}.csv", "$", f"{message}; list it, or remove the file"))
    if found or cells is None:
        raise found.error()
    reader = _Reader(tables, cells, found)
    if found:
        raise found.error()
    try:
        return Dataset._from_documents(reader.documents, found)  # noqa: SLF001 - its builder
    except DatasetError as error:
        problems = tuple(reader.translate(problem) for problem in error.problems)
        raise DatasetError(problems, more=error.more) from None


def _descriptor(files: Files, found: Found) -> tuple[Cells | None, list[str]]:
    """Read ``datapackage.json``: how its cells are written, and the tables it lists.

    It is read as strictly as a data file. Problems go into *found*; the cells are None
    when the package cannot be read.
    """
    package = files.document(DESCRIPTOR, found)
    if package is UNREAD:
        return None, []
    problem = _unread_package(package)
    if problem is not None:
        found.add(problem)
        return None, []
    described = typing.cast("dict[str, Any]", package)  # an object, as `_unread_package` found
    return Cells(described["nzcoop_cells"]), _listed(described.get("resources"), found)


def _unread_package(package: object) -> Problem | None:
    """Return why the descriptor *package* is not one this nzcoop reads, if it is not."""
    if not isinstance(package, dict):
        return Problem(DESCRIPTOR, "$", "expected a JSON object")
    if package.get("name") != "nzcoop" or "nzcoop_layout" not in package:
        message = (
            "is not a data package written by nzcoop's CSV export, the only one it reads "
            "(an earlier nzcoop wrote tables it cannot read back): export the data again"
        )
        return Problem(DESCRIPTOR, "$", message)
    if package["nzcoop_layout"] != LAYOUT:
        message = (
            f"is laid out as {shown(package['nzcoop_layout'])}, which this nzcoop cannot read "
            f"(it reads {LAYOUT}): export the data again with this nzcoop"
        )
        return Problem(DESCRIPTOR, "nzcoop_layout", message)
    cells = package.get("nzcoop_cells")
    if cells not in {member.value for member in Cells}:
        expected = " or ".join(repr(member.value) for member in Cells)
        return Problem(DESCRIPTOR, "nzcoop_cells", f"expected {expected}, found {shown(cells)}")
    return None


def _listed(resources: object, found: Found) -> list[str]:
    """Return the tables the ``resources`` of ``datapackage.json`` list, adding problems."""
    if not isinstance(resources, list):
        found.add(Problem(DESCRIPTOR, "resources", "expected a list of the package's tables"))
        return []
    listed: list[str] = []
    known = layout().tables
    for position, resource in enumerate(resources):
        where = f"resources[{position}]"
        name = resource.get("name") if isinstance(resource, dict) else None
        if name not in known:
            message = f"expected a table of nzcoop's data package, found {shown(name)}"
            found.add(Problem(DESCRIPTOR, f"{where}.name", message))
        elif resource.get("path") != f"{name}.csv":
            message = f"expected {name + '.csv'!r}, found {shown(resource.get('path'))}"
            found.add(Problem(DESCRIPTOR, f"{where}.path", message))
        elif name in listed:
            found.add(Problem(DESCRIPTOR, f"{where}.name", f"the table {name!r} is listed twice"))
        else:
            listed.append(name)
    return listed


_Rows = list[tuple[int, dict[str, str]]]
"""A table's rows, each with its number (the header is row 1) and its cells by column."""


def _rows(data: bytes, table: Table, found: Found) -> _Rows | None:
    """Return the rows of the CSV *data* of *table*, or None after adding its problems."""
    file = f"{table.name}.csv"
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # a spreadsheet may add a BOM
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text: byte {error.start} is {data[error.start]:#04x}"
        found.add(Problem(file, "$", message))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: _Rows = []
    number = 1
    try:
        with _cells_up_to(len(text)):
            header = next(reader, None)
            expected = [column.name for column in table.columns]
            if header is None or not _good_header(header, expected, file, found):
                if header is None:
                    message = f"is empty; expected a header row: {','.join(expected)}"
                    found.add(Problem(file, "$", message))
                return None
            for number, row in enumerate(reader, start=2):
                if not row:  # an empty line
                    continue
                if len(row) != len(header):
                    message = f"has {len(row)} cells; the header has {len(header)}"
                    found.add(Problem(file, f"row {number}", message))
                    continue
                rows.append((number, dict(zip(header, row, strict=True))))
    except csv.Error as error:
        found.add(Problem(file, f"row {number + 1}", f"is not valid CSV: {error}"))
        return None
    return rows


_FIELD_SIZE_LIMIT = threading.Lock()
"""Held while a table is parsed with `csv.field_size_limit` raised for it."""


@contextlib.contextmanager
def _cells_up_to(size: int) -> Iterator[None]:
    """Let the `csv` module read cells of up to *size* characters, then restore its limit.

    Its limit (131,072 characters unless raised) is one setting for the whole process,
    so it is raised only while the lock is held, and set back to what it was; a cell is
    never longer than its table, whose size is within ``max_file_size``.
    """
    with _FIELD_SIZE_LIMIT:
        earlier = csv.field_size_limit()
        csv.field_size_limit(max(earlier, size + 1))  # a cell must be shorter than it
        try:
            yield
        finally:
            csv.field_size_limit(earlier)


def _good_header(header: list[str], expected: list[str], file: str, found: Found) -> bool:
    """Tell whether *header* names each *expected* column once, and no other; say why not."""
    problems = [
        f"the column {shown(name)} appears {header.count(name)} times"
        for name in dict.fromkeys(header)
        if header.count(name) > 1
    ]
    problems += [f"unknown column {shown(name)}" for name in header if name not in expected]
    problems += [f"no column {name!r}" for name in expected if name not in header]
    for problem in problems:
        found.add(Problem(file, "row 1", f"{problem}; expected the columns {','.join(expected)}"))
    return not problems


_INTEGER = re.compile(r"-?[0-9]+")
_Path = tuple[str | int, ...]
"""A JSON path in the data files, as steps: ``("people", 0, "offices", 1)``."""


class _Reader:
    """The data files' documents, made from a package's tables, and where each value was.

    The tables are read in their order, so that the rows of a record or item are read
    before those of its lists. Problems in the tables go into *found*; the documents
    are then what `nzcoop.load` structures and checks, and `translate` says where in
    the tables a problem it finds in them is.
    """

    def __init__(self, tables: Mapping[str, _Rows], cells: Cells, found: Found) -> None:
        self.cells = cells
        self.found = found
        self.places: dict[_Path, tuple[str, int, str | None]] = {}
        """Where each record, item and value read came from: file, row and column."""
        self.kinds: dict[str, str] = {}
        """The kind of each record read, by id."""
        self.kind_cells: list[tuple[str, int, str, str | None, str]] = []
        """Each kind cell read, to check once every record is read: file, row, column,
        the id before it, and the kind it names."""
        self.holders: dict[str, dict[tuple[str, ...], tuple[dict[str, Any], _Path]]] = {}
        """For each table of items, values or integers, what holds them, by key."""
        self.documents: dict[str, Any] = {RELEASE: {RELEASE: self._release(tables)}}
        for stem, part in layout().records:
            records: list[dict[str, Any]] = []
            for number, row in tables.get(stem, []):
                record = self._item(part, number, row)
                place = (stem, len(records))
                self.places[place] = (stem, number, None)
                self.kinds.setdefault(record["id"], kind_of(part.cls).word)
                self._hold(part, (row["id"],), record, place)
                records.append(record)
            self.documents[stem] = {stem: records}
        links = layout().links
        for table in layout().tables:
            if table in links:
                self._links(table, links[table], tables.get(table, []))
        self._check_kinds()

    def _release(self, tables: Mapping[str, _Rows]) -> str:
        rows = tables.get(RELEASE, [])
        for number, _ in rows[1:]:
            self._problem(RELEASE, number, None, "is a second release; the table has one row")
        if not rows:
            return ""
        number, row = rows[0]
        self.places[(RELEASE,)] = (RELEASE, number, RELEASE)
        return self.cells.unescape(row[RELEASE], nullable=False) or ""

    def _item(self, part: _Part, number: int, row: Mapping[str, str]) -> dict[str, Any]:
        """Return the JSON object of the record or item in *row*, its lists empty."""
        item: dict[str, Any] = {}
        for name, column, kinded in part.fields:
            item[name] = self._value(part.table, column, number, row, part.cls)
            if kinded is not None:
                self.kind_cells.append((part.table, number, kinded, item[name], row[kinded]))
        for field in attrs.fields(part.cls):
            if field.name not in item:
                item[field.name] = [] if _list_item(field.type) is not None else None
        return item

    def _value(
        self, table: str, column: Column, number: int, row: Mapping[str, str], cls: type | None
    ) -> object:
        """Return the JSON value of the cell of *column* in *row*, or None with a problem.

        *cls* is the class of the record or item the row holds, if any.
        """
        cell = row[column.name]
        if column.cell is _Cell.TEXT:
            return self.cells.unescape(cell, nullable=column.nullable)
        if column.cell is _Cell.INTEGER:
            return self._integer(table, number, column.name, cell)
        if column.cell is _Cell.PRECISE_DATE:
            span = kind_of(typing.cast("type", cls)).span
            first = span is None or column.name == span[0]
            precision = row.get("precision", "")
            return self._precise(cell, precision, first=first, where=(table, number, column.name))
        return None if not cell and column.nullable else cell  # a date: the converter checks it

    def _hold(self, part: _Part, key: tuple[str, ...], item: dict[str, Any], place: _Path) -> None:
        """Note that *item*, keyed *key*, holds what the tables of *part*'s lists hold."""
        tables = [table for _, table in (*part.values, *part.optional)]
        for table in tables:  # a second record of the same id is a problem the checks say
            self.holders.setdefault(table, {}).setdefault(key, (item, place))
        for _, child in part.parts:
            holder = (*key, kind_of(part.cls).word) if child.holder_kind else key
            self.holders.setdefault(child.table, {}).setdefault(holder, (item, place))

    def _links(self, table: str, link: _Link, rows: _Rows) -> None:
        """Put the items, values or integer of each row of *table* in what holds them."""
        # a table of items, or of values: the holder's key, then the value (and its kind)
        keys = link.part.keys if link.part is not None else value_row(layout().tables[table]).keys
        holders = self.holders.get(table, {})
        numbered: dict[tuple[str, ...], list[tuple[int, int, dict[str, Any]]]] = {}
        for number, row in rows:
            key = tuple(row[name] for name in keys)
            if key not in holders:
                named = " and ".join(f"{name} {shown(row[name])}" for name in keys)
                self._problem(table, number, None, f"{named} name nothing that has {link.field}")
                continue
            holder, place = holders[key]
            if link.part is None:
                self._link_value(table, link, holder, place, number, row)
            elif link.part.number is None:
                item = self._item(link.part, number, row)
                self._add(holder, link.field, place, item, (table, number, None))
            else:
                position = self._integer(table, number, link.part.number, row[link.part.number])
                if position is not None:
                    item = self._item(link.part, number, row)
                    numbered.setdefault(key, []).append((position, number, item))
        for key, items in numbered.items():  # in the order of their numbers
            holder, place = holders[key]
            seen: set[int] = set()
            for position, number, item in sorted(items, key=lambda entry: entry[:2]):
                part = typing.cast("_Part", link.part)
                if position in seen:
                    message = f"{position} numbers two of the same holder's {link.field}"
                    self._problem(table, number, part.number, message)
                seen.add(position)
                here = self._add(holder, link.field, place, item, (table, number, None))
                self._hold(part, (*key, str(position)), item, here)

    def _link_value(
        self,
        table: str,
        link: _Link,
        holder: dict[str, Any],
        place: _Path,
        number: int,
        row: Mapping[str, str],
    ) -> None:
        """Put the value (or integer) in *row* of *table* in its *holder*."""
        _, column, kind = value_row(layout().tables[table])
        value = self._value(table, column, number, row, None)
        if not link.optional:
            self._add(holder, link.field, place, value, (table, number, column.name))
        elif holder[link.field] is not None:
            message = f"a second {column.name} for the same holder, which has one at most"
            self._problem(table, number, column.name, message)
        else:
            holder[link.field] = value
            self.places[(*place, link.field)] = (table, number, column.name)
        if kind is not None:  # after a column of ids, which are text
            ids = typing.cast("str", value)
            self.kind_cells.append((table, number, kind.name, ids, row[kind.name]))

    def _add(
        self,
        holder: dict[str, Any],
        field: str,
        place: _Path,
        value: object,
        where: tuple[str, int, str | None],
    ) -> _Path:
        """Add *value* to the list *field* of *holder*; return its JSON path."""
        here = (*place, field, len(holder[field]))
        holder[field].append(value)
        self.places[here] = where
        return here

    def _problem(self, table: str, number: int, column: str | None, message: str) -> None:
        where = f"row {number}" + (f", column {column}" if column is not None else "")
        self.found.add(Problem(f"{table}.csv", where, message))

    def _integer(self, table: str, number: int, column: str, cell: str) -> int | None:
        """Return the integer in *cell*, or None after adding a problem."""
        if _INTEGER.fullmatch(cell) and len(cell.lstrip("-")) <= MAX_DIGITS:
            return int(cell)
        if not cell:
            message = "is empty; expected an integer"
        elif _INTEGER.fullmatch(cell):
            message = TOO_MANY_DIGITS
        else:
            message = f"expected an integer such as 2013, found {shown(cell)}"
        self._problem(table, number, column, message)
        return None

    def _precise(
        self, cell: str, precision: str, *, first: bool, where: tuple[str, int, str]
    ) -> str | None:
        """Return the date (ISO 8601) that an event's date *cell* of *precision* stands for.

        That is the first day of the year, month or week it names for the first date
        (*first*), and the last day for the other; a day as it is, for the converter
        to check. Under a precision that is no precision's value, None: the converter
        says what is wrong with it.
        """
        if not cell:
            return None
        if precision not in _FORMS:
            return None if precision else cell  # no precision: the checks ask for one
        pattern, what = _FORMS[precision]
        match = pattern.fullmatch(cell)
        if match is None:
            message = f"expected {what}, for the precision {precision!r}; found {shown(cell)}"
            self._problem(*where, message)
            return None
        if precision in {Precision.DAY, Precision.BETWEEN}:
            return cell
        year, part = int(match[1]), int(match[2] or 1)
        try:
            if precision == Precision.WEEK:
                day = datetime.date.fromisocalendar(year, part, 1 if first else 7)
            elif first:
                day = datetime.date(year, part, 1)
            else:
                month = part if precision == Precision.MONTH else 12
                day = datetime.date(year, month, calendar.monthrange(year, month)[1])
        except (ValueError, OverflowError) as error:
            self._problem(*where, f"{shown(cell)} is no {precision} of the calendar: {error}")
            return None
        return day.isoformat()

    def _check_kinds(self) -> None:
        """Add a problem for each kind cell that does not name the kind of the id before it."""
        for table, number, column, value, cell in self.kind_cells:
            expected = "" if value is None else self.kinds.get(value)
            if expected is not None and cell != expected:
                what = f"{shown(value)} is the id of {_a(expected)}" if value else "no id is given"
                message = f"{shown(cell)} is not the kind of the record named: {what}"
                self._problem(table, number, column, message)

    def translate(self, problem: Problem) -> Problem:
        """Return *problem*, found in the documents, at its CSV file, row and column.

        A path that names no row read (the whole file) stays, in the kind's table.
        """
        file, path = self._where(problem.path) or (
            _JSON_FILE.sub(".csv", problem.file),
            problem.path,
        )
        return Problem(file, path, _JSON_PATH.sub(self._path_in_message, problem.message))

    def _path_in_message(self, match: re.Match[str]) -> str:
        where = self._where(match[0])
        return match[0] if where is None else f"{where[0]}, {where[1]}"

    def _where(self, path: str) -> tuple[str, str] | None:
        """Return the CSV file and the row (and column) of the JSON *path*, if known."""
        steps = tuple(int(index) if index else name for name, index in _STEP.findall(path))
        for cut in range(len(steps), 0, -1):
            place = self.places.get(steps[:cut])
            if place is not None:
                break
        else:
            return None
        table, number, column = place
        rest = steps[cut:]
        if column is None and rest:
            names = [column.name for column in layout().tables[table].columns]
            if len(rest) == 1 and rest[0] in names:
                column = str(rest[0])
            else:
                return f"{table}.csv", f"row {number}, " + ".".join(map(str, rest))
        return f"{table}.csv", f"row {number}" + (f", column {column}" if column else "")


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


_STEP = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")
_JSON_FILE = re.compile(r"\.json$")
_JSON_PATH = re.compile(
    r"\b(?:" + "|".join(map(re.escape, STEMS)) + r")\[\d+\](?:\.[A-Za-z_]\w*|\[\d+\])*"
)
_FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    Precision.YEAR.value: (re.compile(r"([0-9]{4})()"), "a year such as 2013"),
    Precision.MONTH.value: (re.compile(r"([0-9]{4})-([0-9]{2})"), "a month such as 2013-06"),
    Precision.WEEK.value: (re.compile(r"([0-9]{4})-W([0-9]{2})"), "an ISO week such as 2013-W26"),
    Precision.DAY.value: (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "a day such as 2013-06-24"),
    Precision.BETWEEN.value: (
        re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        "a day such as 2013-06-24",
    ),
}
"""The form of an event's dates for each precision, and how to say it."""

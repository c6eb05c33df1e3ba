"""Writing a dataset out for other tools: CSV tables, nzcoop JSON, and Popolo JSON.

`export` writes one of three formats into a folder and returns the files it wrote.
`nzcoop.load` reads the first two back to an equal dataset (the same records, release
and `~nzcoop.Dataset.digest`).

``csv``
    A `Frictionless Data Package <https://datapackage.org/>`_ of CSV tables, read by
    pandas (``pandas.read_csv``) and DuckDB (``read_csv``) without options: UTF-8, a
    header row, RFC 4180 quoting (the `csv` module's default dialect). One table per
    kind of record (``organisations.csv``), keyed by ``id``; one per list in a record
    (``organisation_themes.csv``: ``organisation_id``, ``theme``), every record's
    citations in ``citations.csv`` and inferred values in ``inferences.csv``; one per
    optional integer, such as a year (``engagement_since.csv``: ``engagement_id``,
    ``since``), with a row for each record that has one, so that no integer column holds
    an empty cell. An event's ``start``
    and ``end`` are written as far as its ``precision`` goes (``2013``, ``2013-06``,
    ``2003-W24``, ``2013-06-24``). A column of ids that may name records of more than
    one kind is followed by one naming the kind (``target``, ``target_kind``). A table
    with no rows is not written. An empty cell is a missing value.
    ``datapackage.json`` describes every table (each column's type and meaning, the
    primary and foreign keys), the release, the licence, how the cells are written, and
    the source documents (``sources``: each one's title and URL, and, as ``nzcoop_id``,
    ``nzcoop_publisher``, ``nzcoop_publisher_type``, ``nzcoop_sha256`` and
    ``nzcoop_captured``, what ``sources.csv`` says of it); ``README.md`` says the same
    for a person.

    A text that a spreadsheet would read as a formula (one starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) is written after an apostrophe, as is a
    text starting with an apostrophe, so that opening the tables in a spreadsheet runs
    nothing; ``raw_cells=True`` writes texts as they are, for tools that are not
    spreadsheets. Where a column may hold both a missing value and an empty text (a
    citation's ``section``), the empty text is written ``'``. Reading the package back
    undoes exactly this. The layout is `nzcoop._package`'s, which reads it too.

``nzcoop``
    Exactly the files `nzcoop.load` reads (``release.json`` and one ``<kind>.json`` per
    record kind), laid out as the JSON Schemas say.

``popolo``
    Four files of `Popolo <https://www.popoloproject.com/>`_ 1.0.1 objects, each a JSON
    array: ``organizations.json``, ``persons.json``, ``memberships.json`` and
    ``events.json``. They validate against the Popolo JSON Schemas (draft 03). Popolo
    has no place for much of the data (see below), so `nzcoop.load` does not read it
    back, and says so.

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
      (``source``, ``title``, ``section``, ``quote``, ``url``, and the document's
      ``publisher``, ``publisher_type``, ``sha256`` and ``captured``), which Popolo
      allows, so that its provenance reads as in the other exports.
    - Left out, because Popolo has no class for them: instruments, places (other than as
      an event's ``location``), terms, figures, discrepancies, presentations, outcomes,
      services, regions, themes, the ``alongside`` lists of engagements, engagements
      held in an instrument or an event, and offices with no organisation or
      participant. The CSV and nzcoop exports hold all of them.

How a folder is written: each file is written in full under a temporary name in the
folder itself (``.nzcoop-partial-<8 hex digits>-<name>.tmp``), then renamed to its
name, one file at a time; the files of an earlier export that the new one does not
write are removed last. So the folder is never renamed, replaced or missing (it may be
a mount point, or in a folder that cannot be written), every file in it is whole, and a
failure while the files are written, or at the first rename, leaves it as it was. An
export killed before it finishes, or whose rename fails after the first, leaves some
temporary files behind: `nzcoop.load` refuses such a folder, and the next export into it
removes them. The message of a rename that fails says what the folder holds then.

While it writes a folder, an export holds an exclusive lock on it (`fcntl.flock` on the
folder itself; nothing is written for it), so another export into the same folder, from
this process or another, fails at once with `~nzcoop.ExportError` and changes nothing.
The lock goes when the export ends, however it ends: a killed export leaves no lock,
and the next export removes what it left. Where folders cannot be locked (Windows, some
network file systems), exports are not guarded against each other.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import re
import sys
import typing
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ._dataset import Dataset
from ._dates import iso_dates
from ._errors import ArgumentTypeError, ExportError, InvalidArgumentError, counted, shown
from ._model import STEMS, Citation, Organisation, Participant, Person, Source
from ._package import (
    DESCRIPTOR,
    LAYOUT,
    PARTIAL,
    PARTIAL_FILE,
    POPOLO_FILES,
    README,
    Cells,
    Table,
    all_files,
    layout,
    table_rows,
)

if sys.platform != "win32":  # pragma: no branch - Windows alone has no fcntl
    import fcntl

__all__ = ["export"]

FORMATS = ("csv", "nzcoop", "popolo")
"""The formats `export` writes: CSV tables, the JSON files `nzcoop.load` reads, Popolo."""

ISO_ALPHA_2 = "ISO 3166-1 alpha-2"
ISO_ALPHA_3 = "ISO 3166-1 alpha-3"
"""The Popolo identifier schemes of a participant's ISO 3166-1 codes."""

LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
"""The licence the data is published under, as a data package names it."""


def export(
    dataset: Dataset,
    format: str,
    folder: str | os.PathLike[str],
    *,
    force: bool = False,
    raw_cells: bool = False,
) -> list[Path]:
    """Write *dataset* in *format* into the folder *folder*; return the files written.

    *folder* may be missing (it is made, with its missing parents, before anything is
    written, and left if the export then fails) or empty. A folder that
    holds files is written only when *force* is true, and only when every file in it is
    one that an export writes: so a mistyped folder name never deletes anything else.
    Each file is written whole under a temporary name in *folder*, then renamed into
    place (see the module documentation): *folder* itself is never renamed or replaced,
    so it may be a mount point, or in a folder that cannot be written.

    Args:
        dataset: the dataset to write.
        format: ``"csv"``, ``"nzcoop"`` (the JSON files `nzcoop.load` reads) or
            ``"popolo"`` (see the module documentation).
        folder: the folder to write.
        force: replace the files of an earlier export in *folder*.
        raw_cells: with ``"csv"``, write texts that a spreadsheet would read as
            formulas as they are, not after an apostrophe.

    Returns:
        The paths of the files written, in the order written.

    Raises:
        InvalidArgumentError: *format* is not one of ``"csv"``, ``"nzcoop"`` and
            ``"popolo"``, or *raw_cells* is given with another format than ``"csv"``.
        ArgumentTypeError: *dataset* is not a `Dataset`, *folder* not a `str` or a
            path-like object whose path is a `str` (a `bytes` path is refused), or
            *force* or *raw_cells* not a bool.
        ExportError: *folder* holds files and *force* is false, or holds a file that no
            export writes, or another export is writing it, or it cannot be written;
            the message says what it holds then.

    >>> import tempfile, nzcoop
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in nzcoop.export(nzcoop.Dataset(), "popolo", folder)]
    ['organizations.json', 'persons.json', 'memberships.json', 'events.json']
    """
    path = _check_arguments(dataset, format, folder, force=force, raw_cells=raw_cells)
    if format == "csv":
        files = list(_csv_files(dataset, Cells.RAW if raw_cells else Cells.SPREADSHEET_SAFE))
    elif format == "nzcoop":
        files = list(_json_files(dataset))
    else:
        files = list(_popolo_files(dataset))
    out = Path(path)
    _write_folder(Path(os.path.realpath(out)), files, str(out), force=force)
    return [out / name for name, _ in files]


def _check_arguments(
    dataset: object, format: object, folder: object, *, force: object, raw_cells: object
) -> str:
    """Raise what is wrong with the arguments of `export`, if anything; return the path.

    The path is *folder*'s, read once (a path-like object could give another each time).
    """
    for name, value, expected, wanted in (
        ("dataset", dataset, Dataset, "a Dataset"),
        ("format", format, str, "a str"),
        ("folder", folder, str | os.PathLike, _STR_PATH),
        ("force", force, bool, "a bool"),
        ("raw_cells", raw_cells, bool, "a bool"),
    ):
        if not isinstance(value, expected):
            raise ArgumentTypeError(
                f"{name} must be {wanted}, not {type(value).__name__} ({shown(value)})"
            )
    if format not in FORMATS:
        formats = ", ".join(map(repr, FORMATS))
        renamed = (
            "; the JSON files nzcoop.load reads are the format 'nzcoop'"
            if typing.cast("str", format).strip().casefold() == "json"
            else ""
        )
        raise InvalidArgumentError(
            f"unknown export format {shown(format)}{renamed}; expected one of: {formats}"
        )
    if raw_cells and format != "csv":
        raise InvalidArgumentError(
            f"raw_cells is for the format 'csv', whose cells a spreadsheet reads; "
            f"{format!r} has no cells"
        )
    return _path(folder)


_STR_PATH = "a str or a str path"
"""What `export` takes as a folder: a `str`, or a path-like object whose path is one."""


def _path(folder: object) -> str:
    """Return the path of *folder*, or raise what is wrong with it.

    A `bytes` path is refused: the messages and the paths `export` returns are text.
    """
    try:
        path: object = os.fspath(typing.cast("str", folder))
    except TypeError:  # its __fspath__ returns neither a str nor bytes
        path = None
    if not isinstance(path, str):
        whose = "a bytes path" if isinstance(path, bytes) else f"{type(folder).__name__}"
        raise ArgumentTypeError(f"folder must be {_STR_PATH}, not {whose} ({shown(folder)})")
    if not path:
        raise InvalidArgumentError("folder is an empty path; name the folder to write")
    return path


def _reason(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


_PATH = 1024
"""How much of a folder's path a message shows (as much as users write)."""

_Writer = typing.Callable[[typing.TextIO], object]
_Files = list[tuple[str, _Writer]]


def _write_folder(target: Path, files: _Files, shown_as: str, *, force: bool) -> None:
    """Write *files* into the folder *target*, one at a time (see the module docs).

    *shown_as* is how messages name the folder (the path the caller gave).
    """
    failed = f"cannot write the export to {shown(shown_as, _PATH)}"
    with contextlib.ExitStack() as held:
        with _said(failed):
            held.enter_context(_locked(target, failed))
            earlier, unfinished = _existing(target, failed, force=force)
        staged = _stage(target, files, failed)
        for done, (temporary, path) in enumerate(staged):
            try:
                temporary.replace(path)
            except OSError as error:
                reason = f"{failed}: {_reason(error)}"
                raise _unfinished(reason, staged, done, earlier, len(unfinished)) from None
        _sync(target)
        written = {name for name, _ in files}
        for path in [*unfinished, *(path for path in earlier if path.name not in written)]:
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise ExportError(
                    f"the export to {shown(shown_as, _PATH)} is written, but {shown(path.name)}, "
                    f"of an earlier export, could not be removed: {_reason(error)}; remove it"
                ) from None


def _unfinished(
    failed: str, staged: list[tuple[Path, Path]], done: int, earlier: list[Path], stopped: int
) -> ExportError:
    """Return the error of a rename that failed when *done* of *staged* were renamed.

    It says what the folder holds then, counted from what this export found in it
    (*earlier*, the files of an earlier export; *stopped*, the temporary files of one
    that was stopped) and did to it. When no file was renamed, the temporary files are
    removed, so that the folder is as it was; otherwise they are left, so that
    `nzcoop.load` refuses the folder until an export into it finishes.
    """
    renamed = {path.name for _, path in staged[:done]}
    kept = sum(path.name not in renamed for path in earlier)
    left = len(staged) - done
    if not done:
        left = sum(not _removed(temporary) for temporary, _ in staged)
        if not left:
            holds = _holding(0, 0, kept, stopped)
            return ExportError(
                f"{failed}; no file was put in place, so the folder is as it was: {holds}"
            )
    holds = _holding(done, len(staged), kept, left + stopped)
    return ExportError(
        f"{failed}; {holds}: export into it again, with force=True (or --force), to finish"
    )


def _holding(new: int, of: int, earlier: int, temporary: int) -> str:
    """Say what a folder holds: *new* of the *of* files of this export, and the others."""
    held = [f"{new} of the {of} files of this export"] if new else []
    if earlier:
        held.append(f"{counted(earlier, 'file', 'files')} of the earlier export")
    if temporary:
        files = counted(temporary, "temporary file", "temporary files")
        held.append(f"{files} ({PARTIAL}*.tmp), for which nzcoop.load refuses it")
    if not held:
        return "it is empty"
    *others, last = held
    return "it holds " + ", ".join([*others, f"and {last}"] if others else [last])


def _removed(path: Path) -> bool:
    """Remove the file *path*; return whether it is gone."""
    try:
        path.unlink()
    except OSError:
        return False
    return True


@contextlib.contextmanager
def _said(failed: str) -> Iterator[None]:
    """Raise an `OSError` raised inside as an `ExportError`: *failed*, and the reason."""
    try:
        yield
    except ExportError:
        raise
    except OSError as error:
        raise ExportError(f"{failed}: {_reason(error)}") from None


@contextlib.contextmanager
def _locked(target: Path, failed: str) -> Iterator[None]:
    """Make the folder *target* if it is missing, and hold it locked against other exports.

    The lock is an exclusive `fcntl.flock` on a descriptor of the folder itself, not of
    its parent (which may be read-only, and whose other folders are other exports'), so
    two exports into one folder, however it is named, cannot mix their files, and
    nothing is left behind. It lasts while the descriptor is open, and goes when the
    process ends, however it ends: the temporary files in a folder that is not locked
    are an export's that was stopped. Where folders cannot be locked (Windows, and some
    network file systems), the folder is written unlocked.
    """
    if target.exists() and not target.is_dir():
        raise ExportError(f"{failed}: it is not a folder")
    target.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":  # pragma: no cover - Windows has no flock
        yield
        return
    descriptor = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ExportError(
                f"{failed}: another export is writing that folder now; export again when "
                "it has finished"
            ) from None
        except OSError:  # a file system without locks (ENOLCK, EOPNOTSUPP, ...)
            pass
        yield
    finally:
        os.close(descriptor)  # which lets the lock go


def _stage(target: Path, files: _Files, failed: str) -> list[tuple[Path, Path]]:
    """Write each of *files* whole, under a temporary name in *target*.

    Return each temporary file with the path it is to be renamed to. If any cannot be
    written, remove those written and raise `ExportError`.
    """
    token = os.urandom(4).hex()
    staged: list[tuple[Path, Path]] = []
    try:
        for name, write in files:
            temporary = target / f"{PARTIAL}{token}-{name}.tmp"
            with temporary.open("x", encoding="utf-8", newline="") as stream:
                staged.append((temporary, target / name))
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())  # whole on disk before it is renamed into place
    except BaseException as error:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        if isinstance(error, OSError):
            raise ExportError(f"{failed}: {_reason(error)}; it is left as it was") from None
        raise
    return staged


def _existing(target: Path, failed: str, *, force: bool) -> tuple[list[Path], list[Path]]:
    """Return the files of an earlier export in *target*, and those of an unfinished one.

    Raise `ExportError` unless *target* may be written: it holds no files, or *force*
    is true and it holds only files an export writes.
    """
    present: list[Path] = []
    unfinished: list[Path] = []
    for entry in sorted(target.iterdir()):
        is_file = entry.is_file() and not entry.is_symlink()
        (unfinished if is_file and PARTIAL_FILE.fullmatch(entry.name) else present).append(entry)
    if present and not force:
        raise ExportError(
            f"{failed}: the folder is not empty (force=True, or --force, replaces an "
            "earlier export)"
        )
    others = [
        entry.name
        for entry in present
        if entry.name not in _exported() or entry.is_symlink() or not entry.is_file()
    ]
    if others:
        listed = ", ".join(map(shown, others[:3])) + (", ..." if len(others) > 3 else "")  # noqa: PLR2004
        raise ExportError(
            f"{failed}: it holds {listed}, which no export writes; only a folder of an "
            "earlier export is replaced"
        )
    return present, unfinished


def _sync(folder: Path) -> None:
    """Ask the system to keep the renames in *folder* on disk, where it can."""
    with contextlib.suppress(OSError):  # a folder cannot be opened for this everywhere
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@functools.cache
def _exported() -> frozenset[str]:
    """Return the name of every file an export of any format writes."""
    json_files = {f"{stem}.json" for stem in ("release", *STEMS)}
    return frozenset(json_files | set(POPOLO_FILES) | all_files())


def _json_writer(document: object) -> _Writer:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return lambda stream: stream.write(text)


def _csv_writer(header: Sequence[str], rows: Iterable[Sequence[str]]) -> _Writer:
    def write(stream: typing.TextIO) -> None:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)

    return write


# -- nzcoop JSON ----------------------------------------------------------------------------


def _json_files(dataset: Dataset) -> Iterator[tuple[str, _Writer]]:
    from ._convert import unstructure

    records = [dataset.records(stem) for stem in STEMS]
    for stem, document in unstructure(dataset.release, records).items():
        yield f"{stem}.json", _json_writer(document)


# -- CSV ----------------------------------------------------------------------------------


def _csv_files(dataset: Dataset, cells: Cells) -> Iterator[tuple[str, _Writer]]:
    from ._convert import unstructure

    documents = unstructure(dataset.release, [dataset.records(stem) for stem in STEMS])
    rows = table_rows(documents, dataset.digest, cells)
    tables = [layout().tables[name] for name in rows]
    for table in tables:
        header = [column.name for column in table.columns]
        yield f"{table.name}.csv", _csv_writer(header, rows[table.name])
    yield DESCRIPTOR, _json_writer(_datapackage(dataset, tables, cells))
    text = _readme(dataset, tables, cells)
    yield README, lambda stream: stream.write(text)


TITLE = "nzcoop: data on New Zealand's international cooperation on immigration"
"""The title the data is published under (``CITATION.cff`` gives the same)."""

AUTHORS = "The nzcoop maintainers"
"""Who the data is published by (``CITATION.cff`` names the same)."""


def _datapackage(dataset: Dataset, tables: Sequence[Table], cells: Cells) -> dict[str, Any]:
    """Return the Frictionless Data Package descriptor of the CSV *tables*."""
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "nzcoop",
        "title": TITLE,
        "description": "Typed, cited data on New Zealand's international cooperation on "
        "immigration: one table per kind of record, one per list in a record, one per "
        "optional year, and the citations of every record. See README.md.",
        "contributors": [{"title": AUTHORS, "role": "author"}],
        "licenses": [LICENCE],
    }
    if dataset.release:
        package["version"] = dataset.release
    package["nzcoop_digest"] = dataset.digest
    package["nzcoop_layout"] = LAYOUT
    package["nzcoop_cells"] = cells.value
    package["sources"] = [
        {
            "title": source.title,
            "path": source.url,
            "nzcoop_id": source.id,
            **{f"nzcoop_{key}": value for key, value in _pinned(source).items()},
        }
        for source in dataset.sources()
    ]
    present = [table.name for table in tables]
    package["resources"] = [
        {
            "name": table.name,
            "path": f"{table.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": table.description,
            "schema": table.schema(present),
        }
        for table in tables
    ]
    return package


def markdown_code(text: str) -> str:
    r"""Return *text* as a Markdown code span: shown as it is, never read as markup.

    Markdown reads nothing inside a code span as a link, emphasis or HTML. A character
    that is no text (a line break, a control or format character) is written as its
    code point, so the text cannot end the line and start a block of its own; the
    span's backticks outnumber any run of them in the text.

    >>> markdown_code("[click](http://x) *2026*\n# heading")
    '`[click](http://x) *2026*U+000A# heading`'
    >>> markdown_code("`a`")
    '`` `a` ``'
    """
    shown = "".join(
        f"U+{ord(char):04X}" if unicodedata.category(char) in _NO_TEXT else char for char in text
    )
    fence = "`" * (max(map(len, re.findall("`+", shown)), default=0) + 1)
    spaced = shown.startswith(" ") and shown.endswith(" ") and shown.strip(" ")
    pad = " " if shown.startswith("`") or shown.endswith("`") or spaced else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


_NO_TEXT = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
"""The Unicode categories of characters that are no text to show."""


def _readme(dataset: Dataset, tables: Iterable[Table], cells: Cells) -> str:
    """Return the README.md written beside the CSV tables."""
    listed = "\n".join(f"- `{table.name}.csv`: {table.description}" for table in tables)
    release = markdown_code(dataset.release) if dataset.release else "(none)"
    if cells is Cells.SPREADSHEET_SAFE:
        written = (
            "A text that a spreadsheet would read as a formula (one starting with `=`,\n"
            "`+`, `-`, `@`, a tab or a carriage return), or that starts with an apostrophe,\n"
            "is written after an apostrophe (`'`), so that opening a table in a spreadsheet\n"
            "runs nothing; remove it to read the text as it is."
        )
    else:
        written = (
            "Texts are written as they are (raw cells): a text starting with `=`, `+`, `-`,\n"
            "`@`, a tab or a carriage return is a formula to a spreadsheet, so open these\n"
            "tables in a spreadsheet only if you trust the data."
        )
    return f"""# {TITLE}

Data release {release}, digest `{dataset.digest}`.
Written by nzcoop's CSV export; `datapackage.json` describes every table (its columns,
their types and meanings, its keys) as a Frictionless Data Package, and `nzcoop.load`
(or `nzcoop validate`) reads this folder back.

## Licence

The data is published under the Creative Commons Attribution 4.0 licence (CC BY 4.0,
<https://creativecommons.org/licenses/by/4.0/>): share and adapt it, citing nzcoop and
the release. The quotations in `citations.csv` come from the public documents they cite
(`sources.csv`), and remain theirs.

## Reading the tables

Each kind of record has a table keyed by `id` (`organisations.csv`, ...). Each list in a
record has a link table of its own, one row per item, whose first column is the id of
the record holding it (`organisation_themes.csv`: `organisation_id`, `theme`). Every
record's citations are in `citations.csv`. A year that a record may not have has a table
of its own, with a row for each record that has one (`engagement_since.csv`:
`engagement_id`, `since`), so every integer column is whole. A column of ids that may
name records of more than one kind is followed by a `_kind` column (`target`,
`target_kind`), whose value names the table the id is in: the kind `organisation` is in
`organisations.csv`. A table with no rows is left out.

An empty cell is a missing value. Where a column may hold both a missing value and an
empty text (a citation's `section`), the empty text is written `'`.

{written}

An event's `start` and `end` are written as far as its `precision` goes: `2013` for a
year, `2013-06` for a month, an ISO week such as `2003-W24` for a week (Monday to
Sunday), and a day (`2013-06-24`) for `day` and `between`, whose either end may be
missing.

Read `release` as text, not as a number: `pandas.read_csv("release.csv", dtype=str)`, or
in DuckDB `read_csv('release.csv', types = {{'release': 'VARCHAR'}})`.

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
                    **_pinned(source),
                }
            )
            where = f", {citation.section}" if citation.section is not None else ""
            note = f"{title}{where}: \u201c{citation.quote}\u201d"
            links.append({"url": source.url, "note": note})
        return {"sources": links, "nzcoop_citations": cited}


def _pinned(source: Source) -> dict[str, str | None]:
    """Return what says who published *source* and which text of it the quotes are from."""
    return {
        "publisher": source.publisher,
        "publisher_type": source.publisher_type.value,
        "sha256": source.sha256,
        "captured": None if source.captured is None else source.captured.isoformat(),
    }


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

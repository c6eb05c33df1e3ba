"""Reading a dataset folder: JSON files in, a validated `Dataset` or one `DatasetError` out.

A dataset folder holds ``release.json`` and one file per record kind
(``organisations.json`` and so on, see `RECORD_KINDS`), each a JSON object with one key,
the file's stem: ``{"organisations": [...]}``. A missing file means no records of that
kind. Every problem in every file is collected before anything is returned, so a
failed load reports them all and a successful one never holds half the data.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
from collections.abc import Iterator, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, cast

import cattrs

from ._convert import RecordHook, converter, describe
from ._dataset import RECORD_KINDS, Dataset, typed_records
from ._errors import ArgumentTypeError, DatasetError, Problem
from ._model import Entity
from ._validate import check

__all__ = ["load", "structure", "unstructure"]

_RELEASE = "release"
_STEMS = (_RELEASE, *(stem for stem, _ in RECORD_KINDS))


def load(source: str | os.PathLike[str] | Traversable) -> Dataset:
    """Load the dataset in the folder *source*.

    Args:
        source: a folder holding the data files, as a `str`, a path-like object or an
            `importlib.resources` `~importlib.resources.abc.Traversable`.

    Returns:
        The validated `Dataset`.

    Raises:
        DatasetError: anything is wrong with any file; ``problems`` lists every one,
            each with its file, JSON path and what was expected.
        ArgumentTypeError: *source* is not a path or a Traversable.

    >>> import nzcoop, importlib.resources
    >>> nzcoop.load(importlib.resources.files("nzcoop") / "data") == nzcoop.dataset()
    True
    """
    folder: Traversable
    given: object = source  # checked at run time for untyped callers
    if isinstance(given, str | os.PathLike):
        folder = Path(given)
    elif isinstance(given, Traversable):
        folder = given
    else:
        msg = f"source must be a folder path or a Traversable, not {type(given).__name__}"
        raise ArgumentTypeError(msg)
    if not folder.is_dir():
        what = "does not exist" if not _exists(folder) else "is not a folder"
        raise DatasetError((Problem(str(source), "$", f"the dataset folder {what}"),))
    with _collector_paused():
        return _load_folder(folder)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dataset is built.

    Loading allocates many objects and frees few, so the collector's passes find
    nothing to free, yet cost about a third of the load of a large dataset. Its
    earlier state is restored, and any garbage is collected on its next pass.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_folder(folder: Traversable) -> Dataset:
    """Read, check and build the dataset in *folder*, or raise every problem found."""
    problems: list[Problem] = []
    documents: dict[str, object] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        stem, dot, suffix = entry.name.rpartition(".")
        if suffix != "json" or not dot:
            continue
        if stem not in _STEMS:
            expected = ", ".join(f"{s}.json" for s in _STEMS)
            problems.append(
                Problem(entry.name, "$", f"unknown data file; expected one of: {expected}")
            )
            continue
        document, problem = _read(entry)
        if problem is not None:
            problems.append(problem)
        else:
            documents[stem] = document
    return _build(documents, problems)


def structure(documents: Mapping[str, object]) -> Dataset:
    """Build a `Dataset` from parsed JSON documents, one per data file stem.

    *documents* maps each stem (``"release"``, ``"organisations"``, ...) to its
    file's parsed content, ``{"organisations": [...]}``. Missing stems mean no records.

    Raises:
        DatasetError: listing every problem found.
    """
    return _build(documents, [])


def unstructure(dataset: Dataset) -> dict[str, Any]:
    """Return the JSON documents of *dataset*, one per data file stem.

    ``structure(unstructure(d)) == d`` for every dataset ``d``.
    """
    documents: dict[str, Any] = {_RELEASE: {_RELEASE: dataset.release}}
    for stem, _ in RECORD_KINDS:
        documents[stem] = {stem: converter.unstructure(dataset.records(stem))}
    return documents


def _exists(folder: Traversable) -> bool:
    return folder.is_file() or folder.is_dir()


def _read(entry: Traversable) -> tuple[object, Problem | None]:  # noqa: PLR0911 - one per failure
    """Read and parse one data file, or return the problem that stops it."""
    name = entry.name
    if entry.is_dir():
        return None, Problem(name, "$", "expected a JSON file, found a folder")
    try:
        data = entry.read_bytes()
    except OSError as error:
        return None, Problem(name, "$", f"cannot be read: {error.strerror or error}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, Problem(
            name, "$", f"is not UTF-8 text: byte {error.start} is {data[error.start]:#04x}"
        )
    try:
        return json.loads(text, parse_constant=_reject_constant), None
    except json.JSONDecodeError as error:
        return None, Problem(
            name, "$", f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        )
    except ValueError as error:  # a number too long to convert, or NaN and Infinity
        return None, Problem(name, "$", f"is not valid JSON: {error}")
    except RecursionError:
        return None, Problem(name, "$", "is not usable JSON: nested too deeply")


def _reject_constant(constant: str) -> object:
    msg = f"{constant} is not a JSON number"
    raise ValueError(msg)


def _build(documents: Mapping[str, object], problems: list[Problem]) -> Dataset:
    """Structure *documents* record by record, check them together, and build the dataset.

    *problems* holds those already found (in reading the files). Raises `DatasetError`
    with them and every other problem found, unless there are none.
    """
    release = _release(documents, problems)
    records: dict[str, list[Entity]] = {}
    unstructured: set[str] = set()
    for stem, kind in RECORD_KINDS:
        records[stem] = []
        content = _content(stem, documents.get(stem, {stem: []}), problems)
        if content is None:
            continue
        if not isinstance(content, list):
            problems.append(
                Problem(
                    f"{stem}.json", stem, f"expected a list of records, found {describe(content)}"
                )
            )
            continue
        structure_record = converter.get_structure_hook(kind)
        assert isinstance(structure_record, RecordHook)  # noqa: S101 - the converter's own
        try:
            records[stem] = cast("list[Entity]", list(map(structure_record.quickly, content)))
        except Exception:  # noqa: BLE001 - structured one by one, to say which failed
            records[stem] = _structure_each(stem, kind, content, problems, unstructured)
    if problems:  # the dataset cannot be built: find what else is wrong, then stop
        problems.extend(check(records, frozenset(unstructured)))
        raise DatasetError(tuple(problems))
    with typed_records():  # the converter has checked every value's type
        return Dataset(release, **records)  # type: ignore[arg-type] # runs the other checks


def _structure_each(
    stem: str, kind: type, content: list[object], problems: list[Problem], unstructured: set[str]
) -> list[Entity]:
    """Structure the records that can be, adding a problem for each one that cannot.

    The ids of those that cannot are added to *unstructured*.
    """
    structure_record = converter.get_structure_hook(kind)
    records = []
    for position, raw in enumerate(content):
        try:
            records.append(structure_record(raw, kind))
        except Exception as error:  # noqa: BLE001 - every failure becomes a Problem
            problems.extend(_structuring_problems(error, f"{stem}.json", f"{stem}[{position}]"))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                unstructured.add(raw["id"])
    return records


def _release(documents: Mapping[str, object], problems: list[Problem]) -> str:
    """Return the release named in *documents* (``""`` if none), or add a problem."""
    content = _content(_RELEASE, documents.get(_RELEASE, {_RELEASE: ""}), problems)
    if isinstance(content, str):
        return content
    if content is not None:
        found = describe(content)
        problems.append(Problem("release.json", _RELEASE, f"expected a string, found {found}"))
    return ""


def _content(stem: str, document: object, problems: list[Problem]) -> object:
    """Return the value under the one key *stem* of a data file, or None with a problem."""
    file = f"{stem}.json"
    if not isinstance(document, dict):
        problems.append(
            Problem(file, "$", f'expected an object {{"{stem}": ...}}, found {describe(document)}')
        )
        return None
    if set(document) != {stem}:
        extra = sorted(set(document) - {stem})
        found = f"unknown key(s) {', '.join(map(repr, extra))}" if extra else f"no key {stem!r}"
        problems.append(Problem(file, "$", f"expected exactly one key, {stem!r}; found {found}"))
        return None
    return document[stem]


def _structuring_problems(error: BaseException, file: str, path: str) -> list[Problem]:
    """Turn a cattrs structuring error into problems with JSON paths."""
    messages = cattrs.transform_error(error, path, _format)
    problems = []
    for message in messages:
        text, _, where = message.rpartition(" @ ")
        problems.append(Problem(file, where, text))
    return problems


def _format(error: BaseException, type_: type | None) -> str:
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        import attrs

        keys = ", ".join(map(repr, sorted(error.extra_fields)))
        expected = ", ".join(field.name for field in attrs.fields(error.cl))
        return f"unknown key(s) {keys}; expected only: {expected}"
    if isinstance(error, KeyError):
        return "required key is missing"
    if isinstance(error, TypeError | ValueError) and error.args:
        return str(error.args[0])
    kind = getattr(type_, "__name__", "a value")  # pragma: no cover - defensive
    return f"cannot be read as {kind}: {error}"  # pragma: no cover - defensive

"""Reading a dataset folder: JSON files in, a checked `Dataset` or one `DatasetError` out.

A dataset folder holds ``release.json`` and one file per kind of record
(``organisations.json`` and so on), each a JSON object with one key, the file's stem:
``{"organisations": [...]}``. A missing file means no records of that kind. Every
problem in every file is collected before anything is returned, so a failed load
reports them all and a successful one never holds half the data.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import typing
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

from ._convert import RELEASE
from ._dataset import Dataset
from ._errors import ArgumentTypeError, DatasetError, Problem
from ._model import RECORD_KINDS

__all__ = ["load"]

_STEMS = (RELEASE, *(typing.cast("str", kind.stem) for kind in RECORD_KINDS))


def load(source: str | os.PathLike[str] | Traversable) -> Dataset:
    """Load and check the dataset in the folder *source*.

    The folder holds the same files as the packaged data: ``release.json`` and one
    ``<kind>.json`` per kind of record, each ``{"<kind>": [...]}``; a missing file means
    no records of that kind.

    Args:
        source: the folder, as a `str`, a path-like object or an
            `importlib.resources.abc.Traversable`.

    Returns:
        A new `Dataset`. Nothing is cached: each call reads the folder again.

    Raises:
        DatasetError: anything in any file is wrong; its ``problems`` list each one
            with the file, the JSON path and what was expected.
        ArgumentTypeError: *source* is not a path or a Traversable.

    >>> import importlib.resources, nzcoop
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
        what = "does not exist" if not (folder.is_file() or folder.is_dir()) else "is not a folder"
        raise DatasetError((Problem(str(source), "$", f"the dataset folder {what}"),))
    with _collector_paused():
        documents, problems = _read_folder(folder)
        return Dataset._from_documents(documents, problems)  # noqa: SLF001 - its builder


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dataset is built.

    Building allocates many objects and frees few, so the collector's passes find
    nothing to free, yet take a large share of the load of a large dataset. Its earlier
    state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_folder(folder: Traversable) -> tuple[dict[str, object], list[Problem]]:
    """Parse each data file in *folder*; return the documents by stem, and the problems."""
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
    return documents, problems


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

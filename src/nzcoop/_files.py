r"""Reading a dataset folder: JSON files in, a checked `Dataset` or one `DatasetError` out.

A dataset folder holds ``release.json`` and one file per kind of record
(``organisations.json`` and so on), each a JSON object with one key, the file's stem:
``{"organisations": [...]}``. A missing file means no records of that kind. Every
problem in every file is collected before anything is returned (up to a limit), so a
failed load reports them and a successful one never holds half the data.

Folders come from anyone, so reading is strict and bounded. Only regular files are
opened, each up to a size limit, and a link to a file outside the folder is not
followed; JSON nested deeper than a limit is refused before it is parsed; a key repeated
in an object and a string that is not Unicode text (a lone surrogate escape such as
``"\ud800"``) are problems, each at its JSON path.
"""

from __future__ import annotations

import array
import codecs
import collections
import contextlib
import gc
import json
import os
import re
import stat
import typing
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from itertools import accumulate
from pathlib import Path
from typing import IO

from ._checks import not_unicode
from ._convert import RELEASE
from ._dataset import Dataset
from ._errors import (
    MAX_PROBLEMS,
    ArgumentTypeError,
    DatasetError,
    Found,
    InvalidArgumentError,
    Problem,
    printable,
    shown,
)
from ._model import STEMS
from ._package import Limits, read_export

__all__ = ["load"]

_STEMS = (RELEASE, *STEMS)
DATA_FILES = tuple(f"{stem}.json" for stem in _STEMS)
"""The names of the files of a dataset folder that `load` reads."""
_FILES = {name.casefold(): name for name in DATA_FILES}

MAX_FILE_SIZE = 256 * 1024 * 1024
"""The largest data file `load` reads unless told otherwise, in bytes (256 MiB)."""

MAX_DEPTH = 32
"""How deep `load` lets JSON arrays and objects nest unless told otherwise.

Valid data nests 7 deep: the file's object, its list, a person, the list of offices, an
office, its list of citations, a citation.
"""


class _Limits(typing.NamedTuple):
    """What `load` was told it may read."""

    file_size: int
    depth: int
    outside_links: bool


def load(
    source: str | os.PathLike[str] | Traversable,
    *,
    max_file_size: int = MAX_FILE_SIZE,
    max_depth: int = MAX_DEPTH,
    max_problems: int = MAX_PROBLEMS,
    outside_links: bool = False,
) -> Dataset:
    """Load and check the dataset in the folder *source*.

    The folder holds the same files as the packaged data: ``release.json`` and one
    ``<kind>.json`` per kind of record, each ``{"<kind>": [...]}``; a missing file means
    no records of that kind. Other files are ignored, but a ``.json`` file with another
    name is a problem (``organisation.json``, ``Terms.JSON``), as is a data file that is
    not a regular file (a folder, a FIFO, a device, a socket).

    A folder holding ``datapackage.json`` is read as the CSV data package
    `nzcoop.export` writes, to the dataset it was written from; any other export (a
    Popolo export, say) is one problem that names the formats this reads.

    The limits keep the time and memory a load takes in proportion to the size of the
    folder, whoever wrote it.

    Args:
        source: the folder, as a `str`, a path-like object or an
            `importlib.resources.abc.Traversable`.
        max_file_size: the largest data file to read, in bytes (default 256 MiB); a
            larger one is a problem, found before it is read.
        max_depth: how deep arrays and objects may nest in a data file (default 32;
            valid data nests 7 deep); deeper nesting is a problem, found before the
            file is parsed.
        max_problems: how many problems `DatasetError` lists (default 1,000). Past it,
            loading stops looking closely and only counts (`DatasetError.more`).
        outside_links: whether a data file may be a symbolic link to a file outside
            the folder. By default such a link is a problem, and is not followed.

    Returns:
        A new `Dataset`. Nothing is cached: each call reads the folder again.

    Raises:
        DatasetError: anything in any file is wrong; its ``problems`` list each one
            with the file, the JSON path and what was expected.
        ArgumentTypeError: *source* is not a path or a Traversable, or a limit is not
            an int (*outside_links* not a bool).
        InvalidArgumentError: *source* is an empty path, or a limit is below 1.

    >>> import importlib.resources, nzcoop
    >>> nzcoop.load(importlib.resources.files("nzcoop") / "data") == nzcoop.dataset()
    True
    >>> try:
    ...     nzcoop.load(importlib.resources.files("nzcoop") / "data", max_file_size=1000)
    ... except nzcoop.DatasetError as error:
    ...     print(error.problems[0])
    discrepancies.json: $: is larger than 1,000 bytes, the limit (max_file_size)
    """
    folder = _folder(source)
    limits = _Limits(
        _limit(max_file_size, "max_file_size"),
        _limit(max_depth, "max_depth"),
        _flag(outside_links, "outside_links"),
    )
    found = Found(_limit(max_problems, "max_problems"))
    with _collector_paused():
        allowed = Limits(limits.file_size, outside_links=limits.outside_links)
        exported = read_export(folder, printable(str(source)), allowed, found)
        if exported is not None:  # a CSV data package, read through its datapackage.json
            return exported
        documents = _read_folder(folder, printable(str(source)), limits, found)
        return Dataset._from_documents(documents, found)  # noqa: SLF001 - its builder


def _folder(source: object) -> Traversable:
    """Return *source* as a folder to read, or raise what is wrong with it."""
    if isinstance(source, str | os.PathLike):
        try:
            path = Path(source)
        except TypeError:  # a path-like object whose path is bytes
            msg = f"source must be a folder path or a Traversable, not a bytes path ({source!r})"
            raise ArgumentTypeError(msg) from None
        if not os.fspath(source):  # Path("") would be the current directory
            msg = "source is an empty path; name the folder (such as '.' for this one)"
            raise InvalidArgumentError(msg)
        return path
    if isinstance(source, Traversable):
        return source
    msg = f"source must be a folder path or a Traversable, not {type(source).__name__}"
    raise ArgumentTypeError(msg)


def _limit(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"{name} must be an int, not {type(value).__name__} ({shown(value)})"
        raise ArgumentTypeError(msg)
    if value < 1:
        raise InvalidArgumentError(f"{name} must be at least 1, not {value}")
    return value


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        msg = f"{name} must be a bool, not {type(value).__name__} ({shown(value)})"
        raise ArgumentTypeError(msg)
    return value


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


def _read_folder(
    folder: Traversable, where: str, limits: _Limits, found: Found
) -> dict[str, object]:
    """Parse each data file in *folder*; return the documents by stem, adding problems."""
    try:
        if not folder.is_dir():
            exists = folder.is_file() or folder.is_dir()
            what = "is not a folder" if exists else "does not exist"
            raise DatasetError((Problem(where, "$", f"the dataset folder {what}"),))
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as error:
        message = f"the dataset folder cannot be read: {_reason(error)}"
        raise DatasetError((Problem(where, "$", message),)) from None
    # A path is read through the operating system, which can tell a regular file from
    # a FIFO or a device before opening it, and where a link leads.
    root = os.path.realpath(folder) if isinstance(folder, Path) else None
    documents: dict[str, object] = {}
    for entry in entries:
        stem, dot, suffix = entry.name.rpartition(".")
        if not dot or suffix.casefold() != "json":
            continue
        if suffix != "json" or stem not in _STEMS:
            found.add(Problem(printable(entry.name), "$", _unknown_file(entry.name)))
            continue
        document = _document(entry, root, limits, found)
        if document is not _UNREAD:
            documents[stem] = document
    return documents


def _unknown_file(name: str) -> str:
    known = _FILES.get(name.casefold())
    if known is not None:
        return f"is not read: only its case differs from the data file name {known!r}"
    expected = ", ".join(DATA_FILES)
    return f"unknown data file; expected one of: {expected}"


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


_UNREAD = object()
"""What `_document` returns for a file it could not use (its problems are added)."""


class _Refused(Exception):  # noqa: N818 - not an error of nzcoop's: a file's one problem
    """A data file that cannot be used at all; the message says why."""


def _document(entry: Traversable, root: str | None, limits: _Limits, found: Found) -> object:
    """Read and parse one data file, or return `_UNREAD` after adding its problems."""
    name = entry.name
    try:
        data = (
            _bytes(Path(root, name), root, limits)
            if root is not None
            else _entry_bytes(entry, limits)
        )
        document, suspect = _parse(data, limits.depth)
    except _Refused as refused:
        found.add(Problem(name, "$", str(refused)))
        return _UNREAD
    if suspect:
        strange = 0
        for place, message in _strange(document):
            if found.full:  # counted; its path is not worth making
                found.more += 1
            else:
                found.add(Problem(name, _path(place), message))
            strange += 1
        if strange:
            return _UNREAD
    return document


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO that changed places must not wait
_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _bytes(path: Path, root: str, limits: _Limits) -> bytes:
    """Return the content of the data file *path*, in the folder *root*."""
    try:
        if not limits.outside_links and path.is_symlink():
            target = os.path.realpath(path)
            if not Path(target).is_relative_to(root):
                raise _Refused(
                    f"is a link to {shown(target)}, outside the dataset folder, and is not "
                    "followed (nzcoop.load follows it when given outside_links=True)"
                )
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = next((word for test, word in _FILE_KINDS if test(info.st_mode)), None)
            raise _Refused(f"expected a JSON file, found {kind or 'no regular file'}")
        _check_size(info.st_size, limits.file_size)
        with os.fdopen(os.open(path, os.O_RDONLY | _NONBLOCK), "rb") as stream:
            opened = os.fstat(stream.fileno())
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                raise _Refused("changed while it was being read; read it again")
            return _bounded(stream, limits.file_size, opened.st_size)
    except OSError as error:
        raise _Refused(f"cannot be read: {_reason(error)}") from None


def _entry_bytes(entry: Traversable, limits: _Limits) -> bytes:
    """Return the content of the data file *entry* of a folder that is not a path."""
    if entry.is_dir():
        raise _Refused("expected a JSON file, found a folder")
    try:
        with entry.open("rb") as stream:
            return _bounded(stream, limits.file_size)
    except OSError as error:
        raise _Refused(f"cannot be read: {_reason(error)}") from None


_CHUNK = 1 << 20
"""How much of a file whose size is not known is read at a time."""


def _bounded(stream: IO[bytes], limit: int, size: int | None = None) -> bytes:
    """Read *stream* to its end, but never more than one byte past *limit*.

    A buffer the size of what the file holds is asked for (*size*, when the file says;
    else a chunk at a time), never one the size of the limit, which may be any size.
    """
    wanted = min(limit, size) + 1 if size is not None else min(limit + 1, _CHUNK)
    data = stream.read(wanted)
    if len(data) == wanted and len(data) <= limit:  # more than the file said it held
        chunks = [data]
        read = len(data)
        while read <= limit and (chunk := stream.read(min(limit + 1 - read, _CHUNK))):
            chunks.append(chunk)
            read += len(chunk)
        data = b"".join(chunks)
    _check_size(len(data), limit)
    return data


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise _Refused(f"is larger than {limit:,} bytes, the limit (max_file_size)")


_STRING = re.compile(rb'"[^"]*"')
_ESCAPE = re.compile(rb"(?s)\\.")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'[]{}"'))
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
"""Opening brackets as the signed byte 1, closing ones as -1."""


def _parse(data: bytes, depth: int) -> tuple[object, bool]:
    r"""Parse a data file's bytes; return the document, and whether `_strange` must walk it.

    It must when an object repeats a key (it is then a `_Repeated`) or a string may hold
    a lone surrogate (only an escape such as ``\ud800`` can make one).
    """
    if data.startswith(codecs.BOM_UTF8):
        raise _Refused("starts with a byte order mark (BOM); save it as UTF-8 without one")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Refused(
            f"is not UTF-8 text: byte {error.start} is {data[error.start]:#04x}"
        ) from None
    if _nesting(data) > depth:
        raise _Refused(f"is not usable JSON: it nests deeper than {depth} levels (max_depth)")
    repeated: list[object] = []

    def unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
        document = dict(pairs)
        if len(document) == len(pairs):
            return document
        repeated.append(pairs)
        return _Repeated(pairs)

    try:
        document = json.loads(text, object_pairs_hook=unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        if not text.strip(" \t\n\r"):
            raise _Refused("is not valid JSON: it is empty") from None
        where = f"line {error.lineno}, column {error.colno}"
        raise _Refused(f"is not valid JSON: {error.msg} ({where})") from None
    except ValueError as error:  # a number too long to convert, or NaN and Infinity
        raise _Refused(f"is not valid JSON: {error}") from None
    except RecursionError:  # only with a max_depth close to the interpreter's own limit
        raise _Refused("is not usable JSON: nested too deeply") from None
    escaped = b"\\u" in data and _SURROGATE_ESCAPE.search(text) is not None
    return document, bool(repeated) or escaped


def _nesting(data: bytes) -> int:
    """Return how deep the arrays and objects of the JSON *data* nest.

    Counted on the bytes, in one pass over them, so that nothing recurses (the JSON
    parser recurses once for each level): the escapes are dropped, then everything but
    quotes and brackets, then the strings (empty ones first, as most are once the rest
    is gone); each ``[`` or ``{`` left is a step of +1, each ``]`` or ``}`` one of -1,
    and the depth is the highest sum of the steps so far.
    """
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    structure = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in structure:  # strings that hold brackets
        structure = _STRING.sub(b"", structure)
    steps = array.array("b", structure.translate(_STEPS))
    return max(accumulate(steps), default=0)


def _no_constant(constant: str) -> object:
    msg = f"{constant} is not a JSON number"
    raise ValueError(msg)


class _Repeated(dict[str, object]):
    """A JSON object in which a key appears more than once (holding the last value)."""

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        counts = collections.Counter(key for key, _ in pairs)
        self.repeated = {key: count for key, count in counts.items() if count > 1}


_Place = tuple["_Place", str | int] | None
"""Where a value is in a document: the place of the array or object holding it, and its
index or key there (None for the document itself)."""


def _strange(document: object) -> Iterator[tuple[_Place, str]]:
    """Yield the place and a message for each repeated key and each lone surrogate.

    The document is walked in order, without recursion.
    """
    stack: list[tuple[object, _Place]] = [(document, None)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, dict):
            for key in node:
                why = not_unicode(key)
                if why is not None:
                    yield (place, key), f"the key {shown(key)} is not Unicode text: {why}"
            for key, count in getattr(node, "repeated", {}).items():
                yield (place, key), f"the key {shown(key)} appears {count} times in one object"
            stack.extend((value, (place, key)) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((node[i], (place, i)) for i in range(len(node) - 1, -1, -1))
        elif isinstance(node, str) and (why := not_unicode(node)) is not None:
            yield place, f"{shown(node)} is not Unicode text: {why}"


def _path(place: _Place) -> str:
    """Return the JSON path of *place*: ``$`` for the document, ``terms[0].names``."""
    steps: list[str | int] = []
    while place is not None:
        place, step = place
        steps.append(step)
    path = ""
    for step in reversed(steps):
        if isinstance(step, int):
            path += f"[{step}]"
        elif step.isidentifier() and len(step) <= 60:  # noqa: PLR2004 - as `shown` cuts
            path += f".{step}" if path else step
        else:
            path += f"[{shown(step)}]"
    return path or "$"

r"""Reading a dataset folder: JSON files in, a checked `Dataset` or one `DatasetError` out.

A dataset folder holds ``release.json`` and one file per kind of record
(``organisations.json`` and so on), each a JSON object with one key, the file's stem:
``{"organisations": [...]}``. A missing file means no records of that kind. Every
problem in every file is collected before anything is returned (up to a limit), so a
failed load reports them and a successful one never holds half the data.

Folders come from anyone, so reading is strict and bounded. Only regular files are
opened, each from a descriptor of the folder and up to a size limit, and a link to a
file outside the folder is not followed, however links are swapped while it is read;
JSON nested deeper than a limit, or so dense with arrays and objects that parsing it
would take many times its size in memory, is refused before it is parsed; a key
repeated in an object and a string that is not Unicode text (a lone surrogate escape
such as ``"\ud800"``) are problems, each at its JSON path. A folder that is a CSV data
package is read by `nzcoop._package`, through the same reader (`_Files`): its
``datapackage.json`` as strictly as a data file, its tables opened as data files are.
"""

from __future__ import annotations

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

from ._checks import not_unicode, visible
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
from ._package import UNREAD, Missing, Unreadable, read_export

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
    `nzcoop.export` writes (``format="csv"``), to the dataset it was written from:
    ``datapackage.json`` as strictly as a data file, then each table it lists, opened
    as a data file is and within the same limits; a problem in a table names the CSV
    file, the row and the column. Any other export (a Popolo export, say) is one
    problem that names the formats this reads.

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
            with the file, the JSON path (in a CSV table, the row and the column) and
            what was expected.
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
    discrepancies.json: $: is ... bytes, over the limit of 1,000 (max_file_size)

    A CSV data package loads back to the dataset it was written from:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     files = nzcoop.export(nzcoop.dataset(), "csv", folder)
    ...     nzcoop.load(folder) == nzcoop.dataset()
    True
    """
    folder = _folder(source)
    limits = _Limits(
        _limit(max_file_size, "max_file_size"),
        _limit(max_depth, "max_depth"),
        _flag(outside_links, "outside_links"),
    )
    found = Found(_limit(max_problems, "max_problems"))
    with _collector_paused():
        where = _where(source)
        with _Files.open(folder, where, limits) as files:
            exported = read_export(folder, where, files, found)
            if exported is not None:  # a CSV data package, read through its datapackage.json
                return exported
            documents = _read_folder(folder, where, files, found)
        return Dataset._from_documents(documents, found)  # noqa: SLF001 - its builder


def _folder(source: object) -> Traversable:
    """Return *source* as a folder to read, or raise what is wrong with it."""
    if isinstance(source, str | os.PathLike):
        try:
            path = Path(source)
        except TypeError:  # a path-like object whose path is bytes
            msg = (
                f"source must be a folder path or a Traversable, not a bytes path ({shown(source)})"
            )
            raise ArgumentTypeError(msg) from None
        if not os.fspath(source):  # Path("") would be the current directory
            msg = "source is an empty path; name the folder (such as '.' for this one)"
            raise InvalidArgumentError(msg)
        return path
    if isinstance(source, Traversable):
        return source
    msg = f"source must be a folder path or a Traversable, not {type(source).__name__}"
    raise ArgumentTypeError(msg)


def _where(source: object) -> str:
    """Return the folder *source* names, for a problem: printable, and cut short."""
    text = printable(str(source))
    return text if len(text) <= _LONGEST_WHERE else f"{text[: _LONGEST_WHERE - 3]}..."


_LONGEST_WHERE = 240


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


class _Files:
    """The files of the folder `load` reads, each read strictly and within the limits.

    Data files, ``datapackage.json`` and a data package's tables are all read here (it
    is the `nzcoop._package.Files` that reading a package is given). In a folder given
    as a path, each file is opened from a descriptor of the folder (see `_open_inside`)
    through the operating system, which can tell a regular file from a FIFO or a device
    before opening it, and where a link leads. Any other `Traversable` opens its files.
    """

    def __init__(self, folder: Traversable, root: _Root | None, limits: _Limits) -> None:
        self.folder = folder
        self.root = root
        self.limits = limits

    @classmethod
    @contextlib.contextmanager
    def open(cls, folder: Traversable, where: str, limits: _Limits) -> Iterator[_Files]:
        """Open *folder*, named *where* in problems; raise `DatasetError` if it is none."""
        try:
            if not folder.is_dir():
                raise DatasetError((Problem(where, "$", _not_a_folder(folder)),))
            root = _Root.open(folder) if isinstance(folder, Path) else None
        except OSError as error:
            raise _unlistable(where, error) from None
        try:
            yield cls(folder, root, limits)
        finally:
            if root is not None:
                root.close()

    def read(self, name: str) -> bytes:
        """Return the content of the file *name*; raise `Unreadable` if it cannot be used."""
        if self.root is not None:
            return _bytes(self.root, name, self.limits)
        return _entry_bytes(self.folder.joinpath(name), self.limits)

    def document(self, name: str, found: Found) -> object:
        """Return the JSON document in the file *name*, or `UNREAD` (see `_document`)."""
        return _document(name, self, found)


def _unlistable(where: str, error: OSError) -> DatasetError:
    message = f"the dataset folder cannot be read: {_reason(error)}"
    return DatasetError((Problem(where, "$", message),))


def _read_folder(folder: Traversable, where: str, files: _Files, found: Found) -> dict[str, object]:
    """Parse each data file in *folder*; return the documents by stem, adding problems."""
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError as error:
        raise _unlistable(where, error) from None
    documents: dict[str, object] = {}
    for entry in entries:
        stem, dot, suffix = entry.name.rpartition(".")
        if dot and suffix == "json" and stem in _STEMS:
            document = files.document(entry.name, found)
            if document is not UNREAD:
                documents[stem] = document
        elif why := _misnamed(entry.name, json=bool(dot) and suffix.casefold() == "json"):
            found.add(Problem(printable(entry.name), "$", why))
    return documents


def _not_a_folder(folder: Traversable) -> str:
    """Say what *folder*, the dataset folder given, is instead of a folder."""
    if isinstance(folder, Path):
        try:
            mode = folder.stat().st_mode
        except FileNotFoundError:  # nothing there, or a link to nothing
            return "the dataset folder does not exist"
        return f"the dataset folder is not a folder: it is {_kind(mode)}"
    if folder.is_file():
        return "the dataset folder is not a folder: it is a file"
    return "the dataset folder does not exist"


def _misnamed(name: str, *, json: bool) -> str | None:
    """Say why a file named *name*, no data file's name, is a problem; or return None.

    A ``.json`` file is one (*json*: its name ends so, in any case), as is a file whose
    name differs from a data file's only by case, spaces or characters that show
    nothing (``terms.json `` with a trailing space, a zero-width space after the name),
    which a reader would take for the data file. Any other file is left alone.
    """
    known = _FILES.get(name.casefold())
    if known is not None:
        return f"is not read: only its case differs from the data file name {known!r}"
    known = _FILES.get("".join(filter(visible, name)).casefold())
    if known is not None:
        return (
            f"is not read: its name, {shown(name)}, differs from the data file name "
            f"{known!r} only by spaces or characters that show nothing"
        )
    if json:
        return f"unknown data file; expected one of: {', '.join(DATA_FILES)}"
    return None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _document(name: str, files: _Files, found: Found) -> object:
    """Read and parse the JSON file *name*, or return `UNREAD` after adding its problems.

    A repeated key is a problem at its path, and the file is still used (the object
    holds the key's last value), so that its records are checked as usual and the ids
    they define are no "unknown id" elsewhere. A file with a lone surrogate is not used:
    its text could not be written out again.
    """
    try:
        # The bytes are handed to `_parse` and held nowhere else, so that it can let
        # them go once it has the text.
        document, repeated, escaped = _parse(files.read(name), files.limits.depth)
    except Unreadable as unreadable:
        found.add(Problem(name, "$", str(unreadable)))
        return UNREAD
    if repeated or escaped:
        lost = False
        for place, message, surrogate in _strange(document, repeated, escaped=escaped):
            if found.full:  # counted; its path is not worth making
                found.more += 1
            else:
                found.add(Problem(name, _path(place), message))
            lost = lost or surrogate
        if lost:
            return UNREAD
    return document


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO that changed places must not wait
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_DIR_FD = {os.open, os.stat} <= os.supports_dir_fd and bool(_NOFOLLOW and _DIRECTORY)
"""Whether files can be opened from a descriptor of their folder (not on Windows)."""
_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISREG, "a file"),
)


def _kind(mode: int) -> str:
    return next((word for test, word in _FILE_KINDS if test(mode)), "no regular file")


class _Root:
    """A dataset folder given as a path: its real path, and a descriptor open on it.

    Each data file is opened from the descriptor, so that whatever is done to the path
    while the folder is read, each file read is in the folder that was opened.
    """

    def __init__(self, path: str, fd: int | None) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def open(cls, folder: Path) -> _Root:
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY) if _DIR_FD else None
        return cls(os.path.realpath(folder), fd)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)


def _bytes(root: _Root, name: str, limits: _Limits) -> bytes:
    """Return the content of the file *name* in the folder *root*."""
    try:
        if root.fd is None:
            fd, info = _open_by_path(root, name, limits)
        elif limits.outside_links:
            info = os.stat(name, dir_fd=root.fd)
            _check_kind(info, name, limits.file_size)
            fd = os.open(name, os.O_RDONLY | _NONBLOCK, dir_fd=root.fd)
        else:
            fd, info = _open_inside(root, name, limits)
        with os.fdopen(fd, "rb") as stream:
            opened = os.fstat(stream.fileno())
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                raise Unreadable("changed while it was being read; read it again")
            return _bounded(stream, limits.file_size, opened.st_size)
    except FileNotFoundError as error:  # removed, or a link to nothing
        raise Missing(f"cannot be read: {_reason(error)}") from None
    except OSError as error:
        raise Unreadable(f"cannot be read: {_reason(error)}") from None


def _check_kind(info: os.stat_result, name: str, limit: int) -> None:
    """Refuse the file *name*, if no regular file or larger than *limit*, before opening it.

    So a FIFO never makes `load` wait, and a device is never opened.
    """
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(f"expected {_format(name)} file, found {_kind(info.st_mode)}")
    _check_size(info.st_size, limit)


def _format(name: str) -> str:
    """Name what the file *name* should be: ``a JSON`` (file) or ``a CSV`` (file)."""
    return "a CSV" if name.endswith(".csv") else "a JSON"


def _open_inside(root: _Root, name: str, limits: _Limits) -> tuple[int, os.stat_result]:
    """Open *name* in *root*, following a link only to a file inside the folder.

    A link is resolved once, and the file it leads to is opened one folder at a time
    from the folder's descriptor, following no link (``O_NOFOLLOW``): a link put in the
    place of any step since it was resolved makes the open fail. So what is opened is
    the file the check found inside the folder, or nothing.
    """
    assert root.fd is not None  # noqa: S101 - the caller opens by the folder's descriptor
    steps = [name]
    if stat.S_ISLNK(os.stat(name, dir_fd=root.fd, follow_symlinks=False).st_mode):
        target = Path(os.path.realpath(Path(root.path, name)))
        if not target.is_relative_to(root.path):
            raise Unreadable(_outside(target))
        steps = list(target.relative_to(root.path).parts) or ["."]
    folder = root.fd
    try:
        for step in steps[:-1]:
            inner = os.open(step, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=folder)
            if folder != root.fd:
                os.close(folder)
            folder = inner
        info = os.stat(steps[-1], dir_fd=folder, follow_symlinks=False)
        if not stat.S_ISLNK(info.st_mode):  # a link is refused by the open below
            _check_kind(info, steps[-1], limits.file_size)
        flags = os.O_RDONLY | _NONBLOCK | _NOFOLLOW
        return os.open(steps[-1], flags, dir_fd=folder), info
    finally:
        if folder != root.fd:
            os.close(folder)


def _open_by_path(root: _Root, name: str, limits: _Limits) -> tuple[int, os.stat_result]:
    """Open *name* in *root* by its path (where no folder's descriptor opens files).

    That is on Windows, where making a link needs an administrator's rights.
    """
    path = Path(root.path, name)
    if not limits.outside_links and path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(root.path):
            raise Unreadable(_outside(target))
    info = path.stat()
    _check_kind(info, name, limits.file_size)
    return os.open(path, os.O_RDONLY | _NONBLOCK), info


def _outside(target: Path) -> str:
    return (
        f"is a link to {shown(str(target))}, outside the dataset folder, and is not "
        "followed (nzcoop.load follows it when given outside_links=True)"
    )


def _entry_bytes(entry: Traversable, limits: _Limits) -> bytes:
    """Return the content of the file *entry* of a folder that is not a path."""
    if entry.is_dir():
        raise Unreadable(f"expected {_format(entry.name)} file, found a folder")
    if not entry.is_file():
        raise Missing("is not in the folder")
    try:
        with entry.open("rb") as stream:
            return _bounded(stream, limits.file_size)
    except OSError as error:
        raise Unreadable(f"cannot be read: {_reason(error)}") from None


_CHUNK = 1 << 20
"""How much of a file whose size is not known is read at a time."""


def _bounded(stream: IO[bytes], limit: int, size: int | None = None) -> bytes:
    """Read *stream* to its end, but never more than one byte past *limit*.

    The first read asks for the *size* the file says it holds and one byte more, which
    tells whether it holds more; a stream that says no size is read a chunk at a time,
    as is the rest of a file that holds more than it said. No read asks for the limit,
    which may be any size (`sys.maxsize`).
    """
    wanted = min(limit, size) + 1 if size is not None else min(limit + 1, _CHUNK)
    data = stream.read(wanted)
    if len(data) == wanted and len(data) <= limit:  # the stream may hold more: read on
        chunks = [data]
        read = len(data)
        while read <= limit and (chunk := stream.read(min(limit + 1 - read, _CHUNK))):
            chunks.append(chunk)
            read += len(chunk)
        data = b"".join(chunks)
    if len(data) > limit:  # its size is known only where it said one over the limit
        raise Unreadable(_too_large(size if size is not None and size > limit else None, limit))
    return data


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise Unreadable(_too_large(size, limit))


def _too_large(size: int | None, limit: int) -> str:
    """Say that a file of *size* bytes (None: not known) is larger than *limit*."""
    if size is None:
        return f"is over the limit of {limit:,} bytes (max_file_size)"
    return f"is {size:,} bytes, over the limit of {limit:,} (max_file_size)"


_STRING = re.compile(rb'"[^"]*"')
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'[]{}"'))
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
"""Opening brackets as the signed byte 1, closing ones as -1."""
_DENSEST = 8
"""The fewest bytes a data file may hold for each of its arrays and objects, on average.

Parsed, each array or object is a Python list or dict, which takes many times the
memory of the brackets that write an empty one, so a file of little but brackets
(``[{}, {}, ...]``) would take many times its size. A dataset's records hold far more
bytes for each (a record's object holds its fields, and each list is a field's value),
so a file denser than this is no dataset's, and is refused before it is parsed."""
_DENSE_FLOOR = 1024
"""How many arrays and objects any file may hold, whatever its size (``{"terms": []}``
holds two in 13 bytes)."""

Repeated = dict[int, tuple[dict[str, object], dict[str, int]]]
"""The objects of a document that repeat a key, by `id`: each object, and each repeated
key's count.

Each object is held here, not only its `id`: a value that a repeated key drops is freed
as the file is parsed, and an object made after it could take its `id`."""


def _parse(data: bytes, depth: int) -> tuple[object, Repeated, bool]:
    r"""Parse a data file's bytes; return the document and what `_strange` needs.

    That is the objects that repeat a key, and whether a string may hold a lone
    surrogate (only an escape such as ``\ud800`` can make one). The brackets are checked
    before the bytes are parsed, and the bytes are let go once they are decoded, as the
    caller holds them nowhere else.
    """
    if data.startswith(codecs.BOM_UTF8):
        raise Unreadable("starts with a byte order mark (BOM); save it as UTF-8 without one")
    _check_brackets(data, depth)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(
            f"is not UTF-8 text: byte {error.start} is {data[error.start]:#04x}"
        ) from None
    may_escape = b"\\u" in data
    del data
    repeated: Repeated = {}

    def unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
        document = dict(pairs)
        if len(document) != len(pairs):
            counts = collections.Counter(key for key, _ in pairs)
            counted = {key: count for key, count in counts.items() if count > 1}
            repeated[id(document)] = (document, counted)
        return document

    try:
        document = json.loads(text, object_pairs_hook=unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        if not text.strip(" \t\n\r"):
            raise Unreadable("is not valid JSON: it is empty") from None
        where = f"line {error.lineno}, column {error.colno}"
        raise Unreadable(f"is not valid JSON: {error.msg} ({where})") from None
    except ValueError as error:  # a number too long to convert, or NaN and Infinity
        raise Unreadable(f"is not valid JSON: {error}") from None
    except RecursionError:  # only with a max_depth close to the interpreter's own limit
        raise Unreadable("is not usable JSON: nested too deeply") from None
    return document, repeated, may_escape and _SURROGATE_ESCAPE.search(text) is not None


def _check_brackets(data: bytes, depth: int) -> None:
    """Refuse *data* whose arrays and objects nest deeper than *depth*, or are too dense.

    Parsed, each would take far more memory than its bytes (see `_DENSEST`).
    """
    structure = _structure(data)
    containers = len(structure) - structure.count(b"]") - structure.count(b"}")
    if containers > len(data) // _DENSEST + _DENSE_FLOOR:  # counted sooner than the depth
        raise Unreadable(
            f"is not usable JSON: it holds {containers:,} arrays and objects in "
            f"{len(data):,} bytes, more than one in {_DENSEST} bytes, which no records need"
        )
    if _depth(structure) > depth:
        raise Unreadable(f"is not usable JSON: it nests deeper than {depth} levels (max_depth)")


def _structure(data: bytes) -> bytes:
    """Return the brackets of the JSON *data* that are outside its strings, in order.

    The escapes that could hide a string's end (an escaped quote, an escaped backslash)
    are dropped, then everything but quotes and brackets, then the strings (empty ones
    first, as most are once the rest is gone). Each step is one pass over the bytes,
    and copies them only when it drops something.
    """
    if b"\\" in data:  # backslashes pair up from the left, as the escapes they begin
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in structure:  # strings that hold brackets
        structure = _STRING.sub(b"", structure)
    return structure


def _depth(structure: bytes) -> int:
    """Return how deep the brackets of *structure* nest.

    Each ``[`` or ``{`` is a step of +1, each ``]`` or ``}`` one of -1, and the depth is
    the highest sum of the steps so far: counted in one pass, where the JSON parser
    would recurse once for each level.
    """
    return max(accumulate(memoryview(structure.translate(_STEPS)).cast("b")), default=0)


def _nesting(data: bytes) -> int:
    """Return how deep the arrays and objects of the JSON *data* nest."""
    return _depth(_structure(data))


def _no_constant(constant: str) -> object:
    msg = f"{constant} is not a JSON number"
    raise ValueError(msg)


_Place = tuple["_Place", str | int] | None
"""Where a value is in a document: the place of the array or object holding it, and its
index or key there (None for the document itself)."""


def _strange(
    document: object, repeated: Repeated, *, escaped: bool
) -> Iterator[tuple[_Place, str, bool]]:
    """Yield the place and a message for each repeated key and each lone surrogate.

    Each comes with whether it makes the file unusable (a lone surrogate does). The
    document is walked in order, without recursion; strings are looked at only when
    *escaped* says one may hold a lone surrogate.
    """
    stack: list[tuple[object, _Place]] = [(document, None)]
    while stack:
        node, place = stack.pop()
        if isinstance(node, dict):
            for key in node if escaped else ():
                why = not_unicode(key)
                if why is not None:
                    yield (place, key), f"the key {shown(key)} is not Unicode text: {why}", True
            _, counted = repeated.get(id(node), (node, {}))
            for key, count in counted.items():
                message = f"the key {shown(key)} appears {count} times in one object"
                yield (place, key), message, False
            stack.extend((value, (place, key)) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((node[i], (place, i)) for i in range(len(node) - 1, -1, -1))
        elif escaped and isinstance(node, str) and (why := not_unicode(node)) is not None:
            yield place, f"{shown(node)} is not Unicode text: {why}", True


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

"""The error hierarchy: one base, and each public error also a builtin a caller would catch."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ArgumentTypeError",
    "DatasetError",
    "ExportError",
    "InvalidArgumentError",
    "NzcoopError",
    "Problem",
    "UnknownNameError",
]

MAX_PROBLEMS = 1000
"""How many problems a `DatasetError` lists unless told otherwise; the rest are counted."""


class NzcoopError(Exception):
    """The base of every error nzcoop raises.

    Each can be pickled, and unpickles equal: the same message and fields. So an error
    raised in a worker process (``multiprocessing``, ``concurrent.futures``) reaches the
    parent as it was raised.

    >>> import nzcoop, pickle
    >>> issubclass(nzcoop.UnknownNameError, nzcoop.NzcoopError)
    True
    >>> error = nzcoop.UnknownNameError("no body is named 'x'", "x", ("X",))
    >>> pickle.loads(pickle.dumps(error)).suggestions
    ('X',)
    """

    def __reduce__(self) -> tuple[object, ...]:
        # An exception pickles as its class called with its args, which here hold the
        # message alone, not the fields `__init__` takes; it is made again without
        # `__init__`, from its args (the message; an OSError's, its file name too) and
        # its attributes (the fields).
        args = super().__reduce__()[1]
        return _restored, (type(self), args, self.__dict__)


def _restored(
    cls: type[NzcoopError], args: tuple[object, ...], fields: dict[str, object]
) -> NzcoopError:
    """Return the error of class *cls* with *args* and *fields*, as it was pickled."""
    error = cls.__new__(cls, *args)
    error.__dict__.update(fields)
    return error


class UnknownNameError(NzcoopError, LookupError):
    """No entity (of the kind asked for) has the given id or name.

    The message names what was asked for and suggests the closest known names, which
    are also in `suggestions`.

    >>> import nzcoop
    >>> try:
    ...     nzcoop.lookup("Migraton Five")
    ... except nzcoop.UnknownNameError as error:
    ...     print(error.suggestions[0])
    Migration Five
    """

    def __init__(self, message: str, name: str, suggestions: tuple[str, ...]) -> None:
        super().__init__(message)
        self.name = name
        """The name that was looked up."""
        self.suggestions = suggestions
        """The closest known names, best first (possibly empty)."""


class InvalidArgumentError(NzcoopError, ValueError):
    """An argument has the right type but a value outside its vocabulary.

    An unknown role or theme given to a query, say, or an unknown record kind. The
    message lists the valid values, the closest first. It is also a `ValueError`.

    >>> import nzcoop
    >>> try:
    ...     nzcoop.engagements(role="chair")
    ... except nzcoop.InvalidArgumentError as error:
    ...     print(error)
    unknown role 'chair'; expected one of: 'co-chair', 'member', ...
    """


class ArgumentTypeError(NzcoopError, TypeError):
    """An argument has the wrong type: a `bool` given as a year, say.

    The message names the argument, what was given and what is accepted. It is also a
    `TypeError`.

    >>> import nzcoop
    >>> try:
    ...     nzcoop.events(year="2013")
    ... except TypeError as error:
    ...     print(type(error).__name__, error)
    ArgumentTypeError year must be an int or None, not str ('2013')
    """


@attrs.frozen
class Problem:
    """One thing wrong with a dataset: where it is, and what was found and expected.

    >>> str(Problem("events.json", "events[2].start", "expected a date"))
    'events.json: events[2].start: expected a date'
    """

    file: str
    """The data file, relative to the dataset's folder (``organisations.json``); for a
    dataset built in Python, the file its record would be written to, or ``""`` for an
    object that is no record at all."""
    path: str
    """The JSON path inside the file (``organisations[3].names[1].kind``)."""
    message: str
    """What was wrong, and what would be right."""

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return f"{where}{self.path}: {self.message}"


class DatasetError(NzcoopError, ValueError):
    """A dataset could not be loaded or built; `problems` lists what was found wrong.

    At most a fixed number of problems are listed (1,000 unless `nzcoop.load` is told
    otherwise), so that the message stays short however broken the data is; `more`
    counts the others.

    >>> error = DatasetError((Problem("terms.json", "terms[0].sources", "no citations"),))
    >>> print(error)
    1 problem in the dataset:
      terms.json: terms[0].sources: no citations
    >>> print(DatasetError(error.problems, more=41))
    1 problem in the dataset, and at least 41 more not listed:
      terms.json: terms[0].sources: no citations
    """

    def __init__(self, problems: tuple[Problem, ...], *, more: int = 0) -> None:
        count = counted(len(problems), "problem", "problems")
        unlisted = f", and at least {more} more not listed" if more else ""
        lines = "".join(f"\n  {problem}" for problem in problems)
        super().__init__(f"{count} in the dataset{unlisted}:{lines}")
        self.problems = problems
        """The problems found, in file order, up to the limit."""
        self.more = more
        """How many more problems were found and not listed (0 when `problems` lists all).

        Past the limit, nzcoop stops looking closely: a record that cannot be read counts
        once, however many of its fields are wrong, so this is a lower bound."""


class ExportError(NzcoopError, OSError):
    """An export could not be written, or could not be finished; the message says which.

    An export writes each file whole under a temporary name in the folder, then renames
    it into place, so a file of the folder is never half written and the folder itself
    is never renamed or missing. The message names the folder and what went wrong, and
    what the folder holds then:

    - the folder was not written (it is not empty, holds files no export writes, or a
      file could not be written): it is left as it was;
    - a rename failed: the message counts what the folder holds then. If it was the
      first rename, the folder is as it was; otherwise it holds the files renamed, any
      files of an earlier export not yet replaced, and temporary files
      (``.nzcoop-partial-*.tmp``) that make `nzcoop.load` refuse it until an export
      into it finishes;
    - a file of an earlier export could not be removed: the new export is written, and
      that file is named.

    The folder, and any of its parents that are missing, are made before anything is
    written, and are not removed when the export then fails: a failed export may leave
    behind folders that were not there before (empty, unless a rename failed). Nothing
    is made when the folder's path names a file.

    It is also an `OSError`.

    >>> import nzcoop, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     nzcoop.export(nzcoop.Dataset(), "nzcoop", folder)[0].name
    ...     try:
    ...         nzcoop.export(nzcoop.Dataset(), "nzcoop", folder)
    ...     except nzcoop.ExportError as error:
    ...         print("not empty" in str(error))
    'release.json'
    True
    """


class Found:
    """Problems as they are found: the first *limit* kept in order, the others counted.

    So a dataset with a problem in each of a million records costs the memory of
    *limit* problems, and its error's message stays short.
    """

    __slots__ = ("limit", "listed", "more")

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.listed: list[Problem] = []
        self.more = 0

    def add(self, problem: Problem) -> None:
        """Keep *problem*, or count it when *limit* are kept."""
        if len(self.listed) < self.limit:
            self.listed.append(problem)
        else:
            self.more += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        """Keep or count each of *problems*."""
        for problem in problems:
            self.add(problem)

    @property
    def full(self) -> bool:
        """Whether *limit* problems are kept, so that any more would only be counted."""
        return len(self.listed) >= self.limit

    def __bool__(self) -> bool:
        return bool(self.listed)

    def error(self) -> DatasetError:
        """Return the error that lists the problems kept and counts the others."""
        return DatasetError(tuple(self.listed), more=self.more)


def counted(number: int, one: str, many: str) -> str:
    """Return *number* before the words for *one* of a thing or for *many*, for a message.

    >>> counted(1, "record cites", "records cite"), counted(2, "file", "files")
    ('1 record cites', '2 files')
    """
    return f"{number} {one if number == 1 else many}"


def printable(text: str) -> str:
    r"""Return *text* with any lone surrogate written as an escape, so that it can be printed.

    A file name that is not UTF-8 comes from the operating system with one
    (``"\udcff.json"``); printing it as it is would fail.

    >>> printable("\udcff.json")
    '\\udcff.json'
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def shown(value: object, limit: int = 60) -> str:
    """Return the `repr` of *value* for a message, cut short when it is long.

    A value from the data or a caller may be any length, and any object: a message
    quotes at most *limit* characters, and an object whose `repr` fails is named by its
    type instead.

    >>> shown("forum")
    "'forum'"
    >>> shown("x" * 100, limit=12)
    "'xxxxxxx...'"
    >>> shown(10**5000)
    'an int of 16610 bits'
    >>> class Odd:
    ...     def __repr__(self):
    ...         raise RuntimeError
    >>> shown(Odd())
    '<Odd object (repr failed)>'
    """
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]  # so that a long string is not copied whole by repr
    try:
        text = repr(value)
    except ValueError:  # an int too long to write in decimal (sys.get_int_max_str_digits)
        if isinstance(value, int):
            return f"an int of {value.bit_length()} bits"
        return _unshowable(value)
    except Exception:  # noqa: BLE001 - a caller's object whose repr fails is still named
        return _unshowable(value)
    if len(text) <= limit:
        return text
    end = text[-1] if text[-1] in "'\"" else ""  # a string's closing quote
    return f"{text[: limit - 3 - len(end)]}...{end}"


def _unshowable(value: object) -> str:
    return f"<{printable(type(value).__name__)[:60]} object (repr failed)>"

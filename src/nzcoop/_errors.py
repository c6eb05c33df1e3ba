"""The error hierarchy: one base, and each public error also a builtin a caller would catch."""

from __future__ import annotations

import attrs

__all__ = [
    "ArgumentTypeError",
    "DatasetError",
    "InvalidArgumentError",
    "NzcoopError",
    "Problem",
    "UnknownNameError",
]


class NzcoopError(Exception):
    """The base of every error nzcoop raises.

    >>> import nzcoop
    >>> issubclass(nzcoop.UnknownNameError, nzcoop.NzcoopError)
    True
    """


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
    message lists the valid values. It is also a `ValueError`.

    >>> import nzcoop
    >>> try:
    ...     nzcoop.engagements(role="chair")
    ... except nzcoop.InvalidArgumentError as error:
    ...     print(error)
    unknown role 'chair'; expected one of: 'member', 'co-chair', ...
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
    """A dataset could not be loaded or built; `problems` lists everything found wrong.

    >>> error = DatasetError((Problem("terms.json", "terms[0].sources", "no citations"),))
    >>> print(error)
    1 problem in the dataset:
      terms.json: terms[0].sources: no citations
    """

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
        lines = "".join(f"\n  {problem}" for problem in problems)
        super().__init__(f"{count} in the dataset:{lines}")
        self.problems = problems
        """Every problem found, in file order."""

r"""The ``nzcoop`` command line: ask the data a question, check a dataset, or export it.

Every command prints a human-readable table, or JSON with ``--json`` (the records in the
same layout as the data files, so the keys are the record fields). Query commands read
the packaged data, or the dataset folder given with ``--data DIR``.

Tables fit the terminal (its width, or ``COLUMNS``): a long cell wraps inside its
column. They name records by their names, a body inside another after the bodies
around it (``Bali Process › Ad Hoc Group``); ``--ids`` adds a column of ids, and
``--json`` always has them. Other text, error messages included, wraps to the terminal
too. A URL or an id is never broken: one longer than the line stands whole on a line
of its own.

Text from the data is shown as it is, but for the characters that show nothing or act on
the terminal (control characters, such as the escape that starts an escape sequence, a
newline inside a value, the bidirectional overrides and isolates, zero-width spaces):
those are written as escapes (``\x1b``, ``\n``, ``\u202e``), in JSON as JSON
escapes, so that it reads back exactly. Where standard output's encoding is not a UTF
one, text it cannot hold is replaced by ``?``, never an error, and JSON escapes every
character beyond ASCII instead; standard error writes such text as Python's escapes.

Exit codes:

- 0: done.
- 1: problems found (``validate``, a ``--data`` folder that does not load or holds no
  data files, or packaged data that does not load, ``--version`` too), nothing matched
  (a listing command that lists no records: ``orgs``, ``engagements``, ``events``,
  ``timeline``, ``sources`` and ``cited``, as ``grep`` does), the datasets differ
  (``diff``, as ``diff`` does), or the export could not be written.
- 2: a usage error or a bad range of years: a bad option, an unknown role or theme, or
  a name that names nothing (the message suggests close names).
- 74: standard output could not be written: it was closed, or the disk is full
  (``EX_IOERR`` of ``sysexits.h``), with one line on standard error.
- 130: interrupted (Ctrl-C), with one line on standard error.
- 141: the reader of the output went away before all of it was written, with no
  message: the status a shell reports for a program ended by ``SIGPIPE``. Output that
  fits in the pipe's buffer (64 KiB on Linux) is all written at once, so
  ``nzcoop timeline | head -1`` usually ends with 0.

Errors go to standard error, as JSON (``{"error": ..., "suggestions": [...]}``) with
``--json``, usage errors too; with standard error closed, nothing is said, and the exit
code is the same. This module is imported only by ``python -m nzcoop`` and the
``nzcoop`` script, never by ``import nzcoop``.
"""

from __future__ import annotations

import argparse
import codecs
import datetime
import enum
import io
import json
import os
import re
import shlex
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import attrs

from ._dataset import Dataset
from ._dates import attesting_years, describe, engagement_first, first_date
from ._errors import (
    ArgumentTypeError,
    DatasetError,
    ExportError,
    InvalidArgumentError,
    Problem,
    UnknownNameError,
    counted,
    shown,
)
from ._export import AUTHORS, FORMATS, TITLE, export
from ._files import DATA_FILES, load
from ._model import (
    Citation,
    Discrepancy,
    Engagement,
    Entity,
    Event,
    Inference,
    Organisation,
    Side,
    Source,
    citations,
    kind_of,
)
from ._package import DESCRIPTOR
from ._packaged import dataset
from ._table import paragraphs, table, visible, visible_json
from ._version import __version__
from ._vocabulary import Role, Theme

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 74
"""Standard output could not be written: ``EX_IOERR`` of BSD's ``sysexits.h``."""
EXIT_INTERRUPTED = 128 + 2
"""The status a shell reports for a program ended by ``SIGINT`` (signal 2, Ctrl-C)."""
EXIT_PIPE = 128 + 13
"""The status a shell reports for a program ended by ``SIGPIPE`` (signal 13)."""

ANY_PARTICIPANT = "any"
"""The ``--participant`` value that means every participant, as leaving it out does (the
API's ``None``)."""

NARROWEST_TERMINAL = 20
"""Output is fitted to at least this width, however narrow the terminal says it is."""

_Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (``sys.argv[1:]`` when None); return the exit code.

    Args:
        argv: the arguments after the program name.

    Returns:
        0 when done, 1 when problems were found or nothing matched, 2 on a usage error,
        74 when standard output cannot be written, 130 when interrupted, 141 when the
        reader of the output went away.

    >>> main(["validate", "no-such-folder"])
    no-such-folder: $: the dataset folder does not exist
    no-such-folder: 1 problem
    1
    """
    if sys.stdout is None:  # started with standard output closed: nzcoop orgs >&-
        _complain("nzcoop: error: cannot write to standard output: it is closed")
        return EXIT_OUTPUT
    _replace_unencodable(sys.stdout)
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        _flush()
    except _OutputError as error:
        _discard(sys.stdout)  # so that exiting does not try to write the rest again
        if isinstance(error.error, BrokenPipeError):
            return EXIT_PIPE
        reason = error.error.strerror or type(error.error).__name__
        _complain(f"nzcoop: error: cannot write to standard output: {reason}")
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        _discard(sys.stdout)  # what is left would block on a reader that reads no more
        _complain("nzcoop: interrupted")
        return EXIT_INTERRUPTED
    return code


def _run(argv: list[str]) -> int:
    """Parse *argv* and run its command; report a usage error as the command asked."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        if "--json" in argv:
            report = {"error": error.message, "suggestions": [], "usage": error.usage.strip()}
            _complain(_json_text(report, sys.stderr), wrap=False)
        else:
            _complain(f"{error.usage.rstrip()}\n{error.prog}: error: {visible(error.message)}")
        return EXIT_USAGE
    except SystemExit as stop:  # --help and --version
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    return _handle(args)


def _handle(args: argparse.Namespace) -> int:
    """Run the command *args* names; report an error as the command asked."""
    handler: _Handler = args.handler
    try:
        return handler(args)
    except (InvalidArgumentError, ArgumentTypeError) as error:
        return _fail(args, str(error), (), EXIT_USAGE)
    except UnknownNameError as error:
        return _fail(args, str(error), error.suggestions, EXIT_USAGE)
    except DatasetError as error:
        return _fail(args, _not_valid(error), (), EXIT_PROBLEMS, error)
    except ExportError as error:
        return _fail(args, str(error), (), EXIT_PROBLEMS)


def _not_valid(error: DatasetError) -> str:
    """Return that the dataset *error* is about does not load, and what to do about it.

    A folder named on the command line is checked by ``nzcoop validate`` with that
    folder, written as a shell reads it; the packaged data is reinstalled.
    """
    if isinstance(error, _FolderError):
        folder = shlex.quote(error.folder)
        return f"the dataset in {error.folder} is not valid; run `nzcoop validate {folder}`"
    return f"the packaged data of nzcoop {__version__} is not valid; reinstall nzcoop"


def _fail(
    args: argparse.Namespace,
    message: str,
    suggestions: Sequence[str],
    code: int,
    invalid: DatasetError | None = None,
) -> int:
    """Report an error on standard error and return *code*.

    The problems of *invalid* follow the message, one a line, or in JSON as a list.
    """
    if args.json:
        report: dict[str, Any] = {"error": message, "suggestions": list(suggestions)}
        if invalid is not None:
            report["problems"] = _problems(invalid.problems)
        _complain(_json_text(report, sys.stderr), wrap=False)
        return code
    lines = [f"nzcoop: error: {visible(message)}"]
    if invalid is not None:
        lines.extend(f"  {visible(str(problem))}" for problem in invalid.problems)
        lines.extend([f"  and at least {invalid.more} more"] if invalid.more else [])
    _complain("\n".join(lines))
    return code


# -- the terminal ---------------------------------------------------------------------------


class _OutputError(Exception):
    """Standard output could not be written; `main` says so, or ends quietly for a pipe."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _replace_unencodable(stream: TextIO) -> None:
    """Have *stream* write ``?`` for what its encoding cannot hold, instead of failing.

    Where Python's UTF-8 mode is off (``PYTHONUTF8=0``) and the locale's encoding is
    ASCII, standard output is ASCII, and the data is not.
    """
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")


def _unicode(stream: TextIO | None) -> bool:
    """Return whether *stream* can write any text (its encoding is a Unicode one)."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    return codecs.lookup(encoding).name.startswith("utf")


def _out(text: str) -> None:
    """Write *text* and a newline to standard output (looked up at call time, for tests).

    Each line goes through `visible`, so that a value the caller did not escape still
    cannot act on the terminal (callers escape values first, to measure them, and to
    escape a newline inside one).
    """
    _write_out("\n".join(map(visible, text.split("\n"))) + "\n")


def _write_out(text: str) -> None:
    """Write *text* to standard output; report a failure as an `_OutputError`."""
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    try:
        if not isinstance(raw, io.RawIOBase):
            stream.write(text)
            return
        # Unbuffered (python -u, PYTHONUNBUFFERED): a text stream drops what a partial
        # write leaves unwritten (CPython issue 85393), so a reader leaving mid-output
        # would end in silence and status 0; write the bytes until all are written, with
        # the line ends the text stream would write.
        stream.flush()
        text = text.replace("\n", os.linesep)
        data = memoryview(text.encode(stream.encoding, stream.errors or "strict"))
        while data:
            data = data[raw.write(data) or 0 :]
    except OSError as error:
        raise _OutputError(error) from error


def _flush() -> None:
    try:
        sys.stdout.flush()
    except OSError as error:
        raise _OutputError(error) from error


def _complain(text: str, *, wrap: bool = True) -> None:
    """Write *text* and a newline to standard error, its lines shown and wrapped.

    With standard error closed or failing there is nobody to tell: nothing is written,
    and the exit code alone says what happened. JSON is written as it is (*wrap* false).
    """
    stream = sys.stderr
    if stream is None:  # started with standard error closed: nzcoop orgs 2>&-
        return
    if wrap:
        text = paragraphs("\n".join(map(visible, text.split("\n"))), _width())
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):  # a full disk, a closed pipe, a closed stream
        _discard(stream)


def _discard(stream: TextIO) -> None:
    """Send what is left for *stream* to the null device, so that exiting is quiet.

    Python flushes standard output and error on exit, and would report (and exit with
    120) a write that fails again, or block on a reader that reads no more.
    """
    try:
        fileno = stream.fileno()
    except (OSError, ValueError):  # not a file (a test's capture): nothing is flushed
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fileno)
    os.close(null)


def _width() -> int:
    """Return the width to fit output to: the terminal's, or ``COLUMNS``, or 80."""
    return max(shutil.get_terminal_size().columns, NARROWEST_TERMINAL)


# -- the parser ---------------------------------------------------------------------------

_EXIT_CODES = """\
exit codes:
  0    done
  1    problems found, nothing matched (a listing that lists nothing), datasets
       differ (diff), or cannot write the export
  2    a usage error or a bad range of years: a bad option, an unknown role or
       theme, or an unknown name
  74   cannot write to standard output (closed, or the disk is full)
  130  interrupted (Ctrl-C)
  141  the reader of the output went away before all of it was written
"""


class _UsageError(Exception):
    """A usage error, reported by `_run` as text or, with ``--json``, as JSON."""

    def __init__(self, prog: str, usage: str, message: str) -> None:
        super().__init__(message)
        self.prog = prog
        self.usage = usage
        self.message = message


class _Formatter(argparse.HelpFormatter):
    """Wraps a one-line description to the terminal; keeps an epilog's lines as they are.

    An epilog (examples, exit codes) is laid out by hand, in lines; a description is one
    sentence, which may be wider than the terminal. Text wraps at spaces only, never
    after a hyphen inside a name (``border-security``), as argparse would.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises its usage errors instead of printing them.

    Its help and version go through `_write_out`, so that standard output failing is
    reported as it is for every other command, where argparse would say nothing.
    """

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self.prog, self.format_usage(), message)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        text = "\n".join(map(visible, message.split("\n")))  # laid out as argparse lays it
        if file is sys.stdout:
            _write_out(text)
        else:
            _complain(text.rstrip("\n"), wrap=False)


class _VersionAction(argparse.Action):
    """``--version``: the package's version beside the packaged data's release.

    The release is read only when asked for, so that building the parser reads no data.
    """

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        try:
            release = dataset().release
        except DatasetError as error:  # one line, as for any other command, not a traceback
            _complain(f"nzcoop: error: {_not_valid(error)}")
            parser.exit(EXIT_PROBLEMS)
        _write_out(f"nzcoop {__version__} (data release {release})\n")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    """Return the parser of the ``nzcoop`` command line (the docs render it too)."""
    parser = _Parser(
        prog="nzcoop",
        description=(
            "Query New Zealand's international cooperation on immigration: organisations, "
            "engagements, events and the documents they are cited from."
        ),
        epilog=(
            "examples:\n"
            "  nzcoop show M5\n"
            "  nzcoop orgs --role co-chair --year 2013\n"
            "  nzcoop cited release-2003-06-17 --json\n"
            "  nzcoop export --format csv tables/\n"
            "  nzcoop cite\n\n"
            "Run `nzcoop COMMAND --help` for the options of a command.\n\n" + _EXIT_CODES
        ),
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="print the package's version and the packaged data's release, then exit",
    )
    output = _Parser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON instead of a table")
    data = _Parser(add_help=False, parents=[output])
    data.add_argument(
        "--data",
        metavar="DIR",
        help="query the dataset in the folder DIR instead of the packaged data",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        name: str, handler: _Handler, summary: str, examples: str, parent: _Parser
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"examples:\n{examples}\n{_EXIT_CODES}",
            formatter_class=_Formatter,
            parents=[parent],
        )
        sub.set_defaults(handler=handler)
        return sub

    show = command(
        "show",
        _show,
        "Show an entity: its names and fields, its engagements, the discrepancies "
        "between the documents about it, and its citations.",
        "  nzcoop show M5\n  nzcoop show 'Bali Process' --json\n",
        data,
    )
    show.add_argument("name", metavar="NAME", help="an id, a name, an acronym or a former name")

    orgs = command(
        "orgs",
        _orgs,
        "List organisations: every one, or those the filters given keep; with "
        "--participant, only those it holds a role in, with its roles there.",
        "  nzcoop orgs --participant 'New Zealand' --role co-chair\n"
        "  nzcoop orgs --theme people-smuggling\n"
        "  nzcoop orgs --participant Australia --year 2013 --json\n",
        data,
    )
    _participant_option(
        orgs,
        "only organisations P holds a role in, with a ROLES column of its roles there "
        "(those that --role, --year or --years, and --standing keep)",
    )
    _engagement_filters(orgs)
    _standing(
        orgs,
        STANDING_ONLY,
        "which roles --participant, --role, --year and --years look at: standing roles, "
        "held in the organisation itself (yes), roles held at one of its events, such "
        "as a meeting (no), or either; with none of those options it narrows nothing",
    )
    _ids(orgs)

    engagements = command(
        "engagements",
        _engagements,
        "List engagements: who holds which role in which organisation, instrument or event.",
        "  nzcoop engagements --organisation 'Bali Process' --role co-chair\n"
        "  nzcoop engagements --participant 'New Zealand' --year 2013 --json\n"
        "  nzcoop engagements --participant 'New Zealand' --years 2013..\n",
        data,
    )
    _organisation(engagements)
    _participant_option(engagements, "only engagements of P")
    _engagement_filters(engagements)
    _standing(
        engagements,
        EITHER,
        "only standing roles, held in an organisation or an instrument (yes), only "
        "roles held at an event, such as a meeting's co-chairs (no), or either",
    )
    _ids(engagements)

    events = command(
        "events",
        _events,
        "List events in date order.",
        "  nzcoop events --year 2013\n"
        "  nzcoop events --years 2003..2007\n"
        "  nzcoop events --organisation IOM --json\n",
        data,
    )
    _organisation(events)
    _theme(events)
    _year(events)
    _ids(events)

    timeline = command(
        "timeline",
        _timeline,
        "List events and engagements in date order (engagements at their first year).",
        "  nzcoop timeline\n  nzcoop timeline --organisation 'Bali Process' --json\n",
        data,
    )
    _organisation(timeline)
    _ids(timeline)

    sources = command(
        "sources",
        _sources,
        "List the source documents, with how many records cite each.",
        "  nzcoop sources\n  nzcoop sources --json\n",
        data,
    )
    _ids(sources)

    cited = command(
        "cited",
        _cited,
        "List every record that cites a source document, with the quotes.",
        "  nzcoop cited release-2003-06-17\n"
        "  nzcoop cited 'NZ becomes 100th member of IOM' --json\n",
        data,
    )
    cited.add_argument("source", metavar="SOURCE", help="the source's id or name")
    _ids(cited)

    command(
        "cite",
        _cite,
        "Show how to cite the data: its release and digest, and the documents it is from.",
        "  nzcoop cite\n  nzcoop cite --data my-data/ --json\n",
        data,
    )

    validate = command(
        "validate",
        _validate,
        "Check a dataset folder; print each problem with its file and JSON path.",
        "  nzcoop validate my-data/\n  nzcoop validate my-data/ --json\n",
        output,
    )
    validate.add_argument("folder", metavar="DIR", help="the dataset folder to check")

    diff = command(
        "diff",
        _diff,
        "Compare two datasets: the records added, removed and changed, by id and field.",
        "  nzcoop diff old-data/ new-data/\n"
        "  nzcoop diff old-data/ --json   # against the packaged data\n",
        output,
    )
    diff.add_argument("old", metavar="OLD", help="the folder of the older dataset")
    diff.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="the folder of the newer one (default: the packaged data)",
    )

    export_command = command(
        "export",
        _export,
        "Write the data as CSV tables, nzcoop JSON (what `nzcoop.load` reads) or Popolo JSON.",
        "  nzcoop export --format csv tables/\n"
        "  nzcoop export --format popolo popolo/\n"
        "  nzcoop export --format nzcoop --data my-data/ copy/\n"
        "  nzcoop export --format csv tables/ --force\n",
        data,
    )
    export_command.add_argument(
        "--format",
        type=_format,
        choices=FORMATS,
        required=True,
        help="the format to write: CSV tables, nzcoop JSON (the files `nzcoop.load` and "
        "--data read) or Popolo JSON",
    )
    export_command.add_argument(
        "--raw-cells",
        action="store_true",
        help="with --format csv, write texts a spreadsheet would read as formulas as they "
        "are, not after an apostrophe",
    )
    export_command.add_argument(
        "outdir", metavar="OUTDIR", help="the folder to write: missing, empty, or with --force"
    )
    export_command.add_argument(
        "--force",
        action="store_true",
        help="replace OUTDIR when it holds an earlier export (and nothing else)",
    )
    return parser


def _format(value: str) -> str:
    """Return the ``--format`` *value*; ``json``, which names none, says which format does."""
    if value.strip().casefold() == "json":
        message = "for the JSON files `nzcoop.load` reads, use 'nzcoop'"
        raise argparse.ArgumentTypeError(message)
    return value


def _role(parser: argparse.ArgumentParser) -> None:
    roles = ", ".join(role.value for role in Role)
    parser.add_argument("--role", metavar="R", help=f"one of: {roles}")


def _theme(parser: argparse.ArgumentParser) -> None:
    themes = ", ".join(theme.value for theme in Theme)
    parser.add_argument("--theme", metavar="T", help=f"one of: {themes}")


def _year(parser: argparse.ArgumentParser) -> None:
    years = parser.add_mutually_exclusive_group()
    years.add_argument("--year", metavar="Y", type=int, help="a year, such as 2013")
    years.add_argument(
        "--years",
        metavar="FIRST..LAST",
        type=_year_range,
        help="a range of years, inclusive, such as 2003..2013; leave out either end for "
        "an open one (2003.. or ..2013)",
    )


_RANGE = re.compile(r"([0-9]*)\.\.([0-9]*)")


def _year_range(text: str) -> tuple[int | None, int | None]:
    """Return the first and the last year *text* (``FIRST..LAST``) names; None for an open end.

    >>> _year_range("2003.."), _year_range("2003..2013")
    ((2003, None), (2003, 2013))
    """
    match = _RANGE.fullmatch(text)
    wrong = f"expected FIRST..LAST (2003..2013, 2003.. or ..2013), not {shown(text)}"
    if match is None or not any(match.groups()):
        raise argparse.ArgumentTypeError(wrong)
    try:
        first, last = (int(year) if year else None for year in match.groups())
    except ValueError:  # a year of more digits than Python reads
        raise argparse.ArgumentTypeError(wrong) from None
    if first is not None and last is not None and last < first:
        message = f"{shown(text)} ends before it begins: give the first year first"
        raise argparse.ArgumentTypeError(message)
    return first, last


def _participant_option(parser: argparse.ArgumentParser, narrowed: str) -> None:
    """Add ``--participant``: left out, anyone; naming one keeps what *narrowed* says."""
    parser.add_argument(
        "--participant",
        metavar="P",
        help=f"{narrowed}; P is a participant (a country, say), an organisation or a person, "
        f"such as 'New Zealand' (default: anyone, as '{ANY_PARTICIPANT}' says too)",
    )


STANDING_ONLY = "yes"
EITHER = "either"
_STANDING = {STANDING_ONLY: True, "no": False, EITHER: None}
"""The values of ``--standing``, and the API's ``standing`` each means."""


def _engagement_filters(parser: argparse.ArgumentParser) -> None:
    """Add ``--role``, ``--theme``, and ``--year`` or ``--years``."""
    _role(parser)
    _theme(parser)
    _year(parser)


def _standing(parser: argparse.ArgumentParser, default: str, narrows: str) -> None:
    """Add ``--standing``, whose help says what it *narrows*, which differs by command."""
    parser.add_argument(
        "--standing",
        choices=list(_STANDING),
        default=default,
        help=f"{narrows} (default: {default}, as in Python)",
    )


def _ids(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ids", action="store_true", help="show each record's id too")


def _organisation(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--organisation",
        metavar="O",
        help="only those in this organisation, a body inside it, or one of its events",
    )


# -- the commands -------------------------------------------------------------------------


def _data(args: argparse.Namespace) -> Dataset:
    return _load(args.data) if args.data is not None else dataset()


def _load(folder: str) -> Dataset:
    """Load the dataset folder *folder*; one that holds no data files is not a dataset.

    `load` reads a folder with no data files as an empty dataset, but a person who names
    one has almost certainly named the wrong folder.
    """
    try:
        data = load(folder)
    except DatasetError as error:
        raise _FolderError(folder, error) from error
    if not any((Path(folder) / name).is_file() for name in (*DATA_FILES, DESCRIPTOR)):
        message = (
            f"the dataset folder holds no data files; expected nzcoop JSON data files "
            f"({', '.join(DATA_FILES)}) or a CSV data package ({DESCRIPTOR})"
        )
        raise _FolderError(folder, DatasetError((Problem(folder, "$", message),)))
    return data


class _FolderError(DatasetError):
    """A dataset folder named on the command line does not load: which one, and why.

    ``diff`` loads two, and its message names the one at fault.
    """

    def __init__(self, folder: str, error: DatasetError) -> None:
        super().__init__(error.problems, more=error.more)
        self.folder = folder


def _show(args: argparse.Namespace) -> int:
    data = _data(args)
    entity = data.lookup(args.name)
    related = _related(data, entity)
    beside = [e.id for e in related if _only_alongside(entity, e)]
    cited = [_citation(data, citation) for citation in citations(entity)]
    disputed = [(d, _claims_followed(d, entity)) for d in data.discrepancies(subject=entity)]
    if args.json:
        _print_json(
            {
                "kind": kind_of(type(entity)).word,
                "record": _plain(entity),
                "engagements": [_plain(e) for e in related],
                "alongside": beside,
                "discrepancies": [
                    {"id": d.id, "name": d.name, "follows": claims} for d, claims in disputed
                ],
                "citations": cited,
            }
        )
        return EXIT_OK
    lines = [f"{data.full_name(entity)}  ({kind_of(type(entity)).word} {entity.id})"]
    if entity.names:
        lines.append("also: " + "; ".join(f"{n.value} ({n.kind.value})" for n in entity.names))
    lines.extend(_field_lines(data, entity))
    lines.extend(["", f"engagements ({len(related)}):"])
    lines.extend(
        f"  {_engagement_line(data, e)}" + ("  [alongside]" if e.id in beside else "")
        for e in related
    )
    if disputed:
        lines.extend(["", f"discrepancies ({len(disputed)}):"])
        for discrepancy, claims in disputed:
            lines.append(f"  {discrepancy.name}  ({discrepancy.id})")
            lines.extend(f"    its values follow: {claim}" for claim in claims)
    lines.extend(["", f"citations ({len(cited)}):"])
    lines.extend(_citation_lines(cited))
    _say(lines)
    return EXIT_OK


def _field_lines(data: Dataset, entity: Entity) -> Iterator[str]:
    """Yield `show`'s lines for *entity*'s fields: records inside one field one a line."""
    for field in attrs.fields(type(entity)):
        value = getattr(entity, field.name)
        if isinstance(entity, Event) and field.name == "start":
            yield f"date: {describe(entity)}"
        elif field.name in _NOT_FIELDS or (
            isinstance(entity, Event) and field.name in {"end", "precision"}
        ):
            continue
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            yield f"{field.name}:"  # records inside it (offices, sides): one a line
            for inner in value:
                yield f"  {_inner(data, inner)}"
                if isinstance(inner, Side) and isinstance(entity, Discrepancy):
                    yield from _side_citation(_citation(data, entity.sources[inner.citation]))
        else:
            yield f"{field.name}: {_field(data, entity, field.name)}"


def _citation_lines(cited: list[dict[str, Any]]) -> Iterator[str]:
    """Yield `show`'s lines for the citations *cited*, grouped by their document."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for citation in cited:
        by_source.setdefault(citation["source"], []).append(citation)
    for source, quotes in by_source.items():
        yield from (f"  {quotes[0]['title']} [{source}]", f"    {quotes[0]['url']}")
        yield from (f"    {_quote(c['section'], c['quote'])}" for c in quotes)


def _side_citation(cited: dict[str, Any]) -> Iterator[str]:
    """Yield the lines that give a side of a discrepancy the document and quote it cites."""
    yield f"    cited from {cited['title']} [{cited['source']}]"
    yield f"      {_quote(cited['section'], cited['quote'])}"


def _claims_followed(discrepancy: Discrepancy, entity: Entity) -> list[str]:
    """Return the claims of *discrepancy* that *entity*'s values are typed from, if any.

    A record may follow more than one: a name from one document's claim, another
    spelling of it from another's.
    """
    return [side.claim for side in discrepancy.sides if entity.id in side.records]


_NOT_FIELDS = frozenset({"id", "name", "names", "sources"})
"""The fields `show` does not list as fields: it names the record, and cites it, apart."""


def _related(data: Dataset, entity: Entity) -> list[Engagement]:
    """Return the engagements *entity* holds, is the target of, or is named alongside in.

    For an organisation, also those held in a body inside it or in one of its events.
    Its own come first, then those where it only acts alongside another; each by id.
    """
    found = {
        e.id: e
        for e in data.engagements()
        if entity.id in {e.participant, e.target} or entity.id in e.alongside
    }
    if isinstance(entity, Organisation):
        found.update((e.id, e) for e in data.engagements(organisation=entity))
    return sorted(found.values(), key=lambda e: (_only_alongside(entity, e), e.id))


def _only_alongside(entity: Entity, engagement: Engagement) -> bool:
    """Return whether *entity* is in *engagement* only as one alongside its participant."""
    return entity.id in engagement.alongside and entity.id not in {
        engagement.participant,
        engagement.target,
    }


def _orgs(args: argparse.Namespace) -> int:
    data = _data(args)
    participant = _participant(args.participant)
    found = data.organisations(
        role=args.role,
        theme=args.theme,
        year=args.year,
        years=args.years,
        participant=participant,
        standing=_STANDING[args.standing],
    )
    names = {o.id: data.full_name(o) for o in found}
    ordered = sorted(found, key=lambda o: (names[o.id].casefold(), o.id))
    ids = [o.id for o in ordered]
    if participant is None:
        rows = [[names[o.id], o.kind.value] for o in ordered]
        return _listing(args, found, ["NAME", "KIND"], rows, ids)
    roles = roles_held(
        data,
        participant,
        role=args.role,
        year=args.year,
        years=args.years,
        standing=_STANDING[args.standing],
    )
    rows = [
        [names[o.id], o.kind.value, ", ".join(t for t, _ in roles.get(o.id, []))] for o in ordered
    ]
    return _listing(args, found, ["NAME", "KIND", "ROLES"], rows, ids)


def _participant(given: str | None) -> str | None:
    """Return the participant *given* names, or None for anyone (also as ``any``)."""
    return None if given is None or given.casefold() == ANY_PARTICIPANT else given


def roles_held(
    data: Dataset,
    holder: str,
    *,
    role: str | None = None,
    year: int | None = None,
    years: tuple[int | None, int | None] | None = None,
    standing: bool | None = None,
) -> dict[str, list[tuple[str, bool]]]:
    """Return the roles *holder* holds in each organisation, by the organisation's id.

    Each is its text and whether it is standing. Standing roles come first, by name
    (``member``); then the roles held at each of the organisation's events, which
    `Dataset.organisations` counts too, with the event (``attendee and co-chair at the
    2013 meeting``). ``nzcoop orgs`` shows them, and so does the docs' diagram.

    Only the engagements that *role*, *year*, *years* and *standing* keep are looked at,
    as `Dataset.engagements` keeps them, so that ``nzcoop orgs`` shows the roles that
    matched its filters; by default, every one.
    """
    held: dict[str, dict[str, list[str]]] = {}  # organisation -> where -> roles
    engagements = data.engagements(
        participant=holder, role=role, year=year, years=years, standing=standing
    )
    for engagement in engagements:
        target = data.lookup(engagement.target)
        if isinstance(target, Organisation):
            places = [(target.id, "")]
        elif isinstance(target, Event):
            when = f"the {target.start.year}" if target.start is not None else "a"
            places = [(org, f" at {when} {target.kind.value}") for org in target.organisations]
        else:  # an instrument, which is no organisation
            continue
        for organisation, where in places:
            roles = held.setdefault(organisation, {"": []}).setdefault(where, [])
            roles.append(engagement.role.value)
    found: dict[str, list[tuple[str, bool]]] = {}
    for organisation, by_place in held.items():
        in_it = [(name, True) for name in by_place.pop("")]
        at_events = [(" and ".join(names) + where, False) for where, names in by_place.items()]
        found[organisation] = in_it + at_events
    return found


def _engagements(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.engagements(
        organisation=args.organisation,
        participant=_participant(args.participant),
        role=args.role,
        theme=args.theme,
        year=args.year,
        years=args.years,
        standing=_STANDING[args.standing],
    )
    rows = [
        [data.full_name(e.participant), e.role.value, data.full_name(e.target), _years(e)]
        for e in found
    ]
    return _listing(args, found, ["PARTICIPANT", "ROLE", "TARGET", "YEARS"], rows)


def _events(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.events(
        organisation=args.organisation, theme=args.theme, year=args.year, years=args.years
    )
    rows = [
        [describe(e), e.name, e.kind.value, ", ".join(map(data.full_name, e.places))] for e in found
    ]
    return _listing(args, found, ["DATE", "NAME", "KIND", "PLACES"], rows)


def _timeline(args: argparse.Namespace) -> int:
    data = _data(args)
    entries = [
        {"date": first_date(e), "kind": "event", "id": e.id, "name": e.name}
        for e in data.events(organisation=args.organisation)
    ]
    events = {event.id: event for event in data.events()}
    attesting = attesting_years(data.entities())
    entries.extend(
        {
            "date": engagement_first(e, events, attesting),
            "kind": "engagement",
            "id": e.id,
            "name": e.name,
        }
        for e in data.engagements(organisation=args.organisation)
    )
    entries.sort(key=lambda x: (x["date"] is None, x["date"] or "", x["kind"], x["id"]))
    if args.json:
        _print_json(entries)
    else:
        rows = [[x["date"] or "undated", x["kind"], x["name"]] for x in entries]
        ids = [str(x["id"]) for x in entries]
        _out(_table(args, ["DATE", "KIND", "NAME"], rows, ids))
    return EXIT_OK if entries else EXIT_PROBLEMS


def _sources(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.sources()
    counts = {source.id: len(data.cited_by(source)) for source in found}
    if args.json:
        _print_json([{**_plain(s), "cited_by": counts[s.id]} for s in found])
    else:
        rows = [[s.title or s.name, _text(s.date), counts[s.id], s.url] for s in found]
        header = ["TITLE", "DATE", "CITED BY", "URL"]
        _out(_table(args, header, rows, [s.id for s in found]))
    return EXIT_OK if found else EXIT_PROBLEMS


def _cited(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.cited_by(args.source)
    source = data.lookup(args.source)
    records: list[dict[str, Any]] = [
        {
            "kind": kind_of(type(record)).word,
            "id": record.id,
            "name": record.name,
            "citations": [
                {"section": c.section, "quote": c.quote}
                for c in citations(record)
                if c.source == source.id
            ],
        }
        for record in found
    ]
    if args.json:
        _print_json(records)
    else:
        assert isinstance(source, Source)  # noqa: S101 - cited_by found it as one
        cite = counted(len(records), "record cites", "records cite")
        lines = [f"{cite} {source.title}" + _id(args, source.id), source.url]
        for record in records:
            name = data.full_name(record["id"])
            lines.extend(["", f"{name} ({record['kind']})" + _id(args, record["id"])])
            lines.extend(f"    {_quote(c['section'], c['quote'])}" for c in record["citations"])
        _say(lines)
    return EXIT_OK if records else EXIT_PROBLEMS


def _diff(args: argparse.Namespace) -> int:
    old = _load(args.old)
    new = _load(args.new) if args.new else dataset()
    change = old.diff(new)

    def brief(record: Entity) -> dict[str, str]:
        return {"kind": kind_of(type(record)).word, "id": record.id, "name": record.name}

    report: dict[str, Any] = {
        "old_release": change.old_release,
        "new_release": change.new_release,
        "added": [brief(r) for r in change.added],
        "removed": [brief(r) for r in change.removed],
        "changed": [{**brief(c.new), "fields": list(c.fields)} for c in change.changed],
    }
    if args.json:
        _print_json(report)
    else:
        releases = f"{change.old_release or '(none)'} -> {change.new_release or '(none)'}"
        counts = (len(change.added), len(change.removed), len(change.changed))
        lines = [f"{releases}: {counts[0]} added, {counts[1]} removed, {counts[2]} changed"]
        for records, mark, within in ((change.added, "+", new), (change.removed, "-", old)):
            lines.extend(
                f"{mark} {kind_of(type(r)).word} {r.id}: {within.full_name(r)}" for r in records
            )
        lines.extend(
            f"~ {c['kind']} {c['id']}: {', '.join(c['fields'])}" for c in report["changed"]
        )
        _say(lines)
    return EXIT_PROBLEMS if change else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    try:
        data = _load(args.folder)
    except DatasetError as error:
        if args.json:
            report = {"valid": False, "problems": _problems(error.problems), "more": error.more}
            _print_json(report)
        else:
            summary = f"{args.folder}: {counted(len(error.problems), 'problem', 'problems')}"
            if error.more:
                summary += f", and at least {error.more} more not listed"
            _say([*map(str, error.problems), summary])
        return EXIT_PROBLEMS
    count = len(data.entities())
    if args.json:
        _print_json(
            {"valid": True, "release": data.release, "digest": data.digest, "records": count}
        )
    else:
        release = data.release or "(none)"
        records = counted(count, "record", "records")
        _say([f"{args.folder}: valid; release {release}, {records}, {data.digest}"])
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    data = _data(args)
    written = export(data, args.format, args.outdir, force=args.force, raw_cells=args.raw_cells)
    if args.json:
        _print_json(
            {
                "format": args.format,
                "files": [str(path) for path in written],
                "release": data.release,
                "digest": data.digest,
            }
        )
    else:  # one path a line, never wrapped, so that each can be copied whole
        _out("\n".join(visible(str(path)) for path in written))
    return EXIT_OK


def _cite(args: argparse.Namespace) -> int:
    data = _data(args)
    release = data.release or "(none)"
    documents = [
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "date": _text(source.date) if source.date else None,
            "url": source.url,
        }
        for source in data.sources()
    ]
    text = (
        f"{AUTHORS}. {TITLE}. Data release {release}, digest {data.digest}; "
        f"read with nzcoop {__version__}."
    )
    if args.json:
        _print_json(
            {
                "title": TITLE,
                "authors": AUTHORS,
                "version": __version__,
                "release": data.release,
                "digest": data.digest,
                "citation": text,
                "sources": documents,
            }
        )
        return EXIT_OK
    lines = ["Cite the data you used as:", "", f"  {text}"]
    if documents:
        lines.extend(["", "It is drawn from these documents, which you may cite too:"])
        for d in documents:
            date = f" ({d['date']})" if d["date"] else ""
            lines.extend(["", f"  {d['publisher']}{date}. {d['title']}.", f"    {d['url']}"])
    _say(lines)
    return EXIT_OK


# -- formatting ---------------------------------------------------------------------------


def _listing(
    args: argparse.Namespace,
    found: Sequence[Entity],
    header: list[str],
    rows: list[list[Any]],
    ids: Sequence[str] | None = None,
) -> int:
    """Print *found* as JSON records or as a table; exit 1 when it is empty.

    The table's *rows* are in the order of *ids*, or of *found* when None.
    """
    if args.json:
        _print_json([_plain(record) for record in found])
    else:
        ids = [record.id for record in found] if ids is None else ids
        _out(_table(args, header, rows, ids))
    return EXIT_OK if found else EXIT_PROBLEMS


def _table(
    args: argparse.Namespace,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    ids: Sequence[str],
) -> str:
    """Return *rows* as a table that fits the terminal; with ``--ids``, the *ids* last.

    An id is copied whole, so it is never broken at a hyphen: its column is as wide as
    its longest id, or each id stands under its row (see `table`).
    """
    if args.ids:
        header = [*header, "ID"]
        rows = [[*row, key] for row, key in zip(rows, ids, strict=True)]
    return table(header, rows, _width(), whole=["ID"])


def _id(args: argparse.Namespace, id: str) -> str:
    """Return `` [id]`` to follow a name with ``--ids``, else nothing."""
    return f" [{id}]" if args.ids else ""


def _say(lines: Iterable[str]) -> None:
    r"""Write *lines* to standard output, each shown through `visible` and wrapped to fit.

    Each is one line as the caller means it: a newline inside one came from a value,
    and is shown as ``\n``.
    """
    _out(paragraphs("\n".join(map(visible, lines)), _width()))


def _json_text(value: object, stream: TextIO | None) -> str:
    """Return *value* as JSON for *stream*: exact, but escaped where it could act on a terminal.

    Text is written as it is where the stream's encoding is a Unicode one, escaped
    otherwise; what `visible` would escape is a JSON escape either way.
    """
    indent = 2 if stream is sys.stdout else None
    return visible_json(json.dumps(value, ensure_ascii=not _unicode(stream), indent=indent))


def _print_json(value: object) -> None:
    """Print *value* as JSON."""
    _out(_json_text(value, sys.stdout))


def _plain(record: Entity) -> Any:  # noqa: ANN401 - a JSON value
    """Return *record* as the JSON the data files hold."""
    from ._convert import converter

    return converter().unstructure(record)


def _problems(problems: Iterable[Problem]) -> list[dict[str, str]]:
    return [attrs.asdict(problem) for problem in problems]


def _field(data: Dataset, record: object, name: str) -> str:
    """Return the value of the field *name* of *record* as text for `show`.

    A reference is the full name of the record it names, with its id (a loaded dataset's
    references all name one of its records).
    """
    value: object = getattr(record, name)
    if name not in dict(kind_of(type(record)).references):
        return _text(value)
    ids = value if isinstance(value, tuple) else () if value is None else (value,)
    return "; ".join(f"{data.full_name(id_)} ({id_})" for id_ in map(str, ids)) or "-"


def _inner(data: Dataset, record: attrs.AttrsInstance) -> str:
    """Return a record inside an entity (an office, a side) as its fields, for `show`.

    An inference is its field, then why: ``kind: The documents do not say ...``. A side
    of a discrepancy leaves out the position of its citation, which `_side_citation`
    shows as the document and quote it is.
    """
    if isinstance(record, Inference):
        return f"{record.field}: {record.reason}"
    return ", ".join(
        f"{field.name} {_field(data, record, field.name)}"
        for field in attrs.fields(type(record))
        if field.name != "sources" and not (isinstance(record, Side) and field.name == "citation")
    )


def _text(value: object) -> str:
    """Return a field's value as text: ``-`` for None, enum values, ISO dates, lists joined."""
    if value is None:
        return "-"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(_text(item) for item in value) if value else "-"
    return str(value)


def _years(engagement: Engagement) -> str:
    if engagement.since is None and engagement.until is None:
        return ""
    if engagement.since == engagement.until:
        return str(engagement.since)
    since = "" if engagement.since is None else str(engagement.since)
    until = "" if engagement.until is None else str(engagement.until)
    return f"{since}\u2013{until}"


def _citation(data: Dataset, citation: Citation) -> dict[str, Any]:
    source = data.follow(citation, "source")
    assert isinstance(source, Source)  # noqa: S101 - a validated reference
    return {
        "source": source.id,
        "title": source.title or source.name,
        "section": citation.section,
        "quote": citation.quote,
        "url": source.url,
    }


def _quote(section: str | None, quote: str) -> str:
    """Return a citation's section (or that it has none) and its quote, for a line."""
    return f"{section or '(before any heading)'}: \u201c{quote}\u201d"


def _engagement_line(data: Dataset, engagement: Engagement) -> str:
    years = _years(engagement)
    return (
        f"{data.full_name(engagement.participant)} \u2014 {engagement.role.value} \u2014 "
        f"{data.full_name(engagement.target)}" + (f" ({years})" if years else "")
    )

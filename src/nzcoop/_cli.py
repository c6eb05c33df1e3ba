"""The ``nzcoop`` command line: ask the data a question, check a dataset, or export it.

Every command prints a human-readable table, or JSON with ``--json`` (the records in the
same layout as the data files, so the keys are the record fields). Query commands read
the packaged data, or the dataset folder given with ``--data DIR``.

Tables fit the terminal (its width, or ``COLUMNS``): a long cell wraps inside its
column. They name records by their names; ``--ids`` adds a column of ids, and ``--json``
always has them. Output that the terminal's encoding cannot show is replaced, never an
error; JSON escapes it instead, so that it stays exact.

Exit codes:

- 0: done.
- 1: problems found (``validate``, or a ``--data`` folder that does not load or holds
  no data files), nothing matched (a listing command that lists no records: ``orgs``,
  ``engagements``, ``events``, ``timeline``, ``sources`` and ``cited``, as ``grep``
  does), the datasets differ (``diff``, as ``diff`` does), or the export could not be
  written.
- 2: usage error: a bad option, an unknown role or theme, or a name that names nothing
  (the message suggests close names).
- 141: the reader of the output went away (``nzcoop timeline | head -1``): the status
  of a program ended by ``SIGPIPE``, with no message, as other command-line tools do.

Errors go to standard error, as JSON (``{"error": ..., "suggestions": [...]}``) with
``--json``, usage errors too. This module is imported only by ``python -m nzcoop`` and
the ``nzcoop`` script, never by ``import nzcoop``.
"""

from __future__ import annotations

import argparse
import codecs
import datetime
import enum
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

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
    printable,
)
from ._export import AUTHORS, FORMATS, TITLE, export
from ._files import DATA_FILES, load
from ._model import (
    Citation,
    Engagement,
    Entity,
    Event,
    Office,
    Organisation,
    Source,
    citations,
    kind_of,
)
from ._package import DESCRIPTOR
from ._packaged import dataset
from ._table import paragraphs, table
from ._version import __version__
from ._vocabulary import Role, Theme

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
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
        141 when the reader of the output went away.

    >>> main(["validate", "no-such-folder"])
    no-such-folder: $: the dataset folder does not exist
    no-such-folder: 1 problem
    1
    """
    _replace_unencodable(sys.stdout)
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_PIPE
    return code


def _run(argv: list[str]) -> int:
    """Parse *argv* and run its command; report a usage error as the command asked."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        if "--json" in argv:
            report = {"error": error.message, "suggestions": [], "usage": error.usage.strip()}
            _write(sys.stderr, json.dumps(report, ensure_ascii=not _unicode(sys.stderr)))
        else:
            _write(sys.stderr, f"{error.usage.rstrip()}\n{error.prog}: error: {error.message}")
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
        where = args.data if getattr(args, "data", None) is not None else "the packaged data"
        message = f"the dataset in {where} is not valid; run `nzcoop validate` for details"
        if not args.json:
            message += "".join(f"\n  {problem}" for problem in error.problems)
            message += f"\n  and at least {error.more} more" if error.more else ""
        return _fail(args, message, (), EXIT_PROBLEMS, _problems(error.problems))
    except ExportError as error:
        return _fail(args, str(error), (), EXIT_PROBLEMS)


def _fail(
    args: argparse.Namespace,
    message: str,
    suggestions: Sequence[str],
    code: int,
    problems: list[dict[str, str]] | None = None,
) -> int:
    """Report an error on standard error and return *code*."""
    if args.json:
        report: dict[str, Any] = {"error": message, "suggestions": list(suggestions)}
        if problems is not None:
            report["problems"] = problems
        _write(sys.stderr, json.dumps(report, ensure_ascii=not _unicode(sys.stderr)))
    else:
        _write(sys.stderr, f"nzcoop: error: {message}")
    return code


# -- the terminal ---------------------------------------------------------------------------


def _replace_unencodable(stream: TextIO) -> None:
    """Have *stream* write ``?`` for what its encoding cannot hold, instead of failing.

    Under a locale such as ``LC_ALL=C`` standard output is ASCII, and the data is not.
    """
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")


def _unicode(stream: TextIO) -> bool:
    """Return whether *stream* can write any text (its encoding is a Unicode one)."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    return codecs.lookup(encoding).name.startswith("utf")


def _discard_stdout() -> None:
    """Send what is left for standard output to the null device, so exiting is quiet.

    The reader is gone; without this, Python's final flush would report the broken pipe.
    """
    try:
        fileno = sys.stdout.fileno()
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
       differ (diff), or cannot write
  2    usage error: a bad option, an unknown role or theme, or an unknown name
  141  the reader of the output went away (nzcoop timeline | head -1)
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
    sentence, which may be wider than the terminal.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises its usage errors instead of printing them."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self.prog, self.format_usage(), message)


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
    parser.add_argument("--version", action="version", version=f"nzcoop {__version__}")
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
        "Show an entity with its names, engagements and citations.",
        "  nzcoop show M5\n  nzcoop show 'Bali Process' --json\n",
        data,
    )
    show.add_argument("name", metavar="NAME", help="an id, a name, an acronym or a former name")

    orgs = command(
        "orgs",
        _orgs,
        "List the organisations a participant (New Zealand unless named) holds a role in, "
        "with its roles there.",
        "  nzcoop orgs --role co-chair\n"
        "  nzcoop orgs --theme people-smuggling --participant any\n"
        "  nzcoop orgs --participant Australia --year 2013 --json\n",
        data,
    )
    _participant_option(orgs)
    _engagement_filters(orgs, STANDING_ONLY)
    _ids(orgs)

    engagements = command(
        "engagements",
        _engagements,
        "List engagements: who holds which role in which organisation, instrument or event.",
        "  nzcoop engagements --organisation 'Bali Process' --role co-chair\n"
        "  nzcoop engagements --participant 'New Zealand' --year 2013 --json\n",
        data,
    )
    _organisation(engagements)
    engagements.add_argument(
        "--participant", metavar="P", help="only engagements of this participant"
    )
    _engagement_filters(engagements, EITHER)
    _ids(engagements)

    events = command(
        "events",
        _events,
        "List events in date order.",
        "  nzcoop events --year 2013\n  nzcoop events --organisation IOM --json\n",
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
    parser.add_argument("--year", metavar="Y", type=int, help="a year, such as 2013")


def _participant_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--participant",
        metavar="P",
        help="only organisations this participant holds a role in, and the table shows "
        f"its roles (such as 'New Zealand'; default: anyone, as is '{ANY_PARTICIPANT}')",
    )


STANDING_ONLY = "yes"
EITHER = "either"
_STANDING = {STANDING_ONLY: True, "no": False, EITHER: None}
"""The values of ``--standing``, and the API's ``standing`` each means."""


def _engagement_filters(parser: argparse.ArgumentParser, standing: str) -> None:
    """Add the options that select engagements: role, theme, year, and standing."""
    _role(parser)
    _theme(parser)
    _year(parser)
    _standing(parser, standing)


def _standing(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--standing",
        choices=list(_STANDING),
        default=default,
        help="count standing roles only (yes), roles held at one meeting only (no), or "
        f"either (default: {default}, as in Python)",
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
    data = load(folder)
    if not any((Path(folder) / name).is_file() for name in (*DATA_FILES, DESCRIPTOR)):
        message = "the dataset folder holds no data files; expected " + ", ".join(DATA_FILES)
        raise DatasetError((Problem(folder, "$", message),))
    return data


def _show(args: argparse.Namespace) -> int:
    data = _data(args)
    entity = data.lookup(args.name)
    related = _related(data, entity)
    beside = [e.id for e in related if _only_alongside(entity, e)]
    cited = [_citation(data, citation) for citation in citations(entity)]
    if args.json:
        _print_json(
            {
                "kind": kind_of(type(entity)).word,
                "record": _plain(entity),
                "engagements": [_plain(e) for e in related],
                "alongside": beside,
                "citations": cited,
            }
        )
        return EXIT_OK
    lines = [f"{entity.name}  ({kind_of(type(entity)).word} {entity.id})"]
    if entity.names:
        lines.append("also: " + "; ".join(f"{n.value} ({n.kind.value})" for n in entity.names))
    lines.extend(
        f"{field.name}: {_text(getattr(entity, field.name))}"
        for field in attrs.fields(type(entity))
        if field.name not in {"id", "name", "names", "sources"}
    )
    lines.append(f"\nengagements ({len(related)}):")
    lines.extend(
        f"  {_engagement_line(data, e)}" + ("  [alongside]" if e.id in beside else "")
        for e in related
    )
    lines.append(f"\ncitations ({len(cited)}):")
    lines.extend(f"  {_citation_line(c)}" for c in cited)
    _say("\n".join(lines))
    return EXIT_OK


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
        participant=participant,
        standing=_STANDING[args.standing],
    )
    if participant is None:
        rows = [[o.name, o.kind.value] for o in found]
        return _listing(args, found, ["NAME", "KIND"], rows)
    roles = roles_held(data, data.lookup(participant).id)
    rows = [[o.name, o.kind.value, ", ".join(t for t, _ in roles.get(o.id, []))] for o in found]
    return _listing(args, found, ["NAME", "KIND", "ROLES"], rows)


def _participant(given: str | None) -> str | None:
    """Return the participant *given* names, or None for anyone (also as ``any``)."""
    return None if given is None or given.casefold() == ANY_PARTICIPANT else given


def roles_held(data: Dataset, holder: str) -> dict[str, list[tuple[str, bool]]]:
    """Return the roles *holder* holds in each organisation, by the organisation's id.

    Each is its text and whether it is standing. Standing roles come first, by name
    (``member``); then the roles held at each of the organisation's events, which
    `Dataset.organisations` counts too, with the event (``attendee and co-chair at the
    2013 meeting``). ``nzcoop orgs`` shows them, and so does the docs' diagram.
    """
    held: dict[str, dict[str, list[str]]] = {}  # organisation -> where -> roles
    for engagement in data.engagements(participant=holder):
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
        standing = [(role, True) for role in by_place.pop("")]
        at_events = [(" and ".join(roles) + where, False) for where, roles in by_place.items()]
        found[organisation] = standing + at_events
    return found


def _engagements(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.engagements(
        organisation=args.organisation,
        participant=_participant(args.participant),
        role=args.role,
        theme=args.theme,
        year=args.year,
        standing=_STANDING[args.standing],
    )
    rows = [
        [_name(data, e.participant), e.role.value, _name(data, e.target), _years(e)] for e in found
    ]
    return _listing(args, found, ["PARTICIPANT", "ROLE", "TARGET", "YEARS"], rows)


def _events(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.events(organisation=args.organisation, theme=args.theme, year=args.year)
    rows = [
        [describe(e), e.name, e.kind.value, _name(data, e.place) if e.place else ""] for e in found
    ]
    return _listing(args, found, ["DATE", "NAME", "KIND", "PLACE"], rows)


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
        _write(sys.stdout, _table(args, ["DATE", "KIND", "NAME"], rows, ids))
    return EXIT_OK if entries else EXIT_PROBLEMS


def _sources(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.sources()
    counts = {source.id: len(data.cited_by(source)) for source in found}
    if args.json:
        _print_json([{**_plain(s), "cited_by": counts[s.id]} for s in found])
    else:
        rows = [[s.title or s.name, _text(s.date), counts[s.id], _text(s.url)] for s in found]
        header = ["TITLE", "DATE", "CITED BY", "URL"]
        _write(sys.stdout, _table(args, header, rows, [s.id for s in found]))
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
        lines = [f"{len(records)} records cite {source.name}" + _id(args, source.id)]
        for record in records:
            lines.append(f"\n{record['name']} ({record['kind']})" + _id(args, record["id"]))
            lines.extend(
                f"    {c['section'] or '(before any heading)'}: \u201c{c['quote']}\u201d"
                for c in record["citations"]
            )
        _say("\n".join(lines))
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
        for heading, mark in (("added", "+"), ("removed", "-")):
            lines.extend(f"{mark} {r['kind']} {r['id']}: {r['name']}" for r in report[heading])
        lines.extend(
            f"~ {c['kind']} {c['id']}: {', '.join(c['fields'])}" for c in report["changed"]
        )
        _say("\n".join(lines))
    return EXIT_PROBLEMS if change else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    try:
        data = _load(args.folder)
    except DatasetError as error:
        if args.json:
            report = {"valid": False, "problems": _problems(error.problems), "more": error.more}
            _print_json(report)
        else:
            count = len(error.problems)
            summary = f"{args.folder}: {count} problem" + ("" if count == 1 else "s")
            if error.more:
                summary += f", and at least {error.more} more not listed"
            _say("\n".join([*map(str, error.problems), summary]))
        return EXIT_PROBLEMS
    count = len(data.entities())
    if args.json:
        _print_json(
            {"valid": True, "release": data.release, "digest": data.digest, "records": count}
        )
    else:
        _say(
            f"{args.folder}: valid; release {data.release or '(none)'}, {count} records, "
            f"{data.digest}"
        )
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
    else:
        _write(sys.stdout, "\n".join(str(path) for path in written))
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
    _say("\n".join(lines))
    return EXIT_OK


# -- formatting ---------------------------------------------------------------------------


def _listing(
    args: argparse.Namespace, found: Sequence[Entity], header: list[str], rows: list[list[Any]]
) -> int:
    """Print *found* as JSON records or as a table; exit 1 when it is empty."""
    if args.json:
        _print_json([_plain(record) for record in found])
    else:
        _write(sys.stdout, _table(args, header, rows, [record.id for record in found]))
    return EXIT_OK if found else EXIT_PROBLEMS


def _table(
    args: argparse.Namespace,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    ids: Sequence[str],
) -> str:
    """Return *rows* as a table that fits the terminal; with ``--ids``, the *ids* last."""
    if args.ids:
        header = [*header, "ID"]
        rows = [[*row, key] for row, key in zip(rows, ids, strict=True)]
    return table(header, rows, _width())


def _id(args: argparse.Namespace, id: str) -> str:
    """Return `` [id]`` to follow a name with ``--ids``, else nothing."""
    return f" [{id}]" if args.ids else ""


def _say(text: str) -> None:
    """Write *text* to standard output, its long lines wrapped to fit the terminal."""
    _write(sys.stdout, paragraphs(text, _width()))


def _write(stream: TextIO, text: str) -> None:
    """Write *text* and a newline to *stream* (looked up at call time, so tests capture it).

    A folder named on the command line may hold bytes that are not UTF-8 (Python gives
    them as lone surrogates): they are written as escapes, where printing them would fail.
    """
    stream.write(printable(text) + "\n")


def _print_json(value: object) -> None:
    """Print *value* as JSON: its text as is, or escaped where the output is not Unicode."""
    _write(sys.stdout, json.dumps(value, ensure_ascii=not _unicode(sys.stdout), indent=2))


def _plain(record: Entity) -> Any:  # noqa: ANN401 - a JSON value
    """Return *record* as the JSON the data files hold."""
    from ._convert import converter

    return converter().unstructure(record)


def _problems(problems: Iterable[Problem]) -> list[dict[str, str]]:
    return [attrs.asdict(problem) for problem in problems]


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
    if isinstance(value, Office):
        return ", ".join(
            f"{field.name} {_text(getattr(value, field.name))}"
            for field in attrs.fields(Office)
            if field.name != "sources"
        )
    return str(value)


def _name(data: Dataset, id: str) -> str:
    """Return the name of the record with *id*."""
    return data.lookup(id).name


def _years(engagement: Engagement) -> str:
    if engagement.since is None and engagement.until is None:
        return ""
    if engagement.since == engagement.until:
        return str(engagement.since)
    since = "" if engagement.since is None else str(engagement.since)
    until = "" if engagement.until is None else str(engagement.until)
    return f"{since}\u2013{until}"


def _citation(data: Dataset, citation: Citation) -> dict[str, Any]:
    source = data.lookup(citation.source)
    assert isinstance(source, Source)  # noqa: S101 - a validated reference
    return {
        "source": source.id,
        "title": source.title or source.name,
        "section": citation.section,
        "quote": citation.quote,
        "url": source.url,
    }


def _citation_line(citation: dict[str, Any]) -> str:
    section = f", {citation['section']}" if citation["section"] else ""
    return f"[{citation['source']}] {citation['title']}{section}: \u201c{citation['quote']}\u201d"


def _engagement_line(data: Dataset, engagement: Engagement) -> str:
    years = _years(engagement)
    return (
        f"{_name(data, engagement.participant)} \u2014 {engagement.role.value} \u2014 "
        f"{_name(data, engagement.target)}" + (f" ({years})" if years else "")
    )
